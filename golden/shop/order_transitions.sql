-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_customer" ("email", "name") VALUES ($1, $2) RETURNING "app_customer"."id";
-- params: ['ann@x', 'Ann']
-- rows: 1
-- step 2: create
INSERT INTO "app_order" ("id", "customer_id", "placed_at", "updated_at", "state", "total") VALUES ($1, $2, $3, $4, $5, $6);
-- params: ['00000000-0000-4000-8000-000000000001', 1, '2025-03-01 08:00:00.250000+00:00', '2025-03-01 08:00:00.250000+00:00', 'new', 0]
-- rows: 1
-- step 3: transition (pay is refused by its condition (total > 0))
-- raised TransitionNotAllowed: Transition conditions have not been met for method 'pay'
-- step 4: create
INSERT INTO "app_order" ("id", "customer_id", "placed_at", "updated_at", "state", "total") VALUES ($1, $2, $3, $4, $5, $6);
-- params: ['00000000-0000-4000-8000-000000000002', 1, '2025-03-01 08:00:00.250000+00:00', '2025-03-01 08:00:00.250000+00:00', 'new', 5.00]
-- rows: 1
-- step 5: transition (pay, then save)
UPDATE "app_order" SET "customer_id" = $1, "placed_at" = $2, "updated_at" = $3, "state" = $4, "total" = $5 WHERE "app_order"."id" = $6;
-- params: [1, '2025-03-01 08:00:00.250000+00:00', '2025-03-01 08:00:00.250000+00:00', 'paid', 5.00, '00000000-0000-4000-8000-000000000002']
-- rows: 1
