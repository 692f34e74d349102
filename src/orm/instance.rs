//! Instances: the field values an object holds between steps, as a Django object does.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value as Yaml};

use super::model::Temporal;
use crate::db::value::{decimal, decimal_text, Value};

/// An object of a model, with the values it was created or loaded with.
#[derive(Debug, Clone, PartialEq)]
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

/// A column's value as Django holds it in a Python object: date and time values in
/// Python's `str()` form (`2025-01-01 15:30:00+00:00`, `15:30:00.250000`), which is how
/// they are sent back when the object is saved; anything else as `value_to_yaml`.
pub fn field_value(temporal: Option<Temporal>, value: &Value) -> Yaml {
    match (temporal, value) {
        (Some(kind), Value::Text(text)) => Yaml::String(python_temporal(kind, text)),
        _ => value_to_yaml(value),
    }
}

/// PostgreSQL's text of a date, time or timestamptz (in UTC) as Python's `str()`.
fn python_temporal(kind: Temporal, text: &str) -> String {
    let with_fraction = |time: &str| match time.split_once('.') {
        Some((whole, fraction)) if fraction.len() <= 6 => format!("{whole}.{fraction:0<6}"),
        _ => time.to_string(),
    };
    match kind {
        Temporal::Date => text.to_string(),
        Temporal::Time => with_fraction(text),
        Temporal::DateTime => {
            // `2025-01-01 15:30:00.25+00`: the zone is the last `+hh` or `-hh[:mm]`.
            let Some(at) = text.rfind(['+', '-']).filter(|&i| i > 10) else {
                return text.to_string();
            };
            let (stamp, zone) = text.split_at(at);
            let zone = if zone.len() == 3 {
                format!("{zone}:00")
            } else {
                zone.to_string()
            };
            match stamp.split_once(' ') {
                Some((date, time)) => format!("{date} {}{zone}", with_fraction(time)),
                None => text.to_string(),
            }
        }
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
        Value::Json(json) => jsonb_order(json),
        Value::Array(items) => Yaml::Sequence(items.iter().map(value_to_yaml).collect()),
        other => Yaml::String(other.to_literal()),
    }
}

/// A JSON value as Django holds it after loading a jsonb column: objects keep the key order
/// jsonb stores (shorter keys first, then by bytes), which is the order `json.loads` gives the
/// dict and so the order `json.dumps` writes it back in.
fn jsonb_order(json: &serde_json::Value) -> Yaml {
    match json {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            entries.sort_by(|a, b| (a.0.len(), a.0.as_bytes()).cmp(&(b.0.len(), b.0.as_bytes())));
            Yaml::Mapping(
                entries
                    .into_iter()
                    .map(|(k, v)| (Yaml::String(k.clone()), jsonb_order(v)))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => Yaml::Sequence(items.iter().map(jsonb_order).collect()),
        other => serde_yaml::to_value(other).unwrap_or(Yaml::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_read_as_python_prints_them() {
        let text = |s: &str| Value::Text(s.to_string());
        let dt = |s: &str| field_value(Some(Temporal::DateTime), &text(s));
        assert_eq!(
            dt("2025-01-01 15:30:00+00"),
            Yaml::from("2025-01-01 15:30:00+00:00")
        );
        assert_eq!(
            dt("2025-01-01 15:30:00.25+00"),
            Yaml::from("2025-01-01 15:30:00.250000+00:00")
        );
        assert_eq!(
            dt("2025-01-01 15:30:00+05:30"),
            Yaml::from("2025-01-01 15:30:00+05:30")
        );
        assert_eq!(dt("infinity"), Yaml::from("infinity"));
        let time = field_value(Some(Temporal::Time), &text("15:30:00.5"));
        assert_eq!(time, Yaml::from("15:30:00.500000"));
        assert_eq!(field_value(None, &text("x")), Yaml::from("x"));
    }

    #[test]
    fn jsonb_objects_keep_jsonb_key_order() {
        let json = serde_json::json!({"aa": 1, "b": {"zz": [1], "y": null}});
        let yaml = value_to_yaml(&Value::Json(json));
        let text = crate::db::value::python_json(&yaml).unwrap();
        assert_eq!(text, r#"{"b": {"y": null, "zz": [1]}, "aa": 1}"#);
    }
}
