//! Items offered as alternatives: "either a projector or a 55 inch display", "a projector or a
//! TV", "either 2 webcams or a conference camera". The user wants one of them; both were bought.
//! The first named is the need, and each alternative after it is dropped as `alternative`, named
//! in the plan, so a caller (or an agent) can ask for it instead.

use super::counts::word_at;
use super::tokens::Tok;
use super::Mention;
use crate::intent::Dropped;
use crate::reasons::DropReason;

/// How far before an item "either" may stand: "either a projector", "either two 27 inch monitors".
const EITHER_REACH: usize = 4;

/// How many words of its own may stand between "or" and the alternative: "or a 55 inch display".
const OWN_WORDS: usize = 6;

/// Whether `b` is said as the alternative to `a`, the mention before it: right after it, past
/// "or" (and a comma before it; a few words of its own after it, "a 55 inch"), in the same
/// sentence — when "either" opens `a` ("either chips or pretzels"), both are one thing said with
/// "a"/"an" ("a projector or a TV"; not "coffee or tea for 20": what each drinks), a count of one
/// thing is set against one of another ("2 bluetooth speakers or a small PA system") or counts of
/// two things of one kind against each other ("2 projectors or 2 TVs"), or both are brands of one
/// category ("Red Bull or Monster, 24 cans").
fn instead(toks: &[Tok], a: &Mention, b: &Mention, either: bool) -> bool {
    let mut k = a.end;
    if toks.get(k) == Some(&Tok::Break) {
        k += 1;
    }
    if a.sentence != b.sentence || word_at(toks, k) != Some("or") {
        return false;
    }
    // ("30 cups or so and a trash can", "20 chairs or more, and a table": no alternative)
    let vague = matches!(word_at(toks, k + 1), Some("so" | "more" | "less" | "fewer" | "two" | "three" | "thereabouts"));
    let joined = (k + 1..b.pos).any(|j| matches!(word_at(toks, j), Some("and" | "plus")));
    let own_words = !vague && !joined && (k + 1..b.pos).all(|j| !toks[j].is_break());
    let brands = a.tagged && b.tagged && a.category == b.category;
    // ("a Switch or an iPad as the grand prize": things of two kinds may be both meant.)
    let one_thing = a.article && b.article && a.category == b.category;
    // "2 bluetooth speakers or a small PA system": a count of one thing, or one of another.
    let counted_or_one = a.quantity.is_some() && !a.article && b.article;
    // "2 projectors or 2 TVs": counts of two things of one kind; "10 chairs or 12 chairs": two
    // counts of one thing.
    let counted_alike = [a, b].iter().all(|m| m.quantity.is_some() && !m.article)
        && a.category == b.category
        && (a.item != b.item || a.quantity != b.quantity);
    own_words && b.pos <= k + 1 + OWN_WORDS && (either || one_thing || brands || counted_or_one || counted_alike)
}

/// Whether "either" opens the mention `a`: a few words before its item, in its clause.
fn opens_either(toks: &[Tok], a: &Mention) -> bool {
    (a.pos.saturating_sub(EITHER_REACH)..a.pos).rev().take_while(|&j| !toks[j].is_break()).any(|j| word_at(toks, j) == Some("either"))
}

/// Keeps the first of items said as alternatives ([`instead`]) and drops the others, named as
/// the user said them.
pub(super) fn keep_first(toks: &[Tok], mentions: &mut Vec<Mention>) -> Vec<Dropped> {
    let mut dropped = Vec::new();
    let mut k = 0;
    while k + 1 < mentions.len() {
        let either = opens_either(toks, &mentions[k]);
        // "either a projector, a TV or a screen": what is listed before "or" is an alternative too.
        let mut last = k;
        let found = loop {
            let (Some(m), Some(next)) = (mentions.get(last), mentions.get(last + 1)) else { break false };
            if instead(toks, m, next, either) {
                break true;
            }
            let listed = either && m.sentence == next.sentence && toks.get(m.end) == Some(&Tok::Break) && next.pos <= m.end + 3;
            if !listed {
                break false;
            }
            last += 1;
        };
        if found {
            let others: Vec<Mention> = mentions.drain(k + 1..=last + 1).collect();
            take_what_is_said_with(&mut mentions[k], &others);
            for other in others {
                let item = other.attributes.iter().chain(std::iter::once(&other.item)).cloned().collect::<Vec<_>>().join(" ");
                dropped.push(Dropped { item, reason: DropReason::Alternative });
            }
        }
        k += 1;
    }
    dropped
}

/// "Red Bull or Monster, 24 cans", "a webcam or a projector per room": a count, rate or head
/// count said with the alternatives (`others`) is the choice's (`kept`), unless it has its own.
fn take_what_is_said_with(kept: &mut Mention, others: &[Mention]) {
    let said = |f: fn(&Mention) -> bool| others.iter().rev().find(|o| f(o));
    if kept.quantity.is_none() || kept.article {
        if let Some(o) = said(|o| o.quantity.is_some() && !o.article) {
            (kept.quantity, kept.article, kept.packages) = (o.quantity, false, o.packages);
        }
    }
    if let (None, Some(o)) = (&kept.rate, said(|o| o.rate.is_some())) {
        kept.rate = o.rate.clone();
    }
    if let (None, Some(o)) = (kept.local_headcount, said(|o| o.local_headcount.is_some())) {
        (kept.local_headcount, kept.for_each) = (o.local_headcount, o.for_each);
    }
}
