//! One item from the words around a phrase, read like an English noun phrase: the last phrase
//! naming an item is the head, the words before it describe it.
//!
//! - Phrases next to each other with no break between them are one item when the earlier one
//!   can describe the later: same category ("Post-it easel pads", "eero mesh wifi", "Bose PA
//!   system"), a tag or a singular word ("outdoor extension cord", "snack bowls"), or the later
//!   one also names a kind of the earlier one's category ("Hello My Name Is stickers" are name
//!   tags). Plural words of other categories are a list ("snacks drinks").
//! - Words right after the head that end in what the category's phrases end in extend it
//!   ("Raspberry Pi starter kits", "Fitbit trackers", "KIND bars", "beef jerky packs").
//! - "X to Y": "USB-C to DisplayPort adapters" is one item when X is a word of the category.
//! - The words before describe it: colours, sizes and measures are attributes ("royal blue",
//!   "10-channel", "6ft"), filler and packages are skipped, other words are modifiers. A negation
//!   ends the description (see `negation`), but for "no" before what the catalog sells things
//!   free of ("no sugar").

use super::counts::word_at;
use super::negation::{ends_description, is_negator};
use super::tokens::Tok;
use super::words::{
    is_attribute, is_colour, is_garment_size, is_people, is_shade, is_size_grade, BOUNDARY_WORDS, CONTAINER_WORDS, FILLER_WORDS,
    PACKAGE_WORDS,
};
use crate::intent::phrases::{Phrase, PhraseTable};

/// An item read at some position.
pub(super) struct Item<'t> {
    /// Index of the item's category.
    pub(super) category: usize,
    /// The head phrase.
    pub(super) head: &'t Phrase,
    /// The item in the user's words.
    pub(super) item: String,
    /// Colours, sizes and measures said with it.
    pub(super) attributes: Vec<String>,
    /// First token of its description (the quantity search starts before it).
    pub(super) start: usize,
    /// The token after it.
    pub(super) end: usize,
    /// Only a weak phrase, alone: no item.
    pub(super) weak: bool,
}

/// Things made for an item, not the item: "a monitor arm", "a coffee maker", "a projector bulb",
/// "coffee beans", "a Logitech mouse", "tablet stands", "hdmi cable ties", "water bottle labels",
/// "a keyboard tray", "drone batteries", "desk fans", "a paper shredder", "a coffee urn"; or the
/// item in another form ("almond milk"). Right after an item (and not a phrase the catalog
/// knows), or after a word in "-ing" after it ("power strip mounting brackets"), one of them is
/// what is asked, which the catalog does not sell: no item is read there, so the words are
/// reported unread rather than the monitor bought.
const MADE_FOR: &[&str] = &[
    "arm",
    "arms",
    "mount",
    "mounts",
    "bracket",
    "brackets",
    "bulb",
    "bulbs",
    "lamp",
    "lamps",
    "maker",
    "makers",
    "machine",
    "machines",
    "grinder",
    "grinders",
    "beans",
    "grounds",
    "pods",
    "filter",
    "filters",
    "cover",
    "covers",
    "dispenser",
    "dispensers",
    "skin",
    "skins",
    "mouse",
    "mice",
    "remote",
    "remotes",
    "cartridge",
    "cartridges",
    "toner",
    "ink",
    "part",
    "parts",
    "replacement",
    "replacements",
    "rack",
    "racks",
    "shelf",
    "shelves",
    "cart",
    "carts",
    "cooler",
    "coolers",
    "fridge",
    "fridges",
    "eraser",
    "erasers",
    "stand",
    "stands",
    "riser",
    "risers",
    "holder",
    "holders",
    "sleeve",
    "sleeves",
    "charger",
    "chargers",
    "strap",
    "straps",
    "tripod",
    "tripods",
    "cleaner",
    "cleaners",
    "tie",
    "ties",
    "printer",
    "printers",
    "opener",
    "openers",
    "organizer",
    "organizers",
    "label",
    "labels",
    "lid",
    "lids",
    "hook",
    "hooks",
    "tray",
    "trays",
    "jar",
    "jars",
    "battery",
    "batteries",
    "glass",
    "glasses",
    "mat",
    "mats",
    "fan",
    "fans",
    "shredder",
    "shredders",
    "cutter",
    "cutters",
    "trimmer",
    "trimmers",
    "urn",
    "urns",
    "carafe",
    "carafes",
    "thermos",
    "thermoses",
    "kettle",
    "kettles",
    // ("gift wrap", "a prize wheel")
    "wrap",
    "wrapping",
    "wheel",
    "wheels",
    // (the item in another form: "gatorade powder", "almond milk", "almond butter")
    "powder",
    "powders",
    "milk",
    "butter",
];

