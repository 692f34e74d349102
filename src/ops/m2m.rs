//! `m2m`: add / remove / set / clear on a many-to-many relation of an instance, as Django's
//! ManyRelatedManager sends them (`django/db/models/fields/related_descriptors.py`), each in
//! `atomic(savepoint=False)`.
//!
//! The join table is an *explicit through model* when it is the table of a model declared in
//! the spec (`EntryTag` for `app_entrytag`), else *auto-created*. add() on an auto-created one
//! is one `INSERT ... ON CONFLICT DO NOTHING` without a SELECT; on a through model it SELECTs
//! the ids already there and inserts the others with RETURNING. Ids are collected in Python
//! sets, so they are sent in CPython's set order (`orm::pyset`). remove() and clear() are a
//! `QuerySet.delete()` of join rows (the collector: fast unless the through model has delete
//! receivers or rows referring to it). The step's row count is the join rows inserted plus
//! those deleted. `m2m_changed` receivers run where Django sends the signal, and make add()
//! on an auto-created table SELECT the missing ids first, as Django does.

use serde_yaml::Value as Yaml;

mod reverse;
mod reverse_writes;
mod through;
mod write;

use crate::log::Raised;
use crate::orm::deletion::delete_queryset;
use crate::orm::idset::IdSet;
use crate::orm::{Instance, OpError, Orm};
use crate::spec::{M2mSignals, ManyToManyOp};
use crate::sql::compiler::Condition;
use write::{add_ids, remove_ids, send, set};

/// The relation as the manager sees it, for one source instance.
struct Relation {
    source: String,
    through: String,
    /// The through model: declared (`through=`), or the one Django creates.
    through_model: String,
    /// Django created the through model: add() can ignore conflicts.
    auto_created: bool,
    source_column: String,
    target_column: String,
    /// The join table's field names (`entry`, `author`), used in lookups and messages.
    source_name: String,
    target_name: String,
    target: String,
    source_value: Yaml,
    /// The source object, as `m2m_changed` receivers see it, and its name in the spec.
    instance: Instance,
    bound_as: Option<String>,
    signals: M2mSignals,
    /// A symmetrical relation to the same model: rows come in mirrored pairs.
    symmetrical: bool,
    /// The reverse manager of another model's relation (`author.entry_set`).
    reverse: bool,
}

impl Relation {
    /// The other direction of a symmetrical relation, as Django's manager adds it
    /// (`_add_items(target_field_name, source_field_name, ...)`): the columns swapped, and no
    /// signals, since Django only sends them for the direction that was called.
    fn mirror(&self) -> Relation {
        Relation {
            source_column: self.target_column.clone(),
            target_column: self.source_column.clone(),
            source_name: self.target_name.clone(),
            target_name: self.source_name.clone(),
            signals: M2mSignals::default(),
            symmetrical: false,
            reverse: self.reverse,
            instance: self.instance.clone(),
            bound_as: None,
            source: self.source.clone(),
            through: self.through.clone(),
            through_model: self.through_model.clone(),
            auto_created: self.auto_created,
            target: self.target.clone(),
            source_value: self.source_value.clone(),
        }
    }

    /// `_build_remove_filters`: the instance's rows (for `Some(ids)`, those to the ids), and
    /// for a symmetrical relation their mirrors too.
    fn remove_filter(&self, ids: Option<&[Yaml]>) -> Condition {
        let side = |source: &str, target: &str| {
            let own = equals(&self.through, source, &self.source_value);
            match ids {
                None => own,
                Some(values) => Condition::All(vec![
                    own,
                    Condition::In {
                        table: self.through.clone(),
                        column: target.to_string(),
                        values: values.to_vec(),
                    },
                ]),
            }
        };
        let forward = side(&self.source_column, &self.target_column);
        match self.symmetrical {
            true => Condition::Any(vec![
                forward,
                side(&self.target_column, &self.source_column),
            ]),
            false => forward,
        }
    }
}

/// A target as the spec gives it: an instance (by name or `{ref: name}`) or a primary key.
enum Item {
    Object(Instance),
    Pk(Yaml),
}

