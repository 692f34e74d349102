//! Owns [`Value::matches_yaml`]: whether an actual result value equals a value written in YAML
//! (numbers by value, decimals digit by digit, JSON structurally).

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

use super::param::{number_text, yaml_to_json};
use super::Value;

impl Value {
    /// Does this actual value equal the value written in YAML? Numbers compare numerically with
    /// Int/Float/Numeric, strings with the value's text rendering, sequences element-wise with
    /// arrays, and anything against a Json value compares as JSON.
    pub fn matches_yaml(&self, expected: &Yaml) -> bool {
        match (self, expected) {
            (Value::Json(actual), _) => json_matches(actual, expected),
            (Value::Null, Yaml::Null) => true,
            (Value::Bool(a), Yaml::Bool(b)) => a == b,
            (Value::Int(i), Yaml::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(e), _, _) => *i == e,
                (_, Some(_), _) => false, // above i64::MAX
                (_, _, f) => f == Some(*i as f64),
            },
            (Value::Float(x), Yaml::Number(n)) => n
                .as_f64()
                .is_some_and(|e| *x == e || (x.is_nan() && e.is_nan())),
            (Value::Numeric(s), Yaml::Number(n)) => decimal_eq(s, &number_text(n)),
            (_, Yaml::Tagged(_)) => match (super::param::decimal_text(expected), self) {
                (Some(text), Value::Numeric(s)) => decimal_eq(s, &text),
                (Some(text), Value::Int(i)) => decimal_eq(&i.to_string(), &text),
                _ => false,
            },
            (Value::Array(items), Yaml::Sequence(exp)) => {
                items.len() == exp.len() && items.iter().zip(exp).all(|(a, e)| a.matches_yaml(e))
            }
            (_, Yaml::String(s)) => self.text().is_some_and(|t| t == *s),
            _ => false,
        }
    }
}

/// Compares two decimal strings numerically ("1" == "1.00" == "01.0"); anything that is not a
/// plain decimal (NaN, Infinity) must match exactly.
fn decimal_eq(a: &str, b: &str) -> bool {
    fn normalize(s: &str) -> Option<(bool, &str, &str)> {
        let (neg, body) = s.strip_prefix('-').map_or((false, s), |b| (true, b));
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty()
            || !(int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
        Some((neg && !(int.is_empty() && frac.is_empty()), int, frac))
    }
    match (normalize(a), normalize(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn json_matches(actual: &Json, expected: &Yaml) -> bool {
    match expected {
        // A string may hold JSON text ('{"a": 1}') or be the content of a JSON string. (Text
        // that does not parse can never equal the actual value's JSON text, so no third case.)
        Yaml::String(s) => {
            serde_json::from_str::<Json>(s).is_ok_and(|e| json_eq(actual, &e))
                || actual.as_str() == Some(s.as_str())
        }
        _ => yaml_to_json(expected).is_ok_and(|e| json_eq(actual, &e)),
    }
}

/// JSON equality where numbers compare by value, so 1 equals 1.0.
fn json_eq(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Yaml {
        serde_yaml::from_str(s).expect("test YAML")
    }

    #[test]
    fn matching() {
        let (num, text) = (
            |s: &str| Value::Numeric(s.into()),
            |s: &str| Value::Text(s.into()),
        );
        let json = Value::Json(serde_json::json!({"a": [1, "x"]}));
        let arr = Value::Array(vec![Value::Int(1), Value::Null]);
        let cases = [
            (num("1.00"), "1", true),
            (num("12.50"), "12.5", true),
            (num("12.50"), "'12.50'", true),
            (num("12.50"), "'12.5'", false),
            (num("1.01"), "1", false),
            (num("-0.001"), "-1.0e-3", true),
            (Value::Float(1.0), "1", true),
            (Value::Float(0.1), "0.1", true),
            (Value::Int(1), "1.0", true),
            (Value::Int(42), "'42'", true),
            (Value::Bool(true), "true", true),
            (Value::Bool(true), "'true'", false),
            (Value::Null, "null", true),
            (Value::Null, "'NULL'", false),
            (text("2024-01-02"), "2024-01-02", true),
            (text("1"), "1", false),
            (json.clone(), "{a: [1.0, x]}", true),
            (json.clone(), r#"'{"a": [1, "x"]}'"#, true),
            (json, "{a: 1}", false),
            (Value::Json(serde_json::json!("s")), "s", true),
            (arr.clone(), "[1, null]", true),
            (arr.clone(), "[1]", false),
        ];
        for (value, expected, want) in cases {
            assert_eq!(
                value.matches_yaml(&yaml(expected)),
                want,
                "{value:?} vs {expected}"
            );
        }
    }
}
