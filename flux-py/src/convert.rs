//! Conversions between Python values and the core's inputs/outputs.
//!
//! Amounts in: `int`, `decimal.Decimal`, `str` (exact decimal text) and `float`. A float is read
//! through its shortest round-trip text (`0.1` → `"0.1"`, the same rule the core applies to floats
//! from non-JSON formats), so it is accepted exactly when that text has at most 6 decimals and is
//! in range; `0.1234567`, `nan`, `inf`, `-1.0` are rejected. `bool` is rejected. Amounts out:
//! `decimal.Decimal` built from the canonical text — never a float.

use std::fmt::Write as _;

use flux_core::{Amount, FluxError as CoreError, IntentError, Strategy, Weights};
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

/// `decimal.Decimal(text)`.
pub fn decimal<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((text,))
}

/// An amount as `decimal.Decimal`.
pub fn amount_out(py: Python<'_>, a: Amount) -> PyResult<Bound<'_, PyAny>> {
    decimal(py, &a.to_string())
}

/// An optional amount as `decimal.Decimal | None`.
pub fn opt_amount_out(py: Python<'_>, a: Option<Amount>) -> PyResult<Option<Bound<'_, PyAny>>> {
    a.map(|a| amount_out(py, a)).transpose()
}

/// Exact decimal text of a Python amount, or a `TypeError` for types that are not amounts.
fn amount_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err("an amount cannot be a bool"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(obj.str()?.to_str()?.to_owned());
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        // Rust's `Display` for f64 is the shortest text that round-trips (like Python's repr),
        // without an exponent; non-finite values print as `NaN` / `inf` / `-inf`.
        return Ok(format!("{}", f.value()));
    }
    if obj.is_instance(decimal_type(py)?)? {
        return Ok(obj.str()?.to_str()?.to_owned());
    }
    Err(PyTypeError::new_err(format!(
        "an amount must be int, decimal.Decimal, str or float, not {}",
        obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
    )))
}

/// A Python amount as an [`Amount`]; invalid values raise `fluxos.InvalidAmount`.
pub fn amount_in(obj: &Bound<'_, PyAny>) -> PyResult<Amount> {
    let text = amount_text(obj)?;
    error::map(obj.py(), Amount::parse(&text).map_err(CoreError::from))
}

/// Parses exact amount text (`fluxos.parse_amount`).
pub fn parse_amount(py: Python<'_>, text: &str) -> PyResult<Amount> {
    error::map(py, Amount::parse(text).map_err(CoreError::from))
}

/// A strategy: `"cheapest" | "fastest" | "balanced"`, or weights as a mapping
/// `{"price": .., "delivery": .., "trust": ..}` (optionally wrapped as `{"custom": {...}}`).
pub fn strategy_in(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Strategy> {
    let Some(obj) = obj else { return Ok(Strategy::Balanced) };
    let py = obj.py();
    if obj.is_none() {
        return Ok(Strategy::Balanced);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return error::map(py, Strategy::from_name(s.to_str()?).map_err(CoreError::from));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let d = match d.get_item("custom")? {
            Some(inner) => inner.cast_into::<PyDict>().map_err(|_| PyTypeError::new_err("strategy 'custom' must be a mapping"))?,
            None => d.clone(),
        };
        let weight = |k: &str| -> PyResult<u32> {
            let v = d.get_item(k)?.ok_or_else(|| {
                error::to_py(py, CoreError::from(IntentError::UnknownStrategy { name: format!("custom weights need {k:?}") }))
            })?;
            v.extract::<u32>().map_err(|_| PyValueError::new_err(format!("strategy weight {k:?} must be an integer 0..=100")))
        };
        let w = Weights { price: weight("price")?, delivery: weight("delivery")?, trust: weight("trust")? };
        // `Intent::new` validates that the weights sum to 100.
        return Ok(Strategy::Custom(w));
    }
    Err(PyTypeError::new_err("strategy must be a str or a mapping of weights"))
}

/// A deadline in days as the core's `u32` (out-of-range values raise `InvalidIntent`).
pub fn deadline_in(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err("deadline_days must be an int"));
    }
    obj.extract::<u32>().map_err(|_| {
        let got = obj.str().map(|s| s.to_string()).unwrap_or_default();
        error::to_py(py, CoreError::from(IntentError::InvalidDeadline { got, max: flux_core::MAX_DEADLINE_DAYS }))
    })
}

/// Text from `str`, `bytes` or `bytearray`.
pub fn text_in(obj: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(s.to_str()?.to_owned()));
    }
    let bytes: Option<Vec<u8>> = if let Ok(b) = obj.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    match bytes {
        Some(b) => String::from_utf8(b).map(Some).map_err(|_| PyValueError::new_err("JSON text must be UTF-8")),
        None => Ok(None),
    }
}

/// `json.loads(text)`.
pub fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS.get_or_try_init(py, || py.import("json")?.getattr("loads").map(Bound::unbind))?.bind(py).call1((text,))
}

const MAX_DEPTH: usize = 64;

/// Serializes plain Python data (dict, list, tuple, str, int, float, Decimal, bool, None, and
/// fluxos result objects) to JSON text for the core's parsers. Numbers keep their exact text:
/// ints and Decimals verbatim, floats by their shortest round-trip text; non-finite numbers
/// become strings so the core rejects them as amounts with a clear code.
pub fn json_from_py(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut out = String::with_capacity(256);
    write_json(obj, &mut out, 0)?;
    Ok(out)
}

fn push_str(out: &mut String, s: &str) {
    // serde_json's string escaping, written in place.
    let _ = write!(out, "{}", serde_json::Value::String(s.to_owned()));
}

fn write_json(obj: &Bound<'_, PyAny>, out: &mut String, depth: usize) -> PyResult<()> {
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
        if v.is_finite() {
            let _ = write!(out, "{v}");
        } else {
            push_str(out, &format!("{v}"));
        }
    } else if let Ok(d) = obj.cast::<PyDict>() {
        out.push('{');
        for (i, (k, v)) in d.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let k = k.cast_into::<PyString>().map_err(|_| PyTypeError::new_err("mapping keys must be str"))?;
            push_str(out, k.to_str()?);
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
        let finite: bool = obj.call_method0("is_finite")?.extract()?;
        if finite {
            out.push_str(&text);
        } else {
            push_str(out, &text);
        }
    } else if let Ok(line) = obj.cast::<crate::types::PyCartLine>() {
        out.push_str(&flux_core::to_canonical_json(&line.get().inner));
    } else if obj.hasattr("to_json")? {
        out.push_str(obj.call_method0("to_json")?.cast::<PyString>()?.to_str()?);
    } else {
        return Err(PyTypeError::new_err(format!(
            "cannot convert {} to JSON",
            obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        )));
    }
    Ok(())
}
