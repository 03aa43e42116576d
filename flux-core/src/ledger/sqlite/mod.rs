//! The embedded ledger: one SQLite file in WAL mode holding attempts, spend with running sums, the
//! leg journal and the sender's nonces. Every change is one `BEGIN IMMEDIATE` transaction, so
//! several processes on one machine can share the file: SQLite serializes them.
//!
//! Durability: bookkeeping commits (attempts, reservations, outcomes) are `synchronous=NORMAL` —
//! durable across a crash of the process; a power loss may roll back the last of them. Journal
//! writes (signed legs, their states) are `synchronous=FULL`: the write-ahead log is flushed to
//! disk, and with it every transaction before it. Since legs are journaled before anything is
//! broadcast, a reservation is on disk before its money can move; what a power loss can undo is
//! only bookkeeping after the fact (an outcome: the key then resumes from the journal).

mod journal;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::memory::{step, State, Step};
use super::{amount, micros, Begin, Begun, Finish, JournalEntry, LedgerError, LegJournal};
use crate::address::Address;
use crate::future::BoxFuture;
use crate::money::Amount;
use crate::policy::{Decision, WindowLimit};
use crate::settlement::{SettledLeg, Settlement};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS attempts (
  key TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL,
  state TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  settlement TEXT,
  approval_id TEXT
);
CREATE INDEX IF NOT EXISTS attempts_approval ON attempts (approval_id) WHERE approval_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS attempts_cart ON attempts (cart_id, key);
CREATE TABLE IF NOT EXISTS spend (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  key TEXT NOT NULL,
  merchant TEXT NOT NULL,
  amount INTEGER NOT NULL,
  cum_all INTEGER NOT NULL,
  cum_merchant INTEGER NOT NULL,
  released INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS spend_at ON spend (at, seq);
CREATE INDEX IF NOT EXISTS spend_merchant ON spend (merchant, at, seq);
CREATE INDEX IF NOT EXISTS spend_key ON spend (key);
CREATE INDEX IF NOT EXISTS spend_released ON spend (at) WHERE released = 1;
CREATE INDEX IF NOT EXISTS spend_released_merchant ON spend (merchant, at) WHERE released = 1;
CREATE TABLE IF NOT EXISTS nonces (
  chain_id INTEGER NOT NULL,
  sender TEXT NOT NULL,
  next INTEGER NOT NULL,
  PRIMARY KEY (chain_id, sender)
);
CREATE TABLE IF NOT EXISTS nonce_claims (
  key TEXT PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  sender TEXT NOT NULL,
  first INTEGER NOT NULL,
  count INTEGER NOT NULL
);
";

fn err(e: impl std::fmt::Display) -> LedgerError {
    LedgerError::unavailable(e)
}

/// Where the default ledger of a settlement mode lives: `ledger-<mode>.sqlite` in
/// `$FLUX_DATA_DIR`, else in `$XDG_DATA_HOME/flux`, else in `~/.local/share/flux` — one file per
/// mode, so sandbox spend never counts against a real treasury's windows.
pub fn default_ledger_path(mode: crate::settlement::SettlementMode) -> Result<PathBuf, LedgerError> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let dir = var("FLUX_DATA_DIR")
        .or_else(|| var("XDG_DATA_HOME").map(|d| d.join("flux")))
        .or_else(|| var("HOME").map(|h| h.join(".local/share/flux")))
        .ok_or_else(|| LedgerError::Config { reason: "no data directory: set FLUX_DATA_DIR (or HOME)".into() })?;
    Ok(dir.join(format!("ledger-{}.sqlite", mode.as_str())))
}

/// A ledger in a SQLite file.
pub struct SqliteLedger {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for SqliteLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteLedger").field("path", &self.path).finish_non_exhaustive()
    }
}

