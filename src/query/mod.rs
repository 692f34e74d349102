//! The read side: QuerySets as data (model, where tree, joins, ordering, slice, columns,
//! annotations, flags), built from a spec and compiled to SQL by one compiler, as Django's
//! `Query` and `SQLCompiler` do. See docs/queries.md for the design.

mod aggregates;
pub mod aggregation;
pub mod build;
pub mod combined;
pub mod dates;
pub mod expr;
pub mod filter;
pub mod group;
pub mod joins;
pub mod keys;
mod lock;
pub mod lookup;
pub mod manager;
pub mod mask;
pub mod order;
pub mod path;
pub mod related;
pub mod resolve;
pub mod select;
pub mod tree;
pub mod values_list;

pub use build::{build, Built};
pub use order::Order;
pub use resolve::Typed;
pub use select::{Columns, Deferral, Query, Segment, EMPTY};
