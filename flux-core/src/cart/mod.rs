//! The cart: lines with the seed dashboard's fields, an exact total, a canonical JSON form and a
//! content-hash id.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::canonical;
use crate::intent::Need;
use crate::money::{Amount, AmountError};
use crate::negotiate::AppliedDiscount;
use crate::rank::RankedOption;

mod input;

pub use input::CartLineInput;
pub(crate) use input::{shown_alike, Shown};

/// Most lines a cart may hold at all (a policy usually allows far fewer).
pub const MAX_CART_LINES: usize = 10_000;

/// The most packs one line may hold.
pub const MAX_LINE_QUANTITY: u32 = 1_000_000;

/// One line of a cart. Field names are the seed dashboard's (`id, name, price, vendor_name,
/// vendor_id, trust_score, delivery_days, ai_score, reason, ai_reason, original_price`) plus
/// `quantity`, `line_total` and a few more.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CartLine {
    /// Line id: the offer id.
    pub id: String,
    /// Product name.
    pub name: String,
    /// Price of one pack (after negotiation).
    pub price: Amount,
    /// Price before negotiation, when a discount applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_price: Option<Amount>,
    /// Packs.
    pub quantity: u32,
    /// `price × quantity`.
    pub line_total: Amount,
    /// Vendor display name.
    pub vendor_name: String,
    /// Vendor id: the merchant the policy pays.
    pub vendor_id: String,
    /// Vendor trust, 0..=100.
    pub trust_score: u8,
    /// Days to deliver.
    pub delivery_days: u32,
    /// Ranking score, 0..=100.
    pub ai_score: u32,
    /// Short reason.
    pub reason: String,
    /// Scoring arithmetic.
    pub ai_reason: String,
    /// Category of the need this line serves.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// What was asked that this line serves, as the user said it ("energy drinks"); several,
    /// comma-separated, when one offer serves several needs.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub need: String,
    /// Units delivered.
    pub units: u32,
    /// Discounts applied.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<AppliedDiscount>,
}

impl CartLine {
    /// A line from a ranked option for `need`.
    pub fn from_option(o: &RankedOption, need: &Need) -> CartLine {
        CartLine {
            id: o.offer_id.clone(),
            name: o.name.clone(),
            price: o.unit_price,
            original_price: (o.original_price != o.unit_price).then_some(o.original_price),
            quantity: o.packs,
            line_total: o.line_total,
            vendor_name: o.vendor_name.clone(),
            vendor_id: o.vendor_id.clone(),
            trust_score: o.trust_score,
            delivery_days: o.delivery_days,
            ai_score: o.score.total / 10,
            reason: o.reason.clone(),
            ai_reason: o.ai_reason.clone(),
            category: need.category.clone(),
            need: need.item.clone(),
            units: o.units,
            discounts: o.discounts.clone(),
        }
    }
}

