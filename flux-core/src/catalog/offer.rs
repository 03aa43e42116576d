//! Vendors and their offers, and the rules for an offer's tags and attributes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::CatalogError;
use crate::money::Amount;

/// Most tags one offer may carry.
pub const MAX_TAGS: usize = 32;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 64;
/// Most attributes one offer may carry.
pub const MAX_ATTRIBUTES: usize = 24;
/// Longest attribute key, in characters (`[a-z0-9_]`).
pub const MAX_ATTRIBUTE_KEY_CHARS: usize = 32;
/// Longest attribute value, in characters.
pub const MAX_ATTRIBUTE_VALUE_CHARS: usize = 128;

/// A volume discount: buying at least `min_packs` of one offer takes `discount_bps` off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeTier {
    /// Packs of one offer needed for the tier.
    pub min_packs: u32,
    /// Discount in basis points (100 = 1%).
    pub discount_bps: u32,
}

/// A vendor promotion on a category (or on all its offers when `category` is absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    /// Stable id.
    pub id: String,
    /// What people see ("Back-to-school snacks 8% off").
    pub label: String,
    /// Category it applies to; `None` for all of the vendor's offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Discount in basis points.
    pub discount_bps: u32,
}

/// A retailer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Stable id (`amazon`, `walmart`, `tech_direct`): the `vendor_id` of cart lines and the key of
    /// the policy's merchant registry.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Trust score, 0..=100.
    pub trust_score: u8,
    /// Volume tiers, any order.
    #[serde(default)]
    pub volume_tiers: Vec<VolumeTier>,
    /// Promotions.
    #[serde(default)]
    pub promotions: Vec<Promotion>,
}

/// One thing for sale: a pack of `pack_size` units at `price`.
///
/// `tags` and `attributes` say what the thing is, so a need can be matched to an item and not
/// only to a category: `"energy drink"` and `"sugar-free"`, `brand = "Red Bull"`,
/// `size = "12 fl oz"`. Both are empty by default and left out of the JSON form when empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// Unique id across all merged catalogs.
    pub id: String,
    /// The vendor selling it.
    pub vendor_id: String,
    /// Category id.
    pub category: String,
    /// Product name.
    pub name: String,
    /// Price of one pack, in USDC.
    pub price: Amount,
    /// Units per pack (cans in a case, badges in a box).
    pub pack_size: u32,
    /// Days to deliver.
    pub delivery_days: u32,
    /// Packs in stock.
    pub stock: u32,
    /// Lowercase phrases naming what it is (`"energy drink"`, `"usb-c hub"`, `"red bull"`,
    /// `"sugar-free"`), most telling first. At most [`MAX_TAGS`] of at most [`MAX_TAG_CHARS`]
    /// characters; a catalog stores them trimmed, lowercased and without repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Facts about it (`brand`, `size`, `color`, `flavor`, `ports`, `resolution`, `wattage`,
    /// `length`). At most [`MAX_ATTRIBUTES`]; keys are 1-32 characters of `a-z 0-9 _`, values
    /// 1-128 characters. `contains` lists what is in it (`"peanuts, milk"`): a need that rules
    /// one of those out ("snacks without nuts") never buys it, and no need is matched by it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Offer {
    /// Packs needed for `units`, rounded up.
    pub fn packs_for(&self, units: u32) -> u32 {
        units.div_ceil(self.pack_size.max(1))
    }

    /// Whether a tag equals `tag` (compared lowercased and trimmed).
    pub fn has_tag(&self, tag: &str) -> bool {
        let tag = tag.trim().to_lowercase();
        self.tags.contains(&tag)
    }
}

pub(crate) fn invalid(item: &str, reason: impl Into<String>) -> CatalogError {
    CatalogError::Invalid { item: item.chars().take(80).collect(), reason: reason.into() }
}

