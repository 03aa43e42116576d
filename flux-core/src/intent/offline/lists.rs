//! How a request is built around its items, beyond counts and headings (`headings.rs`): a
//! purpose names what the items are for ("tablecloths for 10 tables", "cables for the
//! projector"), and a rate says how many go with each ("3 monitors per desk for 4 desks", "2
//! water bottles per person"). None of them is a need of its own.

use super::after::ends_clause;
use super::counts::{word_at, Each};
use super::each::is_per;
use super::tokens::Tok;
use super::words::{is_attribute, is_function_word, is_garment_size, is_people, CONJUNCTIONS, DETERMINERS};
use super::Mention;
use crate::intent::{CategoryDef, Vocabulary};
use crate::terms::terms;
use std::ops::RangeInclusive;

/// "coffee and water for 30 and snacks for 60": a head count said after a list of items is each
/// item's, not only the last one's (the first took the prompt's other head count, 60). Items with
/// a count of their own, or joined by more than a comma or "and", end the list.
pub(super) fn share_local_headcounts(toks: &[Tok], mentions: &mut [Mention]) {
    for k in (1..mentions.len()).rev() {
        let Some(h) = mentions[k].local_headcount else { continue };
        for j in (0..k).rev() {
            let (m, next) = (&mentions[j], &mentions[j + 1]);
            let joined = m.sentence == next.sentence
                && (m.end..next.pos)
                    .all(|t| matches!(toks.get(t), Some(Tok::Break)) || word_at(toks, t).is_some_and(|w| matches!(w, "and" | "or")));
            if !joined || m.quantity.is_some() || m.local_headcount.is_some() || m.rate.is_some() {
                break;
            }
            (mentions[j].local_headcount, mentions[j].for_each) = (Some(h), mentions[k].for_each);
        }
    }
}

/// Whether `item`, counted for each of so many ("for each of 12 people", "... each"), is one
/// each: a thing named, not what is used up (whose rate is a head's) nor a whole category.
pub(super) fn one_each_of(def: &CategoryDef, item: &str) -> bool {
    !def.edible && !def.is_whole(item)
}

/// Equipment a room shares rather than each person using one: "PA speakers for 150 staff" are a
/// few, though staff named by their role get one each of what is theirs ("monitors").
pub(super) fn is_shared_equipment(item: &str) -> bool {
    const SHARED: &[&str] = &["speaker", "projector", "screen", "tv", "tvs", "television", "mixer", "system", "stand", "router", "printer"];
    crate::terms::terms(item).last().is_some_and(|t| SHARED.contains(&t.as_str()))
}

/// Whether a list goes on between `from` and `to` to a thing that is no description: "and
/// bagels" in "orange juice x12 and bagels x24" (but not "zero" in "gatorade zero x 24", nor
/// "blue" in "lanyards, blue x 40").
pub(super) fn another_thing_between(toks: &[Tok], from: usize, to: usize) -> bool {
    let joins = |k: usize| toks[k].is_clause_break() || matches!(word_at(toks, k), Some("and" | "plus" | "or" | "&"));
    // ("and size XL": a size, said with the word "size")
    let describes = |j: usize, w: &str| is_attribute(w) || (w == "size" && word_at(toks, j + 1).is_some_and(is_garment_size));
    (from..to).any(|k| joins(k) && (k + 1..to).any(|j| word_at(toks, j).is_some_and(|w| !describes(j, w))))
}

/// Words after "per X" that say no more of what X is: "per person please", "per attendee total".
const NOT_NOUNS: &[&str] =
    &["please", "pls", "total", "max", "only", "each", "daily", "tops", "minimum", "min", "approx", "roughly", "thanks"];

