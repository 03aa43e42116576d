//! Faults on the chain path, against a real anvil node per test: a loopback proxy between the
//! settler and the node drops requests, delays them, sends them twice, answers HTTP 500 and cuts
//! connections after the node got a transaction; and a settling process is killed (SIGKILL) at
//! each state of the leg journal. A proposed multi-merchant cart is settled with the durable
//! SQLite ledger, and a failed call is retried under the same idempotency key by a new `Flux`
//! and settler on the same ledger file, as a restarted process would. Then every leg is paid
//! exactly once: the sender's nonce moved by the number of legs, each merchant holds its legs
//! (not twice), the settlement replays, and the ledger's window spend is the cart's total.
//!
//! Needs `FLUX_ANVIL_BIN` (scripts/test-evm.sh sets it from scripts/ensure-anvil.sh).
#![cfg(all(feature = "evm", feature = "sqlite"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod anvil_support;
mod fault_proxy;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use alloy::primitives::U256;
use alloy::providers::RootProvider;
use anvil_support::*;
use fault_proxy::kill::{run_until_paused, PauseAt, Pausing};
use fault_proxy::*;
use flux_core::MemoryLedger;
use flux_core::*;

const NOW_MS: u64 = 1_767_225_600_000;
/// Past the lease an attempt killed mid-flight holds.
const AFTER_LEASE_MS: u64 = NOW_MS + (DEFAULT_LEASE_SECONDS + 1) * 1000;
const KEY: &str = "order-faults-1";
const KIT: &str = "a monitor, 24 energy drinks and 100 badges";
const ATTEMPTS: usize = 8;

/// A node with the token placed and the sender funded.
struct Chain {
    node: Anvil,
    p: RootProvider,
    n0: u64,
}

async fn chain() -> Chain {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let n0 = nonce(&p, sender()).await;
    Chain { node, p, n0 }
}

fn ledger_path(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flux-evm-faults-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("ledger.sqlite")
}

/// The chain settings for these tests: short polls and timeouts, a few quick retries.
fn fast(url: &str) -> ChainConfig {
    let mut c = config(url);
    c.receipt_timeout_ms = 5_000;
    c
}

/// A `Flux` (a process) paying through `cfg`, with the ledger file at `path`, at `now_ms`.
fn flux_on(cfg: &ChainConfig, path: &Path, now_ms: u64) -> Flux {
    let (ledger, journal) = sqlite_ledger(path).unwrap();
    let settler = EvmSettler::new(cfg.clone(), key(), journal).unwrap();
    Flux::builder().settler(settler).ledger_arc(ledger).policy(Policy::demo()).clock(FixedClock(now_ms)).build().unwrap()
}

/// The cart the kernel proposes for [`KIT`] (the same in every process), paying two merchants or
/// more (three with today's catalog).
fn proposed_cart() -> Cart {
    let flux = Flux::builder().ledger(MemoryLedger::new()).policy(Policy::demo()).clock(FixedClock(NOW_MS)).build().unwrap();
    // Cheapest: the TechData monitor, so three merchants are paid.
    let intent = Intent::new(KIT, Amount::whole(900), 14, Strategy::Cheapest).unwrap();
    let cart = block_on(flux.orchestrate(&intent)).unwrap().cart;
    let merchants: std::collections::BTreeSet<&str> = cart.lines().iter().map(|l| l.vendor_id.as_str()).collect();
    assert!(merchants.len() >= 2, "{merchants:?}");
    cart
}

/// Token units each demo merchant receives from `cart` (in PAYOUTS order).
fn expected(cart: &Cart) -> Vec<U256> {
    PAYOUTS
        .iter()
        .map(|(id, _)| U256::from(cart.lines().iter().filter(|l| l.vendor_id == *id).map(|l| l.line_total.units()).sum::<u64>()))
        .collect()
}

fn journaled(path: &Path) -> Option<Settlement> {
    SqliteLedger::open(path).unwrap().settlement(KEY).unwrap()
}

/// Settles `cart` under [`KEY`] through `cfg`; after a failure, again from a new process on the
/// same ledger, up to [`ATTEMPTS`] times. Returns the settlement and the failed attempts' codes
/// (each one a resumable failure, never a conflict or an attempt left in flight).
async fn settle_with_retries(cfg: &ChainConfig, path: &Path, cart: &Cart) -> (Settlement, Vec<String>) {
    let mut failures = Vec::new();
    for _ in 0..ATTEMPTS {
        match flux_on(cfg, path, NOW_MS).execute_with(cart, Some(KEY), Approval::default()).await {
            Ok(s) => return (s, failures),
            Err(e) => {
                assert!(matches!(e.code(), "RPC_ERROR" | "RECEIPT_TIMEOUT"), "not a resumable failure: {} {e}", e.code());
                failures.push(e.code().to_owned());
            }
        }
    }
    panic!("not settled in {ATTEMPTS} attempts: {failures:?}");
}

