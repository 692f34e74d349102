//! What the runner tells reporters: the only meeting point of running and printing.

use std::path::PathBuf;
use std::time::Duration;

use crate::expect::Failure;
use crate::spec::LoadError;

/// How a spec ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    /// An expectation or the golden comparison failed (exit 1).
    Failed,
    /// The spec could not run as written: setup failed, the server went away, it timed out (exit 2).
    Error,
}

/// What happened to a spec's golden file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum GoldenOutcome {
    Matched,
    Differs {
        diff: String,
        /// What kind of change it is, statement by statement.
        changes: crate::golden::Changes,
    },
    Missing,
    /// Written by bless; `new` when there was none before.
    Written {
        new: bool,
    },
    Unchanged,
    /// Not compared: the spec failed or errored before its log meant anything.
    NotCompared,
}

/// The result of one spec.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SpecResult {
    pub id: String,
    pub name: String,
    pub path: PathBuf,
    pub golden_path: PathBuf,
    pub status: Status,
    pub golden: GoldenOutcome,
    pub failures: Vec<Failure>,
    pub error: Option<String>,
    #[serde(serialize_with = "as_millis")]
    pub duration: Duration,
    /// Time spent creating and dropping the spec's sandbox.
    #[serde(serialize_with = "as_millis")]
    pub isolation: Duration,
    /// The role the spec ran as: its job slot's (`restricted`) or the connecting one.
    pub privileges: crate::spec::Privileges,
    /// Statements in the rendered log.
    pub statements: usize,
    /// Each of those statements' fingerprint, in order.
    pub fingerprints: Vec<StatementFingerprint>,
    /// What the diagnostics noticed without failing the spec (statements sent twice).
    pub warnings: Vec<String>,
    /// A `scale:` spec's counts per fingerprint and value.
    pub scaling: Option<ScalingReport>,
    /// The spec's N+1 findings, also those its steps allow.
    pub n_plus_one: Vec<NPlusOneFinding>,
    /// Its slowest statements (at most 5), slowest first.
    pub slowest: Vec<TimedStatement>,
    /// How many connections Django opened on each session (a spec that uses Django).
    pub connections: Vec<SessionConnections>,
    /// Every statement of the log with its session and times, for the HTML timeline.
    #[serde(skip)]
    pub timeline: Vec<TimelineEntry>,
    /// The rendered log (what the golden holds).
    #[serde(skip)]
    pub rendered: String,
    /// It ran past its timeout (a failure; the runner then asks whether the server answers).
    #[serde(skip)]
    pub timed_out: bool,
}

/// An N+1 finding, for reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NPlusOneFinding {
    pub step: usize,
    /// `Entry.blog`.
    pub relation: String,
    pub queries: usize,
    pub fingerprint_id: String,
    pub fix: String,
    /// The step says `allow: [n_plus_one]`.
    pub allowed: bool,
}

/// A statement on the timeline of a spec's sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub session: String,
    pub step: Option<usize>,
    /// Sent this long after the spec's first statement.
    pub at: Duration,
    pub elapsed: Duration,
    /// Redacted and abbreviated.
    pub sql: String,
    pub rows: Option<u64>,
    pub error: Option<String>,
    /// Its step waited for another session's lock.
    pub waited: bool,
}

/// The connections Django opened on one session of a spec.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SessionConnections {
    pub session: String,
    pub opened: usize,
}

/// A statement and how long the server took, for reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TimedStatement {
    pub spec: String,
    pub step: Option<usize>,
    #[serde(serialize_with = "as_millis")]
    pub elapsed: Duration,
    pub sql: String,
}

/// What the run's statements say, across specs.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RunDiagnostics {
    /// Statements in all the specs' logs.
    pub statements: usize,
    /// The specs that sent the most (at most 5), most first.
    pub busiest: Vec<(String, usize)>,
    /// The slowest statements of the run (at most 5), slowest first.
    pub slowest: Vec<TimedStatement>,
    /// Every N+1 finding, by spec.
    pub n_plus_one: Vec<(String, NPlusOneFinding)>,
    /// Specs whose sessions opened more than one connection each (requests with
    /// CONN_MAX_AGE 0), with the counts per session.
    pub reconnecting: Vec<(String, Vec<SessionConnections>)>,
}

impl RunDiagnostics {
    /// Takes in one spec's result.
    pub fn add(&mut self, result: &SpecResult) {
        self.statements += result.statements;
        self.busiest.push((result.id.clone(), result.statements));
        self.busiest
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        self.busiest.truncate(5);
        self.slowest.extend(result.slowest.iter().cloned());
        self.slowest.sort_by_key(|t| std::cmp::Reverse(t.elapsed));
        self.slowest.truncate(5);
        for finding in &result.n_plus_one {
            self.n_plus_one.push((result.id.clone(), finding.clone()));
        }
        if result.connections.iter().any(|c| c.opened > 1) {
            self.reconnecting
                .push((result.id.clone(), result.connections.clone()));
        }
    }

