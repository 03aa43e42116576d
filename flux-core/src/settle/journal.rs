//! The settlement journal: an embedded SQLite file where every leg's signed bytes, hash and nonce
//! are persisted *before* anything is broadcast, keyed by idempotency key and leg index.
//!
//! It is what makes settlement at-most-once: a key seen before is answered from here, and an
//! interrupted settlement resumes by re-broadcasting the very same bytes — a leg is never signed
//! twice. Per-leg states go planned → signed → broadcast → confirmed | failed.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

use super::{LegStatus, SettleError, SettledLeg, Settlement, SettlementMode, SettlementStatus};
use crate::address::Address;
use crate::money::Amount;
use crate::policy::ApprovedCart;

/// A durable journal of settlements (SQLite, WAL mode).
pub struct Journal {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").finish_non_exhaustive()
    }
}

fn jerr(e: impl std::fmt::Display) -> SettleError {
    SettleError::Journal { reason: e.to_string() }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS settlements (
  key TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL,
  policy_hash TEXT NOT NULL,
  chain_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  sender TEXT NOT NULL,
  total TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS legs (
  key TEXT NOT NULL REFERENCES settlements(key),
  idx INTEGER NOT NULL,
  merchant_id TEXT NOT NULL,
  merchant_name TEXT NOT NULL,
  payout TEXT NOT NULL,
  amount TEXT NOT NULL,
  status TEXT NOT NULL,
  nonce INTEGER,
  tx_hash TEXT,
  raw_tx TEXT,
  block_number INTEGER,
  log_index INTEGER,
  explorer_url TEXT,
  error TEXT,
  PRIMARY KEY (key, idx)
);
";

/// A journaled settlement as stored.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub cart_id: String,
    pub policy_hash: String,
    pub chain_id: u64,
    pub token: Address,
    pub sender: Address,
    pub total: Amount,
    pub legs: Vec<SettledLeg>,
}

fn status_str(s: LegStatus) -> &'static str {
    match s {
        LegStatus::Planned => "planned",
        LegStatus::Recorded => "recorded",
        LegStatus::Signed => "signed",
        LegStatus::Broadcast => "broadcast",
        LegStatus::Confirmed => "confirmed",
        LegStatus::Failed => "failed",
    }
}

fn status_from(s: &str) -> Result<LegStatus, SettleError> {
    Ok(match s {
        "planned" => LegStatus::Planned,
        "recorded" => LegStatus::Recorded,
        "signed" => LegStatus::Signed,
        "broadcast" => LegStatus::Broadcast,
        "confirmed" => LegStatus::Confirmed,
        "failed" => LegStatus::Failed,
        other => return Err(jerr(format!("unknown leg status {other:?}"))),
    })
}

