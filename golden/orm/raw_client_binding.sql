-- step 1: raw (list(Entry.objects.raw("SELECT * FROM app_entry WHERE (%s IS NULL OR rating = 4) ORDER BY id", [None])))
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
SELECT * FROM app_entry WHERE ($1 IS NULL OR rating = 4) ORDER BY id;
-- params: [NULL]
-- rows: 5
-- step 2: cursor (c.execute("SELECT %s IS NULL, %s", [None, 1]))
SELECT $1 IS NULL, $2;
-- params: [NULL, 1]
-- rows: 1
-- step 3: cursor (c.execute("UPDATE app_blog SET tagline = COALESCE(%s, tagline) WHERE id = %s", [None, 1]))
UPDATE app_blog SET tagline = COALESCE($1, tagline) WHERE id = $2;
-- params: [NULL, 1]
-- rows: 1
-- step 4: cursor (c.execute("UPDATE app_blog SET tagline = 'a' WHERE id = 1; UPDATE app_blog SET tagline = 'b' WHERE id = 2"))
UPDATE app_blog SET tagline = 'a' WHERE id = 1; UPDATE app_blog SET tagline = 'b' WHERE id = 2;
-- rows: 1
-- step 5: cursor (c.execute("UPDATE app_blog SET tagline = %s WHERE id = 1; UPDATE app_blog SET tagline = %s WHERE id = 2", ["it's", None]))
UPDATE app_blog SET tagline = $1 WHERE id = 1; UPDATE app_blog SET tagline = COALESCE($2, tagline) WHERE id = 2;
-- params: ['it''s', NULL]
-- rows: 1
