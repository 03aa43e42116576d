//! Carts as clients send them back and as kernel edits make them: zero units is an error, a cart
//! that states its currency or total is checked against them, and a cart read from its own JSON
//! is the same cart.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flux_core::http::{amounts_as_numbers, execute_payment, AmountStyle};
use flux_core::MemoryLedger;
use flux_core::*;
use serde_json::{json, Value};

const PROMPT: &str = "hackathon kit: snacks, 24 energy drinks, badges, usb-c hubs";

fn flux() -> Flux {
    Flux::builder().ledger(MemoryLedger::new()).build().unwrap()
}

fn proposal(flux: &Flux) -> Proposal {
    let intent = Intent::new(PROMPT, Amount::parse("500").unwrap(), 7, Strategy::Balanced).unwrap();
    let p = block_on(flux.orchestrate(&intent)).unwrap();
    assert!(p.cart.lines().len() >= 3, "a real cart: {:?}", p.cart.lines());
    p
}

/// The cart as its canonical JSON, as a JSON value to edit.
fn canonical(cart: &Cart) -> Value {
    serde_json::from_str(&cart.canonical_json()).unwrap()
}

#[test]
fn zero_units_is_a_typed_error_not_one_unit() {
    let flux = flux();
    let p = proposal(&flux);
    let line = &p.cart.lines()[0];
    let err = block_on(flux.set_units(&p.cart, &line.id, 0, &p.intent)).unwrap_err();
    assert_eq!((err.code(), err.kind(), err.http_status()), ("INVALID_UNITS", ErrorKind::InvalidInput, 422), "{err}");
    assert!(err.to_string().contains(&format!("{:?}: units must be a whole number of at least 1, got 0", line.id)), "{err}");
    let runner_up = &p.alternatives[0].options[1].offer_id;
    let err = block_on(flux.replace_line(&p.cart, &line.id, runner_up, 0, &p.intent)).unwrap_err();
    assert_eq!(err.code(), "INVALID_UNITS", "{err}");
    assert_eq!(block_on(flux.line_for_offer(&line.id, 0, &p.intent)).unwrap_err().code(), "INVALID_UNITS");
    // One unit is still one unit; removing a line is `remove_line`.
    assert!(block_on(flux.set_units(&p.cart, &line.id, 1, &p.intent)).is_ok());
    assert_eq!(p.cart.remove_line(&line.id).unwrap().lines().len(), p.cart.lines().len() - 1);
}

