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
    // A group named by its size counts its people; a container counts items.
    assert_eq!(plan("coffee and water for an offsite of 30").headcount, Some(30));
    // Three drinks a person, whichever drinks: coffee and water share them.
    assert_eq!(needs("coffee and water for an offsite of 30"), v(&[("drinks", 45), ("drinks", 45)]));
    // "chips, cookies, candy, nuts and popcorn for 40" bought 600 snacks; a badge and a lanyard
    // each are not shared, nor a drink counted on its own.
    assert_eq!(needs("chips, cookies, candy, nuts and popcorn for 40").iter().map(|(_, q)| q).sum::<u32>(), 120);
    assert_eq!(needs("badges and lanyards for 40 people"), v(&[("badges", 40), ("lanyards", 40)]));
    assert_eq!(needs("24 energy drinks and water for 30 people"), v(&[("drinks", 24), ("drinks", 90)]));
    // One item named twice shares with no one.
    assert_eq!(needs("we need coffee for 30 people, and the coffee should arrive by 8am"), v(&[("drinks", 90)]));
    assert_eq!(plan("birthday party of 12: juice and paper plates").headcount, Some(12));
    assert_eq!(needs("a pack of 24 energy drinks"), v(&[("drinks", 24)]));
    assert_eq!(plan("a box of 12 pens").headcount, None);
    assert_eq!(plan("hoodies and snacks for the class of 2025").headcount, None);
    assert_eq!(plan("snacks for a conference of 350").headcount, Some(350));
}

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

/// Needs read with the embedded catalog's vocabulary (its tags name items too):
/// (category, item, quantity, attributes).
/// The plan of `prompt` over the embedded catalog's vocabulary (its tags name items too).
fn read_plan(prompt: &str) -> Plan {
    let catalog = crate::catalog::EmbeddedCatalog::data();
    let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
    OfflineParser.parse_sync(&intent, catalog.vocabulary()).unwrap()
}

fn read(prompt: &str) -> Vec<(String, String, u32, Vec<String>)> {
    read_plan(prompt).needs.into_iter().map(|n| (n.category, n.item, n.quantity, n.attributes)).collect()
}

fn items(prompt: &str) -> Vec<String> {
    read(prompt).into_iter().map(|(_, item, _, _)| item).collect()
}

fn q(prompt: &str) -> Vec<(String, u32)> {
    read(prompt).into_iter().map(|(_, item, quantity, _)| (item, quantity)).collect()
}

fn iq(items: &[(&str, u32)]) -> Vec<(String, u32)> {
    items.iter().map(|(i, n)| ((*i).to_owned(), *n)).collect()
}

fn attrs(prompt: &str) -> Vec<(String, Vec<String>)> {
    read(prompt).into_iter().map(|(_, item, _, a)| (item, a)).collect()
}

fn ia(item: &str, a: &[&str]) -> (String, Vec<String>) {
    (item.to_owned(), a.iter().map(|x| (*x).to_owned()).collect())
}

#[test]
fn catalog_tags_name_items() {
    // The vocabulary knows neither; the catalog's tags do.
    assert_eq!(q("Two dozen Red Bulls and 48 cans of LaCroix"), iq(&[("red bulls", 24), ("lacroix", 48)]));
    assert_eq!(items("Doritos, Cheetos and a Meeting Owl"), ["doritos", "cheetos", "meeting owl"]);
    assert!(OfflineParser
        .parse_sync(&Intent::new("LaCroix", Amount::ONE, 7, Strategy::Balanced).unwrap(), &Vocabulary::embedded())
        .is_err());
    // An everyday word some brand uses names nothing alone ...
    assert_eq!(items("what kind of snacks do you have"), ["snacks"]);
    assert_eq!(items("we would be glad to get drinks"), ["drinks"]);
    // ... but does with an item word after it.
    assert_eq!(items("KIND bars and Glad trash bags"), ["kind bars", "glad trash bags"]);
    // A tag of two categories takes the one of the item it describes.
    let r = read("a Bose PA system and Bose headphones");
    assert_eq!((r[0].0.as_str(), r[0].1.as_str()), ("av_gear", "bose pa system"));
    assert_eq!((r[1].0.as_str(), r[1].1.as_str()), ("prizes", "bose headphones"));
}

