//! What the prompt asked for that the parser could not read: list items that name nothing the
//! vocabulary or the catalog knows ("3 wireless mice", "tea", "balloons"). They are not bought,
//! and the plan says so (`dropped`, reason `not_recognized`) rather than leaving them out in
//! silence.
//!
//! A prompt is cut into list parts at clause breaks, sentence ends and the words that join items
//! ("and", "or", "plus"). A part counts as an unread item when no item was read in it, it still
//! holds a word that could name a thing once the words the parser did read (head counts,
//! occasions) and the words that never name one (function words, filler, people, containers,
//! attributes, requests, times) are set aside, and it is where items stand: after the first part
//! of its sentence ("team lunch for 12: pizza, ..." reports the pizza, not the lunch) or led by a
//! count ("a dozen AA batteries").

use super::counts::word_at;
use super::negation::{is_negator, is_passed_over};
use super::quantities::{is_time, NUMBERED_PLACES};
use super::tokens::{Tok, SIGN_OFFS};
use super::words::{is_everyday, is_function_word, key_like, CONTAINER_WORDS, GROUP_WORDS};

/// Words that name an occasion: a sentence's first part with one is what the list is for ("Team
/// lunch, pizza, ...", "Birthday party, cake, ..."), not an item of it.
const OCCASIONS: &[&str] = &[
    "lunch",
    "breakfast",
    "dinner",
    "brunch",
    "party",
    "birthday",
    "celebration",
    "kickoff",
    "offsite",
    "onsite",
    "retreat",
    "meeting",
    "all-hands",
    "sprint",
    "workshop",
    "conference",
    "hackathon",
    "summit",
    "meetup",
    "picnic",
    "bbq",
    "barbecue",
    "potluck",
    "wedding",
    "shower",
    "graduation",
    "launch",
    "training",
    "orientation",
    "event",
    "reception",
    "social",
    "night",
];

/// Whether `word` names an occasion ("lunch", "party", "offsite").
pub(super) fn is_occasion(word: &str) -> bool {
    OCCASIONS.contains(&word)
}

/// Words that ask for what follows them: "we need pizza", "can you order chips".
const ASKING_FOR: &[&str] =
    &["need", "needs", "want", "wants", "get", "gets", "receives", "buy", "order", "grab", "bring", "purchase", "require"];

/// Words between list parts that join items. The parser reads English, but "and" in French,
/// German and Spanish joins too: an item after it that it cannot read is reported, not hidden
/// behind the one it read ("24 boissons énergisantes et 4 hubs usb-c").
const JOINERS: &[&str] = &["and", "or", "plus", "also", "then", "but", "et", "und", "y"];

/// What an item has a number of, said after "with": "notebooks with 100 pages", "t-shirts with
/// 2 colors" describe the item before them (and so do units of time: "with 2 year warranty").
const HAS: &[&str] = &[
    "pages",
    "page",
    "sheets",
    "sheet",
    "colors",
    "colours",
    "color",
    "colour",
    "pockets",
    "slots",
    "speeds",
    "settings",
    "sizes",
    "modes",
    "layers",
    "ply",
    "compartments",
    "shelves",
    "drawers",
    "wheels",
    "legs",
    "seats",
    "sugar",
    "calories",
    "grams",
    "percent",
    "%",
];

/// Whether token `i` joins list items: a joining word ("et" of "et al" is none); "with" before
/// a count of things ("4 usb-c hubs with 3 wireless mice"; not "hoodies with a logo" or
/// "notebooks with 100 pages") or after "along" or "together"; the last word of "as well as".
fn joins(toks: &[Tok], i: usize) -> bool {
    let Some(w) = word_at(toks, i) else { return false };
    let before = |k: usize| i.checked_sub(k).and_then(|j| word_at(toks, j));
    let counted_things =
        matches!(toks.get(i + 1), Some(Tok::Num(n)) if *n > 0) && !word_at(toks, i + 2).is_some_and(|u| HAS.contains(&u) || is_time(u));
    (JOINERS.contains(&w) && !(w == "et" && word_at(toks, i + 1) == Some("al")))
        || (w == "with" && (counted_things || matches!(before(1), Some("along" | "together"))))
        || (w == "as" && before(1) == Some("well") && before(2) == Some("as"))
}

