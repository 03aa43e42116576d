#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::{Amount, Strategy};

fn plan(prompt: &str) -> Plan {
    let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
    OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap()
}

fn needs(prompt: &str) -> Vec<(String, u32)> {
    plan(prompt).needs.into_iter().map(|n| (n.category, n.quantity)).collect()
}

fn v(items: &[(&str, u32)]) -> Vec<(String, u32)> {
    items.iter().map(|(c, q)| ((*c).to_owned(), *q)).collect()
}

#[test]
fn seed_example() {
    assert_eq!(needs("hackathon kit: snacks, badges, prizes"), v(&[("snacks", 50), ("badges", 50), ("prizes", 3)]));
}

#[test]
fn quantities_and_synonyms() {
    assert_eq!(needs("24 energy drinks"), v(&[("drinks", 24)]));
    assert_eq!(needs("badges for 100 people"), v(&[("badges", 100)]));
    assert_eq!(needs("100 lanyards and 12 name tags"), v(&[("lanyards", 100), ("badges", 12)]));
    assert_eq!(needs("3 usb-c hubs, a grand prize"), v(&[("adapters", 3), ("prizes", 1)]));
    assert_eq!(needs("two dozen cans of soda"), v(&[("drinks", 24)]));
    assert_eq!(needs("1,200 stickers"), v(&[("swag", 1200)]));
}

#[test]
fn headcount_scales_per_person_categories() {
    let p = plan("offsite for 40 people: snacks, drinks, lanyards, a projector");
    assert_eq!(p.headcount, Some(40));
    let got: Vec<(String, u32)> = p.needs.into_iter().map(|n| (n.category, n.quantity)).collect();
    // "a projector" is one projector, whatever the head count.
    assert_eq!(got, v(&[("snacks", 120), ("drinks", 120), ("lanyards", 40), ("av_gear", 1)]));
}

#[test]
fn numbers_belong_to_the_nearest_item_only() {
    assert_eq!(needs("ship in 2 days some snacks"), v(&[("snacks", 50)]));
    assert_eq!(needs("deliver within 3 days snacks for 40 people"), v(&[("snacks", 120)]));
    assert_eq!(needs("badges for 100 people and snacks"), v(&[("badges", 100), ("snacks", 300)]));
    assert_eq!(needs("24 cold cans of energy drinks"), v(&[("drinks", 24)]));
}

#[test]
fn absurd_quantities_are_dropped_not_trusted() {
    let p = plan("999999999999 badges and snacks");
    assert_eq!(p.needs.iter().map(|n| n.category.as_str()).collect::<Vec<_>>(), vec!["snacks"]);
    assert_eq!(p.dropped[0].reason, DropReason::QuantityOutOfRange);
}

#[test]
fn nothing_recognized_is_a_typed_error() {
    let intent = Intent::new("a unicorn please", Amount::whole(5), 3, Strategy::Cheapest).unwrap();
    let err = OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap_err();
    assert_eq!(err.code(), "NOTHING_RECOGNIZED");
}

#[test]
fn deterministic() {
    let a = plan("hackathon for 80 hackers: 24 energy drinks, snacks, badges, prizes, usb-c hubs");
    let b = plan("hackathon for 80 hackers: 24 energy drinks, snacks, badges, prizes, usb-c hubs");
    assert_eq!(a, b);
}
