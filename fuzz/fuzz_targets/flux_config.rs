//! Fuzz target `flux_config`: see `flux_fuzz::flux_config` (fuzz/src/lib.rs) for what it parses and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    flux_fuzz::flux_config(data);
});
