//! Python bindings of the Flux kernel: the private native module `fluxos._flux` behind the
//! pure-Python package `fluxos`. Thin by design — convert arguments, call `flux-core`, map the
//! error; blocking calls release the GIL and async twins return asyncio awaitables.

mod convert;
mod error;
mod http;
mod runtime;
mod types;

use std::future::Future;
use std::sync::Arc;

use flux_core::{Approval, ChainSource, Flux, FluxConfig, FluxError as CoreError, ReceiptBundle};
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyDict, PyList, PyTuple, PyType};

use crate::convert::{data, Arg, Data, Opt};
use crate::types::{cart_in, intent_in, PyCart, PyDecision, PyIntent, PyPolicy, PyProposal, PySettlement};

/// Runs a core future to completion with the GIL released and maps its error.
fn wait<T: Send>(py: Python<'_>, fut: impl Future<Output = Result<T, CoreError>> + Send) -> PyResult<T> {
    error::map(py, runtime::block_on(py, fut)?)
}

/// The same core future as an asyncio awaitable, driven by the kernel's runtime.
fn awaitable<'py, T, R>(
    py: Python<'py>,
    fut: impl Future<Output = Result<T, CoreError>> + Send + 'static,
    wrap: fn(T) -> R,
) -> PyResult<Bound<'py, PyAny>>
where
    T: Send + 'static,
    R: for<'a> IntoPyObject<'a> + Send + 'static,
{
    runtime::future_into_py(py, async move { fut.await.map(wrap) })
}

/// The `FluxConfig` of `Flux(...)`: `config` (a file path or a mapping), or the keyword options,
/// which take the same shapes (a `fluxos.Policy` is its document, one catalog a list of one).
fn config_of(py: Python<'_>, config: Opt<'_, '_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<FluxConfig> {
    let given = PyDict::new(py);
    for (name, value) in options.into_iter().flat_map(|o| o.iter()).filter(|(_, v)| !v.is_none()) {
        if name.eq("catalogs")? && !(value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>()) {
            given.set_item(name, PyList::new(py, [value])?)?;
        } else {
            given.set_item(name, value)?;
        }
    }
    let parsed = match config.filter(|c| !c.is_none()) {
        Some(_) if !given.is_empty() => return Err(error::config(py, "give either config or the individual options, not both")),
        Some(c) if !c.is_instance_of::<PyDict>() => FluxConfig::from_path(c.extract::<std::path::PathBuf>()?),
        Some(c) => FluxConfig::from_json(&convert::json_from_py(c)?),
        None => FluxConfig::from_json(&convert::json_from_py(&given)?),
    };
    error::map(py, parsed)
}

/// The Flux kernel: orchestrate, authorize, execute, verify.
#[pyclass(name = "Flux", module = "fluxos", frozen, subclass)]
struct PyFlux {
    inner: Arc<Flux>,
}

impl PyFlux {
    fn build(py: Python<'_>, config: &FluxConfig) -> PyResult<Self> {
        // An EVM settler's HTTP client is built inside the runtime's context.
        let _guard = runtime::py_get()?.enter();
        error::map(py, Flux::from_config(config)).map(|f| PyFlux { inner: Arc::new(f) })
    }
}

/// The `#[pymethods]` of `Flux`. Each kernel call, written once as `fn name / name_async (py, args)
/// -> Out { prepare args } => |flux| core future, wrap;`, becomes a blocking method (GIL released)
/// and its `*_async` twin (an awaitable on the kernel's runtime).
macro_rules! flux_methods {
    (
        $(
            $(#[doc = $doc:literal])*
            #[pyo3($($sig:tt)*)]
            fn $sync:ident / $asyn:ident ($py:ident $(, $arg:ident: $ty:ty)*) -> $out:ty { $($prep:stmt;)* } => |$flux:ident| $call:expr, $wrap:expr;
        )*
        plain { $($plain:tt)* }
    ) => {
        #[pymethods]
        impl PyFlux {
            $(
                $(#[doc = $doc])*
                #[pyo3($($sig)*)]
                #[allow(clippy::too_many_arguments)] // the Python signature's arguments, one by one
                fn $sync(&self, $py: Python<'_> $(, $arg: $ty)*) -> PyResult<$out> {
                    $($prep;)*
                    let $flux = self.inner.clone();
                    wait($py, async move { $call.await }).map($wrap)
                }
                #[doc = concat!("`", stringify!($sync), "(...)` as an awaitable, run on the kernel's runtime.")]
                #[pyo3($($sig)*)]
                #[allow(clippy::too_many_arguments)]
                fn $asyn<'py>(&self, $py: Python<'py> $(, $arg: $ty)*) -> PyResult<Bound<'py, PyAny>> {
                    $($prep;)*
                    let $flux = self.inner.clone();
                    awaitable($py, async move { $call.await }, $wrap)
                }
            )*
            $($plain)*
        }
    };
}

