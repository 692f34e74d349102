//! `bulk_create` and `bulk_update`: QuerySet.bulk_create() and QuerySet.bulk_update() as
//! Django 5.2 runs them on PostgreSQL: batches inside one `atomic(savepoint=False)` block, no
//! signals, UNNEST or VALUES inserts, and `CASE WHEN` updates cast to the field's type.

use std::sync::Arc;

use serde_yaml::{Mapping, Value as Yaml};

use crate::log::Raised;
use crate::orm::{assigned, value_to_yaml, Field, Instance, Model, OpError, Orm, Registry};
use crate::spec::{BulkCreateOp, BulkUpdateOp};
use crate::sql::bulk::{
    case_update, distinct, insert_batch, needs_unification_cast, select_pks, CaseSet, WhenStyle,
};
use crate::sql::compiler::{InsertColumn, OnConflict, SetValue};

fn value_error(message: &str) -> OpError {
    OpError::Raised(Raised::new("ValueError", message))
}

/// Model.objects.bulk_create(objs, ...): `Model(**row)` per row (defaults applied, no
/// signals), the objects with a primary key first, each group in batches.
pub(super) async fn bulk_create(
    orm: &mut Orm<'_>,
    op: &BulkCreateOp,
) -> Result<Option<u64>, OpError> {
    let registry = Arc::clone(&orm.state.registry);
    let model = registry.model(&op.model);
    // The objects are built by the caller, before bulk_create() looks at anything.
    let mut objs = Vec::with_capacity(op.rows.len());
    for row in &op.rows {
        let mut instance = Instance::new(&op.model);
        assign(orm, &registry, &mut instance, row)?;
        orm.apply_defaults(&mut instance);
        objs.push(instance);
    }
    if op.batch_size == Some(0) {
        return Err(value_error("Batch size must be a positive integer."));
    }
    // Django checks this before looking at the objects, so even an empty list raises.
    if model.parent.is_some() {
        return Err(value_error(
            "Can't bulk create a multi-table inherited model",
        ));
    }
    if op.rows.is_empty() {
        return Ok(Some(0));
    }
    let on_conflict = conflict_clause(model, op)?;
    // The INSERT compiler's pre_save(add=True): auto_now and auto_now_add fields get "now".
    for obj in &mut objs {
        orm.pre_save(model, obj, true);
    }
    // An expression that reads a column is refused as the first batch is compiled, before
    // any statement: psycopg has not even sent the atomic block's BEGIN.
    for obj in &objs {
        for field in &model.fields {
            cell(orm, &registry, model, field, obj)?;
        }
    }
    let (with_pk, without_pk): (Vec<Instance>, Vec<Instance>) =
        objs.into_iter().partition(|o| !o.get(&model.pk).is_null());
    let block = orm.atomic(false).await?;
    let outcome = async {
        let mut rows = 0;
        for (group, with_pk) in [(&with_pk, true), (&without_pk, false)] {
            if !group.is_empty() {
                rows += insert_group(orm, model, group, with_pk, op, &on_conflict).await?;
            }
        }
        Ok(rows)
    }
    .await;
    orm.finish(block, outcome).await.map(Some)
}

/// `_check_bulk_create_options` beyond what the loader checks: field names become columns
/// (`pk` allowed in unique_fields), and the primary key cannot be updated on conflict.
fn conflict_clause(model: &Model, op: &BulkCreateOp) -> Result<OnConflict, OpError> {
    if op.ignore_conflicts && op.update_conflicts {
        return Err(value_error(
            "ignore_conflicts and update_conflicts are mutually exclusive.",
        ));
    }
    if op.ignore_conflicts {
        return Ok(OnConflict::Ignore);
    }
    if !op.update_conflicts {
        return Ok(OnConflict::None);
    }
    if op.update_fields.is_empty() {
        return Err(value_error(
            "Fields that will be updated when a row insertion fails on conflicts must be provided.",
        ));
    }
    if op.unique_fields.is_empty() {
        return Err(value_error(
            "Unique fields that can trigger the upsert must be provided.",
        ));
    }
    // `pk` is allowed in unique_fields; every name is a field's (its column goes in the SQL).
    let columns = |names: &[String]| -> Result<Vec<String>, OpError> {
        names
            .iter()
            .map(|n| model.field(n).map(|f| f.column.clone()))
            .collect::<Result<_, _>>()
            .map_err(OpError::Spec)
    };
    let update = columns(&op.update_fields)?;
    if update.contains(&model.pk) {
        return Err(value_error(
            "bulk_create() cannot be used with primary keys in update_fields.",
        ));
    }
    Ok(OnConflict::Update {
        unique: columns(&op.unique_fields)?,
        update,
    })
}

