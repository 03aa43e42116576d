//! Transparent ranking: every offer gets a score from visible components, a reason in plain
//! words, and the winner of each need says why it beat the runner-up.
//!
//! Components are integers in 0..=1000: **relevance** (how well the offer matches what was asked:
//! see `relevance`; an offer that does not match a specific request is excluded as
//! `does_not_match`), **price** (the cheapest eligible line for the need scores 1000, a line `k`
//! times as dear `1000 / k`), **delivery** (the fastest scores 1000, each day later a
//! [`DELIVERY_SPAN_DAYS`]th less) and **trust** (the vendor's trust score × 10): scales that do not
//! move when an offer nobody would buy comes within budget or deadline. The total is the strategy's weighted mean of price, delivery and trust, scaled by
//! relevance. Ties break by lower line total, then sooner delivery, then offer id — so rankings
//! are total and deterministic.

mod explain;
mod resolve;
mod split;

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::catalog::{for_days, CatalogData, Offer, Vendor};
use crate::intent::{Need, Strategy, Weights};
use crate::money::Amount;
use crate::negotiate::{quote_units, AppliedDiscount, Quote};
use crate::reasons::{ExclusionReason, UnmetReason};
use crate::relevance::{Fit, OfferTerms, Query, FULL_RELEVANCE};
use explain::{explain_pair, reason_for};
pub(crate) use resolve::{fill_spend, resolve_packages, resolve_spend};
pub use split::MAX_SPLIT_LINES;
use split::{NoSplit, Short, Split};

/// The score components and their total, each 0..=1000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ScoreBreakdown {
    /// How well the offer matches what was asked (1000: fully).
    pub relevance: u32,
    /// Price component.
    pub price: u32,
    /// Delivery component.
    pub delivery: u32,
    /// Trust component.
    pub trust: u32,
    /// The strategy's weighted mean of price, delivery and trust, scaled by relevance.
    pub total: u32,
}

/// One eligible offer for a need, scored and explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankedOption {
    /// 1-based rank within the need.
    pub rank: u32,
    /// Offer id.
    pub offer_id: String,
    /// Product name.
    pub name: String,
    /// Vendor id.
    pub vendor_id: String,
    /// Vendor display name.
    pub vendor_name: String,
    /// Vendor trust, 0..=100.
    pub trust_score: u8,
    /// Days to deliver.
    pub delivery_days: u32,
    /// Packs to buy for the need.
    pub packs: u32,
    /// Units delivered (`packs × pack_size`).
    pub units: u32,
    /// Pack price after discounts.
    pub unit_price: Amount,
    /// Pack price before discounts.
    pub original_price: Amount,
    /// Cost of this option for the need.
    pub line_total: Amount,
    /// Discounts applied.
    pub discounts: Vec<AppliedDiscount>,
    /// Score components.
    pub score: ScoreBreakdown,
    /// Short reason (the seed's `reason`).
    pub reason: String,
    /// The arithmetic behind the score (the seed's `ai_reason`).
    pub ai_reason: String,
}

/// An offer that could not serve the need, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Excluded {
    /// Offer id.
    pub offer_id: String,
    /// Vendor id.
    pub vendor_id: String,
    /// Why it cannot serve the need.
    pub reason: ExclusionReason,
}

/// The ranking of all offers for one need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedRanking {
    /// The need.
    pub need: Need,
    /// Whether any offer of the category serves it (`false`; but what it rules out, see
    /// `Need::excluding`) or only offers matching its item do.
    pub specific: bool,
    /// Eligible offers, best first.
    pub options: Vec<RankedOption>,
    /// Offers that could not serve the need (the first few, in offer-id order).
    pub excluded: Vec<Excluded>,
    /// How many offers were excluded, per reason.
    pub excluded_counts: BTreeMap<ExclusionReason, usize>,
    /// Why #1 beat #2, with what would change the outcome (absent with fewer than two options).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_first: Option<String>,
    /// When no single offer has the stock for the need: the lines of several that do together,
    /// best first, each quoted for the units it takes (see [`MAX_SPLIT_LINES`]); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<RankedOption>,
}

