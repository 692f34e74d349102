-- step 1: get (e1 = Entry.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: get (e2 = Entry.objects.get(pk=2))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 3: bulk_update (bulk_update([e1 rating=F('rating')+1, e2 headline=Upper('headline')], ['rating', 'headline']))
BEGIN;
UPDATE "app_entry" SET "rating" = (CASE WHEN ("app_entry"."id" = $1) THEN ("app_entry"."rating" + $2) WHEN ("app_entry"."id" = $3) THEN $4 ELSE NULL END)::integer, "headline" = (CASE WHEN ("app_entry"."id" = $5) THEN $6 WHEN ("app_entry"."id" = $7) THEN UPPER("app_entry"."headline") ELSE NULL END)::varchar(255) WHERE "app_entry"."id" IN ($8, $9);
-- params: [1, 1, 2, 7, 1, 'Rewritten', 2, 1, 2]
-- rows: 2
COMMIT;
-- step 4: save (e1.number_of_comments = F('number_of_comments') + 1; e1.save())
UPDATE "app_entry" SET "blog_id" = $1, "headline" = $2, "body_text" = $3, "pub_date" = $4, "mod_date" = $5, "number_of_comments" = ("app_entry"."number_of_comments" + $6), "number_of_pingbacks" = $7, "rating" = ("app_entry"."rating" + $8) WHERE "app_entry"."id" = $9;
-- params: [1, 'Rewritten', 'Borrowing', '2024-01-10', '2025-01-01', 1, 0, 1, 1]
-- rows: 1
-- step 5: refresh_from_db (e1.refresh_from_db())
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 6: save (e2.number_of_comments = F('number_of_pingbacks') * 2; e2.save(update_fields=['number_of_comments']))
UPDATE "app_entry" SET "number_of_comments" = ("app_entry"."number_of_pingbacks" * $1) WHERE "app_entry"."id" = $2;
-- params: [2, 2]
-- rows: 1
-- step 7: create (Blog.objects.create(name=F('tagline'), tagline='t') raises ValueError)
-- raised ValueError: Failed to insert expression "Col(app_blog, app.Blog.tagline)" on app.Blog.name. F() expressions can only be used to update, not to insert.
-- step 8: create (Blog.objects.create(name=Upper(Value('new')), tagline='t'))
INSERT INTO "app_blog" ("name", "tagline") VALUES (UPPER($1), $2) RETURNING "app_blog"."id";
-- params: ['new', 't']
-- rows: 1
-- step 9: bulk_create (Blog.objects.bulk_create([Blog(name=Lower(Value('AB'))), Blog(name='c')]))
BEGIN;
INSERT INTO "app_blog" ("name", "tagline") VALUES (LOWER($1), $2), ($3, $4) RETURNING "app_blog"."id";
-- params: ['AB', 't', 'c', 'u']
-- rows: 2
COMMIT;
-- step 10: bulk_create (Blog.objects.bulk_create([Blog(name=F('tagline'))]) raises ValueError)
-- raised ValueError: Failed to insert expression "Col(app_blog, app.Blog.tagline)" on app.Blog.name. F() expressions can only be used to update, not to insert.
-- step 11: get_or_create (Blog.objects.get_or_create(name="zz", defaults={"tagline": F("name")}) raises ValueError)
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."name" = $1 LIMIT 21;
-- params: ['zz']
-- rows: 0
-- raised ValueError: Failed to insert expression "Col(app_blog, app.Blog.name)" on app.Blog.tagline. F() expressions can only be used to update, not to insert.
-- step 13: update_or_create (Blog.objects.update_or_create(name="yy", defaults={"tagline": F("name")}) raises ValueError)
BEGIN;
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."name" = $1 LIMIT 21 FOR UPDATE;
-- params: ['yy']
-- rows: 0
SAVEPOINT "s1_x1";
ROLLBACK TO SAVEPOINT "s1_x1";
RELEASE SAVEPOINT "s1_x1";
ROLLBACK;
-- raised ValueError: Failed to insert expression "Col(app_blog, app.Blog.name)" on app.Blog.tagline. F() expressions can only be used to update, not to insert.
