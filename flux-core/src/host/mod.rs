//! What every host binding takes from the core instead of writing it: the features compiled in
//! ([`FEATURES`]), sandbox signing, and numbers from hosts — the one rule every binding applies to
//! a binary float it was handed (a Python `float`, a JavaScript `number`, a Kotlin `Double`), so
//! no host can be laxer than another (ADR 0001).
//!
//! A float is accepted as an amount exactly when its *shortest round-trip decimal text* — the
//! text `repr()` in Python and `String(x)` in JavaScript print — is the decimal the caller
//! meant: finite, not negative (`-0.0` is refused like the text `-0`), at most 15 significant
//! digits (every decimal of 15 digits survives the trip through a double; beyond that the text
//! may not be what was typed: `2**53 + 1` arrives as `9007199254740992`), at most 6 decimals,
//! and within [`Amount::MAX`]. Anything else is an [`AmountError`] (`INVALID_AMOUNT`) that tells
//! the caller to pass a string. Exact values — strings, integers, decimals — never come here.

mod features;
#[cfg(feature = "signing")]
mod sandbox;

pub use features::FEATURES;
#[cfg(feature = "signing")]
pub use sandbox::SandboxTransfer;

use crate::cart::{Cart, CartError, MAX_LINE_QUANTITY};
use crate::intent::{Intent, IntentError};
use crate::money::{Amount, AmountError};

/// Significant decimal digits a double carries exactly from text and back.
pub const HOST_FLOAT_DIGITS: usize = 15;

/// The largest integer a double holds exactly (2^53).
pub const MAX_SAFE_INTEGER: u64 = 1 << 53;

fn excerpt(text: &str) -> String {
    text.chars().take(40).collect()
}

/// The shortest round-trip text of `v`, checked for sign, finiteness and precision.
fn float_text(v: f64) -> Result<String, AmountError> {
    // Rust's `Display` for f64 is the shortest text that reads back as the same double, without
    // an exponent (`1e21` prints all 22 digits); non-finite values print as `NaN` / `inf`.
    let text = format!("{v}");
    if !v.is_finite() {
        return Err(AmountError::NotFinite { text });
    }
    if v.is_sign_negative() {
        return Err(AmountError::Negative { text });
    }
    let significant = text.bytes().filter(u8::is_ascii_digit).skip_while(|b| *b == b'0').count();
    let trailing_int_zeros = if text.contains('.') { 0 } else { text.bytes().rev().take_while(|b| *b == b'0').count() };
    if significant.saturating_sub(trailing_int_zeros) > HOST_FLOAT_DIGITS {
        return Err(AmountError::Imprecise { text: excerpt(&text) });
    }
    Ok(text)
}

impl Amount {
    /// A USDC amount from a host's binary float, under the rule in this module's docs.
    ///
    /// ```
    /// use flux_core::Amount;
    /// assert_eq!(Amount::from_host_f64(0.1).unwrap().to_string(), "0.1");
    /// assert_eq!(Amount::from_host_f64(45.123456).unwrap().units(), 45_123_456);
    /// for bad in [1e-7, -0.0, -1.0, f64::NAN, f64::INFINITY, 1e21, 9007199254740993.0] {
    ///     assert_eq!(Amount::from_host_f64(bad).unwrap_err().code(), "INVALID_AMOUNT");
    /// }
    /// ```
    pub fn from_host_f64(v: f64) -> Result<Amount, AmountError> {
        Amount::parse(&float_text(v)?)
    }
}

/// A whole number from a host's binary float (a quantity, a count of units): finite, not
/// negative, integral, at most `max` and below 2^53 (JavaScript's `Number.MAX_SAFE_INTEGER` and
/// down). `None` when it is not.
pub fn integer_from_host_f64(v: f64, max: u64) -> Option<u64> {
    // Every integral float below 2^53 is exact and no other integer rounds to it, though its
    // shortest text may have 16 digits (more than an amount's float may): it is taken as it is.
    // 2^53 itself is also what 2^53 + 1 rounds to.
    if !v.is_finite() || v.is_sign_negative() || v.fract() != 0.0 || v >= MAX_SAFE_INTEGER as f64 {
        return None;
    }
    Some(v as u64).filter(|n| *n <= max)
}

