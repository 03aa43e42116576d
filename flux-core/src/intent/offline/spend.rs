//! A sum to spend on an item, said before it ("$200 for snacks", "spend $200 on drinks", "$100
//! worth of candy", "a $500 prize budget") or after it in a clause of its own ("snacks: $200",
//! "snacks ($200)", "prize budget: $500"): the attribute `spend $N` (`Need::spend`). Not a price
//! cap ("under $200", "max $50": `after::price_cap_at`), nor a face value ("a $100 gift card"),
//! nor a price each ("$2 each").

use super::after::dollars_at;
use super::counts::word_at;
use super::tokens::Tok;
use super::Mention;
use crate::intent::Vocabulary;
use crate::money::Amount;

/// How an attribute of a sum to spend starts: `spend $200`.
const SPEND: &str = "spend $";

/// Whether an attribute is a sum to spend (`spend $N`), which says how much, not which kind.
pub(super) fn is_spend(attribute: &str) -> bool {
    attribute.starts_with(SPEND)
}

/// The sum to spend on `m`, if one is said.
fn sum_of(m: &Mention) -> Option<Amount> {
    m.attributes.iter().find_map(|a| a.strip_prefix(SPEND)).and_then(|s| Amount::parse(s).ok())
}

/// A sum to spend as a cap on the total (`max $N total`), where the count is known otherwise: one
/// each of a head count.
pub(super) fn spend_as_cap(attribute: &mut String) {
    if let Some(sum) = attribute.strip_prefix(SPEND) {
        *attribute = format!("max ${sum} total");
    }
}

/// The attribute of a sum to spend.
fn spend(sum: &str) -> String {
    format!("{SPEND}{sum}")
}

/// A sum to spend said before the item that starts at `start`, no further back than `floor`:
/// "$200 for", "200 dollars on", "$100 worth of", "spend $200 on", "a $150 budget for". Returns
/// the attribute and where it starts.
pub(super) fn before(toks: &[Tok], start: usize, floor: usize) -> Option<(String, usize)> {
    let link = start.checked_sub(1).filter(|l| *l > floor)?;
    let end = match word_at(toks, link)? {
        "for" | "on" => link,
        "of" if link > floor + 1 && word_at(toks, link - 1) == Some("worth") => link - 1,
        _ => return None,
    };
    // ("a $150 budget for drinks")
    let budget = end > floor + 1 && word_at(toks, end - 1) == Some("budget");
    let end = end - usize::from(budget);
    let (sum, at) = (1..=2)
        .filter_map(|n| end.checked_sub(n))
        .filter(|at| *at >= floor)
        .find_map(|at| dollars_at(toks, at).filter(|(_, used)| at + used == end).map(|(sum, _)| (sum, at)))?;
    // ("spend $200 on snacks"; the article of "a $150 budget for drinks" counts no drink)
    let opener = |w: &str| matches!(w, "spend" | "spending") || (budget && matches!(w, "a" | "an" | "our" | "the"));
    let at = at - usize::from(at > floor && word_at(toks, at.wrapping_sub(1)).is_some_and(opener));
    Some((spend(&sum), at))
}

/// A sum to spend said after an item, at `k`: "snacks: $200", "snacks ($200)", "snacks, about
/// $200", "prize budget: $500", "swag, $300 budget" — ending its clause. Returns the attribute
/// and the tokens it took.
pub(super) fn after(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    let mut j = k;
    let budget = word_at(toks, j) == Some("budget");
    j += usize::from(budget);
    let opened = toks.get(j).is_some_and(Tok::is_clause_break);
    j += usize::from(opened);
    if !(budget || opened) {
        return None;
    }
    j += usize::from(matches!(word_at(toks, j), Some("about" | "around" | "roughly" | "approximately" | "approx" | "~")));
    let (sum, used) = dollars_at(toks, j)?;
    j += used;
    j += usize::from(word_at(toks, j) == Some("budget"));
    // The bracket that closed it: "($200)".
    j += usize::from(opened && toks.get(j) == Some(&Tok::Break) && toks.get(j + 1).is_none_or(Tok::is_break));
    toks.get(j).is_none_or(Tok::is_break).then(|| (spend(&sum), j - k))
}

