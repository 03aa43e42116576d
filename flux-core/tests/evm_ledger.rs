//! The ledger on the chain path, against a real anvil node: the durable ledger across a restart,
//! nonces allocated from the ledger (never one a journaled leg holds), a journaled nonce taken by
//! another transaction, and resume checks after a key rotation or a policy change.
#![cfg(all(feature = "evm", feature = "sqlite"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod anvil_support;

use std::sync::Arc;

use alloy::primitives::U256;
use anvil_support::*;
use flux_core::*;

const NOW_MS: u64 = 1_767_225_600_000;

fn ledger_path(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("flux-evm-ledger-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("ledger.sqlite")
}

/// A `Flux` paying on `url` with `key`, journaling in the ledger file at `path`; `crash` stops it
/// right after the legs are signed and journaled, before any broadcast.
fn flux(url: &str, key: PaymentKey, path: &std::path::Path, policy: Policy, crash: bool) -> Flux {
    let (ledger, journal) = sqlite_ledger(path).unwrap();
    let mut settler = EvmSettler::new(config(url), key, journal).unwrap();
    if crash {
        settler = settler.with_hook(Arc::new(|at| at != HookPoint::Signed));
    }
    Flux::builder().settler(settler).ledger_arc(ledger).policy(policy).clock(FixedClock(NOW_MS)).build().unwrap()
}

/// A cart the kernel proposed, paying two merchants or more.
fn proposed_cart(flux: &Flux, prompt: &str) -> Cart {
    let intent = Intent::new(prompt, Amount::whole(900), 14, Strategy::Balanced).unwrap();
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

const KIT: &str = "24 energy drinks, 10 usb-c hubs and 100 badges";
const OTHER: &str = "30 notebooks and 20 hdmi cables";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_with_the_durable_ledger_pays_once() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let n0 = nonce(&p, sender()).await;
    let path = ledger_path("restart");
    let crashing = flux(&node.url, key(), &path, Policy::demo(), true);
    let cart = proposed_cart(&crashing, KIT);
    assert_eq!(crashing.execute(&cart).await.unwrap_err().code(), "SETTLEMENT_INTERRUPTED");
    drop(crashing);
    // A new process: the same ledger file holds the journaled legs and the kept attempt.
    let restarted = flux(&node.url, key(), &path, Policy::demo(), false);
    let s = restarted.execute(&cart).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    assert!(!s.replayed);
    assert_eq!(nonce(&p, sender()).await, n0 + s.legs.len() as u64);
    assert_eq!(balances(&p).await, expected(&cart));
    // Again, from yet another process: a replay, nothing sent.
    let again = flux(&node.url, key(), &path, Policy::demo(), false).execute(&cart).await.unwrap();
    assert!(again.replayed);
    assert_eq!(balances(&p).await, expected(&cart));
    // The window counts the cart once.
    assert_eq!(restarted.window_spend().await.unwrap()[0].1, cart.total());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nonces_of_journaled_legs_are_never_given_to_another_cart() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let n0 = nonce(&p, sender()).await;
    let path = ledger_path("nonces");
    // Cart A is signed and journaled, not broadcast: the node's pending count has not moved.
    let a_flux = flux(&node.url, key(), &path, Policy::demo(), true);
    let a = proposed_cart(&a_flux, KIT);
    assert_eq!(a_flux.execute(&a).await.unwrap_err().code(), "SETTLEMENT_INTERRUPTED");
    assert_eq!(nonce(&p, sender()).await, n0);
    // Cart B, through another instance on the same ledger, gets the nonces after A's.
    let b_flux = flux(&node.url, key(), &path, Policy::demo(), false);
    let b = proposed_cart(&b_flux, OTHER);
    let sb = b_flux.execute(&b).await;
    // B's nonces wait behind A's gap until A is resumed; its legs are journaled with later nonces.
    let journal = SqliteLedger::open(&path).unwrap();
    let a_nonces: Vec<u64> = journal.settlement(&a.id()).unwrap().unwrap().legs.iter().filter_map(|l| l.nonce).collect();
    let b_nonces: Vec<u64> = journal.settlement(&b.id()).unwrap().unwrap().legs.iter().filter_map(|l| l.nonce).collect();
    assert_eq!(a_nonces, (n0..n0 + a_nonces.len() as u64).collect::<Vec<_>>());
    assert!(b_nonces.iter().all(|n| *n >= n0 + a_nonces.len() as u64), "B reused A's nonces: {a_nonces:?} {b_nonces:?}");
    // Resuming A fills the gap; then B completes under its key. Each nonce used once.
    let sa = flux(&node.url, key(), &path, Policy::demo(), false).execute(&a).await.unwrap();
    assert_eq!(sa.status, SettlementStatus::Success, "{:?}", sa.logs);
    let sb = match sb {
        Ok(s) if s.status == SettlementStatus::Success => s,
        _ => flux(&node.url, key(), &path, Policy::demo(), false).execute(&b).await.unwrap(),
    };
    assert_eq!(sb.status, SettlementStatus::Success, "{:?}", sb.logs);
    assert_eq!(nonce(&p, sender()).await, n0 + (a_nonces.len() + b_nonces.len()) as u64);
    let both: Vec<U256> = expected(&a).iter().zip(expected(&b)).map(|(x, y)| *x + y).collect();
    assert_eq!(balances(&p).await, both);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journaled_nonce_taken_by_another_transaction_fails_that_leg_only() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let path = ledger_path("taken");
    let crashing = flux(&node.url, key(), &path, Policy::demo(), true);
    let cart = proposed_cart(&crashing, KIT);
    assert_eq!(crashing.execute(&cart).await.unwrap_err().code(), "SETTLEMENT_INTERRUPTED");
    let journaled = SqliteLedger::open(&path).unwrap().settlement(&cart.id()).unwrap().unwrap();
    let first = &journaled.legs[0];
    // Someone else uses the wallet: a transfer to an unrelated address takes the first leg's nonce.
    let stranger: Address = "0x00000000000000000000000000000000000000AA".parse().unwrap();
    let tx = TransferTx {
        chain_id: 5_042_002,
        nonce: first.nonce.unwrap(),
        gas_limit: 100_000,
        max_fee_per_gas: 40_000_000_000,
        max_priority_fee_per_gas: 1_000_000_000,
        token: TOKEN.parse().unwrap(),
        to: stranger,
        amount: Amount::from_units(1).unwrap(),
    };
    let signed = sign_erc20_transfer(&key(), &tx).unwrap();
    rpc(&p, "eth_sendRawTransaction", serde_json::json!([signed.raw_tx])).await;
    // Resume: the other legs are paid; the first can never be mined and is failed, not awaited.
    let flux2 = flux(&node.url, key(), &path, Policy::demo(), false);
    let s = flux2.execute(&cart).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Partial, "{:?}", s.logs);
    assert_eq!(s.legs[0].status, LegStatus::Failed);
    assert!(s.legs[0].error.as_deref().is_some_and(|e| e.contains("taken by another transaction")), "{:?}", s.legs[0]);
    assert!(s.legs[1..].iter().all(|l| l.status == LegStatus::Confirmed));
    // On chain: the first merchant got nothing from this cart; the others got their legs.
    let want: Vec<U256> =
        PAYOUTS.iter().zip(expected(&cart)).map(|((id, _), v)| if *id == first.merchant_id { U256::ZERO } else { v }).collect();
    assert_eq!(balances(&p).await, want);
    // The ledger agrees: the failed leg's reservation was released; the key is final (a replay).
    let paid: u64 = s.legs[1..].iter().map(|l| l.amount.units()).sum();
    assert_eq!(flux2.window_spend().await.unwrap()[0].1.units(), paid);
    assert!(flux2.execute(&cart).await.unwrap().replayed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_checks_the_journal_against_the_key_and_policy_now() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let n0 = nonce(&p, sender()).await;
    let path = ledger_path("rotation");
    let crashing = flux(&node.url, key(), &path, Policy::demo(), true);
    let cart = proposed_cart(&crashing, KIT);
    assert_eq!(crashing.execute(&cart).await.unwrap_err().code(), "SETTLEMENT_INTERRUPTED");
    // The key was rotated: anvil's account #1 now pays.
    let rotated = PaymentKey::from_hex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d").unwrap();
    let err = flux(&node.url, rotated, &path, Policy::demo(), false).execute(&cart).await.unwrap_err();
    assert_eq!((err.code(), err.http_status()), ("JOURNAL_MISMATCH", 409), "{err}");
    // A payout address changed in the policy.
    let moved = DEMO_POLICY_TOML.replace(PAYOUTS[2].1, "0x00000000000000000000000000000000000000bb");
    assert_ne!(moved, DEMO_POLICY_TOML);
    let err = flux(&node.url, key(), &path, Policy::from_toml(&moved).unwrap(), false).execute(&cart).await.unwrap_err();
    assert_eq!(err.code(), "JOURNAL_MISMATCH", "{err}");
    // Nothing was sent by either, and the reservation is still held for the journaled legs.
    assert_eq!(nonce(&p, sender()).await, n0);
    assert_eq!(balances(&p).await, vec![U256::ZERO; 3]);
    // With the original key and policy, it completes exactly once.
    let s = flux(&node.url, key(), &path, Policy::demo(), false).execute(&cart).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    assert_eq!(balances(&p).await, expected(&cart));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_unreachable_in_preflight_releases_the_reservation() {
    // A loopback port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let path = ledger_path("unreachable");
    let mut chain = config(&format!("http://127.0.0.1:{port}"));
    chain.max_retries = 0;
    let flux = flux_with_chain(chain, &path);
    let cart = proposed_cart(&flux, KIT);
    let err = flux.execute(&cart).await.unwrap_err();
    assert_eq!(err.code(), "PREFLIGHT_FAILED", "{err}");
    // Nothing signed, nothing reserved: the window is empty and the key starts again.
    assert_eq!(flux.window_spend().await.unwrap()[0].1, Amount::ZERO);
    assert!(SqliteLedger::open(&path).unwrap().settlement(&cart.id()).unwrap().is_none());
    assert_eq!(flux.execute(&cart).await.unwrap_err().code(), "PREFLIGHT_FAILED", "a fresh attempt, not IN_FLIGHT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_evm_settler_journals_in_the_durable_ledger_and_a_restart_pays_once() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let path = ledger_path("configured");
    std::env::set_var("FLUX_EVM_LEDGER_TEST_KEY", DEV_KEY);
    let config = serde_json::json!({
        "ledger": path,
        "settler": {"kind": "evm", "chain": {"chain_id": 5_042_002, "rpc_urls": [node.url], "token": TOKEN,
                    "poll_interval_ms": 20, "receipt_timeout_ms": 20_000}, "key_env": "FLUX_EVM_LEDGER_TEST_KEY"},
    });
    let config = FluxConfig::from_json(&config.to_string()).unwrap();
    let first = Flux::from_config(&config).unwrap();
    let cart = proposed_cart(&first, KIT);
    let s = first.execute(&cart).await.unwrap();
    assert!(!s.replayed && s.status == SettlementStatus::Success, "{:?}", s.logs);
    drop(first);
    // A restarted process with the same configuration: the journal and the key are on disk.
    let again = Flux::from_config(&config).unwrap().execute(&cart).await.unwrap();
    assert!(again.replayed);
    assert_eq!(again.transaction_hashes, s.transaction_hashes);
    assert_eq!(balances(&p).await, expected(&cart));
    std::env::remove_var("FLUX_EVM_LEDGER_TEST_KEY");
}

fn flux_with_chain(chain: ChainConfig, path: &std::path::Path) -> Flux {
    let (ledger, journal) = sqlite_ledger(path).unwrap();
    let settler = EvmSettler::new(chain, key(), journal).unwrap();
    Flux::builder().settler(settler).ledger_arc(ledger).clock(FixedClock(NOW_MS)).build().unwrap()
}
