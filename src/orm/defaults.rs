//! What a field holds when a call does not give it: Django's `field.get_default()`, with
//! callables (`uuid.uuid4`, `timezone.now`, ...) made deterministic per spec, and "now" for
//! auto_now fields (`pre_save`).

use std::sync::atomic::{AtomicU64, Ordering};

use serde_yaml::{Mapping, Value as Yaml};

use super::concurrency::track_state;
use super::model::{Field, Temporal};
use super::{Instance, Orm};
use crate::spec::{Callable, DefaultValue, DjangoSettings, FrozenNow};

/// The values callables produce in one spec: numbered UUIDs and the frozen "now".
#[derive(Debug, Default)]
pub struct Generator {
    uuids: AtomicU64,
    pub now: FrozenNow,
    /// USE_TZ and TIME_ZONE: "now" is aware in UTC, or a wall time in TIME_ZONE.
    pub settings: DjangoSettings,
}

use crate::spec::GENERATED_UUID_PREFIX as UUID_PREFIX;

impl Generator {
    pub fn new(now: FrozenNow, settings: DjangoSettings) -> Generator {
        Generator {
            uuids: AtomicU64::new(0),
            now,
            settings,
        }
    }

    /// One call of a callable default, for a field (whose type decides how "now" is sent).
    pub fn call(&self, callable: Callable, field: &Field) -> Yaml {
        match callable {
            Callable::Uuid4 => {
                let n = self.uuids.fetch_add(1, Ordering::Relaxed) + 1;
                Yaml::String(format!("{UUID_PREFIX}{n:012x}"))
            }
            Callable::Now => self.now_for(field),
            Callable::Today => Yaml::String(self.wall_clock().0),
            Callable::Dict => Yaml::Mapping(Mapping::new()),
            Callable::List => Yaml::Sequence(Vec::new()),
        }
    }

    /// "Now" as the field's type takes it: DateTimeField `timezone.now()`, DateField
    /// `date.today()`, TimeField `datetime.now().time()`.
    pub fn now_for(&self, field: &Field) -> Yaml {
        Yaml::String(match field.temporal {
            Some(Temporal::Date) => self.wall_clock().0,
            Some(Temporal::Time) => self.wall_clock().1,
            _ => self.settings.now_datetime(&self.now),
        })
    }

    /// `date.today()` and `datetime.now().time()`: the wall clock of the process, whose
    /// zone Django sets to TIME_ZONE.
    fn wall_clock(&self) -> (String, String) {
        let local = DjangoSettings {
            use_tz: false,
            ..self.settings.clone()
        }
        .now_datetime(&self.now);
        let (date, time) = local.split_once(' ').unwrap_or((&local, "00:00:00"));
        (date.to_string(), time.to_string())
    }
}

impl Orm<'_> {
    /// `field.get_default()`: the declared default (a callable is called), else what Django
    /// has for a field without one ('' for a NOT NULL text field, else None: a foreign key
    /// allows no empty string, even to a text primary key); `None` means the database fills
    /// it in (a column DEFAULT, as for `db_default`).
    pub fn generate_default(&self, field: &Field) -> Option<Yaml> {
        match &field.default {
            Some(DefaultValue::Value(value)) => return Some(value.clone()),
            Some(DefaultValue::Call(callable)) => {
                return Some(self.state.generator.call(*callable, field))
            }
            None => {}
        }
        if field.has_db_default && !field.generated {
            return None;
        }
        if field.not_null && !field.is_relation && field.is_text() {
            return Some(Yaml::String(String::new()));
        }
        Some(Yaml::Null)
    }

    /// `Model.__init__`: the default of every field the instance has no value for, in field
    /// order (the primary key too when it has a default, `uuid4` say), on the model and its
    /// ancestors; then the FSM state it starts in (ConcurrentTransitionMixin.__init__).
    pub fn apply_defaults(&self, instance: &mut Instance) {
        let registry = std::sync::Arc::clone(&self.state.registry);
        for model in registry.chain(&instance.model) {
            for field in &model.fields {
                if instance.values.contains_key(&field.column) {
                    continue;
                }
                if field.column == model.pk && field.default.is_none() {
                    // A key without a default stays None for the database to generate,
                    // except a NOT NULL text key, whose default is '' as any text field's.
                    if let Some(empty @ Yaml::String(_)) = self.generate_default(field) {
                        instance.set(&field.column, empty);
                    }
                    continue;
                }
                if let Some(value) = self.generate_default(field) {
                    instance.set(&field.column, value);
                }
            }
        }
        track_state(&registry, instance);
    }

    /// `Field.pre_save(obj, add)` of auto_now and auto_now_add fields: set "now" on the
    /// instance before its table is written.
    pub fn pre_save(&self, model: &super::Model, instance: &mut Instance, add: bool) {
        for field in &model.fields {
            if field.auto_now || (field.auto_now_add && add) {
                instance.set(&field.column, self.state.generator.now_for(field));
            }
        }
    }
}
