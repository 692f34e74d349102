//! Planning: once setup has run, every model is resolved against the catalog and every ORM
//! step's field names are checked, so a typo fails before the first step, at its YAML line.

use std::collections::HashMap;

use serde_yaml::Mapping;

use super::model::Registry;
use crate::spec::{Location, Operation, Spec};

/// A step that names something the models do not have.
#[derive(Debug, Clone)]
pub struct PlanError {
    pub location: Location,
    pub message: String,
}

/// Resolves the spec's models against the catalog (read after setup) and checks its steps.
pub async fn prepare(
    spec: &Spec,
    conn: &crate::db::RecordingConnection,
) -> Result<Registry, String> {
    if spec.models.is_empty() {
        return Ok(Registry {
            settings: spec.settings.clone(),
            ..Registry::default()
        });
    }
    let tables = super::resolve::tables_needed(&spec.models);
    let catalog = crate::db::catalog::read_catalog(conn, &tables)
        .await
        .map_err(|e| format!("reading the catalog: {e}"))?;
    let mut registry = super::resolve::resolve(&spec.models, &catalog).map_err(|err| {
        // Point at the entry that does not fit (a field, a default ...), else the model.
        let declared = spec.models.get(&err.model);
        let location = declared
            .and_then(|m| err.entry.as_ref().and_then(|e| m.locations.get(e)))
            .or_else(|| declared.and_then(|m| m.location.as_ref()));
        match location {
            Some(at) => located(at.clone(), err.to_string()),
            None => format!("{}: {err}", spec.path.display()),
        }
    })?;
    registry.settings = spec.settings.clone();
    check_steps(spec, &registry).map_err(|e| located(e.location, e.message))?;
    Ok(registry)
}

/// `file:line:column: message` with the line and a caret under the place, as load errors
/// are shown.
fn located(at: Location, message: String) -> String {
    crate::spec::LoadError::new(at, message)
        .render()
        .trim_end()
        .to_string()
}

/// Checks every ORM step of a spec against the resolved models.
pub fn check_steps(spec: &Spec, registry: &Registry) -> Result<(), PlanError> {
    let mut bound: HashMap<String, String> = HashMap::new();
    let shared = std::sync::Arc::new(registry.clone());
    for step in spec.all_steps() {
        let fail = |message: String| PlanError {
            location: step.location.clone(),
            message: format!("step {}: {message}", step.number),
        };
        let fields = |model: &str, map: &Mapping| -> Result<(), PlanError> {
            for key in map.keys() {
                let name = key.as_str().unwrap_or_default();
                registry.field_of(model, name).map_err(&fail)?;
            }
            Ok(())
        };
        let names = |model: &str, list: &[String]| -> Result<(), PlanError> {
            for name in list {
                registry.field_of(model, name).map_err(&fail)?;
            }
            Ok(())
        };
        let instance_model = |name: &str| bound.get(name).cloned().unwrap_or_default();
        match &step.operation {
            Operation::Sql(_)
            | Operation::Check(_)
            | Operation::Atomic(_)
            | Operation::EndAtomic { .. }
            | Operation::OnCommit(_)
            | Operation::SetRollback(_)
            | Operation::Retry(_)
            | Operation::Attempt { .. }
            | Operation::Request(_)
            | Operation::EndRequest { .. }
            | Operation::SyncToAsync(_) => {}
            Operation::Create(op) => {
                fields(&op.model, &op.values)?;
                // `blog.entry_set.create(...)` gives the key itself.
                let mut given = op.values.clone();
                if let Some((instance, name)) =
                    op.manager.as_deref().and_then(|m| m.split_once('.'))
                {
                    let key = create_key(registry, &instance_model(instance), name, &op.model)
                        .map_err(&fail)?;
                    given.insert(key.into(), serde_yaml::Value::Null);
                }
                required(
                    registry,
                    &op.model,
                    &[&given],
                    &spec.models[&op.model].signals,
                )
                .map_err(&fail)?;
                bind(&mut bound, &op.bind, &op.model);
            }
            Operation::Save(op) => {
                let model = op
                    .model
                    .clone()
                    .unwrap_or_else(|| instance_model(op.instance.as_deref().unwrap_or("")));
                fields(&model, &op.values)?;
                names(&model, op.update_fields.as_deref().unwrap_or(&[]))?;
                bind(&mut bound, &op.bind, &model);
            }
            Operation::Get(op) => {
                // get() joins for a filter across relations, as a read does.
                super::filter::check(&shared, &op.model, &op.filter).map_err(&fail)?;
                bind(&mut bound, &op.bind, &op.model);
            }
            Operation::BulkCreate(op) => {
                for row in &op.rows {
                    fields(&op.model, row)?;
                }
                names(&op.model, &op.unique_fields)?;
                names(&op.model, &op.update_fields)?;
            }
            Operation::BulkUpdate(op) => {
                let pk = &registry.model(&op.model).pk;
                for row in &op.rows {
                    fields(&op.model, row)?;
                    if !row.contains_key("pk") && !row.contains_key(pk.as_str()) {
                        return Err(fail(format!(
                            "each bulk_update row needs its primary key (`pk` or `{pk}`)"
                        )));
                    }
                }
                names(&op.model, &op.fields)?;
            }
            Operation::Update(op) => {
                super::filter::check(&shared, &op.model, &op.filter).map_err(&fail)?;
                fields(&op.model, &op.values)?;
            }
            Operation::GetOrCreate(op) | Operation::UpdateOrCreate(op) => {
                // A lookup across relations joins, as get() does.
                super::filter::check(&shared, &op.model, &op.lookup).map_err(&fail)?;
                fields(&op.model, &op.defaults)?;
                if let Some(create) = &op.create_defaults {
                    fields(&op.model, create)?;
                }
                bind(&mut bound, &op.bind, &op.model);
            }
            Operation::Delete(op) => {
                if let Some(model) = &op.model {
                    // Across relations: a subquery (fast delete) or a joined SELECT.
                    super::filter::check(&shared, model, &op.filter).map_err(&fail)?;
                }
            }
            Operation::ManyToMany(op) => {
                let model = instance_model(&op.instance);
                if registry.models.contains_key(&model) {
                    manager_write(registry, &model, op).map_err(&fail)?;
                }
            }
            Operation::Transition(_) => {}
            Operation::Refresh(op) => {
                if let Some(fields) = &op.fields {
                    let model = instance_model(&op.instance);
                    if registry.models.contains_key(&model) {
                        names(&model, fields)?;
                    }
                }
            }
            Operation::Query(op) => {
                let managed;
                let op = match &op.manager {
                    Some((instance, name)) => {
                        let owner = instance_model(instance);
                        let manager = crate::query::manager::manager_filter(
                            registry,
                            &owner,
                            name,
                            serde_yaml::Value::from(0),
                        )
                        .map_err(&fail)?;
                        managed = op.on_manager(&manager).map_err(&fail)?;
                        &managed
                    }
                    None => op,
                };
                // What a call raises when it is made is the step's (a spec can expect it);
                // anything else is a mistake in the spec, found before the first step.
                match crate::query::build(std::sync::Arc::clone(&shared), op) {
                    Err(message) if crate::log::Raised::from_call(&message).is_none() => {
                        return Err(fail(message));
                    }
                    _ => {}
                }
                bind(&mut bound, &op.bind, &op.model);
            }
            Operation::Raw(op) => bind(&mut bound, &op.bind, &op.model),
            Operation::Cursor(_) => {}
        }
    }
    Ok(())
}

