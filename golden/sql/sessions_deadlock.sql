-- step 1: sql
BEGIN;
-- step 2: sql
UPDATE account SET balance = 0 WHERE id = 1;
-- rows: 1
-- step 3: sql
-- session: worker
BEGIN;
-- step 4: sql
UPDATE account SET balance = 0 WHERE id = 2;
-- rows: 1
-- step 5: sql
-- waited: blocked by session `worker` (its step 4: UPDATE account SET balance = 0 WHERE id = 2), for ShareLock on a row of its transaction
-- completed after step 7
-- session: web
UPDATE account SET balance = 1 WHERE id = 2;
-- error: 40P01: deadlock detected
-- detail: Process [PID] waits for ShareLock on transaction [XID]; blocked by process [PID].
-- Process [PID] waits for ShareLock on transaction [XID]; blocked by process [PID].
-- hint: See server log for query details.
-- step 6: sql (worker is slower to get there (so web waits first, whatever the load))
-- session: worker
SELECT pg_sleep(0.3);
-- rows: 1
-- step 7: sql
-- waited: blocked by session `web` (its step 2: UPDATE account SET balance = 0 WHERE id = 1), for ShareLock on a row of its transaction
-- completed after step 8
UPDATE account SET balance = 1 WHERE id = 1;
-- rows: 1
-- step 8: sql
-- session: web
ROLLBACK;
-- step 9: sql
-- session: worker
COMMIT;
