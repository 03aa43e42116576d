//! What a probe of new prompts found planned wrong: each case was read wrong before its fix.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::refusals::excluded;
use super::*;

#[test]
fn each_in_a_kit_is_per_kit_once() {
    // "a hoodie each" in kits for 10 interns bought 100 hoodies: the kit's count, then again per
    // the pens' count before it.
    let kit = iq(&[("notebook", 10), ("pens", 10), ("hoodie", 10)]);
    assert_eq!(q("Welcome kits for 10 interns: notebook, pens, and a hoodie each"), kit);
    assert_eq!(q("Welcome kits for 10 interns: notebook, pens, and hoodie each"), kit);
    assert_eq!(q("10 welcome kits: notebook, pens, and 2 stickers each"), iq(&[("notebook", 10), ("pens", 10), ("stickers", 20)]));
}

#[test]
fn a_count_said_alone_counts_a_rate_of_another_sentence() {
    // The 12 tables were rented besides the strips per table.
    assert_eq!(q("Per table: 2 power strips. 12 tables."), iq(&[("power strips", 24)]));
    assert_eq!(q("2 power strips per table. 12 tables"), iq(&[("power strips", 24)]));
    // Named before the rate, or asked with a verb, they are bought.
    assert_eq!(q("We need 12 tables. Per table: 2 power strips."), iq(&[("tables", 12), ("power strips", 24)]));
    assert_eq!(q("12 tables and 2 power strips per table"), iq(&[("tables", 12), ("power strips", 24)]));
}

#[test]
fn at_each_of_the_counted_things_is_one_each() {
    // This bought one power strip and rented the 10 tables.
    assert_eq!(q("a power strip at each of the 10 tables"), iq(&[("power strip", 10)]));
    assert_eq!(q("2 hdmi cables in each of the 4 rooms"), iq(&[("hdmi cables", 8)]));
    assert_eq!(q("a hoodie to each of the 30 new hires"), iq(&[("hoodie", 30)]));
}

#[test]
fn a_rate_per_so_many_people_divides_the_head_count() {
    // Each bought one.
    assert_eq!(q("one power strip per 4 hackers, 40 hackers"), iq(&[("power strip", 10)]));
    assert_eq!(q("40 hackers, one power strip per team of 4"), iq(&[("power strip", 10)]));
    assert_eq!(q("a trash can for every 20 guests. 100 guests"), iq(&[("trash can", 5)]));
    assert_eq!(q("one table for every 8 guests, 80 guests"), iq(&[("table", 10)]));
    // Rounded up: no one is left without.
    assert_eq!(q("1 power strip per 4 people for 30 people"), iq(&[("power strip", 8)]));
    assert_eq!(q("1 whiteboard and 1 power strip per 5 people. 20 people"), iq(&[("whiteboard", 4), ("power strip", 4)]));
    // A count of the groups said instead counts them.
    assert_eq!(q("a whiteboard per team of 4, 10 teams"), iq(&[("whiteboard", 10)]));
}

#[test]
fn no_one_is_nobody() {
    // "no one drinks soda" planned one "drinks soda" and ruled nothing out.
    assert_eq!(q("no one drinks soda. we need 20 waters and drinks for 10"), q("nobody drinks soda. we need 20 waters and drinks for 10"));
    assert_eq!(excluded("No one drinks soda, so 20 waters"), ["soda"]);
    assert_eq!(q("No one drinks soda, so 20 waters"), iq(&[("waters", 20)]));
}

#[test]
fn a_built_in_microphone_is_a_feature() {
    // These bought microphones besides the webcams (3 of them for "webcam with microphone x 3").
    assert_eq!(q("webcam with microphone x 3"), iq(&[("webcam", 3)]));
    assert_eq!(q("3 webcams with microphone"), iq(&[("webcams", 3)]));
    assert_eq!(q("a webcam with a built-in mic"), iq(&[("webcam", 1)]));
    // A microphone with a count of its own is one.
    assert_eq!(q("a webcam with 2 microphones"), iq(&[("webcam", 1), ("microphones", 2)]));
}

#[test]
fn what_an_unsold_thing_is_for_is_not_bought() {
    // Each bought 48 waters for a cooler the catalog does not sell.
    for prompt in ["a cooler for drinks", "an ice bucket for the drinks", "a mini fridge for drinks"] {
        let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
        let answer = OfflineParser.parse_sync(&intent, &Vocabulary::embedded());
        assert!(matches!(answer, Err(ParseError::NothingRecognized { .. })), "{prompt}: {answer:?}");
    }
    assert_eq!(q("a cooler for drinks and 20 waters"), iq(&[("waters", 20)]));
    // "a case for the projector" bought a projector.
    assert_eq!(q("a case for the projector and 2 hdmi cables"), iq(&[("hdmi cables", 2)]));
    // What is asked for with an article stays asked.
    assert_eq!(q("a projector for the talks and drinks for 20"), iq(&[("projector", 1), ("drinks", 60)]));
}

