-- step 1: create (Restaurant.objects.create(name="r", serves_pizza=True))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
INSERT INTO "app_place" ("name") VALUES ($1) RETURNING "app_place"."id";
-- params: ['r']
-- rows: 1
INSERT INTO "app_restaurant" ("place_ptr_id", "serves_pizza") VALUES ($1, $2);
-- params: [1, true]
-- rows: 1
COMMIT;
-- step 2: get (Restaurant.objects.get(pk=1))
SELECT "app_place"."id", "app_place"."name", "app_restaurant"."place_ptr_id", "app_restaurant"."serves_pizza" FROM "app_restaurant" INNER JOIN "app_place" ON ("app_restaurant"."place_ptr_id" = "app_place"."id") WHERE "app_restaurant"."place_ptr_id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 3: save (loaded.save())
BEGIN;
UPDATE "app_place" SET "name" = $1 WHERE "app_place"."id" = $2;
-- params: ['r', 1]
-- rows: 1
UPDATE "app_restaurant" SET "serves_pizza" = $1 WHERE "app_restaurant"."place_ptr_id" = $2;
-- params: [true, 1]
-- rows: 1
COMMIT;
-- step 4: save (loaded.name = "r2"; loaded.save(update_fields=["name"]))
BEGIN;
UPDATE "app_place" SET "name" = $1 WHERE "app_place"."id" = $2;
-- params: ['r2', 1]
-- rows: 1
COMMIT;
-- step 5: update (Restaurant.objects.filter(name="r2").update(name="r3", serves_pizza=False))
SELECT "app_restaurant"."place_ptr_id" FROM "app_restaurant" INNER JOIN "app_place" ON ("app_restaurant"."place_ptr_id" = "app_place"."id") WHERE "app_place"."name" = $1;
-- params: ['r2']
-- rows: 1
UPDATE "app_restaurant" SET "serves_pizza" = $1 WHERE "app_restaurant"."place_ptr_id" IN ($2);
-- params: [false, 1]
-- rows: 1
UPDATE "app_place" SET "name" = $1 WHERE "app_place"."id" IN ($2);
-- params: ['r3', 1]
-- rows: 1
