-- step 1: create (Branch.objects.create(code="MAIN", name="Main") (no RETURNING))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['MAIN', 'Main']
-- rows: 1
-- step 2: save (Branch(code="EAST", name="East").save() (an UPDATE that finds nothing, then an INSERT))
UPDATE "app_branch" SET "branch_name" = $1 WHERE "app_branch"."code" = $2;
-- params: ['East', 'EAST']
-- rows: 0
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['EAST', 'East']
-- rows: 1
-- step 3: save (Branch(code="MAIN", name="Main Library").save() (the UPDATE finds it))
UPDATE "app_branch" SET "branch_name" = $1 WHERE "app_branch"."code" = $2;
-- params: ['Main Library', 'MAIN']
-- rows: 1
-- step 4: create (Branch.objects.create(code="MAIN", name="again") (create() only INSERTs))
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['MAIN', 'again']
-- error: 23505: duplicate key value violates unique constraint "app_branch_pkey"
-- detail: Key (code)=(MAIN) already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_branch_pkey"
-- step 5: create (Member.objects.create(name="Ann") (home_branch defaults to "MAIN"))
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['Ann', 'MAIN', '2025-01-01']
-- rows: 1
-- step 6: create (Member.objects.create(name="Bob", home_branch=east))
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['Bob', 'EAST', '2025-01-01']
-- rows: 1
-- step 7: create (Member.objects.create(name="Cat", home_branch_id="EAST"))
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['Cat', 'EAST', '2025-01-01']
-- rows: 1
-- step 8: save (ann.name = "Ann B"; ann.save())
UPDATE "app_member" SET "name" = $1, "home_branch" = $2, "joined_on" = $3 WHERE "app_member"."id" = $4;
-- params: ['Ann B', 'MAIN', '2025-01-01', 1]
-- rows: 1
-- step 9: save (ann.home_branch = east; ann.save(update_fields=["home_branch"]))
UPDATE "app_member" SET "home_branch" = $1 WHERE "app_member"."id" = $2;
-- params: ['EAST', 1]
-- rows: 1
-- step 10: save (ann.home_branch_id = "MAIN"; ann.save(update_fields=["home_branch_id"]))
UPDATE "app_member" SET "home_branch" = $1 WHERE "app_member"."id" = $2;
-- params: ['MAIN', 1]
-- rows: 1
-- step 11: save (Member(id=1, name="Ann again").save() (joined_on is None on the UPDATE path))
UPDATE "app_member" SET "name" = $1, "home_branch" = $2, "joined_on" = NULL WHERE "app_member"."id" = $3;
-- params: ['Ann again', 'MAIN', 1]
-- error: 23502: null value in column "joined_on" of relation "app_member" violates not-null constraint
-- detail: Failing row contains (1, Ann again, null, MAIN).
-- raised IntegrityError: null value in column "joined_on" of relation "app_member" violates not-null constraint
-- step 12: get (Branch.objects.get(pk="EAST"))
SELECT "app_branch"."code", "app_branch"."branch_name" FROM "app_branch" WHERE "app_branch"."code" = $1 LIMIT 21;
-- params: ['EAST']
-- rows: 1
-- step 13: get (Member.objects.get(name="Bob"))
SELECT "app_member"."id", "app_member"."name", "app_member"."home_branch", "app_member"."joined_on" FROM "app_member" WHERE "app_member"."name" = $1 LIMIT 21;
-- params: ['Bob']
-- rows: 1
-- step 14: update (Member.objects.filter(home_branch="EAST").update(name="X"))
UPDATE "app_member" SET "name" = $1 WHERE "app_member"."home_branch" = $2;
-- params: ['X', 'EAST']
-- rows: 2
-- step 15: get_or_create (Branch.objects.get_or_create(code="WEST", defaults={"name": "West"}) (created))
SELECT "app_branch"."code", "app_branch"."branch_name" FROM "app_branch" WHERE "app_branch"."code" = $1 LIMIT 21;
-- params: ['WEST']
-- rows: 0
BEGIN;
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['WEST', 'West']
-- rows: 1
COMMIT;
-- step 16: update_or_create (Branch.objects.update_or_create(code="WEST", defaults={"name": "West wing"}) (found))
BEGIN;
SELECT "app_branch"."code", "app_branch"."branch_name" FROM "app_branch" WHERE "app_branch"."code" = $1 LIMIT 21 FOR UPDATE;
-- params: ['WEST']
-- rows: 1
UPDATE "app_branch" SET "branch_name" = $1 WHERE "app_branch"."code" = $2;
-- params: ['West wing', 'WEST']
-- rows: 1
COMMIT;
-- step 17: update_or_create (Member.objects.update_or_create(id=2, defaults={"home_branch_id": "MAIN"}) (found; joined_on is saved too))
BEGIN;
SELECT "app_member"."id", "app_member"."name", "app_member"."home_branch", "app_member"."joined_on" FROM "app_member" WHERE "app_member"."id" = $1 LIMIT 21 FOR UPDATE;
-- params: [2]
-- rows: 1
UPDATE "app_member" SET "home_branch" = $1, "joined_on" = $2 WHERE "app_member"."id" = $3;
-- params: ['MAIN', '2025-01-01', 2]
-- rows: 1
COMMIT;
-- step 18: update_or_create (Member.objects.update_or_create(name="Zed", defaults={"name": "Zed"}) (created in a savepoint))
BEGIN;
SELECT "app_member"."id", "app_member"."name", "app_member"."home_branch", "app_member"."joined_on" FROM "app_member" WHERE "app_member"."name" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Zed']
-- rows: 0
SAVEPOINT "s1_x1";
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['Zed', 'MAIN', '2025-01-01']
-- rows: 1
RELEASE SAVEPOINT "s1_x1";
COMMIT;
-- step 19: create
INSERT INTO "app_publisher" ("name") VALUES ($1) RETURNING "app_publisher"."id";
-- params: ['P']
-- rows: 1
-- step 20: get_or_create (Book.objects.get_or_create(isbn="9", defaults={"title": "T", "publisher": pub}) (column pub))
SELECT "app_book"."id", "app_book"."isbn", "app_book"."title", "app_book"."pub" FROM "app_book" WHERE "app_book"."isbn" = $1 LIMIT 21;
-- params: ['9']
-- rows: 0
BEGIN;
INSERT INTO "app_book" ("id", "isbn", "title", "pub") VALUES ($1, $2, $3, $4);
-- params: ['00000000-0000-4000-8000-000000000001', '9', 'T', 1]
-- rows: 1
COMMIT;
-- step 21: create (Hold.objects.create(book=book, member=ann, pickup=None) (NULL, not ''))
INSERT INTO "app_hold" ("book_id", "copy_id", "member_id", "pickup_id") VALUES ($1, $2, $3, $4) RETURNING "app_hold"."id";
-- params: ['00000000-0000-4000-8000-000000000001', NULL, 1, NULL]
-- error: 23502: null value in column "pickup_id" of relation "app_hold" violates not-null constraint
-- detail: Failing row contains (1, 00000000-0000-4000-8000-000000000001, null, null, 1).
-- raised IntegrityError: null value in column "pickup_id" of relation "app_hold" violates not-null constraint
-- step 22: create (Copy.objects.create(book=book, barcode="x", branch=None) (the column at_branch))
INSERT INTO "app_copy" ("book_id", "at_branch", "bar_code") VALUES ($1, $2, $3) RETURNING "app_copy"."id";
-- params: ['00000000-0000-4000-8000-000000000001', NULL, 'x']
-- error: 23502: null value in column "at_branch" of relation "app_copy" violates not-null constraint
-- detail: Failing row contains (1, x, 00000000-0000-4000-8000-000000000001, null).
-- raised IntegrityError: null value in column "at_branch" of relation "app_copy" violates not-null constraint
-- step 23: create (tmp = Branch.objects.create(code="TMP", name="Tmp"))
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['TMP', 'Tmp']
-- rows: 1
-- step 24: delete (tmp.delete() (the instance's key becomes None))
SELECT "app_member"."id" FROM "app_member" WHERE "app_member"."home_branch" IN ($1);
-- params: ['TMP']
-- rows: 0
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."at_branch" IN ($1);
-- params: ['TMP']
-- rows: 0
SELECT "app_event"."id" FROM "app_event" WHERE "app_event"."branch_id" IN ($1);
-- params: ['TMP']
-- rows: 0
BEGIN;
UPDATE "app_hold" SET "pickup_id" = $1 WHERE "app_hold"."pickup_id" IN ($2);
-- params: ['MAIN', 'TMP']
-- rows: 0
DELETE FROM "app_branch" WHERE "app_branch"."code" IN ($1);
-- params: ['TMP']
-- rows: 1
COMMIT;
-- step 25: save (tmp.save() (get_pk_value_on_save gives the key its default, '', so an UPDATE, then an INSERT))
UPDATE "app_branch" SET "branch_name" = $1 WHERE "app_branch"."code" = $2;
-- params: ['Tmp', '']
-- rows: 0
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['', 'Tmp']
-- rows: 1
-- step 26: save (Branch(name="Nameless").save() (the key defaults to '', as any CharField's; the UPDATE finds that row))
UPDATE "app_branch" SET "branch_name" = $1 WHERE "app_branch"."code" = $2;
-- params: ['Nameless', '']
-- rows: 1
-- step 27: create (Branch.objects.create(name="Other") (an INSERT of '' again))
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['', 'Other']
-- error: 23505: duplicate key value violates unique constraint "app_branch_pkey"
-- detail: Key (code)=() already exists.
-- raised IntegrityError: duplicate key value violates unique constraint "app_branch_pkey"
