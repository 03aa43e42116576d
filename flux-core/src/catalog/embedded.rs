//! The catalog that ships with the crate: Amazon, Walmart and TechData, 160 offers over 15
//! categories (regenerate with `scripts/gen-catalog.py`).

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
        assert!(parsed.len() >= 150, "{} offers", parsed.len());
        let cats: BTreeSet<&str> = parsed.offers().map(|o| o.category.as_str()).collect();
        assert!(cats.len() >= 12, "{cats:?}");
        let vendors: BTreeSet<&str> = parsed.vendors().map(|v| v.id.as_str()).collect();
        for v in ["amazon", "walmart", "tech_direct"] {
            assert!(vendors.contains(v));
        }
        assert_eq!(EmbeddedCatalog::data().len(), parsed.len());
    }
}
