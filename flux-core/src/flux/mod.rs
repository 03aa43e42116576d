//! The composition root: catalogs, parser, policy, settler and clock in one [`Flux`].

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde_json::json;

use crate::audit::{AuditTrail, Phase};
use crate::cart::{Cart, CartError, CartLine};
use crate::catalog::{Catalog, CatalogData, EmbeddedCatalog};
use crate::error::FluxError;
use crate::intent::{Dropped, Intent, IntentParser, OfflineParser, ParseError, Plan, Strategy};
use crate::ledger::Ledger;
use crate::policy::{Policy, SpendState};
use crate::proposal::{propose_under, Proposal, DEFAULT_ALTERNATIVES};
use crate::rank::{score_need, Payees, RankLimits};
use crate::settle::{ChainConfig, ReceiptBundle, SettleError, SettlementMode, Settler, VerifyReport};
use crate::target::Target;

mod document;
mod execute;
mod quote;

/// When an orchestration started, and when its parsing did.
#[derive(Clone, Copy)]
struct Timing {
    started: Instant,
    parse_started: Instant,
}

/// Audit events a [`Flux`] keeps in memory unless [`FluxBuilder::audit_retention`] says
/// otherwise: about 5,000 orchestrations, some 30 MB (measured through `fluxos`).
pub const DEFAULT_AUDIT_RETENTION: usize = 10_000;

/// Where the facade reads the time. The kernel itself never reads a clock.
pub trait Clock: Send + Sync {
    /// Unix time in milliseconds.
    fn now_ms(&self) -> u64;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
    }
}

/// A clock stuck at one instant (tests, determinism vectors).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now_ms(&self) -> u64 {
        self.0
    }
}

#[derive(Debug, Default)]
struct State {
    audit: AuditTrail,
}

/// The merged catalog of the parts it was merged from, so that unchanged parts (the same
/// `Arc`s) are not merged again.
struct Snapshot {
    parts: Vec<Arc<CatalogData>>,
    merged: Arc<CatalogData>,
}

/// Builds a [`Flux`]. Every part has a default: the embedded catalog, the offline parser, the
/// demo policy, the sandbox settler (real signed transactions, not broadcast; the in-memory
/// settler without the `signing` feature) and the system clock.
#[derive(Default)]
pub struct FluxBuilder {
    catalogs: Vec<Arc<dyn Catalog>>,
    parser: Option<Arc<dyn IntentParser>>,
    policy: Option<Policy>,
    settler: Option<Arc<dyn Settler>>,
    clock: Option<Arc<dyn Clock>>,
    alternatives: Option<usize>,
    audit_retention: Option<usize>,
    ledger: Option<Arc<dyn Ledger>>,
    spend: SpendState,
}