#[test]
fn a_stated_currency_must_be_usdc_in_every_shape() {
    let p = proposal(&flux());
    let lines = canonical(&p.cart)["lines"].clone();
    let wrapped = |extra: Value| {
        let mut body = json!({"lines": lines});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        body.to_string()
    };
    let mut full = canonical(&p.cart);
    full["currency"] = json!("EUR");
    let bad = [
        wrapped(json!({"currency": "EUR"})),
        wrapped(json!({"currency": "usdc"})),
        wrapped(json!({"currency": 5})),
        full.to_string(),
        amounts_as_numbers(&full.to_string()),
    ];
    for body in &bad {
        let err = Cart::from_json_bytes(body.as_bytes()).unwrap_err();
        assert_eq!(err.code(), "UNSUPPORTED_CURRENCY", "{body}");
        let err = FluxError::from(err);
        assert_eq!((err.kind(), err.http_status()), (ErrorKind::InvalidInput, 422));
    }
    assert!(Cart::from_json(&bad[0]).unwrap_err().to_string().contains(r#""EUR""#));
    // USDC, null or absent: accepted.
    for body in [wrapped(json!({"currency": "USDC"})), wrapped(json!({"currency": null})), wrapped(json!({})), lines.to_string()] {
        assert_eq!(Cart::from_json(&body).unwrap().id(), p.cart_id, "{body}");
    }
    assert_eq!(
        Cart::from_json(&format!(r#"{{"lines": {lines}, "currency": "USDC", "currency": "EUR"}}"#)).unwrap_err().code(),
        "MALFORMED_JSON"
    );
}

#[test]
fn a_stated_total_must_be_the_sum_of_the_lines_in_every_shape() {
    let p = proposal(&flux());
    let lines = canonical(&p.cart)["lines"].clone();
    let more = p.total.checked_add(Amount::parse("0.000001").unwrap()).unwrap();
    let mut full = canonical(&p.cart);
    full["total"] = json!(more.to_string());
    let bad = [
        json!({"lines": lines, "total": more.to_string()}).to_string(),
        json!({"lines": lines, "total": "0"}).to_string(),
        json!({"lines": lines, "total": "not an amount"}).to_string(),
        full.to_string(),
        amounts_as_numbers(&full.to_string()),
    ];
    for body in &bad {
        let err = Cart::from_json_bytes(body.as_bytes()).unwrap_err();
        assert_eq!(err.code(), "INCONSISTENT_TOTAL", "{body}");
        let err = FluxError::from(err);
        assert_eq!((err.kind(), err.http_status()), (ErrorKind::InvalidInput, 422));
    }
    let message = Cart::from_json(&bad[0]).unwrap_err().to_string();
    assert!(message.contains(&more.to_string()) && message.contains(&p.total.to_string()), "{message}");
    // The exact sum (as a string, a number, or with trailing zeros), null or absent: accepted.
    let sum = p.total.to_string();
    let same = [
        json!({"lines": lines, "total": sum}).to_string(),
        amounts_as_numbers(&json!({"lines": lines, "total": sum}).to_string()),
        json!({"lines": lines, "total": format!("{sum}{}", if sum.contains('.') { "00" } else { ".00" })}).to_string(),
        json!({"lines": lines, "total": null}).to_string(),
        json!({"lines": lines}).to_string(),
        lines.to_string(),
    ];
    for body in same {
        assert_eq!(Cart::from_json(&body).unwrap().id(), p.cart_id, "{body}");
    }
    // A line's stated total is still checked first.
    let mut tampered = canonical(&p.cart);
    tampered["lines"][0]["line_total"] = json!("0.01");
    assert_eq!(Cart::from_json(&tampered.to_string()).unwrap_err().code(), "INCONSISTENT_LINE");
}

#[test]
fn an_inconsistent_cart_is_refused_before_execution() {
    let flux = flux();
    let p = proposal(&flux);
    let mut eur = canonical(&p.cart);
    eur["currency"] = json!("EUR");
    let mut wrong_total = canonical(&p.cart);
    wrong_total["total"] = json!("0.01");
    for (body, code) in [(eur, "UNSUPPORTED_CURRENCY"), (wrong_total, "INCONSISTENT_TOTAL")] {
        let answer = block_on(execute_payment(&flux, body.to_string().as_bytes(), None, None, AmountStyle::Number));
        assert_eq!(answer.status, 422, "{}", answer.body);
        assert!(answer.body.contains(code), "{}", answer.body);
    }
    // The same cart, consistent, is paid.
    let answer = block_on(execute_payment(&flux, p.cart.canonical_json().as_bytes(), None, None, AmountStyle::Number));
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[test]
fn a_proposal_cart_round_trips_through_its_own_json() {
    let p = proposal(&flux());
    let cart = &p.cart;
    assert!(cart.lines().iter().any(|l| !l.discounts.is_empty()), "the prompt's 24 energy drinks get a discount");
    let forms = [
        ("canonical", cart.canonical_json()),
        ("full", serde_json::to_string(cart).unwrap()),
        ("pretty", serde_json::to_string_pretty(cart).unwrap()),
        ("amounts as numbers", amounts_as_numbers(&cart.canonical_json())),
        ("lines", serde_json::to_string(cart.lines()).unwrap()),
        ("lines as the dashboard gets them", amounts_as_numbers(&serde_json::to_string(cart.lines()).unwrap())),
    ];
    for (form, json) in forms {
        let back = Cart::from_json(&json).unwrap();
        assert_eq!(back.lines(), cart.lines(), "{form}");
        assert_eq!(&back, cart, "{form}");
        assert_eq!(back.id(), cart.id(), "{form}");
        assert_eq!(back.canonical_json(), cart.canonical_json(), "{form}");
    }
}

#[test]
fn the_dashboard_line_shape_is_still_accepted() {
    // The original dashboard's fields, display ones of any type: kept when they have theirs,
    // ignored otherwise (they are not paid).
    let body = r#"[{"id": "a", "name": "Chips", "price": 12.5, "vendor_name": "Amazon", "vendor_id": "amazon",
        "trust_score": 92, "delivery_days": 2, "ai_score": 87, "reason": "Best pick", "ai_reason": "first of 4"},
        {"id": 7, "price": "3", "vendor_id": "walmart", "trust_score": 91.5, "ai_score": "high", "reason": null,
        "ai_reason": 3, "discounts": "none", "original_price": 4}]"#;
    let cart = Cart::from_json(body).unwrap();
    assert_eq!(cart.total(), Amount::parse("15.5").unwrap());
    let [a, b] = cart.lines() else { panic!("two lines") };
    assert_eq!((a.trust_score, a.ai_score, a.reason.as_str(), a.ai_reason.as_str()), (92, 87, "Best pick", "first of 4"));
    assert_eq!((b.id.as_str(), b.trust_score, b.ai_score, b.reason.as_str(), b.ai_reason.as_str()), ("7", 0, 0, "", ""));
    assert!(b.discounts.is_empty());
    // Display fields do not change what is paid.
    let bare = Cart::from_json(r#"[{"id": "a", "price": 12.5, "vendor_id": "amazon"}, {"id": 7, "price": "3", "vendor_id": "walmart"}]"#);
    assert_eq!(bare.unwrap().id(), cart.id());
}
