//! Choosing a vocabulary category for a feed's product: Google product categories first, then
//! the merchant's product type, the title and the tags, matched by the longest known phrase.

use std::collections::{BTreeMap, HashMap};

use super::google_taxonomy::GOOGLE_IDS;
use super::phrases::PHRASES;
use crate::intent::Vocabulary;

/// What a Google product category says about a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// This category, whatever the title says.
    Strong(&'static str),
    /// This category if nothing more specific (product type, title, tags) names one.
    Weak(&'static str),
    /// Never bought through Flux (alcohol, tobacco, mature): the product is skipped.
    Exclude,
}

use Target::{Exclude, Strong, Weak};

/// Google product taxonomy paths (version 2021-09-21) and what they mean here; a path inherits
/// from its longest listed prefix. `scripts/gen-google-taxonomy.py` derives the numeric ids of
/// [`GOOGLE_IDS`] from this table: keep the two in step.
pub(crate) const GOOGLE_PATHS: &[(&str, Target)] = &[
    ("Apparel & Accessories", Weak("swag")),
    ("Apparel & Accessories > Clothing", Strong("swag")),
    ("Apparel & Accessories > Clothing Accessories > Hats", Strong("swag")),
    ("Apparel & Accessories > Handbag & Wallet Accessories > Lanyards", Strong("lanyards")),
    ("Apparel & Accessories > Handbags, Wallets & Cases > Badge & Pass Holders", Strong("badges")),
    ("Apparel & Accessories > Jewelry > Watches", Strong("prizes")),
    ("Arts & Entertainment > Hobbies & Creative Arts > Arts & Crafts > Art & Crafting Materials > Embellishments & Trims > Decorative Stickers", Strong("swag")),
    ("Arts & Entertainment > Party & Celebration > Gift Giving > Gift Cards & Certificates", Strong("prizes")),
    ("Arts & Entertainment > Party & Celebration > Trophies & Awards", Strong("prizes")),
    ("Business & Industrial > Food Service > Disposable Serveware", Strong("tableware")),
    ("Business & Industrial > Food Service > Disposable Tableware", Strong("tableware")),
    ("Business & Industrial > Medical > Medical Supplies > Disposable Gloves", Strong("cleaning")),
    ("Cameras & Optics > Cameras", Weak("prizes")),
    ("Cameras & Optics > Cameras > Webcams", Strong("av_gear")),
    ("Electronics > Audio", Strong("av_gear")),
    ("Electronics > Audio > Audio Components > Headphones & Headsets", Strong("prizes")),
    ("Electronics > Communications > Telephony > Conference Phones", Strong("av_gear")),
    ("Electronics > Computers > Handheld Devices > E-Book Readers", Strong("prizes")),
    ("Electronics > Computers > Tablet Computers", Strong("prizes")),
    ("Electronics > Electronics Accessories > Adapters", Strong("adapters")),
    ("Electronics > Electronics Accessories > Audio & Video Splitters & Switches", Strong("av_gear")),
    ("Electronics > Electronics Accessories > Cables", Strong("cables")),
    ("Electronics > Electronics Accessories > Computer Accessories > Laptop Docking Stations", Strong("adapters")),
    ("Electronics > Electronics Accessories > Computer Components > Input Devices > Keyboards", Strong("prizes")),
    ("Electronics > Electronics Accessories > Computer Components > USB & FireWire Hubs", Strong("adapters")),
    ("Electronics > Electronics Accessories > Power", Strong("power")),
    ("Electronics > Electronics Accessories > Power > Travel Converters & Adapters", Strong("adapters")),
    ("Electronics > Networking", Strong("networking")),
    ("Electronics > Networking > Network Cards & Adapters", Strong("adapters")),
    ("Electronics > Video", Strong("av_gear")),
    ("Electronics > Video Game Consoles", Strong("prizes")),
    ("Food, Beverages & Tobacco > Beverages", Strong("drinks")),
    ("Food, Beverages & Tobacco > Beverages > Alcoholic Beverages", Exclude),
    ("Food, Beverages & Tobacco > Food Items > Bakery > Cookies", Strong("snacks")),
    ("Food, Beverages & Tobacco > Food Items > Candied & Chocolate Covered Fruit", Strong("snacks")),
    ("Food, Beverages & Tobacco > Food Items > Candy & Chocolate", Strong("snacks")),
    ("Food, Beverages & Tobacco > Food Items > Nuts & Seeds", Strong("snacks")),
    ("Food, Beverages & Tobacco > Food Items > Snack Foods", Strong("snacks")),
    ("Food, Beverages & Tobacco > Tobacco Products", Exclude),
    ("Furniture", Strong("furniture_rental")),
    ("Health & Beauty > Health Care > Biometric Monitors > Activity Monitors", Strong("prizes")),
    ("Health & Beauty > Personal Care > Cosmetics > Bath & Body > Hand Sanitizers & Wipes", Strong("cleaning")),
    ("Health & Beauty > Personal Care > Cosmetics > Bath & Body > Liquid Hand Soap", Strong("cleaning")),
    ("Home & Garden > Household Supplies > Garbage Bags", Strong("cleaning")),
    ("Home & Garden > Household Supplies > Household Cleaning Supplies", Strong("cleaning")),
    ("Home & Garden > Household Supplies > Household Paper Products", Strong("cleaning")),
    ("Home & Garden > Household Supplies > Household Paper Products > Paper Napkins", Strong("tableware")),
    ("Home & Garden > Household Supplies > Waste Containment", Strong("cleaning")),
    ("Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Water Bottles", Strong("swag")),
    ("Home & Garden > Kitchen & Dining > Tableware", Strong("tableware")),
    ("Home & Garden > Linens & Bedding > Table Linens", Strong("tableware")),
    ("Luggage & Bags", Weak("swag")),
    ("Luggage & Bags > Backpacks", Strong("swag")),
    ("Luggage & Bags > Shopping Totes", Strong("swag")),
    ("Mature", Exclude),
    ("Office Supplies", Strong("office_supplies")),
    ("Office Supplies > General Office Supplies > Labels & Tags", Weak("office_supplies")),
    ("Office Supplies > General Office Supplies > Paper Products > Blank ID Cards", Strong("badges")),
    ("Toys & Games", Weak("prizes")),
];

/// Words after which a title names what a product goes with, not what it is.
const STOP_WORDS: &[&str] = &["for", "with", "compatible", "fits", "includes", "including"];

/// A category chosen for a product, with the phrase that chose it (a tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mapped {
    pub category: String,
    pub phrase: Option<String>,
}

