//! What a request says around its items: headings, purposes, rates, an item named twice with
//! "a", a measure after the item, loudspeakers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::refusals::{excluded as excluded_items, ruled_out as ruled_out_items};
use super::*;

#[test]
fn a_heading_is_no_need_of_its_own() {
    assert_eq!(q("Drinks: 24 energy drinks"), iq(&[("energy drinks", 24)]));
    assert_eq!(q("Drinks:\n24 energy drinks\nwater"), iq(&[("energy drinks", 24), ("water", 48)]));
    assert_eq!(q("Snacks: chips and pretzels"), iq(&[("chips", 50), ("pretzels", 50)]));
    // The heading's head count still counts the items under it: three drinks a person, shared.
    assert_eq!(q("drinks for 40 people: coffee and water"), iq(&[("coffee", 60), ("water", 60)]));
    // In a list, or with "plus", the category is asked for too.
    assert_eq!(q("snacks and chips"), iq(&[("snacks", 50), ("chips", 50)]));
    assert_eq!(items("team of 30: swag, stickers, lanyards"), ["swag", "stickers", "lanyards"]);
    assert_eq!(q("hackathon kit: snacks, 24 energy drinks, badges"), iq(&[("snacks", 50), ("energy drinks", 24), ("badges", 50)]));
    assert_eq!(items("swag for 200 attendees, plus tote bags"), ["swag", "tote bags"]);
    // A heading of two categories, and one that names the very item the next line is a kind of.
    assert_eq!(q("Food & drink: 24 cans of coffee"), iq(&[("coffee", 24)]));
    assert_eq!(q("Chairs: 48 folding chairs"), iq(&[("folding chairs", 48)]));
    // Only what opens the sentence is a heading of several: the rest of a list is asked for.
    assert_eq!(items("We need badges, lanyards and snacks: chips and cookies"), ["badges", "lanyards", "chips", "cookies"]);
    assert_eq!(items("swag, drinks: 24 sodas"), ["swag", "sodas"]);
    assert_eq!(items("Badges: lanyards, badge holders"), ["badges", "lanyards", "badge holders"]);
    // The category with what it is for heads a list too: "raffle prizes" bought 3 more gift cards.
    assert_eq!(q("raffle prizes: 3 gift cards, a drone"), iq(&[("gift cards", 3), ("drone", 1)]));
    assert_eq!(items("healthy snacks: chips, granola bars"), ["chips", "granola bars"]);
    assert_eq!(items("team swag: hoodies, stickers"), ["hoodies", "stickers"]);
    // Alone on its line, before a list ("Food & drinks" bought 45 snacks and 23 drinks besides);
    // a line of each category is a list of them.
    assert_eq!(items("Food & drinks\n* granola bars x 2 boxes\n* coffee\nTech\n* power strip"), ["granola bars", "coffee", "power strip"]);
    assert_eq!(items("Prizes\n- 1 iPad\n- 2 AirPods"), ["ipad", "airpods"]);
    assert_eq!(items("Drinks\n24 energy drinks"), ["energy drinks"]);
    assert_eq!(items("snacks\ndrinks\nbadges"), ["snacks", "drinks", "badges"]);
    assert_eq!(items("badges\nbadge holders"), ["badges", "badge holders"]);
    assert_eq!(items("water\n24 energy drinks"), ["water", "energy drinks"]);
    // What several things of its category under it make: "wifi" bought an unmet mesh system too.
    assert_eq!(items("wifi for a 200 person conference: access points, a poe switch"), ["access points", "poe switch"]);
    assert_eq!(items("Wi-Fi: 3 access points and a router"), ["access points", "router"]);
    assert_eq!(items("a projector: a screen and a presentation remote"), ["projector", "screen", "presentation remote"]);
    // Not a brand's item: "red bull drinks: 24 cans" are the cans' drinks.
    assert_eq!(q("red bull drinks: 24 cans"), iq(&[("red bull drinks", 24)]));
}

#[test]
fn what_follows_like_is_an_example_not_another_item() {
    // "20 energy drinks like Red Bull" bought 20 energy drinks and 48 Red Bull; "10 headphones like
    // AirPods" a pair of AirPods besides.
    let read = |prompt: &str| plan(prompt).needs.into_iter().map(|n| (n.item, n.quantity, n.attributes)).collect::<Vec<_>>();
    assert_eq!(read("10 headphones like AirPods"), [("headphones".to_owned(), 10, vec!["airpods".to_owned()])]);
    // A category like its kinds asks for the kinds.
    assert_eq!(items("snacks like chips and cookies"), ["chips", "cookies"]);
    // Things of other categories after "like" are their own.
    assert_eq!(items("10 badges like lanyards"), ["badges", "lanyards"]);
}

