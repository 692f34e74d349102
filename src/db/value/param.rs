//! Owns [`TextParam`]: query parameters built from YAML and sent in PostgreSQL's text format,
//! plus the YAML-to-text and YAML-to-JSON conversions they (and the comparisons) rely on.

use std::fmt::Write as _;

use bytes::BytesMut;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use tokio_postgres::types::{to_sql_checked, Format, IsNull, ToSql, Type};

use super::BoxError;

/// A parameter sent in PostgreSQL's text format, so the server parses it for whatever type it inferred.
#[derive(Debug, Clone, PartialEq)]
pub struct TextParam(pub Option<String>);

impl TextParam {
    /// Builds a parameter from a YAML value: strings as they are, numbers and booleans as their
    /// text, null as SQL NULL, sequences as array literals (`{1,"a b",NULL}`) and mappings as JSON.
    pub fn from_yaml(v: &Yaml) -> Result<TextParam, String> {
        Ok(TextParam(match v {
            Yaml::Null => None,
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Number(n) => Some(number_text(n)),
            Yaml::String(s) => Some(s.clone()),
            Yaml::Sequence(items) => Some(array_literal(items)?),
            Yaml::Mapping(_) => Some(yaml_to_json(v)?.to_string()),
            Yaml::Tagged(_) => match decimal_text(v).or_else(|| int4_text(v)) {
                Some(text) => Some(text),
                None => return Err(unsupported_tag(v)),
            },
        }))
    }
}

/// The text of an exact decimal written `!decimal 12.50` (as instances hold numeric columns,
/// so that `12.50` keeps its scale, as Django's Decimal does).
pub fn decimal_text(v: &Yaml) -> Option<String> {
    let Yaml::Tagged(tagged) = v else {
        return None;
    };
    if tagged.tag != "decimal" {
        return None;
    }
    match &tagged.value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Number(n) => Some(number_text(n)),
        _ => None,
    }
}

/// The decimal tag with its value: `!decimal 12.50`.
pub fn decimal(text: &str) -> Yaml {
    Yaml::Tagged(Box::new(serde_yaml::value::TaggedValue {
        tag: serde_yaml::value::Tag::new("decimal"),
        value: Yaml::String(text.to_string()),
    }))
}

/// An integer sent as `integer` rather than left to the server: what psycopg declares for a
/// small Python int, where an operator is overloaded (`jsonb -> integer` beside
/// `jsonb -> text`, which the server would choose for a parameter of unknown type).
pub fn int4(n: i64) -> Yaml {
    Yaml::Tagged(Box::new(serde_yaml::value::TaggedValue {
        tag: serde_yaml::value::Tag::new("int4"),
        value: Yaml::from(n),
    }))
}

/// The text of an integer made by [`int4`].
pub fn int4_text(v: &Yaml) -> Option<String> {
    match v {
        Yaml::Tagged(t) if t.tag == "int4" => t.value.as_i64().map(|n| n.to_string()),
        _ => None,
    }
}

fn unsupported_tag(v: &Yaml) -> String {
    match v {
        Yaml::Tagged(t) => format!(
            "YAML tag {} is not supported in a parameter (only !decimal)",
            t.tag
        ),
        _ => "not a tagged value".to_string(),
    }
}

impl TextParam {
    /// The types the parameters are declared with when the statement is prepared: booleans
    /// as `boolean`, as psycopg sends Python's bools (`CASE WHEN ... THEN $1 ELSE $2 END` is
    /// then a condition), the rest left for the server to infer.
    /// A parameter type left to the server to infer (oid 0 in Parse).
    pub fn unspecified_type() -> Type {
        Type::new(
            "unspecified".into(),
            0,
            tokio_postgres::types::Kind::Pseudo,
            "pg_catalog".into(),
        )
    }

    pub fn types(params: &[Yaml]) -> Vec<Type> {
        // A float is typed numeric, as the literal Django's client-side binding writes
        // (`"rating" * 1.5`); left unknown the server would take the other operand's type.
        let declared = |p: &Yaml| match p {
            Yaml::Bool(_) => Some(Type::BOOL),
            Yaml::Number(n) if n.is_f64() => Some(Type::NUMERIC),
            _ if int4_text(p).is_some() => Some(Type::INT4),
            _ => None,
        };
        let Some(last) = params.iter().rposition(|p| declared(p).is_some()) else {
            return Vec::new();
        };
        params[..=last]
            .iter()
            .map(|p| declared(p).unwrap_or_else(Self::unspecified_type))
            .collect()
    }
}

impl ToSql for TextParam {
    fn to_sql(&self, _ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match &self.0 {
            Some(text) => {
                out.extend_from_slice(text.as_bytes());
                Ok(IsNull::No)
            }
            None => Ok(IsNull::Yes),
        }
    }

