//! SQL text: splitting scripts into statements, normalising them for comparison, and
//! building them the way the ORM does.

pub mod bulk;
pub mod compiler;
pub mod fingerprint;
pub mod placeholders;
pub mod pyformat;
pub mod split;