#[test]
fn what_an_item_is_for_is_not_bought_and_counts_it() {
    // One each, and nothing rented for the tables or desks the items are for.
    assert_eq!(q("tablecloths for 10 tables"), iq(&[("tablecloths", 10)]));
    assert_eq!(q("ethernet cables for 12 desks"), iq(&[("ethernet cables", 12)]));
    // Counted places get one each too ("HDMI cables for the 6 conference rooms" bought 10).
    assert_eq!(q("HDMI cables for the 6 conference rooms"), iq(&[("hdmi cables", 6)]));
    assert_eq!(q("presentation remotes for 4 rooms and 2 projectors"), iq(&[("presentation remotes", 4), ("projectors", 2)]));
    assert_eq!(q("3 monitors for 2 booths"), iq(&[("monitors", 3)]));
    assert_eq!(q("5 bluetooth speakers for the prize table"), iq(&[("bluetooth speakers", 5)]));
    assert_eq!(items("snack bowls for the reception desk"), ["snack bowls"]);
    // A desk or table a station word makes a place is no thing to buy: no standing desk for
    // "tissues", which is listed as not planned rather than lost.
    let p = plan("hand sanitizer and tissues for the front desk");
    assert_eq!(p.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["hand sanitizer"]);
    assert!(p.dropped.iter().any(|d| d.item == "tissues"), "{:?}", p.dropped);
    let intent = Intent::new("tissues for the front desk", Amount::whole(100), 3, Strategy::Balanced).unwrap();
    assert!(matches!(OfflineParser.parse_sync(&intent, &Vocabulary::embedded()), Err(ParseError::NothingRecognized { .. })));
    // What a request asks prices or quotes for is bought; a coffee table is a table.
    assert_eq!(items("order for the party snacks"), ["snacks"]);
    assert_eq!(q("get quotes for 10 banquet tables and 80 chairs"), iq(&[("banquet tables", 10), ("chairs", 80)]));
    assert_eq!(items("registration table for the front desk"), ["registration table"]);
    // A rate times what it is per.
    assert_eq!(q("3 monitors per desk for 4 desks"), iq(&[("monitors", 12)]));
    assert_eq!(q("2 water bottles per person for 30 people"), iq(&[("water bottles", 60)]));
    // A head count is still a head count, and an item that opens the request is bought.
    assert_eq!(q("lanyards for 40 people"), iq(&[("lanyards", 40)]));
    assert_eq!(items("cables for the projector, and a projector"), ["cables", "projector"]);
}

#[test]
fn an_item_named_twice_with_a_is_one() {
    assert_eq!(q("we don't have a projector, so we need a projector and a screen"), iq(&[("projector", 1), ("projector screen", 1)]));
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
    // "long" before the length ("HDMI cable (long, 25ft)" bought 3 ft cables).
    assert_eq!(attrs("HDMI cable (long, 25ft)"), [ia("hdmi cable", &["25ft"])]);
    assert!(unread("HDMI cable (long, 25ft)").is_empty());
    // "which ones" after a comma: 4 three-foot cables were bought for "the 10 ft ones".
    assert_eq!(attrs("order 4 more hdmi cables, the 10 ft ones"), [ia("hdmi cables", &["10ft"])]);
    assert_eq!(attrs("hoodies for 10 people, the black ones"), [ia("hoodies", &["black"])]);
    assert_eq!(attrs("a monitor, the 4k one"), [ia("monitor", &["4k"])]);
    assert!(unread("order 4 more hdmi cables, the 10 ft ones").is_empty());
}

