-- step 1: query (list(DigitalProduct.objects.filter(tags__name="sale").values_list("sku", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."product_sku" AS "sku" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") INNER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") INNER JOIN "app_tag" ON ("app_product_tags"."tag_id" = "app_tag"."id") WHERE "app_tag"."name" = $1;
-- params: ['sale']
-- rows: 1
-- step 2: query (list(DigitalProduct.objects.exclude(tags__name="sale").values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_product_tags" U2 INNER JOIN "app_tag" U3 ON (U2."tag_id" = U3."id") WHERE (U3."name" = $2 AND U2."product_id" = ("app_digitalproduct"."product_ptr_id")) LIMIT 1));
-- params: [1, 'sale']
-- rows: 1
-- step 3: query (list(DigitalProduct.objects.exclude(tags__isnull=True).values_list("sku", flat=True)))
SELECT "app_product"."product_sku" AS "sku" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_product" U1 LEFT OUTER JOIN "app_product_tags" U2 ON (U1."id" = U2."product_id") WHERE (U2."tag_id" IS NULL AND U1."id" = ("app_digitalproduct"."product_ptr_id")) LIMIT 1));
-- params: [1]
-- rows: 1
-- step 4: get (d = DigitalProduct.objects.get(sku="EBOOK-1"))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['EBOOK-1']
-- rows: 1
-- step 5: query (list(d.tags.all()))
SELECT "app_tag"."id", "app_tag"."name" FROM "app_tag" INNER JOIN "app_product_tags" ON ("app_tag"."id" = "app_product_tags"."tag_id") WHERE "app_product_tags"."product_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 1
-- step 6: query ([list(p.tags.all()) for p in DigitalProduct.objects.order_by("sku").prefetch_related("tags")])
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") ORDER BY "app_product"."product_sku" ASC;
-- rows: 2
SELECT ("app_product_tags"."product_id") AS "_prefetch_related_val_product_id", "app_tag"."id", "app_tag"."name" FROM "app_tag" INNER JOIN "app_product_tags" ON ("app_tag"."id" = "app_product_tags"."tag_id") WHERE "app_product_tags"."product_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 1
-- step 7: query (list(DigitalProduct.objects.annotate(n=Count("tags")).order_by("sku").values_list("sku", "n")))
SELECT "app_product"."product_sku" AS "sku", COUNT("app_product_tags"."tag_id") AS "n" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") LEFT OUTER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") GROUP BY "app_digitalproduct"."product_ptr_id", 1, "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" ORDER BY 1 ASC;
-- rows: 2
-- step 8: query (list(Supplier.objects.filter(product__digitalproduct__download_url="https://x/g.pdf").values_list("name", flat=True)))
SELECT "app_supplier"."supplier_name" AS "name" FROM "app_supplier" INNER JOIN "app_product" ON ("app_supplier"."id" = "app_product"."supplier_id") INNER JOIN "app_digitalproduct" ON ("app_product"."id" = "app_digitalproduct"."product_ptr_id") WHERE "app_digitalproduct"."download_url" = $1;
-- params: ['https://x/g.pdf']
-- rows: 1