#[test]
fn phrases_next_to_each_other_are_one_item() {
    assert_eq!(items("Post-it easel pads and an eero mesh wifi system"), ["post-it easel pads", "eero mesh wifi system"]);
    assert_eq!(items("two Shure SM58 microphones"), ["shure sm58 microphones"]);
    // A singular word describes the next ("snack bowls" are bowls); plurals are a list.
    let r = read("snack bowls");
    assert_eq!((r[0].0.as_str(), r[0].1.as_str()), ("tableware", "snack bowls"));
    assert_eq!(items("snacks drinks badges"), ["snacks", "drinks", "badges"]);
    // "Hello My Name Is" stickers are name tags, not swag stickers.
    let r = read("300 Hello My Name Is stickers");
    assert_eq!((r[0].0.as_str(), r[0].1.as_str(), r[0].2), ("badges", "hello my name is stickers", 300));
    // An everyday word that is an occasion ("expo") describes only its own category's items.
    assert_eq!(items("tech expo snacks and EXPO markers"), ["snacks", "expo markers"]);
}

#[test]
fn words_after_an_item_that_end_like_its_category_extend_it() {
    assert_eq!(q("8 Raspberry Pi starter kits and 4 Fitbit trackers"), iq(&[("raspberry pi starter kits", 8), ("fitbit trackers", 4)]));
    assert_eq!(q("two dozen beef jerky packs"), iq(&[("beef jerky packs", 24)]));
}

#[test]
fn packages_before_of_are_not_the_item() {
    assert_eq!(q("10 reams of copy paper, 12 bottles of SToK cold brew"), iq(&[("copy paper", 10), ("stok cold brew", 12)]));
    // "a box of", "a case of": one package; "a 24-pack": 24.
    assert_eq!(q("a box of EXPO markers, a case of diet soda"), iq(&[("expo markers", 1), ("diet soda", 1)]));
    assert_eq!(q("a 24-pack of Red Bull"), iq(&[("red bull", 24)]));
    // "a bunch of" is no count.
    assert_eq!(needs("a bunch of snacks"), v(&[("snacks", 50)]));
}

#[test]
fn x_to_y_is_one_item() {
    assert_eq!(q("four USB-C to DisplayPort adapters"), iq(&[("usb-c to displayport adapters", 4)]));
    assert_eq!(plan("four usb-c to hdmi adapters").needs[0].item, "usb-c to hdmi adapters");
    // "to" after a word that is no part of the category is not "X to Y".
    assert_eq!(plan("ship to hdmi adapters").needs[0].item, "hdmi adapters");
}

#[test]
fn one_each_and_one_count_for_a_list() {
    assert_eq!(
        q("an insulated water bottle and a laptop backpack for each of the 30 new hires"),
        iq(&[("insulated water bottle", 30), ("laptop backpack", 30)])
    );
    // Counted items keep their count; in the same clause, it is per person.
    assert_eq!(
        q("a Dell docking station for each of the 6 analysts, plus 8 universal travel adapters"),
        iq(&[("dell docking station", 6), ("universal travel adapters", 8)])
    );
    assert_eq!(q("two monitors for each of the 6 analysts"), iq(&[("monitors", 12)]));
    assert_eq!(
        q("heather gray zip hoodies and charcoal beanies for the ski offsite, 25 of each"),
        iq(&[("zip hoodies", 25), ("beanies", 25)])
    );
    assert_eq!(q("hoodies and caps, 25 each"), iq(&[("hoodies", 25), ("caps", 25)]));
}

#[test]
fn money_and_versions_are_never_quantities() {
    assert_eq!(read("a $100 Visa gift card")[0].2, 1);
    assert_eq!(attrs("a $100 Visa gift card"), [ia("visa gift card", &["$100"])]);
    assert_eq!(read("four Wi-Fi 6 access points")[0].2, 4);
    assert_eq!(attrs("four Wi-Fi 6 access points"), [ia("access points", &["wi-fi 6"])]);
    // A version names an item said only in its category's generic words.
    assert_eq!(q("three HDMI 2.1 cables and Cat 6 cables"), iq(&[("hdmi 2.1 cables", 3), ("cat 6 cables", 10)]));
}

