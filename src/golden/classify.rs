//! What kind of change a golden diff is, statement by statement: a statement added or
//! removed, the same shape (fingerprint) with new values, a shape sent more times than
//! before (the N+1 smell) or fewer, a changed plan. The diff's first line says it, and the
//! run's summary counts it.

use std::collections::BTreeMap;

use crate::sql::fingerprint::fingerprint;

/// The changes between two logs, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    pub added: usize,
    pub removed: usize,
    pub new_values: usize,
    pub more_repetitions: usize,
    pub fewer_repetitions: usize,
    pub plans: usize,
}

/// A statement of a rendered log: its text, parameters and (for EXPLAIN) plan rows.
#[derive(Debug, Default, PartialEq, Eq)]
struct Statement {
    text: String,
    params: String,
    plan: Vec<String>,
}

/// The statements of a rendered log (the golden format).
fn statements(log: &str) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for line in log.lines() {
        if let Some(params) = line.strip_prefix("-- params: ") {
            if let Some(last) = out.last_mut() {
                last.params = params.to_string();
            }
        } else if let Some(row) = line.strip_prefix("-- | ") {
            if let Some(last) = out.last_mut() {
                last.plan.push(row.to_string());
            }
        } else if !line.starts_with("--") && !line.trim().is_empty() {
            out.push(Statement {
                text: line.trim_end_matches(';').to_string(),
                ..Statement::default()
            });
        }
    }
    out
}

impl Changes {
    /// Classifies the differences between the golden and the new log.
    pub fn between(old: &str, new: &str) -> Changes {
        let mut shapes: BTreeMap<String, (Vec<Statement>, Vec<Statement>)> = BTreeMap::new();
        for (side, log) in [(0, old), (1, new)] {
            for statement in statements(log) {
                let entry = shapes.entry(fingerprint(&statement.text)).or_default();
                match side {
                    0 => entry.0.push(statement),
                    _ => entry.1.push(statement),
                }
            }
        }
        let mut changes = Changes::default();
        for (was, now) in shapes.values() {
            match (was.len(), now.len()) {
                (0, n) => changes.added += n,
                (o, 0) => changes.removed += o,
                (o, n) if n > o => changes.more_repetitions += 1,
                (o, n) if n < o => changes.fewer_repetitions += 1,
                _ => {
                    let values = was
                        .iter()
                        .zip(now)
                        .filter(|(a, b)| a.text != b.text || a.params != b.params)
                        .count();
                    changes.new_values += values;
                    let plans = was
                        .iter()
                        .zip(now)
                        .filter(|(a, b)| a.plan != b.plan)
                        .count();
                    changes.plans += plans;
                }
            }
        }
        changes
    }

    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    pub fn add(&mut self, other: &Changes) {
        self.added += other.added;
        self.removed += other.removed;
        self.new_values += other.new_values;
        self.more_repetitions += other.more_repetitions;
        self.fewer_repetitions += other.fewer_repetitions;
        self.plans += other.plans;
    }

    /// `2 statements added, 1 shape sent more times (N+1?)`; empty when nothing but
    /// comments (step headers, row counts) changed.
    pub fn describe(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let mut parts = Vec::new();
        if self.added > 0 {
            parts.push(plural(self.added, "statement added", "statements added"));
        }
        if self.removed > 0 {
            parts.push(plural(
                self.removed,
                "statement removed",
                "statements removed",
            ));
        }
        if self.new_values > 0 {
            parts.push(plural(
                self.new_values,
                "statement with new values",
                "statements with new values",
            ));
        }
        if self.more_repetitions > 0 {
            parts.push(plural(
                self.more_repetitions,
                "shape sent more times than before (N+1?)",
                "shapes sent more times than before (N+1?)",
            ));
        }
        if self.fewer_repetitions > 0 {
            parts.push(plural(
                self.fewer_repetitions,
                "shape sent fewer times",
                "shapes sent fewer times",
            ));
        }
        if self.plans > 0 {
            parts.push(plural(self.plans, "plan changed", "plans changed"));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_added_removed_new_values_repetitions_and_plans_apart() {
        let old = "-- step 1: sql\nSELECT a FROM t WHERE id = $1;\n-- params: [1]\nDELETE FROM u;\nEXPLAIN SELECT 1;\n-- | Result  (cost=[COST] rows=1 width=4)\n";
        let new = "-- step 1: sql\nSELECT a FROM t WHERE id = $1;\n-- params: [2]\nSELECT a FROM t WHERE id = $1;\n-- params: [3]\nINSERT INTO v VALUES (1);\nEXPLAIN SELECT 1;\n-- | Seq Scan\n";
        let changes = Changes::between(old, new);
        assert_eq!(
            changes,
            Changes {
                added: 1,
                removed: 1,
                new_values: 0,
                more_repetitions: 1,
                fewer_repetitions: 0,
                plans: 1,
            }
        );
        assert_eq!(
            changes.describe(),
            "1 statement added, 1 statement removed, 1 shape sent more times than before (N+1?), 1 plan changed"
        );
        let values = Changes::between(
            "SELECT $1;\n-- params: [1]\n",
            "SELECT $1;\n-- params: [2]\n",
        );
        assert_eq!(values.describe(), "1 statement with new values");
        assert!(
            Changes::between("-- step 1: sql\nSELECT 1;\n", "-- step 2: sql\nSELECT 1;\n")
                .is_empty()
        );
    }
}
