//! The bad-input corpus (`testdata/bad-input/`) through the kernel's entry points: every case
//! gets its typed error with its stable code (and, through `flux_core::http`, its status) —
//! never a panic, never a 500 — and for cart cases nothing is signed. Every message goes into
//! the secret scan.
#![cfg(all(feature = "signing", feature = "llm"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod corpus;
mod memory_config;
mod scan;

use corpus::{answer_codes, code, input, name};
use flux_core::http::{self, AmountStyle, Upload, UploadQuery};
use flux_core::{block_on, Cart, ChainConfig, Document, Flux, FluxConfig, FluxError, Intent, MemoryLedger, Policy, Vocabulary};
use memory_config::from_config;
use scan::Scan;
use serde_json::Value;

/// The code a kernel error answers with: its own, or for a denial also its violations'.
fn codes_of(e: &FluxError) -> Vec<String> {
    let mut codes = vec![e.code().to_owned()];
    codes.extend(e.violations().iter().map(|v| v.code.as_str().to_owned()));
    codes
}

/// Checks one outcome; returns a line describing a mismatch.
fn check(what: &str, case: &Value, got: Result<Vec<String>, String>, status: Option<u16>) -> Option<String> {
    let want = code(case);
    let name = name(case);
    if let Some(s) = status {
        let want_status = case["status"].as_u64().unwrap() as u16;
        if s != want_status || s >= 500 {
            return Some(format!("{what} {name:?}: status {s}, want {want_status} ({got:?})"));
        }
    }
    match got {
        Ok(codes) if codes.contains(&want) => None,
        Ok(codes) => Some(format!("{what} {name:?}: codes {codes:?}, want {want}")),
        Err(ok) => Some(format!("{what} {name:?}: no error ({ok}), want {want}")),
    }
}

fn report(entry: &str, failures: Vec<String>, total: usize) {
    assert!(failures.is_empty(), "{entry}: {} of {total} cases wrong:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn intents() {
    let (flux, scan, cases) = (Flux::builder().ledger(MemoryLedger::new()).build().unwrap(), Scan::new(), corpus::cases("intent"));
    let mut failures = Vec::new();
    for case in &cases {
        let body = input(case);
        let core = match Intent::from_json_bytes(&body) {
            Err(e) => Err(FluxError::from(e)),
            Ok(intent) => block_on(flux.orchestrate(&intent)).map(|p| p.cart.id()),
        };
        let core = core.map_err(|e| {
            scan.error(&name(case), &e);
            codes_of(&e)
        });
        failures.extend(check("core", case, core.map_or_else(Ok, Err), None));
        let answer = block_on(http::orchestrate(&flux, &body, AmountStyle::String));
        scan.text(name(case), answer.body.clone());
        failures.extend(check("http", case, Ok(answer_codes(&answer.body)), Some(answer.status)));
    }
    scan.assert_clean();
    report("intent", failures, cases.len());
}

#[test]
fn carts_are_refused_and_nothing_is_signed() {
    let (flux, scan, cases) = (Flux::builder().ledger(MemoryLedger::new()).build().unwrap(), Scan::new(), corpus::cases("cart"));
    let mut failures = Vec::new();
    for case in &cases {
        let body = input(case);
        let core = match Cart::from_json_bytes(&body) {
            Err(e) => Err(FluxError::from(e)),
            Ok(cart) => block_on(flux.execute(&cart)).map(|s| s.cart_id),
        };
        let core = core.map_err(|e| {
            scan.error(&name(case), &e);
            codes_of(&e)
        });
        failures.extend(check("core", case, core.map_or_else(Ok, Err), None));
        let answer = block_on(http::execute_payment(&flux, &body, None, None, AmountStyle::String));
        scan.text(name(case), answer.body.clone());
        failures.extend(check("http", case, Ok(answer_codes(&answer.body)), Some(answer.status)));
        let audit = flux.take_audit_jsonl();
        if audit.contains("settlement.completed") || answer.body.contains("transaction_hashes") {
            failures.push(format!("{:?}: SETTLED (signed) — a bad cart must never be paid", name(case)));
        }
        scan.text(format!("{}: audit", name(case)), audit);
    }
    scan.assert_clean();
    report("cart", failures, cases.len());
}

#[test]
fn uploads() {
    let (flux, scan, cases) = (Flux::builder().ledger(MemoryLedger::new()).build().unwrap(), Scan::new(), corpus::cases("upload"));
    let mut failures = Vec::new();
    for case in &cases {
        let file = case.get("file").map(|f| (corpus::base64(f["base64"].as_str().unwrap()), f["name"].as_str(), f["media_type"].as_str()));
        let q = |k: &str| case["query"][k].as_str();
        let query = UploadQuery { budget: q("budget"), strategy: q("strategy"), deadline_days: q("deadline_days") };
        let upload = file.as_ref().map(|(bytes, name, media)| Upload { bytes, file_name: *name, media_type: *media });
        let answer = block_on(http::upload_intent(&flux, upload, query, AmountStyle::String));
        scan.text(name(case), answer.body.clone());
        failures.extend(check("http", case, Ok(answer_codes(&answer.body)), Some(answer.status)));
        // The file's own errors also through the core, with valid terms.
        let plain_terms = case["query"] == serde_json::json!({"budget": "2000"});
        if let (Some((bytes, name, media)), true) = (&file, plain_terms) {
            let core = Document::new(bytes.clone(), *name, *media).map_err(FluxError::from).and_then(|d| {
                block_on(flux.orchestrate_document(&d, flux_core::Amount::whole(2000), 7, flux_core::Strategy::Balanced))
                    .map(|p| p.cart.id())
            });
            failures.extend(check("core", case, core.map_err(|e| codes_of(&e)).map_or_else(Ok, Err), None));
        }
    }
    scan.assert_clean();
    report("upload", failures, cases.len());
}

fn text(case: &Value) -> String {
    String::from_utf8(input(case)).unwrap()
}

#[test]
fn policies() {
    let (scan, cases) = (Scan::new(), corpus::cases("policy"));
    let mut failures = Vec::new();
    for case in &cases {
        let doc = text(case);
        let r = if case["format"] == "toml" { Policy::from_toml(&doc) } else { Policy::from_json(&doc) };
        let got = r.map(|p| p.hash().to_owned()).map_err(|e| {
            scan.error(&name(case), &e);
            vec![e.code().to_owned()]
        });
        failures.extend(check("core", case, got.map_or_else(Ok, Err), None));
    }
    scan.assert_clean();
    report("policy", failures, cases.len());
}

#[test]
fn chains() {
    let (scan, cases) = (Scan::new(), corpus::cases("chain"));
    let mut failures = Vec::new();
    for case in &cases {
        let doc = text(case);
        let r = if case["format"] == "toml" { ChainConfig::from_toml(&doc) } else { ChainConfig::from_json(&doc) };
        let got = r.map(|c| format!("{c:?}")).map_err(|e| {
            scan.error(&name(case), &e);
            vec![e.code().to_owned()]
        });
        failures.extend(check("core", case, got.map_or_else(Ok, Err), None));
    }
    scan.assert_clean();
    report("chain", failures, cases.len());
}

#[test]
fn configs() {
    let (scan, cases) = (Scan::new(), corpus::cases("config"));
    let dir = std::env::temp_dir().join(format!("flux-bad-config-{}", std::process::id()));
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let files = dir.join(i.to_string());
        std::fs::create_dir_all(&files).unwrap();
        for (file, content) in case["files"].as_object().into_iter().flatten() {
            std::fs::write(files.join(file), content.as_str().unwrap()).unwrap();
        }
        let doc = text(case).replace("@FILES@", files.to_str().unwrap());
        let got = FluxConfig::from_json(&doc).map_err(FluxError::from).and_then(|c| from_config(&c)).map(|f| format!("{f:?}"));
        let got = got.map_err(|e| {
            scan.error(&name(case), &e);
            codes_of(&e)
        });
        failures.extend(check("core", case, got.map_or_else(Ok, Err), None));
    }
    let _ = std::fs::remove_dir_all(&dir);
    scan.assert_clean();
    report("config", failures, cases.len());
}

