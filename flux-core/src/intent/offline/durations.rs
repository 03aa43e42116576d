//! Rates per day or per hour over the event's length: "2 drinks per person per day, 3 days, 40
//! people" is 240 drinks (it was 80), "1 snack per hour, 4 hour event" four snacks a head (it
//! was one in all), "10 waters per day for a 3-day hackathon" thirty. A length said as a
//! deadline ("deliver within 2 days") is none. Equipment is kept for its days instead
//! ([`keep_equipment`]): "50 chairs for a 3-day conference" rents them for three.

use super::counts::word_at;
use super::diet::edible;
use super::tokens::number_word;
use super::tokens::Tok;
use super::Mention;
use crate::intent::{Vocabulary, MAX_RENTAL_DAYS};

/// Words before a count of days that make it a deadline or a delivery time, not the event's.
const DEADLINE: &[&str] = &[
    "within", "in", "by", "before", "next", "than", "under", "ship", "ships", "deliver", "delivery", "arrive", "arrives", "lead",
    "deadline", "due", "eta",
];

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Per {
    Day,
    Hour,
}

impl Per {
    fn of(word: &str) -> Option<Per> {
        match word {
            "day" | "days" | "daily" => Some(Per::Day),
            "hour" | "hours" | "hr" | "hrs" | "hourly" => Some(Per::Hour),
            _ => None,
        }
    }
}

/// A unit of a length in its base unit: a day, a week of seven days, an hour.
fn unit_of(word: &str) -> Option<(u64, Per)> {
    match word {
        "week" | "weeks" => Some((7, Per::Day)),
        _ => Per::of(word).map(|unit| (1, unit)),
    }
}

/// "per day", "a day", "each day", "every day", "daily", "per hour", "an hour", "hourly" at `i`:
/// the unit, and the tokens used.
pub(super) fn per_time_at(toks: &[Tok], i: usize) -> Option<(Per, usize)> {
    match (word_at(toks, i)?, word_at(toks, i + 1)) {
        (w @ ("daily" | "hourly"), _) => Some((Per::of(w)?, 1)),
        ("per" | "a" | "an" | "each" | "every", Some(w @ ("day" | "hour" | "hr"))) => Some((Per::of(w)?, 2)),
        _ => None,
    }
}

/// The event's length: the first count of days or hours said in the prompt ("3 days", "a
/// 3-day hackathon", "4 hour event", "over 2 days", "the weekend", "for a week": seven days)
/// that is no deadline.
fn length(toks: &[Tok]) -> Option<(u64, Per)> {
    (0..toks.len()).find_map(|k| {
        let (n, (times, unit), after) = match &toks[k] {
            Tok::Num(n) => (*n, word_at(toks, k + 1).and_then(unit_of)?, k + 2),
            // "for the weekend", "a weekend retreat": Saturday and Sunday
            Tok::Word(w) if w == "weekend" => (2, (1, Per::Day), k + 1),
            // "for a week", "over one week"
            Tok::Word(w) if w == "week" && k >= 2 && a_week(toks, k) => (1, (7, Per::Day), k + 1),
            // "3-day", "4-hour", "2-week"
            Tok::Word(w) => {
                let (n, unit) = w.split_once('-')?;
                (n.parse().ok().or_else(|| number_word(n))?, unit_of(unit)?, k + 1)
            }
            _ => return None,
        };
        let n = n.saturating_mul(times);
        // ("5 days from now", "Deadline: 3 days", "2-day shipping")
        let from_now = matches!(
            (word_at(toks, after), word_at(toks, after + 1)),
            (Some("from"), Some("now")) | (Some("out" | "away" | "ago" | "delivery" | "shipping" | "turnaround" | "notice"), _)
        );
        // ("next weekend" is when, and "for the next 3 days" how long, not a deadline as "in the
        // next 3 days" is.)
        let when = |w: &str| w == "next" && (word_at(toks, k) == Some("weekend") || lasting(toks, k - 1));
        let deadline = from_now || (k.saturating_sub(2)..k).any(|j| word_at(toks, j).is_some_and(|w| DEADLINE.contains(&w) && !when(w)));
        (!deadline && n > 0).then_some((n, unit))
    })
}

/// The most of a thing one person uses up per day or per hour, said without "per person".
const MOST_EACH: u64 = 3;

/// Multiplies each count per day (per hour) of what is used up by the event's length in days
/// (in hours). Equipment is used again each day: "50 chairs per day for 3 days" are 50 chairs
/// (a category that is [`one_when_singular`](crate::CategoryDef::one_when_singular) is one).
pub(super) fn apply(toks: &[Tok], mentions: &mut [Mention], vocab: &Vocabulary) {
    said_after_whom(toks, mentions, vocab);
    if mentions.iter().all(|m| m.per_time.is_none()) {
        return;
    }
    let used_up = |m: &Mention| !is_equipment(m, vocab);
    // "1 snack per hour, 60 attendees", "3 bottles of water per day for 20 people": a count of
    // one to three of what is used up, per hour or per day, is each one's (as "1 snack per person
    // per hour"); "24 waters per day" is all of theirs, and so is a count of packages, or of
    // what nobody eats or drinks ("2 trash bags per day").
    for m in mentions.iter_mut().filter(|m| used_up(m) && edible(m, vocab) && m.per_time.is_some()) {
        let small = m.quantity.is_some_and(|q| q <= MOST_EACH) && !m.packages;
        if small && m.rate.is_none() {
            m.rate = Some(String::new());
        }
    }
    let Some((n, unit)) = length(toks) else { return };
    for m in mentions.iter_mut().filter(|m| used_up(m)) {
        let times = match (m.per_time, unit) {
            (Some(per), _) if per == unit => n,
            _ => continue,
        };
        m.quantity = m.quantity.map(|q| q.saturating_mul(times));
    }
}

