//! `get_or_create` and `update_or_create`: the lookup, the create inside an atomic block,
//! the IntegrityError recovery (a concurrent insert between SELECT and INSERT, which the
//! spec can stage with `concurrently:`), and the update of `defaults` on a found row.

use serde_yaml::Mapping;

use super::save::{assign, bind, filter_conditions, save_with_signals};
use crate::db::Origin;
use crate::log::{Phase, Raised};
use crate::orm::persist::{get_one, SaveOptions};
use crate::orm::{Instance, OpError, Orm};
use crate::spec::LookupOp;

/// QuerySet.get(**lookup): `None` for DoesNotExist, so the caller can create. A lookup
/// across relations is the read side's joined SELECT (with FOR UPDATE for update_or_create,
/// which then locks every joined table, as Django's `select_for_update()` without `of`).
async fn find(orm: &Orm<'_>, op: &LookupOp, for_update: bool) -> Result<Option<Instance>, OpError> {
    let registry = &orm.state.registry;
    let joined =
        op.many_to_many || crate::orm::filter::crosses_relations(registry, &op.model, &op.lookup);
    let found = if joined {
        let (core, sticky) = (op.core.as_ref(), op.many_to_many);
        super::query::get_joined(orm, &op.model, core, sticky, &op.lookup, for_update).await
    } else {
        let conditions = match &op.core {
            Some(core) => crate::orm::filter::conditions_after(
                registry,
                &op.model,
                Some(core),
                &op.lookup,
                |v| orm.resolve(v).map_err(|e| e.to_string()),
            )
            .map_err(OpError::Spec)?,
            None => filter_conditions(orm, &op.model, &op.lookup)?,
        };
        get_one(orm, &op.model, &conditions, for_update).await
    };
    match found {
        Ok(instance) => Ok(Some(instance)),
        Err(OpError::Raised(raised)) if raised.name == "DoesNotExist" => Ok(None),
        Err(other) => Err(other),
    }
}

/// The other client's statement between Django's SELECT and its INSERT.
async fn race(orm: &Orm<'_>, op: &LookupOp) -> Result<(), OpError> {
    let Some(sql) = &op.concurrently else {
        return Ok(());
    };
    let other = orm
        .state
        .others
        .get("other")
        .ok_or_else(|| OpError::Spec("no second session for `concurrently`".into()))?;
    let origin = Origin {
        phase: Phase::Step,
        step: Some(orm.step),
    };
    let executed = other.execute(origin, sql, &[]).await?;
    match executed.error {
        Some(error) => Err(OpError::Spec(format!("`concurrently` failed: {error}"))),
        None => Ok(()),
    }
}

