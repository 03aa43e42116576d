//! What the prompt asks not to buy: "no snacks", "without badges", "we don't need lanyards",
//! "skip the chips", "everything except cables", "neither snacks nor drinks", "none of the
//! lanyards", "30 lanyards instead of badges", "we already have name tags", "badges are not
//! needed". A refused item is no need: the plan lists it as dropped with the reason `excluded`,
//! so the answer shows it was read and left out on purpose.
//!
//! A negation reaches the item right after it, over articles and verbs of asking ("no need for
//! any snacks"), and the items joined to that one by "or" ("no snacks or drinks"). It is no
//! refusal when it is about what is missing ("we have no badges", "there is no water"), when it
//! is negated itself ("don't skip the snacks"), and it never reaches across a count ("no more
//! than 24 energy drinks" are 24), a clause break ("no, we need snacks") or a word that grades
//! the item ("not too many snacks"). "don't forget the badges" asks for badges. "no sugar energy
//! drinks" are sugar-free ones, where the catalog sells sugar-free things (`items::describe`).
//!
//! A negation right after an item rules something out of that item instead ("snacks without
//! nuts", "water, not sparkling", "hdmi cables, not the 3 ft ones"): the need keeps it in
//! `Need::excluding`, and no offer that has it is bought for the need.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_function_word, BOUNDARY_WORDS, DETERMINERS, FILLER_WORDS};
use super::Mention;
use crate::intent::phrases::PhraseTable;
use crate::intent::{Dropped, Vocabulary};
use crate::reasons::DropReason;
use crate::terms::terms;

/// Words that negate the item after them.
const NEGATORS: &[&str] = &[
    "no",
    "not",
    "without",
    "except",
    "excluding",
    "minus",
    "skip",
    "skipping",
    "omit",
    "never",
    "neither",
    "nor",
    "none",
    "don't",
    "dont",
    "doesn't",
    "won't",
    "didn't",
];

/// Two words that negate the item after them, as (first, second): "instead of", "rather than",
/// "leave out", "anything but" ("nothing but snacks" asks for snacks).
const NEGATING_PAIRS: &[(&str, &str)] =
    &[("instead", "of"), ("rather", "than"), ("leave", "out"), ("leaving", "out"), ("anything", "but"), ("everything", "but")];

/// Negations that rule something out of the item before them: "snacks without nuts".
const AFTER_ITEM: &[&str] = &["no", "not", "without", "except", "excluding", "minus"];

/// Words between a negation and its item that change nothing: "no need for any more snacks",
/// "we don't want to order the badges", "no longer need badges", "none of the lanyards".
const PASSED_OVER: &[&str] = &[
    "any", "more", "some", "need", "needs", "want", "buy", "order", "get", "include", "bring", "add", "require", "purchase", "to", "for",
    "of", "longer",
];

/// Before "no", what makes it about what is missing, not a refusal: "we have no badges", "there
/// is no water", "the room has no projector".
const LACKING: &[&str] = &["have", "has", "had", "is", "are", "was", "were", "there's", "theres", "got"];

/// What says an item is already at hand: "we already have badges".
const HAVE: &[&str] = &["have", "has", "got", "bought", "ordered", "own"];

/// After an item, what says it is not wanted: "badges are not needed", "badges: not required".
const NEEDED: &[&str] = &["needed", "required", "necessary", "wanted"];

/// Words after a negation that name nothing to rule out: "without delay", "not both", "no less
/// than 30", "not the folding kind" (only "folding" is ruled out).
const NAMES_NOTHING: &[&str] = &[
    "ones",
    "one",
    "kind",
    "kinds",
    "type",
    "types",
    "sort",
    "sorts",
    "both",
    "either",
    "delay",
    "delays",
    "rush",
    "hurry",
    "problem",
    "worries",
    "way",
    "exceptions",
    "than",
];

/// Words that grade rather than name: "not too big", "no less than 30", "no later than Friday".
const DEGREE_WORDS: &[&str] = &["too", "so", "very", "less", "fewer", "more", "later", "sooner", "earlier", "much", "many"];

/// Whether `word` negates what follows it.
pub(super) fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word)
}

/// The first word of the negation that ends at `at` (the word at `at` is its last), or `None`.
fn negation_ending_at(toks: &[Tok], at: usize) -> Option<usize> {
    let w = word_at(toks, at)?;
    let before = at.checked_sub(1).and_then(|b| word_at(toks, b));
    if is_negator(w) {
        return Some(at);
    }
    if NEGATING_PAIRS.iter().any(|(first, second)| *second == w && before == Some(*first)) {
        return Some(at - 1);
    }
    (HAVE.contains(&w) && before == Some("already")).then(|| at - 1)
}

