//! The category vocabulary: what can be bought, the words people use for it, and how many units
//! a head count implies.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

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
    /// Units per person when the prompt gives a head count, as (numerator, denominator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_person: Option<(u32, u32)>,
    /// Units when the prompt gives neither a quantity nor a head count.
    pub default_quantity: u32,
}

impl CategoryDef {
    /// Units implied by `headcount`, rounded up; `None` if the category is not per person.
    pub fn units_for(&self, headcount: u32) -> Option<u32> {
        let (num, den) = self.per_person?;
        let den = u64::from(den.max(1));
        let units = (u64::from(headcount) * u64::from(num)).div_ceil(den);
        Some(u32::try_from(units).unwrap_or(u32::MAX).max(1))
    }
}

/// The set of categories a parser may produce, with their synonyms. Built through
/// [`Vocabulary::new`] / [`Vocabulary::add`], which validate; deliberately not `Deserialize`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Vocabulary {
    categories: Vec<CategoryDef>,
    /// Synonym phrases as word lists, longest first; built once on first use.
    #[serde(skip)]
    phrases: OnceLock<Arc<[Phrase]>>,
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Vocabulary) -> bool {
        self.categories == other.categories
    }
}

impl Eq for Vocabulary {}

/// One synonym (or the id itself) as words, with the index of its category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub(crate) words: Vec<String>,
    pub(crate) category: usize,
}

fn def(id: &str, label: &str, synonyms: &[&str], per_person: Option<(u32, u32)>, default_quantity: u32) -> CategoryDef {
    CategoryDef {
        id: id.to_owned(),
        label: label.to_owned(),
        synonyms: synonyms.iter().map(|s| (*s).to_owned()).collect(),
        per_person,
        default_quantity,
    }
}

