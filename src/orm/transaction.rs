//! Django's transaction state of one connection (`BaseDatabaseWrapper`): the stack of open
//! atomic blocks, their savepoints, the "needs rollback" flag and the on_commit hooks, and
//! `Atomic.__enter__` / `__exit__` over it, statement for statement.

use super::session::{Atomic, OpError, Orm};
use crate::log::Raised;

/// What Django keeps per connection about transactions. A session's state starts afresh
/// with each new connection.
#[derive(Debug, Default)]
pub struct ConnState {
    /// The open atomic blocks, innermost last (`connection.atomic_blocks` with their
    /// `savepoint_ids`).
    blocks: Vec<Atomic>,
    /// `connection.needs_rollback`: an exception went through a block that has no
    /// savepoint of its own, so the transaction can only be rolled back.
    needs_rollback: bool,
    /// `connection.savepoint_state`: savepoints are named `s1_x1`, `s1_x2`, ... per connection.
    savepoint_state: usize,
    /// ... and server-side cursors `_django_curs_1_sync_1`, ...
    pub named_cursors: usize,
    /// `connection.run_on_commit`: each hook with the savepoints open when it was registered.
    run_on_commit: Vec<(Vec<String>, Hook)>,
}

/// An on_commit hook: the step that registered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hook {
    pub step: usize,
    pub robust: bool,
}

const DURABLE_NESTED: &str = "A durable atomic block cannot be nested within another atomic block.";
const BROKEN: &str = "An error occurred in the current transaction. You can't execute queries until the end of the 'atomic' block.";
const ROLLBACK_OUTSIDE: &str = "The rollback flag doesn't work outside of an 'atomic' block.";

impl ConnState {
    pub fn in_atomic_block(&self) -> bool {
        !self.blocks.is_empty()
    }
}

