//! many-to-many add/remove/set/clear (in progress).

use crate::orm::{OpError, Orm};
use crate::spec::ManyToManyOp;

pub(super) async fn run(_orm: &mut Orm<'_>, _op: &ManyToManyOp) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec("m2m is not implemented yet".into()))
}
