//! The values that cross to Kotlin and Swift: records (plain data, `data class` / `struct`) for
//! intents, proposals, decisions, settlements and verify reports, and one object, [`Cart`], an
//! immutable handle on the kernel's cart so that the cart the kernel proposed reaches
//! `authorize` and `execute` unchanged, byte for byte.
//!
//! Amounts are exact decimal strings (`"304.94"`): uniffi has no 128-bit integer and a `Double`
//! cannot hold money. Closed sets (statuses, modes, violation codes) are the core's `as_str()`
//! names. Every value also carries the core's canonical JSON, so fields the kernel adds later
//! reach the host without a change here.

use std::sync::Arc;

use flux_core::{Amount, FluxError as CoreError};

use crate::error::FluxError;

/// How to trade price against delivery time and merchant trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Strategy {
    /// Lowest cost first.
    Cheapest,
    /// Soonest delivery first.
    Fastest,
    /// A balance of price, delivery and trust.
    Balanced,
    /// Your own weights; they must sum to 100.
    Custom {
        /// Weight of the price.
        price: u32,
        /// Weight of the delivery time.
        delivery: u32,
        /// Weight of the merchant's trust.
        trust: u32,
    },
}

impl From<Strategy> for flux_core::Strategy {
    fn from(s: Strategy) -> Self {
        match s {
            Strategy::Cheapest => flux_core::Strategy::Cheapest,
            Strategy::Fastest => flux_core::Strategy::Fastest,
            Strategy::Balanced => flux_core::Strategy::Balanced,
            Strategy::Custom { price, delivery, trust } => flux_core::Strategy::Custom(flux_core::Weights { price, delivery, trust }),
        }
    }
}

impl From<flux_core::Strategy> for Strategy {
    fn from(s: flux_core::Strategy) -> Self {
        match s {
            flux_core::Strategy::Cheapest => Strategy::Cheapest,
            flux_core::Strategy::Fastest => Strategy::Fastest,
            flux_core::Strategy::Balanced => Strategy::Balanced,
            flux_core::Strategy::Custom(w) => Strategy::Custom { price: w.price, delivery: w.delivery, trust: w.trust },
        }
    }
}

/// What the user wants: a prompt, a budget (exact decimal text, e.g. `"300"` or `"299.99"`), a
/// deadline in days and a strategy. Validated by the kernel when used.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Intent {
    /// What to buy, in the user's words.
    pub prompt: String,
    /// The budget in USDC, as exact decimal text.
    pub budget: String,
    /// Days until everything must arrive (0 = the same day).
    pub deadline_days: u32,
    /// How to rank offers.
    pub strategy: Strategy,
}

impl Intent {
    /// The core's validated intent.
    pub(crate) fn to_core(&self) -> Result<flux_core::Intent, FluxError> {
        let budget = budget_in(&self.budget)?;
        Ok(flux_core::Intent::new(&self.prompt, budget, self.deadline_days, self.strategy.into()).map_err(CoreError::from)?)
    }

    pub(crate) fn from_core(i: &flux_core::Intent) -> Intent {
        Intent {
            prompt: i.prompt().to_owned(),
            budget: i.budget().to_string(),
            deadline_days: i.deadline_days(),
            strategy: i.strategy().into(),
        }
    }
}

/// A budget from its exact decimal text; a bad one is the intent's `INVALID_AMOUNT` at field
/// `budget`, as the core reports it for a request body.
pub(crate) fn budget_in(text: &str) -> Result<Amount, FluxError> {
    Ok(flux_core::Intent::budget_from_text(text).map_err(CoreError::from)?)
}

/// One cart line, as the dashboard shows it (the full line is in the cart's canonical JSON).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CartLine {
    /// Line id: the offer id.
    pub id: String,
    /// Product name.
    pub name: String,
    /// Price of one pack (after negotiation), exact decimal text.
    pub price: String,
    /// Price before negotiation, when a discount applied.
    pub original_price: Option<String>,
    /// Packs.
    pub quantity: u32,
    /// `price × quantity`, exact decimal text.
    pub line_total: String,
    /// Vendor display name.
    pub vendor_name: String,
    /// Vendor id: the merchant the policy pays.
    pub vendor_id: String,
    /// Vendor trust, 0..=100.
    pub trust_score: u8,
    /// Days to deliver.
    pub delivery_days: u32,
    /// Ranking score, 0..=100.
    pub ai_score: u32,
    /// Why this line was picked, for people.
    pub reason: String,
    /// The scoring arithmetic behind it.
    pub ai_reason: String,
    /// Category of the need this line serves.
    pub category: String,
    /// Units delivered.
    pub units: u32,
}

