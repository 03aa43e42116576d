//! Settlement throughput on a node: one cart of N merchants settled through the `Flux` facade by
//! the EVM settler (preflight, sign, journal, pipelined broadcast, receipts verified). Prints one
//! JSON line. Driven by bench/settle_throughput.py, which starts the node and funds the sender.
//!
//! `FLUX_PRIVATE_KEY=0x… cargo run --release --features evm --example settle_bench -- <rpc-url> <legs> [rounds]`

#![allow(clippy::float_arithmetic)] // timing statistics, not money

use std::time::Instant;

use flux_core::{Cart, ChainConfig, EvmSettler, Flux, MemoryCatalog, PaymentKey, Policy, SettlementStatus};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("settle_bench: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = args.first().ok_or("usage: settle_bench <rpc-url> <legs> [rounds]")?;
    let legs: usize = args.get(1).map_or(Ok(100), |s| s.parse())?;
    let rounds: usize = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let key = PaymentKey::from_env()?.ok_or("set FLUX_PRIVATE_KEY")?;

    // N merchants, each selling one offer at 0.01 USDC a unit; the cart buys one line of each, as
    // the kernel quotes it (only quoted carts are paid).
    let mut policy = String::new();
    let (mut vendors, mut offers, mut lines) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..legs {
        policy.push_str(&format!(
            "[[merchants]]\nid = \"m{i:04}\"\nname = \"Merchant {i}\"\npayout_address = \"0x{:040x}\"\n\n",
            0x00f1_0000_0000u64 + i as u64
        ));
        vendors.push(serde_json::json!({"id": format!("m{i:04}"), "name": format!("Merchant {i}"), "trust_score": 80}));
        offers.push(serde_json::json!({"id": format!("o{i:04}"), "vendor_id": format!("m{i:04}"), "category": "snacks",
            "name": format!("Item {i}"), "price": "0.01", "pack_size": 1, "delivery_days": 1, "stock": 1_000_000}));
        lines.push(
            serde_json::json!({"id": format!("o{i:04}"), "vendor_id": format!("m{i:04}"), "price": "0.01", "quantity": 1, "units": 1}),
        );
    }
    let catalog = MemoryCatalog::from_json(&serde_json::json!({"vendors": vendors, "offers": offers}).to_string())?;
    policy.push_str(&format!("[rules]\nmax_budget_cap = \"1000000\"\nmax_lines = {legs}\nallowed_chain_ids = [5042002]\n"));
    let policy = Policy::from_toml(&policy)?;

    let mut config = ChainConfig::arc_testnet().with_rpc_url(url.as_str());
    config.poll_interval_ms = 5;
    let dir = std::env::temp_dir().join(format!("flux-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    // The durable ledger in the loop: spend, keys and the settler's journal and nonces in one file.
    let (ledger, journal) = flux_core::sqlite_ledger(dir.join("ledger.sqlite"))?;
    let settler = EvmSettler::new(config, key, journal)?;
    let flux = Flux::builder().catalog(catalog).policy(policy).settler(settler).ledger_arc(ledger).build()?;

    let mut best = f64::MAX;
    let mut total_secs = 0.0;
    let mut round_secs = Vec::with_capacity(rounds);
    for r in 0..rounds {
        // Distinct carts per round (more units of the first offer), so no round replays another.
        let mut ls = lines.clone();
        ls[0]["quantity"] = serde_json::json!(2 + r);
        ls[0]["units"] = serde_json::json!(2 + r);
        let cart = Cart::from_json(&serde_json::to_string(&ls)?)?;
        let t = Instant::now();
        let s = flux.execute(&cart).await?;
        let secs = t.elapsed().as_secs_f64();
        if s.status != SettlementStatus::Success || s.legs.len() != legs {
            return Err(format!("round {r}: {:?}", s.status).into());
        }
        if std::env::var("FLUX_BENCH_TRACE").is_ok() {
            eprintln!(
                "round {r}: {:.0} ms; {}",
                secs * 1000.0,
                s.logs.iter().filter(|l| l.contains(" ms")).cloned().collect::<Vec<_>>().join("; ")
            );
        }
        best = best.min(secs);
        total_secs += secs;
        round_secs.push(secs);
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "{}",
        serde_json::json!({"legs": legs, "rounds": rounds, "best_s": best, "total_s": total_secs,
            "legs_per_s": (legs * rounds) as f64 / total_secs, "best_legs_per_s": legs as f64 / best,
            "round_s": round_secs})
    );
    Ok(())
}
