//! `update`: QuerySet.filter(...).update(**values) (in progress).

use crate::orm::{OpError, Orm};
use crate::spec::UpdateOp;

pub(super) async fn update(_orm: &mut Orm<'_>, _op: &UpdateOp) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec("update is not implemented yet".into()))
}
