-- step 1: create (a supplier, whose name is the column supplier_name)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: create (a category, whose uuid pk is generated, so no RETURNING)
INSERT INTO "app_category" ("id", "name", "parent_id") VALUES ($1, $2, $3);
-- params: ['00000000-0000-4000-8000-000000000001', 'Tools', NULL]
-- rows: 1
-- step 3: create (a product, with created_at and updated_at set to now)
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000002', 'HAM-1', 'Hammer', 1, '00000000-0000-4000-8000-000000000001', 9.90, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 4: save (save() of a saved product updates every field, updated_at to now)
UPDATE "app_product" SET "product_sku" = $1, "name" = $2, "supplier_id" = $3, "cat" = $4, "price" = $5, "attributes" = $6, "created_at" = $7, "updated_at" = $8 WHERE "app_product"."id" = $9;
-- params: ['HAM-1', 'Claw hammer', 1, '00000000-0000-4000-8000-000000000001', 9.90, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000002']
-- rows: 1
-- step 5: save (save(update_fields=[price]) leaves updated_at alone)
UPDATE "app_product" SET "price" = $1 WHERE "app_product"."id" = $2;
-- params: [10.50, '00000000-0000-4000-8000-000000000002']
-- rows: 1
-- step 6: save (Product(...).save() is an INSERT alone)
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000003', 'SAW-1', 'Saw', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 7: save (Supplier(id=...).save() tries an UPDATE first (an auto id has no default))
UPDATE "app_supplier" SET "supplier_name" = $1 WHERE "app_supplier"."id" = $2;
-- params: ['Acme Ltd', 1]
-- rows: 1
-- step 8: save (Category(id=existing).save() INSERTs (its pk has a default), which fails)
INSERT INTO "app_category" ("id", "name", "parent_id") VALUES ($1, $2, $3);
-- params: ['00000000-0000-4000-8000-000000000001', 'Tools & more', NULL]
-- error: 23505: duplicate key value violates unique constraint "app_category_pkey"
-- detail: Key (id)=(00000000-0000-4000-8000-000000000001) already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_category_pkey"
-- step 9: get (get() by sku, the column product_sku)
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['HAM-1']
-- rows: 1
-- step 10: update (QuerySet.update() leaves auto_now alone)
UPDATE "app_product" SET "name" = $1 WHERE "app_product"."supplier_id" = $2;
-- params: ['Renamed', 1]
-- rows: 2
-- step 11: create (a digital product inserts its parent product, then itself)
BEGIN;
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000004', 'EBOOK-1', 'Manual', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_digitalproduct" ("product_ptr_id", "download_url") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000004', 'https://x/manual.pdf']
-- rows: 1
COMMIT;
-- step 12: save (save() of the digital product updates both tables)
BEGIN;
UPDATE "app_product" SET "product_sku" = $1, "name" = $2, "supplier_id" = $3, "cat" = NULL, "price" = $4, "attributes" = $5, "created_at" = $6, "updated_at" = $7 WHERE "app_product"."id" = $8;
-- params: ['EBOOK-1', 'Manual', 1, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000004']
-- rows: 1
UPDATE "app_digitalproduct" SET "download_url" = $1 WHERE "app_digitalproduct"."product_ptr_id" = $2;
-- params: ['https://x/v2.pdf', '00000000-0000-4000-8000-000000000004']
-- rows: 1
COMMIT;
-- step 13: save (DigitalProduct(...).save() inserts both tables without trying an UPDATE)
BEGIN;
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000005', 'EBOOK-2', 'Guide', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_digitalproduct" ("product_ptr_id", "download_url") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000005', 'https://x/g.pdf']
-- rows: 1
COMMIT;
