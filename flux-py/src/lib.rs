//! Python bindings of the Flux kernel: the private native module `fluxos._flux` behind the
//! pure-Python package `fluxos`. Thin by design — convert arguments, call `flux-core`, map the
//! error; blocking calls release the GIL and async twins return asyncio awaitables.

mod convert;
mod error;
mod runtime;
mod types;

use std::future::Future;
use std::sync::Arc;

use flux_core::{Approval, Cart, ChainSource, Flux, FluxConfig, FluxError as CoreError, Intent, ReceiptBundle};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

/// A Python argument.
type Arg<'a, 'py> = &'a Bound<'py, PyAny>;
/// An optional Python argument (`None` when omitted).
type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

use crate::types::{
    cart_in, data, intent_from_args, Data, PyCart, PyCartLine, PyDecision, PyIntent, PyPolicy, PyProposal, PySettlement, PyViolation,
};

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
    runtime::future_into_py(py, async move { fut.await.map(wrap).map_err(error::to_py_detached) })
}

/// The `FluxConfig` of `Flux(...)`'s keyword arguments: the same shapes, as JSON. A
/// `fluxos.Policy` object is passed as its document, a single catalog as a list of one.
fn config_from_kwargs(py: Python<'_>, kwargs: &[(&str, Opt<'_, '_>)]) -> PyResult<FluxConfig> {
    let d = PyDict::new(py);
    for (name, value) in kwargs {
        let Some(value) = value.filter(|v| !v.is_none()) else { continue };
        if let Ok(p) = value.cast::<PyPolicy>() {
            d.set_item(*name, convert::json_loads(py, &flux_core::to_canonical_json(&p.get().inner.to_document()))?)?;
        } else if *name == "catalogs" && !(value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>()) {
            d.set_item(*name, PyList::new(py, [value])?)?;
        } else {
            d.set_item(*name, value)?;
        }
    }
    error::map(py, FluxConfig::from_json(&convert::json_from_py(&d)?).map_err(CoreError::from))
}

/// A configuration file path, or a mapping of the same shape.
fn config_from(py: Python<'_>, config: Arg<'_, '_>) -> PyResult<FluxConfig> {
    let parsed = if config.is_instance_of::<PyDict>() {
        FluxConfig::from_json(&convert::json_from_py(config)?)
    } else {
        FluxConfig::from_path(config.extract::<std::path::PathBuf>()?)
    };
    error::map(py, parsed.map_err(CoreError::from))
}

/// The Flux kernel: `orchestrate` an intent into a proposal, `authorize` a cart against the
/// policy, `execute` it (policy first, then the settler), `verify` a receipt bundle.
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

    fn intent(py: Python<'_>, prompt: Arg<'_, '_>, args: [Opt<'_, '_>; 3]) -> PyResult<Intent> {
        if let Ok(i) = prompt.cast::<PyIntent>() {
            return Ok(i.get().inner.clone());
        }
        let text = prompt.cast::<PyString>().map_err(|_| PyTypeError::new_err("prompt must be a str or a fluxos.Intent"))?;
        let budget = args[0].ok_or_else(|| PyTypeError::new_err("budget is required"))?;
        intent_from_args(py, text.to_str()?, budget, args[1], args[2])
    }
}

fn approval(human_approved_cart: Option<String>) -> Approval {
    Approval { human_approved_cart }
}

