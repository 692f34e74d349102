//! Lock waits between sessions: a `sql` step that blocks on another session's lock does not
//! hang the run. As PostgreSQL's isolation tester does, the runner asks the server
//! (`pg_blocking_pids`) whether the statement is waiting; if it is, the step is set aside,
//! named with its blocker, and the steps after it run; it completes when the blocker lets
//! go, and the golden says after which step.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use super::execute::lock;
use crate::db::{RecordingConnection, SharedLog};
use crate::ops::{StepFailure, StepRecord};
use crate::orm::Detached;
use crate::spec::Step;
use crate::sql::split::abbreviate;

/// How soon a statement that has not answered is first asked about, and the longest gap
/// between two questions: the gap doubles, so a long statement (a pg_sleep, a big write)
/// costs a question every 200 ms, not a hundred a second.
const PROBE: Duration = Duration::from_millis(10);
const MAX_PROBE: Duration = Duration::from_millis(200);

/// The gaps between questions: 10, 20, 40 ... 200, 200 ms.
fn probes() -> impl Iterator<Item = Duration> {
    std::iter::successors(Some(PROBE), |gap| Some((*gap * 2).min(MAX_PROBE)))
}

/// What a step's future ends with: its record, and for an ORM step the state it ran with
/// (to take back into the spec's).
pub(super) struct Finished {
    pub record: Result<StepRecord, StepFailure>,
    pub detached: Option<Box<Detached>>,
}

type StepFuture<'a> = Pin<Box<dyn Future<Output = Finished> + Send + 'a>>;

/// A step set aside while its statement waits for a lock.
pub(super) struct Waiter<'a> {
    pub step: &'a Step,
    pub session: String,
    /// How many blocks the step is inside: an exception it did not expect leaves them.
    pub depth: usize,
    pid: i32,
    future: StepFuture<'a>,
}

impl<'a> Waiter<'a> {
    /// Waits for the statement to answer, however long its blocker takes (the spec's
    /// timeout bounds it).
    pub async fn finish(self) -> (&'a Step, Finished) {
        (self.step, self.future.await)
    }

    /// Whether the statement still waits for a lock (`Err`, with its blockers), or it
    /// answers (`Ok`): what a session's next step must know before it can start.
    pub async fn answer(
        mut self,
        monitor: &Monitor<'_>,
    ) -> Result<(&'a Step, Finished), (Self, Vec<i32>)> {
        match answer_or_blockers(&mut self.future, self.pid, monitor).await {
            Ok(done) => Ok((self.step, done)),
            Err(blockers) => Err((self, blockers)),
        }
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }
}

/// What became of a statement: its record, or a waiter.
pub(super) enum Progress<'a> {
    Done(Finished),
    Waiting(Waiter<'a>),
}

/// The sessions of a spec by backend pid, and the connection that asks about them.
pub(super) struct Monitor<'m> {
    pub conn: &'m RecordingConnection,
    pub names: HashMap<i32, String>,
}

impl Monitor<'_> {
    /// The pids blocking `pid` (empty: it is not waiting for a lock).
    async fn blockers(&self, pid: i32) -> Vec<i32> {
        let sql = format!("SELECT unnest(pg_blocking_pids({pid}))");
        match self.conn.harness(&sql).await {
            Ok(rows) => rows
                .iter()
                .filter_map(|r| r.first().and_then(|p| p.parse().ok()))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// "blocked by session `web` (its step 2: UPDATE ...), waiting for ShareLock on a
    /// transaction".
    pub(super) async fn describe(&self, pid: i32, blockers: &[i32], log: &SharedLog) -> String {
        let sql = format!(
            "SELECT mode || ' on ' || CASE WHEN relation IS NOT NULL THEN 'table ' || relation::regclass::text \
             WHEN locktype = 'transactionid' THEN 'a row of its transaction' ELSE locktype END \
             FROM pg_locks WHERE pid = {pid} AND NOT granted LIMIT 1"
        );
        let wanted = self
            .conn
            .harness(&sql)
            .await
            .ok()
            .and_then(|rows| rows.first().and_then(|r| r.first().cloned()))
            .unwrap_or_else(|| "a lock".to_string());
        // Read after the query: the log is not held across it.
        let log = lock(log);
        let by: Vec<String> = blockers
            .iter()
            .map(|b| match self.names.get(b) {
                Some(name) => {
                    let last = log
                        .step_statements(None)
                        .filter(|e| e.session == *name)
                        .last()
                        .map(|e| {
                            let step = e.step.map_or(String::new(), |n| format!("its step {n}: "));
                            format!(" ({step}{})", abbreviate(&e.statement, 120))
                        })
                        .unwrap_or_default();
                    format!("session `{name}`{last}")
                }
                None => "a backend outside the spec".to_string(),
            })
            .collect();
        format!("waited: blocked by {}, for {wanted}", by.join(" and "))
    }
}

/// Polls a statement's future until it answers (`Ok`), or its statement is found waiting
/// for a lock (`Err`, with the blocking pids), asking the server at growing gaps.
async fn answer_or_blockers<F: Future + Unpin>(
    future: &mut F,
    pid: i32,
    monitor: &Monitor<'_>,
) -> Result<F::Output, Vec<i32>> {
    let mut gaps = probes();
    loop {
        let gap = gaps.next().unwrap_or(MAX_PROBE);
        tokio::select! {
            done = &mut *future => return Ok(done),
            _ = tokio::time::sleep(gap) => {
                let blockers = monitor.blockers(pid).await;
                if !blockers.is_empty() {
                    return Err(blockers);
                }
            }
        }
    }
}

/// Runs a step's statement until it answers, or is found waiting for a lock: then the wait
/// is logged on the step and the step is handed back to be finished later.
pub(super) async fn run_or_wait<'a>(
    step: &'a Step,
    session: &str,
    depth: usize,
    conn: &RecordingConnection,
    future: impl Future<Output = Finished> + Send + 'a,
    monitor: &Monitor<'_>,
    log: &SharedLog,
) -> Progress<'a> {
    let mut future: StepFuture<'a> = Box::pin(future);
    let pid = conn.backend_pid();
    match answer_or_blockers(&mut future, pid, monitor).await {
        Ok(done) => Progress::Done(done),
        Err(blockers) => {
            let text = monitor.describe(pid, &blockers, log).await;
            lock(log).note(step.number, text);
            Progress::Waiting(Waiter {
                step,
                session: session.to_string(),
                depth,
                pid,
                future,
            })
        }
    }
}

/// Lets every waiter that is no longer blocked finish, in the order they were set aside;
/// returns those that finished (with their records) and those still waiting.
pub(super) async fn settle<'a>(
    waiters: Vec<Waiter<'a>>,
    monitor: &Monitor<'_>,
    after_step: usize,
    log: &SharedLog,
) -> (Vec<(&'a Step, Finished)>, Vec<Waiter<'a>>) {
    let mut finished = Vec::new();
    let mut still = Vec::new();
    for mut waiter in waiters {
        match answer_or_blockers(&mut waiter.future, waiter.pid, monitor)
            .await
            .ok()
        {
            Some(done) => {
                lock(log).note(
                    waiter.step.number,
                    format!("completed after step {after_step}"),
                );
                finished.push((waiter.step, done));
            }
            None => still.push(waiter),
        }
    }
    (finished, still)
}

/// The waiters' steps, for a failure: "step 3 (session `worker`)".
pub(super) fn names(waiters: &[Waiter<'_>]) -> String {
    waiters
        .iter()
        .map(|w| format!("step {} (session `{}`)", w.step.number, w.session))
        .collect::<Vec<_>>()
        .join(", ")
}
