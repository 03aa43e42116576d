//! Carts as clients send them back (the seed's `execute_payment` body): read in one pass,
//! every line validated, display text clipped.

use std::borrow::Cow;
use std::cell::Cell;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer as _};

use super::{Cart, CartError, CartLine, MAX_CART_LINES, MAX_LINE_QUANTITY};
use crate::intent::{MAX_ITEM_CHARS, MAX_NEEDS};
use crate::money::AmountText;
use crate::negotiate::AppliedDiscount;

/// A cart line as a client sends it back (the seed's `execute_payment` body): `vendor_id` and
/// `price` are required; other fields are optional and anything else is ignored. `line_total`
/// is always recomputed; one that is sent must be that (price × quantity), else the line was
/// tampered with and the cart is refused (`INCONSISTENT_LINE`). The display fields a line of
/// the kernel carries (`trust_score`, `ai_score`, `reason`, `ai_reason`, `discounts`) are kept
/// when they have their type (a cart read from its own JSON is the same cart) and ignored
/// otherwise, as before: they are not paid.
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
    /// Packs (default 1): a whole number in 1..=[`MAX_LINE_QUANTITY`]; anything else is
    /// `INVALID_QUANTITY`, naming the line.
    #[serde(default)]
    pub quantity: Option<serde_json::Value>,
    /// The line total the client shows (checked, never trusted).
    #[serde(default)]
    pub line_total: Option<AmountText>,
    /// Units delivered (default: the quantity): a whole number; anything else is
    /// `INVALID_UNITS`, naming the line.
    #[serde(default)]
    pub units: Option<serde_json::Value>,
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
    /// Vendor trust (display only).
    #[serde(default, deserialize_with = "display_field")]
    pub trust_score: Option<u8>,
    /// Ranking score (display only).
    #[serde(default, deserialize_with = "display_field")]
    pub ai_score: Option<u32>,
    /// Short reason (display only).
    #[serde(default, deserialize_with = "display_field")]
    pub reason: Option<String>,
    /// Scoring arithmetic (display only).
    #[serde(default, deserialize_with = "display_field")]
    pub ai_reason: Option<String>,
    /// Discounts applied (display only: the quote check re-derives the price).
    #[serde(default, deserialize_with = "display_field")]
    pub discounts: Option<Vec<AppliedDiscount>>,
}

/// Longest display texts kept from a client's line, in characters: at least what the kernel
/// writes, so a cart read back from its own JSON is unchanged.
const MAX_ID_CHARS: usize = 128;
const MAX_NAME_CHARS: usize = 200;
const MAX_VENDOR_NAME_CHARS: usize = 100;
const MAX_CATEGORY_CHARS: usize = 48;
/// A line serving several needs names them all, comma-separated.
const MAX_NEED_CHARS: usize = MAX_NEEDS * (MAX_ITEM_CHARS + 2);
const MAX_REASON_CHARS: usize = 4_096;
const MAX_AI_REASON_CHARS: usize = 1_024;
const MAX_DISCOUNTS: usize = 8;
const MAX_DISCOUNT_LABEL_CHARS: usize = 200;

/// A display field: its value when it has its type, `None` when it has not (or is `null`).
fn display_field<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(T::deserialize(value).ok())
}