impl FluxBuilder {
    /// Adds a catalog (several merge; with none, the embedded catalog is used).
    pub fn catalog(mut self, catalog: impl Catalog + 'static) -> Self {
        self.catalogs.push(Arc::new(catalog));
        self
    }
    /// Adds a shared catalog.
    pub fn catalog_arc(mut self, catalog: Arc<dyn Catalog>) -> Self {
        self.catalogs.push(catalog);
        self
    }
    /// Sets the intent parser.
    pub fn parser(mut self, parser: impl IntentParser + 'static) -> Self {
        self.parser = Some(Arc::new(parser));
        self
    }
    /// Sets a shared intent parser.
    pub fn parser_arc(mut self, parser: Arc<dyn IntentParser>) -> Self {
        self.parser = Some(parser);
        self
    }
    /// Sets the intent parser from configuration (offline, or an LLM over any OpenAI-compatible
    /// API with the offline parser as fallback). Fails with the LLM error's code when the parser
    /// cannot be built (`LLM_MISSING_API_KEY`, `LLM_INVALID_CONFIG`); the message never holds the
    /// key.
    #[cfg(feature = "llm")]
    pub fn parser_config(mut self, config: crate::intent::ParserConfig) -> Result<Self, FluxError> {
        let parser = config.build()?;
        self.parser = Some(parser);
        Ok(self)
    }
    /// Sets the policy.
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = Some(policy);
        self
    }
    /// Sets the settler.
    pub fn settler(mut self, settler: impl Settler + 'static) -> Self {
        self.settler = Some(Arc::new(settler));
        self
    }
    /// Sets a shared settler.
    pub fn settler_arc(mut self, settler: Arc<dyn Settler>) -> Self {
        self.settler = Some(settler);
        self
    }
    /// Sets the clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }
    /// How many ranked alternatives each need shows (default 5).
    pub fn alternatives(mut self, n: usize) -> Self {
        self.alternatives = Some(n);
        self
    }
    /// How many audit events a `Flux` keeps in memory (default [`DEFAULT_AUDIT_RETENTION`]);
    /// older ones are forgotten, counted by [`Flux::audit_forgotten`]. A host that keeps the
    /// whole trail drains it with [`Flux::take_audit_jsonl`] before that happens; `usize::MAX`
    /// keeps everything (memory then grows with every call).
    pub fn audit_retention(mut self, max_events: usize) -> Self {
        self.audit_retention = Some(max_events);
        self
    }
    /// Spend already made elsewhere, for rolling-window limits: an in-memory ledger starting with
    /// it (for tools that keep their own records; use [`FluxBuilder::ledger`] for a durable one).
    pub fn spend_state(mut self, spend: SpendState) -> Self {
        self.spend = spend;
        self
    }
    /// Sets the ledger: spend, idempotency keys, and — for a broadcasting settler — its journal
    /// and nonces. Default: see [`default_ledger`](crate::ledger::default_ledger).
    pub fn ledger(mut self, ledger: impl Ledger + 'static) -> Self {
        self.ledger = Some(Arc::new(ledger));
        self
    }
    /// Sets a shared ledger (the same one an EVM settler journals in).
    pub fn ledger_arc(mut self, ledger: Arc<dyn Ledger>) -> Self {
        self.ledger = Some(ledger);
        self
    }
    /// Builds the facade: binds the settler to the policy (it then signs that policy's approvals
    /// only) and opens the default ledger unless one was given.
    pub fn build(self) -> Result<Flux, FluxError> {
        let catalogs = if self.catalogs.is_empty() { vec![Arc::new(EmbeddedCatalog) as Arc<dyn Catalog>] } else { self.catalogs };
        let policy = Arc::new(self.policy.unwrap_or_else(Policy::demo));
        let settler = self.settler.unwrap_or_else(default_settler);
        settler.bind(policy.hash())?;
        let ledger = match (self.ledger, self.spend.records.is_empty()) {
            (Some(_), false) => {
                return Err(FluxError::config("give either a ledger or a spend state (which starts an in-memory ledger), not both"))
            }
            (Some(l), true) => l,
            (None, false) => Arc::new(crate::ledger::MemoryLedger::with_spend(&self.spend)),
            (None, true) => crate::ledger::default_ledger(settler.mode())?.0,
        };
        Ok(Flux {
            catalogs,
            parser: self.parser.unwrap_or_else(|| Arc::new(OfflineParser)),
            policy,
            settler,
            ledger,
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            alternatives: self.alternatives.unwrap_or(DEFAULT_ALTERNATIVES),
            state: Mutex::new(State { audit: AuditTrail::with_retention(self.audit_retention.unwrap_or(DEFAULT_AUDIT_RETENTION)) }),
            snapshot: Mutex::new(None),
        })
    }
}

/// The Flux kernel with its parts: `orchestrate` an intent into a proposal, `authorize` a cart,
/// `execute` it (policy first, then the settler), and keep an audit trail of every step.
pub struct Flux {
    catalogs: Vec<Arc<dyn Catalog>>,
    parser: Arc<dyn IntentParser>,
    policy: Arc<Policy>,
    settler: Arc<dyn Settler>,
    ledger: Arc<dyn Ledger>,
    clock: Arc<dyn Clock>,
    alternatives: usize,
    state: Mutex<State>,
    /// The catalog as last loaded: what proposals are made from and carts are checked against.
    snapshot: Mutex<Option<Snapshot>>,
}

