//! One mapping from the core's [`flux_core::FluxError`] to a Python exception hierarchy under
//! `fluxos.FluxError`. Every exception carries the core's stable `.code`, its `.kind` and
//! `.http_status` (`FluxError::kind()` / `http_status()`), and `.violations` for a denial.
//! Attributes live in the instance `__dict__`, so exceptions pickle (`BaseException.__reduce__`
//! keeps class, args and `__dict__`).

use flux_core::{ErrorKind, FluxError as CoreError};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyType};

use crate::types::PyViolation;

create_exception!(fluxos, FluxError, PyException, "Base of every Flux error; `.code` is the stable machine code.");
create_exception!(fluxos, InvalidAmount, FluxError, "An amount is negative, not finite, too precise or out of range.");
create_exception!(fluxos, InvalidAddress, FluxError, "An EVM address is invalid.");
create_exception!(fluxos, InvalidIntent, FluxError, "The intent (prompt, budget, deadline, strategy) is invalid.");
create_exception!(fluxos, InvalidRequest, FluxError, "A request argument is invalid (an idempotency key).");
create_exception!(fluxos, ParseError, FluxError, "The intent parser could not read the prompt.");
create_exception!(fluxos, CatalogError, FluxError, "A catalog is invalid or unavailable.");
create_exception!(fluxos, InvalidCart, FluxError, "Cart input or a cart edit is invalid.");
create_exception!(fluxos, InvalidPolicy, FluxError, "The policy is malformed or invalid.");
create_exception!(
    fluxos,
    PolicyViolation,
    FluxError,
    "The policy denied the cart; nothing was signed. `.violations` lists every rule broken."
);
create_exception!(fluxos, SettlementError, FluxError, "Settlement failed (configuration, preflight, RPC, legs, journal, verification).");
create_exception!(fluxos, AuditError, FluxError, "The audit trail failed verification.");
create_exception!(fluxos, ConfigError, FluxError, "The Flux instance was configured with unusable options.");

/// Each class with the kind its errors usually have (the class-level default of `.kind` and
/// `.http_status`; an error raised by the kernel carries its own).
fn classes(py: Python<'_>) -> [(&'static str, Bound<'_, PyType>, ErrorKind); 13] {
    [
        ("FluxError", py.get_type::<FluxError>(), ErrorKind::Internal),
        ("InvalidAmount", py.get_type::<InvalidAmount>(), ErrorKind::InvalidInput),
        ("InvalidAddress", py.get_type::<InvalidAddress>(), ErrorKind::InvalidInput),
        ("InvalidIntent", py.get_type::<InvalidIntent>(), ErrorKind::InvalidInput),
        ("InvalidRequest", py.get_type::<InvalidRequest>(), ErrorKind::InvalidInput),
        ("ParseError", py.get_type::<ParseError>(), ErrorKind::InvalidInput),
        ("CatalogError", py.get_type::<CatalogError>(), ErrorKind::Unavailable),
        ("InvalidCart", py.get_type::<InvalidCart>(), ErrorKind::InvalidInput),
        ("InvalidPolicy", py.get_type::<InvalidPolicy>(), ErrorKind::Config),
        ("PolicyViolation", py.get_type::<PolicyViolation>(), ErrorKind::PolicyViolation),
        ("SettlementError", py.get_type::<SettlementError>(), ErrorKind::Settlement),
        ("AuditError", py.get_type::<AuditError>(), ErrorKind::InvalidInput),
        ("ConfigError", py.get_type::<ConfigError>(), ErrorKind::Config),
    ]
}

/// Registers the exception classes in the module, with class-level defaults of the attributes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for (name, class, kind) in classes(m.py()) {
        class.setattr("kind", kind.as_str())?;
        class.setattr("http_status", kind.http_status())?;
        m.add(name, class)?;
    }
    Ok(())
}

/// The Python exception for a core error.
pub fn to_py(py: Python<'_>, e: CoreError) -> PyErr {
    let message = e.to_string();
    let err = match &e {
        CoreError::Amount(_) => InvalidAmount::new_err(message),
        CoreError::Address(_) => InvalidAddress::new_err(message),
        CoreError::Intent(_) => InvalidIntent::new_err(message),
        CoreError::InvalidIdempotencyKey { .. } => InvalidRequest::new_err(message),
        CoreError::Parse(_) => ParseError::new_err(message),
        CoreError::Catalog(_) => CatalogError::new_err(message),
        CoreError::Cart(_) => InvalidCart::new_err(message),
        CoreError::Policy(_) => InvalidPolicy::new_err(message),
        CoreError::PolicyViolation { .. } => PolicyViolation::new_err(message),
        CoreError::Settle(_) => SettlementError::new_err(message),
        CoreError::Audit(_) => AuditError::new_err(message),
        _ if e.kind() == ErrorKind::Config => ConfigError::new_err(message),
        _ => FluxError::new_err(message),
    };
    let value = err.value(py);
    let violations: Vec<PyViolation> = e.violations().iter().map(PyViolation::from_core).collect();
    let attrs = (|| {
        value.setattr("code", e.code())?;
        value.setattr("kind", e.kind().as_str())?;
        value.setattr("http_status", e.http_status())?;
        value.setattr("violations", PyList::new(py, violations)?)
    })();
    match attrs {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// Maps a core `Result` (for synchronous calls, holding the GIL).
pub fn map<T>(py: Python<'_>, r: Result<T, CoreError>) -> PyResult<T> {
    r.map_err(|e| to_py(py, e))
}

/// Maps a core error from a thread without the GIL (async completions).
pub fn to_py_detached(e: CoreError) -> PyErr {
    Python::attach(|py| to_py(py, e))
}

/// A configuration error raised by the binding itself (an option of the wrong type).
pub fn config(py: Python<'_>, reason: impl Into<String>) -> PyErr {
    to_py(py, CoreError::config(reason))
}
