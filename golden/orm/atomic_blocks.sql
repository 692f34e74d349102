-- step 1: atomic (a nested block rolls back to its savepoint, the outer block commits)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
-- step 2: create
BEGIN;
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-1', '2024-01-01']
-- rows: 1
-- step 3: atomic (the inner block)
SAVEPOINT "s1_x1";
-- step 4: create
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-2', '2024-01-02']
-- rows: 1
-- step 5: create
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-1', '2024-01-03']
-- error: 23505: duplicate key value violates unique constraint "app_invoice_number_key"
-- detail: Key (number)=(T-1) already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_invoice_number_key"
-- step 6: end of atomic (step 3)
ROLLBACK TO SAVEPOINT "s1_x1";
RELEASE SAVEPOINT "s1_x1";
-- step 7: create
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-3', '2024-01-04']
-- rows: 1
-- step 8: end of atomic (step 1)
COMMIT;
-- step 10: atomic (an error caught without a savepoint breaks the transaction)
-- step 11: create
BEGIN;
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-4', '2024-01-05']
-- rows: 1
-- step 12: create
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-1', '2024-01-06']
-- error: 23505: duplicate key value violates unique constraint "app_invoice_number_key"
-- detail: Key (number)=(T-1) already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_invoice_number_key"
-- step 13: query
-- raised TransactionManagementError: An error occurred in the current transaction. You can't execute queries until the end of the 'atomic' block.
-- step 14: end of atomic (step 10)
ROLLBACK;
-- step 15: atomic (savepoint=False marks the outer block for rollback too)
-- step 16: create
BEGIN;
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-5', '2024-01-07']
-- rows: 1
-- step 17: atomic
-- step 18: create
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-1', '2024-01-08']
-- error: 23505: duplicate key value violates unique constraint "app_invoice_number_key"
-- detail: Key (number)=(T-1) already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_invoice_number_key"
-- step 19: end of atomic (step 17)
-- step 20: end of atomic (step 15)
ROLLBACK;
-- step 21: atomic (set_rollback(True))
-- step 22: create
BEGIN;
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-6', '2024-01-09']
-- rows: 1
-- step 23: set_rollback
-- step 24: end of atomic (step 21)
ROLLBACK;
-- step 25: atomic (an exception no one catches inside rolls the transaction back)
-- step 26: create
BEGIN;
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-7', '2024-01-10']
-- rows: 1
-- step 27: create
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-3', '2024-01-11']
-- error: 23505: duplicate key value violates unique constraint "app_invoice_number_key"
-- detail: Key (number)=(T-3) already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_invoice_number_key"
-- step 29: end of atomic (step 25)
ROLLBACK;
-- step 31: atomic (a durable block cannot nest)
-- step 32: atomic
-- raised RuntimeError: A durable atomic block cannot be nested within another atomic block.
-- step 35: end of atomic (step 31)
-- step 36: atomic (on_commit hooks run after COMMIT; one registered in a rolled-back savepoint is dropped)
-- step 37: create
BEGIN;
INSERT INTO "app_customer" ("name") VALUES ($1) RETURNING "app_customer"."id";
-- params: ['Hooked']
-- rows: 1
-- step 38: on_commit
-- step 40: atomic
SAVEPOINT "s1_x2";
-- step 41: on_commit
-- step 43: create
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [1, 'T-1', '2024-01-13']
-- error: 23505: duplicate key value violates unique constraint "app_invoice_number_key"
-- detail: Key (number)=(T-1) already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_invoice_number_key"
-- step 44: end of atomic (step 40)
ROLLBACK TO SAVEPOINT "s1_x2";
RELEASE SAVEPOINT "s1_x2";
-- step 45: on_commit
-- step 47: end of atomic (step 36)
COMMIT;
-- step 39: create
INSERT INTO "app_customer" ("name") VALUES ($1) RETURNING "app_customer"."id";
-- params: ['hook 1 ran']
-- rows: 1
-- step 46: create
INSERT INTO "app_customer" ("name") VALUES ($1) RETURNING "app_customer"."id";
-- params: ['hook 3 ran']
-- rows: 1
-- step 48: atomic (a block that rolls back drops its hooks)
-- step 49: on_commit
-- step 51: set_rollback
-- step 52: end of atomic (step 48)
-- step 53: on_commit (outside a block a hook runs at once)
-- step 54: create
INSERT INTO "app_customer" ("name") VALUES ($1) RETURNING "app_customer"."id";
-- params: ['at once']
-- rows: 1
-- step 56: query (select_for_update() outside a transaction)
-- raised TransactionManagementError: select_for_update cannot be used outside of a transaction.
-- step 57: atomic (... and in one)
-- step 58: query
BEGIN;
SELECT "app_invoice"."id", "app_invoice"."customer_id", "app_invoice"."number", "app_invoice"."issued" FROM "app_invoice" WHERE "app_invoice"."number" = $1 FOR UPDATE OF "app_invoice";
-- params: ['T-1']
-- rows: 1
-- step 59: end of atomic (step 57)
COMMIT;
-- step 60: atomic (a block whose COMMIT fails (the foreign key is deferred) sends no ROLLBACK after it)
-- step 61: create
BEGIN;
INSERT INTO "app_invoice" ("customer_id", "number", "issued") VALUES ($1, $2, $3) RETURNING "app_invoice"."id";
-- params: [999, 'T-9', '2024-01-14']
-- rows: 1
-- step 62: end of atomic (step 60)
COMMIT;
-- error: 23503: insert or update on table "app_invoice" violates foreign key constraint "app_invoice_customer_id_39a2223a_fk_app_customer_id"
-- detail: Key (customer_id)=(999) is not present in table "app_customer".
-- raised IntegrityError: insert or update on table "app_invoice" violates foreign key constraint "app_invoice_customer_id_39a2223a_fk_app_customer_id"