/// Right after an item, "per desk", "per person", "each": a rate. Returns what it is per ("desk";
/// empty for "each") and the tokens used.
pub(super) fn rate_at(toks: &[Tok], i: usize) -> Option<(String, usize)> {
    match (word_at(toks, i)?, toks.get(i + 1)) {
        // "3 drinks each" (but "each of the 30 hires" is a head count)
        ("each", next) if next.is_none_or(|t| t.is_break() || word_at(toks, i + 1) == Some("for")) => Some((String::new(), 1)),
        // "per conference room": the last word of what it is per
        ("per", Some(Tok::Word(noun))) if !DETERMINERS.contains(&noun.as_str()) && !CONJUNCTIONS.contains(&noun.as_str()) => {
            // (not "per person please", "per attendee total", "per person daily")
            let ends = |k: usize| toks.get(k).is_none_or(Tok::is_break) || word_at(toks, k).is_some_and(is_function_word);
            let noun_word = |w: &&str| !is_function_word(w) && !NOT_NOUNS.contains(w) && !super::quantities::is_time(w);
            let two = word_at(toks, i + 2).filter(|w| !per_person(noun) && noun_word(w) && ends(i + 3));
            Some(two.map_or_else(|| (noun.clone(), 2), |w| (w.to_owned(), 3)))
        }
        // "a sanitizer stand for each entrance", "a projector in every room", "a power strip at
        // each table", "a power bank for every mentor" (the head count multiplies it)
        ("for" | "in" | "at", _) => {
            let each = super::each::each_noun_at(toks, i + 1).map(|(noun, end)| (noun, end - i));
            each.or_else(|| super::each::for_each_alone_at(toks, i)).or_else(|| super::each::everyones_at(toks, i))
        }
        _ => None,
    }
}

/// Whether `m` is one thing of a list ("a backpack", "webcam"): said with "a" or no count.
fn single(m: &Mention) -> bool {
    m.article || m.quantity.is_none()
}

/// "webcam, headset and a mouse each for 10 people": "each" closing a list is each item's though
/// its last items are none the catalog sells (left unread, with no count and no other item
/// between): the last item read takes it, and [`fold_rates`] gives it to the list.
fn close_lists_of_unsold(toks: &[Tok], mentions: &mut [Mention]) {
    for k in 0..mentions.len() {
        let m = &mentions[k];
        if m.rate.is_some() || !single(m) {
            continue;
        }
        let until = mentions.get(k + 1).map_or(toks.len(), |n| n.pos).min(toks.len());
        let Some(each) = (m.end..until).find(|&j| word_at(toks, j) == Some("each")) else { continue };
        let closes = rate_at(toks, each).is_some_and(|(per, _)| per.is_empty());
        let words_only = toks[m.end..each].iter().all(|t| matches!(t, Tok::Word(_) | Tok::Break));
        let listed =
            toks[m.end..each].iter().any(|t| *t == Tok::Break || matches!(t, Tok::Word(w) if matches!(w.as_str(), "and" | "plus")));
        if closes && words_only && listed {
            mentions[k].rate = Some(String::new());
        }
    }
}

/// Whether a rate is per person ("per person", "per attendee", "each" with a head count; "per
/// team of 4" with no count of teams): the head count multiplies it.
pub(super) fn per_head(m: &Mention) -> bool {
    m.rate.as_deref().is_some_and(|noun| noun.is_empty() || per_person(noun) || (m.every > 1 && super::each::per_group(noun)))
}

/// Whether a rate per `noun` is per person: "per person", "per attendee" (but "per team" is per
/// group: "each team needs a whiteboard" is a whiteboard a team).
pub(super) fn per_person(noun: &str) -> bool {
    let group = matches!(noun, "team" | "group" | "crew" | "squad" | "department" | "class" | "family");
    !group && (matches!(noun, "person" | "head") || is_people(noun) || is_people(&format!("{noun}s")))
}

