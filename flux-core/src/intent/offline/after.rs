//! What is said right after an item and describes it: colours, sizes, measures, versions and
//! what it is free of ("t-shirts in black", "t-shirts size XL", "hdmi cables, 25 ft", "snacks,
//! nut free").

mod logos;

use super::counts::word_at;
use super::exclusions::ruled_out_after;
use super::tokens::Tok;
use super::words::{
    is_attribute, is_colour, is_function_word, is_garment_size, is_measure, is_people, is_shade, is_size_grade, CONNECTOR_WORDS,
};
use crate::intent::budget::CAPPING;
use crate::intent::phrases::PhraseTable;
pub(super) use logos::logo_for_all;
use logos::{logo_at, past_whose};

/// A colour made precise by a shade: "royal blue", "heather gray"; but "navy blue" is navy, as
/// catalogs call it.
pub(super) fn shaded(shade: &str, colour: &str) -> String {
    if shade == "navy" {
        shade.to_owned()
    } else {
        format!("{shade} {colour}")
    }
}

/// Whether "free" after `word` can say what an item is free of ("sugar free"; not "for free").
pub(super) fn can_be_free_of(word: &str) -> bool {
    word.len() > 2 && word.bytes().all(|b| b.is_ascii_alphabetic()) && !is_function_word(word)
}

/// What an item is free of, said at `k`: "sugar free", "nut-free", "Sugarfree", "zero sugar" —
/// as an attribute ("sugar-free"), and how many words it took.
fn free_of_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    match (word_at(toks, k)?, word_at(toks, k + 1)) {
        (w, Some("free")) if can_be_free_of(w) => Some((format!("{w}-free"), 2)),
        ("zero", Some(w)) if can_be_free_of(w) => Some((format!("zero {w}"), 2)),
        (w, _) => {
            let of = w.strip_suffix("-free").or_else(|| w.strip_suffix("free"))?;
            can_be_free_of(of).then(|| (format!("{of}-free"), 1))
        }
    }
}

/// A value said at `k`, perhaps after a comma: "worth $100", "valued at $50", ", worth $50 each",
/// ", $50 each" — as the sum ("$100"), and the tokens it took. The ranking reads it as a face
/// value for goods that have one, and as nothing else.
fn value_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    let comma = toks.get(k).is_some_and(Tok::is_clause_break);
    let mut j = k + usize::from(comma);
    let worth = matches!(word_at(toks, j), Some("worth" | "valued" | "value"));
    // "10 Visa gift cards, $50 each": the sum each is, said alone after a comma.
    let each = comma && word_at(toks, j + 1) == Some("each");
    if !worth && !each {
        return None;
    }
    j += usize::from(worth);
    j += usize::from(worth && matches!(word_at(toks, j), Some("at" | "of")));
    let sum = word_at(toks, j).filter(|w| w.len() > 1 && w.starts_with('$') && w[1..].bytes().all(|b| b.is_ascii_digit()))?;
    j += 1 + usize::from(word_at(toks, j + 1) == Some("each"));
    Some((sum.to_owned(), j - k))
}

/// A sum at `j`: "$200", "$49.99", "200 dollars", "200 usd" — as its text, and its tokens.
pub(super) fn dollars_at(toks: &[Tok], j: usize) -> Option<(String, usize)> {
    match (toks.get(j)?, word_at(toks, j + 1)) {
        (Tok::Word(w), _) if w.len() > 1 && w.starts_with('$') && crate::money::Amount::parse(&w[1..]).is_ok() => {
            Some((w[1..].to_owned(), 1))
        }
        (Tok::Num(n), Some("dollars" | "dollar" | "bucks" | "usd" | "usdc")) => Some((n.to_string(), 2)),
        _ => None,
    }
}

