//! The ledger: the one owner of what money has been committed — spend in rolling windows,
//! idempotency keys and their outcomes, and, for a broadcasting settler, every signed leg and the
//! sender's nonces.
//!
//! Executing a cart is one *attempt* under an idempotency key, opened with [`Ledger::begin`]:
//! atomically, the key is looked up (a settled key answers its recorded settlement as a replay;
//! a key settled for another cart is a conflict; a key being settled elsewhere is *in flight*),
//! the policy decides with the ledger's spend in each rolling window, and the approved legs are
//! reserved. The attempt then ends with [`Ledger::finish`]: committed (every leg paid), kept
//! (some money may have moved: the reservation stays and the same key resumes), or released
//! (nothing moved: the reservation is dropped and the key may be used again).
//!
//! Window totals are kept incrementally — running sums by time, so a window's spend is two index
//! lookups however long the history — and count committed and reserved spend alike.
//!
//! Implementations: [`MemoryLedger`] (tests, one process), [`SqliteLedger`] (feature `sqlite`:
//! a file, safe for several processes on one machine; the default, durable) and `PgLedger`
//! (feature `postgres`: several instances spending from one treasury).

mod memory;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;
mod windows;

use crate::address::Address;
use crate::future::BoxFuture;
use crate::money::Amount;
use crate::policy::{ApprovedCart, Decision, Violation, WindowLimit};
use crate::settlement::{SettledLeg, Settlement};

pub use memory::MemoryLedger;

/// The settlement journal is the SQLite ledger's (kept under its former name).
#[cfg(all(feature = "evm", feature = "sqlite"))]
pub type Journal = SqliteLedger;

#[cfg(feature = "postgres")]
pub use postgres::{postgres_ledger, PgLedger};
#[cfg(feature = "sqlite")]
pub use sqlite::{default_ledger_path, SqliteLedger};
pub use windows::WindowIndex;

/// How long an attempt holds its key before another worker may take it over (a worker that died
/// mid-settlement), in seconds.
pub const DEFAULT_LEASE_SECONDS: u64 = 300;

/// Why the ledger could not answer. Never carries a connection string or a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// The store failed (I/O, a lock held too long, a lost connection).
    #[error("ledger unavailable: {reason}")]
    Unavailable {
        /// A secret-free reason.
        reason: String,
    },
    /// The store holds something this version cannot read.
    #[error("ledger corrupt: {reason}")]
    Corrupt {
        /// What.
        reason: String,
    },
    /// The ledger's configuration is unusable.
    #[error("ledger configuration: {reason}")]
    Config {
        /// What is wrong.
        reason: String,
    },
}

impl LedgerError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            LedgerError::Unavailable { .. } => "LEDGER_UNAVAILABLE",
            LedgerError::Corrupt { .. } => "LEDGER_CORRUPT",
            LedgerError::Config { .. } => "LEDGER_CONFIG",
        }
    }

    pub(crate) fn unavailable(e: impl std::fmt::Display) -> LedgerError {
        LedgerError::Unavailable { reason: crate::net::scrub_urls(&e.to_string()).chars().take(300).collect() }
    }

    pub(crate) fn corrupt(e: impl std::fmt::Display) -> LedgerError {
        LedgerError::Corrupt { reason: e.to_string().chars().take(300).collect() }
    }
}

/// What the ledger knows when the policy decides, inside its transaction.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// Spend counted against each window of [`Begin::windows`].
    pub spent: &'a [Amount],
    /// Whether [`Begin::approval_id`] already paid for another attempt (not released).
    pub approval_used: bool,
    /// Whether this resumes an attempt of the key that may have moved money (its own spend is
    /// then not counted again).
    pub resumed: bool,
    /// When resumed: the approval id the attempt began with (it stays the attempt's).
    pub began_with: Option<&'a str>,
}

/// The policy, as the ledger runs it inside its transaction.
pub type Decide<'a> = dyn Fn(&Facts<'_>) -> Decision + Send + Sync + 'a;

/// Opening an attempt.
pub struct Begin<'a> {
    /// The idempotency key.
    pub key: &'a str,
    /// The cart's id.
    pub cart_id: &'a str,
    /// Now, Unix seconds.
    pub now: u64,
    /// How long the attempt holds its key ([`DEFAULT_LEASE_SECONDS`]).
    pub lease_seconds: u64,
    /// The policy's rolling windows.
    pub windows: &'a [WindowLimit],
    /// The id of the signed approval the cart comes with, if any: an approval pays for one
    /// attempt only (a resumed attempt is the same one).
    pub approval_id: Option<&'a str>,
    /// The policy.
    pub decide: &'a Decide<'a>,
}

