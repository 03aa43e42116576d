//! Quantities a need states in other terms than units, made units before it ranks: packages
//! ("2 cases of water", [`Need::packs`]) and a sum to spend ("$200 for snacks", [`Need::spend`]).

use super::{category_query, score_need, split, Payees, RankLimits};
use crate::catalog::{CatalogData, Offer};
use crate::intent::{Dropped, Need, Strategy, MAX_NEED_QUANTITY};
use crate::money::Amount;
use crate::reasons::DropReason;
use crate::relevance::{Fit, OfferTerms, Query};

/// The offers of the need's category that match it, or that match its relaxed query when none
/// does.
fn matching<'c>(catalog: &'c CatalogData, need: &Need, no_terms: &'c OfferTerms) -> Vec<&'c Offer> {
    let (offers, terms_of, query) = category_query(catalog, need, no_terms);
    let fitting =
        |q: &Query| -> Vec<&'c Offer> { offers.iter().map(|o| &**o).filter(|o| matches!(q.fit(terms_of(o)), Fit::Match { .. })).collect() };
    let found = fitting(&query);
    if !found.is_empty() {
        return found;
    }
    query.relaxed().map(|q| fitting(&q)).unwrap_or_default()
}

/// Sets the units of each need that counts packages ([`Need::packs`]): that many of the item's
/// usual package — the median pack size of the category's offers that match it (the smaller of
/// the middle two), or one unit a package when none does (the need is then unmet anyway). A need
/// whose units would pass [`MAX_NEED_QUANTITY`] is taken out and returned, as the parser drops
/// any quantity out of range.
pub(crate) fn resolve_packages(catalog: &CatalogData, needs: &mut Vec<Need>) -> Vec<Dropped> {
    let no_terms = OfferTerms::default();
    let mut dropped = Vec::new();
    needs.retain_mut(|need| {
        let Some(packs) = need.packs else { return true };
        let mut sizes: Vec<u32> = matching(catalog, need, &no_terms).iter().map(|o| o.pack_size.max(1)).collect();
        sizes.sort_unstable();
        let usual = sizes.get(sizes.len().saturating_sub(1) / 2).copied().unwrap_or(1);
        let units = u64::from(packs) * u64::from(usual);
        match u32::try_from(units).ok().filter(|u| (1..=MAX_NEED_QUANTITY).contains(u)) {
            Some(units) => {
                need.quantity = units;
                true
            }
            None => {
                dropped.push(Dropped {
                    item: format!("{} x {packs} packages ({units} units)", need.item),
                    reason: DropReason::QuantityOutOfRange,
                });
                false
            }
        }
    });
    dropped
}

/// Sets the units of each need with a sum to spend ([`Need::spend`]) whose quantity the kernel
/// estimated: as many units as the sum (at most the whole `budget`) buys at the item's usual unit
/// price — the median price a unit of the category's offers that match it (the smaller of the
/// middle two), at list price — and no more than whole packs of some offer make within it. The
/// sum also caps the need (`max $N total`): an offer dearer a unit costs more than the sum for
/// them and is left out, and none is ever bought for more; [`fill_spend`] then spends what a
/// cheaper one leaves. A count the user said is kept ("100 energy drinks ($200)"); a need nothing
/// matches is left as it is.
pub(crate) fn resolve_spend(catalog: &CatalogData, needs: &mut [Need], budget: Amount) {
    let no_terms = OfferTerms::default();
    for need in needs.iter_mut().filter(|n| n.estimated) {
        // No more than the whole budget buys ("$99999999999 for snacks" was 100,000 snacks, which
        // no offer has the stock for, and nothing was bought).
        let Some(spend) = need.spend().map(|s| s.min(budget)) else { continue };
        let mut offers = matching(catalog, need, &no_terms);
        // By price a unit: a.price / a.pack against b.price / b.pack, exactly.
        let per_unit = |o: &Offer| (u128::from(o.price.units()), u128::from(o.pack_size.max(1)));
        offers.sort_by(|a, b| {
            let ((pa, na), (pb, nb)) = (per_unit(a), per_unit(b));
            (pa * nb).cmp(&(pb * na)).then_with(|| a.id.cmp(&b.id))
        });
        let Some(usual) = offers.get(offers.len().saturating_sub(1) / 2) else { continue };
        let (price, pack) = per_unit(usual);
        let units = (u128::from(spend.units()) * pack).checked_div(price).unwrap_or(u128::from(MAX_NEED_QUANTITY));
        // No more than whole packs of some offer within the sum: "$150 for stickers" was 364
        // stickers, which no pack of 100 or 250 makes for $150, and nothing was bought.
        let in_packs =
            |o: &Offer| u128::from(spend.units()).checked_div(u128::from(o.price.units())).unwrap_or(0) * u128::from(o.pack_size.max(1));
        let units = match offers.iter().copied().map(in_packs).max() {
            Some(most) if most > 0 => units.min(most),
            _ => units,
        };
        need.quantity = u32::try_from(units).unwrap_or(u32::MAX).clamp(1, MAX_NEED_QUANTITY);
    }
}

/// Raises each need [`resolve_spend`] estimated to what its sum buys of the offer the strategy
/// ranks first for it: at the usual unit price, "a $300 prize budget" was 2 prizes, and
/// "cheapest" bought two $25 gift cards — 54 of the 300 USDC. The sum is filled as far as the
/// offer's stock and the policy's caps allow, and never passed; nor is what the budget leaves once
/// the other needs are bought (at their cheapest, or as filled), so filling one never costs
/// another its place. At the new quantity another offer may rank first (a larger pack of
/// stickers), which is filled in turn, a few times at most; the quantity only grows.
pub(crate) fn fill_spend(catalog: &CatalogData, needs: &mut [Need], strategy: Strategy, limits: RankLimits, payees: Option<&dyn Payees>) {
    const ROUNDS: usize = 3;
    let fills = |n: &Need| n.estimated && n.spend().is_some();
    if !needs.iter().any(fills) {
        return;
    }
    let score = |need: &Need| score_need(catalog, need, strategy, limits, payees);
    // What each need costs at the least: its cheapest option (none: nothing).
    let mut least: Vec<u64> = needs.iter().map(|n| score(n).scored.iter().map(|(c, _)| c.cost()).min().unwrap_or(0)).collect();
    let ceiling = payees.map_or(limits.budget, |p| p.cart_cap().min(limits.budget));
    for k in 0..needs.len() {
        let Some(spend) = needs[k].spend().filter(|_| fills(&needs[k])) else { continue };
        let others = least.iter().enumerate().filter(|(j, _)| *j != k).fold(0u64, |sum, (_, c)| sum.saturating_add(*c));
        let room = spend.min(ceiling.saturating_sub(Amount::from_units(others).unwrap_or(Amount::MAX)));
        let need = &mut needs[k];
        let mut scored = score(need);
        for _ in 0..ROUNDS {
            let Some((best, _)) = scored.scored.first() else { break };
            let offer = &best.quote.offer;
            let cap = payees.map_or(room, |p| room.min(p.cap_for(&offer.vendor_id)));
            let units = u64::from(split::packs_within(offer, &best.vendor, cap)) * u64::from(offer.pack_size.max(1));
            let units = u32::try_from(units).unwrap_or(u32::MAX).min(MAX_NEED_QUANTITY);
            if units <= need.quantity {
                break;
            }
            need.quantity = units;
            scored = score(need);
        }
        // What it costs as filled, for the needs after it (after the last round too).
        least[k] = scored.scored.first().map_or(0, |(best, _)| best.cost());
    }
}
