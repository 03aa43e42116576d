use serde_json::{json, Value};

use super::*;
use crate::future::block_on;

fn flux() -> Flux {
    Flux::builder().build().unwrap_or_else(|e| panic!("{e}"))
}

fn body(a: &Answer) -> Value {
    serde_json::from_str(&a.body).unwrap_or(Value::Null)
}

/// (status, loc, type) of a 422.
fn invalid(a: &Answer) -> (u16, Value, Value) {
    let b = body(a);
    (a.status, b["detail"][0]["loc"].clone(), b["detail"][0]["type"].clone())
}

#[test]
fn amounts_become_numbers_with_their_exact_text() {
    let canonical =
        r#"{"budget":"800","lines":[{"name":"a \"price\":\"1.5\"","price":"12.500001","quantity":2}],"total":"0.1","vendor":"x"}"#;
    assert_eq!(
        amounts_as_numbers(canonical),
        r#"{"budget":800,"lines":[{"name":"a \"price\":\"1.5\"","price":12.500001,"quantity":2}],"total":0.1,"vendor":"x"}"#
    );
    // Not amounts: other keys, non-decimal strings, a key that only ends like one.
    for same in
        [r#"{"id":"12"}"#, r#"{"price":"1e5"}"#, r#"{"price":"1."}"#, r#"{"subtotal_price":"1"}"#, r#"{"price":"-1"}"#, r#"{"price":""}"#]
    {
        assert_eq!(amounts_as_numbers(same), same);
    }
    assert_eq!(amounts_as_numbers(""), "");
    assert_eq!(amounts_as_numbers(r#"{"price":"12"#), r#"{"price":"12"#);
}

#[test]
fn orchestrate_answers_the_seed_shape() {
    let f = flux();
    let a = block_on(orchestrate(&f, br#"{"prompt": "24 energy drinks", "budget": 500, "deadline_days": 0}"#, AmountStyle::Number));
    assert_eq!(a.status, 200, "{}", a.body);
    let b = body(&a);
    assert!(b["options"][0]["price"].is_number());
    assert!(b["total"].is_number());
    assert!(b["telemetry"]["latency_ms"].is_number());
    let s = block_on(orchestrate(&f, br#"{"prompt": "24 energy drinks", "budget": 500}"#, AmountStyle::String));
    assert!(body(&s)["total"].is_string());
}

#[test]
fn orchestrate_errors_name_the_field() {
    let f = flux();
    let cases: [(&[u8], &str, &str); 5] = [
        (br#"{"prompt": "chips", "budget": -1}"#, "budget", "INVALID_AMOUNT"),
        (br#"{"prompt": "chips", "budget": 5, "deadline_days": 400}"#, "deadline_days", "INVALID_INTENT"),
        (br#"{"prompt": "chips", "budget": 5, "strategy": "greedy"}"#, "strategy", "INVALID_STRATEGY"),
        (br#"{"prompt": "a unicorn", "budget": 5}"#, "prompt", "NOTHING_RECOGNIZED"),
        (b"{\"prompt\": \"\xff\"}", "body", "MALFORMED_JSON"),
    ];
    for (req, field, code) in cases {
        let a = block_on(orchestrate(&f, req, AmountStyle::Number));
        assert_eq!(invalid(&a), (422, json!(["body", field]), Value::from(code)), "{}", a.body);
    }
}

#[test]
fn upload_reads_the_file_and_the_query() {
    let f = flux();
    let file = Upload { bytes: b"24 energy drinks\n10 usb-c hubs\n", file_name: Some("list.txt"), media_type: Some("text/plain") };
    let q = UploadQuery { budget: Some("2000"), strategy: Some("fastest"), deadline_days: Some("3") };
    let a = block_on(upload_intent(&f, Some(file), q, AmountStyle::Number));
    assert_eq!(a.status, 200, "{}", a.body);
    let b = body(&a);
    assert_eq!(b["strategy"], "fastest");
    assert_eq!(b["deadline_days"], 3);
    assert!(b["options"].as_array().is_some_and(|o| o.len() == 2));
}

#[test]
fn upload_errors_are_typed_and_placed() {
    let f = flux();
    let txt = Upload { bytes: b"24 energy drinks", file_name: Some("l.txt"), media_type: None };
    let q = |budget: Option<&'static str>, strategy: Option<&'static str>, days: Option<&'static str>| UploadQuery {
        budget,
        strategy,
        deadline_days: days,
    };
    let run = |file: Option<Upload<'_>>, query: UploadQuery<'_>| block_on(upload_intent(&f, file, query, AmountStyle::Number));
    assert_eq!(invalid(&run(Some(txt), q(None, None, None))), (422, json!(["query", "budget"]), json!("missing")));
    assert_eq!(invalid(&run(Some(txt), q(Some("1.0000001"), None, None))), (422, json!(["query", "budget"]), json!("INVALID_AMOUNT")));
    assert_eq!(invalid(&run(Some(txt), q(Some("0"), None, None))), (422, json!(["query", "budget"]), json!("INVALID_INTENT")));
    assert_eq!(invalid(&run(Some(txt), q(Some("9"), Some("x"), None))), (422, json!(["query", "strategy"]), json!("INVALID_STRATEGY")));
    assert_eq!(invalid(&run(Some(txt), q(Some("9"), None, Some("-1")))), (422, json!(["query", "deadline_days"]), json!("INVALID_INTENT")));
    assert_eq!(invalid(&run(None, q(Some("9"), None, None))), (422, json!(["body", "file"]), json!("missing")));
    let odd = Upload { bytes: b"a unicorn", file_name: None, media_type: None };
    assert_eq!(invalid(&run(Some(odd), q(Some("9"), None, None))), (422, json!(["body", "file"]), json!("NOTHING_RECOGNIZED")));
    let big = vec![b'a'; crate::intent::MAX_DOCUMENT_BYTES + 1];
    let a = run(Some(Upload { bytes: &big, file_name: None, media_type: None }), q(Some("9"), None, None));
    assert_eq!((a.status, body(&a)["code"].clone()), (413, json!("DOCUMENT_TOO_LARGE")));
    let png = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0];
    let a = run(Some(Upload { bytes: &png, file_name: Some("l.png"), media_type: Some("image/png") }), q(Some("9"), None, None));
    assert_eq!((a.status, body(&a)["code"].clone()), (415, json!("VISION_UNAVAILABLE")));
}

#[test]
fn execute_denies_with_403_and_replays_with_a_header() {
    let f = flux();
    let denied = block_on(execute_payment(&f, br#"[{"vendor_id": "nobody", "price": 1}]"#, None, AmountStyle::Number));
    assert_eq!(denied.status, 403, "{}", denied.body);
    let b = body(&denied);
    assert!(b["detail"].as_str().is_some_and(|d| d.starts_with("Policy Violation: ")));
    assert_eq!(b["violations"][0]["code"], "UNKNOWN_MERCHANT");
    let cart = br#"[{"vendor_id": "amazon", "price": 10.5, "name": "chips"}]"#;
    let first = block_on(execute_payment(&f, cart, Some("order-1"), AmountStyle::Number));
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(body(&first)["status"], "success");
    assert!(first.headers.is_empty());
    let again = block_on(execute_payment(&f, cart, Some("order-1"), AmountStyle::Number));
    assert_eq!(again.headers, vec![("Idempotent-Replayed", "true".to_owned())]);
    assert_eq!(body(&again)["transaction_hashes"], body(&first)["transaction_hashes"]);
    let other = block_on(execute_payment(&f, br#"[{"vendor_id": "amazon", "price": 11}]"#, Some("order-1"), AmountStyle::Number));
    assert_eq!(other.status, 422, "{}", other.body);
    let bad = block_on(execute_payment(&f, b"[{\"vendor_id\": \"amazon\", \"price\": NaN}]", None, AmountStyle::Number));
    assert_eq!(invalid(&bad).0, 422);
}

#[test]
fn health_says_online() {
    let a = health(&flux());
    let b = body(&a);
    assert_eq!((a.status, b["status"].clone(), b["settler"].clone()), (200, Value::from("online"), Value::from("sandbox")));
    assert_eq!(b["policy_hash"].as_str().map(str::len), Some(64));
}

#[test]
fn amount_style_reads_its_query() {
    assert_eq!(AmountStyle::from_query(None), Ok(AmountStyle::Number));
    assert_eq!(AmountStyle::from_query(Some("string")), Ok(AmountStyle::String));
    assert_eq!(AmountStyle::from_query(Some("float")).map_err(|a| a.status), Err(422));
}
