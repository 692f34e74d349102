//! Load-time checks of `models:` among themselves (parents, relation targets, field options,
//! defaults, on_delete values, state machines), and the models Django creates for
//! auto-created many-to-many tables, registered where Django registers them.

use super::error::{suggest, LoadError};
use super::load::Parsed;
use super::models::*;

fn error<T>(parsed: &Parsed<T>, at: &str, message: impl Into<String>) -> LoadError {
    LoadError::new(parsed.locate(at), message)
}

/// Checks the models among themselves: parents, relation targets, field options, defaults
/// and state machines.
pub fn check_models<T>(models: &Models, parsed: &Parsed<T>) -> Result<(), LoadError> {
    let known = || models.keys().map(String::as_str);
    let unknown = |name: &str, at: &str| {
        let mut message = format!("unknown model `{name}`");
        if let Some(s) = suggest(name, known()) {
            message.push_str(&format!(", did you mean `{s}`?"));
        }
        error(parsed, at, message)
    };
    for (name, model) in models {
        let base = format!("models.{name}");
        if let Some(parent) = &model.parent {
            if !models.contains_key(parent) {
                return Err(unknown(parent, &format!("{base}.parent")));
            }
        }
        for (relation, m2m) in &model.many_to_many {
            let at = format!("{base}.many_to_many.{relation}");
            if m2m.to != "self" && !models.contains_key(&m2m.to) {
                return Err(unknown(&m2m.to, &format!("{at}.to")));
            }
            if m2m.symmetrical == Some(true) && m2m.to != "self" && m2m.to != *name {
                return Err(error(
                    parsed,
                    &format!("{at}.symmetrical"),
                    "a symmetrical relation relates a model to itself (`to: self`)",
                ));
            }
            let created = format!("{name}_{relation}");
            if explicit_through(models, name, relation).is_none() && models.contains_key(&created) {
                return Err(error(
                    parsed,
                    &at,
                    format!("model `{created}` clashes with the model Django creates for `{name}.{relation}`"),
                )
                .with_help(format!("to make `{created}` the through model, set `through: {created}`")));
            }
        }
        check_fields(model, &base, parsed)?;
        for (key, action) in &model.on_delete {
            if let OnDelete::Set(value) = action {
                DefaultValue::parse(value)
                    .map_err(|m| error(parsed, &format!("{base}.on_delete.{key}"), m))?;
            }
        }
        if let Some(fsm) = &model.fsm {
            check_fsm(fsm, &base, parsed)?;
        }
    }
    Ok(())
}

/// Field options: each field once; auto_now, auto_now_add and default exclusive (Django's
/// fields.E160); defaults that parse; a default in `fields` or in `defaults`, not both.
fn check_fields<T>(model: &ModelSpec, base: &str, parsed: &Parsed<T>) -> Result<(), LoadError> {
    let fields = model.fields.clone().unwrap_or_default();
    for (i, (field, options)) in fields.fields.iter().enumerate() {
        let at = format!("{base}.{}", fields.path_of(i));
        if fields.names().take(i).any(|n| n == field) {
            return Err(error(
                parsed,
                &at,
                format!("field `{field}` is declared twice"),
            ));
        }
        let exclusive = [
            options.auto_now,
            options.auto_now_add,
            options.default.is_some(),
        ];
        if exclusive.iter().filter(|o| **o).count() > 1 {
            return Err(error(
                parsed,
                &at,
                "The options auto_now, auto_now_add, and default are mutually exclusive. Only one of these options may be present.",
            ));
        }
        if let Some(default) = &options.default {
            DefaultValue::parse(default).map_err(|m| error(parsed, &format!("{at}.default"), m))?;
            if model.defaults.contains_key(field.as_str()) {
                return Err(error(
                    parsed,
                    &format!("{base}.defaults.{field}"),
                    format!("`{field}` has a default in `fields` and another in `defaults`"),
                )
                .with_help("keep one of them"));
            }
        }
    }
    for (key, value) in &model.defaults {
        let key = key.as_str().unwrap_or_default();
        DefaultValue::parse(value)
            .map_err(|m| error(parsed, &format!("{base}.defaults.{key}"), m))?;
    }
    Ok(())
}

fn check_fsm<T>(fsm: &FsmSpec, base: &str, parsed: &Parsed<T>) -> Result<(), LoadError> {
    for (transition, spec) in &fsm.transitions {
        let at = format!("{base}.fsm.transitions.{transition}");
        if let Sources::Many(list) = &spec.source {
            if list.is_empty() {
                return Err(error(
                    parsed,
                    &format!("{at}.source"),
                    "a transition needs at least one source state",
                ));
            }
        }
        if spec.target == "*" || spec.target == "+" {
            return Err(error(
                parsed,
                &format!("{at}.target"),
                "a target is a state, not `*` or `+`",
            ));
        }
    }
    Ok(())
}

/// The table of a model as declared (default: the name in snake case).
pub fn table_of(name: &str, spec: &ModelSpec) -> String {
    spec.table.clone().unwrap_or_else(|| snake_case(name))
}