/// The constraints a ranking applies before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankLimits {
    /// Latest acceptable delivery, in days.
    pub deadline_days: u32,
    /// An option costing more than this alone is excluded.
    pub budget: Amount,
}

#[derive(Clone)]
struct Candidate {
    quote: Quote,
    vendor: Arc<Vendor>,
    /// Relevance to the need, 0..=1000.
    relevance: u32,
    /// Soft words of the request the offer lacks.
    missing: Vec<String>,
}

impl Candidate {
    fn cost(&self) -> u64 {
        self.quote.line_total.units()
    }
    fn days(&self) -> u32 {
        self.quote.offer.delivery_days
    }
}

/// Days later than the fastest option at which delivery scores 0.
pub const DELIVERY_SPAN_DAYS: u32 = 7;

/// Price component: the lowest price scores 1000 and a price `k` times it `1000 / k` ("twice
/// the price" scores 500), in thousandths rounded down. It depends on the lowest price only, so
/// an offer nobody would buy never changes how two others compare: with a scale from the lowest
/// to the highest price, a 206 USDC offer becoming affordable made "cheapest" pick a 54 USDC line
/// over a 28 USDC one.
fn price_score(cost: u64, lowest: u64) -> u32 {
    if cost <= lowest {
        return 1000;
    }
    // lowest / cost in thousandths; u128 avoids overflow.
    ((u128::from(lowest) * 1000) / u128::from(cost)) as u32
}

/// Delivery component: the fastest option scores 1000, each day later 1/[`DELIVERY_SPAN_DAYS`]
/// less, down to 0 — a fixed scale, for the same reason as [`price_score`]: a slower offer coming
/// within the deadline never changes how two others compare.
fn delivery_score(days: u32, fastest: u32) -> u32 {
    let late = days.saturating_sub(fastest).min(DELIVERY_SPAN_DAYS);
    1000 - late * 1000 / DELIVERY_SPAN_DAYS
}

fn weighted(w: Weights, price: u32, delivery: u32, trust: u32) -> u32 {
    let sum = u64::from(w.price) * u64::from(price) + u64::from(w.delivery) * u64::from(delivery) + u64::from(w.trust) * u64::from(trust);
    let weights = (u64::from(w.price) + u64::from(w.delivery) + u64::from(w.trust)).max(1);
    (sum / weights) as u32
}

/// Everything needed to score candidates of one need against each other: the lowest price and
/// the fastest delivery among them.
#[derive(Clone, Copy)]
struct Ranges {
    min_cost: u64,
    min_days: u32,
}

impl Ranges {
    fn of<'a>(items: impl Iterator<Item = (u64, u32)> + 'a) -> Option<Ranges> {
        items.fold(None, |acc, (c, d)| {
            Some(match acc {
                None => Ranges { min_cost: c, min_days: d },
                Some(r) => Ranges { min_cost: r.min_cost.min(c), min_days: r.min_days.min(d) },
            })
        })
    }

    fn score(&self, w: Weights, cost: u64, days: u32, trust: u8, relevance: u32) -> ScoreBreakdown {
        let price = price_score(cost, self.min_cost);
        let delivery = delivery_score(days, self.min_days);
        let trust = u32::from(trust.min(100)) * 10;
        let relevance = relevance.min(FULL_RELEVANCE);
        let total = weighted(w, price, delivery, trust) * relevance / FULL_RELEVANCE;
        ScoreBreakdown { relevance, price, delivery, trust, total }
    }

    fn score_of(&self, w: Weights, c: &Candidate) -> ScoreBreakdown {
        self.score(w, c.cost(), c.days(), c.vendor.trust_score, c.relevance)
    }
}

/// The deterministic order: score desc, cost asc, days asc, id asc.
fn order(a: (u32, u64, u32, &str), b: (u32, u64, u32, &str)) -> Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(b.3))
}

