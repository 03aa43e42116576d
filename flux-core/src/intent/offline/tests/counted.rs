//! Lengths in weeks, one each for each of so many (though the list ends in things not sold),
//! times counts after a counted item, and what two probes of new prompts found ("table cloths",
//! "ice for the drinks", "gluten-free options", "at least", "vegan options", "(logitech), …").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

#[test]
fn a_week_is_seven_days() {
    // "for a week" priced one day of the rental, and a rate per day counted one day.
    let days = |p: &str| read_plan(p).needs.into_iter().map(|n| n.days).collect::<Vec<_>>();
    assert_eq!(days("8 standing desk converters for a week"), [Some(7)]);
    assert_eq!(days("rent 40 chairs for 2 weeks"), [Some(14)]);
    assert_eq!(days("chairs for a 2-week conference, 30 chairs"), [Some(14)]);
    assert_eq!(days("chairs for the week, 20"), [Some(7)]);
    assert_eq!(q("2 drinks per person per day, 40 people, for a week"), iq(&[("drinks", 560)]));
    // When, not how long.
    assert_eq!(days("deliver within a week: 10 chairs"), [None]);
    assert_eq!(days("a week from now, 20 chairs"), [None]);
    assert_eq!(days("20 chairs, need them next week"), [None]);
}

#[test]
fn what_this_probe_found() {
    // "table cloths" rented a table for the 12 round tables.
    assert_eq!(read("table cloths for 12 round tables")[0].0, "tableware");
    assert_eq!(q("table cloths for 12 round tables"), iq(&[("table cloths", 12)]));
    // Ice is not sold: the drinks it is for are not bought for it.
    assert_eq!(q("some ice for the drinks and 24 cokes"), iq(&[("cokes", 24)]));
    // "at least" is no item; "gluten-free options" are gluten-free snacks.
    assert!(unread("6 surge protectors, at least 6 outlets each").is_empty());
    assert!(unread("5 webcams for the conference rooms, 1080p at least").is_empty());
    assert_eq!(attrs("snacks for 25, gluten-free options please"), [ia("snacks", &["gluten-free"])]);
    assert!(unread("snacks for 25, gluten-free options please").is_empty());
}

#[test]
fn a_thing_for_each_of_them_is_one_each() {
    // Said without "a", each was the category's estimate: 1 webcam, 2 hubs for 12 people.
    assert_eq!(q("webcam and usb-c hub for each of 12 people"), iq(&[("webcam", 12), ("usb-c hub", 12)]));
    assert_eq!(q("monitor and webcam for each of the 8 desks"), iq(&[("monitor", 8), ("webcam", 8)]));
    assert_eq!(q("projector for each of the 5 rooms"), iq(&[("projector", 5)]));
    // What is used up keeps its rate a head.
    assert_eq!(q("snacks for each of the 30 attendees"), iq(&[("snacks", 90)]));
    assert_eq!(q("water for each of 20 people"), iq(&[("water", 60)]));
    // "each" closing a list said for a head count: 1 webcam and 2 hubs; 1 backpack, 1 bottle
    // and 30 hoodies.
    assert_eq!(q("12 people: webcam and usb-c hub each"), iq(&[("webcam", 12), ("usb-c hub", 12)]));
    let kit = iq(&[("backpack", 30), ("water bottle", 30), ("hoodie", 30)]);
    assert_eq!(q("a backpack, a water bottle and a hoodie each for 30 interns"), kit);
    assert_eq!(q("for 20 people: snacks and water each"), iq(&[("snacks", 60), ("water", 60)]));
    // A count each is that item's alone.
    assert_eq!(q("enough cups for 3 drinks each, 50 people"), iq(&[("cups", 100), ("drinks", 150)]));
}

#[test]
fn a_counted_item_times_a_count_is_so_many_of_them() {
    // "24 energy drinks x 2" stayed 24.
    assert_eq!(q("24 energy drinks x 2"), iq(&[("energy drinks", 48)]));
    assert_eq!(q("2 monitors x 3, and 10 hdmi cables"), iq(&[("monitors", 6), ("hdmi cables", 10)]));
    // A part with words of its own is a part, not a product.
    assert_eq!(q("20 t-shirts: M x 10, L x 10"), iq(&[("t-shirts", 10), ("t-shirts", 10)]));
    // A size stays a size, and a count of what the items come in is theirs.
    assert_eq!(q("2 tables 6 x 3"), iq(&[("tables", 2)]));
    assert_eq!(q("20 notebooks x 2 colors"), iq(&[("notebooks", 20)]));
    // A rate after a times sign is a rate: "coffee x 2 per person" bought 2 coffees for 20.
    assert_eq!(q("coffee x 2 per person, 20 people"), iq(&[("coffee", 40)]));
}

#[test]
fn a_diet_said_of_options_is_the_foods() {
    // "vegan options" bought gummy bears, and reported "options" unread.
    assert_eq!(attrs("snacks, vegan options"), [ia("snacks", &["vegan"])]);
    assert!(unread("snacks, vegan options").is_empty());
    assert_eq!(attrs("snacks for 30, vegan options please"), [ia("snacks", &["vegan"])]);
    assert_eq!(attrs("vegetarian options for lunch snacks, 40 people"), [ia("lunch snacks", &["vegetarian"])]);
    assert_eq!(attrs("snacks, vegetarian options too"), [ia("snacks", &["vegetarian"])]);
    // Not what is ruled out.
    assert_eq!(attrs("snacks, no vegan options needed"), [ia("snacks", &[])]);
}

#[test]
fn each_closes_a_list_whose_last_items_are_not_sold() {
    // The catalog sells no headset or mouse: the webcam was the category's estimate, 1.
    let p = "webcam, headset and a mouse each for 10 people";
    assert_eq!(q(p), iq(&[("webcam", 10)]));
    assert_eq!(unread(p), ["headset", "mouse"]);
    assert_eq!(q("for 8 people: a monitor, a webcam, a headset and a mousepad each"), iq(&[("monitor", 8), ("webcam", 8)]));
    // Head counted in a heading with a word that describes them ("new hires" were no head count).
    assert_eq!(q("5 new hires: laptop stand, webcam, headset each"), iq(&[("webcam", 5)]));
    assert_eq!(q("5 new hires: snacks"), iq(&[("snacks", 15)]));
    // A count between is no list of single items.
    assert_eq!(q("a webcam, and 3 headsets each for 10 people"), iq(&[("webcam", 1)]));
}

#[test]
fn a_brand_in_brackets_before_more_of_the_list_is_the_items() {
    // "(logitech)" bought a presentation remote besides the webcams, and "(red bull)" 24 more
    // energy drinks.
    assert_eq!(attrs("3 webcams (logitech), 3 ring lights"), [ia("webcams", &["logitech"])]);
    let p = "24 energy drinks (red bull), 10 hdmi cables";
    assert_eq!(q(p), iq(&[("energy drinks", 24), ("hdmi cables", 10)]));
    assert_eq!(attrs(p), [ia("energy drinks", &["red bull"]), ia("hdmi cables", &[])]);
    // A list of brands is a list.
    assert_eq!(items("chips, doritos, pretzels"), ["chips", "doritos", "pretzels"]);
}