/// "one power strip per table, 12 tables", "AV for 10 tables: one mic per table": an item that
/// is what another's rate is per is no need, unless named before the rate ("10 tables and 2
/// stools per table"); its count multiplies the rate. "5 tables, 8 chairs
/// each": "each" with no head count of its own is per the counted item before it; after a list
/// of single items ("a backpack, a water bottle and a hoodie each") it is each item's.
pub(super) fn fold_rates(toks: &[Tok], mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    close_lists_of_unsold(toks, mentions);
    // "a backpack, a water bottle and a hoodie each": "each" ends the list, so it is each item's,
    // and so is the head count said with it ("... each for 30 interns").
    // ("enough cups for 3 drinks each": a count each is that item's alone; "1 notebook and 1 pen
    // each" are one of each, as "a notebook and a pen each" are.)
    let one = |m: &Mention| single(m) || m.quantity == Some(1);
    for k in (1..mentions.len()).rev() {
        if mentions[k].rate.as_deref() != Some("") || !one(&mentions[k]) {
            continue;
        }
        let (sentence, heads) = (mentions[k].sentence, mentions[k].local_headcount);
        for prev in mentions[..k].iter_mut().rev() {
            let listed = prev.sentence == sentence
                && prev.rate.is_none()
                && one(prev)
                && (prev.local_headcount.is_none() || prev.local_headcount == heads);
            if !listed {
                break;
            }
            prev.rate = Some(String::new());
            prev.local_headcount = heads;
        }
    }
    // "1 notebook and 1 pen per attendee": a rate per person ending a list of small counts is
    // every one's (not "50 chairs and 2 bottles per person": fifty is no count per person; nor
    // "a projector" of equipment).
    for k in (1..mentions.len()).rev() {
        if !per_head(&mentions[k]) || mentions[k].rate.as_deref().is_none_or(str::is_empty) {
            continue;
        }
        let (sentence, rate, every, at) = (mentions[k].sentence, mentions[k].rate.clone(), mentions[k].every, mentions[k].pos);
        for prev in mentions[..k].iter_mut().rev() {
            // ("2 PA speakers, and each speaker gets a water bottle": that rate is only what follows.)
            if (prev.end..at).any(|j| matches!(word_at(toks, j), Some("each" | "every"))) {
                break;
            }
            // ("a projector, a whiteboard and 1 notebook per person": what is not had one a person
            // — a projector, a whiteboard for ten — stays one.)
            let each_has_one = vocab.categories().get(prev.category).and_then(|d| d.rate_of(&prev.item)).is_some_and(|(n, d)| n >= d);
            let small = (prev.article && each_has_one) || (!prev.article && prev.quantity.is_some_and(|q| q <= 3));
            if prev.sentence != sentence || prev.rate.is_some() || prev.local_headcount.is_some() || !small {
                break;
            }
            (prev.rate, prev.every) = (rate.clone(), every);
        }
    }
    for k in 1..mentions.len() {
        let (before, rest) = mentions.split_at_mut(k);
        let (m, prev) = (&mut rest[0], &before[k - 1]);
        // ("5 tables, 8 chairs each": each table's; not an item of the list "each" closes.)
        if m.rate.as_deref() == Some("")
            && m.local_headcount.is_none()
            && prev.sentence == m.sentence
            && !prev.article
            && prev.rate.is_none()
        {
            if let (Some(q), Some(n)) = (m.quantity, prev.quantity) {
                (m.quantity, m.rate) = (Some(q.saturating_mul(n)), None);
            }
        }
    }
    let mut k = 0;
    while k < mentions.len() {
        let m = &mentions[k];
        // ("Per table: 2 power strips. 12 tables.": a count said alone counts a rate of another.)
        let alone = super::each::said_alone(toks, m);
        // (Across sentences only a rate with a count: "chairs for each table" of "5 tables;" is
        // no count of one a table.)
        let per = |r: &Mention| {
            (r.sentence == m.sentence || (alone && r.quantity.is_some())) && r.rate.as_deref().is_some_and(|noun| is_per(noun, &m.item))
        };
        if let (Some(n), true) = (m.quantity, mentions.iter().any(per)) {
            let (sentence, item) = (m.sentence, m.item.clone());
            // "10 tables and 2 stools per table": named before the rate, the tables are asked for
            // too; named after it ("one power strip per table, 12 tables") they only count.
            // ("AV setup for 10 tables: one mic per table": what it is for is not asked; nor what
            // is there: "There are 12 tables", "the venue has 12 tables".)
            let for_them = (m.pos.saturating_sub(3)..m.pos)
                .any(|j| matches!(word_at(toks, j), Some("for" | "are" | "is" | "has" | "have" | "got" | "with" | "there")));
            let asked = !for_them && mentions.iter().filter(|r| per(r)).all(|r| r.pos > m.pos);
            let per = |r: &Mention| {
                (r.sentence == sentence || (alone && r.quantity.is_some())) && r.rate.as_deref().is_some_and(|noun| is_per(noun, &item))
            };
            for r in mentions.iter_mut().filter(|r| per(r)) {
                super::each::counted_by(r, n);
            }
            if !asked {
                mentions.remove(k);
                continue;
            }
        }
        k += 1;
    }
}

