//! The `query:` step: a QuerySet written as the chain of calls that builds it, in the order
//! the keys are written (`exclude:` before `filter:` is `.exclude(...).filter(...)`), then how
//! it is evaluated and what application code touches on each row.

use super::explain::Explain;
pub use super::query_options::{ForUpdate, InBulk, Prefetch};
use indexmap::IndexMap;
use serde::de::Error as _;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use super::expression::{Expression, Ordering};

/// A Q object: keyword lookups and nested Qs, joined by AND (or OR), maybe negated.
#[derive(Debug, Clone, PartialEq)]
pub struct Q {
    pub or: bool,
    pub negated: bool,
    pub children: Vec<QChild>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QChild {
    Lookup(String, Value),
    Q(Q),
    /// A condition written as an expression: `Exists(...)`, `~Exists(...)`.
    Expr(Expression),
}

impl Q {
    /// `Q(*args, **kwargs)` from a mapping: `or:`, `and:` and `not:` are Q objects (first,
    /// as Django puts `*args` first), the other keys lookups, sorted as `Q(**kwargs)` sorts
    /// them.
    pub fn from_mapping(map: &Mapping) -> Result<Q, String> {
        let mut qs = Vec::new();
        let mut kwargs: Vec<(String, Value)> = Vec::new();
        for (key, value) in map {
            let key = key.as_str().ok_or("filter keys are field lookups (text)")?;
            match key {
                "or" | "and" => {
                    let Value::Sequence(items) = value else {
                        return Err(format!("`{key}` takes a list of filters"));
                    };
                    let mut q = Q::new(key == "or", false);
                    for item in items {
                        let Value::Mapping(inner) = item else {
                            return Err(format!("the items of `{key}` are filters (mappings)"));
                        };
                        q.combine(Q::from_mapping(inner)?);
                    }
                    qs.push(QChild::Q(q));
                }
                "not" => {
                    let Value::Mapping(inner) = value else {
                        return Err("`not` takes a filter (a mapping)".to_string());
                    };
                    let mut q = Q::from_mapping(inner)?;
                    // `not: {exists: ...}` is `~Exists(...)`, which writes `NOT EXISTS(...)`.
                    if let [QChild::Expr(Expression::Exists { negated, .. })] =
                        q.children.as_mut_slice()
                    {
                        *negated = !*negated;
                        qs.extend(q.children);
                        continue;
                    }
                    q.negated = !q.negated;
                    qs.push(QChild::Q(q));
                }
                "exists" => qs.push(QChild::Expr(Expression::Exists {
                    query: Box::new(QueryOp::subquery(value, key)?),
                    negated: false,
                })),
                _ => {
                    // A mapping is an expression (`{F: x}`, `{outer_ref: pk}`): check it now.
                    if let Some(Err(e)) = Expression::from_rhs(value) {
                        return Err(format!("`{key}`: {e}"));
                    }
                    kwargs.push((key.to_string(), value.clone()))
                }
            }
        }
        kwargs.sort_by(|a, b| a.0.cmp(&b.0));
        qs.extend(kwargs.into_iter().map(|(k, v)| QChild::Lookup(k, v)));
        Ok(Q {
            or: false,
            negated: false,
            children: qs,
        })
    }

    /// A condition that is a Q object (`When(...)`, an aggregate's `filter=`): an `or:`,
    /// `and:` or `not:` alone is that Q itself, as `When(Q(a) | Q(b))` and `When(~Q(a))`
    /// hold it, not a Q around it (which Django would write in a second pair of
    /// parentheses once resolved again).
    pub fn condition(map: &Mapping) -> Result<Q, String> {
        let mut q = Q::from_mapping(map)?;
        if let [QChild::Q(_)] = q.children.as_slice() {
            if let Some(QChild::Q(inner)) = q.children.pop() {
                q = inner;
            }
        }
        Ok(q)
    }

    pub fn new(or: bool, negated: bool) -> Q {
        Q {
            or,
            negated,
            children: Vec::new(),
        }
    }

    /// `Q._combine`: a Q of the same connector (or of one child) that is not negated gives
    /// its children; any other is one child.
    fn combine(&mut self, other: Q) {
        if !other.negated && (other.or == self.or || other.children.len() == 1) {
            self.children.extend(other.children);
        } else {
            self.children.push(QChild::Q(other));
        }
    }

