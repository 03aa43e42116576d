//! The in-memory ledger: exact and fast, for tests and single-process tools. Everything is lost
//! when the process ends — ask for it by name (`ledger = "memory"`).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use super::{Begin, Begun, Finish, JournalEntry, LedgerError, LegJournal, WindowIndex};
use crate::address::Address;
use crate::future::BoxFuture;
use crate::money::Amount;
use crate::policy::{Decision, WindowLimit};
use crate::settlement::{SettledLeg, Settlement};

/// The state of an attempt under a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// Being settled (until its lease ends).
    Reserved,
    /// Paid in full.
    Settled,
    /// Some money may have moved; the reservation stays; the key resumes.
    Kept,
    /// Nothing moved; the reservation was dropped; the key may be used again.
    Released,
}

impl State {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            State::Reserved => "reserved",
            State::Settled => "settled",
            State::Kept => "kept",
            State::Released => "released",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<State, LedgerError> {
        Ok(match s {
            "reserved" => State::Reserved,
            "settled" => State::Settled,
            "kept" => State::Kept,
            "released" => State::Released,
            other => return Err(LedgerError::corrupt(format!("unknown attempt state {other:?}"))),
        })
    }
}

/// What to do with a key, from what the ledger holds for it: the one rule every ledger follows.
#[derive(Debug)]
pub(crate) enum Step {
    /// No usable attempt: decide and reserve.
    Fresh,
    /// An attempt that may have moved money, or whose worker's lease ended: decide without its
    /// own reservation, keep it, and let the settler resume.
    Resume,
    /// Answer this.
    Answer(Box<Begun>),
}

/// The rule: a key is bound to its first cart; a paid key replays; a key being settled is in
/// flight until its lease ends; a key whose attempt may have moved money resumes; a released key
/// starts again.
pub(crate) fn step(existing: Option<(&str, State, u64, Option<Settlement>)>, cart_id: &str, now: u64) -> Step {
    match existing {
        None => Step::Fresh,
        Some((cart, _, _, _)) if cart != cart_id => Step::Answer(Box::new(Begun::Conflict)),
        Some((_, State::Settled, _, Some(s))) => Step::Answer(Box::new(Begun::Replay(Settlement { replayed: true, ..s }))),
        Some((_, State::Reserved, lease_until, _)) if lease_until > now => {
            Step::Answer(Box::new(Begun::InFlight { retry_after: lease_until - now }))
        }
        Some((_, State::Released, _, _)) => Step::Fresh,
        Some(_) => Step::Resume,
    }
}

/// The decision inside a ledger transaction.
pub(crate) fn decide(begin: &Begin<'_>, spent: &[Amount], approval_used: bool, resumed: Option<Option<&str>>) -> Decision {
    (begin.decide)(&super::Facts { spent, approval_used, resumed: resumed.is_some(), began_with: resumed.flatten() })
}

#[derive(Debug)]
struct Attempt {
    cart_id: String,
    approval_id: Option<String>,
    state: State,
    lease_until: u64,
    settlement: Option<Settlement>,
}

#[derive(Debug, Default)]
struct Inner {
    index: WindowIndex,
    attempts: HashMap<String, Attempt>,
    journal: HashMap<String, JournalEntry>,
    nonces: HashMap<(u64, Address), u64>,
    claims: HashMap<String, super::NonceClaim>,
}

/// A ledger in process memory.
#[derive(Debug, Default)]
pub struct MemoryLedger {
    inner: Mutex<Inner>,
}

impl MemoryLedger {
    /// An empty ledger.
    pub fn new() -> MemoryLedger {
        MemoryLedger::default()
    }

    /// A ledger that starts with spend already made (each record counts against the windows from
    /// its time on).
    pub fn with_spend(spend: &crate::policy::SpendState) -> MemoryLedger {
        let ledger = MemoryLedger::new();
        {
            let mut inner = ledger.lock();
            let mut records = spend.records.clone();
            records.sort_by_key(|r| r.at);
            for (i, r) in records.iter().enumerate() {
                let key = r.key.clone().unwrap_or_else(|| format!("prior-{i}"));
                inner.index.add(r.at, &r.merchant_id, r.amount, &key);
            }
        }
        ledger
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Every update below completes under the lock, so a poisoned lock holds consistent data.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn begin_now(&self, begin: &Begin<'_>) -> Begun {
        let mut inner = self.lock();
        let attempt = inner.attempts.get(begin.key);
        let began_with = attempt.and_then(|a| a.approval_id.clone());
        let existing = attempt.map(|a| (a.cart_id.as_str(), a.state, a.lease_until, a.settlement.clone()));
        let resume = match step(existing, begin.cart_id, begin.now) {
            Step::Answer(a) => return *a,
            Step::Fresh => false,
            Step::Resume => true,
        };
        let except = resume.then_some(begin.key);
        let spent: Vec<Amount> = begin.windows.iter().map(|w| inner.index.spent(w, begin.now, except)).collect();
        let used = begin.approval_id.is_some_and(|id| approval_used(&inner.attempts, id, Some(begin.key)));
        let approved = match decide(begin, &spent, used, resume.then_some(began_with.as_deref())) {
            Decision::Allow(a) => a,
            Decision::Deny { violations } => return Begun::Denied(violations),
        };
        if !resume {
            for (merchant, amount) in super::reservations(&approved) {
                inner.index.add(begin.now, &merchant, amount, begin.key);
            }
        }
        let lease_until = begin.now.saturating_add(begin.lease_seconds);
        inner.attempts.insert(
            begin.key.to_owned(),
            Attempt {
                cart_id: begin.cart_id.to_owned(),
                // A resumed attempt stays the one its approval paid for.
                approval_id: if resume { began_with } else { begin.approval_id.map(str::to_owned) },
                state: State::Reserved,
                lease_until,
                settlement: None,
            },
        );
        Begun::Reserved { approved, resumed: resume, lease_until }
    }

    fn finish_now(&self, key: &str, lease_until: u64, finish: Finish<'_>) {
        let mut inner = self.lock();
        if inner.attempts.get(key).is_none_or(|a| a.lease_until != lease_until) {
            return;
        }
        let (state, settlement) = match finish {
            Finish::Settled(s) => {
                for m in super::failed_merchants(s) {
                    inner.index.release_merchant(key, m);
                }
                (State::Settled, Some(s.clone()))
            }
            Finish::Kept(s) => (State::Kept, s.cloned()),
            Finish::Released => {
                inner.index.release(key);
                // Nothing was signed with its nonces: the top of the sender's range goes back. A
                // claim below another key's stays, so a retry of this key fills its gap.
                if let Some(&(chain_id, sender, first, count)) = inner.claims.get(key) {
                    if let Some(next) = inner.nonces.get_mut(&(chain_id, sender)).filter(|n| **n == first.saturating_add(count)) {
                        *next = first;
                        inner.claims.remove(key);
                    }
                }
                (State::Released, None)
            }
        };
        if let Some(a) = inner.attempts.get_mut(key) {
            a.state = state;
            a.settlement = settlement;
        }
    }
}

/// Whether approval `id` paid for an attempt (not released) under another key than `except`.
fn approval_used(attempts: &HashMap<String, Attempt>, id: &str, except: Option<&str>) -> bool {
    attempts.iter().any(|(k, a)| a.approval_id.as_deref() == Some(id) && a.state != State::Released && Some(k.as_str()) != except)
}

impl super::Ledger for MemoryLedger {
    fn begin<'a>(&'a self, begin: Begin<'a>) -> BoxFuture<'a, Result<Begun, LedgerError>> {
        Box::pin(std::future::ready(Ok(self.begin_now(&begin))))
    }

