//! Django's `names_to_path`: a lookup key's names (`blog__name`, `authors__email`,
//! `entry__headline`, `pk`) followed through the models to a field, as the steps of joins
//! they need: forward keys, reverse keys, many-to-many (through the join table), and the
//! parent links of multi-table inheritance.

use crate::orm::{Field, Model, Registry};
use crate::spec::suggest;

/// One join a path needs: from the current table to `table`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub table: String,
    /// (column of the table joined from, column of `table`).
    pub columns: (String, String),
    /// Which relation (two paths through the same relation share their joins).
    pub relation: String,
    /// A forward key or parent link (Django trims only these from the end of a path).
    pub direct: bool,
    pub nullable: bool,
    /// Reverse keys and many-to-many: several rows per row.
    pub multi: bool,
    /// The model the join reaches.
    pub model: String,
}

/// A path resolved: its joins, the field reached, and the names left (transforms, lookup).
#[derive(Debug, Clone)]
pub struct Path {
    pub steps: Vec<Step>,
    pub model: String,
    pub field: Field,
    pub rest: Vec<String>,
    /// The last step is the join of the foreign key `field` itself, which Django makes
    /// (`path_infos`) and trims at once: it keeps its alias number and is not written.
    pub key_join: bool,
}

/// Follows `parts` from `model`. A relation named last (`blog`, `authors`, `entry`) stands
/// for the primary key of the model it reaches.
pub fn resolve(registry: &Registry, model: &str, parts: &[&str]) -> Result<Path, String> {
    let mut current = model.to_string();
    let mut steps: Vec<Step> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let part = parts[i];
        let more = i + 1 < parts.len()
            && is_name(
                registry,
                &related_target(registry, &current, part),
                parts[i + 1],
            );
        if let Some((field, links)) = own_field(registry, &current, part) {
            steps.extend(links);
            if field.is_relation && more {
                if let Some(target) = &field.related_model {
                    steps.push(key_step(registry, &current, &field, target));
                    current = target.clone();
                    i += 1;
                    continue;
                }
            }
            // `blog__nam`: neither a field of Blog nor a lookup: say what Blog has.
            if let (true, Some(next), Some(target)) =
                (field.is_relation, parts.get(i + 1), &field.related_model)
            {
                let lookup = crate::query::lookup::Lookup::named(next).is_some()
                    || crate::query::lookup::Transform::named(next).is_some();
                if !lookup {
                    return Err(unknown(registry, target, next));
                }
            }
            let owner = steps.last().map_or(current.clone(), |s| s.model.clone());
            let key_join = match (&field.related_model, field.is_relation) {
                (Some(target), true) => {
                    steps.push(key_step(registry, &current, &field, target));
                    true
                }
                _ => false,
            };
            return Ok(Path {
                steps,
                model: owner,
                field,
                rest: parts[i + 1..].iter().map(|p| p.to_string()).collect(),
                key_join,
            });
        }
        if let Some(relation_steps) = relation(registry, &current, part) {
            let target = relation_steps
                .last()
                .map(|s| s.model.clone())
                .unwrap_or_default();
            steps.extend(relation_steps);
            current = target;
            if more {
                i += 1;
                continue;
            }
            // The relation itself stands for the primary key it reaches.
            let field = registry.model(&current).pk_field().clone();
            return Ok(Path {
                steps,
                model: current,
                field,
                rest: parts[i + 1..].iter().map(|p| p.to_string()).collect(),
                key_join: false,
            });
        }
        return Err(unknown(registry, &current, part));
    }
    Err("an empty lookup".to_string())
}

/// The join a forward key makes from `model` to its target.
fn key_step(registry: &Registry, model: &str, field: &Field, target: &str) -> Step {
    let to = registry.model(target);
    Step {
        table: to.table.clone(),
        columns: (
            field.column.clone(),
            field
                .related_column
                .clone()
                .unwrap_or_else(|| to.pk.clone()),
        ),
        relation: format!("{model}.{}", field.name),
        direct: true,
        nullable: !field.not_null,
        multi: false,
        model: target.to_string(),
    }
}

/// The model a name reaches from `model`, if the name is a relation (for telling a field of
/// the next model from a lookup in `blog__name` against `blog__in`).
fn related_target(registry: &Registry, model: &str, name: &str) -> Option<String> {
    if let Some((field, _)) = own_field(registry, model, name) {
        return field.related_model.clone();
    }
    relation(registry, model, name).and_then(|steps| steps.last().map(|s| s.model.clone()))
}

/// Whether `name` is a field or relation of `model` (so the path goes on through it).
fn is_name(registry: &Registry, model: &Option<String>, name: &str) -> bool {
    let Some(model) = model else { return false };
    name == "pk"
        || own_field(registry, model, name).is_some()
        || relation(registry, model, name).is_some()
}

