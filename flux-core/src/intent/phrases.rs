//! The offline parser's phrase table: every phrase that names an item — the vocabulary's synonyms
//! and the catalog's offer tags ("red bull", "lacroix", "snack box", "contractor bags") — as
//! matching keys, indexed by first word, longest first.
//!
//! A tag names an item of the categories whose offers carry it. It is left out when it only
//! measures or qualifies ("4k monitor", "8-port", "sugar-free", "mini pretzels": those words are
//! read as attributes), when it starts or ends with a word like "for" or "the" ("for kids"), or
//! when a vocabulary synonym already says it. A tag of several categories
//! prefers the one whose synonyms share a word with it, then the one with most offers tagged so,
//! then vocabulary order. A one-word tag that is an everyday word or a property ("kind",
//! "outdoor", "noise-cancelling", "apple" of "apple juice") is *weak*: it names an item only with
//! an item word after it ("KIND bars", "Apple AirPods").

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::offline::words;
use super::Vocabulary;
use crate::terms::stem;

/// What the catalog says of one tag: how many offers of each category carry it, whether it is
/// some offer's brand, and what those offers are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TagStats {
    /// Category id -> offers tagged so.
    pub(crate) offers: BTreeMap<String, u32>,
    /// The tag is the brand of some offer carrying it.
    pub(crate) brand: bool,
    /// The last words ([`key`]s) of the other tags of the offers carrying it: what a brand makes
    /// ("celsius": drink; "logitech": webcam, remote), so "24 energy drinks, ideally Celsius" is a
    /// preference and "water, Gatorade" two things. At most [`MAX_MADE`] of them.
    pub(crate) makes: BTreeSet<String>,
}

/// The most words a tag's [`TagStats::makes`] keeps (a brand of a big feed makes many things).
const MAX_MADE: usize = 64;

impl TagStats {
    /// Notes what an offer with these `tags` is.
    pub(crate) fn note_made<'a>(&mut self, tags: impl Iterator<Item = &'a str>) {
        self.made(tags.filter_map(|t| t.split_whitespace().last()).map(key));
    }

    /// Adds `words` to [`TagStats::makes`], keeping the alphabetically first [`MAX_MADE`]: the
    /// same whatever order the offers or the catalogs come in.
    pub(crate) fn made(&mut self, words: impl Iterator<Item = String>) {
        self.makes.extend(words);
        while self.makes.len() > MAX_MADE {
            self.makes.pop_last();
        }
    }
}

/// The matching key of a prompt or phrase word: hyphens dropped and lightly stemmed, so
/// "wi-fi" meets "wifi" and "sparkling waters" meets "sparkling water".
pub(crate) fn key(word: &str) -> String {
    if word.contains('-') {
        stem(&word.replace('-', ""))
    } else {
        stem(word)
    }
}

/// One phrase that names an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// The phrase's words.
    pub(crate) words: Vec<String>,
    /// The words' matching keys.
    pub(crate) keys: Vec<String>,
    /// Indices of the categories it names, the preferred first (one for a synonym).
    pub(crate) categories: Vec<usize>,
    /// It comes from a catalog tag, not from the vocabulary.
    pub(crate) tag: bool,
    /// It names an item only when an item word follows it.
    pub(crate) weak: bool,
}

impl Phrase {
    /// The category it names when nothing else decides.
    pub(crate) fn category(&self) -> usize {
        self.categories.first().copied().unwrap_or_default()
    }
}

/// The phrases of a vocabulary and its catalog's tags.
#[derive(Debug, Default)]
pub(crate) struct PhraseTable {
    phrases: Vec<Phrase>,
    /// First key -> phrase indices, longest phrase first, synonyms before tags.
    by_first: HashMap<String, Vec<usize>>,
    /// Last key of some phrase -> the categories such phrases name.
    heads: HashMap<String, Vec<usize>>,
    /// Any key of some phrase -> the categories such phrases name.
    words: HashMap<String, Vec<usize>>,
    /// Every word of a phrase as it is spelled, without hyphens ("lacroix", "postit"), for a
    /// word a prompt splits in two; `true` where a phrase writes it with a hyphen ("post-it").
    spellings: HashMap<String, bool>,
    /// The same spellings by first letter, sorted, for a word typed with a slip.
    by_letter: HashMap<char, Vec<String>>,
    /// What some offer is tagged free of, as written ("sugar" of "sugar-free").
    free_of: HashSet<String>,
}

/// Most words of a tag read as a phrase.
const MAX_TAG_WORDS: usize = 6;

/// Whether a tag can name an item (see the module doc): not a measure, spec or size.
fn tag_can_name_an_item(words: &[&str]) -> bool {
    let letters = words.iter().flat_map(|w| w.chars()).filter(|c| c.is_alphanumeric()).count();
    letters >= 3
        && words.len() <= MAX_TAG_WORDS
        && !words.iter().any(|w| words::is_measure(w))
        && !words.first().is_some_and(|w| words::SIZE_WORDS.contains(w) || words::is_function_word(w))
        && !words.last().is_some_and(|w| words::is_function_word(w))
}

