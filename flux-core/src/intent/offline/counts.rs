//! Counts and occasions around items: head counts ("for 100 people", "team of 40", "for our 50
//! remote employees"), one per person ("for each of the 6 analysts"), one count for a list
//! ("25 of each"), and occasions ("for the coffee bar"), which name no item.

use super::tokens::Tok;
use super::words::{is_function_word, is_people, CONJUNCTIONS, DETERMINERS, GROUP_WORDS};
use crate::intent::phrases::PhraseTable;

pub(super) fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

/// Where the sentence that holds token `at` begins: after the last sentence end before it.
pub(super) fn sentence_start(toks: &[Tok], at: usize) -> usize {
    toks[..at.min(toks.len())].iter().rposition(|t| *t == Tok::Stop).map_or(0, |s| s + 1)
}

/// Words after a bare "for 30" that leave it a head count: "snacks for 30 by friday".
const AFTER_COUNT: &[&str] = &[
    "by", "asap", "please", "thanks", "today", "tomorrow", "tonight", "without", "except", "within", "before", "next", "this", "on",
    "under", "below",
];

/// Units of time: "a session of 90 minutes" counts no people.
const TIME_UNITS: &[&str] =
    &["minutes", "minute", "mins", "min", "hours", "hour", "hrs", "hr", "days", "day", "weeks", "week", "months", "years"];

