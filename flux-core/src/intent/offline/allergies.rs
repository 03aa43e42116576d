//! Allergies and diets said for the whole request, in words of their own rather than right after
//! an item: "No peanuts.", "Everything must be nut-free!", "Someone has a peanut allergy.", "one
//! of us is allergic to dairy", "two people are lactose intolerant". Every item eaten or drunk
//! ([`CategoryDef::edible`](crate::intent::CategoryDef::edible)) rules it out, as "snacks, no
//! peanuts" rules it out of the snacks.

use super::counts::word_at;
use super::tokens::Tok;
use super::Mention;
use crate::intent::Vocabulary;
use crate::terms::terms;

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
    ("caffeine", "caffeine"),
];

/// Words that say an allergy after what it names: "a peanut allergy", "lactose intolerant".
const ALLERGY: &[&str] = &["allergy", "allergies", "allergic", "intolerance", "intolerant", "sensitivity"];

/// Words before what is named that rule it out: "no peanuts", "nothing with nuts", "allergic to
/// dairy", "avoid gluten".
const RULING_OUT: &[&str] = &["no", "without", "avoid", "avoiding", "nothing", "zero", "allergic", "excluding"];

/// Words that may stand between them: "no dairy or gluten", "nothing with any nuts", "allergic to
/// tree nuts".
const BETWEEN: &[&str] = &["with", "containing", "contains", "any", "to", "or", "and", "nor", "tree", "of"];

/// Conditions that are an allergy in one word: "someone has celiac".
const CONDITIONS: &[(&str, &str)] = &[("celiac", "gluten"), ("coeliac", "gluten")];

