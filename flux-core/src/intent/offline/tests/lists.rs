//! What a request says around its items: headings, purposes, rates, an item named twice with
//! "a", a measure after the item, loudspeakers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

#[test]
fn a_heading_is_no_need_of_its_own() {
    assert_eq!(q("Drinks: 24 energy drinks"), iq(&[("energy drinks", 24)]));
    assert_eq!(q("Drinks:\n24 energy drinks\nwater"), iq(&[("energy drinks", 24), ("water", 48)]));
    assert_eq!(q("Snacks: chips and pretzels"), iq(&[("chips", 50), ("pretzels", 50)]));
    // The heading's head count still counts the items under it.
    assert_eq!(q("drinks for 40 people: coffee and water"), iq(&[("coffee", 120), ("water", 120)]));
    // In a list, or with "plus", the category is asked for too.
    assert_eq!(q("snacks and chips"), iq(&[("snacks", 50), ("chips", 50)]));
    assert_eq!(items("team of 30: swag, stickers, lanyards"), ["swag", "stickers", "lanyards"]);
    assert_eq!(q("hackathon kit: snacks, 24 energy drinks, badges"), iq(&[("snacks", 50), ("energy drinks", 24), ("badges", 50)]));
    assert_eq!(items("swag for 200 attendees, plus tote bags"), ["swag", "tote bags"]);
}

#[test]
fn what_an_item_is_for_is_not_bought_and_counts_it() {
    // One each, and nothing rented for the tables or desks the items are for.
    assert_eq!(q("tablecloths for 10 tables"), iq(&[("tablecloths", 10)]));
    assert_eq!(q("ethernet cables for 12 desks"), iq(&[("ethernet cables", 12)]));
    assert_eq!(q("5 bluetooth speakers for the prize table"), iq(&[("bluetooth speakers", 5)]));
    assert_eq!(items("snack bowls for the reception desk"), ["snack bowls"]);
    // A rate times what it is per.
    assert_eq!(q("3 monitors per desk for 4 desks"), iq(&[("monitors", 12)]));
    assert_eq!(q("2 water bottles per person for 30 people"), iq(&[("water bottles", 60)]));
    // A head count is still a head count, and an item that opens the request is bought.
    assert_eq!(q("lanyards for 40 people"), iq(&[("lanyards", 40)]));
    assert_eq!(items("cables for the projector, and a projector"), ["cables", "projector"]);
}

#[test]
fn an_item_named_twice_with_a_is_one() {
    assert_eq!(q("we don't have a projector, so we need a projector and a screen"), iq(&[("projector", 1), ("screen", 1)]));
    // A number said after "a" is the count.
    assert_eq!(q("a case of water, and 3 cases of water"), iq(&[("water", 3)]));
}

#[test]
fn a_measure_after_the_item_describes_it() {
    for prompt in ["3 hdmi cables 25 ft", "3 hdmi cables, 25 ft", "3 hdmi cables (25 ft)", "3 hdmi cables 25 feet long"] {
        let read = attrs(prompt);
        assert_eq!(read.len(), 1, "{prompt}: {read:?}");
        assert!(read[0].1.iter().any(|a| a.starts_with("25f")), "{prompt}: {read:?}");
        assert!(unread(prompt).is_empty(), "{prompt}");
    }
    // Before another item it is that item's.
    assert_eq!(attrs("hdmi cables, 6ft usb-c cables"), [ia("hdmi cables", &[]), ia("usb-c cables", &["6ft"])]);
}

#[test]
fn speakers_are_loudspeakers_unless_they_are_people() {
    assert_eq!(q("panel AV: 4 microphones, 2 speakers and a mixer"), iq(&[("microphones", 4), ("speakers", 2), ("mixer", 1)]));
    assert_eq!(plan("lanyards for our 12 speakers").headcount, Some(12));
}

#[test]
fn counts_as_people_write_them() {
    assert_eq!(q("half a dozen extension cords"), iq(&[("extension cords", 6)]));
    assert_eq!(q("a couple of power strips"), iq(&[("power strips", 2)]));
    assert_eq!(q("5 jugs of water"), iq(&[("water", 5)]));
    for prompt in ["lanyards x 40", "lanyards - 40", "lanyards: 40 pcs", "lanyards 40"] {
        assert_eq!(q(prompt), iq(&[("lanyards", 40)]), "{prompt}");
    }
    // A year is no count, and a number before another item is that item's.
    assert_eq!(q("badges 2025"), iq(&[("badges", 50)]));
    assert_eq!(q("24 energy drinks 12 usb-c hubs"), iq(&[("energy drinks", 24), ("usb-c hubs", 12)]));
}
