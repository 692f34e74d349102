//! The typed spec: what a scenario file means once it is loaded and checked.

use std::path::PathBuf;
use std::time::Duration;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::location::Location;
use super::models::Models;
use super::orm::*;

/// One scenario, loaded from a YAML file with its fixtures applied.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file as the user named it (for messages).
    pub path: PathBuf,
    /// The path under the specs root without the extension; names the golden file.
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// Setup SQL of the fixtures, in order, then of the spec itself.
    pub setup: Vec<SqlBlock>,
    /// Models declared by the fixtures and the spec (the spec's win), in declaration order,
    /// with the models Django creates for auto-created many-to-many tables.
    pub models: Models,
    pub steps: Vec<Step>,
    pub expect: LogExpect,
    /// Redaction rules of the fixtures and the spec (after the project's own).
    pub redact: Vec<RedactSpec>,
    pub isolation: Isolation,
    /// The role the spec runs as.
    pub privileges: Privileges,
    /// The sessions (connections) its steps run on; the first is the default (`main` when
    /// the spec names none).
    pub sessions: Vec<String>,
    /// Sessions whose connection has an isolation level other than the server's default
    /// (Django's `OPTIONS["isolation_level"]`): their transactions begin with it.
    pub isolation_levels: std::collections::HashMap<String, IsolationLevel>,
    /// Sessions whose connection lifetime is not Django's default (`CONN_MAX_AGE = 0`,
    /// no health checks).
    pub connections: std::collections::HashMap<String, ConnectionOptions>,
    /// The spec uses Django (ORM operations, atomic blocks, requests): its sessions are
    /// Django's connections, with their set-up and upkeep in the log.
    pub django: bool,
    /// The orders its top-level steps run in, one run each (none: the written order).
    pub permutations: Vec<super::permutations::Permutation>,
    /// This is one permutation's run: a step that cannot start there (its session still
    /// waits) makes the permutation impossible, which the golden says, not a failure.
    pub permutation: Option<usize>,
    pub timeout: Option<Duration>,
    /// "Now" for the ORM: what auto_now fields and `timezone.now` defaults get.
    pub now: super::now::FrozenNow,
    /// USE_TZ and TIME_ZONE.
    pub settings: super::DjangoSettings,
    /// What loads but will not work as it reads: calls Django refuses when they are made
    /// (they raise at run time, as in Django, so a spec can show the refusal).
    pub warnings: Vec<super::LoadError>,
    /// `scale:`: the spec again for each further value of a variable, to compare query
    /// counts (`None` for a spec without it, and for the variants themselves).
    pub scale: Option<Box<Scaling>>,
    /// `expect.constant_queries` / `expect.max_growth`: how fast query counts may grow
    /// with the scale's variable.
    pub max_growth: Option<Growth>,
}

impl Spec {
    /// The spec with its top-level steps in permutation `n`'s order.
    pub fn permuted(&self, n: usize) -> Spec {
        let mut variant = self.clone();
        variant.steps = self.permutations[n]
            .order
            .iter()
            .map(|&i| self.steps[i].clone())
            .collect();
        variant.permutation = Some(n);
        variant
    }

    /// The session steps run on unless they name another.
    pub fn main_session(&self) -> &str {
        self.sessions.first().map_or("main", String::as_str)
    }

    /// Every step, those inside blocks and hooks too, in number order.
    pub fn all_steps(&self) -> Vec<&Step> {
        let mut all = Vec::new();
        for step in &self.steps {
            step.flatten_into(&mut all);
        }
        all
    }

    /// The step with this number, at any depth.
    pub fn step(&self, number: usize) -> Option<&Step> {
        self.all_steps().into_iter().find(|s| s.number == number)
    }
}

