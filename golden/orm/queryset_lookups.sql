-- step 1: query (list(Entry.objects.all()))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
-- step 2: query (list(Entry.objects.filter(headline="Rust", rating__gte=3)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."headline" = $1 AND "app_entry"."rating" >= $2);
-- params: ['Rust', 3]
-- rows: 0
-- step 3: query (list(Entry.objects.filter(headline__icontains="ru", headline__startswith="R", rating__in=[4, 5], rating__range=(1, 9), number_of_comments__gt=0, body_text__isnull=False)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE ("app_entry"."body_text" IS NOT NULL AND UPPER("app_entry"."headline"::text) LIKE UPPER($1) AND "app_entry"."headline"::text LIKE $2 AND "app_entry"."number_of_comments" > $3 AND "app_entry"."rating" IN ($4, $5) AND "app_entry"."rating" BETWEEN $6 AND $7);
-- params: ['%ru%', 'R%', 0, 4, 5, 1, 9]
-- rows: 1
-- step 5: query (list(Entry.objects.exclude(rating__lt=3).filter(Q(headline__iexact="rust") | ~Q(rating=2))))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE (NOT ("app_entry"."rating" < $1) AND (UPPER("app_entry"."headline"::text) = UPPER($2) OR NOT ("app_entry"."rating" = $3)));
-- params: [3, 'rust', 2]
-- rows: 4
-- step 6: query (list(Entry.objects.order_by("-pub_date", "id")[1:3]))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" ORDER BY "app_entry"."pub_date" DESC, "app_entry"."id" ASC LIMIT 2 OFFSET 1;
-- rows: 2
-- step 7: query (Entry.objects.filter(rating__gt=1).count())
SELECT COUNT(*) AS "__count" FROM "app_entry" WHERE "app_entry"."rating" > $1;
-- params: [1]
-- rows: 1
-- step 8: query (Entry.objects.filter(rating__gt=1).exists())
SELECT $1 AS "a" FROM "app_entry" WHERE "app_entry"."rating" > $2 LIMIT 1;
-- params: [1, 1]
-- rows: 1
-- step 9: query ((Entry.objects.first(), Entry.objects.order_by("headline").last()) (1 of 2))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" ORDER BY "app_entry"."id" ASC LIMIT 1;
-- rows: 1
-- step 10: query ((Entry.objects.first(), Entry.objects.order_by("headline").last()) (2 of 2))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" ORDER BY "app_entry"."headline" DESC LIMIT 1;
-- rows: 1
-- step 11: query (Entry.objects.get(pk=1))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
-- step 12: query ((list(Entry.objects.values("headline", "rating")), list(Entry.objects.values_list("headline", flat=True)), list(Entry.objects.values_list("id", "headline", named=True))) (1 of 3))
SELECT "app_entry"."headline" AS "headline", "app_entry"."rating" AS "rating" FROM "app_entry";
-- rows: 5
-- step 13: query ((list(Entry.objects.values("headline", "rating")), list(Entry.objects.values_list("headline", flat=True)), list(Entry.objects.values_list("id", "headline", named=True))) (2 of 3))
SELECT "app_entry"."headline" AS "headline" FROM "app_entry";
-- rows: 5
-- step 14: query ((list(Entry.objects.values("headline", "rating")), list(Entry.objects.values_list("headline", flat=True)), list(Entry.objects.values_list("id", "headline", named=True))) (3 of 3))
SELECT "app_entry"."id" AS "id", "app_entry"."headline" AS "headline" FROM "app_entry";
-- rows: 5
-- step 15: query ((list(Entry.objects.only("headline")), list(Entry.objects.defer("body_text"))) (1 of 2))
SELECT "app_entry"."id", "app_entry"."headline" FROM "app_entry";
-- rows: 5
-- step 16: query ((list(Entry.objects.only("headline")), list(Entry.objects.defer("body_text"))) (2 of 2))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry";
-- rows: 5
-- step 17: query (list(Entry.objects.filter(pub_date__year=2024, pub_date__month=1)))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE (EXTRACT(MONTH FROM "app_entry"."pub_date") = $1 AND "app_entry"."pub_date" BETWEEN $2 AND $3);
-- params: [1, '2024-01-01', '2024-12-31']
-- rows: 1
-- step 18: query (list(Comment.objects.filter(created__year=2024, created__date="2024-01-11", created__hour=10)))
SELECT "app_comment"."id", "app_comment"."entry_id", "app_comment"."author_id", "app_comment"."text", "app_comment"."created" FROM "app_comment" WHERE (("app_comment"."created" AT TIME ZONE $1)::date = $2 AND EXTRACT(HOUR FROM "app_comment"."created" AT TIME ZONE $3) = $4 AND "app_comment"."created" BETWEEN $5 AND $6);
-- params: ['UTC', '2024-01-11', 'UTC', 10, '2024-01-01 00:00:00+00:00', '2024-12-31 23:59:59.999999+00:00']
-- rows: 1
-- step 19: query (list(Entry.objects.filter(headline__regex=r"^R", headline__iendswith="ST")))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE (UPPER("app_entry"."headline"::text) LIKE UPPER($1) AND "app_entry"."headline"::text ~ $2);
-- params: ['%ST', '^R']
-- rows: 0
