//! The default parser: deterministic rules over the vocabulary and the catalog's tags, no
//! network, no model.

mod after;
mod allergies;
mod alternatives;
mod answers;
mod bundles;
mod corrections;
mod counts;
mod diet;
mod durations;
mod each;
mod ellipsis;
mod exclusions;
mod free;
mod headings;
mod items;
mod kits;
mod labels;
mod lists;
mod merchants;
mod models;
mod needs;
mod negation;
mod on_hand;
mod owned;
mod parts;
mod people;
mod places;
mod preferences;
mod providers;
mod purposes;
mod quantities;
mod ranks;
mod refusals;
mod shared;
mod spares;
mod spend;
mod tenure;
mod tokens;
mod typos;
mod unread;
mod used_with;
mod variants;
pub(super) mod words;

use super::{Dropped, Intent, IntentParser, ParseError, ParseTelemetry, Plan, Vocabulary};
use crate::{future::BoxFuture, reasons::DropReason};
pub(crate) use diet::DIETS;
pub(super) use negation::refuses_under;
pub(crate) use purposes::DEVICES;

use after::attributes_after;
use counts::{headcount_at, occasion_at, of_each_at, word_at};
use quantities::{counts_packages, quantity_before, trailing_count_at};
pub(super) use tokens::number_word;
use tokens::{sentences, tokenize, Tok};
use words::{DETERMINERS, PACKAGE_WORDS};

/// Reads needs from a prompt with word rules: items named by the vocabulary's phrases and the
/// catalog's tags (longest match first; "Red Bulls", "LaCroix", "a Meeting Owl"), read as noun
/// phrases with the words that describe them ("sugar-free energy drinks", "Post-it easel pads",
/// "royal blue lanyards", "a 10-channel mixer", "USB-C to DisplayPort adapters"); explicit
/// quantities before an item ("24 energy drinks", "two dozen cans of soda", "10 reams of copy
/// paper") but never money or versions ("a $100 gift card", "four Wi-Fi 6 access points"); head
/// counts ("for 100 people", "team of 40", "for our 30 new hires"), one each ("a backpack for
/// each of the 30 new hires"), one count for a list ("hoodies and beanies, 25 of each"), and
/// per-category defaults. Occasions ("for the coffee bar") name no item. Each distinct item is
/// its own need. The same prompt, vocabulary and catalog always give the same plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineParser;

/// The model name the offline parser reports in telemetry.
pub const OFFLINE_MODEL: &str = "flux-offline-v1";

#[derive(Clone)]
struct Mention {
    category: usize,
    quantity: Option<u64>,
    /// The quantity is the "a" of "a projector".
    article: bool,
    /// The quantity counts packages ("2 cases of ...").
    packages: bool,
    /// The quantity is what packs of one size hold ("a 24-pack of water"): a times count after
    /// the item counts the packs ("x 3").
    pack_size: bool,
    /// What is ruled out for it ("snacks without nuts").
    excluding: Vec<String>,
    /// Its count is per something ("3 monitors per desk": "desk"; "3 drinks each": empty), times
    /// a purpose's count, the count of what it is per, or the head count.
    rate: Option<String>,
    /// How many share one at that rate ("one power strip per 4 hackers": 4); 1 when per one.
    every: u64,
    /// The count is per day or per hour of the event ("2 drinks per person per day").
    per_time: Option<durations::Per>,
    /// The days it is kept ("40 chairs for 2 days", or the event's length for equipment).
    days: Option<u64>,
    /// Spares on top of its count ("plus 10 extra").
    spare: Option<spares::Spare>,
    /// Said after a correction ("sorry, 40 lanyards"): its count replaces an earlier one.
    corrects: bool,
    /// Its count is a part of a breakdown said after the item, and the sizes or colours of that
    /// part ("t-shirts: 20 medium, 15 large": "medium"); see [`parts`].
    part: Option<Vec<String>>,
    /// The count said before the item when a breakdown after it gives the parts ("40 t-shirts:
    /// 20 M, 15 L"): what the parts leave of it is bought as the item.
    total: Option<u64>,
    /// It is named by a catalog tag (a brand: "red bull"), not by the vocabulary.
    tagged: bool,
    local_headcount: Option<u64>,
    /// The local head count names people by their role ("for 30 employees"): in a category with
    /// no per-person rate, each gets one ("monitors for 30 employees" are 30 monitors).
    for_each: bool,
    source: String,
    item: String,
    attributes: Vec<String>,
    /// Sentence and clause of the item, its position, and the end of the words read with it.
    sentence: usize,
    clause: usize,
    pos: usize,
    end: usize,
}

