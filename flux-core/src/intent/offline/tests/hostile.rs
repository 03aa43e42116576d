//! Word soup from every rule's trigger words: the parser answers (a plan or a typed error),
//! never panics, and keeps every quantity in range.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::intent::MAX_NEED_QUANTITY;

const WORDS: &[&str] = &[
    "no",
    "not",
    "without",
    "don't",
    "we",
    "have",
    "already",
    "had",
    "is",
    "there",
    "no",
    "none",
    "of",
    "the",
    "a",
    "an",
    "any",
    "snacks",
    "drinks",
    "energy",
    "badges",
    "lanyards",
    "t-shirts",
    "black",
    "blue",
    "for",
    "per",
    "each",
    "people",
    "hires",
    "tables",
    "desk",
    "actually",
    "sorry",
    "wait",
    "make",
    "it",
    "that",
    "meant",
    "instead",
    "rather",
    "than",
    "and",
    "or",
    "but",
    "with",
    "nuts",
    "sugar",
    "free",
    "need",
    "needed",
    "are",
    "not",
    "allowed",
    "skip",
    "hold",
    "the",
    "x",
    "x2",
    "1.5k",
    "two",
    "hundred",
    "fifty",
    "twenty",
    "four",
    "half",
    "dozen",
    "couple",
    "1st",
    "2nd",
    "24",
    "0",
    "100000",
    "2025",
    "cases",
    "boxes",
    "pack",
    "24-pack",
    "more",
    "left",
    "covered",
    "ordered",
    "too",
    "well",
    "forgot",
    "office",
    "chairs",
    "hdmi",
    "cables",
    "25",
    "ft",
    "long",
    "maybe",
    "please",
    "from",
    "at",
    "via",
    "on",
    "only",
    "exclusively",
    "amazon",
    "walmart",
    "techdata",
    "tech",
    "data",
    "direct",
    "anything",
    "anywhere",
    "nothing",
    "buy",
    "order",
];
const MARKS: &[&str] = &[" ", " ", " ", " ", ", ", ": ", ". ", "! ", "? ", " - ", " \u{2014} ", "\n", " (", ") ", " / ", " & ", "’"];

#[test]
fn word_soup_never_panics_and_keeps_quantities_in_range() {
    let catalog = crate::catalog::EmbeddedCatalog::data();
    // A fixed linear congruential generator: the same soups on every run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    for _ in 0..4_000 {
        let len = 1 + next(24);
        let mut prompt = String::new();
        for _ in 0..len {
            prompt.push_str(WORDS[next(WORDS.len())]);
            prompt.push_str(MARKS[next(MARKS.len())]);
        }
        let Ok(intent) = Intent::new(&prompt, Amount::whole(500), 7, Strategy::Balanced) else { continue };
        if let Ok(plan) = OfflineParser.parse_sync(&intent, catalog.vocabulary()) {
            assert!(plan.needs.iter().all(|n| (1..=MAX_NEED_QUANTITY).contains(&n.quantity)), "{prompt:?}: {:?}", plan.needs);
            // A store is a vendor of the catalog, or words of the prompt ("only from target").
            let mut stores = plan.needs.iter().flat_map(|n| n.merchants.iter().chain(&n.excluding_merchants));
            assert!(
                stores.all(|m| catalog.vendor(m).is_some() || prompt.to_lowercase().contains(m.as_str())),
                "{prompt:?}: {:?}",
                plan.needs
            );
        }
    }
}
