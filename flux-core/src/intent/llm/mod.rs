//! LLM intent parsing over any OpenAI-compatible Chat Completions API (feature `llm`).
//!
//! The model only *proposes* needs. Its answer is untrusted input: [`plan_from_answer`] keeps
//! known categories with bounded quantities and reports everything else in `dropped`
//! (`ignored_field` for anything about money, merchants, addresses, deadlines...). Budget,
//! deadline and strategy always come from the [`Intent`]. On any failure the deterministic
//! [`OfflineParser`] answers instead, and the telemetry says so (`fallback`, `fallback_reason`).
//!
//! The HTTP exchange runs on the parser's own small tokio runtime, so the future returned by
//! [`IntentParser::parse`] can be driven by any executor, [`block_on`](crate::block_on) included.

mod config;
mod transport;
mod wire;

use std::sync::atomic::AtomicU8;
use std::sync::Arc;
use std::time::Instant;

pub use config::{ApiKey, ApiKeySource, LlmConfig, ParserConfig, Provider, ResponseFormat};
pub use wire::plan_from_answer;

use super::{Document, Dropped, Intent, IntentParser, OfflineParser, ParseError, Plan, Vocabulary};
use crate::future::BoxFuture;
use crate::reasons::DropReason;
use transport::{millis, RawAnswer, Transport};
use wire::{Completion, PreparedRequest, Usage};

/// Why the LLM parser could not read an intent (then the offline parser answers, unless
/// [`LlmConfig::fallback`] is off). Messages never hold the API key, a request body or a URL's
/// credentials. Codes are stable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LlmError {
    /// The provider needs a key and none was found.
    #[error("no API key for {provider}: set {} or configure a key", crate::redact::var_label(.env))]
    MissingApiKey {
        /// Provider name.
        provider: &'static str,
        /// The variable that was read.
        env: String,
    },
    /// The configuration is unusable.
    #[error("invalid LLM configuration: {reason}")]
    InvalidConfig {
        /// What is wrong.
        reason: String,
    },
    /// One HTTP exchange took longer than the request timeout (after the retries).
    #[error("no answer within {after_ms} ms")]
    Timeout {
        /// The timeout.
        after_ms: u64,
    },
    /// The whole parse took longer than the deadline.
    #[error("no usable answer within the {after_ms} ms deadline")]
    DeadlineExceeded {
        /// The deadline.
        after_ms: u64,
    },
    /// HTTP 429 until the retries or the deadline ran out.
    #[error("rate limited (HTTP 429){}", .retry_after_s.map(|s| format!(", retry after {s} s")).unwrap_or_default())]
    RateLimited {
        /// The last `Retry-After`, in seconds.
        retry_after_s: Option<u64>,
    },
    /// Another HTTP error status.
    #[error("HTTP {status}{}", if .detail.is_empty() { String::new() } else { format!(" ({detail})") })]
    HttpStatus {
        /// The status code.
        status: u16,
        /// The error's `type`/`code` token, if the body had one.
        detail: String,
    },
    /// The connection or the exchange failed.
    #[error("transport: {what}")]
    Transport {
        /// What failed.
        what: &'static str,
    },
    /// The answer is larger than the parser reads.
    #[error("answer larger than {limit_bytes} bytes")]
    ResponseTooLarge {
        /// The limit.
        limit_bytes: usize,
    },
    /// The body is not a `chat.completion` object.
    #[error("bad response: {reason}")]
    BadResponse {
        /// Why.
        reason: String,
    },
    /// `choices` is empty or missing.
    #[error("the response has no choices")]
    EmptyChoices {
        /// Tokens the call still cost.
        usage_tokens: u64,
    },
    /// The message has no content.
    #[error("the answer is empty")]
    EmptyAnswer,
    /// The model refused.
    #[error("the model refused: {reason}")]
    Refusal {
        /// The refusal text, clipped.
        reason: String,
    },
    /// No JSON object could be read from the answer.
    #[error("the answer holds no valid JSON object")]
    NoJson,
    /// JSON of the wrong shape.
    #[error("invalid answer: {reason}")]
    InvalidAnswer {
        /// Why.
        reason: String,
    },
    /// Valid JSON, but no need survived validation.
    #[error("the answer names no usable need ({} item(s) dropped)", .dropped.len())]
    NoNeeds {
        /// What was dropped, with reasons.
        dropped: Vec<Dropped>,
    },
    /// The parser's runtime failed.
    #[error("runtime: {what}")]
    Runtime {
        /// What failed.
        what: &'static str,
    },
}

