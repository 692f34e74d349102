//! The project's own catalogue under specs/ is the largest golden suite: it must pass.

mod support;

use support::run;

#[test]
fn the_catalogue_matches_its_goldens() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut cmd = assert_cmd::Command::cargo_bin("pgscenario").unwrap();
    cmd.current_dir(root)
        .env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .arg("run");
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    let listed = run({
        let mut cmd = assert_cmd::Command::cargo_bin("pgscenario").unwrap();
        cmd.current_dir(root).arg("list");
        cmd
    });
    let specs = listed.stdout.lines().count();
    assert!(specs >= 6, "the catalogue lost specs: {}", listed.stdout);
    assert_eq!(
        out.last_line(),
        format!("{specs} passed, 0 failed"),
        "{}",
        out.all()
    );
    let stale = run({
        let mut cmd = assert_cmd::Command::cargo_bin("pgscenario").unwrap();
        cmd.current_dir(root).args(["list", "--stale"]);
        cmd
    });
    assert_eq!(stale.stdout, "", "goldens without a spec");
}
