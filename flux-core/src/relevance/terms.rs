//! Text to matching terms, the same way for what was asked and for what is offered: lowercase
//! words without stop words, light stemming (`drinks` and `drink`, `batteries` and `battery`,
//! `hoodies` and `hoodie` meet), a few synonyms, and compounds joined (`usb c`, `usb-c`, `usbc`
//! and `type-c` are one term; so are `t-shirt` and `tshirt`). Deterministic and symmetric: both
//! sides go through the same function.

/// Words that never carry meaning for matching.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "each", "for", "from", "in", "of", "on", "or", "per", "the", "to", "with", "x", "pack", "packs", "pc",
    "pcs", "piece", "pieces", "count", "ct", "set", "sets", "please", "some", "our", "my", "your", "we", "i",
];

/// Word pairs that are one term, after stemming (`usb`+`c` -> `usbc`).
const COMPOUNDS: &[(&str, &str, &str)] = &[
    ("usb", "c", "usbc"),
    ("type", "c", "usbc"),
    ("usb", "a", "usba"),
    ("wi", "fi", "wifi"),
    ("t", "shirt", "tshirt"),
    ("e", "reader", "ereader"),
    ("sugar", "free", "sugarfree"),
    ("zero", "sugar", "sugarfree"),
    ("no", "sugar", "sugarfree"),
    ("gluten", "free", "glutenfree"),
    ("bpa", "free", "bpafree"),
    ("name", "tag", "nametag"),
    ("post", "it", "postit"),
    ("dry", "erase", "dryerase"),
    ("white", "board", "whiteboard"),
    ("display", "port", "displayport"),
    ("cat", "6", "cat6"),
    ("cat", "5e", "cat5e"),
    ("power", "bank", "powerbank"),
    ("soft", "drink", "soda"),
    ("break", "away", "breakaway"),
    ("ear", "bud", "earbud"),
    ("head", "phone", "headphone"),
    ("lap", "top", "laptop"),
];

/// One word for another, after stemming (both sides are mapped).
const SYNONYMS: &[(&str, &str)] = &[
    ("tee", "tshirt"),
    ("tshirt", "tshirt"),
    ("shirt", "tshirt"),
    ("mic", "microphone"),
    ("pop", "soda"),
    ("grey", "gray"),
    ("colour", "color"),
    ("canceling", "cancelling"),
    ("television", "tv"),
    ("seltzer", "sparkling"),
    ("sparkling", "sparkling"),
    ("namebadge", "nametag"),
    ("pen", "pen"),
    ("sticky", "sticky"),
    ("headset", "headphone"),
    ("earphone", "earbud"),
    ("sweatshirt", "hoodie"),
];

/// A light, symmetric stemmer: strips plural and `-y`/`-ie` endings so that the singular and
/// plural forms of a word (and `hoodie`/`hoodies`, `battery`/`batteries`) give one stem.
pub(crate) fn stem(word: &str) -> String {
    let w = word;
    let n = w.len();
    if n <= 3 || w.bytes().any(|b| b.is_ascii_digit()) {
        return w.to_owned();
    }
    let cut = |k: usize| w[..n - k].to_owned();
    let base = if w.ends_with("ies") && n > 4 {
        cut(3)
    } else if w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes") || w.ends_with("zes") {
        cut(2)
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        w.to_owned()
    } else if w.ends_with('s') {
        cut(1)
    } else {
        w.to_owned()
    };
    // `hoodie` / `hoody` / `hoodies` -> `hood`; `battery` / `batteries` -> `batter`.
    let m = base.len();
    if m > 3 && base.ends_with("ie") {
        base[..m - 2].to_owned()
    } else if m > 3 && base.ends_with('y') && !base.ends_with("ey") {
        base[..m - 1].to_owned()
    } else {
        base
    }
}

/// The compound and synonym tables with their words stemmed once.
struct Tables {
    compounds: Vec<(String, String, String)>,
    synonyms: Vec<(String, String)>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Tables {
        compounds: COMPOUNDS.iter().map(|(a, b, to)| (stem(a), stem(b), stem(to))).collect(),
        synonyms: SYNONYMS.iter().map(|(from, to)| (stem(from), stem(to))).collect(),
    })
}

fn synonym(term: String) -> String {
    match tables().synonyms.iter().find(|(from, _)| *from == term) {
        Some((_, to)) => to.clone(),
        None => term,
    }
}

/// The matching terms of `text`, in order (duplicates kept; callers that need a set sort and
/// dedupe).
pub(crate) fn terms(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<String> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !STOP_WORDS.contains(w)).map(stem).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let joined = words
            .get(i + 1)
            .and_then(|next| tables().compounds.iter().find(|(a, b, _)| *a == words[i] && b == next).map(|(_, _, to)| to.clone()));
        match joined {
            Some(term) => {
                out.push(synonym(term));
                i += 2;
            }
            None => {
                out.push(synonym(words[i].clone()));
                i += 1;
            }
        }
    }
    out
}

/// A sorted, deduplicated set of terms (an offer's, or a category's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TermSet(Box<[Box<str>]>);

impl TermSet {
    /// The terms of several texts together.
    pub(crate) fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> TermSet {
        let mut all: Vec<Box<str>> = texts.into_iter().flat_map(terms).map(String::into_boxed_str).collect();
        all.sort_unstable();
        all.dedup();
        TermSet(all.into_boxed_slice())
    }

    /// The union of sets.
    #[cfg(test)]
    pub(crate) fn union<'a>(sets: impl IntoIterator<Item = &'a TermSet>) -> TermSet {
        let mut all: Vec<Box<str>> = sets.into_iter().flat_map(|s| s.0.iter().cloned()).collect();
        all.sort_unstable();
        all.dedup();
        TermSet(all.into_boxed_slice())
    }

    /// Whether `term` is in the set.
    pub(crate) fn contains(&self, term: &str) -> bool {
        self.0.binary_search_by(|t| (**t).cmp(term)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        terms(s)
    }

    #[test]
    fn both_sides_meet() {
        assert_eq!(t("USB-C hubs"), t("usb c hub"));
        assert_eq!(t("usbc hub"), t("Type-C Hub"));
        assert_eq!(t("T-Shirts"), t("tshirt"));
        assert_eq!(t("tees"), t("t-shirt"));
        assert_eq!(t("hoodie"), t("Hoodies"));
        assert_eq!(t("battery"), t("batteries"));
        assert_eq!(t("energy drinks"), t("Energy Drink"));
        assert_eq!(t("name tags"), t("nametags"));
        assert_eq!(t("sugar-free"), t("Zero Sugar"));
        assert_eq!(t("boxes"), t("box"));
        assert_eq!(t("switches"), t("switch"));
        assert_eq!(t("glasses"), t("glass"));
        assert_eq!(t("wireless"), vec!["wireless"]);
        assert_eq!(t("4K@60Hz"), vec!["4k", "60hz"]);
        assert_eq!(t("a pack of the cups"), t("cup"));
        assert_eq!(t("10-in-1"), vec!["10", "1"]);
    }

    #[test]
    fn sets_answer_membership() {
        let s = TermSet::of(["Anker USB-C Hub, 4-in-1", "usb-c hub"]);
        assert!(s.contains("usbc") && s.contains("hub") && s.contains("anker"));
        assert!(!s.contains("hdmi"));
        let u = TermSet::union([&s, &TermSet::of(["HDMI adapter"])]);
        assert!(u.contains("hdmi") && u.contains("hub"));
    }
}
