//! Several sessions: named connections in one sandbox, steps on any of them, in the order
//! written.

mod support;

use support::{run, Tree};

const TWO: &str = r#"sessions: [web, worker]
setup: |
  CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL);
  INSERT INTO account VALUES (1, 100);
steps:
  - sql: BEGIN
  - sql: UPDATE account SET balance = 50 WHERE id = 1
  - session: worker
    sql: SELECT balance FROM account WHERE id = 1
    expect: {rows: [[100]]}
  - sql: COMMIT
  - session: worker
    sql: SELECT balance FROM account WHERE id = 1
    expect: {rows: [[50]]}
"#;

#[test]
fn steps_run_on_their_session_and_the_golden_says_which() {
    let tree = Tree::new();
    tree.write("specs/two.yaml", TWO);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/two.sql");
    assert!(
        golden.contains("-- step 3: sql\n-- session: worker\nSELECT balance")
            && golden.contains("-- step 4: sql\n-- session: web\nCOMMIT;"),
        "{golden}"
    );
    // The same golden again, and at --jobs with a copy beside it.
    tree.write("specs/two_again.yaml", TWO);
    let out = run(tree.cmd(&["bless", "--jobs", "2"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(tree.read("golden/two_again.sql"), golden);
}

#[test]
fn unknown_or_malformed_sessions_are_refused_at_load_time() {
    refused_at_load(&[
        (
            "typo",
            "sessions: [web, worker]\nsteps:\n  - session: wrker\n    sql: SELECT 1\n",
            "unknown session `wrker`, did you mean `worker`?",
        ),
        (
            "undeclared",
            "steps:\n  - session: worker\n    sql: SELECT 1\n",
            "unknown session `worker`",
        ),
        (
            "twice",
            "sessions: [web, web]\nsteps:\n  - sql: SELECT 1\n",
            "the session `web` is named twice",
        ),
        (
            "reserved",
            "sessions: [web, other]\nsteps:\n  - sql: SELECT 1\n",
            "`other` cannot name a session",
        ),
        (
            "empty",
            "sessions: []\nsteps:\n  - sql: SELECT 1\n",
            "`sessions` names 1 to 8 sessions (it has 0)",
        ),
    ]);
}

/// The FOR UPDATE of one session makes the other's UPDATE wait until the first commits.
const WAITS: &str = r#"sessions: [web, worker]
setup: |
  CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL);
  INSERT INTO account VALUES (1, 100);
steps:
  - sql: BEGIN
  - sql: SELECT balance FROM account WHERE id = 1 FOR UPDATE
  - session: worker
    sql: UPDATE account SET balance = balance - 10 WHERE id = 1
  - sql: UPDATE account SET balance = balance + 5 WHERE id = 1
  - sql: COMMIT
  - session: worker
    sql: SELECT balance FROM account WHERE id = 1
    expect: {rows: [[95]]}
"#;

#[test]
fn a_step_that_waits_for_a_lock_names_its_blocker_and_completes_when_it_lets_go() {
    let tree = Tree::new();
    tree.write("specs/waits.yaml", WAITS);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/waits.sql");
    assert!(
        golden.contains(
            "-- step 3: sql\n-- waited: blocked by session `web` (its step 2: SELECT balance FROM account WHERE id = 1 FOR UPDATE), for ShareLock on a row of its transaction\n-- completed after step 5\n-- session: worker\nUPDATE account"
        ),
        "{golden}"
    );
}

#[test]
fn lock_waits_give_the_same_golden_every_time_serial_and_in_parallel() {
    let tree = Tree::new();
    for i in 0..20 {
        tree.write(&format!("specs/waits{i:02}.yaml"), WAITS);
    }
    let out = run(tree.cmd(&["bless", "--jobs", "4"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let first = tree.read("golden/waits00.sql");
    for i in 1..20 {
        assert_eq!(
            tree.read(&format!("golden/waits{i:02}.sql")),
            first,
            "run {i}"
        );
    }
    let out = run(tree.cmd(&["run", "--jobs", "1"]));
    assert_eq!(
        out.code,
        0,
        "serial runs match the parallel goldens: {}",
        out.all()
    );
}

#[test]
fn a_wait_no_step_will_release_fails_with_the_wait_and_cancels_it() {
    let tree = Tree::new();
    tree.write(
        "specs/stuck.yaml",
        "sessions: [web, worker]\nsetup: CREATE TABLE t (id int PRIMARY KEY)\nsteps:\n  - sql: BEGIN\n  - sql: LOCK TABLE t\n  - session: worker\n    sql: SELECT count(*) FROM t\n",
    );
    tree.write("specs/after.yaml", "steps:\n  - sql: SELECT 1\n");
    let out = run(tree.cmd(&["bless", "--jobs", "1"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "step 3 (session `worker`) still waited for a lock after the last step, and no step is left to release it; the statement was cancelled\n  step 3: waited: blocked by session `web` (its step 2: LOCK TABLE t), for AccessShareLock on table t"
        ),
        "{}",
        out.all()
    );
    // Not the 30 s timeout (whose failure reads otherwise), and the next spec in the slot runs.
    assert!(!out.stdout.contains("timed out"), "{}", out.all());
    assert!(tree.exists("golden/after.sql"), "{}", out.all());
}

#[test]
fn a_deadlock_between_sessions_gives_postgresqls_error_to_the_victim_every_time() {
    let spec = r#"sessions: [web, worker]
setup: |
  CREATE TABLE account (id int PRIMARY KEY, balance int NOT NULL);
  INSERT INTO account VALUES (1, 100), (2, 100);
steps:
  - sql: BEGIN
  - sql: UPDATE account SET balance = 0 WHERE id = 1
  - session: worker
    sql: BEGIN
  - session: worker
    sql: UPDATE account SET balance = 0 WHERE id = 2
  - sql: UPDATE account SET balance = 1 WHERE id = 2
    expect: {error: "40P01"}
  - session: worker
    sql: UPDATE account SET balance = 1 WHERE id = 1
  - sql: ROLLBACK
  - session: worker
    sql: COMMIT
"#;
    let tree = Tree::new();
    for i in 0..6 {
        tree.write(&format!("specs/deadlock{i}.yaml"), spec);
    }
    let out = run(tree.cmd(&["bless", "--jobs", "3"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/deadlock0.sql");
    assert!(
        golden.contains("-- error: 40P01: deadlock detected\n-- detail: Process [PID] waits for ShareLock on transaction [XID]; blocked by process [PID].")
            && golden.contains("-- step 6: sql\n-- waited: blocked by session `web`"),
        "{golden}"
    );
    for i in 1..6 {
        assert_eq!(
            tree.read(&format!("golden/deadlock{i}.sql")),
            golden,
            "run {i}"
        );
    }
}

#[test]
fn jobs_are_capped_by_the_connections_their_sessions_need() {
    let server = pgscenario::db::server::EmbeddedServer::start(
        &pgscenario::db::server::ServerOptions::default(),
    )
    .expect("embedded PostgreSQL");
    let url = server.url();
    support::query(
        &url,
        "CREATE ROLE eleven LOGIN CONNECTION LIMIT 11; GRANT CREATE ON DATABASE postgres TO eleven",
    );
    let tree = Tree::new();
    for i in 0..4 {
        tree.write(
            &format!("specs/three{i}.yaml"),
            "sessions: [a, b, c]\nsteps:\n  - sql: SELECT 1\n  - session: b\n    sql: SELECT 2\n  - session: c\n    sql: SELECT 3\n",
        );
    }
    let mut cmd = tree.cmd(&["bless", "--jobs", "4"]);
    cmd.env("DATABASE_URL", url.replacen("postgres@", "eleven@", 1));
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr.contains(
            "note: 4 jobs need more connections than the server has free (11): running 2 at a time"
        ),
        "{}",
        out.all()
    );
}

#[test]
fn an_orm_step_that_waits_for_a_lock_completes_when_its_blocker_commits() {
    let tree = Tree::new();
    tree.write(
        "specs/orm_wait.yaml",
        "sessions: [web, worker]\nsetup: |\n  CREATE TABLE account (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, balance int NOT NULL);\n  INSERT INTO account (balance) VALUES (100);\nmodels:\n  Account: {}\nsteps:\n  - sql: BEGIN\n  - sql: SELECT balance FROM account WHERE id = 1 FOR UPDATE\n  - session: worker\n    update: {model: Account, filter: {pk: 1}, values: {balance: 1}}\n    expect: {row_count: 1}\n  - sql: UPDATE account SET balance = balance + 5 WHERE id = 1\n  - sql: COMMIT\n  - check: SELECT balance FROM account\n    expect: {rows: [[1]]}\n",
    );
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/orm_wait.sql");
    assert!(
        golden.contains(
            "-- step 3: update\n-- waited: blocked by session `web` (its step 2: SELECT balance FROM account WHERE id = 1 FOR UPDATE), for ShareLock on a row of its transaction\n-- completed after step 5\n-- session: worker\n-- new connection: conn#2\nSELECT set_config('TimeZone', 'UTC', false);\nUPDATE \"account\" SET \"balance\" = $1 WHERE \"account\".\"id\" = $2;"
        ),
        "{golden}"
    );
}

#[test]
fn a_session_whose_step_still_waits_cannot_start_its_next_step() {
    let tree = Tree::new();
    tree.write(
        "specs/order.yaml",
        "sessions: [web, worker]\nsetup: |\n  CREATE TABLE account (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, balance int NOT NULL);\n  INSERT INTO account (balance) VALUES (100);\nmodels:\n  Account: {}\nsteps:\n  - sql: BEGIN\n  - sql: SELECT balance FROM account WHERE id = 1 FOR UPDATE\n  - session: worker\n    update: {model: Account, filter: {pk: 1}, values: {balance: 1}}\n  - session: worker\n    sql: SELECT 1\n  - sql: COMMIT\n",
    );
    let out = run(tree.cmd(&["bless", "--timeout", "30"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "specs/order.yaml:12:5: step 4 (session `worker`) cannot start: the session's step 3 still waits, blocked by session `web` (its step 2: SELECT balance FROM account WHERE id = 1 FOR UPDATE)"
        ),
        "{}",
        out.all()
    );
    assert!(!out.stdout.contains("timed out"), "{}", out.all());
    assert!(!tree.path("golden/order.sql").exists());
}

/// Every multi-session spec of the catalogue, 20 times over, serial and with 4 jobs: each
/// copy's log matches the catalogue's golden every time (lock waits, the order steps complete
/// in, deadlock victims and serialization failures included).
#[test]
fn the_catalogues_multi_session_specs_give_their_golden_twenty_times_serial_and_in_parallel() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ids = Vec::new();
    for dir in ["specs/orm", "specs/sql", "specs/seed"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("the catalogue") {
            let path = entry.expect("an entry").path();
            let text = std::fs::read_to_string(&path).expect("a spec");
            if text.lines().any(|l| l.starts_with("sessions:")) {
                let rel = path.strip_prefix(root.join("specs")).expect("under specs");
                ids.push(rel.with_extension("").display().to_string());
            }
        }
    }
    ids.sort();
    assert!(
        ids.len() >= 5,
        "the catalogue's multi-session specs: {ids:?}"
    );
    let tree = Tree::new();
    for entry in std::fs::read_dir(root.join("specs/_fixtures")).expect("fixtures") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .to_string();
        tree.write(
            &format!("specs/_fixtures/{name}"),
            &std::fs::read_to_string(&path).expect("a fixture"),
        );
    }
    for id in &ids {
        let spec = std::fs::read_to_string(root.join(format!("specs/{id}.yaml"))).expect("spec");
        let golden =
            std::fs::read_to_string(root.join(format!("golden/{id}.sql"))).expect("golden");
        for copy in 0..20 {
            tree.write(&format!("specs/{id}_{copy:02}.yaml"), &spec);
            tree.write(&format!("golden/{id}_{copy:02}.sql"), &golden);
        }
    }
    for jobs in ["4", "1"] {
        let out = run(tree.cmd(&["run", "--jobs", jobs]));
        assert_eq!(out.code, 0, "--jobs {jobs}: {}", out.all());
        assert!(
            out.stdout
                .contains(&format!("{} passed, 0 failed", ids.len() * 20)),
            "--jobs {jobs}: {}",
            out.all()
        );
    }
}

/// A retry copies its steps per attempt: retries nested in retries would multiply them
/// without end (10 attempts, 8 deep, is 10^8 steps), so loading stops at a bound with the
/// place where it was crossed.
#[test]
fn nested_retries_that_multiply_the_steps_are_refused_at_load_time() {
    let tree = Tree::new();
    let mut spec = String::from("steps:\n");
    let mut indent = String::from("  ");
    for _ in 0..8 {
        spec.push_str(&format!(
            "{indent}- retry:\n{indent}    attempts: 10\n{indent}    steps:\n"
        ));
        indent.push_str("      ");
    }
    spec.push_str(&format!("{indent}- sql: SELECT 1\n"));
    tree.write("specs/nested.yaml", &spec);
    let out = run(tree.cmd(&["validate"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.all().contains(
            "the spec has more than 10000 steps, counting each `retry` attempt's copy of its steps"
        ),
        "{}",
        out.all()
    );
}

/// With CONN_MAX_AGE 0 a request's end really closes the server connection: the next
/// request's temporary table is gone and the old backend has left pg_stat_activity; with
/// CONN_MAX_AGE None the same connection serves every request.
const CONNECTIONS: &str = r#"sessions:
  web: {conn_max_age: 0}
  worker: {conn_max_age: null}
models:
  Account: {}
setup: CREATE TABLE account (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, balance int NOT NULL)
steps:
  - request:
      steps:
        - sql: SELECT set_config('application_name', 'first-of-web', false)
        - sql: CREATE TEMP TABLE mine (id int)
  - request:
      steps:
        - sql: SELECT * FROM mine
          expect: {error: "42P01"}
        - check: |
            DO $$ BEGIN
              FOR i IN 1..500 LOOP
                PERFORM pg_stat_clear_snapshot();
                EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'first-of-web');
                PERFORM pg_sleep(0.01);
              END LOOP;
            END $$
        - check: SELECT count(*) FROM pg_stat_activity WHERE application_name = 'first-of-web'
          expect: {rows: [[0]]}
  - session: worker
    request:
      steps:
        - sql: CREATE TEMP TABLE kept (id int)
  - session: worker
    request:
      steps:
        - query: {model: Account, evaluate: count}
        - sql: SELECT * FROM kept
          expect: {row_count: 0}
"#;

#[test]
fn conn_max_age_zero_closes_the_connection_at_each_request_and_none_keeps_it() {
    let tree = Tree::new();
    tree.write("specs/connections.yaml", CONNECTIONS);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/connections.sql");
    for expected in [
        "-- step 1: request\n-- step 2: sql\n-- new connection: conn#1\nSELECT set_config('TimeZone', 'UTC', false);\n",
        "-- step 4: end of request (step 1)\n-- conn#1 (session `web`) closed: CONN_MAX_AGE is 0\n",
        "-- step 6: sql\n-- new connection: conn#2\n",
        "-- step 9: end of request (step 5)\nSELECT 1;\n-- conn#2 (session `web`) closed: CONN_MAX_AGE is 0\n",
        "-- step 11: sql\n-- session: worker\n-- new connection: conn#3\n",
    ] {
        assert!(golden.contains(expected), "{expected}\nnot in:\n{golden}");
    }
    assert!(!golden.contains("conn#4"), "{golden}");
}

#[test]
fn requests_and_connection_options_are_checked_at_load_time() {
    refused_at_load(&[
        (
            "in_atomic",
            "steps:\n  - atomic:\n      steps:\n        - request: {steps: [{sql: SELECT 1}]}\n",
            "a `request` is a whole request: it goes at the top level of `steps`",
        ),
        (
            "negative_age",
            "sessions: {web: {conn_max_age: -1}}\nsteps:\n  - sql: SELECT 1\n",
            "conn_max_age",
        ),
        (
            "unknown_option",
            "sessions: {web: {conn_max_ag: 0}}\nsteps:\n  - sql: SELECT 1\n",
            "unknown key `conn_max_ag` in `sessions.web`, did you mean `conn_max_age`?",
        ),
        (
            "async_type",
            "sessions: {api: {async: sometimes}}\nsteps:\n  - sql: SELECT 1\n",
            "async",
        ),
        (
            "health_checks_type",
            "sessions: {web: {conn_health_checks: often}}\nsteps:\n  - sql: SELECT 1\n",
            "conn_health_checks",
        ),
    ]);
}

/// Each spec (name, text) fails `validate` with exit 2, its file:line and the message.
fn refused_at_load(cases: &[(&str, &str, &str)]) {
    let tree = Tree::new();
    for (name, text, message) in cases {
        tree.write(&format!("specs/{name}.yaml"), text);
        let out = run(tree.cmd(&["validate", &format!("specs/{name}.yaml")]));
        assert_eq!(out.code, 2, "{name}: {}", out.all());
        assert!(out.stderr.contains(message), "{name}: {}", out.all());
        assert!(
            out.stderr.contains(&format!("specs/{name}.yaml:")),
            "{name}: {}",
            out.all()
        );
    }
}

/// In an async session what touches the database without an async method of Django's
/// raises SynchronousOnlyOperation and sends nothing; the spec's own `sql` is not Django's
/// and runs; inside `sync_to_async` the same calls are sync code and run.
const ASYNC: &str = r#"sessions:
  api: {async: true}
models:
  Account: {}
setup: CREATE TABLE account (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, balance int NOT NULL)
steps:
  - cursor: {sql: "SELECT 1"}
    expect: {error: SynchronousOnlyOperation}
  - on_commit: {steps: [{sql: SELECT 2}]}
    expect: {error: SynchronousOnlyOperation}
  - sql: SELECT 3
  - create: {model: Account, values: {balance: 5}}
  - sync_to_async:
      steps:
        - cursor: {sql: "SELECT 4"}
        - on_commit: {steps: [{sql: SELECT 5}]}
"#;

#[test]
fn async_code_that_touches_the_database_itself_raises_and_sync_to_async_runs_it() {
    let tree = Tree::new();
    tree.write("specs/async.yaml", ASYNC);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/async.sql");
    for expected in [
        "-- step 1: cursor\n-- raised SynchronousOnlyOperation: You cannot call this from an async context - use a thread or sync_to_async.\n-- step 2: on_commit\n-- raised SynchronousOnlyOperation",
        "-- step 4: sql\n-- new connection: conn#1\nSELECT set_config('TimeZone', 'UTC', false);\nSELECT 3;\n",
        "-- step 5: acreate\nINSERT INTO \"account\"",
        "-- step 6: sync_to_async\n-- step 7: cursor\nSELECT 4;\n-- rows: 1\n-- step 8: on_commit\n-- step 9: sql\nSELECT 5;\n",
    ] {
        assert!(golden.contains(expected), "{expected}\nnot in:\n{golden}");
    }
    assert!(!golden.contains("SELECT 1;"), "{golden}");
    assert!(!golden.contains("SELECT 2;"), "{golden}");
}

/// `permutations` runs each order in a sandbox of its own, a golden section each; an order
/// in which a session's step comes while its earlier step still waits for an idle session
/// cannot happen, which its section says (as the isolation tester's "invalid permutation").
const PERMUTED: &str = r#"sessions: [a, b]
setup: |
  CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
  INSERT INTO t VALUES (1, 0);
permutations:
  - [a begins, a updates, b updates, a commits, b reads]
  - [a begins, a updates, b updates, b reads, a commits]
  - [b reads, a begins]
steps:
  - name: a begins
    sql: BEGIN
  - name: a updates
    sql: UPDATE t SET v = v + 1 WHERE id = 1
  - name: b updates
    session: b
    sql: UPDATE t SET v = v + 10 WHERE id = 1
  - name: a commits
    sql: COMMIT
  - name: b reads
    session: b
    sql: SELECT v FROM t WHERE id = 1
"#;

#[test]
fn permutations_run_each_order_apart_and_an_impossible_one_says_so() {
    let tree = Tree::new();
    tree.write("specs/permuted.yaml", PERMUTED);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let golden = tree.read("golden/permuted.sql");
    let sections: Vec<&str> = golden.split("-- permutation ").skip(1).collect();
    assert_eq!(sections.len(), 3, "{golden}");
    assert!(
        sections[0].starts_with("1: a begins, a updates, b updates, a commits, b reads\n"),
        "{golden}"
    );
    assert!(
        sections[0].contains(
            "-- completed after step 4\n-- session: b\nUPDATE t SET v = v + 10 WHERE id = 1;"
        ),
        "{golden}"
    );
    assert!(sections[1].contains("-- step 5: sql (b reads)\n-- invalid permutation: step 5 (session `b`) cannot start while the session's step 3 waits, blocked by session `a`"), "{golden}");
    assert!(
        !sections[1].contains("COMMIT"),
        "the run ends at the impossible step: {golden}"
    );
    assert_eq!(sections[2], "3: b reads, a begins\n-- step 5: sql (b reads)\n-- session: b\nSELECT v FROM t WHERE id = 1;\n-- rows: 1\n-- step 1: sql (a begins)\n-- session: a\nBEGIN;\n");
    // The same golden on every run.
    let again = run(tree.cmd(&["run"]));
    assert_eq!(again.code, 0, "{}", again.all());
}

#[test]
fn permutations_are_checked_at_load_time() {
    let steps = "sessions: [a, b]\nsteps:\n  - name: one\n    sql: SELECT 1\n  - name: two\n    session: b\n    sql: SELECT 2\n";
    let many = format!(
        "sessions: [a, b]\npermutations: all\nsteps:\n{}",
        (0..10)
            .map(|i| format!("  - session: {}\n    sql: SELECT {i}\n", ["a", "b"][i % 2]))
            .collect::<String>()
    );
    refused_at_load(&[
        (
            "unknown",
            &format!("permutations: [[one, twoo]]\n{steps}"),
            "no top-level step is named `twoo`, did you mean `two`?",
        ),
        (
            "twice",
            &format!("permutations: [[one, one]]\n{steps}"),
            "`one` is listed twice",
        ),
        (
            "unnamed",
            "permutations: [[one]]\nsteps:\n  - name: one\n    sql: SELECT 1\n  - sql: SELECT 2\n",
            "every top-level step needs a `name`",
        ),
        (
            "too_many",
            &many,
            "`all` is 252 interleavings of the sessions' steps, more than 100",
        ),
        (
            "wrong_type",
            &format!("permutations: 3\n{steps}"),
            "`permutations` is `all`, or a list of orders",
        ),
    ]);
}

/// A multi-session spec cut short by its timeout while a session that Django reconnected
/// still runs a statement leaves no backend behind: a spec run after it in the same run
/// finds neither session's statement on the server (a closed socket alone would leave the
/// sleep running for 30 s).
#[test]
fn a_timed_out_multi_session_spec_leaves_no_connection_behind() {
    let tree = Tree::new();
    tree.write(
        "specs/a_timeout.yaml",
        r#"timeout: 1
sessions:
  web: {}
  worker: {conn_max_age: 0}
setup: CREATE TABLE held (id int PRIMARY KEY)
models:
  Held: {table: held}
steps:
  - session: worker
    request:
      steps:
        - query: {model: Held, evaluate: count}
  - sql: SELECT pg_advisory_lock(42) WHERE 'web-holds' <> ''
  - session: worker
    sql: SELECT pg_sleep(30) WHERE 'worker-sleeps' <> ''
"#,
    );
    tree.write(
        "specs/b_probe.yaml",
        r#"privileges: superuser
steps:
  - check: |
      DO $$ BEGIN
        FOR i IN 1..500 LOOP
          PERFORM pg_stat_clear_snapshot();
          EXIT WHEN NOT EXISTS (SELECT FROM pg_stat_activity WHERE query ~ '(web-holds|worker-sleeps)' AND pid <> pg_backend_pid());
          PERFORM pg_sleep(0.01);
        END LOOP;
      END $$
  - check: SELECT count(*) FROM pg_stat_activity WHERE query ~ '(web-holds|worker-sleeps)' AND pid <> pg_backend_pid()
    expect: {rows: [[0]]}
"#,
    );
    let out = run(tree.cmd(&["bless", "--jobs", "1"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("timed out after 1s in step 5"),
        "{}",
        out.all()
    );
    assert_eq!(out.last_line(), "1 passed, 1 failed", "{}", out.all());
    assert!(tree.exists("golden/b_probe.sql"), "{}", out.all());
}