/// "for 100 people", "100 attendees", "for the 30 new hires", "team of 40", "an offsite of 30"
/// starting at `i`:
/// returns (count, tokens used).
pub(super) fn headcount_at(toks: &[Tok], keys: &[Option<String>], i: usize) -> Option<(u64, usize)> {
    if let Some(found) = labelled_headcount_at(toks, i) {
        return Some(found);
    }
    if let Some(found) = people_then_count_at(toks, keys, i) {
        return Some(found);
    }
    let mut j = i;
    if word_at(toks, j) == Some("for") {
        j += 1;
        if matches!(word_at(toks, j), Some("the" | "our" | "all" | "my" | "your" | "their")) {
            j += 1;
        }
    }
    // "a 20-person retreat", "for our 40-strong team" (not "2 4-person tables": a kind of table)
    let led = j.checked_sub(1).and_then(|k| word_at(toks, k)).is_some_and(|w| w == "for" || DETERMINERS.contains(&w) || w == "our");
    if let Some(n) = word_at(toks, j).filter(|_| led).and_then(people_in_one_word) {
        return Some((n, j + 1 - i));
    }
    if let Some(Tok::Num(n)) = toks.get(j) {
        // "2 teams of 10": groups of people.
        let groups = word_at(toks, j + 1).is_some_and(|w| w.strip_suffix('s').is_some_and(|g| GROUP_WORDS.contains(&g)));
        if let (true, Some("of"), Some(Tok::Num(m))) = (groups, word_at(toks, j + 2), toks.get(j + 3)) {
            return Some((n.saturating_mul(*m), j + 4 - i));
        }
        // The people, after up to two words that describe them ("30 new hires", "50 remote
        // employees"), after "for" or heading a sentence ("5 new hires: a webcam each").
        let opens = i == 0 || toks[i - 1] == Tok::Stop;
        // ("we have 6 new hires": a word that only describes people)
        let described = |k: usize| (1..k).all(|d| word_at(toks, j + d).is_some_and(|w| PEOPLE_DESCRIBED.contains(&w)));
        for k in 1..=3 {
            let heads = |k: usize| j > i || k == 1 || toks.get(j + k + 1) == Some(&Tok::Colon) || described(k);
            match toks.get(j + k) {
                // "2 speakers and a mixer" are loudspeakers; "for our 12 speakers" are people, as
                // are speakers said of people elsewhere (their words name no thing: `people`).
                Some(Tok::Word(w)) if is_people(w) && heads(k) && (j > i || !super::people::names_a_thing(w, keys.get(j + k))) => {
                    let (more, used) = more_people(toks, j + k + 1);
                    return Some((n.saturating_add(more), j + k + 1 + used - i));
                }
                Some(Tok::Word(w)) if k < 3 && !CONJUNCTIONS.contains(&w.as_str()) && (j > i || opens || described(k + 1)) => {}
                _ => break,
            }
        }
        // "for 100" at the end of a clause, or before what joins or times it ("snacks for 30 and
        // drinks", "snacks for 30 by friday"), counts as a head count too.
        let then = word_at(toks, j + 1);
        let ends = toks.get(j + 1).is_none_or(Tok::is_break) || then.is_some_and(|w| CONJUNCTIONS.contains(&w) || AFTER_COUNT.contains(&w));
        if j > i && ends {
            return Some((*n, j + 1 - i));
        }
    }
    // "team of 40", "for a team of 12", "for an offsite of 30"
    let mut t = i;
    if word_at(toks, t) == Some("for") && word_at(toks, t + 1).is_some_and(|w| DETERMINERS.contains(&w)) {
        t += 2;
    }
    if word_at(toks, t).is_some_and(|w| GROUP_WORDS.contains(&w)) && word_at(toks, t + 1) == Some("of") {
        // "the class of 2025" names a year, not 2025 people; "a session of 90 minutes" a time.
        let timed = word_at(toks, t + 3).is_some_and(|w| TIME_UNITS.contains(&w));
        if let Some(Tok::Num(n)) = toks.get(t + 2).filter(|n| !matches!(n, Tok::Num(y) if is_year(*y)) && !timed) {
            return Some((*n, t + 3 - i));
        }
    }
    // "for the team (20)", "for everyone (12 people)": the group's size in brackets after it.
    let everyone = |w: &str| matches!(w, "everyone" | "everybody" | "all");
    if word_at(toks, i) == Some("for") && word_at(toks, i + 1).is_some_and(everyone) {
        t = i + 1;
    }
    // ("for the support team (8 people)": a word may say which group.)
    if word_at(toks, t).is_some_and(|w| !is_function_word(w)) && word_at(toks, t + 1).is_some_and(|w| GROUP_WORDS.contains(&w)) && t > i {
        t += 1;
    }
    let group = word_at(toks, t).is_some_and(|w| GROUP_WORDS.contains(&w) || everyone(w));
    if let (true, Some(Tok::Break), Some(Tok::Num(n))) = (group && t > i, toks.get(t + 1), toks.get(t + 2)) {
        // Closed as a bracket is ("the team, 48" is the drinks' count, not 48 people).
        let people = usize::from(word_at(toks, t + 3).is_some_and(is_people));
        if toks.get(t + 3 + people).is_some_and(Tok::is_break) {
            return Some((*n, t + 3 + people - i));
        }
    }
    None
}

/// "interns (12):", "attendees x 40:", "for the judges (4):": people heading a list, their count
/// said after them. Returns it and the tokens used, up to the colon.
fn people_then_count_at(toks: &[Tok], keys: &[Option<String>], i: usize) -> Option<(u64, usize)> {
    let opens = i == 0 || toks.get(i - 1).is_some_and(Tok::is_break);
    let mut p = i;
    if word_at(toks, p) == Some("for") {
        p += 1 + usize::from(word_at(toks, p + 1).is_some_and(|w| DETERMINERS.contains(&w)));
    }
    word_at(toks, p).filter(|w| opens && is_people(w) && !super::people::names_a_thing(w, keys.get(p)))?;
    let k = p + 1 + usize::from(toks.get(p + 1) == Some(&Tok::Break) || word_at(toks, p + 1) == Some("x"));
    let Some(Tok::Num(n)) = toks.get(k) else { return None };
    let end = k + 1 + usize::from(toks.get(k + 1) == Some(&Tok::Break));
    (toks.get(end) == Some(&Tok::Colon)).then_some((*n, end - i))
}

