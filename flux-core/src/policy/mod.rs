//! The policy kernel: a pure function of (cart, policy, target chain, spend state, time).
//!
//! No I/O, no clock, no randomness. [`Policy::authorize`] lists *every* violation with a stable
//! code, or returns the only way to obtain an [`ApprovedCart`] — which carries the per-merchant
//! transfer legs with payout addresses from the policy's own registry.

mod approval;
mod config;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::address::Address;
use crate::cart::Cart;
use crate::money::Amount;
pub use crate::target::Target;

pub use approval::{
    Approval, Approver, ApproverError, MalformedApproval, APPROVAL_MESSAGE_HEADER, MAX_APPROVAL_ID_LEN, MAX_APPROVAL_SECONDS,
};
pub use config::{Merchant, PolicyDocument, PolicyError, Rules, WindowLimit, DEMO_POLICY_TOML};

/// A past payment, for rolling-window limits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct SpendRecord {
    /// Unix time in seconds.
    pub at: u64,
    /// Merchant paid.
    pub merchant_id: String,
    /// Amount paid.
    pub amount: Amount,
    /// The settlement's idempotency key, when the record was made by a settlement (reservations
    /// are replaced, not added, when the same key runs again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// What has already been spent (from the journal or ledger).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SpendState {
    /// Past payments, any order.
    pub records: Vec<SpendRecord>,
}

impl SpendState {
    /// Total spent after `since` (Unix seconds), saturating. Records dated in the future count
    /// too: hosts sharing a ledger may have clocks slightly apart, and a limit must not be
    /// escapable by a skewed clock.
    pub fn spent_since(&self, since: u64) -> Amount {
        self.records.iter().filter(|r| r.at > since).map(|r| r.amount).sum()
    }

    /// What counts against `window` at `now`: spent after `now - seconds`, in total or to the
    /// window's merchant.
    pub fn spent_in(&self, window: &WindowLimit, now: u64) -> Amount {
        let since = now.saturating_sub(window.seconds);
        self.records.iter().filter(|r| r.at > since && window.merchant.as_ref().is_none_or(|m| *m == r.merchant_id)).map(|r| r.amount).sum()
    }
}

/// Stable codes of policy violations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ViolationCode {
    /// The cart has no lines.
    EmptyCart,
    /// More lines than `max_lines`.
    TooManyLines,
    /// A line names a merchant the registry does not know.
    UnknownMerchant,
    /// A known merchant that is not on the allowlist.
    MerchantNotAllowed,
    /// Two lines share an id.
    DuplicateLine,
    /// A line with a zero price.
    ZeroAmount,
    /// A line whose total is not price × quantity.
    InconsistentLine,
    /// The cart total exceeds `max_budget_cap`.
    OverBudgetCap,
    /// One merchant's transfer exceeds `per_transfer_cap`.
    OverTransferCap,
    /// One merchant's transfer exceeds its own cap.
    OverMerchantCap,
    /// The rolling-window limit would be exceeded.
    WindowLimitExceeded,
    /// The settlement chain is not allowed.
    ChainNotAllowed,
    /// The settlement token is not allowed.
    TokenNotAllowed,
    /// The total needs a signed approval that was not given.
    ApprovalRequired,
    /// Amount arithmetic overflowed.
    AmountOverflow,
    /// A line's id is not an offer of the catalog (a made-up line, or an id edited).
    UnknownOffer,
    /// A line's `vendor_id` is not the vendor of its offer.
    VendorMismatch,
    /// A line's pack price is not the kernel's quote for its offer and quantity.
    PriceNotQuoted,
    /// A line's total is not the kernel's quote for its offer and quantity.
    LineTotalNotQuoted,
    /// A line's units are not its packs times the offer's pack size.
    UnitsNotQuoted,
    /// What a line says it is (its name, vendor name, category, list price or discounts) is not
    /// what the kernel quoted for its offer: a receipt would name other goods.
    DetailsNotQuoted,
    /// A line asks for more packs of its offer than are in stock (with the other lines of it).
    OutOfStock,
    /// The catalog could not be loaded, so no line could be checked against a quote.
    QuoteUnavailable,
    /// The approval is not of the approval's shape (id, approver, signature encoding or length).
    ApprovalMalformed,
    /// The approval is signed by a key that is not one of the policy's `approvers`.
    ApproverUnknown,
    /// The approval is for another cart.
    ApprovalWrongCart,
    /// The approval was given under another policy.
    ApprovalWrongPolicy,
    /// The approval has expired.
    ApprovalExpired,
    /// The approval's signature is not its approver's over this cart, policy, expiry and id.
    ApprovalSignatureInvalid,
    /// The approval id already paid for another settlement.
    ApprovalReplayed,
}

