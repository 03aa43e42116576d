//! How many: head counts, per-person and per-item rates, shared rates, kits, counts of a whole
//! list, seats at a table, and the occasions, places and people around them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

#[test]
fn a_count_of_each_said_before_a_list_counts_it() {
    // "5 of each: mugs, hoodies, t-shirts" bought the defaults, 50 of each (1,947 USDC).
    for prompt in [
        "5 of each: mugs, hoodies, t-shirts",
        "5 each of mugs, hoodies and t-shirts",
        "5 each: mugs, hoodies, t-shirts",
        "5 of each of the following: mugs, hoodies, t-shirts",
        "5 of each of the following mugs, hoodies, t-shirts",
        "mugs, hoodies, t-shirts - 5 of each",
    ] {
        assert_eq!(needs(prompt), v(&[("swag", 5), ("swag", 5), ("swag", 5)]), "{prompt}");
    }
    assert_eq!(needs("we need 10 of each:\n- pens\n- notebooks"), v(&[("office_supplies", 10), ("office_supplies", 10)]));
    // An item with its own count keeps it; the sentence ends the list.
    assert_eq!(needs("5 of each: mugs, 20 hoodies. Snacks too."), v(&[("swag", 5), ("swag", 20), ("snacks", 50)]));
    // Lines ending in a stop are still one list, which a blank line or an item's own head count ends.
    let swag = [("office_supplies", 10), ("office_supplies", 10)];
    assert_eq!(needs("10 of each:\n- pens.\n- notebooks.\n\nsnacks"), v(&[swag[0], swag[1], ("snacks", 50)]));
    assert_eq!(needs("10 of each:\n- pens\n- notebooks\ncoffee for 20 people"), v(&[swag[0], swag[1], ("drinks", 60)]));
    assert_eq!(needs("5 of each: mugs and hoodies, plus drinks for 30 people"), v(&[("swag", 5), ("swag", 5), ("drinks", 90)]));
    assert_eq!(needs("5 of each of the following:\nmugs\nhoodies"), v(&[("swag", 5), ("swag", 5)]));
    assert_eq!(needs("5 each of:\nmugs\nhoodies"), v(&[("swag", 5), ("swag", 5)]));
    // "of them" looks back.
    assert_eq!(needs("t-shirts and hoodies, 20 of each of them"), v(&[("swag", 20), ("swag", 20)]));
}

#[test]
fn a_kit_category_is_each_of_its_things() {
    // "tableware for 80" bought napkins alone, "cleaning supplies" a box of gloves.
    assert_eq!(needs("tableware for 80"), v(&[("tableware", 160), ("tableware", 160), ("tableware", 160), ("tableware", 160)]));
    let items = |prompt: &str| plan(prompt).needs.into_iter().map(|n| (n.item, n.source, n.quantity)).collect::<Vec<_>>();
    let cleaning = items("cleaning supplies for an office of 50");
    assert_eq!(
        cleaning.iter().map(|(i, _, q)| (i.as_str(), *q)).collect::<Vec<_>>(),
        [("trash bags", 2), ("disinfecting wipes", 2), ("paper towels", 2), ("hand sanitizers", 2)]
    );
    // What was asked is kept as each need's source.
    assert!(cleaning.iter().all(|(_, source, _)| source == "cleaning supplies"), "{cleaning:?}");
    // An item of the kit named with its own count is that count, once.
    let party = items("tableware and 200 paper cups for a party of 80");
    assert_eq!(
        party.iter().map(|(i, _, q)| (i.as_str(), *q)).collect::<Vec<_>>(),
        [("plates", 160), ("napkins", 160), ("utensils", 160), ("paper cups", 200)]
    );
    // A count said for the whole category is one need of it.
    assert_eq!(needs("50 office supplies"), v(&[("office_supplies", 50)]));
    // What it rules out is no item of the kit, and not ruled out of the others.
    let no_cups = plan("tableware without cups for 50");
    assert_eq!(no_cups.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["plates", "napkins", "utensils"]);
    assert!(no_cups.needs.iter().all(|n| n.excluding.is_empty()), "{:?}", no_cups.needs);
    // Without a head count, each item of the kit takes its default.
    assert_eq!(needs("cleaning supplies"), v(&[("cleaning", 4), ("cleaning", 4), ("cleaning", 4), ("cleaning", 4)]));
}

