-- step 1: sql (the indexes Django made, from the catalog)
SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname;
-- rows: 5
-- | app_author | app_author_pkey | CREATE UNIQUE INDEX app_author_pkey ON [sandbox].app_author USING btree (id)
-- | app_book | app_book_author_id_980d3e25 | CREATE INDEX app_book_author_id_980d3e25 ON [sandbox].app_book USING btree (author_id)
-- | app_book | app_book_pkey | CREATE UNIQUE INDEX app_book_pkey ON [sandbox].app_book USING btree (id)
-- | app_profile | app_profile_author_id_key | CREATE UNIQUE INDEX app_profile_author_id_key ON [sandbox].app_profile USING btree (author_id)
-- | app_profile | app_profile_pkey | CREATE UNIQUE INDEX app_profile_pkey ON [sandbox].app_profile USING btree (id)
-- step 2: sql (Author.objects.get(pk=7) (the primary key's index))
EXPLAIN SELECT name FROM app_author WHERE id = 7;
-- rows: 2
-- | Index Scan using app_author_pkey on app_author  (cost=[COST] rows=1 width=5)
-- |   Index Cond: (id = 7)
-- step 3: sql (Book.objects.filter(author_id=7) (the ForeignKey's index))
EXPLAIN SELECT title FROM app_book WHERE author_id = 7;
-- rows: 2
-- | Index Scan using app_book_author_id_980d3e25 on app_book  (cost=[COST] rows=2 width=6)
-- |   Index Cond: (author_id = 7)
-- step 4: sql (Profile.objects.get(author_id=7) (the OneToOneField's unique index))
EXPLAIN SELECT bio FROM app_profile WHERE author_id = 7;
-- rows: 2
-- | Index Scan using app_profile_author_id_key on app_profile  (cost=[COST] rows=1 width=8)
-- |   Index Cond: (author_id = 7)
-- step 5: sql (Book.objects.filter(published=date(2021, 1, 1)) (no index yet))
EXPLAIN SELECT title FROM app_book WHERE published = '2021-01-01';
-- rows: 2
-- | Seq Scan on app_book  (cost=[COST] rows=20 width=6)
-- |   Filter: (published = '2021-01-01'::date)
-- step 6: sql (published = models.DateField(db_index=True) (its migration))
CREATE INDEX "app_book_published_8150761e" ON "app_book" ("published");
-- step 7: sql (the same filter now uses it)
EXPLAIN SELECT title FROM app_book WHERE published = '2021-01-01';
-- rows: 4
-- | Bitmap Heap Scan on app_book  (cost=[COST] rows=20 width=6)
-- |   Recheck Cond: (published = '2021-01-01'::date)
-- |   ->  Bitmap Index Scan on app_book_published_8150761e  (cost=[COST] rows=20 width=0)
-- |         Index Cond: (published = '2021-01-01'::date)
