//! Django's deletion Collector (`django/db/models/deletion.py`), collect phase: what a delete
//! must fetch (the objects, then per reverse relation the related rows, recursively), what it
//! can delete without fetching (fast deletes), what it refuses (PROTECT, RESTRICT) and what
//! it updates instead (SET_NULL, SET_DEFAULT, SET). The delete phase is in `deletion.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::deletion::{distinct, key};
use super::persist::{get_one, select_columns, select_instances};
use super::{Instance, OpError, Orm, Reference, Registry};
use crate::log::Raised;
use crate::spec::{DefaultValue, OnDelete};
use crate::sql::compiler::{self, Condition};

/// Rows deleted without fetching them: `DELETE FROM table WHERE conditions`.
#[derive(Debug, Clone)]
pub struct FastDelete {
    pub model: String,
    pub table: String,
    pub conditions: Vec<Condition>,
}

/// SET_NULL, SET_DEFAULT and SET: a foreign key of a model's rows set to a value, for rows
/// given by a filter (lazy, not fetched) or by the primary keys of fetched rows.
#[derive(Debug, Clone)]
pub struct FieldUpdate {
    pub model: String,
    pub column: String,
    pub value: Yaml,
    pub lazy: Vec<Condition>,
    pub pks: Vec<Yaml>,
}

/// RESTRICTed rows of one field (by its name).
pub type Restricted = (String, Vec<Instance>);

/// What the collector gathered; `delete` (in `deletion.rs`) sends it.
#[derive(Default)]
pub struct Collector {
    pub(super) registry: Arc<Registry>,
    /// Objects to delete per model, in the order models were first met (Django's dict).
    pub(super) data: Vec<(String, Vec<Instance>)>,
    /// model -> models whose rows must go first.
    pub(super) dependencies: BTreeMap<String, BTreeSet<String>>,
    /// DELETEs sent without fetching, in collection order.
    pub(super) fast_deletes: Vec<FastDelete>,
    /// Keyed by (model, column, value), in the order first met.
    pub(super) field_updates: Vec<FieldUpdate>,
    /// RESTRICT: per related model, per field name, the rows that refuse the delete unless
    /// they are deleted too.
    pub(super) restricted: Vec<(String, Vec<Restricted>)>,
}

/// Why collecting stopped: PROTECT (caught and relabelled by the relation that led there,
/// as Django does), or any other error.
enum Stop {
    Protected,
    Error(OpError),
}

impl From<OpError> for Stop {
    fn from(err: OpError) -> Stop {
        Stop::Error(err)
    }
}

type Collecting<'f> = Pin<Box<dyn Future<Output = Result<(), Stop>> + Send + 'f>>;

/// How objects came to be collected (Django's `collect` arguments).
#[derive(Clone, Copy)]
struct Via<'a> {
    /// The model whose deletion cascades here.
    source: Option<&'a str>,
    /// The cascading foreign key can be NULL: no ordering dependency.
    nullable: bool,
    collect_related: bool,
    /// Multi-table parents: the source (the child) is deleted first.
    reverse: bool,
    /// Only the top-level call refuses RESTRICTed rows, once all cascades are known.
    fail_on_restricted: bool,
}

const TOP: Via<'static> = Via {
    source: None,
    nullable: false,
    collect_related: true,
    reverse: false,
    fail_on_restricted: true,
};

impl Collector {
    pub fn new(registry: Arc<Registry>) -> Collector {
        Collector {
            registry,
            ..Collector::default()
        }
    }

    /// `get_candidate_relations_to_delete`: the reverse relations of a model, its ancestors'
    /// first (without their parent links), then its own.
    pub fn candidates(&self, model: &str) -> Vec<Reference> {
        let mut chain: Vec<String> = self
            .registry
            .ancestors(model)
            .into_iter()
            .map(|m| m.name.clone())
            .collect();
        chain.reverse();
        let mut out: Vec<Reference> = Vec::new();
        for ancestor in &chain {
            out.extend(
                self.registry
                    .references
                    .iter()
                    .filter(|r| &r.to == ancestor && !r.parent_link)
                    .cloned(),
            );
        }
        out.extend(
            self.registry
                .references
                .iter()
                .filter(|r| r.to == model)
                .cloned(),
        );
        out
    }

