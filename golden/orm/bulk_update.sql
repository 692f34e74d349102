-- step 1: bulk_update (Blog.objects.bulk_update(objs, ["name"]) (names x, y, z))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
UPDATE "app_blog" SET "name" = (CASE WHEN ("app_blog"."id" = $1) THEN $2 WHEN ("app_blog"."id" = $3) THEN $4 WHEN ("app_blog"."id" = $5) THEN $6 ELSE NULL END)::varchar(100) WHERE "app_blog"."id" IN ($7, $8, $9);
-- params: [1, 'x', 2, 'y', 3, 'z', 1, 2, 3]
-- rows: 3
COMMIT;
-- step 2: bulk_update (the same with batch_size=2)
BEGIN;
UPDATE "app_blog" SET "name" = (CASE WHEN ("app_blog"."id" = $1) THEN $2 WHEN ("app_blog"."id" = $3) THEN $4 ELSE NULL END)::varchar(100) WHERE "app_blog"."id" IN ($5, $6);
-- params: [1, 'x', 2, 'y', 1, 2]
-- rows: 2
UPDATE "app_blog" SET "name" = (CASE WHEN ("app_blog"."id" = $1) THEN $2 ELSE NULL END)::varchar(100) WHERE "app_blog"."id" IN ($3);
-- params: [3, 'z', 3]
-- rows: 1
COMMIT;
-- step 3: bulk_update (two fields, a None value)
BEGIN;
UPDATE "app_blog" SET "name" = (CASE WHEN ("app_blog"."id" = $1) THEN $2 WHEN ("app_blog"."id" = $3) THEN $4 ELSE NULL END)::varchar(100), "tagline" = (CASE WHEN ("app_blog"."id" = $5) THEN NULL WHEN ("app_blog"."id" = $6) THEN $7 ELSE NULL END)::text WHERE "app_blog"."id" IN ($8, $9);
-- params: [1, 'x', 2, 'y', 1, 2, 't', 1, 2]
-- rows: 2
COMMIT;
-- step 4: get (b3 = Blog.objects.get(pk=3))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
-- step 5: bulk_update (b3.name = "solo"; Blog.objects.bulk_update([b3], ["name", "tagline"]))
BEGIN;
UPDATE "app_blog" SET "name" = (CASE WHEN ("app_blog"."id" = $1) THEN $2 ELSE NULL END)::varchar(100), "tagline" = (CASE WHEN ("app_blog"."id" = $3) THEN $4 ELSE NULL END)::text WHERE "app_blog"."id" IN ($5);
-- params: [3, 'solo', 3, 'tc', 3]
-- rows: 1
COMMIT;
-- step 7: bulk_update (the same pk twice (Blog(id=1, name="p"), Blog(id=1, name="q")); the first WHEN wins)
BEGIN;
UPDATE "app_blog" SET "name" = (CASE WHEN ("app_blog"."id" = $1) THEN $2 WHEN ("app_blog"."id" = $3) THEN $4 ELSE NULL END)::varchar(100) WHERE "app_blog"."id" IN ($5);
-- params: [1, 'p', 1, 'q', 1]
-- rows: 1
COMMIT;
-- step 9: bulk_update (Blog.objects.bulk_update(objs, ["id"]))
-- raised ValueError: bulk_update() cannot be used with primary key fields.
-- step 11: bulk_update (Invoice.objects.bulk_update(invs, ["amount", "state"]))
BEGIN;
UPDATE "app_invoice" SET "amount" = (CASE WHEN ("app_invoice"."id" = $1) THEN $2 WHEN ("app_invoice"."id" = $3) THEN $4 ELSE NULL END)::numeric(10, 2), "state" = (CASE WHEN ("app_invoice"."id" = $5) THEN $6 WHEN ("app_invoice"."id" = $7) THEN $8 ELSE NULL END)::varchar(50) WHERE "app_invoice"."id" IN ($9, $10);
-- params: [1, 1.50, 2, 2, 1, 'draft', 2, 'draft', 1, 2]
-- rows: 2
COMMIT;
-- step 13: create (r = Restaurant.objects.create(name="r"))
BEGIN;
INSERT INTO "app_place" ("name") VALUES ($1) RETURNING "app_place"."id";
-- params: ['r']
-- rows: 1
INSERT INTO "app_restaurant" ("place_ptr_id", "serves_pizza") VALUES ($1, $2);
-- params: [1, false]
-- rows: 1
COMMIT;
-- step 14: bulk_update (r.name = "r2"; r.serves_pizza = True; Restaurant.objects.bulk_update([r], ["name", "serves_pizza"]))
BEGIN;
SELECT "app_restaurant"."place_ptr_id" FROM "app_restaurant" WHERE "app_restaurant"."place_ptr_id" IN ($1);
-- params: [1]
-- rows: 1
UPDATE "app_restaurant" SET "serves_pizza" = (CASE WHEN ("app_restaurant"."place_ptr_id" = $1) THEN $2 ELSE NULL END)::boolean WHERE "app_restaurant"."place_ptr_id" IN ($3);
-- params: [1, true, 1]
-- rows: 1
UPDATE "app_place" SET "name" = (CASE WHEN "app_place"."id" = $1 THEN $2 ELSE NULL END)::varchar(100) WHERE "app_place"."id" IN ($3);
-- params: [1, 'r2', 1]
-- rows: 1
COMMIT;
-- step 15: bulk_update (r.name = "r3"; Restaurant.objects.bulk_update([r], ["name"]) (a parent field only))
BEGIN;
SELECT "app_restaurant"."place_ptr_id" FROM "app_restaurant" WHERE "app_restaurant"."place_ptr_id" IN ($1);
-- params: [1]
-- rows: 1
UPDATE "app_place" SET "name" = (CASE WHEN "app_place"."id" = $1 THEN $2 ELSE NULL END)::varchar(100) WHERE "app_place"."id" IN ($3);
-- params: [1, 'r3', 1]
-- rows: 1
COMMIT;
-- step 16: bulk_update (Restaurant.objects.bulk_update([Restaurant(pk=99, name="n")], ["name", "serves_pizza"]))
BEGIN;
SELECT "app_restaurant"."place_ptr_id" FROM "app_restaurant" WHERE "app_restaurant"."place_ptr_id" IN ($1);
-- params: [99]
-- rows: 0
COMMIT;
