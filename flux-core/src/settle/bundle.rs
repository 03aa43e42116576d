//! The receipt bundle: a self-contained JSON proof of one settlement — what was approved (the
//! canonical cart, the policy hash, the decision) and how each leg was paid (merchant, payout,
//! amount, transaction hash, block, log index, explorer link, status).
//!
//! [`ReceiptBundle::check`] verifies it offline — its internal consistency and every leg's signed
//! transaction, decoded; `verify_bundle` (feature `evm`) also re-reads every leg from the chain by
//! its hash.
//!
//! What a passing check proves: who was paid, how much, of which token, on which chain, by whom,
//! and that it is exactly what the cart owes each merchant. A sandbox bundle's nonces follow from
//! its cart id, policy hash and idempotency key, so an edit of those without re-signing shows; the
//! sandbox key is public, though, so a sandbox receipt is a demonstration, not proof against
//! someone who re-signs. No signature covers `intent_hash` or a line's display text (name, reason,
//! scores): they are the bundle author's word.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{LegStatus, SettleError, Settlement, SettlementMode};

/// Signed transactions decoded and held against their legs (kept beside the bundle it checks).
#[cfg(feature = "signing")]
#[path = "evidence.rs"]
pub(crate) mod evidence;
use crate::address::Address;
use crate::cart::Cart;
use crate::money::Amount;
use crate::policy::DecisionKind;

/// The bundle format version.
pub const BUNDLE_VERSION: u32 = 1;

/// One paid leg in a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Merchant name.
    pub merchant_name: String,
    /// Payout address.
    pub payout: Address,
    /// Amount.
    pub amount: Amount,
    /// Transaction hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx_hash: Option<String>,
    /// Block number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_number: Option<u64>,
    /// Log index of the `Transfer` event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_index: Option<u64>,
    /// Explorer link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explorer_url: Option<String>,
    /// Signed raw bytes (sandbox bundles, where there is no chain to read them from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_tx: Option<String>,
    /// Leg status.
    pub status: LegStatus,
}

/// A settlement's proof, as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptBundle {
    /// Format version ([`BUNDLE_VERSION`]).
    pub version: u32,
    /// Hash of the intent the cart came from, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent_hash: Option<String>,
    /// The cart as approved, in canonical form.
    pub cart: Value,
    /// The cart's content id (derivable from `cart`).
    pub cart_id: String,
    /// Hash of the policy that approved it.
    pub policy_hash: String,
    /// The policy decision (`allow`).
    pub decision: DecisionKind,
    /// Idempotency key of the settlement.
    pub idempotency_key: String,
    /// How it was settled.
    pub mode: SettlementMode,
    /// Whether it was broadcast.
    pub broadcast: bool,
    /// Chain id.
    pub chain_id: u64,
    /// Token contract.
    pub token: Address,
    /// Paying address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<Address>,
    /// Sum of the legs.
    pub total: Amount,
    /// Legs.
    pub legs: Vec<BundleLeg>,
}

fn fail(reason: String) -> SettleError {
    SettleError::Verification { reason }
}

impl ReceiptBundle {
    /// The bundle of `settlement`, which paid `cart`.
    pub fn new(cart: &Cart, settlement: &Settlement, intent_hash: Option<&str>) -> Result<ReceiptBundle, SettleError> {
        if cart.id() != settlement.cart_id {
            return Err(fail(format!("settlement is for {}, not for cart {}", settlement.cart_id, cart.id())));
        }
        let cart_value: Value = serde_json::from_str(&cart.canonical_json()).map_err(|e| fail(format!("cart does not serialize: {e}")))?;
        Ok(ReceiptBundle {
            version: BUNDLE_VERSION,
            intent_hash: intent_hash.map(str::to_owned),
            cart: cart_value,
            cart_id: settlement.cart_id.clone(),
            policy_hash: settlement.policy_hash.clone(),
            decision: DecisionKind::Allow,
            idempotency_key: settlement.idempotency_key.clone(),
            mode: settlement.mode,
            broadcast: settlement.broadcast,
            chain_id: settlement.chain_id,
            token: settlement.token,
            sender: settlement.sender,
            total: settlement.total,
            legs: settlement
                .legs
                .iter()
                .map(|l| BundleLeg {
                    merchant_id: l.merchant_id.clone(),
                    merchant_name: l.merchant_name.clone(),
                    payout: l.payout,
                    amount: l.amount,
                    tx_hash: l.tx_hash.clone(),
                    block_number: l.block_number,
                    log_index: l.log_index,
                    explorer_url: l.explorer_url.clone(),
                    raw_tx: if settlement.broadcast { None } else { l.raw_tx.clone() },
                    status: l.status,
                })
                .collect(),
        })
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Parses a bundle.
    pub fn from_json(text: &str) -> Result<ReceiptBundle, SettleError> {
        ReceiptBundle::from_json_bytes(text.as_bytes())
    }

    /// Parses a bundle from bytes as a host received them: bytes that are not UTF-8 are a
    /// malformed bundle like any other.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<ReceiptBundle, SettleError> {
        serde_json::from_slice(bytes).map_err(|e| fail(format!("malformed bundle: {e}")))
    }

