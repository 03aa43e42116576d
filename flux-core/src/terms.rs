//! Text to matching terms, the same way for what was asked and for what is offered: lowercase
//! words without stop words, light stemming (`drinks` and `drink`, `batteries` and `battery`,
//! `hoodies` and `hoodie` meet), a few synonyms, and compounds joined (`usb c`, `usb-c`, `usbc`
//! and `type-c` are one term; so are `t-shirt` and `tshirt`), and measures joined to their number
//! in one spelling (`6 ft`, `6ft`, `6-foot` are `6ft`; `12 fl oz` is `12oz`; `8-port` is
//! `8port`), so a length or a size asked for meets the offers that have it. Deterministic and
//! symmetric: both sides go through the same function.

/// Words that never carry meaning for matching.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "each", "for", "from", "in", "of", "on", "or", "per", "the", "to", "with", "x", "pack", "packs", "pc",
    "pcs", "piece", "pieces", "count", "ct", "set", "sets", "please", "some", "our", "my", "your", "we", "i",
];

/// Word pairs that are one term, after stemming (`usb`+`c` -> `usbc`).
const COMPOUNDS: &[(&str, &str, &str)] = &[
    // "noise cancelling" is one property, as the parser writes it ("noisecancelling").
    ("noise", "cancelling", "noisecancelling"),
    ("noise", "canceling", "noisecancelling"),
    ("usb", "c", "usbc"),
    ("type", "c", "usbc"),
    ("usb", "a", "usba"),
    ("wi", "fi", "wifi"),
    ("t", "shirt", "tshirt"),
    ("e", "reader", "ereader"),
    ("zero", "sugar", "sugarfree"),
    ("name", "tag", "nametag"),
    ("post", "it", "postit"),
    ("post", "its", "postit"),
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
    ("access", "point", "accesspoint"),
    ("table", "cloth", "tablecloth"),
    // "Un-Sweet" is unsweetened, nothing sweet.
    ("un", "sweet", "unsweetened"),
];

/// Units a number measures in, with the one spelling both sides use.
const UNITS: &[(&str, &str)] = &[
    ("ft", "ft"),
    ("feet", "ft"),
    ("foot", "ft"),
    ("oz", "oz"),
    ("ounce", "oz"),
    ("ounces", "oz"),
    ("gal", "gal"),
    ("gallon", "gal"),
    ("gallons", "gal"),
    ("lb", "lb"),
    ("lbs", "lb"),
    ("pound", "lb"),
    ("pounds", "lb"),
    ("inch", "in"),
    ("inches", "in"),
    ("mm", "mm"),
    ("cm", "cm"),
    ("m", "m"),
    ("meter", "m"),
    ("meters", "m"),
    ("ml", "ml"),
    ("l", "l"),
    ("liter", "l"),
    ("liters", "l"),
    ("g", "g"),
    ("kg", "kg"),
    ("w", "w"),
    ("watt", "w"),
    ("watts", "w"),
    ("v", "v"),
    ("mah", "mah"),
    ("gb", "gb"),
    ("tb", "tb"),
    ("port", "port"),
    ("ports", "port"),
    ("outlet", "outlet"),
    ("outlets", "outlet"),
    ("channel", "channel"),
    ("channels", "channel"),
];

fn unit(word: &str) -> Option<&'static str> {
    UNITS.iter().find(|(u, _)| *u == word).map(|(_, canon)| *canon)
}

fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// A character as plain text: a full-width form ("２４", "ＵＳＢ") as its ASCII character, the
/// ideographic space as a space, a Latin letter without its accent ("énergy" meets "energy").
pub(crate) fn plain(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => unaccented(c),
    }
}

fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        other => other,
    }
}

