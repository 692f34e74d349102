-- step 1: query (list(Entry.objects.annotate(rn=Window(expression=RowNumber(), partition_by=[F("blog")], order_by="-rating")).values_list("id", "rn").order_by("id")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id" AS "id", ROW_NUMBER() OVER (PARTITION BY "app_entry"."blog_id" ORDER BY "app_entry"."rating" DESC) AS "rn" FROM "app_entry" ORDER BY 1 ASC;
-- rows: 5
-- step 2: query (list(Entry.objects.annotate(r=Window(Rank(), order_by=["-rating", "id"])).values_list("id", "r").order_by("id")))
SELECT "app_entry"."id" AS "id", RANK() OVER (ORDER BY "app_entry"."rating" DESC, "app_entry"."id") AS "r" FROM "app_entry" ORDER BY 1 ASC;
-- rows: 5
-- step 3: query (list(Entry.objects.annotate(r=Window(DenseRank(), partition_by=F("blog"), order_by=F("rating").desc())).values_list("id", "r").order_by("id")))
SELECT "app_entry"."id" AS "id", DENSE_RANK() OVER (PARTITION BY "app_entry"."blog_id" ORDER BY "app_entry"."rating" DESC) AS "r" FROM "app_entry" ORDER BY 1 ASC;
-- rows: 5
-- step 4: query (list(Entry.objects.annotate(prev=Window(Lag("rating"), partition_by=[F("blog")], order_by="pub_date"), nxt=Window(Lead("rating", 2, default=0), order_by="id")).values_list("id", "prev", "nxt").order_by("id")))
SELECT "app_entry"."id" AS "id", LAG("app_entry"."rating", $1) OVER (PARTITION BY "app_entry"."blog_id" ORDER BY "app_entry"."pub_date") AS "prev", LEAD("app_entry"."rating", $2, $3) OVER (ORDER BY "app_entry"."id") AS "nxt" FROM "app_entry" ORDER BY 1 ASC;
-- params: [1, 2, 0]
-- rows: 5
-- step 5: query (list(Entry.objects.annotate(blog_total=Window(Sum("rating"), partition_by=[F("blog")])).values_list("id", "blog_total").order_by("id")))
SELECT "app_entry"."id" AS "id", SUM("app_entry"."rating") OVER (PARTITION BY "app_entry"."blog_id") AS "blog_total" FROM "app_entry" ORDER BY 1 ASC;
-- rows: 5
-- step 6: query (list(Blog.objects.annotate(n=Count("entry"), r=Window(Rank(), order_by=F("n").desc())).values_list("name", "n", "r").order_by("id")))
SELECT "app_blog"."name" AS "name", COUNT("app_entry"."id") AS "n", RANK() OVER (ORDER BY COUNT("app_entry"."id") DESC) AS "r" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") GROUP BY "app_blog"."id" ORDER BY "app_blog"."id" ASC;
-- rows: 3
-- step 7: query (list(Entry.objects.annotate(t=Window(Ntile(2), order_by="id"), p=Window(PercentRank(), order_by="rating"), c=Window(CumeDist(), order_by="rating"), f=Window(FirstValue("headline"), partition_by=[F("blog")], order_by="pub_date")).values_list("id", "t", "f").order_by("id")))
SELECT "app_entry"."id" AS "id", NTILE($1) OVER (ORDER BY "app_entry"."id") AS "t", FIRST_VALUE("app_entry"."headline") OVER (PARTITION BY "app_entry"."blog_id" ORDER BY "app_entry"."pub_date") AS "f" FROM "app_entry" ORDER BY 1 ASC;
-- params: [2]
-- rows: 5
