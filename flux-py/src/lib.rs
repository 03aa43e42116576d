//! Python bindings of the Flux kernel: the private native module `fluxos._flux` behind the
//! pure-Python package `fluxos`. Thin by design — convert arguments, call `flux-core`, map the
//! error; blocking calls release the GIL and async twins return asyncio awaitables.

mod convert;
mod error;
mod runtime;
mod settler;
mod types;

use std::sync::Arc;

use flux_core::{Approval, Cart, Catalog, EmbeddedCatalog, FixedClock, Flux, FluxError as CoreError, Intent, MemoryCatalog, Policy};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::types::{cart_in, PyCart, PyCartLine, PyDecision, PyIntent, PyProposal, PySettlement, PyViolation};

/// A validated policy (merchant registry + rules).
#[pyclass(name = "Policy", module = "fluxos", frozen)]
struct PyPolicy {
    inner: Policy,
}

#[pymethods]
impl PyPolicy {
    /// The demo policy shipped with the kernel.
    #[staticmethod]
    fn demo() -> Self {
        PyPolicy { inner: Policy::demo() }
    }
    /// Parses a TOML policy (`[[merchants]]` and `[rules]`).
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<Self> {
        error::map(py, Policy::from_toml(text).map_err(CoreError::from)).map(|inner| PyPolicy { inner })
    }
    /// Parses a JSON policy (`{"merchants": [...], "rules": {...}}`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        error::map(py, Policy::from_json(text).map_err(CoreError::from)).map(|inner| PyPolicy { inner })
    }
    /// Reads a policy file: `.toml` as TOML, anything else as JSON.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        error::map(py, Policy::from_path(path).map_err(CoreError::from)).map(|inner| PyPolicy { inner })
    }
    /// SHA-256 of the policy's canonical JSON.
    #[getter]
    fn hash(&self) -> &str {
        self.inner.hash()
    }
    /// Merchant ids in the registry, sorted.
    #[getter]
    fn merchant_ids(&self) -> Vec<String> {
        self.inner.merchants().map(|m| m.id.clone()).collect()
    }
    fn canonical_json(&self) -> String {
        flux_core::to_canonical_json(&self.inner)
    }
    fn to_json(&self) -> String {
        flux_core::to_canonical_json(&self.inner)
    }
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        types::to_data(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!("Policy(hash={:?}, merchants={})", self.inner.hash(), self.inner.merchants().count())
    }
}

/// `None` | `"demo"` | a path (`str` / `os.PathLike`) | a mapping | a `Policy`.
fn policy_in(obj: &Bound<'_, PyAny>) -> PyResult<Policy> {
    let py = obj.py();
    if let Ok(p) = obj.cast::<PyPolicy>() {
        return Ok(p.get().inner.clone());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        if s.to_str()? == "demo" {
            return Ok(Policy::demo());
        }
    }
    if obj.is_instance_of::<PyDict>() {
        let json = convert::json_from_py(obj)?;
        return error::map(py, Policy::from_json(&json).map_err(CoreError::from));
    }
    match obj.extract::<std::path::PathBuf>() {
        Ok(path) => error::map(py, Policy::from_path(path).map_err(CoreError::from)),
        Err(_) => Err(PyTypeError::new_err("policy must be 'demo', a path, a mapping or a fluxos.Policy")),
    }
}

/// One catalog: `"embedded"` | a path to a catalog JSON file | a mapping (catalog JSON data).
fn catalog_in(obj: &Bound<'_, PyAny>) -> PyResult<Arc<dyn Catalog>> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        if s.to_str()? == "embedded" {
            return Ok(Arc::new(EmbeddedCatalog));
        }
    }
    if obj.is_instance_of::<PyDict>() {
        let json = convert::json_from_py(obj)?;
        let c = error::map(py, MemoryCatalog::from_json(&json).map_err(CoreError::from))?;
        return Ok(Arc::new(c));
    }
    match obj.extract::<std::path::PathBuf>() {
        Ok(path) => Ok(Arc::new(error::map(py, MemoryCatalog::from_path(path).map_err(CoreError::from))?)),
        Err(_) => Err(PyTypeError::new_err("a catalog must be 'embedded', a path or a mapping")),
    }
}

