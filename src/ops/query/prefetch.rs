//! `prefetch_related(...)`: one extra query per relation for all the objects, as Django's
//! `prefetch_related_objects` sends it: a forward key by the set of its values (in the tuple
//! form `("t"."id") IN (($1), ($2))`), a reverse key and a many-to-many by the objects'
//! primary keys (the latter with the join table's column selected first, under
//! `_prefetch_related_val_<column>`).

use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::access::{manager, manager_query, Manager};
use super::{execute, objects_of, Loaded};
use crate::orm::idset::IdSet;
use crate::orm::{OpError, Orm};
use crate::query::lookup::Lookup;
use crate::query::tree::{Child, Connector, Expr, Leaf, Rhs};
use crate::query::Query;
use crate::sql::compiler::quote;

pub(super) async fn prefetch(
    orm: &Orm<'_>,
    model: &str,
    objects: &mut [Loaded],
    name: &str,
) -> Result<(), OpError> {
    if objects.is_empty() {
        return Ok(());
    }
    if name.contains("__") {
        return Err(OpError::Spec(format!(
            "prefetch_related(`{name}`): nested prefetches are not supported yet"
        )));
    }
    let registry = Arc::clone(&orm.state.registry);
    let own = registry.model(model).clone();
    if let Ok(field) = registry.field_of(model, name) {
        if field.is_relation && field.name == name {
            let field = field.clone();
            return prefetch_forward(orm, objects, name, &field).await;
        }
    }
    let Some(manager) = manager(&registry, &own, name) else {
        return Err(OpError::Spec(format!(
            "prefetch_related: model `{model}` has no relation `{name}`"
        )));
    };
    let pks: Vec<Yaml> = distinct(objects.iter().map(|o| o.instance.get(&own.pk)));
    let query = manager_query(&registry, &manager, |query, alias_sql, column| {
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
    for row in &result.rows {
        let loaded = objects_of(orm, &segments, row);
        groups.push((key_of(row, &loaded), loaded));
    }
    for object in objects.iter_mut() {
        let pk = object.instance.get(&own.pk);
        let items = groups
            .iter()
            .filter(|(key, _)| *key == pk)
            .map(|(_, l)| l.clone())
            .collect();
        object.many.insert(name.to_string(), items);
    }
    Ok(())
}

/// A forward key: the related objects by the set of the key's values.
async fn prefetch_forward(
    orm: &Orm<'_>,
    objects: &mut [Loaded],
    name: &str,
    field: &crate::orm::Field,
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
    let mut query = Query::new(Arc::clone(&registry), &target, 'T');
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
            .map(|row| objects_of(orm, &segments, row))
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