/// The most an item may cost, said at `k` (perhaps after a comma): "under $200", "max $50", "no
/// more than 30 dollars each", "$50 max", "$20 or less" — the attribute `max $N`, for each unit;
/// "for under $200", "$500 total", "$500 in total" — `max $N total`, for all of it. Returns it
/// and the tokens it took.
fn price_cap_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    let mut j = k + usize::from(toks.get(k).is_some_and(Tok::is_clause_break));
    // "for no more than $300": the price of what is asked; "costing under $50", "priced below $20"
    let for_all = word_at(toks, j) == Some("for");
    j += usize::from(matches!(word_at(toks, j), Some("for" | "costing" | "priced")));
    let lead = CAPPING.iter().find(|words| words.iter().enumerate().all(|(n, w)| word_at(toks, j + n) == Some(*w)));
    j += lead.map_or(0, |words| words.len());
    let (sum, used) = dollars_at(toks, j)?;
    j += used;
    if lead.is_none() {
        // "$50 max", "$20 or less", "$30 tops"
        match (word_at(toks, j), word_at(toks, j + 1)) {
            (Some("max" | "maximum" | "tops"), _) => j += 1,
            (Some("or"), Some("less" | "under" | "below")) => j += 2,
            _ => return None,
        }
    }
    let each = matches!(word_at(toks, j), Some("each" | "apiece"));
    j += usize::from(each);
    let total = match (word_at(toks, j), word_at(toks, j + 1)) {
        (Some("total" | "altogether" | "overall" | "combined"), _) => 1,
        (Some("in"), Some("total")) => 2,
        _ => 0,
    };
    j += total;
    let whole = !each && (for_all || total > 0);
    Some((format!("max ${sum}{}", if whole { " total" } else { "" }), j - k))
}

/// A measure said as a minimum at `k` (perhaps after a comma), ending its clause: "with 12
/// outlets", "at least 15 ft (each)", "minimum 20 ft", "nothing shorter than 10 ft" — the measure, and
/// the tokens it took.
fn minimum_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    let mut j = k + usize::from(toks.get(k).is_some_and(Tok::is_clause_break));
    let less = |w: Option<&str>| matches!(w, Some("shorter" | "smaller" | "less" | "fewer"));
    j += match (word_at(toks, j), word_at(toks, j + 1)) {
        (Some("at"), Some("least")) => 2,
        (Some("with"), Some("at")) if word_at(toks, j + 2) == Some("least") => 3,
        (Some("with" | "minimum" | "min"), _) => 1,
        (Some("nothing" | "no" | "not"), w) if less(w) && word_at(toks, j + 2) == Some("than") => 3,
        _ => return None,
    };
    let w = word_at(toks, j).filter(|w| is_measure(w) && w.starts_with(|c: char| c.is_ascii_digit()))?;
    // "with 6 ft cords" names another thing; "15 ft long" is the measure.
    j += 1 + usize::from(word_at(toks, j + 1) == Some("long"));
    measure_end(toks, j).map(|end| (w.to_owned(), end - k))
}

/// Where what follows a measure ends, from `k`: nothing, "each", "or longer", "or more" and
/// then the clause's end — `None` when anything else follows.
fn measure_end(toks: &[Tok], mut k: usize) -> Option<usize> {
    k += usize::from(matches!(word_at(toks, k), Some("each" | "apiece")));
    if word_at(toks, k) == Some("or") && matches!(word_at(toks, k + 1), Some("longer" | "more" | "bigger" | "larger" | "above")) {
        k += 2;
    }
    toks.get(k).is_none_or(Tok::is_break).then_some(k)
}

/// Whether `w` is a connector one plugs in ([`CONNECTOR_WORDS`] but the wireless ones).
fn is_plug(w: &str) -> bool {
    CONNECTOR_WORDS.contains(&w) && !matches!(w, "wifi" | "wi-fi" | "bluetooth")
}

/// Whether another plug is listed at `k`, after a comma or "and": "usb-c, ethernet".
fn plug_follows(toks: &[Tok], k: usize) -> bool {
    let k = k + usize::from(toks.get(k) == Some(&Tok::Break)) + usize::from(word_at(toks, k + 1) == Some("and"));
    word_at(toks, k).is_some_and(is_plug)
}

/// A colour written as one hyphenated word: "navy-blue", "royal-blue".
pub(super) fn colour_compound(word: &str) -> Option<String> {
    let (shade, colour) = word.split_once('-')?;
    ((is_shade(shade) || is_colour(shade)) && is_colour(colour)).then(|| shaded(shade, colour))
}

/// Words of politeness that may close a clause: "snacks, nut free please".
const POLITE: &[&str] = &["please", "pls", "plz", "thanks", "thank", "you", "thx", "only"];

