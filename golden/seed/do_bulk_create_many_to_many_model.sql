-- step 1: create (blog = Blog.objects.create(name="b"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id";
-- params: ['b', 'B!']
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 1);
-- rows: 1
-- step 2: create (entry = Entry.objects.create(blog=blog, headline="h"))
INSERT INTO "app_entry" ("blog_id", "headline") VALUES ($1, $2) RETURNING "app_entry"."id";
-- params: [1, 'h']
-- rows: 1
-- step 3: create (t1 = Tag.objects.create(name="t1"))
INSERT INTO "app_tag" ("name") VALUES ($1) RETURNING "app_tag"."id";
-- params: ['t1']
-- rows: 1
-- step 4: create (t2 = Tag.objects.create(name="t2"))
INSERT INTO "app_tag" ("name") VALUES ($1) RETURNING "app_tag"."id";
-- params: ['t2']
-- rows: 1
-- step 5: bulk_create (EntryTag.objects.bulk_create([EntryTag(entry=entry, tag=t1, added_by="me"), EntryTag(entry=entry, tag=t2)]))
BEGIN;
INSERT INTO "app_entrytag" ("entry_id", "tag_id", "added_by") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[], ($3)::varchar[]) RETURNING "app_entrytag"."id";
-- params: [[1, 1], [1, 2], ['me', '']]
-- rows: 2
COMMIT;
-- step 6: bulk_create (EntryTag.objects.bulk_create([EntryTag(entry_id=entry.pk, tag_id=t1.pk)]))
BEGIN;
INSERT INTO "app_entrytag" ("entry_id", "tag_id", "added_by") VALUES ($1, $2, $3) RETURNING "app_entrytag"."id";
-- params: [1, 1, '']
-- rows: 1
COMMIT;
-- step 8: create (a1 = Author.objects.create(name="a1", email="a1@e"))
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['a1', 'a1@e']
-- rows: 1
-- step 9: create (a2 = Author.objects.create(name="a2", email="a2@e"))
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['a2', 'a2@e']
-- rows: 1
-- step 10: bulk_create (Through = Entry.authors.through; Through.objects.bulk_create([Through(entry=entry, author=a1)]))
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") VALUES ($1, $2) RETURNING "app_entry_authors"."id";
-- params: [1, 1]
-- rows: 1
COMMIT;
-- step 11: bulk_create (Through.objects.bulk_create([Through(entry=entry, author=a1), Through(entry=entry, author=a2)], ignore_conflicts=True))
BEGIN;
INSERT INTO "app_entry_authors" ("entry_id", "author_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1], [1, 2]]
-- rows: 1
COMMIT;
