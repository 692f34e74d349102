-- step 2: sql
UPDATE note SET title = 'final', body = 'done' WHERE id = 1;
-- rows: 1
