-- step 1: get (p = ProtectedInvoice.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_protectedinvoice"."id", "app_protectedinvoice"."state", "app_protectedinvoice"."amount" FROM "app_protectedinvoice" WHERE "app_protectedinvoice"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: save (p.state = "paid"; p.save())
-- raised AttributeError: Direct state modification is not allowed
-- step 3: save (ProtectedInvoice(state="paid").save())
INSERT INTO "app_protectedinvoice" ("state", "amount") VALUES ($1, $2) RETURNING "app_protectedinvoice"."id";
-- params: ['paid', 0]
-- rows: 1
-- step 4: save (q.amount = Decimal("5"); q.save() (other fields can be assigned))
UPDATE "app_protectedinvoice" SET "state" = $1, "amount" = $2 WHERE "app_protectedinvoice"."id" = $3;
-- params: ['paid', 5, 2]
-- rows: 1
-- step 5: transition (p.submit(); p.save())
UPDATE "app_protectedinvoice" SET "state" = $1, "amount" = $2 WHERE "app_protectedinvoice"."id" = $3;
-- params: ['submitted', 0.00, 1]
-- rows: 1
