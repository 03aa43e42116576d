//! Where the prompt asks to buy, or not to: "from amazon only", "at walmart", "amazon only",
//! "only from TechData", "no walmart", "don't order from amazon", "anywhere but walmart". A
//! merchant is named by its vendor id or name in the catalog ("TechData", "tech data", "tech
//! direct"); a name said without such words ("the amazon order") asks nothing. Each phrase read
//! is replaced by one clause break before items are read, so its words are neither an item nor
//! what an item rules out: "no walmart" rules out a store, not a word of the product.
//!
//! A store ruled out is ruled out for every item. A store asked for is for the items it is said
//! with: those of its own clause ("energy drinks from amazon, hubs from techdata"), those after it
//! when it heads the sentence or a list ("From Amazon: snacks, drinks"), else those before it back
//! to the previous store asked for ("snacks, drinks and badges, all from amazon").

use super::counts::{sentence_start, word_at};
use super::negation::is_negator;
use super::tokens::{tokenize, Tok};
use super::words::is_function_word;
#[cfg(feature = "llm")]
use super::OfflineParser;
use crate::intent::phrases::{key, PhraseTable};
use crate::intent::vocabulary::StoreName;
#[cfg(feature = "llm")]
use crate::intent::{Intent, Plan, Vocabulary};

/// Words before a merchant's name that say where to buy from.
const FROM: &[&str] = &["from", "at", "via", "through", "on"];
/// Words that keep to a merchant: "only from amazon", "amazon only".
const ONLY: &[&str] = &["only", "exclusively"];
/// Words that make a store a wish, not a rule: "preferably from amazon", "ideally at walmart".
const HEDGES: &[&str] = &["preferably", "ideally", "maybe", "perhaps", "possibly", "prefer", "rather", "usually", "normally"];
/// Words between a negation and where ("don't buy from walmart", "we don't want anything from
/// amazon"), and before a store that heads its sentence ("Please order everything from Amazon:").
const ASKING: &[&str] =
    &["buy", "order", "shop", "purchase", "get", "use", "want", "anything", "everything", "all", "it", "them", "to", "please", "just"];

/// One phrase naming where to buy.
#[derive(Debug)]
pub(super) struct Said {
    /// The clause break that replaced it.
    at: usize,
    /// The vendor ids it names.
    merchants: Vec<String>,
    /// Asked for (`true`) or ruled out.
    allow: bool,
    /// It heads what follows: first in its sentence, or before a colon.
    leads: bool,
    /// It is a sentence of its own ("Amazon only."): for every item no other store is asked for.
    alone: bool,
    /// It speaks of the whole list before it in its sentence: it stands in a clause of its own
    /// ("snacks, drinks and badges, all from amazon") or the list counts nothing ("snacks, drinks
    /// and badges from amazon"); "24 energy drinks, and 5 hubs from techdata" is the hubs' alone.
    whole: bool,
}

/// The ways a prompt names each merchant: its name ("Tech Data" for "TechData" too, and the name
/// as one word) and its id ("tech direct" for `tech_direct`), longest first. Built once per
/// vocabulary ([`Vocabulary::store_names`]).
pub(super) fn store_names(merchants: &[(String, String)]) -> Vec<StoreName> {
    let mut out: Vec<StoreName> = Vec::new();
    for (id, name) in merchants {
        let camel: String =
            name.chars().enumerate().flat_map(|(i, c)| (i > 0 && c.is_uppercase()).then_some(' ').into_iter().chain([c])).collect();
        let joined: String = name.split_whitespace().collect();
        for text in [name.as_str(), &camel, &joined, &id.replace(['_', '-', '.'], " ")] {
            // Only names all of words ("1-800-Flowers" is no "flowers"), and not one function word.
            let toks = tokenize(text);
            let keys: Vec<String> = toks.iter().filter_map(|t| if let Tok::Word(w) = t { Some(key(w)) } else { None }).collect();
            let plain = keys.len() == toks.len()
                && !(keys.len() == 1 && toks.first().is_some_and(|t| matches!(t, Tok::Word(w) if is_function_word(w))));
            if plain && !keys.is_empty() && !out.iter().any(|f| f.keys == keys) {
                out.push(StoreName { keys, id: id.clone() });
            }
        }
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.keys.len()));
    out
}

