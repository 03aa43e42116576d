//! Quote integrity: a cart is paid only as the kernel itself quotes it. Every hostile edit of a
//! proposed cart below is denied with a typed violation and never reaches the settler; every
//! cart the kernel proposes, and every edit made through `replace_line`/`set_units`, passes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use flux_core::MemoryLedger;
use flux_core::*;
use proptest::prelude::{prop_assert, prop_assert_eq, prop_oneof, proptest, Just, ProptestConfig};
use proptest::strategy::Strategy as _;
use serde_json::{json, Value};

fn flux_with_recorder() -> (Flux, Arc<MemorySettler>) {
    let recorder = Arc::new(MemorySettler::default());
    let flux = Flux::builder().ledger(MemoryLedger::new()).settler(recorder.clone()).clock(FixedClock(1_764_000_000_000)).build().unwrap();
    (flux, recorder)
}

fn intent(prompt: &str, budget: &str) -> Intent {
    Intent::new(prompt, Amount::parse(budget).unwrap(), 7, Strategy::Balanced).unwrap()
}

/// A proposal of several lines from several merchants, one of them with several packs.
fn proposal(flux: &Flux) -> Proposal {
    let p = block_on(flux.orchestrate(&intent("24 energy drinks, 10 usb-c hubs and 150 badge holders", "900"))).unwrap();
    assert!(p.cart.lines().len() >= 3, "{}", p.cart.canonical_json());
    assert!(flux.authorize(&p.cart).is_allowed(), "the proposal itself is paid: {:?}", flux.authorize(&p.cart).violations());
    p
}

/// The proposal's lines as a client sends them back: JSON with the exact amounts.
fn lines(p: &Proposal) -> Vec<Value> {
    serde_json::from_str::<Value>(&p.cart.canonical_json()).unwrap()["lines"].as_array().unwrap().clone()
}

fn amount(v: &Value) -> Amount {
    Amount::parse(v.as_str().unwrap()).unwrap()
}

fn micro(a: Amount, delta: i64) -> Value {
    json!(Amount::from_units(a.units().checked_add_signed(delta).unwrap()).unwrap().to_string())
}

/// Executes the edited lines and returns the violation codes; asserts nothing was paid.
fn denied_codes(flux: &Flux, recorder: &MemorySettler, edited: &[Value]) -> Vec<&'static str> {
    let cart = Cart::from_json(&Value::from(edited.to_vec()).to_string()).unwrap();
    assert!(!flux.authorize(&cart).is_allowed(), "authorize allowed {}", cart.canonical_json());
    let err = block_on(flux.execute(&cart)).unwrap_err();
    assert_eq!(err.code(), "POLICY_VIOLATION", "{err}");
    assert_eq!(err.http_status(), 403);
    assert!(recorder.settlements().is_empty(), "a cart that is not the kernel's quote reached the settler");
    err.violations().iter().map(|v| v.code.as_str()).collect()
}

#[test]
fn a_price_lowered_by_one_micro_dollar_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let mut edited = lines(&p);
    let (price, qty) = (amount(&edited[0]["price"]), edited[0]["quantity"].as_u64().unwrap());
    edited[0]["price"] = micro(price, -1);
    edited[0]["line_total"] = json!(amount(&edited[0]["price"]).checked_mul(qty).unwrap().to_string());
    assert_eq!(denied_codes(&flux, &recorder, &edited), ["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"]);
}

#[test]
fn a_price_raised_by_one_micro_dollar_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let mut edited = lines(&p);
    let last = edited.len() - 1;
    let (price, qty) = (amount(&edited[last]["price"]), edited[last]["quantity"].as_u64().unwrap());
    edited[last]["price"] = micro(price, 1);
    edited[last]["line_total"] = json!(amount(&edited[last]["price"]).checked_mul(qty).unwrap().to_string());
    let codes = denied_codes(&flux, &recorder, &edited);
    assert_eq!(codes, ["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"]);
}

