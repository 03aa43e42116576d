//! The PostgreSQL ledger: several instances spending from one treasury. Every change is one
//! transaction that first takes a transaction-scoped advisory lock, so budgets, idempotency keys
//! and one sender's nonces stay consistent across instances; a crash releases the lock with the
//! connection. Tables are prefixed `flux_`; the connection URL (credentials inside) is never
//! shown in an error. This build speaks to the server without TLS: a server on another machine
//! is refused unless its URL says `sslmode=disable` (a TLS proxy or tunnel in between), so the
//! password and the payment records never cross a network in plain text by default.

use std::sync::Arc;

use tokio_postgres::{Client, NoTls, Transaction};

use super::memory::{step, State, Step};
use super::{amount, micros, Begin, Begun, Finish, JournalEntry, LedgerError, LedgerParts, LegJournal};
use crate::address::Address;
use crate::future::BoxFuture;
use crate::money::Amount;
use crate::policy::{Decision, WindowLimit};
use crate::settlement::{SettledLeg, Settlement};

/// The advisory lock every ledger transaction takes (one treasury per database).
const LOCK: i64 = 0x466c_7578_4c65_6467; // "FluxLedg"

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS flux_attempts (
  key TEXT PRIMARY KEY, cart_id TEXT NOT NULL, state TEXT NOT NULL, lease_until BIGINT NOT NULL, settlement TEXT, approval_id TEXT
);
CREATE INDEX IF NOT EXISTS flux_attempts_approval ON flux_attempts (approval_id) WHERE approval_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS flux_attempts_cart ON flux_attempts (cart_id, key);
CREATE TABLE IF NOT EXISTS flux_spend (
  seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, key TEXT NOT NULL, merchant TEXT NOT NULL, amount BIGINT NOT NULL,
  cum_all BIGINT NOT NULL, cum_merchant BIGINT NOT NULL, released BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS flux_spend_at ON flux_spend (at, seq);
CREATE INDEX IF NOT EXISTS flux_spend_merchant ON flux_spend (merchant, at, seq);
CREATE INDEX IF NOT EXISTS flux_spend_key ON flux_spend (key);
CREATE INDEX IF NOT EXISTS flux_spend_released ON flux_spend (at) WHERE released;
CREATE INDEX IF NOT EXISTS flux_spend_released_merchant ON flux_spend (merchant, at) WHERE released;
CREATE TABLE IF NOT EXISTS flux_journal (key TEXT PRIMARY KEY, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS flux_nonces (chain_id BIGINT NOT NULL, sender TEXT NOT NULL, next BIGINT NOT NULL, PRIMARY KEY (chain_id, sender));
CREATE TABLE IF NOT EXISTS flux_nonce_claims (
  key TEXT PRIMARY KEY, chain_id BIGINT NOT NULL, sender TEXT NOT NULL, first BIGINT NOT NULL, count BIGINT NOT NULL
);
";

fn err(e: impl std::fmt::Display) -> LedgerError {
    LedgerError::unavailable(e)
}

/// A ledger in PostgreSQL.
pub struct PgLedger {
    client: tokio::sync::Mutex<Client>,
    // Where to connect again when the connection was lost (a server restart).
    config: tokio_postgres::Config,
    // Drives the connection; dropped (and the connection closed) with the ledger.
    io: Arc<tokio::runtime::Runtime>,
}

/// The connection settings of `url`, refusing a server on another machine unless the URL accepts
/// plain text (`sslmode=disable`): without TLS, tokio-postgres's default (`prefer`) would fall
/// back to it silently.
fn settings(url: &str) -> Result<tokio_postgres::Config, LedgerError> {
    use tokio_postgres::config::{Host, SslMode};
    let config: tokio_postgres::Config =
        url.parse().map_err(|_| LedgerError::Config { reason: "the PostgreSQL URL cannot be read".into() })?;
    let loopback = |name: &str| name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_loopback());
    let remote = config.get_hosts().iter().any(|h| matches!(h, Host::Tcp(name) if !loopback(name)))
        || config.get_hostaddrs().iter().any(|a| !a.is_loopback());
    if remote && config.get_ssl_mode() != SslMode::Disable {
        let reason = "this build reaches PostgreSQL without TLS: use a server on this machine (or its Unix socket), or a TLS \
                      proxy or tunnel and say sslmode=disable in the URL";
        return Err(LedgerError::Config { reason: reason.into() });
    }
    Ok(config)
}

/// The longest wait for a new connection after the last one was lost.
const RECONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens a connection, driven by the runtime this runs on.
async fn open(config: tokio_postgres::Config) -> Result<Client, LedgerError> {
    let (client, connection) = config
        .connect(NoTls)
        .await
        .map_err(|e| LedgerError::Unavailable { reason: format!("cannot connect to PostgreSQL: {}", pg_reason(&e)) })?;
    tokio::spawn(connection);
    Ok(client)
}

impl std::fmt::Debug for PgLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgLedger").finish_non_exhaustive()
    }
}

