//! Carts as clients send them back (the seed's `execute_payment` body): read in one pass,
//! every line validated, display text clipped.

use std::borrow::Cow;
use std::cell::Cell;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer as _};

use super::{Cart, CartError, CartLine, MAX_CART_LINES};
use crate::money::AmountText;

/// A cart line as a client sends it back (the seed's `execute_payment` body): `vendor_id` and
/// `price` are required; other fields are optional and anything else is ignored. `line_total`
/// is always recomputed; one that is sent must be that (price × quantity), else the line was
/// tampered with and the cart is refused (`INCONSISTENT_LINE`).
#[derive(Debug, Clone, Deserialize)]
pub struct CartLineInput {
    /// Line id (defaults to `line-<index>`).
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    /// Product name.
    #[serde(default)]
    pub name: Option<String>,
    /// Vendor id.
    #[serde(default)]
    pub vendor_id: Option<String>,
    /// Vendor name.
    #[serde(default)]
    pub vendor_name: Option<String>,
    /// Pack price.
    pub price: AmountText,
    /// Packs (default 1).
    #[serde(default)]
    pub quantity: Option<u64>,
    /// The line total the client shows (checked, never trusted).
    #[serde(default)]
    pub line_total: Option<AmountText>,
    /// Units delivered (default: the quantity).
    #[serde(default)]
    pub units: Option<u32>,
    /// Original price.
    #[serde(default)]
    pub original_price: Option<AmountText>,
    /// Category.
    #[serde(default)]
    pub category: Option<String>,
    /// The need the line serves.
    #[serde(default)]
    pub need: Option<String>,
    /// Delivery days.
    #[serde(default)]
    pub delivery_days: Option<u32>,
}

impl Cart {
    /// Builds a cart from client-sent lines, validating each.
    pub fn from_inputs(inputs: Vec<CartLineInput>) -> Result<Cart, CartError> {
        if inputs.len() > MAX_CART_LINES {
            return Err(CartError::TooManyLines { lines: inputs.len(), max: MAX_CART_LINES });
        }
        let mut lines = Vec::with_capacity(inputs.len());
        for (index, i) in inputs.into_iter().enumerate() {
            let price = i.price.to_amount().map_err(|source| CartError::InvalidPrice { index, source })?;
            let quantity = i.quantity.unwrap_or(1);
            if quantity == 0 || quantity > 1_000_000 {
                return Err(CartError::InvalidQuantity { index, quantity });
            }
            let quantity = quantity as u32;
            let vendor_id = i.vendor_id.filter(|v| !v.trim().is_empty()).ok_or(CartError::MissingVendor { index })?;
            let original_price = match i.original_price {
                Some(t) => Some(t.to_amount().map_err(|source| CartError::InvalidPrice { index, source })?),
                None => None,
            };
            let id = match i.id {
                Some(serde_json::Value::String(s)) if !s.is_empty() => s,
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => format!("line-{index}"),
            };
            let line_total = price.checked_mul(u64::from(quantity)).map_err(|_| CartError::Overflow)?;
            if let Some(stated) = &i.line_total {
                if stated.to_amount().ok() != Some(line_total) {
                    return Err(CartError::InconsistentLine { index });
                }
            }
            lines.push(CartLine {
                id: clip(id, 128),
                name: clip(i.name.unwrap_or_default(), 200),
                price,
                original_price,
                quantity,
                line_total,
                vendor_name: clip(i.vendor_name.unwrap_or_else(|| vendor_id.clone()), 100),
                vendor_id: clip(vendor_id, 128),
                trust_score: 0,
                delivery_days: i.delivery_days.unwrap_or(0),
                ai_score: 0,
                reason: String::new(),
                ai_reason: String::new(),
                category: clip(i.category.unwrap_or_default(), 48),
                need: clip(i.need.unwrap_or_default(), 200),
                units: i.units.unwrap_or(quantity),
                discounts: Vec::new(),
            });
        }
        Cart::new(lines)
    }

    /// [`Cart::from_json`] of a request body's bytes: bytes that are not UTF-8 are
    /// `MALFORMED_JSON` (JSON is UTF-8), as any other malformed body.
    pub fn from_json_bytes(body: &[u8]) -> Result<Cart, CartError> {
        let text = std::str::from_utf8(body).map_err(|e| CartError::Malformed { reason: format!("the body is not UTF-8 ({e})") })?;
        Cart::from_json(text)
    }

    /// Parses a JSON list of cart lines (the seed's `execute_payment` body) or `{"lines": [...]}`,
    /// in one pass; a malformed line is named by its index.
    pub fn from_json(json: &str) -> Result<Cart, CartError> {
        let reading = Cell::new(Reading::Done);
        let mut de = serde_json::Deserializer::from_str(json);
        let parsed = (&mut de).deserialize_any(Lines(&reading)).and_then(|inputs| de.end().map(|()| inputs));
        match (parsed, reading.get()) {
            (Ok(inputs), _) => Cart::from_inputs(inputs),
            (Err(_), Reading::TooMany(lines)) => Err(CartError::TooManyLines { lines, max: MAX_CART_LINES }),
            (Err(e), Reading::Line(index)) => Err(CartError::Malformed { reason: format!("line {index}: {e}") }),
            (Err(e), Reading::Done) => Err(CartError::Malformed { reason: e.to_string() }),
        }
    }
}

/// `text` cut to its first `max` characters (kept as it is when it is no longer).
fn clip(mut text: String, max: usize) -> String {
    if text.len() > max {
        if let Some((at, _)) = text.char_indices().nth(max) {
            text.truncate(at);
        }
    }
    text
}

/// Where reading a cart body stopped: at the line being read, past the line limit (with the
/// number of lines counted), or done.
#[derive(Debug, Clone, Copy)]
enum Reading {
    Line(usize),
    TooMany(usize),
    Done,
}

/// The lines of a cart body, read in one pass (numbers keep their exact text through
/// [`AmountText`]): a list of lines, or at the top level `{"lines": [...]}` (other keys
/// ignored). Beyond [`MAX_CART_LINES`] lines the rest are only counted.
struct Lines<'a>(&'a Cell<Reading>);

/// Inside `{"lines": ...}`, only a list.
impl<'de> DeserializeSeed<'de> for Lines<'_> {
    type Value = Vec<CartLineInput>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Lines<'_> {
    type Value = Vec<CartLineInput>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(r#"a list of cart lines or {"lines": [...]}"#)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut lines = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        loop {
            self.0.set(Reading::Line(lines.len()));
            match seq.next_element::<CartLineInput>()? {
                Some(_) if lines.len() == MAX_CART_LINES => {
                    // Counted, not read, to say how many there were.
                    let mut count = MAX_CART_LINES + 1;
                    while seq.next_element::<de::IgnoredAny>()?.is_some() {
                        count += 1;
                    }
                    self.0.set(Reading::TooMany(count));
                    return Err(de::Error::custom(format_args!("{count} lines, at most {MAX_CART_LINES}")));
                }
                Some(line) => lines.push(line),
                None => break,
            }
        }
        self.0.set(Reading::Done);
        Ok(lines)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut lines = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "lines" if lines.is_none() => lines = Some(map.next_value_seed(Lines(self.0))?),
                "lines" => return Err(de::Error::duplicate_field("lines")),
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        lines.ok_or_else(|| de::Error::missing_field("lines"))
    }
}
