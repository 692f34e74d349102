//! The field updates of a delete: SET_NULL, SET_DEFAULT and SET(...) on the rows that refer
//! to deleted objects, collected by the collector and sent by `Collector.delete()` as Django
//! sends them (lazy filters OR-ed into one `QuerySet.update()`, fetched rows by primary key).

use serde_yaml::Value as Yaml;

use super::collector::Collector;
use super::deletion::{key, CHUNK};
use super::idset::IdSet;
use super::{OpError, Orm, Reference, Registry};
use crate::spec::{DefaultValue, OnDelete};
use crate::sql::compiler::{self, Condition, Query};

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

/// SET_NULL and SET(value) update the rows without fetching them (Django's
/// `lazy_sub_objs`); SET_DEFAULT and SET(callable) fetch them first.
pub fn is_lazy(on_delete: &OnDelete) -> bool {
    match on_delete {
        OnDelete::SetNull => true,
        OnDelete::Set(value) => !matches!(DefaultValue::parse(value), Ok(DefaultValue::Call(_))),
        _ => false,
    }
}

impl Collector {
    /// The value SET_NULL, SET_DEFAULT or SET gives a foreign key (a callable is called).
    pub(super) fn set_value(&self, orm: &Orm<'_>, rel: &Reference) -> Result<Yaml, OpError> {
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

    pub(super) fn add_field_update(
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
}

/// The statements of one field update: the lazy filters OR-ed into one `QuerySet.update()`,
/// then `update_batch` of the fetched rows' primary keys (a Python set, 100 at a time).
pub(super) fn field_update(registry: &Registry, update: &FieldUpdate) -> Vec<Query> {
    let model = registry.model(&update.model);
    let sets = [(update.column.clone(), update.value.clone())];
    let mut out = Vec::new();
    if !update.lazy.is_empty() {
        let condition = Condition::any(update.lazy.clone());
        out.push(compiler::update(&model.table, &sets, &[condition]));
    }
    let pks = IdSet::new(update.pks.iter().cloned()).items();
    for chunk in pks.chunks(CHUNK) {
        let condition = Condition::In {
            table: model.table.clone(),
            column: model.pk.clone(),
            values: chunk.to_vec(),
        };
        out.push(compiler::update(&model.table, &sets, &[condition]));
    }
    out
}