/// "per day" said after the words read with what is eaten or drunk ("snacks for 18 people per
/// day"), and closing a list of it ("snacks and coffee each day"): each item's.
fn said_after_whom(toks: &[Tok], mentions: &mut [Mention], vocab: &Vocabulary) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        let after = per_time_at(toks, m.end).filter(|_| m.per_time.is_none() && edible(m, vocab));
        let Some((per, used)) = after.or(m.per_time.map(|per| (per, 0))) else { continue };
        // (It closes the list only when nothing follows: not "2 drinks per day and snacks".)
        let closes = toks.get(m.end + used).is_none_or(Tok::is_break);
        let clause = m.clause;
        mentions[i].per_time = Some(per);
        for m in mentions[..i].iter_mut().rev().take_while(|m| closes && m.clause == clause) {
            // (Not to one counted: "2 bags of chips and 24 waters each day" are two bags.)
            if edible(m, vocab) && m.per_time.is_none() && m.quantity.is_none() {
                m.per_time = Some(per);
            }
        }
    }
}

/// How many times an estimate of what is eaten or drunk, said per day or per hour, is bought:
/// the event's length in that unit ("snacks for 18 people per day for 3 days" are three days'
/// worth; they were one day's), else once.
pub(super) fn estimate_times(toks: &[Tok], m: &Mention, vocab: &Vocabulary) -> u64 {
    match (m.per_time, length(toks)) {
        (Some(per), Some((n, unit))) if edible(m, vocab) && per == unit => n,
        _ => 1,
    }
}

/// How long equipment is kept: the days said right after it ("40 chairs for 2 days, 2
/// projectors for 1 day"), else the event's length in days ("chairs for a 3-day conference").
/// A rental priced per day is then quoted for the whole stay ([`Need::days`](crate::Need::days),
/// one day when under two); what is used up is counted per day above instead, and a deadline is
/// no stay.
pub(super) fn keep_equipment(toks: &[Tok], mentions: &mut [Mention], vocab: &Vocabulary) {
    let event = length(toks).and_then(|(n, unit)| (unit == Per::Day).then_some(n));
    let starts: Vec<usize> = mentions.iter().map(|m| m.pos).collect();
    for m in mentions.iter_mut() {
        if !is_equipment(m, vocab) {
            continue;
        }
        // Up to the next item, within the words said with this one.
        let next = starts.iter().copied().filter(|&p| p > m.pos).min().unwrap_or(toks.len());
        let own = (m.pos + 1..next.min(m.end + STAY_REACH)).take_while(|&j| !toks[j].is_break()).find_map(|j| stay_at(toks, j));
        m.days = own.or(event).map(|d| d.min(u64::from(MAX_RENTAL_DAYS)));
    }
}

/// What is thrown away once used, whatever its category (the end of the item, singular):
/// "trash bags", "paper towels", "wipes" (and anything "disposable").
const THROWN_AWAY: &[&str] =
    &["trash bag", "garbage bag", "contractor bag", "bin liner", "wipe", "towel", "glove", "tissue", "napkin", "battery", "batterie"];

/// Whether `m` is of equipment, used again each day: its category is
/// [`one_when_singular`](crate::CategoryDef::one_when_singular), and it is not thrown away once
/// used ("20 trash bags per day" are used up; "4 trash cans per day" are the same four).
fn is_equipment(m: &Mention, vocab: &Vocabulary) -> bool {
    let item = m.item.strip_suffix('s').unwrap_or(&m.item);
    let thrown_away = THROWN_AWAY.iter().any(|t| item.ends_with(t))
        || m.item.split(' ').chain(m.attributes.iter().map(String::as_str)).any(|w| w == "disposable");
    !thrown_away && vocab.categories().get(m.category).is_some_and(|d| d.one_when_singular)
}

/// How far past the words read with an item its stay may be said: "chairs, white, for 2 days".
const STAY_REACH: usize = 4;

/// Whether "next" at `k` says how long from now: "for the next", "over the next".
fn lasting(toks: &[Tok], k: usize) -> bool {
    k >= 2 && matches!(word_at(toks, k - 2), Some("for" | "over" | "during")) && word_at(toks, k - 1) == Some("the")
}

/// Whether "week" at `k` is one said as how long: "for a week", "over one week", "for the week".
fn a_week(toks: &[Tok], k: usize) -> bool {
    matches!(word_at(toks, k - 1), Some("a" | "one" | "the")) && matches!(word_at(toks, k - 2), Some("for" | "over" | "during"))
}

/// "for 2 days", "for a day", "for one day", "for the next 3 days", "for a week", "for 2 weeks"
/// at `j`: the days.
fn stay_at(toks: &[Tok], j: usize) -> Option<u64> {
    if word_at(toks, j)? != "for" {
        return None;
    }
    let next = usize::from(word_at(toks, j + 2) == Some("next") && lasting(toks, j + 2)) * 2;
    let j = j + next;
    let n = match toks.get(j + 1)? {
        Tok::Num(n) => *n,
        Tok::Word(w) if w == "a" || (w == "the" && a_week(toks, j + 2)) => 1,
        _ => return None,
    };
    let (times, unit) = unit_of(word_at(toks, j + 2)?)?;
    (unit == Per::Day).then_some(n.saturating_mul(times))
}
