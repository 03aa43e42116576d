//! Node bindings of the Flux kernel: the native half of the npm package `fluxos`, built with
//! napi-rs. Thin by design — convert arguments, call `flux-core`, map the error. Results cross as
//! the core's JSON text, which the package's JavaScript facade (`index.cjs`) parses into plain
//! objects, so every field the core adds reaches JavaScript unchanged and money stays an exact
//! decimal string. Asynchronous calls run on napi's tokio runtime and return Promises; errors are
//! `Error`s carrying the core's `code`, `kind`, `httpStatus` and `violations` (see `error.rs`).

mod convert;
mod error;
mod functions;
mod http;
mod skip;

use std::future::Future;
use std::sync::Arc;

use flux_core::{Approval, Cart, ChainSource, Document, Flux, FluxConfig, FluxError as CoreError, Intent, ReceiptBundle, Settlement};
use napi::bindgen_prelude::{BigInt, Either, PromiseRaw, Uint8Array};
use napi::{Env, Result};
use napi_derive::napi;

use napi::bindgen_prelude::Either3;

pub use functions::*;
pub use http::*;

/// Runs a core future on napi's tokio runtime; its value is turned into a JS value by `out`
/// and its error into a `FluxError` on the JavaScript thread.
fn promise<'env, T, V, F>(env: &'env Env, fut: F, out: fn(T) -> V) -> Result<PromiseRaw<'env, V>>
where
    T: Send + 'static,
    V: napi::bindgen_prelude::ToNapiValue + 'static,
    F: Future<Output = std::result::Result<T, CoreError>> + Send + 'static,
{
    env.spawn_future_with_callback(async move { Ok(fut.await) }, move |env, r| error::map(env, r.map(out)))
}

fn intent_in(env: &Env, json: &[u8]) -> Result<Intent> {
    error::map(env, Intent::from_json_bytes(json))
}

/// JSON as JavaScript hands it over: text, or bytes as received (bytes that are not UTF-8 get the
/// core's typed error, like any malformed body).
pub type JsonArg = Either<String, Uint8Array>;

fn json_bytes(json: &JsonArg) -> &[u8] {
    match json {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    }
}

/// A signed approval from its JSON (`None`: none).
fn approval(json: Option<String>) -> std::result::Result<Approval, flux_core::FluxError> {
    Ok(json.as_deref().map(Approval::from_json).transpose()?.unwrap_or_default())
}

/// The Flux kernel: orchestrate, authorize, execute, verify. One instance is shared by every
/// request of a server; all methods are safe to call concurrently.
#[napi(js_name = "Flux")]
pub struct NativeFlux {
    inner: Arc<Flux>,
}

impl NativeFlux {
    fn document<'env>(
        &self,
        env: &'env Env,
        doc: std::result::Result<Document, flux_core::DocumentError>,
        budget: Either3<String, BigInt, f64>,
        deadline_days: Option<f64>,
        strategy_json: Option<String>,
    ) -> Result<PromiseRaw<'env, NativeProposal>> {
        let budget = convert::budget_in(env, budget)?;
        let deadline = convert::deadline_in(env, deadline_days)?;
        let strategy = convert::strategy_in(env, strategy_json)?;
        let doc = error::map(env, doc)?;
        let flux = self.inner.clone();
        promise(env, async move { flux.orchestrate_document(&doc, budget, deadline, strategy).await }, NativeProposal::new)
    }

    fn build(env: &Env, config: std::result::Result<FluxConfig, flux_core::ConfigError>) -> Result<Self> {
        let config = error::map(env, config)?;
        // An EVM settler's HTTP client is built inside the runtime's context.
        let flux = napi::bindgen_prelude::within_runtime_if_available(|| Flux::from_config(&config));
        error::map(env, flux).map(|f| NativeFlux { inner: Arc::new(f) })
    }
}

#[napi]
impl NativeFlux {
    /// A kernel from the JSON text of the core's `FluxConfig` (none: the embedded defaults —
    /// embedded catalog, demo policy, offline parser, sandbox settlement).
    #[napi(constructor)]
    pub fn new(env: &Env, config_json: Option<String>) -> Result<Self> {
        NativeFlux::build(env, FluxConfig::from_json(config_json.as_deref().unwrap_or("{}")))
    }

