//! The signals that end a run early: Ctrl-C (SIGINT), and SIGTERM and SIGHUP, which CI
//! systems, `timeout` and `docker stop` send. Each is handled as Ctrl-C is: sandboxes are
//! dropped, no golden is written, the embedded server is stopped.

/// Resolves with the signal's name when one of them arrives. Create it once per wait, before
/// the work starts, so that no signal falls between two polls.
pub fn interrupted() -> impl std::future::Future<Output = &'static str> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).ok();
    let mut hangup = signal(SignalKind::hangup()).ok();
    async move {
        let term = async {
            match term.as_mut() {
                Some(s) => s.recv().await,
                None => std::future::pending().await,
            }
        };
        let hangup = async {
            match hangup.as_mut() {
                Some(s) => s.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => "SIGINT",
            _ = term => "SIGTERM",
            _ = hangup => "SIGHUP",
        }
    }
}
