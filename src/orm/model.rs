//! Models resolved against the catalog: each model's table, fields in order, primary key,
//! parent link, many-to-many join tables, and what the spec adds (defaults, signals, FSM).

use std::collections::BTreeMap;

use serde_yaml::Mapping;

use crate::db::catalog::{Catalog, Table};
use crate::spec::{suggest, FsmSpec, ModelSpec, Signals};

pub use super::references::Reference;

/// A concrete column of a model's own table.
#[derive(Debug, Clone)]
pub struct Field {
    pub column: String,
    /// The name a spec may also use: a foreign key's column without `_id`.
    pub relation_name: Option<String>,
    pub cast_type: String,
    /// The full type with modifiers (`varchar(100)`), as Django's Cast writes it.
    pub db_type: String,
    pub not_null: bool,
    /// The database fills it in when it is not given (a DEFAULT or a serial).
    pub has_db_default: bool,
    /// A serial or identity column (the auto primary key).
    pub generated: bool,
    /// The model this foreign key points at, when it is a model of the spec.
    pub related_model: Option<String>,
}

/// A many-to-many relation, resolved to its join table's columns.
#[derive(Debug, Clone)]
pub struct ManyToMany {
    pub to: String,
    pub through: String,
    /// The join table's column that references this model.
    pub source_column: String,
    /// ... and the one that references the target model.
    pub target_column: String,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub table: String,
    pub pk: String,
    pub fields: Vec<Field>,
    /// Multi-table inheritance: the parent model; this table's primary key references it.
    pub parent: Option<String>,
    pub defaults: Mapping,
    pub signals: Signals,
    pub many_to_many: BTreeMap<String, ManyToMany>,
    pub fsm: Option<FsmSpec>,
}

impl Field {
    /// The field as an INSERT column, with the type Django casts its UNNEST array to.
    pub fn insert_column(&self) -> crate::sql::compiler::InsertColumn {
        crate::sql::compiler::InsertColumn {
            name: self.column.clone(),
            cast_type: self.cast_type.clone(),
        }
    }
}

impl Model {
    /// The field a spec names: by column, by relation name (`blog` for `blog_id`), or `pk`.
    pub fn field(&self, name: &str) -> Result<&Field, String> {
        let wanted = if name == "pk" { self.pk.as_str() } else { name };
        self.fields
            .iter()
            .find(|f| f.column == wanted || f.relation_name.as_deref() == Some(wanted))
            .ok_or_else(|| {
                let known = self.fields.iter().map(|f| f.column.as_str());
                let mut message = format!("model `{}` has no field `{name}`", self.name);
                if let Some(s) = suggest(name, known) {
                    message.push_str(&format!(", did you mean `{s}`?"));
                }
                message
            })
    }

    pub fn pk_field(&self) -> &Field {
        self.fields
            .iter()
            .find(|f| f.column == self.pk)
            .expect("the primary key is a field")
    }
}

/// All models of a spec.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub models: BTreeMap<String, Model>,
    /// Every foreign key to a model, in the order the tables were created, then column order:
    /// the order of Django's reverse relations when the DDL follows models.py.
    pub references: Vec<Reference>,
}

impl Registry {
    pub fn model(&self, name: &str) -> &Model {
        &self.models[name]
    }

    /// A field of the model or of one of its ancestors (multi-table inheritance).
    pub fn field_of(&self, model: &str, name: &str) -> Result<&Field, String> {
        let own = self.model(model).field(name);
        if own.is_ok() {
            return own;
        }
        self.ancestors(model)
            .into_iter()
            .find_map(|parent| parent.field(name).ok())
            .ok_or_else(|| own.expect_err("checked above"))
    }

    /// The model (itself or an ancestor) whose table holds a column.
    pub fn owner_of(&self, model: &str, column: &str) -> &Model {
        let own = self.model(model);
        if own.fields.iter().any(|f| f.column == column) {
            return own;
        }
        self.ancestors(model)
            .into_iter()
            .find(|m| m.fields.iter().any(|f| f.column == column))
            .unwrap_or(own)
    }

    /// The chain of parents, nearest first (multi-table inheritance).
    pub fn ancestors(&self, name: &str) -> Vec<&Model> {
        let mut chain = Vec::new();
        let mut current = self.models.get(name).and_then(|m| m.parent.as_deref());
        while let Some(parent) = current {
            let model = self.model(parent);
            chain.push(model);
            current = model.parent.as_deref();
        }
        chain
    }
}