    /// A kernel from a `.toml` or `.json` configuration file.
    #[napi(factory)]
    pub fn from_path(env: &Env, path: String) -> Result<Self> {
        NativeFlux::build(env, FluxConfig::from_path(path))
    }

    /// A kernel from `FLUX_CONFIG` and the other `FLUX_*` variables.
    #[napi(factory)]
    pub fn from_env(env: &Env) -> Result<Self> {
        NativeFlux::build(env, FluxConfig::from_env())
    }

    /// Intent → plan → ranked offers → optimal cart; resolves to the proposal's JSON (with
    /// telemetry). `budget` is exact text, a whole `bigint` or a `number` under the host rule.
    #[napi]
    pub fn orchestrate<'env>(
        &self,
        env: &'env Env,
        prompt: String,
        budget: Either3<String, BigInt, f64>,
        deadline_days: Option<f64>,
        strategy_json: Option<String>,
    ) -> Result<PromiseRaw<'env, NativeProposal>> {
        let budget = convert::budget_in(env, budget)?;
        let deadline = convert::deadline_in(env, deadline_days)?;
        let strategy = convert::strategy_in(env, strategy_json)?;
        let intent = error::map(env, Intent::new(prompt, budget, deadline, strategy))?;
        let flux = self.inner.clone();
        promise(env, async move { flux.orchestrate(&intent).await }, NativeProposal::new)
    }

    /// `orchestrate` from the seed's raw request body (`{prompt, budget, deadline_days,
    /// strategy}`): numbers are read from their exact text.
    #[napi]
    pub fn orchestrate_json<'env>(&self, env: &'env Env, body: JsonArg) -> Result<PromiseRaw<'env, NativeProposal>> {
        let intent = intent_in(env, json_bytes(&body))?;
        let flux = self.inner.clone();
        promise(env, async move { flux.orchestrate(&intent).await }, NativeProposal::new)
    }

    /// A shopping list (text, Markdown, CSV, PDF; a photo through a vision model) → optimal cart,
    /// as `orchestrate` does for a typed prompt. `document` is the file's bytes, named by
    /// `file_name` and typed by `media_type` (both optional: the kernel sniffs the bytes).
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn orchestrate_document<'env>(
        &self,
        env: &'env Env,
        document: Uint8Array,
        file_name: Option<String>,
        media_type: Option<String>,
        budget: Either3<String, BigInt, f64>,
        deadline_days: Option<f64>,
        strategy_json: Option<String>,
    ) -> Result<PromiseRaw<'env, NativeProposal>> {
        let doc = Document::new(document.to_vec(), file_name.as_deref(), media_type.as_deref());
        self.document(env, doc, budget, deadline_days, strategy_json)
    }

    /// `orchestrate_document` of a file read from `path`.
    #[napi]
    pub fn orchestrate_document_file<'env>(
        &self,
        env: &'env Env,
        path: String,
        budget: Either3<String, BigInt, f64>,
        deadline_days: Option<f64>,
        strategy_json: Option<String>,
    ) -> Result<PromiseRaw<'env, NativeProposal>> {
        self.document(env, Document::read(path), budget, deadline_days, strategy_json)
    }

    /// The policy's decision on a cart, now, as the decision's JSON *without* its `cart` (the
    /// caller holds it: [`NativeCart::json`]). Pure and fast; nothing is signed.
    #[napi]
    pub fn authorize(&self, env: &Env, cart: &NativeCart, approval_json: Option<String>) -> Result<String> {
        let approval = error::map(env, approval(approval_json))?;
        Ok(skip::json_without(&self.inner.authorize_with(&cart.inner, approval), "cart"))
    }

    /// Policy first, then the settler; the same idempotency key never pays twice. Resolves to a
    /// [`NativeSettlement`]; a denial rejects with `POLICY_VIOLATION` and nothing is signed.
    #[napi(ts_return_type = "Promise<NativeSettlement>")]
    pub fn execute<'env>(
        &self,
        env: &'env Env,
        cart: &NativeCart,
        idempotency_key: Option<String>,
        approval_json: Option<String>,
    ) -> Result<PromiseRaw<'env, NativeSettlement>> {
        let cart = cart.inner.clone();
        let flux = self.inner.clone();
        let fut = async move {
            let settlement = flux.execute_with(&cart, idempotency_key.as_deref(), approval(approval_json)?).await?;
            Ok(NativeSettlement { settlement, cart })
        };
        promise(env, fut, |s| s)
    }

    /// A new cart with `line_id` replaced by `units` units of `offer_id`, quoted and explained by
    /// the kernel for the intent (its JSON, as in `proposal.intent`).
    #[napi]
    pub fn replace_line<'env>(
        &self,
        env: &'env Env,
        cart: &NativeCart,
        line_id: String,
        offer_id: String,
        units: f64,
        intent_json: String,
    ) -> Result<PromiseRaw<'env, NativeCart>> {
        let (cart, intent) = (cart.inner.clone(), intent_in(env, intent_json.as_bytes())?);
        let units = error::map(env, flux_core::units_from_host_f64(&offer_id, units))?;
        let flux = self.inner.clone();
        promise(env, async move { flux.replace_line(&cart, &line_id, &offer_id, units, &intent).await }, NativeCart::new)
    }

    /// A new cart with `line_id` set to `units` units of the same offer, re-quoted (volume
    /// discounts re-negotiated).
    #[napi]
    pub fn set_units<'env>(
        &self,
        env: &'env Env,
        cart: &NativeCart,
        line_id: String,
        units: f64,
        intent_json: String,
    ) -> Result<PromiseRaw<'env, NativeCart>> {
        let (cart, intent) = (cart.inner.clone(), intent_in(env, intent_json.as_bytes())?);
        let units = error::map(env, flux_core::units_from_host_f64(&line_id, units))?;
        let flux = self.inner.clone();
        promise(env, async move { flux.set_units(&cart, &line_id, units, &intent).await }, NativeCart::new)
    }

    /// Verifies a receipt bundle (JSON) offline and, for a broadcast EVM bundle, on chain
    /// (`chain_json`: a preset name, a file path or an inline chain, as JSON; default this
    /// instance's chain). Resolves to the `VerifyReport`'s canonical JSON.
    #[napi]
    pub fn verify<'env>(&self, env: &'env Env, bundle_json: JsonArg, chain_json: Option<String>) -> Result<PromiseRaw<'env, String>> {
        let bundle = error::map(env, ReceiptBundle::from_json_bytes(json_bytes(&bundle_json)))?;
        let chain = chain_json.map(|text| ChainSource::from_json(&text).and_then(|s| s.load()));
        let chain = error::map(env, chain.transpose())?;
        let flux = self.inner.clone();
        let fut = async move { flux.verify_against(&bundle, chain.as_ref().or(flux.chain())).await };
        promise(env, fut, |r| flux_core::to_canonical_json(&r))
    }

    /// The audit events kept in memory (hash-chained Plan / Act / Verify events) as JSON Lines.
    #[napi]
    pub fn audit_jsonl(&self) -> String {
        self.inner.audit_jsonl()
    }

    /// The kept audit events as JSON Lines, which are then forgotten (a long-running host appends
    /// each segment to durable storage).
    #[napi]
    pub fn take_audit_jsonl(&self) -> String {
        self.inner.take_audit_jsonl()
    }

    /// The hash of the trail's last event.
    #[napi]
    pub fn audit_head(&self) -> String {
        self.inner.audit_head()
    }

    /// The hash the first kept event chains from.
    #[napi]
    pub fn audit_base(&self) -> String {
        self.inner.audit_base()
    }

    /// How many events the retention cap has forgotten.
    #[napi]
    pub fn audit_forgotten(&self) -> u32 {
        u32::try_from(self.inner.audit_forgotten()).unwrap_or(u32::MAX)
    }

    /// How this instance settles: `"memory"`, `"sandbox"` or `"evm"`.
    #[napi(getter)]
    pub fn settler(&self) -> &'static str {
        self.inner.settlement_mode().as_str()
    }

    /// The chain and token settlement pays with (`{"chain_id", "token"}`, JSON).
    #[napi]
    pub fn target_json(&self) -> String {
        flux_core::to_canonical_json(&self.inner.target())
    }

    /// The policy's content hash.
    #[napi(getter)]
    pub fn policy_hash(&self) -> String {
        self.inner.policy().hash().to_owned()
    }

    /// The policy in force as its document (`{"merchants": [...], "rules": {...}}`, JSON).
    #[napi]
    pub fn policy_json(&self) -> String {
        flux_core::to_canonical_json(&self.inner.policy().to_document())
    }
}

