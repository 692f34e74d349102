//! Diagnostics that read a step's SQL log: the N+1 pattern, named with its cause and fix.

use crate::log::{Cause, LogEntry};
use crate::sql::fingerprint::{fingerprint, fingerprint_id};

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
        let relation = format!("{}.{}", self.cause.root, self.cause.path.replace("__", "."));
        let mut shape = self.fingerprint.clone();
        if shape.chars().count() > 160 {
            shape = shape.chars().take(160).collect::<String>() + "…";
        }
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
