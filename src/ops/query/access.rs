//! What application code touches on an object, and the queries Django sends for it when the
//! object does not have it yet: a forward key not selected (`entry.blog`, one SELECT per
//! object: the N+1), a manager's `.all()` (`entry.authors.all()`, `entry.comments.all()`,
//! unless prefetched), a deferred field (`only`/`defer`, refreshed per object).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::{execute, objects_of, Loaded};
use crate::log::{Cause, CauseKind};
use crate::orm::{Model, OpError, Orm, Registry};
use crate::query::build::MAX_GET_RESULTS;
use crate::query::joins::{JoinKind, JoinOn};
use crate::query::lookup::Lookup;
use crate::query::select::Columns;
use crate::query::tree::{Child, Connector, Expr, Leaf, Rhs};
use crate::query::{Deferral, Query};

type Walking<'a> = Pin<Box<dyn Future<Output = Result<(), OpError>> + Send + 'a>>;

/// `obj.a.b`: touches each part in turn.
/// `raw`: the object came from a raw query (which changes the fix a lazy load suggests).
pub(in crate::ops) async fn access(
    orm: &Orm<'_>,
    object: &mut Loaded,
    path: &str,
    raw: bool,
) -> Result<(), OpError> {
    let parts: Vec<String> = path.split('.').map(str::to_string).collect();
    let root = object.instance.model.clone();
    let from = Route {
        root: &root,
        path: Vec::new(),
        across_many: false,
        raw,
    };
    walk(orm, object, parts, from).await
}

/// Where a walk is: the model it started from and the relations taken since, which name
/// the lazy loads it makes (for N+1 findings and their fix).
#[derive(Clone)]
struct Route<'r> {
    root: &'r str,
    path: Vec<String>,
    across_many: bool,
    raw: bool,
}

impl Route<'_> {
    fn cause(&self, kind: CauseKind, name: &str) -> Cause {
        let mut path = self.path.clone();
        path.push(name.to_string());
        Cause {
            kind,
            root: self.root.to_string(),
            path: path.join("__"),
            across_many: self.across_many || kind == CauseKind::Manager,
            raw: self.raw,
        }
    }

    /// The route past the relation `name` (`many`: a manager).
    fn then(&self, name: &str, many: bool) -> Self {
        let mut next = self.clone();
        next.path.push(name.to_string());
        next.across_many |= many;
        next
    }
}

/// Runs `load` with the session's statements marked as caused by `cause`.
async fn caused<T>(orm: &Orm<'_>, cause: Cause, load: impl Future<Output = T>) -> T {
    orm.conn.set_cause(Some(cause));
    let before = orm.conn.lazy_load_begins();
    let out = load.await;
    orm.conn.lazy_load_ends(before);
    orm.conn.set_cause(None);
    out
}

fn walk<'a>(
    orm: &'a Orm<'a>,
    object: &'a mut Loaded,
    parts: Vec<String>,
    from: Route<'a>,
) -> Walking<'a> {
    Box::pin(async move {
        let Some((name, rest)) = parts.split_first() else {
            return Ok(());
        };
        if object.attributes.contains(name) {
            return Ok(());
        }
        let registry = Arc::clone(&orm.state.registry);
        let model = registry.model(&object.instance.model).clone();
        if let Some(field) = forward_key(&registry, &model, name) {
            if !object.related.contains_key(name) {
                if !object.instance.values.contains_key(&field.column) {
                    // The key itself was deferred: the descriptor reads it first
                    // (refresh_from_db of that one field), then loads the object.
                    let cause = from.cause(CauseKind::DeferredField, name);
                    caused(orm, cause, refresh_field(orm, object, &field.column)).await?;
                }
                let cause = from.cause(CauseKind::ForwardKey, name);
                let loaded = caused(orm, cause, load_related(orm, object, &field)).await?;
                object.related.insert(name.clone(), loaded.map(Box::new));
            }
            if let Some(Some(related)) = object.related.get_mut(name) {
                walk(orm, related, rest.to_vec(), from.then(name, false)).await?;
            }
            return Ok(());
        }
        if let Ok(field) = registry.field_of(&model.name, name) {
            if !object.instance.values.contains_key(&field.column) {
                let cause = from.cause(CauseKind::DeferredField, name);
                caused(orm, cause, refresh_field(orm, object, &field.column)).await?;
            }
            return Ok(());
        }
        let to_attr = manager(&registry, &model, name).is_none() && object.many.contains_key(name);
        if to_attr {
            // A Prefetch's `to_attr`: a list, read without a query.
            let mut items = object.many.get(name).cloned().unwrap_or_default();
            for item in &mut items {
                walk(orm, item, rest.to_vec(), from.then(name, true)).await?;
            }
            return Ok(());
        }
        if let Some(manager) = manager(&registry, &model, name) {
            let mut items = match object.many.get(name) {
                Some(prefetched) => prefetched.clone(),
                None => {
                    let cause = from.cause(CauseKind::Manager, name);
                    caused(orm, cause, manager_all(orm, object, &manager)).await?
                }
            };
            for item in &mut items {
                walk(orm, item, rest.to_vec(), from.then(name, true)).await?;
            }
            return Ok(());
        }
        Err(OpError::Spec(format!(
            "access: model `{}` has no field, relation or manager `{name}`",
            model.name
        )))
    })
}

