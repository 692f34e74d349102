-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: bulk_create (tags with generated uuids)
BEGIN;
INSERT INTO "app_tag" ("id", "name") SELECT * FROM UNNEST(($1)::uuid[], ($2)::varchar[]);
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'], ['a', 'b', 'c']]
-- rows: 3
COMMIT;
-- step 3: bulk_create (products with a JSON field and auto_now fields)
BEGIN;
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") SELECT * FROM UNNEST(($1)::uuid[], ($2)::varchar[], ($3)::varchar[], ($4)::bigint[], ($5)::uuid[], ($6)::numeric[], ($7)::jsonb[], ($8)::timestamp with time zone[], ($9)::timestamp with time zone[]);
-- params: [['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005'], ['A', 'B'], ['a', 'b'], [1, 1], [NULL, NULL], [0, 0], ['{}', '{"color": "red"}'], ['2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00'], ['2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']]
-- rows: 2
COMMIT;
-- step 4: bulk_create (an upsert on sku, whose column is product_sku)
BEGIN;
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT("product_sku") DO UPDATE SET "name" = EXCLUDED."name", "price" = EXCLUDED."price";
-- params: ['00000000-0000-4000-8000-000000000006', 'A', 'a2', 1, NULL, 2.00, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
COMMIT;
-- step 5: get
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['A']
-- rows: 1
-- step 6: get
SELECT "app_product"."id", "app_product"."product_sku", "app_product"."name", "app_product"."supplier_id", "app_product"."cat", "app_product"."price", "app_product"."attributes", "app_product"."created_at", "app_product"."updated_at" FROM "app_product" WHERE "app_product"."product_sku" = $1 LIMIT 21;
-- params: ['B']
-- rows: 1
-- step 7: bulk_update (bulk_update sends what the objects hold; updated_at is not set to now)
BEGIN;
UPDATE "app_product" SET "price" = (CASE WHEN ("app_product"."id" = $1) THEN $2 WHEN ("app_product"."id" = $3) THEN $4 ELSE NULL END)::numeric(10, 2), "updated_at" = (CASE WHEN ("app_product"."id" = $5) THEN $6 WHEN ("app_product"."id" = $7) THEN $8 ELSE NULL END)::timestamp with time zone WHERE "app_product"."id" IN ($9, $10);
-- params: ['00000000-0000-4000-8000-000000000004', 3.00, '00000000-0000-4000-8000-000000000005', 3.00, '00000000-0000-4000-8000-000000000004', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000005', '2025-01-01 15:30:00+00:00', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005']
-- rows: 2
COMMIT;
-- step 8: bulk_create (batch_size=0 is refused before any SQL)
-- raised ValueError: Batch size must be a positive integer.
-- step 9: bulk_create (update_conflicts needs unique_fields on PostgreSQL)
-- raised ValueError: Unique fields that can trigger the upsert must be provided.
-- step 10: bulk_update (bulk_update's batch_size=0 too)
-- raised ValueError: Batch size must be a positive integer.
-- step 11: bulk_create (ignore_conflicts and update_conflicts together)
-- raised ValueError: ignore_conflicts and update_conflicts are mutually exclusive.
-- step 12: bulk_update (bulk_update without fields)
-- raised ValueError: Field names must be given to bulk_update().
-- step 13: get
SELECT "app_tag"."id", "app_tag"."name" FROM "app_tag" WHERE "app_tag"."name" = $1 LIMIT 21;
-- params: ['a']
-- rows: 1
-- step 14: get
SELECT "app_tag"."id", "app_tag"."name" FROM "app_tag" WHERE "app_tag"."name" = $1 LIMIT 21;
-- params: ['b']
-- rows: 1
-- step 15: bulk_create (rows of the auto-created table, through Product.tags.through)
BEGIN;
INSERT INTO "app_product_tags" ("product_id", "tag_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) RETURNING "app_product_tags"."id";
-- params: [['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000004'], ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']]
-- rows: 2
COMMIT;
