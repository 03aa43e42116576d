//! A sum to spend on an item ("$200 for snacks", "snacks: $200", "a $500 prize budget") says how
//! much to buy where the user gave no count, and is never exceeded (`Need::spend`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flux_core::{block_on, Amount, Flux, Intent, MemoryLedger, Policy, Proposal, Strategy};

fn propose(prompt: &str, strategy: Strategy) -> Proposal {
    propose_within(prompt, 800, strategy)
}

fn propose_within(prompt: &str, budget: u32, strategy: Strategy) -> Proposal {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    block_on(flux.orchestrate(&Intent::new(prompt, Amount::whole(budget), 7, strategy).unwrap())).unwrap()
}

/// Whether `spent` is most of `sum` (nine tenths or more) and no more than it.
fn spends(spent: Amount, sum: u32) -> bool {
    spent >= Amount::whole(sum * 9 / 10) && spent <= Amount::whole(sum)
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
            // The sums are spent (cheapest spent 82.75 of the 200 on 425 snacks: units counted at
            // the usual price, bought at a lower one).
            assert!(spends(on_snacks, 200), "{prompt} {strategy:?}: {on_snacks}");
            assert!(spends(on_drinks, 100), "{prompt} {strategy:?}: {on_drinks}");
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
    // Said before the count too: "$50 for 100 energy drinks" bought 120 cans for 180.45 USDC.
    for prompt in ["$50 for 100 energy drinks", "spend $50 on 100 energy drinks"] {
        let p = propose(prompt, Strategy::Cheapest);
        assert_eq!((p.needs[0].quantity, p.needs[0].attributes.as_slice()), (100, &["spend $50".to_owned()][..]), "{prompt}");
        assert!(p.cart.lines().is_empty() && p.unmet.len() == 1, "{prompt}: {:?}", p.cart.lines());
    }
    let p = propose("spend $200 on 100 energy drinks", Strategy::Cheapest);
    assert_eq!(p.needs[0].quantity, 100);
    assert!(p.cart.total() <= Amount::whole(200) && p.cart.lines()[0].units >= 100, "{:?}", p.cart.lines());
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
    assert!(spends(spent_on(&p, &prizes.item), 500), "{}", spent_on(&p, &prizes.item));
    // It is the prizes' budget, not the whole request's: the intent keeps its 800.
    assert_eq!(p.budget, Amount::whole(800));
    assert_eq!(propose("prize budget: $500", Strategy::Balanced).needs[0].attributes, ["spend $500"]);
}

#[test]
fn the_sum_is_spent_on_what_the_strategy_picks() {
    // "Prize budget: $300" counted 2 prizes at the usual price (a $129 pair of earbuds), and
    // "cheapest" then bought two $25 gift cards: 53.98 of the 300 USDC.
    for strategy in [Strategy::Cheapest, Strategy::Balanced, Strategy::Fastest] {
        let p = propose("Prize budget: $300", strategy);
        let spent = p.cart.total();
        assert!(spent >= Amount::whole(250) && spent <= Amount::whole(300), "{strategy:?}: {spent} {:?}", p.cart.lines());
        assert_eq!(p.cart.lines()[0].units, p.needs[0].quantity, "{strategy:?}");
    }
    // An offer the larger quantity favours (250 stickers a pack, not 100) is filled in turn.
    let p = propose("our $300 swag budget", Strategy::Cheapest);
    assert!(spends(p.cart.total(), 300), "{:?}", p.cart.lines());
    // A sum beyond the budget is counted within it: "$99999999999 for snacks" counted 100,000
    // snacks, more than any offer has, and bought none.
    let p = propose("$99999999999 for snacks", Strategy::Cheapest);
    assert!(p.unmet.is_empty() && p.cart.total() > Amount::whole(300) && p.cart.total() <= Amount::whole(800), "{:?}", p.cart.lines());
    // Nothing left over to fill with: a sum smaller than one pack buys none of it.
    let p = propose("$5 for snacks", Strategy::Cheapest);
    assert!(p.cart.total() <= Amount::whole(5), "{:?}", p.cart.lines());
}

#[test]
fn filling_a_sum_never_costs_another_need_its_place() {
    // With 400 USDC for "snacks, drinks and a $500 prize budget", the prizes took all 400 and
    // were then dropped as over the budget: the fill leaves room for the other needs.
    let p = propose_within("hackathon: snacks, drinks, and a $500 prize budget", 400, Strategy::Balanced);
    assert!(p.unmet.is_empty(), "{:?}", p.unmet);
    assert_eq!(p.cart.lines().len(), 3, "{:?}", p.cart.lines());
    let prizes = p.needs.iter().find(|n| n.category == "prizes").unwrap();
    assert!(spent_on(&p, &prizes.item) > Amount::whole(300) && p.cart.total() <= Amount::whole(400), "{:?}", p.cart.lines());
    // Two sums over the budget: the second gets what the first leaves.
    let p = propose_within("$200 for snacks and $100 for drinks", 250, Strategy::Cheapest);
    assert!(p.unmet.is_empty() && p.cart.lines().len() == 2, "{:?} {:?}", p.unmet, p.cart.lines());
    assert!(p.cart.total() <= Amount::whole(250) && p.cart.total() > Amount::whole(225), "{}", p.cart.total());
}

