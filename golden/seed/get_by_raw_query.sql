-- step 1: raw (list(Blog.objects.raw("SELECT * FROM app_blog WHERE name = %s", ["Tech"])))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT * FROM app_blog WHERE name = $1;
-- params: ['Tech']
-- rows: 1
-- step 2: raw (for b in Blog.objects.raw('SELECT id, name FROM app_blog ORDER BY id'): b.tagline)
SELECT id, name FROM app_blog ORDER BY id;
-- rows: 3
SELECT "app_blog"."id", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
SELECT "app_blog"."id", "app_blog"."tagline" FROM "app_blog" WHERE "app_blog"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
-- step 3: raw (Author.objects.raw(..., translations={"pk2": "id", "nm": "name"}))
SELECT id AS pk2, name AS nm, upper(email) AS shout FROM app_author ORDER BY id;
-- rows: 4
SELECT "app_author"."id", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [1]
-- rows: 1
SELECT "app_author"."id", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [2]
-- rows: 1
SELECT "app_author"."id", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [3]
-- rows: 1
SELECT "app_author"."id", "app_author"."email" FROM "app_author" WHERE "app_author"."id" = $1 LIMIT 21;
-- params: [4]
-- rows: 1
-- step 4: raw (named parameters)
SELECT * FROM app_blog WHERE id > $1 AND name LIKE 'T%';
-- params: [1]
-- rows: 1
-- step 5: raw (a raw query without the primary key)
SELECT name FROM app_blog;
-- rows: 3
-- raised FieldDoesNotExist: Raw query must include the primary key
-- step 6: cursor (cursor.execute("SELECT name FROM app_blog WHERE id = %s", [1]); cursor.fetchall())
SELECT name FROM app_blog WHERE id = $1;
-- params: [1]
-- rows: 1
-- step 7: cursor (cursor.execute("UPDATE app_blog SET tagline = %s WHERE id = %s", ["x", 1]); cursor.rowcount)
UPDATE app_blog SET tagline = $1 WHERE id = $2;
-- params: ['x', 1]
-- rows: 1
