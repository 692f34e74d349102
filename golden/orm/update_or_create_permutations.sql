-- permutation 1: web begins, web locks Ann, web commits, worker's update_or_create
-- step 1: sql (web begins)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
-- step 2: sql (web locks Ann)
SELECT id FROM app_author WHERE email = 'ann@example.com' FOR UPDATE;
-- rows: 1
-- step 3: sql (web commits)
COMMIT;
-- step 4: update_or_create (worker's update_or_create)
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['ann@example.com']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['Ann W.', 1]
-- rows: 1
COMMIT;
-- permutation 2: web begins, web locks Ann, worker's update_or_create, web commits
-- step 1: sql (web begins)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
-- step 2: sql (web locks Ann)
SELECT id FROM app_author WHERE email = 'ann@example.com' FOR UPDATE;
-- rows: 1
-- step 4: update_or_create (worker's update_or_create)
-- waited: blocked by session `web` (its step 2: SELECT id FROM app_author WHERE email = 'ann@example.com' FOR UPDATE), for ShareLock on a row of its transaction
-- completed after step 3
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['ann@example.com']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['Ann W.', 1]
-- rows: 1
COMMIT;
-- step 3: sql (web commits)
-- session: web
COMMIT;
-- permutation 3: web begins, worker's update_or_create, web locks Ann, web commits
-- step 1: sql (web begins)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
-- step 4: update_or_create (worker's update_or_create)
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['ann@example.com']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['Ann W.', 1]
-- rows: 1
COMMIT;
-- step 2: sql (web locks Ann)
-- session: web
SELECT id FROM app_author WHERE email = 'ann@example.com' FOR UPDATE;
-- rows: 1
-- step 3: sql (web commits)
COMMIT;
-- permutation 4: worker's update_or_create, web begins, web locks Ann, web commits
-- step 4: update_or_create (worker's update_or_create)
-- session: worker
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['ann@example.com']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['Ann W.', 1]
-- rows: 1
COMMIT;
-- step 1: sql (web begins)
-- session: web
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
-- step 2: sql (web locks Ann)
SELECT id FROM app_author WHERE email = 'ann@example.com' FOR UPDATE;
-- rows: 1
-- step 3: sql (web commits)
COMMIT;
