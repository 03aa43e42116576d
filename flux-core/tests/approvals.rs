//! Signed approvals: a cart above `approval_threshold` is paid only with a signature of one of
//! the policy's `approvers` over its cart id, the policy hash, an expiry and an approval id that
//! pays once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use flux_core::MemoryLedger;
use flux_core::*;

/// The approver's ed25519 secret (a test key).
const ED_SECRET: [u8; 32] = [7; 32];
/// Another ed25519 secret, not an approver.
const MALLORY: [u8; 32] = [9; 32];
/// anvil's public development account #0 (its key is printed by every anvil node).
const EVM_SECRET: &str = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const NOW_S: u64 = 1_764_000_000;

fn evm_secret() -> [u8; 32] {
    hex::decode(EVM_SECRET).unwrap().try_into().unwrap()
}

fn policy(threshold: &str) -> Policy {
    let mut doc = Policy::demo().to_document();
    doc.rules.approval_threshold = Some(Amount::parse(threshold).unwrap());
    doc.rules.approvers = vec![Approver::ed25519_from_secret(&ED_SECRET), Approver::evm_from_secret(&evm_secret()).unwrap()];
    Policy::new(doc.merchants, doc.rules).unwrap()
}

fn flux(policy: Policy) -> (Flux, Arc<MemorySettler>) {
    let recorder = Arc::new(MemorySettler::default());
    let flux = Flux::builder()
        .ledger(MemoryLedger::new())
        .policy(policy)
        .settler(recorder.clone())
        .clock(FixedClock(NOW_S * 1000))
        .build()
        .unwrap();
    (flux, recorder)
}

/// A proposed cart above the threshold of 50 USDC.
fn cart(flux: &Flux) -> Cart {
    let intent = Intent::new("24 energy drinks and 10 usb-c hubs", Amount::whole(900), 7, Strategy::Balanced).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    assert!(p.total > Amount::whole(50), "{}", p.total);
    p.cart
}

fn sign(cart: &Cart, policy: &Policy, expires_at: u64, id: &str) -> Approval {
    Approval::sign_ed25519(&ED_SECRET, &cart.id(), policy.hash(), expires_at, id)
}

fn codes(d: &Decision) -> Vec<&'static str> {
    d.violations().iter().map(|v| v.code.as_str()).collect()
}

fn execute(flux: &Flux, cart: &Cart, key: &str, approval: &Approval) -> Result<Settlement, FluxError> {
    block_on(flux.execute_with(cart, Some(key), approval.clone()))
}

fn denied(r: Result<Settlement, FluxError>) -> Vec<&'static str> {
    let e = r.unwrap_err();
    assert_eq!(e.http_status(), 403, "{e}");
    e.violations().iter().map(|v| v.code.as_str()).collect()
}

#[test]
fn the_message_binds_cart_policy_expiry_and_id() {
    assert_eq!(
        Approval::message("cart_0123", "ab12", 1_764_003_600, "appr-1"),
        "Flux approval v1\napproval_id: appr-1\ncart_id: cart_0123\npolicy_hash: ab12\nexpires_at: 1764003600\n"
    );
}

