//! EVM settlement against a real anvil node (`--chain-id 5042002`), one node per test on a free
//! loopback port, with the project's 6-decimal ERC-20 placed at `0x3600…00`.
//!
//! Needs `FLUX_ANVIL_BIN` (scripts/test-evm.sh sets it from scripts/ensure-anvil.sh).
#![cfg(feature = "evm")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod anvil_support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use alloy::primitives::U256;
use anvil_support::*;
use flux_core::{
    verify_bundle, Cart, ChainConfig, EvmSettler, Flux, HookPoint, Journal, LegStatus, MemoryLedger, PaymentKey, ReceiptBundle,
    SettleError, SettlementStatus,
};

/// The kernel's proposal for `prompt` (only the kernel's own quotes are paid).
fn proposed(prompt: &str) -> Cart {
    let intent = flux_core::Intent::new(prompt, flux_core::Amount::whole(900), 7, flux_core::Strategy::Balanced).unwrap();
    flux_core::block_on(Flux::builder().ledger(MemoryLedger::new()).build().unwrap().orchestrate(&intent)).unwrap().cart
}

/// A proposed cart paying all three demo merchants: usb-c hubs from amazon, a router from
/// tech_direct, energy drinks from walmart.
fn three_merchant_cart() -> Cart {
    let cart = proposed("24 energy drinks, 10 usb-c hubs and a router");
    let legs = Flux::builder()
        .ledger(MemoryLedger::new())
        .build()
        .unwrap()
        .authorize(&cart)
        .approved()
        .map(|a| a.legs().iter().map(|l| l.amount.units()).collect::<Vec<_>>());
    assert_eq!(legs, Some(EXPECTED.to_vec()), "the embedded catalog's quotes changed: update EXPECTED");
    cart
}
/// What the three-merchant cart pays each merchant, in micro-USDC (amazon, tech_direct, walmart).
const EXPECTED: [u64; 3] = [193_903_000, 93_050_600, 36_090_500];

fn flux_with(settler: EvmSettler) -> Flux {
    Flux::builder().ledger(MemoryLedger::new()).settler(settler).build().unwrap()
}