impl std::fmt::Debug for Flux {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flux")
            .field("catalogs", &self.catalogs.len())
            .field("parser", &self.parser.name())
            .field("policy_hash", &self.policy.hash())
            .field("settler", &self.settler.mode())
            .field("ledger", &self.ledger.name())
            .finish_non_exhaustive()
    }
}

impl Flux {
    /// A builder.
    pub fn builder() -> FluxBuilder {
        FluxBuilder::default()
    }

    /// Embedded catalog, offline parser, demo policy, sandbox settler (memory settler without the
    /// `signing` feature), the default ledger. Fails only when the ledger cannot be opened.
    pub fn with_defaults() -> Result<Flux, FluxError> {
        FluxBuilder::default().build()
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The settler.
    pub fn settler(&self) -> &Arc<dyn Settler> {
        &self.settler
    }

    /// How this instance settles: `memory`, `sandbox` or `evm`.
    pub fn settlement_mode(&self) -> SettlementMode {
        self.settler.mode()
    }

    /// The chain and token this instance pays with.
    pub fn target(&self) -> Target {
        self.settler.target()
    }

    /// The chain this instance broadcasts to (an EVM settler), if any.
    pub fn chain(&self) -> Option<&ChainConfig> {
        self.settler.chain()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave State half-updated in a way that matters
        // (appends are atomic per call), so a poisoned lock is recovered.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn record<T: serde::Serialize>(&self, phase: Phase, kind: &str, payload: &T) {
        let now = self.clock.now_ms();
        self.state().audit.append(now, phase, kind, payload);
    }

    fn snapshot(&self) -> MutexGuard<'_, Option<Snapshot>> {
        self.snapshot.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The merged catalog data of all catalogs, loaded now. Merging happens only when a part
    /// changed (a catalog answered with new data); the result is the snapshot that carts are
    /// checked against.
    pub async fn catalog(&self) -> Result<Arc<CatalogData>, FluxError> {
        let mut parts = Vec::with_capacity(self.catalogs.len());
        for c in &self.catalogs {
            parts.push(c.load().await?);
        }
        if let Some(s) = self.snapshot().as_ref() {
            if s.parts.len() == parts.len() && s.parts.iter().zip(&parts).all(|(a, b)| Arc::ptr_eq(a, b)) {
                return Ok(s.merged.clone());
            }
        }
        let merged = match parts.as_slice() {
            [only] => only.clone(),
            _ => Arc::new(CatalogData::merge(&parts)?),
        };
        *self.snapshot() = Some(Snapshot { parts, merged: merged.clone() });
        Ok(merged)
    }

    /// The catalog snapshot carts are quoted against: the one last loaded (by an orchestration
    /// or an edit), or loaded now when there is none yet.
    pub(crate) fn catalog_snapshot(&self) -> Result<Arc<CatalogData>, FluxError> {
        if let Some(s) = self.snapshot().as_ref() {
            return Ok(s.merged.clone());
        }
        crate::future::block_on(self.catalog())
    }

    /// Intent → plan → ranked offers → optimal cart. Nothing is paid.
    pub async fn orchestrate(&self, intent: &Intent) -> Result<Proposal, FluxError> {
        let started = Instant::now();
        let catalog = self.catalog().await?;
        let parse_started = Instant::now();
        let plan = self.parser.parse(intent, catalog.vocabulary()).await;
        self.propose_plan(Timing { started, parse_started }, &catalog, intent, plan, Vec::new())
    }

    /// The parser's plan, sanitized and recorded, into a proposal; `dropped` are entries the
    /// caller adds (what a document left out).
    fn propose_plan(
        &self,
        timing: Timing,
        catalog: &CatalogData,
        intent: &Intent,
        plan: Result<Plan, ParseError>,
        mut dropped: Vec<Dropped>,
    ) -> Result<Proposal, FluxError> {
        let plan = match plan {
            Ok(p) => p,
            Err(e) => {
                self.record(Phase::Plan, "intent.rejected", &json!({"intent_hash": intent.hash(), "code": e.code()}));
                return Err(e.into());
            }
        };
        let mut plan = plan.sanitize(catalog.vocabulary());
        plan.drop_caps_within(intent.budget());
        plan.dropped.append(&mut dropped);
        plan.telemetry.latency_ms = timing.parse_started.elapsed().as_millis() as u64;
        self.record(
            Phase::Plan,
            "intent.parsed",
            &json!({
                "intent_hash": intent.hash(),
                "parser": plan.telemetry.parser,
                "model": plan.telemetry.model,
                "provider": plan.telemetry.provider,
                "tokens_used": plan.telemetry.tokens_used,
                "fallback": plan.telemetry.fallback,
                "fallback_reason": plan.telemetry.fallback_reason,
                "needs": plan.needs,
                "dropped": plan.dropped,
            }),
        );
        // Only merchants the policy pays: a plan it would deny for them helps nobody.
        let mut proposal = propose_under(catalog, intent, &plan, self.alternatives, &self.policy)?;
        proposal.telemetry.orchestrate_us = timing.started.elapsed().as_micros() as u64;
        self.record(
            Phase::Plan,
            "cart.proposed",
            &json!({"cart_id": proposal.cart_id, "total": proposal.total, "lines": proposal.cart.lines().len(), "unmet": proposal.unmet}),
        );
        Ok(proposal)
    }

    /// Re-runs [`Flux::orchestrate`] with another strategy.
    pub async fn reoptimize(&self, intent: &Intent, strategy: Strategy) -> Result<Proposal, FluxError> {
        self.orchestrate(&intent.with_strategy(strategy)?).await
    }

    /// A cart line for `units` units of an offer, negotiated and explained against the other
    /// offers of its category (for "replace this line with that offer"). Zero units is
    /// `INVALID_UNITS`.
    pub async fn line_for_offer(&self, offer_id: &str, units: u32, intent: &Intent) -> Result<CartLine, FluxError> {
        self.line_serving(offer_id, units, intent, &[]).await
    }

    /// [`Flux::line_for_offer`], ranked as the plan ranks: among the offers for the first of
    /// `asked` (items as a cart line's `need` says them, "energy drinks") the offer serves, within
    /// the intent's deadline and budget and from the merchants the policy pays within its caps,
    /// so its reasons and score compare it with what else was asked for, not with the cheapest
    /// thing of its category.
    /// An offer outside those (a slower one the user picks) is ranked without them.
    async fn line_serving(&self, offer_id: &str, units: u32, intent: &Intent, asked: &[&str]) -> Result<CartLine, FluxError> {
        at_least_one_unit(offer_id, units)?;
        let catalog = self.catalog().await?;
        let offer = catalog.quoted(offer_id).ok_or_else(|| CartError::UnknownOffer { id: offer_id.chars().take(128).collect() })?;
        // A rental for a stay is ranked among the rentals for that stay.
        let generic =
            crate::intent::Need { days: crate::catalog::stay_of(offer_id), ..crate::intent::Need::generic(offer.category.clone(), units) };
        let mut needs: Vec<crate::intent::Need> = Vec::new();
        for item in asked.iter().take(crate::intent::MAX_NEEDS) {
            let need = crate::intent::Need { item: (*item).to_owned(), ..generic.clone() }.bounded();
            if !needs.iter().any(|n| n.item == need.item) {
                needs.push(need);
            }
        }
        needs.push(generic);
        let planned = RankLimits { deadline_days: intent.deadline_days(), budget: intent.budget() };
        let any = RankLimits { deadline_days: crate::intent::MAX_DEADLINE_DAYS, budget: crate::money::Amount::MAX };
        for (limits, policy) in [(planned, Some(&*self.policy as &dyn Payees)), (any, None)] {
            for need in &needs {
                let ranking = score_need(&catalog, need, intent.strategy(), limits, policy).ranking(usize::MAX);
                if let Some(o) = ranking.options.iter().find(|o| o.offer_id == offer_id) {
                    return Ok(CartLine::from_option(o, need));
                }
            }
        }
        Err(CartError::InsufficientStock { id: offer.id.clone(), units, packs_in_stock: offer.stock }.into())
    }

    /// Replaces a line by `units` units of another offer of the same category, quoted and
    /// explained by the kernel. Zero units is `INVALID_UNITS` (to drop a line, use
    /// [`Cart::remove_line`]); an edited cart that costs more than `intent`'s budget is
    /// `OVER_BUDGET`, and not made.
    pub async fn replace_line(&self, cart: &Cart, line_id: &str, offer_id: &str, units: u32, intent: &Intent) -> Result<Cart, FluxError> {
        at_least_one_unit(line_id, units)?;
        // The line first: an id the cart does not hold is NO_SUCH_LINE whatever the catalog sells.
        let old = cart.line(line_id)?;
        let asked: Vec<&str> = old.need.split(", ").filter(|n| !n.is_empty()).collect();
        let mut line = self.line_serving(offer_id, units, intent, &asked).await?;
        if !old.category.is_empty() && old.category != line.category {
            return Err(CartError::CategoryMismatch { line: old.category.clone(), offer: line.category }.into());
        }
        // The replacement serves the need the old line served.
        line.need.clone_from(&old.need);
        let edited = cart.replace_line(line_id, line)?;
        // (An edit that lowers the total of a cart already over it stands.)
        if edited.total() > intent.budget() && edited.total() > cart.total() {
            return Err(CartError::OverBudget { total: edited.total(), budget: intent.budget() }.into());
        }
        Ok(edited)
    }

    /// Changes a line to `units` units (not packs) of the same offer, re-negotiating volume
    /// discounts. The line's id must be a catalog offer id (lines the kernel proposed are); to
    /// change packs at a fixed price on any cart, use [`Cart::set_quantity`]. Zero units is
    /// `INVALID_UNITS` (to drop a line, use [`Cart::remove_line`]); more than `intent`'s budget
    /// is `OVER_BUDGET`.
    pub async fn set_units(&self, cart: &Cart, line_id: &str, units: u32, intent: &Intent) -> Result<Cart, FluxError> {
        self.replace_line(cart, line_id, line_id, units, intent).await
    }

    /// Verifies a receipt bundle: its internal consistency offline, then — for a broadcast EVM
    /// bundle — every leg re-read from this instance's chain, and the goods of every line whose
    /// offer this instance's catalog holds (its vendor, its units as its packs hold them, and the
    /// name, vendor name and category it states).
    /// The result is recorded in the audit trail (Verify phase). A failed check is
    /// `VERIFICATION_FAILED`.
    pub async fn verify(&self, bundle: &ReceiptBundle) -> Result<VerifyReport, FluxError> {
        self.verify_against(bundle, self.chain()).await
    }

    /// [`Flux::verify`] against another chain than this instance's (or none: offline only,
    /// which refuses a broadcast EVM bundle).
    pub async fn verify_against(&self, bundle: &ReceiptBundle, chain: Option<&ChainConfig>) -> Result<VerifyReport, FluxError> {
        let mut result = verify_report(bundle, chain).await;
        if result.is_ok() {
            // A catalog that cannot be loaded leaves the goods as the receipt states them.
            if let Some(reason) = self.catalog().await.ok().and_then(|c| quote::receipt_goods_mismatch(bundle, &c)) {
                result = Err(SettleError::Verification { reason });
            }
        }
        let payload = match &result {
            Ok(r) => json!({"cart_id": r.cart_id, "ok": true, "onchain": r.onchain, "legs": r.legs.len()}),
            Err(e) => json!({"cart_id": bundle.cart_id, "ok": false, "code": e.code()}),
        };
        self.record(Phase::Verify, "bundle.verified", &payload);
        result.map_err(FluxError::from)
    }

    /// Records a verification result (for example of a receipt bundle checked against the chain)
    /// as a Verify-phase event of the trail. Hosts call it after verifying; nothing calls it
    /// implicitly.
    pub fn record_verification<T: serde::Serialize>(&self, kind: &str, payload: &T) {
        self.record(Phase::Verify, kind, payload);
    }

    /// The hash of the trail's last event: keep it to detect a trail cut off later
    /// ([`verify_audit_jsonl_with_head`](crate::verify_audit_jsonl_with_head)).
    pub fn audit_head(&self) -> String {
        self.state().audit.head().to_owned()
    }

    /// The audit events kept in memory (all of them, unless some were taken or forgotten) as
    /// JSONL.
    pub fn audit_jsonl(&self) -> String {
        self.state().audit.to_jsonl()
    }

    /// The audit events kept so far as JSONL, which are then forgotten: a long-running host
    /// appends each segment to durable storage. Segments concatenate into one trail that
    /// [`verify_audit_jsonl`](crate::verify_audit_jsonl) verifies.
    pub fn take_audit_jsonl(&self) -> String {
        self.state().audit.take_jsonl()
    }

    /// The hash the first event of [`Flux::audit_jsonl`] chains from (the genesis hash until
    /// events are taken or forgotten); see
    /// [`verify_audit_jsonl_segment`](crate::verify_audit_jsonl_segment).
    pub fn audit_base(&self) -> String {
        self.state().audit.base().to_owned()
    }

    /// How many audit events the retention cap has forgotten (see
    /// [`FluxBuilder::audit_retention`]).
    pub fn audit_forgotten(&self) -> u64 {
        self.state().audit.forgotten()
    }

    /// The ledger.
    pub fn ledger(&self) -> &Arc<dyn Ledger> {
        &self.ledger
    }

    /// What counts now against each of the policy's rolling windows ([`Policy::windows`]),
    /// committed and reserved spend alike.
    pub async fn window_spend(&self) -> Result<Vec<(crate::policy::WindowLimit, crate::money::Amount)>, FluxError> {
        let windows = self.policy.windows();
        let spent = self.ledger.spent(&windows, self.clock.now_ms() / 1000).await?;
        Ok(windows.into_iter().zip(spent).collect())
    }
}

/// An edit's units: zero is refused, never rounded up to one.
fn at_least_one_unit(id: &str, units: u32) -> Result<(), CartError> {
    if units == 0 {
        return Err(CartError::InvalidUnits { id: id.chars().take(128).collect(), units: units.to_string() });
    }
    Ok(())
}

/// Offline checks, then on-chain ones for a broadcast EVM bundle.
async fn verify_report(bundle: &ReceiptBundle, chain: Option<&ChainConfig>) -> Result<VerifyReport, SettleError> {
    let report = crate::settle::verify_bundle_offline(bundle)?;
    if bundle.mode != SettlementMode::Evm || !bundle.broadcast {
        return Ok(report);
    }
    let Some(chain) = chain else {
        return Err(SettleError::Verification {
            reason: "a broadcast EVM bundle is verified against its chain: configure an EVM settler or pass the chain".into(),
        });
    };
    #[cfg(feature = "evm")]
    {
        crate::settle::verify_bundle(chain, bundle).await
    }
    #[cfg(not(feature = "evm"))]
    {
        let _ = chain;
        Err(SettleError::Verification { reason: "on-chain verification needs the evm feature".into() })
    }
}

/// The settler used when none is configured: the sandbox (real signed transactions, never
/// broadcast) with the `signing` feature, else the in-memory recorder.
fn default_settler() -> Arc<dyn Settler> {
    #[cfg(feature = "signing")]
    {
        Arc::new(crate::settle::SandboxSettler::default())
    }
    #[cfg(not(feature = "signing"))]
    {
        Arc::new(crate::settle::MemorySettler::default())
    }
}