/// Why cart input or an edit is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CartError {
    /// Not JSON of the expected shape.
    #[error("malformed cart: {reason}")]
    Malformed {
        /// Parser's explanation.
        reason: String,
    },
    /// A line's price is not a valid amount.
    #[error("line {index}: price: {source}")]
    InvalidPrice {
        /// 0-based line index.
        index: usize,
        /// The amount error.
        source: AmountError,
    },
    /// A line's quantity is zero, absurd or not a whole number.
    #[error("line {index}: quantity must be a whole number in 1..=1000000, got {quantity}")]
    InvalidQuantity {
        /// 0-based line index.
        index: usize,
        /// What was given, as text (`0`, `-1`, `1.5`).
        quantity: String,
    },
    /// A line has no vendor.
    #[error("line {index}: vendor_id is missing or empty")]
    MissingVendor {
        /// 0-based line index.
        index: usize,
    },
    /// More lines than [`MAX_CART_LINES`].
    #[error("cart has {lines} lines; at most {max} are accepted")]
    TooManyLines {
        /// Lines given.
        lines: usize,
        /// The limit.
        max: usize,
    },
    /// The total overflowed.
    #[error("cart total overflowed")]
    Overflow,
    /// A line's stated `line_total` is not its price times its quantity (a tampered line).
    #[error("line {index}: line_total is not its price times its quantity")]
    InconsistentLine {
        /// 0-based line index.
        index: usize,
    },
    /// A cart that states its `total` with one that is not the sum of its lines' `line_total`
    /// (a tampered cart).
    #[error("cart total {stated} is not the sum of its lines' line_total ({total})")]
    InconsistentTotal {
        /// The total the cart stated (its text, clipped).
        stated: String,
        /// The sum of its lines.
        total: Amount,
    },
    /// A cart that states a `currency` other than USDC.
    #[error("cart currency {currency} is not supported; carts are in USDC")]
    UnsupportedCurrency {
        /// The currency the cart stated (its JSON text, clipped).
        currency: String,
    },
    /// An edit asked for zero units of a line or offer (to drop a line, remove it), or a count
    /// that is no whole number of units.
    #[error("{id:?}: units must be a whole number of at least 1, got {units} (to drop a line, remove it)")]
    InvalidUnits {
        /// The line or offer.
        id: String,
        /// What was given, as text (`0`, `-1`, `1.5`).
        units: String,
    },
    /// An edit named a line the cart does not have.
    #[error("no line with id {id:?}")]
    NoSuchLine {
        /// The id.
        id: String,
    },
    /// An edit would give two lines the same id.
    #[error("the cart already has a line with id {id:?}")]
    DuplicateLine {
        /// The id.
        id: String,
    },
    /// An edit named an offer no catalog has.
    #[error("no offer with id {id:?} in the catalogs")]
    UnknownOffer {
        /// The id.
        id: String,
    },
    /// The offer cannot supply the units asked for.
    #[error("offer {id:?} cannot supply {units} units ({packs_in_stock} packs in stock)")]
    InsufficientStock {
        /// The offer.
        id: String,
        /// Units asked for.
        units: u32,
        /// Packs in stock.
        packs_in_stock: u32,
    },
    /// A replacement from another category than the line it replaces.
    #[error("cannot replace a {line:?} line with a {offer:?} offer")]
    CategoryMismatch {
        /// The line's category.
        line: String,
        /// The offer's category.
        offer: String,
    },
    /// A kernel edit would make the cart cost more than the budget of the intent it answers:
    /// the edit is not made (plan again with a larger budget).
    #[error("the edited cart would cost {total} USDC, more than the budget of {budget} USDC: plan again with a larger budget")]
    OverBudget {
        /// What the edited cart would cost.
        total: Amount,
        /// The intent's budget.
        budget: Amount,
    },
}

impl CartError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            CartError::Malformed { .. } => "MALFORMED_JSON",
            CartError::InvalidPrice { source, .. } => source.code(),
            CartError::Overflow => "AMOUNT_OVERFLOW",
            CartError::InconsistentLine { .. } => "INCONSISTENT_LINE",
            CartError::InconsistentTotal { .. } => "INCONSISTENT_TOTAL",
            CartError::UnsupportedCurrency { .. } => "UNSUPPORTED_CURRENCY",
            CartError::InvalidUnits { .. } => "INVALID_UNITS",
            CartError::NoSuchLine { .. } => "NO_SUCH_LINE",
            CartError::DuplicateLine { .. } => "DUPLICATE_LINE",
            CartError::UnknownOffer { .. } => "UNKNOWN_OFFER",
            CartError::InsufficientStock { .. } => "INSUFFICIENT_STOCK",
            CartError::CategoryMismatch { .. } => "INVALID_EDIT",
            CartError::OverBudget { .. } => "OVER_BUDGET",
            _ => "INVALID_CART",
        }
    }
}

