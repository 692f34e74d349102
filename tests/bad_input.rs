//! Bad input gets a one-line error naming file:line:column (or the server's message), exit
//! code 2, and loses nothing.

mod support;

use support::{files_below, run, Tree, SIMPLE};

/// The first stderr/stdout line that starts with `error:`.
fn error_line(out: &support::Outcome) -> String {
    out.stderr
        .lines()
        .chain(out.stdout.lines())
        .find(|l| l.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error line in\n{}", out.all()))
        .to_string()
}

fn validate_error(spec: &str) -> String {
    let tree = Tree::new();
    tree.write("specs/bad.yaml", spec);
    let out = run(tree.cmd(&["validate"]));
    assert_eq!(out.code, 2, "{}", out.all());
    error_line(&out)
}

#[test]
fn malformed_yaml_names_the_line() {
    let line = validate_error("steps:\n  - sql: SELECT 1\n   bad: indent: here\n");
    assert!(line.starts_with("error: specs/bad.yaml:3:"), "{line}");
}

#[test]
fn unknown_keys_get_a_suggestion() {
    let line = validate_error("description: x\nstpes:\n  - sql: SELECT 1\n");
    assert_eq!(
        line,
        "error: specs/bad.yaml:2:1: unknown key `stpes`, did you mean `steps`?"
    );
    let nested = validate_error("steps:\n  - sql: SELECT 1\n    expect: {row_cont: 1}\n");
    assert_eq!(
        nested,
        "error: specs/bad.yaml:3:14: unknown key `row_cont` in `steps[0].expect`, did you mean `row_count`?"
    );
}

#[test]
fn wrong_types_name_the_key_and_place() {
    let line = validate_error("steps:\n  - sql: SELECT 1\n    params: notalist\n");
    assert_eq!(
        line,
        "error: specs/bad.yaml:3:13: steps[0].params: invalid type: string \"notalist\", expected a sequence"
    );
}

#[test]
fn template_errors_name_the_template_line() {
    let line = validate_error("steps:\n  - sql: SELECT 1\n  - sql: SELECT {{ missing }}\n");
    assert!(
        line.starts_with("error: specs/bad.yaml:3:1: template error: undefined variable `missing` (the spec has no vars)"),
        "{line}"
    );
}

#[test]
fn includes_cannot_leave_the_specs_root() {
    let line = validate_error("steps:\n  - sql: {% include '../secret.sql' %}\n");
    assert!(
        line.starts_with("error: specs/bad.yaml:2:1: template error"),
        "{line}"
    );
    assert!(
        line.contains("include of `../secret.sql` is outside the specs root"),
        "{line}"
    );
}

#[test]
fn errors_in_a_fixture_name_the_fixture_file() {
    let tree = Tree::new();
    tree.write(
        "specs/_fixtures/base.yaml",
        "setup: CREATE TABLE x (id int)\nteardown: nope\n",
    );
    tree.write(
        "specs/uses.yaml",
        "fixtures: [base]\nsteps:\n  - sql: SELECT 1\n",
    );
    tree.write(
        "specs/typo.yaml",
        "fixtures: [bsae]\nsteps:\n  - sql: SELECT 1\n",
    );
    let out = run(tree.cmd(&["validate"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr
            .contains("error: specs/_fixtures/base.yaml:2:1: unknown key `teardown`"),
        "{}",
        out.all()
    );
    assert!(
        out.stderr.contains("error: specs/typo.yaml:1:12: unknown fixture `bsae` (no specs/_fixtures/bsae.yaml), did you mean `base`?"),
        "{}",
        out.all()
    );
}

#[test]
fn a_spec_that_is_not_utf8_is_rejected_with_its_line() {
    let tree = Tree::new();
    std::fs::write(
        tree.path("specs/bin.yaml"),
        b"steps:\n  - sql: SELECT '\xff'\n",
    )
    .unwrap();
    let out = run(tree.cmd(&["validate"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        error_line(&out),
        "error: specs/bin.yaml:2:1: the file is not valid UTF-8"
    );
}

#[test]
fn failing_setup_shows_statement_message_and_position_and_other_specs_still_run() {
    let tree = Tree::new();
    tree.write(
        "specs/setup.yaml",
        "setup: |\n  CREATE TABLE a (id int);\n  CREATE TABLE b (id innt);\nsteps:\n  - sql: SELECT 1\n",
    );
    tree.write("specs/fine.yaml", SIMPLE);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stdout.contains(
            "error: specs/setup.yaml:3:22: setup failed: 42704: type \"innt\" does not exist in `CREATE TABLE b (id innt)`"
        ),
        "{}",
        out.all()
    );
    assert!(
        tree.exists("golden/fine.sql"),
        "the good spec still ran and was blessed"
    );
    assert!(!tree.exists("golden/setup.sql"));
    assert_eq!(out.last_line(), "1 passed, 0 failed, 1 error");
}

#[test]
fn an_unexpected_step_error_fails_the_spec_at_the_statement() {
    let tree = Tree::new();
    tree.write(
        "specs/oops.yaml",
        "steps:\n  - sql: |\n      SELECT 1;\n      SELEC 2\n  - sql: SELECT 3\n",
    );
    let out = run(tree.cmd(&["run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "specs/oops.yaml:4:7: step 1 failed: ProgrammingError (42601): syntax error at or near \"SELEC\""
        ),
        "{}",
        out.all()
    );
}

#[test]
fn a_database_that_refuses_connections_is_one_line_without_the_password() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    let out = run(tree.cmd(&[
        "run",
        "--database-url",
        "postgres://ann:hunter2@127.0.0.1:1/db",
    ]));
    assert_eq!(out.code, 2, "{}", out.all());
    let line = error_line(&out);
    assert!(
        line.starts_with("error: cannot connect to postgres://ann:***@127.0.0.1:1/db: "),
        "{line}"
    );
    assert!(
        !out.all().contains("hunter2"),
        "the password leaked: {}",
        out.all()
    );
    let from_env = run({
        let mut cmd = tree.cmd(&["run"]);
        cmd.env("DATABASE_URL", "postgresql://ann:hunter2@127.0.0.1:1/db");
        cmd
    });
    assert_eq!(from_env.code, 2);
    assert!(!from_env.all().contains("hunter2"), "{}", from_env.all());
}

#[test]
fn a_hanging_spec_is_stopped_at_its_timeout_and_the_run_goes_on() {
    let tree = Tree::new();
    tree.write(
        "specs/hang.yaml",
        "steps:\n  - sql: SELECT 1\n  - sql: SELECT pg_sleep(60)\n",
    );
    tree.write("specs/fine.yaml", SIMPLE);
    let started = std::time::Instant::now();
    let out = run(tree.cmd(&["bless", "--timeout", "1"]));
    assert!(
        started.elapsed().as_secs() < 30,
        "the timeout did not stop the spec"
    );
    // A timeout is the spec's failure (exit 1, as nextest counts it), naming the step's
    // line and the statement the server was running.
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "specs/hang.yaml:3:5: timed out after 1s in step 2; the server was running: SELECT pg_sleep(60) (the sandbox was dropped)"
        ),
        "{}",
        out.all()
    );
    assert!(tree.exists("golden/fine.sql"));
    assert!(!tree.exists("golden/hang.sql"));
}

#[test]
fn crlf_and_invalid_utf8_goldens_are_clear_errors_that_bless_repairs() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE)
        .write("specs/b.yaml", SIMPLE);
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    let golden = tree.read("golden/a.sql");
    tree.write("golden/a.sql", &golden.replace('\n', "\r\n"));
    std::fs::write(tree.path("golden/b.sql"), b"-- step 1: sql\n\xfe\n").unwrap();
    let out = run(tree.cmd(&["run"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stdout
            .contains("error: golden/a.sql:1: the golden file has CRLF line endings"),
        "{}",
        out.all()
    );
    assert!(
        out.stdout
            .contains("error: golden/b.sql:2: the golden file is not valid UTF-8"),
        "{}",
        out.all()
    );
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    assert_eq!(tree.read("golden/a.sql"), golden);
    assert_eq!(run(tree.cmd(&["run"])).code, 0);
}

#[test]
fn bad_arguments_exit_2() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    assert_eq!(run(tree.cmd(&["run", "--jobs", "0"])).code, 2);
    assert_eq!(run(tree.cmd(&["run", "--format", "xml"])).code, 2);
    assert_eq!(run(tree.cmd(&["run", "--var", "novalue"])).code, 2);
    let missing = run(tree.cmd(&["run", "specs/nope.yaml"]));
    assert_eq!(missing.code, 2);
    assert_eq!(
        error_line(&missing),
        "error: no such spec file or directory: specs/nope.yaml"
    );
    assert_eq!(files_below(&tree.path("specs")), vec!["a.yaml"]);
}

#[test]
fn no_url_and_no_postgres_binaries_names_both_ways_out() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = tree.cmd(&["run"]);
    cmd.env("PG_BIN", empty.path());
    let out = run(cmd);
    assert_eq!(out.code, 2, "{}", out.all());
    let line = error_line(&out);
    assert!(
        line.contains("no PostgreSQL server binaries found"),
        "{line}"
    );
    assert!(line.contains("install PostgreSQL"), "{line}");
    assert!(
        line.contains("docker compose up -d") && line.contains("DATABASE_URL="),
        "{line}"
    );
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.all());
}

