//! The JSON Schema of the spec format, generated from the types serde reads specs into, for
//! editors (yaml-language-server) and other tools. `pgscenario schema` prints it; the copy in
//! docs/ is held to it by a test.
//!
//! Most types derive their schema next to `Deserialize`; the few whose `Deserialize` is
//! written by hand (for better messages) describe the same shapes here.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::fields::{FieldList, FieldSpec};
use super::models::OnDelete;
use super::query::{QueryOp, QUERY_KEYS};
use super::raw::{
    RawErrorExpect, RawErrorFields, RawQueries, RawQueryBudget, RawSessionOptions, RawSessions,
    RawSpec,
};

/// The schema of a spec file (and of a fixture file, whose keys are a spec's).
pub fn spec_schema() -> serde_json::Value {
    // Draft 7: the one every editor's YAML and JSON support reads.
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = serde_json::to_value(generator.into_root_schema_for::<RawSpec>())
        .expect("a schema serializes to JSON");
    precise_options(&mut schema);
    schema["title"] = "pgscenario spec".into();
    schema["description"] = "A pgscenario spec (or fixture) file: setup SQL, ORM-style steps, and the queries they are expected to send. Values may be written with minijinja templates, which are rendered before the file is read.".into();
    schema
}

/// schemars writes an optional structure as `anyOf: [{$ref}, {type: null}]`, and a validator
/// reports any mistake inside it as "not valid under any of the schemas" at the `anyOf`.
/// `if: {type: null}, else: {$ref}` allows the same values, and reports each mistake inside
/// at its own place.
fn precise_options(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let optional = map
                .get("anyOf")
                .and_then(|a| a.as_array())
                .and_then(|items| {
                    let null = serde_json::json!({ "type": "null" });
                    match items.as_slice() {
                        [inner, n] | [n, inner] if *n == null => Some(inner.clone()),
                        _ => None,
                    }
                });
            if let Some(inner) = optional {
                map.remove("anyOf");
                map.insert("if".into(), serde_json::json!({ "type": "null" }));
                map.insert("else".into(), inner);
            }
            map.values_mut().for_each(precise_options);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(precise_options),
        _ => {}
    }
}

/// A schema that allows any value: a key whose value the loader checks itself.
fn any(description: &str) -> Schema {
    json_schema!({ "description": description })
}

impl JsonSchema for FieldList {
    fn schema_name() -> Cow<'static, str> {
        "FieldList".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let options = generator.subschema_for::<Option<FieldSpec>>();
        json_schema!({
            "description": "The model's fields in declaration order: a list of names (items may be `name: {options}`), or a mapping of names to options.",
            "type": ["array", "object"],
            "if": { "type": "array" },
            "then": {
                "items": {
                    "type": ["string", "object"],
                    "if": { "type": "object" },
                    "then": { "minProperties": 1, "maxProperties": 1, "additionalProperties": options }
                }
            },
            "else": { "additionalProperties": options }
        })
    }
}

impl JsonSchema for OnDelete {
    fn schema_name() -> Cow<'static, str> {
        "OnDelete".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "What deleting the referenced row does to this one, as Django names it; `{SET: value}` sets the key to a value.",
            "type": ["string", "object"],
            "if": { "type": "string" },
            "then": { "enum": ["CASCADE", "PROTECT", "RESTRICT", "SET_NULL", "SET_DEFAULT", "DO_NOTHING"] },
            "else": {
                "properties": { "SET": {} },
                "required": ["SET"],
                "additionalProperties": false
            }
        })
    }
}

impl JsonSchema for RawSessions {
    fn schema_name() -> Cow<'static, str> {
        "Sessions".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let options = generator.subschema_for::<Option<RawSessionOptions>>();
        json_schema!({
            "description": "Named sessions, each its own connection, in order (the first is where steps run by default): a list of names, or a mapping of names to their options.",
            "type": ["array", "object"],
            "if": { "type": "array" },
            "then": { "items": { "type": "string" } },
            "else": { "additionalProperties": options }
        })
    }
}

impl JsonSchema for RawErrorExpect {
    fn schema_name() -> Cow<'static, str> {
        "ErrorExpect".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let fields = generator.subschema_for::<RawErrorFields>();
        json_schema!({
            "description": "The error expected: a SQLSTATE (\"23505\"), an exception's class name (IntegrityError), or a mapping with `sqlstate`, `name` and/or `message`.",
            "type": ["string", "integer", "object"],
            "if": { "type": "object" },
            "then": fields,
            "else": { "minimum": 0 }
        })
    }
}

