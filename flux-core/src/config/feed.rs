//! `catalogs` entries that are merchant feeds or remote catalogs: `{format, url | path, vendor, ...}`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::ConfigError;
use crate::catalog::{Catalog, FeedConfig, FeedFormat, MemoryCatalog, Vendor};
use crate::error::FluxError;

/// A merchant feed (Shopify `products.json`, Google Merchant Center TSV or XML) or a Flux catalog
/// document, read from a file or fetched over HTTP(S) with ETag revalidation. `Debug` shows the
/// URL's host only (a feed URL often carries an access token).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSource {
    /// `shopify_products`, `google_merchant_tsv`, `google_merchant_xml` or `catalog_json`.
    pub format: String,
    /// Where to fetch it (`https://shop.example.com/products.json`); needs the `http-catalog`
    /// feature. Exactly one of `url` and `path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A file holding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    /// The merchant selling (required for feeds: they do not say who they are): the `vendor_id`
    /// of cart lines and the key of the policy's merchant registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<Vendor>,
    /// Prefix of offer ids. Default: the vendor id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_prefix: Option<String>,
    /// Currency of prices when the feed does not say: `USD` (default) or `USDC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Days to deliver when the feed does not say. Default 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_days: Option<u32>,
    /// Packs assumed in stock for an available item. Default 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_stock_packs: Option<u32>,
    /// A product type or Google product category → a category id, consulted first.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub category_map: BTreeMap<String, String>,
    /// Seconds fetched data is used before asking again (`url` only). Default 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_s: Option<u64>,
    /// Seconds one fetch may take (`url` only). Default 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_s: Option<u64>,
}

impl std::fmt::Debug for FeedSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedSource")
            .field("format", &self.format)
            .field("url", &self.url.as_deref().map(crate::net::redact_url))
            .field("path", &self.path.as_deref().map(|p| crate::redact::Redacted(p.to_str().unwrap_or("<non-UTF-8 path>"))))
            .field("vendor", &self.vendor)
            .finish_non_exhaustive()
    }
}

impl FeedSource {
    fn format(&self) -> Result<FeedFormat, ConfigError> {
        FeedFormat::from_name(&self.format).ok_or_else(|| {
            ConfigError::new(
                "format",
                format!(
                    "unknown feed format {:?}: shopify_products, google_merchant_tsv, google_merchant_xml or catalog_json",
                    self.format
                ),
            )
        })
    }

    fn feed_config(&self, format: FeedFormat) -> Result<Option<FeedConfig>, ConfigError> {
        if format == FeedFormat::CatalogJson {
            return Ok(None);
        }
        let vendor = self.vendor.clone().ok_or_else(|| ConfigError::new("vendor", "a feed needs its vendor: {id, name, trust_score}"))?;
        let mut config = FeedConfig::new(vendor);
        if let Some(p) = &self.id_prefix {
            config = config.with_id_prefix(p.clone());
        }
        if let Some(c) = &self.currency {
            config = config.with_currency(c.clone());
        }
        if let Some(d) = self.delivery_days {
            config = config.with_delivery_days(d);
        }
        if let Some(p) = self.in_stock_packs {
            config = config.with_in_stock_packs(p);
        }
        for (from, to) in &self.category_map {
            config = config.with_category(from, to);
        }
        Ok(Some(config))
    }

    /// The catalog this source describes: a file is read (and validated) now; a URL is fetched
    /// on first use.
    pub(super) fn build(&self) -> Result<Arc<dyn Catalog>, FluxError> {
        let format = self.format()?;
        let config = self.feed_config(format)?;
        match (&self.url, &self.path) {
            (Some(_), Some(_)) | (None, None) => Err(ConfigError::new("", "give exactly one of `url` and `path`").into()),
            (None, Some(path)) => {
                let bytes = read_limited(path)?;
                let data = match config {
                    None => crate::catalog::CatalogData::from_json(
                        std::str::from_utf8(&bytes).map_err(|_| ConfigError::new("path", "a catalog document must be UTF-8"))?,
                    )?,
                    Some(c) => crate::catalog::parse_feed(format, &bytes, &c)?.into_catalog()?,
                };
                Ok(Arc::new(MemoryCatalog::new(data)))
            }
            (Some(url), None) => self.remote(url, format, config),
        }
    }

    #[cfg(feature = "http-catalog")]
    fn remote(&self, url: &str, format: FeedFormat, config: Option<FeedConfig>) -> Result<Arc<dyn Catalog>, FluxError> {
        use crate::catalog::{HttpCatalog, HttpCatalogConfig};
        let mut http = match config {
            None => HttpCatalogConfig::catalog_json(url),
            Some(c) => HttpCatalogConfig::feed(url, format, c),
        };
        if let Some(s) = self.refresh_s {
            http = http.with_refresh_interval(Duration::from_secs(s));
        }
        if let Some(s) = self.timeout_s {
            let connect = http.connect_timeout.min(Duration::from_secs(s));
            http = http.with_timeouts(connect, Duration::from_secs(s));
        }
        Ok(Arc::new(HttpCatalog::new(http)?))
    }

    #[cfg(not(feature = "http-catalog"))]
    fn remote(&self, _: &str, _: FeedFormat, _: Option<FeedConfig>) -> Result<Arc<dyn Catalog>, FluxError> {
        let _ = (self.refresh_s.map(Duration::from_secs), self.timeout_s);
        Err(ConfigError::new("url", "fetching catalogs over HTTP needs flux-core's `http-catalog` feature").into())
    }
}

/// A feed file, at most the feed size limit.
fn read_limited(path: &std::path::Path) -> Result<Vec<u8>, FluxError> {
    use std::io::Read as _;
    let limit = crate::catalog::MAX_FEED_BYTES;
    let unreadable = |e: std::io::Error| ConfigError::new("path", format!("cannot read {}: {}", path.display(), e.kind()));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > limit {
        return Err(ConfigError::new("path", format!("{} is over the feed limit of {limit} bytes", path.display())).into());
    }
    Ok(bytes)
}
