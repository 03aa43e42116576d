//! The default parser: deterministic rules over the vocabulary, no network, no model.

use super::{Dropped, Intent, IntentParser, Need, ParseError, ParseTelemetry, Plan, Vocabulary, MAX_NEED_QUANTITY};
use crate::future::BoxFuture;
use crate::reasons::DropReason;

/// Reads needs from a prompt with word rules: category synonyms (longest match first), explicit
/// quantities before an item ("24 energy drinks", "two dozen cans of soda"), head counts
/// ("for 100 people", "team of 40", "badges for 100 people"), and per-category defaults.
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
];
const FILLER_WORDS: &[&str] = &[
    "of", "x", "cans", "packs", "pack", "boxes", "box", "bags", "units", "pieces", "big", "small", "new", "cold", "more", "extra", "nice",
    "cool", "good", "some",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Num(u64),
    Break,
}

fn number_word(w: &str) -> Option<u64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u64);
    }
    match w {
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "seventy" => Some(70),
        "eighty" => Some(80),
        "ninety" => Some(90),
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "dozen" => Some(12),
        _ => None,
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut n: u64 = 0;
            while i < chars.len() {
                let d = chars[i];
                if let Some(v) = d.to_digit(10) {
                    n = n.saturating_mul(10).saturating_add(u64::from(v));
                    i += 1;
                } else if d == ','
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && chars.get(i + 3).is_some_and(char::is_ascii_digit)
                {
                    i += 1; // thousands separator: 1,000
                } else {
                    break;
                }
            }
            // "24x" / "24k"
            if chars.get(i) == Some(&'x') && !chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()) {
                i += 1;
            } else if chars.get(i) == Some(&'k') && !chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()) {
                n = n.saturating_mul(1000);
                i += 1;
            }
            toks.push(Tok::Num(n));
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || ((chars[i] == '-' || chars[i] == '\'') && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match number_word(&word) {
                Some(n) => toks.push(Tok::Num(n)),
                None => toks.push(Tok::Word(word)),
            }
        } else {
            if matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '\n' | '/' | '&' | '+') {
                toks.push(Tok::Break);
            }
            i += 1;
        }
    }
    // Fold "two dozen" -> 24, "three hundred" -> 300, "a dozen" -> 12.
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        match (out.last_mut(), &t) {
            (Some(Tok::Num(prev)), Tok::Num(n)) if matches!(n, 12 | 100 | 1000) && *prev < 1000 && *prev > 0 => {
                *prev = prev.saturating_mul(*n);
            }
            (Some(Tok::Word(w)), Tok::Num(12)) if w == "a" => {
                out.pop();
                out.push(Tok::Num(12));
            }
            _ => out.push(t),
        }
    }
    out
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

struct Mention {
    category: usize,
    quantity: Option<u64>,
    local_headcount: Option<u64>,
    source: String,
}

impl OfflineParser {
    /// Parses synchronously (the parser does no I/O).
    pub fn parse_sync(&self, intent: &Intent, vocab: &Vocabulary) -> Result<Plan, ParseError> {
        let toks = tokenize(intent.prompt());
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
            let matched = syns.iter().find(|s| s.words.iter().enumerate().all(|(k, w)| word_at(&toks, i + k) == Some(w.as_str())));
            let Some(syn) = matched else {
                i += 1;
                continue;
            };
            let end = i + syn.words.len();
            // Quantity: the nearest number among the few tokens before the phrase, not crossing
            // a clause break or a previous item.
            let mut quantity = None;
            let mut k = i;
            while k > last_end && i - k < 4 {
                k -= 1;
                match &toks[k] {
                    Tok::Num(n) => {
                        quantity = Some(*n);
                        break;
                    }
                    Tok::Break => break,
                    // "24 cans of energy drinks": skip filler; any other word ends the search
                    // ("ship in 2 days some snacks" has no quantity for snacks).
                    Tok::Word(w) if FILLER_WORDS.contains(&w.as_str()) => {}
                    Tok::Word(_) => break,
                }
            }
            let mut next = end;
            let local_headcount = headcount_at(&toks, end).map(|(n, used)| {
                next = end + used;
                headcount = headcount.max(Some(n));
                n
            });
            let source = syn.words.join(" ");
            mentions.push(Mention { category: syn.category, quantity, local_headcount, source });
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
                dropped.push(Dropped { item: format!("{} x {}", def.id, quantity), reason: DropReason::QuantityOutOfRange });
                continue;
            }
            let quantity = quantity as u32;
            if let Some(pos) = needs.iter().position(|n| n.category == def.id) {
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
                needs[pos].source = format!("{}, {}", needs[pos].source, m.source);
                continue;
            }
            needs.push(Need { category: def.id.clone(), quantity, source: m.source });
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
mod tests {
    use super::*;
    use crate::{Amount, Strategy};