impl JsonSchema for RawQueries {
    fn schema_name() -> Cow<'static, str> {
        "Queries".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let budget = generator.subschema_for::<RawQueryBudget>();
        json_schema!({
            "description": "How many queries: exactly this many, or a mapping with `min`, `max` and/or `transactions`.",
            "type": ["integer", "object"],
            "if": { "type": "object" },
            "then": budget,
            "else": { "minimum": 0 }
        })
    }
}

/// `params:` of `sql`, `raw` and `cursor`: a list for `%s`, a mapping for `%(name)s`.
pub(super) struct ParamsSchema;

impl JsonSchema for ParamsSchema {
    fn schema_name() -> Cow<'static, str> {
        "Params".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Parameters: a list for `%s` placeholders, or a mapping for `%(name)s` ones.",
            "type": ["array", "object"]
        })
    }
}

impl JsonSchema for QueryOp {
    fn schema_name() -> Cow<'static, str> {
        "Query".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names = json_schema!({
            "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }]
        });
        let filters = json_schema!({
            "anyOf": [{ "type": "object" }, { "type": "array", "items": { "type": "object" } }]
        });
        let flag = json_schema!({ "type": "boolean" });
        let mut properties = serde_json::Map::new();
        for key in QUERY_KEYS {
            let schema = match *key {
                "model" => json_schema!({ "type": "string", "description": "The model queried." }),
                "manager" => json_schema!({
                    "type": "string",
                    "pattern": "^[^.]+\\.[^.]+$",
                    "description": "A related manager, `instance.manager` (`blog.entry_set`)."
                }),
                "as" => {
                    json_schema!({ "type": "string", "description": "Binds the result for later steps." })
                }
                "filter" | "exclude" => filters.clone(),
                "select_related" => json_schema!({
                    "anyOf": [
                        { "type": "string" },
                        { "type": "array", "items": { "type": "string" } },
                        { "const": true }
                    ],
                    "description": "Forward keys to join (`true` or `[]`: every non-null one, as select_related() does)."
                }),
                "only" | "defer" | "access" => names.clone(),
                "values_list" => json_schema!({
                    "anyOf": [
                        { "type": ["string", "object"] },
                        { "type": "array", "items": { "type": ["string", "object"] } }
                    ],
                    "description": "`values_list(*fields)`: names, and expressions (selected as Django names them: `lower1`)."
                }),
                "dates" | "datetimes" => {
                    let mut properties = serde_json::json!({
                        "field": { "type": "string" },
                        "kind": { "type": "string" },
                        "order": { "type": "string", "description": "`ASC` (default) or `DESC`." }
                    });
                    if *key == "datetimes" {
                        properties["tzinfo"] = serde_json::json!({
                            "type": "string",
                            "description": "A time zone's name (`Asia/Tokyo`); the current time zone without it."
                        });
                    }
                    json_schema!({
                        "type": "object",
                        "properties": properties,
                        "required": ["field", "kind"],
                        "additionalProperties": false,
                        "description": format!("`{key}(field, kind, order)`: the distinct truncated values, ordered, as a flat values_list.")
                    })
                }
                "latest" | "earliest" => json_schema!({
                    "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }],
                    "description": "`latest(*fields)` / `earliest(*fields)`: the object first by those fields (evaluates the QuerySet)."
                }),
                // Names (`-pub_date`), or expressions (`{desc: ..., nulls_last: true}`).
                "order_by" | "values" => json_schema!({
                    "anyOf": [
                        { "type": ["string", "object"] },
                        { "type": "array", "items": { "type": ["string", "object"] } }
                    ]
                }),
                "flat" | "named" | "atomic" => flag.clone(),
                "distinct" => json_schema!({
                    "anyOf": [
                        { "type": "boolean" },
                        { "type": "string" },
                        { "type": "array", "items": { "type": "string" } }
                    ],
                    "description": "`distinct()` (true), or `distinct(*fields)`: DISTINCT ON the names."
                }),
                "annotate" | "aggregate" => json_schema!({ "type": "object" }),
                "union" | "union_all" | "intersection" | "difference" => {
                    json_schema!({ "type": "array", "items": { "type": "object" } })
                }
                "chunk_size" => json_schema!({ "type": "integer", "minimum": 1 }),
                "evaluate" => json_schema!({
                    "enum": ["list", "count", "exists", "first", "last", "get", "explain", "in_bulk", "iterator", "none"],
                    "description": "How the QuerySet is evaluated (default: list)."
                }),
                _ => any("The QuerySet method's arguments (see docs/queries.md)."),
            };
            properties.insert(key.to_string(), schema.into());
        }
        json_schema!({
            "description": "`Model.objects.<chain>`, evaluated: the keys are the QuerySet's methods.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false
        })
    }
}
