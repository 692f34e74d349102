-- step 1: query (list(Product.objects.annotate(sku_lower=Lower("sku")).values_list("sku_lower", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT LOWER("app_product"."product_sku") AS "sku_lower" FROM "app_product";
-- rows: 2
-- step 2: query (list(Supplier.objects.annotate(n=Count("product"), l=Upper("name")).order_by("l")))
SELECT "app_supplier"."id", "app_supplier"."supplier_name", COUNT("app_product"."id") AS "n", UPPER("app_supplier"."supplier_name") AS "l" FROM "app_supplier" LEFT OUTER JOIN "app_product" ON ("app_supplier"."id" = "app_product"."supplier_id") GROUP BY "app_supplier"."id", 4 ORDER BY 4 ASC;
-- rows: 1
-- step 3: query (list(Category.objects.annotate(has_children=Exists(Category.objects.filter(parent=OuterRef("pk"))))))
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id", EXISTS(SELECT $1 AS "a" FROM "app_category" U0 WHERE U0."parent_id" = ("app_category"."id") LIMIT 1) AS "has_children" FROM "app_category";
-- params: [1]
-- rows: 2
-- step 4: query (list(Product.objects.annotate(cat=Coalesce("category__name", Value("-"))).values_list("sku", "cat")))
SELECT "app_product"."product_sku" AS "sku", COALESCE("app_category"."name", $1) AS "cat" FROM "app_product" LEFT OUTER JOIN "app_category" ON ("app_product"."cat" = "app_category"."id");
-- params: ['-']
-- rows: 2
-- step 5: query (list(Order.objects.values(month=TruncMonth("placed_at")).annotate(total=Sum("total")).order_by("month")))
SELECT DATE_TRUNC($1, "app_order"."placed_at" AT TIME ZONE $2) AS "month", SUM("app_order"."total") AS "total" FROM "app_order" GROUP BY 1 ORDER BY 1 ASC;
-- params: ['month', 'UTC']
-- rows: 1
-- step 6: query (list(Product.objects.annotate(c=Case(When(price__gt=5, then=F("id")))).values_list("c", flat=True)))
SELECT CAST(CASE WHEN "app_product"."price" > $1 THEN "app_product"."id" ELSE NULL END AS uuid) AS "c" FROM "app_product";
-- params: [5]
-- rows: 2
-- step 7: query (list(Product.objects.annotate(c=Case(When(price__gt=5, then=F("category")))).values_list("c", flat=True)))
SELECT CAST(CASE WHEN "app_product"."price" > $1 THEN "app_product"."cat" ELSE NULL END AS uuid) AS "c" FROM "app_product";
-- params: [5]
-- rows: 2
-- step 8: query (list(Product.objects.annotate(t=Concat("sku", Value(":"), "id", output_field=CharField())).values_list("t", flat=True)))
SELECT (COALESCE("app_product"."product_sku", $1) || COALESCE((COALESCE($2, $3) || COALESCE(("app_product"."id")::text, $4)), $5)) AS "t" FROM "app_product";
-- params: ['', ':', '', '', '']
-- rows: 2
-- step 9: query (list(Supplier.objects.annotate(latest=Subquery(Delivery.objects.filter(supplier=OuterRef("pk")).order_by("-received_at").values("product__sku")[:1]))))
SELECT "app_supplier"."id", "app_supplier"."supplier_name", (SELECT U2."product_sku" AS "product__sku" FROM "app_delivery" U0 INNER JOIN "app_product" U2 ON (U0."product_id" = U2."id") WHERE U0."supplier_id" = ("app_supplier"."id") ORDER BY U0."received_at" DESC LIMIT 1) AS "latest" FROM "app_supplier";
-- rows: 1