impl From<&flux_core::CartLine> for CartLine {
    fn from(l: &flux_core::CartLine) -> Self {
        CartLine {
            id: l.id.clone(),
            name: l.name.clone(),
            price: l.price.to_string(),
            original_price: l.original_price.map(|a| a.to_string()),
            quantity: l.quantity,
            line_total: l.line_total.to_string(),
            vendor_name: l.vendor_name.clone(),
            vendor_id: l.vendor_id.clone(),
            trust_score: l.trust_score,
            delivery_days: l.delivery_days,
            ai_score: l.ai_score,
            reason: l.reason.clone(),
            ai_reason: l.ai_reason.clone(),
            category: l.category.clone(),
            units: l.units,
        }
    }
}

/// A cart: lines and their exact total in USDC, with a content-hash id. Immutable: edits return a
/// new cart. Made by the kernel (`Proposal.cart`, `Flux.setUnits`, ...) or from the seed's JSON
/// list of lines (`Cart.fromJson`).
#[derive(Debug, uniffi::Object)]
pub struct Cart {
    pub(crate) inner: flux_core::Cart,
}

impl Cart {
    pub(crate) fn wrap(inner: flux_core::Cart) -> Arc<Cart> {
        Arc::new(Cart { inner })
    }
}

fn edited(r: Result<flux_core::Cart, flux_core::CartError>) -> Result<Arc<Cart>, FluxError> {
    Ok(Cart::wrap(r.map_err(CoreError::from)?))
}

#[uniffi::export]
impl Cart {
    /// A cart from JSON: the seed's list of lines (`[{"vendor_id", "price", "quantity", ...}]`)
    /// or `{"lines": [...]}`. Prices are read from their exact text.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Cart>, FluxError> {
        edited(flux_core::Cart::from_json(&json))
    }

    /// The lines, in order.
    pub fn lines(&self) -> Vec<CartLine> {
        self.inner.lines().iter().map(CartLine::from).collect()
    }

    /// The exact total, as decimal text.
    pub fn total(&self) -> String {
        self.inner.total().to_string()
    }

    /// `"USDC"`.
    pub fn currency(&self) -> String {
        "USDC".into()
    }

    /// The content-hash id, `cart_` + 32 hex digits (the default idempotency key).
    pub fn id(&self) -> String {
        self.inner.id()
    }

    /// The core's canonical JSON: byte-identical for the same cart on every host.
    pub fn canonical_json(&self) -> String {
        self.inner.canonical_json()
    }

    /// A new cart without the line `line_id`.
    pub fn remove_line(&self, line_id: String) -> Result<Arc<Cart>, FluxError> {
        edited(self.inner.remove_line(&line_id))
    }

    /// A new cart with `line_id` set to `quantity` packs at the same pack price.
    pub fn set_quantity(&self, line_id: String, quantity: u32) -> Result<Arc<Cart>, FluxError> {
        edited(self.inner.set_quantity(&line_id, quantity))
    }
}

/// One broken policy rule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Violation {
    /// Stable code (`OVER_BUDGET_CAP`, `UNKNOWN_MERCHANT`, ...).
    pub code: String,
    /// Explanation for people.
    pub message: String,
    /// 0-based index of the cart line concerned, if one.
    pub line: Option<u64>,
    /// Merchant concerned, if one.
    pub merchant: Option<String>,
}

impl From<&flux_core::Violation> for Violation {
    fn from(v: &flux_core::Violation) -> Self {
        Violation { code: v.code.as_str().into(), message: v.message.clone(), line: v.line.map(|l| l as u64), merchant: v.merchant.clone() }
    }
}

/// One transfer the policy approved: payout address from the policy's registry, never the cart.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransferLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Merchant name from the registry.
    pub merchant_name: String,
    /// Payout address (EIP-55).
    pub payout: String,
    /// Amount, exact decimal text.
    pub amount: String,
}

/// The policy's decision on a cart. Only `Flux.execute` pays, and it decides again first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Decision {
    /// Whether the policy allows the cart.
    pub allowed: bool,
    /// Every rule broken (empty when allowed).
    pub violations: Vec<Violation>,
    /// The approved total (none when denied).
    pub total: Option<String>,
    /// The transfers, one per merchant (empty when denied).
    pub legs: Vec<TransferLeg>,
    /// Hash of the policy that approved (none when denied).
    pub policy_hash: Option<String>,
    /// The core's canonical JSON of the decision.
    pub canonical_json: String,
}

impl From<flux_core::Decision> for Decision {
    fn from(d: flux_core::Decision) -> Self {
        let approved = d.approved();
        let legs = approved.map(|a| a.legs()).unwrap_or_default().iter().map(|l| TransferLeg {
            merchant_id: l.merchant_id.clone(),
            merchant_name: l.merchant_name.clone(),
            payout: l.payout.to_string(),
            amount: l.amount.to_string(),
        });
        Decision {
            allowed: d.is_allowed(),
            violations: d.violations().iter().map(Violation::from).collect(),
            total: approved.map(|a| a.total().to_string()),
            legs: legs.collect(),
            policy_hash: approved.map(|a| a.policy_hash().to_owned()),
            canonical_json: flux_core::to_canonical_json(&d),
        }
    }
}

