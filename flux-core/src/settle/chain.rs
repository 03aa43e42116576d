//! Chains by configuration: which network, which token, how to reach it and how patient to be.

use serde::{Deserialize, Serialize};

use super::SettleError;
use crate::address::Address;
use crate::net::redact_url;
use crate::target::{Target, ARC_TESTNET_CHAIN_ID, ARC_TESTNET_USDC};

const GWEI: u128 = 1_000_000_000;

/// An EVM chain and the ERC-20 token Flux pays with on it. Loadable from TOML or JSON; every
/// field but `chain_id`, `rpc_urls` and `token` has a default.
///
/// ```
/// let arc = flux_core::ChainConfig::arc_testnet();
/// assert_eq!(arc.chain_id, 5_042_002);
/// assert_eq!(arc.token_decimals, 6);
/// let local = flux_core::ChainConfig::from_toml(r#"
///     chain_id = 31337
///     rpc_urls = ["http://127.0.0.1:8545"]
///     token = "0x3600000000000000000000000000000000000000"
/// "#).unwrap();
/// assert_eq!(local.min_max_fee_per_gas, 0);
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChainConfig {
    /// Human name (logs only).
    #[serde(default = "default_name")]
    pub name: String,
    /// EIP-155 chain id; checked against the node before anything is signed.
    pub chain_id: u64,
    /// JSON-RPC endpoints, tried in order. May carry credentials, so they never appear in errors.
    pub rpc_urls: Vec<String>,
    /// The ERC-20 token contract.
    pub token: Address,
    /// The token's decimals; checked against `decimals()` in preflight.
    #[serde(default = "default_decimals")]
    pub token_decimals: u8,
    /// Explorer link for a transaction, with `{hash}` where the hash goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explorer_tx_url: Option<String>,
    /// The lowest max fee per gas (wei) the chain accepts (Arc: 20 gwei).
    #[serde(default)]
    pub min_max_fee_per_gas: u128,
    /// Priority fee per gas (wei).
    #[serde(default = "default_priority")]
    pub max_priority_fee_per_gas: u128,
    /// Largest gas limit Flux will give one transfer; an estimate above it fails preflight.
    #[serde(default = "default_gas_cap")]
    pub gas_cap: u64,
    /// Whether the native gas balance is the same money as the token (Arc: USDC is both), so
    /// preflight needs gas + transfers from one balance.
    #[serde(default)]
    pub native_is_token: bool,
    /// How long to wait for all receipts of one settlement (ms).
    #[serde(default = "default_receipt_timeout")]
    pub receipt_timeout_ms: u64,
    /// Receipt polling interval (ms).
    #[serde(default = "default_poll")]
    pub poll_interval_ms: u64,
    /// Retries of one RPC call on HTTP 429, JSON-RPC -32011 or a transport error.
    #[serde(default = "default_retries")]
    pub max_retries: u32,
    /// First retry delay (ms); doubles per attempt, capped at 5 s.
    #[serde(default = "default_backoff")]
    pub backoff_ms: u64,
    /// Most calls per JSON-RPC batch request (simulations, broadcasts, receipt polls); 0 or 1
    /// sends every call on its own. A node that rejects batches is detected and served singly.
    #[serde(default = "default_batch_size")]
    pub batch_size: usize,
}

fn default_name() -> String {
    "evm".into()
}
fn default_decimals() -> u8 {
    6
}
fn default_priority() -> u128 {
    GWEI
}
fn default_gas_cap() -> u64 {
    150_000
}
fn default_receipt_timeout() -> u64 {
    60_000
}
fn default_poll() -> u64 {
    200
}
fn default_retries() -> u32 {
    5
}
fn default_backoff() -> u64 {
    200
}
fn default_batch_size() -> usize {
    100
}

impl std::fmt::Debug for ChainConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainConfig")
            .field("name", &self.name)
            .field("chain_id", &self.chain_id)
            .field("rpc_urls", &self.rpc_urls.iter().map(|u| redact_url(u)).collect::<Vec<_>>())
            .field("token", &self.token)
            .field("token_decimals", &self.token_decimals)
            .field("min_max_fee_per_gas", &self.min_max_fee_per_gas)
            .finish_non_exhaustive()
    }
}

/// A configuration error whose text may quote the document (serde's messages do): quoted values,
/// URLs and key-shaped runs are taken out.
fn config_error(reason: &str) -> SettleError {
    SettleError::Config { reason: crate::redact::text(reason) }
}

impl ChainConfig {
    /// Arc Testnet: chain 5042002, USDC (6 decimals) at `0x3600…00`, 20 gwei minimum fee,
    /// gas paid in USDC from the same balance.
    pub fn arc_testnet() -> ChainConfig {
        ChainConfig {
            name: "arc-testnet".into(),
            chain_id: ARC_TESTNET_CHAIN_ID,
            rpc_urls: vec!["https://rpc.testnet.arc.network".into()],
            token: ARC_TESTNET_USDC,
            token_decimals: 6,
            explorer_tx_url: Some("https://testnet.arcscan.app/tx/{hash}".into()),
            min_max_fee_per_gas: 20 * GWEI,
            max_priority_fee_per_gas: GWEI,
            gas_cap: default_gas_cap(),
            native_is_token: true,
            receipt_timeout_ms: default_receipt_timeout(),
            poll_interval_ms: default_poll(),
            max_retries: default_retries(),
            backoff_ms: default_backoff(),
            batch_size: default_batch_size(),
        }
    }

