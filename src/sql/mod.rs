//! SQL text: splitting scripts into statements and normalising them for comparison.

pub mod split;
