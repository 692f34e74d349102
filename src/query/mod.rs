//! The read side: QuerySets as data (model, where tree, joins, ordering, slice, columns,
//! annotations, flags), built from a spec and compiled to SQL by one compiler, as Django's
//! `Query` and `SQLCompiler` do. See docs/queries.md for the design.

pub mod build;
pub mod filter;
pub mod joins;
pub mod lookup;
pub mod path;
pub mod select;
pub mod tree;

pub use build::{build, Built};
pub use select::{Columns, Deferral, Order, Query, Segment, EMPTY};
