//! Diagnostics on the SQL log: query budgets (and, as they land, fingerprints and N+1
//! findings), against the embedded server.

mod support;

use support::{run, Tree};

const BUDGETS: &str = r#"
setup: CREATE TABLE t (id int)
steps:
  - sql: |
      BEGIN;
      INSERT INTO t VALUES (1);
      COMMIT;
    expect: {queries: {max: 1, transactions: false}}
  - sql: |
      SELECT 1;
      SELECT 2;
      SELECT 3;
    expect: {queries: {min: 1, max: 3}}
expect:
  queries: {min: 6}
"#;

#[test]
fn query_budgets_pass_within_their_bounds() {
    let tree = Tree::new();
    tree.write("specs/budgets.yaml", BUDGETS);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn a_query_budget_exceeded_fails_and_lists_the_statements_it_counted() {
    let tree = Tree::new();
    tree.write(
        "specs/over.yaml",
        &BUDGETS
            .replace("{min: 1, max: 3}", "{max: 2}")
            .replace("{max: 1, transactions: false}", "{max: 1}")
            .replace("{min: 6}", "{min: 7}"),
    );
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 1, "{}", out.all());
    for expected in [
        "specs/over.yaml:8:13: expected at most 1 query from this step, got 3:\n  1. BEGIN\n  2. INSERT INTO t VALUES (1)\n  3. COMMIT\n",
        "specs/over.yaml:13:13: expected at most 2 queries from this step, got 3:\n  1. SELECT 1\n  2. SELECT 2\n  3. SELECT 3\n",
        "expected at least 7 queries from the spec, got 6:",
    ] {
        assert!(out.stdout.contains(expected), "{expected}\n{}", out.all());
    }
    assert!(
        !tree.exists("golden/over.sql"),
        "a failing spec writes no golden"
    );
}

#[test]
fn transaction_control_is_left_out_of_a_budget_only_when_asked() {
    let tree = Tree::new();
    tree.write(
        "specs/tx.yaml",
        &BUDGETS.replace(
            "{max: 1, transactions: false}",
            "{max: 0, transactions: false}",
        ),
    );
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "expected at most 0 queries from this step (not counting transaction control), got 1:\n  1. INSERT INTO t VALUES (1)\n"
        ),
        "{}",
        out.all()
    );
}

#[test]
fn a_malformed_query_budget_is_refused_at_load_time() {
    let tree = Tree::new();
    for (name, expect, message) in [
        (
            "typo",
            "{queries: {maxx: 2}}",
            "unknown key `maxx` in `steps[0].expect.queries`, did you mean `max`?",
        ),
        (
            "empty",
            "{queries: {}}",
            "a query budget needs `min`, `max` or both",
        ),
        (
            "crossed",
            "{queries: {min: 3, max: 2}}",
            "`min` (3) is more than `max` (2): no number of queries fits",
        ),
        (
            "negative",
            "{queries: -1}",
            "a number of queries cannot be negative (-1)",
        ),
        (
            "text",
            "{queries: many}",
            "a number of queries, or a mapping with `min`, `max` and/or `transactions`",
        ),
    ] {
        tree.write(
            &format!("specs/{name}.yaml"),
            &format!("steps:\n  - sql: SELECT 1\n    expect: {expect}\n"),
        );
        let out = run(tree.cmd(&["validate", &format!("specs/{name}.yaml")]));
        assert_eq!(out.code, 2, "{}", out.all());
        assert!(
            out.stderr.contains(&format!("specs/{name}.yaml:3:")) && out.stderr.contains(message),
            "{name}: {}",
            out.all()
        );
    }
}
