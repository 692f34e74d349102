//! count() and aggregate() as Django's `Query.get_aggregation` makes them: in place
//! (`SELECT SUM("t"."c") AS "total" FROM ...`), or, when the query is sliced, distinct or
//! already aggregates, over the query as a subquery whose result it summarises
//! (`SELECT SUM("__col1") FROM (SELECT "t"."c" AS "__col1" ... LIMIT 2) subquery`), as
//! `AggregateQuery` and `SQLAggregateCompiler` write it.

use super::group::GroupBy;
use super::resolve::Typed;
use super::select::{Columns, Query, Segment};
use super::tree::Expr;
use crate::sql::compiler::{quote, Builder};

impl Query {
    /// Whether an aggregation must be taken over the query as a subquery: a slice or
    /// DISTINCT must be applied before summarising, and an aggregate annotation (or HAVING,
    /// which needs one) would make GROUP BY give one row per group.
    pub fn aggregates_over_subquery(&self) -> bool {
        let sliced = self.low > 0 || self.high.is_some();
        sliced || self.distinct || self.group_by != GroupBy::None
    }

    /// count(): `COUNT(*)` under `__count`, in place or over the query.
    pub fn count(&mut self) -> Result<(), String> {
        if !self.aggregates_over_subquery() {
            self.columns = Columns::Count;
            self.order_by.clear();
            return Ok(());
        }
        let count = Expr::Aggregate {
            function: "COUNT",
            arg: None,
            distinct: false,
            filter: None,
            extra: Vec::new(),
            order_by: None,
        };
        self.aggregate(vec![(count, "__count".to_string())])
    }

    /// aggregate(...): the aggregates, resolved against this query, selected in place or
    /// over the query.
    pub fn aggregate(&mut self, aggregates: Vec<(Expr, String)>) -> Result<(), String> {
        if self.aggregates_over_subquery() {
            let (inner, outer) = self.aggregated_subquery(&aggregates)?;
            self.aggregated = Some(Box::new(inner));
            self.columns = Columns::Aggregate(outer);
        } else {
            self.columns = Columns::Aggregate(aggregates);
        }
        self.order_by.clear();
        Ok(())
    }

    /// The inner query of get_aggregation's subquery branch, and the aggregates repointed
    /// to the columns it selects for them (`__col1`, `__col2` ...).
    fn aggregated_subquery(
        &self,
        aggregates: &[(Expr, String)],
    ) -> Result<(Query, Vec<(Expr, String)>), String> {
        let mut inner = self.clone();
        inner.col_aliases = true;
        inner.for_update = None;
        inner.select_related.clear();
        // The slice is taken from the ordered rows, and DISTINCT ON keeps the first row by
        // the ordering (clear_ordering(force=False)); otherwise the order does not matter.
        if self.low == 0 && self.high.is_none() && self.distinct_fields.is_empty() {
            inner.order_by.clear();
        }
        if !self.distinct {
            inner.select_only_grouping();
        }
        let mut col_refs: Vec<Expr> = Vec::new();
        let mut outer = Vec::new();
        for (aggregate, name) in aggregates {
            let mut repointed = aggregate.clone();
            repoint_cols(&mut repointed, &mut col_refs)?;
            outer.push((repointed, name.clone()));
        }
        for (i, col) in col_refs.into_iter().enumerate() {
            inner.select_named(col, format!("__col{}", i + 1));
        }
        if matches!(&inner.columns, Columns::Values(v) if v.is_empty()) {
            // `Model.objects[0:3].count()`: something must be selected; the primary key.
            let pk = inner.pk_col();
            inner.select_named(pk, "col1".to_string());
        }
        Ok((inner, outer))
    }

