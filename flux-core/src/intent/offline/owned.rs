//! Things the user has, named by the word that makes them theirs: "the old router", "our
//! existing monitors", "the broken projector". Beside a thing of the same category asked for
//! ("The old router was switched off; we need a new wifi router") it is what that one replaces,
//! not one more to buy (it bought both), and is reported `excluded`. Alone, or after "replace",
//! it is what is to be replaced ("replace the old router", "our current projector is broken,
//! need a new one", "replace 3 broken chairs and a table"): it is bought, named without that
//! word; unless it is said to be used again ("we'll reuse our old projector", "keep the existing
//! monitors"), when it is excluded too.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::DETERMINERS;
use super::Mention;
use crate::intent::Dropped;
use crate::reasons::DropReason;

/// Words before an item that make it one the user has.
const OWNED: &[&str] =
    &["old", "existing", "current", "broken", "faulty", "previous", "outdated", "dead", "damaged", "wobbly", "cracked", "worn", "torn"];

/// Whether `word` makes a thing one the user has ("old", "broken").
pub(super) fn is_owned_word(word: &str) -> bool {
    OWNED.contains(&word)
}

/// Verbs that use again what the user has: "reuse our old projector", "we keep the existing mics".
const KEPT: &[&str] = &["reuse", "reusing", "keep", "keeping", "use", "using", "bring", "bringing"];

/// Whether `m` is said after a verb that uses it again ("reuse our old projector").
fn kept(toks: &[Tok], m: &Mention) -> bool {
    (m.pos.saturating_sub(4)..m.pos)
        .rev()
        .map(|k| word_at(toks, k))
        .take_while(Option::is_some)
        .flatten()
        .find(|w| !DETERMINERS.contains(w) && !OWNED.contains(w))
        .is_some_and(|w| KEPT.contains(&w))
}

/// Whether `m` is what a verb before it replaces ("replace 3 broken chairs and a table"): bought,
/// whatever else of its category is asked — unless something replaces it ("replace the old
/// router with a mesh router").
fn replaced(toks: &[Tok], m: &Mention) -> bool {
    let verb = (m.pos.saturating_sub(4)..m.pos)
        .rev()
        .take_while(|&k| matches!(toks[k], Tok::Word(_) | Tok::Num(_)))
        .filter_map(|k| word_at(toks, k))
        .find(|w| !DETERMINERS.contains(w) && !OWNED.contains(w));
    matches!(verb, Some("replace" | "replacing")) && !matches!(word_at(toks, m.end), Some("with" | "by"))
}

/// The item without the word that makes it the user's ("router" of "old router"), if it has one.
fn unqualified(m: &Mention) -> Option<&str> {
    let (first, rest) = m.item.split_once(' ')?;
    (OWNED.contains(&first) && !m.tagged).then_some(rest)
}

/// Drops what the user has where something of its category is asked for, or that is used
/// again, and names the rest by what they are; returns the drops.
pub(super) fn apply(toks: &[Tok], mentions: &mut Vec<Mention>) -> Vec<Dropped> {
    let asked: Vec<usize> = mentions.iter().filter(|m| unqualified(m).is_none()).map(|m| m.category).collect();
    let mut dropped = Vec::new();
    mentions.retain_mut(|m| {
        let Some(item) = unqualified(m).map(str::to_owned) else { return true };
        if (asked.contains(&m.category) && !replaced(toks, m)) || kept(toks, m) {
            if !dropped.iter().any(|d: &Dropped| d.item == m.item) {
                dropped.push(Dropped { item: m.item.clone(), reason: DropReason::Excluded });
            }
            return false;
        }
        m.item = item;
        true
    });
    dropped
}