/// The outcome of one transfer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SettledLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Merchant name.
    pub merchant_name: String,
    /// Payout address.
    pub payout: String,
    /// Amount, exact decimal text.
    pub amount: String,
    /// `planned`, `recorded`, `signed`, `broadcast`, `confirmed` or `failed`.
    pub status: String,
    /// Transaction hash, once signed.
    pub tx_hash: Option<String>,
    /// Explorer link, once broadcast.
    pub explorer_url: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
}

/// The result of `Flux.execute`: the seed's `status`, `logs` and `transactionHashes`, per-leg
/// detail, and the receipt bundle to keep (and `Flux.verify` later).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Settlement {
    /// `success`, `partial` or `failed`.
    pub status: String,
    /// `memory`, `sandbox` (signed, never broadcast) or `evm`.
    pub mode: String,
    /// Whether transactions were sent to a chain.
    pub broadcast: bool,
    /// The idempotency key (default: the cart id).
    pub idempotency_key: String,
    /// The cart paid.
    pub cart_id: String,
    /// Hash of the policy that approved it.
    pub policy_hash: String,
    /// Chain id.
    pub chain_id: u64,
    /// Token contract.
    pub token: String,
    /// Paying address, where there is one.
    pub sender: Option<String>,
    /// Sum of the legs, exact decimal text.
    pub total: String,
    /// The legs, by merchant.
    pub legs: Vec<SettledLeg>,
    /// Transaction hashes, in leg order.
    pub transaction_hashes: Vec<String>,
    /// Human-readable log lines.
    pub logs: Vec<String>,
    /// Whether this was replayed from an earlier execution with the same key.
    pub replayed: bool,
    /// The receipt bundle (JSON) of this settlement and its cart, for `Flux.verify`.
    pub receipt_bundle: String,
    /// The core's canonical JSON of the settlement.
    pub canonical_json: String,
}

impl Settlement {
    pub(crate) fn new(cart: &flux_core::Cart, s: flux_core::Settlement) -> Result<Settlement, FluxError> {
        let bundle = flux_core::ReceiptBundle::new(cart, &s, None).map_err(CoreError::from)?;
        let legs = s.legs.iter().map(|l| SettledLeg {
            merchant_id: l.merchant_id.clone(),
            merchant_name: l.merchant_name.clone(),
            payout: l.payout.to_string(),
            amount: l.amount.to_string(),
            status: l.status.as_str().into(),
            tx_hash: l.tx_hash.clone(),
            explorer_url: l.explorer_url.clone(),
            error: l.error.clone(),
        });
        Ok(Settlement {
            status: s.status.as_str().into(),
            mode: s.mode.as_str().into(),
            broadcast: s.broadcast,
            idempotency_key: s.idempotency_key.clone(),
            cart_id: s.cart_id.clone(),
            policy_hash: s.policy_hash.clone(),
            chain_id: s.chain_id,
            token: s.token.to_string(),
            sender: s.sender.map(|a| a.to_string()),
            total: s.total.to_string(),
            legs: legs.collect(),
            transaction_hashes: s.transaction_hashes.clone(),
            logs: s.logs.clone(),
            replayed: s.replayed,
            receipt_bundle: bundle.to_json(),
            canonical_json: flux_core::to_canonical_json(&s),
        })
    }
}

/// One leg as verified.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerifiedLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Transaction hash, where the leg has one.
    pub tx_hash: Option<String>,
    /// Block that included it (on-chain verification only).
    pub block_number: Option<u64>,
    /// Index of its `Transfer` log (on-chain verification only).
    pub log_index: Option<u64>,
}

/// A receipt bundle that passed verification (a failed check is a `FluxError` with code
/// `VERIFICATION_FAILED`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerifyReport {
    /// Every check passed.
    pub ok: bool,
    /// The cart the bundle pays.
    pub cart_id: String,
    /// How it was settled.
    pub mode: String,
    /// Whether every leg was re-read from the chain, or only checked offline.
    pub onchain: bool,
    /// The legs, in bundle order.
    pub legs: Vec<VerifiedLeg>,
    /// The core's canonical JSON of the report.
    pub canonical_json: String,
}

impl From<flux_core::VerifyReport> for VerifyReport {
    fn from(r: flux_core::VerifyReport) -> Self {
        let legs = r.legs.iter().map(|l| VerifiedLeg {
            merchant_id: l.merchant_id.clone(),
            tx_hash: l.tx_hash.clone(),
            block_number: l.block_number,
            log_index: l.log_index,
        });
        VerifyReport {
            ok: r.ok,
            cart_id: r.cart_id.clone(),
            mode: r.mode.as_str().into(),
            onchain: r.onchain,
            legs: legs.collect(),
            canonical_json: flux_core::to_canonical_json(&r),
        }
    }
}
