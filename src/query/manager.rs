//! Related managers as querysets: `blog.entry_set`, `entry.authors`, `author.entry_set`.
//! Django's manager starts from the related model filtered on the object (its
//! `core_filters`): a reverse key by the key (`Entry.objects.filter(blog=blog)`), a
//! many-to-many by the relation back (`Author.objects.filter(entry=entry)`, through the join
//! table).

use serde_yaml::{Mapping, Value as Yaml};

use crate::orm::Registry;
use crate::spec::Q;

/// A related manager as a queryset's start.
#[derive(Debug, Clone)]
pub struct Manager {
    /// The model it returns.
    pub target: String,
    /// Its `core_filters`, on the object.
    pub core: Q,
    /// A many-to-many manager: Django's `_next_is_sticky()` lets the next filter() reuse
    /// the join the core filter made.
    pub sticky: bool,
}

/// The manager of `model` named `name`, on the object whose primary key is `pk`.
pub fn manager_filter(
    registry: &Registry,
    model: &str,
    name: &str,
    pk: Yaml,
) -> Result<Manager, String> {
    let (target, key, sticky) = target_and_key(registry, model, name)?;
    let mut filter = Mapping::new();
    filter.insert(Yaml::String(key), pk);
    Ok(Manager {
        target,
        core: Q::from_mapping(&filter)?,
        sticky,
    })
}

fn target_and_key(
    registry: &Registry,
    model: &str,
    name: &str,
) -> Result<(String, String, bool), String> {
    if !registry.models.contains_key(model) {
        return Err(format!("`{name}`: the instance's model is not known"));
    }
    // The model's own managers, then those it inherits (its primary key is its parents').
    let mut models = vec![model.to_string()];
    models.extend(registry.ancestors(model).iter().map(|m| m.name.clone()));
    for owner in &models {
        if let Some(found) = own_manager(registry, owner, name) {
            return Ok(found);
        }
    }
    let mut message = format!("model `{model}` has no related manager `{name}`");
    let known = managers(registry, model);
    if let Some(s) = crate::spec::suggest(name, known.iter().map(String::as_str)) {
        message.push_str(&format!(", did you mean `{s}`?"));
    }
    Err(message)
}

/// A manager `model` itself declares or is the target of.
fn own_manager(registry: &Registry, model: &str, name: &str) -> Option<(String, String, bool)> {
    let own = registry.model(model);
    if let Some(m2m) = own.many_to_many.get(name) {
        let back = m2m
            .query_name
            .clone()
            .unwrap_or_else(|| model.to_lowercase());
        return Some((m2m.to.clone(), back, true));
    }
    for owner in registry.models.values() {
        for (relation, m2m) in &owner.many_to_many {
            if m2m.to == model && m2m.related_name.as_deref() == Some(name) {
                return Some((owner.name.clone(), relation.clone(), true));
            }
        }
    }
    for r in registry.references.iter().filter(|r| r.to == model) {
        if let Some((accessor, field)) = registry.reverse_accessor(r) {
            if accessor == name {
                return Some((r.model.clone(), field.name.clone(), false));
            }
        }
    }
    None
}

/// The names of a model's related managers, for suggestions.
fn managers(registry: &Registry, model: &str) -> Vec<String> {
    let mut out: Vec<String> = registry.model(model).many_to_many.keys().cloned().collect();
    for owner in registry.models.values() {
        for m2m in owner.many_to_many.values() {
            if m2m.to == model {
                out.extend(m2m.related_name.clone());
            }
        }
    }
    for r in registry.references.iter().filter(|r| r.to == model) {
        out.extend(registry.reverse_accessor(r).map(|(name, _)| name));
    }
    out
}
