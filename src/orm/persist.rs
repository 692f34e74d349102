//! Saving and loading instances as Django's Model.save() and QuerySet.get() do: the UPDATE
//! or INSERT of each table (parents first), RETURNING, and the SELECT with LIMIT 21.

use serde_yaml::Value as Yaml;

use super::concurrency::{check_unchanged, is_concurrent, state_condition, track_state};
use super::{assigned, Instance, Model, OpError, Orm};
use crate::log::Raised;
use crate::sql::compiler::{self, Condition, InsertColumn, Join, OnConflict, Query, SetValue};

/// How `save()` was called.
#[derive(Debug, Clone, Default)]
pub struct SaveOptions {
    pub force_insert: bool,
    /// `save(force_update=True)`: the model's own table must be updated.
    pub force_update: bool,
    pub update_fields: Option<Vec<String>>,
}

/// INSERTs one table's row of an instance (after `pre_save(add=True)`: auto_now and
/// auto_now_add fields get "now"), keeping what the database returns.
async fn insert_table(
    orm: &Orm<'_>,
    model: &Model,
    instance: &mut Instance,
) -> Result<(), OpError> {
    orm.pre_save(model, instance, true);
    let pk_value = instance.get(&model.pk);
    let pk_field = model.pk_field();
    let mut columns = Vec::new();
    let mut row = Vec::new();
    let mut returning = Vec::new();
    for field in &model.fields {
        let is_auto_pk = field.column == model.pk && pk_field.generated;
        if is_auto_pk && pk_value.is_null() {
            continue;
        }
        columns.push(field.insert_column());
        match instance.values.get(&field.column) {
            Some(value) => row.push(Some(assigned::set_value(
                &orm.state.registry,
                model,
                field,
                value,
                true,
                |v| orm.prep(&model.name, field, v),
            )?)),
            None => {
                row.push(None);
                returning.push(field.column.clone());
            }
        }
    }
    // Django returns the auto primary key (and db_default fields) from the INSERT.
    let returns_pk = pk_field.generated;
    let query = insert_returning(model, &columns, row, returns_pk, &returning);
    let executed = orm.exec(&query).await?;
    if let Some(result) = executed.result {
        if let Some(values) = result.rows.first() {
            for (name, value) in result.columns.iter().zip(values) {
                let loaded = orm.state.registry.load(&model.name, name, value);
                instance.set(name, loaded);
            }
        }
    }
    Ok(())
}

fn insert_returning(
    model: &Model,
    columns: &[InsertColumn],
    row: Vec<Option<SetValue>>,
    returns_pk: bool,
    defaults: &[String],
) -> Query {
    let mut query = compiler::insert_exprs(&model.table, columns, &[row], &OnConflict::None, None);
    let mut returned: Vec<String> = Vec::new();
    if returns_pk {
        returned.push(compiler::column_ref(&model.table, &model.pk));
    }
    returned.extend(
        defaults
            .iter()
            .map(|c| compiler::column_ref(&model.table, c)),
    );
    if !returned.is_empty() {
        query
            .sql
            .push_str(&format!(" RETURNING {}", returned.join(", ")));
    }
    query
}

/// UPDATEs one table's row (its fields' `pre_save(add=False)` first: auto_now fields that
/// are saved get "now"); returns the number of rows updated.
async fn update_table(
    orm: &Orm<'_>,
    model: &Model,
    instance: &mut Instance,
    only: Option<&[String]>,
) -> Result<u64, OpError> {
    let saved: Vec<&super::Field> = model
        .fields
        .iter()
        .filter(|f| f.column != model.pk)
        .filter(|f| only.is_none_or(|cols| cols.contains(&f.column)))
        .collect();
    for field in &saved {
        if field.auto_now {
            instance.set(&field.column, orm.state.generator.now_for(field));
        }
    }
    let mut sets: Vec<(String, SetValue)> = Vec::with_capacity(saved.len());
    for f in &saved {
        let value = instance.get(&f.column);
        let prep = |v: &Yaml| orm.prep(&model.name, f, v);
        let set = assigned::set_value(&orm.state.registry, model, f, &value, false, prep)?;
        sets.push((f.column.clone(), set));
    }
    if sets.is_empty() {
        return Ok(1);
    }
    // ConcurrentTransitionMixin filters the base queryset on the loaded state before
    // Django's _do_update adds the primary key: `WHERE ("t"."state" = $n AND "t"."id" = $m)`.
    let mut conditions: Vec<Condition> =
        state_condition(orm, model, instance).into_iter().collect();
    conditions.push(Condition::Equals {
        table: model.table.clone(),
        column: model.pk.clone(),
        value: instance.get(&model.pk),
    });
    let executed = orm
        .exec(&compiler::update_exprs(&model.table, &sets, &conditions))
        .await?;
    Ok(executed.rows.unwrap_or(0))
}

