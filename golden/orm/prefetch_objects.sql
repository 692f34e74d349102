-- step 1: query (for b in Blog.objects.prefetch_related(Prefetch('entry_set', queryset=Entry.objects.filter(rating__gte=4).order_by('-pub_date'))): list(b.entry_set.all()))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog";
-- rows: 3
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."rating" >= $1 AND "app_entry"."blog_id" IN ($2, $3, $4)) ORDER BY "app_entry"."pub_date" DESC;
-- params: [4, 1, 2, 3]
-- rows: 4
-- step 2: query (for b in Blog.objects.prefetch_related(Prefetch('entry_set', queryset=Entry.objects.filter(rating__gte=4), to_attr='good')): b.good)
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog";
-- rows: 3
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."rating" >= $1 AND "app_entry"."blog_id" IN ($2, $3, $4));
-- params: [4, 1, 2, 3]
-- rows: 4
-- step 3: query (for b in Blog.objects.prefetch_related('entry_set__authors'): pass)
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog";
-- rows: 3
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."blog_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 5
SELECT ("app_entry_authors"."entry_id") AS "_prefetch_related_val_entry_id", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IN ($1, $2, $3, $4, $5);
-- params: [1, 2, 3, 4, 5]
-- rows: 7
-- step 4: query (for e in Entry.objects.prefetch_related('blog__entry_set'): pass)
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE ("app_blog"."id") IN (($1), ($2), ($3));
-- params: [1, 2, 3]
-- rows: 3
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."blog_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 5
-- step 5: query (for b in Blog.objects.prefetch_related('entry_set', 'entry_set__authors'): [e.authors.all() for e in b.entry_set.all()])
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog";
-- rows: 3
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."blog_id" IN ($1, $2, $3);
-- params: [1, 2, 3]
-- rows: 5
SELECT ("app_entry_authors"."entry_id") AS "_prefetch_related_val_entry_id", "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") WHERE "app_entry_authors"."entry_id" IN ($1, $2, $3, $4, $5);
-- params: [1, 2, 3, 4, 5]
-- rows: 7
