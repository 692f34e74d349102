//! The cache directory: choosing and preparing it, building the shared initdb template,
//! copying it into a run directory, and cleaning up runs whose owner died.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process;

use super::process::{chown, give, pg_command, pid_alive, postmaster_running, run, User};
use super::{bad_path, ctx, ServerError};

/// Written last into a template, so its presence proves initdb finished.
const MARKER: &str = ".pgscenario-template-ok";

pub(super) fn cache_dir_from(
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
pub(super) fn make_reachable_dir(dir: &Path, user: Option<User>) -> Result<(), ServerError> {
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

fn template_ok(template: &Path, version: &str) -> bool {
    template.join(MARKER).is_file()
        && fs::read_to_string(template.join("PG_VERSION")).is_ok_and(|v| v.trim() == version)
}

pub(super) fn ensure_template(
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

/// Copies a data directory, giving everything to the server user; postgres demands 0700.
pub(super) fn copy_tree(src: &Path, dst: &Path, user: Option<User>) -> io::Result<()> {
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

/// Stops and deletes runs and half-built templates whose owning process has died.
pub(super) fn reap_stale(cache: &Path, bin: &Path, user: Option<User>) {
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
pub(super) fn remove_run_dir(run_dir: &Path, socket_dir: &Path) -> io::Result<()> {
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
    use crate::db::server::tests::{cache, psql};
    use crate::db::server::EmbeddedServer;
    use std::process::Command;

    fn dead_pid() -> i32 {
        let mut child = Command::new("true").spawn().expect("spawn true");
        child.wait().expect("wait for true");
        child.id() as i32
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
