-- step 1: get (inv = Invoice.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_invoice"."id", "app_invoice"."state", "app_invoice"."amount" FROM "app_invoice" WHERE "app_invoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: sql (meanwhile the row is cancelled (another connection in Django))
UPDATE app_invoice SET state = 'cancelled' WHERE id = 1;
-- rows: 1
-- step 3: transition (inv.submit(); inv.save())
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['submitted', 0.00, 1]
-- rows: 1
