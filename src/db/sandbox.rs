//! Sandboxes: the private schema or database each spec runs in, created before and always
//! dropped after, also when the spec fails, times out or the run is interrupted.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::recorder::{ClientHandle, RecordingConnection, SharedLog};
use super::slots::{Slot, SlotLease};
use super::{Database, DbError};
use crate::spec::{Isolation, Privileges};

/// Settings every session starts with, so goldens do not depend on the server's defaults.
/// The planner's cost settings and enable_* switches are PostgreSQL's defaults, and JIT is
/// off, so that plans do not depend on a server's tuning.
const SESSION_INIT: &str = "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET IntervalStyle TO 'postgres'; SET extra_float_digits TO 1; \
    SET jit TO off; SET random_page_cost TO 4; SET seq_page_cost TO 1; SET cpu_tuple_cost TO 0.01; \
    SET cpu_index_tuple_cost TO 0.005; SET cpu_operator_cost TO 0.0025; SET effective_cache_size TO '4GB'; \
    SET enable_seqscan TO on; SET enable_indexscan TO on; SET enable_indexonlyscan TO on; SET enable_bitmapscan TO on; \
    SET enable_tidscan TO on; SET enable_sort TO on; SET enable_hashagg TO on; SET enable_material TO on; \
    SET enable_nestloop TO on; SET enable_mergejoin TO on; SET enable_hashjoin TO on; ";

/// The sandboxes alive in this run, so an interrupted run can still drop them.
#[derive(Clone, Default)]
pub struct SandboxRegistry {
    live: Arc<Mutex<HashMap<String, LiveSandbox>>>,
    counter: Arc<AtomicUsize>,
    /// This run's mark, in every sandbox's name and every connection's application_name:
    /// a later run drops the sandboxes whose run has no connection left.
    run: String,
}

#[derive(Clone)]
struct LiveSandbox {
    isolation: Isolation,
    pids: Vec<i32>,
    /// The job slot it runs in (its schema is dropped by the slot's own role).
    slot: Option<Arc<Slot>>,
}

impl SandboxRegistry {
    pub fn new(run: String) -> SandboxRegistry {
        SandboxRegistry {
            run,
            ..SandboxRegistry::default()
        }
    }

    /// This run's mark.
    pub fn run(&self) -> &str {
        &self.run
    }

