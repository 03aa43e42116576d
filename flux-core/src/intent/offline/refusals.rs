//! What refusals do to the items asked for: how the words around an item say it (see
//! `negation`), and a refusal applied to the other mentions of its item and category.

use super::counts::word_at;
use super::negation::{declined_after, held_after, lack_after, said_before, Said};
use super::tokens::Tok;
use super::Mention;
use crate::intent::phrases::key;
use crate::intent::{Dropped, ParseError, Vocabulary};
use crate::reasons::DropReason;
use crate::terms::terms;

/// An item the prompt refuses ("no black t-shirts"), and where it was read.
pub(super) struct Refused {
    pub(super) category: usize,
    pub(super) item: String,
    pub(super) attributes: Vec<String>,
    pub(super) pos: usize,
    /// Already at hand ("we have a mixer"): it is not bought again, and rules nothing out of
    /// other items.
    pub(super) at_hand: bool,
    /// How many are at hand, when said ("we have 20 chairs"); see [`super::on_hand`].
    pub(super) had: Option<u64>,
    /// Named by a catalog tag (a brand: "no Red Bull"), not by the vocabulary.
    pub(super) tagged: bool,
}

impl Refused {
    /// The item as the user named it ("black t-shirts").
    fn named(&self) -> String {
        self.attributes.iter().chain(std::iter::once(&self.item)).cloned().collect::<Vec<_>>().join(" ")
    }
}

/// Applies what the prompt refuses to the items it asks for, and returns the refusals that
/// stand as `excluded` drops:
/// - the same item refused whole is no need where it was named before the refusal ("snacks,
///   drinks. Actually, no snacks") or named with no count of its own; named with a count after
///   it, it stands and the refusal is void ("we already have badges for staff, need 30 badges
///   for guests");
/// - otherwise what the refusal names beyond the asked item is ruled out of it: a colour or size
///   ("no black t-shirts, 20 white t-shirts": no black), the words that tell the refused item
///   apart ("no expensive chairs, 50 folding chairs": nothing expensive), a brand of the
///   category ("no Red Bull: 24 energy drinks"), another item out of a whole category ("no
///   chips, 20 snacks") — never the category itself or what is asked ("no drinks, 24 energy
///   drinks"), nor another thing out of a specific one ("no projector, 2 screens": projector
///   screens stay screens).
pub(super) fn apply(refused: &[Refused], mentions: &mut Vec<Mention>, vocab: &Vocabulary) -> Vec<Dropped> {
    let mut dropped: Vec<Dropped> = Vec::new();
    for r in refused {
        let def = &vocab.categories()[r.category];
        let generic = def.generic_terms();
        let mut void = false;
        mentions.retain_mut(|m| {
            if m.category != r.category {
                return true;
            }
            if m.item == r.item && r.attributes.is_empty() {
                let stands = m.pos > r.pos && m.counted();
                void |= stands;
                return stands;
            }
            let asked = terms(&m.item);
            // "hold off on the projector; just 2 screens": another thing of the category is not
            // bought, and says nothing of what is (a projector screen is still a screen).
            // (A brand is ruled out of what it makes: "no Red Bull: 24 energy drinks", not "12
            // cold brew; remove gatorade".)
            let head = m.item.split_whitespace().last().map(key).unwrap_or_default();
            let makes = r.tagged && vocab.catalog_tags().get(r.item.as_str()).is_some_and(|t| t.makes.contains(&head));
            // (A food or drink refused is ruled out of the asked one all the same, "coffee for 20, no
            // cold brew", unless it is a brand that does not make it.)
            let another_thing = !makes && (!def.edible || r.tagged) && !def.is_whole(&m.item) && terms(&r.item).last() != asked.last();
            if r.at_hand || another_thing {
                return true;
            }
            let apart: Vec<&str> =
                r.item.split_whitespace().filter(|w| terms(w).iter().any(|t| !asked.contains(t) && !generic.contains(t))).collect();
            let attributes = r.attributes.iter().filter(|a| !m.attributes.contains(a)).cloned();
            if apart.is_empty() {
                m.excluding.extend(attributes);
            } else {
                m.excluding.push(attributes.chain(apart.iter().map(|w| (*w).to_owned())).collect::<Vec<_>>().join(" "));
            }
            true
        });
        let item = r.named();
        if !void && !dropped.iter().any(|d| d.item == item) {
            dropped.push(Dropped { item, reason: DropReason::Excluded });
        }
    }
    dropped
}

