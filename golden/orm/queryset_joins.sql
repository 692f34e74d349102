-- step 1: query (list(Entry.objects.filter(blog__name="Tech")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1;
-- params: ['Tech']
-- rows: 2
-- step 2: query (list(Blog.objects.filter(entry__headline__contains="u")))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" INNER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") WHERE "app_entry"."headline"::text LIKE $1;
-- params: ['%u%']
-- rows: 1
-- step 3: query (list(Entry.objects.filter(authors__name="Bob")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") INNER JOIN "app_author" ON ("app_entry_authors"."author_id" = "app_author"."id") WHERE "app_author"."name" = $1;
-- params: ['Bob']
-- rows: 2
-- step 4: query (list(Entry.objects.filter(authors__name="Bob").filter(authors__name="Ann")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") INNER JOIN "app_author" ON ("app_entry_authors"."author_id" = "app_author"."id") INNER JOIN "app_entry_authors" T4 ON ("app_entry"."id" = T4."entry_id") INNER JOIN "app_author" T5 ON (T4."author_id" = T5."id") WHERE ("app_author"."name" = $1 AND T5."name" = $2);
-- params: ['Bob', 'Ann']
-- rows: 1
-- step 5: query (list(Entry.objects.exclude(authors__name="Bob")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_entry_authors" U1 INNER JOIN "app_author" U2 ON (U1."author_id" = U2."id") WHERE (U2."name" = $2 AND U1."entry_id" = ("app_entry"."id")) LIMIT 1));
-- params: [1, 'Bob']
-- rows: 3
-- step 6: query ([e.blog.name for e in Entry.objects.select_related("blog")])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id");
-- rows: 5
-- step 7: query ([e.blog.name for e in Entry.objects.all()])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
-- step 8: query ([e.blog.name for e in Entry.objects.prefetch_related("blog")])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE ("app_blog"."id") IN (($1), ($2), ($3));
-- params: [1, 2, 3]
-- rows: 3
-- step 9: query ([[a.name for a in e.authors.all()] for e in Entry.objects.prefetch_related("authors")])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT ("app_entry_authors"."entry_id") AS "_prefetch_related_val_entry_id", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IN ($1, $2, $3, $4, $5);
-- params: [1, 2, 3, 4, 5]
-- rows: 7
-- step 10: query ([[a.name for a in e.authors.all()] for e in Entry.objects.all()])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [1]
-- rows: 2
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [2]
-- rows: 1
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [3]
-- rows: 1
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [4]
-- rows: 2
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [5]
-- rows: 1
-- step 11: query ([[c.text for c in e.comments.all()] for e in Entry.objects.all()])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."entry_id" = $1;
-- params: [1]
-- rows: 2
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."entry_id" = $1;
-- params: [2]
-- rows: 0
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."entry_id" = $1;
-- params: [3]
-- rows: 1
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."entry_id" = $1;
-- params: [4]
-- rows: 0
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."entry_id" = $1;
-- params: [5]
-- rows: 1
-- step 12: query ([[c.text for c in e.comments.all()] for e in Entry.objects.prefetch_related("comments")])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."entry_id" IN ($1, $2, $3, $4, $5);
-- params: [1, 2, 3, 4, 5]
-- rows: 4
-- step 13: query ([c.author for c in Comment.objects.select_related("author")])
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_comment" LEFT OUTER JOIN "app_author" ON ("app_comment"."author_id" = "app_author"."id");
-- rows: 4
-- step 14: query (list(Comment.objects.filter(author__isnull=True)))
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."author_id" IS NULL;
-- rows: 1
-- step 15: query ([e.body_text for e in Entry.objects.only("headline")])
SELECT "app_entry"."id", "app_entry"."headline" FROM "app_entry";
-- rows: 5
SELECT "app_entry"."id", "app_entry"."body_text" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
SELECT "app_entry"."id", "app_entry"."body_text" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
SELECT "app_entry"."id", "app_entry"."body_text" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
SELECT "app_entry"."id", "app_entry"."body_text" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [4]
-- rows: 1
SELECT "app_entry"."id", "app_entry"."body_text" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [5]
-- rows: 1
-- step 16: query (list(Entry.objects.order_by("blog__name", "-rating")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") ORDER BY "app_blog"."name" ASC, "app_entry"."rating" DESC;
-- rows: 5
