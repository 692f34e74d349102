//! Expressions as the compiler writes them for PostgreSQL: columns, parameters, arithmetic,
//! date parts and truncation, functions, ConcatPair's `||`, casts, CASE, aggregates with
//! their FILTER, and subqueries; and what GROUP BY takes from each (Django's
//! `get_group_by_cols`).

use serde_yaml::Value as Yaml;

use super::lookup::Transform;
use super::tree::Node;
use crate::sql::compiler::{quote, Builder};

/// A value expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `"alias"."column"`; `alias` as it is written (a table name quoted, a generated alias
    /// such as `T4` as it is, as Django's `quote_name_unless_alias` writes them).
    Col { alias: String, column: String },
    /// A parameter.
    Param(Yaml),
    /// `(lhs op rhs)`: F() arithmetic.
    Arith {
        op: &'static str,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// A date or time part, `tz` the zone a datetime is read in (`AT TIME ZONE %s`).
    Part {
        transform: Transform,
        tz: Option<String>,
        arg: Box<Expr>,
    },
    /// An aggregate: `COUNT(*)`, `COUNT(DISTINCT "t"."c")`, `SUM("t"."c") FILTER (WHERE ...)`.
    Aggregate {
        function: &'static str,
        arg: Option<Box<Expr>>,
        distinct: bool,
        filter: Option<Box<Node>>,
        /// The arguments after the first (StringAgg's delimiter).
        extra: Vec<Expr>,
        /// OrderableAggMixin's terms, each with what follows it (` DESC`, ` ASC NULLS LAST`,
        /// or nothing for a bare expression); `Some` writes its template,
        /// `%(expressions)s %(order_by)s`, whose space stays when there is no ordering.
        order_by: Option<Vec<(Expr, String)>>,
    },
    /// `expr OVER (PARTITION BY ... ORDER BY ...)`: not an aggregate to GROUP BY, even over
    /// one (Django's `Window.contains_aggregate` is False).
    Window {
        expr: Box<Expr>,
        partition_by: Vec<Expr>,
        order_by: Option<Vec<(Expr, String)>>,
    },
    /// A condition as a value (`BOOL_AND("t"."rating" > $1)`).
    Condition(Box<Node>),
    /// `$1::integer[]`: a value whose field writes a typed placeholder (ArrayField's
    /// `get_placeholder`).
    TypedParam { value: Yaml, db_type: String },
    /// Text written as it is (a column list of a prefetch's key, `RANDOM()`, `NULL` ...).
    Raw(String),
    /// `NAME(arg, ...)`: LOWER, UPPER, LENGTH, COALESCE.
    Func {
        function: &'static str,
        args: Vec<Expr>,
    },
    /// `(lhs || rhs)`: a ConcatPair on PostgreSQL, its arguments already COALESCEd.
    Pipes(Box<Expr>, Box<Expr>),
    /// `(arg)::type`.
    Cast { arg: Box<Expr>, db_type: String },
    /// A JSONField's keys: `(arg -> %s)`, `(arg #> %s)`; `text` the `->>` forms (see keys.rs).
    Key {
        arg: Box<Expr>,
        keys: Vec<String>,
        text: bool,
    },
    /// `DATE_TRUNC(%s, arg [AT TIME ZONE %s])`, `::time` after it for a time.
    Trunc {
        kind: &'static str,
        tz: Option<String>,
        arg: Box<Expr>,
        time: bool,
    },
    /// `CASE WHEN ... THEN ... ELSE ... END`, in `CAST(... AS type)` for the types
    /// PostgreSQL cannot unify (`unification_cast_sql`: uuid, time, inet).
    Case {
        whens: Vec<(Node, Expr)>,
        default: Box<Expr>,
        cast: Option<String>,
    },
    /// A subquery already written: `(SELECT ...)`, or `EXISTS(SELECT ...)`; `external` are
    /// the outer query's columns it refers to (what GROUP BY takes from it).
    Subquery {
        sql: Box<Builder>,
        exists: bool,
        negated: bool,
        external: Vec<Expr>,
    },
}

impl Expr {
    /// A column of a table referred to by its name.
    pub fn col(table: &str, column: &str) -> Expr {
        Expr::Col {
            alias: quote(table),
            column: column.to_string(),
        }
    }

