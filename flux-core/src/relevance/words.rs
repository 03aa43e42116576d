//! The word lists relevance reads: what a word before a thing's name says of it (a form it is
//! sold in, how or where it is used, what it is made for), what a diet forbids, and what ruling a
//! word out rules out with it. Each list is read as matching terms ([`crate::terms`]), made once.

use crate::terms::terms;

/// Connectors that end a cable or an adapter, for an item "X to Y" ([`super::Query::ends`]). USB-A is
/// the term `usb` ("a" is no term).
const CONNECTORS: &[&str] = &["usb-c", "usb", "hdmi", "displayport", "vga", "dvi", "lightning", "ethernet"];

/// Heads of things that connect others, whose connectors say which kind they are: a "vga cable"
/// is no ethernet cable, an "hdmi switch" no network switch (an "hdmi monitor" is a monitor).
const CONNECTING_HEADS: &[&str] = &["cable", "cord", "adapter", "adaptor", "hub", "dock", "switch", "splitter", "extender", "converter"];

/// Heads of things that hold another thing rather than being it: a "badge holder" is no badge,
/// a "laptop sleeve" no laptop (not "stand": a sanitizer floor stand is the sanitizer station).
const HOLDERS: &[&str] = &["holder", "case", "sleeve", "mount", "bracket", "rack", "strap", "riser"];

/// Heads of things made for another thing besides [`HOLDERS`]: a "monitor stand", a "camera
/// tripod", a "laptop charger" (not a "projector remote", which is the presentation remote, nor
/// refills and covers of a thing, which are that thing).
const MADE_FOR_HEADS: &[&str] = &["stand", "arm", "charger", "dock", "tripod", "protector"];

/// Heads of what holds a thing sold in it: a "juice box" is juice, a "coffee box" coffee (a box
/// of juice is no box of coffee).
const CONTAINERS: &[&str] = &["box", "bag", "bottle", "can", "jar", "carton", "crate", "tin", "tub", "pouch", "jug", "bucket"];

pub(super) fn connector_terms() -> &'static [String] {
    static TERMS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TERMS.get_or_init(|| {
        let mut all: Vec<String> = CONNECTORS.iter().filter_map(|c| terms(c).pop()).collect();
        all.dedup();
        all
    })
}

/// Animals a thing can be made for: "dog food", "cat treats", "pet snacks" are for them, however
/// the words around them read like an occasion's ("hackathon snacks"). Not fish, which people eat
/// ("fish tacos", Swedish Fish).
const ANIMALS: &[&str] =
    &["pet", "pets", "dog", "dogs", "puppy", "puppies", "cat", "cats", "kitten", "kittens", "bird", "birds", "hamster", "rabbit", "horse"];

/// Words for the form a thing is sold in, before it: "ground coffee", "instant coffee", "whole
/// bean coffee", "powdered gatorade". Another form than the offers with the head are is another
/// product: a can of cold brew is no bag of ground coffee.
const FORMS: &[&str] = &["ground", "instant", "bean", "powdered", "powder", "concentrate", "frozen", "dried"];

/// Words for how a thing is used, before it: a "solar" charger, a "curved", "ultrawide" or
/// "touchscreen" monitor, "duct", "masking", "packing" or "gaffer" tape; and for the occasion
/// or job a thing is made for: "party", "santa", "cowboy", "bucket" or "trucker" hats, "hard"
/// hats (and hard seltzer), "safety" glasses. No offer with the head that says it: another
/// product (a power bank is no solar charger, Scotch Magic Tape no duct tape, a knit beanie no
/// party hat). Not "portable", "wireless" ("cordless") or "smart": catalogs say them of few of
/// the things that are so (a folding table is portable, AirPods are wireless).
const USES: &[&str] = &[
    "solar",
    "curved",
    "ultrawide",
    "touchscreen",
    "duct",
    "masking",
    "packing",
    "gaffer",
    "party",
    "santa",
    "cowboy",
    "bucket",
    "trucker",
    "hard",
    "safety",
];

/// Words for where a thing is used, as [`USES`]: a "wall" or "car" charger. Said of what is eaten
/// or drunk, they say where, not which kind ("car snacks" are snacks).
const PLACES: &[&str] = &["wall", "car"];

/// Words for what is eaten or drunk served hot: said of a whole category ("hot drinks", "hot
/// snacks"), they name another kind; said of an item, they rule out its offers sold [`COLD`]
/// (canned cold brew is no "hot coffee"), and are a flavor otherwise ("hot cheetos"). Of other
/// things they name no kind ("hot desks" are desks).
const SERVED: &[&str] = &["hot", "warm"];

/// Words of an offer sold cold, against [`SERVED`].
pub(super) const COLD: &[&str] = &["cold", "iced", "chilled"];

