//! Throughput and isolation overhead: `cargo bench` (release build, embedded PostgreSQL).
//!
//! Prints the cost of the primitives (a round trip, a schema, a database), then runs generated
//! suites of small specs serially and in parallel and prints specs per second and the mean
//! per-spec isolation overhead (sandbox create + drop).

#[path = "throughput/wire.rs"]
mod wire;

use std::time::{Duration, Instant};

use pgscenario::db::server::{EmbeddedServer, ServerOptions};
use pgscenario::db::Database;
use pgscenario::report::{Event, Reporter, Summary};
use pgscenario::runner::{run_specs, GoldenMode, RunOptions};
use pgscenario::spec::{discover, load_spec, LoadContext, Spec};

struct Silent;

impl Reporter for Silent {
    fn event(&mut self, _: &Event<'_>) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    // `cargo test --benches` runs bench targets once with no `--bench`: keep that cheap.
    let full = std::env::args().any(|a| a == "--bench");
    let specs_per_suite = if full { 300 } else { 10 };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");

    let started = Instant::now();
    let mut server = EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL");
    println!(
        "embedded server start (warm cache): {:.0} ms",
        ms(started.elapsed())
    );
    let url = server.url();

    runtime.block_on(async {
        primitives(&url, if full { 1000 } else { 50 }).await;
        slot_startup(&url).await;
        let mut db = Database::connect(&url, 6, Duration::from_secs(10)).await.expect("connect");
        db.prepare_slots(2).await.expect("job slots");
        for (label, spec, psql_sql) in [
            ("minimal spec (1 statement)", MINIMAL, Some(MINIMAL_SQL)),
            ("small spec (table + 4 statements)", SMALL, Some(SMALL_SQL)),
            ("ORM spec (model, create, get_or_create)", ORM, None),
        ] {
            let dir = suite(spec, specs_per_suite);
            let specs = load(dir.path());
            if let Some(sql) = psql_sql {
                // The floor: one psql session sending the same SQL, with a schema per spec.
                let per_spec = psql_floor(&url, sql, specs_per_suite);
                println!(
                    "{label:<40} psql, one session: {:.2} ms/spec (the same SQL, sandbox included)",
                    ms(per_spec)
                );
                round_trips(&url, label, sql, &specs).await;
            }
            for jobs in [1, 2, 4] {
                // Schemas of one database as the connecting role, then job slots (a
                // database and a restricted role per job), which runs get by default.
                for slots in [false, true] {
                    let mut db = Database::connect(&url, jobs + 3, Duration::from_secs(10))
                        .await
                        .expect("connect");
                    if slots {
                        db.prepare_slots(jobs).await.expect("job slots");
                        db.slots_ready().await;
                    }
                    let summary = run(&db, specs.clone(), jobs).await;
                    db.drop_slots().await;
                    assert_eq!(summary.passed, specs.len(), "every generated spec passes");
                    let secs = summary.duration.as_secs_f64();
                    println!(
                        "{label:<40} jobs={jobs} {:<7}: {:>4} specs in {:>6.0} ms = {:>6.0} specs/s, {:.2} ms/spec wall, isolation {:.2} ms/spec",
                        if slots { "slots" } else { "schemas" },
                        specs.len(),
                        secs * 1e3,
                        specs.len() as f64 / secs,
                        secs * 1e3 / specs.len() as f64,
                        ms(summary.isolation_per_spec),
                    );
                }
            }
        }
        if full {
            // Peak memory must not grow with the number of specs (it grew ~10 KiB per spec
            // when every spec's task was spawned up front).
            for count in [300, 3000] {
                let dir = suite(MINIMAL, count);
                let specs = load(dir.path());
                let summary = run(&db, specs, 2).await;
                assert_eq!(summary.passed, count);
                println!(
                    "peak memory after a suite of {count:>4} minimal specs: {} KiB",
                    max_rss_kib()
                );
            }
        }
    });
    let stopping = Instant::now();
    server.stop().expect("stop");
    println!(
        "embedded server stop (immediate, run directory removed): {:.0} ms",
        ms(stopping.elapsed())
    );
}

const MINIMAL: &str = "steps:\n  - sql: SELECT 1\n";
const SMALL: &str = "setup: CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL)\nsteps:\n  - sql: INSERT INTO t (v) VALUES ($1) RETURNING id\n    params: [a]\n    expect: {rows: [[1]]}\n  - sql: |\n      UPDATE t SET v = 'b' WHERE id = 1;\n      SELECT v FROM t;\n  - check: SELECT count(*) FROM t\n    expect: {rows: [[1]]}\n";

/// What MINIMAL and SMALL send, as psql would send it (values inlined).
const MINIMAL_SQL: &str = "SELECT 1;\n";
const SMALL_SQL: &str = "CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL);\nINSERT INTO t (v) VALUES ('a') RETURNING id;\nUPDATE t SET v = 'b' WHERE id = 1;\nSELECT v FROM t;\nSELECT count(*) FROM t;\n";

/// Wall time per spec of one psql session running `sql` `count` times, each in a schema of
/// its own created and dropped around it (as the runner's sandbox is).
fn psql_floor(url: &str, sql: &str, count: usize) -> Duration {
    // psql's own start and connection are not the SQL's cost: take them out.
    let empty = psql_script(url, sql, 0);
    psql_script(url, sql, count).saturating_sub(empty) / count as u32
}

/// One psql session running `sql` `count` times, each in a schema of its own.
fn psql_script(url: &str, sql: &str, count: usize) -> Duration {
    let mut script = String::from("SET client_min_messages TO warning;\n");
    for i in 0..count {
        script.push_str(&format!(
            "CREATE SCHEMA p{i}; SET search_path TO p{i};\n{sql}RESET search_path; DROP SCHEMA p{i} CASCADE;\n"
        ));
    }
    let file = tempfile::NamedTempFile::new().expect("script");
    std::fs::write(file.path(), script).expect("write script");
    let started = Instant::now();
    let status = std::process::Command::new("psql")
        .args([
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-o",
            "/dev/null",
            "-d",
            url,
            "-f",
        ])
        .arg(file.path())
        .status()
        .expect("psql");
    assert!(status.success(), "psql failed");
    started.elapsed()
}

/// Round trips per spec on the wire: psql sending the spec's SQL (with and without its
/// sandbox's four statements), and the runner in schemas and in a job slot.
async fn round_trips(url: &str, label: &str, sql: &str, specs: &[Spec]) {
    let wire = wire::WireCounter::start(url);
    let n = specs.len();
    let psql = |sql: &str, count: usize| {
        let before = wire.round_trips();
        psql_script(&wire.url, sql, count);
        wire.round_trips() - before
    };
    let per_spec = |total: u64, base: u64| (total - base) as f64 / n as f64;
    let with_sql = per_spec(psql(sql, n), psql(sql, 0));
    let sandbox = per_spec(psql("", n), psql("", 0));
    let mut line =
        format!("{label:<40} round trips per spec: psql {with_sql:.1} (its sandbox {sandbox:.1})");
    for slots in [false, true] {
        let mut db = Database::connect(&wire.url, 4, Duration::from_secs(10))
            .await
            .expect("connect through the relay");
        if slots {
            db.prepare_slots(1).await.expect("job slots");
        }
        let before = wire.round_trips();
        let summary = run(&db, specs.to_vec(), 1).await;
        assert_eq!(summary.passed, n);
        let total = wire.round_trips() - before;
        line.push_str(&format!(
            ", pgscenario {} {:.1}",
            if slots { "slots" } else { "schemas" },
            total as f64 / n as f64
        ));
        db.drop_slots().await;
    }
    println!("{line}");
}

/// A model read from the catalog after setup, then ORM steps.
const ORM: &str = "setup: CREATE TABLE author (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name varchar(100) NOT NULL, email varchar(254) NOT NULL UNIQUE)\nmodels:\n  Author: {}\nsteps:\n  - create: {model: Author, values: {name: a, email: a@e}}\n  - get_or_create: {model: Author, lookup: {email: b@e}, defaults: {name: b}}\n";

/// The notebook's note that an index slows writes: the same inserts into a table without
/// and with an index on the inserted column (specs/seed/indexes.yaml shows the read side).
async fn index_write_cost(client: &tokio_postgres::Client, rows: u32) {
    let insert = format!(
        "INSERT INTO bench_w (published) SELECT DATE '2020-01-01' + g % 1000 FROM generate_series(1, {rows}) g"
    );
    client
        .batch_execute("CREATE TABLE bench_w (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, published date NOT NULL)")
        .await
        .expect("table");
    let mut timed = Vec::new();
    for index in [false, true] {
        client
            .batch_execute("TRUNCATE bench_w")
            .await
            .expect("truncate");
        if index {
            client
                .batch_execute("CREATE INDEX bench_w_published ON bench_w (published)")
                .await
                .expect("index");
        }
        let started = Instant::now();
        client.batch_execute(&insert).await.expect("insert");
        timed.push(started.elapsed());
    }
    client
        .batch_execute("DROP TABLE bench_w")
        .await
        .expect("drop");
    println!(
        "{rows} inserts: {:.1} ms without an index on the column, {:.1} ms with one ({:.2}x)",
        ms(timed[0]),
        ms(timed[1]),
        timed[1].as_secs_f64() / timed[0].as_secs_f64()
    );
}

/// A round trip, a schema with a table, and a database, each created and dropped.
async fn primitives(url: &str, rounds: u32) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("connect");
    tokio::spawn(connection);
    let time = |d: Duration, n: u32| ms(d) / f64::from(n);
    let started = Instant::now();
    for _ in 0..rounds {
        client.simple_query("SELECT 1").await.expect("select");
    }
    println!(
        "round trip (simple SELECT 1):          {:.3} ms",
        time(started.elapsed(), rounds)
    );
    index_write_cost(&client, rounds * 50).await;
    // Fingerprints are computed for every statement of every report: linear in its length.
    let rows: Vec<String> = (0..20_000).map(|i| format!("({i}, 'x{i}')")).collect();
    let bulk = format!("INSERT INTO t (a, b) VALUES {}", rows.join(", "));
    let started = Instant::now();
    let shape = pgscenario::sql::fingerprint::fingerprint(&bulk);
    println!(
        "fingerprint of a 20,000-row INSERT ({} KiB): {:.1} ms ({shape})",
        bulk.len() / 1024,
        ms(started.elapsed())
    );
    let n = rounds / 10;
    let started = Instant::now();
    for i in 0..n {
        client
            .batch_execute(&format!("CREATE SCHEMA b{i}; CREATE TABLE b{i}.t (id serial PRIMARY KEY); DROP SCHEMA b{i} CASCADE"))
            .await
            .expect("schema");
    }
    println!(
        "schema + table, create and drop:        {:.2} ms",
        time(started.elapsed(), n)
    );
    let n = (rounds / 100).max(3);
    let started = Instant::now();
    for i in 0..n {
        client
            .batch_execute(&format!("CREATE DATABASE bench{i}"))
            .await
            .expect("create database");
        client
            .batch_execute(&format!("DROP DATABASE bench{i}"))
            .await
            .expect("drop database");
    }
    println!(
        "database, create and drop:              {:.2} ms",
        time(started.elapsed(), n)
    );
}

