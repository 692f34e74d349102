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
//! those deleted.

use serde_yaml::{Mapping, Value as Yaml};

mod through;

use crate::log::Raised;
use crate::orm::deletion::delete_queryset;
use crate::orm::pyset::IdSet;
use crate::orm::{Instance, OpError, Orm};
use crate::spec::ManyToManyOp;
use crate::sql::compiler::{self, Builder, Condition, InsertColumn, OnConflict};

/// The relation as the manager sees it, for one source instance.
struct Relation {
    source: String,
    through: String,
    /// The explicit through model, if the join table is a model's.
    through_model: Option<String>,
    source_column: String,
    target_column: String,
    /// The join table's field names (`entry`, `author`), used in lookups and messages.
    source_name: String,
    target_name: String,
    target: String,
    source_value: Yaml,
}

/// A target as the spec gives it: an instance (by name or `{ref: name}`) or a primary key.
enum Item {
    Object(Instance),
    Pk(Yaml),
}

pub(super) async fn run(orm: &mut Orm<'_>, op: &ManyToManyOp) -> Result<Option<u64>, OpError> {
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
        let ids = IdSet::new(items.iter().map(|i| item_value(orm, i)));
        if ids.items().iter().all(Yaml::is_null) {
            // `IN (None)` is an EmptyResultSet: Django's (lazy) BEGIN is never sent.
            return Ok(Some(0));
        }
        let block = orm.atomic(false).await?;
        let outcome = remove_ids(orm, &rel, &ids).await;
        orm.finish(block, outcome).await?
    } else if let Some(items) = &op.set {
        let items = parse_items(orm, items)?;
        let block = orm.atomic(false).await?;
        let outcome = set(orm, &rel, items, &op.through_defaults).await;
        orm.finish(block, outcome).await?
    } else {
        let block = orm.atomic(false).await?;
        let conditions = [equals(&rel.through, &rel.source_column, &rel.source_value)];
        let outcome =
            delete_queryset(orm, rel.through_model.as_deref(), &rel.through, &conditions).await;
        orm.finish(block, outcome).await?
    };
    Ok(Some(count))
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
    let m2m = model.many_to_many.get(&op.relation).ok_or_else(|| {
        OpError::Spec(format!(
            "model `{}` has no many-to-many `{}`",
            model.name, op.relation
        ))
    })?;
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
    let through_model = registry
        .models
        .values()
        .find(|m| m.table == m2m.through)
        .map(|m| m.name.clone());
    Ok(Relation {
        source: model.name.clone(),
        through: m2m.through.clone(),
        through_model,
        source_name: field_name(&m2m.source_column),
        target_name: field_name(&m2m.target_column),
        source_column: m2m.source_column.clone(),
        target_column: m2m.target_column.clone(),
        target: m2m.to.clone(),
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

fn parse_items(orm: &Orm<'_>, items: &[Yaml]) -> Result<Vec<Item>, OpError> {
    items
        .iter()
        .map(|item| {
            let name = match item {
                Yaml::Number(n) if n.is_i64() || n.is_u64() => return Ok(Item::Pk(item.clone())),
                Yaml::String(name) => name,
                Yaml::Mapping(map) => match map.get("ref") {
                    Some(Yaml::String(name)) if map.len() == 1 => name,
                    _ => return Err(bad_item(item)),
                },
                _ => return Err(bad_item(item)),
            };
            let instance = orm
                .state
                .instances
                .get(name)
                .ok_or_else(|| OpError::Spec(format!("m2m: no instance `{name}`")))?;
            Ok(Item::Object(instance.clone()))
        })
        .collect()
}

fn bad_item(item: &Yaml) -> OpError {
    OpError::Spec(format!(
        "m2m items are instance names, integer primary keys or {{ref: name}}, not {}",
        serde_yaml::to_string(item).unwrap_or_default().trim()
    ))
}

/// Whether an instance is one of the target model (or of a multi-table child of it).
fn is_target(orm: &Orm<'_>, rel: &Relation, instance: &Instance) -> bool {
    instance.model == rel.target
        || orm
            .state
            .registry
            .ancestors(&instance.model)
            .iter()
            .any(|m| m.name == rel.target)
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
            Item::Object(instance) if is_target(orm, rel, instance) => {
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

/// `_add_items` inside the manager's atomic block.
async fn add_ids(
    orm: &mut Orm<'_>,
    rel: &Relation,
    ids: IdSet,
    through_defaults: &Mapping,
) -> Result<u64, OpError> {
    let Some(model) = rel.through_model.clone() else {
        // Auto-created: bulk_create(ignore_conflicts=True), no SELECT, no RETURNING. The
        // columns are cast as the primary keys they reference (`bigint[]` for BigAutoField).
        let registry = &orm.state.registry;
        let cast = |model: &str| registry.model(model).pk_field().cast_type.clone();
        let columns = [
            InsertColumn {
                name: rel.source_column.clone(),
                cast_type: cast(&rel.source),
            },
            InsertColumn {
                name: rel.target_column.clone(),
                cast_type: cast(&rel.target),
            },
        ];
        let rows: Vec<Vec<Yaml>> = ids
            .items()
            .into_iter()
            .map(|id| vec![rel.source_value.clone(), id])
            .collect();
        let query = if rows.len() == 1 {
            let row: Vec<Option<Yaml>> = rows[0].iter().cloned().map(Some).collect();
            compiler::insert_values(&rel.through, &columns, &[row], &OnConflict::Ignore, None)
        } else {
            compiler::insert_unnest(&rel.through, &columns, &rows, &OnConflict::Ignore, None)
        };
        return Ok(orm.exec(&query).await?.rows.unwrap_or(0));
    };
    // A through model: the ids already there, then a plain bulk_create of the others.
    let existing = through::existing_ids(orm, rel, &ids).await?;
    let missing = ids.difference(existing);
    if missing.is_empty() {
        return Ok(0);
    }
    through::insert_rows(orm, rel, &model, missing.items(), through_defaults).await
}

/// `_remove_items` inside the manager's atomic block: a queryset delete of the join rows.
async fn remove_ids(orm: &mut Orm<'_>, rel: &Relation, ids: &IdSet) -> Result<u64, OpError> {
    let values: Vec<Yaml> = ids.items().into_iter().filter(|v| !v.is_null()).collect();
    if values.is_empty() {
        // Django's `IN ()` is an EmptyResultSet: nothing is sent.
        return Ok(0);
    }
    let conditions = [
        equals(&rel.through, &rel.source_column, &rel.source_value),
        Condition::In {
            table: rel.through.clone(),
            column: rel.target_column.clone(),
            values,
        },
    ];
    delete_queryset(orm, rel.through_model.as_deref(), &rel.through, &conditions).await
}

/// `set(objs)`: the current target ids, then remove() of those not wanted and add() of the
/// new ones, each skipped when empty.
async fn set(
    orm: &mut Orm<'_>,
    rel: &Relation,
    items: Vec<Item>,
    through_defaults: &Mapping,
) -> Result<u64, OpError> {
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let target = registry.model(&rel.target);
    let mut b = Builder::new();
    b.push(&format!(
        "SELECT {} AS {} FROM {} INNER JOIN {} ON ({} = {})",
        compiler::column_ref(&target.table, &target.pk),
        compiler::quote(&target.pk),
        compiler::quote(&target.table),
        compiler::quote(&rel.through),
        compiler::column_ref(&target.table, &target.pk),
        compiler::column_ref(&rel.through, &rel.target_column),
    ));
    compiler::push_where(
        &mut b,
        &[equals(&rel.through, &rel.source_column, &rel.source_value)],
    );
    let mut old = IdSet::new(orm.first_column(&b.finish()).await?);
    let mut new_items = Vec::new();
    for item in items {
        let value = match &item {
            Item::Object(instance) if is_target(orm, rel, instance) => pk_of(orm, instance),
            Item::Object(instance) => {
                // get_prep_value() of the target's primary key on a foreign object.
                return Err(raised(
                    "TypeError",
                    format!(
                        "Field '{}' expected a number but got {}.",
                        target.pk,
                        repr(&instance.model, &pk_of(orm, instance))
                    ),
                ));
            }
            Item::Pk(value) => value.clone(),
        };
        if old.contains(&value) {
            old.remove(&value);
        } else {
            new_items.push(item);
        }
    }
    let mut count = 0;
    if !old.is_empty() {
        let again = IdSet::new(old.items());
        count += remove_ids(orm, rel, &again).await?;
    }
    if !new_items.is_empty() {
        let ids = target_ids(orm, rel, &new_items)?;
        count += add_ids(orm, rel, ids, through_defaults).await?;
    }
    Ok(count)
}
