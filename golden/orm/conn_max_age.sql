-- step 1: request (web's first request)
-- step 2: query
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 3: end of request (step 1)
-- conn#1 (session `web`) closed: CONN_MAX_AGE is 0
-- step 4: request (web's second request, on a new connection)
-- step 5: create
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['Dana', 'dana@example.com']
-- rows: 1
-- step 6: end of request (step 4)
-- conn#2 (session `web`) closed: CONN_MAX_AGE is 0
-- step 7: query (web outside a request (a management command))
-- new connection: conn#3
SELECT set_config('TimeZone', 'UTC', false);
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 8: request (web's next request closes that connection first)
-- conn#3 (session `web`) closed: CONN_MAX_AGE is 0
-- step 9: atomic
-- new connection: conn#4
SELECT set_config('TimeZone', 'UTC', false);
-- step 10: query
BEGIN;
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 11: end of atomic (step 9)
COMMIT;
-- step 12: end of request (step 8)
-- conn#4 (session `web`) closed: CONN_MAX_AGE is 0
-- step 13: request (worker's first request)
-- step 14: query
-- session: worker
-- new connection: conn#5
SELECT set_config('TimeZone', 'UTC', false);
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 15: end of request (step 13)
-- step 16: request (worker's second request, health-checked)
-- step 17: query
SELECT 1;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 18: end of request (step 16)
-- step 19: request (worker's request that fails)
-- step 20: cursor
SELECT 1;
SELECT * FROM app_missing;
-- error: 42P01: relation "app_missing" does not exist
-- raised ProgrammingError: relation "app_missing" does not exist
-- step 21: end of request (step 19)
SELECT 1;
-- step 22: request (worker's request after the error)
-- step 23: query
SELECT 1;
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 24: end of request (step 22)
