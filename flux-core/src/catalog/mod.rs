//! Offers from retailers.
//!
//! A [`Catalog`] yields [`CatalogData`]: vendors (with trust scores and discount rules), offers,
//! and category definitions. [`EmbeddedCatalog`] ships in the crate (Amazon, Walmart, TechData);
//! [`CatalogData::from_json`] loads and validates a user's own file; several merge with
//! [`CatalogData::merge`].

mod embedded;
mod feed;
#[cfg(feature = "http-catalog")]
mod http;
mod offer;
mod rental;
mod terms;
mod wire;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::future::BoxFuture;
use crate::intent::{TagStats, Vocabulary};
use crate::money::Amount;

pub use embedded::EmbeddedCatalog;
pub use feed::{
    parse_feed, parse_google_tsv, parse_google_xml, parse_shopify_products, FeedConfig, FeedFormat, FeedImport, SkipReason, SkippedProduct,
    MAX_FEED_BYTES, MAX_FEED_PRODUCTS,
};
#[cfg(feature = "http-catalog")]
pub use http::{HttpCatalog, HttpCatalogConfig, HttpSource};
use offer::{invalid, normalize_attributes, normalize_tags};
pub use offer::{
    Offer, Promotion, Vendor, VolumeTier, MAX_ATTRIBUTES, MAX_ATTRIBUTE_KEY_CHARS, MAX_ATTRIBUTE_VALUE_CHARS, MAX_TAGS, MAX_TAG_CHARS,
};
pub(crate) use rental::{for_days, listed_id, stay_of};
pub(crate) use terms::OfferTerms;

/// Most offers one catalog may hold.
pub const MAX_OFFERS: usize = 1_000_000;
/// Longest delivery time accepted in a catalog, in days.
pub const MAX_DELIVERY_DAYS: u32 = 365;

/// Why a catalog is invalid or could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// Not JSON of the catalog's shape.
    #[error("malformed catalog: {reason}")]
    Malformed {
        /// Parser's explanation.
        reason: String,
    },
    /// A field has an invalid value.
    #[error("invalid catalog entry {item:?}: {reason}")]
    Invalid {
        /// Offer or vendor id.
        item: String,
        /// What is wrong.
        reason: String,
    },
    /// Two offers or vendors share an id.
    #[error("duplicate id {id:?} in catalog")]
    Duplicate {
        /// The id.
        id: String,
    },
    /// Reading the catalog failed.
    #[error("could not load catalog: {reason}")]
    Unavailable {
        /// Secret-free reason.
        reason: String,
    },
    /// A feed or an answer is larger than its limit ([`MAX_FEED_BYTES`], [`MAX_FEED_PRODUCTS`],
    /// an HTTP catalog's `max_bytes`).
    #[error("{what} over the limit of {limit}")]
    TooLarge {
        /// What was counted (`"feed bytes"`, `"products"`, `"response bytes"`).
        what: &'static str,
        /// The limit.
        limit: u64,
    },
    /// A feed prices in a currency other than USD or USDC.
    #[error("unsupported currency {currency:?}: prices must be in USD or USDC")]
    UnsupportedCurrency {
        /// The currency code (truncated).
        currency: String,
    },
    /// A catalog server answered with an error status.
    #[error("catalog server {origin} answered HTTP {status}")]
    HttpStatus {
        /// `scheme://host[:port]` of the server (never a path, query or credentials).
        origin: String,
        /// The status code.
        status: u16,
    },
    /// A catalog server did not answer in time.
    #[error("catalog server {origin} did not answer within {after_ms} ms")]
    Timeout {
        /// `scheme://host[:port]` of the server.
        origin: String,
        /// The time limit that ran out.
        after_ms: u64,
    },
    /// A catalog source is configured wrongly (an HTTP catalog's URL or limits).
    #[error("invalid catalog configuration: {reason}")]
    Config {
        /// What is wrong (secret-free).
        reason: String,
    },
}

impl CatalogError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            CatalogError::Malformed { .. } => "MALFORMED_CATALOG",
            CatalogError::Invalid { .. } => "INVALID_CATALOG",
            CatalogError::Duplicate { .. } => "DUPLICATE_CATALOG_ID",
            CatalogError::Unavailable { .. } => "CATALOG_UNAVAILABLE",
            CatalogError::TooLarge { .. } => "CATALOG_TOO_LARGE",
            CatalogError::UnsupportedCurrency { .. } => "UNSUPPORTED_CURRENCY",
            CatalogError::HttpStatus { .. } => "CATALOG_HTTP_STATUS",
            CatalogError::Timeout { .. } => "CATALOG_TIMEOUT",
            CatalogError::Config { .. } => "INVALID_CATALOG_CONFIG",
        }
    }
}

