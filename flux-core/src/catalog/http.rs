//! [`HttpCatalog`]: a catalog JSON document or a merchant feed fetched over HTTP(S), with time
//! and size limits and `ETag` revalidation (feature `http-catalog`).

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, ETAG, IF_NONE_MATCH};
use reqwest::StatusCode;

use super::feed::{parse_feed, FeedConfig, FeedFormat, SkippedProduct, MAX_FEED_BYTES};
use super::{Catalog, CatalogData, CatalogError};
use crate::BoxFuture;

/// Most redirects followed.
const MAX_REDIRECTS: usize = 5;

/// What the URL serves.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum HttpSource {
    /// A Flux catalog document ([`CatalogData::from_json`]).
    CatalogJson,
    /// A merchant feed of this format, read with this configuration.
    Feed(FeedFormat, Box<FeedConfig>),
}

/// Where an [`HttpCatalog`] fetches from, and its limits.
#[derive(Clone)]
pub struct HttpCatalogConfig {
    /// `http://` or `https://` URL. It may carry credentials (sent as basic auth) or a token in
    /// its query: errors and `Debug` only ever show `scheme://host[:port]`.
    pub url: String,
    /// What the URL serves.
    pub source: HttpSource,
    /// Time limit to connect. Default 5 s.
    pub connect_timeout: Duration,
    /// Time limit of one fetch, from connecting to the last byte. Default 30 s.
    pub timeout: Duration,
    /// Largest body read, in bytes. Default (and at most) [`MAX_FEED_BYTES`].
    pub max_bytes: usize,
    /// How long fetched data is used without asking the server again. Default 60 s; zero asks
    /// (conditionally, with `If-None-Match`) on every load.
    pub refresh_interval: Duration,
}

impl HttpCatalogConfig {
    /// A Flux catalog document at `url`.
    pub fn catalog_json(url: impl Into<String>) -> Self {
        Self::with_source(url.into(), HttpSource::CatalogJson)
    }

    /// A merchant feed of `format` at `url`.
    pub fn feed(url: impl Into<String>, format: FeedFormat, config: FeedConfig) -> Self {
        let source = match format {
            FeedFormat::CatalogJson => HttpSource::CatalogJson,
            f => HttpSource::Feed(f, Box::new(config)),
        };
        Self::with_source(url.into(), source)
    }

    fn with_source(url: String, source: HttpSource) -> Self {
        HttpCatalogConfig {
            url,
            source,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            max_bytes: MAX_FEED_BYTES,
            refresh_interval: Duration::from_secs(60),
        }
    }

    /// Sets the connect and whole-fetch time limits.
    pub fn with_timeouts(mut self, connect: Duration, total: Duration) -> Self {
        self.connect_timeout = connect;
        self.timeout = total;
        self
    }

    /// Sets the largest body read.
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets how long fetched data is used before asking the server again.
    pub fn with_refresh_interval(mut self, interval: Duration) -> Self {
        self.refresh_interval = interval;
        self
    }
}

impl fmt::Debug for HttpCatalogConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpCatalogConfig")
            .field("url", &origin_of(&self.url))
            .field("source", &self.source)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_bytes", &self.max_bytes)
            .field("refresh_interval", &self.refresh_interval)
            .finish()
    }
}

/// `scheme://host[:port]` of a URL: no credentials, path, query or fragment.
fn origin_of(url: &str) -> String {
    match reqwest::Url::parse(url.trim()) {
        Ok(u) => match (u.host_str(), u.port()) {
            (Some(h), Some(p)) => format!("{}://{h}:{p}", u.scheme()),
            (Some(h), None) => format!("{}://{h}", u.scheme()),
            (None, _) => format!("{}://", u.scheme()),
        },
        Err(_) => "<invalid url>".to_owned(),
    }
}

/// Data from the last successful fetch.
#[derive(Clone)]
struct Fetched {
    etag: Option<String>,
    data: Arc<CatalogData>,
    skipped: Arc<[SkippedProduct]>,
    at: Instant,
}

struct Inner {
    client: reqwest::Client,
    url: reqwest::Url,
    origin: String,
    config: HttpCatalogConfig,
    last: Mutex<Option<Fetched>>,
}

/// A tokio runtime dropped without blocking (dropping one inside another runtime would panic).
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

