//! Relevance: how well an offer matches what was asked — the item as the user said it ("energy
//! drinks", "usb-c hubs", "a 4K projector") against the offer's name, tags and attribute values.
//!
//! Deterministic token matching ([`crate::terms`]), no embeddings, no randomness. A need's item is read
//! like English: its last specific word is the **head** (what the thing is: "hub" in "usb-c
//! hubs", "board" in "dry erase board"), the words before it **modifiers**.
//!
//! - The category's own generic words ("snacks", "drinks", "merch") do not make a request
//!   specific: an item made only of them keeps the whole category.
//! - A specific item requires its head, and each modifier that some offer with that head also
//!   has ("usb-c" with "hub"); a modifier no such offer has ("laptop" in "laptop stickers",
//!   "lemon" in "lemon energy drinks") ranks instead of deciding — unless it is what another
//!   category sells ("speaker cables"), a form the thing is sold in ("ground coffee"), where or
//!   how it is used or served ("a wall charger", "hot coffee") or the connector of a thing that
//!   connects ("vga cables"): then nothing here is what was asked.
//! - Where some offer *is* the head (it ends one of its product tags or its name — "whiteboard"
//!   for a whiteboard, not for "whiteboard markers"), offers that merely mention it do not match.
//!   A tag that repeats an attribute value (its brand, its flavor "chocolate chip") never counts
//!   as what it is.
//! - The need's attributes ("4k", "black", "10-in-1") are required too when some offer with the
//!   head has them — or, for a whole category ("50 blue lanyards"), some offer of it — unless no
//!   offer that has them fits the budget, deadline and stock, when the ranking relaxes them
//!   (`Query::relaxed`) and they only rank. The item's generic words rank. What the user said
//!   the item must be free of ("gluten-free", "caffeine-free"), where the category labels offers
//!   so, or be worth ("$100"), for goods with a face value, is required of every offer and never
//!   relaxed: nothing else is what was asked. So is a colour said ("50 red pens") of every offer
//!   whose `color` states one: another colour is not what was asked ([`crate::colours`]). So is
//!   a diet ("vegan", `intent::DIETS`) where the category labels it: an offer not said to be
//!   vegan there is not known to be.
//! - What the need rules out (`Need::excluding`: "snacks without nuts", "water, not sparkling")
//!   never matches: an offer with every term of one is left out, generic request or not. Being
//!   free of it ("nut-free", whose term is `nutfree`, not `nut`) is then asked for as an
//!   attribute, where the category sells such offers (required like any attribute for a
//!   specific request, ranking for a generic one); only a one-word exclusion has such a form.
//!   The other way round, an attribute of being free of something ("snacks, nut free":
//!   `nutfree`) rules that thing out too.
//!
//! An offer that does not match a specific request is never bought for it; if nothing in the
//! category matches, the need is unmet (`does_not_match`) rather than filled with something else.
//! Relevance is 0..=1000: 1000 for a full match, 700 plus a share of 300 for the soft words
//! matched otherwise. The ranking's total is the strategy's score scaled by it.

pub(crate) use crate::catalog::OfferTerms;
use crate::intent::{CategoryDef, Need, Vocabulary};
use crate::terms::{garment_size_terms, terms};
use words::{connector_terms, kinds_of, word_terms, COLD, FORBIDDEN, VAGUE, WITHOUT_NEED_OF};

/// Relevance of an offer that has every required word but none of the soft ones.
pub(crate) const BASE_RELEVANCE: u32 = 700;
/// Relevance of a full match.
pub(crate) const FULL_RELEVANCE: u32 = 1000;

