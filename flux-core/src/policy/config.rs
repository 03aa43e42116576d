//! Loading and validating a policy from TOML or JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Approver, Policy};
use crate::address::Address;
use crate::canonical;
use crate::money::Amount;

/// A merchant of the registry: who may be paid, and where.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Merchant {
    /// Id matching catalog `vendor_id`s.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Where transfers to this merchant go.
    pub payout_address: Address,
    /// Trust score 0..=100 (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust_score: Option<u8>,
}

/// A rolling-window spend limit: over the whole treasury, or for one merchant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WindowLimit {
    /// Window length in seconds (e.g. 86400 for a day, 604800 for a week).
    pub seconds: u64,
    /// Most that may be spent within any window, this cart included.
    pub limit: Amount,
    /// Only payments to this merchant count (and only this cart's share to it); absent: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant: Option<String>,
}

/// The rules a cart must satisfy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Merchants that may be paid; absent means every registered merchant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowlist: Option<Vec<String>>,
    /// Largest cart total.
    pub max_budget_cap: Amount,
    /// Largest single transfer (one merchant's share of a cart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_transfer_cap: Option<Amount>,
    /// Caps for particular merchants.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_merchant_caps: BTreeMap<String, Amount>,
    /// Most lines in a cart.
    #[serde(default = "default_max_lines")]
    pub max_lines: u32,
    /// Chains settlement may use (default: Arc Testnet only; never empty).
    #[serde(default = "default_chain_ids")]
    pub allowed_chain_ids: Vec<u64>,
    /// Token contracts settlement may use (default: Arc Testnet USDC only; never empty).
    #[serde(default = "default_tokens")]
    pub allowed_tokens: Vec<Address>,
    /// Rolling-window spend limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<WindowLimit>,
    /// More rolling windows (per day and per week, in total and per merchant); all must hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<WindowLimit>,
    /// Totals above this need an approval signed by one of `approvers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_threshold: Option<Amount>,
    /// The keys whose signature approves a cart above `approval_threshold`:
    /// `"ed25519:<hex public key>"` or an EVM address (EIP-191 personal-message signatures).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvers: Vec<Approver>,
}

fn default_max_lines() -> u32 {
    100
}

fn default_chain_ids() -> Vec<u64> {
    vec![crate::target::ARC_TESTNET_CHAIN_ID]
}

fn default_tokens() -> Vec<Address> {
    vec![crate::target::ARC_TESTNET_USDC]
}

/// Why a policy is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// Not TOML/JSON of the policy's shape (includes malformed addresses and amounts).
    #[error("malformed policy: {reason}")]
    Malformed {
        /// Parser's explanation.
        reason: String,
    },
    /// Rules that contradict each other or the registry.
    #[error("invalid policy: {reason}")]
    Invalid {
        /// What is wrong.
        reason: String,
    },
    /// Two merchants share an id.
    #[error("duplicate merchant {id:?}")]
    DuplicateMerchant {
        /// The id.
        id: String,
    },
}

impl PolicyError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            PolicyError::Malformed { .. } => "MALFORMED_POLICY",
            PolicyError::Invalid { .. } => "INVALID_POLICY",
            PolicyError::DuplicateMerchant { .. } => "DUPLICATE_MERCHANT",
        }
    }
}

/// A policy document as written in a file or a configuration: the merchant registry and the
/// rules, before validation ([`Policy::new`] validates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyDocument {
    /// Who may be paid, and where.
    pub merchants: Vec<Merchant>,
    /// The rules a cart must satisfy.
    pub rules: Rules,
}

fn invalid(reason: String) -> PolicyError {
    PolicyError::Invalid { reason }
}

/// Approvers are unique; a threshold names who approves above it; EVM approvers need the
/// `signing` feature (which verifies their signatures).
fn check_approvers(rules: &Rules) -> Result<(), PolicyError> {
    let unique: BTreeSet<&Approver> = rules.approvers.iter().collect();
    if unique.len() != rules.approvers.len() {
        return Err(invalid("approvers names a key twice".into()));
    }
    if rules.approval_threshold.is_some() && rules.approvers.is_empty() {
        return Err(invalid("approval_threshold needs approvers: the keys whose signature approves a cart above it".into()));
    }
    if cfg!(not(feature = "signing")) && rules.approvers.iter().any(|a| matches!(a, Approver::Evm(_))) {
        return Err(invalid("EVM approvers need the signing feature".into()));
    }
    Ok(())
}

