//! The writes of a reverse foreign key's manager (`blog.entry_set.add(e1)`), as Django's
//! RelatedManager sends them (`create_reverse_many_to_one_manager`): add() with `bulk=True`
//! is one `UPDATE ... SET "<key>" = ... WHERE "id" IN (...)` (a `QuerySet.update()`, no
//! atomic block of its own), with `bulk=False` a save() of each object in
//! `atomic(savepoint=False)`. remove() and clear() exist only when the key is nullable: they
//! UPDATE the key to NULL (bulk), or SELECT the objects and save each with
//! `update_fields=[key]` (not bulk). set() diffs the objects it reads with those given,
//! inside `atomic(savepoint=False)`; on a non-nullable key it is add().

use serde_yaml::{Mapping, Value as Yaml};

use super::reverse_writes::{add, clear, remove, set};
use super::{is_instance_of, pk_of, raised, repr};
use crate::orm::{Instance, OpError, Orm};
use crate::spec::ManyToManyOp;

/// The manager `instance.<name>` of a foreign key to the instance's model.
pub(super) struct ReverseKey {
    /// The model of the objects the manager returns, and its table and primary key.
    pub(super) target: String,
    pub(super) table: String,
    pub(super) pk: String,
    /// The key: its field name (`blog`) and column (`blog_id`).
    pub(super) field: String,
    pub(super) column: String,
    pub(super) nullable: bool,
    /// The value the key takes: the instance's referenced field (its primary key).
    pub(super) value: Yaml,
    /// The instance, as messages show it.
    pub(super) shown: String,
}

/// An object given to add, remove or set: a bound instance (with its name), one without a
/// name (built in the step, or read by set()), or something that is not an object at all.
pub(super) enum Object {
    Bound(String, Instance),
    Unbound(Instance),
    Other(Yaml),
}

impl Object {
    pub(super) fn instance(&self) -> Option<&Instance> {
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
pub(super) fn reverse_key(orm: &Orm<'_>, bound: &str, name: &str) -> Result<ReverseKey, OpError> {
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
pub(super) fn no_such_method(key: &ReverseKey, method: &str) -> Result<(), OpError> {
    match key.nullable {
        true => Ok(()),
        false => Err(raised(
            "AttributeError",
            format!("'RelatedManager' object has no attribute '{method}'"),
        )),
    }
}

/// `_check_fk_val`: the instance must have the value the key refers to.
pub(super) fn check_fk_val(orm: &Orm<'_>, key: &ReverseKey) -> Result<(), OpError> {
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
pub(super) fn parse_objects(
    orm: &Orm<'_>,
    key: &ReverseKey,
    items: &[Yaml],
) -> Result<Vec<Object>, OpError> {
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
pub(super) fn new_object(
    orm: &Orm<'_>,
    key: &ReverseKey,
    values: &Mapping,
) -> Result<Object, OpError> {
    let mut instance = Instance::new(&key.target);
    super::super::save::assign(orm, &mut instance, values)?;
    orm.apply_defaults(&mut instance);
    Ok(Object::Unbound(instance))
}

/// `TypeError: 'Entry' instance expected, got ...` for the first object of another kind.
pub(super) fn type_error(key: &ReverseKey, objects: Vec<Object>) -> OpError {
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

pub(super) fn python_repr(value: &Yaml) -> String {
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
pub(super) fn check_and_update(
    orm: &mut Orm<'_>,
    key: &ReverseKey,
    object: Object,
) -> Result<(Option<String>, Instance), OpError> {
    let (name, mut instance) = match object {
        Object::Bound(name, instance) => (Some(name), instance),
        Object::Unbound(instance) => (None, instance),
        other => return Err(type_error(key, vec![other])),
    };
    if !is_instance_of(orm, &instance, &key.target) {
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
