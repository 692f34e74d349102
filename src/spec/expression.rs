//! Django's query expressions as a `query:` step writes them: a mapping named by its function
//! (`{lower: name}`, `{concat: [first, {value: " "}, last]}`, `{count: entry, filter: {...}}`,
//! `{case: [{when: {...}, then: ...}], default: ...}`, `{exists: {model: ..., filter: ...}}`),
//! arithmetic as operator keys applied in the order written (`{F: rating, "*": 2}`), a bare
//! name for a field (as Django's functions take `"name"` for `F("name")`) and any other
//! scalar for a `Value`. Checked when the spec is loaded; names are resolved later.

use serde_yaml::{Mapping, Value};

pub use super::function::Function;
use super::function::{function_defaults, EXTRACTS, FUNCTIONS};
pub use super::output_field::OutputField;
use super::query::{QueryOp, Q};

/// An expression, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Expression {
    /// `F("name")`: a field, a path through relations, or an annotation.
    F(String),
    /// `Value(x)`.
    Value(Value),
    /// `Value(x, output_field=...)`: the value as the field prepares it, of the field's type.
    TypedValue {
        value: Value,
        output_field: OutputField,
    },
    /// `OuterRef("name")`, inside a subquery.
    OuterRef(String),
    /// `lhs op rhs`.
    Arith {
        op: &'static str,
        lhs: Box<Expression>,
        rhs: Box<Expression>,
    },
    /// `Lower`, `Upper`, `Length`, `Coalesce`, `Concat`, `Greatest`, `Round`, `Substr`, ...:
    /// the arguments as Django's source expressions (defaults filled in: Round's precision
    /// `Value(0)`, Replace's `Value("")`, LPad's `Value(" ")`), `output_field` where given.
    Func {
        function: Function,
        args: Vec<Expression>,
        output_field: Option<OutputField>,
    },
    /// `ExtractYear(...)` and its siblings: `part` the lookup name (`year`, `iso_week_day`).
    Extract {
        part: &'static str,
        arg: Box<Expression>,
    },
    /// `TruncMonth(...)` and its siblings: `kind` as DATE_TRUNC takes it, or `date`/`time`.
    Trunc {
        kind: &'static str,
        arg: Box<Expression>,
    },
    /// `Cast(arg, output_field=...)`.
    Cast {
        arg: Box<Expression>,
        output_field: OutputField,
    },
    /// `Case(When(q, then=...), ..., default=..., output_field=...)`.
    Case {
        whens: Vec<(Q, Expression)>,
        default: Option<Box<Expression>>,
        output_field: Option<OutputField>,
    },
    /// `Count`, `Sum`, `Avg`, `Min`, `Max`, `StdDev`, `Variance` and PostgreSQL's `ArrayAgg`,
    /// `StringAgg`, `BoolAnd`, `BoolOr`, `JSONBAgg`; `arg` None for `Count("*")`.
    Aggregate {
        function: &'static str,
        arg: Option<Box<Expression>>,
        distinct: bool,
        filter: Option<Q>,
        /// The arguments after the first: StringAgg's delimiter, a `Value(str(delimiter))`.
        extra: Vec<Expression>,
        /// `OrderableAggMixin`'s `ordering` (ArrayAgg, StringAgg, JSONBAgg), empty when not
        /// given; None for the aggregates without one (their template has no ` ORDER BY`).
        ordering: Option<Vec<Ordering>>,
        /// `default=`: the aggregate becomes `Coalesce(aggregate, default)`.
        default: Option<Box<Expression>>,
    },
    /// `Window(expression, partition_by=[...], order_by=[...])`: `order_by` None when not given.
    Window {
        expression: Box<Expression>,
        partition_by: Vec<Expression>,
        order_by: Option<Vec<Ordering>>,
    },
    /// A condition where an expression is taken (`BoolAnd(Q(rating__gt=1))`).
    Condition(Q),
    /// `Exists(queryset)`; `negated` is `~Exists(...)`.
    Exists { query: Box<QueryOp>, negated: bool },
    /// `Subquery(queryset)`: one column (`values`), usually sliced to one row.
    Subquery(Box<QueryOp>),
    /// A queryset as the value of an `__in` lookup (`{query: {...}}`): its primary key
    /// unless it selects `values`.
    InQuery(Box<QueryOp>),
}
/// The names a mapping can be an expression by, for "did you mean".
const HEADS: &[&str] = &[
    "F",
    "query",
    "value",
    "outer_ref",
    "lower",
    "upper",
    "length",
    "coalesce",
    "greatest",
    "least",
    "nullif",
    "now",
    "abs",
    "round",
    "ceil",
    "floor",
    "mod",
    "power",
    "substr",
    "left",
    "right",
    "replace",
    "strindex",
    "trim",
    "ltrim",
    "rtrim",
    "lpad",
    "rpad",
    "reverse",
    "repeat",
    "md5",
    "row_number",
    "rank",
    "dense_rank",
    "percent_rank",
    "cume_dist",
    "ntile",
    "lag",
    "lead",
    "first_value",
    "last_value",
    "nth_value",
    "window",
    "extract_year",
    "extract_iso_year",
    "extract_quarter",
    "extract_month",
    "extract_week",
    "extract_day",
    "extract_week_day",
    "extract_iso_week_day",
    "extract_hour",
    "extract_minute",
    "extract_second",
    "concat",
    "cast",
    "case",
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "std_dev",
    "variance",
    "array_agg",
    "string_agg",
    "bool_and",
    "bool_or",
    "jsonb_agg",
    "exists",
    "subquery",
    "trunc_date",
    "trunc_time",
    "trunc_year",
    "trunc_quarter",
    "trunc_month",
    "trunc_week",
    "trunc_day",
    "trunc_hour",
    "trunc_minute",
    "trunc_second",
];

