//! django-fsm-2's ConcurrentTransitionMixin: save()'s UPDATE also requires the state the
//! instance was loaded (or last saved) with, and an UPDATE that matched nothing is told apart
//! from a missing row by an exists() query.

use super::{Instance, Model, OpError, Orm, Registry};
use crate::log::Raised;
use crate::sql::compiler::{self, Builder, Condition, Query};

/// Remembers the FSM field's current value as the state the instance has in the database
/// (the mixin's `_update_initial_state`: after __init__, loading and each successful save).
pub fn track_state(registry: &Registry, instance: &mut Instance) {
    let Some(fsm) = &registry.model(&instance.model).fsm else {
        return;
    };
    if let Ok(field) = registry.field_of(&instance.model, &fsm.field) {
        instance.saved_state = Some(instance.get(&field.column));
    }
}

/// Whether the instance's model uses the mixin.
pub fn is_concurrent(orm: &Orm<'_>, instance: &Instance) -> bool {
    orm.state
        .registry
        .model(&instance.model)
        .fsm
        .as_ref()
        .is_some_and(|fsm| fsm.concurrent)
}

/// The state filter the mixin adds to the UPDATE of `model`'s table (one of the instance's
/// chain): only the table that declares the FSM field gets one. Django applies it to the
/// base queryset before the primary key filter, so it comes first in the WHERE clause.
pub fn state_condition(orm: &Orm<'_>, model: &Model, instance: &Instance) -> Option<Condition> {
    let fsm = orm.state.registry.model(&instance.model).fsm.as_ref()?;
    if !fsm.concurrent {
        return None;
    }
    let field = model.field(&fsm.field).ok()?;
    Some(Condition::Equals {
        table: model.table.clone(),
        column: field.column.clone(),
        value: instance.saved_state.clone()?,
    })
}

/// After an UPDATE of `model`'s table matched no row: `base_qs.filter(pk=pk).exists()`. A row
/// that exists had its state changed underneath (ConcurrentTransition); a missing one lets
/// save() go on to the INSERT, as for a new instance with a preset primary key.
pub async fn check_unchanged(
    orm: &Orm<'_>,
    model: &Model,
    instance: &Instance,
) -> Result<(), OpError> {
    let query = exists_query(&model.table, &model.pk, instance.get(&model.pk));
    let executed = orm.exec(&query).await?;
    let found = executed.result.is_some_and(|r| !r.rows.is_empty());
    if found {
        return Err(OpError::Raised(Raised::new(
            "ConcurrentTransition",
            "Cannot save object! The state has been changed since fetched from the database!",
        )));
    }
    Ok(())
}

/// QuerySet.exists() on a primary key: `SELECT $1 AS "a" FROM "t" WHERE "t"."pk" = $2 LIMIT 1`
/// with 1 as the first parameter (Django annotates `Value(1)`).
fn exists_query(table: &str, pk: &str, value: serde_yaml::Value) -> Query {
    let mut b = Builder::new();
    b.push("SELECT ").param(1.into());
    b.push(&format!(" AS \"a\" FROM {}", compiler::quote(table)));
    compiler::push_where(
        &mut b,
        &[Condition::Equals {
            table: table.to_string(),
            column: pk.to_string(),
            value,
        }],
    );
    b.push(" LIMIT 1");
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_djangos_exists_query() {
        let query = exists_query("app_concurrentinvoice", "id", 50.into());
        assert_eq!(
            query.sql,
            r#"SELECT $1 AS "a" FROM "app_concurrentinvoice" WHERE "app_concurrentinvoice"."id" = $2 LIMIT 1"#
        );
        let expected: Vec<serde_yaml::Value> = vec![1.into(), 50.into()];
        assert_eq!(query.params, expected);
    }
}