    /// Offline verification: the cart id is the cart's content hash; the legs are the cart's
    /// lines aggregated by merchant, amounts exact; the total adds up; hashes are unique and well
    /// formed; confirmed legs carry a block and log index; explorer links name their transaction.
    /// Every leg's signed bytes (required for a sandbox bundle) are decoded: an EIP-1559
    /// `transfer(payout, amount)` of the bundle's token on the bundle's chain, signed by the
    /// bundle's sender (the public sandbox key for a sandbox bundle), hashing to the leg's hash,
    /// with the nonces its settler gives. A failure names the leg and the field.
    pub fn check(&self) -> Result<(), SettleError> {
        if self.version != BUNDLE_VERSION {
            return Err(fail(format!("unknown bundle version {}", self.version)));
        }
        if self.decision != DecisionKind::Allow {
            return Err(fail(format!("decision is {}, not allow", self.decision.as_str())));
        }
        // Rebuild the cart from the bundle's copy: its id is the hash of what it pays, and every
        // line total must be its price times its quantity.
        let canonical = crate::canonical::to_canonical_json(&self.cart);
        let rebuilt = Cart::from_json(&canonical).map_err(|e| fail(format!("cart in the bundle is invalid: {e}")))?;
        let id = rebuilt.id();
        if id != self.cart_id {
            return Err(fail(format!("cart_id {} does not match the cart's content hash {id}", self.cart_id)));
        }
        let stated: Vec<Option<Amount>> = self
            .cart
            .get("lines")
            .and_then(Value::as_array)
            .map(|ls| ls.iter().map(|l| l.get("line_total").and_then(Value::as_str).and_then(|t| Amount::parse(t).ok())).collect())
            .unwrap_or_default();
        if stated.len() != rebuilt.lines().len() || stated.iter().zip(rebuilt.lines()).any(|(s, l)| *s != Some(l.line_total)) {
            return Err(fail("a cart line's total is not its price times its quantity".into()));
        }
        let mut owed: BTreeMap<String, Amount> = BTreeMap::new();
        let lines = self.cart.get("lines").and_then(Value::as_array).ok_or_else(|| fail("cart has no lines".into()))?;
        for line in lines {
            let vendor = line.get("vendor_id").and_then(Value::as_str).ok_or_else(|| fail("cart line without vendor_id".into()))?;
            let total = line
                .get("line_total")
                .and_then(Value::as_str)
                .and_then(|t| Amount::parse(t).ok())
                .ok_or_else(|| fail("cart line without an exact line_total".into()))?;
            let entry = owed.entry(vendor.to_owned()).or_insert(Amount::ZERO);
            *entry = entry.checked_add(total).map_err(|_| fail("cart total overflows".into()))?;
        }
        let cart_total = self
            .cart
            .get("total")
            .and_then(Value::as_str)
            .and_then(|t| Amount::parse(t).ok())
            .ok_or_else(|| fail("cart without an exact total".into()))?;
        // Each merchant the cart owes is paid by exactly one leg of exactly its amount.
        let mut paid: BTreeMap<&str, &BundleLeg> = BTreeMap::new();
        for leg in &self.legs {
            if paid.insert(leg.merchant_id.as_str(), leg).is_some() {
                return Err(fail(format!("leg {}: merchant_id: the merchant appears in two legs", leg.merchant_id)));
            }
            if !owed.contains_key(&leg.merchant_id) {
                return Err(fail(format!("leg {}: merchant_id: the cart owes this merchant nothing", leg.merchant_id)));
            }
        }
        for (merchant, amount) in &owed {
            match paid.get(merchant.as_str()) {
                None => return Err(fail(format!("leg {merchant}: missing: the cart owes {amount} and no leg pays it"))),
                Some(leg) if leg.amount != *amount => {
                    return Err(fail(format!("leg {merchant}: amount: the cart owes {amount}, the leg says {}", leg.amount)));
                }
                Some(_) => {}
            }
        }
        let legs_total = Amount::checked_sum(self.legs.iter().map(|l| l.amount)).map_err(|_| fail("total: the legs overflow".into()))?;
        if legs_total != self.total {
            return Err(fail(format!("total: the bundle says {}, its legs pay {legs_total}", self.total)));
        }
        if cart_total != self.total {
            return Err(fail(format!("total: the bundle says {}, its cart says {cart_total}", self.total)));
        }
        let mut seen = BTreeSet::new();
        for leg in &self.legs {
            let bad = |why: &str| Err(fail(format!("leg {}: {why}", leg.merchant_id)));
            if leg.payout.is_zero() {
                return bad("payout: the leg pays the zero address");
            }
            if let Some(h) = &leg.tx_hash {
                if h.len() != 66 || !h.starts_with("0x") || hex::decode(&h[2..]).is_err() {
                    return bad("tx_hash: not a 32-byte 0x-hex hash");
                }
                if !seen.insert(h.to_ascii_lowercase()) {
                    return bad("tx_hash: another leg has the same transaction hash");
                }
                if leg.explorer_url.as_deref().is_some_and(|url| !url.contains(h.as_str())) {
                    return bad("explorer_url: the link names another transaction");
                }
            }
            if self.mode == SettlementMode::Evm
                && leg.status == LegStatus::Confirmed
                && (leg.tx_hash.is_none() || leg.block_number.is_none() || leg.log_index.is_none())
            {
                return bad("status: a confirmed leg lacks its hash, block or log index");
            }
            if self.mode == SettlementMode::Sandbox && (leg.status != LegStatus::Signed || leg.tx_hash.is_none()) {
                return bad("status: every sandbox leg is signed and has a transaction hash");
            }
            if self.mode == SettlementMode::Memory && (leg.tx_hash.is_some() || leg.raw_tx.is_some()) {
                return bad("mode: an in-memory settlement signs nothing, yet the leg carries a transaction");
            }
        }
        if self.mode == SettlementMode::Evm && self.sender.is_none() {
            return Err(fail("sender: an EVM bundle must name its sender".into()));
        }
        self.check_signed_legs()
    }

