//! An item named once for several counts of it: "10 small, 10 medium and 10 large t-shirts",
//! "25 navy and 25 black lanyards", "8 HDMI and 8 ethernet cables". Each count with its size,
//! colour or kind is its own item, so the tokens are written out as the shopper meant them: "10
//! small t-shirts, 10 medium t-shirts, 10 large t-shirts". Kinds said without counts are items of
//! their own too: "HDMI and ethernet cables" are HDMI cables and ethernet cables, "sweet and salty
//! snacks" sweet snacks and salty snacks.

use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_colour, is_garment_size, is_shade, CONNECTOR_WORDS};
use crate::terms::is_taste;

/// Most words of the item named at the end ("black crew-neck t-shirts").
const MAX_ITEM_WORDS: usize = 4;

/// Words that tell kinds of one item apart, said alone before it, besides its connector
/// ([`CONNECTOR_WORDS`]: "8 HDMI and 8 ethernet cables", "10 USB-C and 10 Lightning cables"): its
/// recipe ("24 regular and 24 diet coke"). The first count's item was read as nothing, or as the
/// kind alone.
const KIND_WORDS: &[&str] = &["regular", "diet", "decaf", "zero", "sugar-free", "caffeine-free", "sparkling", "still"];

/// Most tokens of what is said of uncounted kinds' item after it ("for the 4 conference rooms").
const MAX_TAIL_TOKENS: usize = 6;

/// Where the item named after uncounted kinds ends ("for 40 people", "with adapters"); what is
/// said of it with "for", "in", "at" or "from" is written out after each kind.
const ITEM_ENDS: &[&str] = &["and", "or", "plus", "for", "with", "from", "at", "by", "in", "on", "per"];

/// A count's describing words at `k`: sizes and colours ("large", "navy", "royal blue"), or one
/// word of a kind ([`KIND_WORDS`]). Returns where they end.
fn described(toks: &[Tok], mut k: usize) -> Option<usize> {
    let start = k;
    if let Some(Tok::Word(w)) = toks.get(k) {
        // (or a taste: "sweet and salty snacks")
        if KIND_WORDS.contains(&w.as_str()) || CONNECTOR_WORDS.contains(&w.as_str()) || is_taste(w) {
            return Some(k + 1);
        }
    }
    while let Some(Tok::Word(w)) = toks.get(k) {
        if is_garment_size(w) || is_colour(w) || (is_shade(w) && matches!(toks.get(k + 1), Some(Tok::Word(c)) if is_colour(c))) {
            k += 1;
        } else {
            break;
        }
    }
    (k > start).then_some(k)
}

/// Where the separator between two counts at `k` ends: a comma, "and", ", and", "or", "plus".
fn separated(toks: &[Tok], k: usize) -> Option<usize> {
    let joins = |t: Option<&Tok>| matches!(t, Some(Tok::Word(w)) if matches!(w.as_str(), "and" | "or" | "plus"));
    match toks.get(k) {
        Some(Tok::Break) if joins(toks.get(k + 1)) => Some(k + 2),
        Some(Tok::Break) => Some(k + 1),
        t if joins(t) => Some(k + 1),
        _ => None,
    }
}

/// The tokens with every shared item written out after each of its counts.
pub(super) fn share_items(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if let Some((groups, item, end)) = run_at(&toks, i).or_else(|| uncounted_run_at(&toks, i)) {
            for (n, (from, to)) in groups.iter().enumerate() {
                if n > 0 {
                    out.push(Tok::Break);
                }
                out.extend_from_slice(&toks[*from..*to]);
                out.extend_from_slice(&toks[item.0..item.1]);
            }
            i = end;
        } else {
            out.push(toks[i].clone());
            i += 1;
        }
    }
    out
}

/// A run of kinds sharing one item: each kind's span (its count, if said, and describing words),
/// the item's span, and where the run ends.
type Run = (Vec<(usize, usize)>, (usize, usize), usize);

/// The counts at `i` that share the item named after the last of them.
fn run_at(toks: &[Tok], i: usize) -> Option<Run> {
    let mut groups = Vec::new();
    let mut k = i;
    loop {
        let Some(Tok::Num(_)) = toks.get(k) else { return None };
        let end = described(toks, k + 1)?;
        groups.push((k, end));
        match separated(toks, end) {
            Some(next) if matches!(toks.get(next), Some(Tok::Num(_))) => k = next,
            // The item, after the last count: words up to the clause's end.
            _ => {
                let item_end = (end..toks.len().min(end + MAX_ITEM_WORDS + 1))
                    .find(|&j| !matches!(toks.get(j), Some(Tok::Word(w)) if !matches!(w.as_str(), "and" | "or" | "plus")))
                    .unwrap_or(toks.len().min(end + MAX_ITEM_WORDS));
                let ends = toks.get(item_end).is_none_or(Tok::is_break) || matches!(toks.get(item_end), Some(Tok::Word(_)));
                return (groups.len() >= 2 && item_end > end && ends).then_some((groups, (end, item_end), item_end));
            }
        }
    }
}