#[test]
fn for_every_person_is_one_each_of_the_head_count() {
    // Each bought one.
    assert_eq!(q("a power bank for every mentor. We have 18 mentors"), iq(&[("power bank", 18)]));
    assert_eq!(q("a notebook for each volunteer. 40 volunteers"), iq(&[("notebook", 40)]));
    assert_eq!(q("40 volunteers, a notebook and 2 pens for each volunteer"), iq(&[("notebook", 40), ("pens", 80)]));
}

#[test]
fn what_is_at_hand_counts_against_what_is_needed() {
    // The first two bought nothing (NOTHING_WANTED), the others the whole count.
    assert_eq!(q("we have 20 chairs and need 50"), iq(&[("chairs", 30)]));
    assert_eq!(q("we own 2 PA speakers; need one more"), iq(&[("pa speakers", 1)]));
    assert_eq!(q("need 80 lanyards, have 50"), iq(&[("lanyards", 30)]));
    assert_eq!(q("We need 5 projectors but already have 3"), iq(&[("projectors", 2)]));
    assert_eq!(q("Have: 10 power strips. Need: 16."), iq(&[("power strips", 6)]));
    // Enough at hand: nothing more of it.
    assert_eq!(q("need 20 chairs, have 20. Also 10 tables"), iq(&[("tables", 10)]));
    // A count of people is no count at hand.
    assert_eq!(q("we have 20 chairs. We have 40 people. Snacks for everyone"), q("snacks for 40 people"));
}

#[test]
fn speakers_who_talk_are_people() {
    // Each bought PA speakers (or presenter remotes) as well.
    assert_eq!(q("speakers get a lav mic each; there are 3 speakers"), iq(&[("lav mic", 3)]));
    assert_eq!(q("every speaker (6 total) gets a lav mic"), iq(&[("lav mic", 6)]));
    assert_eq!(q("6 presenters, one clicker each"), iq(&[("clicker", 6)]));
    assert_eq!(q("lav mics for our 4 keynote speakers"), iq(&[("lav mics", 4)]));
    // What is theirs: "speaker gifts:" bought a $294 PA speaker before the gifts.
    assert_eq!(q("speaker gifts: 6 gift cards"), iq(&[("gift cards", 6)]));
    assert_eq!(q("speaker gifts: 6 bluetooth speakers"), iq(&[("bluetooth speakers", 6)]));
    assert_eq!(q("presenter thank-you gifts: 4 hoodies"), iq(&[("hoodies", 4)]));
    // Loudspeakers stay things, beside the people.
    assert_eq!(q("2 PA speakers for the hall, and lav mics for 3 keynote speakers"), iq(&[("pa speakers", 2), ("lav mics", 3)]));
    assert_eq!(q("2 speakers and a mixer"), iq(&[("speakers", 2), ("mixer", 1)]));
    assert_eq!(q("a presenter remote and a wireless presenter"), iq(&[("presenter remote", 1), ("wireless presenter", 1)]));
}

#[test]
fn items_answered_yes_or_no() {
    // The first rented tables and no chairs; the others bought what was answered no.
    assert_eq!(q("chairs yes tables no, 60 guests"), q("chairs for 60 guests"));
    assert_eq!(q("water yes, soda no, 40 people"), q("water for 40 people"));
    assert_eq!(q("lanyards yes, badges no, 80 people"), q("lanyards for 80 people"));
    assert_eq!(q("projector: yes\nscreen: no"), iq(&[("projector", 1)]));
    // "no" leading what follows stays a refusal of it.
    assert_eq!(q("20 chairs no tables"), iq(&[("chairs", 20)]));
    assert_eq!(q("chairs no tables yes, 10 of each"), iq(&[("tables", 10)]));
}

#[test]
fn a_slip_mended_after_a_break_corrects_the_count() {
    // The first count stood.
    assert_eq!(q("Need 4 mics, actually 2 is enough"), iq(&[("mics", 2)]));
    assert_eq!(q("10 tables, er, 12"), iq(&[("tables", 12)]));
    assert_eq!(q("40 chairs - no, 45"), iq(&[("chairs", 45)]));
    assert_eq!(q("40 chairs, no wait, 45"), iq(&[("chairs", 45)]));
    // A count of something else, or "no" leading an item, corrects nothing.
    assert_eq!(q("40 chairs, no tables"), iq(&[("chairs", 40)]));
    assert_eq!(q("snacks for 30 people, no, 24 energy drinks too"), iq(&[("snacks", 90), ("energy drinks", 24)]));
}

