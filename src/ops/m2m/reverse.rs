//! The writes of a reverse foreign key's manager (`blog.entry_set.add(e1)`), as Django's
//! RelatedManager sends them (`create_reverse_many_to_one_manager`): add() with `bulk=True`
//! is one `UPDATE ... SET "<key>" = ... WHERE "id" IN (...)` (a `QuerySet.update()`, no
//! atomic block of its own), with `bulk=False` a save() of each object in
//! `atomic(savepoint=False)`. remove() and clear() exist only when the key is nullable: they
//! UPDATE the key to NULL (bulk), or SELECT the objects and save each with
//! `update_fields=[key]` (not bulk). set() diffs the objects it reads with those given,
//! inside `atomic(savepoint=False)`; on a non-nullable key it is add().

use serde_yaml::{Mapping, Value as Yaml};

use super::{raised, repr};
use crate::orm::idset::IdSet;
use crate::orm::persist::{select_instances, SaveOptions};
use crate::orm::{Instance, OpError, Orm};
use crate::spec::ManyToManyOp;
use crate::sql::compiler::{self, Condition, SetValue};

/// The manager `instance.<name>` of a foreign key to the instance's model.
struct ReverseKey {
    /// The model of the objects the manager returns, and its table and primary key.
    target: String,
    table: String,
    pk: String,
    /// The key: its field name (`blog`) and column (`blog_id`).
    field: String,
    column: String,
    nullable: bool,
    /// The value the key takes: the instance's referenced field (its primary key).
    value: Yaml,
    /// The instance, as messages show it.
    shown: String,
}

/// An object given to add, remove or set: a bound instance (with its name), one without a
/// name (built in the step, or read by set()), or something that is not an object at all.
enum Object {
    Bound(String, Instance),
    Unbound(Instance),
    Other(Yaml),
}

impl Object {
    fn instance(&self) -> Option<&Instance> {
        match self {
            Object::Bound(_, instance) | Object::Unbound(instance) => Some(instance),
            Object::Other(_) => None,
        }
    }
}

/// Whether `instance.<relation>` is a reverse foreign key's manager.
pub(super) fn is_reverse_key(orm: &Orm<'_>, op: &ManyToManyOp) -> bool {
    orm.state
        .instances
        .get(&op.instance)
        .is_some_and(|instance| {
            orm.state
                .registry
                .reverse_key(&instance.model, &op.relation)
                .is_some()
        })
}

pub(super) async fn run(orm: &mut Orm<'_>, op: &ManyToManyOp) -> Result<Option<u64>, OpError> {
    let key = reverse_key(orm, &op.instance, &op.relation)?;
    let bulk = op.bulk.unwrap_or(true);
    let count = if let Some(items) = &op.add {
        let objects = parse_objects(orm, &key, items)?;
        check_fk_val(orm, &key)?;
        add(orm, &key, objects, bulk).await?
    } else if let Some(items) = &op.set {
        let objects = parse_objects(orm, &key, items)?;
        check_fk_val(orm, &key)?;
        if key.nullable {
            let block = orm.atomic(false).await?;
            let outcome = set(orm, &key, objects, bulk, op.clear).await;
            orm.finish(block, outcome).await?
        } else {
            add(orm, &key, objects, bulk).await?
        }
    } else if let Some(items) = &op.remove {
        no_such_method(&key, "remove")?;
        let objects = parse_objects(orm, &key, items)?;
        remove(orm, &key, objects, bulk).await?
    } else {
        no_such_method(&key, "clear")?;
        check_fk_val(orm, &key)?;
        clear(orm, &key, None, bulk).await?
    };
    Ok(Some(count))
}

/// `create()` on the manager `instance.name`: the key's column and the value it takes, after
/// `_check_fk_val`.
pub(super) fn key_value(orm: &Orm<'_>, manager: &str) -> Result<(String, Yaml), OpError> {
    let (instance, name) = manager
        .split_once('.')
        .ok_or_else(|| OpError::Spec(format!("`{manager}` is not `instance.manager`")))?;
    let key = reverse_key(orm, instance, name)?;
    check_fk_val(orm, &key)?;
    Ok((key.column, key.value))
}

/// The manager `instance.name`, read from the registry.
fn reverse_key(orm: &Orm<'_>, bound: &str, name: &str) -> Result<ReverseKey, OpError> {
    let instance = orm
        .state
        .instances
        .get(bound)
        .ok_or_else(|| OpError::Spec(format!("no instance `{bound}`")))?;
    let registry = &orm.state.registry;
    let (reference, field) = registry
        .reverse_key(&instance.model, name)
        .ok_or_else(|| OpError::Spec(format!("no reverse foreign key manager `{name}`")))?;
    let target = registry.model(&reference.model);
    if registry.owner_of(&target.name, &field.column).table != target.table {
        return Err(OpError::Spec(format!(
            "`{name}`: writes through a key on a parent of `{}` are not supported",
            target.name
        )));
    }
    let model = registry.model(&instance.model);
    Ok(ReverseKey {
        target: target.name.clone(),
        table: target.table.clone(),
        pk: target.pk.clone(),
        field: field.name.clone(),
        column: field.column.clone(),
        nullable: reference.nullable,
        value: instance.get(&reference.to_column),
        shown: repr(&model.name, &instance.get(&model.pk)),
    })
}

