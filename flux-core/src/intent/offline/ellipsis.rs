//! Items of a heading that leave out its noun: "cables for the conference room: 2 hdmi, 2
//! usb-c, 1 ethernet" are two HDMI cables, two USB-C cables and an ethernet cable ("2 hdmi" was
//! read as nothing, and the heading bought ten cat6 cables). A part of the list after the
//! heading's colon that is a count and one word — a word of what the heading's category sells
//! (or a connector, of a heading of cables or adapters), and no item of its own — gets the
//! heading's noun.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_attribute, CONNECTOR_WORDS};
use crate::intent::phrases::PhraseTable;

/// Nouns of things that connect, whose connectors alone name one ("2 vga" of "adapters:").
const CONNECTING: &[&str] = &["cables", "cable", "adapters", "adapter", "cords", "cord", "dongles", "dongle"];

/// Most words between a heading's item and its colon: "cables for the conference room:".
const MAX_PURPOSE_WORDS: usize = 5;

/// Adds the heading's noun after each part of its list that leaves it out.
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>, table: &PhraseTable) {
    let mut h = 0;
    while h < toks.len() {
        let Some(heading) = table.longest_at(keys, h).filter(|p| !p.weak) else {
            h += 1;
            continue;
        };
        let (category, end) = (heading.category(), h + heading.keys.len());
        // The colon right after the item, or after what it is for ("for the conference room"):
        // "Chocolate Snack Box: Chips, Bars" heads no chocolate.
        let purpose = matches!(word_at(toks, end), Some("for" | "in" | "at"));
        let colon = (end..=end + if purpose { MAX_PURPOSE_WORDS } else { 0 })
            .take_while(|k| matches!(toks.get(*k), Some(Tok::Word(_) | Tok::Colon)))
            .find(|k| toks[*k] == Tok::Colon);
        let (Some(colon), Some(Tok::Word(noun)), Some(noun_key)) = (colon, toks.get(end - 1).cloned(), keys[end - 1].clone()) else {
            h = end;
            continue;
        };
        // The parts: "2 hdmi", "1 ethernet", to the sentence's end — or, after a colon that ends
        // its line, the lines below it to an empty line.
        let lines = toks.get(colon + 1) == Some(&Tok::Stop);
        let mut k = colon + 1 + usize::from(lines);
        while k < toks.len() && (toks[k] != Tok::Stop || (lines && toks.get(k + 1).is_some_and(|t| *t != Tok::Stop))) {
            if toks[k].is_break() {
                k += 1;
                continue;
            }
            let w = k + usize::from(matches!(toks[k], Tok::Num(_)));
            let connector = word_at(toks, w).is_some_and(|word| CONNECTOR_WORDS.contains(&word) && CONNECTING.contains(&noun.as_str()));
            let leaves_noun = word_at(toks, w).is_some_and(|word| !is_attribute(word))
                && part_ends(toks, w + 1)
                && table.longest_at(keys, w).is_none()
                && (connector || keys[w].as_deref().is_some_and(|key| table.names_word_of(key, category)));
            if leaves_noun {
                toks.insert(w + 1, Tok::Word(noun.clone()));
                keys.insert(w + 1, Some(noun_key.clone()));
                // With the noun it names a thing the catalog knows ("hdmi cables"; not "bars box").
                if !connector && table.longest_at(keys, w).is_none_or(|p| p.keys.len() < 2) {
                    toks.remove(w + 1);
                    keys.remove(w + 1);
                }
            }
            // The next part.
            k = (w + 1..toks.len()).find(|j| part_ends(toks, *j)).map_or(toks.len(), |j| j + 1);
        }
        h = k;
    }
}

/// Whether a part of a list ends at `j`: a break, "and", "plus", "with" (what comes with it: "3
/// hdmi with adapters"), or the end.
fn part_ends(toks: &[Tok], j: usize) -> bool {
    toks.get(j).is_none_or(Tok::is_break) || matches!(word_at(toks, j), Some("and" | "plus" | "with"))
}
