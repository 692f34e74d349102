//! The where tree and the expressions of a query, rendered as Django's compiler renders them
//! for PostgreSQL: nodes with a connector (AND/OR) and a negation, squashed as Django's
//! `tree.Node.add` squashes them, parenthesised only when they hold several children, and
//! lookups that can match nothing (`in: []`) or everything pruned as `EmptyResultSet` and
//! `FullResultSet` prune them.

use serde_yaml::Value as Yaml;

pub use super::expr::Expr;
use super::lookup::Lookup;
use crate::sql::compiler::Builder;

/// The right-hand side of a lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Rhs {
    Value(Yaml),
    /// `in` and `range`.
    Values(Vec<Yaml>),
    Expr(Expr),
}

/// A condition of the where tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    Lookup {
        lhs: Expr,
        lookup: Lookup,
        rhs: Rhs,
        /// The column is a boolean: `exact: true` is the column itself (Django's conditional
        /// expressions in WHERE).
        boolean: bool,
    },
    /// `EXISTS(<subquery>)`, the subquery already written.
    Exists(Box<Builder>),
    /// A conditional expression as the condition itself (`EXISTS(...)`, `NOT EXISTS(...)`).
    Expr(Expr),
    /// `("t"."id") IN (($1), ($2))`: Django 5.2's tuple form of a related field's `__in`
    /// (a forward key's prefetch).
    TupleIn { lhs: Expr, values: Vec<Yaml> },
    /// Django's NothingNode (`Query.set_empty()`): matches no row, so nothing is sent.
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    And,
    Or,
}

/// A child of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum Child {
    Node(Node),
    Leaf(Leaf),
}

/// Django's WhereNode.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub connector: Connector,
    pub negated: bool,
    pub children: Vec<Child>,
    /// Resolved a second time (an annotation's condition referred to again): Django then
    /// writes it in parentheses even with one child.
    pub resolved: bool,
}

impl Default for Node {
    fn default() -> Node {
        Node::new(Connector::And, false)
    }
}

/// What rendering a node can find instead of SQL: it matches nothing, or everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pruned {
    Empty,
    Full,
}

impl Node {
    pub fn new(connector: Connector, negated: bool) -> Node {
        Node {
            connector,
            negated,
            children: Vec::new(),
            resolved: false,
        }
    }

    /// `WhereNode.resolve_expression`: resolved again, the node is written in parentheses.
    /// A condition that is an expression itself (`When(Exists(...))`) is no WhereNode and
    /// stays bare.
    pub fn mark_resolved(&mut self) {
        self.resolved = !matches!(self.children.as_slice(), [Child::Leaf(Leaf::Expr(_))]);
    }

    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// `tree.Node.add`: a node of the same connector (or of one child), not negated, is
    /// squashed into this one; a different connector turns this node into a child.
    pub fn add(&mut self, child: Child, connector: Connector) {
        if self.connector != connector {
            let old = std::mem::replace(self, Node::new(connector, false));
            self.children = vec![Child::Node(old), child];
            return;
        }
        match child {
            Child::Node(node)
                if !node.negated && (node.connector == connector || node.children.len() == 1) =>
            {
                self.children.extend(node.children);
            }
            other => self.children.push(other),
        }
    }

    /// `split_having_qualify`: the conditions on aggregates go to HAVING. Children of an AND
    /// that hold an aggregate move; an OR that holds one moves whole. Returns (where, having).
    pub fn split_having(&self) -> (Node, Node) {
        if !self.has_aggregate() {
            return (self.clone(), Node::default());
        }
        if self.connector == Connector::Or || self.negated {
            return (Node::default(), self.clone());
        }
        let mut where_ = Node::new(self.connector, false);
        let mut having = Node::new(self.connector, false);
        for child in &self.children {
            let target = match child {
                Child::Node(node) if node.has_aggregate() => &mut having,
                Child::Leaf(leaf) if leaf_has_aggregate(leaf) => &mut having,
                _ => &mut where_,
            };
            target.children.push(child.clone());
        }
        (where_, having)
    }

    /// What GROUP BY takes from the conditions (of HAVING): their expressions' columns.
    pub fn group_by_cols(&self) -> Vec<Expr> {
        let mut out = Vec::new();
        for child in &self.children {
            match child {
                Child::Node(node) => out.extend(node.group_by_cols()),
                Child::Leaf(Leaf::Lookup { lhs, rhs, .. }) => {
                    out.extend(lhs.group_by_cols());
                    if let Rhs::Expr(e) = rhs {
                        out.extend(e.group_by_cols());
                    }
                }
                Child::Leaf(Leaf::Expr(e)) => out.extend(e.group_by_cols()),
                Child::Leaf(Leaf::TupleIn { lhs, .. }) => out.extend(lhs.group_by_cols()),
                Child::Leaf(Leaf::Exists(_) | Leaf::Nothing) => {}
            }
        }
        out
    }

