//! From an execution to a spec result: render the log, then compare with or bless the golden.

use serde_yaml::Value;
use std::path::Path;
use std::time::Duration;

use super::execute::Execution;
use super::GoldenMode;
use crate::expect::Failure;
use crate::golden::{
    clear_pending, golden_path, read_golden, render_log, unified_diff, write_golden, write_pending,
    Changes, RedactRule, Redactor, UpdatePolicy,
};
use crate::report::{
    GoldenOutcome, NPlusOneFinding, SessionConnections, SpecResult, StatementFingerprint, Status,
    TimedStatement, TimelineEntry,
};
use crate::spec::Spec;
use crate::sql::fingerprint::{fingerprint, fingerprint_id};
use crate::sql::split::{abbreviate, normalize_sql};

/// What the verdict needs besides the execution.
pub struct VerdictContext<'a> {
    pub golden_root: &'a Path,
    pub mode: GoldenMode,
    /// The project's redaction rules, applied before the spec's own.
    pub project_rules: &'a [RedactRule],
    pub color: bool,
    /// What a failing comparison writes (a pending golden, or nothing).
    pub update: UpdatePolicy,
    /// The command-line arguments that reproduce the run's spec (`--var k=v`), for the
    /// bless hint.
    pub rerun_args: &'a str,
}

/// Renders the log and settles the golden: compare (verify) or write (bless).
pub fn settle(
    spec: &Spec,
    execution: Execution,
    duration: Duration,
    ctx: &VerdictContext<'_>,
) -> SpecResult {
    let redactor = redactor_for(spec, &execution.sandbox_names, ctx.project_rules)
        .with_pids(&execution.pids)
        .with_constants(spec_constants(spec));
    let rendered = match execution.sections.is_empty() {
        true => render_log(spec, &execution.log, &redactor),
        // Each permutation's run under its title.
        false => execution
            .sections
            .iter()
            .map(|s| format!("-- {}\n{}", s.title, render_log(spec, &s.log, &redactor)))
            .collect(),
    };
    let path = golden_path(ctx.golden_root, &spec.id);
    let mut failures = execution.failures;
    let mut error = execution.error;
    let golden = if error.is_some() || execution.timed_out {
        GoldenOutcome::NotCompared
    } else {
        match ctx.mode {
            GoldenMode::Ignore => GoldenOutcome::NotCompared,
            GoldenMode::Bless if !failures.is_empty() => GoldenOutcome::NotCompared,
            GoldenMode::Bless => bless(&path, &rendered, &mut error),
            GoldenMode::Verify => verify(spec, &path, &rendered, ctx, &mut failures, &mut error),
        }
    };
    let status = if error.is_some() {
        Status::Error
    } else if failures.is_empty() {
        Status::Passed
    } else {
        Status::Failed
    };
    SpecResult {
        id: spec.id.clone(),
        name: spec.name.clone(),
        path: spec.path.clone(),
        golden_path: path,
        status,
        golden,
        failures,
        error,
        duration,
        isolation: execution.isolation,
        privileges: spec.privileges,
        statements: match execution.sections.is_empty() {
            true => execution.log.step_statements(None).count(),
            false => execution
                .sections
                .iter()
                .map(|s| s.log.step_statements(None).count())
                .sum(),
        },
        fingerprints: fingerprints(&execution.log, &redactor),
        warnings: crate::diagnose::duplicates(spec, &execution.log)
            .iter()
            .map(|w| redactor.redact(w))
            .collect(),
        scaling: None,
        n_plus_one: n_plus_one_findings(spec, &execution.log),
        slowest: slowest(spec, &execution.log, &redactor),
        timeline: timeline(&execution.log, &redactor),
        connections: execution
            .log
            .connections_per_session()
            .into_iter()
            .map(|(session, opened)| SessionConnections { session, opened })
            .collect(),
        rendered,
        timed_out: execution.timed_out,
    }
}