/// A cart held by the kernel: immutable; edits return new carts.
#[napi]
pub struct NativeCart {
    inner: Arc<Cart>,
}

impl NativeCart {
    fn new(cart: Cart) -> Self {
        NativeCart { inner: Arc::new(cart) }
    }
}

#[napi]
impl NativeCart {
    /// A cart from client lines: a JSON list (the seed's `execute_payment` body) or
    /// `{"lines": [...]}`, validated (amounts read from their exact text).
    #[napi(factory)]
    pub fn from_json(env: &Env, json: JsonArg) -> Result<Self> {
        error::map(env, Cart::from_json_bytes(json_bytes(&json))).map(NativeCart::new)
    }

    /// The cart's canonical JSON (`{"currency", "lines", "total"}`).
    #[napi]
    pub fn json(&self) -> String {
        self.inner.canonical_json()
    }

    /// The content id (`cart_` + 32 hex digits).
    #[napi(getter)]
    pub fn id(&self) -> String {
        self.inner.id()
    }

    /// A new cart without the line `line_id`.
    #[napi]
    pub fn remove_line(&self, env: &Env, line_id: String) -> Result<NativeCart> {
        error::map(env, self.inner.remove_line(&line_id)).map(NativeCart::new)
    }

    /// A new cart with `line_id` set to `quantity` packs at the same pack price.
    #[napi]
    pub fn set_quantity(&self, env: &Env, line_id: String, quantity: f64) -> Result<NativeCart> {
        let quantity = error::map(env, flux_core::quantity_from_host_f64(&self.inner, &line_id, quantity))?;
        error::map(env, self.inner.set_quantity(&line_id, quantity)).map(NativeCart::new)
    }
}

