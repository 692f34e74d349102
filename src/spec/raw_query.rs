//! `raw` and `cursor` steps: SQL that application code writes itself, sent through Django
//! (`Model.objects.raw(...)`, `connection.cursor().execute(...)`) with Python placeholders.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::Value;

use crate::sql::pyformat::{bind, PyParams};

/// `Model.objects.raw(sql, params, translations)`, evaluated with list(), and what
/// application code touches on each object (deferred fields load per object).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RawQuery")]
pub struct RawQueryOp {
    pub model: String,
    pub sql: String,
    /// A list for `%s`, a mapping for `%(name)s`; Django's default is `()`.
    #[serde(default = "no_params", deserialize_with = "params")]
    #[schemars(with = "super::schema::ParamsSchema")]
    pub params: PyParams,
    /// Column names of the result to field columns: `{pk2: id}`.
    #[serde(default)]
    pub translations: IndexMap<String, String>,
    #[serde(default)]
    pub access: Vec<String>,
    #[serde(rename = "as")]
    pub bind: Option<String>,
}

/// `connection.cursor().execute(sql, params)`: without `params`, the SQL is sent as it is
/// (`%` included), as psycopg does when it gets no parameters.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CursorOp {
    pub sql: String,
    #[serde(default, deserialize_with = "some_params")]
    #[schemars(with = "Option<super::schema::ParamsSchema>")]
    pub params: Option<PyParams>,
}

fn no_params() -> PyParams {
    PyParams::Positional(Vec::new())
}

fn params<'de, D: serde::Deserializer<'de>>(d: D) -> Result<PyParams, D::Error> {
    let value = Value::deserialize(d)?;
    PyParams::from_yaml(&value).map_err(serde::de::Error::custom)
}

fn some_params<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<PyParams>, D::Error> {
    params(d).map(Some)
}

impl RawQueryOp {
    /// The statement sent, or psycopg's refusal (found at load time).
    pub fn statement(&self) -> Result<crate::sql::compiler::Query, String> {
        bind(&self.sql, &self.params)
    }
}

impl CursorOp {
    pub fn statement(&self) -> Result<crate::sql::compiler::Query, String> {
        match &self.params {
            Some(params) => bind(&self.sql, params),
            None => Ok(crate::sql::compiler::Query {
                sql: self.sql.clone(),
                params: Vec::new(),
            }),
        }
    }
}
