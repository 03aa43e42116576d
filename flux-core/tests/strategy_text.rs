//! A strategy that is not one says what is wrong with it in its own words, not serde's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flux_core::*;
use serde_json::json;

fn message(strategy: serde_json::Value) -> String {
    let err = Strategy::from_json_value(strategy.clone()).unwrap_err();
    assert_eq!((err.code(), err.field()), ("INVALID_STRATEGY", Some("strategy")), "{strategy}");
    // The same through a whole intent, as a host or the HTTP body sends it.
    let body = json!({"prompt": "snacks", "budget": 10, "strategy": strategy}).to_string();
    let via_intent = Intent::from_json(&body).unwrap_err();
    assert_eq!((via_intent.code(), via_intent.to_string()), ("INVALID_STRATEGY", err.to_string()), "{body}");
    err.to_string()
}

#[test]
fn custom_weights_errors_name_the_weight() {
    assert_eq!(
        message(json!({"price": 50, "delivery": 25, "trust": 25, "speed": 1})),
        r#"strategy weights: unknown field "speed" (expected price, delivery, trust)"#
    );
    assert_eq!(
        message(json!({"price": 100, "delivery": -25, "trust": 25})),
        r#"strategy weight "delivery" must be a whole number 0..=100, got -25"#
    );
    assert_eq!(
        message(json!({"custom": {"price": 50, "delivery": 25, "trust": -25}})),
        r#"strategy weight "trust" must be a whole number 0..=100, got -25"#
    );
    assert_eq!(
        message(json!({"price": 101, "delivery": 0, "trust": 0})),
        r#"strategy weight "price" must be a whole number 0..=100, got 101"#
    );
    assert_eq!(
        message(json!({"price": 50.5, "delivery": 25, "trust": 24.5})),
        r#"strategy weight "price" must be a whole number 0..=100, got 50.5"#
    );
    assert_eq!(
        message(json!({"price": "NaN", "delivery": 0, "trust": 0})),
        r#"strategy weight "price" must be a whole number 0..=100, got "NaN""#
    );
    assert_eq!(
        message(json!({"price": 50, "delivery": 50})),
        r#"strategy weights: missing field "trust" (expected price, delivery, trust)"#
    );
    assert_eq!(message(json!({"custom": 5})), "strategy weights must be an object (expected price, delivery, trust), got 5");
    assert_eq!(message(json!({"custom": {}, "speed": 1})), r#"strategy: "custom" takes no other keys, got {"speed":1}"#);
    // Unchanged: an unknown name, and weights that do not sum to 100.
    assert_eq!(message(json!("luxurious")), r#"unknown strategy "luxurious"; expected cheapest, fastest, balanced or custom weights"#);
    let sum = Intent::from_json(r#"{"prompt": "snacks", "budget": 10, "strategy": {"price": 50, "delivery": 10, "trust": 10}}"#);
    assert_eq!(sum.unwrap_err().to_string(), "custom strategy weights must sum to 100, got 70");
    assert_eq!(Strategy::from_json("{").unwrap_err().to_string(), "strategy is not JSON: EOF while parsing an object at line 1 column 1");
    // Valid weights still parse, bare or wrapped.
    let w = Strategy::Custom(Weights { price: 50, delivery: 25, trust: 25 });
    assert_eq!(Strategy::from_json_value(json!({"price": 50, "delivery": 25, "trust": 25})), Ok(w));
    assert_eq!(Strategy::from_json_value(json!({"custom": {"trust": 25, "price": 50, "delivery": 25}})), Ok(w));
}
