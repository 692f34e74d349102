-- step 1: query (list(Thing.objects.exclude(day__year=2025)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_thing"."id", "app_thing"."code", "app_thing"."qty", "app_thing"."ok", "app_thing"."price", "app_thing"."ratio", "app_thing"."key", "app_thing"."day", "app_thing"."at", "app_thing"."big", "app_thing"."note" FROM "app_thing" WHERE NOT ("app_thing"."day" BETWEEN $1 AND $2 AND "app_thing"."day" IS NOT NULL);
-- params: ['2025-01-01', '2025-12-31']
-- rows: 0
-- step 2: query (list(Thing.objects.exclude(day__month=3)))
SELECT "app_thing"."id", "app_thing"."code", "app_thing"."qty", "app_thing"."ok", "app_thing"."price", "app_thing"."ratio", "app_thing"."key", "app_thing"."day", "app_thing"."at", "app_thing"."big", "app_thing"."note" FROM "app_thing" WHERE NOT (EXTRACT(MONTH FROM "app_thing"."day") = $1 AND "app_thing"."day" IS NOT NULL);
-- params: [3]
-- rows: 0
-- step 3: query (list(Thing.objects.exclude(at__hour=9)))
SELECT "app_thing"."id", "app_thing"."code", "app_thing"."qty", "app_thing"."ok", "app_thing"."price", "app_thing"."ratio", "app_thing"."key", "app_thing"."day", "app_thing"."at", "app_thing"."big", "app_thing"."note" FROM "app_thing" WHERE NOT (EXTRACT(HOUR FROM "app_thing"."at") = $1 AND "app_thing"."at" IS NOT NULL);
-- params: [9]
-- rows: 0
-- step 4: query (list(Thing.objects.exclude(day__gt="2025-01-01")))
SELECT "app_thing"."id", "app_thing"."code", "app_thing"."qty", "app_thing"."ok", "app_thing"."price", "app_thing"."ratio", "app_thing"."key", "app_thing"."day", "app_thing"."at", "app_thing"."big", "app_thing"."note" FROM "app_thing" WHERE NOT ("app_thing"."day" > $1 AND "app_thing"."day" IS NOT NULL);
-- params: ['2025-01-01']
-- rows: 0