    /// The lookup keys it holds, nested ones included.
    pub fn keys(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for child in &self.children {
            match child {
                QChild::Lookup(key, _) => out.push(key.as_str()),
                QChild::Q(q) => out.extend(q.keys()),
                QChild::Expr(_) => {}
            }
        }
        out
    }
}

/// One call of the chain.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Filter(Q),
    Exclude(Q),
    OrderBy(Vec<Ordering>),
    /// `[low:high]`, as Python slices a queryset.
    Slice(u64, Option<u64>),
    SelectRelated(Vec<String>),
    PrefetchRelated(Vec<Prefetch>),
    Only(Vec<String>),
    Defer(Vec<String>),
    /// `values(*names, **expressions)`.
    Values(Vec<String>, Vec<(String, Expression)>),
    /// `values_list(*fields)`: names, and expressions selected under Django's aliases.
    ValuesList(Vec<ValuesItem>),
    /// `dates(...)`, `datetimes(...)`: a truncated field, distinct, ordered, as a flat
    /// values_list.
    Dates(super::DateList),
    Annotate(IndexMap<String, Expression>),
    /// `distinct(*fields)`: DISTINCT, or DISTINCT ON the fields named.
    Distinct(Vec<String>),
    SelectForUpdate(ForUpdate),
    /// `_next_is_sticky()`: the next filter() may reuse the previous one's multi-valued joins.
    Sticky,
    /// `.union(*others, all=...)`, `.intersection(*others)`, `.difference(*others)`.
    Combine {
        operator: &'static str,
        parts: Vec<QueryOp>,
    },
}

/// An argument of `values_list()`: a name, or an expression (`Lower("name")`), which Django
/// selects under its default alias and a counter (`lower1`).
#[derive(Debug, Clone, PartialEq)]
pub enum ValuesItem {
    Name(String),
    Expr(Expression),
}

/// How the queryset is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Evaluate {
    /// `list(qs)`.
    #[default]
    List,
    Count,
    Exists,
    First,
    Last,
    Get,
    /// `qs.explain(...)`: the plan of the queryset's SELECT.
    Explain,
    /// `qs.in_bulk(id_list, field_name=...)`: objects by key.
    InBulk,
    /// `for obj in qs.iterator(chunk_size=...)`: a server-side cursor.
    Iterator,
    /// Never evaluated: nothing is sent.
    None,
    /// `latest(*fields)` / `earliest(*fields)`: get() of the first row by those fields
    /// (`QueryOp::latest_by`), the newest or the oldest.
    Latest,
    Earliest,
}

const EVALUATIONS: &[(&str, Evaluate)] = &[
    ("list", Evaluate::List),
    ("count", Evaluate::Count),
    ("exists", Evaluate::Exists),
    ("first", Evaluate::First),
    ("last", Evaluate::Last),
    ("get", Evaluate::Get),
    ("explain", Evaluate::Explain),
    ("in_bulk", Evaluate::InBulk),
    ("iterator", Evaluate::Iterator),
    ("none", Evaluate::None),
];

/// `Model.objects.<chain>` evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryOp {
    pub model: String,
    pub chain: Vec<Call>,
    pub evaluate: Evaluate,
    /// `aggregate(...)`: evaluated as one row of these.
    pub aggregate: Option<IndexMap<String, Expression>>,
    /// values_list(flat=True) / named=True.
    pub flat: bool,
    pub named: bool,
    /// `explain(format=..., **options)`, for `evaluate: explain`.
    pub explain: Option<Explain>,
    /// `in_bulk(id_list, field_name=...)`, for `evaluate: in_bulk`.
    pub in_bulk: Option<InBulk>,
    /// `instance.manager`: the queryset a related manager starts (`blog.entry_set`), as
    /// (instance, manager).
    pub manager: Option<(String, String)>,
    /// `iterator(chunk_size=...)`; Django's default is 2000.
    pub chunk_size: Option<u64>,
    /// Evaluated inside `transaction.atomic()`: BEGIN before, COMMIT after.
    pub atomic: bool,
    /// What application code touches on each object: `blog.name`, `authors`, `body_text`.
    pub access: Vec<String>,
    pub bind: Option<String>,
    /// The fields of `latest(...)` or `earliest(...)`.
    pub latest_by: Vec<Ordering>,
    /// Where each key is written, by key (`filter`, `order_by` ...), for errors.
    pub keys: Vec<String>,
}

