//! The runner: specs in, events out. Runs specs concurrently, each in its own sandbox, and
//! settles their goldens; Ctrl-C drops every live sandbox before returning.

mod execute;
pub mod interrupt;
mod permute;
mod scale;
mod steps;
mod verdict;
mod waits;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use crate::db::Database;
use crate::golden::RedactRule;
use crate::report::{Event, GoldenOutcome, Reporter, SpecResult, Status, Summary};
use crate::spec::Spec;

pub use execute::{execute_spec, humantime, Execution};
pub use permute::execute_permuted;
pub use scale::execute_scaled;
pub use verdict::{settle, VerdictContext};

/// What to do with golden files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldenMode {
    /// Compare; a difference fails the spec.
    Verify,
    /// Write the goldens of specs whose expectations pass.
    Bless,
    /// Neither (for `show`).
    Ignore,
}

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub jobs: usize,
    /// Per-spec limit, unless a spec sets its own.
    pub timeout: Duration,
    pub fail_fast: bool,
    pub mode: GoldenMode,
    pub golden_root: PathBuf,
    pub project_rules: Vec<RedactRule>,
    pub color: bool,
    /// What a failing comparison writes beside the golden.
    pub update: crate::golden::UpdatePolicy,
    /// `--var` arguments, repeated in the bless hint.
    pub rerun_args: String,
}

/// The run was interrupted (by the signal named); live sandboxes were dropped.
#[derive(Debug)]
pub struct Interrupted(pub &'static str);

/// Runs `specs`, reporting each as it finishes; returns the summary (already reported).
pub async fn run_specs(
    specs: Vec<Spec>,
    db: &Database,
    options: &RunOptions,
    mut summary: Summary,
    reporter: &mut dyn Reporter,
) -> Result<Summary, Interrupted> {
    let started = Instant::now();
    // At most `jobs` specs are in flight: a task is spawned when a slot frees, so memory
    // holds `jobs` running specs, not one future per spec of the suite.
    let mut tasks: JoinSet<SpecResult> = JoinSet::new();
    let shared = Arc::new(options.clone());
    let mut pending = specs.into_iter();
    // Set by the first failing spec under --fail-fast; no spec starts after it.
    let mut stop = false;
    let spawn_next = |tasks: &mut JoinSet<SpecResult>, pending: &mut std::vec::IntoIter<Spec>| {
        let Some(spec) = pending.next() else {
            return;
        };
        let (db, options) = (db.clone(), shared.clone());
        tasks.spawn(async move {
            let started = Instant::now();
            let limit = spec.timeout.unwrap_or(options.timeout);
            let (execution, scaling) = execute_scaled(&spec, &db, limit).await;
            let ctx = VerdictContext {
                golden_root: &options.golden_root,
                mode: options.mode,
                project_rules: &options.project_rules,
                color: options.color,
                update: options.update,
                rerun_args: &options.rerun_args,
            };
            let mut result = settle(&spec, execution, started.elapsed(), &ctx);
            result.scaling = scaling;
            result
        });
    };
    for _ in 0..options.jobs.max(1) {
        spawn_next(&mut tasks, &mut pending);
    }
    let mut isolation_total = Duration::ZERO;
    let mut ran = 0usize;
    // One listener for the whole run, so that no signal falls between two iterations.
    let interrupted = interrupt::interrupted();
    tokio::pin!(interrupted);
    loop {
        let next = tokio::select! {
            next = tasks.join_next() => next,
            signal = &mut interrupted => {
                tasks.abort_all();
                while tasks.join_next().await.is_some() {}
                crate::db::drop_all_sandboxes(db).await;
                return Err(Interrupted(signal));
            }
        };
        let Some(joined) = next else { break };
        let result = match joined {
            Ok(result) => result,
            Err(err) => panic_result(err),
        };
        if options.fail_fast && result.status != Status::Passed {
            stop = true;
        }
        // A spec that could not run, or ran past its timeout, may have met a dead or hung
        // server: then every spec after it would fail alike, each after its own connection
        // attempts or its whole timeout. Stop, and say it once.
        let suspect = result.status == Status::Error || result.timed_out;
        if suspect && summary.server_lost.is_none() {
            if let Some(why) = db.unreachable().await {
                summary.server_lost = Some(why);
                stop = true;
            }
        }
        if !stop {
            spawn_next(&mut tasks, &mut pending);
        }
        ran += 1;
        isolation_total += result.isolation;
        tally(&mut summary, &result);
        let _ = reporter.event(&Event::SpecFinished(&result));
    }
    // Specs that --fail-fast, or a dead server, kept from starting.
    summary.skipped += pending.len();
    if let Some(why) = summary.server_lost.take() {
        summary.server_lost = Some(format!(
            "the server stopped answering, so the run stopped ({} spec(s) not run): {why}",
            pending.len()
        ));
    }
    summary.duration = started.elapsed();
    if ran > 0 {
        summary.isolation_per_spec = isolation_total / ran as u32;
    }
    let _ = reporter.event(&Event::RunFinished(&summary));
    Ok(summary)
}

fn tally(summary: &mut Summary, result: &SpecResult) {
    summary.diagnostics.add(result);
    if let GoldenOutcome::Differs { changes, .. } = &result.golden {
        summary.changes.add(changes);
    }
    match result.status {
        Status::Passed => summary.passed += 1,
        Status::Failed => summary.failed += 1,
        Status::Error => summary.errors += 1,
    }
    match result.golden {
        GoldenOutcome::Written { new } => {
            summary.written += 1;
            summary.new += usize::from(new);
        }
        GoldenOutcome::Unchanged => summary.unchanged += 1,
        _ => {}
    }
}

fn panic_result(err: tokio::task::JoinError) -> SpecResult {
    SpecResult {
        id: "?".into(),
        name: "?".into(),
        path: PathBuf::new(),
        golden_path: PathBuf::new(),
        status: Status::Error,
        golden: GoldenOutcome::NotCompared,
        failures: Vec::new(),
        error: Some(format!("internal error: a spec task panicked: {err}")),
        duration: Duration::ZERO,
        isolation: Duration::ZERO,
        privileges: crate::spec::Privileges::default(),
        statements: 0,
        fingerprints: Vec::new(),
        warnings: Vec::new(),
        scaling: None,
        n_plus_one: Vec::new(),
        slowest: Vec::new(),
        connections: Vec::new(),
        timeline: Vec::new(),
        rendered: String::new(),
        timed_out: false,
    }
}
