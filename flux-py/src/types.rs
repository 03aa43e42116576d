//! Result objects: thin, immutable wrappers of the core's values. Each has `canonical_json()`
//! (the core's bytes), `to_json()` and `to_dict()` (that JSON parsed: amounts stay exact strings);
//! typed properties return amounts as `decimal.Decimal`.

use std::sync::Arc;

use flux_core::{Cart, CartLine, Decision, FluxError as CoreError, Intent, Proposal, Settlement, Violation};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use serde::Serialize;

use crate::convert::{self, amount_out, json_loads, opt_amount_out};
use crate::error;

fn canonical<T: Serialize + ?Sized>(v: &T) -> String {
    flux_core::to_canonical_json(v)
}

/// A serde value as Python data (via its canonical JSON).
pub fn to_data<'py, T: Serialize + ?Sized>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    json_loads(py, &canonical(v))
}

/// The snake_case name of a serde unit enum (`"success"`, `"memory"`).
pub fn enum_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A validated intent: prompt, budget, deadline in days, strategy.
#[pyclass(name = "Intent", module = "fluxos", frozen)]
pub struct PyIntent {
    pub inner: Intent,
}

#[pymethods]
impl PyIntent {
    #[new]
    #[pyo3(signature = (prompt, budget, deadline_days = None, strategy = None))]
    fn new(
        py: Python<'_>,
        prompt: &str,
        budget: &Bound<'_, PyAny>,
        deadline_days: Option<&Bound<'_, PyAny>>,
        strategy: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let budget = convert::amount_in(budget)?;
        let deadline = match deadline_days {
            Some(d) if !d.is_none() => convert::deadline_in(py, d)?,
            _ => 7,
        };
        let strategy = convert::strategy_in(strategy)?;
        let inner = error::map(py, Intent::new(prompt, budget, deadline, strategy).map_err(CoreError::from))?;
        Ok(PyIntent { inner })
    }

    /// Parses the seed's `UserRequest` JSON (`{"prompt", "budget", "deadline_days", "strategy"}`),
    /// reading the budget from its exact number text.
    #[staticmethod]
    fn from_json(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = match convert::text_in(body)? {
            Some(t) => t,
            None => convert::json_from_py(body)?,
        };
        let inner = error::map(py, Intent::from_json(&text).map_err(CoreError::from))?;
        Ok(PyIntent { inner })
    }

    #[getter]
    fn prompt(&self) -> &str {
        self.inner.prompt()
    }
    #[getter]
    fn budget<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.budget())
    }
    #[getter]
    fn deadline_days(&self) -> u32 {
        self.inner.deadline_days()
    }
    /// `"cheapest"`, `"fastest"`, `"balanced"` or `"custom"`.
    #[getter]
    fn strategy(&self) -> &'static str {
        self.inner.strategy().name()
    }
    /// The strategy's weights `{"price", "delivery", "trust"}`.
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.strategy().weights())
    }
    /// SHA-256 of the intent's canonical JSON.
    #[getter]
    fn hash(&self) -> String {
        self.inner.hash()
    }
    fn canonical_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyIntent>().is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Intent(prompt={:?}, budget=Decimal('{}'), deadline_days={}, strategy={:?})",
            self.inner.prompt(),
            self.inner.budget(),
            self.inner.deadline_days(),
            self.inner.strategy().name()
        )
    }
}

/// One cart line (the seed dashboard's fields plus quantity, line total, category, units).
#[pyclass(name = "CartLine", module = "fluxos", frozen)]
pub struct PyCartLine {
    pub inner: CartLine,
}

#[pymethods]
impl PyCartLine {
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    #[getter]
    fn price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.price)
    }
    #[getter]
    fn original_price<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_amount_out(py, self.inner.original_price)
    }
    #[getter]
    fn quantity(&self) -> u32 {
        self.inner.quantity
    }
    #[getter]
    fn line_total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.line_total)
    }
    #[getter]
    fn vendor_name(&self) -> &str {
        &self.inner.vendor_name
    }
    #[getter]
    fn vendor_id(&self) -> &str {
        &self.inner.vendor_id
    }
    #[getter]
    fn trust_score(&self) -> u8 {
        self.inner.trust_score
    }
    #[getter]
    fn delivery_days(&self) -> u32 {
        self.inner.delivery_days
    }
    #[getter]
    fn ai_score(&self) -> u32 {
        self.inner.ai_score
    }
    #[getter]
    fn reason(&self) -> &str {
        &self.inner.reason
    }
    #[getter]
    fn ai_reason(&self) -> &str {
        &self.inner.ai_reason
    }
    #[getter]
    fn category(&self) -> &str {
        &self.inner.category
    }
    #[getter]
    fn units(&self) -> u32 {
        self.inner.units
    }
    /// Discounts applied (`[{"kind", "bps", ...}]`, amounts as exact strings).
    #[getter]
    fn discounts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.discounts)
    }
    fn canonical_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCartLine>().is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "CartLine(id={:?}, vendor_id={:?}, price=Decimal('{}'), quantity={})",
            self.inner.id, self.inner.vendor_id, self.inner.price, self.inner.quantity
        )
    }
}

