//! Colours or sizes listed for one item and counted each: "hoodies in black and navy, 15 each",
//! "t-shirts in S, M and L, 10 of each", "black and navy hoodies, 15 each" are one need per
//! colour or size, each with the count — not the first colour alone. A count said in halves
//! ("40 hoodies, half black half grey") is two needs of half the count each.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_colour, is_garment_size};
use super::Mention;

/// Whether `w` is a colour or a garment size: what one item comes in several of.
fn is_variant(w: &str) -> bool {
    is_colour(w) || is_garment_size(w)
}

/// Whether `w` is a variant of the same kind as `a`: both colours, or both garment sizes.
fn same_kind(a: &str, w: &str) -> bool {
    (is_colour(a) && is_colour(w)) || (is_garment_size(a) && is_garment_size(w))
}

/// Whether `toks[k]` joins two variants: a comma, "and" or "or".
fn joins(toks: &[Tok], k: usize) -> bool {
    toks.get(k) == Some(&Tok::Break) || matches!(word_at(toks, k), Some("and" | "or"))
}

/// The variants listed with `toks[at]` (a colour or size of the item), after it ("in black and
/// navy") or before it ("black and navy hoodies"), in the order said, and where the list ends.
fn listed(toks: &[Tok], at: usize, item_end: usize) -> (Vec<String>, usize) {
    let Some(first) = word_at(toks, at) else { return (Vec::new(), at) };
    let variant = |k: usize| word_at(toks, k).filter(|w| same_kind(first, w));
    let mut before = Vec::new();
    let mut k = at;
    while k >= 2 && joins(toks, k - 1) {
        // ("red, white, and blue": a comma and "and" join once.)
        let step = 2 + usize::from(k >= 3 && joins(toks, k - 2) && toks[k - 1] != toks[k - 2]);
        let Some(w) = k.checked_sub(step).and_then(variant) else { break };
        before.push(w.to_owned());
        k -= step;
    }
    before.reverse();
    let mut after = vec![first.to_owned()];
    let mut end = (at + 1).max(item_end);
    let mut k = at + 1;
    loop {
        let mut j = k;
        while joins(toks, j) {
            j += 1;
        }
        match variant(j).filter(|_| j > k) {
            Some(w) => {
                after.push(w.to_owned());
                k = j + 1;
                end = end.max(k);
            }
            None => break,
        }
    }
    before.extend(after);
    (before, end)
}

/// Where colours or sizes listed on their own after the item and a comma start: "40 t-shirts, M
/// and L", "100 t-shirts, sizes L and XL", "hoodies, mostly black and navy" — to the clause's end
/// (or a count of each: "M and L, 20 each").
fn listed_after(toks: &[Tok], m: &Mention) -> Option<usize> {
    toks.get(m.end).filter(|t| t.is_clause_break())?;
    let mut k = m.end + 1;
    while word_at(toks, k).is_some_and(|w| matches!(w, "in" | "sizes" | "colors" | "colours" | "mostly" | "mainly" | "both")) {
        k += 1;
    }
    word_at(toks, k).filter(|w| is_variant(w))?;
    let (variants, end) = listed(toks, k, k + 1);
    (variants.len() >= 2 && toks.get(end).is_none_or(Tok::is_break)).then_some(k)
}

/// Whether "`n` each" or "`n` of each" is said at `k` (after a clause break).
fn counted_each(toks: &[Tok], k: usize, n: u64) -> bool {
    let k = k + usize::from(toks.get(k).is_some_and(Tok::is_clause_break));
    let each = |j: usize| word_at(toks, j) == Some("each");
    toks.get(k) == Some(&Tok::Num(n)) && (each(k + 1) || (word_at(toks, k + 1) == Some("of") && each(k + 2)))
}

