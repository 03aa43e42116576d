//! A sum to spend on an item ("$200 for snacks", "snacks: $200", "a $500 prize budget") says how
//! much to buy where the user gave no count, and is never exceeded (`Need::spend`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flux_core::{block_on, Amount, Flux, Intent, MemoryLedger, Proposal, Strategy};

fn propose(prompt: &str, strategy: Strategy) -> Proposal {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    block_on(flux.orchestrate(&Intent::new(prompt, Amount::whole(800), 7, strategy).unwrap())).unwrap()
}

/// What the cart spends on the need for `item`.
fn spent_on(p: &Proposal, item: &str) -> Amount {
    Amount::checked_sum(p.cart.lines().iter().filter(|l| l.need == item).map(|l| l.line_total)).unwrap()
}

#[test]
fn a_sum_to_spend_on_an_item_buys_what_it_buys_and_no_more() {
    // "$200 for snacks and $100 for drinks" bought the defaults (one 54-bag box of gummy bears,
    // 15.63 USDC; 48 bottles of water): the sums were not read at all.
    for prompt in ["$200 for snacks and $100 for drinks", "snacks: $200, drinks: $100", "spend $200 on snacks and $100 on drinks"] {
        for strategy in [Strategy::Cheapest, Strategy::Balanced] {
            let p = propose(prompt, strategy);
            let spend: Vec<(&str, Vec<&str>)> =
                p.needs.iter().map(|n| (n.item.as_str(), n.attributes.iter().map(String::as_str).collect())).collect();
            assert_eq!(spend, [("snacks", vec!["spend $200"]), ("drinks", vec!["spend $100"])], "{prompt}");
            // As many units as the sum buys at the usual price a unit: far more than the default
            // of 50 snacks and 48 drinks, and never more than the sum.
            let snacks = p.needs.iter().find(|n| n.item == "snacks").unwrap();
            assert!(snacks.quantity > 200 && snacks.estimated, "{prompt}: {}", snacks.quantity);
            assert!(p.unmet.is_empty(), "{prompt}: {:?}", p.unmet);
            let (on_snacks, on_drinks) = (spent_on(&p, "snacks"), spent_on(&p, "drinks"));
            assert!(on_snacks > Amount::whole(50) && on_snacks <= Amount::whole(200), "{prompt} {strategy:?}: {on_snacks}");
            assert!(on_drinks > Amount::whole(15) && on_drinks <= Amount::whole(100), "{prompt} {strategy:?}: {on_drinks}");
        }
    }
}

#[test]
fn a_count_said_stays_and_the_sum_caps_it() {
    // "100 energy drinks ($50)": 100 cans were asked; no offer sells them for 50 USDC, so the
    // need is unmet rather than bought for more.
    let p = propose("100 energy drinks ($50)", Strategy::Cheapest);
    assert_eq!((p.needs[0].quantity, p.needs[0].attributes.as_slice()), (100, &["spend $50".to_owned()][..]));
    assert!(p.cart.lines().is_empty(), "{:?}", p.cart.lines());
    assert_eq!(p.unmet.len(), 1);
    // A face value is no sum to spend, and a price each no total.
    let p = propose("a $100 gift card", Strategy::Cheapest);
    assert_eq!(p.needs[0].attributes, ["$100"]);
    assert_eq!(p.needs[0].quantity, 1);
    let p = propose("3 gift cards, $50 each", Strategy::Cheapest);
    assert_eq!((p.needs[0].quantity, p.needs[0].attributes.as_slice()), (3, &["$50".to_owned()][..]));
}

#[test]
fn a_budget_for_a_part_is_spent_on_it() {
    // "a $500 prize budget" bought one $25 gift card: "a" counted one prize and "$500" was read
    // as a face value.
    let p = propose("hackathon: snacks, drinks, and a $500 prize budget", Strategy::Balanced);
    let prizes = p.needs.iter().find(|n| n.category == "prizes").unwrap();
    assert_eq!(prizes.attributes, ["spend $500"]);
    assert!(prizes.quantity > 1 && prizes.estimated, "{prizes:?}");
    assert!(spent_on(&p, &prizes.item) <= Amount::whole(500));
    // It is the prizes' budget, not the whole request's: the intent keeps its 800.
    assert_eq!(p.budget, Amount::whole(800));
    assert_eq!(propose("prize budget: $500", Strategy::Balanced).needs[0].attributes, ["spend $500"]);
}
