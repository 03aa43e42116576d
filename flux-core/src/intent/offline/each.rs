//! Counts per a thing the catalog does not sell, counted elsewhere in the prompt: "one webcam per
//! conference room, 5 rooms", "We have 5 conference rooms. Each room needs a webcam and an HDMI
//! cable.", "a sanitizer stand for each entrance (3 entrances)", "3 teams of 4. Each team needs a
//! whiteboard." Each bought one: the rate's count was looked for only among the items. Per
//! person ("Every attendee gets a lanyard. 120 attendees.") the head count multiplies it.

use super::counts::word_at;
use super::lists::per_person;
use super::quantities::is_time;
use super::tokens::Tok;
use super::words::{is_attribute, is_function_word, is_people, CONTAINER_WORDS};
use super::Mention;
use crate::intent::Vocabulary;
use crate::terms::terms;

/// Words after "each room" that give it what follows: "each room needs a webcam", "every
/// attendee gets a lanyard", "each team should have a whiteboard".
const GIVEN: &[&str] = &["needs", "need", "gets", "get", "receives", "requires", "has", "have", "should", "will", "must", "is", "gotta"];

/// Words that start another request after what each gets: "we", "need", "also".
const ANOTHER_REQUEST: &[&str] =
    &["we", "i", "they", "you", "need", "needs", "want", "wants", "also", "separately", "additionally", "order"];

/// Most words of what each is: "each conference room".
const MAX_NOUN_WORDS: usize = 2;

/// The noun of "each room" / "every conference room" at `k` (the word "each" or "every"): its
/// last word, and the index after it. Not "each of", "each with", a count ("each 2"), "each" alone.
pub(super) fn each_noun_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    matches!(word_at(toks, k), Some("each" | "every")).then(|| noun_after(toks, k, |w| GIVEN.contains(&w))).flatten()
}

/// "a charger for everyone's phone", "a mug for everybody's desk": one for each person, for a
/// thing each of them has (not "a projector for everyone's presentations", "a trash can for
/// everyone's use": one they share). Returns "person" and the tokens used.
pub(super) fn everyones_at(toks: &[Tok], i: usize) -> Option<(String, usize)> {
    let everyones = word_at(toks, i + 1).is_some_and(|w| matches!(w, "everyone's" | "everybody's" | "everyones" | "everybodys"));
    if word_at(toks, i) != Some("for") || !everyones {
        return None;
    }
    let (noun, end) = noun_after(toks, i + 1, |w| GIVEN.contains(&w))?;
    OWNED.contains(&noun.as_str()).then(|| ("person".to_owned(), end - i))
}

/// Things each person has one of: "for everyone's desk".
const OWNED: &[&str] = &[
    "desk",
    "desks",
    "phone",
    "phones",
    "laptop",
    "laptops",
    "computer",
    "computers",
    "bag",
    "bags",
    "backpack",
    "backpacks",
    "home",
    "homes",
    "car",
    "cars",
    "monitor",
    "monitors",
    "badge",
    "badges",
    "workstation",
    "workstations",
    "keys",
];

/// Clears the phrase keys of what "each X" names when a word of giving follows it: in "Each
/// table gets a tablecloth; 15 tables" the table is what the tablecloth is for, not a table to
/// rent (it rented one).
pub(super) fn take_recipients(toks: &[Tok], keys: &mut [Option<String>]) {
    for k in 0..toks.len() {
        if let Some((_, end)) = each_noun_at(toks, k).filter(|(_, end)| word_at(toks, *end).is_some_and(|w| GIVEN.contains(&w))) {
            keys.iter_mut().take(end).skip(k + 1).for_each(|key| *key = None);
        }
    }
}

/// The noun of at most [`MAX_NOUN_WORDS`] words right after `k`, none a function word or
/// `stops`: its last word, and the index after it.
fn noun_after(toks: &[Tok], k: usize, stops: impl Fn(&str) -> bool) -> Option<(String, usize)> {
    let noun = |j: usize| word_at(toks, j).filter(|w| !is_function_word(w) && !stops(w));
    let end = (k + 1..=k + MAX_NOUN_WORDS).take_while(|&j| noun(j).is_some()).last()? + 1;
    Some((noun(end - 1)?.to_owned(), end))
}

/// "Per attendee: 1 lanyard, 1 badge", "Per table: 2 power strips": a heading that gives its list
/// to each X. Returns X's last word and the colon's position.
pub(super) fn per_heading_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    if word_at(toks, k) != Some("per") {
        return None;
    }
    noun_after(toks, k, |_| false).filter(|(_, end)| toks.get(*end) == Some(&Tok::Colon))
}

