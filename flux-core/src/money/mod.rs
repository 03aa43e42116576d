//! Exact money: integer base units of a token, never floating point.
//!
//! [`Amount`] is a USDC amount in micro-dollars (6 decimals), the unit every cart, budget, cap and
//! transfer leg uses. [`NativeAmount`] is the chain's native gas balance in wei (18 decimals; on Arc
//! the native token is also USDC). The two are different types so they cannot be mixed by accident.
//!
//! Amounts are parsed from their decimal *text* — a JSON string (`"45.123456"`) or the raw text of
//! a JSON number token (`45.5`) — never through `f64`. Anything negative, not finite, finer than the
//! token's decimals, or out of range is an [`AmountError`] with the stable code `INVALID_AMOUNT`.

use std::fmt;
use std::iter::Sum;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// Decimals of the USDC ERC-20 token (and of every [`Amount`]).
pub const USDC_DECIMALS: u32 = 6;
/// Decimals of the native gas token on Arc (USDC as native currency) and most EVM chains.
pub const NATIVE_DECIMALS: u32 = 18;

/// Why a piece of text is not a valid amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Empty text.
    #[error("amount is empty")]
    Empty,
    /// A leading minus sign (amounts are never negative).
    #[error("amount {text:?} is negative")]
    Negative {
        /// The offending text (truncated).
        text: String,
    },
    /// `NaN`, `Infinity` and friends.
    #[error("amount {text:?} is not a finite number")]
    NotFinite {
        /// The offending text (truncated).
        text: String,
    },
    /// More fractional digits than the token has decimals.
    #[error("amount {text:?} has more than {decimals} decimal places")]
    TooManyDecimals {
        /// The offending text (truncated).
        text: String,
        /// The token's decimals.
        decimals: u32,
    },
    /// Larger than the representable or allowed maximum.
    #[error("amount {text:?} is out of range")]
    OutOfRange {
        /// The offending text (truncated).
        text: String,
    },
    /// Not decimal number text at all.
    #[error("amount {text:?} is not a decimal number")]
    Malformed {
        /// The offending text (truncated).
        text: String,
    },
    /// A binary float from a host whose shortest decimal text has more significant digits than a
    /// double carries exactly: the value may not be the one the caller wrote.
    #[error("amount {text} has more significant digits than a binary float carries exactly (15); pass it as a decimal string")]
    Imprecise {
        /// The float's shortest round-trip text (truncated).
        text: String,
    },
    /// A checked arithmetic operation overflowed.
    #[error("amount arithmetic overflowed")]
    Overflow,
}

impl AmountError {
    /// Stable machine code, the same in every host.
    pub fn code(&self) -> &'static str {
        match self {
            AmountError::Overflow => "AMOUNT_OVERFLOW",
            _ => "INVALID_AMOUNT",
        }
    }
}

/// Keep user text in errors short: errors travel into logs and HTTP answers.
fn excerpt(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

/// Parses decimal text into integer base units with `decimals` fractional digits.
///
/// Accepts `123`, `123.45`, `.5`, `5.`, and an exponent (`1.5e3`, `15E-1`) as JSON allows, as long
/// as the value is exact at `decimals` places. Rejects signs (a leading `+` is tolerated),
/// non-finite words, more precision than `decimals`, and values above `max`.
pub(crate) fn parse_units(text: &str, decimals: u32, max: u128) -> Result<u128, AmountError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.strip_prefix('+').unwrap_or(&lower);
    if unsigned.starts_with('-') {
        // "-0" is still a negative sign on money: reject it too.
        return Err(AmountError::Negative { text: excerpt(t) });
    }
    if matches!(unsigned, "nan" | "inf" | "infinity") {
        return Err(AmountError::NotFinite { text: excerpt(t) });
    }
    let malformed = || AmountError::Malformed { text: excerpt(t) };
    let (mantissa, exponent) = match unsigned.find('e') {
        Some(i) => {
            let exp_text = &unsigned[i + 1..];
            let digits = exp_text.strip_prefix(['+', '-']).unwrap_or(exp_text);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed());
            }
            let digits = match digits.trim_start_matches('0') {
                "" => "0",
                d => d,
            };
            // Anything beyond a few hundred is out of range or too fine either way.
            let magnitude: i64 = if digits.len() > 6 { 1_000_000 } else { digits.parse().map_err(|_| malformed())? };
            let exp = if exp_text.starts_with('-') { -magnitude } else { magnitude };
            (&unsigned[..i], exp)
        }
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    if (int_part.is_empty() && frac_part.is_empty())
        || !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(malformed());
    }
    // All significant digits, and where the decimal point sits relative to their end.
    let digits: String = format!("{int_part}{frac_part}");
    let digits = digits.trim_start_matches('0');
    // value = digits * 10^(exponent - frac_len); in base units: * 10^decimals.
    let scale = exponent - frac_part.len() as i64 + i64::from(decimals);
    if digits.is_empty() {
        return Ok(0);
    }
    let out_of_range = || AmountError::OutOfRange { text: excerpt(t) };
    let digits_trimmed;
    let (digits, scale) = if scale < 0 {
        // Dropping digits is only allowed when they are zeros.
        let drop = usize::try_from(-scale).unwrap_or(usize::MAX);
        if drop > digits.len() {
            return Err(AmountError::TooManyDecimals { text: excerpt(t), decimals });
        }
        let (keep, dropped) = digits.split_at(digits.len() - drop);
        if dropped.bytes().any(|b| b != b'0') {
            return Err(AmountError::TooManyDecimals { text: excerpt(t), decimals });
        }
        digits_trimmed = keep.to_owned();
        (digits_trimmed.as_str(), 0)
    } else {
        (digits, scale)
    };
    if digits.len() > 39 || scale > 38 {
        return Err(out_of_range());
    }
    let mut value: u128 = 0;
    for b in digits.bytes() {
        value = value.checked_mul(10).and_then(|v| v.checked_add(u128::from(b - b'0'))).ok_or_else(out_of_range)?;
    }
    let factor = 10u128.checked_pow(u32::try_from(scale).map_err(|_| out_of_range())?);
    let value = factor.and_then(|f| value.checked_mul(f)).ok_or_else(out_of_range)?;
    if value > max {
        return Err(out_of_range());
    }
    Ok(value)
}

