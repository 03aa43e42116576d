//! The original HTTP contract's answers (`flux_core::http`) for a Python web layer: a FastAPI
//! app hands over the raw request parts and sends back `(status, body, headers)`, so it answers
//! byte for byte as the Rust example does. Each is an awaitable on the kernel's runtime.

use flux_core::http::{self as contract, AmountStyle, Answer, Upload, UploadQuery};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::{runtime, PyFlux};

/// `(status, body, [(header, value), ...])`.
type Reply = (u16, String, Vec<(&'static str, String)>);

fn reply(a: Answer) -> Reply {
    (a.status, a.body, a.headers)
}

/// The route's answer as an awaitable on the kernel's runtime: `route` with the amount style the
/// `amounts` query parameter asks for, or the 422 answer for a bad one.
fn answer<'py, F>(py: Python<'py>, amounts: Option<&str>, route: impl FnOnce(AmountStyle) -> F) -> PyResult<Bound<'py, PyAny>>
where
    F: std::future::Future<Output = Answer> + Send + 'static,
{
    let routed = AmountStyle::from_query(amounts).map(route);
    runtime::future_into_py(py, async move {
        Ok(reply(match routed {
            Ok(fut) => fut.await,
            Err(bad_query) => bad_query,
        }))
    })
}

/// `POST /api/orchestrate`: the request body's bytes and the `amounts` query parameter.
#[pyfunction]
#[pyo3(signature = (flux, body, amounts = None))]
pub fn http_orchestrate<'py>(
    py: Python<'py>,
    flux: PyRef<'_, PyFlux>,
    body: &Bound<'_, PyBytes>,
    amounts: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let (flux, body) = (flux.inner.clone(), body.as_bytes().to_vec());
    answer(py, amounts, |style| async move { contract::orchestrate(&flux, &body, style).await })
}

/// `POST /api/execute_payment`: the body's bytes, the `Idempotency-Key` and `X-Flux-Approval`
/// headers, `amounts`.
#[pyfunction]
#[pyo3(signature = (flux, body, idempotency_key = None, approval = None, amounts = None))]
pub fn http_execute_payment<'py>(
    py: Python<'py>,
    flux: PyRef<'_, PyFlux>,
    body: &Bound<'_, PyBytes>,
    idempotency_key: Option<String>,
    approval: Option<String>,
    amounts: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let (flux, body) = (flux.inner.clone(), body.as_bytes().to_vec());
    answer(py, amounts, |style| async move {
        contract::execute_payment(&flux, &body, idempotency_key.as_deref(), approval.as_deref(), style).await
    })
}

/// `POST /api/upload_intent`: the multipart `file` (its bytes, name and media type; `None`: no
/// such part) and the query parameters as text.
#[pyfunction]
#[pyo3(signature = (flux, file, filename = None, content_type = None, *, budget = None, strategy = None, deadline_days = None, amounts = None))]
#[allow(clippy::too_many_arguments)] // the route's parts, one by one
pub fn http_upload_intent<'py>(
    py: Python<'py>,
    flux: PyRef<'_, PyFlux>,
    file: Option<&Bound<'_, PyBytes>>,
    filename: Option<String>,
    content_type: Option<String>,
    budget: Option<String>,
    strategy: Option<String>,
    deadline_days: Option<String>,
    amounts: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let (flux, bytes) = (flux.inner.clone(), file.map(|f| f.as_bytes().to_vec()));
    answer(py, amounts, |style| async move {
        let query = UploadQuery { budget: budget.as_deref(), strategy: strategy.as_deref(), deadline_days: deadline_days.as_deref() };
        let upload = bytes.as_deref().map(|b| Upload { bytes: b, file_name: filename.as_deref(), media_type: content_type.as_deref() });
        contract::upload_intent(&flux, upload, query, style).await
    })
}

/// The 413 answer for a body over `limit` bytes (read no further).
#[pyfunction]
pub fn http_body_too_large(limit: usize) -> Reply {
    reply(Answer::body_too_large(limit))
}

/// Registers the functions and the body limits (`HTTP_MAX_JSON_BODY`, `HTTP_MAX_UPLOAD_BODY`).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("HTTP_MAX_JSON_BODY", contract::MAX_JSON_BODY)?;
    m.add("HTTP_MAX_UPLOAD_BODY", contract::MAX_UPLOAD_BODY)?;
    for f in [
        wrap_pyfunction!(http_orchestrate, m)?,
        wrap_pyfunction!(http_execute_payment, m)?,
        wrap_pyfunction!(http_upload_intent, m)?,
        wrap_pyfunction!(http_body_too_large, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
