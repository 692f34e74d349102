//! Input a hostile (or careless) user can give: every case ends with a clear error within
//! its time, exit code 2, no panic and nothing lost.

mod support;

use support::{run, Tree, SIMPLE};

fn assert_refused(out: &support::Outcome, needle: &str) {
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.all().contains(needle),
        "`{needle}` not in {}",
        out.all()
    );
    assert!(!out.all().contains("panicked"), "{}", out.all());
}

#[test]
fn huge_timeouts_are_refused_wherever_they_are_given() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    for value in ["1e308", "inf", "NaN", "-1", "0", "604801"] {
        let out = run(tree.cmd(&["run", "--timeout", value]));
        assert_eq!(out.code, 2, "--timeout {value}: {}", out.all());
        assert!(!out.all().contains("panicked"), "{}", out.all());
    }
    let out = run(tree.cmd(&["run", "--timeout", "1e308"]));
    assert_refused(&out, "at most 604800");

    let spec = Tree::new();
    spec.write("specs/a.yaml", &format!("timeout: 1e308\n{SIMPLE}"));
    let out = run(spec.cmd(&["validate"]));
    assert_refused(&out, "specs/a.yaml:1:");

    let project = Tree::new();
    project.write("specs/a.yaml", SIMPLE);
    project.write("pgscenario.toml", "timeout = 1e308\n");
    let out = run(project.cmd(&["validate"]));
    assert_refused(&out, "pgscenario.toml");
    assert_refused(&run(project.cmd(&["run"])), "at most 604800");
}

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[test]
fn fifos_in_place_of_specs_includes_and_goldens_are_refused_at_once() {
    let tree = Tree::new();
    tree.write("specs/ok.yaml", SIMPLE);
    mkfifo(&tree.path("specs/pipe.yaml"));
    // Discovery lists regular files only; named on the command line, the FIFO is refused.
    assert_eq!(run(tree.cmd(&["validate"])).code, 0);
    let out = run(tree.cmd(&["validate", "specs/pipe.yaml"]));
    assert_refused(
        &out,
        "specs/pipe.yaml:1:1: cannot read: not a regular file (a FIFO)",
    );

    let include = Tree::new();
    include.write(
        "specs/a.yaml",
        "steps:\n  - sql: {% include 'part.sql' %}\n",
    );
    mkfifo(&include.path("specs/part.sql"));
    let out = run(include.cmd(&["validate"]));
    assert_refused(&out, "not a regular file (a FIFO)");

    let golden = Tree::new();
    golden.write("specs/a.yaml", SIMPLE);
    std::fs::create_dir_all(golden.path("golden")).unwrap();
    mkfifo(&golden.path("golden/a.sql"));
    let out = run(golden.cmd(&["run"]));
    assert_refused(&out, "not a regular file (a FIFO)");
}

#[test]
fn yaml_nested_a_hundred_thousand_deep_is_refused_in_linear_time() {
    let tree = Tree::new();
    let depth = 100_000;
    tree.write(
        "specs/deep.yaml",
        &format!("steps: {}{}\n", "[".repeat(depth), "]".repeat(depth)),
    );
    let out = run(tree.cmd(&["validate"]));
    assert_refused(&out, "specs/deep.yaml:1:263: YAML nested too deeply");
    // The snippet shows a window of the line, not 200,000 characters.
    assert!(
        out.all().len() < 2_000,
        "{} bytes of output",
        out.all().len()
    );
}

#[test]
fn goldens_get_the_umask_mode_and_keep_their_own() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |tree: &Tree| {
        std::fs::metadata(tree.path("golden/a.sql"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    // Under umask 022 (the common default), as a shell would run it.
    let binary = assert_cmd::cargo::cargo_bin("pgscenario");
    let mut bless = std::process::Command::new("sh");
    bless
        .args(["-c", "umask 022 && exec \"$0\" bless"])
        .arg(&binary)
        .current_dir(tree.path(""))
        .env_remove("DATABASE_URL")
        .env_remove("CI");
    let status = bless.status().expect("run pgscenario");
    assert!(status.success());
    assert_eq!(mode(&tree), 0o644);
    std::fs::set_permissions(
        tree.path("golden/a.sql"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    tree.write(
        "specs/a.yaml",
        &SIMPLE.replace("VALUES ('b')", "VALUES ('c')"),
    );
    assert!(bless.status().expect("run pgscenario").success());
    assert_eq!(mode(&tree), 0o640);
}

#[test]
fn runaway_templates_stop_with_a_clear_error_and_the_other_specs_load() {
    let tree = Tree::new();
    tree.write(
        "specs/ok.yaml",
        "vars: {n: 2}\nsteps:\n  - sql: SELECT {{ n }}\n",
    );
    tree.write(
        "specs/loops.yaml",
        "steps:\n  - sql: SELECT {% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}1\n",
    );
    tree.write(
        "specs/doubles.yaml",
        "{% set ns = namespace(s='xxxxxxxx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}\nsteps:\n  - sql: SELECT 1\n",
    );
    tree.write(
        "specs/huge.yaml",
        "steps:\n  - sql: SELECT 1 {% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}\n",
    );
    let out = run(tree.cmd(&["validate"]));
    assert_eq!(out.code, 2, "{}", out.all());
    for line in [
        "error: specs/loops.yaml:2:1: template error: the template ran more than 10000000 instructions",
        "error: specs/doubles.yaml:1:1: template error: rendering the template ran out of memory (the limit is 1024 MiB)",
        "error: specs/huge.yaml:1:1: template error: the rendered spec is larger than the limit of 16 MiB",
    ] {
        assert!(out.all().contains(line), "`{line}` not in {}", out.all());
    }
    assert!(!out.all().contains("specs/ok.yaml"), "{}", out.all());
    assert!(!out.all().contains("panicked"), "{}", out.all());

    // Templating runs inside the run's timeout.
    let slow = Tree::new();
    slow.write(
        "specs/loops.yaml",
        "steps:\n  - sql: SELECT {% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}1\n",
    );
    let started = std::time::Instant::now();
    let out = run(slow.cmd(&["run", "--timeout", "0.2"]));
    assert_refused(
        &out,
        "rendering the template took longer than the timeout (200.0ms)",
    );
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

#[test]
fn slices_beyond_postgresqls_bigint_are_refused_and_the_largest_ones_do_not_overflow() {
    let setup = "setup: CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)\nmodels:\n  T: {table: t}\nsteps:\n";
    let tree = Tree::new();
    tree.write(
        "specs/a.yaml",
        &format!("{setup}  - query: {{model: T, slice: [18446744073709551615]}}\n"),
    );
    assert_refused(
        &run(tree.cmd(&["validate"])),
        "integers from 0 to 9223372036854775807, PostgreSQL's bigint",
    );
    let largest = Tree::new();
    largest.write(
        "specs/a.yaml",
        &format!(
            "{setup}  - query: {{model: T, order_by: id, slice: [9223372036854775807], evaluate: first}}\n  - query: {{model: T, slice: [9223372036854775807], evaluate: get}}\n    expect: {{error: DoesNotExist}}\n"
        ),
    );
    let out = run(largest.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(largest
        .read("golden/a.sql")
        .contains("LIMIT 21 OFFSET 9223372036854775807;"));
}