#[test]
fn counts_written_as_a_form_writes_them() {
    // Each gave the category's estimate (20 chairs, 50 pens) or the wrong count.
    assert_eq!(q("stacking chairs qty 40"), iq(&[("stacking chairs", 40)]));
    assert_eq!(q("qty 40 - stacking chairs"), iq(&[("stacking chairs", 40)]));
    assert_eq!(q("(12) bar stools"), iq(&[("bar stools", 12)]));
    assert_eq!(q("(12) bar stools and (4) projectors"), iq(&[("bar stools", 12), ("projectors", 4)]));
    assert_eq!(q("pens, 3 dz"), iq(&[("pens", 36)]));
    assert_eq!(q("4 doz. pens"), iq(&[("pens", 48)]));
    assert_eq!(q("a gross of pens"), iq(&[("pens", 144)]));
    // A count in parentheses after its item is still its count; a head count stays one.
    assert_eq!(q("bar stools (12)"), iq(&[("bar stools", 12)]));
    assert_eq!(q("snacks (for 30 people)"), q("snacks for 30 people"));
}

#[test]
fn a_head_count_after_its_label() {
    // "Headcount 45 (plus 5 staff)" gave 5 chairs; "Headcount: 45" the default of 20.
    assert_eq!(q("Headcount 45 (plus 5 staff). Chairs for all."), q("chairs for 50 people"));
    assert_eq!(q("Headcount: 45. Chairs for all."), q("chairs for 45 people"));
    assert_eq!(q("head count is about 45, chairs for everyone"), q("chairs for 45 people"));
    assert_eq!(q("Guests: 80\nSnacks and water"), q("snacks and water for 80 people"));
    // An item's count is no head count.
    assert_eq!(q("Chairs: 40"), iq(&[("chairs", 40)]));
}

#[test]
fn a_model_number_is_no_count() {
    // Each planned the model number as the count.
    assert_eq!(q("an Epson 880 projector"), iq(&[("epson projector", 1)]));
    assert_eq!(q("Anker 341 hubs x 4"), iq(&[("anker hubs", 4)]));
    assert_eq!(q("3 Fire HD 10 tablets"), iq(&[("fire tablets", 3)]));
    // Counts of two items, a size, a count after a brand alone stay counts.
    assert_eq!(q("1 table 8 chairs"), iq(&[("table", 1), ("chairs", 8)]));
    assert_eq!(q("a 24 port switch"), iq(&[("switch", 1)]));
    assert_eq!(q("Red Bull 24 cans"), iq(&[("red bull", 24)]));
}

#[test]
fn what_the_review_of_this_probe_found() {
    // "a quote for 50 chairs" asks for the chairs: what an unsold thing is for, counted, is asked.
    assert_eq!(q("Please provide a quote for 50 chairs"), iq(&[("chairs", 50)]));
    assert_eq!(q("an estimate for 50 chairs and 5 tables"), iq(&[("chairs", 50), ("tables", 5)]));
    // "need 20 more" is the shortfall itself; what is not had is no count at hand.
    assert_eq!(q("- chairs: have 20, need 20 more\n- tables: 5"), iq(&[("chairs", 20), ("tables", 5)]));
    assert_eq!(q("Projector: need one (we don't have one)"), iq(&[("projector", 1)]));
    // A rate with no count across sentences is left to its estimate, not one a table.
    assert_eq!(q("5 tables; chairs for each table (6 per table)"), iq(&[("tables", 5), ("chairs", 20)]));
    // A microphone said with "a" is a thing of its own.
    assert_eq!(q("a PA speaker with a microphone"), iq(&[("pa speaker", 1), ("microphone", 1)]));
    // Speakers said of people keep their word in what is reported.
    assert_eq!(unread("Each speaker gets 15 minutes; 6 speakers. Need 2 microphones."), ["speaker gets 15 minutes"]);
}

#[test]
fn a_rate_per_day_or_hour_lasts_the_event() {
    // Each counted one day (or one hour).
    assert_eq!(q("2 drinks per person per day, 3 days, 40 people"), iq(&[("drinks", 240)]));
    assert_eq!(q("3 days, 40 people, 2 drinks per day per person"), iq(&[("drinks", 240)]));
    assert_eq!(q("60 attendees, 1 snack per person per hour, 4 hour event"), iq(&[("snack", 240)]));
    assert_eq!(q("24 waters per day, 3-day retreat"), iq(&[("waters", 72)]));
    assert_eq!(q("10 waters per day for a 3-day hackathon"), iq(&[("waters", 30)]));
    // A deadline is no length; with none said, a day is counted once.
    assert_eq!(q("10 waters per day, deliver within 2 days"), iq(&[("waters", 10)]));
    assert_eq!(q("24 energy drinks per day"), iq(&[("energy drinks", 24)]));
    // What is thrown away is used up, in a category of equipment too (2 bags were bought).
    assert_eq!(q("20 trash bags per day, 3 days, 100 people"), iq(&[("trash bags", 60)]));
    // A few of them a day are everyone's: nobody eats them (not 2 a head).
    assert_eq!(q("2 trash bags per day, 3 days, 100 people"), iq(&[("trash bags", 6)]));
    assert_eq!(q("10 disposable gloves per day for a 2-day event"), iq(&[("disposable gloves", 20)]));
    // A trash can is used again each day.
    assert_eq!(q("4 trash cans per day for 3 days"), iq(&[("trash cans", 4)]));
}

