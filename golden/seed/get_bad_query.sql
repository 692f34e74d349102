-- step 1: query (Entry.objects.filter(pub_date__year=2024).count())
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT COUNT(*) AS "__count" FROM "app_entry" WHERE "app_entry"."pub_date" BETWEEN $1 AND $2;
-- params: ['2024-01-01', '2024-12-31']
-- rows: 1
-- step 2: query (Entry.objects.filter(pub_date__year=2024).explain())
EXPLAIN SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."pub_date" BETWEEN $1 AND $2;
-- params: ['2024-01-01', '2024-12-31']
-- rows: 2
-- | Index Scan using entry_pub_date on app_entry  (cost=[COST] rows=370 width=51)
-- |   Index Cond: ((pub_date >= '2024-01-01'::date) AND (pub_date <= '2024-12-31'::date))
-- step 3: query (Entry.objects.filter(pub_date__gte=date(2024, 1, 1), pub_date__lt=date(2025, 1, 1)).count())
SELECT COUNT(*) AS "__count" FROM "app_entry" WHERE ("app_entry"."pub_date" >= $1 AND "app_entry"."pub_date" < $2);
-- params: ['2024-01-01', '2025-01-01']
-- rows: 1
-- step 4: query (Entry.objects.filter(pub_date__gte=date(2024, 1, 1), pub_date__lt=date(2025, 1, 1)).explain())
EXPLAIN SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."pub_date" >= $1 AND "app_entry"."pub_date" < $2);
-- params: ['2024-01-01', '2025-01-01']
-- rows: 2
-- | Index Scan using entry_pub_date on app_entry  (cost=[COST] rows=370 width=51)
-- |   Index Cond: ((pub_date >= '2024-01-01'::date) AND (pub_date < '2025-01-01'::date))
-- step 5: query (Entry.objects.filter(blog__name="Tech").count())
SELECT COUNT(*) AS "__count" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1;
-- params: ['Tech']
-- rows: 1
-- step 6: query (Entry.objects.filter(blog__name="Tech").explain())
EXPLAIN SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1;
-- params: ['Tech']
-- rows: 6
-- | Hash Join  (cost=[COST] rows=668 width=51)
-- |   Hash Cond: (app_entry.blog_id = app_blog.id)
-- |   ->  Seq Scan on app_entry  (cost=[COST] rows=2005 width=51)
-- |   ->  Hash  (cost=[COST] rows=1 width=8)
-- |         ->  Seq Scan on app_blog  (cost=[COST] rows=1 width=8)
-- |               Filter: ((name)::text = 'Tech'::text)
-- step 7: query (Entry.objects.filter(blog_id=1).count())
SELECT COUNT(*) AS "__count" FROM "app_entry" WHERE "app_entry"."blog_id" = $1;
-- params: [1]
-- rows: 1
-- step 8: query (Entry.objects.filter(blog_id=1).explain())
EXPLAIN SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."blog_id" = $1;
-- params: [1]
-- rows: 2
-- | Seq Scan on app_entry  (cost=[COST] rows=668 width=51)
-- |   Filter: (blog_id = '1'::bigint)
