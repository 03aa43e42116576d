//! The default parser: deterministic rules over the vocabulary, no network, no model.

mod tokens;

use super::{Dropped, Intent, IntentParser, Need, ParseError, ParseTelemetry, Plan, Vocabulary, MAX_NEED_QUANTITY};
use crate::future::BoxFuture;
use crate::reasons::DropReason;
use crate::relevance::stem;
use tokens::{tokenize, Tok};

/// Reads needs from a prompt with word rules: items named by the vocabulary's phrases (longest
/// match first) with the words that describe them ("sugar-free energy drinks", "breakaway
/// lanyards", "a 4K projector", "t-shirts in black"), explicit quantities before an item ("24
/// energy drinks", "two dozen cans of soda"), head counts ("for 100 people", "team of 40",
/// "badges for 100 people"), and per-category defaults. Each distinct item is its own need.
///
/// The same prompt and vocabulary always give the same plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineParser;

/// The model name the offline parser reports in telemetry.
pub const OFFLINE_MODEL: &str = "flux-offline-v1";

const PEOPLE_WORDS: &[&str] = &[
    "people",
    "persons",
    "person",
    "attendees",
    "attendee",
    "participants",
    "hackers",
    "guests",
    "devs",
    "developers",
    "students",
    "employees",
    "staff",
    "members",
    "teams",
    "folks",
    "visitors",
    "players",
    "kids",
    "adults",
    "speakers",
];

/// Words between a quantity and its item that say nothing about the item ("24 cans of energy
/// drinks", "a few nice snacks"): skipped.
const FILLER_WORDS: &[&str] = &[
    "of",
    "x",
    "cans",
    "can",
    "bottles",
    "packs",
    "pack",
    "boxes",
    "box",
    "bags",
    "units",
    "pieces",
    "cases",
    "case",
    "new",
    "cold",
    "more",
    "extra",
    "nice",
    "cool",
    "good",
    "great",
    "cheap",
    "affordable",
    "decent",
    "quality",
    "fun",
    "awesome",
    "some",
    "few",
    "several",
    "lots",
    "plenty",
    "enough",
    "additional",
    "basic",
    "simple",
    "various",
    "assorted",
    "different",
    "fresh",
    "tasty",
    "delicious",
    "yummy",
    "healthy-ish",
    "random",
    "misc",
    "miscellaneous",
    "bunch",
    "couple",
];

/// Words that end the description of an item when read backwards from it: connectives, verbs of
/// asking, and the occasion ("hackathon snacks" are snacks, "a conference projector" a projector).
const BOUNDARY_WORDS: &[&str] = &[
    "and",
    "or",
    "for",
    "with",
    "a",
    "an",
    "the",
    "also",
    "plus",
    "then",
    "please",
    "need",
    "needs",
    "want",
    "get",
    "buy",
    "order",
    "as",
    "send",
    "ship",
    "deliver",
    "bring",
    "our",
    "my",
    "their",
    "we",
    "i",
    "us",
    "to",
    "in",
    "on",
    "at",
    "by",
    "from",
    "per",
    "each",
    "kit",
    "hackathon",
    "conference",
    "offsite",
    "meetup",
    "workshop",
    "event",
    "party",
    "summit",
    "office",
    "team",
    "launch",
    "wedding",
    "meeting",
    "retreat",
    "booth",
    "expo",
    "night",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "hour",
    "hours",
    "month",
    "months",
    "today",
    "tomorrow",
    "asap",
    "within",
    "by",
    "before",
    "after",
    "budget",
    "usdc",
    "usd",
    "dollars",
    "max",
    "under",
];

/// Words that qualify an item without naming it: colours, sizes and measures. They rank offers
/// and never exclude one.
const ATTRIBUTE_WORDS: &[&str] = &[
    "black", "white", "red", "blue", "navy", "green", "yellow", "orange", "purple", "pink", "gray", "grey", "charcoal", "silver", "gold",
    "brown", "beige", "teal", "maroon", "xs", "s", "m", "l", "xl", "xxl", "2xl", "3xl", "small", "medium", "large", "big", "mini", "hd",
    "uhd", "fhd",
];

