-- step 1: query (Entry.objects.in_bulk([1, 2]))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" IN ($1, $2);
-- params: [1, 2]
-- rows: 2
-- step 2: query (Blog.objects.in_bulk())
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog";
-- rows: 3
-- step 3: query (Blog.objects.in_bulk(["Tech"], field_name="name"))
-- raised ValueError: in_bulk()'s field_name must be a unique field but 'name' isn't.
-- step 5: query (Blog.objects.all()[:2].count())
SELECT COUNT(*) FROM (SELECT "app_blog"."id" AS "col1" FROM "app_blog" LIMIT 2) subquery;
-- rows: 1
-- step 6: query (Entry.objects.filter(authors__name="Ann").distinct().count())
SELECT COUNT(*) FROM (SELECT DISTINCT "app_entry"."id" AS "col1", "app_entry"."blog_id" AS "col2", "app_entry"."headline" AS "col3", "app_entry"."body_text" AS "col4", "app_entry"."pub_date" AS "col5", "app_entry"."mod_date" AS "col6", "app_entry"."number_of_comments" AS "col7", "app_entry"."number_of_pingbacks" AS "col8", "app_entry"."rating" AS "col9" FROM "app_entry" INNER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") INNER JOIN "app_author" ON ("app_entry_authors"."author_id" = "app_author"."id") WHERE "app_author"."name" = $1) subquery;
-- params: ['Ann']
-- rows: 1
-- step 7: query (Author.objects.annotate(n=Count("entry")).filter(n__gt=1).count())
SELECT COUNT(*) FROM (SELECT "app_author"."id" AS "col1" FROM "app_author" LEFT OUTER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") GROUP BY 1 HAVING COUNT("app_entry_authors"."entry_id") > $1) subquery;
-- params: [1]
-- rows: 1
-- step 8: query (Blog.objects.order_by("-name")[1:3].count())
SELECT COUNT(*) FROM (SELECT "app_blog"."id" AS "col1" FROM "app_blog" ORDER BY "app_blog"."name" DESC LIMIT 2 OFFSET 1) subquery;
-- rows: 1
-- step 9: query (list(Blog.objects.select_for_update()))
-- raised TransactionManagementError: select_for_update cannot be used outside of a transaction.
-- step 10: query (with transaction.atomic(): list(Blog.objects.select_for_update(nowait=True).filter(id=1)))
BEGIN;
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 FOR UPDATE NOWAIT;
-- params: [1]
-- rows: 1
COMMIT;
-- step 11: query (with transaction.atomic(): list(Entry.objects.select_related('blog').select_for_update(skip_locked=True, of=('self',)).filter(id=1)))
BEGIN;
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating", "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_entry"."id" = $1 FOR UPDATE OF "app_entry" SKIP LOCKED;
-- params: [1]
-- rows: 1
COMMIT;
-- step 12: query (with transaction.atomic(): list(Blog.objects.select_for_update(no_key=True)))
BEGIN;
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" FOR NO KEY UPDATE;
-- rows: 3
COMMIT;
-- step 13: query (Blog.objects.select_for_update(nowait=True, skip_locked=True))
-- raised ValueError: The nowait option cannot be used with skip_locked.
-- step 14: query (for b in Blog.objects.iterator(chunk_size=2): pass)
DECLARE "_django_curs_1_sync_1" NO SCROLL CURSOR WITH HOLD FOR SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog";
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 2
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 1
FETCH FORWARD 2 FROM "_django_curs_1_sync_1";
-- rows: 0
CLOSE "_django_curs_1_sync_1";
-- step 15: query (for e in Entry.objects.prefetch_related('authors').iterator(chunk_size=2): pass)
DECLARE "_django_curs_1_sync_2" NO SCROLL CURSOR WITH HOLD FOR SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
FETCH FORWARD 2 FROM "_django_curs_1_sync_2";
-- rows: 2
SELECT ("app_entry_authors"."entry_id") AS "_prefetch_related_val_entry_id", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IN ($1, $2);
-- params: [1, 2]
-- rows: 3
FETCH FORWARD 2 FROM "_django_curs_1_sync_2";
-- rows: 2
SELECT ("app_entry_authors"."entry_id") AS "_prefetch_related_val_entry_id", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IN ($1, $2);
-- params: [3, 4]
-- rows: 3
FETCH FORWARD 2 FROM "_django_curs_1_sync_2";
-- rows: 1
FETCH FORWARD 2 FROM "_django_curs_1_sync_2";
-- rows: 0
CLOSE "_django_curs_1_sync_2";
SELECT ("app_entry_authors"."entry_id") AS "_prefetch_related_val_entry_id", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IN ($1);
-- params: [5]
-- rows: 1
-- step 16: query (for e in Entry.objects.filter(rating__gte=4).iterator(chunk_size=2): e.blog)
DECLARE "_django_curs_1_sync_3" NO SCROLL CURSOR WITH HOLD FOR SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."rating" >= $1;
-- params: [4]
FETCH FORWARD 2 FROM "_django_curs_1_sync_3";
-- rows: 2
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
FETCH FORWARD 2 FROM "_django_curs_1_sync_3";
-- rows: 2
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
FETCH FORWARD 2 FROM "_django_curs_1_sync_3";
-- rows: 0
CLOSE "_django_curs_1_sync_3";
-- step 17: query (with transaction.atomic(): for n in Blog.objects.values_list('name', flat=True).iterator(): pass)
BEGIN;
DECLARE "_django_curs_1_sync_4" NO SCROLL CURSOR FOR SELECT "app_blog"."name" AS "name" FROM "app_blog";
FETCH FORWARD 2000 FROM "_django_curs_1_sync_4";
-- rows: 3
FETCH FORWARD 2000 FROM "_django_curs_1_sync_4";
-- rows: 0
CLOSE "_django_curs_1_sync_4";
COMMIT;
-- step 18: query (list(Blog.objects.filter(name="Tech").union(Blog.objects.filter(name="Food"))))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $2);
-- params: ['Tech', 'Food']
-- rows: 2
-- step 19: query (list(Blog.objects.filter(name="Tech").values("name").union(Blog.objects.values("name"), all=True).order_by("name")))
(SELECT "app_blog"."name" AS "name" FROM "app_blog" WHERE "app_blog"."name" = $1) UNION ALL (SELECT "app_blog"."name" AS "name" FROM "app_blog") ORDER BY 1 ASC;
-- params: ['Tech']
-- rows: 4
-- step 20: query (list(Blog.objects.filter(id__gte=1).intersection(Blog.objects.filter(id__lte=2))))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."id" >= $1) INTERSECT (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."id" <= $2);
-- params: [1, 2]
-- rows: 2
-- step 21: query (list(Blog.objects.difference(Blog.objects.filter(name="Tech"))[:2]))
(SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog") EXCEPT (SELECT "app_blog"."id" AS "col1", "app_blog"."name" AS "col2", "app_blog"."tagline" AS "col3" FROM "app_blog" WHERE "app_blog"."name" = $1) LIMIT 2;
-- params: ['Tech']
-- rows: 2
-- step 22: query (Blog.objects.all()[0:5].first() raises TypeError (first() orders by pk, and a sliced queryset cannot be reordered))
-- raised TypeError: Cannot reorder a query once a slice has been taken.
-- step 23: query (Blog.objects.order_by("name")[0:5].first())
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" ORDER BY "app_blog"."name" ASC LIMIT 1;
-- rows: 1
-- step 25: query (Blog.objects.all()[:2].filter(name="x") raises TypeError)
-- raised TypeError: Cannot filter a query once a slice has been taken.
-- step 26: query (Blog.objects.order_by("name")[1:3].last() raises TypeError)
-- raised TypeError: Cannot reverse a query once a slice has been taken.
-- step 27: query (Blog.objects.all()[1:3].get() raises MultipleObjectsReturned)
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" LIMIT 2 OFFSET 1;
-- rows: 2
-- raised MultipleObjectsReturned: get() returned more than one Blog -- it returned 2!