#[test]
fn need_n_counts_the_item_said_before_with_none() {
    // This gave the estimate of 20 chairs.
    assert_eq!(q("we have no chairs; need 40"), iq(&[("chairs", 40)]));
    assert_eq!(q("Chairs. Need 40."), iq(&[("chairs", 40)]));
    // A counted item keeps its count.
    assert_eq!(q("30 chairs. Need 40 by Friday"), iq(&[("chairs", 30)]));
}

#[test]
fn a_share_is_no_count() {
    // "100% juice boxes for 30 kids" bought 100 juice boxes.
    assert_eq!(q("100% juice boxes for 30 kids"), q("juice boxes for 30 kids"));
}

#[test]
fn a_thing_of_their_own_for_people_named_by_role_is_one_each() {
    // Each bought one.
    assert_eq!(q("a nice prize for 3 winners"), iq(&[("prize", 3)]));
    assert_eq!(q("a hoodie for 30 new hires"), iq(&[("hoodie", 30)]));
    // Shared equipment stays one.
    assert_eq!(q("a projector for 30 employees"), iq(&[("projector", 1)]));
    assert_eq!(q("a lanyard for 80 attendees"), iq(&[("lanyard", 80)]));
}

#[test]
fn winners_counted_by_their_ranks() {
    // Each bought one prize (or read "second" and "third place" as nothing).
    assert_eq!(q("a nice prize for 1st, 2nd and 3rd place"), iq(&[("prize", 3)]));
    assert_eq!(q("gift cards for first, second and third place"), iq(&[("gift cards", 3)]));
    assert!(unread("gift cards for first, second and third place").is_empty());
    assert_eq!(q("a trophy for the top 3"), iq(&[("trophy", 3)]));
    // One rank, or "first" as a time, counts nothing.
    assert_eq!(q("a trophy for 1st place"), iq(&[("trophy", 1)]));
    assert_eq!(q("first, we need 20 chairs"), iq(&[("chairs", 20)]));
    // The place a list line opens with is whom the item is for: "1st place airpods" were the
    // item "place airpods".
    for prompt in [
        "prizes: 1st place airpods, 2nd place a kindle",
        "first place airpods, second place a kindle",
        "1st place gets airpods, 2nd prize a kindle",
    ] {
        assert_eq!(q(prompt), iq(&[("airpods", 1), ("kindle", 1)]), "{prompt}");
        assert!(unread(prompt).is_empty(), "{prompt}");
    }
}

#[test]
fn anything_but_rules_it_out() {
    // Each bought white t-shirts.
    for prompt in ["20 t-shirts, anything but white", "20 t-shirts, any color but white", "20 t-shirts in any color except white"] {
        let plan = read_plan(prompt);
        assert_eq!(plan.needs.len(), 1, "{prompt}");
        assert_eq!(plan.needs[0].excluding, ["white"], "{prompt}");
        assert_eq!(plan.needs[0].quantity, 20, "{prompt}");
    }
}

#[test]
fn a_word_of_the_catalog_typed_with_one_slip() {
    // Each was read as nothing.
    assert_eq!(q("40 chiars and 5 tabels"), iq(&[("chairs", 40), ("tables", 5)]));
    assert_eq!(q("tabels x 5"), iq(&[("tables", 5)]));
    assert_eq!(q("ethernet cabels x 10"), iq(&[("ethernet cables", 10)]));
    assert_eq!(q("2 whitebords"), iq(&[("whiteboards", 2)]));
    assert_eq!(q("3 exstension cords"), iq(&[("extension cords", 3)]));
    // Words of people, short words and other words of English stay as typed.
    assert_eq!(q("snacks for the waiters, 10 waiters"), q("snacks for 10 staff"));
    assert_eq!(unread("20 skirts and 10 chairs"), ["20 skirts"]);
    assert_eq!(q("Shopping list:\nchiars\ntabels"), q("Shopping list:\nchairs\ntables"));
    assert!(!items("Sanitize the chairs; 20 water bottles").iter().any(|i| i.contains("sanitizer")));
    assert_eq!(q("12 adaptors for the projectors"), iq(&[("adaptors", 12)]));
    for prompt in ["8 CPUs and 8 monitors", "10 coal briquettes and 40 hot dogs", "3 stitches kits", "20 charges of the projector battery"]
    {
        let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
        let needs = OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).map(|p| p.needs).unwrap_or_default();
        assert!(
            needs.iter().all(|n| !matches!(n.category.as_str(), "tableware" | "drinks" | "networking" | "power")),
            "{prompt}: {needs:?}"
        );
    }
}

#[test]
fn a_count_of_one_thing_or_one_of_another_is_a_choice() {
    // Both were bought.
    assert_eq!(q("2 bluetooth speakers or a small PA system"), iq(&[("bluetooth speakers", 2)]));
    assert_eq!(q("20 folding chairs or a bench"), iq(&[("folding chairs", 20)]));
    // With no article, what each drinks stays both.
    assert_eq!(items("water or soda for 10 people"), ["water", "soda"]);
}

