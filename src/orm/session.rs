//! The ORM's view of a session: statements sent on behalf of a step, Django's atomic blocks
//! (BEGIN/COMMIT outside a transaction, numbered savepoints inside one), and exceptions.

use super::OrmState;
use crate::db::{DbError, Executed, Origin, RecordingConnection};
use crate::log::{Phase, Raised};
use crate::sql::compiler::Query;

/// Why an ORM operation stopped.
#[derive(Debug)]
pub enum OpError {
    /// An exception the ORM raises: part of the scenario (a step can expect it).
    Raised(Raised),
    /// The connection broke: the spec cannot go on.
    Db(DbError),
    /// The spec asks for something impossible (an unknown instance in a `ref`).
    Spec(String),
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpError::Raised(raised) => write!(f, "{raised}"),
            OpError::Db(err) => write!(f, "{err}"),
            OpError::Spec(message) => f.write_str(message),
        }
    }
}

impl From<DbError> for OpError {
    fn from(err: DbError) -> OpError {
        match err {
            DbError::SynchronousOnly => OpError::Raised(Raised::new(
                "SynchronousOnlyOperation",
                DbError::SynchronousOnly.to_string(),
            )),
            err => OpError::Db(err),
        }
    }
}

impl From<Raised> for OpError {
    fn from(raised: Raised) -> OpError {
        OpError::Raised(raised)
    }
}

/// An open atomic block, to close with `commit` or `rollback`.
#[derive(Debug, Clone)]
pub enum Atomic {
    /// The outermost block: BEGIN ... COMMIT/ROLLBACK.
    Transaction,
    /// A nested block: SAVEPOINT ... RELEASE, or ROLLBACK TO + RELEASE.
    Savepoint(String),
    /// `atomic(savepoint=False)` inside a transaction: sends nothing.
    Nothing,
}

/// An ORM step's access to its session and the spec's ORM state.
pub struct Orm<'a> {
    pub conn: &'a RecordingConnection,
    pub state: &'a mut OrmState,
    pub step: usize,
}

impl Orm<'_> {
    /// A field's value as Django sends it (`Field::db_value`), with Django's warning when a
    /// DateTimeField gets a naive datetime under USE_TZ.
    pub fn prep(
        &self,
        model: &str,
        field: &super::Field,
        value: &serde_yaml::Value,
    ) -> serde_yaml::Value {
        let settings = &self.state.registry.settings;
        if let (serde_yaml::Value::String(text), true) = (value, field.is_datetime()) {
            if let Some((_, true)) = settings.prep_datetime(text) {
                let warning = super::datetimes::naive_warning(model, &field.name, text);
                self.conn.warn(self.step, warning);
            }
        }
        field.db_value(value, settings)
    }

    pub(super) fn origin(&self) -> Origin {
        Origin {
            phase: Phase::Step,
            step: Some(self.step),
        }
    }

    /// Sends a statement; a server error comes back as the exception Django would raise.
    pub async fn exec(&self, query: &Query) -> Result<Executed, OpError> {
        self.validate_no_broken_transaction()?;
        let executed = self
            .conn
            .execute(self.origin(), &query.sql, &query.params)
            .await?;
        match &executed.error {
            Some(error) => Err(OpError::Raised(Raised::from_sql(error))),
            None => Ok(executed),
        }
    }

    /// Sends a query and returns the first column of its rows (ids, mostly).
    pub async fn first_column(&self, query: &Query) -> Result<Vec<serde_yaml::Value>, OpError> {
        let result = self.exec(query).await?.result;
        Ok(result
            .map(|r| {
                r.rows
                    .iter()
                    .filter_map(|row| row.first().map(super::value_to_yaml))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Sends transaction control (no parameters).
    pub(super) async fn control(&self, sql: &str) -> Result<(), OpError> {
        let executed = self.conn.execute(self.origin(), sql, &[]).await?;
        match executed.error {
            Some(error) => Err(OpError::Raised(Raised::from_sql(&error))),
            None => Ok(()),
        }
    }

    /// `transaction.atomic(savepoint=...)` around an operation's own statements.
    pub async fn atomic(&mut self, savepoint: bool) -> Result<Atomic, OpError> {
        self.enter_atomic(savepoint, false).await
    }

    pub async fn commit(&mut self, block: Atomic) -> Result<(), OpError> {
        self.exit_atomic(block, true).await.map(drop)
    }

    /// Leaves a block because of an exception, as Django's Atomic.__exit__ does.
    pub async fn rollback(&mut self, block: Atomic) -> Result<(), OpError> {
        self.exit_atomic(block, false).await.map(drop)
    }

    /// Ends a block with the outcome of the work done in it: commit on success, roll back
    /// (and pass the exception on) on failure.
    pub async fn finish<T>(
        &mut self,
        block: Atomic,
        outcome: Result<T, OpError>,
    ) -> Result<T, OpError> {
        match outcome {
            Ok(value) => {
                self.commit(block).await?;
                Ok(value)
            }
            Err(OpError::Raised(raised)) => {
                self.rollback(block).await?;
                Err(OpError::Raised(raised))
            }
            Err(other) => Err(other),
        }
    }

    /// The column a spec's field name (column, relation name or `pk`) stands for.
    pub fn column_of(&self, model: &str, name: &str) -> Result<String, OpError> {
        self.state
            .registry
            .field_of(model, name)
            .map(|f| f.column.clone())
            .map_err(OpError::Spec)
    }

    /// Resolves `{ref: name}` to the primary key of a bound instance; other values pass.
    pub fn resolve(&self, value: &serde_yaml::Value) -> Result<serde_yaml::Value, OpError> {
        let serde_yaml::Value::Mapping(map) = value else {
            return Ok(value.clone());
        };
        let Some(serde_yaml::Value::String(name)) = map.get("ref") else {
            return Ok(value.clone());
        };
        let instance = self
            .state
            .instances
            .get(name)
            .ok_or_else(|| OpError::Spec(format!("`ref: {name}` names no bound instance")))?;
        let model = self.state.registry.model(&instance.model);
        Ok(instance.get(&model.pk))
    }
}