/// Mistakes `validate` catches without a database, each at its place.
#[test]
fn validate_names_malformed_sqlstates_unknown_refs_and_undefined_variables() {
    let tree = Tree::new();
    for (name, text, message) in [
        (
            "sqlstate",
            "steps:\n  - sql: SELECT 1\n    expect: {error: \"2350\"}\n",
            "specs/sqlstate.yaml:3:22: `2350` is neither a SQLSTATE",
        ),
        (
            "unknown_ref",
            "models:\n  Item: {table: item}\nsteps:\n  - create: {model: Item, values: {name: a}, as: first}\n  - update: {model: Item, filter: {pk: {ref: frist}}, values: {name: x}}\n",
            "specs/unknown_ref.yaml:5:46: unknown instance `frist`, did you mean `first`?",
        ),
        (
            "undefined",
            "vars: {rows: 3}\nsteps:\n  - sql: SELECT {{ row }}\n",
            "undefined variable `row` (the spec's vars: rows); give it a default in `vars:` or a value with `--var row=...`",
        ),
    ] {
        tree.write(&format!("specs/{name}.yaml"), text);
        let out = run(tree.cmd(&["validate", &format!("specs/{name}.yaml")]));
        assert_eq!(out.code, 2, "{name}: {}", out.all());
        assert!(out.stderr.contains(message), "{name}: {}", out.all());
    }
}

