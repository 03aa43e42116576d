//! Fuzz target `intent`: see `flux_fuzz::intent` (fuzz/src/lib.rs) for what it parses and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    flux_fuzz::intent(data);
});