/// A PostgreSQL ledger, both ways (see [`LedgerParts`]).
pub fn postgres_ledger(url: &str) -> Result<LedgerParts, LedgerError> {
    let shared = Arc::new(PgLedger::connect(url)?);
    Ok((shared.clone(), shared))
}

impl PgLedger {
    /// Connects (`postgres://user:password@host:port/db`), creating the tables if needed. The
    /// connection is driven by a small runtime of its own, so the ledger works from any executor.
    pub fn connect(url: &str) -> Result<PgLedger, LedgerError> {
        let config = settings(url)?;
        let io = tokio::runtime::Builder::new_multi_thread().worker_threads(1).thread_name("flux-pg").enable_all().build().map_err(err)?;
        let client = io.block_on(open(config.clone()))?;
        let ledger = PgLedger { client: tokio::sync::Mutex::new(client), config, io: Arc::new(io) };
        crate::future::block_on(ledger.create())?;
        Ok(ledger)
    }

    /// The connection, opened again when it was lost: a server restart does not leave every
    /// later payment `LEDGER_UNAVAILABLE` until the process restarts.
    async fn client(&self) -> Result<tokio::sync::MutexGuard<'_, Client>, LedgerError> {
        let mut client = self.client.lock().await;
        if client.is_closed() {
            // Bounded: a server that drops packets must not hold every ledger call behind the
            // system's TCP timeout.
            // The timer is made inside the ledger's runtime: outside one it has no clock to run on.
            let config = self.config.clone();
            let again = async move { tokio::time::timeout(RECONNECT_TIMEOUT, open(config)).await };
            *client = self.io.spawn(again).await.map_err(err)?.map_err(|_| err("PostgreSQL did not answer a new connection in time"))??;
        }
        Ok(client)
    }

    async fn create(&self) -> Result<(), LedgerError> {
        let mut client = self.client().await?;
        let tx = locked(&mut client).await?;
        tx.batch_execute(SCHEMA).await.map_err(pg)?;
        tx.commit().await.map_err(pg)
    }

    async fn begin_now(&self, begin: &Begin<'_>) -> Result<Begun, LedgerError> {
        let mut client = self.client().await?;
        let tx = locked(&mut client).await?;
        let row = tx
            .query_opt("SELECT cart_id, state, lease_until, settlement, approval_id FROM flux_attempts WHERE key = $1", &[&begin.key])
            .await
            .map_err(pg)?;
        let began_with: Option<String> = row.as_ref().and_then(|r| r.get(4));
        let existing = match row {
            None => None,
            Some(r) => {
                let settlement: Option<String> = r.get(3);
                let settlement = settlement.map(|s| serde_json::from_str::<Settlement>(&s)).transpose().map_err(LedgerError::corrupt)?;
                let lease: i64 = r.get(2);
                Some((r.get::<_, String>(0), State::parse(r.get(1))?, u64::try_from(lease).unwrap_or(0), settlement))
            }
        };
        let resume = match step(existing.as_ref().map(|(c, s, l, x)| (c.as_str(), *s, *l, x.clone())), begin.cart_id, begin.now) {
            Step::Answer(a) => return Ok(*a),
            Step::Fresh => false,
            Step::Resume => true,
        };
        let except = resume.then_some(begin.key);
        let mut spent = Vec::with_capacity(begin.windows.len());
        for w in begin.windows {
            spent.push(window_spent(&tx, w, begin.now, except).await?);
        }
        let used = match begin.approval_id {
            Some(id) => approval_used(&tx, id, Some(begin.key)).await?,
            None => false,
        };
        let approved = match super::memory::decide(begin, &spent, used, resume.then_some(began_with.as_deref())) {
            Decision::Allow(a) => a,
            Decision::Deny { violations } => return Ok(Begun::Denied(violations)),
        };
        if !resume {
            for (merchant, amount) in super::reservations(&approved) {
                add_spend(&tx, begin.now, &merchant, amount, begin.key).await?;
            }
        }
        let lease_until = i64::try_from(begin.now.saturating_add(begin.lease_seconds)).unwrap_or(i64::MAX);
        tx.execute(
            "INSERT INTO flux_attempts (key, cart_id, state, lease_until, settlement, approval_id) VALUES ($1, $2, 'reserved', $3, NULL, $4)
             ON CONFLICT (key) DO UPDATE SET cart_id = $2, state = 'reserved', lease_until = $3, settlement = NULL, approval_id = $4",
            // A resumed attempt stays the one its approval paid for.
            &[&begin.key, &begin.cart_id, &lease_until, &if resume { began_with.as_deref() } else { begin.approval_id }],
        )
        .await
        .map_err(pg)?;
        tx.commit().await.map_err(pg)?;
        Ok(Begun::Reserved { approved, resumed: resume, lease_until: begin.now.saturating_add(begin.lease_seconds) })
    }

    async fn finish_now(&self, key: &str, lease_until: u64, finish: Finish<'_>) -> Result<(), LedgerError> {
        let (state, settlement) = match finish {
            Finish::Settled(s) => (State::Settled, Some(s)),
            Finish::Kept(s) => (State::Kept, s),
            Finish::Released => (State::Released, None),
        };
        let json = settlement.map(|s| serde_json::to_string(&Settlement { replayed: false, ..s.clone() })).transpose().map_err(err)?;
        let mut client = self.client().await?;
        let tx = locked(&mut client).await?;
        let lease = i64::try_from(lease_until).unwrap_or(i64::MAX);
        let ours = tx
            .execute(
                "UPDATE flux_attempts SET state = $2, settlement = $3 WHERE key = $1 AND lease_until = $4",
                &[&key, &state.as_str(), &json, &lease],
            )
            .await
            .map_err(pg)?;
        if ours == 0 {
            return Ok(());
        }
        if state == State::Released {
            tx.execute("UPDATE flux_spend SET released = TRUE WHERE key = $1 AND NOT released", &[&key]).await.map_err(pg)?;
            // Nothing was signed with its nonces: the top of the sender's range goes back. A claim
            // below another key's stays, so a retry of this key fills its gap.
            let back = tx
                .execute(
                    "UPDATE flux_nonces n SET next = c.first FROM flux_nonce_claims c
                     WHERE c.key = $1 AND c.chain_id = n.chain_id AND c.sender = n.sender AND c.first + c.count = n.next",
                    &[&key],
                )
                .await
                .map_err(pg)?;
            if back > 0 {
                tx.execute("DELETE FROM flux_nonce_claims WHERE key = $1", &[&key]).await.map_err(pg)?;
            }
        }
        if let Finish::Settled(s) = finish {
            for m in super::failed_merchants(s) {
                tx.execute("UPDATE flux_spend SET released = TRUE WHERE key = $1 AND merchant = $2 AND NOT released", &[&key, &m])
                    .await
                    .map_err(pg)?;
            }
        }
        tx.commit().await.map_err(pg)
    }

    async fn spent_now(&self, windows: &[WindowLimit], now: u64) -> Result<Vec<Amount>, LedgerError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(pg)?;
        let mut spent = Vec::with_capacity(windows.len());
        for w in windows {
            spent.push(window_spent(&tx, w, now, None).await?);
        }
        Ok(spent)
    }

    async fn recorded_now(&self, key: &str) -> Result<Option<Settlement>, LedgerError> {
        let client = self.client().await?;
        let row = client.query_opt("SELECT settlement FROM flux_attempts WHERE key = $1", &[&key]).await.map_err(pg)?;
        let json: Option<String> = row.and_then(|r| r.get(0));
        json.map(|s| serde_json::from_str(&s).map_err(LedgerError::corrupt)).transpose()
    }

    async fn load_now(&self, key: &str) -> Result<Option<JournalEntry>, LedgerError> {
        let client = self.client().await?;
        let row = client.query_opt("SELECT entry FROM flux_journal WHERE key = $1", &[&key]).await.map_err(pg)?;
        row.map(|r| stored::from_json(&r.get::<_, String>(0))).transpose()
    }

    async fn record_now(&self, key: &str, entry: &JournalEntry) -> Result<(), LedgerError> {
        let mut client = self.client().await?;
        let tx = locked(&mut client).await?;
        let json = stored::to_json(entry)?;
        tx.execute("INSERT INTO flux_journal (key, entry) VALUES ($1, $2)", &[&key, &json]).await.map_err(pg)?;
        // The legs hold their nonces now: the key's claim on them ends.
        tx.execute("DELETE FROM flux_nonce_claims WHERE key = $1", &[&key]).await.map_err(pg)?;
        tx.commit().await.map_err(pg)
    }

    async fn update_now(&self, key: &str, legs: &[(usize, &SettledLeg)]) -> Result<(), LedgerError> {
        if legs.is_empty() {
            return Ok(());
        }
        let mut client = self.client().await?;
        let tx = locked(&mut client).await?;
        let row = tx.query_opt("SELECT entry FROM flux_journal WHERE key = $1", &[&key]).await.map_err(pg)?;
        let mut entry = match row {
            Some(r) => stored::from_json(&r.get::<_, String>(0))?,
            None => return Err(LedgerError::corrupt(format!("no journal entry for {key:?}"))),
        };
        for (i, leg) in legs {
            if let Some(slot) = entry.legs.get_mut(*i) {
                *slot = (*leg).clone();
            }
        }
        tx.execute("UPDATE flux_journal SET entry = $2 WHERE key = $1", &[&key, &stored::to_json(&entry)?]).await.map_err(pg)?;
        tx.commit().await.map_err(pg)
    }

    async fn allocate_now(&self, chain_id: u64, sender: Address, count: u64, chain_next: u64) -> Result<u64, LedgerError> {
        let mut client = self.client().await?;
        let tx = locked(&mut client).await?;
        let first = allocate(&tx, chain_id, sender, count, chain_next).await?;
        tx.commit().await.map_err(pg)?;
        Ok(first)
    }

    /// Allocation for `key`: its claim if it still holds, else fresh nonces and a new claim.
    async fn allocate_for_now(&self, key: &str, chain_id: u64, sender: Address, count: u64, chain_next: u64) -> Result<u64, LedgerError> {
        let mut client = self.client().await?;
        let tx = locked(&mut client).await?;
        let row = tx.query_opt("SELECT chain_id, sender, first, count FROM flux_nonce_claims WHERE key = $1", &[&key]).await.map_err(pg)?;
        let claim = row.and_then(|r| {
            let (c, who, first, n): (i64, String, i64, i64) =
                (r.try_get(0).ok()?, r.try_get(1).ok()?, r.try_get(2).ok()?, r.try_get(3).ok()?);
            Some((u64::try_from(c).ok()?, Address::parse(&who).ok()?, u64::try_from(first).ok()?, u64::try_from(n).ok()?))
        });
        if let Some(claim) = claim.filter(|c| super::claim_holds(c, chain_id, sender, count, chain_next)) {
            return Ok(claim.2);
        }
        let first = allocate(&tx, chain_id, sender, count, chain_next).await?;
        let (chain, at, n) =
            (i64::try_from(chain_id).map_err(err)?, i64::try_from(first).map_err(err)?, i64::try_from(count).map_err(err)?);
        tx.execute(
            "INSERT INTO flux_nonce_claims (key, chain_id, sender, first, count) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (key) DO UPDATE SET chain_id = $2, sender = $3, first = $4, count = $5",
            &[&key, &chain, &sender.checksummed(), &at, &n],
        )
        .await
        .map_err(pg)?;
        tx.commit().await.map_err(pg)?;
        Ok(first)
    }
}

