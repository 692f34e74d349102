-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: create (create with attributes {"zz": 1, "a": {"yy": 2, "b": [3, "é"]}})
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000001', 'J', 'j', 1, NULL, 0, '{"zz": 1, "a": {"yy": 2, "b": [3, "\u00e9"]}}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 3: get (load it)
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['J']
-- rows: 1
-- step 4: save (save it back; the keys come in jsonb's order)
UPDATE "app_product" SET "product_sku" = $1, "name" = $2, "supplier_id" = $3, "cat" = NULL, "price" = $4, "attributes" = $5, "created_at" = $6, "updated_at" = $7 WHERE "app_product"."id" = $8;
-- params: ['J', 'j', 1, 0.00, '{"a": {"b": [3, "\u00e9"], "yy": 2}, "zz": 1}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000001']
-- rows: 1