#[test]
fn a_sum_is_filled_within_the_policy_caps() {
    // A merchant the policy pays at most 100 USDC a cart: the sum is filled up to that, no more,
    // and the cart stays one the policy allows.
    let mut doc = Policy::demo().to_document();
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let asked = Intent::new("Prize budget: $300", Amount::whole(800), 7, Strategy::Cheapest).unwrap();
    let merchant = block_on(flux.orchestrate(&asked)).unwrap().cart.lines()[0].vendor_id.clone();
    doc.rules.per_merchant_caps.insert(merchant.clone(), Amount::whole(100));
    let policy = Policy::new(doc.merchants, doc.rules).unwrap();
    let flux = Flux::builder().ledger(MemoryLedger::new()).policy(policy).build().unwrap();
    let p = block_on(flux.orchestrate(&asked)).unwrap();
    let to_merchant = Amount::checked_sum(p.cart.lines().iter().filter(|l| l.vendor_id == merchant).map(|l| l.line_total)).unwrap();
    assert!(to_merchant <= Amount::whole(100), "{:?}", p.cart.lines());
    assert!(!p.cart.lines().is_empty() && p.cart.total() <= Amount::whole(300), "{:?}", p.cart.lines());
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart).violations());
}

#[test]
fn a_sum_for_one_each_of_a_head_count_caps_it() {
    // "prizes for 3 teams, a $500 prize budget" bought 19 gift cards once the sum was filled:
    // three teams are three prizes, and the sum is the most they may cost.
    // "a prize for 3 winners. Prize budget: $300" bought 11: the second sentence's default count
    // of prizes outranked the "a" of the first.
    for (prompt, units, sum) in [
        ("prizes for 3 teams, a $500 prize budget", 3, 500),
        ("headphones for 8 people, $400 for headphones", 8, 400),
        ("a prize for 3 winners. Prize budget: $300", 3, 300),
    ] {
        let p = propose(prompt, Strategy::Balanced);
        let cap = format!("max ${sum} total");
        assert_eq!((p.needs[0].quantity, p.needs[0].attributes.as_slice()), (units, &[cap][..]), "{prompt}");
        assert_eq!(p.cart.lines().iter().map(|l| l.units).sum::<u32>(), units, "{prompt}: {:?}", p.cart.lines());
        assert!(p.cart.total() <= Amount::whole(sum), "{prompt}");
    }
    // A rate a head is the kernel's guess, which the sum replaces: 3 snacks each was 120.
    let p = propose("snacks and drinks for 40 people, $100 for snacks", Strategy::Cheapest);
    assert_eq!(p.needs[0].attributes, ["spend $100"]);
    assert!(spends(spent_on(&p, "snacks"), 100), "{:?}", p.cart.lines());
}

#[test]
fn a_sum_for_a_list_is_shared_by_its_items() {
    // "$300 for prizes and snacks" spent 296.89 on prizes and bought the snacks on top: the sum
    // was the first item's. It is the list's, in equal parts (in whole cents).
    let p = propose("$300 for prizes and snacks", Strategy::Cheapest);
    assert_eq!(p.needs.iter().map(|n| n.attributes.clone()).collect::<Vec<_>>(), [["spend $150"], ["spend $150"]]);
    // (Five $26.99 gift cards are what 150 buys: 134.95.)
    let (prizes, snacks) = (spent_on(&p, "prizes"), spent_on(&p, "snacks"));
    assert!(prizes > Amount::whole(130) && prizes <= Amount::whole(150) && spends(snacks, 150), "{:?}", p.cart.lines());
    assert!(p.cart.total() <= Amount::whole(300));
    let p = propose("$100 for snacks, drinks and candy", Strategy::Cheapest);
    let sums: Vec<String> = p.needs.iter().flat_map(|n| n.attributes.clone()).collect();
    assert_eq!(sums, ["spend $33.34", "spend $33.33", "spend $33.33"]);
    assert!(p.cart.total() <= Amount::whole(100), "{:?}", p.cart.lines());
    // A counted item ends the list: the sum stays the snacks'.
    let p = propose("$200 for snacks and 24 energy drinks", Strategy::Cheapest);
    assert_eq!(p.needs[0].attributes, ["spend $200"]);
    assert!(p.needs[1].attributes.is_empty() && p.needs[1].quantity == 24);
}

#[test]
fn a_sum_buys_whole_packs_within_it() {
    // "$150 for stickers" planned 364 stickers at the usual price a sticker, which no pack of 100
    // or 250 makes within $150: nothing was bought.
    for (prompt, sum) in [("$150 for stickers", 150), ("$60 for stickers", 60)] {
        let p = propose(prompt, Strategy::Cheapest);
        assert!(p.unmet.is_empty(), "{prompt}: {:?}", p.unmet);
        let spent = spent_on(&p, "stickers");
        assert!(spent > Amount::ZERO && spent <= Amount::whole(sum), "{prompt}: {spent}");
    }
}

#[test]
fn a_sum_for_a_category_is_its_items_and_never_spent_besides() {
    // "we have $300 for snacks" refused the prompt (NOTHING_WANTED: snacks at hand); "hoodies for
    // 10 people, $300 for swag" bought 250 stickers for the swag and the hoodies on top (661.49).
    let p = propose("we have $300 for snacks", Strategy::Cheapest);
    assert!(spends(spent_on(&p, "snacks"), 300), "{:?}", p.cart.lines());
    // Nor is a sum after what is at hand ("we have 20 chairs and $200 for tables" was refused).
    let p = propose("we have 20 chairs and $200 for tables", Strategy::Cheapest);
    assert_eq!(p.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["tables"]);
    assert!(spends(spent_on(&p, "tables"), 200), "{:?}", p.cart.lines());
    let p = propose("stickers for 100 attendees, we have $300 for swag", Strategy::Cheapest);
    assert_eq!(p.needs.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(), ["stickers"]);
    assert!(p.cart.total() <= Amount::whole(300), "{}", p.cart.total());
    let p = propose("hoodies for 10 people, $300 for swag", Strategy::Cheapest);
    assert!(p.cart.total() <= Amount::whole(300), "{}", p.cart.total());
    assert_eq!(p.needs.len(), 1);
}
