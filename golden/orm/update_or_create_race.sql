-- step 1: atomic (web holds the row while worker races for it)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
-- step 2: query
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 FOR UPDATE;
-- params: ['race@example.com']
-- rows: 1
-- step 3: update_or_create
-- waited: blocked by session `web` (its step 2: SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 FO…), for ShareLock on a row of its transaction
-- completed after step 5
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['race@example.com']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['worker''s', 5]
-- rows: 1
COMMIT;
-- step 4: update
-- session: web
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."email" = $2;
-- params: ['web''s', 'race@example.com']
-- rows: 1
-- step 5: end of atomic (step 1)
COMMIT;
-- step 6: query
SELECT "app_author"."name" AS "name" FROM "app_author" WHERE "app_author"."email" = $1;
-- params: ['race@example.com']
-- rows: 1
