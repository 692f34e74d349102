//! Django's deletion Collector, delete phase (`Collector.delete()`), and the two ways in:
//! `QuerySet.delete()` and `Model.delete()`. The collect phase is in `collector.rs`.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::collector::{Collector, FastDelete};
use super::field_update::field_update;
use super::persist::select_instances;
use super::{run_signal, Instance, OpError, Orm};
use crate::log::Raised;
use crate::sql::compiler::{self, Condition};

/// Django's `GET_ITERATOR_CHUNK_SIZE`: the collector deletes at most 100 primary keys a
/// statement.
pub(super) const CHUNK: usize = 100;

/// `QuerySet.delete()` on a model's rows. A queryset that can be fast-deleted is one
/// `DELETE ... WHERE` without a SELECT; otherwise its rows are SELECTed and collected.
/// Returns the rows deleted (cascades included, updates not).
pub async fn delete_queryset(
    orm: &mut Orm<'_>,
    model: &str,
    conditions: &[Condition],
) -> Result<u64, OpError> {
    delete_queryset_joined(orm, model, conditions, None).await
}

/// `delete_queryset` for a filter across relations: `conditions` hold its primary-key
/// subquery (the fast DELETE's WHERE), `joined` the queryset itself, whose joined SELECT
/// finds the rows to collect.
pub async fn delete_queryset_joined(
    orm: &mut Orm<'_>,
    model: &str,
    conditions: &[Condition],
    joined: Option<crate::query::Query>,
) -> Result<u64, OpError> {
    if conditions.contains(&Condition::Nothing) {
        return Ok(0);
    }
    let mut collector = Collector::new(Arc::clone(&orm.state.registry));
    if collector.can_fast_delete(model, None) {
        let table = orm.state.registry.model(model).table.clone();
        collector.fast_deletes.push(FastDelete {
            model: model.to_string(),
            table,
            conditions: conditions.to_vec(),
        });
    } else {
        let objs = match joined {
            Some(query) => super::persist::select_query(orm, model, &query).await?,
            None => select_instances(orm, model, conditions, None, false).await?,
        };
        collector.collect_objects(orm, model, objs).await?;
    }
    collector.delete(orm).await
}

/// `Model.delete()`: the instance is collected as it is (no SELECT of it).
pub async fn delete_instance(orm: &mut Orm<'_>, instance: &Instance) -> Result<u64, OpError> {
    let model = orm.state.registry.model(&instance.model);
    if instance.get(&model.pk).is_null() {
        return Err(OpError::Raised(Raised::new(
            "ValueError",
            format!(
                "{} object can't be deleted because its {} attribute is set to None.",
                model.name, model.pk
            ),
        )));
    }
    let mut collector = Collector::new(Arc::clone(&orm.state.registry));
    collector
        .collect_objects(orm, &instance.model, vec![instance.clone()])
        .await?;
    collector.delete(orm).await
}

impl Collector {
    /// `Collector.delete()`: one object of a fast-deletable model is a lone DELETE without a
    /// transaction; otherwise, in `atomic(savepoint=False)`: pre_delete receivers, the fast
    /// deletes, the field updates, then per model (dependencies first) the DELETEs by primary
    /// key, descending, 100 at a time, each followed by that model's post_delete receivers.
    pub async fn delete(mut self, orm: &mut Orm<'_>) -> Result<u64, OpError> {
        for (model, instances) in &mut self.data {
            let pk = self.registry.model(model).pk.clone();
            instances.sort_by(|a, b| compare(&a.get(&pk), &b.get(&pk)));
        }
        self.sort();
        if let [(model, instances)] = self.data.as_slice() {
            if instances.len() == 1 && self.can_fast_delete(model, None) {
                let pk = &self.registry.model(model).pk;
                let values = vec![instances[0].get(pk)];
                return self.delete_batch(orm, model, values).await;
            }
        }
        let nothing = self.fast_deletes.is_empty()
            && self.field_updates.is_empty()
            && self.data.iter().all(|(_, list)| list.is_empty());
        if nothing {
            // Django's atomic block would send nothing, so not even BEGIN.
            return Ok(0);
        }
        let block = orm.atomic(false).await?;
        let outcome = self.send(orm).await;
        orm.finish(block, outcome).await
    }

