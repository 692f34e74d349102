//! Job slots: each spec runs in a database of its job, logged in as a role that may do
//! nothing outside it; a server role that may not make them gets schemas and a note.

mod support;

use pgscenario::db::server::{EmbeddedServer, ServerOptions};
use support::{query, run, Tree, SIMPLE};

fn server() -> EmbeddedServer {
    EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL")
}

/// Databases and roles that pgscenario made and left behind.
fn leftovers(url: &str) -> String {
    query(
        url,
        "SELECT (SELECT count(*) FROM pg_database WHERE datname LIKE 'pgscenario\\_%') || ' databases, ' || \
         (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'pgscenario\\_%') || ' roles, ' || \
         (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pgscenario\\_%') || ' schemas'",
    )
}

/// The server's URL as another role.
fn as_role(url: &str, role: &str) -> String {
    url.replacen("postgres@", &format!("{role}@"), 1)
}

/// A spec that tries every way out of its sandbox; each must fail with PostgreSQL's own
/// error, or stay inside.
const ESCAPES: &str = r#"
setup: CREATE TABLE mine (id int)
steps:
  - sql: SELECT pg_sleep(0.1)
  - check: SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user
    expect: {rows: [[false, false, false]]}
  - check: SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
    expect: {rows: [[1]]}
  - check: SELECT current_user = current_database() AND current_user = current_schema()
    expect: {rows: [[true]]}
  - sql: RESET ALL
  - sql: DISCARD ALL
  - sql: CREATE TABLE after_reset (id int)
  - check: SELECT schemaname = current_user FROM pg_tables WHERE tablename = 'after_reset'
    expect: {rows: [[true]]}
  - sql: SET search_path TO public
  - sql: CREATE TABLE escaped (id int)
    expect: {error: {sqlstate: "3F000"}}
  - sql: CREATE TABLE public.escaped (id int)
    expect: {error: {sqlstate: "3F000"}}
  - sql: SELECT current_database()
  - sql: CREATE DATABASE elsewhere
    expect: {error: {sqlstate: "42501"}}
  - sql: DROP DATABASE postgres
    expect: {error: {sqlstate: "42501"}}
  - sql: CREATE ROLE intruder
    expect: {error: {sqlstate: "42501"}}
  - sql: ALTER SYSTEM SET work_mem = '1MB'
    expect: {error: {sqlstate: "42501"}}
  - sql: COPY (SELECT 1) TO PROGRAM 'true'
    expect: {error: {sqlstate: "42501"}}
  - sql: SET ROLE postgres
    expect: {error: {sqlstate: "42501"}}
"#;

#[test]
fn specs_run_as_a_role_of_their_own_that_cannot_leave_its_database() {
    let server = server();
    let url = server.url();
    let tree = Tree::new();
    for i in 0..4 {
        tree.write(&format!("specs/escape{i}.yaml"), ESCAPES);
    }
    let mut cmd = tree.cmd(&["bless", "--jobs", "4"]);
    cmd.env("DATABASE_URL", &url);
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains("note:"), "{}", out.all());
    let golden = tree.read("golden/escape0.sql");
    // The slot's name (database, role and schema) is redacted; the log shows where a
    // statement was refused.
    assert!(
        golden.contains("-- error: 42501: permission denied to create database"),
        "{golden}"
    );
    assert!(!golden.contains("pgscenario_"), "{golden}");
    // The same goldens, byte for byte, one spec at a time.
    let mut cmd = tree.cmd(&["run", "--jobs", "1"]);
    cmd.env("DATABASE_URL", &url);
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    for i in 1..4 {
        assert_eq!(tree.read(&format!("golden/escape{i}.sql")), golden);
    }
    // Nothing escaped into the server's own database, and every slot is gone.
    assert_eq!(
        query(
            &url,
            "SELECT count(*) FROM pg_tables WHERE tablename IN ('escaped', 'after_reset', 'mine')"
        ),
        "0"
    );
    assert_eq!(leftovers(&url), "0 databases, 0 roles, 0 schemas");
}

