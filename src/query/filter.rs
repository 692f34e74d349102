//! Filters as Django's `Query._add_q` and `build_filter` build them: a Q tree (keyword
//! arguments sorted, Q objects first) turned into where nodes, with the joins each lookup
//! needs, the votes that promote or demote them (JoinPromoter), `IS NOT NULL` where a
//! negated condition must not match NULL, and multi-valued relations under a negation
//! turned into `NOT (EXISTS(...))` subqueries (`split_exclude`).

use serde_yaml::Value as Yaml;

use crate::spec::Expression;
pub use crate::spec::{QChild, Q};

use super::joins::{Aliases, JoinKind, JoinOn};
use super::keys::{json_lookup, json_value, parse_key_tail, reads_text, KeyTail};
use super::lookup::{parse_tail, Lookup, Tail, Transform};
use super::path::{resolve, Path};
use super::tree::{Child, Connector, Expr, Leaf, Node, Rhs};
use super::Query;
use crate::sql::compiler::Builder;

/// Counts, per join, how many children of a node need it to match (Django's JoinPromoter).
struct Promoter {
    connector: Connector,
    children: usize,
    votes: Vec<(String, usize)>,
}

impl Promoter {
    fn new(connector: Connector, children: usize, negated: bool) -> Promoter {
        // A negated AND is an OR of the negations, and the other way round.
        let connector = match (negated, connector) {
            (true, Connector::And) => Connector::Or,
            (true, Connector::Or) => Connector::And,
            (false, c) => c,
        };
        Promoter {
            connector,
            children,
            votes: Vec::new(),
        }
    }

    fn vote(&mut self, joins: &[String]) {
        for join in joins {
            match self.votes.iter_mut().find(|(j, _)| j == join) {
                Some((_, n)) => *n += 1,
                None => self.votes.push((join.clone(), 1)),
            }
        }
    }

    /// Joins that not every child of an OR needs become LEFT OUTER; those an AND (or every
    /// child of an OR) needs become INNER. Returns the latter, the node's own votes.
    fn update(self, aliases: &mut Aliases) -> Vec<String> {
        let mut promote = Vec::new();
        let mut demote = Vec::new();
        for (join, votes) in self.votes {
            if self.connector == Connector::Or && votes < self.children {
                promote.push(join.clone());
            }
            if self.connector == Connector::And || votes == self.children {
                demote.push(join);
            }
        }
        aliases.promote(&promote);
        aliases.demote(&demote);
        demote
    }
}

impl Query {
    /// `filter(...)` or, `negated`, `exclude(...)`: one call, whose multi-valued joins are
    /// shared by its lookups and by no other call.
    pub fn add_filter(&mut self, q: Q, negated: bool) -> Result<(), String> {
        let q = match negated {
            true => Q {
                negated: true,
                or: false,
                children: vec![QChild::Q(q)],
            },
            false => q,
        };
        // Multi-valued joins are reused within one call, or from the previous call when
        // that one was sticky (a many-to-many manager's core filter).
        let reusable = match std::mem::take(&mut self.filter_is_sticky) {
            true => std::mem::take(&mut self.used_aliases),
            false => Vec::new(),
        };
        let mut reuse = Some(reusable);
        let (clause, _) = self.add_q(&q, &mut reuse, false, false)?;
        self.used_aliases = reuse.unwrap_or_default();
        if !clause.is_empty() {
            self.where_.add(Child::Node(clause), Connector::And);
        }
        Ok(())
    }