fn journal_path(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("flux-evm-test-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("journal.sqlite3")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_merchant_cart_settles_verifies_and_replays() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let before = balances(&p).await;
    let n0 = nonce(&p, sender()).await;

    let settler = EvmSettler::new(config(&node.url), key(), Journal::in_memory().unwrap()).unwrap();
    let flux = flux_with(settler);
    let cart = three_merchant_cart();
    let s = flux.execute(&cart).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    assert!(s.broadcast);
    assert_eq!(s.transaction_hashes.len(), 3);
    let after = balances(&p).await;
    for i in 0..3 {
        assert_eq!(after[i] - before[i], U256::from(EXPECTED[i]), "payout {} rose by exactly its leg", PAYOUTS[i].0);
    }
    assert_eq!(token_balance(&p, sender()).await, U256::from(1_000_000_000u64 - EXPECTED.iter().sum::<u64>()));
    assert_eq!(nonce(&p, sender()).await, n0 + 3);
    for leg in &s.legs {
        assert_eq!(leg.status, LegStatus::Confirmed);
        assert!(leg.block_number.is_some() && leg.log_index.is_some());
        assert!(leg.explorer_url.as_deref().unwrap().starts_with("https://testnet.arcscan.app/tx/0x"));
    }

    // Same key again: no new transaction, same hashes.
    let again = flux.execute(&cart).await.unwrap();
    assert!(again.replayed);
    assert_eq!(again.transaction_hashes, s.transaction_hashes);
    assert_eq!(nonce(&p, sender()).await, n0 + 3);
    assert_eq!(balances(&p).await, after);

    // The receipt bundle: consistent offline, confirmed online.
    let bundle = ReceiptBundle::new(&cart, &s, Some("intent-hash-abc")).unwrap();
    bundle.check().unwrap();
    let json = bundle.to_json();
    let parsed = ReceiptBundle::from_json(&json).unwrap();
    let verified = verify_bundle(&config(&node.url), &parsed).await.unwrap();
    assert!(verified.ok && verified.onchain);
    assert_eq!(verified.legs.len(), 3);
    assert!(verified.legs.iter().all(|l| l.block_number.is_some() && l.log_index.is_some()));

    // An edited amount fails offline...
    let mut edited = parsed.clone();
    edited.legs[0].amount = flux_core::Amount::parse("13.000001").unwrap();
    assert_eq!(edited.check().unwrap_err().code(), "VERIFICATION_FAILED");
    assert!(verify_bundle(&config(&node.url), &edited).await.is_err());
    // ...and a consistently forged bundle (cart, total, leg and cart id all edited) fails on chain.
    // One USDC more a pack on amazon's line (legs are sorted by merchant: amazon is the first).
    let mut forged = parsed.clone();
    let i = forged.cart["lines"].as_array().unwrap().iter().position(|l| l["vendor_id"] == "amazon").unwrap();
    let qty = forged.cart["lines"][i]["quantity"].as_u64().unwrap();
    let price =
        flux_core::Amount::parse(forged.cart["lines"][i]["price"].as_str().unwrap()).unwrap().checked_add(flux_core::Amount::ONE).unwrap();
    let more = flux_core::Amount::ONE.checked_mul(qty).unwrap();
    forged.cart["lines"][i]["price"] = serde_json::json!(price.to_string());
    forged.cart["lines"][i]["line_total"] = serde_json::json!(price.checked_mul(qty).unwrap().to_string());
    forged.total = forged.total.checked_add(more).unwrap();
    forged.cart["total"] = serde_json::json!(forged.total.to_string());
    forged.legs[0].amount = forged.legs[0].amount.checked_add(more).unwrap();
    let canonical = flux_core::to_canonical_json(&forged.cart);
    forged.cart_id = flux_core::Cart::from_json(&canonical).unwrap().id();
    forged.check().unwrap();
    // The transaction the node returns for the leg's hash transfers the real amount.
    let transfers = format!("leg amazon: amount: the transaction transfers {} base units", EXPECTED[0]);
    let err = verify_bundle(&config(&node.url), &forged).await.unwrap_err();
    assert_eq!(err.code(), "VERIFICATION_FAILED");
    assert!(err.to_string().contains(&transfers), "{err}");
    // A payout edited in the bundle: the transaction on chain pays the real merchant.
    let mut redirected = parsed.clone();
    redirected.legs[1].payout = flux_core::Address::parse("0x000000000000000000000000000000000000dEaD").unwrap();
    redirected.check().unwrap();
    let err = verify_bundle(&config(&node.url), &redirected).await.unwrap_err();
    assert!(err.to_string().contains("leg tech_direct: recipient:"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denied_cart_changes_nothing() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 10_000_000_000).await;
    let before = (balances(&p).await, token_balance(&p, sender()).await, nonce(&p, sender()).await);
    let flux = flux_with(EvmSettler::new(config(&node.url), key(), Journal::in_memory().unwrap()).unwrap());
    // Over the demo policy's 1000 USDC budget cap and from an unknown vendor.
    let cart = Cart::from_json(r#"[{"vendor_id":"amazon","price":"1500"},{"vendor_id":"mallory","price":"1"}]"#).unwrap();
    let err = flux.execute(&cart).await.unwrap_err();
    assert_eq!(err.code(), "POLICY_VIOLATION");
    let after = (balances(&p).await, token_balance(&p, sender()).await, nonce(&p, sender()).await);
    assert_eq!(before, after);
    assert!(flux.settler().recorded(&cart.id()).await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preflight_failures_broadcast_nothing() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    // Too few tokens: one micro-USDC short of the cart's total.
    place_token(&p, sender(), EXPECTED.iter().sum::<u64>() - 1).await;
    let n0 = nonce(&p, sender()).await;
    let journal = Journal::in_memory().unwrap();
    let flux = flux_with(EvmSettler::new(config(&node.url), key(), journal).unwrap());
    let cart = three_merchant_cart();
    let err = flux.execute(&cart).await.unwrap_err();
    assert_eq!(err.code(), "PREFLIGHT_FAILED", "{err}");
    assert!(err.to_string().contains("token balance"), "{err}");
    assert_eq!(nonce(&p, sender()).await, n0);
    assert!(flux.settler().recorded(&cart.id()).await.unwrap().is_none(), "nothing journaled");

    // Enough tokens, too little native gas money.
    set_token_balance(&p, sender(), 1_000_000_000).await;
    rpc(&p, "anvil_setBalance", serde_json::json!([sender(), "0x3b9aca00"])).await; // 1 gwei of native
    let err = flux.execute(&cart).await.unwrap_err();
    assert_eq!(err.code(), "PREFLIGHT_FAILED", "{err}");
    assert!(err.to_string().contains("gas balance"), "{err}");
    assert_eq!(nonce(&p, sender()).await, n0);
    assert_eq!(balances(&p).await, vec![U256::ZERO; 3]);

    // Wrong decimals in the configuration.
    let mut cfg = config(&node.url);
    cfg.token_decimals = 18;
    let s = EvmSettler::new(cfg, key(), Journal::in_memory().unwrap()).unwrap();
    let err = flux_with(s).execute(&cart).await.unwrap_err();
    assert!(err.to_string().contains("decimals"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_after_signing_resumes_and_pays_each_leg_once() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let n0 = nonce(&p, sender()).await;
    let path = journal_path("crash");
    let cart = three_merchant_cart();

    let crashing =
        EvmSettler::new(config(&node.url), key(), Journal::open(&path).unwrap()).unwrap().with_hook(Arc::new(|at| at != HookPoint::Signed));
    let err = flux_with(crashing).execute(&cart).await.unwrap_err();
    assert_eq!(err.code(), "SETTLEMENT_INTERRUPTED");
    assert_eq!(nonce(&p, sender()).await, n0, "nothing broadcast before the crash");
    let journaled = Journal::open(&path).unwrap().settlement(&cart.id()).unwrap().unwrap();
    assert!(journaled.legs.iter().all(|l| l.status == LegStatus::Signed && l.raw_tx.is_some()));

    // A new process: same journal file, a fresh settler.
    let flux = flux_with(EvmSettler::new(config(&node.url), key(), Journal::open(&path).unwrap()).unwrap());
    let s = flux.execute(&cart).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    assert_eq!(s.transaction_hashes, journaled.transaction_hashes, "the journaled bytes were sent, not re-signed");
    assert_eq!(nonce(&p, sender()).await, n0 + 3);
    let after = balances(&p).await;
    assert_eq!(after, EXPECTED.iter().map(|e| U256::from(*e)).collect::<Vec<_>>());
    // And once more: nothing new.
    let again = flux.execute(&cart).await.unwrap();
    assert!(again.replayed);
    assert_eq!(nonce(&p, sender()).await, n0 + 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_stopped_mid_settlement_then_resumed_after_restart() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let n0 = nonce(&p, sender()).await;
    // The state a restarted node comes back with; then stop mining so receipts never arrive.
    let state = rpc(&p, "anvil_dumpState", serde_json::json!([])).await;
    rpc(&p, "evm_setAutomine", serde_json::json!([false])).await;
    let path = journal_path("stop");
    let cart = three_merchant_cart();

    let holder = Arc::new(Mutex::new(Some(node)));
    let h = holder.clone();
    let settler = EvmSettler::new(config(&holder.lock().unwrap().as_ref().unwrap().url.clone()), key(), Journal::open(&path).unwrap())
        .unwrap()
        .with_hook(Arc::new(move |at| {
            if at == HookPoint::Broadcast {
                // The node goes away after accepting the transactions, before any receipt.
                drop(h.lock().unwrap().take());
            }
            true
        }));
    let started = Instant::now();
    let err = flux_with(settler).execute(&cart).await.unwrap_err();
    assert_eq!(err.code(), "RPC_ERROR", "{err}");
    assert!(err.to_string().contains("resume with the same idempotency key"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "a dead node fails fast");
    let journaled = Journal::open(&path).unwrap().settlement(&cart.id()).unwrap().unwrap();
    assert!(journaled.legs.iter().all(|l| l.status == LegStatus::Broadcast && l.raw_tx.is_some()), "journal intact");

    // Restart: a new node with the saved state (the mempool is gone), then resume.
    let node2 = start_anvil(&[]);
    let p2 = provider(&node2.url);
    rpc(&p2, "anvil_loadState", serde_json::json!([state])).await;
    assert_eq!(nonce(&p2, sender()).await, n0);
    let flux = flux_with(EvmSettler::new(config(&node2.url), key(), Journal::open(&path).unwrap()).unwrap());
    let s = flux.execute(&cart).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    assert_eq!(s.transaction_hashes, journaled.transaction_hashes);
    assert_eq!(nonce(&p2, sender()).await, n0 + 3);
    assert_eq!(balances(&p2).await, EXPECTED.iter().map(|e| U256::from(*e)).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_never_appears_in_debug_errors_logs_or_audit() {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let mut seen = String::new();
    let k = key();
    seen.push_str(&format!("{k:?}\n"));
    let settler = EvmSettler::new(config(&node.url), k, Journal::in_memory().unwrap()).unwrap();
    seen.push_str(&format!("{settler:?}\n"));
    let flux = flux_with(settler);
    seen.push_str(&format!("{flux:?}\n"));
    let cart = three_merchant_cart();
    let s = flux.execute(&cart).await.unwrap();
    seen.push_str(&format!("{s:?}\n{}\n", serde_json::to_string(&s).unwrap()));
    let bundle = ReceiptBundle::new(&cart, &s, None).unwrap();
    seen.push_str(&bundle.to_json());
    // Errors: a denial, a preflight failure, an invalid key, a dead node.
    let denied = Cart::from_json(r#"[{"vendor_id":"amazon","price":"5000"}]"#).unwrap();
    seen.push_str(&format!("{:?} {}\n", flux.execute(&denied).await.unwrap_err(), flux.execute(&denied).await.unwrap_err()));
    set_token_balance(&p, sender(), 0).await;
    let other = proposed("24 energy drinks");
    let e = flux.execute(&other).await.unwrap_err();
    seen.push_str(&format!("{e:?} {e}\n"));
    let bad = PaymentKey::from_hex(&DEV_KEY.replace("ac09", "zz09")).unwrap_err();
    seen.push_str(&format!("{bad:?} {bad}\n"));
    let dead = EvmSettler::new(config(&format!("{}/secret-path?apikey=s3cr3t", node.url)), key(), Journal::in_memory().unwrap()).unwrap();
    let e = flux_with(dead).execute(&other).await.unwrap_err();
    seen.push_str(&format!("{e:?} {e}\n"));
    let dead = EvmSettler::new(config("http://127.0.0.1:9/secret-path"), key(), Journal::in_memory().unwrap()).unwrap();
    let e = flux_with(dead).execute(&other).await.unwrap_err();
    seen.push_str(&format!("{e:?} {e}\n"));
    assert!(!seen.contains("secret-path") && !seen.contains("s3cr3t"), "rpc paths are redacted: {seen}");
    seen.push_str(&flux.audit_jsonl());
    let needle = DEV_KEY.trim_start_matches("0x");
    for form in [needle.to_lowercase(), needle.to_uppercase(), needle[..16].to_owned()] {
        assert!(!seen.contains(&form), "key material leaked");
    }
    assert!(seen.contains("redacted"));
}

/// Opt-in: a real transfer on Arc Testnet. Runs only with FLUX_LIVE_ARC_RPC and
/// FLUX_LIVE_ARC_KEY (a funded test key) set; pays 0.01 USDC to FLUX_LIVE_ARC_PAYOUT (default:
/// the sender itself).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_arc_testnet_transfer() {
    let (Ok(url), Ok(k)) = (std::env::var("FLUX_LIVE_ARC_RPC"), std::env::var("FLUX_LIVE_ARC_KEY")) else {
        eprintln!("live Arc Testnet test skipped (set FLUX_LIVE_ARC_RPC and FLUX_LIVE_ARC_KEY to run it)");
        return;
    };
    let key = PaymentKey::from_hex(&k).unwrap();
    let payout = std::env::var("FLUX_LIVE_ARC_PAYOUT").unwrap_or_else(|_| key.address().checksummed());
    let policy = flux_core::Policy::from_toml(&format!(
        r#"[[merchants]]
id = "live"
name = "Live test"
payout_address = "{payout}"
[rules]
max_budget_cap = "1"
allowed_chain_ids = [5042002]
"#
    ))
    .unwrap();
    let catalog = flux_core::MemoryCatalog::from_json(
        r#"{"vendors":[{"id":"live","name":"Live test","trust_score":90}],
            "offers":[{"id":"live-1","vendor_id":"live","category":"snacks","name":"One cent","price":"0.01","pack_size":1,"delivery_days":1,"stock":1000}]}"#,
    )
    .unwrap();
    let settler = EvmSettler::new(ChainConfig::arc_testnet().with_rpc_url(url.clone()), key, Journal::in_memory().unwrap()).unwrap();
    let flux = Flux::builder().ledger(MemoryLedger::new()).catalog(catalog).policy(policy).settler(settler).build().unwrap();
    let intent = flux_core::Intent::new("snacks", flux_core::Amount::ONE, 7, flux_core::Strategy::Cheapest).unwrap();
    let cart = Cart::new(vec![flux.line_for_offer("live-1", 1, &intent).await.unwrap()]).unwrap();
    let s = flux.execute_with(&cart, Some(&format!("live-{}", std::process::id())), Default::default()).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    let bundle = ReceiptBundle::new(&cart, &s, None).unwrap();
    verify_bundle(&ChainConfig::arc_testnet().with_rpc_url(url), &bundle).await.unwrap();
    eprintln!("{}", s.legs[0].explorer_url.clone().unwrap_or_default());
}

#[test]
fn settle_error_codes_are_stable() {
    assert_eq!(SettleError::Interrupted { at: "signed".into() }.code(), "SETTLEMENT_INTERRUPTED");
}

/// How the loopback proxy in front of anvil treats JSON-RPC batch requests.
#[derive(Clone, Copy)]
enum BatchMode {
    /// Answers every batch with one error object, as a node without batch support does.
    Refuse,
    /// Forwards the batch, then answers in reverse order and leaves out every third answer
    /// (the calls still reached the node: a dropped broadcast must be re-sent safely).
    Partial,
}

/// A tiny HTTP/1.1 proxy on a free loopback port: single requests go to anvil unchanged, batches
/// are treated as `mode` says. Returns its URL and a counter of batches it saw.
async fn batch_proxy(upstream: &str, mode: BatchMode) -> (String, Arc<Mutex<usize>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let upstream = upstream.trim_start_matches("http://").to_owned();
    let batches = Arc::new(Mutex::new(0usize));
    let seen = batches.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut conn, _)) = listener.accept().await else { return };
            let (upstream, seen) = (upstream.clone(), seen.clone());
            tokio::spawn(async move {
                let mut buf = Vec::new();
                loop {
                    // One request: headers, then Content-Length bytes of body.
                    let head_end = loop {
                        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            break p + 4;
                        }
                        let mut chunk = [0u8; 8192];
                        match conn.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    };
                    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
                    let len: usize =
                        head.lines().find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())).unwrap_or(0);
                    while buf.len() < head_end + len {
                        let mut chunk = [0u8; 8192];
                        match conn.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let body: Vec<u8> = buf.drain(..head_end + len).skip(head_end).collect();
                    let request: serde_json::Value = serde_json::from_slice(&body).unwrap();
                    let is_batch = request.is_array() && request.as_array().unwrap().len() > 1;
                    let answer = if is_batch {
                        *seen.lock().unwrap() += 1;
                        match mode {
                            BatchMode::Refuse => serde_json::json!({"jsonrpc": "2.0", "id": null,
                                "error": {"code": -32600, "message": "batch requests are not supported"}}),
                            BatchMode::Partial => {
                                let all = forward(&upstream, &body).await;
                                let items: Vec<serde_json::Value> = all
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .enumerate()
                                    .filter(|(i, _)| i % 3 != 0)
                                    .map(|(_, v)| v.clone())
                                    .rev()
                                    .collect();
                                serde_json::Value::Array(items)
                            }
                        }
                    } else {
                        forward(&upstream, &body).await
                    };
                    let out = answer.to_string();
                    let resp = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{out}", out.len());
                    if conn.write_all(resp.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, batches)
}

/// POSTs `body` to anvil on a fresh connection and returns the JSON answer.
async fn forward(upstream: &str, body: &[u8]) -> serde_json::Value {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(upstream).await.unwrap();
    let head = format!(
        "POST / HTTP/1.1\r\nhost: {upstream}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let start = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    serde_json::from_slice(&raw[start..]).unwrap()
}

/// Settles the three-merchant cart through the proxy; returns the batches the proxy saw during the
/// settlement and during `verify_bundle`.
async fn settle_through(mode: BatchMode) -> (usize, usize) {
    let node = start_anvil(&[]);
    let p = provider(&node.url);
    place_token(&p, sender(), 1_000_000_000).await;
    let before = balances(&p).await;
    let n0 = nonce(&p, sender()).await;
    let (url, batches) = batch_proxy(&node.url, mode).await;
    let mut c = config(&url);
    c.batch_size = 2; // three legs: batches of two and one
    let journal = journal_path(match mode {
        BatchMode::Refuse => "refuse",
        BatchMode::Partial => "partial",
    });
    let flux = flux_with(EvmSettler::new(c.clone(), key(), Journal::open(&journal).unwrap()).unwrap());
    let cart = three_merchant_cart();
    let s = flux.execute(&cart).await.unwrap();
    assert_eq!(s.status, SettlementStatus::Success, "{:?}", s.logs);
    let after = balances(&p).await;
    for i in 0..3 {
        assert_eq!(after[i] - before[i], U256::from(EXPECTED[i]), "payout {} paid exactly once", PAYOUTS[i].0);
    }
    assert_eq!(nonce(&p, sender()).await, n0 + 3, "three transactions, none signed twice");
    let settled = *batches.lock().unwrap();
    let bundle = ReceiptBundle::new(&cart, &s, None).unwrap();
    assert_eq!(verify_bundle(&c, &bundle).await.unwrap().legs.len(), 3);
    let verified = *batches.lock().unwrap() - settled;
    (settled, verified)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_refusing_batches_is_served_one_call_at_a_time() {
    // The first batch is refused; from then on every call goes singly, and the cart settles.
    // Only the first round of preflight reads (seven calls in concurrent batches of two) is tried
    // as batches; simulations, broadcasts and receipt polls then go singly. `verify_bundle`'s
    // own client learns the same from its first round (three transactions and three receipts:
    // three concurrent batches of two).
    let (settled, verified) = settle_through(BatchMode::Refuse).await;
    assert!((1..=4).contains(&settled), "{settled} batches tried by the settler");
    assert_eq!(verified, 3, "verify_bundle tried one round of batches");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_answers_out_of_order_and_missing_are_matched_and_retried() {
    // Reversed answers are matched by id; missing ones (including broadcasts the node did get)
    // are retried, and every leg is still paid exactly once.
    let (settled, verified) = settle_through(BatchMode::Partial).await;
    assert!(settled >= 3 && verified >= 1, "{settled} and {verified} batches");
}
