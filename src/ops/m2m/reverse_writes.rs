//! The calls of a reverse foreign key's manager once its key and objects are known
//! (`reverse.rs`): add(), remove(), clear() and set(), bulk or one save() per object.

use serde_yaml::Value as Yaml;

use super::reverse::{check_and_update, check_fk_val, type_error, Object, ReverseKey};
use super::{is_instance_of, pk_of, raised, repr};
use crate::orm::idset::IdSet;
use crate::orm::persist::{select_instances, SaveOptions};
use crate::orm::{OpError, Orm};
use crate::sql::compiler::{self, Condition, SetValue};

/// `add(*objs, bulk=...)`.
pub(super) async fn add(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    objects: Vec<Object>,
    bulk: bool,
) -> Result<u64, OpError> {
    if bulk {
        let mut pks = Vec::new();
        for object in objects {
            let (_, instance) = check_and_update(orm, key, object)?;
            if instance.adding {
                return Err(raised(
                    "ValueError",
                    format!(
                        "{} instance isn't saved. Use bulk=False or save the object first.",
                        repr(&instance.model, &pk_of(orm, &instance))
                    ),
                ));
            }
            pks.push(pk_of(orm, &instance));
        }
        // `filter(pk__in=pks)`: the In lookup's OrderedSet, without None.
        let mut ids: Vec<Yaml> = Vec::new();
        for pk in pks {
            if !pk.is_null() && !ids.contains(&pk) {
                ids.push(pk);
            }
        }
        let value = key.value.clone();
        return update_key(orm, key, value, &[], Some(ids)).await;
    }
    let block = orm.atomic(false).await?;
    let outcome = save_each(orm, key, objects).await;
    orm.finish(block, outcome).await
}

/// add(bulk=False): each object checked, made to refer to the instance, and saved.
async fn save_each(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    objects: Vec<Object>,
) -> Result<u64, OpError> {
    let mut count = 0;
    for object in objects {
        let (name, mut instance) = check_and_update(orm, key, object)?;
        let options = SaveOptions::default();
        let outcome = super::super::save::save_with_signals(orm, &mut instance, &options).await;
        if let Some(name) = name {
            orm.state.instances.insert(name, instance);
        }
        outcome?;
        count += 1;
    }
    Ok(count)
}

/// `remove(*objs, bulk=...)`: each object must refer to the instance; then `_clear` of
/// `self.filter(pk__in=old_ids)`, the ids a Python set.
pub(super) async fn remove(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    objects: Vec<Object>,
    bulk: bool,
) -> Result<u64, OpError> {
    if objects.is_empty() {
        return Ok(0);
    }
    check_fk_val(orm, key)?;
    let mut pks = Vec::new();
    for object in objects {
        let Some(instance) = object.instance() else {
            return Err(type_error(key, vec![object]));
        };
        let shown = repr(&instance.model, &pk_of(orm, instance));
        if !is_instance_of(orm, instance, &key.target) {
            return Err(raised(
                "TypeError",
                format!("'{}' instance expected, got {shown}", key.target),
            ));
        }
        if instance.get(&key.column) != key.value {
            return Err(raised(
                "DoesNotExist",
                format!("{shown} is not related to {}.", key.shown),
            ));
        }
        pks.push(pk_of(orm, instance));
    }
    clear(orm, key, Some(IdSet::new(pks)), bulk).await
}

/// `_clear(queryset, bulk)` of the manager's objects (those of `ids` only, for remove()):
/// their key set to NULL by one UPDATE, or, not bulk, each object read and saved.
pub(super) async fn clear(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    ids: Option<IdSet>,
    bulk: bool,
) -> Result<u64, OpError> {
    let ids = ids.map(|set| set.items().into_iter().filter(|v| !v.is_null()).collect());
    if ids.as_ref().is_some_and(Vec::is_empty) {
        // `IN ()` is an EmptyResultSet: nothing is sent.
        return Ok(0);
    }
    let own = [Condition::Equals {
        table: key.table.clone(),
        column: key.column.clone(),
        value: key.value.clone(),
    }];
    if bulk {
        return update_key(orm, key, Yaml::Null, &own, ids).await;
    }
    let mut conditions = own.to_vec();
    conditions.extend(ids.map(|values| Condition::In {
        table: key.table.clone(),
        column: key.pk.clone(),
        values,
    }));
    let block = orm.atomic(false).await?;
    let outcome = async {
        let found = select_instances(orm, &key.target, &conditions, None, false).await?;
        let options = SaveOptions {
            update_fields: Some(vec![key.field.clone()]),
            ..SaveOptions::default()
        };
        let mut count = 0;
        for mut instance in found {
            instance.set(&key.column, Yaml::Null);
            super::super::save::save_with_signals(orm, &mut instance, &options).await?;
            count += 1;
        }
        Ok(count)
    }
    .await;
    orm.finish(block, outcome).await
}

/// `set(objs, bulk=..., clear=...)` on a nullable key, inside its atomic block: clear() then
/// add(), or the objects there now (a Python set) diffed with those given.
pub(super) async fn set(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    objects: Vec<Object>,
    bulk: bool,
    clear_first: bool,
) -> Result<u64, OpError> {
    if clear_first {
        let cleared = clear(orm, key, None, bulk).await?;
        return Ok(cleared + add(orm, key, objects, bulk).await?);
    }
    let own = [Condition::Equals {
        table: key.table.clone(),
        column: key.column.clone(),
        value: key.value.clone(),
    }];
    let found = select_instances(orm, &key.target, &own, None, false).await?;
    let mut old = IdSet::new(found.iter().map(|i| pk_of(orm, i)));
    let mut new_objects = Vec::new();
    for object in objects {
        // `obj in old_objs`: an object of the same model with the same primary key.
        let there = object.instance().is_some_and(|i| {
            let pk = pk_of(orm, i);
            i.model == key.target && !pk.is_null() && old.contains(&pk)
        });
        match there {
            true => old.remove(&pk_of(orm, object.instance().expect("an object"))),
            false => new_objects.push(object),
        }
    }
    let removed: Vec<Object> = old
        .items()
        .iter()
        .filter_map(|pk| found.iter().find(|i| pk_of(orm, i) == *pk).cloned())
        .map(Object::Unbound)
        .collect();
    let count = remove(orm, key, removed, bulk).await?;
    Ok(count + add(orm, key, new_objects, bulk).await?)
}

/// `QuerySet.update(<key>=value)` of the manager's objects filtered by `conditions` and, if
/// given, `pk__in=ids` (nothing is sent for no ids).
async fn update_key(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    value: Yaml,
    conditions: &[Condition],
    ids: Option<Vec<Yaml>>,
) -> Result<u64, OpError> {
    let mut conditions = conditions.to_vec();
    if let Some(values) = ids {
        if values.is_empty() {
            return Ok(0);
        }
        conditions.push(Condition::In {
            table: key.table.clone(),
            column: key.pk.clone(),
            values,
        });
    }
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let field = registry
        .field_of(&key.target, &key.field)
        .map_err(OpError::Spec)?;
    let value = match value.is_null() {
        true => value,
        false => orm.prep(&key.target, field, &value),
    };
    let sets = [(key.column.clone(), SetValue::Value(value))];
    let query = compiler::update_exprs(&key.table, &sets, &conditions);
    Ok(orm.exec(&query).await?.rows.unwrap_or(0))
}
