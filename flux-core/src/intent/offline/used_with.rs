//! A thing named with what it is used with: "markers for the whiteboard" and "a whiteboard and
//! markers" are whiteboard markers (both bought permanent Sharpies, the cheapest markers). A
//! one-word item gets the word of the thing it is for, or of the item listed right before it,
//! when the two make a phrase the catalog knows of the item's own category — "whiteboard
//! markers", not "whiteboard coffee".

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{CONNECTOR_WORDS, DETERMINERS};
use crate::intent::phrases::PhraseTable;

/// Adds to each one-word item the word of what it is used with, where the two make a phrase.
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>, table: &PhraseTable) {
    let mut i = 0;
    while i < toks.len() {
        // The item stands alone: no word of a longer phrase right before it.
        let alone = i == 0 || word_at(toks, i - 1).is_none_or(|w| DETERMINERS.contains(&w) || is_link(w));
        if !(alone && single(table, keys, i)) {
            i += 1;
            continue;
        }
        let Some(with) = used_with_after(toks, keys, table, i).or_else(|| listed_before(toks, keys, table, i)) else {
            i += 1;
            continue;
        };
        let category = table.longest_at(keys, i).map(|p| p.category());
        // As a modifier it is one: "2 projectors and 2 screens" are projector screens.
        let (word, key) = (toks[with].clone(), keys[with].clone());
        let word = match (word, &key) {
            (Tok::Word(w), Some(k)) if w.len() > k.len() && w.starts_with(k.as_str()) => Tok::Word(k.clone()),
            (word, _) => word,
        };
        toks.insert(i, word);
        keys.insert(i, key);
        let phrase = table.longest_at(keys, i).filter(|p| p.keys.len() == 2 && !p.weak && Some(p.category()) == category);
        if phrase.is_none() {
            toks.remove(i);
            keys.remove(i);
        }
        i += 2;
    }
}

/// Whether a one-word item, and no more, stands at `k`.
fn single(table: &PhraseTable, keys: &[Option<String>], k: usize) -> bool {
    table.longest_at(keys, k).is_some_and(|p| p.keys.len() == 1 && !p.weak)
}

/// Words that join the items of a list.
fn is_link(word: &str) -> bool {
    matches!(word, "and" | "plus" | "with" | "some")
}

/// "markers for the whiteboard": the one-word item the one at `i` is for, ending its part.
fn used_with_after(toks: &[Tok], keys: &[Option<String>], table: &PhraseTable, i: usize) -> Option<usize> {
    if word_at(toks, i + 1) != Some("for") {
        return None;
    }
    let k = i + 2 + usize::from(word_at(toks, i + 2).is_some_and(|w| DETERMINERS.contains(&w)));
    let ends = toks.get(k + 1).is_none_or(|t| t.is_break() || *t == Tok::Stop) || word_at(toks, k + 1).is_some_and(is_link);
    (single(table, keys, k) && ends).then_some(k)
}

/// "a whiteboard and markers": the one-word item listed right before the one at `i` ("and",
/// "with" or a comma between, and perhaps an article or a count), or the connector that starts a
/// longer one ("3 hdmi cables with adapters": hdmi adapters; "banquet tables and chairs" stay
/// chairs).
fn listed_before(toks: &[Tok], keys: &[Option<String>], table: &PhraseTable, i: usize) -> Option<usize> {
    let mut k = i.checked_sub(1)?;
    if word_at(toks, k).is_some_and(|w| DETERMINERS.contains(&w)) || matches!(toks[k], Tok::Num(_)) {
        k = k.checked_sub(1)?;
    }
    let linked = word_at(toks, k).is_some_and(|w| matches!(w, "and" | "with")) || toks[k] == Tok::Break;
    let y = k.checked_sub(1).filter(|_| linked)?;
    // The phrase that ends at `y`, of two or three words and led by a connector, else the one word.
    let longer = (y.saturating_sub(2)..y).find(|&s| {
        word_at(toks, s).is_some_and(|w| CONNECTOR_WORDS.contains(&w))
            && table.longest_at(keys, s).is_some_and(|p| !p.weak && s + p.keys.len() == y + 1)
    });
    longer.or(single(table, keys, y).then_some(y))
}