/// Whether `m` names its whole category ("drinks", "snacks", "prizes").
pub(super) fn whole_category(m: &Mention, vocab: &Vocabulary) -> bool {
    vocab.categories()[m.category].is_whole(&m.item)
}

/// "10 headphones like AirPods", "20 energy drinks like Red Bull": what follows "like" after an
/// item is an example of it, a word of what is asked, not a second item (it bought 10 headphones
/// and a pair of AirPods); "snacks like chips and cookies", with no count, asks for the kinds.
pub(super) fn read_examples(toks: &[Tok], mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    let mut gone = Vec::new();
    for h in 0..mentions.len() {
        let m = &mentions[h];
        if gone.contains(&h) || word_at(toks, m.end) != Some("like") || mentions.get(h + 1).is_none_or(|o| o.pos != m.end + 1) {
            continue;
        }
        let example = |o: &Mention| o.sentence == m.sentence && o.category == m.category && !o.counted() && !whole_category(o, vocab);
        let examples: Vec<usize> = (h + 1..mentions.len()).take_while(|&j| example(&mentions[j])).collect();
        if examples.is_empty() || m.rate.is_some() {
            continue;
        }
        if whole_category(m, vocab) {
            if m.quantity.is_none() {
                gone.push(h);
            }
            continue;
        }
        let words: Vec<String> = examples.iter().map(|&j| mentions[j].item.clone()).collect();
        mentions[h].attributes.extend(words);
        gone.extend(examples);
    }
    remove_all(mentions, &gone);
}

