-- step 1: sql
BEGIN;
-- step 2: sql
SELECT balance FROM account WHERE id = 1 FOR UPDATE;
-- rows: 1
-- step 3: sql
-- waited: blocked by session `web` (its step 2: SELECT balance FROM account WHERE id = 1 FOR UPDATE), for ShareLock on a row of its transaction
-- completed after step 5
-- session: worker
UPDATE account SET balance = balance - 10 WHERE id = 1;
-- rows: 1
-- step 4: sql
-- session: web
UPDATE account SET balance = balance + 5 WHERE id = 1;
-- rows: 1
-- step 5: sql
COMMIT;
