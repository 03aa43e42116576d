//! The EVM settler: real ERC-20 transfers on any EVM chain (Arc Testnet preset), broadcast over
//! JSON-RPC with alloy, journaled before broadcast, verified from their receipts.
//!
//! Order of work for a new key: preflight (chain id, token decimals, token balance, gas balance,
//! an `eth_call` simulation and a capped gas estimate per transfer) → explicit nonces from the
//! pending count → sign every leg → persist all signed bytes in the [`Journal`] → broadcast all
//! legs (pipelined) → await every receipt concurrently (polling with a deadline) → decode the
//! `Transfer` log of each and check token, from, to and amount exactly. A key seen before resumes
//! from the journal: confirmed legs are returned, unconfirmed ones are looked up by hash and, if
//! the node does not know them, re-broadcast with the same bytes. Nothing is ever signed twice.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{Bytes, TxKind, B256, U256};
use alloy::providers::{Provider, RootProvider};
use alloy::rpc::types::{TransactionInput, TransactionReceipt, TransactionRequest};
use alloy::sol_types::{SolCall, SolEvent};
use alloy::transports::http::reqwest::Url;
use alloy::transports::{RpcError, TransportError, TransportErrorKind};
use futures_util::future::join_all;
use serde::Serialize;

use super::bundle::ReceiptBundle;
use super::chain::{redact_url, ChainConfig};
use super::custody::PaymentKey;
use super::journal::{Entry, Journal};
use super::tx::{evm_address, sign_with, transfer_calldata, TransferTx, IERC20};
use super::{LegStatus, SettleError, SettledLeg, Settlement, SettlementMode, Settler};
use crate::address::Address;
use crate::money::NativeAmount;
use crate::policy::{ApprovedCart, Target};
use crate::BoxFuture;

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

/// One leg as re-read from the chain by [`verify_bundle`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifiedLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Transaction hash.
    pub tx_hash: String,
    /// Block that included it.
    pub block_number: u64,
    /// Index of its `Transfer` log.
    pub log_index: u64,
}

/// JSON-RPC with retries, backoff and endpoint rotation. Messages name the endpoint's host only.
#[derive(Clone)]
struct Rpc {
    providers: Vec<RootProvider>,
    config: ChainConfig,
}

fn rpc_err(config: &ChainConfig, what: &str, e: &TransportError) -> SettleError {
    let msg: String = scrub_urls(&e.to_string()).chars().take(300).collect();
    SettleError::Rpc { reason: format!("{what} via {}: {msg}", config.rpc_label()) }
}

