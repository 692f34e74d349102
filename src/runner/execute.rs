//! Running one spec in its sandbox: setup, steps, expectations, always cleaning up.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::{Database, DbError, DjangoConnection, RecordingConnection, Sandbox, SharedLog};
use crate::expect::{check_spec_log, describe_error, Failure};
use crate::log::SqlLog;
use crate::ops::run_setup;
use crate::orm::OrmState;
use crate::spec::{Operation, Spec};
use crate::sql::split::abbreviate;

use super::steps::{Flow, Runner};
use super::waits::Monitor;

/// What running a spec produced, before any golden comparison.
pub struct Execution {
    pub log: SqlLog,
    pub failures: Vec<Failure>,
    /// Why the spec could not run as written (setup failed, connection lost, timeout).
    pub error: Option<String>,
    /// The sandbox's names (its schema or database, its slot's role), redacted from the
    /// golden.
    pub sandbox_names: Vec<String>,
    /// Backend pids of the spec's sessions, redacted from the golden.
    pub pids: Vec<i32>,
    pub isolation: Duration,
    /// The spec ran past its timeout: a failure of the spec (exit 1, as nextest counts it),
    /// whose log is incomplete, so no golden is compared or written.
    pub timed_out: bool,
    /// A spec with permutations: each run's log, in order (`log` is the first's).
    pub sections: Vec<Section>,
}

/// One permutation's run, a section of the golden.
#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub log: SqlLog,
}

/// The least time making or dropping a sandbox may take before the server counts as not
/// answering (else the spec's own limit, when longer).
const SANDBOX_LIMIT: Duration = Duration::from_secs(5);

/// `work` within `limit`, or the server's silence as the error: a server that hangs (or
/// the network to it) must not hold the run forever.
async fn bounded<T>(
    limit: Duration,
    what: &'static str,
    work: impl std::future::Future<Output = Result<T, DbError>>,
) -> Result<T, DbError> {
    tokio::time::timeout(limit, work)
        .await
        .unwrap_or(Err(DbError::NoAnswer(limit, what)))
}

/// Runs a spec within `limit`, then drops its sandbox whatever happened.
pub async fn execute_spec(spec: &Spec, db: &Database, limit: Duration) -> Execution {
    let log: SharedLog = Arc::new(Mutex::new(SqlLog::default()));
    let started = Instant::now();
    let sandbox_limit = limit.max(SANDBOX_LIMIT);
    let opened = bounded(
        sandbox_limit,
        "making the sandbox",
        Sandbox::open(
            db,
            spec.isolation,
            spec.privileges,
            spec.main_session(),
            log.clone(),
        ),
    )
    .await;
    let mut isolation = started.elapsed();
    let (sandbox, conn) = match opened {
        Ok(pair) => pair,
        Err(err) => return failed_to_start(err, isolation),
    };
    let sandbox_names = sandbox.names();
    let dropping = "dropping the sandbox";
    let opening = "opening the spec's sessions";
    let sessions = match bounded(
        sandbox_limit,
        opening,
        open_sessions(spec, db, &sandbox, &log),
    )
    .await
    {
        Ok(sessions) => sessions,
        Err(err) => {
            let _ = bounded(sandbox_limit, dropping, sandbox.abandon(db, vec![conn])).await;
            return failed_to_start(err, isolation);
        }
    };
    // With several sessions, one more asks the server which of them waits for a lock.
    let monitor = match spec.sessions.len() > 1 {
        true => {
            let open = sandbox.open_session(db, "admin", log.clone());
            match bounded(sandbox_limit, opening, open).await {
                Ok(monitor) => Some(monitor),
                Err(err) => {
                    let _ = bounded(sandbox_limit, dropping, sandbox.abandon(db, vec![conn])).await;
                    return failed_to_start(err, isolation);
                }
            }
        }
        false => None,
    };
    let others = match bounded(
        sandbox_limit,
        opening,
        open_others(spec, db, &sandbox, &log),
    )
    .await
    {
        Ok(others) => others,
        Err(err) => {
            let _ = bounded(sandbox_limit, dropping, sandbox.abandon(db, vec![conn])).await;
            return failed_to_start(err, isolation);
        }
    };
    let current = AtomicUsize::new(0);
    let place = Place {
        db,
        sandbox: &sandbox,
    };
    let outcome = tokio::time::timeout(
        limit,
        run_body(
            spec, &conn, &log, &current, others, sessions, monitor, place,
        ),
    )
    .await;
    let closing = Instant::now();
    let mut timed_out = false;
    let (failures, mut error, cleanup) = match outcome {
        Ok(Ok(failures)) => (
            failures,
            None,
            bounded(sandbox_limit, dropping, sandbox.close(db, conn)).await,
        ),
        Ok(Err(message)) => (
            Vec::new(),
            Some(message),
            bounded(sandbox_limit, dropping, sandbox.abandon(db, vec![conn])).await,
        ),
        Err(_) => {
            timed_out = true;
            let mut failure = timeout_failure(spec, current.load(Ordering::Relaxed), limit, &log);
            let abandon = sandbox.abandon(db, vec![conn]);
            let cleanup = bounded(sandbox_limit, dropping, abandon).await;
            if cleanup.is_ok() {
                failure.message.push_str(" (the sandbox was dropped)");
            }
            (vec![failure], None, cleanup)
        }
    };
    isolation += closing.elapsed();
    if let (Err(err), None) = (cleanup, &error) {
        error = Some(format!("could not drop the spec's sandbox: {err}"));
    }
    let log = lock(&log).clone();
    // Every connection the spec had (reconnected ones too) logged its backend.
    let pids = log.backends().to_vec();
    Execution {
        log,
        failures,
        error,
        sandbox_names,
        pids,
        isolation,
        timed_out,
        sections: Vec::new(),
    }
}

