//! The bad-input corpus (`testdata/bad-input/`): loading its cases and building their inputs.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use serde_json::Value;

/// The corpus directory.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/bad-input")
}

/// The cases of one entry point.
pub fn cases(entry: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir().join(format!("{entry}.json"))).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["entry"], entry);
    doc["cases"].as_array().unwrap().clone()
}

/// A case's name.
pub fn name(case: &Value) -> String {
    case["name"].as_str().unwrap().to_owned()
}

/// A case's expected code.
pub fn code(case: &Value) -> String {
    case["code"].as_str().unwrap().to_owned()
}

/// The input bytes of a case (`json`, `text`, `base64` or `generate`).
pub fn input(case: &Value) -> Vec<u8> {
    if let Some(t) = case.get("text") {
        return t.as_str().unwrap().as_bytes().to_vec();
    }
    if let Some(b) = case.get("base64") {
        return base64(b.as_str().unwrap());
    }
    if let Some(g) = case.get("generate") {
        return generate(g).into_bytes();
    }
    serde_json::to_vec(&case["json"]).unwrap()
}

fn generate(g: &Value) -> String {
    let depth = || g["depth"].as_u64().unwrap() as usize;
    let text = match g["kind"].as_str().unwrap() {
        "nested" => return "[".repeat(depth()) + &"]".repeat(depth()),
        "lines" => {
            let lines: Vec<Value> = (0..g["count"].as_u64().unwrap())
                .map(|i| serde_json::json!({"id": format!("l{i}"), "vendor_id": "amazon", "price": "0.01"}))
                .collect();
            return Value::Array(lines).to_string();
        }
        "nested_field" => {
            let mut base = g["base"].clone();
            base[g["field"].as_str().unwrap()] = Value::String("@NESTED@".into());
            base.to_string().replace("\"@NESTED@\"", &("[".repeat(depth()) + &"]".repeat(depth())))
        }
        "long_field" => {
            let mut base = g["base"].clone();
            base[g["field"].as_str().unwrap()] = Value::String("a".repeat(g["chars"].as_u64().unwrap() as usize));
            base.to_string()
        }
        other => panic!("unknown generator {other}"),
    };
    if g["wrap"] == "list" {
        format!("[{text}]")
    } else {
        text
    }
}

/// Standard base64 (the corpus's only binary encoding).
pub fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// The code of an HTTP answer's body: a 422's `detail[0].type`, else `code`; for a denial, the
/// violations' codes too.
pub fn answer_codes(body: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("answer is not JSON ({e}): {body:.200}"));
    let mut codes = Vec::new();
    if let Some(t) = v["detail"][0]["type"].as_str() {
        codes.push(t.to_owned());
    }
    if let Some(c) = v["code"].as_str() {
        codes.push(c.to_owned());
    }
    for violation in v["violations"].as_array().into_iter().flatten() {
        codes.push(violation["code"].as_str().unwrap_or_default().to_owned());
    }
    codes
}
