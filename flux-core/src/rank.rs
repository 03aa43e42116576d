//! Transparent ranking: every offer gets a score from three visible components, a reason in plain
//! words, and the winner of each need says why it beat the runner-up.
//!
//! Components are integers in 0..=1000: **price** (the cheapest eligible line for the need scores
//! 1000, the dearest 0, linear between), **delivery** (the same over delivery days) and **trust**
//! (the vendor's trust score × 10). The total is the strategy's weighted mean of the three.
//! Ties break by lower line total, then sooner delivery, then offer id — so rankings are total and
//! deterministic.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::catalog::{CatalogData, Offer, Vendor};
use crate::intent::{Need, Strategy, Weights};
use crate::money::Amount;
use crate::negotiate::{quote_units, AppliedDiscount, Quote};
use crate::reasons::{ExclusionReason, UnmetReason};

/// The three score components and their weighted total, each 0..=1000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ScoreBreakdown {
    /// Price component.
    pub price: u32,
    /// Delivery component.
    pub delivery: u32,
    /// Trust component.
    pub trust: u32,
    /// Weighted total.
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
    /// Eligible offers, best first.
    pub options: Vec<RankedOption>,
    /// Offers that could not serve the need (the first few, in offer-id order).
    pub excluded: Vec<Excluded>,
    /// How many offers were excluded, per reason.
    pub excluded_counts: BTreeMap<ExclusionReason, usize>,
    /// Why #1 beat #2, with what would change the outcome (absent with fewer than two options).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_first: Option<String>,
}

/// The constraints a ranking applies before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankLimits {
    /// Latest acceptable delivery, in days.
    pub deadline_days: u32,
    /// An option costing more than this alone is excluded.
    pub budget: Amount,
}

struct Candidate {
    quote: Quote,
    vendor: Arc<Vendor>,
}

impl Candidate {
    fn cost(&self) -> u64 {
        self.quote.line_total.units()
    }
    fn days(&self) -> u32 {
        self.quote.offer.delivery_days
    }
}

/// Linear component: the best value of the range scores 1000, the worst 0.
fn linear(value: u64, best: u64, worst: u64) -> u32 {
    if worst <= best {
        return 1000;
    }
    let v = value.clamp(best, worst);
    // (worst - v) / (worst - best) in thousandths, rounded down; u128 avoids overflow.
    ((u128::from(worst - v) * 1000) / u128::from(worst - best)) as u32
}

fn weighted(w: Weights, price: u32, delivery: u32, trust: u32) -> u32 {
    let sum = u64::from(w.price) * u64::from(price) + u64::from(w.delivery) * u64::from(delivery) + u64::from(w.trust) * u64::from(trust);
    let weights = (u64::from(w.price) + u64::from(w.delivery) + u64::from(w.trust)).max(1);
    (sum / weights) as u32
}

/// Everything needed to score candidates of one need against each other.
#[derive(Clone, Copy)]
struct Ranges {
    min_cost: u64,
    max_cost: u64,
    min_days: u32,
    max_days: u32,
}

impl Ranges {
    fn of<'a>(items: impl Iterator<Item = (u64, u32)> + 'a) -> Option<Ranges> {
        items.fold(None, |acc, (c, d)| {
            Some(match acc {
                None => Ranges { min_cost: c, max_cost: c, min_days: d, max_days: d },
                Some(r) => Ranges {
                    min_cost: r.min_cost.min(c),
                    max_cost: r.max_cost.max(c),
                    min_days: r.min_days.min(d),
                    max_days: r.max_days.max(d),
                },
            })
        })
    }

    fn score(&self, w: Weights, cost: u64, days: u32, trust: u8) -> ScoreBreakdown {
        let price = linear(cost, self.min_cost, self.max_cost);
        let delivery = linear(u64::from(days), u64::from(self.min_days), u64::from(self.max_days));
        let trust = u32::from(trust.min(100)) * 10;
        ScoreBreakdown { price, delivery, trust, total: weighted(w, price, delivery, trust) }
    }
}

/// The deterministic order: score desc, cost asc, days asc, id asc.
fn order(a: (u32, u64, u32, &str), b: (u32, u64, u32, &str)) -> Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(b.3))
}

