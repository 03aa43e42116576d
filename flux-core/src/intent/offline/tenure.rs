//! How the user asked to have each item ([`Need::tenure`](crate::Need::tenure)): "buy 2
//! projectors" buys them outright, so no rental is quoted; "rent 40 chairs for the weekend" rents
//! them, so nothing is bought outright. The verb is the item's own: said before it in its clause
//! ("we need to buy 2 projectors"), before the list it heads ("rent 10 tables, 50 chairs and a
//! projector"; "Rent: 50 chairs, 10 tables"), or right after it ("2 projectors (buy, not
//! rent)", "40 chairs to rent"). A verb heading a colon with words of its own ("Buy these for our
//! 3-day event: 40 chairs") is a way of asking, not of having, and a verb negated ("don't rent")
//! or offered as a choice ("rent or buy") says nothing either.

use super::counts::word_at;
use super::negation::is_negator;
use super::tokens::Tok;
use super::Mention;
use crate::intent::Tenure;

/// The verb at `k`, as a tenure.
fn verb_at(toks: &[Tok], k: usize) -> Option<Tenure> {
    match word_at(toks, k)? {
        // "replace 4 broken office chairs": what replaces one's own is owned too.
        "buy" | "buying" | "purchase" | "purchasing" | "replace" | "replacing" => Some(Tenure::Buy),
        "rent" | "renting" | "hire" | "hiring" | "lease" | "leasing" => Some(Tenure::Rent),
        _ => None,
    }
}

/// Words between the items of one list: "rent 10 tables, 50 chairs and a projector".
const JOINS: &[&str] = &["and", "plus", "also", "a", "an", "the", "some"];

/// The tenure of each of `mentions`, in order.
pub(super) fn of_mentions(toks: &[Tok], mentions: &[Mention]) -> Vec<Option<Tenure>> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| mentions[i].pos);
    let mut out = vec![None; mentions.len()];
    let mut prev: Option<usize> = None;
    for i in order {
        let m = &mentions[i];
        // A part of an item said again ("t-shirts: 20 M, 15 L") is had as the item is.
        if let Some(p) = prev.filter(|&p| mentions[p].pos == m.pos) {
            out[i] = out[p];
            continue;
        }
        let from = prev.map_or(0, |p| mentions[p].end.min(m.pos));
        // Back from the item, within its clause.
        let clause = (from..m.pos).rev().take_while(|&k| !toks[k].is_break());
        let clause_start = clause.clone().last().unwrap_or(m.pos);
        out[i] = match clause.clone().find_map(|k| verb_at(toks, k).map(|t| (k, t))) {
            Some((k, tenure)) => said_plainly(toks, k).then_some(tenure),
            None => heading(toks, clause_start, from).or_else(|| said_after(toks, m.end, next_pos(mentions, m.pos))).or_else(|| {
                // "rent 10 tables, 50 chairs and a projector": the list goes on.
                prev.filter(|&p| mentions[p].sentence == m.sentence).filter(|_| (from..m.pos).all(|k| joins(toks, k))).and_then(|p| out[p])
            }),
        };
        prev = Some(i);
    }
    out
}

/// A verb that alone heads the list its clause opens: "Rent: 50 chairs", "To buy: a projector".
fn heading(toks: &[Tok], clause_start: usize, from: usize) -> Option<Tenure> {
    let colon = clause_start.checked_sub(1).filter(|&c| c > from && toks[c] == Tok::Colon)?;
    let verb = colon - 1;
    let alone = verb == 0 || toks[verb - 1].is_break() || matches!(word_at(toks, verb - 1), Some("to" | "please"));
    verb_at(toks, verb).filter(|_| alone)
}

/// A verb said after the item, before the next one in its sentence, that closes its clause: "2
/// projectors (buy, not rent)", "2 projectors for 3 days, buy not rent", "40 chairs to rent".
fn said_after(toks: &[Tok], end: usize, next: usize) -> Option<Tenure> {
    (end..next.min(toks.len())).take_while(|&k| toks[k] != Tok::Stop).find_map(|k| {
        let opens = k.checked_sub(1).is_some_and(|b| toks[b] == Tok::Break || word_at(toks, b) == Some("to"));
        let closes = toks.get(k + 1).is_none_or(Tok::is_break)
            || matches!(word_at(toks, k + 1), Some("not" | "rather" | "instead" | "only" | "them" | "it" | "those" | "for"));
        verb_at(toks, k).filter(|_| opens && closes)
    })
}

/// Where the next item after `pos` is said (the end of the prompt when none is).
fn next_pos(mentions: &[Mention], pos: usize) -> usize {
    mentions.iter().map(|m| m.pos).filter(|&p| p > pos).min().unwrap_or(usize::MAX)
}

/// Whether the verb at `k` is asked plainly: not negated ("don't rent", "do not buy") nor one of
/// two ("rent or buy", "buy or rent").
fn said_plainly(toks: &[Tok], k: usize) -> bool {
    let before = |n: usize| k.checked_sub(n).and_then(|j| word_at(toks, j));
    let negated = [1, 2].into_iter().any(|n| before(n).is_some_and(is_negator));
    let choice = |j: Option<usize>| j.is_some_and(|j| matches!(word_at(toks, j), Some("or" | "and")));
    let either = (choice(k.checked_sub(1)) && k.checked_sub(2).is_some_and(|j| verb_at(toks, j).is_some()))
        || (choice(Some(k + 1)) && verb_at(toks, k + 2).is_some());
    !negated && !either
}

/// Whether the token at `k` only joins one item of a list to the next (a comma, "and", a count).
fn joins(toks: &[Tok], k: usize) -> bool {
    match &toks[k] {
        Tok::Break | Tok::Num(_) => true,
        // ("replace 3 broken chairs and a wobbly table": what makes the next one the user's)
        Tok::Word(w) => JOINS.contains(&w.as_str()) || super::owned::is_owned_word(w),
        Tok::Colon | Tok::Stop => false,
    }
}
