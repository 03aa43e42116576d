//! Conversions of JavaScript arguments into the core's values. Amounts in: a `string` (exact
//! decimal text), a `bigint` (whole USDC, like a JS integer literal) or a `number` under the
//! core's host-number rule ([`Amount::from_host_f64`]); never anything else. Amounts out are exact
//! decimal strings, or base units as `bigint` ([`to_units`]).

use flux_core::{Amount, IntentError, Strategy};
use napi::bindgen_prelude::{BigInt, Either3};
use napi::{Env, Result};

use crate::error;

/// An amount as JavaScript hands it over: `string | bigint | number`.
pub type AmountArg = Either3<String, BigInt, f64>;

/// A JS amount as an [`Amount`]; an invalid one is `INVALID_AMOUNT`.
pub fn amount_in(env: &Env, value: AmountArg) -> Result<Amount> {
    error::map(env, amount_of(value))
}

/// An intent's budget: [`amount_in`], an invalid one naming the field `budget` as the core's
/// request parser does.
pub fn budget_in(env: &Env, value: AmountArg) -> Result<Amount> {
    error::map(env, amount_of(value).map_err(IntentError::InvalidBudget))
}

fn amount_of(value: AmountArg) -> std::result::Result<Amount, flux_core::AmountError> {
    match value {
        Either3::A(text) => Amount::parse(&text),
        Either3::B(big) => Amount::parse(&bigint_text(&big)),
        Either3::C(number) => Amount::from_host_f64(number),
    }
}

/// The decimal text of a JS `bigint` (beyond 128 bits, a text the core refuses as out of range).
pub fn bigint_text(big: &BigInt) -> String {
    let (magnitude, lossless) = {
        let (_, v, lossless) = big.get_u128();
        (v, lossless)
    };
    let digits = if lossless { magnitude.to_string() } else { "340282366920938463463374607431768211456".to_owned() };
    if big.sign_bit && magnitude != 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// Base units (micro-USDC) of an amount as a `bigint`.
pub fn to_units(amount: Amount) -> BigInt {
    BigInt::from(amount.units())
}

/// A deadline in days (`None`: the core's default): a `number` that is a whole count of days.
pub fn deadline_in(env: &Env, value: Option<f64>) -> Result<u32> {
    error::map(env, flux_core::deadline_from_host_f64(value))
}

/// A strategy from its JSON text (`"cheapest"`, `{"price": .., "delivery": .., "trust": ..}`,
/// `{"custom": {...}}`); `None` is balanced. The core reads it as it reads the seed's body.
pub fn strategy_in(env: &Env, json: Option<String>) -> Result<Strategy> {
    error::map(env, json.map_or(Ok(Strategy::Balanced), |text| Strategy::from_json(&text)))
}
