//! Turning the raw YAML of steps and expectations into the typed spec, checking what serde
//! cannot: one operation per step, `params` with a single statement, valid patterns.

use regex::Regex;

use super::convert_orm::{orm_operation, OrmScope};
use super::error::LoadError;
use super::load::{one_line, Parsed};
use super::model::*;
use super::raw::*;
use crate::sql::fingerprint::fingerprint;
use crate::sql::split::{normalize_sql, split_statements};

/// The most attempts a `retry` makes.
const MAX_ATTEMPTS: u32 = 10;

/// The most steps a spec has once numbered (a block's end and each retry attempt count).
const MAX_STEPS: usize = 10_000;

/// Where steps stand in the file and how they are numbered: `steps[2].atomic.steps[0]` is
/// numbered after step 3 and everything inside it.
pub(super) struct StepPlace<'p> {
    /// The YAML path of the list (`steps`, `steps[2].atomic.steps`).
    pub path: String,
    /// The session of the block the steps are in (theirs unless they name one).
    pub session: Option<&'p str>,
}

/// A list of steps, numbered from `next` on (depth first: a block's steps follow it, its
/// end follows them).
pub(super) fn convert_steps(
    raws: &[RawStep],
    place: &StepPlace<'_>,
    next: &mut usize,
    parsed: &Parsed<RawSpec>,
    scope: &mut OrmScope<'_>,
) -> Result<Vec<Step>, LoadError> {
    let mut steps = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        let base = format!("{}[{i}]", place.path);
        match convert_step(&base, raw, place.session, next, parsed, scope) {
            Ok(step) => steps.push(step),
            // Past the limit every further step fails alike: say it once.
            Err(error) if *next > MAX_STEPS => return Err(error),
            // Go on with the next step, as a compiler does with the next statement, and let
            // the failed step's `as:` still name an instance of its model.
            Err(error) => {
                if !scope.follow_on.take() {
                    scope.errors.push(error);
                }
                scope.declare_failed(raw, &base, parsed);
            }
        }
    }
    Ok(steps)
}

fn convert_step(
    base: &str,
    raw: &RawStep,
    inherited: Option<&str>,
    next: &mut usize,
    parsed: &Parsed<RawSpec>,
    scope: &mut OrmScope<'_>,
) -> Result<Step, LoadError> {
    let base = base.to_string();
    let location = parsed.locate(&base);
    let number = *next;
    // A retry copies its steps per attempt, so retries nested in retries multiply them.
    if number > MAX_STEPS {
        return Err(LoadError::new(
            location,
            format!("the spec has more than {MAX_STEPS} steps, counting each `retry` attempt's copy of its steps"),
        )
        .with_help("nest fewer `retry` loops, or give them fewer `attempts`"));
    }
    *next += 1;
    if let Some(named) = &raw.session {
        check_session(named, &format!("{base}.session"), parsed, scope)?;
    }
    let session = raw.session.clone().or(inherited.map(str::to_string));
    let keys = raw.operation_keys();
    let warned = scope.warnings.len();
    let operation = match keys.as_slice() {
        [key @ ("sql" | "check")] => sql_operation(key, raw, &base, parsed)?,
        ["request"] if place_path(&base) != "steps" => {
            return Err(LoadError::new(
                parsed.locate(&format!("{base}.request")),
                "a `request` is a whole request: it goes at the top level of `steps`, not inside a block, hook, retry or another request",
            ))
        }
        ["atomic" | "on_commit" | "set_rollback" | "retry" | "request" | "sync_to_async"] => {
            let path = format!("{base}.{}", keys[0]);
            transaction_operation(raw, &path, session.as_deref(), next, parsed, scope)?
        }
        [key] => {
            if !raw.params.is_empty() {
                return Err(LoadError::new(
                    parsed.locate(&format!("{base}.params")),
                    format!("`params` belong to `sql` and `check` steps, not to `{key}`"),
                ));
            }
            orm_operation(key, raw, &format!("{base}.{key}"), parsed, scope)?
        }
        [] => {
            return Err(LoadError::new(
                location,
                format!(
                    "a step needs one operation key, one of: {}",
                    OPERATION_KEYS.join(", ")
                ),
            ))
        }
        several => {
            return Err(LoadError::new(
                location,
                format!(
                    "a step has one operation, but this one has {}",
                    several.join(" and ")
                ),
            )
            .with_help("split it into one step per operation"))
        }
    };
    let expect = match &raw.expect {
        Some(e) => convert_step_expect(e, &format!("{base}.expect"), parsed)?,
        None => StepExpect::default(),
    };
    // A step that expects Django's ValueError shows the refusal on purpose.
    let expects_refusal = expect
        .error
        .as_ref()
        .is_some_and(|e| e.name.as_deref() == Some("ValueError"));
    if expects_refusal {
        scope.warnings.truncate(warned);
    }
    if operation.is_structural() {
        let rows = raw.expect.as_ref().and_then(|e| {
            [
                ("rows", e.rows.is_some()),
                ("row_count", e.row_count.is_some()),
                ("plan", e.plan.is_some()),
            ]
            .into_iter()
            .find(|(_, given)| *given)
        });
        if let Some((key, _)) = rows {
            return Err(LoadError::new(
                parsed.locate(&format!("{base}.expect.{key}")),
                format!("`{key}` is about a statement's rows; a `{}` step has none (expect `queries`, `sql` or `error`)", keys[0]),
            ));
        }
    }
    // The step's own number, then those of the steps it holds (a block's end last).
    let last = *next - 1;
    Ok(Step {
        number,
        last,
        label: raw.name.clone(),
        operation,
        expect,
        show_rows: raw.show_rows,
        allow: raw.allow.clone(),
        session,
        asynchronous: false,
        location,
    })
}