/// Words of asking, politeness and budget: in a list part they name nothing to buy.
const NOT_ITEMS: &[&str] = &[
    // Talk, not things: "oh", "actually", "so", "otherwise", "reminder", "note", "TBD", "help".
    "help",
    "test",
    "testing",
    "yes",
    "lol",
    "idk",
    "asap",
    "tbd",
    "tbc",
    "oh",
    "actually",
    "so",
    "otherwise",
    "there",
    "here",
    "nobody",
    "everybody",
    "everyone",
    "reminder",
    "note",
    "fyi",
    "btw",
    "favor",
    "favour",
    "husband",
    "wife",
    "son",
    "daughter",
    "preferred",
    "ones",
    "longer",
    "i",
    "we",
    "us",
    "me",
    "you",
    "it",
    "them",
    "they",
    "our",
    "my",
    "its",
    "their",
    "is",
    "are",
    "be",
    "been",
    "have",
    "has",
    "got",
    "would",
    "could",
    "should",
    "will",
    "can",
    "do",
    "does",
    "let",
    "lets",
    "know",
    "think",
    "like",
    "love",
    "thanks",
    "thank",
    "forget",
    "forgot",
    "sorry",
    "wait",
    "oops",
    "make",
    "notice",
    "restock",
    "replenish",
    "refill",
    "remember",
    "include",
    "kindly",
    "just",
    "maybe",
    "too",
    "about",
    "around",
    "roughly",
    "approximately",
    "approx",
    "stuff",
    "things",
    "thing",
    "whatever",
    "else",
    "etc",
    "everything",
    "something",
    "anything",
    "all",
    "any",
    "budget",
    "under",
    "max",
    "maximum",
    "total",
    "spend",
    // ("keep it under $200", "keep the total below $50", "keep the price under $30")
    "keep",
    "below",
    "price",
    "usd",
    "usdc",
    "dollars",
    "bucks",
    "deliver",
    "delivered",
    "delivery",
    "ship",
    "shipped",
    "shipping",
    "arrive",
    "arriving",
    "before",
    "within",
    "until",
    "asap",
    "urgent",
    "urgently",
    "soon",
    "next",
    "this",
    "if",
    "possible",
    "preferably",
    "ideally",
    "optional",
    "nothing",
    "fancy",
    "healthy",
    "needed",
    "required",
    "cheapest",
    "fastest",
    "balanced",
    "event",
    "order",
    "ordering",
    "purchase",
    "kit",
    "supplies",
    "items",
    "item",
    "hi",
    "hello",
    "hey",
    "quick",
    "urgent",
    "ok",
    "okay",
    // "budget is tight", "picnic essentials", "lunch menu", "kickoff prep"
    "tight",
    "essentials",
    "menu",
    "prep",
    // "blue or black is fine", "any colour works", "whatever brand is good"
    "fine",
    "good",
    "works",
    "colour",
    "color",
    "colours",
    "colors",
    "sizes",
    "brand",
    "flavour",
    "flavor",
    // "at least 6 outlets each", "1080p at least", "over 2 days"
    "least",
    "over",
];

/// Words of time: they name nothing to buy, and a part that begins with one is about when.
pub(super) const TIMES: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "asap",
    "today",
    "tomorrow",
    "tonight",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words of place, time and bookkeeping: a part that begins with one speaks of the order, not an
/// item of it ("Date: March 14", "PO #12345", "same as last time", "Shopping list:").
const ABOUT_THE_ORDER: &[&str] = &[
    "shopping",
    "list",
    "checklist",
    "wishlist",
    "address",
    "location",
    "where",
    "when",
    "date",
    "po",
    "ref",
    "invoice",
    "cost",
    "charge",
    "approved",
    "owner",
    "attached",
    "usual",
    "same",
    "todo",
    "done",
    "confidential",
    "re",
    "fwd",
    "fw",
];

/// Whether a part begins as one about the order itself: one of [`ABOUT_THE_ORDER`], "ship to" /
/// "deliver to" an address, or a numbered place ("room 201", "building 4").
fn about_the_order(part: &[Tok]) -> bool {
    let mut words = part.iter().skip_while(|t| t.is_break() || matches!(t, Tok::Word(w) if is_function_word(w)));
    match (words.next(), words.next()) {
        (Some(Tok::Word(w)), next) => {
            ABOUT_THE_ORDER.contains(&w.as_str())
                || TIMES.contains(&w.as_str())
                || (matches!(w.as_str(), "ship" | "deliver" | "send") && matches!(next, Some(Tok::Word(to)) if to == "to"))
                || (matches!(w.as_str(), "room" | "building" | "floor" | "suite") && matches!(next, Some(Tok::Num(_))))
        }
        _ => false,
    }
}

