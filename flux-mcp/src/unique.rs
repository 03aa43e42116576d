//! JSON whose object gives a key twice (`"budget": "5", "budget": "500"`). serde_json keeps the
//! last one, so the server planned with 500 while a gateway or a log that reads the first saw 5;
//! the kernel's own request bodies refuse such JSON (`MALFORMED_JSON`). A request that repeats a
//! key is answered "invalid params" naming it, on stdio and over HTTP alike.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// What the walk reports for a repeated key: the key, as the message's start.
const REPEATED: &str = "the key ";

/// The first key some object of `json` gives twice, as it reads (`"budget"`); None when every
/// object gives each key once, or `json` is no JSON serde_json reads (rmcp answers that).
pub fn repeated_key(json: &[u8]) -> Option<String> {
    let error = serde_json::from_slice::<Unique>(json).err()?;
    let message = error.to_string();
    let key = message.strip_prefix(REPEATED)?;
    Some(key.split(" at line ").next().unwrap_or(key).trim_end_matches(" is given twice").to_owned())
}

/// Any JSON value, walked for objects that repeat a key.
struct Unique;

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unique, D::Error> {
        deserializer.deserialize_any(Walk)
    }
}

struct Walk;

impl<'de> Visitor<'de> for Walk {
    type Value = Unique;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("{REPEATED}{key:?} is given twice")));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
}

#[cfg(test)]
mod tests {
    use super::repeated_key;

    #[test]
    fn a_key_given_twice_is_named() {
        let call = br#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"arguments":{"budget":"5","budget":"500"}}}"#;
        assert_eq!(repeated_key(call).as_deref(), Some("\"budget\""));
        assert_eq!(repeated_key(br#"[{"a":1},{"b":[{"c":1,"c":2}]}]"#).as_deref(), Some("\"c\""));
        assert_eq!(repeated_key(br#"{"a":{"x":1},"b":{"x":1}}"#), None, "the same key in two objects is no repeat");
        assert_eq!(repeated_key(b"not json"), None);
        assert_eq!(repeated_key(br#"{"a":"\"a\"","b":"a"}"#), None);
    }
}
