-- step 1: create (s = Supplier.objects.create(name="Acme"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: save (s.name = "Acme Ltd"; s.save(force_update=True))
UPDATE "app_supplier" SET "supplier_name" = $1 WHERE "app_supplier"."id" = $2;
-- params: ['Acme Ltd', 1]
-- rows: 1
-- step 3: save (Supplier(id=99, name="x").save(force_update=True) raises DatabaseError)
UPDATE "app_supplier" SET "supplier_name" = $1 WHERE "app_supplier"."id" = $2;
-- params: ['x', 99]
-- rows: 0
-- raised DatabaseError: Forced update did not affect any rows.
-- step 4: save (Supplier(name="x").save(force_update=True) raises ValueError)
-- raised ValueError: Cannot force an update in save() with no primary key.
-- step 5: save (Tag(name="t").save(force_update=True) raises DatabaseError (its uuid key is set, yet it UPDATEs))
UPDATE "app_tag" SET "name" = $1 WHERE "app_tag"."id" = $2;
-- params: ['t', '00000000-0000-4000-8000-000000000001']
-- rows: 0
-- raised DatabaseError: Forced update did not affect any rows.
-- step 6: create (d = DigitalProduct.objects.create(sku="E", name="E", supplier=s, download_url="x"))
BEGIN;
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000002', 'E', 'E', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_digitalproduct" ("product_ptr_id", "download_url") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000002', 'x']
-- rows: 1
COMMIT;
-- step 7: save (d.name = "F"; d.save(force_update=True))
BEGIN;
UPDATE "app_product" SET "product_sku" = $1, "name" = $2, "supplier_id" = $3, "cat" = NULL, "price" = $4, "attributes" = $5, "created_at" = $6, "updated_at" = $7 WHERE "app_product"."id" = $8;
-- params: ['E', 'F', 1, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000002']
-- rows: 1
UPDATE "app_digitalproduct" SET "download_url" = $1 WHERE "app_digitalproduct"."product_ptr_id" = $2;
-- params: ['x', '00000000-0000-4000-8000-000000000002']
-- rows: 1
COMMIT;
-- step 8: save (Supplier(name="y").save(force_insert=True, force_update=True) raises ValueError)
-- raised ValueError: Cannot force both insert and updating in model saving.
-- step 9: save (Supplier(name="z").save(update_fields=["name"]) raises ValueError)
-- raised ValueError: Cannot force an update in save() with no primary key.
