-- step 1: query (list(Product.objects.filter(supplier__in=Supplier.objects.filter(name__startswith="A")).values_list("sku", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."supplier_id" IN (SELECT U0."id" FROM "app_supplier" U0 WHERE U0."supplier_name"::text LIKE $1);
-- params: ['A%']
-- rows: 1
-- step 2: query (list(Product.objects.filter(supplier__in=Supplier.objects.filter(name__startswith="B").values("id")).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."supplier_id" IN (SELECT U0."id" AS "id" FROM "app_supplier" U0 WHERE U0."supplier_name"::text LIKE $1);
-- params: ['B%']
-- rows: 1
-- step 3: query (list(Supplier.objects.filter(id__in=Product.objects.filter(price__gt=5).values("supplier")).values_list("name", flat=True)))
SELECT "app_supplier"."supplier_name" AS "name" FROM "app_supplier" WHERE "app_supplier"."id" IN (SELECT U0."supplier_id" AS "supplier" FROM "app_product" U0 WHERE U0."price" > $1);
-- params: [5]
-- rows: 1
-- step 4: query (list(Supplier.objects.exclude(pk__in=Product.objects.values("supplier_id")).values_list("name", flat=True)))
SELECT "app_supplier"."supplier_name" AS "name" FROM "app_supplier" WHERE NOT ("app_supplier"."id" IN (SELECT U0."supplier_id" AS "supplier_id" FROM "app_product" U0));
-- rows: 1
-- step 5: query (list(Product.objects.filter(category__in=Category.objects.filter(parent__isnull=True).order_by("name")).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."cat" IN (SELECT U0."id" FROM "app_category" U0 WHERE U0."parent_id" IS NULL);
-- rows: 1
-- step 6: query (list(Product.objects.filter(tags__in=Tag.objects.filter(name="sale")).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" INNER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") WHERE "app_product_tags"."tag_id" IN (SELECT U0."id" FROM "app_tag" U0 WHERE U0."name" = $1);
-- params: ['sale']
-- rows: 1
-- step 7: query (list(Product.objects.filter(supplier__in=Subquery(Supplier.objects.filter(name="Bolt").values("pk"))).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."supplier_id" IN (SELECT U0."id" AS "pk" FROM "app_supplier" U0 WHERE U0."supplier_name" = $1);
-- params: ['Bolt']
-- rows: 1
-- step 8: query (list(Supplier.objects.filter(pk__in=Product.objects.order_by("-price").values_list("supplier_id")[:1]).values_list("name", flat=True)))
SELECT "app_supplier"."supplier_name" AS "name" FROM "app_supplier" WHERE "app_supplier"."id" IN (SELECT U0."supplier_id" AS "supplier_id" FROM "app_product" U0 ORDER BY U0."price" DESC LIMIT 1);
-- rows: 1