const OPERATORS: &[&str] = &["+", "-", "*", "/", "%"];

fn is_expression_key(key: &str) -> bool {
    HEADS.contains(&key) || OPERATORS.contains(&key)
}

/// The keys an ordering adds to an expression (`F("x").desc(nulls_last=True)`).
pub const ORDER_KEYS: &[&str] = &["desc", "nulls_first", "nulls_last"];

/// The options each function takes besides its argument.
fn options(head: &str) -> &'static [&'static str] {
    match head {
        "count" | "sum" | "avg" | "min" | "max" => &["distinct", "filter", "default"],
        "array_agg" | "string_agg" | "jsonb_agg" => &["distinct", "filter", "default", "ordering"],
        "std_dev" | "variance" => &["sample", "filter", "default"],
        "bool_and" | "bool_or" => &["filter", "default"],
        "concat" | "coalesce" | "cast" | "value" => &["output_field"],
        _ if FUNCTIONS.iter().any(|(h, ..)| *h == head) => &["output_field"],
        "case" => &["default", "output_field"],
        "window" => &[],
        _ => &[],
    }
}

fn did_you_mean(message: String, wrong: &str, known: &[&str]) -> String {
    match super::suggest(wrong, known.iter().copied()) {
        Some(s) => format!("{message}, did you mean `{s}`?"),
        None => message,
    }
}

impl Expression {
    /// An expression where Django takes one: a name is a field, a mapping a function.
    pub fn parse(value: &Value) -> Result<Expression, String> {
        match value {
            Value::String(name) => Ok(Expression::F(name.clone())),
            Value::Mapping(map) => Expression::from_mapping(map, &[]),
            Value::Sequence(_) => Err(
                "a list is not an expression (write {value: [...]} for a list value)".to_string(),
            ),
            Value::Tagged(_) => Err("tagged values are not expressions".to_string()),
            scalar => Ok(Expression::Value(scalar.clone())),
        }
    }

