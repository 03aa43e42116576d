//! How offers are ranked: a [`Strategy`] (cheapest, fastest, balanced, or custom [`Weights`]),
//! read from a name or a weights object exactly as the original service's JSON body gives it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::IntentError;

/// Weights of a ranking strategy, in percent; they sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Weight of the price component.
    pub price: u32,
    /// Weight of the delivery-time component.
    pub delivery: u32,
    /// Weight of the merchant-trust component.
    pub trust: u32,
}

/// How to trade price against delivery time and merchant trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Lowest cost first (price 90, trust 10): delivery only has to meet the deadline, and trust
    /// breaks near-ties.
    Cheapest,
    /// Soonest delivery first (price 15, delivery 70, trust 15).
    Fastest,
    /// A balance (price 40, delivery 30, trust 30).
    Balanced,
    /// Your own weights (they must sum to 100).
    Custom(Weights),
}

impl Strategy {
    /// The preset strategies, in a fixed order.
    pub const PRESETS: [Strategy; 3] = [Strategy::Cheapest, Strategy::Fastest, Strategy::Balanced];

    /// The weights this strategy scores with.
    pub fn weights(&self) -> Weights {
        match self {
            Strategy::Cheapest => Weights { price: 90, delivery: 0, trust: 10 },
            Strategy::Fastest => Weights { price: 15, delivery: 70, trust: 15 },
            Strategy::Balanced => Weights { price: 40, delivery: 30, trust: 30 },
            Strategy::Custom(w) => *w,
        }
    }

    /// Short name: `cheapest`, `fastest`, `balanced`, or `custom`.
    pub fn name(&self) -> &'static str {
        match self {
            Strategy::Cheapest => "cheapest",
            Strategy::Fastest => "fastest",
            Strategy::Balanced => "balanced",
            Strategy::Custom(_) => "custom",
        }
    }

    /// Parses `cheapest` / `fastest` / `balanced` (case-insensitive).
    pub fn from_name(name: &str) -> Result<Strategy, IntentError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "cheapest" => Ok(Strategy::Cheapest),
            "fastest" => Ok(Strategy::Fastest),
            "balanced" => Ok(Strategy::Balanced),
            _ => Err(IntentError::UnknownStrategy { name: name.chars().take(40).collect() }),
        }
    }

    /// [`Strategy::from_json_value`] of JSON text; text that is not JSON is `INVALID_STRATEGY`.
    pub fn from_json(text: &str) -> Result<Strategy, IntentError> {
        let value = serde_json::from_str(text).map_err(|e| invalid_strategy(format!("strategy is not JSON: {e}")))?;
        Strategy::from_json_value(value)
    }

    /// A strategy as a host sends it: a preset name, custom weights
    /// (`{"price": 50, "delivery": 25, "trust": 25}`), or the same wrapped as `{"custom": {...}}`;
    /// `null` is balanced. Each weight is a whole number 0..=100; they are checked to sum to 100
    /// when the intent is built.
    pub fn from_json_value(value: serde_json::Value) -> Result<Strategy, IntentError> {
        match value {
            serde_json::Value::Null => Ok(Strategy::Balanced),
            serde_json::Value::String(s) => Strategy::from_name(&s),
            serde_json::Value::Object(mut map) => match map.remove("custom") {
                Some(inner) if map.is_empty() => weights_from_json(inner).map(Strategy::Custom),
                Some(_) => Err(invalid_strategy(format!("strategy: \"custom\" takes no other keys, got {}", clipped(&map.into())))),
                None => weights_from_json(serde_json::Value::Object(map)).map(Strategy::Custom),
            },
            other => Err(IntentError::UnknownStrategy { name: other.to_string().chars().take(40).collect() }),
        }
    }

    pub(super) fn validate(self) -> Result<Strategy, IntentError> {
        if let Strategy::Custom(w) = self {
            let sum = u64::from(w.price) + u64::from(w.delivery) + u64::from(w.trust);
            if sum != 100 {
                return Err(IntentError::InvalidWeights { sum });
            }
        }
        Ok(self)
    }
}

/// Custom weights from JSON, each named in the error it is wrong in.
fn weights_from_json(value: serde_json::Value) -> Result<Weights, IntentError> {
    const EXPECTED: &str = "(expected price, delivery, trust)";
    let serde_json::Value::Object(map) = value else {
        return Err(invalid_strategy(format!("strategy weights must be an object {EXPECTED}, got {}", clipped(&value))));
    };
    if let Some(key) = map.keys().find(|k| !matches!(k.as_str(), "price" | "delivery" | "trust")) {
        return Err(invalid_strategy(format!("strategy weights: unknown field {:?} {EXPECTED}", key.chars().take(40).collect::<String>())));
    }
    let weight = |name: &str| match map.get(name) {
        None => Err(invalid_strategy(format!("strategy weights: missing field {name:?} {EXPECTED}"))),
        Some(v) => match v.as_u64() {
            Some(w @ 0..=100) => Ok(w as u32),
            _ => Err(invalid_strategy(format!("strategy weight {name:?} must be a whole number 0..=100, got {}", clipped(v)))),
        },
    };
    Ok(Weights { price: weight("price")?, delivery: weight("delivery")?, trust: weight("trust")? })
}

fn invalid_strategy(reason: String) -> IntentError {
    IntentError::InvalidStrategy { reason }
}

/// A JSON value as text, clipped for a message.
fn clipped(v: &serde_json::Value) -> String {
    v.to_string().chars().take(40).collect()
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