    async fn send(&mut self, orm: &mut Orm<'_>) -> Result<u64, OpError> {
        let registry = Arc::clone(&self.registry);
        for (model, instances) in &mut self.data {
            if let Some(action) = &registry.model(model).signals.pre_delete {
                for instance in instances.iter_mut() {
                    run_signal(orm, action, instance, &[]).await?;
                }
            }
        }
        let mut count = 0;
        for fast in &self.fast_deletes {
            let query = compiler::delete(&fast.table, &fast.conditions);
            count += orm.exec(&query).await?.rows.unwrap_or(0);
        }
        for update in &self.field_updates {
            for query in field_update(&registry, update) {
                orm.exec(&query).await?;
            }
        }
        let data = std::mem::take(&mut self.data);
        for (model, mut instances) in data {
            instances.reverse();
            let pk = registry.model(&model).pk.clone();
            let values = instances.iter().map(|o| o.get(&pk)).collect();
            count += self.delete_batch(orm, &model, values).await?;
            if let Some(action) = &registry.model(&model).signals.post_delete {
                for instance in instances.iter_mut() {
                    run_signal(orm, action, instance, &[]).await?;
                }
            }
        }
        Ok(count)
    }

    /// `DeleteQuery.delete_batch`: `DELETE FROM "t" WHERE "t"."pk" IN (...)`, 100 at a time.
    async fn delete_batch(
        &self,
        orm: &Orm<'_>,
        model: &str,
        values: Vec<Yaml>,
    ) -> Result<u64, OpError> {
        let model = self.registry.model(model);
        let mut count = 0;
        for chunk in values.chunks(CHUNK) {
            let condition = Condition::In {
                table: model.table.clone(),
                column: model.pk.clone(),
                values: chunk.to_vec(),
            };
            let query = compiler::delete(&model.table, &[condition]);
            count += orm.exec(&query).await?.rows.unwrap_or(0);
        }
        Ok(count)
    }

    /// `Collector.sort()`: repeatedly take, in collection order, the models whose
    /// dependencies are all taken; leave the order alone if that gets stuck (a cycle).
    fn sort(&mut self) {
        let mut sorted: Vec<String> = Vec::new();
        let mut done: BTreeSet<String> = BTreeSet::new();
        let models: Vec<String> = self.data.iter().map(|(m, _)| m.clone()).collect();
        while sorted.len() < models.len() {
            let mut found = false;
            for model in &models {
                if sorted.contains(model) {
                    continue;
                }
                let ready = self
                    .dependencies
                    .get(model)
                    .is_none_or(|deps| deps.is_subset(&done));
                if ready {
                    sorted.push(model.clone());
                    done.insert(model.clone());
                    found = true;
                }
            }
            if !found {
                return;
            }
        }
        let mut data = std::mem::take(&mut self.data);
        for model in sorted {
            if let Some(i) = data.iter().position(|(m, _)| *m == model) {
                self.data.push(data.remove(i));
            }
        }
    }
}

/// Python's ordering of primary keys: numbers numerically, strings by code point.
fn compare(a: &Yaml, b: &Yaml) -> Ordering {
    match (a, b) {
        (Yaml::Number(x), Yaml::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => x
                .as_f64()
                .partial_cmp(&y.as_f64())
                .unwrap_or(Ordering::Equal),
        },
        (Yaml::String(x), Yaml::String(y)) => x.cmp(y),
        _ => key(a).cmp(&key(b)),
    }
}

/// The value of a column as a key for comparisons (ints and strings alike).
pub(super) fn key(value: &Yaml) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

/// The values of an IN list: first occurrences, NULLs dropped (Django's `In` lookup).
pub fn distinct(values: impl Iterator<Item = Yaml>) -> Vec<Yaml> {
    let mut seen = BTreeSet::new();
    values
        .filter(|v| !v.is_null() && seen.insert(key(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_lists_keep_first_occurrences_without_nulls() {
        let values = distinct(vec![2.into(), Yaml::Null, 1.into(), 2.into()].into_iter());
        assert_eq!(values, vec![Yaml::from(2), Yaml::from(1)]);
    }
}
