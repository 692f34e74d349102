-- step 1: query (list(Entry.objects.exclude(blog__entry__rating=5).values_list("id", flat=True)))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT "app_entry"."id" AS "id" FROM "app_entry" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_entry" U2 WHERE (U2."rating" = $2 AND U2."blog_id" = ("app_entry"."blog_id")) LIMIT 1));
-- params: [1, 5]
-- rows: 2
-- step 2: query (list(Comment.objects.exclude(entry__authors__name="x").values_list("id", flat=True)))
SELECT "app_comment"."id" AS "id" FROM "app_comment" WHERE NOT (EXISTS(SELECT $1 AS "a" FROM "app_entry_authors" U2 INNER JOIN "app_author" U3 ON (U2."author_id" = U3."id") WHERE (U3."name" = $2 AND U2."entry_id" = ("app_comment"."entry_id")) LIMIT 1));
-- params: [1, 'x']
-- rows: 4
