//! Diagnostics on the SQL log: query budgets (and, as they land, fingerprints and N+1
//! findings), against the embedded server.

mod support;

use support::{run, Tree};

/// The first spec's object of a JSON report (JSON lines: a spec's object, then the summary's).
fn spec_json(stdout: &str) -> serde_json::Value {
    stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|value| value["type"] == "spec")
        .unwrap_or_else(|| panic!("{stdout}"))
}

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

const SHAPES: &str = r#"
setup: CREATE TABLE t (id int, name text)
steps:
  - sql: |
      SELECT name FROM t WHERE id = 1;
      SELECT name FROM t WHERE id = 2;
      SELECT name FROM t WHERE id IN (1, 2, 3);
      SELECT name FROM t WHERE id IN (4);
  - sql: INSERT INTO t (id, name) VALUES ($1, $2), (3, 'c')
    params: [1, a]
    expect:
      fingerprints: ["INSERT INTO t (id, name) VALUES (7, 'z')"]
expect:
  fingerprints:
    - SELECT name FROM t WHERE id = 0
    - SELECT name FROM t WHERE id = $1
    - SELECT name FROM t WHERE id IN (0)
    - SELECT name FROM t WHERE id IN (9, 9)
    - INSERT INTO t (id, name) VALUES (...)
"#;

#[test]
fn statements_that_differ_only_in_values_share_a_fingerprint_shown_by_show() {
    let tree = Tree::new();
    tree.write("specs/shapes.yaml", SHAPES);
    let show = || run(tree.cmd(&["show", "specs/shapes.yaml", "--fingerprints"]));
    let out = show();
    assert_eq!(out.code, 0, "{}", out.all());
    let listing = out
        .stdout
        .split_once("-- fingerprints\n")
        .map(|(_, listing)| listing.to_string())
        .unwrap_or_else(|| panic!("{}", out.all()));
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 3, "{listing}");
    let id = |line: &str| {
        line.split_whitespace()
            .nth(3)
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        lines[0].starts_with("-- step 1  ")
            && lines[0].ends_with(" ×2  SELECT name FROM t WHERE id = ?"),
        "{listing}"
    );
    assert!(
        lines[1].ends_with(" ×2  SELECT name FROM t WHERE id IN (...)"),
        "{listing}"
    );
    assert!(
        lines[2].starts_with("-- step 2  ")
            && lines[2].ends_with("  INSERT INTO t (id, name) VALUES (...)"),
        "{listing}"
    );
    assert_eq!(id(lines[0]).len(), 8, "{listing}");
    assert_ne!(id(lines[0]), id(lines[1]));
    // Stable from run to run (a new server, a new sandbox name each time).
    assert!(show().stdout.ends_with(&listing));
}

