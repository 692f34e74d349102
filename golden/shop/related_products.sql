-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000001', 'P0', 'p0', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 3: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000002', 'P1', 'p1', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 4: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000003', 'P2', 'p2', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 5: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000004', 'P3', 'p3', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 6: m2m (add two; each row and then its mirror)
BEGIN;
INSERT INTO "app_product_related" ("from_product_id", "to_product_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003']]
-- rows: 2
INSERT INTO "app_product_related" ("from_product_id", "to_product_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'], ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001']]
-- rows: 2
COMMIT;
-- step 7: m2m (add one that is there, and the product itself)
BEGIN;
INSERT INTO "app_product_related" ("from_product_id", "to_product_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']]
-- rows: 1
INSERT INTO "app_product_related" ("from_product_id", "to_product_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'], ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001']]
-- rows: 0
COMMIT;
-- step 8: m2m (remove one; both directions go)
BEGIN;
DELETE FROM "app_product_related" WHERE (("app_product_related"."from_product_id" = $1 AND "app_product_related"."to_product_id" IN ($2)) OR ("app_product_related"."to_product_id" = $3 AND "app_product_related"."from_product_id" IN ($4)));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003']
-- rows: 2
COMMIT;
-- step 9: m2m (set)
BEGIN;
SELECT "app_product"."id" AS "id" FROM "app_product" INNER JOIN "app_product_related" ON ("app_product"."id" = "app_product_related"."to_product_id") WHERE "app_product_related"."from_product_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 2
DELETE FROM "app_product_related" WHERE (("app_product_related"."from_product_id" = $1 AND "app_product_related"."to_product_id" IN ($2, $3)) OR ("app_product_related"."to_product_id" = $4 AND "app_product_related"."from_product_id" IN ($5, $6)));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 3
INSERT INTO "app_product_related" ("from_product_id", "to_product_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004']
-- rows: 1
INSERT INTO "app_product_related" ("from_product_id", "to_product_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001']
-- rows: 1
COMMIT;
-- step 11: m2m (clear; both directions go)
BEGIN;
DELETE FROM "app_product_related" WHERE ("app_product_related"."from_product_id" = $1 OR "app_product_related"."to_product_id" = $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001']
-- rows: 2
COMMIT;