/// Whether the word at `at` ends an item's description read backwards: the last word of a
/// negation ("no", the "have" of "already have", the "of" of "instead of").
pub(super) fn ends_description(toks: &[Tok], at: usize) -> bool {
    negation_ending_at(toks, at).is_some()
}

/// Whether `word` may stand between a negation and its item.
pub(super) fn is_passed_over(word: &str) -> bool {
    DETERMINERS.contains(&word) || PASSED_OVER.contains(&word)
}

/// Where the refusal of the item whose description starts at `start` begins, reading back no
/// further than `floor`; `None` when the item is asked for. `after_negated`: the end of the item
/// before it when that one was refused, so "no snacks or drinks" refuses both.
pub(super) fn negated_from(toks: &[Tok], start: usize, floor: usize, after_negated: Option<usize>) -> Option<usize> {
    // "not too many snacks": a grade, not a refusal.
    if word_at(toks, start).is_some_and(|w| DEGREE_WORDS.contains(&w)) {
        return None;
    }
    let mut k = start;
    // "we have no need for snacks" refuses them, "we have no snacks" lacks them.
    let mut asking = false;
    while k > floor {
        let Some(w) = word_at(toks, k - 1) else {
            // "we already have 20 lanyards": what is at hand, whatever its count.
            let had = matches!(toks[k - 1], Tok::Num(_)) && k >= floor + 3 && negation_ending_at(toks, k - 2) == Some(k - 3);
            return had.then(|| k - 3);
        };
        if let Some(from) = negation_ending_at(toks, k - 1).filter(|from| *from >= floor) {
            let before = from.checked_sub(1).filter(|b| *b >= floor).and_then(|b| word_at(toks, b));
            // "don't skip the snacks", "we have no badges": asked for.
            let double = before.is_some_and(is_negator);
            let lacking = w == "no" && !asking && before.is_some_and(|b| LACKING.contains(&b));
            return (!double && !lacking).then_some(from);
        }
        if !is_passed_over(w) {
            break;
        }
        asking |= matches!(w, "need" | "needs" | "want");
        k -= 1;
    }
    // "no snacks or drinks", "without badges or lanyards": joined by "or" to a refused item.
    let end = after_negated?;
    let joined = end < start && (end..start).all(|j| word_at(toks, j).is_some_and(|w| matches!(w, "or" | "any")));
    joined.then_some(end)
}

/// The end of words right after an item (ending at `at`) that say it is not wanted: "badges are
/// not needed", "badges: not needed", "badges aren't required", "badges no longer needed".
pub(super) fn declined_after(toks: &[Tok], at: usize) -> Option<usize> {
    let mut j = at + usize::from(toks.get(at) == Some(&Tok::Break));
    j += usize::from(matches!(word_at(toks, j), Some("are" | "is")));
    match word_at(toks, j)? {
        "not" | "aren't" | "isn't" => j += 1,
        "no" if word_at(toks, j + 1) == Some("longer") => j += 2,
        _ => return None,
    }
    NEEDED.contains(&word_at(toks, j)?).then_some(j + 1)
}

/// What the words right after an item (ending at `at`, of category `category`) rule out for it:
/// "snacks without nuts", "coffee with no sugar", "water, not sparkling", "snacks, but no chips
/// or pretzels". An item of another category ("drinks, no snacks") is not ruled out of this one:
/// it is its own refused item. Returns them and the end of the words read.
pub(super) fn ruled_out_after(
    toks: &[Tok],
    keys: &[Option<String>],
    table: &PhraseTable,
    at: usize,
    category: usize,
) -> (Vec<String>, usize) {
    let mut j = at + usize::from(toks.get(at) == Some(&Tok::Break));
    j += usize::from(matches!(word_at(toks, j), Some("but" | "with")));
    if !word_at(toks, j).is_some_and(|w| AFTER_ITEM.contains(&w)) {
        return (Vec::new(), at);
    }
    j += 1;
    let mut out = Vec::new();
    loop {
        while word_at(toks, j).is_some_and(|w| DETERMINERS.contains(&w) || w == "any") {
            j += 1;
        }
        let other_item = table.longest_at(keys, j).is_some_and(|p| !p.categories.contains(&category));
        if other_item || word_at(toks, j).is_some_and(|w| DEGREE_WORDS.contains(&w)) {
            break;
        }
        let from = j;
        while j < from + 3 && word_at(toks, j).is_some_and(|w| !ends_ruled_out(w)) {
            j += 1;
        }
        let words: Vec<&str> = (from..j).filter_map(|k| word_at(toks, k)).filter(|w| !NAMES_NOTHING.contains(w)).collect();
        if !words.is_empty() {
            out.push(words.join(" "));
        }
        // "no chips or pretzels"
        if words.is_empty() || !matches!(word_at(toks, j), Some("or" | "nor")) {
            break;
        }
        j += 1;
    }
    (out, j)
}

