//! The JSON form of a catalog document, as read from untrusted text.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::offer::{invalid, Offer, Vendor};
use super::{CatalogData, CatalogError};
use crate::intent::{CategoryDef, Vocabulary};
use crate::money::AmountText;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferWire {
    id: String,
    vendor_id: String,
    category: String,
    name: String,
    price: AmountText,
    #[serde(default = "one")]
    pack_size: u32,
    delivery_days: u32,
    stock: u32,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogWire {
    #[serde(default)]
    categories: Vec<CategoryDef>,
    vendors: Vec<Vendor>,
    offers: Vec<OfferWire>,
}

/// Parses `{"categories": [...]?, "vendors": [...], "offers": [...]}` and validates it.
pub(super) fn catalog_from_json(json: &str) -> Result<CatalogData, CatalogError> {
    let wire: CatalogWire = serde_json::from_str(json).map_err(|e| CatalogError::Malformed { reason: e.to_string() })?;
    let mut vocabulary = Vocabulary::embedded();
    for c in wire.categories {
        vocabulary.add(c).map_err(|r| invalid("category", r))?;
    }
    let mut offers = Vec::with_capacity(wire.offers.len());
    for o in wire.offers {
        let price = o.price.to_amount().map_err(|e| invalid(&o.id, format!("price: {e}")))?;
        offers.push(Offer {
            id: o.id,
            vendor_id: o.vendor_id,
            category: o.category,
            name: o.name,
            price,
            pack_size: o.pack_size,
            delivery_days: o.delivery_days,
            stock: o.stock,
            tags: o.tags,
            attributes: o.attributes,
        });
    }
    CatalogData::new(wire.vendors, offers, vocabulary)
}
