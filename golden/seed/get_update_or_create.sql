-- step 1: update_or_create (Author absent, so created inside a savepoint)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['new@e']
-- rows: 0
SAVEPOINT "s1_x1";
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['n', 'new@e']
-- rows: 1
RELEASE SAVEPOINT "s1_x1";
COMMIT;
-- step 2: update_or_create (Author present, so updated (only the defaults' fields))
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['new@e']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['renamed', 1]
-- rows: 1
COMMIT;
-- step 3: update_or_create (create_defaults are used when creating)
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['c@e']
-- rows: 0
SAVEPOINT "s1_x2";
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['new', 'c@e']
-- rows: 1
RELEASE SAVEPOINT "s1_x2";
COMMIT;
-- step 4: update_or_create (... and defaults when updating)
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['c@e']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['upd', 2]
-- rows: 1
COMMIT;
-- step 6: create (Blog has receivers; on update only `name` is written, the audit row still is)
INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id";
-- params: ['a', 'A!']
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 1);
-- rows: 1
-- step 7: update_or_create
BEGIN;
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."name" = $1 LIMIT 21 FOR UPDATE;
-- params: ['a']
-- rows: 1
UPDATE "app_blog" SET "name" = $1 WHERE "app_blog"."id" = $2;
-- params: ['b', 1]
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 1);
-- rows: 1
COMMIT;
-- step 9: update_or_create (a concurrent insert sends the create down the recovery path)
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['race@e']
-- rows: 0
-- session: other
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO app_author (name, email) VALUES ('racer', 'race@e');
-- rows: 1
-- session: main
SAVEPOINT "s1_x3";
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['mine', 'race@e']
-- error: 23505: duplicate key value violates unique constraint "app_author_email_key"
-- detail: Key (email)=(race@e) already exists.
ROLLBACK TO SAVEPOINT "s1_x3";
RELEASE SAVEPOINT "s1_x3";
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['race@e']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['mine', 3]
-- rows: 1
COMMIT;