/// `BlogEntry` -> `blog_entry`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// The join table of a relation: `through:` (a table, or a model's name), else
/// `<table>_<relation>` as Django names auto-created tables.
pub fn join_table(models: &Models, owner: &str, relation: &str) -> String {
    let spec = &models[owner];
    match spec.many_to_many[relation].through.as_deref() {
        Some(through) => match models.get(through) {
            Some(model) => table_of(through, model),
            None => through.to_string(),
        },
        None => format!("{}_{relation}", table_of(owner, spec)),
    }
}

/// The declared model whose table is a relation's join table (Django's `through=`), if any.
pub fn explicit_through(models: &Models, owner: &str, relation: &str) -> Option<String> {
    let table = join_table(models, owner, relation);
    models
        .iter()
        .find(|(n, m)| m.auto_created.is_none() && table_of(n, m) == table)
        .map(|(name, _)| name.clone())
}

/// The models with `to: self` resolved and, before each, the models Django creates for its many-to-many relations
/// that have no `through` model: Django builds those while it builds the owner's class, so
/// they are registered just before it (their reverse relations come first).
pub fn add_auto_created(mut models: Models) -> Models {
    // `to: self` is the model itself, and makes the relation symmetrical by default.
    for (name, spec) in models.iter_mut() {
        for m2m in spec.many_to_many.values_mut() {
            let to_self = m2m.to == "self";
            m2m.symmetrical = Some(m2m.symmetrical.unwrap_or(to_self));
            if to_self {
                m2m.to = name.clone();
            }
        }
    }
    let mut out = Models::new();
    for (name, spec) in &models {
        for relation in spec.many_to_many.keys() {
            if explicit_through(&models, name, relation).is_some() {
                continue;
            }
            let created = ModelSpec {
                table: Some(join_table(&models, name, relation)),
                location: spec.location.clone(),
                auto_created: Some((name.clone(), relation.clone())),
                ..ModelSpec::default()
            };
            out.insert(format!("{name}_{relation}"), created);
        }
        out.insert(name.clone(), spec.clone());
    }
    out
}

/// `Owner.relation.through`: the through model of a relation, or why there is none. `None`
/// when the name does not have that form.
pub fn through_model(models: &Models, name: &str) -> Option<Result<String, String>> {
    let parts: Vec<&str> = name.split('.').collect();
    let [owner, relation, "through"] = parts.as_slice() else {
        return None;
    };
    let Some(spec) = models.get(*owner) else {
        let mut message = format!("unknown model `{owner}`");
        if let Some(s) = suggest(owner, models.keys().map(String::as_str)) {
            message.push_str(&format!(", did you mean `{s}`?"));
        }
        return Some(Err(message));
    };
    if !spec.many_to_many.contains_key(*relation) {
        let mut message = format!("model `{owner}` has no many-to-many relation `{relation}`");
        if let Some(s) = suggest(relation, spec.many_to_many.keys().map(String::as_str)) {
            message.push_str(&format!(", did you mean `{s}`?"));
        }
        return Some(Err(message));
    }
    Some(Ok(
        explicit_through(models, owner, relation).unwrap_or_else(|| format!("{owner}_{relation}"))
    ))
}

/// The reverse manager's name of a relation on its target model: `related_name`, else
/// `<owner in lower case>_set`; none for `+` (or a name ending in `+`) and for a symmetrical
/// relation, as in Django.
pub fn reverse_name(owner: &str, spec: &ManyToManySpec) -> Option<String> {
    if spec.symmetrical == Some(true) {
        return None;
    }
    match &spec.related_name {
        Some(name) if name.ends_with('+') => None,
        Some(name) => Some(name.clone()),
        None => Some(format!("{}_set", owner.to_lowercase())),
    }
}

/// A many-to-many manager of a model: its own relation (`entry.authors`) or the reverse
/// manager of another model's relation to it (`author.entry_set`): (owner, relation,
/// reverse).
pub fn find_relation(models: &Models, model: &str, name: &str) -> Option<(String, String, bool)> {
    if models.get(model)?.many_to_many.contains_key(name) {
        return Some((model.to_string(), name.to_string(), false));
    }
    models.iter().find_map(|(owner, spec)| {
        spec.many_to_many.iter().find_map(|(relation, m2m)| {
            let reverse = m2m.to == model && reverse_name(owner, m2m).as_deref() == Some(name);
            reverse.then(|| (owner.clone(), relation.clone(), true))
        })
    })
}

/// Whether `name` may be the manager of a foreign key to some model (`entry_set`, or a
/// declared `related_name`): which keys there are only the catalog says, when the spec is
/// planned.
pub fn maybe_reverse_key(models: &Models, name: &str) -> bool {
    models.iter().any(|(model, spec)| {
        name == format!("{}_set", model.to_lowercase())
            || spec.fields.as_ref().is_some_and(|list| {
                list.fields
                    .iter()
                    .any(|(_, field)| field.related_name.as_deref() == Some(name))
            })
    })
}

/// The names of the many-to-many managers a model has, forward then reverse (for messages).
pub fn manager_names(models: &Models, model: &str) -> Vec<String> {
    let mut names: Vec<String> = models
        .get(model)
        .map(|m| m.many_to_many.keys().cloned().collect())
        .unwrap_or_default();
    for (owner, spec) in models {
        for m2m in spec.many_to_many.values() {
            if m2m.to == model {
                names.extend(reverse_name(owner, m2m));
            }
        }
    }
    names
}
