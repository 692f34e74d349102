-- step 1: query (list(Product.objects.exclude(related__isnull=True).order_by("sku").values_list("sku", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_product" U0 LEFT OUTER JOIN "app_product_related" U1 ON (U0."id" = U1."from_product_id") WHERE (U1."to_product_id" IS NULL AND U0."id" = ("app_product"."id")) LIMIT 1)) ORDER BY 1 ASC;
-- params: [1]
-- rows: 2
-- step 2: query (list(Product.objects.exclude(related__isnull=False).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_product_related" U1 WHERE (U1."to_product_id" IS NOT NULL AND U1."from_product_id" = ("app_product"."id")) LIMIT 1));
-- params: [1]
-- rows: 1
-- step 3: query (list(Product.objects.exclude(tags__isnull=True).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_product" U0 LEFT OUTER JOIN "app_product_tags" U1 ON (U0."id" = U1."product_id") WHERE (U1."tag_id" IS NULL AND U0."id" = ("app_product"."id")) LIMIT 1));
-- params: [1]
-- rows: 1
-- step 4: query (list(Product.objects.exclude(tags__name="sale").order_by("sku").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_product_tags" U1 INNER JOIN "app_tag" U2 ON (U1."tag_id" = U2."id") WHERE (U2."name" = $2 AND U1."product_id" = ("app_product"."id")) LIMIT 1)) ORDER BY 1 ASC;
-- params: [1, 'sale']
-- rows: 2
-- step 5: query (list(Supplier.objects.exclude(product__isnull=True).values_list("name", flat=True)))
SELECT "app_supplier"."supplier_name" AS "name" FROM "app_supplier" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_supplier" U0 LEFT OUTER JOIN "app_product" U1 ON (U0."id" = U1."supplier_id") WHERE (U1."id" IS NULL AND U0."id" = ("app_supplier"."id")) LIMIT 1));
-- params: [1]
-- rows: 1