impl ViolationCode {
    /// The code as text (`"UNKNOWN_MERCHANT"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ViolationCode::EmptyCart => "EMPTY_CART",
            ViolationCode::TooManyLines => "TOO_MANY_LINES",
            ViolationCode::UnknownMerchant => "UNKNOWN_MERCHANT",
            ViolationCode::MerchantNotAllowed => "MERCHANT_NOT_ALLOWED",
            ViolationCode::DuplicateLine => "DUPLICATE_LINE",
            ViolationCode::ZeroAmount => "ZERO_AMOUNT",
            ViolationCode::InconsistentLine => "INCONSISTENT_LINE",
            ViolationCode::OverBudgetCap => "OVER_BUDGET_CAP",
            ViolationCode::OverTransferCap => "OVER_TRANSFER_CAP",
            ViolationCode::OverMerchantCap => "OVER_MERCHANT_CAP",
            ViolationCode::WindowLimitExceeded => "WINDOW_LIMIT_EXCEEDED",
            ViolationCode::ChainNotAllowed => "CHAIN_NOT_ALLOWED",
            ViolationCode::TokenNotAllowed => "TOKEN_NOT_ALLOWED",
            ViolationCode::ApprovalRequired => "APPROVAL_REQUIRED",
            ViolationCode::AmountOverflow => "AMOUNT_OVERFLOW",
            ViolationCode::UnknownOffer => "UNKNOWN_OFFER",
            ViolationCode::VendorMismatch => "VENDOR_MISMATCH",
            ViolationCode::PriceNotQuoted => "PRICE_NOT_QUOTED",
            ViolationCode::LineTotalNotQuoted => "LINE_TOTAL_NOT_QUOTED",
            ViolationCode::UnitsNotQuoted => "UNITS_NOT_QUOTED",
            ViolationCode::DetailsNotQuoted => "DETAILS_NOT_QUOTED",
            ViolationCode::OutOfStock => "OUT_OF_STOCK",
            ViolationCode::QuoteUnavailable => "QUOTE_UNAVAILABLE",
            ViolationCode::ApprovalMalformed => "APPROVAL_MALFORMED",
            ViolationCode::ApproverUnknown => "APPROVER_UNKNOWN",
            ViolationCode::ApprovalWrongCart => "APPROVAL_WRONG_CART",
            ViolationCode::ApprovalWrongPolicy => "APPROVAL_WRONG_POLICY",
            ViolationCode::ApprovalExpired => "APPROVAL_EXPIRED",
            ViolationCode::ApprovalSignatureInvalid => "APPROVAL_SIGNATURE_INVALID",
            ViolationCode::ApprovalReplayed => "APPROVAL_REPLAYED",
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct Violation {
    /// Stable code.
    pub code: ViolationCode,
    /// Explanation for people.
    pub message: String,
    /// 0-based index of the line concerned, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Merchant concerned, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant: Option<String>,
}

/// One transfer of an approved cart: everything owed to one merchant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TransferLeg {
    /// Merchant id.
    pub merchant_id: String,
    /// Merchant name from the registry.
    pub merchant_name: String,
    /// Payout address from the registry — never from the cart.
    pub payout: Address,
    /// Amount to transfer.
    pub amount: Amount,
}

/// A cart the policy approved, with its resolved transfer legs. Only [`Policy::authorize`] makes
/// one: there is no public constructor and no `Deserialize`, so no input can forge it.
///
/// These do not compile (invariant 1 of the design):
///
/// ```compile_fail
/// let forged: flux_core::ApprovedCart = serde_json::from_str("{}").unwrap();
/// ```
///
/// ```compile_fail
/// let cart = flux_core::Cart::new(vec![]).unwrap();
/// let forged = flux_core::ApprovedCart { cart, ..todo!() };
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovedCart {
    cart: Cart,
    cart_id: String,
    legs: Vec<TransferLeg>,
    total: Amount,
    policy_hash: String,
    target: Target,
    decided_at: u64,
}