    pub fn has_aggregate(&self) -> bool {
        self.children.iter().any(|child| match child {
            Child::Node(node) => node.has_aggregate(),
            Child::Leaf(leaf) => leaf_has_aggregate(leaf),
        })
    }

    /// `WhereNode.as_sql`. `Err` when the node prunes to nothing or everything.
    pub fn render(&self, b: &mut Builder) -> Result<(), Pruned> {
        let (mut full_needed, mut empty_needed) = match self.connector {
            Connector::And => (self.children.len(), 1),
            Connector::Or => (1, self.children.len()),
        };
        let mut parts: Vec<Builder> = Vec::new();
        for child in &self.children {
            let mut part = b.nested();
            let outcome = match child {
                Child::Node(node) => node.render(&mut part),
                Child::Leaf(leaf) => render_leaf(leaf, &mut part),
            };
            match outcome {
                Err(Pruned::Empty) => empty_needed -= 1,
                Err(Pruned::Full) => full_needed -= 1,
                Ok(()) => parts.push(part),
            }
            if empty_needed == 0 {
                return Err(if self.negated {
                    Pruned::Full
                } else {
                    Pruned::Empty
                });
            }
            if full_needed == 0 {
                return Err(if self.negated {
                    Pruned::Empty
                } else {
                    Pruned::Full
                });
            }
        }
        if parts.is_empty() {
            return Err(Pruned::Full);
        }
        let connector = match self.connector {
            Connector::And => " AND ",
            Connector::Or => " OR ",
        };
        let wrap = self.negated || parts.len() > 1 || self.resolved;
        b.push(match (self.negated, wrap) {
            (true, _) => "NOT (",
            (false, true) => "(",
            _ => "",
        });
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                b.push(connector);
            }
            b.append(part);
        }
        if wrap {
            b.push(")");
        }
        Ok(())
    }
}

fn leaf_has_aggregate(leaf: &Leaf) -> bool {
    match leaf {
        Leaf::Lookup { lhs, rhs, .. } => {
            lhs.contains_aggregate() || matches!(rhs, Rhs::Expr(e) if e.contains_aggregate())
        }
        Leaf::Expr(expr) => expr.contains_aggregate(),
        Leaf::Exists(_) | Leaf::TupleIn { .. } | Leaf::Nothing => false,
    }
}

