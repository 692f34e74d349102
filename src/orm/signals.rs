//! Signal receivers and FSM hooks declared in a spec: set fields of the instance, run SQL.

use serde_yaml::Value as Yaml;

use super::{Instance, OpError, Orm};
use crate::spec::SignalAction;
use crate::sql::compiler::Query;
use crate::template::render_runtime;

/// Runs a receiver on an instance. `extra` adds context such as `created` for post_save.
pub async fn run_signal(
    orm: &mut Orm<'_>,
    action: &SignalAction,
    instance: &mut Instance,
    extra: &[(&str, Yaml)],
) -> Result<(), OpError> {
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let pk = registry.model(&instance.model).pk.clone();
    let context = |instance: &Instance| {
        let mut ctx = instance.context(&pk, |column| registry.attname(&instance.model, column));
        for (key, value) in extra {
            ctx.insert(Yaml::String((*key).to_string()), value.clone());
        }
        ctx
    };
    for (field, template) in &action.set {
        let value = render_runtime(template, &context(instance))
            .map_err(|e| OpError::Spec(format!("signal `set: {field}`: {e}")))?;
        let column = orm.column_of(&instance.model, field)?;
        instance.set(&column, Yaml::String(value));
    }
    if let Some(template) = &action.sql {
        let sql = render_runtime(template, &context(instance))
            .map_err(|e| OpError::Spec(format!("signal `sql`: {e}")))?;
        orm.exec(&Query {
            sql,
            params: Vec::new(),
        })
        .await?;
    }
    Ok(())
}