    pub fn render(&self, b: &mut Builder) {
        match self {
            Expr::Col { alias, column } => {
                b.push(&format!("{alias}.{}", quote(column)));
            }
            Expr::Param(value) => {
                b.param(value.clone());
            }
            Expr::Arith { op, lhs, rhs } => {
                b.push("(");
                lhs.render(b);
                b.push(&format!(" {op} "));
                rhs.render(b);
                b.push(")");
            }
            Expr::Part { transform, tz, arg } => render_part(b, *transform, tz.as_deref(), arg),
            Expr::Aggregate {
                function,
                arg,
                distinct,
                filter,
                extra,
                order_by,
            } => {
                b.push(&format!("{function}("));
                if *distinct {
                    b.push("DISTINCT ");
                }
                match arg {
                    Some(arg) => arg.render(b),
                    None => {
                        b.push("*");
                    }
                }
                for e in extra {
                    b.push(", ");
                    e.render(b);
                }
                if let Some(order_by) = order_by {
                    b.push(" ");
                    for (i, (term, suffix)) in order_by.iter().enumerate() {
                        b.push(if i == 0 { "ORDER BY " } else { ", " });
                        term.render(b);
                        b.push(suffix);
                    }
                }
                b.push(")");
                if let Some(filter) = filter {
                    // A filter that matches everything is left out, as Django leaves it.
                    let mut part = b.nested();
                    if filter.render(&mut part).is_ok() {
                        b.push(" FILTER (WHERE ");
                        b.append(part);
                        b.push(")");
                    }
                }
            }
            Expr::Raw(text) => {
                b.push(text);
            }
            Expr::Window {
                expr,
                partition_by,
                order_by,
            } => {
                expr.render(b);
                b.push(" OVER (");
                for (i, e) in partition_by.iter().enumerate() {
                    b.push(if i == 0 { "PARTITION BY " } else { ", " });
                    e.render(b);
                }
                for (i, (term, suffix)) in order_by.iter().flatten().enumerate() {
                    match i {
                        0 if partition_by.is_empty() => b.push("ORDER BY "),
                        0 => b.push(" ORDER BY "),
                        _ => b.push(", "),
                    };
                    term.render(b);
                    b.push(suffix);
                }
                b.push(")");
            }
            Expr::Condition(node) => {
                // A condition that prunes is Django's EmptyResultSet/FullResultSet, which an
                // aggregate's argument does not catch; written as the constant it stands for.
                let mut part = b.nested();
                match node.render(&mut part) {
                    Ok(()) => {
                        b.append(part);
                    }
                    Err(super::tree::Pruned::Empty) => {
                        b.push("FALSE");
                    }
                    Err(super::tree::Pruned::Full) => {
                        b.push("TRUE");
                    }
                }
            }
            Expr::TypedParam { value, db_type } => {
                b.param(value.clone());
                b.push(&format!("::{db_type}"));
            }
            Expr::Func { function, args } => {
                b.push(&format!("{function}("));
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        b.push(", ");
                    }
                    arg.render(b);
                }
                b.push(")");
            }
            Expr::Pipes(lhs, rhs) => {
                b.push("(");
                lhs.render(b);
                b.push(" || ");
                rhs.render(b);
                b.push(")");
            }
            Expr::Key { arg, keys, text } => super::keys::render_key(b, arg, keys, *text),
            Expr::Cast { arg, db_type } => {
                b.push("(");
                arg.render(b);
                b.push(&format!(")::{db_type}"));
            }
            Expr::Trunc {
                kind,
                tz,
                arg,
                time,
            } => {
                b.push("DATE_TRUNC(");
                b.param(Yaml::String(kind.to_string()));
                b.push(", ");
                arg.render(b);
                if let Some(tz) = tz {
                    b.push(" AT TIME ZONE ");
                    b.param(Yaml::String(tz.clone()));
                }
                b.push(if *time { ")::time" } else { ")" });
            }
            Expr::Case {
                whens,
                default,
                cast,
            } => render_case(b, whens, default, cast.as_deref()),
            Expr::Subquery {
                sql,
                exists,
                negated,
                ..
            } => {
                b.push(match (exists, negated) {
                    (true, true) => "NOT EXISTS(",
                    (true, false) => "EXISTS(",
                    _ => "(",
                });
                b.append((**sql).clone());
                b.push(")");
            }
        }
    }

    /// Whether it is or holds an aggregate (Django's `contains_aggregate`).
    pub fn contains_aggregate(&self) -> bool {
        match self {
            Expr::Aggregate { .. } => true,
            Expr::Arith { lhs, rhs, .. } | Expr::Pipes(lhs, rhs) => {
                lhs.contains_aggregate() || rhs.contains_aggregate()
            }
            Expr::Part { arg, .. }
            | Expr::Cast { arg, .. }
            | Expr::Trunc { arg, .. }
            | Expr::Key { arg, .. } => arg.contains_aggregate(),
            Expr::Func { args, .. } => args.iter().any(Expr::contains_aggregate),
            Expr::Case { whens, default, .. } => {
                default.contains_aggregate() || whens.iter().any(|(_, e)| e.contains_aggregate())
            }
            Expr::Condition(node) => node.has_aggregate(),
            Expr::Window { .. } => false,
            Expr::Col { .. }
            | Expr::Param(_)
            | Expr::TypedParam { .. }
            | Expr::Raw(_)
            | Expr::Subquery { .. } => false,
        }
    }

    /// Whether it reads a column (Django's `contains_column_references`), which an INSERT
    /// cannot.
    pub fn refers_to_columns(&self) -> bool {
        match self {
            Expr::Col { .. } => true,
            Expr::Arith { lhs, rhs, .. } | Expr::Pipes(lhs, rhs) => {
                lhs.refers_to_columns() || rhs.refers_to_columns()
            }
            Expr::Part { arg, .. }
            | Expr::Cast { arg, .. }
            | Expr::Trunc { arg, .. }
            | Expr::Key { arg, .. } => arg.refers_to_columns(),
            Expr::Func { args, .. } => args.iter().any(Expr::refers_to_columns),
            Expr::Aggregate { arg, .. } => arg.as_ref().is_some_and(|a| a.refers_to_columns()),
            Expr::Case { whens, default, .. } => {
                default.refers_to_columns() || whens.iter().any(|(_, e)| e.refers_to_columns())
            }
            Expr::Subquery { external, .. } => !external.is_empty(),
            Expr::Condition(node) => !node.group_by_cols().is_empty(),
            Expr::Window {
                expr, partition_by, ..
            } => expr.refers_to_columns() || partition_by.iter().any(Expr::refers_to_columns),
            Expr::Param(_) | Expr::TypedParam { .. } | Expr::Raw(_) => false,
        }
    }

    /// What GROUP BY takes from it: a column itself; nothing from a value or an aggregate;
    /// the outer columns of a subquery; any other expression whole, unless it aggregates,
    /// then what its parts give.
    pub fn group_by_cols(&self) -> Vec<Expr> {
        match self {
            Expr::Col { .. } => vec![self.clone()],
            Expr::Param(_) | Expr::TypedParam { .. } | Expr::Raw(_) | Expr::Aggregate { .. } => {
                Vec::new()
            }
            // Window.get_group_by_cols: its partition's and its ordering's.
            Expr::Window {
                partition_by,
                order_by,
                ..
            } => partition_by
                .iter()
                .chain(order_by.iter().flatten().map(|(e, _)| e))
                .flat_map(Expr::group_by_cols)
                .collect(),
            Expr::Subquery { external, .. } => external.clone(),
            _ if !self.contains_aggregate() => vec![self.clone()],
            Expr::Arith { lhs, rhs, .. } | Expr::Pipes(lhs, rhs) => {
                let mut cols = lhs.group_by_cols();
                cols.extend(rhs.group_by_cols());
                cols
            }
            Expr::Part { arg, .. }
            | Expr::Cast { arg, .. }
            | Expr::Trunc { arg, .. }
            | Expr::Key { arg, .. } => arg.group_by_cols(),
            Expr::Func { args, .. } => args.iter().flat_map(Expr::group_by_cols).collect(),
            Expr::Case { whens, default, .. } => whens
                .iter()
                .flat_map(|(_, e)| e.group_by_cols())
                .chain(default.group_by_cols())
                .collect(),
            Expr::Condition(node) => node.group_by_cols(),
        }
    }

    /// The expression as a second reference to an annotation resolves it (a filter on it, or
    /// an ordering by it that is not selected): Django resolves its conditions again, and a
    /// resolved WhereNode is written in parentheses.
    pub fn referenced(&self) -> Expr {
        let mut copy = self.clone();
        copy.mark_resolved();
        copy
    }

    fn mark_resolved(&mut self) {
        match self {
            Expr::Case { whens, default, .. } => {
                for (node, then) in whens {
                    node.mark_resolved();
                    then.mark_resolved();
                }
                default.mark_resolved();
            }
            Expr::Aggregate { arg, filter, .. } => {
                if let Some(arg) = arg {
                    arg.mark_resolved();
                }
                if let Some(filter) = filter {
                    filter.mark_resolved();
                }
            }
            Expr::Arith { lhs, rhs, .. } | Expr::Pipes(lhs, rhs) => {
                lhs.mark_resolved();
                rhs.mark_resolved();
            }
            Expr::Part { arg, .. }
            | Expr::Cast { arg, .. }
            | Expr::Trunc { arg, .. }
            | Expr::Key { arg, .. } => arg.mark_resolved(),
            Expr::Func { args, .. } => args.iter_mut().for_each(Expr::mark_resolved),
            Expr::Condition(node) => node.mark_resolved(),
            Expr::Window { expr, .. } => expr.mark_resolved(),
            Expr::Col { .. }
            | Expr::Param(_)
            | Expr::TypedParam { .. }
            | Expr::Raw(_)
            | Expr::Subquery { .. } => {}
        }
    }
}

