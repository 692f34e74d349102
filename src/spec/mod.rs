//! Specs: the YAML scenario format, loaded into typed values with source locations.

mod aggregate;
mod convert;
mod convert_models;
mod convert_orm;
mod date_list;
mod discover;
mod error;
mod explain;
mod expression;
mod fields;
mod function;
mod load;
mod location;
mod model;
mod models;
mod now;
mod orm;
mod output_field;
pub mod partition;
mod permutations;
mod query;
mod query_options;
mod raw;
mod raw_query;
mod recover;
mod schema;
mod settings;

pub use convert_models::{
    explicit_through, find_relation, join_table, reverse_name, snake_case, table_of,
};
pub use date_list::DateList;
pub use discover::{discover, DiscoverError};
pub use error::{humanize_serde, suggest, LoadError};
pub use explain::Explain;
pub use expression::{Expression, Function, Ordering, OutputField};
pub use load::{extract_vars, load_spec, spec_id, LoadContext};
pub use location::{LineMap, Location, SourceMap};
pub use model::*;
pub use models::*;
pub use now::FrozenNow;
pub use orm::*;
pub use query::*;
pub use raw_query::{CursorOp, RawQueryOp};
pub use schema::spec_schema;
pub use settings::{DjangoSettings, RawSettings};

/// A YAML value's type in words, for messages.
pub fn describe_yaml_type(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "null",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}