/// The failure a timeout is: where (setup, or the step and its line), and the statement
/// the server was still running, with its session when it is not the main one.
fn timeout_failure(spec: &Spec, step: usize, limit: Duration, log: &SharedLog) -> Failure {
    let (location, at) = match spec.step(step) {
        Some(s) => (Some(&s.location), format!("in step {step}")),
        None => (None, "in setup".to_string()),
    };
    let waiting = lock(log)
        .in_flight()
        .iter()
        .map(|(session, statement)| {
            let text = abbreviate(statement, 200);
            if session == spec.main_session() {
                format!("; the server was running: {text}")
            } else {
                format!("; session `{session}` was running: {text}")
            }
        })
        .collect::<String>();
    let mut failure = Failure::at(
        location,
        format!("timed out after {} {at}{waiting}", humantime(limit)),
    );
    if location.is_none() {
        failure.location = Some(format!("{}", spec.path.display()));
    }
    failure
}

/// The spec's named sessions after its first (which is the sandbox's own session).
async fn open_sessions(
    spec: &Spec,
    db: &Database,
    sandbox: &Sandbox,
    log: &SharedLog,
) -> Result<HashMap<String, RecordingConnection>, DbError> {
    let mut sessions = HashMap::new();
    for name in spec.sessions.iter().skip(1) {
        let conn = sandbox.open_session(db, name, log.clone()).await?;
        sessions.insert(name.clone(), conn);
    }
    Ok(sessions)
}

/// The second session that `concurrently:` races use, when a spec has any.
async fn open_others(
    spec: &Spec,
    db: &Database,
    sandbox: &Sandbox,
    log: &SharedLog,
) -> Result<HashMap<String, RecordingConnection>, DbError> {
    let races = spec.all_steps().iter().any(|s| match &s.operation {
        Operation::GetOrCreate(op) | Operation::UpdateOrCreate(op) => op.concurrently.is_some(),
        _ => false,
    });
    let mut others = HashMap::new();
    if races {
        others.insert(
            "other".to_string(),
            sandbox.open_session(db, "other", log.clone()).await?,
        );
    }
    Ok(others)
}

fn failed_to_start(err: DbError, isolation: Duration) -> Execution {
    Execution {
        log: SqlLog::default(),
        failures: Vec::new(),
        error: Some(format!("could not create the spec's sandbox: {err}")),
        sandbox_names: Vec::new(),
        pids: Vec::new(),
        isolation,
        timed_out: false,
        sections: Vec::new(),
    }
}

/// Where the spec's sessions connect to, when Django opens a connection anew.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    pub db: &'a Database,
    pub sandbox: &'a Sandbox,
}

