//! The Rust side of `bench/mobile.sh`: the core calls the Kotlin binding wraps (`orchestrate`,
//! `authorize`), timed the same way as `bench/mobile/MobileBench.kt` (warm-up, then the median of
//! seven rounds), so the difference is the binding's per-call overhead. Also the same calls
//! through flux-mobile's own Rust API (conversions to records and canonical JSON, no FFI), which
//! splits that overhead into the binding's conversions and the foreign call itself.

use std::time::Instant;

use flux_core::{block_on, Amount, Flux, FluxConfig, Intent, Strategy};

/// Median nanoseconds per call of `f` over `rounds` rounds of `n` calls, after `n` warm-up calls.
fn median_ns(n: u32, rounds: usize, mut f: impl FnMut()) -> u128 {
    for _ in 0..n {
        f();
    }
    let mut per_call: Vec<u128> = (0..rounds)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..n {
                f();
            }
            started.elapsed().as_nanos() / u128::from(n)
        })
        .collect();
    per_call.sort_unstable();
    per_call[rounds / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let flux = Flux::from_config(&FluxConfig::default())?;
    let intent = Intent::new("hackathon kit: snacks, badges, prizes", Amount::parse("500")?, 7, Strategy::Balanced)?;
    let proposal = block_on(flux.orchestrate(&intent))?;
    let canonical = median_ns(2_000, 7, || {
        let _ = proposal.canonical_json();
    });
    let cart = proposal.cart;
    let orchestrate = median_ns(2_000, 7, || {
        let _ = block_on(flux.orchestrate(&intent));
    });
    let authorize = median_ns(20_000, 7, || {
        let _ = flux.authorize(&cart);
    });
    let binding = flux_mobile::Flux::new(flux_mobile::FluxConfig::Defaults, None)?;
    let record = flux_mobile::Intent {
        prompt: intent.prompt().into(),
        budget: "500".into(),
        deadline_days: 7,
        strategy: flux_mobile::Strategy::Balanced,
    };
    let bound_cart = binding.orchestrate_blocking(record.clone())?.cart;
    let converted_orchestrate = median_ns(2_000, 7, || {
        let _ = binding.orchestrate_blocking(record.clone());
    });
    let converted_authorize = median_ns(20_000, 7, || {
        let _ = binding.authorize(bound_cart.clone(), None);
    });
    println!(
        "rust orchestrate_ns={orchestrate} authorize_ns={authorize} converted_orchestrate_ns={converted_orchestrate} \
         converted_authorize_ns={converted_authorize} \
         proposal_canonical_json_ns={canonical}"
    );
    Ok(())
}
