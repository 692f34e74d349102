//! RESTRICT in Django's collector: the rows a RESTRICT relation refuses to lose are
//! remembered while collecting, and refused at the end of the top-level collect unless the
//! same delete removes them anyway (collected, or among a fast delete's rows).

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::collector::Collector;
use super::deletion::{distinct, key};
use super::persist::select_instances;
use super::{Instance, OpError, Orm, Reference};
use crate::log::Raised;
use crate::sql::compiler::Condition;

impl Collector {
    /// `add_restricted_objects`: by the related model, then by the field.
    pub(super) fn add_restricted(&mut self, rel: &Reference, objs: Vec<Instance>) {
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
    pub(super) async fn refuse_restricted(
        &mut self,
        orm: &Orm<'_>,
        model: &str,
    ) -> Result<(), OpError> {
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
            .flat_map(|(_, objs)| super::idset::IdSet::new(objs.iter().map(|o| o.get(pk))).items());
        distinct(values)
    }
}
