//! Choosing the server: the given URL, or a throwaway embedded cluster for the run.

use std::time::Duration;

use crate::db::server::{EmbeddedServer, ServerOptions};
use crate::db::{redact_url, Database};

/// The database for a run, and the embedded server behind it (stopped when dropped).
pub struct Target {
    pub database: Database,
    pub description: String,
    // Held for its Drop: the embedded server lives as long as the run.
    server: Option<EmbeddedServer>,
}

impl Target {
    /// Drops what the run made on a given server (its job slots). The embedded server is
    /// thrown away whole.
    /// Drops the job slots on a server of the user's (the embedded one goes whole). A server
    /// that does not answer keeps them: the next run on it drops them (by their run mark).
    pub async fn finish(&self) {
        if self.server.is_none() {
            let limit = Duration::from_secs(10);
            if tokio::time::timeout(limit, self.database.drop_slots())
                .await
                .is_err()
            {
                eprintln!(
                    "note: the server did not answer within {limit:?}: this run's job databases and roles stay until the next run on it drops them"
                );
            }
        }
    }
}

/// Connects to `url`, or starts the embedded server. Ctrl-C while starting stops it again.
pub async fn connect(url: Option<&str>, max_connections: usize) -> Result<Target, String> {
    let connect_timeout = Duration::from_secs(10);
    if let Some(url) = url {
        let database = Database::connect(url, max_connections, connect_timeout)
            .await
            .map_err(|err| err.to_string())?;
        return Ok(Target {
            database,
            description: redact_url(url),
            server: None,
        });
    }
    let starting = tokio::task::spawn_blocking(|| EmbeddedServer::start(&ServerOptions::default()));
    tokio::pin!(starting);
    let server = tokio::select! {
        started = &mut starting => started,
        signal = crate::runner::interrupt::interrupted() => {
            // Let the start finish so that dropping the server stops it.
            drop(starting.await);
            return Err(format!("interrupted by {signal} while starting the embedded PostgreSQL"));
        }
    };
    let server = server
        .map_err(|err| format!("embedded PostgreSQL: {err}"))?
        .map_err(|err| err.to_string())?;
    let description = format!("embedded PostgreSQL {} (throwaway)", server.major_version());
    let database = Database::connect(&server.url(), max_connections, connect_timeout)
        .await
        .map_err(|err| err.to_string())?;
    Ok(Target {
        database,
        description,
        server: Some(server),
    })
}