/// The table a model uses: declared, or the model name in snake case.
pub fn table_name(name: &str, spec: &ModelSpec) -> String {
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

/// Every table the models need: their own and their join tables, each once (a join table
/// can also be a model's table, e.g. a model for an auto-created through table; listing it
/// twice would read its columns twice).
pub fn tables_needed(models: &BTreeMap<String, ModelSpec>) -> Vec<String> {
    let mut tables = Vec::new();
    for (name, spec) in models {
        let table = table_name(name, spec);
        for (relation, m2m) in &spec.many_to_many {
            tables.push(
                m2m.through
                    .clone()
                    .unwrap_or_else(|| format!("{table}_{relation}")),
            );
        }
        tables.push(table);
    }
    let mut seen = std::collections::HashSet::new();
    tables.retain(|t| seen.insert(t.clone()));
    tables
}

/// Resolves the spec's models against the catalog.
pub fn resolve(
    models: &BTreeMap<String, ModelSpec>,
    catalog: &Catalog,
) -> Result<Registry, String> {
    let tables: BTreeMap<String, String> = models
        .iter()
        .map(|(n, s)| (table_name(n, s), n.clone()))
        .collect();
    let mut registry = Registry::default();
    for (name, spec) in models {
        let table_name = table_name(name, spec);
        let table = catalog.tables.get(&table_name).ok_or_else(|| {
            format!("model `{name}`: table `{table_name}` does not exist after setup (set `table:` if it has another name)")
        })?;
        let [pk] = table.primary_key.as_slice() else {
            return Err(format!(
                "model `{name}`: table `{table_name}` needs a single-column primary key"
            ));
        };
        let mut fields: Vec<Field> = table
            .columns
            .iter()
            .map(|c| {
                let fk = table.foreign_key(&c.name);
                Field {
                    column: c.name.clone(),
                    relation_name: fk.and_then(|_| c.name.strip_suffix("_id").map(str::to_string)),
                    cast_type: c.cast_type.clone(),
                    db_type: c.db_type.clone(),
                    not_null: c.not_null,
                    has_db_default: c.default.is_some(),
                    generated: c.generated_key,
                    related_model: fk.and_then(|f| tables.get(&f.table).cloned()),
                }
            })
            .collect();
        if let Some(order) = &spec.fields {
            fields = reorder(fields, order, pk).map_err(|m| format!("model `{name}`: {m}"))?;
        }
        let mut many_to_many = BTreeMap::new();
        for (relation, m2m) in &spec.many_to_many {
            let through = m2m
                .through
                .clone()
                .unwrap_or_else(|| format!("{table_name}_{relation}"));
            let join = catalog.tables.get(&through).ok_or_else(|| {
                format!("model `{name}`: the join table `{through}` of `{relation}` does not exist after setup")
            })?;
            let target_table = table_name_of(models, &m2m.to);
            let (source_column, target_column) = join_columns(join, &table_name, &target_table).ok_or_else(|| {
                format!("model `{name}`: `{through}` needs foreign keys to `{table_name}` and `{target_table}`")
            })?;
            many_to_many.insert(
                relation.clone(),
                ManyToMany {
                    to: m2m.to.clone(),
                    through,
                    source_column,
                    target_column,
                },
            );
        }
        registry.models.insert(
            name.clone(),
            Model {
                name: name.clone(),
                table: table_name.clone(),
                pk: pk.clone(),
                fields,
                parent: spec.parent.clone(),
                defaults: spec.defaults.clone(),
                signals: spec.signals.clone(),
                many_to_many,
                fsm: spec.fsm.clone(),
            },
        );
    }
    for model in registry.models.values() {
        if let Some(parent) = &model.parent {
            let parent_table = &registry.model(parent).table;
            let table = &catalog.tables[&model.table];
            let links = table
                .foreign_key(&model.pk)
                .is_some_and(|fk| &fk.table == parent_table);
            if !links {
                return Err(format!(
                    "model `{}`: its primary key `{}` must reference `{parent_table}` (multi-table inheritance)",
                    model.name, model.pk
                ));
            }
        }
    }
    registry.references = super::references::references(models, catalog, &registry)?;
    Ok(registry)
}

/// The primary key first, then the declared order, then any remaining columns.
fn reorder(fields: Vec<Field>, order: &[String], pk: &str) -> Result<Vec<Field>, String> {
    let position = |f: &Field| {
        order
            .iter()
            .position(|name| *name == f.column || f.relation_name.as_deref() == Some(name))
    };
    for name in order {
        if !fields
            .iter()
            .any(|f| f.column == *name || f.relation_name.as_deref() == Some(name))
        {
            let known = fields.iter().map(|f| f.column.as_str());
            let mut message = format!("`fields` names `{name}`, which the table does not have");
            if let Some(s) = suggest(name, known) {
                message.push_str(&format!(", did you mean `{s}`?"));
            }
            return Err(message);
        }
    }
    let mut sorted = fields;
    sorted.sort_by_key(|f| (f.column != pk, position(f).unwrap_or(usize::MAX)));
    Ok(sorted)
}

fn table_name_of(models: &BTreeMap<String, ModelSpec>, model: &str) -> String {
    models
        .get(model)
        .map_or_else(|| snake_case(model), |spec| table_name(model, spec))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_cases_model_names() {
        assert_eq!(snake_case("Blog"), "blog");
        assert_eq!(snake_case("BlogEntry"), "blog_entry");
    }
}