/// Validated catalog contents, indexed by category and by offer id, with every offer's matching
/// terms (its name, tags and attribute values; see `relevance`) computed once.
#[derive(Debug, Clone, Default)]
pub struct CatalogData {
    vendors: BTreeMap<String, Arc<Vendor>>,
    by_category: BTreeMap<String, Vec<Arc<Offer>>>,
    vocabulary: Vocabulary,
    /// Every offer by id, with its matching terms: quote checks and cart edits look offers up
    /// by id on every call.
    by_id: HashMap<String, (Arc<Offer>, Arc<OfferTerms>)>,
}

fn check_id(id: &str) -> Result<(), CatalogError> {
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')) {
        return Err(invalid(id, "ids are 1-64 characters of A-Z a-z 0-9 _ - ."));
    }
    Ok(())
}

impl CatalogData {
    /// Parses and validates a catalog document:
    /// `{"categories": [...]?, "vendors": [...], "offers": [...]}`. Categories not defined in the
    /// file must exist in the embedded vocabulary.
    pub fn from_json(json: &str) -> Result<CatalogData, CatalogError> {
        wire::catalog_from_json(json)
    }

    /// Builds a catalog from parts, validating every vendor and offer. Offers' tags are stored
    /// trimmed, lowercased and without repeats; tags and attributes over their limits, empty or
    /// with control characters are `INVALID_CATALOG` errors. The vocabulary it hands a parser
    /// ([`CatalogData::vocabulary`]) also knows its offers' tags, so the offline parser reads
    /// the names they give ("Red Bull", "snack box") as items.
    pub fn new(vendors: Vec<Vendor>, offers: Vec<Offer>, vocabulary: Vocabulary) -> Result<CatalogData, CatalogError> {
        if offers.len() > MAX_OFFERS {
            return Err(invalid("offers", format!("at most {MAX_OFFERS} offers")));
        }
        let mut data = CatalogData { vocabulary, ..CatalogData::default() };
        for v in vendors {
            check_id(&v.id)?;
            if v.trust_score > 100 {
                return Err(invalid(&v.id, "trust_score must be 0..=100"));
            }
            if v.name.trim().is_empty() {
                return Err(invalid(&v.id, "vendor name is empty"));
            }
            if v.volume_tiers.iter().any(|t| t.discount_bps > 5_000 || t.min_packs == 0)
                || v.promotions.iter().any(|p| p.discount_bps > 5_000)
            {
                return Err(invalid(&v.id, "discounts are at most 5000 bps (50%) and tiers need min_packs >= 1"));
            }
            if data.vendors.contains_key(&v.id) {
                return Err(CatalogError::Duplicate { id: v.id });
            }
            data.vendors.insert(v.id.clone(), Arc::new(v));
        }
        let mut ids = BTreeSet::new();
        for mut o in offers {
            data.validate_offer(&o)?;
            o.tags = normalize_tags(&o.id, std::mem::take(&mut o.tags))?;
            o.attributes = normalize_attributes(&o.id, std::mem::take(&mut o.attributes))?;
            if !ids.insert(o.id.clone()) {
                return Err(CatalogError::Duplicate { id: o.id });
            }
            data.by_category.entry(o.category.clone()).or_default().push(Arc::new(o));
        }
        for list in data.by_category.values_mut() {
            list.sort_by(|a, b| a.id.cmp(&b.id));
        }
        for offer in data.by_category.values().flatten() {
            data.by_id.insert(offer.id.clone(), (offer.clone(), Arc::new(OfferTerms::of(offer))));
        }
        let tags = data.tag_stats();
        data.vocabulary.set_catalog_tags(tags);
        data.vocabulary.set_merchants(data.merchant_names());
        Ok(data)
    }

    /// What the offers' tags say, for the parser to read item names by (`intent::phrases`):
    /// per tag, the offers of each category that carry it and whether it is one's brand. A
    /// vendor's name is where to buy, not what, so it is left out.
    fn tag_stats(&self) -> BTreeMap<String, TagStats> {
        let vendors: BTreeSet<String> = self.vendors.values().flat_map(|v| [v.id.to_lowercase(), v.name.to_lowercase()]).collect();
        let mut stats: BTreeMap<String, TagStats> = BTreeMap::new();
        for o in self.offers() {
            let brand = o.attributes.get("brand").map(|b| b.to_lowercase());
            for t in &o.tags {
                if vendors.contains(t) {
                    continue;
                }
                let s = stats.entry(t.clone()).or_default();
                *s.offers.entry(o.category.clone()).or_default() += 1;
                s.brand |= brand.as_deref() == Some(t.as_str());
                s.note_made(o.tags.iter().map(String::as_str).filter(|other| *other != t));
            }
        }
        stats
    }

