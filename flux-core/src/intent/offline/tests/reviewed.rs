//! What a review of the rules for alternatives, rates, providers, pronouns and what an item must
//! have found them reading wrong: each case was planned wrong by the first version of its rule.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::refusals::excluded;
use super::*;

#[test]
fn a_rate_is_per_what_it_names() {
    // "per person please" was a rate per "please": 3 drinks, not 120.
    assert_eq!(q("3 drinks per person please for 40 people"), iq(&[("drinks", 120)]));
    // A rate for a group with no count of its own keeps the per-person estimate; a time is no
    // thing to count.
    assert_eq!(q("snacks for each team, 4 teams of 5"), iq(&[("snacks", 60)]));
    assert_eq!(q("10 waters per day, deliver within 2 days"), iq(&[("waters", 10)]));
    // What each gets ends where another request starts.
    assert_eq!(q("Every attendee gets a lanyard, and we need 2 projectors. 120 attendees."), iq(&[("lanyard", 120), ("projectors", 2)]));
    // What is there is what a rate is per, not something to buy.
    assert_eq!(q("There are 12 tables, one power strip per table"), iq(&[("power strip", 12)]));
    assert_eq!(q("The venue has 12 tables, so we need one power strip per table"), iq(&[("power strip", 12)]));
}

#[test]
fn a_pronoun_refuses_only_what_it_points_at() {
    // Each refused an item asked for besides the one meant.
    assert_eq!(q("We need a projector, the venue provides a screen, so skip it"), iq(&[("projector", 1)]));
    assert_eq!(q("20 chairs, and we already have tables so skip those"), iq(&[("chairs", 20)]));
    assert_eq!(q("We need 10 hdmi cables and might need extension cords, but hold off on those"), iq(&[("hdmi cables", 10)]));
    assert_eq!(excluded("We need 10 hdmi cables and might need extension cords, but hold off on those"), ["extension cords"]);
}

#[test]
fn nouns_like_verbs_of_seeing_to_are_no_providers() {
    // "Our sponsors need lanyards" had the lanyards at hand.
    assert_eq!(q("Our sponsors need lanyards"), iq(&[("lanyards", 50)]));
    assert_eq!(excluded("30 t-shirts, ordered by size"), Vec::<String>::new());
}

#[test]
fn what_an_item_must_be_is_not_when_it_arrives() {
    // "need to be delivered Friday" made "delivered" and "friday" attributes.
    assert!(read("200 lanyards, need to be delivered Friday")[0].3.is_empty());
    assert_eq!(read("200 lanyards - must be breakaway")[0].3, ["breakaway"]);
}

#[test]
fn what_is_said_with_alternatives_is_the_choices() {
    // "per room" was the projector's alone: one webcam and five projectors.
    assert_eq!(q("a webcam or a projector per room, 5 rooms"), iq(&[("webcam", 5)]));
    assert_eq!(q("a webcam or a speaker for each of the 4 rooms"), iq(&[("webcam", 4)]));
}