/// Words of `text`: runs of letters and digits (accents dropped), a decimal point or a thousands
/// separator kept inside a number (`1.5`, `10,000`).
fn words_of(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, c) in chars.iter().enumerate() {
        let inside_number = matches!(c, '.' | ',')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && word.starts_with(|c: char| c.is_ascii_digit());
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase().map(plain));
        } else if inside_number {
            if *c == '.' {
                word.push('.');
            }
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// What a snack tastes like or is eaten for, from what it is: "salty snacks" bought gummy bears,
/// the cheapest snacks, as no offer says "salty". (what it is, what that makes it)
pub(crate) const TASTES: &[(&[&str], &[&str])] = &[
    (&["chips", "pretzels", "popcorn", "crackers", "jerky", "nuts", "almonds", "salted"], &["salty", "savory", "savoury"]),
    (&["candy", "chocolate", "cookies", "gummies", "gummy", "fruit snacks"], &["sweet", "sweets"]),
    (&["granola", "oats"], &["breakfast"]),
    // "healthy snacks" bought only the one offer titled "Healthy", and nothing at all with no
    // sugar (the box holds cookies).
    (&["nuts", "almonds", "trail mix", "granola", "protein bars", "jerky", "healthy"], &["healthy"]),
];

/// Whether `word` is a taste of [`TASTES`] ("sweet", "salty"): it tells snacks apart.
pub(crate) fn is_taste(word: &str) -> bool {
    TASTES.iter().any(|(_, tastes)| tastes.contains(&word))
}

/// Garment sizes by their code, and the one term both sides use for each.
const GARMENT_SIZES: &[(&str, &str)] = &[
    ("xs", "xsmall"),
    ("s", "small"),
    ("m", "medium"),
    ("l", "large"),
    ("xl", "xlarge"),
    ("xxl", "xxlarge"),
    ("2xl", "xxlarge"),
    ("xxxl", "xxxlarge"),
    ("3xl", "xxxlarge"),
    ("4xl", "xxxxlarge"),
    ("5xl", "xxxxxlarge"),
];

/// The terms of garment sizes (`small`, `large`, `xlarge`, ...).
pub(crate) fn garment_size_terms() -> impl Iterator<Item = &'static str> {
    GARMENT_SIZES.iter().map(|(_, term)| *term)
}

/// The sizes next to size term `term` (`large` and `xxlarge` for `xlarge`): near matches, where
/// a size nobody states is none. Empty for a term that is no size.
pub(crate) fn size_neighbours(term: &str) -> impl Iterator<Item = &'static str> {
    // The terms of [`GARMENT_SIZES`] in order, each once ("xxl" and "2xl" share one).
    let known = garment_size_terms().any(|t| t == term);
    let before = garment_size_terms().take_while(|t| *t != term).last().filter(|_| known);
    let after = garment_size_terms().skip_while(|t| *t != term).find(|t| *t != term);
    before.into_iter().chain(after)
}

fn garment_size(code: &str) -> Option<&'static str> {
    GARMENT_SIZES.iter().find(|(c, _)| *c == code).map(|(_, term)| *term)
}

/// Garment sizes in one spelling: "Size L", "large", a size attribute that is just "L" and
/// "extra large", "x-large", "XL" are one term each (`large`, `xlarge`). A lone "s", "m" or "l"
/// is a size only as the whole text or after "size" ("Lay's" is no small). A range ("S-XXL",
/// "assorted sizes S/M") is no one size: it is dropped.
fn join_sizes(words: Vec<String>) -> Vec<String> {
    if let [only] = words.as_slice() {
        if let Some(term) = garment_size(only) {
            return vec![term.to_owned()];
        }
    }
    // The length of the run of size codes from `k` on.
    let codes_from = |k: usize| words.iter().skip(k).take_while(|w| garment_size(w).is_some()).count();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let said = matches!(w, "size" | "sizes");
        let run = codes_from(i + usize::from(said));
        let next = words.get(i + 1).map(String::as_str);
        // A range names sizes ("sizes S/M/L") or holds a code of letters ("S-XXL"); "M&M's" is
        // no range.
        let range = run >= 2 && (said || words.iter().skip(i).take(run).any(|w| w.len() > 1));
        if range {
            i += usize::from(said) + run;
        } else if said && run == 1 {
            out.extend(garment_size(&words[i + 1]).map(str::to_owned));
            i += 2;
        } else if let (Some(size @ ("large" | "small")), "x" | "extra" | "xx") = (next, w) {
            out.push(if w == "xx" { format!("xx{size}") } else { format!("x{size}") });
            i += 2;
        } else {
            out.push(garment_size(w).filter(|_| w.len() > 1).map_or_else(|| w.to_owned(), str::to_owned));
            i += 1;
        }
    }
    out
}