/// The `#[pymethods]` of `Flux`. Each kernel call is written once, as
/// `fn name / name_async (py, args) -> Out { prepare } => |flux| call, wrap;`, and becomes a
/// blocking method (GIL released while the kernel works) and its `*_async` twin (an awaitable on
/// the kernel's runtime). `prepare` converts the arguments; `call` is the core future.
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
                fn $sync(&self, $py: Python<'_> $(, $arg: $ty)*) -> PyResult<$out> {
                    $($prep;)*
                    let $flux = self.inner.clone();
                    wait($py, async move { $call.await }).map($wrap)
                }
                /// The async twin of the method above: an awaitable.
                #[pyo3($($sig)*)]
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
    /// Intent → plan → ranked offers → optimal cart. Nothing is paid. `prompt` may also be an
    /// `Intent`. `budget`: int, Decimal, str, or a float under the kernel's rule for host floats.
    #[pyo3(signature = (prompt, budget = None, deadline_days = None, strategy = None))]
    fn orchestrate / orchestrate_async (py, prompt: Arg<'_, '_>, budget: Opt<'_, '_>, deadline_days: Opt<'_, '_>, strategy: Opt<'_, '_>) -> PyProposal {
        let intent = PyFlux::intent(py, prompt, [budget, deadline_days, strategy])?;
    } => |flux| flux.orchestrate(&intent), |p| PyProposal { inner: Arc::new(p) };

    /// Policy first, then the settler. A denial raises `PolicyViolation` and nothing is signed.
    /// The same `idempotency_key` (default: the cart id) never pays twice.
    #[pyo3(signature = (cart, idempotency_key = None, *, human_approved_cart = None))]
    fn execute / execute_async (py, cart: Arg<'_, '_>, idempotency_key: Option<String>, human_approved_cart: Option<String>) -> PySettlement {
        let cart = cart_in(cart)?;
    } => |flux| flux.execute_with(&cart, idempotency_key.as_deref(), approval(human_approved_cart)), |inner| PySettlement { inner };

    /// A new cart with `line_id` replaced by `units` units of `offer_id`, negotiated and
    /// explained under `intent`'s strategy (e.g. `proposal.intent`).
    #[pyo3(signature = (cart, line_id, offer_id, units, intent))]
    fn replace_line / replace_line_async (py, cart: Arg<'_, '_>, line_id: String, offer_id: String, units: u32, intent: PyRef<'_, PyIntent>) -> PyCart {
        let (cart, intent) = (cart_in(cart)?, intent.inner.clone());
    } => |flux| flux.replace_line(&cart, &line_id, &offer_id, units, &intent), PyCart::new;

    /// A new cart with `line_id` set to `units` units of the same offer, re-negotiating volume
    /// discounts.
    #[pyo3(signature = (cart, line_id, units, intent))]
    fn set_units / set_units_async (py, cart: Arg<'_, '_>, line_id: String, units: u32, intent: PyRef<'_, PyIntent>) -> PyCart {
        let (cart, intent) = (cart_in(cart)?, intent.inner.clone());
    } => |flux| flux.set_units(&cart, &line_id, units, &intent), PyCart::new;

    /// Verifies a receipt bundle (JSON text or mapping) — offline consistency, then for a
    /// broadcast EVM bundle every leg re-read from this instance's chain, or `chain` — and returns
    /// the kernel's report `{"ok", "cart_id", "mode", "onchain", "legs"}`. A failed check raises
    /// `SettlementError` with code `VERIFICATION_FAILED`.
    #[pyo3(signature = (bundle, *, chain = None))]
    fn verify / verify_async (py, bundle: Arg<'_, '_>, chain: Opt<'_, '_>) -> Data {
        let (bundle, chain) = (bundle_in(bundle)?, chain_in(chain)?);
    } => |flux| async { flux.verify_against(&bundle, chain.as_ref().or(flux.chain())).await }, |r| data(&r);

    plain {
        /// Builds a kernel. Every option has a default — the embedded catalog, the demo policy,
        /// the offline parser, the sandbox settler, the system clock — and takes the shapes of the
        /// core's `FluxConfig`; `config` is a whole configuration instead (see `from_config`).
        #[new]
        #[pyo3(signature = (*, catalogs = None, policy = None, parser = None, settler = None, now_ms = None, alternatives = None, audit_retention = None, config = None))]
        #[allow(clippy::too_many_arguments)] // Python keyword arguments
        fn new(
            py: Python<'_>,
            catalogs: Opt<'_, '_>,
            policy: Opt<'_, '_>,
            parser: Opt<'_, '_>,
            settler: Opt<'_, '_>,
            now_ms: Opt<'_, '_>,
            alternatives: Opt<'_, '_>,
            audit_retention: Opt<'_, '_>,
            config: Opt<'_, '_>,
        ) -> PyResult<Self> {
            let options =
                [("catalogs", catalogs), ("policy", policy), ("parser", parser), ("settler", settler), ("now_ms", now_ms), ("alternatives", alternatives), ("audit_retention", audit_retention)];
            let config = match config.filter(|c| !c.is_none()) {
                Some(_) if options.iter().any(|(_, o)| o.is_some_and(|o| !o.is_none())) => {
                    return Err(error::config(py, "give either config or the individual options, not both"))
                }
                Some(c) => config_from(py, c)?,
                None => config_from_kwargs(py, &options)?,
            };
            PyFlux::build(py, &config)
        }

        /// A kernel from a configuration file (`.toml` or `.json`; relative paths in it are
        /// taken from its directory) or a mapping of the same shape; `config_schema()` is its
        /// JSON Schema.
        #[classmethod]
        fn from_config<'py>(cls: &Bound<'py, PyType>, config: Arg<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
            let kwargs = PyDict::new(cls.py());
            kwargs.set_item("config", config)?;
            cls.call((), Some(&kwargs))
        }

        /// A kernel from the environment: the configuration file named by `FLUX_CONFIG` (or the
        /// defaults), then `FLUX_CATALOGS`, `FLUX_POLICY`, `FLUX_PARSER`, `FLUX_SETTLER`,
        /// `FLUX_CHAIN`, `FLUX_RPC_URL`, `FLUX_KEY_ENV` and `FLUX_JOURNAL` over it.
        #[classmethod]
        fn from_env<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
            let config = error::map(cls.py(), FluxConfig::from_env().map_err(CoreError::from))?;
            PyFlux::from_config(cls, &convert::json_loads(cls.py(), &config.to_json())?)
        }

        /// The policy's decision on `cart` (a `Cart`, JSON text, or a list of line mappings),
        /// now. Pure and fast; nothing is signed.
        #[pyo3(signature = (cart, *, human_approved_cart = None))]
        fn authorize(&self, py: Python<'_>, cart: Arg<'_, '_>, human_approved_cart: Option<String>) -> PyResult<PyDecision> {
            let cart = cart_in(cart)?;
            let decide = || self.inner.authorize_with(&cart, approval(human_approved_cart));
            // Releasing the GIL costs more than evaluating a small cart.
            let inner = if cart.lines().len() > 64 { py.detach(decide) } else { decide() };
            Ok(PyDecision { inner })
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
        /// The hash the first event of `audit_jsonl()` chains from (`after` for
        /// `verify_audit_jsonl`).
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

fn bundle_in(obj: Arg<'_, '_>) -> PyResult<ReceiptBundle> {
    error::map(obj.py(), ReceiptBundle::from_json(&convert::json_text(obj)?).map_err(CoreError::from))
}

/// `None` | `"arc-testnet"` | a chain file path | a mapping (the core's `ChainSource`).
fn chain_in(obj: Opt<'_, '_>) -> PyResult<Option<flux_core::ChainConfig>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(None) };
    let py = obj.py();
    let source: ChainSource = serde_json::from_str(&convert::json_from_py(obj)?).map_err(|e| error::config(py, format!("chain: {e}")))?;
    error::map(py, source.load()).map(Some)
}

