//! The embedded throwaway PostgreSQL: finds the server binaries, keeps an initdb'd template
//! cluster in a cache, and runs private per-process copies of it on a unix socket only.
//!
//! This file owns the public API (options, errors, the server's start, URL, stop and drop);
//! `find` locates the binaries, `cache` manages the template and run directories, and
//! `process` runs PostgreSQL tools as the server user and checks on their processes.

mod cache;
mod find;
mod process;

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use cache::{
    cache_dir_from, copy_tree, ensure_template, make_reachable_dir, reap_stale, remove_run_dir,
};
pub use find::find_pg_bin;
use find::server_version;
pub use process::shut_down_at_once;
use process::{
    check_quotable, euid, free_port, give, pg_command, postmaster_ready, postmaster_running, run,
    server_user, stop_immediately, track, untrack, User,
};

const PORT: u16 = 5432;
/// sun_path is 104 (macOS) or 108 (Linux) bytes including the NUL; stay safely below both.
const SOCKET_PATH_MAX: usize = 100;

/// How to run the embedded server.
#[derive(Debug, Default, Clone)]
pub struct ServerOptions {
    /// Cache for the template cluster and run directories; else PGSCENARIO_CACHE_DIR, else a
    /// per-user default.
    pub cache_dir: Option<PathBuf>,
    /// Also listen on 127.0.0.1 (a free port) with TLS from this certificate chain and key
    /// (PEM files), to test clients against a server that speaks TLS.
    pub tls: Option<TlsFiles>,
}

/// A server certificate chain and its private key, PEM.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Why the embedded server could not be found, started or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// No directory holding initdb, pg_ctl and postgres was found.
    #[error("no PostgreSQL server binaries found (looked in PG_BIN, pg_config, PATH, /usr/lib/postgresql/*/bin, Homebrew); install PostgreSQL (e.g. apt-get install postgresql) or set PG_BIN, or start one with `docker compose up -d` and export DATABASE_URL=postgres://pgscenario@localhost:5432/pgscenario")]
    NoBinaries,
    /// Running as root, which initdb refuses, and there is no `postgres` user to switch to.
    #[error("running as root, but there is no `postgres` system user to run the server as (initdb refuses root); create one (e.g. useradd --system postgres) or run as a regular user")]
    NoPostgresUser,
    /// A path the server needs cannot be used (unreachable for the server user, or unquotable).
    #[error("cannot use {path} for the embedded server: {reason}; set PGSCENARIO_CACHE_DIR to another directory")]
    BadPath { path: PathBuf, reason: String },
    /// A filesystem or process operation failed.
    #[error("{context}: {error}")]
    Io { context: String, error: io::Error },
    /// A PostgreSQL tool exited unsuccessfully.
    #[error("{program} failed ({status}): {output}")]
    Tool {
        program: String,
        status: String,
        output: String,
    },
    /// pg_ctl start failed; `tail` holds the last lines of the server log.
    #[error("PostgreSQL did not start: {summary}\n--- last lines of {log} ---\n{tail}")]
    Start {
        summary: String,
        log: PathBuf,
        tail: String,
    },
    /// `postgres --version` printed something we cannot parse.
    #[error("cannot parse `postgres --version` output: {0:?}")]
    Version(String),
}

fn ctx(context: String) -> impl FnOnce(io::Error) -> ServerError {
    move |error| ServerError::Io { context, error }
}

/// A running private PostgreSQL cluster; stopped and deleted on `stop` or drop.
#[derive(Debug)]
pub struct EmbeddedServer {
    bin_dir: PathBuf,
    run_dir: PathBuf,
    socket_dir: PathBuf,
    major: u32,
    user: Option<User>,
    stopped: bool,
    /// The postmaster, started by us (not daemonized by pg_ctl), so its end is seen at once.
    postmaster: Option<std::process::Child>,
    port: u16,
    tls: Option<TlsFiles>,
}

