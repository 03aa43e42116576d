//! Needs from the mentions read: each mention's units (its count, a per-person rate times the
//! head count, the category's default), and the same item named twice merged into one need.

use super::counts::word_at;
use super::merchants::{self, Said};
use super::spend::{is_spend, spend_as_cap};
use super::tokens::Tok;
use super::{lists, tenure, Mention};
use crate::intent::need::kept_for;
use crate::intent::{Dropped, Need, Vocabulary, MAX_NEED_QUANTITY};
use crate::reasons::DropReason;
use crate::terms::terms;

mod portions;
pub(super) use portions::{a_little, said_with, WEIGHT_WORDS};

/// How a need's quantity was known, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Counted {
    /// The category's default.
    Default,
    /// The "a" of "a projector": one, whoever says it again ("we don't have a projector, so we
    /// need a projector").
    Article,
    /// From a head count.
    PerHead,
    /// One each of the people said with "a": "a prize for 3 winners" are three prizes, whatever
    /// head count the rest of the request gives.
    EachOf,
    /// Said with the item ("24 energy drinks", "2 cases of water").
    Stated,
}

/// The counts said for the whole prompt: the head count and how many sit at a table ("8 per table").
pub(super) struct Counts {
    pub headcount: Option<u64>,
    pub seats: Option<u64>,
}

