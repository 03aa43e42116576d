//! Allergies and diets said for the whole request, in words of their own rather than right after
//! an item: "No peanuts.", "Everything must be nut-free!", "Someone has a peanut allergy.", "one
//! of us is allergic to dairy", "two people are lactose intolerant", "We're vegan." They name no
//! item to buy ([`said_at`]: "a nut allergy" buys no nuts), and [`read`] gathers them, for every
//! item eaten or drunk, into what `diet` applies — unless the sentence negates them or speaks of
//! one person's own ("We don't need anything gluten-free", "Anna needs hers gluten-free").

use super::counts::word_at;
use super::diet::{Said, DIETS};
use super::tokens::Tok;
use super::words::is_people;

/// What an allergy or a diet names, as said, and what is ruled out: the words the ranking knows
/// as kinds ("nuts" rules out peanuts and tree nuts; "dairy" milk and cheese; "gluten" wheat).
const ALLERGENS: &[(&str, &str)] = &[
    ("nuts", "nuts"),
    ("nut", "nuts"),
    ("peanuts", "peanuts"),
    ("peanut", "peanuts"),
    ("dairy", "dairy"),
    ("milk", "milk"),
    ("lactose", "dairy"),
    ("gluten", "gluten"),
    ("wheat", "wheat"),
    ("soy", "soy"),
    ("eggs", "eggs"),
    ("egg", "eggs"),
    ("sesame", "sesame"),
    ("almonds", "almonds"),
    ("cashews", "cashews"),
    ("walnuts", "walnuts"),
    ("pecans", "pecans"),
    ("pistachios", "pistachios"),
    ("hazelnuts", "hazelnuts"),
    ("caffeine", "caffeine"),
];

/// Words that say an allergy after what it names: "a peanut allergy", "lactose intolerant".
const ALLERGY: &[&str] = &["allergy", "allergies", "allergic", "intolerance", "intolerant", "sensitivity"];

/// Words before what is named that rule it out: "no peanuts", "nothing with nuts", "allergic to
/// dairy", "avoid gluten".
const RULING_OUT: &[&str] = &["no", "without", "avoid", "avoiding", "nothing", "zero", "allergic", "excluding"];

/// Words that may stand between them: "no dairy or gluten", "nothing with any nuts", "allergic to
/// tree nuts".
const BETWEEN: &[&str] =
    &["with", "containing", "contains", "any", "anything", "something", "that", "to", "or", "and", "nor", "tree", "of"];

/// Conditions that are an allergy in one word: "someone has celiac".
const CONDITIONS: &[(&str, &str)] = &[("celiac", "gluten"), ("coeliac", "gluten")];

/// Who has an allergy, said before it: "one guest is allergic", "two of us have a severe nut
/// allergy" — read with it, so that no count there is reported unread.
const WHO: &[&str] = &[
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "child",
    "children",
    "friend",
    "boss",
    "colleague",
    "coworker",
    "her",
    "his",
    "my",
    "their",
    "a",
    "an",
    "one",
    "some",
    "few",
    "couple",
    "of",
    "us",
    "them",
    "the",
    "our",
    "in",
    "on",
    "team",
    "group",
    "someone",
    "somebody",
    "person",
    "people",
    "guest",
    "guests",
    "attendee",
    "attendees",
    "kid",
    "kids",
    "employee",
    "employees",
    "member",
    "members",
    "is",
    "are",
    "has",
    "have",
    "with",
    "severe",
    "serious",
    "bad",
    "mild",
    "allergies",
    "allergy",
];

/// Words before "no" that say something lacks rather than is ruled out: "we have no milk".
const LACKING: &[&str] = &["have", "has", "had", "got", "there's"];

/// The allergen a word names ([`ALLERGENS`]): "peanut" is peanuts, "lactose" dairy.
fn named(word: &str) -> Option<&'static str> {
    ALLERGENS.iter().find(|(said, _)| *said == word).map(|(_, out)| *out)
}

