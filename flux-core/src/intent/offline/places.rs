//! Where the goods go: "deliver to building B loading dock", "(ship to the front desk)", "send
//! them to Room 204". The place is no item to buy — "loading dock" named a USB-C dock, "Projector
//! room 2" a projector — so each such phrase is replaced by one clause break before items are
//! read, as a store is.

use super::counts::word_at;
use super::tokens::Tok;

/// Verbs (and nouns) of sending goods somewhere: "deliver to", "shipping to", "drop off at".
const SENDING: &[&str] = &[
    "deliver",
    "delivers",
    "delivered",
    "delivering",
    "delivery",
    "ship",
    "ships",
    "shipped",
    "shipping",
    "send",
    "sent",
    "mail",
    "mailed",
    "drop",
    "dropped",
    "address",
    "addressed",
];
/// Words between the verb and where: "send them to", "drop off at", "deliver everything to".
const BETWEEN: &[&str] = &["it", "them", "all", "everything", "off", "directly", "straight"];
/// Longest place read, in words: an address, not the rest of the list.
const MAX_PLACE_WORDS: usize = 8;

/// Replaces each phrase that says where the goods go by one clause break (in `toks` and `keys`
/// alike). The place ends at a clause break, a count (the next item's) or [`MAX_PLACE_WORDS`].
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>) {
    let mut i = 0;
    while i < toks.len() {
        let Some(start) = word_at(toks, i).filter(|w| SENDING.contains(w)).map(|_| i) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while word_at(toks, j).is_some_and(|w| BETWEEN.contains(&w)) {
            j += 1;
        }
        if !matches!(word_at(toks, j), Some("to" | "at")) {
            i += 1;
            continue;
        }
        let from = j + 1;
        let end = (from..toks.len().min(from + MAX_PLACE_WORDS))
            .find(|k| !matches!(toks.get(*k), Some(Tok::Word(_))))
            .unwrap_or_else(|| toks.len().min(from + MAX_PLACE_WORDS));
        if end == from {
            i += 1;
            continue;
        }
        toks.splice(start..end, [Tok::Break]);
        keys.splice(start..end, [None]);
        i = start + 1;
    }
}
