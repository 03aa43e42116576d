//! Conversions between Python values and the core's. Amounts in: `int`, `Decimal`, `str` as exact
//! text; a `float` under the core's host-number rule ([`Amount::from_host_f64`]); never a `bool`.
//! Amounts out: `decimal.Decimal` from the canonical text — never a float.

use std::fmt::Write as _;

use flux_core::{Amount, AmountError, Document, Intent, IntentError, Strategy};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

use crate::error;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// An amount as `decimal.Decimal`.
pub fn amount_out(py: Python<'_>, a: Amount) -> PyResult<Bound<'_, PyAny>> {
    decimal_type(py)?.call1((a.to_string(),))
}

/// A Python argument.
pub type Arg<'a, 'py> = &'a Bound<'py, PyAny>;
/// An optional Python argument (`None` when omitted).
pub type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// Property values converted on the way out: an amount as `decimal.Decimal` ([`Dec`]), core data
/// as plain Python data from its canonical JSON ([`Data`]).
macro_rules! into_py {
    ($(#[$doc:meta])* $ty:ident($inner:ty), |$py:ident, $v:ident| $convert:expr) => {
        $(#[$doc])*
        pub struct $ty(pub $inner);
        impl<'py> IntoPyObject<'py> for $ty {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, $py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let $v = self.0;
                $convert
            }
        }
    };
}
into_py!(/** An amount, as `decimal.Decimal`. */ Dec(Amount), |py, a| amount_out(py, a));
into_py!(/** Canonical JSON, as plain Python data. */ Data(String), |py, text| json_loads(py, &text));

/// [`Data`] of a serde value.
pub fn data<T: serde::Serialize + ?Sized>(v: &T) -> Data {
    Data(flux_core::to_canonical_json(v))
}

/// A Python amount as an [`Amount`]; invalid values raise `fluxos.InvalidAmount`.
pub fn amount_in(obj: Arg<'_, '_>) -> PyResult<Amount> {
    error::map(obj.py(), amount_of(obj)?)
}

/// An intent's budget: [`amount_in`], a missing or invalid one naming the field (`.field ==
/// "budget"`) as the core's request parser does.
pub fn budget_in(py: Python<'_>, obj: Opt<'_, '_>) -> PyResult<Amount> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return error::map(py, Err(IntentError::MissingBudget)) };
    error::map(py, amount_of(obj)?.map_err(IntentError::InvalidBudget))
}

/// A Python amount as the core reads it; a value of another type raises `TypeError`.
fn amount_of(obj: Arg<'_, '_>) -> PyResult<Result<Amount, AmountError>> {
    Ok(if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err("an amount cannot be a bool"));
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        Amount::from_host_f64(f.value())
    } else if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyInt>() || obj.is_instance(decimal_type(obj.py())?)? {
        Amount::parse(obj.str()?.to_str()?)
    } else {
        let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        return Err(PyTypeError::new_err(format!("an amount must be int, decimal.Decimal, str or float, not {name}")));
    })
}

/// A strategy: `"cheapest" | "fastest" | "balanced"`, or weights as a mapping
/// `{"price", "delivery", "trust"}` (optionally wrapped as `{"custom": {...}}`); `None` is
/// balanced. The core reads it exactly as it reads the seed's JSON body.
pub fn strategy_in(obj: Opt<'_, '_>) -> PyResult<Strategy> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(Strategy::Balanced) };
    if !(obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyDict>()) {
        return Err(PyTypeError::new_err("strategy must be a str or a mapping of weights"));
    }
    error::map(obj.py(), Strategy::from_json(&json_from_py(obj)?))
}

/// A deadline in days (`None`: the core's default), under the core's rule for its text.
pub fn deadline_in(py: Python<'_>, obj: Opt<'_, '_>) -> PyResult<u32> {
    let text = obj.filter(|o| !o.is_none()).map(|o| int_text(o, "deadline_days")).transpose()?;
    error::map(py, Intent::deadline_from_text(text.as_deref()))
}

/// The digits of an `int` argument named `what` (an `IntEnum` member too; never a `bool`), for
/// the core's rules for counts from their text. Beyond 64 bits it is out of range anyway (and
/// Python refuses to print one of over 4,300 digits).
pub fn int_text(obj: Arg<'_, '_>, what: &str) -> PyResult<String> {
    // An int, or what says it is one (`__index__`: numpy.int64); never a bool or a float.
    if obj.is_instance_of::<PyBool>() || !(obj.is_instance_of::<PyInt>() || obj.hasattr("__index__")?) {
        let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        return Err(PyTypeError::new_err(format!("{what} must be an int, not {name}")));
    }
    let int = obj.call_method0("__index__")?;
    Ok(int.extract::<i64>().map_or_else(|_| "an int beyond 64 bits".to_owned(), |n| n.to_string()))
}

