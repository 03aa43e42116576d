//! How an item is had: "buy 2 projectors" outright, "rent 40 chairs" as a rental, and neither
//! when the prompt does not say.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::Tenure;

/// Item, tenure and days of each need.
fn had(prompt: &str) -> Vec<(String, Option<Tenure>, Option<u32>)> {
    read_plan(prompt).needs.into_iter().map(|n| (n.item, n.tenure, n.days)).collect()
}

fn h(item: &str, tenure: Option<Tenure>, days: Option<u32>) -> (String, Option<Tenure>, Option<u32>) {
    (item.to_owned(), tenure, days)
}

const BUY: Option<Tenure> = Some(Tenure::Buy);
const RENT: Option<Tenure> = Some(Tenure::Rent);

#[test]
fn a_verb_of_buying_or_renting_says_how_its_items_are_had() {
    // "buy" rented the catalog's projector kits for the event's three days.
    assert_eq!(had("buy 2 projectors for a 3-day event"), [h("projectors", BUY, None)]);
    assert_eq!(had("we need to purchase a projector"), [h("projector", BUY, None)]);
    assert_eq!(had("rent 40 chairs for the weekend"), [h("chairs", RENT, Some(2))]);
    assert_eq!(had("we want to hire 40 chairs for 2 days"), [h("chairs", RENT, Some(2))]);
    // The verb heads its list, and another verb starts another.
    assert_eq!(
        had("rent 10 tables, 50 chairs and a projector for the 3-day event"),
        [h("tables", RENT, Some(3)), h("chairs", RENT, Some(3)), h("projector", RENT, Some(3))]
    );
    assert_eq!(had("rent 10 tables and buy 2 projectors, 3-day event"), [h("tables", RENT, Some(3)), h("projectors", BUY, None)]);
    // Said once of an item named twice, it is the need's.
    assert_eq!(had("2 projectors for 3 days. Buy the projectors please"), [h("projectors", BUY, None)]);
}

#[test]
fn asking_to_buy_without_saying_how_says_neither() {
    let days = |d: u32| [h("chairs", None, Some(d)), h("projectors", None, Some(d))];
    // A verb that heads a list after a colon asks; it does not say how.
    assert_eq!(had("Buy these for our 3-day event: 40 chairs and 2 projectors"), days(3));
    assert_eq!(had("40 chairs and 2 projectors for a 3-day event"), days(3));
    assert_eq!(had("get 40 chairs and 2 projectors for a 3-day event"), days(3));
    // Offered as a choice, or negated, neither.
    assert_eq!(had("rent or buy 2 projectors for 3 days"), [h("projectors", None, Some(3))]);
    assert!(unread("rent or buy 2 projectors for 3 days").is_empty());
    assert_eq!(had("don't rent projectors, buy 2 projectors"), [h("projectors", BUY, None)]);
    // A verb of another sentence or clause is not this item's.
    assert_eq!(had("We rent the venue. 40 chairs for 2 days"), [h("chairs", None, Some(2))]);
}

#[test]
fn a_verb_heading_a_list_or_said_after_the_item_says_how() {
    // Each was rented for the event's days, or merged: the user's words said otherwise.
    assert_eq!(had("need 2 projectors for 3 days, buy not rent"), [h("projectors", BUY, None)]);
    assert_eq!(had("2 projectors (buy, not rent), 3-day event"), [h("projectors", BUY, None)]);
    assert_eq!(had("40 chairs to rent for 2 days"), [h("chairs", RENT, Some(2))]);
    assert_eq!(
        had("Rent: 50 chairs, 10 tables. Buy: 2 projectors. 3-day event"),
        [h("chairs", RENT, Some(3)), h("tables", RENT, Some(3)), h("projectors", BUY, None)]
    );
    // A verb that opens the next item's clause is that item's.
    assert_eq!(had("40 chairs, rent 10 tables, 2 days"), [h("chairs", None, Some(2)), h("tables", RENT, Some(2))]);
    // Had two ways, or kept for other days, one item is two needs.
    assert_eq!(had("rent 20 chairs and buy 20 chairs"), [h("chairs", RENT, None), h("chairs", BUY, None)]);
    assert_eq!(had("40 chairs for 2 days and 20 chairs for 3 days"), [h("chairs", None, Some(2)), h("chairs", None, Some(3))]);
    assert_eq!(q("40 chairs for 2 days and 20 chairs for 3 days"), iq(&[("chairs", 40), ("chairs", 20)]));
}

#[test]
fn what_replaces_ones_own_is_bought() {
    // "replace 4 broken office chairs" rented 4 folding chairs for a day.
    assert_eq!(had("replace 4 broken office chairs"), [h("chairs", BUY, None)]);
    assert_eq!(had("we need to replace 2 projectors"), [h("projectors", BUY, None)]);
    // The whole list after the verb: the table was rented ("wobbly" broke the list).
    assert_eq!(had("need to replace 3 broken chairs and a wobbly table"), [h("chairs", BUY, None), h("table", BUY, None)]);
}
