//! `HttpCatalog` against a real HTTP/1.1 server on loopback: catalog documents and feeds, ETag
//! revalidation, time and size limits, error statuses, and redirects that must not leak
//! secrets.

#![cfg(feature = "http-catalog")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod memory_config;

use memory_config::from_config;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flux_core::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server answers to one request.
#[derive(Clone, Debug)]
enum Reply {
    /// 200 with this body and an `ETag`; 304 when the request's `If-None-Match` matches it.
    Tagged { etag: &'static str, body: Vec<u8> },
    /// This status, headers and body.
    Raw { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// 200 and `len` bytes streamed without a `Content-Length`.
    Stream { len: usize },
    /// The inner reply after a delay.
    Slow(Duration, Box<Reply>),
}

#[derive(Clone, Debug)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
    status: u16,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A loopback server on its own runtime; `routes` maps a path (without query) to a reply.
#[test]
fn a_configured_feed_url_is_fetched_and_bought_from() {
    let server = Server::start(vec![("/products.json", Reply::Tagged { etag: "v1", body: fixture("shopify-products.json") })]);
    let toml = format!(
        r#"
        catalogs = [{{ format = "shopify_products", url = "{}", refresh_s = 0, timeout_s = 5, delivery_days = 2,
                      vendor = {{ id = "demo_shop", name = "Flux Demo Shop", trust_score = 82 }} }}]
        policy = {{ merchants = [{{ id = "demo_shop", name = "Flux Demo Shop", payout_address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", trust_score = 82 }}],
                   rules = {{ max_budget_cap = "500" }} }}
        "#,
        server.url("/products.json")
    );
    let flux = from_config(&FluxConfig::from_toml(&toml).unwrap()).unwrap();
    let intent = Intent::new("24 energy drinks", Amount::whole(200), 7, Strategy::Cheapest).unwrap();
    let proposal = block_on(flux.orchestrate(&intent)).unwrap();
    let line = &proposal.cart.lines()[0];
    assert_eq!(line.vendor_id, "demo_shop");
    assert!(line.name.to_lowercase().contains("energy"), "{}", line.name);
    assert_eq!(line.delivery_days, 2);
    // The policy's registry knows the feed's merchant: the cart is approved and settles.
    assert!(flux.authorize(&proposal.cart).approved().is_some());
    // refresh_s = 0 revalidates on every load: the second asks with If-None-Match and gets 304.
    block_on(flux.orchestrate(&intent)).unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("if-none-match"), Some("\"v1\""));
}

struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl Server {
    fn start(routes: Vec<(&'static str, Reply)>) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        let listener = {
            let _guard = runtime.enter();
            TcpListener::from_std(std_listener).unwrap()
        };
        let seen = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(routes);
        let shared = Arc::clone(&seen);
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let (routes, seen) = (Arc::clone(&routes), Arc::clone(&shared));
                tokio::spawn(async move {
                    let _ = serve(stream, &routes, &seen).await;
                });
            }
        });
        Server { addr, seen, runtime: Some(runtime) }
    }

    fn url(&self, path_and_query: &str) -> String {
        format!("http://{}{path_and_query}", self.addr)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, routes: &[(&'static str, Reply)], seen: &Mutex<Vec<Seen>>) -> std::io::Result<()> {
    let mut buf = Vec::new();
    loop {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let target = lines.next().unwrap_or("").split(' ').nth(1).unwrap_or("").to_owned();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned())).collect();
    let path = target.split('?').next().unwrap_or("").to_owned();
    let reply = routes.iter().find(|(p, _)| *p == path).map(|(_, r)| r.clone());
    let reply = reply.unwrap_or(Reply::Raw { status: 404, headers: vec![], body: b"not found".to_vec() });
    answer(&mut stream, reply, Seen { path, headers, status: 0 }, seen).await
}

fn answer<'a>(
    stream: &'a mut TcpStream,
    reply: Reply,
    mut request: Seen,
    seen: &'a Mutex<Vec<Seen>>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<()>> + Send + 'a>> {
    Box::pin(async move {
        match reply {
            Reply::Slow(delay, inner) => {
                tokio::time::sleep(delay).await;
                answer(stream, *inner, request, seen).await
            }
            Reply::Tagged { etag, body } => {
                let quoted = format!("\"{etag}\"");
                if request.header("if-none-match") == Some(quoted.as_str()) {
                    request.status = 304;
                    seen.lock().unwrap().push(request);
                    write(stream, 304, &[("etag".into(), quoted)], b"", false).await
                } else {
                    request.status = 200;
                    seen.lock().unwrap().push(request);
                    write(stream, 200, &[("etag".into(), quoted)], &body, true).await
                }
            }
            Reply::Raw { status, headers, body } => {
                request.status = status;
                seen.lock().unwrap().push(request);
                write(stream, status, &headers, &body, true).await
            }
            Reply::Stream { len } => {
                request.status = 200;
                seen.lock().unwrap().push(request);
                stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n").await?;
                let chunk = vec![b' '; 64 << 10];
                let mut sent = 0;
                while sent < len {
                    let n = chunk.len().min(len - sent);
                    if stream.write_all(&chunk[..n]).await.is_err() {
                        return Ok(());
                    }
                    sent += n;
                }
                stream.shutdown().await
            }
        }
    })
}

async fn write(stream: &mut TcpStream, status: u16, headers: &[(String, String)], body: &[u8], with_length: bool) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nconnection: close\r\n");
    if with_length {
        head.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.flush().await?;
    stream.shutdown().await
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/feeds").join(name)).unwrap()
}

fn shop() -> FeedConfig {
    FeedConfig::new(Vendor {
        id: "demo_shop".into(),
        name: "Flux Demo Shop".into(),
        trust_score: 82,
        volume_tiers: vec![],
        promotions: vec![],
    })
}

const SECRETS: &[&str] = &["hunter2", "s3cret", "tok3n", "private", "products.json", "/feed"];

/// The error and everything printed about the catalog carry the origin, never a secret.
fn assert_no_secrets(text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{s:?} leaked in {text:?}");
    }
}

#[test]
fn catalog_json_is_fetched_and_revalidated_with_etags() {
    let server = Server::start(vec![("/catalog.json", Reply::Tagged { etag: "v1", body: EmbeddedCatalog::json().as_bytes().to_vec() })]);
    let config = HttpCatalogConfig::catalog_json(server.url("/catalog.json")).with_refresh_interval(Duration::ZERO);
    let catalog = HttpCatalog::new(config).unwrap();
    let first = block_on(catalog.load()).unwrap();
    assert_eq!(first.len(), EmbeddedCatalog::data().len());
    let second = block_on(catalog.load()).unwrap();
    assert!(Arc::ptr_eq(&first, &second), "a 304 reuses the parsed data");
    let seen = server.seen();
    assert_eq!(seen.iter().map(|s| s.status).collect::<Vec<_>>(), [200, 304]);
    assert_eq!(seen[0].header("if-none-match"), None);
    assert_eq!(seen[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(seen[0].header("accept"), Some("application/json"));
    assert!(seen[0].header("user-agent").is_some_and(|ua| ua.starts_with("flux-core/")));
    assert!(catalog.skipped().is_empty());

    // Within the refresh interval, no request at all.
    let cached = HttpCatalog::new(HttpCatalogConfig::catalog_json(server.url("/catalog.json"))).unwrap();
    let a = block_on(cached.load()).unwrap();
    let b = block_on(cached.load()).unwrap();
    assert!(Arc::ptr_eq(&a, &b));
    assert_eq!(server.seen().len(), 3);
    // refresh() asks now.
    let c = block_on(cached.refresh()).unwrap();
    assert!(Arc::ptr_eq(&a, &c));
    assert_eq!(server.seen().last().map(|s| s.status), Some(304));
}

#[test]
fn feeds_over_http_report_skipped_products_and_reach_the_kernel() {
    let server = Server::start(vec![
        ("/products.json", Reply::Tagged { etag: "abc", body: fixture("shopify-products.json") }),
        ("/feed.xml", Reply::Raw { status: 200, headers: vec![], body: fixture("google-merchant.xml") }),
        ("/feed.tsv", Reply::Raw { status: 200, headers: vec![], body: fixture("google-merchant.tsv") }),
    ]);
    let shopify = HttpCatalog::new(HttpCatalogConfig::feed(server.url("/products.json"), FeedFormat::ShopifyProducts, shop())).unwrap();
    let data = block_on(shopify.load()).unwrap();
    assert_eq!(data.len(), 9);
    let skipped: Vec<&str> = shopify.skipped().iter().map(|s| s.reason.code()).collect();
    assert_eq!(skipped, ["UNMAPPED_CATEGORY", "INVALID_PRICE"]);
    assert_eq!(shopify.origin(), format!("http://{}", server.addr));

    let xml =
        HttpCatalog::new(HttpCatalogConfig::feed(server.url("/feed.xml"), FeedFormat::GoogleMerchantXml, shop().with_id_prefix("gx")))
            .unwrap();
    let tsv =
        HttpCatalog::new(HttpCatalogConfig::feed(server.url("/feed.tsv"), FeedFormat::GoogleMerchantTsv, shop().with_id_prefix("gt")))
            .unwrap();
    assert_eq!(block_on(xml.load()).unwrap().len(), 5);
    assert_eq!(block_on(tsv.load()).unwrap().len(), 7);
    let accepts: Vec<String> = server.seen().iter().filter_map(|s| s.header("accept").map(str::to_owned)).collect();
    assert!(accepts[1].contains("application/rss+xml") && accepts[2].contains("text/tab-separated-values"), "{accepts:?}");

    // Three feeds of the same merchant with distinct id prefixes, plus the embedded catalog.
    let flux =
        Flux::builder().ledger(MemoryLedger::new()).catalog(EmbeddedCatalog).catalog(shopify).catalog(xml).catalog(tsv).build().unwrap();
    let all = block_on(flux.catalog()).unwrap();
    assert_eq!(all.len(), EmbeddedCatalog::data().len() + 9 + 5 + 7);
    let intent = Intent::new("24 energy drinks", Amount::whole(200), 30, Strategy::Cheapest).unwrap();
    let proposal = block_on(flux.orchestrate(&intent)).unwrap();
    assert_eq!(proposal.needs[0].category, "drinks");
}

#[test]
fn a_slow_server_times_out() {
    let slow = Reply::Slow(Duration::from_secs(3), Box::new(Reply::Raw { status: 200, headers: vec![], body: b"{}".to_vec() }));
    let server = Server::start(vec![("/products.json", slow)]);
    let config = HttpCatalogConfig::feed(server.url("/products.json?access_token=tok3n"), FeedFormat::ShopifyProducts, shop())
        .with_timeouts(Duration::from_secs(2), Duration::from_millis(300));
    let catalog = HttpCatalog::new(config).unwrap();
    let started = std::time::Instant::now();
    let err = block_on(catalog.load()).unwrap_err();
    assert_eq!(err.code(), "CATALOG_TIMEOUT");
    assert!(started.elapsed() < Duration::from_secs(3), "gave up before the server answered");
    assert_eq!(err.to_string(), format!("catalog server http://{} did not answer within 300 ms", server.addr));
    assert_no_secrets(&format!("{err} {err:?} {catalog:?}"));
}

#[test]
fn oversized_answers_are_refused() {
    let big = vec![b' '; 2 << 20];
    let server = Server::start(vec![
        ("/declared", Reply::Raw { status: 200, headers: vec![], body: big }),
        ("/streamed", Reply::Stream { len: 3 << 20 }),
    ]);
    for path in ["/declared", "/streamed"] {
        let config = HttpCatalogConfig::catalog_json(server.url(path)).with_max_bytes(1 << 20);
        let err = block_on(HttpCatalog::new(config).unwrap().load()).unwrap_err();
        assert_eq!((err.code(), err.to_string()), ("CATALOG_TOO_LARGE", "response bytes over the limit of 1048576".to_owned()), "{path}");
    }
}

#[test]
fn error_statuses_are_typed_and_secret_free() {
    let server = Server::start(vec![
        ("/private/products.json", Reply::Raw { status: 500, headers: vec![], body: b"{\"error\":\"db down hunter2\"}".to_vec() }),
        ("/bad-json", Reply::Raw { status: 200, headers: vec![], body: b"{\"vendors\": [".to_vec() }),
    ]);
    let url = format!("http://admin:hunter2@{}/private/products.json?key=s3cret", server.addr);
    let catalog = HttpCatalog::new(HttpCatalogConfig::feed(url, FeedFormat::ShopifyProducts, shop())).unwrap();
    let err = block_on(catalog.load()).unwrap_err();
    assert_eq!(err.code(), "CATALOG_HTTP_STATUS");
    assert_eq!(err.to_string(), format!("catalog server http://{} answered HTTP 500", server.addr));
    assert_no_secrets(&format!("{err} {err:?} {catalog:?}"));
    // Credentials in the URL were sent as basic auth.
    assert!(server.seen()[0].header("authorization").is_some_and(|a| a.starts_with("Basic ")));

    let err = block_on(HttpCatalog::new(HttpCatalogConfig::catalog_json(server.url("/bad-json"))).unwrap().load()).unwrap_err();
    assert_eq!(err.code(), "MALFORMED_CATALOG");
    // Through the facade, the same typed error.
    let flux = Flux::builder()
        .ledger(MemoryLedger::new())
        .catalog(HttpCatalog::new(HttpCatalogConfig::catalog_json(server.url("/nope"))).unwrap())
        .build()
        .unwrap();
    let intent = Intent::new("snacks", Amount::whole(50), 7, Strategy::Balanced).unwrap();
    assert_eq!(block_on(flux.orchestrate(&intent)).unwrap_err().code(), "CATALOG_HTTP_STATUS");
}

#[test]
fn redirects_are_followed_but_never_to_credentials() {
    let server = Server::start(vec![("/feed.json", Reply::Tagged { etag: "r1", body: EmbeddedCatalog::json().as_bytes().to_vec() })]);
    let addr = server.addr;
    let to = |location: String| Reply::Raw { status: 302, headers: vec![("location".into(), location)], body: vec![] };
    let hops = Server::start(vec![
        ("/moved", to(format!("http://{addr}/feed.json"))),
        ("/leak", to(format!("http://admin:s3cret@{addr}/private/feed.json?token=tok3n"))),
        ("/loop", to("/loop".into())),
    ]);
    let moved = HttpCatalog::new(HttpCatalogConfig::catalog_json(hops.url("/moved"))).unwrap();
    assert_eq!(block_on(moved.load()).unwrap().len(), EmbeddedCatalog::data().len());
    assert_eq!(hops.seen()[0].path, "/moved");
    assert_eq!(server.seen()[0].path, "/feed.json");

    let leak = HttpCatalog::new(HttpCatalogConfig::catalog_json(hops.url("/leak"))).unwrap();
    let err = block_on(leak.load()).unwrap_err();
    assert_eq!(err.code(), "CATALOG_UNAVAILABLE");
    assert_eq!(err.to_string(), format!("could not load catalog: http://{}: redirect to a URL with credentials refused", hops.addr));
    assert_no_secrets(&format!("{err} {err:?} {leak:?}"));
    assert_eq!(server.seen().len(), 1, "the redirect with credentials was not followed");

    let err = block_on(HttpCatalog::new(HttpCatalogConfig::catalog_json(hops.url("/loop"))).unwrap().load()).unwrap_err();
    assert_eq!((err.code(), err.to_string().ends_with("too many redirects")), ("CATALOG_UNAVAILABLE", true), "{err}");
}

#[test]
fn an_unreachable_server_is_unavailable() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://user:hunter2@127.0.0.1:{port}/private/feed.tsv?token=tok3n");
    let catalog = HttpCatalog::new(HttpCatalogConfig::feed(url, FeedFormat::GoogleMerchantTsv, shop())).unwrap();
    let err = block_on(catalog.load()).unwrap_err();
    assert_eq!(err.code(), "CATALOG_UNAVAILABLE");
    assert_eq!(err.to_string(), format!("could not load catalog: http://127.0.0.1:{port}: connection failed"));
    assert_no_secrets(&format!("{err} {err:?} {catalog:?}"));
}
