//! The top-level error of the [`Flux`](crate::Flux) facade: one variant per boundary, each with
//! a stable machine code that every host sees (`exc.code` in Python, `err.code` in JS).

use crate::address::AddressError;
use crate::audit::AuditError;
use crate::cart::CartError;
use crate::catalog::CatalogError;
use crate::intent::{IntentError, ParseError};
use crate::money::AmountError;
use crate::policy::{PolicyError, Violation};
use crate::settle::SettleError;

/// Everything that can go wrong through the facade.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FluxError {
    /// An amount is invalid.
    #[error(transparent)]
    Amount(#[from] AmountError),
    /// An address is invalid.
    #[error(transparent)]
    Address(#[from] AddressError),
    /// The intent is invalid.
    #[error(transparent)]
    Intent(#[from] IntentError),
    /// The intent parser failed.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A catalog is invalid or unavailable.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// Cart input or an edit is invalid.
    #[error(transparent)]
    Cart(#[from] CartError),
    /// The policy is invalid.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The policy denied the cart; nothing was signed. Maps to HTTP 403.
    #[error("Policy Violation: {}", summary(.violations))]
    PolicyViolation {
        /// Every violation.
        violations: Vec<Violation>,
    },
    /// Settlement failed.
    #[error(transparent)]
    Settle(#[from] SettleError),
    /// The audit trail failed verification.
    #[error(transparent)]
    Audit(#[from] AuditError),
    /// The facade was built with an unusable configuration.
    #[error("configuration: {reason}")]
    Config {
        /// What is wrong.
        reason: String,
    },
}

fn summary(violations: &[Violation]) -> String {
    violations.iter().map(|v| format!("[{}] {}", v.code.as_str(), v.message)).collect::<Vec<_>>().join("; ")
}

impl FluxError {
    /// Stable machine code (`INVALID_AMOUNT`, `POLICY_VIOLATION`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            FluxError::Amount(e) => e.code(),
            FluxError::Address(e) => e.code(),
            FluxError::Intent(e) => e.code(),
            FluxError::Parse(e) => e.code(),
            FluxError::Catalog(e) => e.code(),
            FluxError::Cart(e) => e.code(),
            FluxError::Policy(e) => e.code(),
            FluxError::PolicyViolation { .. } => "POLICY_VIOLATION",
            FluxError::Settle(e) => e.code(),
            FluxError::Audit(e) => e.code(),
            FluxError::Config { .. } => "INVALID_CONFIG",
        }
    }

    /// The violations, for a policy denial.
    pub fn violations(&self) -> &[Violation] {
        match self {
            FluxError::PolicyViolation { violations } => violations,
            _ => &[],
        }
    }
}