#[test]
fn a_cart_above_the_threshold_needs_a_valid_signature() {
    let p = policy("50");
    let (flux, recorder) = flux(p.clone());
    let cart = cart(&flux);
    assert!(p.needs_approval(&cart));
    assert_eq!(codes(&flux.authorize(&cart)), ["APPROVAL_REQUIRED"]);
    assert_eq!(denied(execute(&flux, &cart, "k0", &Approval::default())), ["APPROVAL_REQUIRED"]);
    let ok = sign(&cart, &p, NOW_S + 600, "appr-1");
    assert!(flux.authorize_with(&cart, ok.clone()).is_allowed());
    let s = execute(&flux, &cart, "k1", &ok).unwrap();
    assert_eq!(s.total, cart.total());
    // An EVM approver: an EIP-191 personal-message signature.
    let evm = Approval::sign_eip191(&evm_secret(), &cart.id(), p.hash(), NOW_S + 600, "appr-2").unwrap();
    assert_eq!(evm.approver, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assert_eq!(evm.signature.len(), 2 + 130);
    assert!(flux.authorize_with(&cart, evm).is_allowed());
    assert_eq!(recorder.settlements().len(), 1);
}

#[test]
fn wrong_signer_cart_policy_expiry_and_malformed_approvals_are_refused() {
    let p = policy("50");
    let (flux, recorder) = flux(p.clone());
    let cart = cart(&flux);
    let id = cart.id();
    let deny = |a: Approval| {
        let d = flux.authorize_with(&cart, a.clone());
        assert_eq!(denied(execute(&flux, &cart, "k", &a)), codes(&d));
        codes(&d)
    };
    // Wrong signer: a key the policy does not name, or a signature that is not the named key's.
    assert_eq!(deny(Approval::sign_ed25519(&MALLORY, &id, p.hash(), NOW_S + 60, "a1")), ["APPROVER_UNKNOWN"]);
    let mut claimed = Approval::sign_ed25519(&MALLORY, &id, p.hash(), NOW_S + 60, "a1");
    claimed.approver = Approver::ed25519_from_secret(&ED_SECRET).to_string();
    assert_eq!(deny(claimed), ["APPROVAL_SIGNATURE_INVALID"]);
    let mut claimed = Approval::sign_eip191(&[1; 32], &id, p.hash(), NOW_S + 60, "a1").unwrap();
    claimed.approver = Approver::evm_from_secret(&evm_secret()).unwrap().to_string();
    assert_eq!(deny(claimed), ["APPROVAL_SIGNATURE_INVALID"]);
    // Wrong cart, wrong policy, expired (at the second it expires).
    let other = cart.set_quantity(&cart.lines()[0].id, cart.lines()[0].quantity + 1).unwrap();
    assert_eq!(deny(sign(&other, &p, NOW_S + 60, "a2")), ["APPROVAL_WRONG_CART"]);
    assert_eq!(deny(Approval::sign_ed25519(&ED_SECRET, &id, Policy::demo().hash(), NOW_S + 60, "a3")), ["APPROVAL_WRONG_POLICY"]);
    assert_eq!(deny(sign(&cart, &p, NOW_S, "a4")), ["APPROVAL_EXPIRED"]);
    // An expiry in milliseconds (Date.now()) is an approval that would never expire: refused,
    // signed or not, saying why; the longest accepted lasts 31 days.
    let millis = sign(&cart, &p, NOW_S * 1000 + 600_000, "a9");
    let d = flux.authorize_with(&cart, millis);
    assert_eq!(d.violations().iter().map(|v| v.code.as_str()).collect::<Vec<_>>(), ["APPROVAL_MALFORMED"]);
    assert!(d.violations()[0].message.contains("not milliseconds"), "{}", d.violations()[0].message);
    assert_eq!(deny(sign(&cart, &p, u64::MAX, "a9")), ["APPROVAL_MALFORMED"]);
    assert!(flux.authorize_with(&cart, sign(&cart, &p, NOW_S + MAX_APPROVAL_SECONDS, "a9")).is_allowed());
    assert_eq!(deny(sign(&cart, &p, NOW_S + MAX_APPROVAL_SECONDS + 1, "a9")), ["APPROVAL_MALFORMED"]);
    // Fields edited after signing: a later expiry, another id.
    let mut later = sign(&cart, &p, NOW_S + 60, "a5");
    later.expires_at += 3600;
    assert_eq!(deny(later), ["APPROVAL_SIGNATURE_INVALID"]);
    let mut renamed = sign(&cart, &p, NOW_S + 60, "a6");
    renamed.approval_id = "a7".into();
    assert_eq!(deny(renamed), ["APPROVAL_SIGNATURE_INVALID"]);
    // Malformed: id, approver, signature encoding and length.
    let good = sign(&cart, &p, NOW_S + 60, "a8");
    let malformed = [
        Approval { approval_id: String::new(), ..good.clone() },
        Approval { approval_id: "has space".into(), ..good.clone() },
        Approval { approval_id: "x".repeat(65), ..good.clone() },
        Approval { approver: "rsa:abcd".into(), ..good.clone() },
        Approval { approver: "ed25519:zz".into(), ..good.clone() },
        Approval { signature: "not hex".into(), ..good.clone() },
        Approval { signature: good.signature[..126].into(), ..good.clone() },
        Approval { signature: String::new(), ..good.clone() },
    ];
    for a in malformed {
        assert_eq!(deny(a.clone()), ["APPROVAL_MALFORMED"], "{a:?}");
    }
    // JSON of no approval at all (`{}`) is malformed, not "no approval": a host that sent it
    // meant to send one. Unknown fields are malformed too.
    for text in ["{}", r#"{"x": 1}"#, "[]", "null"] {
        let e = Approval::from_json(text).unwrap_err();
        assert_eq!(FluxError::from(e).code(), "MALFORMED_JSON", "{text}");
    }
    // With other violations, all are listed.
    let both = Approval { expires_at: NOW_S - 1, ..Approval::sign_ed25519(&MALLORY, &id, "00", NOW_S - 1, "a9") };
    assert_eq!(deny(both), ["APPROVER_UNKNOWN", "APPROVAL_WRONG_POLICY", "APPROVAL_EXPIRED"]);
    assert!(recorder.settlements().is_empty(), "no refused approval reached the settler");
    // The good one still pays.
    execute(&flux, &cart, "k-good", &good).unwrap();
}

#[test]
fn an_approval_pays_for_one_settlement_only() {
    let p = policy("50");
    let (flux, recorder) = flux(p.clone());
    let cart = cart(&flux);
    let a = sign(&cart, &p, NOW_S + 600, "once");
    assert!(flux.authorize_with(&cart, a.clone()).is_allowed(), "authorizing does not use it");
    let first = execute(&flux, &cart, "order-1", &a).unwrap();
    // The same settlement again is a replay of the settlement, not of the approval.
    let again = execute(&flux, &cart, "order-1", &a).unwrap();
    assert!(again.replayed);
    assert_eq!(again.transaction_hashes, first.transaction_hashes);
    // A second settlement with the same approval (or a new signature under the same id) is refused.
    assert_eq!(denied(execute(&flux, &cart, "order-2", &a)), ["APPROVAL_REPLAYED"]);
    assert_eq!(denied(execute(&flux, &cart, "order-2", &sign(&cart, &p, NOW_S + 900, "once"))), ["APPROVAL_REPLAYED"]);
    assert_eq!(codes(&flux.authorize_with(&cart, a)), ["APPROVAL_REPLAYED"]);
    assert_eq!(recorder.settlements().len(), 1);
    // A fresh id pays again.
    execute(&flux, &cart, "order-3", &sign(&cart, &p, NOW_S + 600, "twice")).unwrap();
    assert_eq!(recorder.settlements().len(), 2);
    assert!(flux.audit_jsonl().contains("APPROVAL_REPLAYED"));
}

#[test]
fn a_denied_settlement_does_not_use_the_approval() {
    let mut doc = policy("50").to_document();
    doc.rules.window = Some(WindowLimit { seconds: 86_400, limit: Amount::whole(60), merchant: None });
    let p = Policy::new(doc.merchants, doc.rules).unwrap();
    let (flux, _) = flux(p.clone());
    let cart = cart(&flux);
    let a = sign(&cart, &p, NOW_S + 600, "kept");
    assert!(denied(execute(&flux, &cart, "k1", &a)).contains(&"WINDOW_LIMIT_EXCEEDED"));
    assert!(!denied(execute(&flux, &cart, "k2", &a)).contains(&"APPROVAL_REPLAYED"), "a denial used nothing");
}

#[test]
fn below_the_threshold_no_approval_is_needed_or_checked() {
    let p = policy("5000");
    let (flux, _) = flux(p);
    let cart = cart(&flux);
    assert!(flux.authorize(&cart).is_allowed());
    let junk = Approval { approval_id: "junk".into(), signature: "zz".into(), ..Approval::default() };
    assert!(flux.authorize_with(&cart, junk).is_allowed());
}

#[test]
fn an_approval_sent_with_a_cart_that_needs_none_is_not_used_up() {
    // An agent sends a small cart with an approval (or only its id) meant for a big one.
    let p = policy("50");
    let (flux, recorder) = flux(p.clone());
    let big = cart(&flux);
    let meant = sign(&big, &p, NOW_S + 600, "for-the-big-one");
    let small_intent = Intent::new("24 energy drinks", Amount::whole(45), 7, Strategy::Balanced).unwrap();
    let small = block_on(flux.orchestrate(&small_intent)).unwrap().cart;
    assert!(!p.needs_approval(&small), "{}", small.total());
    let forged = Approval { approval_id: "for-the-big-one".into(), signature: "zz".into(), ..Approval::default() };
    execute(&flux, &small, "small-1", &meant).unwrap();
    execute(&flux, &small, "small-2", &forged).unwrap();
    // The person's approval still pays the cart it was given for.
    let paid = execute(&flux, &big, "big", &meant).unwrap();
    assert_eq!(paid.cart_id, big.id());
    assert_eq!(recorder.settlements().len(), 3);
}

#[test]
fn approvers_come_from_the_policy_document() {
    let ed = Approver::ed25519_from_secret(&ED_SECRET).to_string();
    let toml = format!(
        "[[merchants]]\nid = \"amazon\"\nname = \"Amazon\"\npayout_address = \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"\n\
         [rules]\nmax_budget_cap = \"100\"\napproval_threshold = \"10\"\napprovers = [\"{ed}\", \"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\"]\n"
    );
    let p = Policy::from_toml(&toml).unwrap();
    assert_eq!(p.rules().approvers.len(), 2);
    let json = to_canonical_json(&p.to_document());
    assert!(json.contains(&ed) && json.contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), "{json}");
    assert_eq!(Policy::from_json(&json).unwrap().hash(), p.hash());
    let cases = [
        (toml.replace(&ed, "ed25519:00"), "MALFORMED_POLICY"),
        (toml.replace(&ed, "alice"), "MALFORMED_POLICY"),
        (toml.replace(&ed, "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"), "INVALID_POLICY"),
        (toml.replace(&format!("approvers = [\"{ed}\", \"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\"]\n"), ""), "INVALID_POLICY"),
    ];
    for (text, code) in cases {
        assert_eq!(Policy::from_toml(&text).unwrap_err().code(), code, "{text}");
    }
    // A policy without approvers keeps its hash (the field is left out when empty).
    assert!(!to_canonical_json(&Policy::demo()).contains("approvers"));
}

