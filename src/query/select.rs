//! The query as data, and its compiler: Django's `Query` (model, aliases, where tree,
//! ordering, slice, what is selected) and `SQLCompiler.as_sql` for PostgreSQL: the default
//! columns (parents joined), `select_related` columns, values, COUNT, EXISTS, aggregates
//! with their GROUP BY and HAVING, ORDER BY, LIMIT/OFFSET and FOR UPDATE.

use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::filter::trim;
use super::group::GroupBy;
use super::joins::Aliases;
use super::order::{render_ordering, Order};
use super::path::resolve;
use super::resolve::Typed;
use super::tree::{Expr, Node};
use crate::orm::Registry;
use crate::sql::compiler::{quote, Builder};

/// What the query selects.
#[derive(Debug, Clone, PartialEq)]
pub enum Columns {
    /// The model's columns (all, or `only` these columns, or all but `defer`red ones).
    Model(Deferral),
    /// `values(...)`: expressions under their names.
    Values(Vec<(Typed, String)>),
    /// `count()`.
    Count,
    /// `exists()`.
    Exists,
    /// `aggregate(...)`.
    Aggregate(Vec<(Expr, String)>),
}

/// `only()` / `defer()`: the names as given (`sku`, `category__name`), which the compiler
/// turns into a select mask (`mask.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Deferral {
    #[default]
    None,
    Only(Vec<String>),
    Defer(Vec<String>),
}

/// Which columns of a row belong to which object: the base model's, then each
/// select_related model's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The relation path (`""` for the base model, `blog`, `blog__owner`).
    pub path: String,
    pub model: String,
    /// (table's alias, column) in the order selected.
    pub columns: Vec<(String, String)>,
    /// The position of its first column in the row (annotations come between the base
    /// model's columns and the select_related ones).
    pub at: usize,
}

#[derive(Debug, Clone)]
pub struct Query {
    pub registry: Arc<Registry>,
    pub model: String,
    pub aliases: Aliases,
    pub where_: Node,
    pub having: Node,
    /// The zone datetimes are read in for date parts (USE_TZ's current time zone).
    /// The zone datetime lookups convert to (`AT TIME ZONE`): TIME_ZONE with USE_TZ.
    pub time_zone: Option<String>,
    pub order_by: Vec<Order>,
    pub low: u64,
    pub high: Option<u64>,
    pub distinct: bool,
    /// `distinct(*fields)`: the expressions of `DISTINCT ON (...)`.
    pub distinct_fields: Vec<Expr>,
    pub columns: Columns,
    /// `annotate(...)`: names and expressions.
    pub annotations: Vec<(String, Typed)>,
    /// Whether and by what it groups.
    pub group_by: GroupBy,
    /// In a subquery, the outer query's expressions its `OuterRef`s name.
    pub outer_refs: Vec<(String, Typed)>,
    /// `select_related(...)` paths, each a chain of forward keys.
    pub select_related: Vec<String>,
    /// `select_related()` without names: every non-null forward key, five levels deep.
    pub select_related_all: bool,
    /// ` FOR UPDATE ...` as written.
    pub for_update: Option<crate::spec::ForUpdate>,
    /// Expressions selected before the model's columns (a prefetch's key).
    pub extra: Vec<(Expr, String)>,
    /// Warnings Django gives while the filters are built (a naive datetime under USE_TZ).
    pub warnings: Vec<String>,
    /// A subquery's default columns are aliased `col1`, `col2` ... (Django's subquery select).
    pub col_aliases: bool,
    /// `UNION [ALL]`, `INTERSECT` or `EXCEPT` of queries (the one combined first).
    pub combinator: Option<super::combined::Combined>,
    /// count() or aggregate() over this query as a subquery (Django's `AggregateQuery`).
    pub aggregated: Option<Box<Query>>,
    /// A where tree that matches nothing is written `WHERE 0 = 1` rather than sending
    /// nothing (Django's `elide_empty=False`).
    pub keep_empty: bool,
    /// The multi-valued joins the last filter() made or reused, and whether the next one
    /// may reuse them (Django's `used_aliases` and `filter_is_sticky`).
    pub used_aliases: Vec<String>,
    pub filter_is_sticky: bool,
    /// A lookup named a field across a relation (`blog__name`, `blog__id`): what Django's
    /// `build_filter` refuses with `allow_joins=False`, as an update's values resolve.
    pub lookup_across_relation: bool,
}