impl QueryOp {
    /// The queryset of a related manager: the step's chain after the manager's filter on the
    /// object, on the manager's model (`model`, when it is written, must be that one).
    pub fn on_manager(&self, manager: &crate::query::manager::Manager) -> Result<QueryOp, String> {
        let target = &manager.target;
        if !self.model.is_empty() && self.model != *target {
            return Err(format!(
                "the manager returns `{target}` objects, not `{}`",
                self.model
            ));
        }
        let mut op = self.clone();
        op.model = target.to_string();
        op.manager = None;
        op.chain.insert(0, Call::Filter(manager.core.clone()));
        if manager.sticky {
            op.chain.insert(1, Call::Sticky);
        }
        Ok(op)
    }
}

/// The keys a query takes, for "did you mean".
pub const QUERY_KEYS: &[&str] = &[
    "model",
    "manager",
    "filter",
    "exclude",
    "order_by",
    "slice",
    "select_related",
    "prefetch_related",
    "only",
    "defer",
    "values",
    "values_list",
    "dates",
    "datetimes",
    "flat",
    "named",
    "annotate",
    "aggregate",
    "distinct",
    "select_for_update",
    "union",
    "union_all",
    "intersection",
    "difference",
    "atomic",
    "chunk_size",
    "evaluate",
    "explain",
    "in_bulk",
    "latest",
    "earliest",
    "access",
    "as",
];

impl<'de> Deserialize<'de> for QueryOp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Mapping::deserialize(deserializer)?;
        if let Some(unknown) = map
            .keys()
            .filter_map(Value::as_str)
            .find(|k| !QUERY_KEYS.contains(k))
        {
            return Err(D::Error::unknown_field(unknown, QUERY_KEYS));
        }
        QueryOp::from_mapping(&map).map_err(D::Error::custom)
    }
}