/// The offers of the need's category, their matching terms (`no_terms` for one the catalog has
/// none for), and the need as a query over them.
pub(super) fn category_query<'c>(
    catalog: &'c CatalogData,
    need: &Need,
    no_terms: &'c OfferTerms,
) -> (&'c [Arc<Offer>], impl Fn(&Offer) -> &'c OfferTerms + Copy + 'c, Query) {
    let offers = catalog.offers_in(&need.category);
    let terms_of = move |o: &Offer| catalog.offer_terms(&o.id).unwrap_or(no_terms);
    let query = Query::new(need, catalog.vocabulary(), offers.iter().map(|o| terms_of(o)));
    (offers, terms_of, query)
}

/// The arithmetic behind a score (the seed's `ai_reason`): "#1 of 12 for balanced: relevance
/// 1000/1000, price 870/1000, ... -> score 912/1000 (weights 40/30/30, times relevance)".
fn arithmetic(lead: &str, price_note: &str, s: ScoreBreakdown, strategy: Strategy) -> String {
    let w = strategy.weights();
    format!(
        "{lead} for {}: relevance {}/1000, price {}/1000{price_note}, delivery {}/1000, trust {}/1000 -> score {}/1000 (weights {}/{}/{}, times relevance)",
        strategy.name(),
        s.relevance,
        s.price,
        s.delivery,
        s.trust,
        s.total,
        w.price,
        w.delivery,
        w.trust
    )
}

/// A candidate with its score, reason and arithmetic, as the public option.
fn detailed(c: &Candidate, score: ScoreBreakdown, rank: u32, reason: String, ai_reason: String) -> RankedOption {
    let o = &c.quote.offer;
    RankedOption {
        rank,
        offer_id: o.id.clone(),
        name: o.name.clone(),
        vendor_id: o.vendor_id.clone(),
        vendor_name: c.vendor.name.clone(),
        trust_score: c.vendor.trust_score,
        delivery_days: o.delivery_days,
        packs: c.quote.packs,
        units: c.quote.packs.saturating_mul(o.pack_size),
        unit_price: c.quote.unit_price,
        original_price: c.quote.original_price,
        line_total: c.quote.line_total,
        discounts: c.quote.discounts(&c.vendor),
        score,
        reason,
        ai_reason,
    }
}

/// Ranks every offer of the need's category in `catalog`, all options detailed, for the need's
/// `quantity` units (a need that counts packages is resolved to units by [`propose`](crate::propose)).
pub fn rank_need(catalog: &CatalogData, need: &Need, strategy: Strategy, limits: RankLimits) -> NeedRanking {
    score_need(catalog, need, strategy, limits, None).ranking(usize::MAX)
}

/// Every eligible offer of a need, scored and ordered, with details rendered on demand.
pub(crate) struct ScoredNeed {
    need: Need,
    query: Query,
    strategy: Strategy,
    scored: Vec<(Candidate, ScoreBreakdown)>,
    ranges: Option<Ranges>,
    excluded: Vec<(Arc<Offer>, ExclusionReason)>,
    /// Tried when no single offer can serve the need (`None` otherwise).
    split: Option<Result<Split, NoSplit>>,
}

/// Whom a plan may pay, and at most how much one cart may pay each: a policy's registry,
/// allowlist and caps.
pub(crate) trait Payees {
    /// Whether a cart may pay `merchant`.
    fn pays(&self, merchant: &str) -> bool;
    /// The most one cart may pay `merchant`.
    fn cap_for(&self, merchant: &str) -> Amount;
    /// The most one cart may cost.
    fn cart_cap(&self) -> Amount;
}

