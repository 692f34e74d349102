//! The steps of a spec, in order, on their sessions: atomic blocks around the steps inside
//! them (an exception no inner step expects leaves the block, rolling it back, and is the
//! block's to expect), on_commit hooks after the outer COMMIT, and `sql` steps set aside
//! while they wait for another session's lock.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::execute::{lock, Place};
use super::waits::{names, run_or_wait, settle, Finished, Monitor, Progress, Waiter};
use crate::db::{Boundary, Origin};
use crate::db::{RecordingConnection, SharedLog};
use crate::expect::{check_step, error_matches, ErrorVerdict, Failure};
use crate::log::Raised;
use crate::log::{Phase, Upkeep};
use crate::ops::{run_step, StepContext, StepFailure, StepRecord};
use crate::orm::transaction::Hook;
use crate::orm::OrmState;
use crate::spec::{
    AtomicBlock, Location, OnCommitHook, Operation, RequestBlock, RetryLoop, Spec, Step,
};

/// How a list of steps ended.
pub(super) enum Flow {
    /// Every step ran (exceptions they expected included).
    Done,
    /// An exception no step expected, raised inside a block: it leaves the block.
    Raised(Raised, Location),
    /// The spec ends here (a failure it cannot go on from).
    Stop,
}

/// What the next step does after one has been checked.
enum Verdict {
    Go,
    Stop,
    Raise(Raised, Location),
}

type Boxed<'f, T> = Pin<Box<dyn Future<Output = T> + Send + 'f>>;

/// The state of a spec's run while its steps go.
pub(super) struct Runner<'a> {
    pub spec: &'a Spec,
    pub log: &'a SharedLog,
    /// The step under way, for a timeout's message.
    pub current: &'a AtomicUsize,
    pub main: &'a RecordingConnection,
    pub sessions: &'a HashMap<String, RecordingConnection>,
    pub monitor: Option<Monitor<'a>>,
    pub orm: OrmState,
    pub failures: Vec<Failure>,
    pub waiters: Vec<Waiter<'a>>,
    /// How many blocks (and hooks) the step under way is inside.
    pub depth: usize,
    /// The session whose retry loop is in a later attempt.
    pub retrying: Option<&'a str>,
    /// Where a session connects anew when Django closed its connection.
    pub place: Place<'a>,
}

impl<'a> Runner<'a> {
    /// Runs steps in order until one ends the list.
    pub fn run_steps<'r>(&'r mut self, steps: &'a [Step]) -> Boxed<'r, Result<Flow, String>> {
        Box::pin(async move {
            for step in steps {
                match self.run_one(step).await? {
                    Verdict::Go => {}
                    Verdict::Stop => return Ok(Flow::Stop),
                    Verdict::Raise(raised, at) => return Ok(Flow::Raised(raised, at)),
                }
            }
            Ok(Flow::Done)
        })
    }

    /// What an operation runs with: a session's connection and the spec's ORM state.
    fn context(&mut self, conn: &'a RecordingConnection) -> StepContext<'_> {
        StepContext {
            conn,
            orm: &mut self.orm,
        }
    }

    /// A step's session and its connection (checked at load time: `None` is the first).
    fn session_of(&self, step: &Step) -> (&'a str, &'a RecordingConnection) {
        let first = self.spec.main_session();
        let sessions = self.sessions;
        let name: &'a str = match &step.session {
            Some(name) => sessions
                .get_key_value(name)
                .map_or(first, |(n, _)| n.as_str()),
            None => first,
        };
        (name, sessions.get(name).unwrap_or(self.main))
    }