#[test]
fn words_that_name_a_whole_category_are_read() {
    // Each was a generic word of its category but no phrase of the parser: "not recognized".
    assert_eq!(needs("goodies, nibbles and beverages for 20 people"), v(&[("swag", 20), ("snacks", 60), ("drinks", 60)]));
    assert_eq!(needs("giveaways for 100 attendees"), v(&[("swag", 100)]));
    let kits = needs("disposables and janitorial supplies for 50");
    assert_eq!(
        kits.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["tableware"; 4].into_iter().chain(["cleaning"; 4]).collect::<Vec<_>>()
    );
    assert_eq!(needs("audio visual for the keynote"), v(&[("av_gear", 2)]));
}

#[test]
fn an_occasion_named_with_words_for_things_buys_none_of_them() {
    // A network switch for a networking event, paper bowls for a Super Bowl party, extension
    // cords for a power lunch, an audio mixer for a networking mixer.
    for (prompt, wanted, headcount) in [
        ("snacks and drinks for a networking event of 50", vec![("snacks", 150), ("drinks", 150)], Some(50)),
        ("networking mixer of 50: drinks and snacks", vec![("drinks", 150), ("snacks", 150)], Some(50)),
        ("Super Bowl party for 20: snacks and drinks", vec![("snacks", 60), ("drinks", 60)], Some(20)),
        ("power lunch for 12: drinks", vec![("drinks", 36)], Some(12)),
        ("happy hour for 30 people: seltzers and snacks", vec![("drinks", 90), ("snacks", 90)], Some(30)),
    ] {
        assert_eq!(needs(prompt), v(&wanted), "{prompt}");
        assert_eq!(plan(prompt).headcount, headcount, "{prompt}");
    }
    // Alone, or as things, they are still bought.
    assert_eq!(needs("2 power strips and a network switch"), v(&[("power", 2), ("networking", 1)]));
    assert_eq!(needs("20 soup bowls"), v(&[("tableware", 20)]));
    assert_eq!(needs("a 10-channel mixer"), v(&[("av_gear", 1)]));
}

#[test]
fn a_head_count_after_a_list_counts_every_item_of_it() {
    // The first item took the prompt's other head count: coffee for 60, 180 cans.
    assert_eq!(needs("coffee and water for 30 and snacks for 60"), v(&[("drinks", 45), ("drinks", 45), ("snacks", 180)]));
    assert_eq!(needs("badges for 60 and coffee and water for 30"), v(&[("badges", 60), ("drinks", 45), ("drinks", 45)]));
    assert_eq!(needs("chips and cookies for 20 and lanyards for 100"), v(&[("snacks", 30), ("snacks", 30), ("lanyards", 100)]));
    // An item with its own count keeps it.
    assert_eq!(needs("24 energy drinks and water for 30, snacks for 60"), v(&[("drinks", 24), ("drinks", 90), ("snacks", 180)]));
}