#[test]
fn a_logo_said_for_all_reaches_all() {
    // Only the tote bags carried the logo.
    let logo = |v: &[(String, Vec<String>)]| v.iter().all(|(_, a)| a.iter().any(|a| a == "logo"));
    assert!(logo(&attrs("50 t-shirts and 50 tote bags, all with our logo")));
    assert!(logo(&attrs("mugs and pens, both with the company logo")));
    assert!(!logo(&attrs("50 t-shirts and 50 tote bags with our logo")), "said once, of the last");
    // After a comma it is the list's too (none carried it), and its words are read ("both with
    // the company logo" was reported unread).
    assert!(logo(&attrs("mugs and pens, with the company logo")));
    for p in ["mugs and pens, both with the company logo", "mugs and pens, with the company logo"] {
        assert!(unread(p).is_empty(), "{p}");
    }
}

#[test]
fn an_item_said_before_who_sees_to_it() {
    // Each bought what someone else sees to.
    assert_eq!(q("Cutlery we'll handle. Plates for 50"), iq(&[("plates", 100)]));
    assert_eq!(q("20 chairs. Tables the venue provides."), iq(&[("chairs", 20)]));
    assert_eq!(q("Drinks we'll bring ourselves, snacks for 30 people"), q("snacks for 30 people"));
    // Asked, paid for, or provided by the buyer, it is bought.
    assert_eq!(q("Snacks we'll provide for 30 people"), q("snacks for 30 people"));
    assert_eq!(q("20 chairs the budget covers"), iq(&[("chairs", 20)]));
}

#[test]
fn what_an_adversarial_probe_of_these_rules_found() {
    // Equipment is used again each day; a deadline is no length.
    assert_eq!(q("2 projectors per day for 3 days"), iq(&[("projectors", 2)]));
    assert_eq!(q("a 3-day conference: 50 chairs per day"), iq(&[("chairs", 50)]));
    assert_eq!(q("1 coffee per person per day, 20 people, 5 days from now"), q("1 coffee per person, 20 people"));
    assert_eq!(q("We need 2 drinks per person per day. 10 people. Deadline: 3 days."), q("We need 2 drinks per person. 10 people."));
    // A replacement, a backup, a refill for a thing asks for it.
    assert_eq!(q("a replacement for the projector"), iq(&[("projector", 1)]));
    assert_eq!(q("a spare for the router"), iq(&[("router", 1)]));
    assert_eq!(q("a restock for the snacks: 40 bags"), iq(&[("snacks", 40)]));
    // The numbers of a numbered list count nothing.
    assert_eq!(q("Shopping list:\n(1) chairs\n(2) tables\n(3) projector"), q("Shopping list:\nchairs\ntables\nprojector"));
    // "at each of" after an uncounted item leaves it to the head count.
    assert_eq!(q("snacks at each of the 3 stations, 40 people"), q("snacks for 40 people"));
    // No answer of a counted item: a correction, or another refusal, follows.
    assert_eq!(q("40 chairs, no, make it 45"), iq(&[("chairs", 45)]));
    assert_eq!(q("40 chairs; no, we don't need tables"), iq(&[("chairs", 40)]));
    // "in total" ends what is needed.
    assert_eq!(q("we have 2 projectors already and need 3 in total"), iq(&[("projectors", 1)]));
}

#[test]
fn one_more_and_a_count_corrected_after_a_few_words() {
    // These bought nothing (NOTHING_WANTED), or 90 chairs.
    assert_eq!(q("We have one projector; need a second one"), iq(&[("projector", 1)]));
    assert_eq!(q("we have 2 projectors, need another"), iq(&[("projectors", 1)]));
    assert_eq!(q("Need 40 chairs, actually I think 50 chairs to be safe"), iq(&[("chairs", 50)]));
    assert_eq!(q("40 chairs. Actually we need 50 chairs"), iq(&[("chairs", 50)]));
    // What adds, adds.
    assert_eq!(q("40 chairs. Actually we need 10 more chairs"), iq(&[("chairs", 50)]));
}

