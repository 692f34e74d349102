//! Django's deletion Collector (`django/db/models/deletion.py`), collect phase: what a delete
//! must fetch (the objects, then per reverse relation the related rows, recursively), what it
//! can delete without fetching (fast deletes), what it refuses (PROTECT, RESTRICT) and what
//! it updates instead (SET_NULL, SET_DEFAULT, SET). RESTRICT's bookkeeping is in
//! `restrict.rs`, the updates in `field_update.rs`, the delete phase in `deletion.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::deletion::{distinct, key};
pub use super::field_update::FieldUpdate;
use super::persist::{get_one, select_columns, select_instances};
use super::{Instance, OpError, Orm, Reference, Registry};
use crate::log::Raised;
use crate::spec::OnDelete;
use crate::sql::compiler::{self, Condition};

/// Rows deleted without fetching them: `DELETE FROM table WHERE conditions`.
#[derive(Debug, Clone)]
pub struct FastDelete {
    pub model: String,
    pub table: String,
    pub conditions: Vec<Condition>,
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
                let lazy = super::field_update::is_lazy(&rel.on_delete);
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