#[test]
fn speakers_are_loudspeakers_unless_they_are_people() {
    assert_eq!(q("panel AV: 4 microphones, 2 speakers and a mixer"), iq(&[("microphones", 4), ("speakers", 2), ("mixer", 1)]));
    assert_eq!(plan("lanyards for our 12 speakers").headcount, Some(12));
    // People an item is for are not bought: "snacks for the speakers" bought two PA speakers.
    assert_eq!(q("snacks for the speakers"), iq(&[("snacks", 50)]));
    assert_eq!(q("24 water bottles for our keynote speakers, 10 hdmi cables"), iq(&[("water bottles", 24), ("hdmi cables", 10)]));
    assert_eq!(q("cables for the speakers and a mixer"), iq(&[("cables", 10), ("mixer", 1)]));
    // Fed, they are people all through: their count is a head count ("6 speakers" bought 6 PA
    // speakers, left unmet, and estimated the snacks for 50).
    assert_eq!(q("snacks for the speakers, 6 speakers"), q("snacks for 6 people"));
    assert_eq!(q("coffee for our speakers. 4 speakers."), q("coffee for 4 people"));
    // Things for the speakers leave them loudspeakers.
    assert_eq!(q("2 speaker stands for the speakers, 2 speakers"), iq(&[("speaker stands", 2), ("speakers", 2)]));
    // Set up somewhere, they are loudspeakers in the same prompt.
    assert_eq!(q("drinks for the speakers plus 2 speakers for the stage"), iq(&[("drinks", 48), ("speakers", 2)]));
    assert!(
        q("prizes for our keynote speakers").iter().all(|(item, _)| !item.contains("speakers")),
        "{:?}",
        q("prizes for our keynote speakers")
    );
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

#[test]
fn corrections_replace_what_they_correct() {
    assert_eq!(q("10 hdmi cables. Actually, make that 15."), iq(&[("hdmi cables", 15)]));
    assert_eq!(q("20 lanyards - sorry, 40 lanyards"), iq(&[("lanyards", 40)]));
    assert_eq!(q("Need lanyards for 25 people. Actually make it 30."), iq(&[("lanyards", 30)]));
    assert_eq!(q("snacks for 60 people. Actually make it 40 people."), iq(&[("snacks", 120)]));
    assert_eq!(excluded_items("Get 30 hoodies. Scratch the hoodies, 40 t-shirts instead."), ["hoodies"]);
    assert_eq!(q("Get 30 hoodies. Scratch the hoodies, 40 t-shirts instead."), iq(&[("t-shirts", 40)]));
    // Without a correction, two counts of one item add up.
    assert_eq!(q("20 lanyards for staff and 40 lanyards for guests"), iq(&[("lanyards", 60)]));
}

#[test]
fn cancellations_rates_and_head_counts_in_passing() {
    assert_eq!(q("snacks and drinks for 30, remove the drinks"), iq(&[("snacks", 90)]));
    assert_eq!(q("snacks and drinks for 30 (badges are covered)"), iq(&[("snacks", 90), ("drinks", 90)]));
    assert_eq!(q("3 drinks each for 40 people"), iq(&[("drinks", 120)]));
    // A rate per person ending a list of small counts is each one's: it bought 1 notebook.
    assert_eq!(q("35 attendees. Need 1 notebook and 1 pen per attendee."), iq(&[("notebook", 35), ("pen", 35)]));
    assert_eq!(q("a notebook and a pen per person for 20 people"), iq(&[("notebook", 20), ("pen", 20)]));
    assert_eq!(q("for 30 people: 50 chairs and 2 water bottles per person"), iq(&[("chairs", 50), ("water bottles", 60)]));
    assert_eq!(
        q("Workshop for 20 people: a projector, a whiteboard, and 1 notebook per person"),
        iq(&[("projector", 1), ("whiteboard", 1), ("notebook", 20)])
    );
    assert_eq!(q("one power strip per table, 12 tables"), iq(&[("power strip", 12)]));
    // The tables were dropped: named before the rate, they are bought too.
    assert_eq!(q("10 tables and 2 stools per table"), iq(&[("tables", 10), ("stools", 20)]));
    assert_eq!(q("8 desks, 2 monitors per desk"), iq(&[("desks", 8), ("monitors", 16)]));
    // Eight chairs: "per table" is per round table too.
    assert_eq!(q("6 round tables with 8 chairs per table"), iq(&[("round tables", 6), ("chairs", 48)]));
    assert_eq!(q("AV setup for 10 tables: one mic per table, plus a mixer"), iq(&[("mic", 10), ("mixer", 1)]));
    assert_eq!(q("2 tablecloths for 6ft tables"), iq(&[("tablecloths", 2)]));
    assert_eq!(q("snacks for 30 and drinks"), iq(&[("snacks", 90), ("drinks", 90)]));
    assert_eq!(q("snacks for 30 by friday"), iq(&[("snacks", 90)]));
    assert_eq!(q("drinks for 16 gamers"), iq(&[("drinks", 48)]));
    assert_eq!(q("water for 300 spectators"), iq(&[("water", 900)]));
    assert_eq!(q("snacks for 20 - thanks"), iq(&[("snacks", 60)]));
    assert_eq!(ruled_out_items("snacks for 20 without peanuts"), [("snacks".to_owned(), vec!["peanuts".to_owned()])]);
    // After whom or what it is for, what it must be free of is still the item's: "nut-free
    // please" and "no peanuts" were dropped without a word.
    for prompt in ["snacks for 20 people, no peanuts", "snacks for the office, no peanuts", "snacks for the office without peanuts"] {
        assert_eq!(ruled_out_items(prompt), [("snacks".to_owned(), vec!["peanuts".to_owned()])], "{prompt}");
    }
    for (prompt, item, attribute) in [
        ("snacks for 20 people, nut-free please", "snacks", "nut-free"),
        ("snacks for the kids, gluten free", "snacks", "gluten-free"),
        ("30 badges for the office, blue", "badges", "blue"),
        ("lanyards for the speakers, navy", "lanyards", "navy"),
    ] {
        assert_eq!(attrs(prompt), [ia(item, &[attribute])], "{prompt}");
    }
    // A refusal there is another item's, and a phrase that names an item is one.
    assert_eq!(excluded_items("snacks for the office, no drinks"), ["drinks"]);
    assert_eq!(q("snacks for the team, and 24 energy drinks"), iq(&[("snacks", 50), ("energy drinks", 24)]));
}

#[test]
fn numbers_in_words_and_marks() {
    assert_eq!(q("two hundred fifty name tags"), iq(&[("name tags", 250)]));
    assert_eq!(q("a hundred and fifty stickers"), iq(&[("stickers", 150)]));
    assert_eq!(q("1.5k stickers"), iq(&[("stickers", 1500)]));
    assert_eq!(q("usb-c hub x2"), iq(&[("usb-c hub", 2)]));
    assert_eq!(q("usb-c hubs (x3)"), iq(&[("usb-c hubs", 3)]));
    // Ranks are not counts.
    assert!(q("prizes: 1st place a Nintendo Switch, 2nd place a Kindle").iter().all(|(_, n)| *n == 1));
}

#[test]
fn third_probe_cases_read_as_meant() {
    for (prompt, wanted) in [
        // A marker that corrects nothing, or adds, leaves counts alone.
        (
            "We can't wait for the hackathon! Snacks and drinks for 80 hackers, and t-shirts for 8 volunteers.",
            vec![("snacks", 240), ("drinks", 240), ("t-shirts", 8)],
        ),
        ("Snacks and drinks for our 100 attendees. Sorry for the late notice!", vec![("snacks", 300), ("drinks", 300)]),
        ("24 energy drinks; actually, 24 more energy drinks for day 2", vec![("energy drinks", 48)]),
        // "each" after a counted item is per that item; a rate per a thing no one counted stays.
        ("Dinner for 40 people: 5 tables, 8 chairs each", vec![("tables", 5), ("chairs", 40)]),
        ("24 energy drinks per day for a team of 12", vec![("energy drinks", 24)]),
        // What is at hand, then what is lacking.
        ("We have snacks but no drinks for 30 people", vec![("drinks", 90)]),
        // Things, and deliveries, that look like refusals.
        // ("drop" stays a word of the item's name, which only ranks.)
        ("Please drop snacks and drinks for 30 people at the office", vec![("drop snacks", 90), ("drinks", 90)]),
        ("10 ethernet drop cables", vec![("ethernet drop cables", 10)]),
        // A number word after digits is its own number.
        ("40 six packs of soda", vec![("soda", 240)]),
        ("Snacks for 200 and twenty energy drinks", vec![("snacks", 600), ("energy drinks", 20)]),
        // "make it 2" after a deadline corrects the deadline, not an item.
        ("Snacks for 40 people and drinks. Deliver in 3 days, or make it 2.", vec![("snacks", 120), ("drinks", 120)]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
    }
    // "no X with Y": X without Y.
    assert_eq!(ruled_out_items("Snacks for 30 people. No snacks with nuts please."), [("snacks".to_owned(), vec!["nuts".to_owned()])]);
    // What is at hand rules nothing out of what is asked.
    assert_eq!(ruled_out_items("We have a mixer and mics, need 2 wireless microphones"), [("wireless microphones".to_owned(), vec![])]);
}

#[test]
fn chatty_requests_read_as_meant() {
    for (prompt, wanted) in [
        // Hedges are not refusals.
        ("I don't know how many lanyards we need, maybe 40?", vec![("lanyards", 40)]),
        ("No idea which HDMI cables are best, just get 10.", vec![("hdmi cables", 10)]),
        ("lanyards, not sure how many, maybe 40", vec![("lanyards", 40)]),
        ("energy drinks, 24 please", vec![("energy drinks", 24)]),
        ("No worries if LaCroix is out, 24 cans of LaCroix", vec![("lacroix", 24)]),
        // Adding after a marker adds; "I meant" corrects.
        ("10 hdmi cables for the main room. Sorry, forgot: 5 hdmi cables for the breakout room", vec![("hdmi cables", 15)]),
        ("30 t-shirts for staff. Oh wait, 20 t-shirts for volunteers too.", vec![("t-shirts", 50)]),
        ("20 lanyards. Sorry, I meant 30.", vec![("lanyards", 30)]),
        ("20 lanyards, sorry 30", vec![("lanyards", 30)]),
        // Named again without a count.
        ("We can't wait to get the hoodies! 30 navy hoodies please.", vec![("hoodies", 30)]),
        // What it is for, and for each thing.
        ("We need extension cords for the projector and the speakers", vec![("extension cords", 6)]),
        ("Each of our 8 desks needs an HDMI cable and a power strip", vec![("hdmi cable", 8), ("power strip", 8)]),
        ("For each of the 8 desks: one HDMI cable and one power strip", vec![("hdmi cable", 8), ("power strip", 8)]),
        ("2 office chairs", vec![("chairs", 2)]),
        // A dislike, and a preference.
        ("We're not big fans of Red Bull, so 24 energy drinks please", vec![("energy drinks", 24)]),
        ("We'd rather have 24 LaCroix than soda", vec![("lacroix", 24)]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
    }
    assert_eq!(ruled_out_items("No snacks with nuts please, 30 people"), [("snacks".to_owned(), vec!["nuts".to_owned()])]);
    assert_eq!(q("No snacks with nuts please, 30 people"), iq(&[("snacks", 90)]));
    assert_eq!(ruled_out_items("We're not big fans of Red Bull, so 24 energy drinks please")[0].1, ["red bull"]);
}

#[test]
fn each_after_a_list_and_a_kind_after_its_category() {
    assert_eq!(
        q("For 12 new hires: a backpack, a water bottle and a hoodie each"),
        iq(&[("backpack", 12), ("water bottle", 12), ("hoodie", 12)])
    );
    assert_eq!(q("haven't ordered badges yet so 80 name badges please"), iq(&[("name badges", 80)]));
    // A generic request beside a kind of another category stands.
    assert_eq!(q("snacks and 24 granola bars"), iq(&[("snacks", 50), ("granola bars", 24)]));
}

#[test]
fn a_count_reads_past_the_words_that_describe_the_item_before_its_occasion() {
    // "2 ergonomic office chairs" bought the default 20 chairs: the count stood two words away.
    assert_eq!(q("2 ergonomic office chairs and a standing desk"), iq(&[("chairs", 2), ("standing desk", 1)]));
    assert_eq!(q("3 blue office chairs"), iq(&[("chairs", 3)]));
    assert_eq!(q("2 office chairs"), iq(&[("chairs", 2)]));
    // A time is not a description: the count is not read past it.
    assert!(q("ship in 2 days office chairs").iter().all(|(_, n)| *n != 2), "{:?}", q("ship in 2 days office chairs"));
}

#[test]
fn what_an_item_is_free_of_may_follow_it() {
    // "48 cans of red bull sugar free" bought regular Red Bull: the words after it were unread.
    for (prompt, free) in [("48 cans of red bull sugar free", "sugar-free"), ("snacks gluten free for 20", "gluten-free")] {
        let read = attrs(prompt);
        assert!(read.first().is_some_and(|(_, a)| a.iter().any(|x| x == free)), "{prompt}: {read:?}");
    }
}

#[test]
fn a_size_is_no_count_and_a_count_may_come_before_the_size() {
    // "20 2XL t-shirts" bought 2 shirts; "hoodies x10 size XL" the default 50 hoodies.
    assert_eq!(q("20 2XL t-shirts"), iq(&[("t-shirts", 20)]));
    assert_eq!(q("20 3xl hoodies"), iq(&[("hoodies", 20)]));
    assert_eq!(attrs("hoodies x10 size XL"), [ia("hoodies", &["size xl"])]);
    assert_eq!(q("hoodies x10 size XL"), iq(&[("hoodies", 10)]));
    assert_eq!(q("t-shirts x20 size L, 5 hoodies"), iq(&[("t-shirts", 20), ("hoodies", 5)]));
    // A letter before a garment is its size, not litres: "20 L t-shirts" bought 50 of any size.
    assert_eq!(attrs("20 L t-shirts"), [ia("t-shirts", &["l"])]);
    assert_eq!(q("20 L black t-shirts"), iq(&[("t-shirts", 20)]));
    assert_eq!(q("10 S, 10 M, 10 L t-shirts"), iq(&[("t-shirts", 10), ("t-shirts", 10), ("t-shirts", 10)]));
    assert_eq!(attrs("10 S, 10 M, 10 L t-shirts").iter().map(|i| i.1.clone()).collect::<Vec<_>>(), [["s"], ["m"], ["l"]]);
    // Anything else after litres stays a measure.
    assert_eq!(attrs("a 5 L water jug"), [ia("water", &["5l"])]);
}

#[test]
fn only_a_mail_signature_is_dropped() {
    assert_eq!(q("24 energy drinks.\nSent from my iPhone"), iq(&[("energy drinks", 24)]));
    // Not a sentence of its own, or one that asks for something: read as usual.
    assert_eq!(q("sent from my team: 24 energy drinks"), iq(&[("energy drinks", 24)]));
    assert_eq!(q("24 energy drinks sent from my phone, 10 hoodies"), iq(&[("energy drinks", 24), ("hoodies", 10)]));
}

#[test]
fn what_is_said_of_an_item_after_a_comma_or_in_brackets_describes_it() {
    // "snacks, nut free please" bought almonds: "nut" became an item of its own.
    for (prompt, item, said) in [
        ("snacks, nut free please", "snacks", "nut-free"),
        ("10 snacks, nut-free thanks", "snacks", "nut-free"),
        ("48 cans of red bull, sugar free please", "red bull", "sugar-free"),
        ("12 lanyards, navy blue", "lanyards", "navy"),
        ("12 lanyards (navy)", "lanyards", "navy"),
        ("12 Navy-Blue lanyards", "lanyards", "navy"),
        ("20 t-shirts, large", "t-shirts", "large"),
        ("t-shirts 2XL x20", "t-shirts", "2xl"),
    ] {
        assert_eq!(attrs(prompt), [ia(item, &[said])], "{prompt}");
    }
    assert_eq!(q("24 energy drinks sent from my iPhone"), iq(&[("energy drinks", 24)]));
    // Free of charge, free shipping: the item is still asked for.
    assert_eq!(q("20 t-shirts free of charge"), iq(&[("t-shirts", 20)]));
    assert_eq!(q("20 t-shirts free shipping"), iq(&[("t-shirts", 20)]));
}

#[test]
fn a_colour_named_as_one_after_the_item_is_its_colour() {
    // "lanyards in our brand color (blue)" and "lanyards, color: blue" bought assorted cord
    // lanyards, and the second reported "color" as an item it could not read.
    for (prompt, item, said) in [
        ("lanyards in our brand color (blue)", "lanyards", "blue"),
        ("lanyards in our brand color, blue", "lanyards", "blue"),
        ("lanyards, color: blue", "lanyards", "blue"),
        ("50 t-shirts, colour - navy", "t-shirts", "navy"),
        ("hoodies in the team colour, royal blue", "hoodies", "royal blue"),
        ("lanyards in color blue", "lanyards", "blue"),
    ] {
        assert_eq!(attrs(prompt), [ia(item, &[said])], "{prompt}");
        let dropped = read_plan(prompt).dropped;
        assert!(dropped.is_empty(), "{prompt}: {dropped:?}");
    }
    assert_eq!(q("lanyards, color: blue, and 50 badges"), iq(&[("lanyards", 50), ("badges", 50)]));
    // A colour not said is none: "in our brand colors" names no colour.
    assert_eq!(attrs("t-shirts in our brand colors"), [ia("t-shirts", &[])]);
}

#[test]
fn a_value_said_after_the_item_is_its_value() {
    // "a gift card worth $100" bought a $25 card.
    assert_eq!(attrs("a gift card worth $100"), [ia("gift card", &["$100"])]);
    assert_eq!(attrs("gift cards valued at $50"), [ia("gift cards", &["$50"])]);
    assert_eq!(attrs("3 gift cards, worth $50 each"), [ia("gift cards", &["$50"])]);
    assert_eq!(q("3 gift cards, worth $50 each"), iq(&[("gift cards", 3)]));
    assert_eq!(attrs("gift cards worth it"), [ia("gift cards", &[])]);
}

#[test]
fn lines_of_a_list_that_name_nothing_known_are_reported() {
    // Separated by commas they were reported; one to a line, they were dropped in silence.
    assert_eq!(unread("- trash bags\n- bug spray\n- flashlights"), ["bug spray", "flashlights"]);
    // ("kit" names no item of its own, but ends the name of one)
    assert_eq!(unread("trash bags\nsunscreen\nfirst aid kit"), ["sunscreen", "first aid kit"]);
    assert_eq!(unread("trash bags\nfirst aid kit\nsunscreen"), ["first aid kit", "sunscreen"]);
    // A greeting, a title or a sign-off is no line of the list.
    assert!(unread("Hi team!\n24 energy drinks\nThanks").is_empty());
    assert!(unread("24 energy drinks.\nWe are planning the kickoff party.\nPlease deliver fast.").is_empty());
    assert!(unread("- 10 notebooks\n- paper towels\nThanks, Ann").is_empty());
}

#[test]
fn the_most_an_item_may_cost_is_read_with_it() {
    // "a 4k monitor under $200" bought one at 305.99: the cap was not read.
    for (prompt, item, attributes) in [
        ("a 4k monitor under $200", "monitor", vec!["4k", "max $200"]),
        ("webcam, max $50", "webcam", vec!["max $50"]),
        ("10 hdmi cables under 15 dollars each", "hdmi cables", vec!["max $15"]),
        ("a projector, $500 max", "projector", vec!["max $500"]),
        ("a projector for no more than $300", "projector", vec!["max $300 total"]),
        ("webcam under $49.99", "webcam", vec!["max $49.99"]),
        ("3 monitors, no more than $500 total", "monitors", vec!["max $500 total"]),
        ("50 t-shirts for under $200", "t-shirts", vec!["max $200 total"]),
        ("20 gift cards, max $26 each", "gift cards", vec!["max $26"]),
        ("a webcam costing under $70", "webcam", vec!["max $70"]),
        ("a webcam at most $70", "webcam", vec!["max $70"]),
        ("2 webcams, $60 or less", "webcams", vec!["max $60"]),
    ] {
        assert_eq!(attrs(prompt), [ia(item, &attributes)], "{prompt}");
    }
    // A count of people or of things is no price.
    assert_eq!(q("snacks for up to 50 people"), iq(&[("snacks", 150)]));
    assert_eq!(attrs("badges under 100 each"), [ia("badges", &[])]);
}

#[test]
fn the_place_a_list_is_for_is_not_bought() {
    // "coffee station restock: hot cups, napkins" bought 48 cold brews, "desk setup: ..." a
    // standing desk, "setting up a registration desk: ..." a registration counter.
    assert_eq!(items("coffee station restock: hot cups, napkins"), ["hot cups", "napkins"]);
    assert_eq!(items("developer desk setup: monitor, webcam, usb-c hub"), ["monitor", "webcam", "usb-c hub"]);
    assert_eq!(items("setting up a registration desk: 100 badges, 100 lanyards"), ["badges", "lanyards"]);
    // Asked for, it is bought: no word of setting up, or no list under it.
    assert_eq!(items("We need a registration desk: 2 chairs too"), ["registration desk", "chairs"]);
    assert_eq!(items("coffee and snacks: 10 bags of chips"), ["coffee", "chips"]);
}

#[test]
fn what_instead_of_replaces_is_not_bought() {
    // "30 chairs instead of 20 chairs" bought 50; "no wait" ruled "wait" out of the chairs and
    // bought both counts.
    for prompt in [
        "30 chairs instead of 20 chairs",
        "30 chairs instead of 20",
        "20 chairs, no wait, 30 chairs",
        "actually make that 30 chairs instead of 20 chairs",
    ] {
        assert_eq!(q(prompt), iq(&[("chairs", 30)]), "{prompt}");
    }
    assert_eq!(q("30 chairs rather than 20 chairs, and 10 tables"), iq(&[("chairs", 30), ("tables", 10)]));
    assert_eq!(q("40 energy drinks instead of 24 energy drinks for 20 people"), iq(&[("energy drinks", 40)]));
    // An item replaced with no count is refused, and the plan says so.
    assert_eq!(excluded_items("30 lanyards instead of badges"), ["badges"]);
}

#[test]
fn a_count_of_kits_counts_every_item_in_them() {
    // "Onboarding kit (x10): 1 usb-c hub, ..." bought one of each; "5 desk setups: ..." bought
    // five desks and one monitor.
    let ten = iq(&[("usb-c hub", 10), ("hdmi cable", 10), ("webcam", 10)]);
    assert_eq!(q("Onboarding kit (x10): 1 usb-c hub, 1 hdmi cable, 1 webcam"), ten);
    assert_eq!(q("onboarding kit x10: usb-c hub, hdmi cable, webcam"), ten);
    assert_eq!(q("Onboarding kit x 10: a usb-c hub, an hdmi cable and a webcam"), ten);
    assert_eq!(q("5x welcome kits: notebook, 2 pens"), iq(&[("notebook", 5), ("pens", 10)]));
    assert_eq!(q("10 onboarding kits, each with 1 usb-c hub, 1 hdmi cable and 1 webcam"), ten);
    assert_eq!(q("5 desk setups: monitor, webcam, usb-c hub"), iq(&[("monitor", 5), ("webcam", 5), ("usb-c hub", 5)]));
    assert_eq!(q("kits for 10 new hires: 1 notebook, 2 pens"), iq(&[("notebook", 10), ("pens", 20)]));
    // A list on the lines below its colon, to an empty line.
    assert_eq!(
        q("Onboarding kit (x3):\n- 1 usb-c hub\n- 2 hdmi cables\n\nAlso 24 energy drinks"),
        iq(&[("usb-c hub", 3), ("hdmi cables", 6), ("energy drinks", 24)])
    );
    // Sets, bags and kits that hold nothing listed are what they are.
    assert_eq!(q("10 bags of chips and 3 sets of cutlery"), iq(&[("chips", 10), ("cutlery", 3)]));
    assert_eq!(q("a first aid kit and 10 badges"), iq(&[("badges", 10)]));
    // One kit for a group is a head count, not a kit each.
    assert_eq!(q("hackathon kit for 60 people: 24 energy drinks, 3 usb-c hubs"), iq(&[("energy drinks", 24), ("usb-c hubs", 3)]));
    // A kit each person gets is one each, said in the singular too ("a welcome kit for 5 new
    // hires: a mug, a hoodie" bought one mug and one hoodie).
    assert_eq!(q("welcome kit for 5 new hires: a mug, a hoodie"), iq(&[("mug", 5), ("hoodie", 5)]));
    assert_eq!(q("a care package for 4 interns: notebook, 2 pens"), iq(&[("notebook", 4), ("pens", 8)]));
    // The count alone before the list is the kits' too (one hub was bought for 8 new hire kits).
    assert_eq!(q("new hire kits for 8: usb-c hub, a mug"), iq(&[("usb-c hub", 8), ("mug", 8)]));
    // A swag bag is a kit too: 200 totes were bought for "100 swag bags, each with a tote".
    let bags = iq(&[("tote", 100), ("stickers", 100), ("pen", 100)]);
    assert_eq!(q("100 swag bags, each with a tote, stickers and a pen"), bags);
    assert_eq!(q("swag bags for 100 attendees: tote, stickers, pen"), bags);
    assert_eq!(q("10 trash bags and 2 tote bags"), iq(&[("trash bags", 10), ("tote bags", 2)]));
    // "them" is no word of the item ("get them monitors" planned "them monitors").
    assert_eq!(items("there will be 6 new hires; get them monitors"), ["monitors"]);
    // Nor is "mostly" ("mostly sparkling water" matched no offer's words); the drinks head it.
    assert_eq!(items("drinks for 60 people, mostly sparkling water"), ["sparkling water"]);
}

#[test]
fn probed_readings_of_places_corrections_headings_and_stores() {
    // An "instead of" with no comma deleted the rest of the request.
    assert_eq!(q("Instead of 20 chairs we need 30 chairs"), iq(&[("chairs", 30)]));
    assert_eq!(q("instead of 20 chairs we now need 30 chairs and 10 tables"), iq(&[("chairs", 30), ("tables", 10)]));
    assert_eq!(q("Can we do 25 instead of 20 chairs?"), iq(&[("chairs", 25)]));
    // A place ended at a number (its own) or ran on over the items.
    assert_eq!(q("10 badges, deliver to building 2 loading dock"), iq(&[("badges", 10)]));
    assert_eq!(q("Send to Hall 4 registration desk: 100 badges"), iq(&[("badges", 100)]));
    assert_eq!(items("Please ship to the office some snacks and drinks"), ["snacks", "drinks"]);
    assert_eq!(q("24 energy drinks delivered to the office and 3 hdmi cables"), iq(&[("energy drinks", 24), ("hdmi cables", 3)]));
    // A heading said with "at", "on" or "from" is no store; an item named "station" is bought.
    assert_eq!(q("At minimum: 20 chairs and 10 tables"), iq(&[("chairs", 20), ("tables", 10)]));
    assert_eq!(items("We need a docking station: plus 2 hdmi cables"), ["docking station", "hdmi cables"]);
    assert_eq!(items("Get a standing desk for the corner office: and 2 monitors"), ["standing desk", "monitors"]);
    // After whom, however long, and freedoms joined.
    assert_eq!(ruled_out_items("chocolate for the whole sales team, no peanuts"), [("chocolate".to_owned(), vec!["peanuts".to_owned()])]);
    assert_eq!(ruled_out_items("snacks for everyone, no peanuts"), [("snacks".to_owned(), vec!["peanuts".to_owned()])]);
    assert_eq!(attrs("candy for 20 people, dairy-free and nut-free"), [ia("candy", &["dairy-free", "nut-free"])]);
}

#[test]
fn of_items_said_as_alternatives_the_first_is_bought() {
    let alternatives = |prompt: &str| -> Vec<String> {
        read_plan(prompt).dropped.into_iter().filter(|d| d.reason == DropReason::Alternative).map(|d| d.item).collect()
    };
    // Both were bought: a 142.99 projector and a 203.99 display for one room.
    for (prompt, wanted, other) in [
        ("either a projector or a 55 inch display for the room", vec![("projector", 1)], vec!["55inch display"]),
        ("a projector or a TV for the demo", vec![("projector", 1)], vec!["tv"]),
        ("either chips or pretzels for 20 people", vec![("chips", 60)], vec!["pretzels"]),
        ("either a projector, a tv or a screen", vec![("projector", 1)], vec!["tv", "screen"]),
        ("either 2 webcams or a conference speaker", vec![("webcams", 2)], vec!["speaker"]),
        ("We need a projector or a large monitor, and 10 chairs", vec![("projector", 1), ("chairs", 10)], vec!["large monitor"]),
        ("either a whiteboard or an easel pad, plus 20 markers", vec![("whiteboard", 1), ("markers", 20)], vec!["easel pad"]),
        // Brands of one category: the count said with them is the choice's.
        ("red bull or monster, 24 cans", vec![("red bull", 24)], vec!["monster"]),
        ("doritos or cheetos for 20 people", vec![("doritos", 60)], vec!["cheetos"]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert_eq!(alternatives(prompt), other, "{prompt}");
    }
    // Not alternatives: what each drinks, a list, a refusal, "or two".
    assert_eq!(q("water or soda for 10 people"), iq(&[("water", 15), ("soda", 15)]));
    assert_eq!(q("a webcam, a projector and a tv"), iq(&[("webcam", 1), ("projector", 1), ("tv", 1)]));
    assert_eq!(q("no snacks or drinks, just 10 chairs"), iq(&[("chairs", 10)]));
    assert_eq!(q("a webcam or two for the room"), iq(&[("webcam", 1)]));
}

#[test]
fn a_rate_per_a_thing_counted_elsewhere_is_multiplied() {
    // Each bought one: the rate's count was looked for only among the items.
    for (prompt, wanted) in [
        ("one webcam per conference room, 5 rooms", vec![("webcam", 5)]),
        ("2 HDMI cables per room, 6 rooms", vec![("hdmi cables", 12)]),
        ("We have 5 conference rooms. Each room needs a webcam and an HDMI cable.", vec![("webcam", 5), ("hdmi cable", 5)]),
        ("Every attendee gets a lanyard and a badge holder. 120 attendees.", vec![("lanyard", 120), ("badge holder", 120)]),
        ("3 teams of 4. Each team needs a whiteboard.", vec![("whiteboard", 3)]),
        ("a sanitizer stand for each entrance (3 entrances)", vec![("sanitizer stand", 3)]),
        ("2 whiteboards per team for 4 teams", vec![("whiteboards", 8)]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert!(read_plan(prompt).dropped.is_empty(), "{prompt}: {:?}", read_plan(prompt).dropped);
    }
    // A rate per person takes the head count; with nothing counted, the rate's own count stands.
    assert_eq!(q("3 drinks per team member for 4 teams of 5"), iq(&[("drinks", 60)]));
    assert_eq!(q("2 whiteboards per team"), iq(&[("whiteboards", 2)]));
    assert_eq!(q("a webcam per room"), iq(&[("webcam", 1)]));
}

#[test]
fn a_brand_listed_after_a_brand_is_an_item() {
    // "monster" (an everyday word) was left unread after "Red Bull and".
    assert_eq!(q("Red Bull and Monster for 10 people"), iq(&[("red bull", 15), ("monster", 15)]));
    assert_eq!(q("12 red bull and 12 monster"), iq(&[("red bull", 12), ("monster", 12)]));
    // Alone, or after another thing, an everyday word names no item.
    assert_eq!(q("24 red bull, outdoor"), iq(&[("red bull", 24)]));
}

#[test]
fn a_heading_s_noun_left_out_of_its_items_is_theirs() {
    // "cables for the conference room: 2 hdmi, 2 usb-c, 1 ethernet" read "2 hdmi" and the rest
    // as nothing and bought ten cat6 cables for the heading.
    let cables = iq(&[("hdmi cables", 2), ("usb-c cables", 2), ("ethernet cables", 1)]);
    for prompt in [
        "cables for the conference room: 2 hdmi, 2 usb-c, 1 ethernet",
        "Cables: 2 hdmi, 2 usb-c and 1 ethernet",
        "cables for the room:\n- 2 hdmi\n- 2 usb-c\n- 1 ethernet",
    ] {
        assert_eq!(q(prompt), cables, "{prompt}");
        assert!(read_plan(prompt).dropped.is_empty(), "{prompt}");
    }
    assert_eq!(q("adapters: 3 hdmi and 2 vga"), iq(&[("hdmi adapters", 3), ("vga adapters", 2)]));
    assert_eq!(attrs("cables: 4 hdmi (6ft), 2 ethernet"), [ia("hdmi cables", &["6ft"]), ia("ethernet cables", &[])]);
    // Items of their own, sizes and colours are left as they are; the list ends at an empty line.
    assert_eq!(q("snacks: chips, pretzels"), iq(&[("chips", 50), ("pretzels", 50)]));
    assert_eq!(attrs("lanyards: 50 blue, 50 red"), [ia("lanyards", &["blue"]), ia("lanyards", &["red"])]);
    assert_eq!(q("Cables:\n- 4 hdmi\n\n10 badges"), iq(&[("hdmi cables", 4), ("badges", 10)]));
    // A product title heads nothing: "Chocolate Snack Box: Chips, Bars" has no "bars chocolate".
    assert!(!items("Chocolate Snack Box: Chips, Bars, Nuts & Cookies").iter().any(|i| i.contains("bars chocolate")));
}
