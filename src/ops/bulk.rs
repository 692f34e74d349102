//! `bulk_create` and `bulk_update` (in progress).

use crate::orm::{OpError, Orm};
use crate::spec::{BulkCreateOp, BulkUpdateOp};

pub(super) async fn bulk_create(
    _orm: &mut Orm<'_>,
    _op: &BulkCreateOp,
) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec("bulk_create is not implemented yet".into()))
}

pub(super) async fn bulk_update(
    _orm: &mut Orm<'_>,
    _op: &BulkUpdateOp,
) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec("bulk_update is not implemented yet".into()))
}