/// "we already have some badges, need 30 more", "we have badges from last year but need 30 new
/// ones": the count of more wanted, when the first count after `at` in the same sentence is one
/// with no item of its own, and where its words start and end.
fn more_after(toks: &[Tok], at: usize) -> Option<(u64, usize, usize)> {
    let mut j = at;
    while let Some(t) = toks.get(j) {
        match t {
            Tok::Stop => return None,
            Tok::Num(n) => {
                let words: Vec<&str> = (j + 1..).map_while(|k| word_at(toks, k)).collect();
                let more = words.iter().any(|w| MORE.contains(w));
                let only = words.iter().all(|w| MORE.contains(w) || ALONG.contains(w));
                return (more && only).then_some((*n, j, j + 1 + words.len()));
            }
            _ => j += 1,
        }
    }
    None
}

/// What says a count is of more: "30 more", "30 new ones".
const MORE: &[&str] = &["more", "new", "extra", "additional"];

/// What may come with it: "30 more of them please".
const ALONG: &[&str] = &["ones", "of", "them", "please", "thanks", "then"];

/// What the words around an item say of it: how it was said — before it, and after it ("badges
/// are not needed", "no badges left", "there are no snacks needed") — the count of more wanted
/// of what is at hand ("need 30 more": then it is asked for) with where its words are, and the
/// end of the words read (`after`: the end of the item).
pub(super) fn around(
    toks: &[Tok],
    start: usize,
    after: usize,
    floor: usize,
    prev: Option<(usize, Said)>,
) -> (Said, Option<(u64, usize, usize)>, usize) {
    let mut said = said_before(toks, start, floor, prev);
    let mut next = after;
    match (said, lack_after(toks, after)) {
        (Said::Refused(_), Some(true)) => (said, next) = (Said::Lacking, after + 1),
        (Said::Lacking | Said::Refused(_), Some(false)) => {
            (said, next) = (said.refused_from().map_or(Said::Refused(start), Said::Refused), after + 1)
        }
        _ => {}
    }
    if said == Said::Asked {
        if let Some(end) = declined_after(toks, after).filter(|_| !insisted(toks, start, floor)) {
            // Refused from its answer's end: "badges: TBD, 40 lanyards" is no refusing heading.
            (said, next) = (Said::Refused(end), end);
        } else if let Some(end) = held_after(toks, after).filter(|_| !reordered(toks, start, floor)) {
            (said, next) = (Said::AtHand(start), end);
        }
    }
    let more = matches!(said, Said::AtHand(_)).then(|| more_after(toks, after)).flatten();
    if more.is_some() {
        said = Said::Asked;
    }
    (said, more, next)
}

/// Whether the words before an item (from `start` back to `floor` or its sentence's start) ask
/// that it be so: "make sure hdmi cables are included" asks for them.
fn insisted(toks: &[Tok], start: usize, floor: usize) -> bool {
    let words: Vec<&str> = (floor..start).rev().take_while(|&k| toks[k] != Tok::Stop).filter_map(|k| word_at(toks, k)).collect();
    words.iter().any(|w| matches!(*w, "ensure" | "need" | "needs" | "want")) || words.windows(2).any(|p| p == ["sure", "make"])
}

/// Whether the words before an item (from `start` back to `floor` or its sentence's start) ask
/// for more of what is at hand: "restock the energy drinks we already have", "48 more of the
/// drinks we have", "10 webcams like the ones we have".
fn reordered(toks: &[Tok], start: usize, floor: usize) -> bool {
    // Words only: a count before the item is its own ("on top of the 20 chairs we already have").
    let more =
        |w: &str| matches!(w, "more" | "restock" | "reorder" | "same" | "like" | "another" | "again" | "refill" | "additional" | "extra");
    (floor..start).rev().take_while(|&k| toks[k] != Tok::Stop).any(|k| word_at(toks, k).is_some_and(more))
}

/// "extension cords, but hold off on those", "badges - don't need them": a refusal that points
/// back, by the pronoun at `i`, at the item before it.
/// Returns where the refusal starts, and whether the pronoun is plural ("those": the items listed
/// last; "it": the last item).
pub(super) fn pointing_back_at(toks: &[Tok], i: usize, floor: usize) -> Option<(usize, bool)> {
    let plural = match word_at(toks, i)? {
        "those" | "them" | "these" => true,
        "it" | "that" => false,
        _ => return None,
    };
    let Said::Refused(from) = said_before(toks, i, floor, None) else { return None };
    toks.get(i + 1).is_none_or(Tok::is_break).then_some((from, plural))
}

