//! HTTP exchange with a Chat Completions endpoint: time limits, retries with backoff on 429
//! (honouring `Retry-After`) and 5xx, steps down of the response format on 400/422.

use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;

use super::wire::{clip, PreparedRequest};
use super::{ApiKey, LlmConfig, LlmError, ResponseFormat};
use crate::net::{retry_after, Backoff};

/// Largest response body read, in bytes.
pub(crate) const MAX_RESPONSE_BYTES: usize = 1 << 20;
/// Bytes of an error body read (only its `error.type` / `error.code` are kept).
const MAX_ERROR_BYTES: usize = 16 << 10;

/// The shared, immutable part of an [`LlmParser`](super::LlmParser) the I/O task needs.
pub(crate) struct Transport {
    pub client: reqwest::Client,
    pub endpoint: reqwest::Url,
    pub key: Option<ApiKey>,
    pub config: LlmConfig,
    /// The weakest [`ResponseFormat`] the server has needed so far.
    pub format_floor: AtomicU8,
}

/// A 2xx answer.
pub(crate) struct RawAnswer {
    pub body: Vec<u8>,
}

impl Transport {
    pub(crate) fn current_format(&self) -> ResponseFormat {
        ResponseFormat::from_u8(self.format_floor.load(Ordering::Relaxed).max(self.config.response_format.to_u8()))
    }

    fn lower_floor(&self, format: ResponseFormat) {
        self.format_floor.fetch_max(format.to_u8(), Ordering::Relaxed);
    }

    /// Sends the request until a 2xx answer, a non-retryable failure, the retries or the deadline
    /// run out.
    pub(crate) async fn exchange(&self, request: &PreparedRequest, started: Instant) -> Result<RawAnswer, LlmError> {
        let deadline = deadline_from(started, self.config.deadline);
        let mut format = self.current_format();
        let mut retries = 0u32;
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(LlmError::DeadlineExceeded { after_ms: millis(self.config.deadline) });
            }
            let per_call = self.config.request_timeout.min(remaining);
            let body = request.body(format)?;
            let mut req = self.client.post(self.endpoint.clone()).header(CONTENT_TYPE, "application/json").timeout(per_call).body(body);
            if let Some(key) = &self.key {
                req = req.bearer_auth(key.expose());
            }
            let (failure, wait_at_least) = match req.send().await {
                Err(e) => (self.transport_error(&e, per_call), None),
                Ok(resp) => {
                    let status = resp.status();
                    if status.is_success() {
                        return Ok(RawAnswer { body: read_capped(resp, MAX_RESPONSE_BYTES, per_call).await? });
                    }
                    let retry_after = retry_after_of(resp.headers());
                    let detail = error_detail(resp).await;
                    match status {
                        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY if format.weaker().is_some() => {
                            if let Some(weaker) = format.weaker() {
                                format = weaker;
                                self.lower_floor(weaker);
                            }
                            continue;
                        }
                        StatusCode::TOO_MANY_REQUESTS => {
                            (LlmError::RateLimited { retry_after_s: retry_after.map(|d| d.as_secs()) }, retry_after)
                        }
                        s if s.is_server_error() => (LlmError::HttpStatus { status: s.as_u16(), detail }, retry_after),
                        s => return Err(LlmError::HttpStatus { status: s.as_u16(), detail }),
                    }
                }
            };
            if retries >= self.config.max_retries {
                return Err(failure);
            }
            let wait = self.backoff().delay(retries, wait_at_least);
            if Instant::now().checked_add(wait).is_none_or(|t| t >= deadline) {
                return Err(failure);
            }
            tokio::time::sleep(wait).await;
            retries += 1;
        }
    }

    /// Doubling from `initial_backoff` up to `max_backoff`; a server's `Retry-After` is waited
    /// for in full (the deadline still bounds it).
    fn backoff(&self) -> Backoff {
        Backoff { initial: self.config.initial_backoff, max: self.config.max_backoff, max_server_wait: self.config.deadline }
    }

    /// A secret-free error for a failed send (reqwest's messages carry the URL: not used).
    fn transport_error(&self, e: &reqwest::Error, per_call: Duration) -> LlmError {
        if e.is_timeout() {
            if per_call < self.config.request_timeout {
                LlmError::DeadlineExceeded { after_ms: millis(self.config.deadline) }
            } else {
                LlmError::Timeout { after_ms: millis(per_call) }
            }
        } else if e.is_connect() {
            LlmError::Transport { what: "connection failed" }
        } else if e.is_body() || e.is_decode() {
            LlmError::Transport { what: "reading the answer failed" }
        } else {
            LlmError::Transport { what: "the request failed" }
        }
    }
}

/// `started + limit`, or about a year from `started` when that overflows.
pub(crate) fn deadline_from(started: Instant, limit: Duration) -> Instant {
    started.checked_add(limit).or_else(|| started.checked_add(Duration::from_secs(365 * 86_400))).unwrap_or(started)
}

pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The delay a 429 or 5xx answer asks for (`retry-after-ms`, `Retry-After`).
fn retry_after_of(headers: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    retry_after(get("retry-after-ms"), get("retry-after"))
}

/// `error.type` / `error.code` of an OpenAI-style error body, as a short token; never its
/// `message` (servers echo parts of API keys there).
async fn error_detail(resp: reqwest::Response) -> String {
    let Ok(body) = read_capped(resp, MAX_ERROR_BYTES, Duration::from_secs(2)).await else {
        return String::new();
    };
    let v: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(_) => return String::new(),
    };
    let err = v.get("error").unwrap_or(&v);
    let token = |k: &str| {
        err.get(k)
            .and_then(serde_json::Value::as_str)
            .filter(|s| s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
            .map(|s| clip(s, 48))
    };
    match (token("type"), token("code")) {
        (Some(t), Some(c)) if t != c => format!("{t}/{c}"),
        (Some(t), _) => t,
        (None, Some(c)) => c,
        (None, None) => String::new(),
    }
}

/// Reads a body up to `cap` bytes within `limit`.
async fn read_capped(mut resp: reqwest::Response, cap: usize, limit: Duration) -> Result<Vec<u8>, LlmError> {
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Err(LlmError::ResponseTooLarge { limit_bytes: cap });
    }
    let read = async {
        let mut body = Vec::with_capacity(resp.content_length().map_or(8 << 10, |n| n as usize));
        while let Some(chunk) = resp.chunk().await.map_err(|e| {
            if e.is_timeout() {
                LlmError::Timeout { after_ms: millis(limit) }
            } else {
                LlmError::Transport { what: "reading the answer failed" }
            }
        })? {
            if body.len() + chunk.len() > cap {
                return Err(LlmError::ResponseTooLarge { limit_bytes: cap });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    };
    tokio::time::timeout(limit, read).await.unwrap_or(Err(LlmError::Timeout { after_ms: millis(limit) }))
}
