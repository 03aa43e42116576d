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
    /// Words that name the whole category rather than one kind of item in it (`"snacks"`,
    /// `"beverages"`, `"merch"`): a request in these words (or the id and label) takes any offer
    /// of the category. Other item words must match an offer's name, tags or attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generic: Vec<String>,
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
    /// The words stemmed (`relevance::stem`), so "sparkling waters" meets "sparkling water".
    pub(crate) stems: Vec<String>,
    pub(crate) category: usize,
}

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
        for list in [&mut c.synonyms, &mut c.generic] {
            for s in list.iter_mut() {
                *s = s.trim().to_lowercase();
            }
            list.retain(|s| !s.is_empty());
        }
        self.phrases = OnceLock::new();
        if let Some(existing) = self.categories.iter_mut().find(|e| e.id == c.id) {
            for (from, into) in [(c.synonyms, &mut existing.synonyms), (c.generic, &mut existing.generic)] {
                for s in from {
                    if !into.contains(&s) {
                        into.push(s);
                    }
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
                        std::iter::once(c.id.replace('_', " ")).chain(c.synonyms.iter().cloned()).map(move |s| {
                            let words: Vec<String> = s.split_whitespace().map(str::to_owned).collect();
                            let stems = words.iter().map(|w| crate::relevance::stem(w)).collect();
                            Phrase { words, stems, category: ci }
                        })
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
