//! The whole contract behind one call: a web layer hands over the request — method, path, raw
//! query, headers, body — and sends back the [`Answer`]. Routing, the query, the headers and the
//! multipart upload are all read here, so the Rust, Python and Node servers answer every request,
//! well-formed or hostile, with the same bytes.

use std::borrow::Cow;

use serde_json::json;

use super::multipart::{self, percent_decode};
use super::{execute_payment, health, orchestrate, upload_intent, AmountStyle, Answer, Upload, UploadQuery};
use super::{MAX_JSON_BODY, MAX_UPLOAD_BODY};
use crate::flux::Flux;

/// A request as a web layer received it. `body` is what the layer read: at most
/// [`body_limit`]`(path) + 1` bytes, so that a longer body is answered 413 without being read.
/// Header names and values are any bytes the layer holds them as (`&[u8]`, `Vec<u8>`).
#[derive(Debug, Clone, Copy)]
pub struct Request<'a, H: AsRef<[u8]> = &'a [u8]> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// The path, without the query (`/api/orchestrate`).
    pub path: &'a str,
    /// The raw query string, without `?` (`budget=100&amounts=string`); empty when none.
    pub query: &'a str,
    /// The headers as received (names in any case; the first of repeated names counts).
    pub headers: &'a [(H, H)],
    /// The body (see above).
    pub body: &'a [u8],
}

/// The routes of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Health,
    Orchestrate,
    UploadIntent,
    ExecutePayment,
}

impl Route {
    fn of(path: &str) -> Option<Route> {
        match path {
            "/" => Some(Route::Health),
            "/api/orchestrate" => Some(Route::Orchestrate),
            "/api/upload_intent" => Some(Route::UploadIntent),
            "/api/execute_payment" => Some(Route::ExecutePayment),
            _ => None,
        }
    }

    fn method(self) -> &'static str {
        match self {
            Route::Health => "GET",
            _ => "POST",
        }
    }

    fn body_limit(self) -> usize {
        match self {
            Route::UploadIntent => MAX_UPLOAD_BODY,
            _ => MAX_JSON_BODY,
        }
    }

    /// Whether `method` is this route's (a `HEAD` is answered as its `GET`, the web layer drops
    /// the body).
    fn takes(self, method: &str) -> bool {
        method.eq_ignore_ascii_case(self.method()) || (self == Route::Health && method.eq_ignore_ascii_case("HEAD"))
    }
}

/// The most body bytes a server should read for `path` (the upload route takes a 5 MB document
/// in multipart framing, the JSON routes [`MAX_JSON_BODY`]); read one more byte to let
/// [`serve`] tell a body over the limit.
pub fn body_limit(path: &str) -> usize {
    Route::of(path).map_or(MAX_JSON_BODY, Route::body_limit)
}

