//! Merchants' published product feeds, read into offers: pure parsing, no I/O.
//!
//! Three formats, one per file: Shopify's `products.json` ([`parse_shopify_products`]) and the
//! Google Merchant Center product feed as TSV ([`parse_google_tsv`]) or RSS 2.0 / Atom XML with
//! the `g:` namespace ([`parse_google_xml`]). What becomes of each product is documented once,
//! on [`FeedImport`].

mod category;
mod google;
mod google_taxonomy;
mod google_tsv;
mod google_xml;
mod phrases;
mod shopify;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use sha2::{Digest, Sha256};

use super::offer::{is_attribute_key, normalize_attributes, normalize_tags};
use super::{check_id, CatalogData, CatalogError, Offer, Vendor, MAX_ATTRIBUTES, MAX_ATTRIBUTE_VALUE_CHARS, MAX_TAGS, MAX_TAG_CHARS};
use crate::intent::Vocabulary;
use crate::money::Amount;

pub use google_tsv::parse_google_tsv;
pub use google_xml::parse_google_xml;
pub use shopify::parse_shopify_products;

/// Largest feed read, in bytes (20 MiB).
pub const MAX_FEED_BYTES: usize = 20 * 1024 * 1024;
/// Most products (Shopify products, Google items or rows) one feed may hold.
pub const MAX_FEED_PRODUCTS: usize = 100_000;
/// Longest offer name; longer titles are cut at a character boundary.
const MAX_NAME_CHARS: usize = 200;

/// The shape of a catalog source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FeedFormat {
    /// Flux's own catalog document ([`CatalogData::from_json`]).
    CatalogJson,
    /// Shopify's `products.json` (`/products.json` of a storefront, or the Admin API's list).
    ShopifyProducts,
    /// Google Merchant Center product feed, tab-separated with a header row.
    GoogleMerchantTsv,
    /// Google Merchant Center product feed, RSS 2.0 (or Atom) XML with the `g:` namespace.
    GoogleMerchantXml,
}

impl FeedFormat {
    /// Stable name: `catalog_json`, `shopify_products`, `google_merchant_tsv`, `google_merchant_xml`.
    pub fn name(self) -> &'static str {
        match self {
            FeedFormat::CatalogJson => "catalog_json",
            FeedFormat::ShopifyProducts => "shopify_products",
            FeedFormat::GoogleMerchantTsv => "google_merchant_tsv",
            FeedFormat::GoogleMerchantXml => "google_merchant_xml",
        }
    }

    /// The format with this [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<FeedFormat> {
        [FeedFormat::CatalogJson, FeedFormat::ShopifyProducts, FeedFormat::GoogleMerchantTsv, FeedFormat::GoogleMerchantXml]
            .into_iter()
            .find(|f| f.name() == name.trim())
    }
}

impl fmt::Display for FeedFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a merchant's feed becomes offers: who sells, in which currency, and the facts feeds do
/// not carry (delivery time, stock counts).
#[derive(Clone)]
pub struct FeedConfig {
    /// The merchant, as carts and the policy's registry know it.
    pub vendor: Vendor,
    /// Prefix of offer ids (`<prefix>-<merchant's id>`). Default: the vendor id.
    pub id_prefix: String,
    /// The currency prices are in when the feed does not say (Shopify's `products.json` never
    /// does). Only `USD` and `USDC` are accepted. Default `USD`.
    pub currency: String,
    /// Days to deliver. Default 3 (Google's `max_handling_time` plus the first shipping entry's
    /// `max_transit_time` replace it when the item has them).
    pub delivery_days: u32,
    /// Packs assumed in stock for an available variant. Default 100.
    pub in_stock_packs: u32,
    /// Days added for preorder and backorder items. Default 14.
    pub backorder_extra_days: u32,
    /// Categories to map onto (their synonyms help choose). Default: the embedded vocabulary.
    pub vocabulary: Vocabulary,
    /// Explicit mappings, consulted first: a product type or Google product category (compared
    /// lowercased and trimmed; a Google category by its text or numeric id) to a category id.
    pub category_map: BTreeMap<String, String>,
}

impl fmt::Debug for FeedConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FeedConfig")
            .field("vendor", &self.vendor.id)
            .field("id_prefix", &self.id_prefix)
            .field("currency", &self.currency)
            .field("delivery_days", &self.delivery_days)
            .field("in_stock_packs", &self.in_stock_packs)
            .field("backorder_extra_days", &self.backorder_extra_days)
            .field("categories", &self.vocabulary.categories().len())
            .field("category_map", &self.category_map)
            .finish()
    }
}

