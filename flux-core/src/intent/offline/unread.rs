//! What the prompt asked for that the parser could not read: list items that name nothing the
//! vocabulary or the catalog knows ("3 wireless mice", "tea", "balloons"). They are not bought,
//! and the plan says so (`dropped`, reason `not_recognized`) rather than leaving them out in
//! silence.
//!
//! A prompt is cut into list parts at clause breaks, sentence ends and the words that join items
//! ("and", "or", "plus"). A part counts as an unread item when no item was read in it, it still
//! holds a word that could name a thing once the words the parser did read (head counts,
//! occasions) and the words that never name one (function words, filler, people, containers,
//! attributes, requests, times) are set aside, and it is where items stand: after the first part
//! of its sentence ("team lunch for 12: pizza, ..." reports the pizza, not the lunch) or led by a
//! count ("a dozen AA batteries").

use super::negation::{is_negator, is_passed_over};
use super::tokens::Tok;
use super::words::{is_everyday, is_function_word};

/// Words between list parts that join items.
const JOINERS: &[&str] = &["and", "or", "plus", "also", "then", "but"];

/// Words of asking, politeness, time and budget: in a list part they name nothing to buy.
const NOT_ITEMS: &[&str] = &[
    "i",
    "we",
    "us",
    "me",
    "you",
    "it",
    "them",
    "they",
    "our",
    "my",
    "its",
    "their",
    "is",
    "are",
    "be",
    "been",
    "have",
    "has",
    "got",
    "would",
    "could",
    "should",
    "will",
    "can",
    "do",
    "does",
    "let",
    "lets",
    "know",
    "think",
    "like",
    "love",
    "thanks",
    "thank",
    "forget",
    "forgot",
    "sorry",
    "wait",
    "oops",
    "make",
    "notice",
    "restock",
    "replenish",
    "refill",
    "remember",
    "include",
    "kindly",
    "just",
    "maybe",
    "too",
    "about",
    "around",
    "roughly",
    "approximately",
    "approx",
    "stuff",
    "things",
    "thing",
    "whatever",
    "else",
    "etc",
    "everything",
    "something",
    "anything",
    "all",
    "any",
    "budget",
    "under",
    "max",
    "maximum",
    "total",
    "spend",
    "usd",
    "usdc",
    "dollars",
    "bucks",
    "deliver",
    "delivered",
    "delivery",
    "ship",
    "shipped",
    "shipping",
    "arrive",
    "arriving",
    "before",
    "within",
    "until",
    "today",
    "tonight",
    "tomorrow",
    "asap",
    "urgent",
    "urgently",
    "soon",
    "next",
    "this",
    "week",
    "weeks",
    "weekend",
    "day",
    "days",
    "hours",
    "month",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "if",
    "possible",
    "preferably",
    "ideally",
    "optional",
    "nothing",
    "fancy",
    "healthy",
    "needed",
    "required",
    "sunday",
    "cheapest",
    "fastest",
    "balanced",
    "event",
    "order",
    "ordering",
    "purchase",
    "kit",
    "supplies",
    "items",
    "item",
];

/// Longest unread item reported, in words (a longer part is a sentence, not a list item).
const MAX_WORDS: usize = 6;

/// The unread list items of a prompt, in order, as the user wrote them (counts as digits).
/// `read[i]`: token `i` was read by some rule; `item[i]`: it is part of a read item.
pub(super) fn unread_items(toks: &[Tok], read: &[bool], item: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut first_in_sentence = true;
    for i in 0..=toks.len() {
        let end_of_part = match toks.get(i) {
            None => true,
            Some(Tok::Word(w)) => JOINERS.contains(&w.as_str()),
            Some(t) => t.is_break(),
        };
        if !end_of_part {
            continue;
        }
        if let Some(text) = unread_part(&toks[start..i], &read[start..i], &item[start..i], first_in_sentence) {
            out.push(text);
        }
        let has_words = toks[start..i].iter().any(|t| !t.is_break());
        match toks.get(i) {
            Some(Tok::Stop) | None => first_in_sentence = true,
            _ if has_words => first_in_sentence = false,
            _ => {}
        }
        start = i + 1;
    }
    out
}

/// A part's text when it is an unread list item.
fn unread_part(toks: &[Tok], read: &[bool], item: &[bool], first_in_sentence: bool) -> Option<String> {
    if item.iter().any(|&b| b) {
        return None;
    }
    let words: Vec<&Tok> = toks.iter().zip(read).filter(|(t, &r)| !r && !t.is_break()).map(|(t, _)| t).collect();
    let names = |t: &&Tok| matches!(t, Tok::Word(w) if !is_everyday(w) && !is_function_word(w) && !is_negator(w) && !NOT_ITEMS.contains(&w.as_str()));
    // From the count ("I need 3 wireless mice") or the first naming word to the last naming word.
    let from = words.iter().position(|t| matches!(t, Tok::Num(_)) || names(t))?;
    // "no balloons": refused, so not missed either (but "don't forget the balloons" is).
    let mut before = words[..from].iter().rev().map(|t| if let Tok::Word(w) = t { w.as_str() } else { "" });
    if before.find(|w| !is_passed_over(w)).is_some_and(is_negator) && !before.next().is_some_and(is_negator) {
        return None;
    }
    // "10 wireless mice without delay": the item ends where a negation starts.
    let end = words[from..].iter().position(|t| matches!(t, Tok::Word(w) if is_negator(w))).map_or(words.len(), |n| from + n);
    let to = words[..end].iter().rposition(names)?;
    let counted = matches!(words[from], Tok::Num(_));
    if to < from || (first_in_sentence && !counted) || to - from + 1 > MAX_WORDS {
        return None;
    }
    let text = words[from..=to]
        .iter()
        .map(|t| match t {
            Tok::Word(w) => w.clone(),
            Tok::Num(n) => n.to_string(),
            Tok::Break | Tok::Colon | Tok::Stop => String::new(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(text.chars().take(60).collect())
}
