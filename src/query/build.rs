//! A `query:` step's chain of calls applied to a Query, as the QuerySet methods of the same
//! names apply them, and the evaluation's own changes (count, exists, first, last, get,
//! aggregate).

use std::sync::Arc;

use super::resolve::Typed;
use super::select::{Columns, Deferral, Query};
use crate::orm::Registry;
use crate::spec::{Call, Evaluate, QueryOp};

/// Django's `MAX_GET_RESULTS`: get() reads at most 21 rows to tell one from many.
pub const MAX_GET_RESULTS: u64 = 21;

/// A query built from a step, with what evaluation needs besides the SQL.
#[derive(Debug, Clone)]
pub struct Built {
    pub query: Query,
    pub prefetch: Vec<crate::spec::Prefetch>,
    /// values() / values_list(): rows rather than objects.
    pub values: bool,
}

/// Applies the chain, then the evaluation.
pub fn build(registry: Arc<Registry>, op: &QueryOp) -> Result<Built, String> {
    let built = chain(registry, op, 'T', Vec::new())?;
    evaluate(built, op)
}

/// The chain of calls, on aliases starting with `prefix` (`U` in a subquery, whose
/// `OuterRef`s are `outer_refs`).
pub fn chain(
    registry: Arc<Registry>,
    op: &QueryOp,
    prefix: char,
    outer_refs: Vec<(String, Typed)>,
) -> Result<Built, String> {
    let mut query = Query::new(registry, &op.model, prefix);
    query.outer_refs = outer_refs;
    let mut prefetch = Vec::new();
    let mut values = false;
    for call in &op.chain {
        if let Some(combined) = &query.combinator {
            refuse_after_combining(call, combined)?;
        }
        refuse_after_slicing(call, &query)?;
        // Any other call in between ends the stickiness (Django's `Query.chain`).
        if !matches!(call, Call::Filter(_) | Call::Exclude(_)) {
            query.filter_is_sticky = false;
        }
        match call {
            Call::Sticky => query.filter_is_sticky = true,
            Call::Filter(q) => query.add_filter(q.clone(), false)?,
            Call::Exclude(q) => query.add_filter(q.clone(), true)?,
            Call::OrderBy(items) => {
                query.order_by.clear();
                query.add_ordering(items)?;
            }
            Call::Slice(low, high) => {
                // Django's `set_limits`: the stop first, the start within it; a slice with
                // nothing left between them is empty (no statement is sent).
                let old_low = query.low;
                query.high = match (high, query.high) {
                    (Some(h), Some(oh)) => Some(old_low.saturating_add(*h).min(oh)),
                    (Some(h), None) => Some(old_low.saturating_add(*h)),
                    (None, oh) => oh,
                };
                let low = old_low.saturating_add(*low);
                query.low = query.high.map_or(low, |h| low.min(h));
                if query.high == Some(query.low) {
                    query.where_.add(
                        super::tree::Child::Leaf(super::tree::Leaf::Nothing),
                        super::tree::Connector::And,
                    );
                }
            }
            // select_related() without names follows every non-null key instead.
            Call::SelectRelated(paths) if paths.is_empty() => query.select_related_all = true,
            Call::SelectRelated(paths) => query.select_related.extend(paths.iter().cloned()),
            Call::PrefetchRelated(paths) => prefetch.extend(paths.iter().cloned()),
            Call::Only(names) => {
                query.columns = Columns::Model(deferral(&query, Deferral::Only(names.clone()))?)
            }
            Call::Defer(names) => {
                query.columns = Columns::Model(deferral(&query, Deferral::Defer(names.clone()))?)
            }
            Call::Values(names, exprs) if names.is_empty() && exprs.is_empty() => {
                all_fields(&mut query);
                values = true;
            }
            Call::ValuesList(items) if items.is_empty() => {
                all_fields(&mut query);
                values = true;
            }
            Call::Values(names, exprs) => {
                annotate(&mut query, exprs)?;
                query.freeze_group_by();
                let mut all = names.clone();
                all.extend(exprs.iter().map(|(n, _)| n.clone()));
                query.columns = Columns::Values(selected(&mut query, &all)?);
                values_on_parts(&mut query, &all)?;
                values = true;
            }
            Call::ValuesList(items) => {
                if op.flat && op.named {
                    return Err("TypeError: 'flat' and 'named' can't be used together.".into());
                }
                if op.flat && items.len() > 1 {
                    return Err("TypeError: 'flat' is not valid when values_list is called with more than one field.".into());
                }
                let selection = super::values_list::values_list_names(items)?;
                annotate(&mut query, &selection.expressions)?;
                select_values(&mut query, &selection.names)?;
                values = true;
            }
            Call::Dates(dates) => {
                super::dates::apply_dates(&mut query, dates)?;
                values = true;
            }
            Call::Annotate(exprs) => {
                annotate(&mut query, &exprs.clone().into_iter().collect::<Vec<_>>())?
            }
            Call::Distinct(fields) => {
                query.distinct = true;
                for name in fields {
                    let field = crate::spec::Expression::F(name.clone());
                    let typed = query.resolve(&field)?;
                    query.distinct_fields.push(typed.expr);
                }
            }
            Call::SelectForUpdate(lock) => query.for_update = Some(lock.clone()),
            Call::Combine { operator, parts } => {
                let mut built = Vec::new();
                for part in parts {
                    built.push(build(std::sync::Arc::clone(&query.registry), part)?.query);
                }
                query.combine(operator, built);
                // Django sets the combined query's values() on parts without any.
                if let Columns::Values(values) = &query.columns {
                    let names: Vec<String> = values.iter().map(|(_, n)| n.clone()).collect();
                    values_on_parts(&mut query, &names)?;
                }
            }
        }
    }
    Ok(Built {
        query,
        prefetch,
        values,
    })
}

