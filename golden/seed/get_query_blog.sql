-- step 1: query (list(Blog.objects.all()))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog";
-- rows: 3
-- step 2: query (list(Blog.objects.filter(name="Tech")))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."name" = $1;
-- params: ['Tech']
-- rows: 1
-- step 3: query (Blog.objects.get(pk=1))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 4: query (list(Blog.objects.filter(name__startswith="T").order_by("-name")))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."name"::text LIKE $1 ORDER BY "app_blog"."name" DESC;
-- params: ['T%']
-- rows: 2
-- step 5: query (Blog.objects.first())
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" ORDER BY "app_blog"."id" ASC LIMIT 1;
-- rows: 1
-- step 6: query (Blog.objects.get(name="Nope"))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."name" = $1 LIMIT 21;
-- params: ['Nope']
-- rows: 0
-- raised DoesNotExist: Blog matching query does not exist.
