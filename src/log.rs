//! The SQL log: every statement a spec sent, in order, with its outcome.
//!
//! The log is plain data. Rendering (golden files), expectations and reports read it; only the
//! recording connection in `db::recorder` writes it.

use std::time::Duration;

use crate::db::value::Value;
use crate::sql::split::leading_keyword;

/// Why a statement was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// The runner's own bookkeeping (sandbox set-up and clean-up); never rendered.
    Harness,
    /// The spec's and its fixtures' `setup`; not part of the golden log.
    Setup,
    /// A step's operation: the subject of the spec.
    Step,
    /// An assertion query (`check:` steps): compared, never rendered.
    Check,
}

/// An error the server raised for a statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SqlError {
    pub sqlstate: String,
    pub message: String,
    pub detail: Option<String>,
    pub hint: Option<String>,
    /// 1-based character position in the statement, when the server gives one.
    pub position: Option<usize>,
}

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.sqlstate, self.message)
    }
}

/// An exception an operation raised, named as Django names it. Database errors carry their
/// SQLSTATE; the ORM's own (`ValueError`, `TransitionNotAllowed` ...) do not.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Raised {
    pub name: String,
    pub message: String,
    pub sqlstate: Option<String>,
    pub detail: Option<String>,
}

impl Raised {
    /// An exception of the ORM itself.
    /// An error a QuerySet method raises when it is called (`TypeError: Cannot filter a query
    /// once a slice has been taken.`), written by the query builder as `Name: message`;
    /// `None` for the builder's other errors, which are the spec's.
    pub fn from_call(message: &str) -> Option<Raised> {
        const RAISED_BY_CALLS: &[&str] = &["TypeError", "ValueError", "NotSupportedError"];
        let (name, text) = message.split_once(": ")?;
        // A function of mixed types raises when the queryset compiles, before anything is
        // sent: a step can expect it as it expects a call's.
        if message.starts_with(crate::query::resolve::MIXED_TYPES) {
            return Some(Raised::new(name, text));
        }
        RAISED_BY_CALLS
            .contains(&name)
            .then(|| Raised::new(name, text))
    }

    pub fn new(name: &str, message: impl Into<String>) -> Raised {
        Raised {
            name: name.to_string(),
            message: message.into(),
            sqlstate: None,
            detail: None,
        }
    }

    /// A server error as Django raises it: the DB-API class its SQLSTATE maps to.
    pub fn from_sql(error: &SqlError) -> Raised {
        Raised {
            name: database_error_class(&error.sqlstate).to_string(),
            message: error.message.clone(),
            sqlstate: Some(error.sqlstate.clone()),
            detail: error.detail.clone(),
        }
    }
}

impl std::fmt::Display for Raised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sqlstate {
            Some(code) => write!(f, "{} ({code}): {}", self.name, self.message),
            None => write!(f, "{}: {}", self.name, self.message),
        }
    }
}

/// psycopg's DB-API classes by SQLSTATE class, which Django re-raises under the same names.
fn database_error_class(sqlstate: &str) -> &'static str {
    match sqlstate.get(..2).unwrap_or("") {
        "23" => "IntegrityError",
        "22" => "DataError",
        "0A" => "NotSupportedError",
        "08" | "28" | "40" | "53" | "54" | "55" | "57" | "58" => "OperationalError",
        "20" | "21" | "34" | "3D" | "3F" | "42" | "44" => "ProgrammingError",
        _ => "InternalError",
    }
}

/// The rows a statement returned.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// What Django sends before a cursor's first statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upkeep {
    /// A new connection's set-up (`conn#N`).
    Connect(usize),
    /// `is_usable()`: the health check of a reused connection, or the check after an error.
    HealthCheck,
}

/// One statement sent to the server.
#[derive(Debug, Clone)]
pub struct LogEntry {
    /// The session (connection) that sent it.
    pub session: String,
    pub phase: Phase,
    /// The 1-based step that sent it; `None` for setup and harness statements.
    pub step: Option<usize>,
    /// The statement text as sent.
    pub statement: String,
    pub params: Vec<serde_yaml::Value>,
    /// Rows returned or affected, from the command tag.
    pub rows: Option<u64>,
    /// Returned rows, for statements that return any columns.
    pub result: Option<ResultSet>,
    pub error: Option<SqlError>,
    pub elapsed: Duration,
    /// The relation access that made the ORM send it (a lazy load), if one did.
    pub cause: Option<Cause>,
    /// Sent by Django on its own for the connection (not the code's query).
    pub upkeep: Option<Upkeep>,
    /// When it was sent, from the start of the log's first statement (for timelines).
    pub at: Duration,
}