impl QueryOp {
    pub(super) fn from_mapping(map: &Mapping) -> Result<QueryOp, String> {
        let mut op = QueryOp {
            model: String::new(),
            chain: Vec::new(),
            evaluate: Evaluate::List,
            aggregate: None,
            flat: false,
            named: false,
            explain: None,
            in_bulk: None,
            atomic: false,
            chunk_size: None,
            manager: None,
            access: Vec::new(),
            bind: None,
            latest_by: Vec::new(),
            keys: Vec::new(),
        };
        let names = |value: &Value, key: &str| -> Result<Vec<String>, String> {
            match value {
                Value::String(s) => Ok(vec![s.clone()]),
                Value::Sequence(items) => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .ok_or_else(|| format!("`{key}` takes names"))
                    })
                    .collect(),
                _ => Err(format!("`{key}` takes a list of names")),
            }
        };
        let filters = |value: &Value, key: &str| -> Result<Vec<Q>, String> {
            match value {
                Value::Mapping(m) => Ok(vec![Q::from_mapping(m)?]),
                // A list: one call per mapping (`.filter(a).filter(b)`).
                Value::Sequence(items) => items
                    .iter()
                    .map(|item| match item {
                        Value::Mapping(m) => Q::from_mapping(m),
                        _ => Err(format!("the items of `{key}` are filters (mappings)")),
                    })
                    .collect(),
                _ => Err(format!(
                    "`{key}` takes a filter (a mapping) or a list of them"
                )),
            }
        };
        // The model first, wherever it is written: the items of `union` default to it.
        if let Some(Value::String(model)) = map.get("model") {
            op.model = model.clone();
        }
        for (key, value) in map {
            let key = key.as_str().ok_or("query keys are text")?;
            op.keys.push(key.to_string());
            match key {
                "model" => {
                    op.model = value
                        .as_str()
                        .ok_or("`model` is a model's name")?
                        .to_string()
                }
                "manager" => {
                    let text = value.as_str().unwrap_or_default();
                    let (instance, name) = text
                        .split_once('.')
                        .filter(|(i, n)| !i.is_empty() && !n.is_empty() && !n.contains('.'))
                        .ok_or("`manager` is `instance.manager`, such as `blog.entry_set`")?;
                    op.manager = Some((instance.to_string(), name.to_string()));
                }
                "filter" => op
                    .chain
                    .extend(filters(value, key)?.into_iter().map(Call::Filter)),
                "exclude" => op
                    .chain
                    .extend(filters(value, key)?.into_iter().map(Call::Exclude)),
                "order_by" => op.chain.push(Call::OrderBy(orderings(value)?)),
                "slice" => op.chain.push(slice(value)?),
                // `true` (or `[]`) is select_related() without names.
                "select_related" => op.chain.push(Call::SelectRelated(match value {
                    Value::Bool(true) => Vec::new(),
                    other => names(other, key)?,
                })),
                "prefetch_related" => op.chain.push(Call::PrefetchRelated(Prefetch::parse_all(
                    value, &op.model,
                )?)),
                "only" => op.chain.push(Call::Only(names(value, key)?)),
                "defer" => op.chain.push(Call::Defer(names(value, key)?)),
                "values" => op.chain.push(values(value)?),
                "values_list" => op.chain.push(values_list(value)?),
                "dates" | "datetimes" => op.chain.push(Call::Dates(super::DateList::parse(
                    value,
                    key == "datetimes",
                )?)),
                "flat" => op.flat = value.as_bool().ok_or("`flat` is true or false")?,
                "named" => op.named = value.as_bool().ok_or("`named` is true or false")?,
                "annotate" | "aggregate" => {
                    let Value::Mapping(m) = value else {
                        return Err(format!("`{key}` takes a mapping of names to expressions"));
                    };
                    let mut out = IndexMap::new();
                    for (name, expr) in m {
                        let name = name.as_str().ok_or("annotation names are text")?;
                        let expr = Expression::parse(expr).map_err(|e| format!("`{name}`: {e}"))?;
                        if key == "aggregate" && !expr.contains_aggregate() {
                            return Err(format!(
                                "aggregate: `{name}` is not an aggregate expression"
                            ));
                        }
                        out.insert(name.to_string(), expr);
                    }
                    match key {
                        "annotate" => op.chain.push(Call::Annotate(out)),
                        _ => op.aggregate = Some(out),
                    }
                }
                "distinct" => match value {
                    Value::Bool(true) => op.chain.push(Call::Distinct(Vec::new())),
                    Value::Bool(false) => {}
                    other => op.chain.push(Call::Distinct(names(other, key).map_err(|_| {
                        "`distinct` is true, false, or the names of DISTINCT ON".to_string()
                    })?)),
                },
                "evaluate" => {
                    if matches!(op.evaluate, Evaluate::Latest | Evaluate::Earliest) {
                        return Err("`evaluate` goes without `latest` or `earliest`".to_string());
                    }
                    let name = value.as_str().unwrap_or_default();
                    op.evaluate = EVALUATIONS
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, e)| *e)
                        .ok_or_else(|| {
                            let mut m = format!("unknown evaluation `{name}`");
                            if let Some(s) =
                                crate::spec::suggest(name, EVALUATIONS.iter().map(|(n, _)| *n))
                            {
                                m.push_str(&format!(", did you mean `{s}`?"));
                            }
                            m
                        })?;
                }
                "latest" | "earliest" => {
                    if op
                        .keys
                        .iter()
                        .filter(|k| matches!(k.as_str(), "evaluate" | "latest" | "earliest"))
                        .count()
                        > 1
                    {
                        return Err(format!(
                            "`{key}` is how the QuerySet is evaluated: it goes without `evaluate`, `latest` or `earliest`"
                        ));
                    }
                    op.evaluate = if key == "latest" {
                        Evaluate::Latest
                    } else {
                        Evaluate::Earliest
                    };
                    op.latest_by = match value {
                        Value::Sequence(items) if items.is_empty() => Vec::new(),
                        other => orderings(other)?,
                    };
                }
                "explain" => op.explain = Some(Explain::parse(value)?),
                "in_bulk" => op.in_bulk = Some(InBulk::parse(value)?),
                "select_for_update" => {
                    if let Some(lock) = ForUpdate::parse(value)? {
                        op.chain.push(Call::SelectForUpdate(lock));
                    }
                }
                "union" | "union_all" | "intersection" | "difference" => {
                    let operator = match key {
                        "union" => "UNION",
                        "union_all" => "UNION ALL",
                        "intersection" => "INTERSECT",
                        _ => "EXCEPT",
                    };
                    let Value::Sequence(items) = value else {
                        return Err(format!(
                            "`{key}` takes a list of querysets (mappings with the keys of a query)"
                        ));
                    };
                    let mut parts = Vec::new();
                    for item in items {
                        let Value::Mapping(part) = item else {
                            return Err(format!("the items of `{key}` are querysets (mappings)"));
                        };
                        let mut part = part.clone();
                        if !part.contains_key("model") {
                            part.insert("model".into(), Value::String(op.model.clone()));
                        }
                        for refused in [
                            "evaluate",
                            "access",
                            "as",
                            "explain",
                            "in_bulk",
                            "atomic",
                            "chunk_size",
                        ] {
                            if part.contains_key(refused) {
                                return Err(format!("`{refused}` belongs to the combined query, not to an item of `{key}`"));
                            }
                        }
                        parts.push(QueryOp::from_mapping(&part)?);
                    }
                    op.chain.push(Call::Combine { operator, parts });
                }
                "atomic" => op.atomic = value.as_bool().ok_or("`atomic` is true or false")?,
                "chunk_size" => {
                    let n = value.as_u64().filter(|n| (1..=MAX_ROW_COUNT).contains(n));
                    op.chunk_size = Some(n.ok_or(
                        "`chunk_size` is a positive integer (at most PostgreSQL's bigint)",
                    )?);
                }
                "access" => op.access = names(value, key)?,
                "as" => op.bind = Some(value.as_str().ok_or("`as` is a name")?.to_string()),
                other => {
                    let mut message = format!("unknown key `{other}` in `query`");
                    if let Some(s) = crate::spec::suggest(other, QUERY_KEYS.iter().copied()) {
                        message.push_str(&format!(", did you mean `{s}`?"));
                    }
                    return Err(message);
                }
            }
        }
        if op.model.is_empty() && op.manager.is_none() {
            return Err("`query` needs `model` (or `manager`)".to_string());
        }
        if op.in_bulk.is_some() {
            if op.keys.iter().any(|k| k == "evaluate") && op.evaluate != Evaluate::InBulk {
                return Err("`in_bulk` evaluates the queryset with in_bulk(); leave out `evaluate` or make it `in_bulk`".to_string());
            }
            op.evaluate = Evaluate::InBulk;
        }
        if op.evaluate == Evaluate::InBulk && op.in_bulk.is_none() {
            op.in_bulk = Some(InBulk::default());
        }
        if op.chunk_size.is_some() && op.evaluate != Evaluate::Iterator {
            return Err("`chunk_size` goes with `evaluate: iterator`".to_string());
        }
        if op.explain.is_some() {
            if op.keys.iter().any(|k| k == "evaluate") && op.evaluate != Evaluate::Explain {
                return Err("`explain` evaluates the queryset with explain(); leave out `evaluate` or make it `explain`".to_string());
            }
            op.evaluate = Evaluate::Explain;
        }
        Ok(op)
    }
}