/// A count a client sent: `default` when absent or `null`, else a whole number, or the text of
/// what was sent instead (`-1`, `1.5`, `"2"`).
fn whole(value: Option<&serde_json::Value>, default: u64) -> Result<u64, String> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(default),
        Some(v) => v.as_u64().ok_or_else(|| v.to_string().chars().take(40).collect()),
    }
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
            let quantity = match whole(i.quantity.as_ref(), 1) {
                Ok(q) if (1..=u64::from(MAX_LINE_QUANTITY)).contains(&q) => q as u32,
                Ok(q) => return Err(CartError::InvalidQuantity { index, quantity: q.to_string() }),
                Err(text) => return Err(CartError::InvalidQuantity { index, quantity: text }),
            };
            let vendor_id = i.vendor_id.filter(|v| !v.trim().is_empty()).ok_or(CartError::MissingVendor { index })?;
            let original_price = match i.original_price {
                Some(t) => Some(t.to_amount().map_err(|source| CartError::InvalidPrice { index, source })?),
                None => None,
            };
            let units = whole(i.units.as_ref(), u64::from(quantity)).and_then(|u| u32::try_from(u).map_err(|_| u.to_string()));
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
            let mut discounts = i.discounts.unwrap_or_default();
            discounts.truncate(MAX_DISCOUNTS);
            for d in &mut discounts {
                d.label = clip(std::mem::take(&mut d.label), MAX_DISCOUNT_LABEL_CHARS);
            }
            lines.push(CartLine {
                id: clip(id, MAX_ID_CHARS),
                name: clip(i.name.unwrap_or_default(), MAX_NAME_CHARS),
                price,
                original_price,
                quantity,
                line_total,
                vendor_name: clip(i.vendor_name.unwrap_or_else(|| vendor_id.clone()), MAX_VENDOR_NAME_CHARS),
                vendor_id: clip(vendor_id, MAX_ID_CHARS),
                trust_score: i.trust_score.unwrap_or(0),
                delivery_days: i.delivery_days.unwrap_or(0),
                ai_score: i.ai_score.unwrap_or(0),
                reason: clip(i.reason.unwrap_or_default(), MAX_REASON_CHARS),
                ai_reason: clip(i.ai_reason.unwrap_or_default(), MAX_AI_REASON_CHARS),
                category: clip(i.category.unwrap_or_default(), MAX_CATEGORY_CHARS),
                need: clip(i.need.unwrap_or_default(), MAX_NEED_CHARS),
                units: units.map_err(|units| CartError::InvalidUnits { id: format!("line {index}"), units })?,
                discounts,
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

    /// Parses a JSON list of cart lines (the seed's `execute_payment` body) or an object with
    /// `lines` (`{"lines": [...]}`, or a whole cart as [`Cart::canonical_json`] writes it) or
    /// `options` (a proposal, whose `options` are its cart's lines), in one pass; a malformed line is named by its index. An object may state the cart's `currency`,
    /// which must be `USDC` (`UNSUPPORTED_CURRENCY`), and its `total`, which must be the sum of
    /// its lines (`INCONSISTENT_TOTAL`); absent (or `null`), they are not checked. A cart read
    /// from its own JSON is equal to it.
    pub fn from_json(json: &str) -> Result<Cart, CartError> {
        let reading = Cell::new(Reading::Done);
        let mut de = serde_json::Deserializer::from_str(json);
        let parsed = (&mut de).deserialize_any(Body(&reading)).and_then(|body| de.end().map(|()| body));
        match (parsed, reading.get()) {
            (Ok(body), _) => body.into_cart(),
            (Err(_), Reading::TooMany(lines)) => Err(CartError::TooManyLines { lines, max: MAX_CART_LINES }),
            (Err(e), Reading::Line(index)) => Err(CartError::Malformed { reason: format!("line {index}: {e}") }),
            (Err(e), Reading::Done) => Err(CartError::Malformed { reason: e.to_string() }),
        }
    }
}

/// A display field a cart line states of its offer ([`shown`]).
#[derive(Clone, Copy)]
pub(crate) enum Shown {
    Name,
    VendorName,
    Category,
    DiscountLabel,
}

/// `text` as a cart reads it into the field: clipped to the field's limit. A kernel line keeps
/// the offer's text whole and one read back from JSON has it clipped: both compare equal once
/// clipped.
fn shown(text: &str, field: Shown) -> String {
    let max = match field {
        Shown::Name => MAX_NAME_CHARS,
        Shown::VendorName => MAX_VENDOR_NAME_CHARS,
        Shown::Category => MAX_CATEGORY_CHARS,
        Shown::DiscountLabel => MAX_DISCOUNT_LABEL_CHARS,
    };
    clip(text.to_owned(), max)
}

/// Whether two texts of a field read alike once [`shown`]: a kernel line (whole) and the same
/// line read back from JSON (clipped).
pub(crate) fn shown_alike(a: &str, b: &str, field: Shown) -> bool {
    shown(a, field) == shown(b, field)
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

/// A cart body as read: its lines, and what it states of the whole cart.
struct CartBody {
    lines: Vec<CartLineInput>,
    /// `currency`, when stated (not `null`).
    currency: Option<serde_json::Value>,
    /// `total`, when stated (not `null`).
    total: Option<AmountText>,
}

impl CartBody {
    /// The cart, checked against what the body states of it.
    fn into_cart(self) -> Result<Cart, CartError> {
        if let Some(currency) = self.currency.filter(|c| c.as_str() != Some("USDC")) {
            return Err(CartError::UnsupportedCurrency { currency: clip(currency.to_string(), 40) });
        }
        let cart = Cart::from_inputs(self.lines)?;
        if let Some(stated) = self.total {
            if stated.to_amount().ok() != Some(cart.total()) {
                return Err(CartError::InconsistentTotal { stated: clip(stated.as_str().to_owned(), 40), total: cart.total() });
            }
        }
        Ok(cart)
    }
}

/// A cart body, read in one pass (numbers keep their exact text through [`AmountText`]): a list
/// of lines, or an object with `lines` and optionally `currency` and `total` (other keys
/// ignored).
struct Body<'a>(&'a Cell<Reading>);

impl<'de> Visitor<'de> for Body<'_> {
    type Value = CartBody;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(r#"a list of cart lines, {"lines": [...]} or a proposal {"options": [...]}"#)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(CartBody { lines: Lines(self.0).visit_seq(seq)?, currency: None, total: None })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut lines, mut currency, mut total) = (None, None, None);
        let (mut seen_currency, mut seen_total) = (false, false);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                // A proposal's `options` are its cart's lines: a proposal sent back as it came is paid.
                "lines" | "options" if lines.is_none() => lines = Some(map.next_value_seed(Lines(self.0))?),
                "lines" | "options" => return Err(de::Error::duplicate_field("lines")),
                "currency" if !seen_currency => {
                    seen_currency = true;
                    currency = Some(map.next_value::<serde_json::Value>()?).filter(|c| !c.is_null());
                }
                "currency" => return Err(de::Error::duplicate_field("currency")),
                "total" if !seen_total => {
                    seen_total = true;
                    total = map.next_value::<Option<AmountText>>()?;
                }
                "total" => return Err(de::Error::duplicate_field("total")),
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        let lines = lines.ok_or_else(|| de::Error::missing_field("lines"))?;
        Ok(CartBody { lines, currency, total })
    }
}

/// The lines of a cart body, read in one pass. Beyond [`MAX_CART_LINES`] lines the rest are only
/// counted.
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
        f.write_str("a list of cart lines")
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
}
