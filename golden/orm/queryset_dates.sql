-- step 1: query (list(Entry.objects.dates("pub_date", "month")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE "app_entry"."pub_date" IS NOT NULL ORDER BY 1 ASC;
-- params: ['month']
-- rows: 5
-- step 2: query (list(Entry.objects.dates("pub_date", "year", order="DESC")))
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE "app_entry"."pub_date" IS NOT NULL ORDER BY 1 DESC;
-- params: ['year']
-- rows: 2
-- step 3: query (list(Entry.objects.dates("pub_date", "week")))
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE "app_entry"."pub_date" IS NOT NULL ORDER BY 1 ASC;
-- params: ['week']
-- rows: 5
-- step 4: query (list(Entry.objects.filter(rating__gte=3).dates("pub_date", "day")))
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE ("app_entry"."rating" >= $2 AND "app_entry"."pub_date" IS NOT NULL) ORDER BY 1 ASC;
-- params: ['day', 3]
-- rows: 4
-- step 5: query (list(Entry.objects.dates("pub_date", "month").filter(rating__gte=3)))
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE ("app_entry"."pub_date" IS NOT NULL AND "app_entry"."rating" >= $2) ORDER BY 1 ASC;
-- params: ['month', 3]
-- rows: 4
-- step 6: query (list(Comment.objects.dates("created", "month")))
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 ASC;
-- params: ['month', 'UTC']
-- rows: 3
-- step 7: query (list(Comment.objects.datetimes("created", "hour")))
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datetimefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 ASC;
-- params: ['hour', 'UTC']
-- rows: 4
-- step 8: query (list(Comment.objects.datetimes("created", "day", order="DESC")))
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datetimefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 DESC;
-- params: ['day', 'UTC']
-- rows: 4
-- step 9: query (list(Comment.objects.datetimes("created", "day", tzinfo=ZoneInfo("Asia/Tokyo"))))
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datetimefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 ASC;
-- params: ['day', 'Asia/Tokyo']
-- rows: 4
-- step 10: query (list(Blog.objects.dates("entry__pub_date", "year")))
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_blog" LEFT OUTER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") WHERE "app_entry"."pub_date" IS NOT NULL ORDER BY 1 ASC;
-- params: ['year']
-- rows: 2
-- step 11: query (Entry.objects.dates("pub_date", "month").count())
SELECT COUNT(*) FROM (SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE "app_entry"."pub_date" IS NOT NULL) subquery;
-- params: ['month']
-- rows: 1
-- step 12: query (Entry.objects.dates("pub_date", "month").exists())
SELECT DISTINCT $1 AS "a" FROM "app_entry" WHERE "app_entry"."pub_date" IS NOT NULL LIMIT 1;
-- params: [1]
-- rows: 1
-- step 13: query (Entry.objects.dates("pub_date", "month").first())
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE "app_entry"."pub_date" IS NOT NULL ORDER BY 1 ASC LIMIT 1;
-- params: ['month']
-- rows: 1
-- step 14: query (Entry.objects.dates("pub_date", "hour") raises ValueError)
-- raised ValueError: 'kind' must be one of 'year', 'month', 'week', or 'day'.
-- step 15: query (Entry.objects.dates("pub_date", "month", order="desc") raises ValueError)
-- raised ValueError: 'order' must be either 'ASC' or 'DESC'.
-- step 16: query (Entry.objects.datetimes("pub_date", "month") raises ValueError (a DateField))
-- raised ValueError: Cannot truncate DateField 'pub_date' to DateTimeField.
-- step 17: query (Entry.objects.dates("headline", "month") raises TypeError)
-- raised TypeError: 'headline' isn't a DateField, TimeField, or DateTimeField.
-- step 18: query (list(Entry.objects.values_list("id", Lower("headline")).order_by("id")))
SELECT "app_entry"."id" AS "id", LOWER("app_entry"."headline") AS "lower1" FROM "app_entry" ORDER BY 1 ASC;
-- rows: 5
-- step 19: query (list(Entry.objects.values_list("id", Lower("headline"), Upper("headline"), Lower("body_text"))))
SELECT "app_entry"."id" AS "id", LOWER("app_entry"."headline") AS "lower1", UPPER("app_entry"."headline") AS "upper1", LOWER("app_entry"."body_text") AS "lower2" FROM "app_entry";
-- rows: 5
-- step 20: query (list(Entry.objects.values_list("id", F("rating"), "id")))
SELECT "app_entry"."id" AS "id", "app_entry"."rating" AS "f1", "app_entry"."id" AS "id1" FROM "app_entry";
-- rows: 5
-- step 21: query (list(Entry.objects.values_list(Lower("headline"), flat=True)))
SELECT LOWER("app_entry"."headline") AS "lower1" FROM "app_entry";
-- rows: 5
-- step 22: query (list(Entry.objects.values_list("blog", Count("id"))))
SELECT "app_entry"."blog_id" AS "blog", COUNT("app_entry"."id") AS "id__count1" FROM "app_entry" GROUP BY "app_entry"."id";
-- rows: 5
-- step 23: query (Entry.objects.values_list(Count("*")) raises TypeError)
-- raised TypeError: Complex expressions require an alias
-- step 24: query (Entry.objects.values_list("id", "headline", flat=True) raises TypeError)
-- raised TypeError: 'flat' is not valid when values_list is called with more than one field.
-- step 25: query (list(Entry.objects.annotate(v=Value("a", output_field=CharField())).values_list("id", "v")))
SELECT "app_entry"."id" AS "id", $1 AS "v" FROM "app_entry";
-- params: ['a']
-- rows: 5
-- step 26: query (list(Entry.objects.annotate(v=Value(1, output_field=IntegerField())).values_list("id", "v")))
SELECT "app_entry"."id" AS "id", $1 AS "v" FROM "app_entry";
-- params: [1]
-- rows: 5
-- step 27: query (list(Entry.objects.annotate(v=Value(None, output_field=DateField())).values_list("id", "v")))
SELECT "app_entry"."id" AS "id", NULL AS "v" FROM "app_entry";
-- rows: 5
-- step 28: query (list(Entry.objects.annotate(v=Value("5", output_field=IntegerField())).filter(v=5).values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE $1 = $2;
-- params: [5, 5]
-- rows: 5
-- step 29: query (list(Entry.objects.annotate(v=Concat("headline", Value(7, output_field=CharField()))).values_list("v", flat=True)))
SELECT (COALESCE("app_entry"."headline", $1) || COALESCE($2, $3)) AS "v" FROM "app_entry";
-- params: ['', '7', '']
-- rows: 5