/// A cart: lines, exact total, canonical JSON and content-hash id. Immutable; edits return a new cart.
#[pyclass(name = "Cart", module = "fluxos", frozen, sequence)]
pub struct PyCart {
    pub inner: Arc<Cart>,
}

impl PyCart {
    pub fn new(cart: Cart) -> Self {
        PyCart { inner: Arc::new(cart) }
    }
}

/// A cart from a `Cart`, JSON text (`str`/`bytes`: the seed's list of lines or `{"lines": [...]}`),
/// or Python data (a list of line mappings / `CartLine`s).
pub fn cart_in(obj: &Bound<'_, PyAny>) -> PyResult<Arc<Cart>> {
    if let Ok(c) = obj.cast::<PyCart>() {
        return Ok(c.get().inner.clone());
    }
    let py = obj.py();
    let text = match convert::text_in(obj)? {
        Some(t) => t,
        None => convert::json_from_py(obj)?,
    };
    let cart = py.detach(|| Cart::from_json(&text));
    error::map(py, cart.map_err(CoreError::from)).map(Arc::new)
}

#[pymethods]
impl PyCart {
    /// `Cart(lines)`: from a list of line mappings (`vendor_id` and `price` required) or JSON text.
    #[new]
    fn py_new(lines: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyCart { inner: cart_in(lines)? })
    }
    /// Parses JSON text: the seed's list of lines, or `{"lines": [...]}`.
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyCart { inner: cart_in(json)? })
    }
    #[getter]
    fn lines(&self) -> Vec<PyCartLine> {
        self.inner.lines().iter().map(|l| PyCartLine { inner: l.clone() }).collect()
    }
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.total())
    }
    #[getter]
    fn currency(&self) -> &'static str {
        "USDC"
    }
    /// Content hash: `cart_` + 32 hex digits.
    #[getter]
    fn id(&self) -> String {
        self.inner.id()
    }
    fn canonical_json(&self) -> String {
        self.inner.canonical_json()
    }
    fn to_json(&self) -> String {
        self.inner.canonical_json()
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &self.inner.canonical_json())
    }
    /// A new cart without the line `line_id`.
    fn remove_line(&self, py: Python<'_>, line_id: &str) -> PyResult<PyCart> {
        error::map(py, self.inner.remove_line(line_id).map_err(CoreError::from)).map(PyCart::new)
    }
    /// A new cart with `line_id` set to `quantity` packs at the same pack price (use
    /// `Flux.set_quantity` to re-negotiate volume discounts).
    fn set_quantity(&self, py: Python<'_>, line_id: &str, quantity: u32) -> PyResult<PyCart> {
        error::map(py, self.inner.set_quantity(line_id, quantity).map_err(CoreError::from)).map(PyCart::new)
    }
    /// A new cart with `line_id` replaced by `line`.
    fn replace_line(&self, py: Python<'_>, line_id: &str, line: PyRef<'_, PyCartLine>) -> PyResult<PyCart> {
        error::map(py, self.inner.replace_line(line_id, line.inner.clone()).map_err(CoreError::from)).map(PyCart::new)
    }
    fn __len__(&self) -> usize {
        self.inner.lines().len()
    }
    fn __getitem__(&self, index: isize) -> PyResult<PyCartLine> {
        let n = self.inner.lines().len() as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err("cart line index out of range"));
        }
        Ok(PyCartLine { inner: self.inner.lines()[i as usize].clone() })
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCart>().is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        let id = self.inner.id();
        u64::from_str_radix(id.get(5..21).unwrap_or("0"), 16).unwrap_or(0)
    }
    fn __repr__(&self) -> String {
        format!("Cart(id={:?}, lines={}, total=Decimal('{}'))", self.inner.id(), self.inner.lines().len(), self.inner.total())
    }
}

