//! Who sees to an item, when it is not the buyer: "the venue provides tables", "IT is bringing
//! the projector", "we'll handle the drinks", "catering covers food". What someone else sees to
//! is at hand (`negation`): nothing to buy.

use super::counts::word_at;
use super::negation::PASSED_OVER;
use super::tokens::Tok;
use super::words::{is_function_word, DETERMINERS};

/// Verbs that say someone sees to an item, nothing to buy: "the venue provides tables", "IT is
/// bringing the projector", "we'll handle the drinks", "catering covers food" — as (the form with
/// a subject, the form after "is", the form after "will").
const PROVIDE: &[(&str, &str, &str)] = &[
    ("provides", "providing", "provide"),
    ("covers", "covering", "cover"),
    ("supplies", "supplying", "supply"),
    ("brings", "bringing", "bring"),
    ("handles", "handling", "handle"),
    ("donates", "donating", "donate"),
    ("sponsors", "sponsoring", "sponsor"),
    ("caters", "catering", "cater"),
];

/// Whether `word` is a verb of providing after "is" or "will" ("we'll provide snacks"), or one
/// that is no noun ("our team provides snacks"): no word of the item after it.
pub(super) fn is_providing(word: &str) -> bool {
    PROVIDE.iter().any(|(has, is, base)| word == *is || word == *base || (word == *has && !ALSO_NOUNS.contains(&word)))
}

/// Forms of [`PROVIDE`] with a subject that are nouns too: "cleaning supplies", "table covers",
/// "mug handles", "our sponsors need lanyards".
const ALSO_NOUNS: &[&str] = &["supplies", "covers", "handles", "sponsors"];

/// What pays for what is bought: "the grant covers 30 chairs".
const PAYING: &[&str] =
    &["budget", "money", "grant", "funding", "fund", "funds", "stipend", "allowance", "card", "voucher", "reimbursement", "sponsorship"];

/// Words before a verb of providing that make it the buyer's, or a habit.
const BUYER_OR_HABIT: &[&str] =
    &["we", "i", "we'll", "i'll", "we're", "i'm", "our", "my", "us", "usually", "normally", "typically", "always", "often"];

/// Verbs of buying: "we'll get the drinks separately" buys them, but not here.
const BUYING: &[&str] = &["get", "order", "buy", "purchase", "grab", "source", "pick"];

/// Words that close a clause of buying to say it is done apart from this order: "separately",
/// "ourselves", "elsewhere", "on our own".
const ELSEWHERE: &[&str] = &["separately", "ourselves", "myself", "ourself", "elsewhere", "locally", "own"];

/// Whether the clause from `from` is an item (or none, after it: "Drinks we'll order ourselves")
/// and then [`ELSEWHERE`] ("the drinks separately", "pizza separately though", "24 drinks on our
/// own"), maybe with "though", "anyway" or "later" after it. Only the item stands between: "20
/// hoodies for myself" is who they are for, "40 hoodies and wrap them separately" another thing
/// done.
fn elsewhere_closes(toks: &[Tok], from: usize) -> bool {
    let mut end = (from..).find(|k| toks.get(*k).is_none_or(Tok::is_break)).unwrap_or(from);
    while end > from && word_at(toks, end - 1).is_some_and(|w| matches!(w, "though" | "anyway" | "later" | "too")) {
        end -= 1;
    }
    let Some(last) = end.checked_sub(1).filter(|l| *l >= from).and_then(|l| word_at(toks, l)).filter(|w| ELSEWHERE.contains(w)) else {
        return false;
    };
    // ("own" only as "on our own", "on my own")
    let said = if last == "own" { 3 } else { 1 };
    if last == "own" && !(end >= from + 3 && word_at(toks, end - 3) == Some("on")) {
        return false;
    }
    let item = |k: usize| {
        matches!(toks.get(k), Some(Tok::Num(_))) || word_at(toks, k).is_some_and(|w| !is_function_word(w) || DETERMINERS.contains(&w))
    };
    end - said - from <= 5 && (from..end - said).all(item)
}

/// Whether the word at `k` is one of buying by the buyer who says it is done apart from this
/// order: "we'll get the drinks separately", "I'll order pizza ourselves", "we will buy the
/// cake elsewhere".
fn bought_elsewhere_at(toks: &[Tok], k: usize) -> bool {
    let (Some(w), Some(before)) = (word_at(toks, k), k.checked_sub(1).and_then(|b| word_at(toks, b))) else { return false };
    let will = before == "will" || (before.ends_with("'ll") && before != "you'll");
    BUYING.contains(&w) && will && elsewhere_closes(toks, k + 1)
}