/// Gives out `count` nonces from the larger of the ledger's next and `chain_next`.
async fn allocate(tx: &Transaction<'_>, chain_id: u64, sender: Address, count: u64, chain_next: u64) -> Result<u64, LedgerError> {
    let chain = i64::try_from(chain_id).map_err(err)?;
    let who = sender.checksummed();
    let row = tx.query_opt("SELECT next FROM flux_nonces WHERE chain_id = $1 AND sender = $2", &[&chain, &who]).await.map_err(pg)?;
    let next: i64 = row.map(|r| r.get(0)).unwrap_or(0);
    let first = u64::try_from(next).unwrap_or(0).max(chain_next);
    let after = i64::try_from(first.saturating_add(count)).map_err(err)?;
    tx.execute(
        "INSERT INTO flux_nonces (chain_id, sender, next) VALUES ($1, $2, $3)
         ON CONFLICT (chain_id, sender) DO UPDATE SET next = $3",
        &[&chain, &who, &after],
    )
    .await
    .map_err(pg)?;
    Ok(first)
}

/// A transaction holding the ledger's advisory lock.
async fn locked(client: &mut Client) -> Result<Transaction<'_>, LedgerError> {
    let tx = client.transaction().await.map_err(pg)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK]).await.map_err(pg)?;
    Ok(tx)
}