/// The keys a subquery takes: the calls of a chain (it is never evaluated by itself).
const SUBQUERY_KEYS: &[&str] = &[
    "model",
    "filter",
    "exclude",
    "order_by",
    "slice",
    "values",
    "values_list",
    "annotate",
    "distinct",
];

impl QueryOp {
    /// The queryset of `Exists(...)` or `Subquery(...)`: a chain, no evaluation.
    pub fn subquery(value: &Value, function: &str) -> Result<QueryOp, String> {
        let Value::Mapping(map) = value else {
            return Err(format!(
                "`{function}` takes a queryset: {{model: ..., filter: ...}}"
            ));
        };
        for key in map.keys().filter_map(Value::as_str) {
            if !SUBQUERY_KEYS.contains(&key) {
                let mut message = format!("`{function}` takes no `{key}`");
                if let Some(s) = crate::spec::suggest(key, SUBQUERY_KEYS.iter().copied()) {
                    message.push_str(&format!(", did you mean `{s}`?"));
                }
                return Err(message);
            }
        }
        QueryOp::from_mapping(map).map_err(|e| format!("{function}: {e}"))
    }

    /// The names the chain takes from an outer query (`OuterRef`).
    pub fn outer_refs(&self) -> Vec<String> {
        let mut out = Vec::new();
        for call in &self.chain {
            match call {
                Call::Filter(q) | Call::Exclude(q) => q.outer_refs(&mut out),
                Call::Annotate(exprs) => exprs.values().for_each(|e| e.outer_refs(&mut out)),
                Call::Values(_, exprs) => exprs.iter().for_each(|(_, e)| e.outer_refs(&mut out)),
                Call::ValuesList(items) => {
                    for item in items {
                        if let ValuesItem::Expr(e) = item {
                            e.outer_refs(&mut out);
                        }
                    }
                }
                Call::OrderBy(items) => {
                    for item in items {
                        if let Ordering::Expr { expr, .. } = item {
                            expr.outer_refs(&mut out);
                        }
                    }
                }
                _ => {}
            }
        }
        out.dedup();
        out
    }
}