/// A step's `session:` names one of the spec's sessions.
fn check_session(
    named: &str,
    at: &str,
    parsed: &Parsed<RawSpec>,
    scope: &OrmScope<'_>,
) -> Result<(), LoadError> {
    if scope.sessions.iter().any(|s| s == named) {
        return Ok(());
    }
    let mut message = format!("unknown session `{named}`");
    if let Some(s) = super::error::suggest(named, scope.sessions.iter().map(String::as_str)) {
        message.push_str(&format!(", did you mean `{s}`?"));
    }
    Err(
        LoadError::new(parsed.locate(at), message).with_help(format!(
            "the spec's sessions: {}",
            scope.sessions.join(", ")
        )),
    )
}

/// The YAML path of the list a step is in: `steps` for `steps[3]`.
fn place_path(base: &str) -> &str {
    base.rsplit_once('[').map_or(base, |(list, _)| list)
}

/// A step the spec does not write but the log shows (a block's end, a retry's attempt),
/// numbered next.
fn marker_step(
    next: &mut usize,
    label: String,
    operation: Operation,
    allow: Vec<Allowance>,
    session: Option<&str>,
    location: super::Location,
) -> Step {
    let number = *next;
    *next += 1;
    Step {
        number,
        last: number,
        label: Some(label),
        operation,
        expect: StepExpect::default(),
        show_rows: None,
        allow,
        session: session.map(str::to_string),
        asynchronous: false,
        location,
    }
}

/// `atomic`, `on_commit` and `set_rollback`: their steps numbered after them, a block's end
/// after those.
fn transaction_operation(
    raw: &RawStep,
    path: &str,
    session: Option<&str>,
    next: &mut usize,
    parsed: &Parsed<RawSpec>,
    scope: &mut OrmScope<'_>,
) -> Result<Operation, LoadError> {
    let place = StepPlace {
        path: format!("{path}.steps"),
        session,
    };
    if let Some(atomic) = &raw.atomic {
        let number = *next - 1;
        let steps = convert_steps(&atomic.steps, &place, next, parsed, scope)?;
        let end = marker_step(
            next,
            format!("step {number}"),
            Operation::EndAtomic { of: number },
            raw.allow.clone(),
            session,
            parsed.locate(path),
        );
        return Ok(Operation::Atomic(AtomicBlock {
            steps,
            savepoint: atomic.savepoint.unwrap_or(true),
            durable: atomic.durable.unwrap_or(false),
            end: Box::new(end),
        }));
    }
    if let Some(request) = &raw.request {
        let number = *next - 1;
        let steps = convert_steps(&request.steps, &place, next, parsed, scope)?;
        let end = marker_step(
            next,
            format!("step {number}"),
            Operation::EndRequest { of: number },
            raw.allow.clone(),
            session,
            parsed.locate(path),
        );
        return Ok(Operation::Request(RequestBlock {
            steps,
            end: Box::new(end),
        }));
    }
    if let Some(block) = &raw.sync_to_async {
        let steps = convert_steps(&block.steps, &place, next, parsed, scope)?;
        return Ok(Operation::SyncToAsync(steps));
    }
    if let Some(retry) = &raw.retry {
        let number = *next - 1;
        let count = retry.attempts.unwrap_or(3);
        if !(2..=MAX_ATTEMPTS).contains(&count) {
            return Err(LoadError::new(
                parsed.locate(&format!("{path}.attempts")),
                format!("`attempts` is 2 to {MAX_ATTEMPTS} (it is {count})"),
            ));
        }
        let on = match &retry.on {
            Some(on) => convert_error(on, &format!("{path}.on"), parsed)?,
            None => ErrorExpect {
                sqlstate: Some("40001".to_string()),
                ..ErrorExpect::default()
            },
        };
        let mut attempts = Vec::new();
        for n in 1..=count {
            let marker = marker_step(
                next,
                format!("{n} of step {number}"),
                Operation::Attempt { of: number, n },
                Vec::new(),
                session,
                parsed.locate(path),
            );
            // Each attempt's steps are numbered apart, so that the golden shows each.
            let steps = convert_steps(&retry.steps, &place, next, parsed, scope)?;
            attempts.push(Attempt { marker, steps });
        }
        return Ok(Operation::Retry(RetryLoop { attempts, on }));
    }
    if let Some(hook) = &raw.on_commit {
        let steps = convert_steps(&hook.steps, &place, next, parsed, scope)?;
        return Ok(Operation::OnCommit(OnCommitHook {
            steps,
            robust: hook.robust.unwrap_or(false),
        }));
    }
    Ok(Operation::SetRollback(raw.set_rollback.unwrap_or(true)))
}

