-- step 1: query (list(Product.objects.order_by("supplier", "-price").distinct("supplier").values_list("sku", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT DISTINCT ON ("app_product"."supplier_id") "app_product"."product_sku" AS "sku" FROM "app_product" ORDER BY "app_product"."supplier_id" ASC, "app_product"."price" DESC;
-- rows: 2
-- step 2: query (list(Product.objects.order_by("supplier__name", "sku").distinct("supplier__name")))
SELECT DISTINCT ON ("app_supplier"."supplier_name") "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" INNER JOIN "app_supplier" ON ("app_product"."supplier_id" = "app_supplier"."id") ORDER BY "app_supplier"."supplier_name" ASC, "app_product"."product_sku" ASC;
-- rows: 2
-- step 3: query (Product.objects.order_by("supplier").distinct("supplier").count())
SELECT COUNT(*) FROM (SELECT DISTINCT ON ("app_product"."supplier_id") "app_product"."id" AS "col1", "app_product"."product_sku" AS "col2", "app_product"."name" AS "col3", "app_product"."supplier_id" AS "col4", "app_product"."cat" AS "col5", "app_product"."price" AS "col6", "app_product"."attributes" AS "col7", "app_product"."created_at" AS "col8", "app_product"."updated_at" AS "col9" FROM "app_product" ORDER BY "app_product"."supplier_id" ASC) subquery;
-- rows: 1
-- step 4: query (list(Product.objects.distinct("supplier", "category").order_by("supplier", "category", "price").values_list("sku", flat=True)))
SELECT DISTINCT ON ("app_product"."supplier_id", "app_product"."cat") "app_product"."product_sku" AS "sku" FROM "app_product" ORDER BY "app_product"."supplier_id" ASC, "app_product"."cat" ASC, "app_product"."price" ASC;
-- rows: 2
-- step 5: query (Product.objects.order_by("supplier", "-price").distinct("supplier").first())
SELECT DISTINCT ON ("app_product"."supplier_id") "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" ORDER BY "app_product"."supplier_id" ASC, "app_product"."price" DESC LIMIT 1;
-- rows: 1
-- step 6: query (Product.objects.distinct("supplier").exists())
SELECT DISTINCT ON ("app_product"."supplier_id") $1 AS "a" FROM "app_product" LIMIT 1;
-- params: [1]
-- rows: 1
-- step 7: query (Product.objects.all()[:1].distinct("supplier") raises TypeError)
-- raised TypeError: Cannot create distinct fields once a slice has been taken.