    fn has_receivers(&self, model: &str) -> bool {
        let signals = &self.registry.model(model).signals;
        signals.pre_delete.is_some() || signals.post_delete.is_some()
    }

    /// `can_fast_delete`: no delete receivers, no multi-table parent (unless reached through
    /// that very link), and every reverse relation DO_NOTHING.
    pub fn can_fast_delete(&self, model: &str, from: Option<&Reference>) -> bool {
        if from.is_some_and(|r| r.on_delete != OnDelete::Cascade) {
            return false;
        }
        let parent_ok = match &self.registry.model(model).parent {
            None => true,
            Some(_) => from.is_some_and(|r| r.parent_link && r.model == model),
        };
        parent_ok
            && !self.has_receivers(model)
            && self
                .candidates(model)
                .iter()
                .all(|r| r.on_delete == OnDelete::DoNothing)
    }

    /// `Collector.add`: the objects not collected yet, recording that `source` must be
    /// deleted after them (before them for `reverse`: multi-table parents).
    fn add(&mut self, model: &str, objs: Vec<Instance>, via: Via<'_>) -> Vec<Instance> {
        if objs.is_empty() {
            return Vec::new();
        }
        let pk = self.registry.model(model).pk.clone();
        let index = self.slot(model);
        let known: BTreeSet<String> = self.data[index]
            .1
            .iter()
            .map(|o| key(&o.get(&pk)))
            .collect();
        let new: Vec<Instance> = objs
            .into_iter()
            .filter(|o| !known.contains(&key(&o.get(&pk))))
            .collect();
        self.data[index].1.extend(new.iter().cloned());
        if let (Some(source), false) = (via.source, via.nullable) {
            match via.reverse {
                true => self.add_dependency(model, source),
                false => self.add_dependency(source, model),
            }
        }
        new
    }

    /// `add_dependency`: `model` is deleted after `dependency`, which gets a (maybe empty)
    /// entry in `data`.
    fn add_dependency(&mut self, model: &str, dependency: &str) {
        self.dependencies
            .entry(model.to_string())
            .or_default()
            .insert(dependency.to_string());
        self.slot(dependency);
    }

    /// The model's entry in `data`, created at the end if missing (`defaultdict`).
    fn slot(&mut self, model: &str) -> usize {
        match self.data.iter().position(|(m, _)| m == model) {
            Some(i) => i,
            None => {
                self.data.push((model.to_string(), Vec::new()));
                self.data.len() - 1
            }
        }
    }

    /// Collects the result of the top-level SELECT (or `[instance]`). A ProtectedError or
    /// RestrictedError comes back as Django words it.
    pub async fn collect_objects(
        &mut self,
        orm: &Orm<'_>,
        model: &str,
        objs: Vec<Instance>,
    ) -> Result<(), OpError> {
        match self.collect(orm, model, objs, TOP).await {
            Ok(()) => Ok(()),
            Err(Stop::Error(err)) => Err(err),
            Err(Stop::Protected) => unreachable!("collect turns PROTECT into an error"),
        }
    }