    /// A filter's right-hand side: a mapping with a function's key (or an operator) is an
    /// expression; anything else is a value (a mapping is a JSONField's value).
    pub fn from_rhs(value: &Value) -> Option<Result<Expression, String>> {
        match value {
            Value::Mapping(map) if map.keys().filter_map(Value::as_str).any(is_expression_key) => {
                Some(Expression::from_mapping(map, &[]))
            }
            _ => None,
        }
    }

    /// What a mapping that is not an expression would be taken for, as a message: the
    /// unknown function, with a suggestion (for a value given to a field that is not JSON).
    pub fn not_an_expression(map: &Mapping) -> String {
        match Expression::from_mapping(map, &[]) {
            Err(e) => e,
            Ok(_) => "an expression".to_string(),
        }
    }

    /// A mapping, `extra` keys (an ordering's) left to the caller.
    pub fn from_mapping(map: &Mapping, extra: &[&str]) -> Result<Expression, String> {
        let mut head: Option<(&str, &Value)> = None;
        for (key, value) in map {
            let key = key.as_str().ok_or("expression keys are text")?;
            if OPERATORS.contains(&key) || extra.contains(&key) {
                continue;
            }
            if HEADS.contains(&key) {
                if let Some((first, _)) = head {
                    return Err(format!(
                        "one function per mapping: `{first}` and `{key}` (nest them instead)"
                    ));
                }
                head = Some((key, value));
            }
        }
        let Some((name, arg)) = head else {
            let unknown = map
                .keys()
                .filter_map(Value::as_str)
                .find(|k| !OPERATORS.contains(k) && !extra.contains(k))
                .unwrap_or_default();
            return Err(did_you_mean(
                format!("unknown function `{unknown}`"),
                unknown,
                HEADS,
            ));
        };
        let allowed = options(name);
        for key in map.keys().filter_map(Value::as_str) {
            let known = key == name
                || OPERATORS.contains(&key)
                || extra.contains(&key)
                || allowed.contains(&key);
            if !known {
                let message = format!("`{name}` takes no option `{key}`");
                let choices: Vec<&str> = allowed.iter().chain(extra).copied().collect();
                return Err(did_you_mean(message, key, &choices));
            }
        }
        let mut expr = Expression::head(name, arg, map)?;
        for (key, value) in map {
            let Some(op) = key
                .as_str()
                .and_then(|k| OPERATORS.iter().find(|o| **o == k))
            else {
                continue;
            };
            expr = Expression::Arith {
                op,
                lhs: Box::new(expr),
                rhs: Box::new(Expression::parse(value)?),
            };
        }
        Ok(expr)
    }