/// Words that describe people and nothing sold: "6 new hires", "40 remote employees".
const PEOPLE_DESCRIBED: &[&str] = &["new", "remote", "senior", "junior", "incoming", "summer", "visiting", "full-time", "part-time"];

/// Words that label a head count: "Headcount: 45", "attendance 120", "guests: 80".
const HEADCOUNT_LABELS: &[&str] = &["headcount", "attendance", "pax", "guests", "attendees", "participants", "people", "guest"];
/// Words between a head count's label and its count: "headcount is about 45".
const LABEL_TO_COUNT: &[&str] = &["is", "of", "about", "around", "roughly", "approx", "approximately", "expected", "~", "will", "be"];

/// "Headcount 45 (plus 5 staff)", "head count: 45", "Guests: 80", "attendance ~120": a head
/// count said after its label, with more people said after it. Returns it and the tokens used.
fn labelled_headcount_at(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    let opens = i == 0 || toks[i - 1].is_break();
    let mut j = match (word_at(toks, i), word_at(toks, i + 1)) {
        (Some("head"), Some("count")) => i + 2,
        (Some(w), _) if HEADCOUNT_LABELS.contains(&w) && (opens || w == "headcount") => i + 1,
        _ => return None,
    };
    let label = j;
    while toks.get(j) == Some(&Tok::Colon) || word_at(toks, j).is_some_and(|w| LABEL_TO_COUNT.contains(&w)) {
        j += 1;
    }
    // ("guests 80" is no label without a colon: "people 40" could be a list.)
    let Some(Tok::Num(n)) = toks.get(j).filter(|_| j > label || word_at(toks, i) != Some("people") && word_at(toks, i) != Some("guests"))
    else {
        return None;
    };
    j += 1 + usize::from(word_at(toks, j + 1).is_some_and(|w| is_people(w) || w == "people"));
    if !toks.get(j).is_none_or(Tok::is_break) {
        return None;
    }
    let (more, used) = more_people(toks, j);
    Some((n.saturating_add(more), j + used - i))
}

/// A head count said in one word: "20-person", "30-people", "40-strong".
fn people_in_one_word(w: &str) -> Option<u64> {
    let (n, unit) = w.split_once('-')?;
    let n: u64 = n.parse().ok().filter(|n| *n > 0)?;
    matches!(unit, "person" | "people" | "strong" | "member").then_some(n)
}

/// "…attendees, 15 sponsors and 12 speakers", "…attendees plus 20 staff": more people counted
/// after a head count, with it (speakers there are people, not loudspeakers). Returns their sum
/// and the tokens used.
fn more_people(toks: &[Tok], mut i: usize) -> (u64, usize) {
    let (start, mut sum) = (i, 0u64);
    loop {
        let mut j = i;
        while matches!(toks.get(j), Some(Tok::Break)) || word_at(toks, j).is_some_and(|w| matches!(w, "and" | "plus")) {
            j += 1;
        }
        // ("3 panelists and a moderator": one more, said in the singular; "and a speaker" may be
        // a loudspeaker.)
        let one = |w: &str| !super::people::BOTH.contains(&w) && is_people(&format!("{w}s"));
        let n = match toks.get(j).filter(|_| j > i) {
            Some(Tok::Num(n)) => *n,
            Some(Tok::Word(a)) if matches!(a.as_str(), "a" | "an") && (1..=2).any(|k| word_at(toks, j + k).is_some_and(one)) => 1,
            _ => break,
        };
        // The people, after at most one word that describes them ("15 keynote speakers"; never
        // "10 t-shirts for volunteers", nor "2 per person": a rate).
        let Some(k) = (1..=2).find(|k| word_at(toks, j + k).is_some_and(|w| is_people(w) || w == "sponsors" || (n == 1 && one(w)))) else {
            break;
        };
        if (1..k).any(|m| word_at(toks, j + m).is_none_or(is_function_word)) {
            break;
        }
        sum = sum.saturating_add(n);
        i = j + k + 1;
    }
    (sum, i - start)
}

