//! `delete` (in progress).

use crate::orm::{OpError, Orm};
use crate::spec::DeleteOp;

pub(super) async fn delete(_orm: &mut Orm<'_>, _op: &DeleteOp) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec("delete is not implemented yet".into()))
}
