//! Resolving the spec's models against the catalog read after setup: which column each field
//! is (by name, `<name>_id` for a foreign key, or `db_column`), the declared field order,
//! defaults and auto_now options, and the join tables of many-to-many relations.

use std::collections::BTreeMap;
use std::fmt;

use indexmap::IndexMap;

use super::model::{Field, ManyToMany, Model, Registry, Temporal};
use crate::db::catalog::{Catalog, Column, Table};
use crate::spec::{join_table, suggest, table_of, DefaultValue, FieldSpec, ModelSpec, Models};

/// A model declaration that does not fit the database: which model, which of its entries
/// (`fields.sku`, `defaults.price` ...; `None` for the model as a whole), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    pub model: String,
    pub entry: Option<String>,
    pub message: String,
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "model `{}`: {}", self.model, self.message)
    }
}

fn fail(model: &str, entry: Option<String>, message: String) -> ResolveError {
    ResolveError {
        model: model.to_string(),
        entry,
        message,
    }
}

/// Every table the models need (models' tables include the auto-created join tables).
pub fn tables_needed(models: &Models) -> Vec<String> {
    let mut tables: Vec<String> = models.iter().map(|(n, s)| table_of(n, s)).collect();
    for (name, spec) in models {
        tables.extend(
            spec.many_to_many
                .keys()
                .map(|r| join_table(models, name, r)),
        );
    }
    let mut seen = std::collections::HashSet::new();
    tables.retain(|t| seen.insert(t.clone()));
    tables
}

/// Resolves the spec's models against the catalog, in registration order.
pub fn resolve(models: &Models, catalog: &Catalog) -> Result<Registry, ResolveError> {
    let model_of_table: BTreeMap<String, String> = models
        .iter()
        .map(|(n, s)| (table_of(n, s), n.clone()))
        .collect();
    let mut registry = Registry::default();
    for (name, spec) in models {
        let model = resolve_model(name, spec, models, catalog, &model_of_table)?;
        registry.models.insert(name.clone(), model);
    }
    for model in registry.models.values() {
        if let Some(parent) = &model.parent {
            let parent_table = &registry.model(parent).table;
            let links = catalog.tables[&model.table]
                .foreign_key(&model.pk)
                .is_some_and(|fk| &fk.table == parent_table);
            if !links {
                return Err(fail(
                    &model.name,
                    None,
                    format!(
                        "its primary key `{}` must reference `{parent_table}` (multi-table inheritance)",
                        model.pk
                    ),
                ));
            }
        }
    }
    registry.references = super::references::references(models, catalog, &registry)?;
    Ok(registry)
}

fn resolve_model(
    name: &str,
    spec: &ModelSpec,
    models: &Models,
    catalog: &Catalog,
    model_of_table: &BTreeMap<String, String>,
) -> Result<Model, ResolveError> {
    let table_name = table_of(name, spec);
    let Some(table) = catalog.tables.get(&table_name) else {
        return Err(match &spec.auto_created {
            Some((owner, relation)) => fail(
                owner,
                Some(format!("many_to_many.{relation}")),
                format!("the join table `{table_name}` of `{relation}` does not exist after setup"),
            ),
            None => fail(
                name,
                None,
                format!("table `{table_name}` does not exist after setup (set `table:` if it has another name)"),
            ),
        });
    };
    let [pk] = table.primary_key.as_slice() else {
        return Err(fail(
            name,
            None,
            format!("table `{table_name}` needs a single-column primary key"),
        ));
    };
    let fields = fields_of(name, spec, table, pk, model_of_table).map_err(|mut err| {
        parent_hint(&mut err, spec, models, catalog);
        err
    })?;
    let mut many_to_many = IndexMap::new();
    for (relation, m2m) in &spec.many_to_many {
        let through = join_table(models, name, relation);
        let entry = Some(format!("many_to_many.{relation}"));
        let join = catalog.tables.get(&through).ok_or_else(|| {
            fail(
                name,
                entry.clone(),
                format!("the join table `{through}` of `{relation}` does not exist after setup"),
            )
        })?;
        let target_table = table_of(&m2m.to, &models[&m2m.to]);
        let (source_column, target_column) = join_columns(join, &table_name, &target_table)
            .ok_or_else(|| {
                fail(
                    name,
                    entry.clone(),
                    format!(
                        "`{through}` needs foreign keys to `{table_name}` and `{target_table}`"
                    ),
                )
            })?;
        many_to_many.insert(
            relation.clone(),
            ManyToMany {
                to: m2m.to.clone(),
                through,
                source_column,
                target_column,
                m2m_changed: m2m.m2m_changed.clone(),
                symmetrical: m2m.symmetrical.unwrap_or(false),
                related_name: crate::spec::reverse_name(name, m2m),
                // A hidden reverse keeps the name Django gives it (ManyToManyField.
                // contribute_to_class), which only its own manager's filter uses.
                query_name: Some(match (&m2m.related_name, m2m.symmetrical) {
                    (_, Some(true)) => format!("{relation}_rel_+"),
                    (Some(n), _) if n.ends_with('+') => {
                        format!("_app_{}_{relation}_+", name.to_lowercase())
                    }
                    (Some(n), _) => n.clone(),
                    (None, _) => name.to_lowercase(),
                }),
            },
        );
    }
    Ok(Model {
        name: name.to_string(),
        table: table_name,
        pk: pk.clone(),
        fields,
        parent: spec.parent.clone(),
        signals: spec.signals.clone(),
        many_to_many,
        fsm: spec.fsm.clone(),
        auto_created: spec.auto_created.clone(),
    })
}

