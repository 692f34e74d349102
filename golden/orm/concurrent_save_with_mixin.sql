-- step 1: get (ci = ConcurrentInvoice.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_concurrentinvoice"."id", "app_concurrentinvoice"."state", "app_concurrentinvoice"."amount" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: sql (meanwhile the row is cancelled (another connection in Django))
UPDATE app_concurrentinvoice SET state = 'cancelled' WHERE id = 1;
-- rows: 1
-- step 3: transition (ci.submit(); ci.save())
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['submitted', 0.00, 'draft', 1]
-- rows: 0
SELECT $1 AS "a" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $2 LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- raised ConcurrentTransition: Cannot save object! The state has been changed since fetched from the database!
-- step 4: save (ci.save() again (still checks the state it was loaded with))
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['submitted', 0.00, 'draft', 1]
-- rows: 0
SELECT $1 AS "a" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $2 LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- raised ConcurrentTransition: Cannot save object! The state has been changed since fetched from the database!
-- step 6: get (ci = ConcurrentInvoice.objects.get(pk=1))
SELECT "app_concurrentinvoice"."id", "app_concurrentinvoice"."state", "app_concurrentinvoice"."amount" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 7: transition (ci.reopen(); ci.save())
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['draft', 0.00, 'cancelled', 1]
-- rows: 1
-- step 8: save (ci.save() (checks the state saved last))
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['draft', 0.00, 'draft', 1]
-- rows: 1
-- step 9: save (ConcurrentInvoice(id=50).save() (no row 50 yet))
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['draft', 0, 'draft', 50]
-- rows: 0
SELECT $1 AS "a" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $2 LIMIT 1;
-- params: [1, 50]
-- rows: 0
INSERT INTO "app_concurrentinvoice" ("id", "state", "amount") VALUES ($1, $2, $3) RETURNING "app_concurrentinvoice"."id";
-- params: [50, 'draft', 0]
-- rows: 1
-- step 10: save (ConcurrentInvoice(id=50, state="paid").save() (row 50 is 'draft'))
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['paid', 0, 'paid', 50]
-- rows: 0
SELECT $1 AS "a" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $2 LIMIT 1;
-- params: [1, 50]
-- rows: 1
-- raised ConcurrentTransition: Cannot save object! The state has been changed since fetched from the database!