    /// Every vendor as (id, name), by id: the merchants a prompt may name.
    fn merchant_names(&self) -> Vec<(String, String)> {
        self.vendors.values().map(|v| (v.id.clone(), v.name.clone())).collect()
    }

    /// The matching terms of an offer of this catalog (computed when it was loaded).
    pub(crate) fn offer_terms(&self, offer_id: &str) -> Option<&OfferTerms> {
        self.by_id.get(listed_id(offer_id)).map(|(_, t)| &**t)
    }

    fn validate_offer(&self, o: &Offer) -> Result<(), CatalogError> {
        check_id(&o.id)?;
        if !self.vendors.contains_key(&o.vendor_id) {
            return Err(invalid(&o.id, format!("unknown vendor_id {:?}", o.vendor_id.chars().take(40).collect::<String>())));
        }
        if self.vocabulary.get(&o.category).is_none() {
            return Err(invalid(&o.id, format!("unknown category {:?}", o.category.chars().take(40).collect::<String>())));
        }
        if o.name.trim().is_empty() || o.name.len() > 200 {
            return Err(invalid(&o.id, "name must be 1-200 characters"));
        }
        if o.price == Amount::ZERO {
            return Err(invalid(&o.id, "price must be greater than zero"));
        }
        if o.pack_size == 0 || o.pack_size > 100_000 {
            return Err(invalid(&o.id, "pack_size must be 1..=100000"));
        }
        if o.delivery_days > MAX_DELIVERY_DAYS {
            return Err(invalid(&o.id, "delivery_days must be 0..=365"));
        }
        Ok(())
    }

    /// Merges catalogs; vendor and offer ids must be unique across them (a vendor defined the
    /// same way in two catalogs is allowed).
    pub fn merge(parts: &[Arc<CatalogData>]) -> Result<CatalogData, CatalogError> {
        let mut out = CatalogData::default();
        let mut ids = BTreeSet::new();
        for (i, part) in parts.iter().enumerate() {
            if i == 0 {
                out.vocabulary = part.vocabulary.clone();
            } else {
                for c in part.vocabulary.categories() {
                    out.vocabulary.add(c.clone()).map_err(|r| invalid("category", r))?;
                }
            }
            for (id, v) in &part.vendors {
                match out.vendors.get(id) {
                    Some(existing) if existing != v => return Err(CatalogError::Duplicate { id: id.clone() }),
                    _ => {
                        out.vendors.insert(id.clone(), v.clone());
                    }
                }
            }
            for (cat, offers) in &part.by_category {
                for o in offers {
                    if !ids.insert(o.id.clone()) {
                        return Err(CatalogError::Duplicate { id: o.id.clone() });
                    }
                }
                out.by_category.entry(cat.clone()).or_default().extend(offers.iter().cloned());
            }
            out.by_id.extend(part.by_id.iter().map(|(id, entry)| (id.clone(), entry.clone())));
        }
        for list in out.by_category.values_mut() {
            list.sort_by(|a, b| a.id.cmp(&b.id));
        }
        // The parts' tag counts add up (cheaper than counting every offer again).
        let vendors: BTreeSet<String> = out.vendors.values().flat_map(|v| [v.id.to_lowercase(), v.name.to_lowercase()]).collect();
        let mut tags: BTreeMap<String, TagStats> = BTreeMap::new();
        for part in parts {
            for (tag, stats) in part.vocabulary.catalog_tags().iter().filter(|(t, _)| !vendors.contains(*t)) {
                let into = tags.entry(tag.clone()).or_default();
                into.brand |= stats.brand;
                into.made(stats.makes.iter().cloned());
                for (cat, n) in &stats.offers {
                    *into.offers.entry(cat.clone()).or_default() += n;
                }
            }
        }
        out.vocabulary.set_catalog_tags(tags);
        out.vocabulary.set_merchants(out.merchant_names());
        Ok(out)
    }

