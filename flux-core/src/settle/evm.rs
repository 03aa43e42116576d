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

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alloy::primitives::{Bytes, TxKind, B256, U256, U64};
use alloy::providers::{Provider, RootProvider};
use alloy::rpc::client::BatchRequest;
use alloy::rpc::types::{TransactionInput, TransactionReceipt, TransactionRequest};
use alloy::sol_types::{SolCall, SolEvent};
use alloy::transports::http::reqwest::Url;
use alloy::transports::{HttpError, RpcError, TransportError, TransportErrorKind};
use futures_util::future::join_all;
use serde::Serialize;
use serde_json::{json, Value};

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
    /// Cleared once a node answers a batch as if it did not support batches; from then on every
    /// call is sent on its own.
    batch_ok: Arc<AtomicBool>,
}

/// One call of a [`Rpc::batch`]: method and positional params (a JSON array).
type Call = (&'static str, Value);

/// The answer to one [`Call`].
type CallResult = Result<Value, TransportError>;

/// How the calls of one [`Rpc::batch`] may be sent when the node does not take batches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Singles {
    /// Concurrently (reads).
    Concurrent,
    /// One after another, in call order (broadcasts in nonce order).
    InOrder,
}

fn fresh_err(e: &TransportError) -> TransportError {
    // Transport errors are not `Clone`; one failed batch becomes one error per call. Keep the
    // retry classification: HTTP status and JSON-RPC codes survive, the rest is a custom error.
    match e {
        RpcError::ErrorResp(p) => RpcError::ErrorResp(p.clone()),
        RpcError::Transport(TransportErrorKind::HttpError(h)) => {
            RpcError::Transport(TransportErrorKind::HttpError(HttpError { status: h.status, body: h.body.clone() }))
        }
        RpcError::Transport(TransportErrorKind::NonRetryable(_)) => {
            RpcError::Transport(TransportErrorKind::NonRetryable(e.to_string().into()))
        }
        other => TransportErrorKind::custom_str(&other.to_string()),
    }
}