/// A cart: lines and their exact total, in USDC. Immutable: edits return a new cart. Cloning
/// is cheap (the lines are shared) and the content id is computed once.
#[derive(Debug, Clone, Serialize)]
pub struct Cart {
    #[serde(serialize_with = "serialize_lines")]
    lines: Arc<[CartLine]>,
    total: Amount,
    currency: &'static str,
    #[serde(skip)]
    id: OnceLock<String>,
}

fn serialize_lines<S: serde::Serializer>(lines: &Arc<[CartLine]>, s: S) -> Result<S::Ok, S::Error> {
    lines.as_ref().serialize(s)
}

impl PartialEq for Cart {
    fn eq(&self, other: &Cart) -> bool {
        self.lines == other.lines && self.total == other.total
    }
}

impl Eq for Cart {}

impl std::hash::Hash for Cart {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.lines.hash(state);
        self.total.hash(state);
    }
}

impl Cart {
    /// A cart of these lines, the total summed exactly.
    pub fn new(lines: Vec<CartLine>) -> Result<Cart, CartError> {
        if lines.len() > MAX_CART_LINES {
            return Err(CartError::TooManyLines { lines: lines.len(), max: MAX_CART_LINES });
        }
        let total = Amount::checked_sum(lines.iter().map(|l| l.line_total)).map_err(|_| CartError::Overflow)?;
        Ok(Cart { lines: lines.into(), total, currency: "USDC", id: OnceLock::new() })
    }

    /// The lines, in order.
    pub fn lines(&self) -> &[CartLine] {
        &self.lines
    }

    /// The exact total.
    pub fn total(&self) -> Amount {
        self.total
    }

    /// Whether the cart has no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Canonical JSON: sorted keys, no whitespace, amounts as exact decimal strings.
    pub fn canonical_json(&self) -> String {
        canonical::to_canonical_json(self)
    }

