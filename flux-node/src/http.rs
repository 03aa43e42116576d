//! The original Flux OS HTTP contract for Node web layers (Next.js route handlers, any server):
//! `flux_core::http` gives the answers — status, JSON body, headers — from the raw request parts,
//! so a route handler only moves bytes and every server answers byte for byte alike.

use std::collections::HashMap;

use flux_core::http::{self as contract, AmountStyle, Answer, Upload, UploadQuery};
use napi::bindgen_prelude::{Either, PromiseRaw, Uint8Array};
use napi::{Env, Result};
use napi_derive::napi;

use crate::NativeFlux;

/// An answer of the HTTP contract: the status, the JSON body, and headers besides
/// `Content-Type: application/json` (`Idempotent-Replayed`).
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

/// The largest body to read for `upload_intent` (the 5 MB document limit plus multipart framing).
#[napi]
pub const MAX_UPLOAD_BODY: u32 = contract::MAX_UPLOAD_BODY as u32;

/// The largest body to read for the JSON routes.
#[napi]
pub const MAX_JSON_BODY: u32 = contract::MAX_JSON_BODY as u32;

fn bytes(body: Either<String, Uint8Array>) -> Vec<u8> {
    match body {
        Either::A(text) => text.into_bytes(),
        Either::B(b) => b.to_vec(),
    }
}

/// Resolves to the answer of `fut`, or at once to the answer refusing the `amounts` query.
fn answer<'env, F, G>(env: &'env Env, amounts: Option<String>, fut: G) -> Result<PromiseRaw<'env, HttpAnswer>>
where
    F: std::future::Future<Output = Answer> + Send + 'static,
    G: FnOnce(AmountStyle) -> F + Send + 'static,
{
    let style = AmountStyle::from_query(amounts.as_deref());
    let work = async move {
        Ok::<_, flux_core::FluxError>(match style {
            Ok(style) => fut(style).await,
            Err(refused) => refused,
        })
    };
    env.spawn_future_with_callback(async move { Ok(work.await) }, |env, r| crate::error::map(env, r.map(HttpAnswer::from)))
}

/// `GET /`: `{"status": "online", "service", "version", "settler", "policy_hash"}`.
#[napi]
pub fn http_health(flux: &NativeFlux) -> HttpAnswer {
    contract::health(&flux.inner).into()
}

/// `POST /api/orchestrate`: the raw body (numbers read from their exact text) → the answer.
/// `amounts`: the query parameter (`number` or `string`).
#[napi]
pub fn http_orchestrate<'env>(
    env: &'env Env,
    flux: &NativeFlux,
    body: Either<String, Uint8Array>,
    amounts: Option<String>,
) -> Result<PromiseRaw<'env, HttpAnswer>> {
    let (flux, body) = (flux.inner.clone(), bytes(body));
    answer(env, amounts, move |style| async move { contract::orchestrate(&flux, &body, style).await })
}

/// `POST /api/execute_payment`: the raw body (the seed's list of cart lines) and the
/// `Idempotency-Key` and `X-Flux-Approval` headers → the answer (403 when the policy denies;
/// nothing is signed).
#[napi]
pub fn http_execute_payment<'env>(
    env: &'env Env,
    flux: &NativeFlux,
    body: Either<String, Uint8Array>,
    idempotency_key: Option<String>,
    approval: Option<String>,
    amounts: Option<String>,
) -> Result<PromiseRaw<'env, HttpAnswer>> {
    let (flux, body) = (flux.inner.clone(), bytes(body));
    answer(env, amounts, move |style| async move {
        contract::execute_payment(&flux, &body, idempotency_key.as_deref(), approval.as_deref(), style).await
    })
}

/// The query of `POST /api/upload_intent`, as text.
#[napi(object)]
pub struct UploadTerms {
    /// USDC, exact decimal text (required).
    pub budget: Option<String>,
    /// `cheapest` | `fastest` | `balanced`.
    pub strategy: Option<String>,
    /// Whole days, 0 to 365.
    pub deadline_days: Option<String>,
    /// `number` or `string`.
    pub amounts: Option<String>,
}

/// `POST /api/upload_intent`: the multipart `file` (absent: `null`), its name and media type, and
/// the query's terms → the answer (413 / 415 / 422 for a bad file or term).
#[napi]
pub fn http_upload_intent<'env>(
    env: &'env Env,
    flux: &NativeFlux,
    file: Option<Uint8Array>,
    file_name: Option<String>,
    media_type: Option<String>,
    terms: UploadTerms,
) -> Result<PromiseRaw<'env, HttpAnswer>> {
    let flux = flux.inner.clone();
    let file = file.map(|f| f.to_vec());
    let UploadTerms { budget, strategy, deadline_days, amounts } = terms;
    answer(env, amounts, move |style| async move {
        let upload = file.as_deref().map(|bytes| Upload { bytes, file_name: file_name.as_deref(), media_type: media_type.as_deref() });
        let query = UploadQuery { budget: budget.as_deref(), strategy: strategy.as_deref(), deadline_days: deadline_days.as_deref() };
        contract::upload_intent(&flux, upload, query, style).await
    })
}

/// 413 `{"detail", "code": "BODY_TOO_LARGE"}`: a body over `limit` bytes, refused unread.
#[napi]
pub fn http_body_too_large(limit: u32) -> HttpAnswer {
    Answer::body_too_large(limit as usize).into()
}

/// 422 `{"detail": [{"loc": [location, field], "msg", "type": code}]}`.
#[napi]
pub fn http_invalid(location: String, field: String, message: String, code: String) -> HttpAnswer {
    Answer::invalid(&location, &field, &message, &code).into()
}
