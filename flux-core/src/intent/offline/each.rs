//! Counts per a thing the catalog does not sell, counted elsewhere in the prompt: "one webcam per
//! conference room, 5 rooms", "We have 5 conference rooms. Each room needs a webcam and an HDMI
//! cable.", "a sanitizer stand for each entrance (3 entrances)", "3 teams of 4. Each team needs a
//! whiteboard." Each bought one: the rate's count was looked for only among the items. Per
//! person ("Every attendee gets a lanyard. 120 attendees.") the head count multiplies it.

use super::counts::word_at;
use super::lists::{is_per, per_person};
use super::tokens::Tok;
use super::words::is_function_word;
use super::Mention;

/// Words after "each room" that give it what follows: "each room needs a webcam", "every
/// attendee gets a lanyard", "each team should have a whiteboard".
const GIVEN: &[&str] = &["needs", "need", "gets", "get", "receives", "requires", "has", "have", "should", "will", "must", "is", "gotta"];

/// Most words of what each is: "each conference room".
const MAX_NOUN_WORDS: usize = 2;

/// The noun of "each room" / "every conference room" at `k` (the word "each" or "every"): its
/// last word, and the index after it. Not "each of", "each with", a count ("each 2"), "each" alone.
pub(super) fn each_noun_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    if !matches!(word_at(toks, k), Some("each" | "every")) {
        return None;
    }
    let noun = |j: usize| word_at(toks, j).filter(|w| !is_function_word(w) && !GIVEN.contains(w));
    let end = (k + 1..=k + MAX_NOUN_WORDS).take_while(|&j| noun(j).is_some()).last()? + 1;
    Some((noun(end - 1)?.to_owned(), end))
}

/// "Each room needs a webcam and an HDMI cable": the items said after "each X" and a word of
/// giving, in that sentence, are per X,
/// whatever their count ("each room needs 2 chairs").
pub(super) fn given_to_each(toks: &[Tok], sentence: &[usize], mentions: &mut [Mention]) {
    for (k, &said_in) in sentence.iter().enumerate() {
        let Some((noun, end)) = each_noun_at(toks, k) else { continue };
        if !word_at(toks, end).is_some_and(|w| GIVEN.contains(&w)) {
            continue;
        }
        let given = |m: &&mut Mention| m.sentence == said_in && m.pos > end && m.rate.is_none() && m.local_headcount.is_none();
        for m in mentions.iter_mut().filter(given) {
            m.rate = Some(noun.clone());
        }
    }
}

/// Multiplies each mention's rate per a thing that is no item ("per room") by that thing's count
/// said in the prompt ("5 rooms", "5 conference rooms", "(3 entrances)"), the first one said;
/// marks its words read. A rate per person is left to the head count.
pub(super) fn count_per(toks: &[Tok], read: &mut [bool], mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let Some(noun) = m.rate.clone().filter(|n| !n.is_empty() && !per_person(n)) else { continue };
        let counted = (0..toks.len()).find_map(|j| {
            let Tok::Num(n) = toks[j] else { return None };
            // ("2 drinks per team" is the item's count: "per" is no word of a noun.)
            let last = (j + 1..=j + 1 + MAX_NOUN_WORDS)
                .take_while(|&w| word_at(toks, w).is_some_and(|w| !is_function_word(w)))
                .find(|&w| word_at(toks, w).is_some_and(|w| is_per(&noun, w)))?;
            Some((n, j, last + 1))
        });
        if let Some((n, from, to)) = counted {
            m.quantity = Some(m.quantity.unwrap_or(1).saturating_mul(n));
            m.rate = None;
            let to = to.min(read.len());
            read[from..to].iter_mut().for_each(|r| *r = true);
        }
    }
}
