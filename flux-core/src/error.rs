//! The top-level error of the [`Flux`](crate::Flux) facade: one variant per boundary, each with
//! a stable machine code that every host sees (`exc.code` in Python, `err.code` in JS), a
//! [`ErrorKind`] that says what kind of failure it is, and the HTTP status a web layer answers.

use serde::Serialize;

use crate::address::AddressError;
use crate::audit::AuditError;
use crate::cart::CartError;
use crate::catalog::CatalogError;
use crate::intent::{DocumentError, IntentError, ParseError};
use crate::money::AmountError;
use crate::policy::{MalformedApproval, PolicyError, Violation};
use crate::settle::SettleError;

/// What kind of failure an error is: a small closed set every host maps the same way (an
/// exception base class, an HTTP status, a retry decision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The caller sent something invalid (an amount, an intent, a cart, a key, a bundle). 422.
    InvalidInput,
    /// The policy denied the cart; nothing was signed. 403.
    PolicyViolation,
    /// The policy needs a human approval for this cart; nothing was signed. 403.
    ApprovalRequired,
    /// The request conflicts with an earlier one (an idempotency key reused for another cart:
    /// 422; a settlement of the same key still in flight: 409).
    Conflict,
    /// What the request names does not exist. 404.
    NotFound,
    /// A dependency (catalog feed, LLM, node) could not be reached or answered in time. 503.
    Unavailable,
    /// Settlement started but did not complete (preflight, broadcast, receipts); resume with
    /// the same idempotency key. 502.
    Settlement,
    /// The instance is configured with something unusable. 500.
    Config,
    /// A bug or a broken local resource (journal, signer). 500.
    Internal,
}

impl ErrorKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::InvalidInput,
        ErrorKind::PolicyViolation,
        ErrorKind::ApprovalRequired,
        ErrorKind::Conflict,
        ErrorKind::NotFound,
        ErrorKind::Unavailable,
        ErrorKind::Settlement,
        ErrorKind::Config,
        ErrorKind::Internal,
    ];

    /// The kind as text (`"invalid_input"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::PolicyViolation => "policy_violation",
            ErrorKind::ApprovalRequired => "approval_required",
            ErrorKind::Conflict => "conflict",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Settlement => "settlement",
            ErrorKind::Config => "config",
            ErrorKind::Internal => "internal",
        }
    }

    /// The HTTP status for errors of this kind (a [`FluxError`] may refine it: see
    /// [`FluxError::http_status`]).
    pub fn http_status(self) -> u16 {
        match self {
            ErrorKind::InvalidInput => 422,
            ErrorKind::PolicyViolation | ErrorKind::ApprovalRequired => 403,
            ErrorKind::Conflict => 409,
            ErrorKind::NotFound => 404,
            ErrorKind::Unavailable => 503,
            ErrorKind::Settlement => 502,
            ErrorKind::Config | ErrorKind::Internal => 500,
        }
    }
}

/// Why a configuration is unusable. `path` names the field (`settler.key_env`), empty for the
/// document as a whole. The message never holds a secret: URLs are cut to their host and
/// anything shaped like key material is redacted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", display(.path, .reason))]
pub struct ConfigError {
    /// The field, as a dotted path (`catalogs[1]`, `settler.chain.token`).
    pub path: String,
    /// What is wrong.
    pub reason: String,
}

fn display(path: &str, reason: &str) -> String {
    if path.is_empty() {
        format!("invalid configuration: {reason}")
    } else {
        format!("invalid configuration at `{path}`: {reason}")
    }
}

