//! The original Flux OS HTTP contract for Node web layers (Next.js route handlers, any server):
//! `flux_core::http::serve` routes the request and reads its query, headers and multipart form,
//! and gives the answer — status, JSON body, headers — so a route handler only moves bytes and
//! every server answers byte for byte alike.

use std::collections::HashMap;

use flux_core::http::{self as contract, Answer};
use napi::bindgen_prelude::{PromiseRaw, Uint8Array};
use napi::{Env, Result};
use napi_derive::napi;

use crate::NativeFlux;

/// An answer of the HTTP contract: the status, the JSON body, and headers besides
/// `Content-Type: application/json` (`Idempotent-Replayed`, `Retry-After`, `Allow`).
#[napi(object)]
pub struct HttpAnswer {
    /// The status code.
    pub status: u32,
    /// The JSON body.
    pub body: String,
    /// Extra headers.
    pub headers: HashMap<String, String>,
}

impl From<Answer> for HttpAnswer {
    fn from(a: Answer) -> Self {
        HttpAnswer { status: u32::from(a.status), body: a.body, headers: a.headers.into_iter().map(|(k, v)| (k.to_owned(), v)).collect() }
    }
}

/// A request as the web layer received it.
#[napi(object)]
pub struct HttpRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The contract's path (`/api/orchestrate`).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    /// The headers (names in any case; values as WHATWG `Headers` gives them: byte strings, one
    /// character per byte, repeated names joined with `, `).
    pub headers: HashMap<String, String>,
    /// The body read so far: at most `httpBodyLimit(path) + 1` bytes (longer is answered 413).
    pub body: Uint8Array,
}

/// The contract's answer to `request` (`flux_core::http::serve`).
#[napi]
pub fn http_serve<'env>(env: &'env Env, flux: &NativeFlux, request: HttpRequest) -> Result<PromiseRaw<'env, HttpAnswer>> {
    let flux = flux.inner.clone();
    let HttpRequest { method, path, query, headers, body } = request;
    let body = body.to_vec();
    // A header value is a byte string (one character per byte): its bytes, as they were sent.
    let latin1 = |v: String| v.chars().map(|c| u8::try_from(c).unwrap_or(b'?')).collect();
    let headers: Vec<(Vec<u8>, Vec<u8>)> = headers.into_iter().map(|(n, v)| (n.into_bytes(), latin1(v))).collect();
    let work = async move {
        let request = contract::Request { method: &method, path: &path, query: &query, headers: &headers, body: &body };
        Ok::<_, flux_core::FluxError>(contract::serve(&flux, &request).await)
    };
    crate::promise(env, work, HttpAnswer::from)
}

/// The most body bytes to read for `path`; read one more to let `httpServe` answer 413.
#[napi]
pub fn http_body_limit(path: String) -> u32 {
    u32::try_from(contract::body_limit(&path)).unwrap_or(u32::MAX)
}

/// 422 `{"detail": [{"loc": [location, field], "msg", "type": code}]}`.
#[napi]
pub fn http_invalid(location: String, field: String, message: String, code: String) -> HttpAnswer {
    Answer::invalid(&location, &field, &message, &code).into()
}

/// 415 `UNSUPPORTED_MEDIA_TYPE` unless `contentType` is JSON (`flux_core::http::unless_json`); a
/// missing one is refused when `required` (a route that pays). `null` when the body may be read.
#[napi]
pub fn http_unless_json(content_type: Option<String>, required: bool) -> Option<HttpAnswer> {
    contract::unless_json(content_type.as_deref(), required).map(HttpAnswer::from)
}
