//! The embedded throwaway PostgreSQL: finds the server binaries, keeps an initdb'd template
//! cluster in a cache, and runs private per-process copies of it on a unix socket only.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{self, Command, Output, Stdio};

const PORT: u16 = 5432;
const BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];
/// Written last into a template, so its presence proves initdb finished.
const MARKER: &str = ".pgscenario-template-ok";
/// sun_path is 104 (macOS) or 108 (Linux) bytes including the NUL; stay safely below both.
const SOCKET_PATH_MAX: usize = 100;

/// How to run the embedded server.
#[derive(Debug, Default, Clone)]
pub struct ServerOptions {
    /// Cache for the template cluster and run directories; else PGSCENARIO_CACHE_DIR, else a
    /// per-user default.
    pub cache_dir: Option<PathBuf>,
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

/// The unprivileged account the server runs as when we are root.
#[derive(Debug, Clone, Copy)]
struct User {
    uid: u32,
    gid: u32,
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
            .prefix(&format!("{}-", process::id()))
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
        };
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
        format!("postgresql://postgres@/postgres?host={host}&port={PORT}")
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
        if postmaster_running(&data) {
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
        fs::write(&pid_file, process::id().to_string())
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

    fn launch(&self) -> Result<(), ServerError> {
        let mut sock = b"unix_socket_directories=\"".to_vec();
        sock.extend_from_slice(self.socket_dir.as_os_str().as_bytes());
        sock.push(b'"');
        let port = format!("port={PORT}");
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
        // pg_ctl pastes -o into a `/bin/sh -c` command line, so every argument is shell-quoted.
        let mut opts = Vec::new();
        for setting in settings {
            opts.extend_from_slice(b"-c '");
            for &b in setting {
                match b {
                    b'\'' => opts.extend_from_slice(b"'\\''"),
                    _ => opts.push(b),
                }
            }
            opts.extend_from_slice(b"' ");
        }
        let log = self.run_dir.join("server.log");
        let mut cmd = pg_command(&self.bin_dir, "pg_ctl", self.user);
        cmd.args(["start", "-w", "-t", "30", "-D"])
            .arg(self.run_dir.join("data"))
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(OsString::from_vec(opts))
            .process_group(0);
        run(cmd).map(drop).map_err(|err| {
            let text = fs::read_to_string(&log).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let fatal = lines.iter().rev().find_map(|l| {
                let at = l.find("FATAL:").or_else(|| l.find("PANIC:"))?;
                Some(l[at..].to_string())
            });
            let summary =
                fatal.unwrap_or_else(|| err.to_string().lines().next().unwrap_or("").into());
            let tail = lines[lines.len().saturating_sub(20)..].join("\n");
            ServerError::Start { summary, log, tail }
        })
    }
}

impl Drop for EmbeddedServer {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// Directory that holds initdb, pg_ctl and postgres.
pub fn find_pg_bin() -> Result<PathBuf, ServerError> {
    let env = std::env::var_os;
    search_bin_dirs(env("PG_BIN").as_deref(), env("PATH").as_deref())
}

fn search_bin_dirs(pg_bin: Option<&OsStr>, path: Option<&OsStr>) -> Result<PathBuf, ServerError> {
    if let Some(dir) = pg_bin.filter(|d| !d.is_empty()) {
        // An explicit PG_BIN is authoritative: falling back would hide a typo behind other binaries.
        return usable_bin_dir(Path::new(dir)).ok_or(ServerError::NoBinaries);
    }
    let path_dirs: Vec<PathBuf> = path
        .map(|p| std::env::split_paths(p).collect())
        .unwrap_or_default();
    let pg_config = path_dirs
        .iter()
        .map(|d| d.join("pg_config"))
        .find(|p| p.is_file());
    let bindir = |exe| {
        Command::new(exe)
            .arg("--bindir")
            .stderr(Stdio::null())
            .output()
            .ok()
    };
    let configured = pg_config
        .and_then(bindir)
        .filter(|out| out.status.success());
    let configured =
        configured.map(|out| PathBuf::from(OsStr::from_bytes(out.stdout.trim_ascii_end())));
    let brew = |parent: &str| versioned_dirs(Path::new(parent), "postgresql@");
    let fixed = ["/opt/homebrew/bin", "/usr/local/bin"].map(PathBuf::from);
    let candidates = configured.into_iter().chain(path_dirs);
    let candidates = candidates.chain(versioned_dirs(Path::new("/usr/lib/postgresql"), ""));
    let candidates = candidates
        .chain(brew("/opt/homebrew/opt"))
        .chain(brew("/usr/local/opt"));
    let found = candidates.chain(fixed).find_map(|dir| usable_bin_dir(&dir));
    found.ok_or(ServerError::NoBinaries)
}

fn usable_bin_dir(dir: &Path) -> Option<PathBuf> {
    let complete = |d: &Path| BINARIES.iter().all(|b| d.join(b).is_file());
    // Follow a symlinked initdb (/usr/local/bin -> /usr/lib/postgresql/15/bin) so the template
    // hash names the real installation.
    let real = fs::canonicalize(dir.join("initdb")).ok()?;
    match real.parent() {
        Some(real) if complete(real) => Some(real.to_path_buf()),
        _ if complete(dir) => std::path::absolute(dir).ok(),
        _ => None,
    }
}

/// `<parent>/<prefix><version>/bin`, newest version first (numerically: 16 > 9.6).
fn versioned_dirs(parent: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<(Vec<u32>, PathBuf)> = fs::read_dir(parent)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = name
                .strip_prefix(prefix)?
                .split('.')
                .map(|n| n.parse().ok());
            Some((version.collect::<Option<_>>()?, entry.path().join("bin")))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, dir)| dir).collect()
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// None when we may run the server ourselves; the `postgres` account when we are root.
fn server_user() -> Result<Option<User>, ServerError> {
    if euid() != 0 {
        return Ok(None);
    }
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: passwd is plain data; getpwnam_r writes only into `pwd` and `buf`, whose real
        // length we pass, and the strings it points at are not used after `buf` changes.
        let (rc, found) = unsafe {
            let mut pwd: libc::passwd = std::mem::zeroed();
            let mut found: *mut libc::passwd = std::ptr::null_mut();
            let (ptr, len) = (buf.as_mut_ptr().cast(), buf.len());
            let rc = libc::getpwnam_r(c"postgres".as_ptr(), &mut pwd, ptr, len, &mut found);
            (rc, (!found.is_null()).then_some((pwd.pw_uid, pwd.pw_gid)))
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
        } else if rc != 0 {
            let err = io::Error::from_raw_os_error(rc);
            return Err(ctx("looking up user postgres".into())(err));
        } else {
            let (uid, gid) = found.ok_or(ServerError::NoPostgresUser)?;
            return Ok(Some(User { uid, gid }));
        }
    }
}

