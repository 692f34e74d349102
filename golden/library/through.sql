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
-- params: ['00000000-0000-4000-8000-000000000001', '111', 'Dune', 1]
-- rows: 1
-- step 4: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['a']
-- rows: 1
-- step 5: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['b']
-- rows: 1
-- step 6: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['c']
-- rows: 1
-- step 7: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['d']
-- rows: 1
-- step 8: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['e']
-- rows: 1
-- step 9: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['f']
-- rows: 1
-- step 10: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['g']
-- rows: 1
-- step 11: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['h']
-- rows: 1
-- step 12: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['i']
-- rows: 1
-- step 13: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['j']
-- rows: 1
-- step 14: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['k']
-- rows: 1
-- step 15: create
INSERT INTO "app_author" ("name") VALUES ($1) RETURNING "app_author"."id";
-- params: ['l']
-- rows: 1
-- step 16: m2m (book.authors.add(i, a, c, through_defaults={"role": "editor"}))
BEGIN;
SELECT "app_authorship"."author_id" AS "author" FROM "app_authorship" WHERE ("app_authorship"."author_id" IN ($1, $2, $3) AND "app_authorship"."book_id" = $4);
-- params: [9, 3, 1, '00000000-0000-4000-8000-000000000001']
-- rows: 0
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 pre_add [9,3,1]');
-- rows: 1
INSERT INTO "app_authorship" ("book_id", "author_id", "role", "position", "added_on") SELECT * FROM UNNEST(($1)::uuid[], ($2)::bigint[], ($3)::varchar[], ($4)::smallint[], ($5)::date[]) RETURNING "app_authorship"."id";
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], [9, 3, 1], ['editor', 'editor', 'editor'], [1, 1, 1], ['2025-01-01', '2025-01-01', '2025-01-01']]
-- rows: 3
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 post_add [9,3,1]');
-- rows: 1
COMMIT;
-- step 17: m2m (book.authors.add(a, d) (a is there))
BEGIN;
SELECT "app_authorship"."author_id" AS "author" FROM "app_authorship" WHERE ("app_authorship"."author_id" IN ($1, $2) AND "app_authorship"."book_id" = $3);
-- params: [1, 4, '00000000-0000-4000-8000-000000000001']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 pre_add [4]');
-- rows: 1
INSERT INTO "app_authorship" ("book_id", "author_id", "role", "position", "added_on") VALUES ($1, $2, $3, $4, $5) RETURNING "app_authorship"."id";
-- params: ['00000000-0000-4000-8000-000000000001', 4, 'author', 1, '2025-01-01']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 post_add [4]');
-- rows: 1
COMMIT;
-- step 18: m2m (book.authors.add(d) (nothing missing; pre_add and post_add with no ids))
BEGIN;
SELECT "app_authorship"."author_id" AS "author" FROM "app_authorship" WHERE ("app_authorship"."author_id" IN ($1) AND "app_authorship"."book_id" = $2);
-- params: [4, '00000000-0000-4000-8000-000000000001']
-- rows: 1
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 pre_add []');
-- rows: 1
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 post_add []');
-- rows: 1
COMMIT;
-- step 19: m2m (book.authors.remove(i, 4) (an object and a raw id))
BEGIN;
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 pre_remove [9,4]');
-- rows: 1
DELETE FROM "app_authorship" WHERE ("app_authorship"."book_id" = $1 AND "app_authorship"."author_id" IN ($2, $3));
-- params: ['00000000-0000-4000-8000-000000000001', 9, 4]
-- rows: 2
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 post_remove [9,4]');
-- rows: 1
COMMIT;
-- step 20: m2m (book.authors.set([a, e, k], through_defaults={"position": 2}))
BEGIN;
SELECT "app_author"."id" AS "id" FROM "app_author" INNER JOIN "app_authorship" ON ("app_author"."id" = "app_authorship"."author_id") WHERE "app_authorship"."book_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 2
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 pre_remove [3]');
-- rows: 1
DELETE FROM "app_authorship" WHERE ("app_authorship"."book_id" = $1 AND "app_authorship"."author_id" IN ($2));
-- params: ['00000000-0000-4000-8000-000000000001', 3]
-- rows: 1
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 post_remove [3]');
-- rows: 1
SELECT "app_authorship"."author_id" AS "author" FROM "app_authorship" WHERE ("app_authorship"."author_id" IN ($1, $2) AND "app_authorship"."book_id" = $3);
-- params: [11, 5, '00000000-0000-4000-8000-000000000001']
-- rows: 0
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 pre_add [11,5]');
-- rows: 1
INSERT INTO "app_authorship" ("book_id", "author_id", "role", "position", "added_on") SELECT * FROM UNNEST(($1)::uuid[], ($2)::bigint[], ($3)::varchar[], ($4)::smallint[], ($5)::date[]) RETURNING "app_authorship"."id";
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], [11, 5], ['author', 'author'], [2, 2], ['2025-01-01', '2025-01-01']]
-- rows: 2
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 post_add [11,5]');
-- rows: 1
COMMIT;
-- step 21: m2m (book.authors.clear())
BEGIN;
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 pre_clear []');
-- rows: 1
DELETE FROM "app_authorship" WHERE "app_authorship"."book_id" = $1;
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 3
INSERT INTO app_audit (message) VALUES ('book 00000000-0000-4000-8000-000000000001 post_clear []');
-- rows: 1
COMMIT;
-- step 22: create (Authorship.objects.create(book=book, author=b, role="translator"))
INSERT INTO "app_authorship" ("book_id", "author_id", "role", "position", "added_on") VALUES ($1, $2, $3, $4, $5) RETURNING "app_authorship"."id";
-- params: ['00000000-0000-4000-8000-000000000001', 2, 'translator', 1, '2025-01-01']
-- rows: 1
-- step 23: bulk_create (Authorship.objects.bulk_create([Authorship(book=book, author=c), Authorship(book=book, author=d, position=5)]))
BEGIN;
INSERT INTO "app_authorship" ("book_id", "author_id", "role", "position", "added_on") SELECT * FROM UNNEST(($1)::uuid[], ($2)::bigint[], ($3)::varchar[], ($4)::smallint[], ($5)::date[]) RETURNING "app_authorship"."id";
-- params: [['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'], [3, 4], ['author', 'author'], [1, 5], ['2025-01-01', '2025-01-01']]
-- rows: 2
COMMIT;
-- step 24: delete (b.delete() (its Authorship rows go with it))
BEGIN;
DELETE FROM "app_authorship" WHERE "app_authorship"."author_id" IN ($1);
-- params: [2]
-- rows: 1
DELETE FROM "app_author" WHERE "app_author"."id" IN ($1);
-- params: [2]
-- rows: 1
COMMIT;
-- step 25: delete (book.delete() (copies and reviews are looked for; holds and Authorship rows fast-deleted))
SELECT "app_copy"."id" FROM "app_copy" WHERE "app_copy"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 0
SELECT "app_review"."id", "app_review"."book_id", "app_review"."member_id", "app_review"."stars" FROM "app_review" WHERE "app_review"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 0
BEGIN;
DELETE FROM "app_authorship" WHERE "app_authorship"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 2
DELETE FROM "app_hold" WHERE "app_hold"."book_id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 0
DELETE FROM "app_book" WHERE "app_book"."id" IN ($1);
-- params: ['00000000-0000-4000-8000-000000000001']
-- rows: 1
COMMIT;
