//! A counting relay on the server's unix socket: how many round trips a client costs, as
//! the wire sees them (a round trip starts when the client sends after the server spoke).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{UnixListener, UnixStream};

pub struct WireCounter {
    /// The server's URL, through the relay.
    pub url: String,
    round_trips: Arc<AtomicU64>,
    _dir: tempfile::TempDir,
}

impl WireCounter {
    /// Listens beside `server_url`'s socket (same port, another directory). Call inside the
    /// runtime.
    pub fn start(server_url: &str) -> WireCounter {
        let config: tokio_postgres::Config = server_url.parse().expect("server URL");
        let socket_dir = match config.get_hosts().first() {
            Some(tokio_postgres::config::Host::Unix(dir)) => dir.clone(),
            _ => panic!("the relay needs a unix-socket URL"),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let socket = format!(".s.PGSQL.{port}");
        let dir = tempfile::tempdir().expect("relay directory");
        let listener = UnixListener::bind(dir.path().join(&socket)).expect("relay socket");
        let round_trips = Arc::new(AtomicU64::new(0));
        let target = socket_dir.join(&socket);
        let count = round_trips.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(relay(client, target.clone(), count.clone()));
            }
        });
        let url = server_url.replace(path_text(&socket_dir), path_text(dir.path()));
        WireCounter {
            url,
            round_trips,
            _dir: dir,
        }
    }

    pub fn round_trips(&self) -> u64 {
        self.round_trips.load(Ordering::SeqCst)
    }
}

fn path_text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 socket path")
}

async fn relay(client: UnixStream, target: PathBuf, count: Arc<AtomicU64>) {
    let Ok(server) = UnixStream::connect(&target).await else {
        return;
    };
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    // Whether the server spoke since the client last did: the client's next bytes start a
    // round trip (bytes the client sends before any answer belong to the same one).
    let answered = Arc::new(AtomicBool::new(true));
    let up = {
        let answered = answered.clone();
        async move {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n @ 1..) = from_client.read(&mut buf).await {
                if answered.swap(false, Ordering::SeqCst) {
                    count.fetch_add(1, Ordering::SeqCst);
                }
                if to_server.write_all(&buf[..n]).await.is_err() {
                    break;
                }
            }
            let _ = to_server.shutdown().await;
        }
    };
    let down = async move {
        let mut buf = vec![0u8; 64 * 1024];
        while let Ok(n @ 1..) = from_server.read(&mut buf).await {
            answered.store(true, Ordering::SeqCst);
            if to_client.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
        let _ = to_client.shutdown().await;
    };
    tokio::join!(up, down);
}