#[test]
fn what_a_second_probe_of_these_rules_found() {
    // A word one slip from the catalog, where no item is said, is a word of English.
    for prompt in ["No extra charges please; 10 HDMI cables", "Go Badgers! 25 t-shirts", "on the cusp of launch, 10 chairs"] {
        assert_eq!(q(prompt).len(), 1, "{prompt}: {:?}", q(prompt));
    }
    assert_eq!(q("Tables are supplied by the venue; 40 chairs please"), iq(&[("chairs", 40)]));
    // Winners are the count of the item before them, not a head count of the list.
    assert_eq!(
        q("Hackathon: 60 hackers. Snacks, energy drinks and prizes for top 3 teams"),
        iq(&[("snacks", 180), ("energy drinks", 180), ("prizes", 3)])
    );
    assert_eq!(q("prizes for 1st and 2nd place"), iq(&[("prizes", 2)]));
    assert_eq!(q("gift cards for 1st through 5th place"), iq(&[("gift cards", 5)]));
    // "X? no" answers; a counted item before a negation of its own is no answer.
    assert_eq!(q("folding tables? no - just 10 chairs"), iq(&[("chairs", 10)]));
    // "to each of" opening what each gets.
    assert_eq!(q("to each of the 5 rooms, a projector"), iq(&[("projector", 5)]));
    assert_eq!(q("at each of the 10 tables: 8 chairs"), iq(&[("chairs", 80)]));
    // "or so", "or more" are no alternative.
    assert_eq!(q("30 cups or so and a trash can"), iq(&[("cups", 30), ("trash can", 1)]));
    // A numbered list on one line.
    assert_eq!(q("(1) chairs (2) tables (3) projector"), q("chairs, tables, projector"));
}

#[test]
fn what_a_third_probe_of_these_rules_found() {
    // A count after an item with "a" is its count only after "x": "a Raspberry Pi 5 kit" is one.
    assert_eq!(q("a Raspberry Pi 5 kit").iter().map(|(_, n)| *n).sum::<u32>(), 1);
    // Ranks with no item before them are winners.
    assert_eq!(q("a reward for the top 3 teams: a drone each"), iq(&[("drone", 3)]));
    assert_eq!(q("prizes for 1st-3rd place"), iq(&[("prizes", 3)]));
    // Ranks with no "for" name places, not what to buy.
    assert_eq!(attrs("3 prizes: 1st, 2nd, 3rd"), [("prizes".to_owned(), Vec::<String>::new())]);
}

#[test]
fn each_of_the_counted_things_opening_a_sentence_heads_the_clause_after_it() {
    // This gave 2 power strips for 3 rooms.
    assert_eq!(q("in each of the 3 rooms, 2 power strips"), iq(&[("power strips", 6)]));
    assert_eq!(q("For each of the 8 desks, one HDMI cable"), iq(&[("hdmi cable", 8)]));
}

#[test]
fn equipment_is_kept_for_the_events_days() {
    // Rentals were priced for one day of a 3-day conference.
    let days = |p: &str| read_plan(p).needs.iter().map(|n| (n.item.clone(), n.days)).collect::<Vec<_>>();
    let kept = |items: &[(&str, Option<u32>)]| items.iter().map(|(i, d)| ((*i).to_owned(), *d)).collect::<Vec<_>>();
    assert_eq!(days("50 chairs and 8 tables for a 3-day conference"), kept(&[("chairs", Some(3)), ("tables", Some(3))]));
    assert_eq!(days("rent a projector for 2 days"), kept(&[("projector", Some(2))]));
    assert_eq!(days("snacks and 40 chairs over 2 days"), kept(&[("snacks", None), ("chairs", Some(2))]));
    // A deadline, a shipping time, one day or a count of hours is no stay.
    for prompt in ["40 chairs, deliver within 3 days", "40 chairs with 2-day shipping", "40 chairs for 1 day", "a projector for 4 hours"] {
        assert!(read_plan(prompt).needs.iter().all(|n| n.days.is_none()), "{prompt}");
    }
    assert_eq!(days("40 chairs for 900 days"), kept(&[("chairs", Some(crate::intent::MAX_RENTAL_DAYS))]));
}

#[test]
fn nobody_with_a_modal_still_refuses() {
    // "no one can drink soda" bought soda.
    assert_eq!(q("no one can drink soda; 40 waters"), iq(&[("waters", 40)]));
    assert_eq!(q("40 waters. Nobody here drinks soda."), iq(&[("waters", 40)]));
    assert_eq!(q("nobody will use the badges, 40 lanyards"), iq(&[("lanyards", 40)]));
    // A can of soda is still one.
    assert_eq!(q("24 cans of soda"), iq(&[("soda", 24)]));
}

#[test]
fn counts_of_two_things_of_a_kind_are_a_choice() {
    // Both were bought.
    assert_eq!(q("2 projectors or 2 TVs for the lobby"), iq(&[("projectors", 2)]));
    let dropped: Vec<(String, DropReason)> = read_plan("2 projectors or 2 TVs").dropped.into_iter().map(|d| (d.item, d.reason)).collect();
    assert_eq!(dropped, [("tvs".to_owned(), DropReason::Alternative)]);
    // Joined by "and", or of two kinds, both are meant.
    assert_eq!(q("2 projectors and 2 TVs"), iq(&[("projectors", 2), ("tvs", 2)]));
    assert_eq!(q("2 projectors or 20 hdmi cables"), iq(&[("projectors", 2), ("hdmi cables", 20)]));
    // Two counts of one thing are a choice of count too (they were summed to 22).
    assert_eq!(q("10 chairs or 12 chairs"), iq(&[("chairs", 10)]));
}