impl Orm<'_> {
    /// This session's transaction state.
    pub fn conn_state(&mut self) -> &mut ConnState {
        self.state
            .conns
            .entry(self.conn.session().to_string())
            .or_default()
    }

    /// `Atomic.__enter__`: BEGIN (lazily, as psycopg sends it with the next statement)
    /// outside a transaction; inside one a savepoint, unless `savepoint=False` or the
    /// transaction already needs a rollback. A transaction the spec began with `sql: BEGIN`
    /// counts as an enclosing block.
    pub async fn enter_atomic(
        &mut self,
        savepoint: bool,
        durable: bool,
    ) -> Result<Atomic, OpError> {
        // The outermost block asks for the connection (Django connects, or checks a
        // reused connection's health, even for a block that sends nothing).
        if !self.conn_state().in_atomic_block() {
            self.conn.before_cursor(self.origin()).await?;
        }
        let in_transaction = self.conn.in_transaction();
        let state = self.conn_state();
        if durable && state.in_atomic_block() {
            return Err(Raised::new("RuntimeError", DURABLE_NESTED).into());
        }
        if !state.in_atomic_block() {
            state.needs_rollback = false;
        }
        let block = if !state.in_atomic_block() && !in_transaction {
            self.conn.begin_lazily();
            Atomic::Transaction
        } else if savepoint && !state.needs_rollback {
            state.savepoint_state += 1;
            let name = format!("\"s1_x{}\"", state.savepoint_state);
            self.control(&format!("SAVEPOINT {name}")).await?;
            Atomic::Savepoint(name)
        } else {
            Atomic::Nothing
        };
        self.conn_state().blocks.push(block.clone());
        Ok(block)
    }

    /// `Atomic.__exit__`: on success (`ok`, and nothing marked the transaction for
    /// rollback) COMMIT or RELEASE SAVEPOINT; otherwise ROLLBACK, or ROLLBACK TO and RELEASE
    /// the savepoint, or (a block without a savepoint) mark the enclosing one for rollback.
    /// Returns the on_commit hooks to run now: those of an outermost block that committed.
    pub async fn exit_atomic(&mut self, block: Atomic, ok: bool) -> Result<Vec<Hook>, OpError> {
        let state = self.conn_state();
        state.blocks.pop();
        let outermost = !state.in_atomic_block();
        if ok && !state.needs_rollback {
            match &block {
                Atomic::Transaction => {
                    if !self.conn.end_unbegun() {
                        if let Err(err) = self.control("COMMIT").await {
                            // Django's commit() failed: it rolls back, then raises. A COMMIT
                            // that fails (a deferred constraint, a serialization failure)
                            // has ended the transaction, and psycopg's rollback() sends
                            // nothing on an idle connection.
                            self.conn_state().run_on_commit.clear();
                            return Err(err);
                        }
                    }
                }
                Atomic::Savepoint(name) => {
                    if let Err(err) = self.control(&format!("RELEASE SAVEPOINT {name}")).await {
                        let undone = self.savepoint_rollback(name).await;
                        if undone.is_err() {
                            self.conn_state().needs_rollback = true;
                        }
                        return Err(err);
                    }
                }
                Atomic::Nothing => {}
            }
            return Ok(match outermost {
                true => self
                    .conn_state()
                    .run_on_commit
                    .drain(..)
                    .map(|(_, hook)| hook)
                    .collect(),
                false => Vec::new(),
            });
        }
        state.needs_rollback = false;
        // Leaving the outermost block without a commit drops its hooks.
        if outermost {
            state.run_on_commit.clear();
        }
        match &block {
            Atomic::Transaction => {
                if !self.conn.end_unbegun() {
                    self.control("ROLLBACK").await?;
                }
            }
            Atomic::Savepoint(name) => {
                if self.savepoint_rollback(name).await.is_err() {
                    self.conn_state().needs_rollback = true;
                }
            }
            Atomic::Nothing => self.conn_state().needs_rollback = !outermost,
        }
        Ok(Vec::new())
    }

    /// ROLLBACK TO and RELEASE a savepoint, dropping the hooks registered since it was made.
    async fn savepoint_rollback(&mut self, name: &str) -> Result<(), OpError> {
        self.control(&format!("ROLLBACK TO SAVEPOINT {name}"))
            .await?;
        self.conn_state()
            .run_on_commit
            .retain(|(savepoints, _)| !savepoints.iter().any(|s| s == name));
        self.control(&format!("RELEASE SAVEPOINT {name}")).await
    }

    /// `transaction.on_commit(hook)`: kept for the outer COMMIT inside a block (`false`),
    /// to run at once outside one (`true`).
    pub fn on_commit(&mut self, hook: Hook) -> bool {
        let state = self.conn_state();
        if !state.in_atomic_block() {
            return true;
        }
        let savepoints = state
            .blocks
            .iter()
            .filter_map(|b| match b {
                Atomic::Savepoint(name) => Some(name.clone()),
                _ => None,
            })
            .collect();
        state.run_on_commit.push((savepoints, hook));
        false
    }

    /// `transaction.set_rollback(flag)`.
    pub fn set_rollback(&mut self, flag: bool) -> Result<(), OpError> {
        let state = self.conn_state();
        if !state.in_atomic_block() {
            return Err(Raised::new("TransactionManagementError", ROLLBACK_OUTSIDE).into());
        }
        state.needs_rollback = flag;
        Ok(())
    }

    /// `transaction.mark_for_rollback_on_error()` around Model.save(), QuerySet.update() and
    /// delete(): a database error inside a block leaves the transaction needing a rollback.
    pub fn mark_for_rollback_on_error<T>(&mut self, outcome: &Result<T, OpError>) {
        if let Err(OpError::Raised(raised)) = outcome {
            let state = self.conn_state();
            if raised.sqlstate.is_some() && state.in_atomic_block() {
                state.needs_rollback = true;
            }
        }
    }

    /// `validate_no_broken_transaction()`, which Django's cursor runs before each query.
    pub fn validate_no_broken_transaction(&self) -> Result<(), OpError> {
        let state = self.state.conns.get(self.conn.session());
        match state.is_some_and(|s| s.needs_rollback) {
            true => Err(Raised::new("TransactionManagementError", BROKEN).into()),
            false => Ok(()),
        }
    }
}