    /// Offers of a category, sorted by id.
    pub fn offers_in(&self, category: &str) -> &[Arc<Offer>] {
        self.by_category.get(category).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The vendor with this id.
    pub fn vendor(&self, id: &str) -> Option<&Arc<Vendor>> {
        self.vendors.get(id)
    }

    /// All vendors, by id.
    pub fn vendors(&self) -> impl Iterator<Item = &Arc<Vendor>> {
        self.vendors.values()
    }

    /// The offer with this id.
    pub fn offer(&self, id: &str) -> Option<&Arc<Offer>> {
        self.by_id.get(id).map(|(o, _)| o)
    }

    /// The offer with this id as the kernel quotes it: an offer of the catalog, or one of them
    /// rented for a stay of days (`<offer id>@<days>d`; see [`Offer::per_day`]).
    pub fn quoted(&self, id: &str) -> Option<Arc<Offer>> {
        if let Some(o) = self.offer(id) {
            return Some(o.clone());
        }
        let (base, days) = rental::rented(id)?;
        rental::for_days(self.offer(base)?, days)
    }

    /// All offers, by category then id.
    pub fn offers(&self) -> impl Iterator<Item = &Arc<Offer>> {
        self.by_category.values().flat_map(|v| v.iter())
    }

    /// Number of offers.
    pub fn len(&self) -> usize {
        self.by_category.values().map(Vec::len).sum()
    }

    /// Whether there are no offers.
    pub fn is_empty(&self) -> bool {
        self.by_category.values().all(Vec::is_empty)
    }

    /// Category vocabulary (the embedded one plus the catalog's own).
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }
}

/// A source of offers. One required method; hosts plug in their own (HTTP, database).
pub trait Catalog: Send + Sync {
    /// The catalog's current contents.
    fn load(&self) -> BoxFuture<'_, Result<Arc<CatalogData>, CatalogError>>;
}

/// A catalog held in memory (from [`CatalogData::from_json`] or built in code).
#[derive(Debug, Clone)]
pub struct MemoryCatalog(Arc<CatalogData>);

impl MemoryCatalog {
    /// Wraps validated data.
    pub fn new(data: CatalogData) -> Self {
        MemoryCatalog(Arc::new(data))
    }

    /// Parses and validates a JSON catalog.
    pub fn from_json(json: &str) -> Result<Self, CatalogError> {
        CatalogData::from_json(json).map(Self::new)
    }

    /// Reads, parses and validates a JSON catalog file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Self, CatalogError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| CatalogError::Unavailable {
            reason: format!("{}: {}", crate::files::file_name(path), crate::files::io_reason(&e)),
        })?;
        Self::from_json(&text)
    }

    /// The data.
    pub fn data(&self) -> &Arc<CatalogData> {
        &self.0
    }
}