#[test]
fn numbered_premodifiers_are_attributes() {
    assert_eq!(q("a 10-channel mixer"), iq(&[("mixer", 1)]));
    assert_eq!(
        attrs("a 10-channel mixer and three 12-outlet surge protectors"),
        [ia("mixer", &["10-channel"]), ia("surge protectors", &["12-outlet"])]
    );
}

#[test]
fn occasions_name_no_item() {
    assert_eq!(items("Clorox wipes and a spin mop for the food station"), ["clorox wipes", "spin mop"]);
    assert_eq!(items("160 hot cups for the coffee bar plus cutlery kits"), ["hot cups", "cutlery kits"]);
    assert_eq!(items("two Kindles for the raffle"), ["kindles"]);
    // ... unless they count people or end in an item.
    assert_eq!(q("navy dad hats for a team of 12"), iq(&[("dad hats", 12)]));
    assert_eq!(q("badges for the 100 attendees"), iq(&[("badges", 100)]));
    assert_eq!(items("a budget for the snacks"), ["snacks"]);
    // "as the grand prize" is a role, not another prize.
    assert_eq!(q("an iPad as the grand prize"), iq(&[("ipad", 1)]));
}

#[test]
fn a_count_alone_after_an_item_counts_it() {
    assert_eq!(q("coffee mugs, 24"), iq(&[("coffee mugs", 24)]));
    assert_eq!(q("coconut water, 12 bottles"), iq(&[("coconut water", 12)]));
    // A counted item keeps its count; a number before the next item is that item's.
    assert_eq!(q("10 mugs, 24"), iq(&[("mugs", 10)]));
    assert_eq!(q("snacks, 24 energy drinks"), iq(&[("snacks", 50), ("energy drinks", 24)]));
}

#[test]
fn colour_compounds_are_one_attribute() {
    assert_eq!(attrs("royal blue lanyards for the staff"), [ia("lanyards", &["royal blue"])]);
    assert_eq!(attrs("heather gray zip hoodies"), [ia("zip hoodies", &["heather gray"])]);
    // "navy blue" is navy, as catalogs call it: "12 navy blue lanyards" bought royal blue ones.
    assert_eq!(attrs("t-shirts in navy blue"), [ia("t-shirts", &["navy"])]);
    assert_eq!(attrs("12 navy blue lanyards"), [ia("lanyards", &["navy"])]);
}

fn unread(prompt: &str) -> Vec<String> {
    plan(prompt).dropped.into_iter().filter(|d| d.reason == DropReason::NotRecognized).map(|d| d.item).collect()
}

#[test]
fn list_items_that_name_nothing_known_are_reported_not_dropped_in_silence() {
    // Mice, tea, pizza, batteries, balloons and cake are nowhere in the vocabulary or catalog.
    let p = plan("3 mechanical keyboards, 3 wireless mice, 3 27-inch monitors");
    assert_eq!(p.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["mechanical keyboards", "monitors"]);
    assert_eq!(unread("3 mechanical keyboards, 3 wireless mice, 3 27-inch monitors"), ["3 wireless mice"]);
    assert_eq!(unread("coffee and tea for 30 people, paper cups"), ["tea"]);
    assert_eq!(unread("team lunch for 12: pizza, sparkling water, plates"), ["pizza"]);
    assert_eq!(unread("a dozen AA batteries, 50 name badges"), ["12 aa batteries"]);
    assert_eq!(unread("birthday party for 20 kids: balloons, cake, juice boxes"), ["balloons", "cake"]);
    assert_eq!(unread("24 energy drinks, 10 pizzas, napkins"), ["10 pizzas"]);
    // The first item of a list is reported like the others: these were left out in silence.
    assert_eq!(unread("pizza and soda"), ["pizza"]);
    assert_eq!(unread("staplers x5, snacks x10"), ["staplers"]);
    assert_eq!(unread("wireless mice x10, keyboards x10"), ["mice"]);
    assert_eq!(unread("a cake and 24 energy drinks"), ["cake"]);
    assert_eq!(unread("laptop stand, usb-c hub"), ["laptop stand"]);
    // Words of the order within a part, and a sign-off with more asked after it, hide nothing.
    assert_eq!(unread("24 energy drinks and 10 pizzas for delivery"), ["10 pizzas"]);
    assert_eq!(unread("Thanks in advance: 10 pizzas, 24 energy drinks"), ["10 pizzas"]);
    assert_eq!(unread("24 energy drinks, cheers, 10 pizzas"), ["10 pizzas"]);
    assert_eq!(unread("send 10 pizzas and 24 energy drinks"), ["10 pizzas"]);
    let reason = plan("snacks, tea").dropped.into_iter().map(|d| d.reason.as_str()).collect::<Vec<_>>();
    assert_eq!(reason, ["not_recognized"]);
}