    /// Starts a step on its session. A session sends one statement at a time: the step it
    /// set aside must have answered by now; if it still waits for a lock, only a later step
    /// could release it, so the spec is written in an order that cannot happen.
    async fn start(&mut self, step: &'a Step) -> Result<Verdict, String> {
        self.current.store(step.number, Ordering::Relaxed);
        lock(self.log).start(step.number);
        let (name, _) = self.session_of(step);
        let waiting = self.waiters.iter().position(|w| w.session == name);
        let (Some(i), Some(monitor)) = (waiting, &self.monitor) else {
            return Ok(Verdict::Go);
        };
        let waiter = self.waiters.remove(i);
        let depth = waiter.depth;
        let (waited, done) = match waiter.answer(monitor).await {
            Ok(done) => done,
            // Blocked by steps that wait themselves (a deadlock, which PostgreSQL's detector
            // breaks) or by a backend outside the spec: it can end without another step.
            Err((waiter, blockers))
                if blockers.iter().all(|b| {
                    self.waiters.iter().any(|w| w.pid() == *b) || !monitor.names.contains_key(b)
                }) =>
            {
                waiter.finish().await
            }
            Err((waiter, blockers)) => {
                let text = monitor.describe(waiter.pid(), &blockers, self.log).await;
                let text = text.trim_start_matches("waited: ");
                let _ = monitor
                    .conn
                    .harness(&format!("SELECT pg_cancel_backend({})", waiter.pid()))
                    .await;
                let waited = waiter.step.number;
                let _ = waiter.finish().await;
                // In a permutation this order is one that cannot happen: the golden says
                // so (as the isolation tester's "invalid permutation"), and the run ends.
                if self.spec.permutation.is_some() {
                    lock(self.log).note(
                        step.number,
                        format!("invalid permutation: step {} (session `{name}`) cannot start while the session's step {waited} waits, {text}; the statement was cancelled", step.number),
                    );
                    return Ok(Verdict::Stop);
                }
                self.failures.push(Failure::at(
                    Some(&step.location),
                    format!(
                        "step {} (session `{name}`) cannot start: the session's step {waited} still waits, {text}; a session sends one statement at a time, so only a later step could release it; put the step that commits or rolls back first (the statement was cancelled)",
                        step.number
                    ),
                ));
                return Ok(Verdict::Stop);
            }
        };
        let before = step.number - 1;
        lock(self.log).note(waited.number, format!("completed after step {before}"));
        self.conclude_finished(waited, done, depth).await
    }

    /// Takes back the state a step ran with, then checks it.
    async fn conclude_finished(
        &mut self,
        step: &Step,
        finished: Finished,
        depth: usize,
    ) -> Result<Verdict, String> {
        if let Some(detached) = finished.detached {
            self.orm.reattach(*detached);
        }
        self.conclude(step, finished.record, depth).await
    }

    async fn run_one(&mut self, step: &'a Step) -> Result<Verdict, String> {
        // A retry repeats its own session's code; what other sessions do inside the loop
        // happened once, in the first attempt.
        if let Some(retrying) = self.retrying {
            if self.session_of(step).0 != retrying {
                return Ok(Verdict::Go);
            }
        }
        if let Verdict::Stop = self.start(step).await? {
            return Ok(Verdict::Stop);
        }
        let (name, conn) = self.session_of(step);
        // Async code reaches the database through Django's async methods; anything else
        // it does there (an atomic block, a cursor, a lazy load) raises.
        let django = !matches!(step.operation, Operation::Sql(_) | Operation::Check(_));
        conn.set_async(
            step.asynchronous && django,
            !step.operation.has_async_form(),
        );
        let finished = match &step.operation {
            Operation::Atomic(block) => return self.run_atomic(step, block).await,
            Operation::OnCommit(hook) => return self.register(step, hook).await,
            Operation::Retry(retry) => return self.run_retry(step, retry).await,
            Operation::Request(request) => return self.run_request(step, request).await,
            Operation::SyncToAsync(steps) => return self.run_sync_to_async(step, steps).await,
            _ => match &self.monitor {
                None => Finished {
                    record: run_step(step, &mut self.context(conn)).await,
                    detached: None,
                },
                // With several sessions a step may wait for another's lock while the steps
                // after it run: it gets its session's part of the ORM state to itself.
                Some(monitor) => {
                    let mut detached = Box::new(self.orm.detach(name));
                    let future = async move {
                        let record = {
                            let mut ctx = StepContext {
                                conn,
                                orm: &mut detached.state,
                            };
                            run_step(step, &mut ctx).await
                        };
                        Finished {
                            record,
                            detached: Some(detached),
                        }
                    };
                    match run_or_wait(step, name, self.depth, conn, future, monitor, self.log).await
                    {
                        Progress::Done(done) => done,
                        Progress::Waiting(waiter) => {
                            self.waiters.push(waiter);
                            return Ok(Verdict::Go);
                        }
                    }
                }
            },
        };
        let verdict = self.conclude_finished(step, finished, self.depth).await?;
        if !matches!(verdict, Verdict::Stop) && self.settle_waiters(step.number).await? {
            return Ok(Verdict::Stop);
        }
        Ok(verdict)
    }