impl ConfigError {
    /// An error at `path` (redacted).
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> ConfigError {
        ConfigError { path: path.into(), reason: crate::redact::text(&reason.into()) }
    }

    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        "INVALID_CONFIG"
    }
}

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
    /// A document (a shopping list file) cannot be read into an intent.
    #[error(transparent)]
    Document(#[from] DocumentError),
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
    /// An idempotency key sent by a client is unusable (empty, too long, control characters).
    #[error("idempotency key: {reason}")]
    InvalidIdempotencyKey {
        /// What is wrong (never the key itself when it is long).
        reason: String,
    },
    /// A signed approval that is not JSON of an approval (its checks are the policy's).
    #[error("approval: {reason}")]
    InvalidApproval {
        /// What is wrong (serde's words, redacted).
        reason: String,
    },
    /// The LLM parser cannot be built (a missing API key, an unusable base URL).
    #[cfg(feature = "llm")]
    #[error(transparent)]
    Llm(#[from] crate::intent::LlmError),
    /// The configuration is unusable; the error names the field.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The ledger could not answer; nothing was paid by this call.
    #[error(transparent)]
    Ledger(#[from] crate::ledger::LedgerError),
}

/// Violations a denial's message names; `violations` keeps every one.
const SUMMARY_VIOLATIONS: usize = 10;

/// The first [`SUMMARY_VIOLATIONS`] violations, then how many more: a 10,000-line cart of
/// duplicates is denied in a line, not in 10,000.
fn summary(violations: &[Violation]) -> String {
    let mut text =
        violations.iter().take(SUMMARY_VIOLATIONS).map(|v| format!("[{}] {}", v.code.as_str(), v.message)).collect::<Vec<_>>().join("; ");
    if let Some(more) = violations.len().checked_sub(SUMMARY_VIOLATIONS).filter(|m| *m > 0) {
        text.push_str(&format!("; and {more} more (see violations)"));
    }
    text
}

impl From<MalformedApproval> for FluxError {
    fn from(e: MalformedApproval) -> FluxError {
        FluxError::InvalidApproval { reason: e.reason }
    }
}

/// The longest `Retry-After` for a settlement in flight, in seconds.
pub const IN_FLIGHT_POLL_SECS: u64 = 2;

impl FluxError {
    /// A configuration error without a field path (for parts a host builds itself).
    pub fn config(reason: impl Into<String>) -> FluxError {
        FluxError::Config(ConfigError::new("", reason))
    }

    /// Stable machine code (`INVALID_AMOUNT`, `POLICY_VIOLATION`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            FluxError::Amount(e) => e.code(),
            FluxError::Address(e) => e.code(),
            FluxError::Intent(e) => e.code(),
            FluxError::Parse(e) => e.code(),
            FluxError::Document(e) => e.code(),
            FluxError::Catalog(e) => e.code(),
            FluxError::Cart(e) => e.code(),
            FluxError::Policy(e) => e.code(),
            FluxError::PolicyViolation { .. } => "POLICY_VIOLATION",
            FluxError::Settle(e) => e.code(),
            FluxError::Audit(e) => e.code(),
            FluxError::InvalidIdempotencyKey { .. } => "INVALID_IDEMPOTENCY_KEY",
            FluxError::InvalidApproval { .. } => "MALFORMED_JSON",
            #[cfg(feature = "llm")]
            FluxError::Llm(e) => e.code(),
            FluxError::Config(e) => e.code(),
            FluxError::Ledger(e) => e.code(),
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            FluxError::Amount(_)
            | FluxError::Address(_)
            | FluxError::Intent(_)
            | FluxError::Cart(_)
            | FluxError::Audit(_)
            | FluxError::Document(_)
            | FluxError::InvalidIdempotencyKey { .. }
            | FluxError::InvalidApproval { .. } => ErrorKind::InvalidInput,
            FluxError::Parse(
                ParseError::NothingRecognized { .. } | ParseError::NothingWanted { .. } | ParseError::QuantityOutOfRange { .. },
            ) => ErrorKind::InvalidInput,
            FluxError::Parse(_) => ErrorKind::Unavailable,
            FluxError::Catalog(CatalogError::Unavailable { .. }) => ErrorKind::Unavailable,
            FluxError::Catalog(_) | FluxError::Policy(_) | FluxError::Config(_) => ErrorKind::Config,
            #[cfg(feature = "llm")]
            FluxError::Llm(_) => ErrorKind::Config,
            FluxError::PolicyViolation { violations } => {
                if crate::policy::only_approval_missing(violations) {
                    ErrorKind::ApprovalRequired
                } else {
                    ErrorKind::PolicyViolation
                }
            }
            FluxError::Settle(e) => e.kind(),
            FluxError::Ledger(crate::ledger::LedgerError::Config { .. }) => ErrorKind::Config,
            FluxError::Ledger(_) => ErrorKind::Unavailable,
        }
    }

    /// The HTTP status a web layer answers: the kind's, except an idempotency key reused for
    /// another cart, which is 422 (as payment APIs answer it), a document over the size limit
    /// (413) and a document of a kind this instance cannot read (415).
    pub fn http_status(&self) -> u16 {
        match self {
            FluxError::Settle(SettleError::KeyConflict { .. }) => 422,
            FluxError::Document(DocumentError::TooLarge { .. }) => 413,
            FluxError::Document(DocumentError::Unsupported { .. } | DocumentError::VisionUnavailable) => 415,
            other => other.kind().http_status(),
        }
    }

    /// The request field that is wrong, when the error is about one (`prompt`, `budget`,
    /// `deadline_days`, `strategy`): what a 422 names.
    pub fn field(&self) -> Option<&str> {
        match self {
            FluxError::Intent(e) => e.field(),
            FluxError::Parse(
                ParseError::NothingRecognized { .. } | ParseError::NothingWanted { .. } | ParseError::QuantityOutOfRange { .. },
            ) => Some("prompt"),
            FluxError::InvalidIdempotencyKey { .. } | FluxError::Settle(SettleError::KeyConflict { .. }) => Some("Idempotency-Key"),
            FluxError::InvalidApproval { .. } => Some("approval"),
            FluxError::Document(_) => Some("file"),
            _ => None,
        }
    }

    /// Seconds after which to ask again (a settlement in flight under the same idempotency key):
    /// what a 409's `Retry-After` says. A settlement takes milliseconds (sandbox) to seconds (a
    /// chain), so this is a short poll, [`IN_FLIGHT_POLL_SECS`] at most, not the worker's lease
    /// (minutes, for a worker that died mid-way): asking again answers the outcome once it is in.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            FluxError::Settle(SettleError::InFlight { retry_after }) => Some((*retry_after).clamp(1, IN_FLIGHT_POLL_SECS)),
            _ => None,
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

impl SettleError {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            SettleError::Config { .. } | SettleError::TargetMismatch { .. } => ErrorKind::Config,
            SettleError::Preflight { .. }
            | SettleError::Rpc { .. }
            | SettleError::Timeout { .. }
            | SettleError::LegsFailed { .. }
            | SettleError::Interrupted { .. } => ErrorKind::Settlement,
            SettleError::KeyConflict { .. } | SettleError::InFlight { .. } | SettleError::JournalMismatch { .. } => ErrorKind::Conflict,
            SettleError::ForeignApproval { .. } => ErrorKind::PolicyViolation,
            SettleError::Verification { .. } => ErrorKind::InvalidInput,
            SettleError::Journal { .. } | SettleError::Signing { .. } => ErrorKind::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Violation, ViolationCode};

    fn violation(code: ViolationCode) -> Violation {
        Violation { code, message: String::new(), line: None, merchant: None }
    }

    #[test]
    fn a_denial_names_its_first_violations_and_counts_the_rest() {
        let violations: Vec<Violation> = (0..10_000)
            .map(|i| Violation {
                message: format!("line id \"a\" appears more than once ({i})"),
                ..violation(ViolationCode::DuplicateLine)
            })
            .collect();
        let e = FluxError::PolicyViolation { violations };
        let text = e.to_string();
        assert!(text.len() < 1_000, "{} bytes", text.len());
        assert_eq!(text.matches("[DUPLICATE_LINE]").count(), 10);
        assert!(text.ends_with("; and 9990 more (see violations)"), "{text}");
        assert_eq!(e.violations().len(), 10_000, "the list stays whole");
        let one = FluxError::PolicyViolation { violations: vec![violation(ViolationCode::EmptyCart)] };
        assert_eq!(one.to_string(), "Policy Violation: [EMPTY_CART] ");
    }

    #[test]
    fn kinds_and_statuses() {
        let e = FluxError::InvalidIdempotencyKey { reason: "empty".into() };
        assert_eq!((e.code(), e.kind(), e.http_status()), ("INVALID_IDEMPOTENCY_KEY", ErrorKind::InvalidInput, 422));
        let deny = FluxError::PolicyViolation { violations: vec![violation(ViolationCode::UnknownMerchant)] };
        assert_eq!((deny.kind(), deny.http_status()), (ErrorKind::PolicyViolation, 403));
        let approve = FluxError::PolicyViolation { violations: vec![violation(ViolationCode::ApprovalRequired)] };
        assert_eq!(approve.kind(), ErrorKind::ApprovalRequired);
        let both = FluxError::PolicyViolation {
            violations: vec![violation(ViolationCode::ApprovalRequired), violation(ViolationCode::OverBudgetCap)],
        };
        assert_eq!(both.kind(), ErrorKind::PolicyViolation);
        let conflict = FluxError::from(SettleError::KeyConflict { key: "k".into() });
        assert_eq!((conflict.kind(), conflict.http_status()), (ErrorKind::Conflict, 422));
        let signing = FluxError::from(SettleError::Signing { reason: "x".into() });
        assert_eq!((signing.code(), signing.kind()), ("SIGNING_FAILED", ErrorKind::Internal));
        let feed = FluxError::from(CatalogError::Unavailable { reason: "x".into() });
        assert_eq!(feed.http_status(), 503);
        let big = FluxError::from(DocumentError::TooLarge { size: 6, limit: 5 });
        assert_eq!((big.code(), big.http_status(), big.field()), ("DOCUMENT_TOO_LARGE", 413, Some("file")));
        let photo = FluxError::from(DocumentError::VisionUnavailable);
        assert_eq!((photo.code(), photo.kind(), photo.http_status()), ("VISION_UNAVAILABLE", ErrorKind::InvalidInput, 415));
        let cfg = FluxError::config("bad");
        assert_eq!((cfg.code(), cfg.http_status()), ("INVALID_CONFIG", 500));
        for k in ErrorKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap_or_default(), k.as_str());
        }
    }
}