#[test]
fn an_approval_reads_from_json() {
    let a: Approval = serde_json::from_str(
        r#"{"approval_id":"a","cart_id":"cart_x","policy_hash":"h","expires_at":5,"approver":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","signature":"0x00"}"#,
    )
    .unwrap();
    assert_eq!(a.expires_at, 5);
    assert!(serde_json::from_str::<Approval>(r#"{"approval_id":"a","extra":1}"#).is_err(), "unknown fields are refused");
    assert!(serde_json::from_str::<Approval>("{}").unwrap().is_empty());
}

/// A settler cut off once after its legs may have gone out (as a crash mid-broadcast is).
struct CutOffOnce {
    cut: std::sync::atomic::AtomicBool,
    inner: MemorySettler,
}

impl Settler for CutOffOnce {
    fn settle<'a>(&'a self, approved: &'a ApprovedCart, key: &'a str) -> BoxFuture<'a, Result<Settlement, SettleError>> {
        if self.cut.swap(false, std::sync::atomic::Ordering::SeqCst) {
            return Box::pin(std::future::ready(Err(SettleError::Interrupted { at: "broadcast".into() })));
        }
        self.inner.settle(approved, key)
    }
    fn target(&self) -> Target {
        self.inner.target()
    }
    fn mode(&self) -> SettlementMode {
        self.inner.mode()
    }
    fn bind(&self, policy_hash: &str) -> Result<(), SettleError> {
        self.inner.bind(policy_hash)
    }
}

