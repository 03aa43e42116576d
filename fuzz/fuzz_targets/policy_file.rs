//! Fuzz target `policy_file`: see `flux_fuzz::policy_file` (fuzz/src/lib.rs) for what it parses and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    flux_fuzz::policy_file(data);
});