    /// After the last step: the steps still waiting for a lock, which no step is left to
    /// release, are cancelled and fail the spec with the waits they are in.
    pub async fn cancel_stuck(&mut self) {
        let (Some(monitor), false) = (&self.monitor, self.waiters.is_empty()) else {
            return;
        };
        let waiters = std::mem::take(&mut self.waiters);
        let stuck = names(&waiters);
        let graph: Vec<String> = waiters
            .iter()
            .flat_map(|w| {
                let step = w.step.number;
                lock(self.log)
                    .notes_in(step)
                    .map(|text| format!("\n  step {step}: {text}"))
                    .collect::<Vec<_>>()
            })
            .collect();
        let pids: Vec<String> = waiters.iter().map(|w| w.pid().to_string()).collect();
        let _ = monitor
            .conn
            .harness(&format!(
                "SELECT pg_cancel_backend(p) FROM unnest(ARRAY[{}]) p",
                pids.join(", ")
            ))
            .await;
        for waiter in waiters {
            let _ = waiter.finish().await;
        }
        self.failures.push(Failure::at(
            None,
            format!(
                "{stuck} still waited for a lock after the last step, and no step is left to release it; the statement was cancelled{}",
                graph.concat()
            ),
        ));
    }

    /// Lets the waiting steps this step released finish, and checks them; `true` when one
    /// of them ends the spec.
    async fn settle_waiters(&mut self, after: usize) -> Result<bool, String> {
        let Some(monitor) = &self.monitor else {
            return Ok(false);
        };
        if self.waiters.is_empty() {
            return Ok(false);
        }
        let waiters = std::mem::take(&mut self.waiters);
        let (finished, still) = settle(waiters, monitor, after, self.log).await;
        self.waiters = still;
        for (waited, done) in finished {
            if let Verdict::Stop = self.conclude_finished(waited, done, 0).await? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `with transaction.atomic(...):` the block's steps, then its end: COMMIT (and the
    /// on_commit hooks) when nothing raised, else the rollback; an exception from inside
    /// is then the block step's own.
    async fn run_atomic(
        &mut self,
        step: &'a Step,
        block: &'a AtomicBlock,
    ) -> Result<Verdict, String> {
        let (_, conn) = self.session_of(step);
        let entered = crate::ops::enter_atomic(step, block, &mut self.context(conn)).await;
        let atomic = match entered.map_err(|e| self.step_error(step, e))? {
            Ok(atomic) => atomic,
            Err(refused) => return self.conclude(step, Ok(refused), self.depth).await,
        };
        self.depth += 1;
        let flow = self.run_steps(&block.steps).await?;
        self.depth -= 1;
        let mut error = match flow {
            Flow::Stop => return Ok(Verdict::Stop),
            Flow::Raised(raised, at) => Some((raised, at)),
            Flow::Done => None,
        };
        let end: &'a Step = &block.end;
        if let Verdict::Stop = self.start(end).await? {
            return Ok(Verdict::Stop);
        }
        let ok = error.is_none();
        let exited = crate::ops::exit_atomic(end, atomic, ok, &mut self.context(conn)).await;
        let (record, hooks) = exited.map_err(|e| self.step_error(end, e))?;
        if error.is_none() {
            error = record.error;
        }
        for hook in hooks {
            if let Some(raised) = self.run_hook(end, hook).await? {
                error = Some(raised);
                break;
            }
        }
        if self.settle_waiters(end.number).await? {
            return Ok(Verdict::Stop);
        }
        let record = StepRecord {
            error,
            ..StepRecord::default()
        };
        self.conclude(step, Ok(record), self.depth).await
    }

    /// A request: the request_started signal, its steps, request_finished; an exception
    /// from inside ends the request (Django answers 500) and is the request step's.
    async fn run_request(
        &mut self,
        step: &'a Step,
        request: &'a RequestBlock,
    ) -> Result<Verdict, String> {
        self.request_boundary(step).await?;
        self.depth += 1;
        let flow = self.run_steps(&request.steps).await?;
        self.depth -= 1;
        let error = match flow {
            Flow::Stop => return Ok(Verdict::Stop),
            Flow::Raised(raised, at) => Some((raised, at)),
            Flow::Done => None,
        };
        let end: &'a Step = &request.end;
        if let Verdict::Stop = self.start(end).await? {
            return Ok(Verdict::Stop);
        }
        self.request_boundary(end).await?;
        let record = StepRecord {
            error,
            ..StepRecord::default()
        };
        self.conclude(step, Ok(record), self.depth).await
    }

    /// `await sync_to_async(f)()`: `f`'s body, sync code on the session's connection; an
    /// exception from it is the step's.
    async fn run_sync_to_async(
        &mut self,
        step: &'a Step,
        steps: &'a [Step],
    ) -> Result<Verdict, String> {
        self.depth += 1;
        let flow = self.run_steps(steps).await?;
        self.depth -= 1;
        let error = match flow {
            Flow::Stop => return Ok(Verdict::Stop),
            Flow::Raised(raised, at) => Some((raised, at)),
            Flow::Done => None,
        };
        let record = StepRecord {
            error,
            ..StepRecord::default()
        };
        self.conclude(step, Ok(record), self.depth).await
    }

    /// `close_old_connections()`, as a request's signals call it on the session's
    /// connection: after an error, a check that it still works (`SELECT 1`); with
    /// CONN_MAX_AGE 0, or when the check failed, it is closed and the session connects
    /// anew (Django will set the new one up with its next statement).
    async fn request_boundary(&mut self, at: &'a Step) -> Result<(), String> {
        let (name, conn) = self.session_of(at);
        let origin = Origin {
            phase: Phase::Step,
            step: Some(at.number),
        };
        let mut boundary = conn
            .with_django(|d| d.at_request_boundary())
            .unwrap_or(Boundary::Keep);
        if boundary == Boundary::CheckFirst {
            let usable = conn
                .send_upkeep(origin, "SELECT 1", Upkeep::HealthCheck)
                .await
                .map_err(|e| e.to_string())?;
            boundary = conn
                .with_django(|d| d.checked(usable))
                .unwrap_or(Boundary::Keep);
        }
        let Boundary::Close { name: closed, why } = boundary else {
            return Ok(());
        };
        let place = self.place;
        let fresh = place
            .sandbox
            .open_session(place.db, name, self.log.clone())
            .await
            .map_err(|e| format!("could not open a new connection for session `{name}`: {e}"))?;
        super::execute::set_time_zone(self.spec, &fresh).await?;
        let closed_pid = conn.backend_pid();
        conn.replace(fresh);
        place.sandbox.forget_backend(place.db, closed_pid);
        if let Some(monitor) = &mut self.monitor {
            monitor.names.insert(conn.backend_pid(), name.to_string());
        }
        if let Some(n) = closed {
            let whose = match self.spec.sessions.len() > 1 {
                true => format!(" (session `{name}`)"),
                false => String::new(),
            };
            lock(self.log).note(at.number, format!("conn#{n}{whose} closed: {why}"));
        }
        Ok(())
    }

    /// A retry loop: each attempt's steps, until one runs through or raises something else
    /// than what the loop retries on, or the attempts run out (then the exception is the
    /// retry step's).
    async fn run_retry(&mut self, step: &'a Step, retry: &'a RetryLoop) -> Result<Verdict, String> {
        let (session, _) = self.session_of(step);
        let outer = self.retrying;
        let mut error = None;
        for (i, attempt) in retry.attempts.iter().enumerate() {
            if let Verdict::Stop = self.start(&attempt.marker).await? {
                return Ok(Verdict::Stop);
            }
            if i > 0 {
                self.retrying = Some(session);
            }
            self.depth += 1;
            let flow = self.run_steps(&attempt.steps).await;
            self.depth -= 1;
            self.retrying = outer;
            match flow? {
                Flow::Stop => return Ok(Verdict::Stop),
                Flow::Done => {
                    error = None;
                    break;
                }
                Flow::Raised(raised, at) => {
                    let again = error_matches(&retry.on, &raised);
                    if let (true, Some(next)) = (again, retry.attempts.get(i + 1)) {
                        let code = raised
                            .sqlstate
                            .as_deref()
                            .map_or(String::new(), |c| format!(" ({c})"));
                        let text = format!(
                            "retried after {}{code}: {}",
                            raised.name,
                            raised.message.lines().next().unwrap_or("")
                        );
                        lock(self.log).note(next.marker.number, text);
                    }
                    error = Some((raised, at));
                    if !again {
                        break;
                    }
                }
            }
        }
        let record = StepRecord {
            error,
            ..StepRecord::default()
        };
        self.conclude(step, Ok(record), self.depth).await
    }

    /// `transaction.on_commit(hook)`: kept for the outer COMMIT inside a block, run at once
    /// outside one.
    async fn register(
        &mut self,
        step: &'a Step,
        hook: &'a OnCommitHook,
    ) -> Result<Verdict, String> {
        let (_, conn) = self.session_of(step);
        // on_commit asks whether the connection is in autocommit, which from async code
        // is a sync database access.
        if step.asynchronous {
            let raised = Raised::new(
                "SynchronousOnlyOperation",
                crate::db::DbError::SynchronousOnly.to_string(),
            );
            conn.raise(step.number, raised.clone());
            let record = StepRecord {
                error: Some((raised, step.location.clone())),
                ..StepRecord::default()
            };
            return self.conclude(step, Ok(record), self.depth).await;
        }
        let now = crate::ops::register_hook(step, hook.robust, &mut self.context(conn));
        let mut record = StepRecord::default();
        if now {
            let hook = Hook {
                step: step.number,
                robust: hook.robust,
            };
            record.error = self.run_hook(step, hook).await?;
        }
        self.conclude(step, Ok(record), self.depth).await
    }

    /// Runs a hook's steps; the exception that escapes a hook that is not robust (a
    /// robust one's is logged, as Django logs it, and dropped).
    async fn run_hook(
        &mut self,
        at: &'a Step,
        hook: Hook,
    ) -> Result<Option<(Raised, Location)>, String> {
        let Some(Operation::OnCommit(registered)) = self.spec.step(hook.step).map(|s| &s.operation)
        else {
            return Err(format!(
                "step {}: no on_commit hook is registered there",
                hook.step
            ));
        };
        self.depth += 1;
        let flow = self.run_steps(&registered.steps).await;
        self.depth -= 1;
        match flow? {
            Flow::Done => Ok(None),
            Flow::Stop => Err(format!(
                "{}: step {}: the spec stopped inside an on_commit hook",
                at.location, hook.step
            )),
            Flow::Raised(raised, _) if hook.robust => {
                let text = format!(
                    "Error calling the hook of step {} in on_commit() ({}: {}); a robust hook's exception is logged and dropped",
                    hook.step, raised.name, raised.message
                );
                lock(self.log).warn(at.number, text);
                Ok(None)
            }
            Flow::Raised(raised, location) => Ok(Some((raised, location))),
        }
    }

    /// "file:line: step N: why it could not run".
    fn step_error(&self, step: &Step, err: impl std::fmt::Display) -> String {
        format!("{}: step {}: {err}", step.location, step.number)
    }

    /// Checks a step's record (its expectations, its plan). Inside a block (`depth` > 0),
    /// an exception the step does not expect goes up to the block instead of ending the
    /// spec.
    async fn conclude(
        &mut self,
        step: &Step,
        record: Result<StepRecord, StepFailure>,
        depth: usize,
    ) -> Result<Verdict, String> {
        let record = record.map_err(|e| self.step_error(step, e))?;
        let (verdict, step_failures) = check_step(step, &record, &lock(self.log));
        self.failures.extend(step_failures);
        if let Some(plan) = &step.expect.plan {
            let (_, conn) = self.session_of(step);
            let target = crate::diagnose::plan_target(step, &lock(self.log));
            let checked = crate::diagnose::check_plan(conn, step, plan, target).await;
            self.failures
                .extend(checked.map_err(|e| self.step_error(step, e))?);
        }
        Ok(match verdict {
            ErrorVerdict::Fine => Verdict::Go,
            ErrorVerdict::Failed(failure) => {
                self.failures.push(failure);
                Verdict::Go
            }
            ErrorVerdict::Unexpected(failure) => match (depth, record.error) {
                (1.., Some((raised, at))) => Verdict::Raise(raised, at),
                _ => {
                    self.failures.push(failure);
                    Verdict::Stop
                }
            },
        })
    }
}