/// A catalog that cannot be loaded.
struct Down;

impl Catalog for Down {
    fn load(&self) -> BoxFuture<'_, Result<Arc<CatalogData>, CatalogError>> {
        Box::pin(std::future::ready(Err(CatalogError::Unavailable { reason: "down".into() })))
    }
}

#[test]
fn a_key_whose_legs_may_have_gone_out_resumes_after_its_approval_expired_and_its_catalog_went_down() {
    // Resuming re-ran the checks of now: the approval had expired and the quotes could not be
    // checked, so the key was denied (403, "nothing signed") while its first legs were paid.
    let p = policy("50");
    let ledger: Arc<dyn Ledger> = Arc::new(MemoryLedger::new());
    let settler = Arc::new(CutOffOnce { cut: true.into(), inner: MemorySettler::default() });
    let at = |now_s: u64, down: bool| {
        let b = Flux::builder().ledger_arc(ledger.clone()).policy(p.clone()).settler(settler.clone()).clock(FixedClock(now_s * 1000));
        if down { b.catalog(Down) } else { b }.build().unwrap()
    };
    let first = at(NOW_S, false);
    let cart = cart(&first);
    let a = sign(&cart, &p, NOW_S + 60, "resumed");
    assert_eq!(execute(&first, &cart, "k", &a).unwrap_err().code(), "SETTLEMENT_INTERRUPTED");
    let later = at(NOW_S + 3600, true);
    // A new settlement is refused on both counts...
    let refused = denied(execute(&later, &cart, "another", &a));
    assert!(refused.contains(&"APPROVAL_EXPIRED") && refused.contains(&"QUOTE_UNAVAILABLE"), "{refused:?}");
    // Only the approval the key began with is taken as of then: another one, expired unused, is
    // checked now and cannot take its place (which would free the first for a second payment).
    let older = sign(&cart, &p, NOW_S + 30, "older");
    assert_eq!(denied(execute(&later, &cart, "k", &older)), ["APPROVAL_EXPIRED"]);
    // ...but the key whose legs may have gone out finishes, once, with its own approval.
    let s = execute(&later, &cart, "k", &a).unwrap();
    assert_eq!(s.status, SettlementStatus::Success);
    assert!(execute(&later, &cart, "k", &a).unwrap().replayed);
    assert_eq!(settler.inner.settlements().len(), 1);
    assert!(denied(execute(&at(NOW_S + 10, false), &cart, "again", &a)).contains(&"APPROVAL_REPLAYED"));
}
