//! [`FluxConfig`]: one serde description of a whole [`Flux`](crate::Flux) — catalogs, policy,
//! parser, settler, audit retention — that every host loads the same way, from TOML, JSON, a
//! host's own data (a Python dict, a JS object) or environment variables.
//!
//! ```toml
//! catalogs = ["embedded", "catalogs/local-shop.json"]   # "embedded", a path, or an inline table
//! policy = "policy.toml"                                 # "demo", a path, or an inline table
//! parser = "offline"                                     # "offline", "openai", ... or a table
//!
//! [settler]                                              # or settler = "sandbox" | "memory"
//! kind = "evm"
//! chain = "arc-testnet"                                  # a preset, a path, or an inline table
//! key_env = "FLUX_PRIVATE_KEY"                           # the *name* of the variable
//! journal = "flux-journal.sqlite"
//! ```
//!
//! Unknown fields are refused and every error names the field path (`settler.chain.rpc_urls`).
//! Keys never appear in a configuration: it names the environment variable (or the keystore file
//! and its password's variable) the kernel reads them from. The JSON Schema of this type is
//! [`FluxConfig::JSON_SCHEMA`], generated from the type and checked fresh by the tests.

mod build;
mod feed;
mod ledger;
mod sources;

#[cfg(feature = "schema")]
mod schema;

#[cfg(feature = "schema")]
pub use schema::config_schema;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::error::ConfigError;

#[cfg(feature = "schema")]
use crate::policy::PolicyDocument;
pub use feed::FeedSource;
pub use ledger::LedgerSource;
pub use sources::{CatalogSource, ChainSource, LlmSettings, ParserSource, PolicySource, SettlerConfig, SettlerKind, CHAIN_PRESETS};

/// A whole `Flux`, as data. Every field has a default: the embedded catalog, the
/// demo policy, the offline parser and the sandbox settler (signed, never broadcast).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FluxConfig {
    /// Where offers come from: one catalog, or several that merge (offer and vendor ids must
    /// stay unique). Empty: the embedded catalog.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "sources::catalogs_from")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::catalogs"))]
    pub catalogs: Vec<CatalogSource>,
    /// The merchant registry and spending rules. Default: the demo policy.
    #[serde(default)]
    pub policy: PolicySource,
    /// How prompts become needs. Default: the deterministic offline parser.
    #[serde(default)]
    pub parser: ParserSource,
    /// How approved carts are paid. Default: the sandbox (real signatures, never broadcast).
    #[serde(default, deserialize_with = "sources::settler_from")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::settler"))]
    pub settler: SettlerConfig,
    /// Where spend, idempotency keys, the leg journal and nonces are kept. Default: the durable
    /// SQLite file in the data directory (or what `FLUX_LEDGER` names).
    #[serde(default, skip_serializing_if = "LedgerSource::is_default")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::ledger"))]
    pub ledger: LedgerSource,
    /// Ranked alternatives shown per need (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = 100)))]
    pub alternatives: Option<usize>,
    /// Audit events kept in memory before the oldest are forgotten (default 10,000; at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub audit_retention: Option<usize>,
    /// A fixed clock in Unix milliseconds, for tests and determinism vectors. Default: the system
    /// clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now_ms: Option<u64>,
}

/// The variables [`FluxConfig::from_env`] reads.
pub const CONFIG_ENV_VARS: [&str; 10] = [
    "FLUX_CONFIG",
    "FLUX_CATALOGS",
    "FLUX_POLICY",
    "FLUX_PARSER",
    "FLUX_SETTLER",
    "FLUX_CHAIN",
    "FLUX_RPC_URL",
    "FLUX_KEY_ENV",
    "FLUX_JOURNAL",
    "FLUX_LEDGER",
];

/// A TOML syntax error with where it is: "line 3, column 14: missing comma between array
/// elements" (a message alone left the user to search the file).
fn at_line(text: &str, span: Option<std::ops::Range<usize>>, message: &str) -> String {
    let Some(start) = span.map(|s| s.start.min(text.len())) else { return message.to_owned() };
    let before = text.get(..start).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}: {}", message.trim_end())
}

impl FluxConfig {
    /// The JSON Schema (draft 2020-12) of a configuration document, for editors and hosts that
    /// validate before they build.
    pub const JSON_SCHEMA: &'static str = include_str!("../../schema/flux-config.schema.json");

