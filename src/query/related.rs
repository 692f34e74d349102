//! The columns a query selects for models: Django's `get_default_columns` (a model's
//! fields, ancestors' first, each ancestor's table joined only when one of its fields is
//! kept) and `get_related_selections` (the select_related models, walked in the order the
//! fields are declared, each model's columns before those of the models it leads to).

use std::sync::Arc;

use super::joins::{JoinKind, JoinOn};
use super::mask::Mask;
use super::path::resolve;
use super::select::{Query, Segment};
use crate::orm::{Field, Model};

impl Query {
    /// The columns Django selects for a model at `alias`: its ancestors' first (their
    /// tables joined INNER by the parent links as a field of theirs is kept), then its
    /// own, those the mask keeps.
    pub fn model_columns(
        &mut self,
        model: &str,
        alias: &str,
        mask: &Mask,
    ) -> Vec<(String, String)> {
        let registry = Arc::clone(&self.registry);
        let chain = registry.chain(model);
        // The alias of each model of the chain once joined (`seen_models`), root first.
        let mut joined: Vec<Option<String>> = vec![None; chain.len()];
        joined[chain.len() - 1] = Some(alias.to_string());
        let mut out = Vec::new();
        for (depth, owner) in chain.iter().enumerate() {
            for field in owner.fields.iter().filter(|f| mask.keeps(&f.name)) {
                let table_alias = self.join_ancestor(&chain, &mut joined, depth);
                out.push((table_alias, field.column.clone()));
            }
        }
        out
    }

    /// `join_parent_model`: the alias of `chain[depth]`, joining the parent links down
    /// from the model (the chain's last) as far as needed.
    fn join_ancestor(
        &mut self,
        chain: &[&Model],
        joined: &mut [Option<String>],
        depth: usize,
    ) -> String {
        let mut level = chain.len() - 1;
        while level > depth {
            if joined[level - 1].is_none() {
                let (child, parent) = (chain[level], chain[level - 1]);
                let on = JoinOn {
                    parent: joined[level].clone().unwrap_or_default(),
                    columns: (child.pk.clone(), parent.pk.clone()),
                    relation: format!("{}.{}_ptr", child.name, parent.name.to_lowercase()),
                    kind: JoinKind::Inner,
                    nullable: false,
                    multi: false,
                };
                joined[level - 1] = Some(self.aliases.join(&parent.table, on, None));
            }
            level -= 1;
        }
        joined[depth].clone().unwrap_or_default()
    }

    /// The select_related models of the query, as segments in the order Django selects
    /// them: field declaration order, depth first. `mask` is the base model's select mask.
    pub(super) fn related_selections(&mut self, mask: &Mask) -> Result<Vec<Segment>, String> {
        let requested = Mask::from_paths(&self.select_related);
        let mut segments = Vec::new();
        let (model, base) = (self.model.clone(), self.aliases.base().to_string());
        match self.select_related_all && self.select_related.is_empty() {
            true => self.descend_all(&model, &base, "", 1, &mut segments)?,
            false => self.descend(&model, &base, mask, &requested, "", &mut segments)?,
        }
        Ok(segments)
    }

    /// One level of `get_related_selections` unrestricted (`select_related()`): every
    /// forward key that is not null and not a parent link, down to Django's `max_depth` (5).
    fn descend_all(
        &mut self,
        model: &str,
        alias: &str,
        prefix: &str,
        depth: usize,
        segments: &mut Vec<Segment>,
    ) -> Result<(), String> {
        const MAX_DEPTH: usize = 5;
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let registry = Arc::clone(&self.registry);
        let declared = declared_fields(&registry, model);
        for (owner, field) in declared {
            let Some(target) = field.related_model.clone() else {
                continue;
            };
            if !field.is_relation || !field.not_null || is_parent_link(owner, field) {
                continue;
            }
            let (joined, path) =
                self.select_relation(model, alias, field, &Mask::all(), prefix, segments)?;
            self.descend_all(&target, &joined, &path, depth + 1, segments)?;
        }
        Ok(())
    }