    fn head(name: &str, arg: &Value, map: &Mapping) -> Result<Expression, String> {
        let option = |key: &str| map.get(key);
        let one = |arg: &Value| -> Result<Box<Expression>, String> {
            match arg {
                Value::Sequence(_) => Err(format!("`{name}` takes one expression, not a list")),
                other => Ok(Box::new(
                    Expression::parse(other).map_err(|e| format!("{name}: {e}"))?,
                )),
            }
        };
        let many = |arg: &Value, least: usize| -> Result<Vec<Expression>, String> {
            let Value::Sequence(items) = arg else {
                return Err(format!(
                    "`{name}` takes a list of at least {least} expressions"
                ));
            };
            if items.len() < least {
                return Err(format!("`{name}` takes at least {least} expressions"));
            }
            items
                .iter()
                .map(|item| Expression::parse(item).map_err(|e| format!("{name}: {e}")))
                .collect()
        };
        let text = |what: &str| -> Result<String, String> {
            arg.as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("`{name}` takes {what}"))
        };
        let output_field = || option("output_field").map(OutputField::parse).transpose();
        Ok(match name {
            "F" => Expression::F(text("a field's name")?),
            "value" => match output_field()? {
                Some(output_field) => Expression::TypedValue {
                    value: arg.clone(),
                    output_field,
                },
                None => Expression::Value(arg.clone()),
            },
            "outer_ref" => Expression::OuterRef(text("a field of the outer query")?),
            "coalesce" | "concat" => Expression::Func {
                function: match name {
                    "coalesce" => Function::Coalesce,
                    _ => Function::Concat,
                },
                args: many(arg, 2)?,
                output_field: output_field()?,
            },
            _ if FUNCTIONS.iter().any(|(head, ..)| *head == name) => {
                let (_, function, least, most) = FUNCTIONS
                    .iter()
                    .find(|(head, ..)| *head == name)
                    .copied()
                    .unwrap_or((name, Function::Lower, 1, 1));
                let mut args = match (least, most, arg) {
                    (0, 0, Value::Null) => Vec::new(),
                    (0, 0, Value::Sequence(items)) if items.is_empty() => Vec::new(),
                    (0, 0, _) => {
                        return Err(format!(
                            "`{name}` takes no argument (write `{{{name}: null}}`)"
                        ))
                    }
                    // Ntile's num_buckets may be left out: `{ntile: null}`, `{ntile: 4}`.
                    (0, _, Value::Null) => Vec::new(),
                    (0, _, arg) if !arg.is_sequence() => vec![*one(arg)?],
                    (1, 1, arg) => vec![*one(arg)?],
                    // Round's precision may be left out: `{round: price}`.
                    (1, _, arg) if !arg.is_sequence() => vec![*one(arg)?],
                    (least, most, arg) => {
                        let args = many(arg, least)?;
                        if args.len() > most {
                            return Err(format!("`{name}` takes at most {most} expressions"));
                        }
                        args
                    }
                };
                function_defaults(function, &mut args)?;
                Expression::Func {
                    function,
                    args,
                    output_field: output_field()?,
                }
            }
            _ if EXTRACTS.iter().any(|(head, _)| *head == name) => Expression::Extract {
                part: EXTRACTS
                    .iter()
                    .find(|(head, _)| *head == name)
                    .map_or("year", |(_, part)| part),
                arg: one(arg)?,
            },
            "cast" => Expression::Cast {
                arg: one(arg)?,
                output_field: output_field()?
                    .ok_or("`cast` needs `output_field` (IntegerField, CharField, ...)")?,
            },
            "case" => Expression::case(arg, option("default"), output_field()?)?,
            "window" => Expression::window(arg)?,
            "count" | "sum" | "avg" | "min" | "max" | "std_dev" | "variance" | "array_agg"
            | "string_agg" | "bool_and" | "bool_or" | "jsonb_agg" => {
                Expression::aggregate(name, arg, map)?
            }
            "exists" => Expression::Exists {
                query: Box::new(QueryOp::subquery(arg, name)?),
                negated: false,
            },
            "subquery" => Expression::Subquery(Box::new(QueryOp::subquery(arg, name)?)),
            "query" => Expression::InQuery(Box::new(QueryOp::subquery(arg, name)?)),
            trunc => {
                let kind = trunc.strip_prefix("trunc_").unwrap_or(trunc);
                let kind = [
                    "date", "time", "year", "quarter", "month", "week", "day", "hour", "minute",
                    "second",
                ]
                .into_iter()
                .find(|k| *k == kind)
                .ok_or_else(|| format!("unknown function `{trunc}`"))?;
                Expression::Trunc {
                    kind,
                    arg: one(arg)?,
                }
            }
        })
    }

    /// `{window: {expression: {row_number: null}, partition_by: [blog], order_by: [-rating]}}`:
    /// only what Django's `window_compatible` allows (window functions, aggregates).
    fn window(arg: &Value) -> Result<Expression, String> {
        let Value::Mapping(map) = arg else {
            return Err(
                "`window` takes {expression: ..., partition_by: [...], order_by: [...]}".into(),
            );
        };
        const KEYS: &[&str] = &["expression", "partition_by", "order_by"];
        if let Some(key) = map
            .keys()
            .filter_map(Value::as_str)
            .find(|k| !KEYS.contains(k))
        {
            return Err(did_you_mean(
                format!("unknown key `{key}` in a `window`"),
                key,
                KEYS,
            ));
        }
        let expression = Expression::parse(
            map.get("expression")
                .ok_or("a `window` needs `expression`")?,
        )?;
        let compatible = match &expression {
            Expression::Aggregate { .. } => true,
            Expression::Func { function, .. } => function.is_window(),
            _ => false,
        };
        if !compatible {
            return Err("Django raises ValueError: the expression isn't compatible with OVER clauses (a window function or an aggregate)".into());
        }
        let list = |key: &str| -> Vec<Value> {
            match map.get(key) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Sequence(items)) => items.clone(),
                Some(one) => vec![one.clone()],
            }
        };
        let partition_by = list("partition_by")
            .iter()
            .map(Expression::parse)
            .collect::<Result<_, _>>()?;
        let order_by = match map.get("order_by") {
            None => None,
            Some(_) => Some(
                list("order_by")
                    .iter()
                    .map(Ordering::parse)
                    .collect::<Result<_, _>>()?,
            ),
        };
        Ok(Expression::Window {
            expression: Box::new(expression),
            partition_by,
            order_by,
        })
    }

    /// `{case: [{when: {...}, then: ...}, ...], default: ..., output_field: ...}`.
    fn case(
        arg: &Value,
        default: Option<&Value>,
        output_field: Option<OutputField>,
    ) -> Result<Expression, String> {
        let Value::Sequence(items) = arg else {
            return Err("`case` takes a list of {when: {...}, then: ...}".to_string());
        };
        if items.is_empty() {
            return Err("`case` needs at least one `when`".to_string());
        }
        let mut whens = Vec::new();
        for item in items {
            let Value::Mapping(m) = item else {
                return Err("the items of `case` are {when: {...}, then: ...}".to_string());
            };
            if let Some(key) = m
                .keys()
                .filter_map(Value::as_str)
                .find(|k| !["when", "then"].contains(k))
            {
                return Err(did_you_mean(
                    format!("unknown key `{key}` in a `when`"),
                    key,
                    &["when", "then"],
                ));
            }
            let Some(Value::Mapping(condition)) = m.get("when") else {
                return Err("a `when` is a filter (a mapping)".to_string());
            };
            let then = m.get("then").ok_or("a `when` needs `then`")?;
            whens.push((Q::condition(condition)?, Expression::parse(then)?));
        }
        Ok(Expression::Case {
            whens,
            default: default.map(Expression::parse).transpose()?.map(Box::new),
            output_field,
        })
    }

    /// Whether it aggregates (an aggregate, or holds one).
    pub fn contains_aggregate(&self) -> bool {
        match self {
            Expression::Aggregate { .. } => true,
            Expression::Arith { lhs, rhs, .. } => {
                lhs.contains_aggregate() || rhs.contains_aggregate()
            }
            Expression::Func { args, .. } => args.iter().any(Expression::contains_aggregate),
            Expression::Trunc { arg, .. }
            | Expression::Cast { arg, .. }
            | Expression::Extract { arg, .. } => arg.contains_aggregate(),
            Expression::Case { whens, default, .. } => {
                whens.iter().any(|(_, e)| e.contains_aggregate())
                    || default.as_ref().is_some_and(|d| d.contains_aggregate())
            }
            _ => false,
        }
    }

    /// The names it takes from the outer query (`OuterRef`), not counting nested subqueries'.
    pub fn outer_refs(&self, out: &mut Vec<String>) {
        match self {
            Expression::OuterRef(name) => out.push(name.clone()),
            Expression::Arith { lhs, rhs, .. } => {
                lhs.outer_refs(out);
                rhs.outer_refs(out);
            }
            Expression::Func { args, .. } => args.iter().for_each(|a| a.outer_refs(out)),
            Expression::Trunc { arg, .. }
            | Expression::Cast { arg, .. }
            | Expression::Extract { arg, .. } => arg.outer_refs(out),
            Expression::Case { whens, default, .. } => {
                for (q, then) in whens {
                    q.outer_refs(out);
                    then.outer_refs(out);
                }
                if let Some(d) = default {
                    d.outer_refs(out);
                }
            }
            Expression::Aggregate {
                arg,
                filter,
                default,
                ..
            } => {
                if let Some(a) = arg {
                    a.outer_refs(out);
                }
                if let Some(q) = filter {
                    q.outer_refs(out);
                }
                if let Some(d) = default {
                    d.outer_refs(out);
                }
            }
            Expression::Condition(q) => q.outer_refs(out),
            Expression::Window {
                expression,
                partition_by,
                ..
            } => {
                expression.outer_refs(out);
                partition_by.iter().for_each(|e| e.outer_refs(out));
            }
            Expression::F(_)
            | Expression::Value(_)
            | Expression::TypedValue { .. }
            | Expression::Exists { .. } => {}
            Expression::Subquery(_) | Expression::InQuery(_) => {}
        }
    }
}