impl PhraseTable {
    /// Builds the table of `vocab` (its synonyms and its catalog's tags).
    pub(crate) fn build(vocab: &Vocabulary) -> PhraseTable {
        let cats = vocab.categories();
        let mut phrases: Vec<Phrase> = Vec::new();
        let mut known: HashSet<Vec<String>> = HashSet::new();
        for (ci, c) in cats.iter().enumerate() {
            for s in std::iter::once(c.id.replace('_', " ")).chain(c.synonyms.iter().cloned()) {
                let words: Vec<String> = s.split_whitespace().map(str::to_owned).collect();
                if words.is_empty() {
                    continue;
                }
                let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
                known.insert(keys.clone());
                phrases.push(Phrase { words, keys, categories: vec![ci], tag: false, weak: false });
            }
        }
        // Words of each category's synonyms, for choosing among a tag's categories.
        let synonym_keys: Vec<HashSet<String>> =
            cats.iter().map(|c| c.synonyms.iter().flat_map(|s| s.split_whitespace()).map(key).collect()).collect();
        let index: HashMap<&str, usize> = cats.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let mut brands: HashSet<usize> = HashSet::new();
        let mut free_of: HashSet<String> = HashSet::new();
        for (tag, stats) in vocab.catalog_tags() {
            free_of.extend(tag.split_whitespace().filter_map(|w| w.strip_suffix("-free")).map(str::to_owned));
            let words: Vec<&str> = tag.split_whitespace().collect();
            if words.is_empty() || !tag_can_name_an_item(&words) {
                continue;
            }
            let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
            if known.contains(&keys) {
                continue;
            }
            let mut categories: Vec<(usize, u32)> =
                stats.offers.iter().filter_map(|(id, n)| index.get(id.as_str()).map(|ci| (*ci, *n))).collect();
            if categories.is_empty() {
                continue;
            }
            let affinity = |ci: usize| keys.iter().any(|k| synonym_keys[ci].contains(k));
            categories.sort_by(|a, b| affinity(b.0).cmp(&affinity(a.0)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
            if stats.brand {
                brands.insert(phrases.len());
            }
            known.insert(keys.clone());
            phrases.push(Phrase {
                words: words.iter().map(|w| (*w).to_owned()).collect(),
                keys,
                categories: categories.into_iter().map(|(ci, _)| ci).collect(),
                tag: true,
                weak: false,
            });
        }
        // A one-word tag that starts longer phrases ("apple" of "apple juice") qualifies them.
        let starts_longer: HashSet<String> = phrases.iter().filter(|p| p.keys.len() > 1).map(|p| p.keys[0].clone()).collect();
        for (pi, p) in phrases.iter_mut().enumerate() {
            if let [word] = p.words.as_slice() {
                if p.tag {
                    let property = word.contains('-') && !brands.contains(&pi);
                    p.weak = property || words::is_everyday(word) || starts_longer.contains(&p.keys[0]);
                }
            }
        }
        let mut order: Vec<usize> = (0..phrases.len()).collect();
        order.sort_by(|a, b| {
            let (pa, pb) = (&phrases[*a], &phrases[*b]);
            pb.keys.len().cmp(&pa.keys.len()).then(pa.tag.cmp(&pb.tag)).then(pa.category().cmp(&pb.category())).then(a.cmp(b))
        });
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut heads: HashMap<String, Vec<usize>> = HashMap::new();
        let mut words: HashMap<String, Vec<usize>> = HashMap::new();
        let note = |map: &mut HashMap<String, Vec<usize>>, k: &str, cats: &[usize]| {
            let list = map.entry(k.to_owned()).or_default();
            for c in cats {
                if !list.contains(c) {
                    list.push(*c);
                }
            }
        };
        for pi in order {
            let p = &phrases[pi];
            by_first.entry(p.keys[0].clone()).or_default().push(pi);
            if let Some(last) = p.keys.last() {
                note(&mut heads, last, &p.categories);
            }
            for k in &p.keys {
                note(&mut words, k, &p.categories);
            }
        }
        let mut spellings: HashMap<String, bool> = HashMap::new();
        for w in phrases.iter().flat_map(|p| &p.words) {
            let plain = w.replace('-', "");
            if plain.len() >= 4 {
                *spellings.entry(plain).or_default() |= w.contains('-');
            }
        }
        let mut by_letter: HashMap<char, Vec<String>> = HashMap::new();
        for spelled in spellings.keys() {
            if let Some(first) = spelled.chars().next() {
                by_letter.entry(first).or_default().push(String::clone(spelled));
            }
        }
        by_letter.values_mut().for_each(|v| v.sort_unstable());
        PhraseTable { phrases, by_first, heads, words, spellings, by_letter, free_of }
    }

    /// The longest phrase whose keys start at `keys[i]`.
    pub(crate) fn longest_at(&self, keys: &[Option<String>], i: usize) -> Option<&Phrase> {
        let first = keys.get(i)?.as_deref()?;
        self.by_first
            .get(first)?
            .iter()
            .map(|pi| &self.phrases[*pi])
            .find(|p| p.keys.iter().enumerate().all(|(k, w)| keys.get(i + k).and_then(Option::as_deref) == Some(w.as_str())))
    }

    /// Whether `key` is a word of some phrase (of any category).
    pub(crate) fn has_word(&self, key: &str) -> bool {
        self.words.contains_key(key)
    }

    /// `first` and `second` as the one word of some phrase they spell together, or its plural:
    /// "la croix" is "lacroix", "ear buds" "earbuds", and "noise cancelling" "noise-cancelling"
    /// where a phrase writes it with a hyphen.
    pub(crate) fn joined(&self, first: &str, second: &str) -> Option<String> {
        let plain = format!("{first}{second}").replace('-', "");
        let hyphenated = self.spellings.get(&plain).or_else(|| self.spellings.get(&format!("{plain}s")))?;
        Some(if *hyphenated { format!("{first}-{second}") } else { plain })
    }

    /// The words of phrases as they are spelled, without hyphens (of four letters or more), that
    /// start with `first`.
    pub(crate) fn spellings_from(&self, first: char) -> impl Iterator<Item = &str> {
        self.by_letter.get(&first).into_iter().flatten().map(String::as_str)
    }

    /// Whether some offer is tagged free of `word`, as written ("sugar" of "sugar-free"; not
    /// "sugary").
    pub(crate) fn sells_free_of(&self, word: &str) -> bool {
        self.free_of.contains(word) || word.strip_suffix('s').is_some_and(|w| self.free_of.contains(w))
    }

    /// Whether some phrase of `category` ends in `key` ("bar" of "protein bars" for snacks).
    pub(crate) fn is_head(&self, key: &str, category: usize) -> bool {
        self.heads.get(key).is_some_and(|c| c.contains(&category))
    }

    /// Whether some phrase of `category` has the word `key` ("usb-c" of "usb-c hubs").
    pub(crate) fn names_word_of(&self, key: &str, category: usize) -> bool {
        self.words.get(key).is_some_and(|c| c.contains(&category))
    }

    /// Number of phrases.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.phrases.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> PhraseTable {
        let mut v = Vocabulary::embedded();
        let mut tags = BTreeMap::new();
        let mut tag = |t: &str, cats: &[(&str, u32)], brand: bool| {
            let offers = cats.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect();
            tags.insert(t.to_owned(), TagStats { offers, brand, makes: BTreeSet::new() });
        };
        tag("red bull", &[("drinks", 3)], true);
        tag("kind", &[("snacks", 3)], true);
        tag("4k monitor", &[("av_gear", 2)], false);
        tag("sugar-free", &[("drinks", 9)], false);
        tag("mini pretzels", &[("snacks", 2)], false);
        tag("bose", &[("prizes", 3), ("av_gear", 2)], true);
        tag("heavy duty", &[("power", 6), ("cleaning", 2)], false);
        tag("noise-cancelling", &[("prizes", 1)], false);
        tag("coca-cola", &[("drinks", 2)], true);
        tag("chips", &[("snacks", 20)], false);
        tag("for kids", &[("snacks", 2)], false);
        v.set_catalog_tags(tags);
        PhraseTable::build(&v)
    }

    fn at(t: &PhraseTable, text: &str) -> Option<Phrase> {
        let keys: Vec<Option<String>> = text.split_whitespace().map(|w| Some(key(w))).collect();
        t.longest_at(&keys, 0).cloned()
    }

    #[test]
    fn tags_name_items_unless_they_measure_or_repeat_a_synonym() {
        let t = table();
        let red_bull = at(&t, "red bulls").unwrap();
        assert!(red_bull.tag && !red_bull.weak && red_bull.words == ["red", "bull"]);
        assert!(at(&t, "kind bars").unwrap().weak, "an everyday word");
        assert!(at(&t, "noise-cancelling").unwrap().weak, "a property");
        assert!(!at(&t, "coca-cola").unwrap().weak, "a hyphenated brand is a name");
        assert_eq!(at(&t, "4k monitors").map(|p| p.words), None, "4k is an attribute; the vocabulary has no '4k'");
        assert_eq!(at(&t, "sugar-free"), None);
        assert_eq!(at(&t, "for kids"), None, "an occasion, not an item");
        assert_eq!(at(&t, "mini pretzels"), None, "mini is a size");
        let chips = at(&t, "chips").unwrap();
        assert!(!chips.tag, "the synonym, not the tag");
        assert_eq!(t.len(), table().len(), "deterministic");
    }

    #[test]
    fn a_tag_of_several_categories_prefers_synonyms_then_most_offers() {
        let t = table();
        let v = Vocabulary::embedded();
        let id = |p: &Phrase| v.categories()[p.category()].id.clone();
        // "heavy duty": 6 power offers, 2 cleaning ones; no synonym shares a word.
        assert_eq!(id(&at(&t, "heavy duty").unwrap()), "power");
        // "bose": prizes (3 offers) before av_gear (2); both kept for what follows it.
        let bose = at(&t, "bose").unwrap();
        assert_eq!(bose.categories.len(), 2);
        assert_eq!(id(&bose), "prizes");
        assert!(t.is_head("bar", v.categories().iter().position(|c| c.id == "snacks").unwrap()));
    }
}
