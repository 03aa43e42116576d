//! The code path of every fuzz target, one function per target, each taking the fuzzer's bytes.
//!
//! The fuzz targets (`fuzz_targets/*.rs`) call these, and flux-core's own test
//! `tests/fuzz_regressions.rs` includes this file and replays the committed crash inputs and seed
//! corpora through the very same functions, so a crash found here stays fixed. Each function
//! parses untrusted input the way a host hands it to the kernel, makes the follow-on kernel call
//! on what parses, and asserts invariants that are cheap to check. Errors are fine (they are
//! typed); a panic, an abort, a hang or a broken invariant is a finding. Each returns whether the
//! input parsed (so the follow-on call ran): the regression test checks that the seeds do.

use std::sync::OnceLock;

use flux_core::{
    propose_under, Amount, Cart, CatalogData, ChainConfig, Decision, Document, EmbeddedCatalog, FluxConfig, Intent, OfflineParser, Plan,
    Policy, SpendRecord, SpendState, Strategy, Target, ViolationCode, Vocabulary, MAX_CART_LINES, MAX_NEEDS, MAX_NEED_QUANTITY,
    MAX_PROMPT_CHARS,
};

/// The decision time every target uses (Unix seconds): a fixed clock keeps runs reproducible.
const NOW: u64 = 1_760_000_000;
/// Alternatives detailed per need, as the facade's default.
const TOP: usize = 5;

fn demo_policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(Policy::demo)
}

fn catalog() -> &'static CatalogData {
    static CATALOG: OnceLock<std::sync::Arc<CatalogData>> = OnceLock::new();
    CATALOG.get_or_init(EmbeddedCatalog::data)
}

#[cfg(feature = "llm")]
fn embedded_vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(Vocabulary::embedded)
}

/// A spend state with one earlier payment inside the demo policy's daily window, so the window
/// arithmetic runs too.
fn spend() -> &'static SpendState {
    static SPEND: OnceLock<SpendState> = OnceLock::new();
    SPEND.get_or_init(|| SpendState {
        records: vec![SpendRecord { at: NOW - 3_600, merchant_id: "amazon".into(), amount: Amount::ONE, key: None }],
    })
}

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A cart's invariants: the total is the exact sum of its lines, each line is price × quantity.
fn check_cart(cart: &Cart) {
    assert!(cart.lines().len() <= MAX_CART_LINES, "a cart has {} lines", cart.lines().len());
    let sum = Amount::checked_sum(cart.lines().iter().map(|l| l.line_total));
    assert_eq!(sum, Ok(cart.total()), "a cart's total is not the sum of its lines");
    for line in cart.lines() {
        assert_eq!(
            line.price.checked_mul(u64::from(line.quantity)),
            Ok(line.line_total),
            "line {:?}: total is not price x quantity",
            line.id
        );
    }
}

/// A decision's invariants: an allowed cart is paid in full, once per merchant, to the payout
/// address of the policy's own registry, within the policy's caps; a denial says why.
fn check_decision(policy: &Policy, cart: &Cart, target: &Target, decision: &Decision) {
    match decision {
        Decision::Allow(approved) => {
            assert_eq!(approved.cart(), cart, "the approved cart is not the cart asked about");
            assert_eq!(approved.total(), cart.total(), "the approved total is not the cart total");
            assert_eq!(approved.target(), *target);
            assert_eq!(approved.policy_hash(), policy.hash());
            assert!(!cart.is_empty(), "an empty cart was allowed");
            let legs = Amount::checked_sum(approved.legs().iter().map(|l| l.amount));
            assert_eq!(legs, Ok(approved.total()), "the transfer legs do not add up to the total");
            assert!(approved.total() <= policy.rules().max_budget_cap, "a cart over the budget cap was allowed");
            for pair in approved.legs().windows(2) {
                assert!(pair[0].merchant_id < pair[1].merchant_id, "transfer legs are not one per merchant, sorted");
            }
            for leg in approved.legs() {
                let merchant = policy.merchant(&leg.merchant_id);
                assert_eq!(merchant.map(|m| m.payout_address), Some(leg.payout), "a payout address not from the registry");
                if let Some(cap) = policy.rules().per_transfer_cap {
                    assert!(leg.amount <= cap, "a transfer over the per-transfer cap was allowed");
                }
            }
        }
        Decision::Deny { violations } => assert!(!violations.is_empty(), "a denial without a violation"),
    }
}

/// A sanitized plan's invariants: known categories, quantities in range, at most
/// [`MAX_NEEDS`] needs.
fn check_plan(plan: &Plan, vocabulary: &Vocabulary) {
    assert!(plan.needs.len() <= MAX_NEEDS, "a plan has {} needs", plan.needs.len());
    for need in &plan.needs {
        assert!(vocabulary.get(&need.category).is_some(), "need of unknown category {:?}", need.category);
        assert!((1..=MAX_NEED_QUANTITY).contains(&need.quantity), "need quantity {} out of range", need.quantity);
    }
}

