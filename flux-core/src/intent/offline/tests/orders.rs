//! Order lines as people type them: a breakdown by size or colour with a times sign ("M x 10,
//! XL x 12"), and a pack bought so many times ("24-pack of water x 3").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

/// Item, count and attributes of each need.
fn parts(prompt: &str) -> Vec<(String, u32, Vec<String>)> {
    read(prompt).into_iter().map(|(_, item, n, a)| (item, n, a)).collect()
}

fn p(item: &str, n: u32, a: &[&str]) -> (String, u32, Vec<String>) {
    (item.to_owned(), n, a.iter().map(|x| (*x).to_owned()).collect())
}

#[test]
fn a_size_before_its_times_count_is_a_part() {
    // Each bought only the first part: 10 t-shirts (and "size" was reported unread).
    let shirts = [p("t-shirts", 10, &["size m"]), p("t-shirts", 12, &["size xl"])];
    assert_eq!(parts("t-shirts: size M x 10 and size XL x 12"), shirts);
    assert_eq!(parts("t-shirts: size M x 10, size XL x 12"), shirts);
    assert_eq!(parts("t-shirts size M x 10, size XL x 12"), shirts);
    assert_eq!(parts("t-shirts: M x 10, XL x 12"), [p("t-shirts", 10, &["m"]), p("t-shirts", 12, &["xl"])]);
    assert_eq!(parts("t-shirts: medium x 20, large x 15"), [p("t-shirts", 20, &["medium"]), p("t-shirts", 15, &["large"])]);
    assert_eq!(parts("hoodies: black x 12, grey x 8"), [p("hoodies", 12, &["black"]), p("hoodies", 8, &["grey"])]);
    assert!(unread("t-shirts: size M x 10 and size XL x 12").is_empty());
    // Every part, however many.
    let four =
        [p("polo shirts", 3, &["small"]), p("polo shirts", 5, &["medium"]), p("polo shirts", 2, &["large"]), p("polo shirts", 1, &["xl"])];
    assert_eq!(parts("polo shirts: small x 3, medium x 5, large x 2, XL x 1"), four);
    let three = [p("t-shirts", 5, &["size s"]), p("t-shirts", 10, &["size m"]), p("t-shirts", 8, &["size l"])];
    assert_eq!(parts("t-shirts: size S x 5, size M x 10, size L x 8"), three);
    // What the parts leave of a count said before them is bought as the item.
    assert_eq!(parts("20 t-shirts: M x 10, L x 5"), [p("t-shirts", 10, &["m"]), p("t-shirts", 5, &["l"]), p("t-shirts", 5, &[])]);
    // A size said before the item is the first part's.
    let tees = [p("tees", 12, &["size m", "black"]), p("tees", 12, &["black", "size xl"])];
    assert_eq!(parts("Size M black tees x 12 and size XL x 12"), tees);
    // The word "size" before a count, without a times sign, as before a size alone.
    assert_eq!(parts("t-shirts: size M 10, size XL 12"), shirts);
    // One size is one need, as before.
    assert_eq!(parts("black hoodies x 12"), [p("hoodies", 12, &["black"])]);
    assert_eq!(parts("t-shirts size L x 30"), [p("t-shirts", 30, &["size l"])]);
}

#[test]
fn a_pack_times_a_count_is_that_many_packs() {
    // Each bought one pack.
    assert_eq!(q("24-pack of water x 3"), iq(&[("water", 72)]));
    assert_eq!(q("a 24-pack of water x 3"), iq(&[("water", 72)]));
    assert_eq!(q("12-pack of soda x2"), iq(&[("soda", 24)]));
    let packs = |p: &str| read_plan(p).needs.into_iter().map(|n| (n.item, n.quantity, n.packs)).collect::<Vec<_>>();
    // "a case of water x 3" bought 3 bottles; "2 cases of water x 3" two cases.
    assert_eq!(packs("a case of water x 3"), [("water".to_owned(), 3, Some(3))]);
    assert_eq!(packs("2 cases of water x 3"), [("water".to_owned(), 6, Some(6))]);
    // "case of water x 5" bought 5 bottles.
    assert_eq!(packs("case of water x 5"), [("water".to_owned(), 5, Some(5))]);
    assert_eq!(packs("box of pens"), [("pens".to_owned(), 1, Some(1))]);
    // The pack's size said after the item, or the times sign before the pack: each bought one pack.
    assert_eq!(q("Red Bull 24-pack x 2"), iq(&[("red bull", 48)]));
    assert_eq!(q("water, 24-pack, x 3"), iq(&[("water", 72)]));
    assert_eq!(q("energy drinks 12-pack x 4, chips x 10"), iq(&[("energy drinks", 48), ("chips", 10)]));
    assert_eq!(q("2 x 24-pack of water"), iq(&[("water", 48)]));
    assert_eq!(q("3 red bull 24-packs"), iq(&[("red bull", 72)]));
    // A pack's size said of a count of units describes them.
    assert_eq!(q("24 cans of coke (24-pack)"), iq(&[("coke", 24)]));
    assert_eq!(q("40 waters (24-packs)"), iq(&[("waters", 40)]));
    // A count of things times a count stays as said: the times count is no multiplier of units.
    assert_eq!(q("a nice prize x 3"), iq(&[("prize", 3)]));
}

#[test]
fn so_many_of_them_counts_the_item_and_its_packs() {
    // "3 of them" counted three cans of an 8-pack, and "a nice prize, 3 of them" one prize.
    assert_eq!(q("sparkling water 8-pack, 3 of them"), iq(&[("sparkling water", 24)]));
    assert_eq!(q("Red Bull 24-pack, 2 of them"), iq(&[("red bull", 48)]));
    assert_eq!(q("water, 24-pack, 3 of those"), iq(&[("water", 72)]));
    assert_eq!(q("a 24-pack of water, 3 of them"), iq(&[("water", 72)]));
    assert_eq!(q("a nice prize, 3 of them"), iq(&[("prize", 3)]));
    // A count of things, as before.
    assert_eq!(q("hdmi cables, 5 of them"), iq(&[("hdmi cables", 5)]));
    assert!(unread("sparkling water 8-pack, 3 of them").is_empty());
}

#[test]
fn a_pack_size_beside_a_times_sign_needs_no_hyphen() {
    // "2 x 12 packs of coke" bought twelve 24-packs (288 cans), "3 x 24 packs of water" 576
    // bottles, "coke 12 pack x 2" two cans and "coke, 2 x 12-packs" two cans too.
    assert_eq!(q("2 x 12 packs of coke"), iq(&[("coke", 24)]));
    assert_eq!(q("2 x 12 pack of coke"), iq(&[("coke", 24)]));
    assert_eq!(q("3 x 24 packs of water"), iq(&[("water", 72)]));
    assert_eq!(q("coke 12 pack x 2"), iq(&[("coke", 24)]));
    assert_eq!(q("coke, 2 x 12 packs"), iq(&[("coke", 24)]));
    assert_eq!(q("coke, 2 x 12-packs"), iq(&[("coke", 24)]));
    // Without a times sign, as before: twelve packs, and a pack of 24.
    let packs = |p: &str| read_plan(p).needs.into_iter().map(|n| (n.quantity, n.packs)).collect::<Vec<_>>();
    assert_eq!(packs("12 packs of coke"), [(12, Some(12))]);
    assert_eq!(q("a 12 pack of coke"), iq(&[("coke", 12)]));
    assert_eq!(q("water 24 pack"), iq(&[("water", 24)]));
}