    fn finish<'a>(&'a self, key: &'a str, lease_until: u64, finish: Finish<'a>) -> BoxFuture<'a, Result<(), LedgerError>> {
        self.finish_now(key, lease_until, finish);
        Box::pin(std::future::ready(Ok(())))
    }

    fn spent<'a>(&'a self, windows: &'a [WindowLimit], now: u64) -> BoxFuture<'a, Result<Vec<Amount>, LedgerError>> {
        let inner = self.lock();
        let spent = windows.iter().map(|w| inner.index.spent(w, now, None)).collect();
        Box::pin(std::future::ready(Ok(spent)))
    }

    fn approval_used<'a>(&'a self, id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<bool, LedgerError>> {
        let used = approval_used(&self.lock().attempts, id, except);
        Box::pin(std::future::ready(Ok(used)))
    }

    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, LedgerError>> {
        let found = self.lock().attempts.get(key).and_then(|a| a.settlement.clone());
        Box::pin(std::future::ready(Ok(found)))
    }

    fn cart_paid_under<'a>(&'a self, cart_id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<Option<String>, LedgerError>> {
        let inner = self.lock();
        let paid = inner.attempts.iter().filter(|(k, a)| {
            a.cart_id == cart_id && a.state != State::Released && Some(k.as_str()) != except && super::may_have_paid(a.settlement.as_ref())
        });
        let found = paid.map(|(k, _)| k).min().cloned();
        Box::pin(std::future::ready(Ok(found)))
    }

    fn journal(&self) -> Option<&dyn LegJournal> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "memory"
    }
}

impl LegJournal for MemoryLedger {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<JournalEntry>, LedgerError>> {
        let found = self.lock().journal.get(key).cloned();
        Box::pin(std::future::ready(Ok(found)))
    }

    fn record_signed<'a>(&'a self, key: &'a str, entry: &'a JournalEntry) -> BoxFuture<'a, Result<(), LedgerError>> {
        let mut inner = self.lock();
        inner.journal.insert(key.to_owned(), entry.clone());
        inner.claims.remove(key);
        Box::pin(std::future::ready(Ok(())))
    }

    fn update_legs<'a>(&'a self, key: &'a str, legs: &'a [(usize, &'a SettledLeg)]) -> BoxFuture<'a, Result<(), LedgerError>> {
        let mut inner = self.lock();
        let result = match inner.journal.get_mut(key) {
            None => Err(LedgerError::corrupt(format!("no journal entry for {key:?}"))),
            Some(entry) => {
                for (i, leg) in legs {
                    if let Some(slot) = entry.legs.get_mut(*i) {
                        *slot = (*leg).clone();
                    }
                }
                Ok(())
            }
        };
        Box::pin(std::future::ready(result))
    }

    fn allocate_nonces<'a>(
        &'a self,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        let mut inner = self.lock();
        let next = inner.nonces.entry((chain_id, sender)).or_insert(0);
        let first = (*next).max(chain_next);
        *next = first.saturating_add(count);
        Box::pin(std::future::ready(Ok(first)))
    }

    fn allocate_nonces_for<'a>(
        &'a self,
        key: &'a str,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        let mut inner = self.lock();
        if let Some(claim) = inner.claims.get(key).filter(|c| super::claim_holds(c, chain_id, sender, count, chain_next)) {
            return Box::pin(std::future::ready(Ok(claim.2)));
        }
        let next = inner.nonces.entry((chain_id, sender)).or_insert(0);
        let first = (*next).max(chain_next);
        *next = first.saturating_add(count);
        inner.claims.insert(key.to_owned(), (chain_id, sender, first, count));
        Box::pin(std::future::ready(Ok(first)))
    }
}