/// Parses exact decimal text into a USDC amount (`Decimal`), raising `InvalidAmount`.
#[pyfunction]
fn parse_amount<'py>(value: Arg<'_, 'py>) -> PyResult<Bound<'py, PyAny>> {
    convert::amount_out(value.py(), convert::amount_in(value)?)
}

/// The receipt bundle (JSON) of `settlement`, which paid `cart`: the self-contained proof that
/// `Flux.verify` checks.
#[pyfunction]
#[pyo3(signature = (cart, settlement, intent_hash = None))]
fn receipt_bundle(py: Python<'_>, cart: Arg<'_, '_>, settlement: PyRef<'_, PySettlement>, intent_hash: Option<&str>) -> PyResult<String> {
    let bundle = ReceiptBundle::new(&*cart_in(cart)?, &settlement.inner, intent_hash);
    error::map(py, bundle.map(|b| b.to_json()).map_err(CoreError::from))
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
fn canonical_json(py: Python<'_>, value: Arg<'_, '_>) -> PyResult<String> {
    let v: serde_json::Value =
        serde_json::from_str(&convert::json_from_py(value)?).map_err(|e| error::config(py, format!("not JSON data: {e}")))?;
    Ok(flux_core::to_canonical_json(&v))
}

/// The content id of a cart's canonical JSON (`cart_` + 32 hex digits).
#[pyfunction]
fn cart_id(py: Python<'_>, value: Arg<'_, '_>) -> PyResult<String> {
    let c: Arc<Cart> = cart_in(value)?;
    Ok(py.detach(|| c.id()))
}

/// The JSON Schema of a configuration (`Flux.from_config`), as text.
#[pyfunction]
fn config_schema() -> &'static str {
    FluxConfig::JSON_SCHEMA
}