/// "10 per table", "8 people per table", "8 to a table", "6 at each table": how many sit at a
/// table, which counts the tables for a head count (not a need for "table"). Returns (seats,
/// tokens used).
pub(super) fn seats_at(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    let Some(Tok::Num(n)) = toks.get(i).filter(|_| word_at(toks, i.saturating_sub(1)) != Some("x")) else { return None };
    let mut j = i + 1 + usize::from(word_at(toks, i + 1).is_some_and(|w| is_people(w) || w == "seats"));
    j += match (word_at(toks, j), word_at(toks, j + 1)) {
        (Some("per" | "a" | "each"), _) => 1,
        (Some("to" | "at"), Some("a" | "each")) => 2,
        _ => return None,
    };
    matches!(word_at(toks, j), Some("table" | "tables")).then_some((*n.max(&1), j + 1 - i))
}

/// The end of the clause part that starts at `i`: the next break or conjunction.
pub(super) fn part_end(toks: &[Tok], i: usize) -> usize {
    (i..toks.len()).find(|k| toks[*k].is_break() || word_at(toks, *k).is_some_and(|w| CONJUNCTIONS.contains(&w))).unwrap_or(toks.len())
}

/// "for each of the 6 analysts", "for each of our 30 new hires", "for every one of the 12
/// speakers", "each of our 8 desks needs", "8 people need": one of each item "a X" per person
/// (or thing).
/// Returns (count, tokens used).
pub(super) fn for_each_at(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    if let Some(found) = people_need_at(toks, i) {
        return Some(found);
    }
    // "for each of the 8 desks" ("at each of the 10 tables"), and "each of our 8 desks needs ..."
    // opening a sentence
    let opens = i == 0 || toks[i - 1].is_break();
    // ("at each of the 10 tables" after a count, "a power strip", "2 cables", or opening what
    // each gets; "snacks at each of the 3 stations" leaves the snacks to the head count.)
    let counted_before = (i.saturating_sub(4)..i).any(|k| matches!(toks[k], Tok::Num(_)) || matches!(word_at(toks, k), Some("a" | "an")));
    let mut j = match word_at(toks, i) {
        Some("for") => i + 1,
        Some("at" | "in" | "on" | "to") if counted_before || opens => i + 1,
        Some("each") if opens => i,
        _ => return None,
    };
    match (word_at(toks, j), word_at(toks, j + 1), word_at(toks, j + 2)) {
        (Some("each"), Some("of"), _) => j += 2,
        (Some("every"), Some("one"), Some("of")) => j += 3,
        _ => return None,
    }
    if word_at(toks, j).is_some_and(|w| DETERMINERS.contains(&w)) {
        j += 1;
    }
    let Some(Tok::Num(n)) = toks.get(j) else { return None };
    if word_at(toks, i) != Some("each") {
        return Some((*n, part_end(toks, j) - i));
    }
    // "each of our 8 desks needs ...": the things (at most three words), then what each gets.
    let verb =
        (j + 1..(j + 5).min(toks.len())).find(|k| word_at(toks, *k).is_some_and(|w| matches!(w, "needs" | "need" | "gets" | "get")))?;
    Some((*n, verb + 1 - i))
}

/// "8 people need headphones", "our 12 new hires each need a webcam" (opening a sentence):
/// the people, then what each of them gets. Returns (count, tokens used).
fn people_need_at(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    let Some(Tok::Num(n)) = toks.get(i) else { return None };
    let opens = |k: usize| k == 0 || toks[k - 1].is_break();
    if !(opens(i) || (matches!(word_at(toks, i - 1), Some("our" | "the" | "all")) && opens(i - 1))) {
        return None;
    }
    // The people, after at most two words that describe them ("12 new hires").
    let people = (i + 1..=i + 3)
        .take_while(|k| word_at(toks, *k).is_some_and(|w| !is_function_word(w)))
        .find(|k| word_at(toks, *k).is_some_and(is_people))?;
    let mut verb = people + 1;
    while matches!(word_at(toks, verb), Some("each" | "all" | "will" | "would")) {
        verb += 1;
    }
    matches!(word_at(toks, verb), Some("need" | "needs" | "get")).then_some((*n, verb + 1 - i))
}