/// A lazy load: application code touched a relation or a field the object did not have, and
/// the ORM queried for it (what makes an N+1 when it happens per object).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cause {
    pub kind: CauseKind,
    /// The model of the objects the step evaluated (`Entry` for `Entry.objects.all()`).
    pub root: String,
    /// The path from those objects, in Django's lookup syntax (`blog`, `blog__owner`).
    pub path: String,
    /// Whether the path goes through a many-valued relation (a manager), which only
    /// prefetch_related can follow.
    pub across_many: bool,
    /// Whether the objects came from a raw query (`Model.objects.raw()`).
    pub raw: bool,
}

impl Cause {
    /// `Entry.blog`, `Blog.entry_set.authors`: the relation as application code touches it.
    pub fn relation(&self) -> String {
        format!("{}.{}", self.root, self.path.replace("__", "."))
    }

    /// What fetches it with the step's own queries instead.
    pub fn fix(&self) -> String {
        match self.kind {
            CauseKind::ForwardKey if !self.across_many => {
                format!("{}.objects.select_related('{}')", self.root, self.path)
            }
            CauseKind::ForwardKey | CauseKind::Manager => {
                format!("{}.objects.prefetch_related('{}')", self.root, self.path)
            }
            CauseKind::DeferredField if self.raw => {
                format!("select the `{}` column in the raw query", self.path)
            }
            CauseKind::DeferredField => {
                format!("take `{}` out of defer() (or put it in only())", self.path)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// A forward key not selected (`entry.blog`).
    ForwardKey,
    /// A related manager's `.all()` not prefetched (`entry.authors.all()`).
    Manager,
    /// A deferred field (`only()`/`defer()`) refreshed from the database.
    DeferredField,
}

impl LogEntry {
    /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE and their synonyms.
    pub fn is_transaction_control(&self) -> bool {
        matches!(
            leading_keyword(&self.statement).as_str(),
            "BEGIN" | "START" | "COMMIT" | "END" | "ROLLBACK" | "ABORT" | "SAVEPOINT" | "RELEASE"
        )
    }

    /// Statements that the golden log shows.
    pub fn is_rendered(&self) -> bool {
        self.phase == Phase::Step
    }

    /// The code's statements: rendered ones but Django's connection upkeep, which query
    /// counts, fingerprints and diagnostics leave out.
    pub fn is_query(&self) -> bool {
        self.is_rendered() && self.upkeep.is_none()
    }
}

/// All statements of one spec run, in the order the server received them.
#[derive(Debug, Clone, Default)]
pub struct SqlLog {
    entries: Vec<LogEntry>,
    /// Exceptions that ended ORM steps, by step.
    raised: Vec<(usize, Raised)>,
    /// Warnings Django gives during a step (a naive datetime under USE_TZ), by step.
    warnings: Vec<(usize, String)>,
    /// Notes under steps' headers (how they waited for other sessions' locks, why they
    /// were retried), by step.
    notes: Vec<(usize, String)>,
    /// The statements sent and not answered yet, by session: what a timeout interrupted.
    in_flight: Vec<(String, String)>,
    /// The lazy load under way: statements logged meanwhile carry it.
    cause: Option<Cause>,
    /// Steps in the order they started (a block's end after its steps, an on_commit hook's
    /// steps after the COMMIT): the order of the golden.
    started: Vec<usize>,
    /// Every server backend the spec's sessions had, for redaction.
    backends: Vec<i32>,
    /// The sessions of the Django connections opened, in order: `conn#1` is the first.
    connections: Vec<String>,
    /// When the first statement was sent: entries' `at` count from it.
    epoch: Option<std::time::Instant>,
}

impl SqlLog {
    /// A step starts: its section of the golden comes after those of the steps before it.
    pub fn start(&mut self, step: usize) {
        if !self.started.contains(&step) {
            self.started.push(step);
        }
    }

    /// The steps that ran, in the order they started.
    pub fn started(&self) -> &[usize] {
        &self.started
    }

    /// A server backend a session got (a pid, redacted from the golden).
    pub fn backend(&mut self, pid: i32) {
        self.backends.push(pid);
    }

    pub fn backends(&self) -> &[i32] {
        &self.backends
    }

    /// Django opens a connection on `session`: its number (`conn#N`).
    pub fn open_connection(&mut self, session: &str) -> usize {
        self.connections.push(session.to_string());
        self.connections.len()
    }

    /// How many connections Django opened on each session, in order of first opening.
    pub fn connections_per_session(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for session in &self.connections {
            match counts.iter_mut().find(|(s, _)| s == session) {
                Some((_, n)) => *n += 1,
                None => counts.push((session.clone(), 1)),
            }
        }
        counts
    }

    /// Marks a logged statement as Django's connection upkeep.
    pub fn mark_upkeep(&mut self, index: usize, upkeep: Upkeep) {
        if let Some(entry) = self.entries.get_mut(index) {
            entry.upkeep = Some(upkeep);
        }
    }

    /// Statements of the steps numbered in `steps` (a `check` step's too), not Django's
    /// connection upkeep.
    pub fn of_steps(
        &self,
        steps: std::ops::RangeInclusive<usize>,
    ) -> impl Iterator<Item = &LogEntry> {
        self.entries
            .iter()
            .filter(move |e| e.upkeep.is_none() && e.step.is_some_and(|n| steps.contains(&n)))
    }

    /// Marks the statements logged from now on as caused by `cause` (`None`: by nothing).
    pub fn set_cause(&mut self, cause: Option<Cause>) {
        self.cause = cause;
    }

    pub fn push(&mut self, mut entry: LogEntry) -> usize {
        // Pushed as it completes: it was sent `elapsed` ago.
        let now = std::time::Instant::now();
        let sent = now.checked_sub(entry.elapsed).unwrap_or(now);
        let epoch = *self.epoch.get_or_insert(sent);
        entry.at = sent.saturating_duration_since(epoch);
        if entry.phase == Phase::Step && entry.cause.is_none() {
            entry.cause = self.cause.clone();
        }
        self.in_flight
            .retain(|(session, _)| *session != entry.session);
        self.entries.push(entry);
        self.entries.len() - 1
    }

    /// A statement is on its way to the server on `session`.
    pub fn sending(&mut self, session: &str, statement: &str) {
        self.in_flight.retain(|(s, _)| s != session);
        self.in_flight
            .push((session.to_string(), statement.to_string()));
    }

    /// The statements still waiting for the server, as (session, statement).
    pub fn in_flight(&self) -> &[(String, String)] {
        &self.in_flight
    }

    /// Records the exception that ended an ORM step.
    pub fn raise(&mut self, step: usize, raised: Raised) {
        self.raised.push((step, raised));
    }

    /// Records a warning Django gives during a step, once per text as Python's default
    /// warning filter shows it once per place.
    pub fn warn(&mut self, step: usize, text: String) {
        if !self.warnings.iter().any(|(s, t)| *s == step && *t == text) {
            self.warnings.push((step, text));
        }
    }

    /// Notes a step: how it waited for another session's lock, why it was retried.
    pub fn note(&mut self, step: usize, text: String) {
        self.notes.push((step, text));
    }

    /// A step's notes, in order.
    pub fn notes_in(&self, step: usize) -> impl Iterator<Item = &str> {
        self.notes
            .iter()
            .filter(move |(s, _)| *s == step)
            .map(|(_, t)| t.as_str())
    }

    /// The warnings of a step, in order.
    pub fn warnings_in(&self, step: usize) -> impl Iterator<Item = &str> {
        self.warnings
            .iter()
            .filter(move |(s, _)| *s == step)
            .map(|(_, t)| t.as_str())
    }

    /// The exception that ended a step, if one did.
    pub fn raised_in(&self, step: usize) -> Option<&Raised> {
        self.raised.iter().find(|(s, _)| *s == step).map(|(_, r)| r)
    }

    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// The code's statements (phase `Step`, not upkeep), optionally of one step only.
    pub fn step_statements(&self, step: Option<usize>) -> impl Iterator<Item = &LogEntry> {
        self.entries
            .iter()
            .filter(move |e| e.is_query() && (step.is_none() || e.step == step))
    }

    /// The rendered entries of a step: its statements and Django's upkeep among them.
    pub fn step_entries(&self, step: usize) -> impl Iterator<Item = &LogEntry> {
        self.entries
            .iter()
            .filter(move |e| e.is_rendered() && e.step == Some(step))
    }
}