/// `Case.as_sql`: a WHEN whose condition matches nothing is left out, one that matches
/// everything ends the CASE as its ELSE; no WHEN left is the default alone.
fn render_case(b: &mut Builder, whens: &[(Node, Expr)], default: &Expr, cast: Option<&str>) {
    let mut parts = Vec::new();
    let mut default = default;
    for (condition, then) in whens {
        let mut part = b.nested();
        match condition.render(&mut part) {
            Ok(()) => parts.push((part, then)),
            Err(super::tree::Pruned::Empty) => {}
            Err(super::tree::Pruned::Full) => {
                default = then;
                break;
            }
        }
    }
    if parts.is_empty() {
        default.render(b);
        return;
    }
    if cast.is_some() {
        b.push("CAST(");
    }
    b.push("CASE");
    for (condition, then) in parts {
        b.push(" WHEN ");
        b.append(condition);
        b.push(" THEN ");
        then.render(b);
    }
    b.push(" ELSE ");
    default.render(b);
    b.push(" END");
    if let Some(cast) = cast {
        b.push(&format!(" AS {cast})"));
    }
}

/// `EXTRACT(MONTH FROM x)`, with a datetime read in its zone: `EXTRACT(MONTH FROM x AT TIME
/// ZONE %s)`; week days as Django numbers them (Sunday 1); `(x AT TIME ZONE %s)::date`.
fn render_part(b: &mut Builder, transform: Transform, tz: Option<&str>, arg: &Expr) {
    let zoned = |b: &mut Builder| {
        arg.render(b);
        if let Some(tz) = tz {
            b.push(" AT TIME ZONE ");
            b.param(Yaml::String(tz.to_string()));
        }
    };
    match transform.extract() {
        // Seconds of a datetime or time lose their fraction first (datetime_extract_sql).
        Some("SECOND") => {
            b.push("EXTRACT(SECOND FROM DATE_TRUNC(");
            b.param(Yaml::String("second".into()));
            b.push(", ");
            zoned(b);
            b.push("))");
        }
        Some(part) => {
            b.push(&format!("EXTRACT({part} FROM "));
            zoned(b);
            b.push(")");
            if transform == Transform::WeekDay {
                b.push(" + 1");
            }
        }
        None => {
            let cast = if transform == Transform::Date {
                "date"
            } else {
                "time"
            };
            // `(x AT TIME ZONE %s)::date`, and `(x)::date` without a zone (USE_TZ = False).
            b.push("(");
            zoned(b);
            b.push(&format!(")::{cast}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sql(expr: &Expr) -> (String, Vec<Yaml>) {
        let mut b = Builder::new();
        expr.render(&mut b);
        let q = b.finish();
        (q.sql, q.params)
    }

    #[test]
    fn ordered_aggregates_and_windows() {
        let agg = |order_by| Expr::Aggregate {
            function: "STRING_AGG",
            arg: Some(Box::new(Expr::col("t", "name"))),
            distinct: false,
            filter: None,
            extra: vec![Expr::Param(", ".into())],
            order_by,
        };
        // OrderableAggMixin's template keeps its space when there is no ordering.
        assert_eq!(
            sql(&agg(Some(Vec::new()))).0,
            r#"STRING_AGG("t"."name", $1 )"#
        );
        let ordered = agg(Some(vec![
            (Expr::col("t", "id"), " DESC".into()),
            (Expr::col("t", "name"), String::new()),
        ]));
        assert_eq!(
            sql(&ordered).0,
            r#"STRING_AGG("t"."name", $1 ORDER BY "t"."id" DESC, "t"."name")"#
        );
        let window = Expr::Window {
            expr: Box::new(ordered),
            partition_by: vec![Expr::col("t", "blog_id")],
            order_by: Some(vec![(Expr::col("t", "rating"), " DESC".into())]),
        };
        assert!(!window.contains_aggregate());
        assert_eq!(
            window.group_by_cols(),
            [Expr::col("t", "blog_id"), Expr::col("t", "rating")]
        );
        assert!(sql(&window)
            .0
            .ends_with(r#" OVER (PARTITION BY "t"."blog_id" ORDER BY "t"."rating" DESC)"#));
        let typed = Expr::TypedParam {
            value: Yaml::Sequence(Vec::new()),
            db_type: "integer[]".into(),
        };
        assert_eq!(sql(&typed).0, "$1::integer[]");
    }

    #[test]
    fn concat_pairs_coalesce_and_cast_as_postgresql_does() {
        let coalesce = |e: Expr| Expr::Func {
            function: "COALESCE",
            args: vec![e, Expr::Param("".into())],
        };
        let rating = Expr::Cast {
            arg: Box::new(Expr::col("t", "rating")),
            db_type: "text".into(),
        };
        let pair = Expr::Pipes(
            Box::new(coalesce(Expr::col("t", "name"))),
            Box::new(coalesce(rating)),
        );
        assert_eq!(
            sql(&pair).0,
            r#"(COALESCE("t"."name", $1) || COALESCE(("t"."rating")::text, $2))"#
        );
    }

    #[test]
    fn trunc_case_and_aggregate_filter() {
        let trunc = Expr::Trunc {
            kind: "month",
            tz: Some("UTC".into()),
            arg: Box::new(Expr::col("t", "at")),
            time: false,
        };
        assert_eq!(
            sql(&trunc),
            (
                r#"DATE_TRUNC($1, "t"."at" AT TIME ZONE $2)"#.into(),
                vec!["month".into(), "UTC".into()]
            )
        );
        let case = Expr::Case {
            whens: vec![(Node::default(), Expr::Param(1.into()))],
            default: Box::new(Expr::Raw("NULL".into())),
            cast: None,
        };
        // An empty condition matches everything: the WHEN's result is all there is.
        assert_eq!(sql(&case).0, "$1");
        let count = Expr::Aggregate {
            function: "COUNT",
            arg: Some(Box::new(Expr::col("t", "id"))),
            distinct: true,
            filter: Some(Box::new(Node::default())),
            extra: Vec::new(),
            order_by: None,
        };
        assert_eq!(sql(&count).0, r#"COUNT(DISTINCT "t"."id")"#);
        assert!(count.contains_aggregate() && count.group_by_cols().is_empty());
    }

    #[test]
    fn parts_of_dates_and_times() {
        let mut b = Builder::new();
        let part = Expr::Part {
            transform: Transform::WeekDay,
            tz: Some("UTC".into()),
            arg: Box::new(Expr::col("t", "at")),
        };
        part.render(&mut b);
        let date = Expr::Part {
            transform: Transform::Date,
            tz: Some("UTC".into()),
            arg: Box::new(Expr::col("t", "at")),
        };
        b.push(" ");
        date.render(&mut b);
        assert_eq!(
            b.finish().sql,
            r#"EXTRACT(DOW FROM "t"."at" AT TIME ZONE $1) + 1 ("t"."at" AT TIME ZONE $2)::date"#
        );
    }
}
