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
    value_to_canonical_json(&serde_json::to_value(value).unwrap_or(Value::Null))
}

/// Canonical form of a JSON value already in memory (no second conversion).
pub fn value_to_canonical_json(value: &Value) -> String {
    let mut out = Vec::with_capacity(256);
    write_value(value, &mut out);
    // Only valid UTF-8 was written: JSON punctuation and serde_json's own string/number output.
    String::from_utf8(out).unwrap_or_default()
}

fn write_value(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json(k.as_str(), out);
                out.push(b':');
                write_value(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out);
            }
            out.push(b']');
        }
        other => write_json(other, out),
    }
}

/// A scalar exactly as serde_json writes it (strings escaped, numbers in their shortest form).
fn write_json<T: Serialize + ?Sized>(v: &T, out: &mut Vec<u8>) {
    // Writing a string, a number, a bool or null into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, v);
}

/// SHA-256 of bytes, lowercase hex.
pub fn hash_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// SHA-256 of a value's canonical JSON, lowercase hex.
pub fn hash_of<T: Serialize + ?Sized>(value: &T) -> String {
    hash_hex(to_canonical_json(value).as_bytes())
}

/// SHA-256 of a JSON value's canonical form, lowercase hex.
pub fn hash_of_value(value: &Value) -> String {
    hash_hex(value_to_canonical_json(value).as_bytes())
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