/// A concrete field of the model or an ancestor, with the parent-link joins that reach an
/// ancestor's table.
fn own_field(registry: &Registry, model: &str, name: &str) -> Option<(Field, Vec<Step>)> {
    let own = registry.model(model);
    if let Ok(field) = own.field(name) {
        return Some((field.clone(), Vec::new()));
    }
    let mut links = Vec::new();
    let mut child = own;
    for parent in registry.ancestors(model) {
        links.push(parent_link(child, parent));
        if let Ok(field) = parent.field(name) {
            return Some((field.clone(), links));
        }
        child = parent;
    }
    None
}

/// A relation that is not a concrete field, of the model or inherited from an ancestor
/// (`DigitalProduct.tags` is Product's, reached through the parent link first).
fn relation(registry: &Registry, model: &str, name: &str) -> Option<Vec<Step>> {
    if let Some(steps) = own_relation(registry, model, name) {
        return Some(steps);
    }
    let mut links = Vec::new();
    let mut child = registry.model(model);
    for parent in registry.ancestors(model) {
        links.push(parent_link(child, parent));
        if let Some(steps) = own_relation(registry, &parent.name, name) {
            links.extend(steps);
            return Some(links);
        }
        child = parent;
    }
    None
}

/// The join from a model's table to its parent's (multi-table inheritance).
fn parent_link(child: &Model, parent: &Model) -> Step {
    Step {
        table: parent.table.clone(),
        columns: (child.pk.clone(), parent.pk.clone()),
        relation: format!("{}.{}_ptr", child.name, parent.name.to_lowercase()),
        direct: true,
        nullable: false,
        multi: false,
        model: parent.name.clone(),
    }
}

/// A relation of the model itself: many-to-many (forward or reverse) and reverse foreign
/// keys, as the joins they need.
fn own_relation(registry: &Registry, model: &str, name: &str) -> Option<Vec<Step>> {
    let own = registry.model(model);
    let pk = own.pk.clone();
    if let Some(m2m) = own.many_to_many.get(name) {
        let target = registry.model(&m2m.to);
        let through = (&m2m.through, &m2m.source_column, &m2m.target_column);
        return Some(m2m_steps(
            registry,
            pk,
            through,
            target,
            format!("{model}.{name}"),
        ));
    }
    for owner in registry.models.values() {
        for (relation, m2m) in &owner.many_to_many {
            if m2m.to == model && m2m.query_name.as_deref() == Some(name) {
                let through = (&m2m.through, &m2m.target_column, &m2m.source_column);
                let key = format!("{}.{relation}+", owner.name);
                return Some(m2m_steps(registry, pk, through, owner, key));
            }
        }
    }
    let reference = registry
        .references
        .iter()
        .find(|r| r.to == model && r.query_name.as_deref() == Some(name))?;
    Some(vec![Step {
        table: reference.table.clone(),
        columns: (reference.to_column.clone(), reference.column.clone()),
        relation: format!("{}.{}+", reference.model, reference.name),
        direct: false,
        nullable: true,
        // A parent's link to its child (`product.digitalproduct`) is one-to-one.
        multi: !reference.parent_link,
        model: reference.model.clone(),
    }])
}

/// The two joins of a many-to-many relation: into the through table by `near` column, then
/// from its `far` column to the model at the other end. `through` is (table, near, far).
fn m2m_steps(
    registry: &Registry,
    pk: String,
    (table, near, far): (&String, &String, &String),
    target: &Model,
    relation: String,
) -> Vec<Step> {
    vec![
        Step {
            table: table.clone(),
            columns: (pk, near.clone()),
            relation: relation.clone(),
            direct: false,
            nullable: true,
            multi: true,
            model: through_model(registry, table),
        },
        Step {
            table: target.table.clone(),
            columns: (far.clone(), target.pk.clone()),
            relation,
            direct: true,
            nullable: false,
            multi: true,
            model: target.name.clone(),
        },
    ]
}

fn through_model(registry: &Registry, table: &str) -> String {
    registry
        .models
        .values()
        .find(|m| m.table == table)
        .map_or_else(|| table.to_string(), |m| m.name.clone())
}

/// "Cannot resolve keyword 'x' into field", with the names the model has.
fn unknown(registry: &Registry, model: &str, name: &str) -> String {
    let own = registry.model(model);
    let mut names: Vec<String> = own.fields.iter().map(|f| f.name.clone()).collect();
    names.extend(own.many_to_many.keys().cloned());
    names.extend(
        registry
            .references
            .iter()
            .filter(|r| r.to == model)
            .filter_map(|r| r.query_name.clone()),
    );
    for owner in registry.models.values() {
        for m2m in owner.many_to_many.values() {
            if m2m.to == model {
                names.extend(m2m.query_name.clone());
            }
        }
    }
    // Hidden reverse relations are Django's own.
    names.retain(|n| !n.ends_with('+'));
    names.sort();
    names.dedup();
    let mut message = format!("model `{model}` has no field or relation `{name}`");
    match suggest(name, names.iter().map(String::as_str)) {
        Some(s) => message.push_str(&format!(", did you mean `{s}`?")),
        None => message.push_str(&format!(" (choices: {})", names.join(", "))),
    }
    message
}
