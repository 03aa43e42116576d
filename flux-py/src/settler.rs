//! Parser and settler configuration from Python values, receipt bundles and their verification.
//!
//! Key material never crosses the FFI: a payment key is named by an environment variable *name*
//! (`key_env`) or a keystore *path* plus a password variable *name* (`keystore`, `password_env`);
//! an LLM API key by a variable name (`api_key_env`). The core reads them inside the process, and
//! no function returns them. Unknown option names are rejected, so a `"private_key"` entry can
//! never be silently accepted.

use flux_core::{
    Cart, ChainConfig, FluxBuilder, FluxError as CoreError, MemorySettler, OfflineParser, ReceiptBundle, SettleError, Settlement,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::{convert, error};

/// Cargo features compiled into this build (`fluxos.FEATURES`).
pub fn features() -> Vec<&'static str> {
    let mut f = Vec::new();
    if cfg!(feature = "signing") {
        f.push("signing");
    }
    if cfg!(feature = "evm") {
        f.push("evm");
    }
    if cfg!(feature = "llm") {
        f.push("llm");
    }
    f
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

/// A string option of a configuration mapping; unknown keys are rejected by [`check_keys`].
fn opt_str(py: Python<'_>, d: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<String>> {
    match d.get_item(key)? {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.extract::<std::path::PathBuf>() {
            Ok(p) => Ok(Some(p.to_string_lossy().into_owned())),
            Err(_) => Err(error::config(py, format!("option {key:?} must be a str"))),
        },
    }
}

fn check_keys(py: Python<'_>, d: &Bound<'_, PyDict>, what: &str, allowed: &[&str]) -> PyResult<()> {
    for k in d.keys() {
        let k: String = k.extract().map_err(|_| error::config(py, format!("{what} options must have str keys")))?;
        if !allowed.contains(&k.as_str()) {
            return Err(error::config(py, format!("unknown {what} option {:?}; expected one of {allowed:?}", short(&k))));
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------- parser

/// `parser="offline"` (default) | an LLM provider name (`"openai"`, `"gemini"`, `"groq"`,
/// `"local"`, read from the environment like the core's `LlmConfig::from_env`) | `"env"`
/// (`FLUX_PARSER`) | a mapping `{"provider", "model"?, "base_url"?, "api_key_env"?, "fallback"?,
/// "timeout_s"?}`.
pub fn parser(b: FluxBuilder, obj: &Bound<'_, PyAny>) -> PyResult<FluxBuilder> {
    if let Ok(s) = obj.cast::<PyString>() {
        if s.to_str()? == "offline" {
            return Ok(b.parser(OfflineParser));
        }
    }
    llm_parser(b, obj)
}

#[cfg(not(feature = "llm"))]
fn llm_parser(_b: FluxBuilder, obj: &Bound<'_, PyAny>) -> PyResult<FluxBuilder> {
    let what = obj.cast::<PyString>().map(|s| s.to_string()).unwrap_or_else(|_| "a mapping".into());
    Err(error::config(obj.py(), format!("parser {:?} is not available: this build of fluxos has no llm feature", short(&what))))
}

#[cfg(feature = "llm")]
fn llm_parser(b: FluxBuilder, obj: &Bound<'_, PyAny>) -> PyResult<FluxBuilder> {
    use flux_core::{ApiKeySource, LlmConfig, LlmError, ParserConfig, Provider};
    let py = obj.py();
    let llm = |e: LlmError| error::config(py, e.reason());
    let config = if let Ok(s) = obj.cast::<PyString>() {
        let name = s.to_str()?;
        if name == "env" {
            ParserConfig::from_env().map_err(llm)?
        } else {
            ParserConfig::Llm(LlmConfig::from_env(Provider::from_name(name).map_err(llm)?).map_err(llm)?)
        }
    } else if let Ok(d) = obj.cast::<PyDict>() {
        check_keys(py, d, "parser", &["provider", "model", "base_url", "api_key_env", "fallback", "timeout_s"])?;
        let provider = opt_str(py, d, "provider")?.ok_or_else(|| error::config(py, "an llm parser mapping needs \"provider\""))?;
        let mut c = LlmConfig::new(Provider::from_name(&provider).map_err(llm)?);
        if let Some(m) = opt_str(py, d, "model")? {
            c = c.with_model(m);
        }
        if let Some(u) = opt_str(py, d, "base_url")? {
            c = c.with_base_url(u);
        }
        if let Some(var) = opt_str(py, d, "api_key_env")? {
            c = c.with_api_key_source(ApiKeySource::Env(var));
        }
        if let Some(f) = d.get_item("fallback")? {
            c = c.with_fallback(f.extract::<bool>().map_err(|_| error::config(py, "\"fallback\" must be a bool"))?);
        }
        if let Some(t) = d.get_item("timeout_s")? {
            let ms = t.extract::<u64>().map_err(|_| error::config(py, "\"timeout_s\" must be an int"))?.saturating_mul(1000);
            c = c.with_request_timeout(std::time::Duration::from_millis(ms));
        }
        ParserConfig::Llm(c)
    } else {
        return Err(PyTypeError::new_err("parser must be a str or a mapping"));
    };
    error::map(py, b.parser_config(config))
}

// ------------------------------------------------------------------------------------ settler

/// What the binding keeps about the settler (for `verify`).
#[derive(Clone, Default)]
pub struct SettlerInfo {
    /// The chain of an EVM settler.
    pub chain: Option<ChainConfig>,
}

/// `settler=None` (the core's default: sandbox with signing) | `"memory"` | `"sandbox"` |
/// `{"kind": "memory" | "sandbox"}` | `{"kind": "evm", "chain": "arc-testnet" | path | mapping,
/// "rpc_url"?, "key_env"? | ("keystore", "password_env"), "journal"?}`.
pub fn settler(b: FluxBuilder, obj: Option<&Bound<'_, PyAny>>) -> PyResult<(FluxBuilder, SettlerInfo)> {
    let Some(obj) = obj else { return Ok((b, SettlerInfo::default())) };
    let py = obj.py();
    let (kind, opts) = if let Ok(s) = obj.cast::<PyString>() {
        (s.to_str()?.to_owned(), None)
    } else if let Ok(d) = obj.cast::<PyDict>() {
        let kind = opt_str(py, d, "kind")?
            .ok_or_else(|| error::config(py, "a settler mapping needs \"kind\": \"memory\" | \"sandbox\" | \"evm\""))?;
        (kind, Some(d.clone()))
    } else {
        return Err(PyTypeError::new_err("settler must be \"memory\", \"sandbox\", \"evm\" or a mapping with \"kind\""));
    };
    if let Some(d) = &opts {
        if kind != "evm" {
            check_keys(py, d, "settler", &["kind"])?;
        }
    }
    match kind.as_str() {
        "memory" => Ok((b.settler(MemorySettler::default()), SettlerInfo::default())),
        #[cfg(feature = "signing")]
        "sandbox" => Ok((b.settler(flux_core::SandboxSettler::default()), SettlerInfo::default())),
        #[cfg(feature = "evm")]
        "evm" => evm_settler(b, py, opts.as_ref()),
        other => Err(error::config(py, format!("settler {:?} is not available in this build (features: {:?})", short(other), features()))),
    }
}

#[cfg(feature = "evm")]
fn evm_settler(b: FluxBuilder, py: Python<'_>, opts: Option<&Bound<'_, PyDict>>) -> PyResult<(FluxBuilder, SettlerInfo)> {
    use flux_core::{EvmSettler, Journal, PaymentKey};
    let settle = |e: SettleError| error::to_py(py, CoreError::from(e));
    let empty = PyDict::new(py);
    let d = opts.unwrap_or(&empty);
    check_keys(py, d, "evm settler", &["kind", "chain", "rpc_url", "key_env", "keystore", "password_env", "journal"])?;
    let mut chain = match d.get_item("chain")? {
        Some(c) => chain_in(&c)?,
        None => ChainConfig::arc_testnet(),
    };
    if let Some(url) = opt_str(py, d, "rpc_url")? {
        chain = chain.with_rpc_url(url);
    }
    let key = match (opt_str(py, d, "key_env")?, opt_str(py, d, "keystore")?) {
        (Some(_), Some(_)) => return Err(error::config(py, "give either \"key_env\" or \"keystore\", not both")),
        (Some(var), None) => {
            // The value is read here, inside the kernel, and never returned or quoted.
            let hex = std::env::var(&var).map_err(|_| error::config(py, format!("key variable {} is not set", short(&var))))?;
            PaymentKey::from_hex(&hex)
                .map_err(|e| settle(SettleError::Config { reason: format!("{}: {}", short(&var), config_reason(&e)) }))?
        }
        (None, Some(path)) => {
            let password_env = opt_str(py, d, "password_env")?.unwrap_or_else(|| flux_core::KEYSTORE_PASSWORD_ENV.to_owned());
            PaymentKey::from_keystore(path, &password_env).map_err(settle)?
        }
        (None, None) => PaymentKey::from_env()
            .map_err(settle)?
            .ok_or_else(|| error::config(py, "no payment key: pass key_env=<variable name> or keystore=<path>, or set FLUX_PRIVATE_KEY"))?,
    };
    let journal = match opt_str(py, d, "journal")? {
        Some(path) => Journal::open(path).map_err(settle)?,
        None => Journal::in_memory().map_err(settle)?,
    };
    // Building the RPC client may need the runtime's context (timers, connection pools).
    let rt = crate::runtime::py_get()?;
    let _guard = rt.enter();
    let s = EvmSettler::new(chain.clone(), key, journal).map_err(settle)?;
    Ok((b.settler(s), SettlerInfo { chain: Some(chain) }))
}

/// A chain: `None` / `"arc-testnet"` (the preset) | a path to a TOML/JSON chain file | a mapping.
pub fn chain_in(c: &Bound<'_, PyAny>) -> PyResult<ChainConfig> {
    let py = c.py();
    let settle = |e: SettleError| error::to_py(py, CoreError::from(e));
    if c.is_none() {
        return Ok(ChainConfig::arc_testnet());
    }
    if let Ok(s) = c.cast::<PyString>() {
        return match s.to_str()? {
            "arc-testnet" | "arc_testnet" => Ok(ChainConfig::arc_testnet()),
            path => ChainConfig::from_path(path).map_err(settle),
        };
    }
    if c.is_instance_of::<PyDict>() {
        return ChainConfig::from_json(&convert::json_from_py(c)?).map_err(settle);
    }
    let path: std::path::PathBuf = c.extract().map_err(|_| error::config(py, "\"chain\" must be \"arc-testnet\", a path or a mapping"))?;
    ChainConfig::from_path(path).map_err(settle)
}

#[cfg(feature = "evm")]
fn config_reason(e: &SettleError) -> String {
    match e {
        SettleError::Config { reason } => reason.clone(),
        other => other.to_string(),
    }
}

// ------------------------------------------------------------------------------ receipt bundles

pub fn bundle_in(obj: &Bound<'_, PyAny>) -> PyResult<ReceiptBundle> {
    let py = obj.py();
    let text = match convert::text_in(obj)? {
        Some(t) => t,
        None => convert::json_from_py(obj)?,
    };
    error::map(py, ReceiptBundle::from_json(&text).map_err(CoreError::from))
}

/// The receipt bundle (JSON) of `settlement`, which paid `cart`.
pub fn bundle(py: Python<'_>, cart: &Cart, settlement: &Settlement, intent_hash: Option<&str>) -> PyResult<String> {
    error::map(py, ReceiptBundle::new(cart, settlement, intent_hash).map(|b| b.to_json()).map_err(CoreError::from))
}

/// The outcome of a verification, as data.
fn report(bundle: &ReceiptBundle, onchain: bool, legs: serde_json::Value) -> String {
    let mode = serde_json::to_value(bundle.mode).unwrap_or(serde_json::Value::Null);
    flux_core::to_canonical_json(&serde_json::json!({
        "ok": true,
        "cart_id": bundle.cart_id,
        "mode": mode,
        "onchain": onchain,
        "legs": legs,
    }))
}

/// Verifies a bundle: its internal consistency offline, then — for a broadcast EVM bundle, with
/// the `evm` feature — every leg re-read from the chain (this settler's chain, or `chain`).
pub async fn verify(bundle: ReceiptBundle, chain: Option<ChainConfig>) -> Result<String, CoreError> {
    bundle.check()?;
    #[cfg(feature = "evm")]
    if bundle.mode == flux_core::SettlementMode::Evm && bundle.broadcast {
        let chain = chain.ok_or_else(|| SettleError::Verification {
            reason: "an on-chain bundle needs an evm settler (or a chain) to verify against".into(),
        })?;
        let legs = flux_core::verify_bundle(&chain, &bundle).await?;
        return Ok(report(&bundle, true, serde_json::to_value(legs).unwrap_or_default()));
    }
    let _ = chain;
    let legs: Vec<serde_json::Value> =
        bundle.legs.iter().map(|l| serde_json::json!({"merchant_id": l.merchant_id, "tx_hash": l.tx_hash})).collect();
    Ok(report(&bundle, false, serde_json::Value::Array(legs)))
}

// ------------------------------------------------------------------------------ sandbox signing

/// Signs an ERC-20 `transfer(to, amount)` as an EIP-1559 transaction with the *public sandbox
/// key* (never funded: the bytes can never move money) and returns `(raw_tx, tx_hash)` as
/// `0x`-hex. The same fields give the same bytes as eth-account, viem and ethers. There is no
/// way to sign with any other key from Python: real keys only sign approved carts, inside the
/// kernel.
#[cfg(feature = "signing")]
#[pyfunction]
#[pyo3(signature = (*, to, amount, nonce = 0, chain_id = flux_core::ARC_TESTNET_CHAIN_ID, token = None,
    gas_limit = flux_core::SANDBOX_FEES.gas_limit, max_fee_per_gas = flux_core::SANDBOX_FEES.max_fee_per_gas,
    max_priority_fee_per_gas = flux_core::SANDBOX_FEES.max_priority_fee_per_gas))]
#[allow(clippy::too_many_arguments)]
pub fn sandbox_sign_transfer(
    py: Python<'_>,
    to: &str,
    amount: &Bound<'_, PyAny>,
    nonce: u64,
    chain_id: u64,
    token: Option<&str>,
    gas_limit: u64,
    max_fee_per_gas: u128,
    max_priority_fee_per_gas: u128,
) -> PyResult<(String, String)> {
    use std::sync::OnceLock;
    static KEY: OnceLock<Option<flux_core::PaymentKey>> = OnceLock::new();
    let key = KEY
        .get_or_init(|| flux_core::PaymentKey::from_hex(flux_core::SANDBOX_KEY_HEX).ok())
        .as_ref()
        .ok_or_else(|| error::config(py, "sandbox key unavailable"))?;
    let addr = |t: &str| error::map(py, flux_core::Address::parse(t).map_err(CoreError::from));
    let tx = flux_core::TransferTx {
        chain_id,
        nonce,
        gas_limit,
        max_fee_per_gas,
        max_priority_fee_per_gas,
        token: match token {
            Some(t) => addr(t)?,
            None => flux_core::ARC_TESTNET_USDC,
        },
        to: addr(to)?,
        amount: convert::amount_in(amount)?,
    };
    let signed = error::map(py, flux_core::sign_erc20_transfer(key, &tx).map_err(CoreError::from))?;
    Ok((signed.raw_tx, signed.tx_hash))
}

/// The sandbox signer's public address.
#[cfg(feature = "signing")]
#[pyfunction]
pub fn sandbox_address(py: Python<'_>) -> PyResult<String> {
    error::map(py, flux_core::SandboxSettler::address().map(|a| a.checksummed()).map_err(CoreError::from))
}

/// Registers the optional functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    #[cfg(feature = "signing")]
    {
        m.add_function(pyo3::wrap_pyfunction!(sandbox_sign_transfer, m)?)?;
        m.add_function(pyo3::wrap_pyfunction!(sandbox_address, m)?)?;
    }
    let _ = m;
    Ok(())
}
