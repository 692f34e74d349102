//! Fields as a model declares them: `fields:` in declaration order with Django's options
//! (`db_column`, `default`, `auto_now`, `auto_now_add`), and defaults, which may name a
//! callable that pgscenario makes deterministic per spec.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::Value;

/// `fields:` as a list (`[blog, headline]`, items may be `{name: {options}}`) or as a
/// mapping from names to options; either way in declaration order.
#[derive(Debug, Clone, Default)]
pub struct FieldList {
    pub fields: Vec<(String, FieldSpec)>,
    /// Written as a mapping (`fields: {name: ...}`) rather than a list, for locating items.
    pub mapping: bool,
}

impl FieldList {
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(name, _)| name.as_str())
    }

    /// The path of a field's entry under its model, for error locations.
    pub fn path_of(&self, index: usize) -> String {
        let name = &self.fields[index].0;
        match self.mapping {
            true => format!("fields.{name}"),
            false => format!("fields[{index}].{name}"),
        }
    }
}

impl<'de> Deserialize<'de> for FieldList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = Value::deserialize(deserializer)?;
        let mapping = value.is_mapping();
        let entries: Vec<(String, Option<FieldSpec>)> = match value {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for item in items {
                    // Parsed apart so that a bad option reports serde's own message.
                    match item {
                        Value::String(name) => out.push((name, None)),
                        Value::Mapping(map) if map.len() == 1 => {
                            let declared: IndexMap<String, Option<FieldSpec>> =
                                serde_yaml::from_value(Value::Mapping(map))
                                    .map_err(D::Error::custom)?;
                            out.extend(declared);
                        }
                        _ => {
                            return Err(D::Error::custom(
                                "a `fields` item is a field name or `name: {options}`",
                            ))
                        }
                    }
                }
                out
            }
            Value::Mapping(map) => {
                let declared: IndexMap<String, Option<FieldSpec>> =
                    serde_yaml::from_value(Value::Mapping(map)).map_err(D::Error::custom)?;
                declared.into_iter().collect()
            }
            other => {
                return Err(D::Error::custom(format!(
                    "invalid type: {}, expected a list or a mapping of field names",
                    crate::spec::describe_yaml_type(&other)
                )))
            }
        };
        Ok(FieldList {
            fields: entries
                .into_iter()
                .map(|(name, spec)| (name, spec.unwrap_or_default()))
                .collect(),
            mapping,
        })
    }
}

/// What a field declares beyond its column: Django's field options that change the SQL.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The column, when it is not the field's name (`blog_id` for a foreign key `blog`).
    pub db_column: Option<String>,
    /// Django's `default=`: a value, or `{call: NAME}` (written `null` for None).
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub default: Option<Value>,
    /// Set to "now" on every save (DateField, DateTimeField, TimeField).
    #[serde(default)]
    pub auto_now: bool,
    /// Set to "now" when the object is first saved.
    #[serde(default)]
    pub auto_now_add: bool,
    /// The field's class overrides `pre_save()` (FileField, a custom field), which makes
    /// update_or_create save it. Date, DateTime and Time columns are recognised without it.
    #[serde(default)]
    pub pre_save: bool,
    /// A foreign key's name on the model it points at (`comments` for `entry.comments`, and in
    /// filters `comments__text`); default: the model's name in lower case (`entry_set` for the
    /// manager, `entry` in filters).
    pub related_name: Option<String>,
}

/// `default: null` is a default of None, not a missing default.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A field's default as the spec writes it: a value, or a callable Django calls per object.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    Value(Value),
    Call(Callable),
}

/// The callables a default may name. Their values are deterministic per spec: UUIDs are
/// numbered (`00000000-0000-4000-8000-000000000001`, ...) and "now" is the spec's `now:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callable {
    Uuid4,
    Now,
    Today,
    Dict,
    List,
}

/// The names `{call: NAME}` accepts, short and dotted, for each callable.
pub const CALLABLES: &[(&str, Callable)] = &[
    ("uuid4", Callable::Uuid4),
    ("uuid.uuid4", Callable::Uuid4),
    ("now", Callable::Now),
    ("timezone.now", Callable::Now),
    ("django.utils.timezone.now", Callable::Now),
    ("today", Callable::Today),
    ("date.today", Callable::Today),
    ("datetime.date.today", Callable::Today),
    ("dict", Callable::Dict),
    ("list", Callable::List),
];

/// How the UUIDs that `uuid4` defaults generate begin: `00000000-0000-4000-8000-`, then a
/// counter in 12 hex digits (valid version-4 UUIDs that read as a sequence).
pub const GENERATED_UUID_PREFIX: &str = "00000000-0000-4000-8000-";

impl DefaultValue {
    /// Reads a default as written: `{call: NAME}` names a callable, anything else is a value.
    pub fn parse(value: &Value) -> Result<DefaultValue, String> {
        let Value::Mapping(map) = value else {
            return Ok(DefaultValue::Value(value.clone()));
        };
        let Some(call) = map.get("call") else {
            return Ok(DefaultValue::Value(value.clone()));
        };
        if map.len() != 1 {
            return Err("`{call: NAME}` takes no other keys".to_string());
        }
        let name = call.as_str().unwrap_or_default();
        match CALLABLES.iter().find(|(n, _)| *n == name) {
            Some((_, callable)) => Ok(DefaultValue::Call(*callable)),
            None => {
                let names = CALLABLES.iter().map(|(n, _)| *n);
                let mut message = format!("unknown callable `{name}`");
                match crate::spec::suggest(name, names) {
                    Some(s) => message.push_str(&format!(", did you mean `{s}`?")),
                    None => message.push_str(&format!(
                        " (known: {})",
                        CALLABLES
                            .iter()
                            .map(|(n, _)| *n)
                            .filter(|n| !n.contains('.'))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
                Err(message)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_as_a_list_or_a_mapping_in_order() {
        let list: FieldList =
            serde_yaml::from_str("[id: {default: {call: uuid4}}, name, sku: {db_column: s}]")
                .unwrap();
        assert_eq!(list.names().collect::<Vec<_>>(), ["id", "name", "sku"]);
        assert_eq!(list.fields[2].1.db_column.as_deref(), Some("s"));
        assert_eq!(list.path_of(2), "fields[2].sku");
        let map: FieldList =
            serde_yaml::from_str("{b: , a: {auto_now: true}, c: {default: null}}").unwrap();
        assert_eq!(map.names().collect::<Vec<_>>(), ["b", "a", "c"]);
        assert!(map.fields[1].1.auto_now);
        assert_eq!(map.fields[2].1.default, Some(Value::Null));
        assert_eq!(map.fields[0].1.default, None);
        assert_eq!(map.path_of(1), "fields.a");
        let bad = serde_yaml::from_str::<FieldList>("[a: {auto_nwo: true}]").unwrap_err();
        assert!(
            bad.to_string().contains("unknown field `auto_nwo`"),
            "{bad}"
        );
    }

    #[test]
    fn defaults_name_known_callables() {
        let call = |s: &str| DefaultValue::parse(&serde_yaml::from_str(s).unwrap());
        assert_eq!(
            call("{call: uuid.uuid4}"),
            Ok(DefaultValue::Call(Callable::Uuid4))
        );
        assert_eq!(call("{call: now}"), Ok(DefaultValue::Call(Callable::Now)));
        assert_eq!(call("3"), Ok(DefaultValue::Value(3.into())));
        let err = call("{call: uuid5}").unwrap_err();
        assert!(err.contains("did you mean `uuid4`"), "{err}");
    }
}