/// A PostgreSQL error's own message (its code and text), never the connection string.
fn pg_reason(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => crate::net::scrub_urls(&e.to_string()),
    }
}

fn pg(e: tokio_postgres::Error) -> LedgerError {
    LedgerError::Unavailable { reason: pg_reason(&e) }
}

/// Whether approval `id` paid for an attempt (not released) under another key than `except`.
async fn approval_used(tx: &Transaction<'_>, id: &str, except: Option<&str>) -> Result<bool, LedgerError> {
    let row = tx
        .query_opt(
            "SELECT key FROM flux_attempts WHERE approval_id = $1 AND state <> 'released' AND key IS DISTINCT FROM $2 LIMIT 1",
            &[&id, &except],
        )
        .await
        .map_err(pg)?;
    Ok(row.is_some())
}

async fn one(tx: &Transaction<'_>, sql: &str, params: &[&(dyn tokio_postgres::types::ToSql + Sync)]) -> Result<i64, LedgerError> {
    let row = tx.query_opt(sql, params).await.map_err(pg)?;
    Ok(row.and_then(|r| r.get::<_, Option<i64>>(0)).unwrap_or(0))
}

/// As the SQLite ledger: running sums at the window's edges, minus released reservations (and
/// the key's own, for a resume) inside it.
async fn window_spent(tx: &Transaction<'_>, window: &WindowLimit, now: u64, except: Option<&str>) -> Result<Amount, LedgerError> {
    let since = i64::try_from(now.saturating_sub(window.seconds)).unwrap_or(i64::MAX);
    let (gross, released, own) = match &window.merchant {
        None => (
            one(tx, "SELECT cum_all FROM flux_spend ORDER BY seq DESC LIMIT 1", &[]).await?
                - one(tx, "SELECT cum_all FROM flux_spend WHERE at <= $1 ORDER BY at DESC, seq DESC LIMIT 1", &[&since]).await?,
            one(tx, "SELECT SUM(amount)::BIGINT FROM flux_spend WHERE released AND at > $1", &[&since]).await?,
            match except {
                Some(k) => {
                    one(tx, "SELECT SUM(amount)::BIGINT FROM flux_spend WHERE key = $1 AND NOT released AND at > $2", &[&k, &since]).await?
                }
                None => 0,
            },
        ),
        Some(m) => (
            one(tx, "SELECT cum_merchant FROM flux_spend WHERE merchant = $1 ORDER BY at DESC, seq DESC LIMIT 1", &[m]).await?
                - one(
                    tx,
                    "SELECT cum_merchant FROM flux_spend WHERE merchant = $1 AND at <= $2 ORDER BY at DESC, seq DESC LIMIT 1",
                    &[m, &since],
                )
                .await?,
            one(tx, "SELECT SUM(amount)::BIGINT FROM flux_spend WHERE released AND at > $1 AND merchant = $2", &[&since, m]).await?,
            match except {
                Some(k) => {
                    one(
                        tx,
                        "SELECT SUM(amount)::BIGINT FROM flux_spend WHERE key = $1 AND NOT released AND at > $2 AND merchant = $3",
                        &[&k, &since, m],
                    )
                    .await?
                }
                None => 0,
            },
        ),
    };
    Ok(amount(gross - released - own))
}

