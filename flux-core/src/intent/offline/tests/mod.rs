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
    // A head count in one word: "a 20-person retreat" bought the 50 water bottles of no count.
    assert_eq!(plan("water bottles and sunscreen for a 20-person outdoor retreat").headcount, Some(20));
    assert_eq!(needs("snacks for a 40-strong team"), v(&[("snacks", 120)]));
    assert_eq!(plan("a 4-person team, snacks").headcount, Some(4));
    // A kind of thing, not people: "2 4-person tables" are two tables.
    assert_eq!(plan("snacks and 2 4-person tables").headcount, None);
}

#[test]
fn numbers_belong_to_the_nearest_item_only() {
    assert_eq!(needs("ship in 2 days some snacks"), v(&[("snacks", 50)]));
    assert_eq!(needs("deliver within 3 days snacks for 40 people"), v(&[("snacks", 120)]));
    assert_eq!(needs("badges for 100 people and snacks"), v(&[("badges", 100), ("snacks", 300)]));
    assert_eq!(needs("24 cold cans of energy drinks"), v(&[("drinks", 24)]));
    // "for a projector for our room" read as an occasion: nothing was recognized.
    assert_eq!(needs("Looking for a projector for our room."), v(&[("av_gear", 1)]));
    assert_eq!(needs("for a webcam for the office"), v(&[("av_gear", 1)]));
    // The sender's name after a sign-off is no item: "Thanks, Chip" bought chips.
    assert_eq!(needs("24 sodas and 10 hdmi cables. Thanks, Chip"), v(&[("drinks", 24), ("cables", 10)]));
    assert_eq!(needs("24 sodas. Thanks!\nChip"), v(&[("drinks", 24)]));
    assert_eq!(needs("24 sodas, and chips, thanks"), v(&[("drinks", 24), ("snacks", 50)]));
    assert_eq!(needs("Please get 24 sodas, thanks! Also some chips"), v(&[("drinks", 24), ("snacks", 50)]));
}