/// Base units as the shortest exact decimal text (`45.5`, `45`, `0.000001`), written on the
/// stack: amounts are written for every option of every proposal.
pub(crate) struct UnitsText {
    buf: [u8; 80],
    start: usize,
}

impl UnitsText {
    /// `units` with `decimals` decimals (at most 38).
    pub(crate) fn new(units: u128, decimals: u32) -> UnitsText {
        let mut text = UnitsText { buf: [0; 80], start: 80 };
        let decimals = decimals.min(38);
        let scale = 10u128.pow(decimals);
        let (mut int, mut frac) = (units / scale, units % scale);
        if frac != 0 {
            let mut places = decimals;
            while frac % 10 == 0 {
                frac /= 10;
                places -= 1;
            }
            for _ in 0..places {
                text.push(b'0' + (frac % 10) as u8);
                frac /= 10;
            }
            text.push(b'.');
        }
        loop {
            text.push(b'0' + (int % 10) as u8);
            int /= 10;
            if int == 0 {
                return text;
            }
        }
    }

    /// Writes `byte` before the text written so far (80 bytes hold 39 digits, a dot, 38 more).
    fn push(&mut self, byte: u8) {
        self.start = self.start.saturating_sub(1);
        if let Some(b) = self.buf.get_mut(self.start) {
            *b = byte;
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits and a dot were written.
        std::str::from_utf8(self.buf.get(self.start..).unwrap_or_default()).unwrap_or_default()
    }
}

/// An exact USDC amount in micro-dollars (base units of a 6-decimal token).
///
/// ```
/// use flux_core::Amount;
/// let a: Amount = "45.123456".parse().unwrap();
/// assert_eq!(a.units(), 45_123_456);
/// assert_eq!(a.to_string(), "45.123456");
/// assert!("45.1234567".parse::<Amount>().is_err());
/// assert!("-1".parse::<Amount>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(u64);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(0);
    /// The largest amount Flux accepts anywhere, totals included: one trillion USDC. Anything
    /// larger is certainly a mistake; checked arithmetic fails beyond it.
    pub const MAX: Amount = Amount(1_000_000_000_000 * 1_000_000);
    /// Base units per whole token.
    pub const ONE: Amount = Amount(1_000_000);

    /// An amount from base units (micro-USDC). Fails above [`Amount::MAX`].
    pub fn from_units(units: u64) -> Result<Self, AmountError> {
        if units > Self::MAX.0 {
            return Err(AmountError::OutOfRange { text: units.to_string() });
        }
        Ok(Amount(units))
    }

    /// Whole tokens (e.g. `Amount::whole(45)` is 45 USDC).
    pub fn whole(tokens: u32) -> Self {
        Amount(u64::from(tokens) * 1_000_000)
    }

    /// The amount in base units (micro-USDC).
    pub const fn units(self) -> u64 {
        self.0
    }

    /// Parses exact decimal text (see the module docs).
    pub fn parse(text: &str) -> Result<Self, AmountError> {
        let units = parse_units(text, USDC_DECIMALS, u128::from(Self::MAX.0))?;
        u64::try_from(units).map(Amount).map_err(|_| AmountError::OutOfRange { text: excerpt(text) })
    }