impl FeedConfig {
    /// Defaults for `vendor`.
    pub fn new(vendor: Vendor) -> FeedConfig {
        FeedConfig {
            id_prefix: vendor.id.clone(),
            vendor,
            currency: "USD".to_owned(),
            delivery_days: 3,
            in_stock_packs: 100,
            backorder_extra_days: 14,
            vocabulary: Vocabulary::embedded(),
            category_map: BTreeMap::new(),
        }
    }

    /// Sets the prefix of offer ids.
    pub fn with_id_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.id_prefix = prefix.into();
        self
    }

    /// Sets the currency of prices the feed does not label.
    pub fn with_currency(mut self, currency: impl Into<String>) -> Self {
        self.currency = currency.into();
        self
    }

    /// Sets the default delivery time.
    pub fn with_delivery_days(mut self, days: u32) -> Self {
        self.delivery_days = days;
        self
    }

    /// Sets the stock assumed for available variants.
    pub fn with_in_stock_packs(mut self, packs: u32) -> Self {
        self.in_stock_packs = packs;
        self
    }

    /// Maps a product type or Google product category onto a category id.
    pub fn with_category(mut self, product_type: &str, category: &str) -> Self {
        self.category_map.insert(product_type.trim().to_lowercase(), category.to_owned());
        self
    }

    fn check(&self) -> Result<(), CatalogError> {
        let config = |reason: String| CatalogError::Config { reason };
        check_id(&self.id_prefix).map_err(|_| config("id_prefix must be 1-64 characters of A-Z a-z 0-9 _ - .".into()))?;
        if self.id_prefix.len() > 24 {
            return Err(config("id_prefix is at most 24 characters".into()));
        }
        if self.delivery_days > super::MAX_DELIVERY_DAYS || self.backorder_extra_days > super::MAX_DELIVERY_DAYS {
            return Err(config(format!("delivery days are at most {}", super::MAX_DELIVERY_DAYS)));
        }
        for category in self.category_map.values() {
            if self.vocabulary.get(category).is_none() {
                return Err(config(format!("category_map names unknown category {:?}", clip(category, 40))));
            }
        }
        check_currency(&self.currency)
    }
}

/// USD and USDC are the only currencies a feed may price in (an `Amount` is USDC).
pub(crate) fn check_currency(code: &str) -> Result<(), CatalogError> {
    match code.trim().to_ascii_uppercase().as_str() {
        "USD" | "USDC" => Ok(()),
        _ => Err(CatalogError::UnsupportedCurrency { currency: clip(code.trim(), 12) }),
    }
}

/// A product (or variant) of a feed that did not become an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedProduct {
    /// The merchant's id of it (a Shopify variant or product id, a Google `id`), truncated.
    pub id: String,
    /// Its title, truncated.
    pub title: String,
    /// Why.
    pub reason: SkipReason,
}

/// Why a product of a feed did not become an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// No category of the vocabulary fits it (or its Google category is one Flux never buys:
    /// alcohol, tobacco, mature).
    UnmappedCategory,
    /// The price is missing its digits, negative, not finite, out of range, finer than
    /// micro-dollars, or zero.
    InvalidPrice {
        /// What is wrong.
        detail: String,
    },
    /// A required field is absent or empty.
    MissingField {
        /// The field (`id`, `title`, `price`, `availability`, `variants`).
        field: &'static str,
    },
    /// A field has a value the format does not allow.
    InvalidField {
        /// The field.
        field: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// Another product of the feed already has this id.
    DuplicateId,
    /// The product is not of the format's shape.
    Malformed {
        /// What is wrong.
        detail: String,
    },
}

impl SkipReason {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::UnmappedCategory => "UNMAPPED_CATEGORY",
            SkipReason::InvalidPrice { .. } => "INVALID_PRICE",
            SkipReason::MissingField { .. } => "MISSING_FIELD",
            SkipReason::InvalidField { .. } => "INVALID_FIELD",
            SkipReason::DuplicateId => "DUPLICATE_ID",
            SkipReason::Malformed { .. } => "MALFORMED_PRODUCT",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::UnmappedCategory => f.write_str("no category fits"),
            SkipReason::InvalidPrice { detail } => write!(f, "invalid price: {detail}"),
            SkipReason::MissingField { field } => write!(f, "missing {field}"),
            SkipReason::InvalidField { field, detail } => write!(f, "invalid {field}: {detail}"),
            SkipReason::DuplicateId => f.write_str("duplicate id"),
            SkipReason::Malformed { detail } => write!(f, "malformed: {detail}"),
        }
    }
}

