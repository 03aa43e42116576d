//! Refusals: what the request asks not to buy, lacks, has at hand, or rules out of an item.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

pub(super) fn excluded(prompt: &str) -> Vec<String> {
    read_plan(prompt).dropped.into_iter().filter(|d| d.reason == DropReason::Excluded).map(|d| d.item).collect()
}

#[test]
fn a_heading_that_asks_is_no_refusal() {
    assert_eq!(q("We need: badges, lanyards"), iq(&[("badges", 50), ("lanyards", 50)]));
    // Having budget or room for something asks for it.
    assert_eq!(q("We have budget for: 40 badges, 30 lanyards"), iq(&[("badges", 40), ("lanyards", 30)]));
    assert_eq!(q("we have room for: 10 chairs"), iq(&[("chairs", 10)]));
    assert_eq!(q("Don't forget: 40 badges, 40 lanyards"), iq(&[("badges", 40), ("lanyards", 40)]));
    assert_eq!(q("Don't buy: badges. 24 energy drinks, 10 pens"), iq(&[("energy drinks", 24), ("pens", 10)]));
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
        // A heading that refuses refuses its whole list, to the sentence's end; "Things we don't
        // need: badges, lanyards" bought both.
        ("24 energy drinks. Things we don't need: badges, lanyards", vec![("energy drinks", 24)], vec!["badges", "lanyards"]),
        ("Don't buy: badges, lanyards and pens. 10 usb-c hubs", vec![("usb-c hubs", 10)], vec!["badges", "lanyards", "pens"]),
        ("Already have: badges, lanyards. 24 energy drinks", vec![("energy drinks", 24)], vec!["badges", "lanyards"]),
        ("no need for: snacks, drinks. 10 pens", vec![("pens", 10)], vec!["snacks", "drinks"]),
        ("Already have: 20 lanyards, 10 badges. 24 energy drinks", vec![("energy drinks", 24)], vec!["lanyards", "badges"]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert_eq!(excluded(prompt), left_out, "{prompt}");
    }
}

#[test]
fn words_near_a_negation_that_do_not_negate_the_item() {
    // A limit, a description, a reminder, a clause of its own, a counted item after "or".
    assert_eq!(q("no more than 24 energy drinks"), iq(&[("energy drinks", 24)]));
    // "no sugar" describes: sugar-free, as "no sugar drinks" are.
    assert_eq!(attrs("no sugar energy drinks"), [ia("energy drinks", &["sugar-free"])]);
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

#[test]
fn a_prompt_counted_only_out_of_range_says_so() {
    // "0 energy drinks" and "1000000 energy drinks" said "no known item category found".
    for (prompt, said) in [("0 energy drinks", "\"energy drinks x 0\""), ("1000000 energy drinks", "\"energy drinks x 1000000\"")] {
        let intent = Intent::new(prompt, Amount::whole(50), 7, Strategy::Balanced).unwrap();
        let err = OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap_err();
        assert_eq!(err.code(), "QUANTITY_OUT_OF_RANGE", "{prompt}");
        assert!(err.to_string().contains(said) && err.to_string().contains("1 to 100000 units"), "{err}");
    }
    // With anything else to buy, the plan goes on and lists it as not planned.
    let intent = Intent::new("0 energy drinks and badges", Amount::whole(50), 7, Strategy::Balanced).unwrap();
    assert_eq!(OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap().needs.len(), 1);
}

pub(super) fn ruled_out(prompt: &str) -> Vec<(String, Vec<String>)> {
    read_plan(prompt).needs.into_iter().map(|n| (n.item, n.excluding)).collect()
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
        // Named again without a count of its own: one need, ruled out of both.
        ("snacks without nuts for 10 people, and snacks without gluten", vec![ia("snacks", &["nuts", "gluten"])]),
    ] {
        assert_eq!(ruled_out(prompt), want, "{prompt}");
    }
    // What is ruled out of an item is that item's: not bought, not a refusal of its own.
    assert!(excluded("snacks, but no chips or pretzels").is_empty());
    assert!(q("snacks, but no chips or pretzels").iter().all(|(item, _)| item == "snacks"));
    // A negation that reaches an item of another category refuses it, and what it joins.
    assert_eq!(excluded("water, but no snacks or badges"), ["snacks", "badges"]);
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
    assert_eq!(q("24 zero sugar energy drinks"), iq(&[("energy drinks", 24)]));
}

