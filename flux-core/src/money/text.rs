//! [`AmountText`]: the exact text of an amount as a deserializer saw it.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::{Amount, AmountError};

/// The exact text of an amount as it arrived: a JSON string's contents or a JSON number token's
/// digits, untouched by any float conversion.
///
/// With `serde_json` it reads the raw token text (`45.10` stays `45.10`, `1e400` stays `1e400`).
/// With other formats (TOML, in-memory values) it accepts strings and integers exactly; a float
/// from such a format is read through its shortest round-trip text.
#[derive(Clone, PartialEq, Eq)]
pub struct AmountText(String);

impl AmountText {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Parses it as an [`Amount`].
    pub fn to_amount(&self) -> Result<Amount, AmountError> {
        Amount::parse(&self.0)
    }
}

impl fmt::Debug for AmountText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AmountText({:?})", self.0)
    }
}

impl From<&str> for AmountText {
    fn from(s: &str) -> Self {
        AmountText(s.to_owned())
    }
}

impl Serialize for AmountText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The name `serde_json` uses to hand a value's raw text to `RawValue`; requesting it gives us
/// the exact number token. Other deserializers treat it as an ordinary newtype.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(RAW_VALUE_TOKEN, AmountTextVisitor)
    }
}

struct AmountTextVisitor;

impl<'de> Visitor<'de> for AmountTextVisitor {
    type Value = AmountText;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount as a decimal string or number")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<AmountText, D::Error> {
        d.deserialize_any(self)
    }

    // serde_json's raw-value protocol: one entry whose value is the token's text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AmountText, A::Error> {
        let key: Option<String> = map.next_key()?;
        if key.as_deref() != Some(RAW_VALUE_TOKEN) {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let raw: String = map.next_value()?;
        let raw = raw.trim();
        if raw.starts_with('"') {
            let s: String = serde_json::from_str(raw).map_err(de::Error::custom)?;
            return Ok(AmountText(s));
        }
        if raw.starts_with(['{', '[']) || matches!(raw, "true" | "false" | "null") {
            return Err(de::Error::invalid_type(de::Unexpected::Other(raw), &self));
        }
        Ok(AmountText(raw.to_owned()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<AmountText, E> {
        Ok(AmountText(v.to_owned()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<AmountText, E> {
        Ok(AmountText(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<AmountText, E> {
        Ok(AmountText(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<AmountText, E> {
        Ok(AmountText(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<AmountText, E> {
        Ok(AmountText(v.to_string()))
    }
    // Only reached from formats that already turned the number into a binary float (a TOML
    // float, a `serde_json::Value`): its original digits are gone, so it cannot be read exactly.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<AmountText, E> {
        Err(E::custom(format_args!(
            "amount {v} arrived as a binary float and cannot be read exactly; give it as a decimal string (\"{v}\") or JSON number text"
        )))
    }
}
