//! The reverse relations the delete collector follows: every foreign key of a model (join
//! tables are models too) that points at a model's table, with its Django `on_delete`, in
//! Django's order: the models' registration order, then each model's field order.

use super::model::Registry;
use super::resolve::ResolveError;
use crate::db::catalog::Catalog;
use crate::spec::{Models, OnDelete};

/// A foreign key of a model to a model: one of Django's reverse relations of the latter, as
/// the delete collector follows them.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The model whose table holds the key (an auto-created through model for a join table).
    pub model: String,
    pub table: String,
    pub column: String,
    /// The field name Django reports (`blog` for `blog_id`).
    pub name: String,
    /// The referenced model and column.
    pub to: String,
    pub to_column: String,
    pub nullable: bool,
    pub on_delete: OnDelete,
    /// A multi-table inheritance link (the child's primary key to its parent).
    pub parent_link: bool,
    /// The name filters on the referenced model use for this relation
    /// (`related_query_name`): its related_name, else the model's name in lower case; none
    /// for a related_name ending in `+`.
    pub query_name: Option<String>,
}

/// The foreign keys of the models that point at a model's table, with their `on_delete`:
/// the model's `on_delete` entry; else SET_NULL if the database says ON DELETE SET NULL
/// (and the column is nullable); else CASCADE (Django's default choice, and what
/// auto-created join tables use).
pub(super) fn references(
    models: &Models,
    catalog: &Catalog,
    registry: &Registry,
) -> Result<Vec<Reference>, ResolveError> {
    let model_of_table = |table: &str| {
        registry
            .models
            .values()
            .find(|m| m.table == table)
            .map(|m| m.name.clone())
    };
    let mut out = Vec::new();
    for (name, spec) in models {
        let model = registry.model(name);
        let table = &catalog.tables[&model.table];
        let mut declared = Vec::new();
        for (key, action) in &spec.on_delete {
            let fail = |message: String| ResolveError {
                model: name.clone(),
                entry: Some(format!("on_delete.{key}")),
                message,
            };
            let field = model
                .field(key)
                .map_err(|m| fail(format!("`on_delete`: {m}")))?;
            let Some(fk) = table.foreign_key(&field.column) else {
                return Err(fail(format!(
                    "`on_delete` names `{key}`, which is not a foreign key"
                )));
            };
            if *action == OnDelete::SetNull && field.not_null {
                return Err(fail(format!(
                    "`{key}` is SET_NULL but `{}`.`{}` is NOT NULL (Django: fields.E320)",
                    table.name, fk.column
                )));
            }
            if *action == OnDelete::SetDefault && field.default.is_none() {
                return Err(fail(format!(
                    "`{key}` is SET_DEFAULT but has no default (Django: fields.E321)"
                )));
            }
            declared.push((field.column.clone(), action.clone()));
        }
        for field in &model.fields {
            let Some(fk) = table.foreign_key(&field.column) else {
                continue;
            };
            let Some(to) = model_of_table(&fk.table) else {
                continue;
            };
            let declared = declared
                .iter()
                .find(|(column, _)| *column == field.column)
                .map(|(_, action)| action.clone());
            let on_delete = declared.unwrap_or(match fk.on_delete {
                'n' if model.auto_created.is_none() && !field.not_null => OnDelete::SetNull,
                _ => OnDelete::Cascade,
            });
            out.push(Reference {
                model: name.clone(),
                table: model.table.clone(),
                column: field.column.clone(),
                name: field.name.clone(),
                parent_link: model.parent.as_deref() == Some(to.as_str())
                    && model.pk == field.column,
                to,
                to_column: fk.references.clone(),
                nullable: !field.not_null,
                on_delete,
                // An auto-created through model's keys are hidden (`related_name="...+"`).
                query_name: match &field.related_name {
                    _ if model.auto_created.is_some() => None,
                    Some(n) if n.ends_with('+') => None,
                    Some(n) => Some(n.clone()),
                    None => Some(name.to_lowercase()),
                },
            });
        }
    }
    Ok(out)
}
