//! Isolation on a server the test owns: specs never see each other, and every sandbox is
//! dropped afterwards, also after a failure, a timeout or Ctrl-C.

mod support;

use std::time::{Duration, Instant};

use pgscenario::db::server::{EmbeddedServer, ServerOptions};
use support::{files_below, query, run, Tree, SIMPLE};

fn server() -> EmbeddedServer {
    EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL")
}

/// Schemas, databases and roles that pgscenario created and left behind.
fn leftovers(url: &str) -> String {
    query(
        url,
        "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pgscenario\\_%') || ' schemas, ' || \
         (SELECT count(*) FROM pg_database WHERE datname LIKE 'pgscenario\\_%') || ' databases, ' || \
         (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'pgscenario\\_%') || ' roles'",
    )
}

#[test]
fn parallel_specs_with_the_same_tables_do_not_see_each_other_and_leave_nothing() {
    let server = server();
    let tree = Tree::new();
    for i in 0..8 {
        // Every spec creates the same table and counts its rows: 1 unless another spec's
        // rows were visible.
        tree.write(
            &format!("specs/same{i}.yaml"),
            "setup: CREATE TABLE shared (id serial PRIMARY KEY)\nsteps:\n  - sql: INSERT INTO shared DEFAULT VALUES RETURNING id\n    expect: {rows: [[1]]}\n  - sql: SELECT pg_sleep(0.05)\n  - check: SELECT count(*) FROM shared\n    expect: {rows: [[1]]}\n",
        );
    }
    tree.write(
        "specs/fails.yaml",
        "steps:\n  - sql: SELECT 1\n    expect: {rows: [[2]]}\n",
    );
    tree.write(
        "specs/errors.yaml",
        "setup: CREATE TABLE broken (id nosuchtype)\nsteps:\n  - sql: SELECT 1\n",
    );
    tree.write("specs/hangs.yaml", "timeout: 0.5\nsetup: CREATE TABLE held (id int)\nsteps:\n  - sql: BEGIN\n  - sql: LOCK TABLE held\n  - sql: SELECT pg_sleep(30)\n");
    tree.write(
        "specs/own_database.yaml",
        "isolation: database\nsetup: |\n  CREATE SCHEMA extra;\n  CREATE TABLE extra.t (id int);\nsteps:\n  - sql: INSERT INTO extra.t VALUES (1)\n",
    );
    let mut cmd = tree.cmd(&["bless", "--jobs", "4"]);
    cmd.env("DATABASE_URL", server.url());
    let out = run(cmd);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stdout.contains("ERROR ["), "{}", out.all());
    assert!(
        out.stdout.contains(
            "timed out after 0.5s in step 3; the server was running: SELECT pg_sleep(30)"
        ),
        "{}",
        out.all()
    );
    assert_eq!(
        out.last_line(),
        "9 passed, 2 failed, 1 error",
        "{}",
        out.all()
    );
    assert_eq!(leftovers(&server.url()), "0 schemas, 0 databases, 0 roles");
    // A backend ends a moment after its client closes the socket: wait for that, not longer.
    let sessions =
        "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pgscenario/%'";
    let deadline = Instant::now() + Duration::from_secs(5);
    while query(&server.url(), sessions) != "0" && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        query(&server.url(), sessions),
        "0",
        "pgscenario's connections are closed when it exits"
    );
}

