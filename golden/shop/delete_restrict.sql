-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: create
INSERT INTO "app_category" ("id", "name", "parent_id") VALUES ($1, $2, $3);
-- params: ['00000000-0000-4000-8000-000000000001', 'Tools', NULL]
-- rows: 1
-- step 3: create
INSERT INTO "app_category" ("id", "name", "parent_id") VALUES ($1, $2, $3);
-- params: ['00000000-0000-4000-8000-000000000002', 'Hammers', '00000000-0000-4000-8000-000000000001']
-- rows: 1
-- step 4: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000003', 'HAM-1', 'Hammer', 1, '00000000-0000-4000-8000-000000000002', 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 5: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000004', 'SAW-1', 'Saw', 1, '00000000-0000-4000-8000-000000000001', 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 6: create
INSERT INTO "app_delivery" ("supplier_id", "product_id", "quantity", "received_at") VALUES ($1, $2, $3, $4) RETURNING "app_delivery"."id";
-- params: [1, '00000000-0000-4000-8000-000000000003', 5, '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 7: create
INSERT INTO "app_customer" ("email", "name") VALUES ($1, $2) RETURNING "app_customer"."id";
-- params: ['guest@x', 'Guest']
-- rows: 1
-- step 8: create
INSERT INTO "app_customer" ("email", "name") VALUES ($1, $2) RETURNING "app_customer"."id";
-- params: ['ann@x', 'Ann']
-- rows: 1
-- step 9: create
INSERT INTO "app_order" ("id", "customer_id", "placed_at", "updated_at", "state", "total") VALUES ($1, $2, $3, $4, $5, $6);
-- params: ['00000000-0000-4000-8000-000000000005', 2, '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', 'new', 5.00]
-- rows: 1
-- step 10: create
INSERT INTO "app_orderline" ("order_id", "product_id", "quantity") VALUES ($1, $2, $3) RETURNING "app_orderline"."id";
-- params: ['00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004', 1]
-- rows: 1
-- step 11: delete (a product that a delivery RESTRICTs)
SELECT "app_delivery"."id", "app_delivery"."supplier_id", "app_delivery"."product_id", "app_delivery"."quantity", "app_delivery"."received_at" FROM "app_delivery" WHERE "app_delivery"."product_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 1
SELECT "app_orderline"."id", "app_orderline"."order_id", "app_orderline"."product_id", "app_orderline"."quantity" FROM "app_orderline" WHERE "app_orderline"."product_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 0
SELECT "app_product"."id", "app_digitalproduct"."product_ptr_id" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") WHERE "app_digitalproduct"."product_ptr_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 0
-- raised RestrictedError: Cannot delete some instances of model 'Product' because they are referenced through restricted foreign keys: 'Delivery.product'.
-- step 12: delete (a category; SET_DEFAULT on its products, CASCADE to its subcategory)
SELECT "app_category"."id" FROM "app_category" WHERE "app_category"."parent_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 1
SELECT "app_category"."id" FROM "app_category" WHERE "app_category"."parent_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000002']
-- rows: 0
SELECT "app_product"."id" FROM "app_product" WHERE "app_product"."cat" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000002']
-- rows: 1
SELECT "app_product"."id" FROM "app_product" WHERE "app_product"."cat" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 1
BEGIN;
UPDATE "app_product" SET "cat" = NULL WHERE "app_product"."id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003']
-- rows: 2
DELETE FROM "app_category" WHERE "app_category"."id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001']
-- rows: 2
COMMIT;
-- step 13: delete (a customer; SET(1) on her orders)
BEGIN;
UPDATE "app_order" SET "customer_id" = $1 WHERE "app_order"."customer_id" IN ($2);
-- params: [1, 2]
-- rows: 1
DELETE FROM "app_customer" WHERE "app_customer"."id" IN ($1);
-- params: [2]
-- rows: 1
COMMIT;
-- step 14: delete (the supplier; the delivery's RESTRICT is lifted (it goes too), the order line's is not)
SELECT "app_product"."id" FROM "app_product" WHERE "app_product"."supplier_id" IN ($1);
-- params: [1]
-- rows: 2
SELECT "app_delivery"."id", "app_delivery"."supplier_id", "app_delivery"."product_id", "app_delivery"."quantity", "app_delivery"."received_at" FROM "app_delivery" WHERE "app_delivery"."product_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 1
SELECT "app_orderline"."id", "app_orderline"."order_id", "app_orderline"."product_id", "app_orderline"."quantity" FROM "app_orderline" WHERE "app_orderline"."product_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 1
SELECT "app_product"."id", "app_digitalproduct"."product_ptr_id" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") WHERE "app_digitalproduct"."product_ptr_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 0
SELECT "app_delivery"."id", "app_delivery"."supplier_id", "app_delivery"."product_id", "app_delivery"."quantity", "app_delivery"."received_at" FROM "app_delivery" WHERE ("app_delivery"."supplier_id" IN ($1) AND "app_delivery"."id" IN ($2));
-- params: [1, 1]
-- rows: 1
-- raised RestrictedError: Cannot delete some instances of model 'Supplier' because they are referenced through restricted foreign keys: 'OrderLine.product'.
-- step 15: delete (the order first (its lines go with it))
BEGIN;
DELETE FROM "app_orderline" WHERE "app_orderline"."order_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000005']
-- rows: 1
DELETE FROM "app_order" WHERE "app_order"."id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000005']
-- rows: 1
COMMIT;
-- step 16: delete (then the supplier, with its products, their tags and its deliveries)
SELECT "app_product"."id" FROM "app_product" WHERE "app_product"."supplier_id" IN ($1);
-- params: [1]
-- rows: 2
SELECT "app_delivery"."id", "app_delivery"."supplier_id", "app_delivery"."product_id", "app_delivery"."quantity", "app_delivery"."received_at" FROM "app_delivery" WHERE "app_delivery"."product_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 1
SELECT "app_orderline"."id", "app_orderline"."order_id", "app_orderline"."product_id", "app_orderline"."quantity" FROM "app_orderline" WHERE "app_orderline"."product_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 0
SELECT "app_product"."id", "app_digitalproduct"."product_ptr_id" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") WHERE "app_digitalproduct"."product_ptr_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 0
SELECT "app_delivery"."id", "app_delivery"."supplier_id", "app_delivery"."product_id", "app_delivery"."quantity", "app_delivery"."received_at" FROM "app_delivery" WHERE ("app_delivery"."supplier_id" IN ($1) AND "app_delivery"."id" IN ($2));
-- params: [1, 1]
-- rows: 1
BEGIN;
DELETE FROM "app_product_tags" WHERE "app_product_tags"."product_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 0
DELETE FROM "app_product_related" WHERE ("app_product_related"."from_product_id" IN ($1, $2) OR "app_product_related"."to_product_id" IN ($3, $4));
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 0
DELETE FROM "app_delivery" WHERE "app_delivery"."supplier_id" IN ($1);
-- params: [1]
-- rows: 1
DELETE FROM "app_product" WHERE "app_product"."id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003']
-- rows: 2
DELETE FROM "app_supplier" WHERE "app_supplier"."id" IN ($1);
-- params: [1]
-- rows: 1
COMMIT;