/// What opening an attempt found.
#[derive(Debug)]
pub enum Begun {
    /// Approved and reserved: settle it. `resumed` when the key had an attempt that may have
    /// moved money (its settler resumes from the journal).
    Reserved {
        /// The approval.
        approved: ApprovedCart,
        /// Whether an earlier attempt under this key is being resumed.
        resumed: bool,
        /// Until when this worker holds the key (Unix seconds): its token for [`Ledger::finish`].
        lease_until: u64,
    },
    /// The policy denied the cart; nothing was reserved.
    Denied(Vec<Violation>),
    /// The key was settled before for this cart: its settlement, to answer as a replay.
    Replay(Settlement),
    /// The key was used for another cart.
    Conflict,
    /// Another worker is settling this key; ask again after this many seconds.
    InFlight {
        /// Seconds until its lease ends.
        retry_after: u64,
    },
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum Finish<'a> {
    /// No leg will change any more: the settlement is recorded for replays, the spend of paid
    /// legs is committed and the reservation of legs that failed for good is released.
    Settled(&'a Settlement),
    /// Some money may have moved: the reservation stays (and the settlement so far, when there is
    /// one); the same key resumes.
    Kept(Option<&'a Settlement>),
    /// Nothing moved: the reservation is released and the key may be used again.
    Released,
}

/// What the ledger knows about spend, idempotency and attempts. Every method is atomic.
pub trait Ledger: Send + Sync {
    /// Opens an attempt (see the module documentation).
    fn begin<'a>(&'a self, begin: Begin<'a>) -> BoxFuture<'a, Result<Begun, LedgerError>>;

    /// Ends the attempt under `key` that [`Ledger::begin`] gave the lease `lease_until`. When
    /// another worker has taken the key over since (the lease ended while this one was still
    /// settling), the attempt is theirs: this finish changes nothing, so a slow worker cannot
    /// release or overwrite what the new one is paying.
    fn finish<'a>(&'a self, key: &'a str, lease_until: u64, finish: Finish<'a>) -> BoxFuture<'a, Result<(), LedgerError>>;

    /// What counts against each window at `now` (committed and reserved spend).
    fn spent<'a>(&'a self, windows: &'a [WindowLimit], now: u64) -> BoxFuture<'a, Result<Vec<Amount>, LedgerError>>;

    /// Whether the approval `id` paid for an attempt (not released) under another key than
    /// `except` (any key when `None`).
    fn approval_used<'a>(&'a self, id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<bool, LedgerError>>;

    /// The settlement recorded under `key`, if any.
    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, LedgerError>>;

    /// A key other than `except` whose attempt paid `cart_id` or may have: not released, and not
    /// settled as failed (nothing moved); the least such key when there are several. A host asks
    /// it before paying a cart under a new key, so that a caller who lost an answer and retries
    /// with a fresh key is told the cart was paid instead of paying it twice.
    fn cart_paid_under<'a>(&'a self, cart_id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<Option<String>, LedgerError>>;

    /// The leg journal and nonce allocator, for settlers that broadcast.
    fn journal(&self) -> Option<&dyn LegJournal> {
        None
    }

    /// A short name for logs (`memory`, `sqlite`, `postgres`).
    fn name(&self) -> &'static str;
}

/// Whether an attempt that recorded `settlement` (none yet: in flight or kept) paid, or may have:
/// all but a settlement that failed whole.
pub(crate) fn may_have_paid(settlement: Option<&Settlement>) -> bool {
    settlement.is_none_or(|s| s.status != crate::settlement::SettlementStatus::Failed)
}

/// A journaled settlement: what was signed, by whom, under which policy — checked on resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// The cart paid.
    pub cart_id: String,
    /// The policy that approved it.
    pub policy_hash: String,
    /// The chain.
    pub chain_id: u64,
    /// The token.
    pub token: Address,
    /// The paying address.
    pub sender: Address,
    /// The total.
    pub total: Amount,
    /// The legs, with their signed bytes and states.
    pub legs: Vec<SettledLeg>,
}

