//! Expressions of a spec resolved against a query, as Django's `resolve_expression` does:
//! names become columns (joins made and reused) or annotations, functions take the types
//! of their arguments (ConcatPair casts what is not text), conditions become where nodes
//! whose joins are promoted, and subqueries are built with the next alias prefix, their
//! `OuterRef`s resolved against this query.

use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::expr::Expr;
use super::lookup::Transform;
use super::select::Columns;
use super::tree::Node;
use super::Query;
use crate::orm::model::Temporal;
use crate::spec::{Expression, Function, OutputField, QueryOp, Q};

/// An expression with the type of its value (a PostgreSQL type, as fields' `cast_type`).
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub expr: Expr,
    pub cast_type: String,
}

impl Typed {
    fn new(expr: Expr, cast_type: &str) -> Typed {
        Typed {
            expr,
            cast_type: cast_type.to_string(),
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self.cast_type.as_str(), "varchar" | "text" | "char")
    }

    pub fn is_boolean(&self) -> bool {
        self.cast_type == "boolean"
    }
}

/// The type Django gives a `Value` of this Python value.
fn value_type(value: &Yaml) -> &'static str {
    match value {
        Yaml::Bool(_) => "boolean",
        Yaml::Number(n) if n.is_f64() => "double precision",
        Yaml::Number(_) => "integer",
        Yaml::String(_) => "varchar",
        _ => "",
    }
}

/// The parameter of a `Value`: an int is sent as `integer`, as Django's IntegerField sends
/// it (`Int4`, a typed literal); left to the server, `CASE WHEN ... THEN $1 ELSE $2 END`
/// would be text.
pub(super) fn value_param(value: &Yaml) -> Yaml {
    match value.as_i64().map(i32::try_from) {
        Some(Ok(n)) => crate::db::value::int4(n.into()),
        _ => value.clone(),
    }
}

/// `Value(x, output_field=...)`: None is `NULL` (Django sends no parameter for it), any
/// other value the field's `get_db_prep_value` of it: an IntegerField's an `integer` (as
/// psycopg's Int4), a text field's Python `str()`, the others as written for the server to
/// read; the expression has the field's type whatever the value.
fn typed_value(value: &Yaml, output_field: &crate::spec::OutputField) -> Result<Typed, String> {
    let cast_type = base_type(&output_field.db_type);
    if value.is_null() {
        return Ok(Typed::new(Expr::Raw("NULL".into()), cast_type));
    }
    let class = &output_field.class;
    let param = match (output_field.class.as_str(), value) {
        ("IntegerField" | "AutoField" | "PositiveIntegerField", _) => {
            let n = match value {
                Yaml::String(text) => text.trim().parse::<i64>().ok(),
                other => other.as_i64(),
            };
            let n = n.and_then(|n| i32::try_from(n).ok()).ok_or_else(|| {
                format!(
                    "Value({value:?}, output_field={class}()): not an integer of an IntegerField"
                )
            })?;
            crate::db::value::int4(n.into())
        }
        (_, Yaml::Bool(b)) if matches!(cast_type, "varchar" | "text") => {
            Yaml::String(if *b { "True" } else { "False" }.into())
        }
        (_, Yaml::Number(n)) if matches!(cast_type, "varchar" | "text") => {
            Yaml::String(n.to_string())
        }
        _ => value.clone(),
    };
    Ok(Typed::new(Expr::Param(param), cast_type))
}

/// A type without its modifiers: `varchar(3)` is `varchar`.
fn base_type(db_type: &str) -> &str {
    db_type.split('(').next().unwrap_or(db_type)
}

