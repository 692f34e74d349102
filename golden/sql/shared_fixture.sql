-- step 1: sql
SELECT n.title FROM note n JOIN notebook b ON b.id = n.notebook_id WHERE b.name = $1 ORDER BY n.id;
-- params: ['inbox']
-- rows: 2
-- step 2: sql
DELETE FROM notebook WHERE name = 'inbox';
-- rows: 1
