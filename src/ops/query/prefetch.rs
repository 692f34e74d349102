//! `prefetch_related(...)`: one extra query per relation for all the objects, as Django's
//! `prefetch_related_objects` sends it: a forward key by the set of its values (in the tuple
//! form `("t"."id") IN (($1), ($2))`), a reverse key and a many-to-many by the objects'
//! primary keys (the latter with the join table's column selected first, under
//! `_prefetch_related_val_<column>`).

use std::sync::Arc;

use serde_yaml::Value as Yaml;

use std::future::Future;
use std::pin::Pin;

use super::access::{manager, manager_query_on, Manager};
use super::{execute, objects_of, Loaded};
use crate::orm::idset::IdSet;
use crate::orm::{OpError, Orm};
use crate::query::lookup::Lookup;
use crate::query::tree::{Child, Connector, Expr, Leaf, Rhs};
use crate::query::Query;
use crate::spec::{Prefetch, QueryOp};
use crate::sql::compiler::quote;

type Prefetching<'a> = Pin<Box<dyn Future<Output = Result<(), OpError>> + Send + 'a>>;

/// One `prefetch_related()` lookup on the objects of `model`: each relation of its path in
/// turn, on the objects the previous one found (a level already prefetched is not fetched
/// again), the Prefetch's queryset and `to_attr` on the last.
pub(super) async fn prefetch(
    orm: &Orm<'_>,
    model: &str,
    objects: &mut [Loaded],
    item: &Prefetch,
) -> Result<(), OpError> {
    let parts: Vec<String> = item.lookup.split("__").map(str::to_string).collect();
    prefetch_path(orm, model.to_string(), objects, parts, item).await
}

fn prefetch_path<'a>(
    orm: &'a Orm<'a>,
    model: String,
    objects: &'a mut [Loaded],
    parts: Vec<String>,
    item: &'a Prefetch,
) -> Prefetching<'a> {
    Box::pin(async move {
        let Some((name, rest)) = parts.split_first() else {
            return Ok(());
        };
        let last = rest.is_empty();
        let attr = if last { item.attr() } else { name.clone() };
        let fetched = objects
            .iter()
            .all(|o| o.many.contains_key(&attr) || o.related.contains_key(&attr));
        if !fetched {
            let queryset = if last { item.queryset.as_deref() } else { None };
            prefetch_one(orm, &model, objects, name, queryset, &attr).await?;
        }
        if last {
            return Ok(());
        }
        let target = related_model(&orm.state.registry, &model, name).ok_or_else(|| {
            OpError::Spec(format!(
                "prefetch_related: model `{model}` has no relation `{name}`"
            ))
        })?;
        // The next level runs on every object this one found, then they go back in place.
        let mut found: Vec<Loaded> = Vec::new();
        let mut counts = Vec::new();
        for object in objects.iter_mut() {
            if let Some(items) = object.many.get_mut(&attr) {
                counts.push(items.len());
                found.append(items);
            } else if let Some(Some(related)) = object.related.get_mut(&attr) {
                counts.push(1);
                found.push(std::mem::replace(
                    related.as_mut(),
                    Loaded::new(crate::orm::Instance::new("")),
                ));
            } else {
                counts.push(0);
            }
        }
        // Just fetched, the next level takes them in the order of the rows that found them
        // (a level fetched earlier, in the order of their owners, as Django does).
        let mut order: Vec<usize> = (0..found.len()).collect();
        if !fetched {
            order.sort_by_key(|&i| found[i].prefetch_row.unwrap_or(usize::MAX));
        }
        let mut slots: Vec<Option<Loaded>> = found.into_iter().map(Some).collect();
        let mut sorted: Vec<Loaded> = order.iter().filter_map(|&i| slots[i].take()).collect();
        prefetch_path(orm, target, &mut sorted, rest.to_vec(), item).await?;
        for (&i, object) in order.iter().zip(sorted) {
            slots[i] = Some(object);
        }
        let mut found = slots.into_iter().flatten();
        for (object, count) in objects.iter_mut().zip(counts) {
            if let Some(items) = object.many.get_mut(&attr) {
                items.extend(found.by_ref().take(count));
            } else if let Some(Some(related)) = object.related.get_mut(&attr) {
                if let Some(back) = found.next() {
                    **related = back;
                }
            }
        }
        Ok(())
    })
}

/// The model a relation of `model` reaches: a forward key's target, a manager's objects.
fn related_model(registry: &Arc<crate::orm::Registry>, model: &str, name: &str) -> Option<String> {
    if let Ok(field) = registry.field_of(model, name) {
        if field.is_relation && field.name == name {
            return field.related_model.clone();
        }
    }
    match manager(registry, registry.model(model), name)? {
        Manager::Reverse { model, .. } => Some(model),
        Manager::Many { target, .. } => Some(target),
    }
}

/// The queryset of a Prefetch, built on the relation's model.
fn base_query(
    orm: &Orm<'_>,
    target: &str,
    queryset: Option<&QueryOp>,
) -> Result<Option<Query>, OpError> {
    let Some(queryset) = queryset else {
        return Ok(None);
    };
    let mut op = queryset.clone();
    op.model = target.to_string();
    let built = crate::query::build(Arc::clone(&orm.state.registry), &op).map_err(OpError::Spec)?;
    Ok(Some(built.query))
}

