//! Ledger benchmarks: reserve + commit per settlement on the embedded SQLite ledger (and on
//! PostgreSQL when `FLUX_TEST_POSTGRES_URL` names a server: `bench/ledger.sh` starts one), and a
//! policy decision with three rolling windows over 100,000 past settlements.
//!
//! `cargo bench -p flux-core --bench ledger`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{criterion_group, criterion_main, Criterion};
use flux_core::*;

const POLICY: &str = r#"
[[merchants]]
id = "amazon"
name = "Amazon"
payout_address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
[[merchants]]
id = "walmart"
name = "Walmart"
payout_address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
[rules]
max_budget_cap = "5000"
window = { seconds = 86400, limit = "1000000000" }
windows = [{ seconds = 604800, limit = "1000000000" }, { seconds = 86400, limit = "1000000000", merchant = "walmart" }]
"#;

fn cart() -> Cart {
    Cart::from_json(r#"[{"id":"a","vendor_id":"amazon","price":"12.5","quantity":2},{"id":"w","vendor_id":"walmart","price":"30"}]"#)
        .unwrap()
}

/// One settlement's bookkeeping: open the attempt (key check, decision, reservation) and commit.
fn reserve_commit(ledger: &dyn Ledger, policy: &Policy, cart: &Cart, key: &str, now: u64) {
    let windows = policy.windows();
    let target = Target::arc_testnet();
    let decide = |facts: &Facts<'_>| policy.authorize_spent(cart, &target, facts.spent, now, &Approval::default());
    let id = cart.id();
    let begin = Begin { key, cart_id: &id, now, lease_seconds: 60, windows: &windows, approval_id: None, decide: &decide };
    let Begun::Reserved { approved, lease_until, .. } = block_on(ledger.begin(begin)).unwrap() else { panic!("not reserved") };
    let legs = approved.legs().iter().map(|l| SettledLeg { status: LegStatus::Recorded, ..SettledLeg::planned(l) }).collect();
    let s = Settlement::from_legs(&approved, key, SettlementMode::Memory, false, None, legs, vec![]);
    block_on(ledger.finish(key, lease_until, Finish::Settled(&s))).unwrap();
}

fn benches(c: &mut Criterion) {
    let policy = Policy::from_toml(POLICY).unwrap();
    let cart = cart();
    let n = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!("flux-ledger-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (sqlite, _) = sqlite_ledger(dir.join("ledger.sqlite")).unwrap();
    c.bench_function("sqlite_reserve_commit", |b| {
        b.iter(|| {
            let i = n.fetch_add(1, Ordering::Relaxed);
            reserve_commit(&*sqlite, &policy, &cart, &format!("k{i}"), 1_000_000 + i / 100)
        })
    });
    let memory = MemoryLedger::new();
    c.bench_function("memory_reserve_commit", |b| {
        b.iter(|| {
            let i = n.fetch_add(1, Ordering::Relaxed);
            reserve_commit(&memory, &policy, &cart, &format!("k{i}"), 1_000_000 + i / 100)
        })
    });
    if let Ok(url) = std::env::var("FLUX_TEST_POSTGRES_URL") {
        // Two instances (connections) alternating on one database.
        let (a, _) = postgres_ledger(&url).unwrap();
        let (b2, _) = postgres_ledger(&url).unwrap();
        let both = [a, b2];
        c.bench_function("postgres_reserve_commit_2_instances", |b| {
            b.iter(|| {
                let i = n.fetch_add(1, Ordering::Relaxed);
                reserve_commit(&*both[(i % 2) as usize], &policy, &cart, &format!("pg{}-{i}", std::process::id()), 1_000_000 + i / 100)
            })
        });
    }

    // 100,000 past settlements over a week, then a decision: the windows' spend from the index
    // (two lookups each) and the policy over a 2-line cart.
    let mut index = WindowIndex::new();
    for i in 0..100_000u64 {
        let merchant = if i % 3 == 0 { "walmart" } else { "amazon" };
        index.add(1_000_000 + i * 6, merchant, Amount::from_units(1_000_000 + i).unwrap(), &format!("h{i}"));
    }
    let now = 1_000_000 + 100_000 * 6;
    let windows = policy.windows();
    let target = Target::arc_testnet();
    c.bench_function("policy_with_3_windows_over_100k_settlements", |b| {
        b.iter(|| {
            let spent: Vec<Amount> = windows.iter().map(|w| index.spent(w, now, None)).collect();
            black_box(policy.authorize_spent(black_box(&cart), &target, &spent, now, &Approval::default()))
        })
    });
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
