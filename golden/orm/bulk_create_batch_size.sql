-- step 1: bulk_create (Blog.objects.bulk_create([Blog(name="a"), Blog(name="b"), Blog(name="c")], batch_size=2))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
INSERT INTO "app_blog" ("name", "tagline") SELECT * FROM UNNEST(($1)::varchar[], ($2)::text[]) RETURNING "app_blog"."id";
-- params: [['a', 'b'], [NULL, NULL]]
-- rows: 2
INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id";
-- params: ['c', NULL]
-- rows: 1
COMMIT;
-- step 2: bulk_create (Blog.objects.bulk_create([Blog(name="d"), Blog(id=10, name="e"), Blog(name="f")]))
BEGIN;
INSERT INTO "app_blog" ("id", "name", "tagline") VALUES ($1, $2, $3) RETURNING "app_blog"."id";
-- params: [10, 'e', NULL]
-- rows: 1
INSERT INTO "app_blog" ("name", "tagline") SELECT * FROM UNNEST(($1)::varchar[], ($2)::text[]) RETURNING "app_blog"."id";
-- params: [['d', 'f'], [NULL, NULL]]
-- rows: 2
COMMIT;
-- step 3: bulk_create (Blog.objects.bulk_create([Blog(id=20, name="g"), Blog(id=21, name="h"), Blog(name="i"), Blog(name="j")]))
BEGIN;
INSERT INTO "app_blog" ("id", "name", "tagline") SELECT * FROM UNNEST(($1)::bigint[], ($2)::varchar[], ($3)::text[]) RETURNING "app_blog"."id";
-- params: [[20, 21], ['g', 'h'], [NULL, NULL]]
-- rows: 2
INSERT INTO "app_blog" ("name", "tagline") SELECT * FROM UNNEST(($1)::varchar[], ($2)::text[]) RETURNING "app_blog"."id";
-- params: [['i', 'j'], [NULL, NULL]]
-- rows: 2
COMMIT;
-- step 6: create (Author.objects.create(name="a1", email="a1@e"))
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['a1', 'a1@e']
-- rows: 1
-- step 7: bulk_create (Author.objects.bulk_create([x, y, z with a1@e], batch_size=2))
BEGIN;
INSERT INTO "app_author" ("name", "email") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) RETURNING "app_author"."id";
-- params: [['x', 'y'], ['x@e', 'y@e']]
-- rows: 2
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['z', 'a1@e']
-- error: 23505: duplicate key value violates unique constraint "app_author_email_key"
-- detail: Key (email)=(a1@e) already exists.
ROLLBACK;
-- raised IntegrityError: duplicate key value violates unique constraint "app_author_email_key"
-- step 9: sql (with transaction.atomic())
BEGIN;
-- step 10: bulk_create (Blog.objects.bulk_create([Blog(name="k"), Blog(name="l")], batch_size=1))
INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id";
-- params: ['k', NULL]
-- rows: 1
INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id";
-- params: ['l', NULL]
-- rows: 1
-- step 11: sql (end of the atomic block)
COMMIT;
