-- step 3: query (list(qs))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE ("app_entry"."rating" >= $1 AND NOT ("app_blog"."name" = $2)) ORDER BY "app_entry"."pub_date" ASC;
-- params: [4, 'Food']
-- rows: 2
-- step 4: query (Entry.objects.filter(rating__gte=4).exclude(blog__name="Food").exists())
SELECT $1 AS "a" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE ("app_entry"."rating" >= $2 AND NOT ("app_blog"."name" = $3)) LIMIT 1;
-- params: [1, 4, 'Food']
-- rows: 1
