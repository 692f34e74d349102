-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['MAIN', 'Main']
-- rows: 1
-- step 2: create (Workshop.objects.create(title="Knitting", branch_id="MAIN", capacity=5))
BEGIN;
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['Knitting', 'MAIN', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_workshop" ("event_ptr_id", "capacity", "session_time", "booked_on") VALUES ($1, $2, $3, $4);
-- params: [1, 5, '15:30:00', '2025-01-01']
-- rows: 1
COMMIT;
-- step 3: save (ws.capacity = 6; ws.save() (both tables, the auto_now fields set to now))
BEGIN;
UPDATE "app_event" SET "title" = $1, "branch_id" = $2, "created_at" = $3, "updated_at" = $4 WHERE "app_event"."id" = $5;
-- params: ['Knitting', 'MAIN', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', 1]
-- rows: 1
UPDATE "app_workshop" SET "capacity" = $1, "session_time" = $2, "booked_on" = $3 WHERE "app_workshop"."event_ptr_id" = $4;
-- params: [6, '15:30:00', '2025-01-01', 1]
-- rows: 1
COMMIT;
-- step 4: save (ws.save(update_fields=["title", "capacity"]) (a field of each table))
BEGIN;
UPDATE "app_event" SET "title" = $1 WHERE "app_event"."id" = $2;
-- params: ['Knitting 101', 1]
-- rows: 1
UPDATE "app_workshop" SET "capacity" = $1 WHERE "app_workshop"."event_ptr_id" = $2;
-- params: [7, 1]
-- rows: 1
COMMIT;
-- step 5: save (ws.save(update_fields=["updated_at"]) (the parent only))
BEGIN;
UPDATE "app_event" SET "updated_at" = $1 WHERE "app_event"."id" = $2;
-- params: ['2025-01-01 15:30:00+00:00', 1]
-- rows: 1
COMMIT;
-- step 6: save (ws.save(update_fields=["session_time"]) (the child only))
BEGIN;
UPDATE "app_workshop" SET "session_time" = $1 WHERE "app_workshop"."event_ptr_id" = $2;
-- params: ['15:30:00', 1]
-- rows: 1
COMMIT;
-- step 7: save (ws.save(update_fields=["booked_on", "created_at"]) (auto_now_add fields written back as they are))
BEGIN;
UPDATE "app_event" SET "created_at" = $1 WHERE "app_event"."id" = $2;
-- params: ['2025-01-01 15:30:00+00:00', 1]
-- rows: 1
UPDATE "app_workshop" SET "booked_on" = $1 WHERE "app_workshop"."event_ptr_id" = $2;
-- params: ['2025-01-01', 1]
-- rows: 1
COMMIT;
-- step 8: update_or_create (Workshop.objects.update_or_create(title="Knitting 101", defaults={"capacity": 12}))
BEGIN;
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Knitting 101']
-- rows: 1
UPDATE "app_workshop" SET "capacity" = $1, "session_time" = $2, "booked_on" = $3 WHERE "app_workshop"."event_ptr_id" = $4;
-- params: [12, '15:30:00', '2025-01-01', 1]
-- rows: 1
COMMIT;
-- step 9: update_or_create (Workshop.objects.update_or_create(title="Knitting 101", defaults={"title": "Knitting 102"}))
BEGIN;
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Knitting 101']
-- rows: 1
UPDATE "app_event" SET "title" = $1 WHERE "app_event"."id" = $2;
-- params: ['Knitting 102', 1]
-- rows: 1
UPDATE "app_workshop" SET "session_time" = $1, "booked_on" = $2 WHERE "app_workshop"."event_ptr_id" = $3;
-- params: ['15:30:00', '2025-01-01', 1]
-- rows: 1
COMMIT;
-- step 10: update_or_create (Workshop.objects.update_or_create(title="Knitting 102") (no defaults; the child's date fields all the same))
BEGIN;
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Knitting 102']
-- rows: 1
UPDATE "app_workshop" SET "session_time" = $1, "booked_on" = $2 WHERE "app_workshop"."event_ptr_id" = $3;
-- params: ['15:30:00', '2025-01-01', 1]
-- rows: 1
COMMIT;
-- step 11: update_or_create (Workshop.objects.update_or_create(title="Knitting 102", defaults={"branch_id": "MAIN", "capacity": 3}))
BEGIN;
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Knitting 102']
-- rows: 1
UPDATE "app_event" SET "branch_id" = $1 WHERE "app_event"."id" = $2;
-- params: ['MAIN', 1]
-- rows: 1
UPDATE "app_workshop" SET "capacity" = $1, "session_time" = $2, "booked_on" = $3 WHERE "app_workshop"."event_ptr_id" = $4;
-- params: [3, '15:30:00', '2025-01-01', 1]
-- rows: 1
COMMIT;
-- step 12: update_or_create (Workshop.objects.update_or_create(title="Pottery", defaults={"capacity": 4}, create_defaults={"branch_id": "MAIN"}) (created with capacity 10))
BEGIN;
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Pottery']
-- rows: 0
SAVEPOINT "s1_x1";
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['Pottery', 'MAIN', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_workshop" ("event_ptr_id", "capacity", "session_time", "booked_on") VALUES ($1, $2, $3, $4);
-- params: [2, 10, '15:30:00', '2025-01-01']
-- rows: 1
RELEASE SAVEPOINT "s1_x1";
COMMIT;
-- step 13: get_or_create (Workshop.objects.get_or_create(title="Pottery") (found))
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21;
-- params: ['Pottery']
-- rows: 1
-- step 14: update_or_create (Event.objects.update_or_create(title="Pottery", defaults={"title": "Pottery!"}) (the parent's date fields))
BEGIN;
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at" FROM "app_event" WHERE "app_event"."title" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Pottery']
-- rows: 1
UPDATE "app_event" SET "title" = $1, "created_at" = $2, "updated_at" = $3 WHERE "app_event"."id" = $4;
-- params: ['Pottery!', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00', 2]
-- rows: 1
COMMIT;
-- step 15: get (Workshop.objects.get(pk=ws.pk) (the two tables joined))
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_workshop"."event_ptr_id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 16: update (Workshop.objects.filter(capacity=3).update(title="X") (the child ids first))
SELECT "app_workshop"."event_ptr_id" FROM "app_workshop" WHERE "app_workshop"."capacity" = $1;
-- params: [3]
-- rows: 1
UPDATE "app_event" SET "title" = $1 WHERE "app_event"."id" IN ($2);
-- params: ['X', 1]
-- rows: 1
-- step 17: save (Workshop(title="Yoga", branch_id="MAIN").save() (both INSERTs, no UPDATE tried))
BEGIN;
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['Yoga', 'MAIN', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_workshop" ("event_ptr_id", "capacity", "session_time", "booked_on") VALUES ($1, $2, $3, $4);
-- params: [3, 10, '15:30:00', '2025-01-01']
-- rows: 1
COMMIT;
-- step 18: bulk_create (Workshop.objects.bulk_create([Workshop(title="Z", branch_id="MAIN")]))
-- raised ValueError: Can't bulk create a multi-table inherited model
-- step 19: get_or_create (Workshop.objects.get_or_create(title="Chess", defaults={"branch_id": "MAIN"}) (created))
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21;
-- params: ['Chess']
-- rows: 0
BEGIN;
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['Chess', 'MAIN', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_workshop" ("event_ptr_id", "capacity", "session_time", "booked_on") VALUES ($1, $2, $3, $4);
-- params: [4, 10, '15:30:00', '2025-01-01']
-- rows: 1
COMMIT;
-- step 20: update_or_create (Workshop.objects.update_or_create(title="Go", create_defaults={"branch": main, "capacity": 2}) (created))
BEGIN;
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Go']
-- rows: 0
SAVEPOINT "s1_x2";
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['Go', 'MAIN', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_workshop" ("event_ptr_id", "capacity", "session_time", "booked_on") VALUES ($1, $2, $3, $4);
-- params: [5, 2, '15:30:00', '2025-01-01']
-- rows: 1
RELEASE SAVEPOINT "s1_x2";
COMMIT;
-- step 21: get (w = Workshop.objects.get(title="Go"))
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_event"."title" = $1 LIMIT 21;
-- params: ['Go']
-- rows: 1
-- step 23: delete (ws.delete() (the child row, then the parent's))
BEGIN;
DELETE FROM "app_workshop" WHERE "app_workshop"."event_ptr_id" IN ($1);
-- params: [1]
-- rows: 1
DELETE FROM "app_event" WHERE "app_event"."id" IN ($1);
-- params: [1]
-- rows: 1
COMMIT;
-- step 24: delete (Event.objects.filter(title="Pottery!").delete() (the parent's rows cascade to the child))
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at" FROM "app_event" WHERE "app_event"."title" = $1;
-- params: ['Pottery!']
-- rows: 1
BEGIN;
DELETE FROM "app_workshop" WHERE "app_workshop"."event_ptr_id" IN ($1);
-- params: [2]
-- rows: 1
DELETE FROM "app_event" WHERE "app_event"."id" IN ($1);
-- params: [2]
-- rows: 1
COMMIT;
-- step 25: delete (Workshop.objects.filter(capacity=10).delete() (Yoga and Chess))
SELECT "app_event"."id", "app_event"."title", "app_event"."branch_id", "app_event"."created_at", "app_event"."updated_at", "app_workshop"."event_ptr_id", "app_workshop"."capacity", "app_workshop"."session_time", "app_workshop"."booked_on" FROM "app_workshop" INNER JOIN "app_event" ON ("app_workshop"."event_ptr_id" = "app_event"."id") WHERE "app_workshop"."capacity" = $1;
-- params: [10]
-- rows: 2
BEGIN;
DELETE FROM "app_workshop" WHERE "app_workshop"."event_ptr_id" IN ($1, $2);
-- params: [4, 3]
-- rows: 2
DELETE FROM "app_event" WHERE "app_event"."id" IN ($1, $2);
-- params: [4, 3]
-- rows: 2
COMMIT;