    /// Parses a JSON document (numbers keep their exact text).
    pub fn from_json(text: &str) -> Result<FluxConfig, ConfigError> {
        // serde reads a struct from an array too, so "[]" was the default configuration.
        // A file saved with a byte order mark is read as one without.
        let text = text.trim_start_matches('\u{feff}');
        if !text.trim_start().starts_with('{') {
            return Err(ConfigError::new("", "a configuration is a JSON object: {\"catalogs\": ..., \"policy\": ..., ...}"));
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let config: FluxConfig = serde_path_to_error::deserialize(&mut de).map_err(path_error)?;
        de.end().map_err(|e| ConfigError::new("", e.to_string()))?;
        Ok(config)
    }

    /// Parses a TOML document.
    pub fn from_toml(text: &str) -> Result<FluxConfig, ConfigError> {
        let de = toml::Deserializer::parse(text).map_err(|e| ConfigError::new("", at_line(text, e.span(), e.message())))?;
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            ConfigError::new(clean_path(&path), inner.message().to_owned())
        })
    }

    /// Reads a `.toml` or `.json` file. Relative paths inside it (catalog, policy and chain files,
    /// keystore, journal) are taken relative to the file's directory.
    pub fn from_path(path: impl AsRef<Path>) -> Result<FluxConfig, ConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::new("", format!("cannot read configuration file {}: {}", path.display(), crate::files::io_reason(&e)))
        })?;
        let config = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            FluxConfig::from_json(&text)?
        } else {
            FluxConfig::from_toml(&text)?
        };
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config.relative_to(&base))
    }

    /// The configuration named by the environment: the file at `FLUX_CONFIG` (or the defaults),
    /// then these overrides when set — `FLUX_CATALOGS` (catalog files separated by the platform's
    /// path separator, `embedded` for the embedded one), `FLUX_POLICY` (`demo` or a path),
    /// `FLUX_PARSER` (`offline`, `openai`, `gemini`, `groq`, `local`), `FLUX_SETTLER`
    /// (`memory`, `sandbox`, `evm`), and for an EVM settler `FLUX_CHAIN`, `FLUX_RPC_URL`,
    /// `FLUX_KEY_ENV`, `FLUX_JOURNAL`.
    pub fn from_env() -> Result<FluxConfig, ConfigError> {
        FluxConfig::from_vars(|name| std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()))
    }

    /// [`FluxConfig::from_env`] over any source of variables (tests, a host's own settings).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<FluxConfig, ConfigError> {
        let mut config = match var("FLUX_CONFIG") {
            Some(path) => FluxConfig::from_path(&path)?,
            None => FluxConfig::default(),
        };
        if let Some(list) = var("FLUX_CATALOGS") {
            config.catalogs = std::env::split_paths(&list)
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| if p == Path::new("embedded") { CatalogSource::Embedded } else { CatalogSource::File(p) })
                .collect();
        }
        if let Some(p) = var("FLUX_POLICY") {
            config.policy = if p == "demo" { PolicySource::Demo } else { PolicySource::File(PathBuf::from(p)) };
        }
        if let Some(p) = var("FLUX_PARSER") {
            config.parser = ParserSource::from_name(&p);
        }
        if let Some(l) = var("FLUX_LEDGER") {
            config.ledger = LedgerSource::from_text(&l).map_err(|e| ConfigError::new("FLUX_LEDGER", e.to_string()))?;
        }
        if let Some(kind) = var("FLUX_SETTLER") {
            let kind = SettlerKind::from_name(&kind).ok_or_else(|| {
                ConfigError::new(
                    "FLUX_SETTLER",
                    format!("unknown settler {}; expected memory, sandbox or evm", crate::redact::word_label(&kind)),
                )
            })?;
            if kind != config.settler.kind {
                config.settler = SettlerConfig { kind, ..SettlerConfig::default() };
            }
        }
        let evm_vars = [("FLUX_CHAIN", 0), ("FLUX_RPC_URL", 1), ("FLUX_KEY_ENV", 2), ("FLUX_JOURNAL", 3)];
        for (name, which) in evm_vars {
            let Some(value) = var(name) else { continue };
            if config.settler.kind != SettlerKind::Evm {
                return Err(ConfigError::new(name, "only applies to an EVM settler (FLUX_SETTLER=evm)"));
            }
            let s = &mut config.settler;
            match which {
                0 => s.chain = Some(ChainSource::from_name(&value)),
                1 => s.rpc_url = Some(value),
                2 => s.key_env = Some(value),
                _ => s.journal = Some(PathBuf::from(value)),
            }
        }
        Ok(config)
    }

    /// This configuration as pretty JSON (what [`FluxConfig::from_json`] reads back).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Relative file paths rebased onto `base`.
    fn relative_to(mut self, base: &Path) -> FluxConfig {
        let rebase = |p: &mut PathBuf| {
            if p.is_relative() && !base.as_os_str().is_empty() {
                *p = base.join(&*p);
            }
        };
        for c in &mut self.catalogs {
            if let CatalogSource::File(p) = c {
                rebase(p);
            }
        }
        if let PolicySource::File(p) = &mut self.policy {
            rebase(p);
        }
        if let Some(ChainSource::File(p)) = &mut self.settler.chain {
            rebase(p);
        }
        if let Some(p) = &mut self.settler.keystore {
            rebase(p);
        }
        if let Some(p) = &mut self.settler.journal {
            rebase(p);
        }
        if let LedgerSource::Sqlite(p) = &mut self.ledger {
            rebase(p);
        }
        self
    }
}

fn path_error(e: serde_path_to_error::Error<serde_json::Error>) -> ConfigError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    // serde_json appends " at line L column C"; the path says where already.
    let msg = inner.to_string();
    let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_owned();
    ConfigError::new(clean_path(&path), msg)
}

/// serde_path_to_error writes `.` for the root.
fn clean_path(path: &str) -> String {
    if path == "." {
        String::new()
    } else {
        path.to_owned()
    }
}

#[cfg(test)]
mod tests;