/// Whether a batch's answers say the node does not serve batches: nothing matched by id (one
/// error object for the whole batch), or every call refused as an invalid request.
fn batch_refused(results: &[CallResult]) -> bool {
    results.len() > 1
        && (results.iter().all(|r| matches!(r, Err(RpcError::Transport(TransportErrorKind::MissingBatchResponse(_)))))
            || results.iter().all(|r| matches!(r, Err(RpcError::ErrorResp(p)) if p.code == -32600)))
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
            TransportErrorKind::PubsubUnavailable | TransportErrorKind::NonRetryable(_) => false,
            // Including a batch that came back without this call's response.
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
        Ok(Rpc { providers, config: config.clone(), batch_ok: Arc::new(AtomicBool::new(true)) })
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

    fn batching(&self) -> bool {
        self.config.batch_size > 1 && self.batch_ok.load(Ordering::Relaxed)
    }

    /// Runs `calls` in JSON-RPC batch requests of at most `batch_size` calls (one HTTP round
    /// trip each) and returns one result per call, in call order. Answers are matched by id, so
    /// their order in the response does not matter. Calls that fail retryably (HTTP 429/5xx,
    /// -32011, a transport error, a response missing from the batch) are sent again with
    /// backoff, up to `max_retries` rounds, on the next endpoint; other per-call errors are
    /// returned as they are. A node that refuses batches (an HTTP error or a single error object
    /// in place of the batch, or every call refused as an invalid request) is served one call at
    /// a time from then on.
    async fn batch(&self, calls: &[Call], singles: Singles) -> Vec<CallResult> {
        let mut out: Vec<Option<CallResult>> = (0..calls.len()).map(|_| None).collect();
        let mut todo: Vec<usize> = (0..calls.len()).collect();
        let mut attempt = 0u32;
        let chunk_len = self.config.batch_size.max(100);
        while !todo.is_empty() {
            let p = &self.providers[attempt as usize % self.providers.len()];
            let mut retry = Vec::new();
            let chunks: Vec<&[usize]> = todo.chunks(if self.batching() { self.config.batch_size } else { chunk_len }).collect();
            // Reads go out concurrently; broadcasts one batch after the other, in nonce order.
            let answers: Vec<Vec<CallResult>> = match singles {
                Singles::Concurrent => join_all(chunks.iter().map(|c| self.send_chunk(p, calls, c, singles))).await,
                Singles::InOrder => {
                    let mut answers = Vec::with_capacity(chunks.len());
                    for c in &chunks {
                        answers.push(self.send_chunk(p, calls, c, singles).await);
                    }
                    answers
                }
            };
            for (chunk, results) in chunks.iter().zip(answers) {
                for (i, r) in chunk.iter().copied().zip(results) {
                    if matches!(&r, Err(e) if is_retryable(e)) && attempt < self.config.max_retries {
                        retry.push(i);
                    }
                    out[i] = Some(r);
                }
            }
            if retry.is_empty() {
                break;
            }
            tokio::time::sleep(self.backoff(attempt)).await;
            attempt += 1;
            todo = retry;
        }
        out.into_iter().map(|r| r.unwrap_or_else(|| Err(TransportErrorKind::custom_str("call not sent")))).collect()
    }

    /// One batch request for `idx` (or single requests when batches are off or refused).
    async fn send_chunk(&self, p: &RootProvider, calls: &[Call], idx: &[usize], singles: Singles) -> Vec<CallResult> {
        if idx.len() > 1 && self.batching() {
            let client = p.client();
            let mut batch = BatchRequest::new(client);
            let waiters: Vec<_> = idx.iter().map(|&i| batch.add_call::<_, Value>(calls[i].0, &calls[i].1)).collect();
            let sent = batch.send().await;
            let mut results = Vec::with_capacity(idx.len());
            for w in waiters {
                results.push(match (&sent, w) {
                    (_, Err(e)) => Err(e),
                    (Err(e), _) => Err(fresh_err(e)),
                    (Ok(()), Ok(w)) => w.await,
                });
            }
            let refused = match &sent {
                Err(e) => !is_retryable(e),
                Ok(()) => batch_refused(&results),
            };
            if !refused {
                return results;
            }
            self.batch_ok.store(false, Ordering::Relaxed);
        }
        let one = |i: usize| {
            let client = p.client();
            let (method, params) = (calls[i].0, &calls[i].1);
            async move { client.request::<_, Value>(method, params.clone()).await }
        };
        match singles {
            Singles::Concurrent => join_all(idx.iter().map(|&i| one(i))).await,
            Singles::InOrder => {
                let mut results = Vec::with_capacity(idx.len());
                for &i in idx {
                    results.push(one(i).await);
                }
                results
            }
        }
    }
}

/// Decodes one batch answer as `T`.
fn decode<T: serde::de::DeserializeOwned>(r: CallResult) -> Result<T, TransportError> {
    r.and_then(|v| serde_json::from_value(v).map_err(|e| TransportErrorKind::custom_str(&format!("malformed response: {e}"))))
}

/// Gas to spare on the shared limit for a recipient whose token balance is still zero: a
/// zero→nonzero storage write costs 20,000 gas where a nonzero→nonzero one costs 2,900 (EIP-2200).
const FRESH_SLOT_GAS: u64 = 20_000;

/// The gas limit every leg is first simulated at, from one transfer's estimate: a fifth more, and
/// at least a fresh recipient's extra storage cost more, capped. A leg that does not succeed at it
/// in its pinned `eth_call` gets its own estimate, so the margin is speed, never safety.
fn shared_gas_limit(estimate: u64, cap: u64) -> u64 {
    estimate.saturating_add((estimate / 5).max(FRESH_SLOT_GAS)).min(cap)
}

