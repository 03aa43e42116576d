//! The EVM settler: real ERC-20 transfers on any EVM chain (Arc Testnet preset), broadcast over
//! JSON-RPC with alloy, journaled before broadcast, verified from their receipts.
//!
//! Order of work for a new key: preflight (one batch for chain id, token decimals, token balance,
//! latest block, gas balance, pending nonce and a gas estimate of the first transfer; then every
//! transfer simulated with `eth_call` at exactly the gas limit it will be signed with, in batches;
//! a leg that does not succeed at the shared limit gets its own estimate and a second simulation
//! at its own limit) → explicit nonces from the pending count → sign every leg → persist all
//! signed bytes in the [`Journal`] → broadcast all legs (pipelined, in JSON-RPC batches in nonce
//! order) → poll the sender's mined nonce and fetch the receipts of mined legs in batches, with a
//! deadline → decode the `Transfer` log of each and check token, from, to and amount exactly. A
//! key seen before resumes from the journal: confirmed legs are returned, unconfirmed ones are
//! looked up by hash and, if the node does not know them, re-broadcast with the same bytes.
//! Nothing is ever signed twice.
//!
//! Batches ([`ChainConfig::batch_size`] calls per HTTP request) are matched by id, so answers
//! may come in any order; a call whose answer is missing or failed retryably is sent again with
//! backoff; a node that refuses batches is served one call at a time.

mod preflight;
mod rpc;
mod verify;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::primitives::{Bytes, B256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionReceipt;
use alloy::transports::{RpcError, TransportError, TransportErrorKind};
use serde_json::json;

use super::bundle::ReceiptBundle;
use super::chain::ChainConfig;
use super::custody::PaymentKey;
use super::tx::{sign_with, TransferTx};
use super::{LegStatus, PolicyBinding, SettleError, SettledLeg, Settlement, SettlementMode, Settler};
use crate::address::Address;
use crate::future::BoxFuture;
use crate::ledger::{JournalEntry, LegJournal};
use crate::policy::ApprovedCart;
use crate::target::Target;
use preflight::Plan;
use rpc::{decode, node_message, rpc_err, Call, CallResult, Rpc, Singles};
use verify::{check_receipt, verify_with};

/// The longest a leg stays unknown behind the sender's mined nonce before it is called taken by
/// another transaction (a quarter of the receipt timeout when shorter; three polls at least).
const TAKEN_AFTER: Duration = Duration::from_secs(15);

pub use verify::verify_bundle;

/// Checkpoints a [`SettleHook`] is called at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookPoint {
    /// Every leg is signed and journaled; nothing is broadcast yet.
    Signed,
    /// Every leg is broadcast; no receipt awaited yet.
    Broadcast,
}

/// Called at each [`HookPoint`]; returning `false` stops the settlement there with
/// [`SettleError::Interrupted`], as a crash would (for crash-recovery tests and shutdown).
pub type SettleHook = Arc<dyn Fn(HookPoint) -> bool + Send + Sync>;

enum Sent {
    Accepted,
    Rejected(String),
}

/// What an `eth_sendRawTransaction` answer means for the leg. Retryable errors were retried.
fn classify_send(r: CallResult) -> Result<Sent, TransportError> {
    match r {
        Ok(_) => Ok(Sent::Accepted),
        Err(RpcError::ErrorResp(payload)) if !matches!(payload.code, -32011 | -32005 | 429) => {
            let m = payload.message.to_ascii_lowercase();
            if m.contains("rate limit") {
                return Err(RpcError::ErrorResp(payload));
            }
            if m.contains("already known")
                || m.contains("known transaction")
                || m.contains("already imported")
                || m.contains("nonce too low")
            {
                // The node has it (or mined it); its receipt decides.
                return Ok(Sent::Accepted);
            }
            Ok(Sent::Rejected(node_message(&payload.message)))
        }
        Err(e) => Err(e),
    }
}

/// Pays approved carts with real ERC-20 transfers on an EVM chain. See the module docs.
pub struct EvmSettler {
    rpc: Rpc,
    key: PaymentKey,
    journal: Arc<dyn LegJournal>,
    binding: PolicyBinding,
    lock: tokio::sync::Mutex<()>,
    hook: Option<SettleHook>,
}

impl std::fmt::Debug for EvmSettler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvmSettler").field("chain", &self.rpc.config).field("key", &self.key).finish_non_exhaustive()
    }
}

