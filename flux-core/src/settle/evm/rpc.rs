//! JSON-RPC for the EVM settler: batches of calls matched by id, retries with backoff (and the
//! server's `Retry-After`) on the next endpoint, a per-call fallback for nodes that refuse
//! batches, and errors that name the endpoint's host only. Every request is bounded in time: a
//! node that takes a request and never answers counts as a dropped connection (retried), so it
//! cannot hold a settlement — and the settler's lock — forever.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use alloy::providers::{Provider, RootProvider};
use alloy::rpc::client::BatchRequest;
use alloy::transports::http::reqwest::Url;
use alloy::transports::{HttpError, RpcError, TransportError, TransportErrorKind};
use futures_util::future::join_all;
use serde_json::Value;

use crate::net::{redact_url, scrub_urls, Backoff};
use crate::settle::chain::ChainConfig;
use crate::settle::SettleError;

/// JSON-RPC with retries, backoff and endpoint rotation. Messages name the endpoint's host only.
#[derive(Clone)]
pub(super) struct Rpc {
    providers: Vec<RootProvider>,
    pub(super) config: ChainConfig,
    /// Cleared once a node answers a batch as if it did not support batches; from then on every
    /// call is sent on its own.
    batch_ok: Arc<AtomicBool>,
}

/// One call of a [`Rpc::batch`]: method and positional params (a JSON array).
pub(super) type Call = (&'static str, Value);

/// The answer to one [`Call`].
pub(super) type CallResult = Result<Value, TransportError>;

/// How the calls of one [`Rpc::batch`] may be sent when the node does not take batches.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Singles {
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
        RpcError::Transport(TransportErrorKind::HttpErrorWithRetryAfter { error, retry_after }) => {
            TransportErrorKind::http_error_with_retry_after(error.status, error.body.clone(), Some(*retry_after))
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

pub(super) fn rpc_err(config: &ChainConfig, what: &str, e: &TransportError) -> SettleError {
    SettleError::Rpc { reason: format!("{what} via {}: {}", config.rpc_label(), node_message(&e.to_string())) }
}

/// A node's message as a client may read it. Nodes quote the sender and its balance
/// (`insufficient funds for gas * price + value: address 0x… have 123 want 456`) and revert data
/// (`ERC20InsufficientBalance(sender, balance, needed)`): the first is cut after its first clause,
/// runs of 32 or more hex digits (addresses, data) and URLs' paths are taken out.
pub(super) fn node_message(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let text = match lower.find("insufficient funds") {
        Some(i) => &text[..lower[i..].find(':').map_or(text.len(), |end| i + end)],
        None => text,
    };
    crate::redact::text(&scrub_urls(text)).chars().take(300).collect()
}

/// The delay an HTTP error's `Retry-After` asked for.
fn retry_after(e: &TransportError) -> Option<Duration> {
    match e {
        RpcError::Transport(kind) => kind.retry_after(),
        _ => None,
    }
}

pub(super) fn is_retryable(e: &TransportError) -> bool {
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
    pub(super) fn new(config: &ChainConfig) -> Result<Rpc, SettleError> {
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

    /// The delay before retry `attempt`: doubling from `backoff_ms` up to 5 s, at least what the
    /// server asked for in `Retry-After` (up to 30 s).
    fn backoff(&self, attempt: u32, asked: Option<Duration>) -> Duration {
        let b = Backoff {
            initial: Duration::from_millis(self.config.backoff_ms),
            max: Duration::from_secs(5),
            max_server_wait: Duration::from_secs(30),
        };
        b.delay(attempt, asked)
    }

    /// How long one request (a call, or one batch round trip) may wait for its answer: the
    /// settlement's receipt deadline ([`ChainConfig::receipt_timeout_ms`]).
    fn request_timeout(&self) -> Duration {
        Duration::from_millis(self.config.receipt_timeout_ms.max(1))
    }

    /// The error of a request that got no answer in time: retryable, like a dropped connection
    /// (the node may have acted on it; every caller is safe to repeat).
    fn unanswered(&self) -> TransportError {
        TransportErrorKind::custom_str(&format!("no answer within {} ms", self.config.receipt_timeout_ms))
    }

    /// Runs `f` against the endpoints, retrying retryable failures with exponential backoff.
    pub(super) async fn call<T, F, Fut>(&self, what: &str, f: F) -> Result<T, SettleError>
    where
        F: Fn(RootProvider) -> Fut,
        Fut: Future<Output = Result<T, TransportError>>,
    {
        let mut attempt = 0u32;
        loop {
            let p = self.providers[attempt as usize % self.providers.len()].clone();
            let answer = tokio::time::timeout(self.request_timeout(), f(p)).await.unwrap_or_else(|_| Err(self.unanswered()));
            match answer {
                Ok(v) => return Ok(v),
                Err(e) if is_retryable(&e) && attempt < self.config.max_retries => {
                    tokio::time::sleep(self.backoff(attempt, retry_after(&e))).await;
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
    pub(super) async fn batch(&self, calls: &[Call], singles: Singles) -> Vec<CallResult> {
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
            // The longest `Retry-After` among the failed calls, if any asked for one.
            let asked = retry.iter().filter_map(|&i| out[i].as_ref().and_then(|r| r.as_ref().err()).and_then(retry_after)).max();
            tokio::time::sleep(self.backoff(attempt, asked)).await;
            attempt += 1;
            todo = retry;
        }
        out.into_iter().map(|r| r.unwrap_or_else(|| Err(TransportErrorKind::custom_str("call not sent")))).collect()
    }

    /// [`Rpc::send_chunk_now`] within [`Rpc::request_timeout`]: without an answer in time, every
    /// call of the chunk fails retryably.
    async fn send_chunk(&self, p: &RootProvider, calls: &[Call], idx: &[usize], singles: Singles) -> Vec<CallResult> {
        match tokio::time::timeout(self.request_timeout(), self.send_chunk_now(p, calls, idx, singles)).await {
            Ok(results) => results,
            Err(_) => idx.iter().map(|_| Err(self.unanswered())).collect(),
        }
    }

    /// One batch request for `idx` (or single requests when batches are off or refused).
    async fn send_chunk_now(&self, p: &RootProvider, calls: &[Call], idx: &[usize], singles: Singles) -> Vec<CallResult> {
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
pub(super) fn decode<T: serde::de::DeserializeOwned>(r: CallResult) -> Result<T, TransportError> {
    r.and_then(|v| serde_json::from_value(v).map_err(|e| TransportErrorKind::custom_str(&format!("malformed response: {e}"))))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err_resp(code: i64, message: &str) -> CallResult {
        Err(RpcError::ErrorResp(serde_json::from_value(json!({"code": code, "message": message})).unwrap()))
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
    fn retryable_errors_survive_a_failed_batch() {
        // A retryable error survives being copied to every call of a failed batch.
        let e = RpcError::Transport(TransportErrorKind::HttpError(HttpError { status: 429, body: String::new() }));
        assert!(is_retryable(&fresh_err(&e)));
        let e = RpcError::Transport(TransportErrorKind::HttpError(HttpError { status: 400, body: String::new() }));
        assert!(!is_retryable(&fresh_err(&e)));
    }
}
