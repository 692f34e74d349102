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

/// The server's processes, the postmaster first (found as the checkpointer's parent).
fn server_processes(url: &str) -> Vec<i32> {
    let backend: i32 = support::query(
        url,
        "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'",
    )
    .trim()
    .parse()
    .unwrap();
    let ppid = |pid: i32| -> Option<i32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let after = stat.rsplit_once(')')?.1;
        after.split_whitespace().nth(1)?.parse().ok()
    };
    let postmaster = ppid(backend).expect("the backend's parent");
    let mut pids = vec![postmaster];
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() {
            if ppid(pid) == Some(postmaster) {
                pids.push(pid);
            }
        }
    }
    pids
}

fn signal_all(pids: &[i32], signal: i32) {
    for pid in pids {
        // SAFETY: kill(2) on the test's own server's processes.
        unsafe { libc::kill(*pid, signal) };
    }
}

/// A server that hangs (every process stopped, as on a lost network or a stuck disk): the
/// spec that meets it times out, and the run stops there instead of timing out spec after
/// spec.
#[test]
fn a_server_that_hangs_mid_run_stops_the_run_after_one_timeout() {
    let server = EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL");
    let tree = Tree::new();
    tree.write("specs/a_slow.yaml", "steps:\n  - sql: SELECT pg_sleep(2)\n");
    for i in 0..6 {
        tree.write(&format!("specs/b{i}.yaml"), SIMPLE);
    }
    let started = Instant::now();
    let (child, pids) = hung_run(&server, &tree, &["run", "--jobs", "1", "--timeout", "3"]);
    let output = child.wait_with_output().expect("wait");
    signal_all(&pids, libc::SIGCONT);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "error: the server stopped answering, so the run stopped (6 spec(s) not run): "
        ),
        "{stdout}"
    );
    // The spec's 3 s, 5 s for its sandbox, 5 s to ask the server, 10 s for the job slots.
    assert!(
        started.elapsed() < Duration::from_secs(45),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        stdout.contains("timed out after 3s in step 1; the server was running: SELECT pg_sleep(2)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the server did not answer within 5s"),
        "{stdout}"
    );
    assert!(stderr.contains("job databases and roles stay"), "{stderr}");
}

/// A run (`args`) of the tree's specs on `server`, whose processes are stopped (SIGSTOP) a
/// second later and resumed after 90 s, should the run wait for them regardless. Returns
/// the run and the server's processes.
fn hung_run(
    server: &EmbeddedServer,
    tree: &Tree,
    args: &[&str],
) -> (std::process::Child, Vec<i32>) {
    let binary = assert_cmd::cargo::cargo_bin("pgscenario");
    let child = std::process::Command::new(binary)
        .current_dir(tree.path(""))
        .args(args)
        .env("DATABASE_URL", server.url())
        .env_remove("CI")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(1000));
    let pids = server_processes(&server.url());
    signal_all(&pids, libc::SIGSTOP);
    let resume = pids.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(90));
        signal_all(&resume, libc::SIGCONT);
    });
    (child, pids)
}

/// Ctrl-C while the server hangs: the run still ends, within its clean-up limits, with the
/// interruption's one-line error.
#[test]
fn ctrl_c_ends_a_run_whose_server_hangs() {
    let server = EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL");
    let tree = Tree::new();
    tree.write("specs/a_slow.yaml", "steps:\n  - sql: SELECT pg_sleep(5)\n");
    let (child, pids) = hung_run(&server, &tree, &["run", "--timeout", "60"]);
    let interrupted = Instant::now();
    // SAFETY: kill(2) with the pid of a child we spawned and still own.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let output = child.wait_with_output().expect("wait");
    signal_all(&pids, libc::SIGCONT);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("interrupted by SIGINT"), "{stderr}");
    assert!(
        stderr.contains("sandboxes stay until the next run"),
        "{stderr}"
    );
    // 10 s for the sandboxes, 10 s for the job slots.
    assert!(
        interrupted.elapsed() < Duration::from_secs(35),
        "took {:?}",
        interrupted.elapsed()
    );
}

/// A second Ctrl-C while the first one's clean-up waits on a hung server exits at once,
/// saying what it left behind, as cargo and nextest do.
#[test]
fn a_second_ctrl_c_stops_at_once() {
    let server = EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL");
    let tree = Tree::new();
    tree.write("specs/a_slow.yaml", "steps:\n  - sql: SELECT pg_sleep(5)\n");
    let (child, pids) = hung_run(&server, &tree, &["run", "--timeout", "60"]);
    // SAFETY: kill(2) with the pid of a child we spawned and still own.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    // The first one's clean-up now waits on the server (up to 20 s).
    std::thread::sleep(Duration::from_millis(1500));
    let again = Instant::now();
    // SAFETY: as above; the child has not been waited for.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let output = child.wait_with_output().expect("wait");
    let waited = again.elapsed();
    signal_all(&pids, libc::SIGCONT);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: interrupted again by SIGINT: stopped at once, without clean-up"),
        "{stderr}"
    );
    assert!(waited < Duration::from_secs(3), "took {waited:?}");
    assert!(files_below(&tree.path("golden")).is_empty());
}
