//! Load-time checks of models and ORM steps: declared models, bound instances, relations,
//! transitions and option sets, each error pointing at the YAML that caused it.

use std::collections::HashMap;

use super::convert_models::{find_relation, manager_names, maybe_reverse_key, through_model};
use super::error::{suggest, LoadError};
use super::load::Parsed;
use super::model::Operation;
use super::models::*;
use super::orm::*;
use super::query::Evaluate;
use super::raw::{RawSpec, RawStep};

/// What earlier steps declared: the models, and the instances bound with `as:`.
pub struct OrmScope<'a> {
    pub models: &'a Models,
    /// instance name -> model name
    pub instances: HashMap<String, String>,
    /// Calls Django refuses when made: they load (and raise at run time, as in Django).
    pub warnings: Vec<LoadError>,
    /// Steps that did not convert, so that later ones are still checked.
    pub errors: Vec<LoadError>,
    /// Instances that steps which did not convert would bind, to an unknown model.
    pub poisoned: std::collections::HashSet<String>,
    /// Set when a step used a poisoned instance: its error is the earlier step's fault.
    pub follow_on: std::cell::Cell<bool>,
    /// The spec's sessions, which a step's `session:` names.
    pub sessions: Vec<String>,
}

impl OrmScope<'_> {
    /// The model a step names, as the registry knows it: `Entry.authors.through` is the
    /// through model of that relation (`Entry_authors` when Django creates it).
    fn model(&self, name: &str, at: &str, parsed: &Parsed<RawSpec>) -> Result<String, LoadError> {
        if self.models.contains_key(name) {
            return Ok(name.to_string());
        }
        if let Some(through) = through_model(self.models, name) {
            return through.map_err(|m| LoadError::new(parsed.locate(at), m));
        }
        let mut message = format!("unknown model `{name}`");
        if let Some(s) = suggest(name, self.models.keys().map(String::as_str)) {
            message.push_str(&format!(", did you mean `{s}`?"));
        }
        Err(LoadError::new(parsed.locate(at), message)
            .with_help("declare it under `models:` (its table is read from the database)"))
    }

    fn instance(
        &self,
        name: &str,
        at: &str,
        parsed: &Parsed<RawSpec>,
    ) -> Result<String, LoadError> {
        if let Some(model) = self.instances.get(name) {
            return Ok(model.clone());
        }
        if self.poisoned.contains(name) {
            self.follow_on.set(true);
        }
        let mut message = format!("unknown instance `{name}`");
        if let Some(s) = suggest(name, self.instances.keys().map(String::as_str)) {
            message.push_str(&format!(", did you mean `{s}`?"));
        }
        Err(LoadError::new(parsed.locate(at), message)
            .with_help("an earlier step binds an instance with `as: NAME` (create, get, save, get_or_create ...)"))
    }

    /// A step that did not convert still binds its `as:` to its `model:`, so that later
    /// steps using the instance are not reported for its fault.
    pub(super) fn declare_failed(&mut self, raw: &RawStep, base: &str, parsed: &Parsed<RawSpec>) {
        for key in raw.operation_keys() {
            let text = |field: &str| {
                parsed
                    .value_at(&format!("{base}.{key}.{field}"))
                    .and_then(|v| v.as_str())
            };
            match (text("as"), text("model")) {
                (Some(name), Some(model)) if self.models.contains_key(model) => {
                    self.instances.insert(name.to_string(), model.to_string());
                }
                (Some(name), _) => {
                    self.poisoned.insert(name.to_string());
                }
                _ => {}
            }
        }
    }

    fn bind(&mut self, name: &Option<String>, model: &str) {
        if let Some(name) = name {
            self.instances.insert(name.clone(), model.to_string());
        }
    }
}

fn error<T>(parsed: &Parsed<T>, at: &str, message: impl Into<String>) -> LoadError {
    LoadError::new(parsed.locate(at), message)
}