#[test]
fn names_and_places_around_a_head_count_buy_nothing() {
    for (prompt, wanted, headcount) in [
        ("snacks for the Power BI workshop of 25", vec![("snacks", 75)], 25),
        ("badges for the Table Tennis tournament of 32", vec![("badges", 32)], 32),
        ("snacks for the cleaning crew of 6", vec![("snacks", 18)], 6),
        ("snacks for an all-hands of 150", vec![("snacks", 450)], 150),
        ("snacks for a town hall of 200", vec![("snacks", 600)], 200),
        ("high-top tables for a happy hour of 50", vec![("furniture_rental", 7)], 50),
        ("t-shirts for a staff of 25", vec![("swag", 25)], 25),
        ("snacks at the front desk for 30 visitors", vec![("snacks", 90)], 30),
        ("badges and lanyards at the registration table for 100", vec![("badges", 100), ("lanyards", 100)], 100),
    ] {
        assert_eq!(needs(prompt), v(&wanted), "{prompt}");
        assert_eq!(plan(prompt).headcount, Some(headcount), "{prompt}");
    }
    assert_eq!(needs("5 of each of these:\n* mugs\n* hoodies"), v(&[("swag", 5), ("swag", 5)]));
    // What a request is for that is no head count still names things when it ends in one.
    assert_eq!(needs("cables for the projector, and a projector"), v(&[("cables", 10), ("av_gear", 1)]));
}

#[test]
fn seats_at_a_table_count_the_tables() {
    // "10 per table" was a second need for 20 more tables.
    for (prompt, wanted) in [
        ("banquet tables for 120 guests, 10 per table", vec![("furniture_rental", 12)]),
        ("tables for 60 guests with 8 per table", vec![("furniture_rental", 8)]),
        ("round tables for 80, 8 people per table", vec![("furniture_rental", 10)]),
        ("chairs and tables for 60, 6 to a table", vec![("furniture_rental", 60), ("furniture_rental", 10)]),
    ] {
        assert_eq!(needs(prompt), v(&wanted), "{prompt}");
    }
    // A count of tables said is the count; "x 10 per table" is no seating.
    assert_eq!(needs("12 tables for 100 guests, 10 per table"), v(&[("furniture_rental", 12)]));
}

