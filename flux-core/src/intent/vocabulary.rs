//! The category vocabulary: what can be bought, the words people use for it, and how many units
//! a head count implies.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::phrases::{PhraseTable, TagStats};

/// One category of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    /// Stable id (`snacks`, `usb_c_hubs`...): lowercase ASCII, digits and `_`.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Words and phrases that name it, lowercase (`"energy drinks"`, `"name tags"`).
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Words that name the whole category rather than one kind of item in it (`"snacks"`,
    /// `"beverages"`, `"merch"`): a request in these words (or the id and label) takes any offer
    /// of the category. Other item words must match an offer's name, tags or attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generic: Vec<String>,
    /// Units per person when the prompt gives a head count, as (numerator, denominator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_person: Option<(u32, u32)>,
    /// Items whose head-count rate is not the category's, as item phrase -> (units, people):
    /// one chair a person but one table per six people, one whiteboard per ten. An item takes the
    /// rate of the longest phrase its words end with ("folding tables" that of `"tables"`,
    /// "cocktail tables" its own, "table covers" none); see [`CategoryDef::rate_of`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_person_items: BTreeMap<String, (u32, u32)>,
    /// Whether [`CategoryDef::per_person`] is for the category's items together (three drinks a
    /// person, whichever drinks): the items named for one head count share it ("coffee, tea and
    /// water for 30" are 30 of each). False: each item gets the rate (a badge and a lanyard each).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rate_shared: bool,
    /// What a request of the whole category buys when it gives no count of its own, one need
    /// per item, each counted by its own rate: "tableware for 80" is plates, cups, napkins and
    /// utensils, not the cheapest of them alone. Empty: the category's offers compete as one need.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kit: Vec<String>,
    /// Units when the prompt gives neither a quantity nor a head count.
    pub default_quantity: u32,
    /// Whether an item named in the singular, with neither a quantity nor a head count, is one
    /// unit ("an HDMI adapter for a macbook", "whiteboard"): true for equipment. False where a
    /// singular word names a kind rather than a count ("coffee", "candy"): the default applies.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub one_when_singular: bool,
    /// Whether its items are eaten or drunk: what a request says of allergies and diets for all
    /// of it ("No peanuts.", "someone has a gluten allergy") rules out what its items contain.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edible: bool,
    /// Whether its items are each person's own when bought for people named by their role: "usb-c
    /// hubs for 6 engineers", "chargers for 10 staff" are one each, though [`CategoryDef::per_person`]
    /// counts a few for a crowd (a hub for every ten at a hackathon). An item with a rate of its
    /// own is shared all the same (a charging station for 25).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal: bool,
}

/// Plural words that name one thing, a pair: "AirPods" with no count are one pair, as "iPad" is
/// one tablet.
const ONE_PAIR: &[&str] = &["headphones", "earbuds", "earphones", "airpods", "scissors", "pliers", "binoculars", "goggles", "sunglasses"];

impl CategoryDef {
    /// Units of `item` named with neither a quantity nor a head count: one when the category
    /// says so ([`CategoryDef::one_when_singular`]) and the item ends in a singular word (or a
    /// pair's: "headphones") and is
    /// more than the category's name ("hdmi adapter", "ethernet cable"; not "usb-c hubs",
    /// "swag" or "cable"); the category's default otherwise.
    /// The default is the category's, scaled for an item with a rate of its own: the default of
    /// 20 chairs is for 20 people, who need 4 tables.
    pub fn unstated_units(&self, item: &str) -> u32 {
        let item = item.trim().to_lowercase();
        let Some(last) = item.split_whitespace().last() else { return self.default_quantity };
        let singular = !last.ends_with('s') || last.ends_with("ss") || last.ends_with("us") || ONE_PAIR.contains(&last);
        if self.one_when_singular && singular && !self.is_whole(&item) {
            return 1;
        }
        match (self.per_person, self.item_rate(&item)) {
            (Some((num, den)), Some((item_num, item_den))) => {
                // default × (item_num / item_den) / (num / den), rounded up; u128 holds any product.
                let scaled = (u128::from(self.default_quantity) * u128::from(item_num) * u128::from(den.max(1)))
                    .div_ceil((u128::from(item_den.max(1)) * u128::from(num)).max(1));
                u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
            }
            _ => self.default_quantity,
        }
    }

