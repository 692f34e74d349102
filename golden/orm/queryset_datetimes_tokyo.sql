-- step 1: query (list(Comment.objects.datetimes("created", "day")))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datetimefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 ASC;
-- params: ['day', 'Asia/Tokyo']
-- rows: 4
-- step 2: query (list(Comment.objects.datetimes("created", "hour", order="DESC")))
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datetimefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 DESC;
-- params: ['hour', 'Asia/Tokyo']
-- rows: 4
-- step 3: query (list(Comment.objects.datetimes("created", "hour", tzinfo=ZoneInfo("UTC"))))
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datetimefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 ASC;
-- params: ['hour', 'UTC']
-- rows: 4
-- step 4: query (list(Comment.objects.dates("created", "month")))
SELECT DISTINCT DATE_TRUNC($1, "app_comment"."created" AT TIME ZONE $2) AS "datefield" FROM "app_comment" WHERE "app_comment"."created" IS NOT NULL ORDER BY 1 ASC;
-- params: ['month', 'Asia/Tokyo']
-- rows: 3
-- step 5: query (list(Entry.objects.dates("pub_date", "month")))
SELECT DISTINCT DATE_TRUNC($1, "app_entry"."pub_date") AS "datefield" FROM "app_entry" WHERE "app_entry"."pub_date" IS NOT NULL ORDER BY 1 ASC;
-- params: ['month']
-- rows: 5