/// Joins measures to their numbers: `6 ft` -> `6ft`, `12 fl oz` -> `12oz`, `6feet` -> `6ft`.
fn join_measures(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if is_number(w) {
            let skip = usize::from(words.get(i + 1).is_some_and(|n| n == "fl"));
            // "USB-A 3.0 Ports": a version before ports, not three of them.
            let version = w.contains('.') && words.get(i + 1).is_some_and(|n| n.starts_with("port"));
            // "27 in" is inches (but "10-in-1" no measure).
            let inches = words.get(i + 1).is_some_and(|n| n == "in") && !words.get(i + 2).is_some_and(|n| is_number(n));
            let u = if inches { Some("in") } else { words.get(i + 1 + skip).and_then(|n| unit(n)).filter(|_| !version) };
            if let Some(u) = u {
                out.push(format!("{w}{u}"));
                i += 2 + skip;
                continue;
            }
        } else if let Some(split) = w.find(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|s| *s > 0) {
            if let Some(u) = unit(&w[split..]).filter(|_| is_number(&w[..split])) {
                out.push(format!("{}{u}", &w[..split]));
                i += 1;
                continue;
            }
        }
        out.push(w.clone());
        i += 1;
    }
    out
}

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
    // "extension cables" bought ethernet cables: an extension cord is one.
    ("cord", "cable"),
    ("cordless", "wireless"),
    ("earphone", "earbud"),
    ("sweatshirt", "hoodie"),
    // "4 Ubiquiti APs" bought gateways: an AP is an access point.
    ("aps", "accesspoint"),
    // "12 colored sharpies" bought black ones: "colored" met no "Assorted Colors".
    ("colored", "color"),
    ("coloured", "color"),
    ("fizzy", "sparkling"),
    ("carbonated", "sparkling"),
    // "decaf coffee" bought caffeinated cold brew: decaf is free of caffeine.
    ("decaf", "caffeinefree"),
    ("decaffeinated", "caffeinefree"),
    // "250 pens with our logo", "branded notebooks" bought blank ones: custom ones carry a logo.
    ("logo", "custom"),
    ("branded", "custom"),
    ("personalized", "custom"),
    ("personalised", "custom"),
    ("custom", "custom"),
    // "plain chips" bought Nacho Cheese Doritos: plain is the original, classic flavour.
    ("plain", "original"),
    ("classic", "original"),
    // "healthy snacks, nothing sugary" left "sugary" unread: it is sugar, as "no sugar" is.
    ("sugary", "sugar"),
];

