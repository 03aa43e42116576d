//! Where the goods go: "deliver to building B loading dock", "(ship to the front desk)", "send
//! them to Room 204", "power strips under the desks". The place is no item to buy — "loading
//! dock" named a USB-C dock, "Projector room 2" a projector — so each such phrase is replaced by
//! one clause break before items are read, as a store is.

use super::counts::word_at;
use super::quantities::NUMBERED_PLACES;
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
/// Words that place a thing rather than name one: "power strips under the desks", "a rug
/// beneath each table" (the desk or the table is where it goes, not what to buy).
const WHERE_IT_GOES: &[&str] = &["under", "underneath", "beneath", "behind"];
/// Words between the verb and where: "send them to", "drop off at", "deliver everything to".
const BETWEEN: &[&str] = &["it", "them", "all", "everything", "off", "directly", "straight"];
/// Longest place read, in words: an address, not the rest of the list.
const MAX_PLACE_WORDS: usize = 8;

/// Whether token `k` is still part of the place that starts at `from`: a word, or the number of
/// a numbered place ("building 2 loading dock", "Hall 4"); not a joining word ("to the office and
/// hdmi cables"), nor a determiner that opens what is sent ("ship to the office some snacks",
/// "deliver to reception a charging station").
fn in_place(toks: &[Tok], from: usize, k: usize) -> bool {
    match &toks[k] {
        Tok::Word(w) if matches!(w.as_str(), "and" | "plus" | "with" | "along") => false,
        Tok::Word(w) if k > from && matches!(w.as_str(), "a" | "an" | "the" | "some" | "our" | "all" | "these" | "those") => false,
        Tok::Word(_) => true,
        Tok::Num(_) => k > from && word_at(toks, k - 1).is_some_and(|w| NUMBERED_PLACES.contains(&w)),
        _ => false,
    }
}

/// Replaces each phrase that says where the goods go by one clause break (in `toks` and `keys`
/// alike). The place ends where [`in_place`] says, or at [`MAX_PLACE_WORDS`].
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>) {
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        // "under the desks", "behind each booth": where it goes
        let placed = word_at(toks, i).is_some_and(|w| WHERE_IT_GOES.contains(&w))
            && word_at(toks, i + 1).is_some_and(|w| matches!(w, "the" | "each" | "every" | "our" | "all"));
        let sent = word_at(toks, i).is_some_and(|w| SENDING.contains(&w));
        if !placed && !sent {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while sent && word_at(toks, j).is_some_and(|w| BETWEEN.contains(&w)) {
            j += 1;
        }
        if sent && !matches!(word_at(toks, j), Some("to" | "at")) {
            i += 1;
            continue;
        }
        let from = if placed { i + 1 } else { j + 1 };
        let last = toks.len().min(from + MAX_PLACE_WORDS);
        let end = (from..last).find(|&k| !in_place(toks, from, k)).unwrap_or(last);
        if end == from {
            i += 1;
            continue;
        }
        toks.splice(start..end, [Tok::Break]);
        keys.splice(start..end, [None]);
        i = start + 1;
    }
}