    /// The same chain reached through another endpoint (e.g. a local anvil fork of Arc).
    pub fn with_rpc_url(mut self, url: impl Into<String>) -> ChainConfig {
        self.rpc_urls = vec![url.into()];
        self
    }

    /// Parses TOML.
    pub fn from_toml(text: &str) -> Result<ChainConfig, SettleError> {
        let c: ChainConfig = toml::from_str(text).map_err(|e| config_error(&format!("chain config: {}", e.message())))?;
        c.validate()
    }

    /// Parses JSON.
    pub fn from_json(text: &str) -> Result<ChainConfig, SettleError> {
        let c: ChainConfig = serde_json::from_str(text).map_err(|e| config_error(&format!("chain config: {e}")))?;
        c.validate()
    }

    /// Reads a `.toml` or `.json` file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<ChainConfig, SettleError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| config_error(&format!("cannot read chain config {}: {}", path.display(), crate::files::io_reason(&e))))?;
        if path.extension().is_some_and(|e| e == "json") {
            ChainConfig::from_json(&text)
        } else {
            ChainConfig::from_toml(&text)
        }
    }

    /// Checks the values make sense.
    pub fn validate(self) -> Result<ChainConfig, SettleError> {
        let bad = |reason: &str| Err(SettleError::Config { reason: format!("chain config: {reason}") });
        if self.chain_id == 0 {
            return bad("chain_id must not be 0");
        }
        if self.rpc_urls.is_empty() || self.rpc_urls.iter().any(|u| !(u.starts_with("http://") || u.starts_with("https://"))) {
            return bad("rpc_urls must be one or more http(s) URLs");
        }
        // Parsed here, not first when the settler is built: a configuration is refused before it
        // opens a ledger.
        #[cfg(feature = "evm")]
        if let Some(u) = self.rpc_urls.iter().find(|u| u.parse::<alloy::transports::http::reqwest::Url>().is_err()) {
            return bad(&format!("invalid rpc url {}", redact_url(u)));
        }
        if self.token.is_zero() {
            return bad("token must not be the zero address");
        }
        if self.token_decimals > 18 {
            return bad("token_decimals must be at most 18");
        }
        if self.explorer_tx_url.as_deref().is_some_and(|t| !t.contains("{hash}")) {
            return bad("explorer_tx_url must contain {hash}");
        }
        if self.gas_cap < 21_000 {
            return bad("gas_cap must be at least 21000");
        }
        Ok(self)
    }

    /// The chain and token as the policy sees them.
    pub fn target(&self) -> Target {
        Target { chain_id: self.chain_id, token: self.token }
    }

    /// The explorer link for a transaction hash, if the chain has an explorer.
    pub fn explorer_url(&self, tx_hash: &str) -> Option<String> {
        self.explorer_tx_url.as_ref().map(|t| t.replace("{hash}", tx_hash))
    }

    /// The endpoint's scheme and host only, for messages.
    pub fn rpc_label(&self) -> String {
        self.rpc_urls.first().map(|u| redact_url(u)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arc_preset_and_round_trip() {
        let arc = ChainConfig::arc_testnet();
        assert_eq!(arc.min_max_fee_per_gas, 20_000_000_000);
        assert_eq!(arc.explorer_url("0xab").as_deref(), Some("https://testnet.arcscan.app/tx/0xab"));
        let json = serde_json::to_string(&arc).unwrap();
        assert_eq!(ChainConfig::from_json(&json).unwrap(), arc);
    }

    #[test]
    fn rejects_bad_configs() {
        let base = r#"chain_id = 1
rpc_urls = ["http://x"]
token = "0x3600000000000000000000000000000000000000""#;
        assert!(ChainConfig::from_toml(base).is_ok());
        assert!(ChainConfig::from_toml(&base.replace("chain_id = 1", "chain_id = 0")).is_err());
        assert!(ChainConfig::from_toml(&base.replace("http://x", "ftp://x")).is_err());
        assert!(ChainConfig::from_toml(&format!("{base}\nexplorer_tx_url = \"https://e/tx\"")).is_err());
        assert!(ChainConfig::from_toml(&format!("{base}\nsurprise = 1")).is_err());
    }

    #[test]
    fn urls_are_redacted() {
        let c = ChainConfig::arc_testnet().with_rpc_url("https://rpc.example/v2/KEY123");
        assert!(!format!("{c:?}").contains("KEY123"));
        assert_eq!(c.rpc_label(), "https://rpc.example");
    }
}
