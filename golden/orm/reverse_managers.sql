-- step 1: get (blog = Blog.objects.get(pk=3))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
-- step 2: get (e1 = Entry.objects.get(pk=1))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 3: get (e2 = Entry.objects.get(pk=2))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 4: m2m (blog.entry_set.add(e1, e2))
UPDATE "app_entry" SET "blog_id" = $1 WHERE "app_entry"."id" IN ($2, $3);
-- params: [3, 1, 2]
-- rows: 2
-- step 5: m2m (blog.entry_set.add(e2, e1, e2))
UPDATE "app_entry" SET "blog_id" = $1 WHERE "app_entry"."id" IN ($2, $3);
-- params: [3, 2, 1]
-- rows: 2
-- step 6: m2m (blog.entry_set.add(e1, bulk=False))
BEGIN;
UPDATE "app_entry" SET "blog_id" = $1, "headline" = $2, "body_text" = $3, "pub_date" = $4, "mod_date" = $5, "number_of_comments" = $6, "number_of_pingbacks" = $7, "rating" = $8 WHERE "app_entry"."id" = $9;
-- params: [3, 'Rust ownership', 'Borrowing', '2024-01-10', '2025-01-01', 3, 0, 4, 1]
-- rows: 1
COMMIT;
-- step 8: m2m (blog.entry_set.add(Entry(headline="Oslo", body_text="Fjords", pub_date="2024-07-01")))
-- raised ValueError: <Entry: Entry object (None)> instance isn't saved. Use bulk=False or save the object first.
-- step 9: m2m (blog.entry_set.add(Entry(headline="Oslo", body_text="Fjords", pub_date="2024-07-01"), bulk=False))
BEGIN;
INSERT INTO "app_entry" ("blog_id", "headline", "body_text", "pub_date", "mod_date", "number_of_comments", "number_of_pingbacks", "rating") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "app_entry"."id";
-- params: [3, 'Oslo', 'Fjords', '2024-07-01', '2025-01-01', 0, 0, 5]
-- rows: 1
COMMIT;
-- step 10: m2m (blog.entry_set.add(1))
-- raised TypeError: 'Entry' instance expected, got 1
-- step 11: create (blog.entry_set.create(headline="Lisbon", body_text="Trams", pub_date="2024-06-01"))
INSERT INTO "app_entry" ("blog_id", "headline", "body_text", "pub_date", "mod_date", "number_of_comments", "number_of_pingbacks", "rating") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "app_entry"."id";
-- params: [3, 'Lisbon', 'Trams', '2024-06-01', '2025-01-01', 0, 0, 5]
-- rows: 1
-- step 12: get_or_create (blog.entry_set.get_or_create(headline="Lisbon"))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."blog_id" = $1 AND "app_entry"."blog_id" = $2 AND "app_entry"."headline" = $3) LIMIT 21;
-- params: [3, 3, 'Lisbon']
-- rows: 1
-- step 13: update_or_create (blog.entry_set.update_or_create(headline="Lisbon", defaults={"rating": 3}))
BEGIN;
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."blog_id" = $1 AND "app_entry"."blog_id" = $2 AND "app_entry"."headline" = $3) LIMIT 21 FOR UPDATE;
-- params: [3, 3, 'Lisbon']
-- rows: 1
UPDATE "app_entry" SET "pub_date" = $1, "mod_date" = $2, "rating" = $3 WHERE "app_entry"."id" = $4;
-- params: ['2024-06-01', '2025-01-01', 3, 7]
-- rows: 1
COMMIT;
-- step 14: m2m (blog.entry_set.remove(e1))
-- raised AttributeError: 'RelatedManager' object has no attribute 'remove'
-- step 15: m2m (blog.entry_set.clear())
-- raised AttributeError: 'RelatedManager' object has no attribute 'clear'
-- step 16: m2m (blog.entry_set.set([e2]))
UPDATE "app_entry" SET "blog_id" = $1 WHERE "app_entry"."id" IN ($2);
-- params: [3, 2]
-- rows: 1
-- step 17: get (author = Author.objects.get(pk=1))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 18: m2m (blog.entry_set.add(author))
-- raised TypeError: 'Entry' instance expected, got <Author: Author object (1)>
-- step 19: get (c1 = Comment.objects.get(pk=1))
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 20: get (c2 = Comment.objects.get(pk=2))
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 21: get (c3 = Comment.objects.get(pk=3))
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
-- step 22: get (c4 = Comment.objects.get(pk=4))
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."id" = $1 LIMIT 21;
-- params: [4]
-- rows: 1
-- step 23: m2m (author.comment_set.remove(c1))
UPDATE "app_comment" SET "author_id" = NULL WHERE ("app_comment"."author_id" = $1 AND "app_comment"."id" IN ($2));
-- params: [1, 1]
-- rows: 1
-- step 24: m2m (author.comment_set.remove(c4))
-- raised DoesNotExist: <Comment: Comment object (4)> is not related to <Author: Author object (1)>.
-- step 25: m2m (author.comment_set.add(c1, c2))
UPDATE "app_comment" SET "author_id" = $1 WHERE "app_comment"."id" IN ($2, $3);
-- params: [1, 1, 2]
-- rows: 2
-- step 26: m2m (author.comment_set.remove(c1, bulk=False))
BEGIN;
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE ("app_comment"."author_id" = $1 AND "app_comment"."id" IN ($2));
-- params: [1, 1]
-- rows: 1
UPDATE "app_comment" SET "author_id" = NULL WHERE "app_comment"."id" = $1;
-- params: [1]
-- rows: 1
COMMIT;
-- step 27: m2m (author.comment_set.set([c2, c3]))
BEGIN;
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."author_id" = $1;
-- params: [1]
-- rows: 1
UPDATE "app_comment" SET "author_id" = $1 WHERE "app_comment"."id" IN ($2);
-- params: [1, 3]
-- rows: 1
COMMIT;
-- step 28: m2m (author.comment_set.set([c3, c1], bulk=False))
BEGIN;
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."author_id" = $1;
-- params: [1]
-- rows: 2
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE ("app_comment"."author_id" = $1 AND "app_comment"."id" IN ($2));
-- params: [1, 2]
-- rows: 1
UPDATE "app_comment" SET "author_id" = NULL WHERE "app_comment"."id" = $1;
-- params: [2]
-- rows: 1
UPDATE "app_comment" SET "entry_id" = $1, "author_id" = $2, "text" = $3, "created" = $4 WHERE "app_comment"."id" = $5;
-- params: [1, 1, 'Nice', '2024-01-11 10:00:00+00:00', 1]
-- rows: 1
COMMIT;
-- step 29: m2m (author.comment_set.set([c2], clear=True))
BEGIN;
UPDATE "app_comment" SET "author_id" = NULL WHERE "app_comment"."author_id" = $1;
-- params: [1]
-- rows: 2
UPDATE "app_comment" SET "author_id" = $1 WHERE "app_comment"."id" IN ($2);
-- params: [1, 2]
-- rows: 1
COMMIT;
-- step 30: m2m (author.comment_set.clear())
UPDATE "app_comment" SET "author_id" = NULL WHERE "app_comment"."author_id" = $1;
-- params: [1]
-- rows: 1
-- step 31: m2m (author.comment_set.add(c3))
UPDATE "app_comment" SET "author_id" = $1 WHERE "app_comment"."id" IN ($2);
-- params: [1, 3]
-- rows: 1
-- step 32: m2m (author.comment_set.clear(bulk=False))
BEGIN;
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."author_id" = $1;
-- params: [1]
-- rows: 1
UPDATE "app_comment" SET "author_id" = NULL WHERE "app_comment"."id" = $1;
-- params: [3]
-- rows: 1
COMMIT;
-- step 34: m2m (e1.comments.add(c3))
UPDATE "app_comment" SET "entry_id" = $1 WHERE "app_comment"."id" IN ($2);
-- params: [1, 3]
-- rows: 1
-- step 35: m2m (e1.comments.remove(c3))
-- raised AttributeError: 'RelatedManager' object has no attribute 'remove'
-- step 36: atomic (with transaction.atomic())
-- step 37: m2m (author.comment_set.set([c1]) (no BEGIN of its own))
BEGIN;
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE "app_comment"."author_id" = $1;
-- params: [1]
-- rows: 0
UPDATE "app_comment" SET "author_id" = $1 WHERE "app_comment"."id" IN ($2);
-- params: [1, 1]
-- rows: 1
-- step 38: end of atomic (step 36)
COMMIT;
-- step 39: m2m (e1.authors.set([author], clear=True))
BEGIN;
DELETE FROM "app_entry_authors" WHERE "app_entry_authors"."entry_id" = $1;
-- params: [1]
-- rows: 2
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 1]
-- rows: 1
COMMIT;
