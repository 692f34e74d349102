//! django-fsm-2 transitions (in progress).

use serde_yaml::Mapping;

use crate::log::Raised;
use crate::orm::{Instance, OpError, Orm};
use crate::spec::TransitionOp;

pub(super) async fn transition(
    _orm: &mut Orm<'_>,
    _op: &TransitionOp,
) -> Result<Option<u64>, OpError> {
    Err(OpError::Spec("transition is not implemented yet".into()))
}

/// FSMField(protected=True): assigning the state directly raises, as django-fsm does.
pub(super) fn check_protected(
    orm: &Orm<'_>,
    instance: &Instance,
    values: &Mapping,
) -> Result<(), OpError> {
    let Some(fsm) = &orm.state.registry.model(&instance.model).fsm else {
        return Ok(());
    };
    if fsm.protected
        && !instance.adding
        && values
            .keys()
            .any(|k| k.as_str() == Some(fsm.field.as_str()))
    {
        return Err(OpError::Raised(Raised::new(
            "AttributeError",
            "Direct state modification is not allowed",
        )));
    }
    Ok(())
}
