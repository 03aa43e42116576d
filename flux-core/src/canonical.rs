//! Canonical JSON and content hashes.
//!
//! Canonical form: object keys sorted by their UTF-8 bytes, no insignificant whitespace, strings
//! escaped as `serde_json` does, amounts already strings. It does not depend on `serde_json`'s
//! map ordering features, so every host and every build gives the same bytes.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Serializes `value` canonically. Serialization of Flux's own types cannot fail; should a
/// foreign type fail, the result is the JSON `null` (and its hash is still well defined).
pub fn to_canonical_json<T: Serialize + ?Sized>(value: &T) -> String {
    let v = serde_json::to_value(value).unwrap_or(Value::Null);
    let mut out = String::with_capacity(256);
    write_value(&v, &mut out);
    out
}

fn write_value(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_string(s, out),
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push_str(&Value::String(s.to_owned()).to_string());
}

/// SHA-256 of bytes, lowercase hex.
pub fn hash_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// SHA-256 of a value's canonical JSON, lowercase hex.
pub fn hash_of<T: Serialize + ?Sized>(value: &T) -> String {
    hash_hex(to_canonical_json(value).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sorted_no_whitespace() {
        let v = serde_json::json!({"b": 1, "a": {"d": [1, "x"], "c": "é\n"}});
        assert_eq!(to_canonical_json(&v), r#"{"a":{"c":"é\n","d":[1,"x"]},"b":1}"#);
        assert_eq!(hash_of(&v).len(), 64);
    }
}