/// The word lists the query reads, as matching terms: made once, on first use.
pub(super) struct WordTerms {
    /// [`FORMS`].
    pub(super) forms: Vec<String>,
    /// [`USES`].
    pub(super) uses: Vec<String>,
    /// [`PLACES`].
    pub(super) places: Vec<String>,
    /// [`SERVED`].
    pub(super) served: Vec<String>,
    /// [`CERTIFIED`].
    pub(super) certified: Vec<String>,
    /// [`CONNECTING_HEADS`].
    pub(super) connecting_heads: Vec<String>,
    /// [`HOLDERS`].
    pub(super) holders: Vec<String>,
    /// [`HOLDERS`] and [`MADE_FOR_HEADS`].
    pub(super) made_for_heads: Vec<String>,
    /// [`CONTAINERS`].
    pub(super) containers: Vec<String>,
    /// `intent::DEVICES`.
    pub(super) devices: Vec<String>,
    /// [`ANIMALS`].
    pub(super) animals: Vec<String>,
}

pub(super) fn word_terms() -> &'static WordTerms {
    static TERMS: std::sync::OnceLock<WordTerms> = std::sync::OnceLock::new();
    TERMS.get_or_init(|| {
        let of = |words: &[&str]| words.iter().filter_map(|w| terms(w).pop()).collect();
        WordTerms {
            forms: of(FORMS),
            uses: of(USES),
            places: of(PLACES),
            served: of(SERVED),
            certified: of(CERTIFIED),
            connecting_heads: of(CONNECTING_HEADS),
            holders: of(HOLDERS),
            made_for_heads: of(&[HOLDERS, MADE_FOR_HEADS].concat()),
            containers: of(CONTAINERS),
            devices: of(crate::intent::DEVICES),
            animals: of(ANIMALS),
        }
    })
}

/// What a diet ([`crate::intent::DIETS`]) forbids, as an offer's name, tags or `contains` would
/// say it: where the category labels no offer with the diet, an offer that has one of these is
/// known not to keep it (HARIBO gummy bears are gelatin; beef jerky not said to be halal is not).
pub(super) const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "vegan",
        &["gelatin", "beef", "pork", "bacon", "ham", "lard", "chicken", "turkey", "fish", "shellfish", "milk", "dairy", "eggs", "honey"],
    ),
    ("vegetarian", &["gelatin", "beef", "pork", "bacon", "ham", "lard", "chicken", "turkey", "fish", "shellfish"]),
    ("kosher", &["gelatin", "pork", "bacon", "ham", "lard", "shellfish", "beef", "chicken", "turkey"]),
    ("halal", &["gelatin", "pork", "bacon", "ham", "lard", "alcohol", "wine", "beer", "beef", "chicken", "turkey"]),
];

/// Certifications: an offer has one only where its labels say so. Required where the category
/// labels some offer with it; where it labels none, nothing is known to have it ("organic
/// snacks" are not gummy bears).
const CERTIFIED: &[&str] = &["organic"];

/// Words whose "-free" means without the need of it, not without it in the product: "hands-free",
/// "hassle-free", "tool-free", "duty-free".
pub(super) const WITHOUT_NEED_OF: &[&str] = &[
    "hands",
    "touch",
    "hassle",
    "worry",
    "care",
    "tool",
    "maintenance",
    "key",
    "tax",
    "duty",
    "toll",
    "fee",
    "cost",
    "charge",
    "risk",
    "stress",
    "trouble",
    "tangle",
    "spill",
    "drip",
    "clog",
    "jam",
    "lag",
];

/// What ruling a word out rules out with it, as allergy lists read it: "no nuts" is no peanuts
/// and no tree nuts either (Snickers, Nutter Butter, RXBARs); "no peanuts" and "no tree nuts"
/// are nothing said to be nuts either, for nuts of an unnamed kind may be those ("Chips, Bars,
/// Nuts & Cookies"; almonds tagged "nuts" go too); "no dairy" no milk or cheese; "no gluten" no
/// wheat, barley, rye or oats (oats not labelled gluten-free are not safe for a gluten allergy);
/// "no caffeine" nothing caffeinated; "no sugar" nothing sweet (candy, cookies, fruit snacks:
/// [`crate::terms::TASTES`]).
const KINDS: &[(&str, &[&str])] = &[
    ("nuts", &["peanuts", "almonds", "cashews", "walnuts", "pecans", "pistachios", "hazelnuts", "macadamias"]),
    ("peanuts", &["nuts"]),
    ("gluten", &["wheat", "barley", "rye", "oats"]),
    ("tree nuts", &["nuts", "almonds", "cashews", "walnuts", "pecans", "pistachios", "hazelnuts", "macadamias"]),
    ("dairy", &["milk", "cheese", "cheddar", "cream", "yogurt", "whey"]),
    ("caffeine", &["caffeinated"]),
    ("sugar", &["sweet"]),
];

/// The terms that ruling out `out` (the terms of what was said) rules out too ([`KINDS`]).
pub(super) fn kinds_of(out: &[String]) -> &'static [String] {
    static TABLE: std::sync::OnceLock<Vec<(Vec<String>, Vec<String>)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| KINDS.iter().map(|(of, kinds)| (terms(of), kinds.iter().flat_map(|k| terms(k)).collect())).collect());
    table.iter().find(|(of, _)| of.as_slice() == out).map_or(&[], |(_, kinds)| kinds.as_slice())
}

/// Terms that say nothing of what a ruled-out thing is ("no sweet stuff", "no sugary ones").
pub(crate) const VAGUE: &[&str] = &["stuff", "thing", "item", "one", "kind", "type", "option", "food", "snack"];