/// The model's fields: the declared ones in their order (the primary key first unless it is
/// declared), then the table's other columns; each with its default and options.
fn fields_of(
    model: &str,
    spec: &ModelSpec,
    table: &Table,
    pk: &str,
    model_of_table: &BTreeMap<String, String>,
) -> Result<Vec<Field>, ResolveError> {
    let mut remaining: Vec<Field> = table
        .columns
        .iter()
        .map(|c| column_field(c, table, model_of_table))
        .collect();
    let mut declared = Vec::new();
    let list = spec.fields.clone().unwrap_or_default();
    for (name, options) in &list.fields {
        let entry = Some(format!("fields.{name}"));
        let index = find_column(&remaining, name, options, table)
            .map_err(|m| fail(model, entry.clone(), m))?;
        let mut field = remaining.remove(index);
        if field.is_relation {
            // `blog_id` written for the foreign key `blog`, as its column is named.
            let column_named = options.db_column.is_none() && *name == field.column;
            let base = match column_named {
                true => name.strip_suffix("_id").unwrap_or(name),
                false => name,
            };
            field.name = base.to_string();
            field.attname = format!("{base}_id");
        } else {
            field.name = name.clone();
            field.attname = name.clone();
        }
        apply_options(&mut field, options).map_err(|m| fail(model, entry, m))?;
        declared.push(field);
    }
    let pk_declared = declared.iter().any(|f| f.column == pk);
    let mut fields = Vec::new();
    if !pk_declared {
        if let Some(i) = remaining.iter().position(|f| f.column == pk) {
            fields.push(remaining.remove(i));
        }
    }
    fields.extend(declared);
    fields.extend(remaining);
    for (key, value) in &spec.defaults {
        let key = key.as_str().unwrap_or_default();
        let entry = Some(format!("defaults.{key}"));
        let field = match key {
            "pk" => fields.iter_mut().find(|f| f.column == pk),
            _ => fields.iter_mut().find(|f| f.is_named(key)),
        };
        let Some(field) = field else {
            let mut message = format!("`defaults` names `{key}`, which the model does not have");
            let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
            if let Some(s) = suggest(key, names.iter().map(String::as_str)) {
                message.push_str(&format!(", did you mean `{s}`?"));
            }
            return Err(fail(model, entry, message));
        };
        field.default = Some(DefaultValue::parse(value).map_err(|m| fail(model, entry, m))?);
    }
    Ok(fields)
}

/// A field declared on a multi-table child that its parent's table holds: say where it goes.
fn parent_hint(err: &mut ResolveError, spec: &ModelSpec, models: &Models, catalog: &Catalog) {
    let Some(field) = err.entry.as_deref().and_then(|e| e.strip_prefix("fields.")) else {
        return;
    };
    let mut parent = spec.parent.clone();
    while let Some(name) = parent {
        let Some(parent_spec) = models.get(&name) else {
            return;
        };
        let table = catalog.tables.get(&table_of(&name, parent_spec));
        let holds = table.is_some_and(|t| {
            t.column(field).is_some() || t.column(&format!("{field}_id")).is_some()
        });
        if holds {
            err.message = format!(
                "`{field}` is a field of the parent `{name}` (its table holds it): declare it under `{name}`"
            );
            return;
        }
        parent = parent_spec.parent.clone();
    }
}