impl Step {
    /// This step, then the steps it holds (a block's, then its end; a hook's).
    pub fn flatten_into<'s>(&'s self, all: &mut Vec<&'s Step>) {
        all.push(self);
        match &self.operation {
            Operation::Atomic(block) => {
                for step in &block.steps {
                    step.flatten_into(all);
                }
                all.push(&block.end);
            }
            Operation::OnCommit(hook) => {
                for step in &hook.steps {
                    step.flatten_into(all);
                }
            }
            Operation::Request(request) => {
                for step in &request.steps {
                    step.flatten_into(all);
                }
                all.push(&request.end);
            }
            Operation::SyncToAsync(steps) => {
                for step in steps {
                    step.flatten_into(all);
                }
            }
            Operation::Retry(retry) => {
                for attempt in &retry.attempts {
                    all.push(&attempt.marker);
                    for step in &attempt.steps {
                        step.flatten_into(all);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A spec run once per value of a variable, its setup templated on it.
#[derive(Debug, Clone)]
pub struct Scaling {
    pub var: String,
    /// Every value; the spec itself is loaded with the first, which its golden shows.
    pub values: Vec<serde_yaml::Value>,
    /// The spec loaded with each value after the first.
    pub variants: Vec<Spec>,
}

/// How a statement's count may grow with a scale's variable.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Growth {
    /// The same count for every value (no N+1 whatever the data).
    Constant,
    /// At most in proportion to the value.
    Linear,
    /// Faster than that (only reported, never allowed).
    Superlinear,
}

impl Growth {
    pub fn name(self) -> &'static str {
        match self {
            Growth::Constant => "constant",
            Growth::Linear => "linear",
            Growth::Superlinear => "superlinear",
        }
    }
}

/// SQL text written in a spec, with the place it was written.
#[derive(Debug, Clone)]
pub struct SqlBlock {
    pub sql: String,
    /// Where the first line of `sql` stands in its file.
    pub location: Location,
}

/// One step of a spec: an operation and what is expected of it.
#[derive(Debug, Clone)]
pub struct Step {
    /// 1-based position in the spec, counting the steps inside blocks (depth first) and
    /// each block's end.
    pub number: usize,
    /// The last number the step spans: its own, or a block's end.
    pub last: usize,
    pub label: Option<String>,
    pub operation: Operation,
    pub expect: StepExpect,
    /// Render the rows the step returns into the golden (default: for EXPLAIN only).
    pub show_rows: Option<bool>,
    /// Findings the step may have without failing (`allow: [n_plus_one]`).
    pub allow: Vec<Allowance>,
    /// The session it runs on (`None`: the spec's first).
    pub session: Option<String>,
    /// Async code: the step is in an `async` session and not inside `sync_to_async`.
    pub asynchronous: bool,
    pub location: Location,
}

/// A diagnostic finding a step accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Allowance {
    /// The same query per object, made by a lazy load (the N+1 pattern).
    NPlusOne,
    /// The same statement with the same parameters twice (a warning, not a failure).
    DuplicateQueries,
}

/// What a step does. Each operation family has its own file under `ops/`.
#[derive(Debug, Clone)]
pub enum Operation {
    /// Statements whose execution is the subject of the spec: logged and rendered.
    Sql(SqlCall),
    /// An assertion query: executed and compared, but kept out of the golden log.
    Check(SqlCall),
    Create(CreateOp),
    Save(SaveOp),
    Get(GetOp),
    BulkCreate(BulkCreateOp),
    BulkUpdate(BulkUpdateOp),
    Update(UpdateOp),
    GetOrCreate(LookupOp),
    UpdateOrCreate(LookupOp),
    ManyToMany(ManyToManyOp),
    Delete(DeleteOp),
    Transition(TransitionOp),
    /// A QuerySet, evaluated (the read side).
    Query(super::query::QueryOp),
    /// `Model.objects.raw(...)`, evaluated.
    Raw(super::raw_query::RawQueryOp),
    /// `connection.cursor().execute(...)`.
    Cursor(super::raw_query::CursorOp),
    /// `instance.refresh_from_db(...)`.
    Refresh(super::orm::RefreshOp),
    /// `with transaction.atomic(...):` around steps.
    Atomic(AtomicBlock),
    /// The end of the atomic block of step `of`: its COMMIT, RELEASE or ROLLBACK, and after
    /// an outer COMMIT the on_commit hooks.
    EndAtomic {
        of: usize,
    },
    /// `transaction.on_commit(hook, robust=...)`: the hook runs its steps.
    OnCommit(OnCommitHook),
    /// `transaction.set_rollback(flag)`.
    SetRollback(bool),
    /// A retry loop: its steps again while they raise the error it retries on.
    Retry(RetryLoop),
    /// The start of attempt `n` of the retry loop of step `of`.
    Attempt {
        of: usize,
        n: u32,
    },
    /// A request of Django's: its steps between the request_started and request_finished
    /// signals, which close the connection when it is too old.
    Request(RequestBlock),
    /// The end of the request of step `of` (request_finished).
    EndRequest {
        of: usize,
    },
    /// `await sync_to_async(f)()`: the steps are `f`'s body, sync code on the async
    /// session's connection (where an atomic block works).
    SyncToAsync(Vec<Step>),
}

/// The steps of one request, and its end.
#[derive(Debug, Clone)]
pub struct RequestBlock {
    pub steps: Vec<Step>,
    pub end: Box<Step>,
}

/// `CONN_MAX_AGE` and `CONN_HEALTH_CHECKS` of a session's connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionOptions {
    /// Seconds; `None` is unlimited. Django's default is 0: a request's start and end close
    /// the connection.
    pub max_age: Option<u64>,
    pub health_checks: bool,
}

impl Default for ConnectionOptions {
    fn default() -> Self {
        ConnectionOptions {
            max_age: Some(0),
            health_checks: false,
        }
    }
}

/// `for attempt in range(n): try: ...; break; except OperationalError: ...`: each attempt's
/// steps numbered apart.
#[derive(Debug, Clone)]
pub struct RetryLoop {
    pub attempts: Vec<Attempt>,
    pub on: ErrorExpect,
}

#[derive(Debug, Clone)]
pub struct Attempt {
    pub marker: Step,
    pub steps: Vec<Step>,
}

/// `transaction.atomic(savepoint=..., durable=...)` and the steps inside it; `end` is the
/// block's exit, a step of its own in the log.
#[derive(Debug, Clone)]
pub struct AtomicBlock {
    pub steps: Vec<Step>,
    pub savepoint: bool,
    pub durable: bool,
    pub end: Box<Step>,
}

/// A hook registered with `transaction.on_commit`.
#[derive(Debug, Clone)]
pub struct OnCommitHook {
    pub steps: Vec<Step>,
    pub robust: bool,
}

impl Operation {
    /// The key that introduces the operation in YAML, used in step headers.
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::Sql(_) => "sql",
            Operation::Check(_) => "check",
            Operation::Create(_) => "create",
            Operation::Save(_) => "save",
            Operation::Get(_) => "get",
            Operation::BulkCreate(_) => "bulk_create",
            Operation::BulkUpdate(_) => "bulk_update",
            Operation::Update(_) => "update",
            Operation::GetOrCreate(_) => "get_or_create",
            Operation::UpdateOrCreate(_) => "update_or_create",
            Operation::ManyToMany(_) => "m2m",
            Operation::Delete(_) => "delete",
            Operation::Transition(_) => "transition",
            Operation::Query(_) => "query",
            Operation::Raw(_) => "raw",
            Operation::Cursor(_) => "cursor",
            Operation::Refresh(_) => "refresh_from_db",
            Operation::Atomic(_) => "atomic",
            Operation::EndAtomic { .. } => "end of atomic",
            Operation::OnCommit(_) => "on_commit",
            Operation::SetRollback(_) => "set_rollback",
            Operation::Retry(_) => "retry",
            Operation::Attempt { .. } => "attempt",
            Operation::Request(_) => "request",
            Operation::EndRequest { .. } => "end of request",
            Operation::SyncToAsync(_) => "sync_to_async",
        }
    }

    /// The header of a step: its key, or in async code the async method Django has for
    /// it (`acreate`); operations without one keep their key (they raise
    /// SynchronousOnlyOperation when they touch the database).
    pub fn header(&self, asynchronous: bool) -> &'static str {
        if !asynchronous {
            return self.kind();
        }
        match self {
            Operation::Create(_) => "acreate",
            Operation::Save(_) => "asave",
            Operation::Get(_) => "aget",
            Operation::BulkCreate(_) => "abulk_create",
            Operation::BulkUpdate(_) => "abulk_update",
            Operation::Update(_) => "aupdate",
            Operation::GetOrCreate(_) => "aget_or_create",
            Operation::UpdateOrCreate(_) => "aupdate_or_create",
            Operation::Delete(_) => "adelete",
            Operation::Refresh(_) => "arefresh_from_db",
            Operation::ManyToMany(_) => "m2m (awaited)",
            Operation::Query(op) => {
                use super::query::Evaluate;
                match op.evaluate {
                    Evaluate::List => "query (async for)",
                    Evaluate::Count => "acount",
                    Evaluate::Exists => "aexists",
                    Evaluate::First => "afirst",
                    Evaluate::Last => "alast",
                    Evaluate::Get => "aget",
                    Evaluate::Explain => "aexplain",
                    Evaluate::InBulk => "ain_bulk",
                    Evaluate::Iterator => "aiterator",
                    Evaluate::None => "query",
                    Evaluate::Latest => "alatest",
                    Evaluate::Earliest => "aearliest",
                }
            }
            Operation::Raw(_) => "raw (async for)",
            other => other.kind(),
        }
    }

    /// Whether async code runs it through an async method of Django's (the same SQL as
    /// the sync call), rather than touching the database itself (which raises).
    pub fn has_async_form(&self) -> bool {
        self.header(true) != self.kind()
    }

    /// Steps that structure others (blocks, hooks, loops, and the markers of their ends and
    /// attempts) and set_rollback: they return no rows, and the golden always shows them.
    pub fn is_structural(&self) -> bool {
        matches!(
            self,
            Operation::Atomic(_)
                | Operation::EndAtomic { .. }
                | Operation::OnCommit(_)
                | Operation::SetRollback(_)
                | Operation::Retry(_)
                | Operation::Attempt { .. }
                | Operation::Request(_)
                | Operation::EndRequest { .. }
                | Operation::SyncToAsync(_)
        )
    }

    /// Whether the operation is Django's (the ORM, its transactions, its requests), not
    /// the spec's own SQL or the runner's loop.
    pub fn is_django(&self) -> bool {
        !matches!(
            self,
            Operation::Sql(_)
                | Operation::Check(_)
                | Operation::Retry(_)
                | Operation::Attempt { .. }
        )
    }
}

