//! `sql` and `check` steps, and setup SQL: statements run one by one through the recorder.

use super::StepRecord;
use crate::db::{DbError, Origin, RecordingConnection};
use crate::log::{Phase, Raised, SqlError};
use crate::spec::{Location, SqlBlock, SqlCall};
use crate::sql::split::{split_statements, SqlPiece};

/// Runs the statements of a step in order, stopping at the first that fails (like psql's
/// ON_ERROR_STOP): later statements would only report the aborted transaction.
pub(super) async fn run(
    call: &SqlCall,
    step: usize,
    phase: Phase,
    conn: &RecordingConnection,
) -> Result<StepRecord, DbError> {
    let origin = Origin {
        phase,
        step: Some(step),
    };
    let mut record = StepRecord::default();
    for piece in split_statements(&call.block.sql) {
        let executed = conn.execute(origin, &piece.text, &call.params).await?;
        if let Some(error) = executed.error {
            let at = error_location(&call.block, &piece, &error);
            record.error = Some((Raised::from_sql(&error), at));
            record.result = None;
            record.rows = None;
            break;
        }
        record.result = executed.result;
        record.rows = executed.rows;
    }
    Ok(record)
}

/// A setup statement that failed: where, what, and the server's message.
#[derive(Debug, Clone)]
pub struct SetupFailure {
    pub location: Location,
    pub statement: String,
    pub error: SqlError,
}

/// Runs setup blocks statement by statement, so a failure names its statement and line.
pub async fn run_setup(
    blocks: &[SqlBlock],
    conn: &RecordingConnection,
) -> Result<Option<SetupFailure>, DbError> {
    for block in blocks {
        for piece in split_statements(&block.sql) {
            if let Some(error) = conn.setup(&piece.text).await? {
                return Ok(Some(SetupFailure {
                    location: error_location(block, &piece, &error),
                    statement: piece.text,
                    error,
                }));
            }
        }
    }
    Ok(None)
}

/// Where in the spec file the server's error position points.
fn error_location(block: &SqlBlock, piece: &SqlPiece, error: &SqlError) -> Location {
    let (mut line, mut column) = (piece.line, piece.column);
    if let Some(position) = error.position {
        for ch in piece.text.chars().take(position.saturating_sub(1)) {
            if ch == '\n' {
                line += 1;
                column = 0;
            } else {
                column += 1;
            }
        }
    }
    block.location.down(line, column)
}