#[test]
fn an_edited_line_total_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    // A line whose total is not the quote, the cart's total following it.
    let mut lines = p.cart.lines().to_vec();
    lines[1].line_total = Amount::from_units(lines[1].line_total.units() - 1).unwrap();
    let cart = Cart::new(lines).unwrap();
    let err = block_on(flux.execute(&cart)).unwrap_err();
    let codes: Vec<_> = err.violations().iter().map(|v| v.code.as_str()).collect();
    assert_eq!(codes, ["INCONSISTENT_LINE", "LINE_TOTAL_NOT_QUOTED"]);
    // The quote is checked even where the policy's own arithmetic holds: price and total edited
    // together, one micro-dollar a pack.
    let mut lines = p.cart.lines().to_vec();
    lines[1].price = Amount::from_units(lines[1].price.units() - 1).unwrap();
    lines[1].line_total = lines[1].price.checked_mul(u64::from(lines[1].quantity)).unwrap();
    let err = block_on(flux.execute(&Cart::new(lines).unwrap())).unwrap_err();
    let codes: Vec<_> = err.violations().iter().map(|v| v.code.as_str()).collect();
    assert_eq!(codes, ["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"]);
    assert!(recorder.settlements().is_empty());
    // Sent as JSON, a line total that is not price × quantity is refused as it is read.
    let mut edited = self::lines(&p);
    edited[1]["line_total"] = micro(amount(&edited[1]["line_total"]), -1);
    let err = Cart::from_json(&Value::from(edited).to_string()).unwrap_err();
    assert_eq!(err.code(), "INCONSISTENT_LINE");
}

#[test]
fn a_quantity_edited_without_requoting_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    // In the JSON: one more pack, the total made to match, the units left as they were.
    let mut edited = lines(&p);
    let qty = edited[0]["quantity"].as_u64().unwrap() + 1;
    edited[0]["quantity"] = json!(qty);
    edited[0]["line_total"] = json!(amount(&edited[0]["price"]).checked_mul(qty).unwrap().to_string());
    assert!(denied_codes(&flux, &recorder, &edited).contains(&"UNITS_NOT_QUOTED"));
    // Through `Cart::set_quantity` (units follow, the pack price stays): across a volume tier the
    // kernel quotes another pack price.
    let (line, packs) = p
        .cart
        .lines()
        .iter()
        .find_map(|l| {
            let offer = EmbeddedCatalog::data().offer(&l.id).cloned()?;
            let vendor = EmbeddedCatalog::data().vendor(&offer.vendor_id).cloned()?;
            let tier = vendor.volume_tiers.iter().map(|t| t.min_packs).filter(|m| *m > l.quantity).min()?;
            Some((l.clone(), tier))
        })
        .expect("a line below one of its vendor's volume tiers");
    let bulk = p.cart.set_quantity(&line.id, packs).unwrap();
    let err = block_on(flux.execute(&bulk)).unwrap_err();
    let codes: Vec<_> = err.violations().iter().map(|v| v.code.as_str()).collect();
    assert_eq!(codes, ["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"], "{packs} packs of {}", line.id);
    assert!(recorder.settlements().is_empty());
    // The kernel's own edit of the same line to the same packs is paid.
    let offer = EmbeddedCatalog::data().offer(&line.id).cloned().unwrap();
    let requoted = block_on(flux.set_units(&p.cart, &line.id, packs * offer.pack_size, &p.intent)).unwrap();
    assert!(requoted.line(&line.id).unwrap().price < line.price, "the tier lowers the pack price");
    block_on(flux.execute(&requoted)).unwrap();
    assert_eq!(recorder.settlements().len(), 1);
}

