use serde_json::{json, Value};

use super::*;
use crate::future::block_on;

fn flux() -> Flux {
    Flux::builder().ledger(crate::MemoryLedger::new()).build().unwrap_or_else(|e| panic!("{e}"))
}

fn body(a: &Answer) -> Value {
    serde_json::from_str(&a.body).unwrap_or(Value::Null)
}

/// (status, loc, type) of a 422, whose stable code stands at the top too (FastAPI's `missing` as
/// `MISSING_FIELD`).
fn invalid(a: &Answer) -> (u16, Value, Value) {
    let b = body(a);
    let kind = b["detail"][0]["type"].clone();
    let stable = if kind == "missing" { serde_json::json!("MISSING_FIELD") } else { kind.clone() };
    assert_eq!(b["code"], stable, "{b}");
    (a.status, b["detail"][0]["loc"].clone(), kind)
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
    let cases: [(&[u8], &str, &str); 6] = [
        (br#"{"prompt": "chips", "budget": -1}"#, "budget", "INVALID_AMOUNT"),
        (br#"{"prompt": "chips", "budget": 5, "deadline_days": 400}"#, "deadline_days", "INVALID_INTENT"),
        (br#"{"prompt": "chips", "budget": 5, "strategy": "greedy"}"#, "strategy", "INVALID_STRATEGY"),
        (br#"{"prompt": "a unicorn", "budget": 5}"#, "prompt", "NOTHING_RECOGNIZED"),
        (br#"{"prompt": "no snacks, no drinks", "budget": 5}"#, "prompt", "NOTHING_WANTED"),
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
    // A literal plus sign (`%2B3` decoded) is not a whole number of days.
    assert_eq!(invalid(&run(Some(txt), q(Some("9"), None, Some("+3")))), (422, json!(["query", "deadline_days"]), json!("INVALID_INTENT")));
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

/// The lines of the kernel's proposal for `prompt`, as the seed's dashboard sends them back.
fn proposed_lines(f: &Flux, prompt: &str) -> (String, Value) {
    let req = json!({"prompt": prompt, "budget": 900}).to_string();
    let p = body(&block_on(orchestrate(f, req.as_bytes(), AmountStyle::Number)));
    (p["options"].to_string(), p)
}

#[test]
fn execute_denies_with_403_and_replays_with_a_header() {
    let f = flux();
    let denied = block_on(execute_payment(&f, br#"[{"vendor_id": "nobody", "price": 1}]"#, None, None, AmountStyle::Number));
    assert_eq!(denied.status, 403, "{}", denied.body);
    let b = body(&denied);
    assert!(b["detail"].as_str().is_some_and(|d| d.starts_with("Policy Violation: ")));
    assert_eq!(b["violations"][0]["code"], "UNKNOWN_MERCHANT");
    let (cart, _) = proposed_lines(&f, "24 energy drinks");
    let first = block_on(execute_payment(&f, cart.as_bytes(), Some("order-1"), None, AmountStyle::Number));
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(body(&first)["status"], "success");
    assert!(first.headers.is_empty());
    let again = block_on(execute_payment(&f, cart.as_bytes(), Some("order-1"), None, AmountStyle::Number));
    assert_eq!(again.headers, vec![("Idempotent-Replayed", "true".to_owned())]);
    assert_eq!(body(&again)["transaction_hashes"], body(&first)["transaction_hashes"]);
    let (other, _) = proposed_lines(&f, "10 usb-c hubs");
    let other = block_on(execute_payment(&f, other.as_bytes(), Some("order-1"), None, AmountStyle::Number));
    assert_eq!(invalid(&other), (422, json!(["header", "Idempotency-Key"]), json!("IDEMPOTENCY_CONFLICT")), "{}", other.body);
    let bad = block_on(execute_payment(&f, b"[{\"vendor_id\": \"amazon\", \"price\": NaN}]", None, None, AmountStyle::Number));
    assert_eq!(invalid(&bad).0, 422);
}

#[test]
fn execute_pays_only_the_kernels_quotes() {
    let f = flux();
    let (_, p) = proposed_lines(&f, "24 energy drinks and 10 usb-c hubs");
    let mut lines = p["options"].clone();
    lines[0]["price"] = json!(0.01);
    if let Some(l) = lines[0].as_object_mut() {
        l.remove("line_total");
    }
    let a = block_on(execute_payment(&f, lines.to_string().as_bytes(), None, None, AmountStyle::Number));
    assert_eq!(a.status, 403, "{}", a.body);
    let codes: Vec<Value> = body(&a)["violations"].as_array().into_iter().flatten().map(|v| v["code"].clone()).collect();
    assert_eq!(codes, [json!("PRICE_NOT_QUOTED"), json!("LINE_TOTAL_NOT_QUOTED")]);
}

#[test]
fn execute_reads_a_signed_approval_from_its_header() {
    let mut doc = crate::Policy::demo().to_document();
    doc.rules.approval_threshold = Some(Amount::whole(50));
    doc.rules.approvers = vec![crate::Approver::ed25519_from_secret(&[7; 32])];
    let policy = crate::Policy::new(doc.merchants, doc.rules).unwrap_or_else(|e| panic!("{e}"));
    let hash = policy.hash().to_owned();
    let f = Flux::builder().ledger(crate::MemoryLedger::new()).policy(policy).build().unwrap_or_else(|e| panic!("{e}"));
    let (cart, p) = proposed_lines(&f, "24 energy drinks and 10 usb-c hubs");
    let cart_id = p["cart_id"].as_str().unwrap_or_default();
    let run = |approval: Option<&str>| block_on(execute_payment(&f, cart.as_bytes(), None, approval, AmountStyle::Number));
    let none = run(None);
    assert_eq!((none.status, body(&none)["violations"][0]["code"].clone()), (403, json!("APPROVAL_REQUIRED")));
    let bad = run(Some("{not json"));
    assert_eq!(invalid(&bad), (422, json!(["header", "X-Flux-Approval"]), json!("MALFORMED_JSON")));
    let expired = Approval::sign_ed25519(&[7; 32], cart_id, &hash, 1, "h-0");
    let a = run(Some(&serde_json::to_string(&expired).unwrap_or_default()));
    assert_eq!((a.status, body(&a)["violations"][0]["code"].clone()), (403, json!("APPROVAL_EXPIRED")));
    let approval = Approval::sign_ed25519(&[7; 32], cart_id, &hash, now_s() + 600, "h-1");
    let header = serde_json::to_string(&approval).unwrap_or_default();
    let ok = run(Some(&header));
    assert_eq!(ok.status, 200, "{}", ok.body);
    let other_key = block_on(execute_payment(&f, cart.as_bytes(), Some("another"), Some(&header), AmountStyle::Number));
    assert_eq!((other_key.status, body(&other_key)["violations"][0]["code"].clone()), (403, json!("APPROVAL_REPLAYED")));
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

/// The system clock's Unix seconds (the clock a default `Flux` reads).
fn now_s() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