/// What Django refuses on a sliced queryset (`Query.is_sliced`), as it raises it.
fn refuse_after_slicing(call: &Call, query: &Query) -> Result<(), String> {
    if query.low == 0 && query.high.is_none() {
        return Ok(());
    }
    let refused = match call {
        Call::Filter(_) | Call::Exclude(_) => "Cannot filter a query once a slice has been taken.",
        Call::OrderBy(_) => "Cannot reorder a query once a slice has been taken.",
        Call::Distinct(_) => "Cannot create distinct fields once a slice has been taken.",
        _ => return Ok(()),
    };
    Err(format!("TypeError: {refused}"))
}

/// Django's `_not_support_combined_queries`: these calls raise NotSupportedError after a
/// set operation (order_by, slicing, values() and set operations are allowed).
fn refuse_after_combining(call: &Call, combined: &super::combined::Combined) -> Result<(), String> {
    let name = match call {
        Call::Filter(_) => "filter",
        Call::Exclude(_) => "exclude",
        Call::SelectRelated(_) => "select_related",
        Call::PrefetchRelated(_) => "prefetch_related",
        Call::Annotate(_) => "annotate",
        Call::Values(_, exprs) if !exprs.is_empty() => "annotate",
        Call::ValuesList(items)
            if items
                .iter()
                .any(|i| matches!(i, crate::spec::ValuesItem::Expr(_))) =>
        {
            "annotate"
        }
        Call::Dates(_) => "annotate",
        Call::Distinct(_) => "distinct",
        Call::Only(_) => "only",
        Call::Defer(_) => "defer",
        _ => return Ok(()),
    };
    Err(format!(
        "NotSupportedError: Calling QuerySet.{name}() after {}() is not supported.",
        combined.method()
    ))
}

/// The evaluation's own changes: aggregate(), count(), exists(), first(), last(), get().
fn evaluate(built: Built, op: &QueryOp) -> Result<Built, String> {
    let Built {
        mut query,
        prefetch,
        values,
    } = built;
    if let Some(aggregates) = &op.aggregate {
        let mut selected = Vec::new();
        for (name, expression) in aggregates {
            let resolved = query.resolve(expression)?.expr;
            if query.aggregates_over_subquery() && names_annotation(&query, expression, &resolved) {
                return Err(format!("aggregate() `{name}` reads an annotation: over a sliced, distinct or grouped queryset (a subquery) this is not supported yet"));
            }
            selected.push((resolved, name.clone()));
        }
        query.aggregate(selected)?;
    }
    match op.evaluate {
        Evaluate::Count if query.combinator.is_none() => query.count()?,
        Evaluate::Count => {
            // Of a combined query: its parts' statement counted (compile_combined); a
            // sliced one keeps its ordering, the slice being taken from it.
            query.columns = Columns::Count;
            if query.low == 0 && query.high.is_none() {
                query.order_by.clear();
            }
        }
        Evaluate::Exists => {
            query.freeze_group_by();
            query.exists(true);
        }
        Evaluate::First | Evaluate::Last => {
            let sliced = query.low > 0 || query.high.is_some();
            // last() reverses the ordering; first() without one orders by pk: neither can
            // be done to a sliced queryset (Django raises as the call is made).
            if sliced && op.evaluate == Evaluate::Last {
                return Err(
                    "TypeError: Cannot reverse a query once a slice has been taken.".into(),
                );
            }
            if sliced && query.order_by.is_empty() {
                return Err(
                    "TypeError: Cannot reorder a query once a slice has been taken.".into(),
                );
            }
            query.ensure_ordering()?;
            if op.evaluate == Evaluate::Last {
                query.reverse_ordering();
            }
            query.high = Some(query.low.saturating_add(1));
        }
        Evaluate::Latest | Evaluate::Earliest => {
            // `_earliest`: one row by the fields (latest() reverses them), then get(), which
            // keeps that ordering and limit as the query is sliced.
            if query.low > 0 || query.high.is_some() {
                return Err("TypeError: Cannot change a query once a slice has been taken.".into());
            }
            if op.latest_by.is_empty() {
                return Err("ValueError: earliest() and latest() require either fields as positional arguments or 'get_latest_by' in the model's Meta.".into());
            }
            query.order_by.clear();
            query.add_ordering(&op.latest_by)?;
            if op.evaluate == Evaluate::Latest {
                query.reverse_ordering();
            }
            query.high = Some(1);
        }
        Evaluate::Get => {
            // get() drops the ordering and reads at most 21 rows.
            query.order_by.clear();
            if query.high.is_none() {
                query.high = Some(query.low.saturating_add(MAX_GET_RESULTS));
            }
        }
        Evaluate::InBulk => {
            // `filter(<field_name>__in=ids)`; without a list, the queryset as it is.
            let in_bulk = op.in_bulk.clone().unwrap_or_default();
            if let Some(ids) = in_bulk.ids.filter(|ids| !ids.is_empty()) {
                let mut filter = serde_yaml::Mapping::new();
                filter.insert(
                    format!("{}__in", in_bulk.field_name).into(),
                    serde_yaml::Value::Sequence(ids),
                );
                query.add_filter(crate::spec::Q::from_mapping(&filter)?, false)?;
            }
        }
        Evaluate::List | Evaluate::Iterator | Evaluate::Explain | Evaluate::None => {}
    }
    Ok(Built {
        query,
        prefetch,
        values,
    })
}