/// Whether the clause ends at `k`, but for words of politeness.
pub(super) fn ends_clause(toks: &[Tok], mut k: usize) -> bool {
    while word_at(toks, k).is_some_and(|w| POLITE.contains(&w)) {
        k += 1;
    }
    toks.get(k).is_none_or(Tok::is_break)
}

/// Past the word that a description is said of at `k`, if one is: "gluten-free options",
/// "nut-free ones", "sugar free versions".
pub(super) fn past_options(toks: &[Tok], k: usize) -> usize {
    k + usize::from(word_at(toks, k).is_some_and(|w| matches!(w, "options" | "option" | "ones" | "choices" | "versions")))
}

/// Where a run of freedoms joined to one before `k` ends: "nut-free" in "dairy-free and
/// nut-free", "or gluten free".
fn more_freedoms_end(toks: &[Tok], mut k: usize) -> usize {
    while matches!(word_at(toks, k), Some("and" | "or")) {
        let Some((_, used)) = free_of_at(toks, k + 1) else { break };
        k += 1 + used;
    }
    k
}

/// What describes an item when said on its own after a comma or in brackets: "nut free", "navy
/// blue", "navy-blue", "black", "large", "2XL" — as an attribute, and how many words it took.
fn described_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    if let Some(free) = free_of_at(toks, k) {
        return Some(free);
    }
    let w = word_at(toks, k)?;
    match word_at(toks, k + 1) {
        Some(colour) if is_shade(w) && is_colour(colour) => Some((shaded(w, colour), 2)),
        // "extra large"
        Some(size) if is_size_grade(w) && is_garment_size(size) => Some((format!("{w} {size}"), 2)),
        // "size XL"
        Some(size) if w == "size" && is_garment_size(size) => Some((format!("size {size}"), 2)),
        _ if is_colour(w) || is_garment_size(w) => Some((w.to_owned(), 1)),
        _ => colour_compound(w).map(|c| (c, 1)),
    }
}

/// What describes an item said on its own just before the count at `count`, after a comma, and
/// not `taken` by another count: "grey" in "hoodies: black, 12, grey, 8", not "medium" in
/// "t-shirts, 20 medium, 20". Before a times sign it may follow the item itself ("t-shirts size
/// M x 10") or the part before it ("M x 10 and XL x 12"). Returns it and where it starts.
pub(super) fn described_before(toks: &[Tok], taken: impl Fn(usize) -> bool, count: usize) -> Option<(String, usize)> {
    let times = super::quantities::times_count(toks, count);
    // "grey, 8", or "grey 8" after a comma or colon of its own ("t-shirts: medium 20, large 15").
    let comma = count.checked_sub(1).filter(|c| toks[*c].is_clause_break());
    let end = if times { count - 1 } else { comma.unwrap_or(count) };
    // ("size M x 10 and size XL x 12": the part after the count of another.)
    let opener =
        |b: usize| toks[b].is_clause_break() || (times && word_at(toks, b) == Some("and") && b > 0 && matches!(toks[b - 1], Tok::Num(_)));
    let (said, at) = (1..=2).rev().filter_map(|words| end.checked_sub(words)).find_map(|k| {
        let opens = times || comma.is_some() || k.checked_sub(1).is_some_and(opener);
        described_at(toks, k).filter(|(_, used)| k + used == end && opens).map(|(said, _)| (said, k))
    })?;
    (!(at..end).any(taken)).then_some((said, at))
}

/// Whether a count stands at `k`, or after a times sign there ("x 12").
fn counted_at(toks: &[Tok], k: usize) -> bool {
    matches!(toks.get(k), Some(Tok::Num(_))) || super::quantities::times_count(toks, k + 1)
}

/// What an item comes in several of: "assorted colors", "20 notebooks x 2 colors".
pub(super) const KINDS: &[&str] = &["sizes", "size", "colors", "colours", "flavors", "flavours", "styles", "designs", "scents"];