#[test]
fn the_json_report_carries_each_statements_fingerprint() {
    let tree = Tree::new();
    tree.write("specs/shapes.yaml", SHAPES);
    let out = run(tree.cmd(&["bless", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let spec = spec_json(&out.stdout);
    let fingerprints = spec["fingerprints"].as_array().expect("fingerprints");
    assert_eq!(fingerprints.len(), 5, "{spec}");
    assert_eq!(fingerprints[0]["step"], 1);
    assert_eq!(
        fingerprints[0]["fingerprint"],
        "SELECT name FROM t WHERE id = ?"
    );
    assert_eq!(fingerprints[0]["id"], fingerprints[1]["id"]);
    assert_eq!(fingerprints[4]["step"], 2);
}

#[test]
fn expected_fingerprints_that_differ_fail_with_both_lists() {
    let tree = Tree::new();
    tree.write(
        "specs/shapes.yaml",
        &SHAPES.replace(
            "- SELECT name FROM t WHERE id IN (9, 9)",
            "- SELECT id FROM t WHERE id IN (9, 9)",
        ),
    );
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout
            .contains("the statements from the spec differ from `fingerprints`\nexpected:\n")
            && out.stdout.contains("SELECT id FROM t WHERE id IN (...)")
            && out.stdout.contains("SELECT name FROM t WHERE id IN (...)"),
        "{}",
        out.all()
    );
}

/// A catalogue file, as the repository has it.
fn catalogue(path: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A tree with the weblog fixture and the given catalogue specs.
fn weblog_tree(specs: &[(&str, String)]) -> Tree {
    let tree = Tree::new();
    tree.write(
        "specs/_fixtures/weblog.yaml",
        &catalogue("specs/_fixtures/weblog.yaml"),
    );
    for (name, text) in specs {
        tree.write(&format!("specs/{name}.yaml"), text);
    }
    tree
}

#[test]
fn the_n_plus_one_spec_fails_without_allow_naming_the_relation_and_the_fix() {
    let spec = catalogue("specs/seed/get_n_plus_1.yaml")
        .replace("    allow: [n_plus_one, duplicate_queries]\n", "");
    let tree = weblog_tree(&[("n_plus_1", spec)]);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 1, "{}", out.all());
    for expected in [
        "specs/n_plus_1.yaml:12:5: N+1: `Entry.blog` was loaded lazily, one query per object: 5 queries of one shape (",
        "fix: Entry.objects.select_related('blog'); or accept it with `allow: [n_plus_one]`",
        "specs/n_plus_1.yaml:15:5: N+1: `Entry.authors` was loaded lazily, one query per object: 5 queries",
        "fix: Entry.objects.prefetch_related('authors');",
    ] {
        assert!(out.stdout.contains(expected), "{expected}\n{}", out.all());
    }
    // With `allow`, as the catalogue has it, the same spec passes.
    let tree = weblog_tree(&[("n_plus_1", catalogue("specs/seed/get_n_plus_1.yaml"))]);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn select_related_prefetch_related_and_explicit_repeats_are_not_n_plus_one() {
    let explicit = r#"
fixtures: [weblog]
steps:
{% for pk in [1, 2, 3] %}
  - get: {model: Entry, pk: {{ pk }}}
{% endfor %}
  - sql: |
      SELECT name FROM app_blog WHERE id = 1;
      SELECT name FROM app_blog WHERE id = 2;
      SELECT name FROM app_blog WHERE id = 3;
"#;
    let tree = weblog_tree(&[
        (
            "select_related",
            catalogue("specs/orm/n_plus_one_select_related.yaml"),
        ),
        (
            "prefetch_related",
            catalogue("specs/orm/n_plus_one_prefetch_related.yaml"),
        ),
        ("explicit", explicit.to_string()),
    ]);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains("N+1"), "{}", out.all());
}

#[test]
fn a_lazy_load_through_a_many_valued_relation_suggests_prefetch_related_with_the_path() {
    let spec = r#"
fixtures: [weblog]
steps:
  - query: {model: Blog, access: [entry_set.authors]}
"#;
    let tree = weblog_tree(&[("nested", spec.to_string())]);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout
            .contains("fix: Blog.objects.prefetch_related('entry_set__authors')"),
        "{}",
        out.all()
    );
}

#[test]
fn a_statement_sent_twice_with_the_same_parameters_is_a_warning_unless_allowed() {
    let tree = Tree::new();
    tree.write(
        "specs/twice.yaml",
        "steps:\n  - sql: |\n      SELECT 1;\n      SELECT 2;\n      SELECT 1;\n  - sql: |\n      SELECT 1;\n      SELECT 1;\n    allow: [duplicate_queries]\n  - sql: |\n      BEGIN;\n      DECLARE c CURSOR FOR SELECT generate_series(1, 4);\n      FETCH 2 FROM c;\n      FETCH 2 FROM c;\n      COMMIT;\n",
    );
    let out = run(tree.cmd(&["bless", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let spec = spec_json(&out.stdout);
    assert_eq!(
        spec["warnings"],
        serde_json::json!([
            "step 1 sent the same statement with the same parameters 2 times: SELECT 1"
        ]),
        "{spec}"
    );
    let out = run(tree.cmd(&["run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("    warning: step 1 sent the same statement with the same parameters 2 times: SELECT 1\n"),
        "{}",
        out.all()
    );
}

/// Entries with a blog each, `n` of them, and a loop over entries touching their blog.
const SCALED: &str = r#"
scale: {var: n, values: [1, 5, 10]}
setup: |
  CREATE TABLE blog (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name varchar(100) NOT NULL);
  CREATE TABLE entry (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, blog_id bigint NOT NULL REFERENCES blog (id), headline varchar(100) NOT NULL);
  INSERT INTO blog (name) SELECT 'b' || i FROM generate_series(1, {{ n }}) i;
  INSERT INTO entry (blog_id, headline) SELECT i, 'e' || i FROM generate_series(1, {{ n }}) i;
models:
  Blog: {}
  Entry: {}
steps:
  - query: {model: Entry, access: [blog.name]}
    allow: [n_plus_one]
expect: {constant_queries: true}
"#;

#[test]
fn the_scaling_assertion_catches_an_n_plus_one_and_passes_its_fix() {
    let tree = Tree::new();
    tree.write("specs/lazy.yaml", SCALED);
    tree.write(
        "specs/joined.yaml",
        &SCALED.replace(
            "{model: Entry, access",
            "{model: Entry, select_related: [blog], access",
        ),
    );
    tree.write(
        "specs/prefetched.yaml",
        &SCALED.replace(
            "{model: Entry, access",
            "{model: Entry, prefetch_related: [blog], access",
        ),
    );
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout
            .contains("specs/lazy.yaml:14:9: query counts grow faster than `constant` with `n`: "),
        "{}",
        out.all()
    );
    let growing = out
        .stdout
        .lines()
        .find(|l| l.contains("linear") && l.contains("FROM \"blog\""))
        .unwrap_or_else(|| panic!("{}", out.all()));
    let counts: Vec<&str> = growing.split_whitespace().skip(1).take(3).collect();
    assert_eq!(counts, ["1", "5", "10"], "{growing}");
    assert!(
        out.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("NEW [") && l.ends_with(" joined")),
        "the select_related one passes: {}",
        out.all()
    );
    assert!(!tree.exists("golden/lazy.sql") && tree.exists("golden/joined.sql"));
    assert!(tree.exists("golden/prefetched.sql"), "{}", out.all());
    // The golden is the first value's run: one entry, one row.
    let golden = tree.read("golden/joined.sql");
    assert_eq!(golden.matches("-- rows: 1").count(), 1, "{golden}");
}

#[test]
fn with_linear_growth_allowed_the_growth_is_reported_and_the_spec_passes() {
    let tree = Tree::new();
    tree.write(
        "specs/lazy.yaml",
        &SCALED.replace("{constant_queries: true}", "{max_growth: linear}"),
    );
    let out = run(tree.cmd(&["bless", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let spec = spec_json(&out.stdout);
    let scaling = &spec["scaling"];
    assert_eq!(scaling["var"], "n");
    assert_eq!(scaling["values"], serde_json::json!(["1", "5", "10"]));
    let growths: Vec<&str> = scaling["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["growth"].as_str())
        .collect();
    assert_eq!(growths, ["constant", "linear"], "{scaling}");
}

#[test]
fn a_malformed_scale_is_refused_at_load_time() {
    let tree = Tree::new();
    for (name, text, message) in [
        ("no_scale", "expect: {constant_queries: true}\nsteps:\n  - sql: SELECT 1\n", "`constant_queries` and `max_growth` compare runs of a `scale:`, and the spec has none"),
        ("one_value", "scale: {var: n, values: [1]}\nsteps:\n  - sql: SELECT 1\n", "`scale.values` needs 2 to 10 values to compare (it has 1)"),
        ("bad_var", "scale: {var: 'n m', values: [1, 2]}\nsteps:\n  - sql: SELECT 1\n", "`scale.var` must be a template variable name"),
        ("templated", "scale: {var: n, values: [{{ 1 }}, 2]}\nsteps:\n  - sql: SELECT 1\n", "`scale` cannot use template syntax"),
        ("typo", "scale: {var: n, valuez: [1, 2]}\nsteps:\n  - sql: SELECT 1\n", "invalid `scale`: unknown key `valuez`"),
        ("superlinear", "scale: {var: n, values: [1, 2]}\nexpect: {max_growth: superlinear}\nsteps:\n  - sql: SELECT 1\n", "`max_growth` is `constant` or `linear`"),
    ] {
        tree.write(&format!("specs/{name}.yaml"), text);
        let out = run(tree.cmd(&["validate", &format!("specs/{name}.yaml")]));
        assert_eq!(out.code, 2, "{name}: {}", out.all());
        assert!(
            out.stderr.contains(&format!("specs/{name}.yaml:")) && out.stderr.contains(message),
            "{name}: {}",
            out.all()
        );
    }
}

const INDEXED: &str = r#"
setup: |
  CREATE TABLE note (id int PRIMARY KEY, notebook_id int NOT NULL, title text NOT NULL);
  CREATE INDEX note_notebook ON note (notebook_id);
  INSERT INTO note SELECT g, g % 100, 'n' || g FROM generate_series(1, 5000) g;
steps:
  - sql: EXPLAIN SELECT title FROM note WHERE id = 42
    expect:
      plan: {uses_index: note_pkey, node: Index Scan, rows_estimate: {max: 1}}
  - sql: SELECT title FROM note WHERE notebook_id = $1
    params: [3]
    expect:
      plan: {uses_index: note_notebook, no_seq_scan: [note], rows_estimate: {min: 10, max: 200}}
"#;

#[test]
fn plan_expectations_pass_with_the_index_and_fail_showing_the_plan_without_it() {
    let tree = Tree::new();
    tree.write("specs/indexed.yaml", INDEXED);
    tree.write(
        "specs/unindexed.yaml",
        &INDEXED.replace("  CREATE INDEX note_notebook ON note (notebook_id);\n", ""),
    );
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(tree.exists("golden/indexed.sql"), "{}", out.all());
    assert!(!tree.exists("golden/unindexed.sql"), "{}", out.all());
    assert!(
        out.stdout.contains(
            "specs/unindexed.yaml:12:13: the plan does not use the index `note_notebook`\nthe plan scans `note` sequentially\nplan:\n  Seq Scan on note (rows "
        ),
        "{}",
        out.all()
    );
    // The plan is checked on the side: the golden shows the step's own statements only.
    let golden = tree.read("golden/indexed.sql");
    assert!(!golden.contains("FORMAT JSON"), "{golden}");
    assert_eq!(golden.matches("-- step").count(), 2, "{golden}");
}

#[test]
fn a_malformed_plan_expectation_is_refused_at_load_time() {
    let tree = Tree::new();
    for (name, plan, message) in [
        (
            "empty",
            "{}",
            "`plan` needs `uses_index`, `node`, `no_seq_scan` or `rows_estimate`",
        ),
        (
            "number",
            "{no_seq_scan: 3}",
            "`no_seq_scan` is `true` (no sequential scan at all) or a list of tables",
        ),
        (
            "typo",
            "{uses_indx: a}",
            "unknown key `uses_indx` in `steps[0].expect.plan`, did you mean `uses_index`?",
        ),
    ] {
        tree.write(
            &format!("specs/{name}.yaml"),
            &format!("steps:\n  - sql: SELECT 1\n    expect:\n      plan: {plan}\n"),
        );
        let out = run(tree.cmd(&["validate", &format!("specs/{name}.yaml")]));
        assert_eq!(out.code, 2, "{name}: {}", out.all());
        assert!(
            out.stderr.contains(&format!("specs/{name}.yaml:4:")) && out.stderr.contains(message),
            "{name}: {}",
            out.all()
        );
    }
}

#[test]
fn the_runs_summary_counts_statements_names_the_slowest_and_lists_n_plus_one_findings() {
    let tree = weblog_tree(&[
        ("n_plus_1", catalogue("specs/seed/get_n_plus_1.yaml")),
        (
            "slow",
            "steps:\n  - sql: SELECT pg_sleep(0.05)\n  - sql: SELECT 1\n".to_string(),
        ),
    ]);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    for expected in [
        "statements: 14 in all; most: n_plus_1 (12), slow (2)\n",
        "slowest statements:\n",
        " ms  slow step 1: SELECT pg_sleep(0.05)\n",
        "N+1 findings:\n  n_plus_1 step 1: `Entry.blog`, 5 queries (",
        ") (allowed); fix: Entry.objects.select_related('blog')\n",
    ] {
        assert!(out.stdout.contains(expected), "{expected}\n{}", out.all());
    }
    assert_eq!(out.last_line(), "2 passed, 0 failed", "{}", out.all());
    // The same in the JSON report's summary and in JUnit's suite output.
    let out = run(tree.cmd(&["run", "--format", "json"]));
    let summary: serde_json::Value = out
        .stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|value| value["type"] == "summary")
        .unwrap_or_else(|| panic!("{}", out.stdout));
    let diagnostics = &summary["diagnostics"];
    assert_eq!(diagnostics["statements"], 14, "{diagnostics}");
    assert_eq!(diagnostics["slowest"][0]["spec"], "slow", "{diagnostics}");
    assert_eq!(
        diagnostics["n_plus_one"][0][1]["relation"], "Entry.blog",
        "{diagnostics}"
    );
    let out = run(tree.cmd(&["run", "--format", "junit"]));
    assert!(
        out.stdout.contains("<system-out>")
            && out.stdout.contains("n_plus_1 step 2: `Entry.authors`"),
        "{}",
        out.stdout
    );
}

#[test]
fn plans_do_not_depend_on_the_servers_planner_settings() {
    let server = pgscenario::db::server::EmbeddedServer::start(
        &pgscenario::db::server::ServerOptions::default(),
    )
    .expect("embedded PostgreSQL");
    let tree = Tree::new();
    tree.write("specs/indexed.yaml", INDEXED);
    let mut cmd = tree.cmd(&["bless"]);
    // A server tuned against index scans, as the URL's startup options tune every session.
    cmd.env(
        "DATABASE_URL",
        format!(
            "{}&options=-c%20enable_indexscan%3Doff%20-c%20enable_bitmapscan%3Doff%20-c%20random_page_cost%3D1000",
            server.url()
        ),
    );
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
}
