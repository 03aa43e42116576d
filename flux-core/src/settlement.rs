//! What a settlement is — its mode, its legs and their states, its outcome: the record settlers
//! return and ledgers keep. Plain data below both, so the ledger never depends on a settler.

use serde::{Deserialize, Serialize};

use crate::address::Address;
use crate::money::Amount;
use crate::policy::ApprovedCart;

/// How a settlement was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlementMode {
    /// Recorded in memory; nothing signed.
    Memory,
    /// Signed with the public sandbox key; not broadcast.
    Sandbox,
    /// Signed and broadcast to an EVM chain.
    Evm,
}

impl SettlementMode {
    /// `memory`, `sandbox` or `evm`.
    pub fn as_str(self) -> &'static str {
        match self {
            SettlementMode::Memory => "memory",
            SettlementMode::Sandbox => "sandbox",
            SettlementMode::Evm => "evm",
        }
    }
}

/// The state of one leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegStatus {
    /// Known, not yet signed.
    Planned,
    /// Recorded without signing (memory settler).
    Recorded,
    /// Signed; bytes persisted; not broadcast.
    Signed,
    /// Sent to the node; receipt pending.
    Broadcast,
    /// Mined and verified.
    Confirmed,
    /// Reverted, mismatched or rejected.
    Failed,
}

impl LegStatus {
    /// `planned`, `recorded`, `signed`, `broadcast`, `confirmed` or `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            LegStatus::Planned => "planned",
            LegStatus::Recorded => "recorded",
            LegStatus::Signed => "signed",
            LegStatus::Broadcast => "broadcast",
            LegStatus::Confirmed => "confirmed",
            LegStatus::Failed => "failed",
        }
    }
}

/// The outcome of one transfer leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettledLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Merchant name.
    pub merchant_name: String,
    /// Payout address (from the policy registry).
    pub payout: Address,
    /// Amount transferred.
    pub amount: Amount,
    /// Leg state.
    pub status: LegStatus,
    /// Transaction hash (`0x…`), once signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tx_hash: Option<String>,
    /// Sender nonce used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<u64>,
    /// Block that included it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_number: Option<u64>,
    /// Index of the `Transfer` log in the block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_index: Option<u64>,
    /// Explorer link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explorer_url: Option<String>,
    /// Signed raw transaction (`0x…` EIP-2718 bytes), for sandbox and journal replays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_tx: Option<String>,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl SettledLeg {
    /// A planned leg from an approved transfer.
    pub fn planned(leg: &crate::policy::TransferLeg) -> SettledLeg {
        SettledLeg {
            merchant_id: leg.merchant_id.clone(),
            merchant_name: leg.merchant_name.clone(),
            payout: leg.payout,
            amount: leg.amount,
            status: LegStatus::Planned,
            tx_hash: None,
            nonce: None,
            block_number: None,
            log_index: None,
            explorer_url: None,
            raw_tx: None,
            error: None,
        }
    }
}

/// The overall state of a settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlementStatus {
    /// Every leg done (confirmed, or signed/recorded where nothing is broadcast).
    Success,
    /// Some legs done, some not (resume with the same key).
    Partial,
    /// No leg done.
    Failed,
}

impl SettlementStatus {
    /// `success`, `partial` or `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            SettlementStatus::Success => "success",
            SettlementStatus::Partial => "partial",
            SettlementStatus::Failed => "failed",
        }
    }

    /// The status of a settlement with `done` of its `total` legs done.
    pub fn of(done: usize, total: usize) -> SettlementStatus {
        if done == total {
            SettlementStatus::Success
        } else if done == 0 {
            SettlementStatus::Failed
        } else {
            SettlementStatus::Partial
        }
    }
}

/// The result of settling an approved cart. Reaches the seed's `{status, logs,
/// transaction_hashes}` shape and adds per-leg detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settlement {
    /// Overall status.
    pub status: SettlementStatus,
    /// Idempotency key (default: the cart id).
    pub idempotency_key: String,
    /// Cart id.
    pub cart_id: String,
    /// Hash of the policy that approved the cart.
    pub policy_hash: String,
    /// How it was carried out.
    pub mode: SettlementMode,
    /// Whether transactions were sent to a chain.
    pub broadcast: bool,
    /// Chain id.
    pub chain_id: u64,
    /// Token contract.
    pub token: Address,
    /// Paying address, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<Address>,
    /// Sum of the legs.
    pub total: Amount,
    /// Legs, by merchant id.
    pub legs: Vec<SettledLeg>,
    /// Transaction hashes of the legs that have one, in leg order.
    pub transaction_hashes: Vec<String>,
    /// Human-readable log lines (the seed's `logs`).
    pub logs: Vec<String>,
    /// Whether this result was replayed from an earlier execution with the same key.
    pub replayed: bool,
}

impl Settlement {
    /// A settlement of `approved` with these legs; derives status and hashes.
    pub fn from_legs(
        approved: &ApprovedCart,
        key: &str,
        mode: SettlementMode,
        broadcast: bool,
        sender: Option<Address>,
        legs: Vec<SettledLeg>,
        logs: Vec<String>,
    ) -> Settlement {
        let done = |l: &SettledLeg| match mode {
            SettlementMode::Evm => l.status == LegStatus::Confirmed,
            _ => matches!(l.status, LegStatus::Recorded | LegStatus::Signed | LegStatus::Confirmed),
        };
        let status = SettlementStatus::of(legs.iter().filter(|l| done(l)).count(), legs.len());
        Settlement {
            status,
            idempotency_key: key.to_owned(),
            cart_id: approved.cart_id().to_owned(),
            policy_hash: approved.policy_hash().to_owned(),
            mode,
            broadcast,
            chain_id: approved.target().chain_id,
            token: approved.target().token,
            sender,
            total: approved.total(),
            transaction_hashes: legs.iter().filter_map(|l| l.tx_hash.clone()).collect(),
            legs,
            logs,
            replayed: false,
        }
    }
}