/// Colours and sizes right after an item: "t-shirts in black", "lanyards in royal blue", "a
/// projector 4k" (no counts). Returns the position after them.
pub(super) fn attributes_after(toks: &[Tok], end: usize, attributes: &mut Vec<String>) -> usize {
    let mut next = end;
    let mixed = |w: &str| matches!(w, "assorted" | "mixed" | "various");
    // ("Expo markers, assorted colors" bought colour badge holders for "colors")
    let kinds = |w: Option<&str>| w.is_some_and(|w| KINDS.contains(&w));
    if word_at(toks, next) == Some("in")
        && word_at(toks, next + 1).is_some_and(|w| is_attribute(w) || is_shade(w) || w == "size" || mixed(w))
    {
        next += 1;
    }
    loop {
        match (word_at(toks, next), word_at(toks, next + 1)) {
            // "a 4k monitor under $200", "webcam, max $50": the most one may cost
            _ if price_cap_at(toks, next).is_some() => {
                let (cap, used) = price_cap_at(toks, next).unwrap_or_default();
                attributes.push(cap);
                next += used;
            }
            // "dairy-free and nut-free": another freedom of the same item
            (Some("and" | "or"), _) if !attributes.is_empty() && free_of_at(toks, next + 1).is_some() => next += 1,
            // "red bull sugar free", "Red Bull Sugarfree", "snacks, nut free", "(nut-free)",
            // "gatorade, zero sugar": what it is free of, said after it
            (Some(_), _) if free_of_at(toks, next).is_some() => {
                let (free, used) = free_of_at(toks, next).unwrap_or_default();
                attributes.push(free);
                next += used;
            }
            // "snacks, nut free please", "lanyards (navy)", "t-shirts, large": on its own after a
            // comma, only when it ends its clause ("energy drinks, sugar free gum" is gum) and no
            // count of its own follows ("black, 12, grey, 8": "grey" is the 8's)
            // (also "snacks, gluten-free options please")
            (None, Some(_))
                if toks.get(next).is_some_and(Tok::is_clause_break)
                    && described_at(toks, next + 1).is_some_and(|(_, used)| {
                        let end = past_options(toks, more_freedoms_end(toks, next + 1 + used));
                        ends_clause(toks, end)
                            && !(toks.get(end).is_some_and(Tok::is_clause_break) && matches!(toks.get(end + 1), Some(Tok::Num(_))))
                    }) =>
            {
                let (said, used) = described_at(toks, next + 1).unwrap_or_default();
                attributes.push(said);
                next += 1 + used;
                if more_freedoms_end(toks, next) == next {
                    next = past_options(toks, next);
                }
            }
            // "phone chargers (usb-c)", "cables, hdmi": one plug on its own after a comma (not
            // "cleaning supplies, wifi": that names a thing; nor "hdmi cables, usb-c, ethernet":
            // a list of cables)
            (None, Some(w))
                if toks.get(next) == Some(&Tok::Break) && is_plug(w) && ends_clause(toks, next + 2) && !plug_follows(toks, next + 2) =>
            {
                attributes.push(w.to_owned());
                next += 2;
            }
            // "t-shirts in assorted sizes": a pack of mixed sizes, not one size; "markers in
            // assorted colors"
            (Some(w), k) if mixed(w) && kinds(k) => {
                attributes.push(assorted(k));
                next += 2;
            }
            // "t-shirts size XL", "hoodies in size M", "t-shirts, size L"
            (Some("size"), Some(size)) if is_garment_size(size) => {
                attributes.push(format!("size {size}"));
                next += 2;
            }
            // (", size XL x 12": a part with its own count, not this one's size)
            (None, Some("size"))
                if toks.get(next).is_some_and(Tok::is_clause_break)
                    && word_at(toks, next + 2).is_some_and(is_garment_size)
                    && !counted_at(toks, next + 3) =>
            {
                attributes.push(format!("size {}", word_at(toks, next + 2).unwrap_or_default()));
                next += 3;
            }
            (None, Some(w)) if toks.get(next).is_some_and(Tok::is_clause_break) && mixed(w) && kinds(word_at(toks, next + 2)) => {
                attributes.push(assorted(word_at(toks, next + 2)));
                next += 3;
            }
            // "t-shirts, 5 extra large"
            (Some(grade), Some(size)) if is_size_grade(grade) && is_garment_size(size) => {
                attributes.push(format!("{grade} {size}"));
                next += 2;
            }
            (Some(shade), Some(colour)) if is_shade(shade) && is_colour(colour) => {
                attributes.push(shaded(shade, colour));
                next += 2;
            }
            (Some(w), _) if is_attribute(w) && (!w.starts_with(|c: char| c.is_ascii_digit()) || is_garment_size(w)) => {
                attributes.push(w.to_owned());
                next += 1;
            }
            (Some(w), _) if colour_compound(w).is_some() => {
                attributes.extend(colour_compound(w));
                next += 1;
            }
            // "3 hdmi cables 25 ft", "hdmi cables (25 ft)", "25 feet long": a measure that ends its
            // clause (one before another item is that item's: "cables 6ft usb-c hubs").
            // "3 x 6ft and 2 x 10ft": one part of a breakdown before another.
            // "hdmi cable 6ft x3": a measure before the count said after the item.
            (Some(w), after) if numbered(w) && matches!(after, None | Some("long" | "and" | "x")) => {
                let long = usize::from(after == Some("long"));
                let ends = if matches!(after, Some("and" | "x")) {
                    matches!(toks.get(next + 2), Some(Tok::Num(_)))
                } else {
                    toks.get(next + 1 + long).is_none_or(Tok::is_break)
                };
                if !ends {
                    return next;
                }
                attributes.push(w.to_owned());
                next += 1 + long;
            }
            // "snacks: $200", "prize budget: $500": a sum to spend on it
            _ if super::spend::after(toks, next).is_some() => {
                let (spend, used) = super::spend::after(toks, next).unwrap_or_default();
                attributes.push(spend);
                next += used;
            }
            // "lanyards in our brand color (blue)", "t-shirts, colour: navy"
            _ if named_colour_at(toks, next).is_some() => {
                let (colour, used) = named_colour_at(toks, next).unwrap_or_default();
                attributes.push(colour);
                next += used;
            }
            // "250 pens with our logo", "lanyards printed with the company logo": custom ones
            _ if logo_at(toks, next).is_some() => {
                attributes.push("logo".to_owned());
                next += logo_at(toks, next).unwrap_or_default();
            }
            // "usb-c hubs with HDMI", "power strips with USB-C ports", "chairs with cushions"
            _ if feature_at(toks, next).is_some() => {
                let (feature, used) = feature_at(toks, next).unwrap_or_default();
                attributes.push(feature);
                next += used;
            }
            // "200 lanyards - must be breakaway", "hdmi cables, they need to be braided"
            _ if must_be_at(toks, next).is_some() => {
                let (said, used) = must_be_at(toks, next).unwrap_or_default();
                attributes.extend(said);
                next += used;
            }
            // "a gift card worth $100", "gift cards valued at $50", "3 gift cards, worth $50 each":
            // its value.
            _ if value_at(toks, next).is_some() => {
                let (value, used) = value_at(toks, next).unwrap_or_default();
                attributes.push(value);
                next += used;
            }
            // "power strip with 12 outlets", "a switch with 16 ports", "hdmi cable, at least 15
            // ft", "minimum 20 ft": a measure it must have (the ranking reads it as a minimum)
            _ if minimum_at(toks, next).is_some() => {
                let (w, used) = minimum_at(toks, next).unwrap_or_default();
                attributes.push(w);
                next += used;
            }
            // "hdmi cable (long, 25ft)": "long" before the length says no more than it
            (None, Some("long" | "longer"))
                if toks.get(next).is_some_and(Tok::is_clause_break)
                    && toks.get(next + 2).is_some_and(Tok::is_clause_break)
                    && word_at(toks, next + 3).is_some_and(numbered) =>
            {
                next += 2;
            }
            // "hdmi cables, the 10 ft ones", "hoodies, the black ones": which of them
            _ if which_ones_at(toks, next).is_some() => {
                let (said, used) = which_ones_at(toks, next).unwrap_or_default();
                attributes.push(said);
                next += used;
            }
            // "hdmi cables, 25 ft", "hdmi cables, 10 ft each", "usb-c cables (6 ft or longer)"
            (None, Some(w)) if toks.get(next).is_some_and(Tok::is_clause_break) && numbered(w) && measure_end(toks, next + 2).is_some() => {
                attributes.push(w.to_owned());
                next = measure_end(toks, next + 2).unwrap_or(next + 2);
            }
            _ => return next,
        }
    }
}

