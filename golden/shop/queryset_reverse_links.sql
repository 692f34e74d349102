-- step 1: query (list(Product.objects.filter(digitalproduct__download_url__startswith="https").values_list("sku", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" INNER JOIN "app_digitalproduct" ON ("app_product"."id" = "app_digitalproduct"."product_ptr_id") WHERE "app_digitalproduct"."download_url"::text LIKE $1;
-- params: ['https%']
-- rows: 1
-- step 2: query (list(Product.objects.filter(digitalproduct__isnull=True).order_by("sku").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" LEFT OUTER JOIN "app_digitalproduct" ON ("app_product"."id" = "app_digitalproduct"."product_ptr_id") WHERE "app_digitalproduct"."product_ptr_id" IS NULL ORDER BY 1 ASC;
-- rows: 2
-- step 3: query (list(Category.objects.filter(children__name="Saws").values_list("name", flat=True)))
SELECT "app_category"."name" AS "name" FROM "app_category" INNER JOIN "app_category" T2 ON ("app_category"."id" = T2."parent_id") WHERE T2."name" = $1;
-- params: ['Saws']
-- rows: 1
-- step 4: get (p = Product.objects.get(sku="HAM-1"))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['HAM-1']
-- rows: 1
-- step 5: query (list(p.related.all()))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" INNER JOIN "app_product_related" ON ("app_product"."id" = "app_product_related"."to_product_id") WHERE "app_product_related"."from_product_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 1
