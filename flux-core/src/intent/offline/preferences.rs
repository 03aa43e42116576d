//! A brand said as a preference for the item before it, not as another item: "24 energy drinks,
//! ideally Celsius", "5 USB-C hubs - Anker if possible", "24 energy drinks (Red Bull)", "2
//! webcams: Logitech", "2 webcams. They should be Logitech." Each bought the item and then a
//! second need of the brand (48 Celsius, a USB adapter, a presentation remote), and "energy drinks
//! (Red Bull) x 24" 48 energy drinks and 24 Red Bull. The brand is now a word of what is asked, as
//! "like Red Bull" is (`lists::read_examples`), and a count said after it the item's. So are the
//! colours, sizes and measures a next sentence says of the items ([`specs_after`]: "They need to
//! be 10 ft.").

use super::after::colour_compound;
use super::counts::word_at;
use super::tokens::Tok;
use super::words::is_attribute;
use super::Mention;
use crate::intent::phrases::key;
use crate::intent::Vocabulary;

/// Words that say what follows is preferred: "ideally Celsius", "preferably Monster".
const PREFERRING: &[&str] = &["ideally", "preferably", "prefer", "preferred", "pref", "ideal", "brand"];

/// Words that may close a preference: "Anker if possible", "Logitech please", "Celsius preferred".
const CLOSING: &[&str] = &["if", "possible", "please", "preferred", "ideally", "preferably", "only", "brand", "ones", "you", "can"];

/// Words that may open a sentence that only states a preference for the items before: "They
/// should be Logitech.", "Make them Anker.", "Ideally all Celsius." (not "We need Red Bull.": a
/// request of its own).
const OPENING: &[&str] = &["they", "these", "those", "it", "make", "ideally", "preferably", "prefer", "brand"];

/// Words that may follow the opening word: "should all be", "need to be", "them".
const OPENED: &[&str] =
    &["them", "all", "should", "must", "need", "needs", "to", "have", "be", "would", "like", "if", "possible", "ideally", "preferably"];

/// Whether the words from `from` to `to` (exclusive) are only `allowed` words and clause breaks.
fn only(toks: &[Tok], from: usize, to: usize, allowed: &[&str]) -> bool {
    (from..to).all(|k| toks.get(k).is_some_and(Tok::is_clause_break) || word_at(toks, k).is_some_and(|w| allowed.contains(&w)))
}

/// Whether only closing words follow the mention ending at `end` in its clause, and whether its
/// sentence ends there too (or a bracket and a comma close it).
fn closes(toks: &[Tok], end: usize) -> (bool, bool) {
    let stop = (end..toks.len()).find(|&k| toks[k].is_break()).unwrap_or(toks.len());
    // "(red bull)" at the end: its closing bracket, then the end; "(red bull), 24": its closing
    // bracket and a comma (a list item has one break after it: "chips, doritos, pretzels").
    let ends = |k: usize| toks.get(k).is_none_or(|t| *t == Tok::Stop);
    let closed_by_break = toks.get(stop) == Some(&Tok::Break) && (ends(stop + 1) || toks.get(stop + 1) == Some(&Tok::Break));
    (only(toks, end, stop, CLOSING), ends(stop) || closed_by_break)
}

/// Whether `o` is a brand said as a preference for `m`, the item before it of the same category:
/// named by a catalog tag, with no count of its own, alone in what follows the item up to its
/// clause's end — after a word of preferring or a colon; after a comma or a bracket alone only at
/// the end of the sentence ("24 energy drinks, red bull", not the list "chips, doritos,
/// pretzels"); or in the next sentence when that sentence only says the items should be it.
fn prefers(toks: &[Tok], m: &Mention, o: &Mention, or: Option<&Mention>, vocab: &Vocabulary) -> bool {
    let whole = |x: &Mention| vocab.categories().get(x.category).is_some_and(|d| d.is_whole(&x.item));
    // A brand of the item: some offer carrying its tag is one ("Celsius" makes energy drinks;
    // "Gatorade" no water, "KIND" no chips).
    let head = m.item.split_whitespace().last().map(key).unwrap_or_default();
    let makes = |x: &Mention| vocab.catalog_tags().get(x.source.as_str()).is_some_and(|t| t.makes.contains(&head));
    // Its count may be the item's, said after the brand ("energy drinks (red bull) x 24"), when
    // the item has none of its own.
    let count_before = |x: &Mention| matches!(x.pos.checked_sub(1).and_then(|k| toks.get(k)), Some(Tok::Num(_)));
    let count_after = |x: &Mention| m.quantity.is_none() && x.local_headcount.is_none() && !x.article && !count_before(x);
    let brand = |x: &Mention| x.tagged && (!x.counted() || count_after(x)) && x.category == m.category && !whole(x) && makes(x);
    // Where the brand's words end: after its alternatives ("Aquafina or Fiji").
    let end = or.filter(|a| brand(a)).map_or(o.end, |a| a.end);
    let (closed, last) = closes(toks, end);
    if !(brand(o) && !whole(m) && closed && m.pos < o.pos) {
        return false;
    }
    // After a word of preferring or a colon, or hedged after it: "(FIJI if possible)", "(Dell please)".
    let hedged =
        (end..).map_while(|j| word_at(toks, j)).any(|w| matches!(w, "possible" | "please" | "preferred" | "ideally" | "preferably"));
    let preferred = hedged || (m.end..o.pos).any(|j| toks[j] == Tok::Colon || word_at(toks, j).is_some_and(|w| PREFERRING.contains(&w)));
    if o.sentence == m.sentence {
        return only(toks, m.end, o.pos, PREFERRING) && (preferred || last);
    }
    // "2 webcams. They should be Logitech.": the next sentence opens on the brand's words.
    let start = (m.end..o.pos).rev().find(|&j| toks[j] == Tok::Stop).map_or(o.pos, |s| s + 1);
    let opens = start < o.pos && word_at(toks, start).is_some_and(|w| OPENING.contains(&w));
    o.sentence == m.sentence + 1
        && opens
        && (m.end..start).all(|j| toks[j].is_break())
        && only(toks, start + 1, o.pos, &[OPENING, OPENED].concat())
}