fn cache_dir_from(
    explicit: Option<&Path>,
    env_dir: Option<OsString>,
    euid: u32,
    xdg: Option<OsString>,
    home: Option<OsString>,
) -> PathBuf {
    let set = |v: Option<OsString>| v.filter(|s| !s.is_empty()).map(PathBuf::from);
    if let Some(dir) = explicit.map(Path::to_path_buf).or_else(|| set(env_dir)) {
        return dir;
    }
    if euid == 0 {
        // root's home is 0700, which the postgres user could not traverse.
        return PathBuf::from("/var/tmp/pgscenario-cache");
    }
    set(xdg)
        .or_else(|| set(home).map(|h| h.join(".cache")))
        .map(|dir| dir.join("pgscenario"))
        .unwrap_or_else(|| std::env::temp_dir().join(format!("pgscenario-cache-{euid}")))
}

/// Creates `dir` and, when root, makes sure the server user can walk down to it.
fn make_reachable_dir(dir: &Path, user: Option<User>) -> Result<(), ServerError> {
    let fail = |e| ctx(format!("creating {}", dir.display()))(e);
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o755)
        .create(dir)
        .map_err(fail)?;
    let Some(user) = user else { return Ok(()) };
    let meta = fs::metadata(dir).map_err(fail)?;
    if meta.uid() == 0 && meta.mode() & 0o001 == 0 {
        // Our own cache dir (e.g. a 0700 tempdir, or a umask 077 mkdir): let others traverse it.
        let mode = meta.mode() & 0o7777 | 0o011;
        fs::set_permissions(dir, fs::Permissions::from_mode(mode)).map_err(fail)?;
    }
    for dir in dir.ancestors() {
        let meta = fs::metadata(dir).map_err(ctx(format!("inspecting {}", dir.display())))?;
        let bit = match (meta.uid() == user.uid, meta.gid() == user.gid) {
            (true, _) => 0o100,
            (false, true) => 0o010,
            _ => 0o001,
        };
        if meta.mode() & bit == 0 {
            let reason = format!(
                "mode {:o} keeps the postgres user out",
                meta.mode() & 0o7777
            );
            return Err(bad_path(dir, reason));
        }
    }
    Ok(())
}