/// A column as a field before any declaration: a foreign key `blog_id` is the field `blog`.
fn column_field(c: &Column, table: &Table, model_of_table: &BTreeMap<String, String>) -> Field {
    let fk = table.foreign_key(&c.name);
    let name = match fk {
        Some(_) => c.name.strip_suffix("_id").unwrap_or(&c.name).to_string(),
        None => c.name.clone(),
    };
    Field {
        name,
        attname: c.name.clone(),
        column: c.name.clone(),
        cast_type: c.cast_type.clone(),
        db_type: c.db_type.clone(),
        not_null: c.not_null,
        has_db_default: c.default.is_some(),
        generated: c.generated_key,
        is_relation: fk.is_some(),
        related_model: fk.and_then(|f| model_of_table.get(&f.table).cloned()),
        related_column: fk.map(|f| f.references.clone()),
        related_name: None,
        default: None,
        auto_now: false,
        auto_now_add: false,
        has_pre_save: Temporal::of(&c.cast_type).is_some(),
        temporal: Temporal::of(&c.cast_type),
        unique: table.uniques.iter().any(|u| u.len() == 1 && u[0] == c.name),
    }
}

/// The column a declared field is stored in: its `db_column`, else its name, else
/// `<name>_id` for a foreign key.
fn find_column(
    fields: &[Field],
    name: &str,
    options: &FieldSpec,
    table: &Table,
) -> Result<usize, String> {
    if let Some(column) = &options.db_column {
        return fields
            .iter()
            .position(|f| f.column == *column)
            .ok_or_else(|| {
                let mut message = format!(
                    "`db_column: {column}`: table `{}` has no such column",
                    table.name
                );
                if let Some(s) = suggest(column, fields.iter().map(|f| f.column.as_str())) {
                    message.push_str(&format!(", did you mean `{s}`?"));
                }
                message
            });
    }
    let fk_column = format!("{name}_id");
    fields
        .iter()
        .position(|f| f.column == name || (f.is_relation && f.column == fk_column))
        .ok_or_else(|| {
            let mut message = if table.column(name).is_some() || table.column(&fk_column).is_some()
            {
                format!("field `{name}` is declared twice")
            } else {
                format!(
                    "`fields` names `{name}`, which the table `{}` does not have",
                    table.name
                )
            };
            if let Some(s) = suggest(name, fields.iter().map(|f| f.name.as_str())) {
                message.push_str(&format!(", did you mean `{s}`?"));
            }
            if table.column(name).is_none() && table.column(&fk_column).is_none() {
                message.push_str(" (a column with another name needs `db_column`)");
            }
            message
        })
}

fn apply_options(field: &mut Field, options: &FieldSpec) -> Result<(), String> {
    if (options.auto_now || options.auto_now_add) && field.temporal.is_none() {
        let option = match options.auto_now {
            true => "auto_now",
            false => "auto_now_add",
        };
        return Err(format!(
            "`{option}` needs a date, time or timestamp column, but `{}` is `{}`",
            field.column, field.db_type
        ));
    }
    field.auto_now = options.auto_now;
    field.auto_now_add = options.auto_now_add;
    field.has_pre_save |= options.pre_save;
    field.related_name.clone_from(&options.related_name);
    if let Some(default) = &options.default {
        field.default = Some(DefaultValue::parse(default)?);
    }
    Ok(())
}

/// The join table's columns referencing the source and target tables (in column order, so a
/// self-referencing relation takes the first for the source).
fn join_columns(join: &Table, source: &str, target: &str) -> Option<(String, String)> {
    let refs: Vec<(&str, &str)> = join
        .columns
        .iter()
        .filter_map(|c| {
            join.foreign_key(&c.name)
                .map(|fk| (c.name.as_str(), fk.table.as_str()))
        })
        .collect();
    let source_column = refs.iter().find(|(_, t)| *t == source)?.0;
    let target_column = refs
        .iter()
        .find(|(c, t)| *t == target && *c != source_column)?
        .0;
    Some((source_column.to_string(), target_column.to_string()))
}
