//! The filters of the write operations (`get`, `update`, `delete`, `get_or_create`,
//! `update_or_create`), built by the read side's where tree so that a lookup means the same
//! in a read and a write: `rating__gte`, `name__in`, `or:`/`not:` groups, `{F: ...}`, with
//! `{ref: instance}` values. Filters on the model's own table and its multi-table parents
//! are written as conditions on those tables. A filter across a relation is Django's `pk__in`
//! subquery in update() and a fast delete(); get(), get_or_create() and update_or_create()
//! send the read side's joined SELECT instead (`ops::query::get_joined`).

use std::sync::Arc;

use serde_yaml::{Mapping, Value as Yaml};

use super::Registry;
use crate::query::tree::Pruned;
use crate::query::Query;
use crate::spec::Q;
use crate::sql::compiler::{Builder, Condition};

/// The WHERE conditions of `filter(**kwargs)` (sorted by key, as `Q(**kwargs)` sorts its
/// keyword arguments), `resolve` applied to every value first. `Condition::Nothing` when the
/// filter can match no row (`in: []`), where Django sends nothing at all.
pub fn conditions(
    registry: &Arc<Registry>,
    model: &str,
    filter: &Mapping,
    resolve: impl Fn(&Yaml) -> Result<Yaml, String>,
) -> Result<Vec<Condition>, String> {
    where_of(registry, model, None, filter, resolve, Across::Refuse)
}

/// `conditions` after an earlier `filter()` call (a related manager's filter on its object).
pub fn conditions_after(
    registry: &Arc<Registry>,
    model: &str,
    before: Option<&Q>,
    filter: &Mapping,
    resolve: impl Fn(&Yaml) -> Result<Yaml, String>,
) -> Result<Vec<Condition>, String> {
    where_of(registry, model, before, filter, resolve, Across::Refuse)
}

/// The conditions of QuerySet.update(): a filter across relations is Django's
/// `WHERE "t"."id" IN (SELECT U0."id" FROM "t" U0 INNER JOIN ... WHERE ...)`.
pub fn update_conditions(
    registry: &Arc<Registry>,
    model: &str,
    filter: &Mapping,
    resolve: impl Fn(&Yaml) -> Result<Yaml, String>,
) -> Result<Vec<Condition>, String> {
    where_of(registry, model, None, filter, resolve, Across::Subquery)
}

/// Whether a filter needs joins to other models' tables (not only to parents').
pub fn crosses_relations(registry: &Arc<Registry>, model: &str, filter: &Mapping) -> bool {
    let Ok(q) = Q::from_mapping(filter) else {
        return false;
    };
    let mut query = Query::new(Arc::clone(registry), model, 'T');
    query.add_filter(q, false).is_ok() && joins_other_models(registry, model, &query)
}

/// The tables a query joins besides its own: those of its parents, or none of the others.
fn joins_other_models(registry: &Registry, model: &str, query: &Query) -> bool {
    let ancestors: Vec<&str> = registry
        .ancestors(model)
        .iter()
        .map(|m| m.table.as_str())
        .collect();
    query
        .aliases
        .list
        .iter()
        .skip(1)
        .filter(|a| a.refs > 0)
        .any(|a| a.generated || !ancestors.contains(&a.table.as_str()))
}

/// The filter with `{ref: ...}` values resolved, for a Query of its own.
pub fn resolved_q(
    filter: &Mapping,
    resolve: impl Fn(&Yaml) -> Result<Yaml, String>,
) -> Result<Q, String> {
    Q::from_mapping(&resolve_q(filter, &resolve)?)
}

/// What a filter across relations becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Across {
    Refuse,
    Subquery,
}

