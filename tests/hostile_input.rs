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
