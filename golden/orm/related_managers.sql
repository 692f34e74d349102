-- step 1: get (blog = Blog.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: query (list(blog.entry_set.filter(rating__gte=4)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."blog_id" = $1 AND "app_entry"."rating" >= $2);
-- params: [1, 4]
-- rows: 1
-- step 3: query (blog.entry_set.count())
SELECT COUNT(*) AS "__count" FROM "app_entry" WHERE "app_entry"."blog_id" = $1;
-- params: [1]
-- rows: 1
-- step 4: get (entry = Entry.objects.get(pk=1))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 5: query (list(entry.authors.order_by("name")))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1 ORDER BY "app_author"."name" ASC;
-- params: [1]
-- rows: 2
-- step 6: get (author = Author.objects.get(pk=1))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 7: query (list(author.entry_set.filter(blog__name="Tech")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE ("app_entry_authors"."author_id" = $1 AND "app_blog"."name" = $2);
-- params: [1, 'Tech']
-- rows: 1
-- step 8: query (entry.comments.exists())
SELECT $1 AS "a" FROM "app_comment" WHERE "app_comment"."entry_id" = $2 LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- step 9: refresh_from_db (blog.refresh_from_db())
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 10: refresh_from_db (blog.refresh_from_db(fields=["name"]))
SELECT "app_blog"."id", "app_blog"."name" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 11: query (e = Entry.objects.only('headline').get(pk=2); e.refresh_from_db())
SELECT "app_entry"."id", "app_entry"."headline" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 12: refresh_from_db (e.refresh_from_db())
SELECT "app_entry"."id", "app_entry"."headline" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 13: get_or_create (blog.entry_set.get_or_create(headline='New', defaults={'body_text': 'x', 'pub_date': '2024-05-05'}))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."blog_id" = $1 AND "app_entry"."blog_id" = $2 AND "app_entry"."headline" = $3) LIMIT 21;
-- params: [1, 1, 'New']
-- rows: 0
BEGIN;
INSERT INTO "app_entry" ("blog_id", "headline", "body_text", "pub_date", "mod_date", "number_of_comments", "number_of_pingbacks", "rating") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "app_entry"."id";
-- params: [1, 'New', 'x', '2024-05-05', '2025-01-01', 0, 0, 5]
-- rows: 1
COMMIT;
-- step 14: get_or_create (blog.entry_set.get_or_create(headline='New'))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."blog_id" = $1 AND "app_entry"."blog_id" = $2 AND "app_entry"."headline" = $3) LIMIT 21;
-- params: [1, 1, 'New']
-- rows: 1
