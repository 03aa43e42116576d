//! [`serve`]: routing, the query, headers and multipart uploads, as every server receives them.

use serde_json::{json, Value};

use super::*;
use crate::future::block_on;

fn flux() -> Flux {
    Flux::builder().ledger(crate::MemoryLedger::new()).build().unwrap_or_else(|e| panic!("{e}"))
}

fn call(f: &Flux, method: &str, target: &str, headers: &[(&[u8], &[u8])], body: &[u8]) -> (u16, Value, Answer) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let a = block_on(serve(f, &Request { method, path, query, headers, body }));
    (a.status, serde_json::from_str(&a.body).unwrap_or(Value::Null), a)
}

/// `(status, loc, type, msg)` of a 422.
fn invalid(r: &(u16, Value, Answer)) -> (u16, Value, Value, String) {
    let d = &r.1["detail"][0];
    (r.0, d["loc"].clone(), d["type"].clone(), d["msg"].as_str().unwrap_or_default().to_owned())
}

const FORM: &[(&[u8], &[u8])] = &[(b"Content-Type", b"multipart/form-data; boundary=XyZ")];

fn form(parts: &[&str]) -> Vec<u8> {
    let mut body = parts.iter().map(|p| format!("--XyZ\r\n{p}\r\n")).collect::<String>();
    body.push_str("--XyZ--\r\n");
    body.into_bytes()
}

const LIST: &str = "Content-Disposition: form-data; name=\"file\"; filename=\"list.txt\"\r\nContent-Type: text/plain\r\n\r\n24 energy drinks\n10 usb-c hubs";

