//! Configuration of the LLM parser: provider, endpoint, model, API key source, time limits.

use std::fmt;
use std::time::Duration;

use super::LlmError;

/// A Chat Completions provider. Each has a default base URL, model and API key variable; any
/// other OpenAI-compatible server is [`Provider::Local`] with its own base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// OpenAI (`https://api.openai.com/v1`, `gpt-4o-mini`, `OPENAI_API_KEY`).
    OpenAi,
    /// Google Gemini through its OpenAI-compatible endpoint
    /// (`https://generativelanguage.googleapis.com/v1beta/openai`, `gemini-2.5-flash`, `GEMINI_API_KEY`).
    Gemini,
    /// Groq (`https://api.groq.com/openai/v1`, `llama-3.3-70b-versatile`, `GROQ_API_KEY`).
    Groq,
    /// A server you run: Ollama (`http://127.0.0.1:11434/v1`, the default), vLLM
    /// (`http://127.0.0.1:8000/v1`), llama.cpp server (`http://127.0.0.1:8080/v1`)... No API key
    /// unless you give one (`FLUX_LLM_API_KEY` is read by [`LlmConfig::from_env`]).
    Local,
}

impl Provider {
    /// Every provider, in a fixed order.
    pub const ALL: [Provider; 4] = [Provider::OpenAi, Provider::Gemini, Provider::Groq, Provider::Local];

    /// Short name for telemetry and configuration: `openai`, `gemini`, `groq`, `local`.
    pub fn name(self) -> &'static str {
        match self {
            Provider::OpenAi => "openai",
            Provider::Gemini => "gemini",
            Provider::Groq => "groq",
            Provider::Local => "local",
        }
    }

    /// Parses a provider name (case-insensitive); `ollama`, `vllm` and `llamacpp` mean [`Provider::Local`].
    pub fn from_name(name: &str) -> Result<Provider, LlmError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "openai" => Ok(Provider::OpenAi),
            "gemini" | "google" => Ok(Provider::Gemini),
            "groq" => Ok(Provider::Groq),
            "local" | "ollama" | "vllm" | "llamacpp" | "llama.cpp" | "llama-cpp" => Ok(Provider::Local),
            _ => Err(LlmError::InvalidConfig {
                reason: format!("unknown LLM provider {}; expected openai, gemini, groq or local", crate::redact::word_label(name.trim())),
            }),
        }
    }

    /// The provider's Chat Completions base URL (`.../chat/completions` is appended).
    pub fn default_base_url(self) -> &'static str {
        match self {
            Provider::OpenAi => "https://api.openai.com/v1",
            Provider::Gemini => "https://generativelanguage.googleapis.com/v1beta/openai",
            Provider::Groq => "https://api.groq.com/openai/v1",
            Provider::Local => "http://127.0.0.1:11434/v1",
        }
    }

    /// The model used unless configured otherwise.
    pub fn default_model(self) -> &'static str {
        match self {
            Provider::OpenAi => "gpt-4o-mini",
            Provider::Gemini => "gemini-2.5-flash",
            Provider::Groq => "llama-3.3-70b-versatile",
            Provider::Local => "llama3.2",
        }
    }

    /// The environment variable holding the provider's API key.
    pub fn api_key_env(self) -> &'static str {
        match self {
            Provider::OpenAi => "OPENAI_API_KEY",
            Provider::Gemini => "GEMINI_API_KEY",
            Provider::Groq => "GROQ_API_KEY",
            Provider::Local => "FLUX_LLM_API_KEY",
        }
    }

    /// Whether requests without an API key are refused before they are sent.
    pub fn requires_api_key(self) -> bool {
        !matches!(self, Provider::Local)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An API key. It is sent only as an `Authorization: Bearer` header marked sensitive; its
/// `Debug` prints `<redacted>`, it has no `Display` and no `Serialize`, and it never appears in
/// an error, a log or the audit trail.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Box<str>);

impl ApiKey {
    /// Wraps a key. It must be non-empty printable ASCII without spaces (what a header allows).
    pub fn new(key: impl Into<String>) -> Result<ApiKey, LlmError> {
        let key: String = key.into();
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(LlmError::InvalidConfig { reason: "API key must be non-empty printable ASCII without spaces".into() });
        }
        Ok(ApiKey(key.into()))
    }

    /// The secret, for the `Authorization` header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// Where the API key comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum ApiKeySource {
    /// Read from this environment variable when the parser is built.
    Env(String),
    /// This key.
    Value(ApiKey),
    /// No key: no `Authorization` header (local servers).
    None,
}

impl fmt::Debug for ApiKeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiKeySource::Env(var) => write!(f, "Env({})", crate::redact::var_label(var)),
            ApiKeySource::Value(_) => f.write_str("Value(<redacted>)"),
            ApiKeySource::None => f.write_str("None"),
        }
    }
}