    /// `Collector.collect` for fetched objects: their parents, then each reverse relation:
    /// fast-deletable related tables are remembered as one DELETE each; the others are
    /// SELECTed and collected in turn (CASCADE), refused (PROTECT, RESTRICT) or updated.
    fn collect<'f>(
        &'f mut self,
        orm: &'f Orm<'_>,
        model: &'f str,
        objs: Vec<Instance>,
        via: Via<'f>,
    ) -> Collecting<'f> {
        Box::pin(async move {
            let new = self.add(model, objs, via);
            if new.is_empty() {
                return Ok(());
            }
            if let Some(parent) = self.registry.model(model).parent.clone() {
                let parents = self.parent_objects(orm, model, &parent, &new).await?;
                let up = Via {
                    source: Some(model),
                    nullable: false,
                    collect_related: false,
                    reverse: true,
                    fail_on_restricted: false,
                };
                self.collect(orm, &parent, parents, up).await?;
            }
            if !via.collect_related {
                return Ok(());
            }
            let mut fast: Vec<(String, Vec<Condition>)> = Vec::new();
            let mut protected: Vec<String> = Vec::new();
            for rel in self.candidates(model) {
                if rel.on_delete == OnDelete::DoNothing {
                    continue;
                }
                let values = distinct(new.iter().map(|o| o.get(&rel.to_column)));
                let condition = Condition::In {
                    table: rel.table.clone(),
                    column: rel.column.clone(),
                    values: values.clone(),
                };
                if self.can_fast_delete(&rel.model, Some(&rel)) {
                    match fast.iter_mut().find(|(m, _)| *m == rel.model) {
                        Some((_, list)) => list.push(condition),
                        None => fast.push((rel.model.clone(), vec![condition])),
                    }
                    continue;
                }
                let lazy = matches!(&rel.on_delete, OnDelete::SetNull)
                    || matches!(&rel.on_delete, OnDelete::Set(v) if !is_call(v));
                if lazy {
                    let value = self.set_value(orm, &rel)?;
                    self.add_field_update(&rel, value, Some(condition), Vec::new());
                    continue;
                }
                let sub = self.related_objects(orm, &rel, condition).await?;
                if sub.is_empty() {
                    continue;
                }
                let label = format!("'{}.{}'", rel.model, rel.name);
                let refused = match &rel.on_delete {
                    OnDelete::Protect => true,
                    OnDelete::Cascade => {
                        let down = Via {
                            source: Some(&rel.to),
                            nullable: rel.nullable,
                            collect_related: true,
                            reverse: false,
                            fail_on_restricted: false,
                        };
                        match self.collect(orm, &rel.model, sub, down).await {
                            Ok(()) => false,
                            Err(Stop::Protected) => true,
                            Err(other) => return Err(other),
                        }
                    }
                    OnDelete::Restrict => {
                        self.add_restricted(&rel, sub);
                        self.add_dependency(&rel.to, &rel.model);
                        false
                    }
                    _ => {
                        let value = self.set_value(orm, &rel)?;
                        let pk = self.registry.model(&rel.model).pk.clone();
                        let pks = sub.iter().map(|o| o.get(&pk)).collect();
                        self.add_field_update(&rel, value, None, pks);
                        false
                    }
                };
                if refused && !protected.contains(&label) {
                    protected.push(label);
                }
            }
            if !protected.is_empty() {
                let message = format!(
                    "Cannot delete some instances of model '{model}' because they are referenced through protected foreign keys: {}.",
                    protected.join(", ")
                );
                return Err(match via.source {
                    // Nested: the caller relabels it with its own relation.
                    Some(_) => Stop::Protected,
                    None => Stop::Error(OpError::Raised(Raised::new("ProtectedError", message))),
                });
            }
            for (related, conditions) in fast {
                let table = self.registry.model(&related).table.clone();
                self.fast_deletes.push(FastDelete {
                    model: related,
                    table,
                    conditions: vec![Condition::any(conditions)],
                });
            }
            if via.fail_on_restricted {
                self.refuse_restricted(orm, model).await?;
            }
            Ok(())
        })
    }

    /// The value SET_NULL, SET_DEFAULT or SET gives a foreign key (a callable is called).
    fn set_value(&self, orm: &Orm<'_>, rel: &Reference) -> Result<Yaml, OpError> {
        let field = self
            .registry
            .model(&rel.model)
            .by_column(&rel.column)
            .ok_or_else(|| OpError::Spec(format!("no field for `{}`", rel.column)))?;
        Ok(match &rel.on_delete {
            OnDelete::SetDefault => orm.generate_default(field).unwrap_or(Yaml::Null),
            OnDelete::Set(value) => match DefaultValue::parse(value).map_err(OpError::Spec)? {
                DefaultValue::Call(callable) => orm.state.generator.call(callable, field),
                DefaultValue::Value(value) => orm.resolve(&value)?,
            },
            _ => Yaml::Null,
        })
    }

    fn add_field_update(
        &mut self,
        rel: &Reference,
        value: Yaml,
        lazy: Option<Condition>,
        pks: Vec<Yaml>,
    ) {
        let found = self.field_updates.iter_mut().find(|u| {
            u.model == rel.model && u.column == rel.column && key(&u.value) == key(&value)
        });
        let update = match found {
            Some(update) => update,
            None => {
                self.field_updates.push(FieldUpdate {
                    model: rel.model.clone(),
                    column: rel.column.clone(),
                    value,
                    lazy: Vec::new(),
                    pks: Vec::new(),
                });
                self.field_updates.last_mut().expect("just pushed")
            }
        };
        update.lazy.extend(lazy);
        update.pks.extend(pks);
    }

    /// `add_restricted_objects`: by the related model, then by the field.
    fn add_restricted(&mut self, rel: &Reference, objs: Vec<Instance>) {
        let model = match self.restricted.iter().position(|(m, _)| *m == rel.model) {
            Some(i) => i,
            None => {
                self.restricted.push((rel.model.clone(), Vec::new()));
                self.restricted.len() - 1
            }
        };
        let fields = &mut self.restricted[model].1;
        match fields.iter_mut().find(|(name, _)| *name == rel.name) {
            Some((_, list)) => list.extend(objs),
            None => fields.push((rel.name.clone(), objs)),
        }
    }

    /// The end of the top-level collect: RESTRICTed rows that the delete collects anyway
    /// (in `data`, or among the rows of a fast delete, which takes a SELECT to know) are
    /// allowed; any other raises RestrictedError.
    async fn refuse_restricted(&mut self, orm: &Orm<'_>, model: &str) -> Result<(), OpError> {
        let registry = Arc::clone(&self.registry);
        let collected: Vec<(String, BTreeSet<String>)> = self
            .data
            .iter()
            .map(|(model, instances)| {
                let pk = &registry.model(model).pk;
                (
                    model.clone(),
                    instances.iter().map(|o| key(&o.get(pk))).collect(),
                )
            })
            .collect();
        for (model, keys) in &collected {
            self.clear_restricted(model, keys);
        }
        for fast in self.fast_deletes.clone() {
            let pks = self.restricted_pks(&fast.model);
            if pks.is_empty() {
                continue;
            }
            let target = registry.model(&fast.model);
            let mut conditions = fast.conditions.clone();
            conditions.push(Condition::In {
                table: target.table.clone(),
                column: target.pk.clone(),
                values: pks,
            });
            let found = select_instances(orm, &fast.model, &conditions, None, false).await?;
            let keys = found.iter().map(|o| key(&o.get(&target.pk))).collect();
            self.clear_restricted(&fast.model, &keys);
        }
        let refused: Vec<String> = self
            .restricted
            .iter()
            .flat_map(|(related, fields)| {
                fields
                    .iter()
                    .filter(|(_, objs)| !objs.is_empty())
                    .map(move |(name, _)| format!("'{related}.{name}'"))
            })
            .collect();
        if refused.is_empty() {
            return Ok(());
        }
        Err(OpError::Raised(Raised::new(
            "RestrictedError",
            format!(
                "Cannot delete some instances of model '{model}' because they are referenced through restricted foreign keys: {}.",
                refused.join(", ")
            ),
        )))
    }

    fn clear_restricted(&mut self, model: &str, keys: &BTreeSet<String>) {
        let pk = self.registry.model(model).pk.clone();
        for (related, fields) in &mut self.restricted {
            if related == model {
                for (_, objs) in fields.iter_mut() {
                    objs.retain(|o| !keys.contains(&key(&o.get(&pk))));
                }
            }
        }
    }

    /// The restricted rows' primary keys of a model, field by field in set order, once each
    /// (`pk__in=[obj.pk for objs in ... for obj in objs]`).
    fn restricted_pks(&self, model: &str) -> Vec<Yaml> {
        let pk = &self.registry.model(model).pk;
        let values = self
            .restricted
            .iter()
            .filter(|(related, _)| related == model)
            .flat_map(|(_, fields)| fields.iter())
            .flat_map(|(_, objs)| super::pyset::IdSet::new(objs.iter().map(|o| o.get(pk))).items());
        distinct(values)
    }

    /// `getattr(obj, "<parent>_ptr")`: the parent object, built from the child's values when
    /// they hold every parent field, else fetched (`... WHERE pk = %s LIMIT 21`), as for a
    /// child loaded with `.only()`.
    async fn parent_objects(
        &self,
        orm: &Orm<'_>,
        model: &str,
        parent: &str,
        objs: &[Instance],
    ) -> Result<Vec<Instance>, OpError> {
        let link = self.registry.model(model).pk.clone();
        let parent_model = self.registry.model(parent);
        let mut out = Vec::new();
        for obj in objs {
            let complete = parent_model
                .fields
                .iter()
                .all(|f| obj.values.contains_key(&f.column));
            if complete {
                out.push(Instance {
                    model: parent.to_string(),
                    ..obj.clone()
                });
                continue;
            }
            let condition = Condition::Equals {
                table: parent_model.table.clone(),
                column: parent_model.pk.clone(),
                value: obj.get(&link),
            };
            out.push(get_one(orm, parent, &[condition], false).await?);
        }
        Ok(out)
    }

    /// `related_objects(...)`: the related rows, with only the columns other relations
    /// reference (and the primary key) unless the related model has delete receivers.
    async fn related_objects(
        &self,
        orm: &Orm<'_>,
        rel: &Reference,
        condition: Condition,
    ) -> Result<Vec<Instance>, OpError> {
        let related = rel.model.as_str();
        let referenced: BTreeSet<(String, String)> = self
            .candidates(related)
            .iter()
            .map(|r| {
                (
                    self.registry.model(&r.to).table.clone(),
                    r.to_column.clone(),
                )
            })
            .collect();
        if self.has_receivers(related) || referenced.is_empty() {
            return select_instances(orm, related, &[condition], None, false).await;
        }
        let own = self.registry.model(related);
        let (all, joins) = select_columns(orm, related);
        let columns: Vec<(String, String)> = all
            .into_iter()
            .filter(|c| referenced.contains(c) || (c.0 == own.table && c.1 == own.pk))
            .collect();
        let joins = if columns.iter().any(|(t, _)| *t != own.table) {
            joins
        } else {
            Vec::new()
        };
        let query = compiler::select(&columns, &own.table, &joins, &[condition], None, false);
        let rows = orm.exec(&query).await?.result.map(|r| r.rows);
        Ok(rows
            .unwrap_or_default()
            .iter()
            .map(|row| {
                let mut instance = Instance::new(related);
                for ((_, column), value) in columns.iter().zip(row) {
                    instance.set(column, self.registry.load(related, column, value));
                }
                instance.adding = false;
                instance
            })
            .collect())
    }
}

/// `SET({call: ...})`: a callable, which Django calls only once it has fetched the rows.
fn is_call(value: &Yaml) -> bool {
    matches!(DefaultValue::parse(value), Ok(DefaultValue::Call(_)))
}
