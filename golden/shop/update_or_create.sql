-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000001', 'HAM-1', 'Hammer', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 3: update_or_create (found; update_fields gets the date fields too)
BEGIN;
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21 FOR UPDATE;
-- params: ['HAM-1']
-- rows: 1
UPDATE "app_product" SET "price" = $1, "created_at" = $2, "updated_at" = $3 WHERE "app_product"."id" = $4;
-- params: [11.00, '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000001']
-- rows: 1
COMMIT;
-- step 4: update_or_create (found, no defaults; the date fields are saved all the same)
BEGIN;
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21 FOR UPDATE;
-- params: ['HAM-1']
-- rows: 1
UPDATE "app_product" SET "created_at" = $1, "updated_at" = $2 WHERE "app_product"."id" = $3;
-- params: ['2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000001']
-- rows: 1
COMMIT;
-- step 5: update_or_create (created with create_defaults and a generated uuid)
BEGIN;
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21 FOR UPDATE;
-- params: ['NEW-1']
-- rows: 0
SAVEPOINT "s1_x1";
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000002', 'NEW-1', 'New', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
RELEASE SAVEPOINT "s1_x1";
COMMIT;
-- step 6: get_or_create (get_or_create creates a category with a generated uuid)
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE "app_category"."name" = $1 LIMIT 21;
-- params: ['Paint']
-- rows: 0
BEGIN;
INSERT INTO "app_category" ("id", "name", "parent_id") VALUES ($1, $2, $3);
-- params: ['00000000-0000-4000-8000-000000000003', 'Paint', NULL]
-- rows: 1
COMMIT;
-- step 7: get_or_create (get_or_create finds it)
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE "app_category"."name" = $1 LIMIT 21;
-- params: ['Paint']
-- rows: 1
-- step 8: update_or_create (a model without date fields and no defaults sends no UPDATE)
BEGIN;
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE "app_category"."name" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Paint']
-- rows: 1
COMMIT;
