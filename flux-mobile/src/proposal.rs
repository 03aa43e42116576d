//! What the kernel read and proposes, as it crosses to Kotlin and Swift: the needs read from the
//! prompt, what was dropped or left unmet, the ranked options per need, and the proposal that
//! holds them with its cart.

use std::sync::Arc;

use crate::types::{Cart, Intent};

/// One thing the intent needs, as the kernel read it from the prompt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Need {
    /// The catalog category (`snacks`, `badges`, ...).
    pub category: String,
    /// What was asked, as the user said it (`"energy drinks"`).
    pub item: String,
    /// Units wanted.
    pub quantity: u32,
    /// Sizes, colours and spec words asked for (`"size xl"`, `"black"`, `"4k"`).
    pub attributes: Vec<String>,
    /// The days it is rented, when that is two or more (`"50 chairs for a 3-day conference"`).
    pub days: Option<u32>,
    /// How the user asked to have it (`"buy 2 projectors"`, `"rent 40 chairs"`); `null`: either.
    pub tenure: Option<Tenure>,
}

/// How a need is had: bought outright (no rental is bought for it) or rented (nothing is bought
/// outright).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Tenure {
    /// Bought outright (`"buy 2 projectors"`).
    Buy,
    /// Rented for its days (`"rent 40 chairs for the weekend"`).
    Rent,
}

impl From<&flux_core::Need> for Need {
    fn from(n: &flux_core::Need) -> Self {
        let tenure = n.tenure.map(|t| match t {
            flux_core::Tenure::Buy => Tenure::Buy,
            flux_core::Tenure::Rent => Tenure::Rent,
        });
        Need {
            category: n.category.clone(),
            item: n.item.clone(),
            quantity: n.quantity,
            attributes: n.attributes.clone(),
            days: n.days,
            tenure,
        }
    }
}

/// Something the parser read but did not turn into a need, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Dropped {
    /// The item as the parser saw it.
    pub item: String,
    /// Why: the core's stable reason name (`not_recognized`, `excluded`, ...).
    pub reason: String,
}

impl From<&flux_core::Dropped> for Dropped {
    fn from(d: &flux_core::Dropped) -> Self {
        Dropped { item: d.item.clone(), reason: d.reason.as_str().into() }
    }
}

/// A need the cart could not meet, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Unmet {
    /// The category.
    pub category: String,
    /// What was asked, as the user said it.
    pub item: String,
    /// Units wanted.
    pub quantity: u32,
    /// Why: the core's stable reason name (`no_offers`, `budget_exhausted`, ...).
    pub reason: String,
}

impl From<&flux_core::Unmet> for Unmet {
    fn from(u: &flux_core::Unmet) -> Self {
        Unmet { category: u.category.clone(), item: u.item.clone(), quantity: u.quantity, reason: u.reason.as_str().into() }
    }
}

/// One eligible offer for a need, ranked and explained: what `Flux.replaceLine` takes
/// (`offerId`, `units`) to swap a cart line for it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RankedOption {
    /// The offer id (a cart line's id when chosen).
    pub offer_id: String,
    /// Product name.
    pub name: String,
    /// Vendor id: the merchant the policy pays.
    pub vendor_id: String,
    /// Vendor display name.
    pub vendor_name: String,
    /// Cost of this option for the need, exact decimal text.
    pub line_total: String,
    /// Units delivered (`packs × pack size`).
    pub units: u32,
    /// Packs to buy.
    pub packs: u32,
    /// Days to deliver.
    pub delivery_days: u32,
    /// The ranking score's total, 0..=1000 (`CartLine.aiScore` is it divided by 10).
    pub score: u32,
    /// Why it ranks where it does, for people.
    pub reason: String,
}

impl From<&flux_core::RankedOption> for RankedOption {
    fn from(o: &flux_core::RankedOption) -> Self {
        RankedOption {
            offer_id: o.offer_id.clone(),
            name: o.name.clone(),
            vendor_id: o.vendor_id.clone(),
            vendor_name: o.vendor_name.clone(),
            line_total: o.line_total.to_string(),
            units: o.units,
            packs: o.packs,
            delivery_days: o.delivery_days,
            score: o.score.total,
            reason: o.reason.clone(),
        }
    }
}

/// The ranked options of one need, best first. The need a cart line serves is the one whose
/// options (or split) include the line's id.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NeedAlternatives {
    /// The need's category.
    pub category: String,
    /// The need's item, as the user said it.
    pub item: String,
    /// Eligible offers, best first (excluded offers and why are in the proposal's canonical JSON).
    pub options: Vec<RankedOption>,
    /// When no single offer has the stock for the need: the lines of several that do together.
    pub split: Vec<RankedOption>,
}

impl From<&flux_core::NeedRanking> for NeedAlternatives {
    fn from(r: &flux_core::NeedRanking) -> Self {
        NeedAlternatives {
            category: r.need.category.clone(),
            item: r.need.item.clone(),
            options: r.options.iter().map(RankedOption::from).collect(),
            split: r.split.iter().map(RankedOption::from).collect(),
        }
    }
}

/// The kernel's answer to an intent: the needs read, the optimal cart, the ranked alternatives
/// per need, unmet needs and dropped items (every reason and score in `canonical_json`).
#[derive(Debug, Clone, uniffi::Record)]
pub struct Proposal {
    /// The intent answered (pass it to `Flux.setUnits` / `Flux.replaceLine`).
    pub intent: Intent,
    /// SHA-256 of the intent's canonical JSON.
    pub intent_hash: String,
    /// The optimal cart.
    pub cart: Arc<Cart>,
    /// The cart's id.
    pub cart_id: String,
    /// The cart's total, exact decimal text.
    pub total: String,
    /// Budget left, exact decimal text.
    pub remaining_budget: String,
    /// The needs read from the prompt, in order.
    pub needs: Vec<Need>,
    /// What the parser read but did not use, and why.
    pub dropped: Vec<Dropped>,
    /// Per need, the ranked options a line can be replaced with (`Flux.replaceLine`).
    pub alternatives: Vec<NeedAlternatives>,
    /// Needs the cart does not meet.
    pub unmet: Vec<Unmet>,
    /// The core's canonical JSON (no telemetry): byte-identical on every host.
    pub canonical_json: String,
    /// How the proposal was made (parser, model, tokens, timings) as JSON; not canonical.
    pub telemetry_json: String,
}

impl From<flux_core::Proposal> for Proposal {
    fn from(p: flux_core::Proposal) -> Self {
        Proposal {
            intent: Intent::from_core(&p.intent),
            intent_hash: p.intent_hash.clone(),
            cart_id: p.cart_id.clone(),
            total: p.total.to_string(),
            remaining_budget: p.remaining_budget.to_string(),
            needs: p.needs.iter().map(Need::from).collect(),
            dropped: p.dropped.iter().map(Dropped::from).collect(),
            alternatives: p.alternatives.iter().map(NeedAlternatives::from).collect(),
            unmet: p.unmet.iter().map(Unmet::from).collect(),
            canonical_json: p.canonical_json(),
            telemetry_json: flux_core::to_canonical_json(&p.telemetry),
            cart: Cart::wrap(p.cart),
        }
    }
}
