//! `ledger`: where spend, idempotency keys, the leg journal and nonces are kept.

use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ConfigError;
use crate::error::FluxError;
use crate::ledger::{ledger_text, LedgerError, LedgerParts, LedgerText};
use crate::settle::SettlementMode;

/// The ledger: `"default"` (the durable SQLite file in the data directory, or what
/// `FLUX_LEDGER` names), `"memory"` (lost with the process: asked for by name), a path to a
/// SQLite file, or `{ postgres_url_env = "VAR" }` — PostgreSQL, whose URL (credentials inside)
/// is read from that environment variable, never written in the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LedgerSource {
    /// The durable default.
    #[default]
    Default,
    /// In process memory.
    Memory,
    /// A SQLite file.
    Sqlite(PathBuf),
    /// PostgreSQL; the URL is in this environment variable.
    Postgres {
        /// The variable holding the connection URL.
        url_env: String,
    },
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct PgTable {
    postgres_url_env: String,
}

impl<'de> Deserialize<'de> for LedgerSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Table(PgTable),
        }
        match Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected \"default\", \"memory\", a SQLite file path, or { postgres_url_env = \"VAR\" }")
        })? {
            Raw::Text(t) => LedgerSource::from_text(&t).map_err(serde::de::Error::custom),
            Raw::Table(t) => Ok(LedgerSource::Postgres { url_env: t.postgres_url_env }),
        }
    }
}

impl Serialize for LedgerSource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            LedgerSource::Default => s.serialize_str("default"),
            LedgerSource::Memory => s.serialize_str("memory"),
            LedgerSource::Sqlite(p) => p.serialize(s),
            LedgerSource::Postgres { url_env } => PgTable { postgres_url_env: url_env.clone() }.serialize(s),
        }
    }
}

impl LedgerSource {
    /// A ledger named in text: `"default"`, `"memory"` or a SQLite file path, which must look
    /// like one (a misspelt `"memroy"` is an error, not a file).
    pub(crate) fn from_text(text: &str) -> Result<LedgerSource, LedgerError> {
        Ok(match ledger_text(text)? {
            LedgerText::Default => LedgerSource::Default,
            LedgerText::Memory => LedgerSource::Memory,
            LedgerText::File(path) => LedgerSource::Sqlite(path),
        })
    }

    pub(super) fn is_default(&self) -> bool {
        *self == LedgerSource::Default
    }

    /// Opens the ledger (`journal`: the settler's legacy `journal` path, used as the SQLite file
    /// when the ledger is the default).
    pub(super) fn open(&self, mode: SettlementMode, journal: Option<&PathBuf>) -> Result<LedgerParts, FluxError> {
        match (self, journal) {
            (LedgerSource::Default, Some(path)) => sqlite(path),
            (LedgerSource::Default, None) => Ok(crate::ledger::default_ledger(mode)?),
            (_, Some(_)) => Err(ConfigError::new("settler.journal", "the journal is the ledger's: set `ledger` only").into()),
            (LedgerSource::Memory, None) => Ok(crate::ledger::memory_ledger()),
            (LedgerSource::Sqlite(path), None) => sqlite(path),
            (LedgerSource::Postgres { url_env }, None) => postgres(url_env),
        }
    }
}

#[cfg(feature = "sqlite")]
fn sqlite(path: &std::path::Path) -> Result<LedgerParts, FluxError> {
    Ok(crate::ledger::sqlite_ledger(path)?)
}

#[cfg(not(feature = "sqlite"))]
fn sqlite(_: &std::path::Path) -> Result<LedgerParts, FluxError> {
    Err(ConfigError::new("ledger", "a SQLite ledger needs flux-core's `sqlite` feature").into())
}

#[cfg(feature = "postgres")]
fn postgres(url_env: &str) -> Result<LedgerParts, FluxError> {
    super::build::check_var_name("ledger.postgres_url_env", url_env)?;
    let url = std::env::var(url_env).map_err(|_| ConfigError::new("ledger.postgres_url_env", format!("{url_env} is not set")))?;
    Ok(crate::ledger::postgres_ledger(&url)?)
}

#[cfg(not(feature = "postgres"))]
fn postgres(_: &str) -> Result<LedgerParts, FluxError> {
    Err(ConfigError::new("ledger", "a PostgreSQL ledger needs flux-core's `postgres` feature").into())
}
