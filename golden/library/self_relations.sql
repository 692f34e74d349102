-- step 1: create
-- new connection: conn#1
SELECT set_config('TimeZone', 'UTC', false);
INSERT INTO "app_branch" ("code", "branch_name") VALUES ($1, $2);
-- params: ['MAIN', 'Main']
-- rows: 1
-- step 2: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['a', 'MAIN', '2025-01-01']
-- rows: 1
-- step 3: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['b', 'MAIN', '2025-01-01']
-- rows: 1
-- step 4: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['c', 'MAIN', '2025-01-01']
-- rows: 1
-- step 5: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['d', 'MAIN', '2025-01-01']
-- rows: 1
-- step 6: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['e', 'MAIN', '2025-01-01']
-- rows: 1
-- step 7: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['f', 'MAIN', '2025-01-01']
-- rows: 1
-- step 8: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['g', 'MAIN', '2025-01-01']
-- rows: 1
-- step 9: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['h', 'MAIN', '2025-01-01']
-- rows: 1
-- step 10: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['i', 'MAIN', '2025-01-01']
-- rows: 1
-- step 11: create
INSERT INTO "app_member" ("name", "home_branch", "joined_on") VALUES ($1, $2, $3) RETURNING "app_member"."id";
-- params: ['j', 'MAIN', '2025-01-01']
-- rows: 1
-- step 12: m2m (a.follows.add(b, c))
BEGIN;
INSERT INTO "app_member_follows" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1], [2, 3]]
-- rows: 2
COMMIT;
-- step 13: m2m (a.follows.add(j, a, c) (ids in set order, 1 before 10))
BEGIN;
INSERT INTO "app_member_follows" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1, 1], [1, 10, 3]]
-- rows: 2
COMMIT;
-- step 14: m2m (a.follows.remove(c) (one direction))
BEGIN;
DELETE FROM "app_member_follows" WHERE ("app_member_follows"."from_member_id" = $1 AND "app_member_follows"."to_member_id" IN ($2));
-- params: [1, 3]
-- rows: 1
COMMIT;
-- step 15: m2m (a.follows.set([d, e]))
BEGIN;
SELECT "app_member"."id" AS "id" FROM "app_member" INNER JOIN "app_member_follows" ON ("app_member"."id" = "app_member_follows"."to_member_id") WHERE "app_member_follows"."from_member_id" = $1;
-- params: [1]
-- rows: 3
DELETE FROM "app_member_follows" WHERE ("app_member_follows"."from_member_id" = $1 AND "app_member_follows"."to_member_id" IN ($2, $3, $4));
-- params: [1, 1, 2, 10]
-- rows: 3
INSERT INTO "app_member_follows" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1], [4, 5]]
-- rows: 2
COMMIT;
-- step 16: m2m (a.follows.clear())
BEGIN;
DELETE FROM "app_member_follows" WHERE "app_member_follows"."from_member_id" = $1;
-- params: [1]
-- rows: 2
COMMIT;
-- step 17: m2m (a.friends.add(b, c) (the rows with the receivers, then their mirrors))
BEGIN;
SELECT "app_member_friends"."to_member_id" AS "to_member" FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" = $1 AND "app_member_friends"."to_member_id" IN ($2, $3));
-- params: [1, 2, 3]
-- rows: 0
INSERT INTO app_audit (message) VALUES ('member 1 pre_add [2,3]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[1, 1], [2, 3]]
-- rows: 2
INSERT INTO app_audit (message) VALUES ('member 1 post_add [2,3]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[2, 3], [1, 1]]
-- rows: 2
COMMIT;
-- step 18: m2m (a.friends.add(b, d) (b is there; the mirrors go for both))
BEGIN;
SELECT "app_member_friends"."to_member_id" AS "to_member" FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" = $1 AND "app_member_friends"."to_member_id" IN ($2, $3));
-- params: [1, 2, 4]
-- rows: 1
INSERT INTO app_audit (message) VALUES ('member 1 pre_add [4]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 4]
-- rows: 1
INSERT INTO app_audit (message) VALUES ('member 1 post_add [4]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) ON CONFLICT DO NOTHING;
-- params: [[2, 4], [1, 1]]
-- rows: 1
COMMIT;
-- step 19: m2m (a.friends.add(a) (the same row twice))
BEGIN;
SELECT "app_member_friends"."to_member_id" AS "to_member" FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" = $1 AND "app_member_friends"."to_member_id" IN ($2));
-- params: [1, 1]
-- rows: 0
INSERT INTO app_audit (message) VALUES ('member 1 pre_add [1]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 1]
-- rows: 1
INSERT INTO app_audit (message) VALUES ('member 1 post_add [1]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 1]
-- rows: 0
COMMIT;
-- step 20: m2m (a.friends.remove(b) (both directions))
BEGIN;
INSERT INTO app_audit (message) VALUES ('member 1 pre_remove [2]');
-- rows: 1
DELETE FROM "app_member_friends" WHERE (("app_member_friends"."from_member_id" = $1 AND "app_member_friends"."to_member_id" IN ($2)) OR ("app_member_friends"."to_member_id" = $3 AND "app_member_friends"."from_member_id" IN ($4)));
-- params: [1, 2, 1, 2]
-- rows: 2
INSERT INTO app_audit (message) VALUES ('member 1 post_remove [2]');
-- rows: 1
COMMIT;
-- step 21: m2m (a.friends.set([c, e]))
BEGIN;
SELECT "app_member"."id" AS "id" FROM "app_member" INNER JOIN "app_member_friends" ON ("app_member"."id" = "app_member_friends"."to_member_id") WHERE "app_member_friends"."from_member_id" = $1;
-- params: [1]
-- rows: 3
INSERT INTO app_audit (message) VALUES ('member 1 pre_remove [1,4]');
-- rows: 1
DELETE FROM "app_member_friends" WHERE (("app_member_friends"."from_member_id" = $1 AND "app_member_friends"."to_member_id" IN ($2, $3)) OR ("app_member_friends"."to_member_id" = $4 AND "app_member_friends"."from_member_id" IN ($5, $6)));
-- params: [1, 1, 4, 1, 1, 4]
-- rows: 3
INSERT INTO app_audit (message) VALUES ('member 1 post_remove [1,4]');
-- rows: 1
SELECT "app_member_friends"."to_member_id" AS "to_member" FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" = $1 AND "app_member_friends"."to_member_id" IN ($2));
-- params: [1, 5]
-- rows: 0
INSERT INTO app_audit (message) VALUES ('member 1 pre_add [5]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 5]
-- rows: 1
INSERT INTO app_audit (message) VALUES ('member 1 post_add [5]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [5, 1]
-- rows: 1
COMMIT;
-- step 23: m2m (b.friends.add(a) (from the other side))
BEGIN;
SELECT "app_member_friends"."to_member_id" AS "to_member" FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" = $1 AND "app_member_friends"."to_member_id" IN ($2));
-- params: [2, 1]
-- rows: 0
INSERT INTO app_audit (message) VALUES ('member 2 pre_add [1]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [2, 1]
-- rows: 1
INSERT INTO app_audit (message) VALUES ('member 2 post_add [1]');
-- rows: 1
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [1, 2]
-- rows: 1
COMMIT;
-- step 24: m2m (a.friends.clear() (both directions))
BEGIN;
INSERT INTO app_audit (message) VALUES ('member 1 pre_clear []');
-- rows: 1
DELETE FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" = $1 OR "app_member_friends"."to_member_id" = $2);
-- params: [1, 1]
-- rows: 6
INSERT INTO app_audit (message) VALUES ('member 1 post_clear []');
-- rows: 1
COMMIT;
-- step 25: m2m (b.followers.add(d) (the reverse manager of follows))
BEGIN;
INSERT INTO "app_member_follows" ("from_member_id", "to_member_id") VALUES ($1, $2) ON CONFLICT DO NOTHING;
-- params: [4, 2]
-- rows: 1
COMMIT;
-- step 26: bulk_create (Member.friends.through.objects.bulk_create([...(from_member=c, to_member=d), ...(from_member_id=d.id, to_member_id=c.id)]))
BEGIN;
INSERT INTO "app_member_friends" ("from_member_id", "to_member_id") SELECT * FROM UNNEST(($1)::bigint[], ($2)::bigint[]) RETURNING "app_member_friends"."id";
-- params: [[3, 4], [4, 3]]
-- rows: 2
COMMIT;
-- step 27: delete (d.delete() (every related table fast-deleted, join rows on either side))
BEGIN;
DELETE FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" IN ($1) OR "app_member_friends"."to_member_id" IN ($2));
-- params: [4, 4]
-- rows: 2
DELETE FROM "app_member_follows" WHERE ("app_member_follows"."from_member_id" IN ($1) OR "app_member_follows"."to_member_id" IN ($2));
-- params: [4, 4]
-- rows: 1
DELETE FROM "app_loan" WHERE "app_loan"."member_id" IN ($1);
-- params: [4]
-- rows: 0
DELETE FROM "app_hold" WHERE "app_hold"."member_id" IN ($1);
-- params: [4]
-- rows: 0
DELETE FROM "app_review" WHERE "app_review"."member_id" IN ($1);
-- params: [4]
-- rows: 0
DELETE FROM "app_member" WHERE "app_member"."id" IN ($1);
-- params: [4]
-- rows: 1
COMMIT;
-- step 28: delete (Member.objects.filter(name="e").delete())
SELECT "app_member"."id", "app_member"."name", "app_member"."home_branch", "app_member"."joined_on" FROM "app_member" WHERE "app_member"."name" = $1;
-- params: ['e']
-- rows: 1
BEGIN;
DELETE FROM "app_member_friends" WHERE ("app_member_friends"."from_member_id" IN ($1) OR "app_member_friends"."to_member_id" IN ($2));
-- params: [5, 5]
-- rows: 0
DELETE FROM "app_member_follows" WHERE ("app_member_follows"."from_member_id" IN ($1) OR "app_member_follows"."to_member_id" IN ($2));
-- params: [5, 5]
-- rows: 0
DELETE FROM "app_loan" WHERE "app_loan"."member_id" IN ($1);
-- params: [5]
-- rows: 0
DELETE FROM "app_hold" WHERE "app_hold"."member_id" IN ($1);
-- params: [5]
-- rows: 0
DELETE FROM "app_review" WHERE "app_review"."member_id" IN ($1);
-- params: [5]
-- rows: 0
DELETE FROM "app_member" WHERE "app_member"."id" IN ($1);
-- params: [5]
-- rows: 1
COMMIT;
