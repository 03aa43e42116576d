//! What the prompt asks not to buy: "no snacks", "without badges", "we don't need lanyards",
//! "skip the chips", "everything except cables", "neither snacks nor drinks", "we already have
//! name tags". A negated item is no need: the plan lists it as dropped with the reason
//! `excluded`, so the answer shows it was read and left out on purpose.
//!
//! A negation reaches only the item right after it, over articles and verbs of asking ("no need
//! for any snacks"), and the items joined to that one by "or" ("no snacks or drinks"). It never
//! reaches across a count ("no more than 24 energy drinks" are 24), a clause break ("no, we need
//! snacks"), or a word that describes the item: "not too many snacks" are snacks and "no sugar
//! energy drinks" are sugar-free ones. "don't forget the badges" asks for badges.
//!
//! A negation right after an item rules something out of that item instead ("snacks without
//! nuts", "water, not sparkling"): the need keeps it in `Need::excluding`, and no offer that has
//! it is bought for the need.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_function_word, BOUNDARY_WORDS, DETERMINERS, FILLER_WORDS};
use crate::intent::phrases::PhraseTable;

/// Words that negate the item after them.
const NEGATORS: &[&str] = &[
    "no",
    "not",
    "without",
    "except",
    "excluding",
    "minus",
    "skip",
    "never",
    "neither",
    "nor",
    "don't",
    "dont",
    "doesn't",
    "won't",
    "didn't",
];

/// Words between a negation and its item that change nothing: "no need for any more snacks",
/// "we don't want to order the badges".
const PASSED_OVER: &[&str] =
    &["any", "more", "some", "need", "needs", "want", "buy", "order", "get", "include", "bring", "add", "require", "purchase", "to", "for"];

/// What says an item is already at hand: "we already have badges".
const HAVE: &[&str] = &["have", "has", "got", "bought", "ordered", "own"];

/// Whether `word` negates what follows it.
pub(super) fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word)
}

/// Whether the word at `at` ends an item's description read backwards: a negation, or the
/// "have" of "already have".
pub(super) fn ends_description(toks: &[Tok], at: usize) -> bool {
    word_at(toks, at).is_some_and(|w| is_negator(w) || (HAVE.contains(&w) && at > 0 && word_at(toks, at - 1) == Some("already")))
}

/// Where the negation of the item whose description starts at `start` begins, reading back no
/// further than `floor`; `None` when the item is asked for. `after_negated`: the end of the item
/// before it when that one was negated, so "no snacks or drinks" leaves out both.
pub(super) fn negated_from(toks: &[Tok], start: usize, floor: usize, after_negated: Option<usize>) -> Option<usize> {
    let mut k = start;
    while k > floor {
        let w = word_at(toks, k - 1)?;
        if is_negator(w) {
            return Some(k - 1);
        }
        if HAVE.contains(&w) && k >= floor + 2 && word_at(toks, k - 2) == Some("already") {
            return Some(k - 2);
        }
        if !(DETERMINERS.contains(&w) || PASSED_OVER.contains(&w)) {
            break;
        }
        k -= 1;
    }
    // "no snacks or drinks", "without badges or lanyards": joined by "or" to a negated item.
    let end = after_negated?;
    let joined = end < start && (end..start).all(|j| word_at(toks, j).is_some_and(|w| matches!(w, "or" | "any")));
    joined.then_some(end)
}

/// Words that end what a negation after an item rules out: "no cables needed", "not sparkling
/// please".
const AFTER_RULED_OUT: &[&str] = &["needed", "required", "necessary", "please", "thanks", "at", "all", "this", "time", "though"];

/// What the words right after an item (ending at `at`, of category `category`) rule out for it:
/// "snacks without nuts", "coffee with no sugar", "water, not sparkling", "snacks, but no chips
/// or pretzels". An item of another category ("drinks, no snacks") is not ruled out of this one:
/// it is its own negated item.
pub(super) fn ruled_out_after(toks: &[Tok], keys: &[Option<String>], table: &PhraseTable, at: usize, category: usize) -> Vec<String> {
    let mut j = at;
    if toks.get(j) == Some(&Tok::Break) {
        j += 1;
    }
    if matches!(word_at(toks, j), Some("but" | "with")) {
        j += 1;
    }
    if !matches!(word_at(toks, j), Some("no" | "not" | "without" | "except" | "excluding" | "minus")) {
        return Vec::new();
    }
    j += 1;
    let mut out = Vec::new();
    loop {
        while word_at(toks, j).is_some_and(|w| DETERMINERS.contains(&w) || w == "any") {
            j += 1;
        }
        if table.longest_at(keys, j).is_some_and(|p| !p.categories.contains(&category)) {
            break;
        }
        let from = j;
        while j < from + 3 && word_at(toks, j).is_some_and(|w| !ends_ruled_out(w)) {
            j += 1;
        }
        let words: Vec<&str> = (from..j).filter_map(|k| word_at(toks, k)).collect();
        if words.is_empty() {
            break;
        }
        out.push(words.join(" "));
        // "no chips or pretzels"
        if !matches!(word_at(toks, j), Some("or" | "nor")) {
            break;
        }
        j += 1;
    }
    out
}

fn ends_ruled_out(w: &str) -> bool {
    is_function_word(w) || is_negator(w) || BOUNDARY_WORDS.contains(&w) || FILLER_WORDS.contains(&w) || AFTER_RULED_OUT.contains(&w)
}
