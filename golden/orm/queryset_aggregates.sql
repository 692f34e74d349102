-- step 1: query (list(Blog.objects.annotate(n=Count("entry"))))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline", COUNT("app_entry"."id") AS "n" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id";
-- rows: 3
-- step 2: query (Entry.objects.aggregate(Avg("rating"), total=Sum("number_of_comments"), top=Max("rating")))
SELECT SUM("app_entry"."number_of_comments") AS "total", MAX("app_entry"."rating") AS "top", AVG("app_entry"."rating") AS "rating__avg" FROM "app_entry";
-- rows: 1
-- step 3: query (list(Entry.objects.annotate(n_authors=Count("authors", distinct=True)).filter(n_authors__gt=1)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", COUNT(DISTINCT "app_entry_authors"."author_id") AS "n_authors" FROM "app_entry" LEFT OUTER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") GROUP BY "app_entry"."id" HAVING COUNT(DISTINCT "app_entry_authors"."author_id") > $1;
-- params: [1]
-- rows: 2
-- step 4: query (list(Entry.objects.values("blog").annotate(n=Count("id")).order_by("blog")))
SELECT "app_entry"."blog_id" AS "blog", COUNT("app_entry"."id") AS "n" FROM "app_entry" GROUP BY 1 ORDER BY 1 ASC;
-- rows: 3
-- step 5: query (list(Entry.objects.filter(number_of_comments__gt=F("number_of_pingbacks") * 2)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."number_of_comments" > ("app_entry"."number_of_pingbacks" * $1);
-- params: [2]
-- rows: 1
