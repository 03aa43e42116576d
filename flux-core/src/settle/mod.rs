//! Settlement: paying an [`ApprovedCart`], one transfer leg per merchant.
//!
//! A [`Settler`] accepts only an `ApprovedCart`, which only the policy can make — so nothing is
//! ever signed without approval. [`MemorySettler`] records legs without signing (for tests and
//! dry runs); signing settlers live behind cargo features.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::future::BoxFuture;
use crate::policy::{ApprovedCart, Target};

mod bundle;
mod chain;
#[cfg(feature = "signing")]
mod custody;
#[cfg(feature = "evm")]
mod evm;
mod password;
#[cfg(feature = "signing")]
mod sandbox;
#[cfg(feature = "signing")]
mod tx;
mod verify;

pub use bundle::{BundleLeg, ReceiptBundle, BUNDLE_VERSION};
pub use chain::ChainConfig;
#[cfg(feature = "signing")]
pub use custody::{PaymentKey, KEYSTORE_ENV, KEYSTORE_PASSWORD_ENV, KEY_ENV_VARS};
#[cfg(feature = "evm")]
pub use evm::{verify_bundle, EvmSettler, HookPoint, SettleHook};
pub use password::{KeystorePassword, PasswordFromEnv, PasswordSource};
#[cfg(feature = "signing")]
pub use sandbox::{SandboxSettler, SANDBOX_FEES, SANDBOX_KEY_HEX, SANDBOX_KEY_PHRASE};
#[cfg(feature = "signing")]
pub use tx::{sign_erc20_transfer, SignedTransfer, TransferTx};
pub use verify::{verify_bundle_offline, VerifiedLeg, VerifyReport};

pub use crate::settlement::{LegStatus, SettledLeg, Settlement, SettlementMode, SettlementStatus};

/// Why a settlement failed. Nothing here ever contains key material or full RPC URLs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SettleError {
    /// The settler's configuration is unusable (missing key, bad chain config).
    #[error("settler configuration: {reason}")]
    Config {
        /// What is wrong.
        reason: String,
    },
    /// A check before the first signature failed; nothing was signed or sent.
    #[error("preflight failed: {reason}")]
    Preflight {
        /// Which check and why.
        reason: String,
    },
    /// The approved cart is for another chain or token than this settler's.
    #[error("approved for chain {approved_chain}, but this settler pays on chain {settler_chain}")]
    TargetMismatch {
        /// Chain in the approval.
        approved_chain: u64,
        /// Chain of the settler.
        settler_chain: u64,
    },
    /// The node could not be reached or answered with an error.
    #[error("rpc error: {reason}")]
    Rpc {
        /// Secret-free reason.
        reason: String,
    },
    /// Waiting for receipts timed out; legs are journaled and can be resumed.
    #[error("timed out waiting for {pending} receipt(s); resume with the same idempotency key")]
    Timeout {
        /// Legs without receipts.
        pending: usize,
    },
    /// One or more legs reverted or did not match the approval.
    #[error("{failed} leg(s) failed: {reason}")]
    LegsFailed {
        /// How many.
        failed: usize,
        /// First failure.
        reason: String,
    },
    /// The journal could not be read or written.
    #[error("journal error: {reason}")]
    Journal {
        /// Secret-free reason.
        reason: String,
    },
    /// The idempotency key was used before for a different cart.
    #[error("idempotency key {key:?} was already used for another cart")]
    KeyConflict {
        /// The key.
        key: String,
    },
    /// Verification of a receipt bundle failed.
    #[error("verification failed: {reason}")]
    Verification {
        /// What did not match.
        reason: String,
    },
    /// Resuming a settlement found the journal disagreeing with now (another sending key, another
    /// payout address, another policy): nothing is sent until an operator looks.
    #[error("the journal of this settlement does not match now: {what}; nothing was sent")]
    JournalMismatch {
        /// What differs (names, never keys).
        what: String,
    },
    /// The approval was made by another policy than the one this settler's `Flux` enforces.
    #[error("this settler only signs approvals of policy {expected}, not of policy {got}")]
    ForeignApproval {
        /// The policy hash the settler is bound to (or "none").
        expected: String,
        /// The approval's policy hash.
        got: String,
    },
    /// Another worker is settling this idempotency key now.
    #[error("a settlement under this idempotency key is in flight: ask again shortly under the same key for its outcome")]
    InFlight {
        /// Seconds until its lease ends (when another worker may take the key over).
        retry_after: u64,
    },
    /// Signing a transaction failed (a broken key or signer); nothing was sent.
    #[error("signing failed: {reason}")]
    Signing {
        /// Secret-free reason.
        reason: String,
    },
    /// Settlement stopped at a checkpoint (a crash hook in tests, or a host shutting down);
    /// everything signed is journaled and resumes with the same idempotency key.
    #[error("settlement interrupted after {at}; resume with the same idempotency key")]
    Interrupted {
        /// The checkpoint.
        at: String,
    },
}

