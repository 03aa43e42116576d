//! Lengths in weeks, one each for each of so many (though the list ends in things not sold),
//! times counts after a counted item, and what probes of new prompts found ("table cloths",
//! "ice for the drinks", "gluten-free options", "at least", "vegan options", "(logitech), …",
//! headphones for people, "floor stand for the tv", pads, packs and retail counts, "keep it under"),
//! and counts each person's ("2 each", "x 4 people", "8 people need"), colour by colour ("in
//! black and navy, 15 each", "half black half grey") or with spares ("plus 10 extra").

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
fn an_estimate_said_per_day_lasts_the_event() {
    // "per day" was read for a count only: an estimate per day was one day's, as without it.
    assert_eq!(q("snacks for 18 people per day for 3 days"), iq(&[("snacks", 162)]));
    assert_eq!(q("snacks for 18 people for 3 days"), iq(&[("snacks", 54)]));
    // Closing a list of what is eaten or drunk, it is each item's; said of one, that one's.
    assert_eq!(q("3-day workshop for 18: snacks and coffee each day"), iq(&[("snacks", 162), ("coffee", 162)]));
    assert_eq!(q("2 drinks per day and snacks for 10 people, 3 days"), iq(&[("drinks", 60), ("snacks", 30)]));
    // (Review: a count said before the list is its own.)
    assert_eq!(q("2 bags of chips and 24 waters each day, 3-day event, 30 people")[0], ("chips".into(), 2));
    // Equipment is used again each day.
    assert_eq!(q("chairs for 18 people per day for 3 days"), iq(&[("chairs", 18)]));
    assert!(unread("hackathon for 60 people over 2 days: snacks and drinks daily").is_empty());
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
    // A connector on its own after a comma describes the item ("usb-c" was reported unread).
    assert_eq!(attrs("10 phone chargers (usb-c)"), [ia("phone chargers", &["usb-c"])]);
    assert_eq!(attrs("cables, hdmi, x 5"), [ia("cables", &["hdmi"])]);
    // (Review: a list of plugs is a list of things, as before.)
    assert_eq!(attrs("10 hdmi cables, usb-c, ethernet")[0], ia("hdmi cables", &[]));
    assert!(unread("10 phone chargers (usb-c) and 10 lightning cables").is_empty());
    assert_eq!(read("team of 30: cleaning supplies, wifi").last().map(|n| n.0.as_str()), Some("networking"));
    assert_eq!(attrs("two 24in monitors"), [ia("monitors", &["24inch"])]);
    assert_eq!(q("two 24in monitors"), iq(&[("monitors", 2)]));
    // A cap right after the people: "for 50 under" was no head count, and the cap went unread.
    assert_eq!(read("snacks for 50 under $100 total"), [("snacks".into(), "snacks".into(), 150, vec!["max $100 total".into()])]);
    assert_eq!(attrs("webcams for 6 engineers under $70 each"), [ia("webcams", &["max $70"])]);
    assert!(unread("10 usb-c hubs, budget is tight, cheapest possible").is_empty());
    // "pk" is a pack ("24 pk" was reported unread).
    assert_eq!(items("3 cases of bottled water (24 pk)"), ["bottled water"]);
    assert!(unread("3 cases of bottled water (24 pk)").is_empty());
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
    // As many each as there are people or more is a count of each item.
    let kit = iq(&[("t-shirts", 20), ("hoodies", 20)]);
    assert_eq!(q("t-shirts and hoodies for the 20 volunteers, 20 each"), kit);
    assert_eq!(q("t-shirts and hoodies, 20 each, for 20 volunteers"), kit);
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

#[test]
fn what_each_person_uses_is_one_each_not_a_prize() {
    // "headphones for 8 people" were 1, "keyboards for 5 people" 3: the prizes' default.
    assert_eq!(q("headphones for 8 people"), iq(&[("headphones", 8)]));
    assert_eq!(q("keyboards for 5 people"), iq(&[("keyboards", 5)]));
    assert_eq!(q("gift cards for 10 volunteers"), iq(&[("gift cards", 10)]));
    // The crowd of the whole request counts prizes, not one each.
    assert_eq!(q("hackathon for 40 people, prizes: headphones and a drone"), iq(&[("headphones", 1), ("drone", 1)]));
    assert_eq!(q("hackathon for 50: 3 grand prizes (ipad, airpods, kindle)")[1..], iq(&[("ipad", 1), ("airpods", 1), ("kindle", 1)]));
    assert_eq!(q("prizes for 40 hackers"), iq(&[("prizes", 3)]));
}

#[test]
fn what_a_thing_of_two_words_is_for_is_not_bought() {
    // "floor stand for the tv" rented a 55-inch display (203.99), "mounting kit for the
    // monitors" bought two monitors (611.98), "bags for the snacks" snacks.
    assert_eq!(q("floor stand for the tv, 10 hdmi cables"), iq(&[("hdmi cables", 10)]));
    assert_eq!(q("mounting kit for the monitors and 10 hdmi cables"), iq(&[("hdmi cables", 10)]));
    assert_eq!(q("bags for the snacks, 24 cokes"), iq(&[("cokes", 24)]));
    // An item said before it is still bought, and so is what a count of it is for.
    assert_eq!(q("hdmi cables for the projector"), iq(&[("hdmi cables", 10)]));
    assert_eq!(items("snacks and drinks for the team"), ["snacks", "drinks"]);
}

#[test]
fn a_budget_said_after_a_comma_is_no_item() {
    // "keep" was reported as an item the catalog does not know.
    assert!(unread("snacks for 25, keep it under $200").is_empty());
    assert!(unread("snacks and drinks for 25 people, keep the total under $200").is_empty());
    assert!(unread("snacks and drinks, keep the total below $49.99").is_empty());
    assert!(unread("10 usb-c hubs, keep the price under $30").is_empty());
}

#[test]
fn pads_are_what_sticky_notes_are_counted_in() {
    // "10 pads of sticky notes" were the category's estimate, 50 (three 24-pad packs).
    for p in ["10 pads of sticky notes", "sticky notes, 10 pads", "sticky notes 10 pads"] {
        assert_eq!(q(p), iq(&[("sticky notes", 10)]), "{p}");
        assert!(unread(p).is_empty(), "{p}");
    }
    assert_eq!(q("2 easel pads"), iq(&[("easel pads", 2)]));
}

#[test]
fn how_to_rank_is_no_word_of_the_item() {
    // "cheapest hdmi cables" was the item, with "cheapest" a word to match.
    assert_eq!(items("cheapest hdmi cables, 20 of them"), ["hdmi cables"]);
    assert_eq!(items("buy the cheapest 50 pens"), ["pens"]);
}

#[test]
fn equipment_for_counted_devices_is_one_each() {
    // "usb-c hubs for 10 laptops" were the category's estimate, 5: the catalog sells no laptops,
    // so "for 10 laptops" was read as nothing.
    assert_eq!(q("usb-c hubs for 10 laptops"), iq(&[("usb-c hubs", 10)]));
    assert_eq!(q("webcams for 5 computers"), iq(&[("webcams", 5)]));
    // A count said stands; what is eaten is not counted by devices.
    assert_eq!(q("2 usb-c hubs for 10 laptops"), iq(&[("usb-c hubs", 2)]));
    assert_eq!(q("snacks for 10 laptops"), iq(&[("snacks", 50)]));
}

#[test]
fn a_count_of_an_item_and_its_packs_counts_packs() {
    // "5 expo marker packs" bought one pack of 12: the count was read as markers.
    let packs = |p: &str| read_plan(p).needs.into_iter().map(|n| (n.item, n.quantity, n.packs)).collect::<Vec<_>>();
    assert_eq!(packs("5 expo marker packs"), [("expo marker".to_owned(), 5, Some(5))]);
    // Not cases of one thing: "10 pen cases" are pencil cases.
    assert_eq!(packs("10 pen cases"), [("pen".to_owned(), 10, None)]);
    // Of what is eaten or drunk, a pack is a serving.
    assert_eq!(q("24 snack packs"), iq(&[("snack packs", 24)]));
    assert_eq!(q("6 juice packs"), iq(&[("juice packs", 6)]));
}

#[test]
fn a_count_said_as_retail_titles_say_it_counts_things() {
    // "Name Tag Labels, 100 Count" planned 1 name tag and reported "100 count" unread; "napkins
    // 250 count" the category's estimate; "100 count name badges" read "count name badges".
    assert_eq!(q("Name Tag Labels, 100 Count"), iq(&[("name tag labels", 100)]));
    assert_eq!(q("napkins 250 count"), iq(&[("napkins", 250)]));
    assert_eq!(q("100 count name badges"), iq(&[("name badges", 100)]));
    assert_eq!(q("10 pcs hdmi cables"), iq(&[("hdmi cables", 10)]));
    assert_eq!(q("sharpies (12 ct)"), iq(&[("sharpies", 12)]));
    assert!(unread("Name Tag Labels, 100 Count").is_empty());
}

#[test]
fn a_count_each_said_of_people_is_theirs() {
    // "2 each" after the people, or of one item, was that item's whole count: 2 energy drinks
    // for 15 hackers.
    let drinks = iq(&[("energy drinks", 30)]);
    assert_eq!(q("energy drinks, 2 each, 15 hackers"), drinks);
    assert_eq!(q("energy drinks for 15 people, 2 each"), drinks);
    assert_eq!(q("15 hackers: energy drinks, 2 each"), drinks);
    assert_eq!(q("energy drinks 2 each for 15 hackers"), drinks);
    assert_eq!(q("snacks and drinks for 30 people, 2 each"), iq(&[("snacks", 60), ("drinks", 60)]));
    assert_eq!(q("water, 2 bottles each, for 40 people"), iq(&[("water", 80)]));
    assert_eq!(q("water, 2 bottles each for 40 people"), iq(&[("water", 80)]));
    // "2 per person" after a head count is no more people (17 people's estimate: 51).
    assert_eq!(q("energy drinks for 15 people, 2 per person"), drinks);
    assert_eq!(q("water for 20 people, 3 bottles per person"), iq(&[("water", 60)]));
    // A count times the people is a count each.
    assert_eq!(q("6 energy drinks x 4 people"), iq(&[("energy drinks", 24)]));
    assert_eq!(q("2 hoodies x 10 hackers"), iq(&[("hoodies", 20)]));
    // ... and the people times a count, before the item ("4 people x 6" was 6).
    assert_eq!(q("4 people x 6 energy drinks"), iq(&[("energy drinks", 24)]));
    assert_eq!(q("10 hackers x 2 energy drinks, 5 hoodies"), iq(&[("energy drinks", 20), ("hoodies", 5)]));
    assert_eq!(q("5 x 6 energy drinks"), iq(&[("energy drinks", 6)]));
    // Times the things it is for: they count it, and are not bought.
    assert_eq!(q("3 monitors x 4 desks"), iq(&[("monitors", 12)]));
    assert_eq!(q("2 power strips x 5 rooms"), iq(&[("power strips", 10)]));
    assert!(unread("2 power strips x 5 rooms").is_empty());
    // One of each, each: "1 pen each" was one pen for each notebook.
    assert_eq!(q("20 attendees: 1 notebook and 1 pen each"), iq(&[("notebook", 20), ("pen", 20)]));
    assert_eq!(q("5 tables, 1 tablecloth each"), iq(&[("tables", 5), ("tablecloth", 5)]));
    // Said after the items, before the people.
    assert_eq!(q("notebooks and pens, 1 each, for 20 attendees"), iq(&[("notebooks", 20), ("pens", 20)]));
    assert_eq!(q("snacks and drinks, 2 each, for 25 people"), iq(&[("snacks", 50), ("drinks", 50)]));
    assert!(unread("6 energy drinks x 4 people").is_empty());
    // Still a count of every item of a list, or of one item for no one counted.
    assert_eq!(q("hoodies and caps, 25 each"), iq(&[("hoodies", 25), ("caps", 25)]));
    assert_eq!(q("hoodies and caps for the team, 25 each"), iq(&[("hoodies", 25), ("caps", 25)]));
    assert_eq!(q("energy drinks, 2 each"), iq(&[("energy drinks", 2)]));
    assert_eq!(q("24 energy drinks x 2"), iq(&[("energy drinks", 48)]));
    // As many each as there are people or more is a count of each item.
    let kit = iq(&[("t-shirts", 20), ("hoodies", 20)]);
    assert_eq!(q("t-shirts and hoodies for the 20 volunteers, 20 each"), kit);
    assert_eq!(q("t-shirts and hoodies, 20 each, for 20 volunteers"), kit);
    // And more people said after a head count still count.
    assert_eq!(q("snacks for 40 attendees, 10 staff"), q("snacks for 50 attendees"));
}

#[test]
fn people_who_need_a_thing_get_one_each() {
    // The people were the whole request's head count, which counts prizes by their estimate: 1.
    assert_eq!(q("8 people need headphones"), iq(&[("headphones", 8)]));
    assert_eq!(q("our 12 new hires each need a webcam"), iq(&[("webcam", 12)]));
    assert_eq!(q("headphones for the support team (8 people)"), iq(&[("headphones", 8)]));
    assert_eq!(q("snacks for the sales team (12)"), q("snacks for 12 people"));
    // What is used up keeps its rate a head.
    assert_eq!(q("30 people need snacks"), q("snacks for 30 people"));
    // The whole request's head count still counts prizes by their estimate.
    assert_eq!(q("hackathon for 40, prizes: headphones"), iq(&[("headphones", 1)]));
}

#[test]
fn a_count_each_of_colours_or_sizes_is_one_of_each() {
    // Only the first colour or size was bought: 15 black hoodies, 10 small t-shirts.
    let each = |p: &str| read_plan(p).needs.into_iter().map(|n| (n.item, n.attributes, n.quantity)).collect::<Vec<_>>();
    let hoodie = |colour: &str| ("hoodies".to_owned(), vec![colour.to_owned()], 15);
    let colours = |p: &str| read_plan(p).needs.into_iter().flat_map(|n| n.attributes).collect::<Vec<_>>();
    assert_eq!(each("hoodies in black and navy, 15 each"), [hoodie("black"), hoodie("navy")]);
    assert_eq!(each("black and navy hoodies, 15 each"), [hoodie("black"), hoodie("navy")]);
    assert_eq!(each("hoodies in black and navy, 15 of each"), [hoodie("black"), hoodie("navy")]);
    let shirt = |size: &str| ("t-shirts".to_owned(), vec![size.to_owned()], 10);
    assert_eq!(each("t-shirts in S, M and L, 10 each"), [shirt("s"), shirt("m"), shirt("l")]);
    assert_eq!(q("t-shirts in S, M, L and XL, 5 of each"), iq(&[("t-shirts", 5), ("t-shirts", 5), ("t-shirts", 5), ("t-shirts", 5)]));
    // A count in all is shared by the colours ("20 hoodies in black and navy" were 20 black ones,
    // navy unread); without a count, they share the head count.
    assert_eq!(
        each("20 hoodies in black and navy"),
        [("hoodies".into(), vec!["black".into()], 10), ("hoodies".into(), vec!["navy".into()], 10)]
    );
    assert_eq!(q("21 t-shirts in M and L"), iq(&[("t-shirts", 11), ("t-shirts", 10)]));
    assert_eq!(colours("hoodies in black and navy for 20 people"), ["black", "navy"]);
    assert_eq!(q("t-shirts in M and L for 40 people"), iq(&[("t-shirts", 20), ("t-shirts", 20)]));
    // "a hoodie in black and navy" is one hoodie, whichever colour.
    assert_eq!(q("a hoodie in black or navy"), iq(&[("hoodie", 1)]));
    assert_eq!(q("lanyards in red and blue, 50 of each"), iq(&[("lanyards", 50), ("lanyards", 50)]));
    assert_eq!(colours("red, white, and blue lanyards, 50 each"), ["red", "white", "blue"]);
    // A colour of another item is that item's.
    assert_eq!(each("black hoodies and navy caps, 15 each").len(), 2);
    // Listed on their own after a comma ("100 t-shirts, L and XL" read no size at all, "sizes" was
    // reported unread).
    assert_eq!(
        each("40 hoodies, black and navy"),
        each("20 hoodies in black and navy").into_iter().map(|(i, a, n)| (i, a, n * 2)).collect::<Vec<_>>()
    );
    for p in ["100 t-shirts, L and XL", "100 t-shirts, sizes L and XL", "100 t-shirts, mostly L and XL"] {
        assert_eq!(each(p), [("t-shirts".into(), vec!["l".into()], 50), ("t-shirts".into(), vec!["xl".into()], 50)], "{p}");
        assert!(unread(p).is_empty(), "{p}");
    }
    // (Not when the list goes on: "blue or black is fine" is a choice.)
    assert_eq!(q("50 lanyards, blue or black is fine"), iq(&[("lanyards", 50)]));
}

#[test]
fn spares_said_after_a_count_are_bought_too() {
    // "plus 10 extra" was read as nothing at all, and "10 spares" reported unread.
    assert_eq!(q("100 lanyards plus 10 extra"), iq(&[("lanyards", 110)]));
    assert_eq!(q("100 lanyards + 10 spares"), iq(&[("lanyards", 110)]));
    assert_eq!(q("60 chairs, and 5 spares"), iq(&[("chairs", 65)]));
    assert_eq!(q("lanyards for 80 attendees plus 10 extra"), iq(&[("lanyards", 90)]));
    assert_eq!(q("100 name badges, 100 lanyards, 10 extra of each"), iq(&[("name badges", 110), ("lanyards", 110)]));
    assert_eq!(q("lanyards for 80 attendees, plus 10% extra"), iq(&[("lanyards", 88)]));
    assert_eq!(q("snacks for 40 people plus 10%"), iq(&[("snacks", 132)]));
    for p in ["100 lanyards + 10 spares", "60 chairs, and 5 spares", "lanyards for 80 attendees, plus 10% extra"] {
        assert!(unread(p).is_empty(), "{p}");
    }
    // Spares beyond any count are out of range, not a panic; a share over 100% is no spares.
    let catalog = crate::catalog::EmbeddedCatalog::data();
    let huge = Intent::new("100 lanyards plus 18446744073709551615 extra", Amount::whole(500), 7, Strategy::Balanced).unwrap();
    let err = OfflineParser.parse_sync(&huge, catalog.vocabulary()).unwrap_err();
    assert!(matches!(err, crate::intent::ParseError::QuantityOutOfRange { .. }), "{err}");
    assert_eq!(q("100 lanyards plus 1000% extra"), iq(&[("lanyards", 100)]));
    // More of a thing, a size, and spare things are no spares of the item before.
    assert_eq!(q("order 5 more monitors"), iq(&[("monitors", 5)]));
    assert_eq!(q("t-shirts, 5 extra large"), iq(&[("t-shirts", 5)]));
    assert_eq!(q("10 hdmi cables and 5 more usb-c hubs"), iq(&[("hdmi cables", 10), ("usb-c hubs", 5)]));
}

#[test]
fn half_of_one_and_half_of_another_are_two_parts() {
    // "half black half grey" was reported unread, and all 40 hoodies bought in any colour.
    let each = |p: &str| read_plan(p).needs.into_iter().map(|n| (n.attributes, n.quantity)).collect::<Vec<_>>();
    let part = |a: &str, n: u32| (vec![a.to_owned()], n);
    assert_eq!(each("get 40 hoodies, half black half grey"), [part("black", 20), part("grey", 20)]);
    assert_eq!(each("25 t-shirts, half M and half L"), [part("m", 13), part("l", 12)]);
    assert!(unread("get 40 hoodies, half black half grey").is_empty());
    // Half of a thing alone is no part.
    assert_eq!(q("40 hoodies, half price"), iq(&[("hoodies", 40)]));
}

#[test]
fn a_thing_said_with_a_counted_thing_is_one_for_each() {
    // "100 lanyards with badge holders" planned 50 badge holders (the category's default), and
    // "three 4K monitors with DisplayPort cables" ten cables.
    assert_eq!(q("100 lanyards with badge holders"), iq(&[("lanyards", 100), ("badge holders", 100)]));
    assert_eq!(q("I need 100 lanyards, blue, with badge holders"), iq(&[("lanyards", 100), ("badge holders", 100)]));
    assert_eq!(q("100 lanyards with a badge holder"), iq(&[("lanyards", 100), ("badge holder", 100)]));
    assert_eq!(q("three 4K monitors with DisplayPort cables"), iq(&[("monitors", 3), ("displayport cables", 3)]));
    assert_eq!(q("10 projectors with screens"), iq(&[("projectors", 10), ("projector screens", 10)]));
    let estimated = |p: &str| read_plan(p).needs.iter().map(|n| n.estimated).collect::<Vec<_>>();
    assert_eq!(estimated("20 monitors with hdmi cables"), [false, false]);
    // A count of packages is no count of things ("2 cases of water with cups"), what is eaten or
    // drunk keeps its own count, and a thing's own count stands.
    assert_eq!(q("2 cases of water with cups"), iq(&[("water", 2), ("cups", 100)]));
    let chips = read_plan("24 energy drinks with chips").needs.into_iter().find(|n| n.item == "chips").unwrap();
    assert!(chips.quantity != 24 && chips.estimated, "{chips:?}");
    assert_eq!(q("100 lanyards with 80 badge holders"), iq(&[("lanyards", 100), ("badge holders", 80)]));
}

#[test]
fn kinds_said_together_are_each_bought_and_share_a_head_count() {
    // "hdmi and ethernet cables" bought only ethernet cables; "sweet and salty snacks" only sweet
    // ones; "black and white t-shirts for 40 people" 40 white t-shirts.
    assert_eq!(items("hdmi and ethernet cables"), ["hdmi cables", "ethernet cables"]);
    assert!(unread("hdmi, usb-c and ethernet cables").is_empty());
    assert_eq!(attrs("red and blue pens"), [ia("pens", &["red"]), ia("pens", &["blue"])]);
    // Kinds of one thing for one crowd share it: 40 shirts, not 80; 3 snacks a head, not 6.
    assert_eq!(q("black and white t-shirts for 40 people"), iq(&[("t-shirts", 20), ("t-shirts", 20)]));
    assert_eq!(q("sweet and salty snacks for 40 people"), iq(&[("sweet snacks", 60), ("salty snacks", 60)]));
    // A sum for the thing is no kind of it: headphones for 8 are 8.
    assert_eq!(q("headphones for 8 people, $400 for headphones"), iq(&[("headphones", 8)]));
    assert_eq!(q("t-shirts and hoodies for 40 people"), iq(&[("t-shirts", 40), ("hoodies", 40)]));
    // What they are for is each kind's: four rooms, four of each (the HDMI ones were 5, a default).
    assert_eq!(q("hdmi and usb-c adapters for the 4 conference rooms"), iq(&[("hdmi adapters", 4), ("usb-c adapters", 4)]));
}

#[test]
fn gifts_are_prizes_one_each_of_the_people_they_are_for() {
    // "gifts for 5 speakers" knew no item at all; "prizes for 5 winners" bought the 3 a crowd
    // gets; "prizes: 4 hoodies" bought 3 gift cards besides the hoodies.
    assert_eq!(q("gifts for 5 speakers"), iq(&[("gifts", 5)]));
    assert_eq!(q("a gift for each of the 5 speakers"), iq(&[("gift", 5)]));
    assert_eq!(q("prizes for 5 winners"), iq(&[("prizes", 5)]));
    assert_eq!(q("prizes: 4 hoodies"), iq(&[("hoodies", 4)]));
    assert_eq!(q("gifts: 2 hoodies, a mug"), iq(&[("hoodies", 2), ("mug", 1)]));
    // A crowd gets a few; what holds or wraps a gift is no gift; a heading whose count follows
    // its colon heads nothing.
    assert_eq!(q("prizes for 60 attendees"), iq(&[("prizes", 3)]));
    for prompt in ["gift bags for 20 guests", "gift wrapping", "a prize wheel"] {
        let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
        assert!(OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).is_err(), "{prompt}");
    }
    assert_eq!(q("energy drinks: 24, badges: 50"), iq(&[("energy drinks", 24), ("badges", 50)]));
}