impl Policy {
    /// Builds and validates a policy.
    pub fn new(merchants: Vec<Merchant>, rules: Rules) -> Result<Policy, PolicyError> {
        let mut registry = BTreeMap::new();
        let mut payouts = BTreeSet::new();
        for m in merchants {
            if m.id.trim().is_empty() || m.id.len() > 64 {
                return Err(invalid("merchant ids are 1-64 characters".into()));
            }
            if m.payout_address.is_zero() {
                return Err(invalid(format!("merchant {:?} has the zero address as payout", m.id)));
            }
            if m.trust_score.is_some_and(|t| t > 100) {
                return Err(invalid(format!("merchant {:?}: trust_score must be 0..=100", m.id)));
            }
            if !payouts.insert(m.payout_address) {
                return Err(invalid(format!("merchant {:?} shares a payout address with another merchant", m.id)));
            }
            if registry.contains_key(&m.id) {
                return Err(PolicyError::DuplicateMerchant { id: m.id });
            }
            registry.insert(m.id.clone(), m);
        }
        if rules.max_budget_cap == Amount::ZERO {
            return Err(invalid("max_budget_cap must be greater than zero".into()));
        }
        if let Some(cap) = rules.per_transfer_cap {
            if cap > rules.max_budget_cap {
                return Err(invalid(format!("per_transfer_cap {cap} is above max_budget_cap {}", rules.max_budget_cap)));
            }
            if cap == Amount::ZERO {
                return Err(invalid("per_transfer_cap must be greater than zero".into()));
            }
        }
        for (id, cap) in &rules.per_merchant_caps {
            if !registry.contains_key(id) {
                return Err(invalid(format!("per_merchant_caps names unknown merchant {id:?}")));
            }
            if *cap > rules.max_budget_cap {
                return Err(invalid(format!("cap {cap} for {id:?} is above max_budget_cap {}", rules.max_budget_cap)));
            }
        }
        let allowlist: BTreeSet<String> = match &rules.allowlist {
            Some(list) => {
                let mut set = BTreeSet::new();
                for id in list {
                    if !registry.contains_key(id) {
                        return Err(invalid(format!("allowlist names unknown merchant {id:?}")));
                    }
                    if !set.insert(id.clone()) {
                        return Err(invalid(format!("allowlist names {id:?} twice")));
                    }
                }
                set
            }
            None => registry.keys().cloned().collect(),
        };
        if rules.max_lines == 0 || rules.max_lines as usize > crate::cart::MAX_CART_LINES {
            return Err(invalid(format!("max_lines must be 1..={}", crate::cart::MAX_CART_LINES)));
        }
        // Fail closed: a policy always names where money may move.
        if rules.allowed_chain_ids.is_empty() || rules.allowed_tokens.is_empty() {
            return Err(invalid(
                "allowed_chain_ids and allowed_tokens must each name at least one entry (omit them for Arc Testnet USDC)".into(),
            ));
        }
        for w in rules.window.iter().chain(&rules.windows) {
            if w.seconds == 0 {
                return Err(invalid("window.seconds must be greater than zero".into()));
            }
            if let Some(m) = &w.merchant {
                if !registry.contains_key(m) {
                    return Err(invalid(format!("window for unknown merchant {m:?}")));
                }
            }
        }
        check_approvers(&rules)?;
        let ids: Vec<String> = registry.keys().cloned().collect();
        let allowed = ids.iter().map(|id| allowlist.contains(id)).collect();
        let mut policy = Policy { merchants: registry, rules, ids, allowed, hash: String::new() };
        policy.hash = canonical::hash_of(&policy);
        Ok(policy)
    }

    /// Parses and validates a TOML policy (`[[merchants]]` and `[rules]`).
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let f: PolicyDocument = toml::from_str(text).map_err(|e| PolicyError::Malformed { reason: e.message().to_owned() })?;
        Policy::new(f.merchants, f.rules)
    }

    /// Parses and validates a JSON policy (`{"merchants": [...], "rules": {...}}`).
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        let f: PolicyDocument = serde_json::from_str(text).map_err(|e| PolicyError::Malformed { reason: e.to_string() })?;
        Policy::new(f.merchants, f.rules)
    }

    /// Reads a policy file: `.toml` as TOML, anything else as JSON.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Policy, PolicyError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| PolicyError::Malformed {
            reason: format!("cannot read policy file {}: {}", crate::files::file_name(path), crate::files::io_reason(&e)),
        })?;
        if path.extension().is_some_and(|e| e == "toml") {
            Policy::from_toml(&text)
        } else {
            Policy::from_json(&text)
        }
    }

    /// The demo policy shipped with the crate: the embedded catalog's three merchants with
    /// documented demo payout addresses, a 1,000 USDC cap, Arc Testnet and its USDC only.
    pub fn demo() -> Policy {
        // Parsing a constant that tests cover; fall back to an empty registry that denies all.
        Policy::from_toml(DEMO_POLICY_TOML).unwrap_or_else(|_| Policy {
            merchants: BTreeMap::new(),
            rules: Rules {
                allowlist: Some(Vec::new()),
                max_budget_cap: Amount::ONE,
                per_transfer_cap: None,
                per_merchant_caps: BTreeMap::new(),
                max_lines: 1,
                allowed_chain_ids: default_chain_ids(),
                allowed_tokens: default_tokens(),
                window: None,
                windows: Vec::new(),
                approval_threshold: None,
                approvers: Vec::new(),
            },
            ids: Vec::new(),
            allowed: Vec::new(),
            hash: String::new(),
        })
    }
}

/// The demo policy's TOML text (see [`Policy::demo`]).
pub const DEMO_POLICY_TOML: &str = include_str!("../../data/demo-policy.toml");