impl ApiKeySource {
    /// Resolves the key now: `Ok(None)` for [`ApiKeySource::None`] or an unset variable.
    pub(crate) fn resolve(&self) -> Result<Option<ApiKey>, LlmError> {
        match self {
            ApiKeySource::None => Ok(None),
            ApiKeySource::Value(k) => Ok(Some(k.clone())),
            ApiKeySource::Env(var) => match std::env::var(var) {
                Ok(v) if !v.trim().is_empty() => ApiKey::new(v).map(Some).map_err(|_| LlmError::InvalidConfig {
                    reason: format!("the API key in {} must be printable ASCII without spaces", crate::redact::var_label(var)),
                }),
                _ => Ok(None),
            },
        }
    }
}

/// How the parser asks for JSON. It starts with the configured format and steps down, for the
/// rest of the parser's life, when a server answers 400/422 to it: `json_schema` → `json_object`
/// → plain text (the first JSON object in the answer is used, fenced or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResponseFormat {
    /// `response_format: {"type": "json_schema", ...}` with a strict schema whose category is an
    /// enum of the vocabulary's ids.
    JsonSchema,
    /// `response_format: {"type": "json_object"}` (JSON mode).
    JsonObject,
    /// No `response_format`; the answer's first JSON object is extracted.
    Text,
}

impl ResponseFormat {
    /// `json_schema`, `json_object` or `text`.
    pub fn name(self) -> &'static str {
        match self {
            ResponseFormat::JsonSchema => "json_schema",
            ResponseFormat::JsonObject => "json_object",
            ResponseFormat::Text => "text",
        }
    }

    pub(crate) fn to_u8(self) -> u8 {
        match self {
            ResponseFormat::JsonSchema => 0,
            ResponseFormat::JsonObject => 1,
            ResponseFormat::Text => 2,
        }
    }

    pub(crate) fn from_u8(v: u8) -> ResponseFormat {
        match v {
            0 => ResponseFormat::JsonSchema,
            1 => ResponseFormat::JsonObject,
            _ => ResponseFormat::Text,
        }
    }

    /// The next, weaker format.
    pub(crate) fn weaker(self) -> Option<ResponseFormat> {
        match self {
            ResponseFormat::JsonSchema => Some(ResponseFormat::JsonObject),
            ResponseFormat::JsonObject => Some(ResponseFormat::Text),
            ResponseFormat::Text => None,
        }
    }
}

/// Configuration of an [`LlmParser`](super::LlmParser). Start from [`LlmConfig::new`],
/// [`LlmConfig::from_env`] or [`LlmConfig::local`], then adjust fields or chain `with_*`.
#[derive(Clone)]
#[non_exhaustive]
pub struct LlmConfig {
    /// Provider (telemetry name, defaults).
    pub provider: Provider,
    /// Base URL of the Chat Completions API; `/chat/completions` is appended.
    pub base_url: String,
    /// Model name.
    pub model: String,
    /// Where the API key comes from.
    pub api_key: ApiKeySource,
    /// Time limit of one HTTP exchange (connect, send, whole answer). Default 20 s.
    pub request_timeout: Duration,
    /// Time limit to connect. Default 5 s.
    pub connect_timeout: Duration,
    /// Retries after a 429, a 5xx, a timeout or a connection failure (not counting the steps
    /// down of [`ResponseFormat`]). Default 2.
    pub max_retries: u32,
    /// First backoff; doubled each retry, capped by `max_backoff`. A 429's `Retry-After` (or
    /// `retry-after-ms`) is waited for in full. Default 250 ms.
    pub initial_backoff: Duration,
    /// Longest backoff between retries. Default 4 s.
    pub max_backoff: Duration,
    /// Time limit of the whole parse, retries included. Default 30 s.
    pub deadline: Duration,
    /// The first [`ResponseFormat`] tried. Default [`ResponseFormat::JsonSchema`].
    pub response_format: ResponseFormat,
    /// Send `"temperature": 0` (some reasoning models refuse any temperature). Default true.
    pub temperature_zero: bool,
    /// Cap on completion tokens (`max_completion_tokens`), if any. Default none.
    pub max_completion_tokens: Option<u32>,
    /// Also run the offline parser and record where it disagrees with the model (as `dropped`
    /// entries with reason `offline_disagrees`, which the facade puts in the audit trail).
    /// Default false.
    pub differential_check: bool,
    /// On any failure, use the offline parser (telemetry says `fallback: true` and why). When
    /// false, failures are [`ParseError::Backend`](crate::ParseError::Backend). Default true.
    pub fallback: bool,
}

impl LlmConfig {
    /// The provider's defaults; the key will be read from the provider's environment variable
    /// when the parser is built.
    pub fn new(provider: Provider) -> LlmConfig {
        LlmConfig {
            provider,
            base_url: provider.default_base_url().to_owned(),
            model: provider.default_model().to_owned(),
            api_key: ApiKeySource::Env(provider.api_key_env().to_owned()),
            request_timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            max_retries: 2,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(4),
            deadline: Duration::from_secs(30),
            response_format: ResponseFormat::JsonSchema,
            temperature_zero: true,
            max_completion_tokens: None,
            differential_check: false,
            fallback: true,
        }
    }