impl Query {
    /// An expression of the spec as this query resolves it.
    pub fn resolve(&mut self, expression: &Expression) -> Result<Typed, String> {
        Ok(match expression {
            Expression::F(name) => self.resolve_ref(name)?,
            Expression::Value(Yaml::Null) => Typed::new(Expr::Raw("NULL".into()), ""),
            Expression::Value(value) => {
                Typed::new(Expr::Param(value_param(value)), value_type(value))
            }
            Expression::TypedValue {
                value,
                output_field,
            } => typed_value(value, output_field)?,
            Expression::OuterRef(name) => self
                .outer_refs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, typed)| typed.clone())
                .ok_or_else(|| format!("OuterRef(`{name}`) outside of a subquery"))?,
            Expression::Arith { op, lhs, rhs } => {
                let lhs = self.resolve(lhs)?;
                let rhs = self.resolve(rhs)?;
                let op: &'static str = if *op == "%" { "%%" } else { op };
                Typed::new(
                    Expr::Arith {
                        op,
                        lhs: Box::new(lhs.expr),
                        rhs: Box::new(rhs.expr),
                    },
                    &lhs.cast_type,
                )
            }
            Expression::Func {
                function,
                args,
                output_field,
            } => self.function(*function, args, output_field.as_ref())?,
            Expression::Extract { part, arg } => self.extract(part, arg)?,
            Expression::Trunc { kind, arg } => self.trunc(kind, arg)?,
            Expression::Cast { arg, output_field } => Typed::new(
                Expr::Cast {
                    arg: Box::new(self.resolve(arg)?.expr),
                    db_type: output_field.db_type.clone(),
                },
                base_type(&output_field.db_type),
            ),
            Expression::Case {
                whens,
                default,
                output_field,
            } => {
                let mut resolved = Vec::new();
                let mut types = Vec::new();
                for (q, then) in whens {
                    let condition = self.resolve_q(q)?;
                    let then = self.resolve(then)?;
                    types.push(then.cast_type.clone());
                    resolved.push((condition, then.expr));
                }
                let default = match default {
                    Some(d) => self.resolve(d)?,
                    None => Typed::new(Expr::Raw("NULL".into()), ""),
                };
                types.push(default.cast_type.clone());
                let cast_type = match output_field {
                    Some(field) => base_type(&field.db_type).to_string(),
                    None => types
                        .into_iter()
                        .find(|t| !t.is_empty())
                        .unwrap_or_default(),
                };
                // Only a declared or inferred output field unifies; uuid, time and inet need it.
                let cast = ["uuid", "time", "inet"]
                    .contains(&cast_type.as_str())
                    .then(|| cast_type.clone());
                Typed {
                    expr: Expr::Case {
                        whens: resolved,
                        default: Box::new(default.expr),
                        cast,
                    },
                    cast_type,
                }
            }
            aggregate @ Expression::Aggregate { .. } => self.aggregate_expr(aggregate)?,
            Expression::Window {
                expression,
                partition_by,
                order_by,
            } => self.window(expression, partition_by, order_by.as_deref())?,
            Expression::Condition(q) => {
                Typed::new(Expr::Condition(Box::new(self.resolve_q(q)?)), "boolean")
            }
            Expression::Exists { query, negated } => self.subquery(query, true, *negated)?,
            Expression::Subquery(query) => self.subquery(query, false, false)?,
            Expression::InQuery(query) => self.in_query(query)?,
        })
    }

    /// Whether what was resolved refers to another table: a column reached through a join
    /// (`F("blog__name")`, `When(blog__name=...)`), or a lookup across a relation even where
    /// the join is trimmed (`When(blog__id=1)`). Django's `allow_joins=False` refuses both.
    pub fn joined_references(&self) -> bool {
        self.lookup_across_relation || self.aliases.list.iter().skip(1).any(|a| a.refs > 0)
    }

    /// `F(name)`: an annotation's expression, or a field through its joins (reused
    /// whatever the call, LEFT OUTER when they may find no row).
    pub fn resolve_ref(&mut self, name: &str) -> Result<Typed, String> {
        if let Some((_, typed)) = self.annotations.iter().find(|(n, _)| n == name) {
            return Ok(typed.clone());
        }
        let (expr, field) = self.column(name)?;
        Ok(Typed::new(expr, &field.cast_type))
    }

    /// A Q as a condition of its own (a When, an aggregate's filter): `Q.resolve_expression`,
    /// its joins reusable and promoted as `promote_joins` does.
    pub fn resolve_q(&mut self, q: &Q) -> Result<Node, String> {
        let (node, needed) = self.add_q(q, &mut None, false, false)?;
        self.aliases.promote(&needed);
        Ok(node)
    }

    fn function(
        &mut self,
        function: Function,
        args: &[Expression],
        output_field: Option<&OutputField>,
    ) -> Result<Typed, String> {
        let mut typed = Vec::new();
        for arg in args {
            typed.push(self.resolve(arg)?);
        }
        match function {
            Function::Concat => return Ok(Typed::new(concat_pairs(typed), "text")),
            // Now.as_postgresql: the statement's time, not the transaction's.
            Function::Now => {
                return Ok(Typed::new(
                    Expr::Raw("STATEMENT_TIMESTAMP()".into()),
                    "timestamp with time zone",
                ))
            }
            _ => {}
        }
        use Function::*;
        let cast_type = match (output_field, function) {
            (Some(field), _) => base_type(&field.db_type).to_string(),
            (None, Length | StrIndex | RowNumber | Rank | DenseRank | Ntile) => {
                "integer".to_string()
            }
            (None, PercentRank | CumeDist) => "double precision".to_string(),
            (None, Lag | Lead | FirstValue | LastValue | NthValue) => typed[0].cast_type.clone(),
            (None, Substr | Left | Right | LPad | RPad | Repeat) => "varchar".to_string(),
            // Round's output field is its expression's.
            (None, Round) => typed[0].cast_type.clone(),
            (None, Mod | Power) => numeric_output(&typed)?,
            (None, Lower | Upper | Coalesce) => typed
                .iter()
                .map(|t| t.cast_type.clone())
                .find(|t| !t.is_empty())
                .unwrap_or_default(),
            (None, _) => same_type(&typed)?,
        };
        if matches!(function, Round | Mod) {
            // FixDecimalInputMixin: PostgreSQL has no ROUND(double, int) nor MOD(double,
            // double); a float argument is cast to a decimal first.
            for t in &mut typed {
                if t.cast_type == "double precision" {
                    t.expr = Expr::Cast {
                        arg: Box::new(t.expr.clone()),
                        db_type: "numeric(1000, 15)".into(),
                    };
                }
            }
        }
        Ok(Typed {
            expr: Expr::Func {
                function: function.sql_name(),
                args: typed.into_iter().map(|t| t.expr).collect(),
            },
            cast_type,
        })
    }

    /// `ExtractYear(...)` ...: the part as the `__year` transform writes it (a datetime read
    /// in the current time zone, seconds without their fraction), an integer; what Django's
    /// `Extract.resolve_expression` refuses is its ValueError.
    fn extract(&mut self, part: &str, arg: &Expression) -> Result<Typed, String> {
        let typed = self.resolve(arg)?;
        let transform = Transform::named(part).ok_or_else(|| format!("unknown part `{part}`"))?;
        let temporal = Temporal::of(&typed.cast_type);
        let duration = typed.cast_type == "interval";
        let name = match arg {
            Expression::F(name) => name.rsplit("__").next().unwrap_or(name).to_string(),
            _ => "None".to_string(),
        };
        if temporal.is_none() && !duration {
            return Err("ValueError: Extract input expression must be DateField, DateTimeField, TimeField, or DurationField.".into());
        }
        if typed.cast_type == "date" && matches!(part, "hour" | "minute" | "second") {
            return Err(format!(
                "ValueError: Cannot extract time component '{part}' from DateField '{name}'."
            ));
        }
        let date_part = matches!(
            part,
            "year" | "iso_year" | "month" | "week" | "week_day" | "iso_week_day" | "quarter"
        );
        if duration && date_part {
            return Err(format!(
                "ValueError: Cannot extract component '{part}' from DurationField '{name}'."
            ));
        }
        Ok(Typed::new(
            Expr::Part {
                transform,
                tz: self
                    .time_zone
                    .clone()
                    .filter(|_| temporal == Some(Temporal::DateTime)),
                arg: Box::new(typed.expr),
            },
            "integer",
        ))
    }

    /// `TruncMonth(...)` ...: `DATE_TRUNC`, a datetime read in the current time zone, a time
    /// cast back to time; `TruncDate`/`TruncTime` cast the value read in the zone.
    fn trunc(&mut self, kind: &'static str, arg: &Expression) -> Result<Typed, String> {
        let typed = self.resolve(arg)?;
        let tz = self.time_zone.clone();
        let part = |transform, cast_type| {
            Typed::new(
                Expr::Part {
                    transform,
                    tz: tz.clone(),
                    arg: Box::new(typed.expr.clone()),
                },
                cast_type,
            )
        };
        match kind {
            "date" => return Ok(part(Transform::Date, "date")),
            "time" => return Ok(part(Transform::Time, "time")),
            _ => {}
        }
        let temporal = Temporal::of(&typed.cast_type).ok_or_else(|| {
            format!(
                "trunc_{kind} takes a date, datetime or time, not {}",
                typed.cast_type
            )
        })?;
        let time_part = matches!(kind, "hour" | "minute" | "second");
        match temporal {
            Temporal::Date if time_part => {
                return Err(format!("cannot truncate a date to the {kind} (Django: Cannot truncate DateField to DateTimeField)"))
            }
            Temporal::Time if !time_part => {
                return Err(format!("cannot truncate a time to the {kind}"))
            }
            _ => {}
        }
        Ok(Typed {
            expr: Expr::Trunc {
                kind,
                tz: self
                    .time_zone
                    .clone()
                    .filter(|_| temporal == Temporal::DateTime),
                arg: Box::new(typed.expr),
                time: temporal == Temporal::Time,
            },
            cast_type: typed.cast_type,
        })
    }

    /// The queryset of an `__in` lookup (`supplier__in=Supplier.objects.filter(...)`):
    /// In's `get_prep_lookup` drops its ordering (unless sliced) and, when it selects no
    /// values, selects its primary key, unnamed.
    fn in_query(&mut self, op: &QueryOp) -> Result<Typed, String> {
        let mut op = op.clone();
        let has_values = op.chain.iter().any(|c| {
            matches!(
                c,
                crate::spec::Call::Values(..) | crate::spec::Call::ValuesList(_)
            )
        });
        if !has_values {
            op.chain.push(crate::spec::Call::ValuesList(vec![
                crate::spec::ValuesItem::Name("pk".to_string()),
            ]));
        }
        let sliced = op
            .chain
            .iter()
            .any(|c| matches!(c, crate::spec::Call::Slice(..)));
        if !sliced {
            op.chain.push(crate::spec::Call::OrderBy(Vec::new()));
        }
        self.subquery_named(&op, !has_values)
    }

    /// `Exists(qs)` or `Subquery(qs)`: the queryset built with the next alias prefix (`U0`
    /// under the outer query's tables), its `OuterRef`s resolved here first, then written.
    fn subquery(&mut self, op: &QueryOp, exists: bool, negated: bool) -> Result<Typed, String> {
        self.subquery_of(op, exists, negated, false)
    }

    /// A subquery selecting one column; `unnamed`: without its `AS` (a primary key an
    /// `__in` lookup added).
    fn subquery_named(&mut self, op: &QueryOp, unnamed: bool) -> Result<Typed, String> {
        self.subquery_of(op, false, false, unnamed)
    }

    fn subquery_of(
        &mut self,
        op: &QueryOp,
        exists: bool,
        negated: bool,
        unnamed: bool,
    ) -> Result<Typed, String> {
        let mut refs = Vec::new();
        for name in op.outer_refs() {
            let typed = self.resolve_ref(&name)?;
            refs.push((name, typed));
        }
        let external: Vec<Expr> = refs
            .iter()
            .flat_map(|(_, t)| t.expr.group_by_cols())
            .collect();
        let prefix = self.aliases.next_prefix();
        let mut inner = super::build::chain(Arc::clone(&self.registry), op, prefix, refs)?;
        if let (true, Columns::Values(values)) = (unnamed, &mut inner.query.columns) {
            for (_, name) in values.iter_mut() {
                name.clear();
            }
        }
        let cast_type = if exists {
            inner.query.exists(true);
            "boolean".to_string()
        } else {
            match &inner.query.columns {
                Columns::Values(values) if values.len() == 1 => values[0].0.cast_type.clone(),
                _ => {
                    return Err(format!(
                        "subquery on `{}`: select one column with `values`",
                        op.model
                    ))
                }
            }
        };
        let (sql, _) = inner.query.compile().map_err(|e| match e.as_str() {
            super::EMPTY => "a subquery that matches nothing is not supported yet".to_string(),
            _ => e,
        })?;
        Ok(Typed {
            expr: Expr::Subquery {
                sql: Box::new(sql),
                exists,
                negated,
                external,
            },
            cast_type,
        })
    }
}

