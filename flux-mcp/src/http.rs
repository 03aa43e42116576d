//! Streamable HTTP on a loopback address, at `/mcp`. Host headers must be loopback names (DNS
//! rebinding) and a request from a browser page (an `Origin` header) is refused: a local server
//! without authentication answers local programs only. A POST from a loopback host, with no
//! Origin, whose JSON gives a key twice is answered "invalid params" (a repeated `id` or `method`:
//! "invalid request") before rmcp reads it, as on stdio ([`crate::unique`]); rmcp refuses the rest.

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::server::FluxMcp;

/// Serves until `stop` resolves; prints `listening on http://ADDR/mcp` once it accepts.
pub async fn serve(app: Arc<App>, addr: SocketAddr, stop: impl std::future::Future<Output = ()> + Send + 'static) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {}", e.kind()))?;
    let local = listener.local_addr().map_err(|e| format!("no local address: {}", e.kind()))?;
    let cancel = CancellationToken::new();
    let config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(["localhost", "127.0.0.1", "::1", "[::1]"])
        .enforce_origin_validation()
        .with_cancellation_token(cancel.child_token());
    let service = StreamableHttpService::new(move || Ok(FluxMcp::new(app.clone())), LocalSessionManager::default().into(), config);
    let router = axum::Router::new().nest_service("/mcp", service).layer(axum::middleware::from_fn(screen));
    println!("listening on http://{local}/mcp");
    std::io::stdout().flush().map_err(|e| format!("stdout: {}", e.kind()))?;
    axum::serve(listener, router)
        .with_graceful_shutdown(async move {
            stop.await;
            cancel.cancel();
        })
        .await
        .map_err(|e| format!("serving: {}", e.kind()))
}

/// The most bytes of a request body read to screen it (rmcp's own reading takes what passes).
const MAX_SCREENED_BODY: usize = 64 << 20;

/// Answers a POST whose JSON gives a key twice ([`crate::stdio::repeated`]); hands on every other
/// request with its body as it came.
async fn screen(request: Request, next: Next) -> Response {
    // What rmcp refuses (a browser page's Origin, a Host that is no loopback name) is its to
    // answer, before anything is read.
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).or_else(|| request.uri().authority().map(|a| a.as_str()));
    let loopback = host.is_some_and(|h| {
        let name = h.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(h, |(name, _)| name);
        ["localhost", "127.0.0.1", "[::1]"].iter().any(|l| name.eq_ignore_ascii_case(l))
    });
    if request.method() != Method::POST || headers.contains_key(header::ORIGIN) || !loopback {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_SCREENED_BODY).await else {
        return (StatusCode::BAD_REQUEST, "the request body could not be read whole (at most 64 MiB)").into_response();
    };
    if let Some(reply) = crate::stdio::repeated(&bytes).and_then(|r| serde_json::to_vec(&r).ok()) {
        return ([(header::CONTENT_TYPE, "application/json")], reply).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}