/// The needs of `mentions`, in order; a quantity out of range is `dropped`.
pub(super) fn merge(
    mut mentions: Vec<Mention>,
    counts: Counts,
    stores: &[Said],
    toks: &[Tok],
    vocab: &Vocabulary,
    dropped: &mut Vec<Dropped>,
) -> Vec<Need> {
    let Counts { headcount, seats } = counts;
    one_with_each(toks, &mut mentions, vocab);
    super::spend::share_over_lists(toks, &mut mentions);
    super::spend::give_to_kinds(&mut mentions, vocab);
    portions::portions_of_a_little(&mut mentions, headcount, vocab);
    let shares = shared_rates(toks, &mentions, headcount, vocab);
    let tenures = tenure::of_mentions(toks, &mentions);
    let mut needs: Vec<Need> = Vec::new();
    // How each need's quantity was known, to merge a repeated item.
    let mut known: Vec<Counted> = Vec::new();
    // Whether it is one each of a head count ("prizes for 3 teams"), which a sum to spend on it
    // caps rather than counts.
    let mut one_each_of: Vec<bool> = Vec::new();
    for ((m, share), tenure) in mentions.into_iter().zip(shares).zip(tenures) {
        let def = &vocab.categories()[m.category];
        // People named by their role get one each of a thing of their own ("monitors for 30
        // employees"), not of a shared one ("a projector for 30 employees") or a whole category.
        let one_a_person = |m: &Mention| def.rate_of(&m.item).is_some_and(|(n, d)| n == d);
        // ("a prize for 3 winners" names its category, one each still; "usb-c hubs for 6
        // engineers" are theirs though a crowd shares a few.)
        let one_each = |m: &Mention| m.for_each && def.one_each_for_role(&m.item) && !lists::is_shared_equipment(&m.item);
        let units = match (m.quantity, m.local_headcount, headcount) {
            // "2 water bottles per person for 30 people"
            // ("one power strip per 4 hackers, 40 hackers": one for every four)
            (Some(q), Some(h), _) | (Some(q), None, Some(h)) if lists::per_head(&m) => Some(q.saturating_mul(h).div_ceil(m.every)),
            // "a prize for 3 winners", "a hoodie for 30 new hires": one each of what is theirs
            // (what a person has one of: "a lanyard for 80 attendees"; not "a cake for 30 people")
            (Some(1), Some(h), _) if m.article && (one_each(&m) || (one_a_person(&m) && !lists::is_shared_equipment(&m.item))) => Some(h),
            (Some(q), _, _) => Some(q),
            (None, Some(h), _) if one_each(&m) => Some(h),
            // "12 people: webcam and usb-c hub each": one each of a thing (what is used up keeps
            // its rate a head)
            (None, Some(h), _) | (None, None, Some(h)) if m.rate.as_deref() == Some("") && lists::one_each_of(def, &m.item) => Some(h),
            // "tables for 60 guests, 8 per table"
            (None, Some(h), _) | (None, None, Some(h)) if seats.is_some() && terms(&m.item).last().is_some_and(|t| t == "table") => {
                seats.map(|n| h.div_ceil(n))
            }
            // A head count said of the item ("headphones for 8 people") or of the whole request
            // ("hackathon for 40, prizes: headphones").
            (None, Some(h), _) | (None, None, Some(h)) => {
                let heads = u32::try_from(h).unwrap_or(u32::MAX);
                let units = if m.local_headcount.is_some() { def.units_for(&m.item, heads) } else { def.units_for_crowd(&m.item, heads) };
                let times = super::durations::estimate_times(toks, &m, vocab);
                let (portion, of) = share;
                let shared = |u: u32| u64::from(u).saturating_mul(portion).div_ceil(of);
                Some(units.map_or_else(|| u64::from(def.unstated_units(&m.item)), shared).saturating_mul(times))
            }
            (None, None, None) => None,
        };
        // One a head of the people it is for: "prizes for 3 teams", "headphones for 8 people", "a
        // prize for 3 winners".
        let each =
            (m.quantity.is_none() || (m.article && m.quantity == Some(1))) && m.local_headcount.is_some() && units == m.local_headcount;
        let counted = match (m.quantity, units) {
            (Some(_), _) if m.article && each => Counted::EachOf,
            (Some(_), _) if m.article => Counted::Article,
            (Some(_), _) => Counted::Stated,
            (None, Some(_)) => Counted::PerHead,
            (None, None) => Counted::Default,
        };
        let quantity = units.unwrap_or_else(|| u64::from(def.unstated_units(&m.item)));
        let quantity = m.spare.map_or(quantity, |s| s.add_to(quantity));
        if quantity == 0 || quantity > u64::from(MAX_NEED_QUANTITY) {
            dropped.push(Dropped { item: format!("{} x {}", m.item, quantity), reason: DropReason::QuantityOutOfRange });
            continue;
        }
        let quantity = quantity as u32;
        let (merchants, excluding_merchants) = merchants::of_item(stores, toks, m.pos);
        let told = |c: Counted| matches!(c, Counted::Stated | Counted::EachOf | Counted::Article);
        let packs = (m.packages && told(counted)).then_some(quantity);
        let days = m.days.map(|d| u32::try_from(d).unwrap_or(u32::MAX));
        // The same item named twice is one need: a stated count adds to a stated or per-head one
        // when both count the same way (packages or units), else the better known count wins
        // (stated, then per head, then "a", then the default). Another item of the category is
        // another need.
        let same = |(j, n): &(usize, &Need)| {
            let stated_both = told(counted) && told(known[*j]);
            // Ruled out differently, two counted mentions are two needs ("24 energy drinks
            // without sugar and 24 energy drinks"); one without a count of its own is the same.
            let one_counted = counted < Counted::Stated || known[*j] < Counted::Stated;
            n.category == def.id
                && (n.item == m.item || terms(&n.item) == terms(&m.item))
                && unspent(&n.attributes) == unspent(&m.attributes)
                && (n.excluding == m.excluding || one_counted)
                && (&n.merchants, &n.excluding_merchants) == (&merchants, &excluding_merchants)
                && (!stated_both || n.packs.is_some() == packs.is_some())
                && (n.tenure == tenure || n.tenure.is_none() || tenure.is_none())
                // "40 chairs for 2 days and 20 chairs for 3 days" are two rentals.
                && (n.days == kept_for(days, tenure) || n.tenure != tenure)
        };
        if let Some((pos, _)) = needs.iter().enumerate().find(same) {
            // "2 projectors ... buy the projectors": how it is had, said once, is the need's.
            if tenure.is_some() && needs[pos].tenure.is_none() {
                needs[pos].tenure = tenure;
                needs[pos].days = kept_for(needs[pos].days, tenure);
            }
            for e in &m.excluding {
                if !needs[pos].excluding.contains(e) {
                    needs[pos].excluding.push(e.clone());
                }
            }
            // "snacks and drinks for 40, $100 for snacks": the sum is the need's.
            if needs[pos].attributes.iter().all(|a| !is_spend(a)) {
                needs[pos].attributes.extend(m.attributes.iter().filter(|a| is_spend(a)).cloned());
            }
            // "20 lanyards - sorry, 40 lanyards": the correction is the count.
            if m.corrects && counted >= Counted::Article {
                (needs[pos].quantity, needs[pos].packs, known[pos], one_each_of[pos]) = (quantity, packs, counted, each);
                continue;
            }
            let adds = matches!(known[pos], Counted::PerHead | Counted::Stated);
            if counted == Counted::Stated && adds && needs[pos].packs.is_some() == packs.is_some() {
                needs[pos].add(quantity);
                (known[pos], one_each_of[pos]) = (Counted::Stated, false);
            } else if counted > known[pos] {
                (needs[pos].quantity, needs[pos].packs, known[pos], one_each_of[pos]) = (quantity, packs, counted, each);
            }
            continue;
        }
        needs.push(
            Need {
                category: def.id.clone(),
                quantity,
                source: m.source,
                item: m.item,
                attributes: m.attributes,
                packs,
                excluding: m.excluding,
                merchants,
                excluding_merchants,
                estimated: false,
                days,
                tenure,
            }
            .bounded(),
        );
        known.push(counted);
        one_each_of.push(each);
    }
    // A count the user said is theirs; a default or a rate per person is the kernel's estimate.
    for ((need, counted), each) in needs.iter_mut().zip(&known).zip(one_each_of) {
        need.estimated = matches!(counted, Counted::Default | Counted::PerHead);
        // "prizes for 3 teams, a $500 prize budget", "a prize for 3 winners. Prize budget: $300":
        // three prizes, for that sum at most.
        if each && (need.estimated || *counted == Counted::EachOf) {
            need.attributes.iter_mut().for_each(spend_as_cap);
        }
        // "2 projector screens, no projector needed": the item's own words rule out another thing.
        // (Relevance reads a model's needs by the same rule; here the plan stops showing it.)
        let own = terms(&need.item);
        need.excluding.retain(|e| !terms(e).iter().all(|t| own.contains(t)));
    }
    needs
}