impl EmbeddedServer {
    /// Starts a private throwaway cluster and waits until it accepts connections.
    pub fn start(opts: &ServerOptions) -> Result<EmbeddedServer, ServerError> {
        let bin_dir = find_pg_bin()?;
        check_quotable(&bin_dir)?;
        let user = server_user()?;
        let (major, version) = server_version(&bin_dir)?;
        let env = std::env::var_os;
        let cache = cache_dir_from(
            opts.cache_dir.as_deref(),
            env("PGSCENARIO_CACHE_DIR"),
            euid(),
            env("XDG_CACHE_HOME"),
            env("HOME"),
        );
        let cache =
            std::path::absolute(&cache).map_err(ctx(format!("resolving {}", cache.display())))?;
        let runs = cache.join("runs");
        for dir in [&cache, &runs] {
            make_reachable_dir(dir, user)?;
        }
        check_quotable(&runs)?;
        reap_stale(&cache, &bin_dir, user);
        let template = ensure_template(&cache, &bin_dir, major, &version, user)?;
        let run_dir = tempfile::Builder::new()
            .prefix(&format!("{}-", std::process::id()))
            .tempdir_in(&runs)
            .map_err(ctx(format!(
                "creating a run directory in {}",
                runs.display()
            )))?
            .keep();
        // From here on Drop cleans up whatever a failed start leaves behind.
        let mut server = EmbeddedServer {
            socket_dir: run_dir.join("s"),
            bin_dir,
            run_dir,
            major,
            user,
            stopped: false,
            postmaster: None,
            port: PORT,
            tls: opts.tls.clone(),
        };
        if server.tls.is_some() {
            server.port = free_port()?;
        }
        server.prepare(&template)?;
        server.launch()?;
        Ok(server)
    }

