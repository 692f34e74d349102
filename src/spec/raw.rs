//! The spec file's YAML shape, as serde reads it: strict, every key known.

use serde::Deserialize;

use super::model::{Isolation, Privileges, RedactSpec};
use super::models::Models;
use super::orm::*;

/// A spec file after templating.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub fixtures: Vec<String>,
    /// Read before templating (see `load::extract_vars`); kept here so the key is known.
    #[serde(default)]
    #[allow(dead_code)]
    #[schemars(
        description = "Template variables with their defaults (`--var NAME=VALUE` overrides them). Read before templating: no template syntax here."
    )]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub vars: serde_yaml::Mapping,
    /// Read before templating (see `load::extract_scale`); kept here so the key is known.
    #[allow(dead_code)]
    #[schemars(
        with = "Option<super::load::RawScale>",
        description = "`{var: n, values: [1, 10, 100]}`: the spec runs once per value, to compare how its queries grow. Read before templating: no template syntax here."
    )]
    pub scale: Option<serde_yaml::Value>,
    /// `all`, or orders of the top-level steps by name: a run and a golden section each.
    #[schemars(with = "Option<serde_json::Value>")]
    pub permutations: Option<serde_yaml::Value>,
    pub setup: Option<String>,
    #[serde(default)]
    pub models: Models,
    #[serde(default)]
    pub steps: Vec<RawStep>,
    pub expect: Option<RawLogExpect>,
    #[serde(default)]
    pub redact: Vec<RedactSpec>,
    pub isolation: Option<Isolation>,
    pub privileges: Option<Privileges>,
    /// Named sessions, each its own connection; the first is where steps run by default.
    pub sessions: Option<RawSessions>,
    /// Seconds.
    #[schemars(description = "The spec's time limit in seconds (default: the run's `--timeout`).")]
    pub timeout: Option<f64>,
    /// The moment `auto_now` and `timezone.now` defaults send (default 2025-01-01T15:30:00Z).
    pub now: Option<String>,
    /// Django settings that change the SQL (USE_TZ, TIME_ZONE), over the project's.
    pub settings: Option<super::settings::RawSettings>,
}

/// A fixture file under `<specs>/_fixtures/`: shared setup applied before a spec's own.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFixture {
    #[allow(dead_code)]
    pub description: Option<String>,
    #[serde(default)]
    pub fixtures: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub vars: serde_yaml::Mapping,
    pub setup: Option<String>,
    #[serde(default)]
    pub models: Models,
    #[serde(default)]
    pub redact: Vec<RedactSpec>,
}

/// One step: exactly one operation key, plus the keys every step may carry.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Step")]
pub struct RawStep {
    pub name: Option<String>,
    pub sql: Option<String>,
    pub check: Option<String>,
    pub create: Option<CreateOp>,
    pub save: Option<SaveOp>,
    pub get: Option<GetOp>,
    pub bulk_create: Option<BulkCreateOp>,
    pub bulk_update: Option<BulkUpdateOp>,
    pub update: Option<UpdateOp>,
    pub get_or_create: Option<LookupOp>,
    pub update_or_create: Option<LookupOp>,
    pub m2m: Option<ManyToManyOp>,
    pub delete: Option<DeleteOp>,
    pub transition: Option<TransitionOp>,
    pub query: Option<super::query::QueryOp>,
    pub raw: Option<super::raw_query::RawQueryOp>,
    pub cursor: Option<super::raw_query::CursorOp>,
    pub refresh_from_db: Option<RefreshOp>,
    pub atomic: Option<RawAtomic>,
    pub on_commit: Option<RawOnCommit>,
    pub set_rollback: Option<bool>,
    pub retry: Option<RawRetry>,
    pub request: Option<RawRequest>,
    pub sync_to_async: Option<RawRequest>,
    #[serde(default)]
    #[schemars(with = "Vec<serde_json::Value>")]
    pub params: Vec<serde_yaml::Value>,
    pub expect: Option<RawStepExpect>,
    pub show_rows: Option<bool>,
    #[serde(default)]
    pub allow: Vec<super::model::Allowance>,
    /// The session (of the spec's `sessions`) the step runs on.
    pub session: Option<String>,
}

