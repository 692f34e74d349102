//! Django's select mask (`Query.get_select_mask`): what only() and defer() leave of a model
//! and of the models its foreign keys reach, by field name, so that `category__name` names
//! Category's `name` and not the model's own. The compiler takes a model's columns, and its
//! select_related models', through it.

use super::select::Deferral;
use crate::orm::{Field, Registry};

/// The fields kept of a model, each with the mask of the model it leads to. No fields:
/// every field (Django's empty mask).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mask {
    pub fields: Vec<(String, Mask)>,
}

impl Mask {
    /// Every field.
    pub fn all() -> Mask {
        Mask::default()
    }

    /// Whether the mask keeps `field` (an empty mask keeps everything).
    pub fn keeps(&self, field: &str) -> bool {
        self.fields.is_empty() || self.fields.iter().any(|(n, _)| n == field)
    }

    /// The mask under `field`: what is kept of the model it reaches.
    pub fn under(&self, field: &str) -> Mask {
        self.fields
            .iter()
            .find(|(n, _)| n == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }

    /// `a__b` paths as a tree of names (`{a: {b: {}}}`), as `get_select_mask` and
    /// `add_select_related` split them.
    pub fn from_paths<'a>(paths: impl IntoIterator<Item = &'a String>) -> Mask {
        let mut tree = Mask::default();
        for path in paths {
            let mut node = &mut tree;
            for part in path.split("__") {
                node = node.entry(part);
            }
        }
        tree
    }

    /// The mask under `name`, made empty when missing (`setdefault(name, {})`).
    fn entry(&mut self, name: &str) -> &mut Mask {
        let at = match self.fields.iter().position(|(n, _)| n == name) {
            Some(at) => at,
            None => {
                self.fields.push((name.to_string(), Mask::default()));
                self.fields.len() - 1
            }
        };
        &mut self.fields[at].1
    }

    /// Takes the subtree named `name`, if the tree has it.
    fn take(&mut self, name: &str) -> Option<Mask> {
        let at = self.fields.iter().position(|(n, _)| n == name)?;
        Some(self.fields.remove(at).1)
    }
}

/// `_get_only_select_mask`: the primary key, the fields named, and under a foreign key
/// named with more (`category__name`) the only-mask of its model.
pub fn only_mask(registry: &Registry, model: &str, names: &Mask) -> Result<Mask, String> {
    let mut mask = Mask::default();
    only_into(registry, model, names, &mut mask)?;
    Ok(mask)
}

fn only_into(
    registry: &Registry,
    model: &str,
    names: &Mask,
    mask: &mut Mask,
) -> Result<(), String> {
    mask.entry(&registry.model(model).pk_field().name.clone());
    for (name, below) in &names.fields {
        let field = registry.field_of(model, name)?.clone();
        let entry = mask.entry(&field.name);
        if !below.fields.is_empty() {
            let target = related_model(&field, below)?;
            only_into(registry, &target, below, entry)?;
        }
    }
    Ok(())
}

/// `_get_defer_select_mask`: every concrete field (ancestors' first) but those named, the
/// primary key always; under a foreign key named with more (`category__name`) the
/// defer-mask of its model. Many-to-many names are accepted and ignored, as Django does.
pub fn defer_mask(registry: &Registry, model: &str, names: &Mask) -> Result<Mask, String> {
    let mut names = names.clone();
    let mut mask = Mask::default();
    mask.entry(&registry.model(model).pk_field().name.clone());
    for owner in registry.chain(model) {
        for field in &owner.fields {
            let by_name = names.take(&field.name);
            let by_attname = names.take(&field.attname);
            match by_name.or(by_attname) {
                None => {
                    mask.entry(&field.name);
                }
                Some(below) if !below.fields.is_empty() => {
                    let target = related_model(field, &below)?;
                    *mask.entry(&field.name) = defer_mask(registry, &target, &below)?;
                }
                Some(_) => {}
            }
        }
    }
    let many_to_many = |name: &str| {
        registry
            .chain(model)
            .iter()
            .any(|m| m.many_to_many.contains_key(name))
    };
    for (name, _) in &names.fields {
        if !many_to_many(name) {
            registry.field_of(model, name)?;
        }
    }
    Ok(mask)
}

/// The model a foreign key reaches, for names that go on through it; Django's FieldError
/// (naming the next name) when the field is not a relation.
fn related_model(field: &Field, below: &Mask) -> Result<String, String> {
    field
        .related_model
        .clone()
        .filter(|_| field.is_relation)
        .ok_or_else(|| {
            let next = below.fields.first().map_or("", |(n, _)| n.as_str());
            format!("FieldError: {next}")
        })
}

/// `get_select_mask`: the mask only() or defer() give the query's model (empty without
/// them).
pub fn select_mask(registry: &Registry, model: &str, deferral: &Deferral) -> Result<Mask, String> {
    match deferral {
        Deferral::None => Ok(Mask::all()),
        Deferral::Only(names) => only_mask(registry, model, &Mask::from_paths(names)),
        Deferral::Defer(names) => defer_mask(registry, model, &Mask::from_paths(names)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_a_tree_and_an_empty_mask_keeps_everything() {
        let paths = ["sku", "category__name", "category__parent"].map(String::from);
        let tree = Mask::from_paths(&paths);
        let names: Vec<&str> = tree.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sku", "category"]);
        assert!(tree.under("category").keeps("parent"));
        assert!(!tree.under("category").keeps("id"));
        assert!(tree.under("sku").keeps("anything"));
        assert!(!tree.keeps("name"));
    }
}
