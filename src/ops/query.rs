//! `query`: a QuerySet evaluated as Django evaluates it: one SELECT (or none: a queryset
//! never evaluated, or one whose filter matches nothing), objects built from its rows with
//! their select_related objects, then the prefetch queries, then what application code
//! touches on each object (`access`), which is where the N+1 queries come from.

pub(super) mod access;
mod iterator;
mod prefetch;

use std::collections::HashMap;
use std::sync::Arc;

use crate::log::{Raised, ResultSet};
use crate::orm::{Instance, OpError, Orm};
use crate::query::{build, Query, Segment, EMPTY};
use crate::spec::{Evaluate, QueryOp};

/// An object of the result with what Django caches on it: select_related and prefetched
/// objects, by relation path.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub instance: Instance,
    /// Forward keys: the related object (or None), by path (`blog`, `blog__owner`).
    pub related: HashMap<String, Option<Box<Loaded>>>,
    /// Managers (m2m, reverse keys): the objects, by name.
    pub many: HashMap<String, Vec<Loaded>>,
    /// Attributes that are not fields (the extra columns of a raw query).
    pub attributes: Vec<String>,
    /// Its row in the prefetch query that found it: the next level of a prefetch takes the
    /// objects in that order, as Django's `prefetch_one_level` returns them.
    pub prefetch_row: Option<usize>,
}

impl Loaded {
    pub fn new(instance: Instance) -> Loaded {
        Loaded {
            instance,
            related: HashMap::new(),
            many: HashMap::new(),
            attributes: Vec::new(),
            prefetch_row: None,
        }
    }
}

/// What the step gives its expectations: the queryset's rows.
pub(super) struct QueryOutcome {
    pub result: Option<ResultSet>,
    pub rows: Option<u64>,
}

pub(super) async fn run(orm: &mut Orm<'_>, op: &QueryOp) -> Result<QueryOutcome, OpError> {
    let managed;
    let op = match &op.manager {
        Some((instance, name)) => {
            let (manager, _) = instance_manager(orm, instance, name)?;
            managed = op.on_manager(&manager).map_err(OpError::Spec)?;
            &managed
        }
        None => op,
    };
    // select_for_update() refuses its options when it is called, before any block opens.
    let lock = op.chain.iter().rev().find_map(|call| match call {
        crate::spec::Call::SelectForUpdate(lock) => Some(lock),
        _ => None,
    });
    if lock.is_some_and(|l| l.nowait && l.skip_locked) {
        return Err(OpError::Raised(Raised::new(
            "ValueError",
            "The nowait option cannot be used with skip_locked.",
        )));
    }
    if !op.atomic {
        return evaluate(orm, op).await;
    }
    // `with transaction.atomic(): ...`: BEGIN (or a savepoint) around the evaluation.
    let block = orm.atomic(true).await?;
    let outcome = evaluate(orm, op).await;
    orm.finish(block, outcome).await
}