impl LlmError {
    /// Stable machine code (`LLM_TIMEOUT`, `LLM_RATE_LIMITED`, `LLM_NO_JSON`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            LlmError::MissingApiKey { .. } => "LLM_MISSING_API_KEY",
            LlmError::InvalidConfig { .. } => "LLM_INVALID_CONFIG",
            LlmError::Timeout { .. } => "LLM_TIMEOUT",
            LlmError::DeadlineExceeded { .. } => "LLM_DEADLINE",
            LlmError::RateLimited { .. } => "LLM_RATE_LIMITED",
            LlmError::HttpStatus { .. } => "LLM_HTTP_STATUS",
            LlmError::Transport { .. } => "LLM_TRANSPORT",
            LlmError::ResponseTooLarge { .. } => "LLM_RESPONSE_TOO_LARGE",
            LlmError::BadResponse { .. } => "LLM_BAD_RESPONSE",
            LlmError::EmptyChoices { .. } => "LLM_EMPTY_CHOICES",
            LlmError::EmptyAnswer => "LLM_EMPTY_ANSWER",
            LlmError::Refusal { .. } => "LLM_REFUSAL",
            LlmError::NoJson => "LLM_NO_JSON",
            LlmError::InvalidAnswer { .. } => "LLM_INVALID_ANSWER",
            LlmError::NoNeeds { .. } => "LLM_NO_NEEDS",
            LlmError::Runtime { .. } => "LLM_RUNTIME",
        }
    }

    /// `CODE: message`, the form used in `fallback_reason`.
    pub fn reason(&self) -> String {
        format!("{}: {self}", self.code())
    }
}

/// A tokio runtime dropped without blocking (dropping a runtime inside another runtime's task
/// would panic otherwise).
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

/// Aborts the I/O task when the caller stops waiting for it.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Reads intents with a model behind an OpenAI-compatible Chat Completions API, validates the
/// answer into a [`Plan`], and falls back to the [`OfflineParser`] on any failure.
///
/// ```no_run
/// use flux_core::{Flux, LlmConfig, ParserConfig, Provider};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let config = LlmConfig::from_env(Provider::OpenAi)?; // OPENAI_API_KEY, gpt-4o-mini
/// let flux = Flux::builder().parser_config(ParserConfig::Llm(config))?.build()?;
/// # Ok(()) }
/// ```
pub struct LlmParser {
    transport: Arc<Transport>,
    runtime: OwnRuntime,
    offline: OfflineParser,
}

impl std::fmt::Debug for LlmParser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmParser")
            .field("provider", &self.transport.config.provider)
            .field("model", &self.transport.config.model)
            .field("endpoint", &crate::net::redact_url(self.transport.endpoint.as_str()))
            .field("has_api_key", &self.transport.key.is_some())
            .field("response_format", &self.transport.current_format())
            .finish_non_exhaustive()
    }
}

/// The outcome of the model's side, before falling back.
struct LlmOutcome {
    result: Result<Plan, LlmError>,
    usage: Usage,
}

