//! The sets of ids Django's many-to-many managers and delete collector build: CPython's set
//! of ints or UUIDs (`pyset`) when the ids are all of one of those kinds, else first-seen order.

use serde_yaml::Value as Yaml;

use super::pyset::{PySet, Uuid};

/// A Python set of ids as Django builds them: CPython's order when every id is an int, or
/// every id is a UUID; otherwise first-seen order (Python randomizes `str` hashes per
/// process, so no order can be reproduced there).
#[derive(Debug, Clone)]
pub enum IdSet {
    Ints(PySet<i64>),
    Uuids(PySet<Uuid>),
    Other(Vec<Yaml>),
}

/// A YAML value as a UUID (its text), if it is one.
fn uuid_of(value: &Yaml) -> Option<Uuid> {
    value.as_str().and_then(Uuid::parse)
}

impl IdSet {
    /// `set()` then one `add` per value, for values a field has prepared (`get_prep_value`):
    /// text that is a UUID is a UUID object.
    pub fn new(values: impl IntoIterator<Item = Yaml>) -> IdSet {
        let values: Vec<Yaml> = values.into_iter().collect();
        if let Some(ints) = values.iter().map(Yaml::as_i64).collect::<Option<Vec<_>>>() {
            return IdSet::Ints(PySet::from_items(ints));
        }
        if let Some(uuids) = values.iter().map(uuid_of).collect::<Option<Vec<_>>>() {
            return IdSet::Uuids(PySet::from_items(uuids));
        }
        IdSet::untyped(values)
    }

    /// A set of values as the caller passed them: ints stay ints, but text stays `str`
    /// (remove() does not convert what it is given), kept in first-seen order.
    pub fn untyped(values: impl IntoIterator<Item = Yaml>) -> IdSet {
        let values: Vec<Yaml> = values.into_iter().collect();
        if let Some(ints) = values.iter().map(Yaml::as_i64).collect::<Option<Vec<_>>>() {
            return IdSet::Ints(PySet::from_items(ints));
        }
        let mut unique: Vec<Yaml> = Vec::new();
        for value in values {
            if !unique.contains(&value) {
                unique.push(value);
            }
        }
        IdSet::Other(unique)
    }

    pub fn items(&self) -> Vec<Yaml> {
        match self {
            IdSet::Ints(set) => set.items().into_iter().map(Yaml::from).collect(),
            IdSet::Uuids(set) => set
                .items()
                .into_iter()
                .map(|u| Yaml::String(u.text()))
                .collect(),
            IdSet::Other(values) => values.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            IdSet::Ints(set) => set.is_empty(),
            IdSet::Uuids(set) => set.is_empty(),
            IdSet::Other(values) => values.is_empty(),
        }
    }

    pub fn contains(&self, value: &Yaml) -> bool {
        match self {
            IdSet::Ints(set) => value.as_i64().is_some_and(|k| set.contains(k)),
            IdSet::Uuids(set) => uuid_of(value).is_some_and(|k| set.contains(k)),
            IdSet::Other(values) => values.contains(value),
        }
    }

    /// `set.remove(value)`.
    pub fn remove(&mut self, value: &Yaml) {
        match self {
            IdSet::Ints(set) => {
                if let Some(key) = value.as_i64() {
                    set.discard(key);
                }
            }
            IdSet::Uuids(set) => {
                if let Some(key) = uuid_of(value) {
                    set.discard(key);
                }
            }
            IdSet::Other(values) => values.retain(|v| v != value),
        }
    }

    /// `set.difference(iterable)`.
    pub fn difference(&self, other: Vec<Yaml>) -> IdSet {
        match self {
            IdSet::Ints(set) => IdSet::Ints(set.difference(other.iter().filter_map(Yaml::as_i64))),
            IdSet::Uuids(set) => IdSet::Uuids(set.difference(other.iter().filter_map(uuid_of))),
            IdSet::Other(values) => IdSet::Other(
                values
                    .iter()
                    .filter(|v| !other.contains(v))
                    .cloned()
                    .collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_text_makes_a_uuid_set_unless_given_raw() {
        let u = |n: u128| Yaml::from(Uuid(n).text());
        let ids = IdSet::new(vec![u(3), u(2)]);
        assert!(matches!(ids, IdSet::Uuids(_)));
        assert!(ids.contains(&u(2)) && !ids.contains(&u(4)));
        assert!(matches!(IdSet::untyped(vec![u(3)]), IdSet::Other(_)));
        assert!(matches!(
            IdSet::untyped(vec![Yaml::from(3)]),
            IdSet::Ints(_)
        ));
        assert_eq!(
            IdSet::new(vec![u(3), u(3)]).difference(vec![u(3)]).items(),
            Vec::<Yaml>::new()
        );
    }
}