/// The answer to an intent: the optimal cart, ranked alternatives, unmet needs, telemetry.
#[pyclass(name = "Proposal", module = "fluxos", frozen)]
pub struct PyProposal {
    pub inner: Arc<Proposal>,
    pub intent: Intent,
}

#[pymethods]
impl PyProposal {
    /// The intent this proposal answers (for `Flux.set_quantity` / `replace_line`).
    #[getter]
    fn intent(&self) -> PyIntent {
        PyIntent { inner: self.intent.clone() }
    }
    #[getter]
    fn intent_hash(&self) -> &str {
        &self.inner.intent_hash
    }
    #[getter]
    fn strategy(&self) -> &'static str {
        self.inner.strategy.name()
    }
    #[getter]
    fn budget<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.budget)
    }
    #[getter]
    fn deadline_days(&self) -> u32 {
        self.inner.deadline_days
    }
    /// Needs read from the prompt: `[{"category", "quantity", "source"}]`.
    #[getter]
    fn needs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.needs)
    }
    #[getter]
    fn headcount(&self) -> Option<u32> {
        self.inner.headcount
    }
    #[getter]
    fn dropped<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.dropped)
    }
    /// The chosen lines (the seed's `options`).
    #[getter]
    fn options(&self) -> Vec<PyCartLine> {
        self.inner.cart.lines().iter().map(|l| PyCartLine { inner: l.clone() }).collect()
    }
    /// The optimal cart.
    #[getter]
    fn cart(&self) -> PyCart {
        PyCart::new(self.inner.cart.clone())
    }
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.total)
    }
    #[getter]
    fn remaining_budget<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.remaining_budget)
    }
    #[getter]
    fn cart_id(&self) -> &str {
        &self.inner.cart_id
    }
    /// Per need, the best options with score breakdowns and reasons.
    #[getter]
    fn alternatives<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.alternatives)
    }
    #[getter]
    fn unmet<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.unmet)
    }
    /// `{"parser", "model", "provider", "latency_ms", "tokens_used", ...}` (not canonical).
    #[getter]
    fn telemetry<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.telemetry)
    }
    /// Canonical JSON without telemetry: byte-identical on every host.
    fn canonical_json(&self) -> String {
        self.inner.canonical_json()
    }
    /// JSON with `telemetry`, keys sorted.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    /// `to_json()` parsed.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &self.inner.to_json())
    }
    fn __repr__(&self) -> String {
        format!(
            "Proposal(cart_id={:?}, lines={}, total=Decimal('{}'), unmet={})",
            self.inner.cart_id,
            self.inner.cart.lines().len(),
            self.inner.total,
            self.inner.unmet.len()
        )
    }
}

/// One broken policy rule: a stable `code`, a `message`, the 0-based `line` and the `merchant`
/// concerned, when there is one. Plain data (picklable); constructing one grants nothing.
#[pyclass(name = "Violation", module = "fluxos", frozen)]
pub struct PyViolation {
    #[pyo3(get)]
    code: String,
    #[pyo3(get)]
    message: String,
    #[pyo3(get)]
    line: Option<usize>,
    #[pyo3(get)]
    merchant: Option<String>,
}

impl PyViolation {
    pub fn from_core(v: &Violation) -> Self {
        PyViolation { code: v.code.as_str().to_owned(), message: v.message.clone(), line: v.line, merchant: v.merchant.clone() }
    }
}

#[pymethods]
impl PyViolation {
    #[new]
    #[pyo3(signature = (code, message, line = None, merchant = None))]
    fn new(code: String, message: String, line: Option<usize>, merchant: Option<String>) -> Self {
        PyViolation { code, message, line, merchant }
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let v = slf.get();
        let args = (v.code.clone(), v.message.clone(), v.line, v.merchant.clone()).into_pyobject(py)?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }
    /// `{"code", "message", "line"?, "merchant"?}` (absent keys omitted, like the core's JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = pyo3::types::PyDict::new(py);
        d.set_item("code", &self.code)?;
        d.set_item("message", &self.message)?;
        if let Some(l) = self.line {
            d.set_item("line", l)?;
        }
        if let Some(m) = &self.merchant {
            d.set_item("merchant", m)?;
        }
        Ok(d.into_any())
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyViolation>().is_ok_and(|o| {
            let o = o.get();
            o.code == self.code && o.message == self.message && o.line == self.line && o.merchant == self.merchant
        })
    }
    fn __repr__(&self) -> String {
        format!("Violation(code={:?}, message={:?}, line={:?}, merchant={:?})", self.code, self.message, self.line, self.merchant)
    }
}

