//! One mapping from the core's [`flux_core::FluxError`] to a Python exception hierarchy under
//! `fluxos.FluxError`. Every exception carries the stable machine code as `.code`; a policy
//! denial carries `.violations`. Attributes live in the instance `__dict__`, so exceptions pickle
//! (`BaseException.__reduce__` keeps class, args and `__dict__`).

use flux_core::FluxError as CoreError;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::types::PyViolation;

create_exception!(fluxos, FluxError, PyException, "Base of every Flux error; `.code` is the stable machine code.");
create_exception!(fluxos, InvalidAmount, FluxError, "An amount is negative, not finite, too precise or out of range.");
create_exception!(fluxos, InvalidAddress, FluxError, "An EVM address is invalid.");
create_exception!(fluxos, InvalidIntent, FluxError, "The intent (prompt, budget, deadline, strategy) is invalid.");
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

/// Registers the exception classes in the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FluxError", py.get_type::<FluxError>())?;
    m.add("InvalidAmount", py.get_type::<InvalidAmount>())?;
    m.add("InvalidAddress", py.get_type::<InvalidAddress>())?;
    m.add("InvalidIntent", py.get_type::<InvalidIntent>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("CatalogError", py.get_type::<CatalogError>())?;
    m.add("InvalidCart", py.get_type::<InvalidCart>())?;
    m.add("InvalidPolicy", py.get_type::<InvalidPolicy>())?;
    m.add("PolicyViolation", py.get_type::<PolicyViolation>())?;
    m.add("SettlementError", py.get_type::<SettlementError>())?;
    m.add("AuditError", py.get_type::<AuditError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    Ok(())
}

/// The Python exception for a core error, with `.code` (and `.violations` for a denial).
pub fn to_py(py: Python<'_>, e: CoreError) -> PyErr {
    let message = e.to_string();
    let err = match &e {
        CoreError::Amount(_) => InvalidAmount::new_err(message),
        CoreError::Address(_) => InvalidAddress::new_err(message),
        CoreError::Intent(_) => InvalidIntent::new_err(message),
        CoreError::Parse(_) => ParseError::new_err(message),
        CoreError::Catalog(_) => CatalogError::new_err(message),
        CoreError::Cart(_) => InvalidCart::new_err(message),
        CoreError::Policy(_) => InvalidPolicy::new_err(message),
        CoreError::PolicyViolation { .. } => PolicyViolation::new_err(message),
        CoreError::Settle(_) => SettlementError::new_err(message),
        CoreError::Audit(_) => AuditError::new_err(message),
        CoreError::Config { .. } => ConfigError::new_err(message),
        _ => FluxError::new_err(message),
    };
    let value = err.value(py);
    let violations: Vec<PyViolation> = e.violations().iter().map(PyViolation::from_core).collect();
    let attrs = value.setattr("code", e.code()).and_then(|()| match PyList::new(py, violations) {
        Ok(list) => value.setattr("violations", list),
        Err(err) => Err(err),
    });
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

/// A configuration error raised by the binding itself (unknown settler name, bad option type).
pub fn config(py: Python<'_>, reason: impl Into<String>) -> PyErr {
    to_py(py, CoreError::Config { reason: reason.into() })
}
