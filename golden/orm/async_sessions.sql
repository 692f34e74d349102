-- step 1: acreate (await Author.objects.acreate(...))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['Eve', 'eve@example.com']
-- rows: 1
-- step 2: aget (await Author.objects.aget(email="eve@example.com"))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21;
-- params: ['eve@example.com']
-- rows: 1
-- step 3: acount (await Author.objects.acount())
SELECT COUNT(*) AS "__count" FROM "app_author";
-- rows: 1
-- step 4: aupdate_or_create (await Author.objects.aupdate_or_create(email="eve@example.com", defaults={"name": "Eve B."}))
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1 LIMIT 21 FOR UPDATE;
-- params: ['eve@example.com']
-- rows: 1
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['Eve B.', 5]
-- rows: 1
COMMIT;
-- step 5: abulk_create (await Author.objects.abulk_create([Author(...), Author(...)]))
BEGIN;
INSERT INTO "app_author" ("name", "email") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) RETURNING "app_author"."id";
-- params: [['X', 'Y'], ['x@example.com', 'y@example.com']]
-- rows: 2
COMMIT;
-- step 6: aupdate (await Author.objects.filter(...).aupdate(name="Xavier"))
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."email" = $2;
-- params: ['Xavier', 'x@example.com']
-- rows: 1
-- step 7: adelete (await Author.objects.filter(...).adelete())
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1;
-- params: ['y@example.com']
-- rows: 1
BEGIN;
DELETE FROM "app_entry_authors" WHERE "app_entry_authors"."author_id" IN ($1);
-- params: [7]
-- rows: 0
UPDATE "app_comment" SET "author_id" = NULL WHERE "app_comment"."author_id" IN ($1);
-- params: [7]
-- rows: 0
DELETE FROM "app_author" WHERE "app_author"."id" IN ($1);
-- params: [7]
-- rows: 1
COMMIT;
-- step 8: query (async for) ([a async for a in Author.objects.filter(pk__lte=2).order_by('pk')])
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" <= $1 ORDER BY "app_author"."id" ASC;
-- params: [2]
-- rows: 2
-- step 9: aiterator ([a.name async for a in Author.objects.order_by('pk').aiterator(chunk_size=2)])
DECLARE "_django_curs_1_sync_1" NO SCROLL CURSOR WITH HOLD FOR SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" ORDER BY "app_author"."id" ASC;
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 2
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 2
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 2
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 0
CLOSE "_django_curs_1_sync_1";
-- step 10: atomic (with transaction.atomic(): in async code)
-- raised SynchronousOnlyOperation: You cannot call this from an async context - use a thread or sync_to_async.
-- step 13: query (async for) ([e.blog.name async for e in Entry.objects.filter(pk__in=[1, 2])])
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" IN ($1, $2);
-- params: [1, 2]
-- rows: 2
-- raised SynchronousOnlyOperation: You cannot call this from an async context - use a thread or sync_to_async.
-- step 14: sync_to_async (await sync_to_async(transfer)(), transfer holding the atomic block)
-- step 15: atomic
-- step 16: create
BEGIN;
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['Kim', 'kim@example.com']
-- rows: 1
-- step 17: update
UPDATE "app_author" SET "name" = $1 WHERE "app_author"."id" = $2;
-- params: ['Kim L.', 8]
-- rows: 1
-- step 18: end of atomic (step 15)
COMMIT;