#[test]
fn packs_beyond_the_stock_are_refused_even_at_the_quoted_price() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let line = p.cart.lines()[0].clone();
    let offer = EmbeddedCatalog::data().offer(&line.id).cloned().unwrap();
    // Re-quoted exactly as the kernel would for one pack more than the stock: only the stock is wrong.
    let packs = offer.stock + 1;
    let vendor = EmbeddedCatalog::data().vendor(&offer.vendor_id).cloned().unwrap();
    let quote = flux_core::quote_packs(&offer, &vendor, packs).unwrap();
    let mut edited = lines(&p);
    edited[0]["quantity"] = json!(packs);
    edited[0]["units"] = json!(packs * offer.pack_size);
    edited[0]["price"] = json!(quote.unit_price.to_string());
    edited[0]["line_total"] = json!(quote.line_total.to_string());
    let codes = denied_codes(&flux, &recorder, &edited);
    assert!(codes.contains(&"OUT_OF_STOCK"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.ends_with("NOT_QUOTED")), "{codes:?}");
    // The whole stock is paid (under a budget that holds it: an edit keeps to its intent's).
    let roomy = Intent::new(p.intent.prompt(), Amount::whole(100_000), p.intent.deadline_days(), p.intent.strategy()).unwrap();
    let all = block_on(flux.set_units(&p.cart, &line.id, offer.stock * offer.pack_size, &roomy)).unwrap();
    assert!(!flux.authorize(&all).violations().iter().any(|v| v.code.as_str() == "OUT_OF_STOCK"));
}

#[test]
fn a_line_moved_to_another_vendor_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let mut edited = lines(&p);
    let other = ["amazon", "walmart", "tech_direct"].into_iter().find(|m| edited[0]["vendor_id"] != *m).unwrap();
    edited[0]["vendor_id"] = json!(other);
    assert_eq!(denied_codes(&flux, &recorder, &edited), ["VENDOR_MISMATCH"]);
}

#[test]
fn an_offer_id_that_does_not_exist_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let mut edited = lines(&p);
    edited[1]["id"] = json!(format!("{}-x", edited[1]["id"].as_str().unwrap()));
    assert_eq!(denied_codes(&flux, &recorder, &edited), ["UNKNOWN_OFFER"]);
}

#[test]
fn a_made_up_line_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let mut edited = lines(&p);
    edited.push(json!({"vendor_id": "amazon", "price": "1", "name": "Gift card"}));
    let cart = Cart::from_json(&Value::from(edited.clone()).to_string()).unwrap();
    let err = block_on(flux.execute(&cart)).unwrap_err();
    let v = &err.violations()[0];
    assert_eq!((v.code.as_str(), v.line, v.merchant.as_deref()), ("UNKNOWN_OFFER", Some(edited.len() - 1), Some("amazon")));
    assert_eq!(denied_codes(&flux, &recorder, &edited), ["UNKNOWN_OFFER"]);
}

#[test]
fn a_line_without_an_id_is_told_to_send_the_offer_id() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let mut edited = lines(&p);
    edited[1].as_object_mut().unwrap().remove("id");
    assert!(denied_codes(&flux, &recorder, &edited).contains(&"UNKNOWN_OFFER"));
    let cart = Cart::from_json(&Value::from(edited).to_string()).unwrap();
    let d = flux.authorize(&cart);
    let v = d.violations().iter().find(|v| v.code.as_str() == "UNKNOWN_OFFER").unwrap();
    assert_eq!((v.line, v.message.as_str()), (Some(1), "line 1 has no id: send back the offer id the kernel quoted for it"));
}

#[test]
fn a_duplicated_line_is_refused() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    // A copy under another id (none: the client's lines are numbered) pays the line twice.
    let mut edited = lines(&p);
    let mut copy = edited[0].clone();
    copy.as_object_mut().unwrap().remove("id");
    edited.push(copy);
    assert_eq!(denied_codes(&flux, &recorder, &edited), ["UNKNOWN_OFFER"]);
    // A copy under the same id: one offer is one line, re-quoted for the combined units.
    let mut edited = lines(&p);
    edited.push(edited[0].clone());
    assert_eq!(denied_codes(&flux, &recorder, &edited), ["DUPLICATE_LINE"]);
}

#[test]
fn every_bad_line_is_listed_with_the_policys_violations() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let mut edited = lines(&p);
    edited[0]["vendor_id"] = json!("evil_corp");
    edited[1]["price"] = micro(amount(&edited[1]["price"]), 1);
    edited[1].as_object_mut().unwrap().remove("line_total");
    let codes = denied_codes(&flux, &recorder, &edited);
    assert_eq!(codes, ["UNKNOWN_MERCHANT", "VENDOR_MISMATCH", "PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"]);
    let err = block_on(flux.execute(&Cart::from_json(&Value::from(edited).to_string()).unwrap())).unwrap_err();
    let at: Vec<_> = err.violations().iter().map(|v| v.line).collect();
    assert_eq!(at, [Some(0), Some(0), Some(1), Some(1)]);
    let audit = flux.audit_jsonl();
    assert!(audit.contains("\"PRICE_NOT_QUOTED\""), "the denial is audited with its codes");
}