/// A catalog fetched over HTTP(S): a Flux catalog document or a merchant feed (Shopify,
/// Google Merchant Center). Fetches run on the catalog's own I/O thread, so any executor may
/// await [`Catalog::load`].
///
/// Data is reused for [`HttpCatalogConfig::refresh_interval`]; after that a load asks again
/// with `If-None-Match`, and a `304 Not Modified` reuses the parsed data (the same `Arc`).
/// Failures are typed: `CATALOG_TIMEOUT`, `CATALOG_HTTP_STATUS`, `CATALOG_TOO_LARGE`,
/// `CATALOG_UNAVAILABLE` (connection failed, redirect refused), or the parse errors of the
/// source. A failed refresh is an error, not stale data. Redirects are followed up to 5 times,
/// never to a URL with credentials and never from https to http.
///
/// ```no_run
/// use flux_core::{Flux, FeedConfig, FeedFormat, HttpCatalog, HttpCatalogConfig, Vendor};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let shop = Vendor { id: "cool_drinks".into(), name: "Cool Drinks Co".into(), trust_score: 80, volume_tiers: vec![], promotions: vec![] };
/// let feed = HttpCatalogConfig::feed("https://cool-drinks.example/products.json", FeedFormat::ShopifyProducts, FeedConfig::new(shop));
/// let flux = Flux::builder().catalog(HttpCatalog::new(feed)?).build()?;
/// # Ok(()) }
/// ```
pub struct HttpCatalog {
    inner: Arc<Inner>,
    runtime: OwnRuntime,
}

impl fmt::Debug for HttpCatalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpCatalog").field("config", &self.inner.config).finish_non_exhaustive()
    }
}

/// Why a redirect was not followed (found again in reqwest's error chain).
#[derive(Debug)]
struct RedirectRefused(&'static str);

impl fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for RedirectRefused {}

fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let url = attempt.url();
        let from_https = attempt.previous().last().is_some_and(|u| u.scheme() == "https");
        if !url.username().is_empty() || url.password().is_some() {
            attempt.error(RedirectRefused("redirect to a URL with credentials refused"))
        } else if from_https && url.scheme() != "https" {
            attempt.error(RedirectRefused("redirect from https to http refused"))
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(RedirectRefused("too many redirects"))
        } else {
            attempt.follow()
        }
    })
}