impl RawStep {
    /// The operation keys present, for the "exactly one operation" rule.
    pub fn operation_keys(&self) -> Vec<&'static str> {
        let present = [
            self.sql.is_some(),
            self.check.is_some(),
            self.create.is_some(),
            self.save.is_some(),
            self.get.is_some(),
            self.bulk_create.is_some(),
            self.bulk_update.is_some(),
            self.update.is_some(),
            self.get_or_create.is_some(),
            self.update_or_create.is_some(),
            self.m2m.is_some(),
            self.delete.is_some(),
            self.transition.is_some(),
            self.query.is_some(),
            self.raw.is_some(),
            self.cursor.is_some(),
            self.refresh_from_db.is_some(),
            self.atomic.is_some(),
            self.on_commit.is_some(),
            self.set_rollback.is_some(),
            self.retry.is_some(),
            self.request.is_some(),
            self.sync_to_async.is_some(),
        ];
        OPERATION_KEYS
            .iter()
            .zip(present)
            .filter_map(|(key, here)| here.then_some(*key))
            .collect()
    }
}

/// The operation keys a step may use, in the order of `RawStep::operation_keys`.
pub const OPERATION_KEYS: &[&str] = &[
    "sql",
    "check",
    "create",
    "save",
    "get",
    "bulk_create",
    "bulk_update",
    "update",
    "get_or_create",
    "update_or_create",
    "m2m",
    "delete",
    "transition",
    "query",
    "raw",
    "cursor",
    "refresh_from_db",
    "atomic",
    "on_commit",
    "set_rollback",
    "retry",
    "request",
    "sync_to_async",
];

/// `retry: {attempts: 3, on: "40001", steps: [...]}`: the steps again while they raise `on`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Retry")]
pub struct RawRetry {
    pub steps: Vec<RawStep>,
    pub attempts: Option<u32>,
    pub on: Option<RawErrorExpect>,
}

/// `request: {steps: [...]}`: the steps as one HTTP request of Django's (the
/// request_started and request_finished signals around them); also `sync_to_async:
/// {steps: [...]}`, a sync function's body called from async code.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Request")]
pub struct RawRequest {
    pub steps: Vec<RawStep>,
}

/// `atomic: {steps: [...], savepoint: false, durable: true}`: `transaction.atomic()`
/// around its steps.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Atomic")]
pub struct RawAtomic {
    pub steps: Vec<RawStep>,
    pub savepoint: Option<bool>,
    pub durable: Option<bool>,
}

/// `on_commit: {steps: [...], robust: true}`: `transaction.on_commit(hook)` whose hook runs
/// the steps.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "OnCommit")]
pub struct RawOnCommit {
    pub steps: Vec<RawStep>,
    pub robust: Option<bool>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "StepExpect")]
pub struct RawStepExpect {
    #[schemars(with = "Option<Vec<Vec<serde_json::Value>>>")]
    pub rows: Option<Vec<Vec<serde_yaml::Value>>>,
    pub row_count: Option<u64>,
    pub queries: Option<RawQueries>,
    pub sql: Option<Vec<String>>,
    pub fingerprints: Option<Vec<String>>,
    pub error: Option<RawErrorExpect>,
    pub plan: Option<RawPlanExpect>,
}

/// `plan: {uses_index: note_pkey, no_seq_scan: [note], node: Index Scan, rows_estimate: {max: 10}}`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "PlanExpect")]
pub struct RawPlanExpect {
    pub uses_index: Option<String>,
    pub node: Option<String>,
    /// `true`, or a list of tables.
    #[schemars(with = "Option<serde_json::Value>")]
    pub no_seq_scan: Option<serde_yaml::Value>,
    pub rows_estimate: Option<super::model::Bounds>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "LogExpect")]
pub struct RawLogExpect {
    pub queries: Option<RawQueries>,
    pub sql: Option<Vec<String>>,
    pub fingerprints: Option<Vec<String>>,
    /// With `scale`: every fingerprint's count the same for every value.
    pub constant_queries: Option<bool>,
    /// With `scale`: how fast a fingerprint's count may grow with the value.
    pub max_growth: Option<super::model::Growth>,
}

/// `error: "23505"` or `error: {sqlstate: "23505", message: "duplicate key"}`.
#[derive(Debug)]
pub enum RawErrorExpect {
    Sqlstate(String),
    Detailed(RawErrorFields),
}