/// Whether an aggregate reads an annotation: Django then selects the annotation in the
/// subquery under its name rather than the columns it reads, which is not done here.
fn names_annotation(
    query: &Query,
    expression: &crate::spec::Expression,
    resolved: &super::tree::Expr,
) -> bool {
    let mut bare = query.clone();
    bare.annotations.clear();
    bare.resolve(expression).map(|t| t.expr) != Ok(resolved.clone())
}

/// The names only() and defer() are given, checked as the compiler will read them (a
/// select mask), without joining anything: only select_related joins.
fn deferral(query: &Query, deferral: Deferral) -> Result<Deferral, String> {
    super::mask::select_mask(&query.registry, &query.model, &deferral)?;
    Ok(deferral)
}

/// `annotate(...)`: each expression resolved; an aggregate makes the query group.
fn annotate(query: &mut Query, exprs: &[(String, crate::spec::Expression)]) -> Result<(), String> {
    for (name, expression) in exprs {
        let typed = query.resolve(expression)?;
        annotate_typed(query, name, typed);
    }
    Ok(())
}

/// `annotate(name=...)` of an expression already resolved.
pub(super) fn annotate_typed(query: &mut Query, name: &str, typed: Typed) {
    if typed.expr.contains_aggregate() {
        query.group_by_aggregate();
    }
    if let Columns::Values(selected) = &mut query.columns {
        selected.push((typed.clone(), name.to_string()));
    }
    query.annotations.retain(|(n, _)| n != name);
    query.annotations.push((name.to_string(), typed));
}

/// `set_values(names)` of values_list(), dates() and datetimes(): the grouping frozen, the
/// names selected (on each part of a combined query too).
pub(super) fn select_values(query: &mut Query, names: &[String]) -> Result<(), String> {
    query.freeze_group_by();
    query.columns = Columns::Values(selected(query, names)?);
    values_on_parts(query, names)
}

/// values() or values_list() without names: every concrete field, as the model's columns
/// are selected (parents' first, unnamed), and the annotations (Django's `set_values` with
/// no fields); select_related and only/defer no longer apply.
fn all_fields(query: &mut Query) {
    query.freeze_group_by();
    query.select_related.clear();
    query.columns = Columns::Model(Deferral::None);
}

/// values() of a combined query: Django's compiler sets it on each part that selects the
/// model's columns (and on the parts of a combined part).
fn values_on_parts(query: &mut Query, names: &[String]) -> Result<(), String> {
    if let Some(combined) = &mut query.combinator {
        for part in &mut combined.parts {
            if matches!(part.columns, Columns::Model(_)) {
                part.columns = Columns::Values(selected(part, names)?);
                values_on_parts(part, names)?;
            }
        }
    }
    Ok(())
}

/// What values() selects: annotations by name, else fields through their joins.
fn selected(query: &mut Query, names: &[String]) -> Result<Vec<(Typed, String)>, String> {
    let mut out = Vec::new();
    for name in names {
        let typed = query.resolve_ref(name)?;
        out.push((typed, name.clone()));
    }
    Ok(out)
}