/// What job slots cost a run: making them at its start, dropping them at its end (on a
/// given server; the embedded one is thrown away whole).
async fn slot_startup(url: &str) {
    for jobs in [1, 2, 4, 8] {
        let mut db = Database::connect(url, jobs + 3, Duration::from_secs(10))
            .await
            .expect("connect");
        let started = Instant::now();
        db.prepare_slots(jobs).await.expect("job slots");
        let first = started.elapsed();
        db.slots_ready().await;
        let made = started.elapsed();
        let dropping = Instant::now();
        db.drop_slots().await;
        println!(
            "job slots, {jobs}: the first ready in {:.0} ms, all made in {:.0} ms ({:.1} ms per slot), dropped in {:.0} ms",
            ms(first),
            ms(made),
            ms(made) / jobs as f64,
            ms(dropping.elapsed())
        );
    }
}

fn suite(spec: &str, count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..count {
        let path = dir.path().join(format!("s{i:04}.yaml"));
        std::fs::write(path, spec).expect("write spec");
    }
    dir
}

fn load(root: &std::path::Path) -> Vec<Spec> {
    let ctx = LoadContext {
        specs_root: root.to_path_buf(),
        cli_vars: Default::default(),
        settings: Default::default(),
        template_timeout: None,
    };
    discover(&[], root)
        .expect("discover")
        .iter()
        .map(|file| load_spec(file, &ctx).expect("load"))
        .collect()
}

async fn run(db: &Database, specs: Vec<Spec>, jobs: usize) -> Summary {
    let options = RunOptions {
        jobs,
        timeout: Duration::from_secs(30),
        fail_fast: false,
        mode: GoldenMode::Ignore,
        golden_root: std::env::temp_dir(),
        project_rules: Vec::new(),
        color: false,
        update: pgscenario::golden::UpdatePolicy::No,
        rerun_args: String::new(),
    };
    run_specs(specs, db, &options, Summary::default(), &mut Silent)
        .await
        .expect("not interrupted")
}

/// The process's peak resident set so far.
fn max_rss_kib() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