/// One term of `order_by`: a name (`-name` descending, `?` random) or an expression with
/// `desc`, `nulls_first`, `nulls_last` (`F("x").desc(nulls_last=True)`).
#[derive(Debug, Clone, PartialEq)]
pub enum Ordering {
    Name(String),
    Expr {
        expr: Expression,
        descending: bool,
        nulls_first: bool,
        nulls_last: bool,
    },
}

impl Ordering {
    pub fn parse(value: &Value) -> Result<Ordering, String> {
        match value {
            Value::String(name) => Ok(Ordering::Name(name.clone())),
            Value::Mapping(map) => {
                let flag = |key: &str| -> Result<bool, String> {
                    match map.get(key) {
                        Some(v) => v.as_bool().ok_or(format!("`{key}` is true or false")),
                        None => Ok(false),
                    }
                };
                let (nulls_first, nulls_last) = (flag("nulls_first")?, flag("nulls_last")?);
                if nulls_first && nulls_last {
                    return Err("nulls_first and nulls_last are mutually exclusive".to_string());
                }
                Ok(Ordering::Expr {
                    expr: Expression::from_mapping(map, ORDER_KEYS)?,
                    descending: flag("desc")?,
                    nulls_first,
                    nulls_last,
                })
            }
            _ => Err("`order_by` takes names or expressions".to_string()),
        }
    }
}

