-- step 1: atomic (web's transaction)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
-- step 2: update
BEGIN;
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['web', 1]
-- rows: 1
-- step 3: sql
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
-- step 4: update
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['worker', 2]
-- rows: 1
-- step 5: update (web's second update, waiting for worker)
-- waited: blocked by session `worker` (its step 4: UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2), for ShareLock on a row of its transaction
-- completed after step 7
-- session: web
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['web', 2]
-- error: 40P01: deadlock detected
-- detail: Process [PID] waits for ShareLock on transaction [XID]; blocked by process [PID].
-- Process [PID] waits for ShareLock on transaction [XID]; blocked by process [PID].
-- hint: See server log for query details.
-- raised OperationalError: deadlock detected
-- step 6: sql (worker is slower to get there (so web waits first, whatever the load))
-- session: worker
SELECT pg_sleep(0.3);
-- rows: 1
-- step 7: update (worker's second update, waiting for web)
-- waited: blocked by session `web` (its step 2: UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2), for ShareLock on a row of its transaction
-- completed after step 8
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['worker', 1]
-- rows: 1
-- step 8: end of atomic (step 1)
-- session: web
ROLLBACK;
-- step 9: sql
-- session: worker
COMMIT;