struct KeyPhrase {
    words: Vec<String>,
    category: Option<String>,
    display: String,
}

/// The phrase table of one vocabulary, indexed by first word.
pub(crate) struct Mapper<'a> {
    vocabulary: &'a Vocabulary,
    overrides: &'a BTreeMap<String, String>,
    phrases: Vec<KeyPhrase>,
    by_first: HashMap<String, Vec<usize>>,
}

impl<'a> Mapper<'a> {
    pub(crate) fn new(vocabulary: &'a Vocabulary, overrides: &'a BTreeMap<String, String>) -> Self {
        let mut mapper = Mapper { vocabulary, overrides, phrases: Vec::new(), by_first: HashMap::new() };
        for (display, category) in PHRASES {
            if category.is_none_or(|c| vocabulary.get(c).is_some()) {
                mapper.add(display, category.map(str::to_owned));
            }
        }
        for c in vocabulary.categories() {
            for s in std::iter::once(c.id.replace('_', " ")).chain(c.synonyms.iter().cloned()) {
                mapper.add(&s, Some(c.id.clone()));
            }
        }
        mapper
    }

    /// Adds a phrase unless one with the same words is there already.
    fn add(&mut self, display: &str, category: Option<String>) {
        let words = words(display);
        let Some(first) = words.first().cloned() else { return };
        let slot = self.by_first.entry(first).or_default();
        if slot.iter().any(|&i| self.phrases[i].words == words) {
            return;
        }
        slot.push(self.phrases.len());
        self.phrases.push(KeyPhrase { words, category, display: display.trim().to_lowercase() });
    }