/// "8 meeting rooms, each needs 2 HDMI cables", "3 rooms, each with a projector": "each" right
/// after a counted thing, then a word of giving or "with". Returns the thing's last word and
/// where what each gets starts.
fn each_of_counted_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    let gives = word_at(toks, k + 1).is_some_and(|w| GIVEN.contains(&w) || w == "with");
    if word_at(toks, k) != Some("each") || !gives || k < 3 || toks[k - 1] != Tok::Break {
        return None;
    }
    // ("10 onboarding kits, each with ...": a kit holds them; see `bundles`.)
    let noun = word_at(toks, k - 2).filter(|w| !is_function_word(w) && !super::bundles::kit_noun_at(toks, k - 2))?;
    let counted =
        (k.saturating_sub(2 + MAX_NOUN_WORDS)..k - 2).rev().take_while(|&j| !toks[j].is_break()).any(|j| matches!(toks[j], Tok::Num(_)));
    counted.then(|| (noun.to_owned(), k + 1))
}

/// "We have 6 new hires. Each needs a monitor", "5 rooms; each needs a webcam": "each" alone
/// before a word of giving stands for the last thing counted before it (the people, when they
/// are named); "everyone gets a hoodie" for each person. Returns that thing's last word and
/// where what each gets starts.
fn each_alone_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    // (Not "our 12 new hires each need a webcam": the people's own, counted with them.)
    let opens = k.checked_sub(1).is_some_and(|b| toks[b].is_break());
    let gives = word_at(toks, k + 1).is_some_and(|w| GIVEN.contains(&w));
    match word_at(toks, k) {
        // "everyone gets a hoodie, 30 people": each person
        Some("everyone" | "everybody") if gives => return Some(("person".to_owned(), k + 1)),
        Some("each") if gives && opens => {}
        _ => return None,
    }
    let count = (0..k).rev().find(|&j| matches!(toks[j], Tok::Num(_)))?;
    Some((counted_noun(toks, count)?, k + 1))
}

/// What the count at `count` counts: the people among the words after it, else their last word
/// ("6 new hires": "hires"; "5 conference rooms": "rooms").
fn counted_noun(toks: &[Tok], count: usize) -> Option<String> {
    let words: Vec<&str> =
        (count + 1..=count + 1 + MAX_NOUN_WORDS).map_while(|w| word_at(toks, w)).take_while(|w| !is_function_word(w)).collect();
    words.iter().find(|w| is_people(w)).or(words.last()).map(|w| (*w).to_owned())
}

/// "5 tables, a tablecloth for each": "for each" closing its clause after an item is per the last
/// thing counted before the item's part (after a comma or "and"; not "2 tablecloths for each",
/// the item's own count). Returns that thing's last word and the tokens used.
pub(super) fn for_each_alone_at(toks: &[Tok], i: usize) -> Option<(String, usize)> {
    if word_at(toks, i) != Some("for") || word_at(toks, i + 1) != Some("each") || !toks.get(i + 2).is_none_or(Tok::is_break) {
        return None;
    }
    let part = (0..i).rev().find(|&j| toks[j].is_break() || word_at(toks, j) == Some("and"))?;
    let count = (0..part).rev().find(|&j| matches!(toks[j], Tok::Num(_)))?;
    Some((counted_noun(toks, count)?, 2))
}

/// "Each room needs a webcam and an HDMI cable": the items said after "each X" and a word of
/// giving, in that sentence up to another request, are per X, whatever their count ("each room
/// needs 2 chairs").
pub(super) fn given_to_each(toks: &[Tok], sentence: &[usize], mentions: &mut [Mention]) {
    for (k, &said_in) in sentence.iter().enumerate() {
        // "every speaker (6 total) gets a lav mic": how many, said in passing.
        let mut counted = None;
        let mut giving = |(_, end): &(String, usize)| {
            let (n, at) = counted_in_passing(toks, *end).map_or((None, *end), |(n, at)| (Some(n), at));
            counted = n;
            word_at(toks, at).is_some_and(|w| GIVEN.contains(&w))
        };
        let Some((noun, end)) = each_noun_at(toks, k)
            .filter(&mut giving)
            .or_else(|| each_of_counted_at(toks, k))
            .or_else(|| per_heading_at(toks, k))
            .or_else(|| each_alone_at(toks, k))
        else {
            continue;
        };
        // Up to a word that starts another request: "Every attendee gets a lanyard, and we need
        // 2 projectors" gives no projector to each.
        let stop =
            (end + 1..toks.len()).find(|&j| sentence[j] != said_in || word_at(toks, j).is_some_and(|w| ANOTHER_REQUEST.contains(&w)));
        let given = |m: &&mut Mention| m.pos > end && stop.is_none_or(|s| m.pos < s) && m.rate.is_none() && m.local_headcount.is_none();
        for m in mentions.iter_mut().filter(given) {
            match counted {
                Some(n) => m.quantity = Some(m.quantity.unwrap_or(1).saturating_mul(n)),
                None => m.rate = Some(noun.clone()),
            }
        }
    }
}