impl ApprovedCart {
    /// The cart as approved.
    pub fn cart(&self) -> &Cart {
        &self.cart
    }
    /// Its content id.
    pub fn cart_id(&self) -> &str {
        &self.cart_id
    }
    /// Transfer legs, one per merchant, sorted by merchant id.
    pub fn legs(&self) -> &[TransferLeg] {
        &self.legs
    }
    /// Sum of the legs (equals the cart total).
    pub fn total(&self) -> Amount {
        self.total
    }
    /// Hash of the policy that approved it.
    pub fn policy_hash(&self) -> &str {
        &self.policy_hash
    }
    /// Chain and token it was approved for.
    pub fn target(&self) -> Target {
        self.target
    }
    /// The time of the decision (Unix seconds, as given to `authorize`).
    pub fn decided_at(&self) -> u64 {
        self.decided_at
    }
}

/// The policy's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Approved: settle this.
    Allow(ApprovedCart),
    /// Denied, with every violation.
    Deny {
        /// Violations, in rule order then line order.
        violations: Vec<Violation>,
    },
}

/// The policy's answer without its details: `allow` or `deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Approved.
    Allow,
    /// Denied.
    Deny,
}

impl DecisionKind {
    /// `allow` or `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Allow => "allow",
            DecisionKind::Deny => "deny",
        }
    }
}

impl Decision {
    /// `allow` or `deny`.
    pub fn kind(&self) -> DecisionKind {
        match self {
            Decision::Allow(_) => DecisionKind::Allow,
            Decision::Deny { .. } => DecisionKind::Deny,
        }
    }

    /// Whether the cart was approved.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow(_))
    }
    /// The approved cart, when allowed.
    pub fn approved(&self) -> Option<&ApprovedCart> {
        match self {
            Decision::Allow(a) => Some(a),
            Decision::Deny { .. } => None,
        }
    }

    /// Whether the cart is denied only for want of an approval: a person can settle that.
    pub fn awaits_approval(&self) -> bool {
        only_approval_missing(self.violations())
    }

    /// The violations (empty when allowed).
    pub fn violations(&self) -> &[Violation] {
        match self {
            Decision::Allow(_) => &[],
            Decision::Deny { violations } => violations,
        }
    }
}

/// A validated policy: the merchant registry and the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// Serialized as a list, the same shape `Policy::from_json` reads.
    #[serde(serialize_with = "merchant_list")]
    merchants: BTreeMap<String, Merchant>,
    rules: Rules,
    /// Merchant ids in registry order (sorted), for binary search.
    #[serde(skip)]
    ids: Vec<String>,
    /// Whether the merchant in the same slot of `ids` is on the allowlist.
    #[serde(skip)]
    allowed: Vec<bool>,
    #[serde(skip)]
    hash: String,
}

fn merchant_list<S: serde::Serializer>(merchants: &BTreeMap<String, Merchant>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(merchants.values())
}

/// Indices of lines whose id appeared on an earlier line, sorted.
fn duplicate_lines(lines: &[crate::cart::CartLine]) -> Vec<usize> {
    let mut dups = Vec::new();
    if lines.len() <= 32 {
        for (i, l) in lines.iter().enumerate() {
            if lines[..i].iter().any(|p| p.id == l.id) {
                dups.push(i);
            }
        }
        return dups;
    }
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|a, b| lines[*a].id.cmp(&lines[*b].id).then(a.cmp(b)));
    for w in order.windows(2) {
        if lines[w[0]].id == lines[w[1]].id {
            dups.push(w[1]);
        }
    }
    dups.sort_unstable();
    dups
}

/// Whether `violations` say only that an approval is missing (and say something).
pub(crate) fn only_approval_missing(violations: &[Violation]) -> bool {
    !violations.is_empty() && violations.iter().all(|v| v.code == ViolationCode::ApprovalRequired)
}

/// A violation with its merchant cut to 64 characters.
pub(crate) fn violation(code: ViolationCode, message: String, line: Option<usize>, merchant: Option<&str>) -> Violation {
    Violation { code, message, line, merchant: merchant.map(|m| m.chars().take(64).collect()) }
}

