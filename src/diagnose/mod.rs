//! Diagnostics that read a step's SQL log: the N+1 pattern, named with its cause and fix,
//! and statements sent twice.

mod plan;

pub use plan::{check_plan, plan_target};

use crate::log::{Cause, LogEntry, SqlLog};
use crate::spec::{Allowance, Spec};
use crate::sql::fingerprint::{fingerprint, fingerprint_id};
use crate::sql::split::{abbreviate, leading_keyword};

/// Statements of one shape that one lazy load made again and again in a step: one per
/// object, where one query (or two, for a many-valued relation) would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NPlusOne {
    pub cause: Cause,
    pub fingerprint: String,
    pub count: usize,
}

impl NPlusOne {
    pub fn message(&self) -> String {
        let relation = self.cause.relation();
        let shape = abbreviate(&self.fingerprint, 160);
        format!(
            "N+1: `{relation}` was loaded lazily, one query per object: {} queries of one shape ({} {shape}); \
             fix: {}; or accept it with `allow: [n_plus_one]`",
            self.count,
            fingerprint_id(&self.fingerprint),
            self.cause.fix()
        )
    }
}

/// The N+1 findings among a step's statements: a lazy load's statements of one shape, sent
/// twice or more. Statements no lazy load made (an explicit get() in a loop, a prefetch's
/// IN query) are never counted.
pub fn n_plus_one(statements: &[&LogEntry]) -> Vec<NPlusOne> {
    let mut found: Vec<NPlusOne> = Vec::new();
    for entry in statements {
        let Some(cause) = &entry.cause else {
            continue;
        };
        let shape = fingerprint(&entry.statement);
        match found
            .iter_mut()
            .find(|f| f.cause == *cause && f.fingerprint == shape)
        {
            Some(finding) => finding.count += 1,
            None => found.push(NPlusOne {
                cause: cause.clone(),
                fingerprint: shape,
                count: 1,
            }),
        }
    }
    found.retain(|f| f.count >= 2);
    found
}

/// Warnings for statements a step sent twice or more, with the same parameters: the second
/// asks the server for what the first already returned (a cache, or reusing the object,
/// would do). Transaction control and cursor fetches are left out (a second FETCH reads the
/// next rows), and so are steps that say `allow: [duplicate_queries]`.
pub fn duplicates(spec: &Spec, log: &SqlLog) -> Vec<String> {
    let allowing: Vec<usize> = spec
        .all_steps()
        .iter()
        .filter(|s| s.allow.contains(&Allowance::DuplicateQueries))
        .map(|s| s.number)
        .collect();
    let allowed = |step: Option<usize>| step.is_some_and(|n| allowing.contains(&n));
    let mut warnings = Vec::new();
    let mut seen: Vec<(Option<usize>, &str, &[serde_yaml::Value], usize)> = Vec::new();
    for entry in log.step_statements(None) {
        let keyword = leading_keyword(&entry.statement);
        if entry.is_transaction_control()
            || matches!(keyword.as_str(), "FETCH" | "MOVE" | "CLOSE")
            || allowed(entry.step)
        {
            continue;
        }
        let key = (
            entry.step,
            entry.statement.as_str(),
            entry.params.as_slice(),
        );
        match seen
            .iter_mut()
            .find(|(step, sql, params, _)| (*step, *sql, *params) == key)
        {
            Some(seen) => seen.3 += 1,
            None => seen.push((key.0, key.1, key.2, 1)),
        }
    }
    for (step, sql, params, count) in seen {
        if count < 2 {
            continue;
        }
        let mut text = abbreviate(sql, 160);
        if !params.is_empty() {
            let values: Vec<String> = params.iter().map(crate::db::value::yaml_literal).collect();
            text.push_str(&format!(" (parameters: {})", values.join(", ")));
        }
        let step = step.map_or("setup".to_string(), |n| format!("step {n}"));
        warnings.push(format!(
            "{step} sent the same statement with the same parameters {count} times: {text}"
        ));
    }
    warnings
}