/// Every `{ref: NAME}` in a step names an instance an earlier step bound (`as: NAME`).
fn check_refs(
    value: &serde_yaml::Value,
    at: &str,
    parsed: &Parsed<RawSpec>,
    scope: &OrmScope<'_>,
) -> Result<(), LoadError> {
    match value {
        serde_yaml::Value::Mapping(map) => {
            if let (Some(serde_yaml::Value::String(name)), 1) = (map.get("ref"), map.len()) {
                scope.instance(name, &format!("{at}.ref"), parsed)?;
                return Ok(());
            }
            for (key, inner) in map {
                let key = key.as_str().unwrap_or("?");
                check_refs(inner, &format!("{at}.{key}"), parsed, scope)?;
            }
            Ok(())
        }
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, inner)| check_refs(inner, &format!("{at}[{i}]"), parsed, scope)),
        _ => Ok(()),
    }
}

/// Checks one ORM step and returns its operation.
pub fn orm_operation(
    key: &str,
    raw: &RawStep,
    at: &str,
    parsed: &Parsed<RawSpec>,
    scope: &mut OrmScope<'_>,
) -> Result<Operation, LoadError> {
    let model_at = format!("{at}.model");
    if let Some(value) = parsed.value_at(at) {
        check_refs(value, at, parsed, scope)?;
    }
    Ok(match key {
        "create" => {
            let mut op = raw.create.clone().expect("present");
            op.model = scope.model(&op.model, &model_at, parsed)?;
            if let Some(manager) = &op.manager {
                manager_instance(manager, &format!("{at}.manager"), parsed, scope)?;
            }
            scope.bind(&op.bind, &op.model);
            Operation::Create(op)
        }
        "save" => {
            let mut op = raw.save.clone().expect("present");
            let model =
                match (&op.instance, &op.model) {
                    (Some(instance), None) => {
                        scope.instance(instance, &format!("{at}.instance"), parsed)?
                    }
                    (None, Some(model)) => {
                        let model = scope.model(model, &model_at, parsed)?;
                        op.model = Some(model.clone());
                        model
                    }
                    _ => return Err(error(
                        parsed,
                        at,
                        "`save` needs either `instance` (a bound instance) or `model` (a new one)",
                    )),
                };
            if op.force_insert && (op.force_update || op.update_fields.is_some()) {
                scope.warnings.push(refused(
                    parsed,
                    at,
                    "Cannot force both insert and updating in model saving.",
                ));
            }
            scope.bind(&op.bind, &model);
            Operation::Save(op)
        }
        "get" => {
            let mut op = raw.get.clone().expect("present");
            op.model = scope.model(&op.model, &model_at, parsed)?;
            if op.pk.is_none() && op.filter.is_empty() {
                return Err(error(parsed, at, "`get` needs `pk` or `filter`"));
            }
            scope.bind(&op.bind, &op.model);
            Operation::Get(op)
        }
        "bulk_create" => {
            let mut op = raw.bulk_create.clone().expect("present");
            op.model = scope.model(&op.model, &model_at, parsed)?;
            check_bulk_create(&op, at, parsed, &mut scope.warnings);
            Operation::BulkCreate(op)
        }
        "bulk_update" => {
            let mut op = raw.bulk_update.clone().expect("present");
            op.model = scope.model(&op.model, &model_at, parsed)?;
            if op.batch_size == Some(0) {
                scope.warnings.push(refused(
                    parsed,
                    &format!("{at}.batch_size"),
                    "Batch size must be a positive integer.",
                ));
            }
            if op.fields.is_empty() {
                scope.warnings.push(refused(
                    parsed,
                    at,
                    "Field names must be given to bulk_update().",
                ));
            }
            Operation::BulkUpdate(op)
        }
        "update" => {
            let mut op = raw.update.clone().expect("present");
            op.model = scope.model(&op.model, &model_at, parsed)?;
            Operation::Update(op)
        }
        "get_or_create" | "update_or_create" => {
            let mut op = if key == "get_or_create" {
                raw.get_or_create.clone()
            } else {
                raw.update_or_create.clone()
            }
            .expect("present");
            op.model = scope.model(&op.model, &model_at, parsed)?;
            if let Some(manager) = &op.manager {
                manager_instance(manager, &format!("{at}.manager"), parsed, scope)?;
            }
            if op.create_defaults.is_some() && key == "get_or_create" {
                return Err(error(
                    parsed,
                    &format!("{at}.create_defaults"),
                    "`create_defaults` belongs to update_or_create",
                ));
            }
            scope.bind(&op.bind, &op.model);
            if key == "get_or_create" {
                Operation::GetOrCreate(op)
            } else {
                Operation::UpdateOrCreate(op)
            }
        }
        "m2m" => {
            let op = raw.m2m.clone().expect("present");
            let model = scope.instance(&op.instance, &format!("{at}.instance"), parsed)?;
            // A reverse foreign key's manager is checked against the catalog when the spec
            // is planned; here only a name no model could give is refused.
            if find_relation(scope.models, &model, &op.relation).is_none()
                && !maybe_reverse_key(scope.models, &op.relation)
            {
                let mut message = format!(
                    "model `{model}` has no many-to-many relation `{}`",
                    op.relation
                );
                let names = manager_names(scope.models, &model);
                if let Some(s) = suggest(&op.relation, names.iter().map(String::as_str)) {
                    message.push_str(&format!(", did you mean `{s}`?"));
                }
                return Err(error(parsed, &format!("{at}.relation"), message));
            }
            let actions = [
                op.add.is_some(),
                op.remove.is_some(),
                op.set.is_some(),
                op.clear,
            ];
            // `set` with `clear: true` is set(objs, clear=True).
            let set_clear = op.set.is_some() && op.clear;
            if actions.iter().filter(|a| **a).count() != 1 && !set_clear {
                return Err(error(
                    parsed,
                    at,
                    "`m2m` needs exactly one of `add`, `remove`, `set`, `clear: true` (or `set` with `clear: true`)",
                ));
            }
            Operation::ManyToMany(op)
        }
        "delete" => {
            let mut op = raw.delete.clone().expect("present");
            match (&op.instance, &op.model) {
                (Some(instance), None) if op.filter.is_empty() => {
                    scope.instance(instance, &format!("{at}.instance"), parsed)?;
                }
                (None, Some(model)) => op.model = Some(scope.model(model, &model_at, parsed)?),
                _ => {
                    return Err(error(
                        parsed,
                        at,
                        "`delete` needs either `instance`, or `model` with an optional `filter`",
                    ))
                }
            }
            Operation::Delete(op)
        }
        "transition" => {
            let op = raw.transition.clone().expect("present");
            let model = scope.instance(&op.instance, &format!("{at}.instance"), parsed)?;
            let Some(fsm) = &scope.models[&model].fsm else {
                return Err(error(
                    parsed,
                    &format!("{at}.instance"),
                    format!("model `{model}` has no `fsm`"),
                ));
            };
            if !fsm.transitions.contains_key(&op.name) {
                let mut message = format!("model `{model}` has no transition `{}`", op.name);
                if let Some(s) = suggest(&op.name, fsm.transitions.keys().map(String::as_str)) {
                    message.push_str(&format!(", did you mean `{s}`?"));
                }
                return Err(error(parsed, &format!("{at}.name"), message));
            }
            Operation::Transition(op)
        }
        "query" => {
            let mut op = raw.query.clone().expect("present");
            if let Some((instance, _)) = &op.manager {
                scope.instance(instance, &format!("{at}.manager"), parsed)?;
                if op.bind.is_some() && op.model.is_empty() {
                    return Err(error(
                        parsed,
                        &format!("{at}.as"),
                        "`as` with `manager` needs `model` (the manager's model), so later steps know the instance's model",
                    ));
                }
            }
            if !op.model.is_empty() || op.manager.is_none() {
                op.model = scope.model(&op.model, &model_at, parsed)?;
            }
            for call in &mut op.chain {
                if let crate::spec::Call::Combine { parts, .. } = call {
                    for part in parts {
                        part.model = scope.model(&part.model, at, parsed)?;
                    }
                }
            }
            let single = matches!(
                op.evaluate,
                Evaluate::Get
                    | Evaluate::First
                    | Evaluate::Last
                    | Evaluate::Latest
                    | Evaluate::Earliest
            );
            if op.bind.is_some() && !single {
                return Err(error(
                    parsed,
                    &format!("{at}.as"),
                    "`as` binds one object: it goes with `evaluate: get`, `first` or `last`, or `latest`/`earliest`",
                ));
            }
            if let Some(message) = op.explain.as_ref().and_then(|e| e.refusal()) {
                let mut warning = refused(parsed, &format!("{at}.explain"), &message);
                if let Some(s) = op.explain.as_ref().and_then(|e| e.suggestion()) {
                    warning = warning.with_help(format!("did you mean `{s}`? Django raises the ValueError when explain() is called; expect it with `expect: {{error: ValueError}}`"));
                }
                scope.warnings.push(warning);
            }
            scope.bind(&op.bind, &op.model);
            Operation::Query(op)
        }
        "raw" => {
            let mut op = raw.raw.clone().expect("present");
            op.model = scope.model(&op.model, &model_at, parsed)?;
            op.statement().map_err(|m| {
                error(
                    parsed,
                    &format!("{at}.sql"),
                    format!("psycopg raises ProgrammingError: {m}"),
                )
            })?;
            scope.bind(&op.bind, &op.model);
            Operation::Raw(op)
        }
        "refresh_from_db" => {
            let op = raw.refresh_from_db.clone().expect("present");
            scope.instance(&op.instance, &format!("{at}.instance"), parsed)?;
            Operation::Refresh(op)
        }
        "cursor" => {
            let op = raw.cursor.clone().expect("present");
            op.statement().map_err(|m| {
                error(
                    parsed,
                    &format!("{at}.sql"),
                    format!("psycopg raises ProgrammingError: {m}"),
                )
            })?;
            Operation::Cursor(op)
        }
        other => unreachable!("operation key {other} is handled"),
    })
}

