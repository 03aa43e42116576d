//! Killing a settling process at a chosen point: the ledger and journal wrappers that pause a
//! child process there (after telling its parent through a file), and the parent's side that
//! waits for the signal and sends SIGKILL to the child by PID.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use flux_core::{
    Address, Begin, Begun, BoxFuture, Finish, JournalEntry, Ledger, LedgerError, LegJournal, SettledLeg, Settlement, SqliteLedger,
    WindowLimit,
};

/// Tells the parent (by writing `signal`) that this process reached `point`, then waits to be
/// killed. Blocks its thread: nothing else in this process should make progress.
pub fn pause(signal: &Path, point: &str) -> ! {
    std::fs::write(signal, point).unwrap();
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// Where a [`Pausing`] store stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseAt {
    /// Just after nonces were allocated, before the signed legs are journaled.
    Allocated,
    /// Just before an attempt is finished (every leg's state already journaled).
    Finish,
}

/// The SQLite ledger, pausing at one point.
pub struct Pausing {
    pub inner: Arc<SqliteLedger>,
    pub at: PauseAt,
    pub signal: PathBuf,
}

impl Ledger for Pausing {
    fn begin<'a>(&'a self, begin: Begin<'a>) -> BoxFuture<'a, Result<Begun, LedgerError>> {
        self.inner.begin(begin)
    }

    fn finish<'a>(&'a self, key: &'a str, lease_until: u64, finish: Finish<'a>) -> BoxFuture<'a, Result<(), LedgerError>> {
        if self.at == PauseAt::Finish {
            pause(&self.signal, "finish");
        }
        self.inner.finish(key, lease_until, finish)
    }

    fn spent<'a>(&'a self, windows: &'a [WindowLimit], now: u64) -> BoxFuture<'a, Result<Vec<flux_core::Amount>, LedgerError>> {
        self.inner.spent(windows, now)
    }

    fn approval_used<'a>(&'a self, id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<bool, LedgerError>> {
        self.inner.approval_used(id, except)
    }

    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, LedgerError>> {
        self.inner.recorded(key)
    }

    fn cart_paid_under<'a>(&'a self, cart_id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<Option<String>, LedgerError>> {
        self.inner.cart_paid_under(cart_id, except)
    }

    fn journal(&self) -> Option<&dyn LegJournal> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "sqlite-pausing"
    }
}

impl LegJournal for Pausing {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<JournalEntry>, LedgerError>> {
        self.inner.load(key)
    }

    fn record_signed<'a>(&'a self, key: &'a str, entry: &'a JournalEntry) -> BoxFuture<'a, Result<(), LedgerError>> {
        self.inner.record_signed(key, entry)
    }

    fn update_legs<'a>(&'a self, key: &'a str, legs: &'a [(usize, &'a SettledLeg)]) -> BoxFuture<'a, Result<(), LedgerError>> {
        self.inner.update_legs(key, legs)
    }

    fn allocate_nonces<'a>(
        &'a self,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        Box::pin(async move {
            let first = self.inner.allocate_nonces(chain_id, sender, count, chain_next).await;
            if self.at == PauseAt::Allocated {
                pause(&self.signal, "allocated");
            }
            first
        })
    }

    fn allocate_nonces_for<'a>(
        &'a self,
        key: &'a str,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        Box::pin(async move {
            let first = self.inner.allocate_nonces_for(key, chain_id, sender, count, chain_next).await;
            if self.at == PauseAt::Allocated {
                pause(&self.signal, "allocated");
            }
            first
        })
    }
}

/// A child process running the test `worker` of this test binary with `env`, until it writes
/// `signal`; then it is killed (SIGKILL, by its PID) and reaped. Panics with the child's output
/// if it ends on its own or never signals.
pub fn run_until_paused(worker: &str, env: &[(&str, String)], signal: &Path) {
    let _ = std::fs::remove_file(signal);
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([worker, "--exact", "--nocapture", "--test-threads=1"]).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child: Child = cmd.spawn().unwrap();
    let started = Instant::now();
    loop {
        if signal.exists() {
            break;
        }
        if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the worker never paused ({:?}):\n{}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    // std's Child::kill is SIGKILL on Unix, sent to this child's PID only.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the worker was killed, not finished: {status:?}");
}