fn bind(bound: &mut HashMap<String, String>, name: &Option<String>, model: &str) {
    if let Some(name) = name {
        bound.insert(name.clone(), model.to_string());
    }
}

/// An `m2m` step's manager: a many-to-many relation (no `bulk`), or a reverse foreign key's
/// (no `through_defaults`).
fn manager_write(
    registry: &Registry,
    model: &str,
    op: &crate::spec::ManyToManyOp,
) -> Result<(), String> {
    let name = op.relation.as_str();
    let many_to_many = registry.model(model).many_to_many.contains_key(name)
        || registry.models.values().any(|owner| {
            owner
                .many_to_many
                .values()
                .any(|m| m.to == model && m.related_name.as_deref() == Some(name))
        });
    if many_to_many {
        if op.bulk.is_some() {
            return Err(format!(
                "`bulk` is a reverse foreign key's option: the many-to-many manager `{name}` takes none"
            ));
        }
        return Ok(());
    }
    if registry.reverse_key(model, name).is_none() {
        // The manager's own message, with its did-you-mean.
        crate::query::manager::manager_filter(registry, model, name, serde_yaml::Value::Null)?;
        return Err(format!("model `{model}` has no related manager `{name}`"));
    }
    if !op.through_defaults.is_empty() {
        return Err(format!(
            "`through_defaults` is for a many-to-many manager; `{name}` is a reverse foreign key's"
        ));
    }
    Ok(())
}

/// The key a reverse foreign key's manager fills in for create(): the field's name, after
/// checking that the manager returns `model` objects.
fn create_key(registry: &Registry, owner: &str, name: &str, model: &str) -> Result<String, String> {
    if !registry.models.contains_key(owner) {
        return Err(format!("`{name}`: the instance's model is not known"));
    }
    let Some((reference, field)) = registry.reverse_key(owner, name) else {
        crate::query::manager::manager_filter(registry, owner, name, serde_yaml::Value::Null)?;
        return Err(format!(
            "`{name}` is a many-to-many manager: create() through it is not supported (use get_or_create)"
        ));
    };
    if reference.model != model {
        return Err(format!(
            "`{name}` returns `{}` objects, not `{model}`",
            reference.model
        ));
    }
    Ok(field.name.clone())
}

/// A NOT NULL field that nothing fills in (no value, no default, no database default, no
/// signal) would fail at the database: say so before running.
fn required(
    registry: &Registry,
    model: &str,
    given: &[&Mapping],
    signals: &crate::spec::Signals,
) -> Result<(), String> {
    for m in registry.chain(model) {
        for field in &m.fields {
            if !field.not_null || field.column == m.pk {
                continue;
            }
            let named = |map: &Mapping| {
                map.keys()
                    .filter_map(|k| k.as_str())
                    .any(|k| field.is_named(k))
            };
            let set_by_signal = signals
                .pre_save
                .as_ref()
                .is_some_and(|s| s.set.keys().any(|k| field.is_named(k)));
            if !given.iter().any(|map| named(map)) && !set_by_signal && !field.fills_itself() {
                return Err(format!(
                    "missing required value for `{}` of `{}`: the column is NOT NULL without a default; give it in `values` or a `default` in the model",
                    field.name, m.name
                ));
            }
        }
    }
    Ok(())
}
