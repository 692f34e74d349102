-- step 1: sql
INSERT INTO event (what) VALUES ('deploy') RETURNING id, at, what;
-- rows: 1
-- | [UUID] | [TIMESTAMP] | deploy
-- step 2: sql
INSERT INTO event (id, what) SELECT gen_random_uuid(), 'deploy';
-- error: 23505: duplicate key value violates unique constraint "event_what_key"
-- detail: Key (what)=(deploy) already exists.
-- step 3: sql
SELECT 'PostgreSQL ' || current_setting('server_version');
-- rows: 1
-- | PostgreSQL [VERSION]