/// What is ruled out, named at `k`: the allergen, and the words it took ("tree nuts").
fn allergen_at(toks: &[Tok], k: usize) -> Option<(&'static str, usize)> {
    let w = word_at(toks, k)?;
    if w == "tree" && matches!(word_at(toks, k + 1), Some("nut" | "nuts")) {
        return Some(("tree nuts", 2));
    }
    named(w).map(|out| (out, 1))
}

/// What is said free at `k`: "nut-free", "dairy free", "gluten-free" — the allergen, and the
/// words it took.
fn free_of_at(toks: &[Tok], k: usize) -> Option<(&'static str, usize)> {
    let w = word_at(toks, k)?;
    match w.strip_suffix("-free").or_else(|| w.strip_suffix("free")).filter(|of| !of.is_empty()) {
        Some(of) => named(of).map(|out| (out, 1)),
        None => allergen_at(toks, k).filter(|(_, used)| word_at(toks, k + used) == Some("free")).map(|(out, used)| (out, used + 1)),
    }
}

/// Whether an allergen is joined to the one before it at `k`: "and", "or", "nor", a comma —
/// and the tokens of the joint.
fn joint_at(toks: &[Tok], k: usize) -> Option<usize> {
    match (toks.get(k), word_at(toks, k + 1)) {
        (Some(Tok::Break), Some("and" | "or")) => Some(2),
        (Some(Tok::Break), _) => Some(1),
        _ => matches!(word_at(toks, k), Some("and" | "or" | "nor")).then_some(1),
    }
}

/// How many tokens from `k` name allergens joined one to the next: "nut and dairy", "peanuts,
/// gluten", "tree nuts".
fn run_at(toks: &[Tok], k: usize) -> usize {
    let Some((_, mut used)) = allergen_at(toks, k) else { return 0 };
    while let Some(joint) = joint_at(toks, k + used) {
        let Some((_, more)) = allergen_at(toks, k + used + joint) else { break };
        used += joint + more;
    }
    used
}

/// An allergy said at `k`, and its tokens: "allergic to nuts", "allergic to: nuts", "allergies:
/// peanuts, gluten", "a nut and dairy allergy", "no peanuts or tree nuts" — not items to buy
/// ("nuts" is one), so the parser passes over them and [`read`] reads them.
pub(super) fn said_at(toks: &[Tok], k: usize) -> Option<usize> {
    let lead = match (word_at(toks, k), toks.get(k + 1)) {
        (Some("allergic"), _) if word_at(toks, k + 1) == Some("to") => 2 + usize::from(toks.get(k + 2) == Some(&Tok::Colon)),
        (Some(w), Some(Tok::Colon)) if ALLERGY.contains(&w) || w == "allergens" => 2,
        _ => 0,
    };
    let n = run_at(toks, k + lead);
    if lead > 0 {
        return (n > 0).then_some(lead + n);
    }
    if n > 0 && word_at(toks, k + n).is_some_and(|w| ALLERGY.contains(&w)) {
        return Some(n + 1);
    }
    // "No peanuts or tree nuts.", "avoid anything with peanuts, almonds and cashews": ruled out,
    // though "tree nuts" and "almonds" name items too.
    (n > 0 && ruled_out(toks, k)).then_some(n)
}

/// Whether the allergen at `k` is ruled out by what is said around it, in its sentence: a word
/// that rules out before it (across [`BETWEEN`], the allergens joined to it and a heading's colon:
/// "allergies: peanuts, gluten"), or a word of allergy after the allergens joined to it.
fn ruled_out(toks: &[Tok], k: usize) -> bool {
    allergy_after(toks, k) || ruled_before(toks, k)
}

/// Whether a word of allergy follows the allergens joined to the one at `k`: "a nut allergy".
fn allergy_after(toks: &[Tok], k: usize) -> bool {
    let mut after = k;
    while let Some((_, used)) = allergen_at(toks, after) {
        after += used;
        after += joint_at(toks, after).filter(|j| allergen_at(toks, after + j).is_some()).unwrap_or(0);
    }
    word_at(toks, after).is_some_and(|w| ALLERGY.contains(&w))
}

