//! Corrections inside a request: "10 hdmi cables. Actually, make that 15.", "20 lanyards -
//! sorry, 40 lanyards", "snacks for 60 people. Actually make it 40 people." What is said after a
//! correction replaces what was said before it, where adding would be the reading otherwise.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::is_people;
use crate::intent::phrases::PhraseTable;

/// Words that correct what came before them in the request.
const MARKERS: &[&str] = &["actually", "sorry", "correction", "wait", "oops", "rather", "update", "updated", "revised", "edit"];

/// Whether `word` marks a correction ("sorry", "actually").
pub(super) fn is_marker(word: &str) -> bool {
    MARKERS.contains(&word)
}

/// Per token, whether a correction came before it in its sentence: "20 lanyards - sorry, 40
/// lanyards", "Actually, make that 15", "actually I think 50 chairs". A marker corrects only when
/// a count, a break or a few words and a count follow it ("sorry for the late notice", "we can't
/// wait", "actually we need drinks" correct nothing), and not when what follows adds ("actually,
/// 24 more energy drinks").
pub(super) fn scope(toks: &[Tok]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut k = 0;
    while k < toks.len() {
        let after = |w: &str, before: &[&str]| {
            word_at(toks, k) == Some(w) && before.iter().rev().enumerate().all(|(n, b)| k > n && word_at(toks, k - n - 1) == Some(*b))
        };
        // "on second thought", "change of plans:", "scratch that,"
        let marker = word_at(toks, k).is_some_and(is_marker)
            || after("thought", &["second"])
            || after("plans", &["change", "of"])
            || after("that", &["scratch"]);
        // "actually I think 50 chairs", "actually we need 50 chairs": a count after a few words
        let hedged = (k + 1..k + 1 + MAX_HEDGE_WORDS)
            .take_while(|&j| word_at(toks, j).is_some_and(|w| HEDGE_TO_COUNT.contains(&w)))
            .last()
            .is_some_and(|j| matches!(toks.get(j + 1), Some(Tok::Num(_))));
        let corrects = hedged
            || match toks.get(k + 1) {
                Some(Tok::Num(_)) => true,
                Some(t) if t.is_clause_break() => true,
                Some(Tok::Word(w)) => matches!(w.as_str(), "make" | "change"),
                _ => false,
            };
        if marker && corrects {
            let end = (k + 1..toks.len()).find(|j| toks[*j] == Tok::Stop).unwrap_or(toks.len());
            let adds = (k + 1..end).any(|j| word_at(toks, j).is_some_and(|w| ADDING.contains(&w)));
            if !adds {
                out[k + 1..end].iter_mut().for_each(|c| *c = true);
            }
            k = end;
        }
        k += 1;
    }
    out
}

/// Words between a marker of a correction and its count: "actually I think 50", "actually we
/// need 50", "sorry, let's say 40".
const HEDGE_TO_COUNT: &[&str] = &[
    "i", "think", "guess", "we", "need", "let's", "lets", "say", "do", "go", "with", "more", "like", "probably", "maybe", "it's", "should",
    "be",
];
/// Most such words.
const MAX_HEDGE_WORDS: usize = 3;

/// Words that add to what was said rather than correct it.
const ADDING: &[&str] = &["also", "more", "another", "additional", "extra", "plus", "too", "well", "forgot"];

/// The head count after `n` people are counted at a token: the largest said, or — after a
/// correction — the one said last ("for 60 people. Actually, for 40 people").
pub(super) fn heads(current: Option<u64>, n: u64, correcting: bool) -> Option<u64> {
    if correcting {
        Some(n)
    } else {
        current.max(Some(n))
    }
}

/// "make it 30", "make that 15", "I meant 30", "change it to 40 people": a count with no item of
/// its own that corrects the last one said. Returns the count, whether it counts people, and the
/// tokens used.
pub(super) fn make_it_at(toks: &[Tok], i: usize) -> Option<(u64, bool, usize)> {
    let mut j = match (word_at(toks, i)?, word_at(toks, i + 1)) {
        ("make", Some("it" | "that" | "them")) => i + 2,
        // "sorry, I meant 30"
        ("meant" | "mean", _) => i + 1,
        ("change", Some("it" | "that")) if word_at(toks, i + 2) == Some("to") => i + 3,
        // "10 tables, er, 12", "40 chairs - no, 45", "4 mics, actually 2 is enough": a slip
        // mended after a break
        (w, _) if SLIPS.contains(&w) && i > 0 && toks[i - 1].is_break() => {
            let mut j = i + 1;
            while toks.get(j).is_some_and(Tok::is_clause_break) || word_at(toks, j) == Some("wait") {
                j += 1;
            }
            j
        }
        _ => return None,
    };
    let Some(Tok::Num(n)) = toks.get(j) else { return None };
    j += 1;
    let people = word_at(toks, j).is_some_and(is_people);
    j += usize::from(people);
    j += usize::from(word_at(toks, j) == Some("instead"));
    // "2 is enough", "2 will do"
    if let (Some("is" | "are" | "will" | "should"), Some("enough" | "fine" | "plenty" | "ok" | "do")) =
        (word_at(toks, j), word_at(toks, j + 1))
    {
        j += 2;
    }
    toks.get(j).is_none_or(Tok::is_break).then_some((*n, people, j - i))
}

/// Words that say a count just said was a slip, before the one meant.
const SLIPS: &[&str] = &["actually", "er", "erm", "um", "uh", "no", "wait", "sorry", "oops"];

/// Longest item phrase looked for after the count "instead of" replaces, in words before it
/// ("instead of 20 folding chairs").
const MAX_WORDS_BEFORE_ITEM: usize = 2;

/// Takes out the count "instead of" or "rather than" replaces: "30 chairs instead of 20 chairs",
/// "instead of 20 chairs we need 30", "25 instead of 20 chairs" (there the item stays, for the
/// 25). It is not asked for. The phrase — the count, and the item right after it when one
/// follows — becomes one clause break (in `toks` and `keys` alike), as a store or a place does;
/// an item replaced with no count ("instead of badges") is a refusal (`negation`).
pub(super) fn take_replaced(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>, table: &PhraseTable) {
    let mut i = 0;
    while i + 2 < toks.len() {
        let replacing = matches!((word_at(toks, i), word_at(toks, i + 1)), (Some("instead"), Some("of")) | (Some("rather"), Some("than")));
        if !replacing || !matches!(toks.get(i + 2), Some(Tok::Num(_))) {
            i += 1;
            continue;
        }
        let count = i + 2;
        // "25 instead of 20 chairs": the chairs are the 25's.
        let bare_count_before = i > 0 && matches!(toks[i - 1], Tok::Num(_));
        let item_end = (count + 1..=count + 1 + MAX_WORDS_BEFORE_ITEM)
            .take_while(|k| matches!(toks.get(*k), Some(Tok::Word(_))))
            .find_map(|k| table.longest_at(keys, k).map(|p| k + p.keys.len()));
        let end = match item_end {
            Some(end) if !bare_count_before => end,
            _ => count + 1,
        };
        if bare_count_before {
            // "25 instead of 20 chairs" reads "25 chairs".
            toks.drain(i..end);
            keys.drain(i..end);
        } else {
            toks.splice(i..end, [Tok::Break]);
            keys.splice(i..end, [None]);
            i += 1;
        }
    }
}
