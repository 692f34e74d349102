//! The ORM: models resolved against the catalog, instances held between steps, and the
//! session helper through which ORM operations send their statements.

pub mod assigned;
pub mod coerce;
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
    /// Further sessions (`concurrently:` races), opened before the steps.
    pub others: std::sync::Arc<HashMap<String, RecordingConnection>>,
    /// Numbered UUIDs and the frozen "now" for callable defaults and auto_now fields
    /// (shared, so that steps of several sessions never number two UUIDs alike).
    pub generator: std::sync::Arc<defaults::Generator>,
}

/// The ORM state one step of a session runs with while the spec's other steps go on: the
/// session's own connection state, and a copy of the instances to tell what the step changed.
pub struct Detached {
    pub state: OrmState,
    session: String,
    before: HashMap<String, Instance>,
}

impl OrmState {
    /// Lends a step of `session` what it needs to run on its own (it may wait for a lock
    /// while other sessions' steps run): the shared parts, a copy of the instances and the
    /// session's connection state.
    pub fn detach(&mut self, session: &str) -> Detached {
        let mut conns = HashMap::new();
        if let Some(own) = self.conns.remove(session) {
            conns.insert(session.to_string(), own);
        }
        Detached {
            state: OrmState {
                registry: std::sync::Arc::clone(&self.registry),
                instances: self.instances.clone(),
                conns,
                others: std::sync::Arc::clone(&self.others),
                generator: std::sync::Arc::clone(&self.generator),
            },
            session: session.to_string(),
            before: self.instances.clone(),
        }
    }

    /// Takes back what a detached step changed: the instances it bound or modified (over
    /// what other steps did to them meanwhile), and its session's connection state.
    pub fn reattach(&mut self, detached: Detached) {
        let Detached {
            state,
            session,
            before,
        } = detached;
        for (name, instance) in state.instances {
            if before.get(&name) != Some(&instance) {
                self.instances.insert(name, instance);
            }
        }
        let mut conns = state.conns;
        if let Some(own) = conns.remove(&session) {
            self.conns.insert(session, own);
        }
    }
}
