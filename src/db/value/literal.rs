//! Owns the literal rendering used in messages and golden files: [`Value::to_literal`],
//! [`yaml_literal`], and the text form of a value that YAML strings are compared with.

use std::fmt::Write as _;

use serde_yaml::Value as Yaml;

use super::param::yaml_to_json;
use super::Value;

impl Value {
    /// A compact literal for messages and golden files: NULL, true, 42, 1.5, 12.50, 'it''s',
    /// '{"a":1}', '\x0a0b', [1, 'a', NULL], <point>.
    pub fn to_literal(&self) -> String {
        match self {
            Value::Null => "NULL".into(),
            Value::Bool(b) => b.to_string(),
            Value::Array(items) => list(items.iter().map(Value::to_literal)),
            Value::Unsupported { type_name } => format!("<{type_name}>"),
            Value::Json(j) => quote(&j.to_string()),
            Value::Text(_) | Value::Bytes(_) => quote(&self.text().unwrap_or_default()),
            Value::Int(_) | Value::Float(_) | Value::Numeric(_) => self.text().unwrap_or_default(),
        }
    }

    /// The text a YAML string is compared with; None for values no string can equal.
    pub(super) fn text(&self) -> Option<String> {
        match self {
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(float_text(*f)),
            Value::Numeric(s) | Value::Text(s) => Some(s.clone()),
            Value::Bytes(b) => Some(format!("\\x{}", hex(b))),
            _ => None,
        }
    }
}

/// A parameter as the golden file shows it: [`yaml_literal`], but a float as Python's repr
/// (`3.0`, `1e+20`), the form Django's parameters have (a row's float is PostgreSQL's).
pub fn param_literal(v: &Yaml) -> String {
    match v {
        Yaml::Number(n) if n.is_f64() => {
            crate::orm::coerce::python_float(n.as_f64().unwrap_or_default())
        }
        Yaml::Sequence(items) => list(items.iter().map(param_literal)),
        other => yaml_literal(other),
    }
}

/// The literal form of a YAML value, matching [`Value::to_literal`] so expected and actual values
/// render alike: NULL, 'str', 42, 1.5, true, [1, 'a'], mappings as quoted JSON.
pub fn yaml_literal(v: &Yaml) -> String {
    match v {
        Yaml::Null => "NULL".into(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => float_text(f),
            _ => n.to_string(),
        },
        Yaml::String(s) => quote(s),
        Yaml::Sequence(items) => list(items.iter().map(yaml_literal)),
        Yaml::Mapping(_) => match yaml_to_json(v) {
            Ok(j) => quote(&j.to_string()),
            Err(e) => format!("<{e}>"),
        },
        Yaml::Tagged(t) => {
            match super::param::decimal_text(v).or_else(|| super::param::int4_text(v)) {
                Some(text) => text,
                None => format!("{} {}", t.tag, yaml_literal(&t.value)),
            }
        }
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Formats a float the way PostgreSQL 12+ does: shortest round-trip digits, exponent form
/// ("1e+20", "1e-05") when the decimal exponent is below -4 or at least 15.
fn float_text(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if f == 0.0 || (-4..15).contains(&exp) {
        format!("{f}")
    } else {
        format!(
            "{mantissa}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.unsigned_abs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Yaml {
        serde_yaml::from_str(s).expect("test YAML")
    }

    #[test]
    fn literals() {
        let arr = Value::Array(vec![Value::Int(1), Value::Null]);
        assert_eq!(arr.to_literal(), "[1, NULL]");
        assert_eq!(Value::Text("it's".into()).to_literal(), "'it''s'");
        assert_eq!(Value::Bytes(vec![10, 11]).to_literal(), r"'\x0a0b'");
        assert_eq!(Value::Float(1e20).to_literal(), "1e+20");
        assert_eq!(Value::Float(1e-5).to_literal(), "1e-05");
        assert_eq!(Value::Float(1.5).to_literal(), "1.5");
        assert_eq!(
            Value::Json(serde_json::json!({"a": 1})).to_literal(),
            r#"'{"a":1}'"#
        );
        assert_eq!(
            yaml_literal(&yaml("[~, 'it''s', 2, 1.5, true, {a: 1}]")),
            r#"[NULL, 'it''s', 2, 1.5, true, '{"a":1}']"#
        );
    }
}