/// Whether a word that rules out comes before the allergen at `k` ([`ruled_out`]).
fn ruled_before(toks: &[Tok], k: usize) -> bool {
    let mut j = k;
    while let Some(b) = j.checked_sub(1) {
        let before = b.checked_sub(1).and_then(|a| word_at(toks, a));
        match (&toks[b], word_at(toks, b)) {
            // "we have no milk" is milk lacking, not ruled out.
            (_, Some("no")) => return !before.is_some_and(|w| LACKING.contains(&w)),
            (_, Some(w)) if RULING_OUT.contains(&w) => return true,
            (_, Some(w)) if BETWEEN.contains(&w) || allergen_at(toks, b).is_some() => j = b,
            (Tok::Colon, _) if before.is_some_and(|w| ALLERGY.contains(&w) || w == "allergens") => return true,
            (Tok::Colon, _) if before == Some("to") => j = b,
            (Tok::Break, _) if b.checked_sub(1).is_some_and(|a| allergen_at(toks, a).is_some()) => j = b,
            _ => return false,
        }
    }
    false
}

/// Marks `from..to` read.
fn mark(read: &mut [bool], from: usize, to: usize) {
    let len = read.len();
    read[from.min(len)..to.min(len)].iter_mut().for_each(|r| *r = true);
}

/// Words that make a sentence about something else than an allergy of the eaters: a negation
/// ("We don't need anything gluten-free", "the nut allergy guy is not coming") or one person's
/// own ("Anna needs hers gluten-free"; but "her daughter is allergic to peanuts" is an eater's).
const NOT_THE_EATERS: &[&str] =
    &["not", "don't", "dont", "doesn't", "isn't", "aren't", "won't", "never", "nobody", "hers", "theirs", "own"];

/// Words before a freedom or a diet said on its own that make it said of everything: "must be
/// nut-free", "keep it peanut-free", "We're vegan", "all caffeine free".
const SAID_OF_ALL: &[&str] = &["be", "is", "are", "all", "it", "everything", "we're", "i'm", "keep", "make", "only", "strictly"];

/// Whether the sentence around `k` speaks of the eaters' allergy: no negation or one person's
/// own in it ([`NOT_THE_EATERS`], "no need", "no longer"), nor "for" some people ("no caffeine
/// for the kids").
fn of_the_eaters(toks: &[Tok], k: usize, ruling: bool, caffeine: bool) -> bool {
    let from = (0..k).rev().find(|&j| toks[j] == Tok::Stop).map_or(0, |j| j + 1);
    let to = (k..toks.len()).find(|&j| toks[j] == Tok::Stop).unwrap_or(toks.len());
    !(from..to).any(|j| match word_at(toks, j) {
        // A ruling word of its own ("No peanuts, not even traces") is negated by nothing else.
        Some("no") => !ruling && matches!(word_at(toks, j + 1), Some("need" | "longer")),
        // "no caffeine for the kids": a kind of drink for some (an allergy is everyone's care).
        Some("for") => caffeine && (j + 1..j + 3).any(|p| word_at(toks, p).is_some_and(is_people)),
        Some(w) if ["hers", "theirs", "own"].contains(&w) => true,
        Some(w) => !ruling && NOT_THE_EATERS.contains(&w),
        None => false,
    })
}

/// Whether a freedom or a diet at `k` (of `used` tokens) is said of everything: after words that
/// say so, or alone in its clause but for "please" ("Dairy-free please."), not naming a thing
/// ("the vegan folks", "gluten-free meals").
fn said_of_all(toks: &[Tok], k: usize, used: usize) -> bool {
    let before = k.checked_sub(1).and_then(|b| word_at(toks, b));
    let opens = k == 0 || toks.get(k - 1).is_some_and(Tok::is_break) || matches!(before, Some("and" | "or"));
    // "must be nut-free and dairy-free", "We're vegan and gluten-free": joined to another.
    let ends =
        |j: usize| toks.get(j).is_none_or(Tok::is_break) || matches!(word_at(toks, j), Some("please" | "only" | "thanks" | "and" | "or"));
    (before.is_some_and(|w| SAID_OF_ALL.contains(&w)) || opens) && ends(k + used)
}

