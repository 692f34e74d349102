-- step 1: create (inv = Invoice.objects.create())
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_invoice" ("state", "amount") VALUES ($1, $2) RETURNING "app_invoice"."id";
-- params: ['draft', 0]
-- rows: 1
-- step 2: transition (inv.submit(); inv.save())
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['submitted', 0, 1]
-- rows: 1
-- step 3: transition (inv.pay() while amount is 0 (the condition does not hold))
-- raised TransitionNotAllowed: Transition conditions have not been met for method 'pay'
-- step 4: save (inv.amount = Decimal("10"); inv.save())
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['submitted', 10, 1]
-- rows: 1
-- step 5: transition (inv.pay() (the receiver writes the audit row; no save yet))
INSERT INTO app_audit (model, object_id) VALUES ('invoice.pay', 1);
-- rows: 1
-- step 7: save (inv.save(update_fields=["state"]))
UPDATE "app_invoice" SET "state" = $1 WHERE "app_invoice"."id" = $2;
-- params: ['paid', 1]
-- rows: 1
-- step 8: transition (inv.submit() from paid)
-- raised TransitionNotAllowed: Can't switch from state 'paid' using method 'submit'
-- step 9: transition (inv.reopen() (source "*"); inv.save())
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['draft', 10, 1]
-- rows: 1
-- step 10: transition (inv.pay() from draft)
-- raised TransitionNotAllowed: Can't switch from state 'draft' using method 'pay'
-- step 11: transition (inv.cancel(); inv.save())
UPDATE "app_invoice" SET "state" = $1, "amount" = $2 WHERE "app_invoice"."id" = $3;
-- params: ['cancelled', 10, 1]
-- rows: 1