/// Kinds without counts that share the item named after the last of them, at `i`: "HDMI, USB-C
/// and ethernet cables". At least one "and" (or "or", "plus") joins them, so a list of kinds after
/// an item ("lanyards in blue, green and red") names none; no count comes before the first ("10
/// HDMI and ethernet cables" might be ten in all).
fn uncounted_run_at(toks: &[Tok], i: usize) -> Option<Run> {
    if i > 0 && (matches!(toks[i - 1], Tok::Num(_)) || described(toks, i - 1).is_some()) {
        return None;
    }
    let (mut groups, mut joined, mut k) = (Vec::new(), false, i);
    loop {
        let end = described(toks, k)?;
        groups.push((k, end));
        match separated(toks, end) {
            Some(next) if described(toks, next).is_some() => {
                joined |= !matches!(toks.get(next - 1), Some(Tok::Break));
                k = next;
            }
            // The item, after the last kind: its words up to what is said of it; and what is said
            // of it to the clause's end ("for the 4 conference rooms"), which each kind is for.
            _ => {
                let item_end = (end..toks.len().min(end + MAX_ITEM_WORDS))
                    .find(|&j| !matches!(toks.get(j), Some(Tok::Word(w)) if !ITEM_ENDS.contains(&w.as_str())))
                    .unwrap_or(toks.len().min(end + MAX_ITEM_WORDS));
                let said_of = matches!(word_at(toks, item_end), Some("for" | "in" | "at" | "from"));
                let limit = toks.len().min(item_end + MAX_TAIL_TOKENS);
                let stops = |j: usize| {
                    toks[j].is_break()
                        || matches!(toks[j], Tok::Colon | Tok::Stop)
                        || matches!(word_at(toks, j), Some("and" | "or" | "plus"))
                };
                let tail_end = match (item_end..limit).find(|&j| stops(j)) {
                    Some(j) if said_of => j,
                    None if said_of && limit == toks.len() => limit,
                    _ => item_end,
                };
                let ok = groups.len() >= 2 && joined && item_end > end;
                return ok.then_some((groups, (end, tail_end), tail_end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;

    fn text(prompt: &str) -> String {
        tokenize(prompt)
            .iter()
            .map(|t| match t {
                super::Tok::Word(w) => w.clone(),
                super::Tok::Num(n) => n.to_string(),
                super::Tok::Break => ",".into(),
                super::Tok::Colon => ":".into(),
                super::Tok::Stop => ".".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn each_count_gets_the_item_named_once() {
        assert_eq!(text("10 small, 10 medium and 10 large t-shirts"), "10 small t-shirts , 10 medium t-shirts , 10 large t-shirts");
        assert_eq!(text("25 navy and 25 black lanyards"), "25 navy lanyards , 25 black lanyards");
        assert_eq!(text("10 royal blue and 5 white lanyards for staff"), "10 royal blue lanyards for staff , 5 white lanyards for staff");
        // "8 HDMI and 8 ethernet cables" bought only the ethernet cables.
        assert_eq!(text("8 HDMI and 8 ethernet cables"), "8 hdmi cables , 8 ethernet cables");
        assert_eq!(text("10 USB-C and 10 Lightning cables"), "10 usb-c cables , 10 lightning cables");
        assert_eq!(text("24 regular and 24 diet coke"), "24 regular coke , 24 diet coke");
        // One count, or counts of items of their own, are left as they are.
        assert_eq!(text("10 large t-shirts"), "10 large t-shirts");
        assert_eq!(text("10 black hoodies and 10 white t-shirts"), "10 black hoodies and 10 white t-shirts");
        assert_eq!(text("8 hdmi cables and 8 ethernet cables"), "8 hdmi cables and 8 ethernet cables");
    }

    #[test]
    fn kinds_without_counts_share_the_item_too() {
        // "HDMI and ethernet cables" bought only the ethernet cables ("hdmi" was not read).
        assert_eq!(text("hdmi and ethernet cables"), "hdmi cables , ethernet cables");
        // What is said of the item after it is each kind's.
        assert_eq!(
            text("hdmi, usb-c and ethernet cables for the demo room"),
            "hdmi cables for the demo room , usb-c cables for the demo room , ethernet cables for the demo room"
        );
        assert_eq!(text("sweet and salty snacks for 40 people"), "sweet snacks for 40 people , salty snacks for 40 people");
        assert_eq!(
            text("hdmi and usb-c adapters for 4 rooms and 24 cokes"),
            "hdmi adapters for 4 rooms , usb-c adapters for 4 rooms and 24 cokes"
        );
        assert_eq!(text("need small and large t-shirts"), "need small t-shirts , large t-shirts");
        // Kinds listed after their item, without "and", or after a count are left as they are.
        assert_eq!(text("lanyards in blue, green and red"), "lanyards in blue , green and red");
        assert_eq!(text("hdmi, ethernet cables"), "hdmi , ethernet cables");
        assert_eq!(text("10 hdmi and ethernet cables"), "10 hdmi and ethernet cables");
        assert_eq!(text("red bull and diet coke"), "red bull and diet coke");
    }
}
