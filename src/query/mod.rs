//! The read side: QuerySets as data (model, where tree, joins, ordering, slice, columns,
//! annotations, flags), built from a spec and compiled to SQL by one compiler, as Django's
//! `Query` and `SQLCompiler` do. See docs/queries.md for the design.

pub mod lookup;
pub mod tree;
