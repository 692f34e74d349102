//! A signal that arrives while nothing waits for it (between two phases of a run) is kept:
//! the next wait sees it at once. In a binary of its own: the signal is the process's.

use std::time::Duration;

#[test]
fn a_signal_between_two_waits_is_not_lost() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // A first phase waits, and ends without a signal.
        let first = pgscenario::runner::interrupt::interrupted();
        let timed_out = tokio::time::timeout(Duration::from_millis(50), first).await;
        assert!(timed_out.is_err(), "no signal yet");
        // Between the phases, nobody waits: SIGTERM arrives.
        // SAFETY: raise(3) on this process; the handler installed above catches it.
        assert_eq!(unsafe { libc::raise(libc::SIGTERM) }, 0);
        tokio::time::sleep(Duration::from_millis(50)).await;
        // The next phase's wait sees it at once.
        let second = pgscenario::runner::interrupt::interrupted();
        let name = tokio::time::timeout(Duration::from_secs(5), second)
            .await
            .expect("the signal was kept");
        assert_eq!(name, "SIGTERM");
        // And so does every later wait.
        assert_eq!(
            pgscenario::runner::interrupt::interrupted().await,
            "SIGTERM"
        );
    });
}