pub(super) async fn run(orm: &mut Orm<'_>, op: &ManyToManyOp) -> Result<Option<u64>, OpError> {
    if reverse::is_reverse_key(orm, op) {
        return reverse::run(orm, op).await;
    }
    let rel = relation(orm, op)?;
    let count = if let Some(items) = &op.add {
        let items = parse_items(orm, items)?;
        if items.is_empty() {
            return Ok(Some(0));
        }
        // The ids are checked before the atomic block sends anything.
        let ids = target_ids(orm, &rel, &items)?;
        let block = orm.atomic(false).await?;
        let outcome = add_ids(orm, &rel, ids, &op.through_defaults).await;
        orm.finish(block, outcome).await?
    } else if let Some(items) = &op.remove {
        let items = parse_items(orm, items)?;
        if items.is_empty() {
            return Ok(Some(0));
        }
        // remove() keeps values as given: raw text stays `str`, objects give their pk.
        let values = items.iter().map(|i| item_value(orm, i));
        let ids = match items.iter().any(|i| matches!(i, Item::Pk(Yaml::String(_)))) {
            true => IdSet::untyped(values),
            false => IdSet::new(values),
        };
        if ids.items().iter().all(Yaml::is_null) && !rel.signals.any() {
            // `IN (None)` is an EmptyResultSet: Django's (lazy) BEGIN is never sent.
            return Ok(Some(0));
        }
        let block = orm.atomic(false).await?;
        let outcome = remove_ids(orm, &rel, &ids).await;
        orm.finish(block, outcome).await?
    } else if let Some(items) = &op.set {
        let items = parse_items(orm, items)?;
        let block = orm.atomic(false).await?;
        let outcome = match op.clear {
            true => clear_and_add(orm, &rel, items, &op.through_defaults).await,
            false => set(orm, &rel, items, &op.through_defaults).await,
        };
        orm.finish(block, outcome).await?
    } else {
        let block = orm.atomic(false).await?;
        let outcome = clear(orm, &rel).await;
        orm.finish(block, outcome).await?
    };
    Ok(Some(count))
}

/// `clear()`: pre_clear, a queryset delete of the instance's join rows, post_clear.
async fn clear(orm: &mut Orm<'_>, rel: &Relation) -> Result<u64, OpError> {
    send(orm, rel, "pre_clear", None).await?;
    let conditions = [rel.remove_filter(None)];
    let count = delete_queryset(orm, &rel.through_model, &conditions).await?;
    send(orm, rel, "post_clear", None).await?;
    Ok(count)
}

/// The key a reverse foreign key's manager (`blog.entry_set`) fills in for create(), and the
/// value it takes from the instance.
pub(super) fn reverse_key_value(orm: &Orm<'_>, manager: &str) -> Result<(String, Yaml), OpError> {
    reverse::key_value(orm, manager)
}

/// `set(objs, clear=True)`: clear(), then add() of all the objects (checked after the clear).
async fn clear_and_add(
    orm: &mut Orm<'_>,
    rel: &Relation,
    items: Vec<Item>,
    through_defaults: &serde_yaml::Mapping,
) -> Result<u64, OpError> {
    let mut count = clear(orm, rel).await?;
    if !items.is_empty() {
        let ids = target_ids(orm, rel, &items)?;
        count += add_ids(orm, rel, ids, through_defaults).await?;
    }
    Ok(count)
}

/// The manager of `instance.<relation>`; Django refuses one for an object without a pk.
fn relation(orm: &Orm<'_>, op: &ManyToManyOp) -> Result<Relation, OpError> {
    let instance = orm
        .state
        .instances
        .get(&op.instance)
        .ok_or_else(|| OpError::Spec(format!("no instance `{}`", op.instance)))?;
    let registry = &orm.state.registry;
    let model = registry.model(&instance.model);
    // The model's own relation, else another model's relation to it, seen from its side.
    let forward = model
        .many_to_many
        .get(&op.relation)
        .map(|m2m| (m2m, m2m.to.clone(), false));
    let reverse = || {
        registry.models.values().find_map(|owner| {
            owner.many_to_many.values().find_map(|m2m| {
                let here = m2m.to == model.name
                    && m2m.related_name.as_deref() == Some(op.relation.as_str());
                here.then(|| (m2m, owner.name.clone(), true))
            })
        })
    };
    let (m2m, target, reverse) = forward.or_else(reverse).ok_or_else(|| {
        OpError::Spec(format!(
            "model `{}` has no many-to-many `{}`",
            model.name, op.relation
        ))
    })?;
    let (source_column, target_column) = match reverse {
        false => (m2m.source_column.clone(), m2m.target_column.clone()),
        true => (m2m.target_column.clone(), m2m.source_column.clone()),
    };
    let source_value = instance.get(&model.pk);
    if source_value.is_null() {
        let field = match model.parent {
            Some(_) => field_name(&model.pk),
            None => model.pk.clone(),
        };
        return Err(OpError::Raised(Raised::new(
            "ValueError",
            format!(
                "\"{}\" needs to have a value for field \"{field}\" before this many-to-many relationship can be used.",
                repr(&model.name, &source_value)
            ),
        )));
    }
    let through = registry
        .models
        .values()
        .find(|m| m.table == m2m.through)
        .ok_or_else(|| OpError::Spec(format!("no model for `{}`", m2m.through)))?;
    let name_of = |column: &str| {
        through
            .by_column(column)
            .map_or_else(|| field_name(column), |f| f.name.clone())
    };
    Ok(Relation {
        source: model.name.clone(),
        through: m2m.through.clone(),
        through_model: through.name.clone(),
        auto_created: through.auto_created.is_some(),
        instance: instance.clone(),
        bound_as: Some(op.instance.clone()),
        signals: m2m.m2m_changed.clone(),
        symmetrical: m2m.symmetrical && !reverse,
        reverse,
        source_name: name_of(&source_column),
        target_name: name_of(&target_column),
        source_column,
        target_column,
        target,
        source_value,
    })
}