impl Q {
    /// The names its values take from the outer query.
    pub fn outer_refs(&self, out: &mut Vec<String>) {
        for child in &self.children {
            match child {
                super::QChild::Q(q) => q.outer_refs(out),
                super::QChild::Lookup(_, value) => {
                    if let Some(Ok(expr)) = Expression::from_rhs(value) {
                        expr.outer_refs(out);
                    }
                }
                super::QChild::Expr(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Expression, String> {
        Expression::parse(&serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn functions_nest_and_names_are_fields() {
        let e = parse(r#"{concat: [first, {value: " "}, {upper: last}]}"#).unwrap();
        let Expression::Func { function, args, .. } = e else {
            panic!("a function")
        };
        assert_eq!(function, Function::Concat);
        assert_eq!(args[0], Expression::F("first".into()));
        assert_eq!(args[1], Expression::Value(" ".into()));
        assert!(matches!(
            args[2],
            Expression::Func {
                function: Function::Upper,
                ..
            }
        ));
        let e = parse(r#"{sum: {F: rating, "*": {F: n}}, filter: {a: 1}}"#).unwrap();
        assert!(e.contains_aggregate());
        assert_eq!(parse("3").unwrap(), Expression::Value(3.into()));
    }

    #[test]
    fn unknown_functions_options_and_arity_are_errors() {
        assert_eq!(
            parse("{lowr: name}").unwrap_err(),
            "unknown function `lowr`, did you mean `lower`?"
        );
        assert!(parse("{count: x, distinc: true}")
            .unwrap_err()
            .contains("did you mean `distinct`?"));
        assert!(parse("{concat: [a]}").unwrap_err().contains("at least 2"));
        assert!(parse("{lower: [a, b]}")
            .unwrap_err()
            .contains("one expression"));
        assert!(parse("{cast: a}").unwrap_err().contains("output_field"));
        assert!(parse("{cast: a, output_field: IntegerFeld}")
            .unwrap_err()
            .contains("did you mean `IntegerField`?"));
        assert!(parse("{lower: a, upper: b}")
            .unwrap_err()
            .contains("one function"));
    }

    #[test]
    fn functions_take_django_defaults_and_refuse_what_django_refuses() {
        let args = |yaml: &str| match parse(yaml).unwrap() {
            Expression::Func { args, .. } => args,
            other => panic!("a function, not {other:?}"),
        };
        // Round's precision, Replace's replacement and LPad's fill are always sent.
        assert_eq!(args("{round: price}")[1], Expression::Value(0.into()));
        assert_eq!(
            args("{replace: [name, {value: a}]}")[2],
            Expression::Value("".into())
        );
        assert_eq!(args("{lpad: [name, 8]}")[2], Expression::Value(" ".into()));
        assert!(args("{now: null}").is_empty());
        assert!(matches!(
            parse("{extract_iso_week_day: at}").unwrap(),
            Expression::Extract {
                part: "iso_week_day",
                ..
            }
        ));
        assert!(parse("{left: [name, 0]}")
            .unwrap_err()
            .contains("'length' must be greater than 0."));
        assert!(parse("{substr: [name, 0]}").unwrap_err().contains("'pos'"));
        assert!(parse("{nullif: [a, b, c]}")
            .unwrap_err()
            .contains("at most 2"));
        assert!(parse("{now: x}").unwrap_err().contains("no argument"));
        assert!(parse("{greatest: [a, b], output_field: DecimalFeld}")
            .unwrap_err()
            .contains("did you mean `DecimalField`?"));
        assert_eq!(
            parse("{null_if: [a, b]}").unwrap_err(),
            "unknown function `null_if`, did you mean `nullif`?"
        );
    }

    #[test]
    fn windows_take_window_functions_and_aggregates() {
        let e = parse(
            "{window: {expression: {lag: rating}, partition_by: blog, order_by: [-rating, id]}}",
        )
        .unwrap();
        let Expression::Window {
            expression,
            partition_by,
            order_by,
        } = e
        else {
            panic!("a window")
        };
        // Lag's offset defaults to 1, sent as a parameter.
        assert!(
            matches!(*expression, Expression::Func { ref args, .. } if args[1] == Expression::Value(1.into()))
        );
        assert_eq!(partition_by, [Expression::F("blog".into())]);
        assert_eq!(order_by.map(|o| o.len()), Some(2));
        assert!(parse("{window: {expression: {sum: rating}}}").is_ok());
        assert!(parse("{window: {expression: {lower: name}}}")
            .unwrap_err()
            .contains("isn't compatible with OVER clauses"));
        assert!(
            parse("{window: {expression: {rank: null}, partition: [a]}}")
                .unwrap_err()
                .contains("did you mean `partition_by`?")
        );
        assert!(parse("{lag: [rating, 0]}")
            .unwrap_err()
            .contains("positive integer"));
        let Expression::Func { args, .. } = parse("{ntile: null}").unwrap() else {
            panic!("a function")
        };
        assert_eq!(args, [Expression::Value(1.into())]);
    }
}
