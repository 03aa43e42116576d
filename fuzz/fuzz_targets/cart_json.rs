//! Fuzz target `cart_json`: see `flux_fuzz::cart_json` (fuzz/src/lib.rs) for what it parses and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    flux_fuzz::cart_json(data);
});