#[test]
fn people_named_by_their_role_get_one_each() {
    // Equipment and prizes have no per-person rate: these took the defaults, 2 monitors for 30.
    for (prompt, wanted) in [
        ("monitors for 30 employees", ("av_gear", 30)),
        ("microphones for 6 panelists", ("av_gear", 6)),
        ("gift cards for 5 winners", ("prizes", 5)),
        ("headphones for the 10 mentors", ("prizes", 10)),
        ("keyboards for 15 new hires", ("prizes", 15)),
    ] {
        assert_eq!(needs(prompt), v(&[wanted]), "{prompt}");
    }
    // Heading a list, or given it with "each", they get one each: it bought 1 webcam, 2 monitors
    // and 3 keyboards for "onboarding 6 engineers:", one of each for "each needs".
    let one_each = v(&[("av_gear", 6), ("av_gear", 6), ("prizes", 6)]);
    for prompt in [
        "onboarding 6 engineers: webcams, monitors, keyboards",
        "for our 6 new hires: a webcam, a monitor, a keyboard",
        "6 engineers:\n- webcam\n- monitor\n- keyboard",
        "webcams, monitors and keyboards for 6 engineers",
        "we have 6 new hires. each needs a webcam, a monitor and a keyboard",
        "6 new hires starting monday, each needs a webcam, a monitor and a keyboard",
    ] {
        assert_eq!(needs(prompt), one_each, "{prompt}");
    }
    // Desk gear is each person's though a crowd shares a few: one usb-c hub was bought for 6
    // engineers. A thing with a rate of its own stays shared, and people not named by their role
    // are a crowd.
    for (prompt, wanted) in [
        ("usb-c hubs for 6 engineers", ("adapters", 6)),
        ("a docking station for 4 new hires", ("adapters", 4)),
        ("hdmi cables for 6 engineers", ("cables", 6)),
        ("chargers for 10 staff", ("power", 10)),
        ("travel adapters for 6 speakers", ("adapters", 6)),
        ("usb-c hubs for a 200 person hackathon", ("adapters", 20)),
        ("usb-c hubs for 6 people", ("adapters", 1)),
        ("charging stations for 30 employees", ("power", 2)),
        ("snacks for 6 engineers", ("snacks", 18)),
    ] {
        assert_eq!(needs(prompt), v(&[wanted]), "{prompt}");
    }
    // People given desks get one each though not named by their role (it bought 2 monitors, 3
    // keyboards and 1 dock for 4 people); what a room or an occasion has is shared.
    assert_eq!(needs("setting up desks for 4 people: monitors, keyboards, docks"), v(&[("av_gear", 4), ("prizes", 4), ("adapters", 4)]));
    assert_eq!(needs("new desk setup for 4 people: chairs, monitors"), v(&[("furniture_rental", 4), ("av_gear", 4)]));
    assert_eq!(needs("conference room setup for 30 people: hdmi cables"), v(&[("cables", 6)]));
    assert_eq!(needs("office party for 40 people: a speaker"), v(&[("av_gear", 1)]));
    // (Review: a gathering or a shared place heading the list is shared.)
    for p in ["town hall for 250 employees: microphones", "booth for 3 staff: a monitor", "onboarding session for 40 people: microphones"] {
        assert!(needs(p)[0].1 <= 2, "{p}: {:?}", needs(p));
    }
    // Strips and cords stay shared among people by role (40 were bought for 40 volunteers).
    assert_eq!(needs("power strips for 40 volunteers"), v(&[("power", 5)]));
    // Said with more words about them, or with their count after them in a heading (2 webcams
    // and 1 dock for "ergonomic setup for 3 remote employees:"; 50 notebooks for "interns (12):").
    let three = v(&[("av_gear", 3), ("adapters", 3)]);
    assert_eq!(needs("ergonomic setup for 3 remote employees: webcams, usb-c docks"), three);
    for p in ["interns (12): notebooks, lanyards", "interns x12: notebooks, lanyards", "for the interns (12): notebooks, lanyards"] {
        assert_eq!(needs(p), v(&[("office_supplies", 12), ("lanyards", 12)]), "{p}");
    }
    assert_eq!(needs("- speakers (2)\n- mixer"), v(&[("av_gear", 2), ("av_gear", 1)]));
    assert_eq!(needs("all-hands for 250 employees: microphones"), v(&[("av_gear", 2)]));
    // One more said in the singular is counted ("a moderator" was reported unread, 3 mics
    // bought); "a speaker" after people may be a loudspeaker.
    assert_eq!(needs("microphones for 3 panelists and a moderator"), v(&[("av_gear", 4)]));
    assert_eq!(needs("lanyards for 40 attendees and an organizer"), v(&[("lanyards", 41)]));
    assert_eq!(needs("lanyards for 40 attendees and a new hire"), v(&[("lanyards", 41)]));
    assert_eq!(needs("water for 30 attendees and a speaker"), v(&[("drinks", 90), ("av_gear", 1)]));
    // "each" alone is the last thing counted: rooms get one a room, and a crowd heading a list
    // is no role.
    assert_eq!(needs("we have 5 conference rooms. each needs a webcam"), v(&[("av_gear", 5)]));
    assert_eq!(needs("team of 30: swag, lanyards"), v(&[("swag", 30), ("lanyards", 30)]));
    // "everyone gets" is each person's (one hoodie was bought for 30 people).
    assert_eq!(needs("everyone gets a hoodie, 30 people"), v(&[("swag", 30)]));
    assert_eq!(needs("30 attendees. everybody gets a lanyard and a badge"), v(&[("lanyards", 30), ("badges", 30)]));
    // Friends, classmates, teammates are people too (50 chips were bought for "8 friends").
    assert_eq!(needs("chips and soda for 8 friends"), v(&[("snacks", 24), ("drinks", 24)]));
    assert_eq!(needs("headphones for 6 teammates"), v(&[("prizes", 6)]));
    // A crowd is no role: a few PA speakers for 200 attendees, and a head count of the event.
    assert_eq!(needs("speakers for 200 attendees"), v(&[("av_gear", 2)]));
    assert_eq!(needs("conference for 300 employees: microphones, a projector"), v(&[("av_gear", 2), ("av_gear", 1)]));
}

