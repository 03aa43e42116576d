//! The original Flux OS HTTP API on `flux-core`, with axum: the reference for a Rust service
//! that uses `cargo add flux-core`. The contract's answers come from [`flux_core::http`]; this
//! crate only moves bytes between axum and the kernel, and answers CORS.
//!
//! ```text
//! GET  /                      health
//! POST /api/orchestrate       the seed's UserRequest JSON -> {"options", "telemetry", ...}
//! POST /api/upload_intent     multipart `file` + ?budget=..&strategy=..&deadline_days=..
//! POST /api/execute_payment   a JSON list of cart lines (+ Idempotency-Key, X-Flux-Approval) -> settlement; 403 on denial
//! ```

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use flux_core::http::{self as contract, AmountStyle, Answer, Upload, UploadQuery};
use flux_core::Flux;
use serde::Deserialize;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Which browser origins may call the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origins {
    /// Any origin, without credentials (`*`): the demo default.
    Any,
    /// Only these (`https://dash.example.com`).
    List(Vec<String>),
}

impl Origins {
    /// `FLUX_CORS_ORIGINS`: comma-separated origins, or `*` (the default).
    pub fn from_env() -> Origins {
        Origins::parse(&std::env::var("FLUX_CORS_ORIGINS").unwrap_or_default())
    }

    /// Comma-separated origins; empty or `*` is any.
    pub fn parse(text: &str) -> Origins {
        let list: Vec<String> = text.split(',').map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect();
        if list.is_empty() || list.iter().any(|o| o == "*") {
            Origins::Any
        } else {
            Origins::List(list)
        }
    }
}

fn cors(origins: &Origins) -> CorsLayer {
    let allow = match origins {
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

/// The API as an axum router over one shared kernel.
pub fn app(flux: Arc<Flux>, origins: &Origins) -> Router {
    Router::new()
        .route("/", get(health))
        .route("/api/orchestrate", post(orchestrate))
        .route("/api/upload_intent", post(upload_intent))
        .route("/api/execute_payment", post(execute_payment))
        // Each handler reads its body under its own limit (`body`), answering 413 in the contract's shape.
        .layer(DefaultBodyLimit::disable())
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

/// The body, at most `limit` bytes (413 with the contract's JSON beyond).
async fn body(request: Request, limit: usize) -> Result<Bytes, Answer> {
    axum::body::to_bytes(request.into_body(), limit).await.map_err(|_| Answer::body_too_large(limit))
}

#[derive(Deserialize, Default)]
struct Params {
    amounts: Option<String>,
    budget: Option<String>,
    strategy: Option<String>,
    deadline_days: Option<String>,
}

/// Either answer: a handler's early refusals and its result are both answers.
fn either(result: Result<Answer, Answer>) -> Response {
    respond(result.unwrap_or_else(|refused| refused))
}

async fn health(State(flux): State<Arc<Flux>>) -> Response {
    respond(contract::health(&flux))
}

async fn orchestrate(State(flux): State<Arc<Flux>>, Query(params): Query<Params>, request: Request) -> Response {
    either(
        async {
            let style = AmountStyle::from_query(params.amounts.as_deref())?;
            let bytes = body(request, contract::MAX_JSON_BODY).await?;
            Ok(contract::orchestrate(&flux, &bytes, style).await)
        }
        .await,
    )
}

async fn execute_payment(State(flux): State<Arc<Flux>>, Query(params): Query<Params>, headers: HeaderMap, request: Request) -> Response {
    either(
        async {
            let style = AmountStyle::from_query(params.amounts.as_deref())?;
            let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
                None => None,
                Some(Ok(k)) => Some(k.to_owned()),
                Some(Err(_)) => {
                    return Err(Answer::invalid("header", "Idempotency-Key", "the key must be visible ASCII", "INVALID_IDEMPOTENCY_KEY"));
                }
            };
            let approval = match headers.get("x-flux-approval").map(|v| v.to_str()) {
                None => None,
                Some(Ok(a)) => Some(a.to_owned()),
                Some(Err(_)) => {
                    return Err(Answer::invalid(
                        "header",
                        contract::APPROVAL_HEADER,
                        "the approval must be JSON in visible ASCII",
                        "MALFORMED_JSON",
                    ));
                }
            };
            let bytes = body(request, contract::MAX_JSON_BODY).await?;
            Ok(contract::execute_payment(&flux, &bytes, key.as_deref(), approval.as_deref(), style).await)
        }
        .await,
    )
}

/// The `file` field of a multipart body: (bytes, file name, media type).
type FilePart = (Bytes, Option<String>, Option<String>);

async fn file_field(request: Request) -> Result<Option<FilePart>, Answer> {
    let malformed =
        |e: &dyn std::fmt::Display| Answer::invalid("body", "file", &format!("malformed multipart body: {e}"), "MALFORMED_DOCUMENT");
    let mut form = Multipart::from_request(request, &()).await.map_err(|e| malformed(&e))?;
    while let Some(field) = form.next_field().await.map_err(|e| malformed(&e))? {
        if field.name() == Some("file") {
            let name = field.file_name().map(str::to_owned);
            let media = field.content_type().map(str::to_owned);
            let bytes = field.bytes().await.map_err(|e| malformed(&e))?;
            return Ok(Some((bytes, name, media)));
        }
    }
    Ok(None)
}

async fn upload_intent(State(flux): State<Arc<Flux>>, Query(params): Query<Params>, request: Request) -> Response {
    either(
        async {
            let style = AmountStyle::from_query(params.amounts.as_deref())?;
            // Read at most the limit, whatever Content-Length says, then parse the form from memory.
            // The parts (headers, and the extensions that lift axum's default body limit) stay.
            let (parts, stream) = request.into_parts();
            let bytes = body(Request::new(stream), contract::MAX_UPLOAD_BODY).await?;
            let file = file_field(Request::from_parts(parts, Body::from(bytes))).await?;
            let query = UploadQuery {
                budget: params.budget.as_deref(),
                strategy: params.strategy.as_deref(),
                deadline_days: params.deadline_days.as_deref(),
            };
            let upload =
                file.as_ref().map(|(bytes, name, media)| Upload { bytes, file_name: name.as_deref(), media_type: media.as_deref() });
            Ok(contract::upload_intent(&flux, upload, query, style).await)
        }
        .await,
    )
}
