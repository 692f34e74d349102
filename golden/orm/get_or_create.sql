-- step 1: get_or_create (absent, so created)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21;
-- params: ['x@e']
-- rows: 0
BEGIN;
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['n', 'x@e']
-- rows: 1
COMMIT;
-- step 2: get_or_create (present, so only the SELECT)
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21;
-- params: ['x@e']
-- rows: 1
-- step 3: get_or_create (a concurrent insert between the SELECT and the INSERT)
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21;
-- params: ['race@e']
-- rows: 0
-- session: other
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO app_author (name, email) VALUES ('racer', 'race@e');
-- rows: 1
-- session: main
BEGIN;
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['mine', 'race@e']
-- error: 23505: duplicate key value violates unique constraint "app_author_email_key"
-- detail: Key (email)=(race@e) already exists.
ROLLBACK;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21;
-- params: ['race@e']
-- rows: 1
-- step 5: sql
INSERT INTO app_author (name, email) VALUES ('dup', 'd1@e'), ('dup', 'd2@e');
-- rows: 2
-- step 6: get_or_create (two rows match)
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."name" = $1 LIMIT 21;
-- params: ['dup']
-- rows: 2
-- raised MultipleObjectsReturned: get() returned more than one Author -- it returned 2!
-- step 7: get_or_create (defaults that violate NOT NULL re-raise the IntegrityError after the second SELECT)
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21;
-- params: ['null@e']
-- rows: 0
BEGIN;
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: [NULL, 'null@e']
-- error: 23502: null value in column "name" of relation "app_author" violates not-null constraint
-- detail: Failing row contains (6, null, null@e).
ROLLBACK;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21;
-- params: ['null@e']
-- rows: 0
-- raised IntegrityError: null value in column "name" of relation "app_author" violates not-null constraint