/// The merchant named at `i`, and the end of its name.
fn merchant_at(forms: &[StoreName], keys: &[Option<String>], i: usize) -> Option<(String, usize)> {
    forms
        .iter()
        .find(|f| f.keys.iter().enumerate().all(|(k, w)| keys.get(i + k).and_then(Option::as_deref) == Some(w)))
        .map(|f| (f.id.clone(), i + f.keys.len()))
}

/// A store the catalog does not sell from, asked for only ("only from target", "from best buy
/// only"): one or two plain words after "from" / "at", kept to with "only" or "exclusively", or
/// heading the list after a colon ("Buy from Target: 50 plates"). The need is then unmet as
/// `merchant_not_wanted`, never bought elsewhere.
fn store_not_sold_at(toks: &[Tok], keys: &[Option<String>], table: &PhraseTable, p: usize) -> Option<(String, usize)> {
    let after_from = p.checked_sub(1).and_then(|k| word_at(toks, k)).is_some_and(|w| FROM.contains(&w));
    let only_before = p.checked_sub(2).and_then(|k| word_at(toks, k)).is_some_and(|w| ONLY.contains(&w));
    let plain = |k: usize| {
        word_at(toks, k).is_some_and(|w| !is_function_word(w) && !is_negator(w) && !ONLY.contains(&w))
            && table.longest_at(keys, k).is_none()
    };
    if !after_from || !plain(p) {
        return None;
    }
    // "Buy from Target: 50 plates", "order from Costco:" — a store that heads the list after it,
    // asked with a verb of buying ("From marketing:", "At minimum:", "On Monday:" name none).
    let sentence_from = sentence_start(toks, p);
    let bought = (sentence_from..p).any(|k| word_at(toks, k).is_some_and(|w| matches!(w, "buy" | "order" | "shop" | "purchase" | "get")));
    let heading = |words: usize| {
        bought && word_at(toks, p - 1) == Some("from") && heads_sentence(toks, p - 1) && toks.get(p + words) == Some(&Tok::Colon)
    };
    if let Some(words) = [1, 2].into_iter().find(|&w| (p..p + w).all(plain) && heading(w)) {
        let name = (p..p + words).filter_map(|k| word_at(toks, k)).collect::<Vec<_>>().join(" ");
        return Some((name.chars().take(40).collect(), p + words));
    }
    let only_at = |k: usize| word_at(toks, k).is_some_and(|w| ONLY.contains(&w));
    let words = match (plain(p + 1), only_at(p + 1), only_at(p + 2)) {
        (_, true, _) => 1,
        (true, _, true) => 2,
        (true, _, _) if only_before && !plain(p + 2) => 2,
        _ if only_before && !plain(p + 1) => 1,
        _ => return None,
    };
    let name = (p..p + words).filter_map(|k| word_at(toks, k)).collect::<Vec<_>>().join(" ");
    Some((name.chars().take(40).collect(), p + words))
}

/// Where a negation of the store at `start` begins: "no walmart", "not from amazon", "don't buy
/// from walmart", "anything but walmart", "anywhere except amazon".
fn negation_before(toks: &[Tok], start: usize) -> Option<usize> {
    let mut k = start;
    for _ in 0..4 {
        let w = word_at(toks, k.checked_sub(1)?)?;
        if is_negator(w) || w == "nothing" {
            return Some(k - 1);
        }
        if w == "but" && matches!(word_at(toks, k.checked_sub(2)?), Some("anything" | "everything" | "anywhere" | "everywhere")) {
            return Some(k - 2);
        }
        if !ASKING.contains(&w) {
            return None;
        }
        k -= 1;
    }
    None
}

