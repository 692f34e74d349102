//! Running as the server user: who that is when we are root, handing files to it, running
//! PostgreSQL tools as it in their own process group, checking whether processes live, and
//! waiting for our postmaster to be ready or gone.

use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::{bad_path, ctx, ServerError};

/// The unprivileged account the server runs as when we are root.
#[derive(Debug, Clone, Copy)]
pub(super) struct User {
    pub(super) uid: u32,
    pub(super) gid: u32,
}

pub(super) fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// None when we may run the server ourselves; the `postgres` account when we are root.
pub(super) fn server_user() -> Result<Option<User>, ServerError> {
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

/// pg_ctl pastes its own path, -D and -l into a shell command inside unescaped double quotes.
pub(super) fn check_quotable(path: &Path) -> Result<(), ServerError> {
    let bytes = path.as_os_str().as_bytes();
    if bytes.iter().any(|b| b"\"$`\\\n".contains(b)) {
        let reason = "pg_ctl cannot quote a path with \" $ ` \\ or newline";
        return Err(bad_path(path, reason));
    }
    Ok(())
}

pub(super) fn pg_command(bin: &Path, program: &str, user: Option<User>) -> Command {
    let mut cmd = Command::new(bin.join(program));
    // The server user may be unable to enter our cwd (e.g. /root), which initdb and pg_ctl stat.
    cmd.current_dir("/").stdin(Stdio::null());
    if let Some(user) = user {
        // As root, std also drops supplementary groups (setgroups(0)) before setuid.
        cmd.uid(user.uid).gid(user.gid);
    }
    cmd
}

pub(super) fn run(mut cmd: Command) -> Result<Output, ServerError> {
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

pub(super) fn chown(path: &Path, user: Option<User>) -> io::Result<()> {
    match user {
        Some(u) => std::os::unix::fs::lchown(path, Some(u.uid), Some(u.gid)),
        None => Ok(()),
    }
}

pub(super) fn give(path: &Path, user: Option<User>) -> Result<(), ServerError> {
    chown(path, user).map_err(ctx(format!("chown {}", path.display())))
}

pub(super) fn pid_alive(pid: i32) -> bool {
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

pub(super) fn postmaster_running(data: &Path) -> bool {
    let pid = fs::read_to_string(data.join("postmaster.pid")).ok();
    let pid = pid.and_then(|t| t.lines().next()?.trim().parse::<i32>().ok());
    pid.is_some_and(|p| p > 0 && pid_alive(p))
}

/// A TCP port free on 127.0.0.1 now (the kernel's choice).
pub(super) fn free_port() -> Result<u16, ServerError> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(ctx("finding a free port".into()))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(ctx("finding a free port".into()))
}

/// postmaster.pid's eighth line, the status pg_ctl -w waits for.
pub(super) fn postmaster_ready(data: &Path) -> bool {
    fs::read_to_string(data.join("postmaster.pid"))
        .is_ok_and(|text| text.lines().nth(7).is_some_and(|l| l.trim() == "ready"))
}

/// The postmasters this process started and has not reaped, for `shut_down_at_once`.
static LIVE_POSTMASTERS: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

fn live_postmasters() -> std::sync::MutexGuard<'static, Vec<u32>> {
    // A panic while holding it leaves a plain list of pids: still usable.
    LIVE_POSTMASTERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub(super) fn track(pid: u32) {
    live_postmasters().push(pid);
}

/// Called before the child is reaped, so that its pid, once reused, is never signalled.
pub(super) fn untrack(pid: u32) {
    live_postmasters().retain(|p| *p != pid);
}

/// For a process about to exit without running destructors (a second Ctrl-C): asks every
/// postmaster it started for an immediate shutdown (SIGQUIT) and does not wait. The clusters
/// are throwaway; the next run removes what is left of them.
pub fn shut_down_at_once() {
    for pid in live_postmasters().drain(..) {
        // SAFETY: kill(2) on a child this process spawned and has not reaped.
        unsafe { libc::kill(pid as i32, libc::SIGQUIT) };
    }
}

/// Ends our postmaster with an immediate shutdown (SIGQUIT): the cluster is thrown away, so
/// the checkpoint of a fast one is wasted time; SIGKILL if it does not go within 10 s.
pub(super) fn stop_immediately(mut child: std::process::Child) -> Result<(), ServerError> {
    untrack(child.id());
    // SAFETY: kill(2) on the pid of a child we spawned and have not reaped.
    unsafe { libc::kill(child.id() as i32, libc::SIGQUIT) };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return Ok(()),
            Ok(None) if std::time::Instant::now() > deadline => {
                let _ = child.kill();
                return child
                    .wait()
                    .map(drop)
                    .map_err(ctx("stopping postgres".into()));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(1)),
            Err(err) => return Err(ctx("stopping postgres".into())(err)),
        }
    }
}