/// What holds gifts, after "gift": "gift bags", "gift boxes" (where "snack boxes" are boxes of
/// snacks).
const GIFT_HOLDERS: &[&str] = &["basket", "baskets", "box", "boxes", "bag", "bags", "tag", "tags"];

/// Things a "party" before them says the kind of ("party hats" are no beanies, "party bags" no
/// tote bags), where elsewhere the word is the occasion ("party snacks" are snacks).
const PARTY_GOODS: &[&str] = &["hat", "hats", "bag", "bags", "favor", "favors", "favour", "favours", "popper", "poppers", "horn", "horns"];

/// Whether a word says what is done, in "-ing" ("mounting", "sleeping", "planning"; not "ring").
pub(super) fn is_doing(w: &str) -> bool {
    w.len() > 5 && w.ends_with("ing")
}

/// Whether a word can stand between two phrases of one item ("Shure SM58 microphones").
fn joins(w: &str) -> bool {
    !BOUNDARY_WORDS.contains(&w) && !is_people(w) && !FILLER_WORDS.contains(&w) && !is_negator(w)
}

/// The categories the earlier phrase(s) `cats` and the later phrase `next` name together, or
/// `None` when they are two items. `singular`: the earlier phrase's last word is singular.
fn combine(table: &PhraseTable, cats: &[usize], tag: bool, singular: bool, next: &Phrase) -> Option<Vec<usize>> {
    let shared: Vec<usize> = next.categories.iter().copied().filter(|c| cats.contains(c)).collect();
    if !shared.is_empty() {
        return Some(shared);
    }
    let first = *cats.first()?;
    if next.keys.last().is_some_and(|k| table.is_head(k, first)) {
        return Some(cats.to_vec());
    }
    (tag || singular).then(|| next.categories.clone())
}

/// Words that make a thing bought by the package swag, not what it holds: "a pack of water
/// bottles with our logo", "for the swag bags".
fn is_branding(w: &str) -> bool {
    matches!(w, "logo" | "logos" | "custom" | "branded" | "printed" | "engraved" | "personalized" | "personalised" | "swag" | "reusable")
}