    /// The category of a product, or `None` when nothing fits (or its Google category excludes it).
    pub(crate) fn map(&self, google: Option<&str>, product_types: &[String], title: &str, tags: &[String]) -> Option<Mapped> {
        for key in google.into_iter().chain(product_types.iter().map(String::as_str)) {
            if let Some(c) = self.overrides.get(&key.trim().to_lowercase()) {
                return Some(Mapped { category: c.clone(), phrase: None });
            }
        }
        let known = |c: &str| self.vocabulary.get(c).is_some();
        let in_title = self.find(title);
        let mut weak = None;
        match google.and_then(google_target) {
            Some(Exclude) => return None,
            Some(Strong(c)) if known(c) => {
                let phrase = in_title.filter(|m| m.category == c).and_then(|m| m.phrase);
                return Some(Mapped { category: c.to_owned(), phrase });
            }
            Some(Weak(c)) if known(c) => weak = Some(c),
            _ => {}
        }
        let from_types = product_types.iter().flat_map(|t| t.rsplit('>')).find_map(|segment| self.find(segment));
        from_types
            .or(in_title)
            .or_else(|| tags.iter().find_map(|t| self.find(t)))
            .or_else(|| weak.map(|c| Mapped { category: c.to_owned(), phrase: None }))
    }

    /// The best phrase in `text`: the longest, then the last one before a stop word.
    fn find(&self, text: &str) -> Option<Mapped> {
        let tokens = words(text);
        let stop = tokens.iter().position(|t| STOP_WORDS.contains(&t.as_str())).unwrap_or(tokens.len());
        // (before the stop word, word count, start) of the best match so far.
        let mut best: Option<((bool, usize, usize), usize)> = None;
        for start in 0..tokens.len() {
            let Some(candidates) = self.by_first.get(&tokens[start]) else { continue };
            for &i in candidates {
                let p = &self.phrases[i];
                if tokens[start..].starts_with(&p.words) {
                    let rank = (start < stop, p.words.len(), start);
                    if best.is_none_or(|(r, _)| rank > r) {
                        best = Some((rank, i));
                    }
                }
            }
        }
        let p = &self.phrases[best?.1];
        Some(Mapped { category: p.category.clone()?, phrase: Some(p.display.clone()) })
    }
}

/// Lowercase words of `text` (split at anything not a letter or digit), each made singular.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| singular(&w.to_lowercase())).collect()
}

/// A crude English singular, applied to text and phrases alike: `candies` → `candy`,
/// `switches` → `switch`, `chips` → `chip`; `glass`, `wireless` and `plus` stay.
fn singular(word: &str) -> String {
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if n > 4 && ["ches", "shes", "xes", "sses"].iter().any(|s| word.ends_with(s)) {
        return word[..n - 2].to_owned();
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return word[..n - 1].to_owned();
    }
    word.to_owned()
}

