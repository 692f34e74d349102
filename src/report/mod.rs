//! Reporters: human, JSON and JUnit renderings of the runner's events.

mod annotations;
mod events;
mod html;
mod human;
mod json;
mod junit;
pub mod merge;

pub use annotations::{GithubReporter, Reports, TapReporter};
pub use events::{
    Event, GoldenOutcome, NPlusOneFinding, RunDiagnostics, ScalingReport, ScalingRow,
    SessionConnections, SpecResult, StatementFingerprint, Status, Summary, TimedStatement,
    TimelineEntry,
};
pub use html::HtmlReporter;
pub use human::HumanReporter;
pub use json::JsonReporter;
pub use junit::JunitReporter;

/// Receives the events of a run. Reporters write; the runner never prints.
pub trait Reporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()>;
}
