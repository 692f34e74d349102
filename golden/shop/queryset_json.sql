-- step 1: query (list(Product.objects.filter(attributes__contains={"color": "red"}).values_list("sku", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" @> $1;
-- params: ['{"color": "red"}']
-- rows: 1
-- step 2: query (list(Product.objects.exclude(attributes__contains={"color": "red"}).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT ("app_product"."attributes" @> $1) ORDER BY 1 ASC;
-- params: ['{"color": "red"}']
-- rows: 2
-- step 3: query (list(Product.objects.filter(attributes__contains="red").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" @> $1;
-- params: ['"red"']
-- rows: 1
-- step 4: query (list(Product.objects.filter(attributes__contained_by={"color": "red", "size": 2}).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" <@ $1;
-- params: ['{"color": "red", "size": 2}']
-- rows: 1
-- step 5: query (list(Product.objects.filter(attributes__has_key="size").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" ? $1;
-- params: ['size']
-- rows: 1
-- step 6: query (list(Product.objects.filter(attributes__has_keys=["color", "size"]).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" ?& $1;
-- params: [['color', 'size']]
-- rows: 1
-- step 7: query (list(Product.objects.filter(attributes__has_any_keys=["size", "weight"]).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" ?| $1;
-- params: [['size', 'weight']]
-- rows: 1
-- step 8: query (list(Product.objects.filter(attributes__icontains="BLUE").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER("app_product"."attributes"::text) LIKE UPPER($1);
-- params: ['%BLUE%']
-- rows: 1
-- step 9: query (list(Product.objects.filter(attributes__startswith="{\"color\": \"b").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes"::text LIKE $1;
-- params: ['{"color": "b%']
-- rows: 1
-- step 10: query (list(Product.objects.filter(attributes__iexact="\"RED\"").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER("app_product"."attributes"::text) = UPPER($1);
-- params: ['"RED"']
-- rows: 1
-- step 11: query (list(Product.objects.filter(attributes__regex="^\"").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes"::text ~ $1;
-- params: ['^"']
-- rows: 1
-- step 12: query (list(Product.objects.filter(attributes__isnull=False).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" IS NOT NULL ORDER BY 1 ASC;
-- rows: 3
-- step 13: query (list(Product.objects.filter(sku__icontains=5).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER("app_product"."product_sku"::text) LIKE UPPER($1);
-- params: ['%5%']
-- rows: 1