/// Longest unread item reported, in words (a longer part is a sentence, not a list item).
const MAX_WORDS: usize = 6;

/// The unread list items of a prompt, in order, as the user wrote them (counts as digits).
/// `read[i]`: token `i` was read by some rule; `item[i]`: it is part of a read item. With `lines`,
/// for a prompt in which nothing was read as an item, every whole sentence is read as a line of a
/// list ("pizza for 30 people", "a first aid kit"), so the error can say what the catalog lacks.
pub(super) fn unread_items(toks: &[Tok], read: &[bool], item: &[bool], lines: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut first_in_sentence = true;
    // Past a sign-off, the rest is a signature.
    let mut signed_off = false;
    // The sentence before was one list line: a single part that held an item, read or not
    // ("- trash bags\n- bug spray"), so a whole sentence after it is a line of the same list.
    let (mut prev_line, mut parts, mut line_item) = (false, 0usize, false);
    for i in 0..=toks.len() {
        let end_of_part = match toks.get(i) {
            None => true,
            Some(Tok::Word(_)) => joins(toks, i),
            Some(t) => t.is_break(),
        };
        if !end_of_part {
            continue;
        }
        // A sentence's first part is where chatter and headings stand ("Sales kickoff, 30
        // people, ..."); it is a list item when joined to the next ("pizza and soda") or when
        // the sentence is a plain list with no counts ("laptop stand, usb-c hub").
        let plain_list = || !toks[start..].iter().take_while(|t| **t != Tok::Stop).any(|t| matches!(t, Tok::Num(_)));
        // ... or when the part after it names an item too, read or not, without a count before it
        // ("burgers, hot dogs, soda for 10"): not a head count or an occasion ("Sales kickoff, 30
        // people, ..."), nor a counted item after a heading ("Last minute request, 24 energy
        // drinks").
        let list_goes_on = || {
            let next: Vec<usize> = (i + 1..toks.len()).take_while(|&j| !toks[j].is_break() && !joins(toks, j)).collect();
            let counted = next.first().is_some_and(|&j| matches!(toks[j], Tok::Num(_)));
            !counted && next.iter().any(|&j| word_at(toks, j).is_some()) && next.iter().all(|&j| !read[j] || item[j])
        };
        // ... or when a count in brackets follows it ("sunscreen (x3), water bottles (x3)"; not a
        // place's number: "Room (204)").
        let count_after = || {
            let place = i.checked_sub(1).and_then(|k| word_at(toks, k)).is_some_and(|w| NUMBERED_PLACES.contains(&w));
            let j = i + 1 + usize::from(word_at(toks, i + 1) == Some("x"));
            !place && matches!(toks.get(j), Some(Tok::Num(_))) && toks.get(j + 1).is_none_or(Tok::is_break)
        };
        let listed = match toks.get(i) {
            Some(Tok::Word(_)) => true,
            Some(Tok::Break) => first_in_sentence && (plain_list() || list_goes_on() || count_after()),
            _ => false,
        };
        // A heading heads the items after its colon; over none ("Pizza: 10 large"), it is one.
        let heads_items = || toks.get(i) != Some(&Tok::Colon) || (i..toks.len()).take_while(|&j| toks[j] != Tok::Stop).any(|j| item[j]);
        let whole = first_in_sentence && matches!(toks.get(i), Some(Tok::Stop) | None);
        let lead = if whole && lines {
            Lead::Only
        } else if whole && prev_line {
            Lead::Line
        } else if first_in_sentence && !listed && heads_items() {
            Lead::Heading
        } else if first_in_sentence && !listed {
            Lead::Listed
        } else if first_in_sentence {
            Lead::First
        } else {
            Lead::Listed
        };
        let part = &toks[start..i];
        let mut words = part.iter().filter_map(|t| if let Tok::Word(w) = t { Some(w.as_str()) } else { None });
        let sign_off = match (words.next(), words.next()) {
            (Some(w), _) if SIGN_OFFS.contains(&w) => true,
            // "Kind regards", "Best wishes" ("KIND bars" are no sign-off)
            (Some(_), Some(second)) => matches!(second, "regards" | "wishes"),
            _ => false,
        };
        // A sign-off closes the message only when nothing asked follows it ("Thanks in advance:
        // 10 pizzas" goes on).
        let asked_after = || item.iter().skip(i).any(|&b| b) || toks.iter().skip(i).any(|t| matches!(t, Tok::Num(_)));
        signed_off |= sign_off && !asked_after();
        let quiet = signed_off || sign_off || about_the_order(part);
        line_item |= item[start..i].iter().any(|&b| b);
        if let Some(text) = (!quiet).then(|| unread_part(part, &read[start..i], &item[start..i], lead)).flatten() {
            out.push(text);
            line_item = true;
        }
        let has_words = toks[start..i].iter().any(|t| !t.is_break());
        parts += usize::from(has_words);
        match toks.get(i) {
            Some(Tok::Stop) | None => {
                first_in_sentence = true;
                prev_line = parts == 1 && line_item;
                (parts, line_item) = (0, false);
            }
            _ if has_words => first_in_sentence = false,
            _ => {}
        }
        start = i + 1;
    }
    out
}

