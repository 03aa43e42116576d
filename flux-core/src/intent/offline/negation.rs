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
//! A negation right after an item rules something out of that item instead: see `exclusions`.

use super::counts::word_at;
use super::providers::provides_at;
use super::tokens::Tok;
use super::words::{CONTAINER_WORDS, DETERMINERS};

/// Words that negate the item after them.
const NEGATORS: &[&str] = &[
    "no",
    "not",
    "without",
    "except",
    "excluding",
    "exclude",
    "minus",
    "skip",
    "skipping",
    "omit",
    // "remove gatorade", "delete the hoodies"
    "remove",
    "delete",
    "avoid",
    "avoiding",
    "forget",
    "never",
    "neither",
    "nor",
    "none",
    "don't",
    "dont",
    "doesn't",
    "won't",
    "didn't",
    "can't",
    "cannot",
    "shouldn't",
    "wouldn't",
];

/// Two words that negate the item after them, as (first, second): "instead of", "rather than",
/// "leave out", "anything but" ("nothing but snacks" asks for snacks), "nothing with nuts", "we
/// can't have nuts", "hold off on", "don't bother with".
const NEGATING_PAIRS: &[(&str, &str)] = &[
    ("instead", "of"),
    ("rather", "than"),
    ("leave", "out"),
    ("leaving", "out"),
    ("anything", "but"),
    ("everything", "but"),
    ("nothing", "with"),
    ("can't", "have"),
    ("cannot", "have"),
    ("hold", "off"),
    ("don't", "bother"),
    ("dont", "bother"),
    ("not", "bother"),
    // "remove the drinks", "cancel the drinks", "scratch the hoodies" (but "drop cables",
    // "scratch pads", "noise cancel headphones" are things, and "drop the drinks at the dock"
    // is a delivery).
    ("remove", "the"),
    ("cancel", "the"),
    ("scratch", "the"),
    ("nix", "the"),
    ("ditch", "the"),
    ("ignore", "the"),
    ("drop", "the"),
    // "Nobody drinks soda.", "nobody uses the badges" (its verb is read as no item: see
    // `is_verb_of_nobody`)
    ("nobody", "drinks"),
    ("nobody", "drink"),
    ("nobody", "eats"),
    ("nobody", "uses"),
    ("nobody", "likes"),
    ("nobody", "wants"),
    ("nobody", "needs"),
    // after a modal: "no one can eat nuts", "nobody will use the badges"
    ("nobody", "eat"),
    ("nobody", "use"),
    ("nobody", "like"),
    ("nobody", "want"),
    ("nobody", "need"),
    // "never mind the chairs", "nevermind the chairs"
    ("never", "mind"),
    ("nevermind", "the"),
    ("hold", "the"),
    // "we don't like the plastic bottles", "we didn't like the granola bars"
    ("don't", "like"),
    ("didn't", "like"),
    ("dont", "like"),
    ("not", "like"),
];

/// Words that place what "drop the" or "ignore the" names: "drop the chairs outside room 3",
/// "ignore the chairs in the photo" ("in" too, but not "drop the chairs in favour of stools").
const PLACING: &[&str] = &[
    "at",
    "off",
    "by",
    "to",
    "into",
    "inside",
    "outside",
    "near",
    "next",
    "beside",
    "behind",
    "under",
    "onto",
    "upstairs",
    "downstairs",
    "on",
];

/// Words between a negation and its item that change nothing: "no need for any more snacks",
/// "we don't want to order the badges", "no longer need badges", "none of the lanyards", "hold
/// off on the badges", "no budget for swag".
pub(super) const PASSED_OVER: &[&str] = &[
    "any", "more", "some", "enough", "plenty", "lots", "need", "needs", "want", "buy", "order", "get", "include", "bring", "add",
    "require", "purchase", "to", "for", "of", "on", "with", "longer", "use", "room", "space", "budget", "time",
];

