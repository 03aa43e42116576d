//! The parts of a [`FluxConfig`](super::FluxConfig): each is a short string (a preset name or a
//! file path) or a table with the whole thing inline.

use std::fmt;
use std::marker::PhantomData;
use std::path::PathBuf;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::policy::PolicyDocument;
use crate::redact::{Redacted, VarName};
use crate::settle::ChainConfig;

/// Deserializes `T` from a string (through `from_str`) or from a table (through `T`'s table
/// form), keeping serde's field paths inside the table.
struct StringOrTable<T, F> {
    from_str: F,
    expecting: &'static str,
    _t: PhantomData<T>,
}

impl<'de, T, F> Visitor<'de> for StringOrTable<T, F>
where
    F: FnOnce(&str) -> Result<T, String>,
    T: Table<'de>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.from_str)(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_table(de::value::MapAccessDeserializer::new(map))
    }
}

/// The table form of a string-or-table value.
trait Table<'de>: Sized {
    fn from_table<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

fn string_or_table<'de, D, T, F>(d: D, expecting: &'static str, from_str: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Table<'de>,
    F: FnOnce(&str) -> Result<T, String>,
{
    d.deserialize_any(StringOrTable { from_str, expecting, _t: PhantomData })
}

// ----------------------------------------------------------------------------------- catalogs

/// One catalog: `"embedded"`, a path to a catalog JSON file, a catalog document inline
/// (`{"vendors": [...], "offers": [...], "categories": [...]?}`), or a merchant feed or remote
/// catalog (`{"format": "shopify_products", "url" | "path": ..., "vendor": {...}}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogSource {
    /// The catalog that ships with the crate.
    Embedded,
    /// A catalog JSON file.
    File(PathBuf),
    /// A catalog document inline (validated when the `Flux` is built).
    Inline(serde_json::Value),
    /// A merchant feed or a catalog document, from a file or a URL.
    Feed(Box<super::FeedSource>),
}

impl<'de> Table<'de> for CatalogSource {
    fn from_table<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        // A table with a `format` is a feed source; anything else is a catalog document.
        if value.get("format").is_some() {
            serde_json::from_value(value).map(|f| CatalogSource::Feed(Box::new(f))).map_err(serde::de::Error::custom)
        } else {
            Ok(CatalogSource::Inline(value))
        }
    }
}

impl<'de> Deserialize<'de> for CatalogSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_table(d, "\"embedded\", a catalog file path, or an inline catalog table", |s| match s {
            "embedded" => Ok(CatalogSource::Embedded),
            "" => Err("a catalog path must not be empty".into()),
            path => Ok(CatalogSource::File(PathBuf::from(path))),
        })
    }
}

/// `catalogs`: a list of catalogs, or one alone (`catalogs = "embedded"`, a path, a table).
pub(crate) fn catalogs_from<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<CatalogSource>, D::Error> {
    struct OneOrMany;
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<CatalogSource>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a catalog (\"embedded\", a catalog file path, or an inline catalog table) or a list of them")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            CatalogSource::deserialize(de::value::StrDeserializer::<E>::new(v)).map(|c| vec![c])
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            CatalogSource::deserialize(de::value::MapAccessDeserializer::new(map)).map(|c| vec![c])
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(c) = seq.next_element()? {
                out.push(c);
            }
            Ok(out)
        }
    }
    d.deserialize_any(OneOrMany)
}

impl Serialize for CatalogSource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CatalogSource::Embedded => s.serialize_str("embedded"),
            CatalogSource::File(p) => p.serialize(s),
            CatalogSource::Inline(v) => v.serialize(s),
            CatalogSource::Feed(f) => f.serialize(s),
        }
    }
}

// ------------------------------------------------------------------------------------- policy

/// The policy: `"demo"`, a path to a `.toml` or `.json` policy file, or the policy inline
/// (`{"merchants": [...], "rules": {...}}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PolicySource {
    /// The demo policy shipped with the crate.
    #[default]
    Demo,
    /// A policy file (`.toml` as TOML, anything else as JSON).
    File(PathBuf),
    /// The policy inline.
    Inline(Box<PolicyDocument>),
}

impl<'de> Table<'de> for PolicySource {
    fn from_table<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        PolicyDocument::deserialize(d).map(|doc| PolicySource::Inline(Box::new(doc)))
    }
}

impl<'de> Deserialize<'de> for PolicySource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_table(d, "\"demo\", a policy file path, or an inline policy table", |s| match s {
            "demo" => Ok(PolicySource::Demo),
            "" => Err("a policy path must not be empty".into()),
            path => Ok(PolicySource::File(PathBuf::from(path))),
        })
    }
}

impl Serialize for PolicySource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PolicySource::Demo => s.serialize_str("demo"),
            PolicySource::File(p) => p.serialize(s),
            PolicySource::Inline(doc) => doc.serialize(s),
        }
    }
}

// ------------------------------------------------------------------------------------- parser

