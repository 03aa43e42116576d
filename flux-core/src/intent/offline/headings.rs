//! Headings: a word for what a list is, then a colon. A category named before its items
//! ("Drinks: 24 energy drinks") or what the items make ("wifi for the venue: access points, a
//! switch") is no need of its own; a count said for a category before its kinds ("60 snacks:
//! chips, pretzels") is shared among them; people named by their role heading a list
//! ("onboarding 6 engineers: webcams, monitors") get one each of it.

use super::counts::{headcount_at, sentence_start, word_at};
use super::lists::{remove_all, whole_category};
use super::needs::{a_little, said_with, WEIGHT_WORDS};
use super::purposes::{SETTING_UP, WORKED_AT};
use super::tokens::Tok;
use super::unread::is_occasion;
use super::words::{is_function_word, is_role, GROUP_WORDS};
use super::Mention;
use crate::intent::Vocabulary;
use crate::terms::terms;

/// Takes out the headings: a whole category named with no count, then a colon — maybe with what
/// it is for ("prizes for the hackathon:", "raffle prizes:") — before items of it in the same
/// sentence or on the next line ("Drinks: 24 energy drinks", "snacks: chips and pretzels",
/// "Drinks:\n24 energy drinks"), or alone on its line ("Food & drinks\n* granola bars"). The
/// items say what of it to buy. In a list ("swag, stickers", "swag for 200 attendees, plus tote
/// bags") the category is asked for too.
pub(super) fn drop_headings(toks: &[Tok], mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    // A head count said with it still counts the items under it ("drinks for 40 people: ...").
    let uncounted = |o: &Mention| o.quantity.is_none();
    let mut heads: Vec<usize> = Vec::new();
    // (sentence, position, head count, one each) of the headings before a comma.
    let mut counted_by = Vec::new();
    for h in 0..mentions.len() {
        let group = {
            let m = &mentions[h];
            // ("a registration desk:" may name a place too)
            if !uncounted(m) && !m.article {
                continue;
            }
            // The colon ending the heading, after what it is for ("prizes for the hackathon:")
            // and the other categories it names with "and" ("Food & drink:").
            // Or the end of a line that is categories alone ("Food & drinks\n* granola bars"), or
            // one over a counted line ("Drinks\n24 energy drinks"; not "energy drinks. 24 sodas",
            // nor a list of things, "badges\nbadge holders", as `document::text` reads lines).
            let opens = m.pos == 0 || toks.get(m.pos - 1) == Some(&Tok::Stop);
            let (mut k, mut group, mut alone) = (m.end, vec![h], opens && uncounted(m) && whole_category(m, vocab));
            // Or a comma after a category said for its people, when only kinds of it with no count
            // of their own follow in the sentence, and nothing else but small words: "drinks for
            // 30, water and coffee", "swag for 200 attendees, tote bags and stickers" (not "...,
            // plus tote bags" or "..., but also tote bags": both are asked; nor "drinks for 30,
            // such as water and soda", where "water" was not read).
            let kinds_follow = |k: usize| {
                let rest: Vec<&Mention> = mentions.iter().filter(|o| o.sentence == m.sentence && o.pos > k).collect();
                let adds = word_at(toks, k + 1).is_some_and(|w| ADDING.contains(&w));
                let small = |w: &str| is_function_word(w) || WEIGHT_WORDS.contains(&w) || rest.iter().any(|o| said_with(o, w));
                let only_kinds = (k + 1..toks.len()).take_while(|&j| toks[j] != Tok::Stop).all(|j| word_at(toks, j).is_none_or(small));
                let kind = |o: &&Mention| o.category == m.category && (!o.counted() || a_little(o)) && !whole_category(o, vocab);
                m.local_headcount.is_some() && whole_category(m, vocab) && !adds && !rest.is_empty() && only_kinds && rest.iter().all(kind)
            };
            let colon = loop {
                match toks.get(k) {
                    Some(Tok::Colon) => break Some(k),
                    Some(Tok::Break) if k == m.end && kinds_follow(k) => break Some(k),
                    Some(Tok::Stop) if alone && (group.len() > 1 || matches!(toks.get(k + 1), Some(Tok::Num(_)))) => break Some(k),
                    Some(t) if t.is_break() => break None,
                    None => break None,
                    _ => match mentions.iter().position(|o| o.pos == k) {
                        Some(g) if uncounted(&mentions[g]) && word_at(toks, k.saturating_sub(1)) == Some("and") => {
                            group.push(g);
                            k = mentions[g].end.max(k + 1);
                        }
                        Some(_) => break None,
                        None => (k, alone) = (k + 1, alone && word_at(toks, k) == Some("and")),
                    },
                }
            };
            let Some(colon) = colon else { continue };
            // A heading of several categories opens its sentence: in "we need badges, lanyards
            // and snacks: chips" only "snacks" heads the chips.
            if group.len() > 1 && !(opens && group.iter().all(|&g| whole_category(&mentions[g], vocab))) {
                continue;
            }
            let line_after = toks[colon] == Tok::Stop || toks.get(colon + 1) == Some(&Tok::Stop);
            let under = |o: &&Mention| o.sentence == m.sentence || (line_after && o.sentence == m.sentence + 1);
            // What comes right after it is of its category ("Drinks: 24 energy drinks"), or a
            // kind of the very item it names ("Chairs: 48 folding chairs") or a brand of its
            // category ("Energy drinks: 24 red bull"); a list of categories ("Badges: lanyards,
            // badge holders") names each. A heading of several goes whole.
            let Some(first) = mentions.iter().filter(under).find(|o| o.pos > colon) else { continue };
            // "coffee station restock: hot cups, napkins", "setting up a registration desk: 100
            // badges": the item names where the list is for, whatever the items under it are.
            // The word says it right after the item ("coffee station restock") or opens the
            // sentence ("setting up a registration desk"); not the item's own ("docking station").
            let opens_at = sentence_start(toks, m.pos);
            let setting_up = |k: usize| word_at(toks, k).is_some_and(|w| SETTING_UP.contains(&w));
            // ("registration desk: 2 laptops, badge holders": a desk the list of other things is for,
            // heading its line alone ("Get a standing desk for the office: and 2 monitors" asks for one)
            let alone = (opens_at..m.pos).all(|k| word_at(toks, k).is_some_and(|w| m.item.split(' ').any(|i| i == w)));
            let place = alone && first.category != m.category && m.item.rsplit(' ').next().is_some_and(|w| WORKED_AT.contains(&w));
            let for_a_place = group.len() == 1 && (place || setting_up(m.end) || (opens_at < m.pos && setting_up(opens_at)));
            let heads_it = for_a_place
                || uncounted(m)
                    // ("raffle prizes:" too, but not a brand's "red bull drinks:")
                    && if whole_category(m, vocab) || !m.tagged && vocab.categories()[m.category].ends_whole(&m.item) {
                        // ("prizes: 4 hoodies", "thank-you gifts: 4 hoodies": what a category
                        // counted by no head names is what the list is for, whatever it is)
                        let any = vocab.categories()[m.category].per_person.is_none() && group.len() == 1;
                        !whole_category(first, vocab) && (any || group.iter().any(|&g| mentions[g].category == first.category))
                    } else {
                        let (named, kind) = (terms(&m.item), terms(&first.item));
                        let kind_of = named.len() < kind.len() && named.iter().all(|t| kind.contains(t));
                        // ("wifi for the venue: access points, a poe switch": one word for what
                        // several things of its category under it make; "a projector: a screen, a
                        // remote" and a product's title, "Snack Box: Chips, Nuts", are asked)
                        let made = named.len() == 1
                            && !m.article
                            && mentions.iter().filter(under).filter(|o| o.pos > colon && o.category == m.category).count() > 1;
                        group.len() == 1 && first.category == m.category && (kind_of || made || (first.tagged && !m.tagged))
                    };
            if !heads_it {
                continue;
            }
            // Kinds after a comma are counted by its people, as under a colon ("prizes for 10
            // winners, gift cards and headphones": ten of each).
            if toks[colon] == Tok::Break {
                counted_by.push((m.sentence, m.pos, m.local_headcount, m.for_each));
            }
            group
        };
        heads.extend(group);
    }
    for (sentence, pos, heads, for_each) in counted_by {
        for o in mentions.iter_mut().filter(|o| o.sentence == sentence && o.pos > pos) {
            (o.local_headcount, o.for_each) = (heads, for_each);
        }
    }
    remove_all(mentions, &heads);
}

