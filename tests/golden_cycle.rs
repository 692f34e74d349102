//! The golden-file workflow: missing golden, bless, pass, edit, diff, bless again.

mod support;

use support::{files_below, run, Tree, SIMPLE};

#[test]
fn missing_golden_fails_with_the_command_that_creates_it() {
    let tree = Tree::new();
    tree.write("specs/simple.yaml", SIMPLE);
    let out = run(tree.cmd(&["run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains(
            "no golden file golden/simple.sql; the new log is in golden/simple.sql.new: `pgscenario review`, or `pgscenario accept simple`; create it with `pgscenario bless specs/simple.yaml`"
        ),
        "{}",
        out.all()
    );
    assert_eq!(out.last_line(), "0 passed, 1 failed");
    assert!(
        !tree.exists("golden/simple.sql"),
        "run never writes goldens"
    );
    assert!(tree.exists("golden/simple.sql.new"), "only a pending one");
}

#[test]
fn bless_writes_then_run_passes_and_an_edited_golden_shows_a_diff() {
    let tree = Tree::new();
    tree.write("specs/simple.yaml", SIMPLE);
    let blessed = run(tree.cmd(&["bless"]));
    assert_eq!(blessed.code, 0, "{}", blessed.all());
    assert!(
        blessed
            .stdout
            .contains("goldens: 1 written (1 new), 0 unchanged"),
        "{}",
        blessed.all()
    );
    let golden = tree.read("golden/simple.sql");
    assert_eq!(
        golden,
        "-- step 1: sql\nINSERT INTO t (v) VALUES ($1) RETURNING id;\n-- params: ['a']\n-- rows: 1\n\
         -- step 2: sql\nINSERT INTO t (v) VALUES ('b');\n-- rows: 1\n"
    );

    let passed = run(tree.cmd(&["run"]));
    assert_eq!(passed.code, 0, "{}", passed.all());
    assert_eq!(passed.last_line(), "1 passed, 0 failed");

    tree.write("golden/simple.sql", &golden.replace("'b'", "'c'"));
    let failed = run(tree.cmd(&["run"]));
    assert_eq!(failed.code, 1, "{}", failed.all());
    assert!(
        failed
            .stdout
            .contains("--- golden/simple.sql\n+++ actual\n"),
        "{}",
        failed.all()
    );
    assert!(
        failed
            .stdout
            .contains("-INSERT INTO t (v) VALUES ('c');\n+INSERT INTO t (v) VALUES ('b');"),
        "{}",
        failed.all()
    );
    assert!(
        failed
            .stdout
            .contains("run `pgscenario bless specs/simple.yaml`"),
        "{}",
        failed.all()
    );

    let again = run(tree.cmd(&["run", "--bless"]));
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(
        again
            .stdout
            .contains("goldens: 1 written (0 new), 0 unchanged"),
        "{}",
        again.all()
    );
    assert_eq!(tree.read("golden/simple.sql"), golden);
    let unchanged = run(tree.cmd(&["bless"]));
    assert!(
        unchanged
            .stdout
            .contains("goldens: 0 written (0 new), 1 unchanged"),
        "{}",
        unchanged.all()
    );
}

#[test]
fn bless_touches_only_the_goldens_of_specs_that_ran_and_passed() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE)
        .write("specs/b.yaml", SIMPLE);
    tree.write("golden/b.sql", "-- kept as it is\n");
    tree.write(
        "specs/broken.yaml",
        "steps:\n  - sql: SELECT 1\n    expect: {rows: [[2]]}\n",
    );
    let out = run(tree.cmd(&["bless", "specs/a.yaml", "specs/broken.yaml"]));
    assert_eq!(
        out.code,
        1,
        "a failing expectation fails bless too: {}",
        out.all()
    );
    assert!(tree.exists("golden/a.sql"));
    assert!(
        !tree.exists("golden/broken.sql"),
        "a spec whose expectations fail is not blessed"
    );
    assert_eq!(
        tree.read("golden/b.sql"),
        "-- kept as it is\n",
        "specs that did not run keep their goldens"
    );
    assert!(
        out.stdout
            .contains("rows differ\nexpected:\n  [2]\nactual:\n  [1]"),
        "{}",
        out.all()
    );
    assert_eq!(
        files_below(&tree.path("golden")),
        vec!["a.sql", "b.sql"],
        "no temporary files left"
    );
}

