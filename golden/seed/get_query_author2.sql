-- step 1: query (list(Author.objects.filter(entry__isnull=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" LEFT OUTER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IS NULL;
-- rows: 0
-- step 2: query (list(Author.objects.filter(Q(name="Ann") | Q(entry__pub_date__year=2023)).distinct()))
SELECT DISTINCT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" LEFT OUTER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") LEFT OUTER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") WHERE ("app_author"."name" = $1 OR "app_entry"."pub_date" BETWEEN $2 AND $3);
-- params: ['Ann', '2023-01-01', '2023-12-31']
-- rows: 2
-- step 3: query (list(Author.objects.annotate(n=Count("entry"))))
SELECT "app_author"."id", "app_author"."name", "app_author"."email", COUNT("app_entry_authors"."entry_id") AS "n" FROM "app_author" LEFT OUTER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") GROUP BY "app_author"."id";
-- rows: 4
-- step 4: query (list(Author.objects.filter(entry__rating=5, entry__blog__name="Travel")))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") INNER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE ("app_blog"."name" = $1 AND "app_entry"."rating" = $2);
-- params: ['Travel', 5]
-- rows: 1