/// Words after a comma that add to what was said before it: "drinks for 30, plus water", "...,
/// but also water", "..., along with water".
const ADDING: &[&str] = &["plus", "also", "and", "with", "along", "besides", "then", "extra", "but"];

/// "60 snacks: chips, pretzels and nuts", "60 snacks, assorted chips, pretzels, nuts", "60 snacks
/// like chips and cookies": a count said for a whole category, then kinds of it with no count of
/// their own, is shared among the kinds (20 of each), not bought besides them (60 snacks and a
/// default 50 of each kind, 210 in all).
pub(super) fn share_umbrella_counts(toks: &[Tok], mentions: &mut Vec<Mention>, vocab: &Vocabulary) {
    let mut umbrellas = Vec::new();
    for h in 0..mentions.len() {
        let m = &mentions[h];
        let Some(count) = m.quantity.filter(|_| !m.packages && !m.article && m.rate.is_none() && whole_category(m, vocab)) else {
            continue;
        };
        // What introduces the kinds, right after the category: a colon, "like" or ", assorted";
        // after its count in brackets too ("snacks (60): chips, pretzels").
        let mut k = m.end;
        if toks.get(k) == Some(&Tok::Break) && toks.get(k + 1) == Some(&Tok::Num(count)) {
            k += 2;
            while toks.get(k) == Some(&Tok::Break) {
                k += 1;
            }
        }
        let k = if toks.get(k) == Some(&Tok::Break) && word_at(toks, k + 1) == Some("assorted") { k + 1 } else { k };
        let introduced = toks.get(k) == Some(&Tok::Colon) || word_at(toks, k).is_some_and(|w| matches!(w, "like" | "assorted"));
        if !introduced {
            continue;
        }
        let same = |j: &usize| mentions[*j].sentence == m.sentence && mentions[*j].category == m.category;
        let kinds: Vec<usize> = (h + 1..mentions.len()).take_while(same).collect();
        // Kinds counted some other way ("chips and pretzels for 30 people") are not its to share.
        let own = |o: &Mention| o.local_headcount.is_none() && o.rate.is_none() && !o.packages && !whole_category(o, vocab);
        if kinds.is_empty() || !kinds.iter().all(|&j| own(&mentions[j])) {
            continue;
        }
        // Kinds counted already take their part ("60 snacks: 20 chips, pretzels and nuts": 40 left
        // for two). All counted, what they leave is bought as the category ("60 snacks: 10
        // chips, 10 pretzels": 40 more snacks), and nothing when they take it all.
        let stated: u64 = kinds.iter().filter_map(|&j| mentions[j].quantity).fold(0, u64::saturating_add);
        let open: Vec<usize> = kinds.iter().copied().filter(|&j| mentions[j].quantity.is_none()).collect();
        let rest = count.saturating_sub(stated);
        match u64::try_from(open.len()).unwrap_or(u64::MAX) {
            0 if rest > 0 => {
                mentions[h].quantity = Some(rest);
                continue;
            }
            0 => {}
            _ if rest == 0 => continue,
            n => {
                for j in open {
                    mentions[j].quantity = Some(rest.div_ceil(n));
                }
            }
        }
        umbrellas.push(h);
    }
    remove_all(mentions, &umbrellas);
}