#[test]
fn llm_answers() {
    let (scan, cases, vocabulary) = (Scan::new(), corpus::cases("llm_answer"), Vocabulary::embedded());
    let mut failures = Vec::new();
    for case in &cases {
        let answer = text(case);
        match (flux_core::plan_from_answer(&answer, &vocabulary), code(case).as_str()) {
            (Ok(plan), "OK") => {
                let ok = &case["ok"];
                let dropped: Vec<String> = plan.dropped.iter().map(|d| format!("{:?}", d.reason)).collect();
                for want in ok["dropped"].as_array().into_iter().flatten() {
                    let want = want.as_str().unwrap().replace('_', "");
                    if !dropped.iter().any(|d| d.to_lowercase() == want) {
                        failures.push(format!("{:?}: dropped {dropped:?}, want {want}", name(case)));
                    }
                }
                if plan.needs.is_empty() || plan.needs.len() > flux_core::MAX_NEEDS {
                    failures.push(format!("{:?}: {} needs", name(case), plan.needs.len()));
                }
                for need in &plan.needs {
                    if need.quantity == 0 || need.quantity > flux_core::MAX_NEED_QUANTITY || vocabulary.get(&need.category).is_none() {
                        failures.push(format!("{:?}: need {need:?} escaped the vocabulary or the quantity range", name(case)));
                    }
                }
                scan.debug(name(case), &plan);
            }
            (Ok(plan), want) => failures.push(format!("{:?}: a plan ({} needs), want {want}", name(case), plan.needs.len())),
            (Err(e), want) => {
                scan.error(&name(case), &e);
                if e.code() != want {
                    failures.push(format!("{:?}: code {}, want {want}", name(case), e.code()));
                }
            }
        }
    }
    scan.assert_clean();
    report("llm_answer", failures, cases.len());
}
