//! A need no single offer has the stock for is bought from several, as a shopper would: "80
//! backpacks" where one store has 70 and another 60 is 70 from the first and 10 from the second,
//! not nothing. So is one no single merchant may be paid for under the policy's caps: "45 usb-c
//! hubs" over a 750 USDC transfer cap are 40 from one store and 5 from another.
//!
//! The offers that match the need and arrive in time but lack the stock (or that one cart may
//! buy only part of under the caps) are scored against each other as one ranking would (price per unit, as if each sold the whole need; delivery; trust;
//! relevance). Best first, each takes all it has until the need is met, in at most
//! [`MAX_SPLIT_LINES`] lines, each line quoted for its own units; when that split costs more than
//! the plan may (the budget, within the policy's cart cap), cheapest first instead. The split is
//! one option for the optimizer: its cost is the sum, its score the units-weighted mean of its
//! parts'.

use std::sync::Arc;

use super::{order, Candidate, Ranges, ScoreBreakdown};
use crate::catalog::{Offer, Vendor};
use crate::intent::{Need, Weights};
use crate::money::Amount;
use crate::negotiate::quote_units;

/// The most lines one need is split into.
pub const MAX_SPLIT_LINES: usize = 4;

/// An offer that serves the need but for its stock, or for what the policy lets one cart pay its
/// merchant.
pub(super) struct Short {
    pub(super) offer: Arc<Offer>,
    pub(super) vendor: Arc<Vendor>,
    pub(super) relevance: u32,
    pub(super) missing: Vec<String>,
    /// The most packs it may sell toward the need: its stock, or fewer under a cap.
    pub(super) packs: u32,
    /// Whether a cap, not its stock, limits it.
    pub(super) capped: bool,
    /// What the policy lets one cart pay its merchant, over all of the split's lines.
    pub(super) cap: Option<Amount>,
}

/// One line of a split: a candidate quoted for the units it takes, and its score.
pub(super) struct Part {
    pub(super) candidate: Candidate,
    pub(super) score: ScoreBreakdown,
    /// Units this line delivers toward the need.
    pub(super) units: u32,
    /// Whether a cap, not its stock, limits it.
    pub(super) capped: bool,
}

/// A need served by several offers.
pub(crate) struct Split {
    pub(super) parts: Vec<Part>,
    /// The sum of the parts' line totals, in base units.
    pub(super) cost: u64,
    /// The units-weighted mean of the parts' scores.
    pub(super) score: u32,
}

