//! Runs every determinism vector in `testdata/vectors/` and compares byte for byte.
//! `FLUX_BLESS=1` rewrites the expected outputs instead (review the diff!).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use flux_core::MemoryLedger;
use flux_core::*;
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/vectors")
}

/// Everything a vector computes: (proposal canonical JSON, cart id, decision canonical JSON).
/// The intent's exact JSON text (numbers keep their digits), as a binding would pass it.
fn intent_text(file_text: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        intent: &'a serde_json::value::RawValue,
    }
    serde_json::from_str::<Raw<'_>>(file_text).unwrap().intent.get().to_owned()
}

fn run_vector(v: &Value, intent_json: &str) -> (String, String, String) {
    let intent = Intent::from_json(intent_json).unwrap();
    let mut catalogs = if v["with_embedded_catalog"] == false { vec![] } else { vec![EmbeddedCatalog::data()] };
    if v["catalog"].is_object() {
        catalogs.push(Arc::new(CatalogData::from_json(&v["catalog"].to_string()).unwrap()));
    }
    let catalog = if catalogs.len() == 1 { catalogs.remove(0) } else { Arc::new(CatalogData::merge(&catalogs).unwrap()) };
    let policy = match &v["policy"] {
        Value::String(s) if s == "demo" => Policy::demo(),
        other => Policy::from_json(&other.to_string()).unwrap(),
    };
    let plan = OfflineParser.parse_sync(&intent, catalog.vocabulary()).unwrap().sanitize(catalog.vocabulary());
    // As every host's Flux proposes: from the merchants the policy pays.
    let proposal = propose_under(&catalog, &intent, &plan, 5, &policy).unwrap();
    let now = v["now"].as_u64().unwrap();
    let decision = policy.authorize(&proposal.cart, &Target::arc_testnet(), &SpendState::default(), now);
    (proposal.canonical_json(), proposal.cart_id.clone(), to_canonical_json(&decision))
}

#[test]
fn every_vector_reproduces_byte_for_byte() {
    let bless = std::env::var("FLUX_BLESS").is_ok_and(|v| v == "1");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "vectors missing");
    let (mut allowed, mut denied) = (0, 0);
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        let intent_json = intent_text(&text);
        let (proposal, cart_id, decision) = run_vector(&v, &intent_json);
        // Also through the facade, which must agree with the pure functions.
        if v["catalog"] == "embedded" && v["policy"] == "demo" {
            let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(v["now"].as_u64().unwrap() * 1000)).build().unwrap();
            let p = block_on(flux.orchestrate(&Intent::from_json(&intent_json).unwrap())).unwrap();
            assert_eq!(p.canonical_json(), proposal, "{}: facade differs", path.display());
        }
        if decision.contains("\"decision\":\"allow\"") {
            allowed += 1;
        } else {
            denied += 1;
        }
        if bless {
            v["expected"] = serde_json::json!({"proposal": proposal, "cart_id": cart_id, "decision": decision});
            std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
            continue;
        }
        let e = &v["expected"];
        assert_eq!(e["cart_id"].as_str(), Some(cart_id.as_str()), "{}: cart_id", path.display());
        assert_eq!(e["proposal"].as_str(), Some(proposal.as_str()), "{}: proposal", path.display());
        assert_eq!(e["decision"].as_str(), Some(decision.as_str()), "{}: decision", path.display());
    }
    assert!(allowed > 0 && denied > 0, "vectors should cover both decisions ({allowed} allowed, {denied} denied)");
}