/// A count in parentheses at `at`: "(6 total)", "(12)", "(3 of them)". Returns it and where what
/// follows starts.
fn counted_in_passing(toks: &[Tok], at: usize) -> Option<(u64, usize)> {
    let (Some(Tok::Break), Some(Tok::Num(n))) = (toks.get(at), toks.get(at + 1)) else { return None };
    let mut k = at + 2;
    while matches!(word_at(toks, k), Some("total" | "in" | "of" | "them" | "people")) {
        k += 1;
    }
    (toks.get(k) == Some(&Tok::Break)).then_some((*n, k + 1))
}

/// Multiplies each mention's rate per a thing that is no item ("per room") by that thing's count
/// said in the prompt ("5 rooms", "5 conference rooms", "(3 entrances)"), the first one said;
/// marks its words read. A rate per person is left to the head count.
pub(super) fn count_per(toks: &[Tok], read: &mut [bool], mentions: &mut [Mention], vocab: &Vocabulary) {
    for m in mentions.iter_mut() {
        // (Not "10 waters per day": a time.)
        let Some(noun) = m.rate.clone().filter(|n| !n.is_empty() && !per_person(n) && !is_time(n)) else { continue };
        // Uncounted, a thing not eaten is one each ("5 tables. tablecloths for each table"),
        // unless a count follows in its sentence ("chairs for each table (6 per table)"); of
        // "snacks for each team" the per-person estimate stands.
        let counted_after = toks.iter().skip(m.end).take_while(|t| **t != Tok::Stop).any(|t| matches!(t, Tok::Num(_)));
        let one_each = m.quantity.is_none() && !counted_after && !super::diet::edible(m, vocab);
        if m.quantity.is_none() && !one_each {
            continue;
        }
        let counted = (0..toks.len()).find_map(|j| {
            let Tok::Num(n) = toks[j] else { return None };
            // (Not the rate's own "per 2 rooms": how many share one.)
            if j.checked_sub(1).and_then(|p| word_at(toks, p)).is_some_and(|w| matches!(w, "per" | "every" | "each")) {
                return None;
            }
            // ("2 drinks per team" is the item's count: "per" is no word of a noun.)
            let last = (j + 1..=j + 1 + MAX_NOUN_WORDS)
                .take_while(|&w| word_at(toks, w).is_some_and(|w| !is_function_word(w)))
                .find(|&w| word_at(toks, w).is_some_and(|w| is_per(&noun, w)))?;
            Some((n, j, last + 1))
        });
        if let Some((n, from, to)) = counted {
            if one_each {
                m.quantity = Some(1);
            }
            counted_by(m, n);
            let to = to.min(read.len());
            read[from..to].iter_mut().for_each(|r| *r = true);
        }
    }
}

/// Whether `m` is said as a sentence of its own, its count and its words alone ("Per table: 2
/// power strips. 12 tables."): what a rate said in another sentence is per.
pub(super) fn said_alone(toks: &[Tok], m: &Mention) -> bool {
    let at = m.pos.min(toks.len());
    let start = toks[..at].iter().rposition(|t| *t == Tok::Stop).map_or(0, |s| s + 1);
    let end = toks[at..].iter().position(|t| *t == Tok::Stop).map_or(toks.len(), |n| at + n);
    (start..end).all(|j| (m.pos..m.end).contains(&j) || matches!(toks[j], Tok::Num(_) | Tok::Break))
}

/// Groups a rate can be per, with their size: "per team of 4".
const GROUPS: &[&str] = &["team", "group", "crew", "squad", "table", "pod"];

/// Whether a rate per so many `noun` is per a group of people ("per team of 4", "per table of
/// 8"), not per so many things ("per 2 tables").
pub(super) fn per_group(noun: &str) -> bool {
    GROUPS.contains(&noun)
}

/// How many of what a rate is per share one, once they are counted: `every` of things ("1 router
/// per 3 rooms, 9 rooms" is one for every three); a group of people is one ("a whiteboard per
/// team of 4, 10 teams" is one a team).
fn sharing(noun: &str, every: u64) -> u64 {
    if per_group(noun) {
        1
    } else {
        every.max(1)
    }
}

