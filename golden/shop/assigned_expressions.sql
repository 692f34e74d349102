-- step 1: get (hammer = Product.objects.get(sku="HAM-1"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['HAM-1']
-- rows: 1
-- step 2: get (saw = Product.objects.get(sku="SAW-1"))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['SAW-1']
-- rows: 1
-- step 3: bulk_update (hammer.price = F("price") * 2; saw.name = Upper("sku"); Product.objects.bulk_update([hammer, saw], ["price", "name"]))
BEGIN;
UPDATE "app_product" SET "price" = (CASE WHEN ("app_product"."id" = $1) THEN ("app_product"."price" * $2) WHEN ("app_product"."id" = $3) THEN $4 ELSE NULL END)::numeric(10, 2), "name" = (CASE WHEN ("app_product"."id" = $5) THEN $6 WHEN ("app_product"."id" = $7) THEN UPPER("app_product"."product_sku") ELSE NULL END)::varchar(100) WHERE "app_product"."id" IN ($8, $9);
-- params: ['00000000-0000-4000-8000-000000000002', 2, '00000000-0000-4000-8000-000000000003', 4.50, '00000000-0000-4000-8000-000000000002', 'Hammer', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003']
-- rows: 2
COMMIT;
-- step 4: save (hammer.price = F("price") + 1; hammer.save(update_fields=["price"]))
UPDATE "app_product" SET "price" = ("app_product"."price" + $1) WHERE "app_product"."id" = $2;
-- params: [1, '00000000-0000-4000-8000-000000000002']
-- rows: 1
-- step 5: create (Supplier.objects.create(name=Upper(Value("globex"))))
INSERT INTO "app_supplier" ("supplier_name") VALUES (UPPER($1)) RETURNING "app_supplier"."id";
-- params: ['globex']
-- rows: 1
-- step 6: create (Product.objects.create(sku=F("name"), name="X", supplier_id=1))
-- raised ValueError: Failed to insert expression "Col(app_product, app.Product.name)" on app.Product.sku. F() expressions can only be used to update, not to insert.