/// Folds the counts said around items into them: "25 of each" (`of_each`: sentences,
/// position, count, which items), "tablecloths for 10 tables" (`purposes`: sentence, clause, position, count), "for each
/// of the 30 new hires" and "10 onboarding kits, each with" (`per_each`: sentence, clause, count,
/// the tokens of a kit's items; one each of a thing, a rate per head of what is used up).
pub(super) fn fold_counts(
    toks: &[Tok],
    headcount: Option<u64>,
    mentions: &mut [Mention],
    of_each: &[(RangeInclusive<usize>, usize, u64, Each)],
    purposes: &[(usize, usize, usize, Option<u64>)],
    per_each: &[(usize, usize, u64, Option<std::ops::Range<usize>>)],
    vocab: &Vocabulary,
) {
    // "hoodies and beanies, 25 of each" ("5 of each: mugs, hoodies"): the count of every item
    // before (after) it not counted. The nearest count on the item's side: the first after it, or
    // the last before it (which leaves an item counted by its own head count or rate alone).
    let counted_by = |m: &Mention| {
        let before = of_each.iter().position(|(s, p, _, each)| *each != Each::After && s.contains(&m.sentence) && *p > m.pos);
        let own = m.local_headcount.is_some() || m.rate.is_some();
        let after = of_each.iter().rposition(|(s, p, _, each)| *each == Each::After && s.contains(&m.sentence) && *p < m.pos && !own);
        after.or(before).filter(|_| m.quantity.is_none() || m.article)
    };
    let mut items_counted = vec![0usize; of_each.len()];
    mentions.iter().filter_map(counted_by).for_each(|e| items_counted[e] += 1);
    for m in mentions {
        if let Some(e) = counted_by(m) {
            let (_, p, n, each) = &of_each[e];
            // "a case of water and a box of pens, 3 of each": three cases, three boxes.
            m.quantity = Some(*n);
            m.article = false;
            // "snacks for 30 people, 2 each", "snacks and drinks, 2 each, for 25 people", "energy
            // drinks, 2 each, 15 hackers": each person's — fewer than there are people ("t-shirts
            // and hoodies for the 20 volunteers, 20 each" are twenty of each).
            let alone = items_counted[e] == 1 && (m.end..*p).all(|k| toks[k].is_clause_break());
            let people = people_before(toks, *p) || people_after(toks, p + 2) || alone;
            let fewer = m.local_headcount.or(headcount).is_none_or(|h| *n < h);
            if *each == Each::Trailing && m.rate.is_none() && people && fewer {
                m.rate = Some("person".into());
            }
        }
        // "tablecloths for 10 tables": one each; "3 monitors per desk for 4 desks": three each.
        if let Some((_, _, _, Some(n))) = purposes.iter().find(|(s, c, p, _)| (*s, *c) == (m.sentence, m.clause) && *p > m.pos) {
            match m.quantity {
                None => m.quantity = Some(*n),
                // ("1 whiteboard per 2 rooms for 8 rooms": one for every two.)
                Some(_) if m.rate.is_some() => super::each::counted_by(m, *n),
                Some(_) => {}
            }
        }
        // "a backpack for each of the 30 new hires": one each; "two monitors for each of the 6
        // analysts": two each; "snacks for each of ...": the head count.
        // "10 onboarding kits, each with 1 usb-c hub and 1 hdmi cable": ten of each.
        let within = |(s, _, _, kit): &&(usize, usize, u64, Option<std::ops::Range<usize>>)| match kit {
            Some(items) => items.contains(&m.pos),
            None => *s == m.sentence,
        };
        if let Some((_, c, n, kit)) = per_each.iter().find(within) {
            // "kits for 10 interns: … a hoodie each": that "each" is this one, not a rate besides.
            if m.rate.as_deref() == Some("") {
                m.rate = None;
            }
            match m.quantity {
                Some(_) if m.article => m.quantity = Some(*n),
                Some(q) if *c == m.clause || kit.is_some() => m.quantity = Some(q.saturating_mul(*n)),
                None if kit.is_some() => m.quantity = Some(*n),
                // "a webcam and usb-c hub for each of 12 people": one each of a thing, said by
                // name ("snacks for each of them", "supplies" are the head count's).
                None if vocab.categories().get(m.category).is_some_and(|d| one_each_of(d, &m.item)) => m.quantity = Some(*n),
                None => m.local_headcount = Some(*n),
                Some(_) => {}
            }
        }
    }
}

/// Whether people end right before `at`, but for a clause break: "for 30 people, 2 each".
fn people_before(toks: &[Tok], at: usize) -> bool {
    let last = toks[..at.min(toks.len())].iter().rposition(|t| !t.is_clause_break());
    last.and_then(|k| word_at(toks, k)).is_some_and(is_people)
}

/// Whether people are counted right at `at`, but for a clause break and "for the": ", for 25
/// people".
fn people_after(toks: &[Tok], at: usize) -> bool {
    let mut k = at;
    while toks.get(k).is_some_and(Tok::is_clause_break) || matches!(word_at(toks, k), Some("for" | "the" | "our" | "all")) {
        k += 1;
    }
    matches!(toks.get(k), Some(Tok::Num(_))) && word_at(toks, k + 1).is_some_and(is_people)
}

/// Takes out an item named again with no count of its own where the request counts it, or a
/// kind of it, elsewhere: "We can't wait to get the hoodies! 30 navy hoodies please." is 30
/// hoodies, not a default pack besides; "badges ... 80 name badges" is 80 name badges.
pub(super) fn drop_repeats(mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    let repeats: Vec<usize> = (0..mentions.len())
        .filter(|&k| {
            let m = &mentions[k];
            let less_said =
                |o: &Mention| o.item == m.item && o.attributes != m.attributes && m.attributes.iter().all(|a| o.attributes.contains(a));
            // "we haven't ordered badges yet, so 80 name badges": the category, then the kind.
            let kind_of = |o: &Mention| {
                let asked = terms(&o.item);
                o.item != m.item && whole_category(m, vocab) && terms(&m.item).iter().all(|t| asked.contains(t))
            };
            // (A sum to spend on it is more said: `needs::merge` joins it to the item.)
            let spends = m.attributes.iter().any(|a| super::spend::is_spend(a));
            !m.counted() && !spends && mentions.iter().any(|o| o.counted() && o.category == m.category && (less_said(o) || kind_of(o)))
        })
        .collect();
    remove_all(mentions, &repeats);
}