/// The mentions a refusal by pronoun at `at` points at ([`pointing_back_at`]), taken out of
/// `mentions` as refusals: the last one of `sentence` said after `after`, and — for a plural —
/// those listed right before it ("chips and cookies, but skip those"; not "10 hdmi cables and
/// might need extension cords, but hold off on those"), in the order said.
pub(super) fn pointed_at(
    toks: &[Tok],
    mentions: &mut Vec<Mention>,
    sentence: usize,
    after: usize,
    plural: bool,
    at: usize,
) -> Vec<Refused> {
    let listed = |a: &Mention, b: &Mention| {
        a.end <= b.pos && (a.end..b.pos).all(|k| toks[k].is_clause_break() || matches!(word_at(toks, k), Some("and" | "or" | "&")))
    };
    // The last item, of this sentence or ("Need a projector. Actually skip it.") the one before;
    // for a plural, the uncounted ones listed with it ("chips and cookies, but skip those"; not
    // "50 lanyards and 2 projectors - hold off on those").
    let mut taken: Vec<Mention> = Vec::new();
    let first = |m: &Mention| (m.sentence == sentence || m.sentence + 1 == sentence) && m.pos >= after;
    let more = |m: &Mention, t: &Mention| plural && m.sentence == t.sentence && !m.counted() && !t.counted() && listed(m, t);
    while let Some(m) = mentions.pop_if(|m| taken.last().map_or_else(|| first(m), |t| more(m, t))) {
        taken.push(m);
    }
    taken
        .into_iter()
        .rev()
        .map(|m| Refused {
            category: m.category,
            item: m.item,
            attributes: m.attributes,
            pos: at,
            at_hand: false,
            had: None,
            tagged: m.tagged,
        })
        .collect()
}

/// With no need left, the error that says why when the prompt refused something: every item it
/// names that the catalog knows it leaves out ("no snacks, no drinks"), and what it names that
/// the catalog does not know. `None` when nothing was refused.
pub(super) fn nothing_wanted(dropped: &[Dropped]) -> Option<ParseError> {
    let said = |reason: DropReason| dropped.iter().filter(move |d| d.reason == reason).map(|d| format!("\"{}\"", d.item));
    let left_out: Vec<String> = said(DropReason::Excluded).collect();
    if left_out.is_empty() {
        return None;
    }
    let mut detail = format!("it leaves out {}", left_out.join(", "));
    let unread: Vec<String> = said(DropReason::NotRecognized).collect();
    if !unread.is_empty() {
        detail.push_str(&format!("; the catalog knows nothing of {}", unread.join(", ")));
    }
    Some(ParseError::NothingWanted { detail })
}

/// [`ParseError::QuantityOutOfRange`] for a prompt whose every item was counted out of range
/// ("0 energy drinks"): it named them, so "no known item category" would send the user looking
/// for words they got right.
pub(super) fn nothing_countable(dropped: &[Dropped]) -> Option<ParseError> {
    let counted: Vec<String> =
        dropped.iter().filter(|d| d.reason == DropReason::QuantityOutOfRange).map(|d| format!("\"{}\"", d.item)).collect();
    (!counted.is_empty()).then(|| ParseError::QuantityOutOfRange {
        detail: format!("{}; each item takes 1 to {} units", counted.join(", "), crate::intent::MAX_NEED_QUANTITY),
    })
}

/// With no need and nothing refused, the error that names a few categories to try and what the
/// prompt names that the catalog does not know ("a cooler for drinks": "a cooler"; "drinks" is
/// what it is for); when no list item was left unread, what its sentences name (`anywhere`:
/// "pizza for 30 people": "pizza").
pub(super) fn nothing_recognized(dropped: &[Dropped], vocab: &Vocabulary, anywhere: Vec<String>) -> ParseError {
    let mut hint = vocab.categories().iter().take(6).map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
    let mut unread: Vec<String> = dropped.iter().filter(|d| d.reason == DropReason::NotRecognized).map(|d| d.item.clone()).collect();
    if unread.is_empty() {
        unread = anywhere;
    }
    let unread: Vec<String> = unread.iter().map(|item| format!("\"{item}\"")).collect();
    if !unread.is_empty() {
        hint.push_str(&format!(" (the catalog knows nothing of {})", unread.join(", ")));
    }
    ParseError::NothingRecognized { hint }
}