/// A light, symmetric stemmer: strips plural endings and writes `-y`/`-ie` as `-i`, so that the
/// singular and plural forms of a word (and `hoodie`/`hoody`/`hoodies`, `battery`/`batteries`)
/// give one stem, and a word ending in `-ie` stays apart from its root (`beanies` are not
/// `beans`, `cookies` not `cooks`).
pub(crate) fn stem(word: &str) -> String {
    let w = word;
    let n = w.len();
    // "tvs", "pcs": a plural of two consonants (not "bus", "gas", "yes").
    let consonant = |b: u8| b.is_ascii_lowercase() && !b"aeiouy".contains(&b);
    if n == 3 && w.ends_with('s') && w.bytes().take(2).all(consonant) {
        return w[..2].to_owned();
    }
    if n <= 3 || w.bytes().any(|b| b.is_ascii_digit()) {
        return w.to_owned();
    }
    let cut = |k: usize| w[..n - k].to_owned();
    // "batteries" -> "batteri"; "boxes" -> "box"; "quizzes" -> "quiz" (but "prizes" and "sizes"
    // are a prize and a size plus "s")
    let base = if w.ends_with("zzes") {
        cut(3)
    } else if (w.ends_with("ies") && n > 4) || w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes") {
        cut(2)
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        w.to_owned()
    } else if w.ends_with('s') {
        cut(1)
    } else {
        w.to_owned()
    };
    // `hoodie` / `hoody` / `hoodies` -> `hoodi`; `battery` / `batteries` -> `batteri`.
    let m = base.len();
    if m > 3 && base.ends_with("ie") {
        base[..m - 1].to_owned()
    } else if m > 3 && base.ends_with('y') && !base.ends_with("ey") {
        format!("{}i", &base[..m - 1])
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

/// "nut free", "nut-free" and "no nuts" are one term, `nutfree`: what a thing is free of is not
/// what it is ("Powder-Free" gloves are not powder, "No Pulp" juice is not pulp).
fn free_of(word: &str, next: &str) -> Option<String> {
    let alphabetic = |w: &str| w.bytes().all(|b| b.is_ascii_alphabetic());
    if next == "free" && alphabetic(word) && word != "free" {
        Some(format!("{word}free"))
    } else if word == "no" && alphabetic(next) {
        Some(format!("{next}free"))
    } else {
        None
    }
}

/// The matching terms of `text`, in order (duplicates kept; callers that need a set sort and
/// dedupe).
pub(crate) fn terms(text: &str) -> Vec<String> {
    let words: Vec<String> =
        join_measures(join_sizes(words_of(text))).into_iter().filter(|w| !STOP_WORDS.contains(&w.as_str())).map(|w| stem(&w)).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let joined = words.get(i + 1).and_then(|next| {
            let listed = tables().compounds.iter().find(|(a, b, _)| *a == words[i] && b == next).map(|(_, _, to)| to.clone());
            listed.or_else(|| free_of(&words[i], next))
        });
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
    pub(crate) fn union<'a>(sets: impl IntoIterator<Item = &'a TermSet>) -> TermSet {
        let mut all: Vec<Box<str>> = sets.into_iter().flat_map(|s| s.0.iter().cloned()).collect();
        all.sort_unstable();
        all.dedup();
        TermSet(all.into_boxed_slice())
    }

    /// The terms, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|t| &**t)
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
        // Probed: "colored sharpies", "fizzy drinks", "decaf coffee", "noise cancelling" met
        // nothing of what the catalog says.
        assert_eq!(t("colored"), t("Colors"));
        assert_eq!(t("fizzy"), t("sparkling"));
        assert_eq!(t("decaf"), t("caffeine-free"));
        assert_eq!(t("noise cancelling"), t("Noise Canceling"));
        assert_eq!(t("extension cords"), t("Extension Cable"));
        assert_eq!(t("cordless keyboard"), t("Wireless Keyboard"));
        assert_eq!(t("noisecancelling"), t("noise-cancelling"));
        assert_eq!(t("USB-C hubs"), t("usb c hub"));
        assert_eq!(t("usbc hub"), t("Type-C Hub"));
        assert_eq!(t("T-Shirts"), t("tshirt"));
        assert_eq!(t("tees"), t("t-shirt"));
        assert_eq!(t("APs"), t("access points"));
        assert_eq!(t("table cloths"), t("Tablecloths"));
        assert_eq!(t("Un-Sweet Black"), t("unsweetened black"));
        assert_eq!(t("wireless access point"), ["wireless", "accesspoint"]);
        assert_eq!(t("hoodie"), t("Hoodies"));
        assert_eq!(t("battery"), t("batteries"));
        assert_eq!(t("hoody"), t("hoodies"));
        assert_ne!(t("coffee beans"), t("coffee beanies"), "a beanie is no bean");
        assert_ne!(t("cookies"), t("cooks"));
        assert_eq!(t("energy drinks"), t("Energy Drink"));
        assert_eq!(t("name tags"), t("nametags"));
        // "20 post-its" matched no offer ("its" is too short to stem).
        assert_eq!(t("post-its"), t("Post-it"));
        // "24 énergy drinks" bought bottled water: the accented word met no offer.
        assert_eq!(t("énergy drinks"), t("Energy Drinks"));
        assert_eq!(t("Café Crème"), ["cafe", "creme"]);
        assert_eq!(t("sugar-free"), t("Zero Sugar"));
        assert_eq!(t("sugar-free"), t("no sugar"));
        assert_eq!(t("Nut-Free bars"), ["nutfree", "bar"]);
        assert_eq!(t("no nuts"), ["nutfree"]);
        assert_eq!(t("Powder-Free Nitrile Gloves"), ["powderfree", "nitrile", "glove"]);
        assert_eq!(t("Tropicana No Pulp"), ["tropicana", "pulpfree"]);
        assert_eq!(t("no 2 pencils"), ["no", "2", "pencil"]);
        assert_eq!(t("boxes"), t("box"));
        // "prizes for 3 teams, a $500 prize budget" were two needs: "prizes" stemmed to "priz".
        assert_eq!(t("prizes"), t("prize"));
        assert_eq!(t("assorted sizes"), t("assorted size"));
        assert_eq!(t("quizzes"), t("quiz"));
        assert_eq!(t("switches"), t("switch"));
        assert_eq!(t("glasses"), t("glass"));
        assert_eq!(t("wireless"), vec!["wireless"]);
        assert_eq!(t("4K@60Hz"), vec!["4k", "60hz"]);
        assert_eq!(t("a pack of the cups"), t("cup"));
        assert_eq!(t("10-in-1"), vec!["10", "1"]);
        // "2 TVs" matched no TV: a word of three letters was too short to stem.
        assert_eq!(t("TVs"), t("TV"));
        assert_eq!(t("PCs"), t("pc"));
        assert_eq!(t("bus"), ["bus"]);
        assert_eq!(t("gas"), ["gas"]);
    }

    #[test]
    fn garment_sizes_meet_in_one_spelling() {
        assert_eq!(t("Gildan T-Shirts, Black, Size L, 12 Pack"), ["gildan", "tshirt", "black", "large", "12"]);
        assert_eq!(t("L"), ["large"]);
        assert_eq!(t("large"), ["large"]);
        assert_eq!(t("Size XL"), t("extra large"));
        assert_eq!(t("x-large"), ["xlarge"]);
        assert_eq!(t("XL"), ["xlarge"]);
        assert_eq!(t("2XL"), t("xx-large"));
        assert_eq!(t("size m"), ["medium"]);
        assert_eq!(t("Assorted Sizes S-XXL"), ["assorted"]);
        assert_eq!(t("S-XXL assorted"), ["assorted"]);
        assert_eq!(t("sizes S/M/L"), Vec::<String>::new());
        assert_eq!(t("Lay's Classic"), ["lay", "s", "original"], "a lone s is no size");
        assert_eq!(t("M&M's"), ["m", "m", "s"], "nor is M&M's a range of sizes");
        assert_eq!(t("3 m"), ["3m"], "metres stay a measure");
    }

    #[test]
    fn measures_meet_in_one_spelling() {
        assert_eq!(t("6 ft"), vec!["6ft"]);
        assert_eq!(t("6ft"), t("6-foot"));
        assert_eq!(t("Cat6 Ethernet Cable, 25 ft"), vec!["cat6", "ethernet", "cable", "25ft"]);
        assert_eq!(t("8.4 fl oz Cans"), vec!["8.4oz", "can"]);
        assert_eq!(t("42 Gallon"), t("42 gal"));
        assert_eq!(t("8-port"), t("8 Ports"));
        assert_eq!(t("10,000 mAh"), vec!["10000mah"]);
        assert_eq!(t("HDMI 2.1"), vec!["hdmi", "2.1"]);
        assert_ne!(t("3 ft"), t("6 ft"));
        // Inches said "in"; a version before ports is no count of them.
        assert_eq!(t("27 in"), t("27 inch"));
        assert_eq!(t("4-in-1"), vec!["4", "1"].into_iter().map(String::from).collect::<Vec<_>>());
        assert_eq!(t("4 USB-A 3.0 Ports"), vec!["4", "usb", "3.0", "port"]);
    }

    #[test]
    fn sets_answer_membership() {
        let s = TermSet::of(["Anker USB-C Hub, 4-in-1", "usb-c hub"]);
        assert!(s.contains("usbc") && s.contains("hub") && s.contains("anker"));
        assert!(!s.contains("hdmi"));
        let u = TermSet::union([&s, &TermSet::of(["HDMI adapter"])]);
        assert!(u.contains("hdmi") && u.contains("hub"));
    }

    #[test]
    fn a_size_next_to_another_is_a_near_match() {
        let near = |t: &str| size_neighbours(t).collect::<Vec<_>>();
        assert_eq!(near("xlarge"), ["large", "xxlarge"]);
        assert_eq!(near("xsmall"), ["small"]);
        assert_eq!(near("xxxxxlarge"), ["xxxxlarge"]);
        assert!(near("nuts").is_empty());
    }
}