impl HttpCatalog {
    /// Checks the configuration (an http or https URL with a host, positive time limits, a body
    /// limit of at most [`MAX_FEED_BYTES`]) and starts the catalog's I/O thread. Nothing is
    /// fetched until the first load.
    pub fn new(config: HttpCatalogConfig) -> Result<HttpCatalog, CatalogError> {
        let origin = origin_of(&config.url);
        let bad = |reason: &str| CatalogError::Config { reason: format!("{origin}: {reason}") };
        let url = reqwest::Url::parse(config.url.trim()).map_err(|_| bad("not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad("the scheme must be http or https"));
        }
        if url.host().is_none() {
            return Err(bad("no host"));
        }
        if config.timeout.is_zero() || config.connect_timeout.is_zero() {
            return Err(bad("time limits must be positive"));
        }
        if config.max_bytes == 0 || config.max_bytes > MAX_FEED_BYTES {
            return Err(bad("max_bytes must be 1..=20 MiB"));
        }
        let client = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .redirect(redirect_policy())
            .user_agent(concat!("flux-core/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| bad("cannot build the HTTP client (TLS setup failed)"))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("flux-catalog")
            .enable_all()
            .build()
            .map_err(|_| CatalogError::Unavailable { reason: "cannot start the catalog's I/O thread".into() })?;
        Ok(HttpCatalog {
            inner: Arc::new(Inner { client, url, origin, config, last: Mutex::new(None) }),
            runtime: OwnRuntime(Some(runtime)),
        })
    }

    /// `scheme://host[:port]` of the URL.
    pub fn origin(&self) -> &str {
        &self.inner.origin
    }

    /// Products of the last fetched feed that did not become offers (empty for a catalog
    /// document, or before the first fetch).
    pub fn skipped(&self) -> Arc<[SkippedProduct]> {
        self.inner.lock().as_ref().map(|f| f.skipped.clone()).unwrap_or_else(|| Arc::from(Vec::new()))
    }

    /// Asks the server now (conditionally, when data was fetched before), whatever the refresh
    /// interval.
    pub async fn refresh(&self) -> Result<Arc<CatalogData>, CatalogError> {
        self.run(true).await
    }

    async fn run(&self, force: bool) -> Result<Arc<CatalogData>, CatalogError> {
        let Some(rt) = self.runtime.0.as_ref() else {
            return Err(CatalogError::Unavailable { reason: "the catalog's I/O thread is gone".into() });
        };
        let inner = Arc::clone(&self.inner);
        let mut task = AbortOnDrop(rt.spawn(async move { inner.load(force).await }));
        match (&mut task.0).await {
            Ok(r) => r,
            Err(_) => Err(CatalogError::Unavailable { reason: "the catalog's I/O task stopped".into() }),
        }
    }
}

/// Aborts the I/O task when the caller stops waiting for it.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Option<Fetched>> {
        self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn load(&self, force: bool) -> Result<Arc<CatalogData>, CatalogError> {
        let last = self.lock().clone();
        if let Some(f) = &last {
            if !force && f.at.elapsed() < self.config.refresh_interval {
                return Ok(f.data.clone());
            }
        }
        let limit = self.config.timeout;
        let timeout =
            || CatalogError::Timeout { origin: self.origin.clone(), after_ms: u64::try_from(limit.as_millis()).unwrap_or(u64::MAX) };
        let fetched = tokio::time::timeout(limit, self.fetch(last.as_ref())).await.map_err(|_| timeout())??;
        let data = fetched.data.clone();
        *self.lock() = Some(fetched);
        Ok(data)
    }

    async fn fetch(&self, last: Option<&Fetched>) -> Result<Fetched, CatalogError> {
        let mut request = self.client.get(self.url.clone()).timeout(self.config.timeout).header(ACCEPT, self.accept());
        if let Some(etag) = last.and_then(|f| f.etag.as_deref()) {
            request = request.header(IF_NONE_MATCH, etag);
        }
        let response = request.send().await.map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            if let Some(f) = last {
                return Ok(Fetched { at: Instant::now(), ..f.clone() });
            }
        }
        if !status.is_success() {
            return Err(CatalogError::HttpStatus { origin: self.origin.clone(), status: status.as_u16() });
        }
        let etag = response
            .headers()
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 256 && v.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
            .map(str::to_owned);
        let body = self.read_capped(response).await?;
        let (data, skipped) = match &self.config.source {
            HttpSource::CatalogJson => {
                let text = std::str::from_utf8(&body).map_err(|_| CatalogError::Malformed { reason: "catalog is not UTF-8".into() })?;
                (CatalogData::from_json(text)?, Vec::new())
            }
            HttpSource::Feed(format, config) => {
                let import = parse_feed(*format, &body, config)?;
                let skipped = import.skipped.clone();
                (import.into_catalog()?, skipped)
            }
        };
        Ok(Fetched { etag, data: Arc::new(data), skipped: skipped.into(), at: Instant::now() })
    }

    fn accept(&self) -> &'static str {
        match &self.config.source {
            HttpSource::CatalogJson | HttpSource::Feed(FeedFormat::ShopifyProducts, _) => "application/json",
            HttpSource::Feed(FeedFormat::GoogleMerchantTsv, _) => "text/tab-separated-values, text/plain;q=0.9, */*;q=0.5",
            HttpSource::Feed(_, _) => "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        }
    }

    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Vec<u8>, CatalogError> {
        let cap = self.config.max_bytes;
        let too_large = || CatalogError::TooLarge { what: "response bytes", limit: cap as u64 };
        if response.content_length().is_some_and(|n| n > cap as u64) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(response.content_length().map_or(64 << 10, |n| n as usize));
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport_error(&e))? {
            if body.len() + chunk.len() > cap {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// A secret-free error for a failed exchange (reqwest's own messages carry the URL: unused).
    fn transport_error(&self, e: &reqwest::Error) -> CatalogError {
        if e.is_timeout() {
            return CatalogError::Timeout {
                origin: self.origin.clone(),
                after_ms: u64::try_from(self.config.timeout.as_millis()).unwrap_or(u64::MAX),
            };
        }
        let what = if e.is_redirect() {
            let mut source = std::error::Error::source(e);
            let mut why = "redirect refused";
            while let Some(s) = source {
                if let Some(r) = s.downcast_ref::<RedirectRefused>() {
                    why = r.0;
                    break;
                }
                source = s.source();
            }
            why
        } else if e.is_connect() {
            "connection failed"
        } else if e.is_body() || e.is_decode() {
            "reading the answer failed"
        } else {
            "the request failed"
        };
        CatalogError::Unavailable { reason: format!("{}: {what}", self.origin) }
    }
}

impl Catalog for HttpCatalog {
    fn load(&self) -> BoxFuture<'_, Result<Arc<CatalogData>, CatalogError>> {
        Box::pin(self.run(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_hide_credentials_paths_and_queries() {
        assert_eq!(origin_of("https://user:secret@shop.example:8443/feeds/p.json?token=abc#x"), "https://shop.example:8443");
        assert_eq!(origin_of("http://127.0.0.1/products.json"), "http://127.0.0.1");
        assert_eq!(origin_of("http://[::1]:8080/x"), "http://[::1]:8080");
        assert_eq!(origin_of("not a url with secret"), "<invalid url>");
    }

    #[test]
    fn configuration_is_checked_without_leaking_the_url() {
        let cases = [
            HttpCatalogConfig::catalog_json("ftp://user:secret@files.example/catalog.json"),
            HttpCatalogConfig::catalog_json("https://secret.example/c.json?token=secret")
                .with_timeouts(Duration::ZERO, Duration::from_secs(1)),
            HttpCatalogConfig::catalog_json("https://shop.example/c.json?token=secret").with_max_bytes(MAX_FEED_BYTES + 1),
            HttpCatalogConfig::catalog_json("secret"),
        ];
        for config in cases {
            let err = HttpCatalog::new(config.clone()).unwrap_err();
            assert_eq!(err.code(), "INVALID_CATALOG_CONFIG");
            assert!(!err.to_string().contains("token") && !format!("{config:?}").contains("token"), "{err} / {config:?}");
            assert!(!err.to_string().contains("/c.json") && !err.to_string().contains("user"), "{err}");
        }
    }
}