impl Catalog for MemoryCatalog {
    fn load(&self) -> BoxFuture<'_, Result<Arc<CatalogData>, CatalogError>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"{
      "vendors": [{"id": "acme", "name": "Acme", "trust_score": 80}],
      "offers": [{"id": "a1", "vendor_id": "acme", "category": "snacks", "name": "Chips", "price": 12.5, "pack_size": 10, "delivery_days": 2, "stock": 5}]
    }"#;

    #[test]
    fn loads_a_user_catalog() {
        let c = CatalogData::from_json(MINI).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c.offers_in("snacks")[0].price, Amount::parse("12.5").unwrap());
    }

    #[test]
    fn rejects_bad_catalogs_with_codes() {
        let cases = [
            (MINI.replace("12.5", "-1"), "INVALID_CATALOG"),
            (MINI.replace("12.5", "0"), "INVALID_CATALOG"),
            (MINI.replace("12.5", "1.0000001"), "INVALID_CATALOG"),
            (MINI.replace("\"snacks\"", "\"spaceships\""), "INVALID_CATALOG"),
            (MINI.replace("\"vendor_id\": \"acme\"", "\"vendor_id\": \"nope\""), "INVALID_CATALOG"),
            (MINI.replace("\"trust_score\": 80", "\"trust_score\": 101"), "INVALID_CATALOG"),
            (MINI.replace("\"trust_score\": 80", "\"trust_score\": 300"), "MALFORMED_CATALOG"),
            (MINI.replace("\"pack_size\": 10", "\"pack_size\": 0"), "INVALID_CATALOG"),
            (MINI.replace('}', ""), "MALFORMED_CATALOG"),
            (MINI.replace("\"stock\": 5", "\"stock\": 5, \"evil\": 1"), "MALFORMED_CATALOG"),
        ];
        for (json, code) in cases {
            let err = CatalogData::from_json(&json).unwrap_err();
            assert_eq!(err.code(), code, "{err}");
        }
    }

    #[test]
    fn offers_carry_tags_and_attributes() {
        let json = MINI.replace(
            "\"stock\": 5",
            r#""stock": 5, "tags": [" Potato Chips", "SEA SALT", "potato chips"], "attributes": {"brand": "Kettle", "size": "1 oz"}"#,
        );
        let c = CatalogData::from_json(&json).unwrap();
        let o = &c.offers_in("snacks")[0];
        assert_eq!(o.tags, ["potato chips", "sea salt"]);
        assert_eq!(o.attributes["brand"], "Kettle");
        // The JSON form keeps them; an offer without them serializes as before (no empty keys).
        let text = serde_json::to_string(&**o).unwrap();
        assert!(
            text.contains(r#""tags":["potato chips","sea salt"]"#) && text.contains(r#""attributes":{"brand":"Kettle","size":"1 oz"}"#)
        );
        let plain = CatalogData::from_json(MINI).unwrap();
        let text = crate::canonical::to_canonical_json(&*plain.offers_in("snacks")[0]);
        assert_eq!(
            text,
            r#"{"category":"snacks","delivery_days":2,"id":"a1","name":"Chips","pack_size":10,"price":"12.5","stock":5,"vendor_id":"acme"}"#
        );
        // Built in code, tags are normalized the same way.
        let mut offer = (*plain.offers_in("snacks")[0]).clone();
        offer.tags = vec!["Chips".into(), "chips ".into()];
        let vendors: Vec<Vendor> = plain.vendors().map(|v| (**v).clone()).collect();
        let built = CatalogData::new(vendors, vec![offer], Vocabulary::embedded()).unwrap();
        assert_eq!(built.offers_in("snacks")[0].tags, ["chips"]);
    }

    #[test]
    fn bad_tags_and_attributes_in_json_are_typed_errors() {
        let with = |extra: &str| MINI.replace("\"stock\": 5", &format!("\"stock\": 5, {extra}"));
        let cases = [
            (with(r#""tags": [""]"#), "INVALID_CATALOG"),
            (with(r#""tags": ["a\u0000b"]"#), "INVALID_CATALOG"),
            (with(&format!(r#""tags": [{}]"#, vec!["\"t\""; 33].join(","))), "INVALID_CATALOG"),
            (with(&format!(r#""tags": ["{}"]"#, "x".repeat(65))), "INVALID_CATALOG"),
            (with(r#""attributes": {"Brand": "x"}"#), "INVALID_CATALOG"),
            (with(r#""attributes": {"color": "red\nblue"}"#), "INVALID_CATALOG"),
            (with(&format!(r#""attributes": {{"color": "{}"}}"#, "x".repeat(129))), "INVALID_CATALOG"),
            (with(r#""tags": "energy drink""#), "MALFORMED_CATALOG"),
            (with(r#""attributes": {"size": 12}"#), "MALFORMED_CATALOG"),
        ];
        for (json, code) in cases {
            let err = CatalogData::from_json(&json).unwrap_err();
            assert_eq!(err.code(), code, "{err}");
        }
    }

    #[test]
    fn the_vocabulary_knows_the_offers_tags_but_not_vendor_names() {
        let embedded = EmbeddedCatalog::data();
        let tags = embedded.vocabulary().catalog_tags();
        let red_bull = tags.get("red bull").unwrap();
        assert!(red_bull.brand && red_bull.offers.get("drinks").is_some_and(|n| *n >= 2));
        assert!(!tags.contains_key("amazon") && !tags.contains_key("walmart"), "where to buy, not what");
        // Merged catalogs add up their tags.
        let json = MINI.replace("\"stock\": 5", r#""stock": 5, "tags": ["red bull", "acme"]"#);
        let user = Arc::new(CatalogData::from_json(&json).unwrap());
        let merged = CatalogData::merge(&[embedded.clone(), user]).unwrap();
        let merged_tags = merged.vocabulary().catalog_tags();
        assert_eq!(merged_tags["red bull"].offers.get("snacks"), Some(&1));
        assert_eq!(merged_tags["red bull"].offers.get("drinks"), red_bull.offers.get("drinks"));
        assert!(!merged_tags.contains_key("acme"), "a vendor's name");
    }

    #[test]
    fn merge_rejects_duplicate_offer_ids() {
        let a = Arc::new(CatalogData::from_json(MINI).unwrap());
        let err = CatalogData::merge(&[a.clone(), a]).unwrap_err();
        assert_eq!(err.code(), "DUPLICATE_CATALOG_ID");
        let embedded = EmbeddedCatalog::data();
        let user = Arc::new(CatalogData::from_json(MINI).unwrap());
        let merged = CatalogData::merge(&[embedded.clone(), user]).unwrap();
        assert_eq!(merged.len(), embedded.len() + 1);
    }
}