/// A forward key by its name (`blog`, not `blog_id`, which is just the value).
fn forward_key(registry: &Registry, model: &Model, name: &str) -> Option<crate::orm::Field> {
    let field = registry.field_of(&model.name, name).ok()?;
    (field.is_relation && field.name == name && field.related_model.is_some())
        .then(|| field.clone())
}

/// A manager of an object: the rows of another table that refer to it.
#[derive(Debug, Clone)]
pub(super) enum Manager {
    /// Many-to-many: the target model, and the join table's columns (to this object, to the
    /// target).
    Many {
        target: String,
        through: String,
        source_column: String,
        target_column: String,
    },
    /// A reverse foreign key: the model holding the key, and its column.
    Reverse { model: String, column: String },
}

/// `entry.authors`, `author.entry_set`, `entry.comments` (a related_name), `blog.entry_set`;
/// on a multi-table child, its parents' too (its primary key is theirs).
pub(super) fn manager(registry: &Registry, model: &Model, name: &str) -> Option<Manager> {
    std::iter::once(model)
        .chain(registry.ancestors(&model.name))
        .find_map(|m| own_manager(registry, m, name))
}

fn own_manager(registry: &Registry, model: &Model, name: &str) -> Option<Manager> {
    if let Some(m2m) = model.many_to_many.get(name) {
        return Some(Manager::Many {
            target: m2m.to.clone(),
            through: m2m.through.clone(),
            source_column: m2m.source_column.clone(),
            target_column: m2m.target_column.clone(),
        });
    }
    for owner in registry.models.values() {
        for m2m in owner.many_to_many.values() {
            if m2m.to == model.name && m2m.related_name.as_deref() == Some(name) {
                return Some(Manager::Many {
                    target: owner.name.clone(),
                    through: m2m.through.clone(),
                    source_column: m2m.target_column.clone(),
                    target_column: m2m.source_column.clone(),
                });
            }
        }
    }
    registry.references.iter().find_map(|r| {
        let (accessor, _) = registry.reverse_accessor(r)?;
        (r.to == model.name && accessor == name).then(|| Manager::Reverse {
            model: r.model.clone(),
            column: r.column.clone(),
        })
    })
}

/// `WHERE "alias"."column" = value`.
pub(super) fn equals(query: &mut Query, alias_sql: String, column: &str, value: Yaml) {
    query.where_.add(
        Child::Leaf(Leaf::Lookup {
            lhs: Expr::Col {
                alias: alias_sql,
                column: column.to_string(),
            },
            lookup: Lookup::Exact,
            rhs: Rhs::Value(value),
            boolean: false,
        }),
        Connector::And,
    );
}