impl Policy {
    /// The registry.
    pub fn merchants(&self) -> impl Iterator<Item = &Merchant> {
        self.merchants.values()
    }
    /// A merchant by id.
    pub fn merchant(&self, id: &str) -> Option<&Merchant> {
        self.merchants.get(id)
    }
    /// Whether a cart may pay merchant `id`: it is in the registry and on the allowlist.
    pub fn pays(&self, id: &str) -> bool {
        self.ids.binary_search_by(|m| m.as_str().cmp(id)).is_ok_and(|slot| self.allowed[slot])
    }
    /// The most one cart may pay merchant `id`: the cart cap, the per-transfer cap and the
    /// merchant's own cap, whichever is least (rolling windows, which depend on what was spent
    /// when the cart is paid, aside).
    pub fn cap_for(&self, id: &str) -> Amount {
        let r = &self.rules;
        [r.per_transfer_cap, r.per_merchant_caps.get(id).copied()].into_iter().flatten().fold(r.max_budget_cap, Amount::min)
    }
    /// The rules.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The policy as a document ([`Policy::new`] of it gives this policy back).
    pub fn to_document(&self) -> PolicyDocument {
        PolicyDocument { merchants: self.merchants().cloned().collect(), rules: self.rules.clone() }
    }

    /// SHA-256 of the policy's canonical JSON (hex): identifies exactly which policy decided.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Evaluates `cart` for settlement on `target` at `now` (Unix seconds), given what has been
    /// spent. Pure: the same inputs always give the same decision.
    pub fn authorize(&self, cart: &Cart, target: &Target, spend: &SpendState, now: u64) -> Decision {
        self.authorize_with(cart, target, spend, now, &Approval::default())
    }

    /// [`Policy::authorize`] with an approval, which a cart above `rules.approval_threshold`
    /// needs (see [`Policy::approval_violations`]). Whether the approval id was already used is
    /// not the policy's to know: the ledger answers it.
    pub fn authorize_with(&self, cart: &Cart, target: &Target, spend: &SpendState, now: u64, approval: &Approval) -> Decision {
        let spent: Vec<Amount> = self.windows().iter().map(|w| spend.spent_in(w, now)).collect();
        self.authorize_spent(cart, target, &spent, now, approval)
    }

    /// Every rolling window of the rules (`window`, then `windows`), in the order
    /// [`Policy::authorize_spent`] takes their spend.
    pub fn windows(&self) -> Vec<WindowLimit> {
        self.rules.window.iter().chain(&self.rules.windows).cloned().collect()
    }