/// The result of `orchestrate`: the proposal's JSON and its cart, held by the kernel.
#[napi]
pub struct NativeProposal {
    json: String,
    cart: Arc<Cart>,
}

impl NativeProposal {
    fn new(p: flux_core::Proposal) -> Self {
        NativeProposal { json: p.to_json(), cart: Arc::new(p.cart) }
    }
}

#[napi]
impl NativeProposal {
    /// The proposal's JSON (canonical fields plus `telemetry`).
    #[napi]
    pub fn json(&self) -> String {
        self.json.clone()
    }

    /// The proposed cart.
    #[napi]
    pub fn cart(&self) -> NativeCart {
        NativeCart { inner: self.cart.clone() }
    }
}

/// The result of `execute`: the settlement and the cart it paid, for the receipt bundle.
#[napi]
pub struct NativeSettlement {
    settlement: Settlement,
    cart: Arc<Cart>,
}

#[napi]
impl NativeSettlement {
    /// The settlement's canonical JSON (`status`, `logs`, `transaction_hashes`, `legs`, ...).
    #[napi]
    pub fn to_json(&self) -> String {
        flux_core::to_canonical_json(&self.settlement)
    }

    /// The receipt bundle of this settlement (JSON), optionally bound to the intent's hash.
    #[napi]
    pub fn receipt_bundle(&self, env: &Env, intent_hash: Option<String>) -> Result<String> {
        let bundle = ReceiptBundle::new(&self.cart, &self.settlement, intent_hash.as_deref());
        error::map(env, bundle.map(|b| b.to_json()))
    }
}