/// Proposes a cart for `plan` from the embedded catalog under the demo policy, as `Flux` does,
/// and checks it: within budget, a valid cart, never denied for a merchant or a cap the plan
/// keeps to, and the demo policy's decision on it is consistent.
fn propose_and_authorize(intent: &Intent, plan: &Plan) {
    let Ok(proposal) = propose_under(catalog(), intent, plan, TOP, demo_policy()) else { return };
    check_cart(&proposal.cart);
    assert_eq!(proposal.total, proposal.cart.total());
    assert!(proposal.total <= intent.budget(), "a proposal over its budget");
    assert_eq!(proposal.cart_id, proposal.cart.id());
    let target = Target::arc_testnet();
    let decision = demo_policy().authorize(&proposal.cart, &target, spend(), NOW);
    check_decision(demo_policy(), &proposal.cart, &target, &decision);
    let planned_for = [
        ViolationCode::MerchantNotAllowed,
        ViolationCode::OverBudgetCap,
        ViolationCode::OverTransferCap,
        ViolationCode::OverMerchantCap,
        ViolationCode::TooManyLines,
    ];
    let broken: Vec<_> = decision.violations().iter().filter(|v| planned_for.contains(&v.code)).collect();
    assert!(broken.is_empty(), "a proposal the policy denies for what the plan keeps to: {broken:?}");
}

/// `cart_json`: `Cart::from_json`, then the demo policy's decision on what parses. A parsed
/// cart's total is the sum of its lines, its canonical JSON parses back to the same cart, and
/// the decision is consistent with the policy.
pub fn cart_json(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let Ok(cart) = Cart::from_json(text) else { return false };
    check_cart(&cart);
    let again = Cart::from_json(&cart.canonical_json());
    assert_eq!(again.as_ref(), Ok(&cart), "a cart's canonical JSON does not parse back to it");
    let target = Target::arc_testnet();
    let decision = demo_policy().authorize(&cart, &target, spend(), NOW);
    check_decision(demo_policy(), &cart, &target, &decision);
    true
}

/// `policy_file`: `Policy::from_toml` and `Policy::from_json` on the same text. A policy that
/// parses re-serializes (as JSON) to a policy with the same hash, and decides on a cart paying
/// each of its merchants consistently.
pub fn policy_file(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let mut parsed = false;
    for policy in [Policy::from_toml(text), Policy::from_json(text)].into_iter().flatten() {
        parsed = true;
        let json = serde_json::to_string(&policy.to_document());
        let again = json.as_deref().map_err(ToString::to_string).and_then(|j| Policy::from_json(j).map_err(|e| e.to_string()));
        assert_eq!(again.as_ref().map(Policy::hash), Ok(policy.hash()), "a policy does not survive its own JSON");
        let lines: Vec<serde_json::Value> =
            policy.merchants().take(8).map(|m| serde_json::json!({"vendor_id": m.id, "price": "1.5", "quantity": 2})).collect();
        let Ok(cart) = Cart::from_json(&serde_json::Value::Array(lines).to_string()) else { continue };
        let rules = policy.rules();
        let target = match (rules.allowed_chain_ids.first(), rules.allowed_tokens.first()) {
            (Some(&chain_id), Some(&token)) => Target { chain_id, token },
            _ => Target::arc_testnet(),
        };
        let decision = policy.authorize(&cart, &target, spend(), NOW);
        check_decision(&policy, &cart, &target, &decision);
    }
    parsed
}

/// `chain_config`: `ChainConfig::from_toml` and `ChainConfig::from_json`. What parses is valid
/// (the checks of `validate` hold), survives its own JSON, and the forms its RPC URLs are shown
/// in (`rpc_label`, `redact_url`) never carry a URL's path, query or user info.
pub fn chain_config(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let mut parsed = false;
    for chain in [ChainConfig::from_toml(text), ChainConfig::from_json(text)].into_iter().flatten() {
        parsed = true;
        assert!(chain.chain_id != 0 && !chain.token.is_zero() && chain.token_decimals <= 18 && chain.gas_cap >= 21_000);
        assert!(!chain.rpc_urls.is_empty());
        let json = serde_json::to_string(&chain).map_err(|e| e.to_string());
        let again = json.and_then(|j| ChainConfig::from_json(&j).map_err(|e| e.to_string()));
        assert_eq!(again.as_ref(), Ok(&chain), "a chain config does not survive its own JSON");
        let _ = chain.target();
        let _ = chain.explorer_url("0x00");
        assert_eq!(Some(chain.rpc_label()), chain.rpc_urls.first().map(|u| flux_core::redact_url(u)));
        for url in &chain.rpc_urls {
            let shown = flux_core::redact_url(url);
            let (Some((_, rest)), Some((_, shown_host))) = (url.split_once("://"), shown.split_once("://")) else { continue };
            let (authority, tail) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
            let (user_info, host) = authority.rsplit_once('@').unwrap_or(("", authority));
            for secret in [tail, user_info] {
                if secret.len() >= 8 && !host.contains(secret) {
                    assert!(!shown_host.contains(secret), "an RPC URL's path, query or user info leaked: {shown}");
                }
            }
        }
    }
    parsed
}