/// Tags trimmed, lowercased and deduplicated (first occurrence kept), or why they are invalid.
pub(crate) fn normalize_tags(id: &str, tags: Vec<String>) -> Result<Vec<String>, CatalogError> {
    if tags.len() > MAX_TAGS {
        return Err(invalid(id, format!("at most {MAX_TAGS} tags")));
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() || tag.chars().count() > MAX_TAG_CHARS {
            return Err(invalid(id, format!("tags are 1-{MAX_TAG_CHARS} characters")));
        }
        if tag.chars().any(char::is_control) {
            return Err(invalid(id, "tags may not contain control characters"));
        }
        if seen.insert(tag.clone()) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Whether `key` is 1-32 characters of `a-z 0-9 _`.
pub(crate) fn is_attribute_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_ATTRIBUTE_KEY_CHARS
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks attributes (keys are not rewritten: a key with capitals is an error, not a new key).
/// Values are trimmed.
pub(crate) fn normalize_attributes(id: &str, attributes: BTreeMap<String, String>) -> Result<BTreeMap<String, String>, CatalogError> {
    if attributes.len() > MAX_ATTRIBUTES {
        return Err(invalid(id, format!("at most {MAX_ATTRIBUTES} attributes")));
    }
    let mut out = BTreeMap::new();
    for (key, value) in attributes {
        if !is_attribute_key(&key) {
            return Err(invalid(
                id,
                format!(
                    "attribute key {:?} must be 1-{MAX_ATTRIBUTE_KEY_CHARS} characters of a-z, 0-9, _",
                    key.chars().take(40).collect::<String>()
                ),
            ));
        }
        let value = value.trim();
        if value.is_empty() || value.chars().count() > MAX_ATTRIBUTE_VALUE_CHARS {
            return Err(invalid(id, format!("attribute {key:?}: values are 1-{MAX_ATTRIBUTE_VALUE_CHARS} characters")));
        }
        if value.chars().any(char::is_control) {
            return Err(invalid(id, format!("attribute {key:?}: values may not contain control characters")));
        }
        out.insert(key, value.to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn tags_are_trimmed_lowercased_and_deduplicated_in_order() {
        let tags = normalize_tags("o", strings(&["  Energy Drink ", "Red Bull", "energy drink", "SUGAR-FREE", "red bull"])).unwrap();
        assert_eq!(tags, ["energy drink", "red bull", "sugar-free"]);
        assert_eq!(normalize_tags("o", vec![]).unwrap(), Vec::<String>::new());
        // Non-ASCII letters lowercase too; 64 characters (not bytes) is the limit.
        let long = "é".repeat(MAX_TAG_CHARS);
        assert_eq!(normalize_tags("o", vec![long.to_uppercase()]).unwrap(), [long]);
    }

    #[test]
    fn bad_tags_are_typed_errors() {
        let too_many: Vec<String> = (0..=MAX_TAGS).map(|i| format!("tag {i}")).collect();
        let cases = [
            too_many,
            strings(&["ok", ""]),
            strings(&["   "]),
            vec!["x".repeat(MAX_TAG_CHARS + 1)],
            strings(&["line\nbreak"]),
            strings(&["nul\u{0}"]),
            strings(&["bell\u{7}"]),
            strings(&["c1 \u{85} control"]),
        ];
        for tags in cases {
            let err = normalize_tags("offer-1", tags.clone()).unwrap_err();
            assert_eq!(err.code(), "INVALID_CATALOG", "{tags:?}");
            assert!(err.to_string().contains("offer-1"), "{err}");
        }
        // 32 are fine; the limit counts the tags given, before repeats collapse.
        let max: Vec<String> = (0..MAX_TAGS).map(|i| format!("tag {i}")).collect();
        assert_eq!(normalize_tags("o", max).unwrap().len(), MAX_TAGS);
        assert!(normalize_tags("o", vec!["same".to_owned(); MAX_TAGS + 1]).is_err());
    }

    #[test]
    fn attributes_are_checked_and_values_trimmed() {
        let attrs: BTreeMap<String, String> =
            [("brand", " Red Bull "), ("size", "12 fl oz"), ("pack_count_2", "24")].map(|(k, v)| (k.to_owned(), v.to_owned())).into();
        let out = normalize_attributes("o", attrs).unwrap();
        assert_eq!(out["brand"], "Red Bull");
        assert_eq!(out.len(), 3);

        let one = |k: &str, v: &str| BTreeMap::from([(k.to_owned(), v.to_owned())]);
        let too_many: BTreeMap<String, String> = (0..=MAX_ATTRIBUTES).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        let cases = [
            too_many,
            one("Brand", "x"),
            one("", "x"),
            one("has space", "x"),
            one("dash-key", "x"),
            one("ключ", "x"),
            one(&"k".repeat(MAX_ATTRIBUTE_KEY_CHARS + 1), "x"),
            one("color", ""),
            one("color", "   "),
            one("color", &"v".repeat(MAX_ATTRIBUTE_VALUE_CHARS + 1)),
            one("color", "red\tblue"),
            one("color", "red\u{1b}[31m"),
        ];
        for attrs in cases {
            let err = normalize_attributes("o", attrs.clone()).unwrap_err();
            assert_eq!(err.code(), "INVALID_CATALOG", "{attrs:?}");
        }
        assert!(normalize_attributes("o", one(&"k".repeat(MAX_ATTRIBUTE_KEY_CHARS), &"v".repeat(MAX_ATTRIBUTE_VALUE_CHARS))).is_ok());
    }

    #[test]
    fn has_tag_ignores_case_and_padding() {
        let offer = Offer {
            id: "o".into(),
            vendor_id: "v".into(),
            category: "drinks".into(),
            name: "Red Bull".into(),
            price: Amount::ONE,
            pack_size: 1,
            delivery_days: 1,
            stock: 1,
            tags: strings(&["energy drink"]),
            attributes: BTreeMap::new(),
        };
        assert!(offer.has_tag(" Energy Drink"));
        assert!(!offer.has_tag("energy"));
    }
}