/// Who has an allergy, said before it: "one guest is allergic", "two of us have a severe nut
/// allergy" — read with it, so that no count there is reported unread.
const WHO: &[&str] = &[
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

/// What is ruled out, named at `k`: the allergen, and the words it took ("tree nuts").
fn allergen_at(toks: &[Tok], k: usize) -> Option<(&'static str, usize)> {
    let w = word_at(toks, k)?;
    if w == "tree" && matches!(word_at(toks, k + 1), Some("nut" | "nuts")) {
        return Some(("tree nuts", 2));
    }
    ALLERGENS.iter().find(|(said, _)| *said == w).map(|(_, out)| (*out, 1))
}

/// What is said free at `k`: "nut-free", "dairy free", "gluten-free" — the allergen, and the
/// words it took.
fn free_of_at(toks: &[Tok], k: usize) -> Option<(&'static str, usize)> {
    let w = word_at(toks, k)?;
    match w.strip_suffix("-free").or_else(|| w.strip_suffix("free")).filter(|of| !of.is_empty()) {
        Some(of) => ALLERGENS.iter().find(|(said, _)| *said == of).map(|(_, out)| (*out, 1)),
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
/// peanuts, gluten", "a nut and dairy allergy" — not items to buy ("nuts" is one), so the parser
/// passes over them and [`apply`] reads them.
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
    (n > 0 && word_at(toks, k + n).is_some_and(|w| ALLERGY.contains(&w))).then_some(n + 1)
}

/// Whether the allergen at `k` is ruled out by what is said around it, in its sentence: a word
/// that rules out before it (across [`BETWEEN`], the allergens joined to it and a heading's colon:
/// "allergies: peanuts, gluten"), or a word of allergy after the allergens joined to it.
fn ruled_out(toks: &[Tok], k: usize) -> bool {
    let mut after = k;
    while let Some((_, used)) = allergen_at(toks, after) {
        after += used;
        after += joint_at(toks, after).filter(|j| allergen_at(toks, after + j).is_some()).unwrap_or(0);
    }
    if word_at(toks, after).is_some_and(|w| ALLERGY.contains(&w)) {
        return true;
    }
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

/// Diets: what every item eaten or drunk must be, when it is said of one of them or on its own
/// ("cookies and chips for 30, vegan", "We're vegan."), and what the ranking requires of offers.
pub(crate) const DIETS: &[&str] = &["vegan", "vegetarian", "kosher", "halal"];

/// What the request says of allergies and diets, which every item eaten or drunk shares.
#[derive(Default)]
pub(super) struct Said {
    allergens: Vec<&'static str>,
    diets: Vec<&'static str>,
}

impl Said {
    fn allergen(&mut self, allergen: &'static str) {
        if !self.allergens.contains(&allergen) {
            self.allergens.push(allergen);
        }
    }

    fn diet(&mut self, word: &str) {
        if let Some(diet) = DIETS.iter().find(|d| **d == word).filter(|d| !self.diets.contains(d)) {
            self.diets.push(diet);
        }
    }
}

/// The allergen a word the parser kept names ("peanuts", "nut-free", "tree nuts"), but not
/// caffeine: "energy drinks and sodas without caffeine" is the sodas' kind, not an allergy.
fn allergen_of(word: &str) -> Option<&'static str> {
    let of = word.strip_suffix("-free").unwrap_or(word);
    let found = if of == "tree nuts" { Some("tree nuts") } else { ALLERGENS.iter().find(|(said, _)| *said == of).map(|(_, out)| *out) };
    found.filter(|a| *a != "caffeine")
}

/// What the items asked for say of allergies and diets: an allergen ruled out of one ("cookies
/// and candy, no peanuts": said after the candy), a freedom of one ("nut-free snacks for the
/// kids: cookies, candy" — the heading's, read before headings are dropped), a diet ("cookies
/// and chips, vegan"). An allergy is the eaters', so every edible item shares it.
pub(super) fn said_with_items(mentions: &[Mention], vocab: &Vocabulary) -> Said {
    let mut said = Said::default();
    for m in mentions.iter().filter(|m| edible(m, vocab)) {
        m.excluding
            .iter()
            .chain(m.attributes.iter().filter(|a| a.ends_with("-free")))
            .filter_map(|w| allergen_of(w))
            .for_each(|a| said.allergen(a));
        m.attributes.iter().for_each(|a| said.diet(a));
    }
    said
}

fn edible(m: &Mention, vocab: &Vocabulary) -> bool {
    vocab.categories().get(m.category).is_some_and(|d| d.edible)
}

/// Applies to every edible item what the items `said` and what an allergy or a diet said on its
/// own names: words no other rule `read` (which are then read, with who has the allergy), in a
/// sentence that rules them out. An item that is the allergen itself ("mixed nuts") keeps it.
pub(super) fn apply(toks: &[Tok], read: &mut [bool], mentions: &mut [Mention], vocab: &Vocabulary, mut said: Said) {
    let mut k = 0;
    while k < toks.len() {
        if read.get(k).copied().unwrap_or(true) {
            k += 1;
            continue;
        }
        let condition = word_at(toks, k).and_then(|w| CONDITIONS.iter().find(|(said, _)| *said == w)).map(|(_, out)| (*out, 1));
        let (found, used) = match (free_of_at(toks, k).or(condition), allergen_at(toks, k)) {
            (Some((free, used)), _) => (Some(free), used),
            (None, Some((allergen, used))) => (ruled_out(toks, k).then_some(allergen), used),
            (None, None) => (None, 1),
        };
        let allergy = word_at(toks, k).is_some_and(|w| ALLERGY.contains(&w) || w == "allergens");
        let diet = word_at(toks, k).filter(|w| DIETS.contains(w));
        if let Some(allergen) = found {
            said.allergen(allergen);
            mark(read, k, k + used);
        } else if let Some(diet) = diet {
            said.diet(diet);
            mark(read, k, k + 1);
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
    for m in mentions.iter_mut().filter(|m| edible(m, vocab)) {
        let named = terms(&m.item);
        for allergen in &said.allergens {
            let own = terms(allergen).iter().any(|t| named.contains(t));
            if !own && !m.excluding.iter().any(|e| e == allergen) {
                m.excluding.push((*allergen).to_owned());
            }
        }
        for diet in &said.diets {
            if !m.attributes.iter().any(|a| a == diet) {
                m.attributes.push((*diet).to_owned());
            }
        }
    }
}