#[test]
fn run_time_errors_show_their_line_and_their_cause() {
    let tree = Tree::new();
    tree.write(
        "specs/field.yaml",
        "models:\n  Item: {table: item}\nsetup: CREATE TABLE item (id serial PRIMARY KEY, name text)\nsteps:\n  - create: {model: Item, values: {nme: x}}\n",
    );
    tree.write(
        "specs/aborted.yaml",
        "steps:\n  - sql: BEGIN\n  - sql: SELECT 1/0\n    expect: {error: \"22012\"}\n  - sql: SELECT 1\n",
    );
    let out = run(tree.cmd(&["run"]));
    assert!(
        out.stdout.contains("error: specs/field.yaml:5:5: step 1: model `Item` has no field `nme`, did you mean `name`?\n  |\n5 |   - create: {model: Item, values: {nme: x}}\n  |     ^\n"),
        "{}",
        out.all()
    );
    assert!(
        out.stdout.contains("step 3 failed: InternalError (25P02): current transaction is aborted, commands ignored until end of transaction block; the transaction was aborted by step 2's error (22012: division by zero) in `SELECT 1/0`, and only ROLLBACK ends it"),
        "{}",
        out.all()
    );
    let show = run(tree.cmd(&["show", "specs"]));
    assert_eq!(show.code, 2);
    assert!(
        show.stderr.contains("specs is a directory: this command takes one spec file (such as specs/aborted.yaml); `pgscenario run specs` runs them all"),
        "{}",
        show.all()
    );
}