    /// The cart's identity: `cart_` + 32 hex digits of SHA-256 over the canonical JSON of what
    /// would be paid and what it buys — per line its id, vendor, pack price, quantity, line total
    /// and units, then the total and currency. Display text (names, reasons, scores) does not
    /// change it, so the same payment sent back by a client keeps its id (the default
    /// idempotency key); a receipt whose units were edited no longer matches its id.
    pub fn id(&self) -> String {
        self.id
            .get_or_init(|| {
                #[derive(Serialize)]
                struct PaidLine<'a> {
                    id: &'a str,
                    vendor_id: &'a str,
                    price: Amount,
                    quantity: u32,
                    line_total: Amount,
                    units: u32,
                }
                #[derive(Serialize)]
                struct Paid<'a> {
                    lines: Vec<PaidLine<'a>>,
                    total: Amount,
                    currency: &'a str,
                }
                let paid = Paid {
                    lines: self
                        .lines
                        .iter()
                        .map(|l| PaidLine {
                            id: &l.id,
                            vendor_id: &l.vendor_id,
                            price: l.price,
                            quantity: l.quantity,
                            line_total: l.line_total,
                            units: l.units,
                        })
                        .collect(),
                    total: self.total,
                    currency: self.currency,
                };
                let h = canonical::hash_of(&paid);
                format!("cart_{}", &h[..32])
            })
            .clone()
    }

    /// Removes the line with this id.
    pub fn remove_line(&self, id: &str) -> Result<Cart, CartError> {
        let pos = self.position(id)?;
        let mut lines = self.lines.to_vec();
        lines.remove(pos);
        Cart::new(lines)
    }

    /// The line with this id.
    pub fn line(&self, id: &str) -> Result<&CartLine, CartError> {
        self.position(id).map(|pos| &self.lines[pos])
    }

    /// Replaces the line with this id by another line (whose id must not be another line's).
    pub fn replace_line(&self, id: &str, line: CartLine) -> Result<Cart, CartError> {
        let pos = self.position(id)?;
        if self.lines.iter().enumerate().any(|(i, l)| i != pos && l.id == line.id) {
            return Err(CartError::DuplicateLine { id: line.id });
        }
        let mut lines = self.lines.to_vec();
        lines[pos] = line;
        Cart::new(lines)
    }

    /// Changes a line's quantity (packs), keeping its pack price. To re-negotiate volume
    /// discounts use `Flux::set_units`.
    pub fn set_quantity(&self, id: &str, quantity: u32) -> Result<Cart, CartError> {
        let pos = self.position(id)?;
        if quantity == 0 || quantity > MAX_LINE_QUANTITY {
            return Err(CartError::InvalidQuantity { index: pos, quantity: quantity.to_string() });
        }
        let mut lines = self.lines.to_vec();
        let line = &mut lines[pos];
        let per_pack = line.units / line.quantity.max(1);
        line.quantity = quantity;
        line.units = quantity.saturating_mul(per_pack.max(1));
        line.line_total = line.price.checked_mul(u64::from(quantity)).map_err(|_| CartError::Overflow)?;
        Cart::new(lines)
    }

    fn position(&self, id: &str) -> Result<usize, CartError> {
        self.lines.iter().position(|l| l.id == id).ok_or_else(|| CartError::NoSuchLine { id: id.chars().take(128).collect() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_body_parses_exactly() {
        let cart =
            Cart::from_json(r#"[{"vendor_id":"amazon","price":45.5,"id":"a"},{"vendor_id":"walmart","price":"0.000001","quantity":3}]"#)
                .unwrap();
        assert_eq!(cart.total(), Amount::parse("45.500003").unwrap());
        assert_eq!(cart.lines()[1].id, "line-1");
        assert!(cart.id().starts_with("cart_"));
        assert_eq!(
            cart.id(),
            Cart::from_json(&format!(
                "{{\"lines\": {}}}",
                r#"[{"vendor_id":"amazon","price":45.5,"id":"a"},{"vendor_id":"walmart","price":"0.000001","quantity":3}]"#
            ))
            .unwrap()
            .id()
        );
    }

    #[test]
    fn bad_lines_are_typed_errors() {
        let cases = [
            (r#"[{"vendor_id":"amazon","price":-1}]"#, "INVALID_AMOUNT"),
            (r#"[{"vendor_id":"amazon","price":"NaN"}]"#, "INVALID_AMOUNT"),
            (r#"[{"vendor_id":"amazon","price":1e400}]"#, "INVALID_AMOUNT"),
            (r#"[{"vendor_id":"amazon","price":1.0000001}]"#, "INVALID_AMOUNT"),
            (r#"[{"vendor_id":"amazon","price":0.1000000000000000000001}]"#, "INVALID_AMOUNT"),
            (r#"[{"vendor_id":"amazon","price":10,"quantity":0}]"#, "INVALID_CART"),
            (r#"[{"price":10}]"#, "INVALID_CART"),
            (r#"[{"vendor_id":"amazon"}]"#, "MALFORMED_JSON"),
            (r#"[{"vendor_id":"amazon","price":10}"#, "MALFORMED_JSON"),
            (r#"{"vendor_id":"amazon"}"#, "MALFORMED_JSON"),
            (r#"[{"vendor_id":"amazon","price":999999999999,"quantity":1000}]"#, "AMOUNT_OVERFLOW"),
        ];
        for (json, code) in cases {
            let err = Cart::from_json(json).unwrap_err();
            assert_eq!(err.code(), code, "{json}: {err}");
        }
        // A count that is no whole number is named with its line, never as a type error of JSON.
        for (quantity, text) in [("-1", "-1"), ("1.5", "1.5"), (r#""2""#, r#""2""#), ("1e3", "1000.0"), ("true", "true")] {
            let err = Cart::from_json(&format!(
                r#"[{{"vendor_id":"amazon","price":10}},{{"vendor_id":"amazon","price":10,"quantity":{quantity}}}]"#
            ));
            let err = err.unwrap_err();
            assert_eq!(err.code(), "INVALID_CART", "{quantity}: {err}");
            assert!(err.to_string().starts_with("line 1: quantity must be a whole number") && err.to_string().contains(text), "{err}");
        }
        for units in ["-3", "2.5", "4294967296"] {
            let err = Cart::from_json(&format!(r#"[{{"vendor_id":"amazon","price":10,"units":{units}}}]"#)).unwrap_err();
            assert_eq!(err.code(), "INVALID_UNITS", "{units}: {err}");
            assert!(err.to_string().contains("line 0") && err.to_string().contains(units), "{err}");
        }
    }

    #[test]
    fn ten_thousand_lines_are_accepted_and_more_are_not() {
        let line = r#"{"vendor_id":"amazon","price":"1.25"}"#;
        let many = format!("[{}]", vec![line; MAX_CART_LINES].join(","));
        let cart = Cart::from_json(&many).unwrap();
        assert_eq!(cart.total(), Amount::parse("12500").unwrap());
        let too_many = format!("[{}]", vec![line; MAX_CART_LINES + 2].join(","));
        let err = Cart::from_json(&too_many).unwrap_err();
        assert_eq!(err.code(), "INVALID_CART");
        assert!(err.to_string().contains("10002"), "the lines are counted: {err}");
        let wrapped = format!(r#"{{"lines": {too_many}}}"#);
        assert_eq!(Cart::from_json(&wrapped).unwrap_err(), err);
    }

    #[test]
    fn a_malformed_line_is_named_by_its_index_in_one_pass() {
        let ok = r#"{"vendor_id":"amazon","price":"1.25","reason":"long display text \u00e9 ignored"}"#;
        let err = Cart::from_json(&format!(r#"[{ok},{ok},{{"vendor_id":"amazon"}}]"#)).unwrap_err();
        assert_eq!(err.code(), "MALFORMED_JSON");
        assert!(err.to_string().contains("line 2: missing field `price`"), "{err}");
        // The wrapped form: other keys ignored, `lines` required and single.
        let cart = Cart::from_json(&format!(r#"{{"note": {{"a": [1, 2]}}, "lines": [{ok}]}}"#)).unwrap();
        assert_eq!(cart.total(), Amount::parse("1.25").unwrap());
        for bad in [r#"{"note": 1}"#.to_owned(), format!(r#"{{"lines": [{ok}], "lines": []}}"#), format!("[{ok}] trailing")] {
            assert_eq!(Cart::from_json(&bad).unwrap_err().code(), "MALFORMED_JSON", "{bad}");
        }
        // Exact number text survives the single pass.
        let exact = Cart::from_json(r#"[{"vendor_id":"amazon","price":45.10,"quantity":3}]"#).unwrap();
        assert_eq!(exact.total().to_string(), "135.3");
        // Display text is clipped to its limit, on a character boundary.
        let long = format!(r#"[{{"vendor_id":"amazon","price":"1","name":"{}"}}]"#, "é".repeat(300));
        assert_eq!(Cart::from_json(&long).unwrap().lines()[0].name.chars().count(), 200);
    }

    #[test]
    fn edits_recompute_the_total_and_the_id() {
        let cart = Cart::from_json(r#"[{"vendor_id":"amazon","price":10,"id":"a"},{"vendor_id":"walmart","price":5,"id":"b"}]"#).unwrap();
        let fewer = cart.remove_line("a").unwrap();
        assert_eq!(fewer.total(), Amount::whole(5));
        assert_ne!(fewer.id(), cart.id());
        let more = cart.set_quantity("b", 4).unwrap();
        assert_eq!(more.total(), Amount::whole(30));
        let mut line = cart.lines()[0].clone();
        line.id = "c".into();
        line.price = Amount::whole(1);
        line.line_total = Amount::whole(1);
        assert_eq!(cart.replace_line("b", line).unwrap().total(), Amount::whole(11));
        assert_eq!(cart.remove_line("zzz").unwrap_err().code(), "NO_SUCH_LINE");
    }
}
