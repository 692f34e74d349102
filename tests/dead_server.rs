//! The server dies in the middle of a run: every spec still gets a one-line error naming
//! why, the run exits 2 at once (no spec waits for its timeout), and no golden is written.

mod support;

use std::time::{Duration, Instant};

use pgscenario::db::server::{EmbeddedServer, ServerOptions};
use support::{files_below, Tree, SIMPLE};

#[test]
fn a_server_that_dies_mid_run_fails_the_run_at_once_and_writes_no_golden() {
    let server = EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL");
    let tree = Tree::new();
    tree.write(
        "specs/a_slow.yaml",
        "steps:\n  - sql: SELECT pg_sleep(20)\n",
    );
    for i in 0..6 {
        tree.write(&format!("specs/b{i}.yaml"), SIMPLE);
    }
    let binary = assert_cmd::cargo::cargo_bin("pgscenario");
    let started = Instant::now();
    let child = std::process::Command::new(binary)
        .current_dir(tree.path(""))
        .args([
            "bless",
            "--jobs",
            "1",
            "--timeout",
            "60",
            "--report",
            "json=report.json",
        ])
        .env("DATABASE_URL", server.url())
        .env_remove("CI")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(1500));
    drop(server);
    let output = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert!(!stdout.contains("panicked") && !stderr.contains("panicked"));
    assert_eq!(files_below(&tree.path("golden")), Vec::<String>::new());
    // The spec that was running says the connection closed; the rest are not run, and the
    // run says why once.
    assert!(
        stdout.contains("a_slow.yaml:2:5: step 1: the connection to the server was closed"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("ERROR [").count(), 1, "{stdout}");
    assert!(
        stdout.contains(
            "error: the server stopped answering, so the run stopped (6 spec(s) not run): "
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("0 passed, 0 failed, 1 error, 6 skipped\n"),
        "{stdout}"
    );
    // The JSON report says so too.
    let summary = support::json_summary(&tree.read("report.json"));
    assert!(
        summary["server_lost"]
            .as_str()
            .is_some_and(|s| s.starts_with("the server stopped answering")),
        "{summary}"
    );
    assert_eq!(summary["skipped"], 6);
}