/// Where a list part stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// A whole sentence, or what comes before its colon: an item only when counted.
    Heading,
    /// The first part of a sentence a list goes on after: an item when it reads like one.
    First,
    /// After the first part.
    Listed,
    /// A whole sentence after a line of a list ("- trash bags\n- first aid kit"): an item when it
    /// reads like one, as a first part does, though it ends in "kit" or "supplies".
    Line,
    /// A whole sentence of a prompt in which nothing was read as an item: a line, when only small
    /// words stand before it and nothing after it but what it is for ("pizza for 30 people"; not
    /// "5-hour energy", "royal blue": what is left of a name).
    Only,
}

/// Words of asking that also end the names of things: "first aid kit", "art supplies".
const ENDS_NAMES: &[&str] = &["kit", "kits", "supplies"];

/// Words that place or time what the first part of a sentence speaks of ("offsite in Denver",
/// "as discussed", "welcome back"): it is not an item.
const PLACES: &[&str] = &["in", "at", "on", "from", "as", "about", "back", "welcome", "re"];

/// Longest first part of a sentence read as an unread item, in naming words: "wireless mice",
/// not "planning the kickoff party".
const MAX_FIRST_WORDS: usize = 3;

/// A part's text when it is an unread list item.
fn unread_part(toks: &[Tok], read: &[bool], item: &[bool], lead: Lead) -> Option<String> {
    if item.iter().any(|&b| b) {
        return None;
    }
    let names = |t: &&Tok| matches!(t, Tok::Word(w) if !is_everyday(w) && !is_function_word(w) && !is_negator(w) && !NOT_ITEMS.contains(&w.as_str()) && !TIMES.contains(&w.as_str()));
    // ("book club of 8", "study group of 5": a word right before a group word that ends the
    // phrase names the group, no item; in "legacy office document" the phrase goes on.)
    let group = |k: usize| matches!(toks.get(k), Some(Tok::Word(w)) if GROUP_WORDS.contains(&w.as_str()));
    let names_group =
        |k: usize| names(&&toks[k]) && group(k + 1) && !matches!(toks.get(k + 2), Some(Tok::Word(w)) if w != "of" && w != "for");
    let (at, words): (Vec<usize>, Vec<&Tok>) =
        toks.iter().zip(read).enumerate().filter(|(k, (t, &r))| !r && !t.is_break() && !names_group(*k)).map(|(k, (t, _))| (k, t)).unzip();
    // From the count ("I need 3 wireless mice") or the first naming word to the last naming word.
    let from = words.iter().position(|t| matches!(t, Tok::Num(_)) || names(t))?;
    // "no balloons": refused, so not missed either (but "don't forget the balloons" is).
    let mut before = words[..from].iter().rev().map(|t| if let Tok::Word(w) = t { w.as_str() } else { "" });
    if before.find(|w| !is_passed_over(w)).is_some_and(is_negator) && !before.next().is_some_and(is_negator) {
        return None;
    }
    // "10 wireless mice without delay": the item ends where a negation starts.
    let end = words[from..].iter().position(|t| matches!(t, Tok::Word(w) if is_negator(w))).map_or(words.len(), |n| from + n);
    let mut to = words[..end].iter().rposition(names)?;
    // "sleeping bags", "gift boxes", "a desk light": a container or light right after the last
    // naming word ends the thing's name (not "tea, 2 boxes").
    let ends_name = |w: &str| CONTAINER_WORDS.contains(&w) || matches!(w, "light" | "lights");
    while words[to + 1..end].first().is_some_and(|t| matches!(t, Tok::Word(w) if ends_name(w))) {
        to += 1;
    }
    // "3 wireless mice", "staplers x5" (not the count of a kit: "welcome kit x5:")
    let times = toks.windows(2).zip(read).any(|(w, &r)| !r && matches!(w, [Tok::Word(x), Tok::Num(_)] if x == "x"));
    let counted = times || words[from..end].iter().any(|t| matches!(t, Tok::Num(_)));
    // A sentence's first part reads like an item when it is short and says nothing of who asks
    // or what they are doing ("we are hosting", "planning"): "pizza and soda", "laptop stand, ...".
    let chatter = || {
        let naming = words[from..=to].iter().filter(|t| names(t)).count();
        // "We need pizza, ...": who asks, before the word that asks for it, is no chatter.
        let first = toks.iter().zip(read).position(|(t, &r)| !r && names(&t)).unwrap_or(0);
        let asked = toks[..first].iter().rposition(|t| matches!(t, Tok::Word(w) if ASKING_FOR.contains(&w.as_str())));
        // "sleeping bags", "camping chairs": a word in "-ing" right before the part's last word
        // says what kind of thing that is ("planning the party" says what someone is doing).
        let last = toks.iter().rposition(|t| matches!(t, Tok::Word(_)));
        let names_kind_of_last = |k: usize| last == Some(k + 1) && !read[k + 1];
        let doing = |k: usize, w: &str| super::items::is_doing(w) && !names_kind_of_last(k);
        let asking = toks.iter().zip(read).enumerate().skip(asked.map_or(0, |a| a + 1)).any(|(k, (t, &r))| {
            let asks = |w: &str| NOT_ITEMS.contains(&w) && !(matches!(lead, Lead::Line | Lead::Only) && ENDS_NAMES.contains(&w));
            !r && matches!(t, Tok::Word(w) if asks(w) || TIMES.contains(&w.as_str()) || PLACES.contains(&w.as_str()) || doing(k, w))
        });
        // "Team lunch", "lunch for 12": the part names the occasion (not "lunch boxes", "birthday
        // cake": a thing for it).
        let occasion = matches!(words[to], Tok::Word(w) if is_occasion(w));
        naming > MAX_FIRST_WORDS || asking || occasion
    };
    let skipped = match lead {
        Lead::Heading => !counted,
        Lead::First | Lead::Line => !counted && chatter(),
        Lead::Only => {
            // Only small words before it, and nothing after it but what it is for.
            let small = |t: &Tok| match t {
                // (not a number: "5-hour energy")
                Tok::Word(w) if w.contains(|c: char| c.is_ascii_digit()) => false,
                Tok::Word(w) => is_function_word(w) || is_everyday(w) || NOT_ITEMS.contains(&w.as_str()),
                Tok::Num(_) => false,
                _ => true,
            };
            let alone = toks[..at[from]].iter().all(small)
                && (toks.get(at[to] + 1).is_none_or(Tok::is_break) || word_at(toks, at[to] + 1) == Some("for"));
            !alone || (!counted && chatter())
        }
        Lead::Listed => false,
    };
    let secret = || words[from..=to].iter().any(|t| matches!(t, Tok::Word(w) if key_like(w)));
    if to < from || skipped || to - from + 1 > MAX_WORDS || secret() {
        return None;
    }
    // ("a couple of coolers" is "2 coolers", not "2 of coolers"; "one of url" stays)
    let plural = |k: usize| matches!(words.get(k), Some(Tok::Word(w)) if w.ends_with('s'));
    let counted_of =
        |k: usize| matches!(words[k], Tok::Word(w) if w == "of") && k > from && matches!(words[k - 1], Tok::Num(_)) && plural(k + 1);
    let text = (from..=to)
        .filter(|&k| !counted_of(k))
        .map(|k| match words[k] {
            Tok::Word(w) => w.clone(),
            Tok::Num(n) => n.to_string(),
            Tok::Break | Tok::Colon | Tok::Stop => String::new(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(text.chars().take(60).collect())
}