async fn evaluate(orm: &mut Orm<'_>, op: &QueryOp) -> Result<QueryOutcome, OpError> {
    let registry = Arc::clone(&orm.state.registry);
    let built = build(Arc::clone(&registry), op).map_err(call_error)?;
    for warning in &built.query.warnings {
        orm.conn.warn(orm.step, warning.clone());
    }
    // iterator() refuses when it is called, before the queryset compiles.
    if op.evaluate == Evaluate::Iterator {
        if let Some(raised) = iterator::refusal(orm, op, &built) {
            return Err(OpError::Raised(raised));
        }
    }
    if op.evaluate == Evaluate::None {
        return Ok(QueryOutcome {
            result: None,
            rows: None,
        });
    }
    if built.query.for_update.is_some() && !orm.conn.in_transaction() {
        return Err(OpError::Raised(Raised::new(
            "TransactionManagementError",
            "select_for_update cannot be used outside of a transaction.",
        )));
    }
    if op.evaluate == Evaluate::InBulk {
        if let Some(raised) = in_bulk_refusal(&registry, op, &built) {
            return Err(OpError::Raised(raised));
        }
        if op
            .in_bulk
            .as_ref()
            .and_then(|b| b.ids.as_ref())
            .is_some_and(Vec::is_empty)
        {
            return Ok(nothing(op));
        }
    }
    if op.evaluate == Evaluate::Explain {
        return explain(orm, op, &built.query).await;
    }
    if op.evaluate == Evaluate::Iterator {
        return iterator::iterate(orm, op, &built).await;
    }
    let Some((result, segments)) = execute(orm, &built.query).await? else {
        return Ok(nothing(op));
    };
    if built.values
        || matches!(op.evaluate, Evaluate::Count | Evaluate::Exists)
        || op.aggregate.is_some()
    {
        let rows = result.rows.len() as u64;
        return Ok(QueryOutcome {
            result: Some(result),
            rows: Some(rows),
        });
    }
    let mut objects: Vec<Loaded> = result
        .rows
        .iter()
        .map(|row| objects_of(orm, &segments, row))
        .collect();
    if matches!(
        op.evaluate,
        Evaluate::Get | Evaluate::Latest | Evaluate::Earliest
    ) {
        objects = vec![crate::orm::persist::only_one(&op.model, objects)?];
    }
    for path in &built.prefetch {
        prefetch::prefetch(orm, &op.model, &mut objects, path).await?;
    }
    if !op.access.is_empty() {
        for object in &mut objects {
            for path in &op.access {
                access::access(orm, object, path, false).await?;
            }
        }
    }
    if let (Some(name), Some(object)) = (&op.bind, objects.first()) {
        orm.state
            .instances
            .insert(name.clone(), object.instance.clone());
    }
    let rows = result.rows.len() as u64;
    Ok(QueryOutcome {
        result: Some(result),
        rows: Some(rows),
    })
}

/// A builder error: the exception a QuerySet call raises, else the spec's mistake.
fn call_error(message: String) -> OpError {
    match Raised::from_call(&message) {
        Some(raised) => OpError::Raised(raised),
        None => OpError::Spec(message),
    }
}

/// A compiler error: the FieldError Django's compiler raises when the queryset is evaluated
/// (select_for_update's `of` or select_related naming what the query does not follow),
/// else the spec's mistake.
fn compile_error(message: String) -> OpError {
    match message.strip_prefix("FieldError: ") {
        Some(text) => OpError::Raised(Raised::new("FieldError", text)),
        None => OpError::Spec(message),
    }
}

/// What in_bulk() raises before it sends anything: a sliced queryset, values(), a key that
/// is not unique.
fn in_bulk_refusal(
    registry: &crate::orm::Registry,
    op: &QueryOp,
    built: &crate::query::build::Built,
) -> Option<Raised> {
    if built.query.low > 0 || built.query.high.is_some() {
        return Some(Raised::new(
            "TypeError",
            "Cannot use 'limit' or 'offset' with in_bulk().",
        ));
    }
    if built.values {
        return Some(Raised::new(
            "TypeError",
            "in_bulk() cannot be used with values() or values_list().",
        ));
    }
    let name = op.in_bulk.as_ref().map_or("pk", |b| b.field_name.as_str());
    let unique = name == "pk"
        || registry
            .field_of(&op.model, name)
            .is_ok_and(|f| f.unique || f.column == registry.model(&op.model).pk);
    (!unique).then(|| {
        Raised::new(
            "ValueError",
            format!("in_bulk()'s field_name must be a unique field but '{name}' isn't."),
        )
    })
}

/// `qs.explain(...)`: EXPLAIN with Django's options before the queryset's SELECT, whose
/// rows (the plan) are the step's; nothing when the filter matches nothing (Django then
/// returns an empty plan without asking).
async fn explain(orm: &Orm<'_>, op: &QueryOp, query: &Query) -> Result<QueryOutcome, OpError> {
    let explain = op.explain.clone().unwrap_or_default();
    if let Some(message) = explain.refusal() {
        return Err(OpError::Raised(Raised::new("ValueError", message)));
    }
    let builder = match query.compile() {
        Ok((builder, _)) => builder,
        Err(message) if message == EMPTY => return Ok(nothing(op)),
        Err(message) => return Err(compile_error(message)),
    };
    let mut statement = builder.finish();
    statement.sql = format!("{} {}", explain.prefix(), statement.sql);
    let executed = orm.exec(&statement).await?;
    Ok(QueryOutcome {
        result: executed.result,
        rows: executed.rows,
    })
}

