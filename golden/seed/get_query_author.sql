-- step 1: query (list(Author.objects.filter(email__endswith="@example.com").order_by("name")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email"::text LIKE $1 ORDER BY "app_author"."name" ASC;
-- params: ['%@example.com']
-- rows: 4
-- step 2: query (list(Author.objects.filter(entry__blog__name="Tech")))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") INNER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1;
-- params: ['Tech']
-- rows: 3
-- step 3: query (list(Author.objects.filter(entry__blog__name="Tech").distinct()))
SELECT DISTINCT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") INNER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1;
-- params: ['Tech']
-- rows: 2
-- step 4: query (list(Author.objects.exclude(entry__rating__lt=3)))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_entry_authors" U1 INNER JOIN "app_entry" U2 ON (U1."entry_id" = U2."id") WHERE (U2."rating" < $2 AND U1."author_id" = ("app_author"."id")) LIMIT 1));
-- params: [1, 3]
-- rows: 3
-- step 5: query (list(Author.objects.values_list("name", flat=True)))
SELECT "app_author"."name" AS "name" FROM "app_author";
-- rows: 4