    /// [`Policy::authorize_with`] given what was spent in each of [`Policy::windows`] (a ledger
    /// keeps these totals incrementally; missing entries count as nothing spent). Pure and
    /// independent of how much history there is.
    pub fn authorize_spent(&self, cart: &Cart, target: &Target, spent: &[Amount], now: u64, approval: &Approval) -> Decision {
        use ViolationCode as V;
        let r = &self.rules;
        let mut out: Vec<Violation> = Vec::new();
        let lines = cart.lines();
        if lines.is_empty() {
            out.push(violation(V::EmptyCart, "the cart is empty: nothing to pay".into(), None, None));
        }
        if lines.len() > r.max_lines as usize {
            out.push(violation(V::TooManyLines, format!("{} lines; at most {} allowed", lines.len(), r.max_lines), None, None));
        }
        if !r.allowed_chain_ids.contains(&target.chain_id) {
            out.push(violation(V::ChainNotAllowed, format!("chain {} is not allowed", target.chain_id), None, None));
        }
        if !r.allowed_tokens.contains(&target.token) {
            out.push(violation(V::TokenNotAllowed, format!("token {} is not allowed", target.token), None, None));
        }
        // Per line: merchant known and allowed, unique id, positive and consistent amounts.
        // Sums per registered merchant live in a slot per registry entry; unknown merchants only
        // add to the total.
        let mut per_merchant: Vec<Amount> = vec![Amount::ZERO; self.ids.len()];
        let mut total = Amount::ZERO;
        let mut overflow = false;
        let duplicates = duplicate_lines(lines);
        for (i, l) in lines.iter().enumerate() {
            let m = l.vendor_id.as_str();
            match self.ids.binary_search_by(|id| id.as_str().cmp(m)) {
                Err(_) => out.push(violation(
                    V::UnknownMerchant,
                    format!("merchant {:?} is not in the registry", m.chars().take(64).collect::<String>()),
                    Some(i),
                    Some(m),
                )),
                Ok(slot) => {
                    if !self.allowed[slot] {
                        out.push(violation(V::MerchantNotAllowed, format!("merchant {m:?} is not on the allowlist"), Some(i), Some(m)));
                    }
                    match per_merchant[slot].checked_add(l.line_total) {
                        Ok(v) => per_merchant[slot] = v,
                        Err(_) => overflow = true,
                    }
                }
            }
            if duplicates.binary_search(&i).is_ok() {
                out.push(violation(V::DuplicateLine, format!("line id {:?} appears more than once", l.id), Some(i), Some(m)));
            }
            if l.price == Amount::ZERO || l.line_total == Amount::ZERO {
                out.push(violation(V::ZeroAmount, "a line with a zero amount".into(), Some(i), Some(m)));
            }
            match l.price.checked_mul(u64::from(l.quantity)) {
                Ok(t) if t == l.line_total => {}
                Ok(_) => out.push(violation(
                    V::InconsistentLine,
                    format!("line_total {} is not price {} x quantity {}", l.line_total, l.price, l.quantity),
                    Some(i),
                    Some(m),
                )),
                Err(_) => overflow = true,
            }
            match total.checked_add(l.line_total) {
                Ok(t) => total = t,
                Err(_) => overflow = true,
            }
        }
        if overflow || total != cart.total() {
            out.push(violation(V::AmountOverflow, "amounts overflow or do not add up".into(), None, None));
            total = Amount::MAX;
        }
        if total > r.max_budget_cap {
            out.push(violation(
                V::OverBudgetCap,
                format!("total {} USDC exceeds the budget cap of {} USDC", total, r.max_budget_cap),
                None,
                None,
            ));
        }
        for (slot, amount) in per_merchant.iter().enumerate().filter(|(_, a)| **a > Amount::ZERO) {
            let m = self.ids[slot].as_str();
            if let Some(cap) = r.per_transfer_cap {
                if *amount > cap {
                    out.push(violation(
                        V::OverTransferCap,
                        format!("transfer of {amount} USDC to {m:?} exceeds the per-transfer cap of {cap} USDC"),
                        None,
                        Some(m),
                    ));
                }
            }
            if let Some(cap) = r.per_merchant_caps.get(m) {
                if amount > cap {
                    out.push(violation(V::OverMerchantCap, format!("{amount} USDC to {m:?} exceeds its cap of {cap} USDC"), None, Some(m)));
                }
            }
        }
        for (i, w) in r.window.iter().chain(&r.windows).enumerate() {
            let spent = spent.get(i).copied().unwrap_or(Amount::ZERO);
            let share = match &w.merchant {
                None => total,
                Some(m) => self.ids.binary_search(m).map(|slot| per_merchant[slot]).unwrap_or(Amount::ZERO),
            };
            if share == Amount::ZERO {
                continue;
            }
            let after = spent.checked_add(share).unwrap_or(Amount::MAX);
            if after > w.limit {
                let whom = w.merchant.as_deref().map(|m| format!(" to {m:?}")).unwrap_or_default();
                out.push(violation(
                    V::WindowLimitExceeded,
                    format!(
                        "{spent} USDC already spent{whom} in the last {} s; {share} more would exceed the limit of {} USDC",
                        w.seconds, w.limit
                    ),
                    None,
                    w.merchant.as_deref(),
                ));
            }
        }
        if r.approval_threshold.is_some_and(|threshold| total > threshold) {
            out.extend(self.approval_violations(cart, approval, now));
        }
        if !out.is_empty() {
            return Decision::Deny { violations: out };
        }
        let legs = self
            .merchants
            .values()
            .zip(per_merchant)
            .filter(|(_, amount)| *amount > Amount::ZERO)
            .map(|(reg, amount)| TransferLeg {
                merchant_id: reg.id.clone(),
                merchant_name: reg.name.clone(),
                payout: reg.payout_address,
                amount,
            })
            .collect();
        Decision::Allow(ApprovedCart {
            cart_id: cart.id(),
            cart: cart.clone(),
            legs,
            total,
            policy_hash: self.hash.clone(),
            target: *target,
            decided_at: now,
        })
    }
}

#[cfg(test)]
mod tests;
