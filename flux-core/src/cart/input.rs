//! Carts as clients send them back (the seed's `execute_payment` body): read in one pass,
//! every line validated, display text clipped.

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

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
        let (failed_at, too_many) = (std::cell::Cell::new(None), std::cell::Cell::new(None));
        let lines = Lines { failed_at: &failed_at, too_many: &too_many };
        let parsed = if json.trim_start().starts_with('{') {
            let mut de = serde_json::Deserializer::from_str(json);
            WrappedLines(lines).deserialize(&mut de).and_then(|inputs| de.end().map(|()| inputs))
        } else {
            let mut de = serde_json::Deserializer::from_str(json);
            lines.deserialize(&mut de).and_then(|inputs| de.end().map(|()| inputs))
        };
        match parsed {
            Ok(inputs) => Cart::from_inputs(inputs),
            Err(e) => match (too_many.get(), failed_at.get()) {
                (Some(lines), _) => Err(CartError::TooManyLines { lines, max: MAX_CART_LINES }),
                (None, Some(index)) => Err(CartError::Malformed { reason: format!("line {index}: {e}") }),
                (None, None) => Err(CartError::Malformed { reason: e.to_string() }),
            },
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

/// The lines of a cart body, read in one pass (numbers keep their exact text through
/// [`AmountText`]). The index of a line that fails to read is left in `failed_at`; beyond
/// [`MAX_CART_LINES`] lines the rest are only counted, into `too_many`.
struct Lines<'a> {
    failed_at: &'a std::cell::Cell<Option<usize>>,
    too_many: &'a std::cell::Cell<Option<usize>>,
}

impl<'de> DeserializeSeed<'de> for Lines<'_> {
    type Value = Vec<CartLineInput>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Lines<'_> {
    type Value = Vec<CartLineInput>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of cart lines")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut lines = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        loop {
            self.failed_at.set(Some(lines.len()));
            match seq.next_element::<CartLineInput>()? {
                Some(_) if lines.len() == MAX_CART_LINES => {
                    // Counted, not read, to say how many there were.
                    let mut count = MAX_CART_LINES + 1;
                    while seq.next_element::<de::IgnoredAny>()?.is_some() {
                        count += 1;
                    }
                    self.too_many.set(Some(count));
                    return Err(de::Error::custom(format_args!("{count} lines, at most {MAX_CART_LINES}")));
                }
                Some(line) => lines.push(line),
                None => break,
            }
        }
        self.failed_at.set(None);
        Ok(lines)
    }
}

/// `{"lines": [...]}`; other keys are ignored.
struct WrappedLines<'a>(Lines<'a>);

impl<'de> DeserializeSeed<'de> for WrappedLines<'_> {
    type Value = Vec<CartLineInput>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for WrappedLines<'_> {
    type Value = Vec<CartLineInput>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(r#"{"lines": [...]}"#)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut lines = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "lines" if lines.is_none() => lines = Some(map.next_value_seed(Lines { ..self.0 })?),
                "lines" => return Err(de::Error::duplicate_field("lines")),
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        lines.ok_or_else(|| de::Error::missing_field("lines"))
    }
}
