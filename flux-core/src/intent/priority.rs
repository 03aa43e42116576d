//! A ranking strategy the prompt states in words: "the cheapest 50 pens", "as cheap as
//! possible", "lowest price", "fastest delivery", "as fast as possible", "express shipping".
//! [`Intent::new`](super::Intent::new) uses it when the caller left the strategy at its default
//! (balanced), so a prompt that asks for the cheapest is not ranked by a balance of price, speed
//! and trust because the caller passed the default; a strategy the caller chose stands.
//!
//! The rules read less rather than more, as for deadlines: a clause that negates says nothing
//! ("doesn't have to be the cheapest", "not the fastest"); speed said of a thing is what the
//! thing is ("the fastest router", "fast chargers"), only speed said of getting it counts; and a
//! prompt that asks for both ("cheapest, and fastest delivery") keeps the default. "asap" is
//! urgency, not a trade of price for speed, and is no strategy.

use super::deadline::{clauses, lower};
use super::Strategy;

/// Words that negate their clause: a strategy in it is what is not asked.
const NEGATING: &[&str] =
    &["not", "don't", "dont", "doesn't", "doesnt", "isn't", "isnt", "needn't", "neednt", "never", "without", "necessarily"];

/// What speed said right after "fastest" or "fast" is of: getting the goods.
const GETTING: &[&str] = &["delivery", "shipping", "shipment", "arrival", "turnaround", "option", "options", "possible", "available"];

/// Whether a word before an item states how to rank, not what the item is: "the cheapest hdmi
/// cables" are hdmi cables.
pub(crate) fn ranks(word: &str) -> bool {
    matches!(word, "cheapest" | "fastest" | "quickest" | "soonest" | "lowest-priced" | "lowest-cost")
}

/// The strategy `prompt` states, if it states one and only one.
pub(crate) fn stated_strategy(prompt: &str) -> Option<Strategy> {
    let lower = lower(prompt);
    let (mut cheapest, mut fastest) = (false, false);
    for words in clauses(&lower) {
        if words.iter().any(|w| NEGATING.contains(w)) {
            continue;
        }
        for i in 0..words.len() {
            cheapest |= cheapest_at(&words, i);
            fastest |= fastest_at(&words, i);
        }
    }
    match (cheapest, fastest) {
        (true, false) => Some(Strategy::Cheapest),
        (false, true) => Some(Strategy::Fastest),
        _ => None,
    }
}

/// "cheapest", "least expensive", "lowest price(s)", "lowest cost", "lowest-priced", "as cheap
/// (or cheaply) as possible" at word `i`.
fn cheapest_at(words: &[&str], i: usize) -> bool {
    let at = |k: usize| words.get(i + k).copied().unwrap_or("");
    match at(0) {
        "cheapest" | "lowest-priced" | "lowest-cost" => true,
        "least" => at(1) == "expensive",
        "lowest" => matches!(at(1), "price" | "prices" | "priced" | "cost"),
        "cheap" | "cheaply" => i > 0 && words[i - 1] == "as" && (at(1), at(2)) == ("as", "possible"),
        _ => false,
    }
}

/// "fastest delivery", "quickest shipping", "whatever arrives fastest", "as fast (or quickly)
/// as possible", "fast shipping", "express delivery", "expedited shipping", "rush delivery" at
/// word `i`.
fn fastest_at(words: &[&str], i: usize) -> bool {
    let at = |k: usize| words.get(i + k).copied().unwrap_or("");
    let getting = |w: &str| GETTING.contains(&w);
    let shipped = |w: &str| matches!(w, "delivery" | "shipping" | "shipment");
    match at(0) {
        // ("whatever arrives fastest", "ship it quickest": ending its clause after a verb of getting.)
        "fastest" | "quickest" | "soonest" => {
            getting(at(1)) || (at(1).is_empty() && i > 0 && matches!(words[i - 1], "arrives" | "arrive" | "ships" | "ship" | "delivers"))
        }
        "fast" | "quickly" => {
            (i > 0 && words[i - 1] == "as" && (at(1), at(2)) == ("as", "possible")) || (at(0) == "fast" && shipped(at(1)))
        }
        "express" | "expedited" | "rush" | "priority" => shipped(at(1)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategies_said_in_words() {
        for (prompt, said) in [
            ("buy the cheapest 50 pens", Some(Strategy::Cheapest)),
            ("24 energy drinks, as cheap as possible", Some(Strategy::Cheapest)),
            ("hdmi cables - lowest price please", Some(Strategy::Cheapest)),
            ("whichever store has the least expensive badges", Some(Strategy::Cheapest)),
            ("3 projectors for the conference, fastest delivery", Some(Strategy::Fastest)),
            ("snacks for 20, whatever arrives fastest", Some(Strategy::Fastest)),
            ("need 10 webcams as fast as possible", Some(Strategy::Fastest)),
            ("lanyards with express shipping", Some(Strategy::Fastest)),
            ("usb-c hubs, fast shipping", Some(Strategy::Fastest)),
            // Said of a thing, negated, both, or urgency: none.
            ("the fastest wifi router you have", None),
            ("10 fast chargers", None),
            ("snacks, doesn't have to be the cheapest", None),
            ("not necessarily the cheapest hoodies", None),
            ("cheapest snacks, and fastest delivery", None),
            ("need 12 adapters asap", None),
            ("cheap snacks for the team", None),
        ] {
            assert_eq!(stated_strategy(prompt), said, "{prompt}");
        }
    }

    #[test]
    fn the_default_strategy_gives_way_to_the_stated_one() {
        use crate::intent::Intent;
        use crate::money::Amount;
        // "buy the cheapest 50 pens" was ranked balanced, and bought dearer pens sooner.
        let intent = |strategy| Intent::new("buy the cheapest 50 pens", Amount::whole(100), 7, strategy).map(|i| i.strategy());
        assert_eq!(intent(Strategy::Balanced), Ok(Strategy::Cheapest));
        // A strategy the caller chose stands.
        assert_eq!(intent(Strategy::Fastest), Ok(Strategy::Fastest));
    }
}
