-- step 1: query (list(Product.objects.select_related("category__parent")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_category"."id", "app_category"."name", "app_category"."parent_id", T3."id", T3."name", T3."parent_id" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") LEFT OUTER JOIN "app_category" T3 ON ("app_category"."parent_id" = T3."id");
-- rows: 3
-- step 2: query ([p.category and p.category.parent for p in Product.objects.order_by("sku").select_related("category__parent")])
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_category"."id", "app_category"."name", "app_category"."parent_id", T3."id", T3."name", T3."parent_id" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") LEFT OUTER JOIN "app_category" T3 ON ("app_category"."parent_id" = T3."id") ORDER BY "app_product"."product_sku" ASC;
-- rows: 3
-- step 3: query (list(Product.objects.select_related("category", "supplier")))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_supplier"."id", "app_supplier"."supplier_name", "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_product" INNER JOIN "app_supplier" ON ("app_product"."supplier_id" = "app_supplier"."id") LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id");
-- rows: 3
-- step 4: query (list(Product.objects.select_related("category").annotate(n=Count("tags"))))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", COUNT("app_product_tags"."tag_id") AS "n", "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_product" LEFT OUTER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") GROUP BY "app_product"."id", "app_category"."id";
-- rows: 3
-- step 5: query (list(Product.objects.select_related("category").only("sku", "category__name")))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."cat", "app_category"."id", "app_category"."name" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id");
-- rows: 3
-- step 6: query ([p.category and p.category.parent_id for p in Product.objects.order_by("sku").select_related("category").only("sku", "category__name")])
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."cat", "app_category"."id", "app_category"."name" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") ORDER BY "app_product"."product_sku" ASC;
-- rows: 3
SELECT "app_category"."id", "app_category"."parent_id" FROM "app_category" WHERE "app_category"."id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 1
SELECT "app_category"."id", "app_category"."parent_id" FROM "app_category" WHERE "app_category"."id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000002']
-- rows: 1
-- step 7: query (list(Product.objects.select_related("category").defer("category__name")))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_category"."id", "app_category"."parent_id" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id");
-- rows: 3
-- step 8: query (list(DigitalProduct.objects.select_related("supplier")))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url", "app_supplier"."id", "app_supplier"."supplier_name" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") INNER JOIN "app_supplier" ON ("app_product"."supplier_id" = "app_supplier"."id");
-- rows: 1
-- step 9: query ([p.supplier.name for p in DigitalProduct.objects.select_related("category", "supplier")])
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url", "app_supplier"."id", "app_supplier"."supplier_name", "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") INNER JOIN "app_supplier" ON ("app_product"."supplier_id" = "app_supplier"."id") LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id");
-- rows: 1
-- step 10: query ([p.name for p in DigitalProduct.objects.only("download_url")])
SELECT "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url" FROM "app_digitalproduct";
-- rows: 1
SELECT "app_product"."name", "app_digitalproduct"."product_ptr_id" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") WHERE "app_digitalproduct"."product_ptr_id" = $1 LIMIT 21;
-- params: ['00000000-0000-4000-8000-000000000005']
-- rows: 1
-- step 11: query (list(DigitalProduct.objects.only("name")))
SELECT "app_product"."name", "app_digitalproduct"."product_ptr_id" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id");
-- rows: 1
-- step 12: query (list(DigitalProduct.objects.select_related("product_ptr")))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id");
-- rows: 1