    /// Without DISTINCT the inner query needs none of the model's columns, nor the
    /// annotations that do not group (aggregates, values): Django masks them. A query that
    /// grouped by what it selected groups by the primary key instead.
    fn select_only_grouping(&mut self) {
        let groups = |t: &Typed| !t.expr.group_by_cols().is_empty();
        let kept = match &self.columns {
            Columns::Values(values) => values.iter().filter(|(t, _)| groups(t)).cloned().collect(),
            _ => {
                if self.group_by != GroupBy::None {
                    self.group_by = GroupBy::List(vec![self.pk_col()]);
                }
                self.annotations
                    .iter()
                    .filter(|(_, t)| groups(t))
                    .map(|(n, t)| (t.clone(), n.clone()))
                    .collect()
            }
        };
        self.annotations.clear();
        self.columns = Columns::Values(kept);
    }

    /// Adds a column to what the inner query selects, under a name.
    fn select_named(&mut self, col: Expr, name: String) {
        let typed = Typed {
            expr: col,
            cast_type: String::new(),
        };
        match &mut self.columns {
            Columns::Values(values) => values.push((typed, name)),
            _ => self.annotations.push((name, typed)),
        }
    }

    /// The base model's primary key column.
    fn pk_col(&self) -> Expr {
        Expr::Col {
            alias: self.aliases.sql(self.aliases.base()),
            column: self.registry.model(&self.model).pk.clone(),
        }
    }

    /// `SELECT <aggregates> FROM (<inner>) subquery`: the aggregates without their names
    /// (`SQLAggregateCompiler`), the inner query with its columns aliased.
    pub(super) fn compile_aggregated(
        &self,
        inner: &Query,
    ) -> Result<(Builder, Vec<Segment>), String> {
        let (inner_sql, _) = inner.compile()?;
        let mut b = Builder::new();
        b.push("SELECT ");
        if let Columns::Aggregate(aggregates) = &self.columns {
            for (i, (aggregate, _)) in aggregates.iter().enumerate() {
                if i > 0 {
                    b.push(", ");
                }
                aggregate.render(&mut b);
            }
        }
        b.push(" FROM (");
        b.append(inner_sql);
        b.push(") subquery");
        Ok((b, Vec::new()))
    }
}

/// Points each column the aggregate reads at the inner query's `__colN` for it (a column
/// read twice gets one), as get_aggregation's `replace_expressions` does. What holds columns
/// this cannot reach (a filter, a CASE's conditions, a subquery) is refused.
fn repoint_cols(expr: &mut Expr, col_refs: &mut Vec<Expr>) -> Result<(), String> {
    let unsupported = |what: &str| {
        Err(format!(
            "aggregate() with {what} over a sliced, distinct or grouped queryset (a subquery) is not supported yet"
        ))
    };
    match expr {
        Expr::Col { .. } => {
            let index = match col_refs.iter().position(|c| c == expr) {
                Some(i) => i,
                None => {
                    col_refs.push(expr.clone());
                    col_refs.len() - 1
                }
            };
            *expr = Expr::Raw(quote(&format!("__col{}", index + 1)));
        }
        Expr::Aggregate {
            filter: Some(_), ..
        } => return unsupported("a filter"),
        Expr::Aggregate {
            order_by: Some(_), ..
        } => return unsupported("an ordered aggregate"),
        Expr::Aggregate { arg, extra, .. } => {
            if let Some(arg) = arg {
                repoint_cols(arg, col_refs)?;
            }
            for e in extra {
                repoint_cols(e, col_refs)?;
            }
        }
        Expr::Condition(_) => return unsupported("a condition"),
        Expr::Window { .. } => return unsupported("a window"),
        Expr::Arith { lhs, rhs, .. } | Expr::Pipes(lhs, rhs) => {
            repoint_cols(lhs, col_refs)?;
            repoint_cols(rhs, col_refs)?;
        }
        Expr::Part { arg, .. }
        | Expr::Cast { arg, .. }
        | Expr::Trunc { arg, .. }
        | Expr::Key { arg, .. } => repoint_cols(arg, col_refs)?,
        Expr::Func { args, .. } => {
            for arg in args {
                repoint_cols(arg, col_refs)?;
            }
        }
        Expr::Case { .. } => return unsupported("a Case"),
        Expr::Subquery { .. } => return unsupported("a subquery"),
        Expr::Param(_) | Expr::TypedParam { .. } | Expr::Raw(_) => {}
    }
    Ok(())
}