#[test]
fn routes_methods_and_unknown_paths() {
    let f = flux();
    let (status, body, _) = call(&f, "GET", "/", &[], b"");
    assert_eq!((status, body["status"].clone()), (200, json!("online")));
    let (status, body, _) = call(&f, "GET", "/api/nothing", &[], b"");
    assert_eq!((status, body), (404, json!({"detail": "Not Found", "code": "NOT_FOUND"})));
    let (status, body, a) = call(&f, "GET", "/api/orchestrate", &[], b"");
    assert_eq!(
        (status, body, a.headers),
        (405, json!({"detail": "Method Not Allowed", "code": "METHOD_NOT_ALLOWED"}), vec![("Allow", "POST".to_owned())])
    );
    let (status, _, _) = call(&f, "post", "/api/orchestrate", &[], br#"{"prompt": "24 energy drinks", "budget": 500}"#);
    assert_eq!(status, 200);
    assert_eq!(call(&f, "POST", "/api/orchestrate/", &[], b"{}").0, 404, "no guessing at paths");
    // Probes: a HEAD of the health check is its GET (the web layer drops the body); its query is not read.
    assert_eq!((call(&f, "HEAD", "/", &[], b"").0, call(&f, "GET", "/?amounts=floats", &[], b"").0), (200, 200));
}

#[test]
fn a_body_over_the_routes_limit_is_413_unread() {
    let f = flux();
    assert_eq!((body_limit("/api/upload_intent"), body_limit("/api/orchestrate")), (MAX_UPLOAD_BODY, MAX_JSON_BODY));
    let mut exact = br#"{"prompt": "24 energy drinks", "budget": 500}"#.to_vec();
    exact.resize(MAX_JSON_BODY, b' ');
    assert_eq!(call(&f, "POST", "/api/orchestrate", &[], &exact).0, 200);
    exact.push(b' ');
    let (status, body, _) = call(&f, "POST", "/api/orchestrate", &[], &exact);
    assert_eq!((status, body["code"].clone()), (413, json!("BODY_TOO_LARGE")));
    let big = vec![b'x'; MAX_UPLOAD_BODY + 1];
    assert_eq!(call(&f, "POST", "/api/upload_intent?budget=9", FORM, &big).0, 413);
}

#[test]
fn the_query_is_percent_decoded_and_the_last_value_counts() {
    let f = flux();
    let req = br#"{"prompt": "24 energy drinks", "budget": 500}"#;
    let (_, body, _) = call(&f, "POST", "/api/orchestrate?amounts=number&amounts=%73tring", &[], req);
    assert!(body["total"].is_string(), "{body}");
    let r = call(&f, "POST", "/api/orchestrate?amounts=floats", &[], req);
    assert_eq!(invalid(&r).0, 422);
    let (status, body, _) = call(&f, "POST", "/api/upload_intent?budget=+2%30%30&strategy=fastest&deadline_days=3", FORM, &form(&[LIST]));
    assert_eq!((status, body["budget"].clone(), body["strategy"].clone()), (200, json!(200), json!("fastest")), "{body}");
}

#[test]
fn execute_reads_its_headers_in_any_case() {
    let f = flux();
    let (_, p, _) = call(&f, "POST", "/api/orchestrate", &[], br#"{"prompt": "24 energy drinks", "budget": 900}"#);
    let cart = p["options"].to_string();
    let key: &[(&[u8], &[u8])] = &[(b"IDEMPOTENCY-KEY", b"order-7"), (b"content-type", b"application/json")];
    assert_eq!(call(&f, "POST", "/api/execute_payment", key, cart.as_bytes()).0, 200);
    let (_, _, again) = call(&f, "POST", "/api/execute_payment", key, cart.as_bytes());
    assert_eq!(again.headers, vec![("Idempotent-Replayed", "true".to_owned())]);
    let latin: &[(&[u8], &[u8])] = &[(b"idempotency-key", b"caf\xe9"), (b"content-type", b"application/json")];
    let r = call(&f, "POST", "/api/execute_payment", latin, cart.as_bytes());
    assert_eq!(
        (invalid(&r).0, invalid(&r).1, invalid(&r).2),
        (422, json!(["header", "Idempotency-Key"]), json!("INVALID_IDEMPOTENCY_KEY"))
    );
    let approval: &[(&[u8], &[u8])] = &[(b"x-flux-approval", b"\xff{"), (b"content-type", b"application/json")];
    let r = call(&f, "POST", "/api/execute_payment", approval, cart.as_bytes());
    assert_eq!((invalid(&r).1, invalid(&r).2), (json!(["header", "X-Flux-Approval"]), json!("MALFORMED_JSON")));
}

#[test]
fn an_upload_is_read_from_its_multipart_form() {
    let f = flux();
    let other = "Content-Disposition: form-data; name=\"note\"\r\n\r\nfor the hackathon";
    let body = format!("a preamble\r\n{}", String::from_utf8_lossy(&form(&[other, LIST])));
    let (status, answer, _) = call(&f, "POST", "/api/upload_intent?budget=2000", FORM, body.as_bytes());
    assert_eq!(status, 200, "{answer}");
    let items: Vec<Value> = answer["options"].as_array().into_iter().flatten().map(|o| o["category"].clone()).collect();
    assert_eq!(items.len(), 2, "{answer}");
    // A quoted boundary, a file name with `;` and an RFC 5987 name, a CSV part without a name's quotes.
    let headers: &[(&[u8], &[u8])] = &[(b"content-type", b"Multipart/Form-Data; charset=utf-8; boundary=\"XyZ\"")];
    let csv = "Content-Disposition: form-data; name=file; filename=\"a;b.txt\"; filename*=UTF-8''list%20%E2%82%AC.csv\r\n\r\nitem,quantity\nenergy drinks,24";
    let (status, answer, _) = call(&f, "POST", "/api/upload_intent?budget=2000", headers, &form(&[csv]));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["options"].as_array().map(Vec::len), Some(1));
}

#[test]
fn malformed_and_hostile_forms_are_422_naming_the_file() {
    let f = flux();
    let upload = |headers: &[(&[u8], &[u8])], body: &[u8]| invalid(&call(&f, "POST", "/api/upload_intent?budget=9", headers, body));
    let malformed = |r: (u16, Value, Value, String), why: &str| {
        assert_eq!((r.0, &r.1, &r.2), (422, &json!(["body", "file"]), &json!("MALFORMED_DOCUMENT")), "{why}");
        assert_eq!(r.3, format!("malformed multipart body: {why}"));
    };
    malformed(upload(&[], b"x"), "the request has no Content-Type");
    malformed(upload(&[(b"content-type", b"application/json")], b"{}"), "the body is not multipart/form-data");
    malformed(upload(&[(b"content-type", b"multipart/form-data")], b"x"), "the content type names no boundary");
    let long = format!("multipart/form-data; boundary={}", "b".repeat(71));
    malformed(upload(&[(b"content-type", long.as_bytes())], b"x"), "the boundary must be 1 to 70 characters");
    malformed(upload(FORM, b"--x\r\nbroken"), "no boundary in the body");
    malformed(upload(FORM, b"--XyZ\r\nbroken"), "a part's headers never end");
    malformed(upload(FORM, b"--XyZ junk\r\n"), "a boundary line does not end in CRLF");
    malformed(upload(FORM, format!("--XyZ\r\n{LIST}").as_bytes()), "the body ends before its closing boundary");
    malformed(upload(FORM, &form(&["Content-Type: text/plain\r\n\r\nchips"])), "a part has no Content-Disposition");
    malformed(upload(FORM, &form(&["Content-Disposition: attachment; name=\"file\"\r\n\r\nchips"])), "a part is not form-data");
    malformed(upload(FORM, &form(&["Content-Disposition: form-data\r\n\r\nchips"])), "a part has no name");
    malformed(upload(FORM, &form(&["Content-Disposition form-data\r\n\r\nchips"])), "a part header has no colon");
    let padded = format!("Content-Disposition: form-data; name=\"file\"\r\nX-Pad: {}\r\n\r\nchips", "p".repeat(9000));
    malformed(upload(FORM, &form(&[&padded])), "a part's headers are over 8192 bytes");
    let field = "Content-Disposition: form-data; name=\"f\"\r\n\r\n1";
    malformed(upload(FORM, &form(&[field; 10_000])), "the body has more than 16 parts");
    malformed(upload(FORM, &form(&[field; 17])), "the body has more than 16 parts");
    assert_eq!(upload(FORM, &form(&[field; 16])).2, json!("missing"), "16 parts are allowed");
    // Well-formed without a `file` part, or with an empty one: the contract's own answers.
    let none = upload(FORM, &form(&[field]));
    assert_eq!((none.0, none.2), (422, json!("missing")));
    let empty = upload(FORM, &form(&["Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n"]));
    assert_eq!((empty.0, empty.1), (422, json!(["body", "file"])));
}

#[test]
fn parameters_are_read_as_browsers_write_them() {
    let part = |disposition: &str| {
        let body = form(&[&format!("Content-Disposition: {disposition}\r\n\r\nchips")]);
        super::multipart::find(&body, "XyZ", "file").map(|p| p.and_then(|p| p.file_name))
    };
    // A backslash is a backslash, a quote comes as %22; `;` inside quotes stays in the value.
    assert_eq!(part(r#"form-data; filename="C:\dir\"; name="file""#), Ok(Some(r"C:\dir\".to_owned())));
    assert_eq!(part(r#"form-data; name="file"; filename="say %22hi%22; ok.txt""#), Ok(Some(r#"say "hi"; ok.txt"#.to_owned())));
    assert_eq!(part("form-data; name=file; filename*=UTF-8''%E2%82%AC.txt; filename=\"e.txt\""), Ok(Some("€.txt".to_owned())));
    assert_eq!(part("form-data; name=\"other\""), Ok(None));
}

#[test]
fn a_payment_is_read_only_from_a_json_body() {
    let f = flux();
    let plan =
        call(&f, "POST", "/api/orchestrate", &[(b"content-type", b"application/json")], br#"{"prompt":"24 energy drinks","budget":100}"#);
    assert_eq!(plan.0, 200);
    let cart = plan.1["options"].to_string();
    // What a page on another origin can send without a CORS preflight: a text or form body, or
    // one with no type. Each of these paid before.
    for headers in [
        &[(&b"content-type"[..], &b"text/plain;charset=UTF-8"[..])][..],
        &[(&b"Content-Type"[..], &b"application/x-www-form-urlencoded"[..])][..],
        &[(&b"content-type"[..], &b"multipart/form-data; boundary=x"[..])][..],
        &[][..],
    ] {
        let r = call(&f, "POST", "/api/execute_payment", headers, cart.as_bytes());
        let (status, loc, code, msg) = invalid(&r);
        assert_eq!((status, loc, code), (415, json!(["header", "content-type"]), json!("UNSUPPORTED_MEDIA_TYPE")), "{headers:?}");
        assert!(msg.contains("application/json"), "{msg}");
        let r = call(&f, "POST", "/api/orchestrate", headers, br#"{"prompt":"24 energy drinks","budget":100}"#);
        assert_eq!(r.0, if headers.is_empty() { 200 } else { 415 }, "{headers:?}");
    }
    for json_type in [&b"application/json"[..], b"Application/JSON; charset=utf-8", b"application/vnd.flux+json"] {
        let r = call(&f, "POST", "/api/execute_payment", &[(b"content-type", json_type)], cart.as_bytes());
        assert_eq!(r.0, 200, "{}", String::from_utf8_lossy(json_type));
    }
}
