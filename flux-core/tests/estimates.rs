//! Quantities the kernel estimated (a category's default, a rate per person) are bought as far as
//! the budget goes; counts the user said are never cut.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flux_core::{block_on, Amount, Flux, Intent, MemoryLedger, Proposal, Strategy, UnmetReason};

fn propose(prompt: &str, budget: u32) -> Proposal {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    block_on(flux.orchestrate(&Intent::new(prompt, Amount::whole(budget), 7, Strategy::Balanced).unwrap())).unwrap()
}

/// What a cart buys: (item, units) per line; what it leaves: (item, quantity, reason).
type Outcome = (Vec<(String, u32)>, Vec<(String, u32, UnmetReason)>);

fn outcome(p: &Proposal) -> Outcome {
    let bought = p.cart.lines().iter().map(|l| (l.need.clone(), l.units)).collect();
    let unmet = p.unmet.iter().map(|u| (u.item.clone(), u.quantity, u.reason)).collect();
    (bought, unmet)
}

#[test]
fn the_parser_says_which_quantities_it_estimated() {
    let p = propose("24 energy drinks, a projector, snacks for 40 people and coffee", 2000);
    let estimated: Vec<(&str, bool)> = p.needs.iter().map(|n| (n.item.as_str(), n.estimated)).collect();
    assert_eq!(estimated, [("energy drinks", false), ("projector", false), ("snacks", true), ("coffee", true)]);
}

#[test]
fn an_estimate_the_budget_cannot_buy_whole_is_bought_as_far_as_it_goes() {
    // "coffee for the office" was 48 coffees (the category's default) at 102.56 USDC: at 50 USDC
    // the cart was empty. One pack of 12 fits; the other 36 are unmet for the budget.
    let p = propose("coffee for the office", 50);
    assert_eq!(outcome(&p), (vec![("coffee".into(), 12)], vec![("coffee".into(), 36, UnmetReason::OverBudget)]));
    assert!(p.total <= Amount::whole(50));
    // Three snacks a person for 40 are 120; 30 USDC buys 96 of them.
    let p = propose("snacks for 40 people", 30);
    assert_eq!(outcome(&p), (vec![("snacks".into(), 96)], vec![("snacks".into(), 24, UnmetReason::OverBudget)]));
    // After the rest of the cart: coffee takes what the snacks leave.
    let p = propose("coffee and snacks for 30 people", 200);
    let (bought, unmet) = outcome(&p);
    assert_eq!(bought, [("snacks".into(), 96), ("coffee".into(), 72)]);
    assert_eq!(unmet, [("coffee".into(), 18, UnmetReason::OverBudget)]);
    assert!(p.total <= Amount::whole(200));
}

#[test]
fn a_count_the_user_said_is_never_cut() {
    let p = propose("24 energy drinks", 30);
    assert_eq!(outcome(&p), (vec![], vec![("energy drinks".into(), 24, UnmetReason::OverBudget)]));
    // Nor an estimate the budget buys whole.
    let p = propose("coffee for the office", 200);
    assert_eq!(outcome(&p), (vec![("coffee".into(), 48)], vec![]));
}

#[test]
fn what_an_estimate_takes_keeps_the_cart_within_the_budget_and_the_policy() {
    // Needs that share a line (badges and name tags), estimates, and counts, over many budgets.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let prompts = [
        "badges and name tags for 30, coffee for the office",
        "coffee and snacks for 30 people, 24 energy drinks",
        "snacks, drinks, badges and lanyards for 120 people",
        "lanyards for 200 people, coffee, 10 usb-c hubs",
    ];
    for prompt in prompts {
        for budget in [15, 30, 45, 60, 90, 150, 300, 700] {
            let intent = Intent::new(prompt, Amount::whole(budget), 7, Strategy::Balanced).unwrap();
            let p = block_on(flux.orchestrate(&intent)).unwrap();
            assert!(p.total <= Amount::whole(budget), "{prompt} @ {budget}: {}", p.total);
            if !p.cart.lines().is_empty() {
                assert!(flux.authorize(&p.cart).is_allowed(), "{prompt} @ {budget}: {:?}", flux.authorize(&p.cart).violations());
            }
        }
    }
}
