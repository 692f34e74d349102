-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['MAIN', 'Main']
-- rows: 1
-- step 2: create
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['EAST', 'East']
-- rows: 1
-- step 3: create
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['WEST', 'West']
-- rows: 1
-- step 4: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['Ann', 'WEST', '2025-01-01']
-- rows: 1
-- step 5: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['Bob', 'WEST', '2025-01-01']
-- rows: 1
-- step 6: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['Cat', 'MAIN', '2025-01-01']
-- rows: 1
-- step 7: create
INSERT INTO "app_publisher" ("name") VALUES ($1) RETURNING "app_publisher"."id";
-- params: ['P1']
-- rows: 1
-- step 8: create
INSERT INTO "app_publisher" ("name") VALUES ($1) RETURNING "app_publisher"."id";
-- params: ['P2']
-- rows: 1
-- step 9: create
INSERT INTO "app_book" ("id", "isbn", "title", "pub") VALUES ($1, $2, $3, $4);
-- params: ['00000000-0000-4000-8000-000000000001', '1', 'B1', 1]
-- rows: 1
-- step 10: create
INSERT INTO "app_book" ("id", "isbn", "title", "pub") VALUES ($1, $2, $3, $4);
-- params: ['00000000-0000-4000-8000-000000000002', '2', 'B2', 1]
-- rows: 1
-- step 11: create
INSERT INTO "app_book" ("id", "isbn", "title", "pub") VALUES ($1, $2, $3, $4);
-- params: ['00000000-0000-4000-8000-000000000003', '3', 'B3', 2]
-- rows: 1
-- step 12: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['A']
-- rows: 1
-- step 13: create
INSERT INTO "app_authorship" ("book_id", "author_id", "role", "position", "added_on") VALUES ($1, $2, $3, $4, $5) RETURNING "app_authorship"."id";
-- params: ['00000000-0000-4000-8000-000000000001', 1, 'author', 1, '2025-01-01']
-- rows: 1
-- step 14: create
INSERT INTO "app_copy" ("book_id", "at_branch", "bar_code") VALUES ($1, $2, $3) RETURNING "app_copy"."id";
-- params: ['00000000-0000-4000-8000-000000000001', 'EAST', 'C1']
-- rows: 1
-- step 15: create
INSERT INTO "app_copy" ("book_id", "at_branch", "bar_code") VALUES ($1, $2, $3) RETURNING "app_copy"."id";
-- params: ['00000000-0000-4000-8000-000000000001', 'EAST', 'C2']
-- rows: 1
-- step 16: create
INSERT INTO "app_copy" ("book_id", "at_branch", "bar_code") VALUES ($1, $2, $3) RETURNING "app_copy"."id";
-- params: ['00000000-0000-4000-8000-000000000002', 'MAIN', 'C3']
-- rows: 1
-- step 17: create
INSERT INTO "app_copy" ("book_id", "at_branch", "bar_code") VALUES ($1, $2, $3) RETURNING "app_copy"."id";
-- params: ['00000000-0000-4000-8000-000000000003', 'MAIN', 'C4']
-- rows: 1
-- step 18: create
INSERT INTO "app_copy" ("book_id", "at_branch", "bar_code") VALUES ($1, $2, $3) RETURNING "app_copy"."id";
-- params: ['00000000-0000-4000-8000-000000000003', 'EAST', 'C5']
-- rows: 1
-- step 19: create
INSERT INTO "app_loan" ("copy_id", "member_id", "loaned_on") VALUES ($1, $2, $3) RETURNING "app_loan"."id";
-- params: [2, 1, '2025-01-01']
-- rows: 1
-- step 20: create
INSERT INTO "app_loan" ("copy_id", "member_id", "loaned_on") VALUES ($1, $2, $3) RETURNING "app_loan"."id";
-- params: [4, 3, '2025-01-01']
-- rows: 1
-- step 21: create
INSERT INTO "app_hold" ("book_id", "copy_id", "member_id", "pickup_id") VALUES ($1, $2, $3, $4) RETURNING "app_hold"."id";
-- params: ['00000000-0000-4000-8000-000000000001', 1, 2, 'WEST']
-- rows: 1
-- step 22: create
INSERT INTO "app_hold" ("book_id", "copy_id", "member_id", "pickup_id") VALUES ($1, $2, $3, $4) RETURNING "app_hold"."id";
-- params: ['00000000-0000-4000-8000-000000000003', NULL, 3, 'WEST']
-- rows: 1
-- step 23: create
INSERT INTO "app_review" ("book_id", "member_id", "stars") VALUES ($1, $2, $3) RETURNING "app_review"."id";
-- params: ['00000000-0000-4000-8000-000000000003', 3, 3]
-- rows: 1
-- step 24: create
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['Story time', 'WEST', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
-- step 25: create
BEGIN;
INSERT INTO "app_event" ("title", "branch_id", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "app_event"."id";
-- params: ['Knitting', 'WEST', '2025-01-01 15:30:00+00:00', '2025-01-01 15:30:00+00:00']
-- rows: 1
INSERT INTO "app_workshop" ("event_ptr_id", "capacity", "session_time", "booked_on") VALUES ($1, $2, $3, $4);
-- params: [2, 5, '15:30:00', '2025-01-01']
-- rows: 1
COMMIT;
-- step 26: delete (p1.delete() (a loan RESTRICTs copy C2, two cascades down))
SELECT "app_book"."id" FROM "app_book" WHERE "app_book"."pub" IN ($1);
-- params: [1]
-- rows: 2
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."book_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 3
SELECT "app_loan"."id", "app_loan"."copy_id", "app_loan"."member_id", "app_loan"."loaned_on" FROM "app_loan" WHERE "app_loan"."copy_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 1
SELECT "app_hold"."id", "app_hold"."book_id", "app_hold"."copy_id", "app_hold"."member_id", "app_hold"."pickup_id" FROM "app_hold" WHERE "app_hold"."copy_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 1
SELECT "app_review"."id", "app_review"."book_id", "app_review"."member_id", "app_review"."stars" FROM "app_review" WHERE "app_review"."book_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 0
SELECT "app_hold"."id", "app_hold"."book_id", "app_hold"."copy_id", "app_hold"."member_id", "app_hold"."pickup_id" FROM "app_hold" WHERE ("app_hold"."book_id" IN ($1, $2) AND "app_hold"."id" IN ($3));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 1]
-- rows: 1
-- raised RestrictedError: Cannot delete some instances of model 'Publisher' because they are referenced through restricted foreign keys: 'Loan.copy'.
-- step 27: delete (loan.delete())
DELETE FROM "app_loan" WHERE "app_loan"."id" IN ($1);
-- params: [1]
-- rows: 1
-- step 28: delete (p1.delete() (the hold's RESTRICT on C1 is lifted by the cascade from its book))
SELECT "app_book"."id" FROM "app_book" WHERE "app_book"."pub" IN ($1);
-- params: [1]
-- rows: 2
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."book_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 3
SELECT "app_loan"."id", "app_loan"."copy_id", "app_loan"."member_id", "app_loan"."loaned_on" FROM "app_loan" WHERE "app_loan"."copy_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 0
SELECT "app_hold"."id", "app_hold"."book_id", "app_hold"."copy_id", "app_hold"."member_id", "app_hold"."pickup_id" FROM "app_hold" WHERE "app_hold"."copy_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 1
SELECT "app_review"."id", "app_review"."book_id", "app_review"."member_id", "app_review"."stars" FROM "app_review" WHERE "app_review"."book_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 0
SELECT "app_hold"."id", "app_hold"."book_id", "app_hold"."copy_id", "app_hold"."member_id", "app_hold"."pickup_id" FROM "app_hold" WHERE ("app_hold"."book_id" IN ($1, $2) AND "app_hold"."id" IN ($3));
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 1]
-- rows: 1
BEGIN;
DELETE FROM "app_authorship" WHERE "app_authorship"."book_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 1
DELETE FROM "app_hold" WHERE "app_hold"."book_id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']
-- rows: 1
DELETE FROM "app_copy" WHERE "app_copy"."id" IN ($1, $2, $3);
-- params: [3, 2, 1]
-- rows: 3
DELETE FROM "app_book" WHERE "app_book"."id" IN ($1, $2);
-- params: ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001']
-- rows: 2
DELETE FROM "app_publisher" WHERE "app_publisher"."id" IN ($1);
-- params: [1]
-- rows: 1
COMMIT;
-- step 29: delete (b3.delete() (a review PROTECTs it, a loan RESTRICTs its copy C4))
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 2
SELECT "app_loan"."id", "app_loan"."copy_id", "app_loan"."member_id", "app_loan"."loaned_on" FROM "app_loan" WHERE "app_loan"."copy_id" IN ($1, $2);
-- params: [4, 5]
-- rows: 1
SELECT "app_hold"."id", "app_hold"."book_id", "app_hold"."copy_id", "app_hold"."member_id", "app_hold"."pickup_id" FROM "app_hold" WHERE "app_hold"."copy_id" IN ($1, $2);
-- params: [4, 5]
-- rows: 0
SELECT "app_review"."id", "app_review"."book_id", "app_review"."member_id", "app_review"."stars" FROM "app_review" WHERE "app_review"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 1
-- raised ProtectedError: Cannot delete some instances of model 'Book' because they are referenced through protected foreign keys: 'Review.book'.
-- step 30: delete (p2.delete() (the same review, reached through the cascade to b3))
SELECT "app_book"."id" FROM "app_book" WHERE "app_book"."pub" IN ($1);
-- params: [2]
-- rows: 1
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 2
SELECT "app_loan"."id", "app_loan"."copy_id", "app_loan"."member_id", "app_loan"."loaned_on" FROM "app_loan" WHERE "app_loan"."copy_id" IN ($1, $2);
-- params: [4, 5]
-- rows: 1
SELECT "app_hold"."id", "app_hold"."book_id", "app_hold"."copy_id", "app_hold"."member_id", "app_hold"."pickup_id" FROM "app_hold" WHERE "app_hold"."copy_id" IN ($1, $2);
-- params: [4, 5]
-- rows: 0
SELECT "app_review"."id", "app_review"."book_id", "app_review"."member_id", "app_review"."stars" FROM "app_review" WHERE "app_review"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 1
-- raised ProtectedError: Cannot delete some instances of model 'Publisher' because they are referenced through protected foreign keys: 'Book.publisher'.
-- step 31: delete (west.delete() (SET_DEFAULT on members, SET("MAIN") on holds, events and workshops cascade))
SELECT "app_member"."id" FROM "app_member" WHERE "app_member"."home_branch" IN ($1);
-- params: ['WEST']
-- rows: 2
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."at_branch" IN ($1);
-- params: ['WEST']
-- rows: 0
SELECT "app_event"."id" FROM "app_event" WHERE "app_event"."branch_id" IN ($1);
-- params: ['WEST']
-- rows: 2
BEGIN;
DELETE FROM "app_workshop" WHERE "app_workshop"."event_ptr_id" IN ($1, $2);
-- params: [1, 2]
-- rows: 1
UPDATE "app_member" SET "home_branch" = $1 WHERE "app_member"."id" IN ($2, $3);
-- params: ['MAIN', 1, 2]
-- rows: 2
UPDATE "app_hold" SET "pickup_id" = $1 WHERE "app_hold"."pickup_id" IN ($2);
-- params: ['MAIN', 'WEST']
-- rows: 1
DELETE FROM "app_event" WHERE "app_event"."id" IN ($1, $2);
-- params: [2, 1]
-- rows: 2
DELETE FROM "app_branch" WHERE "app_branch"."code" IN ($1);
-- params: ['WEST']
-- rows: 1
COMMIT;
-- step 32: delete (east.delete() (copy C5 PROTECTs it))
SELECT "app_member"."id" FROM "app_member" WHERE "app_member"."home_branch" IN ($1);
-- params: ['EAST']
-- rows: 0
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."at_branch" IN ($1);
-- params: ['EAST']
-- rows: 1
SELECT "app_event"."id" FROM "app_event" WHERE "app_event"."branch_id" IN ($1);
-- params: ['EAST']
-- rows: 0
-- raised ProtectedError: Cannot delete some instances of model 'Branch' because they are referenced through protected foreign keys: 'Copy.branch'.
-- step 33: delete (Member.objects.filter(home_branch="MAIN").delete() (everyone, with their loans, holds and reviews))
SELECT "app_member"."id", "app_member"."name", "app_member"."home_branch", "app_member"."joined_on" FROM "app_member" WHERE "app_member"."home_branch" = $1;
-- params: ['MAIN']
-- rows: 3
BEGIN;
DELETE FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" IN ($1, $2, $3) OR "app_member_friends"."to_member_id" IN ($4, $5, $6));
-- params: [3, 1, 2, 3, 1, 2]
-- rows: 0
DELETE FROM "app_member_follows" WHERE ("app_member_follows"."from_member_id" IN ($1, $2, $3) OR "app_member_follows"."to_member_id" IN ($4, $5, $6));
-- params: [3, 1, 2, 3, 1, 2]
-- rows: 0
DELETE FROM "app_loan" WHERE "app_loan"."member_id" IN ($1, $2, $3);
-- params: [3, 1, 2]
-- rows: 1
DELETE FROM "app_hold" WHERE "app_hold"."member_id" IN ($1, $2, $3);
-- params: [3, 1, 2]
-- rows: 1
DELETE FROM "app_review" WHERE "app_review"."member_id" IN ($1, $2, $3);
-- params: [3, 1, 2]
-- rows: 1
DELETE FROM "app_member" WHERE "app_member"."id" IN ($1, $2, $3);
-- params: [3, 2, 1]
-- rows: 3
COMMIT;
-- step 34: delete (b3.delete() (nothing protects it now))
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 2
SELECT "app_loan"."id", "app_loan"."copy_id", "app_loan"."member_id", "app_loan"."loaned_on" FROM "app_loan" WHERE "app_loan"."copy_id" IN ($1, $2);
-- params: [4, 5]
-- rows: 0
SELECT "app_hold"."id", "app_hold"."book_id", "app_hold"."copy_id", "app_hold"."member_id", "app_hold"."pickup_id" FROM "app_hold" WHERE "app_hold"."copy_id" IN ($1, $2);
-- params: [4, 5]
-- rows: 0
SELECT "app_review"."id", "app_review"."book_id", "app_review"."member_id", "app_review"."stars" FROM "app_review" WHERE "app_review"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 0
BEGIN;
DELETE FROM "app_authorship" WHERE "app_authorship"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 0
DELETE FROM "app_hold" WHERE "app_hold"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 0
DELETE FROM "app_copy" WHERE "app_copy"."id" IN ($1, $2);
-- params: [5, 4]
-- rows: 2
DELETE FROM "app_book" WHERE "app_book"."id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000003']
-- rows: 1
COMMIT;
-- step 35: delete (Branch.objects.filter(name="East").delete() (SET("MAIN") on holds, though there are none))
SELECT "app_branch"."code", "app_branch"."branch_name" FROM "app_branch" WHERE "app_branch"."branch_name" = $1;
-- params: ['East']
-- rows: 1
SELECT "app_member"."id" FROM "app_member" WHERE "app_member"."home_branch" IN ($1);
-- params: ['EAST']
-- rows: 0
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."at_branch" IN ($1);
-- params: ['EAST']
-- rows: 0
SELECT "app_event"."id" FROM "app_event" WHERE "app_event"."branch_id" IN ($1);
-- params: ['EAST']
-- rows: 0
BEGIN;
UPDATE "app_hold" SET "pickup_id" = $1 WHERE "app_hold"."pickup_id" IN ($2);
-- params: ['MAIN', 'EAST']
-- rows: 0
DELETE FROM "app_branch" WHERE "app_branch"."code" IN ($1);
-- params: ['EAST']
-- rows: 1
COMMIT;