#[test]
fn a_spec_that_asks_for_a_superuser_gets_one_and_the_output_says_so() {
    let tree = Tree::new();
    tree.write(
        "specs/admin.yaml",
        "privileges: superuser\nsteps:\n  - check: SELECT rolsuper FROM pg_roles WHERE rolname = current_user\n    expect: {rows: [[true]]}\n  - sql: ALTER SYSTEM RESET work_mem\n",
    );
    tree.write("specs/plain.yaml", SIMPLE);
    let out = run(tree.cmd(&["bless"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let line = |id: &str| {
        out.stdout
            .lines()
            .find(|l| l.ends_with(id) || l.contains(&format!("{id} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("admin").ends_with("admin (superuser)"),
        "{}",
        out.all()
    );
    assert!(line("plain").ends_with("plain"), "{}", out.all());
}

#[test]
fn a_role_that_may_create_roles_and_databases_makes_slots_and_drops_them() {
    let server = server();
    let url = server.url();
    query(&url, "CREATE ROLE maker LOGIN CREATEROLE CREATEDB");
    let tree = Tree::new();
    tree.write(
        "specs/who.yaml",
        "setup: CREATE TABLE t (id int)\nsteps:\n  - check: SELECT current_user <> 'maker', rolsuper FROM pg_roles WHERE rolname = current_user\n    expect: {rows: [[true, false]]}\n",
    );
    tree.write(
        "specs/whole_database.yaml",
        "isolation: database\nsetup: CREATE TABLE t (id int)\nsteps:\n  - check: SELECT current_user <> 'maker', count(*) FROM pg_tables WHERE tablename = 't'\n    expect: {rows: [[true, 1]]}\n",
    );
    let mut cmd = tree.cmd(&["bless", "--jobs", "2"]);
    cmd.env("DATABASE_URL", as_role(&url, "maker"));
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains("note:"), "{}", out.all());
    assert_eq!(leftovers(&url), "0 databases, 0 roles, 0 schemas");
}

#[test]
fn a_role_that_may_not_create_roles_falls_back_to_schemas_and_says_why_once() {
    let server = server();
    let url = server.url();
    query(
        &url,
        "CREATE ROLE plain LOGIN; GRANT CREATE ON DATABASE postgres TO plain",
    );
    let tree = Tree::new();
    for i in 0..3 {
        tree.write(&format!("specs/s{i}.yaml"), SIMPLE);
    }
    let mut cmd = tree.cmd(&["bless", "--jobs", "2"]);
    cmd.env("DATABASE_URL", as_role(&url, "plain"));
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    let notes: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("note:"))
        .collect();
    assert_eq!(notes.len(), 1, "{}", out.all());
    assert!(
        notes[0].contains("the role `plain` may not create roles and databases (it needs CREATEROLE and CREATEDB)")
            && notes[0].contains("can see each other's tables"),
        "{}",
        out.all()
    );
    assert_eq!(leftovers(&url), "0 databases, 0 roles, 0 schemas");
}

#[test]
fn a_spec_that_breaks_its_own_session_in_a_slot_leaves_the_slot_clean_for_the_next() {
    let server = server();
    let url = server.url();
    let tree = Tree::new();
    // One job: the specs share a slot, in this order. The second leaves defaults for the
    // role and the database, then loses its session: the third logs in anew.
    tree.write(
        "specs/a_read_only.yaml",
        "setup: CREATE TABLE first (id int)\nsteps:\n  - sql: SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY\n  - sql: ALTER ROLE CURRENT_USER SET default_transaction_read_only = on\n    expect: {error: {sqlstate: \"25006\"}}\n",
    );
    tree.write(
        "specs/b_terminated.yaml",
        "setup: CREATE TABLE second (id int)\nsteps:\n  - sql: CREATE SCHEMA extra\n  - sql: ALTER ROLE CURRENT_USER SET enable_seqscan = off\n  - sql: \"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET enable_indexscan = off', current_database()); END $$\"\n  - sql: SELECT pg_terminate_backend(pg_backend_pid())\n    expect: {error: {sqlstate: \"57P01\"}}\n",
    );
    tree.write(
        "specs/c_sees_nothing.yaml",
        "steps:\n  - check: SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')\n    expect: {rows: [[0]]}\n  - check: SELECT count(*) FROM pg_namespace WHERE nspname = 'extra'\n    expect: {rows: [[0]]}\n  - check: SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')\n    expect: {rows: [[\"on\", \"on\"]]}\n",
    );
    let mut cmd = tree.cmd(&["bless", "--jobs", "1"]);
    cmd.env("DATABASE_URL", &url);
    let out = run(cmd);
    assert!(
        !out.all().contains("could not drop the spec's sandbox"),
        "{}",
        out.all()
    );
    assert!(
        out.stdout.contains("c_sees_nothing") && !out.stdout.contains("FAIL ["),
        "{}",
        out.all()
    );
    assert_eq!(leftovers(&url), "0 databases, 0 roles, 0 schemas");
}

#[test]
fn an_unknown_privileges_value_is_refused_at_load_time_with_the_choices() {
    let tree = Tree::new();
    tree.write(
        "specs/bad.yaml",
        "privileges: root\nsteps:\n  - sql: SELECT 1\n",
    );
    let out = run(tree.cmd(&["validate"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains(
            "specs/bad.yaml:1:13: privileges: unknown variant `root`, expected `restricted` or `superuser`"
        ),
        "{}",
        out.all()
    );
}

#[test]
fn the_urls_own_startup_options_reach_the_slots_sessions() {
    let server = server();
    let tree = Tree::new();
    tree.write(
        "specs/options.yaml",
        "steps:\n  - check: SELECT current_setting('work_mem'), current_user LIKE 'pgscenario%'\n    expect: {rows: [[3MB, true]]}\n",
    );
    let mut cmd = tree.cmd(&["bless"]);
    cmd.env(
        "DATABASE_URL",
        format!("{}&options=-c%20work_mem%3D3MB", server.url()),
    );
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
}

/// A spec may change its own role's password, and its slot database's connection limit and
/// its own CONNECT privilege on it (the role owns the database): the next spec of the slot still logs in, because a slot
/// whose login fails so is repaired (by the run's role) and tried again. Against a server
/// that asks for passwords, as a shared one does.
#[test]
fn a_spec_that_locks_its_slot_out_does_not_lock_out_the_next() {
    let server = server();
    let url = server.url();
    // Passwords over the socket, for every role, pgscenario's own included.
    let hba = query(&url, "SHOW hba_file");
    query(
        &url,
        &format!(
            "ALTER ROLE postgres PASSWORD 'admin-secret'; \
             COPY (SELECT 'local all all scram-sha-256') TO '{hba}'; SELECT pg_reload_conf()"
        ),
    );
    let with_password = url.replacen("postgres@", "postgres:admin-secret@", 1);
    let tree = Tree::new();
    tree.write(
        "specs/a_locks.yaml",
        "steps:\n  - sql: ALTER ROLE CURRENT_USER PASSWORD 'sabotage'\n  - sql: \"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I CONNECTION LIMIT 0', current_database()); END $$\"\n  - sql: \"DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), current_user); END $$\"\n  - sql: SELECT pg_terminate_backend(pg_backend_pid())\n    expect: {error: {sqlstate: \"57P01\"}}\n",
    );
    tree.write(
        "specs/b_two_sessions.yaml",
        "sessions: [one, two]\nsteps:\n  - sql: SELECT 1\n    session: one\n  - sql: SELECT 2\n    session: two\n",
    );
    tree.write(
        "specs/c_whole_database.yaml",
        "isolation: database\nsteps:\n  - sql: \"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I ALLOW_CONNECTIONS false', current_user); END $$\"\n  - sql: ALTER ROLE CURRENT_USER PASSWORD 'again'\n",
    );
    // A second session logs in anew, to a database that no longer allows connections.
    tree.write(
        "specs/d_two_sessions.yaml",
        "sessions: [one, two]\nsteps:\n  - sql: SELECT 1\n    session: one\n  - sql: SELECT 2\n    session: two\n",
    );
    let mut cmd = tree.cmd(&["bless", "--jobs", "1"]);
    cmd.env("DATABASE_URL", &with_password);
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        !out.all().contains("note:"),
        "slots, not schemas: {}",
        out.all()
    );
    assert!(!out.all().contains("admin-secret"), "{}", out.all());
    assert_eq!(leftovers(&with_password), "0 databases, 0 roles, 0 schemas");
}

/// The owner of a database may make it a template, which DROP DATABASE refuses: a spec that
/// does so to its own database or to its slot's still leaves nothing behind.
#[test]
fn a_spec_that_makes_its_database_a_template_leaves_nothing_behind() {
    let server = server();
    let url = server.url();
    let tree = Tree::new();
    let template = "steps:\n  - sql: \"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I IS_TEMPLATE true', current_database()); END $$\"\n";
    tree.write("specs/slot_database.yaml", template);
    tree.write(
        "specs/own_database.yaml",
        &format!("isolation: database\n{template}"),
    );
    let mut cmd = tree.cmd(&["bless", "--jobs", "1"]);
    cmd.env("DATABASE_URL", &url);
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(leftovers(&url), "0 databases, 0 roles, 0 schemas");
}

/// A spec with a database of its own still runs as its slot's role, and may give that role,
/// or the slot's database, defaults: the slot's next spec does not inherit them, even in a
/// session that logs in anew.
#[test]
fn defaults_given_from_a_database_of_its_own_do_not_reach_the_slots_next_spec() {
    let server = server();
    let url = server.url();
    let tree = Tree::new();
    tree.write(
        "specs/a_own_database.yaml",
        "isolation: database\nsteps:\n  - sql: \"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_isolation = serializable', current_user); END $$\"\n  - sql: ALTER ROLE CURRENT_USER SET work_mem = '77kB'\n",
    );
    tree.write(
        "specs/b_next.yaml",
        "sessions: [one, two]\nsteps:\n  - sql: SELECT 1\n    session: one\n  - check: SELECT current_setting('default_transaction_isolation'), current_setting('work_mem')\n    session: two\n    expect: {rows: [[read committed, 4MB]]}\n",
    );
    let mut cmd = tree.cmd(&["bless", "--jobs", "1"]);
    cmd.env("DATABASE_URL", &url);
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(leftovers(&url), "0 databases, 0 roles, 0 schemas");
}