// Hand-written rather than `untagged`, so that a wrong key inside the mapping gets serde's
// precise "unknown field" error instead of "did not match any variant".
impl<'de> Deserialize<'de> for RawErrorExpect {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ErrorVisitor;
        impl<'de> serde::de::Visitor<'de> for ErrorVisitor {
            type Value = RawErrorExpect;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a SQLSTATE, an exception name, or a mapping with `sqlstate`, `name` and/or `message`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawErrorExpect::Sqlstate(v.to_string()))
            }
            // `error: 23505` unquoted is a YAML integer.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawErrorExpect::Sqlstate(format!("{v:05}")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let fields =
                    RawErrorFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawErrorExpect::Detailed(fields))
            }
        }
        deserializer.deserialize_any(ErrorVisitor)
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ErrorFields")]
pub struct RawErrorFields {
    #[serde(default, deserialize_with = "string_or_number")]
    pub sqlstate: Option<String>,
    /// The exception's class, as Django names it (`IntegrityError`, `ValueError`, ...).
    pub name: Option<String>,
    pub message: Option<String>,
}

/// A SQLSTATE written with or without quotes (`23505` is an integer to YAML).
fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match serde_yaml::Value::deserialize(d)? {
        serde_yaml::Value::String(s) => Ok(Some(s)),
        serde_yaml::Value::Number(n) if n.is_u64() => Ok(n.as_u64().map(|v| format!("{v:05}"))),
        other => Err(serde::de::Error::custom(format!(
            "invalid type: {}, expected a SQLSTATE such as \"23505\"",
            crate::spec::describe_yaml_type(&other)
        ))),
    }
}

/// `queries: 3`, or `queries: {max: 3}` / `{min: 1, max: 5, transactions: false}`.
#[derive(Debug, Clone)]
pub enum RawQueries {
    Exactly(usize),
    Budget(RawQueryBudget),
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "QueryBudget")]
pub struct RawQueryBudget {
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// Whether BEGIN, COMMIT, ROLLBACK and savepoints count (they do in Django's
    /// assertNumQueries, which logs transaction control since Django 4.2).
    pub transactions: Option<bool>,
}

// Hand-written for the same reason as `RawErrorExpect`'s.
impl<'de> Deserialize<'de> for RawQueries {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QueriesVisitor;
        impl<'de> serde::de::Visitor<'de> for QueriesVisitor {
            type Value = RawQueries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a number of queries, or a mapping with `min`, `max` and/or `transactions`",
                )
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                usize::try_from(v).map(RawQueries::Exactly).map_err(|_| {
                    E::custom(format!("{v} queries is more than this machine can count"))
                })
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom(format!(
                        "a number of queries cannot be negative ({v})"
                    ))),
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let budget =
                    RawQueryBudget::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawQueries::Budget(budget))
            }
        }
        deserializer.deserialize_any(QueriesVisitor)
    }
}

/// `sessions: [web, worker]`, or with options (Django's `DATABASES[...]["OPTIONS"]`)
/// `sessions: {web: {}, worker: {isolation_level: serializable}}`, in the order written.
#[derive(Debug, Clone, Default)]
pub struct RawSessions(pub Vec<(String, RawSessionOptions)>);

/// What a session's connection is configured with.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SessionOptions")]
pub struct RawSessionOptions {
    pub isolation_level: Option<super::model::IsolationLevel>,
    /// `CONN_MAX_AGE`: seconds, or null for unlimited (absent: Django's default, 0).
    #[serde(default, deserialize_with = "present")]
    pub conn_max_age: Option<Option<u64>>,
    pub conn_health_checks: Option<bool>,
    /// The session's code is async (Django's async ORM, an ASGI view).
    #[serde(rename = "async")]
    pub asynchronous: Option<bool>,
}

/// A key that is present, even as null (`Some(None)`), apart from an absent one (`None`).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

// Hand-written rather than `untagged`, so that a wrong key inside an option mapping gets
// serde's precise "unknown field" error.
impl<'de> Deserialize<'de> for RawSessions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SessionsVisitor;
        impl<'de> serde::de::Visitor<'de> for SessionsVisitor {
            type Value = RawSessions;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a list of session names, or a mapping of session names to their options",
                )
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut sessions = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    sessions.push((name, RawSessionOptions::default()));
                }
                Ok(RawSessions(sessions))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut sessions = Vec::new();
                while let Some((name, options)) =
                    map.next_entry::<String, Option<RawSessionOptions>>()?
                {
                    sessions.push((name, options.unwrap_or_default()));
                }
                Ok(RawSessions(sessions))
            }
        }
        deserializer.deserialize_any(SessionsVisitor)
    }
}
