//! Filters: `field`, `field__exact`, `pk`, relation names, turned into WHERE conditions.
//! Only equality for now; the lookup language (`__gte`, `__in`, spans) grows here.

use serde_yaml::{Mapping, Value as Yaml};

use super::Registry;
use crate::sql::compiler::Condition;

/// A lookup on one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Exact,
}

/// One parsed filter key: the column it constrains, the table that holds it, the lookup.
#[derive(Debug, Clone)]
pub struct FilterKey {
    pub table: String,
    pub column: String,
    pub lookup: Lookup,
    /// The field, to prepare values as it does (JSON text for a JSON field).
    pub field: super::Field,
}

/// Parses a filter key such as `email`, `email__exact`, `pk` or `blog` for a model.
pub fn parse_key(registry: &Registry, model: &str, key: &str) -> Result<FilterKey, String> {
    let (name, lookup) = match key.split_once("__") {
        None => (key, Lookup::Exact),
        Some((name, "exact")) => (name, Lookup::Exact),
        Some((_, other)) => {
            return Err(format!(
                "unsupported lookup `__{other}` in `{key}` (only equality so far: `field` or `field__exact`)"
            ))
        }
    };
    let field = registry.field_of(model, name)?;
    let owner = registry.owner_of(model, &field.column);
    Ok(FilterKey {
        table: owner.table.clone(),
        column: field.column.clone(),
        lookup,
        field: field.clone(),
    })
}

/// The WHERE conditions of a filter, sorted by key: `filter(**kwargs)` builds
/// `Q(**kwargs)`, which sorts its keyword arguments (django/db/models/query_utils.py).
pub fn conditions(
    registry: &Registry,
    model: &str,
    filter: &Mapping,
    resolve: impl Fn(&Yaml) -> Result<Yaml, String>,
) -> Result<Vec<Condition>, String> {
    let mut entries: Vec<(&str, &Yaml)> = filter
        .iter()
        .map(|(key, value)| Ok((key.as_str().ok_or("filter keys are field names")?, value)))
        .collect::<Result<_, String>>()?;
    entries.sort_by_key(|(key, _)| *key);
    entries
        .into_iter()
        .map(|(key, value)| {
            let parsed = parse_key(registry, model, key)?;
            Ok(match parsed.lookup {
                Lookup::Exact => Condition::Equals {
                    table: parsed.table,
                    column: parsed.column,
                    value: parsed.field.db_value(&resolve(value)?, &registry.settings),
                },
            })
        })
        .collect()
}
