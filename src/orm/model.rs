//! Models resolved against the catalog (see `resolve.rs`): each model's table, its fields in
//! declaration order with their Python names, columns and options, the primary key, the
//! parent link, many-to-many join tables, and what the spec adds (signals, FSM).

use indexmap::IndexMap;

use crate::spec::{suggest, DefaultValue, FsmSpec, M2mSignals, Signals};

pub use super::references::Reference;

/// The kind of date/time a column holds: what "now" means for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temporal {
    Date,
    DateTime,
    Time,
}

impl Temporal {
    /// DateField, DateTimeField and TimeField by their PostgreSQL types.
    pub fn of(cast_type: &str) -> Option<Temporal> {
        match cast_type {
            "date" => Some(Temporal::Date),
            "timestamp with time zone" | "timestamp" => Some(Temporal::DateTime),
            "time" | "time with time zone" => Some(Temporal::Time),
            _ => None,
        }
    }
}

/// A concrete field of a model's own table.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Python name (`blog` for a foreign key), what Django's messages and lookups use.
    pub name: String,
    /// The attribute holding the value (`blog_id` for a foreign key; else the name).
    pub attname: String,
    pub column: String,
    pub cast_type: String,
    /// The full type with modifiers (`varchar(100)`), as Django's Cast writes it.
    pub db_type: String,
    pub not_null: bool,
    /// The database fills it in when it is not given (a DEFAULT or a serial).
    pub has_db_default: bool,
    /// A serial or identity column (the auto primary key).
    pub generated: bool,
    /// The column is a foreign key.
    pub is_relation: bool,
    /// The model this foreign key points at, when it is a model of the spec.
    pub related_model: Option<String>,
    /// The column it points at (the target's primary key, usually).
    pub related_column: Option<String>,
    /// Its declared `related_name`.
    pub related_name: Option<String>,
    /// Django's `default=`.
    pub default: Option<DefaultValue>,
    pub auto_now: bool,
    pub auto_now_add: bool,
    /// The field's class overrides `pre_save()` (every date/time field, FileField):
    /// update_or_create adds it to `update_fields`.
    pub has_pre_save: bool,
    pub temporal: Option<Temporal>,
    /// `unique=True` (a unique constraint or index on this column alone).
    pub unique: bool,
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
    pub m2m_changed: M2mSignals,
    /// A relation of a model to itself whose rows come in mirrored pairs.
    pub symmetrical: bool,
    /// The reverse manager's name on the target model (`entry_set`), if it has one.
    pub related_name: Option<String>,
    /// The name filters on the target model use for it (`related_query_name`): the declared
    /// related_name, else the owner's name in lower case (`entry`); a hidden one ends in `+`
    /// (`related_rel_+` for a symmetrical relation), as Django names it.
    pub query_name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub table: String,
    pub pk: String,
    pub fields: Vec<Field>,
    /// Multi-table inheritance: the parent model; this table's primary key references it.
    pub parent: Option<String>,
    pub signals: Signals,
    pub many_to_many: IndexMap<String, ManyToMany>,
    pub fsm: Option<FsmSpec>,
    /// Django created it for a many-to-many relation without `through=`: (owner, relation).
    pub auto_created: Option<(String, String)>,
}

impl Field {
    /// The field as an INSERT column, with the type Django casts its UNNEST array to.
    pub fn insert_column(&self) -> crate::sql::compiler::InsertColumn {
        crate::sql::compiler::InsertColumn {
            name: self.column.clone(),
            cast_type: self.cast_type.clone(),
        }
    }

    /// Whether a spec's name stands for this field: its name or its attribute name.
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.attname == name
    }

    /// A JSON column: values go to the database as JSON text.
    pub fn is_json(&self) -> bool {
        matches!(self.cast_type.as_str(), "jsonb" | "json")
    }

    /// Whether a new object gets a value without the caller giving one: a non-None
    /// default, "now", a database default, or '' (Django's default for NOT NULL text).
    pub fn fills_itself(&self) -> bool {
        let default = match &self.default {
            Some(DefaultValue::Value(value)) => !value.is_null(),
            Some(DefaultValue::Call(_)) => true,
            None => false,
        };
        default
            || self.auto_now
            || self.auto_now_add
            || self.has_db_default
            || (self.is_text() && !self.is_relation)
    }

    /// A text column (CharField, TextField and their kin allow '' as an empty value).
    pub fn is_text(&self) -> bool {
        matches!(self.cast_type.as_str(), "varchar" | "text" | "char")
    }

    pub fn is_datetime(&self) -> bool {
        self.temporal == Some(Temporal::DateTime)
    }

    /// A DateTimeField stored with its zone (`timestamp with time zone`).
    pub fn is_timestamptz(&self) -> bool {
        self.cast_type == "timestamp with time zone"
    }

    /// A value as the database gets it: of the field's type (`coerce`), JSON fields send JSON text, as Django's JSONField
    /// does (`json.dumps`); datetimes in Python's form, made aware in TIME_ZONE with USE_TZ;
    /// None stays NULL.
    pub fn db_value(
        &self,
        value: &serde_yaml::Value,
        settings: &crate::spec::DjangoSettings,
    ) -> serde_yaml::Value {
        let converted = super::coerce::to_field_type(self, value);
        let value = &converted;
        match value {
            serde_yaml::Value::Null => serde_yaml::Value::Null,
            serde_yaml::Value::String(text) if self.temporal == Some(Temporal::DateTime) => {
                match settings.prep_datetime(text) {
                    Some((prepared, _)) => serde_yaml::Value::String(prepared),
                    None => value.clone(),
                }
            }
            value if self.is_json() => match crate::db::value::python_json(value) {
                Ok(text) => serde_yaml::Value::String(text),
                Err(_) => value.clone(),
            },
            value => value.clone(),
        }
    }
}