impl Mention {
    /// Whether a count was said for it: its own, or a head count said with it.
    fn counted(&self) -> bool {
        self.quantity.is_some() || self.local_headcount.is_some()
    }
}

impl OfflineParser {
    /// Parses synchronously (the parser does no I/O).
    pub fn parse_sync(&self, intent: &Intent, vocab: &Vocabulary) -> Result<Plan, ParseError> {
        let table = vocab.phrases();
        let (mut toks, mut keys) = tokens::keyed(tokenize(intent.prompt()), &table);
        // "deliver to building B loading dock", "instead of 20 chairs": no item is asked there.
        places::take(&mut toks, &mut keys);
        // "speakers get a lav mic each": people, not loudspeakers.
        people::take(&toks, &mut keys, &table, vocab);
        // "Each table gets a tablecloth": what the tablecloth is for.
        each::take_recipients(&toks, &mut keys);
        // "chairs yes tables no": a checklist's answers.
        answers::take(&mut toks, &mut keys, &table);
        // "an Epson 880 projector": a model, not 880 projectors.
        models::take(&mut toks, &mut keys, &table);
        // "for 1st, 2nd and 3rd place": three winners; "cables: 2 hdmi, 1 vga": hdmi and vga cables.
        ranks::take(&mut toks, &mut keys, &table);
        ellipsis::take(&mut toks, &mut keys, &table);
        used_with::take(&mut toks, &mut keys, &table); // "a whiteboard and markers": whiteboard markers
        corrections::take_replaced(&mut toks, &mut keys, &table);
        // "from amazon only", "no walmart": where to buy, read before the items.
        let stores = merchants::take(&mut toks, &mut keys, &table, &vocab.store_names(merchants::store_names));
        let (sentence, clause) = sentences(&toks);
        let correcting = corrections::scope(&toks);
        let mut mentions: Vec<Mention> = Vec::new();
        let mut headcount: Option<u64> = None;
        // (sentence, clause, count, a kit's items) of "for each of the 6 analysts", "10 kits, each
        // with"; (sentences, position, count, which items) of "25 of each".
        let mut per_each: Vec<(usize, usize, u64, Option<std::ops::Range<usize>>)> = Vec::new();
        let mut of_each: Vec<(std::ops::RangeInclusive<usize>, usize, u64, counts::Each)> = Vec::new();
        // (sentence, clause, position, count) of "for 10 tables" after an item.
        let mut purposes: Vec<(usize, usize, usize, Option<u64>)> = Vec::new();
        // How many sit at a table ("10 per table"), which counts the tables for a head count.
        let mut seats: Option<u64> = None;
        let mut dropped = Vec::new();
        // Items asked not to be bought ("no snacks").
        let mut refused: Vec<refusals::Refused> = Vec::new();
        // The item before, in its sentence: (sentence, end, how it was said).
        let mut prev_said: Option<(usize, usize, negation::Said)> = None;
        // Tokens some rule read, and tokens of items read (for what was asked but not read).
        let (mut read, mut in_item) = (vec![false; toks.len()], vec![false; toks.len()]);
        let mark = |flags: &mut Vec<bool>, from: usize, to: usize| flags[from..to.min(toks.len())].iter_mut().for_each(|f| *f = true);
        let mut last_end = 0usize;
        let mut i = 0usize;
        while i < toks.len() {
            if let Some((n, used, kit)) = bundles::each_at(&toks, i) {
                // "For each of the 8 desks: one HDMI cable", "in each of the 3 rooms, 2 power strips"
                // (opening its sentence): the clause after it.
                let opens = i == 0 || toks[i - 1] == Tok::Stop;
                let heads = toks.get(i + used) == Some(&Tok::Colon) || (opens && toks.get(i + used) == Some(&Tok::Break));
                let after_colon = heads.then(|| clause.get(i + used + 1)).flatten();
                headcount = if kit.is_some() { headcount } else { corrections::heads(headcount, n, correcting[i]) };
                per_each.push((sentence[i], after_colon.copied().unwrap_or(clause[i]), n, kit));
                mark(&mut read, i, i + used);
                i += used;
                last_end = i;
                continue;
            }
            // "8 people per table" seats a table; it counts no people of its own.
            if let Some((n, used)) = counts::seats_at(&toks, i) {
                seats = Some(n);
                mark(&mut read, i, i + used);
                i += used;
                last_end = i;
                continue;
            }
            // "100 lanyards plus 10 extra": spares of the item before.
            if let Some(used) = spares::take(&toks, i, &sentence, &mut mentions) {
                mark(&mut read, i, i + used);
                (i, last_end) = (i + used, i + used);
                continue;
            }
            if let Some((n, used)) = headcount_at(&toks, &keys, i) {
                headcount = corrections::heads(headcount, n, correcting[i]);
                mark(&mut read, i, i + used);
                i += used;
                continue;
            }
            // "Actually, make that 15": the last count said, or the head count, corrected.
            if let Some((n, people, used)) = corrections::make_it_at(&toks, i) {
                // "deliver in 3 days, or make it 2": it is the last count said, not an item's.
                let other_count = (mentions.last().map_or(0, |m| m.end)..i).any(|k| matches!(toks[k], Tok::Num(_)));
                match mentions.last_mut().filter(|_| !other_count) {
                    Some(m) if !people => (m.quantity, m.article, m.corrects) = (Some(n), false, true),
                    None if !people => {}
                    _ => {
                        headcount = Some(n);
                        mentions.iter_mut().filter(|m| m.local_headcount.is_some()).for_each(|m| m.local_headcount = Some(n));
                    }
                }
                mark(&mut read, i, i + used);
                i += used;
                last_end = i;
                continue;
            }
            if let Some((n, each, used)) = of_each_at(&toks, i) {
                // "10 of each:" ending its line heads the lines after it, up to a blank line.
                let mut last = sentence[i];
                let after = i + used + usize::from(toks.get(i + used) == Some(&Tok::Colon));
                if each == counts::Each::After && toks.get(after) == Some(&Tok::Stop) {
                    let blank = (after..toks.len()).find(|k| toks[*k] == Tok::Stop && toks.get(k + 1) == Some(&Tok::Stop));
                    last = sentence.get(blank.unwrap_or(toks.len().saturating_sub(1))).copied().unwrap_or(last);
                }
                of_each.push((sentence[i]..=last, i, n, each));
                mark(&mut read, i, i + used);
                i += used;
                last_end = i;
                continue;
            }
            // "coffee mugs, 24", "coconut water, 12 bottles": a count after the item, alone in
            // its clause, counts it.
            let after_item = prev_said.is_some_and(|(s, end, said)| s == sentence[i] && end == i && said.refused_from().is_none());
            // "energy drinks: 2 per hacker", "water (2 bottles per person)": a count and its rate
            // right after the item, alone in their clause.
            if let Some((n, per, end)) = after_item.then(|| quantities::rate_after(&toks, i)).flatten() {
                if let Some(m) = mentions.last_mut().filter(|m| m.quantity.is_none() || m.article) {
                    (m.quantity, m.article, m.rate) = (Some(n), false, Some(per));
                }
                mark(&mut read, i, end);
                (i, last_end) = (end, end);
                continue;
            }
            // "hoodies x10 size XL": what follows the count describes the item.
            let mut described = Vec::new();
            if let Some(mut used) = trailing_count_at(&toks, i, after_item, &mut described) {
                // "orange juice x12 and bagels x24": a count after a times sign is the item's right
                // before it, never an earlier one's across words not read as an item.
                let times = quantities::counts_the_item(&toks, i);
                let own = |m: &&mut Mention| !times || !lists::another_thing_between(&toks, m.end, i - 1);
                let none_before = mentions.is_empty();
                let attached = mentions.last_mut().filter(own);
                // Not the item's: left unread, so that "bagels x24" is reported, count and all.
                // (Nor with no item before it: "Have: 10 chairs. Need: 16" is for `on_hand`.)
                if (times || none_before) && attached.is_none() {
                    i += used;
                    continue;
                }
                if let (Some(m), Tok::Num(n)) = (attached, &toks[i]) {
                    let m_end = m.end;
                    // "black, 12": the size or colour said before the count is this part's.
                    if let Some((said, at)) = after::described_before(&toks, |k| read[k] && !in_item[k], i) {
                        described.push(said);
                        mark(&mut read, at, i);
                    }
                    // "lacroix, 2 cases": two cases, as "2 cases of lacroix" is.
                    let packages = word_at(&toks, i + 1).is_some_and(|w| PACKAGE_WORDS.contains(&w) && counts_packages(w, *n));
                    // Right after the item, but for commas and colons (and the part's own words).
                    // ("20 t-shirts: M x 10": the times sign of this count too.)
                    let sign = |k: usize| times && k + 1 == i;
                    let opens = m.end < i
                        && (m.end..i).all(|k| toks[k].is_clause_break() || sign(k) || word_at(&toks, k).is_some_and(words::is_attribute));
                    let (sentence, correcting) = (sentence[i], correcting[i]);
                    let alone = !(m.pos..i).any(|k| matches!(toks[k], Tok::Num(_))) && toks.get(i + 1).is_none_or(Tok::is_break);
                    let count = parts::CountAfter { n: *n, sentence, correcting, packages, opens, words: described, times, alone };
                    let mut part = parts::count_after(m, count);
                    // "extension cords x 8, outdoor": what follows a times count is after the item
                    // (the part's, when the count opened one: "M x 10, L x 5, XL x 2").
                    if times {
                        let counted = match part.as_mut() {
                            Some(p) => p,
                            None => m,
                        };
                        // "hdmi cables x 5, not the 3ft ones": what it is not, after its count.
                        let (out, end) = exclusions::ruled_out_after(&toks, &keys, &table, i + used, counted.category);
                        counted.excluding.extend(out);
                        counted.end = end.max(i + used);
                        mark(&mut in_item, i + used, counted.end);
                        used = counted.end - i;
                    }
                    mentions.extend(part);
                    // "docks x 2 for the hot desks": what follows is still after the item.
                    if let Some(prev) = prev_said.as_mut().filter(|p| times && p.1 == m_end) {
                        prev.1 = i + used;
                    }
                }
                mark(&mut read, i, i + used);
                i += used;
                last_end = i;
                continue;
            }
            // "a nut allergy", "allergic to peanuts": no item to buy; read with the other allergies.
            if let Some(used) = allergies::said_at(&toks, i) {
                i += used;
                last_end = i;
                continue;
            }
            // "snacks for the speakers": people, not loudspeakers.
            if let Some(used) = purposes::audience_at(&toks, i) {
                mark(&mut read, i, i + used);
                i += used;
                last_end = i;
                continue;
            }
            // "tablecloths for 10 tables", "cables for the projector": what the item before is for
            // (or a thing the catalog does not sell: "centerpieces for 10 tables" rents no table).
            let after_thing = after_item || purposes::unread_thing_before(&toks, &read, i);
            if let Some((n, used, places)) = after_thing.then(|| purposes::purpose_at(&toks, &keys, &table, i)).flatten() {
                // Counted places get one each of equipment, not of water ("water for 6 rooms").
                let equipment = mentions.last().and_then(|m| vocab.categories().get(m.category)).is_some_and(|d| d.one_when_singular);
                // After a thing the catalog does not sell, the count is that thing's, not an item's.
                purposes.push((sentence[i], clause[i], i, n.filter(|_| after_item && (!places || equipment))));
                mark(&mut read, i, i + used);
                if after_item {
                    mark(&mut in_item, i, i + used);
                }
                i += used;
                last_end = i;
                continue;
            }
            if let Some(used) = occasion_at(&toks, &keys, &table, i).or_else(|| counts::occasion_name_at(&toks, &keys, i)) {
                mark(&mut read, i, i + used);
                i += used;
                last_end = i;
                continue;
            }
            // "Per table: 2 power strips": a heading that gives its list to each table, no item.
            if let Some((_, end)) = each::per_heading_at(&toks, i) {
                mark(&mut read, i, end + 1);
                (i, last_end) = (end + 1, end + 1);
                continue;
            }
            // "Nobody drinks the coffee": "drinks" is a verb there.
            if negation::is_verb_of_nobody(&toks, i) {
                mark(&mut read, i, i + 1);
                i += 1;
                continue;
            }
            // "we might need extension cords but hold off on those": the item before is refused.
            if let Some((from, plural)) = refusals::pointing_back_at(&toks, i, last_end) {
                // (Not past an item refused or at hand since: "the venue provides a screen, so skip it".)
                let after =
                    prev_said.filter(|(s, _, said)| *s == sentence[i] && said.refused_from().is_some()).map_or(0, |(_, end, _)| end);
                let taken = refusals::pointed_at(&toks, &mut mentions, sentence[i], after, plural, i);
                if !taken.is_empty() {
                    mark(&mut read, from, i + 1);
                }
                refused.extend(taken);
                i += 1;
                continue;
            }
            let Some(found) = items::item_at(&toks, &keys, &table, i, last_end) else {
                i += 1;
                continue;
            };
            // "Red Bull and Monster", "Doritos and Kind": a weak tag listed right after a brand of
            // its category names an item too.
            let listed = || {
                let Some(m) = mentions.last() else { return false };
                let joined = |k: usize| {
                    toks[k].is_clause_break()
                        || matches!(toks[k], Tok::Num(_))
                        || matches!(word_at(&toks, k), Some("and" | "or" | "&" | "plus"))
                };
                m.tagged
                    && m.sentence == sentence[i]
                    && found.head.categories.contains(&m.category)
                    && m.end < found.start
                    && (m.end..found.start).all(joined)
            };
            if found.weak && !listed() {
                // "8 extension cords, outdoor, 50ft": a word the item's offers are tagged with, in
                // a clause of its own right after the item, describes it.
                let describes = |m: &&mut Mention| {
                    m.sentence == sentence[i]
                        && m.end < found.start
                        && (m.end + 1..found.start).all(|k| word_at(&toks, k).is_some_and(|w| words::FILLER_WORDS.contains(&w)))
                        && toks[m.end].is_clause_break()
                        && found.head.categories.contains(&m.category)
                        && toks.get(found.end).is_none_or(Tok::is_break)
                };
                if let Some(m) = mentions.last_mut().filter(describes) {
                    m.attributes.push(found.item);
                    m.end = attributes_after(&toks, found.end, &mut m.attributes);
                    mark(&mut read, found.start, m.end);
                    mark(&mut in_item, found.start, m.end);
                    (last_end, i) = (m.end, m.end);
                    continue;
                }
                // An everyday word some tag uses ("kind of"), with no item word after it.
                i = found.end;
                continue;
            }
            // "a tablet as grand prize", "an iPad as the grand prize": "as ..." names a role.
            let s = found.start;
            let role = (s > last_end && word_at(&toks, s - 1) == Some("as"))
                || (s > last_end + 1
                    && word_at(&toks, s - 2) == Some("as")
                    && word_at(&toks, s - 1).is_some_and(|w| DETERMINERS.contains(&w)));
            if role {
                mark(&mut in_item, found.start, found.end);
                last_end = found.end;
                i = found.end;
                continue;
            }
            let prev = prev_said.filter(|(s, _, _)| *s == sentence[i]).map(|(_, end, said)| (end, said));
            let mut attributes = found.attributes;
            let after = attributes_after(&toks, found.end, &mut attributes);
            let (said, more, after) = refusals::around(&toks, found.start, after, last_end, prev);
            let at_hand = matches!(said, negation::Said::AtHand(_));
            // "no snacks with nuts": snacks, without nuts.
            let (with, after) = match said.refused_from() {
                Some(_) if !at_hand => exclusions::refused_with(&toks, after),
                _ => (Vec::new(), after),
            };
            if let Some(from) = said.refused_from().filter(|_| with.is_empty()) {
                let tagged = found.head.tag;
                let had = at_hand.then(|| quantity_before(&toks, found.start, last_end).0).flatten();
                refused.push(refusals::Refused { category: found.category, item: found.item, attributes, pos: i, at_hand, had, tagged });
                mark(&mut read, from.min(found.start), after);
                mark(&mut in_item, from.min(found.start), after);
                prev_said = Some((sentence[i], after, said));
                last_end = after;
                i = after;
                continue;
            }
            let (quantity, article, packages) = match more {
                Some((n, from, to)) => {
                    mark(&mut read, from, to);
                    (Some(n), false, false)
                }
                // "2024 swag order: 50 stickers": a year in a line that heads a list is no count.
                None => match quantity_before(&toks, found.start, last_end) {
                    (Some(year), ..) if counts::is_year(year) && lists::heads_counted_list(&toks, after) => (None, false, false),
                    // "2 whiteboard markers packs": packs or cases right after items are what the
                    // count counts, as "2 packs of whiteboard markers". Not cases of one thing ("10
                    // pen cases"), boxes ("6 snack boxes") nor servings ("24 juice packs").
                    (Some(n), false, false)
                        if word_at(&toks, found.end).is_some_and(|w| {
                            let plural = found.item.ends_with('s') && matches!(w, "packs" | "cases");
                            (plural || (w == "packs" && !vocab.categories()[found.category].edible)) && counts_packages(w, n)
                        }) =>
                    {
                        mark(&mut read, found.end, found.end + 1);
                        (Some(n), false, true)
                    }
                    said => said,
                },
            };
            let (mut item, mut next) = (found.item, after);
            models::name_by_version(&mut item, &mut attributes, &vocab.categories()[found.category]);
            // "snacks without nuts", "hdmi cables, not the 3 ft ones"
            let mut excluding = with;
            let mut rule_out = |next: &mut usize| {
                let (words, end) = exclusions::ruled_out_after(&toks, &keys, &table, *next, found.category);
                mark(&mut read, *next, end);
                *next = (*next).max(end);
                excluding.extend(words);
            };
            rule_out(&mut next);
            // "3 monitors per desk", "3 drinks each", "one power strip per 4 hackers", and "per
            // day" before or after it
            let mut per_time = durations::per_time_at(&toks, next).map(|(per, used)| (per, next += used).0);
            let (mut rate, mut every) = (None, 1);
            let per_many = each::per_many_at(&toks, next)
                .or_else(|| each::times_each_at(&toks, next))
                .or_else(|| each::people_times_before(&toks, found.start));
            if let Some((per, n, used)) = per_many.or_else(|| lists::rate_at(&toks, next).map(|(p, u)| (p, 1, u))) {
                (rate, every) = (Some(per), n);
                next += used;
            }
            per_time = per_time.or_else(|| durations::per_time_at(&toks, next).map(|(per, used)| (per, next += used).0));
            let mut for_each = false;
            let local_headcount = headcount_at(&toks, &keys, next).map(|(n, used)| {
                // "monitors for 30 employees": people named by their role get one each.
                for_each = (next..next + used).any(|k| word_at(&toks, k).is_some_and(words::is_role));
                next += used;
                headcount = corrections::heads(headcount, n, correcting[i]);
                n
            });
            // "snacks for 20 people, nut-free please", "badges for the office, blue", "snacks for 20 without peanuts"
            next = after::described_after_whom(&toks, &keys, &table, next, local_headcount.is_some(), found.category, &mut attributes);
            rule_out(&mut next);
            mentions.push(Mention {
                category: found.category,
                quantity: quantities::in_packs(&toks, found.end, quantity, packages),
                article,
                packages,
                pack_size: quantities::pack_size_before(&toks, found.start, last_end),
                excluding,
                rate,
                every,
                per_time,
                days: None,
                spare: None,
                corrects: correcting[i],
                part: None,
                total: None,
                tagged: found.head.tag,
                local_headcount,
                for_each,
                source: found.head.words.join(" "),
                item,
                attributes,
                sentence: sentence[i],
                clause: clause[i],
                pos: i,
                end: next,
            });
            mark(&mut read, found.start, next);
            mark(&mut in_item, found.start, next);
            prev_said = Some((sentence[i], next, said));
            // A head count read after the item is consumed: it is not the next item's quantity.
            last_end = next;
            i = next;
        }
        parts::remainders(&mut mentions);
        let mut diet = diet::said_with_items(&toks, &mentions, vocab);
        headings::drop_headings(&toks, &mut mentions, vocab);
        headings::share_umbrella_counts(&toks, &mut mentions, vocab);
        headings::give_to_roles(&toks, &keys, &mut mentions);
        lists::read_examples(&toks, &mut mentions, vocab);
        preferences::fold(&toks, &mut mentions, vocab);
        dropped.extend(alternatives::keep_first(&toks, &mut mentions));
        preferences::specs_after(&toks, &sentence, &mut read, &mut mentions);
        after::logo_for_all(&toks, &sentence, &mut read, &mut mentions);
        lists::share_local_headcounts(&toks, &mut mentions);
        lists::fold_counts(&toks, headcount, &mut mentions, &of_each, &purposes, &per_each, vocab);
        variants::split(&toks, &mut mentions);
        variants::halves(&toks, &mut read, &mut mentions);
        each::given_to_each(&toks, &sentence, &mut mentions);
        lists::fold_rates(&toks, &mut mentions, vocab);
        each::count_per(&toks, &mut read, &mut mentions, vocab);
        durations::apply(&toks, &mut mentions, vocab);
        lists::drop_repeats(&mut mentions, vocab);
        lists::count_restated(&toks, &mut mentions);
        lists::apply_restrictions(&toks, &mut mentions, vocab);
        kits::expand(&mut mentions, vocab);
        allergies::read(&toks, &mut read, &mut diet);
        diet::apply(&diet, &mut mentions, vocab);
        on_hand::count(&toks, (&sentence, &clause), &mut read, &refused, &mut mentions);
        dropped.extend(refusals::apply(&refused, &mut mentions, vocab));
        dropped.extend(owned::apply(&toks, &mut mentions));
        durations::keep_equipment(&toks, &mut mentions, vocab);
        let needs = needs::merge(mentions, needs::Counts { headcount, seats }, &stores, &toks, vocab, &mut dropped);
        let unread = unread::unread_items(&toks, &read, &in_item, false).into_iter();
        dropped.extend(unread.map(|item| Dropped { item, reason: DropReason::NotRecognized }));
        let refusal = || refusals::nothing_wanted(&dropped).or_else(|| refusals::nothing_countable(&dropped));
        if let Some(nothing) = needs.is_empty().then(refusal).flatten() {
            return Err(nothing);
        }
        if needs.is_empty() {
            return Err(refusals::nothing_recognized(&dropped, vocab, unread::unread_items(&toks, &read, &in_item, true)));
        }
        let plan = Plan {
            needs,
            headcount: headcount.map(|h| u32::try_from(h).unwrap_or(u32::MAX)),
            dropped,
            telemetry: ParseTelemetry {
                parser: "offline".into(),
                model: OFFLINE_MODEL.into(),
                provider: "flux".into(),
                ..ParseTelemetry::default()
            },
        };
        Ok(plan.sanitize(vocab))
    }
}

impl IntentParser for OfflineParser {
    fn parse<'a>(&'a self, intent: &'a Intent, vocabulary: &'a Vocabulary) -> BoxFuture<'a, Result<Plan, ParseError>> {
        Box::pin(std::future::ready(self.parse_sync(intent, vocabulary)))
    }
    fn name(&self) -> &str {
        "offline"
    }
}

#[cfg(test)]
mod tests;
