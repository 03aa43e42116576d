//! Where to buy, end to end: a cart buys only from the stores a prompt asks for and never from
//! one it rules out, with either parser; a need only ruled-out stores sell is unmet and says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[cfg(feature = "llm")]
mod llm_support;

use flux_core::{block_on, Amount, Flux, Intent, MemoryLedger, Proposal, Strategy, UnmetReason};

fn propose(flux: &Flux, prompt: &str, budget: u32) -> Proposal {
    let intent = Intent::new(prompt, Amount::whole(budget), 7, Strategy::Balanced).unwrap();
    block_on(flux.orchestrate(&intent)).unwrap()
}

fn offline() -> Flux {
    Flux::builder().ledger(MemoryLedger::new()).build().unwrap()
}

/// (category, vendor id) of every cart line.
fn bought(p: &Proposal) -> Vec<(String, String)> {
    p.cart.lines().iter().map(|l| (l.category.clone(), l.vendor_id.clone())).collect()
}

#[test]
fn the_cart_buys_where_it_was_asked() {
    let flux = offline();
    // Without a word of where, Walmart's Red Bull is the pick: each request below changes it.
    let anywhere = propose(&flux, "24 energy drinks", 500);
    assert_eq!(bought(&anywhere), [("drinks".into(), "walmart".into())]);
    for prompt in ["24 energy drinks from amazon only", "24 energy drinks, no walmart", "don't order from walmart: 24 energy drinks"] {
        let p = propose(&flux, prompt, 500);
        assert_eq!(bought(&p), [("drinks".into(), "amazon".into())], "{prompt}");
        assert!(p.unmet.is_empty(), "{prompt}: {:?}", p.unmet);
        // The ranking says why Walmart's offers were left out.
        let excluded = &p.alternatives[0].excluded_counts;
        assert!(excluded.keys().any(|r| r.as_str() == "merchant_not_wanted"), "{prompt}: {excluded:?}");
        assert!(p.alternatives[0].options.iter().all(|o| o.vendor_id == "amazon"), "{prompt}");
    }
    // Each item from its own store.
    let p = propose(&flux, "24 energy drinks from amazon, 5 usb-c hubs from techdata", 500);
    assert_eq!(bought(&p), [("drinks".into(), "amazon".into()), ("adapters".into(), "tech_direct".into())]);
}

#[test]
fn a_need_only_ruled_out_stores_sell_is_unmet_not_bought_elsewhere() {
    let flux = offline();
    // TechData sells no energy drinks.
    let p = propose(&flux, "24 energy drinks from techdata only, 5 usb-c hubs", 500);
    assert_eq!(p.unmet.len(), 1, "{:?}", p.unmet);
    assert_eq!((p.unmet[0].item.as_str(), p.unmet[0].reason), ("energy drinks", UnmetReason::MerchantNotWanted));
    assert_eq!(p.cart.lines().len(), 1);
    assert_eq!(p.cart.lines()[0].category, "adapters");
    let p = propose(&flux, "24 energy drinks, nothing from amazon or walmart", 500);
    assert!(p.cart.lines().is_empty());
    assert_eq!(p.unmet[0].reason.as_str(), "merchant_not_wanted");
    // A store the catalog does not sell from: not bought at another instead.
    let p = propose(&flux, "24 energy drinks, only from target", 500);
    assert!(p.cart.lines().is_empty());
    assert_eq!(p.unmet[0].reason.as_str(), "merchant_not_wanted");
    assert!(p.dropped.iter().all(|d| d.item != "target"), "{:?}", p.dropped);
}

#[cfg(feature = "llm")]
#[tokio::test]
async fn a_model_never_chooses_the_store_the_prompt_does() {
    use flux_core::{ApiKey, LlmConfig, LlmParser, Provider};
    use llm_support::{FakeServer, Reply};

    const KEY: &str = "sk-test-SECRET0123456789abcdefSECRET";
    // The model reads the items, and names a store of its own: ignored, as every merchant field is.
    let answer = r#"{"needs": [{"category": "drinks", "item": "energy drinks", "quantity": 24, "notes": null, "merchants": ["walmart"]},
        {"category": "adapters", "item": "usb-c hubs", "quantity": 5, "notes": null}], "headcount": null}"#;
    let server = FakeServer::start(vec![Reply::chat(answer)], "gpt-4o-mini", Some(KEY));
    let config = LlmConfig::new(Provider::OpenAi).with_base_url(server.base_url()).with_api_key(ApiKey::new(KEY).unwrap());
    let flux = Flux::builder().ledger(MemoryLedger::new()).parser(LlmParser::new(config).unwrap()).build().unwrap();
    let intent =
        Intent::new("24 energy drinks from amazon only, and 5 usb-c hubs from techdata", Amount::whole(500), 7, Strategy::Balanced)
            .unwrap();
    let p = flux.orchestrate(&intent).await.unwrap();
    server.assert_valid_requests();
    assert_eq!(p.telemetry.parse.parser, "llm");
    assert_eq!(bought(&p), [("drinks".into(), "amazon".into()), ("adapters".into(), "tech_direct".into())]);
    assert!(p.dropped.iter().any(|d| d.item.starts_with("needs[0].merchants=") && d.reason.as_str() == "ignored_field"), "{:?}", p.dropped);
}
