//! The signals that end a run early: Ctrl-C (SIGINT), and SIGTERM and SIGHUP, which CI
//! systems, `timeout` and `docker stop` send. Each is handled as Ctrl-C is: sandboxes are
//! dropped, no golden is written, the embedded server is stopped.
//!
//! Once the first wait begins, a signal is caught and kept for the rest of the process, so
//! that one arriving between two waits (after the server started, before the run's own
//! wait) still ends the run: the handler replaces the default action, and a signal nobody
//! waited for would be lost, leaving the run to go on. A second signal exits at once.

use std::sync::{Once, OnceLock};

use tokio::sync::Notify;

/// The first signal received, by name.
static RECEIVED: OnceLock<&'static str> = OnceLock::new();
static ARRIVED: Notify = Notify::const_new();
static LISTENING: Once = Once::new();

/// Starts catching the signals, once per process (inside the runtime).
fn listen() {
    LISTENING.call_once(|| {
        use tokio::signal::unix::{signal, SignalKind};
        // Registered here, synchronously: from now on no signal is lost.
        let mut interrupt = signal(SignalKind::interrupt()).ok();
        let mut term = signal(SignalKind::terminate()).ok();
        let mut hangup = signal(SignalKind::hangup()).ok();
        tokio::spawn(async move {
            loop {
                let name = tokio::select! {
                    Some(()) = recv(&mut interrupt) => "SIGINT",
                    Some(()) = recv(&mut term) => "SIGTERM",
                    Some(()) = recv(&mut hangup) => "SIGHUP",
                    else => return,
                };
                if RECEIVED.set(name).is_err() {
                    stop_at_once(name);
                }
                ARRIVED.notify_waiters();
            }
        });
    });
}

/// A second signal while the first one's clean-up runs (which waits up to 10 s on a server
/// that does not answer, twice): the user wants out now, as with cargo or nextest. Exits
/// without the clean-up: the embedded server gets an immediate shutdown; sandboxes and job
/// slots on a server reached by URL stay until the next run on it drops them.
fn stop_at_once(name: &str) -> ! {
    crate::db::server::shut_down_at_once();
    eprintln!(
        "error: interrupted again by {name}: stopped at once, without clean-up (the next run on the server drops what this one left)"
    );
    std::process::exit(2);
}

/// The next delivery of a signal (never, when it could not be registered).
async fn recv(signal: &mut Option<tokio::signal::unix::Signal>) -> Option<()> {
    match signal.as_mut() {
        Some(s) => s.recv().await,
        None => std::future::pending().await,
    }
}

/// Resolves with the signal's name when one of them has arrived (also before this call,
/// once any wait had begun). Call it inside the runtime.
pub fn interrupted() -> impl std::future::Future<Output = &'static str> {
    listen();
    async {
        loop {
            let arrived = ARRIVED.notified();
            tokio::pin!(arrived);
            // Enabled before the check, so that a notification between the two is kept.
            arrived.as_mut().enable();
            if let Some(name) = RECEIVED.get() {
                return *name;
            }
            arrived.await;
        }
    }
}