/// `error: "23505"`, `error: IntegrityError` or `error: {sqlstate, name, message}`.
fn convert_error(
    raw: &RawErrorExpect,
    at: &str,
    parsed: &Parsed<RawSpec>,
) -> Result<ErrorExpect, LoadError> {
    let error = match raw {
        // A SQLSTATE is five digits or capitals; anything else names an exception class.
        RawErrorExpect::Sqlstate(code) if looks_like_sqlstate(code) => ErrorExpect {
            sqlstate: Some(code.clone()),
            ..ErrorExpect::default()
        },
        RawErrorExpect::Sqlstate(name) if looks_like_class(name) => ErrorExpect {
            name: Some(name.clone()),
            ..ErrorExpect::default()
        },
        RawErrorExpect::Sqlstate(other) => {
            return Err(LoadError::new(
                parsed.locate(at),
                format!("`{other}` is neither a SQLSTATE (five digits or capital letters, e.g. \"23505\") nor an exception's class name (e.g. IntegrityError)"),
            ))
        }
        RawErrorExpect::Detailed(fields) => {
            if fields.sqlstate.is_none() && fields.message.is_none() && fields.name.is_none() {
                return Err(LoadError::new(
                    parsed.locate(at),
                    "`error` needs `sqlstate`, `name` or `message`",
                ));
            }
            if let Some(name) = fields.name.as_deref().filter(|n| !looks_like_class(n)) {
                return Err(LoadError::new(
                    parsed.locate(&format!("{at}.name")),
                    format!("`{name}` is not an exception's class name (e.g. IntegrityError, or django.db.IntegrityError)"),
                ));
            }
            ErrorExpect {
                sqlstate: fields.sqlstate.clone(),
                name: fields.name.clone(),
                message: fields.message.clone(),
            }
        }
    };
    if let Some(code) = &error.sqlstate {
        if !looks_like_sqlstate(code) {
            return Err(LoadError::new(
                parsed.locate(at),
                format!(
                    "`{code}` is not a SQLSTATE (five digits or capital letters, e.g. \"23505\")"
                ),
            ));
        }
    }
    Ok(error)
}