/// Whether `w` is a measure with its number ("25ft", "16port").
fn numbered(w: &str) -> bool {
    is_measure(w) && w.starts_with(|c: char| c.is_ascii_digit())
}

/// Which of an item, said after a comma at `k`: "the 10 ft ones", "the black one" — what
/// describes it, and the tokens it took.
fn which_ones_at(toks: &[Tok], k: usize) -> Option<(String, usize)> {
    if !toks.get(k).is_some_and(Tok::is_clause_break) || word_at(toks, k + 1) != Some("the") {
        return None;
    }
    let w = word_at(toks, k + 2)?;
    let (said, used) = if numbered(w) { (w.to_owned(), 1) } else { described_at(toks, k + 2)? };
    let ones = word_at(toks, k + 2 + used) == Some("ones") || toks.get(k + 2 + used) == Some(&Tok::Num(1));
    ones.then_some((said, used + 3))
}

/// Words that may stand for whom or what an item is for, after "for": "for the office", "for our
/// team", "for the kids' party".
const FOR_WHOM_OPENERS: &[&str] = &["the", "our", "my", "your", "their", "his", "her", "this", "that", "a", "an"];
/// Most words that say whom or what an item is for: "for the whole sales team".
const MAX_WHOM_WORDS: usize = 4;

/// After an item and whom or what it is for — a head count already read (`counted`: "snacks for
/// 20 people") or a short phrase ("snacks for the office") — what describes the item (of
/// `category`) on its own after a comma or a negation: "…, nut-free please", "…, blue", "…, no
/// peanuts". Returns where reading goes on: after the description (what a negation there rules
/// out is read from there), or `at` when nothing describes it there (the phrase is then left as
/// it was). The phrase names no item and ends at a comma or at such a negation.
pub(super) fn described_after_whom(
    toks: &[Tok],
    keys: &[Option<String>],
    table: &PhraseTable,
    at: usize,
    counted: bool,
    category: usize,
    attributes: &mut Vec<String>,
) -> usize {
    let rules_out = |k: usize| ruled_out_after(toks, keys, table, k, category).1 > k;
    let from = if counted {
        at
    } else {
        if word_at(toks, at) != Some("for") {
            return at;
        }
        let mut j = at + 1;
        j += usize::from(word_at(toks, j).is_some_and(|w| FOR_WHOM_OPENERS.contains(&w)));
        // "for the office", "for the speakers" (people, though "speakers" names an item too)
        let whom =
            |k: &usize| word_at(toks, *k).is_some_and(|w| !is_function_word(w) && (is_people(w) || table.longest_at(keys, *k).is_none()));
        let words = (j..j + MAX_WHOM_WORDS).take_while(whom).count();
        if words == 0 {
            return at;
        }
        j + words
    };
    // "snacks for 50 under $100 total": the most it may cost, right after whom
    if let Some((cap, used)) = price_cap_at(toks, from).filter(|_| counted) {
        attributes.push(cap);
        return from + used;
    }
    if !(toks.get(from).is_some_and(Tok::is_clause_break) || rules_out(from)) {
        return at;
    }
    let described = attributes_after(toks, from, attributes);
    if described > from || rules_out(from) {
        described
    } else {
        at
    }
}

