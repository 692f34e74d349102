-- step 1: query (Product.objects.latest("created_at"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" ORDER BY "app_product"."created_at" DESC LIMIT 1;
-- rows: 1
-- step 2: query (Product.objects.order_by("sku").earliest("price", "-sku"))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" ORDER BY "app_product"."price" ASC, "app_product"."product_sku" DESC LIMIT 1;
-- rows: 1
-- step 3: query (Product.objects.filter(price__gt=5).latest("updated_at", "sku"))
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."price" > $1 ORDER BY "app_product"."updated_at" DESC, "app_product"."product_sku" DESC LIMIT 1;
-- params: [5]
-- rows: 1
-- step 4: query (Supplier.objects.filter(name="nobody").earliest("id") raises DoesNotExist)
SELECT "app_supplier"."id", "app_supplier"."supplier_name" FROM "app_supplier" WHERE "app_supplier"."supplier_name" = $1 ORDER BY "app_supplier"."id" ASC LIMIT 1;
-- params: ['nobody']
-- rows: 0
-- raised DoesNotExist: Supplier matching query does not exist.
-- step 5: query (Product.objects.all()[:2].latest("created_at") raises TypeError)
-- raised TypeError: Cannot change a query once a slice has been taken.
-- step 6: query (Product.objects.latest() raises ValueError)
-- raised ValueError: earliest() and latest() require either fields as positional arguments or 'get_latest_by' in the model's Meta.