async fn add_spend(tx: &Transaction<'_>, now: u64, merchant: &str, amount: Amount, key: &str) -> Result<(), LedgerError> {
    let last = tx.query_opt("SELECT at, cum_all FROM flux_spend ORDER BY seq DESC LIMIT 1", &[]).await.map_err(pg)?;
    let (last_at, cum_all): (i64, i64) = last.map(|r| (r.get(0), r.get(1))).unwrap_or((0, 0));
    let cum_merchant =
        one(tx, "SELECT cum_merchant FROM flux_spend WHERE merchant = $1 ORDER BY at DESC, seq DESC LIMIT 1", &[&merchant]).await?;
    let at = i64::try_from(now).unwrap_or(i64::MAX).max(last_at);
    let a = micros(amount);
    tx.execute(
        "INSERT INTO flux_spend (at, key, merchant, amount, cum_all, cum_merchant) VALUES ($1, $2, $3, $4, $5, $6)",
        &[&at, &key, &merchant, &a, &cum_all.saturating_add(a), &cum_merchant.saturating_add(a)],
    )
    .await
    .map_err(pg)?;
    Ok(())
}

/// The journal entry as stored: one JSON document per key.
mod stored {
    use serde::{Deserialize, Serialize};

    use super::{JournalEntry, LedgerError, SettledLeg};
    use crate::address::Address;
    use crate::money::Amount;