    /// A libpq-style URL (user `postgres`, database `postgres`) reaching the server over its
    /// unix socket; the host part is empty so clients do not also try TCP to localhost.
    pub fn url(&self) -> String {
        let mut host = String::new();
        for &b in self.socket_dir.as_os_str().as_bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                host.push(char::from(b));
            } else {
                host.push_str(&format!("%{b:02X}"));
            }
        }
        format!(
            "postgresql://postgres@/postgres?host={host}&port={}",
            self.port
        )
    }

    /// Stops the server (pg_ctl stop -m fast, falling back to immediate) and removes its run
    /// directory. Idempotent.
    pub fn stop(&mut self) -> Result<(), ServerError> {
        if self.stopped {
            return Ok(());
        }
        self.stopped = true;
        let data = self.run_dir.join("data");
        let mut result = Ok(());
        if let Some(child) = self.postmaster.take() {
            result = stop_immediately(child);
        } else if postmaster_running(&data) {
            // -t bounds a fast shutdown stuck behind busy backends; immediate always finishes.
            let fast = self.pg_ctl(["stop", "-m", "fast", "-w", "-t", "10"], &data);
            if fast.is_err() {
                let immediate = self.pg_ctl(["stop", "-m", "immediate", "-w", "-t", "10"], &data);
                if let (Err(err), true) = (immediate, postmaster_running(&data)) {
                    result = Err(err);
                }
            }
        }
        let removed = remove_run_dir(&self.run_dir, &self.socket_dir);
        result.and(removed.map_err(ctx(format!("removing {}", self.run_dir.display()))))
    }

    /// The TCP port the server listens on besides its socket (with `tls`).
    pub fn tcp_port(&self) -> Option<u16> {
        self.tls.as_ref().map(|_| self.port)
    }

    /// Major version, e.g. 15.
    pub fn major_version(&self) -> u32 {
        self.major
    }

    fn pg_ctl<const N: usize>(&self, args: [&str; N], data: &Path) -> Result<Output, ServerError> {
        let mut cmd = pg_command(&self.bin_dir, "pg_ctl", self.user);
        cmd.args(args).arg("-D").arg(data);
        // Own process group: a terminal Ctrl-C reaches only us, and we stop the server in order.
        cmd.process_group(0);
        run(cmd)
    }

    fn prepare(&mut self, template: &Path) -> Result<(), ServerError> {
        let run = &self.run_dir;
        let pid_file = run.join("owner.pid");
        fs::write(&pid_file, std::process::id().to_string())
            .map_err(ctx(format!("writing {}", pid_file.display())))?;
        give(run, self.user)?;
        give(&pid_file, self.user)?;
        let data = run.join("data");
        copy_tree(template, &data, self.user).map_err(ctx(format!(
            "copying template {} to {}",
            template.display(),
            data.display()
        )))?;
        let socket_file_len = self.socket_dir.as_os_str().len() + "/.s.PGSQL.5432".len();
        if socket_file_len <= SOCKET_PATH_MAX {
            fs::DirBuilder::new()
                .mode(0o700)
                .create(&self.socket_dir)
                .map_err(ctx(format!("creating {}", self.socket_dir.display())))?;
            return give(&self.socket_dir, self.user);
        }
        let link = run.join("s");
        let short = tempfile::Builder::new()
            .prefix("pgscenario-")
            .tempdir_in("/tmp")
            .map_err(ctx("creating a socket directory in /tmp".into()))?
            .keep();
        self.socket_dir = short;
        give(&self.socket_dir, self.user)?;
        // The link lets a later reaper find and delete the /tmp directory if we die.
        std::os::unix::fs::symlink(&self.socket_dir, &link)
            .map_err(ctx(format!("linking {}", link.display())))
    }

    /// Starts `postgres` itself (pg_ctl would add a shell and poll every 100 ms) and waits
    /// for the status line of postmaster.pid to say "ready", as pg_ctl -w does, polling often.
    fn launch(&mut self) -> Result<(), ServerError> {
        let mut sock = b"unix_socket_directories=\"".to_vec();
        sock.extend_from_slice(self.socket_dir.as_os_str().as_bytes());
        sock.push(b'"');
        let port = format!("port={}", self.port);
        let mut tls_settings: Vec<Vec<u8>> = Vec::new();
        if let Some(files) = &self.tls {
            // The key must belong to the server user, mode 0600: copies in the run directory.
            for (from, name) in [(&files.cert, "server.crt"), (&files.key, "server.key")] {
                let to = self.run_dir.join(name);
                fs::copy(from, &to).map_err(ctx(format!("copying {}", from.display())))?;
                fs::set_permissions(&to, std::os::unix::fs::PermissionsExt::from_mode(0o600))
                    .map_err(ctx(format!("chmod {}", to.display())))?;
                give(&to, self.user)?;
            }
            let path = |name: &str| self.run_dir.join(name).as_os_str().as_bytes().to_vec();
            tls_settings.push(b"listen_addresses=127.0.0.1".to_vec());
            tls_settings.push(b"ssl=on".to_vec());
            tls_settings.push([b"ssl_cert_file=".to_vec(), path("server.crt")].concat());
            tls_settings.push([b"ssl_key_file=".to_vec(), path("server.key")].concat());
        }
        let settings: [&[u8]; 10] = [
            b"listen_addresses=",
            &sock,
            port.as_bytes(),
            b"fsync=off",
            b"synchronous_commit=off",
            b"full_page_writes=off",
            b"max_connections=100",
            b"shared_buffers=32MB",
            b"timezone=UTC",
            b"log_timezone=UTC",
        ];
        let data = self.run_dir.join("data");
        let log = self.run_dir.join("server.log");
        let failed = |summary: String, log: &Path| {
            let text = fs::read_to_string(log).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let fatal = lines.iter().rev().find_map(|l| {
                let at = l.find("FATAL:").or_else(|| l.find("PANIC:"))?;
                Some(l[at..].to_string())
            });
            let tail = lines[lines.len().saturating_sub(20)..].join("\n");
            ServerError::Start {
                summary: fatal.unwrap_or(summary),
                log: log.to_path_buf(),
                tail,
            }
        };
        let out = fs::File::create(&log).map_err(ctx(format!("creating {}", log.display())))?;
        give(&log, self.user)?;
        let err = out
            .try_clone()
            .map_err(ctx(format!("opening {}", log.display())))?;
        let mut cmd = pg_command(&self.bin_dir, "postgres", self.user);
        cmd.arg("-D").arg(&data);
        for setting in settings
            .iter()
            .copied()
            .chain(tls_settings.iter().map(Vec::as_slice))
        {
            cmd.arg("-c").arg(OsString::from_vec(setting.to_vec()));
        }
        // Own process group: a terminal Ctrl-C reaches only us, and we stop the server in order.
        cmd.stdout(out).stderr(err).process_group(0);
        let mut child = cmd.spawn().map_err(ctx("starting postgres".into()))?;
        track(child.id());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut pause = std::time::Duration::from_millis(1);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                untrack(child.id());
                return Err(failed(format!("postgres exited ({status})"), &log));
            }
            if postmaster_ready(&data) {
                self.postmaster = Some(child);
                return Ok(());
            }
            if std::time::Instant::now() > deadline {
                let _ = stop_immediately(child);
                return Err(failed("postgres was not ready within 30 s".into(), &log));
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(std::time::Duration::from_millis(10));
        }
    }
}

