//! Model numbers: "an Epson 880 projector" planned 880 projectors, "Anker 341 hubs x 4" 341
//! hubs, "3 Fire HD 10 tablets" 10 tablets. A number between the words of a make and the item,
//! where the item is counted elsewhere — by "a", a count before the make, or "x 4" after the item
//! — names the model, not how many.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_function_word, SPEC_WORDS};
use crate::intent::phrases::PhraseTable;
use crate::intent::CategoryDef;

/// Most words of a make and model before its number: "Fire HD".
const MAX_MAKE_WORDS: usize = 2;

/// Rewrites each model number as a word of the item's description.
pub(super) fn take(toks: &mut [Tok], keys: &mut [Option<String>], table: &PhraseTable) {
    for k in 1..toks.len() {
        let Tok::Num(n) = toks[k] else { continue };
        let Some(item) = table.longest_at(keys, k + 1).filter(|p| !p.tag) else { continue };
        // The make: words of the catalog ("fire", "hd"; not "und" of "10 Kugelschreiber und 4
        // hubs") that are no function words, nor an item of the vocabulary ("1 table 8 chairs"
        // counts both), a catalog tag ("Epson") aside.
        let make = |j: usize| {
            word_at(toks, j).is_some_and(|w| !is_function_word(w) && !w.starts_with(|c: char| c.is_ascii_digit()))
                && keys[j].as_deref().is_some_and(|key| table.has_word(key))
                && table.longest_at(keys, j).is_none_or(|p| p.tag)
        };
        let words = (1..=MAX_MAKE_WORDS.min(k)).take_while(|b| make(k - b)).count();
        if words == 0 {
            continue;
        }
        let before = k - words;
        let counted_before =
            before > 0 && (matches!(toks[before - 1], Tok::Num(_)) || matches!(word_at(toks, before - 1), Some("a" | "an")));
        let end = k + 1 + item.keys.len();
        let counted_after = word_at(toks, end) == Some("x") && matches!(toks.get(end + 1), Some(Tok::Num(_)));
        if counted_before || counted_after {
            toks[k] = Tok::Word(n.to_string());
            keys[k] = None;
        }
    }
}

/// An item said only in its category's generic words is named by the version said with it:
/// "HDMI 2.1 cables" are HDMI cables, "Cat 6 cables" ethernet ones ("Wi-Fi 6 access points"
/// keep "wi-fi 6" an attribute).
pub(super) fn name_by_version(item: &mut String, attributes: &mut Vec<String>, def: &CategoryDef) {
    let generic = |w: &str| def.generic.iter().any(|g| g == w) || def.id == w;
    if !item.split(' ').all(generic) {
        return;
    }
    let version =
        |a: &String| a.split_once(' ').is_some_and(|(w, v)| SPEC_WORDS.contains(&w) && v.starts_with(|c: char| c.is_ascii_digit()));
    if let Some(pos) = attributes.iter().position(version) {
        let version = attributes.remove(pos);
        *item = format!("{version} {item}");
    }
}