impl LlmParser {
    /// Builds a parser: resolves the API key (a provider that needs one fails with
    /// `LLM_MISSING_API_KEY` without it), checks the base URL (http or https; an API key is never
    /// sent over plain http except to a loopback address), and starts the parser's I/O thread.
    pub fn new(config: LlmConfig) -> Result<LlmParser, LlmError> {
        let key = config.api_key.resolve()?;
        if key.is_none() && config.provider.requires_api_key() {
            let env = match &config.api_key {
                // A "name" that is not one is most likely the key itself: it is not kept.
                ApiKeySource::Env(var) if crate::redact::var_label(var).starts_with('$') => var.clone(),
                ApiKeySource::Env(_) => String::new(),
                _ => config.provider.api_key_env().to_owned(),
            };
            return Err(LlmError::MissingApiKey { provider: config.provider.name(), env });
        }
        if config.model.trim().is_empty() || config.model.len() > 256 {
            return Err(LlmError::InvalidConfig { reason: "model name must be 1-256 characters".into() });
        }
        if config.request_timeout.is_zero() || config.deadline.is_zero() {
            return Err(LlmError::InvalidConfig { reason: "request_timeout and deadline must be positive".into() });
        }
        let endpoint = endpoint(&config.base_url, key.is_some())?;
        let client = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("flux-core/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| LlmError::InvalidConfig { reason: "cannot build the HTTP client (TLS setup failed)".into() })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("flux-llm")
            .enable_all()
            .build()
            .map_err(|_| LlmError::Runtime { what: "cannot start the I/O thread" })?;
        let format_floor = AtomicU8::new(config.response_format.to_u8());
        Ok(LlmParser {
            transport: Arc::new(Transport { client, endpoint, key, config, format_floor }),
            runtime: OwnRuntime(Some(runtime)),
            offline: OfflineParser,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &LlmConfig {
        &self.transport.config
    }

    /// The [`ResponseFormat`] the next request will ask for (it steps down when a server
    /// rejects one).
    pub fn response_format(&self) -> ResponseFormat {
        self.transport.current_format()
    }

    /// The JSON body of the Chat Completions request for `intent` (no I/O): what is sent, for
    /// hosts that bring their own HTTP client, and for benches.
    pub fn request_body(&self, intent: &Intent, vocabulary: &Vocabulary) -> Result<Vec<u8>, LlmError> {
        self.prepare(intent, vocabulary, None).body(self.transport.current_format())
    }

    /// Validates a Chat Completions response body into a [`Plan`] with this parser's telemetry
    /// (no I/O, no fallback): the other half of [`LlmParser::request_body`].
    pub fn plan_from_response(&self, body: &[u8], vocabulary: &Vocabulary) -> Result<Plan, LlmError> {
        let completion = wire::read_completion(body)?;
        let usage = completion.usage;
        let model = completion.model.clone();
        let mut plan = answer_plan(completion, vocabulary)?;
        self.fill_telemetry(&mut plan, model, usage);
        Ok(plan)
    }

    /// Asks the model and validates its answer, without falling back.
    pub async fn parse_llm(&self, intent: &Intent, vocabulary: &Vocabulary) -> Result<Plan, LlmError> {
        let started = Instant::now();
        let mut outcome = self.ask(intent, vocabulary, None, started).await;
        if let Ok(plan) = &mut outcome.result {
            plan.telemetry.latency_ms = millis(started.elapsed());
        }
        outcome.result
    }

    fn prepare(&self, intent: &Intent, vocabulary: &Vocabulary, image: Option<&Document>) -> PreparedRequest {
        let c = &self.transport.config;
        let request = PreparedRequest::new(&c.model, intent, vocabulary, c.temperature_zero, c.max_completion_tokens);
        match image {
            Some(doc) => request.with_image(doc.data_uri()),
            None => request,
        }
    }

    fn fill_telemetry(&self, plan: &mut Plan, model: Option<String>, usage: Usage) {
        let c = &self.transport.config;
        let t = &mut plan.telemetry;
        t.parser = "llm".into();
        t.model = model.unwrap_or_else(|| c.model.clone());
        t.provider = c.provider.name().into();
        t.prompt_tokens = usage.prompt_tokens;
        t.completion_tokens = usage.completion_tokens;
        t.tokens_used = usage.total_tokens;
        t.fallback = false;
        t.fallback_reason = None;
    }

    /// Sends the request on the parser's runtime and validates the answer.
    async fn ask(&self, intent: &Intent, vocabulary: &Vocabulary, image: Option<&Document>, started: Instant) -> LlmOutcome {
        let request = self.prepare(intent, vocabulary, image);
        let Some(rt) = self.runtime.0.as_ref() else {
            return LlmOutcome { result: Err(LlmError::Runtime { what: "the I/O thread is gone" }), usage: Usage::default() };
        };
        let transport = Arc::clone(&self.transport);
        let deadline = self.transport.config.deadline;
        let mut task = AbortOnDrop(rt.spawn(async move {
            let limit = transport::deadline_from(started, deadline).saturating_duration_since(Instant::now());
            tokio::time::timeout(limit, transport.exchange(&request, started))
                .await
                .unwrap_or(Err(LlmError::DeadlineExceeded { after_ms: millis(deadline) }))
        }));
        let answer: Result<RawAnswer, LlmError> = match (&mut task.0).await {
            Ok(r) => r,
            Err(_) => Err(LlmError::Runtime { what: "the I/O task stopped" }),
        };
        let completion = match answer.and_then(|raw| wire::read_completion(&raw.body)) {
            Ok(c) => c,
            Err(e) => {
                let usage = match &e {
                    LlmError::EmptyChoices { usage_tokens } => Usage { total_tokens: *usage_tokens, ..Usage::default() },
                    _ => Usage::default(),
                };
                return LlmOutcome { result: Err(self.scrub(e)), usage };
            }
        };
        let usage = completion.usage;
        let model = completion.model.clone();
        let result = answer_plan(completion, vocabulary).map(|mut plan| {
            self.fill_telemetry(&mut plan, model, usage);
            self.offline.place_stores(&mut plan, intent, vocabulary);
            plan
        });
        LlmOutcome { result: result.map_err(|e| self.scrub(e)), usage }
    }

    /// Defence in depth: the free-text parts of an error (a server's or a model's words) never
    /// carry the API key, even if a server echoed it.
    fn scrub(&self, error: LlmError) -> LlmError {
        let Some(key) = self.transport.key.as_ref().map(ApiKey::expose) else {
            return error;
        };
        let clean = |text: String| if text.contains(key) { text.replace(key, "<redacted>") } else { text };
        match error {
            LlmError::BadResponse { reason } => LlmError::BadResponse { reason: clean(reason) },
            LlmError::Refusal { reason } => LlmError::Refusal { reason: clean(reason) },
            LlmError::InvalidAnswer { reason } => LlmError::InvalidAnswer { reason: clean(reason) },
            other => other,
        }
    }

    /// The offline parser's plan, marked as a fallback for `error`, keeping what the model's
    /// answer had dropped and the tokens it cost.
    fn fall_back(&self, intent: &Intent, vocabulary: &Vocabulary, error: &LlmError, usage: Usage) -> Result<Plan, ParseError> {
        let mut plan = self.offline.parse_sync(intent, vocabulary)?;
        if let LlmError::NoNeeds { dropped } = error {
            let mut from_answer = dropped.clone();
            from_answer.append(&mut plan.dropped);
            plan.dropped = from_answer;
        }
        let t = &mut plan.telemetry;
        t.fallback = true;
        t.fallback_reason = Some(format!("{} ({} {})", error.reason(), self.transport.config.provider.name(), self.transport.config.model));
        t.prompt_tokens = usage.prompt_tokens;
        t.completion_tokens = usage.completion_tokens;
        t.tokens_used = usage.total_tokens;
        Ok(plan)
    }
}

/// The model's message into a plan (refusals, empty and truncated answers are errors).
fn answer_plan(completion: Completion, vocabulary: &Vocabulary) -> Result<Plan, LlmError> {
    if let Some(reason) = completion.refusal.filter(|r| !r.trim().is_empty()) {
        return Err(LlmError::Refusal { reason });
    }
    let content = completion.content.ok_or(LlmError::EmptyAnswer)?;
    plan_from_answer(&content, vocabulary).map_err(|e| match (e, completion.finish_reason.as_deref()) {
        (LlmError::NoJson, Some("length")) => LlmError::InvalidAnswer { reason: "the answer was cut off (finish_reason: length)".into() },
        (e, _) => e,
    })
}

/// Where `offline` reads the intent differently from the model, as `offline_disagrees` entries.
fn disagreements(llm: &Plan, offline: &Result<Plan, ParseError>) -> Vec<Dropped> {
    let offline = match offline {
        Ok(p) => p,
        Err(e) => return vec![Dropped { item: format!("offline: {}", e.code()), reason: DropReason::OfflineDisagrees }],
    };
    let mut out = Vec::new();
    for n in &llm.needs {
        match offline.needs.iter().find(|o| o.category == n.category) {
            Some(o) if o.quantity == n.quantity => {}
            Some(o) => out.push(format!("{}: llm {}, offline {}", n.category, n.quantity, o.quantity)),
            None => out.push(format!("{}: llm {}, offline none", n.category, n.quantity)),
        }
    }
    for o in &offline.needs {
        if !llm.needs.iter().any(|n| n.category == o.category) {
            out.push(format!("{}: llm none, offline {}", o.category, o.quantity));
        }
    }
    out.into_iter().map(|item| Dropped { item, reason: DropReason::OfflineDisagrees }).collect()
}

/// `base_url` + `/chat/completions`, checked.
fn endpoint(base_url: &str, with_key: bool) -> Result<reqwest::Url, LlmError> {
    let invalid = |reason: &str| LlmError::InvalidConfig { reason: format!("base_url {}: {reason}", crate::net::redact_url(base_url)) };
    let url = reqwest::Url::parse(&format!("{}/chat/completions", base_url.trim().trim_end_matches('/')))
        .map_err(|_| invalid("not a valid URL"))?;
    match url.scheme() {
        "https" => {}
        "http" if !with_key => {}
        "http" => {
            let host = url.host_str().unwrap_or("");
            let loopback = host.eq_ignore_ascii_case("localhost")
                || host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
            if !loopback {
                return Err(invalid("an API key is only sent over https (or plain http to a loopback address)"));
            }
        }
        _ => return Err(invalid("the scheme must be http or https")),
    }
    if url.host().is_none() {
        return Err(invalid("no host"));
    }
    Ok(url)
}

impl IntentParser for LlmParser {
    fn parse<'a>(&'a self, intent: &'a Intent, vocabulary: &'a Vocabulary) -> BoxFuture<'a, Result<Plan, ParseError>> {
        Box::pin(async move {
            let started = Instant::now();
            let outcome = self.ask(intent, vocabulary, None, started).await;
            let mut plan = match outcome.result {
                Ok(mut plan) => {
                    if self.transport.config.differential_check {
                        let offline = self.offline.parse_sync(intent, vocabulary);
                        plan.dropped.extend(disagreements(&plan, &offline));
                    }
                    plan
                }
                Err(e) if self.transport.config.fallback => self.fall_back(intent, vocabulary, &e, outcome.usage)?,
                Err(e) => return Err(ParseError::Backend { reason: e.reason() }),
            };
            plan.telemetry.latency_ms = millis(started.elapsed());
            Ok(plan)
        })
    }

    /// The model reads photos of shopping lists (OpenAI-compatible `image_url` content parts);
    /// a model without vision answers with an error, reported as `PARSER_FAILED`.
    fn reads_images(&self) -> bool {
        true
    }

    /// Sends the image as a `data:` URI. No offline fallback: nothing else can read an image,
    /// and Flux never makes up an intent.
    fn parse_image<'a>(
        &'a self,
        image: &'a Document,
        intent: &'a Intent,
        vocabulary: &'a Vocabulary,
    ) -> BoxFuture<'a, Result<Plan, ParseError>> {
        Box::pin(async move {
            let started = Instant::now();
            let outcome = self.ask(intent, vocabulary, Some(image), started).await;
            let mut plan = outcome.result.map_err(|e| ParseError::Backend { reason: e.reason() })?;
            plan.telemetry.latency_ms = millis(started.elapsed());
            Ok(plan)
        })
    }

    fn name(&self) -> &str {
        "llm"
    }
}
