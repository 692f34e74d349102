//! The writes of the many-to-many manager: `_add_items`, `_remove_items`, `set()`, and the
//! `m2m_changed` signal they send.

use serde_yaml::{Mapping, Value as Yaml};

use super::{equals, is_instance_of, pk_of, raised, repr, target_ids, through, Item, Relation};
use crate::orm::deletion::delete_queryset;
use crate::orm::idset::IdSet;
use crate::orm::{run_signal, OpError, Orm};
use crate::sql::compiler::{self, Builder, InsertColumn, OnConflict};

/// `m2m_changed.send(sender=through, action=..., pk_set=...)`: runs the relation's receiver
/// for the action, if any, on the source instance (which keeps what a receiver sets).
pub(super) async fn send(
    orm: &mut Orm<'_>,
    rel: &Relation,
    action: &str,
    pk_set: Option<&IdSet>,
) -> Result<(), OpError> {
    let Some(receiver) = rel.signals.get(action) else {
        return Ok(());
    };
    let ids = pk_set.map(IdSet::items).unwrap_or_default();
    let extra = [
        ("action", Yaml::String(action.to_string())),
        ("pk_set", Yaml::Sequence(ids)),
        ("reverse", Yaml::Bool(rel.reverse)),
        ("sender", Yaml::String(rel.through_model.clone())),
        ("target_model", Yaml::String(rel.target.clone())),
    ];
    let mut instance = rel.instance.clone();
    run_signal(orm, receiver, &mut instance, &extra).await?;
    if let Some(name) = &rel.bound_as {
        orm.state.instances.insert(name.clone(), instance);
    }
    Ok(())
}

/// `add()` inside the manager's atomic block: `_add_items`, then for a symmetrical relation
/// the same for the mirror rows (which Django adds even when they are there).
pub(super) async fn add_ids(
    orm: &mut Orm<'_>,
    rel: &Relation,
    ids: IdSet,
    through_defaults: &Mapping,
) -> Result<u64, OpError> {
    let mut count = add_items(orm, rel, ids.clone(), through_defaults).await?;
    if rel.symmetrical {
        count += add_items(orm, &rel.mirror(), ids, through_defaults).await?;
    }
    Ok(count)
}

/// `_add_items`: on an auto-created table without receivers, one INSERT that ignores
/// conflicts; otherwise the ids already there are SELECTed, and the others inserted between
/// pre_add and post_add.
async fn add_items(
    orm: &mut Orm<'_>,
    rel: &Relation,
    ids: IdSet,
    through_defaults: &Mapping,
) -> Result<u64, OpError> {
    if rel.auto_created && !rel.signals.any() {
        return insert_auto(orm, rel, &ids).await;
    }
    let existing = through::existing_ids(orm, rel, &ids).await?;
    let missing = ids.difference(existing);
    send(orm, rel, "pre_add", Some(&missing)).await?;
    let count = match (missing.is_empty(), rel.auto_created) {
        (true, _) => 0,
        (false, true) => insert_auto(orm, rel, &missing).await?,
        (false, false) => {
            let model = rel.through_model.clone();
            through::insert_rows(orm, rel, &model, missing.items(), through_defaults).await?
        }
    };
    send(orm, rel, "post_add", Some(&missing)).await?;
    Ok(count)
}

/// bulk_create(ignore_conflicts=True) into an auto-created table: no RETURNING. The
/// columns are cast as the primary keys they reference (`bigint[]` for BigAutoField).
async fn insert_auto(orm: &mut Orm<'_>, rel: &Relation, ids: &IdSet) -> Result<u64, OpError> {
    // The columns in the through model's field order (a mirror row of a symmetrical relation
    // has its ids the other way round), cast as the foreign keys are typed.
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let through = registry.model(&rel.through_model);
    let fields: Vec<_> = through
        .fields
        .iter()
        .filter(|f| f.column == rel.source_column || f.column == rel.target_column)
        .collect();
    let columns: Vec<InsertColumn> = fields.iter().map(|f| f.insert_column()).collect();
    let rows: Vec<Vec<Yaml>> = ids
        .items()
        .into_iter()
        .map(|id| {
            fields
                .iter()
                .map(|f| match f.column == rel.source_column {
                    true => rel.source_value.clone(),
                    false => id.clone(),
                })
                .collect()
        })
        .collect();
    let query = if rows.len() == 1 {
        let row: Vec<Option<Yaml>> = rows[0].iter().cloned().map(Some).collect();
        compiler::insert_values(&rel.through, &columns, &[row], &OnConflict::Ignore, None)
    } else {
        compiler::insert_unnest(&rel.through, &columns, &rows, &OnConflict::Ignore, None)
    };
    Ok(orm.exec(&query).await?.rows.unwrap_or(0))
}

/// `_remove_items` inside the manager's atomic block: pre_remove, a queryset delete of the
/// join rows, post_remove.
pub(super) async fn remove_ids(
    orm: &mut Orm<'_>,
    rel: &Relation,
    ids: &IdSet,
) -> Result<u64, OpError> {
    send(orm, rel, "pre_remove", Some(ids)).await?;
    let values: Vec<Yaml> = ids.items().into_iter().filter(|v| !v.is_null()).collect();
    // Django's `IN ()` is an EmptyResultSet: no DELETE is sent.
    let mut count = 0;
    if !values.is_empty() {
        let conditions = [rel.remove_filter(Some(&values))];
        count = delete_queryset(orm, &rel.through_model, &conditions).await?;
    }
    send(orm, rel, "post_remove", Some(ids)).await?;
    Ok(count)
}

/// `set(objs)`: the current target ids, then remove() of those not wanted and add() of the
/// new ones, each skipped when empty.
pub(super) async fn set(
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
            Item::Object(instance) if is_instance_of(orm, instance, &rel.target) => {
                pk_of(orm, instance)
            }
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