/// Which items a count for a whole list is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Each {
    /// The list before it: "hoodies and beanies, 25 of each".
    Before,
    /// The list after it: "5 of each: mugs, hoodies", "5 each of mugs and hoodies".
    After,
    /// "2 each" closing its clause after the list (or before "for" its people): of every item
    /// before it, but a count each of the people it follows ("snacks for 30 people, 2 each") or
    /// of one item said alone ("energy drinks, 2 each, 15 hackers").
    Trailing,
}

/// "25 of each", "25 each", "5 of each:", "5 each of": one count for every item of the list
/// before it or, said before a colon or "of", after it ("2 each" may count each person instead:
/// [`Each::Trailing`]). Returns (count, which, tokens used).
pub(super) fn of_each_at(toks: &[Tok], i: usize) -> Option<(u64, Each, usize)> {
    let Some(Tok::Num(n)) = toks.get(i) else { return None };
    match (word_at(toks, i + 1), word_at(toks, i + 2), word_at(toks, i + 3)) {
        // "t-shirts and hoodies, 20 of each of them"; "5 of each of the following:"
        (Some("of"), Some("each"), Some("of")) => match word_at(toks, i + 4) {
            // "of them" looks back; "of these:" and "of these mugs and hoodies" forward.
            Some("them") => Some((*n, Each::Before, 5)),
            Some("these" | "those") if toks.get(i + 5).is_none_or(|t| t.is_break() && *t != Tok::Colon) => Some((*n, Each::Before, 5)),
            Some("these" | "those") => Some((*n, Each::After, 5)),
            Some("the") if word_at(toks, i + 5) == Some("following") => Some((*n, Each::After, 6)),
            _ => Some((*n, Each::After, 4)),
        },
        (Some("of"), Some("each"), _) if toks.get(i + 3) == Some(&Tok::Colon) => Some((*n, Each::After, 4)),
        (Some("of"), Some("each"), _) => Some((*n, Each::Before, 3)),
        (Some("each"), Some("of"), _) => Some((*n, Each::After, 3)),
        (Some("each"), _, _) if toks.get(i + 2) == Some(&Tok::Colon) => Some((*n, Each::After, 3)),
        (Some("each"), _, _) if toks.get(i + 2).is_none_or(Tok::is_break) => Some((*n, Each::Trailing, 2)),
        (Some("each"), Some("for"), _) => Some((*n, Each::Trailing, 2)),
        _ => None,
    }
}

/// Words that make the desk or table after them a place, not a thing to buy: "for the front
/// desk", "for the registration table".
const STATION_WORDS: &[&str] = &[
    "front",
    "reception",
    "registration",
    "check-in",
    "checkin",
    "welcome",
    "info",
    "information",
    "help",
    "sign-in",
    "merch",
    "prize",
    "head",
    "kids",
    "vendor",
    "sponsor",
    "demo",
    "judges",
    "judging",
    "host",
    "hosts",
];