/// The rendered statements with their sessions and times, redacted.
fn timeline(log: &crate::log::SqlLog, redactor: &Redactor) -> Vec<TimelineEntry> {
    // Time counts from the first step's statement (setup is not on the timeline).
    let start = log
        .entries()
        .iter()
        .filter(|e| e.is_rendered())
        .map(|e| e.at)
        .min()
        .unwrap_or_default();
    log.entries()
        .iter()
        .filter(|e| e.is_rendered())
        .map(|e| TimelineEntry {
            session: e.session.clone(),
            step: e.step,
            at: e.at.saturating_sub(start),
            elapsed: e.elapsed,
            sql: abbreviate(&redactor.redact_user(&normalize_sql(&e.statement)), 200),
            rows: e.rows,
            error: e.error.as_ref().map(|x| redactor.redact(&x.to_string())),
            waited: e
                .step
                .is_some_and(|n| log.notes_in(n).any(|t| t.starts_with("waited:"))),
        })
        .collect()
}

/// The fingerprints of the log's rendered statements, of their redacted text (so that a
/// sandbox name never makes two runs differ).
fn fingerprints(log: &crate::log::SqlLog, redactor: &Redactor) -> Vec<StatementFingerprint> {
    log.step_statements(None)
        .map(|entry| {
            let fingerprint = fingerprint(&redactor.redact(&entry.statement));
            StatementFingerprint {
                step: entry.step,
                id: fingerprint_id(&fingerprint),
                fingerprint,
            }
        })
        .collect()
}

/// Every step's N+1 findings, allowed or not (the run's summary lists them all).
fn n_plus_one_findings(spec: &Spec, log: &crate::log::SqlLog) -> Vec<NPlusOneFinding> {
    let mut findings = Vec::new();
    for step in spec.all_steps() {
        let statements: Vec<_> = log.step_statements(Some(step.number)).collect();
        for finding in crate::diagnose::n_plus_one(&statements) {
            findings.push(NPlusOneFinding {
                step: step.number,
                relation: finding.cause.relation(),
                queries: finding.count,
                fingerprint_id: fingerprint_id(&finding.fingerprint),
                fix: finding.cause.fix(),
                allowed: step.allow.contains(&crate::spec::Allowance::NPlusOne),
            });
        }
    }
    findings
}

/// The spec's five slowest step statements (setup is not the code under test), slowest
/// first.
fn slowest(spec: &Spec, log: &crate::log::SqlLog, redactor: &Redactor) -> Vec<TimedStatement> {
    let mut entries: Vec<_> = log.step_statements(None).collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.elapsed));
    entries
        .into_iter()
        .take(5)
        .map(|e| {
            let sql = abbreviate(&redactor.redact(&normalize_sql(&e.statement)), 120);
            TimedStatement {
                spec: spec.id.clone(),
                step: e.step,
                elapsed: e.elapsed,
                sql,
            }
        })
        .collect()
}

