-- step 1: query (list(Comment.objects.filter(created__time__gte="17:30").values_list("id", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_comment"."id" AS "id" FROM "app_comment" WHERE ("app_comment"."created" AT TIME ZONE $1)::time >= $2;
-- params: ['UTC', '17:30:00']
-- rows: 0
-- step 2: query (list(Comment.objects.filter(created__date="2024-1-11").values_list("id", flat=True)))
SELECT "app_comment"."id" AS "id" FROM "app_comment" WHERE ("app_comment"."created" AT TIME ZONE $1)::date = $2;
-- params: ['UTC', '2024-01-11']
-- rows: 1
-- step 3: query (list(Entry.objects.filter(pub_date="2024-1-10").values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE "app_entry"."pub_date" = $1;
-- params: ['2024-01-10']
-- rows: 1
-- step 4: query (list(Comment.objects.filter(created__hour="19").values_list("id", flat=True)))
SELECT "app_comment"."id" AS "id" FROM "app_comment" WHERE EXTRACT(HOUR FROM "app_comment"."created" AT TIME ZONE $1) = $2;
-- params: ['UTC', 19]
-- rows: 0
-- step 5: query (list(Comment.objects.filter(created__second=0).values_list("id", flat=True)))
SELECT "app_comment"."id" AS "id" FROM "app_comment" WHERE EXTRACT(SECOND FROM DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2)) = $3;
-- params: ['second', 'UTC', 0]
-- rows: 4
-- step 6: query (list(Entry.objects.filter(pub_date__year="2024").values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE "app_entry"."pub_date" BETWEEN $1 AND $2;
-- params: ['2024-01-01', '2024-12-31']
-- rows: 4
-- step 7: query (list(Entry.objects.annotate(f=Cast("rating", FloatField())).filter(f__gte=4).values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE ("app_entry"."rating")::double precision >= $1;
-- params: [4.0]
-- rows: 4
-- step 8: query (list(Entry.objects.annotate(l=Lower("headline")).filter(l=4).values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE LOWER("app_entry"."headline") = $1;
-- params: ['4']
-- rows: 0
-- step 9: query (list(Entry.objects.annotate(d=Cast("rating", DecimalField(max_digits=5, decimal_places=1))).filter(d="4").values_list("id", flat=True)))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE ("app_entry"."rating")::numeric(5, 1) = $1;
-- params: [4]
-- rows: 2
