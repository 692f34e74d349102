-- step 1: query (list(Delivery.objects.annotate(g=Greatest("quantity", Value(5)), l=Least("quantity", Value(5))).order_by("pk").values_list("g", "l")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT GREATEST("app_delivery"."quantity", $1) AS "g", LEAST("app_delivery"."quantity", $2) AS "l" FROM "app_delivery" ORDER BY "app_delivery"."id" ASC;
-- params: [5, 5]
-- rows: 2
-- step 2: query (list(Product.objects.annotate(g=Greatest("price", Value(5)))) raises FieldError (mixed types))
-- raised FieldError: Expression contains mixed types: DecimalField, IntegerField. You must set output_field.
-- step 3: query (list(Product.objects.annotate(g=Greatest("price", Value(5), output_field=DecimalField(max_digits=10, decimal_places=2))).order_by("sku").values_list("g", flat=True)))
SELECT GREATEST("app_product"."price", $1) AS "g" FROM "app_product" ORDER BY "app_product"."product_sku" ASC;
-- params: [5]
-- rows: 3
-- step 4: query (list(Product.objects.annotate(n=NullIf("name", Value("Saw"))).order_by("sku").values_list("sku", "n")))
SELECT "app_product"."product_sku" AS "sku", NULLIF("app_product"."name", $1) AS "n" FROM "app_product" ORDER BY 1 ASC;
-- params: ['Saw']
-- rows: 3
-- step 5: query (list(Delivery.objects.annotate(y=ExtractYear("received_at"), iy=ExtractIsoYear(...), q=ExtractQuarter(...), m=ExtractMonth(...), w=ExtractWeek(...), d=ExtractDay(...), wd=ExtractWeekDay(...), iwd=ExtractIsoWeekDay(...), h=ExtractHour(...), mi=ExtractMinute(...), s=ExtractSecond(...)).order_by("pk").values_list(...)))
SELECT EXTRACT(YEAR FROM "app_delivery"."received_at" AT TIME ZONE $1) AS "y", EXTRACT(ISOYEAR FROM "app_delivery"."received_at" AT TIME ZONE $2) AS "iy", EXTRACT(QUARTER FROM "app_delivery"."received_at" AT TIME ZONE $3) AS "q", EXTRACT(MONTH FROM "app_delivery"."received_at" AT TIME ZONE $4) AS "m", EXTRACT(WEEK FROM "app_delivery"."received_at" AT TIME ZONE $5) AS "w", EXTRACT(DAY FROM "app_delivery"."received_at" AT TIME ZONE $6) AS "d", EXTRACT(DOW FROM "app_delivery"."received_at" AT TIME ZONE $7) + 1 AS "wd", EXTRACT(ISODOW FROM "app_delivery"."received_at" AT TIME ZONE $8) AS "iwd", EXTRACT(HOUR FROM "app_delivery"."received_at" AT TIME ZONE $9) AS "h", EXTRACT(MINUTE FROM "app_delivery"."received_at" AT TIME ZONE $10) AS "mi", EXTRACT(SECOND FROM DATE_TRUNC($11, "app_delivery"."received_at" AT TIME ZONE $12)) AS "s" FROM "app_delivery" ORDER BY "app_delivery"."id" ASC;
-- params: ['UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'UTC', 'second', 'UTC']
-- rows: 2
-- step 6: query (list(Product.objects.values(y=ExtractYear("created_at")).annotate(n=Count("pk")).order_by("y")))
SELECT EXTRACT(YEAR FROM "app_product"."created_at" AT TIME ZONE $1) AS "y", COUNT("app_product"."id") AS "n" FROM "app_product" GROUP BY 1 ORDER BY 1 ASC;
-- params: ['UTC']
-- rows: 2
-- step 7: query (list(Product.objects.annotate(y=ExtractYear("created_at")).filter(y=2024).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."created_at" BETWEEN $1 AND $2;
-- params: ['2024-01-01 00:00:00+00:00', '2024-12-31 23:59:59.999999+00:00']
-- rows: 1
-- step 8: query (list(Product.objects.annotate(m=ExtractMonth("created_at")).filter(m__gte=2).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE EXTRACT(MONTH FROM "app_product"."created_at" AT TIME ZONE $1) >= $2;
-- params: ['UTC', 2]
-- rows: 1
-- step 9: query (list(Delivery.objects.filter(quantity__lt=Greatest(ExtractMonth("received_at"), Value(4))).values_list("quantity", flat=True)))
SELECT "app_delivery"."quantity" AS "quantity" FROM "app_delivery" WHERE "app_delivery"."quantity" < (GREATEST(EXTRACT(MONTH FROM "app_delivery"."received_at" AT TIME ZONE $1), $2));
-- params: ['UTC', 4]
-- rows: 1
-- step 10: query (list(Delivery.objects.order_by(ExtractHour("received_at").desc()).values_list("quantity", flat=True)))
SELECT "app_delivery"."quantity" AS "quantity" FROM "app_delivery" ORDER BY EXTRACT(HOUR FROM "app_delivery"."received_at" AT TIME ZONE $1) DESC;
-- params: ['UTC']
-- rows: 2
-- step 11: query (Delivery.objects.annotate(n=Now()).filter(n__gt=F("received_at"), received_at__lt=Now()).count())
SELECT COUNT(*) AS "__count" FROM "app_delivery" WHERE (STATEMENT_TIMESTAMP() > ("app_delivery"."received_at") AND "app_delivery"."received_at" < (STATEMENT_TIMESTAMP()));
-- rows: 1
-- step 12: query (list(Product.objects.annotate(a=Abs(F("price") * -1), r=Round("price", 1), r0=Round("price"), c=Ceil("price"), f=Floor("price")).order_by("sku").values_list("a", "r", "r0", "c", "f")))
SELECT ABS(("app_product"."price" * $1)) AS "a", ROUND("app_product"."price", $2) AS "r", ROUND("app_product"."price", $3) AS "r0", CEILING("app_product"."price") AS "c", FLOOR("app_product"."price") AS "f" FROM "app_product" ORDER BY "app_product"."product_sku" ASC;
-- params: [-1, 1, 0]
-- rows: 3
-- step 13: query (list(Delivery.objects.annotate(m=Mod("quantity", 4), p=Power("quantity", 2), mf=Mod("quantity", Value(2.5))).order_by("pk").values_list("m", "p", "mf")))
SELECT MOD("app_delivery"."quantity", $1) AS "m", POWER("app_delivery"."quantity", $2) AS "p", MOD("app_delivery"."quantity", ($3)::numeric(1000, 15)) AS "mf" FROM "app_delivery" ORDER BY "app_delivery"."id" ASC;
-- params: [4, 2, 2.5]
-- rows: 2
-- step 14: query (list(Product.objects.annotate(s=Substr("name", 2, 3), s2=Substr("name", 2), l=Left("name", 2), r=Right("name", 2)).order_by("sku").values_list("s", "s2", "l", "r")))
SELECT SUBSTRING("app_product"."name", $1, $2) AS "s", SUBSTRING("app_product"."name", $3) AS "s2", LEFT("app_product"."name", $4) AS "l", RIGHT("app_product"."name", $5) AS "r" FROM "app_product" ORDER BY "app_product"."product_sku" ASC;
-- params: [2, 3, 2, 2, 2]
-- rows: 3
-- step 15: query (list(Product.objects.annotate(rp=Replace("name", Value("a"), Value("o")), rp2=Replace("name", Value("a")), i=StrIndex("name", Value("a")), rev=Reverse("name"), rep=Repeat("sku", 2), md5=MD5("sku")).order_by("sku").values_list(...)))
SELECT REPLACE("app_product"."name", $1, $2) AS "rp", REPLACE("app_product"."name", $3, $4) AS "rp2", STRPOS("app_product"."name", $5) AS "i", REVERSE("app_product"."name") AS "rev", REPEAT("app_product"."product_sku", $6) AS "rep", MD5("app_product"."product_sku") AS "md5" FROM "app_product" ORDER BY "app_product"."product_sku" ASC;
-- params: ['a', 'o', 'a', '', 'a', 2]
-- rows: 3
-- step 16: query (list(Customer.objects.annotate(t=Trim("name"), lt=LTrim("name"), rt=RTrim("name"), lp=LPad("email", 8, Value("*")), rpd=RPad("email", 8)).values_list("t", "lt", "rt", "lp", "rpd")))
SELECT TRIM("app_customer"."name") AS "t", LTRIM("app_customer"."name") AS "lt", RTRIM("app_customer"."name") AS "rt", LPAD("app_customer"."email", $1, $2) AS "lp", RPAD("app_customer"."email", $3, $4) AS "rpd" FROM "app_customer";
-- params: [8, '*', 8, ' ']
-- rows: 1
-- step 17: update (Product.objects.filter(sku="HAM-1").update(name=Upper(Left("name", 3)), price=Round("price", 1)))
UPDATE "app_product" SET "name" = UPPER(LEFT("app_product"."name", $1)), "price" = ROUND("app_product"."price", $2) WHERE "app_product"."product_sku" = $3;
-- params: [3, 1, 'HAM-1']
-- rows: 1
