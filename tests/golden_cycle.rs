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
            "no golden file golden/simple.sql; create it with `pgscenario bless specs/simple.yaml`"
        ),
        "{}",
        out.all()
    );
    assert_eq!(out.last_line(), "0 passed, 1 failed");
    assert!(
        !tree.exists("golden/simple.sql"),
        "run never writes goldens"
    );
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
    assert_eq!(listed.code, 0, "{}", listed.all());
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
    assert!(tree.exists("golden/a.sql"));
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
