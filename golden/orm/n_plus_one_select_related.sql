-- step 1: query ([e.blog.name for e in Entry.objects.select_related("blog")])
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id");
-- rows: 5