/// Ranks every offer of the need's category in `catalog`, all options detailed.
pub fn rank_need(catalog: &CatalogData, need: &Need, strategy: Strategy, limits: RankLimits) -> NeedRanking {
    score_need(catalog, need, strategy, limits).ranking(usize::MAX)
}

/// Every eligible offer of a need, scored and ordered, with details rendered on demand.
pub(crate) struct ScoredNeed {
    need: Need,
    strategy: Strategy,
    scored: Vec<(Candidate, ScoreBreakdown)>,
    ranges: Option<Ranges>,
    excluded: Vec<(Arc<Offer>, ExclusionReason)>,
}

/// Scores and orders every offer of the need's category.
pub(crate) fn score_need(catalog: &CatalogData, need: &Need, strategy: Strategy, limits: RankLimits) -> ScoredNeed {
    let weights = strategy.weights();
    let mut excluded = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for offer in catalog.offers_in(&need.category) {
        let exclude = |reason: ExclusionReason| (offer.clone(), reason);
        let Some(vendor) = catalog.vendor(&offer.vendor_id) else {
            excluded.push(exclude(ExclusionReason::UnknownVendor));
            continue;
        };
        if offer.delivery_days > limits.deadline_days {
            excluded.push(exclude(ExclusionReason::BeyondDeadline));
            continue;
        }
        if offer.packs_for(need.quantity) > offer.stock {
            excluded.push(exclude(ExclusionReason::OutOfStock));
            continue;
        }
        match quote_units(offer, vendor, need.quantity) {
            Ok(quote) if quote.line_total <= limits.budget => candidates.push(Candidate { quote, vendor: vendor.clone() }),
            _ => excluded.push(exclude(ExclusionReason::OverBudget)),
        }
    }
    let ranges = Ranges::of(candidates.iter().map(|c| (c.cost(), c.days())));
    let mut scored: Vec<(Candidate, ScoreBreakdown)> = match ranges {
        Some(r) => candidates
            .into_iter()
            .map(|c| {
                let s = r.score(weights, c.cost(), c.days(), c.vendor.trust_score);
                (c, s)
            })
            .collect(),
        None => Vec::new(),
    };
    scored.sort_by(|(a, sa), (b, sb)| {
        order((sa.total, a.cost(), a.days(), &a.quote.offer.id), (sb.total, b.cost(), b.days(), &b.quote.offer.id))
    });
    ScoredNeed { need: need.clone(), strategy, scored, ranges, excluded }
}

impl ScoredNeed {
    /// Number of eligible options.
    pub(crate) fn len(&self) -> usize {
        self.scored.len()
    }

    /// (cost, score) of every eligible option, in rank order, for the optimizer.
    pub(crate) fn choices(&self) -> Vec<crate::optimize::Choice> {
        self.scored.iter().map(|(c, s)| crate::optimize::Choice { cost: c.cost(), score: s.total }).collect()
    }

    /// The option at `index` (0-based rank), fully detailed.
    pub(crate) fn option(&self, index: usize) -> Option<RankedOption> {
        let (c, s) = self.scored.get(index)?;
        let ranges = self.ranges?;
        let rank = index as u32 + 1;
        let weights = self.strategy.weights();
        let o = &c.quote.offer;
        Some(RankedOption {
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
            score: *s,
            reason: reason_for(c, *s, rank, ranges),
            ai_reason: format!(
                "#{rank} of {} for {}: price {}/1000, delivery {}/1000, trust {}/1000 -> score {}/1000 (weights {}/{}/{})",
                self.scored.len(),
                self.strategy.name(),
                s.price,
                s.delivery,
                s.trust,
                s.total,
                weights.price,
                weights.delivery,
                weights.trust
            ),
        })
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
        NeedRanking { need: self.need.clone(), options, excluded, excluded_counts, why_first }
    }

