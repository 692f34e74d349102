//! Database access: the server (embedded or given), the pool, sandboxes and the recording
//! connection through which every statement goes.

pub mod catalog;
mod recorder;
mod sandbox;
pub mod server;
mod url;
pub mod value;

use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

pub use recorder::{ClientHandle, Executed, Origin, RecordingConnection, SharedLog};
pub use sandbox::{drop_all as drop_all_sandboxes, quote_ident, Sandbox, SandboxRegistry};
pub use url::redact_url;

/// Errors of the database layer. Messages never contain a password.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DbError {
    #[error("invalid database URL {url}: {message}")]
    BadUrl { url: String, message: String },
    #[error("cannot connect to {url}: {message}")]
    Connect { url: String, message: String },
    #[error("the connection to the server was closed: {0}")]
    Closed(String),
    #[error("{0}")]
    Statement(String),
    #[error("invalid parameter: {0}")]
    Parameter(String),
    #[error("server error: {0}")]
    Server(String),
    #[error("protocol error: {0}")]
    Protocol(String),
}

impl DbError {
    pub(crate) fn from_postgres(err: &tokio_postgres::Error) -> DbError {
        match err.as_db_error() {
            Some(db) => DbError::Server(format!("{}: {}", db.code().code(), db.message())),
            None if err.is_closed() => DbError::Closed(err.to_string()),
            None => DbError::Statement(err.to_string()),
        }
    }
}

/// A server reached through a pool of connections.
#[derive(Clone)]
pub struct Database {
    pool: Pool,
    config: tokio_postgres::Config,
    display_url: String,
    registry: SandboxRegistry,
}

impl Database {
    /// Connects (and checks the server answers within `connect_timeout`).
    pub async fn connect(
        url: &str,
        max_connections: usize,
        connect_timeout: Duration,
    ) -> Result<Database, DbError> {
        let display_url = redact_url(url);
        let mut config = tokio_postgres::Config::from_str(url).map_err(|err| DbError::BadUrl {
            url: display_url.clone(),
            message: redact_message(&err.to_string(), url),
        })?;
        config.connect_timeout(connect_timeout);
        if config.get_application_name().is_none() {
            config.application_name("pgscenario");
        }
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(max_connections.max(2))
            .build()
            .map_err(|err| DbError::BadUrl {
                url: display_url.clone(),
                message: err.to_string(),
            })?;
        let db = Database {
            pool,
            config,
            display_url,
            registry: SandboxRegistry::default(),
        };
        // Fail now, with one clear message, rather than once per spec.
        let probe =
            tokio::time::timeout(connect_timeout + Duration::from_secs(1), db.pool.get()).await;
        match probe {
            Ok(Ok(_)) => Ok(db),
            Ok(Err(err)) => Err(db.connect_error(&err.to_string(), url)),
            Err(_) => Err(db.connect_error("timed out", url)),
        }
    }

    pub fn display_url(&self) -> &str {
        &self.display_url
    }

    pub fn registry(&self) -> &SandboxRegistry {
        &self.registry
    }

    fn connect_error(&self, message: &str, url: &str) -> DbError {
        DbError::Connect {
            url: self.display_url.clone(),
            message: redact_message(message, url),
        }
    }

    async fn pooled(&self) -> Result<deadpool_postgres::Object, DbError> {
        self.pool.get().await.map_err(|err| DbError::Connect {
            url: self.display_url.clone(),
            message: err.to_string(),
        })
    }

    /// A dedicated (unpooled) connection, to another database of the same server or to the
    /// configured one (`None`).
    async fn connect_to(&self, dbname: Option<&str>) -> Result<tokio_postgres::Client, DbError> {
        let mut config = self.config.clone();
        if let Some(dbname) = dbname {
            config.dbname(dbname);
        }
        let (client, connection) = config
            .connect(NoTls)
            .await
            .map_err(|err| DbError::Connect {
                url: match dbname {
                    Some(dbname) => format!("{} (database {dbname})", self.display_url),
                    None => self.display_url.clone(),
                },
                message: err.to_string(),
            })?;
        tokio::spawn(connection);
        Ok(client)
    }
}

/// Removes a password that an error message might quote from the URL it came from.
fn redact_message(message: &str, url: &str) -> String {
    match url::password_of(url) {
        Some(password) if !password.is_empty() => message.replace(&password, "***"),
        _ => message.to_string(),
    }
}
