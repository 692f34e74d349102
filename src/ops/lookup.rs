//! get_or_create / update_or_create (in progress).

use crate::orm::{OpError, Orm};
use crate::spec::LookupOp;

pub(super) async fn get_or_create(
    _orm: &mut Orm<'_>,
    _op: &LookupOp,
) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec("get_or_create is not implemented yet".into()))
}

pub(super) async fn update_or_create(
    _orm: &mut Orm<'_>,
    _op: &LookupOp,
) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec(
        "update_or_create is not implemented yet".into(),
    ))
}