/// `instance.refresh_from_db(fields=...)`: `SELECT` of the fields (all of them, or the
/// primary key and those named) by the primary key with `LIMIT 21`, the values put back on
/// the instance; DoesNotExist when the row is gone.
pub(super) async fn refresh_from_db(
    orm: &mut Orm<'_>,
    op: &crate::spec::RefreshOp,
) -> Result<Option<u64>, OpError> {
    let instance = orm
        .state
        .instances
        .get(&op.instance)
        .cloned()
        .ok_or_else(|| OpError::Spec(format!("no instance `{}`", op.instance)))?;
    let registry = Arc::clone(&orm.state.registry);
    let pk = registry.model(&instance.model).pk.clone();
    let mut query = Query::new(Arc::clone(&registry), &instance.model, 'T');
    if let Some(fields) = &op.fields {
        let mut names = Vec::new();
        for name in fields {
            let field = registry
                .field_of(&instance.model, name)
                .map_err(OpError::Spec)?;
            names.push(field.name.clone());
        }
        query.columns = crate::query::select::Columns::Model(crate::query::Deferral::Only(names));
    } else {
        // An object with deferred fields refreshes the fields it has (Django's
        // get_deferred_fields()).
        let all: Vec<&crate::orm::Field> = registry
            .chain(&instance.model)
            .into_iter()
            .flat_map(|m| m.fields.iter())
            .collect();
        let loaded: Vec<String> = all
            .iter()
            .filter(|f| instance.values.contains_key(f.column.as_str()))
            .map(|f| f.name.clone())
            .collect();
        if loaded.len() < all.len() {
            query.columns =
                crate::query::select::Columns::Model(crate::query::Deferral::Only(loaded));
        }
    }
    let base = query.aliases.sql(query.aliases.base());
    access::equals(&mut query, base, &pk, instance.get(&pk));
    query.high = Some(crate::query::build::MAX_GET_RESULTS);
    let Some((result, segments)) = execute(orm, &query).await? else {
        return Err(OpError::Raised(crate::orm::persist::does_not_exist(
            &instance.model,
        )));
    };
    let Some(row) = result.rows.first() else {
        return Err(OpError::Raised(crate::orm::persist::does_not_exist(
            &instance.model,
        )));
    };
    let fresh = objects_of(orm, &segments, row);
    if let Some(bound) = orm.state.instances.get_mut(&op.instance) {
        for (key, value) in fresh.instance.values {
            bound.set(&key, value);
        }
    }
    Ok(Some(1))
}

/// `Model.objects.get(**filter)` with a filter across relations: the read side's SELECT with
/// its joins and LIMIT 21, one object or Django's exceptions.
pub(super) async fn get_joined(
    orm: &Orm<'_>,
    model: &str,
    before: Option<&crate::spec::Q>,
    sticky: bool,
    filter: &serde_yaml::Mapping,
    for_update: bool,
) -> Result<Instance, OpError> {
    let registry = Arc::clone(&orm.state.registry);
    let q = crate::orm::filter::resolved_q(filter, |v| orm.resolve(v).map_err(|e| e.to_string()))
        .map_err(OpError::Spec)?;
    let mut query = Query::new(Arc::clone(&registry), model, 'T');
    if let Some(before) = before {
        query
            .add_filter(before.clone(), false)
            .map_err(OpError::Spec)?;
        query.filter_is_sticky = sticky;
    }
    query.add_filter(q, false).map_err(OpError::Spec)?;
    query.high = Some(crate::query::build::MAX_GET_RESULTS);
    if for_update {
        query.for_update = Some(crate::spec::ForUpdate::default());
    }
    let found = crate::orm::persist::select_query(orm, model, &query).await?;
    crate::orm::persist::only_one(model, found)
}