/// A colour named as one (perhaps after a comma): "in our brand color (blue)", "color: navy",
/// "in the team colour, royal blue", "colour - black". Returns it and the tokens it took.
fn named_colour_at(toks: &[Tok], at: usize) -> Option<(String, usize)> {
    let mut k = at + usize::from(toks.get(at).is_some_and(Tok::is_clause_break));
    k = past_whose(toks, k + usize::from(word_at(toks, k) == Some("in")));
    if !matches!(word_at(toks, k), Some("color" | "colour")) {
        return None;
    }
    k += 1;
    let opened = toks.get(k).is_some_and(Tok::is_clause_break);
    k += usize::from(opened);
    let (colour, used) = described_at(toks, k).filter(|(c, _)| !is_garment_size(c) && !c.contains("free"))?;
    k += used;
    // The bracket that closed it: "(blue)".
    k += usize::from(opened && toks.get(k) == Some(&Tok::Break) && toks.get(k + 1).is_none_or(Tok::is_break));
    Some((colour, k - at))
}

/// What a thing may come with, said after "with", besides its connectors ([`CONNECTOR_WORDS`]:
/// "usb-c hubs with HDMI"): "chairs with cushions" (not an item of its own: "a projector with a
/// screen" is two things).
const FEATURES: &[&str] =
    &["microphone", "mic", "cushions", "cushion", "armrests", "arms", "wheels", "casters", "lids", "lid", "handles", "pockets", "straps"];

