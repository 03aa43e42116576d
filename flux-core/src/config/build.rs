//! From a [`FluxConfig`] to a running [`Flux`]: each part resolved once, here, for every host.

use std::sync::Arc;

use super::{CatalogSource, ChainSource, ConfigError, FluxConfig, ParserSource, PolicySource, SettlerConfig, SettlerKind};
use crate::catalog::{Catalog, CatalogData, EmbeddedCatalog, MemoryCatalog};
use crate::error::FluxError;
use crate::flux::{FixedClock, Flux, FluxBuilder};
use crate::intent::{IntentParser, OfflineParser};
use crate::policy::Policy;
use crate::settle::{ChainConfig, MemorySettler, PasswordSource, Settler};

impl Flux {
    /// Builds a `Flux` from its configuration. Parts that cannot be built fail with their own
    /// typed error (`CatalogError` for a missing catalog file, `PolicyError` for an invalid
    /// policy, `LLM_MISSING_API_KEY` for a parser without its key, `SETTLER_CONFIG` for an
    /// unusable payment key), configuration mistakes with `INVALID_CONFIG` naming the field.
    pub fn from_config(config: &FluxConfig) -> Result<Flux, FluxError> {
        FluxConfig::builder(config)?.build()
    }

    /// [`Flux::from_config`] for a host that keeps the keystore's password itself (a phone's
    /// secure storage, through a binding's callback): the configuration names the keystore file
    /// (`settler.keystore`) and `password` supplies its password, asked once while building.
    /// Naming `settler.password_env` as well is refused as ambiguous.
    pub fn from_config_with_password(config: &FluxConfig, password: Arc<dyn PasswordSource>) -> Result<Flux, FluxError> {
        FluxConfig::builder_with(config, Some(password))?.build()
    }
}

impl FluxConfig {
    /// A [`FluxBuilder`] with every configured part, for hosts that add parts of their own (a
    /// catalog object, a settler hook) before building.
    pub fn builder(config: &FluxConfig) -> Result<FluxBuilder, FluxError> {
        FluxConfig::builder_with(config, None)
    }

    /// [`FluxConfig::builder`] with the host's source of the keystore password (see
    /// [`Flux::from_config_with_password`]).
    pub fn builder_with(config: &FluxConfig, password: Option<Arc<dyn PasswordSource>>) -> Result<FluxBuilder, FluxError> {
        // Plain values first: a configuration refused here has opened no file and no ledger.
        if config.alternatives.is_some_and(|n| n > 100) {
            return Err(ConfigError::new("alternatives", "at most 100 alternatives per need").into());
        }
        if config.audit_retention == Some(0) {
            return Err(ConfigError::new("audit_retention", "must keep at least 1 event").into());
        }
        let mut b = Flux::builder();
        // The catalogs read now (not a feed or a server's, read on use) whose ids must not clash:
        // a clash found on the first plan failed every call after a successful start.
        let mut known: Vec<(usize, Arc<CatalogData>)> = Vec::new();
        for (i, source) in config.catalogs.iter().enumerate() {
            let (built, data) = catalog(source).map_err(|e| at(e, &format!("catalogs[{i}]")))?;
            if let Some(data) = data {
                clashes(&known, i, &data)?;
                known.push((i, data));
            }
            b = b.catalog_arc(built);
        }
        b = b.policy(policy(&config.policy)?);
        b = b.parser_arc(parser(&config.parser)?);
        let mode = match config.settler.kind {
            SettlerKind::Memory => crate::settle::SettlementMode::Memory,
            SettlerKind::Sandbox => crate::settle::SettlementMode::Sandbox,
            SettlerKind::Evm => crate::settle::SettlementMode::Evm,
        };
        // The settler's chain and key before the ledger: a settler refused (no key, a wrong
        // password) has created no ledger or journal file.
        let settler = settler(&config.settler, password)?;
        let journal_path = if config.settler.kind == SettlerKind::Evm { config.settler.journal.as_ref() } else { None };
        let (ledger, journal) = config.ledger.open(mode, journal_path).map_err(|e| at(e, "ledger"))?;
        b = b.settler_arc(settler(journal)?);
        b = b.ledger_arc(ledger);
        if let Some(ms) = config.now_ms {
            b = b.clock(FixedClock(ms));
        }
        if let Some(n) = config.alternatives {
            b = b.alternatives(n);
        }
        if let Some(n) = config.audit_retention {
            b = b.audit_retention(n);
        }
        Ok(b)
    }
}

