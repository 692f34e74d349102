-- step 1: get (entry = Entry.objects.get(pk=1))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 2: get
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 3: get
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 4: get
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
-- step 5: get
SELECT "app_tag"."id", "app_tag"."name" FROM "app_tag" WHERE "app_tag"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 6: get
SELECT "app_tag"."id", "app_tag"."name" FROM "app_tag" WHERE "app_tag"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 7: m2m (entry.authors.add(a1, a2))
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1], [1, 2]]
-- rows: 2
COMMIT;
-- step 8: m2m (entry.authors.add(a1, a2) again (the same statement, nothing inserted))
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1], [1, 2]]
-- rows: 0
COMMIT;
-- step 9: m2m (entry.authors.add(a3) (one row, VALUES))
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 3]
-- rows: 1
COMMIT;
-- step 10: m2m (entry.authors.remove(a1))
BEGIN;
DELETE FROM "app_entry_authors" WHERE ("app_entry_authors"."entry_id" = $1 AND "app_entry_authors"."author_id" IN ($2));
-- params: [1, 1]
-- rows: 1
COMMIT;
-- step 11: m2m (entry.authors.set([a2, a3]) (both there already, only the SELECT))
BEGIN;
SELECT "app_author"."id" AS "id" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [1]
-- rows: 2
COMMIT;
-- step 12: m2m (entry.authors.set([a1, a3]) (remove a2, add a1))
BEGIN;
SELECT "app_author"."id" AS "id" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [1]
-- rows: 2
DELETE FROM "app_entry_authors" WHERE ("app_entry_authors"."entry_id" = $1 AND "app_entry_authors"."author_id" IN ($2));
-- params: [1, 2]
-- rows: 1
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 1]
-- rows: 1
COMMIT;
-- step 13: m2m (entry.authors.clear())
BEGIN;
DELETE FROM "app_entry_authors" WHERE "app_entry_authors"."entry_id" = $1;
-- params: [1]
-- rows: 2
COMMIT;
-- step 14: m2m (entry.authors.add(1, 2) (by ids))
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1], [1, 2]]
-- rows: 2
COMMIT;
-- step 15: m2m (entry.authors.remove(1, 2))
BEGIN;
DELETE FROM "app_entry_authors" WHERE ("app_entry_authors"."entry_id" = $1 AND "app_entry_authors"."author_id" IN ($2, $3));
-- params: [1, 1, 2]
-- rows: 2
COMMIT;
-- step 17: m2m (entry.authors.set([]) when there are none)
BEGIN;
SELECT "app_author"."id" AS "id" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" = $1;
-- params: [1]
-- rows: 0
COMMIT;
-- step 18: m2m (entry.authors.add(9, 1, 3) (the set {9, 1, 3} iterates as 9, 3, 1))
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1, 1], [9, 3, 1]]
-- rows: 3
COMMIT;
-- step 19: m2m (entry.authors.remove(9, 1))
BEGIN;
DELETE FROM "app_entry_authors" WHERE ("app_entry_authors"."entry_id" = $1 AND "app_entry_authors"."author_id" IN ($2, $3));
-- params: [1, 9, 1]
-- rows: 2
COMMIT;
-- step 21: m2m (entry.tags.add(t1, t2, through_defaults={"added_by": "me"}))
BEGIN;
SELECT "app_entrytag"."tag_id" AS "tag" FROM "app_entrytag" WHERE ("app_entrytag"."entry_id" = $1 AND "app_entrytag"."tag_id" IN ($2, $3));
-- params: [1, 1, 2]
-- rows: 0
INSERT INTO "app_entrytag" ("entry_id", "tag_id", "added_by") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[], ($3)::varchar[]) RETURNING "app_entrytag"."id";
-- params: [[1, 1], [1, 2], ['me', 'me']]
-- rows: 2
COMMIT;
-- step 22: m2m (entry.tags.add(t1) (there already, so only the SELECT))
BEGIN;
SELECT "app_entrytag"."tag_id" AS "tag" FROM "app_entrytag" WHERE ("app_entrytag"."entry_id" = $1 AND "app_entrytag"."tag_id" IN ($2));
-- params: [1, 1]
-- rows: 1
COMMIT;
-- step 23: m2m (entry.tags.remove(t1))
BEGIN;
DELETE FROM "app_entrytag" WHERE ("app_entrytag"."entry_id" = $1 AND "app_entrytag"."tag_id" IN ($2));
-- params: [1, 1]
-- rows: 1
COMMIT;
-- step 24: m2m (entry.tags.set([t1]) (remove t2, add t1 with the field default))
BEGIN;
SELECT "app_tag"."id" AS "id" FROM "app_tag" INNER JOIN "app_entrytag" ON ("app_tag"."id" = "app_entrytag"."tag_id") WHERE "app_entrytag"."entry_id" = $1;
-- params: [1]
-- rows: 1
DELETE FROM "app_entrytag" WHERE ("app_entrytag"."entry_id" = $1 AND "app_entrytag"."tag_id" IN ($2));
-- params: [1, 2]
-- rows: 1
SELECT "app_entrytag"."tag_id" AS "tag" FROM "app_entrytag" WHERE ("app_entrytag"."entry_id" = $1 AND "app_entrytag"."tag_id" IN ($2));
-- params: [1, 1]
-- rows: 0
INSERT INTO "app_entrytag" ("entry_id", "tag_id", "added_by") VALUES ($1, $2, $3) RETURNING "app_entrytag"."id";
-- params: [1, 1, '']
-- rows: 1
COMMIT;
-- step 26: m2m (entry.tags.clear())
BEGIN;
DELETE FROM "app_entrytag" WHERE "app_entrytag"."entry_id" = $1;
-- params: [1]
-- rows: 1
COMMIT;
-- step 27: m2m (entry.authors.add(t1) (a Tag where an Author is expected))
-- raised TypeError: 'Author' instance expected, got <Tag: Tag object (1)>
-- step 28: sql (with transaction.atomic() (opened here by hand))
BEGIN;
-- step 29: m2m (entry.authors.add(a1) inside it (no BEGIN of its own))
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 1]
-- rows: 1
-- step 30: m2m (entry.authors.remove(a1) inside it)
DELETE FROM "app_entry_authors" WHERE ("app_entry_authors"."entry_id" = $1 AND "app_entry_authors"."author_id" IN ($2));
-- params: [1, 1]
-- rows: 1
-- step 31: sql (end of the atomic block)
COMMIT;