/// Reads the item whose first phrase starts at `i`; the description reads back no further than
/// `floor`.
pub(super) fn item_at<'t>(toks: &[Tok], keys: &[Option<String>], table: &'t PhraseTable, i: usize, floor: usize) -> Option<Item<'t>> {
    let mut first = table.longest_at(keys, i)?;
    // "a case of water bottles", "2 packs of soda cans": bottles or cans by the package are what
    // is in them, the drink (reusable water bottles are swag: "a pack of water bottles with our
    // logo").
    let last = (i + first.keys.len()).saturating_sub(1);
    let packaged = i >= floor + 2 && word_at(toks, i - 1) == Some("of") && word_at(toks, i - 2).is_some_and(|w| PACKAGE_WORDS.contains(&w));
    // (what follows it, up to the next thing: "2 cases of water bottles and 50 with our logo")
    let own_words =
        |k: &usize| toks.get(*k).is_some_and(|t| !t.is_break()) && !word_at(toks, *k).is_some_and(|w| matches!(w, "and" | "or" | "plus"));
    let branded = (last + 1..).take_while(own_words).any(|k| word_at(toks, k).is_some_and(is_branding));
    if packaged && !branded && last > i && word_at(toks, last).is_some_and(|w| matches!(w, "bottles" | "cans")) {
        if let Some(inner) = keys.get(..last).and_then(|k| table.longest_at(k, i)) {
            first = inner;
        }
    }
    // "nut free", "sugar free": what something is free of is not that thing ("t-shirts free of
    // charge", "free shipping" are no such thing).
    let after = i + first.keys.len();
    if first.keys.len() == 1
        && word_at(toks, after) == Some("free")
        && !word_at(toks, after + 1).is_some_and(|w| matches!(w, "of" | "shipping" | "delivery" | "charge" | "returns"))
    {
        return None;
    }
    let mut head = first;
    let mut cats = first.categories.clone();
    let mut weak = first.weak;
    let mut tag = first.tag;
    let mut end = i + first.keys.len();
    // A model number between a brand and what it names, the count said before the brand: "1
    // epson 2350 projector", "2 anker 341 hubs" (but "red bull 24 energy drinks" counts them).
    let counted = i > floor && matches!(toks.get(i - 1), Some(Tok::Num(_)));
    // Later phrases of the same noun phrase.
    loop {
        let mut j = end;
        let model = |j: usize| tag && counted && j == end && matches!(toks.get(j), Some(Tok::Num(_)));
        while j < end + 2 && (word_at(toks, j).is_some_and(joins) || model(j)) && table.longest_at(keys, j).is_none() {
            j += 1;
        }
        let Some(next) = table.longest_at(keys, j) else { break };
        // "snacks nut free": what the item is free of, not another phrase of it.
        if word_at(toks, j + next.keys.len()) == Some("free") {
            break;
        }
        // As the user wrote it ("snack bowls": a singular word describes the next).
        let last_word = word_at(toks, end - 1).unwrap_or_default();
        let singular = !last_word.ends_with('s') || last_word.ends_with("ss");
        // A weak phrase that is also a boundary word ("expo") describes only its own category.
        let describes = (tag || weak) && !(weak && BOUNDARY_WORDS.contains(&last_word));
        let Some(together) = combine(table, &cats, describes, singular && !weak, next) else { break };
        cats = together;
        head = next;
        weak = next.weak;
        tag = next.tag;
        end = j + next.keys.len();
    }
    // "starter kits", "trackers", "bars": words that end in a head of the category.
    let category = cats.first().copied().unwrap_or_default();
    for len in 1..=2 {
        let words_ok = (end..end + len).all(|k| {
            word_at(toks, k).is_some_and(|w| k + 1 == end + len || (joins(w) && !is_attribute(w) && !CONTAINER_WORDS.contains(&w)))
        });
        // ... but "red bull sugar free" is free of sugar, not sugar.
        let free_of = word_at(toks, end + len) == Some("free");
        if words_ok && !free_of && keys.get(end + len - 1).and_then(Option::as_deref).is_some_and(|k| table.is_head(k, category)) {
            end += len;
            weak = false;
            break;
        }
    }
    // "a monitor arm", "a coffee maker", "power strip mounting brackets": a thing made for the
    // item, which the catalog does not sell.
    let doing = usize::from(word_at(toks, end).is_some_and(is_doing) && table.longest_at(keys, end).is_none());
    let gift = word_at(toks, end - 1) == Some("gift");
    // ("a desk light", not "lanyards light blue": a shade)
    let light = |k: usize, w: &str| matches!(w, "light" | "lights") && !word_at(toks, k + 1).is_some_and(|c| is_colour(c) || is_shade(c));
    let made_for = |k: usize| {
        word_at(toks, k).is_some_and(|w| MADE_FOR.contains(&w) || light(k, w) || (gift && GIFT_HOLDERS.contains(&w)))
            && table.longest_at(keys, k).is_none()
    };
    if made_for(end) || (doing == 1 && made_for(end + 1)) {
        return None;
    }
    // "USB-C to DisplayPort adapters": "X to" before it, X a word of the category.
    let mut lead: Vec<String> = Vec::new();
    let mut from = i;
    if i >= floor + 2 && word_at(toks, i - 1) == Some("to") {
        if let (Some(x), Some(xk)) = (word_at(toks, i - 2), keys.get(i - 2).and_then(Option::as_deref)) {
            if joins(x) && table.names_word_of(xk, category) {
                lead = vec![x.to_owned(), "to".to_owned()];
                from = i - 2;
            }
        }
    }
    let (mut item_words, mut attributes, mut start) = describe(toks, table, from, floor);
    item_words.extend(lead);
    // "$200 for snacks": a sum to spend on it.
    if let Some((spend, from)) = super::spend::before(toks, start, floor) {
        attributes.push(spend);
        start = from;
    } else if let Some((spend, _)) =
        start.checked_sub(1).filter(|c| matches!(toks.get(*c), Some(Tok::Num(_)))).and_then(|c| super::spend::before(toks, c, floor))
    {
        // "$50 for 100 energy drinks": the sum caps the count said, which stays the item's.
        attributes.push(spend);
    }
    // The item's own words: phrases whole; attributes among the words between them set apart.
    let mut pos = i;
    while pos < end {
        if let Some(p) = table.longest_at(keys, pos).filter(|p| pos + p.keys.len() <= end) {
            item_words.extend((pos..pos + p.keys.len()).filter_map(|k| word_at(toks, k).map(str::to_owned)));
            pos += p.keys.len();
            continue;
        }
        if let Some(w) = word_at(toks, pos) {
            if is_attribute(w) && pos + 1 < end {
                attributes.push(w.to_owned());
            } else {
                item_words.push(w.to_owned());
            }
        } else if let Some(Tok::Num(model)) = toks.get(pos) {
            attributes.push(model.to_string());
        }
        pos += 1;
    }
    let (start, end) = super::spend::budget_after(toks, (start, end), floor, &mut attributes);
    Some(Item { category, head, item: item_words.join(" "), attributes, start, end, weak })
}