/// Scores and orders every offer of the need's category. Under a `policy`, only offers of the
/// merchants it pays and within what it lets one cart pay each, so a plan is never one the policy
/// would deny for a line alone.
pub(crate) fn score_need(
    catalog: &CatalogData,
    need: &Need,
    strategy: Strategy,
    limits: RankLimits,
    policy: Option<&dyn Payees>,
) -> ScoredNeed {
    let weights = strategy.weights();
    let no_terms = OfferTerms::default();
    let (offers, terms_of, mut query) = category_query(catalog, need, &no_terms);
    // "a 4k monitor under $200": the most one unit may cost, as the request said it.
    let cap = need.price_cap();
    let eligible = |query: &Query| {
        let mut excluded = Vec::new();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut short: Vec<Short> = Vec::new();
        for listed in offers {
            // A rental priced per day, kept for the need's days, is quoted for them.
            let rented = need.days.and_then(|days| for_days(listed, days));
            let offer = rented.as_ref().unwrap_or(listed);
            let exclude = |reason: ExclusionReason| (offer.clone(), reason);
            let Some(vendor) = catalog.vendor(&offer.vendor_id) else {
                excluded.push(exclude(ExclusionReason::UnknownVendor));
                continue;
            };
            let Fit::Match { relevance, missing } = query.fit(terms_of(offer)) else {
                excluded.push(exclude(ExclusionReason::DoesNotMatch));
                continue;
            };
            // "buy 2 projectors": no rental; "rent 40 chairs": nothing bought outright.
            if let Some(reason) = need.tenure.and_then(|t| t.refuses(listed.per_day())) {
                excluded.push(exclude(reason));
                continue;
            }
            if !need.buys_from(&offer.vendor_id) {
                excluded.push(exclude(ExclusionReason::MerchantNotWanted));
                continue;
            }
            if policy.is_some_and(|p| !p.pays(&offer.vendor_id)) {
                excluded.push(exclude(ExclusionReason::MerchantNotAllowed));
                continue;
            }
            if offer.delivery_days > limits.deadline_days {
                excluded.push(exclude(ExclusionReason::BeyondDeadline));
                continue;
            }
            // Over the price asked, it is not what was asked either: checked on the quote (after
            // discounts), and on the list price for what a split may buy.
            let within_cap =
                |line_total: Amount, packs: u32| cap.is_none_or(|c| c.allows(line_total, u64::from(packs) * u64::from(offer.pack_size)));
            if offer.packs_for(need.quantity) > offer.stock {
                if !within_cap(offer.price, 1) {
                    excluded.push(exclude(ExclusionReason::DoesNotMatch));
                    continue;
                }
                excluded.push(exclude(ExclusionReason::OutOfStock));
                let (cap, packs) = (policy.map(|p| p.cap_for(&offer.vendor_id)), offer.stock);
                short.push(Short { offer: offer.clone(), vendor: vendor.clone(), relevance, missing, packs, capped: false, cap });
                continue;
            }
            match quote_units(offer, vendor, need.quantity) {
                Ok(quote) if !within_cap(quote.line_total, quote.packs) => excluded.push(exclude(ExclusionReason::DoesNotMatch)),
                Ok(quote) => {
                    // Over both the budget and the policy's cap, the lower of the two is the one
                    // that stands in the way: a larger budget would not help under a lower cap.
                    let cap = policy.map(|p| p.cap_for(&offer.vendor_id)).filter(|cap| quote.line_total > *cap);
                    match cap {
                        Some(cap) if cap <= limits.budget => {
                            excluded.push(exclude(ExclusionReason::OverPolicyCap));
                            // What one cart may buy of it, for a split over merchants.
                            let packs = split::packs_within(offer, vendor, cap);
                            if packs > 0 {
                                let (offer, vendor) = (offer.clone(), vendor.clone());
                                short.push(Short { offer, vendor, relevance, missing, packs, capped: true, cap: Some(cap) });
                            }
                        }
                        _ if quote.line_total > limits.budget => excluded.push(exclude(ExclusionReason::OverBudget)),
                        Some(_) => excluded.push(exclude(ExclusionReason::OverPolicyCap)),
                        None => candidates.push(Candidate { quote, vendor: vendor.clone(), relevance, missing }),
                    }
                }
                Err(_) => excluded.push(exclude(ExclusionReason::OverBudget)),
            }
        }
        (candidates, excluded, short)
    };
    let (mut candidates, mut excluded, short) = eligible(&query);
    let cart_cap = policy.map(|p| p.cart_cap());
    // No offer with every attribute asked for has the stock: several that do together. Failing
    // that, the closest offers of the item, ranked by how many attributes they have (or several of
    // them), rather than nothing.
    let mut split = None;
    if candidates.is_empty() {
        split = Some(split::split(short, need, weights, limits.budget, cart_cap));
        if !matches!(split, Some(Ok(_))) {
            if let Some(relaxed) = query.relaxed() {
                let short;
                (candidates, excluded, short) = eligible(&relaxed);
                query = relaxed;
                split = candidates.is_empty().then(|| split::split(short, need, weights, limits.budget, cart_cap));
            }
        }
    }
    let ranges = Ranges::of(candidates.iter().map(|c| (c.cost(), c.days())));
    let mut scored: Vec<(Candidate, ScoreBreakdown)> = match ranges {
        Some(r) => candidates
            .into_iter()
            .map(|c| {
                let s = r.score_of(weights, &c);
                (c, s)
            })
            .collect(),
        None => Vec::new(),
    };
    scored.sort_by(|(a, sa), (b, sb)| {
        order((sa.total, a.cost(), a.days(), &a.quote.offer.id), (sb.total, b.cost(), b.days(), &b.quote.offer.id))
    });
    ScoredNeed { need: need.clone(), query, strategy, scored, ranges, excluded, split }
}