    #[derive(Serialize, Deserialize)]
    struct Stored {
        cart_id: String,
        policy_hash: String,
        chain_id: u64,
        token: Address,
        sender: Address,
        total: Amount,
        legs: Vec<SettledLeg>,
    }

    pub(super) fn to_json(e: &JournalEntry) -> Result<String, LedgerError> {
        let s = Stored {
            cart_id: e.cart_id.clone(),
            policy_hash: e.policy_hash.clone(),
            chain_id: e.chain_id,
            token: e.token,
            sender: e.sender,
            total: e.total,
            legs: e.legs.clone(),
        };
        serde_json::to_string(&s).map_err(LedgerError::corrupt)
    }

    pub(super) fn from_json(text: &str) -> Result<JournalEntry, LedgerError> {
        let s: Stored = serde_json::from_str(text).map_err(LedgerError::corrupt)?;
        Ok(JournalEntry {
            cart_id: s.cart_id,
            policy_hash: s.policy_hash,
            chain_id: s.chain_id,
            token: s.token,
            sender: s.sender,
            total: s.total,
            legs: s.legs,
        })
    }
}

impl super::Ledger for PgLedger {
    fn begin<'a>(&'a self, begin: Begin<'a>) -> BoxFuture<'a, Result<Begun, LedgerError>> {
        Box::pin(async move { self.begin_now(&begin).await })
    }

    fn finish<'a>(&'a self, key: &'a str, lease_until: u64, finish: Finish<'a>) -> BoxFuture<'a, Result<(), LedgerError>> {
        Box::pin(self.finish_now(key, lease_until, finish))
    }

    fn spent<'a>(&'a self, windows: &'a [WindowLimit], now: u64) -> BoxFuture<'a, Result<Vec<Amount>, LedgerError>> {
        Box::pin(self.spent_now(windows, now))
    }

    fn approval_used<'a>(&'a self, id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<bool, LedgerError>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            let tx = client.transaction().await.map_err(pg)?;
            approval_used(&tx, id, except).await
        })
    }

    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, LedgerError>> {
        Box::pin(self.recorded_now(key))
    }

    fn cart_paid_under<'a>(&'a self, cart_id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<Option<String>, LedgerError>> {
        Box::pin(async move {
            let client = self.client().await?;
            let sql = "SELECT key, settlement FROM flux_attempts WHERE cart_id = $1 AND state <> 'released' AND key IS DISTINCT FROM $2 ORDER BY key";
            let rows = client.query(sql, &[&cart_id, &except]).await.map_err(pg)?;
            Ok(rows.into_iter().find_map(|r| {
                // A settlement that cannot be read may have paid.
                let settlement = r.get::<_, Option<String>>(1).and_then(|json| serde_json::from_str::<Settlement>(&json).ok());
                super::may_have_paid(settlement.as_ref()).then(|| r.get(0))
            }))
        })
    }

    fn journal(&self) -> Option<&dyn LegJournal> {
        Some(self)
    }

    fn name(&self) -> &'static str {
        "postgres"
    }
}

impl LegJournal for PgLedger {
    fn load<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<JournalEntry>, LedgerError>> {
        Box::pin(self.load_now(key))
    }

    fn record_signed<'a>(&'a self, key: &'a str, entry: &'a JournalEntry) -> BoxFuture<'a, Result<(), LedgerError>> {
        Box::pin(self.record_now(key, entry))
    }

    fn update_legs<'a>(&'a self, key: &'a str, legs: &'a [(usize, &'a SettledLeg)]) -> BoxFuture<'a, Result<(), LedgerError>> {
        Box::pin(self.update_now(key, legs))
    }

    fn allocate_nonces<'a>(
        &'a self,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        Box::pin(self.allocate_now(chain_id, sender, count, chain_next))
    }

    fn allocate_nonces_for<'a>(
        &'a self,
        key: &'a str,
        chain_id: u64,
        sender: Address,
        count: u64,
        chain_next: u64,
    ) -> BoxFuture<'a, Result<u64, LedgerError>> {
        Box::pin(self.allocate_for_now(key, chain_id, sender, count, chain_next))
    }
}
