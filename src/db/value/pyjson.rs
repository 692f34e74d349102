//! JSON text as Python's `json.dumps()` writes it (`", "` and `": "` separators, non-ASCII
//! escaped as `\uXXXX`, floats as `repr()`), which is what Django's JSONField sends: the
//! parameters of a JSON column read as Django's do.

use serde_yaml::Value as Yaml;

use super::param::decimal_text;

/// `json.dumps(value)` of a YAML value (a decimal is written as its number).
pub fn python_json(value: &Yaml) -> Result<String, String> {
    let mut out = String::new();
    write_value(&mut out, value)?;
    Ok(out)
}

fn write_value(out: &mut String, value: &Yaml) -> Result<(), String> {
    match value {
        Yaml::Null => out.push_str("null"),
        Yaml::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Yaml::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => out.push_str(&i.to_string()),
            (_, Some(u), _) => out.push_str(&u.to_string()),
            (_, _, Some(f)) => out.push_str(&float_repr(f)),
            _ => return Err(format!("{n} is not a JSON number")),
        },
        Yaml::String(s) => write_string(out, s),
        Yaml::Sequence(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item)?;
            }
            out.push(']');
        }
        Yaml::Mapping(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let key = match k {
                    Yaml::String(s) => s.clone(),
                    Yaml::Number(_) | Yaml::Bool(_) | Yaml::Null => python_json(k)?,
                    _ => return Err("a JSON object key must be a scalar".to_string()),
                };
                write_string(out, &key);
                out.push_str(": ");
                write_value(out, v)?;
            }
            out.push('}');
        }
        Yaml::Tagged(_) => match decimal_text(value) {
            Some(text) => out.push_str(&text),
            None => return Err("only !decimal tags can be written as JSON".to_string()),
        },
    }
    Ok(())
}

/// A JSON string with `ensure_ascii=True`: `"`, `\` and control characters escaped,
/// everything beyond ASCII as `\uXXXX` (UTF-16 surrogate pairs above U+FFFF).
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Python's `repr(float)`: the shortest digits that read back, in fixed notation for
/// exponents from -4 to 15 (`0.0001`, `1.0`, `1e+16`), `NaN` and `Infinity` as json.dumps
/// writes them (`repr` itself writes `nan` and `inf`).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} has an exponent");
    let exponent: i32 = exponent.parse().expect("the exponent is a number");
    if (-4..16).contains(&exponent) {
        let fixed = format!("{f}");
        return if fixed.contains('.') {
            fixed
        } else {
            format!("{fixed}.0")
        };
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dumps(yaml: &str) -> String {
        python_json(&serde_yaml::from_str(yaml).unwrap()).unwrap()
    }

    // Expected texts printed by CPython 3.11's json.dumps.
    #[test]
    fn writes_as_json_dumps_does() {
        assert_eq!(dumps("{}"), "{}");
        assert_eq!(dumps("{color: red, n: 1}"), r#"{"color": "red", "n": 1}"#);
        assert_eq!(dumps("[1, 2.5, null, true]"), "[1, 2.5, null, true]");
        assert_eq!(
            dumps("'caf\u{e9} \u{1F600}'"),
            r#""caf\u00e9 \ud83d\ude00""#
        );
        assert_eq!(dumps(r#""a\"b\\c\nd""#), r#""a\"b\\c\nd""#);
        assert_eq!(dumps("{1: x}"), r#"{"1": "x"}"#);
        assert_eq!(dumps("1.0"), "1.0");
        assert_eq!(dumps("1e16"), "1e+16");
        assert_eq!(dumps("0.0001"), "0.0001");
        assert_eq!(dumps("0.00001"), "1e-05");
        assert_eq!(dumps("123456789012345.6"), "123456789012345.6");
        assert_eq!(dumps("!decimal '2.50'"), "2.50");
    }
}