/// Whether a `transfer` simulation succeeded and returned `true`.
fn returns_true(r: CallResult) -> bool {
    decode::<Bytes>(r).is_ok_and(|out| matches!(IERC20::transferCall::abi_decode_returns(&out), Ok(true)))
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
            Ok(Sent::Rejected(payload.message.chars().take(200).collect()))
        }
        Err(e) => Err(e),
    }
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

    /// Reads the chain's state in one batch, then simulates every transfer with `eth_call` at
    /// exactly the gas limit it will be signed with (see [`shared_gas_limit`]), in batches.
    async fn preflight(&self, approved: &ApprovedCart) -> Result<Plan, SettleError> {
        let cfg = &self.rpc.config;
        let sender = self.sender();
        let from = evm_address(sender);
        let pf = |reason: String| SettleError::Preflight { reason };
        let legs = approved.legs();
        let transfer = |i: usize| call_request(Some(sender), cfg.token, transfer_calldata(legs[i].payout, legs[i].amount));
        let mut head: Vec<Call> = vec![
            ("eth_chainId", json!([])),
            ("eth_call", json!([call_request(None, cfg.token, IERC20::decimalsCall {}.abi_encode().into()), "latest"])),
            ("eth_call", json!([call_request(None, cfg.token, IERC20::balanceOfCall { holder: from }.abi_encode().into()), "latest"])),
            ("eth_getBlockByNumber", json!(["latest", false])),
            ("eth_getBalance", json!([from, "latest"])),
            ("eth_getTransactionCount", json!([from, "pending"])),
        ];
        if !legs.is_empty() {
            head.push(("eth_estimateGas", json!([transfer(0)])));
        }
        let mut answers = self.rpc.batch(&head, Singles::Concurrent).await.into_iter();
        let mut next = || answers.next().unwrap_or_else(|| Err(TransportErrorKind::custom_str("no answer")));
        let chain_id = decode::<U64>(next()).map_err(|e| rpc_err(cfg, "eth_chainId", &e))?.to::<u64>();
        if chain_id != cfg.chain_id {
            return Err(pf(format!("node is on chain {chain_id}, config says {}", cfg.chain_id)));
        }
        let out = decode::<Bytes>(next()).map_err(|e| rpc_err(cfg, "decimals()", &e))?;
        let decimals = IERC20::decimalsCall::abi_decode_returns(&out).map_err(|_| pf(format!("token {} has no decimals()", cfg.token)))?;
        if decimals != cfg.token_decimals {
            return Err(pf(format!("token decimals() is {decimals}, config says {}", cfg.token_decimals)));
        }
        let out = decode::<Bytes>(next()).map_err(|e| rpc_err(cfg, "balanceOf()", &e))?;
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
        let block = decode::<Value>(next()).map_err(|e| rpc_err(cfg, "eth_getBlockByNumber", &e))?;
        if block.is_null() {
            return Err(pf("node returned no latest block".into()));
        }
        let base_fee = decode::<Option<U256>>(Ok(block.get("baseFeePerGas").cloned().unwrap_or(Value::Null)))
            .map_err(|e| rpc_err(cfg, "eth_getBlockByNumber", &e))?
            .map_or(0, |f| u128::try_from(f).unwrap_or(u128::MAX));
        let native = decode::<U256>(next()).map_err(|e| rpc_err(cfg, "eth_getBalance", &e))?;
        let nonce = decode::<U64>(next()).map_err(|e| rpc_err(cfg, "eth_getTransactionCount", &e))?.to::<u64>();
        // One estimate for the cart (its first transfer), with a margin that covers a recipient
        // holding none of the token yet; every leg is then simulated at exactly that limit.
        let shared = decode::<U64>(next()).ok().map(|g| g.to::<u64>());
        let shared = shared.filter(|g| *g <= cfg.gas_cap).map(|g| shared_gas_limit(g, cfg.gas_cap));
        let pinned = |i: usize, gas: u64| -> Call {
            let mut req = transfer(i);
            req.gas = Some(gas);
            ("eth_call", json!([req, "latest"]))
        };
        let mut gas_limits: Vec<Option<u64>> = vec![None; legs.len()];
        if let Some(limit) = shared {
            let calls: Vec<Call> = (0..legs.len()).map(|i| pinned(i, limit)).collect();
            for (i, r) in self.rpc.batch(&calls, Singles::Concurrent).await.into_iter().enumerate() {
                if returns_true(r) {
                    gas_limits[i] = Some(limit);
                }
            }
        }
        // Legs that did not succeed at the shared limit: simulate unpinned, estimate their own
        // gas, then simulate again at their own limit. Any failure here fails the preflight.
        let own: Vec<usize> = (0..legs.len()).filter(|i| gas_limits[*i].is_none()).collect();
        if !own.is_empty() {
            let calls: Vec<Call> = own
                .iter()
                .flat_map(|&i| [("eth_call", json!([transfer(i), "latest"])), ("eth_estimateGas", json!([transfer(i)]))])
                .collect();
            let mut answers = self.rpc.batch(&calls, Singles::Concurrent).await.into_iter();
            let mut limits = Vec::with_capacity(own.len());
            for &i in &own {
                let leg = &legs[i];
                let (call, est) = (answers.next(), answers.next());
                let out = decode::<Bytes>(call.unwrap_or_else(|| Err(TransportErrorKind::custom_str("no answer")))).map_err(|e| {
                    pf(format!(
                        "transfer of {} to {} ({}) does not simulate: {}",
                        leg.amount,
                        leg.merchant_id,
                        leg.payout,
                        rpc_err(cfg, "eth_call", &e)
                    ))
                })?;
                if !matches!(IERC20::transferCall::abi_decode_returns(&out), Ok(true)) {
                    return Err(pf(format!("transfer to {} simulated without returning true", leg.merchant_id)));
                }
                let gas = decode::<U64>(est.unwrap_or_else(|| Err(TransportErrorKind::custom_str("no answer"))))
                    .map_err(|e| pf(format!("gas estimate for {} failed: {}", leg.merchant_id, rpc_err(cfg, "eth_estimateGas", &e))))?
                    .to::<u64>();
                if gas > cfg.gas_cap {
                    return Err(pf(format!("transfer to {} needs {gas} gas, above the cap of {}", leg.merchant_id, cfg.gas_cap)));
                }
                limits.push((gas + gas / 5).clamp(gas, cfg.gas_cap));
            }
            let calls: Vec<Call> = own.iter().zip(&limits).map(|(&i, &g)| pinned(i, g)).collect();
            for ((&i, &g), r) in own.iter().zip(&limits).zip(self.rpc.batch(&calls, Singles::Concurrent).await) {
                if !returns_true(r) {
                    return Err(pf(format!("transfer to {} does not succeed within its gas limit of {g}", legs[i].merchant_id)));
                }
                gas_limits[i] = Some(g);
            }
        }
        let gas_limits: Vec<u64> = gas_limits.into_iter().map(|g| g.unwrap_or(cfg.gas_cap)).collect();
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
        if native < U256::from(native_needed.wei()) {
            return Err(pf(format!(
                "gas balance of {sender} is {} native, needs {native_needed} ({} legs × gas limit × max fee {max_fee} wei)",
                NativeAmount::from_wei(u128::try_from(native).unwrap_or(u128::MAX)),
                gas_limits.len()
            )));
        }
        Ok(Plan { nonce, gas_limits, max_fee_per_gas: max_fee, max_priority_fee_per_gas: prio })
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
                .map(|h| h.join().unwrap_or_else(|_| Err(SettleError::Config { reason: "signing failed: signing thread panicked".into() })))
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
                    .call("eth_getTransactionCount", |p| async move { p.get_transaction_count(evm_address(sender)).pending().await })
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
        self.journal.update_legs(key, &updates)?;
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
        let mut receipts = Vec::with_capacity(waiting.len());
        let sender = evm_address(self.sender());
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
            for ((i, n, h), r) in ready.into_iter().zip(self.rpc.batch(&calls, Singles::Concurrent).await) {
                match decode::<Option<TransactionReceipt>>(r) {
                    Ok(Some(receipt)) => receipts.push((i, receipt)),
                    Ok(None) => still.push((i, n, h)),
                    Err(e) => {
                        pending += 1;
                        rpc_failure.get_or_insert_with(|| rpc_err(cfg, "eth_getTransactionReceipt", &e));
                    }
                }
            }
            waiting = still;
            let now = Instant::now();
            if waiting.is_empty() || now >= deadline {
                break;
            }
            tokio::time::sleep(poll.min(deadline - now)).await;
        }
        pending += waiting.len();
        let mut changed = Vec::new();
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
                e
            }
            None => {
                let t = Instant::now();
                let plan = self.preflight(approved).await?;
                logs.push(format!("preflight ok in {} ms", t.elapsed().as_millis()));
                let t = Instant::now();
                let legs = self.sign_legs(approved, &plan)?;
                let signed_ms = t.elapsed().as_millis();
                self.journal.record_signed(key, approved, self.sender(), &legs)?;
                logs.push(format!(
                    "preflight ok; {} leg(s) signed from {} with nonces {}..{} in {signed_ms} ms and journaled in {} ms",
                    legs.len(),
                    self.sender(),
                    plan.nonce,
                    plan.nonce + legs.len() as u64,
                    t.elapsed().as_millis() - signed_ms
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
    let mut hashes = Vec::with_capacity(bundle.legs.len());
    for leg in &bundle.legs {
        let who = &leg.merchant_id;
        let hash_text = leg.tx_hash.as_deref().ok_or_else(|| fail(format!("leg {who} has no transaction")))?;
        hashes.push(hash_text.parse::<B256>().map_err(|_| fail(format!("leg {who}: malformed hash")))?);
    }
    let calls: Vec<Call> = hashes.iter().map(|h| ("eth_getTransactionReceipt", json!([h]))).collect();
    let receipts = rpc.batch(&calls, Singles::Concurrent).await;
    let mut out = Vec::with_capacity(bundle.legs.len());
    for (leg, r) in bundle.legs.iter().zip(receipts) {
        let who = &leg.merchant_id;
        let hash_text = leg.tx_hash.as_deref().unwrap_or_default();
        let receipt = decode::<Option<TransactionReceipt>>(r)
            .map_err(|e| rpc_err(&rpc.config, "eth_getTransactionReceipt", &e))?
            .ok_or_else(|| fail(format!("leg {who}: transaction {hash_text} is not on chain")))?;
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn err_resp(code: i64, message: &str) -> CallResult {
        Err(RpcError::ErrorResp(serde_json::from_value(json!({"code": code, "message": message})).unwrap()))
    }

    #[test]
    fn shared_limit_covers_a_fresh_recipient_and_stays_capped() {
        // A transfer to a funded recipient (~34k) must leave room for a fresh one (~51k).
        assert!(shared_gas_limit(34_380, 150_000) >= 51_264);
        assert_eq!(shared_gas_limit(51_264, 150_000), 71_264);
        assert_eq!(shared_gas_limit(140_000, 150_000), 150_000);
        assert_eq!(shared_gas_limit(200_000, 150_000), 150_000);
    }

    #[test]
    fn refused_batches_are_recognised() {
        let missing = || -> CallResult { Err(TransportErrorKind::missing_batch_response(serde_json::from_value(json!(1)).unwrap())) };
        assert!(batch_refused(&[missing(), missing()]));
        assert!(batch_refused(&[err_resp(-32600, "batch not supported"), err_resp(-32600, "batch not supported")]));
        // Some answers missing is a partial failure (retried), not a refusal.
        assert!(!batch_refused(&[missing(), Ok(Value::Null)]));
        assert!(!batch_refused(&[missing()]));
    }

    #[test]
    fn send_answers_are_classified() {
        assert!(matches!(classify_send(Ok(json!("0x12"))), Ok(Sent::Accepted)));
        assert!(matches!(classify_send(err_resp(-32000, "nonce too low")), Ok(Sent::Accepted)));
        assert!(matches!(classify_send(err_resp(-32000, "already known")), Ok(Sent::Accepted)));
        assert!(matches!(classify_send(err_resp(-32000, "insufficient funds for gas * price + value")), Ok(Sent::Rejected(_))));
        assert!(classify_send(err_resp(-32005, "limit exceeded")).is_err());
        assert!(classify_send(err_resp(-32000, "rate limit reached")).is_err());
        // A retryable error survives being copied to every call of a failed batch.
        let e = RpcError::Transport(TransportErrorKind::HttpError(HttpError { status: 429, body: String::new() }));
        assert!(is_retryable(&fresh_err(&e)));
        let e = RpcError::Transport(TransportErrorKind::HttpError(HttpError { status: 400, body: String::new() }));
        assert!(!is_retryable(&fresh_err(&e)));
    }
}
