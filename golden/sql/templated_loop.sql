-- step 1: sql
INSERT INTO note (notebook_id, title) VALUES (1, 'note 1');
-- rows: 1
INSERT INTO note (notebook_id, title) VALUES (1, 'note 2');
-- rows: 1
INSERT INTO note (notebook_id, title) VALUES (1, 'note 3');
-- rows: 1