/// Timestamps the author wrote are constants of the spec, shown as written; what the
/// server makes up (now()) is redacted.
#[test]
fn literal_timestamps_of_the_spec_are_not_redacted() {
    let tree = Tree::new();
    tree.write(
        "specs/t.yaml",
        "setup: CREATE TABLE ev (at timestamptz); INSERT INTO ev VALUES ('2024-05-01 12:00:00+02')\nsteps:\n  - sql: SELECT at, now() AS made_up FROM ev\n    show_rows: true\n",
    );
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        tree.read("golden/t.sql")
            .contains("-- | 2024-05-01 10:00:00+00 | [TIMESTAMP]\n"),
        "{}",
        tree.read("golden/t.sql")
    );
}

/// `validate` reports every error of a file in the order of the file, as a compiler does:
/// each structural one (a bad step does not hide the next), then, when the file reads, each
/// failed check, with the steps after a failed one still checked.
#[test]
fn validate_reports_every_error_of_a_file_in_order() {
    let tree = Tree::new();
    tree.write(
        "specs/shape.yaml",
        "name: shape\ndescripton: typo\nsteps:\n  - sql: SELECT 1\n    parms: [1]\n  - sql: SELECT 2\n  - create: {model: Book, fields: 5}\n  - check: SELECT 4\n    expect: {rows: many}\ntimeout: soon\n",
    );
    tree.write(
        "specs/checks.yaml",
        "models:\n  Book: {table: book}\nsteps:\n  - create: {model: Bok, values: {title: a}, as: b1}\n  - create: {model: Book, values: {title: a}, as: b2}\n  - save: {instance: b1}\n  - save: {instance: b3}\n  - sql: SELECT 1\n    session: nope\ntimeout: -5\n",
    );
    tree.write("specs/fine.yaml", SIMPLE);
    let out = run(tree.cmd(&["validate"]));
    assert_eq!(out.code, 2, "{}", out.all());
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        errors,
        vec![
            "error: specs/checks.yaml:4:21: unknown model `Bok`, did you mean `Book`?",
            // b1's step failed, yet `as: b1` still names a Book: no second error for it.
            "error: specs/checks.yaml:7:22: unknown instance `b3`",
            "error: specs/checks.yaml:9:14: unknown session `nope`",
            "error: specs/checks.yaml:10:10: timeout must be a positive number of seconds, at most 604800 (a week); got -5",
            "error: specs/shape.yaml:2:1: unknown key `descripton`, did you mean `description`?",
            "error: specs/shape.yaml:5:5: unknown key `parms` in `steps[0]`, did you mean `params`?",
            // Named as the file has it, though step 0 was blanked out to read on.
            "error: specs/shape.yaml:7:27: unknown key `fields` in `steps[2].create`",
            "error: specs/shape.yaml:9:20: steps[3].expect.rows: invalid type: string \"many\", expected a sequence",
            "error: specs/shape.yaml:10:10: timeout: invalid type: string \"soon\", expected f64",
            "error: 9 errors in 2 files (1 valid)",
        ],
        "{}",
        out.all()
    );
    // Each with its snippet.
    assert!(
        out.stderr.contains(
            "7 |   - create: {model: Book, fields: 5}\n  |                           ^\n"
        ),
        "{}",
        out.all()
    );
    // The JSON report of a run keeps them together, the file's first error first.
    let run_out = run(tree.cmd(&["run", "--format", "json", "specs/shape.yaml"]));
    assert_eq!(run_out.code, 2, "{}", run_out.all());
    let report: serde_json::Value = run_out
        .stdout
        .lines()
        .find(|l| l.contains("load-error"))
        .map(|l| serde_json::from_str(l).unwrap())
        .unwrap_or_else(|| panic!("no load error in {}", run_out.all()));
    assert_eq!(report["location"], "specs/shape.yaml:2:1");
    assert_eq!(report["also"].as_array().map(Vec::len), Some(4), "{report}");
}