/// The intent parser: `"offline"` (the default), `"env"` (from `FLUX_PARSER`), a provider name
/// (`"openai"`, `"gemini"`, `"groq"`, `"local"`: its settings and key from the environment), or
/// an LLM table.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum ParserSource {
    /// The deterministic offline parser.
    #[default]
    Offline,
    /// Whatever `FLUX_PARSER` names (offline when unset).
    Env,
    /// A provider with its environment settings (`OPENAI_API_KEY`, `FLUX_LLM_MODEL`, ...).
    Provider(String),
    /// An LLM over an OpenAI-compatible API, configured here.
    Llm(LlmSettings),
}

impl ParserSource {
    /// `"offline"`, `"env"`, or a provider name.
    pub fn from_name(name: &str) -> ParserSource {
        match name.trim().to_ascii_lowercase().as_str() {
            "offline" => ParserSource::Offline,
            "env" => ParserSource::Env,
            other => ParserSource::Provider(other.to_owned()),
        }
    }
}

/// An LLM parser over an OpenAI-compatible Chat Completions API. The API key is never here:
/// `api_key_env` names the variable that holds it (default: the provider's, e.g.
/// `OPENAI_API_KEY`).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LlmSettings {
    /// `openai`, `gemini`, `groq`, or `local` (Ollama, vLLM, llama.cpp, any compatible server).
    pub provider: String,
    /// Model name (default: the provider's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Base URL of the API; `/chat/completions` is appended (default: the provider's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// The environment variable holding the API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_env: Option<String>,
    /// Use the offline parser when the model fails (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<bool>,
    /// Time limit of one HTTP exchange, in seconds (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_s: Option<u64>,
    /// Time limit of the whole parse, retries included, in seconds (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_s: Option<u64>,
    /// Retries after a 429, a 5xx or a timeout (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<u32>,
    /// Also run the offline parser and record where it disagrees (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub differential_check: Option<bool>,
}

impl<'de> Table<'de> for ParserSource {
    fn from_table<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        LlmSettings::deserialize(d).map(ParserSource::Llm)
    }
}

impl<'de> Deserialize<'de> for ParserSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_table(d, "\"offline\", \"env\", a provider name, or an LLM parser table", |s| Ok(ParserSource::from_name(s)))
    }
}

impl Serialize for ParserSource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ParserSource::Offline => s.serialize_str("offline"),
            ParserSource::Env => s.serialize_str("env"),
            ParserSource::Provider(p) => s.serialize_str(p),
            ParserSource::Llm(l) => l.serialize(s),
        }
    }
}

// ------------------------------------------------------------------------------------ settler

/// How carts are paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SettlerKind {
    /// Recorded in memory, nothing signed (tests, dry runs).
    Memory,
    /// Real EIP-1559 transfers signed with a public, never-funded key and never broadcast.
    #[default]
    Sandbox,
    /// Signed with your key and broadcast to an EVM chain.
    Evm,
}

impl SettlerKind {
    /// `memory`, `sandbox` or `evm`.
    pub fn as_str(self) -> &'static str {
        match self {
            SettlerKind::Memory => "memory",
            SettlerKind::Sandbox => "sandbox",
            SettlerKind::Evm => "evm",
        }
    }

    /// Parses `memory`, `sandbox` or `evm` (case-insensitive).
    pub fn from_name(name: &str) -> Option<SettlerKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "memory" => Some(SettlerKind::Memory),
            "sandbox" => Some(SettlerKind::Sandbox),
            "evm" => Some(SettlerKind::Evm),
            _ => None,
        }
    }
}

/// The settler: `"memory"`, `"sandbox"`, `"evm"` or a table. The chain, key and journal options
/// apply to `kind = "evm"` only. The key is named, never given: `key_env` (a variable holding a
/// hex key; default `FLUX_PRIVATE_KEY`, then `PAYMENT_PRIVATE_KEY`, then the keystore named by
/// `FLUX_KEYSTORE`) or `keystore` (an encrypted JSON keystore file) with `password_env` (the
/// variable holding its password; default `FLUX_KEYSTORE_PASSWORD`).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SettlerConfig {
    /// `memory`, `sandbox` (default) or `evm`.
    #[serde(default)]
    pub kind: SettlerKind,
    /// The chain: a preset (`arc-testnet`, the default), a `.toml`/`.json` chain file, or a chain
    /// table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<ChainSource>,
    /// Another endpoint for the same chain (e.g. a local fork).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpc_url: Option<String>,
    /// The environment variable holding the payment key (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_env: Option<String>,
    /// An encrypted JSON keystore holding the payment key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keystore: Option<PathBuf>,
    /// The environment variable holding the keystore's password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// The settlement journal (SQLite file). Signed transactions are written here before they
    /// are broadcast, so a crash never leads to paying twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<PathBuf>,
}

impl<'de> Table<'de> for SettlerConfig {
    fn from_table<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <SettlerConfig as Deserialize>::deserialize(d)
    }
}

