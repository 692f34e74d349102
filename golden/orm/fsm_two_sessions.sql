-- step 1: get (a = Invoice.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_invoice"."id", "app_invoice"."state", "app_invoice"."amount" FROM "app_invoice" WHERE "app_invoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: get (b = Invoice.objects.get(pk=1))
-- session: worker
-- new connection: conn#2
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_invoice"."id", "app_invoice"."state", "app_invoice"."amount" FROM "app_invoice" WHERE "app_invoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 3: transition (a.submit(); a.save())
-- session: web
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['submitted', 10.00, 1]
-- rows: 1
-- step 4: transition (b.cancel(); b.save(), over web's submit)
-- session: worker
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['cancelled', 10.00, 1]
-- rows: 1
-- step 6: get (c = ConcurrentInvoice.objects.get(pk=1))
-- session: web
SELECT "app_concurrentinvoice"."id", "app_concurrentinvoice"."state", "app_concurrentinvoice"."amount" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 7: get (d = ConcurrentInvoice.objects.get(pk=1))
-- session: worker
SELECT "app_concurrentinvoice"."id", "app_concurrentinvoice"."state", "app_concurrentinvoice"."amount" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 8: transition (c.submit(); c.save())
-- session: web
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['submitted', 10.00, 'draft', 1]
-- rows: 1
-- step 9: transition (d.cancel(); d.save() finds the state changed)
-- session: worker
UPDATE "app_concurrentinvoice" SET "state" = $1, "amount" = $2 WHERE ("app_concurrentinvoice"."state" = $3 AND "app_concurrentinvoice"."id" = $4);
-- params: ['cancelled', 10.00, 'draft', 1]
-- rows: 0
SELECT $1 AS "a" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $2 LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- raised ConcurrentTransition: Cannot save object! The state has been changed since fetched from the database!
