//! The original Flux OS HTTP contract as framework-free answers: a web layer (axum, a Next.js
//! route, a FastAPI app) hands the request — method, path, raw query, headers, body — to
//! [`serve`] and sends back the [`Answer`] — status, JSON body and headers — so every server
//! answers byte for byte alike. Routing, query parameters, headers and the multipart upload are
//! read here; a web layer keeps only its CORS and reads at most [`body_limit`] + 1 body bytes.
//!
//! | route | request | answer |
//! |---|---|---|
//! | `GET /` | — | [`health`] |
//! | `POST /api/orchestrate` | the seed's `UserRequest` JSON | [`orchestrate`] |
//! | `POST /api/upload_intent?budget=..&strategy=..&deadline_days=..` | multipart `file` | [`upload_intent`] |
//! | `POST /api/execute_payment` | a JSON list of cart lines; `Idempotency-Key`, `X-Flux-Approval` | [`execute_payment`] |
//!
//! Errors: `403 {"detail": "Policy Violation: ...", "code", "violations"}` when the policy denies
//! (nothing was signed); `422 {"detail": [{"loc": [where, field], "msg", "type": code}], "code"}`
//! (FastAPI's shape, naming the field) for invalid input; `{"detail", "code"}` with the kernel's
//! status otherwise (404 `NOT_FOUND`, 405 `METHOD_NOT_ALLOWED` too): every error body has its
//! stable `code` at the top. Amounts go out as JSON numbers whose text is the exact decimal (the seed's dashboard
//! does arithmetic on them), or as exact strings with `?amounts=string`.

mod multipart;
mod serve;

pub use serve::{body_limit, serve, unless_json, Request};

use serde_json::json;

use crate::cart::Cart;
use crate::error::FluxError;
use crate::flux::Flux;
use crate::intent::{Document, DocumentError, Intent, Strategy};
use crate::money::Amount;
use crate::policy::Approval;

/// The largest request body a server should read for `upload_intent`: the 5 MB document limit
/// plus room for the multipart framing. Bodies of the JSON routes are far smaller.
pub const MAX_UPLOAD_BODY: usize = crate::intent::MAX_DOCUMENT_BYTES + 64 * 1024;
/// The largest JSON body a server should read for the other routes (10,000 cart lines fit).
pub const MAX_JSON_BODY: usize = 4 * 1024 * 1024;

/// An HTTP answer: status, JSON body, extra headers (`Idempotent-Replayed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The JSON body.
    pub body: String,
    /// Headers besides `Content-Type: application/json`.
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    fn json(status: u16, body: String) -> Answer {
        Answer { status, body, headers: Vec::new() }
    }

    /// 413 `{"detail", "code": "BODY_TOO_LARGE"}`: a request body over `limit` bytes, refused
    /// before it is read to the end.
    pub fn body_too_large(limit: usize) -> Answer {
        let body = json!({"detail": format!("the request body is over the limit of {limit} bytes"), "code": "BODY_TOO_LARGE"});
        Answer::json(413, body.to_string())
    }

    /// `{"detail": [{"loc": [location, field], "msg", "type": code}], "code"}`, status 422. FastAPI's
    /// `missing` type stays in the list; the stable code at the top is `MISSING_FIELD`.
    pub fn invalid(location: &str, field: &str, message: &str, code: &str) -> Answer {
        let stable = if code == "missing" { "MISSING_FIELD" } else { code };
        let body = json!({"detail": [{"loc": [location, field], "msg": message, "type": code}], "code": stable});
        Answer::json(422, body.to_string())
    }
}

/// How amounts are written in answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AmountStyle {
    /// JSON numbers whose text is the exact decimal (`"price": 12.5`): what the seed's dashboard reads.
    #[default]
    Number,
    /// Exact decimal strings, byte-identical to the kernel's canonical JSON.
    String,
}

impl AmountStyle {
    /// The `amounts` query parameter: absent or `number`, or `string`.
    pub fn from_query(value: Option<&str>) -> Result<AmountStyle, Answer> {
        match value {
            None | Some("number") => Ok(AmountStyle::Number),
            Some("string") => Ok(AmountStyle::String),
            Some(_) => Err(Answer::invalid("query", "amounts", "amounts must be `number` or `string`", "INVALID_QUERY")),
        }
    }

    fn apply(self, canonical: String) -> String {
        match self {
            AmountStyle::Number => amounts_as_numbers(&canonical),
            AmountStyle::String => canonical,
        }
    }
}

