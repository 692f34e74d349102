//! The `models:` part of the spec format: what a model declares beyond what the catalog
//! knows (field names and options, defaults, signals, relations, a state machine), read by
//! serde as written. Models keep their declaration order, which is Django's registration
//! order: the delete collector follows reverse relations in it.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

pub use super::fields::*;

/// The models of a spec, in the order they are declared (fixtures' first).
pub type Models = IndexMap<String, ModelSpec>;

/// A model: a table, plus what the catalog cannot know.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// Default: the model name in snake case (`BlogEntry` -> `blog_entry`).
    pub table: Option<String>,
    /// The fields in the model's declaration order, which is the order Django lists columns
    /// in, each with its options; default: the table's column order (Django's own DDL puts
    /// foreign keys last).
    pub fields: Option<FieldList>,
    /// Values the ORM sends for fields a call does not give (a field's `default=`): a value,
    /// or `{call: NAME}` for a callable such as `uuid.uuid4` or `timezone.now`.
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub defaults: Mapping,
    #[serde(default)]
    pub signals: Signals,
    /// Multi-table inheritance: the parent model, whose primary key this table's references.
    pub parent: Option<String>,
    #[serde(default)]
    pub many_to_many: IndexMap<String, ManyToManySpec>,
    pub fsm: Option<FsmSpec>,
    /// Django's `on_delete` of this model's foreign keys, by field name (`blog` or `blog_id`).
    /// Django's DDL puts no ON DELETE in the database, so the ORM does the cascading; a key
    /// not listed is CASCADE (SET_NULL when the database's constraint says ON DELETE SET NULL).
    #[serde(default)]
    pub on_delete: BTreeMap<String, OnDelete>,
    /// Where the model is declared (filled in when the file is loaded).
    #[serde(skip)]
    pub location: Option<crate::spec::Location>,
    /// Where its entries are written, by path under the model (`fields.sku`,
    /// `defaults.price`, `on_delete.blog`, `many_to_many.tags`), for errors found later.
    #[serde(skip)]
    pub locations: BTreeMap<String, crate::spec::Location>,
    /// The model Django creates for a many-to-many relation without `through=` (named
    /// `Owner_relation`, reached as `Owner.relation.through`): its owner and relation.
    #[serde(skip)]
    pub auto_created: Option<(String, String)>,
}

/// What the delete collector does with the rows that reference a deleted object.
#[derive(Debug, Clone, PartialEq)]
pub enum OnDelete {
    /// Delete them too (collected, or one fast DELETE).
    Cascade,
    /// Refuse: ProtectedError when there are any.
    Protect,
    /// Refuse unless they are deleted by a CASCADE of the same delete: RestrictedError.
    Restrict,
    /// `UPDATE ... SET fk = NULL` before the DELETEs.
    SetNull,
    /// The rows are fetched, then their key set to the field's default.
    SetDefault,
    /// `SET(value)`, written `{SET: value}`: the key set to a value (`{SET: {call: NAME}}`
    /// for a callable, whose rows are fetched first, as Django does).
    Set(Value),
    /// Leave them to the database.
    DoNothing,
}

/// The names `on_delete` accepts, as Django spells them.
const ON_DELETE_NAMES: &[&str] = &[
    "CASCADE",
    "PROTECT",
    "RESTRICT",
    "SET_NULL",
    "SET_DEFAULT",
    "DO_NOTHING",
];

impl<'de> Deserialize<'de> for OnDelete {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = Value::deserialize(deserializer)?;
        let unknown = |name: &str| {
            let mut message = format!("unknown on_delete `{name}`");
            match crate::spec::suggest(name, ON_DELETE_NAMES.iter().copied()) {
                Some(s) => message.push_str(&format!(", did you mean `{s}`?")),
                None => message.push_str(&format!(
                    " (one of {}, or {{SET: value}})",
                    ON_DELETE_NAMES.join(", ")
                )),
            }
            D::Error::custom(message)
        };
        match &value {
            Value::String(name) => Ok(match name.as_str() {
                "CASCADE" => OnDelete::Cascade,
                "PROTECT" => OnDelete::Protect,
                "RESTRICT" => OnDelete::Restrict,
                "SET_NULL" => OnDelete::SetNull,
                "SET_DEFAULT" => OnDelete::SetDefault,
                "DO_NOTHING" => OnDelete::DoNothing,
                "SET" => return Err(D::Error::custom("SET takes a value: write `{SET: value}`")),
                other => return Err(unknown(other)),
            }),
            Value::Mapping(map) if map.len() == 1 => match map.iter().next() {
                Some((Value::String(key), inner)) if key == "SET" => {
                    Ok(OnDelete::Set(inner.clone()))
                }
                Some((Value::String(key), _)) if ON_DELETE_NAMES.contains(&key.as_str()) => {
                    Err(D::Error::custom(format!(
                        "{key} takes no value: write `{key}` (only SET takes one, as `{{SET: value}}`)"
                    )))
                }
                Some((Value::String(key), _)) => Err(unknown(key)),
                _ => Err(unknown("?")),
            },
            other => Err(D::Error::custom(format!(
                "invalid type: {}, expected an on_delete name such as CASCADE, or {{SET: value}}",
                crate::spec::describe_yaml_type(other)
            ))),
        }
    }
}