impl Query {
    pub fn new(registry: Arc<Registry>, model: &str, prefix: char) -> Query {
        let table = registry.model(model).table.clone();
        let time_zone = registry.settings.lookup_time_zone();
        Query {
            registry,
            model: model.to_string(),
            aliases: Aliases::new(&table, prefix),
            where_: Node::default(),
            having: Node::default(),
            time_zone,
            warnings: Vec::new(),
            col_aliases: false,
            combinator: None,
            aggregated: None,
            keep_empty: false,
            used_aliases: Vec::new(),
            filter_is_sticky: false,
            lookup_across_relation: false,
            order_by: Vec::new(),
            low: 0,
            high: None,
            distinct: false,
            distinct_fields: Vec::new(),
            columns: Columns::Model(Deferral::None),
            annotations: Vec::new(),
            group_by: GroupBy::None,
            outer_refs: Vec::new(),
            select_related: Vec::new(),
            select_related_all: false,
            for_update: None,
            extra: Vec::new(),
        }
    }

    /// A column reached by a path of names from the base model (joins made as ordering and
    /// values make them: reused whatever the call, LEFT OUTER when they can find no row),
    /// or a key of a JSONField (`attributes__dims__w`).
    pub fn column(&mut self, name: &str) -> Result<(Expr, crate::orm::Field), String> {
        let registry = Arc::clone(&self.registry);
        let parts: Vec<&str> = name.split("__").collect();
        let path = resolve(&registry, &self.model, &parts)?;
        if !path.rest.is_empty() && !path.field.is_json() {
            return Err(format!(
                "`{name}`: `{}` is not a field",
                path.rest.join("__")
            ));
        }
        let mut joins = vec![self.aliases.base().to_string()];
        let mut current = self.aliases.base().to_string();
        for step in &path.steps {
            current = self
                .aliases
                .join(&step.table, super::filter::join_on(&current, step), None);
            joins.push(current.clone());
        }
        let (alias, column) = trim(&mut self.aliases, &path, &joins);
        let mut expr = Expr::Col {
            alias: self.aliases.sql(&alias),
            column,
        };
        // Every name after a JSONField is a key (its get_transform's KeyTransformFactory).
        if !path.rest.is_empty() {
            expr = Expr::Key {
                arg: Box::new(expr),
                keys: path.rest.clone(),
                text: false,
            };
        }
        Ok((expr, path.field))
    }

    /// Writes the statement, and says which columns belong to which object.
    pub fn compile(&self) -> Result<(Builder, Vec<Segment>), String> {
        self.compile_with_hidden()
            .map(|(b, segments, _)| (b, segments))
    }