/// Folds each brand said as a preference ([`prefers`]) into the item before it. Of brands said
/// as alternatives ("Aquafina or Fiji"), the first is the preference and the others are no items:
/// it bought three cases of water for one.
pub(super) fn fold(toks: &[Tok], mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    let mut k = 1;
    while k < mentions.len() {
        let or = mentions.get(k + 1).filter(|a| word_at(toks, mentions[k].end) == Some("or") && a.pos == mentions[k].end + 1);
        if !prefers(toks, &mentions[k - 1], &mentions[k], or, vocab) {
            k += 1;
            continue;
        }
        if or.is_some_and(|a| closes(toks, a.end).0) {
            mentions.remove(k + 1);
        }
        let o = mentions.remove(k);
        let m = &mut mentions[k - 1];
        if !m.attributes.contains(&o.source) {
            m.attributes.push(o.source);
        }
        if o.quantity.is_some() {
            (m.quantity, m.packages) = (o.quantity, o.packages);
        }
        m.end = m.end.max(o.end);
    }
}

/// Words of a sentence that only says what the items before must be: "They need to be 10 ft.",
/// "Make them 4K.", "Blue ones if possible.", "Color: red."
const SAYING_WHAT_IT_MUST_BE: &[&str] = &[
    "they",
    "them",
    "these",
    "those",
    "it",
    "all",
    "make",
    "should",
    "must",
    "need",
    "needs",
    "to",
    "be",
    "have",
    "ones",
    "one",
    "if",
    "possible",
    "please",
    "ideally",
    "preferably",
    "in",
    "color",
    "colour",
    "size",
    "length",
    "each",
    "at",
    "least",
    "long",
    "only",
];

/// A sentence that names no item and only says what the items of the sentence before must be —
/// colours, sizes, measures: "5 HDMI cables. They need to be 10 ft." bought 3 ft cables. Its
/// words (none read by another rule, and read now) become attributes of those items: of every
/// one when it speaks of them ("they", "them", "all"), else of the last.
pub(super) fn specs_after(toks: &[Tok], sentence: &[usize], read: &mut [bool], mentions: &mut [Mention]) {
    let Some(last) = sentence.last().copied() else { return };
    for s in 1..=last {
        if mentions.iter().any(|m| m.sentence == s) || !mentions.iter().any(|m| m.sentence == s - 1) {
            continue;
        }
        // ("40 t-shirts. 20 medium." counts a part: not this rule's.)
        if (0..toks.len()).any(|k| sentence[k] == s && matches!(toks[k], Tok::Num(_))) {
            continue;
        }
        let words: Vec<usize> = (0..toks.len()).filter(|&k| sentence[k] == s && matches!(toks[k], Tok::Word(_))).collect();
        let spec = |k: &usize| word_at(toks, *k).is_some_and(|w| is_attribute(w) || colour_compound(w).is_some());
        let fits = words.iter().all(|&k| !read[k] && (spec(&k) || word_at(toks, k).is_some_and(|w| SAYING_WHAT_IT_MUST_BE.contains(&w))));
        let said: Vec<String> = words.iter().filter(|k| spec(k)).filter_map(|&k| word_at(toks, k)).map(str::to_owned).collect();
        if !fits || said.is_empty() {
            continue;
        }
        let all = words.iter().any(|&k| matches!(word_at(toks, k), Some("they" | "them" | "all" | "these" | "those")));
        let before: Vec<usize> = (0..mentions.len()).filter(|&i| mentions[i].sentence == s - 1).collect();
        let whom = if all { before } else { before.last().copied().into_iter().collect() };
        words.iter().for_each(|&k| read[k] = true);
        for i in whom {
            for a in &said {
                if !mentions[i].attributes.contains(a) {
                    mentions[i].attributes.push(a.clone());
                }
            }
        }
    }
}
