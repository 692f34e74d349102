//! `delete`: `Model.objects.filter(...).delete()` and `instance.delete()`, through Django's
//! deletion Collector (`orm::collector`, `orm::deletion`). The step's row count is the number
//! of rows deleted, cascades included (the first element of Django's return value).

use serde_yaml::Value as Yaml;

use super::save::filter_conditions;
use crate::orm::deletion::{delete_instance, delete_queryset};
use crate::orm::{OpError, Orm};
use crate::spec::DeleteOp;

pub(super) async fn delete(orm: &mut Orm<'_>, op: &DeleteOp) -> Result<Option<u64>, OpError> {
    match (&op.instance, &op.model) {
        (Some(name), _) => {
            let instance = orm
                .state
                .instances
                .get(name)
                .cloned()
                .ok_or_else(|| OpError::Spec(format!("no instance `{name}`")))?;
            let count = delete_instance(orm, &instance).await?;
            // Django sets the deleted object's primary key attribute to None (an inherited
            // `id` of a multi-table child keeps its value, as in Python).
            let pk = orm.state.registry.model(&instance.model).pk.clone();
            if let Some(bound) = orm.state.instances.get_mut(name) {
                bound.set(&pk, Yaml::Null);
            }
            Ok(Some(count))
        }
        (None, Some(model)) => {
            let registry = std::sync::Arc::clone(&orm.state.registry);
            if crate::orm::filter::crosses_relations(&registry, model, &op.filter) {
                // Django's fast DELETE takes the filter as a primary-key subquery; the
                // collector SELECTs the rows with the filter's joins.
                let resolve = |v: &Yaml| orm.resolve(v).map_err(|e| e.to_string());
                let conditions =
                    crate::orm::filter::update_conditions(&registry, model, &op.filter, resolve)
                        .map_err(OpError::Spec)?;
                let q =
                    crate::orm::filter::resolved_q(&op.filter, resolve).map_err(OpError::Spec)?;
                let mut joined =
                    crate::query::Query::new(std::sync::Arc::clone(&registry), model, 'T');
                joined.add_filter(q, false).map_err(OpError::Spec)?;
                let count = crate::orm::deletion::delete_queryset_joined(
                    orm,
                    model,
                    &conditions,
                    Some(joined),
                )
                .await?;
                return Ok(Some(count));
            }
            let conditions = filter_conditions(orm, model, &op.filter)?;
            let count = delete_queryset(orm, model, &conditions).await?;
            Ok(Some(count))
        }
        (None, None) => Err(OpError::Spec(
            "`delete` needs `instance`, or `model` with an optional `filter`".into(),
        )),
    }
}