/// The primary keys the filter selects, as a subquery on `U` aliases.
fn pk_in_subquery(
    registry: &Arc<Registry>,
    model: &str,
    before: Option<&Q>,
    filter: &Mapping,
) -> Result<Vec<Condition>, String> {
    let mut inner = Query::new(Arc::clone(registry), model, 'U');
    if let Some(before) = before {
        inner.add_filter(before.clone(), false)?;
    }
    inner.add_filter(Q::from_mapping(filter)?, false)?;
    let own = registry.model(model);
    inner.columns = crate::query::select::Columns::Model(crate::query::Deferral::Only(vec![own
        .pk_field()
        .name
        .clone()]));
    match inner.compile() {
        Ok((subquery, _)) => Ok(vec![Condition::InSubquery {
            table: own.table.clone(),
            column: own.pk.clone(),
            subquery,
        }]),
        Err(message) if message == crate::query::EMPTY => Ok(vec![Condition::Nothing]),
        Err(message) => Err(message),
    }
}

fn where_of(
    registry: &Arc<Registry>,
    model: &str,
    before: Option<&Q>,
    filter: &Mapping,
    resolve: impl Fn(&Yaml) -> Result<Yaml, String>,
    across: Across,
) -> Result<Vec<Condition>, String> {
    if filter.is_empty() && before.is_none() {
        return Ok(Vec::new());
    }
    let resolved = resolve_q(filter, &resolve)?;
    let mut query = Query::new(Arc::clone(registry), model, 'T');
    if let Some(before) = before {
        query.add_filter(before.clone(), false)?;
    }
    if !resolved.is_empty() {
        query.add_filter(Q::from_mapping(&resolved)?, false)?;
    }
    if joins_other_models(registry, model, &query) {
        if across == Across::Subquery {
            return pk_in_subquery(registry, model, before, &resolved);
        }
        return Err(format!(
            "a filter across a relation (`{}`) is not supported in write operations yet; filter on the model's own fields (or its parents')",
            filter
                .keys()
                .filter_map(Yaml::as_str)
                .find(|k| k.contains("__"))
                .unwrap_or_default()
        ));
    }
    // The conditions' table: the first parent joined, else the model's own.
    let table = query
        .aliases
        .list
        .iter()
        .skip(1)
        .find(|a| a.refs > 0)
        .map_or_else(|| registry.model(model).table.clone(), |a| a.table.clone());
    match query.where_.render(&mut Builder::new()) {
        Err(Pruned::Empty) => Ok(vec![Condition::Nothing]),
        Err(Pruned::Full) => Ok(Vec::new()),
        Ok(()) => Ok(vec![Condition::Where {
            node: Box::new(query.where_),
            table,
        }]),
    }
}

/// The filter with `resolve` applied to its lookups' values, inside `or`/`and`/`not` too.
fn resolve_q(
    filter: &Mapping,
    resolve: &impl Fn(&Yaml) -> Result<Yaml, String>,
) -> Result<Mapping, String> {
    let mut out = Mapping::new();
    for (key, value) in filter {
        let value = match (key.as_str(), value) {
            (Some("or" | "and"), Yaml::Sequence(items)) => Yaml::Sequence(
                items
                    .iter()
                    .map(|item| match item {
                        Yaml::Mapping(m) => resolve_q(m, resolve).map(Yaml::Mapping),
                        other => Ok(other.clone()),
                    })
                    .collect::<Result<_, String>>()?,
            ),
            (Some("not"), Yaml::Mapping(m)) => Yaml::Mapping(resolve_q(m, resolve)?),
            _ => resolve(value)?,
        };
        out.insert(key.clone(), value);
    }
    Ok(out)
}

/// Whether a write operation's filter would be refused when the step runs (a plan-time
/// check: values are not resolved yet). Every write operation takes a filter across
/// relations now (as a subquery or a joined SELECT), so this checks names and lookups.
pub fn check(registry: &Arc<Registry>, model: &str, filter: &Mapping) -> Result<(), String> {
    // A value resolved only when the step runs (`{ref: acme}`) stands in as NULL.
    let unresolved = |v: &Yaml| match v {
        Yaml::Mapping(_) if crate::spec::Expression::from_rhs(v).is_none() => Ok(Yaml::Null),
        other => Ok(other.clone()),
    };
    update_conditions(registry, model, filter, unresolved).map(|_| ())
}
