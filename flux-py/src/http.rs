//! The original HTTP contract (`flux_core::http::serve`) for a Python web layer: a FastAPI or
//! any ASGI app hands over the request as received and sends back `(status, body, headers)`, so
//! it answers byte for byte as the Rust example does.

use flux_core::http::{self as contract, Request};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::{runtime, PyFlux};

/// The contract's answer to a request, as an awaitable: `(status, body, [(header, value), ...])`.
/// `query` is the raw query string and `headers` the raw `[(name, value), ...]` (pairs as tuples
/// or lists), all as bytes
/// (ASGI's `scope["query_string"]` and `scope["headers"]`); `body` is what was read of it, at
/// most `http_body_limit(path) + 1` bytes (a longer body is answered 413).
#[pyfunction]
#[pyo3(signature = (flux, method, path, query, headers, body))]
pub fn http_serve<'py>(
    py: Python<'py>,
    flux: PyRef<'_, PyFlux>,
    method: String,
    path: String,
    query: &[u8],
    headers: Vec<[Bound<'_, PyBytes>; 2]>,
    body: &[u8],
) -> PyResult<Bound<'py, PyAny>> {
    let (flux, query, body) = (flux.inner.clone(), String::from_utf8_lossy(query).into_owned(), body.to_vec());
    let headers: Vec<(Vec<u8>, Vec<u8>)> = headers.iter().map(|[n, v]| (n.as_bytes().to_vec(), v.as_bytes().to_vec())).collect();
    runtime::future_into_py(py, async move {
        let request = Request { method: &method, path: &path, query: &query, headers: &headers, body: &body };
        let answer = contract::serve(&flux, &request).await;
        Ok::<_, flux_core::FluxError>((answer.status, answer.body, answer.headers))
    })
}

/// The most body bytes to read for `path`; read one more to let `http_serve` answer 413.
#[pyfunction]
pub fn http_body_limit(path: &str) -> usize {
    contract::body_limit(path)
}
