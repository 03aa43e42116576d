//! The original Flux OS HTTP API on `flux-core`, with axum: the reference for a Rust service
//! that uses `cargo add flux-core`. The contract — routes, query, headers, multipart uploads and
//! every answer — is [`flux_core::http::serve`]; this crate only moves bytes between axum and the
//! kernel, and answers CORS.
//!
//! ```text
//! GET  /                      health
//! POST /api/orchestrate       the seed's UserRequest JSON -> {"options", "telemetry", ...}
//! POST /api/upload_intent     multipart `file` + ?budget=..&strategy=..&deadline_days=..
//! POST /api/execute_payment   a JSON list of cart lines (+ Idempotency-Key, X-Flux-Approval) -> settlement; 403 on denial
//! ```

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use flux_core::http::{self as contract, Answer};
use flux_core::Flux;
use http_body_util::BodyExt;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Which origins (`FLUX_CORS_ORIGINS`) or host names (`FLUX_ALLOWED_HOSTS`) the API answers. A page
/// an origin serves may plan and pay through the server, and a site whose name was pointed at this
/// machine (DNS rebinding) is same-origin to the browser, needing no CORS: only its `Host` header
/// tells it apart. So both default to this machine's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowed {
    /// `localhost`, `127.0.0.1` and `[::1]`, any port (pages served from this machine): the
    /// default, where a locally served dashboard works and no other site gets in.
    Loopback,
    /// Any (`*`), without credentials: only when asked for (behind a proxy that checks it).
    Any,
    /// Only these (`https://dash.example.com`; `flux.example.com` or `name:port` for hosts).
    List(Vec<String>),
}

/// Which browser origins may call the API ([`Allowed`], from `FLUX_CORS_ORIGINS`).
pub type Origins = Allowed;
/// Which host names the API answers ([`Allowed`], from `FLUX_ALLOWED_HOSTS`).
pub type Hosts = Allowed;

impl Allowed {
    /// The setting of the environment variable `name`: comma-separated, `*` for any; unset or
    /// empty, loopback.
    pub fn from_env(name: &str) -> Allowed {
        Allowed::parse(&std::env::var(name).unwrap_or_default())
    }

    /// Comma-separated origins or names (compared in lower case); `*` is any, empty is loopback.
    pub fn parse(text: &str) -> Allowed {
        let list: Vec<String> = text.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect();
        if list.iter().any(|h| h == "*") {
            Allowed::Any
        } else if list.is_empty() {
            Allowed::Loopback
        } else {
            Allowed::List(list)
        }
    }

    /// Whether a request with this `Host` header is answered.
    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let name = match host.strip_prefix('[') {
            Some(_) => host.split_inclusive(']').next().unwrap_or_default(),
            None => host.split(':').next().unwrap_or_default(),
        };
        match self {
            Allowed::Any => true,
            Allowed::List(list) => list.iter().any(|h| *h == host || h == name),
            Allowed::Loopback => is_loopback_origin(&format!("http://{host}")),
        }
    }
}

/// Whether `origin` is a page of this machine: `http(s)://localhost`, `127.0.0.1` or `[::1]`,
/// with any port.
pub fn is_loopback_origin(origin: &str) -> bool {
    let Some(authority) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) else { return false };
    let (host, port) = match authority.strip_prefix("[::1]") {
        Some(port) => ("[::1]", port),
        None => authority.find(':').map_or((authority, ""), |i| authority.split_at(i)),
    };
    let port_ok =
        port.is_empty() || port.strip_prefix(':').is_some_and(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    matches!(host, "localhost" | "127.0.0.1" | "[::1]") && port_ok
}

/// 403 `UNTRUSTED_HOST` for a request to a host name the API does not answer.
async fn trusted_host(State(hosts): State<Arc<Hosts>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if hosts.allows_host(host) {
        return next.run(request).await;
    }
    let body = r#"{"detail":"this server answers its own host names only (FLUX_ALLOWED_HOSTS)","code":"UNTRUSTED_HOST"}"#;
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn cors(origins: &Origins) -> CorsLayer {
    let allow = match origins {
        Origins::Loopback => AllowOrigin::predicate(|origin, _| origin.to_str().is_ok_and(is_loopback_origin)),
        Origins::Any => AllowOrigin::any(),
        Origins::List(list) => AllowOrigin::list(list.iter().filter_map(|o| HeaderValue::from_str(o).ok())),
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-flux-approval"),
            HeaderName::from_static("x-fluxos"),
        ])
        .expose_headers([HeaderName::from_static("idempotent-replayed")])
        .max_age(Duration::from_secs(600))
}

/// The API as an axum router over one shared kernel: every request goes to the contract
/// ([`contract::serve`]), which routes it and reads its query, headers and multipart form.
pub fn app(flux: Arc<Flux>, origins: &Origins, hosts: Hosts) -> Router {
    Router::new()
        .fallback(serve)
        // `serve` reads each body under its route's limit and answers 413 in the contract's shape.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(Arc::new(hosts), trusted_host))
        .layer(cors(origins))
        .with_state(flux)
}

/// An [`Answer`] as an axum response.
fn respond(answer: Answer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, [(header::CONTENT_TYPE, "application/json")], answer.body).into_response();
    for (name, value) in answer.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// The body's first `limit + 1` bytes at most, whatever Content-Length says: the kernel routes
/// first and answers a body over its route's limit 413 (an unknown path stays 404).
async fn read_prefix(mut body: Body, limit: usize) -> Result<Vec<u8>, axum::Error> {
    let mut read = Vec::new();
    while read.len() <= limit {
        let Some(frame) = body.frame().await else { break };
        if let Ok(data) = frame?.into_data() {
            read.extend_from_slice(&data[..data.len().min(limit + 1 - read.len())]);
        }
    }
    Ok(read)
}

async fn serve(State(flux): State<Arc<Flux>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = read_prefix(body, contract::body_limit(parts.uri.path())).await else {
        let detail = r#"{"detail": "the request body could not be read"}"#;
        return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], detail).into_response();
    };
    let headers: Vec<(&[u8], &[u8])> = parts.headers.iter().map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())).collect();
    let request = contract::Request {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or_default(),
        headers: &headers,
        body: &body,
    };
    respond(contract::serve(&flux, &request).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_pages_are_loopback() {
        for ok in ["http://localhost:3000", "http://127.0.0.1:5173", "https://localhost", "http://[::1]:8080", "http://[::1]"] {
            assert!(is_loopback_origin(ok), "{ok}");
        }
        for not in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
            "http://127.0.0.1:80a",
            "null",
            "file://",
            "",
        ] {
            assert!(!is_loopback_origin(not), "{not}");
        }
        assert_eq!(Origins::parse(""), Origins::Loopback);
        let hosts = Hosts::parse("");
        for ok in ["127.0.0.1:8000", "localhost", "LOCALHOST:3000", "[::1]:8080"] {
            assert!(hosts.allows_host(ok), "{ok}");
        }
        for not in ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io:8000", ""] {
            assert!(!hosts.allows_host(not), "{not}");
        }
        assert!(Hosts::parse("flux.example.com").allows_host("flux.example.com:443"));
        assert!(Hosts::parse("*").allows_host("anything"));
        assert_eq!(Origins::parse(" * "), Origins::Any);
    }
}
