//! Kernels and plans the ranking tests share.
#![allow(dead_code, clippy::unwrap_used)]

use flux_core::MemoryLedger;
use flux_core::*;

/// A kernel whose policy pays the demo merchants without caps on a cart, a transfer or a
/// merchant: for tests of packs and stock in carts larger than the demo policy allows.
pub fn flux_without_caps() -> Flux {
    let mut doc = Policy::demo().to_document();
    (doc.rules.max_budget_cap, doc.rules.per_transfer_cap) = (Amount::whole(1_000_000), None);
    let policy = Policy::new(doc.merchants, doc.rules).unwrap();
    Flux::builder().ledger(MemoryLedger::new()).policy(policy).clock(FixedClock(1_767_225_600_000)).build().unwrap()
}

/// The embedded catalog's offers a balanced cart buys for `prompt`.
pub fn offers_bought(prompt: &str, budget: &str, days: u32) -> Vec<Offer> {
    let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    let intent = Intent::new(prompt, Amount::parse(budget).unwrap(), days, Strategy::Balanced).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    let catalog = EmbeddedCatalog::data();
    p.cart.lines().iter().map(|l| Offer::clone(catalog.offer(&l.id).unwrap())).collect()
}

/// Asserts that nothing the embedded catalog sells is what `prompt` asks (under 800 USDC, in a
/// week): no line is bought, and its one need is unmet as `does_not_match`.
pub fn assert_nothing_matches(flux: &Flux, prompt: &str) {
    let intent = Intent::new(prompt, Amount::parse("800").unwrap(), 7, Strategy::Cheapest).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    assert!(p.cart.lines().is_empty(), "{prompt}: {:?}", p.cart.lines());
    assert_eq!(p.unmet.iter().map(|u| u.reason.as_str()).collect::<Vec<_>>(), ["does_not_match"], "{prompt}");
}

/// Asserts that a balanced cart for `prompt` buys one offer, whose id contains `bought`.
pub fn assert_buys_one(prompt: &str, bought: &str) {
    let ids = offers_bought(prompt, "800", 7).into_iter().map(|o| o.id).collect::<Vec<_>>();
    assert!(matches!(ids.as_slice(), [id] if id.contains(bought)), "{prompt}: {ids:?}");
}
