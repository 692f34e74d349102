-- step 1: create (Blog.objects.create(name="a"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id";
-- params: ['a', 'A!']
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 1);
-- rows: 1
-- step 2: save (b.name = "c"; b.save())
UPDATE "app_blog" SET "name" = $1, "tagline" = $2 WHERE "app_blog"."id" = $3;
-- params: ['c', 'C!', 1]
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 1);
-- rows: 1
-- step 3: save (b.save(update_fields=["name"]))
UPDATE "app_blog" SET "name" = $1 WHERE "app_blog"."id" = $2;
-- params: ['c', 1]
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 1);
-- rows: 1
-- step 4: save (Blog(id=99, name="x").save())
UPDATE "app_blog" SET "name" = $1, "tagline" = $2 WHERE "app_blog"."id" = $3;
-- params: ['x', 'X!', 99]
-- rows: 0
INSERT INTO "app_blog" ("id", "name", "tagline") VALUES ($1, $2, $3) RETURNING "app_blog"."id";
-- params: [99, 'x', 'X!']
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 99);
-- rows: 1