    /// `_add_q`; `reuse` the multi-valued joins this call may reuse, None for any (an
    /// expression's condition).
    pub(super) fn add_q(
        &mut self,
        q: &Q,
        reuse: &mut Option<Vec<String>>,
        branch_negated: bool,
        current_negated: bool,
    ) -> Result<(Node, Vec<String>), String> {
        let current_negated = current_negated ^ q.negated;
        let branch_negated = branch_negated || q.negated;
        let connector = if q.or { Connector::Or } else { Connector::And };
        let mut clause = Node::new(connector, q.negated);
        let mut promoter = Promoter::new(connector, q.children.len(), current_negated);
        for child in &q.children {
            let (built, needed) = match child {
                QChild::Q(inner) => {
                    let (node, needed) =
                        self.add_q(inner, reuse, branch_negated, current_negated)?;
                    (Child::Node(node), needed)
                }
                QChild::Lookup(key, value) => {
                    self.build_filter(key, value, reuse, branch_negated, current_negated)?
                }
                // `filter(Exists(...))`: the conditional expression is the condition.
                QChild::Expr(expression) => {
                    let typed = self.resolve(expression)?;
                    if !typed.is_boolean() {
                        return Err("a condition in a filter must be boolean (exists)".into());
                    }
                    (Child::Leaf(Leaf::Expr(typed.expr)), Vec::new())
                }
            };
            promoter.vote(&needed);
            clause.add(built, connector);
        }
        let needed = promoter.update(&mut self.aliases);
        Ok((clause, needed))
    }

    /// One lookup: its joins, its condition, and the joins it needs to match.
    fn build_filter(
        &mut self,
        key: &str,
        value: &Yaml,
        reuse: &mut Option<Vec<String>>,
        branch_negated: bool,
        current_negated: bool,
    ) -> Result<(Child, Vec<String>), String> {
        let registry = std::sync::Arc::clone(&self.registry);
        let parts: Vec<&str> = key.split("__").collect();
        // `resolve_lookup_value` comes first: an expression's joins are made before the
        // lookup's own.
        let rhs_expr = match Expression::from_rhs(value) {
            Some(expression) => Some(self.resolve(&expression?)?),
            None => None,
        };
        if let (None, Yaml::Mapping(map)) = (&rhs_expr, value) {
            // A mapping that names no function is a JSONField's value, else a misspelling.
            let json = resolve(&registry, &self.model, &parts).is_ok_and(|p| p.field.is_json())
                || self.annotations.iter().any(|(n, typed)| {
                    n == parts[0] && matches!(typed.cast_type.as_str(), "jsonb" | "json")
                });
            if !json {
                return Err(format!("`{key}`: {}", Expression::not_an_expression(map)));
            }
        }
        let annotation = self
            .annotations
            .iter()
            .find(|(n, _)| n == parts[0])
            .map(|(_, typed)| typed.clone());
        if let Some(typed) = annotation {
            // A filter on an annotation compares its expression (HAVING for an aggregate),
            // resolved again.
            let tail = parse_tail(&parts[1..])?;
            if matches!(typed.expr, Expr::Window { .. }) {
                // Django filters on a window in an outer query (its QUALIFY emulation).
                return Err(format!(
                    "`{key}`: a filter on a window expression is not supported yet"
                ));
            }
            if !tail.transforms.is_empty() {
                return Err(format!(
                    "`{key}`: a transform of an annotation is not supported yet"
                ));
            }
            let (lhs, lookup, value) = match typed.cast_type.as_str() {
                "jsonb" | "json" => json_lookup(typed.expr.referenced(), tail.lookup, value),
                cast => (
                    typed.expr.referenced(),
                    tail.lookup,
                    self.prep_annotation_value(&typed.expr, cast, tail.lookup, value),
                ),
            };
            if let Some(leaf) = self.extracted_year(&typed.expr, lookup, &value, &rhs_expr)? {
                return Ok((Child::Leaf(leaf), Vec::new()));
            }
            let value = &value;
            let rhs = match (lookup, value, rhs_expr) {
                (_, _, Some(rhs)) => Rhs::Expr(rhs.expr),
                (Lookup::In | Lookup::Range, Yaml::Sequence(items), _) => {
                    Rhs::Values(items.clone())
                }
                (lookup, Yaml::String(text), _) => match lookup.pattern(text) {
                    Some(pattern) => Rhs::Value(Yaml::String(pattern)),
                    None => Rhs::Value(value.clone()),
                },
                _ => Rhs::Value(value.clone()),
            };
            let leaf = Leaf::Lookup {
                lhs,
                lookup,
                rhs,
                boolean: typed.is_boolean(),
            };
            return Ok((Child::Leaf(leaf), Vec::new()));
        }
        let path = resolve(&registry, &self.model, &parts)?;
        self.lookup_across_relation |= parts.len() - path.rest.len() > 1;
        let (tail, keys) = read_tail(&path)?;
        if branch_negated && path.steps.iter().any(|s| s.multi) {
            let exists = self.split_exclude(key, value, &path)?;
            return Ok((Child::Leaf(exists), Vec::new()));
        }
        let mut joins = vec![self.aliases.base().to_string()];
        let mut current = self.aliases.base().to_string();
        for step in &path.steps {
            let reusable = match reuse {
                Some(list) if step.multi => Some(list.as_slice()),
                _ => None,
            };
            current = self
                .aliases
                .join(&step.table, join_on(&current, step), reusable);
            joins.push(current.clone());
        }
        let (alias, column) = trim(&mut self.aliases, &path, &joins);
        if let Some(list) = reuse {
            list.extend(joins.iter().skip(1).cloned());
        }
        let col = Expr::Col {
            alias: self.aliases.sql(&alias),
            column,
        };
        let lhs = match keys.is_empty() {
            true => self.transformed(col.clone(), &tail.transforms, &path)?,
            false => Expr::Key {
                arg: Box::new(col.clone()),
                keys,
                text: reads_text(tail.lookup),
            },
        };
        let mut condition = Node::default();
        let rhs = rhs_expr.map(|t| t.expr);
        let leaf = self.lookup_leaf(
            lhs.clone(),
            &tail.transforms,
            tail.lookup,
            value,
            rhs,
            &path,
        )?;
        condition.add(Child::Leaf(leaf), Connector::And);
        let rhs_true = *value == Yaml::Bool(true);
        let mut require_outer = tail.lookup == Lookup::IsNull && rhs_true && !current_negated;
        if current_negated
            && (tail.lookup != Lookup::IsNull || *value == Yaml::Bool(false))
            && !value.is_null()
        {
            require_outer = true;
            // The last join that is kept (`trim_joins`' join list).
            let last_outer = self
                .aliases
                .get(&alias)
                .join
                .as_ref()
                .is_some_and(|j| j.kind == JoinKind::LeftOuter);
            if tail.lookup != Lookup::IsNull && (!path.field.not_null || last_outer) {
                // Django tests the column itself (`_get_col` of the target), not a key or
                // a date part of it.
                condition.add(
                    Child::Leaf(Leaf::Lookup {
                        lhs: col,
                        lookup: Lookup::IsNull,
                        rhs: Rhs::Value(Yaml::Bool(false)),
                        boolean: false,
                    }),
                    Connector::And,
                );
            }
        }
        let needed = if require_outer { Vec::new() } else { joins };
        Ok((Child::Node(condition), needed))
    }

