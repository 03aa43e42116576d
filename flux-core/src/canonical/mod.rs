//! Canonical JSON and content hashes.
//!
//! Canonical form: object keys sorted by their UTF-8 bytes, no insignificant whitespace, strings
//! escaped as `serde_json` does, amounts already strings. It does not depend on `serde_json`'s
//! map ordering features, so every host and every build gives the same bytes.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

mod ser;

/// Serializes `value` canonically, directly (no `serde_json::Value` in between). Serialization of
/// Flux's own types cannot fail; should a foreign type fail, the result is the JSON `null` (and
/// its hash is still well defined).
pub fn to_canonical_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(512);
    if ser::write(value, &mut out).is_err() {
        return "null".to_owned();
    }
    // Only valid UTF-8 was written: JSON punctuation and serde_json's own string/number output.
    String::from_utf8(out).unwrap_or_default()
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

    /// The direct serializer gives exactly what the `Value` route gives.
    fn same<T: Serialize>(v: &T) {
        let via_value = value_to_canonical_json(&serde_json::to_value(v).unwrap_or(Value::Null));
        assert_eq!(to_canonical_json(v), via_value);
    }

    #[test]
    fn the_direct_serializer_matches_the_value_route() {
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, &'static str),
            Struct { z: u8, a: Option<u8> },
        }
        #[derive(Serialize)]
        struct Inner {
            zeta: Vec<E>,
            alpha: std::collections::BTreeMap<String, i64>,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
        }
        #[derive(Serialize)]
        struct Outer {
            #[serde(flatten)]
            inner: Inner,
            b: f64,
            a: (u64, bool, char),
            u: u128,
        }
        let mut map = std::collections::BTreeMap::new();
        map.insert("é".to_owned(), -1);
        map.insert("\"q\"".to_owned(), 2);
        map.insert("a\nb".to_owned(), 3);
        let v = Outer {
            inner: Inner { zeta: vec![E::Unit, E::New(1), E::Tuple(2, "x\u{7f}"), E::Struct { z: 1, a: None }], alpha: map, skipped: None },
            b: 0.1 + 0.2,
            a: (u64::MAX, true, '\u{1F600}'),
            u: 7,
        };
        same(&v);
        same(&serde_json::json!({"b": [1, {"y": null, "x": "\u{0}"}], "a": -0.0}));
        same(&f64::NAN);
    }

    #[test]
    fn proposals_carts_and_settlements_match_the_value_route() {
        use crate::future::block_on;
        let flux = crate::flux::Flux::builder().ledger(crate::ledger::MemoryLedger::new()).build().unwrap_or_else(|e| panic!("{e}"));
        for (prompt, strategy) in [
            ("hackathon kit for 60 people: snacks, 24 energy drinks, badges, usb-c hubs", crate::intent::Strategy::Balanced),
            ("a 4K projector and 40 folding chairs for the offsite", crate::intent::Strategy::Fastest),
            ("24 energy drinks and badges for 100 people", crate::intent::Strategy::Cheapest),
        ] {
            let intent =
                crate::intent::Intent::new(prompt, crate::money::Amount::whole(2_000), 7, strategy).unwrap_or_else(|e| panic!("{e}"));
            let p = block_on(flux.orchestrate(&intent)).unwrap_or_else(|e| panic!("{e}"));
            same(&p);
            same(&p.cart);
            same(&flux.authorize(&p.cart));
            if let Ok(s) = block_on(flux.execute(&p.cart)) {
                same(&s);
            }
        }
    }

    #[test]
    fn keys_sorted_no_whitespace() {
        let v = serde_json::json!({"b": 1, "a": {"d": [1, "x"], "c": "é\n"}});
        assert_eq!(to_canonical_json(&v), r#"{"a":{"c":"é\n","d":[1,"x"]},"b":1}"#);
        assert_eq!(hash_of(&v).len(), 64);
    }
}