/// An item's attributes but a sum to spend: the same item named twice, once with what to spend on
/// it, is one need.
fn unspent(attributes: &[String]) -> Vec<&String> {
    attributes.iter().filter(|a| !is_spend(a)).collect()
}

/// Each mention's portion of its head-count rate, as (its weight, the weights of all that share
/// it): in a category whose rate is for all its items together ([`CategoryDef::rate_shared`]: three
/// drinks a person), the items counted by the same head count at that rate ("coffee, tea and water
/// for 30" are 30 of each, not 90; "mostly water, some soda" more water than soda, see
/// [`portions::weight`]); of an item with a rate of its own, its kinds ("small and large t-shirts for 40
/// people" are 20 of each, not 80); else the whole of it.
fn shared_rates(toks: &[Tok], mentions: &[Mention], headcount: Option<u64>, vocab: &Vocabulary) -> Vec<(u64, u64)> {
    let group = |m: &Mention| {
        let heads = m.local_headcount.or(headcount).filter(|_| m.quantity.is_none())?;
        let def = vocab.categories().get(m.category)?;
        match def.rate_of(&m.item) {
            _ if def.shares_rate(&m.item) => Some((m.category, heads, None)),
            Some(_) => Some((m.category, heads, Some(terms(&m.item)))),
            None => None,
        }
    };
    let entries: Vec<_> =
        mentions.iter().map(|m| (group(m), (m.item.as_str(), unspent(&m.attributes)), portions::weight(toks, m))).collect();
    crate::intent::vocabulary::rate_portions(&entries, portions::EVEN)
}

/// "100 lanyards with badge holders", "10 projectors with screens": a thing said with a counted
/// thing, with no count of its own, is one for each (it was the category's default: 50 badge
/// holders for 100 lanyards). Not of packages ("2 cases of water with cups"), nor what is eaten or
/// drunk, which keeps its own estimate ("24 energy drinks with chips" are no 24 chips).
fn one_with_each(toks: &[Tok], mentions: &mut [Mention], vocab: &Vocabulary) {
    for j in 1..mentions.len() {
        let (before, rest) = mentions.split_at_mut(j);
        let (p, m) = (&before[j - 1], &mut rest[0]);
        let Some(n) = p.quantity.filter(|_| !p.article && !p.packages && p.rate.is_none() && p.sentence == m.sentence) else { continue };
        let uncounted = (m.quantity.is_none() || (m.article && m.quantity == Some(1))) && m.rate.is_none() && m.local_headcount.is_none();
        // ("100 lanyards, blue, with badge holders")
        let w = p.end + usize::from(toks.get(p.end) == Some(&Tok::Break));
        let with = word_at(toks, w) == Some("with") && (w + 1..m.pos).all(|k| word_at(toks, k).is_some());
        if uncounted && with && vocab.categories().get(m.category).is_some_and(|d| !d.edible) {
            (m.quantity, m.article) = (Some(n), false);
        }
    }
}
