-- step 1: query (Product.objects.values("supplier").distinct().count())
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT COUNT(*) FROM (SELECT DISTINCT "app_product"."supplier_id" AS "supplier" FROM "app_product") subquery;
-- rows: 1
-- step 2: query (Product.objects.values("supplier").annotate(n=Count("id")).count())
SELECT COUNT(*) FROM (SELECT "app_product"."supplier_id" AS "supplier" FROM "app_product" GROUP BY 1) subquery;
-- rows: 1
-- step 3: query (Product.objects.annotate(n=Count("tags")).distinct().count())
SELECT COUNT(*) FROM (SELECT DISTINCT "app_product"."id" AS "col1", "app_product"."product_sku" AS "col2", "app_product"."name" AS "col3", "app_product"."supplier_id" AS "col4", "app_product"."cat" AS "col5", "app_product"."price" AS "col6", "app_product"."attributes" AS "col7", "app_product"."created_at" AS "col8", "app_product"."updated_at" AS "col9", COUNT("app_product_tags"."tag_id") AS "n" FROM "app_product" LEFT OUTER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") GROUP BY 1) subquery;
-- rows: 1
-- step 4: query (Product.objects.annotate(l=Lower("name"), n=Count("tags")).count())
SELECT COUNT(*) FROM (SELECT LOWER("app_product"."name") AS "l" FROM "app_product" LEFT OUTER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") GROUP BY "app_product"."id", 1) subquery;
-- rows: 1
-- step 5: query (Product.objects.values("category__name").distinct().count())
SELECT COUNT(*) FROM (SELECT DISTINCT "app_category"."name" AS "category__name" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id")) subquery;
-- rows: 1
-- step 6: query (Product.objects.order_by("sku")[:2].aggregate(total=Sum("price")))
SELECT SUM("__col1") FROM (SELECT "app_product"."price" AS "__col1" FROM "app_product" ORDER BY "app_product"."product_sku" ASC LIMIT 2) subquery;
-- rows: 1
-- step 7: query (Product.objects.order_by("-sku")[1:3].aggregate(total=Sum("price"), top=Max("price"), n=Count("id")))
SELECT SUM("__col1"), MAX("__col1"), COUNT("__col2") FROM (SELECT "app_product"."price" AS "__col1", "app_product"."id" AS "__col2" FROM "app_product" ORDER BY "app_product"."product_sku" DESC LIMIT 2 OFFSET 1) subquery;
-- rows: 1
-- step 8: query (Product.objects.filter(tags__name__in=["sale", "steel"]).distinct().aggregate(total=Sum("price")))
SELECT SUM("__col1") FROM (SELECT DISTINCT "app_product"."id" AS "col1", "app_product"."product_sku" AS "col2", "app_product"."name" AS "col3", "app_product"."supplier_id" AS "col4", "app_product"."cat" AS "col5", "app_product"."price" AS "col6", "app_product"."attributes" AS "col7", "app_product"."created_at" AS "col8", "app_product"."updated_at" AS "col9", "app_product"."price" AS "__col1" FROM "app_product" INNER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") INNER JOIN "app_tag" ON ("app_product_tags"."tag_id" = "app_tag"."id") WHERE "app_tag"."name" IN ($1, $2)) subquery;
-- params: ['sale', 'steel']
-- rows: 1
-- step 9: query (Product.objects.annotate(n=Count("tags")).aggregate(total=Sum("price")))
SELECT SUM("__col1") FROM (SELECT "app_product"."price" AS "__col1" FROM "app_product" LEFT OUTER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") GROUP BY "app_product"."id") subquery;
-- rows: 1
-- step 10: query (Product.objects.values("supplier").annotate(n=Count("id")).aggregate(total=Sum("price")))
SELECT SUM("__col1") FROM (SELECT "app_product"."supplier_id" AS "supplier", "app_product"."price" AS "__col1" FROM "app_product" GROUP BY 1, 2) subquery;
-- rows: 1
-- step 11: query (Supplier.objects.order_by("name")[:1].aggregate(total=Sum("product__price")))
SELECT SUM("__col1") FROM (SELECT "app_product"."price" AS "__col1" FROM "app_supplier" LEFT OUTER JOIN "app_product" ON ("app_supplier"."id" = "app_product"."supplier_id") ORDER BY "app_supplier"."supplier_name" ASC LIMIT 1) subquery;
-- rows: 1
-- step 12: query (Product.objects.order_by("sku")[:2].aggregate(double=Sum(F("price") * 2)))
SELECT SUM(("__col1" * $1)) FROM (SELECT "app_product"."price" AS "__col1" FROM "app_product" ORDER BY "app_product"."product_sku" ASC LIMIT 2) subquery;
-- params: [2]
-- rows: 1
-- step 13: query (list(Product.objects.order_by("category__name").distinct()))
SELECT DISTINCT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_category"."name" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") ORDER BY "app_category"."name" ASC;
-- rows: 3
-- step 14: query (list(Product.objects.order_by("-category__parent__name", "sku").distinct()))
SELECT DISTINCT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", T3."name" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") LEFT OUTER JOIN "app_category" T3 ON ("app_category"."parent_id" = T3."id") ORDER BY T3."name" DESC, "app_product"."product_sku" ASC;
-- rows: 3
-- step 15: query (list(Product.objects.values("sku").order_by("category__name").distinct()))
SELECT DISTINCT "app_product"."product_sku" AS "sku", "app_category"."name" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id") ORDER BY "app_category"."name" ASC;
-- rows: 3
-- step 16: query (list(Product.objects.values()))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product";
-- rows: 3
-- step 17: query (list(Product.objects.annotate(l=Lower("name")).values_list()))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", LOWER("app_product"."name") AS "l" FROM "app_product";
-- rows: 3