    /// `compile`, and how many columns at the end of each row are selected only for the
    /// ordering, which Django leaves out of the rows it returns.
    pub fn compile_with_hidden(&self) -> Result<(Builder, Vec<Segment>, usize), String> {
        if let Some(combined) = &self.combinator {
            return self.compile_combined(combined).map(|(b, s)| (b, s, 0));
        }
        if let Some(inner) = &self.aggregated {
            return self.compile_aggregated(inner).map(|(b, s)| (b, s, 0));
        }
        let mut query = self.clone();
        let mut segments = Vec::new();
        // What is selected, with the name it is selected under (model columns have none).
        let mut selected: Vec<(Expr, Option<String>)> = Vec::new();
        // An empty name is a column selected without `AS` (see `in_query`).
        let named = |e: &Expr, n: &String| (e.clone(), (!n.is_empty()).then(|| n.clone()));
        match &self.columns {
            Columns::Model(deferral) => {
                let mask = super::mask::select_mask(&self.registry, &self.model, deferral)?;
                let base = query.aliases.base().to_string();
                let columns = query.model_columns(&self.model, &base, &mask);
                selected.extend(self.extra.iter().map(|(e, n)| named(e, n)));
                let mut unnamed = 0;
                let own = Segment {
                    path: String::new(),
                    model: self.model.clone(),
                    columns,
                    at: 0,
                };
                segments.push(query.select_segment(own, &mut selected, &mut unnamed));
                // get_select: the annotations follow the model's columns, and the
                // select_related models' columns come after them.
                selected.extend(self.annotations.iter().map(|(n, t)| named(&t.expr, n)));
                for related in query.related_selections(&mask)? {
                    segments.push(query.select_segment(related, &mut selected, &mut unnamed));
                }
            }
            Columns::Values(values) => {
                selected.extend(values.iter().map(|(t, n)| named(&t.expr, n)));
            }
            Columns::Aggregate(values) => selected.extend(values.iter().map(|(e, n)| named(e, n))),
            Columns::Count | Columns::Exists => {}
        }
        let (where_node, having_node) = query.where_.split_having();
        query.where_ = where_node;
        query.having = having_node;
        let ordering = match self.columns {
            Columns::Count | Columns::Exists | Columns::Aggregate(_) => Vec::new(),
            _ => query.positioned_ordering(&selected),
        };
        let ordering_only = self.ordering_only_columns(&ordering, &selected);
        selected.extend(ordering_only.iter().map(|e| (e.clone(), None)));
        let mut select = Builder::new();
        for (i, (expr, name)) in selected.iter().enumerate() {
            if i > 0 {
                select.push(", ");
            }
            expr.render(&mut select);
            if let Some(name) = name {
                select.push(&format!(" AS {}", quote(name)));
            }
        }
        match &self.columns {
            Columns::Count => {
                select.push("COUNT(*) AS \"__count\"");
            }
            Columns::Exists => {
                select.param(Yaml::from(1));
                select.push(" AS \"a\"");
            }
            _ => {}
        }
        let mut b = Builder::new();
        b.push("SELECT ");
        if self.distinct && !self.distinct_fields.is_empty() {
            b.push("DISTINCT ON (");
            for (i, field) in self.distinct_fields.iter().enumerate() {
                if i > 0 {
                    b.push(", ");
                }
                field.render(&mut b);
            }
            b.push(") ");
        } else if self.distinct {
            b.push("DISTINCT ");
        }
        b.append(select);
        b.push(" FROM ");
        query.aliases.render_from(&mut b, 0);
        let mut where_ = b.nested();
        match query.where_.render(&mut where_) {
            Ok(()) => {
                b.push(" WHERE ");
                b.append(where_);
            }
            Err(super::tree::Pruned::Full) => {}
            Err(super::tree::Pruned::Empty) if self.keep_empty => {
                b.push(" WHERE 0 = 1");
            }
            Err(super::tree::Pruned::Empty) => return Err(EMPTY.to_string()),
        }
        query.render_group_by(&mut b, &selected, &ordering);
        let mut having = b.nested();
        if query.having.render(&mut having).is_ok() {
            b.push(" HAVING ");
            b.append(having);
        }
        render_ordering(&mut b, &ordering);
        if let Some(high) = self.high {
            b.push(&format!(" LIMIT {}", high - self.low));
        }
        if self.low > 0 {
            b.push(&format!(" OFFSET {}", self.low));
        }
        if let Some(lock) = &self.for_update {
            b.push(&query.lock_clause(lock, &segments)?);
        }
        Ok((b, segments, ordering_only.len()))
    }

    /// Adds a model's columns to what is selected, and says where they start. In a
    /// subquery or a combined query each column gets `AS "col<n>"`, n counting the columns
    /// selected without a name (Django's `with_col_aliases`).
    fn select_segment(
        &self,
        mut segment: Segment,
        selected: &mut Vec<(Expr, Option<String>)>,
        unnamed: &mut usize,
    ) -> Segment {
        segment.at = selected.len();
        for (alias, column) in &segment.columns {
            let alias = self.aliases.sql(alias);
            let column = column.clone();
            let name = self.col_aliases.then(|| {
                *unnamed += 1;
                format!("col{unnamed}")
            });
            selected.push((Expr::Col { alias, column }, name));
        }
        segment
    }
}

/// What `compile` says when the where tree matches nothing (`in: []`): Django sends no
/// statement and the result is empty.
pub const EMPTY: &str = "EmptyResultSet";
