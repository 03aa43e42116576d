//! One budget, many spenders: 64 concurrent `execute` calls, 4 processes sharing one SQLite
//! ledger, and 2 `Flux` instances on one PostgreSQL (when `FLUX_TEST_POSTGRES_URL` names a server:
//! `scripts/with-postgres.sh` starts one; `FLUX_REQUIRE_POSTGRES=1` makes its absence a failure).
//! Every call gets a definite answer, the committed total never exceeds the window's limit, no key
//! pays twice and no nonce is given twice.
#![cfg(feature = "sqlite")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::Arc;

use flux_core::*;

/// The window every test spends against: 100 USDC a day.
const LIMIT: u32 = 100;
const NOW_MS: u64 = 1_767_225_600_000;

fn policy() -> Policy {
    let toml = DEMO_POLICY_TOML.replace("limit = \"5000\"", &format!("limit = \"{LIMIT}\""));
    assert_ne!(toml, DEMO_POLICY_TOML, "the demo policy has a daily window");
    Policy::from_toml(&toml).unwrap()
}

fn flux(ledger: Arc<dyn Ledger>) -> Flux {
    Flux::builder().policy(policy()).ledger_arc(ledger).clock(FixedClock(NOW_MS)).build().unwrap()
}

/// A cart the kernel proposed (so it passes every check but the window): 24 energy drinks.
fn cart(flux: &Flux) -> Cart {
    let intent = Intent::new("24 energy drinks", Amount::whole(500), 7, Strategy::Cheapest).unwrap();
    let proposal = block_on(flux.orchestrate(&intent)).unwrap();
    assert!(proposal.total > Amount::whole(LIMIT / 4) && proposal.total < Amount::whole(LIMIT), "{}", proposal.total);
    proposal.cart
}

/// How many carts of `total` fit under the limit.
fn fits(total: Amount) -> usize {
    (Amount::whole(LIMIT).units() / total.units()) as usize
}

/// Runs `keys` executions of `cart` on `fluxes` (round robin), 64 threads at once; returns
/// (paid, denied) after checking every answer is one of the two.
fn spend_concurrently(fluxes: &[Arc<Flux>], cart: &Cart, keys: std::ops::Range<usize>) -> (usize, usize) {
    let handles: Vec<_> = keys
        .map(|i| {
            let (flux, cart) = (fluxes[i % fluxes.len()].clone(), cart.clone());
            std::thread::spawn(move || block_on(flux.execute_with(&cart, Some(&format!("order-{i}")), Approval::default())))
        })
        .collect();
    let (mut paid, mut denied) = (0, 0);
    for h in handles {
        match h.join().unwrap() {
            Ok(s) => {
                assert!(!s.replayed && s.status == SettlementStatus::Success, "{s:?}");
                paid += 1;
            }
            Err(e) => {
                assert_eq!(e.violations().iter().map(|v| v.code.as_str()).collect::<Vec<_>>(), ["WINDOW_LIMIT_EXCEEDED"], "{e}");
                denied += 1;
            }
        }
    }
    (paid, denied)
}

fn committed(flux: &Flux) -> Amount {
    block_on(flux.window_spend()).unwrap()[0].1
}

