-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['MAIN', 'Main']
-- rows: 1
-- step 2: create
INSERT INTO "app_publisher" ("name") VALUES ($1) RETURNING "app_publisher"."id";
-- params: ['P']
-- rows: 1
-- step 3: create
INSERT INTO "app_book" ("id", "isbn", "title", "pub") VALUES ($1, $2, $3, $4);
-- params: ['00000000-0000-4000-8000-000000000001', '1', 'Existing', 1]
-- rows: 1
-- step 4: bulk_create (Book.objects.bulk_create([isbn "1" (taken), "2", "3"], ignore_conflicts=True))
BEGIN;
INSERT INTO "app_book" ("id", "isbn", "title", "pub") SELECT * FROM UNNEST(($1)::uuid[], ($2)::varchar[], ($3)::varchar[], ($4)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004'], ['1', '2', '3'], ['dup', 'B', 'C'], [1, 1, 1]]
-- rows: 2
COMMIT;
-- step 5: bulk_create (Book.objects.bulk_create([one book], ignore_conflicts=True) (VALUES for one row))
BEGIN;
INSERT INTO "app_book" ("id", "isbn", "title", "pub") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING;
-- params: ['00000000-0000-4000-8000-000000000005', '2', 'dup', 1]
-- rows: 0
COMMIT;
-- step 6: bulk_create (Book.objects.bulk_create([five books], batch_size=2, ignore_conflicts=True))
BEGIN;
INSERT INTO "app_book" ("id", "isbn", "title", "pub") SELECT * FROM UNNEST(($1)::uuid[], ($2)::varchar[], ($3)::varchar[], ($4)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000007'], ['10', '11'], ['10', '11'], [1, 1]]
-- rows: 2
INSERT INTO "app_book" ("id", "isbn", "title", "pub") SELECT * FROM UNNEST(($1)::uuid[], ($2)::varchar[], ($3)::varchar[], ($4)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [['00000000-0000-4000-8000-000000000008', '00000000-0000-4000-8000-000000000009'], ['12', '13'], ['12', '13'], [1, 1]]
-- rows: 2
INSERT INTO "app_book" ("id", "isbn", "title", "pub") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING;
-- params: ['00000000-0000-4000-8000-00000000000a', '14', '14', 1]
-- rows: 1
COMMIT;
-- step 7: bulk_create (Book.objects.bulk_create([...], update_conflicts=True, unique_fields=["isbn"], update_fields=["title"]))
BEGIN;
INSERT INTO "app_book" ("id", "isbn", "title", "pub") SELECT * FROM UNNEST(($1)::uuid[], ($2)::varchar[], ($3)::varchar[], ($4)::bigint[]) ON CONFLICT("isbn") DO UPDATE SET "title" = EXCLUDED."title";
-- params: [['00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'], ['1', '4'], ['One', 'Four'], [1, 1]]
-- rows: 2
COMMIT;
-- step 8: bulk_create (Branch.objects.bulk_create([MAIN (taken), EAST], ignore_conflicts=True) (char pk))
BEGIN;
INSERT INTO "app_branch" ("code", "branch_name") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) ON CONFLICT DO NOTHING;
-- params: [['MAIN', 'EAST'], ['x', 'East']]
-- rows: 1
COMMIT;
-- step 9: bulk_create (Branch.objects.bulk_create([MAIN, NORTH], update_conflicts=True, unique_fields=["code"], update_fields=["name"]))
BEGIN;
INSERT INTO "app_branch" ("code", "branch_name") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) ON CONFLICT("code") DO UPDATE SET "branch_name" = EXCLUDED."branch_name";
-- params: [['MAIN', 'NORTH'], ['Main 2', 'North']]
-- rows: 2
COMMIT;
-- step 10: bulk_create (Member.objects.bulk_create([Member(name="a"), Member(name="b", home_branch_id="EAST")]) (RETURNING the ids))
BEGIN;
INSERT INTO "app_member" ("name", "home_branch", "joined_on") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[], ($3)::date[]) RETURNING "app_member"."id";
-- params: [['a', 'b'], ['MAIN', 'EAST'], ['2025-01-01', '2025-01-01']]
-- rows: 2
COMMIT;
-- step 11: get (b1 = Book.objects.get(isbn="1"))
SELECT "app_book"."id", "app_book"."isbn", "app_book"."title", "app_book"."pub" FROM "app_book" WHERE "app_book"."isbn" = $1 LIMIT 21;
-- params: ['1']
-- rows: 1
-- step 12: bulk_create (Copy.objects.bulk_create([Copy(book=b1, branch=main, barcode="X1"), Copy(book=b1, branch_id="EAST", barcode="X2")]))
BEGIN;
INSERT INTO "app_copy" ("book_id", "at_branch", "bar_code") SELECT * FROM UNNEST(($1)::uuid[], ($2)::varchar[], ($3)::varchar[]) RETURNING "app_copy"."id";
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], ['MAIN', 'EAST'], ['X1', 'X2']]
-- rows: 2
COMMIT;
-- step 13: get
SELECT "app_copy"."id", "app_copy"."book_id", "app_copy"."at_branch", "app_copy"."bar_code" FROM "app_copy" WHERE "app_copy"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 14: get
SELECT "app_copy"."id", "app_copy"."book_id", "app_copy"."at_branch", "app_copy"."bar_code" FROM "app_copy" WHERE "app_copy"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 15: bulk_update (c1.barcode = "Y1"; c2.branch_id = "MAIN"; Copy.objects.bulk_update([c1, c2], ["barcode", "branch"]))
BEGIN;
UPDATE "app_copy" SET "bar_code" = (CASE WHEN ("app_copy"."id" = $1) THEN $2 WHEN ("app_copy"."id" = $3) THEN $4 ELSE NULL END)::varchar(20), "at_branch" = (CASE WHEN ("app_copy"."id" = $5) THEN $6 WHEN ("app_copy"."id" = $7) THEN $8 ELSE NULL END)::varchar(10) WHERE "app_copy"."id" IN ($9, $10);
-- params: [1, 'Y1', 2, 'X2', 1, 'MAIN', 2, 'MAIN', 1, 2]
-- rows: 2
COMMIT;
-- step 16: get
SELECT "app_member"."id", "app_member"."name", "app_member"."home_branch", "app_member"."joined_on" FROM "app_member" WHERE "app_member"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 17: get
SELECT "app_member"."id", "app_member"."name", "app_member"."home_branch", "app_member"."joined_on" FROM "app_member" WHERE "app_member"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 18: bulk_update (home_branch_id = "NORTH" on both; Member.objects.bulk_update([m1, m2], ["home_branch", "joined_on"]))
BEGIN;
UPDATE "app_member" SET "home_branch" = (CASE WHEN ("app_member"."id" = $1) THEN $2 WHEN ("app_member"."id" = $3) THEN $4 ELSE NULL END)::varchar(10), "joined_on" = (CASE WHEN ("app_member"."id" = $5) THEN $6 WHEN ("app_member"."id" = $7) THEN $8 ELSE NULL END)::date WHERE "app_member"."id" IN ($9, $10);
-- params: [1, 'NORTH', 2, 'NORTH', 1, '2025-01-01', 2, '2025-01-01', 1, 2]
-- rows: 2
COMMIT;
-- step 19: bulk_create (Member.follows.through.objects.bulk_create([(from m1 to m2), (from m2 to m1)], ignore_conflicts=True))
BEGIN;
INSERT INTO "app_member_follows" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 2], [2, 1]]
-- rows: 2
COMMIT;
-- step 20: create
BEGIN;
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['W', 'MAIN', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_workshop" ("event_ptr_id", "capacity", "session_time", "booked_on") VALUES ($1, $2, $3, $4);
-- params: [1, 10, '15:30:00', '2025-01-01']
-- rows: 1
COMMIT;
-- step 21: bulk_update (w.title = "W2"; w.capacity = 9; Workshop.objects.bulk_update([w], ["capacity", "title", "session_time"]))
BEGIN;
SELECT "app_workshop"."event_ptr_id" FROM "app_workshop" WHERE "app_workshop"."event_ptr_id" IN ($1);
-- params: [1]
-- rows: 1
UPDATE "app_workshop" SET "capacity" = (CASE WHEN ("app_workshop"."event_ptr_id" = $1) THEN $2 ELSE NULL END)::integer, "session_time" = (CAST(CASE WHEN ("app_workshop"."event_ptr_id" = $3) THEN $4 ELSE NULL END AS time))::time WHERE "app_workshop"."event_ptr_id" IN ($5);
-- params: [1, 9, 1, '15:30:00', 1]
-- rows: 1
UPDATE "app_event" SET "title" = (CASE WHEN "app_event"."id" = $1 THEN $2 ELSE NULL END)::varchar(100) WHERE "app_event"."id" IN ($3);
-- params: [1, 'W2', 1]
-- rows: 1
COMMIT;
-- step 22: get
SELECT "app_book"."id", "app_book"."isbn", "app_book"."title", "app_book"."pub" FROM "app_book" WHERE "app_book"."isbn" = $1 LIMIT 21;
-- params: ['2']
-- rows: 1
-- step 23: bulk_update (c1.book = b2; Copy.objects.bulk_update([c1, c2], ["book"]) (a foreign key to a uuid, no CAST))
BEGIN;
UPDATE "app_copy" SET "book_id" = (CASE WHEN ("app_copy"."id" = $1) THEN $2 WHEN ("app_copy"."id" = $3) THEN $4 ELSE NULL END)::uuid WHERE "app_copy"."id" IN ($5, $6);
-- params: [1, '00000000-0000-4000-8000-000000000003', 2, '00000000-0000-4000-8000-000000000001', 1, 2]
-- rows: 2
COMMIT;
-- step 24: bulk_create (Card.objects.bulk_create([Card(), Card(ip="10.0.0.1")]) (uuid[], inet[] and time[]))
BEGIN;
INSERT INTO "app_card" ("token", "ip", "opens") SELECT * FROM UNNEST(($1)::uuid[], ($2)::inet[], ($3)::time[]) RETURNING "app_card"."id";
-- params: [['00000000-0000-4000-8000-00000000000d', '00000000-0000-4000-8000-00000000000e'], [NULL, '10.0.0.1'], [NULL, NULL]]
-- rows: 2
COMMIT;
-- step 25: get
SELECT "app_card"."id", "app_card"."token", "app_card"."ip", "app_card"."opens" FROM "app_card" WHERE "app_card"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 26: get
SELECT "app_card"."id", "app_card"."token", "app_card"."ip", "app_card"."opens" FROM "app_card" WHERE "app_card"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 27: bulk_update (card1.token = UUID(...aa); card1.opens = time(9, 0); card2.ip = "10.0.0.2"; Card.objects.bulk_update([card1, card2], ["token", "ip", "opens"]))
BEGIN;
UPDATE "app_card" SET "token" = (CAST(CASE WHEN ("app_card"."id" = $1) THEN $2 WHEN ("app_card"."id" = $3) THEN $4 ELSE NULL END AS uuid))::uuid, "ip" = (CAST(CASE WHEN ("app_card"."id" = $5) THEN NULL WHEN ("app_card"."id" = $6) THEN $7 ELSE NULL END AS inet))::inet, "opens" = (CAST(CASE WHEN ("app_card"."id" = $8) THEN $9 WHEN ("app_card"."id" = $10) THEN NULL ELSE NULL END AS time))::time WHERE "app_card"."id" IN ($11, $12);
-- params: [1, '00000000-0000-4000-8000-0000000000aa', 2, '00000000-0000-4000-8000-00000000000e', 1, 2, '10.0.0.2', 1, '09:00:00', 2, 1, 2]
-- rows: 2
COMMIT;