    // The server parses text for any type, so every inferred parameter type is fine.
    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, _ty: &Type) -> Format {
        Format::Text
    }

    to_sql_checked!();
}

/// Renders a YAML sequence as a PostgreSQL array literal. Every non-NULL scalar is double-quoted,
/// which PostgreSQL accepts for any element type and which protects spaces, commas and "NULL".
fn array_literal(items: &[Yaml]) -> Result<String, String> {
    let mut out = String::from("{");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            Yaml::Sequence(inner) => out.push_str(&array_literal(inner)?),
            other => match TextParam::from_yaml(other)?.0 {
                None => out.push_str("NULL"),
                Some(text) => {
                    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
                    let _ = write!(out, "\"{escaped}\"");
                }
            },
        }
    }
    out.push('}');
    Ok(out)
}

/// A YAML number as plain decimal text (no exponent), which every numeric input function accepts
/// and which `compare::decimal_eq` can compare digit by digit.
pub(super) fn number_text(n: &serde_yaml::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        match n.as_f64() {
            Some(f) if f.is_nan() => "NaN".into(),
            Some(f) if f.is_infinite() => if f > 0.0 { "Infinity" } else { "-Infinity" }.into(),
            Some(f) => format!("{f}"),
            None => n.to_string(),
        }
    }
}

pub(super) fn yaml_to_json(v: &Yaml) -> Result<Json, String> {
    Ok(match v {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(*b),
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.into(),
            (_, Some(u), _) => u.into(),
            (_, _, f) => f
                .and_then(serde_json::Number::from_f64)
                .map(Json::Number)
                .ok_or_else(|| format!("{n} cannot be represented in JSON"))?,
        },
        Yaml::Sequence(items) => {
            Json::Array(items.iter().map(yaml_to_json).collect::<Result<_, _>>()?)
        }
        Yaml::Mapping(m) => Json::Object(
            m.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Number(n) => n.to_string(),
                        Yaml::Bool(b) => b.to_string(),
                        _ => return Err(format!("a JSON object key must be a scalar, not {k:?}")),
                    };
                    Ok((key, yaml_to_json(v)?))
                })
                .collect::<Result<_, String>>()?,
        ),
        Yaml::Tagged(t) => return Err(format!("YAML tag {} is not supported in JSON", t.tag)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Yaml {
        serde_yaml::from_str(s).expect("test YAML")
    }

    #[test]
    fn params_from_yaml() {
        let p = |s: &str| TextParam::from_yaml(&yaml(s)).expect("param").0;
        assert_eq!(p("abc"), Some("abc".into()));
        assert_eq!(p("42"), Some("42".into()));
        assert_eq!(p("1.0e-10"), Some("0.0000000001".into()));
        assert_eq!(p("true"), Some("true".into()));
        assert_eq!(p("~"), None);
        assert_eq!(
            p(r#"["a b", 'x"y', null, [1, 2.5], "NULL", "\\"]"#),
            Some(r#"{"a b","x\"y",NULL,{"1","2.5"},"NULL","\\"}"#.into())
        );
        assert_eq!(p("{a: 1, b: [x]}"), Some(r#"{"a":1,"b":["x"]}"#.into()));
        assert!(TextParam::from_yaml(&yaml("!foo 1")).is_err());
    }

    #[test]
    fn int4_params_are_declared_as_integers() {
        let params = [Yaml::from("k"), int4(0), Yaml::from(1)];
        assert_eq!(
            TextParam::from_yaml(&params[1]),
            Ok(TextParam(Some("0".into())))
        );
        let types = TextParam::types(&params);
        assert_eq!(types.len(), 2);
        assert_eq!((types[0].oid(), &types[1]), (0, &Type::INT4));
        assert_eq!(crate::db::value::param_literal(&params[1]), "0");
    }
}

#[cfg(test)]
mod decimal_tests {
    use super::*;

    #[test]
    fn decimals_keep_their_scale_as_parameters_and_literals() {
        let d = decimal("12.50");
        assert_eq!(decimal_text(&d).as_deref(), Some("12.50"));
        assert_eq!(
            TextParam::from_yaml(&d).unwrap(),
            TextParam(Some("12.50".into()))
        );
        assert_eq!(crate::db::value::yaml_literal(&d), "12.50");
        let written: Yaml = serde_yaml::from_str("!decimal 0.10").unwrap();
        assert_eq!(decimal_text(&written).as_deref(), Some("0.1"));
        let quoted: Yaml = serde_yaml::from_str("!decimal '0.10'").unwrap();
        assert_eq!(decimal_text(&quoted).as_deref(), Some("0.10"));
        assert!(TextParam::from_yaml(&serde_yaml::from_str("!other 1").unwrap()).is_err());
    }
}