    /// A local OpenAI-compatible server (Ollama, vLLM, llama.cpp) at `base_url`, e.g.
    /// `http://127.0.0.1:11434/v1`, without an API key.
    pub fn local(base_url: impl Into<String>, model: impl Into<String>) -> LlmConfig {
        LlmConfig { base_url: base_url.into(), model: model.into(), api_key: ApiKeySource::None, ..LlmConfig::new(Provider::Local) }
    }

    /// The provider's defaults with the key read now from its variable (`OPENAI_API_KEY`,
    /// `GEMINI_API_KEY`, `GROQ_API_KEY`; `FLUX_LLM_API_KEY`, optional, for local servers), and
    /// `FLUX_LLM_MODEL` / `FLUX_LLM_BASE_URL` overriding the model and base URL when set.
    /// Fails with `LLM_MISSING_API_KEY` when a required key is not set.
    pub fn from_env(provider: Provider) -> Result<LlmConfig, LlmError> {
        let mut config = LlmConfig::new(provider);
        if let Some(model) = env_nonempty("FLUX_LLM_MODEL") {
            config.model = model;
        }
        if let Some(url) = env_nonempty("FLUX_LLM_BASE_URL") {
            config.base_url = url;
        }
        config.api_key = match config.api_key.resolve()? {
            Some(key) => ApiKeySource::Value(key),
            None if provider.requires_api_key() => {
                return Err(LlmError::MissingApiKey { provider: provider.name(), env: provider.api_key_env().to_owned() })
            }
            None => ApiKeySource::None,
        };
        Ok(config)
    }

    /// Sets the model.
    pub fn with_model(mut self, model: impl Into<String>) -> Self {
        self.model = model.into();
        self
    }
    /// Sets the base URL.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }
    /// Uses this API key.
    pub fn with_api_key(mut self, key: ApiKey) -> Self {
        self.api_key = ApiKeySource::Value(key);
        self
    }
    /// Sets where the key comes from.
    pub fn with_api_key_source(mut self, source: ApiKeySource) -> Self {
        self.api_key = source;
        self
    }
    /// Sets the time limit of one HTTP exchange.
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }
    /// Sets the number of retries and the first backoff.
    pub fn with_retries(mut self, max_retries: u32, initial_backoff: Duration) -> Self {
        self.max_retries = max_retries;
        self.initial_backoff = initial_backoff;
        self
    }
    /// Sets the time limit of the whole parse.
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }
    /// Sets the first response format tried.
    pub fn with_response_format(mut self, format: ResponseFormat) -> Self {
        self.response_format = format;
        self
    }
    /// Turns the differential check against the offline parser on or off.
    pub fn with_differential_check(mut self, on: bool) -> Self {
        self.differential_check = on;
        self
    }
    /// Turns the offline fallback on or off.
    pub fn with_fallback(mut self, on: bool) -> Self {
        self.fallback = on;
        self
    }

    /// The base URL's scheme and host only (what `Debug` and errors show).
    pub fn redacted_base_url(&self) -> String {
        crate::net::redact_url(&self.base_url)
    }
}

impl fmt::Debug for LlmConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LlmConfig")
            .field("provider", &self.provider)
            .field("base_url", &self.redacted_base_url())
            .field("model", &self.model)
            .field("api_key", &self.api_key)
            .field("request_timeout", &self.request_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("initial_backoff", &self.initial_backoff)
            .field("max_backoff", &self.max_backoff)
            .field("deadline", &self.deadline)
            .field("response_format", &self.response_format)
            .field("temperature_zero", &self.temperature_zero)
            .field("max_completion_tokens", &self.max_completion_tokens)
            .field("differential_check", &self.differential_check)
            .field("fallback", &self.fallback)
            .finish()
    }
}

fn env_nonempty(var: &str) -> Option<String> {
    std::env::var(var).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The choice of intent parser, e.g. from a host's configuration. Default: offline.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum ParserConfig {
    /// The deterministic [`OfflineParser`](crate::OfflineParser).
    #[default]
    Offline,
    /// An [`LlmParser`](super::LlmParser) (with the offline parser as its fallback).
    Llm(LlmConfig),
}

impl ParserConfig {
    /// From `FLUX_PARSER` (`offline` when unset; `openai`, `gemini`, `groq`, `local`/`ollama`/...),
    /// with the provider's settings from [`LlmConfig::from_env`].
    pub fn from_env() -> Result<ParserConfig, LlmError> {
        match env_nonempty("FLUX_PARSER") {
            None => Ok(ParserConfig::Offline),
            Some(name) if name.eq_ignore_ascii_case("offline") => Ok(ParserConfig::Offline),
            Some(name) => Ok(ParserConfig::Llm(LlmConfig::from_env(Provider::from_name(&name)?)?)),
        }
    }

    /// Builds the parser.
    pub fn build(&self) -> Result<std::sync::Arc<dyn crate::IntentParser>, LlmError> {
        match self {
            ParserConfig::Offline => Ok(std::sync::Arc::new(crate::OfflineParser)),
            ParserConfig::Llm(config) => Ok(std::sync::Arc::new(super::LlmParser::new(config.clone())?)),
        }
    }
}