/// Model.save(): parents first (multi-table inheritance, in one atomic block), then the
/// model's own table; UPDATE when the primary key is set (INSERT if that updated nothing).
pub async fn save_instance(
    orm: &mut Orm<'_>,
    instance: &mut Instance,
    options: &SaveOptions,
) -> Result<bool, OpError> {
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let chain = registry.chain(&instance.model);
    let block = if chain.len() > 1 {
        Some(orm.atomic(false).await?)
    } else {
        None
    };
    let outcome = save_chain(orm, &chain, instance, options).await;
    match block {
        Some(block) => orm.finish(block, outcome).await,
        None => outcome,
    }
}

/// `_save_parents` and `_save_table` for each table, root first. A table is INSERTed
/// straight away when the save forces it, when its parent was just inserted, or when a new
/// object's primary key has a default (`uuid4`); otherwise an UPDATE comes first.
async fn save_chain(
    orm: &mut Orm<'_>,
    chain: &[&Model],
    instance: &mut Instance,
    options: &SaveOptions,
) -> Result<bool, OpError> {
    let mut created = false;
    let mut parent_inserted = false;
    for (i, model) in chain.iter().enumerate() {
        if i > 0 {
            // The child's primary key is the link to its parent's.
            let parent = chain[i - 1];
            let parent_pk = instance.get(&parent.pk);
            if instance.get(&model.pk).is_null() {
                instance.set(&model.pk, parent_pk);
            }
        }
        let only = options.update_fields.as_ref().map(|fields| {
            fields
                .iter()
                .filter_map(|f| model.field(f).ok().map(|field| field.column.clone()))
                .collect::<Vec<_>>()
        });
        if let Some(cols) = &only {
            if cols.is_empty() {
                continue;
            }
        }
        if instance.get(&model.pk).is_null() {
            // `get_pk_value_on_save`: a key that is None (never set, or deleted) takes its
            // default again: a new uuid4, or '' for a text key; None stays for the database.
            if let Some(value) = orm.generate_default(model.pk_field()) {
                if !value.is_null() {
                    instance.set(&model.pk, value);
                }
            }
        }
        let pk_set = !instance.get(&model.pk).is_null();
        // force_update goes to the model's own table only (_save_parents does not pass it).
        let own_table = i + 1 == chain.len();
        let force_update = options.force_update && own_table;
        if !pk_set && (force_update || (own_table && options.update_fields.is_some())) {
            return Err(OpError::Raised(Raised::new(
                "ValueError",
                "Cannot force an update in save() with no primary key.",
            )));
        }
        let force_insert = options.force_insert
            || parent_inserted
            || (instance.adding && model.pk_has_default() && !force_update);
        let mut updated = false;
        if pk_set && !force_insert {
            let rows = update_table(orm, model, instance, only.as_deref()).await?;
            updated = rows > 0;
            // The mixin's _do_update checks every table of the chain, before save() looks
            // at update_fields.
            if !updated && is_concurrent(orm, instance) {
                check_unchanged(orm, model, instance).await?;
            }
            if !updated && force_update {
                return Err(OpError::Raised(Raised::new(
                    "DatabaseError",
                    "Forced update did not affect any rows.",
                )));
            }
            if !updated && options.update_fields.is_some() {
                return Err(OpError::Raised(Raised::new(
                    "DatabaseError",
                    "Save with update_fields did not affect any rows.",
                )));
            }
        }
        if !updated {
            insert_table(orm, model, instance).await?;
            created = true;
        }
        parent_inserted = !updated;
    }
    instance.adding = false;
    track_state(&orm.state.registry, instance);
    Ok(created)
}

