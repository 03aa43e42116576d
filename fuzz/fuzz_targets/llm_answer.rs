//! Fuzz target `llm_answer`: see `flux_fuzz::llm_answer` (fuzz/src/lib.rs) for what it parses and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    flux_fuzz::llm_answer(data);
});
