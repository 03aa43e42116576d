//! What an item is for, said after it: "tablecloths for 10 tables", "cables for the projector",
//! "HDMI cables for the 6 conference rooms", "snacks for the speakers", and what a thing the
//! catalog does not sell is for ("centerpieces for 10 tables", "a cooler for drinks"): no item to
//! buy, though it names one.

use super::counts::{ends_in_item, part_end, word_at};
use super::tokens::Tok;
use super::words::{is_everyday, is_function_word, is_people, CONTAINER_WORDS, DETERMINERS};
use crate::intent::phrases::PhraseTable;

/// What a request asks for about things, which is no thing it buys: "quotes for 10 banquet
/// tables" buys the tables.
const ASKED_ABOUT: &[&str] = &[
    // ("a replacement for the projector", "a refill for the sanitizer" ask for it)
    "replacement",
    "replacements",
    "backup",
    "backups",
    "spare",
    "spares",
    "refill",
    "refills",
    "restock",
    "substitute",
    "quote",
    "estimate",
    "price",
    "bid",
    "proposal",
    "sample",
    "quotes",
    "prices",
    "options",
    "estimates",
    "bids",
    "proposals",
    "samples",
    "details",
    "ideas",
    "recommendations",
    "suggestions",
    "costs",
    "rates",
    "thanks",
];

/// Whether the word before `i` is a thing no rule read ("centerpieces", "tissues"): a plural noun,
/// one after "a" ("a cooler", "an ice bucket") or one said alone ("ice"), that is no function
/// word, everyday word or what a request asks about. What follows it, "for 10 tables", "for
/// drinks", is what that thing is for, as after an item.
pub(super) fn unread_thing_before(toks: &[Tok], read: &[bool], i: usize) -> bool {
    let unread =
        |k: usize| !read[k] && word_at(toks, k).is_some_and(|w| !is_function_word(w) && !ASKED_ABOUT.contains(&w) && !is_people(w));
    let thing = |k: usize| unread(k) && word_at(toks, k).is_some_and(|w| !is_everyday(w));
    // ("a case for the projector", "a bag for the laptop": what holds it.)
    let holder = |k: usize| unread(k) && word_at(toks, k).is_some_and(|w| CONTAINER_WORDS.contains(&w));
    let plural = word_at(toks, i.wrapping_sub(1)).is_some_and(|w| w.len() > 3 && w.ends_with('s'));
    // ("a cooler", "a mini fridge": at most two words after the article; not with a count of
    // what it is for: "a quote for 50 chairs", "a rental for 50 chairs" ask for the chairs.)
    let counted = (i + 1..i + 3).take_while(|&k| !toks.get(k).is_none_or(Tok::is_break)).any(|k| matches!(toks[k], Tok::Num(_)));
    let after_a = !counted
        && (2..=3).any(|back| {
            let word = |k: usize| word_at(toks, k).is_some_and(|w| w.len() > 2 && !is_function_word(w));
            i >= back && matches!(word_at(toks, i - back), Some("a" | "an")) && (i - back + 1..i).all(word)
        });
    // ("ice for the drinks", "some signage for the booths", "floor stand for the tv": a thing
    // said alone, in one word or two, uncounted; not "everything for the demo".)
    let opens = |k: usize| toks[k].is_break() || word_at(toks, k).is_some_and(|w| matches!(w, "some" | "need" | "get" | "buy" | "bring"));
    let starts = |k: usize| k == 0 || opens(k - 1);
    let alone = i > 0
        && (starts(i - 1) || (i > 1 && starts(i - 2) && thing(i - 2)))
        && !word_at(toks, i - 1).is_some_and(|w| matches!(w, "everything" | "anything" | "something" | "stuff" | "things" | "all"));
    i > 0 && ((thing(i - 1) && (plural || after_a || alone)) || (holder(i - 1) && (after_a || alone)))
}

/// Places counted after an item that get one each: "HDMI cables for the 6 conference rooms".
const COUNTED_PLACES: &[&str] =
    &["rooms", "classrooms", "offices", "booths", "stations", "stages", "floors", "buildings", "sites", "locations", "venues", "tracks"];

/// Devices other things are made for, which the catalog need not sell: counted after an item
/// they get one each ("usb-c hubs for 10 laptops", "chargers for 6 phones"), and a charger,
/// stand or sleeve named for one is no other charger, stand or sleeve (relevance: "laptop
/// chargers" are no power banks).
pub(crate) const DEVICES: &[&str] =
    &["laptops", "computers", "macbooks", "chromebooks", "phones", "smartphones", "workstations", "cameras", "printers", "servers"];

/// Right after an item, "for 10 tables", "for the projector", "for 6ft tables", "for the 6
/// conference rooms": what the item is for, when it ends in an item itself or counts places.
/// Returns the count of things it is for ("10" tables: one item each), if any, the tokens used,
/// and whether they are places (which get one each of equipment only).
pub(super) fn purpose_at(toks: &[Tok], keys: &[Option<String>], table: &PhraseTable, i: usize) -> Option<(Option<u64>, usize, bool)> {
    if word_at(toks, i) != Some("for") {
        return None;
    }
    let mut j = i + 1;
    j += usize::from(word_at(toks, j).is_some_and(|w| DETERMINERS.contains(&w)));
    let count = match toks.get(j) {
        Some(Tok::Num(n)) => {
            j += 1;
            Some(*n)
        }
        _ => None,
    };
    let mut end = part_end(toks, j);
    // "for 6 conference rooms", "for 10 laptops": counted places or devices one item each
    // serves, though no item themselves.
    let places = count.is_some() && end > j && word_at(toks, end - 1).is_some_and(|w| COUNTED_PLACES.contains(&w) || DEVICES.contains(&w));
    // "for 40 people" is a head count, not a purpose.
    if (j..end).any(|k| word_at(toks, k).is_some_and(is_people)) || !(places || ends_in_item(keys, table, j, end)) {
        return None;
    }
    // "for the projector and the speakers": what it is for may be a list.
    while matches!(word_at(toks, end), Some("and" | "or")) && word_at(toks, end + 1).is_some_and(|w| DETERMINERS.contains(&w)) {
        let next = part_end(toks, end + 2);
        if !ends_in_item(keys, table, end + 2, next) {
            break;
        }
        end = next;
    }
    Some((count, end - i, places))
}

/// "for the speakers", "for our keynote speakers": the people something is for, without a count
/// (with one it is a head count). Never an item to buy, though "speakers" names one too. Returns
/// the tokens used.
pub(super) fn audience_at(toks: &[Tok], i: usize) -> Option<usize> {
    if word_at(toks, i) != Some("for") {
        return None;
    }
    let j = i + 1 + usize::from(word_at(toks, i + 1).is_some_and(|w| DETERMINERS.contains(&w)));
    (j..j + 3)
        .take_while(|k| matches!(toks.get(*k), Some(Tok::Word(_))))
        .find(|k| word_at(toks, *k).is_some_and(is_people))
        .map(|k| k + 1 - i)
}

/// Words that make a heading's item the place or the job a list is for, not a thing to buy:
/// "coffee station restock:", "desk setup:", "coffee supplies:", "setting up a registration desk:".
pub(super) const SETTING_UP: &[&str] =
    &["station", "stations", "setup", "setups", "setting", "restock", "restocking", "refill", "refilling", "stocking", "supplies"];
/// Places the items of a list under them are for: "registration desk:", "welcome table:".
pub(super) const WORKED_AT: &[&str] = &["desk", "table", "booth", "counter", "stand", "kiosk", "bar", "lounge", "area"];