    /// Whether `item` names the whole category: its id ("office supplies") or one of its generic
    /// words ("snacks", "stationery").
    pub fn is_whole(&self, item: &str) -> bool {
        let item = item.trim().to_lowercase();
        item == self.id || item == self.id.replace('_', " ") || self.generic.contains(&item)
    }

    /// Whether `item` ends in a word for the whole category after words that say what it is
    /// for: "raffle prizes", "hackathon snacks".
    pub(crate) fn ends_whole(&self, item: &str) -> bool {
        item.trim().rsplit_once(' ').is_some_and(|(_, last)| self.is_whole(last))
    }

    /// The matching terms of the category's own words: its id and its generic words.
    pub(crate) fn generic_terms(&self) -> Vec<String> {
        std::iter::once(self.id.replace('_', " ")).chain(self.generic.iter().cloned()).flat_map(|g| crate::terms::terms(&g)).collect()
    }

    /// The rate of `item` in [`CategoryDef::per_person_items`]: that of the longest phrase whose
    /// matching terms end the item's (so plurals, hyphens and case do not matter).
    fn item_rate(&self, item: &str) -> Option<(u32, u32)> {
        let item = crate::terms::terms(item);
        self.per_person_items
            .iter()
            .map(|(phrase, rate)| (crate::terms::terms(phrase), *rate))
            .filter(|(phrase, _)| !phrase.is_empty() && item.ends_with(phrase))
            .max_by_key(|(phrase, _)| phrase.len())
            .map(|(_, rate)| rate)
    }

    /// The head-count rate of `item` as (units, people): its own (see
    /// [`CategoryDef::per_person_items`]), else the category's; `None` if neither is per person.
    pub fn rate_of(&self, item: &str) -> Option<(u32, u32)> {
        self.item_rate(item).or(self.per_person)
    }

    /// Whether people named by their role get one each of `item`: it has no head-count rate, or
    /// its category is [`CategoryDef::personal`] and it has no rate of its own.
    pub(crate) fn one_each_for_role(&self, item: &str) -> bool {
        self.item_rate(item).is_none() && (self.personal || self.per_person.is_none())
    }

    /// Whether `item` is counted at the rate its category's items share
    /// ([`CategoryDef::rate_shared`]): it has no rate of its own.
    pub(crate) fn shares_rate(&self, item: &str) -> bool {
        self.rate_shared && self.rate_of(item) == self.per_person
    }

    /// Units of `item` for the head count of a whole request ("hackathon for 40: headphones"):
    /// [`CategoryDef::units_for`], but `None` in a category with no rate of its own (prizes are a
    /// few for any crowd), whatever its items' rates when said for people ("headphones for 8
    /// people": one each).
    pub fn units_for_crowd(&self, item: &str, headcount: u32) -> Option<u32> {
        self.per_person.and_then(|_| self.units_for(item, headcount))
    }

    /// Units of `item` implied by `headcount` at [`CategoryDef::rate_of`], rounded up; `None` if
    /// the item is not per person.
    pub fn units_for(&self, item: &str, headcount: u32) -> Option<u32> {
        let (num, den) = self.rate_of(item)?;
        let den = u64::from(den.max(1));
        let units = (u64::from(headcount) * u64::from(num)).div_ceil(den);
        // At least one for anyone ("2 people" rent a table), none for nobody ("for 0 people").
        Some(if headcount == 0 { 0 } else { u32::try_from(units).unwrap_or(u32::MAX).max(1) })
    }
}