/// What a need asks for, as matching terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    /// The head, when the request is specific.
    head: Option<String>,
    /// Terms every matching offer has (the head among them).
    required: Vec<String>,
    /// Terms that raise relevance.
    soft: Vec<String>,
    /// The attributes among `required`, which [`Query::relaxed`] turns soft.
    attributes: Vec<String>,
    /// Some offer of the category is the head: offers that only mention it do not match.
    strict_head: bool,
    /// Nothing in the category is what was asked.
    unmatchable: bool,
    /// What was asked, as the user said it (for explanations).
    label: String,
    /// What the need rules out ("snacks without nuts"), as said and as terms: an offer with
    /// every term of one never matches.
    ruled_out: Vec<(String, Vec<String>)>,
    /// The garment size asked ("large"): an offer of another size is not what was asked.
    size: Option<String>,
    /// The colours asked ("50 red pens"): an offer that states another is not what was asked.
    colours: Vec<&'static str>,
    /// The item's words and attributes as the user said them, for explanations: "grey" for the
    /// term "grai" (see [`Query::said_as`]; looked up only when a reason names a missing word).
    said: Vec<String>,
    /// The connectors an item "X to Y" names ("usb-c to usb-c cables"): an offer without them, or
    /// with another in its name (a USB-A to USB-C cable), is not it. Empty: any.
    ends: Vec<String>,
    /// Measures an offer must have at least of ("20ft": a 25 ft cable, not a 3 ft one); see
    /// [`measures`]. Empty: none asked.
    at_least: Vec<(u64, &'static str)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fit {
    /// It is what was asked: relevance 0..=1000, and the soft words it lacks.
    Match { relevance: u32, missing: Vec<String> },
    /// It is not what was asked.
    NoMatch,
}

fn push_unique(list: &mut Vec<String>, term: String) {
    if !list.contains(&term) {
        list.push(term);
    }
}

