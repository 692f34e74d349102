//! The ORM part of the spec format: `models:` and the operation steps that use them.
//!
//! These types are read by serde as they are (every key known); what serde cannot check (a
//! model that is not declared, a conflicting option set) is checked in `convert`, and what
//! only the database catalog knows (fields, relations) when the spec is planned.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

/// A model: a table, plus what the catalog cannot know.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// Default: the model name in snake case (`BlogEntry` -> `blog_entry`).
    pub table: Option<String>,
    /// The fields in the model's declaration order, which is the order Django lists columns
    /// in; default: the table's column order (Django's own DDL puts foreign keys last).
    pub fields: Option<Vec<String>>,
    /// Values the ORM sends for fields a call does not give (a field's Python default).
    #[serde(default)]
    pub defaults: Mapping,
    #[serde(default)]
    pub signals: Signals,
    /// Multi-table inheritance: the parent model, whose primary key this table's references.
    pub parent: Option<String>,
    #[serde(default)]
    pub many_to_many: BTreeMap<String, ManyToManySpec>,
    pub fsm: Option<FsmSpec>,
    /// Django's `on_delete` of this model's foreign keys, by field name (`blog` or `blog_id`).
    /// Django's DDL puts no ON DELETE in the database, so the ORM does the cascading; a key
    /// not listed is CASCADE (SET_NULL when the database's constraint says ON DELETE SET NULL).
    #[serde(default)]
    pub on_delete: BTreeMap<String, OnDelete>,
    /// Where the model is declared (filled in when the file is loaded).
    #[serde(skip)]
    pub location: Option<crate::spec::Location>,
}

/// What the delete collector does with the rows that reference a deleted object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum OnDelete {
    /// Delete them too (collected, or one fast DELETE).
    #[serde(rename = "CASCADE")]
    Cascade,
    /// Refuse: ProtectedError when there are any.
    #[serde(rename = "PROTECT")]
    Protect,
    /// `UPDATE ... SET fk = NULL` before the DELETEs.
    #[serde(rename = "SET_NULL")]
    SetNull,
    /// Leave them to the database.
    #[serde(rename = "DO_NOTHING")]
    DoNothing,
}

/// Receivers of Django's model signals.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signals {
    pub pre_save: Option<SignalAction>,
    pub post_save: Option<SignalAction>,
    pub pre_delete: Option<SignalAction>,
    pub post_delete: Option<SignalAction>,
}

/// What a receiver (or an FSM hook) does: set fields of the instance, and/or run SQL. Both
/// are templates over the instance's fields (and `pk`, `model`, `created`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalAction {
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    pub sql: Option<String>,
}

/// A many-to-many relation through a join table whose columns come from its foreign keys.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManyToManySpec {
    pub to: String,
    /// Default: `<table>_<relation>`, as Django names auto-created join tables.
    pub through: Option<String>,
}

/// A django-fsm-2 state machine on one field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FsmSpec {
    pub field: String,
    /// Assigning the field directly is an error (FSMField(protected=True)).
    #[serde(default)]
    pub protected: bool,
    /// ConcurrentTransitionMixin: save() checks the state it loaded.
    #[serde(default)]
    pub concurrent: bool,
    pub transitions: BTreeMap<String, TransitionSpec>,
}

/// One transition: where from, where to, when, and what happens around it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionSpec {
    /// A state, a list of states, `*` (any) or `+` (any but the target).
    pub source: Sources,
    pub target: String,
    /// Expressions over the instance's fields, all of which must hold.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// The state to set when the transition's `method_body` raises.
    pub on_error: Option<String>,
    /// What the decorated method itself does (its body), between the two signals. Only an
    /// exception here leads to `on_error`, as in django-fsm-2.
    pub method_body: Option<SignalAction>,
    /// Receivers of django-fsm-2's pre_transition / post_transition signals for this method.
    pub pre_transition: Option<SignalAction>,
    pub post_transition: Option<SignalAction>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Sources {
    One(String),
    Many(Vec<String>),
}

impl Sources {
    pub fn states(&self) -> Vec<&str> {
        match self {
            Sources::One(s) => vec![s.as_str()],
            Sources::Many(list) => list.iter().map(String::as_str).collect(),
        }
    }
}

/// `Model.objects.create(**values)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateOp {
    pub model: String,
    #[serde(default)]
    pub values: Mapping,
    #[serde(rename = "as")]
    pub bind: Option<String>,
}

/// `instance.save()`: of a named instance (after assigning `values`), or of a new
/// `Model(**values)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveOp {
    pub instance: Option<String>,
    pub model: Option<String>,
    #[serde(default)]
    pub values: Mapping,
    pub update_fields: Option<Vec<String>>,
    #[serde(default)]
    pub force_insert: bool,
    #[serde(rename = "as")]
    pub bind: Option<String>,
}

/// `Model.objects.get(...)`, keeping the instance under a name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GetOp {
    pub model: String,
    pub pk: Option<Value>,
    #[serde(default)]
    pub filter: Mapping,
    #[serde(rename = "as")]
    pub bind: Option<String>,
}

/// `Model.objects.bulk_create([...])`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkCreateOp {
    pub model: String,
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkUpdateOp {
    pub model: String,
    pub rows: Vec<Mapping>,
    pub fields: Vec<String>,
    pub batch_size: Option<usize>,
}

/// `Model.objects.filter(...).update(**values)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateOp {
    pub model: String,
    #[serde(default)]
    pub filter: Mapping,
    pub values: Mapping,
}

/// `get_or_create` / `update_or_create`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookupOp {
    pub model: String,
    pub lookup: Mapping,
    #[serde(default)]
    pub defaults: Mapping,
    pub create_defaults: Option<Mapping>,
    /// SQL that another session runs after the lookup misses and before the INSERT: the race
    /// that sends Django down its IntegrityError recovery path.
    pub concurrently: Option<String>,
    #[serde(rename = "as")]
    pub bind: Option<String>,
}

/// add / remove / set / clear on a many-to-many relation of an instance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManyToManyOp {
    pub instance: String,
    pub relation: String,
    pub add: Option<Vec<Value>>,
    pub remove: Option<Vec<Value>>,
    pub set: Option<Vec<Value>>,
    #[serde(default)]
    pub clear: bool,
    /// Values for the other fields of an explicit through model's new rows (`add`, `set`).
    #[serde(default)]
    pub through_defaults: Mapping,
}

/// `Model.objects.filter(...).delete()` or `instance.delete()`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteOp {
    pub model: Option<String>,
    #[serde(default)]
    pub filter: Mapping,
    pub instance: Option<String>,
}

/// A django-fsm-2 transition method called on an instance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionOp {
    pub instance: String,
    pub name: String,
    /// Save the instance in the same step.
    #[serde(default)]
    pub save: bool,
}