impl Model {
    /// The field a spec names: by name, attribute name (`blog_id`), or `pk`.
    pub fn field(&self, name: &str) -> Result<&Field, String> {
        let found = match name {
            "pk" => self.fields.iter().find(|f| f.column == self.pk),
            _ => self.fields.iter().find(|f| f.is_named(name)),
        };
        found.ok_or_else(|| {
            let known = self.fields.iter().map(|f| f.name.as_str());
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

    /// The field stored in a column of this table.
    pub fn by_column(&self, column: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.column == column)
    }

    /// A primary key that Django fills in before saving (`default=uuid4`): save() goes
    /// straight to the INSERT for a new object.
    pub fn pk_has_default(&self) -> bool {
        let pk = self.pk_field();
        pk.default.is_some() || (pk.has_db_default && !pk.generated)
    }
}

/// All models of a spec, in registration order (the order Django registers them).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub models: IndexMap<String, Model>,
    /// Every foreign key to a model, in registration order, then field order: the order of
    /// Django's reverse relations.
    pub references: Vec<Reference>,
    /// USE_TZ and TIME_ZONE, which decide how datetimes are sent, read and looked up.
    pub settings: crate::spec::DjangoSettings,
}

impl Registry {
    pub fn model(&self, name: &str) -> &Model {
        &self.models[name]
    }

    /// The reverse manager a foreign key gives the model it points at (`entry_set`, or its
    /// `related_name`), with the key's field; none for a parent link, a `related_name`
    /// ending in `+` or the key of an auto-created through model.
    pub fn reverse_accessor(&self, reference: &Reference) -> Option<(String, &Field)> {
        if reference.parent_link {
            return None;
        }
        let owner = self.models.get(&reference.model)?;
        if owner.auto_created.is_some() {
            return None;
        }
        let field = owner.by_column(&reference.column)?;
        let name = match &field.related_name {
            Some(n) if n.ends_with('+') => return None,
            Some(n) => n.clone(),
            None => format!("{}_set", reference.model.to_lowercase()),
        };
        Some((name, field))
    }

    /// The foreign key whose reverse manager on `model` (or on one of its parents) is named
    /// `name`: `blog.entry_set` is Entry's `blog`.
    pub fn reverse_key(&self, model: &str, name: &str) -> Option<(&Reference, &Field)> {
        let mut models = vec![model];
        models.extend(self.ancestors(model).into_iter().map(|m| m.name.as_str()));
        models.into_iter().find_map(|owner| {
            self.references.iter().find_map(|r| {
                let (accessor, field) = self.reverse_accessor(r).filter(|_| r.to == owner)?;
                (accessor == name).then_some((r, field))
            })
        })
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

    /// The model with its ancestors, root first: the tables a save() writes, in order.
    pub fn chain(&self, name: &str) -> Vec<&Model> {
        let mut chain = self.ancestors(name);
        chain.reverse();
        chain.push(self.model(name));
        chain
    }

    /// The attribute name of a column of the model or its ancestors (the column itself when
    /// no field has it).
    pub fn attname(&self, model: &str, column: &str) -> String {
        self.field_by_column(model, column)
            .map_or_else(|| column.to_string(), |f| f.attname.clone())
    }

    /// A value the database returned for a column of the model, as the object holds it.
    pub fn load(
        &self,
        model: &str,
        column: &str,
        value: &crate::db::value::Value,
    ) -> serde_yaml::Value {
        let field = self.field_by_column(model, column);
        let temporal = field.and_then(|f| f.temporal);
        let loaded = super::field_value(temporal, value);
        match (field, loaded) {
            (Some(f), serde_yaml::Value::String(text)) if f.is_timestamptz() => {
                serde_yaml::Value::String(self.settings.read_datetime(text))
            }
            (_, loaded) => loaded,
        }
    }

    /// The field stored in a column, looked up on the model and its ancestors.
    pub fn field_by_column(&self, model: &str, column: &str) -> Option<&Field> {
        self.chain(model)
            .into_iter()
            .find_map(|m| m.by_column(column))
    }
}
