//! Result objects: immutable wrappers of the core's values, with typed properties (amounts as
//! `decimal.Decimal`) and the core's JSON (`to_dict()` keeps amounts as exact strings).

use std::sync::Arc;

use flux_core::{Cart, CartLine, Decision, Intent, Policy, Proposal, Settlement, Violation};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::convert::{self, data, json_loads, Arg, Data, Dec, Opt};
use crate::error;

/// One `#[pymethods]` block for a result class around a core value `inner`: its properties
/// (`get name: Type = |s| expr;`), its own methods, `__repr__`, and `canonical_json()`, `to_json()`
/// (`full`, when it adds to the canonical form) and `to_dict()`.
macro_rules! result_class {
    ($cls:ident $(canonical = |$c:ident| $canonical:expr,)? $(full = |$f:ident| $full:expr,)? repr = |$r:ident| $repr:expr,
     { $($(#[doc = $doc:literal])* get $name:ident: $ty:ty = |$s:ident| $get:expr;)* } $({ $($methods:tt)* })?) => {
        #[pymethods]
        impl $cls {
            $(
                $(#[doc = $doc])*
                #[getter]
                fn $name(&self) -> $ty {
                    let $s = self;
                    $get
                }
            )*
            $($($methods)*)?
            fn __repr__(&self) -> String {
                let $r = &self.inner;
                $repr
            }
            /// The core's canonical JSON: byte-identical for the same inputs on every host.
            fn canonical_json(&self) -> String {
                $(let $c = self; return $canonical;)?
                #[allow(unreachable_code)]
                flux_core::to_canonical_json(&self.inner)
            }
            /// JSON with sorted keys (a proposal's includes its telemetry).
            fn to_json(&self) -> String {
                $(let $f = self; return $full;)?
                #[allow(unreachable_code)]
                self.canonical_json()
            }
            /// `to_json()` as Python data; amounts stay exact strings.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                json_loads(py, &self.to_json())
            }
        }
    };
}

/// A validated intent: prompt, budget, deadline in days, strategy.
#[pyclass(name = "Intent", module = "fluxos", frozen, eq)]
#[derive(PartialEq)]
pub struct PyIntent {
    pub inner: Intent,
}

/// An intent from the arguments of `Intent(...)` and `Flux.orchestrate(...)`, or the `Intent`
/// given as `prompt`.
pub fn intent_in(py: Python<'_>, prompt: Arg<'_, '_>, [budget, deadline_days, strategy]: [Opt<'_, '_>; 3]) -> PyResult<Intent> {
    if let Ok(i) = prompt.cast::<PyIntent>() {
        if [budget, deadline_days, strategy].iter().flatten().any(|a| !a.is_none()) {
            return Err(PyTypeError::new_err("an Intent carries its budget, deadline and strategy: pass the Intent alone"));
        }
        return Ok(i.get().inner.clone());
    }
    let prompt = prompt.cast::<PyString>().map_err(|_| PyTypeError::new_err("prompt must be a str or a fluxos.Intent"))?;
    let budget = convert::budget_in(py, budget)?;
    let (deadline, strategy) = (convert::deadline_in(py, deadline_days)?, convert::strategy_in(strategy)?);
    error::map(py, Intent::new(prompt.to_str()?, budget, deadline, strategy))
}

result_class!(PyIntent
    repr = |i| format!("Intent({:?}, budget={}, deadline_days={}, strategy={})", i.prompt(), i.budget(), i.deadline_days(), i.strategy()),
{
    get prompt: &str = |s| s.inner.prompt();
    get budget: Dec = |s| Dec(s.inner.budget());
    get deadline_days: u32 = |s| s.inner.deadline_days();
    /// `"cheapest"`, `"fastest"`, `"balanced"` or `"custom"`.
    get strategy: &'static str = |s| s.inner.strategy().name();
    /// `{"price", "delivery", "trust"}`.
    get weights: Data = |s| data(&s.inner.strategy().weights());
    /// SHA-256 of the intent's canonical JSON.
    get hash: String = |s| s.inner.hash();
} {
    #[new]
    #[pyo3(signature = (prompt, budget, deadline_days = None, strategy = None))]
    fn new(py: Python<'_>, prompt: Arg<'_, '_>, budget: Arg<'_, '_>, deadline_days: Opt<'_, '_>, strategy: Opt<'_, '_>) -> PyResult<Self> {
        intent_in(py, prompt, [Some(budget), deadline_days, strategy]).map(|inner| PyIntent { inner })
    }
    /// Parses the seed's `UserRequest` JSON, reading the budget from its exact number text.
    #[staticmethod]
    fn from_json(py: Python<'_>, body: Arg<'_, '_>) -> PyResult<Self> {
        error::map(py, Intent::from_json_bytes(&convert::json_bytes(body)?)).map(|inner| PyIntent { inner })
    }
});

/// One cart line (the seed dashboard's fields plus quantity, line total, category, units).
#[pyclass(name = "CartLine", module = "fluxos", frozen, eq)]
#[derive(PartialEq)]
pub struct PyCartLine {
    pub inner: CartLine,
}

result_class!(PyCartLine
    repr = |l| format!("CartLine(id={:?}, vendor_id={:?}, price={}, quantity={})", l.id, l.vendor_id, l.price, l.quantity),
{
    get id: &str = |s| &s.inner.id;
    get name: &str = |s| &s.inner.name;
    /// The price of one pack (after discounts), not of one unit.
    get price: Dec = |s| Dec(s.inner.price);
    get original_price: Option<Dec> = |s| s.inner.original_price.map(Dec);
    /// Packs bought (`units` counts what they hold).
    get quantity: u32 = |s| s.inner.quantity;
    get line_total: Dec = |s| Dec(s.inner.line_total);
    get vendor_name: &str = |s| &s.inner.vendor_name;
    get vendor_id: &str = |s| &s.inner.vendor_id;
    get trust_score: u8 = |s| s.inner.trust_score;
    get delivery_days: u32 = |s| s.inner.delivery_days;
    get ai_score: u32 = |s| s.inner.ai_score;
    get reason: &str = |s| &s.inner.reason;
    get ai_reason: &str = |s| &s.inner.ai_reason;
    get category: &str = |s| &s.inner.category;
    /// Units delivered: packs times the pack size.
    get units: u32 = |s| s.inner.units;
    /// Discounts applied (`[{"kind", "bps", "label"}]`).
    get discounts: Data = |s| data(&s.inner.discounts);
});

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

fn lines(cart: &Cart) -> Vec<PyCartLine> {
    cart.lines().iter().map(|l| PyCartLine { inner: l.clone() }).collect()
}

/// A cart from a `Cart`, JSON text (the seed's list of lines or `{"lines": [...]}`), or Python
/// data (a list of line mappings / `CartLine`s).
pub fn cart_in(obj: Arg<'_, '_>) -> PyResult<Arc<Cart>> {
    if let Ok(c) = obj.cast::<PyCart>() {
        return Ok(c.get().inner.clone());
    }
    let (py, json) = (obj.py(), convert::json_bytes(obj)?);
    error::map(py, py.detach(|| Cart::from_json_bytes(&json))).map(Arc::new)
}

fn edited(py: Python<'_>, r: Result<Cart, flux_core::CartError>) -> PyResult<PyCart> {
    error::map(py, r).map(PyCart::new)
}

result_class!(PyCart canonical = |s| s.inner.canonical_json(),
    repr = |c| format!("Cart(id={:?}, lines={}, total={})", c.id(), c.lines().len(), c.total()),
{
    get lines: Vec<PyCartLine> = |s| lines(&s.inner);
    get total: Dec = |s| Dec(s.inner.total());
    get currency: &'static str = |_s| "USDC";
    /// Content hash: `cart_` + 32 hex digits.
    get id: String = |s| s.inner.id();
} {
    #[new]
    fn py_new(lines: Arg<'_, '_>) -> PyResult<Self> {
        Ok(PyCart { inner: cart_in(lines)? })
    }
    #[staticmethod]
    fn from_json(json: Arg<'_, '_>) -> PyResult<Self> {
        Ok(PyCart { inner: cart_in(json)? })
    }
    /// A new cart without the line `line_id`.
    fn remove_line(&self, py: Python<'_>, line_id: &str) -> PyResult<PyCart> {
        edited(py, self.inner.remove_line(line_id))
    }
    /// A new cart with `line_id` set to `quantity` packs at the same pack price.
    fn set_quantity(&self, py: Python<'_>, line_id: &str, quantity: Arg<'_, '_>) -> PyResult<PyCart> {
        let quantity = error::map(py, flux_core::quantity_from_host_text(&self.inner, line_id, &convert::int_text(quantity, "quantity")?))?;
        edited(py, self.inner.set_quantity(line_id, quantity))
    }
    /// A new cart with `line_id` replaced by `line`.
    fn replace_line(&self, py: Python<'_>, line_id: &str, line: PyRef<'_, PyCartLine>) -> PyResult<PyCart> {
        edited(py, self.inner.replace_line(line_id, line.inner.clone()))
    }
    fn __len__(&self) -> usize {
        self.inner.lines().len()
    }
    fn __getitem__(&self, index: isize) -> PyResult<PyCartLine> {
        let lines = self.inner.lines();
        let i = if index < 0 { index.checked_add(lines.len() as isize) } else { Some(index) };
        match i.and_then(|i| usize::try_from(i).ok()).and_then(|i| lines.get(i)) {
            Some(l) => Ok(PyCartLine { inner: l.clone() }),
            None => Err(pyo3::exceptions::PyIndexError::new_err("cart line index out of range")),
        }
    }
    fn __eq__(&self, other: Arg<'_, '_>) -> bool {
        other.cast::<PyCart>().is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        u64::from_str_radix(self.inner.id().get(5..21).unwrap_or("0"), 16).unwrap_or(0)
    }
    /// Pickles (and copies) as its canonical JSON, which `Cart.from_json` reads back to the same cart.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.get().inner.canonical_json(),)))
    }
});

/// The answer to an intent: the optimal cart, ranked alternatives, unmet needs, telemetry.
#[pyclass(name = "Proposal", module = "fluxos", frozen)]
pub struct PyProposal {
    pub inner: Arc<Proposal>,
}

result_class!(PyProposal canonical = |s| s.inner.canonical_json(), full = |s| s.inner.to_json(),
    repr = |p| format!("Proposal(cart_id={:?}, lines={}, total={}, unmet={})", p.cart_id, p.cart.lines().len(), p.total, p.unmet.len()),
{
    /// The intent this proposal answers (for `Flux.set_units` / `replace_line`).
    get intent: PyIntent = |s| PyIntent { inner: s.inner.intent.clone() };
    get intent_hash: &str = |s| &s.inner.intent_hash;
    get strategy: &'static str = |s| s.inner.strategy.name();
    get budget: Dec = |s| Dec(s.inner.budget);
    get deadline_days: u32 = |s| s.inner.deadline_days;
    get needs: Data = |s| data(&s.inner.needs);
    get headcount: Option<u32> = |s| s.inner.headcount;
    get dropped: Data = |s| data(&s.inner.dropped);
    /// The chosen lines (the seed's `options`).
    get options: Vec<PyCartLine> = |s| lines(&s.inner.cart);
    get cart: PyCart = |s| PyCart::new(s.inner.cart.clone());
    get total: Dec = |s| Dec(s.inner.total);
    get remaining_budget: Dec = |s| Dec(s.inner.remaining_budget);
    get cart_id: &str = |s| &s.inner.cart_id;
    /// Per need, the best options with score breakdowns and reasons.
    get alternatives: Data = |s| data(&s.inner.alternatives);
    get unmet: Data = |s| data(&s.inner.unmet);
    /// `{"parser", "model", "provider", "latency_ms", "tokens_used", ...}` (not canonical).
    get telemetry: Data = |s| data(&s.inner.telemetry);
});

/// One broken policy rule: a stable `code`, a `message`, the 0-based `line` and the `merchant`
/// concerned, when there is one. Plain data (picklable); constructing one grants nothing.
#[pyclass(name = "Violation", module = "fluxos", frozen, eq)]
#[derive(PartialEq)]
pub struct PyViolation {
    pub inner: Violation,
}

result_class!(PyViolation
    repr = |v| format!(
        "Violation(code={:?}, message={:?}, line={}, merchant={})",
        v.code.as_str(),
        v.message,
        v.line.map_or("None".into(), |l| l.to_string()),
        v.merchant.as_ref().map_or("None".into(), |m| format!("{m:?}"))
    ),
{
    get code: &'static str = |s| s.inner.code.as_str();
    get message: &str = |s| &s.inner.message;
    get line: Option<usize> = |s| s.inner.line;
    get merchant: Option<&str> = |s| s.inner.merchant.as_deref();
} {
    #[new]
    #[pyo3(signature = (code, message, line = None, merchant = None))]
    fn new(code: &str, message: String, line: Option<usize>, merchant: Option<String>) -> PyResult<Self> {
        let code = serde_json::from_value(code.into()).map_err(|_| pyo3::exceptions::PyValueError::new_err(format!("unknown violation code {code:?}")))?;
        Ok(PyViolation { inner: Violation { code, message, line, merchant } })
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let v = &slf.get().inner;
        let args = (v.code.as_str(), v.message.clone(), v.line, v.merchant.clone()).into_pyobject(slf.py())?;
        PyTuple::new(slf.py(), [slf.get_type().into_any(), args.into_any()])
    }
});

/// The policy's decision on a cart. Truthy when allowed. An approved cart cannot be built from
/// Python: only `Flux.authorize` makes one, and `Flux.execute` re-authorizes before paying.
#[pyclass(name = "Decision", module = "fluxos", frozen)]
pub struct PyDecision {
    pub inner: Decision,
}

result_class!(PyDecision
    repr = |d| format!("Decision({}, {:?})", d.kind().as_str(), d.violations().iter().map(|v| v.code.as_str()).collect::<Vec<_>>()),
{
    get allowed: bool = |s| s.inner.is_allowed();
    /// `"allow"` or `"deny"`.
    get decision: &'static str = |s| s.inner.kind().as_str();
    get violations: Vec<PyViolation> = |s| s.inner.violations().iter().map(|v| PyViolation { inner: v.clone() }).collect();
    /// The approved cart's id (None when denied).
    get cart_id: Option<&str> = |s| s.inner.approved().map(|a| a.cart_id());
    /// The approved total (None when denied).
    get total: Option<Dec> = |s| s.inner.approved().map(|a| Dec(a.total()));
    /// Transfer legs, one per merchant, payout addresses from the policy (empty when denied).
    get legs: Data = |s| data(s.inner.approved().map(|a| a.legs()).unwrap_or_default());
    get policy_hash: Option<&str> = |s| s.inner.approved().map(|a| a.policy_hash());
} {
    fn __bool__(&self) -> bool {
        self.inner.is_allowed()
    }
});

/// The result of `Flux.execute`: the seed's `{status, logs, transaction_hashes}` and per-leg detail.
#[pyclass(name = "Settlement", module = "fluxos", frozen)]
pub struct PySettlement {
    pub inner: Settlement,
}

result_class!(PySettlement
    repr = |s| format!("Settlement(status={}, mode={}, cart_id={:?}, total={})", s.status.as_str(), s.mode.as_str(), s.cart_id, s.total),
{
    /// `"success"`, `"partial"` or `"failed"`.
    get status: &'static str = |s| s.inner.status.as_str();
    get idempotency_key: &str = |s| &s.inner.idempotency_key;
    get cart_id: &str = |s| &s.inner.cart_id;
    get policy_hash: &str = |s| &s.inner.policy_hash;
    /// `"memory"`, `"sandbox"` or `"evm"`.
    get mode: &'static str = |s| s.inner.mode.as_str();
    get broadcast: bool = |s| s.inner.broadcast;
    get chain_id: u64 = |s| s.inner.chain_id;
    get token: String = |s| s.inner.token.to_string();
    get sender: Option<String> = |s| s.inner.sender.map(|a| a.to_string());
    get total: Dec = |s| Dec(s.inner.total);
    /// Legs as data (`merchant_id`, `payout`, `amount` (exact string), `status`, `tx_hash`, ...).
    get legs: Data = |s| data(&s.inner.legs);
    get transaction_hashes: Vec<String> = |s| s.inner.transaction_hashes.clone();
    get logs: Vec<String> = |s| s.inner.logs.clone();
    /// Whether this idempotency key had already paid: the earlier settlement, not a new one.
    get replayed: bool = |s| s.inner.replayed;
});

/// A validated policy (merchant registry + rules).
#[pyclass(name = "Policy", module = "fluxos", frozen)]
pub struct PyPolicy {
    pub inner: Policy,
}

fn policy(py: Python<'_>, r: Result<Policy, flux_core::PolicyError>) -> PyResult<PyPolicy> {
    error::map(py, r).map(|inner| PyPolicy { inner })
}

result_class!(PyPolicy
    repr = |p| format!("Policy(hash={:?}, merchants={})", p.hash(), p.merchants().count()),
{
    /// SHA-256 of the policy's canonical JSON.
    get hash: &str = |s| s.inner.hash();
    /// Merchant ids in the registry, sorted.
    get merchant_ids: Vec<String> = |s| s.inner.merchants().map(|m| m.id.clone()).collect();
    /// The approvers' keys (`"ed25519:<hex>"` or an EVM address), in policy order.
    get approvers: Vec<String> = |s| s.inner.rules().approvers.iter().map(|a| a.to_string()).collect();
} {
    /// The demo policy shipped with the kernel.
    #[staticmethod]
    fn demo() -> Self {
        PyPolicy { inner: Policy::demo() }
    }
    /// Parses a TOML policy (`[[merchants]]` and `[rules]`).
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<Self> {
        policy(py, Policy::from_toml(text))
    }
    /// Parses a JSON policy (`{"merchants": [...], "rules": {...}}`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        policy(py, Policy::from_json(text))
    }
    /// Reads a policy file: `.toml` as TOML, anything else as JSON.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        policy(py, Policy::from_path(path))
    }
    /// Whether `cart` needs a signed approval (its total is above `approval_threshold`).
    fn needs_approval(&self, cart: Arg<'_, '_>) -> PyResult<bool> {
        Ok(self.inner.needs_approval(&*cart_in(cart)?))
    }
});