/// Django's class for a type, as its "mixed types" message names it.
fn field_class(cast_type: &str) -> &str {
    match cast_type {
        "integer" => "IntegerField",
        "bigint" => "BigIntegerField",
        "smallint" => "SmallIntegerField",
        "numeric" => "DecimalField",
        "double precision" => "FloatField",
        "varchar" | "char" => "CharField",
        "text" => "TextField",
        "boolean" => "BooleanField",
        "date" => "DateField",
        "timestamp with time zone" | "timestamp" => "DateTimeField",
        "time" => "TimeField",
        "interval" => "DurationField",
        "uuid" => "UUIDField",
        "jsonb" | "json" => "JSONField",
        "bytea" => "BinaryField",
        "inet" => "GenericIPAddressField",
        other => other,
    }
}

/// Whether a value of the first type is an instance of the other's class: the same type,
/// or a subclass (BigIntegerField and SmallIntegerField of IntegerField, DateTimeField of
/// DateField).
fn is_instance(first: &str, of: &str) -> bool {
    first == of
        || (of == "integer" && matches!(first, "bigint" | "smallint"))
        || (of == "date" && Temporal::of(first) == Some(Temporal::DateTime))
}

/// `Func._resolve_output_field`: the type of its arguments (a NULL has none), Django's
/// "mixed types" FieldError when one is not an instance of the first's class.
fn same_type(args: &[Typed]) -> Result<String, String> {
    let mut known = args
        .iter()
        .map(|t| t.cast_type.as_str())
        .filter(|t| !t.is_empty());
    let Some(first) = known.next() else {
        return Ok(String::new());
    };
    for other in known {
        if !is_instance(first, other) {
            return Err(format!(
                "{MIXED_TYPES}{}, {}. You must set output_field.",
                field_class(first),
                field_class(other)
            ));
        }
    }
    Ok(first.to_string())
}

