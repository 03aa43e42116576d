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
    assert_eq!(needs("coffee and water for an offsite of 30"), v(&[("drinks", 90), ("drinks", 90)]));
    assert_eq!(plan("birthday party of 12: juice and paper plates").headcount, Some(12));
    assert_eq!(needs("a pack of 24 energy drinks"), v(&[("drinks", 24)]));
    assert_eq!(plan("a box of 12 pens").headcount, None);
    assert_eq!(plan("hoodies and snacks for the class of 2025").headcount, None);
    assert_eq!(plan("snacks for a conference of 350").headcount, Some(350));
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
fn read(prompt: &str) -> Vec<(String, String, u32, Vec<String>)> {
    let catalog = crate::catalog::EmbeddedCatalog::data();
    let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
    let plan = OfflineParser.parse_sync(&intent, catalog.vocabulary()).unwrap();
    plan.needs.into_iter().map(|n| (n.category, n.item, n.quantity, n.attributes)).collect()
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
    assert_eq!(attrs("t-shirts in navy blue"), [ia("t-shirts", &["navy blue"])]);
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

fn excluded(prompt: &str) -> Vec<String> {
    let catalog = crate::catalog::EmbeddedCatalog::data();
    let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
    OfflineParser
        .parse_sync(&intent, catalog.vocabulary())
        .unwrap()
        .dropped
        .into_iter()
        .filter(|d| d.reason == DropReason::Excluded)
        .map(|d| d.item)
        .collect()
}

#[test]
fn what_the_prompt_asks_not_to_buy_is_no_need() {
    for (prompt, wanted, left_out) in [
        ("no snacks, just 10 bottles of water", vec![("water", 10)], vec!["snacks"]),
        ("water and badges but no snacks", vec![("water", 48), ("badges", 50)], vec!["snacks"]),
        ("snacks and drinks without any badges", vec![("snacks", 50), ("drinks", 48)], vec!["badges"]),
        ("we don't need lanyards, only 20 badges", vec![("badges", 20)], vec!["lanyards"]),
        ("we do not want any snacks. 12 energy drinks", vec![("energy drinks", 12)], vec!["snacks"]),
        ("no need for snacks; 2 hdmi cables", vec![("hdmi cables", 2)], vec!["snacks"]),
        ("skip the chips, 24 energy drinks please", vec![("energy drinks", 24)], vec!["chips"]),
        ("everything for the demo except cables: a projector", vec![("projector", 1)], vec!["cables"]),
        ("lanyards, neither snacks nor drinks", vec![("lanyards", 50)], vec!["snacks", "drinks"]),
        ("no snacks or drinks, 30 lanyards", vec![("lanyards", 30)], vec!["snacks", "drinks"]),
        ("we already have badges, 40 lanyards", vec![("lanyards", 40)], vec!["badges"]),
        ("snacks, drinks. Actually, no snacks.", vec![("drinks", 48)], vec!["snacks"]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert_eq!(excluded(prompt), left_out, "{prompt}");
    }
}

#[test]
fn words_near_a_negation_that_do_not_negate_the_item() {
    // A limit, a description, a reminder, a clause of its own, a counted item after "or".
    assert_eq!(q("no more than 24 energy drinks"), iq(&[("energy drinks", 24)]));
    // "no sugar" describes: the matching terms read it as sugar-free.
    assert_eq!(attrs("no sugar energy drinks"), [ia("no sugar energy drinks", &[])]);
    assert_eq!(q("don't forget the 30 badges"), iq(&[("badges", 30)]));
    assert_eq!(q("No, we need 12 energy drinks"), iq(&[("energy drinks", 12)]));
    assert_eq!(q("no snacks or a projector"), iq(&[("projector", 1)]));
    assert!(excluded("no more than 24 energy drinks").is_empty());
    // Not wanted is not missed: "no balloons" is not reported as unread.
    assert!(unread("snacks, no balloons").is_empty());
}

#[test]
fn a_prompt_that_only_leaves_things_out_asks_for_nothing() {
    let intent = Intent::new("no snacks and no drinks", Amount::whole(50), 7, Strategy::Balanced).unwrap();
    let err = OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap_err();
    assert_eq!(err.code(), "NOTHING_WANTED");
    assert!(err.to_string().contains("\"snacks\", \"drinks\""), "{err}");
}

fn ruled_out(prompt: &str) -> Vec<(String, Vec<String>)> {
    let catalog = crate::catalog::EmbeddedCatalog::data();
    let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
    let plan = OfflineParser.parse_sync(&intent, catalog.vocabulary()).unwrap();
    plan.needs.into_iter().map(|n| (n.item, n.excluding)).collect()
}

#[test]
fn a_negation_right_after_an_item_rules_something_out_of_it() {
    for (prompt, want) in [
        ("snacks without nuts", vec![ia("snacks", &["nuts"])]),
        ("coffee with no sugar", vec![ia("coffee", &["sugar"])]),
        ("water, not sparkling", vec![ia("water", &["sparkling"])]),
        ("snacks, but no chips or pretzels", vec![ia("snacks", &["chips", "pretzels"])]),
        ("a projector, no cables needed", vec![ia("projector", &[])]),
        ("drinks, no snacks", vec![ia("drinks", &[])]),
        ("24 energy drinks, not 12", vec![ia("energy drinks", &[])]),
        // Ruled out differently, two needs; a refused item ("nuts") is ruled out of its whole
        // category.
        ("snacks without nuts for 10 people, and snacks without gluten", vec![ia("snacks", &["nuts"]), ia("snacks", &["gluten", "nuts"])]),
    ] {
        assert_eq!(ruled_out(prompt), want, "{prompt}");
    }
    // What is ruled out of an item is not bought as an item either.
    assert_eq!(excluded("snacks, but no chips or pretzels"), ["chips", "pretzels"]);
}

#[test]
fn what_is_missing_or_named_again_with_a_count_is_bought() {
    for (prompt, wanted) in [
        // Lacking is not refusing.
        ("we have no badges, need 30 badges", vec![("badges", 30)]),
        ("there is no water at the venue, so 48 bottles of water", vec![("water", 48)]),
        ("the room has no projector: we need a projector and 2 microphones", vec![("projector", 1), ("microphones", 2)]),
        ("I don't have any lanyards, 40 lanyards please", vec![("lanyards", 40)]),
        // A refusal refused, and a count after a refusal.
        ("don't skip the snacks, 20 snacks", vec![("snacks", 20)]),
        ("we already have badges for staff, need 30 badges for guests", vec![("badges", 30)]),
        ("we already have some badges, need 30 more", vec![("badges", 30)]),
        ("we already have 20 lanyards, need 40 more lanyards", vec![("lanyards", 40)]),
        ("no hackathon is complete without snacks: 60 snacks", vec![("snacks", 60)]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert!(excluded(prompt).is_empty(), "{prompt}: {:?}", excluded(prompt));
    }
}

#[test]
fn a_refusal_in_a_colour_size_or_brand_rules_that_out_of_what_is_asked() {
    for (prompt, want, left_out) in [
        ("no black t-shirts, 20 white t-shirts", vec![ia("t-shirts", &["black"])], "black t-shirts"),
        ("we don't want black lanyards, 40 blue lanyards", vec![ia("lanyards", &["black"])], "black lanyards"),
        ("no red lanyards, 40 lanyards", vec![ia("lanyards", &["red"])], "red lanyards"),
        ("no 4k projector, just a 1080p projector", vec![ia("projector", &["4k"])], "4k projector"),
        ("no expensive chairs, 50 folding chairs", vec![ia("folding chairs", &["expensive"])], "expensive chairs"),
        ("please no red bull: 24 energy drinks", vec![ia("energy drinks", &["red bull"])], "red bull"),
        ("no drinks, 24 energy drinks", vec![ia("energy drinks", &[])], "drinks"),
    ] {
        assert_eq!(ruled_out(prompt), want, "{prompt}");
        assert_eq!(excluded(prompt), [left_out], "{prompt}");
    }
}

#[test]
fn refusals_after_the_item_and_in_other_words() {
    for (prompt, wanted, left_out) in [
        ("we don\u{2019}t need snacks, just 24 energy drinks", vec![("energy drinks", 24)], "snacks"),
        ("badges are not needed, 30 lanyards", vec![("lanyards", 30)], "badges"),
        ("badges: not needed. 30 lanyards", vec![("lanyards", 30)], "badges"),
        ("30 lanyards; badges aren't needed", vec![("lanyards", 30)], "badges"),
        ("we no longer need badges, 30 lanyards", vec![("lanyards", 30)], "badges"),
        ("30 lanyards instead of badges", vec![("lanyards", 30)], "badges"),
        ("30 lanyards rather than badges", vec![("lanyards", 30)], "badges"),
        ("30 lanyards, leave out the badges", vec![("lanyards", 30)], "badges"),
        ("anything but energy drinks, 40 snacks", vec![("snacks", 40)], "energy drinks"),
        ("none of the lanyards, just 30 badges", vec![("badges", 30)], "lanyards"),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert_eq!(excluded(prompt), [left_out], "{prompt}");
    }
    // What names nothing is not ruled out, and not reported as unread either.
    assert_eq!(ruled_out("10 hdmi cables, not the 3 ft ones"), [ia("hdmi cables", &["3ft"])]);
    assert_eq!(ruled_out("50 chairs, not the folding kind"), [ia("chairs", &["folding"])]);
    for prompt in ["24 energy drinks without delay", "a projector or a monitor, not both", "30 t-shirts, not too big"] {
        assert!(ruled_out(prompt).iter().all(|(_, e)| e.is_empty()), "{prompt}: {:?}", ruled_out(prompt));
    }
    assert_eq!(ruled_out("at least 30 badges, no less than 30 lanyards"), [ia("badges", &[]), ia("lanyards", &[])]);
    // "zero sugar" describes; it is no count.
    assert_eq!(q("24 zero sugar energy drinks"), iq(&[("zero sugar energy drinks", 24)]));
}

#[test]
fn a_negation_after_an_unknown_item_does_not_hide_it() {
    assert_eq!(unread("30 badges, 10 wireless mice without delay"), ["10 wireless mice"]);
    assert_eq!(unread("30 badges, and don't forget the balloons"), ["balloons"]);
    assert!(unread("30 badges, no balloons").is_empty());
}

#[test]
fn everyday_refusals_lacks_and_what_is_at_hand() {
    // Refused, in the words people use: the item is not bought and the plan says so.
    for (prompt, wanted, left_out) in [
        ("kids party: juice boxes, snacks, nothing with nuts", vec![("juice boxes", 48), ("snacks", 50)], vec!["nuts"]),
        ("snacks for the kids party, we can't have nuts", vec![("snacks", 50)], vec!["nuts"]),
        ("snacks and juice boxes, nuts are not allowed", vec![("snacks", 50), ("juice boxes", 48)], vec!["nuts"]),
        ("snacks, avoid nuts please", vec![("snacks", 50)], vec!["nuts"]),
        ("there are no snacks needed, 24 energy drinks", vec![("energy drinks", 24)], vec!["snacks"]),
        ("we have no use for badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("forget the badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("hold off on the badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("don't bother with badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("we shouldn't need badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("snacks won't be necessary, 30 lanyards", vec![("lanyards", 30)], vec!["snacks"]),
        ("badges: skip. 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("we have badges already, just need 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("the t-shirts are already ordered, 30 lanyards", vec![("lanyards", 30)], vec!["t-shirts"]),
        ("we have plates and cups already, 50 napkins", vec![("napkins", 50)], vec!["plates", "cups"]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert_eq!(excluded(prompt), left_out, "{prompt}");
    }
    // Missing, or refused twice, or more of what is at hand: bought.
    for (prompt, wanted) in [
        ("don't forget snacks and badges", vec![("snacks", 50), ("badges", 50)]),
        ("never forget coffee", vec![("coffee", 48)]),
        ("we have no badges and no lanyards, need them for 40 people", vec![("badges", 40), ("lanyards", 40)]),
        ("no badges left, need 50", vec![("badges", 50)]),
        ("we have absolutely no badges, 40 attendees", vec![("badges", 40)]),
        ("still no projector at the venue, please order one", vec![("projector", 1)]),
        ("we're without a projector at the venue so we need one", vec![("projector", 1)]),
        ("we can't do without coffee for the team offsite", vec![("coffee", 48)]),
        ("we have 20 badges, need 40 more badges", vec![("badges", 40)]),
        ("we have badges from last year but need 30 new ones", vec![("badges", 30)]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert!(excluded(prompt).is_empty(), "{prompt}: {:?}", excluded(prompt));
        assert!(unread(prompt).is_empty(), "{prompt}: {:?}", unread(prompt));
    }
    // "sugary" is not "sugar": no sugary snacks are refused, not read as sugar-free.
    assert_eq!(excluded("no sugary snacks for the kids, 40 granola bars"), ["sugary snacks"]);
    assert_eq!(ruled_out("20 t-shirts but not in black"), [ia("t-shirts", &["black"])]);
    assert_eq!(ruled_out("get snacks but hold the chips"), [ia("snacks", &["chips"])]);
}