/// Values that look volatile but are fixed by the spec, which the golden shows as they are:
/// its frozen "now" (as each setting sends it), the text values its steps write (and
/// datetimes as Django sends them), and the bounds that its `year` lookups compare with.
fn spec_constants(spec: &Spec) -> Vec<String> {
    use crate::spec::Operation;
    let settings = &spec.settings;
    // Timestamps the spec's own SQL writes (setup, fixtures, steps): the author's constants,
    // not values that vary between runs.
    let sql =
        spec.setup
            .iter()
            .map(|b| b.sql.as_str())
            .chain(
                spec.all_steps()
                    .into_iter()
                    .filter_map(|s| match &s.operation {
                        Operation::Sql(call) | Operation::Check(call) => {
                            Some(call.block.sql.as_str())
                        }
                        _ => None,
                    }),
            );
    let mut out = spec.now.constants();
    out.push(settings.now_datetime(&spec.now));
    for text in sql {
        out.extend(timestamp_literals(text));
    }
    let mut add = |value: &Value| {
        if let Value::String(text) = value {
            out.push(text.clone());
            if let Some((prepared, _)) = settings.prep_datetime(text) {
                out.push(prepared);
            }
        }
    };
    for step in spec.all_steps() {
        // Filters (with the bounds of their `year` lookups) and values.
        let filters: Vec<&serde_yaml::Mapping> = match &step.operation {
            Operation::Get(op) => vec![&op.filter],
            Operation::Update(op) => vec![&op.filter],
            Operation::Delete(op) => vec![&op.filter],
            Operation::GetOrCreate(op) | Operation::UpdateOrCreate(op) => vec![&op.lookup],
            _ => Vec::new(),
        };
        for filter in filters {
            if let Ok(q) = crate::spec::Q::from_mapping(filter) {
                q_constants(&q, settings, &[], &mut add);
            }
        }
        let mappings: Vec<&serde_yaml::Mapping> = match &step.operation {
            Operation::Query(op) => {
                // Annotations by ExtractYear: a filter on one compares with the year's bounds.
                let years: Vec<&str> = op
                    .chain
                    .iter()
                    .filter_map(|call| match call {
                        crate::spec::Call::Annotate(exprs) => Some(exprs),
                        _ => None,
                    })
                    .flatten()
                    .filter(|(_, e)| {
                        matches!(
                            e,
                            crate::spec::Expression::Extract {
                                part: "year" | "iso_year",
                                ..
                            }
                        )
                    })
                    .map(|(name, _)| name.as_str())
                    .collect();
                for call in &op.chain {
                    if let crate::spec::Call::Filter(q) | crate::spec::Call::Exclude(q) = call {
                        q_constants(q, settings, &years, &mut add);
                    }
                }
                Vec::new()
            }
            Operation::Create(op) => vec![&op.values],
            Operation::Save(op) => vec![&op.values],
            Operation::Update(op) => vec![&op.values],
            Operation::GetOrCreate(op) | Operation::UpdateOrCreate(op) => {
                let mut all = vec![&op.defaults];
                all.extend(op.create_defaults.as_ref());
                all
            }
            Operation::BulkCreate(op) => op.rows.iter().collect(),
            Operation::BulkUpdate(op) => op.rows.iter().collect(),
            _ => Vec::new(),
        };
        for mapping in mappings {
            mapping.values().for_each(|v| scalars(v, &mut add));
        }
    }
    out
}

/// The timestamps written in SQL text, as written and as PostgreSQL shows them back (in UTC
/// for those with an offset: the sessions' zone).
fn timestamp_literals(sql: &str) -> Vec<String> {
    static LITERAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?",
        )
        .expect("a valid pattern")
    });
    let mut out = Vec::new();
    for found in LITERAL.find_iter(sql) {
        let text = found.as_str();
        out.push(text.to_string());
        let (stamp, offset) = split_offset(text);
        let Some(naive) = [
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(stamp, f).ok()) else {
            continue;
        };
        let shown = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S%.f").to_string();
        out.push(shown(naive));
        if let Some(seconds) = offset {
            out.push(shown(naive - chrono::Duration::seconds(seconds)));
        }
    }
    out
}

/// A timestamp literal and its UTC offset in seconds, if it has one.
fn split_offset(text: &str) -> (&str, Option<i64>) {
    let text = text.trim();
    if let Some(stamp) = text.strip_suffix('Z') {
        return (stamp.trim_end(), Some(0));
    }
    let Some(at) = text.rfind(['+', '-']).filter(|&at| at > 10) else {
        return (text, None);
    };
    let (stamp, zone) = text.split_at(at);
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
    let hours: i64 = digits.get(..2).and_then(|h| h.parse().ok()).unwrap_or(0);
    let minutes: i64 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
    (stamp.trim_end(), Some(sign * (hours * 3600 + minutes * 60)))
}

/// Every scalar of a value, nested ones included.
fn scalars(value: &Value, add: &mut impl FnMut(&Value)) {
    match value {
        Value::Sequence(items) => items.iter().for_each(|v| scalars(v, add)),
        Value::Mapping(map) => map.values().for_each(|v| scalars(v, add)),
        other => add(other),
    }
}