/// SQL text with bound parameters.
#[derive(Debug, Clone)]
pub struct SqlCall {
    pub block: SqlBlock,
    pub params: Vec<serde_yaml::Value>,
}

/// Expectations on one step.
#[derive(Debug, Clone, Default)]
pub struct StepExpect {
    /// The rows of the step's last statement, exactly and in order.
    pub rows: Option<Vec<Vec<serde_yaml::Value>>>,
    /// The number of rows the last statement returned or affected.
    pub row_count: Option<u64>,
    pub log: LogExpect,
    pub error: Option<ErrorExpect>,
    /// The plan of the step's statement (see `diagnose::plan`).
    pub plan: Option<PlanExpect>,
    pub location: Option<Location>,
}

/// What a step's plan must show.
#[derive(Debug, Clone)]
pub struct PlanExpect {
    pub uses_index: Option<String>,
    pub node: Option<String>,
    pub no_seq_scan: Option<SeqScans>,
    pub rows_estimate: Option<Bounds>,
    pub location: Location,
}

/// Inclusive bounds on a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// Which sequential scans a plan may not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeqScans {
    /// None at all (`no_seq_scan: true`).
    None,
    /// None on these tables.
    On(Vec<String>),
}

/// Expectations on a stretch of the SQL log (a step's, or the whole spec's).
#[derive(Debug, Clone, Default)]
pub struct LogExpect {
    /// How many statements were sent (like Django's assertNumQueries).
    pub queries: Option<QueryBudget>,
    /// The statements, in order.
    pub sql: Option<Vec<SqlPattern>>,
    /// The statements' fingerprints, in order (each written as SQL, with or without values).
    pub fingerprints: Option<Vec<String>>,
    pub location: Option<Location>,
}

