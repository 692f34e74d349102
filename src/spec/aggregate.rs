//! Aggregates as a `query:` step writes them: `{count: entry, distinct: true}`, `{sum: x,
//! default: 0}`, `{std_dev: rating, sample: true}`, and django.contrib.postgres's
//! `{array_agg: name, ordering: -name}`, `{string_agg: [name, ", "]}`, `{bool_and: {rating__gt:
//! 1}}`, `{jsonb_agg: x}`, with what their constructors add or refuse.

use serde_yaml::{Mapping, Value};

use super::expression::{Expression, Ordering};
use super::query::Q;

impl Expression {
    /// An aggregate and its options, as Django's constructors take them: `distinct` where
    /// `allow_distinct`, StringAgg's delimiter as its second argument (`{string_agg: [name,
    /// ", "]}`), StdDev's and Variance's `sample` picking the function, BoolAnd's condition.
    pub(super) fn aggregate(name: &str, arg: &Value, map: &Mapping) -> Result<Expression, String> {
        let flag = |key: &str| -> Result<bool, String> {
            match map.get(key) {
                Some(v) => v.as_bool().ok_or(format!("`{key}` is true or false")),
                None => Ok(false),
            }
        };
        let filter = match map.get("filter") {
            Some(Value::Mapping(m)) => Some(Q::condition(m)?),
            Some(_) => return Err("an aggregate's `filter` is a filter (a mapping)".into()),
            None => None,
        };
        let sample = flag("sample")?;
        let function = match name {
            "count" => "COUNT",
            "sum" => "SUM",
            "avg" => "AVG",
            "min" => "MIN",
            "max" => "MAX",
            "std_dev" if sample => "STDDEV_SAMP",
            "std_dev" => "STDDEV_POP",
            "variance" if sample => "VAR_SAMP",
            "variance" => "VAR_POP",
            "array_agg" => "ARRAY_AGG",
            "string_agg" => "STRING_AGG",
            "bool_and" => "BOOL_AND",
            "bool_or" => "BOOL_OR",
            _ => "JSONB_AGG",
        };
        // Django wraps a default that is not an expression in Value(): a name is text here.
        let default = match map.get("default") {
            Some(Value::Mapping(m)) => Some(Expression::from_mapping(m, &[])?),
            Some(value) => Some(Expression::Value(value.clone())),
            None => None,
        };
        if name == "count" && default.is_some() {
            return Err("Django raises TypeError: Count does not allow default.".to_string());
        }
        let star = name == "count" && arg.as_str() == Some("*");
        if star && filter.is_some() {
            return Err("Count(\"*\") cannot take a filter: count a field".to_string());
        }
        let one = |arg: &Value| -> Result<Box<Expression>, String> {
            match arg {
                Value::Sequence(_) => Err(format!("`{name}` takes one expression, not a list")),
                // BoolAnd(Q(...)): a mapping that names no function is a condition.
                Value::Mapping(m)
                    if name.starts_with("bool_") && Expression::from_rhs(arg).is_none() =>
                {
                    Ok(Box::new(Expression::Condition(Q::condition(m)?)))
                }
                other => Ok(Box::new(
                    Expression::parse(other).map_err(|e| format!("{name}: {e}"))?,
                )),
            }
        };
        let (arg, extra) = match (name, arg) {
            ("count", _) if star => (None, Vec::new()),
            ("string_agg", Value::Sequence(items)) if items.len() == 2 => {
                let delimiter = match &items[1] {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => {
                        return Err(
                            "StringAgg's delimiter is text: `{string_agg: [name, \", \"]}`".into(),
                        )
                    }
                };
                (
                    Some(one(&items[0])?),
                    vec![Expression::Value(Value::String(delimiter))],
                )
            }
            ("string_agg", _) => {
                return Err("`string_agg` takes [expression, delimiter]".to_string())
            }
            (_, arg) => (Some(one(arg)?), Vec::new()),
        };
        let ordering = match name {
            "array_agg" | "string_agg" | "jsonb_agg" => Some(match map.get("ordering") {
                None => Vec::new(),
                Some(Value::Sequence(items)) => items
                    .iter()
                    .map(Ordering::parse)
                    .collect::<Result<_, _>>()?,
                Some(one) => vec![Ordering::parse(one)?],
            }),
            _ => None,
        };
        Ok(Expression::Aggregate {
            function,
            arg,
            distinct: flag("distinct")?,
            filter,
            extra,
            ordering,
            default: default.map(Box::new),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Expression, String> {
        Expression::parse(&serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn aggregates_take_django_options() {
        let aggregate = |yaml: &str| match parse(yaml).unwrap() {
            Expression::Aggregate {
                function,
                arg,
                extra,
                ordering,
                default,
                ..
            } => (function, arg, extra, ordering, default),
            other => panic!("an aggregate, not {other:?}"),
        };
        let (function, _, extra, ordering, _) =
            aggregate(r#"{string_agg: [name, ", "], ordering: [-id, name]}"#);
        assert_eq!(function, "STRING_AGG");
        assert_eq!(extra, [Expression::Value(", ".into())]);
        assert_eq!(ordering.map(|o| o.len()), Some(2));
        assert_eq!(aggregate("{std_dev: x, sample: true}").0, "STDDEV_SAMP");
        assert_eq!(aggregate("{variance: x}").0, "VAR_POP");
        // Only the orderable aggregates write ` ORDER BY` (or their template's lone space).
        assert_eq!(aggregate("{array_agg: x}").3, Some(Vec::new()));
        assert_eq!(aggregate("{max: x}").3, None);
        let (_, arg, ..) = aggregate("{bool_and: {rating__gt: 1}}");
        assert!(matches!(arg.as_deref(), Some(Expression::Condition(_))));
        // A default that is not a mapping is a Value, a name included.
        let default = aggregate("{string_agg: [name, '-'], default: name}").4;
        assert_eq!(default.as_deref(), Some(&Expression::Value("name".into())));
        assert!(parse("{count: x, default: 0}")
            .unwrap_err()
            .contains("Count does not allow default."));
        assert!(parse("{string_agg: name}")
            .unwrap_err()
            .contains("delimiter"));
        assert!(parse("{bool_and: x, distinct: true}")
            .unwrap_err()
            .contains("takes no option `distinct`"));
    }
}
