//! Plans within the policy's caps: a proposed cart is one the policy allows, not one it denies
//! for a cap the planner could have kept.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use flux_core::MemoryLedger;
use flux_core::*;

fn intent(prompt: &str, budget: &str) -> Intent {
    Intent::new(prompt, Amount::parse(budget).unwrap(), 7, Strategy::Balanced).unwrap()
}

fn flux(policy: Policy) -> Flux {
    Flux::builder().ledger(MemoryLedger::new()).policy(policy).build().unwrap()
}

/// What a cart pays each merchant.
fn shares(cart: &Cart) -> BTreeMap<String, Amount> {
    let mut paid = BTreeMap::new();
    for l in cart.lines() {
        let to: &mut Amount = paid.entry(l.vendor_id.clone()).or_default();
        *to = to.checked_add(l.line_total).unwrap();
    }
    paid
}

#[test]
fn a_line_over_the_transfer_cap_goes_to_a_merchant_within_it() {
    // "40 usb-c hubs" at budget 1000 planned 775.612 USDC at Amazon, which the demo policy's
    // 750 USDC per-transfer cap denied (OVER_TRANSFER_CAP); TechData sells them for 738.848.
    let i = intent("40 usb-c hubs", "1000");
    let plan = OfflineParser.parse_sync(&i, EmbeddedCatalog::data().vocabulary()).unwrap();
    let free = propose(&EmbeddedCatalog::data(), &i, &plan, 5).unwrap();
    assert_eq!(free.cart.lines()[0].vendor_id, "amazon", "without a policy the best offer is Amazon's");
    let flux = flux(Policy::demo());
    let p = block_on(flux.orchestrate(&i)).unwrap();
    let line = &p.cart.lines()[0];
    assert_eq!((line.vendor_id.as_str(), line.units, line.line_total.to_string().as_str()), ("tech_direct", 40, "738.848"));
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart));
    let excluded = &p.alternatives[0].excluded;
    assert!(
        excluded.iter().any(|e| e.offer_id == "amz-adapters-anker-hub-4" && e.reason == ExclusionReason::OverPolicyCap),
        "{excluded:?}"
    );
    assert!(p.unmet.is_empty(), "{:?}", p.unmet);
}

#[test]
fn a_budget_above_the_cart_cap_plans_what_the_cap_allows_and_says_why_the_rest_is_left() {
    // An offsite at budget 4000 planned 2210.75 USDC; the demo policy caps a cart at 1000.
    let flux = flux(Policy::demo());
    let p = block_on(flux.orchestrate(&intent("offsite for 300 people: snacks, drinks, lanyards, a projector, chairs, tables", "4000")))
        .unwrap();
    assert!(p.total <= Amount::whole(1000), "{}", p.total);
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart));
    assert!(!p.unmet.is_empty());
    for u in &p.unmet {
        // Not "budget_exhausted": 4000 USDC would have covered it; the policy's caps did not.
        assert_eq!(u.reason, UnmetReason::OverPolicyCap, "{u:?}");
    }
    // Within the user's own budget, remaining_budget still counts from it.
    assert_eq!(p.remaining_budget, Amount::whole(4000).checked_sub(p.total).unwrap());
}

#[test]
fn a_need_no_single_merchant_may_be_paid_for_is_split_over_merchants() {
    // "45 usb-c hubs" at budget 1200 came back empty (over_policy_cap): every store's line is over
    // the 750 USDC transfer cap, while 40 from one and 5 from another fit it and the cart cap.
    let flux = flux(Policy::demo());
    for strategy in Strategy::PRESETS {
        let p = block_on(flux.orchestrate(&Intent::new("45 usb-c hubs", Amount::whole(1200), 7, strategy).unwrap())).unwrap();
        assert!(p.unmet.is_empty(), "{strategy:?}: {:?}", p.unmet);
        assert!(flux.authorize(&p.cart).is_allowed(), "{strategy:?}: {:?}", flux.authorize(&p.cart));
        let lines = p.cart.lines();
        assert!(lines.len() >= 2 && lines.iter().map(|l| l.units).sum::<u32>() == 45, "{strategy:?}: {lines:?}");
        assert!(shares(&p.cart).values().all(|a| *a <= Amount::whole(750)), "{strategy:?}: {:?}", shares(&p.cart));
        assert!(lines[0].reason.contains("no single merchant may be paid for all 45 under the policy's caps"), "{}", lines[0].reason);
    }
    // Without a policy, one line of 45.
    let i = intent("45 usb-c hubs", "1200");
    let plan = OfflineParser.parse_sync(&i, EmbeddedCatalog::data().vocabulary()).unwrap();
    assert_eq!(propose(&EmbeddedCatalog::data(), &i, &plan, 5).unwrap().cart.lines().len(), 1);
}