/// The units of an edit (`Flux::set_units`, `Flux::replace_line`) of line or offer `id` from a
/// host's binary float: a whole number of at least 1 under [`integer_from_host_f64`]. `-1`,
/// `1.5`, `NaN` and `2^32` are `INVALID_UNITS` naming what was sent, never wrapped or cut to
/// another count.
pub fn units_from_host_f64(id: &str, v: f64) -> Result<u32, CartError> {
    count_from_host_f64(v, u32::MAX)
        .ok_or_else(|| CartError::InvalidUnits { id: id.chars().take(128).collect(), units: excerpt(&v.to_string()) })
}

/// A whole count in 1..=`max` from a host's binary float ([`integer_from_host_f64`]).
fn count_from_host_f64(v: f64, max: u32) -> Option<u32> {
    integer_from_host_f64(v, u64::from(max)).and_then(|n| u32::try_from(n).ok()).filter(|n| *n > 0)
}

/// The packs of line `id` of `cart` (`Cart::set_quantity`) from a host's binary float, as
/// [`units_from_host_f64`]; anything but a whole number in 1..=[`MAX_LINE_QUANTITY`] is
/// `INVALID_CART` (`CartError::InvalidQuantity`) naming what was sent.
pub fn quantity_from_host_f64(cart: &Cart, id: &str, v: f64) -> Result<u32, CartError> {
    let index = cart.lines().iter().position(|l| l.id == id).ok_or_else(|| CartError::NoSuchLine { id: id.chars().take(128).collect() })?;
    count_from_host_f64(v, MAX_LINE_QUANTITY).ok_or_else(|| CartError::InvalidQuantity { index, quantity: excerpt(&v.to_string()) })
}

/// [`units_from_host_f64`] for a host whose integers are exact (Python's `int`), from its decimal
/// text: digits only, 1..=`u32::MAX`; `"-1"`, `"0"` and `"4294967296"` are `INVALID_UNITS`.
pub fn units_from_host_text(id: &str, text: &str) -> Result<u32, CartError> {
    count_from_text(text, u32::MAX).ok_or_else(|| CartError::InvalidUnits { id: id.chars().take(128).collect(), units: excerpt(text) })
}

/// [`quantity_from_host_f64`] from an exact integer's decimal text, as [`units_from_host_text`].
pub fn quantity_from_host_text(cart: &Cart, id: &str, text: &str) -> Result<u32, CartError> {
    let index = cart.lines().iter().position(|l| l.id == id).ok_or_else(|| CartError::NoSuchLine { id: id.chars().take(128).collect() })?;
    count_from_text(text, MAX_LINE_QUANTITY).ok_or_else(|| CartError::InvalidQuantity { index, quantity: excerpt(text) })
}

/// A whole count in 1..=`max` from its decimal digits.
fn count_from_text(text: &str, max: u32) -> Option<u32> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse::<u32>().ok()).flatten().filter(|n| (1..=max).contains(n))
}