impl ScoredNeed {
    /// Number of eligible options.
    pub(crate) fn len(&self) -> usize {
        self.scored.len()
    }

    /// (cost, score) of every eligible option, in rank order, for the optimizer; then the split
    /// (at index [`ScoredNeed::len`]) when there is one.
    pub(crate) fn choices(&self) -> Vec<crate::optimize::Choice> {
        let split = self.split().map(|s| crate::optimize::Choice { cost: s.cost, score: s.score });
        self.scored.iter().map(|(c, s)| crate::optimize::Choice { cost: c.cost(), score: s.total }).chain(split).collect()
    }

    /// The lines option `i` of [`ScoredNeed::choices`] adds: its offer and cost, or the split's.
    pub(crate) fn lines_of(&self, i: usize) -> impl Iterator<Item = (&Offer, u64)> {
        fn line(c: &Candidate) -> (&Offer, u64) {
            (&c.quote.offer, c.cost())
        }
        let single = self.scored.get(i).map(|(c, _)| line(c));
        let parts = match single {
            None => self.split().map_or(&[][..], |s| s.parts.as_slice()),
            Some(_) => &[],
        };
        single.into_iter().chain(parts.iter().map(|p| line(&p.candidate)))
    }

    fn split(&self) -> Option<&Split> {
        self.split.as_ref().and_then(|s| s.as_ref().ok())
    }

    /// The lines of the split (the optimizer's option [`ScoredNeed::len`]), fully detailed; empty
    /// when there is none.
    pub(crate) fn split_lines(&self) -> Vec<RankedOption> {
        let Some(split) = self.split() else { return Vec::new() };
        let label = (!self.query.is_generic()).then(|| self.query.label());
        let count = split.parts.len();
        split
            .parts
            .iter()
            .enumerate()
            .map(|(i, part)| {
                let ai_reason = arithmetic(&format!("line {} of {count} of a split", i + 1), " (per unit)", part.score, self.strategy);
                let reason = split::reason(split, i, self.need.quantity, label);
                detailed(&part.candidate, part.score, i as u32 + 1, reason, ai_reason)
            })
            .collect()
    }

    /// The score of the option at `index` (0-based rank), without detailing it.
    pub(crate) fn score(&self, index: usize) -> Option<u32> {
        self.scored.get(index).map(|(_, s)| s.total)
    }

    /// The offer id and line total of the option at `index` (0-based rank), without detailing it.
    pub(crate) fn quoted(&self, index: usize) -> Option<(&str, Amount)> {
        self.scored.get(index).map(|(c, _)| (c.quote.offer.id.as_str(), c.quote.line_total))
    }

