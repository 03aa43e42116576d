//! What a negation right after an item rules out of it ("snacks without nuts", "water, not
//! sparkling", "hdmi cables, not the 3 ft ones"): the need keeps it in `Need::excluding`, and no
//! offer that has it is bought for the need.

use super::counts::word_at;
use super::negation::{is_negator, DEGREE_WORDS, NEEDED};
use super::tokens::Tok;
use super::words::{is_function_word, BOUNDARY_WORDS, DETERMINERS, FILLER_WORDS};
use crate::intent::phrases::PhraseTable;

/// Words after a negation that hedge rather than rule out: "lanyards, not sure how many".
const HEDGES: &[&str] = &["sure", "idea", "clue", "worries", "problem", "preference", "rush", "need", "matter", "fancy", "picky"];

/// Negations that rule something out of the item before them: "snacks without nuts".
const AFTER_ITEM: &[&str] = &["no", "not", "without", "except", "excluding", "minus", "avoid", "avoiding", "nothing"];

/// Words after a negation that name nothing to rule out: "without delay", "not both", "no less
/// than 30", "not the folding kind" (only "folding" is ruled out).
const NAMES_NOTHING: &[&str] = &[
    "ones",
    "one",
    "kind",
    "kinds",
    "type",
    "types",
    "sort",
    "sorts",
    "both",
    "either",
    "delay",
    "delays",
    "rush",
    "hurry",
    "problem",
    "worries",
    "way",
    "exceptions",
    "than",
    // "20 chairs, no wait, 30 chairs": a correction
    "wait",
    // "24 energy drinks, nothing else", "snacks, nothing fancy": no thing named
    "else",
    "more",
    "fancy",
];

/// What the words right after an item (ending at `at`, of category `category`) rule out for it:
/// "snacks without nuts", "coffee with no sugar", "water, not sparkling", "snacks, but no chips
/// or pretzels". An item of another category ("drinks, no snacks") is not ruled out of this one:
/// it is its own refused item. Returns them and the end of the words read.
pub(super) fn ruled_out_after(
    toks: &[Tok],
    keys: &[Option<String>],
    table: &PhraseTable,
    at: usize,
    category: usize,
) -> (Vec<String>, usize) {
    let mut j = at + usize::from(toks.get(at).is_some_and(Tok::is_clause_break));
    j += usize::from(matches!(word_at(toks, j), Some("but" | "with")));
    if let Some(used) = all_but_at(toks, j) {
        j += used;
    } else if word_at(toks, j).is_some_and(|w| AFTER_ITEM.contains(&w)) {
        // ("nothing with sugar", "nothing containing nuts")
        let nothing_with = word_at(toks, j) == Some("nothing") && matches!(word_at(toks, j + 1), Some("with" | "containing"));
        j += 1 + usize::from(nothing_with);
    } else {
        return (Vec::new(), at);
    }
    let mut out = Vec::new();
    loop {
        // "20 t-shirts but not in black"
        while word_at(toks, j).is_some_and(|w| DETERMINERS.contains(&w) || w == "any" || w == "in") {
            j += 1;
        }
        // "drinks, no snacks", "snacks, no chips or drinks": the negation reaches another item,
        // so the words are left for it to be read as refused.
        if table.longest_at(keys, j).is_some_and(|p| !p.categories.contains(&category)) {
            return (Vec::new(), at);
        }
        // "not too big", "not sure how many", "no idea which"
        if word_at(toks, j).is_some_and(|w| DEGREE_WORDS.contains(&w) || HEDGES.contains(&w)) {
            break;
        }
        let words;
        (words, j) = named_from(toks, j);
        // "no chips or pretzels"
        let Some(words) = words else { break };
        out.push(words);
        if !matches!(word_at(toks, j), Some("or" | "nor")) {
            break;
        }
        j += 1;
    }
    if out.is_empty() {
        return (out, at);
    }
    (out, j)
}

/// Whether `w` ends what a negation after an item rules out: "no cables needed", "not sparkling
/// please".
fn ends_ruled_out(w: &str) -> bool {
    is_function_word(w)
        || is_negator(w)
        || BOUNDARY_WORDS.contains(&w)
        || FILLER_WORDS.contains(&w)
        || NEEDED.contains(&w)
        || matches!(w, "please" | "thanks" | "at" | "all" | "this" | "time" | "though")
}

/// Right after a refused item, "with nuts", "containing caffeine": what it is refused with
/// ("no snacks with nuts" refuses nuts, not snacks). Returns the words and their end.
pub(super) fn refused_with(toks: &[Tok], at: usize) -> (Vec<String>, usize) {
    if !matches!(word_at(toks, at), Some("with" | "containing")) {
        return (Vec::new(), at);
    }
    let from = at + 1 + usize::from(word_at(toks, at + 1).is_some_and(|w| DETERMINERS.contains(&w) || w == "any"));
    match named_from(toks, from) {
        (Some(words), end) => (vec![words], end),
        (None, _) => (Vec::new(), at),
    }
}

/// The words from `from` that name what is ruled out — at most three, up to a word that ends
/// them, without those that name nothing ("the folding kind" is "folding") — and where they end.
fn named_from(toks: &[Tok], from: usize) -> (Option<String>, usize) {
    let mut j = from;
    while j < from + 3 && word_at(toks, j).is_some_and(|w| !ends_ruled_out(w)) {
        j += 1;
    }
    let words: Vec<&str> = (from..j).filter_map(|k| word_at(toks, k)).filter(|w| !NAMES_NOTHING.contains(w)).collect();
    ((!words.is_empty()).then(|| words.join(" ")), j)
}

/// "anything but", "in any color except", "any brand other than" at `j`: every kind but what
/// follows. Returns the tokens up to it.
fn all_but_at(toks: &[Tok], j: usize) -> Option<usize> {
    let mut k = j + usize::from(word_at(toks, j) == Some("in"));
    match word_at(toks, k)? {
        "anything" => k += 1,
        "any" if word_at(toks, k + 1).is_some_and(|w| !is_function_word(w)) => k += 2,
        _ => return None,
    }
    match (word_at(toks, k)?, word_at(toks, k + 1)) {
        ("but" | "except", _) => Some(k + 1 - j),
        ("other", Some("than")) => Some(k + 2 - j),
        _ => None,
    }
}