/// Cart edits and `orchestrate` take an intent as an `Intent` or the arguments to make one.
fn intent_in(
    py: Python<'_>,
    prompt: &Bound<'_, PyAny>,
    budget: Option<&Bound<'_, PyAny>>,
    deadline_days: Option<&Bound<'_, PyAny>>,
    strategy: Option<&Bound<'_, PyAny>>,
) -> PyResult<Intent> {
    if let Ok(i) = prompt.cast::<PyIntent>() {
        return Ok(i.get().inner.clone());
    }
    let prompt = prompt.cast::<PyString>().map_err(|_| PyTypeError::new_err("prompt must be a str or a fluxos.Intent"))?;
    let budget = budget.ok_or_else(|| PyTypeError::new_err("budget is required"))?;
    let budget = convert::amount_in(budget)?;
    let deadline = match deadline_days {
        Some(d) if !d.is_none() => convert::deadline_in(py, d)?,
        _ => 7,
    };
    let strategy = convert::strategy_in(strategy)?;
    error::map(py, Intent::new(prompt.to_str()?, budget, deadline, strategy).map_err(CoreError::from))
}

/// The Flux kernel: `orchestrate` an intent into a proposal, `authorize` a cart against the
/// policy, `execute` it (policy first, then the settler), `verify` a receipt bundle.
#[pyclass(name = "Flux", module = "fluxos", frozen, subclass)]
struct PyFlux {
    inner: Arc<Flux>,
    settler_mode: String,
    chain: Option<flux_core::ChainConfig>,
}