#[test]
fn a_merchant_cap_spreads_the_cart_over_merchants() {
    let i = intent("snacks for 30 people, 40 conference badges, 30 lanyards, 3 usb-c hubs", "500");
    let open = block_on(flux(Policy::demo()).orchestrate(&i)).unwrap();
    let (top, share) = shares(&open.cart).into_iter().max_by_key(|(_, a)| *a).unwrap();
    assert!(open.cart.lines().iter().filter(|l| l.vendor_id == top).count() >= 2, "{:?}", open.cart.lines());
    // The same policy with that merchant capped just below what the plan paid it: no line alone
    // reaches the cap, the lines together do.
    let cap = share.checked_sub(Amount::whole(1)).unwrap();
    let mut doc = Policy::demo().to_document();
    doc.rules.per_merchant_caps.insert(top.clone(), cap);
    let capped = flux(Policy::new(doc.merchants, doc.rules).unwrap());
    let p = block_on(capped.orchestrate(&i)).unwrap();
    assert!(capped.authorize(&p.cart).is_allowed(), "{:?}", capped.authorize(&p.cart));
    assert!(shares(&p.cart)[&top] <= cap, "{:?}", shares(&p.cart));
    // Every need is still met: one of them moved to another merchant.
    assert_eq!(p.unmet, [], "{:?}", p.unmet);
    assert_eq!(p.cart.lines().len(), open.cart.lines().len());
    assert!(p.cart.lines().iter().any(|l| l.vendor_id != top && open.cart.lines().iter().all(|o| o.id != l.id)));
}

#[test]
fn a_need_only_a_capped_merchant_can_serve_is_left_with_the_reason() {
    // Within two days, chairs for 300 are sold by Amazon only, for more than the 750 USDC a
    // transfer may carry.
    let flux = flux(Policy::demo());
    let i = Intent::new("300 folding chairs and 30 lanyards", Amount::whole(1000), 2, Strategy::Balanced).unwrap();
    let p = block_on(flux.orchestrate(&i)).unwrap();
    let unmet: Vec<(&str, UnmetReason)> = p.unmet.iter().map(|u| (u.item.as_str(), u.reason)).collect();
    assert_eq!(unmet, [("folding chairs", UnmetReason::OverPolicyCap)]);
    assert!(flux.authorize(&p.cart).is_allowed());
    // Within a day only Amazon has 49 hubs, for 929.54: the budget covers them, the cap does not
    // (a split of the short offers over the budget does not hide that).
    let p = block_on(flux.orchestrate(&Intent::new("49 usb-c hubs", Amount::whole(1000), 1, Strategy::Cheapest).unwrap())).unwrap();
    assert_eq!(p.unmet.iter().map(|u| u.reason).collect::<Vec<_>>(), [UnmetReason::OverPolicyCap]);
}

#[test]
fn a_policy_that_allows_few_lines_gets_the_best_of_them() {
    // Five needs under a policy of at most three lines planned five (TOO_MANY_LINES).
    let mut doc = Policy::demo().to_document();
    doc.rules.max_lines = 3;
    let flux = flux(Policy::new(doc.merchants, doc.rules).unwrap());
    let p = block_on(flux.orchestrate(&intent("24 energy drinks, 40 badges, 30 lanyards, 3 usb-c hubs, 20 notebooks", "500"))).unwrap();
    assert_eq!(p.cart.lines().len(), 3, "{:?}", p.cart.lines());
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart));
    let reasons: Vec<UnmetReason> = p.unmet.iter().map(|u| u.reason).collect();
    assert_eq!(reasons, [UnmetReason::OverPolicyCap; 2]);
}

/// A catalog where two needs pick one offer ("trail"), whose stock serves only one of them: the
/// other takes its next option, and a later need's pick pays the same merchant.
fn shared_stock() -> (CatalogData, Policy) {
    let catalog = r#"{
      "vendors": [{"id": "v1", "name": "One", "trust_score": 90}, {"id": "v2", "name": "Two", "trust_score": 90},
                  {"id": "v3", "name": "Three", "trust_score": 90}],
      "offers": [
        {"id": "x-trail", "vendor_id": "v1", "category": "snacks", "name": "Trail Mix", "price": "10", "pack_size": 1, "stock": 30, "delivery_days": 1},
        {"id": "z-trail", "vendor_id": "v2", "category": "snacks", "name": "Trail Mix", "price": "10", "pack_size": 1, "stock": 100, "delivery_days": 2},
        {"id": "w-trail", "vendor_id": "v3", "category": "snacks", "name": "Trail Mix", "price": "14", "pack_size": 1, "stock": 100, "delivery_days": 2},
        {"id": "y-brew", "vendor_id": "v2", "category": "drinks", "name": "Cold Brew Cans", "price": "5", "pack_size": 1, "stock": 100, "delivery_days": 1}
      ]}"#;
    let policy = r#"{
      "merchants": [{"id": "v1", "name": "One", "payout_address": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"},
                    {"id": "v2", "name": "Two", "payout_address": "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"},
                    {"id": "v3", "name": "Three", "payout_address": "0x90F79bf6EB2c4f870365E785982E1f101E93b906"}],
      "rules": {"max_budget_cap": "10000", "per_merchant_caps": {"v2": "300"}}}"#;
    (CatalogData::from_json(catalog).unwrap(), Policy::from_json(policy).unwrap())
}

