//! Rendering a spec's SQL log as golden text: readable SQL with comment lines.

use std::fmt::Write;

use super::redact::Redactor;
use crate::db::value::{param_literal, Value};
use crate::log::{LogEntry, SqlLog, Upkeep};
use crate::spec::{Operation, Spec};
use crate::sql::split::{leading_keyword, normalize_sql};

/// The golden text of a spec's log: a header per step that sent statements, then each
/// statement with its parameters, row count, error and (for EXPLAIN, or `show_rows`) rows.
pub fn render_log(spec: &Spec, log: &SqlLog, redactor: &Redactor) -> String {
    let mut out = String::new();
    let mut session = spec.main_session();
    for step in in_started_order(spec, log) {
        let entries: Vec<&LogEntry> = log.step_entries(step.number).collect();
        let raised = log.raised_in(step.number);
        let warnings: Vec<&str> = log.warnings_in(step.number).collect();
        let notes: Vec<&str> = log.notes_in(step.number).collect();
        // Blocks and hooks always show where they start and end: the statements inside
        // them are read by that structure.
        let structural = step.operation.is_structural();
        let quiet =
            entries.is_empty() && raised.is_none() && warnings.is_empty() && notes.is_empty();
        if quiet && !(structural && log.started().contains(&step.number)) {
            continue;
        }
        match &step.label {
            Some(label) => writeln!(
                out,
                "-- step {}: {} ({label})",
                step.number,
                step.operation.header(step.asynchronous)
            ),
            None => writeln!(
                out,
                "-- step {}: {}",
                step.number,
                step.operation.header(step.asynchronous)
            ),
        }
        .expect("writing to a String");
        for warning in warnings {
            writeln!(out, "-- warning: {}", redactor.redact(warning)).expect("writing to a String");
        }
        // A request's boundary closes the connection after what it sent (its check).
        let notes_last = matches!(
            step.operation,
            Operation::Request(_) | Operation::EndRequest { .. }
        );
        if !notes_last {
            render_notes(&mut out, &notes, redactor);
        }
        for entry in entries {
            // Statements of another session (a concurrent client) say whose they are.
            if entry.session != session {
                session = &entry.session;
                writeln!(out, "-- session: {session}").expect("writing to a String");
            }
            if let Some(Upkeep::Connect(n)) = entry.upkeep {
                writeln!(out, "-- new connection: conn#{n}").expect("writing to a String");
            }
            let show_rows = step
                .show_rows
                .unwrap_or_else(|| leading_keyword(&entry.statement) == "EXPLAIN");
            render_entry(&mut out, entry, show_rows, redactor);
        }
        if notes_last {
            render_notes(&mut out, &notes, redactor);
        }
        if let Some(raised) = raised {
            let line = format!("raised {}: {}", raised.name, raised.message);
            for text in redactor.redact(&line).lines() {
                writeln!(out, "-- {text}").expect("writing to a String");
            }
        }
    }
    out
}

/// The steps in the order they started, which is the order they ran in: a block's end
/// after its steps, an on_commit hook's steps after the COMMIT that ran them. Steps the log
/// does not say started (a log made by hand) follow in number order.
fn in_started_order<'s>(spec: &'s Spec, log: &SqlLog) -> Vec<&'s crate::spec::Step> {
    let all = spec.all_steps();
    let mut ordered: Vec<&crate::spec::Step> = log
        .started()
        .iter()
        .filter_map(|n| all.iter().find(|s| s.number == *n).copied())
        .collect();
    for step in all {
        if !log.started().contains(&step.number) {
            ordered.push(step);
        }
    }
    ordered
}

fn render_notes(out: &mut String, notes: &[&str], redactor: &Redactor) {
    for note in notes {
        writeln!(out, "-- {}", redactor.redact(note)).expect("writing to a String");
    }
}

fn render_entry(out: &mut String, entry: &LogEntry, show_rows: bool, redactor: &Redactor) {
    // The statement is the spec author's own text: only their redactions apply to it.
    out.push_str(&redactor.redact_user(&normalize_sql(&entry.statement)));
    out.push_str(";\n");
    let mut comments = Vec::new();
    if !entry.params.is_empty() {
        let params: Vec<String> = entry.params.iter().map(param_literal).collect();
        comments.push(format!("params: [{}]", params.join(", ")));
    }
    if let Some(error) = &entry.error {
        comments.push(format!("error: {error}"));
        if let Some(detail) = &error.detail {
            comments.push(format!("detail: {detail}"));
        }
        if let Some(hint) = &entry.error.as_ref().and_then(|e| e.hint.clone()) {
            comments.push(format!("hint: {hint}"));
        }
    } else if let (Some(rows), None) = (row_count(entry), entry.upkeep) {
        comments.push(format!("rows: {rows}"));
    }
    if show_rows {
        if let Some(result) = &entry.result {
            let explain = leading_keyword(&entry.statement) == "EXPLAIN";
            for row in &result.rows {
                if let ([value], true) = (row.as_slice(), explain) {
                    // A plan in JSON, YAML or XML is one value of many lines, shown as
                    // the server writes it, a line per line.
                    for line in plan_text(value).lines() {
                        comments.push(format!("| {line}"));
                    }
                    continue;
                }
                let cells: Vec<String> = row.iter().map(cell).collect();
                comments.push(format!("| {}", cells.join(" | ")));
            }
        }
    }
    for comment in comments {
        for line in redactor.redact(&comment).lines() {
            out.push_str("-- ");
            out.push_str(line);
            out.push('\n');
        }
    }
}

/// The row count worth showing: rows returned, or rows a DML statement affected.
fn row_count(entry: &LogEntry) -> Option<u64> {
    if let Some(result) = &entry.result {
        return Some(result.rows.len() as u64);
    }
    let dml = matches!(
        leading_keyword(&entry.statement).as_str(),
        "INSERT" | "UPDATE" | "DELETE" | "MERGE" | "COPY" | "WITH"
    );
    if dml {
        entry.rows
    } else {
        None
    }
}

fn plan_text(value: &Value) -> String {
    match value {
        Value::Json(json) => {
            serde_json::to_string_pretty(json).unwrap_or_else(|_| json.to_string())
        }
        other => cell(other),
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        other => other.to_literal(),
    }
}
