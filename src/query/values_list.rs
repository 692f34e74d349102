//! values_list()'s arguments as Django's `QuerySet.values_list` names them: an expression is
//! selected under its default alias (an aggregate's `<field>__<name>`, else its class's name
//! in lower case) followed by a counter (`lower1`, `id__count1`), a name given twice under
//! itself and a counter (`id`, `id1`), the counter only ever growing; then `_values`:
//! the expressions annotated, the names selected.

use std::collections::HashMap;

use crate::spec::{Expression, ValuesItem};

/// What values_list() hands to `_values`: the names it selects, in order, and the
/// expressions it annotates under theirs.
pub struct Selection {
    pub names: Vec<String>,
    pub expressions: Vec<(String, Expression)>,
}

/// values_list()'s arguments named as Django names them.
pub fn values_list_names(items: &[ValuesItem]) -> Result<Selection, String> {
    // Whether each name is taken; the plain names start untaken.
    let mut taken: HashMap<String, bool> = items
        .iter()
        .filter_map(|item| match item {
            ValuesItem::Name(name) => Some((name.clone(), false)),
            ValuesItem::Expr(_) => None,
        })
        .collect();
    let mut names = Vec::new();
    let mut expressions = Vec::new();
    let mut counter = 1;
    for item in items {
        let (mut name, expression, seen) = match item {
            ValuesItem::Expr(expression) => {
                (default_alias(expression)?, Some(expression.clone()), true)
            }
            ValuesItem::Name(name) => {
                let seen = taken.get(name).copied().unwrap_or_default();
                (
                    name.clone(),
                    seen.then(|| Expression::F(name.clone())),
                    seen,
                )
            }
        };
        if seen {
            let prefix = name.clone();
            loop {
                name = format!("{prefix}{counter}");
                if !taken.contains_key(&name) {
                    break;
                }
                counter += 1;
            }
        }
        if let Some(expression) = expression {
            expressions.push((name.clone(), expression));
        }
        taken.insert(name.clone(), true);
        names.push(name);
    }
    Ok(Selection { names, expressions })
}

/// `getattr(expression, "default_alias", type(expression).__name__.lower())`: only an
/// aggregate has one, which raises for anything but one named source.
fn default_alias(expression: &Expression) -> Result<String, String> {
    Ok(match expression {
        Expression::Aggregate {
            function,
            arg,
            filter,
            extra,
            ordering,
            ..
        } => {
            let ordered = ordering.as_ref().is_some_and(|o| !o.is_empty());
            match (arg.as_deref(), filter, extra.is_empty() && !ordered) {
                (Some(Expression::F(name)), None, true) => {
                    // Aggregate.name: the class name; PostgreSQL's aggregates have none.
                    let class = match *function {
                        "STDDEV_POP" | "STDDEV_SAMP" => "stddev",
                        "VAR_POP" | "VAR_SAMP" => "variance",
                        "COUNT" | "SUM" | "AVG" | "MIN" | "MAX" => "",
                        _ => {
                            return Err(
                                "AttributeError: 'NoneType' object has no attribute 'lower'"
                                    .to_string(),
                            )
                        }
                    };
                    match class {
                        "" => format!("{name}__{}", function.to_lowercase()),
                        class => format!("{name}__{class}"),
                    }
                }
                _ => return Err("TypeError: Complex expressions require an alias".to_string()),
            }
        }
        Expression::Condition(_) => "q".to_string(),
        Expression::Window { .. } => "window".to_string(),
        Expression::F(_) => "f".to_string(),
        Expression::Value(_) | Expression::TypedValue { .. } => "value".to_string(),
        Expression::OuterRef(_) => "outerref".to_string(),
        Expression::Arith { .. } => "combinedexpression".to_string(),
        // Django's function classes are the variants' names: `Lower` is `lower`.
        Expression::Func { function, .. } => format!("{function:?}").to_lowercase(),
        Expression::Trunc { kind, .. } => format!("trunc{kind}"),
        // `ExtractIsoWeekDay` is `extractisoweekday`.
        Expression::Extract { part, .. } => format!("extract{}", part.replace('_', "")),
        Expression::Cast { .. } => "cast".to_string(),
        Expression::Case { .. } => "case".to_string(),
        Expression::Exists { .. } => "exists".to_string(),
        Expression::Subquery(_) => "subquery".to_string(),
        Expression::InQuery(_) => "queryset".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(yaml: &str) -> Result<Vec<String>, String> {
        let op: crate::spec::QueryOp =
            serde_yaml::from_str(&format!("{{model: E, values_list: {yaml}}}")).unwrap();
        let crate::spec::Call::ValuesList(items) = &op.chain[0] else {
            panic!("values_list")
        };
        values_list_names(items).map(|s| s.names)
    }

    #[test]
    fn expressions_and_repeated_names_take_a_counter() {
        assert_eq!(
            names("[id, {lower: headline}, {upper: headline}, {lower: body}]").unwrap(),
            ["id", "lower1", "upper1", "lower2"]
        );
        assert_eq!(names("[id, id, id]").unwrap(), ["id", "id1", "id2"]);
        assert_eq!(names("[{F: rating}, f1]").unwrap(), ["f2", "f1"]);
        assert_eq!(
            names("[blog, {count: id}]").unwrap(),
            ["blog", "id__count1"]
        );
        assert_eq!(
            names("[{count: \"*\"}]").unwrap_err(),
            "TypeError: Complex expressions require an alias"
        );
    }
}