/// The words before position `start` that describe an item ("sugar-free" in "24 sugar-free
/// energy drinks", "royal blue"), read backwards down to `floor`: (modifiers, attributes, the
/// index the quantity search starts from).
fn describe(toks: &[Tok], table: &PhraseTable, start: usize, floor: usize) -> (Vec<String>, Vec<String>, usize) {
    let (mut modifiers, mut attributes) = (Vec::new(), Vec::new());
    let mut k = start;
    let mut from = start;
    // The word read last is what some offer is free of ("sugar" of "no sugar energy drinks").
    let mut free_of = false;
    while k > floor && modifiers.len() + attributes.len() < 4 {
        let Some(w) = word_at(toks, k - 1) else { break };
        // A negation ends the description, but "no" before what the catalog sells things free
        // of is part of it: "no sugar energy drinks" are sugar-free ones.
        let negation = ends_description(toks, k - 1) && !(w == "no" && free_of);
        // "party hats": the occasion names the kind of thing, not what it is bought for.
        let kind = w == "party" && k == start && word_at(toks, start).is_some_and(|n| PARTY_GOODS.contains(&n));
        if !kind && (BOUNDARY_WORDS.contains(&w) || is_people(w) || w == "of" || negation || super::providers::is_providing(w)) {
            break;
        }
        k -= 1;
        free_of = false;
        if (w == "size" || is_size_grade(w)) && attributes.first().is_some_and(|a: &String| is_garment_size(a)) {
            // "size M t-shirts", "extra large hoodies"
            attributes[0] = format!("{w} {}", attributes[0]);
            from = k;
            continue;
        }
        let said_for_count = super::quantities::COUNT_WORDS.contains(&w);
        if FILLER_WORDS.contains(&w) || CONTAINER_WORDS.contains(&w) || said_for_count || crate::intent::priority::ranks(w) {
            continue;
        }
        if is_colour(w) && k > floor && word_at(toks, k - 1).is_some_and(is_shade) {
            // "royal blue", "heather gray"
            k -= 1;
            attributes.insert(0, super::after::shaded(word_at(toks, k).unwrap_or_default(), w));
        } else if is_attribute(w) {
            attributes.insert(0, w.to_owned());
        } else if let Some(colour) = super::after::colour_compound(w) {
            // "navy-blue lanyards"
            attributes.insert(0, colour);
        } else {
            modifiers.insert(0, w.to_owned());
            free_of = table.sells_free_of(w);
        }
        from = k;
    }
    (modifiers, attributes, from)
}
