//! Owns value conversion between YAML, PostgreSQL's wire formats and text: text-format query
//! parameters built from YAML ([`TextParam`]), binary result decoding into [`Value`], comparison
//! with expected YAML values, and the literal form used in messages and golden files.
//!
//! Split by concern: [`Value`] and its `FromSql` dispatch live here; `decode` holds the binary
//! decoders (with `datetime` for date/time text), `param` the text-format parameters, `compare`
//! the matching against YAML and `literal` the rendering of literals.

mod compare;
mod datetime;
mod decode;
mod literal;
mod param;
mod pyjson;

use std::error::Error;

use serde_json::Value as Json;
use tokio_postgres::types::{FromSql, Type};

pub use literal::{param_literal, yaml_literal};
pub use param::{decimal, decimal_text, int4, TextParam};
pub use pyjson::{float_repr, python_json};

type BoxError = Box<dyn Error + Sync + Send>;

/// A value of a result column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// `bool`.
    Bool(bool),
    /// `int2`, `int4`, `int8` and `oid`.
    Int(i64),
    /// `float4` and `float8`.
    Float(f64),
    /// `numeric`, as PostgreSQL's exact decimal text ("12.50", "NaN", "Infinity").
    Numeric(String),
    /// Text types, enums, and values rendered as PostgreSQL's text output
    /// (uuid, date, time, timetz, timestamp, timestamptz in UTC, interval).
    Text(String),
    /// `json` and `jsonb`.
    Json(Json),
    /// `bytea`.
    Bytes(Vec<u8>),
    /// Arrays of any dimension; multi-dimensional arrays nest (lower bounds are dropped).
    Array(Vec<Value>),
    /// A type this module does not decode; it only matters if someone compares it.
    Unsupported {
        /// The PostgreSQL type name, e.g. `point`.
        type_name: String,
    },
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        decode::decode(ty, raw)
            .map_err(|e| format!("malformed {} value from the server: {e}", ty.name()).into())
    }

    fn from_sql_null(_ty: &Type) -> Result<Self, BoxError> {
        Ok(Value::Null)
    }

    // Unknown types become `Value::Unsupported` instead of failing the whole row.
    fn accepts(_ty: &Type) -> bool {
        true
    }
}