impl Journal {
    /// Opens (creating if needed) the journal file at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Journal, SettleError> {
        let conn = Connection::open(path.as_ref()).map_err(jerr)?;
        Journal::init(conn)
    }

    /// A journal in memory (tests; lost with the process).
    pub fn in_memory() -> Result<Journal, SettleError> {
        Journal::init(Connection::open_in_memory().map_err(jerr)?)
    }

    fn init(conn: Connection) -> Result<Journal, SettleError> {
        // WAL + synchronous=FULL: a committed leg survives a crash or power loss.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(jerr)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(jerr)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(jerr)?;
        conn.execute_batch(SCHEMA).map_err(jerr)?;
        Ok(Journal { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>, SettleError> {
        self.conn.lock().map_err(|_| jerr("journal lock poisoned"))
    }

    pub(crate) fn load(&self, key: &str) -> Result<Option<Entry>, SettleError> {
        let conn = self.conn()?;
        let head = conn
            .query_row("SELECT cart_id, policy_hash, chain_id, token, sender, total FROM settlements WHERE key = ?1", params![key], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .optional()
            .map_err(jerr)?;
        let Some((cart_id, policy_hash, chain_id, token, sender, total)) = head else {
            return Ok(None);
        };
        let mut stmt = conn
            .prepare(
                "SELECT merchant_id, merchant_name, payout, amount, status, nonce, tx_hash, raw_tx, block_number, log_index, explorer_url, error
                 FROM legs WHERE key = ?1 ORDER BY idx",
            )
            .map_err(jerr)?;
        type Row = (
            String,
            String,
            String,
            String,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = stmt
            .query_map(params![key], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            })
            .map_err(jerr)?
            .collect::<Result<_, _>>()
            .map_err(jerr)?;
        let mut legs = Vec::with_capacity(rows.len());
        for (merchant_id, merchant_name, payout, amount, status, nonce, tx_hash, raw_tx, block, log_index, explorer_url, error) in rows {
            legs.push(SettledLeg {
                merchant_id,
                merchant_name,
                payout: Address::parse(&payout).map_err(jerr)?,
                amount: Amount::parse(&amount).map_err(jerr)?,
                status: status_from(&status)?,
                tx_hash,
                nonce: nonce.map(|n| n as u64),
                block_number: block.map(|b| b as u64),
                log_index: log_index.map(|l| l as u64),
                explorer_url,
                raw_tx,
                error,
            });
        }
        Ok(Some(Entry {
            cart_id,
            policy_hash,
            chain_id: chain_id as u64,
            token: Address::parse(&token).map_err(jerr)?,
            sender: Address::parse(&sender).map_err(jerr)?,
            total: Amount::parse(&total).map_err(jerr)?,
            legs,
        }))
    }

    /// Records a settlement and its signed legs in one transaction (all or nothing), before any
    /// of them is broadcast.
    pub(crate) fn record_signed(
        &self,
        key: &str,
        approved: &ApprovedCart,
        sender: Address,
        legs: &[SettledLeg],
    ) -> Result<(), SettleError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction().map_err(jerr)?;
        tx.execute(
            "INSERT INTO settlements (key, cart_id, policy_hash, chain_id, token, sender, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                key,
                approved.cart_id(),
                approved.policy_hash(),
                approved.target().chain_id as i64,
                approved.target().token.checksummed(),
                sender.checksummed(),
                approved.total().to_string()
            ],
        )
        .map_err(jerr)?;
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO legs (key, idx, merchant_id, merchant_name, payout, amount, status, nonce, tx_hash, raw_tx, explorer_url)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(jerr)?;
            for (i, l) in legs.iter().enumerate() {
                stmt.execute(params![
                    key,
                    i as i64,
                    l.merchant_id,
                    l.merchant_name,
                    l.payout.checksummed(),
                    l.amount.to_string(),
                    status_str(l.status),
                    l.nonce.map(|n| n as i64),
                    l.tx_hash,
                    l.raw_tx,
                    l.explorer_url
                ])
                .map_err(jerr)?;
            }
        }
        tx.commit().map_err(jerr)
    }

    /// Updates the state of several legs in one transaction.
    pub(crate) fn update_legs(&self, key: &str, legs: &[(usize, &SettledLeg)]) -> Result<(), SettleError> {
        if legs.is_empty() {
            return Ok(());
        }
        let mut conn = self.conn()?;
        let tx = conn.transaction().map_err(jerr)?;
        {
            let mut stmt = tx
                .prepare("UPDATE legs SET status = ?3, block_number = ?4, log_index = ?5, error = ?6 WHERE key = ?1 AND idx = ?2")
                .map_err(jerr)?;
            for (i, l) in legs {
                stmt.execute(params![
                    key,
                    *i as i64,
                    status_str(l.status),
                    l.block_number.map(|b| b as i64),
                    l.log_index.map(|b| b as i64),
                    l.error
                ])
                .map_err(jerr)?;
            }
        }
        tx.commit().map_err(jerr)
    }

    /// Every idempotency key recorded.
    pub fn keys(&self) -> Result<Vec<String>, SettleError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT key FROM settlements ORDER BY key").map_err(jerr)?;
        let keys = stmt.query_map([], |r| r.get(0)).map_err(jerr)?.collect::<Result<Vec<String>, _>>().map_err(jerr)?;
        Ok(keys)
    }

    /// The settlement recorded under `key`, as the settler would report it.
    pub fn settlement(&self, key: &str) -> Result<Option<Settlement>, SettleError> {
        Ok(self.load(key)?.map(|e| e.to_settlement(key, Vec::new())))
    }
}

impl Entry {
    pub(crate) fn to_settlement(&self, key: &str, logs: Vec<String>) -> Settlement {
        let confirmed = self.legs.iter().filter(|l| l.status == LegStatus::Confirmed).count();
        let status = SettlementStatus::of(confirmed, self.legs.len());
        Settlement {
            status,
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

    /// Whether no leg can make further progress (all confirmed or failed).
    pub(crate) fn is_final(&self) -> bool {
        self.legs.iter().all(|l| matches!(l.status, LegStatus::Confirmed | LegStatus::Failed))
    }
}