impl Query {
    /// The query of `need` over the terms of its category's offers, the category as `vocab`
    /// defines it.
    pub(crate) fn new<'a>(need: &Need, vocab: &Vocabulary, offers: impl Iterator<Item = &'a OfferTerms> + Clone) -> Query {
        measures::at_least(Query::of(need, vocab, offers.clone()), offers)
    }

    fn of<'a>(need: &Need, vocab: &Vocabulary, offers: impl Iterator<Item = &'a OfferTerms> + Clone) -> Query {
        let def = vocab.get(&need.category);
        // A price cap ("max $200") is no word an offer has: the ranking applies it.
        let uncapped;
        let need = if need.attributes.iter().any(|a| crate::intent::price_cap_of(a).is_some()) {
            let attributes = need.attributes.iter().filter(|a| crate::intent::price_cap_of(a).is_none()).cloned().collect();
            uncapped = Need { attributes, ..need.clone() };
            &uncapped
        } else {
            need
        };
        let label = if need.item.trim().is_empty() { need.category.replace('_', " ") } else { need.item.clone() };
        let said_as: Vec<String> = need.item.split_whitespace().map(str::to_owned).chain(need.attributes.iter().cloned()).collect();
        // Whether some offer of the category has the term.
        let labelled = |t: &String| offers.clone().any(|o| o.all.contains(t));
        let generic: Vec<String> = def.map(CategoryDef::generic_terms).unwrap_or_else(|| terms(&need.category.replace('_', " ")));
        let (mut specific, mut item_generic) = (Vec::new(), Vec::new());
        for t in terms(&need.item) {
            if generic.contains(&t) {
                push_unique(&mut item_generic, t);
            } else {
                push_unique(&mut specific, t);
            }
        }
        // "2 projector screens, no projector needed": what names the item asked rules out another
        // thing, never the item (a projector screen was ruled out by its own name).
        let own = terms(&need.item);
        // ("no sugary snacks", "no sweet stuff": the words that tell what is ruled out, not the
        // category's own or vague ones that every offer or none has)
        let telling = |e: &str| {
            let all = terms(e);
            let told: Vec<String> = all.iter().filter(|t| !generic.contains(t) && !VAGUE.contains(&t.as_str())).cloned().collect();
            if told.is_empty() {
                all
            } else {
                told
            }
        };
        let mut ruled_out: Vec<(String, Vec<String>)> = need
            .excluding
            .iter()
            .map(|e| (e.clone(), telling(e)))
            .filter(|(_, t)| !t.is_empty() && !t.iter().all(|t| own.contains(t)))
            .collect();
        let mut said: Vec<String> = Vec::new();
        for t in need.attributes.iter().flat_map(|a| terms(a)) {
            push_unique(&mut said, t);
        }
        // "snacks, nut free": what is asked free of something rules that thing out too, whether
        // or not the category sells things labelled free of it (Planters mixed nuts are no
        // nut-free snack, however the ranking weighs the label). Not when "free" means no need
        // of it ("hands-free", "hassle-free") or names the item itself ("hands-free hand
        // sanitizer stand").
        let needless = |of: &str| WITHOUT_NEED_OF.iter().any(|w| terms(w).first().is_some_and(|t| t == of));
        // So does an item word that is a freedom ("decaf coffee": free of caffeine).
        for t in said.iter().chain(&own) {
            if let Some(of) = t
                .strip_suffix("free")
                .filter(|of| of.len() > 2 && of.bytes().all(|b| b.is_ascii_alphabetic()) && !needless(of) && !own.iter().any(|o| o == of))
            {
                if !ruled_out.iter().any(|(_, out)| out.len() == 1 && out[0] == of) {
                    ruled_out.push((of.to_owned(), vec![of.to_owned()]));
                }
            }
        }
        let words = word_terms();
        let edible = def.is_some_and(|c| c.edible);
        let mut rule_out = |what: &str| {
            let t = terms(what);
            if !ruled_out.iter().any(|(_, out)| *out == t) {
                ruled_out.push((what.to_owned(), t));
            }
        };
        if edible {
            // A diet the category labels no offer with ("halal snacks") rules out what it
            // forbids, even of the item's own words (beef jerky for a halal group is none the
            // catalog can sell): no offer is known to keep it, but some are known not to.
            for t in said.iter().chain(&own) {
                if let Some((_, forbidden)) = FORBIDDEN.iter().find(|(d, _)| *d == t.as_str()).filter(|_| !labelled(t)) {
                    forbidden.iter().for_each(|f| rule_out(f));
                }
            }
            // "hot coffee": what is served hot is none of the offers sold cold.
            if said.iter().chain(&own).any(|t| words.served.contains(t)) {
                COLD.iter().filter(|c| !terms(c).iter().all(|t| own.contains(t))).for_each(|c| rule_out(c));
            }
        }
        // What the user said it must be free of ("gluten-free", where the category labels things
        // so) or be worth ("$100", for goods with a face value): never traded away for a cheaper
        // offer, nor relaxed when none fits. An offer without it is not what was asked. A freedom
        // the catalog never labels ("alcohol-free", "flicker-free") only rules out what it names.
        let hard: Vec<String> = need
            .attributes
            .iter()
            .filter(|a| {
                let of = a.strip_suffix("-free").map(|of| terms(of).into_iter().next().unwrap_or_default());
                of.is_some_and(|of| !of.is_empty() && !needless(&of) && !own.contains(&of))
            })
            .flat_map(|a| terms(a))
            // So is a diet said of it ("vegan cookies", "cookies, vegan"), or a certification
            // ("organic"), where the category labels it: an offer not said to be vegan there is
            // not known to be.
            .chain(said.iter().chain(&own).filter(|t| crate::intent::DIETS.contains(&t.as_str()) || words.certified.contains(t)).cloned())
            .filter(labelled)
            .collect();
        let values: Vec<String> = need.attributes.iter().filter(|a| a.starts_with('$')).flat_map(|a| terms(a)).collect();
        let size = said.iter().find(|t| garment_size_terms().any(|g| g == t.as_str())).cloned();
        let colours: Vec<&'static str> = need.attributes.iter().flat_map(|a| crate::colours::colours_in(a)).collect();
        // "usb-c to usb-c cables", "usb-c to hdmi adapters": the ends named, and no other.
        let ends: Vec<String> = if need.item.split_whitespace().any(|w| w == "to") {
            own.iter().filter(|t| connector_terms().contains(t)).cloned().collect()
        } else {
            Vec::new()
        };
        let mut asked = said.clone();
        // "energy drinks with no sugar", "snacks without nuts": where the category sells things
        // free of it, being free of it is asked for too.
        for (_, out) in &ruled_out {
            if let [t] = out.as_slice() {
                let free = format!("{t}free");
                if labelled(&free) {
                    push_unique(&mut asked, free);
                }
            }
        }
        // A whole category ("50 blue lanyards"): the attributes said are required where some
        // offer has them (relaxed like any attribute when none of those fits); being free of
        // something only ranks ("snacks without nuts" are not only the ones tagged nut-free).
        // `strict`: the item is the category alone ("blue lanyards"), not an occasion's words
        // around it ("white elephant prizes", "green room drinks").
        let generic_query = |asked: Vec<String>, strict: bool| {
            let (required, soft): (Vec<String>, Vec<String>) =
                asked.into_iter().partition(|a| strict && said.contains(a) && (hard.contains(a) || labelled(a)));
            Query {
                head: None,
                attributes: required.iter().filter(|a| !hard.contains(a)).cloned().collect(),
                required,
                soft,
                strict_head: false,
                unmatchable: false,
                label: label.clone(),
                ruled_out: ruled_out.clone(),
                size: size.clone(),
                colours: colours.clone(),
                said: said_as.clone(),
                ends: ends.clone(),
                at_least: Vec::new(),
            }
        };
        // Nothing in the category is what was asked.
        let unmatchable = |asked: Vec<String>| Query { unmatchable: true, soft: asked, ..generic_query(Vec::new(), false) };
        // "organic snacks": a certification no offer of the category is labelled with; none is
        // known to have it.
        if said.iter().chain(&own).any(|t| words.certified.contains(t) && !labelled(t)) {
            return unmatchable(asked);
        }
        let mut soft: Vec<String> = Vec::new();
        if specific.is_empty() {
            return generic_query(asked, true);
        }
        // "dog food": made for an animal no offer of the category is for, it is nothing it sells.
        if specific.iter().any(|t| words.animals.contains(t) && !labelled(t)) {
            return unmatchable(asked);
        }
        // Whether a word before what the thing is says which kind it is: what another category
        // sells ([`Vocabulary::sells_elsewhere`]: "speaker cables"), a form it is sold in
        // ([`FORMS`]: "ground coffee"), how or where it is used ([`USES`], [`PLACES`]: "a wall
        // charger"), or a connector of a thing that connects ("vga cables", "an hdmi switch":
        // [`CONNECTING_HEADS`]); and of a whole category eaten or drunk, that it is served hot
        // ([`SERVED`]: "hot drinks"). `whole`: whether the item is the category's own word.
        let kind = |m: &String, connecting: bool, whole: bool| {
            vocab.sells_elsewhere(&need.category, m)
                || words.forms.contains(m)
                || words.uses.contains(m)
                || !edible && words.places.contains(m)
                || edible && whole && words.served.contains(m)
                || connecting && connector_terms().contains(m)
        };
        // The head: the last specific word some offer of the category has.
        let Some(head) = specific.iter().rev().find(|t| labelled(t)).cloned() else {
            // "hackathon snacks": the category, with words that describe the occasion; but
            // "speaker cables" are cables for speakers, which no offer is.
            let connecting = item_generic.iter().any(|g| words.connecting_heads.contains(g));
            if !item_generic.is_empty() && !specific.iter().any(|m| kind(m, connecting, true)) {
                return generic_query(asked, false);
            }
            return unmatchable(asked);
        };
        let mut with_head: Vec<&OfferTerms> = offers.clone().filter(|o| o.all.contains(&head)).collect();
        // Where some offer *is* the head, only those say what the head of goods comes as: "a
        // portable projector" is no projection screen's "portable" ([`Query::fit`] leaves the
        // screen out). Of food, a word that what mentions the head has is the flavour that names
        // it: "chocolate chip" is the cookies', not any chips.
        let strict_head = with_head.iter().any(|o| o.heads.contains(&head));
        if strict_head && !edible {
            with_head.retain(|o| o.heads.contains(&head));
        }
        // Whether some offer with the head has the term.
        let with_head_has = |t: &str| with_head.iter().any(|o| o.all.contains(t));
        // "monitor stands": before the head of a thing made for another (`made_for_heads`), a
        // word that some offer of the category is (a monitor), or a device ("laptop chargers",
        // `intent::DEVICES`), names what it is made for. A stand with no monitor in it is a
        // speaker stand, a charger with no laptop in it a power bank ("desk chairs" are chairs,
        // whatever desks sell).
        let before_head = specific.iter().take_while(|m| **m != head);
        let made_for = |m: &&String| !with_head_has(m) && (offers.clone().any(|o| o.heads.contains(m)) || words.devices.contains(m));
        if words.made_for_heads.contains(&head) && before_head.clone().any(|m| made_for(&m)) {
            return unmatchable(asked);
        }
        // "a coffee box": right before a container, a thing some other offer of the category is,
        // that no offer in such a container has, is what it holds. Juice boxes are no coffee (a
        // "chocolate snack box" holds snacks, "drink boxes" drinks: the category's own word).
        let held = own.iter().position(|t| *t == head).and_then(|i| i.checked_sub(1)).and_then(|i| own.get(i));
        let held = held.filter(|m| specific.contains(m));
        if words.containers.contains(&head) && held.is_some_and(|m| !with_head_has(m) && offers.clone().any(|o| o.heads.contains(m))) {
            return unmatchable(asked);
        }
        // "sticker paper", "hdmi switch": before the head, a word that says which kind it is,
        // and that no offer with the head has: nothing is what was asked. Copy paper is no
        // sticker paper ("paper cups" are cups: the cups say "paper").
        let connecting = words.connecting_heads.contains(&head);
        if before_head.clone().any(|m| !with_head_has(m) && kind(m, connecting, false)) {
            return unmatchable(asked);
        }
        let mut required = vec![head.clone()];
        for m in specific.into_iter().filter(|m| *m != head) {
            if hard.contains(&m) || with_head_has(&m) {
                push_unique(&mut required, m);
            } else {
                push_unique(&mut soft, m);
            }
        }
        let mut attributes = Vec::new();
        for a in asked {
            if required.contains(&a) {
                continue;
            }
            // A sum is what a gift card is worth, not what a keyboard costs.
            let face_value = values.contains(&a) && with_head_has("usd");
            // A sum is no word of goods without a face value ("hdmi cables, $10 each").
            if values.contains(&a) && !face_value {
                continue;
            }
            if hard.contains(&a) || face_value {
                required.push(a);
            } else if with_head_has(&a) {
                push_unique(&mut required, a.clone());
                attributes.push(a);
            } else {
                push_unique(&mut soft, a);
            }
        }
        for t in item_generic {
            if !required.contains(&t) {
                push_unique(&mut soft, t);
            }
        }
        soft.retain(|t| !required.contains(t));
        Query {
            head: Some(head),
            required,
            soft,
            attributes,
            strict_head,
            unmatchable: false,
            label,
            ruled_out,
            size,
            colours,
            said: said_as,
            ends,
            at_least: Vec::new(),
        }
    }

    /// This query with its required attributes only ranking (for when nothing that has them fits),
    /// or `None` when it requires none. A model number stays required: "an epson 2350 projector"
    /// is never another Epson.
    pub(crate) fn relaxed(&self) -> Option<Query> {
        let model = |t: &String| t.bytes().all(|b| b.is_ascii_digit());
        if self.attributes.iter().all(model) {
            return None;
        }
        let mut q = self.clone();
        q.required.retain(|t| model(t) || !self.attributes.contains(t));
        let (models, relaxed): (Vec<String>, Vec<String>) = std::mem::take(&mut q.attributes).into_iter().partition(model);
        q.attributes = models;
        for a in relaxed {
            push_unique(&mut q.soft, a);
        }
        Some(q)
    }

    /// Whether the need asks for its whole category (every offer matches, but what it rules out).
    pub(crate) fn is_generic(&self) -> bool {
        self.head.is_none() && !self.unmatchable
    }

    /// What was asked, as the user said it.
    /// How the user said `term` ("grey" for "grai"), or the term itself.
    pub(crate) fn said_as<'a>(&'a self, term: &'a str) -> &'a str {
        self.said.iter().find(|w| terms(w).iter().any(|t| t == term)).map_or(term, String::as_str)
    }

    pub(crate) fn label(&self) -> &str {
        &self.label
    }

    /// What the need rules out, as the user said it or as a diet said implies ("gelatin").
    pub(crate) fn ruled_out(&self) -> impl Iterator<Item = &str> {
        self.ruled_out.iter().map(|(said, _)| said.as_str())
    }

    /// How an offer with these terms fits.
    pub(crate) fn fit(&self, offer: &OfferTerms) -> Fit {
        if self.unmatchable || !self.required.iter().all(|t| offer.all.contains(t)) {
            return Fit::NoMatch;
        }
        // An offer labelled free of it is not ruled out by naming it too ("Nut-Free, free of tree
        // nuts"; "Zero Sugar, no cane sugar").
        let labelled_free = |out: &[String]| matches!(out, [t] if offer.all.contains(&format!("{t}free")));
        // What it is or says it contains, of the thing ruled out or a kind of it.
        let in_it = |t: &str| offer.all.contains(t) || offer.contains.contains(t);
        let has = |out: &[String]| out.iter().all(|t| in_it(t)) || kinds_of(out).iter().any(|k| in_it(k));
        if self.ruled_out.iter().any(|(_, out)| has(out) && !labelled_free(out)) {
            return Fit::NoMatch;
        }
        if self.strict_head && !self.head.as_ref().is_some_and(|h| offer.heads.contains(h)) {
            return Fit::NoMatch;
        }
        // A thing that holds what was asked is not it: "name badges" bought empty badge holders
        // (tagged "name badge holders"), unless the holder is what was asked.
        let holds =
            |what: &str| word_terms().holders.iter().any(|h| h == what) && !self.required.iter().chain(&self.soft).any(|t| t == what);
        if self.head.is_some() && holds(&offer.what) {
            return Fit::NoMatch;
        }
        // Shorter or smaller than asked; one that states no such measure only ranks lower.
        if self.at_least.iter().any(|m| measures::meets(&offer.all, *m) == Some(false)) {
            return Fit::NoMatch;
        }
        // Both ends named, and no other in its name ("USB-A to USB-C" is no USB-C to USB-C cable;
        // an HDMI cable no USB-C to HDMI one).
        let other_end = || connector_terms().iter().any(|c| offer.name.contains(c) && !self.ends.contains(c));
        if !self.ends.is_empty() && (!self.ends.iter().all(|e| offer.all.contains(e)) || other_end()) {
            return Fit::NoMatch;
        }
        // "20 small t-shirts": a pack whose size is L is not small, whatever else it matches; an
        // offer that states no size (an assorted pack, "Large Trash Bags") still may be.
        if let (Some(asked), Some(stated)) = (&self.size, &offer.size) {
            if **stated != **asked {
                return Fit::NoMatch;
            }
        }
        // "50 red pens": blue ones are not red, whatever else they match; pens in assorted
        // colours, or that state none, may be.
        if crate::colours::conflicts(&self.colours, &offer.colours) {
            return Fit::NoMatch;
        }
        if self.soft.is_empty() {
            return Fit::Match { relevance: FULL_RELEVANCE, missing: Vec::new() };
        }
        let missing: Vec<String> = self.soft.iter().filter(|t| !offer.all.contains(t)).cloned().collect();
        // A size next to the one asked ("Large Trash Bags" for x-large ones) counts half.
        let near = missing.iter().filter(|m| crate::terms::size_neighbours(m).any(|n| offer.all.contains(n))).count() as u32;
        let halves = 2 * (self.soft.len() - missing.len()) as u32 + near;
        let relevance = BASE_RELEVANCE + (FULL_RELEVANCE - BASE_RELEVANCE) * halves / (2 * self.soft.len() as u32);
        Fit::Match { relevance, missing }
    }
}

mod measures;
mod words;

#[cfg(test)]
mod tests;