flux_methods! {
    /// Intent → plan → ranked offers → optimal cart. Nothing is paid.
    #[pyo3(signature = (prompt, budget = None, deadline_days = None, strategy = None))]
    fn orchestrate / orchestrate_async (py, prompt: Arg<'_, '_>, budget: Opt<'_, '_>, deadline_days: Opt<'_, '_>, strategy: Opt<'_, '_>) -> PyProposal {
        let intent = intent_in(py, prompt, [budget, deadline_days, strategy])?;
    } => |flux| flux.orchestrate(&intent), |p| PyProposal { inner: Arc::new(p) };

    /// A shopping list → optimal cart: `document` is its content (`bytes`; name it with
    /// `filename`, type it with `content_type`) or a path. Text, Markdown, CSV and PDF are read
    /// offline; a photo needs an LLM parser with a vision model. Nothing is paid.
    #[pyo3(signature = (document, budget = None, deadline_days = None, strategy = None, *, filename = None, content_type = None))]
    fn orchestrate_document / orchestrate_document_async (py, document: Arg<'_, '_>, budget: Opt<'_, '_>, deadline_days: Opt<'_, '_>, strategy: Opt<'_, '_>, filename: Option<String>, content_type: Option<String>) -> PyProposal {
        let doc = convert::document_in(document, filename.as_deref(), content_type.as_deref())?;
        let (budget, deadline, strategy) = (convert::budget_in(py, budget)?, convert::deadline_in(py, deadline_days)?, convert::strategy_in(strategy)?);
    } => |flux| flux.orchestrate_document(&doc, budget, deadline, strategy), |p| PyProposal { inner: Arc::new(p) };

    /// Policy first, then the settler; the same `idempotency_key` never pays twice. A cart above
    /// the policy's approval threshold needs `approval`: a mapping (or its JSON text) of
    /// `approval_id, cart_id, policy_hash, expires_at, approver, signature`, which pays once.
    #[pyo3(signature = (cart, idempotency_key = None, *, approval = None))]
    fn execute / execute_async (py, cart: Arg<'_, '_>, idempotency_key: Option<String>, approval: Opt<'_, '_>) -> PySettlement {
        let (cart, approval) = (cart_in(cart)?, approval_in(approval)?);
    } => |flux| flux.execute_with(&cart, idempotency_key.as_deref(), approval), |inner| PySettlement { inner };

    /// A new cart with `line_id` replaced by `units` units of `offer_id`, quoted by the kernel.
    #[pyo3(signature = (cart, line_id, offer_id, units, intent))]
    fn replace_line / replace_line_async (py, cart: Arg<'_, '_>, line_id: String, offer_id: String, units: Arg<'_, '_>, intent: PyRef<'_, PyIntent>) -> PyCart {
        let (cart, intent, units) = (cart_in(cart)?, intent.inner.clone(), units_in(&line_id, units)?);
    } => |flux| flux.replace_line(&cart, &line_id, &offer_id, units, &intent), PyCart::new;

    /// A new cart with `line_id` set to `units` units of the same offer, re-quoted.
    #[pyo3(signature = (cart, line_id, units, intent))]
    fn set_units / set_units_async (py, cart: Arg<'_, '_>, line_id: String, units: Arg<'_, '_>, intent: PyRef<'_, PyIntent>) -> PyCart {
        let (cart, intent, units) = (cart_in(cart)?, intent.inner.clone(), units_in(&line_id, units)?);
    } => |flux| flux.set_units(&cart, &line_id, units, &intent), PyCart::new;

    /// Verifies a receipt bundle offline and, for a broadcast EVM bundle, on chain; returns the
    /// kernel's report.
    #[pyo3(signature = (bundle, *, chain = None))]
    fn verify / verify_async (py, bundle: Arg<'_, '_>, chain: Opt<'_, '_>) -> Data {
        let (bundle, chain) = (bundle_in(bundle)?, chain_in(chain)?);
    } => |flux| async { flux.verify_against(&bundle, chain.as_ref().or(flux.chain())).await }, |r| data(&r);

    plain {
        /// A kernel from the options of the core's `FluxConfig`, or a whole `config`.
        #[new]
        #[pyo3(signature = (*, config = None, **options))]
        fn new(py: Python<'_>, config: Opt<'_, '_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
            PyFlux::build(py, &config_of(py, config, options)?)
        }

        /// A kernel from a `.toml`/`.json` configuration file or a mapping of the same shape.
        #[classmethod]
        fn from_config<'py>(cls: &Bound<'py, PyType>, config: Arg<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
            cls.call((), Some(&[("config", config)].into_py_dict(cls.py())?))
        }

        /// A kernel from `FLUX_CONFIG` and the other `FLUX_*` variables.
        #[classmethod]
        fn from_env<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
            let config = error::map(cls.py(), FluxConfig::from_env())?;
            PyFlux::from_config(cls, &convert::json_loads(cls.py(), &config.to_json())?)
        }

        /// The decision on `cart` (with `approval`, as `execute` takes it), now. Nothing is signed
        /// and the approval is not used up.
        #[pyo3(signature = (cart, *, approval = None))]
        fn authorize(&self, py: Python<'_>, cart: Arg<'_, '_>, approval: Opt<'_, '_>) -> PyResult<PyDecision> {
            let (cart, approval) = (cart_in(cart)?, approval_in(approval)?);
            let decide = || self.inner.authorize_with(&cart, approval);
            // Releasing the GIL costs more than evaluating a small cart.
            let inner = if cart.lines().len() > 64 { py.detach(decide) } else { decide() };
            Ok(PyDecision { inner })
        }

        /// The audit events kept in memory (hash-chained events of every step) as JSON Lines.
        fn audit_jsonl(&self) -> String {
            self.inner.audit_jsonl()
        }
        /// The kept audit events as JSON Lines, which are then forgotten.
        fn take_audit_jsonl(&self) -> String {
            self.inner.take_audit_jsonl()
        }
        /// The hash of the trail's last event: keep it to detect events cut off later.
        fn audit_head(&self) -> String {
            self.inner.audit_head()
        }
        /// The hash the first event of `audit_jsonl()` chains from.
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
        fn settler(&self) -> &'static str {
            self.inner.settlement_mode().as_str()
        }
        /// The chain id settlement pays on.
        #[getter]
        fn chain_id(&self) -> u64 {
            self.inner.target().chain_id
        }
        fn __repr__(&self) -> String {
            format!("Flux(settler={:?}, policy_hash={:?})", self.inner.settlement_mode().as_str(), self.inner.policy().hash())
        }
    }
}

