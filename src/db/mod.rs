//! Database access: the server (embedded or given), the pool, sandboxes and the recording
//! connection through which every statement goes.

pub mod catalog;
mod lifetime;
mod recorder;
mod sandbox;
pub mod server;
mod slots;
pub mod tls;
mod url;
pub mod value;

use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

pub use lifetime::{Boundary, DjangoConnection};
pub use recorder::{ClientHandle, Executed, Origin, RecordingConnection, SharedLog};
pub use sandbox::{
    drop_all as drop_all_sandboxes, quote_ident, sweep_abandoned, Sandbox, SandboxRegistry,
};
pub use slots::Slots;
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
    /// Django refused to touch the database from async code (nothing was sent).
    #[error("You cannot call this from an async context - use a thread or sync_to_async.")]
    SynchronousOnly,
    #[error("{0}")]
    Statement(String),
    #[error("invalid parameter: {0}")]
    Parameter(String),
    #[error("server error: {0}")]
    Server(String),
    #[error("protocol error: {0}")]
    Protocol(String),
    /// The server did not answer in time (it hangs, or the network to it does).
    #[error("the server did not answer within {0:?} ({1})")]
    NoAnswer(std::time::Duration, &'static str),
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
    /// The TLS connector (`None`: sslmode=disable).
    tls: Option<tokio_postgres_rustls::MakeRustlsConnect>,
    display_url: String,
    registry: SandboxRegistry,
    /// A database and role per job, when the run made them (see `slots`).
    slots: Option<std::sync::Arc<Slots>>,
}

