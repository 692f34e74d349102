//! Django's deletion Collector (`django/db/models/deletion.py`), collect phase: what a delete
//! must fetch (the objects, then per reverse relation the related rows, recursively), what it
//! can delete without fetching (fast deletes), and what it refuses (PROTECT). The delete
//! phase is in `deletion.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::deletion::{delete_any_in, distinct, key, AnyIn};
use super::persist::{get_one, select_columns, select_instances};
use super::{value_to_yaml, Instance, OpError, Orm, Reference, Registry};
use crate::log::Raised;
use crate::spec::OnDelete;
use crate::sql::compiler::{self, Condition, Query};

/// What the collector gathered; `delete` (in `deletion.rs`) sends it.
#[derive(Default)]
pub struct Collector {
    pub(super) registry: Arc<Registry>,
    /// Objects to delete per model, in the order models were first met (Django's dict).
    pub(super) data: Vec<(String, Vec<Instance>)>,
    /// model -> models whose rows must go first.
    pub(super) dependencies: BTreeMap<String, BTreeSet<String>>,
    /// DELETEs sent without fetching, in collection order.
    pub(super) fast_deletes: Vec<Query>,
    /// SET_NULL: (table, column) -> the rows to update, in collection order.
    pub(super) field_updates: Vec<((String, String), Vec<AnyIn>)>,
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
    /// that very link), and every reverse relation DO_NOTHING. `None` is an auto-created join
    /// table: nothing refers to it and it has no receivers.
    pub fn can_fast_delete(&self, model: Option<&str>, from: Option<&Reference>) -> bool {
        if from.is_some_and(|r| r.on_delete != OnDelete::Cascade) {
            return false;
        }
        let Some(model) = model else {
            return true;
        };
        let parent_ok = match &self.registry.model(model).parent {
            None => true,
            Some(_) => from.is_some_and(|r| r.parent_link && r.model.as_deref() == Some(model)),
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
    fn add(
        &mut self,
        model: &str,
        objs: Vec<Instance>,
        source: Option<&str>,
        reverse: bool,
    ) -> Vec<Instance> {
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
        if let Some(source) = source {
            // `add_dependency`: the cascading model waits for the collected one; a parent
            // (reverse) waits for its child.
            let (dependent, dependency) = if reverse {
                (model, source)
            } else {
                (source, model)
            };
            self.dependencies
                .entry(dependent.to_string())
                .or_default()
                .insert(dependency.to_string());
            self.slot(dependency);
        }
        new
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

    /// Collects the result of the top-level SELECT (or `[instance]`). A ProtectedError
    /// comes back as Django words it.
    pub async fn collect_objects(
        &mut self,
        orm: &Orm<'_>,
        model: &str,
        objs: Vec<Instance>,
    ) -> Result<(), OpError> {
        match self.collect(orm, model, objs, None, true, false).await {
            Ok(()) => Ok(()),
            Err(Stop::Error(err)) => Err(err),
            Err(Stop::Protected) => unreachable!("collect turns PROTECT into an error"),
        }
    }

    /// `Collector.collect` for fetched objects: their parents, then each reverse relation:
    /// fast-deletable related tables are remembered as one DELETE each; the others are
    /// SELECTed and collected in turn (CASCADE), refused (PROTECT) or nulled (SET_NULL).
    fn collect<'f>(
        &'f mut self,
        orm: &'f Orm<'_>,
        model: &'f str,
        objs: Vec<Instance>,
        source: Option<&'f str>,
        collect_related: bool,
        reverse: bool,
    ) -> Collecting<'f> {
        Box::pin(async move {
            let new = self.add(model, objs, source, reverse);
            if new.is_empty() {
                return Ok(());
            }
            if let Some(parent) = self.registry.model(model).parent.clone() {
                let parents = self.parent_objects(orm, model, &parent, &new).await?;
                self.collect(orm, &parent, parents, Some(model), false, true)
                    .await?;
            }
            if !collect_related {
                return Ok(());
            }
            let mut fast: Vec<AnyIn> = Vec::new();
            let mut protected: Vec<String> = Vec::new();
            for rel in self.candidates(model) {
                if rel.on_delete == OnDelete::DoNothing {
                    continue;
                }
                let values = distinct(new.iter().map(|o| o.get(&rel.to_column)));
                if self.can_fast_delete(rel.model.as_deref(), Some(&rel)) {
                    match fast.iter_mut().find(|f| f.table == rel.table) {
                        Some(f) => f.keys.push((rel.column.clone(), values)),
                        None => fast.push(AnyIn {
                            table: rel.table.clone(),
                            keys: vec![(rel.column.clone(), values)],
                        }),
                    }
                    continue;
                }
                let Some(related) = rel.model.clone() else {
                    continue;
                };
                if rel.on_delete == OnDelete::SetNull {
                    // Lazy: no SELECT, an UPDATE when deleting.
                    self.add_field_update(&rel, values);
                    continue;
                }
                let sub = self.related_objects(orm, &related, &rel, values).await?;
                if sub.is_empty() {
                    continue;
                }
                let label = format!("'{}.{}'", related, rel.name);
                let refused = match rel.on_delete {
                    OnDelete::Protect => true,
                    _ => match self
                        .collect(orm, &related, sub, Some(&rel.to), true, false)
                        .await
                    {
                        Ok(()) => false,
                        Err(Stop::Protected) => true,
                        Err(other) => return Err(other),
                    },
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
                return Err(match source {
                    // Nested: the caller relabels it with its own relation.
                    Some(_) => Stop::Protected,
                    None => Stop::Error(OpError::Raised(Raised::new("ProtectedError", message))),
                });
            }
            for any in fast {
                self.fast_deletes.push(delete_any_in(&any));
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

    fn add_field_update(&mut self, rel: &Reference, values: Vec<Yaml>) {
        let field = (rel.table.clone(), rel.column.clone());
        let any = AnyIn {
            table: rel.table.clone(),
            keys: vec![(rel.column.clone(), values)],
        };
        match self.field_updates.iter_mut().find(|(f, _)| *f == field) {
            Some((_, list)) => list.push(any),
            None => self.field_updates.push((field, vec![any])),
        }
    }

    /// `related_objects(...)`: the related rows, with only the columns other relations
    /// reference (and the primary key) unless the related model has delete receivers.
    async fn related_objects(
        &self,
        orm: &Orm<'_>,
        related: &str,
        rel: &Reference,
        values: Vec<Yaml>,
    ) -> Result<Vec<Instance>, OpError> {
        let condition = Condition::In {
            table: rel.table.clone(),
            column: rel.column.clone(),
            values,
        };
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
                    instance.set(column, value_to_yaml(value));
                }
                instance.adding = false;
                instance
            })
            .collect())
    }
}
