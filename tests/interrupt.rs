//! A signal that arrives while nothing waits for it (between two phases of a run) is kept:
//! the next wait sees it at once. In a binary of its own: the signal is the process's.
//! A second signal exits at once, and still shuts the embedded server down.

mod support;

use std::time::{Duration, Instant};

use support::{Tree, SIMPLE};

#[test]
fn a_signal_between_two_waits_is_not_lost() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // A first phase waits, and ends without a signal.
        let first = pgscenario::runner::interrupt::interrupted();
        let timed_out = tokio::time::timeout(Duration::from_millis(50), first).await;
        assert!(timed_out.is_err(), "no signal yet");
        // Between the phases, nobody waits: SIGTERM arrives.
        // SAFETY: raise(3) on this process; the handler installed above catches it.
        assert_eq!(unsafe { libc::raise(libc::SIGTERM) }, 0);
        tokio::time::sleep(Duration::from_millis(50)).await;
        // The next phase's wait sees it at once.
        let second = pgscenario::runner::interrupt::interrupted();
        let name = tokio::time::timeout(Duration::from_secs(5), second)
            .await
            .expect("the signal was kept");
        assert_eq!(name, "SIGTERM");
        // And so does every later wait.
        assert_eq!(
            pgscenario::runner::interrupt::interrupted().await,
            "SIGTERM"
        );
    });
}

/// The processes whose parent is `pid`, with their command names.
fn children(pid: u32) -> Vec<(i32, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let comm = head.split_once('(').map_or("", |(_, c)| c).to_string();
        if rest.split_whitespace().nth(1) == Some(&pid.to_string()) {
            found.push((child, comm));
        }
    }
    found
}

/// Alive: in /proc and not a zombie (an orphan is reaped by whoever adopts it).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| Some(s.rsplit_once(')')?.1.split_whitespace().next()? != "Z"))
        .unwrap_or(false)
}

#[test]
fn a_second_signal_exits_at_once_and_still_stops_the_embedded_server() {
    let cache = support::private_cache();
    // A spec that runs long, and one that waits behind it.
    let tree = Tree::new();
    tree.write("specs/slow.yaml", "steps:\n  - sql: SELECT pg_sleep(30)\n");
    tree.write("specs/simple.yaml", SIMPLE);
    let binary = assert_cmd::cargo::cargo_bin("pgscenario");
    let child = std::process::Command::new(binary)
        .current_dir(tree.path(""))
        .args(["run", "--timeout", "60"])
        .env_remove("DATABASE_URL")
        .env("PGSCENARIO_CACHE_DIR", cache.path())
        .env_remove("CI")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // The embedded postmaster is the run's child; wait until it is there and the slow spec runs.
    let started = Instant::now();
    let postmaster = loop {
        let found = children(child.id())
            .into_iter()
            .find(|(_, c)| c == "postgres");
        if let Some((pid, _)) = found {
            break pid;
        }
        // Its first run builds the cache's template cluster (initdb).
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no postmaster"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    std::thread::sleep(Duration::from_millis(1500));
    // The server hangs, so the first signal's clean-up waits on it (its limit is 10 s).
    let mut server = vec![postmaster];
    server.extend(children(postmaster as u32).into_iter().map(|(pid, _)| pid));
    let signal_all = |signal| {
        for pid in &server {
            // SAFETY: kill(2) on the processes of the run's own embedded server.
            unsafe { libc::kill(*pid, signal) };
        }
    };
    signal_all(libc::SIGSTOP);
    // SAFETY: kill(2) with the pid of a child we spawned and have not waited for.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    std::thread::sleep(Duration::from_millis(1000));
    let again = Instant::now();
    // SAFETY: as above.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let output = child.wait_with_output().expect("wait");
    let waited = again.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("interrupted again by SIGINT"), "{stderr}");
    assert!(waited < Duration::from_secs(3), "took {waited:?}");
    // The shutdown it asked for happens once the server runs again: nothing outlives the run.
    signal_all(libc::SIGCONT);
    let resumed = Instant::now();
    while alive(postmaster) {
        assert!(
            resumed.elapsed() < Duration::from_secs(10),
            "the embedded postmaster {postmaster} outlived the run"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