    /// The option at `index` (0-based rank), fully detailed.
    pub(crate) fn option(&self, index: usize) -> Option<RankedOption> {
        let (c, s) = self.scored.get(index)?;
        let ranges = self.ranges?;
        let rank = index as u32 + 1;
        let reason = reason_for(c, *s, rank, ranges, &self.query, self.need.quantity);
        let ai_reason = arithmetic(&format!("#{rank} of {}", self.scored.len()), "", *s, self.strategy);
        Some(detailed(c, *s, rank, reason, ai_reason))
    }

    /// The public ranking with the first `top` options detailed.
    pub(crate) fn ranking(&self, top: usize) -> NeedRanking {
        let why_first = match self.scored.as_slice() {
            [first, second, ..] => Some(explain_pair(&self.scored, first, second, self.strategy)),
            _ => None,
        };
        let options = (0..self.scored.len().min(top)).filter_map(|i| self.option(i)).collect();
        let mut excluded_counts = BTreeMap::new();
        for (_, reason) in &self.excluded {
            *excluded_counts.entry(*reason).or_insert(0) += 1;
        }
        let excluded = self
            .excluded
            .iter()
            .take(top)
            .map(|(o, reason)| Excluded { offer_id: o.id.clone(), vendor_id: o.vendor_id.clone(), reason: *reason })
            .collect();
        let split = self.split_lines();
        NeedRanking { need: self.need.clone(), specific: !self.query.is_generic(), options, excluded, excluded_counts, why_first, split }
    }

    /// Why no option could serve the need (`None` if some could).
    pub(crate) fn unavailable_reason(&self) -> Option<UnmetReason> {
        let has = |r: ExclusionReason| self.excluded.iter().any(|(_, reason)| *reason == r);
        match &self.split {
            _ if !self.scored.is_empty() => return None,
            // It could be served, by several offers: the budget went elsewhere.
            Some(Ok(_)) => return None,
            // The split the caps allow costs more than the budget: a larger one would buy it. One
            // within the budget but over the cart cap is held back by the policy alone.
            Some(Err(NoSplit::Budget { over_budget: true })) => return Some(UnmetReason::OverBudget),
            Some(Err(NoSplit::Budget { over_budget: false })) => return Some(UnmetReason::OverPolicyCap),
            _ => {}
        }
        Some(if self.excluded.is_empty() {
            UnmetReason::NoOffers
        } else if self.excluded.iter().all(|(_, reason)| {
            use ExclusionReason::*;
            matches!(reason, DoesNotMatch | UnknownVendor | MerchantNotAllowed | MerchantNotWanted | NotForSale | NotForRent)
        }) {
            // Nothing the catalog sells is what was asked, where and how it was asked: never
            // something else instead.
            if has(ExclusionReason::MerchantNotWanted) {
                UnmetReason::MerchantNotWanted
            } else if has(ExclusionReason::MerchantNotAllowed) {
                UnmetReason::MerchantNotAllowed
            } else if has(ExclusionReason::NotForSale) {
                UnmetReason::NotForSale
            } else if has(ExclusionReason::NotForRent) {
                UnmetReason::NotForRent
            } else if has(ExclusionReason::DoesNotMatch) {
                UnmetReason::DoesNotMatch
            } else {
                UnmetReason::NoOffers
            }
        } else if has(ExclusionReason::OverPolicyCap) {
            // Some offer fits the budget: a larger one would not help, the policy's caps would.
            UnmetReason::OverPolicyCap
        } else if has(ExclusionReason::OverBudget) {
            UnmetReason::OverBudget
        } else if has(ExclusionReason::OutOfStock) {
            UnmetReason::OutOfStock
        } else if has(ExclusionReason::BeyondDeadline) {
            UnmetReason::BeyondDeadline
        } else {
            UnmetReason::NoOffers
        })
    }
}

#[cfg(test)]
mod tests;