/// Moves a count said again with fewer words onto the item it counts: "standing desks for the
/// office, 8 desks" is 8 standing desks, not 20 (the default) and 8 more desks.
pub(super) fn count_restated(toks: &[Tok], mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k < mentions.len() {
        let o = &mentions[k];
        // "…, 8 desks" ends its clause; "20 chairs for the stage" is other chairs.
        let alone = toks.get(o.end).is_none_or(Tok::is_break);
        if o.quantity.is_none() || !alone {
            k += 1;
            continue;
        }
        let said = terms(&o.item);
        let restates = |m: &Mention| {
            let full = terms(&m.item);
            !m.counted()
                && m.pos < o.pos
                && (m.sentence, m.category) == (o.sentence, o.category)
                && full.len() > said.len()
                && full.ends_with(&said)
                && o.attributes.iter().all(|a| m.attributes.contains(a))
        };
        match mentions.iter().rposition(restates) {
            Some(m) => {
                let o = mentions.remove(k);
                (mentions[m].quantity, mentions[m].packages, mentions[m].article) = (o.quantity, o.packages, o.article);
            }
            None => k += 1,
        }
    }
}

/// Removes the mentions at the positions `at` lists (in any order, repeats allowed).
pub(super) fn remove_all(mentions: &mut Vec<Mention>, at: &[usize]) {
    let mut k = 0;
    mentions.retain(|_| {
        k += 1;
        !at.contains(&(k - 1))
    });
}

/// Whether the clause from `end` (an item's end) heads a list of counted items: a colon after one
/// or two words that say what the list is ("swag order:"), then a count before the sentence ends.
/// Right after the item, the colon introduces its own parts ("2000 stickers: 500 blue, ...").
pub(super) fn heads_counted_list(toks: &[Tok], end: usize) -> bool {
    let Some(colon) = (end + 1..end + 3).find(|k| toks.get(*k) == Some(&Tok::Colon)) else { return false };
    (end..colon).all(|k| word_at(toks, k).is_some())
        && toks[colon + 1..].iter().take_while(|t| **t != Tok::Stop).any(|t| matches!(t, Tok::Num(_)))
}

/// "24 red bull, no sugar drinks only": the whole category with "only" (and what it must be),
/// after items of that category, restricts them (Red Bull, sugar-free); it is no item of its own,
/// which bought 48 sparkling waters nobody asked for ("24 red bull, drinks only" too).
pub(super) fn apply_restrictions(toks: &[Tok], mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    let mut k = 0;
    while k < mentions.len() {
        let m = &mentions[k];
        // "drinks only", "sugar free drinks only", ", only sugar free drinks"
        let after = word_at(toks, m.end) == Some("only") && ends_clause(toks, m.end + 1);
        // "only" before the item and what describes it ("only sugar free drinks").
        let mut from = m.pos;
        while from > 0 && word_at(toks, from - 1).is_some_and(is_attribute) {
            from -= 1;
        }
        let only_at = from.checked_sub(1).filter(|o| word_at(toks, *o) == Some("only"));
        let before = only_at.is_some_and(|k| k == 0 || toks[k - 1].is_break()) && ends_clause(toks, m.end);
        let restricts = || mentions.iter().any(|o| o.category == m.category && o.pos < m.pos);
        let whole = || {
            let generic = vocab.categories()[m.category].generic_terms();
            terms(&m.item).iter().all(|t| generic.contains(t))
        };
        if !((after || before) && m.quantity.is_none() && restricts() && whole()) {
            k += 1;
            continue;
        }
        let r = mentions.remove(k);
        for o in mentions.iter_mut().filter(|o| o.category == r.category && o.pos < r.pos) {
            for a in &r.attributes {
                if !o.attributes.contains(a) {
                    o.attributes.push(a.clone());
                }
            }
            for e in &r.excluding {
                if !o.excluding.contains(e) {
                    o.excluding.push(e.clone());
                }
            }
        }
    }
}