#[test]
fn the_proposal_sent_back_as_json_is_paid() {
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    // With the numbers as the seed's dashboard sends them (JSON numbers of the exact text).
    let body = flux_core::http::amounts_as_numbers(&Value::from(lines(&p)).to_string());
    let echoed = Cart::from_json(&body).unwrap();
    assert_eq!(echoed.id(), p.cart_id);
    let s = block_on(flux.execute(&echoed)).unwrap();
    assert_eq!(s.total, p.total);
    assert_eq!(recorder.settlements().len(), 1);
}

#[test]
fn a_snapshot_is_merged_once_and_quotes_follow_the_catalogs() {
    let user = MemoryCatalog::from_json(
        r#"{"vendors":[{"id":"local","name":"Local","trust_score":90}],
            "offers":[{"id":"loc-snacks-1","vendor_id":"local","category":"snacks","name":"Cookies","price":"0.5","pack_size":30,"delivery_days":1,"stock":99}]}"#,
    )
    .unwrap();
    let flux =
        Flux::builder().ledger(MemoryLedger::new()).catalog(EmbeddedCatalog).catalog(user.clone()).policy(paying_local()).build().unwrap();
    let a = block_on(flux.catalog()).unwrap();
    let b = block_on(flux.catalog()).unwrap();
    assert!(Arc::ptr_eq(&a, &b), "unchanged parts are not merged again");
    // A cart of the user catalog's offer is checked against the merged snapshot.
    let p = block_on(flux.orchestrate(&intent("snacks for 30 people", "100"))).unwrap();
    assert_eq!(p.cart.lines()[0].id, "loc-snacks-1");
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart).violations());
    // Under a policy that does not know its merchant, the offer is not proposed at all.
    let demo = Flux::builder().ledger(MemoryLedger::new()).catalog(EmbeddedCatalog).catalog(user).build().unwrap();
    let p = block_on(demo.orchestrate(&intent("snacks for 30 people", "100"))).unwrap();
    assert_ne!(p.cart.lines()[0].id, "loc-snacks-1");
    assert_eq!(p.alternatives[0].excluded_counts.get(&ExclusionReason::MerchantNotAllowed), Some(&1));
}

/// The demo policy with the user catalogs' merchant "local" registered and allowed.
fn paying_local() -> Policy {
    let mut doc = Policy::demo().to_document();
    let mut local = doc.merchants[0].clone();
    (local.id, local.name) = ("local".into(), "Local".into());
    local.payout_address = Address::parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65").unwrap();
    doc.merchants.push(local);
    if let Some(allow) = doc.rules.allowlist.as_mut() {
        allow.push("local".into());
    }
    Policy::new(doc.merchants, doc.rules).unwrap()
}

const PROMPTS: &[&str] = &[
    "24 energy drinks",
    "24 energy drinks and 24 sugar-free energy drinks",
    "24 energy drinks and badges for 100 people",
    "10 usb-c hubs, 20 hdmi cables, power strips, a router",
    "hackathon kit: snacks, badges, prizes",
    "100 lanyards and 150 badge holders",
    "10 folding tables and 80 folding chairs",
    "48 bottles of water for the booth",
    "60 hoodies",
    "cold brew coffee for 20 people",
    "3 webcams and 2 wireless microphones",
    "coffee mugs, 24",
    "100 protein bars and 36 sparkling waters",
    "a projector and a projector screen",
];

fn strategy() -> impl proptest::strategy::Strategy<Value = Strategy> {
    prop_oneof![
        Just(Strategy::Cheapest),
        Just(Strategy::Fastest),
        Just(Strategy::Balanced),
        (1u32..10, 0u32..10, 0u32..10).prop_map(|(p, d, t)| Strategy::Custom(Weights { price: p, delivery: d, trust: t })),
    ]
}

