//! Plain words for a ranking: each option's reason, and why #1 beat #2 with what would change
//! the outcome.

use std::cmp::Ordering;

use super::{order, Candidate, Ranges, ScoreBreakdown};
use crate::intent::Strategy;
use crate::money::Amount;
use crate::relevance::Query;

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

pub(super) fn reason_for(c: &Candidate, s: ScoreBreakdown, rank: u32, r: Ranges, query: &Query, units: u32) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !query.is_generic() {
        let mut fit = format!("matches '{}'", query.label());
        if !c.missing.is_empty() {
            let mut said: Vec<String> = Vec::new();
            for m in &c.missing {
                let w = format!("'{}'", query.said_as(m));
                if !said.contains(&w) {
                    said.push(w);
                }
            }
            fit.push_str(&format!(" (not {})", said.join(", ")));
        }
        parts.push(fit);
    }
    let ruled_out: Vec<String> = query.ruled_out().map(|w| format!("'{w}'")).collect();
    if !ruled_out.is_empty() {
        parts.push(format!("no {} in its name or tags", ruled_out.join(" or ")));
    }
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
    let needed = c.quote.offer.packs_for(units);
    if c.quote.packs > needed {
        parts.push(format!("{} packs cost less than the {needed} needed", c.quote.packs));
    }
    // Whole packs that buy twice what was asked or more ("5 hoodies" sold by 25) say so.
    let pack = c.quote.offer.pack_size.max(1);
    let delivered = u64::from(c.quote.packs) * u64::from(pack);
    if units > 0 && delivered >= u64::from(units) * 2 {
        parts.push(format!("sold in packs of {pack}: {delivered} units for the {units} asked"));
    }
    let lead = if rank == 1 { "Best pick" } else { "Alternative" };
    format!("{lead} (score {}/1000): {}", s.total, parts.join("; "))
}

/// "#1 beat #2 because ...; #2 would win at X USDC or less, or with strategy S".
pub(super) fn explain_pair(
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
    if sa.relevance != sb.relevance {
        because.push(format!("relevance {} vs {}", sa.relevance, sb.relevance));
    }
    if (sa.total, a.cost(), a.days()) == (sb.total, b.cost(), b.days()) {
        // Nothing a shopper weighs tells them apart: say how the tie was broken.
        because.push(format!("score {} vs {}, a tie broken by offer id", sa.total, sb.total));
    } else {
        because.push(format!("score {} vs {}", sa.total, sb.total));
    }

    // The highest line total at which #2 would take first place, other offers unchanged.
    let weights = strategy.weights();
    let others = Ranges::of(all.iter().filter(|(c, _)| !std::ptr::eq(c, b)).map(|(c, _)| (c.cost(), c.days())));
    let b_wins_at = |cost: u64| -> bool {
        let Some(rest) = others else { return true };
        let r = Ranges { min_cost: rest.min_cost.min(cost), min_days: rest.min_days.min(b.days()) };
        let score_b = r.score(weights, cost, b.days(), b.vendor.trust_score, b.relevance).total;
        let beats = |c: &Candidate| {
            let sc = r.score_of(weights, c).total;
            order((score_b, cost, b.days(), &b.quote.offer.id), (sc, c.cost(), c.days(), &c.quote.offer.id)) == Ordering::Less
        };
        // #2 must beat every other option, but with one price changed #1 stays the strongest rival
        // unless a third option overtakes it: #1 first (most costs fail there), then all the
        // others, which keeps the claim exact.
        beats(a) && all.iter().filter(|(c, _)| !std::ptr::eq(c, b) && !std::ptr::eq(c, a)).all(|(c, _)| beats(c))
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
                    let sx = r.score_of(w, x).total;
                    let sy = r.score_of(w, y).total;
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