    /// Checked addition; fails beyond [`Amount::MAX`].
    pub fn checked_add(self, other: Amount) -> Result<Amount, AmountError> {
        self.0.checked_add(other.0).filter(|v| *v <= Self::MAX.0).map(Amount).ok_or(AmountError::Overflow)
    }

    /// Checked subtraction; fails below zero.
    pub fn checked_sub(self, other: Amount) -> Result<Amount, AmountError> {
        self.0.checked_sub(other.0).map(Amount).ok_or(AmountError::Overflow)
    }

    /// Saturating subtraction (never below zero).
    pub fn saturating_sub(self, other: Amount) -> Amount {
        Amount(self.0.saturating_sub(other.0))
    }

    /// Checked multiplication by a quantity; fails beyond [`Amount::MAX`].
    pub fn checked_mul(self, qty: u64) -> Result<Amount, AmountError> {
        self.0.checked_mul(qty).filter(|v| *v <= Self::MAX.0).map(Amount).ok_or(AmountError::Overflow)
    }

    /// Applies a discount in basis points (1/100 of a percent), rounding the discounted price
    /// half-up to the base unit. `bps` above 10,000 is clamped to a free item.
    pub fn discounted(self, bps: u32) -> Amount {
        let keep = u128::from(10_000u32.saturating_sub(bps));
        let v = (u128::from(self.0) * keep + 5_000) / 10_000;
        // v <= self.0, so it fits.
        Amount(u64::try_from(v).unwrap_or(self.0))
    }

    /// Sum of amounts, checked.
    pub fn checked_sum<I: IntoIterator<Item = Amount>>(items: I) -> Result<Amount, AmountError> {
        items.into_iter().try_fold(Amount::ZERO, Amount::checked_add)
    }

    /// Text with exactly two decimals when the amount is whole cents (`45.50`), else the exact
    /// text (`45.123456`). For people; the canonical form is [`Display`](fmt::Display).
    pub fn to_display_string(self) -> String {
        if self.0.is_multiple_of(10_000) {
            format!("{}.{:02}", self.0 / 1_000_000, (self.0 % 1_000_000) / 10_000)
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(UnitsText::new(u128::from(self.0), USDC_DECIMALS).as_str())
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({self} USDC)")
    }
}

impl std::str::FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Amount::parse(s)
    }
}

impl Sum for Amount {
    /// Saturates at [`Amount::MAX`]; use [`Amount::checked_sum`] where overflow must be an error.
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Self {
        iter.fold(Amount::ZERO, |a, b| a.checked_add(b).unwrap_or(Amount::MAX))
    }
}

/// Canonical serialization: the exact decimal string (`"45.5"`), so no JSON reader turns it into
/// a float.
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(UnitsText::new(u128::from(self.0), USDC_DECIMALS).as_str())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = AmountText::deserialize(d)?;
        Amount::parse(raw.as_str()).map_err(de::Error::custom)
    }
}

/// A native-token amount in wei (18 decimals): gas balances and fees. Not interchangeable with
/// [`Amount`], even on Arc where both views share one USDC balance.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NativeAmount(u128);

impl NativeAmount {
    /// Zero wei.
    pub const ZERO: NativeAmount = NativeAmount(0);

    /// From wei.
    pub const fn from_wei(wei: u128) -> Self {
        NativeAmount(wei)
    }

    /// In wei.
    pub const fn wei(self) -> u128 {
        self.0
    }

    /// Parses exact decimal text in whole native tokens (e.g. `"0.02"`).
    pub fn parse(text: &str) -> Result<Self, AmountError> {
        parse_units(text, NATIVE_DECIMALS, u128::MAX).map(NativeAmount)
    }

    /// Checked addition.
    pub fn checked_add(self, other: NativeAmount) -> Result<NativeAmount, AmountError> {
        self.0.checked_add(other.0).map(NativeAmount).ok_or(AmountError::Overflow)
    }

    /// Checked multiplication (gas × price).
    pub fn checked_mul(self, factor: u128) -> Result<NativeAmount, AmountError> {
        self.0.checked_mul(factor).map(NativeAmount).ok_or(AmountError::Overflow)
    }
}

impl fmt::Display for NativeAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(UnitsText::new(self.0, NATIVE_DECIMALS).as_str())
    }
}

impl fmt::Debug for NativeAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NativeAmount({self})")
    }
}

impl Serialize for NativeAmount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(UnitsText::new(self.0, NATIVE_DECIMALS).as_str())
    }
}

mod text;

pub use text::AmountText;

#[cfg(test)]
mod tests;
