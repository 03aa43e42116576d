//! Kits of the items listed after them: "10 onboarding kits, each with 1 usb-c hub and 1 hdmi
//! cable", "5 desk setups: monitor, webcam, usb-c hub", "Onboarding kit (x10): ...", "welcome
//! kit x5: ...", "kits for 10 new hires: 1 notebook, 2 pens", "swag bags for 100 attendees: a
//! tote, a pen". Every item of the kit is bought that many times over (one each when it has no
//! count), and the kit itself ("desk" of "desk setups") is nothing to buy.

use std::ops::Range;

use super::counts::{for_each_at, word_at};
use super::tokens::Tok;
use super::words::is_people;

/// Nouns of a kit: what holds one of each item listed after it.
const KIT_NOUNS: &[&str] = &["kit", "kits", "setup", "setups", "bundle", "bundles", "sets", "packs", "package", "packages"];
/// Words that open the list of what each kit holds: "10 kits, each with ...", "containing".
const HOLDING: &[&str] = &["each", "with", "containing", "including", "contains", "holding"];
/// Most words that say what the kits are for between the count and the noun ("onboarding").
const MAX_KIND_WORDS: usize = 2;
/// Kits that each person gets one of: "a welcome kit for 5 new hires" is five kits, where "a
/// hackathon kit for 60 people" is one.
const KITS_OF_ONE_PERSON: &[&str] = &["welcome", "onboarding", "care", "starter", "swag", "gift", "goodie", "goody"];

/// Whether the word at `k` names a kit: a kit noun, or bags of one person's things ("swag
/// bags", "goodie bags": "100 swag bags, each with a tote, stickers and a pen").
pub(super) fn kit_noun_at(toks: &[Tok], k: usize) -> bool {
    word_at(toks, k).is_some_and(|w| KIT_NOUNS.contains(&w) || (matches!(w, "bags" | "bag") && of_one_person(toks, k)))
}

/// Whether the word before `k` says a kit is one person's: "welcome kit", "swag bags".
fn of_one_person(toks: &[Tok], k: usize) -> bool {
    k.checked_sub(1).and_then(|b| word_at(toks, b)).is_some_and(|w| KITS_OF_ONE_PERSON.contains(&w))
}

/// "for each of the 8 desks" ([`for_each_at`]) or a count of kits ([`kit_at`]) at `i`: the count,
/// the tokens it takes and, for kits, the tokens their items stand in.
pub(super) fn each_at(toks: &[Tok], i: usize) -> Option<(u64, usize, Option<Range<usize>>)> {
    for_each_at(toks, i).map(|(n, used)| (n, used, None)).or_else(|| kit_at(toks, i).map(|(n, used, items)| (n, used, Some(items))))
}

/// A count of kits at `i`, the tokens it takes, and the tokens its items stand in: to the end of
/// its sentence, or — after a colon that ends its line — of the lines of the list below it.
fn kit_at(toks: &[Tok], i: usize) -> Option<(u64, usize, Range<usize>)> {
    let kit = |k: usize| kit_noun_at(toks, k);
    // Where the "x" of a count after a kit noun stands: next, or past a parenthesis.
    let times = i + 1 + usize::from(toks.get(i + 1) == Some(&Tok::Break));
    let (n, end) = match toks.get(i)? {
        // "10 onboarding kits", "5 desk setups"
        Tok::Num(n) => {
            let noun = (i + 1..=i + 1 + MAX_KIND_WORDS).take_while(|k| matches!(toks.get(*k), Some(Tok::Word(_)))).find(|k| kit(*k))?;
            (*n, noun + 1)
        }
        // "Onboarding kit (x10):", "welcome kit x5:"
        Tok::Word(_) if kit(i) && word_at(toks, times) == Some("x") => {
            let Some(Tok::Num(n)) = toks.get(times + 1) else { return None };
            (*n, times + 2 + usize::from(toks.get(times + 2) == Some(&Tok::Break)))
        }
        // "kits for 10 new hires:", "kits for 10:", "a welcome kit for 5 new hires:" (one each; "a
        // hackathon kit for 60 people" is one kit), "swag bags for 100 attendees:" (from the word before "bags")
        Tok::Word(_) => {
            let k = if kit(i + 1) && !kit(i) { i + 1 } else { i };
            let w = word_at(toks, k).unwrap_or_default();
            if !(kit(k) && (w.ends_with('s') || of_one_person(toks, k)) && word_at(toks, k + 1) == Some("for")) {
                return None;
            }
            let Some(Tok::Num(n)) = toks.get(k + 2) else { return None };
            // ("new hire kits for 8:": the count alone before the list)
            let alone = (toks.get(k + 3) == Some(&Tok::Colon)).then_some(k + 2);
            let people = (k + 3..k + 6).find(|j| word_at(toks, *j).is_some_and(is_people)).or(alone)?;
            (*n, people + 1)
        }
        _ => return None,
    };
    // What each kit holds is listed next: after a colon, or "each with", "containing".
    let mut j = end + usize::from(toks.get(end) == Some(&Tok::Break));
    let colon = toks.get(j) == Some(&Tok::Colon);
    if !colon && !word_at(toks, j).is_some_and(|w| HOLDING.contains(&w)) {
        return None;
    }
    while word_at(toks, j).is_some_and(|w| HOLDING.contains(&w)) {
        j += 1;
    }
    let sentence_end = |from: usize| (from..toks.len()).find(|k| toks[*k] == Tok::Stop).unwrap_or(toks.len());
    let scope_end = if colon && toks.get(j + 1) == Some(&Tok::Stop) {
        // The lines below, to an empty line.
        let mut k = j + 2;
        while k < toks.len() && toks[k] != Tok::Stop {
            k = sentence_end(k) + 1;
        }
        k.min(toks.len())
    } else {
        sentence_end(j)
    };
    Some((n, end - i, end..scope_end))
}