    /// A date or time transform applied to the column (datetimes read in the time zone).
    fn transformed(
        &self,
        col: Expr,
        transforms: &[Transform],
        path: &Path,
    ) -> Result<Expr, String> {
        let mut expr = col;
        for transform in transforms {
            let Some(kind) = path.field.temporal else {
                return Err(format!("`{}` is not a date or time field", path.field.name));
            };
            // `year` on its own is compared to bounds, not extracted (see `lookup_leaf`).
            let datetime = kind == crate::orm::model::Temporal::DateTime;
            expr = Expr::Part {
                transform: *transform,
                tz: if datetime {
                    self.time_zone.clone()
                } else {
                    None
                },
                arg: Box::new(expr),
            };
        }
        Ok(expr)
    }

    /// The condition of one lookup, with Django's shortcuts: `year` compared to the year's
    /// bounds rather than extracted, booleans as conditions, LIKE patterns escaped.
    fn lookup_leaf(
        &mut self,
        lhs: Expr,
        transforms: &[Transform],
        lookup: Lookup,
        value: &Yaml,
        rhs_expr: Option<Expr>,
        path: &Path,
    ) -> Result<Leaf, String> {
        if let Some(rhs) = rhs_expr {
            let subquery = matches!(rhs, Expr::Subquery { exists: false, .. });
            let in_subquery = lookup == Lookup::In && subquery;
            if !in_subquery
                && (lookup.pattern("").is_some() || matches!(lookup, Lookup::In | Lookup::Range))
            {
                return Err(format!(
                    "`{}` with an expression is not supported yet",
                    lookup.name()
                ));
            }
            return Ok(Leaf::Lookup {
                lhs,
                lookup,
                rhs: Rhs::Expr(rhs),
                boolean: false,
            });
        }
        let json = path.field.is_json() && transforms.is_empty();
        let lookup = match lookup {
            Lookup::Contains if json => Lookup::DataContains,
            lookup => lookup,
        };
        if lookup.json_only() && !json {
            return Err(format!(
                "unsupported lookup `{}` for `{}`: it is not a JSONField",
                lookup.name(),
                path.field.name
            ));
        }
        let value = match lookup {
            // JSONExact compares with None as JSON null.
            Lookup::Exact if json && value.is_null() => json_value(value),
            _ if lookup.prepares_value() => self.prep_value(value, transforms, path),
            Lookup::HasKeys | Lookup::HasAnyKeys => match value {
                // `get_prep_lookup`: str() of each key.
                Yaml::Sequence(keys) => Yaml::Sequence(
                    keys.iter()
                        .map(|k| Yaml::String(crate::orm::coerce::python_str(k)))
                        .collect(),
                ),
                _ => return Err(format!("`{}` takes a list of keys", lookup.name())),
            },
            // `prep_for_like_query` makes the value a string first.
            _ if lookup.pattern("").is_some() && !value.is_string() && !value.is_sequence() => {
                Yaml::String(crate::orm::coerce::python_str(value))
            }
            _ => value.clone(),
        };
        let comparison = matches!(
            lookup,
            Lookup::Exact | Lookup::Gt | Lookup::Gte | Lookup::Lt | Lookup::Lte
        );
        if let ([Transform::Year | Transform::IsoYear], Expr::Part { arg, tz, transform }) =
            (transforms, &lhs)
        {
            if let (Some(year), true) = (value.as_i64(), comparison) {
                let datetime = path.field.temporal == Some(crate::orm::model::Temporal::DateTime);
                let settings = &self.registry.settings;
                let (start, end) = year_bounds(
                    year,
                    *transform == Transform::IsoYear,
                    datetime.then_some(settings),
                );
                let _ = tz;
                let (lookup, rhs) = year_bounds_lookup(lookup, start, end);
                return Ok(Leaf::Lookup {
                    lhs: (**arg).clone(),
                    lookup,
                    rhs,
                    boolean: false,
                });
            }
        }
        let rhs = match (lookup, &value) {
            (Lookup::In | Lookup::Range, Yaml::Sequence(items)) => Rhs::Values(items.clone()),
            (Lookup::In | Lookup::Range, _) => {
                return Err(format!("`{}` takes a list", lookup.name()))
            }
            (Lookup::IsNull, Yaml::Bool(_)) => Rhs::Value(value.clone()),
            (Lookup::IsNull, _) => return Err("`isnull` takes true or false".to_string()),
            (_, Yaml::String(text)) => match lookup.pattern(text) {
                Some(pattern) => Rhs::Value(Yaml::String(pattern)),
                None => Rhs::Value(value.clone()),
            },
            _ => Rhs::Value(value.clone()),
        };
        Ok(Leaf::Lookup {
            lhs,
            lookup,
            rhs,
            boolean: path.field.cast_type == "boolean" && transforms.is_empty(),
        })
    }