impl Vocabulary {
    /// The vocabulary of the embedded catalog: what procurement kits for events and offices need.
    pub fn embedded() -> Vocabulary {
        Vocabulary {
            phrases: OnceLock::new(),
            categories: vec![
                def(
                    "snacks",
                    "Snacks",
                    &["snacks", "snack", "chips", "granola bars", "cookies", "trail mix", "candy", "food", "pretzels", "popcorn"],
                    Some((3, 1)),
                    50,
                ),
                def(
                    "drinks",
                    "Drinks",
                    &[
                        "drinks",
                        "drink",
                        "energy drinks",
                        "energy drink",
                        "soda",
                        "sodas",
                        "water",
                        "bottled water",
                        "coffee",
                        "beverages",
                        "cans",
                        "sparkling water",
                    ],
                    Some((3, 1)),
                    48,
                ),
                def(
                    "badges",
                    "Badges & name tags",
                    &["badges", "badge", "name tags", "name tag", "nametags", "name badges", "badge holders", "id badges"],
                    Some((1, 1)),
                    50,
                ),
                def("lanyards", "Lanyards", &["lanyards", "lanyard", "neck straps"], Some((1, 1)), 50),
                def(
                    "adapters",
                    "Adapters & hubs",
                    &[
                        "adapters",
                        "adapter",
                        "usb-c hubs",
                        "usb-c hub",
                        "usb c hubs",
                        "hubs",
                        "hub",
                        "dongles",
                        "dongle",
                        "hdmi adapters",
                        "docking stations",
                    ],
                    Some((1, 10)),
                    5,
                ),
                def(
                    "cables",
                    "Cables",
                    &[
                        "cables",
                        "cable",
                        "usb-c cables",
                        "usb cables",
                        "hdmi cables",
                        "ethernet cables",
                        "charging cables",
                        "chargers",
                        "charger",
                    ],
                    Some((1, 5)),
                    10,
                ),
                def(
                    "power",
                    "Power strips & extension cords",
                    &["power strips", "power strip", "extension cords", "extension cord", "surge protectors", "power"],
                    Some((1, 8)),
                    6,
                ),
                def(
                    "prizes",
                    "Prizes",
                    &["prizes", "prize", "grand prize", "awards", "trophies", "gift cards", "headphones", "raffle"],
                    None,
                    3,
                ),
                def(
                    "swag",
                    "Swag",
                    &["swag", "t-shirts", "t-shirt", "tshirts", "shirts", "hoodies", "stickers", "merch", "tote bags", "water bottles"],
                    Some((1, 1)),
                    50,
                ),
                def(
                    "office_supplies",
                    "Office supplies",
                    &[
                        "office supplies",
                        "pens",
                        "pen",
                        "notebooks",
                        "notepads",
                        "markers",
                        "sticky notes",
                        "post-its",
                        "whiteboard markers",
                        "paper",
                        "stationery",
                    ],
                    Some((1, 1)),
                    50,
                ),
                def(
                    "furniture_rental",
                    "Furniture rental",
                    &["furniture", "tables", "table", "chairs", "chair", "furniture rental", "folding tables", "folding chairs", "desks"],
                    Some((1, 1)),
                    20,
                ),
                def(
                    "av_gear",
                    "AV gear",
                    &[
                        "av gear",
                        "av equipment",
                        "projector",
                        "projectors",
                        "microphone",
                        "microphones",
                        "mics",
                        "speakers",
                        "speaker",
                        "screen",
                        "webcam",
                        "pa system",
                    ],
                    None,
                    2,
                ),
                def(
                    "cleaning",
                    "Cleaning supplies",
                    &[
                        "cleaning",
                        "cleaning supplies",
                        "trash bags",
                        "garbage bags",
                        "wipes",
                        "disinfecting wipes",
                        "paper towels",
                        "hand sanitizer",
                        "sanitizer",
                    ],
                    Some((1, 25)),
                    4,
                ),
                def(
                    "networking",
                    "Networking gear",
                    &["networking", "wifi", "wi-fi", "router", "routers", "access points", "network switch", "switches", "ethernet switch"],
                    Some((1, 50)),
                    2,
                ),
                def(
                    "tableware",
                    "Plates, cups & napkins",
                    &["plates", "cups", "napkins", "utensils", "cutlery", "tableware", "paper plates", "paper cups"],
                    Some((2, 1)),
                    100,
                ),
            ],
        }
    }

    /// A vocabulary from explicit definitions (validated: ids unique and well-formed).
    pub fn new(categories: Vec<CategoryDef>) -> Result<Vocabulary, String> {
        let mut v = Vocabulary { categories: Vec::with_capacity(categories.len()), phrases: OnceLock::new() };
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
        for s in &mut c.synonyms {
            *s = s.trim().to_lowercase();
        }
        c.synonyms.retain(|s| !s.is_empty());
        self.phrases = OnceLock::new();
        if let Some(existing) = self.categories.iter_mut().find(|e| e.id == c.id) {
            for s in c.synonyms {
                if !existing.synonyms.contains(&s) {
                    existing.synonyms.push(s);
                }
            }
        } else {
            self.categories.push(c);
        }
        Ok(())
    }

    /// Every synonym phrase (and each id with `_` as a space) split into words, longest phrase
    /// first, then in category order: the offline parser's longest-match table.
    pub(crate) fn phrases(&self) -> Arc<[Phrase]> {
        self.phrases
            .get_or_init(|| {
                let mut phrases: Vec<Phrase> = self
                    .categories
                    .iter()
                    .enumerate()
                    .flat_map(|(ci, c)| {
                        std::iter::once(c.id.replace('_', " "))
                            .chain(c.synonyms.iter().cloned())
                            .map(move |s| Phrase { words: s.split_whitespace().map(str::to_owned).collect(), category: ci })
                    })
                    .filter(|p| !p.words.is_empty())
                    .collect();
                phrases.sort_by(|a, b| b.words.len().cmp(&a.words.len()).then(a.category.cmp(&b.category)));
                phrases.into()
            })
            .clone()
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