    /// Why no option could serve the need (`None` if some could).
    pub(crate) fn unavailable_reason(&self) -> Option<UnmetReason> {
        if !self.scored.is_empty() {
            return None;
        }
        let has = |r: ExclusionReason| self.excluded.iter().any(|(_, reason)| *reason == r);
        Some(if self.excluded.is_empty() {
            UnmetReason::NoOffers
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

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn reason_for(c: &Candidate, s: ScoreBreakdown, rank: u32, r: Ranges) -> String {
    let mut parts: Vec<String> = Vec::new();
    if c.cost() == r.min_cost {
        parts.push("lowest price".into());
    } else {
        let over = Amount::from_units(c.cost() - r.min_cost).unwrap_or(Amount::MAX);
        parts.push(format!("{} USDC above the lowest price", over.to_display_string()));
    }
    if c.days() == r.min_days {
        parts.push(format!("fastest delivery ({} d)", c.days()));
    } else {
        parts.push(format!("{}-day delivery", c.days()));
    }
    parts.push(format!("{} trust {}", c.vendor.name, c.vendor.trust_score));
    let discounts = c.quote.discounts(&c.vendor);
    if !discounts.is_empty() {
        let labels: Vec<&str> = discounts.iter().map(|d| d.label.as_str()).collect();
        parts.push(format!("negotiated: {}", labels.join(", ")));
    }
    let lead = if rank == 1 { "Best pick" } else { "Alternative" };
    format!("{lead} (score {}/1000): {}", s.total, parts.join("; "))
}

/// "#1 beat #2 because ...; #2 would win at X USDC or less, or with strategy S".
fn explain_pair(
    all: &[(Candidate, ScoreBreakdown)],
    first: &(Candidate, ScoreBreakdown),
    second: &(Candidate, ScoreBreakdown),
    strategy: Strategy,
) -> String {
    let (a, sa) = first;
    let (b, sb) = second;
    let mut because: Vec<String> = Vec::new();
    match a.cost().cmp(&b.cost()) {
        Ordering::Less => {
            because.push(format!("{} USDC cheaper", Amount::from_units(b.cost() - a.cost()).unwrap_or(Amount::MAX).to_display_string()))
        }
        Ordering::Greater => {
            because.push(format!("{} USDC dearer", Amount::from_units(a.cost() - b.cost()).unwrap_or(Amount::MAX).to_display_string()))
        }
        Ordering::Equal => because.push("same price".into()),
    }
    match a.days().cmp(&b.days()) {
        Ordering::Less => because.push(format!("arrives {} sooner", days(b.days() - a.days()))),
        Ordering::Greater => because.push(format!("arrives {} later", days(a.days() - b.days()))),
        Ordering::Equal => {}
    }
    if a.vendor.trust_score != b.vendor.trust_score {
        because.push(format!("trust {} vs {}", a.vendor.trust_score, b.vendor.trust_score));
    }
    because.push(format!("score {} vs {}", sa.total, sb.total));

    // The highest line total at which #2 would take first place, other offers unchanged.
    let weights = strategy.weights();
    let others = Ranges::of(all.iter().filter(|(c, _)| !std::ptr::eq(c, b)).map(|(c, _)| (c.cost(), c.days())));
    let b_wins_at = |cost: u64| -> bool {
        let Some(rest) = others else { return true };
        let r = Ranges {
            min_cost: rest.min_cost.min(cost),
            max_cost: rest.max_cost.max(cost),
            min_days: rest.min_days.min(b.days()),
            max_days: rest.max_days.max(b.days()),
        };
        let score_b = r.score(weights, cost, b.days(), b.vendor.trust_score).total;
        // #2 must beat every other option, but with one price changed #1 stays the strongest rival
        // unless a third option overtakes it; checking all keeps the claim exact.
        all.iter().filter(|(c, _)| !std::ptr::eq(c, b)).all(|(c, _)| {
            let sc = r.score(weights, c.cost(), c.days(), c.vendor.trust_score).total;
            order((score_b, cost, b.days(), &b.quote.offer.id), (sc, c.cost(), c.days(), &c.quote.offer.id)) == Ordering::Less
        })
    };
    let mut alternatives: Vec<String> = Vec::new();
    if b.cost() > 0 && b_wins_at(0) {
        // Largest whole-cent cost below #2's where it wins: binary search on a monotone predicate.
        const CENT: u64 = 10_000;
        let (mut lo, mut hi) = (0u64, b.cost().div_ceil(CENT));
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if mid * CENT < b.cost() && b_wins_at(mid * CENT) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        alternatives.push(format!("at {} USDC or less", Amount::from_units(lo * CENT).unwrap_or(Amount::MAX).to_display_string()));
    }
    for other in Strategy::PRESETS {
        if other == strategy {
            continue;
        }
        let w = other.weights();
        let r = Ranges::of(all.iter().map(|(c, _)| (c.cost(), c.days())));
        if let Some(r) = r {
            let leader = all
                .iter()
                .min_by(|(x, _), (y, _)| {
                    let sx = r.score(w, x.cost(), x.days(), x.vendor.trust_score).total;
                    let sy = r.score(w, y.cost(), y.days(), y.vendor.trust_score).total;
                    order((sx, x.cost(), x.days(), &x.quote.offer.id), (sy, y.cost(), y.days(), &y.quote.offer.id))
                })
                .map(|(c, _)| c.quote.offer.id.as_str());
            if leader == Some(b.quote.offer.id.as_str()) {
                alternatives.push(format!("with strategy {}", other.name()));
            }
        }
    }
    let tail = if alternatives.is_empty() {
        format!("; {} would not win at any price under {}", b.quote.offer.id, strategy.name())
    } else {
        format!("; {} would win {}", b.quote.offer.id, alternatives.join(", or "))
    };
    format!("{} beat {}: {}{}", a.quote.offer.id, b.quote.offer.id, because.join(", "), tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::EmbeddedCatalog;

    fn need(cat: &str, qty: u32) -> Need {
        Need { category: cat.into(), quantity: qty, source: cat.into() }
    }

    fn limits() -> RankLimits {
        RankLimits { deadline_days: 30, budget: Amount::whole(100_000) }
    }

    #[test]
    fn ranks_are_total_and_explained() {
        let cat = EmbeddedCatalog::data();
        for strategy in Strategy::PRESETS {
            let r = rank_need(&cat, &need("snacks", 100), strategy, limits());
            assert!(r.options.len() >= 10);
            for w in r.options.windows(2) {
                assert!(w[0].score.total >= w[1].score.total);
            }
            assert_eq!(r.options[0].rank, 1);
            let why = r.why_first.unwrap();
            assert!(why.starts_with(&format!("{} beat {}", r.options[0].offer_id, r.options[1].offer_id)), "{why}");
        }
    }

    #[test]
    fn cheapest_prefers_price_and_fastest_prefers_delivery() {
        let cat = EmbeddedCatalog::data();
        let cheap = rank_need(&cat, &need("adapters", 5), Strategy::Cheapest, limits());
        let fast = rank_need(&cat, &need("adapters", 5), Strategy::Fastest, limits());
        let min_cost = cheap.options.iter().map(|o| o.line_total).min().unwrap();
        let min_days = fast.options.iter().map(|o| o.delivery_days).min().unwrap();
        assert!(cheap.options[0].score.price >= 900, "{:?}", cheap.options[0].score);
        assert!(cheap.options[0].line_total <= min_cost.checked_add(Amount::whole(20)).unwrap());
        assert_eq!(fast.options[0].delivery_days, min_days);
    }

    #[test]
    fn the_price_threshold_in_the_explanation_is_true() {
        let cat = EmbeddedCatalog::data();
        let r = rank_need(&cat, &need("drinks", 48), Strategy::Balanced, limits());
        let why = r.why_first.clone().unwrap();
        let Some(at) = why.split(" would win at ").nth(1) else { return };
        let threshold = Amount::parse(at.split(' ').next().unwrap()).unwrap();
        assert!(threshold < r.options[1].line_total, "{why}");
    }

    #[test]
    fn exclusions_have_reasons() {
        let cat = EmbeddedCatalog::data();
        let tight = RankLimits { deadline_days: 1, budget: Amount::whole(5) };
        let r = rank_need(&cat, &need("prizes", 1), Strategy::Cheapest, tight);
        assert!(r.options.is_empty());
        assert!(r.excluded.iter().any(|e| e.reason == ExclusionReason::BeyondDeadline));
        assert!(r.excluded.iter().any(|e| e.reason == ExclusionReason::OverBudget));
        let huge = rank_need(&cat, &need("prizes", 10_000), Strategy::Cheapest, limits());
        assert!(huge.excluded.iter().all(|e| e.reason == ExclusionReason::OutOfStock || e.reason == ExclusionReason::OverBudget));
    }
}