impl JournalEntry {
    /// The settlement this entry describes (an EVM settlement: broadcast, with a sender).
    pub fn to_settlement(&self, key: &str, logs: Vec<String>) -> Settlement {
        use crate::settlement::{LegStatus, SettlementMode, SettlementStatus};
        let confirmed = self.legs.iter().filter(|l| l.status == LegStatus::Confirmed).count();
        Settlement {
            status: SettlementStatus::of(confirmed, self.legs.len()),
            idempotency_key: key.to_owned(),
            cart_id: self.cart_id.clone(),
            policy_hash: self.policy_hash.clone(),
            mode: SettlementMode::Evm,
            broadcast: true,
            chain_id: self.chain_id,
            token: self.token,
            sender: Some(self.sender),
            total: self.total,
            transaction_hashes: self.legs.iter().filter_map(|l| l.tx_hash.clone()).collect(),
            legs: self.legs.clone(),
            logs,
            replayed: false,
        }
    }

    /// Whether every leg reached a final state (confirmed or failed).
    pub fn is_final(&self) -> bool {
        self.legs.iter().all(|l| matches!(l.status, crate::settlement::LegStatus::Confirmed | crate::settlement::LegStatus::Failed))
    }
}

/// Signed legs, persisted before anything is broadcast, and the sender's nonces: a leg is never
/// signed twice and a journaled leg's nonce is never given to another transaction.
pub trait LegJournal: Send + Sync {
    /// The journaled settlement under `key`.
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<JournalEntry>, LedgerError>>;

    /// Journals freshly signed legs under `key` (all or nothing).
    fn record_signed<'a>(&'a self, key: &'a str, entry: &'a JournalEntry) -> BoxFuture<'a, Result<(), LedgerError>>;

    /// Updates the states of some legs (by index).
    fn update_legs<'a>(&'a self, key: &'a str, legs: &'a [(usize, &'a SettledLeg)]) -> BoxFuture<'a, Result<(), LedgerError>>;

    /// Allocates `count` consecutive nonces for `sender` on `chain_id`: the first is the larger of
    /// the ledger's next nonce and `chain_next` (the node's pending count), so nonces the ledger
    /// gave out — journaled legs not yet mined — are never given again, and transactions sent
    /// around the ledger are skipped.
    fn allocate_nonces<'a>(
        &'a self,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>>;

    /// [`LegJournal::allocate_nonces`] for the settlement under `key`. Nonces are allocated
    /// before the signed legs are journaled; a process that dies between the two (or fails to
    /// sign) leaves nonces nobody will ever use, and every later transaction of the sender waits
    /// behind that gap. So the key keeps a claim on its nonces until its legs are journaled
    /// ([`LegJournal::record_signed`] ends it): asked again for as many, with the node not yet
    /// past them, it gets the same nonces — its resume fills the gap. The default allocates
    /// afresh (no claim).
    fn allocate_nonces_for<'a>(
        &'a self,
        key: &'a str,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        let _ = key;
        self.allocate_nonces(chain_id, sender, count, chain_next)
    }
}

/// A claim on nonces given to a key whose legs are not journaled yet: (chain, sender, first, count).
pub(crate) type NonceClaim = (u64, Address, u64, u64);

/// Whether `claim` may be given again to its key asking for `count` nonces for `sender` on
/// `chain_id` while the node's next is `chain_next`: the same range, none of it used yet.
pub(crate) fn claim_holds(claim: &NonceClaim, chain_id: u64, sender: Address, count: u64, chain_next: u64) -> bool {
    let (chain, who, first, n) = *claim;
    chain == chain_id && who == sender && n == count && first >= chain_next
}

impl<T: LegJournal + ?Sized> LegJournal for std::sync::Arc<T> {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<JournalEntry>, LedgerError>> {
        (**self).load(key)
    }
    fn record_signed<'a>(&'a self, key: &'a str, entry: &'a JournalEntry) -> BoxFuture<'a, Result<(), LedgerError>> {
        (**self).record_signed(key, entry)
    }
    fn update_legs<'a>(&'a self, key: &'a str, legs: &'a [(usize, &'a SettledLeg)]) -> BoxFuture<'a, Result<(), LedgerError>> {
        (**self).update_legs(key, legs)
    }
    fn allocate_nonces<'a>(
        &'a self,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        (**self).allocate_nonces(chain_id, sender, count, chain_next)
    }
    fn allocate_nonces_for<'a>(
        &'a self,
        key: &'a str,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        (**self).allocate_nonces_for(key, chain_id, sender, count, chain_next)
    }
}