/// A deadline in days from a host's binary float (`None`: the default): its shortest round-trip
/// text under [`Intent::deadline_from_text`], so `3.0` is 3 days and `1.5`, `-0.0`, `NaN` and
/// `2^53 + 1` are `InvalidDeadline`.
pub fn deadline_from_host_f64(v: Option<f64>) -> Result<u32, IntentError> {
    Intent::deadline_from_text(v.map(|v| format!("{v}")).as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_an_exact_integers_text() {
        assert_eq!(units_from_host_text("l", "12"), Ok(12));
        assert_eq!(units_from_host_text("l", "4294967295"), Ok(u32::MAX));
        for bad in ["-1", "0", "4294967296", "an int beyond 64 bits", "", "+3", " 3"] {
            assert_eq!(units_from_host_text("l", bad).map_err(|e| e.code()), Err("INVALID_UNITS"), "{bad}");
        }
    }

    #[test]
    fn edge_cases_of_the_host_float_rule() {
        let ok = |v: f64| Amount::from_host_f64(v).map(|a| a.to_string());
        assert_eq!(ok(0.1).as_deref(), Ok("0.1"));
        assert_eq!(ok(0.0).as_deref(), Ok("0"));
        assert_eq!(ok(12.5).as_deref(), Ok("12.5"));
        assert_eq!(ok(999_999_999.999999).as_deref(), Ok("999999999.999999"));
        assert_eq!(ok(1e11).as_deref(), Ok("100000000000"));
        assert!(matches!(Amount::from_host_f64(1e-7), Err(AmountError::TooManyDecimals { .. })));
        assert!(matches!(Amount::from_host_f64(0.1234567), Err(AmountError::TooManyDecimals { .. })));
        assert!(matches!(Amount::from_host_f64(-0.0), Err(AmountError::Negative { .. })));
        assert!(matches!(Amount::from_host_f64(-5.0), Err(AmountError::Negative { .. })));
        assert!(matches!(Amount::from_host_f64(f64::NAN), Err(AmountError::NotFinite { .. })));
        assert!(matches!(Amount::from_host_f64(f64::NEG_INFINITY), Err(AmountError::NotFinite { .. })));
        // 2^53 + 1 cannot be a double: it arrives as 2^53, sixteen digits the caller did not type.
        assert!(matches!(Amount::from_host_f64(9_007_199_254_740_993_f64), Err(AmountError::Imprecise { .. })));
        assert!(matches!(Amount::from_host_f64(0.1 + 0.2), Err(AmountError::Imprecise { .. })));
        assert!(matches!(Amount::from_host_f64(1e21), Err(AmountError::OutOfRange { .. })));
        assert!(Amount::from_host_f64(1e300).is_err());
    }

    #[test]
    fn integers_from_host_floats() {
        assert_eq!(integer_from_host_f64(7.0, 365), Some(7));
        assert_eq!(integer_from_host_f64(0.0, 365), Some(0));
        assert_eq!(integer_from_host_f64(7.5, 365), None);
        assert_eq!(integer_from_host_f64(366.0, 365), None);
        assert_eq!(integer_from_host_f64(-1.0, 365), None);
        assert_eq!(integer_from_host_f64(-0.0, 365), None);
        assert_eq!(integer_from_host_f64(f64::NAN, 365), None);
        assert_eq!(integer_from_host_f64(9_007_199_254_740_993_f64, u64::MAX), None);
        assert_eq!(integer_from_host_f64(9_007_199_254_740_992_f64, u64::MAX), None);
        assert_eq!(integer_from_host_f64(1e15, u64::MAX), Some(1_000_000_000_000_000));
        // Number.MAX_SAFE_INTEGER has 16 digits: exact, so taken.
        assert_eq!(integer_from_host_f64(9_007_199_254_740_991_f64, u64::MAX), Some(9_007_199_254_740_991));
        assert_eq!(integer_from_host_f64(f64::INFINITY, u64::MAX), None);
    }

    #[test]
    fn counts_from_host_floats_are_whole_or_refused_by_what_was_sent() {
        assert_eq!(units_from_host_f64("l", 3.0), Ok(3));
        assert_eq!(units_from_host_f64("l", 4_294_967_295.0), Ok(u32::MAX));
        // A JavaScript number napi would have wrapped (-1 → 4294967295), cut (1.5 → 1) or zeroed.
        for (bad, text) in [(-1.0, "-1"), (1.5, "1.5"), (f64::NAN, "NaN"), (4_294_967_296.0, "4294967296"), (0.0, "0"), (-0.0, "-0")] {
            let err = units_from_host_f64("line-1", bad).expect_err("refused");
            assert_eq!(err.code(), "INVALID_UNITS", "{bad}");
            assert!(err.to_string().contains(&format!("got {text} ")), "{bad}: {err}");
        }
        let cart = Cart::from_json(r#"[{"vendor_id":"amazon","price":"2.5","id":"a"}]"#).expect("cart");
        assert_eq!(quantity_from_host_f64(&cart, "a", 4.0), Ok(4));
        for (bad, text) in [(-1.0, "-1"), (2.5, "2.5"), (1e6 + 1.0, "1000001"), (f64::INFINITY, "inf")] {
            let err = quantity_from_host_f64(&cart, "a", bad).expect_err("refused");
            assert!(matches!(&err, CartError::InvalidQuantity { index: 0, quantity } if quantity == text), "{bad}: {err}");
        }
        assert_eq!(quantity_from_host_f64(&cart, "b", 1.0).map_err(|e| e.code()), Err("NO_SUCH_LINE"));
    }

    #[test]
    fn deadlines_from_host_floats() {
        assert_eq!(deadline_from_host_f64(None), Ok(crate::DEFAULT_DEADLINE_DAYS));
        assert_eq!(deadline_from_host_f64(Some(3.0)), Ok(3));
        assert_eq!(deadline_from_host_f64(Some(0.0)), Ok(0));
        assert_eq!(deadline_from_host_f64(Some(365.0)), Ok(365));
        for bad in [1.5, 366.0, -1.0, -0.0, f64::NAN, f64::INFINITY, 9_007_199_254_740_993_f64, 1e21] {
            let err = deadline_from_host_f64(Some(bad)).expect_err("refused");
            assert!(matches!(err, IntentError::InvalidDeadline { .. }), "{bad}: {err}");
        }
    }
}
