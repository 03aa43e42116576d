//! Fuzz target `document`: see `flux_fuzz::document` (fuzz/src/lib.rs) for what it parses and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    flux_fuzz::document(data);
});