/// Whether a diet at `k` is said of "options" (`used` is 2: "vegan options", "vegetarian
/// choices"), not ruled out ("no vegan options").
fn diet_options(toks: &[Tok], k: usize, used: usize) -> bool {
    used == 2 && !k.checked_sub(1).and_then(|b| word_at(toks, b)).is_some_and(|w| matches!(w, "no" | "not" | "without" | "non"))
}

/// Reads what an allergy or a diet said on its own names into `said`, for every item eaten or
/// drunk: words no other rule `read` (which are then read, with who has the allergy), in a
/// sentence that rules them out and speaks of the eaters ([`of_the_eaters`]).
pub(super) fn read(toks: &[Tok], read: &mut [bool], said: &mut Said) {
    let mut k = 0;
    while k < toks.len() {
        if read.get(k).copied().unwrap_or(true) {
            k += 1;
            continue;
        }
        let condition = word_at(toks, k).and_then(|w| CONDITIONS.iter().find(|(said, _)| *said == w)).map(|(_, out)| (*out, 1));
        let free = free_of_at(toks, k).filter(|(_, used)| said_of_all(toks, k, *used)).or(condition);
        let (found, used) = match (free, allergen_at(toks, k)) {
            (Some((free, used)), _) => (Some(free), used),
            (None, Some((allergen, used))) => (ruled_out(toks, k).then_some(allergen), used),
            (None, None) => (None, 1),
        };
        let allergy = word_at(toks, k).is_some_and(|w| ALLERGY.contains(&w) || w == "allergens");
        // "snacks, vegan options please": what the food is to be, not a thing of its own.
        let diet_used = super::after::past_options(toks, k + 1) - k;
        let diet = word_at(toks, k).filter(|w| DIETS.contains(w) && (said_of_all(toks, k, 1) || diet_options(toks, k, diet_used)));
        // Ruled out by a word of its own ("No peanuts, not even traces"), not said of someone.
        let ruling = free.is_none() && found.is_some() && ruled_before(toks, k);
        let eaters = of_the_eaters(toks, k, ruling, found == Some("caffeine"));
        if let Some(allergen) = found.filter(|_| eaters) {
            said.allergen(None, allergen);
            mark(read, k, k + used);
        } else if let Some(diet) = diet.filter(|_| eaters) {
            said.diet(None, diet);
            mark(read, k, k + diet_used);
        } else if allergy || (word_at(toks, k) == Some("to") && k > 0 && read[k - 1] && word_at(toks, k - 1) == Some("allergic")) {
            mark(read, k, k + 1);
        }
        // "one guest is allergic", "someone has celiac": who has it.
        if allergy || condition.is_some() {
            let who = |a: &usize| {
                matches!(toks[*a], Tok::Num(_) | Tok::Break)
                    || allergen_at(toks, *a).is_some()
                    || word_at(toks, *a).is_some_and(|w| WHO.contains(&w) || BETWEEN.contains(&w))
            };
            let mut b = k;
            while let Some(a) = b.checked_sub(1).filter(who) {
                read[a] = true;
                b = a;
            }
        }
        k += used;
    }
}

/// The allergen a word the parser kept names ("peanuts", "nut-free", "tree nuts"), but not
/// caffeine: "energy drinks and sodas without caffeine" is the sodas' kind, not an allergy.
pub(super) fn allergen_of(word: &str) -> Option<&'static str> {
    let of = word.strip_suffix("-free").unwrap_or(word);
    let found = if of == "tree nuts" { Some("tree nuts") } else { named(of) };
    found.filter(|a| *a != "caffeine")
}
