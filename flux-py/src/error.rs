//! One mapping from the core's [`flux_core::FluxError`] to a Python exception hierarchy under
//! `fluxos.FluxError`. Every exception carries the core's stable `.code`, its `.kind` and
//! `.http_status` (`FluxError::kind()` / `http_status()`), and `.violations` for a denial.
//! Attributes live in the instance `__dict__`, so exceptions pickle (`BaseException.__reduce__`
//! keeps class, args and `__dict__`).

use flux_core::{ErrorKind, FluxError as CoreError};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{IntoPyDict, PyList, PyType};

use crate::types::PyViolation;

/// The exception classes: each under `FluxError`, the core errors it is raised for (`if`
/// pattern), the kind its errors usually have (the class-level default of `.kind` and
/// `.http_status`; an error raised by the kernel carries its own) and its docstring. A core error
/// no pattern names is a `ConfigError` when its kind is config, else a plain `FluxError`.
macro_rules! exceptions {
    ($($name:ident $(if $pat:pat)? => $kind:ident, $doc:literal;)*) => {
        create_exception!(fluxos, FluxError, PyException, "Base of every Flux error; `.code` is the stable machine code.");
        $(create_exception!(fluxos, $name, FluxError, $doc);)*

        /// Registers the exception classes in the module, with class-level defaults.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = m.py();
            let classes = [("FluxError", py.get_type::<FluxError>(), ErrorKind::Internal), $((stringify!($name), py.get_type::<$name>(), ErrorKind::$kind),)*];
            for (name, class, kind) in classes {
                class.setattr("kind", kind.as_str())?;
                class.setattr("http_status", kind.http_status())?;
                class.setattr("field", py.None())?;
                class.setattr("retry_after", py.None())?;
                m.add(name, class)?;
            }
            m.add("InvalidBudget", invalid_budget(py)?)
        }

        fn new_err(e: &CoreError, message: String) -> PyErr {
            match e {
                $($($pat => $name::new_err(message),)?)*
                _ if e.kind() == ErrorKind::Config => ConfigError::new_err(message),
                _ => FluxError::new_err(message),
            }
        }
    };
}

exceptions! {
    InvalidAmount if CoreError::Amount(_) => InvalidInput, "An amount is negative, not finite, too precise or out of range.";
    InvalidAddress if CoreError::Address(_) => InvalidInput, "An EVM address is invalid.";
    InvalidIntent if CoreError::Intent(_) => InvalidInput, "The intent (prompt, budget, deadline, strategy) is invalid.";
    InvalidRequest if CoreError::InvalidIdempotencyKey { .. } | CoreError::InvalidApproval { .. }
        => InvalidInput, "A request argument is invalid (an idempotency key, an approval that is not one).";
    ParseError if CoreError::Parse(_) => InvalidInput, "The intent parser could not read the prompt.";
    DocumentError if CoreError::Document(_) => InvalidInput, "A document (a shopping list file) cannot be read: too large, empty, unsupported, malformed, or an image without a vision model.";
    CatalogError if CoreError::Catalog(_) => Unavailable, "A catalog is invalid or unavailable.";
    InvalidCart if CoreError::Cart(_) => InvalidInput, "Cart input or a cart edit is invalid.";
    InvalidPolicy if CoreError::Policy(_) => Config, "The policy is malformed or invalid.";
    PolicyViolation if CoreError::PolicyViolation { .. } => PolicyViolation, "The policy denied the cart; nothing was signed. `.violations` lists every rule broken.";
    SettlementError if CoreError::Settle(_) => Settlement, "Settlement failed (configuration, preflight, RPC, legs, journal, verification).";
    AuditError if CoreError::Audit(_) => InvalidInput, "The audit trail failed verification.";
    ConfigError => Config, "The Flux instance was configured with unusable options.";
}

static INVALID_BUDGET: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `InvalidBudget`: a budget that is missing, zero or no valid amount, both an `InvalidAmount` (as a
/// budget argument raised) and an `InvalidIntent` (as a budget in a request body raised), with
/// `.field == "budget"`.
fn invalid_budget(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    INVALID_BUDGET
        .get_or_try_init(py, || {
            let bases = (py.get_type::<InvalidAmount>(), py.get_type::<InvalidIntent>());
            let doc = "A budget that is missing, zero or no valid amount: an InvalidAmount and an InvalidIntent (`.field == \"budget\"`).";
            let attrs = [("__module__", "fluxos"), ("__doc__", doc)].into_py_dict(py)?;
            let class = py.get_type::<PyType>().call1(("InvalidBudget", bases, attrs))?;
            Ok::<_, PyErr>(class.cast_into::<PyType>()?.unbind())
        })
        .map(|class| class.bind(py))
}

/// The Python exception for a core error.
pub fn to_py(py: Python<'_>, e: CoreError) -> PyErr {
    let err = match (&e, invalid_budget(py)) {
        (CoreError::Intent(i), Ok(class)) if i.field() == Some("budget") => PyErr::from_type(class.clone(), e.to_string()),
        _ => new_err(&e, e.to_string()),
    };
    let value = err.value(py);
    let violations: Vec<PyViolation> = e.violations().iter().map(|v| PyViolation { inner: v.clone() }).collect();
    let attrs = (|| {
        value.setattr("code", e.code())?;
        value.setattr("kind", e.kind().as_str())?;
        value.setattr("http_status", e.http_status())?;
        value.setattr("field", e.field())?;
        value.setattr("retry_after", e.retry_after())?;
        value.setattr("violations", PyList::new(py, violations)?)
    })();
    match attrs {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// Maps a core `Result` (for synchronous calls, holding the GIL).
pub fn map<T, E: Into<CoreError>>(py: Python<'_>, r: Result<T, E>) -> PyResult<T> {
    r.map_err(|e| to_py(py, e.into()))
}

/// A configuration error raised by the binding itself (an option of the wrong type).
pub fn config(py: Python<'_>, reason: impl Into<String>) -> PyErr {
    to_py(py, CoreError::config(reason))
}
