-- step 1: create (Blog.objects.create(name="a"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id";
-- params: ['a', 'A!']
-- rows: 1
INSERT INTO app_audit (model, object_id) VALUES ('blog', 1);
-- rows: 1
-- step 2: bulk_create (Blog.objects.bulk_create([Blog(name="b"), Blog(name="c")]))
BEGIN;
INSERT INTO "app_blog" ("name", "tagline") SELECT * FROM UNNEST(($1)::varchar[], ($2)::text[]) RETURNING "app_blog"."id";
-- params: [['b', 'c'], [NULL, NULL]]
-- rows: 2
COMMIT;