    /// A comparison of an `ExtractYear`/`ExtractIsoYear` annotation with a year: Django's
    /// YearLookup compares the expression it extracts from with the year's bounds.
    fn extracted_year(
        &self,
        expr: &Expr,
        lookup: Lookup,
        value: &Yaml,
        rhs_expr: &Option<super::resolve::Typed>,
    ) -> Result<Option<Leaf>, String> {
        let Expr::Part {
            transform: transform @ (Transform::Year | Transform::IsoYear),
            tz,
            arg,
        } = expr
        else {
            return Ok(None);
        };
        let comparison = matches!(
            lookup,
            Lookup::Exact | Lookup::Gt | Lookup::Gte | Lookup::Lt | Lookup::Lte
        );
        let (Some(year), true, None) = (value.as_i64(), comparison, rhs_expr) else {
            return Ok(None);
        };
        let settings = &self.registry.settings;
        if !settings.use_tz {
            // Without a zone a date and a datetime look alike here.
            return Err(
                "a year lookup on an ExtractYear annotation under USE_TZ = False is not supported yet"
                    .into(),
            );
        }
        let (start, end) = year_bounds(
            year,
            *transform == Transform::IsoYear,
            tz.is_some().then_some(settings),
        );
        let (lookup, rhs) = year_bounds_lookup(lookup, start, end);
        Ok(Some(Leaf::Lookup {
            lhs: arg.referenced(),
            lookup,
            rhs,
            boolean: false,
        }))
    }