/// A bound instance's related manager: its model, its filter on the object, and the
/// object's primary key.
pub(super) fn instance_manager(
    orm: &Orm<'_>,
    instance: &str,
    name: &str,
) -> Result<(crate::query::manager::Manager, serde_yaml::Value), OpError> {
    let object = orm
        .state
        .instances
        .get(instance)
        .ok_or_else(|| OpError::Spec(format!("no instance `{instance}`")))?;
    let registry = &orm.state.registry;
    let pk = object.get(&registry.model(&object.model).pk);
    let manager = crate::query::manager::manager_filter(registry, &object.model, name, pk.clone())
        .map_err(OpError::Spec)?;
    Ok((manager, pk))
}

/// What an evaluation gives when nothing is sent (the filter matches nothing): no rows; a
/// count of 0 and `exists` false, which Django computes without asking.
fn nothing(op: &QueryOp) -> QueryOutcome {
    let value = match op.evaluate {
        Evaluate::Count => Some(crate::db::value::Value::Int(0)),
        Evaluate::Exists => Some(crate::db::value::Value::Bool(false)),
        _ => None,
    };
    QueryOutcome {
        result: value.map(|v| ResultSet {
            columns: vec!["result".to_string()],
            rows: vec![vec![v]],
        }),
        rows: Some(0),
    }
}

/// Compiles and sends a query; `None` when Django would send nothing (EmptyResultSet).
pub(super) async fn execute(
    orm: &Orm<'_>,
    query: &Query,
) -> Result<Option<(ResultSet, Vec<Segment>)>, OpError> {
    let (builder, segments, hidden) = match query.compile_with_hidden() {
        Ok(compiled) => compiled,
        Err(message) if message == EMPTY => return Ok(None),
        Err(message) => return Err(compile_error(message)),
    };
    let executed = orm.exec(&builder.finish()).await?;
    let mut result = executed.result.unwrap_or_default();
    drop_hidden(&mut result, hidden);
    Ok(Some((result, segments)))
}

/// Leaves out of the rows the last `hidden` columns, selected only for the ordering, as
/// Django's compiler cuts its rows to the columns it selected (`col_count`).
pub(super) fn drop_hidden(result: &mut ResultSet, hidden: usize) {
    if hidden == 0 {
        return;
    }
    let keep = result.columns.len().saturating_sub(hidden);
    result.columns.truncate(keep);
    for row in &mut result.rows {
        row.truncate(keep);
    }
}

/// The objects one row holds: the base model's, and the select_related ones nested under it
/// (`category__parent` under `category`; a related object whose primary key is NULL is
/// None, and nothing is set under it).
pub(super) fn objects_of(
    orm: &Orm<'_>,
    segments: &[Segment],
    row: &[crate::db::value::Value],
) -> Loaded {
    let registry = &orm.state.registry;
    let mut loaded: Vec<(String, Option<Loaded>)> = Vec::new();
    for segment in segments {
        let mut instance = Instance::new(&segment.model);
        for (i, (_, column)) in segment.columns.iter().enumerate() {
            let value = registry.load(&segment.model, column, &row[segment.at + i]);
            instance.set(column, value);
        }
        instance.adding = false;
        let pk = &registry.model(&segment.model).pk;
        let present = !instance.get(pk).is_null();
        loaded.push((segment.path.clone(), present.then(|| Loaded::new(instance))));
    }
    let mut base = loaded
        .remove(0)
        .1
        .unwrap_or_else(|| Loaded::new(Instance::new(&segments[0].model)));
    for (path, object) in loaded {
        let parts: Vec<&str> = path.split("__").collect();
        let (last, through) = parts
            .split_last()
            .expect("a select_related path has a name");
        if let Some(owner) = nested(&mut base, through) {
            owner.related.insert(last.to_string(), object.map(Box::new));
        }
    }
    base
}

/// The select_related object at `path` under `object`, if every object on the way is there.
fn nested<'a>(object: &'a mut Loaded, path: &[&str]) -> Option<&'a mut Loaded> {
    match path.split_first() {
        None => Some(object),
        Some((name, rest)) => nested(object.related.get_mut(*name)?.as_deref_mut()?, rest),
    }
}