/// Sets a row's values on an instance, `{ref: name}` resolved to the named instance's pk.
fn assign(
    orm: &Orm<'_>,
    registry: &Registry,
    instance: &mut Instance,
    row: &Mapping,
) -> Result<(), OpError> {
    for (key, value) in row {
        let name = key.as_str().unwrap_or_default();
        let field = registry
            .field_of(&instance.model, name)
            .map_err(OpError::Spec)?;
        instance.set(&field.column, orm.resolve(value)?);
    }
    Ok(())
}

/// `_batched_insert` for one group: every concrete column (the auto primary key only for
/// objects that have one), batch by batch; returns the rows inserted.
async fn insert_group(
    orm: &Orm<'_>,
    model: &Model,
    objs: &[Instance],
    with_pk: bool,
    op: &BulkCreateOp,
    on_conflict: &OnConflict,
) -> Result<u64, OpError> {
    let is_auto_pk = |f: &Field| f.column == model.pk && f.generated;
    let mut fields: Vec<&Field> = model
        .fields
        .iter()
        .filter(|f| with_pk || !is_auto_pk(f))
        .collect();
    // A model with nothing but its auto primary key inserts `("id") VALUES (DEFAULT)`.
    let only_defaults = fields.is_empty();
    if only_defaults {
        fields.push(model.pk_field());
    }
    let columns: Vec<InsertColumn> = fields.iter().map(|f| f.insert_column()).collect();
    // RETURNING Model._meta.db_returning_fields (the auto pk and database defaults), except
    // with ignore_conflicts, where rows may not come back.
    let returning: Vec<String> = match on_conflict {
        OnConflict::Ignore => Vec::new(),
        _ => model
            .fields
            .iter()
            .filter(|f| is_auto_pk(f) || is_db_default(f))
            .map(|f| f.column.clone())
            .collect(),
    };
    let size = op.batch_size.unwrap_or(objs.len()).max(1);
    let mut inserted = 0;
    let registry = Arc::clone(&orm.state.registry);
    for batch in objs.chunks(size) {
        let mut rows: Vec<Vec<Option<SetValue>>> = Vec::with_capacity(batch.len());
        for obj in batch {
            let mut row = Vec::with_capacity(fields.len());
            for field in &fields {
                row.push(match only_defaults {
                    true => None,
                    false => cell(orm, &registry, model, field, obj)?,
                });
            }
            rows.push(row);
        }
        let query = insert_batch(&model.table, &columns, &rows, on_conflict, &returning);
        inserted += orm.exec(&query).await?.rows.unwrap_or(0);
    }
    Ok(inserted)
}

/// What an INSERT writes for one field of an object: its value or expression, or None
/// for DEFAULT (a field the object leaves to the database).
fn cell(
    orm: &Orm<'_>,
    registry: &Arc<Registry>,
    model: &Model,
    field: &Field,
    obj: &Instance,
) -> Result<Option<SetValue>, OpError> {
    let Some(value) = obj.values.get(&field.column) else {
        return Ok(None);
    };
    assigned::set_value(registry, model, field, value, true, |v| {
        orm.prep(&model.name, field, v)
    })
    .map(Some)
}

/// A field the database fills in (Django's `db_default`): a column DEFAULT that the model
/// does not replace with a Python default.
fn is_db_default(field: &Field) -> bool {
    field.has_db_default && !field.generated && field.default.is_none()
}

/// Model.objects.bulk_update(objs, fields): per batch, one UPDATE with a CASE per field (for
/// a multi-table child: a SELECT of the pks, then an UPDATE per table), in one atomic block.
pub(super) async fn bulk_update(
    orm: &mut Orm<'_>,
    op: &BulkUpdateOp,
) -> Result<Option<u64>, OpError> {
    let registry = Arc::clone(&orm.state.registry);
    let model = registry.model(&op.model);
    let mut objs = Vec::with_capacity(op.rows.len());
    for row in &op.rows {
        objs.push(update_object(orm, &registry, model, row)?);
    }
    if op.batch_size == Some(0) {
        return Err(value_error("Batch size must be a positive integer."));
    }
    if op.fields.is_empty() {
        return Err(value_error("Field names must be given to bulk_update()."));
    }
    if objs.iter().any(|o| o.get(&model.pk).is_null()) {
        return Err(value_error(
            "All bulk_update() objects must have a primary key set.",
        ));
    }
    let mut fields: Vec<(&Model, &Field)> = Vec::new();
    for name in &op.fields {
        let field = registry.field_of(&op.model, name).map_err(OpError::Spec)?;
        fields.push((registry.owner_of(&op.model, &field.column), field));
    }
    // Every table's primary key counts: Restaurant's place_ptr_id and Place's id alike.
    let mut chain = vec![model];
    chain.extend(registry.ancestors(&op.model));
    if fields.iter().any(|(owner, f)| {
        chain
            .iter()
            .any(|m| m.name == owner.name && m.pk == f.column)
    }) {
        return Err(value_error(
            "bulk_update() cannot be used with primary key fields.",
        ));
    }
    if objs.is_empty() {
        return Ok(Some(0));
    }
    let size = op.batch_size.unwrap_or(objs.len()).max(1);
    let block = orm.atomic(false).await?;
    let outcome = async {
        let mut updated = 0;
        for batch in objs.chunks(size) {
            updated += update_batch(orm, model, &fields, batch).await?;
        }
        Ok(updated)
    }
    .await;
    orm.finish(block, outcome).await.map(Some)
}