impl EvmSettler {
    /// A settler paying from `key` on `config`'s chain, journaling into `journal`.
    pub fn new(config: ChainConfig, key: PaymentKey, journal: impl LegJournal + 'static) -> Result<EvmSettler, SettleError> {
        let config = config.validate()?;
        Ok(EvmSettler {
            rpc: Rpc::new(&config)?,
            key,
            journal: Arc::new(journal),
            binding: PolicyBinding::default(),
            lock: tokio::sync::Mutex::new(()),
            hook: None,
        })
    }

    /// A settler with the key from the environment (see [`PaymentKey::from_env`]) and the
    /// journal file at `journal_path`.
    pub fn from_env(config: ChainConfig, journal_path: impl AsRef<std::path::Path>) -> Result<EvmSettler, SettleError> {
        let key = PaymentKey::from_env()?.ok_or_else(|| SettleError::Config {
            reason: "no payment key configured: set FLUX_PRIVATE_KEY (or PAYMENT_PRIVATE_KEY), or FLUX_KEYSTORE and FLUX_KEYSTORE_PASSWORD"
                .into(),
        })?;
        EvmSettler::new(config, key, crate::ledger::SqliteLedger::open(journal_path)?)
    }

    /// Installs a checkpoint hook.
    pub fn with_hook(mut self, hook: SettleHook) -> EvmSettler {
        self.hook = Some(hook);
        self
    }

    /// The paying address.
    pub fn sender(&self) -> Address {
        self.key.address()
    }

    /// The chain configuration.
    pub fn config(&self) -> &ChainConfig {
        &self.rpc.config
    }

    /// The journal.
    pub fn journal(&self) -> &dyn LegJournal {
        &*self.journal
    }

    /// Re-reads a bundle's legs from this settler's chain (see [`verify_bundle`]).
    pub async fn verify(&self, bundle: &ReceiptBundle) -> Result<super::VerifyReport, SettleError> {
        verify_with(&self.rpc, bundle).await
    }

    fn checkpoint(&self, at: HookPoint) -> Result<(), SettleError> {
        match &self.hook {
            Some(h) if !h(at) => Err(SettleError::Interrupted { at: format!("{at:?}").to_lowercase() }),
            _ => Ok(()),
        }
    }