impl SettleError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            SettleError::Config { .. } => "SETTLER_CONFIG",
            SettleError::Preflight { .. } => "PREFLIGHT_FAILED",
            SettleError::TargetMismatch { .. } => "TARGET_MISMATCH",
            SettleError::Rpc { .. } => "RPC_ERROR",
            SettleError::Timeout { .. } => "RECEIPT_TIMEOUT",
            SettleError::LegsFailed { .. } => "LEG_FAILED",
            SettleError::Journal { .. } => "JOURNAL_ERROR",
            SettleError::KeyConflict { .. } => "IDEMPOTENCY_CONFLICT",
            SettleError::Verification { .. } => "VERIFICATION_FAILED",
            SettleError::Interrupted { .. } => "SETTLEMENT_INTERRUPTED",
            SettleError::Signing { .. } => "SIGNING_FAILED",
            SettleError::JournalMismatch { .. } => "JOURNAL_MISMATCH",
            SettleError::ForeignApproval { .. } => "FOREIGN_APPROVAL",
            SettleError::InFlight { .. } => "IN_FLIGHT",
        }
    }
}

impl From<crate::ledger::LedgerError> for SettleError {
    fn from(e: crate::ledger::LedgerError) -> SettleError {
        SettleError::Journal { reason: e.to_string() }
    }
}

/// The policy a settler signs for: set once by the `Flux` that owns it ([`Settler::bind`]); an
/// approval of any other policy — or any approval before a `Flux` bound it — is refused.
#[derive(Debug, Default)]
pub struct PolicyBinding(std::sync::OnceLock<String>);

impl PolicyBinding {
    /// Binds to `policy_hash`; binding again to another policy fails (one settler, one policy).
    pub fn bind(&self, policy_hash: &str) -> Result<(), SettleError> {
        let bound = self.0.get_or_init(|| policy_hash.to_owned());
        if bound == policy_hash {
            Ok(())
        } else {
            Err(SettleError::Config { reason: "this settler already belongs to a Flux with another policy".into() })
        }
    }

    /// Whether `approved` was made by the bound policy.
    pub fn check(&self, approved: &ApprovedCart) -> Result<(), SettleError> {
        match self.0.get() {
            Some(h) if h == approved.policy_hash() => Ok(()),
            other => Err(SettleError::ForeignApproval {
                expected: other.cloned().unwrap_or_else(|| "none (the settler belongs to no Flux)".into()),
                got: approved.policy_hash().to_owned(),
            }),
        }
    }
}