/// Setup, then the steps in order. `Err` is a reason the spec could not run as written.
/// `current` tells a timeout which step was running (0: setup).
#[allow(clippy::too_many_arguments)]
async fn run_body(
    spec: &Spec,
    conn: &RecordingConnection,
    log: &SharedLog,
    current: &AtomicUsize,
    others: HashMap<String, RecordingConnection>,
    sessions: HashMap<String, RecordingConnection>,
    monitor: Option<RecordingConnection>,
    place: Place<'_>,
) -> Result<Vec<Failure>, String> {
    for session in std::iter::once(conn)
        .chain(others.values())
        .chain(sessions.values())
    {
        set_time_zone(spec, session).await?;
    }
    for (name, level) in &spec.isolation_levels {
        let session = sessions.get(name).unwrap_or(conn);
        session.set_begin(level.begin());
    }
    if spec.django {
        let zone = spec.settings.connection_time_zone();
        let named = std::iter::once((spec.main_session(), conn))
            .chain(sessions.iter().map(|(n, c)| (n.as_str(), c)))
            .chain(others.iter().map(|(n, c)| (n.as_str(), c)));
        for (name, session) in named {
            let options = spec.connections.get(name).copied().unwrap_or_default();
            session.adopt(DjangoConnection::new(
                zone,
                options.max_age == Some(0),
                options.health_checks,
            ));
        }
    }
    if let Some(failure) = run_setup(&spec.setup, conn)
        .await
        .map_err(|e| e.to_string())?
    {
        return Err(format!(
            "{}: setup failed: {} in `{}`",
            failure.location,
            describe_error(&failure.error),
            first_line(&failure.statement)
        ));
    }
    // Plans compared with expectations come from fresh statistics of the spec's own tables,
    // not from whenever autovacuum last came by.
    if spec.all_steps().iter().any(|s| s.expect.plan.is_some()) {
        analyze_own_tables(conn).await.map_err(|e| e.to_string())?;
    }
    let registry = crate::orm::plan::prepare(spec, conn).await?;
    let orm = OrmState {
        registry: std::sync::Arc::new(registry),
        others: Arc::new(others),
        generator: Arc::new(crate::orm::defaults::Generator::new(
            spec.now,
            spec.settings.clone(),
        )),
        ..OrmState::default()
    };
    let first = spec.main_session();
    let monitor = monitor.as_ref().map(|m| Monitor {
        conn: m,
        names: std::iter::once((conn.backend_pid(), first.to_string()))
            .chain(sessions.iter().map(|(n, c)| (c.backend_pid(), n.clone())))
            .collect(),
    });
    let mut runner = Runner {
        spec,
        log,
        current,
        main: conn,
        sessions: &sessions,
        monitor,
        orm,
        failures: Vec::new(),
        waiters: Vec::new(),
        depth: 0,
        retrying: None,
        place,
    };
    if let Flow::Stop = runner.run_steps(&spec.steps).await? {
        return Ok(runner.failures);
    }
    // Waits that no step is left to release fail the spec instead of its log expectations.
    if !runner.waiters.is_empty() {
        runner.cancel_stuck().await;
        return Ok(runner.failures);
    }
    let mut failures = runner.failures;
    failures.extend(check_spec_log(&spec.expect, &lock(log)));
    Ok(failures)
}

/// Django's connection time zone (UTC with USE_TZ) on a session, before anything else is
/// sent; sessions start in UTC.
pub(super) async fn set_time_zone(
    spec: &Spec,
    session: &RecordingConnection,
) -> Result<(), String> {
    let zone = spec.settings.connection_time_zone();
    if zone == "UTC" {
        return Ok(());
    }
    let set = format!("SET TimeZone TO '{}'", zone.replace('\'', "''"));
    session
        .harness(&set)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// ANALYZE of the tables in the sandbox's schema (not of the whole database, which on a
/// shared server may be large).
async fn analyze_own_tables(conn: &RecordingConnection) -> Result<(), DbError> {
    let rows = conn
        .harness(
            "SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') FROM pg_tables \
             WHERE schemaname = current_schema()",
        )
        .await?;
    if let Some(tables) = rows
        .first()
        .and_then(|r| r.first())
        .filter(|t| !t.is_empty())
    {
        conn.harness(&format!("ANALYZE {tables}")).await?;
    }
    Ok(())
}

/// The log, even if a task panicked while holding it (its entries are still whole).
pub(super) fn lock(log: &SharedLog) -> std::sync::MutexGuard<'_, SqlLog> {
    log.lock().unwrap_or_else(|e| e.into_inner())
}

fn first_line(statement: &str) -> String {
    let line = statement.lines().next().unwrap_or("");
    if statement.lines().nth(1).is_some() {
        format!("{line} ...")
    } else {
        line.to_string()
    }
}

/// "30s", "1.5s".
pub fn humantime(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs.fract() == 0.0 {
        format!("{secs:.0}s")
    } else {
        format!("{secs}s")
    }
}
