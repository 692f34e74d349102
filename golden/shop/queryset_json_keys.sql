-- step 1: query (list(Product.objects.filter(attributes__color="red").values_list("sku", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['color', '"red"']
-- rows: 1
-- step 2: query (list(Product.objects.filter(attributes__size=2).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['size', '2']
-- rows: 1
-- step 3: query (list(Product.objects.filter(attributes__size=5.5).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['size', '5.5']
-- rows: 1
-- step 4: query (list(Product.objects.filter(attributes__note=None).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['note', 'null']
-- rows: 1
-- step 5: query (list(Product.objects.filter(attributes__dims={"w": 4}).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['dims', '{"w": 4}']
-- rows: 1
-- step 6: query (list(Product.objects.filter(attributes__flag=True).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['flag', 'true']
-- rows: 0
-- step 7: query (list(Product.objects.filter(attributes__year=2025).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['year', '2025']
-- rows: 0
-- step 8: query (list(Product.objects.filter(attributes__size__gt=3).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) > $2;
-- params: ['size', '3']
-- rows: 1
-- step 9: query (list(Product.objects.filter(attributes__size__lte=2).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) <= $2;
-- params: ['size', '2']
-- rows: 1
-- step 10: query (list(Product.objects.filter(attributes__color__in=["red", "green"]).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) IN ($2, $3);
-- params: ['color', '"red"', '"green"']
-- rows: 1
-- step 11: query (list(Product.objects.filter(attributes__size__range=[1, 3]).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) BETWEEN $2 AND $3;
-- params: ['size', '1', '3']
-- rows: 1
-- step 12: query (list(Product.objects.filter(attributes__color__icontains="RE").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER(("app_product"."attributes" ->> $1)::text) LIKE UPPER($2);
-- params: ['color', '%RE%']
-- rows: 1
-- step 13: query (list(Product.objects.filter(attributes__color__startswith="b").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" ->> $1)::text LIKE $2;
-- params: ['color', 'b%']
-- rows: 1
-- step 14: query (list(Product.objects.filter(attributes__color__iexact="RED").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER(("app_product"."attributes" ->> $1)::text) = UPPER($2);
-- params: ['color', 'RED']
-- rows: 1
-- step 15: query (list(Product.objects.filter(attributes__color__regex="^r").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" ->> $1)::text ~ $2;
-- params: ['color', '^r']
-- rows: 1
-- step 16: query (list(Product.objects.filter(attributes__size__icontains=5).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER(("app_product"."attributes" ->> $1)::text) LIKE UPPER($2);
-- params: ['size', '%5%']
-- rows: 1
-- step 17: query (list(Product.objects.filter(attributes__color__contains="red").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) @> $2;
-- params: ['color', '"red"']
-- rows: 1
-- step 18: query (list(Product.objects.filter(attributes__dims__w=10).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" #> $1) = $2;
-- params: [['dims', 'w'], '10']
-- rows: 1
-- step 19: query (list(Product.objects.filter(attributes__dims__w__gt=5).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" #> $1) > $2;
-- params: [['dims', 'w'], '5']
-- rows: 1
-- step 20: query (list(Product.objects.filter(attributes__dims__w__icontains="1").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER(("app_product"."attributes" #>> $1)::text) LIKE UPPER($2);
-- params: [['dims', 'w'], '%1%']
-- rows: 1
-- step 21: query (list(Product.objects.filter(attributes__0="x").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: [0, '"x"']
-- rows: 1
-- step 22: query (list(Product.objects.filter(attributes__tags__0="a").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" #> $1) = $2;
-- params: [['tags', '0'], '"a"']
-- rows: 1
-- step 23: query (list(Product.objects.filter(attributes__color__isnull=True).values_list("sku", flat=True).order_by("sku")))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) IS NULL ORDER BY 1 ASC;
-- params: ['color']
-- rows: 2
-- step 24: query (list(Product.objects.filter(attributes__dims__h__isnull=False).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" #> $1) IS NOT NULL;
-- params: [['dims', 'h']]
-- rows: 1
-- step 25: query (list(Product.objects.exclude(attributes__color="red").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT (("app_product"."attributes" -> $1) = $2);
-- params: ['color', '"red"']
-- rows: 1
-- step 26: query (list(Product.objects.exclude(attributes__color__isnull=True).values_list("sku", flat=True).order_by("sku")))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT (("app_product"."attributes" -> $1) IS NULL) ORDER BY 1 ASC;
-- params: ['color']
-- rows: 2
-- step 27: query (list(Product.objects.filter(attributes__dims__has_key="h").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) ? $2;
-- params: ['dims', 'h']
-- rows: 1
-- step 28: query (list(Product.objects.filter(attributes__dims__contains={"w": 10}).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) @> $2;
-- params: ['dims', '{"w": 10}']
-- rows: 1
-- step 29: query (list(Product.objects.filter(attributes__dims__contained_by={"w": 4, "h": 1}).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) <@ $2;
-- params: ['dims', '{"w": 4, "h": 1}']
-- rows: 1
-- step 30: query (list(Product.objects.filter(Q(attributes__color="red") | Q(attributes__size__gt=5)).values_list("sku", flat=True).order_by("sku")))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE (("app_product"."attributes" -> $1) = $2 OR ("app_product"."attributes" -> $3) > $4) ORDER BY 1 ASC;
-- params: ['color', '"red"', 'size', '5']
-- rows: 2
-- step 31: query (list(Product.objects.values("sku", "attributes__color").order_by("sku")))
SELECT "app_product"."product_sku" AS "sku", ("app_product"."attributes" -> $1) AS "attributes__color" FROM "app_product" ORDER BY 1 ASC;
-- params: ['color']
-- rows: 4
-- step 32: query (list(Product.objects.values_list("attributes__dims__w", flat=True).order_by("sku")))
SELECT ("app_product"."attributes" #> $1) AS "attributes__dims__w" FROM "app_product" ORDER BY "app_product"."product_sku" ASC;
-- params: [['dims', 'w']]
-- rows: 4
-- step 33: query (list(Product.objects.order_by("attributes__size").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" ORDER BY ("app_product"."attributes" -> $1) ASC;
-- params: ['size']
-- rows: 4
-- step 34: query (list(Product.objects.order_by("-attributes__dims__w", "sku").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" ORDER BY ("app_product"."attributes" #> $1) DESC, 1 ASC;
-- params: [['dims', 'w']]
-- rows: 4
-- step 35: query (list(Product.objects.annotate(c=F("attributes__color")).values_list("sku", "c").order_by("sku")))
SELECT "app_product"."product_sku" AS "sku", ("app_product"."attributes" -> $1) AS "c" FROM "app_product" ORDER BY 1 ASC;
-- params: ['color']
-- rows: 4
-- step 36: query (list(Product.objects.annotate(w=F("attributes__dims__w")).filter(w__gt=5).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" #> $1) > $2;
-- params: [['dims', 'w'], '5']
-- rows: 1
-- step 37: query (list(Product.objects.filter(attributes=None).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE "app_product"."attributes" = $1;
-- params: ['null']
-- rows: 0
-- step 38: query (list(Product.objects.annotate(c=F("attributes__note")).filter(c=None).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['note', 'null']
-- rows: 1
-- step 39: query (list(Product.objects.annotate(c=F("attributes__color")).filter(c__icontains="E").values_list("sku", flat=True).order_by("sku")))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE UPPER(("app_product"."attributes" ->> $1)::text) LIKE UPPER($2) ORDER BY 1 ASC;
-- params: ['color', '%E%']
-- rows: 2
-- step 40: query (list(Product.objects.annotate(c=F("attributes__color")).filter(c__in=["red"]).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) IN ($2);
-- params: ['color', '"red"']
-- rows: 1
-- step 41: query (list(Product.objects.annotate(c=F("attributes__dims")).filter(c__contains={"w": 4}).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE ("app_product"."attributes" -> $1) @> $2;
-- params: ['dims', '{"w": 4}']
-- rows: 1
-- step 42: query (list(Product.objects.exclude(attributes__dims__w__gt=5).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_product" WHERE NOT (("app_product"."attributes" #> $1) > $2);
-- params: [['dims', 'w'], '5']
-- rows: 1
-- step 43: query (list(Delivery.objects.filter(product__attributes__color="red").values_list("quantity", flat=True)))
SELECT "app_delivery"."quantity" AS "quantity" FROM "app_delivery" INNER JOIN "app_product" ON ("app_delivery"."product_id" = "app_product"."id") WHERE ("app_product"."attributes" -> $1) = $2;
-- params: ['color', '"red"']
-- rows: 1
