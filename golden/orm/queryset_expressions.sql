-- step 1: query (list(Author.objects.annotate(lower_name=Lower("name"))))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_author"."id", "app_author"."name", "app_author"."email", LOWER("app_author"."name") AS "lower_name" FROM "app_author";
-- rows: 4
-- step 2: query (list(Author.objects.annotate(lower_name=Lower("name")).filter(lower_name="ann")))
SELECT "app_author"."id", "app_author"."name", "app_author"."email", LOWER("app_author"."name") AS "lower_name" FROM "app_author" WHERE LOWER("app_author"."name") = $1;
-- params: ['ann']
-- rows: 1
-- step 3: query (list(Entry.objects.annotate(title=Concat("headline", Value(" @ "), "blog__name")).values_list("title", flat=True)))
SELECT (COALESCE("app_entry"."headline", $1) || COALESCE((COALESCE($2, $3) || COALESCE("app_blog"."name", $4)), $5)) AS "title" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id");
-- params: ['', ' @ ', '', '', '']
-- rows: 5
-- step 4: query (list(Author.objects.annotate(full=Concat("name", Value(" <"), "email", Value(">"), output_field=CharField())).values_list("full", flat=True)))
SELECT (COALESCE("app_author"."name", $1) || COALESCE((COALESCE($2, $3) || COALESCE((COALESCE("app_author"."email", $4) || COALESCE($5, $6)), $7)), $8)) AS "full" FROM "app_author";
-- params: ['', ' <', '', '', '>', '', '', '']
-- rows: 4
-- step 5: query (list(Entry.objects.annotate(t=Concat("headline", Value(" #"), "rating", output_field=TextField())).values_list("t", flat=True)))
SELECT (COALESCE("app_entry"."headline", $1) || COALESCE((COALESCE($2, $3) || COALESCE(("app_entry"."rating")::text, $4)), $5)) AS "t" FROM "app_entry";
-- params: ['', ' #', '', '', '']
-- rows: 5
-- step 6: query (list(Entry.objects.annotate(n=Length("headline")).filter(n__gt=5).order_by("-n")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", LENGTH("app_entry"."headline") AS "n" FROM "app_entry" WHERE LENGTH("app_entry"."headline") > $1 ORDER BY 10 DESC;
-- params: [5]
-- rows: 3
-- step 7: query (list(Entry.objects.order_by(Upper("headline")).values_list("headline", flat=True)))
SELECT "app_entry"."headline" AS "headline" FROM "app_entry" ORDER BY UPPER("app_entry"."headline") ASC;
-- rows: 5
-- step 8: query (list(Comment.objects.annotate(who=Coalesce("author__name", Value("anonymous"))).values_list("text", "who")))
SELECT "app_comment"."text" AS "text", COALESCE("app_author"."name", $1) AS "who" FROM "app_comment" LEFT OUTER JOIN "app_author" ON ("app_comment"."author_id" = "app_author"."id");
-- params: ['anonymous']
-- rows: 4
-- step 9: query (list(Comment.objects.values(month=TruncMonth("created")).annotate(n=Count("id")).order_by("month")))
SELECT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "month", COUNT("app_comment"."id") AS "n" FROM "app_comment" GROUP BY 1 ORDER BY 1 ASC;
-- params: ['month', 'UTC']
-- rows: 3
-- step 10: query (list(Comment.objects.annotate(day=TruncDate("created")).values_list("day", flat=True)))
SELECT ("app_comment"."created" AT TIME ZONE $1)::date AS "day" FROM "app_comment";
-- params: ['UTC']
-- rows: 4
-- step 11: query (list(Entry.objects.values(m=TruncMonth("pub_date")).annotate(n=Count("id")).order_by("m")))
SELECT DATE_TRUNC($1, "app_entry"."pub_date") AS "m", COUNT("app_entry"."id") AS "n" FROM "app_entry" GROUP BY 1 ORDER BY 1 ASC;
-- params: ['month']
-- rows: 5
-- step 12: query (list(Comment.objects.annotate(y=TruncYear("created"), d=TruncDay("created"), h=TruncHour("created")).values("y", "d", "h")))
SELECT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "y", DATE_TRUNC($3, "app_comment"."created" AT TIME ZONE $4) AS "d", DATE_TRUNC($5, "app_comment"."created" AT TIME ZONE $6) AS "h" FROM "app_comment";
-- params: ['year', 'UTC', 'day', 'UTC', 'hour', 'UTC']
-- rows: 4
-- step 13: query (list(Entry.objects.annotate(r=Cast("rating", FloatField()), t=Cast("pub_date", CharField()), ...).values(...)))
SELECT ("app_entry"."rating")::double precision AS "r", ("app_entry"."pub_date")::varchar AS "t", ("app_entry"."rating")::text AS "u", ("app_entry"."number_of_comments")::integer AS "i", ("app_entry"."mod_date")::date AS "d", ("app_entry"."rating")::varchar(3) AS "c", ("app_entry"."rating")::numeric(5, 1) AS "m" FROM "app_entry";
-- rows: 5
-- step 14: query (list(Entry.objects.annotate(grade=Case(When(rating__gte=4, then=Value("good")), default=Value("bad"))).values_list("headline", "grade")))
SELECT "app_entry"."headline" AS "headline", CASE WHEN "app_entry"."rating" >= $1 THEN $2 ELSE $3 END AS "grade" FROM "app_entry";
-- params: [4, 'good', 'bad']
-- rows: 5
-- step 15: query (list(Entry.objects.annotate(rank=Case(When(rating=5, then=Value(1)), When(rating__gte=3, blog__name="Food", then=Value(2)), default=Value(3), output_field=IntegerField())).order_by("rank", "id")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", CASE WHEN "app_entry"."rating" = $1 THEN $2 WHEN ("app_blog"."name" = $3 AND "app_entry"."rating" >= $4) THEN $5 ELSE $6 END AS "rank" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") ORDER BY 10 ASC, "app_entry"."id" ASC;
-- params: [5, 1, 'Food', 3, 2, 3]
-- rows: 5
-- step 16: query (list(Entry.objects.annotate(popular=Case(When(number_of_comments__gte=2, then=Value(True)), default=Value(False), output_field=BooleanField())).filter(popular=True)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", CASE WHEN "app_entry"."number_of_comments" >= $1 THEN $2 ELSE $3 END AS "popular" FROM "app_entry" WHERE CASE WHEN ("app_entry"."number_of_comments" >= $4) THEN $5 ELSE $6 END;
-- params: [2, true, false, 2, true, false]
-- rows: 3
-- step 17: query (list(Entry.objects.annotate(rank=Case(When(rating=5, then=Value(1)), default=Value(2))).order_by("rank", "id").values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" ORDER BY CASE WHEN ("app_entry"."rating" = $1) THEN $2 ELSE $3 END ASC, 1 ASC;
-- params: [5, 1, 2]
-- rows: 5
-- step 18: query (list(Entry.objects.annotate(flag=Case(When(Q(rating__lt=3) | Q(number_of_comments=0), then=F("headline")))).values("id", "flag")))
SELECT "app_entry"."id" AS "id", CASE WHEN ("app_entry"."rating" < $1 OR "app_entry"."number_of_comments" = $2) THEN "app_entry"."headline" ELSE NULL END AS "flag" FROM "app_entry";
-- params: [3, 0]
-- rows: 5
-- step 19: query (list(Blog.objects.annotate(has_top=Exists(Entry.objects.filter(blog=OuterRef("pk"), rating__gte=5)))))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline", EXISTS(SELECT $1 AS "a" FROM "app_entry" U0 WHERE (U0."blog_id" = ("app_blog"."id") AND U0."rating" >= $2) LIMIT 1) AS "has_top" FROM "app_blog";
-- params: [1, 5]
-- rows: 3
-- step 20: query (list(Blog.objects.filter(Exists(Entry.objects.filter(blog=OuterRef("pk"), rating__gte=5)))))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE EXISTS(SELECT $1 AS "a" FROM "app_entry" U0 WHERE (U0."blog_id" = ("app_blog"."id") AND U0."rating" >= $2) LIMIT 1);
-- params: [1, 5]
-- rows: 2
-- step 21: query (list(Blog.objects.filter(~Exists(Entry.objects.filter(blog=OuterRef("pk"), rating__gte=5)), name__startswith="T")))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE (NOT EXISTS(SELECT $1 AS "a" FROM "app_entry" U0 WHERE (U0."blog_id" = ("app_blog"."id") AND U0."rating" >= $2) LIMIT 1) AND "app_blog"."name"::text LIKE $3);
-- params: [1, 5, 'T%']
-- rows: 1
-- step 22: query (list(Blog.objects.annotate(has_top=Exists(...)).filter(has_top=False).values_list("id", flat=True)))
SELECT "app_blog"."id" AS "id" FROM "app_blog" WHERE NOT EXISTS(SELECT $1 AS "a" FROM "app_entry" U0 WHERE (U0."blog_id" = ("app_blog"."id") AND U0."rating" >= $2) LIMIT 1);
-- params: [1, 5]
-- rows: 1
-- step 23: query (list(Author.objects.annotate(writes_food=Exists(Entry.objects.filter(authors=OuterRef("pk"), blog__name="Food"))).values_list("name", "writes_food")))
SELECT "app_author"."name" AS "name", EXISTS(SELECT $1 AS "a" FROM "app_entry" U0 INNER JOIN "app_entry_authors" U1 ON (U0."id" = U1."entry_id") INNER JOIN "app_blog" U3 ON (U0."blog_id" = U3."id") WHERE (U1."author_id" = ("app_author"."id") AND U3."name" = $2) LIMIT 1) AS "writes_food" FROM "app_author";
-- params: [1, 'Food']
-- rows: 4
-- step 24: query (list(Blog.objects.annotate(latest=Subquery(Entry.objects.filter(blog=OuterRef("pk")).order_by("-pub_date").values("headline")[:1]))))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline", (SELECT U0."headline" AS "headline" FROM "app_entry" U0 WHERE U0."blog_id" = ("app_blog"."id") ORDER BY U0."pub_date" DESC LIMIT 1) AS "latest" FROM "app_blog";
-- rows: 3
-- step 25: query (list(Entry.objects.filter(rating=Subquery(Entry.objects.filter(blog=OuterRef("blog")).order_by("-rating").values("rating")[:1]))))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."rating" = (SELECT U0."rating" AS "rating" FROM "app_entry" U0 WHERE U0."blog_id" = ("app_entry"."blog_id") ORDER BY 1 DESC LIMIT 1);
-- rows: 3
-- step 26: query (list(Blog.objects.annotate(n=Subquery(Entry.objects.filter(blog=OuterRef("pk")).values("blog").annotate(c=Count("id")).values_list("c"))).values_list("name", "n")))
SELECT "app_blog"."name" AS "name", (SELECT COUNT(U0."id") AS "c" FROM "app_entry" U0 WHERE U0."blog_id" = ("app_blog"."id") GROUP BY U0."blog_id") AS "n" FROM "app_blog";
-- rows: 3
-- step 27: query (Entry.objects.aggregate(score=Sum(F("rating") * F("number_of_comments"))))
SELECT SUM(("app_entry"."rating" * "app_entry"."number_of_comments")) AS "score" FROM "app_entry";
-- rows: 1
-- step 28: query (Entry.objects.aggregate(total=Coalesce(Sum("number_of_comments", filter=Q(rating__gt=10)), 0), n=Count("id", filter=Q(rating__gte=4) | Q(number_of_comments=0))))
SELECT COALESCE(SUM("app_entry"."number_of_comments") FILTER (WHERE "app_entry"."rating" > $1), $2) AS "total", COUNT("app_entry"."id") FILTER (WHERE ("app_entry"."rating" >= $3 OR "app_entry"."number_of_comments" = $4)) AS "n" FROM "app_entry";
-- params: [10, 0, 4, 0]
-- rows: 1
-- step 29: query (Entry.objects.aggregate(m=Max(Lower("headline")), a=Avg("rating", distinct=True)))
SELECT MAX(LOWER("app_entry"."headline")) AS "m", AVG(DISTINCT "app_entry"."rating") AS "a" FROM "app_entry";
-- rows: 1
-- step 30: query (list(Blog.objects.annotate(good=Count("entry", filter=Q(entry__rating__gte=4)))))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline", COUNT("app_entry"."id") FILTER (WHERE "app_entry"."rating" >= $1) AS "good" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id";
-- params: [4]
-- rows: 3
-- step 31: query (list(Author.objects.annotate(food=Sum("entry__rating", filter=Q(entry__blog__name="Food"))).values_list("name", "food")))
SELECT "app_author"."name" AS "name", SUM("app_entry"."rating") FILTER (WHERE "app_blog"."name" = $1) AS "food" FROM "app_author" LEFT OUTER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") LEFT OUTER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") LEFT OUTER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") GROUP BY "app_author"."id";
-- params: ['Food']
-- rows: 4
-- step 32: query (list(Comment.objects.order_by(F("author").asc(nulls_last=True), F("created").desc())))
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" ORDER BY "app_comment"."author_id" ASC NULLS LAST, "app_comment"."created" DESC;
-- rows: 4
-- step 33: query (list(Comment.objects.order_by(Coalesce("author__name", Value("")).desc(nulls_first=True)).values_list("id", flat=True)))
SELECT "app_comment"."id" AS "id" FROM "app_comment" LEFT OUTER JOIN "app_author" ON ("app_comment"."author_id" = "app_author"."id") ORDER BY COALESCE("app_author"."name", $1) DESC NULLS FIRST;
-- params: ['']
-- rows: 4
-- step 34: query (Comment.objects.order_by(F("author").asc(nulls_last=True)).last())
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" ORDER BY "app_comment"."author_id" DESC NULLS FIRST LIMIT 1;
-- rows: 1
-- step 35: query (list(Entry.objects.order_by("?").values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" ORDER BY RANDOM() ASC;
-- rows: 5
-- step 36: query (list(Entry.objects.annotate(u=Upper("headline"), n=Count("authors"))))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", UPPER("app_entry"."headline") AS "u", COUNT("app_entry_authors"."author_id") AS "n" FROM "app_entry" LEFT OUTER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") GROUP BY "app_entry"."id", 10;
-- rows: 5
-- step 37: query (list(Blog.objects.annotate(l=Lower("name"), t=F("tagline"), n=Count("entry")).order_by("l")))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline", LOWER("app_blog"."name") AS "l", "app_blog"."tagline" AS "t", COUNT("app_entry"."id") AS "n" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id", 4 ORDER BY 4 ASC;
-- rows: 3
-- step 38: query (list(Entry.objects.values("blog").annotate(n=Count("id")).order_by(F("n").desc(nulls_last=True), Lower("blog__name"))))
SELECT "app_entry"."blog_id" AS "blog", COUNT("app_entry"."id") AS "n" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") GROUP BY 1, LOWER("app_blog"."name") ORDER BY 2 DESC NULLS LAST, LOWER("app_blog"."name") ASC;
-- rows: 3
-- step 39: query (list(Blog.objects.values("id", "name").annotate(n=Count("entry"))))
SELECT "app_blog"."id" AS "id", "app_blog"."name" AS "name", COUNT("app_entry"."id") AS "n" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY 1;
-- rows: 3
-- step 40: query (list(Blog.objects.annotate(n=Count("entry")).values("name", "n")))
SELECT "app_blog"."name" AS "name", COUNT("app_entry"."id") AS "n" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id";
-- rows: 3
-- step 41: query (Blog.objects.annotate(n=Count("entry")).filter(n__gt=1).exists())
SELECT $1 AS "a" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id" HAVING COUNT("app_entry"."id") > $2 LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- step 42: query (list(Entry.objects.annotate(one=Value(1), u=Upper("headline")).values("one", "u")))
SELECT $1 AS "one", UPPER("app_entry"."headline") AS "u" FROM "app_entry";
-- params: [1]
-- rows: 5
-- step 43: query (list(Entry.objects.filter(rating__gt=Length("headline") - 8)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."rating" > (LENGTH("app_entry"."headline") - $1);
-- params: [8]
-- rows: 3
-- step 44: query (list(Entry.objects.filter(number_of_comments=F("number_of_pingbacks")).values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE "app_entry"."number_of_comments" = ("app_entry"."number_of_pingbacks");
-- rows: 1
-- step 45: query (list(Author.objects.values("id", lower=Lower("name"))))
SELECT "app_author"."id" AS "id", LOWER("app_author"."name") AS "lower" FROM "app_author";
-- rows: 4
-- step 46: query (list(Entry.objects.annotate(total=F("number_of_comments") + F("number_of_pingbacks")).order_by("-total").values_list("headline", "total")))
SELECT "app_entry"."headline" AS "headline", ("app_entry"."number_of_comments" + "app_entry"."number_of_pingbacks") AS "total" FROM "app_entry" ORDER BY 2 DESC;
-- rows: 5
-- step 47: query (list(Entry.objects.annotate(blog_name=F("blog__name")).values("headline", "blog_name")))
SELECT "app_entry"."headline" AS "headline", "app_blog"."name" AS "blog_name" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id");
-- rows: 5
-- step 48: query (list(Author.objects.annotate(l=Lower("name")).order_by(Lower("name"))))
SELECT "app_author"."id", "app_author"."name", "app_author"."email", LOWER("app_author"."name") AS "l" FROM "app_author" ORDER BY 4 ASC;
-- rows: 4