/// `None` (no approval), or a mapping or JSON text of the core's `Approval`; anything else raises
/// `InvalidRequest` (code `MALFORMED_JSON`).
fn approval_in(obj: Opt<'_, '_>) -> PyResult<Approval> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(Approval::default()) };
    error::map(obj.py(), Approval::from_json_bytes(&convert::json_bytes(obj)?))
}

/// The exact text an approver signs for `cart_id` under `policy_hash` (ed25519 over its UTF-8
/// bytes, or an EIP-191 personal message for an EVM approver).
#[pyfunction]
fn approval_message(cart_id: &str, policy_hash: &str, expires_at: u64, approval_id: &str) -> String {
    Approval::message(cart_id, policy_hash, expires_at, approval_id)
}

/// The units of an edit of `line_id`: an `int` under the core's rule (`-1` is `INVALID_UNITS`).
fn units_in(line_id: &str, obj: Arg<'_, '_>) -> PyResult<u32> {
    error::map(obj.py(), flux_core::units_from_host_text(line_id, &convert::int_text(obj, "units")?))
}

fn bundle_in(obj: Arg<'_, '_>) -> PyResult<ReceiptBundle> {
    error::map(obj.py(), ReceiptBundle::from_json_bytes(&convert::json_bytes(obj)?))
}

