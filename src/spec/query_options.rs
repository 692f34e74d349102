//! The options of some calls of a `query:` step, each read from its own YAML forms:
//! Prefetch objects, in_bulk()'s arguments, select_for_update()'s.

use serde_yaml::Value;

use super::query::QueryOp;

/// A `prefetch_related()` lookup: a path (`entry_set__authors`), or Django's `Prefetch(path,
/// queryset=..., to_attr=...)` written `{lookup: entry_set, queryset: {filter: ...},
/// to_attr: good}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefetch {
    pub lookup: String,
    /// The queryset of the last relation of the path (its model is the relation's).
    pub queryset: Option<Box<QueryOp>>,
    pub to_attr: Option<String>,
}

impl Prefetch {
    pub(super) fn parse_all(value: &Value, model: &str) -> Result<Vec<Prefetch>, String> {
        let items = match value {
            Value::Sequence(items) => items.clone(),
            other => vec![other.clone()],
        };
        items
            .iter()
            .map(|item| Prefetch::parse(item, model))
            .collect()
    }

    pub(super) fn parse(value: &Value, model: &str) -> Result<Prefetch, String> {
        let bad = || {
            "a prefetch_related item is a lookup (`entry_set__authors`) or {lookup: ..., queryset: {...}, to_attr: ...}".to_string()
        };
        match value {
            Value::String(lookup) => Ok(Prefetch {
                lookup: lookup.clone(),
                queryset: None,
                to_attr: None,
            }),
            Value::Mapping(map) => {
                let mut out = Prefetch {
                    lookup: String::new(),
                    queryset: None,
                    to_attr: None,
                };
                for (key, value) in map {
                    match key.as_str() {
                        Some("lookup") => out.lookup = value.as_str().ok_or_else(bad)?.to_string(),
                        Some("to_attr") => {
                            out.to_attr = Some(value.as_str().ok_or_else(bad)?.to_string())
                        }
                        Some("queryset") => {
                            let Value::Mapping(q) = value else {
                                return Err(bad());
                            };
                            let mut q = q.clone();
                            // The model comes from the relation; a placeholder until then.
                            if !q.contains_key("model") {
                                q.insert("model".into(), Value::String(model.to_string()));
                            }
                            for refused in [
                                "evaluate",
                                "access",
                                "as",
                                "explain",
                                "in_bulk",
                                "atomic",
                                "chunk_size",
                                "manager",
                            ] {
                                if q.contains_key(refused) {
                                    return Err(format!(
                                        "`{refused}` does not go in a Prefetch's queryset"
                                    ));
                                }
                            }
                            out.queryset = Some(Box::new(QueryOp::from_mapping(&q)?));
                        }
                        _ => return Err(bad()),
                    }
                }
                if out.lookup.is_empty() {
                    return Err(bad());
                }
                Ok(out)
            }
            _ => Err(bad()),
        }
    }

    /// The name the prefetched objects are found under on each object.
    pub fn attr(&self) -> String {
        let last = self.lookup.rsplit("__").next().unwrap_or_default();
        self.to_attr.clone().unwrap_or_else(|| last.to_string())
    }
}

/// `in_bulk: [1, 2]`, `in_bulk: {ids: [Tech], field_name: name}`, `in_bulk: true` (no list:
/// every object).
#[derive(Debug, Clone, PartialEq)]
pub struct InBulk {
    pub ids: Option<Vec<Value>>,
    pub field_name: String,
}

impl Default for InBulk {
    fn default() -> InBulk {
        InBulk {
            ids: None,
            field_name: "pk".to_string(),
        }
    }
}

impl InBulk {
    pub(super) fn parse(value: &Value) -> Result<InBulk, String> {
        let bad =
            || "`in_bulk` is true, a list of keys, or {ids: [...], field_name: NAME}".to_string();
        match value {
            Value::Bool(true) => Ok(InBulk::default()),
            Value::Sequence(ids) => Ok(InBulk {
                ids: Some(ids.clone()),
                ..InBulk::default()
            }),
            Value::Mapping(map) => {
                let mut out = InBulk::default();
                for (key, value) in map {
                    match key.as_str() {
                        Some("ids") => out.ids = Some(value.as_sequence().ok_or_else(bad)?.clone()),
                        Some("field_name") => {
                            out.field_name = value.as_str().ok_or_else(bad)?.to_string()
                        }
                        _ => return Err(bad()),
                    }
                }
                Ok(out)
            }
            _ => Err(bad()),
        }
    }
}

/// `select_for_update(nowait=..., skip_locked=..., of=(...), no_key=...)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForUpdate {
    pub nowait: bool,
    pub skip_locked: bool,
    pub of: Vec<String>,
    pub no_key: bool,
}

impl ForUpdate {
    pub(super) fn parse(value: &Value) -> Result<Option<ForUpdate>, String> {
        let bad = || {
            "`select_for_update` is true, or {nowait, skip_locked, no_key: true/false, of: [self, relation]}"
                .to_string()
        };
        match value {
            Value::Bool(on) => Ok(on.then(ForUpdate::default)),
            Value::Mapping(map) => {
                let mut out = ForUpdate::default();
                for (key, value) in map {
                    let flag = || value.as_bool().ok_or_else(bad);
                    match key.as_str() {
                        Some("nowait") => out.nowait = flag()?,
                        Some("skip_locked") => out.skip_locked = flag()?,
                        Some("no_key") => out.no_key = flag()?,
                        Some("of") => {
                            out.of = value
                                .as_sequence()
                                .ok_or_else(bad)?
                                .iter()
                                .map(|v| v.as_str().map(str::to_string).ok_or_else(bad))
                                .collect::<Result<_, _>>()?
                        }
                        _ => return Err(bad()),
                    }
                }
                Ok(Some(out))
            }
            _ => Err(bad()),
        }
    }
}