/// The contract's answer to `request`. An unknown path is 404 `{"detail": "Not Found", "code": "NOT_FOUND"}`, a known
/// one with another method 405 with `Allow` (FastAPI's answers; a `HEAD` of `/` is its `GET`); a
/// body over [`body_limit`] 413. A web layer that routes itself (FastAPI, Next.js) answers paths
/// outside the contract its own way; the contract's routes answer alike everywhere.
pub async fn serve<H: AsRef<[u8]>>(flux: &Flux, request: &Request<'_, H>) -> Answer {
    let Some(route) = Route::of(request.path) else {
        return Answer::json(404, json!({"detail": "Not Found", "code": "NOT_FOUND"}).to_string());
    };
    if !route.takes(request.method) {
        let mut answer = Answer::json(405, json!({"detail": "Method Not Allowed", "code": "METHOD_NOT_ALLOWED"}).to_string());
        answer.headers.push(("Allow", route.method().to_owned()));
        return answer;
    }
    if request.body.len() > route.body_limit() {
        return Answer::body_too_large(route.body_limit());
    }
    if let Some(refused) = not_json(route, request) {
        return refused;
    }
    let query = |name: &str| query_param(request.query, name);
    // The health check writes no amounts, so it reads no query.
    let style = match (route, AmountStyle::from_query(query("amounts").as_deref())) {
        (Route::Health, _) => AmountStyle::default(),
        (_, Ok(style)) => style,
        (_, Err(refused)) => return refused,
    };
    match route {
        Route::Health => health(flux),
        Route::Orchestrate => orchestrate(flux, request.body, style).await,
        Route::ExecutePayment => {
            let key = header(request, "idempotency-key");
            let approval = header(request, super::APPROVAL_HEADER);
            execute_payment(flux, request.body, key.as_deref(), approval.as_deref(), style).await
        }
        Route::UploadIntent => {
            let file = match upload(request) {
                Ok(file) => file,
                Err(reason) => {
                    return Answer::invalid("body", "file", &format!("malformed multipart body: {reason}"), "MALFORMED_DOCUMENT")
                }
            };
            let (budget, strategy, deadline_days) = (query("budget"), query("strategy"), query("deadline_days"));
            let terms = UploadQuery { budget: budget.as_deref(), strategy: strategy.as_deref(), deadline_days: deadline_days.as_deref() };
            let upload =
                file.as_ref().map(|p| Upload { bytes: p.bytes, file_name: p.file_name.as_deref(), media_type: p.media_type.as_deref() });
            upload_intent(flux, upload, terms, style).await
        }
    }
}

/// The multipart `file` part of an upload (`None`: the form has no such part).
fn upload<'a, H: AsRef<[u8]>>(request: &Request<'a, H>) -> Result<Option<multipart::Part<'a>>, String> {
    let content_type = header(request, "content-type").ok_or("the request has no Content-Type")?;
    multipart::find(request.body, &multipart::boundary(&content_type)?, "file")
}

/// The contract's JSON routes read only what is said to be JSON ([`unless_json`]); a payment must
/// say so. Planning stays open to an untyped body, as FastAPI reads one: it moves no money.
fn not_json<H: AsRef<[u8]>>(route: Route, request: &Request<'_, H>) -> Option<Answer> {
    let payment = match route {
        Route::Orchestrate => false,
        Route::ExecutePayment => true,
        Route::Health | Route::UploadIntent => return None,
    };
    unless_json(header(request, "content-type").as_deref(), payment)
}

/// 415 `UNSUPPORTED_MEDIA_TYPE` for a body whose `Content-Type` is not JSON (`application/json`
/// or `application/*+json`), else `None`. A text, form or multipart body is what a page on any
/// other origin may send without asking first (no CORS preflight): reading it as JSON would let
/// any web page a user visits pay through their server. A body with no `Content-Type` is
/// read as JSON (as FastAPI does) unless `required`: a page can send that one unasked too, so a
/// route that pays requires it. Web layers apply it to routes of their own that read JSON.
pub fn unless_json(content_type: Option<&str>, required: bool) -> Option<Answer> {
    let json = content_type.map_or(!required, |value| {
        let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
    });
    (!json).then(|| {
        let mut answer = Answer::invalid(
            "header",
            "content-type",
            "the body must be sent as JSON (Content-Type: application/json)",
            "UNSUPPORTED_MEDIA_TYPE",
        );
        answer.status = 415;
        answer
    })
}

/// The first header named `name` (any case), as text; bytes that are not UTF-8 become U+FFFD,
/// which the kernel's checks of an idempotency key or an approval then refuse by their own codes.
fn header<'a, H: AsRef<[u8]>>(request: &Request<'a, H>, name: &str) -> Option<Cow<'a, str>> {
    let headers: &'a [(H, H)] = request.headers;
    headers.iter().find(|(n, _)| n.as_ref().eq_ignore_ascii_case(name.as_bytes())).map(|(_, v)| String::from_utf8_lossy(v.as_ref()))
}

/// The last value of the query parameter `name`, percent-decoded (`+` is a space).
fn query_param<'a>(query: &'a str, name: &str) -> Option<Cow<'a, str>> {
    query.split('&').rev().find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k, true) == name).then(|| percent_decode(v, true))
    })
}
