//! Operations: what each kind of step does, given a session. One file per operation family.

mod bulk;
mod delete;
mod lookup;
mod m2m;
mod query;
mod raw;
mod save;
mod sql;
mod transaction;
mod transition;
mod update;

use crate::db::{DbError, RecordingConnection};
use crate::log::{Phase, Raised, ResultSet};
use crate::orm::{OpError, Orm, OrmState};
use crate::spec::{Location, Operation, Step};

pub use sql::{run_setup, SetupFailure};
pub use transaction::{enter_atomic, exit_atomic, register_hook};

/// What a step did, for its expectations.
#[derive(Debug, Clone, Default)]
pub struct StepRecord {
    /// The exception that ended the step, and where in the spec it comes from (its statement,
    /// or the step).
    pub error: Option<(Raised, Location)>,
    /// Rows of the step's last statement.
    pub result: Option<ResultSet>,
    /// Rows returned or affected by the step's last statement.
    pub rows: Option<u64>,
}

/// Why a step could not run at all (as opposed to raising an exception the spec can expect).
#[derive(Debug, thiserror::Error)]
pub enum StepFailure {
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("{0}")]
    Spec(String),
}

/// The session and the ORM state a step runs with.
pub struct StepContext<'a> {
    pub conn: &'a RecordingConnection,
    pub orm: &'a mut OrmState,
}

impl StepContext<'_> {
    /// The ORM on this session, sending on behalf of step `step`.
    fn orm(&mut self, step: usize) -> Orm<'_> {
        Orm {
            conn: self.conn,
            state: self.orm,
            step,
        }
    }
}

/// Runs one step. Exceptions are part of the record; only a broken connection or an
/// impossible request is an `Err`.
pub async fn run_step(step: &Step, ctx: &mut StepContext<'_>) -> Result<StepRecord, StepFailure> {
    let mut orm = ctx.orm(step.number);
    let outcome = match &step.operation {
        Operation::Sql(call) => {
            return Ok(sql::run(call, step.number, Phase::Step, ctx.conn).await?)
        }
        Operation::Check(call) => {
            return Ok(sql::run(call, step.number, Phase::Check, ctx.conn).await?)
        }
        Operation::SetRollback(flag) => orm.set_rollback(*flag).map(|()| None),
        Operation::Atomic(_)
        | Operation::EndAtomic { .. }
        | Operation::OnCommit(_)
        | Operation::Retry(_)
        | Operation::Attempt { .. }
        | Operation::Request(_)
        | Operation::EndRequest { .. }
        | Operation::SyncToAsync(_) => {
            return Err(StepFailure::Spec(format!(
                "a `{}` step is run by the runner, not as an operation",
                step.operation.kind()
            )))
        }
        Operation::Create(op) => save::create(&mut orm, op).await,
        Operation::Save(op) => save::save(&mut orm, op).await,
        Operation::Get(op) => save::get(&mut orm, op).await,
        Operation::BulkCreate(op) => bulk::bulk_create(&mut orm, op).await,
        Operation::BulkUpdate(op) => bulk::bulk_update(&mut orm, op).await,
        Operation::Update(op) => update::update(&mut orm, op).await,
        Operation::GetOrCreate(op) => lookup::get_or_create(&mut orm, op).await,
        Operation::UpdateOrCreate(op) => lookup::update_or_create(&mut orm, op).await,
        Operation::ManyToMany(op) => m2m::run(&mut orm, op).await,
        Operation::Delete(op) => delete::delete(&mut orm, op).await,
        Operation::Transition(op) => transition::transition(&mut orm, op).await,
        Operation::Refresh(op) => query::refresh_from_db(&mut orm, op).await,
        Operation::Query(_) | Operation::Raw(_) | Operation::Cursor(_) => {
            let outcome = match &step.operation {
                Operation::Query(op) => query::run(&mut orm, op).await,
                Operation::Raw(op) => raw::raw(&mut orm, op).await,
                Operation::Cursor(op) => raw::cursor(&mut orm, op).await,
                _ => unreachable!("a reading operation"),
            };
            return match outcome {
                Ok(outcome) => Ok(StepRecord {
                    result: outcome.result,
                    rows: outcome.rows,
                    ..StepRecord::default()
                }),
                Err(err) => raised_or_failure(err, step, ctx),
            };
        }
    };
    // Model.save(), QuerySet.update(), delete() and the bulk writes mark an enclosing
    // atomic block for rollback when the database raises inside them.
    if matches!(
        step.operation,
        Operation::Create(_)
            | Operation::Save(_)
            | Operation::BulkCreate(_)
            | Operation::BulkUpdate(_)
            | Operation::Update(_)
            | Operation::Delete(_)
            | Operation::ManyToMany(_)
            | Operation::Transition(_)
    ) {
        orm.mark_for_rollback_on_error(&outcome);
    }
    match outcome {
        Ok(rows) => Ok(StepRecord {
            rows,
            ..StepRecord::default()
        }),
        Err(err) => raised_or_failure(err, step, ctx),
    }
}

/// An exception the step raised (part of the record), or why it could not run.
fn raised_or_failure(
    err: OpError,
    step: &Step,
    ctx: &StepContext<'_>,
) -> Result<StepRecord, StepFailure> {
    match err {
        OpError::Raised(raised) => {
            ctx.conn.raise(step.number, raised.clone());
            Ok(StepRecord {
                error: Some((raised, step.location.clone())),
                ..StepRecord::default()
            })
        }
        OpError::Db(err) => Err(StepFailure::Db(err)),
        OpError::Spec(message) => Err(StepFailure::Spec(message)),
    }
}