#[test]
fn people_counted_together_are_one_head_count() {
    // "10 speakers" after the attendees bought 10 PA speakers (2,793 USDC).
    assert_eq!(needs("badges for 120 attendees and 10 speakers"), v(&[("badges", 130)]));
    assert_eq!(needs("badges for 200 attendees, 15 sponsors and 12 speakers"), v(&[("badges", 227)]));
    assert_eq!(needs("snacks for 100 attendees plus 20 staff"), v(&[("snacks", 360)]));
    // Loudspeakers are still loudspeakers, and a count of things after people is its own.
    assert_eq!(needs("2 speakers and a mixer"), v(&[("av_gear", 2), ("av_gear", 1)]));
    assert_eq!(needs("lanyards for 40 people and 3 projectors"), v(&[("lanyards", 40), ("av_gear", 3)]));
}

#[test]
fn occasions_and_groups_count_their_people() {
    // Each of these fell back to the category's default (50 snacks, 50 lanyards, 3 tables).
    for (prompt, headcount) in [
        ("snacks for a meeting of 40", 40),
        ("lanyards for a hackathon of 200", 200),
        ("round tables for a gala dinner of 80", 80),
        ("snacks for 2 teams of 10", 20),
        ("snacks for 10 salespeople", 10),
        ("water for a festival of 500", 500),
    ] {
        assert_eq!(plan(prompt).headcount, Some(headcount), "{prompt}");
    }
    assert_eq!(needs("round tables for a gala dinner of 80"), v(&[("furniture_rental", 10)]));
    assert_eq!(needs("snacks for 2 teams of 10"), v(&[("snacks", 60)]));
    // A year or a time is no head count, and a show is no item.
    assert_eq!(plan("hoodies for the class of 2025").headcount, None);
    assert_eq!(plan("coffee and snacks for a training session of 90 minutes").headcount, None);
    // Fans and presenters are things too: no head count.
    assert_eq!(plan("snacks, 4 fans and 2 presenters").headcount, None);
    assert_eq!(needs("badges for a show of 150"), v(&[("badges", 150)]));
}

#[test]
fn shared_items_are_counted_per_table_or_room_not_per_person() {
    // 20 people sit at four 6 ft tables and share two whiteboards; each gets a chair.
    let got = needs("team offsite for 20: whiteboards, tables, chairs, tablecloths, cocktail tables, coffee");
    assert_eq!(
        got,
        v(&[
            ("office_supplies", 2),
            ("furniture_rental", 4),
            ("furniture_rental", 20),
            ("tableware", 4),
            ("furniture_rental", 3),
            ("drinks", 60)
        ])
    );
    // The longest phrase an item ends with gives its rate; plurals and case do not matter.
    assert_eq!(needs("Folding Tables for 60 people"), v(&[("furniture_rental", 10)]));
    assert_eq!(needs("round tables for 60 people"), v(&[("furniture_rental", 8)]));
    // Without a head count the default is for the category's default group: 20 chairs, 4 tables.
    assert_eq!(needs("tables and chairs"), v(&[("furniture_rental", 4), ("furniture_rental", 20)]));
    // A count said is a count; one named in the singular is one.
    assert_eq!(needs("30 tables for 60 people"), v(&[("furniture_rental", 30)]));
    assert_eq!(needs("a whiteboard for 40 people"), v(&[("office_supplies", 1)]));
    // Wi-Fi for a venue, charging stations for the few charging at a time: six 3-packs of mesh
    // Wi-Fi for 300 people cost 2,730 USDC.
    assert_eq!(needs("wifi and charging stations for an event of 300"), v(&[("networking", 2), ("power", 12)]));
}