/// Each entry's portion of the rate its group shares, as both parsers count them: (its weight,
/// the sum of its group's weights, at least `whole`). An entry is (the group it shares a rate in,
/// `None` when it shares none; what it is; its weight), and an item named twice in a group counts
/// once, at its larger weight ("coffee for 30 ... the coffee by 8am" is one coffee, not two
/// sharing). `whole` is the weight of a whole share: an item alone in its group weighed less
/// takes part of it ("a little juice for 20 people"). `(1, 1)` for an entry of no group.
pub(crate) fn rate_portions<G: Ord + Clone, T: Ord + Clone>(entries: &[(Option<G>, T, u64)], whole: u64) -> Vec<(u64, u64)> {
    let mut items: BTreeMap<(G, T), u64> = BTreeMap::new();
    for (group, what, w) in entries {
        if let Some(g) = group {
            let at = items.entry((g.clone(), what.clone())).or_default();
            *at = (*at).max(*w);
        }
    }
    let mut sums: BTreeMap<G, u64> = BTreeMap::new();
    for ((g, _), w) in &items {
        *sums.entry(g.clone()).or_default() += w;
    }
    let portion = |g: &G, what: &T| Some((*items.get(&(g.clone(), what.clone()))?, (*sums.get(g)?).max(whole).max(1)));
    entries.iter().map(|(g, what, _)| g.as_ref().and_then(|g| portion(g, what)).unwrap_or((1, 1))).collect()
}

/// A merchant's name as a prompt may write it: its matching keys, and its vendor id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoreName {
    pub(crate) keys: Vec<String>,
    pub(crate) id: String,
}

/// The set of categories a parser may produce, with their synonyms. Built through
/// [`Vocabulary::new`] / [`Vocabulary::add`], which validate; deliberately not `Deserialize`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Vocabulary {
    categories: Vec<CategoryDef>,
    /// The tags of the catalog this vocabulary belongs to, which name items too ("red bull",
    /// "snack box"); set by the catalog, never serialized.
    #[serde(skip)]
    tags: Arc<BTreeMap<String, TagStats>>,
    /// The catalog's merchants as (vendor id, name), which a prompt may name to say where to buy
    /// ("from amazon only", "no walmart"); set by the catalog, never serialized.
    #[serde(skip)]
    merchants: Arc<Vec<(String, String)>>,
    /// The ways a prompt names those merchants; built once on first use.
    #[serde(skip)]
    store_names: OnceLock<Arc<Vec<StoreName>>>,
    /// The offline parser's phrase table; built once on first use.
    #[serde(skip)]
    phrases: OnceLock<Arc<PhraseTable>>,
    /// What the categories' items are, as (category id, the matching term of a synonym's last
    /// word): "speaker" for av_gear; built once on first use. See [`Vocabulary::sells_elsewhere`].
    #[serde(skip)]
    things: OnceLock<Arc<Vec<(String, String)>>>,
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Vocabulary) -> bool {
        self.categories == other.categories
    }
}

impl Eq for Vocabulary {}

/// The embedded vocabulary's definitions (`data/vocabulary.toml`).
const EMBEDDED_TOML: &str = include_str!("../../data/vocabulary.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    categories: Vec<CategoryDef>,
}

