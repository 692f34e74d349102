//! GROUP BY as Django's compiler writes it (`get_group_by` and `collapse_group_by`): the
//! minimal set (values() before an aggregate), then what the SELECT, the ORDER BY and HAVING
//! take; columns of a table whose primary key is grouped dropped (PostgreSQL allows it);
//! what is selected under a name by its position.

use super::expr::Expr;
use super::mask::Mask;
use super::order::Order;
use super::Query;
use crate::sql::compiler::Builder;

/// Whether and by what the query groups (Django's `query.group_by`).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum GroupBy {
    /// No aggregate: no GROUP BY.
    #[default]
    None,
    /// By what is selected (Django's `True`).
    Selected,
    /// By these at least (values() before the aggregate, or what it replaced).
    List(Vec<Expr>),
}

impl Query {
    /// An aggregate is annotated: values() groups by what it selects, else the select does.
    pub fn group_by_aggregate(&mut self) {
        if self.group_by != GroupBy::None {
            return;
        }
        self.group_by = match &self.columns {
            super::Columns::Values(values) => GroupBy::List(
                values
                    .iter()
                    .flat_map(|(t, _)| t.expr.group_by_cols())
                    .collect(),
            ),
            _ => GroupBy::Selected,
        };
    }

    /// values() (or exists()) after an aggregate: the group becomes the model's columns and
    /// the annotations', as `set_group_by(allow_aliases=False)` makes it.
    pub fn freeze_group_by(&mut self) {
        if self.group_by != GroupBy::Selected {
            return;
        }
        let model = self.model.clone();
        let base = self.aliases.base().to_string();
        let mut list: Vec<Expr> = self
            .model_columns(&model, &base, &Mask::all())
            .into_iter()
            .map(|(alias, column)| {
                let (alias, column) = self.trim_parent_links(alias, column);
                Expr::Col {
                    alias: self.aliases.sql(&alias),
                    column,
                }
            })
            .collect();
        for (_, typed) in &self.annotations {
            list.extend(typed.expr.group_by_cols());
        }
        self.group_by = GroupBy::List(list);
    }

    /// An ancestor's primary key read through the parent links that join on it is the
    /// child's own pointer column (Django's `add_fields` trims those joins: `id` of a
    /// DigitalProduct is "app_digitalproduct"."product_ptr_id").
    fn trim_parent_links(&self, mut alias: String, mut column: String) -> (String, String) {
        loop {
            let Some(join) = self
                .aliases
                .list
                .iter()
                .find(|a| a.name == alias)
                .and_then(|a| a.join.as_ref())
            else {
                return (alias, column);
            };
            if !join.relation.ends_with("_ptr") || join.columns.1 != column {
                return (alias, column);
            }
            column = join.columns.0.clone();
            alias = join.parent.clone();
        }
    }

    /// ` GROUP BY ...`, from what is selected (with the names they are selected under) and
    /// the ordering (with positions when it refers to the SELECT).
    pub(super) fn render_group_by(
        &self,
        b: &mut Builder,
        selected: &[(Expr, Option<String>)],
        ordering: &[(Option<usize>, &Order)],
    ) {
        let mut exprs = match &self.group_by {
            GroupBy::None => return,
            GroupBy::Selected => Vec::new(),
            GroupBy::List(list) => list.clone(),
        };
        for (expr, _) in selected {
            exprs.extend(expr.group_by_cols());
        }
        for (position, order) in ordering {
            if position.is_none() {
                exprs.extend(order.expr.group_by_cols());
            }
        }
        let having = self.having.group_by_cols();
        exprs.extend(having.iter().cloned());
        let exprs = self.collapse(exprs, &having);
        let mut seen: Vec<crate::sql::compiler::Query> = Vec::new();
        let mut parts = Vec::new();
        for expr in exprs {
            let mut part = b.nested();
            let position = selected
                .iter()
                .position(|(e, alias)| alias.is_some() && *e == expr);
            match position {
                Some(i) => {
                    part.push(&(i + 1).to_string());
                }
                None => expr.render(&mut part),
            }
            let key = part.clone().finish();
            if !seen.contains(&key) {
                seen.push(key);
                parts.push(part);
            }
        }
        if parts.is_empty() {
            return;
        }
        b.push(" GROUP BY ");
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                b.push(", ");
            }
            b.append(part);
        }
    }

    /// `collapse_group_by`: a table whose primary key is grouped needs none of its other
    /// columns (unless HAVING names them).
    fn collapse(&self, exprs: Vec<Expr>, having: &[Expr]) -> Vec<Expr> {
        let pk_aliases: Vec<String> = exprs
            .iter()
            .filter_map(|e| match e {
                Expr::Col { alias, column } if self.is_pk(alias, column) => Some(alias.clone()),
                _ => None,
            })
            .collect();
        exprs
            .into_iter()
            .filter(|e| match e {
                Expr::Col { alias, column } => {
                    self.is_pk(alias, column) || having.contains(e) || !pk_aliases.contains(alias)
                }
                _ => true,
            })
            .collect()
    }

    /// Whether the column, by the alias as written, is its table's primary key.
    fn is_pk(&self, alias_sql: &str, column: &str) -> bool {
        let Some(alias) = self
            .aliases
            .list
            .iter()
            .find(|a| self.aliases.sql(&a.name) == alias_sql)
        else {
            return false;
        };
        self.registry
            .models
            .values()
            .any(|m| m.table == alias.table && m.pk == column)
    }
}