/// "a $500 prize budget", "our $300 swag budget": "budget" right after the item (`start..end`)
/// makes the sum said before it (read as its face value, "$500") the sum to spend on it, and
/// the article before is the budget's ("a $500 prize budget" is no count of one prize). Returns
/// where the item starts and ends; it reads back no further than `floor`.
pub(super) fn budget_after(toks: &[Tok], (start, end): (usize, usize), floor: usize, attributes: &mut [String]) -> (usize, usize) {
    let sum = attributes.iter_mut().find(|a| a.starts_with('$') && a.len() > 1);
    match sum {
        Some(sum) if word_at(toks, end) == Some("budget") => {
            *sum = spend(&sum[1..]);
            let article = start > floor && matches!(word_at(toks, start - 1), Some("a" | "an" | "our" | "the" | "my" | "your"));
            (start - usize::from(article), end + 1)
        }
        _ => (start, end),
    }
}

/// Base units in a cent.
const CENT: u64 = 10_000;

/// `sum` shared equally by `n`, as sums to spend, in whole cents: $100 for three is 33.34, 33.33
/// and 33.33 (the first takes what does not divide).
fn shares(sum: Amount, n: usize) -> Vec<String> {
    let n = u64::try_from(n).unwrap_or(u64::MAX).max(1);
    let each = sum.units() / CENT / n * CENT;
    let rest = sum.units() - each * n;
    (0..n).map(|k| spend(&Amount::from_units(each + if k == 0 { rest } else { 0 }).unwrap_or(Amount::ZERO).to_string())).collect()
}

/// "$300 for prizes and snacks": a sum said before a list of items with no count of their own is
/// the list's, shared equally (the first takes what does not divide), not the first item's with
/// the rest bought on top. A list ends at a counted item ("$200 for snacks and 24 energy drinks"
/// spends it on the snacks).
pub(super) fn share_over_lists(toks: &[Tok], mentions: &mut [Mention]) {
    let mut i = 0;
    while i < mentions.len() {
        let first = &mentions[i];
        // ("$300 for prizes", "$300 for party prizes": the item's head a word or two after "for")
        let said_before = (first.pos.saturating_sub(2)..=first.pos).any(|s| before(toks, s, 0).is_some());
        let Some(sum) = sum_of(first).filter(|_| said_before && first.quantity.is_none()) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while let Some(next) = mentions.get(end) {
            let prev = &mentions[end - 1];
            let joined = prev.end <= next.pos
                && (prev.end..next.pos).all(|k| toks[k] == Tok::Break || matches!(word_at(toks, k), Some("and" | "or" | "plus")));
            if !(joined && next.sentence == first.sentence && next.quantity.is_none() && !next.attributes.iter().any(|a| is_spend(a))) {
                break;
            }
            end += 1;
        }
        if end - i > 1 {
            for (m, share) in mentions[i..end].iter_mut().zip(shares(sum, end - i)) {
                m.attributes.retain(|a| !is_spend(a));
                m.attributes.push(share);
            }
        }
        i = end;
    }
}

/// "hoodies for 10 people, $300 for swag": a sum for a whole category of which items are asked
/// is theirs, shared equally as [`share_over_lists`] shares one — not a second need of the
/// category, spent besides (it bought 250 stickers and the hoodies on top).
pub(super) fn give_to_kinds(mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    let whole = |m: &Mention| vocab.categories().get(m.category).is_some_and(|d| d.is_whole(&m.item));
    let mut gone = Vec::new();
    for h in 0..mentions.len() {
        let m = &mentions[h];
        let Some(sum) = sum_of(m).filter(|_| m.quantity.is_none() && whole(m)) else { continue };
        let kinds: Vec<usize> = (0..mentions.len()).filter(|&k| k != h && mentions[k].category == m.category).collect();
        let spent = |k: &usize| whole(&mentions[*k]) || mentions[*k].attributes.iter().any(|a| is_spend(a));
        if kinds.is_empty() || kinds.iter().any(spent) {
            continue;
        }
        for (k, share) in kinds.iter().zip(shares(sum, kinds.len())) {
            mentions[*k].attributes.push(share);
        }
        gone.push(h);
    }
    for h in gone.into_iter().rev() {
        mentions.remove(h);
    }
}