/// remove() and clear() are only defined when the key is nullable.
fn no_such_method(key: &ReverseKey, method: &str) -> Result<(), OpError> {
    match key.nullable {
        true => Ok(()),
        false => Err(raised(
            "AttributeError",
            format!("'RelatedManager' object has no attribute '{method}'"),
        )),
    }
}

/// `_check_fk_val`: the instance must have the value the key refers to.
fn check_fk_val(orm: &Orm<'_>, key: &ReverseKey) -> Result<(), OpError> {
    if !key.value.is_null() {
        return Ok(());
    }
    let field = orm
        .state
        .registry
        .references
        .iter()
        .find(|r| r.model == key.target && r.column == key.column)
        .map_or("id", |r| r.to_column.as_str());
    Err(raised(
        "ValueError",
        format!(
            "\"{}\" needs to have a value for field \"{field}\" before this relationship can be used.",
            key.shown
        ),
    ))
}

/// The objects of the step: instance names (or `{ref: name}`), `{new: {field: value}}` for an
/// unsaved `Model(**values)` of the manager's model, anything else as given (which add()
/// refuses).
fn parse_objects(orm: &Orm<'_>, key: &ReverseKey, items: &[Yaml]) -> Result<Vec<Object>, OpError> {
    items
        .iter()
        .map(|item| {
            let name = match item {
                Yaml::String(name) => name,
                Yaml::Mapping(map) if map.len() == 1 => match (map.get("ref"), map.get("new")) {
                    (Some(Yaml::String(name)), _) => name,
                    (_, Some(Yaml::Mapping(values))) => return new_object(orm, key, values),
                    _ => return Ok(Object::Other(item.clone())),
                },
                _ => return Ok(Object::Other(item.clone())),
            };
            match orm.state.instances.get(name) {
                Some(instance) => Ok(Object::Bound(name.clone(), instance.clone())),
                None => Err(OpError::Spec(format!(
                    "m2m: `{name}` is not a bound instance (a reverse foreign key's manager takes objects: names, {{ref: name}} or {{new: {{...}}}})"
                ))),
            }
        })
        .collect()
}

/// `Entry(**values)`: not saved, its defaults filled in as Django's `__init__` fills them.
fn new_object(orm: &Orm<'_>, key: &ReverseKey, values: &Mapping) -> Result<Object, OpError> {
    let mut instance = Instance::new(&key.target);
    super::super::save::assign(orm, &mut instance, values)?;
    orm.apply_defaults(&mut instance);
    Ok(Object::Unbound(instance))
}

/// `isinstance(obj, self.model)`: the manager's model or a multi-table child of it.
fn is_target(orm: &Orm<'_>, key: &ReverseKey, instance: &Instance) -> bool {
    instance.model == key.target
        || orm
            .state
            .registry
            .ancestors(&instance.model)
            .iter()
            .any(|m| m.name == key.target)
}

fn pk_of(orm: &Orm<'_>, instance: &Instance) -> Yaml {
    instance.get(&orm.state.registry.model(&instance.model).pk)
}

/// `TypeError: 'Entry' instance expected, got ...` for the first object of another kind.
fn type_error(key: &ReverseKey, objects: Vec<Object>) -> OpError {
    let shown = objects
        .into_iter()
        .find_map(|o| match o {
            Object::Other(value) => Some(python_repr(&value)),
            _ => None,
        })
        .unwrap_or_default();
    raised(
        "TypeError",
        format!("'{}' instance expected, got {shown}", key.target),
    )
}

fn python_repr(value: &Yaml) -> String {
    match value {
        Yaml::Null => "None".into(),
        Yaml::Bool(b) => if *b { "True" } else { "False" }.into(),
        Yaml::Number(n) => n.to_string(),
        Yaml::String(s) => format!("'{s}'"),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// `check_and_update_obj`: the object must be of the manager's model; it then refers to the
/// instance (a bound object keeps that, as the Python object does).
fn check_and_update(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    object: Object,
) -> Result<(Option<String>, Instance), OpError> {
    let (name, mut instance) = match object {
        Object::Bound(name, instance) => (Some(name), instance),
        Object::Unbound(instance) => (None, instance),
        other => return Err(type_error(key, vec![other])),
    };
    if !is_target(orm, key, &instance) {
        let shown = repr(&instance.model, &pk_of(orm, &instance));
        return Err(raised(
            "TypeError",
            format!("'{}' instance expected, got {shown}", key.target),
        ));
    }
    instance.set(&key.column, key.value.clone());
    if let Some(name) = &name {
        orm.state.instances.insert(name.clone(), instance.clone());
    }
    Ok((name, instance))
}

/// `add(*objs, bulk=...)`.
async fn add(
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
async fn remove(
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
        if !is_target(orm, key, instance) {
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
async fn clear(
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
async fn set(
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