/// pg_ctl pastes its own path, -D and -l into a shell command inside unescaped double quotes.
fn check_quotable(path: &Path) -> Result<(), ServerError> {
    let bytes = path.as_os_str().as_bytes();
    if bytes.iter().any(|b| b"\"$`\\\n".contains(b)) {
        let reason = "pg_ctl cannot quote a path with \" $ ` \\ or newline";
        return Err(bad_path(path, reason));
    }
    Ok(())
}

fn bad_path(path: &Path, reason: impl Into<String>) -> ServerError {
    ServerError::BadPath {
        path: path.into(),
        reason: reason.into(),
    }
}

fn pg_command(bin: &Path, program: &str, user: Option<User>) -> Command {
    let mut cmd = Command::new(bin.join(program));
    // The server user may be unable to enter our cwd (e.g. /root), which initdb and pg_ctl stat.
    cmd.current_dir("/").stdin(Stdio::null());
    if let Some(user) = user {
        // As root, std also drops supplementary groups (setgroups(0)) before setuid.
        cmd.uid(user.uid).gid(user.gid);
    }
    cmd
}

fn run(mut cmd: Command) -> Result<Output, ServerError> {
    let program = Path::new(cmd.get_program()).file_name().unwrap_or_default();
    let program = program.to_string_lossy().into_owned();
    let out = cmd.output().map_err(ctx(format!("running {program}")))?;
    if out.status.success() {
        return Ok(out);
    }
    let text = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let output = lines[lines.len().saturating_sub(20)..].join("\n");
    Err(ServerError::Tool {
        program,
        status: out.status.to_string(),
        output,
    })
}

fn server_version(bin: &Path) -> Result<(u32, String), ServerError> {
    let mut cmd = pg_command(bin, "postgres", None);
    cmd.arg("--version");
    parse_version(&String::from_utf8_lossy(&run(cmd)?.stdout))
}

/// `postgres (PostgreSQL) 15.13 (Debian ...)` -> (15, "15"); before 10 the major was "9.6".
fn parse_version(text: &str) -> Result<(u32, String), ServerError> {
    let err = || ServerError::Version(text.trim().to_string());
    let version = text
        .split(')')
        .nth(1)
        .and_then(|v| v.split_whitespace().next());
    let digits = |p: &str| {
        p.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
    };
    let mut parts = version.ok_or_else(err)?.split('.').map(digits);
    let major: u32 = parts.next().and_then(|n| n.parse().ok()).ok_or_else(err)?;
    if major >= 10 {
        return Ok((major, major.to_string()));
    }
    let minor = parts.next().filter(|n| !n.is_empty()).ok_or_else(err)?;
    Ok((major, format!("{major}.{minor}")))
}

fn template_ok(template: &Path, version: &str) -> bool {
    template.join(MARKER).is_file()
        && fs::read_to_string(template.join("PG_VERSION")).is_ok_and(|v| v.trim() == version)
}