/// The merchants whose legs failed for good (their reservation is released when an attempt is
/// settled).
pub(crate) fn failed_merchants(s: &Settlement) -> Vec<&str> {
    s.legs.iter().filter(|l| l.status == crate::settlement::LegStatus::Failed).map(|l| l.merchant_id.as_str()).collect()
}

/// A ledger and its leg journal (the same store, seen through both traits).
pub type LedgerParts = (std::sync::Arc<dyn Ledger>, std::sync::Arc<dyn LegJournal>);

fn parts<T: Ledger + LegJournal + 'static>(ledger: T) -> LedgerParts {
    let shared = std::sync::Arc::new(ledger);
    (shared.clone(), shared)
}

/// An in-memory ledger, both ways.
pub fn memory_ledger() -> LedgerParts {
    parts(MemoryLedger::new())
}

/// A SQLite ledger file, both ways.
#[cfg(feature = "sqlite")]
pub fn sqlite_ledger(path: impl AsRef<std::path::Path>) -> Result<LedgerParts, LedgerError> {
    Ok(parts(SqliteLedger::open(path)?))
}

/// How a ledger is named in text (a configuration, `FLUX_LEDGER`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LedgerText {
    /// `"default"`.
    Default,
    /// `"memory"`.
    Memory,
    /// A SQLite file.
    File(std::path::PathBuf),
}

/// Reads a ledger's name: `"default"`, `"memory"`, or a path to a SQLite file, which must look
/// like one — a directory in it or an extension ("./ledger", "ledger.sqlite"). A bare word is
/// refused, so a misspelt "memroy" or "Memory" never becomes a durable file in the working
/// directory.
pub(crate) fn ledger_text(text: &str) -> Result<LedgerText, LedgerError> {
    match text.trim() {
        "" => Err(LedgerError::Config { reason: "a ledger path must not be empty".into() }),
        "default" => Ok(LedgerText::Default),
        "memory" => Ok(LedgerText::Memory),
        path if path.contains(['/', '\\', '.']) => Ok(LedgerText::File(path.into())),
        word => {
            let word: String = word.chars().take(40).collect();
            Err(LedgerError::Config {
                reason: format!(
                    "{word:?} is not \"default\", \"memory\" or a SQLite file path (a file has an extension or a directory: \"{word}.sqlite\", \"./{word}\")"
                ),
            })
        }
    }
}

/// The ledger a `Flux` uses when none is given. `FLUX_LEDGER` chooses: `memory` (asked for by
/// name: lost with the process), or a path to a SQLite file. Unset: the durable SQLite file
/// `ledger-<mode>.sqlite` in the data directory (see [`default_ledger_path`]), one per settlement
/// mode so sandbox spend never counts against a real treasury's windows. A [`MemorySettler`]
/// (mode `memory`) pays nothing and keeps its record in the process, so its spend stays there too:
/// in memory. Without the `sqlite` feature: in memory.
///
/// [`MemorySettler`]: crate::settle::MemorySettler
pub fn default_ledger(mode: crate::settlement::SettlementMode) -> Result<LedgerParts, LedgerError> {
    let chosen = std::env::var("FLUX_LEDGER").ok().filter(|v| !v.trim().is_empty()).map(|v| ledger_text(&v)).transpose()?;
    if chosen == Some(LedgerText::Memory) || mode == crate::settlement::SettlementMode::Memory {
        return Ok(memory_ledger());
    }
    #[cfg(feature = "sqlite")]
    {
        let path = match chosen {
            Some(LedgerText::File(p)) => p,
            _ => default_ledger_path(mode)?,
        };
        sqlite_ledger(path)
    }
    #[cfg(not(feature = "sqlite"))]
    {
        let _ = (chosen, mode);
        Ok(memory_ledger())
    }
}

/// A settlement's legs as (merchant, amount) reservations.
pub(crate) fn reservations(approved: &ApprovedCart) -> Vec<(String, Amount)> {
    approved.legs().iter().map(|l| (l.merchant_id.clone(), l.amount)).collect()
}

/// Amount as the integer of micro-USDC the stores keep.
pub(crate) fn micros(a: Amount) -> i64 {
    i64::try_from(a.units()).unwrap_or(i64::MAX)
}

/// Micro-USDC from a store (negative or out of range: the largest amount, so a corrupt total
/// can only make limits stricter).
pub(crate) fn amount(micros: i64) -> Amount {
    u64::try_from(micros).ok().and_then(|u| Amount::from_units(u).ok()).unwrap_or(Amount::MAX)
}

#[cfg(test)]
mod tests;