impl Vocabulary {
    /// The vocabulary of the embedded catalog: what procurement kits for events and offices need
    /// (`flux-core/data/vocabulary.toml`). Parsed once per process.
    pub fn embedded() -> Vocabulary {
        static EMBEDDED: OnceLock<Vocabulary> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                // A constant file the tests cover; an invalid edit fails them.
                let file: Result<VocabularyFile, _> = toml::from_str(EMBEDDED_TOML);
                file.ok().and_then(|f| Vocabulary::new(f.categories).ok()).unwrap_or_default()
            })
            .clone()
    }

    /// A vocabulary from explicit definitions (validated: ids unique and well-formed).
    pub fn new(categories: Vec<CategoryDef>) -> Result<Vocabulary, String> {
        let mut v = Vocabulary { categories: Vec::with_capacity(categories.len()), ..Vocabulary::default() };
        for c in categories {
            v.add(c)?;
        }
        Ok(v)
    }

    /// Adds a category; an existing id gains the new synonyms instead.
    pub fn add(&mut self, mut c: CategoryDef) -> Result<(), String> {
        if c.id.is_empty() || c.id.len() > 48 || !c.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(format!("category id {:?} must be 1-48 chars of a-z, 0-9, _", c.id.chars().take(60).collect::<String>()));
        }
        if c.default_quantity == 0 {
            return Err(format!("category {:?}: default_quantity must be at least 1", c.id));
        }
        let rates = c
            .per_person
            .iter()
            .map(|r| ("per_person".to_owned(), r))
            .chain(c.per_person_items.iter().map(|(k, r)| (format!("per_person_items.{k:?}"), r)));
        for (field, (num, den)) in rates {
            if *num == 0 || *den == 0 {
                return Err(format!("category {:?}: {field} must be [units, people], both at least 1", c.id));
            }
        }
        c.per_person_items = std::mem::take(&mut c.per_person_items).into_iter().map(|(k, r)| (k.trim().to_lowercase(), r)).collect();
        for list in [&mut c.synonyms, &mut c.generic, &mut c.kit] {
            for s in list.iter_mut() {
                *s = s.trim().to_lowercase();
            }
            list.retain(|s| !s.is_empty());
        }
        (self.phrases, self.things) = (OnceLock::new(), OnceLock::new());
        if let Some(existing) = self.categories.iter_mut().find(|e| e.id == c.id) {
            for (from, into) in [(c.synonyms, &mut existing.synonyms), (c.generic, &mut existing.generic), (c.kit, &mut existing.kit)] {
                for s in from {
                    if !into.contains(&s) {
                        into.push(s);
                    }
                }
            }
            for (item, rate) in c.per_person_items {
                existing.per_person_items.entry(item).or_insert(rate);
            }
        } else {
            self.categories.push(c);
        }
        Ok(())
    }

    /// The phrase table of the offline parser: every synonym (and each id with `_` as a space)
    /// and every tag of the catalog that names an item, longest first.
    pub(crate) fn phrases(&self) -> Arc<PhraseTable> {
        self.phrases.get_or_init(|| Arc::new(PhraseTable::build(self))).clone()
    }

    /// Whether `term` is what an item of a category other than `category` is, and none of its
    /// own: the last word of a synonym that is not a word for the whole category ("speaker" of
    /// "speakers"; not "food"), of a category whose things are not eaten or drunk ("soda cups"
    /// and "chip bowls" are for them). "speaker cables" are cables for speakers, no ethernet cables.
    pub(crate) fn sells_elsewhere(&self, category: &str, term: &str) -> bool {
        let things = self.things.get_or_init(|| {
            let mut things = Vec::new();
            for c in self.categories.iter().filter(|c| !c.edible) {
                let generic = c.generic_terms();
                for last in c.synonyms.iter().filter_map(|s| crate::terms::terms(s).pop()) {
                    if !generic.contains(&last) && !things.iter().any(|(id, t)| *id == c.id && *t == last) {
                        things.push((c.id.clone(), last));
                    }
                }
            }
            Arc::new(things)
        });
        let of = |own: bool| things.iter().any(|(id, t)| (id == category) == own && t == term);
        of(false) && !of(true)
    }

    /// The catalog's tags: tag -> offers of each category that carry it.
    pub(crate) fn catalog_tags(&self) -> &BTreeMap<String, TagStats> {
        &self.tags
    }

    /// Sets the catalog's tags (a catalog does, when it is built or merged).
    pub(crate) fn set_catalog_tags(&mut self, tags: BTreeMap<String, TagStats>) {
        self.tags = Arc::new(tags);
        self.phrases = OnceLock::new();
    }

    /// The ways a prompt names the catalog's merchants, made by `build` from (vendor id, name)
    /// once, not on every parse.
    pub(crate) fn store_names(&self, build: fn(&[(String, String)]) -> Vec<StoreName>) -> Arc<Vec<StoreName>> {
        self.store_names.get_or_init(|| Arc::new(build(&self.merchants))).clone()
    }

    /// Sets the catalog's merchants (a catalog does, when it is built or merged).
    pub(crate) fn set_merchants(&mut self, merchants: Vec<(String, String)>) {
        self.merchants = Arc::new(merchants);
        self.store_names = OnceLock::new();
    }

    /// The category with this id.
    pub fn get(&self, id: &str) -> Option<&CategoryDef> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// All categories, in order.
    pub fn categories(&self) -> &[CategoryDef] {
        &self.categories
    }

    /// Category ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.categories.iter().map(|c| c.id.as_str())
    }
}
