-- step 1: get (e = Entry.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: get_or_create (e.authors.get_or_create(name="Ann"))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE ("app_entry_authors"."entry_id" = $1 AND "app_author"."name" = $2) LIMIT 21;
-- params: [1, 'Ann']
-- rows: 1
-- step 3: get_or_create (e.authors.get_or_create(name="Zed", defaults={"email": "z@example.com"}))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE ("app_entry_authors"."entry_id" = $1 AND "app_author"."name" = $2) LIMIT 21;
-- params: [1, 'Zed']
-- rows: 0
BEGIN;
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['Zed', 'z@example.com']
-- rows: 1
COMMIT;
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 5]
-- rows: 1
COMMIT;
-- step 4: update_or_create (e.authors.update_or_create(name="Yan", defaults={"email": "y@example.com"}))
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE ("app_entry_authors"."entry_id" = $1 AND "app_author"."name" = $2) LIMIT 21 FOR UPDATE;
-- params: [1, 'Yan']
-- rows: 0
SAVEPOINT "s1_x1";
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['Yan', 'y@example.com']
-- rows: 1
RELEASE SAVEPOINT "s1_x1";
COMMIT;
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 6]
-- rows: 1
COMMIT;
-- step 5: update_or_create (e.authors.update_or_create(name="Yan", defaults={"email": "y2@example.com"}))
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE ("app_entry_authors"."entry_id" = $1 AND "app_author"."name" = $2) LIMIT 21 FOR UPDATE;
-- params: [1, 'Yan']
-- rows: 1
UPDATE "app_author" SET "email" = $1 WHERE "app_author"."id" = $2;
-- params: ['y2@example.com', 6]
-- rows: 1
COMMIT;
-- step 6: query (list(e.authors.filter(entry__rating=4)))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") INNER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") WHERE ("app_entry_authors"."entry_id" = $1 AND "app_entry"."rating" = $2);
-- params: [1, 4]
-- rows: 4
-- step 7: query (list(e.authors.filter(entry__rating=4).exclude(entry__rating=2)))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") INNER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") WHERE ("app_entry_authors"."entry_id" = $1 AND "app_entry"."rating" = $2 AND NOT (EXISTS(SELECT $3 AS "a" FROM "app_entry_authors" U1 INNER JOIN "app_entry" U2 ON (U1."entry_id" = U2."id") WHERE (U2."rating" = $4 AND U1."author_id" = ("app_author"."id")) LIMIT 1)));
-- params: [1, 4, 1, 2]
-- rows: 3
-- step 8: get_or_create (ann.entry_set.get_or_create(headline="New", defaults={...}))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") WHERE ("app_entry_authors"."author_id" = $1 AND "app_entry"."headline" = $2) LIMIT 21;
-- params: [1, 'New']
-- rows: 0
BEGIN;
INSERT INTO "app_entry" ("blog_id", "headline", "body_text", "pub_date", "mod_date", "number_of_comments", "number_of_pingbacks", "rating") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "app_entry"."id";
-- params: [1, 'New', '', '2024-06-01', '2025-01-01', 0, 0, 1]
-- rows: 1
COMMIT;
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [6, 1]
-- rows: 1
COMMIT;
-- step 9: get_or_create (ann.entry_set.get_or_create(headline="Rust ownership"))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") WHERE ("app_entry_authors"."author_id" = $1 AND "app_entry"."headline" = $2) LIMIT 21;
-- params: [1, 'Rust ownership']
-- rows: 1
