//! Instances: the field values an object holds between steps, as a Django object does.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value as Yaml};

use crate::db::value::{decimal, decimal_text, Value};

/// An object of a model, with the values it was created or loaded with.
#[derive(Debug, Clone)]
pub struct Instance {
    pub model: String,
    /// Field values by column, including inherited (parent) columns.
    pub values: BTreeMap<String, Yaml>,
    /// Not saved yet (Django's `_state.adding`).
    pub adding: bool,
    /// The FSM field's value when the instance was loaded or last saved (for the
    /// ConcurrentTransitionMixin's check).
    pub saved_state: Option<Yaml>,
}

impl Instance {
    pub fn new(model: &str) -> Instance {
        Instance {
            model: model.to_string(),
            values: BTreeMap::new(),
            adding: true,
            saved_state: None,
        }
    }

    pub fn get(&self, column: &str) -> Yaml {
        self.values.get(column).cloned().unwrap_or(Yaml::Null)
    }

    pub fn set(&mut self, column: &str, value: Yaml) {
        self.values.insert(column.to_string(), value);
    }

    /// The values as a template context, by attribute name (`name`, `blog_id`, `pk` ...;
    /// `attname` maps a column to it). Decimals become numbers there, so that conditions
    /// such as `amount > 0` compare them.
    pub fn context(&self, pk_column: &str, attname: impl Fn(&str) -> String) -> Mapping {
        let as_number = |v: &Yaml| match decimal_text(v).and_then(|t| t.parse::<f64>().ok()) {
            Some(f) => Yaml::Number(f.into()),
            None => v.clone(),
        };
        let mut ctx: Mapping = self
            .values
            .iter()
            .map(|(k, v)| (Yaml::String(attname(k)), as_number(v)))
            .collect();
        ctx.insert("pk".into(), self.get(pk_column));
        ctx.insert("model".into(), Yaml::String(self.model.clone()));
        ctx
    }
}

/// A value read from the database as the YAML value an instance holds.
pub fn value_to_yaml(value: &Value) -> Yaml {
    match value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Bool(*b),
        Value::Int(i) => Yaml::Number((*i).into()),
        Value::Float(f) => Yaml::Number((*f).into()),
        // Exact, with its scale, as Django's Decimal('0.00') is sent back.
        Value::Numeric(text) => decimal(text),
        Value::Text(text) => Yaml::String(text.clone()),
        Value::Json(json) => serde_yaml::to_value(json).unwrap_or(Yaml::Null),
        Value::Array(items) => Yaml::Sequence(items.iter().map(value_to_yaml).collect()),
        other => Yaml::String(other.to_literal()),
    }
}