    /// The human report's lines (empty when nothing ran).
    pub fn lines(&self) -> Vec<String> {
        if self.statements == 0 {
            return Vec::new();
        }
        let mut lines = vec![format!(
            "statements: {} in all; most: {}",
            self.statements,
            self.busiest
                .iter()
                .map(|(id, n)| format!("{id} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        )];
        lines.push("slowest statements:".to_string());
        for timed in &self.slowest {
            let step = timed
                .step
                .map_or("setup".to_string(), |n| format!("step {n}"));
            lines.push(format!(
                "  {:>9.3} ms  {} {step}: {}",
                timed.elapsed.as_secs_f64() * 1e3,
                timed.spec,
                timed.sql
            ));
        }
        if !self.reconnecting.is_empty() {
            lines.push("connections opened:".to_string());
            for (spec, sessions) in &self.reconnecting {
                let counts: Vec<String> = sessions
                    .iter()
                    .map(|c| format!("{} {}", c.session, c.opened))
                    .collect();
                lines.push(format!("  {spec}: {}", counts.join(", ")));
            }
        }
        if !self.n_plus_one.is_empty() {
            lines.push("N+1 findings:".to_string());
            for (spec, f) in &self.n_plus_one {
                let allowed = if f.allowed { " (allowed)" } else { "" };
                lines.push(format!(
                    "  {spec} step {}: `{}`, {} queries ({}){allowed}; fix: {}",
                    f.step, f.relation, f.queries, f.fingerprint_id, f.fix
                ));
            }
        }
        lines
    }
}

/// How each statement shape's count changed with a scale's variable.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScalingReport {
    pub var: String,
    pub values: Vec<String>,
    pub rows: Vec<ScalingRow>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScalingRow {
    pub id: String,
    pub fingerprint: String,
    /// One per value.
    pub counts: Vec<usize>,
    pub growth: crate::spec::Growth,
}

impl ScalingReport {
    /// A small table: a column per value, a row per shape, its growth and its start.
    pub fn table(&self) -> String {
        let width = self
            .values
            .iter()
            .map(|v| v.chars().count())
            .chain(
                self.rows
                    .iter()
                    .flat_map(|r| r.counts.iter().map(|c| c.to_string().len())),
            )
            .max()
            .unwrap_or(1)
            .max(3);
        let mut out = format!("  {:<8}", self.var);
        for value in &self.values {
            out.push_str(&format!(" {value:>width$}"));
        }
        out.push_str("  growth\n");
        for row in &self.rows {
            out.push_str(&format!("  {:<8}", row.id));
            for count in &row.counts {
                out.push_str(&format!(" {count:>width$}"));
            }
            let shape = crate::sql::split::abbreviate(&row.fingerprint, 80);
            out.push_str(&format!("  {:<11} {shape}\n", row.growth.name()));
        }
        out
    }
}

/// A statement of a spec's log by its shape (see `sql::fingerprint`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementFingerprint {
    pub step: Option<usize>,
    pub id: String,
    pub fingerprint: String,
}

impl SpecResult {
    /// Why the spec did not pass: its error, each failure with its location, and the golden
    /// diff; empty for a passed spec. Every reporter shows this same text.
    pub fn failure_text(&self) -> String {
        let mut text = String::new();
        if let Some(error) = &self.error {
            text.push_str(&format!("error: {error}\n"));
        }
        for failure in &self.failures {
            match &failure.location {
                Some(at) => text.push_str(&format!("{at}: {}\n", failure.message)),
                None => text.push_str(&format!("{}\n", failure.message)),
            }
        }
        if let GoldenOutcome::Differs { diff, .. } = &self.golden {
            text.push_str(diff);
        }
        text
    }
}

/// Counts for the closing line.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    /// Selected out by -k/--tag, or not run after --fail-fast stopped the run.
    pub skipped: usize,
    pub load_errors: usize,
    pub written: usize,
    pub new: usize,
    pub unchanged: usize,
    #[serde(serialize_with = "as_millis")]
    pub duration: Duration,
    /// Mean sandbox create+drop time per spec.
    #[serde(serialize_with = "as_millis")]
    pub isolation_per_spec: Duration,
    /// Statements, the busiest specs, the slowest statements and N+1 findings.
    pub diagnostics: RunDiagnostics,
    /// The kinds of golden changes across the run's failing comparisons.
    pub changes: crate::golden::Changes,
    /// Why no spec could run (no server): the reports say so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Why the run stopped early, and how many specs it did not run (counted as skipped):
    /// the server stopped answering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_lost: Option<String>,
}

impl Summary {
    /// Why the run could not start or had to stop: no server, or one that went away.
    pub fn run_error(&self) -> Option<&str> {
        self.environment.as_deref().or(self.server_lost.as_deref())
    }

    /// The process exit code: 2 for bad input or environment, 1 for failed specs, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.errors > 0
            || self.load_errors > 0
            || self.environment.is_some()
            || self.server_lost.is_some()
        {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}

/// An event of a run, in the order it happened.
#[derive(Debug)]
pub enum Event<'a> {
    RunStarted {
        specs: usize,
        jobs: usize,
        server: &'a str,
    },
    LoadFailed(&'a LoadError),
    /// Something a spec says that will not work as it reads (Django refuses it when called),
    /// found when the spec was loaded; the spec still runs.
    LoadWarning(&'a LoadError),
    SpecFinished(&'a SpecResult),
    RunFinished(&'a Summary),
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e6).round() / 1e3)
}