#[test]
fn item_rates_are_validated_and_matched_by_their_last_words() {
    use crate::intent::CategoryDef;
    let def = |rates: &[(&str, (u32, u32))]| CategoryDef {
        id: "furniture".into(),
        label: "Furniture".into(),
        synonyms: vec!["tables".into()],
        generic: vec![],
        per_person: Some((1, 1)),
        per_person_items: rates.iter().map(|(k, r)| ((*k).to_owned(), *r)).collect(),
        rate_shared: false,
        kit: vec![],
        default_quantity: 20,
        one_when_singular: false,
        edible: false,
        personal: false,
    };
    let vocab = Vocabulary::new(vec![def(&[(" Tables ", (1, 6))])]).unwrap();
    let c = vocab.get("furniture").unwrap();
    assert_eq!((c.rate_of("6ft tables"), c.rate_of("table covers"), c.rate_of("chairs")), (Some((1, 6)), Some((1, 1)), Some((1, 1))));
    assert_eq!((c.units_for("tables", 25), c.unstated_units("tables")), (Some(5), 4));
    for bad in [(0, 6), (1, 0)] {
        let err = Vocabulary::new(vec![def(&[("tables", bad)])]).unwrap_err();
        assert!(err.contains("per_person_items.\"tables\" must be [units, people]"), "{err}");
    }
}

#[test]
fn what_the_review_found_reads_right() {
    // An item before a head count of its own is an item, never an occasion's name.
    assert_eq!(needs("looking for the best chairs for 50 people"), v(&[("furniture_rental", 50)]));
    assert_eq!(needs("quotes for the banquet tables for 100 guests"), v(&[("furniture_rental", 13)]));
    // Things counted after a head count are things, not more people.
    assert_eq!(plan("snacks for 60 guests and 10 t-shirts for volunteers").headcount, Some(60));
    assert_eq!(needs("snacks for 60 guests and 10 t-shirts for volunteers"), v(&[("snacks", 180), ("swag", 10)]));
    // What a thing the catalog does not sell is for is rented for no one.
    assert_eq!(needs("snacks and centerpieces for 10 tables"), v(&[("snacks", 50)]));
    // Counted rooms get one each of equipment, not of water.
    assert_eq!(needs("water for 6 conference rooms"), v(&[("drinks", 48)]));
    // A role's head count said after a list is each item's; a room's speakers are shared.
    assert_eq!(needs("webcams and monitors for 30 employees"), v(&[("av_gear", 30), ("av_gear", 30)]));
    assert_eq!(needs("PA speakers for 150 staff"), v(&[("av_gear", 2)]));
    // "of these" before the things it counts.
    assert_eq!(needs("5 of each of these mugs and hoodies"), v(&[("swag", 5), ("swag", 5)]));
}

#[test]
fn a_pair_named_with_no_count_is_one() {
    // "2nd place: AirPods" bought three (689.97 USDC) where "iPad" bought one.
    for prompt in ["2nd place: AirPods", "headphones", "noise-cancelling headphones as a prize", "earbuds for the raffle"] {
        assert_eq!(needs(prompt), v(&[("prizes", 1)]), "{prompt}");
    }
    // A count, or a head count, still counts them.
    assert_eq!(needs("3 AirPods"), v(&[("prizes", 3)]));
    assert_eq!(needs("prizes: AirPods, bluetooth speakers, headphones"), v(&[("prizes", 1), ("prizes", 3), ("prizes", 1)]));
}