/// `intent`: `Intent::from_json`; an intent that parses re-serializes and parses to the same
/// intent, and goes through the offline parser, `Plan::sanitize` and `propose` on the embedded
/// catalog, and the demo policy's decision on the proposed cart.
pub fn intent(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let Ok(intent) = Intent::from_json(text) else { return false };
    let json = flux_core::to_canonical_json(&intent);
    assert_eq!(Intent::from_json(&json).as_ref(), Ok(&intent), "an intent does not survive its own JSON: {json}");
    let vocabulary = catalog().vocabulary();
    if let Ok(plan) = OfflineParser.parse_sync(&intent, vocabulary) {
        let plan = plan.sanitize(vocabulary);
        check_plan(&plan, vocabulary);
        propose_and_authorize(&intent, &plan);
    }
    true
}

/// `llm_answer`: a model's answer text through `plan_from_answer` against the embedded
/// vocabulary; a plan that comes out obeys the plan invariants and is proposed and authorized
/// like a parsed one.
#[cfg(feature = "llm")]
pub fn llm_answer(data: &[u8]) -> bool {
    static INTENT: OnceLock<Option<Intent>> = OnceLock::new();
    let Some(text) = text(data) else { return false };
    let vocabulary = embedded_vocabulary();
    let Ok(plan) = flux_core::plan_from_answer(text, vocabulary) else { return false };
    assert!(!plan.needs.is_empty(), "plan_from_answer returned a plan without needs");
    check_plan(&plan, vocabulary);
    let intent = INTENT.get_or_init(|| Amount::parse("250").ok().and_then(|b| Intent::new("from a model", b, 7, Strategy::Balanced).ok()));
    if let Some(intent) = intent {
        propose_and_authorize(intent, &plan);
    }
    true
}

/// The file names a `document` input is sent under, chosen by its first byte: the name decides
/// how text is read (CSV, Markdown, plain) and whether a non-PDF claiming to be one is refused.
const DOCUMENT_NAMES: [Option<&str>; 6] = [None, Some("list.txt"), Some("list.csv"), Some("list.md"), Some("list.pdf"), Some("photo.png")];

/// `document`: `Document::new` (the first byte picks the file name it is sent under, the rest
/// is the file), then `prompt_text` as orchestration calls it; text that comes out fits a
/// prompt, makes a valid intent and goes through the offline parser.
pub fn document(data: &[u8]) -> bool {
    let Some((&selector, bytes)) = data.split_first() else { return false };
    let name = DOCUMENT_NAMES[usize::from(selector) % DOCUMENT_NAMES.len()];
    let Ok(document) = Document::new(bytes.to_vec(), name, None) else { return false };
    let Ok((prompt, _left_out)) = document.prompt_text(MAX_PROMPT_CHARS) else { return false };
    assert!(prompt.chars().count() <= MAX_PROMPT_CHARS, "prompt text longer than a prompt");
    let budget = Amount::ONE;
    let intent = Intent::new(prompt, budget, 7, Strategy::Cheapest);
    assert!(intent.is_ok(), "a document's prompt text is not a valid prompt: {intent:?}");
    let Ok(intent) = intent else { return false };
    let vocabulary = catalog().vocabulary();
    if let Ok(plan) = OfflineParser.parse_sync(&intent, vocabulary) {
        check_plan(&plan.sanitize(vocabulary), vocabulary);
    }
    true
}

/// `flux_config`: `FluxConfig::from_json` and `FluxConfig::from_toml`; a configuration that
/// parses survives its own JSON (`to_json`).
pub fn flux_config(data: &[u8]) -> bool {
    let Some(text) = text(data) else { return false };
    let mut parsed = false;
    for config in [FluxConfig::from_json(text), FluxConfig::from_toml(text)].into_iter().flatten() {
        parsed = true;
        let json = config.to_json();
        assert_eq!(FluxConfig::from_json(&json).as_ref(), Ok(&config), "a configuration does not survive its own JSON: {json}");
    }
    parsed
}
