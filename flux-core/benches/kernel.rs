//! Kernel benchmarks: policy evaluation, orchestration (embedded and a 10,000-offer catalog),
//! and exact optimization.
//!
//! `cargo bench -p flux-core --bench kernel`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

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
[[merchants]]
id = "tech_direct"
name = "TechData"
payout_address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906"
[rules]
allowlist = ["amazon", "walmart", "tech_direct"]
max_budget_cap = "5000"
per_transfer_cap = "3000"
per_merchant_caps = { walmart = "2000" }
max_lines = 20
allowed_chain_ids = [5042002]
allowed_tokens = ["0x3600000000000000000000000000000000000000"]
approval_threshold = "4000"
approvers = ["ed25519:ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"]
[rules.window]
seconds = 86400
limit = "10000"
"#;

fn ten_line_cart() -> Cart {
    let vendors = ["amazon", "walmart", "tech_direct"];
    let body: Vec<String> = (0..10)
        .map(|i| format!(r#"{{"id":"l{i}","vendor_id":"{}","price":"{}.25","quantity":{}}}"#, vendors[i % 3], 10 + i * 7, 1 + i % 3))
        .collect();
    Cart::from_json(&format!("[{}]", body.join(","))).unwrap()
}

/// A deterministic 10,000-offer catalog over the embedded vocabulary.
fn big_catalog() -> CatalogData {
    let base = EmbeddedCatalog::data();
    let vendors: Vec<Vendor> = base.vendors().map(|v| (**v).clone()).collect();
    let categories: Vec<String> = base.vocabulary().ids().map(str::to_owned).collect();
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        seed >> 33
    };
    let offers = (0..10_000)
        .map(|i| {
            let vendor = &vendors[(next() % vendors.len() as u64) as usize];
            Offer {
                id: format!("gen-{i:05}"),
                vendor_id: vendor.id.clone(),
                category: categories[(next() % categories.len() as u64) as usize].clone(),
                name: format!("Generated item {i}"),
                price: Amount::from_units(1_000_000 + next() % 200_000_000).unwrap(),
                pack_size: 1 + (next() % 24) as u32,
                delivery_days: 1 + (next() % 10) as u32,
                stock: 10 + (next() % 500) as u32,
                tags: vec![],
                attributes: Default::default(),
            }
        })
        .collect();
    CatalogData::new(vendors, offers, base.vocabulary().clone()).unwrap()
}

fn benches(c: &mut Criterion) {
    let policy = Policy::from_toml(POLICY).unwrap();
    let cart = ten_line_cart();
    let spend = SpendState {
        records: (0..5)
            .map(|i| SpendRecord { at: 1_000 + i, merchant_id: "amazon".into(), amount: Amount::whole(100), key: None })
            .collect(),
    };
    let target = Target::arc_testnet();
    assert!(policy.authorize(&cart, &target, &spend, 2_000).is_allowed());
    c.bench_function("policy_authorize_10_lines_all_rules", |b| {
        b.iter(|| black_box(policy.authorize(black_box(&cart), &target, &spend, 2_000)))
    });

    let intent = Intent::new(
        "hackathon for 80 hackers: 24 energy drinks, snacks, badges, lanyards, prizes, usb-c hubs",
        Amount::whole(900),
        5,
        Strategy::Balanced,
    )
    .unwrap();

    // Through the facade: the policy, every line checked against the kernel's quote, and the
    // decision recorded in the audit trail.
    let facade = Flux::builder().ledger(MemoryLedger::new()).policy(policy.clone()).settler(MemorySettler::default()).build().unwrap();
    let proposed = block_on(facade.orchestrate(&intent)).unwrap().cart;
    assert!(facade.authorize(&proposed).is_allowed());
    c.bench_function("flux_authorize_proposal_with_quotes_and_audit", |b| b.iter(|| black_box(facade.authorize(black_box(&proposed)))));
    // The same cart as a client sends it (the HTTP body, the npm package's plain objects): read from
    // JSON text each call, then authorized. A cart read back carries no proposal id, so every line
    // is re-quoted from the catalog.
    let sent = proposed.canonical_json();
    assert!(facade.authorize(&Cart::from_json(&sent).unwrap()).is_allowed());
    c.bench_function("flux_authorize_client_json_cart", |b| {
        b.iter(|| black_box(facade.authorize(&Cart::from_json(black_box(&sent)).unwrap())))
    });
    c.bench_function("cart_from_client_json", |b| b.iter(|| black_box(Cart::from_json(black_box(&sent)).unwrap())));
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    c.bench_function("orchestrate_embedded_catalog", |b| b.iter(|| black_box(block_on(flux.orchestrate(black_box(&intent))).unwrap())));

    let big = Flux::builder().ledger(MemoryLedger::new()).catalog(MemoryCatalog::new(big_catalog())).build().unwrap();
    c.bench_function("orchestrate_10k_offer_catalog", |b| b.iter(|| black_box(block_on(big.orchestrate(black_box(&intent))).unwrap())));

    // 8 needs x 50 offers with scores and costs spread like real rankings.
    let mut seed: u64 = 7;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        seed >> 33
    };
    let needs: Vec<Vec<Choice>> = (0..8)
        .map(|_| (0..50).map(|_| Choice { cost: 1_000_000 + next() % 100_000_000, score: (next() % 1001) as u32 }).collect())
        .collect();
    let budget = Amount::whole(300);
    c.bench_function("optimize_exact_8_needs_x_50_offers", |b| b.iter(|| black_box(optimize(black_box(&needs), budget))));
}

criterion_group!(kernel, benches);
criterion_main!(kernel);