#[test]
fn a_count_for_a_whole_category_is_shared_by_the_kinds_it_introduces() {
    // "60 snacks: chips, pretzels and nuts" bought 60 snacks and 50 of each kind (210); a CSV row
    // "Snacks, assorted" of 60 with the note "chips, pretzels, nuts" the same.
    for prompt in
        ["60 snacks: chips, pretzels and nuts", "60 Snacks, assorted chips, pretzels, nuts", "60 snacks like chips, pretzels and nuts"]
    {
        assert_eq!(needs(prompt), v(&[("snacks", 20), ("snacks", 20), ("snacks", 20)]), "{prompt}");
    }
    // Rounded up, so the kinds cover the count.
    assert_eq!(needs("50 prizes: AirPods, iPad, headphones"), v(&[("prizes", 17), ("prizes", 17), ("prizes", 17)]));
    // Kinds with counts of their own take their part, and are the whole when they add up to it.
    assert_eq!(needs("60 snacks: 20 chips, pretzels and nuts"), v(&[("snacks", 20), ("snacks", 20), ("snacks", 20)]));
    assert_eq!(needs("60 snacks: 20 chips, 40 pretzels"), v(&[("snacks", 20), ("snacks", 40)]));
    assert_eq!(needs("60 snacks: 30 chips, 20 pretzels and 20 nuts"), v(&[("snacks", 30), ("snacks", 20), ("snacks", 20)]));
    // What they leave is the category's: 40 more snacks besides 10 chips and 10 pretzels.
    assert_eq!(needs("60 snacks: 10 chips, 10 pretzels"), v(&[("snacks", 40), ("snacks", 10), ("snacks", 10)]));
    // Kinds counted by a head count of their own are not the category's to share.
    assert_eq!(needs("60 snacks: chips and pretzels for 30 people")[0], ("snacks".to_owned(), 60));
    // A plain list, and a heading with no count, are as before.
    assert_eq!(needs("60 snacks, chips and pretzels"), v(&[("snacks", 60), ("snacks", 50), ("snacks", 50)]));
    assert_eq!(needs("snacks: chips and pretzels"), v(&[("snacks", 50), ("snacks", 50)]));
}

#[test]
fn a_count_said_after_its_item_stays_with_it() {
    let items = |prompt: &str| plan(prompt).needs.into_iter().map(|n| (n.item, n.quantity)).collect::<Vec<_>>();
    let one = |item: &str, n: u32| vec![(item.to_owned(), n)];
    // "x 2 for hot desks" bought one dock and 8 standing desks: the count was lost at "for", and
    // what the docks are for was read as furniture to rent.
    assert_eq!(items("usb-c docking station x 2 for hot desks"), one("usb-c docking station", 2));
    // "orange juice x12 and bagels x24" bought 24 juices: the bagels' count went to the juice.
    assert_eq!(items("orange juice x12 and bagels x24"), one("orange juice", 12));
    assert!(plan("orange juice x12 and bagels x24").dropped.iter().any(|d| d.item == "bagels"));
    // A count right after its item, before the next one, and a count of "them".
    assert_eq!(items("tote bags 150 and stickers 500"), vec![("tote bags".to_owned(), 150), ("stickers".to_owned(), 500)]);
    assert_eq!(items("chairs for 3 days, 50 of them"), one("chairs", 50));
    // "of them" is the last item's count, not the list's (it made 50 lanyards for 80 people).
    let counted = items("lanyards for 80 attendees and badge holders, 50 of them");
    assert_eq!(counted, vec![("lanyards".to_owned(), 80), ("badge holders".to_owned(), 50)]);
    // What follows a times count still describes the item.
    assert_eq!(attrs("ethernet cables x 4, blue"), [ia("ethernet cables", &["blue"])]);
    assert_eq!(items("lanyards x 40 blue"), one("lanyards", 40));
    assert_eq!(items("hdmi cables braided x 6"), one("hdmi cables", 6));
    assert_eq!(items("lanyards, blue x 40"), one("lanyards", 40));
    // Not a count: a size after the item.
    assert_eq!(items("hdmi cables 6 ft and 4 adapters")[0], ("hdmi cables".to_owned(), 10));
}

#[test]
fn a_count_said_again_with_fewer_words_counts_the_item() {
    // 20 standing desks (the default) and 8 more desks were rented for "8 desks".
    assert_eq!(q("standing desks for the office, 8 desks, rent for a week"), iq(&[("standing desks", 8)]));
    assert_eq!(q("usb-c hubs for the team - 12 hubs"), iq(&[("usb-c hubs", 12)]));
    // Two items, each counted, stay two.
    assert_eq!(q("4 standing desks and 8 desks"), iq(&[("standing desks", 4), ("desks", 8)]));
    assert_eq!(q("folding chairs for the lobby, 20 chairs for the stage"), iq(&[("folding chairs", 20), ("chairs", 20)]));
    assert_eq!(q("energy drinks. 24 sodas"), iq(&[("energy drinks", 48), ("sodas", 24)]));
}