/// The columns Django selects for a model: the root ancestor's first, then each child's.
pub fn select_columns(orm: &Orm<'_>, model: &str) -> (Vec<(String, String)>, Vec<Join>) {
    let registry = &orm.state.registry;
    let own = registry.model(model);
    let chain = registry.chain(model);
    let mut columns = Vec::new();
    for m in &chain {
        columns.extend(m.fields.iter().map(|f| (m.table.clone(), f.column.clone())));
    }
    // Each table joins its parent, from the model itself up.
    let mut joins = Vec::new();
    let mut child = own;
    for parent in registry.ancestors(model) {
        joins.push(Join {
            table: parent.table.clone(),
            on_left: (child.table.clone(), child.pk.clone()),
            on_right: (parent.table.clone(), parent.pk.clone()),
        });
        child = parent;
    }
    (columns, joins)
}

/// SELECTs instances of a model (all its fields, parents joined).
pub async fn select_instances(
    orm: &Orm<'_>,
    model: &str,
    conditions: &[Condition],
    limit: Option<u32>,
    for_update: bool,
) -> Result<Vec<Instance>, OpError> {
    let (columns, joins) = select_columns(orm, model);
    let table = orm.state.registry.model(model).table.clone();
    let query = compiler::select(&columns, &table, &joins, conditions, limit, for_update);
    let executed = orm.exec(&query).await?;
    let rows = executed.result.map(|r| r.rows).unwrap_or_default();
    Ok(instances_of(orm, model, &columns, &rows))
}

/// The instances of rows whose values are `columns` in order, as loaded from the database.
fn instances_of(
    orm: &Orm<'_>,
    model: &str,
    columns: &[(String, String)],
    rows: &[Vec<crate::db::value::Value>],
) -> Vec<Instance> {
    rows.iter()
        .map(|row| {
            let mut instance = Instance::new(model);
            for ((_, column), value) in columns.iter().zip(row) {
                instance.set(column, orm.state.registry.load(model, column, value));
            }
            instance.adding = false;
            track_state(&orm.state.registry, &mut instance);
            instance
        })
        .collect()
}

/// The objects a read-side query selects (its model's default columns), nothing sent when
/// its filter matches nothing.
pub async fn select_query(
    orm: &Orm<'_>,
    model: &str,
    query: &crate::query::Query,
) -> Result<Vec<Instance>, OpError> {
    let (builder, segments) = match query.compile() {
        Ok(compiled) => compiled,
        Err(message) if message == crate::query::EMPTY => return Ok(Vec::new()),
        Err(message) => return Err(OpError::Spec(message)),
    };
    let executed = orm.exec(&builder.finish()).await?;
    let rows = executed.result.map(|r| r.rows).unwrap_or_default();
    let columns = segments
        .first()
        .map(|s| s.columns.clone())
        .unwrap_or_default();
    Ok(instances_of(orm, model, &columns, &rows))
}

/// QuerySet.get(): exactly one row, or DoesNotExist / MultipleObjectsReturned.
pub async fn get_one(
    orm: &Orm<'_>,
    model: &str,
    conditions: &[Condition],
    for_update: bool,
) -> Result<Instance, OpError> {
    if conditions.contains(&Condition::Nothing) {
        return Err(OpError::Raised(does_not_exist(model)));
    }
    let limit = crate::query::build::MAX_GET_RESULTS as u32;
    let found = select_instances(orm, model, conditions, Some(limit), for_update).await?;
    only_one(model, found)
}

/// What get() makes of the rows it read (at most MAX_GET_RESULTS): the one object, or
/// DoesNotExist / MultipleObjectsReturned.
pub fn only_one<T>(model: &str, mut found: Vec<T>) -> Result<T, OpError> {
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(OpError::Raised(does_not_exist(model))),
        n => {
            let count = if n as u64 >= crate::query::build::MAX_GET_RESULTS {
                "more than 20".to_string()
            } else {
                n.to_string()
            };
            Err(OpError::Raised(Raised::new(
                "MultipleObjectsReturned",
                format!("get() returned more than one {model} -- it returned {count}!"),
            )))
        }
    }
}

pub fn does_not_exist(model: &str) -> Raised {
    Raised::new(
        "DoesNotExist",
        format!("{model} matching query does not exist."),
    )
}