/// The object a row stands for. `pk: {ref: name}` is that bound instance with the row's
/// values assigned (they stay assigned afterwards, as on the Python object); any other row
/// is `Model(pk=..., **values)`, whose other fields have their defaults.
fn update_object(
    orm: &mut Orm<'_>,
    registry: &Registry,
    model: &Model,
    row: &Mapping,
) -> Result<Instance, OpError> {
    let pk_value = row
        .get("pk")
        .or_else(|| row.get(model.pk.as_str()))
        .cloned()
        .unwrap_or(Yaml::Null);
    let bound = match &pk_value {
        Yaml::Mapping(map) => map.get("ref").and_then(Yaml::as_str).map(str::to_string),
        _ => None,
    };
    let base = bound
        .as_ref()
        .and_then(|name| orm.state.instances.get(name))
        .filter(|instance| instance.model == model.name)
        .cloned();
    let fresh = base.is_none();
    let mut instance = base.unwrap_or_else(|| Instance::new(&model.name));
    assign(orm, registry, &mut instance, row)?;
    if fresh {
        orm.apply_defaults(&mut instance);
    } else if let Some(name) = bound {
        orm.state.instances.insert(name, instance.clone());
    }
    Ok(instance)
}

/// One batch: `filter(pk__in=pks).update(field=Cast(Case(When(pk=..., then=...))), ...)`.
async fn update_batch(
    orm: &Orm<'_>,
    model: &Model,
    fields: &[(&Model, &Field)],
    batch: &[Instance],
) -> Result<u64, OpError> {
    let pks: Vec<Yaml> = batch.iter().map(|o| o.get(&model.pk)).collect();
    let in_list = distinct(&pks);
    let registry = Arc::clone(&orm.state.registry);
    let sets_of = |owner: &Model| -> Result<Vec<CaseSet>, OpError> {
        let mut sets = Vec::new();
        for (_, f) in fields.iter().filter(|(m, _)| m.name == owner.name) {
            let mut whens = Vec::with_capacity(batch.len());
            for (obj, pk) in batch.iter().zip(&pks) {
                let value = obj.get(&f.column);
                let prep = |v: &Yaml| orm.prep(&model.name, f, v);
                let set = assigned::set_value(&registry, owner, f, &value, false, prep)?;
                whens.push((pk.clone(), set));
            }
            sets.push(CaseSet {
                column: f.column.clone(),
                db_type: f.db_type.clone(),
                unify: needs_unification_cast(&f.cast_type, f.is_relation),
                whens,
            });
        }
        Ok(sets)
    };
    let own = sets_of(model)?;
    // Parent tables in the order their first field was named (Django's related_updates).
    let mut parents: Vec<&Model> = Vec::new();
    for (owner, _) in fields {
        if owner.name != model.name && !parents.iter().any(|p| p.name == owner.name) {
            parents.push(owner);
        }
    }
    if parents.is_empty() {
        let query = case_update(
            &model.table,
            &model.pk,
            &own,
            &in_list,
            WhenStyle::Parenthesized,
        );
        return Ok(orm.exec(&query).await?.rows.unwrap_or(0));
    }
    // Several tables: the pks are selected first, so that every UPDATE hits the same rows.
    let selected = orm
        .exec(&select_pks(&model.table, &model.pk, &in_list))
        .await?;
    let idents: Vec<Yaml> = selected
        .result
        .map(|r| {
            r.rows
                .iter()
                .filter_map(|row| row.first())
                .map(value_to_yaml)
                .collect()
        })
        .unwrap_or_default();
    // `pk__in=[]` matches nothing, so Django sends no UPDATE at all.
    if idents.is_empty() {
        return Ok(0);
    }
    // The count is the child's UPDATE's, else the first parent UPDATE that changed rows.
    let mut count: Option<u64> = None;
    if !own.is_empty() {
        let query = case_update(
            &model.table,
            &model.pk,
            &own,
            &idents,
            WhenStyle::Parenthesized,
        );
        count = Some(orm.exec(&query).await?.rows.unwrap_or(0));
    }
    for parent in parents {
        let query = case_update(
            &parent.table,
            &parent.pk,
            &sets_of(parent)?,
            &idents,
            WhenStyle::Bare,
        );
        let rows = orm.exec(&query).await?.rows.unwrap_or(0);
        if count.is_none() && rows > 0 {
            count = Some(rows);
        }
    }
    Ok(count.unwrap_or(0))
}