/// A Python class name, maybe dotted (`IntegrityError`, `django.db.utils.IntegrityError`).
fn looks_like_class(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn convert_step_expect(
    raw: &RawStepExpect,
    base: &str,
    parsed: &Parsed<RawSpec>,
) -> Result<StepExpect, LoadError> {
    let error = match &raw.error {
        None => None,
        Some(wanted) => Some(convert_error(wanted, &format!("{base}.error"), parsed)?),
    };
    if error.is_some() && (raw.rows.is_some() || raw.row_count.is_some()) {
        return Err(LoadError::new(
            parsed.locate(base),
            "a step that expects an error returns no rows: drop `rows`/`row_count` or `error`",
        ));
    }
    Ok(StepExpect {
        rows: raw.rows.clone(),
        row_count: raw.row_count,
        log: convert_log_expect(
            raw.queries.as_ref(),
            raw.sql.as_deref(),
            raw.fingerprints.as_deref(),
            base,
            parsed,
        )?,
        error,
        plan: raw
            .plan
            .as_ref()
            .map(|plan| plan_expect(plan, &format!("{base}.plan"), parsed))
            .transpose()?,
        location: Some(parsed.locate(base)),
    })
}

fn plan_expect<T>(
    raw: &RawPlanExpect,
    at: &str,
    parsed: &Parsed<T>,
) -> Result<PlanExpect, LoadError> {
    let no_seq_scan = match &raw.no_seq_scan {
        None | Some(serde_yaml::Value::Bool(false)) => None,
        Some(serde_yaml::Value::Bool(true)) => Some(SeqScans::None),
        Some(serde_yaml::Value::Sequence(items)) => {
            let tables = items
                .iter()
                .map(|t| t.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>();
            match tables {
                Some(tables) => Some(SeqScans::On(tables)),
                None => {
                    return Err(LoadError::new(
                        parsed.locate(&format!("{at}.no_seq_scan")),
                        "`no_seq_scan` lists table names",
                    ))
                }
            }
        }
        Some(_) => {
            return Err(LoadError::new(
                parsed.locate(&format!("{at}.no_seq_scan")),
                "`no_seq_scan` is `true` (no sequential scan at all) or a list of tables",
            ))
        }
    };
    let expect = PlanExpect {
        uses_index: raw.uses_index.clone(),
        node: raw.node.clone(),
        no_seq_scan,
        rows_estimate: raw.rows_estimate,
        location: parsed.locate(at),
    };
    let empty = expect.uses_index.is_none()
        && expect.node.is_none()
        && expect.no_seq_scan.is_none()
        && expect.rows_estimate.is_none();
    if empty {
        return Err(LoadError::new(
            parsed.locate(at),
            "`plan` needs `uses_index`, `node`, `no_seq_scan` or `rows_estimate`",
        ));
    }
    Ok(expect)
}

pub(super) fn convert_log_expect<T>(
    queries: Option<&RawQueries>,
    sql: Option<&[String]>,
    fingerprints: Option<&[String]>,
    base: &str,
    parsed: &Parsed<T>,
) -> Result<LogExpect, LoadError> {
    let queries = queries
        .map(|raw| query_budget(raw, &format!("{base}.queries"), parsed))
        .transpose()?;
    let sql = sql
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, text)| match text.strip_prefix('~') {
                    Some(pattern) => Regex::new(pattern).map(SqlPattern::Regex).map_err(|err| {
                        LoadError::new(
                            parsed.locate(&format!("{base}.sql[{i}]")),
                            format!("invalid regular expression: {}", one_line(&err.to_string())),
                        )
                    }),
                    None => Ok(SqlPattern::Exact(normalize_sql(text))),
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok(LogExpect {
        queries,
        sql,
        fingerprints: fingerprints
            .map(|items| items.iter().map(|text| fingerprint(text)).collect()),
        location: Some(parsed.locate(base)),
    })
}

fn query_budget<T>(
    raw: &RawQueries,
    at: &str,
    parsed: &Parsed<T>,
) -> Result<QueryBudget, LoadError> {
    let budget = match raw {
        RawQueries::Exactly(count) => QueryBudget::exactly(*count),
        RawQueries::Budget(b) => QueryBudget {
            min: b.min,
            max: b.max,
            transactions: b.transactions.unwrap_or(true),
        },
    };
    let refuse = |message: &str| Err(LoadError::new(parsed.locate(at), message));
    match (budget.min, budget.max) {
        (None, None) => refuse("a query budget needs `min`, `max` or both"),
        (Some(min), Some(max)) if min > max => refuse(&format!(
            "`min` ({min}) is more than `max` ({max}): no number of queries fits"
        )),
        _ => Ok(budget),
    }
}

fn sql_operation(
    key: &str,
    raw: &RawStep,
    base: &str,
    parsed: &Parsed<RawSpec>,
) -> Result<Operation, LoadError> {
    let text = match key {
        "sql" => raw.sql.as_ref(),
        _ => raw.check.as_ref(),
    }
    .expect("the key is present");
    let block = SqlBlock {
        sql: text.clone(),
        location: parsed.locate(&format!("{base}.{key}")),
    };
    let statements = split_statements(text);
    if statements.is_empty() {
        return Err(LoadError::new(
            block.location,
            format!("`{key}` holds no SQL statement"),
        ));
    }
    if !raw.params.is_empty() && statements.len() > 1 {
        return Err(LoadError::new(
            parsed.locate(&format!("{base}.params")),
            format!(
                "`params` need a single statement, but this `{key}` has {}",
                statements.len()
            ),
        )
        .with_help("split the statements into steps of their own"));
    }
    let call = SqlCall {
        block,
        params: raw.params.clone(),
    };
    Ok(if key == "sql" {
        Operation::Sql(call)
    } else {
        Operation::Check(call)
    })
}

fn looks_like_sqlstate(code: &str) -> bool {
    code.len() == 5
        && code
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}
