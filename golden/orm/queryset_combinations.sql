-- step 1: query (Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food")).count())
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT COUNT(*) FROM ((SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $2)) subquery;
-- params: ['Tech', 'Food']
-- rows: 1
-- step 2: query (Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food")).exists())
(SELECT $1 AS "a" FROM "app_blog" WHERE "app_blog"."name" = $2) UNION (SELECT $3 AS "a" FROM "app_blog" WHERE "app_blog"."name" = $4) LIMIT 1;
-- params: [1, 'Tech', 1, 'Food']
-- rows: 1
-- step 3: query (list(Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food").union(Blog.objects.filter(id=3)))))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION ((SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $2) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."id" = $3));
-- params: ['Tech', 'Food', 3]
-- rows: 3
-- step 4: query (list(Blog.objects.filter(name="Tech").values("name").union(Blog.objects.values("name")).intersection(Blog.objects.values("name")).order_by("-name")[:2]))
((SELECT "app_blog"."name" AS "name" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION (SELECT "app_blog"."name" AS "name" FROM "app_blog")) INTERSECT (SELECT "app_blog"."name" AS "name" FROM "app_blog") ORDER BY 1 DESC LIMIT 2;
-- params: ['Tech']
-- rows: 2
-- step 5: query (Blog.objects.values("name").union(Blog.objects.values("name"), all=True)[:3].count())
SELECT COUNT(*) FROM ((SELECT "app_blog"."name" AS "name" FROM "app_blog") UNION ALL (SELECT "app_blog"."name" AS "name" FROM "app_blog") LIMIT 3) subquery;
-- rows: 1
-- step 6: query (Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food")).first())
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $2) ORDER BY "col1" ASC LIMIT 1;
-- params: ['Tech', 'Food']
-- rows: 1
-- step 7: query (Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food")).last())
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $2) ORDER BY "col1" DESC LIMIT 1;
-- params: ['Tech', 'Food']
-- rows: 1
-- step 8: query (Blog.objects.filter(name="Tech").union(Blog.objects.filter(id__in=[])).count())
SELECT COUNT(*) FROM ((SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1)) subquery;
-- params: ['Tech']
-- rows: 1
-- step 9: query (list(Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food")).order_by("-name", "pk")))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $2) ORDER BY "col2" DESC, "col1" ASC;
-- params: ['Tech', 'Food']
-- rows: 2
-- step 10: query (list(Blog.objects.values("name", "id").union(Blog.objects.values("name", "id")).order_by("-id")))
(SELECT "app_blog"."name" AS "name", "app_blog"."id" AS "id" FROM "app_blog") UNION (SELECT "app_blog"."name" AS "name", "app_blog"."id" AS "id" FROM "app_blog") ORDER BY 2 DESC;
-- rows: 3
-- step 11: query (Blog.objects.filter(name="Tech").intersection(Blog.objects.filter(name="Food")).exists())
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) INTERSECT (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $2) LIMIT 1;
-- params: ['Tech', 'Food']
-- rows: 0
-- step 12: query (Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food"))[1:3].exists())
(SELECT $1 AS "a" FROM "app_blog" WHERE "app_blog"."name" = $2) UNION (SELECT $3 AS "a" FROM "app_blog" WHERE "app_blog"."name" = $4) LIMIT 1 OFFSET 1;
-- params: [1, 'Tech', 1, 'Food']
-- rows: 0
-- step 13: query (list(Blog.objects.filter(name="Tech").union(Blog.objects.filter(id__in=[]))))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1);
-- params: ['Tech']
-- rows: 1
-- step 14: query (list(Blog.objects.filter(name="Tech").union(Blog.objects.filter(id__in=[]))[:1]))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE 0 = 1) LIMIT 1;
-- params: ['Tech']
-- rows: 1
-- step 17: query (list(Blog.objects.filter(name="Tech").difference(Blog.objects.filter(id__in=[]))))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1);
-- params: ['Tech']
-- rows: 1
-- step 18: query (Blog.objects.values_list("name", flat=True).union(Blog.objects.values_list("tagline", flat=True)).count())
SELECT COUNT(*) FROM ((SELECT "app_blog"."name" AS "name" FROM "app_blog") UNION (SELECT "app_blog"."tagline" AS "tagline" FROM "app_blog")) subquery;
-- rows: 1
-- step 19: query (Blog.objects.values("name").union(Blog.objects.values("name")).order_by("name").exists())
(SELECT $1 AS "a" FROM "app_blog") UNION (SELECT $2 AS "a" FROM "app_blog") LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- step 20: query (list(Blog.objects.order_by("name")[:1].union(Blog.objects.order_by("-name")[:1])))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" ORDER BY "app_blog"."name" ASC LIMIT 1) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" ORDER BY "app_blog"."name" DESC LIMIT 1);
-- rows: 2
-- step 21: query (Blog.objects.order_by("name")[:1].union(Blog.objects.order_by("-name")[:1]).exists())
(SELECT $1 AS "a" FROM "app_blog" LIMIT 1) UNION (SELECT $2 AS "a" FROM "app_blog" LIMIT 1) LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- step 22: query (list(Blog.objects.values("name").union(Blog.objects.all()).order_by("name")))
(SELECT "app_blog"."name" AS "name" FROM "app_blog") UNION (SELECT "app_blog"."name" AS "name" FROM "app_blog") ORDER BY 1 ASC;
-- rows: 3
