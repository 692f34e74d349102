-- step 1: sql (transfer 30 from ann to bob)
BEGIN;
UPDATE account SET balance = balance - 30 WHERE id = 1;
-- rows: 1
UPDATE account SET balance = balance + 30 WHERE id = 2;
-- rows: 1
SAVEPOINT fee;
UPDATE account SET balance = balance - 5 WHERE id = 2;
-- rows: 1
ROLLBACK TO SAVEPOINT fee;
RELEASE SAVEPOINT fee;
COMMIT;
-- step 3: sql (a transfer that breaks the CHECK constraint is rolled back whole)
BEGIN;
UPDATE account SET balance = balance + 500 WHERE id = 2;
-- rows: 1
UPDATE account SET balance = balance - 500 WHERE id = 1;
-- error: 23514: new row for relation "account" violates check constraint "account_balance_check"
-- detail: Failing row contains (1, ann, -430).
-- step 4: sql
ROLLBACK;
