//! People named by a word that names a thing too: in "speakers get a lav mic each; there are 3
//! speakers" the speakers talk (it bought $900 of PA speakers), in "6 presenters, one clicker
//! each" they present (it bought 6 presenter remotes besides the clickers). Said of people once
//! in a prompt, the word is theirs all through it, unless said as a thing ("PA speakers", "a
//! bluetooth speaker"): it names no item there, and counts people as a role word does.

use super::counts::word_at;
use super::tokens::Tok;
use crate::intent::phrases::PhraseTable;
use crate::intent::Vocabulary;

/// Words that name people and things alike.
pub(super) const BOTH: &[&str] = &["speaker", "speakers", "presenter", "presenters"];
/// Words before one of [`BOTH`] that make it a person: "keynote speakers", "guest speaker".
const TITLES: &[&str] = &["keynote", "guest", "invited", "featured", "panel", "opening", "closing"];
/// Words after one of [`BOTH`] that make it a person: "speakers get", "each speaker receives".
const RECEIVING: &[&str] = &["get", "gets", "receive", "receives", "talk", "talks", "present", "presents"];
/// Words after one of [`BOTH`] that make it a person, what is theirs: "speaker gifts" (it bought
/// a $294 PA speaker), "presenter thank-you cards".
const THEIRS: &[&str] = &["gift", "gifts", "present", "presents", "thank", "thank-you", "swag", "dinner", "lunch", "hotel", "travel"];
/// Words before one of [`BOTH`] that make it a thing: "PA speakers", "a bluetooth speaker".
const THINGS: &[&str] = &[
    "pa",
    "bluetooth",
    "wireless",
    "portable",
    "powered",
    "party",
    "smart",
    "computer",
    "desktop",
    "monitor",
    "studio",
    "outdoor",
    "floor",
    "ceiling",
    "jbl",
    "bose",
    "sonos",
    "laser",
    "usb",
];

/// Whether the word at `k` is said of people fed: "snacks for the speakers", "coffee for our
/// speakers" (food or drink, by the category whose item word stands before "for").
fn fed(toks: &[Tok], keys: &[Option<String>], k: usize, edible: &dyn Fn(&str) -> bool) -> bool {
    let k = k - usize::from(k > 0 && matches!(word_at(toks, k - 1), Some("the" | "our" | "all" | "your")));
    k >= 2 && word_at(toks, k - 1) == Some("for") && keys.get(k - 2).and_then(Option::as_deref).is_some_and(edible)
}

/// Whether the word at `k` is said of people: after a title, before what is theirs, or before a
/// word of receiving (past a count in parentheses: "every speaker (6 total) gets").
fn of_people(toks: &[Tok], k: usize) -> bool {
    let titled = k > 0 && word_at(toks, k - 1).is_some_and(|w| TITLES.contains(&w));
    let mut j = k + 1;
    while matches!(toks.get(j), Some(Tok::Break | Tok::Num(_)))
        || matches!(word_at(toks, j), Some("total" | "in" | "all" | "each" | "will"))
    {
        j += 1;
    }
    // "6 presenters, one clicker each": what each of them gets ends the clause after them.
    let clause_end = (k + 2..toks.len()).find(|&e| toks[e].is_break()).unwrap_or(toks.len());
    let each_gets = toks.get(k + 1) == Some(&Tok::Break) && word_at(toks, clause_end - 1) == Some("each");
    let theirs = word_at(toks, k + 1).is_some_and(|w| THEIRS.contains(&w));
    titled || each_gets || theirs || word_at(toks, j).is_some_and(|w| RECEIVING.contains(&w))
}

/// Places a thing is set up in: "2 speakers for the stage" are loudspeakers.
const SET_UP_IN: &[&str] = &["stage", "room", "hall", "venue", "lobby", "booth", "patio", "ballroom", "auditorium", "outdoors"];

/// Whether the word at `k` is set up in a place: "speakers for the stage".
fn set_up(toks: &[Tok], k: usize) -> bool {
    let at = k + 1 + usize::from(word_at(toks, k + 2) == Some("the"));
    word_at(toks, k + 1) == Some("for") && word_at(toks, at + 1).is_some_and(|w| SET_UP_IN.contains(&w))
}

/// Whether the word at `k` names a remote: "presenter remote", "presenter clicker".
fn remote(toks: &[Tok], k: usize) -> bool {
    word_at(toks, k + 1).is_some_and(|w| w.starts_with("remote") || w.starts_with("clicker"))
}

/// Clears the phrase key of each word of [`BOTH`] said of people, where the prompt says it of
/// people once; a word said as a thing keeps it.
pub(super) fn take(toks: &[Tok], keys: &mut [Option<String>], table: &PhraseTable, vocab: &Vocabulary) {
    let thing = |k: usize| remote(toks, k) || set_up(toks, k) || (k > 0 && word_at(toks, k - 1).is_some_and(|w| THINGS.contains(&w)));
    let edible = |key: &str| vocab.categories().iter().enumerate().any(|(c, def)| def.edible && table.is_head(key, c));
    for word in BOTH.chunks(2) {
        let said = |k: usize| word_at(toks, k).is_some_and(|w| word.contains(&w));
        if !(0..toks.len()).any(|k| said(k) && (of_people(toks, k) || fed(toks, keys, k, &edible))) {
            continue;
        }
        for (k, key) in keys.iter_mut().enumerate() {
            if said(k) && !thing(k) {
                *key = None;
            }
        }
    }
}

/// Whether `word`, with its phrase key `key`, names a thing rather than people: one of
/// [`BOTH`] that [`take`] left keyed ("2 speakers and a mixer").
pub(super) fn names_a_thing(word: &str, key: Option<&Option<String>>) -> bool {
    BOTH.contains(&word) && key.is_some_and(Option::is_some)
}
