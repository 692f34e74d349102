-- step 1: retry (for attempt in range(3) with transaction.atomic() inside)
-- step 2: attempt (1 of step 1)
-- step 3: atomic
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
-- step 4: query
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 5: atomic
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
-- step 6: query
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 7: create
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['worker', 'w@example.com']
-- rows: 1
-- step 8: end of atomic (step 5)
COMMIT;
-- step 9: create
-- session: web
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['web', 'web@example.com']
-- error: 40001: could not serialize access due to read/write dependencies among transactions
-- detail: Reason code: Canceled on identification as a pivot, during write.
-- hint: The transaction might succeed if retried.
-- raised OperationalError: could not serialize access due to read/write dependencies among transactions
-- step 10: end of atomic (step 3)
ROLLBACK;
-- step 11: attempt (2 of step 1)
-- retried after OperationalError (40001): could not serialize access due to read/write dependencies among transactions
-- step 12: atomic
-- step 13: query
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 18: create
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['web', 'web@example.com']
-- rows: 1
-- step 19: end of atomic (step 12)
COMMIT;