#[test]
fn stale_goldens_are_listed_and_pruned_only_on_request() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE)
        .write("golden/gone/old.sql", "-- spec deleted\n");
    let listed = run(tree.cmd(&["list", "--stale"]));
    assert_eq!(
        listed.code,
        1,
        "stale goldens are a finding: {}",
        listed.all()
    );
    assert_eq!(listed.stdout, "golden/gone/old.sql\n");
    let blessed = run(tree.cmd(&["bless"]));
    assert_eq!(blessed.code, 0, "{}", blessed.all());
    assert!(
        tree.exists("golden/gone/old.sql"),
        "bless without --prune keeps stale goldens"
    );
    let pruned = run(tree.cmd(&["bless", "--prune"]));
    assert_eq!(pruned.code, 0, "{}", pruned.all());
    assert!(
        pruned
            .stdout
            .contains("removed stale golden golden/gone/old.sql"),
        "{}",
        pruned.all()
    );
    assert!(!tree.exists("golden/gone/old.sql"));
    assert!(
        !tree.exists("golden/gone"),
        "the emptied directory goes too"
    );
    assert!(tree.exists("golden/a.sql"));
    assert_eq!(run(tree.cmd(&["list", "--stale"])).code, 0);
}

#[test]
fn serial_and_parallel_runs_write_identical_goldens() {
    let tree = Tree::new();
    for i in 0..12 {
        let spec = SIMPLE.replace("[a]", &format!("[a{i}]"));
        tree.write(&format!("specs/s{i:02}.yaml"), &spec);
    }
    let serial = run(tree.cmd(&["bless", "--jobs", "1"]));
    assert_eq!(serial.code, 0, "{}", serial.all());
    let snapshot = |tree: &Tree| {
        files_below(&tree.path("golden"))
            .into_iter()
            .map(|f| (f.clone(), tree.read(&format!("golden/{f}"))))
            .collect::<Vec<_>>()
    };
    let first = snapshot(&tree);
    assert_eq!(first.len(), 12);
    std::fs::remove_dir_all(tree.path("golden")).unwrap();
    let parallel = run(tree.cmd(&["bless", "--jobs", "8"]));
    assert_eq!(parallel.code, 0, "{}", parallel.all());
    assert_eq!(
        snapshot(&tree),
        first,
        "goldens differ between --jobs 1 and --jobs 8"
    );
    let verify = run(tree.cmd(&["run", "--jobs", "4"]));
    assert_eq!(
        verify.last_line(),
        "12 passed, 0 failed",
        "{}",
        verify.all()
    );
}

/// Two specs whose goldens the run will find changed, and one that matches.
fn changed_tree() -> Tree {
    let tree = Tree::new();
    for name in ["a", "b", "c"] {
        tree.write(&format!("specs/orm/{name}.yaml"), SIMPLE);
    }
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    tree.write("golden/orm/a.sql", "-- the old a\n");
    tree.write("golden/orm/b.sql", "-- the old b\n");
    tree
}

