//! pgscenario: a declarative scenario runner for PostgreSQL.
//!
//! Data flows one way: `spec` (load and check YAML) → `runner` (sandbox, `ops` through the
//! recording connection in `db`, yielding a `log`) → `expect` and `golden` (render, compare,
//! bless) → `report` (events rendered as human, JSON or JUnit output). `cli` wires it up.

pub mod cli;
pub mod config;
pub mod db;
pub mod diagnose;
pub mod expect;
pub mod fsread;
pub mod golden;
pub mod log;
pub mod ops;
pub mod orm;
pub mod query;
pub mod report;
pub mod runner;
pub mod spec;
pub mod sql;
pub mod template;