#[test]
fn a_stay_said_with_an_item_is_its_own() {
    // The projectors were kept for the chairs' two days.
    let days = |p: &str| read_plan(p).needs.iter().map(|n| (n.item.clone(), n.days)).collect::<Vec<_>>();
    let kept = |items: &[(&str, Option<u32>)]| items.iter().map(|(i, d)| ((*i).to_owned(), *d)).collect::<Vec<_>>();
    assert_eq!(days("40 chairs for 2 days and 2 projectors for 1 day"), kept(&[("chairs", Some(2)), ("projectors", None)]));
    assert_eq!(days("2 projectors for a day, 40 chairs for 3 days"), kept(&[("projectors", None), ("chairs", Some(3))]));
    assert_eq!(days("40 chairs and 2 projectors for 2 days"), kept(&[("chairs", Some(2)), ("projectors", Some(2))]));
    // Spelled out.
    assert_eq!(days("chairs for 80 guests at our two-day summit"), kept(&[("chairs", Some(2))]));
}

#[test]
fn a_rate_per_so_many_things_divides_their_count() {
    // "per 2 tables" rented 2 more tables, and the cords were one.
    assert_eq!(q("1 extension cord per 2 tables, 10 tables"), iq(&[("extension cord", 5)]));
    assert_eq!(q("a trash can for every 3 tables; 10 tables"), iq(&[("trash can", 4)]));
    assert_eq!(q("10 tables and 1 extension cord per 2 tables"), iq(&[("tables", 10), ("extension cord", 5)]));
    // Per so many people, or a group of them, is as before.
    assert_eq!(q("one power strip per 4 hackers, 40 hackers"), iq(&[("power strip", 10)]));
    assert_eq!(q("40 hackers, one power strip per team of 4"), iq(&[("power strip", 10)]));
    assert_eq!(q("a water bottle every 2 hours"), iq(&[("water bottle", 1)]));
    // Counted where the catalog sells none of them ("rooms", "laptops"), and never by the rate's
    // own count; a measure is no count of things.
    assert_eq!(q("1 router per 3 rooms, 9 rooms"), iq(&[("router", 3)]));
    assert_eq!(q("1 charger per 2 laptops; 20 laptops"), iq(&[("charger", 10)]));
    assert_eq!(q("we have 12 desks; one monitor per 2 desks"), iq(&[("monitor", 6)]));
    assert_eq!(q("a trash can every 10 meters"), iq(&[("trash can", 1)]));
    assert_eq!(q("1 whiteboard per 2 rooms for 8 rooms"), iq(&[("whiteboard", 4)]));
}

#[test]
fn nobody_is_no_unread_item() {
    // A probe saw "nobody" reported as what the catalog does not know.
    assert!(unread("Nobody here is allergic, so snacks with nuts are fine, 40 people").is_empty());
}

#[test]
fn what_our_supplier_brings_is_not_bought() {
    // The coffee was bought.
    assert_eq!(q("Our supplier brings coffee; we need 50 cups"), iq(&[("cups", 50)]));
    assert_eq!(q("our caterer is providing the snacks, 40 waters"), iq(&[("waters", 40)]));
    // What our team provides is bought to provide it (it was planned as "provides snacks").
    assert_eq!(q("Our team provides snacks for 30 hackers"), iq(&[("snacks", 90)]));
}

#[test]
fn a_small_count_per_hour_is_each_ones() {
    // Four snacks were bought for 60 attendees.
    assert_eq!(q("1 snack per hour, 4 hour event, 60 attendees"), iq(&[("snack", 240)]));
    assert_eq!(q("2 drinks per day for a 3-day event, 40 people"), iq(&[("drinks", 240)]));
    assert_eq!(q("3 bottles of water per day for 20 people over 2 days"), iq(&[("water", 120)]));
    assert_eq!(q("a coffee per hour for our team of 12, 3 hour workshop"), iq(&[("coffee", 36)]));
    // A larger count, or packages, is everyone's; with no head count it is the count.
    assert_eq!(q("24 waters per day, 3 days, 40 people"), iq(&[("waters", 72)]));
    assert_eq!(q("1 snack per hour, 4 hour event"), iq(&[("snack", 4)]));
}

#[test]
fn honorable_mentions_are_winners_too() {
    // Three gift cards were bought for five winners.
    assert_eq!(q("Amazon gift cards for 1st, 2nd, 3rd place and 2 honorable mentions"), iq(&[("amazon gift cards", 5)]));
    assert_eq!(q("a trophy for the top 3 plus 2 runners-up"), iq(&[("trophy", 5)]));
    // What follows that is no winner stays an item.
    assert_eq!(q("gift cards for 1st and 2nd place and 20 lanyards"), iq(&[("gift cards", 2), ("lanyards", 20)]));
}