/// `Model.objects.get(pk=value)` as the descriptor sends it, or None for a NULL key.
async fn load_related(
    orm: &Orm<'_>,
    object: &Loaded,
    field: &crate::orm::Field,
) -> Result<Option<Loaded>, OpError> {
    let value = object.instance.get(&field.column);
    let Some(target) = field.related_model.clone().filter(|_| !value.is_null()) else {
        return Ok(None);
    };
    let registry = Arc::clone(&orm.state.registry);
    let to = registry.model(&target);
    let column = field
        .related_column
        .clone()
        .unwrap_or_else(|| to.pk.clone());
    let mut query = Query::new(Arc::clone(&registry), &target, 'T');
    let base = query.aliases.sql(query.aliases.base());
    equals(&mut query, base, &column, value);
    query.high = Some(MAX_GET_RESULTS);
    let Some((result, segments)) = execute(orm, &query).await? else {
        return Ok(None);
    };
    Ok(result
        .rows
        .first()
        .map(|row| objects_of(orm, &segments, row)))
}

/// `manager.all()`, evaluated.
async fn manager_all(
    orm: &Orm<'_>,
    object: &Loaded,
    manager: &Manager,
) -> Result<Vec<Loaded>, OpError> {
    let registry = Arc::clone(&orm.state.registry);
    let pk = object
        .instance
        .get(&registry.model(&object.instance.model).pk);
    let query = manager_query(&registry, manager, |query, through_alias, column| {
        equals(query, through_alias, column, pk.clone());
    });
    let Some((result, segments)) = execute(orm, &query).await? else {
        return Ok(Vec::new());
    };
    Ok(result
        .rows
        .iter()
        .map(|row| objects_of(orm, &segments, row))
        .collect())
}

/// The query of a manager's objects, `filter` adding its condition on the column that
/// points at the source (through the join table for a many-to-many).
pub(super) fn manager_query(
    registry: &Arc<Registry>,
    manager: &Manager,
    filter: impl FnOnce(&mut Query, String, &str),
) -> Query {
    manager_query_on(registry, manager, None, filter)
}

/// `manager_query` on a queryset of the manager's model (a Prefetch's), which keeps its
/// filters, ordering and joins, the manager's condition after them.
pub(super) fn manager_query_on(
    registry: &Arc<Registry>,
    manager: &Manager,
    base: Option<Query>,
    filter: impl FnOnce(&mut Query, String, &str),
) -> Query {
    let start = |model: &str| base.unwrap_or_else(|| Query::new(Arc::clone(registry), model, 'T'));
    match manager {
        Manager::Reverse { model, column } => {
            let mut query = start(model);
            let base = query.aliases.sql(query.aliases.base());
            filter(&mut query, base, column);
            query
        }
        Manager::Many {
            target,
            through,
            source_column,
            target_column,
        } => {
            let mut query = start(target);
            let pk = registry.model(target).pk.clone();
            let on = JoinOn {
                parent: query.aliases.base().to_string(),
                columns: (pk, target_column.clone()),
                relation: format!("{target}.{through}"),
                kind: JoinKind::Inner,
                nullable: false,
                multi: true,
            };
            let alias = query.aliases.join(through, on, None);
            let alias_sql = query.aliases.sql(&alias);
            filter(&mut query, alias_sql, source_column);
            query
        }
    }
}

/// A deferred field read on first access: `refresh_from_db(fields=[name])`.
async fn refresh_field(orm: &Orm<'_>, object: &mut Loaded, column: &str) -> Result<(), OpError> {
    let registry = Arc::clone(&orm.state.registry);
    let model = object.instance.model.clone();
    let pk = registry.model(&model).pk.clone();
    let mut query = Query::new(Arc::clone(&registry), &model, 'T');
    // only() takes the field's name; the attribute name (`blog_id`) names it as well.
    let attname = registry.attname(&model, column);
    query.columns = Columns::Model(Deferral::Only(vec![attname]));
    let base = query.aliases.sql(query.aliases.base());
    equals(&mut query, base, &pk, object.instance.get(&pk));
    query.high = Some(MAX_GET_RESULTS);
    if let Some((result, segments)) = execute(orm, &query).await? {
        if let Some(row) = result.rows.first() {
            let fresh = objects_of(orm, &segments, row);
            for (key, value) in fresh.instance.values {
                object.instance.set(&key, value);
            }
        }
    }
    Ok(())
}