/// Passed-over words that make "have no" a refusal rather than a lack: "we have no need for
/// snacks", "no budget for swag".
const REFUSING: &[&str] = &["need", "needs", "want", "use", "room", "space", "budget", "time"];

/// Before "no" (or "without"), what makes it about what is missing, not a refusal: "we have no
/// badges", "there is no water", "the room has no projector", "we're without a projector".
const LACKING: &[&str] =
    &["have", "has", "had", "is", "are", "was", "were", "there's", "theres", "got", "still", "we're", "i'm", "they're"];

/// Words that may stand between a lack and its "no": "we have absolutely no badges".
const LACK_ADVERBS: &[&str] = &["absolutely", "really", "currently", "literally", "practically"];

/// Before "without", what makes it a need: "we can't do without coffee", "no party is complete
/// without snacks".
const NEEDED_WITHOUT: &[&str] = &["do", "go", "complete", "done", "live", "survive", "manage"];

/// Words between "have" and a count: "we already have about 20 badges".
const APPROXIMATELY: &[&str] = &["about", "around", "roughly", "approximately", "nearly", "almost", "over", "like"];

/// What says an item is already at hand: "we already have badges", "we have 20 badges".
const HAVE: &[&str] = &["have", "has", "got", "bought", "ordered", "own"];

/// Words before a holder that make "have" a request: "could we have 30 badges?".
const MODALS: &[&str] = &["can", "could", "may", "might", "will", "would", "shall", "should", "do", "did", "please"];

/// Who has something: "we have 20 badges" (but "we have to buy badges" asks for them).
const HOLDERS: &[&str] = &["we", "i", "they", "we've", "i've", "they've"];

/// The verb that links an item to what is said of it: "badges are covered".
const BE: &[&str] = &["are", "is", "were", "was"];

/// After "already", what says an item is at hand: "the t-shirts are already ordered".
const DONE: &[&str] = &[
    "ordered",
    "bought",
    "purchased",
    "covered",
    "here",
    "arrived",
    "handled",
    "sorted",
    "taken",
    "done",
    "delivered",
    "provided",
    "installed",
    "catered",
    "supplied",
    "included",
    "arranged",
    "sponsored",
    "donated",
    "comped",
];

/// Words of [`DONE`] that say it is seen to even without "is": "projector - covered by the venue".
const SEEN_TO: &[&str] = &["covered", "provided", "handled", "sorted", "sponsored", "donated", "comped", "catered", "supplied", "taken"];

/// What may follow a word of [`DONE`] and keep it said of the item: "coffee is provided by the
/// venue", "the t-shirts are done already".
const DONE_BY: &[&str] = &["by", "already", "separately", "elsewhere", "through", "via", "for"];

/// Words that only point back at the item: "have one", "IT is bringing it".
const ITSELF: &[&str] = &["one", "it", "them", "those", "these", "that", "some", "their", "own", "ours", "already"];

/// Where the clause that goes on at `k` ends.
fn clause_end(toks: &[Tok], k: usize) -> usize {
    (k..).find(|&j| toks.get(j).is_none_or(Tok::is_break)).unwrap_or(toks.len())
}

/// Whether the clause from `k` on only points back at the item ([`ITSELF`]; "one" is the count 1).
fn only_itself(toks: &[Tok], k: usize) -> bool {
    (k..clause_end(toks, k)).all(|j| toks[j] == Tok::Num(1) || word_at(toks, j).is_some_and(|w| ITSELF.contains(&w)))
}

/// After an item, what says it is not wanted: "badges are not needed", "nuts are not allowed".
pub(super) const NEEDED: &[&str] = &["needed", "required", "necessary", "wanted", "allowed", "permitted"];

/// Words that grade rather than name: "not too big", "no less than 30", "no later than Friday".
pub(super) const DEGREE_WORDS: &[&str] = &["too", "so", "very", "less", "fewer", "more", "later", "sooner", "earlier", "much", "many"];

