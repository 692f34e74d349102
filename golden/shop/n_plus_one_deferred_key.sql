-- step 1: query ([p.category for p in Product.objects.order_by("sku").defer("category")])
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" ORDER BY "app_product"."product_sku" ASC;
-- rows: 3
SELECT "app_product"."id", "app_product"."cat" FROM "app_product" WHERE "app_product"."id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000005']
-- rows: 1
SELECT "app_product"."id", "app_product"."cat" FROM "app_product" WHERE "app_product"."id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 1
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE "app_category"."id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 1
SELECT "app_product"."id", "app_product"."cat" FROM "app_product" WHERE "app_product"."id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000004']
-- rows: 1
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE "app_category"."id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000002']
-- rows: 1
-- step 2: query ([p.category for p in Product.objects.order_by("sku").select_related("category")])
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") ORDER BY "app_product"."product_sku" ASC;
-- rows: 3