/// What a feed yielded: its merchant, the offers, and what was skipped.
///
/// Each variant of a product becomes one [`Offer`] of the merchant given in the [`FeedConfig`]:
///
/// - its **price** is read from the exact decimal text (never through a float); a negative,
///   `NaN`, out-of-range, zero or finer than micro-dollar price skips the variant;
/// - its **availability**: an out-of-stock variant is *kept* with `stock = 0`, so ranking
///   excludes it with a reason instead of it silently vanishing; preorder and backorder keep the
///   assumed stock and add [`FeedConfig::backorder_extra_days`] to the delivery time. Feeds
///   publish availability, not counts: an available variant gets [`FeedConfig::in_stock_packs`]
///   (or Shopify's `inventory_quantity` when the feed has it);
/// - **tags** come from the phrase that chose the category, the product type, the Google
///   category, the brand and the merchant's tags; **attributes** from the brand, the variant's
///   options (`Color` → `color`) and Google's `color`, `size`, `material`, `gtin`...; a pack
///   count (a Shopify option named `Pack`, `Pack Size`, `Count`...; Google's `multipack`) sets
///   `pack_size`;
/// - its **category** is chosen from [`FeedConfig::category_map`], then the Google product
///   category (path or numeric id), the product type, the title and the tags, matching the
///   longest known phrase (synonyms of the vocabulary included). Alcohol, tobacco and mature
///   Google categories are never mapped.
///
/// A product that cannot become an offer (no category fits, a bad price, a missing field, an id
/// seen before) is not dropped silently: it is listed in [`skipped`](Self::skipped) with a
/// [`SkipReason`]. Problems with the feed as a whole — over [`MAX_FEED_BYTES`] or
/// [`MAX_FEED_PRODUCTS`], not UTF-8, not the format's shape, prices in a currency other than USD
/// or USDC — are [`CatalogError`]s.
#[derive(Debug, Clone)]
pub struct FeedImport {
    /// The merchant (from the [`FeedConfig`]).
    pub vendor: Vendor,
    /// One offer per usable variant, in feed order.
    pub offers: Vec<Offer>,
    /// Products and variants that did not become offers, in feed order.
    pub skipped: Vec<SkippedProduct>,
    /// Products in the feed (Shopify products, Google items).
    pub products: usize,
    vocabulary: Vocabulary,
}

impl FeedImport {
    /// The offers as a validated catalog of one vendor (merge it with others through
    /// [`CatalogData::merge`]).
    pub fn into_catalog(self) -> Result<CatalogData, CatalogError> {
        CatalogData::new(vec![self.vendor], self.offers, self.vocabulary)
    }
}

/// Parses a feed of `format` into offers. [`FeedFormat::CatalogJson`] is not a feed (it names
/// its own vendors): use [`CatalogData::from_json`] for it; here it is a configuration error.
pub fn parse_feed(format: FeedFormat, bytes: &[u8], config: &FeedConfig) -> Result<FeedImport, CatalogError> {
    match format {
        FeedFormat::ShopifyProducts => parse_shopify_products(bytes, config),
        FeedFormat::GoogleMerchantTsv => parse_google_tsv(bytes, config),
        FeedFormat::GoogleMerchantXml => parse_google_xml(bytes, config),
        FeedFormat::CatalogJson => Err(CatalogError::Config { reason: "catalog_json is a catalog document, not a feed".into() }),
    }
}

/// The size check, UTF-8 check and BOM strip every format starts with.
pub(crate) fn feed_text<'a>(bytes: &'a [u8], config: &FeedConfig) -> Result<&'a str, CatalogError> {
    config.check()?;
    if bytes.len() > MAX_FEED_BYTES {
        return Err(CatalogError::TooLarge { what: "feed bytes", limit: MAX_FEED_BYTES as u64 });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| CatalogError::Malformed { reason: format!("feed is not UTF-8 (invalid byte at offset {})", e.valid_up_to()) })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

pub(crate) fn too_many_products() -> CatalogError {
    CatalogError::TooLarge { what: "products", limit: MAX_FEED_PRODUCTS as u64 }
}

/// Whether a product can be ordered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Availability {
    InStock,
    OutOfStock,
    /// Preorder or backorder: orderable, delivered later.
    Later,
}

