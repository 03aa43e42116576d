//! A sum to spend on an item, before it or after it in a clause of its own (`offline/spend.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

#[test]
fn a_sum_for_an_item_is_what_to_spend_on_it() {
    // Each read no sum at all: the item was bought at its default quantity.
    for prompt in [
        "$200 for snacks",
        "200 dollars on snacks",
        "spend $200 on snacks",
        "$200 worth of snacks",
        "snacks: $200",
        "snacks ($200)",
        "snacks, about $200",
        "snack budget: $200",
        "a $200 snack budget",
        "a $200 budget for snacks",
        "our $200 budget for snacks",
        "snacks, $200 budget",
    ] {
        let plan = read_plan(prompt);
        let needs: Vec<(&str, &[String])> = plan.needs.iter().map(|n| (n.category.as_str(), n.attributes.as_slice())).collect();
        assert_eq!(needs, [("snacks", &["spend $200".to_owned()][..])], "{prompt}");
        assert!(plan.needs[0].estimated, "{prompt}");
        assert!(plan.dropped.is_empty(), "{prompt}: {:?}", plan.dropped);
    }
    // Two parts, two sums.
    assert_eq!(attrs("$200 for snacks and $100 for drinks"), [ia("snacks", &["spend $200"]), ia("drinks", &["spend $100"])]);
    assert_eq!(attrs("snacks: $200, drinks: $100"), [ia("snacks", &["spend $200"]), ia("drinks", &["spend $100"])]);
    // Said of an item named before, the sum is that need's: one need, not two.
    assert_eq!(attrs("snacks and drinks for 40 people, $100 for snacks"), [ia("snacks", &["spend $100"]), ia("drinks", &[])]);
    // One each of a head count is counted already: the sum caps it.
    assert_eq!(attrs("prizes for 3 teams, a $500 prize budget"), [ia("prizes", &["max $500 total"])]);
}

#[test]
fn a_cap_a_face_value_or_a_price_each_is_no_sum_to_spend() {
    assert_eq!(attrs("snacks under $200"), [ia("snacks", &["max $200"])]);
    assert_eq!(attrs("a $100 gift card"), [ia("gift card", &["$100"])]);
    assert_eq!(attrs("3 gift cards, $50 each"), [ia("gift cards", &["$50"])]);
    // A count said stays the count.
    assert_eq!(q("100 energy drinks ($50)"), iq(&[("energy drinks", 100)]));
}
