//! The catalog that ships with the crate: Amazon, Walmart and TechData, 686 offers over the 15
//! categories of the embedded vocabulary, each with tags and attributes saying what it is
//! (regenerate with `scripts/gen-catalog.py`).

use std::sync::{Arc, OnceLock};

use super::{Catalog, CatalogData, CatalogError};
use crate::future::BoxFuture;

const EMBEDDED_JSON: &str = include_str!("../../data/catalog.json");

/// The embedded catalog. Parsed and validated once per process, then shared.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmbeddedCatalog;

impl EmbeddedCatalog {
    /// The embedded catalog's data.
    pub fn data() -> Arc<CatalogData> {
        static DATA: OnceLock<Arc<CatalogData>> = OnceLock::new();
        DATA.get_or_init(|| {
            // The file is part of the crate and covered by tests; an invalid edit fails them.
            Arc::new(CatalogData::from_json(EMBEDDED_JSON).unwrap_or_default())
        })
        .clone()
    }

    /// The raw JSON document (a template for your own catalogs).
    pub fn json() -> &'static str {
        EMBEDDED_JSON
    }
}

impl Catalog for EmbeddedCatalog {
    fn load(&self) -> BoxFuture<'_, Result<Arc<CatalogData>, CatalogError>> {
        Box::pin(std::future::ready(Ok(EmbeddedCatalog::data())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn embedded_catalog_is_valid_and_broad() {
        let parsed = CatalogData::from_json(EMBEDDED_JSON).unwrap();
        assert!(parsed.len() >= 400, "{} offers", parsed.len());
        let cats: BTreeSet<&str> = parsed.offers().map(|o| o.category.as_str()).collect();
        let vocabulary: BTreeSet<&str> = parsed.vocabulary().ids().collect();
        assert_eq!(cats, vocabulary, "every category has offers");
        for cat in &cats {
            assert!(parsed.offers_in(cat).len() >= 20, "{cat}: {} offers", parsed.offers_in(cat).len());
        }
        let vendors: BTreeSet<&str> = parsed.vendors().map(|v| v.id.as_str()).collect();
        for v in ["amazon", "walmart", "tech_direct"] {
            assert!(vendors.contains(v));
        }
        for o in parsed.offers() {
            assert!(!o.tags.is_empty() && !o.attributes.is_empty(), "{} says what it is", o.id);
        }
        assert_eq!(EmbeddedCatalog::data().len(), parsed.len());
    }

    /// What people ask for exists, from more than one vendor and in more than one variant.
    #[test]
    fn asked_for_variants_exist_at_several_vendors() {
        let data = EmbeddedCatalog::data();
        let with = |cat: &str, tags: &[&str]| -> Vec<Arc<crate::Offer>> {
            data.offers_in(cat).iter().filter(|o| tags.iter().all(|t| o.has_tag(t))).cloned().collect()
        };
        let cases: [(&str, &[&str]); 22] = [
            ("drinks", &["energy drink", "sugar-free"]),
            ("drinks", &["energy drink", "red bull"]),
            ("drinks", &["bottled water"]),
            ("drinks", &["sparkling water"]),
            ("drinks", &["cold brew"]),
            ("drinks", &["soda"]),
            ("drinks", &["juice"]),
            ("drinks", &["sports drink"]),
            ("snacks", &["chips"]),
            ("snacks", &["protein bars"]),
            ("snacks", &["gluten-free"]),
            ("snacks", &["vegan"]),
            ("badges", &["badge holders"]),
            ("badges", &["name tags"]),
            ("lanyards", &["breakaway lanyards"]),
            ("adapters", &["usb-c hub"]),
            ("adapters", &["usb-c to hdmi adapter"]),
            ("cables", &["hdmi cable"]),
            ("cables", &["ethernet cable"]),
            ("prizes", &["headphones"]),
            ("swag", &["t-shirts"]),
            ("av_gear", &["4k projector"]),
        ];
        for (cat, tags) in cases {
            let found = with(cat, tags);
            let vendors: BTreeSet<&str> = found.iter().map(|o| o.vendor_id.as_str()).collect();
            let names: BTreeSet<&str> = found.iter().map(|o| o.name.as_str()).collect();
            assert!(vendors.len() >= 2 && names.len() >= 2, "{cat} {tags:?}: {vendors:?} {names:?}");
        }
        let energy = with("drinks", &["energy drink"]);
        let sizes: BTreeSet<&str> = energy.iter().filter_map(|o| o.attributes.get("size").map(String::as_str)).collect();
        assert!(sizes.len() >= 3, "{sizes:?}");
        let ethernet = with("cables", &["ethernet cable"]);
        let lengths: BTreeSet<&str> = ethernet.iter().filter_map(|o| o.attributes.get("length").map(String::as_str)).collect();
        assert!(lengths.len() >= 4, "{lengths:?}");
    }

    /// Tags are honest: an adapter is not a hub, a hub is not a cable.
    #[test]
    fn tags_do_not_overclaim() {
        for o in EmbeddedCatalog::data().offers() {
            let name = o.name.to_lowercase();
            if o.has_tag("usb-c hub") {
                assert!(name.contains("hub"), "{}", o.name);
            }
            if name.contains("to hdmi adapter") || name.contains("to ethernet adapter") {
                assert!(!o.has_tag("usb-c hub") && !o.has_tag("docking station"), "{}", o.name);
            }
            if o.has_tag("sugar-free") {
                assert!(!o.has_tag("regular") && o.attributes.get("sugar").is_none_or(|s| s == "sugar-free"), "{}", o.name);
            }
            assert!(o.tags.iter().all(|t| *t == t.to_lowercase()), "{}", o.id);
        }
    }
}
