//! A JSONField's key transforms (`attributes__color`, `attributes__dims__w`, `attributes__0`)
//! as Django's `KeyTransform` and `KeyTextTransform` write them for PostgreSQL: `(col -> %s)`
//! for one key, `(col #> %s)` with the keys as a text array for several, and `->>` / `#>>`
//! where a text lookup reads the value as text (`KeyTransformTextLookupMixin`).

use serde_yaml::Value as Yaml;

use super::expr::Expr;
use super::lookup::Lookup;
use crate::sql::compiler::Builder;

/// The parts after a JSONField: the keys, then the lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTail {
    pub keys: Vec<String>,
    pub lookup: Lookup,
}

/// Reads the parts after a JSONField as `build_lookup` does: a JSONField (and a key of it)
/// takes any name that is not a lookup as a key (`get_transform` falls back to
/// `KeyTransformFactory`), and only the last part is tried as a lookup, so `year` or even
/// `contains` before the end is a key.
pub fn parse_key_tail(parts: &[&str]) -> KeyTail {
    let (last, keys) = match parts.split_last() {
        Some((last, keys)) => (*last, keys),
        None => {
            return KeyTail {
                keys: Vec::new(),
                lookup: Lookup::Exact,
            }
        }
    };
    let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    let lookup = match Lookup::named(last) {
        Some(lookup) => lookup,
        None => {
            keys.push(last.to_string());
            Lookup::Exact
        }
    };
    KeyTail { keys, lookup }
}

/// Whether a lookup on a key reads the key's value as text (`->>`): the text lookups, whose
/// `KeyTransformTextLookupMixin` swaps the key for a KeyTextTransform. `contains` on a key
/// is the JSON `@>`, not one of them.
pub fn reads_text(lookup: Lookup) -> bool {
    use Lookup::*;
    matches!(
        lookup,
        IExact | IContains | StartsWith | IStartsWith | EndsWith | IEndsWith | Regex | IRegex
    )
}

/// A lookup on an expression whose value is JSON (an annotation `F("attributes__dims")`),
/// as the JSONField's lookups take it: `contains` is `@>`, a text lookup reads a key with
/// `->>`, and the values that the field prepares are sent as JSON.
pub fn json_lookup(lhs: Expr, lookup: Lookup, value: &Yaml) -> (Expr, Lookup, Yaml) {
    let lookup = match lookup {
        Lookup::Contains => Lookup::DataContains,
        other => other,
    };
    let lhs = match lhs {
        Expr::Key { arg, keys, .. } => Expr::Key {
            arg,
            keys,
            text: reads_text(lookup),
        },
        other => other,
    };
    let value = match (lookup, value) {
        _ if !lookup.prepares_value() => value.clone(),
        (_, Yaml::Sequence(items)) => Yaml::Sequence(items.iter().map(json_value).collect()),
        _ => json_value(value),
    };
    (lhs, lookup, value)
}

/// A value as JSON text; None too (`JSONExact` compares with JSON null, not IS NULL).
pub fn json_value(value: &Yaml) -> Yaml {
    match crate::db::value::python_json(value) {
        Ok(text) => Yaml::String(text),
        Err(_) => value.clone(),
    }
}

/// The parameter of a single key: an integer when the key reads as one (`int(key_name)`,
/// an array index), declared `integer` so that the server picks `jsonb -> integer`; else
/// the key as text.
fn key_param(key: &str) -> Yaml {
    match key.parse::<i64>() {
        Ok(index) => crate::db::value::int4(index),
        Err(_) => Yaml::String(key.to_string()),
    }
}

/// Writes `(arg -> %s)`, or `(arg #> %s)` with the keys as an array for nested keys; `text`
/// the `->>` and `#>>` forms.
pub fn render_key(b: &mut Builder, arg: &Expr, keys: &[String], text: bool) {
    b.push("(");
    arg.render(b);
    let suffix = if text { ">" } else { "" };
    match keys {
        [key] => {
            b.push(&format!(" ->{suffix} "));
            b.param(key_param(key));
        }
        _ => {
            b.push(&format!(" #>{suffix} "));
            b.param(Yaml::Sequence(
                keys.iter().map(|k| Yaml::String(k.clone())).collect(),
            ));
        }
    }
    b.push(")");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_but_a_last_lookup_is_a_key() {
        let tail = parse_key_tail(&["dims", "w", "gt"]);
        assert_eq!(tail.keys, ["dims", "w"]);
        assert_eq!(tail.lookup, Lookup::Gt);
        let tail = parse_key_tail(&["year"]);
        assert_eq!(
            (tail.keys, tail.lookup),
            (vec!["year".into()], Lookup::Exact)
        );
        let tail = parse_key_tail(&["contains", "x"]);
        assert_eq!(tail.keys, ["contains", "x"]);
        assert_eq!(parse_key_tail(&["has_key"]).keys, Vec::<String>::new());
    }

    #[test]
    fn one_key_is_an_operand_several_a_path() {
        let col = Expr::col("t", "a");
        let mut b = Builder::new();
        render_key(&mut b, &col, &["0".into()], false);
        b.push(" ");
        render_key(&mut b, &col, &["dims".into(), "w".into()], true);
        let q = b.finish();
        assert_eq!(q.sql, r#"("t"."a" -> $1) ("t"."a" #>> $2)"#);
        assert_eq!(q.params[0], crate::db::value::int4(0));
        assert_eq!(q.params[1], Yaml::Sequence(vec!["dims".into(), "w".into()]));
    }

    #[test]
    fn json_annotations_take_json_values_and_text_keys() {
        let key = Expr::Key {
            arg: Box::new(Expr::col("t", "a")),
            keys: vec!["c".into()],
            text: false,
        };
        let (lhs, lookup, value) = json_lookup(key.clone(), Lookup::IContains, &"E".into());
        assert!(matches!(lhs, Expr::Key { text: true, .. }));
        assert_eq!((lookup, value), (Lookup::IContains, "E".into()));
        let (_, lookup, value) = json_lookup(key, Lookup::Contains, &Yaml::Null);
        assert_eq!((lookup, value), (Lookup::DataContains, "null".into()));
    }
}