impl SqliteLedger {
    /// Opens (creating it and its directory if needed) the ledger file at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteLedger, LedgerError> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| err(format!("cannot create {}: {}", dir.display(), e.kind())))?;
        }
        let conn = Connection::open(path).map_err(err)?;
        SqliteLedger::init(conn, Some(path.to_owned()))
    }

    /// The default ledger of a settlement mode ([`default_ledger_path`]), as a `Flux` opens it.
    pub fn open_default(mode: crate::settlement::SettlementMode) -> Result<SqliteLedger, LedgerError> {
        SqliteLedger::open(default_ledger_path(mode)?)
    }

    /// A ledger in memory (tests; lost with the process).
    pub fn in_memory() -> Result<SqliteLedger, LedgerError> {
        SqliteLedger::init(Connection::open_in_memory().map_err(err)?, None)
    }

    fn init(conn: Connection, path: Option<PathBuf>) -> Result<SqliteLedger, LedgerError> {
        // Another process may be creating the file right now: wait for its locks.
        conn.busy_timeout(Duration::from_secs(30)).map_err(err)?;
        // WAL + synchronous=NORMAL for bookkeeping; journal writes raise it to FULL (see above).
        conn.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        conn.execute_batch(journal::SCHEMA).map_err(err)?;
        Ok(SqliteLedger { conn: Mutex::new(conn), path })
    }

    /// The file, unless in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic mid-transaction rolls the transaction back on drop: the file stays consistent.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every idempotency key with journaled legs.
    pub fn keys(&self) -> Result<Vec<String>, LedgerError> {
        journal::keys(&self.conn())
    }

    /// The journaled settlement under `key`, as an EVM settler reports it.
    pub fn settlement(&self, key: &str) -> Result<Option<Settlement>, LedgerError> {
        Ok(journal::load(&self.conn(), key)?.map(|e| e.to_settlement(key, Vec::new())))
    }

    fn begin_now(&self, begin: &Begin<'_>) -> Result<Begun, LedgerError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        // cart_id, state, lease_until, settlement, approval_id
        type Row = (String, String, i64, Option<String>, Option<String>);
        let existing: Option<Row> = tx
            .prepare_cached("SELECT cart_id, state, lease_until, settlement, approval_id FROM attempts WHERE key = ?1")
            .map_err(err)?
            .query_row(params![begin.key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()
            .map_err(err)?;
        let began_with = existing.as_ref().and_then(|e| e.4.clone());
        let existing = match existing {
            None => None,
            Some((cart, state, lease, settlement, _)) => {
                let settlement = settlement.map(|s| serde_json::from_str::<Settlement>(&s)).transpose().map_err(LedgerError::corrupt)?;
                Some((cart, State::parse(&state)?, u64::try_from(lease).unwrap_or(0), settlement))
            }
        };
        let resume = match step(existing.as_ref().map(|(c, s, l, x)| (c.as_str(), *s, *l, x.clone())), begin.cart_id, begin.now) {
            Step::Answer(a) => return Ok(*a),
            Step::Fresh => false,
            Step::Resume => true,
        };
        let except = resume.then_some(begin.key);
        let spent = begin.windows.iter().map(|w| window_spent(&tx, w, begin.now, except)).collect::<Result<Vec<_>, _>>()?;
        let used = match begin.approval_id {
            Some(id) => approval_used(&tx, id, Some(begin.key))?,
            None => false,
        };
        let approved = match super::memory::decide(begin, &spent, used, resume.then_some(began_with.as_deref())) {
            Decision::Allow(a) => a,
            Decision::Deny { violations } => return Ok(Begun::Denied(violations)),
        };
        if !resume {
            for (merchant, amount) in super::reservations(&approved) {
                add_spend(&tx, begin.now, &merchant, amount, begin.key)?;
            }
        }
        let lease_until = i64::try_from(begin.now.saturating_add(begin.lease_seconds)).unwrap_or(i64::MAX);
        tx.prepare_cached(
            "INSERT INTO attempts (key, cart_id, state, lease_until, settlement, approval_id) VALUES (?1, ?2, 'reserved', ?3, NULL, ?4)
             ON CONFLICT (key) DO UPDATE SET cart_id = ?2, state = 'reserved', lease_until = ?3, settlement = NULL, approval_id = ?4",
        )
        .map_err(err)?
        // A resumed attempt stays the one its approval paid for.
        .execute(params![begin.key, begin.cart_id, lease_until, if resume { began_with.as_deref() } else { begin.approval_id }])
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Begun::Reserved { approved, resumed: resume, lease_until: begin.now.saturating_add(begin.lease_seconds) })
    }

    fn finish_now(&self, key: &str, lease_until: u64, finish: Finish<'_>) -> Result<(), LedgerError> {
        let (state, settlement) = match finish {
            Finish::Settled(s) => (State::Settled, Some(s)),
            Finish::Kept(s) => (State::Kept, s),
            Finish::Released => (State::Released, None),
        };
        let json = settlement.map(|s| serde_json::to_string(&Settlement { replayed: false, ..s.clone() })).transpose().map_err(err)?;
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let lease = i64::try_from(lease_until).unwrap_or(i64::MAX);
        let ours = tx
            .prepare_cached("UPDATE attempts SET state = ?2, settlement = ?3 WHERE key = ?1 AND lease_until = ?4")
            .map_err(err)?
            .execute(params![key, state.as_str(), json, lease])
            .map_err(err)?;
        if ours == 0 {
            return Ok(());
        }
        if state == State::Released {
            tx.prepare_cached("UPDATE spend SET released = 1 WHERE key = ?1 AND released = 0")
                .map_err(err)?
                .execute(params![key])
                .map_err(err)?;
            // Nothing was signed with its nonces: the top of the sender's range goes back. A claim
            // below another key's stays, so a retry of this key fills its gap.
            let back = tx
                .prepare_cached(
                    "UPDATE nonces SET next = c.first FROM nonce_claims c
                     WHERE c.key = ?1 AND c.chain_id = nonces.chain_id AND c.sender = nonces.sender AND c.first + c.count = nonces.next",
                )
                .map_err(err)?
                .execute(params![key])
                .map_err(err)?;
            if back > 0 {
                tx.prepare_cached("DELETE FROM nonce_claims WHERE key = ?1").map_err(err)?.execute(params![key]).map_err(err)?;
            }
        }
        if let Finish::Settled(s) = finish {
            for m in super::failed_merchants(s) {
                tx.prepare_cached("UPDATE spend SET released = 1 WHERE key = ?1 AND merchant = ?2 AND released = 0")
                    .map_err(err)?
                    .execute(params![key, m])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    fn spent_now(&self, windows: &[WindowLimit], now: u64) -> Result<Vec<Amount>, LedgerError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(err)?;
        windows.iter().map(|w| window_spent(&tx, w, now, None)).collect()
    }

    fn recorded_now(&self, key: &str) -> Result<Option<Settlement>, LedgerError> {
        let json: Option<Option<String>> = self
            .conn()
            .prepare_cached("SELECT settlement FROM attempts WHERE key = ?1")
            .map_err(err)?
            .query_row(params![key], |r| r.get(0))
            .optional()
            .map_err(err)?;
        json.flatten().map(|s| serde_json::from_str(&s).map_err(LedgerError::corrupt)).transpose()
    }

    fn allocate_now(&self, chain_id: u64, sender: Address, count: u64, chain_next: u64) -> Result<u64, LedgerError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let first = allocate(&tx, chain_id, sender, count, chain_next)?;
        tx.commit().map_err(err)?;
        Ok(first)
    }

    /// Allocation for `key`: its claim if it still holds, else fresh nonces and a new claim.
    fn allocate_for_now(&self, key: &str, chain_id: u64, sender: Address, count: u64, chain_next: u64) -> Result<u64, LedgerError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let claim: Option<(i64, String, i64, i64)> = tx
            .prepare_cached("SELECT chain_id, sender, first, count FROM nonce_claims WHERE key = ?1")
            .map_err(err)?
            .query_row(params![key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()
            .map_err(err)?;
        let claim = claim.and_then(|(c, who, first, n)| {
            Some((u64::try_from(c).ok()?, Address::parse(&who).ok()?, u64::try_from(first).ok()?, u64::try_from(n).ok()?))
        });
        if let Some(claim) = claim.filter(|c| super::claim_holds(c, chain_id, sender, count, chain_next)) {
            return Ok(claim.2);
        }
        let first = allocate(&tx, chain_id, sender, count, chain_next)?;
        tx.prepare_cached(
            "INSERT INTO nonce_claims (key, chain_id, sender, first, count) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (key) DO UPDATE SET chain_id = ?2, sender = ?3, first = ?4, count = ?5",
        )
        .map_err(err)?
        .execute(params![
            key,
            i64::try_from(chain_id).map_err(err)?,
            sender.checksummed(),
            i64::try_from(first).map_err(err)?,
            i64::try_from(count).map_err(err)?
        ])
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(first)
    }
}

/// Gives out `count` nonces from the larger of the ledger's next and `chain_next`.
fn allocate(tx: &Transaction<'_>, chain_id: u64, sender: Address, count: u64, chain_next: u64) -> Result<u64, LedgerError> {
    let chain = i64::try_from(chain_id).map_err(err)?;
    let next: Option<i64> = tx
        .prepare_cached("SELECT next FROM nonces WHERE chain_id = ?1 AND sender = ?2")
        .map_err(err)?
        .query_row(params![chain, sender.checksummed()], |r| r.get(0))
        .optional()
        .map_err(err)?;
    let first = u64::try_from(next.unwrap_or(0)).unwrap_or(0).max(chain_next);
    let after = i64::try_from(first.saturating_add(count)).map_err(err)?;
    tx.prepare_cached(
        "INSERT INTO nonces (chain_id, sender, next) VALUES (?1, ?2, ?3) ON CONFLICT (chain_id, sender) DO UPDATE SET next = ?3",
    )
    .map_err(err)?
    .execute(params![chain, sender.checksummed(), after])
    .map_err(err)?;
    Ok(first)
}

/// Runs a journal write with `synchronous=FULL`: its commit flushes the write-ahead log to disk,
/// and with it every transaction before it.
fn full_sync<T>(conn: &mut Connection, write: impl FnOnce(&mut Connection) -> Result<T, LedgerError>) -> Result<T, LedgerError> {
    conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
    let result = write(conn);
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
    result
}

/// Spend counted against `window` at `now`: running sums at the window's edges, minus released
/// reservations (and, with `except`, that key's own) inside it.
fn window_spent(tx: &Transaction<'_>, window: &WindowLimit, now: u64, except: Option<&str>) -> Result<Amount, LedgerError> {
    let since = i64::try_from(now.saturating_sub(window.seconds)).unwrap_or(i64::MAX);
    let one = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<i64, LedgerError> {
        Ok(tx
            .prepare_cached(sql)
            .map_err(err)?
            .query_row(p, |r| r.get::<_, Option<i64>>(0))
            .optional()
            .map_err(err)?
            .flatten()
            .unwrap_or(0))
    };
    let (gross, released, own) = match &window.merchant {
        None => (
            one("SELECT cum_all FROM spend ORDER BY seq DESC LIMIT 1", &[])?
                - one("SELECT cum_all FROM spend WHERE at <= ?1 ORDER BY at DESC, seq DESC LIMIT 1", &[&since])?,
            one("SELECT SUM(amount) FROM spend WHERE released = 1 AND at > ?1", &[&since])?,
            match except {
                Some(k) => one("SELECT SUM(amount) FROM spend WHERE key = ?1 AND released = 0 AND at > ?2", &[&k, &since])?,
                None => 0,
            },
        ),
        Some(m) => (
            one("SELECT cum_merchant FROM spend WHERE merchant = ?1 ORDER BY at DESC, seq DESC LIMIT 1", &[m])?
                - one("SELECT cum_merchant FROM spend WHERE merchant = ?1 AND at <= ?2 ORDER BY at DESC, seq DESC LIMIT 1", &[m, &since])?,
            one("SELECT SUM(amount) FROM spend WHERE released = 1 AND at > ?1 AND merchant = ?2", &[&since, m])?,
            match except {
                Some(k) => {
                    one("SELECT SUM(amount) FROM spend WHERE key = ?1 AND released = 0 AND at > ?2 AND merchant = ?3", &[&k, &since, m])?
                }
                None => 0,
            },
        ),
    };
    Ok(amount(gross - released - own))
}

/// Whether approval `id` paid for an attempt (not released) under another key than `except`.
fn approval_used(conn: &Connection, id: &str, except: Option<&str>) -> Result<bool, LedgerError> {
    let found: Option<String> = conn
        .prepare_cached("SELECT key FROM attempts WHERE approval_id = ?1 AND state != 'released' AND key IS NOT ?2 LIMIT 1")
        .map_err(err)?
        .query_row(params![id, except], |r| r.get(0))
        .optional()
        .map_err(err)?;
    Ok(found.is_some())
}

/// Appends spend with its running sums; its time is never before the last entry's.
fn add_spend(tx: &Transaction<'_>, now: u64, merchant: &str, amount: Amount, key: &str) -> Result<(), LedgerError> {
    let last: Option<(i64, i64)> = tx
        .prepare_cached("SELECT at, cum_all FROM spend ORDER BY seq DESC LIMIT 1")
        .map_err(err)?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(err)?;
    let (last_at, cum_all) = last.unwrap_or((0, 0));
    let cum_merchant: i64 = tx
        .prepare_cached("SELECT cum_merchant FROM spend WHERE merchant = ?1 ORDER BY at DESC, seq DESC LIMIT 1")
        .map_err(err)?
        .query_row(params![merchant], |r| r.get(0))
        .optional()
        .map_err(err)?
        .unwrap_or(0);
    let at = i64::try_from(now).unwrap_or(i64::MAX).max(last_at);
    let a = micros(amount);
    tx.prepare_cached("INSERT INTO spend (at, key, merchant, amount, cum_all, cum_merchant) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .map_err(err)?
        .execute(params![at, key, merchant, a, cum_all.saturating_add(a), cum_merchant.saturating_add(a)])
        .map_err(err)?;
    Ok(())
}

impl super::Ledger for SqliteLedger {
    fn begin<'a>(&'a self, begin: Begin<'a>) -> BoxFuture<'a, Result<Begun, LedgerError>> {
        Box::pin(std::future::ready(self.begin_now(&begin)))
    }

    fn finish<'a>(&'a self, key: &'a str, lease_until: u64, finish: Finish<'a>) -> BoxFuture<'a, Result<(), LedgerError>> {
        Box::pin(std::future::ready(self.finish_now(key, lease_until, finish)))
    }

    fn spent<'a>(&'a self, windows: &'a [WindowLimit], now: u64) -> BoxFuture<'a, Result<Vec<Amount>, LedgerError>> {
        Box::pin(std::future::ready(self.spent_now(windows, now)))
    }

    fn approval_used<'a>(&'a self, id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<bool, LedgerError>> {
        Box::pin(std::future::ready(approval_used(&self.conn(), id, except)))
    }

    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, LedgerError>> {
        Box::pin(std::future::ready(self.recorded_now(key)))
    }

    fn cart_paid_under<'a>(&'a self, cart_id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<Option<String>, LedgerError>> {
        let sql = "SELECT key, settlement FROM attempts WHERE cart_id = ?1 AND state != 'released' AND key IS NOT ?2 ORDER BY key";
        let found = (|| {
            let conn = self.conn();
            let mut stmt = conn.prepare_cached(sql).map_err(err)?;
            let rows =
                stmt.query_map(params![cart_id, except], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))).map_err(err)?;
            for row in rows {
                let (key, settlement) = row.map_err(err)?;
                // A settlement that cannot be read may have paid.
                let settlement = settlement.and_then(|json| serde_json::from_str::<Settlement>(&json).ok());
                if super::may_have_paid(settlement.as_ref()) {
                    return Ok(Some(key));
                }
            }
            Ok(None)
        })();
        Box::pin(std::future::ready(found))
    }

    fn journal(&self) -> Option<&dyn LegJournal> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "sqlite"
    }
}

impl LegJournal for SqliteLedger {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<JournalEntry>, LedgerError>> {
        Box::pin(std::future::ready(journal::load(&self.conn(), key)))
    }

    fn record_signed<'a>(&'a self, key: &'a str, entry: &'a JournalEntry) -> BoxFuture<'a, Result<(), LedgerError>> {
        Box::pin(std::future::ready(full_sync(&mut self.conn(), |c| journal::record_signed(c, key, entry))))
    }

    fn update_legs<'a>(&'a self, key: &'a str, legs: &'a [(usize, &'a SettledLeg)]) -> BoxFuture<'a, Result<(), LedgerError>> {
        Box::pin(std::future::ready(full_sync(&mut self.conn(), |c| journal::update_legs(c, key, legs))))
    }

    fn allocate_nonces<'a>(
        &'a self,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        Box::pin(std::future::ready(self.allocate_now(chain_id, sender, count, chain_next)))
    }

    fn allocate_nonces_for<'a>(
        &'a self,
        key: &'a str,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        Box::pin(std::future::ready(self.allocate_for_now(key, chain_id, sender, count, chain_next)))
    }
}