/// `order_by: [-pub_date, {F: author, nulls_last: true}]`.
fn orderings(value: &Value) -> Result<Vec<Ordering>, String> {
    match value {
        Value::Sequence(items) => items.iter().map(Ordering::parse).collect(),
        other => Ok(vec![Ordering::parse(other)?]),
    }
}

/// `values: [id, {lower: {lower: name}}]`: names, and expressions under their names (after
/// the names, as `values(*fields, **expressions)` puts them).
fn values(value: &Value) -> Result<Call, String> {
    let items = match value {
        Value::Sequence(items) => items.clone(),
        other => vec![other.clone()],
    };
    let mut names = Vec::new();
    let mut exprs = Vec::new();
    for item in &items {
        match item {
            Value::String(name) => names.push(name.clone()),
            Value::Mapping(m) => {
                for (name, expr) in m {
                    let name = name.as_str().ok_or("`values` names are text")?;
                    let expr = Expression::parse(expr).map_err(|e| format!("`{name}`: {e}"))?;
                    exprs.push((name.to_string(), expr));
                }
            }
            _ => return Err("`values` takes names or {name: expression}".to_string()),
        }
    }
    Ok(Call::Values(names, exprs))
}

/// `values_list: [id, {lower: name}]`: names, and expressions in the places they are
/// written (`values_list(*fields)` takes no keyword expressions).
fn values_list(value: &Value) -> Result<Call, String> {
    let items = match value {
        Value::Sequence(items) => items.clone(),
        other => vec![other.clone()],
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(name) => Ok(ValuesItem::Name(name.clone())),
            Value::Mapping(_) => Expression::parse(item)
                .map(ValuesItem::Expr)
                .map_err(|e| format!("`values_list`: {e} (its expressions are positional, as values_list(*fields) takes them)")),
            _ => Err("`values_list` takes names or expressions".to_string()),
        })
        .collect::<Result<_, _>>()
        .map(Call::ValuesList)
}

/// `slice: [1, 3]` is `[1:3]`, `slice: [2]` is `[2:]`, `slice: 5` is `[:5]`.
/// PostgreSQL's LIMIT, OFFSET and FETCH take a bigint.
pub const MAX_ROW_COUNT: u64 = i64::MAX as u64;

