//! Who and how much a count is for: a shared rate split by what is said of each kind ("drinks for
//! 25: mostly water, some soda" buys more water than soda), a category said for its people
//! heading the kinds after it ("drinks for 30, water and coffee"), and a thing for everyone's
//! own ("a mug for everyone's desk").
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
    // A little thing that is not eaten is still one of it, each; with no head count to share, a
    // little juice is one juice (it was 48 juices, more than the sodas); alone, part of a share.
    assert_eq!(needs("a little gift for each of the 5 speakers"), v(&[("little gift", 5)]));
    assert_eq!(needs("24 sodas and a little juice"), v(&[("sodas", 24), ("little juice", 1)]));
    assert_eq!(needs("a little juice for 20 people"), v(&[("juice", 30)]));
    // "not a lot of" is little of it (it took twice the water's part), as "a little bit of" is.
    assert_eq!(needs("drinks for 30: water and not a lot of soda"), v(&[("water", 60), ("soda", 30)]));
    assert_eq!(needs("drinks for 30: water and a little bit of soda"), v(&[("water", 60), ("soda", 30)]));
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
    assert_eq!(needs("swag for 200 attendees, but also tote bags"), v(&[("swag", 200), ("tote bags", 200)]));
    assert_eq!(needs("drinks for 30, then water and coffee for the speakers"), v(&[("drinks", 30), ("water", 30), ("coffee", 30)]));
    // A word after the comma read as nothing ("such as water") keeps the category asked.
    assert_eq!(needs("drinks for 30, such as water and soda"), v(&[("drinks", 45), ("soda", 45)]));
    // The kinds are counted by the heading's people, not the request's (150 water and 150 coffee
    // for 30 volunteers; 1 pair of headphones for 3 winners), and a little of one is a kind.
    assert_eq!(needs("Hackathon for 100 people. Drinks for 30 volunteers, water and coffee"), v(&[("water", 45), ("coffee", 45)]));
    assert_eq!(needs("prizes for 10 winners, gift cards and headphones"), v(&[("gift cards", 10), ("headphones", 10)]));
    assert_eq!(needs("prizes for 3 winners, headphones"), v(&[("headphones", 3)]));
    assert_eq!(needs("drinks for 30 people, mostly water, a little soda"), v(&[("water", 72), ("soda", 18)]));
}

#[test]
fn a_thing_for_everyones_own_is_one_each() {
    // One mug was bought for 12 people; a shared thing stays one.
    assert_eq!(needs("a mug for everyone's desk, 12 people"), v(&[("mug", 12)]));
    assert_eq!(needs("a charger for everyone's phone, 20 people"), v(&[("charger", 20)]));
    assert_eq!(needs("a trash can for everyone's use, 40 people"), v(&[("trash can", 1)]));
    assert_eq!(needs("a projector for everyone's presentations, 30 people"), v(&[("projector", 1)]));
}