    fn next_name(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        // The run's mark keeps concurrent runs against one server apart.
        format!("pgscenario_{}_{n}", self.run)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, LiveSandbox>> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One spec's private namespace on the server.
pub struct Sandbox {
    name: String,
    isolation: Isolation,
    /// The job slot the spec runs in; `None` runs it as the connecting role (a spec that
    /// asks for a superuser, or a server on which the run could not make slots).
    lease: Option<SlotLease>,
}

impl Sandbox {
    /// The schema or database name (redacted from goldens).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Every name of the sandbox that a log can show: its schema or database, and the role
    /// and database of its job slot (all redacted from goldens).
    pub fn names(&self) -> Vec<String> {
        let mut names = vec![self.name.clone()];
        if let Some(slot) = self.slot() {
            if slot.name != self.name {
                names.push(slot.name.clone());
            }
        }
        names
    }

    /// Creates a sandbox and its first session.
    pub async fn open(
        db: &Database,
        isolation: Isolation,
        privileges: Privileges,
        session: &str,
        log: SharedLog,
    ) -> Result<(Sandbox, RecordingConnection), DbError> {
        let lease = match (privileges, db.slots()) {
            (Privileges::Restricted, Some(slots)) => slots.acquire().await,
            _ => None,
        };
        let slot = lease.as_ref().map(|l| l.slot().clone());
        let (name, conn) = match (isolation, &slot) {
            (Isolation::Schema, Some(slot)) => {
                // The slot's sessions have its search_path already (startup options).
                let init = format!("CREATE SCHEMA {}; {SESSION_INIT}", quote_ident(&slot.name));
                let client = ClientHandle::Pooled(slot.pooled(db).await?);
                let conn = RecordingConnection::open(client, session, log, &init).await?;
                (slot.name.clone(), conn)
            }
            (Isolation::Schema, None) => {
                let name = db.registry.next_name();
                let init = format!(
                    "CREATE SCHEMA {q}; SET search_path TO {q}; {SESSION_INIT}",
                    q = quote_ident(&name)
                );
                let client = ClientHandle::Pooled(db.pooled().await?);
                let conn = RecordingConnection::open(client, session, log, &init).await?;
                (name, conn)
            }
            (Isolation::Database, slot) => {
                let name = db.registry.next_name();
                let conn = open_database(db, &name, slot.as_deref(), session, log).await?;
                (name, conn)
            }
        };
        db.registry.lock().insert(
            name.clone(),
            LiveSandbox {
                isolation,
                pids: vec![conn.backend_pid()],
                slot,
            },
        );
        Ok((
            Sandbox {
                name,
                isolation,
                lease,
            },
            conn,
        ))
    }

    fn slot(&self) -> Option<&Arc<Slot>> {
        self.lease.as_ref().map(SlotLease::slot)
    }

    /// Another session in the same sandbox (a second client, e.g. for a race). A dedicated
    /// connection: it closes when dropped, so it never returns to the pool dirty.
    pub async fn open_session(
        &self,
        db: &Database,
        session: &str,
        log: SharedLog,
    ) -> Result<RecordingConnection, DbError> {
        let (client, init) = match (self.isolation, self.slot()) {
            (Isolation::Schema, Some(slot)) => {
                (slot.connect(db, None).await?, SESSION_INIT.to_string())
            }
            (Isolation::Schema, None) => (
                db.connect_to(None).await?,
                format!(
                    "SET search_path TO {}; {SESSION_INIT}",
                    quote_ident(&self.name)
                ),
            ),
            (Isolation::Database, Some(slot)) => (
                slot.connect(db, Some(&self.name)).await?,
                SESSION_INIT.to_string(),
            ),
            (Isolation::Database, None) => (
                db.connect_to(Some(&self.name)).await?,
                SESSION_INIT.to_string(),
            ),
        };
        let conn =
            RecordingConnection::open(ClientHandle::Owned(client), session, log, &init).await?;
        if let Some(live) = db.registry.lock().get_mut(&self.name) {
            live.pids.push(conn.backend_pid());
        }
        Ok(conn)
    }

    /// Drops the sandbox after a spec that ran to its end, returning pooled connections clean.
    pub async fn close(self, db: &Database, conn: RecordingConnection) -> Result<(), DbError> {
        if self.isolation == Isolation::Database {
            drop(conn.into_handle());
            let slot = self.slot().map(Arc::as_ref);
            return drop_sandbox(db, &self.name, Isolation::Database, slot, &[]).await;
        }
        // ROLLBACK ends a transaction the spec left open (only then: outside one the server
        // logs a WARNING); DISCARD ALL resets settings, temporary tables, prepared
        // statements, advisory locks and LISTENs.
        let rollback = if conn.in_transaction() {
            "ROLLBACK; "
        } else {
            ""
        };
        // In a slot, everything the spec created is its role's: DROP OWNED takes the
        // sandbox schema and any other schema or object the spec made.
        let drop_sql = match self.slot() {
            Some(slot) => format!("{rollback}{}", slot.cleanup_sql()),
            None => format!("{rollback}DROP SCHEMA {} CASCADE", quote_ident(&self.name)),
        };
        // Two queries (DISCARD ALL cannot share the first one's implicit transaction),
        // pipelined: sent together, one round trip.
        let (cleanup, discard) = tokio::join!(conn.harness(&drop_sql), conn.harness("DISCARD ALL"));
        if cleanup.is_ok() && discard.is_ok() {
            db.registry.lock().remove(&self.name);
            return Ok(());
        }
        // The spec's session cannot drop it (it changed role, went read-only, or was
        // terminated): a fresh connection can, after ending that session.
        let pid = conn.backend_pid();
        detach(conn);
        drop_sandbox(
            db,
            &self.name,
            Isolation::Schema,
            self.slot().map(|s| &**s),
            &[pid],
        )
        .await
    }

    /// A session's backend was closed (Django closed the connection): it is no longer the
    /// sandbox's, so that its pid, once the server reuses it, is never terminated as ours.
    pub fn forget_backend(&self, db: &Database, pid: i32) {
        if let Some(live) = db.registry.lock().get_mut(&self.name) {
            live.pids.retain(|p| *p != pid);
        }
    }

    /// Drops the sandbox after a spec that was cut short (timeout, broken connection): all
    /// its sessions' backends (every session, the runner's own, those Django reconnected)
    /// are terminated first, so that none runs on or holds a lock that blocks the drop.
    pub async fn abandon(
        self,
        db: &Database,
        conns: Vec<RecordingConnection>,
    ) -> Result<(), DbError> {
        let mut pids: Vec<i32> = conns.iter().map(|c| c.backend_pid()).collect();
        if let Some(live) = db.registry.lock().get(&self.name) {
            pids.extend(
                live.pids
                    .iter()
                    .filter(|p| !pids.contains(p))
                    .collect::<Vec<_>>(),
            );
        }
        for conn in conns {
            detach(conn);
        }
        let slot = self.slot().cloned();
        drop_sandbox(db, &self.name, self.isolation, slot.as_deref(), &pids).await
    }
}

/// Creates a database for one spec (owned by the job slot's role, when there is one) and
/// enters it; a database that cannot be entered is still dropped.
async fn open_database(
    db: &Database,
    name: &str,
    slot: Option<&Slot>,
    session: &str,
    log: SharedLog,
) -> Result<RecordingConnection, DbError> {
    let admin = RecordingConnection::open(
        ClientHandle::Pooled(db.pooled().await?),
        "admin",
        log.clone(),
        "",
    )
    .await?;
    let owner = slot.map_or(String::new(), |s| {
        format!(" OWNER {}", quote_ident(&s.name))
    });
    admin
        .harness(&format!("CREATE DATABASE {}{owner}", quote_ident(name)))
        .await?;
    drop(admin);
    db.registry.lock().insert(
        name.to_string(),
        LiveSandbox {
            isolation: Isolation::Database,
            pids: Vec::new(),
            slot: None,
        },
    );
    let client = match slot {
        Some(slot) => slot.connect(db, Some(name)).await,
        None => db.connect_to(Some(name)).await,
    };
    let entered = match client {
        Ok(client) => {
            RecordingConnection::open(ClientHandle::Owned(client), session, log, SESSION_INIT).await
        }
        Err(err) => Err(err),
    };
    if entered.is_err() {
        let _ = drop_sandbox(db, name, Isolation::Database, None, &[]).await;
    }
    entered
}

/// A unique mark for a run: base-36 digits of the clock and the process id.
pub fn new_run_mark() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut n = nanos ^ (u64::from(std::process::id()) << 40);
    let mut mark = String::new();
    while n > 0 && mark.len() < 10 {
        let digit = (n % 36) as u32;
        mark.push(char::from_digit(digit, 36).unwrap_or('0'));
        n /= 36;
    }
    mark
}

/// The application_name of this run's connections: the user's own (shortened to fit the
/// server's 63 bytes), then the run's mark, by which a later run sees this one alive.
pub fn application_name(user: Option<&str>, run: &str) -> String {
    let mark = format!("pgscenario/{run}");
    match user {
        Some(own) if !own.is_empty() => {
            let room = 63usize.saturating_sub(mark.len() + 1);
            let mut own: String = own.chars().take(room).collect();
            while own.len() > room {
                own.pop();
            }
            format!("{own} {mark}")
        }
        _ => mark,
    }
}

/// Drops the sandboxes (schemas in this database, and databases) of runs that are gone:
/// no connection of the server carries their mark any more (a run killed outright).
/// Returns their names.
pub async fn sweep_abandoned(db: &Database) -> Result<Vec<String>, DbError> {
    let admin = db.connect_to(None).await?;
    let pattern = "^pgscenario_[0-9a-z]+_s?[0-9]+$";
    let sql = format!(
        "SELECT s.name, s.kind FROM (\
           SELECT nspname::text AS name, 'schema' AS kind FROM pg_namespace WHERE nspname ~ '{pattern}' \
           UNION ALL SELECT datname::text, 'database' FROM pg_database WHERE datname ~ '{pattern}' \
           UNION ALL SELECT rolname::text, 'role' FROM pg_roles WHERE rolname ~ '{pattern}') s \
         WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a \
           WHERE a.application_name LIKE '%pgscenario/' || split_part(s.name, '_', 2)) \
         ORDER BY s.kind, s.name"
    );
    let rows = admin
        .query(sql.as_str(), &[])
        .await
        .map_err(|e| DbError::from_postgres(&e))?;
    let mut dropped = Vec::new();
    for row in rows {
        let (name, kind): (String, String) = (row.get(0), row.get(1));
        // Databases first (ORDER BY kind): a role is dropped once its database is gone.
        let done = match kind.as_str() {
            "role" => admin
                .simple_query(&format!("DROP ROLE IF EXISTS {}", quote_ident(&name)))
                .await
                .is_ok(),
            "schema" => drop_sandbox(db, &name, Isolation::Schema, None, &[])
                .await
                .is_ok(),
            _ => drop_sandbox(db, &name, Isolation::Database, None, &[])
                .await
                .is_ok(),
        };
        if done {
            dropped.push(format!("{kind} {name}"));
        }
    }
    Ok(dropped)
}

/// How long dropping the live sandboxes after Ctrl-C may take: a server that does not
/// answer must not keep an interrupted run from ending (the next run drops what is left).
const DROP_ALL_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Drops every sandbox still alive (after Ctrl-C), terminating its sessions first.
pub async fn drop_all(db: &Database) {
    let live: Vec<(String, LiveSandbox)> = db.registry.lock().drain().collect();
    let dropping = async {
        for (name, sandbox) in live {
            let slot = sandbox.slot.as_deref();
            let _ = drop_sandbox(db, &name, sandbox.isolation, slot, &sandbox.pids).await;
        }
    };
    if tokio::time::timeout(DROP_ALL_LIMIT, dropping)
        .await
        .is_err()
    {
        eprintln!(
            "note: the server did not answer within {DROP_ALL_LIMIT:?}: sandboxes stay until the next run on it drops them"
        );
    }
}

async fn drop_sandbox(
    db: &Database,
    name: &str,
    isolation: Isolation,
    slot: Option<&Slot>,
    pids: &[i32],
) -> Result<(), DbError> {
    // A fresh connection, not a pooled one: after an abort, a pooled connection may still be
    // busy with the very statement we are about to cancel, and would queue behind it.
    let admin = db.connect_to(None).await?;
    if !pids.is_empty() {
        let list = pids
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        admin
            .simple_query(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN ({list})"
            ))
            .await
            .map_err(|e| DbError::from_postgres(&e))?;
    }
    if let (Isolation::Schema, Some(slot)) = (isolation, slot) {
        // A new login as the slot's role, whose startup options undo any read-only or
        // timeout default the spec gave the role.
        let own = slot.connect(db, None).await;
        let result = match own {
            Ok(own) => own
                .simple_query(&slot.cleanup_sql())
                .await
                .map(|_| ())
                .map_err(|e| DbError::from_postgres(&e)),
            Err(err) => Err(err),
        };
        db.registry.lock().remove(name);
        return result;
    }
    let result = match isolation {
        Isolation::Schema => admin
            .simple_query(&format!(
                "DROP SCHEMA IF EXISTS {} CASCADE",
                quote_ident(name)
            ))
            .await
            .map(|_| ()),
        Isolation::Database => match drop_database(&admin, name).await {
            // The spec ran as the slot's role: defaults it gave that role, or the slot's
            // database from its own, would reach the slot's later specs.
            Ok(()) => match slot {
                Some(slot) => admin.batch_execute(&slot.reset_sql()).await,
                None => Ok(()),
            },
            failed => failed,
        },
    };
    db.registry.lock().remove(name);
    result.map_err(|e| DbError::from_postgres(&e))
}

/// Drops a database of the run's, ending its sessions. Its owner (the slot's role, so a
/// spec) may have made it a template, which DROP DATABASE refuses: make it an ordinary
/// database again first (only then: that costs a round trip).
pub(crate) async fn drop_database(
    admin: &tokio_postgres::Client,
    name: &str,
) -> Result<(), tokio_postgres::Error> {
    let q = quote_ident(name);
    let drop = format!("DROP DATABASE IF EXISTS {q} WITH (FORCE)");
    match admin.simple_query(&drop).await {
        Err(err) if err.code() == Some(&tokio_postgres::error::SqlState::WRONG_OBJECT_TYPE) => {
            admin
                .simple_query(&format!("ALTER DATABASE {q} IS_TEMPLATE false"))
                .await?;
            admin.simple_query(&drop).await.map(|_| ())
        }
        result => result.map(|_| ()),
    }
}

/// Takes a connection out of the pool for good: its state is unknown.
fn detach(conn: RecordingConnection) {
    if let Some(handle) = conn.into_handle() {
        handle.close();
    }
}

/// A double-quoted SQL identifier.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