    /// A lookup's value on an annotation, as its output field prepares it (a float for a
    /// Cast to FloatField, text for Lower, a datetime made aware in TIME_ZONE with Django's
    /// warning for the unbound field); the text lookups take it as written.
    fn prep_annotation_value(
        &mut self,
        expr: &Expr,
        cast_type: &str,
        lookup: Lookup,
        value: &Yaml,
    ) -> Yaml {
        if !lookup.prepares_value() {
            return match value {
                _ if lookup.pattern("").is_some() && !value.is_string() && !value.is_sequence() => {
                    Yaml::String(crate::orm::coerce::python_str(value))
                }
                _ => value.clone(),
            };
        }
        let settings = self.registry.settings.clone();
        let mut prep = |value: &Yaml| match value {
            Yaml::String(text) if cast_type.starts_with("timestamp") => {
                match settings.prep_datetime(text) {
                    Some((prepared, naive)) => {
                        if naive {
                            let (model, field) =
                                output_field_name(&self.registry, &self.aliases, expr);
                            self.warnings
                                .push(crate::orm::datetimes::naive_warning(&model, &field, text));
                        }
                        Yaml::String(prepared)
                    }
                    None => value.clone(),
                }
            }
            other => crate::orm::coerce::to_type(cast_type, cast_type, other),
        };
        match value {
            Yaml::Sequence(items) => Yaml::Sequence(items.iter().map(&mut prep).collect()),
            other => prep(other),
        }
    }

    /// A lookup's value as the field's `get_prep_value` makes it when nothing transforms
    /// the column: JSON text, datetimes aware in TIME_ZONE (with Django's warning for a
    /// naive one), each item of an `in` or `range` list alike.
    fn prep_value(&mut self, value: &Yaml, transforms: &[Transform], path: &Path) -> Yaml {
        if let Some(last) = transforms.last() {
            // The transform's output field prepares it: a date, a time, else an integer.
            let cast_type = match last {
                Transform::Date => "date",
                Transform::Time => "time",
                _ => "integer",
            };
            let prep = |v: &Yaml| crate::orm::coerce::to_type(cast_type, cast_type, v);
            return match value {
                Yaml::Sequence(items) => Yaml::Sequence(items.iter().map(prep).collect()),
                other => prep(other),
            };
        }
        let settings = self.registry.settings.clone();
        let mut prep = |value: &Yaml| {
            if let (Yaml::String(text), true) = (value, path.field.is_datetime()) {
                if let Some((_, true)) = settings.prep_datetime(text) {
                    self.warnings.push(crate::orm::datetimes::naive_warning(
                        &path.model,
                        &path.field.name,
                        text,
                    ));
                }
            }
            path.field.db_value(value, &settings)
        };
        match value {
            Yaml::Sequence(items) => Yaml::Sequence(items.iter().map(&mut prep).collect()),
            other => prep(other),
        }
    }

