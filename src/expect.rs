//! Checking a run against the spec's expectations: step results, errors, query counts and
//! expected statements.

use crate::db::value::{yaml_literal, Value};
use crate::diagnose::n_plus_one;
use crate::log::{LogEntry, Raised, SqlError, SqlLog};
use crate::ops::StepRecord;
use crate::spec::{Allowance, ErrorExpect, Location, LogExpect, Step};
use crate::sql::fingerprint::{fingerprint, fingerprint_id};
use crate::sql::split::normalize_sql;

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Failure {
    /// Where the expectation (or the failing statement) was written.
    pub location: Option<String>,
    /// What went wrong; may span lines (expected vs actual).
    pub message: String,
}

impl Failure {
    pub fn at(location: Option<&Location>, message: impl Into<String>) -> Failure {
        Failure {
            location: location.map(|l| l.to_string()),
            message: message.into(),
        }
    }
}

/// Whether a step's error was expected; an unexpected one ends the spec.
pub enum ErrorVerdict {
    Fine,
    Failed(Failure),
    /// An error nobody expected: the spec stops here.
    Unexpected(Failure),
}

/// For a step refused because its session's transaction is aborted (25P02): the earlier
/// statement whose error aborted it, which is the cause to fix.
fn aborted_by(log: &SqlLog, step: usize) -> String {
    let entries = log.entries();
    let Some(at) = entries.iter().position(|e| {
        e.step == Some(step) && e.error.as_ref().is_some_and(|x| x.sqlstate == "25P02")
    }) else {
        return String::new();
    };
    let session = &entries[at].session;
    let cause = entries[..at]
        .iter()
        .rev()
        .find(|e| &e.session == session && e.error.as_ref().is_some_and(|x| x.sqlstate != "25P02"));
    match cause {
        Some(cause) => format!(
            "; the transaction was aborted by {} error ({}) in `{}`, and only ROLLBACK ends it",
            cause
                .step
                .map_or("setup's".to_string(), |n| format!("step {n}'s")),
            cause
                .error
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            crate::sql::split::abbreviate(&crate::sql::split::normalize_sql(&cause.statement), 120)
        ),
        None => String::new(),
    }
}

/// Checks a step's outcome against its `expect`.
pub fn check_step(step: &Step, record: &StepRecord, log: &SqlLog) -> (ErrorVerdict, Vec<Failure>) {
    let expect = &step.expect;
    let at = expect.location.as_ref().unwrap_or(&step.location);
    let mut failures = Vec::new();
    let verdict = match (&expect.error, &record.error) {
        (None, None) => ErrorVerdict::Fine,
        (Some(wanted), None) => ErrorVerdict::Failed(Failure::at(
            Some(at),
            format!(
                "expected the step to fail with {}, but it succeeded",
                describe_expected_error(wanted)
            ),
        )),
        (None, Some((error, location))) => ErrorVerdict::Unexpected(Failure::at(
            Some(location),
            format!(
                "step {} failed: {}{}",
                step.number,
                describe_raised(error),
                aborted_by(log, step.number)
            ),
        )),
        (Some(wanted), Some((error, _))) if error_matches(wanted, error) => ErrorVerdict::Fine,
        (Some(wanted), Some((error, location))) => ErrorVerdict::Failed(Failure::at(
            Some(location),
            format!(
                "expected the step to fail with {}, but it failed with {}",
                describe_expected_error(wanted),
                describe_raised(error)
            ),
        )),
    };
    if !step.allow.contains(&Allowance::NPlusOne) {
        let statements: Vec<&LogEntry> = log.step_statements(Some(step.number)).collect();
        for finding in n_plus_one(&statements) {
            failures.push(Failure::at(Some(&step.location), finding.message()));
        }
    }
    if let Some(rows) = &expect.rows {
        if let Some(message) = compare_rows(rows, record.result.as_ref().map(|r| r.rows.as_slice()))
        {
            failures.push(Failure::at(Some(at), message));
        }
    }
    if let Some(count) = expect.row_count {
        if record.rows != Some(count) {
            let actual = record.rows.map_or("none".to_string(), |n| n.to_string());
            failures.push(Failure::at(
                Some(at),
                format!("expected row_count {count}, got {actual}"),
            ));
        }
    }
    // A block's statements are those of its steps and its end too.
    let statements: Vec<&LogEntry> = log.of_steps(step.number..=step.last).collect();
    failures.extend(check_log(&expect.log, &statements, "this step"));
    (verdict, failures)
}

/// Checks the spec-level `expect` against all rendered statements.
pub fn check_spec_log(expect: &LogExpect, log: &SqlLog) -> Vec<Failure> {
    let statements: Vec<&LogEntry> = log.step_statements(None).collect();
    check_log(expect, &statements, "the spec")
}