/// How many statements a step or spec may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryBudget {
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// Whether transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) counts;
    /// it does by default, as in Django's assertNumQueries.
    pub transactions: bool,
}

impl QueryBudget {
    pub fn exactly(count: usize) -> QueryBudget {
        QueryBudget {
            min: Some(count),
            max: Some(count),
            transactions: true,
        }
    }

    pub fn allows(&self, count: usize) -> bool {
        self.min.is_none_or(|min| count >= min) && self.max.is_none_or(|max| count <= max)
    }

    /// "3 queries", "at most 3 queries", "between 1 and 3 queries".
    pub fn describe(&self) -> String {
        let noun = |n: usize| if n == 1 { "query" } else { "queries" };
        match (self.min, self.max) {
            (Some(min), Some(max)) if min == max => format!("{min} {}", noun(min)),
            (Some(min), Some(max)) => format!("between {min} and {max} {}", noun(max)),
            (Some(min), None) => format!("at least {min} {}", noun(min)),
            (None, Some(max)) => format!("at most {max} {}", noun(max)),
            (None, None) => "any number of queries".to_string(),
        }
    }
}

/// An expected statement: its normalised text, or a regular expression (`~` prefix).
#[derive(Debug, Clone)]
pub enum SqlPattern {
    Exact(String),
    Regex(Regex),
}