    /// Signs every leg (deterministic RFC 6979 signatures), spread over the available cores for
    /// large carts; legs keep their order and nonces.
    fn sign_legs(&self, approved: &ApprovedCart, plan: &Plan) -> Result<Vec<SettledLeg>, SettleError> {
        let n = approved.legs().len();
        let threads = std::thread::available_parallelism().map_or(1, |p| p.get()).min(n / 32).max(1);
        if threads == 1 {
            return self.sign_range(approved, plan, 0..n);
        }
        let per = n.div_ceil(threads);
        let parts: Vec<Result<Vec<SettledLeg>, SettleError>> = std::thread::scope(|s| {
            let handles: Vec<_> =
                (0..threads).map(|t| s.spawn(move || self.sign_range(approved, plan, (t * per).min(n)..((t + 1) * per).min(n)))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(SettleError::Signing { reason: "a signing thread panicked".into() })))
                .collect()
        });
        let mut legs = Vec::with_capacity(n);
        for part in parts {
            legs.extend(part?);
        }
        Ok(legs)
    }

    fn sign_range(&self, approved: &ApprovedCart, plan: &Plan, range: std::ops::Range<usize>) -> Result<Vec<SettledLeg>, SettleError> {
        let cfg = &self.rpc.config;
        approved.legs()[range.clone()]
            .iter()
            .zip(&plan.gas_limits[range.clone()])
            .zip(range)
            .map(|((leg, gas), i)| {
                let tx = TransferTx {
                    chain_id: cfg.chain_id,
                    nonce: plan.nonce + i as u64,
                    gas_limit: *gas,
                    max_fee_per_gas: plan.max_fee_per_gas,
                    max_priority_fee_per_gas: plan.max_priority_fee_per_gas,
                    token: cfg.token,
                    to: leg.payout,
                    amount: leg.amount,
                };
                let (raw, hash) = sign_with(&self.key, &tx)?;
                let tx_hash = format!("0x{}", hex::encode(hash));
                Ok(SettledLeg {
                    status: LegStatus::Signed,
                    nonce: Some(tx.nonce),
                    explorer_url: cfg.explorer_url(&tx_hash),
                    tx_hash: Some(tx_hash),
                    raw_tx: Some(format!("0x{}", hex::encode(raw))),
                    ..SettledLeg::planned(leg)
                })
            })
            .collect()
    }

    /// Broadcasts every leg in `Signed` state, in nonce order, in batches of `batch_size`
    /// (`eth_sendRawTransaction` of the journaled bytes). Stops after the first batch with a
    /// rejection or a failed send (later nonces would only queue behind the gap) and reports it,
    /// with the lowest nonce that did not get through. Legs after it in the same batch that the
    /// node accepted are journaled as broadcast, which they are; a resume re-sends the same bytes.
    async fn broadcast(
        &self,
        key: &str,
        legs: &mut [SettledLeg],
        logs: &mut Vec<String>,
    ) -> Result<(Option<String>, Option<u64>), SettleError> {
        let cfg = &self.rpc.config;
        let todo: Vec<usize> = legs.iter().enumerate().filter(|(_, l)| l.status == LegStatus::Signed).map(|(i, _)| i).collect();
        let mut changed = Vec::new();
        let mut failure = None;
        let mut gap: Option<u64> = None;
        for chunk in todo.chunks(cfg.batch_size.max(1)) {
            let mut calls = Vec::with_capacity(chunk.len());
            for &i in chunk {
                let raw =
                    legs[i].raw_tx.as_deref().ok_or_else(|| SettleError::Journal { reason: format!("leg {i} signed without bytes") })?;
                let raw: Bytes = raw.parse().map_err(|_| SettleError::Journal { reason: "journaled raw_tx is not hex".into() })?;
                calls.push(("eth_sendRawTransaction", json!([raw])));
            }
            let mut rejected = Vec::new();
            for (&i, r) in chunk.iter().zip(self.rpc.batch(&calls, Singles::InOrder).await) {
                match classify_send(r) {
                    Ok(Sent::Accepted) => {
                        legs[i].status = LegStatus::Broadcast;
                        changed.push(i);
                    }
                    Ok(Sent::Rejected(why)) => rejected.push((i, why)),
                    Err(e) => {
                        // Unknown whether the node has it: it stays `Signed`, to be re-sent as is.
                        failure.get_or_insert_with(|| rpc_err(cfg, "eth_sendRawTransaction", &e).to_string());
                        gap = gap.min(legs[i].nonce).or(legs[i].nonce);
                    }
                }
            }
            if !rejected.is_empty() {
                // Resynchronize: did the chain move past these nonces (our bytes were mined)?
                let sender = self.sender();
                let pending = self
                    .rpc
                    .call("eth_getTransactionCount", |p| async move { p.get_transaction_count(sender.to_evm()).pending().await })
                    .await?;
                for (i, why) in rejected {
                    let leg = &mut legs[i];
                    if leg.nonce.is_some_and(|n| n < pending) {
                        leg.status = LegStatus::Broadcast;
                        changed.push(i);
                        continue;
                    }
                    logs.push(format!("broadcast of leg {} ({}) rejected by the node: {why}", i, leg.merchant_id));
                    failure.get_or_insert_with(|| format!("the node rejected leg {} ({}): {why}", i, leg.merchant_id));
                    gap = gap.min(leg.nonce).or(leg.nonce);
                }
            }
            if failure.is_some() {
                break;
            }
        }
        let updates: Vec<(usize, &SettledLeg)> = changed.iter().map(|i| (*i, &legs[*i])).collect();
        self.journal.update_legs(key, &updates).await?;
        Ok((failure, gap))
    }

    /// Polls the receipts of every `Broadcast` leg (batched, one round trip per poll) until all
    /// are in or the deadline passes; verifies each `Transfer` log. Legs with a nonce above
    /// `gap` (queued behind a leg that did not get through) are not waited for.
    async fn await_receipts(
        &self,
        key: &str,
        legs: &mut [SettledLeg],
        logs: &mut Vec<String>,
        gap: Option<u64>,
    ) -> Result<usize, SettleError> {
        let cfg = &self.rpc.config;
        let deadline = Instant::now() + Duration::from_millis(cfg.receipt_timeout_ms);
        let poll = Duration::from_millis(cfg.poll_interval_ms.max(1));
        let mut waiting = Vec::new();
        let mut pending = 0;
        for (i, l) in legs.iter().enumerate().filter(|(_, l)| l.status == LegStatus::Broadcast) {
            if gap.is_some_and(|g| l.nonce.is_some_and(|n| n > g)) {
                pending += 1;
                continue;
            }
            let hash = l.tx_hash.as_deref().and_then(|h| h.parse::<B256>().ok());
            waiting.push((i, l.nonce, hash.ok_or_else(|| SettleError::Journal { reason: format!("leg {i} without a valid hash") })?));
        }
        let mut rpc_failure = None;
        let mut taken: Vec<usize> = Vec::new();
        let mut unknown_since: HashMap<usize, Instant> = HashMap::new();
        let taken_after = (poll * 3).max(Duration::from_millis(cfg.receipt_timeout_ms / 4).min(TAKEN_AFTER));
        let mut receipts = Vec::with_capacity(waiting.len());
        let sender = self.sender().to_evm();
        while !waiting.is_empty() {
            // One cheap poll: the sender's mined nonce. Only legs below it can have a receipt
            // (a leg whose nonce was taken by another transaction keeps waiting, by hash).
            let mined =
                match self.rpc.call("eth_getTransactionCount", |p| async move { p.get_transaction_count(sender).latest().await }).await {
                    Ok(n) => n,
                    Err(e) => {
                        rpc_failure = Some(e);
                        break;
                    }
                };
            let (ready, mut still): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|(_, n, _)| n.is_none_or(|n| n < mined));
            let calls: Vec<Call> = ready.iter().map(|(_, _, h)| ("eth_getTransactionReceipt", json!([h]))).collect();
            let mut unmined = Vec::new();
            for ((i, n, h), r) in ready.into_iter().zip(self.rpc.batch(&calls, Singles::Concurrent).await) {
                match decode::<Option<TransactionReceipt>>(r) {
                    Ok(Some(receipt)) => receipts.push((i, receipt)),
                    Ok(None) => unmined.push((i, n, h)),
                    Err(e) => {
                        pending += 1;
                        rpc_failure.get_or_insert_with(|| rpc_err(cfg, "eth_getTransactionReceipt", &e));
                    }
                }
            }
            // The sender's nonce moved past these legs but they have no receipt: if the node does
            // not know them at all, another transaction took their nonce and they can never be
            // mined — failed, never paid (their reservation is released). Said only when that
            // holds on every poll for `taken_after`: the three answers may come from backends of
            // one endpoint that lag each other, and a paid leg called failed may be paid again.
            let calls: Vec<Call> = unmined.iter().map(|(_, _, h)| ("eth_getTransactionByHash", json!([h]))).collect();
            let mut unknown = HashMap::new();
            for ((i, n, h), r) in unmined.into_iter().zip(self.rpc.batch(&calls, Singles::Concurrent).await) {
                let answer = decode::<Option<serde_json::Value>>(r);
                // Since when this leg has been unknown on every poll (a poll that did not find it
                // so starts the count again).
                let since = matches!(answer, Ok(None))
                    .then(|| *unknown.entry(i).or_insert(unknown_since.get(&i).copied().unwrap_or_else(Instant::now)));
                match answer {
                    Ok(None) if since.is_some_and(|t| t.elapsed() >= taken_after) => {
                        let leg = &mut legs[i];
                        leg.status = LegStatus::Failed;
                        let why =
                            format!("nonce {} was taken by another transaction of the sender; this leg was never paid", n.unwrap_or(0));
                        logs.push(format!("FAILED: leg to {} tx {}: {why}", leg.merchant_id, leg.tx_hash.as_deref().unwrap_or("")));
                        leg.error = Some(why);
                        taken.push(i);
                    }
                    _ => still.push((i, n, h)),
                }
            }
            unknown_since = unknown;
            waiting = still;
            let now = Instant::now();
            if waiting.is_empty() || now >= deadline {
                break;
            }
            tokio::time::sleep(poll.min(deadline - now)).await;
        }
        pending += waiting.len();
        let mut changed = taken;
        for (i, receipt) in receipts {
            let leg = &mut legs[i];
            match check_receipt(&receipt, leg, self.sender(), cfg.token) {
                Ok(log_index) => {
                    leg.status = LegStatus::Confirmed;
                    leg.block_number = receipt.block_number;
                    leg.log_index = Some(log_index);
                    logs.push(format!(
                        "confirmed: {} USDC to {} ({}) tx {} block {} log {}",
                        leg.amount,
                        leg.merchant_name,
                        leg.payout,
                        leg.tx_hash.as_deref().unwrap_or(""),
                        receipt.block_number.unwrap_or(0),
                        log_index
                    ));
                }
                Err(why) => {
                    leg.status = LegStatus::Failed;
                    leg.block_number = receipt.block_number;
                    logs.push(format!("FAILED: leg to {} tx {}: {why}", leg.merchant_id, leg.tx_hash.as_deref().unwrap_or("")));
                    leg.error = Some(why);
                }
            }
            changed.push(i);
        }
        let updates: Vec<(usize, &SettledLeg)> = changed.iter().map(|i| (*i, &legs[*i])).collect();
        self.journal.update_legs(key, &updates).await?;
        if let Some(e) = rpc_failure {
            let why = match e {
                SettleError::Rpc { reason } => reason,
                other => other.to_string(),
            };
            return Err(SettleError::Rpc {
                reason: format!("{why}; {pending} leg(s) broadcast and journaled without a receipt — resume with the same idempotency key"),
            });
        }
        Ok(pending)
    }

    async fn run(&self, approved: &ApprovedCart, key: &str) -> Result<Settlement, SettleError> {
        let cfg = &self.rpc.config;
        if approved.target() != cfg.target() {
            return Err(SettleError::TargetMismatch { approved_chain: approved.target().chain_id, settler_chain: cfg.chain_id });
        }
        let mut logs = Vec::new();
        let entry = match self.journal.load(key).await? {
            Some(e) if e.cart_id != approved.cart_id() => return Err(SettleError::KeyConflict { key: key.to_owned() }),
            Some(e) if !e.is_final() => {
                self.check_resume(&e, approved)?;
                self.resume(e, &mut logs).await?
            }
            Some(e) => {
                let mut s = e.to_settlement(key, vec![format!("replayed from the journal: key {key} was settled before; nothing sent")]);
                s.replayed = true;
                return Ok(s);
            }
            None => {
                let t = Instant::now();
                // Nothing is signed before preflight ends: a node that could not be asked is a
                // preflight failure (the attempt's reservation is released), not a settlement one.
                let mut plan = self.preflight(approved).await.map_err(|e| match e {
                    SettleError::Rpc { reason } => SettleError::Preflight { reason: format!("the node could not be asked: {reason}") },
                    other => other,
                })?;
                // Nonces come from the ledger: never one it gave to a journaled leg, never below
                // the node's pending count; the ones this key got before dying unjournaled again.
                let n = approved.legs().len() as u64;
                plan.nonce = self.journal.allocate_nonces_for(key, cfg.chain_id, self.sender(), n, plan.nonce).await?;
                logs.push(format!("preflight ok in {} ms", t.elapsed().as_millis()));
                let t = Instant::now();
                let legs = self.sign_legs(approved, &plan)?;
                let signed_ms = t.elapsed().as_millis();
                let entry = JournalEntry {
                    cart_id: approved.cart_id().to_owned(),
                    policy_hash: approved.policy_hash().to_owned(),
                    chain_id: cfg.chain_id,
                    token: cfg.token,
                    sender: self.sender(),
                    total: approved.total(),
                    legs,
                };
                self.journal.record_signed(key, &entry).await?;
                logs.push(format!(
                    "preflight ok; {} leg(s) signed from {} with nonces {}..{} in {signed_ms} ms and journaled in {} ms",
                    entry.legs.len(),
                    self.sender(),
                    plan.nonce,
                    plan.nonce + n,
                    t.elapsed().as_millis() - signed_ms
                ));
                entry
            }
        };
        let mut legs = entry.legs.clone();
        self.checkpoint(HookPoint::Signed)?;
        let t = Instant::now();
        let (send_failure, gap) = self.broadcast(key, &mut legs, &mut logs).await?;
        logs.push(format!("broadcast in {} ms", t.elapsed().as_millis()));
        self.checkpoint(HookPoint::Broadcast)?;
        let t = Instant::now();
        let pending = self.await_receipts(key, &mut legs, &mut logs, gap).await?;
        logs.push(format!("receipts verified in {} ms", t.elapsed().as_millis()));
        if let Some(why) = send_failure {
            return Err(SettleError::Rpc {
                reason: format!("{why}; unsent legs stay journaled as signed — resume with the same idempotency key"),
            });
        }
        if pending > 0 {
            return Err(SettleError::Timeout { pending });
        }
        let s = JournalEntry { legs, ..entry }.to_settlement(key, logs);
        Ok(s)
    }

    /// On resume, the journal is checked against now: the sending key, the policy and every
    /// payout address recorded at signing must be the ones in force. A mismatch sends nothing.
    fn check_resume(&self, e: &JournalEntry, approved: &ApprovedCart) -> Result<(), SettleError> {
        let mismatch = |what: String| Err(SettleError::JournalMismatch { what });
        if e.sender != self.sender() {
            return mismatch("the legs were signed by another sending key than the one configured now".into());
        }
        if e.policy_hash != approved.policy_hash() {
            return mismatch(format!("the legs were approved by policy {}, the policy now is {}", e.policy_hash, approved.policy_hash()));
        }
        if e.chain_id != self.rpc.config.chain_id || e.token != self.rpc.config.token {
            return mismatch("the legs were signed for another chain or token".into());
        }
        for leg in &e.legs {
            match approved.legs().iter().find(|a| a.merchant_id == leg.merchant_id) {
                Some(a) if a.payout == leg.payout && a.amount == leg.amount => {}
                Some(_) => return mismatch(format!("the payout address or amount of {:?} changed since signing", leg.merchant_id)),
                None => return mismatch(format!("{:?} is no longer paid by this cart under the policy", leg.merchant_id)),
            }
        }
        Ok(())
    }

    /// Resume: legs the node does not know are re-broadcast with their journaled bytes.
    async fn resume(&self, mut e: JournalEntry, logs: &mut Vec<String>) -> Result<JournalEntry, SettleError> {
        let cfg = &self.rpc.config;
        {
            logs.push(format!("resuming from the journal (same signed bytes, nothing re-signed) for {}", e.cart_id));
            let broadcast: Vec<(usize, Option<B256>)> = e
                .legs
                .iter()
                .enumerate()
                .filter(|(_, l)| l.status == LegStatus::Broadcast)
                .map(|(i, l)| (i, l.tx_hash.as_deref().and_then(|h| h.parse::<B256>().ok())))
                .collect();
            let calls: Vec<Call> = broadcast.iter().filter_map(|(_, h)| h.map(|h| ("eth_getTransactionReceipt", json!([h])))).collect();
            let mut answers = self.rpc.batch(&calls, Singles::Concurrent).await.into_iter();
            for (i, hash) in broadcast {
                let known = match hash {
                    Some(_) => {
                        let r = answers.next().unwrap_or_else(|| Err(TransportErrorKind::custom_str("no answer")));
                        decode::<Option<TransactionReceipt>>(r).map_err(|e| rpc_err(cfg, "eth_getTransactionReceipt", &e))?.is_some()
                    }
                    None => false,
                };
                if !known {
                    e.legs[i].status = LegStatus::Signed;
                }
            }
        }
        Ok(e)
    }
}

