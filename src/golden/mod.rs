//! Golden files: rendering the SQL log, redacting volatile values, comparing and blessing.

mod classify;
mod diff;
mod pending;
mod redact;
mod render;
mod store;

pub use classify::Changes;
pub use diff::unified_diff;
pub use pending::{
    accept, clear_pending, is_ci, pending_goldens, reject, remove_empty_dirs, write_pending,
    Pending, UpdatePolicy,
};
pub use redact::{RedactRule, Redactor};
pub use render::render_log;
pub use store::{golden_path, read_golden, stale_goldens, write_golden, GoldenError};