impl OnDelete {
    /// Django's name for it, as in messages.
    pub fn name(&self) -> &'static str {
        match self {
            OnDelete::Cascade => "CASCADE",
            OnDelete::Protect => "PROTECT",
            OnDelete::Restrict => "RESTRICT",
            OnDelete::SetNull => "SET_NULL",
            OnDelete::SetDefault => "SET_DEFAULT",
            OnDelete::Set(_) => "SET",
            OnDelete::DoNothing => "DO_NOTHING",
        }
    }
}

/// Receivers of Django's model signals.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signals {
    pub pre_save: Option<SignalAction>,
    pub post_save: Option<SignalAction>,
    pub pre_delete: Option<SignalAction>,
    pub post_delete: Option<SignalAction>,
}

/// What a receiver (or an FSM hook) does: set fields of the instance, and/or run SQL. Both
/// are templates over the instance's fields (and `pk`, `model`, `created`).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignalAction {
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    pub sql: Option<String>,
}

/// A many-to-many relation through a join table whose columns come from its foreign keys.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManyToManySpec {
    /// The target model, or `self` for the model itself (which makes the relation
    /// symmetrical unless `symmetrical: false`, as `ManyToManyField("self")` is).
    pub to: String,
    /// Adding or removing a row also adds or removes its mirror. Default: `to: self`.
    pub symmetrical: Option<bool>,
    /// The name of the reverse manager on the target model (default `<model>_set`, as
    /// `entry_set`; `+` for none). A symmetrical relation has none.
    pub related_name: Option<String>,
    /// Default: `<table>_<relation>`, as Django names auto-created join tables.
    pub through: Option<String>,
    /// Receivers of `m2m_changed` with this relation's through model as sender.
    #[serde(default)]
    pub m2m_changed: M2mSignals,
}

/// `m2m_changed` receivers by action. Their templates see the instance's fields, `action`,
/// `pk_set` (the ids, a list; empty for the clear actions) and `model` (the target model).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct M2mSignals {
    pub pre_add: Option<SignalAction>,
    pub post_add: Option<SignalAction>,
    pub pre_remove: Option<SignalAction>,
    pub post_remove: Option<SignalAction>,
    pub pre_clear: Option<SignalAction>,
    pub post_clear: Option<SignalAction>,
}

impl M2mSignals {
    pub fn any(&self) -> bool {
        [
            &self.pre_add,
            &self.post_add,
            &self.pre_remove,
            &self.post_remove,
            &self.pre_clear,
            &self.post_clear,
        ]
        .iter()
        .any(|a| a.is_some())
    }

    /// The receiver of an action (`pre_add`, ...).
    pub fn get(&self, action: &str) -> Option<&SignalAction> {
        match action {
            "pre_add" => self.pre_add.as_ref(),
            "post_add" => self.post_add.as_ref(),
            "pre_remove" => self.pre_remove.as_ref(),
            "post_remove" => self.post_remove.as_ref(),
            "pre_clear" => self.pre_clear.as_ref(),
            "post_clear" => self.post_clear.as_ref(),
            _ => None,
        }
    }
}

/// A django-fsm-2 state machine on one field.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_delete_reads_names_and_set() {
        let read = |s: &str| serde_yaml::from_str::<OnDelete>(s).map_err(|e| e.to_string());
        assert_eq!(read("RESTRICT"), Ok(OnDelete::Restrict));
        assert_eq!(read("{SET: 1}"), Ok(OnDelete::Set(1.into())));
        assert!(read("RESTRCT")
            .unwrap_err()
            .contains("did you mean `RESTRICT`"));
        assert!(read("SET").unwrap_err().contains("{SET: value}"));
        assert!(read("[CASCADE]")
            .unwrap_err()
            .contains("invalid type: a list"));
    }
}
