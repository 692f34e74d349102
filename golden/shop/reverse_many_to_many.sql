-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000001', 'P0', 'p0', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 3: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000002', 'P1', 'p1', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 4: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000003', 'P2', 'p2', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 5: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000004', 't']
-- rows: 1
-- step 6: m2m (add two products to the tag)
BEGIN;
SELECT "app_product_tags"."product_id" AS "product" FROM "app_product_tags" WHERE ("app_product_tags"."product_id" IN ($1, $2) AND "app_product_tags"."tag_id" = $3);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000004']
-- rows: 0
INSERT INTO app_audit (message) VALUES ('pre_add 2');
-- rows: 1
INSERT INTO "app_product_tags" ("product_id", "tag_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'], ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000004']]
-- rows: 2
INSERT INTO app_audit (message) VALUES ('post_add 2');
-- rows: 1
COMMIT;
-- step 7: m2m (remove one)
BEGIN;
INSERT INTO app_audit (message) VALUES ('pre_remove 1');
-- rows: 1
DELETE FROM "app_product_tags" WHERE ("app_product_tags"."tag_id" = $1 AND "app_product_tags"."product_id" IN ($2));
-- params: ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('post_remove 1');
-- rows: 1
COMMIT;
-- step 8: m2m (set)
BEGIN;
SELECT "app_product"."id" AS "id" FROM "app_product" INNER JOIN "app_product_tags" ON ("app_product"."id" = "app_product_tags"."product_id") WHERE "app_product_tags"."tag_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000004']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('pre_remove 1');
-- rows: 1
DELETE FROM "app_product_tags" WHERE ("app_product_tags"."tag_id" = $1 AND "app_product_tags"."product_id" IN ($2));
-- params: ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('post_remove 1');
-- rows: 1
SELECT "app_product_tags"."product_id" AS "product" FROM "app_product_tags" WHERE ("app_product_tags"."product_id" IN ($1) AND "app_product_tags"."tag_id" = $2);
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 0
INSERT INTO app_audit (message) VALUES ('pre_add 1');
-- rows: 1
INSERT INTO "app_product_tags" ("product_id", "tag_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('post_add 1');
-- rows: 1
COMMIT;
-- step 9: m2m (clear)
BEGIN;
INSERT INTO app_audit (message) VALUES ('pre_clear 0');
-- rows: 1
DELETE FROM "app_product_tags" WHERE "app_product_tags"."tag_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000004']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('post_clear 0');
-- rows: 1
COMMIT;