/// Counts `m`'s rate by the `n` of what it is per ("2 stools per table, 10 tables": 20; "1
/// extension cord per 2 tables, 10 tables": 5, one for every two, rounded up): the rate is spent.
pub(super) fn counted_by(m: &mut Mention, n: u64) {
    let share = m.rate.as_deref().map_or(1, |noun| sharing(noun, m.every));
    m.quantity = Some(m.quantity.unwrap_or(1).saturating_mul(n).div_ceil(share));
    (m.rate, m.every) = (None, 1);
}

/// Right after an item, a times sign before a count of people or of things: "6 energy drinks x 4
/// people", "3 monitors x 4 desks" are so many each (a rate per person, whose head count follows,
/// or per the things, whose count counts it). Returns it as [`per_many_at`] does.
pub(super) fn times_each_at(toks: &[Tok], i: usize) -> Option<(String, u64, usize)> {
    if word_at(toks, i) != Some("x") || !matches!(toks.get(i + 1), Some(Tok::Num(_))) {
        return None;
    }
    if word_at(toks, i + 2).is_some_and(is_people) {
        return Some(("person".into(), 1, 1));
    }
    // (Not "x 2 cases": packages; nor "x 3 days": a time; nor "x 2 colors", "x 40 blue": what
    // the items come in.)
    let noun = |k: usize| {
        word_at(toks, k).filter(|w| {
            !is_function_word(w) && !CONTAINER_WORDS.contains(w) && !is_time(w) && !is_attribute(w) && !super::after::KINDS.contains(w)
        })
    };
    let ends = |k: usize| toks.get(k).is_none_or(Tok::is_break) || word_at(toks, k).is_some_and(is_function_word);
    let first = noun(i + 2)?;
    // The things and their count are read with the rate, which they count (`count_per`).
    match noun(i + 3) {
        None if ends(i + 3) => Some((first.to_owned(), 1, 3)),
        Some(second) if ends(i + 4) => Some((second.to_owned(), 1, 4)),
        _ => None,
    }
}

/// Before an item's count, people and a times sign: "4 people x 6 energy drinks" is 6 each, as
/// "6 energy drinks x 4 people" is. `start` is where the item's words start, its count right
/// before them. Returns it as [`per_many_at`] does (no token after the item is used).
pub(super) fn people_times_before(toks: &[Tok], start: usize) -> Option<(String, u64, usize)> {
    let at = |back: usize| start.checked_sub(back).and_then(|k| toks.get(k));
    let counted = matches!(at(1), Some(Tok::Num(_))) && matches!(at(4), Some(Tok::Num(_)));
    let word = |back: usize| start.checked_sub(back).and_then(|k| word_at(toks, k));
    (counted && word(2) == Some("x") && word(3).is_some_and(is_people)).then(|| ("person".to_owned(), 1, 0))
}

/// Right after an item, a rate per so many people: "per 4 hackers", "for every 20 guests",
/// "every 5 people", "per team of 4". Returns what it is per ("person", or the group), how many
/// share one, and the tokens used. The head count divided by that many multiplies it (a count of
/// the groups said elsewhere does instead: "per team of 4, 10 teams"). Per so many things ("per
/// 2 tables") the count of the things said elsewhere does ([`per_group`]).
pub(super) fn per_many_at(toks: &[Tok], i: usize) -> Option<(String, u64, usize)> {
    let people = |k: usize| word_at(toks, k).is_some_and(|w| is_people(w) || matches!(w, "person" | "persons" | "heads"));
    let num = |k: usize| match toks.get(k) {
        Some(Tok::Num(n)) if *n > 1 => Some(*n),
        _ => None,
    };
    let at = match (word_at(toks, i), word_at(toks, i + 1)) {
        (Some("for"), Some("every" | "each")) | (Some("per"), Some("every")) => i + 2,
        (Some("per" | "every"), _) => i + 1,
        _ => return None,
    };
    if let (Some(n), true) = (num(at), people(at + 1)) {
        return Some(("person".to_owned(), n, at + 2 - i));
    }
    // "1 extension cord per 2 tables": one for every two of a thing, counted where it is said.
    if let (Some(n), Some(thing)) = (num(at), word_at(toks, at + 1).filter(|w| !is_function_word(w) && !is_time(w))) {
        return Some((thing.to_owned(), n, at + 2 - i));
    }
    // "per team of 4 (people)"
    let group = word_at(toks, at).filter(|w| GROUPS.contains(w) && word_at(toks, at + 1) == Some("of"))?;
    let n = num(at + 2)?;
    Some((group.to_owned(), n, at + 3 + usize::from(people(at + 3)) - i))
}

/// Whether a rate "per `noun`" is per `item`: "per table" of "tables" and of "round tables".
pub(super) fn is_per(noun: &str, item: &str) -> bool {
    let (noun, item) = (terms(noun), terms(item));
    !noun.is_empty() && (noun == item || (noun.len() == 1 && item.last() == noun.first()))
}