#[test]
fn a_need_that_gives_up_its_pick_keeps_the_whole_cart_within_the_caps() {
    // "trail mix" gave up Trail Mix at One (its stock serves only the snacks) for the same at
    // Two, judged against the lines placed so far; the cold brew placed after it then paid Two
    // 350 USDC against its 300 cap, and the policy denied the cart (OVER_MERCHANT_CAP).
    let (catalog, policy) = shared_stock();
    let i = Intent::new("20 snacks, 20 trail mix, 30 cold brew", Amount::whole(1000), 7, Strategy::Balanced).unwrap();
    let plan = OfflineParser.parse_sync(&i, catalog.vocabulary()).unwrap().sanitize(catalog.vocabulary());
    let p = propose_under(&catalog, &i, &plan, 5, &policy).unwrap();
    let decision = policy.authorize(&p.cart, &Target::arc_testnet(), &SpendState::default(), 1_764_000_000);
    assert!(decision.is_allowed(), "{:?}", decision.violations());
    let offers: Vec<&str> = p.cart.lines().iter().map(|l| l.id.as_str()).collect();
    assert_eq!(offers, ["x-trail", "w-trail", "y-brew"], "{:?}", p.cart.lines());
    assert!(p.unmet.is_empty(), "{:?}", p.unmet);
    // Without Two's cap, the next option is Two's: the cap is what moved it.
    let open = propose(&catalog, &i, &plan, 5).unwrap();
    assert_eq!(open.cart.lines().iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["x-trail", "z-trail", "y-brew"]);
}

#[test]
fn the_parts_of_a_breakdown_keep_their_own_lines() {
    // "40 t-shirts: 20 M, 15 L" planned 20 M, 15 L and 5 more, and the 5 moving onto a line of
    // the L ones removed the M line: 36 large t-shirts, no medium ones.
    let flux = flux(Policy::demo());
    let p = block_on(flux.orchestrate(&intent("40 t-shirts: 20 M, 15 L", "1000"))).unwrap();
    let sizes: Vec<u32> =
        ["Size M", "Size L"].iter().map(|size| p.cart.lines().iter().filter(|l| l.name.contains(size)).map(|l| l.units).sum()).collect();
    assert!(sizes[0] >= 20 && sizes[1] >= 15, "{:?}", p.cart.lines());
    assert!(p.cart.lines().iter().map(|l| l.units).sum::<u32>() >= 40, "{:?}", p.cart.lines());
    assert!(p.unmet.is_empty(), "{:?}", p.unmet);
}

#[test]
fn a_split_the_best_first_order_makes_too_dear_is_made_cheapest_first() {
    // "3 iPads" at 5000: one merchant may be paid for two under the 750 USDC transfer cap. Best
    // first, two from Amazon (sooner) and one from Walmart cost 1006.97, over the 1000 USDC cart
    // cap, and the need was left as over_policy_cap; two from Walmart and one from Amazon cost
    // 996.97, which the policy allows.
    let flux = flux(Policy::demo());
    for budget in ["5000", "1000"] {
        let p = block_on(flux.orchestrate(&intent("Need 3 iPads as raffle prizes", budget))).unwrap();
        assert!(p.unmet.is_empty(), "{budget}: {:?}", p.unmet);
        let bought: Vec<(&str, u32)> = p.cart.lines().iter().map(|l| (l.vendor_id.as_str(), l.units)).collect();
        assert_eq!(bought, [("walmart", 2), ("amazon", 1)], "{budget}");
        assert_eq!(p.total.to_string(), "996.97");
        assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart).violations());
    }
    // Below the cheapest split, the budget is what stands in the way, not the caps.
    let p = block_on(flux.orchestrate(&intent("Need 3 iPads as raffle prizes", "900"))).unwrap();
    assert_eq!(p.unmet.iter().map(|u| u.reason.as_str()).collect::<Vec<_>>(), ["over_budget"]);
}

#[test]
fn a_total_cap_after_several_things_is_the_whole_budget() {
    // "10 hdmi cables and 5 usb-c to hdmi adapters, under $150 total" capped the adapters alone
    // and bought 155.69 USDC: the cables and the adapters together are what the cap keeps.
    let i = intent("we need 10 hdmi cables and 5 usb-c to hdmi adapters, under $150 total", "800");
    assert_eq!(i.budget(), Amount::whole(150));
    let p = block_on(flux(Policy::demo()).orchestrate(&i)).unwrap();
    assert!(p.total <= Amount::whole(150), "{}", p.total);
    assert!(p.needs.iter().all(|n| n.price_cap().is_none()), "{:?}", p.needs);
    // Both cost 155.69 at the least: one of them does not fit, and says so.
    let unmet: Vec<&str> = p.unmet.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!((unmet, p.cart.lines().len()), (vec!["budget_exhausted"], 1));
    // After one item the cap stays that item's, and the budget the caller's.
    let one = intent("10 hdmi cables, under $150 total", "800");
    assert_eq!(one.budget(), Amount::whole(800));
    let p = block_on(flux(Policy::demo()).orchestrate(&one)).unwrap();
    assert_eq!(p.needs[0].price_cap().map(|c| (c.most, c.total)), Some((Amount::whole(150), true)));
}