/// Pays approved carts. Implementations must be idempotent per key: a key seen before returns
/// the recorded settlement (or resumes it) and never pays twice.
pub trait Settler: Send + Sync {
    /// Settles `approved` under `key`.
    fn settle<'a>(&'a self, approved: &'a ApprovedCart, key: &'a str) -> BoxFuture<'a, Result<Settlement, SettleError>>;

    /// The chain and token this settler pays with (the policy checks it).
    fn target(&self) -> Target;

    /// How this settler settles.
    fn mode(&self) -> SettlementMode;

    /// The chain this settler broadcasts to, if it broadcasts (receipt bundles are verified
    /// against it). The default: none.
    fn chain(&self) -> Option<&ChainConfig> {
        None
    }

    /// Binds the settler to the policy of the `Flux` that owns it: it then signs approvals of that
    /// policy only (see [`PolicyBinding`]). The built-in settlers refuse every approval until
    /// bound. The default accepts.
    fn bind(&self, policy_hash: &str) -> Result<(), SettleError> {
        let _ = policy_hash;
        Ok(())
    }

    /// The settlement recorded under `key`, if any (the facade returns a completed one instead of
    /// re-authorizing). The default knows none.
    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, SettleError>> {
        let _ = key;
        Box::pin(std::future::ready(Ok(None)))
    }
}

/// A shared settler settles as the one it points to: a host keeps an `Arc` to look at what was
/// recorded while the `Flux` owns another. Every method forwards, `bind` included, so a shared
/// settler is bound to its `Flux`'s policy like any other.
impl<T: Settler + ?Sized> Settler for std::sync::Arc<T> {
    fn settle<'a>(&'a self, approved: &'a ApprovedCart, key: &'a str) -> BoxFuture<'a, Result<Settlement, SettleError>> {
        (**self).settle(approved, key)
    }
    fn target(&self) -> Target {
        (**self).target()
    }
    fn mode(&self) -> SettlementMode {
        (**self).mode()
    }
    fn chain(&self) -> Option<&ChainConfig> {
        (**self).chain()
    }
    fn bind(&self, policy_hash: &str) -> Result<(), SettleError> {
        (**self).bind(policy_hash)
    }
    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, SettleError>> {
        Settler::recorded(&**self, key)
    }
}

/// Records approved legs in memory without signing anything. Which keys were settled is the
/// ledger's business; this settler only records.
#[derive(Debug)]
pub struct MemorySettler {
    target: Target,
    done: Mutex<BTreeMap<String, Settlement>>,
    binding: PolicyBinding,
}

impl MemorySettler {
    /// A memory settler that claims to pay on `target`.
    pub fn new(target: Target) -> Self {
        MemorySettler { target, done: Mutex::new(BTreeMap::new()), binding: PolicyBinding::default() }
    }

    /// Every settlement recorded, in key order.
    pub fn settlements(&self) -> Vec<Settlement> {
        self.done.lock().map(|m| m.values().cloned().collect()).unwrap_or_default()
    }
}

impl Default for MemorySettler {
    fn default() -> Self {
        MemorySettler::new(Target::arc_testnet())
    }
}

impl Settler for MemorySettler {
    fn settle<'a>(&'a self, approved: &'a ApprovedCart, key: &'a str) -> BoxFuture<'a, Result<Settlement, SettleError>> {
        Box::pin(async move {
            self.binding.check(approved)?;
            if approved.target() != self.target {
                return Err(SettleError::TargetMismatch {
                    approved_chain: approved.target().chain_id,
                    settler_chain: self.target.chain_id,
                });
            }
            let legs: Vec<SettledLeg> =
                approved.legs().iter().map(|l| SettledLeg { status: LegStatus::Recorded, ..SettledLeg::planned(l) }).collect();
            let logs = legs
                .iter()
                .map(|l| format!("recorded (memory, unsigned): {} USDC to {} ({})", l.amount, l.merchant_name, l.payout))
                .collect();
            let s = Settlement::from_legs(approved, key, SettlementMode::Memory, false, None, legs, logs);
            let mut done = self.done.lock().map_err(|_| SettleError::Journal { reason: "memory journal poisoned".into() })?;
            done.insert(key.to_owned(), s.clone());
            Ok(s)
        })
    }

    fn bind(&self, policy_hash: &str) -> Result<(), SettleError> {
        self.binding.bind(policy_hash)
    }

    fn target(&self) -> Target {
        self.target
    }

    fn mode(&self) -> SettlementMode {
        SettlementMode::Memory
    }

    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, SettleError>> {
        let found = self.done.lock().map(|m| m.get(key).cloned()).unwrap_or_default();
        Box::pin(std::future::ready(Ok(found)))
    }
}