#[test]
fn chatter_headings_times_and_budgets_are_not_reported_as_items() {
    for prompt in [
        "Hi! Could you grab some snacks for our team of 12? Thanks!",
        "hackathon kit for 60 people: snacks, 24 energy drinks, badges, prizes, usb-c hubs",
        "We are hosting an offsite next Friday for 40 people. Please get snacks, drinks and a projector, delivered by Thursday.",
        "snacks (healthy if possible), drinks, and a projector for the demo day",
        "snacks and drinks for the team, budget 500, asap",
        "hoodies and beanies, 25 of each, in navy",
        "lanyards/badges for 200 attendees + 10 speakers",
        "a tablet as the grand prize, snacks",
        "We're planning a party and need snacks",
        "Hosting a hackathon, need snacks and 24 energy drinks",
        "Quick one, 24 energy drinks please",
        "Hello team, we need badges",
        "Offsite in Denver, snacks and drinks",
        "Welcome back, snacks please",
        "Sales kickoff, 30 people, snacks, coffee, a projector",
        "Last minute request, 24 energy drinks",
        "As discussed, 24 energy drinks and snacks",
        "New office setup, 10 monitors, 10 keyboards",
        "24 energy drinks. Thanks, Sarah",
        "snacks for the team. Kind regards, Dana",
        "Ship to 123 Main St: 24 energy drinks",
        "Deliver to Building 4, room 201: snacks",
        "PO #12345, 30 badges",
        "Date: March 14. 24 energy drinks",
        "24 energy drinks\n\nSent from my iPhone",
    ] {
        assert_eq!(unread(prompt), Vec::<String>::new(), "{prompt}");
    }
    // Words of asking are not part of the item.
    assert_eq!(plan("Could you grab some snacks for our team of 12?").needs[0].item, "snacks");
}

#[test]
fn equipment_named_in_the_singular_without_a_count_is_one() {
    let q = |prompt: &str| plan(prompt).needs.into_iter().map(|n| (n.item, n.quantity)).collect::<Vec<_>>();
    let one = |item: &str| vec![(item.to_owned(), 1)];
    assert_eq!(q("HDMI adapter for a macbook"), one("hdmi adapter"));
    assert_eq!(q("projector"), one("projector"));
    assert_eq!(q("whiteboard"), one("whiteboard"));
    assert_eq!(q("ethernet cable"), one("ethernet cable"));
    // A head count says nothing of a projector.
    assert_eq!(q("projector for 40 people"), one("projector"));
    // Plurals, the category's own name, and kinds of food and drink keep the defaults.
    assert_eq!(needs("usb-c hubs"), v(&[("adapters", 5)]));
    assert_eq!(needs("cable"), v(&[("cables", 10)]));
    assert_eq!(needs("swag"), v(&[("swag", 50)]));
    assert_eq!(needs("coffee"), v(&[("drinks", 48)]));
    assert_eq!(needs("energy drink"), v(&[("drinks", 48)]));
    // With a head count, per-person goods follow it whatever the number of the noun.
    assert_eq!(needs("badge for 60 people"), v(&[("badges", 60)]));
}

