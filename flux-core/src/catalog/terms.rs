//! What an offer says it is, as matching terms ([`OfferTerms`]): computed once when a catalog is
//! loaded and kept beside the offer, so ranking a need never re-reads offer text.

use std::sync::OnceLock;

use super::Offer;
use crate::terms::{garment_size_terms, terms, TermSet, TASTES};

/// What an offer says it is: all its terms, and the heads of its product tags and name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OfferTerms {
    /// Every term of its name, tags and attribute values.
    pub(crate) all: TermSet,
    /// What it is: the last term of its name (up to the first comma) and of each product tag.
    pub(crate) heads: TermSet,
    /// The garment size its `size` attribute states (`large` for "L"), if it states one.
    pub(crate) size: Option<Box<str>>,
    /// The colours its `color` attribute states (none for "Assorted"): [`crate::colours`].
    pub(crate) colours: Box<[&'static str]>,
    /// The terms of its name up to the first comma (what it is, before its specs): the
    /// connectors of "USB-C to USB-C Cable, USB 3.2" are USB-C only.
    pub(crate) name: TermSet,
    /// What it is, by its name: the last term of [`name_head`], before a colon ("holder" of
    /// "Clear PVC Badge Holders, Horizontal", "kit" of "Conference Badge Kit: 4 x 3 in Holders").
    pub(crate) what: Box<str>,
    /// What its `contains` attribute says is in it ("peanuts, milk"): what rules it out of a
    /// need, never what it is (a candy mix that contains peanuts is no bag of peanuts).
    pub(crate) contains: TermSet,
}

/// The part of an offer's name that says what it is: up to the first comma, and before what it
/// comes with ("Projection Screen with Stand" is a screen, "Drone with 3-Axis Gimbal Camera" a
/// drone).
fn name_head(name: &str) -> &str {
    let head = first_part(name);
    // (" with " is ASCII: where it starts is a character boundary.)
    head.as_bytes().windows(6).position(|w| w.eq_ignore_ascii_case(b" with ")).map_or(head, |i| &head[..i])
}

/// An offer's name up to its first comma.
fn first_part(name: &str) -> &str {
    name.split(',').next().unwrap_or_default()
}

/// [`TASTES`] as terms, made once: every offer of every catalog loaded is read against them.
fn taste_terms() -> &'static [(Vec<Vec<String>>, TermSet)] {
    static TERMS: OnceLock<Vec<(Vec<Vec<String>>, TermSet)>> = OnceLock::new();
    TERMS.get_or_init(|| {
        TASTES.iter().map(|(what, taste)| (what.iter().map(|w| terms(w)).collect(), TermSet::of(taste.iter().copied()))).collect()
    })
}

/// How many ports an offer's `ports` attribute lists ("2x USB-C, 2x USB-A, 2x AC": six, "10x
/// USB": ten), as the measure term the ranking reads as a minimum ("6port"): a station that
/// counts its ports as a list states them as surely as a "10-Port" name does (a 6-in-1 was
/// bought for "a 12 port charging station", as if it stated none).
fn ports(offer: &Offer) -> Option<String> {
    let count = |part: &str| part.trim().split_once(['x', 'X']).and_then(|(n, _)| n.parse::<u32>().ok()).unwrap_or(1);
    let listed: u32 = offer.attributes.get("ports")?.split(',').map(count).sum();
    Some(format!("{listed}port"))
}

/// The attribute that lists what is in an offer.
const CONTAINS: &str = "contains";

impl OfferTerms {
    /// The terms of an offer's name, tags and attribute values; the heads of its name (up to the
    /// first comma, before what it comes "with": [`name_head`]) and of its tags that are not one
    /// of its attribute values. A tag that repeats an attribute says what the offer is like (its
    /// brand "CLIF BAR", its flavor "chocolate chip", its colour), not what it is: CLIF bars are
    /// not chips.
    pub(crate) fn of(offer: &Offer) -> OfferTerms {
        let facts = || offer.attributes.iter().filter(|(k, _)| *k != CONTAINS).map(|(_, v)| v.as_str());
        let described: Vec<Vec<String>> = facts().map(terms).collect();
        let texts = std::iter::once(offer.name.as_str()).chain(offer.tags.iter().map(String::as_str)).chain(facts());
        let mut all = TermSet::of(texts.chain(ports(offer).as_deref()));
        // What is vegan is vegetarian: an offer labelled vegan meets a vegetarian need.
        if all.contains("vegan") {
            all = TermSet::union([&all, &TermSet::of(["vegetarian"])]);
        }
        for (what, taste) in taste_terms() {
            if what.iter().any(|w| w.iter().all(|t| all.contains(t))) {
                all = TermSet::union([&all, taste]);
            }
        }
        let what = name_head(&offer.name);
        let product_tags = offer.tags.iter().map(String::as_str).filter(|t| !described.contains(&terms(t)));
        let heads: Vec<String> = std::iter::once(what).chain(product_tags).filter_map(|t| terms(t).pop()).collect();
        let size = offer
            .attributes
            .get("size")
            .map(|v| terms(v))
            .and_then(|t| match t.as_slice() {
                [one] => garment_size_terms().find(|g| g == one),
                _ => None,
            })
            .map(Box::from);
        let contains = TermSet::of(offer.attributes.get(CONTAINS).map(String::as_str));
        let name = TermSet::of([first_part(&offer.name)]);
        let colours = crate::colours::stated(offer.attributes.get("color").or(offer.attributes.get("colour")).map(String::as_str));
        // ("Conference Badge Kit: 4 x 3 in Holders" is a kit)
        let what = terms(what.split(':').next().unwrap_or(what)).pop().unwrap_or_default().into();
        OfferTerms { all, heads: TermSet::of(heads.iter().map(String::as_str)), size, colours, contains, name, what }
    }
}