/// Whether an item is refused earlier in the clause before `start` ("no snacks from walmart"):
/// where not to buy it from is then no request for the store. What an item of the clause is
/// without ("snacks without nuts from amazon only", "snacks with no nuts") is no refusal; "30
/// badges and no lanyards from amazon" is.
fn clause_refuses(toks: &[Tok], keys: &[Option<String>], table: &PhraseTable, start: usize) -> bool {
    let from = toks[..start].iter().rposition(Tok::is_break).map_or(0, |b| b + 1);
    let item_in = |range: std::ops::Range<usize>| range.into_iter().any(|j| table.longest_at(keys, j).is_some());
    let describes = |k: usize| word_at(toks, k) == Some("without") || k.checked_sub(1).and_then(|j| word_at(toks, j)) == Some("with");
    (from..start).any(|k| word_at(toks, k).is_some_and(is_negator) && !(describes(k) && item_in(from..k)) && item_in(k + 1..start))
}

/// Whether the words from the sentence's start to `start` only ask ("Please order from Amazon").
fn heads_sentence(toks: &[Tok], start: usize) -> bool {
    let from = sentence_start(toks, start);
    (from..start).all(|k| word_at(toks, k).is_some_and(|w| ASKING.contains(&w) || ONLY.contains(&w) || w == "we" || w == "i"))
}

/// Reads every phrase that names where to buy, replacing each with one clause break.
pub(super) fn take(toks: &mut Vec<Tok>, keys: &mut Vec<Option<String>>, table: &PhraseTable, forms: &[StoreName]) -> Vec<Said> {
    if forms.is_empty() {
        return Vec::new();
    }
    let mut said = Vec::new();
    let mut p = 0;
    while p < toks.len() {
        let Some((first, mut end)) = merchant_at(forms, keys, p).or_else(|| store_not_sold_at(toks, keys, table, p)) else {
            p += 1;
            continue;
        };
        let mut ids = vec![first];
        // "from amazon or walmart", "no amazon, walmart"
        while let Some((id, next)) = (matches!(word_at(toks, end), Some("or" | "and" | "nor")) || toks.get(end) == Some(&Tok::Break))
            .then(|| merchant_at(forms, keys, end + 1))
            .flatten()
        {
            ids.push(id);
            end = next;
        }
        let from = p.checked_sub(1).and_then(|k| word_at(toks, k)).is_some_and(|w| FROM.contains(&w));
        let mut start = p - usize::from(from);
        let negated = negation_before(toks, start);
        let allow = negated.is_none();
        start = negated.unwrap_or(start);
        if allow && start > 0 && word_at(toks, start - 1).is_some_and(|w| ONLY.contains(&w) || w == "just") {
            start -= 1;
        }
        let only = word_at(toks, end).is_some_and(|w| ONLY.contains(&w));
        end += usize::from(only);
        // "not only from amazon", "preferably from amazon", "from amazon if possible": no rule.
        let before = start.checked_sub(1).and_then(|k| word_at(toks, k));
        let wish = before.is_some_and(|w| HEDGES.contains(&w) || (allow && is_negator(w)))
            || (word_at(toks, end) == Some("if") && word_at(toks, end + 1) == Some("possible"));
        if wish {
            p = end;
            continue;
        }
        // A name with no word of where ("the amazon order"), an item's words ("amazon basics
        // cables"), or a store for an item refused before it, is no request. A name alone in its
        // clause after an item is one: "10 hdmi cables, walmart please", "snacks (walmart)".
        let sentence_from = sentence_start(toks, start);
        let alone_after_item = start == p
            && p > 0
            && toks[p - 1].is_clause_break()
            && (toks.get(end).is_none_or(Tok::is_break) || matches!(word_at(toks, end), Some("please" | "pls")))
            && (sentence_from..p).any(|k| table.longest_at(keys, k).is_some())
            // "10 gift cards, amazon": the card's brand, not where to buy it
            && !(sentence_from..p).any(|k| word_at(toks, k).is_some_and(|w| matches!(w, "gift" | "card" | "cards" | "voucher" | "vouchers")));
        let asked = start < p || only || alone_after_item;
        if !asked || (start == p && table.longest_at(keys, p).is_some()) || (allow && clause_refuses(toks, keys, table, start)) {
            p = end;
            continue;
        }
        let heads = heads_sentence(toks, start);
        let words_after = toks[end..].iter().take_while(|t| **t != Tok::Stop).any(|t| matches!(t, Tok::Word(_) | Tok::Num(_)));
        let leads = (heads && words_after) || toks.get(end) == Some(&Tok::Colon);
        let alone = heads && !words_after;
        let own_clause =
            start.checked_sub(1).is_none_or(|k| toks[k].is_break() || matches!(word_at(toks, k), Some("all" | "both" | "everything")));
        let counts_nothing = !toks[sentence_from..start].iter().any(|t| matches!(t, Tok::Num(_)));
        let whole = own_clause || counts_nothing;
        toks.splice(start..end, [Tok::Break]);
        keys.splice(start..end, [None]);
        ids.sort_unstable();
        ids.dedup();
        said.push(Said { at: start, merchants: ids, allow, leads, alone, whole });
        p = start + 1;
    }
    said
}