#[test]
fn sixty_four_threads_never_spend_past_the_window() {
    for (name, ledger) in [("memory", memory_ledger().0), ("sqlite", sqlite_ledger(temp("threads")).unwrap().0)] {
        let flux = Arc::new(flux(ledger));
        let cart = cart(&flux);
        let (paid, denied) = spend_concurrently(std::slice::from_ref(&flux), &cart, 0..64);
        assert_eq!((paid, denied), (fits(cart.total()), 64 - fits(cart.total())), "{name}");
        assert_eq!(committed(&flux), Amount::from_units(cart.total().units() * paid as u64).unwrap(), "{name}");
        assert!(committed(&flux) <= Amount::whole(LIMIT));
        // Every paid key replays; none pays again.
        for i in 0..64 {
            if let Ok(s) = block_on(flux.execute_with(&cart, Some(&format!("order-{i}")), Approval::default())) {
                assert!(s.replayed, "{name}: order-{i} paid twice");
            }
        }
    }
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("flux-ledger-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("ledger.sqlite")
}

/// The worker of `four_processes_share_one_sqlite_ledger`: runs only in the child processes.
#[test]
fn ledger_worker_process() {
    let (Ok(path), Ok(range)) = (std::env::var("FLUX_LEDGER_WORKER_FILE"), std::env::var("FLUX_LEDGER_WORKER_KEYS")) else { return };
    let (from, to) = range.split_once("..").unwrap();
    let flux = Arc::new(flux(sqlite_ledger(path).unwrap().0));
    let cart = cart(&flux);
    let (paid, denied) = spend_concurrently(&[flux], &cart, from.parse().unwrap()..to.parse().unwrap());
    println!("WORKER paid={paid} denied={denied}");
}

#[test]
fn four_processes_share_one_sqlite_ledger() {
    let path = temp("processes");
    // Create the file before the workers race to.
    drop(SqliteLedger::open(&path).unwrap());
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..4)
        .map(|p| {
            std::process::Command::new(&exe)
                .args(["ledger_worker_process", "--exact", "--nocapture", "--test-threads=1"])
                .env("FLUX_LEDGER_WORKER_FILE", &path)
                .env("FLUX_LEDGER_WORKER_KEYS", format!("{}..{}", p * 16, p * 16 + 16))
                .output()
                .unwrap()
        })
        .collect();
    let mut paid = 0;
    for out in &children {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
        let line = text.lines().find_map(|l| l.split_once("WORKER ").map(|(_, r)| r)).unwrap_or_else(|| panic!("no worker report: {text}"));
        paid += line.split("paid=").nth(1).and_then(|r| r.split(' ').next()).unwrap().parse::<usize>().unwrap();
    }
    let flux = flux(sqlite_ledger(&path).unwrap().0);
    let cart = cart(&flux);
    assert_eq!(paid, fits(cart.total()), "the four processes together paid exactly what fits");
    assert_eq!(committed(&flux), Amount::from_units(cart.total().units() * paid as u64).unwrap());
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

/// A fresh database on the test server, so runs never see each other's rows.
#[cfg(feature = "postgres")]
fn fresh_database(tag: &str) -> Option<String> {
    let Ok(url) = std::env::var("FLUX_TEST_POSTGRES_URL") else {
        assert!(std::env::var("FLUX_REQUIRE_POSTGRES").is_err(), "FLUX_REQUIRE_POSTGRES is set but FLUX_TEST_POSTGRES_URL is not");
        eprintln!("no FLUX_TEST_POSTGRES_URL: the PostgreSQL tests run under scripts/with-postgres.sh");
        return None;
    };
    let name = format!("flux_{tag}_{}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        // One statement per call: a database is never created inside a transaction block.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).await.unwrap();
        client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
    });
    Some(format!("{}/{name}", url.rsplit_once('/').unwrap().0))
}

#[cfg(feature = "postgres")]
#[test]
fn two_instances_on_one_postgres_share_the_budget_keys_and_nonces() {
    let Some(url) = fresh_database("instances") else { return };
    let a = Arc::new(flux(postgres_ledger(&url).unwrap().0));
    let b = Arc::new(flux(postgres_ledger(&url).unwrap().0));
    let cart = cart(&a);
    let (paid, denied) = spend_concurrently(&[a.clone(), b.clone()], &cart, 0..64);
    assert_eq!((paid, denied), (fits(cart.total()), 64 - fits(cart.total())));
    assert_eq!(committed(&a), committed(&b));
    assert_eq!(committed(&a), Amount::from_units(cart.total().units() * paid as u64).unwrap());
    // A key paid through one instance replays through the other.
    let first =
        (0..64).find(|i| block_on(a.execute_with(&cart, Some(&format!("order-{i}")), Approval::default())).is_ok_and(|s| s.replayed));
    let i = first.expect("some key was paid");
    assert!(block_on(b.execute_with(&cart, Some(&format!("order-{i}")), Approval::default())).unwrap().replayed);
    // Nonces for one sender, from both instances at once: each given once, none skipped.
    let journals: Vec<Arc<dyn LegJournal>> = vec![postgres_ledger(&url).unwrap().1, postgres_ledger(&url).unwrap().1];
    let sender = SandboxSettler::address().unwrap();
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let j = journals[t % 2].clone();
            std::thread::spawn(move || (0..25).map(|_| block_on(j.allocate_nonces(5_042_002, sender, 2, 0)).unwrap()).collect::<Vec<_>>())
        })
        .collect();
    let firsts: BTreeSet<u64> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    assert_eq!(firsts.len(), 200, "a nonce range was given twice");
    assert_eq!(firsts.iter().copied().collect::<Vec<_>>(), (0..200).map(|n| n * 2).collect::<Vec<_>>());
}