/// Whether the word at `k` says someone sees to what follows it ([`PROVIDE`]), which does follow
/// it: "provides" after its subject (but not "the budget covers 20 chairs", "which covers"), "is
/// bringing", "will provide", "we'll handle" (but not "you'll provide", "will you", "who will
/// bring": asked).
pub(super) fn provides_at(toks: &[Tok], k: usize) -> bool {
    if bought_elsewhere_at(toks, k) {
        return true;
    }
    let (Some(w), before) = (word_at(toks, k), k.checked_sub(1).and_then(|b| word_at(toks, b))) else { return false };
    // A verb has what it sees to right after it: "cleaning supplies," and "table covers:" are
    // things, and so are "our sponsors need lanyards", "cleaning supplies to include towels".
    let asking = |w: &str| PASSED_OVER.contains(&w) && !matches!(w, "any" | "some" | "more" | "enough" | "plenty" | "lots" | "all");
    if toks.get(k + 1).is_none_or(Tok::is_break) || word_at(toks, k + 1).is_some_and(asking) {
        return false;
    }
    // ("the budget covers 20 chairs", "the grant covers 30 chairs": money pays for what is bought.)
    let by_someone = |b: Option<&str>| {
        !matches!(b, None | Some("which" | "that" | "this" | "it" | "you" | "who")) && !b.is_some_and(|b| PAYING.contains(&b))
    };
    let will = match before {
        // ("IT will bring the projector": the IT team)
        Some("will") => !matches!(k.checked_sub(2).and_then(|b| word_at(toks, b)), None | Some("you" | "who")),
        Some(b) => b.ends_with("'ll") && b != "you'll",
        None => false,
    };
    // "We'll provide snacks for the 30 hackers", "Our team provides snacks": the buyer provides
    // what is bought (but "we'll handle the drinks" sees to them); "IT usually brings the
    // projector" says nothing of this time.
    let handled = matches!(w, "handle" | "handles" | "handling");
    // ("Our supplier brings coffee": someone of ours who is not the buyer.)
    let buyers = |b: usize| {
        word_at(toks, b).is_some_and(|w| BUYER_OR_HABIT.contains(&w)) && !word_at(toks, b + 1).is_some_and(|o| OTHERS.contains(&o))
    };
    let buyer_or_habit = !handled && (k.saturating_sub(3)..k).any(buyers);
    !buyer_or_habit
        && PROVIDE.iter().any(|(has, is, base)| {
            // ("IT handles the wifi": the IT team; "it covers 10 chairs" pays.)
            (w == *has && (by_someone(before) || (w == "handles" && before == Some("it"))))
                || (w == *is && before.is_some_and(|b| matches!(b, "is" | "are" | "we're" | "they're" | "i'm") || b.ends_with("'s")))
                || (w == *base && will)
        })
}

/// Who is "our" but not the buyer: "our supplier brings coffee", "our caterer is providing the
/// snacks".
const OTHERS: &[&str] = &[
    "supplier",
    "suppliers",
    "caterer",
    "caterers",
    "vendor",
    "vendors",
    "sponsor",
    "sponsors",
    "venue",
    "landlord",
    "partner",
    "partners",
    "client",
    "clients",
    "host",
    "hosts",
    "hotel",
    "building",
    "facilities",
];

/// Most words of who sees to an item said before it: "the AV company will".
const MAX_SUBJECT_WORDS: usize = 3;

/// "Cutlery we'll handle.", "Drinks we'll bring ourselves.", "Chairs the venue provides.": right
/// after an item, who sees to it, and the clause ends. Returns where. The buyer only handles,
/// brings or covers what is not bought ("Snacks we'll provide" may be bought to provide them).
pub(super) fn seen_to_after(toks: &[Tok], at: usize) -> Option<usize> {
    // "Drinks we'll order ourselves", "pizza we will get separately": bought, but not here.
    if let Some(verb) = (at + 1..at + 3).find(|&k| bought_elsewhere_at(toks, k)) {
        let buyer = (at..verb).all(|k| word_at(toks, k).is_some_and(|w| matches!(w, "we" | "we'll" | "i" | "i'll" | "will")));
        if buyer {
            return (verb + 1..).find(|k| toks.get(*k).is_none_or(Tok::is_break));
        }
    }
    let verb = (at..at + MAX_SUBJECT_WORDS + 2)
        .take_while(|&k| word_at(toks, k).is_some())
        .find(|&k| word_at(toks, k).is_some_and(|w| PROVIDE.iter().any(|(has, is, base)| w == *has || w == *is || w == *base)))?;
    let before = |k: usize| k.checked_sub(1).filter(|b| *b >= at).and_then(|b| word_at(toks, b));
    let w = word_at(toks, verb)?;
    let by_buyer = (at..verb).any(|k| word_at(toks, k).is_some_and(|w| matches!(w, "we" | "we'll" | "i" | "i'll" | "we're" | "i'm")));
    let asked = (at..verb).any(|k| word_at(toks, k).is_some_and(|w| matches!(w, "you" | "you'll" | "who" | "which" | "that")));
    let paid = (at..verb).any(|k| word_at(toks, k).is_some_and(|w| PAYING.contains(&w)));
    let will = before(verb).is_some_and(|b| b == "will" || b.ends_with("'ll"));
    let is = before(verb).is_some_and(|b| matches!(b, "is" | "are" | "we're" | "they're" | "i'm"));
    let form = PROVIDE.iter().any(|(has, ing, base)| (w == *has && verb > at) || (w == *ing && is) || (w == *base && will));
    let seeing_to = matches!(w, "handle" | "handles" | "handling" | "bring" | "brings" | "bringing" | "cover" | "covering");
    let mut end = verb + 1;
    while word_at(toks, end).is_some_and(|w| matches!(w, "it" | "them" | "those" | "ourselves" | "themselves" | "that")) {
        end += 1;
    }
    (form && !asked && !paid && (!by_buyer || seeing_to) && toks.get(end).is_none_or(Tok::is_break)).then_some(end)
}