#[test]
fn a_failing_run_leaves_pending_goldens_that_accept_and_reject_settle() {
    let tree = changed_tree();
    let fresh = tree.read("golden/orm/c.sql");
    let out = run(tree.cmd(&["run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr
            .contains("note: 2 pending golden(s): review them with `pgscenario review`"),
        "{}",
        out.all()
    );
    assert_eq!(
        tree.read("golden/orm/a.sql"),
        "-- the old a\n",
        "the golden stays"
    );
    assert_eq!(tree.read("golden/orm/a.sql.new"), fresh);
    assert!(!tree.exists("golden/orm/c.sql.new"), "a match leaves none");
    let listed = run(tree.cmd(&["list", "--pending"]));
    assert_eq!(listed.code, 1);
    assert_eq!(
        listed.stdout,
        "golden/orm/a.sql.new\ngolden/orm/b.sql.new\n"
    );

    let accepted = run(tree.cmd(&["accept", "orm/a"]));
    assert_eq!(accepted.code, 0, "{}", accepted.all());
    assert_eq!(accepted.stdout, "accepted golden/orm/a.sql\n");
    assert_eq!(tree.read("golden/orm/a.sql"), fresh);
    let rejected = run(tree.cmd(&["reject", "-k", "b"]));
    assert_eq!(rejected.stdout, "rejected golden/orm/b.sql.new\n");
    assert_eq!(tree.read("golden/orm/b.sql"), "-- the old b\n");
    assert_eq!(run(tree.cmd(&["list", "--pending"])).code, 0);
    assert_eq!(run(tree.cmd(&["accept"])).stdout, "no pending goldens\n");
    // The rejected change is still a difference: the next run writes it again.
    assert_eq!(run(tree.cmd(&["run"])).code, 1);
    assert!(tree.exists("golden/orm/b.sql.new"));
    // A run that matches again removes its pending golden.
    tree.write("golden/orm/b.sql", &fresh);
    assert_eq!(run(tree.cmd(&["run"])).code, 0);
    assert!(!tree.exists("golden/orm/b.sql.new"));
}

#[test]
fn review_shows_each_diff_and_takes_a_key_for_each() {
    let tree = changed_tree();
    tree.write("golden/orm/c.sql", "-- the old c\n");
    assert_eq!(run(tree.cmd(&["run"])).code, 1);
    let fresh = tree.read("golden/orm/a.sql.new");
    let mut review = tree.cmd(&["review"]);
    // a: show the old one, then accept; b: reject; c: skip.
    review.write_stdin("o\na\nr\ns\n");
    let out = run(review);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("── orm/a (1/3): golden/orm/a.sql\n--- golden/orm/a.sql\n+++ actual\n"),
        "{}",
        out.all()
    );
    assert!(
        out.stdout.contains("-- the old a\n"),
        "`o` shows the old golden: {}",
        out.all()
    );
    assert!(
        out.stdout.ends_with("accepted 1, rejected 1, skipped 1\n"),
        "{}",
        out.all()
    );
    assert_eq!(tree.read("golden/orm/a.sql"), fresh);
    assert_eq!(tree.read("golden/orm/b.sql"), "-- the old b\n");
    assert!(!tree.exists("golden/orm/b.sql.new"));
    assert!(tree.exists("golden/orm/c.sql.new"), "skipped stays pending");
    assert_eq!(tree.read("golden/orm/c.sql"), "-- the old c\n");
}

#[test]
fn on_ci_nothing_is_written_unless_forced_and_check_names_pending_and_stale_goldens() {
    let tree = changed_tree();
    let mut on_ci = tree.cmd(&["run"]);
    on_ci.env("CI", "true");
    assert_eq!(run(on_ci).code, 1);
    assert!(
        !tree.exists("golden/orm/a.sql.new"),
        "CI writes no pending golden"
    );
    let mut bless = tree.cmd(&["bless"]);
    bless.env("CI", "1");
    let refused = run(bless);
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(
        refused
            .stderr
            .contains("the CI variable is set, and on CI goldens are not written"),
        "{}",
        refused.all()
    );
    assert_eq!(tree.read("golden/orm/a.sql"), "-- the old a\n");

    // A local run leaves pending goldens, and a golden lost its spec: --check names both.
    assert_eq!(run(tree.cmd(&["run"])).code, 1);
    tree.write("golden/orm/gone.sql", "-- no spec\n");
    let mut check = tree.cmd(&["run", "--check"]);
    check.env("PGSCENARIO_UPDATE", "always");
    let checked = run(check);
    assert_eq!(checked.code, 1, "{}", checked.all());
    for line in [
        "error: pending golden golden/orm/a.sql.new",
        "error: pending golden golden/orm/b.sql.new",
        "error: golden golden/orm/gone.sql has no spec",
    ] {
        assert!(checked.stderr.contains(line), "{line}: {}", checked.all());
    }
    assert_eq!(
        tree.read("golden/orm/a.sql"),
        "-- the old a\n",
        "--check writes nothing"
    );

    // Forced: PGSCENARIO_UPDATE=always writes the goldens themselves, on CI too.
    let mut always = tree.cmd(&["run"]);
    always.env("CI", "true").env("PGSCENARIO_UPDATE", "always");
    assert_eq!(run(always).code, 0);
    assert_eq!(tree.read("golden/orm/a.sql"), tree.read("golden/orm/c.sql"));
    let mut forced = tree.cmd(&["bless", "--force", "--prune"]);
    forced.env("CI", "true");
    assert_eq!(run(forced).code, 0);
    assert!(!tree.exists("golden/orm/gone.sql"));
    assert_eq!(run(tree.cmd(&["reject"])).code, 0);
    assert_eq!(run(tree.cmd(&["run", "--check"])).code, 0);
}

#[test]
fn the_bless_hint_repeats_the_vars_that_made_the_log() {
    let tree = Tree::new();
    tree.write(
        "specs/v.yaml",
        "vars: {n: 1}\nsteps:\n  - sql: SELECT {{ n }}\n",
    );
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    let out = run(tree.cmd(&["run", "--var", "n=2", "--var", "label=a b"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout
            .contains("run `pgscenario bless specs/v.yaml --var n=2 --var 'label=a b'`"),
        "{}",
        out.all()
    );
}

/// A failing comparison says what kind of change it is, and the summary counts them.
#[test]
fn the_diff_says_what_changed_and_the_summary_counts_it() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    assert_eq!(run(tree.cmd(&["bless"])).code, 0);
    let golden = tree.read("golden/a.sql");
    // The golden had another parameter, no second INSERT, and a DELETE since gone.
    let old = golden
        .replace("-- params: ['a']", "-- params: ['z']")
        .replace("INSERT INTO t (v) VALUES ('b');\n", "DELETE FROM t;\n");
    tree.write("golden/a.sql", &old);
    let out = run(tree.cmd(&["run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("changes: 1 statement added, 1 statement removed, 1 statement with new values\n--- golden/a.sql\n"),
        "{}",
        out.all()
    );
    assert!(
        out.stdout.contains(
            "golden changes: 1 statement added, 1 statement removed, 1 statement with new values\n"
        ),
        "{}",
        out.all()
    );
}
