//! The recording connection: the only way SQL reaches the server, and so the only writer of
//! the SQL log.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicBool, AtomicI32};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use futures_util::{pin_mut, TryStreamExt};
use tokio_postgres::{Client, SimpleQueryMessage};

use super::lifetime::DjangoConnection;
use super::value::{TextParam, Value};
use super::DbError;
use crate::log::{LogEntry, Phase, ResultSet, SqlError, SqlLog, Upkeep};

/// The log shared by all sessions of one spec, so interleaved statements keep their order.
pub type SharedLog = Arc<Mutex<SqlLog>>;

/// A client, pooled or owned (a connection to a per-spec database).
pub enum ClientHandle {
    Pooled(deadpool_postgres::Object),
    Owned(Client),
}

impl ClientHandle {
    /// Closes the connection; a pooled one is taken out of the pool first, as its state
    /// (a spec's settings, a transaction) is unknown.
    pub(super) fn close(self) {
        if let ClientHandle::Pooled(object) = self {
            let _ = deadpool_postgres::Object::take(object);
        }
    }

    fn client(&self) -> &Client {
        match self {
            ClientHandle::Pooled(object) => object,
            ClientHandle::Owned(client) => client,
        }
    }
}

/// Where a statement comes from, for its log entry.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub phase: Phase,
    pub step: Option<usize>,
}

/// What a statement did: its log entry's index and, for a failing statement, the error.
#[derive(Debug, Clone)]
pub struct Executed {
    pub index: usize,
    pub error: Option<SqlError>,
    pub result: Option<ResultSet>,
    pub rows: Option<u64>,
}

/// One session: a connection whose every statement is logged. Its server connection can be
/// replaced (Django closed it, and opens another), the session staying the same.
pub struct RecordingConnection {
    handle: RwLock<Arc<ClientHandle>>,
    session: String,
    log: SharedLog,
    backend_pid: AtomicI32,
    /// Django's hold on the connection, in a spec that uses the ORM: its set-up statement
    /// on a new connection, health checks, closing at request boundaries.
    django: Mutex<Option<DjangoConnection>>,
    /// Whether the session is inside a transaction block, as the statements it sent say.
    in_transaction: AtomicBool,
    /// A BEGIN to send before the next statement: psycopg opens the transaction of an
    /// atomic block lazily, so a block that sends nothing sends no BEGIN either.
    begin_pending: AtomicBool,
    /// How the ORM's transactions begin here: psycopg's BEGIN, with the connection's
    /// isolation level when one is configured.
    begin: std::sync::OnceLock<&'static str>,
    /// The step under way is async code (a coroutine of an `async` session)...
    async_step: AtomicBool,
    /// ... and is touching the database itself, not through an async method: Django's
    /// `@async_unsafe` raises SynchronousOnlyOperation before anything is sent.
    async_unsafe: AtomicBool,
}

impl RecordingConnection {
    pub(super) async fn open(
        handle: ClientHandle,
        session: &str,
        log: SharedLog,
        init: &str,
    ) -> Result<Self, DbError> {
        let conn = RecordingConnection {
            handle: RwLock::new(Arc::new(handle)),
            session: session.to_string(),
            log,
            backend_pid: AtomicI32::new(0),
            django: Mutex::new(None),
            async_step: AtomicBool::new(false),
            async_unsafe: AtomicBool::new(false),
            in_transaction: AtomicBool::new(false),
            begin_pending: AtomicBool::new(false),
            begin: std::sync::OnceLock::new(),
        };
        let sql = format!("{init}SELECT pg_backend_pid()");
        let rows = conn.harness(&sql).await?;
        let pid = rows
            .last()
            .and_then(|row| row.first())
            .and_then(|pid| pid.parse().ok())
            .ok_or_else(|| DbError::Protocol("the server did not say its backend pid".into()))?;
        conn.backend_pid.store(pid, Relaxed);
        lock_log(&conn.log).backend(pid);
        Ok(conn)
    }

    pub fn session(&self) -> &str {
        &self.session
    }

    pub fn backend_pid(&self) -> i32 {
        self.backend_pid.load(Relaxed)
    }

