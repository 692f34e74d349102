-- step 1: query ([e.blog.name for e in Entry.objects.prefetch_related("blog")])
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE ("app_blog"."id") IN (($1), ($2), ($3));
-- params: [1, 2, 3]
-- rows: 3
-- step 2: query ([[a.name for a in e.authors.all()] for e in Entry.objects.prefetch_related("authors")])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT ("app_entry_authors"."entry_id") AS "_prefetch_related_val_entry_id", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IN ($1, $2, $3, $4, $5);
-- params: [1, 2, 3, 4, 5]
-- rows: 7