/// Whether `w` ends what a negation after an item rules out: "no cables needed", "not sparkling
/// please".
fn ends_ruled_out(w: &str) -> bool {
    is_function_word(w)
        || is_negator(w)
        || BOUNDARY_WORDS.contains(&w)
        || FILLER_WORDS.contains(&w)
        || NEEDED.contains(&w)
        || matches!(w, "please" | "thanks" | "at" | "all" | "this" | "time" | "though")
}

/// An item the prompt refuses ("no black t-shirts"), and where it was read.
pub(super) struct Refused {
    pub(super) category: usize,
    pub(super) item: String,
    pub(super) attributes: Vec<String>,
    pub(super) pos: usize,
}

impl Refused {
    /// The item as the user named it ("black t-shirts").
    fn named(&self) -> String {
        self.attributes.iter().chain(std::iter::once(&self.item)).cloned().collect::<Vec<_>>().join(" ")
    }
}

/// Applies what the prompt refuses to the items it asks for, and returns the refusals that
/// stand as `excluded` drops:
/// - the same item refused whole is no need where it was named before the refusal ("snacks,
///   drinks. Actually, no snacks") or named with no count of its own; named with a count after
///   it, it stands and the refusal is void ("we already have badges for staff, need 30 badges
///   for guests");
/// - otherwise what the refusal names beyond the asked item is ruled out of it: a colour or size
///   ("no black t-shirts, 20 white t-shirts": no black), the words that tell the refused item
///   apart ("no expensive chairs, 50 folding chairs": nothing expensive), another item of the
///   category ("no Red Bull: 24 energy drinks") — never the category itself or what is asked
///   ("no drinks, 24 energy drinks").
pub(super) fn apply(refused: &[Refused], mentions: &mut Vec<Mention>, vocab: &Vocabulary) -> Vec<Dropped> {
    let mut dropped: Vec<Dropped> = Vec::new();
    for r in refused {
        let def = &vocab.categories()[r.category];
        let generic: Vec<String> =
            std::iter::once(def.id.replace('_', " ")).chain(def.generic.iter().cloned()).flat_map(|g| terms(&g)).collect();
        let mut void = false;
        mentions.retain_mut(|m| {
            if m.category != r.category {
                return true;
            }
            if m.item == r.item && r.attributes.is_empty() {
                let stands = m.pos > r.pos && (m.quantity.is_some() || m.local_headcount.is_some());
                void |= stands;
                return stands;
            }
            let asked = terms(&m.item);
            let apart: Vec<&str> =
                r.item.split_whitespace().filter(|w| terms(w).iter().any(|t| !asked.contains(t) && !generic.contains(t))).collect();
            let attributes = r.attributes.iter().filter(|a| !m.attributes.contains(a)).cloned();
            if apart.is_empty() {
                m.excluding.extend(attributes);
            } else {
                m.excluding.push(attributes.chain(apart.iter().map(|w| (*w).to_owned())).collect::<Vec<_>>().join(" "));
            }
            true
        });
        let item = r.named();
        if !void && !dropped.iter().any(|d| d.item == item) {
            dropped.push(Dropped { item, reason: DropReason::Excluded });
        }
    }
    dropped
}

/// "we already have some badges, need 30 more": the count of more wanted after `at`, in the
/// same sentence, with no item of its own.
pub(super) fn more_after(toks: &[Tok], at: usize) -> Option<u64> {
    let mut j = at;
    while let Some(t) = toks.get(j) {
        match t {
            Tok::Stop => return None,
            Tok::Num(n) if word_at(toks, j + 1) == Some("more") => {
                let then = word_at(toks, j + 2);
                return then.is_none_or(|w| matches!(w, "please" | "of" | "thanks" | "then")).then_some(*n);
            }
            _ => j += 1,
        }
    }
    None
}
