-- step 1: update (Entry.objects.update(rating=Case(When(rating__gte=4, then=Value(5)), default=F("rating"))))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
UPDATE "app_entry" SET "rating" = CASE WHEN ("app_entry"."rating" >= $1) THEN $2 ELSE "app_entry"."rating" END;
-- params: [4, 5]
-- rows: 5
-- step 2: update (Entry.objects.update(number_of_comments=Case(When(Q(rating=5) | Q(number_of_pingbacks__gt=F("number_of_comments")), then=Value(1)), default=F("number_of_comments"))))
UPDATE "app_entry" SET "number_of_comments" = CASE WHEN ("app_entry"."rating" = $1 OR "app_entry"."number_of_pingbacks" > ("app_entry"."number_of_comments")) THEN $2 ELSE "app_entry"."number_of_comments" END;
-- params: [5, 1]
-- rows: 5
-- step 3: update (Entry.objects.filter(pk__in=[1, 2]).update(rating=Case(When(~Q(rating=5), then=Value(3)), default=Value(4))))
UPDATE "app_entry" SET "rating" = CASE WHEN NOT ("app_entry"."rating" = $1) THEN $2 ELSE $3 END WHERE "app_entry"."id" IN ($4, $5);
-- params: [5, 3, 4, 1, 2]
-- rows: 2
-- step 4: update (Entry.objects.update(number_of_pingbacks=Case(When(Exists(Comment.objects.filter(entry=OuterRef("pk"))), then=Value(2)), default=Value(0))))
UPDATE "app_entry" SET "number_of_pingbacks" = CASE WHEN EXISTS(SELECT $1 AS "a" FROM "app_comment" U0 WHERE U0."entry_id" = ("app_entry"."id") LIMIT 1) THEN $2 ELSE $3 END;
-- params: [1, 2, 0]
-- rows: 5
-- step 5: update (Entry.objects.filter(pk=5).update(rating=F("blog__id")))
UPDATE "app_entry" SET "rating" = "app_entry"."blog_id" WHERE "app_entry"."id" = $1;
-- params: [5]
-- rows: 1
-- step 6: update (Entry.objects.update(headline=F("blog__name")) raises FieldError)
-- raised FieldError: Joined field references are not permitted in this query
-- step 7: update (Entry.objects.filter(rating=5).update(rating=Case(When(blog__name="Tech", then=Value(1)), default=Value(2))) raises FieldError)
-- raised FieldError: Joined field references are not permitted in this query
-- step 8: update (Entry.objects.update(rating=Case(When(blog__id=1, then=Value(1)), default=Value(2))) raises FieldError)
-- raised FieldError: Joined field references are not permitted in this query
-- step 9: update (Entry.objects.update(rating=Case(When(authors__name="x", then=Value(1)), default=Value(2))) raises FieldError)
-- raised FieldError: Joined field references are not permitted in this query
-- step 10: bulk_update (e1.rating = Case(When(number_of_comments__gte=1, then=Value(9)), default=Value(1)); e2.rating = Coalesce(F("number_of_pingbacks"), 0); Entry.objects.bulk_update([e1, e2], ["rating"]))
BEGIN;
UPDATE "app_entry" SET "rating" = (CASE WHEN ("app_entry"."id" = $1) THEN CASE WHEN ("app_entry"."number_of_comments" >= $2) THEN $3 ELSE $4 END WHEN ("app_entry"."id" = $5) THEN COALESCE("app_entry"."number_of_pingbacks", $6) ELSE NULL END)::integer WHERE "app_entry"."id" IN ($7, $8);
-- params: [1, 1, 9, 1, 2, 0, 1, 2]
-- rows: 2
COMMIT;
-- step 11: get (e3 = Entry.objects.get(pk=3))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" WHERE "app_entry"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
-- step 12: save (e3.rating = Case(When(rating__gte=4, then=Value(5)), default=Value(0)); e3.save(update_fields=["rating"]))
UPDATE "app_entry" SET "rating" = CASE WHEN ("app_entry"."rating" >= $1) THEN $2 ELSE $3 END WHERE "app_entry"."id" = $4;
-- params: [4, 5, 0, 3]
-- rows: 1
-- step 13: query (Entry.objects.annotate(k=Case(When(Q(rating=5) | Q(blog__name="Food"), then=Value(True)), default=Value(False), output_field=BooleanField())).filter(k=True))
SELECT "app_entry"."id" AS "id" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE CASE WHEN ("app_entry"."rating" = $1 OR "app_blog"."name" = $2) THEN $3 ELSE $4 END;
-- params: [5, 'Food', true, false]
-- rows: 2
-- step 14: query (Entry.objects.annotate(k=Case(When(Q(rating=5) | Q(rating=2), then=Value(1)), default=Value(0))).order_by("k", "id") (k not selected))
SELECT "app_entry"."id" AS "id" FROM "app_entry" ORDER BY CASE WHEN ("app_entry"."rating" = $1 OR "app_entry"."rating" = $2) THEN $3 ELSE $4 END ASC, 1 ASC;
-- params: [5, 2, 1, 0]
-- rows: 5
-- step 15: query (Entry.objects.annotate(n=Count("comments", filter=Q(comments__text__contains="a") | Q(comments__author__isnull=True))).filter(n__gte=1))
SELECT "app_entry"."id" AS "id" FROM "app_entry" LEFT OUTER JOIN "app_comment" ON ("app_entry"."id" = "app_comment"."entry_id") GROUP BY 1 HAVING COUNT("app_comment"."id") FILTER (WHERE ("app_comment"."text"::text LIKE $1 OR "app_comment"."author_id" IS NULL)) >= $2;
-- params: ['%a%', 1]
-- rows: 2
-- step 16: query (Entry.objects.annotate(k=Case(When(Exists(Comment.objects.filter(entry=OuterRef("pk"))), then=Value(1)), default=Value(0))).filter(k=1))
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE CASE WHEN EXISTS(SELECT $1 AS "a" FROM "app_comment" U0 WHERE U0."entry_id" = ("app_entry"."id") LIMIT 1) THEN $2 ELSE $3 END = $4;
-- params: [1, 1, 0, 1]
-- rows: 3
