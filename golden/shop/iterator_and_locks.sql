-- step 1: query (for p in Product.objects.prefetch_related("tags").iterator(): pass)
-- raised ValueError: chunk_size must be provided when using QuerySet.iterator() after prefetch_related().
-- step 2: query (for s in Product.objects.prefetch_related("tags").values_list("sku", flat=True).iterator(chunk_size=2): pass)
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
DECLARE "_django_curs_1_sync_1" NO SCROLL CURSOR WITH HOLD FOR SELECT "app_product"."product_sku" AS "sku" FROM "app_product";
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 2
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 1
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 0
CLOSE "_django_curs_1_sync_1";
-- step 3: query (for r in Product.objects.prefetch_related("tags").values("name").iterator(chunk_size=2): pass)
DECLARE "_django_curs_1_sync_2" NO SCROLL CURSOR WITH HOLD FOR SELECT "app_product"."name" AS "name" FROM "app_product";
FETCH FORWARD 2 FROM "_django_curs_1_sync_2";
-- rows: 2
FETCH FORWARD 2 FROM "_django_curs_1_sync_2";
-- rows: 1
FETCH FORWARD 2 FROM "_django_curs_1_sync_2";
-- rows: 0
CLOSE "_django_curs_1_sync_2";
-- step 4: query (with transaction.atomic(): list(DigitalProduct.objects.select_for_update(of=("product_ptr",), skip_locked=True)))
BEGIN;
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") FOR UPDATE OF "app_product" SKIP LOCKED;
-- rows: 2
COMMIT;
-- step 5: query (with transaction.atomic(): list(DigitalProduct.objects.select_for_update(of=("self", "product_ptr"), no_key=True)))
BEGIN;
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") FOR NO KEY UPDATE OF "app_digitalproduct", "app_product";
-- rows: 2
COMMIT;
-- step 6: query (with transaction.atomic(): list(DigitalProduct.objects.select_for_update(of=("supplier",))))
-- raised FieldError: Invalid field name(s) given in select_for_update(of=(...)): supplier. Only relational fields followed in the query are allowed. Choices are: self, product_ptr.
-- step 7: query (with transaction.atomic(): list(DigitalProduct.objects.select_related("supplier").select_for_update(of=("supplier", "product_ptr"), nowait=True)))
BEGIN;
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at", "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url", "app_supplier"."id", "app_supplier"."supplier_name" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") INNER JOIN "app_supplier" ON ("app_product"."supplier_id" = "app_supplier"."id") FOR UPDATE OF "app_supplier", "app_product" NOWAIT;
-- rows: 2
COMMIT;
-- step 8: query (with transaction.atomic(): list(DigitalProduct.objects.select_related("supplier").select_for_update(of=("product_ptr__supplier", "tags"))))
-- raised FieldError: Invalid field name(s) given in select_for_update(of=(...)): product_ptr__supplier, tags. Only relational fields followed in the query are allowed. Choices are: self, product_ptr, supplier.
-- step 9: query (with transaction.atomic(): list(DigitalProduct.objects.only("download_url").select_for_update(of=("product_ptr",))))
BEGIN;
SELECT "app_digitalproduct"."product_ptr_id", "app_digitalproduct"."download_url" FROM "app_digitalproduct" FOR UPDATE;
-- rows: 2
COMMIT;
-- step 10: query (with transaction.atomic(): list(DigitalProduct.objects.values("name").select_for_update(of=("self",))))
BEGIN;
SELECT "app_product"."name" AS "name" FROM "app_digitalproduct" INNER JOIN "app_product" ON ("app_digitalproduct"."product_ptr_id" = "app_product"."id") FOR UPDATE;
-- rows: 2
COMMIT;
-- step 11: query (with transaction.atomic(): list(Product.objects.filter(sku="HAM-1").select_for_update(of=("self",))))
BEGIN;
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 FOR UPDATE OF "app_product";
-- params: ['HAM-1']
-- rows: 1
COMMIT;
