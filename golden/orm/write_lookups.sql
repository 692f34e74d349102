-- step 1: update (Entry.objects.filter(rating__gte=4, pub_date__year=2024).update(number_of_pingbacks=9))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
UPDATE "app_entry" SET "number_of_pingbacks" = $1 WHERE ("app_entry"."pub_date" BETWEEN $2 AND $3 AND "app_entry"."rating" >= $4);
-- params: [9, '2024-01-01', '2024-12-31', 4]
-- rows: 3
-- step 2: update (Entry.objects.filter(Q(rating__lt=3) | Q(headline__startswith="Pasta")).update(rating=3))
UPDATE "app_entry" SET "rating" = $1 WHERE ("app_entry"."rating" < $2 OR "app_entry"."headline"::text LIKE $3);
-- params: [3, 3, 'Pasta%']
-- rows: 2
-- step 3: get (Blog.objects.get(name__iexact="tech"))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" WHERE UPPER("app_blog"."name"::text) = UPPER($1) LIMIT 21;
-- params: ['tech']
-- rows: 1
-- step 4: get_or_create (Author.objects.get_or_create(name__iexact="ann", defaults={"email": "a@x.org"}))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE UPPER("app_author"."name"::text) = UPPER($1) LIMIT 21;
-- params: ['ann']
-- rows: 1
-- step 5: get_or_create (Author.objects.get_or_create(name__iexact="eve", defaults={"email": "eve@x.org"}))
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" WHERE UPPER("app_author"."name"::text) = UPPER($1) LIMIT 21;
-- params: ['eve']
-- rows: 0
BEGIN;
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['', 'eve@x.org']
-- rows: 1
COMMIT;
-- step 6: delete (Comment.objects.filter(created__year=2023).delete())
BEGIN;
DELETE FROM "app_comment" WHERE "app_comment"."created" BETWEEN $1 AND $2;
-- params: ['2023-01-01 00:00:00+00:00', '2023-12-31 23:59:59.999999+00:00']
-- rows: 1
COMMIT;
-- step 9: update (Entry.objects.filter(pk=1).update(rating=F("rating") + 1))
UPDATE "app_entry" SET "rating" = ("app_entry"."rating" + $1) WHERE "app_entry"."id" = $2;
-- params: [1, 1]
-- rows: 1
-- step 10: update (Entry.objects.filter(blog__name="Tech").update(number_of_comments=F("number_of_pingbacks") * 2, headline=Upper("headline")))
UPDATE "app_entry" SET "number_of_comments" = ("app_entry"."number_of_pingbacks" * $1), "headline" = UPPER("app_entry"."headline") WHERE "app_entry"."id" IN (SELECT U0."id" FROM "app_entry" U0 INNER JOIN "app_blog" U1 ON (U0."blog_id" = U1."id") WHERE U1."name" = $2);
-- params: [2, 'Tech']
-- rows: 2
-- step 11: update (Blog.objects.update(tagline=Concat("name", Value("!"))))
UPDATE "app_blog" SET "tagline" = (COALESCE("app_blog"."name", $1) || COALESCE($2, $3));
-- params: ['', '!', '']
-- rows: 3
-- step 12: get (Blog.objects.get(entry__headline="Kyoto"))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" INNER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") WHERE "app_entry"."headline" = $1 LIMIT 21;
-- params: ['Kyoto']
-- rows: 1
-- step 13: get (Blog.objects.get(entry__rating=5))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" INNER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") WHERE "app_entry"."rating" = $1 LIMIT 21;
-- params: [5]
-- rows: 2
-- raised MultipleObjectsReturned: get() returned more than one Blog -- it returned 2!
-- step 14: delete (Comment.objects.filter(entry__blog__name="Tech").delete())
BEGIN;
DELETE FROM "app_comment" WHERE "app_comment"."id" IN (SELECT U0."id" FROM "app_comment" U0 INNER JOIN "app_entry" U1 ON (U0."entry_id" = U1."id") INNER JOIN "app_blog" U2 ON (U1."blog_id" = U2."id") WHERE U2."name" = $1);
-- params: ['Tech']
-- rows: 2
COMMIT;
-- step 15: delete (Entry.objects.filter(blog__name="Travel").delete())
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1;
-- params: ['Travel']
-- rows: 1
BEGIN;
DELETE FROM "app_entry_authors" WHERE "app_entry_authors"."entry_id" IN ($1);
-- params: [5]
-- rows: 1
DELETE FROM "app_comment" WHERE "app_comment"."entry_id" IN ($1);
-- params: [5]
-- rows: 1
DELETE FROM "app_entry" WHERE "app_entry"."id" IN ($1);
-- params: [5]
-- rows: 1
COMMIT;
-- step 16: get_or_create (Blog.objects.get_or_create(entry__headline="Risotto", defaults={"tagline": "x"}))
SELECT "app_blog"."id", "app_blog"."name", "app_blog"."tagline" FROM "app_blog" INNER JOIN "app_entry" ON ("app_blog"."id" = "app_entry"."blog_id") WHERE "app_entry"."headline" = $1 LIMIT 21;
-- params: ['Risotto']
-- rows: 1
-- step 17: get_or_create (Entry.objects.get_or_create(blog__name="Food", headline="Soup", defaults={...}))
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE ("app_blog"."name" = $1 AND "app_entry"."headline" = $2) LIMIT 21;
-- params: ['Food', 'Soup']
-- rows: 0
BEGIN;
INSERT INTO "app_entry" ("blog_id", "headline", "body_text", "pub_date", "mod_date", "number_of_comments", "number_of_pingbacks", "rating") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "app_entry"."id";
-- params: [2, 'Soup', 'Hot', '2024-06-01', '2025-01-01', 0, 0, 5]
-- rows: 1
COMMIT;
-- step 18: update_or_create (Entry.objects.update_or_create(blog__name="Tech", headline="GO CHANNELS", defaults={"rating": 1}))
BEGIN;
SELECT "app_entry"."id", "app_entry"."blog_id", "app_entry"."headline", "app_entry"."body_text", "app_entry"."pub_date", "app_entry"."mod_date", "app_entry"."number_of_comments", "app_entry"."number_of_pingbacks", "app_entry"."rating" FROM "app_entry" INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE ("app_blog"."name" = $1 AND "app_entry"."headline" = $2) LIMIT 21 FOR UPDATE;
-- params: ['Tech', 'GO CHANNELS']
-- rows: 1
UPDATE "app_entry" SET "pub_date" = $1, "mod_date" = $2, "rating" = $3 WHERE "app_entry"."id" = $4;
-- params: ['2024-02-10', '2025-01-01', 1, 2]
-- rows: 1
COMMIT;
-- step 19: update_or_create (Author.objects.update_or_create(entry__blog__name="Travel", defaults={"name": "Zed"}))
BEGIN;
SELECT "app_author"."id", "app_author"."name", "app_author"."email" FROM "app_author" INNER JOIN "app_entry_authors" ON ("app_author"."id" = "app_entry_authors"."author_id") INNER JOIN "app_entry" ON ("app_entry_authors"."entry_id" = "app_entry"."id") INNER JOIN "app_blog" ON ("app_entry"."blog_id" = "app_blog"."id") WHERE "app_blog"."name" = $1 LIMIT 21 FOR UPDATE;
-- params: ['Travel']
-- rows: 0
SAVEPOINT "s1_x1";
INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) RETURNING "app_author"."id";
-- params: ['Zed', '']
-- rows: 1
RELEASE SAVEPOINT "s1_x1";
COMMIT;