/// `blog_id` -> `blog`: the field name Django gives a foreign key column.
fn field_name(column: &str) -> String {
    column.strip_suffix("_id").unwrap_or(column).to_string()
}

/// Django's default repr of a model instance: `<Author: Author object (1)>`.
fn repr(model: &str, pk: &Yaml) -> String {
    let pk = match pk {
        Yaml::Null => "None".to_string(),
        Yaml::String(s) => s.clone(),
        Yaml::Number(n) => n.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    format!("<{model}: {model} object ({pk})>")
}

/// The items of add/remove/set: instance names (or `{ref: name}`), primary keys as
/// integers, UUIDs or `{pk: value}`.
fn parse_items(orm: &Orm<'_>, items: &[Yaml]) -> Result<Vec<Item>, OpError> {
    items
        .iter()
        .map(|item| {
            let name = match item {
                Yaml::Number(n) if n.is_i64() || n.is_u64() => return Ok(Item::Pk(item.clone())),
                Yaml::String(name) => name,
                Yaml::Mapping(map) if map.len() == 1 => match (map.get("ref"), map.get("pk")) {
                    (Some(Yaml::String(name)), _) => name,
                    (_, Some(pk)) => return Ok(Item::Pk(orm.resolve(pk)?)),
                    _ => return Err(bad_item(item)),
                },
                _ => return Err(bad_item(item)),
            };
            match orm.state.instances.get(name) {
                Some(instance) => Ok(Item::Object(instance.clone())),
                None if crate::orm::pyset::Uuid::parse(name).is_some() => {
                    Ok(Item::Pk(item.clone()))
                }
                None => Err(OpError::Spec(format!(
                    "m2m: `{name}` is neither a bound instance nor a UUID (write other primary keys as {{pk: VALUE}})"
                ))),
            }
        })
        .collect()
}

fn bad_item(item: &Yaml) -> OpError {
    OpError::Spec(format!(
        "m2m items are instance names, {{ref: name}}, integer or UUID primary keys, or {{pk: VALUE}}, not {}",
        serde_yaml::to_string(item).unwrap_or_default().trim()
    ))
}

/// `isinstance(obj, target)`: an instance of the model or of a multi-table child of it.
fn is_instance_of(orm: &Orm<'_>, instance: &Instance, target: &str) -> bool {
    instance.model == target
        || orm
            .state
            .registry
            .ancestors(&instance.model)
            .iter()
            .any(|m| m.name == target)
}

fn pk_of(orm: &Orm<'_>, instance: &Instance) -> Yaml {
    instance.get(&orm.state.registry.model(&instance.model).pk)
}

/// An item's value for remove() and set(): an object's pk, else the value itself.
fn item_value(orm: &Orm<'_>, item: &Item) -> Yaml {
    match item {
        Item::Object(instance) => pk_of(orm, instance),
        Item::Pk(value) => value.clone(),
    }
}

/// `_get_target_ids`: the set of ids to add, refusing unsaved objects and other models.
fn target_ids(orm: &Orm<'_>, rel: &Relation, items: &[Item]) -> Result<IdSet, OpError> {
    let mut values = Vec::new();
    for item in items {
        match item {
            Item::Object(instance) if is_instance_of(orm, instance, &rel.target) => {
                let pk = pk_of(orm, instance);
                let who = repr(&instance.model, &pk);
                if instance.adding {
                    return Err(raised("ValueError", format!(
                        "Cannot add \"{who}\": instance is on database \"default\", value is on database \"None\""
                    )));
                }
                if pk.is_null() {
                    return Err(raised(
                        "ValueError",
                        format!(
                            "Cannot add \"{who}\": the value for field \"{}\" is None",
                            rel.target_name
                        ),
                    ));
                }
                values.push(pk);
            }
            Item::Object(instance) => {
                return Err(raised(
                    "TypeError",
                    format!(
                        "'{}' instance expected, got {}",
                        rel.target,
                        repr(&instance.model, &pk_of(orm, instance))
                    ),
                ))
            }
            Item::Pk(value) => values.push(value.clone()),
        }
    }
    Ok(IdSet::new(values))
}

fn raised(name: &str, message: String) -> OpError {
    OpError::Raised(Raised::new(name, message))
}

fn equals(table: &str, column: &str, value: &Yaml) -> Condition {
    Condition::Equals {
        table: table.to_string(),
        column: column.to_string(),
        value: value.clone(),
    }
}