#[test]
fn an_item_joined_to_a_read_one_is_reported_however_it_is_joined() {
    // The mice were left out without a word: a part with an item read hid the rest of it.
    for prompt in [
        "4 usb-c hubs with 3 wireless mice",
        "4 usb-c hubs as well as 3 wireless mice",
        "4 usb-c hubs along with 3 wireless mice",
        "4 usb-c hubs and 3 wireless mice",
    ] {
        assert_eq!(unread(prompt), ["3 wireless mice"], "{prompt}");
        assert_eq!(q(prompt), iq(&[("usb-c hubs", 4)]), "{prompt}");
    }
    // The parser reads English; an item after "and" in another language is still said unread.
    assert_eq!(unread("24 boissons énergisantes et 4 hubs usb-c"), ["24 boissons energisantes"]);
    assert_eq!(unread("10 Kugelschreiber und 4 usb-c hubs"), ["10 kugelschreiber"]);
    // "with" that describes is no join.
    for prompt in [
        "30 t-shirts with a logo",
        "10 usb-c hubs with hdmi ports",
        "30 t-shirts with 2 colors",
        "10 hdmi cables with 2 year warranty",
        "24 energy drinks with 0 sugar",
        "snacks et al",
    ] {
        assert!(unread(prompt).is_empty(), "{prompt}: {:?}", unread(prompt));
    }
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
        ("snacks for the kids party, we can't have nuts", vec![("snacks", 50)], vec!["nuts"]),
        ("snacks and juice boxes, nuts are not allowed", vec![("snacks", 50), ("juice boxes", 48)], vec!["nuts"]),
        ("there are no snacks needed, 24 energy drinks", vec![("energy drinks", 24)], vec!["snacks"]),
        ("we have no use for badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("forget the badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        ("hold off on the badges, 30 lanyards", vec![("lanyards", 30)], vec!["badges"]),
        // What is at hand, said after it: it bought 50 badge holders.
        ("30 lanyards to go with the badge holders we already have", vec![("lanyards", 30)], vec!["badge holders"]),
        ("30 lanyards. No need to buy the chairs that we own", vec![("lanyards", 30)], vec!["chairs"]),
        // Provided by someone else: it bought 84 cold brews, 2 screens, the t-shirts.
        ("Sodas for 50 people. Coffee is provided by the venue.", vec![("sodas", 150)], vec!["coffee"]),
        ("Need 3 projectors. Screens are already installed.", vec![("projectors", 3)], vec!["screens"]),
        ("30 lanyards. Coffee will be provided.", vec![("lanyards", 30)], vec!["coffee"]),
        ("50 stickers. The t-shirts are done already.", vec![("stickers", 50)], vec!["t-shirts"]),
        // More of what is at hand, or a drop that places the chairs: bought as asked.
        ("Restock the energy drinks we already have, 48 cans", vec![("energy drinks", 48)], vec![]),
        ("On top of the 20 chairs we already have, we need 30 more.", vec![("chairs", 30)], vec![]),
        ("10 monitors; make sure hdmi cables are included", vec![("monitors", 10), ("hdmi cables", 10)], vec![]),
        ("Ignore the chairs in my last message; just 20 hoodies.", vec![("hoodies", 20)], vec!["chairs"]),
        ("5 tables and 40 chairs. Drop the chairs outside room 3.", vec![("tables", 5), ("chairs", 40)], vec![]),
        // Taking back what was asked earlier: each bought the chairs.
        ("20 lanyards and 10 chairs. Never mind the chairs.", vec![("lanyards", 20)], vec!["chairs"]),
        ("20 lanyards and 10 chairs. nevermind the chairs", vec![("lanyards", 20)], vec!["chairs"]),
        ("20 lanyards and 10 chairs, but drop the chairs", vec![("lanyards", 20)], vec!["chairs"]),
        ("20 lanyards and 10 chairs. Take the chairs off the list.", vec![("lanyards", 20)], vec!["chairs"]),
        ("20 lanyards and 10 chairs; ignore the chairs", vec![("lanyards", 20)], vec!["chairs"]),
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
    // An allergen ruled out after a list is every food's, not a refused item of its own.
    let p = read_plan("kids party: juice boxes, snacks, nothing with nuts");
    assert_eq!(
        p.needs.iter().map(|n| (n.item.as_str(), n.excluding.clone())).collect::<Vec<_>>(),
        [("juice boxes", vec!["nuts".to_owned()]), ("snacks", vec!["nuts".to_owned()])]
    );
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
    assert_eq!(ruled_out("snacks, avoid nuts please"), [ia("snacks", &["nuts"])]);
}

#[test]
fn review_cases_read_as_meant() {
    // A question is no holding: "could I have" asks.
    assert_eq!(q("Could I have 30 badges?"), iq(&[("badges", 30)]));
    assert_eq!(q("can we have 40 snacks and 24 energy drinks"), iq(&[("snacks", 40), ("energy drinks", 24)]));
    // "already" after a break names the next item, not the one before.
    assert_eq!(q("40 snacks, already have badges"), iq(&[("snacks", 40)]));
    assert_eq!(excluded("40 snacks, already have badges"), ["badges"]);
    assert_eq!(q("24 energy drinks. Already ordered the t-shirts."), iq(&[("energy drinks", 24)]));
    assert_eq!(q("30 lanyards. Not needed: badges"), iq(&[("lanyards", 30)]));
    // What is at hand, listed with commas, or counted in packages or roughly.
    assert_eq!(excluded("we already have plates, cups and napkins, need 40 lanyards"), ["plates", "cups", "napkins"]);
    assert_eq!(excluded("we already have 2 cases of water, 24 energy drinks"), ["water"]);
    assert_eq!(excluded("we already have about 20 badges, 30 lanyards"), ["badges"]);
    // "hold" asks for its item when it is not a request to leave it out.
    assert_eq!(q("bins to hold the snacks, 40 snacks"), iq(&[("snacks", 40)]));
    // With nothing refused left, no "nothing wanted" error with an empty list.
    let intent = Intent::new("we already have badges, need 0 badges", Amount::whole(50), 7, Strategy::Balanced).unwrap();
    let err = OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap_err();
    assert!(!err.to_string().ends_with("leaves out "), "{err}");
}

#[test]
fn being_free_of_something_said_before_the_item_is_asked_for() {
    // "no caffeine drinks for 20" and "no nut snacks for 30" failed as asking for nothing;
    // "sugar free drinks" and "no sugar drinks" were items named so, matched loosely.
    for (prompt, item, free) in [
        ("no caffeine drinks for 20", "drinks", "caffeine-free"),
        ("no nut snacks for 30", "snacks", "nut-free"),
        ("sugar free drinks for 20", "drinks", "sugar-free"),
        ("no sugar drinks for 20", "drinks", "sugar-free"),
        ("zero sugar drinks for 20", "drinks", "sugar-free"),
        ("gluten free snacks", "snacks", "gluten-free"),
    ] {
        assert_eq!(attrs(prompt), [ia(item, &[free])], "{prompt}");
    }
    // Then "only": the items before are restricted; it is no need of its own (it bought 48
    // sparkling waters beside the Red Bull).
    assert_eq!(attrs("24 red bull, no sugar drinks only"), [ia("red bull", &["sugar-free"])]);
    assert_eq!(attrs("24 red bull. No sugar drinks only please"), [ia("red bull", &["sugar-free"])]);
    assert_eq!(q("24 red bull and 12 lacroix, sugar free drinks only"), iq(&[("red bull", 24), ("lacroix", 12)]));
    // "only" first, or with nothing but the category, is no need either.
    assert_eq!(attrs("24 red bull, only sugar free drinks"), [ia("red bull", &["sugar-free"])]);
    assert_eq!(attrs("24 red bull. Only sugar free drinks please"), [ia("red bull", &["sugar-free"])]);
    assert_eq!(q("24 red bull, drinks only"), iq(&[("red bull", 24)]));
    // "no sugar free drinks" refuses the sugar-free ones (it bought 48 of them).
    assert_eq!(excluded("no sugar free drinks, 24 sodas"), ["sugar-free drinks"]);
    // Alone it is the drinks asked for; a refusal of an item stays one.
    assert_eq!(attrs("sugar free drinks only"), [ia("drinks", &["sugar-free"])]);
    assert_eq!(attrs("only sugar free drinks"), [ia("drinks", &["sugar-free"])]);
    assert_eq!(excluded("no energy drinks, 24 sodas"), ["energy drinks"]);
}

#[test]
fn refusing_another_thing_keeps_what_is_asked() {
    // Both bought nothing: the projector refused ruled out the projector screens.
    for prompt in ["2 projector screens, no projector needed", "hold off on the projector until I confirm; for now just 2 screens"] {
        let plan = read_plan(prompt);
        assert_eq!(plan.needs.len(), 1, "{prompt}");
        assert!(plan.needs[0].excluding.is_empty(), "{prompt}: {:?}", plan.needs[0].excluding);
    }
    // A brand, or an item out of a whole category, is still ruled out of what is asked.
    assert_eq!(read_plan("no Red Bull: 24 energy drinks").needs[0].excluding, ["red bull"]);
    assert_eq!(read_plan("no chips, 20 snacks").needs[0].excluding, ["chips"]);
}

#[test]
fn what_someone_sees_to_or_is_had_is_not_bought() {
    // Each bought what was covered: 120 waters, 96 Red Bull, 4 tables and 20 chairs, a projector,
    // 588 of PA speakers.
    for (prompt, wanted, left_out) in [
        ("We'll handle drinks ourselves. Just order snacks for 40.", vec![("snacks", 120)], vec!["drinks"]),
        ("Drinks are sponsored by Red Bull this year, so only snacks for 50", vec![("snacks", 150)], vec!["drinks"]),
        (
            "The venue provides tables and chairs; we need 2 projectors and 2 screens",
            vec![("projectors", 2), ("projector screens", 2)],
            vec!["tables", "chairs"],
        ),
        ("tables: N/A\nprojector: have one\n20 chairs", vec![("chairs", 20)], vec!["tables", "projector"]),
        ("projector (IT is bringing one), 10 hdmi cables", vec![("hdmi cables", 10)], vec!["projector"]),
        ("IT will bring the projector; we need 5 hdmi cables", vec![("hdmi cables", 5)], vec!["projector"]),
        ("projector - covered by venue. 10 hdmi cables", vec![("hdmi cables", 10)], vec!["projector"]),
        ("Catering covers food. We need 24 energy drinks.", vec![("energy drinks", 24)], vec!["food"]),
        ("We own speakers. Need 2 speaker stands.", vec![("speaker stands", 2)], vec!["speakers"]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert_eq!(excluded(prompt), left_out, "{prompt}");
    }
    // Asking someone to bring or provide it asks for it; so does what a budget covers, what is
    // delivered, and more of what is had.
    for (prompt, wanted) in [
        ("Please bring 10 chairs", vec![("chairs", 10)]),
        ("Can you provide 10 chairs?", vec![("chairs", 10)]),
        ("Who will bring the projector? Also 5 hdmi cables", vec![("projector", 1), ("hdmi cables", 5)]),
        ("The budget covers 20 chairs", vec![("chairs", 20)]),
        // (NOTHING_WANTED in a first version: a grant pays.)
        ("The grant covers 30 chairs", vec![("chairs", 30)]),
        ("30 lanyards, delivered by Friday", vec![("lanyards", 30)]),
        ("hdmi cables: have some, need 5 more", vec![("hdmi cables", 5)]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
    }
}

#[test]
fn things_named_like_a_verb_of_providing_are_things() {
    // "supplies" and "covers" are things too: the lanyards were left out as "supplied".
    assert_eq!(excluded("team of 30: swag, stickers, lanyards, cleaning supplies, wifi"), Vec::<String>::new());
    assert_eq!(excluded("Office supplies: 10 pens, 5 notebooks"), Vec::<String>::new());
    assert_eq!(excluded("Table covers: 10 tablecloths"), Vec::<String>::new());
}

#[test]
fn what_is_put_off_removed_or_not_drunk_is_not_bought() {
    // Each was bought: 6 extension cords, 50 badge holders, 72 Gatorade, 48 sodas.
    for (prompt, wanted, left_out) in [
        ("we might also need extension cords but hold off on those. 10 hdmi cables", vec![("hdmi cables", 10)], vec!["extension cords"]),
        ("50 lanyards\nBadge holders TBD", vec![("lanyards", 50)], vec!["badge holders"]),
        ("badges: TBD, 40 lanyards", vec![("lanyards", 40)], vec!["badges"]),
        ("chips and cookies, but skip those, 24 energy drinks", vec![("energy drinks", 24)], vec!["chips", "cookies"]),
        ("12 cold brew and 24 gatorade; remove gatorade", vec![("cold brew", 12)], vec!["gatorade"]),
        ("Nobody drinks soda. 10 bags of chips.", vec![("chips", 10)], vec!["soda"]),
    ] {
        assert_eq!(q(prompt), iq(&wanted), "{prompt}");
        assert_eq!(excluded(prompt), left_out, "{prompt}");
        assert!(read_plan(prompt).needs.iter().all(|n| n.excluding.is_empty()), "{prompt}");
    }
    // A pronoun that is not refused, or that is said of something else, changes nothing.
    assert_eq!(q("10 hdmi cables - we need them by Friday"), iq(&[("hdmi cables", 10)]));
    assert_eq!(q("20 chairs, don't need them delivered"), iq(&[("chairs", 20)]));
}

#[test]
fn nothing_recognized_names_what_the_catalog_does_not_know() {
    // What the error says the catalog knows nothing of, if it says so.
    let unknown = |prompt: &str| {
        let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
        match OfflineParser.parse_sync(&intent, &Vocabulary::embedded()) {
            Err(ParseError::NothingRecognized { hint }) => {
                hint.split_once("knows nothing of ").map(|(_, s)| s.trim_end_matches(')').to_owned())
            }
            other => panic!("{prompt}: {other:?}"),
        }
    };
    assert!(unknown("3 wireless mice, 2 mechanical pencils").is_some_and(|s| s.starts_with("\"3 wireless mice\"")));
    // A prompt that is one sentence named nothing: its only part was taken for chatter.
    assert_eq!(unknown("pizza for 30 people").as_deref(), Some("\"pizza\""));
    assert_eq!(unknown("a first aid kit").as_deref(), Some("\"first aid kit\""));
    assert_eq!(unknown("desk lamps for 4 desks").as_deref(), Some("\"desk lamps\""));
    assert_eq!(unknown("sushi").as_deref(), Some("\"sushi\""));
    assert_eq!(unknown("we need a cake for 30 people").as_deref(), Some("\"cake\""));
    // What is left of a name the catalog half knows is no thing it lacks ("energy" of "5-hour
    // energy" is sold).
    assert_eq!(unknown("5-hour energy"), None);
    assert_eq!(unknown("royal blue"), None);
    // Chatter is still no item.
    assert_eq!(unknown("hi there, how are you?"), None);
    assert_eq!(unknown("planning a party next week"), None);
    assert_eq!(unknown("Can you help me plan the offsite?"), None);
    assert_eq!(unknown("help"), None);
    assert_eq!(unknown("test"), None);
}

#[test]
fn what_looks_like_a_pasted_secret_is_never_echoed() {
    let intent = Intent::new("3 wireless mice, sk-live-0123456789abcdef", Amount::whole(500), 7, Strategy::Balanced).unwrap();
    let answer = format!("{:?}", OfflineParser.parse_sync(&intent, &Vocabulary::embedded()));
    assert!(answer.contains("3 wireless mice") && !answer.contains("0123456789"), "{answer}");
    let plan = read_plan("24 energy drinks, ghp_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f, 3 wireless mice");
    let dropped: Vec<&str> = plan.dropped.iter().map(|d| d.item.as_str()).collect();
    assert_eq!(dropped, ["3 wireless mice"]);
    // An access key id has few digits.
    let plan = read_plan("10 badges, AKIAIOSFODNN7EXAMPLE, 3 wireless mice");
    assert!(plan.dropped.iter().all(|d| !d.item.contains("akia")), "{:?}", plan.dropped);
}