#[test]
fn packages_are_counted_as_packages() {
    let packs = |p: &str| plan(p).needs.into_iter().map(|n| (n.item, n.quantity, n.packs)).collect::<Vec<_>>();
    assert_eq!(packs("2 cases of energy drinks"), [("energy drinks".to_owned(), 2, Some(2))]);
    assert_eq!(packs("5 boxes of pens and 3 packs of sticky notes"), [("pens".into(), 5, Some(5)), ("sticky notes".into(), 3, Some(3))]);
    // Cans, bottles and reams are the units; a package's size said outright is units too.
    assert_eq!(packs("24 cans of energy drinks"), [("energy drinks".to_owned(), 24, None)]);
    assert_eq!(packs("10 reams of copy paper"), [("copy paper".to_owned(), 10, None)]);
    assert_eq!(packs("two 12-packs of soda"), [("soda".to_owned(), 24, None)]);
    // "a case of", "1 case of": one package; "a 24 pack of": one pack of 24 units.
    assert_eq!(packs("a case of water"), [("water".to_owned(), 1, Some(1))]);
    assert_eq!(packs("1 case of water"), [("water".to_owned(), 1, Some(1))]);
    assert_eq!(packs("a 24 pack of energy drinks"), [("energy drinks".to_owned(), 24, None)]);
    assert_eq!(packs("12 pack of soda"), [("soda".to_owned(), 12, None)]);
    assert_eq!(packs("2 pallets of water"), [("water".to_owned(), 2, None)]);
    // Per person, a package count is still packages.
    assert_eq!(packs("2 cases of water for each of the 3 teams"), [("water".to_owned(), 6, Some(6))]);
    assert_eq!(packs("a case of water for each of the 3 teams"), [("water".to_owned(), 3, Some(3))]);
    // The same item counted in packages and in units stays two needs (plan sanitizing too).
    assert_eq!(packs("2 cases of water and 12 bottles of water"), [("water".to_owned(), 2, Some(2)), ("water".to_owned(), 12, None)]);
    assert_eq!(packs("2 cases of water and 3 cases of water"), [("water".to_owned(), 5, Some(5))]);
    // A later mention without a count is the same need, whichever way it was counted.
    assert_eq!(packs("a case of water. make sure the water is cold"), [("water".to_owned(), 1, Some(1))]);
    assert_eq!(packs("water, and 2 cases of water"), [("water".to_owned(), 2, Some(2))]);
    // A stated count adds to a head count of the same item, as before.
    assert_eq!(needs("water for 20 people, plus 12 bottles of water"), v(&[("drinks", 72)]));
    // A package's size between the count and the package: "two 12 packs" are 24 cans.
    assert_eq!(packs("two 12 packs of soda"), [("soda".to_owned(), 24, None)]);
    assert_eq!(packs("two twelve packs of soda"), [("soda".to_owned(), 24, None)]);
    // Packages of a stated size: "3 boxes of 10 pens" are thirty pens.
    assert_eq!(packs("3 boxes of 10 pens"), [("pens".to_owned(), 30, None)]);
    // A count after the item counts the same way.
    assert_eq!(packs("energy drinks, 2 cases"), [("energy drinks".to_owned(), 2, Some(2))]);
    assert_eq!(packs("coconut water, 12 bottles"), [("coconut water".to_owned(), 12, None)]);
    // "N of each" keeps what "a case of" counts.
    assert_eq!(packs("a case of water and a box of pens, 3 of each"), [("water".to_owned(), 3, Some(3)), ("pens".to_owned(), 3, Some(3))]);
}

#[test]
fn a_word_split_in_two_is_read_as_the_catalog_writes_it() {
    // The catalog tags LaCroix as "lacroix".
    assert_eq!(items("2 cases of la croix"), ["lacroix"]);
    assert_eq!(items("la croix sparkling water and chips"), ["lacroix sparkling water", "chips"]);
    assert_eq!(items("ear buds and post it notes"), ["earbuds", "postit notes"]);
    assert_eq!(items("an ear bud"), ["earbud"]);
    // Never with a function word ("a very" is not the badge brand Avery, "a pc" not APC), nor
    // when the words only stem alike ("be any" is not beanies).
    assert_eq!(items("a very quiet projector"), ["very quiet projector"]);
    assert_eq!(items("hoodies, we have a very tight deadline"), ["hoodies"]);
    assert_eq!(items("snacks, can be any brand"), ["snacks"]);
    assert_eq!(items("surge protectors for a pc"), ["surge protectors"]);
}

mod hostile;
mod lists;
mod refusals;