    /// The server connection, unless a statement still holds it (none does once the
    /// spec's steps are over).
    pub(super) fn into_handle(self) -> Option<ClientHandle> {
        let handle = self.handle.into_inner().unwrap_or_else(|e| e.into_inner());
        Arc::try_unwrap(handle).ok()
    }

    /// The server connection statements go to now.
    fn client(&self) -> Arc<ClientHandle> {
        self.handle
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn cancel_token(&self) -> tokio_postgres::CancelToken {
        self.client().client().cancel_token()
    }

    /// Puts the session on `fresh`'s server connection, closing the one it had (taken out
    /// of the pool first: a pooled one must not go back with a spec's state). Django has
    /// not used the new one yet.
    pub fn replace(&self, fresh: RecordingConnection) {
        let pid = fresh.backend_pid();
        let Some(handle) = fresh.into_handle() else {
            return;
        };
        let old = std::mem::replace(
            &mut *self.handle.write().unwrap_or_else(|e| e.into_inner()),
            Arc::new(handle),
        );
        if let Ok(old) = Arc::try_unwrap(old) {
            old.close();
        }
        self.backend_pid.store(pid, Relaxed);
        self.in_transaction.store(false, Relaxed);
        self.begin_pending.store(false, Relaxed);
    }

    /// The step about to run is async code (`asynchronous`), and whether what it does
    /// reaches the database without an async method (`unsafe_access`: it will raise).
    pub fn set_async(&self, asynchronous: bool, unsafe_access: bool) {
        self.async_step.store(asynchronous, Relaxed);
        self.async_unsafe
            .store(asynchronous && unsafe_access, Relaxed);
    }

    /// Whether the step running is async code (its iterator() is `aiterator()`).
    pub fn async_code(&self) -> bool {
        self.async_step.load(Relaxed)
    }

    /// A lazy load of the step's code (a relation touched on an object): from async code
    /// it is a sync database access, which raises. Returns what to restore afterwards.
    pub fn lazy_load_begins(&self) -> bool {
        self.async_unsafe
            .swap(self.async_step.load(Relaxed), Relaxed)
    }

    pub fn lazy_load_ends(&self, unsafe_before: bool) {
        self.async_unsafe.store(unsafe_before, Relaxed);
    }

    /// Makes the session Django's connection (a spec that uses the ORM).
    pub fn adopt(&self, django: DjangoConnection) {
        *self.django.lock().unwrap_or_else(|e| e.into_inner()) = Some(django);
    }

    /// Django's view of the connection, changed by `f` (`None` outside Django).
    pub fn with_django<T>(&self, f: impl FnOnce(&mut DjangoConnection) -> T) -> Option<T> {
        self.django
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_mut()
            .map(f)
    }

    /// What Django sends before a cursor's statement: a new connection's set-up, or the
    /// health check of a reused one. (Also at an atomic block's start, which asks for
    /// the connection.)
    pub async fn before_cursor(&self, origin: Origin) -> Result<(), DbError> {
        if self.async_unsafe.load(Relaxed) {
            return Err(DbError::SynchronousOnly);
        }
        let upkeep = self
            .with_django(|d| {
                let upkeep =
                    d.before_cursor(|| lock_log(&self.log).open_connection(&self.session))?;
                let sql = match upkeep {
                    Upkeep::Connect(_) => d.set_up_sql(),
                    Upkeep::HealthCheck => "SELECT 1".to_string(),
                };
                Some((upkeep, sql))
            })
            .flatten();
        if let Some((upkeep, sql)) = upkeep {
            self.send_upkeep(origin, &sql, upkeep).await?;
        }
        Ok(())
    }

    /// Sends what Django sends on its own (logged, marked as upkeep): whether it worked.
    pub async fn send_upkeep(
        &self,
        origin: Origin,
        sql: &str,
        upkeep: Upkeep,
    ) -> Result<bool, DbError> {
        let executed = self.execute_now(origin, sql, &[]).await?;
        let mut log = lock_log(&self.log);
        log.mark_upkeep(executed.index, upkeep);
        Ok(executed.error.is_none())
    }

    /// Runs one statement with its parameters (sent in text format, so any type works) and logs it.
    /// A server error is data (in the result); only a broken connection is an `Err`.
    pub async fn execute(
        &self,
        origin: Origin,
        statement: &str,
        params: &[serde_yaml::Value],
    ) -> Result<Executed, DbError> {
        if origin.phase == Phase::Step {
            self.before_cursor(origin).await?;
        }
        if self.begin_pending.swap(false, Relaxed) {
            let begin = self.begin.get().copied().unwrap_or("BEGIN");
            let begun = self.execute_now(origin, begin, &[]).await?;
            if begun.error.is_some() {
                return Ok(begun);
            }
        }
        self.execute_now(origin, statement, params).await
    }

    async fn execute_now(
        &self,
        origin: Origin,
        statement: &str,
        params: &[serde_yaml::Value],
    ) -> Result<Executed, DbError> {
        // NULL parameters go written into the text, as Django's client-side binding sends
        // them: the server could not type `$1 IS NULL`. The log keeps the statement as built.
        let (sent, sent_params) = match params.iter().any(serde_yaml::Value::is_null) {
            true => {
                let (sql, kept) = crate::sql::placeholders::inline(statement, params.len(), |i| {
                    params[i].is_null().then(|| "NULL".to_string())
                });
                (sql, kept.into_iter().map(|i| params[i].clone()).collect())
            }
            false => (statement.to_string(), params.to_vec()),
        };
        let text_params = sent_params
            .iter()
            .map(TextParam::from_yaml)
            .collect::<Result<Vec<_>, _>>()
            .map_err(DbError::Parameter)?;
        let types = TextParam::types(&sent_params);
        // Several statements in one (`cursor.execute("UPDATE ...; UPDATE ...")`) cannot be
        // a prepared statement: Django's client-side binding sends them as one simple query,
        // the parameters written in as literals.
        // (Splitting is a lexer pass: only a statement with a `;` can hold two.)
        let several = sent.contains(';') && crate::sql::split::split_statements(&sent).len() > 1;
        let simple = match several {
            true => literal_statement(&sent, &sent_params),
            false => None,
        };
        self.sending(statement);
        let started = Instant::now();
        let outcome = match &simple {
            Some(sql) => self.run_simple(sql).await,
            None => self.run_extended(&sent, &text_params, &types).await,
        };
        let elapsed = started.elapsed();
        let (result, rows, error) = match outcome {
            Ok((result, rows)) => (result, rows, None),
            Err(err) => match err.as_db_error() {
                Some(db) => (None, None, Some(sql_error(db))),
                None if err.is_closed() => return Err(DbError::Closed(err.to_string())),
                None => return Err(DbError::Statement(err.to_string())),
            },
        };
        self.track_transaction(statement, error.is_none());
        if let (Some(error), Phase::Step) = (&error, origin.phase) {
            self.with_django(|d| d.failed(&error.sqlstate));
        }
        let index = self.push(LogEntry {
            session: self.session.clone(),
            phase: origin.phase,
            step: origin.step,
            statement: statement.to_string(),
            params: params.to_vec(),
            rows,
            result: result.clone(),
            error: error.clone(),
            elapsed,
            cause: None,
            upkeep: None,
            at: std::time::Duration::ZERO,
        });
        Ok(Executed {
            index,
            error,
            result,
            rows,
        })
    }

    /// One round trip: Parse, Bind, Describe, Execute and Sync of the unnamed statement
    /// together (tokio-postgres's `query_typed`), where prepare-then-execute took two. The
    /// columns come with the rows; only a statement that can return rows and returned none
    /// is described again (a second round trip), so the log still tells "SELECT, 0 rows"
    /// from a statement without a result.
    async fn run_extended(
        &self,
        statement: &str,
        params: &[TextParam],
        types: &[tokio_postgres::types::Type],
    ) -> Result<(Option<ResultSet>, Option<u64>), tokio_postgres::Error> {
        let handle = self.client();
        let client = handle.client();
        let unspecified = TextParam::unspecified_type();
        let typed = params.iter().enumerate().map(|(i, p)| {
            let ty = types.get(i).cloned().unwrap_or_else(|| unspecified.clone());
            (p, ty)
        });
        let stream = client.query_typed_raw(statement, typed).await?;
        pin_mut!(stream);
        let mut rows = Vec::new();
        let mut columns: Vec<String> = Vec::new();
        while let Some(row) = stream.try_next().await? {
            if columns.is_empty() {
                columns = row.columns().iter().map(|c| c.name().to_string()).collect();
            }
            let values = (0..row.len())
                .map(|i| row.try_get::<_, Value>(i))
                .collect::<Result<Vec<_>, _>>()?;
            rows.push(values);
        }
        let affected = stream.rows_affected();
        if rows.is_empty() && may_return_rows(statement) {
            let prepared = client.prepare_typed(statement, types).await?;
            columns = prepared
                .columns()
                .iter()
                .map(|c| c.name().to_string())
                .collect();
        }
        let result = (!columns.is_empty()).then_some(ResultSet { columns, rows });
        Ok((result, affected))
    }

    /// Several statements in one simple query: the rows of the first that returns rows (where
    /// psycopg's cursor stands after execute), the row count of the last.
    async fn run_simple(
        &self,
        sql: &str,
    ) -> Result<(Option<ResultSet>, Option<u64>), tokio_postgres::Error> {
        let messages = self.client().client().simple_query(sql).await?;
        let mut result: Option<ResultSet> = None;
        let mut done = false;
        let mut affected = None;
        for message in messages {
            match message {
                SimpleQueryMessage::RowDescription(columns) if result.is_none() => {
                    let columns = columns.iter().map(|c| c.name().to_string()).collect();
                    result = Some(ResultSet {
                        columns,
                        rows: Vec::new(),
                    });
                }
                SimpleQueryMessage::Row(row) if !done => {
                    if let Some(result) = result.as_mut() {
                        let values = (0..row.len())
                            .map(|i| {
                                row.get(i)
                                    .map_or(Value::Null, |t| Value::Text(t.to_string()))
                            })
                            .collect();
                        result.rows.push(values);
                    }
                }
                SimpleQueryMessage::CommandComplete(n) => {
                    done |= result.is_some();
                    affected = Some(n);
                }
                _ => {}
            }
        }
        Ok((result, affected))
    }

    /// Runs the runner's own statements (simple protocol, several at once), logged as harness.
    /// Returns the text rows of the last result.
    pub async fn harness(&self, sql: &str) -> Result<Vec<Vec<String>>, DbError> {
        let started = Instant::now();
        let outcome = self.client().client().simple_query(sql).await;
        let entry = |error: Option<SqlError>| LogEntry {
            session: self.session.clone(),
            phase: Phase::Harness,
            step: None,
            statement: sql.to_string(),
            params: Vec::new(),
            rows: None,
            result: None,
            error,
            elapsed: started.elapsed(),
            cause: None,
            upkeep: None,
            at: std::time::Duration::ZERO,
        };
        match outcome {
            Ok(messages) => {
                self.push(entry(None));
                let mut rows = Vec::new();
                for message in messages {
                    if let SimpleQueryMessage::Row(row) = message {
                        rows.push(
                            (0..row.len())
                                .map(|i| row.get(i).unwrap_or("").to_string())
                                .collect(),
                        );
                    }
                }
                Ok(rows)
            }
            Err(err) => {
                let error = err.as_db_error().map(sql_error);
                self.push(entry(error));
                Err(DbError::from_postgres(&err))
            }
        }
    }

    /// Runs setup SQL (one statement), logged as setup.
    pub async fn setup(&self, statement: &str) -> Result<Option<SqlError>, DbError> {
        let origin = Origin {
            phase: Phase::Setup,
            step: None,
        };
        self.sending(statement);
        let started = Instant::now();
        let outcome = self.client().client().batch_execute(statement).await;
        let error = match &outcome {
            Ok(()) => None,
            Err(err) => match err.as_db_error() {
                Some(db) => Some(sql_error(db)),
                None => return Err(DbError::from_postgres(err)),
            },
        };
        self.push(LogEntry {
            session: self.session.clone(),
            phase: origin.phase,
            step: origin.step,
            statement: statement.to_string(),
            params: Vec::new(),
            rows: None,
            result: None,
            error: error.clone(),
            elapsed: started.elapsed(),
            cause: None,
            upkeep: None,
            at: std::time::Duration::ZERO,
        });
        Ok(error)
    }

    /// Inside a transaction block, or one about to begin (an ORM atomic block nests as a
    /// savepoint then).
    pub fn in_transaction(&self) -> bool {
        self.in_transaction.load(Relaxed) || self.begin_pending.load(Relaxed)
    }

    /// Sets how the ORM's transactions begin on this connection (`BEGIN ISOLATION LEVEL
    /// SERIALIZABLE`); once, before the steps.
    pub fn set_begin(&self, begin: &'static str) {
        let _ = self.begin.set(begin);
    }

    /// Opens a transaction as psycopg does with autocommit off: BEGIN goes out with the
    /// next statement.
    pub fn begin_lazily(&self) {
        self.begin_pending.store(true, Relaxed);
    }

    /// Ends a transaction that never began (no statement was sent): true if there was
    /// one, and then COMMIT or ROLLBACK is not sent (psycopg's commit() on an idle
    /// connection).
    pub fn end_unbegun(&self) -> bool {
        self.begin_pending.swap(false, Relaxed)
    }

    fn track_transaction(&self, statement: &str, succeeded: bool) {
        use crate::sql::split::leading_keyword;
        let upper = statement.trim_start().to_ascii_uppercase();
        let state = match leading_keyword(statement).as_str() {
            "BEGIN" | "START" if succeeded => Some(true),
            "COMMIT" | "END" | "ABORT" => Some(false),
            "ROLLBACK" if !upper.contains(" TO ") => Some(false),
            _ => None,
        };
        if let Some(state) = state {
            self.in_transaction.store(state, Relaxed);
        }
    }

    /// Records the exception that ended an ORM step.
    pub fn warn(&self, step: usize, text: String) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.warn(step, text);
    }