/// The most packs of `offer` one line may hold within `cap` (at most its stock): the largest
/// pack count whose quote is within it, searched as if quotes rose with packs (a volume tier can
/// make one more pack cost less; the answer is then within the cap, perhaps not the largest).
pub(super) fn packs_within(offer: &Arc<Offer>, vendor: &Vendor, cap: Amount) -> u32 {
    let within = |packs: u32| quote_units(offer, vendor, packs.saturating_mul(offer.pack_size.max(1))).is_ok_and(|q| q.line_total <= cap);
    let (mut lo, mut hi) = (0u32, offer.stock);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if within(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Why a split could not be made, for the unmet reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoSplit {
    /// The offers together have too little stock, or their merchants may not be paid for it all
    /// under the caps (or it would take too many lines).
    Stock,
    /// The stock is there but the lines cost more than the plan may.
    Budget {
        /// The budget is what stands in the way: a larger one would buy the cheapest split
        /// (within the policy's cart cap), and no offer the caps hold back is within it alone.
        over_budget: bool,
    },
}

/// The split of `need` over the `short` offers within `budget` and the policy's `cart_cap`, or
/// why there is none.
pub(super) fn split(short: Vec<Short>, need: &Need, weights: Weights, budget: Amount, cart_cap: Option<Amount>) -> Result<Split, NoSplit> {
    let wanted = need.quantity;
    // An offer the budget covers alone, held back by a cap: the caps stand in the way.
    let capped_within_budget =
        short.iter().any(|s| s.capped && quote_units(&s.offer, &s.vendor, wanted).is_ok_and(|q| q.line_total <= budget));
    // Each offer quoted for all it has (or the need, if less), and its cost for the whole need
    // at that pack price, so offers of different stock compare per unit.
    let all: Vec<(Candidate, u64, bool, Option<Amount>)> = short
        .into_iter()
        .filter_map(|s| {
            let units = s.packs.saturating_mul(s.offer.pack_size.max(1)).min(wanted);
            let quote = quote_units(&s.offer, &s.vendor, units).ok().filter(|q| q.packs > 0 && q.packs <= s.packs)?;
            let delivered = quote.packs.saturating_mul(s.offer.pack_size.max(1)).max(1);
            let per_need = u64::try_from(u128::from(quote.line_total.units()) * u128::from(wanted) / u128::from(delivered)).ok()?;
            Some((Candidate { quote, vendor: s.vendor, relevance: s.relevance, missing: s.missing }, per_need, s.capped, s.cap))
        })
        .collect();
    let ranges = Ranges::of(all.iter().map(|(c, per_need, _, _)| (*per_need, c.days()))).ok_or(NoSplit::Stock)?;
    let mut scored: Vec<(Candidate, u64, ScoreBreakdown, bool, Option<Amount>)> = all
        .into_iter()
        .map(|(c, per_need, capped, cap)| {
            let s = ranges.score(weights, per_need, c.days(), c.vendor.trust_score, c.relevance);
            (c, per_need, s, capped, cap)
        })
        .collect();
    scored.sort_by(|(a, ca, sa, _, _), (b, cb, sb, _, _)| {
        order((sa.total, *ca, a.days(), &a.quote.offer.id), (sb.total, *cb, b.days(), &b.quote.offer.id))
    });
    let limit = cart_cap.map_or(budget, |cap| budget.min(cap)).units();
    let best = fill(scored.clone(), wanted);
    if best.as_ref().is_ok_and(|b| b.cost <= limit) {
        return best;
    }
    // Best first costs too much (or takes too many lines): cheapest first (per unit), sooner,
    // then by id.
    scored.sort_by(|(a, ca, ..), (b, cb, ..)| ca.cmp(cb).then(a.days().cmp(&b.days())).then(a.quote.offer.id.cmp(&b.quote.offer.id)));
    let cost = match (fill(scored, wanted), best) {
        (Ok(cheapest), _) if cheapest.cost <= limit => return Ok(cheapest),
        (Ok(cheapest), _) => cheapest.cost,
        (Err(_), Ok(best)) => best.cost,
        (Err(e), Err(_)) => return Err(e),
    };
    let within_cap = cart_cap.is_none_or(|cap| cost <= cap.units());
    Err(NoSplit::Budget { over_budget: within_cap && !capped_within_budget })
}

/// The split of `wanted` units taking `scored` offers in their order, each all it may.
fn fill(scored: Vec<(Candidate, u64, ScoreBreakdown, bool, Option<Amount>)>, wanted: u32) -> Result<Split, NoSplit> {
    let mut parts: Vec<Part> = Vec::new();
    let mut left = wanted;
    for (c, _, score, capped, cap) in scored {
        if left == 0 || parts.len() == MAX_SPLIT_LINES {
            break;
        }
        let (pack, all_packs) = (c.quote.offer.pack_size.max(1), c.quote.packs);
        let mut units = c.quote.packs.saturating_mul(pack).min(left);
        // Under a cap, what its merchant may still be paid after the split's other lines to it.
        let room = cap.map(|cap| {
            let paid = parts.iter().filter(|p| p.candidate.vendor.id == c.vendor.id).map(|p| p.candidate.quote.line_total).sum();
            cap.saturating_sub(paid)
        });
        let roomy = room.map(|room| packs_within(&c.quote.offer, &c.vendor, room).saturating_mul(pack));
        let limited = roomy.is_some_and(|most| most < units);
        units = units.min(roomy.unwrap_or(u32::MAX));
        if units == 0 {
            continue;
        }
        // The last line takes only what is left (or its merchant's room), quoted for that.
        let quote = if units < c.quote.packs.saturating_mul(pack) {
            match quote_units(&c.quote.offer, &c.vendor, units) {
                Ok(q) if q.packs <= c.quote.offer.stock && room.is_none_or(|room| q.line_total <= room) => q,
                _ => continue,
            }
        } else if room.is_none_or(|room| c.quote.line_total <= room) {
            c.quote
        } else {
            continue;
        };
        // A capped offer's last line, which takes only what is left, is not held back by its cap.
        let capped = limited || (capped && quote.packs == all_packs);
        left = left.saturating_sub(quote.packs.saturating_mul(pack));
        parts.push(Part { candidate: Candidate { quote, ..c }, score, units, capped });
    }
    if left > 0 || parts.len() < 2 {
        return Err(NoSplit::Stock);
    }
    let cost = parts.iter().try_fold(0u64, |t, p| t.checked_add(p.candidate.cost())).ok_or(NoSplit::Budget { over_budget: true })?;
    let weighted: u64 = parts.iter().map(|p| u64::from(p.score.total) * u64::from(p.units)).sum();
    let units: u64 = parts.iter().map(|p| u64::from(p.units)).sum::<u64>().max(1);
    Ok(Split { parts, cost, score: (weighted / units) as u32 })
}

/// The reason of one line of a split, in the words of a ranking's reasons.
pub(super) fn reason(split: &Split, index: usize, wanted: u32, label: Option<&str>) -> String {
    let (count, Some(part)) = (split.parts.len(), split.parts.get(index)) else { return String::new() };
    let c = &part.candidate;
    let why = if split.parts.iter().any(|p| p.capped) {
        format!("no single merchant may be paid for all {wanted} under the policy's caps")
    } else {
        format!("no single offer has the stock for {wanted}")
    };
    let mut words = vec![format!("{why}; this line takes {} of them", part.units)];
    if part.capped {
        words.push(format!("as many as the policy lets one cart pay {}", c.vendor.name));
    } else if c.quote.packs == c.quote.offer.stock {
        words.push(format!("all {} packs in stock", c.quote.packs));
    }
    if let Some(label) = label {
        let mut fit = format!("matches '{label}'");
        if !c.missing.is_empty() {
            fit.push_str(&format!(" (not {})", c.missing.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", ")));
        }
        words.push(fit);
    }
    words.push(format!("{}-day delivery", c.days()));
    words.push(format!("{} trust {}", c.vendor.name, c.vendor.trust_score));
    format!("Line {} of {count} of a split (score {}/1000): {}", index + 1, part.score.total, words.join("; "))
}