/// A lookup as `lhs operator rhs`, or pruned: `in` with no values matches nothing.
fn render_leaf(leaf: &Leaf, b: &mut Builder) -> Result<(), Pruned> {
    let (lhs, lookup, rhs, boolean) = match leaf {
        Leaf::Expr(expr) => {
            expr.render(b);
            return Ok(());
        }
        Leaf::Exists(subquery) => {
            b.push("EXISTS(");
            b.append((**subquery).clone());
            b.push(")");
            return Ok(());
        }
        Leaf::Nothing => return Err(Pruned::Empty),
        Leaf::TupleIn { lhs, values } => {
            if values.is_empty() {
                return Err(Pruned::Empty);
            }
            b.push("(");
            lhs.render(b);
            b.push(") IN (");
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    b.push(", ");
                }
                b.push("(");
                b.param(value.clone());
                b.push(")");
            }
            b.push(")");
            return Ok(());
        }
        Leaf::Lookup {
            lhs,
            lookup,
            rhs,
            boolean,
        } => (lhs, *lookup, rhs, *boolean),
    };
    let lhs_sql = |b: &mut Builder| {
        let template = lookup.lhs_template();
        let (before, after) = template.split_once("{}").unwrap_or(("", ""));
        b.push(before);
        lhs.render(b);
        b.push(after);
    };
    match (lookup, rhs) {
        (Lookup::Exact, Rhs::Value(Yaml::Null))
        | (Lookup::IsNull, Rhs::Value(Yaml::Bool(true))) => {
            lhs_sql(b);
            b.push(" IS NULL");
        }
        (Lookup::IsNull, _) => {
            lhs_sql(b);
            b.push(" IS NOT NULL");
        }
        (Lookup::Exact, Rhs::Value(Yaml::Bool(value))) if boolean => {
            if !value {
                b.push("NOT ");
            }
            lhs_sql(b);
        }
        (Lookup::In, Rhs::Values(values)) => {
            let mut distinct: Vec<Yaml> = Vec::new();
            for value in values {
                if !value.is_null() && !distinct.contains(value) {
                    distinct.push(value.clone());
                }
            }
            if distinct.is_empty() {
                return Err(Pruned::Empty);
            }
            lhs_sql(b);
            b.push(" IN (");
            b.params(&distinct);
            b.push(")");
        }
        (Lookup::In, Rhs::Expr(query)) => {
            // A subquery: `IN (SELECT ...)`.
            lhs_sql(b);
            b.push(" IN ");
            query.render(b);
        }
        (Lookup::Range, Rhs::Values(values)) => {
            lhs_sql(b);
            b.push(" BETWEEN ");
            b.param(values.first().cloned().unwrap_or(Yaml::Null));
            b.push(" AND ");
            b.param(values.get(1).cloned().unwrap_or(Yaml::Null));
        }
        (lookup, rhs) => {
            lhs_sql(b);
            let operator = lookup.operator();
            let (before, after) = operator.split_once("%s").unwrap_or((operator, ""));
            b.push(" ");
            b.push(before);
            match rhs {
                Rhs::Expr(expr) => {
                    // `process_rhs`: an expression in parentheses, unless it starts with one.
                    let mut part = b.nested();
                    expr.render(&mut part);
                    match part.starts_with_parenthesis() {
                        true => b.append(part),
                        false => b.push("(").append(part).push(")"),
                    };
                }
                Rhs::Value(value) => {
                    b.param(value.clone());
                }
                Rhs::Values(values) => {
                    b.params(values);
                }
            }
            b.push(after);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(column: &str, lookup: Lookup, rhs: Rhs) -> Child {
        Child::Leaf(Leaf::Lookup {
            lhs: Expr::col("t", column),
            lookup,
            rhs,
            boolean: false,
        })
    }

    fn sql(node: &Node) -> Result<String, Pruned> {
        let mut b = Builder::new();
        node.render(&mut b)?;
        Ok(b.finish().sql)
    }

    #[test]
    fn nodes_render_and_squash_as_django_does() {
        let mut root = Node::default();
        let mut first = Node::default();
        first.add(
            leaf("a", Lookup::Exact, Rhs::Value(1.into())),
            Connector::And,
        );
        root.add(Child::Node(first), Connector::And);
        assert_eq!(sql(&root).unwrap(), r#""t"."a" = $1"#);
        let mut not = Node::new(Connector::And, true);
        not.add(leaf("b", Lookup::Lt, Rhs::Value(3.into())), Connector::And);
        root.add(Child::Node(not), Connector::And);
        let mut or = Node::new(Connector::Or, false);
        or.add(
            leaf("c", Lookup::IExact, Rhs::Value("x".into())),
            Connector::Or,
        );
        or.add(
            leaf("d", Lookup::IContains, Rhs::Value("%y%".into())),
            Connector::Or,
        );
        root.add(Child::Node(or), Connector::And);
        assert_eq!(
            sql(&root).unwrap(),
            r#"("t"."a" = $1 AND NOT ("t"."b" < $2) AND (UPPER("t"."c"::text) = UPPER($3) OR UPPER("t"."d"::text) LIKE UPPER($4)))"#
        );
    }

    #[test]
    fn a_node_resolved_again_is_parenthesised_once_and_an_expression_stays_bare() {
        let mut or = Node::new(Connector::Or, false);
        or.add(
            leaf("a", Lookup::Exact, Rhs::Value(1.into())),
            Connector::Or,
        );
        or.add(
            leaf("b", Lookup::Exact, Rhs::Value(2.into())),
            Connector::Or,
        );
        or.mark_resolved();
        assert_eq!(sql(&or).unwrap(), r#"("t"."a" = $1 OR "t"."b" = $2)"#);
        let mut one = Node::default();
        one.add(leaf("a", Lookup::Gte, Rhs::Value(4.into())), Connector::And);
        one.mark_resolved();
        assert_eq!(sql(&one).unwrap(), r#"("t"."a" >= $1)"#);
        let mut exists = Node::default();
        exists.add(
            Child::Leaf(Leaf::Expr(Expr::Raw("EXISTS(SELECT 1)".into()))),
            Connector::And,
        );
        exists.mark_resolved();
        assert_eq!(sql(&exists).unwrap(), "EXISTS(SELECT 1)");
    }

    #[test]
    fn empty_in_prunes_the_whole_and() {
        let mut root = Node::default();
        root.add(leaf("a", Lookup::In, Rhs::Values(vec![])), Connector::And);
        root.add(
            leaf("b", Lookup::Exact, Rhs::Value(1.into())),
            Connector::And,
        );
        assert_eq!(sql(&root), Err(Pruned::Empty));
        let mut or = Node::new(Connector::Or, false);
        or.add(leaf("a", Lookup::In, Rhs::Values(vec![])), Connector::Or);
        or.add(
            leaf("b", Lookup::IsNull, Rhs::Value(true.into())),
            Connector::Or,
        );
        assert_eq!(sql(&or).unwrap(), r#""t"."b" IS NULL"#);
        let mut not = Node::new(Connector::And, true);
        not.add(
            leaf("a", Lookup::In, Rhs::Values(vec![Yaml::Null])),
            Connector::And,
        );
        assert_eq!(sql(&not), Err(Pruned::Full));
    }
}