/// The answer for a kernel error; `location` and `field` name what a 422 points at when the
/// error itself names no field (`body`/`cart`, or `query`/`budget`).
pub fn error(e: &FluxError, location: &str, field: &str) -> Answer {
    error_at(e, location, e.field().unwrap_or(field))
}

fn error_at(e: &FluxError, location: &str, field: &str) -> Answer {
    let status = e.http_status();
    let body = if let FluxError::PolicyViolation { violations } = e {
        json!({"detail": e.to_string(), "code": e.code(), "violations": violations})
    } else if status == 422 {
        json!({"detail": [{"loc": [location, field], "msg": e.to_string(), "type": e.code()}], "code": e.code()})
    } else {
        json!({"detail": e.to_string(), "code": e.code()})
    };
    let mut answer = Answer::json(status, body.to_string());
    if let Some(seconds) = e.retry_after() {
        answer.headers.push(("Retry-After", seconds.to_string()));
    }
    answer
}

/// `GET /`: `{"status": "online", "service", "version", "settler", "policy_hash"}`.
pub fn health(flux: &Flux) -> Answer {
    let body = json!({
        "status": "online",
        "service": "flux",
        "version": env!("CARGO_PKG_VERSION"),
        "settler": flux.settlement_mode().as_str(),
        "policy_hash": flux.policy().hash(),
    });
    Answer::json(200, body.to_string())
}

/// `POST /api/orchestrate`: the seed's `UserRequest` body (numbers read from their exact text)
/// → the proposal with telemetry (`options`, `telemetry`, `total`, `cart_id`, ...).
pub async fn orchestrate(flux: &Flux, body: &[u8], amounts: AmountStyle) -> Answer {
    let result = match Intent::from_json_bytes(body) {
        Ok(intent) => flux.orchestrate(&intent).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(p) => Answer::json(200, amounts.apply(p.to_json())),
        Err(e) => error(&e, "body", "body"),
    }
}

/// The query of `POST /api/upload_intent`, as text.
#[derive(Debug, Clone, Copy, Default)]
pub struct UploadQuery<'a> {
    /// USDC, exact decimal text (required).
    pub budget: Option<&'a str>,
    /// `cheapest` | `fastest` | `balanced` (default).
    pub strategy: Option<&'a str>,
    /// Whole days, 0 (same day) to 365; default 7.
    pub deadline_days: Option<&'a str>,
}

/// The uploaded file: its bytes, and the name and media type the client gave.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// The file's bytes.
    pub bytes: &'a [u8],
    /// Its file name.
    pub file_name: Option<&'a str>,
    /// Its media type.
    pub media_type: Option<&'a str>,
}

fn upload_terms(query: &UploadQuery<'_>) -> Result<(Amount, u32, Strategy), Answer> {
    let query_error = |field: &str, e: FluxError| error(&e, "query", field);
    let budget = query.budget.ok_or_else(|| Answer::invalid("query", "budget", "budget is required", "missing"))?;
    let budget = Intent::budget_from_text(budget.trim()).map_err(|e| query_error("budget", e.into()))?;
    let strategy = match query.strategy {
        None => Strategy::Balanced,
        Some(s) => Strategy::from_name(s.trim()).map_err(|e| query_error("strategy", e.into()))?,
    };
    let deadline_days =
        Intent::deadline_from_text(query.deadline_days.map(str::trim)).map_err(|e| query_error("deadline_days", e.into()))?;
    Ok((budget, deadline_days, strategy))
}

/// `POST /api/upload_intent`: a shopping list file (`None`: the multipart body had no `file`)
/// → the same answer as [`orchestrate`]; 413 too large, 415 unsupported or an image without a
/// vision model, 422 otherwise (naming `file` or the query parameter).
pub async fn upload_intent(flux: &Flux, file: Option<Upload<'_>>, query: UploadQuery<'_>, amounts: AmountStyle) -> Answer {
    let (budget, deadline_days, strategy) = match upload_terms(&query) {
        Ok(terms) => terms,
        Err(a) => return a,
    };
    let Some(file) = file else {
        return Answer::invalid("body", "file", "a multipart field `file` is required", "missing");
    };
    if file.bytes.len() > crate::intent::MAX_DOCUMENT_BYTES {
        let e = FluxError::from(DocumentError::TooLarge { size: file.bytes.len(), limit: crate::intent::MAX_DOCUMENT_BYTES });
        return error(&e, "body", "file");
    }
    let document = match Document::new(file.bytes.to_vec(), file.file_name, file.media_type) {
        Ok(d) => d,
        Err(e) => return error(&e.into(), "body", "file"),
    };
    match flux.orchestrate_document(&document, budget, deadline_days, strategy).await {
        Ok(p) => Answer::json(200, amounts.apply(p.to_json())),
        // The query's terms are named as query parameters; anything read from the file is `file`.
        Err(e) => match e.field() {
            Some(f @ ("budget" | "deadline_days" | "strategy")) => error_at(&e, "query", f),
            _ => error_at(&e, "body", "file"),
        },
    }
}