#[test]
fn a_group_size_in_brackets_is_a_head_count() {
    // "soda for the team (20)" bought 20 sodas, where "soda for 20" buys 60; and "pizza" in
    // "pizza + soda for the team (20)" went unreported.
    assert_eq!(plan("soda for the team (20)").headcount, Some(20));
    assert_eq!(q("soda for the team (20)"), q("soda for 20"));
    assert_eq!(plan("snacks for everyone (12 people)").headcount, Some(12));
    assert_eq!(plan("snacks for all (30)").headcount, Some(30));
    assert_eq!(unread("pizza + soda for the team (20)"), ["pizza"]);
    // A comma is no bracket: 48 drinks, not drinks for 48 people.
    assert_eq!(q("energy drinks for the team, 48"), iq(&[("energy drinks", 48)]));
    // A count in brackets after an item is still its count.
    assert_eq!(q("badges for the team (x3)"), iq(&[("badges", 3)]));
}

#[test]
fn a_dozen_and_a_half_is_eighteen() {
    // "a dozen and a half red bulls" was one "half red bulls"; "1.5 dozen" was 12.
    assert_eq!(q("a dozen and a half energy drinks"), iq(&[("energy drinks", 18)]));
    assert_eq!(q("1.5 dozen granola bars"), iq(&[("granola bars", 18)]));
    // Word boundaries, and "and" between two counts.
    assert_eq!(q("energy drinks x 12 and a half dozen usb-c hubs"), iq(&[("energy drinks", 12), ("usb-c hubs", 6)]));
    assert_eq!(q("soda half dozen"), iq(&[("soda", 6)]));
    assert_eq!(q("2 dozen and a half energy drinks"), iq(&[("energy drinks", 30)]));
    assert_eq!(q("a half dozen usb-c hubs"), iq(&[("usb-c hubs", 6)]));
}

#[test]
fn what_describes_an_item_is_not_another_item_or_count() {
    // "assorted colors" bought 150 colour badge holders; "a nice prize" three prizes.
    assert_eq!(q("Expo markers, assorted colors, 3 packs"), iq(&[("expo markers", 3)]));
    assert_eq!(read_plan("Expo markers, assorted colors, 3 packs").needs[0].packs, Some(3));
    assert_eq!(read("Sharpies, assorted colors, 2 packs")[0].3, ["assorted colors"]);
    assert_eq!(q("InkJoy gel pens, assorted colors, 28"), iq(&[("inkjoy gel pens", 28)]));
    assert_eq!(q("a nice prize for the winner"), iq(&[("prize", 1)]));
    assert_eq!(q("a good webcam"), iq(&[("webcam", 1)]));
}

#[test]
fn an_update_replaces_the_count_said_before() {
    // 95 chairs: the update's count was added to the first.
    assert_eq!(q("Order 40 chairs. Update: headcount went up, we need 55 chairs."), iq(&[("chairs", 55)]));
    assert_eq!(q("40 chairs. Change of plans: 60 chairs."), iq(&[("chairs", 60)]));
    // An update that adds, adds.
    assert_eq!(q("40 chairs. Quick update: we also need 10 more chairs."), iq(&[("chairs", 50)]));
}

#[test]
fn a_pair_is_two_unless_a_pair_is_one_thing() {
    // "a pair of hdmi cables" was one cable, "2 pairs of speaker stands" one pair.
    assert_eq!(q("a pair of hdmi cables"), iq(&[("hdmi cables", 2)]));
    assert_eq!(q("2 pairs of speaker stands"), iq(&[("speaker stands", 4)]));
    assert_eq!(q("a pair of headphones"), iq(&[("headphones", 1)]));
    assert_eq!(q("3 pairs of socks"), iq(&[("socks", 3)]));
}
