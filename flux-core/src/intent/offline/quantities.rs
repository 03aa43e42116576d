//! The count said with an item: before it ("24 energy drinks", "2 cases of water", "a 24-pack
//! of Red Bull", "3 boxes of 10 pens", "2 office chairs") or after it ("coffee mugs, 24",
//! "lanyards x 40", "energy drinks, 24 please", "20 lanyards, sorry 30").

use super::corrections::is_marker;
use super::counts::word_at;
use super::tokens::Tok;
use super::words::{is_function_word, is_garment_size, is_size_grade, CONTAINER_WORDS, FILLER_WORDS, OCCASIONS, PACKAGE_WORDS};

/// "24-pack", "12-packs", "12-count": how many a package holds.
pub(super) fn package_count(word: &str) -> Option<u64> {
    let (n, unit) = word.split_once('-')?;
    matches!(unit, "pack" | "packs" | "count" | "ct").then(|| n.parse().ok()).flatten()
}

/// Places known by a number, which counts nothing: "room 204", "booth 12".
pub(super) const NUMBERED_PLACES: &[&str] =
    &["room", "table", "booth", "suite", "floor", "gate", "hall", "aisle", "building", "stand", "dock"];

/// Goods whose "pair" is one of them: "a pair of headphones" is one headset, "a pair of hdmi
/// cables" two cables.
const ONE_PAIR: &[&str] = &[
    "headphones",
    "headphone",
    "earbuds",
    "earphones",
    "headsets",
    "headset",
    "scissors",
    "socks",
    "sock",
    "gloves",
    "glove",
    "pants",
    "jeans",
    "shorts",
    "glasses",
    "sunglasses",
    "goggles",
    "shoes",
    "sneakers",
    "boots",
    "slippers",
    "earrings",
    "chopsticks",
    "pliers",
    "tongs",
    "binoculars",
    "trousers",
    "leggings",
];

/// The count of `pair`s (or of whatever `container` is) before the item at `start`, in units:
/// "2 pairs of speaker stands" are four stands (`n` times two), unless a pair is one of the
/// goods ([`ONE_PAIR`]).
fn paired(toks: &[Tok], start: usize, container: Option<&str>, n: u64) -> u64 {
    let one =
        (start..start + 4).take_while(|&k| word_at(toks, k).is_some()).any(|k| word_at(toks, k).is_some_and(|w| ONE_PAIR.contains(&w)));
    if matches!(container, Some("pair" | "pairs")) && !one {
        n.saturating_mul(2)
    } else {
        n
    }
}

/// Words that say a count is of single things, as retail titles write it: "100 count", "10 pcs",
/// "12 ct", "2 ea" (and after the count only, "1 pc": "2 pc speakers" are PC speakers).
pub(super) const COUNT_WORDS: &[&str] = &["count", "ct", "pcs", "ea"];