/// Signs an ERC-20 `transfer(to, amount)` as an EIP-1559 transaction with the *public sandbox
/// key* (never funded: the bytes can never move money) and returns `(raw_tx, tx_hash)` as
/// `0x`-hex. The same fields give the same bytes as eth-account, viem and ethers. Real keys only
/// sign approved carts, inside the kernel.
#[pyfunction]
#[pyo3(signature = (*, to, amount, nonce = 0, chain_id = flux_core::ARC_TESTNET_CHAIN_ID, token = None,
    gas_limit = flux_core::SANDBOX_FEES.gas_limit, max_fee_per_gas = flux_core::SANDBOX_FEES.max_fee_per_gas,
    max_priority_fee_per_gas = flux_core::SANDBOX_FEES.max_priority_fee_per_gas))]
#[allow(clippy::too_many_arguments)]
fn sandbox_sign_transfer(
    py: Python<'_>,
    to: &str,
    amount: Arg<'_, '_>,
    nonce: u64,
    chain_id: u64,
    token: Option<&str>,
    gas_limit: u64,
    max_fee_per_gas: u128,
    max_priority_fee_per_gas: u128,
) -> PyResult<(String, String)> {
    let addr = |t: &str| error::map(py, flux_core::Address::parse(t).map_err(CoreError::from));
    let token = token.map(addr).transpose()?.unwrap_or(flux_core::ARC_TESTNET_USDC);
    let (to, amount) = (addr(to)?, convert::amount_in(amount)?);
    let tx = flux_core::TransferTx { chain_id, nonce, gas_limit, max_fee_per_gas, max_priority_fee_per_gas, token, to, amount };
    let signed = error::map(py, flux_core::SandboxSettler::sign(&tx).map_err(CoreError::from))?;
    Ok((signed.raw_tx, signed.tx_hash))
}

/// The sandbox signer's public address.
#[pyfunction]
fn sandbox_address(py: Python<'_>) -> PyResult<String> {
    error::map(py, flux_core::SandboxSettler::address().map(|a| a.to_string()).map_err(CoreError::from))
}

#[pymodule]
fn _flux(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let features: Vec<&str> = [("signing", cfg!(feature = "signing")), ("evm", cfg!(feature = "evm")), ("llm", cfg!(feature = "llm"))]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect();
    m.add("FEATURES", features)?;
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
    for f in [
        wrap_pyfunction!(parse_amount, m)?,
        wrap_pyfunction!(verify_audit_jsonl, m)?,
        wrap_pyfunction!(receipt_bundle, m)?,
        wrap_pyfunction!(canonical_json, m)?,
        wrap_pyfunction!(cart_id, m)?,
        wrap_pyfunction!(config_schema, m)?,
        wrap_pyfunction!(sandbox_sign_transfer, m)?,
        wrap_pyfunction!(sandbox_address, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
