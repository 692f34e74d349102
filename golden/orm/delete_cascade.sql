-- step 1: delete (Author.objects.filter(email="a2@e").delete() (only the join rows cascade))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1;
-- params: ['a2@e']
-- rows: 1
BEGIN;
DELETE FROM "app_entry_authors" WHERE "app_entry_authors"."author_id" IN ($1);
-- params: [2]
-- rows: 2
DELETE FROM "app_author" WHERE "app_author"."id" IN ($1);
-- params: [2]
-- rows: 1
COMMIT;
-- step 2: delete (Author.objects.filter(email="nobody@e").delete() (no match, no transaction))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE "app_author"."email" = $1;
-- params: ['nobody@e']
-- rows: 0
-- step 3: delete (Tag.objects.filter(name="t1").delete() (receivers run inside the transaction))
SELECT "app_tag"."id", "app_tag"."name" FROM "app_tag" WHERE "app_tag"."name" = $1;
-- params: ['t1']
-- rows: 1
BEGIN;
INSERT INTO app_audit (model, object_id) VALUES ('tag deleting', 1);
-- rows: 1
DELETE FROM "app_entrytag" WHERE "app_entrytag"."tag_id" IN ($1);
-- params: [1]
-- rows: 1
DELETE FROM "app_tag" WHERE "app_tag"."id" IN ($1);
-- params: [1]
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('tag deleted', 1);
-- rows: 1
COMMIT;
-- step 4: delete (Blog.objects.filter(pk=1).delete() (entries 1 and 2 with their join rows))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1;
-- params: [1]
-- rows: 1
SELECT "app_entry"."id" FROM "app_entry" WHERE "app_entry"."blog_id" IN ($1);
-- params: [1]
-- rows: 2
BEGIN;
DELETE FROM "app_entry_authors" WHERE "app_entry_authors"."entry_id" IN ($1, $2);
-- params: [1, 2]
-- rows: 1
DELETE FROM "app_entrytag" WHERE "app_entrytag"."entry_id" IN ($1, $2);
-- params: [1, 2]
-- rows: 1
DELETE FROM "app_entry" WHERE "app_entry"."id" IN ($1, $2);
-- params: [2, 1]
-- rows: 2
DELETE FROM "app_blog" WHERE "app_blog"."id" IN ($1);
-- params: [1]
-- rows: 1
COMMIT;
-- step 5: get (blog = Blog.objects.get(pk=2))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
-- step 6: delete (blog.delete() (an instance, so no SELECT of the blog))
SELECT "app_entry"."id" FROM "app_entry" WHERE "app_entry"."blog_id" IN ($1);
-- params: [2]
-- rows: 1
BEGIN;
DELETE FROM "app_entry_authors" WHERE "app_entry_authors"."entry_id" IN ($1);
-- params: [3]
-- rows: 1
DELETE FROM "app_entrytag" WHERE "app_entrytag"."entry_id" IN ($1);
-- params: [3]
-- rows: 0
DELETE FROM "app_entry" WHERE "app_entry"."id" IN ($1);
-- params: [3]
-- rows: 1
DELETE FROM "app_blog" WHERE "app_blog"."id" IN ($1);
-- params: [2]
-- rows: 1
COMMIT;
-- step 7: delete (blog.delete() again (its pk is None now))
-- raised ValueError: Blog object can't be deleted because its id attribute is set to None.