/// Exactly once: every leg confirmed, the nonce moved by the number of legs, each merchant paid
/// its legs, the bundle verifies on chain, the key replays (nothing sent), and the window counts
/// the cart once.
async fn assert_paid_once(c: &Chain, path: &Path, cart: &Cart, s: &Settlement, now_ms: u64) {
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    assert!(s.legs.iter().all(|l| l.status == LegStatus::Confirmed), "{:?}", s.legs);
    let legs = s.legs.len() as u64;
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + legs, "one transaction per leg");
    assert_eq!(balances(&c.p).await, expected(cart), "each merchant paid once");
    let bundle = ReceiptBundle::new(cart, s, None).unwrap();
    let report = verify_bundle(&config(&c.node.url), &bundle).await.unwrap();
    assert_eq!(report.legs.len(), s.legs.len());
    let flux = flux_on(&config(&c.node.url), path, now_ms);
    let again = flux.execute_with(cart, Some(KEY), Approval::default()).await.unwrap();
    assert!(again.replayed);
    assert_eq!(again.transaction_hashes, s.transaction_hashes);
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + legs, "a replay sends nothing");
    assert_eq!(flux.window_spend().await.unwrap()[0].1, cart.total(), "the window counts the cart once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_broadcasts_are_resent_by_the_next_attempt() {
    let c = chain().await;
    // Every broadcast request of the first attempt is dropped (the call and both retries); some
    // reads are dropped too (retried within the attempt).
    let proxy = FaultProxy::start(&c.node.url, vec![Rule::method(SEND, Fault::Drop).times(3), Rule::any(Fault::Drop).start(2).every(6)]);
    let path = ledger_path("drop");
    let cart = proposed_cart();
    let (s, failures) = settle_with_retries(&fast(&proxy.url), &path, &cart).await;
    assert_eq!(failures, ["RPC_ERROR"]);
    assert_eq!(proxy.fired_on("drop", SEND), 3);
    assert!(proxy.fired("drop") > 3, "{:?}", proxy.log());
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delayed_broadcast_holds_its_key_against_a_second_caller() {
    let c = chain().await;
    let proxy = FaultProxy::start(
        &c.node.url,
        vec![Rule::method(SEND, Fault::Delay(Duration::from_millis(1500))), Rule::any(Fault::Delay(Duration::from_millis(100))).every(3)],
    );
    let path = ledger_path("delay");
    let cart = proposed_cart();
    let cfg = fast(&proxy.url);
    let first = {
        let (cfg, path, cart) = (cfg.clone(), path.clone(), cart.clone());
        tokio::spawn(async move { flux_on(&cfg, &path, NOW_MS).execute_with(&cart, Some(KEY), Approval::default()).await })
    };
    while proxy.calls(SEND) == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // While the broadcast is held up, another process with the same key is told to wait.
    let err = flux_on(&cfg, &path, NOW_MS).execute_with(&cart, Some(KEY), Approval::default()).await.unwrap_err();
    assert_eq!((err.code(), err.http_status()), ("IN_FLIGHT", 409), "{err}");
    let s = first.await.unwrap().unwrap();
    assert!(!s.replayed);
    assert!(proxy.fired_on("delay", SEND) >= 1 && proxy.fired("delay") > 1);
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicated_requests_pay_once() {
    let c = chain().await;
    // Every request reaches the node twice; the settler hears the answer to the repeat ("nonce
    // too low" for a broadcast the node already mined).
    let proxy = FaultProxy::start(&c.node.url, vec![Rule::any(Fault::Duplicate)]);
    let path = ledger_path("duplicate");
    let cart = proposed_cart();
    let mut cfg = fast(&proxy.url);
    cfg.batch_size = 1;
    let (s, failures) = settle_with_retries(&cfg, &path, &cart).await;
    assert_eq!(failures, Vec::<String>::new());
    assert_eq!(proxy.fired_on("duplicate", SEND), s.legs.len(), "each broadcast sent twice");
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_500s_are_retried_then_resumed() {
    let c = chain().await;
    let proxy =
        FaultProxy::start(&c.node.url, vec![Rule::method(SEND, Fault::Http500).times(3), Rule::any(Fault::Http500).start(2).every(3)]);
    let path = ledger_path("http500");
    let cart = proposed_cart();
    let (s, failures) = settle_with_retries(&fast(&proxy.url), &path, &cart).await;
    assert!(!failures.is_empty());
    assert_eq!(proxy.fired_on("http500", SEND), 3);
    assert!(proxy.fired("http500") > 3);
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broadcasts_the_node_took_but_never_answered_are_not_paid_twice() {
    let c = chain().await;
    // The node gets (and mines) every leg; the settler never hears back, three times over.
    let proxy = FaultProxy::start(&c.node.url, vec![Rule::method(SEND, Fault::CutAfterForward).times(3)]);
    let path = ledger_path("cut");
    let cart = proposed_cart();
    let cfg = fast(&proxy.url);
    let err = flux_on(&cfg, &path, NOW_MS).execute_with(&cart, Some(KEY), Approval::default()).await.unwrap_err();
    assert_eq!(err.code(), "RPC_ERROR", "{err}");
    assert_eq!(proxy.fired_on("cut", SEND), 3);
    // Money moved though the settler does not know it: the journal still says signed.
    let before = journaled(&path).unwrap();
    assert!(before.legs.iter().all(|l| l.status == LegStatus::Signed), "{:?}", before.legs);
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + before.legs.len() as u64);
    assert_eq!(balances(&c.p).await, expected(&cart));
    // The next attempt re-sends the same bytes; the node already has them; nothing pays twice.
    let (s, failures) = settle_with_retries(&cfg, &path, &cart).await;
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(s.transaction_hashes, before.transaction_hashes);
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_cut_after_the_node_answered_are_fetched_again() {
    let c = chain().await;
    let proxy = FaultProxy::start(
        &c.node.url,
        vec![Rule::method(RECEIPT, Fault::CutAfterForward).times(3), Rule::method(COUNT, Fault::CutAfterForward).start(2).every(2)],
    );
    let path = ledger_path("cut-receipts");
    let cart = proposed_cart();
    let (s, failures) = settle_with_retries(&fast(&proxy.url), &path, &cart).await;
    // The first attempt lost every answer to its receipt request: the legs stay journaled as
    // broadcast, and the next attempt finds them mined.
    assert_eq!(failures, ["RPC_ERROR"]);
    assert_eq!(proxy.fired_on("cut", RECEIPT), 3);
    assert!(proxy.fired_on("cut", COUNT) > 0);
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backend_that_lags_behind_the_nonce_does_not_fail_paid_legs() {
    // The sender's nonce comes from an up-to-date backend, receipts and transaction lookups from
    // one that has not seen the block yet: one such poll called every leg "taken by another
    // transaction", failed for good and released, though each was paid.
    let c = chain().await;
    let lookup = "eth_getTransactionByHash";
    let proxy = FaultProxy::start(&c.node.url, vec![Rule::method(RECEIPT, Fault::Lagging).times(5), Rule::method(lookup, Fault::Lagging)]);
    let path = ledger_path("lagging");
    let cart = proposed_cart();
    let (s, failures) = settle_with_retries(&fast(&proxy.url), &path, &cart).await;
    assert_eq!(failures, Vec::<String>::new());
    assert!(
        proxy.fired_on("lagging", RECEIPT) == 5 && proxy.fired_on("lagging", lookup) > 0,
        "{} {}",
        proxy.fired_on("lagging", RECEIPT),
        proxy.fired_on("lagging", lookup)
    );
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_that_stops_answering_does_not_hold_the_settlement_past_its_deadline() {
    let c = chain().await;
    // The node takes the receipt requests and never answers them (three times: the call and its
    // retries); every other request goes through.
    let proxy = FaultProxy::start(&c.node.url, vec![Rule::method(RECEIPT, Fault::Delay(Duration::from_secs(3600))).times(3)]);
    let path = ledger_path("silent");
    let cart = proposed_cart();
    let mut cfg = fast(&proxy.url);
    cfg.receipt_timeout_ms = 1_000;
    let started = std::time::Instant::now();
    let first =
        tokio::time::timeout(Duration::from_secs(30), flux_on(&cfg, &path, NOW_MS).execute_with(&cart, Some(KEY), Approval::default()))
            .await
            .expect("a settlement waited on a silent node for 30 s (its receipt deadline is 1 s)");
    let err = first.unwrap_err();
    assert_eq!(err.code(), "RPC_ERROR", "{err}");
    assert!(err.to_string().contains("resume with the same idempotency key"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(15), "{:?}", started.elapsed());
    assert_eq!(proxy.fired_on("delay", RECEIPT), 3);
    let (s, failures) = settle_with_retries(&cfg, &path, &cart).await;
    assert!(failures.is_empty(), "{failures:?}");
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mixed_schedule_of_faults_pays_each_leg_once() {
    let c = chain().await;
    let cart = proposed_cart();
    let legs = cart.lines().iter().map(|l| l.vendor_id.as_str()).collect::<std::collections::BTreeSet<_>>().len();
    assert_eq!(legs, 3, "the schedule below counts requests for three legs");
    let proxy = FaultProxy::start(
        &c.node.url,
        vec![
            // The first attempt's receipt requests all fail (two per round — batches of two —
            // for the call and its two retries): the next attempt resumes the key.
            Rule::method(RECEIPT, Fault::Http500).times(2 * 3),
            Rule::method(SEND, Fault::CutAfterForward).every(2),
            Rule::any(Fault::Drop).start(3).every(7),
            Rule::any(Fault::Http500).start(2).every(5),
            Rule::any(Fault::Duplicate).every(3),
            Rule::any(Fault::Delay(Duration::from_millis(40))).every(4),
        ],
    );
    let path = ledger_path("mixed");
    let mut cfg = fast(&proxy.url);
    cfg.batch_size = 2; // three legs: batch bodies of two and single bodies of one
    let (s, failures) = settle_with_retries(&cfg, &path, &cart).await;
    assert_eq!(failures, ["RPC_ERROR"]);
    for fault in ["cut", "drop", "http500", "duplicate", "delay"] {
        assert!(proxy.fired(fault) > 0, "{fault} never fired: {:?}", proxy.log());
    }
    assert!(proxy.log().iter().any(|r| r.methods.len() > 1), "batch bodies went through the proxy");
    assert_paid_once(&c, &path, &cart, &s, NOW_MS).await;
}

/// The child side of the kill tests: settles the cart and pauses at `FLUX_FAULTS_KILL_AT`, telling
/// the parent through `FLUX_FAULTS_SIGNAL`, to be killed there. Runs only in a child process.
#[test]
fn kill_worker_process() {
    let Ok(point) = std::env::var("FLUX_FAULTS_KILL_AT") else { return };
    let node = std::env::var("FLUX_FAULTS_NODE").unwrap();
    let path = PathBuf::from(std::env::var("FLUX_FAULTS_LEDGER").unwrap());
    let signal = PathBuf::from(std::env::var("FLUX_FAULTS_SIGNAL").unwrap());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async move {
        // Pauses hang the request in flight (the proxy forwards it first).
        let hang = |rule: fn(Fault) -> Rule| FaultProxy::start(&node, vec![rule(Fault::Hang(signal.clone()))]);
        let proxy = match point.as_str() {
            "preflight" => Some(hang(Rule::any)),
            "mid-broadcast" => Some(hang(|f| Rule::method(SEND, f).start(2).times(1))),
            _ => None,
        };
        let mut cfg = fast(proxy.as_ref().map_or(&node, |p| &p.url));
        cfg.batch_size = 1;
        let inner = Arc::new(SqliteLedger::open(&path).unwrap());
        let at = if point == "confirmed" { PauseAt::Finish } else { PauseAt::Allocated };
        let store = Arc::new(Pausing { inner: inner.clone(), at, signal: signal.clone() });
        let (ledger, journal): (Arc<dyn Ledger>, Arc<dyn LegJournal>) = match point.as_str() {
            "allocated" | "confirmed" => (store.clone(), store),
            _ => (inner.clone(), inner),
        };
        let mut settler = EvmSettler::new(cfg, key(), journal).unwrap();
        let hook_at = match point.as_str() {
            "signed" => Some(HookPoint::Signed),
            "broadcast" => Some(HookPoint::Broadcast),
            _ => None,
        };
        if let Some(hook_at) = hook_at {
            let (signal, point) = (signal.clone(), point.clone());
            settler = settler.with_hook(Arc::new(move |at| {
                if at == hook_at {
                    fault_proxy::kill::pause(&signal, &point);
                }
                true
            }));
        }
        let now_ms = std::env::var("FLUX_FAULTS_NOW_MS").unwrap().parse().unwrap();
        let flux = Flux::builder().settler(settler).ledger_arc(ledger).policy(Policy::demo()).clock(FixedClock(now_ms)).build().unwrap();
        let out = flux.execute_with(&proposed_cart(), Some(KEY), Approval::default()).await;
        panic!("the worker was to be killed at {point}, but the settlement ended: {out:?}");
    });
}

/// Runs the settlement on `c` with the ledger at `path` in a child process whose clock says
/// `now_ms`, and kills it at `point`.
fn kill_child(c: &Chain, path: &Path, point: &str, now_ms: u64) {
    let signal = path.with_file_name("paused");
    let env = [
        ("FLUX_FAULTS_KILL_AT", point.to_owned()),
        ("FLUX_FAULTS_NODE", c.node.url.clone()),
        ("FLUX_FAULTS_LEDGER", path.display().to_string()),
        ("FLUX_FAULTS_SIGNAL", signal.display().to_string()),
        ("FLUX_FAULTS_NOW_MS", now_ms.to_string()),
    ];
    tokio::task::block_in_place(|| run_until_paused("kill_worker_process", &env, &signal));
}

/// Runs the settlement in a child process killed at `point`; returns the chain and the ledger
/// (a file of its own, named by `tag`).
async fn killed_at(point: &str, tag: &str) -> (Chain, PathBuf, Cart) {
    let c = chain().await;
    let path = ledger_path(tag);
    kill_child(&c, &path, point, NOW_MS);
    (c, path, proposed_cart())
}

/// After a kill: the key is in flight until the dead worker's lease ends (nothing sent), then a
/// new process resumes it and every leg is paid exactly once.
async fn resume_after_lease(c: &Chain, path: &Path, cart: &Cart) -> Settlement {
    let sent = nonce(&c.p, sender()).await;
    let cfg = fast(&c.node.url);
    let err = flux_on(&cfg, path, NOW_MS + 60_000).execute_with(cart, Some(KEY), Approval::default()).await.unwrap_err();
    assert_eq!((err.code(), err.http_status()), ("IN_FLIGHT", 409), "{err}");
    assert_eq!(nonce(&c.p, sender()).await, sent, "an in-flight answer sends nothing");
    flux_on(&cfg, path, AFTER_LEASE_MS).execute_with(cart, Some(KEY), Approval::default()).await.unwrap()
}

fn statuses(s: &Settlement) -> Vec<LegStatus> {
    s.legs.iter().map(|l| l.status).collect()
}

/// Whether every leg of `s` is in `status`.
fn all(s: &Settlement, status: LegStatus) -> bool {
    s.legs.iter().all(|l| l.status == status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_during_preflight_nothing_journaled() {
    let (c, path, cart) = killed_at("preflight", "kill-preflight").await;
    assert!(journaled(&path).is_none());
    assert_eq!(nonce(&c.p, sender()).await, c.n0);
    let s = resume_after_lease(&c, &path, &cart).await;
    assert_paid_once(&c, &path, &cart, &s, AFTER_LEASE_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_nonces_were_allocated_before_journaling() {
    let (c, path, cart) = killed_at("allocated", "kill-allocated").await;
    assert!(journaled(&path).is_none());
    assert_eq!(nonce(&c.p, sender()).await, c.n0);
    let s = resume_after_lease(&c, &path, &cart).await;
    // The key's own nonces again: no gap left behind for every later transaction to wait on.
    assert_eq!(s.legs[0].nonce, Some(c.n0), "{:?}", s.logs);
    assert_paid_once(&c, &path, &cart, &s, AFTER_LEASE_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_signing_and_journaling() {
    let (c, path, cart) = killed_at("signed", "kill-signed").await;
    let before = journaled(&path).unwrap();
    assert!(all(&before, LegStatus::Signed), "{:?}", statuses(&before));
    assert_eq!(nonce(&c.p, sender()).await, c.n0);
    let s = resume_after_lease(&c, &path, &cart).await;
    assert_eq!(s.transaction_hashes, before.transaction_hashes, "the journaled bytes, not new ones");
    assert_paid_once(&c, &path, &cart, &s, AFTER_LEASE_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_broadcasting_some_legs() {
    let (c, path, cart) = killed_at("mid-broadcast", "kill-mid-broadcast").await;
    // The first leg was answered, the second reached the node, any later one was never sent;
    // the journal still says signed for all.
    let before = journaled(&path).unwrap();
    assert!(all(&before, LegStatus::Signed), "{:?}", statuses(&before));
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + 2);
    let s = resume_after_lease(&c, &path, &cart).await;
    assert_eq!(s.transaction_hashes, before.transaction_hashes);
    assert_paid_once(&c, &path, &cart, &s, AFTER_LEASE_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_broadcast_before_receipts() {
    let (c, path, cart) = killed_at("broadcast", "kill-broadcast").await;
    let before = journaled(&path).unwrap();
    assert!(all(&before, LegStatus::Broadcast), "{:?}", statuses(&before));
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + before.legs.len() as u64);
    let s = resume_after_lease(&c, &path, &cart).await;
    assert_eq!(s.transaction_hashes, before.transaction_hashes);
    assert_paid_once(&c, &path, &cart, &s, AFTER_LEASE_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_receipts_before_the_attempt_was_finished() {
    let (c, path, cart) = killed_at("confirmed", "kill-confirmed").await;
    let before = journaled(&path).unwrap();
    assert!(all(&before, LegStatus::Confirmed), "{:?}", statuses(&before));
    let s = resume_after_lease(&c, &path, &cart).await;
    // Every leg was final in the journal: the resume answers from it and sends nothing.
    assert!(s.logs.iter().any(|l| l.contains("nothing sent")), "{:?}", s.logs);
    assert_eq!(s.transaction_hashes, before.transaction_hashes);
    assert_paid_once(&c, &path, &cart, &s, AFTER_LEASE_MS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_again_while_resuming() {
    let (c, path, cart) = killed_at("signed", "kill-twice").await;
    let before = journaled(&path).unwrap();
    // The process that took the key over past the first lease dies too, mid-broadcast.
    kill_child(&c, &path, "mid-broadcast", AFTER_LEASE_MS);
    assert!(all(&journaled(&path).unwrap(), LegStatus::Signed));
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + 2);
    // Past the second lease, a third process completes it with the bytes signed the first time.
    let later = AFTER_LEASE_MS + (DEFAULT_LEASE_SECONDS + 1) * 1000;
    let err = flux_on(&fast(&c.node.url), &path, AFTER_LEASE_MS + 1_000).execute_with(&cart, Some(KEY), Approval::default()).await;
    assert_eq!(err.unwrap_err().code(), "IN_FLIGHT");
    let s = flux_on(&fast(&c.node.url), &path, later).execute_with(&cart, Some(KEY), Approval::default()).await.unwrap();
    assert_eq!(s.transaction_hashes, before.transaction_hashes);
    assert_paid_once(&c, &path, &cart, &s, later).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_after_signing_then_the_treasury_ran_short() {
    let (c, path, cart) = killed_at("signed", "kill-short").await;
    let before = journaled(&path).unwrap();
    // While the process was down, the sender's token balance fell to the first leg's amount:
    // every other leg reverts on chain — failed for good.
    set_token_balance(&c.p, sender(), before.legs[0].amount.units()).await;
    let s = resume_after_lease(&c, &path, &cart).await;
    assert_eq!(s.status, SettlementStatus::Partial, "{:?}", s.logs);
    assert_eq!(s.legs[0].status, LegStatus::Confirmed);
    assert!(s.legs[1..].iter().all(|l| l.status == LegStatus::Failed), "{:?}", statuses(&s));
    assert!(s.legs[1..].iter().all(|l| l.error.as_deref() == Some("transaction reverted")), "{:?}", s.legs);
    // Reverted transactions are mined: the nonce moved by one per leg; only the first merchant
    // was paid.
    let n = before.legs.len() as u64;
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + n);
    let paid = &before.legs[0];
    let want: Vec<U256> =
        PAYOUTS.iter().map(|(id, _)| if *id == paid.merchant_id { U256::from(paid.amount.units()) } else { U256::ZERO }).collect();
    assert_eq!(balances(&c.p).await, want);
    // The failed legs' reservations were released; the key is final and replays as it ended.
    let flux = flux_on(&fast(&c.node.url), &path, AFTER_LEASE_MS);
    assert_eq!(flux.window_spend().await.unwrap()[0].1, paid.amount);
    let again = flux.execute_with(&cart, Some(KEY), Approval::default()).await.unwrap();
    assert!(again.replayed && again.status == SettlementStatus::Partial);
    assert_eq!(nonce(&c.p, sender()).await, c.n0 + n);
}
