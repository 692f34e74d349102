-- step 1: query (Entry.objects.count())
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT COUNT(*) AS "__count" FROM "app_entry";
-- rows: 1
-- step 2: query (Entry.objects.filter(blog__name="Tech").count())
SELECT COUNT(*) AS "__count" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1;
-- params: ['Tech']
-- rows: 1
-- step 3: query (len(Entry.objects.all()))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
-- step 4: query (Entry.objects.filter(rating__gte=5).exists())
SELECT $1 AS "a" FROM "app_entry" WHERE "app_entry"."rating" >= $2 LIMIT 1;
-- params: [1, 5]
-- rows: 1