#[test]
fn a_weekend_is_two_days() {
    // "for the weekend" rented the chairs for a day.
    let days = |p: &str| read_plan(p).needs.iter().map(|n| (n.item.clone(), n.days)).collect::<Vec<_>>();
    assert_eq!(days("rent 40 chairs for the weekend"), [("chairs".to_owned(), Some(2))]);
    assert_eq!(q("10 waters per day for a weekend retreat"), iq(&[("waters", 20)]));
    // A weekend said as a deadline is none.
    assert_eq!(days("40 chairs, delivered by the weekend"), [("chairs".to_owned(), None)]);
    assert_eq!(days("40 chairs for next weekend"), [("chairs".to_owned(), Some(2))]);
}

#[test]
fn for_the_next_days_is_a_stay() {
    // "for the next 3 days" was read as a deadline: the projectors were priced for one day.
    let days = |p: &str| read_plan(p).needs.iter().map(|n| (n.item.clone(), n.days)).collect::<Vec<_>>();
    assert_eq!(days("rent 2 projectors for the next 3 days"), [("projectors".to_owned(), Some(3))]);
    assert_eq!(days("40 chairs over the next 2 days"), [("chairs".to_owned(), Some(2))]);
    // Within them, or by their end, it is still a deadline.
    for prompt in ["40 chairs within the next 3 days", "40 chairs in the next 3 days", "40 chairs, delivered in the next 2 days"] {
        assert!(read_plan(prompt).needs.iter().all(|n| n.days.is_none()), "{prompt}");
    }
}

#[test]
fn what_each_is_given_for_is_no_item() {
    // A table was rented besides the tablecloths.
    assert_eq!(q("Each table gets a tablecloth; 15 tables"), iq(&[("tablecloth", 15)]));
    assert_eq!(q("Every table needs 2 power strips. 12 tables."), iq(&[("power strips", 24)]));
    // Asked for on their own, they are bought.
    assert_eq!(q("We need 4 projectors. Each projector needs an hdmi cable."), iq(&[("projectors", 4), ("hdmi cable", 4)]));
}

#[test]
fn what_the_user_has_is_replaced_not_bought_besides() {
    // Each bought the old thing besides the new one (2 monitors for "our existing monitors").
    assert_eq!(q("The old router was switched off; we need a new wifi router"), iq(&[("wifi router", 1)]));
    assert_eq!(q("the broken projector goes back; get 2 projectors"), iq(&[("projectors", 2)]));
    assert_eq!(q("our existing monitors are fine, need 4 webcams"), iq(&[("webcams", 4)]));
    assert_eq!(excluded("our existing monitors are fine, need 4 webcams"), ["existing monitors"]);
    // Alone, it is what is to be replaced, named without the word that makes it theirs.
    assert_eq!(q("replace the old router"), iq(&[("router", 1)]));
    assert_eq!(q("our current projector is broken, need a new one"), iq(&[("projector", 1)]));
    assert_eq!(q("swap the old hdmi cables for 10 new ones"), iq(&[("hdmi cables", 10)]));
    // What "replace" names is bought beside others of its category (the chairs were excluded as
    // what the table replaces); what replaces it with something is not.
    assert_eq!(q("need to replace 3 broken chairs and a wobbly table"), iq(&[("chairs", 3), ("table", 1)]));
    assert_eq!(q("replace 3 broken chairs and a table"), iq(&[("chairs", 3), ("table", 1)]));
    assert_eq!(q("replace the old router with a mesh wifi system"), iq(&[("mesh wifi system", 1)]));
    // Used again, it is no more to buy than beside a new one (it bought a projector).
    assert_eq!(q("we'll reuse our old projector; need 20 hdmi cables"), iq(&[("hdmi cables", 20)]));
    assert_eq!(excluded("we'll reuse our old projector; need 20 hdmi cables"), ["old projector"]);
    assert_eq!(q("we will use the old speakers; 2 mics"), iq(&[("mics", 2)]));
    assert_eq!(q("keep the existing monitors, need 4 webcams"), iq(&[("webcams", 4)]));
}

#[test]
fn a_place_heading_a_list_and_packages_of_things() {
    // "registration desk:" planned 300 registration desks (unmet, out of stock) beside the list.
    assert_eq!(q("registration desk: badge holders for 300, lanyards for 300"), iq(&[("badge holders", 300), ("lanyards", 300)]));
    assert_eq!(q("Welcome table: 200 name tags, 10 pens"), iq(&[("name tags", 200), ("pens", 10)]));
    // Asked for, it stays: "get a standing desk for the office: and 2 monitors".
    assert_eq!(q("Get a standing desk for the corner office: and 2 monitors"), iq(&[("standing desk", 1), ("monitors", 2)]));
    // Care packages hold one of each item listed ("a mug" was one mug for 15 packages), and "2
    // packages of sticky notes" count packages (it was the default 50 notes).
    assert_eq!(q("care packages x 15: snacks, a mug, stickers"), iq(&[("snacks", 15), ("mug", 15), ("stickers", 15)]));
    assert_eq!(q("3 pens, 2 packages of sticky notes"), iq(&[("pens", 3), ("sticky notes", 2)]));
}
