//! The leg journal in SQLite: every leg's signed bytes, hash and nonce persisted *before*
//! anything is broadcast, keyed by idempotency key and leg index. Per-leg states go planned →
//! signed → broadcast → confirmed | failed.

use rusqlite::{params, Connection, OptionalExtension};

use crate::address::Address;
use crate::ledger::{JournalEntry, LedgerError};
use crate::money::Amount;
use crate::settlement::{LegStatus, SettledLeg};

fn jerr(e: impl std::fmt::Display) -> LedgerError {
    LedgerError::unavailable(e)
}

pub(super) const SCHEMA: &str = "
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

fn status_from(s: &str) -> Result<LegStatus, LedgerError> {
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

pub(super) fn load(conn: &Connection, key: &str) -> Result<Option<JournalEntry>, LedgerError> {
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
    Ok(Some(JournalEntry {
        cart_id,
        policy_hash,
        chain_id: chain_id as u64,
        token: Address::parse(&token).map_err(jerr)?,
        sender: Address::parse(&sender).map_err(jerr)?,
        total: Amount::parse(&total).map_err(jerr)?,
        legs,
    }))
}

/// Records a settlement and its signed legs in one transaction (all or nothing), before any of
/// them is broadcast.
pub(super) fn record_signed(conn: &mut Connection, key: &str, entry: &JournalEntry) -> Result<(), LedgerError> {
    let legs = &entry.legs;
    let tx = conn.transaction().map_err(jerr)?;
    tx.execute(
        "INSERT INTO settlements (key, cart_id, policy_hash, chain_id, token, sender, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            key,
            entry.cart_id,
            entry.policy_hash,
            entry.chain_id as i64,
            entry.token.checksummed(),
            entry.sender.checksummed(),
            entry.total.to_string()
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
                l.status.as_str(),
                l.nonce.map(|n| n as i64),
                l.tx_hash,
                l.raw_tx,
                l.explorer_url
            ])
            .map_err(jerr)?;
        }
    }
    // The legs hold their nonces now: the key's claim on them ends.
    tx.execute("DELETE FROM nonce_claims WHERE key = ?1", params![key]).map_err(jerr)?;
    tx.commit().map_err(jerr)
}

/// Updates the state of several legs in one transaction.
pub(super) fn update_legs(conn: &mut Connection, key: &str, legs: &[(usize, &SettledLeg)]) -> Result<(), LedgerError> {
    if legs.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction().map_err(jerr)?;
    {
        let mut stmt = tx
            .prepare("UPDATE legs SET status = ?3, block_number = ?4, log_index = ?5, error = ?6 WHERE key = ?1 AND idx = ?2")
            .map_err(jerr)?;
        for (i, l) in legs {
            stmt.execute(params![
                key,
                *i as i64,
                l.status.as_str(),
                l.block_number.map(|b| b as i64),
                l.log_index.map(|b| b as i64),
                l.error
            ])
            .map_err(jerr)?;
        }
    }
    tx.commit().map_err(jerr)
}

/// Every idempotency key journaled.
pub(super) fn keys(conn: &Connection) -> Result<Vec<String>, LedgerError> {
    let mut stmt = conn.prepare("SELECT key FROM settlements ORDER BY key").map_err(jerr)?;
    let keys = stmt.query_map([], |r| r.get(0)).map_err(jerr)?.collect::<Result<Vec<String>, _>>().map_err(jerr)?;
    Ok(keys)
}