#[pymethods]
impl PyFlux {
    /// Builds a kernel from configuration. Every option has a default: the embedded catalog, the
    /// demo policy, the offline parser, the core's default settler, the system clock.
    #[new]
    #[pyo3(signature = (*, catalogs = None, policy = None, parser = None, settler = None, now_ms = None, alternatives = None, audit_retention = None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments
    fn new(
        py: Python<'_>,
        catalogs: Option<&Bound<'_, PyAny>>,
        policy: Option<&Bound<'_, PyAny>>,
        parser: Option<&Bound<'_, PyAny>>,
        settler: Option<&Bound<'_, PyAny>>,
        now_ms: Option<u64>,
        alternatives: Option<usize>,
        audit_retention: Option<i64>,
    ) -> PyResult<Self> {
        let mut b = Flux::builder();
        if let Some(c) = catalogs.filter(|c| !c.is_none()) {
            if c.is_instance_of::<PyList>() || c.is_instance_of::<PyTuple>() {
                for item in c.try_iter()? {
                    b = b.catalog_arc(catalog_in(&item?)?);
                }
            } else {
                b = b.catalog_arc(catalog_in(c)?);
            }
        }
        if let Some(p) = policy.filter(|p| !p.is_none()) {
            b = b.policy(policy_in(p)?);
        }
        if let Some(p) = parser.filter(|p| !p.is_none()) {
            b = settler::parser(b, p)?;
        }
        let (mut b, info) = settler::settler(b, settler.filter(|s| !s.is_none()))?;
        if let Some(ms) = now_ms {
            b = b.clock(FixedClock(ms));
        }
        if let Some(n) = alternatives {
            b = b.alternatives(n);
        }
        if let Some(n) = audit_retention {
            let n = usize::try_from(n)
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| error::config(py, "audit_retention must be a positive number of events"))?;
            b = b.audit_retention(n);
        }
        let inner = error::map(py, b.build())?;
        let settler_mode = types::enum_name(&inner.settler().mode());
        Ok(PyFlux { inner: Arc::new(inner), settler_mode, chain: info.chain })
    }

    /// Intent → plan → ranked offers → optimal cart. Nothing is paid. `prompt` may also be an
    /// `Intent`. `budget`: int, Decimal, str, or a float with at most 6 decimals.
    #[pyo3(signature = (prompt, budget = None, deadline_days = None, strategy = None))]
    fn orchestrate(
        &self,
        py: Python<'_>,
        prompt: &Bound<'_, PyAny>,
        budget: Option<&Bound<'_, PyAny>>,
        deadline_days: Option<&Bound<'_, PyAny>>,
        strategy: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyProposal> {
        let intent = intent_in(py, prompt, budget, deadline_days, strategy)?;
        let flux = self.inner.clone();
        let r = runtime::block_on(py, async { flux.orchestrate(&intent).await })?;
        error::map(py, r).map(|p| PyProposal { inner: Arc::new(p), intent })
    }

    /// Async twin of [`orchestrate`].
    #[pyo3(signature = (prompt, budget = None, deadline_days = None, strategy = None))]
    fn orchestrate_async<'py>(
        &self,
        py: Python<'py>,
        prompt: &Bound<'py, PyAny>,
        budget: Option<&Bound<'py, PyAny>>,
        deadline_days: Option<&Bound<'py, PyAny>>,
        strategy: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let intent = intent_in(py, prompt, budget, deadline_days, strategy)?;
        let flux = self.inner.clone();
        runtime::future_into_py(py, async move {
            let p = flux.orchestrate(&intent).await.map_err(error::to_py_detached)?;
            Ok(PyProposal { inner: Arc::new(p), intent })
        })
    }

    /// `orchestrate` from the seed's raw `UserRequest` JSON body (`str`/`bytes`, or a mapping):
    /// the budget is read from its exact number text.
    fn orchestrate_json(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<PyProposal> {
        let intent = intent_from_body(py, body)?;
        let flux = self.inner.clone();
        let r = runtime::block_on(py, async { flux.orchestrate(&intent).await })?;
        error::map(py, r).map(|p| PyProposal { inner: Arc::new(p), intent })
    }

    /// Async twin of [`orchestrate_json`].
    fn orchestrate_json_async<'py>(&self, py: Python<'py>, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let intent = intent_from_body(py, body)?;
        let flux = self.inner.clone();
        runtime::future_into_py(py, async move {
            let p = flux.orchestrate(&intent).await.map_err(error::to_py_detached)?;
            Ok(PyProposal { inner: Arc::new(p), intent })
        })
    }

    /// The policy's decision on `cart` (a `Cart`, JSON text, or a list of line mappings), now.
    /// Pure and fast; nothing is signed.
    #[pyo3(signature = (cart, *, human_approved_cart = None))]
    fn authorize(&self, py: Python<'_>, cart: &Bound<'_, PyAny>, human_approved_cart: Option<String>) -> PyResult<PyDecision> {
        let cart = cart_in(cart)?;
        let flux = &self.inner;
        let d = if cart.lines().len() > 64 {
            py.detach(|| flux.authorize_with(&cart, Approval { human_approved_cart }))
        } else {
            flux.authorize_with(&cart, Approval { human_approved_cart })
        };
        Ok(PyDecision { inner: d })
    }

    /// Policy first, then the settler. A denial raises `PolicyViolation` and nothing is signed.
    /// The same `idempotency_key` (default: the cart id) never pays twice.
    #[pyo3(signature = (cart, idempotency_key = None, *, human_approved_cart = None))]
    fn execute(
        &self,
        py: Python<'_>,
        cart: &Bound<'_, PyAny>,
        idempotency_key: Option<String>,
        human_approved_cart: Option<String>,
    ) -> PyResult<PySettlement> {
        let cart = cart_in(cart)?;
        let flux = self.inner.clone();
        let r =
            runtime::block_on(py, async { flux.execute_with(&cart, idempotency_key.as_deref(), Approval { human_approved_cart }).await })?;
        error::map(py, r).map(|s| PySettlement { inner: s })
    }

    /// Async twin of [`execute`].
    #[pyo3(signature = (cart, idempotency_key = None, *, human_approved_cart = None))]
    fn execute_async<'py>(
        &self,
        py: Python<'py>,
        cart: &Bound<'py, PyAny>,
        idempotency_key: Option<String>,
        human_approved_cart: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cart = cart_in(cart)?;
        let flux = self.inner.clone();
        runtime::future_into_py(py, async move {
            let s = flux
                .execute_with(&cart, idempotency_key.as_deref(), Approval { human_approved_cart })
                .await
                .map_err(error::to_py_detached)?;
            Ok(PySettlement { inner: s })
        })
    }

    /// A new cart with `line_id` replaced by `units` units of `offer_id`, negotiated and
    /// explained under `intent`'s strategy (e.g. `proposal.intent`).
    fn replace_line(
        &self,
        py: Python<'_>,
        cart: &Bound<'_, PyAny>,
        line_id: &str,
        offer_id: &str,
        units: u32,
        intent: PyRef<'_, PyIntent>,
    ) -> PyResult<PyCart> {
        let cart = cart_in(cart)?;
        let intent = intent.inner.clone();
        let flux = self.inner.clone();
        let r = runtime::block_on(py, async { flux.replace_line(&cart, line_id, offer_id, units, &intent).await })?;
        error::map(py, r).map(PyCart::new)
    }

    /// Async twin of [`replace_line`].
    fn replace_line_async<'py>(
        &self,
        py: Python<'py>,
        cart: &Bound<'py, PyAny>,
        line_id: String,
        offer_id: String,
        units: u32,
        intent: PyRef<'py, PyIntent>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cart = cart_in(cart)?;
        let intent = intent.inner.clone();
        let flux = self.inner.clone();
        runtime::future_into_py(py, async move {
            let c = flux.replace_line(&cart, &line_id, &offer_id, units, &intent).await.map_err(error::to_py_detached)?;
            Ok(PyCart::new(c))
        })
    }

    /// A new cart with `line_id` set to `units` units of the same offer, re-negotiating volume
    /// discounts.
    fn set_units(
        &self,
        py: Python<'_>,
        cart: &Bound<'_, PyAny>,
        line_id: &str,
        units: u32,
        intent: PyRef<'_, PyIntent>,
    ) -> PyResult<PyCart> {
        let cart = cart_in(cart)?;
        let intent = intent.inner.clone();
        let flux = self.inner.clone();
        let r = runtime::block_on(py, async { flux.set_units(&cart, line_id, units, &intent).await })?;
        error::map(py, r).map(PyCart::new)
    }

    /// Async twin of [`set_units`].
    fn set_units_async<'py>(
        &self,
        py: Python<'py>,
        cart: &Bound<'py, PyAny>,
        line_id: String,
        units: u32,
        intent: PyRef<'py, PyIntent>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cart = cart_in(cart)?;
        let intent = intent.inner.clone();
        let flux = self.inner.clone();
        runtime::future_into_py(py, async move {
            let c = flux.set_units(&cart, &line_id, units, &intent).await.map_err(error::to_py_detached)?;
            Ok(PyCart::new(c))
        })
    }

    /// Verifies a receipt bundle (JSON text or mapping): offline consistency (cart hash, legs vs
    /// lines, totals), then, for a broadcast EVM bundle, every leg re-read from the chain (this
    /// instance's EVM chain, or `chain`). Returns `{"ok", "cart_id", "mode", "onchain", "legs"}`;
    /// a failure raises `SettlementError` with code `VERIFICATION_FAILED`.
    #[pyo3(signature = (bundle, *, chain = None))]
    fn verify<'py>(&self, py: Python<'py>, bundle: &Bound<'py, PyAny>, chain: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let bundle = settler::bundle_in(bundle)?;
        let chain = match chain {
            Some(c) => Some(settler::chain_in(c)?),
            None => self.chain.clone(),
        };
        let r = runtime::block_on(py, settler::verify(bundle, chain))?;
        let text = error::map(py, r)?;
        convert::json_loads(py, &text)
    }

    /// Async twin of [`verify`].
    #[pyo3(signature = (bundle, *, chain = None))]
    fn verify_async<'py>(
        &self,
        py: Python<'py>,
        bundle: &Bound<'py, PyAny>,
        chain: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let bundle = settler::bundle_in(bundle)?;
        let chain = match chain {
            Some(c) => Some(settler::chain_in(c)?),
            None => self.chain.clone(),
        };
        runtime::future_into_py(py, async move {
            let text = settler::verify(bundle, chain).await.map_err(error::to_py_detached)?;
            Python::attach(|py| convert::json_loads(py, &text).map(Bound::unbind))
        })
    }

    /// The audit events kept in memory (hash-chained events of every step) as JSON Lines.
    fn audit_jsonl(&self) -> String {
        self.inner.audit_jsonl()
    }

    /// The kept audit events as JSON Lines, which are then forgotten: append each segment to
    /// durable storage; the segments concatenate into one trail.
    fn take_audit_jsonl(&self) -> String {
        self.inner.take_audit_jsonl()
    }

    /// The hash of the trail's last event: keep it to detect events cut off later.
    fn audit_head(&self) -> String {
        self.inner.audit_head()
    }

    /// The hash the first event of `audit_jsonl()` chains from (64 zeros until events are taken
    /// or forgotten): pass it as `after` to `verify_audit_jsonl`.
    fn audit_base(&self) -> String {
        self.inner.audit_base()
    }

    /// How many events the `audit_retention` cap has forgotten.
    fn audit_forgotten(&self) -> u64 {
        self.inner.audit_forgotten()
    }

    /// The policy in force.
    #[getter]
    fn policy(&self) -> PyPolicy {
        PyPolicy { inner: self.inner.policy().clone() }
    }

    /// How this instance settles: `"memory"`, `"sandbox"` or `"evm"`.
    #[getter]
    fn settler(&self) -> &str {
        &self.settler_mode
    }

    fn __repr__(&self) -> String {
        format!("Flux(settler={:?}, policy_hash={:?})", self.settler_mode, self.inner.policy().hash())
    }
}

