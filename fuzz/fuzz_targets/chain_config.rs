//! Fuzz target `chain_config`: see `flux_fuzz::chain_config` (fuzz/src/lib.rs) for what it parses and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    flux_fuzz::chain_config(data);
});
