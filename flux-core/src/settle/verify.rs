//! Verification as data: what checking a [`ReceiptBundle`] found, as a typed, serializable
//! [`VerifyReport`] that every host passes through unchanged.

use serde::{Deserialize, Serialize};

use super::bundle::ReceiptBundle;
use super::{SettleError, SettlementMode};

/// One leg as verified: offline, its merchant and transaction hash; on chain also where the
/// `Transfer` was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Transaction hash, where the leg has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx_hash: Option<String>,
    /// Block that included it (on-chain verification only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_number: Option<u64>,
    /// Index of its `Transfer` log (on-chain verification only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_index: Option<u64>,
}

/// The outcome of verifying a receipt bundle. A bundle that fails a check is an error
/// ([`SettleError::Verification`], code `VERIFICATION_FAILED`) naming the first check that
/// failed; a report therefore always says `ok: true`, and `onchain` tells how far it went.
///
/// What it proves is the money: each leg's transfer (recipient, amount, token, chain, signer,
/// hash) is held against its signed transaction, and the legs against the cart's paid fields
/// (offer ids, vendors, pack prices, quantities, units; the cart id hashes them). A cart's
/// display text (names, reasons, scores) and the intent hash are carried, not proven: no signed
/// byte covers them, so a bundle whose names were edited still verifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Every check passed.
    pub ok: bool,
    /// The cart the bundle pays.
    pub cart_id: String,
    /// How it was settled.
    pub mode: SettlementMode,
    /// Whether every leg was re-read from the chain (a broadcast EVM bundle), or only checked
    /// offline.
    pub onchain: bool,
    /// The legs, in bundle order.
    pub legs: Vec<VerifiedLeg>,
}

impl VerifyReport {
    /// The offline report of a bundle that passed [`ReceiptBundle::check`].
    pub(crate) fn offline(bundle: &ReceiptBundle) -> VerifyReport {
        VerifyReport {
            ok: true,
            cart_id: bundle.cart_id.clone(),
            mode: bundle.mode,
            onchain: false,
            legs: bundle
                .legs
                .iter()
                .map(|l| VerifiedLeg {
                    merchant_id: l.merchant_id.clone(),
                    tx_hash: l.tx_hash.clone(),
                    block_number: None,
                    log_index: None,
                })
                .collect(),
        }
    }
}

/// Verifies a bundle offline only: its internal consistency ([`ReceiptBundle::check`]).
pub fn verify_bundle_offline(bundle: &ReceiptBundle) -> Result<VerifyReport, SettleError> {
    bundle.check()?;
    Ok(VerifyReport::offline(bundle))
}