fn intent_from_body(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Intent> {
    let text = match convert::text_in(body)? {
        Some(t) => t,
        None => convert::json_from_py(body)?,
    };
    error::map(py, Intent::from_json(&text).map_err(CoreError::from))
}

/// Parses exact decimal text into a USDC amount (`Decimal`), raising `InvalidAmount`.
#[pyfunction]
fn parse_amount<'py>(py: Python<'py>, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = match value.cast::<PyString>() {
        Ok(s) => convert::parse_amount(py, s.to_str()?)?,
        Err(_) => convert::amount_in(value)?,
    };
    convert::amount_out(py, a)
}

/// The receipt bundle (canonical JSON) of `settlement`, which paid `cart`: the self-contained
/// proof that `Flux.verify` checks.
#[pyfunction]
#[pyo3(signature = (cart, settlement, intent_hash = None))]
fn receipt_bundle(
    py: Python<'_>,
    cart: &Bound<'_, PyAny>,
    settlement: PyRef<'_, PySettlement>,
    intent_hash: Option<&str>,
) -> PyResult<String> {
    let cart = cart_in(cart)?;
    settler::bundle(py, &cart, &settlement.inner, intent_hash)
}

/// Verifies an audit trail exported by `Flux.audit_jsonl()` / `take_audit_jsonl()`; returns the
/// number of events. A whole trail starts at genesis; a segment starts `after` the hash of the
/// event before it. With `head`, the trail must also end there (nothing cut off).
#[pyfunction]
#[pyo3(signature = (jsonl, *, after = None, head = None))]
fn verify_audit_jsonl(py: Python<'_>, jsonl: &str, after: Option<&str>, head: Option<&str>) -> PyResult<usize> {
    let checked = match (after, head) {
        (None, None) => flux_core::verify_audit_jsonl(jsonl),
        (None, Some(h)) => flux_core::verify_audit_jsonl_with_head(jsonl, h),
        (Some(a), None) => flux_core::verify_audit_jsonl_segment(jsonl, a),
        (Some(a), Some(h)) => flux_core::verify_audit_jsonl_segment_with_head(jsonl, a, h),
    };
    error::map(py, checked.map_err(CoreError::from))
}

