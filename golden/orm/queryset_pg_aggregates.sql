-- step 1: query (list(Blog.objects.annotate(names=ArrayAgg("entry__headline", ordering="-entry__headline", distinct=True)).values_list("name", "names").order_by("id")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_blog"."name" AS "name", ARRAY_AGG(DISTINCT "app_entry"."headline" ORDER BY "app_entry"."headline" DESC) AS "names" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id" ORDER BY "app_blog"."id" ASC;
-- rows: 3
-- step 2: query (list(Blog.objects.annotate(h=StringAgg("entry__headline", ", ", ordering="entry__pub_date")).values_list("name", "h").order_by("id")))
SELECT "app_blog"."name" AS "name", STRING_AGG("app_entry"."headline", $1 ORDER BY "app_entry"."pub_date") AS "h" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id" ORDER BY "app_blog"."id" ASC;
-- params: [', ']
-- rows: 3
-- step 3: query (Entry.objects.aggregate(s=StringAgg("headline", ", ", ordering="id", filter=Q(rating__gt=3)), all_rated=BoolAnd(Q(rating__gt=1)), any_top=BoolOr(Q(rating=5)), v=Variance("rating", sample=True), sd=StdDev("rating"), j=JSONBAgg("headline", ordering="-id"), r=ArrayAgg("rating", ordering=("-rating", "id"))))
SELECT STRING_AGG("app_entry"."headline", $1 ORDER BY "app_entry"."id") FILTER (WHERE "app_entry"."rating" > $2) AS "s", BOOL_AND("app_entry"."rating" > $3) AS "all_rated", BOOL_OR("app_entry"."rating" = $4) AS "any_top", VAR_SAMP("app_entry"."rating") AS "v", STDDEV_POP("app_entry"."rating") AS "sd", JSONB_AGG("app_entry"."headline" ORDER BY "app_entry"."id" DESC) AS "j", ARRAY_AGG("app_entry"."rating" ORDER BY "app_entry"."rating" DESC, "app_entry"."id") AS "r" FROM "app_entry";
-- params: [', ', 3, 1, 5]
-- rows: 1
-- step 4: query (Entry.objects.filter(id__gt=100).aggregate(a=ArrayAgg("headline", default=[]), j=JSONBAgg("rating", default=[]), s=StringAgg("headline", "-", default=""), n=Sum("rating", default=0), b=BoolOr(Q(rating__gt=1), default=False), sd=StdDev("rating", sample=True, default=0)))
SELECT COALESCE(ARRAY_AGG("app_entry"."headline" ), $1::varchar(255)[]) AS "a", COALESCE(JSONB_AGG("app_entry"."rating" ), $2) AS "j", COALESCE(STRING_AGG("app_entry"."headline", $3 ), $4) AS "s", COALESCE(SUM("app_entry"."rating"), $5) AS "n", COALESCE(BOOL_OR("app_entry"."rating" > $6), $7) AS "b", COALESCE(STDDEV_SAMP("app_entry"."rating"), $8) AS "sd" FROM "app_entry" WHERE "app_entry"."id" > $9;
-- params: [[], '[]', '-', '', 0, 1, false, 0.0, 100]
-- rows: 1
-- step 5: query (list(Blog.objects.annotate(all_good=BoolAnd(Q(entry__rating__gte=4)), any_top=BoolOr(Q(entry__rating=5))).filter(all_good=True).values_list("name", "any_top").order_by("id")))
SELECT "app_blog"."name" AS "name", BOOL_OR("app_entry"."rating" = $1) AS "any_top" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id" HAVING BOOL_AND(("app_entry"."rating" >= $2)) ORDER BY "app_blog"."id" ASC;
-- params: [5, 4]
-- rows: 2
-- step 6: query (list(Entry.objects.values("blog").annotate(ratings=ArrayAgg("rating", ordering=F("rating").desc(nulls_last=True))).order_by("blog")))
SELECT "app_entry"."blog_id" AS "blog", ARRAY_AGG("app_entry"."rating" ORDER BY "app_entry"."rating" DESC NULLS LAST) AS "ratings" FROM "app_entry" GROUP BY 1 ORDER BY 1 ASC;
-- rows: 3
-- step 7: query (list(Author.objects.annotate(hs=ArrayAgg("entry__headline", filter=Q(entry__rating__gte=4), ordering=Lower("entry__headline"), default=[])).values_list("name", "hs").order_by("id")))
SELECT "app_author"."name" AS "name", COALESCE(ARRAY_AGG("app_entry"."headline" ORDER BY LOWER("app_entry"."headline")) FILTER (WHERE "app_entry"."rating" >= $1), $2::varchar(255)[]) AS "hs" FROM "app_author" LEFT OUTER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") LEFT OUTER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") GROUP BY "app_author"."id" ORDER BY "app_author"."id" ASC;
-- params: [4, []]
-- rows: 4
-- step 8: query (list(Blog.objects.annotate(sd=StdDev("entry__rating", sample=True), var=Variance("entry__rating")).values_list("name", "sd", "var").order_by("id")))
SELECT "app_blog"."name" AS "name", STDDEV_SAMP("app_entry"."rating") AS "sd", VAR_POP("app_entry"."rating") AS "var" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id" ORDER BY "app_blog"."id" ASC;
-- rows: 3
-- step 9: query (Entry.objects.aggregate(StdDev("rating"), Variance("number_of_comments", sample=True)))
SELECT STDDEV_POP("app_entry"."rating") AS "rating__stddev", VAR_SAMP("app_entry"."number_of_comments") AS "number_of_comments__variance" FROM "app_entry";
-- rows: 1
