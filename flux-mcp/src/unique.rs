//! JSON whose object gives a key twice (`"budget": "5", "budget": "500"`). serde_json keeps the
//! last one, so the server planned with 500 while a gateway or a log that reads the first saw 5;
//! the kernel's own request bodies refuse such JSON (`MALFORMED_JSON`). A request that repeats a
//! key is answered "invalid params" naming it (one that repeats its own `id` or `method`, "invalid
//! request" with no id), on stdio and over HTTP alike.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The first key some object of `json` gives twice, quoted as JSON (`"budget"`); None when every
/// object gives each key once, or `json` is no JSON serde_json reads (rmcp answers that).
pub fn repeated_key(json: &[u8]) -> Option<String> {
    let found = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_slice(json);
    let _ = Walk(&found).deserialize(&mut reader);
    found.into_inner()
}

/// Walks any JSON value, noting in `.0` the first key an object gives twice (and stopping there).
struct Walk<'a>(&'a RefCell<Option<String>>);

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                *self.0.borrow_mut() = Some(serde_json::Value::String(key).to_string());
                return Err(de::Error::custom("a key given twice"));
            }
            map.next_value_seed(Walk(self.0))?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Walk(self.0))?.is_some() {}
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
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
        // A key that reads like an error's position is named as it is.
        assert_eq!(repeated_key(br#"{"x at line 1":1,"x at line 1":2}"#).as_deref(), Some("\"x at line 1\""));
    }
}