/// Replaces every URL in `text` by its scheme and host (paths and queries may hold API keys).
fn scrub_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("http://").into_iter().chain(rest.find("https://")).min() {
        out.push_str(&rest[..pos]);
        let end = rest[pos..].find(|c: char| c.is_whitespace() || c == ')' || c == '"' || c == '\'').map_or(rest.len(), |e| pos + e);
        out.push_str(&redact_url(&rest[pos..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_retryable(e: &TransportError) -> bool {
    match e {
        RpcError::ErrorResp(p) => matches!(p.code, -32011 | -32005 | 429) || p.message.to_ascii_lowercase().contains("rate limit"),
        RpcError::Transport(kind) => match kind {
            TransportErrorKind::HttpError(h) => h.status == 429 || h.status >= 500,
            TransportErrorKind::HttpErrorWithRetryAfter { .. } => true,
            TransportErrorKind::PubsubUnavailable => false,
            _ => true,
        },
        _ => false,
    }
}

impl Rpc {
    fn new(config: &ChainConfig) -> Result<Rpc, SettleError> {
        let providers = config
            .rpc_urls
            .iter()
            .map(|u| {
                u.parse::<Url>()
                    .map(RootProvider::new_http)
                    .map_err(|_| SettleError::Config { reason: format!("invalid rpc url {}", redact_url(u)) })
            })
            .collect::<Result<Vec<_>, _>>()?;
        if providers.is_empty() {
            return Err(SettleError::Config { reason: "no rpc url".into() });
        }
        Ok(Rpc { providers, config: config.clone() })
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let ms = self.config.backoff_ms.saturating_mul(1u64 << attempt.min(16)).min(5_000);
        Duration::from_millis(ms)
    }

    /// Runs `f` against the endpoints, retrying retryable failures with exponential backoff.
    async fn call<T, F, Fut>(&self, what: &str, f: F) -> Result<T, SettleError>
    where
        F: Fn(RootProvider) -> Fut,
        Fut: Future<Output = Result<T, TransportError>>,
    {
        let mut attempt = 0u32;
        loop {
            let p = self.providers[attempt as usize % self.providers.len()].clone();
            match f(p).await {
                Ok(v) => return Ok(v),
                Err(e) if is_retryable(&e) && attempt < self.config.max_retries => {
                    tokio::time::sleep(self.backoff(attempt)).await;
                    attempt += 1;
                }
                Err(e) => return Err(rpc_err(&self.config, what, &e)),
            }
        }
    }

    async fn eth_call(&self, what: &str, from: Option<Address>, data: Bytes) -> Result<Bytes, SettleError> {
        let req = call_request(from, self.config.token, data);
        self.call(what, |p| {
            let req = req.clone();
            async move { p.call(req).await }
        })
        .await
    }

    async fn receipt(&self, hash: B256) -> Result<Option<TransactionReceipt>, SettleError> {
        self.call("eth_getTransactionReceipt", |p| async move { p.get_transaction_receipt(hash).await }).await
    }
}

fn call_request(from: Option<Address>, token: Address, data: Bytes) -> TransactionRequest {
    TransactionRequest {
        from: from.map(evm_address),
        to: Some(TxKind::Call(evm_address(token))),
        input: TransactionInput::new(data),
        ..Default::default()
    }
}

enum Sent {
    Accepted,
    Rejected(String),
}

/// Pays approved carts with real ERC-20 transfers on an EVM chain. See the module docs.
pub struct EvmSettler {
    rpc: Rpc,
    key: PaymentKey,
    journal: Journal,
    lock: tokio::sync::Mutex<()>,
    hook: Option<SettleHook>,
}

impl std::fmt::Debug for EvmSettler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvmSettler").field("chain", &self.rpc.config).field("key", &self.key).finish_non_exhaustive()
    }
}

struct Plan {
    nonce: u64,
    gas_limits: Vec<u64>,
    max_fee_per_gas: u128,
    max_priority_fee_per_gas: u128,
}

impl EvmSettler {
    /// A settler paying from `key` on `config`'s chain, journaling into `journal`.
    pub fn new(config: ChainConfig, key: PaymentKey, journal: Journal) -> Result<EvmSettler, SettleError> {
        let config = config.validate()?;
        Ok(EvmSettler { rpc: Rpc::new(&config)?, key, journal, lock: tokio::sync::Mutex::new(()), hook: None })
    }

    /// A settler with the key from the environment (see [`PaymentKey::from_env`]) and the
    /// journal file at `journal_path`.
    pub fn from_env(config: ChainConfig, journal_path: impl AsRef<std::path::Path>) -> Result<EvmSettler, SettleError> {
        let key = PaymentKey::from_env()?.ok_or_else(|| SettleError::Config {
            reason: "no payment key configured: set FLUX_PRIVATE_KEY (or PAYMENT_PRIVATE_KEY), or FLUX_KEYSTORE and FLUX_KEYSTORE_PASSWORD"
                .into(),
        })?;
        EvmSettler::new(config, key, Journal::open(journal_path)?)
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
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Re-reads a bundle's legs from this settler's chain (see [`verify_bundle`]).
    pub async fn verify(&self, bundle: &ReceiptBundle) -> Result<Vec<VerifiedLeg>, SettleError> {
        verify_with(&self.rpc, bundle).await
    }

    fn checkpoint(&self, at: HookPoint) -> Result<(), SettleError> {
        match &self.hook {
            Some(h) if !h(at) => Err(SettleError::Interrupted { at: format!("{at:?}").to_lowercase() }),
            _ => Ok(()),
        }
    }

    async fn preflight(&self, approved: &ApprovedCart) -> Result<Plan, SettleError> {
        let cfg = &self.rpc.config;
        let sender = self.sender();
        let pf = |reason: String| SettleError::Preflight { reason };
        let chain_id = self.rpc.call("eth_chainId", |p| async move { p.get_chain_id().await }).await?;
        if chain_id != cfg.chain_id {
            return Err(pf(format!("node is on chain {chain_id}, config says {}", cfg.chain_id)));
        }
        let out = self.rpc.eth_call("decimals()", None, IERC20::decimalsCall {}.abi_encode().into()).await?;
        let decimals = IERC20::decimalsCall::abi_decode_returns(&out).map_err(|_| pf(format!("token {} has no decimals()", cfg.token)))?;
        if decimals != cfg.token_decimals {
            return Err(pf(format!("token decimals() is {decimals}, config says {}", cfg.token_decimals)));
        }
        let out = self.rpc.eth_call("balanceOf()", None, IERC20::balanceOfCall { holder: evm_address(sender) }.abi_encode().into()).await?;
        let balance = IERC20::balanceOfCall::abi_decode_returns(&out).map_err(|_| pf("balanceOf() returned garbage".into()))?;
        let total = U256::from(approved.total().units());
        if balance < total {
            return Err(pf(format!(
                "token balance of {sender} is {} base units, the cart needs {} ({} USDC)",
                balance,
                total,
                approved.total()
            )));
        }
        // Simulate and estimate every transfer, concurrently.
        let checks = approved.legs().iter().map(|leg| {
            let data = transfer_calldata(leg.payout, leg.amount);
            let req = call_request(Some(sender), cfg.token, data.clone());
            async move {
                let out = self.rpc.eth_call("eth_call transfer", Some(sender), data).await.map_err(|e| {
                    pf(format!("transfer of {} to {} ({}) does not simulate: {e}", leg.amount, leg.merchant_id, leg.payout))
                })?;
                match IERC20::transferCall::abi_decode_returns(&out) {
                    Ok(true) => {}
                    _ => return Err(pf(format!("transfer to {} simulated without returning true", leg.merchant_id))),
                }
                let gas = self
                    .rpc
                    .call("eth_estimateGas", |p| {
                        let req = req.clone();
                        async move { p.estimate_gas(req).await }
                    })
                    .await
                    .map_err(|e| pf(format!("gas estimate for {} failed: {e}", leg.merchant_id)))?;
                if gas > cfg.gas_cap {
                    return Err(pf(format!("transfer to {} needs {gas} gas, above the cap of {}", leg.merchant_id, cfg.gas_cap)));
                }
                Ok((gas + gas / 5).clamp(gas, cfg.gas_cap))
            }
        });
        let gas_limits = join_all(checks).await.into_iter().collect::<Result<Vec<u64>, SettleError>>()?;
        let block = self
            .rpc
            .call("eth_getBlockByNumber", |p| async move { p.get_block_by_number(BlockNumberOrTag::Latest).await })
            .await?
            .ok_or_else(|| pf("node returned no latest block".into()))?;
        let base_fee = u128::from(block.header.base_fee_per_gas.unwrap_or(0));
        let prio = cfg.max_priority_fee_per_gas;
        let max_fee = base_fee.saturating_mul(2).saturating_add(prio).max(cfg.min_max_fee_per_gas).max(prio);
        let mut gas_cost = NativeAmount::ZERO;
        for g in &gas_limits {
            let leg_cost = NativeAmount::from_wei(max_fee).checked_mul(u128::from(*g)).map_err(|_| pf("gas cost overflows".into()))?;
            gas_cost = gas_cost.checked_add(leg_cost).map_err(|_| pf("gas cost overflows".into()))?;
        }
        let mut native_needed = gas_cost;
        if cfg.native_is_token {
            // The same money pays gas (18 decimals) and the transfers (token decimals).
            let scale = 10u128.pow(u32::from(18u8.saturating_sub(cfg.token_decimals)));
            let transfers =
                NativeAmount::from_wei(u128::from(approved.total().units())).checked_mul(scale).map_err(|_| pf("overflow".into()))?;
            native_needed = native_needed.checked_add(transfers).map_err(|_| pf("overflow".into()))?;
        }
        let native = self.rpc.call("eth_getBalance", |p| async move { p.get_balance(evm_address(sender)).await }).await?;
        if native < U256::from(native_needed.wei()) {
            return Err(pf(format!(
                "gas balance of {sender} is {} native, needs {native_needed} ({} legs × gas limit × max fee {max_fee} wei)",
                NativeAmount::from_wei(u128::try_from(native).unwrap_or(u128::MAX)),
                gas_limits.len()
            )));
        }
        let nonce = self
            .rpc
            .call("eth_getTransactionCount", |p| async move { p.get_transaction_count(evm_address(sender)).pending().await })
            .await?;
        Ok(Plan { nonce, gas_limits, max_fee_per_gas: max_fee, max_priority_fee_per_gas: prio })
    }

    async fn send_raw(&self, raw: &str) -> Result<Sent, SettleError> {
        let bytes: Bytes = raw.parse().map_err(|_| SettleError::Journal { reason: "journaled raw_tx is not hex".into() })?;
        let mut attempt = 0u32;
        loop {
            let p = self.rpc.providers[attempt as usize % self.rpc.providers.len()].clone();
            let res: Result<B256, TransportError> = p.raw_request("eth_sendRawTransaction".into(), (bytes.clone(),)).await;
            match res {
                Ok(_) => return Ok(Sent::Accepted),
                Err(RpcError::ErrorResp(payload)) if !is_retryable(&RpcError::ErrorResp(payload.clone())) => {
                    let m = payload.message.to_ascii_lowercase();
                    if m.contains("already known")
                        || m.contains("known transaction")
                        || m.contains("already imported")
                        || m.contains("nonce too low")
                    {
                        // The node has it (or mined it); its receipt decides.
                        return Ok(Sent::Accepted);
                    }
                    return Ok(Sent::Rejected(payload.message.chars().take(200).collect()));
                }
                Err(e) if is_retryable(&e) && attempt < self.rpc.config.max_retries => {
                    tokio::time::sleep(self.rpc.backoff(attempt)).await;
                    attempt += 1;
                }
                Err(e) => return Err(rpc_err(&self.rpc.config, "eth_sendRawTransaction", &e)),
            }
        }
    }

    fn sign_legs(&self, approved: &ApprovedCart, plan: &Plan) -> Result<Vec<SettledLeg>, SettleError> {
        let cfg = &self.rpc.config;
        approved
            .legs()
            .iter()
            .zip(&plan.gas_limits)
            .enumerate()
            .map(|(i, (leg, gas))| {
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
                let (raw, hash) = sign_with(self.key.signer(), &tx)?;
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

    /// Broadcasts every leg in `Signed` state, in nonce order. Stops at the first rejection
    /// (later nonces would only queue behind the gap) and reports it.
    async fn broadcast(&self, key: &str, legs: &mut [SettledLeg], logs: &mut Vec<String>) -> Result<Option<String>, SettleError> {
        let mut changed = Vec::new();
        let mut failure = None;
        for (i, leg) in legs.iter_mut().enumerate() {
            if leg.status != LegStatus::Signed {
                continue;
            }
            let raw = leg.raw_tx.clone().ok_or_else(|| SettleError::Journal { reason: format!("leg {i} signed without bytes") })?;
            match self.send_raw(&raw).await {
                Ok(Sent::Accepted) => {
                    leg.status = LegStatus::Broadcast;
                    changed.push(i);
                }
                Ok(Sent::Rejected(why)) => {
                    // Resynchronize: did the chain move past this nonce (our bytes were mined)?
                    let sender = self.sender();
                    let pending = self
                        .rpc
                        .call("eth_getTransactionCount", |p| async move { p.get_transaction_count(evm_address(sender)).pending().await })
                        .await?;
                    if leg.nonce.is_some_and(|n| n < pending) {
                        leg.status = LegStatus::Broadcast;
                        changed.push(i);
                        continue;
                    }
                    logs.push(format!("broadcast of leg {} ({}) rejected by the node: {why}", i, leg.merchant_id));
                    failure = Some(format!("the node rejected leg {} ({}): {why}", i, leg.merchant_id));
                    break;
                }
                Err(SettleError::Rpc { reason }) => {
                    failure = Some(reason);
                    break;
                }
                Err(e) => {
                    failure = Some(e.to_string());
                    break;
                }
            }
        }
        let updates: Vec<(usize, &SettledLeg)> = changed.iter().map(|i| (*i, &legs[*i])).collect();
        self.journal.update_legs(key, &updates)?;
        Ok(failure)
    }

    /// Polls receipts of every `Broadcast` leg concurrently until all are in or the deadline
    /// passes; verifies each `Transfer` log.
    async fn await_receipts(&self, key: &str, legs: &mut [SettledLeg], logs: &mut Vec<String>) -> Result<usize, SettleError> {
        let cfg = &self.rpc.config;
        let deadline = Instant::now() + Duration::from_millis(cfg.receipt_timeout_ms);
        let poll = Duration::from_millis(cfg.poll_interval_ms.max(1));
        let waits = legs.iter().enumerate().filter(|(_, l)| l.status == LegStatus::Broadcast).map(|(i, l)| {
            let hash = l.tx_hash.as_deref().and_then(|h| h.parse::<B256>().ok());
            async move {
                let hash = hash.ok_or_else(|| SettleError::Journal { reason: format!("leg {i} without a valid hash") })?;
                loop {
                    if let Some(r) = self.rpc.receipt(hash).await? {
                        return Ok((i, Some(r)));
                    }
                    if Instant::now() >= deadline {
                        return Ok((i, None));
                    }
                    tokio::time::sleep(poll).await;
                }
            }
        });
        let results: Vec<Result<(usize, Option<TransactionReceipt>), SettleError>> = join_all(waits).await;
        let mut rpc_failure = None;
        let mut pending = 0;
        let mut changed = Vec::new();
        for r in results {
            match r {
                Ok((i, Some(receipt))) => {
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
                Ok((_, None)) => pending += 1,
                Err(e) => {
                    pending += 1;
                    rpc_failure.get_or_insert(e);
                }
            }
        }
        let updates: Vec<(usize, &SettledLeg)> = changed.iter().map(|i| (*i, &legs[*i])).collect();
        self.journal.update_legs(key, &updates)?;
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
        let entry = match self.journal.load(key)? {
            Some(e) if e.cart_id != approved.cart_id() => return Err(SettleError::KeyConflict { key: key.to_owned() }),
            Some(e) if e.is_final() => {
                let mut s = e.to_settlement(key, vec![format!("replayed from the journal: key {key} was settled before; nothing sent")]);
                s.replayed = true;
                return Ok(s);
            }
            Some(mut e) => {
                // Resume: legs the node does not know are re-broadcast with their journaled bytes.
                logs.push(format!("resuming {key} from the journal (same signed bytes, nothing re-signed)"));
                for leg in e.legs.iter_mut().filter(|l| l.status == LegStatus::Broadcast) {
                    let known = match leg.tx_hash.as_deref().and_then(|h| h.parse::<B256>().ok()) {
                        Some(h) => self.rpc.receipt(h).await?.is_some(),
                        None => false,
                    };
                    if !known {
                        leg.status = LegStatus::Signed;
                    }
                }
                e
            }
            None => {
                let t = Instant::now();
                let plan = self.preflight(approved).await?;
                logs.push(format!("preflight ok in {} ms", t.elapsed().as_millis()));
                let legs = self.sign_legs(approved, &plan)?;
                self.journal.record_signed(key, approved, self.sender(), &legs)?;
                logs.push(format!(
                    "preflight ok; {} leg(s) signed from {} with nonces {}..{} and journaled",
                    legs.len(),
                    self.sender(),
                    plan.nonce,
                    plan.nonce + legs.len() as u64
                ));
                Entry {
                    cart_id: approved.cart_id().to_owned(),
                    policy_hash: approved.policy_hash().to_owned(),
                    chain_id: cfg.chain_id,
                    token: cfg.token,
                    sender: self.sender(),
                    total: approved.total(),
                    legs,
                }
            }
        };
        let mut legs = entry.legs.clone();
        self.checkpoint(HookPoint::Signed)?;
        let t = Instant::now();
        let send_failure = self.broadcast(key, &mut legs, &mut logs).await?;
        logs.push(format!("broadcast in {} ms", t.elapsed().as_millis()));
        self.checkpoint(HookPoint::Broadcast)?;
        let t = Instant::now();
        let pending = self.await_receipts(key, &mut legs, &mut logs).await?;
        logs.push(format!("receipts verified in {} ms", t.elapsed().as_millis()));
        if let Some(why) = send_failure {
            return Err(SettleError::Rpc {
                reason: format!("{why}; unsent legs stay journaled as signed — resume with the same idempotency key"),
            });
        }
        if pending > 0 {
            return Err(SettleError::Timeout { pending });
        }
        let s = Entry { legs, ..entry }.to_settlement(key, logs);
        Ok(s)
    }
}

/// Checks a receipt against its leg; returns the `Transfer` log's index.
fn check_receipt(receipt: &TransactionReceipt, leg: &SettledLeg, sender: Address, token: Address) -> Result<u64, String> {
    let want_hash = leg.tx_hash.as_deref().unwrap_or("");
    if format!("{:#x}", receipt.transaction_hash) != want_hash.to_ascii_lowercase() {
        return Err(format!("receipt is for {:#x}, not {want_hash}", receipt.transaction_hash));
    }
    if !receipt.status() {
        return Err("transaction reverted".into());
    }
    let mut found = Vec::new();
    for log in receipt.logs() {
        if log.address() != evm_address(token) || log.topic0() != Some(&IERC20::Transfer::SIGNATURE_HASH) {
            continue;
        }
        let ev = IERC20::Transfer::decode_log_data(log.data()).map_err(|_| "undecodable Transfer log".to_string())?;
        found.push((ev, log.log_index));
    }
    match found.as_slice() {
        [(ev, idx)] => {
            if ev.from != evm_address(sender) || ev.to != evm_address(leg.payout) || ev.value != U256::from(leg.amount.units()) {
                return Err(format!(
                    "Transfer log says {} units from {:#x} to {:#x}; approved {} units from {} to {}",
                    ev.value,
                    ev.from,
                    ev.to,
                    leg.amount.units(),
                    sender,
                    leg.payout
                ));
            }
            idx.ok_or_else(|| "Transfer log without index".to_string())
        }
        [] => Err("no Transfer log from the token".into()),
        _ => Err("more than one Transfer log from the token".into()),
    }
}

impl Settler for EvmSettler {
    fn settle<'a>(&'a self, approved: &'a ApprovedCart, key: &'a str) -> BoxFuture<'a, Result<Settlement, SettleError>> {
        Box::pin(async move {
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

    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, SettleError>> {
        Box::pin(std::future::ready(self.journal.settlement(key).map(|s| s.map(|s| Settlement { replayed: true, ..s }))))
    }
}

/// Verifies a receipt bundle against the chain: first offline ([`ReceiptBundle::check`]), then,
/// for every leg, its receipt by hash — success, same block, and at its log index a `Transfer`
/// from the token with exactly the bundle's sender, payout and amount.
pub async fn verify_bundle(config: &ChainConfig, bundle: &ReceiptBundle) -> Result<Vec<VerifiedLeg>, SettleError> {
    verify_with(&Rpc::new(config)?, bundle).await
}

async fn verify_with(rpc: &Rpc, bundle: &ReceiptBundle) -> Result<Vec<VerifiedLeg>, SettleError> {
    let fail = |reason: String| SettleError::Verification { reason };
    bundle.check()?;
    if bundle.mode != SettlementMode::Evm || !bundle.broadcast {
        return Err(fail("only a broadcast EVM bundle can be verified on chain".into()));
    }
    if bundle.chain_id != rpc.config.chain_id || bundle.token != rpc.config.token {
        return Err(fail(format!(
            "bundle is for chain {} token {}, verifier is on chain {}",
            bundle.chain_id, bundle.token, rpc.config.chain_id
        )));
    }
    let sender = bundle.sender.ok_or_else(|| fail("bundle has no sender".into()))?;
    let mut out = Vec::with_capacity(bundle.legs.len());
    for leg in &bundle.legs {
        let who = &leg.merchant_id;
        let hash_text = leg.tx_hash.as_deref().ok_or_else(|| fail(format!("leg {who} has no transaction")))?;
        let hash: B256 = hash_text.parse().map_err(|_| fail(format!("leg {who}: malformed hash")))?;
        let receipt = rpc.receipt(hash).await?.ok_or_else(|| fail(format!("leg {who}: transaction {hash_text} is not on chain")))?;
        let as_leg = SettledLeg {
            merchant_id: leg.merchant_id.clone(),
            merchant_name: leg.merchant_name.clone(),
            payout: leg.payout,
            amount: leg.amount,
            status: leg.status,
            tx_hash: leg.tx_hash.clone(),
            nonce: None,
            block_number: leg.block_number,
            log_index: leg.log_index,
            explorer_url: None,
            raw_tx: None,
            error: None,
        };
        let log_index = check_receipt(&receipt, &as_leg, sender, bundle.token).map_err(|why| fail(format!("leg {who}: {why}")))?;
        if receipt.block_number != leg.block_number || Some(log_index) != leg.log_index {
            return Err(fail(format!(
                "leg {who}: on chain at block {:?} log {log_index}, bundle says block {:?} log {:?}",
                receipt.block_number, leg.block_number, leg.log_index
            )));
        }
        if leg.status != LegStatus::Confirmed {
            return Err(fail(format!("leg {who} is confirmed on chain but marked {:?}", leg.status)));
        }
        out.push(VerifiedLeg {
            merchant_id: who.clone(),
            tx_hash: hash_text.to_owned(),
            block_number: receipt.block_number.unwrap_or(0),
            log_index,
        });
    }
    Ok(out)
}
