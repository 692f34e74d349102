//! `atomic` blocks and `on_commit` hooks: entering and leaving a block on a session, as
//! Django's `Atomic` does. The runner runs the steps in between.

use super::{raised_or_failure, StepContext, StepFailure, StepRecord};
use crate::orm::transaction::Hook;
use crate::orm::Atomic;
use crate::spec::{AtomicBlock, Step};

/// Enters the block of `step`: `Ok(Err(record))` when Django refuses to (a durable block
/// nested in another), with the exception in the record.
pub async fn enter_atomic(
    step: &Step,
    block: &AtomicBlock,
    ctx: &mut StepContext<'_>,
) -> Result<Result<Atomic, StepRecord>, StepFailure> {
    let entered = ctx
        .orm(step.number)
        .enter_atomic(block.savepoint, block.durable)
        .await;
    match entered {
        Ok(atomic) => Ok(Ok(atomic)),
        Err(err) => raised_or_failure(err, step, ctx).map(Err),
    }
}

/// Leaves a block at its `end` step, committing when `ok`: the end's record (an exception
/// when COMMIT or RELEASE failed) and the hooks to run now.
pub async fn exit_atomic(
    end: &Step,
    atomic: Atomic,
    ok: bool,
    ctx: &mut StepContext<'_>,
) -> Result<(StepRecord, Vec<Hook>), StepFailure> {
    let exited = ctx.orm(end.number).exit_atomic(atomic, ok).await;
    match exited {
        Ok(hooks) => Ok((StepRecord::default(), hooks)),
        Err(err) => raised_or_failure(err, end, ctx).map(|record| (record, Vec::new())),
    }
}

/// Registers an on_commit hook; `true` when it is to run at once (outside any block).
pub fn register_hook(step: &Step, robust: bool, ctx: &mut StepContext<'_>) -> bool {
    ctx.orm(step.number).on_commit(Hook {
        step: step.number,
        robust,
    })
}