fn ensure_template(
    cache: &Path,
    bin: &Path,
    major: u32,
    version: &str,
    user: Option<User>,
) -> Result<PathBuf, ServerError> {
    // FNV-1a: stable across Rust releases, unlike std's hashers.
    let bytes = bin.as_os_str().as_bytes().iter();
    let hash = bytes.fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    let template = cache.join(format!("template-{major}-{:08x}", hash as u32));
    if template_ok(&template, version) {
        return Ok(template);
    }
    // Serialise builders so a parallel cold test suite runs initdb once, not once per process;
    // the atomic rename below still keeps filesystems without flock correct.
    let lock_path = template.with_extension("lock");
    let lock =
        fs::File::create(&lock_path).map_err(ctx(format!("creating {}", lock_path.display())))?;
    // SAFETY: the descriptor stays open for the life of `lock`; flock touches no memory.
    while unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) } != 0 {
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(ctx(format!("locking {}", lock_path.display()))(err));
        }
    }
    if template_ok(&template, version) {
        return Ok(template);
    }
    let build_prefix = format!(".build-{}-", process::id());
    if template.exists() {
        // Move the broken template aside atomically so nobody copies a half-deleted one.
        let trash = cache.join(format!("{build_prefix}old"));
        fs::rename(&template, &trash)
            .map_err(ctx(format!("moving aside {}", template.display())))?;
        let _ = fs::remove_dir_all(&trash);
    }
    let tmp = tempfile::Builder::new()
        .prefix(&build_prefix)
        .tempdir_in(cache)
        .map_err(ctx(format!(
            "creating a build directory in {}",
            cache.display()
        )))?;
    give(tmp.path(), user)?;
    let mut cmd = pg_command(bin, "initdb", user);
    cmd.arg("-D").arg(tmp.path());
    cmd.args(["-U", "postgres", "--auth=trust", "--encoding=UTF8"]);
    cmd.args(["--locale=C", "--no-sync"]);
    if major >= 11 {
        cmd.arg("--wal-segsize=1");
    }
    // Without TZ initdb scans all of zoneinfo to guess the local zone; the server runs in UTC.
    cmd.env("TZ", "UTC");
    run(cmd)?;
    fs::write(tmp.path().join(MARKER), version).map_err(ctx(format!("writing {MARKER}")))?;
    let built = tmp.keep();
    if let Err(err) = fs::rename(&built, &template) {
        let _ = fs::remove_dir_all(&built);
        // Losing a race against another builder is fine once the winner's template is in place.
        if !template_ok(&template, version) {
            return Err(ctx(format!("renaming {} into place", built.display()))(err));
        }
    }
    Ok(template)
}

fn chown(path: &Path, user: Option<User>) -> io::Result<()> {
    match user {
        Some(u) => std::os::unix::fs::lchown(path, Some(u.uid), Some(u.gid)),
        None => Ok(()),
    }
}

fn give(path: &Path, user: Option<User>) -> Result<(), ServerError> {
    chown(path, user).map_err(ctx(format!("chown {}", path.display())))
}

/// Copies a data directory, giving everything to the server user; postgres demands 0700.
fn copy_tree(src: &Path, dst: &Path, user: Option<User>) -> io::Result<()> {
    fs::DirBuilder::new().mode(0o700).create(dst)?;
    chown(dst, user)?;
    // Creating ~1000 small files is latency-bound; one thread per directory cuts a warm start
    // by about a third even on two cores.
    std::thread::scope(|scope| {
        let mut subdirs = Vec::new();
        for entry in fs::read_dir(src)? {
            let entry = entry?;
            let (from, to) = (entry.path(), dst.join(entry.file_name()));
            let kind = entry.file_type()?;
            if entry.file_name() == MARKER {
                continue;
            } else if kind.is_dir() {
                let copy = move || copy_tree(&from, &to, user);
                subdirs.push(std::thread::Builder::new().spawn_scoped(scope, copy)?);
                continue;
            } else if kind.is_symlink() {
                std::os::unix::fs::symlink(fs::read_link(&from)?, &to)?;
            } else {
                fs::copy(&from, &to)?;
            }
            chown(&to, user)?;
        }
        let panicked = |_| Err(io::Error::other("copy thread panicked"));
        subdirs
            .into_iter()
            .try_for_each(|t| t.join().unwrap_or_else(panicked))
    })
}

fn pid_alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks existence; EPERM still means the process exists.
    if unsafe { libc::kill(pid, 0) } != 0 {
        return io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH);
    }
    // A killed owner whose parent never reaps (PID 1 in many containers) lingers as a zombie.
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    !stat
        .rsplit_once(") ")
        .is_some_and(|(_, state)| state.starts_with('Z'))
}

fn postmaster_running(data: &Path) -> bool {
    let pid = fs::read_to_string(data.join("postmaster.pid")).ok();
    let pid = pid.and_then(|t| t.lines().next()?.trim().parse::<i32>().ok());
    pid.is_some_and(|p| p > 0 && pid_alive(p))
}

