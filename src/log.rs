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

/// The rows a statement returned.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
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
}

impl LogEntry {
    /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE and their synonyms.
    pub fn is_transaction_control(&self) -> bool {
        matches!(
            leading_keyword(&self.statement).as_str(),
            "BEGIN" | "START" | "COMMIT" | "END" | "ROLLBACK" | "ABORT" | "SAVEPOINT" | "RELEASE"
        )
    }

    /// Statements that the golden log shows (and query counts count).
    pub fn is_rendered(&self) -> bool {
        self.phase == Phase::Step
    }
}

/// All statements of one spec run, in the order the server received them.
#[derive(Debug, Clone, Default)]
pub struct SqlLog {
    entries: Vec<LogEntry>,
}

impl SqlLog {
    pub fn push(&mut self, entry: LogEntry) -> usize {
        self.entries.push(entry);
        self.entries.len() - 1
    }

    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// The rendered statements (phase `Step`), optionally of one step only.
    pub fn step_statements(&self, step: Option<usize>) -> impl Iterator<Item = &LogEntry> {
        self.entries
            .iter()
            .filter(move |e| e.is_rendered() && (step.is_none() || e.step == step))
    }

    /// Entries of one step in any phase (a check step's are phase `Check`).
    pub fn of_step(&self, step: usize) -> impl Iterator<Item = &LogEntry> {
        self.entries.iter().filter(move |e| e.step == Some(step))
    }
}
