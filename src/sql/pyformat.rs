//! SQL written with Python DB-API placeholders (`%s`, `%(name)s`, `%%`), as application code
//! passes it to `Model.objects.raw()` and `cursor.execute()`, turned into a statement with
//! `$n` placeholders by psycopg 3's rules: `%s`, `%b` and `%t` are placeholders, `%%` is a
//! literal `%`, anything else after `%` is an error, and positional and named placeholders
//! do not mix.

use serde_yaml::{Mapping, Value};

use super::compiler::{Builder, Query};

/// The parameters given with the SQL: a sequence for `%s`, a mapping for `%(name)s`.
#[derive(Debug, Clone, PartialEq)]
pub enum PyParams {
    Positional(Vec<Value>),
    Named(Mapping),
}

impl PyParams {
    /// Reads `params:` as written in a spec.
    pub fn from_yaml(value: &Value) -> Result<PyParams, String> {
        match value {
            Value::Sequence(items) => Ok(PyParams::Positional(items.clone())),
            Value::Mapping(map) => {
                if map.keys().any(|k| !k.is_string()) {
                    return Err("the names of named parameters are text".to_string());
                }
                Ok(PyParams::Named(map.clone()))
            }
            _ => Err("`params` is a list (for %s) or a mapping (for %(name)s)".to_string()),
        }
    }
}

enum Piece<'a> {
    Text(String),
    Positional,
    Named(&'a str),
}

/// Splits `sql` at its placeholders, unescaping `%%`.
fn pieces(sql: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = sql;
    while let Some(at) = rest.find('%') {
        text.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let mut chars = after.chars();
        match chars.next() {
            Some('%') => {
                text.push('%');
                rest = &after[1..];
            }
            Some('(') => {
                let close = after
                    .find(')')
                    .ok_or_else(|| "incomplete placeholder: '%('".to_string())?;
                let name = &after[1..close];
                let format = after[close + 1..].chars().next();
                check_format(format)?;
                out.push(Piece::Text(std::mem::take(&mut text)));
                out.push(Piece::Named(name));
                rest = &after[close + 2..];
            }
            format => {
                check_format(format)?;
                out.push(Piece::Text(std::mem::take(&mut text)));
                out.push(Piece::Positional);
                rest = &after[1..];
            }
        }
    }
    text.push_str(rest);
    out.push(Piece::Text(text));
    Ok(out)
}

fn check_format(format: Option<char>) -> Result<(), String> {
    match format {
        Some('s' | 'b' | 't') => Ok(()),
        Some(other) => Err(format!(
            "only '%s', '%b', '%t' are allowed as placeholders, got '%{other}'"
        )),
        None => Err("incomplete placeholder: '%'".to_string()),
    }
}

/// The statement psycopg sends for `execute(sql, params)`. Errors are psycopg's
/// ProgrammingError messages, found before anything is sent.
pub fn bind(sql: &str, params: &PyParams) -> Result<Query, String> {
    let pieces = pieces(sql)?;
    let positional = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Positional))
        .count();
    let named = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Named(_)))
        .count();
    if positional > 0 && named > 0 {
        return Err("positional and named placeholders cannot be mixed".to_string());
    }
    let mut builder = Builder::new();
    let mut next = 0;
    for piece in &pieces {
        match piece {
            Piece::Text(text) => {
                builder.push(text);
            }
            Piece::Positional => {
                let PyParams::Positional(values) = params else {
                    return Err("named parameters given to a query with %s placeholders".into());
                };
                let value = values.get(next).cloned().ok_or_else(|| {
                    format!(
                        "the query has {positional} placeholders but {} parameters were passed",
                        values.len()
                    )
                })?;
                builder.param(client_bound(value));
                next += 1;
            }
            Piece::Named(name) => {
                let PyParams::Named(values) = params else {
                    return Err(
                        "query parameter missing: a mapping is needed for %(name)s placeholders"
                            .into(),
                    );
                };
                let value = values
                    .get(*name)
                    .cloned()
                    .ok_or_else(|| format!("query parameter missing: {name}"))?;
                builder.param(client_bound(value));
            }
        }
    }
    if let PyParams::Positional(values) = params {
        if values.len() != positional {
            return Err(format!(
                "the query has {positional} placeholders but {} parameters were passed",
                values.len()
            ));
        }
    }
    Ok(builder.finish())
}

/// A parameter as Django's client-side binding writes it into the statement: an integer
/// is a literal the server types as integer (`SELECT %s` with 1 returns 1, not '1'), so one
/// that fits is declared int4; NULL is written in by the recorder.
fn client_bound(value: Value) -> Value {
    match value.as_i64() {
        Some(n) if value.is_i64() && i32::try_from(n).is_ok() => crate::db::value::int4(n),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(values: &[i64]) -> PyParams {
        PyParams::Positional(values.iter().map(|&v| Value::from(v)).collect())
    }

    #[test]
    fn positional_and_named_placeholders_become_numbered() {
        let q = bind(
            "SELECT * FROM t WHERE a = %s AND b LIKE 'x%%' AND c = %s",
            &list(&[1, 2]),
        )
        .unwrap();
        assert_eq!(
            q.sql,
            "SELECT * FROM t WHERE a = $1 AND b LIKE 'x%' AND c = $2"
        );
        // Integers are declared int4, as client-side binding types their literals.
        let int4 = crate::db::value::int4;
        assert_eq!(q.params, vec![int4(1), int4(2)]);
        let big = bind("SELECT %s, %s", &list(&[3_000_000_000, 1])).unwrap();
        assert_eq!(big.params, vec![Value::from(3_000_000_000i64), int4(1)]);
        let named: Mapping = serde_yaml::from_str("{low: 1}").unwrap();
        let q = bind("SELECT %(low)s, %(low)s", &PyParams::Named(named)).unwrap();
        assert_eq!(q.sql, "SELECT $1, $2");
    }

    #[test]
    fn psycopg_refusals() {
        let err = |sql: &str, p: &PyParams| bind(sql, p).unwrap_err();
        assert!(err("SELECT %s, %s", &list(&[1])).contains("2 placeholders but 1"));
        assert!(err("SELECT %s", &list(&[1, 2])).contains("1 placeholders but 2"));
        assert!(err("SELECT %d", &list(&[1])).contains("got '%d'"));
        assert!(err("SELECT 5 %", &list(&[])).contains("incomplete"));
        let named: Mapping = serde_yaml::from_str("{a: 1}").unwrap();
        assert!(err("SELECT %(b)s", &PyParams::Named(named)).contains("missing: b"));
        assert!(err("SELECT %s, %(a)s", &list(&[1])).contains("mixed"));
    }
}