fn quote_codes(d: &Decision) -> Vec<&'static str> {
    d.violations()
        .iter()
        .map(|v| v.code.as_str())
        .filter(|c| {
            ["UNKNOWN_OFFER", "VENDOR_MISMATCH", "PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED", "UNITS_NOT_QUOTED", "OUT_OF_STOCK"]
                .contains(c)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]
    /// Whatever the kernel proposes, and whatever its own edits make of it, is its own quote.
    #[test]
    fn every_proposed_and_kernel_edited_cart_passes(
        prompt in 0..PROMPTS.len(),
        budget in 20u32..5_000,
        days in 1u32..15,
        strategy in strategy(),
        pick in 0usize..8,
        units in 1u32..400,
    ) {
        let flux = Flux::builder().ledger(MemoryLedger::new()).clock(FixedClock(1_764_000_000_000)).build().unwrap();
        let Ok(intent) = Intent::new(PROMPTS[prompt], Amount::whole(budget), days, strategy) else { return Ok(()) };
        let p = block_on(flux.orchestrate(&intent)).unwrap();
        prop_assert_eq!(quote_codes(&flux.authorize(&p.cart)), Vec::<&str>::new());
        // Through JSON as a client sends it back, too.
        let echoed = Cart::from_json(&p.cart.canonical_json()).unwrap();
        prop_assert_eq!(echoed.id(), p.cart_id.clone());
        prop_assert_eq!(quote_codes(&flux.authorize(&echoed)), Vec::<&str>::new());
        let Some(line) = p.cart.lines().get(pick % p.cart.lines().len().max(1)).cloned() else { return Ok(()) };
        if let Ok(edited) = block_on(flux.set_units(&p.cart, &line.id, units, &p.intent)) {
            prop_assert_eq!(quote_codes(&flux.authorize(&edited)), Vec::<&str>::new());
        }
        // Replace the line by each of its alternatives.
        let alternatives = p.alternatives.iter().flat_map(|a| a.options.iter()).filter(|o| o.offer_id != line.id);
        for o in alternatives.take(3) {
            if let Ok(edited) = block_on(flux.replace_line(&p.cart, &line.id, &o.offer_id, units, &p.intent)) {
                let d = flux.authorize(&edited);
                prop_assert!(quote_codes(&d).is_empty(), "{:?}", d.violations());
            }
        }
    }
}

#[test]
fn two_needs_on_one_offer_never_buy_more_than_its_stock() {
    // The cheapest energy drink has one case in stock; both needs want a case. Merged into one
    // line they would buy two cases of it: the second need takes the next offer instead.
    let user = MemoryCatalog::from_json(
        r#"{"vendors":[{"id":"local","name":"Local","trust_score":90}],
            "offers":[
              {"id":"ed-cheap","vendor_id":"local","category":"drinks","name":"Sugar-free energy drink, 24 cans","price":"10","pack_size":24,"delivery_days":1,"stock":1,"tags":["energy drink","sugar-free"]},
              {"id":"ed-other","vendor_id":"local","category":"drinks","name":"Sugar-free energy drink, 24 cans","price":"20","pack_size":24,"delivery_days":1,"stock":10,"tags":["energy drink","sugar-free"]}]}"#,
    )
    .unwrap();
    let flux = Flux::builder().ledger(MemoryLedger::new()).catalog(user).policy(paying_local()).build().unwrap();
    let mut with_stock = intent("24 energy drinks and 24 sugar-free energy drinks", "100");
    with_stock = Intent::new(with_stock.prompt(), with_stock.budget(), 7, Strategy::Cheapest).unwrap();
    let p = block_on(flux.orchestrate(&with_stock)).unwrap();
    assert_eq!(p.needs.len(), 2, "{:?}", p.needs);
    let lines: Vec<(&str, u32)> = p.cart.lines().iter().map(|l| (l.id.as_str(), l.quantity)).collect();
    assert_eq!(lines, [("ed-cheap", 1), ("ed-other", 1)], "{}", p.to_json());
    assert_eq!(p.total.to_string(), "30");
    assert!(p.unmet.is_empty());

    // With no other offer within budget, the second need is unmet as out of stock.
    let tight = Intent::new(with_stock.prompt(), Amount::parse("25").unwrap(), 7, Strategy::Cheapest).unwrap();
    let p = block_on(flux.orchestrate(&tight)).unwrap();
    let lines: Vec<(&str, u32)> = p.cart.lines().iter().map(|l| (l.id.as_str(), l.quantity)).collect();
    assert_eq!(lines, [("ed-cheap", 1)]);
    assert_eq!(p.unmet.iter().map(|u| u.reason.as_str()).collect::<Vec<_>>(), ["out_of_stock"]);
}