/// The start of Django's FieldError for a function of mixed types, raised when the
/// queryset is evaluated.
pub const MIXED_TYPES: &str = "FieldError: Expression contains mixed types: ";

/// `NumericOutputFieldMixin` (Mod, Power): a decimal if an argument is one, else a float if
/// one is an integer, else the arguments' type.
fn numeric_output(args: &[Typed]) -> Result<String, String> {
    let has = |types: &[&str]| args.iter().any(|t| types.contains(&t.cast_type.as_str()));
    if has(&["numeric"]) {
        return Ok("numeric".into());
    }
    if has(&["integer", "bigint", "smallint"]) {
        return Ok("double precision".into());
    }
    match args.iter().all(|t| t.cast_type.is_empty()) {
        true => Ok("double precision".into()),
        false => same_type(args),
    }
}

/// `Concat(a, b, c)` is `ConcatPair(a, ConcatPair(b, c))`; on PostgreSQL each pair is
/// `(COALESCE(x, '') || COALESCE(y, ''))`, what is not text cast to text first.
fn concat_pairs(mut args: Vec<Typed>) -> Expr {
    let text = |t: Typed| -> Expr {
        let expr = match t.is_text() {
            true => t.expr,
            false => Expr::Cast {
                arg: Box::new(t.expr),
                db_type: "text".into(),
            },
        };
        Expr::Func {
            function: "COALESCE",
            args: vec![expr, Expr::Param(Yaml::String(String::new()))],
        }
    };
    let last = args.pop().map(text);
    let before_last = args.pop().map(text);
    let mut pair = match (before_last, last) {
        (Some(a), Some(b)) => Expr::Pipes(Box::new(a), Box::new(b)),
        (_, Some(only)) => return only,
        _ => return Expr::Raw("NULL".into()),
    };
    while let Some(arg) = args.pop() {
        let inner = Expr::Func {
            function: "COALESCE",
            args: vec![pair, Expr::Param(Yaml::String(String::new()))],
        };
        pair = Expr::Pipes(Box::new(text(arg)), Box::new(inner));
    }
    pair
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::compiler::Builder;

    #[test]
    fn concat_nests_pairs_to_the_right_and_casts_what_is_not_text() {
        let args = vec![
            Typed::new(Expr::col("t", "name"), "varchar"),
            Typed::new(Expr::Param(" #".into()), "varchar"),
            Typed::new(Expr::col("t", "rating"), "integer"),
        ];
        let mut b = Builder::new();
        concat_pairs(args).render(&mut b);
        assert_eq!(
            b.finish().sql,
            r#"(COALESCE("t"."name", $1) || COALESCE((COALESCE($2, $3) || COALESCE(("t"."rating")::text, $4)), $5))"#
        );
    }

    #[test]
    fn functions_take_their_arguments_type_unless_mixed() {
        let t = |cast: &str| Typed::new(Expr::Raw("x".into()), cast);
        // A BigIntegerField is an IntegerField, not the other way round (Django checks
        // each argument against the first's class).
        assert_eq!(same_type(&[t("bigint"), t("integer")]).unwrap(), "bigint");
        assert_eq!(
            same_type(&[t("integer"), t("bigint")]).unwrap_err(),
            "FieldError: Expression contains mixed types: IntegerField, BigIntegerField. You must set output_field."
        );
        assert_eq!(same_type(&[t(""), t("numeric")]).unwrap(), "numeric");
        assert_eq!(
            numeric_output(&[t("integer"), t("integer")]).unwrap(),
            "double precision"
        );
        assert_eq!(
            numeric_output(&[t("integer"), t("numeric")]).unwrap(),
            "numeric"
        );
    }
}