impl SqlPattern {
    pub fn matches(&self, normalised_sql: &str) -> bool {
        match self {
            SqlPattern::Exact(text) => text == normalised_sql,
            SqlPattern::Regex(re) => re.is_match(normalised_sql),
        }
    }
}

impl std::fmt::Display for SqlPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SqlPattern::Exact(text) => f.write_str(text),
            SqlPattern::Regex(re) => write!(f, "~{}", re.as_str()),
        }
    }
}

/// An error a step must raise: by SQLSTATE, by exception name, by message substring.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorExpect {
    pub sqlstate: Option<String>,
    /// Django's exception class (`IntegrityError`, `ValueError`, `TransitionNotAllowed` ...).
    pub name: Option<String>,
    pub message: Option<String>,
}

/// A user redaction rule as written (compiled by the golden renderer).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedactSpec {
    pub pattern: String,
    pub replace: String,
}

/// How a spec is kept apart from the others.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Isolation {
    /// A fresh schema first on the search_path (cheap; the default).
    #[default]
    Schema,
    /// A fresh database (for extensions, several schemas, database-level settings).
    Database,
}

/// The role a spec runs as.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Privileges {
    /// Its job slot's role: no superuser, no CREATEROLE or CREATEDB, owning only the
    /// slot's database (the default).
    #[default]
    Restricted,
    /// The role the run connects as (on the embedded server, a superuser), in a schema of
    /// that role's database: for specs that show ALTER SYSTEM, CREATE DATABASE or roles.
    Superuser,
}

/// A transaction isolation level, as Django's `OPTIONS["isolation_level"]` sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
pub enum IsolationLevel {
    #[serde(rename = "read committed", alias = "read_committed")]
    ReadCommitted,
    #[serde(rename = "repeatable read", alias = "repeatable_read")]
    RepeatableRead,
    #[serde(rename = "serializable")]
    Serializable,
}

impl IsolationLevel {
    /// How psycopg opens a transaction on a connection set to it.
    pub fn begin(self) -> &'static str {
        match self {
            IsolationLevel::ReadCommitted => "BEGIN ISOLATION LEVEL READ COMMITTED",
            IsolationLevel::RepeatableRead => "BEGIN ISOLATION LEVEL REPEATABLE READ",
            IsolationLevel::Serializable => "BEGIN ISOLATION LEVEL SERIALIZABLE",
        }
    }
}
