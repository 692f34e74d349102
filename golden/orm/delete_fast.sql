-- step 1: delete (Audit.objects.all().delete())
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
BEGIN;
DELETE FROM "app_audit";
-- rows: 2
COMMIT;
-- step 2: delete (Audit.objects.filter(object_id=1).delete() (nothing left to match))
BEGIN;
DELETE FROM "app_audit" WHERE "app_audit"."object_id" = $1;
-- params: [1]
-- rows: 0
COMMIT;
-- step 3: create (a = Audit.objects.create(model="m", object_id=5))
INSERT INTO "app_audit" ("model", "object_id") VALUES ($1, $2) RETURNING "app_audit"."id";
-- params: ['m', 5]
-- rows: 1
-- step 4: delete (a.delete() (one object of a fast-deletable model, no transaction))
DELETE FROM "app_audit" WHERE "app_audit"."id" IN ($1);
-- params: [3]
-- rows: 1
-- step 5: create (Audit.objects.create(model="m", object_id=6))
INSERT INTO "app_audit" ("model", "object_id") VALUES ($1, $2) RETURNING "app_audit"."id";
-- params: ['m', 6]
-- rows: 1
-- step 6: sql (with transaction.atomic() (opened here by hand))
BEGIN;
-- step 7: delete (Audit.objects.filter(model="m").delete() inside it)
DELETE FROM "app_audit" WHERE "app_audit"."model" = $1;
-- params: ['m']
-- rows: 1
-- step 8: sql (end of the atomic block)
COMMIT;