    /// `split_exclude`: a negated lookup through a multi-valued relation is `EXISTS` of a
    /// subquery that starts at the first multi-valued join and points back at the outer row.
    fn split_exclude(&mut self, key: &str, value: &Yaml, path: &Path) -> Result<Leaf, String> {
        // The first multi-valued join, and the outer row's column it starts from, traced back
        // through the single-valued joins before it (parent links, forward keys), each of
        // which joins on the column the next one starts from, so that Django trims it.
        let first_multi = path.steps.iter().position(|s| s.multi).ok_or("a join")?;
        let mut outer_column = path.steps[first_multi].columns.0.clone();
        for step in path.steps[..first_multi].iter().rev() {
            if step.columns.1 != outer_column {
                return Err(format!(
                    "excluding `{key}` through `{}` before a multi-valued relation is not supported yet",
                    step.relation
                ));
            }
            outer_column = step.columns.0.clone();
        }
        let mut inner = Query::new(
            std::sync::Arc::clone(&self.registry),
            &self.model,
            self.aliases.next_prefix(),
        );
        inner.add_filter(
            Q {
                or: false,
                negated: false,
                children: vec![QChild::Lookup(key.to_string(), value.clone())],
            },
            false,
        )?;
        // trim_start: the subquery starts at the first multi-valued join, its key column
        // meeting the outer row's column; unless that join is LEFT OUTER (isnull=True),
        // which would lose the rows that have nothing to join: then it starts at the table
        // that join hangs from.
        let first = inner.aliases.list[first_multi + 1].clone();
        let join = first.join.clone().ok_or("a join")?;
        let trimmed: Vec<String> = inner.aliases.list[..=first_multi]
            .iter()
            .map(|a| a.name.clone())
            .collect();
        let (inner_alias, inner_column, start) = match join.kind {
            JoinKind::LeftOuter => {
                for alias in &trimmed[..first_multi] {
                    inner.aliases.unref(alias);
                }
                (
                    trimmed[first_multi].clone(),
                    join.columns.0.clone(),
                    first_multi,
                )
            }
            JoinKind::Inner => {
                for alias in &trimmed {
                    inner.aliases.unref(alias);
                }
                (first.name.clone(), join.columns.1.clone(), first_multi + 1)
            }
        };
        let outer = format!(
            "({}.{})",
            self.aliases.sql(self.aliases.base()),
            crate::sql::compiler::quote(&outer_column)
        );
        inner.where_.add(
            Child::Leaf(Leaf::Lookup {
                lhs: Expr::Col {
                    alias: inner.aliases.sql(&inner_alias),
                    column: inner_column,
                },
                lookup: Lookup::Exact,
                rhs: Rhs::Expr(Expr::Raw(outer)),
                boolean: false,
            }),
            Connector::And,
        );
        let mut b = Builder::new();
        b.push("SELECT ");
        b.param(Yaml::from(1));
        b.push(" AS \"a\" FROM ");
        inner.aliases.render_from(&mut b, start);
        if !inner.where_.is_empty() {
            let mut w = b.nested();
            if inner.where_.render(&mut w).is_ok() {
                b.push(" WHERE ");
                b.append(w);
            }
        }
        b.push(" LIMIT 1");
        Ok(Leaf::Exists(Box::new(b)))
    }
}

/// The parts after the field: a JSONField's keys and lookup, or transforms and a lookup.
fn read_tail(path: &Path) -> Result<(Tail, Vec<String>), String> {
    let rest: Vec<&str> = path.rest.iter().map(String::as_str).collect();
    if !path.field.is_json() {
        return Ok((parse_tail(&rest)?, Vec::new()));
    }
    let KeyTail { keys, lookup } = parse_key_tail(&rest);
    let tail = Tail {
        transforms: Vec::new(),
        lookup,
    };
    Ok((tail, keys))
}

/// The name of an annotation's output field in Django's warnings: a Trunc's is the field
/// it truncates (`Comment.created`), any other's is unbound (`(unbound)`, an empty field).
fn output_field_name(
    registry: &crate::orm::Registry,
    aliases: &super::joins::Aliases,
    expr: &Expr,
) -> (String, String) {
    let unbound = ("(unbound)".to_string(), String::new());
    let Expr::Trunc { arg, .. } = expr else {
        return unbound;
    };
    let Expr::Col { alias, column } = arg.as_ref() else {
        return unbound;
    };
    let table = aliases
        .list
        .iter()
        .find(|a| aliases.sql(&a.name) == *alias)
        .map(|a| a.table.clone());
    let owner = registry
        .models
        .values()
        .find(|m| Some(&m.table) == table.as_ref());
    match owner.and_then(|m| m.by_column(column).map(|f| (m, f))) {
        Some((model, field)) => (model.name.clone(), field.name.clone()),
        None => unbound,
    }
}