/// The text values of a Q's lookups, and the year bounds of its `year` lookups (and of
/// lookups on the `years` annotations, ExtractYear's).
fn q_constants(
    q: &crate::spec::Q,
    settings: &crate::spec::DjangoSettings,
    years: &[&str],
    add: &mut impl FnMut(&Value),
) {
    for child in &q.children {
        match child {
            crate::spec::QChild::Q(inner) => q_constants(inner, settings, years, add),
            crate::spec::QChild::Expr(_) => {}
            crate::spec::QChild::Lookup(key, value) => {
                scalars(value, add);
                let year = key.split("__").any(|p| p == "year" || p == "iso_year")
                    || key.split("__").next().is_some_and(|n| years.contains(&n));
                if let (true, Some(n)) = (year, value.as_i64()) {
                    for iso in [false, true] {
                        let (start, end) =
                            crate::query::filter::year_bounds(n, iso, Some(settings));
                        add(&start);
                        add(&end);
                    }
                }
            }
        }
    }
}

fn redactor_for(spec: &Spec, sandbox: &[String], project_rules: &[RedactRule]) -> Redactor {
    let mut rules = project_rules.to_vec();
    // The spec's rules were checked when it was loaded.
    rules.extend(
        spec.redact
            .iter()
            .filter_map(|r| RedactRule::new(&r.pattern, &r.replace).ok()),
    );
    // Longest first, so that no name is cut by a shorter one it starts with.
    let mut names: Vec<&String> = sandbox.iter().collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    for name in names {
        if let Ok(rule) = RedactRule::new(&regex::escape(name), "[sandbox]") {
            rules.push(rule);
        }
    }
    Redactor::new(rules)
}

fn bless(path: &Path, rendered: &str, error: &mut Option<String>) -> GoldenOutcome {
    let existing = read_golden(path).ok().flatten();
    if existing.as_deref() == Some(rendered) {
        return GoldenOutcome::Unchanged;
    }
    // A golden that existed but was unreadable (CRLF, not UTF-8) is rewritten, not new.
    let existed = path.exists();
    match write_golden(path, rendered) {
        Ok(()) => GoldenOutcome::Written { new: !existed },
        Err(err) => {
            *error = Some(err.to_string());
            GoldenOutcome::NotCompared
        }
    }
}

fn verify(
    spec: &Spec,
    path: &Path,
    rendered: &str,
    ctx: &VerdictContext<'_>,
    failures: &mut Vec<Failure>,
    error: &mut Option<String>,
) -> GoldenOutcome {
    let bless = format!("pgscenario bless {}{}", spec.path.display(), ctx.rerun_args);
    // A failing comparison leaves the new log beside the golden, for `review`.
    let pending = |error: &mut Option<String>| -> String {
        if ctx.update != UpdatePolicy::New {
            return String::new();
        }
        match write_pending(path, rendered) {
            Ok(written) => format!(
                "; the new log is in {}: `pgscenario review`, or `pgscenario accept {}`",
                written.display(),
                spec.id
            ),
            Err(err) => {
                *error = Some(err.to_string());
                String::new()
            }
        }
    };
    match read_golden(path) {
        Ok(Some(expected)) if expected == rendered => {
            clear_pending(path);
            GoldenOutcome::Matched
        }
        Ok(Some(expected)) => {
            let mut diff =
                unified_diff(&expected, rendered, &path.display().to_string(), ctx.color);
            let changes = Changes::between(&expected, rendered);
            if !changes.is_empty() {
                diff = format!("changes: {}\n{diff}", changes.describe());
            }
            let written = pending(error);
            failures.push(Failure {
                location: Some(path.display().to_string()),
                message: format!(
                    "the SQL log differs from the golden file{written}; if the change is intended, run `{bless}`"
                ),
            });
            GoldenOutcome::Differs { diff, changes }
        }
        Ok(None) => {
            let written = pending(error);
            failures.push(Failure {
                location: Some(spec.path.display().to_string()),
                message: format!(
                    "no golden file {}{written}; create it with `{bless}`",
                    path.display(),
                ),
            });
            GoldenOutcome::Missing
        }
        Err(err) => {
            *error = Some(err.to_string());
            GoldenOutcome::NotCompared
        }
    }
}