/// How an item was said, from the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Said {
    /// Asked for.
    Asked,
    /// Said to be missing ("we have no badges"): asked for too.
    Lacking,
    /// Refused ("no snacks"), from the token at `.0` on.
    Refused(usize),
    /// Already at hand ("we already have badges", "we have 20 badges"), from the token at `.0`
    /// on: refused, unless more are asked for ("need 30 more").
    AtHand(usize),
}

impl Said {
    /// Where the refusal starts, when the item is not wanted.
    pub(super) fn refused_from(self) -> Option<usize> {
        match self {
            Said::Refused(from) | Said::AtHand(from) => Some(from),
            Said::Asked | Said::Lacking => None,
        }
    }
}

/// Whether `word` negates what follows it.
pub(super) fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word)
}

/// The first word of the negation that ends at `at` (the word at `at` is its last), or `None`.
fn negation_ending_at(toks: &[Tok], at: usize) -> Option<usize> {
    let w = word_at(toks, at)?;
    let before = at.checked_sub(1).and_then(|b| word_at(toks, b));
    if NEGATING_PAIRS.iter().any(|(first, second)| *second == w && before == Some(*first)) {
        // "hold the chips" (but "bins to hold the snacks" hold them)
        let to_hold = before == Some("hold") && at >= 2 && word_at(toks, at - 2) == Some("to");
        // "drop the chairs", "ignore the chairs" (but "drop the drinks at the dock" delivers them,
        // "ignore the chairs in the photo" speaks of a picture)
        // ("in my last message" speaks of what was said, not where the chairs are.)
        let said =
            |k: usize| (k..k + 4).any(|j| matches!(word_at(toks, j), Some("message" | "email" | "note" | "list" | "order" | "thread")));
        let places = |k: usize| match word_at(toks, k) {
            Some("in") => !matches!(word_at(toks, k + 1), Some("favour" | "favor" | "place" | "lieu")) && !said(k + 1),
            Some(w) => PLACING.contains(&w),
            None => false,
        };
        let delivers =
            matches!(before, Some("drop" | "ignore")) && (at + 1..at + 6).take_while(|k| word_at(toks, *k).is_some()).any(places);
        return (!to_hold && !delivers).then(|| at - 1);
    }
    if is_negator(w) {
        return Some(at);
    }
    // "not big fans of Red Bull", "not a fan of Red Bull"; "we'd rather have 24 LaCroix than soda"
    if w == "of" && matches!(before, Some("fan" | "fans")) {
        if let Some(from) = (at.saturating_sub(4)..at).rev().find(|k| word_at(toks, *k).is_some_and(is_negator)) {
            return Some(from);
        }
    }
    if w == "than" && (at.saturating_sub(8)..at).any(|k| word_at(toks, k) == Some("rather")) {
        return Some(at);
    }

    // "the venue provides tables", "we'll handle the drinks": seen to; judged at hand.
    if provides_at(toks, at) {
        return Some(at);
    }
    // "we have 20 badges", "we own speakers" (but "could we have 20 badges?" and "we have to buy
    // badges" ask)
    let asking = at.checked_sub(2).and_then(|b| word_at(toks, b)).is_some_and(|b| MODALS.contains(&b));
    // ("we have $300 for snacks", "we've got a $200 budget": a sum to spend, nothing at hand)
    let sum = |k: usize| super::after::dollars_at(toks, k).is_some();
    let spends = sum(at + 1) || (matches!(word_at(toks, at + 1), Some("a" | "about" | "around" | "roughly")) && sum(at + 2));
    let holder = before.is_some_and(|b| HOLDERS.contains(&b))
        && matches!(w, "have" | "got" | "own")
        && word_at(toks, at + 1) != Some("to")
        && !asking
        && !spends;
    (HAVE.contains(&w) && (before == Some("already") || holder)).then(|| at - 1)
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

/// How the item whose description starts at `start` was said, reading back no further than
/// `floor`. `prev`: the end of the item before it in the sentence and how that one was said, for
/// a list: "no snacks or drinks" refuses both, "we have no paper towels and no trash bags" lacks
/// both, "we have plates and cups" has both.
pub(super) fn said_before(toks: &[Tok], start: usize, floor: usize, prev: Option<(usize, Said)>) -> Said {
    // "not too many snacks": a grade, not a refusal.
    if word_at(toks, start).is_some_and(|w| DEGREE_WORDS.contains(&w)) {
        return Said::Asked;
    }
    let mut k = start;
    let mut refusing = false;
    while k > floor {
        let Some(w) = word_at(toks, k - 1) else {
            // "not needed: badges", "things we don't need: badges", "already have: 20 badges"
            let colon = (k - 1).checked_sub(usize::from(matches!(toks[k - 1], Tok::Num(_)))).filter(|c| *c >= floor);
            if let Some(colon) = colon.filter(|c| toks[*c] == Tok::Colon) {
                if let Some(said) = heading_said(toks, colon, floor, prev) {
                    return said;
                }
            }
            // "we already have 20 lanyards", "we already have about 20 badges": what is at hand,
            // whatever its count.
            if matches!(toks[k - 1], Tok::Num(_)) {
                let mut h = k - 1;
                while h > floor && word_at(toks, h - 1).is_some_and(|w| APPROXIMATELY.contains(&w)) {
                    h -= 1;
                }
                let have = h.checked_sub(1).filter(|h| *h > floor);
                if let Some(from) =
                    have.filter(|h| word_at(toks, *h).is_some_and(|w| HAVE.contains(&w))).and_then(|h| negation_ending_at(toks, h))
                {
                    return Said::AtHand(from);
                }
                // "The venue provides 10 tables", "IT will bring 2 projectors"
                if let Some(h) = have.filter(|h| provides_at(toks, *h)) {
                    return Said::AtHand(h);
                }
            }
            break;
        };
        if let Some(from) = negation_ending_at(toks, k - 1).filter(|from| *from >= floor) {
            return judged(toks, from, k - 1, refusing, prev);
        }
        // "no cases of water", "we already have 2 cases of water"
        if !is_passed_over(w) && !CONTAINER_WORDS.contains(&w) {
            break;
        }
        refusing |= REFUSING.contains(&w);
        k -= 1;
    }
    match prev {
        // "no snacks or drinks", "without badges or lanyards"
        Some((end, Said::Refused(_))) if joined(toks, end, start, &["or", "nor", "any"]) => Said::Refused(end),
        // "don't need: badges, lanyards and pens": a refusing heading refuses its whole list
        Some((end, Said::Refused(from))) if heads(toks, from, end) && counted_list(toks, end, start) => Said::Refused(from),
        Some((end, Said::AtHand(from))) if heads(toks, from, end) && counted_list(toks, end, start) => Said::AtHand(from),
        // "we have plates and cups", "we already have plates, cups and napkins"
        // ("The AV company provides the mics and the speakers": both; not "we have 20 chairs and
        // $200 for tables", a sum to spend)
        Some((end, Said::AtHand(_)))
            if listed(toks, end, start, &["and", "or", "the", "a", "an"]) && super::after::dollars_at(toks, start).is_none() =>
        {
            Said::AtHand(end)
        }
        _ => Said::Asked,
    }
}

/// How a heading that ends in the colon at `colon` says the items after it: refused when it is a
/// refusal ("not needed:", "things we don't need:", "don't buy:", "skip:"), at hand when it says
/// so ("already have:"); `None` for any other heading.
fn heading_said(toks: &[Tok], colon: usize, floor: usize, prev: Option<(usize, Said)>) -> Option<Said> {
    let mut last = colon.checked_sub(1).filter(|l| *l >= floor)?;
    // "not needed:", "not required:"
    if word_at(toks, last).is_some_and(|w| NEEDED.contains(&w)) && last > floor {
        last -= 1;
    }
    // "Have: 10 power strips", "On hand: 20 chairs": a checklist's column of what is had.
    let opens = |k: usize| k == 0 || toks[k - 1] == Tok::Stop;
    let had = match (last.checked_sub(1).and_then(|k| word_at(toks, k)), word_at(toks, last)) {
        (Some("on"), Some("hand")) => opens(last - 1),
        (_, Some("have" | "had" | "got")) => opens(last),
        _ => false,
    };
    if had {
        return Some(Said::AtHand(last));
    }
    // "we don't need:", "don't buy any:"
    let mut refusing = false;
    while last > floor && word_at(toks, last).is_some_and(is_passed_over) && negation_ending_at(toks, last).is_none() {
        refusing |= word_at(toks, last).is_some_and(|w| REFUSING.contains(&w));
        last -= 1;
    }
    let from = negation_ending_at(toks, last).filter(|from| *from >= floor)?;
    match judged(toks, from, last, true, prev) {
        // "we have budget for:", "we have room for:" ask for what follows.
        Said::AtHand(_) if refusing => None,
        said => Some(said),
    }
}

/// Whether a section heading refuses what is under it ("Don't buy", "Already have", "Not
/// needed"), for the document reader, which leaves every other heading out.
pub(crate) fn refuses_under(heading: &str) -> bool {
    let mut toks = super::tokens::tokenize(heading);
    toks.push(Tok::Colon);
    heading_said(&toks, toks.len() - 1, 0, None).is_some_and(|said| said.refused_from().is_some())
}

/// Whether the refusal from `from` heads a list that runs to `end`: a colon lies between.
fn heads(toks: &[Tok], from: usize, end: usize) -> bool {
    (from..end).any(|j| toks[j] == Tok::Colon)
}

/// Whether the tokens from `end` to `start` only list, with a count: "badges, 10 lanyards".
fn counted_list(toks: &[Tok], end: usize, start: usize) -> bool {
    end < start && (end..start).all(|j| matches!(toks[j], Tok::Num(_)) || listed(toks, j, j + 1, &["and", "or"]))
}

/// Whether the tokens from `end` to `start` are only the words `by`.
fn joined(toks: &[Tok], end: usize, start: usize, by: &[&str]) -> bool {
    end < start && (end..start).all(|j| word_at(toks, j).is_some_and(|w| by.contains(&w)))
}

/// Whether the tokens from `end` to `start` only list: clause breaks and the words `by`.
fn listed(toks: &[Tok], end: usize, start: usize, by: &[&str]) -> bool {
    end < start && (end..start).all(|j| toks[j].is_clause_break() || word_at(toks, j).is_some_and(|w| by.contains(&w)))
}

/// How an item was said whose negation runs from `from` to `last`.
fn judged(toks: &[Tok], from: usize, last: usize, refusing: bool, prev: Option<(usize, Said)>) -> Said {
    let w = word_at(toks, last).unwrap_or_default();
    let before = |k: usize| from.checked_sub(k).and_then(|b| word_at(toks, b));
    if word_at(toks, from).is_some_and(|f| f == "already" || HOLDERS.contains(&f)) || provides_at(toks, last) {
        return Said::AtHand(from);
    }
    // "don't skip the snacks", "never forget coffee", "we can't do without coffee"
    if before(1).is_some_and(is_negator) || (w == "without" && before(1).is_some_and(|b| NEEDED_WITHOUT.contains(&b))) {
        return Said::Asked;
    }
    if matches!(w, "no" | "without") && !refusing {
        let lacking = |b: Option<&str>| b.is_some_and(|b| LACKING.contains(&b));
        // "we have no badges", "we have absolutely no badges"
        if lacking(before(1)) || (before(1).is_some_and(|b| LACK_ADVERBS.contains(&b)) && lacking(before(2))) {
            return Said::Lacking;
        }
        // "we have no paper towels and no trash bags", "we have snacks but no drinks"
        match prev {
            Some((end, Said::Lacking)) if listed(toks, end, from, &["and", "or"]) => return Said::Lacking,
            Some((end, Said::AtHand(_))) if listed(toks, end, from, &["but", "and"]) => return Said::Lacking,
            _ => {}
        }
    }
    Said::Refused(from)
}

/// The end of words right after an item (ending at `at`) that say it is not wanted: "badges are
/// not needed", "badges: not needed", "badges aren't required", "badges no longer needed",
/// "snacks won't be necessary", "nuts are not allowed", "badges: skip.", "snacks? no.", "the
/// t-shirts are already ordered", "we have badges already". Never across a sentence end, but for
/// the one-word answers ("snacks? no.").
pub(super) fn declined_after(toks: &[Tok], at: usize) -> Option<usize> {
    // "badges: skip.", "snacks? no."
    // "chairs: venue", "projector: IT", "snacks: sponsor": someone else's.
    // ("Chairs: TBD, roughly 40" is a count still.)
    let answered =
        |w: &str| matches!(w, "skip" | "none" | "no" | "nope" | "tbd" | "tbc" | "venue" | "it" | "sponsor" | "sponsors" | "catering");
    if toks.get(at).is_some_and(Tok::is_break) && word_at(toks, at + 1).is_some_and(answered) {
        let counted_after = toks.get(at + 2).is_some_and(Tok::is_clause_break)
            && (at + 3..at + 5).any(|j| matches!(toks.get(j), Some(Tok::Num(_))) && toks.get(j + 1).is_none_or(Tok::is_break));
        // ("40 chairs, no, make it 45" corrects; "40 chairs; no, we don't need tables" answers
        // no question of the chairs: past a sentence end, "no" before a negation of its own is
        // that one's, but "folding tables? no - just chairs" answers.)
        let correcting = matches!(word_at(toks, at + 3), Some("make" | "wait" | "actually" | "sorry"));
        let own_negation = (at + 3..clause_end(toks, at + 3)).any(|k| word_at(toks, k).is_some_and(is_negator));
        let alone = toks[at] != Tok::Stop || !own_negation;
        if toks.get(at + 2).is_none_or(Tok::is_break) && !counted_after && !correcting && alone {
            return Some(at + 2);
        }
    }
    // "Cutlery we'll handle.", "Chairs the venue provides."
    if let Some(end) = super::providers::seen_to_after(toks, at) {
        return Some(end);
    }
    // "napkins - hold off."
    let hold_off = (word_at(toks, at + 1), word_at(toks, at + 2)) == (Some("hold"), Some("off"));
    if toks.get(at).is_some_and(Tok::is_break) && hold_off && toks.get(at + 3).is_none_or(Tok::is_break) {
        return Some(at + 3);
    }
    // "badge holders TBD": not decided yet, nothing to buy now
    if word_at(toks, at).is_some_and(|w| matches!(w, "tbd" | "tbc")) && toks.get(at + 1).is_none_or(Tok::is_break) {
        return Some(at + 1);
    }
    // "tables: n/a" (its slash is a clause break), "projector (IT is bringing one)", "projector -
    // the venue provides it": answered, or seen to by someone.
    if toks.get(at).is_some_and(Tok::is_clause_break) {
        let not_applicable =
            word_at(toks, at + 1) == Some("n") && toks.get(at + 2) == Some(&Tok::Break) && word_at(toks, at + 3) == Some("a");
        if not_applicable && toks.get(at + 4).is_none_or(Tok::is_break) {
            return Some(at + 4);
        }
        let end = clause_end(toks, at + 1);
        if (at + 1..(at + 5).min(end)).any(|k| provides_at(toks, k) && only_itself(toks, k + 1)) {
            return Some(end);
        }
    }
    // "we have badges already" (but "40 snacks, already have badges" asks for snacks).
    if word_at(toks, at) == Some("already") && toks.get(at + 1).is_none_or(Tok::is_break) {
        return Some(at + 1);
    }
    // "take the chairs off the list", "chairs off the order"
    if word_at(toks, at) == Some("off") {
        let j = at + 1 + usize::from(word_at(toks, at + 1).is_some_and(|w| DETERMINERS.contains(&w)));
        return matches!(word_at(toks, j), Some("list" | "order" | "cart")).then_some(j + 1);
    }
    let mut j = at + usize::from(toks.get(at).is_some_and(Tok::is_clause_break));
    // "coffee will be provided", "snacks are being catered"
    let be = word_at(toks, j).is_some_and(|w| BE.contains(&w)) || (word_at(toks, j) == Some("will") && word_at(toks, j + 1) == Some("be"));
    j += usize::from(be) + usize::from(be && word_at(toks, j) == Some("will"));
    j += usize::from(be && word_at(toks, j) == Some("being"));
    // "hoodies will be delivered by Friday" says when, not that they are at hand.
    let extends = |w: &str| !matches!(w, "delivered" | "arrived" | "here");
    let done_end = |k: usize| {
        toks.get(k).is_none_or(Tok::is_break)
            || (word_at(toks, k).is_some_and(|w| DONE_BY.contains(&w)) && word_at(toks, j).is_some_and(extends))
    };
    match word_at(toks, j)? {
        // "badges are covered", "the t-shirts were ordered", "coffee is provided by the venue":
        // the words after it, to the clause's end, are read with it.
        // ("projector - covered by the venue", but not "30 lanyards, delivered by Friday", "30
        // t-shirts, ordered by size")
        w if (be || (j > at && SEEN_TO.contains(&w))) && DONE.contains(&w) && done_end(j + 1) => {
            return Some((j + 1..toks.len()).find(|&k| toks[k].is_break()).unwrap_or(toks.len()))
        }
        // "the t-shirts are already ordered" (but "40 snacks, already ordered the t-shirts")
        "already" if word_at(toks, j + 1).is_some_and(|w| DONE.contains(&w)) => {
            return toks.get(j + 2).is_none_or(Tok::is_break).then_some(j + 2);
        }
        "not" | "aren't" | "isn't" => j += 1,
        "no" if word_at(toks, j + 1) == Some("longer") => j += 2,
        "won't" if word_at(toks, j + 1) == Some("be") => j += 2,
        _ => return None,
    }
    NEEDED.contains(&word_at(toks, j)?).then_some(j + 1)
}

/// Right after an item (ending at `at`), "we already have", "that we own": it is at hand ("the
/// badge holders we already have"), not asked for. Returns the end of those words.
pub(super) fn held_after(toks: &[Tok], at: usize) -> Option<usize> {
    // "projector: have one", "hdmi cables: have some, need 5 more"
    if toks.get(at).is_some_and(Tok::is_clause_break) && matches!(word_at(toks, at + 1), Some("have" | "got" | "own")) {
        return only_itself(toks, at + 2).then(|| clause_end(toks, at + 2));
    }
    let mut h = at + usize::from(matches!(word_at(toks, at), Some("that" | "which")));
    if !word_at(toks, h).is_some_and(|w| HOLDERS.contains(&w)) {
        return None;
    }
    h += 1 + usize::from(word_at(toks, h + 1) == Some("already"));
    let held = word_at(toks, h).is_some_and(|w| matches!(w, "have" | "own" | "got" | "bought" | "ordered"));
    (held && toks.get(h + 1).is_none_or(Tok::is_break)).then_some(h + 1)
}

/// Whether the word right after an item (ending at `at`) says it is asked for after all: "no
/// badges left" lacks them; "there are no snacks needed" refuses them.
pub(super) fn lack_after(toks: &[Tok], at: usize) -> Option<bool> {
    match word_at(toks, at)? {
        "left" => Some(true),
        w if NEEDED.contains(&w) => Some(false),
        _ => None,
    }
}

/// Whether the word at `k` is the verb of "nobody drinks ..." ([`NEGATING_PAIRS`]): a verb, not
/// the item "drinks".
pub(super) fn is_verb_of_nobody(toks: &[Tok], k: usize) -> bool {
    k > 0
        && word_at(toks, k - 1) == Some("nobody")
        && NEGATING_PAIRS.iter().any(|(first, second)| *first == "nobody" && word_at(toks, k) == Some(*second))
}