fn check_log(expect: &LogExpect, statements: &[&LogEntry], whose: &str) -> Vec<Failure> {
    let at = expect.location.as_ref();
    let mut failures = Vec::new();
    if let Some(budget) = expect.queries {
        let counted: Vec<&&LogEntry> = statements
            .iter()
            .filter(|e| budget.transactions || !e.is_transaction_control())
            .collect();
        if !budget.allows(counted.len()) {
            let besides = if budget.transactions {
                ""
            } else {
                " (not counting transaction control)"
            };
            failures.push(Failure::at(
                at,
                format!(
                    "expected {} from {whose}{besides}, got {}:\n{}",
                    budget.describe(),
                    counted.len(),
                    numbered(counted.iter().map(|e| normalize_sql(&e.statement)))
                ),
            ));
        }
    }
    if let Some(patterns) = &expect.sql {
        let actual: Vec<String> = statements
            .iter()
            .map(|e| normalize_sql(&e.statement))
            .collect();
        let matches = patterns.len() == actual.len()
            && patterns.iter().zip(&actual).all(|(p, a)| p.matches(a));
        if !matches {
            failures.push(Failure::at(
                at,
                format!(
                    "the statements from {whose} differ from `sql`\nexpected:\n{}\nactual:\n{}",
                    numbered(patterns.iter().map(|p| p.to_string())),
                    numbered(actual.into_iter())
                ),
            ));
        }
    }
    if let Some(expected) = &expect.fingerprints {
        let actual: Vec<String> = statements
            .iter()
            .map(|e| fingerprint(&e.statement))
            .collect();
        if *expected != actual {
            let listed = |items: &[String]| {
                numbered(items.iter().map(|f| format!("{}  {f}", fingerprint_id(f))))
            };
            failures.push(Failure::at(
                at,
                format!(
                    "the statements from {whose} differ from `fingerprints`\nexpected:\n{}\nactual:\n{}",
                    listed(expected),
                    listed(&actual)
                ),
            ));
        }
    }
    failures
}

fn numbered(items: impl Iterator<Item = String>) -> String {
    let lines: Vec<String> = items
        .enumerate()
        .map(|(i, s)| format!("  {}. {s}", i + 1))
        .collect();
    if lines.is_empty() {
        "  (none)".to_string()
    } else {
        lines.join("\n")
    }
}

pub fn error_matches(wanted: &ErrorExpect, error: &Raised) -> bool {
    // Django's database exceptions all derive from DatabaseError (and that from Error).
    let name_matches = |name: &String| {
        *name == error.name
            || (error.sqlstate.is_some() && (name == "DatabaseError" || name == "Error"))
    };
    wanted
        .sqlstate
        .as_ref()
        .is_none_or(|code| Some(code) == error.sqlstate.as_ref())
        && wanted.name.as_ref().is_none_or(name_matches)
        && wanted
            .message
            .as_ref()
            .is_none_or(|text| error.message.contains(text.as_str()))
}

fn describe_expected_error(wanted: &ErrorExpect) -> String {
    let mut parts = Vec::new();
    parts.extend(wanted.name.clone());
    parts.extend(wanted.sqlstate.clone());
    if let Some(text) = &wanted.message {
        parts.push(format!("a message containing {text:?}"));
    }
    if parts.is_empty() {
        "an error".to_string()
    } else {
        parts.join(" and ")
    }
}

/// `Name (SQLSTATE): message`, with the detail when the server gave one.
pub fn describe_raised(error: &Raised) -> String {
    match &error.detail {
        Some(detail) => format!("{error} ({detail})"),
        None => error.to_string(),
    }
}

/// `SQLSTATE: message`, with the detail when the server gave one.
pub fn describe_error(error: &SqlError) -> String {
    match &error.detail {
        Some(detail) => format!("{} ({detail})", error),
        None => error.to_string(),
    }
}

fn compare_rows(
    expected: &[Vec<serde_yaml::Value>],
    actual: Option<&[Vec<Value>]>,
) -> Option<String> {
    let Some(actual) = actual else {
        return Some(format!(
            "expected rows\n{}\nbut the last statement returned no rows (it has no result columns)",
            table(
                expected
                    .iter()
                    .map(|r| r.iter().map(yaml_literal).collect())
            )
        ));
    };
    let equal = expected.len() == actual.len()
        && expected.iter().zip(actual).all(|(e, a)| {
            e.len() == a.len() && e.iter().zip(a).all(|(ev, av)| av.matches_yaml(ev))
        });
    if equal {
        return None;
    }
    Some(format!(
        "rows differ\nexpected:\n{}\nactual:\n{}",
        table(
            expected
                .iter()
                .map(|r| r.iter().map(yaml_literal).collect())
        ),
        table(
            actual
                .iter()
                .map(|r| r.iter().map(Value::to_literal).collect())
        )
    ))
}

fn table(rows: impl Iterator<Item = Vec<String>>) -> String {
    let lines: Vec<String> = rows.map(|r| format!("  [{}]", r.join(", "))).collect();
    if lines.is_empty() {
        "  (no rows)".to_string()
    } else {
        lines.join("\n")
    }
}