/// Stops and deletes runs and half-built templates whose owning process has died.
fn reap_stale(cache: &Path, bin: &Path, user: Option<User>) {
    let runs = fs::read_dir(cache.join("runs"))
        .into_iter()
        .flatten()
        .flatten();
    let builds = fs::read_dir(cache).into_iter().flatten().flatten();
    let builds = builds.filter(|e| e.file_name().as_bytes().starts_with(b".build-"));
    for entry in runs.chain(builds) {
        let dir = entry.path();
        let name = entry.file_name();
        let name_pid = name.to_str().map(|n| n.trim_start_matches(".build-"));
        let name_pid = name_pid.and_then(|n| n.split('-').next()?.parse().ok());
        let owner = fs::read_to_string(dir.join("owner.pid")).ok();
        let pid: Option<i32> = owner.and_then(|s| s.trim().parse().ok()).or(name_pid);
        if !pid.is_some_and(|p| p > 0 && !pid_alive(p)) {
            continue;
        }
        let data = dir.join("data");
        if postmaster_running(&data) {
            let mut cmd = pg_command(bin, "pg_ctl", user);
            cmd.args(["stop", "-m", "immediate", "-w", "-D"])
                .arg(&data)
                .process_group(0);
            let _ = run(cmd);
        }
        let _ = remove_run_dir(&dir, &dir.join("s"));
    }
}

