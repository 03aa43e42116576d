#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::catalog::EmbeddedCatalog;

fn need(cat: &str, qty: u32) -> Need {
    Need::generic(cat, qty)
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

#[test]
fn an_offer_nobody_would_buy_never_changes_the_pick() {
    // Scores scaled from the lowest to the highest price and the fastest to the slowest delivery
    // moved with every offer that came within budget or deadline: "120 lanyards" under
    // `cheapest` picked 27.98 USDC at a budget of 200 and 53.97 at 250 (a 205.98 offer became
    // eligible), and 53.97 at a deadline of 3 days but 27.98 at 4.
    let cat = EmbeddedCatalog::data();
    let lanyards = need("lanyards", 120);
    let pick = |budget: u32, days: u32| {
        let r = rank_need(&cat, &lanyards, Strategy::Cheapest, RankLimits { deadline_days: days, budget: Amount::whole(budget) });
        (r.options[0].offer_id.clone(), r.options[0].line_total)
    };
    let (first, cost) = pick(200, 3);
    for (budget, days) in [(250, 3), (1000, 3), (1000, 4), (1000, 7), (5000, 14)] {
        assert_eq!(pick(budget, days).0, first, "budget {budget}, deadline {days}");
    }
    // And it is the cheapest lanyard within three days.
    let all = rank_need(&cat, &lanyards, Strategy::Cheapest, RankLimits { deadline_days: 3, budget: Amount::whole(5000) });
    assert_eq!(all.options.iter().map(|o| o.line_total).min(), Some(cost));
    // The components: a price twice the lowest scores half; a week later than the fastest, 0.
    assert_eq!((price_score(100, 100), price_score(200, 100), price_score(0, 0)), (1000, 500, 1000));
    assert_eq!((delivery_score(1, 1), delivery_score(8, 1), delivery_score(30, 1)), (1000, 0, 0));
}

#[test]
fn a_tie_says_how_it_was_broken() {
    // "same price, score 881 vs 881" left a reader to guess why #1 came first.
    let cat = EmbeddedCatalog::data();
    let r = rank_need(&cat, &need("lanyards", 120), Strategy::Fastest, limits());
    let tied = r.options[0].score.total == r.options[1].score.total
        && r.options[0].line_total == r.options[1].line_total
        && r.options[0].delivery_days == r.options[1].delivery_days;
    assert!(tied, "the catalog's two flat lanyards of one price and speed: {:?}", &r.options[..2]);
    assert!(r.why_first.as_deref().is_some_and(|w| w.contains("a tie broken by offer id")), "{:?}", r.why_first);
}

#[test]
fn packs_within_a_cap_are_the_most_whose_quote_fits() {
    let cat = EmbeddedCatalog::data();
    for id in ["amz-adapters-anker-hub-4", "amz-swag-backpacks", "wmt-cleaning-lysol-spray"] {
        let offer = cat.offer(id).unwrap();
        let vendor = cat.vendor(&offer.vendor_id).unwrap();
        let quote = |packs: u32| quote_units(offer, vendor, packs * offer.pack_size).unwrap().line_total;
        for cap in [Amount::ZERO, Amount::whole(100), Amount::whole(750), Amount::whole(1_000_000)] {
            let packs = split::packs_within(offer, vendor, cap);
            assert!(packs <= offer.stock, "{id} {cap}");
            assert!(packs == 0 || quote(packs) <= cap, "{id} {cap}: {packs} packs cost {}", quote(packs));
            assert!(packs == offer.stock || quote(packs + 1) > cap, "{id} {cap}: {} packs would fit too", packs + 1);
        }
    }
}
