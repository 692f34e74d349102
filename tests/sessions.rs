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
    let tree = Tree::new();
    for (name, text, message) in [
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
    ] {
        tree.write(&format!("specs/{name}.yaml"), text);
        let out = run(tree.cmd(&["validate", &format!("specs/{name}.yaml")]));
        assert_eq!(out.code, 2, "{name}: {}", out.all());
        assert!(out.stderr.contains(message), "{name}: {}", out.all());
    }
}
