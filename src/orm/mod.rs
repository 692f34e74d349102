//! The ORM: models resolved against the catalog, instances held between steps, and the
//! session helper through which ORM operations send their statements.

pub mod assigned;
pub mod collector;
mod concurrency;
pub mod datetimes;
pub mod defaults;
pub mod deletion;
mod field_update;
pub mod filter;
pub mod graph;
pub mod idset;
pub mod instance;
pub mod model;
pub mod persist;
pub mod plan;
pub mod pyset;
pub mod references;
pub mod resolve;
mod restrict;
mod session;
mod signals;
pub mod transaction;

use std::collections::HashMap;

pub use instance::{field_value, value_to_yaml, Instance};
pub use model::{Field, ManyToMany, Model, Reference, Registry};
pub use session::{Atomic, OpError, Orm};
pub use signals::run_signal;

use crate::db::RecordingConnection;

/// What ORM steps share across a spec: the models and the named instances.
#[derive(Default)]
pub struct OrmState {
    pub registry: std::sync::Arc<Registry>,
    pub instances: HashMap<String, Instance>,
    /// Django's transaction state of each session's connection, by session.
    pub conns: HashMap<String, transaction::ConnState>,
    /// Further sessions (`concurrently:` races), opened on first use.
    pub others: HashMap<String, RecordingConnection>,
    /// Numbered UUIDs and the frozen "now" for callable defaults and auto_now fields.
    pub generator: defaults::Generator,
}