/// Features said with "a" only when built in: "with a microphone" is a microphone of its own.
const BUILT_IN_ONLY: &[&str] = &["microphone", "mic"];

/// A feature at `at` ([`FEATURES`]; perhaps after a comma): "with HDMI", "with USB-C ports",
/// "with an ethernet port", ending its clause or before a count ("with HDMI x 6"). Returns it
/// and the tokens it took.
fn feature_at(toks: &[Tok], at: usize) -> Option<(String, usize)> {
    let mut k = at + usize::from(toks.get(at).is_some_and(Tok::is_clause_break));
    if word_at(toks, k) != Some("with") {
        return None;
    }
    let article = matches!(word_at(toks, k + 1), Some("a" | "an"));
    k += 1 + usize::from(article);
    let built_in = matches!(word_at(toks, k), Some("built-in" | "builtin" | "integrated"));
    k += usize::from(built_in);
    // ("a PA speaker with a microphone" is two things; "a webcam with a built-in mic" one.)
    let own = |w: &str| !(article && !built_in && BUILT_IN_ONLY.contains(&w));
    let feature = word_at(toks, k).filter(|w| (FEATURES.contains(w) || CONNECTOR_WORDS.contains(w)) && own(w))?.to_owned();
    let port = |k: usize| usize::from(matches!(word_at(toks, k), Some("port" | "ports" | "output" | "input" | "connection" | "support")));
    k += 1 + port(k + 1);
    // "with HDMI and ethernet": both
    let mut features = vec![feature];
    while word_at(toks, k) == Some("and") && word_at(toks, k + 1).is_some_and(|w| FEATURES.contains(&w) || CONNECTOR_WORDS.contains(&w)) {
        features.extend(word_at(toks, k + 1).map(str::to_owned));
        k += 2 + port(k + 2);
    }
    let ends = toks.get(k).is_none_or(Tok::is_break) || word_at(toks, k) == Some("x") || matches!(toks.get(k), Some(Tok::Num(_)));
    ends.then_some((features.join(" "), k - at))
}

/// Words after "must be" that say how it goes, not what it is (and times: `unread::TIMES`).
const NOT_WHAT_IT_IS: &[&str] = &[
    "delivered",
    "shipped",
    "sent",
    "here",
    "there",
    "ready",
    "fine",
    "ok",
    "okay",
    "good",
    "done",
    "ordered",
    "bought",
    "available",
    "soon",
];

/// "must be breakaway", "- needs to be braided", "should be black" after an item: the words it
/// must be, up to the clause's end (two at most, no function word). Returns them and the tokens.
fn must_be_at(toks: &[Tok], at: usize) -> Option<(Vec<String>, usize)> {
    let mut k = at + usize::from(toks.get(at).is_some_and(Tok::is_clause_break));
    k += usize::from(matches!(word_at(toks, k), Some("they" | "it" | "all")));
    k += match (word_at(toks, k), word_at(toks, k + 1), word_at(toks, k + 2)) {
        (Some("must" | "should"), Some("be"), _) => 2,
        (Some("need" | "needs" | "has" | "have"), Some("to"), Some("be")) => 3,
        _ => return None,
    };
    let end = (k..k + 3).find(|&j| toks.get(j).is_none_or(Tok::is_break)).filter(|&e| e > k)?;
    // ("need to be delivered Friday", "should be fine": when or how it goes, not what it is.)
    let what_it_is = |w: &&str| !is_function_word(w) && !NOT_WHAT_IT_IS.contains(w) && !super::unread::TIMES.contains(w);
    let said: Vec<String> = (k..end).filter_map(|j| word_at(toks, j)).filter(what_it_is).map(str::to_owned).collect();
    (said.len() == end - k).then_some((said, end - at))
}

/// The attribute of "assorted sizes" ("assorted": a pack of mixed sizes) or "assorted colors"
/// ("assorted colors": not any assorted pack, "100 pens in assorted colors" are no custom pens).
fn assorted(kinds: Option<&str>) -> String {
    match kinds {
        Some("sizes") | None => "assorted".to_owned(),
        Some(kinds) => format!("assorted {kinds}"),
    }
}
