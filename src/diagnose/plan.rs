//! Plan expectations: the plan of a step's statement, read from `EXPLAIN (FORMAT JSON)` (never
//! from text), checked for the index it uses, the sequential scans it avoids, a node type and
//! the planner's row estimate. A failed expectation shows the plan tree.

use serde_json::Value as Json;

use crate::db::value::Value;
use crate::db::{Origin, RecordingConnection};
use crate::expect::Failure;
use crate::log::{Phase, SqlLog};
use crate::spec::{PlanExpect, SeqScans, Step};

/// What a step's plan is the plan of: its last statement (the statement an `EXPLAIN`
/// explains, when it is one), with its parameters.
pub fn plan_target(step: &Step, log: &SqlLog) -> Option<(String, Vec<serde_yaml::Value>)> {
    log.step_statements(Some(step.number))
        .filter(|e| !e.is_transaction_control())
        .last()
        .map(|e| (explained(&e.statement), e.params.clone()))
}

/// Checks `step`'s plan expectation against the plan of `target` (see `plan_target`),
/// planned again as JSON without running it.
pub async fn check_plan(
    conn: &RecordingConnection,
    step: &Step,
    expect: &PlanExpect,
    target: Option<(String, Vec<serde_yaml::Value>)>,
) -> Result<Vec<Failure>, crate::db::DbError> {
    let at = Some(&expect.location);
    let Some((statement, params)) = target else {
        return Ok(vec![Failure::at(
            at,
            "`plan`: the step sent no statement to plan",
        )]);
    };
    let origin = Origin {
        phase: Phase::Check,
        step: Some(step.number),
    };
    let sql = format!("EXPLAIN (FORMAT JSON) {statement}");
    let done = conn.execute(origin, &sql, &params).await?;
    if let Some(error) = done.error {
        return Ok(vec![Failure::at(
            at,
            format!("`plan`: EXPLAIN (FORMAT JSON) failed: {error}"),
        )]);
    }
    let plan = done
        .result
        .and_then(|r| r.rows.into_iter().next())
        .and_then(|row| row.into_iter().next())
        .and_then(|value| match value {
            Value::Json(json) => Some(json),
            Value::Text(text) => serde_json::from_str(&text).ok(),
            _ => None,
        })
        .and_then(|json| json.get(0).and_then(|top| top.get("Plan")).cloned());
    let Some(plan) = plan else {
        return Ok(vec![Failure::at(
            at,
            "`plan`: EXPLAIN (FORMAT JSON) returned no plan",
        )]);
    };
    let problems = problems(expect, &plan);
    if problems.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![Failure::at(
        at,
        format!("{}\nplan:\n{}", problems.join("\n"), tree(&plan, 1)),
    )])
}

/// The statement an EXPLAIN explains (`EXPLAIN (ANALYZE) SELECT ...` gives `SELECT ...`);
/// any other statement as it is.
fn explained(statement: &str) -> String {
    static EXPLAIN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?is)^\s*EXPLAIN\s*(\([^)]*\)\s*|(?:ANALY[SZ]E|VERBOSE)\s+)*")
            .expect("valid regex")
    });
    EXPLAIN.replace(statement, "").into_owned()
}

fn problems(expect: &PlanExpect, plan: &Json) -> Vec<String> {
    let nodes = all_nodes(plan);
    let text = |node: &Json, key: &str| node.get(key).and_then(Json::as_str).map(str::to_string);
    let mut problems = Vec::new();
    if let Some(index) = &expect.uses_index {
        if !nodes
            .iter()
            .any(|n| text(n, "Index Name").as_deref() == Some(index))
        {
            problems.push(format!("the plan does not use the index `{index}`"));
        }
    }
    if let Some(node) = &expect.node {
        if !nodes
            .iter()
            .any(|n| text(n, "Node Type").as_deref() == Some(node))
        {
            problems.push(format!("the plan has no `{node}` node"));
        }
    }
    if let Some(rule) = &expect.no_seq_scan {
        for n in &nodes {
            if text(n, "Node Type").as_deref() != Some("Seq Scan") {
                continue;
            }
            let relation = text(n, "Relation Name").unwrap_or_default();
            let forbidden = match rule {
                SeqScans::None => true,
                SeqScans::On(tables) => tables.contains(&relation),
            };
            if forbidden {
                problems.push(format!("the plan scans `{relation}` sequentially"));
            }
        }
    }
    if let Some(bounds) = &expect.rows_estimate {
        let rows = plan.get("Plan Rows").and_then(Json::as_f64).unwrap_or(0.0);
        let low = bounds.min.is_some_and(|min| rows < min as f64);
        let high = bounds.max.is_some_and(|max| rows > max as f64);
        if low || high {
            let min = bounds.min.map_or("0".to_string(), |m| m.to_string());
            let max = bounds.max.map_or("any".to_string(), |m| m.to_string());
            problems.push(format!(
                "the planner estimates {rows} rows, outside {min} to {max}"
            ));
        }
    }
    problems
}

fn all_nodes(plan: &Json) -> Vec<&Json> {
    let mut out = vec![plan];
    for child in plan
        .get("Plans")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        out.extend(all_nodes(child));
    }
    out
}

/// `Aggregate (rows 1)`, then `-> Seq Scan on note (rows 500)` indented, as EXPLAIN's text.
fn tree(node: &Json, depth: usize) -> String {
    let field = |key: &str| node.get(key).and_then(Json::as_str);
    let mut line = field("Node Type").unwrap_or("?").to_string();
    if let Some(index) = field("Index Name") {
        line.push_str(&format!(" using {index}"));
    }
    if let Some(relation) = field("Relation Name") {
        line.push_str(&format!(" on {relation}"));
    }
    if let Some(rows) = node.get("Plan Rows").and_then(Json::as_f64) {
        line.push_str(&format!(" (rows {rows})"));
    }
    let arrow = if depth > 1 { "-> " } else { "" };
    let mut out = format!("{}{arrow}{line}\n", "  ".repeat(depth));
    for child in node
        .get("Plans")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        out.push_str(&tree(child, depth + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explained_statement_is_what_follows_explain_and_its_options() {
        for (sql, inner) in [
            ("EXPLAIN SELECT 1", "SELECT 1"),
            ("explain (analyze, costs off) SELECT 1", "SELECT 1"),
            ("EXPLAIN ANALYZE VERBOSE SELECT 1", "SELECT 1"),
            ("SELECT 1", "SELECT 1"),
        ] {
            assert_eq!(explained(sql), inner, "{sql}");
        }
    }
}
