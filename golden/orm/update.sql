-- step 1: update (Blog.objects.filter(name="a").update(tagline="t"))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
UPDATE "app_blog" SET "tagline" = $1 WHERE "app_blog"."name" = $2;
-- params: ['t', 'a']
-- rows: 2
-- step 2: update (Blog.objects.filter(pk=3, name="b").update(name="n"))
UPDATE "app_blog" SET "name" = $1 WHERE ("app_blog"."name" = $2 AND "app_blog"."id" = $3);
-- params: ['n', 'b', 3]
-- rows: 1
-- step 3: update (Blog.objects.update(tagline=None))
UPDATE "app_blog" SET "tagline" = NULL;
-- rows: 3