#[test]
fn ctrl_c_sigterm_and_sighup_during_bless_drop_sandboxes_and_write_no_golden() {
    for (signal, name) in [
        (libc::SIGINT, "SIGINT"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
    ] {
        interrupting_bless_loses_nothing(signal, name);
    }
}

fn interrupting_bless_loses_nothing(signal: i32, name: &str) {
    let server = server();
    let tree = Tree::new();
    tree.write(
        "specs/slow.yaml",
        "steps:\n  - sql: CREATE TABLE t (id int)\n  - sql: SELECT pg_sleep(30)\n",
    );
    tree.write("golden/slow.sql", "-- the previous golden\n");
    let binary = assert_cmd::cargo::cargo_bin("pgscenario");
    let child = std::process::Command::new(binary)
        .current_dir(tree.path(""))
        .args(["bless"])
        .env_remove("CI")
        .env("DATABASE_URL", server.url())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Wait until the spec is inside its sleep.
    let deadline = Instant::now() + Duration::from_secs(20);
    let sleeping = "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'";
    while query(&server.url(), sleeping) == "0" {
        assert!(Instant::now() < deadline, "the spec never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    // SAFETY: kill(2) with the pid of a child we spawned and still own.
    unsafe { libc::kill(child.id() as i32, signal) };
    let started = Instant::now();
    let output = child.wait_with_output().expect("wait");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{name} did not stop the run promptly"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
    assert!(
        stderr.contains(&format!("error: interrupted by {name}")),
        "{stderr}"
    );
    assert_eq!(tree.read("golden/slow.sql"), "-- the previous golden\n");
    assert_eq!(
        files_below(&tree.path("golden")),
        vec!["slow.sql"],
        "no temporary file left"
    );
    assert_eq!(leftovers(&server.url()), "0 schemas, 0 databases, 0 roles");
}

#[test]
fn ctrl_c_stops_the_embedded_server_too() {
    let cache = support::private_cache();
    let tree = Tree::new();
    tree.write("specs/slow.yaml", "steps:\n  - sql: SELECT pg_sleep(30)\n");
    let binary = assert_cmd::cargo::cargo_bin("pgscenario");
    let child = std::process::Command::new(binary)
        .current_dir(tree.path(""))
        .args(["run"])
        .env_remove("DATABASE_URL")
        .env("PGSCENARIO_CACHE_DIR", cache.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let runs = cache.path().join("runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    while files_below(&runs)
        .iter()
        .all(|f| !f.ends_with("postmaster.pid"))
    {
        assert!(
            Instant::now() < deadline,
            "the embedded server never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(500));
    // SAFETY: kill(2) with the pid of a child we spawned and still own.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let output = child.wait_with_output().expect("wait");
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        files_below(&runs),
        Vec::<String>::new(),
        "the run directory (and its server) is gone"
    );
}

#[test]
fn the_default_is_the_embedded_server() {
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("on embedded PostgreSQL"),
        "{}",
        out.all()
    );
}

#[test]
fn connection_errors_name_their_cause_and_the_url_connect_timeout_is_honoured() {
    let server = server();
    let tree = Tree::new();
    tree.write("specs/a.yaml", "steps:\n  - sql: SELECT 1\n");
    let run_on = |url: &str| {
        let mut cmd = tree.cmd(&["run"]);
        cmd.env("DATABASE_URL", url);
        run(cmd)
    };
    let refused = run_on("postgres://ann:hunter2@127.0.0.1:1/db");
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(
        refused
            .all()
            .contains("error connecting to server: Connection refused"),
        "{}",
        refused.all()
    );
    // A role the server does not know: the server's own message.
    let url = server.url();
    let unknown = run_on(&url.replacen("postgresql://postgres@", "postgresql://nosuchrole@", 1));
    assert!(
        unknown.all().contains("role \"nosuchrole\" does not exist"),
        "{}",
        unknown.all()
    );
    // No connection left for the role: "too many connections", not "db error".
    query(&url, "CREATE ROLE limited LOGIN CONNECTION LIMIT 0");
    let limited = run_on(&url.replacen("postgresql://postgres@", "postgresql://limited@", 1));
    assert!(
        limited
            .all()
            .contains("too many connections for role \"limited\""),
        "{}",
        limited.all()
    );
    // A server that accepts the socket and never answers: the URL's connect_timeout.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let hung = run_on(&format!(
        "postgres://ann@127.0.0.1:{port}/db?connect_timeout=1"
    ));
    assert_eq!(hung.code, 2, "{}", hung.all());
    assert!(hung.all().contains("timed out after 1s"), "{}", hung.all());
}

#[test]
fn more_jobs_than_the_server_has_connections_for_are_capped_up_front() {
    let server = server();
    let url = server.url();
    query(
        &url,
        "CREATE ROLE five LOGIN CONNECTION LIMIT 5; GRANT CREATE ON DATABASE postgres TO five; \
         CREATE ROLE three LOGIN CONNECTION LIMIT 3",
    );
    let tree = Tree::new();
    for i in 0..4 {
        tree.write(
            &format!("specs/s{i}.yaml"),
            "steps:\n  - sql: SELECT pg_sleep(0.1)\n",
        );
    }
    let mut cmd = tree.cmd(&["bless", "--jobs", "8"]);
    cmd.env(
        "DATABASE_URL",
        url.replacen("postgresql://postgres@", "postgresql://five@", 1),
    );
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.all().contains(
            "note: 4 jobs need more connections than the server has free (5): running 2 at a time"
        ),
        "{}",
        out.all()
    );
    assert_eq!(out.last_line(), "4 passed, 0 failed", "{}", out.all());

    let mut cmd = tree.cmd(&["run"]);
    cmd.env(
        "DATABASE_URL",
        url.replacen("postgresql://postgres@", "postgresql://three@", 1),
    );
    let out = run(cmd);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.all()
            .contains("error: the server has 3 connection(s) free; a run needs at least 4"),
        "{}",
        out.all()
    );
}

#[test]
fn sandboxes_are_dropped_when_the_spec_changed_or_lost_its_own_session() {
    let server = server();
    let tree = Tree::new();
    tree.write(
        "specs/set_role.yaml",
        "privileges: superuser\nsetup: CREATE TABLE t (id int)\nsteps:\n  - sql: CREATE ROLE powerless\n  - sql: SET ROLE powerless\n",
    );
    tree.write(
        "specs/read_only.yaml",
        "setup: CREATE TABLE t (id int)\nsteps:\n  - sql: SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY\n",
    );
    tree.write(
        "specs/terminated.yaml",
        "setup: CREATE TABLE t (id int)\nsteps:\n  - sql: SELECT pg_terminate_backend(pg_backend_pid())\n",
    );
    let mut cmd = tree.cmd(&["bless"]);
    cmd.env("DATABASE_URL", server.url());
    let out = run(cmd);
    assert!(
        !out.all().contains("could not drop the spec's sandbox"),
        "{}",
        out.all()
    );
    assert!(tree.exists("golden/set_role.sql"), "{}", out.all());
    assert!(tree.exists("golden/read_only.sql"), "{}", out.all());
    assert_eq!(leftovers(&server.url()), "0 schemas, 0 databases, 0 roles");
}

#[test]
fn sandboxes_of_a_run_killed_outright_are_dropped_by_the_next_run() {
    let server = server();
    let url = server.url();
    // What a run killed with SIGKILL leaves: a schema and a database under its mark, with no
    // connection of that run left; and a live run's sandbox, which must stay.
    query(
        &url,
        "CREATE SCHEMA pgscenario_deadrun_0; CREATE TABLE pgscenario_deadrun_0.t (id int); \
         CREATE SCHEMA pgscenario_liverun_0",
    );
    query(&url, "CREATE DATABASE pgscenario_deadrun_1");
    query(&url, "CREATE ROLE pgscenario_deadrun_s0");
    query(
        &url,
        "CREATE DATABASE pgscenario_deadrun_s0 OWNER pgscenario_deadrun_s0",
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let live_url = format!("{url}&application_name=pgscenario/liverun");
    let (live, connection) = runtime
        .block_on(tokio_postgres::connect(&live_url, tokio_postgres::NoTls))
        .expect("connect");
    runtime.spawn(connection);
    let tree = Tree::new();
    tree.write("specs/a.yaml", SIMPLE);
    let mut cmd = tree.cmd(&["bless"]);
    cmd.env("DATABASE_URL", &url);
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.all().contains(
            "note: dropped 4 sandbox(es) left by runs that are gone: database pgscenario_deadrun_1, \
             database pgscenario_deadrun_s0, role pgscenario_deadrun_s0, schema pgscenario_deadrun_0"
        ),
        "{}",
        out.all()
    );
    assert_eq!(
        leftovers(&url),
        "1 schemas, 0 databases, 0 roles",
        "the live run's stays"
    );
    drop(live);
}