/// The header that carries a signed approval (JSON of [`Approval`]) to `execute_payment`.
pub const APPROVAL_HEADER: &str = "X-Flux-Approval";

/// `POST /api/execute_payment`: the seed's list of cart lines → policy, then settlement.
/// `{"status": "success", "logs", "transaction_hashes", ...}`; 403 when the policy denies
/// (nothing is signed) — including a cart that is not the kernel's own quote, and a cart above
/// the approval threshold without a valid, unused approval. `approval` is the value of the
/// `X-Flux-Approval` header (JSON of [`Approval`]); one that is not JSON of that shape is a 422
/// naming the header. A replay of a settled key answers the recorded settlement with
/// `Idempotent-Replayed: true`; the key on another cart is 422; a key being settled by another
/// worker is 409 with `Retry-After`.
pub async fn execute_payment(
    flux: &Flux,
    body: &[u8],
    idempotency_key: Option<&str>,
    approval: Option<&str>,
    amounts: AmountStyle,
) -> Answer {
    let cart = match Cart::from_json_bytes(body) {
        Ok(c) => c,
        Err(e) => return error(&e.into(), "body", "cart"),
    };
    let approval = match approval.map(Approval::from_json) {
        None => Approval::default(),
        Some(Ok(a)) => a,
        Some(Err(e)) => return error_at(&e.into(), "header", APPROVAL_HEADER),
    };
    match flux.execute_with(&cart, idempotency_key, approval).await {
        Ok(s) => {
            let mut answer = Answer::json(200, amounts.apply(crate::canonical::to_canonical_json(&s)));
            if s.replayed {
                answer.headers.push(("Idempotent-Replayed", "true".into()));
            }
            answer
        }
        // A bad or reused idempotency key is named where the client sent it.
        Err(e) if e.field() == Some("Idempotency-Key") => error_at(&e, "header", "Idempotency-Key"),
        Err(e) => error(&e, "body", "cart"),
    }
}

/// Keys whose values are amounts in the kernel's JSON (exact decimal strings there).
const AMOUNT_KEYS: &[&str] = &[
    "amount",
    "approval_threshold",
    "budget",
    "limit",
    "line_total",
    "max_budget_cap",
    "original_price",
    "per_transfer_cap",
    "price",
    "remaining_budget",
    "total",
    "unit_price",
];

/// Canonical JSON with every amount written as a JSON number of the same exact text
/// (`"price":"12.5"` → `"price":12.5`), as the seed's dashboard reads them. Only a real key
/// (after `{` or `,`) with a plain decimal string value is rewritten: strings inside values
/// cannot match, since their quotes are escaped.
pub fn amounts_as_numbers(canonical: &str) -> String {
    let bytes = canonical.as_bytes();
    let mut out = String::with_capacity(canonical.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if (bytes[i] == b'{' || bytes[i] == b',') && bytes.get(i + 1) == Some(&b'"') {
            let key_start = i + 2;
            if let Some(key_len) = bytes[key_start..].iter().position(|b| *b == b'"') {
                let key = &canonical[key_start..key_start + key_len];
                let colon = key_start + key_len + 1;
                if AMOUNT_KEYS.contains(&key) && bytes.get(colon) == Some(&b':') && bytes.get(colon + 1) == Some(&b'"') {
                    let value_start = colon + 2;
                    if let Some(value_len) = decimal_len(&bytes[value_start..]) {
                        if bytes.get(value_start + value_len) == Some(&b'"') {
                            out.push_str(&canonical[copied..colon + 1]);
                            out.push_str(&canonical[value_start..value_start + value_len]);
                            copied = value_start + value_len + 1;
                            i = copied;
                            continue;
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out.push_str(&canonical[copied..]);
    out
}

/// Length of a plain decimal (`123`, `12.5`) at the start of `b`.
fn decimal_len(b: &[u8]) -> Option<usize> {
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int == 0 {
        return None;
    }
    if b.get(int) != Some(&b'.') {
        return Some(int);
    }
    let frac = b[int + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    (frac > 0).then_some(int + 1 + frac)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_serve;
