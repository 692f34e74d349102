//! The reverse relations the delete collector follows: every foreign key of the spec's tables
//! (models' tables and join tables) that points at a model's table, with its Django
//! `on_delete`, read once when the models are resolved against the catalog.

use std::collections::BTreeMap;

use super::model::Registry;
use crate::db::catalog::{Catalog, Table};
use crate::spec::{ModelSpec, OnDelete};

/// A foreign key of one of the spec's tables (a model's or a join table) to a model's table:
/// one of Django's reverse relations of that model, as the delete collector follows them.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The model whose table holds the key; `None` for an auto-created join table.
    pub model: Option<String>,
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
}

/// The foreign keys of the spec's tables that point at a model's table, with their
/// `on_delete`: the model's `on_delete` entry; else SET_NULL if the database says ON DELETE
/// SET NULL; else CASCADE (Django's default choice, and what auto-created join tables use).
pub(super) fn references(
    models: &BTreeMap<String, ModelSpec>,
    catalog: &Catalog,
    registry: &Registry,
) -> Result<Vec<Reference>, String> {
    let model_of_table = |table: &str| {
        registry
            .models
            .values()
            .find(|m| m.table == table)
            .map(|m| m.name.clone())
    };
    for (name, spec) in models {
        let model = registry.model(name);
        let table = &catalog.tables[&model.table];
        for (key, action) in &spec.on_delete {
            let field = model
                .field(key)
                .map_err(|m| format!("model `{name}`: `on_delete`: {m}"))?;
            let Some(fk) = table.foreign_key(&field.column) else {
                return Err(format!(
                    "model `{name}`: `on_delete` names `{key}`, which is not a foreign key"
                ));
            };
            if *action == OnDelete::SetNull && field.not_null {
                return Err(format!(
                    "model `{name}`: `{key}` is SET_NULL but `{}`.`{}` is NOT NULL (Django: fields.E320)",
                    table.name, fk.column
                ));
            }
        }
    }
    let mut tables: Vec<&Table> = catalog.tables.values().collect();
    tables.sort_by_key(|t| t.oid);
    let mut out = Vec::new();
    for table in tables {
        let owner = model_of_table(&table.name);
        for column in &table.columns {
            let Some(fk) = table.foreign_key(&column.name) else {
                continue;
            };
            let Some(to) = model_of_table(&fk.table) else {
                continue;
            };
            let declared = owner.as_ref().and_then(|m| {
                let spec = &models[m];
                let field = registry.model(m).field(&column.name).ok()?;
                spec.on_delete
                    .iter()
                    .find(|(k, _)| {
                        registry
                            .model(m)
                            .field(k)
                            .is_ok_and(|f| f.column == field.column)
                    })
                    .map(|(_, action)| *action)
            });
            // Django creates an auto join table's foreign keys with CASCADE.
            let on_delete = declared.unwrap_or(match fk.on_delete {
                'n' if owner.is_some() && !column.not_null => OnDelete::SetNull,
                _ => OnDelete::Cascade,
            });
            let parent_link = owner.as_ref().is_some_and(|m| {
                let model = registry.model(m);
                model.parent.as_deref() == Some(to.as_str()) && model.pk == column.name
            });
            out.push(Reference {
                model: owner.clone(),
                table: table.name.clone(),
                column: column.name.clone(),
                name: column
                    .name
                    .strip_suffix("_id")
                    .unwrap_or(&column.name)
                    .to_string(),
                to,
                to_column: fk.references.clone(),
                nullable: !column.not_null,
                on_delete,
                parent_link,
            });
        }
    }
    Ok(out)
}
