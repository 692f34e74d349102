//! Operations: what each kind of step does, given a session. One file per operation family.

mod sql;

use crate::db::{DbError, RecordingConnection};
use crate::log::{ResultSet, SqlError};
use crate::spec::{Location, Operation, Step};

/// What a step did, for its expectations.
#[derive(Debug, Clone, Default)]
pub struct StepRecord {
    /// The error that ended the step, and where in the spec its statement was written.
    pub error: Option<(SqlError, Location)>,
    /// Rows of the step's last statement.
    pub result: Option<ResultSet>,
    /// Rows returned or affected by the step's last statement.
    pub rows: Option<u64>,
}

/// The sessions a step may use (one today; named sessions come with concurrency).
pub struct StepContext<'a> {
    pub conn: &'a RecordingConnection,
}

/// Runs one step. Server errors are part of the record; only a broken connection is an `Err`.
pub async fn run_step(step: &Step, ctx: &StepContext<'_>) -> Result<StepRecord, DbError> {
    match &step.operation {
        Operation::Sql(call) => sql::run(call, step.number, crate::log::Phase::Step, ctx).await,
        Operation::Check(call) => sql::run(call, step.number, crate::log::Phase::Check, ctx).await,
    }
}

pub use sql::{run_setup, SetupFailure};