/// The merchants asked for and ruled out for the item at `pos`.
pub(super) fn of_item(said: &[Said], toks: &[Tok], pos: usize) -> (Vec<String>, Vec<String>) {
    let asked: Vec<&Said> = said.iter().filter(|s| s.allow).collect();
    let next = asked.iter().find(|s| s.at > pos).filter(|s| !s.leads);
    let prev = asked.iter().rev().find(|s| s.at < pos).filter(|s| s.leads);
    let between = |s: &&&Said, stops: fn(&Tok) -> bool| toks.get(pos..s.at).is_some_and(|t| t.iter().any(stops));
    let same_clause = next.filter(|s| !between(s, Tok::is_break));
    // Back over earlier clauses of its sentence only for a store said of the whole list.
    let same_list = next.filter(|s| s.whole && !between(s, |t| *t == Tok::Stop));
    let alone = asked.iter().find(|s| s.alone);
    let merchants = same_clause.or(prev).or(same_list).or(alone).map(|s| s.merchants.clone()).unwrap_or_default();
    (merchants, ruled_out(said))
}

/// The stores ruled out anywhere in the prompt: for every item.
fn ruled_out(said: &[Said]) -> Vec<String> {
    let mut out: Vec<String> = said.iter().filter(|s| !s.allow).flat_map(|s| s.merchants.iter().cloned()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The stores asked for when the prompt asks for one set of them everywhere ("from amazon
/// only"; `None` when it asks for none, or for different stores for different items), and the
/// stores it rules out.
#[cfg(feature = "llm")]
pub(super) fn overall(said: &[Said]) -> (Option<Vec<String>>, Vec<String>) {
    let mut asked = said.iter().filter(|s| s.allow).map(|s| &s.merchants);
    let first = asked.next();
    let one = first.filter(|f| asked.all(|a| a == *f)).cloned();
    (one, ruled_out(said))
}

#[cfg(feature = "llm")]
impl OfflineParser {
    /// Where to buy, for a plan another parser read from `intent` (a model never chooses the
    /// stores): each need takes the stores the offline plan asks for and rules out for the same
    /// item, or else for its category; failing both, those the prompt asks for everywhere and
    /// rules out.
    pub(crate) fn place_stores(&self, plan: &mut Plan, intent: &Intent, vocab: &Vocabulary) {
        let table = vocab.phrases();
        let (mut toks, mut keys) = super::tokens::keyed(tokenize(intent.prompt()), &table);
        let stores = take(&mut toks, &mut keys, &table, &vocab.store_names(store_names));
        if stores.is_empty() {
            return;
        }
        let offline = self.parse_sync(intent, vocab).map(|p| p.needs).unwrap_or_default();
        let (everywhere, ruled_out) = overall(&stores);
        for need in &mut plan.needs {
            let same_item = offline.iter().find(|o| o.category == need.category && o.item == need.item);
            (need.merchants, need.excluding_merchants) = match same_item.or_else(|| offline.iter().find(|o| o.category == need.category)) {
                Some(o) => (o.merchants.clone(), o.excluding_merchants.clone()),
                None => (everywhere.clone().unwrap_or_default(), ruled_out.clone()),
            };
        }
    }
}
