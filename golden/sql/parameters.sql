-- step 1: sql (text, numeric, array and JSON parameters)
INSERT INTO product (name, price, tags, attrs) VALUES ($1, $2, $3, $4) RETURNING id, price;
-- params: ['kettle', '24.90', ['kitchen', 'electric appliance'], '{"watts":2200}']
-- rows: 1
-- step 2: sql (a NULL parameter)
INSERT INTO product (name, price, attrs) VALUES ($1, $2, $3) RETURNING id;
-- params: ['teapot', 12, NULL]
-- rows: 1
-- step 3: sql (the same statement filters by several parameters)
SELECT name, tags FROM product WHERE price < $1 AND NOT discontinued ORDER BY id;
-- params: [100]
-- rows: 2
-- step 4: sql
UPDATE product SET discontinued = $1 WHERE attrs ->> 'watts' = $2;
-- params: [true, '2200']
-- rows: 1