/// A configuration error gets the field it came from (prefixed to its own sub-path); other errors
/// keep their own type.
fn at(e: FluxError, path: &str) -> FluxError {
    match e {
        FluxError::Config(c) if c.path.is_empty() => ConfigError::new(path, c.reason).into(),
        FluxError::Config(c) if !c.path.starts_with(path) => ConfigError::new(format!("{path}.{}", c.path), c.reason).into(),
        other => other,
    }
}

/// A file named like a keyword that does not exist ("embeded", "Demo", "arc-testnt") is most
/// likely a misspelt keyword: the error says which keywords there are.
fn missing(e: FluxError, path: &std::path::Path, keywords: &str) -> FluxError {
    if path.extension().is_some() || path.exists() {
        return e;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    ConfigError::new("", format!("there is no file {name:?} ({}); {keywords}", path.display())).into()
}

/// A configured catalog, with its contents when they are read while building.
type Built = (Arc<dyn Catalog>, Option<Arc<CatalogData>>);

fn catalog(source: &CatalogSource) -> Result<Built, FluxError> {
    let read = |c: MemoryCatalog| {
        let data = c.data().clone();
        (Arc::new(c) as Arc<dyn Catalog>, Some(data))
    };
    Ok(match source {
        CatalogSource::Embedded => (Arc::new(EmbeddedCatalog), Some(EmbeddedCatalog::data())),
        CatalogSource::File(path) => {
            read(MemoryCatalog::from_path(path).map_err(|e| missing(e.into(), path, "the built-in catalog is \"embedded\""))?)
        }
        CatalogSource::Inline(doc) => read(MemoryCatalog::from_json(&doc.to_string())?),
        CatalogSource::Feed(feed) => (feed.build()?, None),
    })
}

/// `INVALID_CONFIG` at `catalogs[i]` when it defines an offer id, or a vendor id differently, that
/// an earlier catalog does (a vendor defined alike in both is one vendor).
fn clashes(known: &[(usize, Arc<CatalogData>)], i: usize, data: &CatalogData) -> Result<(), FluxError> {
    for (j, other) in known {
        let offer = data.offers().find(|o| other.offer(&o.id).is_some()).map(|o| format!("offer id \"{}\"", o.id));
        let vendor = || data.vendors().find(|v| other.vendor(&v.id).is_some_and(|w| w != *v)).map(|v| format!("vendor id \"{}\"", v.id));
        if let Some(what) = offer.or_else(vendor) {
            let reason = format!("{what} is also in catalogs[{j}]: each catalog is listed once, and ids are unique across catalogs");
            return Err(ConfigError::new(format!("catalogs[{i}]"), reason).into());
        }
    }
    Ok(())
}

fn policy(source: &PolicySource) -> Result<Policy, FluxError> {
    Ok(match source {
        PolicySource::Demo => Policy::demo(),
        PolicySource::File(path) => {
            Policy::from_path(path).map_err(|e| at(missing(e.into(), path, "the built-in policy is \"demo\""), "policy"))?
        }
        PolicySource::Inline(doc) => Policy::new(doc.merchants.clone(), doc.rules.clone())?,
    })
}

/// A variable *name* (`OPENAI_API_KEY`), never a value: anything else is refused without being
/// repeated, since it may be the secret itself pasted into the wrong field.
#[cfg(any(feature = "llm", feature = "evm", feature = "postgres"))]
pub(crate) fn check_var_name(path: &str, name: &str) -> Result<(), ConfigError> {
    let ok = !name.is_empty()
        && name.len() <= 128
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit();
    if ok {
        Ok(())
    } else {
        Err(ConfigError::new(path, "must be the name of an environment variable (letters, digits, _), not a value"))
    }
}

/// `LLM_INVALID_CONFIG` for a parser name that is none, naming its field and every choice: the
/// misspelt "ofline" was told the LLM providers only.
#[cfg(feature = "llm")]
fn unknown_parser(path: &str, name: &str) -> FluxError {
    let name = crate::redact::word_label(name.trim());
    let reason =
        format!("{path}: unknown parser {name}; expected offline (the default), or an LLM provider: openai, gemini, groq or local");
    crate::intent::LlmError::InvalidConfig { reason }.into()
}

#[cfg(feature = "llm")]
fn parser(source: &ParserSource) -> Result<Arc<dyn IntentParser>, FluxError> {
    use crate::intent::{ApiKeySource, LlmConfig, ParserConfig, Provider};
    let config = match source {
        ParserSource::Offline => return Ok(Arc::new(OfflineParser)),
        ParserSource::Env => ParserConfig::from_env()?,
        ParserSource::Provider(name) => {
            ParserConfig::Llm(LlmConfig::from_env(Provider::from_name(name).map_err(|_| unknown_parser("parser", name))?)?)
        }
        ParserSource::Llm(s) => {
            let mut c = LlmConfig::new(Provider::from_name(&s.provider).map_err(|_| unknown_parser("parser.provider", &s.provider))?);
            if let Some(m) = &s.model {
                c = c.with_model(m.clone());
            }
            if let Some(u) = &s.base_url {
                c = c.with_base_url(u.clone());
            }
            if let Some(var) = &s.api_key_env {
                check_var_name("parser.api_key_env", var)?;
                c = c.with_api_key_source(ApiKeySource::Env(var.clone()));
            }
            if let Some(f) = s.fallback {
                c = c.with_fallback(f);
            }
            if let Some(t) = s.timeout_s {
                c = c.with_request_timeout(std::time::Duration::from_secs(t));
            }
            if let Some(d) = s.deadline_s {
                c = c.with_deadline(std::time::Duration::from_secs(d));
            }
            if let Some(r) = s.max_retries {
                c.max_retries = r;
            }
            if let Some(d) = s.differential_check {
                c = c.with_differential_check(d);
            }
            ParserConfig::Llm(c)
        }
    };
    Ok(config.build()?)
}

#[cfg(not(feature = "llm"))]
fn parser(source: &ParserSource) -> Result<Arc<dyn IntentParser>, FluxError> {
    let wanted = match source {
        ParserSource::Offline => None,
        ParserSource::Env => {
            std::env::var("FLUX_PARSER").ok().filter(|v| !v.trim().is_empty() && !v.trim().eq_ignore_ascii_case("offline"))
        }
        ParserSource::Provider(name) => Some(name.clone()),
        ParserSource::Llm(s) => Some(s.provider.clone()),
    };
    match wanted {
        None => Ok(Arc::new(OfflineParser)),
        Some(name) => Err(ConfigError::new(
            "parser",
            format!("parser {} is not available: this build has no llm feature", crate::redact::word_label(&name)),
        )
        .into()),
    }
}

impl ChainSource {
    /// The chain this names: the preset, the file's contents, or the inline table, validated.
    pub fn load(&self) -> Result<ChainConfig, FluxError> {
        Ok(match self {
            ChainSource::Preset(name) if name == "arc-testnet" => ChainConfig::arc_testnet(),
            ChainSource::Preset(name) => {
                return Err(ConfigError::new("", format!("unknown chain preset {name:?}; known: arc-testnet")).into())
            }
            ChainSource::File(path) => {
                ChainConfig::from_path(path).map_err(|e| missing(e.into(), path, "the chain presets are: arc-testnet"))?
            }
            ChainSource::Inline(c) => (**c).clone().validate()?,
        })
    }
}

/// A settler built once the ledger gives it its journal.
type WithJournal = Box<dyn FnOnce(Arc<dyn crate::ledger::LegJournal>) -> Result<Arc<dyn Settler>, FluxError>>;

/// The settler `config` describes, its chain and key resolved: what it needs of the ledger is
/// given last.
fn settler(config: &SettlerConfig, password: Option<Arc<dyn PasswordSource>>) -> Result<WithJournal, FluxError> {
    if config.kind != SettlerKind::Evm {
        let evm_only = [
            ("settler.chain", config.chain.is_some()),
            ("settler.rpc_url", config.rpc_url.is_some()),
            ("settler.key_env", config.key_env.is_some()),
            ("settler.keystore", config.keystore.is_some()),
            ("settler.password_env", config.password_env.is_some()),
            ("settler.journal", config.journal.is_some()),
        ];
        if let Some((path, _)) = evm_only.iter().find(|(_, set)| *set) {
            return Err(ConfigError::new(*path, format!("only applies to kind = \"evm\", not {:?}", config.kind.as_str())).into());
        }
    }
    match config.kind {
        SettlerKind::Memory => Ok(Box::new(|_| Ok(Arc::new(MemorySettler::default())))),
        #[cfg(feature = "signing")]
        SettlerKind::Sandbox => Ok(Box::new(|_| Ok(Arc::new(crate::settle::SandboxSettler::default())))),
        #[cfg(feature = "evm")]
        SettlerKind::Evm => evm::settler(config, password),
        #[allow(unreachable_patterns)]
        other => {
            let _ = password;
            Err(ConfigError::new("settler.kind", format!("settler {:?} is not available in this build", other.as_str())).into())
        }
    }
}

#[cfg(feature = "evm")]
mod evm {
    use std::sync::Arc;

    use super::{check_var_name, PasswordSource};
    use crate::config::{ConfigError, SettlerConfig};
    use crate::error::FluxError;
    use crate::settle::{ChainConfig, EvmSettler, PaymentKey, SettleError, Settler, KEYSTORE_PASSWORD_ENV};

    fn key(config: &SettlerConfig, password: Option<Arc<dyn PasswordSource>>) -> Result<PaymentKey, FluxError> {
        match (&config.key_env, &config.keystore) {
            (Some(_), Some(_)) => Err(ConfigError::new("settler.keystore", "give either key_env or keystore, not both").into()),
            (Some(var), None) => {
                check_var_name("settler.key_env", var)?;
                // The value is read here, inside the kernel, and never returned or quoted.
                let hex = std::env::var(var).map_err(|_| {
                    ConfigError::new("settler.key_env", format!("the key variable {} is not set", crate::redact::var_label(var)))
                })?;
                PaymentKey::from_hex(&hex).map_err(|e| match e {
                    SettleError::Config { reason } => {
                        SettleError::Config { reason: format!("{}: {reason}", crate::redact::var_label(var)) }.into()
                    }
                    other => other.into(),
                })
            }
            (None, Some(path)) => match (password, &config.password_env) {
                (Some(_), Some(_)) => {
                    Err(ConfigError::new("settler.password_env", "the host supplies the keystore password; do not also name a variable")
                        .into())
                }
                (Some(source), None) => Ok(PaymentKey::from_keystore_with(path, source.as_ref())?),
                (None, _) => {
                    let password_env = config.password_env.as_deref().unwrap_or(KEYSTORE_PASSWORD_ENV);
                    check_var_name("settler.password_env", password_env)?;
                    Ok(PaymentKey::from_keystore(path, password_env)?)
                }
            },
            (None, None) => PaymentKey::from_env()?.ok_or_else(|| {
                ConfigError::new(
                    "settler.key_env",
                    "no payment key: name the variable that holds it (key_env) or a keystore, or set FLUX_PRIVATE_KEY",
                )
                .into()
            }),
        }
    }

    pub(super) fn settler(config: &SettlerConfig, password: Option<Arc<dyn PasswordSource>>) -> Result<super::WithJournal, FluxError> {
        if config.password_env.is_some() && config.keystore.is_none() {
            return Err(ConfigError::new("settler.password_env", "only applies with a keystore").into());
        }
        let mut chain = match &config.chain {
            Some(source) => source.load().map_err(|e| super::at(e, "settler.chain"))?,
            None => ChainConfig::arc_testnet(),
        };
        if let Some(url) = &config.rpc_url {
            chain = chain.with_rpc_url(url.clone()).validate()?;
        }
        let key = key(config, password)?;
        // The journal is the ledger's: signed legs and nonces live with spend and keys.
        Ok(Box::new(move |journal| Ok(Arc::new(EvmSettler::new(chain, key, journal)?) as Arc<dyn Settler>)))
    }
}
