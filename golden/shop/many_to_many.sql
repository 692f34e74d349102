-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_supplier" ("supplier_name") VALUES ($1) RETURNING "app_supplier"."id";
-- params: ['Acme']
-- rows: 1
-- step 2: create
INSERT INTO "app_product" ("id", "product_sku", "name", "supplier_id", "cat", "price", "attributes", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- params: ['00000000-0000-4000-8000-000000000001', 'HAM-1', 'Hammer', 1, NULL, 0, '{}', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 3: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000002', 'a']
-- rows: 1
-- step 4: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000003', 'b']
-- rows: 1
-- step 5: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000004', 'c']
-- rows: 1
-- step 6: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000005', 'd']
-- rows: 1
-- step 7: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000006', 'e']
-- rows: 1
-- step 8: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000007', 'f']
-- rows: 1
-- step 9: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000008', 'g']
-- rows: 1
-- step 10: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000009', 'h']
-- rows: 1
-- step 11: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-00000000000a', 'i']
-- rows: 1
-- step 12: create
INSERT INTO "app_tag" ("id", "name") VALUES ($1, $2);
-- params: ['00000000-0000-4000-8000-00000000000b', 'j']
-- rows: 1
-- step 13: m2m (add several; the receiver makes add() SELECT the missing ids first)
BEGIN;
SELECT "app_product_tags"."tag_id" AS "tag" FROM "app_product_tags" WHERE ("app_product_tags"."product_id" = $1 AND "app_product_tags"."tag_id" IN ($2, $3, $4, $5, $6));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000009', '00000000-0000-4000-8000-00000000000b']
-- rows: 0
INSERT INTO app_audit (message) VALUES ('pre_add 5');
-- rows: 1
INSERT INTO "app_product_tags" ("product_id", "tag_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000009', '00000000-0000-4000-8000-00000000000b']]
-- rows: 5
INSERT INTO app_audit (message) VALUES ('post_add 5');
-- rows: 1
COMMIT;
-- step 14: m2m (add one that is there and one that is not)
BEGIN;
SELECT "app_product_tags"."tag_id" AS "tag" FROM "app_product_tags" WHERE ("app_product_tags"."product_id" = $1 AND "app_product_tags"."tag_id" IN ($2, $3));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('pre_add 1');
-- rows: 1
INSERT INTO "app_product_tags" ("product_id", "tag_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('post_add 1');
-- rows: 1
COMMIT;
-- step 15: m2m (add only what is there; the receivers still run)
BEGIN;
SELECT "app_product_tags"."tag_id" AS "tag" FROM "app_product_tags" WHERE ("app_product_tags"."product_id" = $1 AND "app_product_tags"."tag_id" IN ($2));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('pre_add 0');
-- rows: 1
INSERT INTO app_audit (message) VALUES ('post_add 0');
-- rows: 1
COMMIT;
-- step 16: m2m (remove by object and by a raw uuid)
BEGIN;
INSERT INTO app_audit (message) VALUES ('pre_remove 2');
-- rows: 1
DELETE FROM "app_product_tags" WHERE ("app_product_tags"."product_id" = $1 AND "app_product_tags"."tag_id" IN ($2, $3));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-00000000000b']
-- rows: 2
INSERT INTO app_audit (message) VALUES ('post_remove 2');
-- rows: 1
COMMIT;
-- step 17: m2m (set removes what is not wanted and adds the rest)
BEGIN;
SELECT "app_tag"."id" AS "id" FROM "app_tag" INNER JOIN "app_product_tags" ON ("app_tag"."id" = "app_product_tags"."tag_id") WHERE "app_product_tags"."product_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 4
INSERT INTO app_audit (message) VALUES ('pre_remove 3');
-- rows: 1
DELETE FROM "app_product_tags" WHERE ("app_product_tags"."product_id" = $1 AND "app_product_tags"."tag_id" IN ($2, $3, $4));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000009', '00000000-0000-4000-8000-000000000003']
-- rows: 3
INSERT INTO app_audit (message) VALUES ('post_remove 3');
-- rows: 1
SELECT "app_product_tags"."tag_id" AS "tag" FROM "app_product_tags" WHERE ("app_product_tags"."product_id" = $1 AND "app_product_tags"."tag_id" IN ($2, $3));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-00000000000a']
-- rows: 0
INSERT INTO app_audit (message) VALUES ('pre_add 2');
-- rows: 1
INSERT INTO "app_product_tags" ("product_id", "tag_id") SELECT * FROM UNNEST(($1)::uuid[], ($2)::uuid[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], ['00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-00000000000a']]
-- rows: 2
INSERT INTO app_audit (message) VALUES ('post_add 2');
-- rows: 1
COMMIT;
-- step 18: m2m (clear)
BEGIN;
INSERT INTO app_audit (message) VALUES ('pre_clear 0');
-- rows: 1
DELETE FROM "app_product_tags" WHERE "app_product_tags"."product_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 3
INSERT INTO app_audit (message) VALUES ('post_clear 0');
-- rows: 1
COMMIT;
