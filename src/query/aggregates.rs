//! Aggregates and windows resolved against a query: the type each gives (ArrayAgg's
//! `<type>[]`, StdDev's float), OrderableAggMixin's and Window's `OrderByList`, and `default=`
//! as `Coalesce(aggregate, Value(default, aggregate's field))`.

use serde_yaml::Value as Yaml;

use super::expr::Expr;
use super::resolve::{value_param, Typed};
use super::Query;
use crate::spec::{Expression, Ordering};

impl Query {
    /// An aggregate, wrapped in COALESCE when it has a default (Aggregate.resolve_expression).
    pub(super) fn aggregate_expr(&mut self, aggregate: &Expression) -> Result<Typed, String> {
        let Expression::Aggregate {
            function,
            arg,
            distinct,
            filter,
            extra,
            ordering,
            default,
        } = aggregate
        else {
            return Err("not an aggregate".to_string());
        };
        let (function, arg_expression, distinct) = (*function, arg.as_deref(), *distinct);
        let (filter, ordering, default) =
            (filter.as_ref(), ordering.as_deref(), default.as_deref());
        let arg = arg_expression.map(|a| self.resolve(a)).transpose()?;
        let mut extra_exprs = Vec::new();
        for e in extra {
            extra_exprs.push(self.resolve(e)?.expr);
        }
        let filter = filter.map(|q| self.resolve_q(q)).transpose()?;
        let order_by = ordering
            .map(|items| self.order_by_list(items))
            .transpose()?;
        let arg_type = arg
            .as_ref()
            .map(|a| a.cast_type.clone())
            .unwrap_or_default();
        let cast_type = match function {
            "COUNT" => "bigint".to_string(),
            "AVG" | "STDDEV_POP" | "STDDEV_SAMP" | "VAR_POP" | "VAR_SAMP" => {
                "double precision".to_string()
            }
            "STRING_AGG" => "text".to_string(),
            "BOOL_AND" | "BOOL_OR" => "boolean".to_string(),
            "JSONB_AGG" => "jsonb".to_string(),
            "ARRAY_AGG" => format!("{arg_type}[]"),
            _ => arg_type,
        };
        let aggregate = Expr::Aggregate {
            function,
            arg: arg.map(|a| Box::new(a.expr)),
            distinct,
            filter: filter.map(Box::new),
            extra: extra_exprs,
            order_by,
        };
        let Some(default) = default else {
            return Ok(Typed {
                expr: aggregate,
                cast_type,
            });
        };
        let default = match default {
            Expression::Value(value) => {
                self.aggregate_default(value, function, arg_expression, &cast_type)?
            }
            other => self.resolve(other)?.expr,
        };
        Ok(Typed {
            expr: Expr::Func {
                function: "COALESCE",
                args: vec![aggregate, default],
            },
            cast_type,
        })
    }

    /// `Window(expression, partition_by=..., order_by=...)`, of its expression's type.
    pub(super) fn window(
        &mut self,
        expression: &Expression,
        partition_by: &[Expression],
        order_by: Option<&[Ordering]>,
    ) -> Result<Typed, String> {
        let typed = self.resolve(expression)?;
        let mut partition = Vec::new();
        for e in partition_by {
            partition.push(self.resolve(e)?.expr);
        }
        let order_by = order_by
            .map(|items| self.order_by_list(items))
            .transpose()?;
        Ok(Typed {
            expr: Expr::Window {
                expr: Box::new(typed.expr),
                partition_by: partition,
                order_by,
            },
            cast_type: typed.cast_type,
        })
    }

    /// An `OrderByList` (OrderableAggMixin's, Window's `order_by`): `"-name"` is
    /// `OrderBy(F(name), descending=True)`, a
    /// name or an expression without `desc`/`nulls_*` is written bare, as Django writes an
    /// expression that is not an OrderBy.
    fn order_by_list(&mut self, items: &[Ordering]) -> Result<Vec<(Expr, String)>, String> {
        let mut terms = Vec::new();
        for item in items {
            terms.push(match item {
                Ordering::Name(name) => match name.strip_prefix('-') {
                    Some(bare) => (self.resolve_ref(bare)?.expr, " DESC".to_string()),
                    None => (self.resolve_ref(name)?.expr, String::new()),
                },
                Ordering::Expr {
                    expr,
                    descending,
                    nulls_first,
                    nulls_last,
                } => {
                    let expr = self.resolve(expr)?.expr;
                    let mut suffix = String::new();
                    if *descending || *nulls_first || *nulls_last {
                        suffix.push_str(if *descending { " DESC" } else { " ASC" });
                    }
                    if *nulls_first {
                        suffix.push_str(" NULLS FIRST");
                    } else if *nulls_last {
                        suffix.push_str(" NULLS LAST");
                    }
                    (expr, suffix)
                }
            });
        }
        Ok(terms)
    }

    /// `Value(default, aggregate's output_field)`: ArrayAgg's ArrayField writes
    /// `%s::<type>[]` with the field's full type (`varchar(255)[]`); an IntegerField sends an
    /// `integer`, a FloatField a float, a JSONField its JSON text.
    fn aggregate_default(
        &mut self,
        value: &Yaml,
        function: &str,
        arg: Option<&Expression>,
        cast_type: &str,
    ) -> Result<Expr, String> {
        if value.is_null() {
            return Ok(Expr::Raw("NULL".into()));
        }
        Ok(match function {
            "ARRAY_AGG" => {
                let element = match arg {
                    Some(Expression::F(name))
                        if !self.annotations.iter().any(|(n, _)| n == name) =>
                    {
                        self.column(name)?.1.db_type.clone()
                    }
                    _ => cast_type.trim_end_matches("[]").to_string(),
                };
                Expr::TypedParam {
                    value: value.clone(),
                    db_type: format!("{element}[]"),
                }
            }
            "JSONB_AGG" => Expr::Param(Yaml::String(
                serde_json::to_string(value).map_err(|e| e.to_string())?,
            )),
            _ => match (cast_type, value) {
                ("integer" | "bigint" | "smallint", Yaml::Number(n)) if n.as_i64().is_some() => {
                    Expr::Param(value_param(value))
                }
                ("double precision", Yaml::Number(n)) => {
                    Expr::Param(Yaml::Number(n.as_f64().unwrap_or_default().into()))
                }
                _ => Expr::Param(value.clone()),
            },
        })
    }
}
