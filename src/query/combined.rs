//! Set operations: `union()`, `intersection()` and `difference()` as Django's
//! `QuerySet._combinator_query` builds them and `SQLCompiler.get_combinator_sql` writes them
//! for PostgreSQL: each part in parentheses (ordering and slicing allowed inside), default
//! columns aliased `col1` ..., then the combined query's ORDER BY and LIMIT; count() as
//! `SELECT COUNT(*) FROM (...) subquery`; exists() selecting `1 AS "a"` in each part of a union.

use super::order::{render_ordering, Order};
use super::select::{Columns, Query, Segment, EMPTY};
use super::tree::Expr;
use crate::sql::compiler::{quote, Builder};

/// The operator and every part, the queryset combined first.
#[derive(Debug, Clone)]
pub struct Combined {
    /// `UNION`, `UNION ALL`, `INTERSECT` or `EXCEPT`.
    pub operator: &'static str,
    pub parts: Vec<Query>,
}

impl Combined {
    /// The QuerySet method that made it.
    pub fn method(&self) -> &'static str {
        match self.operator {
            "INTERSECT" => "intersection",
            "EXCEPT" => "difference",
            _ => "union",
        }
    }

    fn is_union(&self) -> bool {
        self.operator.starts_with("UNION")
    }
}

impl Query {
    /// `self.union(*others)` and the like: the query as it is becomes the first part (keeping
    /// its ordering and slice); the combined query starts unordered and unsliced. Parts that
    /// select the model's columns select the first part's values() when it has them.
    pub fn combine(&mut self, operator: &'static str, others: Vec<Query>) {
        let first = self.clone();
        self.order_by.clear();
        self.low = 0;
        self.high = None;
        let mut parts = vec![first];
        parts.extend(others);
        self.combinator = Some(Combined { operator, parts });
    }

    /// `Query.exists(limit)`: `1 AS "a"` selected, no ordering, at most one row when `limit`;
    /// the parts of a union (and of unions within it) become exists() queries too, keeping
    /// their slices.
    pub fn exists(&mut self, limit: bool) {
        self.columns = Columns::Exists;
        self.order_by.clear();
        if let Some(combined) = &mut self.combinator {
            if combined.is_union() {
                for part in &mut combined.parts {
                    part.exists(false);
                }
            }
        }
        if limit {
            let next = self.low.saturating_add(1);
            self.high = Some(self.high.map_or(next, |h| h.min(next)));
        }
    }

    /// The combined statement; count() of it wrapped as Django's `get_aggregation` does.
    pub(super) fn compile_combined(
        &self,
        combined: &Combined,
    ) -> Result<(Builder, Vec<Segment>), String> {
        match &self.columns {
            Columns::Aggregate(_) => {
                Err("aggregate() of a combined queryset is not supported yet".into())
            }
            Columns::Count => {
                let (inner, _) = self.combined_statement(combined)?;
                let mut b = Builder::new();
                b.push("SELECT COUNT(*) FROM (");
                b.append(inner);
                b.push(") subquery");
                Ok((b, Vec::new()))
            }
            _ => self.combined_statement(combined),
        }
    }

    /// `(SELECT ...) UNION (SELECT ...) ORDER BY ... LIMIT n`. A part that matches nothing
    /// is left out of a union, and out of a difference after its first part; otherwise the
    /// whole matches nothing. A sliced union left with one part keeps an empty one
    /// (`WHERE 0 = 1`), as Django does so that two LIMITs never meet.
    fn combined_statement(&self, combined: &Combined) -> Result<(Builder, Vec<Segment>), String> {
        let mut compiled = Vec::new();
        let mut empty = None;
        let mut segments = None;
        for part in &combined.parts {
            let mut part = part.clone();
            part.col_aliases = true;
            match part.compile() {
                Ok((sql, part_segments)) => {
                    segments.get_or_insert(part_segments);
                    compiled.push(sql);
                }
                Err(e) if e == EMPTY => {
                    let omitted = combined.is_union()
                        || (combined.operator == "EXCEPT" && !compiled.is_empty());
                    if !omitted {
                        return Err(e);
                    }
                    empty = Some(part);
                }
                Err(e) => return Err(e),
            }
        }
        let sliced = self.low > 0 || self.high.is_some();
        if compiled.is_empty() {
            return Err(EMPTY.into());
        }
        if compiled.len() == 1 && combined.is_union() && sliced {
            if let Some(mut part) = empty {
                part.keep_empty = true;
                compiled.push(part.compile()?.0);
            }
        }
        let mut b = Builder::new();
        for (i, part) in compiled.into_iter().enumerate() {
            if i > 0 {
                b.push(&format!(" {} ", combined.operator));
            }
            b.push("(");
            b.append(part);
            b.push(")");
        }
        let segments = segments.unwrap_or_default();
        let ordering = self.combined_ordering(combined, &segments)?;
        render_ordering(
            &mut b,
            &ordering.iter().map(|(p, o)| (*p, o)).collect::<Vec<_>>(),
        );
        if let Some(high) = self.high {
            b.push(&format!(" LIMIT {}", high - self.low));
        }
        if self.low > 0 {
            b.push(&format!(" OFFSET {}", self.low));
        }
        Ok((b, segments))
    }

    /// Django's `get_order_by` on a combined query: a values() name by its position
    /// (`ORDER BY 2 DESC`), a model column by its alias in the parts (`ORDER BY "col2" ASC`),
    /// an annotation by its name.
    fn combined_ordering(
        &self,
        combined: &Combined,
        segments: &[Segment],
    ) -> Result<Vec<(Option<usize>, Order)>, String> {
        let shape = &combined.parts[0].shape();
        let mut out = Vec::new();
        for order in &self.order_by {
            let column = match &order.expr {
                Expr::Col { column, .. } => Some(column.as_str()),
                _ => None,
            };
            let entry = match shape {
                Columns::Values(values) => {
                    let names: Vec<&str> = values.iter().map(|(_, n)| n.as_str()).collect();
                    let position = order
                        .name
                        .as_deref()
                        .and_then(|name| names.iter().position(|n| *n == name))
                        .or_else(|| column.and_then(|c| names.iter().position(|n| *n == c)));
                    position.map(|p| (Some(p + 1), order.clone()))
                }
                _ => {
                    let mut columns = segments.iter().flat_map(|s| s.columns.iter());
                    let alias = column
                        .and_then(|c| columns.position(|(_, col)| col == c))
                        .map(|p| format!("col{}", p + 1))
                        .or_else(|| {
                            let name = order.name.as_deref()?;
                            combined.parts[0]
                                .annotations
                                .iter()
                                .any(|(n, _)| n == name)
                                .then(|| name.to_string())
                        });
                    alias.map(|alias| {
                        let mut by_alias = order.clone();
                        by_alias.expr = Expr::Raw(quote(&alias));
                        (None, by_alias)
                    })
                }
            };
            let Some(entry) = entry else {
                return Err(
                    "DatabaseError: ORDER BY term does not match any column in the result set."
                        .into(),
                );
            };
            out.push(entry);
        }
        Ok(out)
    }

    /// What the query selects, looking through combined queries to their first part.
    fn shape(&self) -> &Columns {
        match &self.combinator {
            Some(combined) => combined.parts[0].shape(),
            None => &self.columns,
        }
    }
}