/// Removes a run directory and its socket directory when that lives under /tmp.
fn remove_run_dir(run_dir: &Path, socket_dir: &Path) -> io::Result<()> {
    let socket_dir = fs::read_link(socket_dir).unwrap_or_else(|_| socket_dir.to_path_buf());
    // Only ever delete socket dirs we made, whatever a stale run's symlink claims.
    let ours = socket_dir
        .file_name()
        .is_some_and(|n| n.as_bytes().starts_with(b"pgscenario-"));
    if ours && socket_dir.parent() == Some(Path::new("/tmp")) {
        let _ = fs::remove_dir_all(&socket_dir);
    }
    match fs::remove_dir_all(run_dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::net::UnixStream;

    /// A fresh cache per test: nextest runs every test in its own process anyway.
    fn cache() -> (tempfile::TempDir, ServerOptions) {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = ServerOptions {
            cache_dir: Some(dir.path().to_path_buf()),
        };
        (dir, opts)
    }

    fn psql(server: &EmbeddedServer, sql: &str) -> String {
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

    fn dead_pid() -> i32 {
        let mut child = Command::new("true").spawn().expect("spawn true");
        child.wait().expect("wait for true");
        child.id() as i32
    }

    #[test]
    fn finds_real_binaries() {
        let dir = find_pg_bin().expect("PostgreSQL is installed");
        assert!(["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|b| dir.join(b).is_file()));
    }

    #[test]
    fn pg_bin_without_binaries_is_no_binaries() {
        let empty = tempfile::tempdir().expect("tempdir");
        let err = search_bin_dirs(Some(empty.path().as_os_str()), None).expect_err("empty PG_BIN");
        assert!(matches!(err, ServerError::NoBinaries));
        let msg = err.to_string();
        assert!(!msg.contains('\n') && msg.contains("PG_BIN") && msg.contains("DATABASE_URL"));
    }

    #[test]
    fn symlinks_on_path_resolve_to_the_real_install() {
        let real = find_pg_bin().expect("PostgreSQL is installed");
        let links = tempfile::tempdir().expect("tempdir");
        for bin in ["initdb", "pg_ctl", "postgres"] {
            std::os::unix::fs::symlink(real.join(bin), links.path().join(bin)).expect("symlink");
        }
        let found = search_bin_dirs(None, Some(links.path().as_os_str())).expect("found");
        assert_eq!(found, real);
    }

    #[test]
    fn versioned_dirs_are_newest_first() {
        let root = tempfile::tempdir().expect("tempdir");
        for name in ["9.6", "16", "10", "latest", "postgresql@14"] {
            fs::create_dir(root.path().join(name)).expect("mkdir");
        }
        let names: Vec<PathBuf> = versioned_dirs(root.path(), "").into_iter().collect();
        let expect: Vec<PathBuf> = ["16", "10", "9.6"]
            .iter()
            .map(|v| root.path().join(v).join("bin"))
            .collect();
        assert_eq!(names, expect);
        assert_eq!(
            versioned_dirs(root.path(), "postgresql@"),
            [root.path().join("postgresql@14/bin")]
        );
    }

    #[test]
    fn parses_versions() {
        let v = |s: &str| parse_version(s).ok();
        assert_eq!(
            v("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"),
            Some((15, "15".into()))
        );
        assert_eq!(v("postgres (PostgreSQL) 17devel"), Some((17, "17".into())));
        assert_eq!(v("postgres (PostgreSQL) 9.6.24"), Some((9, "9.6".into())));
        assert!(v("garbage").is_none());
    }

    #[test]
    fn cache_dir_precedence() {
        let os = |s: &str| Some(OsString::from(s));
        let explicit = Path::new("/x");
        assert_eq!(
            cache_dir_from(Some(explicit), os("/e"), 1000, None, None),
            explicit
        );
        assert_eq!(
            cache_dir_from(None, os("/e"), 0, None, None),
            Path::new("/e")
        );
        assert_eq!(
            cache_dir_from(None, os(""), 0, os("/x"), os("/h")),
            Path::new("/var/tmp/pgscenario-cache")
        );
        assert_eq!(
            cache_dir_from(None, None, 1000, os("/x"), os("/h")),
            Path::new("/x/pgscenario")
        );
        assert_eq!(
            cache_dir_from(None, None, 1000, None, os("/h")),
            Path::new("/h/.cache/pgscenario")
        );
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
        assert_eq!(owner, process::id().to_string());
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
    fn concurrent_starts_share_one_template() {
        let (dir, opts) = cache();
        let servers: Vec<EmbeddedServer> = std::thread::scope(|scope| {
            let starts: Vec<_> = (0..2)
                .map(|_| scope.spawn(|| EmbeddedServer::start(&opts)))
                .collect();
            starts
                .into_iter()
                .map(|t| t.join().expect("no panic").expect("start"))
                .collect()
        });
        assert_ne!(servers[0].socket_dir, servers[1].socket_dir);
        for server in &servers {
            assert_eq!(psql(server, "select 1"), "1");
        }
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("cache listing")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n != "runs" && !n.ends_with(".lock"))
            .collect();
        assert!(
            names.len() == 1 && names[0].starts_with("template-"),
            "{names:?}"
        );
    }

    #[test]
    fn stale_runs_are_stopped_and_removed() {
        let (dir, opts) = cache();
        let mut stale = EmbeddedServer::start(&opts).expect("start");
        let pid_file = fs::read_to_string(stale.run_dir.join("data/postmaster.pid")).expect("pid");
        let postmaster: i32 = pid_file
            .lines()
            .next()
            .and_then(|l| l.parse().ok())
            .expect("pid");
        fs::write(stale.run_dir.join("owner.pid"), dead_pid().to_string()).expect("write");
        // Pretend our process was killed: nothing runs stop for this server.
        stale.stopped = true;
        let build = dir.path().join(format!(".build-{}-xyz", dead_pid()));
        fs::create_dir(&build).expect("mkdir");
        let fresh = EmbeddedServer::start(&opts).expect("start");
        assert!(!stale.run_dir.exists() && !build.exists());
        assert!(!pid_alive(postmaster));
        assert_eq!(psql(&fresh, "select 1"), "1");
    }

    #[test]
    fn long_cache_path_puts_the_socket_under_tmp() {
        let (dir, _) = cache();
        let opts = ServerOptions {
            cache_dir: Some(dir.path().join("a".repeat(90))),
        };
        let mut server = EmbeddedServer::start(&opts).expect("start");
        assert!(server.socket_dir.starts_with("/tmp"));
        assert_eq!(psql(&server, "select 1"), "1");
        let socket_dir = server.socket_dir.clone();
        server.stop().expect("stop");
        assert!(!socket_dir.exists());
    }

    #[test]
    fn broken_template_is_rebuilt_and_failed_start_shows_the_log() {
        let (dir, opts) = cache();
        drop(EmbeddedServer::start(&opts).expect("cold start"));
        let template = fs::read_dir(dir.path())
            .expect("cache listing")
            .map(|e| e.expect("entry").path())
            .find(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "runs"))
            .expect("template");
        fs::remove_file(template.join(MARKER)).expect("remove marker");
        drop(EmbeddedServer::start(&opts).expect("start after rebuild"));
        assert!(template.join(MARKER).is_file());
        let conf = template.join("postgresql.conf");
        let mut text = fs::read_to_string(&conf).expect("read conf");
        text.push_str("bogus_setting = 1\n");
        fs::write(&conf, text).expect("write conf");
        let err = EmbeddedServer::start(&opts).expect_err("bad config");
        assert!(matches!(err, ServerError::Start { .. }), "{err}");
        assert!(err.to_string().contains("bogus_setting"), "{err}");
        assert_eq!(
            fs::read_dir(dir.path().join("runs")).expect("runs").count(),
            0
        );
    }
}
