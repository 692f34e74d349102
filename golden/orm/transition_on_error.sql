-- step 1: create (inv = Invoice.objects.create())
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_invoice" ("state", "amount") VALUES ($1, $2) RETURNING "app_invoice"."id";
-- params: ['draft', 0]
-- rows: 1
-- step 2: transition (inv.submit() (the body raises; the state becomes 'failed'))
INSERT INTO app_audit (model, object_id) VALUES ('invoice.submit', 1 / 0);
-- error: 22012: division by zero
INSERT INTO app_audit (model, object_id) VALUES ('submit: draft -> failed (error)', 1);
-- rows: 1
-- raised DataError: division by zero
-- step 4: save (inv.save())
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['failed', 0, 1]
-- rows: 1
-- step 5: create (inv2 = Invoice.objects.create())
INSERT INTO "app_invoice" ("state", "amount") VALUES ($1, $2) RETURNING "app_invoice"."id";
-- params: ['draft', 0]
-- rows: 1
-- step 6: transition (inv2.cancel() (pre_transition raises; the state stays 'draft'))
SELECT 1 / 0;
-- error: 22012: division by zero
-- raised DataError: division by zero
-- step 7: save (inv2.save())
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['draft', 0, 2]
-- rows: 1