    fn plan(prompt: &str) -> Plan {
        let intent = Intent::new(prompt, Amount::whole(500), 7, Strategy::Balanced).unwrap();
        OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap()
    }

    fn needs(prompt: &str) -> Vec<(String, u32)> {
        plan(prompt).needs.into_iter().map(|n| (n.category, n.quantity)).collect()
    }

    fn v(items: &[(&str, u32)]) -> Vec<(String, u32)> {
        items.iter().map(|(c, q)| ((*c).to_owned(), *q)).collect()
    }

    #[test]
    fn seed_example() {
        assert_eq!(needs("hackathon kit: snacks, badges, prizes"), v(&[("snacks", 50), ("badges", 50), ("prizes", 3)]));
    }

    #[test]
    fn quantities_and_synonyms() {
        assert_eq!(needs("24 energy drinks"), v(&[("drinks", 24)]));
        assert_eq!(needs("badges for 100 people"), v(&[("badges", 100)]));
        assert_eq!(needs("100 lanyards and 12 name tags"), v(&[("lanyards", 100), ("badges", 12)]));
        assert_eq!(needs("3 usb-c hubs, a grand prize"), v(&[("adapters", 3), ("prizes", 3)]));
        assert_eq!(needs("two dozen cans of soda"), v(&[("drinks", 24)]));
        assert_eq!(needs("1,200 stickers"), v(&[("swag", 1200)]));
    }

    #[test]
    fn headcount_scales_per_person_categories() {
        let p = plan("offsite for 40 people: snacks, drinks, lanyards, a projector");
        assert_eq!(p.headcount, Some(40));
        let got: Vec<(String, u32)> = p.needs.into_iter().map(|n| (n.category, n.quantity)).collect();
        assert_eq!(got, v(&[("snacks", 120), ("drinks", 120), ("lanyards", 40), ("av_gear", 2)]));
    }

    #[test]
    fn numbers_belong_to_the_nearest_item_only() {
        assert_eq!(needs("ship in 2 days some snacks"), v(&[("snacks", 50)]));
        assert_eq!(needs("deliver within 3 days snacks for 40 people"), v(&[("snacks", 120)]));
        assert_eq!(needs("badges for 100 people and snacks"), v(&[("badges", 100), ("snacks", 300)]));
        assert_eq!(needs("24 cold cans of energy drinks"), v(&[("drinks", 24)]));
    }

    #[test]
    fn absurd_quantities_are_dropped_not_trusted() {
        let p = plan("999999999999 badges and snacks");
        assert_eq!(p.needs.iter().map(|n| n.category.as_str()).collect::<Vec<_>>(), vec!["snacks"]);
        assert_eq!(p.dropped[0].reason, DropReason::QuantityOutOfRange);
    }

    #[test]
    fn nothing_recognized_is_a_typed_error() {
        let intent = Intent::new("a unicorn please", Amount::whole(5), 3, Strategy::Cheapest).unwrap();
        let err = OfflineParser.parse_sync(&intent, &Vocabulary::embedded()).unwrap_err();
        assert_eq!(err.code(), "NOTHING_RECOGNIZED");
    }

    #[test]
    fn deterministic() {
        let a = plan("hackathon for 80 hackers: 24 energy drinks, snacks, badges, prizes, usb-c hubs");
        let b = plan("hackathon for 80 hackers: 24 energy drinks, snacks, badges, prizes, usb-c hubs");
        assert_eq!(a, b);
    }
}