/// `None` | `"arc-testnet"` | a chain file path | a mapping (the core's `ChainSource`).
fn chain_in(obj: Opt<'_, '_>) -> PyResult<Option<flux_core::ChainConfig>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(None) };
    error::map(obj.py(), ChainSource::from_json(&convert::json_from_py(obj)?).and_then(|s| s.load())).map(Some)
}

/// Parses exact decimal text into a USDC amount (`Decimal`), raising `InvalidAmount`.
#[pyfunction]
fn parse_amount<'py>(value: Arg<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
    convert::amount_out(value.py(), convert::amount_in(value)?)
}

/// The receipt bundle (JSON) of `settlement`, which paid `cart`.
#[pyfunction]
#[pyo3(signature = (cart, settlement, intent_hash = None))]
fn receipt_bundle(py: Python<'_>, cart: Arg<'_, '_>, settlement: PyRef<'_, PySettlement>, intent_hash: Option<&str>) -> PyResult<String> {
    let bundle = ReceiptBundle::new(&*cart_in(cart)?, &settlement.inner, intent_hash);
    error::map(py, bundle.map(|b| b.to_json()))
}

/// Verifies an exported audit trail (or a segment `after` a hash, ending at `head`).
#[pyfunction]
#[pyo3(signature = (jsonl, *, after = None, head = None))]
fn verify_audit_jsonl(py: Python<'_>, jsonl: &str, after: Option<&str>, head: Option<&str>) -> PyResult<usize> {
    error::map(py, flux_core::verify_audit_jsonl_range(jsonl, after, head))
}

/// Canonical JSON of plain data (sorted keys, no whitespace), as the core writes it.
#[pyfunction]
fn canonical_json(py: Python<'_>, value: Arg<'_, '_>) -> PyResult<String> {
    let v: serde_json::Value =
        serde_json::from_str(&convert::json_from_py(value)?).map_err(|e| error::config(py, format!("not JSON data: {e}")))?;
    Ok(flux_core::to_canonical_json(&v))
}

/// The JSON Schema of a configuration (`Flux.from_config`), as text.
#[pyfunction]
fn config_schema() -> &'static str {
    FluxConfig::JSON_SCHEMA
}

/// `(raw_tx, tx_hash)` of an ERC-20 transfer signed with the public, never-funded sandbox key
/// (real keys only sign approved carts, inside the kernel).
/// Omitted fields take the sandbox's own values (`flux_core::SandboxTransfer`).
#[pyfunction]
#[pyo3(signature = (*, to, amount, nonce = None, chain_id = None, token = None, gas_limit = None, max_fee_per_gas = None, max_priority_fee_per_gas = None))]
#[allow(clippy::too_many_arguments)] // the transfer's fields, one by one
fn sandbox_sign_transfer(
    py: Python<'_>,
    to: &str,
    amount: Arg<'_, '_>,
    nonce: Option<u64>,
    chain_id: Option<u64>,
    token: Option<&str>,
    gas_limit: Option<u64>,
    max_fee_per_gas: Option<u128>,
    max_priority_fee_per_gas: Option<u128>,
) -> PyResult<(String, String)> {
    let amount = convert::amount_in(amount)?;
    let transfer = flux_core::SandboxTransfer { to, amount, nonce, chain_id, token, gas_limit, max_fee_per_gas, max_priority_fee_per_gas };
    error::map(py, transfer.sign()).map(|s| (s.raw_tx, s.tx_hash))
}

/// The sandbox signer's public address.
#[pyfunction]
fn sandbox_address(py: Python<'_>) -> PyResult<String> {
    error::map(py, flux_core::SandboxSettler::address().map(|a| a.to_string()))
}

/// The native module behind the `fluxos` package.
#[pymodule]
mod _flux {
    #[pymodule_export]
    use super::http::{http_body_limit, http_serve};
    #[pymodule_export]
    use super::types::{PyCart, PyCartLine, PyDecision, PyIntent, PyPolicy, PyProposal, PySettlement, PyViolation};
    #[pymodule_export]
    use super::{approval_message, canonical_json, config_schema, parse_amount, receipt_bundle, sandbox_address, sandbox_sign_transfer};
    #[pymodule_export]
    use super::{verify_audit_jsonl, PyFlux};
    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("FEATURES", flux_core::FEATURES)?;
        let quiesce = wrap_pyfunction!(super::runtime::quiesce, m)?;
        m.py().import("atexit")?.call_method1("register", (quiesce,))?;
        super::error::register(m)
    }
}
