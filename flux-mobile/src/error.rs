//! One error type, mapped once from the core's [`flux_core::FluxError`]: a variant per
//! [`ErrorKind`] (Kotlin: `FluxException.PolicyViolation`, ...; Swift: `FluxError.policyViolation`),
//! each carrying the core's stable machine `code` (`INVALID_AMOUNT`, `POLICY_VIOLATION`, ...), its
//! message, the request `field` it concerns (`FluxError::field()`) and a `retry_after` hint
//! (`FluxError::retry_after()`: a settlement still in flight); policy denials also carry every
//! violation. Messages come from the core, which never puts a key, a password or a full RPC URL
//! in them. (The variant is the core's `kind()`; its HTTP status follows from the kind and the
//! code, and is a web layer's concern.)

use flux_core::{ErrorKind, FluxError as CoreError};

use crate::types::Violation;

/// Everything that can go wrong, by kind. `code` is the core's stable machine code; `field` names
/// the request field concerned and `retry_after` says when to ask again, where the core says so.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum FluxError {
    /// The caller sent something invalid: an amount, an intent, a cart, a bundle, a key name.
    #[error("{code}: {reason}")]
    InvalidInput {
        /// Stable machine code.
        code: String,
        /// What is wrong, for people.
        reason: String,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// The policy denied the cart; nothing was signed.
    #[error("{code}: {reason}")]
    PolicyViolation {
        /// `POLICY_VIOLATION`.
        code: String,
        /// Every violation, summarized.
        reason: String,
        /// Every rule broken.
        violations: Vec<Violation>,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// The policy needs a person's approval for this cart (retry with a signed approval's JSON:
    /// `Flux.execute(cart, approval = approvalJson)`); nothing was signed.
    #[error("{code}: {reason}")]
    ApprovalRequired {
        /// `POLICY_VIOLATION`.
        code: String,
        /// What needs approval.
        reason: String,
        /// The approval rules that apply.
        violations: Vec<Violation>,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// An idempotency key reused for another cart, or a settlement of it still in flight.
    #[error("{code}: {reason}")]
    Conflict {
        /// Stable machine code.
        code: String,
        /// What conflicts.
        reason: String,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// What the request names does not exist.
    #[error("{code}: {reason}")]
    NotFound {
        /// Stable machine code.
        code: String,
        /// What is missing.
        reason: String,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// A dependency (catalog feed, LLM, chain node) could not be reached in time.
    #[error("{code}: {reason}")]
    Unavailable {
        /// Stable machine code.
        code: String,
        /// What failed.
        reason: String,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// Settlement started but did not complete; resume with the same idempotency key.
    #[error("{code}: {reason}")]
    Settlement {
        /// Stable machine code.
        code: String,
        /// What failed.
        reason: String,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// The configuration is unusable (the reason names the field), or a keystore could not be
    /// unlocked.
    #[error("{code}: {reason}")]
    Config {
        /// Stable machine code (`INVALID_CONFIG`, `SETTLER_CONFIG`, ...).
        code: String,
        /// What is wrong.
        reason: String,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
    /// A bug or a broken local resource (journal, signer).
    #[error("{code}: {reason}")]
    Internal {
        /// Stable machine code.
        code: String,
        /// What failed.
        reason: String,
        /// The request field concerned (`prompt`, `budget`, `Idempotency-Key`, `file`, ...), if one.
        field: Option<String>,
        /// Seconds after which to ask again (a settlement still in flight), if it applies.
        retry_after: Option<u64>,
    },
}

impl From<CoreError> for FluxError {
    fn from(e: CoreError) -> Self {
        let (code, reason) = (e.code().to_owned(), e.to_string());
        let (field, retry_after) = (e.field().map(str::to_owned), e.retry_after());
        let violations = || e.violations().iter().map(Violation::from).collect();
        match e.kind() {
            ErrorKind::InvalidInput => FluxError::InvalidInput { code, reason, field, retry_after },
            ErrorKind::PolicyViolation => FluxError::PolicyViolation { code, reason, violations: violations(), field, retry_after },
            ErrorKind::ApprovalRequired => FluxError::ApprovalRequired { code, reason, violations: violations(), field, retry_after },
            ErrorKind::Conflict => FluxError::Conflict { code, reason, field, retry_after },
            ErrorKind::NotFound => FluxError::NotFound { code, reason, field, retry_after },
            ErrorKind::Unavailable => FluxError::Unavailable { code, reason, field, retry_after },
            ErrorKind::Settlement => FluxError::Settlement { code, reason, field, retry_after },
            ErrorKind::Config => FluxError::Config { code, reason, field, retry_after },
            ErrorKind::Internal => FluxError::Internal { code, reason, field, retry_after },
        }
    }
}

/// A host callback that threw something other than a `FluxError` (a Kotlin `RuntimeException`,
/// a Swift error of another type). Only the exception's type is kept: its message is the host's
/// and could hold anything.
impl From<uniffi::UnexpectedUniFFICallbackError> for FluxError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        // The leading name only: Kotlin writes "Class: message", Python "Error('message')", Swift
        // "case(\"value\")"; whatever follows the name may be a secret.
        let kind: String =
            e.reason.trim_start().chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$')).take(120).collect();
        // A type's name has a capital or a dot ("IllegalStateException", "KeychainError.locked");
        // a lone lowercase word may be the message's first ("hunter2 expired").
        let kind = if kind.contains(|c: char| c.is_ascii_uppercase() || c == '.') { kind } else { "an exception".to_owned() };
        let reason = format!("a host callback threw {kind}");
        FluxError::Internal { code: "HOST_CALLBACK_FAILED".into(), reason, field: None, retry_after: None }
    }
}

impl FluxError {
    /// The stable machine code.
    pub fn code(&self) -> &str {
        match self {
            FluxError::InvalidInput { code, .. }
            | FluxError::PolicyViolation { code, .. }
            | FluxError::ApprovalRequired { code, .. }
            | FluxError::Conflict { code, .. }
            | FluxError::NotFound { code, .. }
            | FluxError::Unavailable { code, .. }
            | FluxError::Settlement { code, .. }
            | FluxError::Config { code, .. }
            | FluxError::Internal { code, .. } => code,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use flux_core::{Amount, SettleError, ViolationCode};

    use super::*;

    fn violation(code: ViolationCode) -> flux_core::Violation {
        flux_core::Violation { code, message: "m".into(), line: Some(2), merchant: Some("amazon".into()) }
    }

    #[test]
    fn each_kind_has_its_variant_and_keeps_the_core_code() {
        let amount = FluxError::from(CoreError::from(Amount::parse("-1").unwrap_err()));
        assert!(matches!(&amount, FluxError::InvalidInput { code, .. } if code == "INVALID_AMOUNT"), "{amount:?}");
        let deny = FluxError::from(CoreError::PolicyViolation { violations: vec![violation(ViolationCode::UnknownMerchant)] });
        match &deny {
            FluxError::PolicyViolation { code, violations, .. } => {
                assert_eq!(code, "POLICY_VIOLATION");
                assert_eq!(violations[0].code, "UNKNOWN_MERCHANT");
                assert_eq!((violations[0].line, violations[0].merchant.as_deref()), (Some(2), Some("amazon")));
            }
            other => panic!("{other:?}"),
        }
        let approve = FluxError::from(CoreError::PolicyViolation { violations: vec![violation(ViolationCode::ApprovalRequired)] });
        assert!(matches!(&approve, FluxError::ApprovalRequired { violations, .. } if violations.len() == 1), "{approve:?}");
        let conflict = FluxError::from(CoreError::from(SettleError::KeyConflict { key: "k".into() }));
        assert!(matches!(conflict, FluxError::Conflict { .. }));
        let config = FluxError::from(CoreError::config("bad"));
        assert_eq!(config.code(), "INVALID_CONFIG");
        assert!(matches!(config, FluxError::Config { .. }));
        let signing = FluxError::from(CoreError::from(SettleError::Signing { reason: "x".into() }));
        assert!(matches!(signing, FluxError::Internal { .. }));
    }

    #[test]
    fn field_and_retry_after_come_from_the_core() {
        let in_flight = FluxError::from(CoreError::from(SettleError::InFlight { retry_after: 300 }));
        match &in_flight {
            FluxError::Conflict { code, retry_after, field, .. } => {
                assert_eq!((code.as_str(), *retry_after, field.as_deref()), ("IN_FLIGHT", Some(flux_core::IN_FLIGHT_POLL_SECS), None));
            }
            other => panic!("{other:?}"),
        }
        let reused = FluxError::from(CoreError::from(SettleError::KeyConflict { key: "k".into() }));
        assert!(matches!(&reused, FluxError::Conflict { field: Some(f), retry_after: None, .. } if f == "Idempotency-Key"), "{reused:?}");
        let budget = FluxError::from(CoreError::from(flux_core::IntentError::ZeroBudget));
        assert!(matches!(&budget, FluxError::InvalidInput { field: Some(f), .. } if f == "budget"), "{budget:?}");
        let config = FluxError::from(CoreError::config("bad"));
        assert!(matches!(config, FluxError::Config { field: None, retry_after: None, .. }));
    }

    #[test]
    fn an_unexpected_host_exception_keeps_only_its_type() {
        let e = FluxError::from(uniffi::UnexpectedUniFFICallbackError::new("java.lang.IllegalStateException: vault password hunter2"));
        assert_eq!(e.code(), "HOST_CALLBACK_FAILED");
        assert!(!e.to_string().contains("hunter2") && e.to_string().contains("IllegalStateException"), "{e}");
        // Python's repr and Swift's description put the message in brackets, not after a colon.
        for (thrown, kind) in [
            ("RuntimeError('vault secret is hunter2')", "RuntimeError"),
            ("locked(\"hunter2\")", "an exception"),
            ("hunter2 expired", "an exception"),
            ("KeychainError.locked(reason: \"hunter2\")", "KeychainError.locked"),
            ("  'hunter2'", "an exception"),
        ] {
            let e = FluxError::from(uniffi::UnexpectedUniFFICallbackError::new(thrown));
            assert!(!e.to_string().contains("hunter2") && e.to_string().contains(&format!("threw {kind}")), "{thrown}: {e}");
        }
    }
}