/// One variant, in the terms every format shares.
#[derive(Debug, Default)]
pub(crate) struct Item {
    /// The merchant's id.
    pub id: String,
    /// The offer's name (the title, with the variant's for a Shopify variant).
    pub title: String,
    /// The product's own title (keywords for the category).
    pub product_title: String,
    /// Price text, without its currency.
    pub price: Option<String>,
    pub availability: Option<Availability>,
    pub brand: Option<String>,
    /// The merchant's product type(s): a Shopify `product_type`, a Google `product_type` path.
    pub product_types: Vec<String>,
    pub google_category: Option<String>,
    pub tags: Vec<String>,
    /// Raw option names (`Color`, `Pack Size`) or Google attribute names, with values.
    pub attributes: Vec<(String, String)>,
    pub pack_size: Option<u32>,
    pub delivery_days: Option<u32>,
    pub stock: Option<u32>,
    /// Set by a reader that already knows the item cannot be used.
    pub invalid: Option<SkipReason>,
}

/// Turns [`Item`]s into offers or skipped entries.
pub(crate) struct Builder<'c> {
    config: &'c FeedConfig,
    mapper: category::Mapper<'c>,
    ids: BTreeSet<String>,
    offers: Vec<Offer>,
    skipped: Vec<SkippedProduct>,
    products: usize,
}

impl<'c> Builder<'c> {
    pub(crate) fn new(config: &'c FeedConfig) -> Self {
        Builder {
            config,
            mapper: category::Mapper::new(&config.vocabulary, &config.category_map),
            ids: BTreeSet::new(),
            offers: Vec::new(),
            skipped: Vec::new(),
            products: 0,
        }
    }

    /// Counts a product; fails past [`MAX_FEED_PRODUCTS`].
    pub(crate) fn product(&mut self) -> Result<(), CatalogError> {
        self.products += 1;
        if self.products > MAX_FEED_PRODUCTS {
            return Err(too_many_products());
        }
        Ok(())
    }

    pub(crate) fn skip(&mut self, id: &str, title: &str, reason: SkipReason) {
        self.skipped.push(SkippedProduct { id: clip(&clean(id), 64), title: clip(&clean(title), 80), reason });
    }

    pub(crate) fn push(&mut self, item: Item) {
        match self.offer(&item) {
            Ok(offer) => {
                self.ids.insert(offer.id.clone());
                self.offers.push(offer);
            }
            Err(reason) => self.skip(&item.id, &item.title, reason),
        }
    }

    fn offer(&self, item: &Item) -> Result<Offer, SkipReason> {
        let raw_id = item.id.trim();
        if raw_id.is_empty() {
            return Err(SkipReason::MissingField { field: "id" });
        }
        if let Some(reason) = &item.invalid {
            return Err(reason.clone());
        }
        let id = offer_id(&self.config.id_prefix, raw_id);
        let name = clip(&clean(&item.title), MAX_NAME_CHARS);
        if name.is_empty() {
            return Err(SkipReason::MissingField { field: "title" });
        }
        let price_text =
            item.price.as_deref().map(str::trim).filter(|p| !p.is_empty()).ok_or(SkipReason::MissingField { field: "price" })?;
        let price = Amount::parse(price_text).map_err(|e| SkipReason::InvalidPrice { detail: e.to_string() })?;
        if price == Amount::ZERO {
            return Err(SkipReason::InvalidPrice { detail: "price is zero".into() });
        }
        let availability = item.availability.ok_or(SkipReason::MissingField { field: "availability" })?;
        let mapped = self
            .mapper
            .map(item.google_category.as_deref(), &item.product_types, &item.product_title, &item.tags)
            .ok_or(SkipReason::UnmappedCategory)?;
        if self.ids.contains(&id) {
            return Err(SkipReason::DuplicateId);
        }

        let mut tags = Vec::new();
        tags.extend(mapped.phrase.clone());
        for t in &item.product_types {
            // The deepest level of a path ("Drinks > Energy Drinks") says the most.
            tags.extend(t.rsplit('>').next().map(str::to_owned));
        }
        if let Some(gpc) = item.google_category.as_deref().filter(|g| !g.trim().bytes().all(|b| b.is_ascii_digit())) {
            tags.extend(gpc.rsplit('>').next().map(str::to_owned));
        }
        tags.extend(item.brand.clone());
        tags.extend(item.tags.iter().cloned());
        let tags = tidy_tags(tags);

        let mut attributes = BTreeMap::new();
        if let Some(brand) = item.brand.as_deref() {
            put_attribute(&mut attributes, "brand", brand);
        }
        for (key, value) in &item.attributes {
            put_attribute(&mut attributes, key, value);
        }

        let mut delivery_days = item.delivery_days.unwrap_or(self.config.delivery_days);
        let stock = match availability {
            Availability::OutOfStock => 0,
            Availability::InStock => item.stock.unwrap_or(self.config.in_stock_packs),
            Availability::Later => {
                delivery_days = delivery_days.saturating_add(self.config.backorder_extra_days);
                item.stock.unwrap_or(self.config.in_stock_packs)
            }
        };
        let offer = Offer {
            id,
            vendor_id: self.config.vendor.id.clone(),
            category: mapped.category,
            name,
            price,
            pack_size: item.pack_size.unwrap_or(1).clamp(1, 100_000),
            delivery_days: delivery_days.min(super::MAX_DELIVERY_DAYS),
            stock,
            tags,
            attributes,
        };
        // Tidied above; a failure here would be a bug, reported rather than panicking.
        let tags = normalize_tags(&offer.id, offer.tags.clone()).map_err(|e| SkipReason::Malformed { detail: e.to_string() })?;
        let attributes =
            normalize_attributes(&offer.id, offer.attributes.clone()).map_err(|e| SkipReason::Malformed { detail: e.to_string() })?;
        Ok(Offer { tags, attributes, ..offer })
    }