/// The policy's decision on a cart. Truthy when allowed. An approval cannot be built from Python:
/// only `Flux.authorize` makes one, and `Flux.execute` re-authorizes before paying.
#[pyclass(name = "Decision", module = "fluxos", frozen)]
pub struct PyDecision {
    pub inner: Decision,
}

#[pymethods]
impl PyDecision {
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.is_allowed()
    }
    /// `"allow"` or `"deny"`.
    #[getter]
    fn decision(&self) -> &'static str {
        if self.inner.is_allowed() {
            "allow"
        } else {
            "deny"
        }
    }
    #[getter]
    fn violations(&self) -> Vec<PyViolation> {
        self.inner.violations().iter().map(PyViolation::from_core).collect()
    }
    /// The approved cart's id (None when denied).
    #[getter]
    fn cart_id(&self) -> Option<&str> {
        match &self.inner {
            Decision::Allow(a) => Some(a.cart_id()),
            _ => None,
        }
    }
    /// The approved total (None when denied).
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.inner {
            Decision::Allow(a) => amount_out(py, a.total()).map(Some),
            _ => Ok(None),
        }
    }
    /// Transfer legs, one per merchant, payout addresses from the policy (empty when denied).
    #[getter]
    fn legs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner {
            Decision::Allow(a) => to_data(py, a.legs()),
            _ => to_data(py, &[] as &[u8]),
        }
    }
    #[getter]
    fn policy_hash(&self) -> Option<&str> {
        match &self.inner {
            Decision::Allow(a) => Some(a.policy_hash()),
            _ => None,
        }
    }
    fn canonical_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner)
    }
    fn __bool__(&self) -> bool {
        self.inner.is_allowed()
    }
    fn __repr__(&self) -> String {
        match &self.inner {
            Decision::Allow(a) => format!("Decision(allow, cart_id={:?}, total=Decimal('{}'))", a.cart_id(), a.total()),
            Decision::Deny { violations } => {
                format!("Decision(deny, violations={:?})", violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>())
            }
        }
    }
}

/// The result of `Flux.execute`: the seed's `{status, logs, transaction_hashes}` and per-leg detail.
#[pyclass(name = "Settlement", module = "fluxos", frozen)]
pub struct PySettlement {
    pub inner: Settlement,
}

#[pymethods]
impl PySettlement {
    /// `"success"`, `"partial"` or `"failed"`.
    #[getter]
    fn status(&self) -> String {
        enum_name(&self.inner.status)
    }
    #[getter]
    fn idempotency_key(&self) -> &str {
        &self.inner.idempotency_key
    }
    #[getter]
    fn cart_id(&self) -> &str {
        &self.inner.cart_id
    }
    #[getter]
    fn policy_hash(&self) -> &str {
        &self.inner.policy_hash
    }
    /// `"memory"`, `"sandbox"` or `"evm"`.
    #[getter]
    fn mode(&self) -> String {
        enum_name(&self.inner.mode)
    }
    #[getter]
    fn broadcast(&self) -> bool {
        self.inner.broadcast
    }
    #[getter]
    fn chain_id(&self) -> u64 {
        self.inner.chain_id
    }
    #[getter]
    fn token(&self) -> String {
        enum_name(&self.inner.token)
    }
    #[getter]
    fn sender(&self) -> Option<String> {
        self.inner.sender.as_ref().map(enum_name)
    }
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        amount_out(py, self.inner.total)
    }
    /// Legs as data (`merchant_id`, `payout`, `amount` (exact string), `status`, `tx_hash`, ...).
    #[getter]
    fn legs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner.legs)
    }
    #[getter]
    fn transaction_hashes(&self) -> Vec<String> {
        self.inner.transaction_hashes.clone()
    }
    #[getter]
    fn logs(&self) -> Vec<String> {
        self.inner.logs.clone()
    }
    #[getter]
    fn replayed(&self) -> bool {
        self.inner.replayed
    }
    fn canonical_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_json(&self) -> String {
        canonical(&self.inner)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_data(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Settlement(status={:?}, mode={:?}, cart_id={:?}, legs={}, total=Decimal('{}'))",
            enum_name(&self.inner.status),
            enum_name(&self.inner.mode),
            self.inner.cart_id,
            self.inner.legs.len(),
            self.inner.total
        )
    }
}
