//! Words of the catalog typed with one slip: "40 chiars and 5 tabels", "ethernet cabels",
//! "whitebords", "exstension cords" were read as nothing. A word no phrase has is read as the
//! one phrase word it is one slip from — two neighbouring letters swapped ("chiars"), or in a
//! long word one letter missing or extra ("whitebord", "exstension") — when exactly one word of
//! the catalog is that near, and an item is said there. A letter typed wrong, a swap in a word of
//! four letters, or one missing from a shorter word is too often another word of English to
//! mend: "8 CPUs" are no cups, "coal" no cola, "stitches" no switches, "20 charges" no chargers.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_everyday, is_function_word, is_people};
use crate::intent::phrases::{key, PhraseTable};

/// Fewest letters of a word read past a letter missing or extra.
const MIN_EDITED: usize = 8;
/// Fewest letters of a word read past two letters swapped.
const MIN_SWAPPED: usize = 5;

/// Mends each word typed with one slip ([`mended`]) where the mended word names an item as it
/// is said: in a phrase of several words with a word beside it ("ethernet cabels", "exstension
/// cords"), or alone where a count or a list puts an item — after a count, "a", "x", "and" or a
/// comma, before its count ("40 chiars", "tabels x 5"), or alone on a list's line. Elsewhere a
/// word one slip from the catalog is a word of English more often than not ("Sanitize the
/// tables after").
pub(super) fn mend(toks: &mut [Tok], keys: &mut [Option<String>], table: &PhraseTable) {
    for i in 0..toks.len() {
        // (A word some phrase has, the most of them, is no slip: looked up by its key first.)
        if keys[i].as_deref().is_none_or(|k| table.has_word(k)) {
            continue;
        }
        let Some(mended) = word_at(toks, i).and_then(|w| mended(w, table)) else { continue };
        let typed = keys[i].replace(key(mended));
        let spans = |from: usize| table.longest_at(keys, from).is_some_and(|p| p.keys.len() >= 2 && from + p.keys.len() > i);
        let in_phrase = spans(i) || (i > 0 && spans(i - 1));
        let before =
            i > 0 && (matches!(toks[i - 1], Tok::Num(_) | Tok::Break) || matches!(word_at(toks, i - 1), Some("a" | "an" | "x" | "and")));
        let counted_after = word_at(toks, i + 1) == Some("x") || matches!(toks.get(i + 1), Some(Tok::Num(_)));
        // A line's start only as a list's entry, alone on it ("- chiars"): not "Sanitize the tables".
        let entry = (i == 0 || matches!(toks[i - 1], Tok::Stop | Tok::Colon)) && toks.get(i + 1).is_none_or(Tok::is_break);
        if in_phrase || ((before || counted_after || entry) && table.longest_at(keys, i).is_some()) {
            toks[i] = Tok::Word(mended.to_owned());
        } else {
            keys[i] = typed;
        }
    }
}

/// The word of `table` that `word` is one slip from, if exactly one is (words of one key, as
/// "chair" and "chairs", count once).
fn mended<'t>(word: &str, table: &'t PhraseTable) -> Option<&'t str> {
    let typed = word.as_bytes();
    if typed.len() < MIN_SWAPPED
        || !typed.iter().all(u8::is_ascii_lowercase)
        || is_function_word(word)
        || is_everyday(word)
        || is_people(word)
    {
        return None;
    }
    let mut found: Option<&str> = None;
    for known in table.spellings_from(char::from(typed[0])).filter(|k| k.is_ascii() && k.len().abs_diff(typed.len()) <= 1) {
        if !one_slip(typed, known.as_bytes()) {
            continue;
        }
        match found {
            Some(f) if key(f) != key(known) => return None,
            Some(f) if f <= known => {}
            _ => found = Some(known),
        }
    }
    found
}

/// Whether `typed` is `known` with two neighbouring letters swapped, or (when long enough) with
/// one letter missing or extra.
fn one_slip(typed: &[u8], known: &[u8]) -> bool {
    let edited = typed.len() >= MIN_EDITED;
    let first = typed.iter().zip(known).position(|(a, b)| a != b).unwrap_or(typed.len().min(known.len()));
    match typed.len().cmp(&known.len()) {
        std::cmp::Ordering::Equal => {
            first + 1 < typed.len()
                && typed[first] == known[first + 1]
                && typed[first + 1] == known[first]
                && typed[first + 2..] == known[first + 2..]
        }
        // one letter missing from what was typed
        std::cmp::Ordering::Less => edited && typed[first..] == known[first + 1..],
        // one letter too many
        std::cmp::Ordering::Greater => edited && typed[first + 1..] == known[first..],
    }
}

#[cfg(test)]
mod tests {
    use super::one_slip;

    fn slip(a: &str, b: &str) -> bool {
        one_slip(a.as_bytes(), b.as_bytes())
    }

    #[test]
    fn one_slip_is_one_swap_or_one_letter_of_a_long_word() {
        assert!(slip("chiars", "chairs"));
        assert!(slip("whitebord", "whiteboard"));
        assert!(slip("exstension", "extension"));
        assert!(!slip("projecter", "projector"), "a letter wrong");
        assert!(!slip("stitches", "switches"), "a letter wrong");
        assert!(!slip("charges", "chargers"), "a letter missing from a word of seven");
        assert!(!slip("chairs", "chairs"));
    }
}
