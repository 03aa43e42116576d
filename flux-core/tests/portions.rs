//! How a shared rate is split: "drinks for 25: mostly water, some soda" buys more water than soda,
//! and a category said for its people before kinds of it ("drinks for 30, water and coffee") heads
//! them instead of being bought besides them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flux_core::{block_on, Amount, Flux, Intent, MemoryLedger, Proposal, Strategy};

fn propose(prompt: &str) -> Proposal {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    block_on(flux.orchestrate(&Intent::new(prompt, Amount::whole(800), 7, Strategy::Cheapest).unwrap())).unwrap()
}

/// The plan's needs as (item, quantity).
fn needs(prompt: &str) -> Vec<(String, u32)> {
    propose(prompt).needs.iter().map(|n| (n.item.clone(), n.quantity)).collect()
}

fn v(items: &[(&str, u32)]) -> Vec<(String, u32)> {
    items.iter().map(|(i, q)| (i.to_string(), *q)).collect()
}

/// Units the cart buys for a need.
fn bought(p: &Proposal, item: &str) -> u32 {
    p.cart.lines().iter().filter(|l| l.need == item).map(|l| l.units).sum()
}

#[test]
fn mostly_takes_more_of_the_share_and_a_little_less() {
    // Three drinks a head for 25 are 75: "mostly water" was 38 water and 38 soda.
    let p = propose("drinks for 25: mostly water, some soda, a few energy drinks");
    let planned: Vec<(String, u32)> = p.needs.iter().map(|n| (n.item.clone(), n.quantity)).collect();
    assert_eq!(planned, v(&[("water", 50), ("soda", 25), ("energy drinks", 3)]));
    assert!(bought(&p, "water") > bought(&p, "soda"), "{:?}", p.cart.lines());
    // Unweighted, the share stays even.
    assert_eq!(needs("drinks for 25: water and soda"), v(&[("water", 38), ("soda", 38)]));
    // "a little juice" was one juice named "little juice"; now the smallest portion of 120.
    assert_eq!(
        needs("drinks for 40: mostly sparkling water, some soda and a little juice"),
        v(&[("sparkling water", 69), ("soda", 35), ("juice", 18)])
    );
    assert_eq!(needs("drinks for 30: a lot of water and a little juice"), v(&[("water", 72), ("juice", 18)]));
    assert_eq!(needs("drinks for 30: water, a bit of soda"), v(&[("water", 60), ("soda", 30)]));
    assert_eq!(needs("snacks for 20: mostly chips, a little candy"), v(&[("chips", 48), ("candy", 12)]));
    // A little thing that is not eaten is still one of it, each.
    assert_eq!(needs("a little gift for each of the 5 speakers"), v(&[("little gift", 5)]));
}

#[test]
fn a_category_for_its_people_heads_the_kinds_after_a_comma() {
    // Each was bought besides its kinds: 30 drinks, 30 water, 30 coffee.
    assert_eq!(needs("drinks for 30, water and coffee"), v(&[("water", 45), ("coffee", 45)]));
    assert_eq!(needs("drinks for 60 people, mostly sparkling water"), v(&[("sparkling water", 180)]));
    // 200 generic swag items were bought with the tote bags and stickers.
    assert_eq!(needs("swag for 200 attendees, tote bags and stickers"), v(&[("tote bags", 200), ("stickers", 200)]));
    // Added to it, of another category, or counted apart: the category is asked for too.
    assert_eq!(needs("drinks for 30, plus water"), v(&[("drinks", 45), ("water", 45)]));
    assert_eq!(needs("snacks for 40 people, chips and badges"), v(&[("snacks", 60), ("chips", 60), ("badges", 40)]));
    assert_eq!(needs("drinks for 30, water and coffee for 10"), v(&[("drinks", 90), ("water", 15), ("coffee", 15)]));
}