/// Whether `word` names a gathering people share ("session", "gala", "hall" of "town hall"): a
/// [`GROUP_WORDS`] word but one of a standing group of people ("team", "department", "staff").
fn is_gathering(word: &str) -> bool {
    const STANDING: &[&str] = &[
        "team",
        "group",
        "class",
        "crew",
        "squad",
        "cohort",
        "department",
        "office",
        "family",
        "household",
        "company",
        "club",
        "troop",
        "staff",
    ];
    GROUP_WORDS.contains(&word) && !STANDING.contains(&word)
}

/// Words of a heading that sets up where people work: each of them gets one of the list, named by
/// their role or not ("setting up desks for 4 people:", "workstations for 6 people:").
const WORKPLACES: &[&str] = &["desk", "desks", "workstation", "workstations"];

/// Words of a heading for what people there share: "conference room setup for 30 people:",
/// "booth for 3 staff:" (an occasion too: "office party for 40 people:", "town hall for 250
/// employees:").
const SHARED_PLACES: &[&str] = &["room", "rooms", "kitchen", "lobby", "lounge", "booth", "stage", "hall"];

/// "onboarding 6 engineers: webcams, monitors, keyboards", "for our 6 new hires: a monitor, a
/// webcam": people named by their role, or given desks, heading a list get one each of what it
/// names, as "webcams, monitors and keyboards for 6 engineers" does (it bought 2 webcams, 2
/// monitors and 3 keyboards).
/// The list is the heading's sentence, or, when the colon ends its line, the lines up to another
/// heading.
pub(super) fn give_to_roles(toks: &[Tok], keys: &[Option<String>], mentions: &mut [Mention]) {
    for colon in (0..toks.len()).filter(|&c| toks[c] == Tok::Colon) {
        let start = sentence_start(toks, colon);
        let said = |is: &dyn Fn(&str) -> bool| (start..colon).any(|k| word_at(toks, k).is_some_and(is));
        // (Not "conference for 300 employees: microphones": an event for them.)
        if said(&|w| SHARED_PLACES.contains(&w) || is_occasion(w) || is_gathering(w)) {
            continue;
        }
        let workplace = said(&|w| WORKPLACES.contains(&w));
        let heading = (start..colon).find_map(|j| {
            let (n, used) = headcount_at(toks, keys, j)?;
            (j + used == colon && (workplace || (j..colon).any(|k| word_at(toks, k).is_some_and(is_role)))).then_some(n)
        });
        let Some(n) = heading else { continue };
        let ends = |k: &usize| toks[*k] == Tok::Colon || (toks.get(colon + 1) != Some(&Tok::Stop) && toks[*k] == Tok::Stop);
        let end = (colon + 1..toks.len()).find(ends).unwrap_or(toks.len());
        let uncounted = |m: &Mention| m.quantity.is_none() || (m.article && m.quantity == Some(1));
        for m in
            mentions.iter_mut().filter(|m| m.pos > colon && m.pos < end && uncounted(m) && m.local_headcount.is_none() && m.rate.is_none())
        {
            (m.local_headcount, m.for_each) = (Some(n), true);
        }
    }
}