fn slice(value: &Value) -> Result<Call, String> {
    let bad = || {
        format!("`slice` is [start, stop], [start] or stop (integers from 0 to {MAX_ROW_COUNT}, PostgreSQL's bigint)")
    };
    let n = |v: &Value| v.as_u64().filter(|n| *n <= MAX_ROW_COUNT).ok_or_else(bad);
    match value {
        Value::Number(_) => Ok(Call::Slice(0, Some(n(value)?))),
        Value::Sequence(items) => match items.as_slice() {
            [low] => Ok(Call::Slice(n(low)?, None)),
            [low, high] if n(high)? >= n(low)? => Ok(Call::Slice(n(low)?, Some(n(high)?))),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(yaml: &str) -> Result<QueryOp, String> {
        serde_yaml::from_str::<QueryOp>(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn keys_are_a_chain_in_the_order_written() {
        let q = op("{model: Entry, exclude: {rating__lt: 3}, filter: [{a: 1}, {b: 2}], order_by: -id, slice: [1, 3], evaluate: first}").unwrap();
        assert!(matches!(q.chain[0], Call::Exclude(_)));
        assert!(matches!(q.chain[2], Call::Filter(_)));
        assert_eq!(
            q.chain[3],
            Call::OrderBy(vec![Ordering::Name("-id".into())])
        );
        assert_eq!(q.chain[4], Call::Slice(1, Some(3)));
        assert_eq!(q.evaluate, Evaluate::First);
        // serde's own message, which loading turns into a did-you-mean.
        assert!(op("{model: E, fitler: {}}")
            .unwrap_err()
            .contains("unknown field `fitler`"));
        assert!(op("{model: E, evaluate: cont}")
            .unwrap_err()
            .contains("did you mean `count`"));
        assert!(op("{model: E, slice: [3, 1]}").is_err());
        assert!(op("{filter: {}}").unwrap_err().contains("needs `model`"));
    }

    #[test]
    fn q_mappings_put_q_objects_first_and_sort_keywords() {
        let map: Mapping =
            serde_yaml::from_str("{rating__gte: 3, headline: R, or: [{a: 1}, {not: {b: 2}}]}")
                .unwrap();
        let q = Q::from_mapping(&map).unwrap();
        assert_eq!(q.keys(), ["a", "b", "headline", "rating__gte"]);
        let QChild::Q(or) = &q.children[0] else {
            panic!("an or first")
        };
        assert!(or.or && or.children.len() == 2);
    }

    #[test]
    fn a_condition_of_one_q_object_is_that_q_itself() {
        let condition = |text: &str| Q::condition(&serde_yaml::from_str(text).unwrap()).unwrap();
        let or = condition("{or: [{a: 1}, {b: 2}]}");
        assert!(or.or && !or.negated && or.keys() == ["a", "b"]);
        let not = condition("{not: {a: 1}}");
        assert!(not.negated && matches!(not.children[..], [QChild::Lookup(..)]));
        let both = condition("{a: 1, or: [{b: 2}, {c: 3}]}");
        assert!(!both.or && both.children.len() == 2);
    }

    #[test]
    fn annotations_are_expressions_and_aggregate_needs_one() {
        let q = op("{model: E, aggregate: {n: {count: authors, distinct: true}}}").unwrap();
        let Expression::Aggregate {
            function, distinct, ..
        } = &q.aggregate.unwrap()["n"]
        else {
            panic!("an aggregate")
        };
        assert_eq!((*function, *distinct), ("COUNT", true));
        assert!(op("{model: E, annotate: {n: {cout: a}}}")
            .unwrap_err()
            .contains("did you mean `count`"));
        assert!(op("{model: E, aggregate: {n: {lower: a}}}")
            .unwrap_err()
            .contains("not an aggregate"));
    }

    #[test]
    fn subqueries_take_a_chain_and_name_their_outer_refs() {
        let q = op("{model: Blog, filter: {not: {exists: {model: Entry, filter: {blog: {outer_ref: pk}}}}}}").unwrap();
        let Call::Filter(filter) = &q.chain[0] else {
            panic!("a filter")
        };
        let QChild::Expr(Expression::Exists { query, negated }) = &filter.children[0] else {
            panic!("~Exists")
        };
        assert!(negated);
        assert_eq!(query.outer_refs(), ["pk"]);
        assert!(
            op("{model: B, annotate: {x: {subquery: {model: E, evaluate: count}}}}")
                .unwrap_err()
                .contains("takes no `evaluate`")
        );
        assert!(op("{model: B, filter: {a: {outer_ref: pk, value: 1}}}")
            .unwrap_err()
            .contains("one function per mapping"));
        // A mapping naming no function may be a JSONField's value: decided with the model.
        assert!(op("{model: B, filter: {a: {outer_rf: pk}}}").is_ok());
    }
}
