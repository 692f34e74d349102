//! `create`, `save` and `get`: Model.objects.create(), Model.save() (with its signals and
//! multi-table inheritance) and QuerySet.get(), on instances kept between steps.

use serde_yaml::{Mapping, Value as Yaml};

use crate::orm::filter::conditions;
use crate::orm::persist::{get_one, save_instance, SaveOptions};
use crate::orm::{run_signal, Instance, OpError, Orm};
use crate::spec::{CreateOp, GetOp, SaveOp};
use crate::sql::compiler::Condition;

/// Assigns spec values to an instance's fields (resolving `{ref: name}` to a primary key).
pub(super) fn assign(
    orm: &Orm<'_>,
    instance: &mut Instance,
    values: &Mapping,
) -> Result<(), OpError> {
    for (key, value) in values {
        let column = orm.column_of(&instance.model, key.as_str().unwrap_or_default())?;
        instance.set(&column, orm.resolve(value)?);
    }
    Ok(())
}

/// Keeps an instance under a name for later steps.
pub(super) fn bind(orm: &mut Orm<'_>, name: &Option<String>, instance: &Instance) {
    if let Some(name) = name {
        orm.state.instances.insert(name.clone(), instance.clone());
    }
}

/// pre_save, the save itself, post_save: Model.save_base().
pub(super) async fn save_with_signals(
    orm: &mut Orm<'_>,
    instance: &mut Instance,
    options: &SaveOptions,
) -> Result<bool, OpError> {
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let signals = &registry.model(&instance.model).signals;
    if let Some(action) = &signals.pre_save {
        run_signal(orm, action, instance, &[]).await?;
    }
    let created = save_instance(orm, instance, options).await?;
    if let Some(action) = &signals.post_save {
        run_signal(orm, action, instance, &[("created", Yaml::Bool(created))]).await?;
    }
    Ok(created)
}

/// Model.objects.create(**values): a new instance saved with force_insert.
pub(super) async fn create(orm: &mut Orm<'_>, op: &CreateOp) -> Result<Option<u64>, OpError> {
    let mut instance = Instance::new(&op.model);
    assign(orm, &mut instance, &op.values)?;
    if let Some(manager) = &op.manager {
        // RelatedManager.create(): `kwargs[self.field.name] = self.instance`.
        let (column, value) = super::m2m::reverse_key_value(orm, manager)?;
        instance.set(&column, value);
    }
    orm.apply_defaults(&mut instance);
    let options = SaveOptions {
        force_insert: true,
        ..SaveOptions::default()
    };
    save_with_signals(orm, &mut instance, &options).await?;
    bind(orm, &op.bind, &instance);
    Ok(Some(1))
}

/// instance.save(): of a bound instance after assigning `values`, or of a new Model(**values).
pub(super) async fn save(orm: &mut Orm<'_>, op: &SaveOp) -> Result<Option<u64>, OpError> {
    let mut instance = match (&op.instance, &op.model) {
        (Some(name), _) => orm
            .state
            .instances
            .get(name)
            .cloned()
            .ok_or_else(|| OpError::Spec(format!("no instance `{name}`")))?,
        (None, Some(model)) => Instance::new(model),
        (None, None) => return Err(OpError::Spec("`save` needs `instance` or `model`".into())),
    };
    crate::ops::transition::check_protected(orm, &instance, &op.values)?;
    assign(orm, &mut instance, &op.values)?;
    if instance.adding {
        orm.apply_defaults(&mut instance);
    }
    if op.force_insert && (op.force_update || op.update_fields.is_some()) {
        return Err(OpError::Raised(crate::log::Raised::new(
            "ValueError",
            "Cannot force both insert and updating in model saving.",
        )));
    }
    // save(update_fields=[]) does nothing at all, not even the signals.
    if op.update_fields.as_ref().is_some_and(|f| f.is_empty()) {
        return Ok(None);
    }
    let options = SaveOptions {
        force_insert: op.force_insert,
        force_update: op.force_update,
        update_fields: op.update_fields.clone(),
    };
    let outcome = save_with_signals(orm, &mut instance, &options).await;
    // The object keeps the values assigned to it even when saving fails, as in Python.
    if let Some(name) = &op.instance {
        orm.state.instances.insert(name.clone(), instance.clone());
    }
    outcome?;
    bind(orm, &op.bind, &instance);
    Ok(Some(1))
}

/// Model.objects.get(pk=... / **filter).
pub(super) async fn get(orm: &mut Orm<'_>, op: &GetOp) -> Result<Option<u64>, OpError> {
    let mut filter = Mapping::new();
    if let Some(pk) = &op.pk {
        filter.insert("pk".into(), pk.clone());
    }
    filter.extend(op.filter.clone());
    let instance = if crate::orm::filter::crosses_relations(&orm.state.registry, &op.model, &filter)
    {
        super::query::get_joined(orm, &op.model, None, false, &filter, false).await?
    } else {
        let where_ = filter_conditions(orm, &op.model, &filter)?;
        get_one(orm, &op.model, &where_, false).await?
    };
    bind(orm, &op.bind, &instance);
    Ok(Some(1))
}

/// A filter mapping as WHERE conditions, `{ref: name}` values resolved.
pub(super) fn filter_conditions(
    orm: &Orm<'_>,
    model: &str,
    filter: &Mapping,
) -> Result<Vec<Condition>, OpError> {
    conditions(&orm.state.registry, model, filter, |v| {
        orm.resolve(v).map_err(|e| e.to_string())
    })
    .map_err(OpError::Spec)
}
