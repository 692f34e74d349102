-- step 1: create (Thing.objects.create(code=5, qty="3", ok=1, price=3.14159, ratio="2.5", key="0000000000004000800000000000000A", day="2025-1-2", at="9:00", big=7.9, note=True))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_thing" ("code", "qty", "ok", "price", "ratio", "key", "day", "at", "big", "note") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "app_thing"."id";
-- params: ['5', 3, true, 3.141590000, 2.5, '00000000-0000-4000-8000-00000000000a', '2025-01-02', '09:00:00', 7, 'True']
-- rows: 1
-- step 2: create (Thing.objects.create(code=5.0, qty=True, ok="0", price="4.5", ratio=3, key="{00000000-0000-4000-8000-00000000000B}", at="09:00:01.5", note=1.5))
INSERT INTO "app_thing" ("code", "qty", "ok", "price", "ratio", "key", "day", "at", "big", "note") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "app_thing"."id";
-- params: ['5.0', 1, false, 4.5, 3.0, '00000000-0000-4000-8000-00000000000b', NULL, '09:00:01.500000', 0, '1.5']
-- rows: 1
-- step 3: create (Thing.objects.create(code=False, price=9.99, ratio=1e20, note=12345))
INSERT INTO "app_thing" ("code", "qty", "ok", "price", "ratio", "key", "day", "at", "big", "note") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "app_thing"."id";
-- params: ['False', 0, false, 9.990000000, 1e+20, NULL, NULL, NULL, 0, '12345']
-- rows: 1
-- step 4: query (list(Thing.objects.filter(code=5, qty="3", ok=1, price="4.5", ratio="2.5", key="0000000000004000800000000000000A", day="2025-1-2", at="9:00")))
SELECT "app_thing"."id", "app_thing"."code", "app_thing"."qty", "app_thing"."ok", "app_thing"."price", "app_thing"."ratio", "app_thing"."key", "app_thing"."day", "app_thing"."at", "app_thing"."big", "app_thing"."note" FROM "app_thing" WHERE ("app_thing"."at" = $1 AND "app_thing"."code" = $2 AND "app_thing"."day" = $3 AND "app_thing"."key" = $4 AND "app_thing"."ok" AND "app_thing"."price" = $5 AND "app_thing"."qty" = $6 AND "app_thing"."ratio" = $7);
-- params: ['09:00:00', '5', '2025-01-02', '00000000-0000-4000-8000-00000000000a', 4.5, 3, 2.5]
-- rows: 0
-- step 5: query (list(Thing.objects.filter(qty__in=["1", 2.0], code__in=[1, "b"])))
SELECT "app_thing"."id", "app_thing"."code", "app_thing"."qty", "app_thing"."ok", "app_thing"."price", "app_thing"."ratio", "app_thing"."key", "app_thing"."day", "app_thing"."at", "app_thing"."big", "app_thing"."note" FROM "app_thing" WHERE ("app_thing"."code" IN ($1, $2) AND "app_thing"."qty" IN ($3, $4));
-- params: ['1', 'b', 1, 2]
-- rows: 0
-- step 6: query (list(Thing.objects.filter(qty__gt="3", price__lt=3.14159, day__gte="2025-01-02")))
SELECT "app_thing"."id", "app_thing"."code", "app_thing"."qty", "app_thing"."ok", "app_thing"."price", "app_thing"."ratio", "app_thing"."key", "app_thing"."day", "app_thing"."at", "app_thing"."big", "app_thing"."note" FROM "app_thing" WHERE ("app_thing"."day" >= $1 AND "app_thing"."price" < $2 AND "app_thing"."qty" > $3);
-- params: ['2025-01-02', 3.141590000, 3]
-- rows: 0
-- step 7: update (Thing.objects.update(qty="4", code=7, price=1.005))
UPDATE "app_thing" SET "qty" = $1, "code" = $2, "price" = $3;
-- params: [4, '7', 1.005000000]
-- rows: 3
-- step 8: create (Thing.objects.create(price=12345678.125))
INSERT INTO "app_thing" ("code", "qty", "ok", "price", "ratio", "key", "day", "at", "big", "note") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "app_thing"."id";
-- params: ['', 0, false, 12345678.12, 0.0, NULL, NULL, NULL, 0, '']
-- rows: 1
-- step 9: query (list(Thing.objects.annotate(t=F("qty") * Value(1.5)).order_by("id").values_list("t", flat=True)))
SELECT ("app_thing"."qty" * $1) AS "t" FROM "app_thing" ORDER BY "app_thing"."id" ASC;
-- params: [1.5]
-- rows: 4
-- step 10: update (Thing.objects.filter(ratio__gt=2.4).update(ratio=F("ratio") * 2.0))
UPDATE "app_thing" SET "ratio" = ("app_thing"."ratio" * $1) WHERE "app_thing"."ratio" > $2;
-- params: [2.0, 2.4]
-- rows: 3
