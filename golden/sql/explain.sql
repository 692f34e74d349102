-- step 1: sql (a lookup by primary key uses the index)
EXPLAIN SELECT title FROM note WHERE id = 42;
-- rows: 2
-- | Index Scan using note_pkey on note  (cost=[COST] rows=1 width=4)
-- |   Index Cond: (id = 42)
-- step 2: sql (with ANALYZE, actual times are redacted too)
EXPLAIN (ANALYZE, COSTS, TIMING, SUMMARY) SELECT count(*) FROM note WHERE notebook_id = 1;
-- rows: 5
-- | Aggregate  (cost=[COST] rows=1 width=8) (actual time=[TIME] rows=1 loops=1)
-- |   ->  Seq Scan on note  (cost=[COST] rows=500 width=0) (actual time=[TIME] rows=500 loops=1)
-- |         Filter: (notebook_id = 1)
-- | Planning Time: [TIME] ms
-- | Execution Time: [TIME] ms