impl Database {
    /// Connects (and checks the server answers within `connect_timeout`).
    pub async fn connect(
        url: &str,
        max_connections: usize,
        connect_timeout: Duration,
    ) -> Result<Database, DbError> {
        let display_url = redact_url(url);
        let bad = |message: String| DbError::BadUrl {
            url: display_url.clone(),
            message: redact_message(&message, url),
        };
        let (parsable, tls_options) = tls::split_url(url).map_err(&bad)?;
        let mut config =
            tokio_postgres::Config::from_str(&parsable).map_err(|err| bad(err.to_string()))?;
        // No TLS over a unix socket, as libpq (the server refuses it there anyway): the
        // connector (and its sslrootcert) only for a TCP host.
        let unix_only = config
            .get_hosts()
            .iter()
            .all(|h| matches!(h, tokio_postgres::config::Host::Unix(_)));
        let tls = match unix_only {
            true => None,
            false => tls::connector(&tls_options).map_err(&bad)?,
        };
        // A `connect_timeout` in the URL wins, as libpq's does.
        let connect_timeout = match config.get_connect_timeout() {
            Some(given) => *given,
            None => {
                config.connect_timeout(connect_timeout);
                connect_timeout
            }
        };
        let run = sandbox::new_run_mark();
        let name = sandbox::application_name(config.get_application_name(), &run);
        config.application_name(name);
        let manager_config = ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = match &tls {
            Some(tls) => Manager::from_config(config.clone(), tls.clone(), manager_config),
            None => Manager::from_config(config.clone(), NoTls, manager_config),
        };
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
            tls,
            display_url,
            registry: SandboxRegistry::new(run),
            slots: None,
        };
        // Fail now, with one clear message, rather than once per spec.
        let probe =
            tokio::time::timeout(connect_timeout + Duration::from_secs(1), db.pool.get()).await;
        match probe {
            Ok(Ok(_)) => Ok(db),
            Ok(Err(err)) => Err(db.connect_error(&pool_cause(&err), url)),
            Err(_) => Err(db.connect_error(&format!("timed out after {connect_timeout:?}"), url)),
        }
    }

    /// How many more connections the server (and the role's CONNECTION LIMIT) will take,
    /// counting the probe's own as free; `None` when the server does not say.
    pub async fn connection_headroom(&self) -> Option<usize> {
        let client = self.pooled().await.ok()?;
        let sql = "SELECT least(\
            current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int \
              - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int, \
            coalesce((SELECT nullif(rolconnlimit, -1) FROM pg_roles WHERE rolname = current_user) \
              - (SELECT count(*) FROM pg_stat_activity WHERE usename = current_user)::int, 2147483647)) + 1";
        let row = client.query_one(sql, &[]).await.ok()?;
        let free: i32 = row.try_get(0).ok()?;
        Some(usize::try_from(free).unwrap_or(0))
    }

    /// Why the server does not answer a new connection's `SELECT 1` within a few seconds,
    /// or None when it does (asked after a spec could not run, to tell a dead server from
    /// one spec's trouble).
    pub async fn unreachable(&self) -> Option<String> {
        let probe = async {
            let client = self.connect_to(None).await?;
            client
                .simple_query("SELECT 1")
                .await
                .map_err(|e| DbError::from_postgres(&e))
        };
        match tokio::time::timeout(std::time::Duration::from_secs(5), probe).await {
            Ok(Ok(_)) => None,
            Ok(Err(err)) => Some(err.to_string()),
            Err(_) => Some(format!("{} did not answer within 5 s", self.display_url)),
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
            message: pool_cause(&err),
        })
    }

    /// Makes a database and a restricted role per job for the specs to run in, when the
    /// connecting role may; otherwise says why the specs run in schemas of one database.
    pub async fn prepare_slots(&mut self, jobs: usize) -> Result<(), String> {
        self.slots = Some(slots::prepare(self, jobs).await?);
        Ok(())
    }

    /// Drops the job slots (their databases and roles).
    pub async fn drop_slots(&self) {
        if let Some(slots) = &self.slots {
            slots::teardown(self, slots).await;
        }
    }

    /// Waits until every job slot is made (they are made in the background after the
    /// first).
    pub async fn slots_ready(&self) {
        if let Some(slots) = &self.slots {
            slots.ready().await;
        }
    }

    pub(crate) fn slots(&self) -> Option<&std::sync::Arc<Slots>> {
        self.slots.as_ref()
    }

    /// A dedicated (unpooled) connection, to another database of the same server or to the
    /// configured one (`None`).
    async fn connect_to(&self, dbname: Option<&str>) -> Result<tokio_postgres::Client, DbError> {
        let mut config = self.config.clone();
        if let Some(dbname) = dbname {
            config.dbname(dbname);
        }
        self.connect_with(config, dbname.unwrap_or_default()).await
    }

    /// A dedicated connection with `config` (TLS as the run's); `dbname` names the database
    /// in the error when it is not the configured one.
    async fn connect_with(
        &self,
        config: tokio_postgres::Config,
        dbname: &str,
    ) -> Result<tokio_postgres::Client, DbError> {
        self.connect_raw(config)
            .await
            .map_err(|err| self.connect_failed(&err, dbname))
    }

    /// A dedicated connection with `config`, its error as the driver gives it (with the
    /// server's SQLSTATE).
    pub(crate) async fn connect_raw(
        &self,
        config: tokio_postgres::Config,
    ) -> Result<tokio_postgres::Client, tokio_postgres::Error> {
        match &self.tls {
            Some(tls) => {
                let (client, connection) = config.connect(tls.clone()).await?;
                tokio::spawn(connection);
                Ok(client)
            }
            None => {
                let (client, connection) = config.connect(NoTls).await?;
                tokio::spawn(connection);
                Ok(client)
            }
        }
    }

    /// A failed connection's error, naming the database when it is not the configured one.
    pub(crate) fn connect_failed(&self, err: &tokio_postgres::Error, dbname: &str) -> DbError {
        DbError::Connect {
            url: match dbname {
                "" => self.display_url.clone(),
                dbname => format!("{} (database {dbname})", self.display_url),
            },
            message: cause(err),
        }
    }
}

/// An error with its causes, `outer: inner: ...`, so that "error connecting to server" says
/// why (connection refused, no such socket, too many clients, authentication failed).
pub(crate) fn cause(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        let part = inner.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = inner.source();
    }
    text
}

/// The pool's error without its wrapper ("Error occurred while creating a new object").
fn pool_cause(err: &deadpool_postgres::PoolError) -> String {
    match err {
        deadpool_postgres::PoolError::Backend(inner) => cause(inner),
        other => cause(other),
    }
}

/// Removes a password that an error message might quote from the URL it came from.
fn redact_message(message: &str, url: &str) -> String {
    match url::password_of(url) {
        Some(password) if !password.is_empty() => message.replace(&password, "***"),
        _ => message.to_string(),
    }
}