/// Model(**params).save(force_insert=True) inside `transaction.atomic()`: the lookup's plain
/// fields (no `__` lookups), overridden by the defaults.
async fn create_in_atomic(
    orm: &mut Orm<'_>,
    op: &LookupOp,
    defaults: &Mapping,
) -> Result<Instance, OpError> {
    let mut params: Mapping = op
        .lookup
        .iter()
        .filter(|(k, _)| !k.as_str().unwrap_or_default().contains("__"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    params.extend(defaults.clone());
    let mut instance = Instance::new(&op.model);
    assign(orm, &mut instance, &params)?;
    orm.apply_defaults(&mut instance);
    let block = orm.atomic(true).await?;
    let options = SaveOptions {
        force_insert: true,
        ..SaveOptions::default()
    };
    let outcome = save_with_signals(orm, &mut instance, &options).await;
    orm.finish(block, outcome).await?;
    Ok(instance)
}

/// The create path with Django's recovery: on IntegrityError, look again; a row that is
/// there now was inserted concurrently, else the IntegrityError stands.
async fn create_or_recover(
    orm: &mut Orm<'_>,
    op: &LookupOp,
    defaults: &Mapping,
    for_update: bool,
) -> Result<(Instance, bool), OpError> {
    match create_in_atomic(orm, op, defaults).await {
        Ok(instance) => Ok((instance, true)),
        Err(OpError::Raised(raised)) if raised.name == "IntegrityError" => {
            match find(orm, op, for_update).await? {
                Some(instance) => Ok((instance, false)),
                None => Err(OpError::Raised(raised)),
            }
        }
        Err(other) => Err(other),
    }
}

/// A call on a related manager (`blog.entry_set.get_or_create(headline=...)`): Django's
/// RelatedManager filters on the object and adds it to the keyword arguments
/// (`kwargs[field.name] = instance`), so the lookup names it twice and the object created
/// gets it. A many-to-many manager (`entry.authors.get_or_create(...)`) looks through its
/// join, creates the object without it, and add()s what it created.
fn on_manager(orm: &Orm<'_>, op: &LookupOp) -> Result<Option<LookupOp>, OpError> {
    let Some((instance, name)) = op.manager.as_deref().and_then(|m| m.split_once('.')) else {
        if !op.through_defaults.is_empty() {
            return Err(OpError::Spec(
                "`through_defaults` is for a many-to-many manager (`manager: entry.authors`)"
                    .into(),
            ));
        }
        return Ok(None);
    };
    let (manager, pk) = super::query::instance_manager(orm, instance, name)?;
    let (target, core) = (manager.target, manager.core);
    let registry = &orm.state.registry;
    if target != op.model {
        return Err(OpError::Spec(format!(
            "`{name}` returns `{target}` objects, not `{}`",
            op.model
        )));
    }
    if manager.sticky {
        let mut managed = op.clone();
        managed.core = Some(core);
        managed.many_to_many = true;
        managed.manager = None;
        return Ok(Some(managed));
    }
    if !op.through_defaults.is_empty() {
        return Err(OpError::Spec(format!(
            "`through_defaults` is for a many-to-many manager; `{name}` is a reverse foreign key's"
        )));
    }
    let forward_key = |key: &str| {
        registry
            .field_of(&target, key)
            .is_ok_and(|f| f.is_relation && f.name == key)
    };
    let key = match core.children.first() {
        Some(crate::spec::QChild::Lookup(key, _)) if forward_key(key) => key.clone(),
        _ => {
            return Err(OpError::Spec(format!(
                "`{name}`: no foreign key to the object"
            )))
        }
    };
    let mut managed = op.clone();
    managed.lookup.insert(key.into(), pk);
    managed.core = Some(core);
    managed.manager = None;
    Ok(Some(managed))
}

/// ManyRelatedManager.get_or_create/update_or_create: `self.add(obj, through_defaults=...)`
/// of the object created, in an atomic block of its own.
async fn add_created(
    orm: &mut Orm<'_>,
    called: &LookupOp,
    created: &Instance,
) -> Result<(), OpError> {
    let Some((instance, relation)) = called.manager.as_deref().and_then(|m| m.split_once('.'))
    else {
        return Ok(());
    };
    let pk = created.get(&orm.state.registry.model(&created.model).pk);
    let add = crate::spec::ManyToManyOp {
        instance: instance.to_string(),
        relation: relation.to_string(),
        add: Some(vec![serde_yaml::Value::Mapping(Mapping::from_iter([(
            "pk".into(),
            pk,
        )]))]),
        remove: None,
        set: None,
        clear: false,
        bulk: None,
        through_defaults: called.through_defaults.clone(),
    };
    super::m2m::run(orm, &add).await.map(|_| ())
}

pub(super) async fn get_or_create(
    orm: &mut Orm<'_>,
    called: &LookupOp,
) -> Result<Option<u64>, OpError> {
    let managed = on_manager(orm, called)?;
    let op = managed.as_ref().unwrap_or(called);
    let (instance, created) = match find(orm, op, false).await? {
        Some(found) => (found, false),
        None => {
            race(orm, op).await?;
            create_or_recover(orm, op, &op.defaults, false).await?
        }
    };
    if created && op.many_to_many {
        add_created(orm, called, &instance).await?;
    }
    bind(orm, &op.bind, &instance);
    Ok(Some(1))
}

pub(super) async fn update_or_create(
    orm: &mut Orm<'_>,
    called: &LookupOp,
) -> Result<Option<u64>, OpError> {
    let managed = on_manager(orm, called)?;
    let op = managed.as_ref().unwrap_or(called);
    let block = orm.atomic(true).await?;
    let outcome = update_or_create_in_block(orm, op).await;
    let (instance, created) = orm.finish(block, outcome).await?;
    if created && op.many_to_many {
        add_created(orm, called, &instance).await?;
    }
    bind(orm, &op.bind, &instance);
    Ok(Some(1))
}

/// The object, and whether it was created.
async fn update_or_create_in_block(
    orm: &mut Orm<'_>,
    op: &LookupOp,
) -> Result<(Instance, bool), OpError> {
    let found = match find(orm, op, true).await? {
        Some(found) => Some(found),
        None => {
            race(orm, op).await?;
            let create_defaults = op.create_defaults.as_ref().unwrap_or(&op.defaults);
            match create_or_recover(orm, op, create_defaults, true).await? {
                (created, true) => return Ok((created, true)),
                (found, false) => Some(found),
            }
        }
    };
    let mut instance =
        found.ok_or_else(|| OpError::Raised(Raised::new("DoesNotExist", "unreachable")))?;
    // setattr(obj, k, v): a protected FSM field refuses it.
    super::transition::check_protected(orm, &instance, &op.defaults)?;
    assign(orm, &mut instance, &op.defaults)?;
    // update_fields: the defaults' fields, plus every field of the model's own table whose
    // class has a pre_save() (date and time fields, auto_now or not). Empty: no save at all.
    let mut update_fields: Vec<String> = op
        .defaults
        .keys()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    let model = orm.state.registry.model(&op.model);
    for field in &model.fields {
        if field.column != model.pk && field.has_pre_save && !update_fields.contains(&field.name) {
            update_fields.push(field.name.clone());
        }
    }
    if update_fields.is_empty() {
        return Ok((instance, false));
    }
    let options = SaveOptions {
        update_fields: Some(update_fields),
        ..SaveOptions::default()
    };
    save_with_signals(orm, &mut instance, &options).await?;
    Ok((instance, false))
}
