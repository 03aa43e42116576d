//! Shopify's `products.json`: `{"products": [{id, title, handle, vendor, product_type, tags,
//! variants: [{id, title, price, sku, available, option1..3}], options: [{name, values}]}]}`
//! (a storefront's `/products.json`, or the Admin API's list), or one `{"product": {...}}`.
//!
//! Each variant is one offer: its name is the product title plus the variant's title (unless it
//! is Shopify's `Default Title`), its attributes are the product's options with the variant's
//! values (`Color` → `color`), and an option named like a pack count (`Pack`, `Pack Size`,
//! `Count`, `Quantity`) sets `pack_size` from its leading number. Shopify's `vendor` is the
//! brand. Products are read one at a time: one product of the wrong shape is skipped, not the
//! feed.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{
    attribute_key, clip, feed_text, is_pack_option, leading_count, too_many_products, Availability, Builder, FeedConfig, FeedImport, Item,
    SkipReason, MAX_FEED_PRODUCTS,
};
use crate::catalog::CatalogError;
use crate::money::AmountText;

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(borrow, default)]
    products: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    product: Option<&'a RawValue>,
}

/// An id as a JSON number or string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Number(u64),
    Text(String),
}

impl Id {
    fn text(&self) -> String {
        match self {
            Id::Number(n) => n.to_string(),
            Id::Text(s) => s.clone(),
        }
    }
}

/// Tags as Shopify writes them: `"a, b, c"` (storefront) or `["a", "b"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Tags {
    Text(String),
    List(Vec<String>),
}

#[derive(Deserialize)]
struct ProductOption {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct Product<'a> {
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    handle: Option<String>,
    #[serde(default)]
    vendor: Option<String>,
    #[serde(default)]
    product_type: Option<String>,
    #[serde(default)]
    tags: Option<Tags>,
    #[serde(borrow, default)]
    variants: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    options: Option<Vec<ProductOption>>,
}

#[derive(Deserialize)]
struct Variant {
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    price: Option<AmountText>,
    #[serde(default)]
    sku: Option<String>,
    #[serde(default)]
    available: Option<bool>,
    #[serde(default)]
    inventory_quantity: Option<i64>,
    #[serde(default)]
    option1: Option<String>,
    #[serde(default)]
    option2: Option<String>,
    #[serde(default)]
    option3: Option<String>,
}

/// Parses a Shopify `products.json` (`{"products": [...]}`, or one `{"product": {...}}`): one
/// offer per variant, named after the product and the variant. Shopify's `vendor` is the brand;
/// prices are in [`FeedConfig::currency`](super::FeedConfig::currency). See
/// [`FeedImport`](super::FeedImport) for what becomes of each variant.
pub fn parse_shopify_products(bytes: &[u8], config: &FeedConfig) -> Result<FeedImport, CatalogError> {
    let text = feed_text(bytes, config)?;
    let doc: Document<'_> = serde_json::from_str(text).map_err(|e| CatalogError::Malformed { reason: clip(&e.to_string(), 160) })?;
    let products = match (doc.products, doc.product) {
        (Some(list), _) => list,
        (None, Some(one)) => vec![one],
        (None, None) => return Err(CatalogError::Malformed { reason: "not a Shopify products.json (no \"products\" array)".into() }),
    };
    if products.len() > MAX_FEED_PRODUCTS {
        return Err(too_many_products());
    }
    let mut builder = Builder::new(config);
    for raw in products {
        builder.product()?;
        let product: Product<'_> = match serde_json::from_str(raw.get()) {
            Ok(p) => p,
            Err(e) => {
                builder.skip(&id_in(raw), "", SkipReason::Malformed { detail: clip(&e.to_string(), 120) });
                continue;
            }
        };
        read_product(&mut builder, &product);
    }
    Ok(builder.finish())
}

fn read_product(builder: &mut Builder<'_>, product: &Product<'_>) {
    let product_id = product.id.as_ref().map(Id::text).or_else(|| product.handle.clone()).unwrap_or_default();
    let title = product.title.clone().unwrap_or_default();
    let variants = product.variants.as_deref().unwrap_or_default();
    if variants.is_empty() {
        builder.skip(&product_id, &title, SkipReason::MissingField { field: "variants" });
        return;
    }
    let option_names: Vec<String> = product
        .options
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, o)| o.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("option{}", i + 1)))
        .collect();
    let tags: Vec<String> = match &product.tags {
        Some(Tags::Text(t)) => t.split(',').map(str::to_owned).collect(),
        Some(Tags::List(l)) => l.clone(),
        None => Vec::new(),
    };
    for raw in variants {
        let variant: Variant = match serde_json::from_str(raw.get()) {
            Ok(v) => v,
            Err(e) => {
                builder.skip(&id_in(raw), &title, SkipReason::Malformed { detail: clip(&e.to_string(), 120) });
                continue;
            }
        };
        let variant_title = variant.title.clone().unwrap_or_default();
        let name = match variant_title.trim() {
            "" | "Default Title" => title.clone(),
            v => format!("{} - {v}", title.trim()),
        };
        let mut item = Item {
            id: variant.id.as_ref().map(Id::text).unwrap_or_default(),
            title: name,
            product_title: title.clone(),
            price: variant.price.as_ref().map(|p| p.as_str().to_owned()),
            brand: product.vendor.clone().filter(|v| !v.trim().is_empty()),
            product_types: product.product_type.clone().filter(|t| !t.trim().is_empty()).into_iter().collect(),
            tags: tags.clone(),
            ..Item::default()
        };
        let values = [&variant.option1, &variant.option2, &variant.option3];
        for (i, value) in values.iter().enumerate() {
            let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty() && *v != "Default Title") else { continue };
            let name = option_names.get(i).cloned().unwrap_or_else(|| format!("option{}", i + 1));
            if is_pack_option(&attribute_key(&name)) {
                item.pack_size = item.pack_size.or_else(|| leading_count(value));
            }
            item.attributes.push((name, value.to_owned()));
        }
        if let Some(sku) = variant.sku.as_deref().filter(|s| !s.trim().is_empty()) {
            item.attributes.push(("sku".to_owned(), sku.to_owned()));
        }
        let quantity = variant.inventory_quantity;
        item.availability = Some(match (variant.available, quantity) {
            (Some(false), _) => Availability::OutOfStock,
            (None, Some(q)) if q <= 0 => Availability::OutOfStock,
            _ => Availability::InStock,
        });
        item.stock = quantity.filter(|q| *q > 0).map(|q| u32::try_from(q).unwrap_or(u32::MAX));
        builder.push(item);
    }
}

/// The `id` of a JSON object that did not have the expected shape, if it has a readable one.
fn id_in(raw: &RawValue) -> String {
    #[derive(Deserialize)]
    struct JustId {
        #[serde(default)]
        id: Option<Id>,
    }
    serde_json::from_str::<JustId>(raw.get()).ok().and_then(|j| j.id).map(|id| id.text()).unwrap_or_default()
}