/// One relation for all the objects, stored under `attr`.
async fn prefetch_one(
    orm: &Orm<'_>,
    model: &str,
    objects: &mut [Loaded],
    name: &str,
    queryset: Option<&QueryOp>,
    attr: &str,
) -> Result<(), OpError> {
    if objects.is_empty() {
        return Ok(());
    }
    let registry = Arc::clone(&orm.state.registry);
    let own = registry.model(model).clone();
    if let Ok(field) = registry.field_of(model, name) {
        if field.is_relation && field.name == name {
            let field = field.clone();
            let target = field.related_model.clone().unwrap_or_default();
            let base = base_query(orm, &target, queryset)?;
            return prefetch_forward(orm, objects, attr, &field, base).await;
        }
    }
    let Some(manager) = manager(&registry, &own, name) else {
        return Err(OpError::Spec(format!(
            "prefetch_related: model `{model}` has no relation `{name}`"
        )));
    };
    let pks: Vec<Yaml> = distinct(objects.iter().map(|o| o.instance.get(&own.pk)));
    let target = match &manager {
        Manager::Reverse { model, .. } => model.clone(),
        Manager::Many { target, .. } => target.clone(),
    };
    let base = base_query(orm, &target, queryset)?;
    let query = manager_query_on(&registry, &manager, base, |query, alias_sql, column| {
        query.where_.add(
            Child::Leaf(Leaf::Lookup {
                lhs: Expr::Col {
                    alias: alias_sql.clone(),
                    column: column.to_string(),
                },
                lookup: Lookup::In,
                rhs: Rhs::Values(pks),
                boolean: false,
            }),
            Connector::And,
        );
        if matches!(manager, Manager::Many { .. }) {
            query.extra.push((
                Expr::Raw(format!("({alias_sql}.{})", quote(column))),
                format!("_prefetch_related_val_{column}"),
            ));
        }
    });
    let Some((result, segments)) = execute(orm, &query).await? else {
        return Ok(());
    };
    // Which object each row belongs to: the key column (a reverse key) or the selected
    // join-table column (a many-to-many).
    let key_of = |row: &[crate::db::value::Value], loaded: &Loaded| -> Yaml {
        match &manager {
            Manager::Reverse { column, .. } => loaded.instance.get(column),
            Manager::Many { .. } => crate::orm::value_to_yaml(&row[0]),
        }
    };
    let mut groups: Vec<(Yaml, Loaded)> = Vec::new();
    for (i, row) in result.rows.iter().enumerate() {
        let mut loaded = objects_of(orm, &segments, row);
        loaded.prefetch_row = Some(i);
        groups.push((key_of(row, &loaded), loaded));
    }
    for object in objects.iter_mut() {
        let pk = object.instance.get(&own.pk);
        let items = groups
            .iter()
            .filter(|(key, _)| *key == pk)
            .map(|(_, l)| l.clone())
            .collect();
        object.many.insert(attr.to_string(), items);
    }
    Ok(())
}

/// A forward key: the related objects by the set of the key's values.
async fn prefetch_forward(
    orm: &Orm<'_>,
    objects: &mut [Loaded],
    name: &str,
    field: &crate::orm::Field,
    base: Option<Query>,
) -> Result<(), OpError> {
    let registry = Arc::clone(&orm.state.registry);
    let target = field.related_model.clone().unwrap_or_default();
    let to = registry.model(&target).clone();
    let column = field
        .related_column
        .clone()
        .unwrap_or_else(|| to.pk.clone());
    let values = IdSet::new(
        objects
            .iter()
            .map(|o| o.instance.get(&field.column))
            .filter(|v| !v.is_null()),
    )
    .items();
    let mut query = base.unwrap_or_else(|| Query::new(Arc::clone(&registry), &target, 'T'));
    let base = query.aliases.sql(query.aliases.base());
    query.where_.add(
        Child::Leaf(Leaf::TupleIn {
            lhs: Expr::Col {
                alias: base,
                column: column.clone(),
            },
            values,
        }),
        Connector::And,
    );
    let related: Vec<Loaded> = match execute(orm, &query).await? {
        Some((result, segments)) => result
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| Loaded {
                prefetch_row: Some(i),
                ..objects_of(orm, &segments, row)
            })
            .collect(),
        None => Vec::new(),
    };
    for object in objects.iter_mut() {
        let value = object.instance.get(&field.column);
        let found = related
            .iter()
            .find(|r| !value.is_null() && r.instance.get(&column) == value)
            .cloned();
        object.related.insert(name.to_string(), found.map(Box::new));
    }
    Ok(())
}

/// The values of an IN list: first occurrences, NULLs dropped.
fn distinct(values: impl Iterator<Item = Yaml>) -> Vec<Yaml> {
    let mut out: Vec<Yaml> = Vec::new();
    for value in values {
        if !value.is_null() && !out.contains(&value) {
            out.push(value);
        }
    }
    out
}
