-- step 1: bulk_create (Card.objects.bulk_create([Card(ip="10.0.0.1", opens=time(9, 5, 7))]))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
INSERT INTO "app_card" ("token", "ip", "opens") VALUES ($1, $2, $3) RETURNING "app_card"."id";
-- params: ['00000000-0000-4000-8000-000000000001', '10.0.0.1', '09:05:07']
-- rows: 1
COMMIT;
-- step 2: get (c = Card.objects.get(pk=1))
SELECT "app_card"."id", "app_card"."token", "app_card"."ip", "app_card"."opens" FROM "app_card" WHERE "app_card"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 3: save (c.save())
UPDATE "app_card" SET "token" = $1, "ip" = $2, "opens" = $3 WHERE "app_card"."id" = $4;
-- params: ['00000000-0000-4000-8000-000000000001', '10.0.0.1', '09:05:07', 1]
-- rows: 1
-- step 4: bulk_update (Card.objects.bulk_update([c], ["token", "ip", "opens"]))
BEGIN;
UPDATE "app_card" SET "token" = (CAST(CASE WHEN ("app_card"."id" = $1) THEN $2 ELSE NULL END AS uuid))::uuid, "ip" = (CAST(CASE WHEN ("app_card"."id" = $3) THEN $4 ELSE NULL END AS inet))::inet, "opens" = (CAST(CASE WHEN ("app_card"."id" = $5) THEN $6 ELSE NULL END AS time))::time WHERE "app_card"."id" IN ($7);
-- params: [1, '00000000-0000-4000-8000-000000000001', 1, '10.0.0.1', 1, '09:05:07', 1]
-- rows: 1
COMMIT;