/// "for the coffee bar", "for our LAN party", "for a climbing gym opening", "for the front desk":
/// what the items are for, up to the next break or conjunction, names no item — unless it is a
/// head count ("for the 100 attendees", "for a team of 12") or it ends in an item ("for the
/// party snacks") that no station word makes a place. Returns the tokens used.
pub(super) fn occasion_at(toks: &[Tok], keys: &[Option<String>], table: &PhraseTable, i: usize) -> Option<usize> {
    let at = matches!(word_at(toks, i), Some("at" | "by" | "near"));
    if !(at || word_at(toks, i) == Some("for")) || !word_at(toks, i + 1).is_some_and(|w| DETERMINERS.contains(&w)) {
        return None;
    }
    let end = part_end(toks, i + 1);
    // "for the front desk", "at the registration table (for 100)": a station word and one word.
    let station = word_at(toks, i + 2).is_some_and(|w| STATION_WORDS.contains(&w))
        && matches!(toks.get(i + 3), Some(Tok::Word(_)))
        && (end == i + 4 || word_at(toks, i + 4) == Some("for"));
    if station || at {
        return station.then_some(4);
    }
    // "for the Power BI workshop of 25": the occasion's name up to its head count, which is
    // read next ("for a team of 12" has no name). A head count of its own after a "for" leaves
    // what comes before it an item: "the best chairs for 50 people".
    if let Some(k) = (i..end).find(|k| headcount_at(toks, keys, *k).is_some()) {
        return (k > i + 2 && word_at(toks, k) != Some("for")).then_some(k - i);
    }
    // "looking for a projector for the office": an item, then what it is for — no occasion.
    // ("For the printer for the office: toner and paper" heads a list: an occasion still.)
    let purpose = (i + 2..end).find(|k| word_at(toks, *k) == Some("for"));
    if toks.get(end) != Some(&Tok::Colon) && purpose.is_some_and(|p| ends_in_item(keys, table, i + 2, p)) {
        return None;
    }
    (!ends_in_item(keys, table, i + 2, end)).then_some(end - i)
}

/// Words that name an occasion with the occasion noun after them, though they name things
/// alone: a "networking event" buys no network switch, a "power lunch" no power strip.
const OCCASION_MODIFIERS: &[&str] = &["networking", "power", "trivia", "movie", "game", "karaoke"];

/// Names of occasions made of words that name things: "Super Bowl" is no bowl.
const OCCASION_NAMES: &[[&str; 2]] = &[["super", "bowl"], ["world", "cup"], ["happy", "hour"]];

/// Nouns of an occasion after such a word.
const OCCASION_NOUNS: &[&str] = &[
    "event",
    "events",
    "mixer",
    "night",
    "reception",
    "session",
    "lunch",
    "breakfast",
    "dinner",
    "brunch",
    "party",
    "social",
    "meetup",
    "happy",
    "hour",
];

/// "networking event", "power lunch", "Super Bowl party", "happy hour": an occasion named with
/// words that also name things, which are no item. The occasion noun is left to a head count
/// that starts with it ("a networking event of 50"). Returns the tokens used.
pub(super) fn occasion_name_at(toks: &[Tok], keys: &[Option<String>], i: usize) -> Option<usize> {
    let named = OCCASION_NAMES.iter().any(|[a, b]| word_at(toks, i) == Some(a) && word_at(toks, i + 1) == Some(b));
    let modifier = word_at(toks, i).is_some_and(|w| OCCASION_MODIFIERS.contains(&w));
    let mut used = match (named, modifier && word_at(toks, i + 1).is_some_and(|w| OCCASION_NOUNS.contains(&w))) {
        // "a happy hour of 50": the head count starts at the name's last word.
        (true, _) if headcount_at(toks, keys, i + 1).is_some() => 1,
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => return None,
    };
    // "... party", "... happy hour": the occasion's own nouns, unless a head count starts there.
    while word_at(toks, i + used).is_some_and(|w| OCCASION_NOUNS.contains(&w)) && headcount_at(toks, keys, i + used).is_none() {
        used += 1;
    }
    Some(used)
}

/// Whether an item phrase ends exactly at `end`, reading phrases from `from`.
pub(super) fn ends_in_item(keys: &[Option<String>], table: &PhraseTable, from: usize, end: usize) -> bool {
    let mut k = from;
    while k < end {
        match table.longest_at(keys, k) {
            Some(p) if k + p.keys.len() == end && !p.weak => return true,
            Some(p) => k += p.keys.len(),
            None => k += 1,
        }
    }
    false
}

/// Whether `n` reads as a year ("the 2024 offsite"), which is no count after an item or in a
/// line that heads a list.
pub(super) fn is_year(n: u64) -> bool {
    (1900..=2100).contains(&n)
}