    pub(crate) fn finish(self) -> FeedImport {
        FeedImport {
            vendor: self.config.vendor.clone(),
            offers: self.offers,
            skipped: self.skipped,
            products: self.products,
            vocabulary: self.config.vocabulary.clone(),
        }
    }
}

/// `<prefix>-<id>` when the merchant's id is a valid id part; otherwise its valid characters
/// and a hash of the whole, so distinct ids stay distinct.
fn offer_id(prefix: &str, raw: &str) -> String {
    let ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    if raw.bytes().all(ok) && prefix.len() + 1 + raw.len() <= 64 {
        return format!("{prefix}-{raw}");
    }
    let digest = Sha256::digest(raw.as_bytes());
    let keep: String = raw.bytes().filter(|b| ok(*b)).map(char::from).take(64 - prefix.len() - 2 - 12).collect();
    let sep = if keep.is_empty() { "" } else { "-" };
    format!("{prefix}-{keep}{sep}{}", &hex::encode(digest)[..12])
}

/// Tags as a catalog stores them, from untrusted text: control characters removed, trimmed,
/// lowercased, 1-64 characters, no repeats, at most [`MAX_TAGS`].
fn tidy_tags(tags: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for t in tags {
        let t = clean(&t).to_lowercase();
        if t.is_empty() || t.chars().count() > MAX_TAG_CHARS || !seen.insert(t.clone()) {
            continue;
        }
        out.push(t);
        if out.len() == MAX_TAGS {
            break;
        }
    }
    out
}

/// An attribute key from an option or field name: `Pack Size` → `pack_size`.
pub(crate) fn attribute_key(name: &str) -> String {
    let mut key = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            key.push(c);
        } else if !key.ends_with('_') {
            key.push('_');
        }
    }
    key.trim_matches('_').chars().take(32).collect::<String>().trim_end_matches('_').to_owned()
}

fn put_attribute(attributes: &mut BTreeMap<String, String>, name: &str, value: &str) {
    let key = attribute_key(name);
    let value = clean(value);
    if !is_attribute_key(&key) || value.is_empty() || value.chars().count() > MAX_ATTRIBUTE_VALUE_CHARS {
        return;
    }
    if attributes.len() < MAX_ATTRIBUTES || attributes.contains_key(&key) {
        attributes.entry(key).or_insert(value);
    }
}

/// Text without control characters, whitespace runs collapsed to one space, trimmed.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(256));
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// At most `max` characters of `text`.
pub(crate) fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => text[..i].trim_end().to_owned(),
        None => text.to_owned(),
    }
}

/// The first whole number in `text` ("24 Pack", "Pack of 12", "12-ct"), if any.
pub(crate) fn leading_count(text: &str) -> Option<u32> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>().ok().filter(|n| (1..=100_000).contains(n))
}

/// Option names whose value is a count of units per pack.
pub(crate) fn is_pack_option(key: &str) -> bool {
    matches!(key, "pack" | "pack_size" | "pack_count" | "count" | "case_size" | "case" | "quantity" | "qty" | "units" | "multipack")
}

#[cfg(test)]
mod tests;