#[test]
fn absurd_quantities_are_dropped_not_trusted() {
    let p = plan("999999999999 badges and snacks");
    assert_eq!(p.needs.iter().map(|n| n.category.as_str()).collect::<Vec<_>>(), vec!["snacks"]);
    assert_eq!(p.dropped[0].reason, DropReason::QuantityOutOfRange);
    // A negative count, or a head count of nobody, is no count to buy: "-5 bags of chips" bought
    // 5, "snacks for 0 people" a pack. Ranges and hyphenated names keep their numbers.
    for prompt in ["24 energy drinks, -5 bags of chips", "24 energy drinks, chips x -5", "24 energy drinks and snacks for 0 people"] {
        let p = plan(prompt);
        assert_eq!(p.needs.iter().map(|n| n.category.as_str()).collect::<Vec<_>>(), vec!["drinks"], "{prompt}");
        assert_eq!(p.dropped.iter().map(|d| d.reason).collect::<Vec<_>>(), [DropReason::QuantityOutOfRange], "{prompt}");
    }
    assert_eq!(needs("- 5 snacks"), v(&[("snacks", 5)]));
    // "a few" is three: "a few hdmi cables" bought the default ten.
    assert_eq!(read_plan("a few hdmi cables").needs[0].quantity, 3);
    // A dash opening a line is a bullet: "-10 hdmi cables" was out of range.
    let p = read_plan("Shopping list:\n-10 hdmi cables\n-5 power strips");
    assert_eq!(p.needs.iter().map(|n| (n.item.as_str(), n.quantity)).collect::<Vec<_>>(), [("hdmi cables", 10), ("power strips", 5)]);
    assert!(p.dropped.is_empty(), "{:?}", p.dropped);
    assert_eq!(plan("snacks for 2 people").needs[0].quantity, 6);
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

/// The plan of `prompt` over the embedded catalog's vocabulary (its tags name items too).
fn read_plan(prompt: &str) -> Plan {
    let catalog = crate::catalog::EmbeddedCatalog::data();
    let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
    OfflineParser.parse_sync(&intent, catalog.vocabulary()).unwrap()
}

/// Needs read with the embedded catalog's vocabulary: (category, item, quantity, attributes).
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
    // "to" after a word that is no part of the category is not "X to Y" ("ship to ..." is a
    // place: `places`).
    assert_eq!(plan("add to hdmi adapters").needs[0].item, "hdmi adapters");
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
fn a_count_in_brackets_on_a_category_is_shared_among_its_kinds() {
    // "Snacks (60): chips, pretzels, cookies" bought 60 snacks and 50 of each kind.
    assert_eq!(q("Snacks (60): chips, pretzels, cookies"), iq(&[("chips", 20), ("pretzels", 20), ("cookies", 20)]));
}

#[test]
fn a_product_heading_over_its_brands_is_no_item() {
    // "energy drinks: 24 red bull, 12 celsius" bought 48 energy drinks besides.
    assert_eq!(q("energy drinks: 24 red bull, 12 celsius"), iq(&[("red bull", 24), ("celsius", 12)]));
    assert_eq!(q("water: 24 lacroix"), iq(&[("lacroix", 24)]));
    // A brand over its count is the brand.
    assert_eq!(q("red bull: 24"), iq(&[("red bull", 24)]));
}

#[test]
fn a_year_in_a_line_that_heads_a_list_is_no_count() {
    // "2024 swag order: 50 stickers" bought 2024 swag items.
    assert_eq!(q("2024 swag order: 50 stickers"), iq(&[("stickers", 50)]));
    assert_eq!(q("2000 stickers"), iq(&[("stickers", 2000)]));
    // A place's number counts nothing.
    assert_eq!(q("Room 204 snacks"), iq(&[("snacks", 50)]));
    assert_eq!(q("booth 12: 24 energy drinks"), iq(&[("energy drinks", 24)]));
    // Right after the item, the colon opens its own parts.
    assert_eq!(q("2000 stickers: 500 blue, 500 red"), iq(&[("stickers", 500), ("stickers", 500), ("stickers", 1000)]));
}

#[test]
fn a_model_number_between_a_brand_and_its_item_is_no_count() {
    // "1 epson 2350 projector" asked for 2350 projectors and an Epson besides.
    assert_eq!(read("1 epson 2350 projector"), [("av_gear".to_owned(), "epson projector".to_owned(), 1, vec!["2350".to_owned()])]);
    assert_eq!(attrs("2 anker 341 hubs"), [ia("anker hubs", &["341"])]);
    assert_eq!(q("2 anker 341 hubs"), iq(&[("anker hubs", 2)]));
    // With no count before the brand, the number counts what follows.
    assert_eq!(q("red bull 24 energy drinks"), iq(&[("red bull", 48), ("energy drinks", 24)]));
}

#[test]
fn a_breakdown_by_size_or_colour_is_a_need_per_part() {
    // Only the first part was counted, and bought in its size: 20 medium t-shirts for 20 M, 15 L
    // and 5 XL; 12 hoodies for 12 black and 8 grey.
    assert_eq!(
        read("T-shirts: 20 medium, 15 large, 5 XL").into_iter().map(|(_, item, n, a)| (item, n, a)).collect::<Vec<_>>(),
        [("t-shirts", 20, "medium"), ("t-shirts", 15, "large"), ("t-shirts", 5, "xl")].map(|(i, n, a)| (
            i.to_owned(),
            n,
            vec![a.to_owned()]
        ))
    );
    assert_eq!(q("hoodies: black, 12, grey, 8"), iq(&[("hoodies", 12), ("hoodies", 8)]));
    assert_eq!(attrs("hoodies: black, 12, grey, 8"), [ia("hoodies", &["black"]), ia("hoodies", &["grey"])]);
    assert_eq!(attrs("hoodies x 10 size XL, 5 size L"), [ia("hoodies", &["size xl"]), ia("hoodies", &["size l"])]);
    // What the item says besides stays with every part.
    assert_eq!(attrs("black t-shirts: 20 medium, 15 large"), [ia("t-shirts", &["black", "medium"]), ia("t-shirts", &["black", "large"])]);
    // "L" after a garment's sizes is large, not litres.
    assert_eq!(q("t-shirts: 10 S, 10 M, 4 L"), iq(&[("t-shirts", 10), ("t-shirts", 10), ("t-shirts", 4)]));
    // A count with nothing to tell it from the first is no part; a correction replaces.
    assert_eq!(q("t-shirts, 20 medium, 20"), iq(&[("t-shirts", 20)]));
    assert_eq!(q("20 lanyards, sorry 30"), iq(&[("lanyards", 30)]));
    assert_eq!(attrs("lanyards, navy, 40"), [ia("lanyards", &["navy"])]);
    assert_eq!(q("lanyards, navy, 40"), iq(&[("lanyards", 40)]));
    // Parts joined by "and", sizes before their counts, measures: 50 default t-shirts, or only
    // the last part, were bought.
    let sized = |prompt: &str| attrs(prompt).into_iter().zip(q(prompt)).map(|((_, a), (item, n))| (item, n, a)).collect::<Vec<_>>();
    let parts = |list: &[(&str, u32, &str)]| list.iter().map(|(i, n, a)| ((*i).to_owned(), *n, vec![(*a).to_owned()])).collect::<Vec<_>>();
    let shirts = parts(&[("t-shirts", 20, "medium"), ("t-shirts", 15, "large")]);
    for prompt in ["t-shirts: 20 medium and 15 large", "t-shirts: medium 20, large 15", "t-shirts (20 medium, 15 large)"] {
        assert_eq!(sized(prompt), shirts, "{prompt}");
    }
    assert_eq!(sized("lanyards: navy 40, black 10"), parts(&[("lanyards", 40, "navy"), ("lanyards", 10, "black")]));
    assert_eq!(sized("hdmi cables: 3 x 6ft and 2 x 10ft"), parts(&[("hdmi cables", 3, "6ft"), ("hdmi cables", 2, "10ft")]));
    assert_eq!(sized("t-shirts: 20 medium, 5 extra large"), parts(&[("t-shirts", 20, "medium"), ("t-shirts", 5, "extra large")]));
    // "and" before a count of another item is no part.
    assert_eq!(q("hdmi cables, 3 and 4 usb-c hubs"), iq(&[("hdmi cables", 3), ("usb-c hubs", 4)]));
}

#[test]
fn a_breakdown_of_a_counted_item_leaves_the_rest_to_the_item() {
    // "40 t-shirts: 20 M, 15 L, 5 XL" bought 48 medium ones: one need of 40 with every size.
    assert_eq!(q("40 t-shirts: 20 medium, 15 large, 5 XL"), iq(&[("t-shirts", 20), ("t-shirts", 15), ("t-shirts", 5)]));
    assert_eq!(q("20 t-shirts (10 M, 10 L) and 20 lanyards"), iq(&[("t-shirts", 10), ("t-shirts", 10), ("lanyards", 20)]));
    // What the parts leave of the count is bought as the item.
    assert_eq!(attrs("24 energy drinks, 12 sugar free"), [ia("energy drinks", &["sugar-free"]), ia("energy drinks", &[])]);
    assert_eq!(q("24 energy drinks, 12 sugar free"), iq(&[("energy drinks", 12), ("energy drinks", 12)]));
    assert_eq!(q("30 lanyards, 20 black"), iq(&[("lanyards", 20), ("lanyards", 10)]));
    // A count with nothing of its own is not part of one.
    assert_eq!(q("10 mugs, 24"), iq(&[("mugs", 10)]));
}

#[test]
fn colour_compounds_are_one_attribute() {
    assert_eq!(attrs("royal blue lanyards for the staff"), [ia("lanyards", &["royal blue"])]);
    assert_eq!(attrs("heather gray zip hoodies"), [ia("zip hoodies", &["heather gray"])]);
    // "navy blue" is navy, as catalogs call it: "12 navy blue lanyards" bought royal blue ones.
    assert_eq!(attrs("t-shirts in navy blue"), [ia("t-shirts", &["navy"])]);
    assert_eq!(attrs("12 navy blue lanyards"), [ia("lanyards", &["navy"])]);
}

pub(super) fn unread(prompt: &str) -> Vec<String> {
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
    // Nor after who asks, nor before another item in a sentence with counts: only beer and hot
    // dogs were reported.
    assert_eq!(unread("We need pizza, beer and soda"), ["pizza", "beer"]);
    assert_eq!(unread("I want sandwiches and cookies"), ["sandwiches"]);
    assert_eq!(unread("burgers, hot dogs, soda for 10"), ["burgers", "hot dogs"]);
    assert_eq!(unread("sunscreen (x3), water bottles (x3)"), ["sunscreen"]);
    assert_eq!(unread("- sunscreen (3)\n- water bottles (3)"), ["sunscreen"]);
    assert_eq!(unread("Room (204), snacks"), Vec::<String>::new());
    // An occasion first is what the list is for ("birthday" was reported as an item).
    assert_eq!(unread("Birthday party, cake, balloons, juice"), ["cake", "balloons"]);
    assert_eq!(unread("Team lunch, pizza, salads, 12 sparkling waters"), ["pizza", "salads"]);
    // A thing for the occasion is a thing: "lunch boxes" first in a list went unreported.
    assert_eq!(unread("lunch boxes, water, lanyards"), ["lunch boxes"]);
    assert_eq!(unread("birthday cake, balloons and soda"), ["birthday cake", "balloons"]);
    assert_eq!(unread("holiday party supplies: cups, plates"), Vec::<String>::new());
    // Saying a choice is fine names nothing ("fine" was reported twice).
    assert_eq!(unread("50 lanyards, blue or black is fine"), Vec::<String>::new());
    assert_eq!(unread("snacks for 20, whatever is good"), Vec::<String>::new());
    assert_eq!(unread("hoodies, any colour works"), Vec::<String>::new());
    // What names a group of people or an occasion is no item ("book", "study", "dev" were
    // reported), and a count is said as one.
    for p in [
        "book club of 8, need snacks",
        "study group of 5, need snacks",
        "dev team of 8, need snacks",
        "design sprint for 6 people, need markers",
    ] {
        assert_eq!(unread(p), Vec::<String>::new(), "{p}");
    }
    assert_eq!(unread("picnic for 50: burgers, soda and a couple of coolers"), ["burgers", "2 coolers"]);
    assert_eq!(unread("5 new hires. each gets a laptop bag and a hoodie"), ["laptop bag"]);
    // Words of the order within a part, and a sign-off with more asked after it, hide nothing.
    assert_eq!(unread("24 energy drinks and 10 pizzas for delivery"), ["10 pizzas"]);
    assert_eq!(unread("Thanks in advance: 10 pizzas, 24 energy drinks"), ["10 pizzas"]);
    assert_eq!(unread("24 energy drinks, cheers, 10 pizzas"), ["10 pizzas"]);
    assert_eq!(unread("send 10 pizzas and 24 energy drinks"), ["10 pizzas"]);
    // A container word ends a thing's name, and a word in "-ing" before the last names its
    // kind: "sleeping bags" were left out in silence first, and reported as "sleeping" after.
    assert_eq!(unread("sleeping bags and snacks for 20"), ["sleeping bags"]);
    assert_eq!(unread("snacks and sleeping bags for 20"), ["sleeping bags"]);
    assert_eq!(unread("camping lanterns and 24 energy drinks"), ["camping lanterns"]);
    assert_eq!(unread("snacks and tea, 2 boxes"), ["tea"]);
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
    // The package after the item, as people write it: "2 whiteboard markers packs" bought one pack.
    assert_eq!(packs("2 whiteboard markers packs"), [("whiteboard markers".to_owned(), 2, Some(2))]);
    assert_eq!(packs("3 sticky notes packs, 10 usb-c hubs"), [("sticky notes".to_owned(), 3, Some(3)), ("usb-c hubs".into(), 10, None)]);
    assert_eq!(packs("24 energy drink cans"), [("energy drink".to_owned(), 24, None)]);
    // Not after one thing, nor boxes, which name products ("pen cases", "snack boxes"); a tray is
    // a thing made for the item, no item ("5 snack trays", "4 paper trays").
    for prompt in ["10 pen cases", "6 snack boxes"] {
        assert!(packs(prompt).iter().all(|(_, _, p)| p.is_none()), "{prompt}: {:?}", packs(prompt));
    }
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
    // With the catalog's hyphen: "noisecancelling" was shown to the user.
    assert_eq!(items("ear buds and post it notes"), ["earbuds", "post-it notes"]);
    assert_eq!(items("noise cancelling headphones"), ["noise-cancelling headphones"]);
    assert_eq!(items("an ear bud"), ["earbud"]);
    // Never with a function word ("a very" is not the badge brand Avery, "a pc" not APC), nor
    // when the words only stem alike ("be any" is not beanies).
    assert_eq!(items("a very quiet projector"), ["very quiet projector"]);
    assert_eq!(items("hoodies, we have a very tight deadline"), ["hoodies"]);
    assert_eq!(items("snacks, can be any brand"), ["snacks"]);
    assert_eq!(items("surge protectors for a pc"), ["surge protectors"]);
}

mod counted;
mod hostile;
mod lists;
mod orders;
mod probed;
mod quantities;
mod refusals;
mod reviewed;
mod spend;
mod stores;
mod tenure;