/// The explicit quantity before an item's description starting at `start`, not crossing a
/// clause break or `floor`: (quantity, it is the article "a"/"an", it counts packages).
pub(super) fn quantity_before(toks: &[Tok], start: usize, floor: usize) -> (Option<u64>, bool, bool) {
    let mut k = start;
    // Where "a" counts one: right before the item, or before its package ("a case of soda").
    let mut one_at = start;
    // The package word right after the count ("cases" of "2 cases of water"), if it is one.
    let mut package: Option<&str> = None;
    // An occasion ("office") stood right before the item.
    let mut occasion = false;
    // The container word right before the item, when it is right after the count ("pairs").
    let mut container: Option<&str> = None;
    while k > floor && start - k < 4 {
        k -= 1;
        match &toks[k] {
            // "2 cases of water", "1 case of water" count cases; "24 cans of energy drinks" cans,
            // and "a 24 pack of Red Bull" is one pack of 24 cans.
            Tok::Num(n) => {
                // "Room 204 snacks", "table 5 water": a place's number, not a count.
                if k > floor && word_at(toks, k - 1).is_some_and(|w| NUMBERED_PLACES.contains(&w)) {
                    return (None, false, false);
                }
                // "3 boxes of 10 pens": thirty pens.
                if let Some(o) = k.checked_sub(3).filter(|o| *o >= floor && one_at == start) {
                    if let (Tok::Num(m), Some(w), Some("of")) = (&toks[o], word_at(toks, o + 1), word_at(toks, o + 2)) {
                        if PACKAGE_WORDS.contains(&w) {
                            return (Some(m.saturating_mul(*n)), false, false);
                        }
                    }
                }
                // "two 12 packs of soda": two packs of 12 cans.
                if let (Some(_), Some(Tok::Num(m))) = (package, toks.get(k.wrapping_sub(1)).filter(|_| k > floor && k + 1 == one_at)) {
                    return (Some(m.saturating_mul(*n)), false, false);
                }
                let packages = k + 1 == one_at && package.is_some_and(|w| counts_packages(w, *n));
                let n = if k + 1 == one_at { paired(toks, start, container, *n) } else { *n };
                return (Some(n), false, packages);
            }
            t if t.is_break() => break,
            // "a projector", "an hdmi adapter": one; "a box of markers": one box (but "a few
            // snacks" is not one).
            Tok::Word(w) if (w == "a" || w == "an") && k + 1 == one_at => {
                // "a pair of hdmi cables": two, said
                let n = paired(toks, start, container, 1);
                return (Some(n), n == 1, package.is_some());
            }
            // "a 24-pack of Red Bull", "two 12-packs of soda"
            Tok::Word(w) if package_count(w).is_some() => {
                // ("2 x 24-pack of water": two packs.)
                let sign = usize::from(k > floor + 1 && word_at(toks, k - 1) == Some("x"));
                let times = match toks.get(k.wrapping_sub(1 + sign)) {
                    Some(Tok::Num(m)) if k > floor + sign => *m,
                    _ => 1,
                };
                return (package_count(w).map(|n| n.saturating_mul(times)), false, false);
            }
            // "10 reams of copy paper", "24 cans of energy drinks": skip packages and filler;
            // any other word ends the search ("ship in 2 days some snacks").
            Tok::Word(w) if CONTAINER_WORDS.contains(&w.as_str()) || COUNT_WORDS.contains(&w.as_str()) => {
                one_at = k;
                container = Some(w.as_str());
                package = PACKAGE_WORDS.contains(&w.as_str()).then_some(w.as_str());
            }
            // ("a nice prize", "a good webcam": "a" counts one over the filler; "a bunch of
            // snacks" is no count.)
            Tok::Word(w) if FILLER_WORDS.contains(&w.as_str()) => {
                if k + 1 == one_at && w != "of" {
                    one_at = k;
                }
            }
            // "2 office chairs", "10 conference badges": the occasion between count and item.
            Tok::Word(w) if OCCASIONS.contains(&w.as_str()) && k + 1 == start => occasion = true,
            // "2 ergonomic office chairs", "3 blue office chairs": what describes the item said
            // before that occasion (not a time: "in 2 days office chairs").
            Tok::Word(w) if occasion && w.bytes().all(|b| b.is_ascii_alphabetic()) && !is_function_word(w) && !is_time(w) => {}
            _ => break,
        }
    }
    // "case of water", "box of pens": one package, as "a case of water" is.
    match package {
        Some(w) if one_at < start && !w.ends_with('s') => (Some(1), true, true),
        _ => (None, false, false),
    }
}

/// A count before an item counting the packs named right after it (the item's `end`): "3 red
/// bull 24-packs" are 72 cans. Said apart or in the singular, a pack's size describes the units:
/// "40 waters (24-packs)", "24 cans of coke, 24-pack".
pub(super) fn in_packs(toks: &[Tok], end: usize, quantity: Option<u64>, packages: bool) -> Option<u64> {
    let size = word_at(toks, end).filter(|w| w.ends_with('s')).and_then(package_count);
    match (quantity, size) {
        (Some(n), Some(size)) if !packages => Some(n.saturating_mul(size)),
        _ => quantity,
    }
}

/// Whether the count before the item at `start` (not before `floor`) is a pack's size: "a
/// 24-pack of water", "two 12-packs of soda".
pub(super) fn pack_size_before(toks: &[Tok], start: usize, floor: usize) -> bool {
    let k = if start > floor && word_at(toks, start - 1) == Some("of") { start - 1 } else { start };
    k > floor && word_at(toks, k - 1).is_some_and(|w| package_count(w).is_some())
}

/// Whether `word` is a unit of time ("2 days", "3 weeks").
pub(super) fn is_time(word: &str) -> bool {
    matches!(word.trim_end_matches('s'), "minute" | "hour" | "day" | "week" | "month" | "year" | "min" | "hr")
}

/// Whether the count at `i` is the item's said again: after a times sign ("lanyards x 40"), or
/// as so many "of them" ("a nice prize, 3 of them"; "sparkling water 8-pack, 3 of them" are
/// three packs).
pub(super) fn counts_the_item(toks: &[Tok], i: usize) -> bool {
    let of_them = word_at(toks, i + 1) == Some("of") && matches!(word_at(toks, i + 2), Some("them" | "those"));
    times_count(toks, i) || (of_them && i.checked_sub(1).is_some_and(|b| toks[b].is_clause_break()))
}

/// Whether `n` before the package word `package` counts packages: "2 cases", "1 case" do, "24
/// pack" is one pack of 24.
pub(super) fn counts_packages(package: &str, n: u64) -> bool {
    package.ends_with('s') || n == 1
}

/// Whether the count at `i` follows a times sign right after its item: "lanyards x 40",
/// "hubs x2" (not "2 x 3": a size).
pub(super) fn times_count(toks: &[Tok], i: usize) -> bool {
    i >= 2 && matches!(toks.get(i), Some(Tok::Num(_))) && word_at(toks, i - 1) == Some("x") && !matches!(toks[i - 2], Tok::Num(_))
}