/// A year compared by the year's bounds (`YearLookup`): `= y` is BETWEEN the first and last
/// instants, `>` after the last, `>=` from the first, `<` before the first, `<=` to the last.
fn year_bounds_lookup(lookup: Lookup, start: Yaml, end: Yaml) -> (Lookup, Rhs) {
    match lookup {
        Lookup::Exact => (Lookup::Range, Rhs::Values(vec![start, end])),
        Lookup::Gt => (Lookup::Gt, Rhs::Value(end)),
        Lookup::Gte => (Lookup::Gte, Rhs::Value(start)),
        Lookup::Lt => (Lookup::Lt, Rhs::Value(start)),
        _ => (Lookup::Lte, Rhs::Value(end)),
    }
}

pub(super) fn join_on(parent: &str, step: &super::path::Step) -> JoinOn {
    JoinOn {
        parent: parent.to_string(),
        columns: step.columns.clone(),
        relation: step.relation.clone(),
        kind: JoinKind::Inner,
        nullable: step.nullable,
        multi: step.multi,
    }
}

/// `trim_joins`: direct joins at the end whose target column is the one compared are
/// dropped, the previous table's key compared instead (`blog__id` is `"app_entry"."blog_id"`).
pub(super) fn trim(aliases: &mut Aliases, path: &Path, joins: &[String]) -> (String, String) {
    let mut column = path.field.column.clone();
    let mut at = joins.len() - 1;
    let mut steps = path.steps.as_slice();
    if path.key_join && at > 0 {
        aliases.unref(&joins[at]);
        at -= 1;
        steps = &steps[..steps.len() - 1];
    }
    for step in steps.iter().rev() {
        if at == 0 || !step.direct || step.columns.1 != column {
            break;
        }
        aliases.unref(&joins[at]);
        column = step.columns.0.clone();
        at -= 1;
    }
    (joins[at].clone(), column)
}

/// The first and last moment of a year, as `year` lookups compare with: a date field's
/// dates, or (`datetime` given its settings) datetimes, aware in TIME_ZONE with USE_TZ. ISO
/// years start on the Monday of their first week.
pub fn year_bounds(
    year: i64,
    iso: bool,
    datetime: Option<&crate::spec::DjangoSettings>,
) -> (Yaml, Yaml) {
    let (start, end) = match iso {
        false => (format!("{year:04}-01-01"), format!("{year:04}-12-31")),
        true => (iso_year_start(year), {
            let next = iso_year_start(year + 1);
            previous_day(&next)
        }),
    };
    let date = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    match (datetime, date(&start), date(&end)) {
        (Some(settings), Some(first), Some(last)) => {
            let (start, end) = settings.year_bounds(first, last);
            (Yaml::String(start), Yaml::String(end))
        }
        _ => (Yaml::String(start), Yaml::String(end)),
    }
}

/// The Monday of ISO week 1: the week holding January 4th.
fn iso_year_start(year: i64) -> String {
    let jan4 = days_from_civil(year, 1, 4);
    // 1970-01-01 was a Thursday: weekday 0 = Monday.
    let weekday = (jan4 + 3).rem_euclid(7);
    civil(jan4 - weekday)
}

fn previous_day(date: &str) -> String {
    let parts: Vec<i64> = date.split('-').filter_map(|p| p.parse().ok()).collect();
    civil(days_from_civil(parts[0], parts[1], parts[2]) - 1)
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    format!(
        "{:04}-{month:02}-{day:02}",
        yoe + era * 400 + i64::from(month <= 2)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_bounds_for_dates_datetimes_and_iso_years() {
        assert_eq!(
            year_bounds(2024, false, None),
            ("2024-01-01".into(), "2024-12-31".into())
        );
        assert_eq!(
            year_bounds(2024, false, Some(&crate::spec::DjangoSettings::default())).1,
            Yaml::from("2024-12-31 23:59:59.999999+00:00")
        );
        // ISO 2021 ran from 2021-01-04 to 2022-01-02.
        assert_eq!(
            year_bounds(2021, true, None),
            ("2021-01-04".into(), "2022-01-02".into())
        );
    }
}