impl Drop for EmbeddedServer {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

fn bad_path(path: &Path, reason: impl Into<String>) -> ServerError {
    ServerError::BadPath {
        path: path.into(),
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::net::UnixStream;
    use std::process::Command;

    /// A fresh cache per test: nextest runs every test in its own process anyway.
    pub(super) fn cache() -> (tempfile::TempDir, ServerOptions) {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = ServerOptions {
            cache_dir: Some(dir.path().to_path_buf()),
            tls: None,
        };
        (dir, opts)
    }

    pub(super) fn psql(server: &EmbeddedServer, sql: &str) -> String {
        let mut cmd = Command::new(server.bin_dir.join("psql"));
        let out = cmd
            .args(["-XAtc", sql])
            .arg(server.url())
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    #[test]
    fn url_escapes_the_socket_dir() {
        let server = EmbeddedServer {
            bin_dir: PathBuf::new(),
            run_dir: PathBuf::new(),
            socket_dir: PathBuf::from("/tmp/a b&c"),
            major: 15,
            user: None,
            stopped: true,
            postmaster: None,
            port: PORT,
            tls: None,
        };
        assert_eq!(
            server.url(),
            "postgresql://postgres@/postgres?host=/tmp/a%20b%26c&port=5432"
        );
    }

    #[test]
    fn serves_on_the_socket_only_and_cleans_up() {
        let (_dir, opts) = cache();
        let mut server = EmbeddedServer::start(&opts).expect("start");
        UnixStream::connect(server.socket_dir.join(".s.PGSQL.5432")).expect("socket accepts");
        assert_eq!(psql(&server, "select 1"), "1");
        assert_eq!(psql(&server, "show listen_addresses"), "");
        let version: u32 = psql(&server, "show server_version_num")
            .parse()
            .expect("number");
        assert_eq!(server.major_version(), version / 10000);
        let run_dir = server.run_dir.clone();
        let owner = fs::read_to_string(run_dir.join("owner.pid")).expect("owner.pid");
        assert_eq!(owner, std::process::id().to_string());
        let data = fs::metadata(run_dir.join("data")).expect("data dir");
        assert_eq!(data.mode() & 0o777, 0o700);
        if let Some(user) = server.user {
            assert_eq!(data.uid(), user.uid);
        }
        server.stop().expect("stop");
        assert!(!run_dir.exists());
        server.stop().expect("stop is idempotent");
    }

    #[test]
    fn long_cache_path_puts_the_socket_under_tmp() {
        let (dir, _) = cache();
        let opts = ServerOptions {
            cache_dir: Some(dir.path().join("a".repeat(90))),
            tls: None,
        };
        let mut server = EmbeddedServer::start(&opts).expect("start");
        assert!(server.socket_dir.starts_with("/tmp"));
        assert_eq!(psql(&server, "select 1"), "1");
        let socket_dir = server.socket_dir.clone();
        server.stop().expect("stop");
        assert!(!socket_dir.exists());
    }
}
