//! A serde `Serializer` that writes canonical JSON directly into one buffer: an object's entries
//! are written as they come and, unless already in order, moved once into key-byte order when
//! the object ends — no `serde_json::Value` tree and no buffer per entry. Output is byte for byte what
//! `value_to_canonical_json(&serde_json::to_value(v))` gives; a property test checks it.

use std::borrow::Cow;

use serde::ser::{self, Serialize};

/// Why a value cannot be written (only foreign types can fail: Flux's own never do).
#[derive(Debug)]
pub(super) struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

/// The newtype name serde_json gives a `RawValue`.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// Writes `value` canonically into `out`.
pub(super) fn write<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<()> {
    value.serialize(Canonical { out })
}

/// A scalar as serde_json writes it.
fn scalar<T: Serialize + ?Sized>(v: &T, out: &mut Vec<u8>) -> Result<()> {
    serde_json::to_writer(out, v).map_err(|e| Error(e.to_string()))
}

struct Canonical<'a> {
    out: &'a mut Vec<u8>,
}

/// An object being written: each entry (`"key":value`) goes straight into `out`, and its key
/// and byte range are noted. When the object ends, entries already in key order (and unique)
/// are left where they are; otherwise the object's bytes are taken out once and written back
/// sorted by the keys' UTF-8 bytes, a repeated key keeping its last value (as a map would).
struct Object<'a> {
    out: &'a mut Vec<u8>,
    /// Where the first entry starts (just after `{`).
    body: usize,
    entries: Vec<Entry>,
    key: Option<String>,
    /// For an enum variant with fields: the variant's name, wrapping the object.
    variant: bool,
}

/// One written entry: its key and the range of `"key":value` in the output.
struct Entry {
    key: Cow<'static, str>,
    start: usize,
    end: usize,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut Vec<u8>, len: usize, variant: Option<&'static str>) -> Result<Object<'a>> {
        if let Some(v) = variant {
            out.push(b'{');
            scalar(v, out)?;
            out.push(b':');
        }
        out.push(b'{');
        Ok(Object { body: out.len(), out, entries: Vec::with_capacity(len), key: None, variant: variant.is_some() })
    }

    fn entry<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, value: &T) -> Result<()> {
        if !self.entries.is_empty() {
            self.out.push(b',');
        }
        let start = self.out.len();
        scalar(&*key, self.out)?;
        self.out.push(b':');
        write(value, self.out)?;
        self.entries.push(Entry { key, start, end: self.out.len() });
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        let in_order = self.entries.windows(2).all(|w| w[0].key.as_bytes() < w[1].key.as_bytes());
        if !in_order {
            let written = self.out.split_off(self.body);
            // Stable sort, then keep each key's last entry.
            self.entries.sort_by(|a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
            let mut kept: Vec<&Entry> = Vec::with_capacity(self.entries.len());
            for e in &self.entries {
                match kept.last_mut() {
                    Some(last) if last.key == e.key => *last = e,
                    _ => kept.push(e),
                }
            }
            for (i, e) in kept.iter().enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                let range = e.start - self.body..e.end - self.body;
                self.out.extend_from_slice(written.get(range).ok_or_else(|| Error("an entry outside its object".into()))?);
            }
        }
        self.out.push(b'}');
        if self.variant {
            self.out.push(b'}');
        }
        Ok(())
    }
}

/// An array being written; `variant` wraps it for a tuple variant.
struct Array<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    variant: Option<&'static str>,
}

impl<'a> Array<'a> {
    fn open(out: &'a mut Vec<u8>, variant: Option<&'static str>) -> Result<Array<'a>> {
        if let Some(v) = variant {
            out.push(b'{');
            scalar(v, out)?;
            out.push(b':');
        }
        out.push(b'[');
        Ok(Array { out, first: true, variant })
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        write(value, self.out)
    }

    fn close(self) -> Result<()> {
        self.out.push(b']');
        if self.variant.is_some() {
            self.out.push(b'}');
        }
        Ok(())
    }
}

/// A map key's text, as serde_json turns keys into strings.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<String> {
    match serde_json::to_value(key).map_err(|e| Error(e.to_string()))? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::Bool(b) => Ok(b.to_string()),
        _ => Err(Error("a map key must be a string".into())),
    }
}

macro_rules! scalars {
    ($($method:ident($t:ty)),* $(,)?) => {
        $(fn $method(self, v: $t) -> Result<()> { scalar(&v, self.out) })*
    };
}

impl<'a> ser::Serializer for Canonical<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = Array<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
    );

    fn serialize_i128(self, v: i128) -> Result<()> {
        // As `serde_json::to_value`: within 64 bits a number, beyond it an error.
        match (i64::try_from(v), u64::try_from(v)) {
            (Ok(i), _) => scalar(&i, self.out),
            (_, Ok(u)) => scalar(&u, self.out),
            _ => Err(Error("number out of range".into())),
        }
    }

    fn serialize_u128(self, v: u128) -> Result<()> {
        u64::try_from(v).map_err(|_| Error("number out of range".into())).and_then(|u| scalar(&u, self.out))
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        let mut a = Array::open(self.out, None)?;
        for b in v {
            a.element(b)?;
        }
        a.close()
    }

    fn serialize_none(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_none()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        scalar(variant, self.out)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<()> {
        if name == RAW_VALUE {
            // A `serde_json::value::RawValue`: its text parsed, then written canonically.
            let v = serde_json::to_value(value).map_err(|e| Error(e.to_string()))?;
            let text = v.as_str().ok_or_else(|| Error("raw JSON that is not text".into()))?;
            let parsed: serde_json::Value = serde_json::from_str(text).map_err(|e| Error(e.to_string()))?;
            self.out.extend_from_slice(super::value_to_canonical_json(&parsed).as_bytes());
            return Ok(());
        }
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, variant: &'static str, value: &T) -> Result<()> {
        self.out.push(b'{');
        scalar(variant, self.out)?;
        self.out.push(b':');
        write(value, self.out)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Array<'a>> {
        Array::open(self.out, None)
    }

    fn serialize_tuple(self, _: usize) -> Result<Array<'a>> {
        Array::open(self.out, None)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Array<'a>> {
        Array::open(self.out, None)
    }

    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Array<'a>> {
        Array::open(self.out, Some(variant))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Object<'a>> {
        Object::open(self.out, len.unwrap_or(8), None)
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Object<'a>> {
        Object::open(self.out, len, None)
    }

    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, len: usize) -> Result<Object<'a>> {
        Object::open(self.out, len, Some(variant))
    }
}

impl ser::SerializeSeq for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeTuple for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Array<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key_text(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| Error("a map value without a key".into()))?;
        self.entry(Cow::Owned(key), value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.entry(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Object<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.entry(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}