/// A document: its content as `bytes`, `bytearray` or `memoryview` (named by `filename`, typed by
/// `content_type`, both optional), or a path (`os.PathLike`) to read. A `str` is refused: text
/// content is ambiguous with a path, and a prompt goes to `orchestrate`.
pub fn document_in(obj: Arg<'_, '_>, filename: Option<&str>, content_type: Option<&str>) -> PyResult<Document> {
    let py = obj.py();
    let doc = if let Ok(b) = obj.cast::<PyBytes>() {
        Document::new(b.as_bytes().to_vec(), filename, content_type)
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Document::new(b.to_vec(), filename, content_type)
    } else if obj.hasattr("__fspath__")? {
        let path: std::path::PathBuf = obj.extract()?;
        Document::read(path)
    } else if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("document must be bytes or a path (pathlib.Path); for a typed prompt use orchestrate()"));
    } else if let Ok(view) = obj.call_method0("tobytes") {
        Document::new(view.cast::<PyBytes>()?.as_bytes().to_vec(), filename, content_type)
    } else {
        let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        return Err(PyTypeError::new_err(format!("document must be bytes, bytearray, memoryview or a path, not {name}")));
    };
    error::map(py, doc)
}

/// JSON as given (`str`, `bytes` or `bytearray`), or plain Python data serialized: bytes go to
/// the core as bytes, so a body that is not UTF-8 gets the core's typed `MALFORMED_JSON`.
pub fn json_bytes(obj: Arg<'_, '_>) -> PyResult<Vec<u8>> {
    Ok(if let Ok(s) = obj.cast::<PyString>() {
        s.to_str()?.as_bytes().to_vec()
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        b.to_vec()
    } else {
        json_from_py(obj)?.into_bytes()
    })
}

/// `json.loads(text)`.
pub fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS.get_or_try_init(py, || py.import("json")?.getattr("loads").map(Bound::unbind))?.bind(py).call1((text,))
}

const MAX_DEPTH: usize = 64;

/// Serializes plain Python data (dict, list, tuple, str, int, float, Decimal, bool, None, paths
/// and fluxos result objects) to JSON text for the core's parsers. Numbers keep their exact text:
/// ints and Decimals verbatim, floats by their shortest round-trip text (the core then applies
/// its rule for host floats); non-finite numbers become strings, which the core refuses as
/// amounts with a clear code.
pub fn json_from_py(obj: Arg<'_, '_>) -> PyResult<String> {
    let mut out = String::with_capacity(256);
    write_json(obj, &mut out, 0)?;
    Ok(out)
}

fn push_str(out: &mut String, s: &str) {
    let _ = write!(out, "{}", serde_json::Value::String(s.to_owned()));
}

fn write_json(obj: Arg<'_, '_>, out: &mut String, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err("value nested too deeply"));
    }
    let py = obj.py();
    if obj.is_none() {
        out.push_str("null");
    } else if let Ok(b) = obj.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
    } else if let Ok(s) = obj.cast::<PyString>() {
        push_str(out, s.to_str()?);
    } else if obj.is_instance_of::<PyInt>() {
        out.push_str(obj.str()?.to_str()?);
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        let _ = if v.is_finite() { write!(out, "{v}") } else { write!(out, "\"{v}\"") };
    } else if let Ok(d) = obj.cast::<PyDict>() {
        out.push('{');
        for (i, (k, v)) in d.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_str(out, k.cast::<PyString>().map_err(|_| PyTypeError::new_err("mapping keys must be str"))?.to_str()?);
            out.push(':');
            write_json(&v, out, depth + 1)?;
        }
        out.push('}');
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        out.push('[');
        for (i, item) in obj.try_iter()?.enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_json(&item?, out, depth + 1)?;
        }
        out.push(']');
    } else if obj.is_instance(decimal_type(py)?)? {
        let text = obj.str()?.to_string();
        if obj.call_method0("is_finite")?.extract()? {
            out.push_str(&text);
        } else {
            push_str(out, &text);
        }
    } else if obj.hasattr("__fspath__")? {
        // A path object is a path: Path("./ledger") prints "ledger", which would name no file.
        let path = obj.call_method0("__fspath__")?.str()?.to_string();
        push_str(out, &if path.contains(['/', '\\']) { path } else { format!("./{path}") });
    } else if obj.hasattr("to_json")? {
        out.push_str(obj.call_method0("to_json")?.cast::<PyString>()?.to_str()?);
    } else {
        let name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        return Err(PyTypeError::new_err(format!("cannot convert {name} to JSON")));
    }
    Ok(())
}
