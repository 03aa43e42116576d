//! JSON of a value without one of its top-level struct fields, written in one pass (the skipped
//! field is never serialized). `authorize` uses it to answer a decision without the cart the
//! caller already holds: an approved 10-line cart is most of a decision's bytes, and serializing
//! and re-parsing it would cost several times the policy evaluation itself.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Compact JSON of `value` without its top-level field `skip` (other levels are untouched).
pub fn json_without<T: Serialize + ?Sized>(value: &T, skip: &'static str) -> String {
    let mut out = Vec::with_capacity(512);
    let mut ser = serde_json::Serializer::new(&mut out);
    // Writing into a Vec cannot fail for the core's types.
    let _ = value.serialize(Skip { inner: &mut ser, skip });
    String::from_utf8(out).unwrap_or_default()
}

struct Skip<S> {
    inner: S,
    skip: &'static str,
}

struct SkipStruct<S> {
    inner: S,
    skip: &'static str,
}

impl<S: SerializeStruct> SerializeStruct for SkipStruct<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), S::Error> {
        if key == self.skip {
            self.inner.skip_field(key)
        } else {
            self.inner.serialize_field(key, value)
        }
    }
    fn end(self) -> Result<S::Ok, S::Error> {
        self.inner.end()
    }
}

/// Forwards the scalar methods of `Serializer` unchanged.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $method(self $(, $arg: $ty)*) -> Result<Self::Ok, Self::Error> {
            self.inner.$method($($arg),*)
        })*
    };
}

impl<S: Serializer> Serializer for Skip<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = SkipStruct<S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    forward!(
        serialize_bool(v: bool),
        serialize_i8(v: i8),
        serialize_i16(v: i16),
        serialize_i32(v: i32),
        serialize_i64(v: i64),
        serialize_i128(v: i128),
        serialize_u8(v: u8),
        serialize_u16(v: u16),
        serialize_u32(v: u32),
        serialize_u64(v: u64),
        serialize_u128(v: u128),
        serialize_f32(v: f32),
        serialize_f64(v: f64),
        serialize_char(v: char),
        serialize_str(v: &str),
        serialize_bytes(v: &[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(name: &'static str),
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok, Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result<Self::Ok, Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Self::Error> {
        self.inner.serialize_newtype_variant(name, index, variant, value)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        self.inner.serialize_seq(len)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Self::Error> {
        self.inner.serialize_tuple(len)
    }
    fn serialize_tuple_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeTupleStruct, Self::Error> {
        self.inner.serialize_tuple_struct(name, len)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        self.inner.serialize_tuple_variant(name, index, variant, len)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        self.inner.serialize_map(len)
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, Self::Error> {
        Ok(SkipStruct { inner: self.inner.serialize_struct(name, len)?, skip: self.skip })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        self.inner.serialize_struct_variant(name, index, variant, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    #[serde(tag = "decision", rename_all = "snake_case")]
    enum Decision {
        Allow(Approved),
    }
    #[derive(serde::Serialize)]
    struct Approved {
        cart: Inner,
        total: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Inner {
        cart: u32,
        x: Option<u32>,
    }

    #[test]
    fn skips_only_the_top_level_field() {
        let d = Decision::Allow(Approved { cart: Inner { cart: 1, x: Some(2) }, total: "3.5" });
        assert_eq!(json_without(&d, "cart"), r#"{"decision":"allow","total":"3.5"}"#);
        assert_eq!(json_without(&Inner { cart: 1, x: None }, "x"), r#"{"cart":1}"#);
    }
}
