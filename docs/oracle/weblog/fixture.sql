INSERT INTO app_blog (name, tagline) VALUES ('Tech', 'All things code'), ('Food', 'Recipes'), ('Travel', 'Trips');
INSERT INTO app_author (name, email) VALUES ('Ann', 'ann@example.com'), ('Bob', 'bob@example.com'), ('Cid', 'cid@example.com'), ('Dee', 'dee@example.com');
INSERT INTO app_entry (blog_id, headline, body_text, pub_date, mod_date, number_of_comments, number_of_pingbacks, rating)
VALUES (1, 'Rust ownership', 'Borrowing', '2024-01-10', '2024-01-10', 3, 0, 4),
       (1, 'Go channels', 'CSP', '2024-02-10', '2024-02-11', 1, 2, 2),
       (2, 'Pasta', 'Boil water', '2023-05-01', '2023-05-01', 0, 0, 5),
       (2, 'Risotto', 'Stir', '2024-03-05', '2024-03-05', 2, 1, 4),
       (3, 'Kyoto', 'Temples', '2024-04-01', '2024-04-02', 5, 3, 5);
INSERT INTO app_entry_authors (entry_id, author_id) VALUES (1, 1), (1, 2), (2, 2), (3, 3), (4, 3), (4, 1), (5, 4);
INSERT INTO app_comment (entry_id, author_id, text, created) VALUES (1, 1, 'Nice', '2024-01-11 10:00+00'), (1, NULL, 'Anonymous', '2024-01-12 10:00+00'), (3, 3, 'Yum', '2023-05-02 10:00+00'), (5, 2, 'Beautiful', '2024-04-03 08:30+00');
INSERT INTO app_customer (name) VALUES ('Acme'), ('Globex'), ('Initech');
INSERT INTO app_invoice (customer_id, number, issued) VALUES (1, 'A-1', '2024-01-31'), (1, 'A-2', '2024-02-29'), (2, 'G-1', '2024-01-15');
INSERT INTO app_invoiceline (invoice_id, description, amount) VALUES (1, 'Widgets', 100.00), (1, 'Gadgets', 25.50), (2, 'Widgets', 40.00), (3, 'Consulting', 300.00);
