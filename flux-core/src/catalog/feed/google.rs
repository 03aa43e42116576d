//! The Google Merchant Center product data specification, shared by the TSV and XML readers:
//! one item's attributes (by their plain names: `id`, `price`, `google_product_category`) into
//! an [`Item`].

use std::collections::BTreeMap;

use super::{attribute_key, check_currency, clip, Availability, Item, SkipReason};
use crate::catalog::CatalogError;

/// Attributes kept on the offer, by their Google names.
const KEPT: &[&str] =
    &["color", "size", "material", "pattern", "gender", "age_group", "condition", "item_group_id", "gtin", "mpn", "unit_pricing_measure"];

/// A Google attribute name as the readers key it: lowercase, without a `g:` prefix, spaces and
/// dashes as `_` (`Google product category` → `google_product_category`).
pub(crate) fn field_name(name: &str) -> String {
    let name = name.trim();
    let name = name.strip_prefix("g:").unwrap_or(name);
    attribute_key(name)
}

/// One item's fields into an [`Item`]. A price in a currency other than USD is an error for the
/// whole feed (a feed has one target country and currency); the rest are the item's to skip.
pub(crate) fn item(fields: &BTreeMap<String, String>, default_currency: &str) -> Result<Item, CatalogError> {
    let get = |k: &str| fields.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let title = get("title").unwrap_or_default().to_owned();
    let mut item = Item {
        id: get("id").unwrap_or_default().to_owned(),
        product_title: title.clone(),
        title,
        brand: get("brand").map(str::to_owned),
        google_category: get("google_product_category").map(str::to_owned),
        product_types: get("product_type").map(|t| vec![t.to_owned()]).unwrap_or_default(),
        ..Item::default()
    };
    // A sale price counts only when it has no effective dates: without a clock, Flux cannot
    // tell whether a dated sale is on.
    let price = match (get("sale_price"), get("sale_price_effective_date")) {
        (Some(sale), None) => Some(sale),
        _ => get("price"),
    };
    item.price = match price {
        Some(p) => Some(amount_text(p, default_currency)?),
        None => None,
    };
    if let Some(a) = get("availability") {
        item.availability = match a.to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
            "in_stock" => Some(Availability::InStock),
            "out_of_stock" => Some(Availability::OutOfStock),
            "preorder" | "backorder" | "available_for_order" => Some(Availability::Later),
            _ => {
                item.invalid = Some(SkipReason::InvalidField { field: "availability", detail: format!("{:?}", clip(a, 32)) });
                None
            }
        };
    }
    item.pack_size = get("multipack").and_then(|m| m.parse::<u32>().ok()).filter(|n| (1..=100_000).contains(n));
    let handling = get("max_handling_time").and_then(|d| d.parse::<u32>().ok());
    let transit = get("shipping.max_transit_time").and_then(|d| d.parse::<u32>().ok());
    item.delivery_days = match (handling, transit) {
        (None, None) => None,
        (h, t) => Some(h.unwrap_or(0).saturating_add(t.unwrap_or(0)).max(1)),
    };
    for key in KEPT {
        if let Some(value) = get(key) {
            item.attributes.push(((*key).to_owned(), value.to_owned()));
        }
    }
    Ok(item)
}

/// `"12.99 USD"`, `"USD 12.99"` or `"12.99"` (in `default_currency`) to the number's text; a
/// currency other than USD / USDC is a feed error. The number itself is checked by the builder.
fn amount_text(price: &str, default_currency: &str) -> Result<String, CatalogError> {
    let parts: Vec<&str> = price.split_whitespace().collect();
    let is_code = |s: &str| s.len() >= 3 && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_alphabetic());
    let (number, currency) = match parts.as_slice() {
        [n] => {
            // "12.99USD" without a space.
            let split = n.find(|c: char| c.is_ascii_alphabetic()).filter(|&i| i > 0 && is_code(&n[i..]));
            match split {
                Some(i) => (&n[..i], &n[i..]),
                None => (*n, default_currency),
            }
        }
        [n, c] if is_code(c) => (*n, *c),
        [c, n] if is_code(c) => (*n, *c),
        _ => return Ok(price.to_owned()),
    };
    check_currency(currency)?;
    Ok(number.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_with_currencies() {
        assert_eq!(amount_text("12.99 USD", "USD").unwrap(), "12.99");
        assert_eq!(amount_text("USD 12.99", "USD").unwrap(), "12.99");
        assert_eq!(amount_text("12.99usd", "USD").unwrap(), "12.99");
        assert_eq!(amount_text("12.99", "USDC").unwrap(), "12.99");
        assert_eq!(amount_text("NaN USD", "USD").unwrap(), "NaN");
        assert_eq!(amount_text("1e400", "USD").unwrap(), "1e400");
        assert_eq!(amount_text("12.99 EUR", "USD").unwrap_err().code(), "UNSUPPORTED_CURRENCY");
        assert_eq!(amount_text("GBP 3", "USD").unwrap_err().code(), "UNSUPPORTED_CURRENCY");
        assert_eq!(amount_text("12.99", "EUR").unwrap_err().code(), "UNSUPPORTED_CURRENCY");
        // Not a price shape at all: left for the builder to reject as a price.
        assert_eq!(amount_text("twelve dollars ninety", "USD").unwrap(), "twelve dollars ninety");
    }

    #[test]
    fn field_names_normalize() {
        assert_eq!(field_name("g:google_product_category"), "google_product_category");
        assert_eq!(field_name("Google product category"), "google_product_category");
        assert_eq!(field_name(" item-group-id "), "item_group_id");
    }
}