/// A call Django refuses with a ValueError when it is made: a warning at load time; the step
/// raises the same ValueError when it runs, so a spec can show (and expect) the refusal.
/// The instance of `manager: instance.name`, which must be bound by an earlier step.
fn manager_instance(
    manager: &str,
    at: &str,
    parsed: &Parsed<RawSpec>,
    scope: &OrmScope<'_>,
) -> Result<String, LoadError> {
    let Some((instance, _)) = manager.split_once('.') else {
        return Err(error(
            parsed,
            at,
            "`manager` is `instance.manager`, such as `blog.entry_set`",
        ));
    };
    scope.instance(instance, at, parsed)
}

fn refused(parsed: &Parsed<RawSpec>, at: &str, message: &str) -> LoadError {
    error(parsed, at, format!("Django raises ValueError: {message}"))
        .with_help("the step raises it when it runs; expect it with `expect: {error: ValueError}`")
}

/// bulk_create's option checks, which Django makes when it is called (batch size first, the
/// conflict options once it has objects).
fn check_bulk_create(
    op: &BulkCreateOp,
    at: &str,
    parsed: &Parsed<RawSpec>,
    warnings: &mut Vec<LoadError>,
) {
    if op.batch_size == Some(0) {
        warnings.push(refused(
            parsed,
            &format!("{at}.batch_size"),
            "Batch size must be a positive integer.",
        ));
    }
    let message = if op.ignore_conflicts && op.update_conflicts {
        Some("ignore_conflicts and update_conflicts are mutually exclusive.")
    } else if op.update_conflicts && op.update_fields.is_empty() {
        Some(
            "Fields that will be updated when a row insertion fails on conflicts must be provided.",
        )
    } else if op.update_conflicts && op.unique_fields.is_empty() {
        Some("Unique fields that can trigger the upsert must be provided.")
    } else {
        None
    };
    if let Some(message) = message {
        warnings.push(refused(parsed, at, message));
    }
    if !op.update_conflicts && (!op.update_fields.is_empty() || !op.unique_fields.is_empty()) {
        warnings.push(
            error(
                parsed,
                at,
                "`unique_fields` and `update_fields` do nothing without `update_conflicts: true`",
            )
            .with_help("Django ignores them; add `update_conflicts: true` or remove them"),
        );
    }
}
