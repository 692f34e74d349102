//! The ORM steps of the spec format: one type per operation, read by serde as they are
//! (every key known). What serde cannot check (a model that is not declared, a conflicting
//! option set) is checked in `convert_orm`, and what only the database catalog knows
//! (fields, relations) when the spec is planned. The models they act on are in `models.rs`.

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

/// `Model.objects.create(**values)`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOp {
    pub model: String,
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub values: Mapping,
    #[serde(rename = "as")]
    pub bind: Option<String>,
    /// Called on a reverse foreign key's manager (`blog.entry_set.create(...)`):
    /// `instance.name`; the object created refers to the instance.
    pub manager: Option<String>,
}

/// `instance.save()`: of a named instance (after assigning `values`), or of a new
/// `Model(**values)`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveOp {
    pub instance: Option<String>,
    pub model: Option<String>,
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub values: Mapping,
    pub update_fields: Option<Vec<String>>,
    #[serde(default)]
    pub force_insert: bool,
    /// `save(force_update=True)`: an UPDATE, never an INSERT.
    #[serde(default)]
    pub force_update: bool,
    #[serde(rename = "as")]
    pub bind: Option<String>,
}

/// `Model.objects.get(...)`, keeping the instance under a name.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetOp {
    pub model: String,
    #[schemars(with = "Option<serde_json::Value>")]
    pub pk: Option<Value>,
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub filter: Mapping,
    #[serde(rename = "as")]
    pub bind: Option<String>,
}

/// `Model.objects.bulk_create([...])`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkCreateOp {
    pub model: String,
    #[schemars(with = "Vec<serde_json::Map<String, serde_json::Value>>")]
    pub rows: Vec<Mapping>,
    pub batch_size: Option<usize>,
    #[serde(default)]
    pub ignore_conflicts: bool,
    #[serde(default)]
    pub update_conflicts: bool,
    #[serde(default)]
    pub unique_fields: Vec<String>,
    #[serde(default)]
    pub update_fields: Vec<String>,
}

/// `Model.objects.bulk_update(objs, fields)`: each row names its primary key.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkUpdateOp {
    pub model: String,
    #[schemars(with = "Vec<serde_json::Map<String, serde_json::Value>>")]
    pub rows: Vec<Mapping>,
    pub fields: Vec<String>,
    pub batch_size: Option<usize>,
}

/// `Model.objects.filter(...).update(**values)`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOp {
    pub model: String,
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub filter: Mapping,
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub values: Mapping,
}

/// `get_or_create` / `update_or_create`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupOp {
    pub model: String,
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub lookup: Mapping,
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub defaults: Mapping,
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    pub create_defaults: Option<Mapping>,
    /// SQL that another session runs after the lookup misses and before the INSERT: the race
    /// that sends Django down its IntegrityError recovery path.
    pub concurrently: Option<String>,
    #[serde(rename = "as")]
    pub bind: Option<String>,
    /// Called on a related manager (`blog.entry_set.get_or_create(...)`): `instance.name`.
    pub manager: Option<String>,
    /// Values for the other fields of the join row a many-to-many manager adds for the
    /// object it creates.
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub through_defaults: Mapping,
    /// The manager's filter on its object, found when the step runs.
    #[serde(skip)]
    pub core: Option<super::query::Q>,
    /// The manager is a many-to-many one: its join is sticky, and what it creates is added.
    #[serde(skip)]
    pub many_to_many: bool,
}

/// add / remove / set / clear on a many-to-many relation of an instance, or on the manager
/// of a reverse foreign key (`blog.entry_set`).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManyToManyOp {
    pub instance: String,
    pub relation: String,
    #[schemars(with = "Option<Vec<serde_json::Value>>")]
    pub add: Option<Vec<Value>>,
    #[schemars(with = "Option<Vec<serde_json::Value>>")]
    pub remove: Option<Vec<Value>>,
    #[schemars(with = "Option<Vec<serde_json::Value>>")]
    pub set: Option<Vec<Value>>,
    /// clear(); with `set`, set(objs, clear=True).
    #[serde(default)]
    pub clear: bool,
    /// A reverse foreign key's `bulk=` (default true): false saves each object (add) or
    /// each object found (remove, clear) with save(), signals included.
    pub bulk: Option<bool>,
    /// Values for the other fields of an explicit through model's new rows (`add`, `set`).
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub through_defaults: Mapping,
}

/// `Model.objects.filter(...).delete()` or `instance.delete()`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteOp {
    pub model: Option<String>,
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub filter: Mapping,
    pub instance: Option<String>,
}

/// `instance.refresh_from_db(fields=[...])`: the instance's values read again.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshOp {
    pub instance: String,
    pub fields: Option<Vec<String>>,
}

/// A django-fsm-2 transition method called on an instance.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionOp {
    pub instance: String,
    pub name: String,
    /// Save the instance in the same step.
    #[serde(default)]
    pub save: bool,
}
