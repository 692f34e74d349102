-- step 1: delete (Blog.objects.filter(pk=1).delete() (entries are set to NULL, no note protects it))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_blog"."id", "app_blog"."name" FROM "app_blog" WHERE "app_blog"."id" = $1;
-- params: [1]
-- rows: 1
SELECT "app_note"."id", "app_note"."blog_id" FROM "app_note" WHERE "app_note"."blog_id" IN ($1);
-- params: [1]
-- rows: 0
BEGIN;
UPDATE "app_entry" SET "blog_id" = NULL WHERE "app_entry"."blog_id" IN ($1);
-- params: [1]
-- rows: 2
DELETE FROM "app_blog" WHERE "app_blog"."id" IN ($1);
-- params: [1]
-- rows: 1
COMMIT;
-- step 2: get (blog = Blog.objects.get(pk=2))
SELECT "app_blog"."id", "app_blog"."name" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 3: delete (blog.delete() (note 1 protects it))
SELECT "app_note"."id", "app_note"."blog_id" FROM "app_note" WHERE "app_note"."blog_id" IN ($1);
-- params: [2]
-- rows: 1
-- raised ProtectedError: Cannot delete some instances of model 'Blog' because they are referenced through protected foreign keys: 'Note.blog'.
-- step 4: delete (Entry.objects.filter(pk=3).delete() (its tagging cascades, a pin protects that))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline" FROM "app_entry" WHERE "app_entry"."id" = $1;
-- params: [3]
-- rows: 1
SELECT "app_tagging"."id" FROM "app_tagging" WHERE "app_tagging"."entry_id" IN ($1);
-- params: [3]
-- rows: 1
SELECT "app_pin"."id", "app_pin"."tagging_id" FROM "app_pin" WHERE "app_pin"."tagging_id" IN ($1);
-- params: [2]
-- rows: 1
-- raised ProtectedError: Cannot delete some instances of model 'Entry' because they are referenced through protected foreign keys: 'Tagging.entry'.
-- step 5: delete (Place.objects.all().delete() (two of them are restaurants))
SELECT "app_place"."id", "app_place"."name" FROM "app_place";
-- rows: 3
SELECT "app_place"."id", "app_restaurant"."place_ptr_id" FROM "app_restaurant" INNER JOIN "app_place" ON ("app_restaurant"."place_ptr_id" = "app_place"."id") WHERE "app_restaurant"."place_ptr_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 2
SELECT "app_place"."id", "app_place"."name" FROM "app_place" WHERE "app_place"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
SELECT "app_place"."id", "app_place"."name" FROM "app_place" WHERE "app_place"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
BEGIN;
DELETE FROM "app_visit" WHERE "app_visit"."place_id" IN ($1, $2);
-- params: [1, 2]
-- rows: 1
DELETE FROM "app_review" WHERE "app_review"."restaurant_id" IN ($1, $2);
-- params: [1, 2]
-- rows: 1
DELETE FROM "app_visit" WHERE "app_visit"."place_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 0
DELETE FROM "app_restaurant" WHERE "app_restaurant"."place_ptr_id" IN ($1, $2);
-- params: [2, 1]
-- rows: 2
DELETE FROM "app_place" WHERE "app_place"."id" IN ($1, $2, $3);
-- params: [3, 2, 1]
-- rows: 3
COMMIT;
-- step 6: create (Restaurant.objects.create(name="r4"))
BEGIN;
INSERT INTO "app_place" ("name") VALUES ($1) RETURNING "app_place"."id";
-- params: ['r4']
-- rows: 1
INSERT INTO "app_restaurant" ("place_ptr_id", "serves_pizza") VALUES ($1, $2);
-- params: [4, false]
-- rows: 1
COMMIT;
-- step 7: create (Review.objects.create(restaurant_id=4))
INSERT INTO "app_review" ("restaurant_id") VALUES ($1) RETURNING "app_review"."id";
-- params: [4]
-- rows: 1
-- step 8: create (Visit.objects.create(place_id=4))
INSERT INTO "app_visit" ("place_id") VALUES ($1) RETURNING "app_visit"."id";
-- params: [4]
-- rows: 1
-- step 9: delete (Restaurant.objects.all().delete() (the child, then its parent row))
SELECT "app_place"."id", "app_place"."name", "app_restaurant"."place_ptr_id", "app_restaurant"."serves_pizza" FROM "app_restaurant" INNER JOIN "app_place" ON ("app_restaurant"."place_ptr_id" = "app_place"."id");
-- rows: 1
BEGIN;
DELETE FROM "app_visit" WHERE "app_visit"."place_id" IN ($1);
-- params: [4]
-- rows: 1
DELETE FROM "app_review" WHERE "app_review"."restaurant_id" IN ($1);
-- params: [4]
-- rows: 1
DELETE FROM "app_restaurant" WHERE "app_restaurant"."place_ptr_id" IN ($1);
-- params: [4]
-- rows: 1
DELETE FROM "app_place" WHERE "app_place"."id" IN ($1);
-- params: [4]
-- rows: 1
COMMIT;