/// Words that may stand before a count said after its item: "maybe 8", "just get 24" (and a
/// correction's marker: "sorry 30").
const HEDGED_COUNT: &[&str] = &["maybe", "about", "around", "roughly", "approximately", "just", "need", "get", "like", "probably", "say"];

/// A number alone in its clause but for packages ("24", "12 bottles", "40 pcs"), after a clause
/// break, after "x" ("lanyards x 40"), or right after the item (`after_item`: "lanyards - 40",
/// never a year), perhaps followed by what describes the item ("hoodies x10 size XL", put in
/// `described`): returns the tokens used.
pub(super) fn trailing_count_at(toks: &[Tok], i: usize, after_item: bool, described: &mut Vec<String>) -> Option<usize> {
    let Some(Tok::Num(n)) = toks.get(i) else { return None };
    // "t-shirts: 20 medium and 15 large", "t-shirts: medium 20, large 15": one part of a breakdown
    // after another, or after what describes it.
    let part_before = matches!(i.checked_sub(1).map(|b| &toks[b]), Some(Tok::Word(w)) if w == "and")
        || super::after::described_before(toks, |_| false, i).is_some();
    // "hdmi cables, maybe 8", "energy drinks, just get 24", "lanyards, need 40"
    let mut b = i;
    while b > 0 && word_at(toks, b - 1).is_some_and(|w| HEDGED_COUNT.contains(&w) || is_marker(w)) {
        b -= 1;
    }
    let before = b.checked_sub(1).map(|b| &toks[b]);
    // "lanyards x 40", "docks x 2 for the hot desks": the sign says whose count it is, whatever
    // follows it.
    let times = times_count(toks, i);
    let separated = before.is_some_and(Tok::is_clause_break)
        || (b == i && part_before)
        || (after_item && !super::counts::is_year(*n) && matches!(before, Some(Tok::Word(w)) if w != "x" && w != "for"))
        || times;
    if !separated {
        return None;
    }
    let mut j = i + 1;
    // "chairs for 3 days, 50 of them": the count of the item just said (not of a list).
    if word_at(toks, j) == Some("of") && matches!(word_at(toks, j + 1), Some("them" | "those")) {
        j += 2;
    }
    // "5 extra large" is a size, not five extra ones.
    let graded = |j: usize| word_at(toks, j).is_some_and(is_size_grade) && word_at(toks, j + 1).is_some_and(is_garment_size);
    while !graded(j)
        && word_at(toks, j).is_some_and(|w| {
            CONTAINER_WORDS.contains(&w)
                || FILLER_WORDS.contains(&w)
                || COUNT_WORDS.contains(&w)
                || matches!(w, "pc" | "please" | "thanks" | "total")
        })
    {
        j += 1;
    }
    // "hoodies x10 size XL": what describes the item may follow its count to the clause end.
    let mut said = Vec::new();
    let end = super::after::attributes_after(toks, j, &mut said);
    // It ends its clause, or another part follows ("20 medium and 15 large").
    let another = word_at(toks, end) == Some("and") && matches!(toks.get(end + 1), Some(Tok::Num(_)));
    // "tote bags 150 and stickers 500": right after its item, before the next one.
    let next_item = after_item && end == i + 1 && matches!(word_at(toks, end), Some("and" | "plus")) && word_at(toks, end + 1).is_some();
    if !(toks.get(end).is_none_or(Tok::is_break) || another || times || next_item) {
        return None;
    }
    described.extend(said);
    Some(end - i)
}

/// "2 per hacker", ", 2 bottles per person", ", 2 bottles each" at `i` (perhaps after a clause
/// break), ending its clause: the count, what it is per, and where its words end (not "2 each",
/// which may count each item of a list instead, nor "2 cases each").
pub(super) fn rate_after(toks: &[Tok], i: usize) -> Option<(u64, String, usize)> {
    // ("coffee x 2 per person": after a times sign too.)
    let k = i + usize::from(toks.get(i).is_some_and(Tok::is_clause_break) || word_at(toks, i) == Some("x"));
    let Some(Tok::Num(n)) = toks.get(k) else { return None };
    // ("tables for 120 guests, 10 per table" seats ten at a table.)
    if super::counts::seats_at(toks, k).is_some() {
        return None;
    }
    let unit = word_at(toks, k + 1).filter(|w| CONTAINER_WORDS.contains(w));
    let units = unit.is_some_and(|w| !PACKAGE_WORDS.contains(&w));
    let at = k + 1 + usize::from(unit.is_some());
    let (per, used) = super::lists::rate_at(toks, at).filter(|(per, _)| !per.is_empty() || units)?;
    let end = at + used;
    let each = per.is_empty() && word_at(toks, end) == Some("for");
    let per = if per.is_empty() { "person".to_owned() } else { per };
    (toks.get(end).is_none_or(Tok::is_break) || each).then_some((*n, per, end))
}
