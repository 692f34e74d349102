//! `order_by(...)` as Django's compiler orders (`_order_by_pairs`): names and `F()`s that
//! are selected under that name, and expressions equal to a selected one, by their position
//! (`ORDER BY 2`); the rest written out, with `NULLS FIRST`/`NULLS LAST`; `?` is RANDOM().

use super::expr::Expr;
use super::Query;
use crate::spec::{Expression, Ordering};
use crate::sql::compiler::Builder;

/// One `ORDER BY` term.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub expr: Expr,
    pub descending: bool,
    /// `NULLS FIRST` (true) or `NULLS LAST` (false).
    pub nulls_first: Option<bool>,
    /// The name it was given by (a field, an annotation, a values() name): by position when
    /// something is selected under that name.
    pub name: Option<String>,
    /// An expression: by position when the same expression is selected.
    pub by_expr: bool,
}

impl Query {
    /// `order_by(...)`, the joins of its paths made now.
    pub fn add_ordering(&mut self, items: &[Ordering]) -> Result<(), String> {
        for item in items {
            let order = match item {
                Ordering::Name(name) if name == "?" => Order {
                    expr: Expr::Raw("RANDOM()".into()),
                    descending: false,
                    nulls_first: None,
                    name: None,
                    by_expr: false,
                },
                Ordering::Name(name) => {
                    let (descending, bare) = match name.strip_prefix('-') {
                        Some(bare) => (true, bare),
                        None => (false, name.as_str()),
                    };
                    // An annotation by name is resolved again (see `Expr::referenced`).
                    let expr = match self.annotations.iter().find(|(n, _)| n == bare) {
                        Some((_, typed)) => typed.expr.referenced(),
                        None => self.ordered_column(bare)?,
                    };
                    Order {
                        expr,
                        descending,
                        nulls_first: None,
                        name: Some(bare.to_string()),
                        by_expr: false,
                    }
                }
                Ordering::Expr {
                    expr,
                    descending,
                    nulls_first,
                    nulls_last,
                } => {
                    let name = match expr {
                        Expression::F(name) => Some(name.clone()),
                        _ => None,
                    };
                    Order {
                        by_expr: name.is_none(),
                        expr: self.resolve(expr)?.expr,
                        descending: *descending,
                        nulls_first: match (nulls_first, nulls_last) {
                            (true, _) => Some(true),
                            (_, true) => Some(false),
                            _ => None,
                        },
                        name,
                    }
                }
            };
            self.order_by.push(order);
        }
        Ok(())
    }

    /// A name that orders: a values() name stands for what it selects, else a field.
    fn ordered_column(&mut self, name: &str) -> Result<Expr, String> {
        if let super::Columns::Values(values) = &self.columns {
            if let Some((typed, _)) = values.iter().find(|(_, n)| n == name) {
                return Ok(typed.expr.clone());
            }
        }
        Ok(self.column(name)?.0)
    }

    /// The ordering first() uses (the primary key when there is none) or last() reverses.
    pub fn ensure_ordering(&mut self) -> Result<(), String> {
        if self.order_by.is_empty() {
            self.add_ordering(&[Ordering::Name("pk".to_string())])?;
        }
        Ok(())
    }

    /// `reverse_ordering`: each term the other way, NULLS FIRST and LAST swapped.
    pub fn reverse_ordering(&mut self) {
        for order in &mut self.order_by {
            order.descending = !order.descending;
            order.nulls_first = order.nulls_first.map(|first| !first);
        }
    }

    /// Each term with the position of what it refers to in the SELECT, if it does.
    pub(super) fn positioned_ordering<'a>(
        &'a self,
        selected: &[(Expr, Option<String>)],
    ) -> Vec<(Option<usize>, &'a Order)> {
        self.order_by
            .iter()
            .map(|order| {
                let by_name = order.name.as_ref().and_then(|name| {
                    selected
                        .iter()
                        .position(|(_, alias)| alias.as_ref() == Some(name))
                });
                let by_expr = order
                    .by_expr
                    .then(|| selected.iter().position(|(e, _)| *e == order.expr))
                    .flatten();
                (by_name.or(by_expr).map(|i| i + 1), order)
            })
            .collect()
    }

    /// What a DISTINCT query must select besides its columns to be ordered (PostgreSQL
    /// requires it): each term not by position whose expression is not selected, as
    /// Django's `get_extra_select` adds it (without a name).
    pub(super) fn ordering_only_columns(
        &self,
        ordering: &[(Option<usize>, &Order)],
        selected: &[(Expr, Option<String>)],
    ) -> Vec<Expr> {
        // get_extra_select: only a plain DISTINCT needs them (DISTINCT ON does not).
        if !self.distinct || !self.distinct_fields.is_empty() {
            return Vec::new();
        }
        ordering
            .iter()
            .filter(|(position, order)| {
                position.is_none() && !selected.iter().any(|(e, _)| *e == order.expr)
            })
            .map(|(_, order)| order.expr.clone())
            .collect()
    }
}

/// ` ORDER BY ...`.
pub(super) fn render_ordering(b: &mut Builder, ordering: &[(Option<usize>, &Order)]) {
    if ordering.is_empty() {
        return;
    }
    b.push(" ORDER BY ");
    for (i, (position, order)) in ordering.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        match position {
            Some(position) => {
                b.push(&position.to_string());
            }
            None => order.expr.render(b),
        }
        b.push(if order.descending { " DESC" } else { " ASC" });
        match order.nulls_first {
            Some(true) => {
                b.push(" NULLS FIRST");
            }
            Some(false) => {
                b.push(" NULLS LAST");
            }
            None => {}
        }
    }
}
