-- step 1: atomic (web holds author 1)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
-- step 2: query
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 FOR UPDATE;
-- params: [1]
-- rows: 1
-- step 3: atomic (worker's nowait)
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
-- step 4: query
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 FOR UPDATE NOWAIT;
-- params: [1]
-- error: 55P03: could not obtain lock on row in relation "app_author"
-- raised OperationalError: could not obtain lock on row in relation "app_author"
-- step 5: end of atomic (step 3)
ROLLBACK;
-- step 6: atomic (worker's skip_locked)
-- step 7: query
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" IN ($1, $2) ORDER BY "app_author"."id" ASC FOR UPDATE SKIP LOCKED;
-- params: [1, 2]
-- rows: 1
-- step 8: end of atomic (step 6)
COMMIT;
-- step 9: end of atomic (step 1)
-- session: web
COMMIT;