fn is_attribute(word: &str) -> bool {
    ATTRIBUTE_WORDS.contains(&word) || word.starts_with(|c: char| c.is_ascii_digit()) || word.ends_with("-free") || word.ends_with("-in-1")
}

fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

/// "for 100 people", "100 attendees", "team of 40" starting at `i`: returns (count, tokens used).
fn headcount_at(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    let mut j = i;
    if word_at(toks, j) == Some("for") {
        j += 1;
    }
    if let Some(Tok::Num(n)) = toks.get(j) {
        if let Some(w) = word_at(toks, j + 1) {
            if PEOPLE_WORDS.contains(&w) {
                return Some((*n, j + 2 - i));
            }
        }
        // "for 100" at the end of a clause counts as a head count too.
        if j > i && matches!(toks.get(j + 1), None | Some(Tok::Break)) {
            return Some((*n, j + 1 - i));
        }
    }
    if matches!(word_at(toks, i), Some("team" | "group")) && word_at(toks, i + 1) == Some("of") {
        if let Some(Tok::Num(n)) = toks.get(i + 2) {
            return Some((*n, 3));
        }
    }
    None
}

/// The words before an item phrase that describe it ("sugar-free" in "24 sugar-free energy
/// drinks", "breakaway" in "breakaway lanyards"), read backwards from `start` down to `floor`:
/// (modifiers, attributes, the index the quantity search starts from).
fn modifiers_before(toks: &[Tok], start: usize, floor: usize) -> (Vec<String>, Vec<String>, usize) {
    let (mut modifiers, mut attributes) = (Vec::new(), Vec::new());
    let mut k = start;
    let mut from = start;
    while k > floor && modifiers.len() + attributes.len() < 4 {
        let Some(w) = word_at(toks, k - 1) else { break };
        if BOUNDARY_WORDS.contains(&w) || PEOPLE_WORDS.contains(&w) {
            break;
        }
        k -= 1;
        if FILLER_WORDS.contains(&w) {
            continue;
        }
        if is_attribute(w) {
            attributes.insert(0, w.to_owned());
        } else {
            modifiers.insert(0, w.to_owned());
        }
        from = k;
    }
    (modifiers, attributes, from)
}

struct Mention {
    category: usize,
    quantity: Option<u64>,
    local_headcount: Option<u64>,
    source: String,
    item: String,
    attributes: Vec<String>,
}