impl Settler for EvmSettler {
    fn settle<'a>(&'a self, approved: &'a ApprovedCart, key: &'a str) -> BoxFuture<'a, Result<Settlement, SettleError>> {
        Box::pin(async move {
            self.binding.check(approved)?;
            // One settlement at a time per settler: nonces are allocated from the pending count.
            let _guard = self.lock.lock().await;
            self.run(approved, key).await
        })
    }

    fn target(&self) -> Target {
        self.rpc.config.target()
    }

    fn mode(&self) -> SettlementMode {
        SettlementMode::Evm
    }

    fn chain(&self) -> Option<&ChainConfig> {
        Some(&self.rpc.config)
    }

    fn bind(&self, policy_hash: &str) -> Result<(), SettleError> {
        self.binding.bind(policy_hash)
    }

    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, SettleError>> {
        Box::pin(async move {
            let entry = self.journal.load(key).await?;
            Ok(entry.map(|e| Settlement { replayed: true, ..e.to_settlement(key, Vec::new()) }))
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn err_resp(code: i64, message: &str) -> CallResult {
        Err(RpcError::ErrorResp(serde_json::from_value(json!({"code": code, "message": message})).unwrap()))
    }

    #[test]
    fn send_answers_are_classified() {
        assert!(matches!(classify_send(Ok(json!("0x12"))), Ok(Sent::Accepted)));
        assert!(matches!(classify_send(err_resp(-32000, "nonce too low")), Ok(Sent::Accepted)));
        assert!(matches!(classify_send(err_resp(-32000, "already known")), Ok(Sent::Accepted)));
        assert!(matches!(classify_send(err_resp(-32000, "insufficient funds for gas * price + value")), Ok(Sent::Rejected(_))));
        assert!(classify_send(err_resp(-32005, "limit exceeded")).is_err());
        assert!(classify_send(err_resp(-32000, "rate limit reached")).is_err());
    }
}