    /// Every leg's signed bytes, decoded: hash, chain, token, recipient, amount, signer, nonce.
    #[cfg(feature = "signing")]
    fn check_signed_legs(&self) -> Result<(), SettleError> {
        evidence::check_signed_legs(self)
    }

    /// Without the `signing` feature nothing can decode a signature: a bundle with signed legs
    /// cannot be verified (rather than passing on its hashes alone).
    #[cfg(not(feature = "signing"))]
    fn check_signed_legs(&self) -> Result<(), SettleError> {
        if self.mode == SettlementMode::Sandbox || self.legs.iter().any(|l| l.raw_tx.is_some()) {
            return Err(fail("signed transactions are checked with the signing feature, which this build lacks".into()));
        }
        Ok(())
    }

    /// Whether every leg was paid (confirmed on chain, or signed in sandbox mode).
    pub fn is_complete(&self) -> bool {
        self.legs.iter().all(|l| match self.mode {
            SettlementMode::Evm => l.status == LegStatus::Confirmed,
            _ => matches!(l.status, LegStatus::Signed | LegStatus::Recorded | LegStatus::Confirmed),
        })
    }
}

#[cfg(all(test, feature = "signing"))]
#[allow(clippy::panic)]
mod tests {
    use super::*;
    use crate::future::block_on;
    use crate::policy::{Decision, Policy, SpendState};
    use crate::settle::{SandboxSettler, Settler};
    use crate::target::Target;

    #[test]
    fn sandbox_bundle_checks_offline_and_catches_edits() {
        let cart = Cart::from_json(r#"[{"vendor_id":"amazon","price":"10.5"},{"vendor_id":"walmart","price":"2","quantity":3}]"#).unwrap();
        let Decision::Allow(approved) = Policy::demo().authorize(&cart, &Target::arc_testnet(), &SpendState::default(), 0) else {
            panic!("the demo policy allows this cart");
        };
        let settler = SandboxSettler::default();
        settler.bind(Policy::demo().hash()).unwrap();
        let s = block_on(settler.settle(&approved, &cart.id())).unwrap();
        let b = ReceiptBundle::new(&cart, &s, Some("abc")).unwrap();
        b.check().unwrap();
        assert!(b.is_complete());
        let back = ReceiptBundle::from_json(&b.to_json()).unwrap();
        assert_eq!(back, b);

        let mut edited = b.clone();
        edited.legs[1].amount = Amount::parse("6.000001").unwrap();
        assert_eq!(edited.check().unwrap_err().code(), "VERIFICATION_FAILED");
        let mut edited = b.clone();
        edited.cart["lines"][0]["line_total"] = serde_json::json!("11.5");
        assert!(edited.check().unwrap_err().to_string().contains("price times its quantity"));
        let mut edited = b.clone();
        edited.cart["lines"][0]["price"] = serde_json::json!("11.5");
        assert!(edited.check().unwrap_err().to_string().contains("price times its quantity"));
        edited.cart["lines"][0]["line_total"] = serde_json::json!("11.5");
        assert!(edited.check().unwrap_err().to_string().contains("not the sum of its lines"));
        edited.cart["total"] = serde_json::json!("17.5");
        assert!(edited.check().unwrap_err().to_string().contains("content hash"));
        let mut edited = b.clone();
        edited.legs[0].tx_hash = edited.legs[1].tx_hash.clone();
        assert!(edited.check().is_err());
    }
}
