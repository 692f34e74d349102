-- step 1: create (Author.objects.create(name="old", email="a@e"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['old', 'a@e']
-- rows: 1
-- step 2: bulk_create (Author.objects.bulk_create([n1 a@e, n2 b@e, n3 c@e], ignore_conflicts=True))
BEGIN;
INSERT INTO "app_author" ("name", "email") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) ON CONFLICT DO NOTHING;
-- params: [['n1', 'n2', 'n3'], ['a@e', 'b@e', 'c@e']]
-- rows: 2
COMMIT;
-- step 4: bulk_create (Author.objects.bulk_create([u1 a@e, u2 b@e, u5 e@e], update_conflicts=True, unique_fields=["email"], update_fields=["name"]))
BEGIN;
INSERT INTO "app_author" ("name", "email") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) ON CONFLICT("email") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "app_author"."id";
-- params: [['u1', 'u2', 'u5'], ['a@e', 'b@e', 'e@e']]
-- rows: 3
COMMIT;
-- step 5: bulk_create (the same with one object (VALUES))
BEGIN;
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) ON CONFLICT("email") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "app_author"."id";
-- params: ['solo', 'a@e']
-- rows: 1
COMMIT;
-- step 7: bulk_create (Author.objects.bulk_create([x f@e, y a@e]) (a duplicate, no option))
BEGIN;
INSERT INTO "app_author" ("name", "email") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) RETURNING "app_author"."id";
-- params: [['x', 'y'], ['f@e', 'a@e']]
-- error: 23505: duplicate key value violates unique constraint "app_author_email_key"
-- detail: Key (email)=(a@e) already exists.
ROLLBACK;
-- raised IntegrityError: duplicate key value violates unique constraint "app_author_email_key"
-- step 8: bulk_create (update_fields=["id"])
-- raised ValueError: bulk_create() cannot be used with primary keys in update_fields.
