//! Replays fuzzing inputs through the very code path of each fuzz target (fuzz/src/lib.rs, included
//! below): every input that once crashed a target (`tests/fuzz_regressions/<target>/`, copied
//! there by `scripts/fuzz.sh`) and the committed seed corpora (`fuzz/corpus/<target>/`). None may
//! panic or break a target's invariants. A panic is caught per input so the failure names every
//! file that fails, not only the first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// One fuzz target: its name (its directory's name) and the function it runs.
struct Target {
    name: &'static str,
    run: fn(&[u8]) -> bool,
}

const TARGETS: &[Target] = &[
    Target { name: "cart_json", run: targets::cart_json },
    Target { name: "policy_file", run: targets::policy_file },
    Target { name: "chain_config", run: targets::chain_config },
    Target { name: "intent", run: targets::intent },
    #[cfg(feature = "llm")]
    Target { name: "llm_answer", run: targets::llm_answer },
    Target { name: "document", run: targets::document },
    Target { name: "flux_config", run: targets::flux_config },
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The files of `dir` (none when it does not exist), dot files left out, sorted.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.unwrap().path()).filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.')).collect();
    files.sort();
    files
}

/// Runs every input through `target`; returns (inputs replayed, inputs that parsed, failures).
fn replay(target: &Target, files: &[PathBuf]) -> (usize, usize, Vec<String>) {
    let mut parsed = 0;
    let mut failures = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        match catch_unwind(AssertUnwindSafe(|| (target.run)(&bytes))) {
            Ok(true) => parsed += 1,
            Ok(false) => {}
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                failures.push(format!("{}: {}", file.display(), message));
            }
        }
    }
    (files.len(), parsed, failures)
}

#[test]
fn crash_inputs_found_by_fuzzing_stay_fixed() {
    let dir = root().join("tests/fuzz_regressions");
    let mut failures = Vec::new();
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // A directory of a target this build leaves out (`llm_answer` without the feature) waits;
        // any other name is a typo that would leave its inputs unreplayed.
        let Some(target) = TARGETS.iter().find(|t| t.name == name) else {
            assert!(name == "llm_answer" && cfg!(not(feature = "llm")), "no fuzz target named {name:?} (tests/fuzz_regressions/{name})");
            continue;
        };
        let (count, _, failed) = replay(target, &inputs(&path));
        replayed += count;
        failures.extend(failed);
    }
    assert!(failures.is_empty(), "{} of {replayed} regression inputs fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn seed_corpora_run_clean_and_reach_past_parsing() {
    let mut failures = Vec::new();
    for target in TARGETS {
        let files = inputs(&root().join("../fuzz/corpus").join(target.name));
        let (count, parsed, failed) = replay(target, &files);
        assert!(count > 0, "no seed corpus for {}", target.name);
        // The seeds are valid documents: most must parse, so the invariants after parsing run.
        assert!(parsed * 2 > count, "{}: only {parsed} of {count} seeds parse", target.name);
        failures.extend(failed);
    }
    assert!(failures.is_empty(), "seed inputs fail:\n{}", failures.join("\n"));
}

/// The replay is not vacuous: a target does panic on a broken invariant, and the replay catches
/// it and names the file.
#[test]
fn a_panicking_input_is_reported_with_its_file() {
    fn always_panics(_: &[u8]) -> bool {
        panic!("boom")
    }
    let dir = std::env::temp_dir().join(format!("flux-fuzz-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("crash-1"), b"{}").unwrap();
    let (count, _, failures) = replay(&Target { name: "probe", run: always_panics }, &inputs(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(count, 1);
    assert_eq!(failures.len(), 1);
    assert!(failures[0].contains("crash-1") && failures[0].ends_with("boom"), "{failures:?}");
}
