-- step 1: bulk_create (Restaurant.objects.bulk_create([Restaurant(name="r1"), Restaurant(name="r2", serves_pizza=True)]))
-- raised ValueError: Can't bulk create a multi-table inherited model
-- step 2: bulk_create (Restaurant.objects.bulk_create([]) raises too)
-- raised ValueError: Can't bulk create a multi-table inherited model
-- step 4: bulk_create (Place.objects.bulk_create([Place(name="p1"), Place(name="p2")]))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
INSERT INTO "app_place" ("name") SELECT * FROM UNNEST(($1)::varchar[]) RETURNING "app_place"."id";
-- params: [['p1', 'p2']]
-- rows: 2
COMMIT;
-- step 5: create (Restaurant.objects.create(name="r1", serves_pizza=True))
BEGIN;
INSERT INTO "app_place" ("name") VALUES ($1) RETURNING "app_place"."id";
-- params: ['r1']
-- rows: 1
INSERT INTO "app_restaurant" ("place_ptr_id", "serves_pizza") VALUES ($1, $2);
-- params: [3, true]
-- rows: 1
COMMIT;
