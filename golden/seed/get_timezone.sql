-- step 1: create (Event.objects.create(name="timezone.now()"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_event" ("name", "at", "day") VALUES ($1, $2, $3) RETURNING "app_event"."id";
-- params: ['timezone.now()', '2025-01-01 15:30:00+00:00', NULL]
-- rows: 1
-- step 2: create (Event.objects.create(name="naive", at=datetime(2025, 1, 2, 0, 30)))
-- warning: RuntimeWarning: DateTimeField Event.at received a naive datetime (2025-01-02 00:30:00) while time zone support is active.
INSERT INTO "app_event" ("name", "at", "day") VALUES ($1, $2, $3) RETURNING "app_event"."id";
-- params: ['naive', '2025-01-02 00:30:00+09:00', NULL]
-- rows: 1
-- step 3: create (Event.objects.create(name="aware", at=datetime(2025, 1, 2, 0, 30, tzinfo=+09:00)))
INSERT INTO "app_event" ("name", "at", "day") VALUES ($1, $2, $3) RETURNING "app_event"."id";
-- params: ['aware', '2025-01-02 00:30:00+09:00', NULL]
-- rows: 1
-- step 4: query (Event.objects.filter(at__date=date(2025, 1, 2)))
SELECT "app_event"."id", "app_event"."name", "app_event"."at", "app_event"."day" FROM "app_event" WHERE ("app_event"."at" AT TIME ZONE $1)::date = $2;
-- params: ['Asia/Tokyo', '2025-01-02']
-- rows: 3
-- step 5: query (Event.objects.filter(at__year=2025))
SELECT "app_event"."id", "app_event"."name", "app_event"."at", "app_event"."day" FROM "app_event" WHERE "app_event"."at" BETWEEN $1 AND $2;
-- params: ['2025-01-01 00:00:00+09:00', '2025-12-31 23:59:59.999999+09:00']
-- rows: 3
-- step 6: query (Event.objects.filter(at__hour=0))
SELECT "app_event"."id", "app_event"."name", "app_event"."at", "app_event"."day" FROM "app_event" WHERE EXTRACT(HOUR FROM "app_event"."at" AT TIME ZONE $1) = $2;
-- params: ['Asia/Tokyo', 0]
-- rows: 3
-- step 7: query (Event.objects.filter(at__gte=datetime(2025, 1, 2, 0, 0)))
-- warning: RuntimeWarning: DateTimeField Event.at received a naive datetime (2025-01-02 00:00:00) while time zone support is active.
SELECT "app_event"."id", "app_event"."name", "app_event"."at", "app_event"."day" FROM "app_event" WHERE "app_event"."at" >= $1;
-- params: ['2025-01-02 00:00:00+09:00']
-- rows: 3
-- step 8: query (Event.objects.values_list("at", flat=True).order_by("id"))
SELECT "app_event"."at" AS "at" FROM "app_event" ORDER BY "app_event"."id" ASC;
-- rows: 3
-- step 9: get (e = Event.objects.get(pk=2))
SELECT "app_event"."id", "app_event"."name", "app_event"."at", "app_event"."day" FROM "app_event" WHERE "app_event"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 10: save (e.save())
UPDATE "app_event" SET "name" = $1, "at" = $2, "day" = NULL WHERE "app_event"."id" = $3;
-- params: ['naive', '2025-01-01 15:30:00+00:00', 2]
-- rows: 1
-- step 11: query (list(Event.objects.annotate(d=TruncDay("at")).filter(d=datetime(2025, 1, 2, 0, 0)).values_list("id", flat=True)))
-- warning: RuntimeWarning: DateTimeField Event.at received a naive datetime (2025-01-02 00:00:00) while time zone support is active.
SELECT "app_event"."id" AS "id" FROM "app_event" WHERE DATE_TRUNC($1, "app_event"."at" AT TIME ZONE $2) = $3;
-- params: ['day', 'Asia/Tokyo', '2025-01-02 00:00:00+09:00']
-- rows: 3