/// Reads a settler from `"memory" | "sandbox" | "evm"` or a table (used by `FluxConfig`).
pub(crate) fn settler_from<'de, D: Deserializer<'de>>(d: D) -> Result<SettlerConfig, D::Error> {
    string_or_table(d, "\"memory\", \"sandbox\", \"evm\", or a settler table", |s| {
        SettlerKind::from_name(s)
            .map(|kind| SettlerConfig { kind, ..SettlerConfig::default() })
            .ok_or_else(|| format!("unknown settler {}; expected memory, sandbox or evm", crate::redact::word_label(s)))
    })
}

// -------------------------------------------------------------------------------------- chain

/// A chain: a preset name (`arc-testnet`), a `.toml`/`.json` chain file, or a chain table
/// (`chain_id`, `rpc_urls`, `token`, ...).
#[derive(Clone, PartialEq, Eq)]
pub enum ChainSource {
    /// A preset: `arc-testnet`.
    Preset(String),
    /// A chain file.
    File(PathBuf),
    /// The chain inline.
    Inline(Box<ChainConfig>),
}

/// Names [`ChainSource::Preset`] accepts.
pub const CHAIN_PRESETS: [&str; 2] = ["arc-testnet", "arc_testnet"];

impl ChainSource {
    /// A preset when `name` is one, else a file path.
    pub fn from_name(name: &str) -> ChainSource {
        if CHAIN_PRESETS.contains(&name.trim()) {
            ChainSource::Preset(name.trim().replace('_', "-"))
        } else {
            ChainSource::File(PathBuf::from(name))
        }
    }

    /// A chain source as JSON, the way hosts pass one: `"arc-testnet"`, `"path/to/chain.toml"`, or
    /// a chain table; anything else is a config error naming `chain`.
    pub fn from_json(json: &str) -> Result<ChainSource, crate::error::FluxError> {
        serde_json::from_str(json).map_err(|e| super::ConfigError::new("chain", e.to_string()).into())
    }
}

impl<'de> Table<'de> for ChainSource {
    fn from_table<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ChainConfig::deserialize(d).map(|c| ChainSource::Inline(Box::new(c)))
    }
}

impl<'de> Deserialize<'de> for ChainSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_table(d, "\"arc-testnet\", a chain file path, or a chain table", |s| {
            if s.is_empty() {
                return Err("a chain name must not be empty".into());
            }
            Ok(ChainSource::from_name(s))
        })
    }
}

impl Serialize for ChainSource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ChainSource::Preset(p) => s.serialize_str(p),
            ChainSource::File(p) => p.serialize(s),
            ChainSource::Inline(c) => c.serialize(s),
        }
    }
}

// ---------------------------------------------------------------------------------- Debug
// Configuration is logged; what it names may be a secret pasted into the wrong field. URLs show
// their host, variable names only when they look like names, paths without key-shaped runs.

fn path_debug(p: &std::path::Path) -> Redacted<'_> {
    Redacted(p.to_str().unwrap_or("<non-UTF-8 path>"))
}

impl fmt::Debug for ParserSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParserSource::Offline => f.write_str("Offline"),
            ParserSource::Env => f.write_str("Env"),
            ParserSource::Provider(name) => write!(f, "Provider({})", crate::redact::word_label(name)),
            ParserSource::Llm(s) => f.debug_tuple("Llm").field(s).finish(),
        }
    }
}

impl fmt::Debug for LlmSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LlmSettings")
            .field("provider", &format_args!("{}", crate::redact::word_label(&self.provider)))
            .field("model", &self.model.as_deref().map(Redacted))
            .field("base_url", &self.base_url.as_deref().map(crate::net::redact_url))
            .field("api_key_env", &self.api_key_env.as_deref().map(VarName))
            .field("fallback", &self.fallback)
            .field("timeout_s", &self.timeout_s)
            .field("deadline_s", &self.deadline_s)
            .field("max_retries", &self.max_retries)
            .field("differential_check", &self.differential_check)
            .finish()
    }
}

impl fmt::Debug for SettlerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SettlerConfig")
            .field("kind", &self.kind)
            .field("chain", &self.chain)
            .field("rpc_url", &self.rpc_url.as_deref().map(crate::net::redact_url))
            .field("key_env", &self.key_env.as_deref().map(VarName))
            .field("keystore", &self.keystore.as_deref().map(path_debug))
            .field("password_env", &self.password_env.as_deref().map(VarName))
            .field("journal", &self.journal.as_deref().map(path_debug))
            .finish()
    }
}

impl fmt::Debug for ChainSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainSource::Preset(name) => f.debug_tuple("Preset").field(name).finish(),
            ChainSource::File(p) => f.debug_tuple("File").field(&path_debug(p)).finish(),
            ChainSource::Inline(c) => f.debug_tuple("Inline").field(c).finish(),
        }
    }
}