/// `m` in `variant`: its colour (or size) replaced by that one.
fn in_variant(m: &Mention, variant: String) -> Mention {
    let mut attributes: Vec<String> = m.attributes.iter().filter(|a| !same_kind(a, &variant)).cloned().collect();
    attributes.push(variant);
    Mention { attributes, ..m.clone() }
}

/// Replaces each mention by the parts `parts_of` makes of it, in place; `None` keeps it.
fn split_by(mentions: &mut Vec<Mention>, mut parts_of: impl FnMut(&Mention) -> Option<Vec<Mention>>) {
    let mut k = 0;
    while k < mentions.len() {
        match parts_of(&mentions[k]) {
            Some(parts) => {
                let len = parts.len();
                mentions.splice(k..=k, parts);
                k += len;
            }
            None => k += 1,
        }
    }
}

/// Splits each mention said with a list of its colours or sizes into one mention per colour or
/// size: counted "each", each with the count; counted in all ("40 t-shirts in M and L"), the count
/// in equal parts (the first the larger); uncounted ("hoodies in black and navy for 20 people"),
/// each uncounted, to share the head count ([`super::needs`]).
pub(super) fn split(toks: &[Tok], mentions: &mut Vec<Mention>) {
    split_by(mentions, |m| {
        // The first colour or size said of it; the others read with it ("in S, M, L": "s", "m")
        // must be in its list.
        let at = match m.attributes.iter().find(|a| is_variant(a)) {
            Some(first) => (m.pos.saturating_sub(1)..m.end.min(toks.len())).find(|&j| word_at(toks, j) == Some(first.as_str()))?,
            None => listed_after(toks, m)?,
        };
        let first = word_at(toks, at)?;
        let (variants, end) = listed(toks, at, m.end);
        let within = m.attributes.iter().filter(|a| same_kind(first, a)).all(|a| variants.contains(a));
        let n = variants.len() as u64;
        if n < 2 || !within {
            return None;
        }
        let share = |k: u64| match m.quantity {
            Some(q) if counted_each(toks, end, q) => Some(Some(q)),
            None => Some(None),
            Some(q) if !m.article && m.rate.is_none() && q >= n => Some(Some(q / n + u64::from(k < q % n))),
            Some(_) => None,
        };
        let parts: Option<Vec<Mention>> = variants
            .into_iter()
            .enumerate()
            .map(|(k, v)| share(k as u64).map(|quantity| Mention { quantity, ..in_variant(m, v) }))
            .collect();
        parts
    });
}

/// "half black half grey", "half M and half L" at `i`: the two colours or sizes and the end.
fn halves_at(toks: &[Tok], i: usize) -> Option<(String, String, usize)> {
    let half = |k: usize| word_at(toks, k) == Some("half");
    let variant = |k: usize| word_at(toks, k).filter(|w| is_variant(w));
    let first = variant(i + 1).filter(|_| half(i))?;
    let mut j = i + 2;
    while joins(toks, j) {
        j += 1;
    }
    let second = variant(j + 1).filter(|w| half(j) && same_kind(first, w))?;
    toks.get(j + 2).is_none_or(Tok::is_break).then(|| (first.to_owned(), second.to_owned(), j + 2))
}

/// Splits each counted mention followed by its halves ("40 hoodies, half black half grey") into
/// the two halves (the first the larger of an odd count), and marks their words read.
pub(super) fn halves(toks: &[Tok], read: &mut [bool], mentions: &mut Vec<Mention>) {
    split_by(mentions, |m| {
        let start = m.end + usize::from(toks.get(m.end).is_some_and(Tok::is_clause_break));
        let (n, (first, second, end)) = m.quantity.filter(|n| *n >= 2).zip(halves_at(toks, start))?;
        let len = read.len();
        read[m.end.min(len)..end.min(len)].iter_mut().for_each(|r| *r = true);
        let part = |variant: String, quantity: u64| Mention { quantity: Some(quantity), end, ..in_variant(m, variant) };
        Some(vec![part(first, n.div_ceil(2)), part(second, n / 2)])
    });
}
