//! Streamable HTTP on a loopback address, at `/mcp`. Host headers must be loopback names (DNS
//! rebinding) and a request from a browser page (an `Origin` header) is refused: a local server
//! without authentication answers local programs only.

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

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
    let router = axum::Router::new().nest_service("/mcp", service);
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