/// What a Google product category (its path text or numeric id) says, from its longest listed
/// prefix.
fn google_target(category: &str) -> Option<Target> {
    let category = category.trim();
    if !category.is_empty() && category.bytes().all(|b| b.is_ascii_digit()) {
        let id: u32 = category.parse().ok()?;
        let i = GOOGLE_IDS.binary_search_by_key(&id, |(id, _)| *id).ok()?;
        return GOOGLE_PATHS.get(usize::from(GOOGLE_IDS[i].1)).map(|(_, t)| *t);
    }
    let segments: Vec<String> = category.split('>').map(|s| s.trim().to_lowercase()).collect();
    GOOGLE_PATHS
        .iter()
        .filter(|(path, _)| {
            let prefix: Vec<String> = path.split('>').map(|s| s.trim().to_lowercase()).collect();
            segments.starts_with(&prefix)
        })
        .max_by_key(|(path, _)| path.split('>').count())
        .map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(title: &str) -> Option<String> {
        let vocabulary = Vocabulary::embedded();
        let overrides = BTreeMap::new();
        Mapper::new(&vocabulary, &overrides).map(None, &[], title, &[]).map(|m| m.category)
    }

    #[test]
    fn titles_map_by_their_head_noun() {
        let cases = [
            ("Red Bull Energy Drink, Sugarfree, 8.4 fl oz Cans (Pack of 24)", "drinks"),
            ("Hydro Flask 32 oz Wide Mouth Water Bottle", "swag"),
            ("Poland Spring 100% Natural Spring Water, 16.9 oz Bottles", "drinks"),
            ("Anker USB-C Hub, 7-in-1 with 4K HDMI", "adapters"),
            ("Anker USB-C to HDMI Adapter 4K@60Hz", "adapters"),
            ("Cable Matters USB-C to HDMI Cable 6 ft", "cables"),
            ("Breakaway Lanyards with Badge Holders, 50 Pack", "lanyards"),
            ("Vertical Badge Holder with Lanyard", "badges"),
            ("Nintendo Switch OLED Model", "prizes"),
            ("TP-Link 8-Port Gigabit Switch", "networking"),
            ("Expo Low-Odor Dry Erase Markers, Chisel Tip", "office_supplies"),
            ("Dixie Everyday Paper Plates, 8.5 in", "tableware"),
            ("Bounty Select-A-Size Paper Towels", "cleaning"),
            ("Lifetime 6 ft Folding Table", "furniture_rental"),
            ("Epson Home Cinema 2350 4K Projector", "av_gear"),
            ("Hershey's Assorted Milk Chocolate Candies", "snacks"),
        ];
        for (title, want) in cases {
            assert_eq!(category(title).as_deref(), Some(want), "{title}");
        }
        assert_eq!(category("Tempered Glass Screen Protector"), None);
        assert_eq!(category("Garden Hose 50 ft"), None);
    }

    #[test]
    fn google_categories_by_text_and_id() {
        assert_eq!(google_target("Food, Beverages & Tobacco > Beverages > Sports & Energy Drinks"), Some(Strong("drinks")));
        assert_eq!(google_target("food, beverages & tobacco >beverages> soda"), Some(Strong("drinks")));
        assert_eq!(google_target("5723"), Some(Strong("drinks")));
        assert_eq!(google_target("Food, Beverages & Tobacco > Beverages > Alcoholic Beverages > Beer"), Some(Exclude));
        assert_eq!(google_target("414"), Some(Exclude));
        assert_eq!(google_target("Electronics > Networking > Network Cards & Adapters"), Some(Strong("adapters")));
        assert_eq!(google_target("Electronics"), None);
        assert_eq!(google_target("999999999999"), None);
        assert_eq!(google_target(""), None);
        // Every id in the generated table points at a listed path.
        assert!(GOOGLE_IDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(GOOGLE_IDS.iter().all(|(_, i)| usize::from(*i) < GOOGLE_PATHS.len()));
    }

    #[test]
    fn strong_google_categories_win_and_weak_ones_yield() {
        let vocabulary = Vocabulary::embedded();
        let overrides = BTreeMap::from([("merch bundle".to_owned(), "swag".to_owned())]);
        let m = Mapper::new(&vocabulary, &overrides);
        let badge_labels = m.map(Some("Office Supplies > General Office Supplies > Labels & Tags"), &[], "Hello My Name Is Name Tags", &[]);
        assert_eq!(badge_labels.map(|m| m.category).as_deref(), Some("badges"));
        let mapped = m.map(Some("5723"), &[], "Red Bull Energy Drink", &[]).unwrap();
        assert_eq!((mapped.category.as_str(), mapped.phrase.as_deref()), ("drinks", Some("energy drink")));
        assert_eq!(m.map(Some("Food, Beverages & Tobacco > Beverages > Alcoholic Beverages > Beer"), &[], "Craft Soda", &[]), None);
        let types = vec!["Merch Bundle".to_owned()];
        assert_eq!(m.map(None, &types, "Starter kit", &[]).map(|m| m.category).as_deref(), Some("swag"));
        let types = vec!["Beverages > Energy Drinks".to_owned()];
        assert_eq!(m.map(None, &types, "Monster Zero Ultra", &[]).map(|m| m.category).as_deref(), Some("drinks"));
        let tags = vec!["sugar-free".to_owned(), "energy drink".to_owned()];
        assert_eq!(m.map(None, &[], "Zero Ultra 12-pack", &tags).map(|m| m.category).as_deref(), Some("drinks"));
    }
}
