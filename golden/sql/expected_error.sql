-- step 1: sql (NOT NULL violation)
INSERT INTO note (notebook_id, title) VALUES (1, NULL);
-- error: 23502: null value in column "title" of relation "note" violates not-null constraint
-- detail: Failing row contains (1, 1, null, , [TIMESTAMP]).
-- step 2: sql (unique violation, by SQLSTATE alone)
INSERT INTO notebook (name) VALUES ('inbox');
-- error: 23505: duplicate key value violates unique constraint "notebook_name_key"
-- detail: Key (name)=(inbox) already exists.
-- step 3: sql (foreign key violation)
INSERT INTO note (notebook_id, title) VALUES (42, 'orphan');
-- error: 23503: insert or update on table "note" violates foreign key constraint "note_notebook_id_fkey"
-- detail: Key (notebook_id)=(42) is not present in table "notebook".
-- step 4: sql
BEGIN;
-- step 5: sql
INSERT INTO note (notebook_id, title) VALUES (1, 'kept?');
-- rows: 1
-- step 6: sql
SELECT 1 / 0;
-- error: 22012: division by zero
-- step 7: sql (the transaction is aborted now)
SELECT count(*) FROM note;
-- error: 25P02: current transaction is aborted, commands ignored until end of transaction block
-- step 8: sql
ROLLBACK;
