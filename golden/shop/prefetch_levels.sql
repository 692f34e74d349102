-- step 1: query (list(Product.objects.prefetch_related("related__tags")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product";
-- rows: 3
SELECT ("app_product_related"."from_product_id") AS "_prefetch_related_val_from_product_id", "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" INNER JOIN "app_product_related" ON ("app_product"."id" = "app_product_related"."to_product_id") WHERE "app_product_related"."from_product_id" IN ($1, $2, $3);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005']
-- rows: 2
SELECT ("app_product_tags"."product_id") AS "_prefetch_related_val_product_id", "app_tag"."id", "app_tag"."name" FROM "app_tag" INNER JOIN "app_product_tags" ON ("app_tag"."id" = "app_product_tags"."tag_id") WHERE "app_product_tags"."product_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 3
-- step 2: query (list(Product.objects.prefetch_related("tags__product_set")))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product";
-- rows: 3
SELECT ("app_product_tags"."product_id") AS "_prefetch_related_val_product_id", "app_tag"."id", "app_tag"."name" FROM "app_tag" INNER JOIN "app_product_tags" ON ("app_tag"."id" = "app_product_tags"."tag_id") WHERE "app_product_tags"."product_id" IN ($1, $2, $3);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005']
-- rows: 3
SELECT ("app_product_tags"."tag_id") AS "_prefetch_related_val_tag_id", "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" INNER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") WHERE "app_product_tags"."tag_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000007']
-- rows: 3
-- step 3: query (list(Product.objects.prefetch_related("category__parent")))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product";
-- rows: 3
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE ("app_category"."id") IN (($1), ($2));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 2
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE ("app_category"."id") IN (($1));
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 1
-- step 4: query (list(Tag.objects.prefetch_related("product_set__category")))
SELECT "app_tag"."id", "app_tag"."name" FROM "app_tag";
-- rows: 2
SELECT ("app_product_tags"."tag_id") AS "_prefetch_related_val_tag_id", "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" INNER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") WHERE "app_product_tags"."tag_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000007']
-- rows: 3
SELECT "app_category"."id", "app_category"."name", "app_category"."parent_id" FROM "app_category" WHERE ("app_category"."id") IN (($1), ($2));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 2