#[test]
fn a_line_that_names_other_goods_is_refused_and_its_receipt_does_not_verify() {
    // Lines renamed "Apple MacBook Pro" from "Evil Corp" with a 99.99% "free" discount were paid,
    // and their receipt verified: a verified receipt then named goods never bought.
    let (flux, recorder) = flux_with_recorder();
    let p = proposal(&flux);
    let forgeries: [(&str, Value); 5] = [
        ("name", json!("Apple MacBook Pro")),
        ("vendor_name", json!("Evil Corp")),
        ("category", json!("laptops")),
        ("original_price", json!("9999")),
        ("discounts", json!([{"kind": "promotion", "bps": 9999, "label": "free"}])),
    ];
    for (field, value) in forgeries {
        let mut edited = lines(&p);
        edited[0][field] = value;
        assert_eq!(denied_codes(&flux, &recorder, &edited), ["DETAILS_NOT_QUOTED"], "{field}");
    }
    // A line that states none of them (the fields a client may leave out) is paid as quoted,
    // and so are the kernel's own lines.
    let mut minimal = lines(&p);
    for line in &mut minimal {
        for field in ["name", "vendor_name", "category", "original_price", "discounts", "reason", "ai_reason"] {
            line.as_object_mut().unwrap().remove(field);
        }
    }
    let s = block_on(flux.execute(&Cart::from_json(&Value::from(minimal).to_string()).unwrap())).unwrap();
    assert_eq!(s.status.as_str(), "success");
    let s = block_on(flux.execute_with(&p.cart, Some("kernel-lines"), Approval::default())).unwrap();
    // A receipt edited afterwards to name other goods no longer verifies.
    let bundle = ReceiptBundle::new(&p.cart, &s, None).unwrap();
    assert!(block_on(flux.verify(&bundle)).unwrap().ok);
    let mut forged: Value = serde_json::from_str(&bundle.to_json()).unwrap();
    forged["cart"]["lines"][0]["name"] = json!("Apple MacBook Pro");
    let forged = ReceiptBundle::from_json_bytes(forged.to_string().as_bytes()).unwrap();
    let err = block_on(flux.verify(&forged)).expect_err("a receipt naming other goods must not verify");
    assert!(err.to_string().contains("Apple MacBook Pro"), "{err}");
}

#[test]
fn a_cart_with_long_names_is_paid_as_the_kernel_quoted_it() {
    // A vendor name over 100 characters or a promotion label over 200 is clipped when a cart is
    // read from JSON, and kept whole in the kernel's own lines: both must be the same quote.
    let vendor = "V".repeat(150);
    let label = "L".repeat(250);
    let json = json!({
        "vendors": [{"id": "amazon", "name": vendor, "trust_score": 90,
            "promotions": [{"id": "p1", "label": label, "category": "snacks", "discount_bps": 500}]}],
        "offers": [{"id": "o1", "vendor_id": "amazon", "category": "snacks", "name": "Pretzels", "price": "10", "pack_size": 1,
            "delivery_days": 1, "stock": 99}]
    });
    let catalog = flux_core::MemoryCatalog::from_json(&json.to_string()).unwrap();
    let flux = Flux::builder().ledger(MemoryLedger::new()).catalog(catalog).build().unwrap();
    let p = block_on(flux.orchestrate(&intent("3 pretzels", "100"))).unwrap();
    assert_eq!(p.cart.lines().len(), 1, "{:?}", p.unmet);
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart).violations());
    let read_back = Cart::from_json(&p.cart.canonical_json()).unwrap();
    assert!(flux.authorize(&read_back).is_allowed(), "{:?}", flux.authorize(&read_back).violations());
}