    pub fn raise(&self, step: usize, raised: crate::log::Raised) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.raise(step, raised);
    }

    fn sending(&self, statement: &str) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.sending(&self.session, statement);
    }

    /// Marks this session's next statements as caused by a lazy load (`None`: by nothing).
    pub fn set_cause(&self, cause: Option<crate::log::Cause>) {
        self.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .set_cause(cause);
    }

    fn push(&self, entry: LogEntry) -> usize {
        lock_log(&self.log).push(entry)
    }
}

/// The log, even if a task panicked while holding it (its entries are still whole).
pub(super) fn lock_log(log: &SharedLog) -> std::sync::MutexGuard<'_, SqlLog> {
    log.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether a statement can have a result (columns), by its leading keyword or a RETURNING.
fn may_return_rows(statement: &str) -> bool {
    let keyword = crate::sql::split::leading_keyword(statement);
    matches!(
        keyword.as_str(),
        "SELECT" | "WITH" | "VALUES" | "TABLE" | "SHOW" | "EXPLAIN" | "FETCH" | "CALL" | "EXECUTE"
    ) || statement.to_ascii_uppercase().contains("RETURNING")
}

fn sql_error(db: &tokio_postgres::error::DbError) -> SqlError {
    SqlError {
        sqlstate: db.code().code().to_string(),
        message: db.message().to_string(),
        detail: db.detail().map(str::to_string),
        hint: db.hint().map(str::to_string),
        position: match db.position() {
            Some(tokio_postgres::error::ErrorPosition::Original(p)) => Some(*p as usize),
            _ => None,
        },
    }
}

/// The statement with every parameter written in as a literal, as psycopg's client-side
/// binding does; None when one has no literal form here (an array, a mapping).
fn literal_statement(sql: &str, params: &[serde_yaml::Value]) -> Option<String> {
    let literals: Vec<String> = params.iter().map(sql_literal).collect::<Option<_>>()?;
    let (text, kept) =
        crate::sql::placeholders::inline(sql, params.len(), |i| Some(literals[i].clone()));
    kept.is_empty().then_some(text)
}

fn sql_literal(value: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value as Yaml;
    Some(match value {
        Yaml::Null => "NULL".to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.to_string(),
        Yaml::String(text) => format!("'{}'", text.replace('\'', "''")),
        Yaml::Tagged(_) => TextParam::from_yaml(value).ok()?.0?,
        _ => return None,
    })
}