/// Canonical JSON of plain data (sorted keys, no whitespace), as the core writes it.
#[pyfunction]
fn canonical_json(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = convert::json_from_py(value)?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| error::config(py, format!("not JSON data: {e}")))?;
    Ok(flux_core::to_canonical_json(&v))
}

/// A cart from JSON text or Python data (same as `Cart(...)`).
#[pyfunction]
fn cart(value: &Bound<'_, PyAny>) -> PyResult<PyCart> {
    Ok(PyCart { inner: cart_in(value)? })
}

/// The content id of a cart's canonical JSON (`cart_` + 32 hex digits).
#[pyfunction]
fn cart_id(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<String> {
    let c: Arc<Cart> = cart_in(value)?;
    Ok(py.detach(|| c.id()))
}

#[pymodule]
fn _flux(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FEATURES", settler::features())?;
    error::register(m)?;
    m.add_class::<PyFlux>()?;
    m.add_class::<PyPolicy>()?;
    m.add_class::<PyIntent>()?;
    m.add_class::<PyCart>()?;
    m.add_class::<PyCartLine>()?;
    m.add_class::<PyProposal>()?;
    m.add_class::<PyDecision>()?;
    m.add_class::<PyViolation>()?;
    m.add_class::<PySettlement>()?;
    m.add_function(wrap_pyfunction!(parse_amount, m)?)?;
    m.add_function(wrap_pyfunction!(verify_audit_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(receipt_bundle, m)?)?;
    m.add_function(wrap_pyfunction!(canonical_json, m)?)?;
    m.add_function(wrap_pyfunction!(cart, m)?)?;
    m.add_function(wrap_pyfunction!(cart_id, m)?)?;
    settler::register(m)?;
    Ok(())
}