    /// One level of `get_related_selections` (restricted: only the names requested).
    fn descend(
        &mut self,
        model: &str,
        alias: &str,
        mask: &Mask,
        requested: &Mask,
        prefix: &str,
        segments: &mut Vec<Segment>,
    ) -> Result<(), String> {
        let registry = Arc::clone(&self.registry);
        let declared = declared_fields(&registry, model);
        let invalid: Vec<&String> = requested
            .fields
            .iter()
            .map(|(name, _)| name)
            .filter(|name| {
                !declared
                    .iter()
                    .any(|(_, f)| &f.name == *name && f.is_relation)
            })
            .collect();
        if !invalid.is_empty() {
            return Err(invalid_select_related(&registry, model, &declared, invalid));
        }
        for (owner, field) in declared {
            let Some(next) = requested.fields.iter().find(|(n, _)| n == &field.name) else {
                continue;
            };
            let Some(target) = field.related_model.clone().filter(|_| field.is_relation) else {
                return Err(format!(
                    "select_related: `{}` is not a foreign key",
                    field.name
                ));
            };
            // A parent link is always joined already, never descended.
            if is_parent_link(owner, field) {
                continue;
            }
            if !mask.keeps(&field.name) {
                return Err(format!(
                    "FieldError: Field {}.{} cannot be both deferred and traversed using select_related at the same time.",
                    owner.name, field.name
                ));
            }
            let related_mask = mask.under(&field.name);
            let (joined, path) =
                self.select_relation(model, alias, field, &related_mask, prefix, segments)?;
            self.descend(&target, &joined, &related_mask, &next.1, &path, segments)?;
        }
        Ok(())
    }

    /// One select_related key: joined from `alias`, its model's columns (those `mask` keeps)
    /// a segment under its path; the alias it reached and that path.
    fn select_relation(
        &mut self,
        model: &str,
        alias: &str,
        field: &Field,
        mask: &Mask,
        prefix: &str,
        segments: &mut Vec<Segment>,
    ) -> Result<(String, String), String> {
        let target = field.related_model.clone().unwrap_or_default();
        let joined = self.join_relation(model, alias, &field.name)?;
        let columns = self.model_columns(&target, &joined, mask);
        let path = match prefix {
            "" => field.name.clone(),
            _ => format!("{prefix}__{}", field.name),
        };
        segments.push(Segment {
            path: path.clone(),
            model: target,
            columns,
            at: 0,
        });
        Ok((joined, path))
    }

    /// `setup_joins([name], opts, alias)`: the joins of one foreign key from `alias`, through
    /// the parent links when an ancestor declares it; the alias it reaches.
    fn join_relation(&mut self, model: &str, alias: &str, name: &str) -> Result<String, String> {
        let registry = Arc::clone(&self.registry);
        let path = resolve(&registry, model, &[name])?;
        let mut current = alias.to_string();
        for step in &path.steps {
            current = self
                .aliases
                .join(&step.table, super::filter::join_on(&current, step), None);
        }
        Ok(current)
    }
}

/// Django's FieldError for names select_related cannot follow (`category_id`, a field
/// that is not a key), with its choices: the forward keys, then the reverse one-to-ones.
fn invalid_select_related(
    registry: &crate::orm::Registry,
    model: &str,
    declared: &[(&Model, &Field)],
    mut invalid: Vec<&String>,
) -> String {
    invalid.sort();
    let names: Vec<String> = invalid.iter().map(|n| format!("'{n}'")).collect();
    let mut choices: Vec<String> = declared
        .iter()
        .filter(|(_, f)| f.is_relation)
        .map(|(_, f)| f.name.clone())
        .collect();
    choices.extend(
        registry
            .models
            .values()
            .filter(|m| m.parent.as_deref() == Some(model))
            .map(|m| m.name.to_lowercase()),
    );
    let choices = match choices.is_empty() {
        true => "(none)".to_string(),
        false => choices.join(", "),
    };
    format!(
        "FieldError: Invalid field name(s) given in select_related: {}. Choices are: {choices}",
        names.join(", ")
    )
}

/// `opts.fields`: the ancestors' first, each with the model that declares it.
fn declared_fields<'r>(
    registry: &'r crate::orm::Registry,
    model: &str,
) -> Vec<(&'r Model, &'r Field)> {
    registry
        .chain(model)
        .into_iter()
        .flat_map(|m| m.fields.iter().map(move |f| (m, f)))
        .collect()
}

/// A child's link to its parent (`product_ptr`): its primary key, pointing at the parent.
pub(super) fn is_parent_link(model: &Model, field: &Field) -> bool {
    field.column == model.pk && model.parent.is_some() && field.related_model == model.parent
}