impl OfflineParser {
    /// Parses synchronously (the parser does no I/O).
    pub fn parse_sync(&self, intent: &Intent, vocab: &Vocabulary) -> Result<Plan, ParseError> {
        let toks = tokenize(intent.prompt());
        let stems: Vec<Option<String>> = toks.iter().map(|t| if let Tok::Word(w) = t { Some(stem(w)) } else { None }).collect();
        let syns = vocab.phrases();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut headcount: Option<u64> = None;
        let mut dropped = Vec::new();
        let mut last_end = 0usize;
        let mut i = 0usize;
        while i < toks.len() {
            if let Some((n, used)) = headcount_at(&toks, i) {
                headcount = headcount.max(Some(n));
                i += used;
                continue;
            }
            let matched = syns
                .iter()
                .find(|s| s.stems.iter().enumerate().all(|(k, w)| stems.get(i + k).and_then(Option::as_deref) == Some(w.as_str())));
            let Some(syn) = matched else {
                i += 1;
                continue;
            };
            let end = i + syn.words.len();
            // "a tablet as grand prize": "as ..." names a role, not another need.
            if i > last_end && word_at(&toks, i - 1) == Some("as") {
                last_end = end;
                i = end;
                continue;
            }
            let (modifiers, mut attributes, from) = modifiers_before(&toks, i, last_end);
            // Quantity: the nearest number among the few tokens before the item's description,
            // not crossing a clause break or a previous item.
            let mut quantity = None;
            let mut k = from;
            while k > last_end && from - k < 4 {
                k -= 1;
                match &toks[k] {
                    Tok::Num(n) => {
                        quantity = Some(*n);
                        break;
                    }
                    Tok::Break => break,
                    // "a projector", "an hdmi adapter": one (but "a few snacks" is not).
                    Tok::Word(w) if (w == "a" || w == "an") && k + 1 == from => {
                        quantity = Some(1);
                        break;
                    }
                    // "24 cans of energy drinks": skip filler; any other word ends the search
                    // ("ship in 2 days some snacks" has no quantity for snacks).
                    Tok::Word(w) if FILLER_WORDS.contains(&w.as_str()) => {}
                    Tok::Word(_) => break,
                }
            }
            // Attributes right after the item: "t-shirts in black", "a projector 4k".
            let mut next = end;
            if word_at(&toks, next) == Some("in") && word_at(&toks, next + 1).is_some_and(is_attribute) {
                next += 1;
            }
            while let Some(w) = word_at(&toks, next).filter(|w| is_attribute(w) && !w.starts_with(|c: char| c.is_ascii_digit())) {
                attributes.push(w.to_owned());
                next += 1;
            }
            let local_headcount = headcount_at(&toks, next).map(|(n, used)| {
                next += used;
                headcount = headcount.max(Some(n));
                n
            });
            let source = syn.words.join(" ");
            // The item in the user's words ("sparkling waters", not the vocabulary's "sparkling water").
            let said = (i..end).filter_map(|k| word_at(&toks, k).map(str::to_owned));
            let item = modifiers.into_iter().chain(said).collect::<Vec<_>>().join(" ");
            mentions.push(Mention { category: syn.category, quantity, local_headcount, source, item, attributes });
            // A head count read after the item is consumed: it is not the next item's quantity.
            last_end = next;
            i = next;
        }

        let mut needs: Vec<Need> = Vec::new();
        let mut explicit: Vec<bool> = Vec::new();
        for m in mentions {
            let def = &vocab.categories()[m.category];
            let units = match (m.quantity, m.local_headcount, headcount) {
                (Some(q), _, _) => Some(q),
                (None, Some(h), _) | (None, None, Some(h)) => {
                    Some(u64::from(def.units_for(u32::try_from(h).unwrap_or(u32::MAX)).unwrap_or(def.default_quantity)))
                }
                (None, None, None) => None,
            };
            let is_explicit = units.is_some();
            let quantity = units.unwrap_or(u64::from(def.default_quantity));
            if quantity == 0 || quantity > u64::from(MAX_NEED_QUANTITY) {
                dropped.push(Dropped { item: format!("{} x {}", m.item, quantity), reason: DropReason::QuantityOutOfRange });
                continue;
            }
            let quantity = quantity as u32;
            // The same item named twice is one need; another item of the category is another.
            if let Some(pos) = needs.iter().position(|n| n.category == def.id && n.item == m.item && n.attributes == m.attributes) {
                match (explicit[pos], is_explicit) {
                    (true, true) if m.quantity.is_some() => {
                        needs[pos].quantity = needs[pos].quantity.saturating_add(quantity).min(MAX_NEED_QUANTITY)
                    }
                    (false, true) => {
                        needs[pos].quantity = quantity;
                        explicit[pos] = true;
                    }
                    _ => {}
                }
                continue;
            }
            needs.push(Need { category: def.id.clone(), quantity, source: m.source, item: m.item, attributes: m.attributes }.bounded());
            explicit.push(is_explicit);
        }
        if needs.is_empty() {
            let hint = vocab.categories().iter().take(6).map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
            return Err(ParseError::NothingRecognized { hint });
        }
        let plan = Plan {
            needs,
            headcount: headcount.map(|h| u32::try_from(h).unwrap_or(u32::MAX)),
            dropped,
            telemetry: ParseTelemetry {
                parser: "offline".into(),
                model: OFFLINE_MODEL.into(),
                provider: "flux".into(),
                ..ParseTelemetry::default()
            },
        };
        Ok(plan.sanitize(vocab))
    }
}

impl IntentParser for OfflineParser {
    fn parse<'a>(&'a self, intent: &'a Intent, vocabulary: &'a Vocabulary) -> BoxFuture<'a, Result<Plan, ParseError>> {
        Box::pin(std::future::ready(self.parse_sync(intent, vocabulary)))
    }

    fn name(&self) -> &str {
        "offline"
    }
}

#[cfg(test)]
mod tests;
