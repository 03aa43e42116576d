//! Authorizing and executing carts: the policy first, then the settler, at most once per
//! idempotency key — every piece of that bookkeeping held by the ledger.

use serde_json::json;

use super::Flux;
use crate::audit::Phase;
use crate::cart::Cart;
use crate::error::FluxError;
use crate::future::block_on;
use crate::ledger::{Begin, Begun, Facts, Finish, DEFAULT_LEASE_SECONDS};
use crate::money::Amount;
use crate::policy::{Approval, Decision};
use crate::settle::{LegStatus, SettleError, Settlement};

impl Flux {
    /// The policy's decision on `cart` for this settler's chain, now, with the ledger's spend.
    /// Nothing is reserved.
    pub fn authorize(&self, cart: &Cart) -> Decision {
        self.authorize_with(cart, Approval::default())
    }

    /// [`Flux::authorize`] with a signed approval (which a cart above the policy's
    /// `approval_threshold` needs).
    pub fn authorize_with(&self, cart: &Cart, approval: Approval) -> Decision {
        let now_ms = self.clock.now_ms();
        let windows = self.policy.windows();
        let catalog = self.catalog_snapshot();
        // A ledger that cannot answer counts as full (and the approval as used): the decision
        // fails closed.
        let spent = block_on(self.ledger.spent(&windows, now_ms / 1000)).unwrap_or_else(|_| vec![Amount::MAX; windows.len()]);
        let used = !approval.is_empty() && block_on(self.ledger.approval_used(&approval.approval_id, None)).unwrap_or(true);
        let decision = self.policy.authorize_spent(cart, &self.settler.target(), &spent, now_ms / 1000, &approval);
        let decision = self.gate(decision, cart, Some(&catalog), &approval, used);
        self.record_decision(now_ms, cart, &decision, None);
        decision
    }

    fn record_decision(&self, now_ms: u64, cart: &Cart, decision: &Decision, key: Option<&str>) {
        let payload = match decision {
            Decision::Allow(a) => {
                json!({"cart_id": a.cart_id(), "total": a.total(), "legs": a.legs().len(), "policy_hash": a.policy_hash(), "key": key})
            }
            Decision::Deny { violations } => {
                json!({"cart_id": cart.id(), "violations": violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>(), "key": key})
            }
        };
        let kind = if decision.approved().is_some() { "policy.allowed" } else { "policy.denied" };
        self.state().audit.append_value(now_ms, Phase::Act, kind, payload);
    }

    /// Policy first, then the settler, keyed by the cart id. A denial is
    /// [`FluxError::PolicyViolation`] and nothing reaches the settler.
    pub async fn execute(&self, cart: &Cart) -> Result<Settlement, FluxError> {
        self.execute_with(cart, None, Approval::default()).await
    }

    /// [`Flux::execute`] with an explicit idempotency key and approval facts.
    ///
    /// The ledger opens one attempt per key, atomically: a key settled before answers its
    /// settlement as a replay (`replayed: true`) without paying again; a key used for another
    /// cart is `IDEMPOTENCY_CONFLICT`; a key another worker is settling is `IN_FLIGHT` (retry
    /// later); otherwise the policy decides with the ledger's spend and the approved legs are
    /// reserved before the settler runs. The reservation is committed when every leg is paid,
    /// kept when money may have moved (the same key resumes), and released when nothing could
    /// have been sent (preflight, configuration, a mismatch found before signing) or for legs
    /// that failed for good.
    pub async fn execute_with(&self, cart: &Cart, idempotency_key: Option<&str>, approval: Approval) -> Result<Settlement, FluxError> {
        let cart_id = cart.id();
        let key = idempotency_key.unwrap_or(&cart_id).to_owned();
        check_idempotency_key(&key)?;
        let now_ms = self.clock.now_ms();
        let now = now_ms / 1000;
        let windows = self.policy.windows();
        let target = self.settler.target();
        let catalog = self.catalog_snapshot();
        // Inside the ledger's transaction: the policy with the ledger's spend, then the kernel's
        // own gate (quotes, and an approval that already paid for another attempt). An attempt
        // that may have moved money is resumed without the checks that only time changed: its
        // cart, bound to the key by its id, was quoted when it began, and the approval it began
        // with was in force then, so a catalog refreshed or that approval expired since cannot
        // strand its legs half-paid. Any other approval is checked now.
        let decide = |facts: &Facts<'_>| {
            let began_with = facts.resumed && !approval.is_empty() && facts.began_with == Some(approval.approval_id.as_str());
            let at = if began_with { now.min(approval.expires_at.saturating_sub(1)) } else { now };
            let decision = self.policy.authorize_spent(cart, &target, facts.spent, at, &approval);
            self.gate(decision, cart, (!facts.resumed).then_some(&catalog), &approval, facts.approval_used)
        };
        // Only an approval the cart needs is checked, so only such a one is used up: one sent
        // with a cart below the threshold (by mistake, or by an agent holding a person's approval
        // for another cart) is ignored, and still pays the cart it was given for.
        let approval_id = (!approval.is_empty() && self.policy.needs_approval(cart)).then_some(approval.approval_id.as_str());
        let begin = Begin {
            key: &key,
            cart_id: &cart_id,
            now,
            lease_seconds: DEFAULT_LEASE_SECONDS,
            windows: &windows,
            approval_id,
            decide: &decide,
        };
        let (approved, resumed, lease_until) = match self.ledger.begin(begin).await? {
            Begun::Replay(s) => {
                self.record(Phase::Act, "settlement.replayed", &json!({"key": key, "cart_id": cart_id}));
                return Ok(s);
            }
            Begun::Conflict => return Err(SettleError::KeyConflict { key }.into()),
            Begun::InFlight { retry_after } => return Err(SettleError::InFlight { retry_after }.into()),
            Begun::Denied(violations) => {
                self.record_decision(now_ms, cart, &Decision::Deny { violations: violations.clone() }, Some(&key));
                return Err(FluxError::PolicyViolation { violations });
            }
            Begun::Reserved { approved, resumed, lease_until } => (approved, resumed, lease_until),
        };
        self.record_decision(now_ms, cart, &Decision::Allow(approved.clone()), Some(&key));
        let result = self.settler.settle(&approved, &key).await;
        let finish = match &result {
            Ok(s) if all_final(s) => Finish::Settled(s),
            Ok(s) => Finish::Kept(Some(s)),
            // Nothing could have been sent by this attempt, and none before it (a resumed key
            // keeps its reservation whatever happens: an earlier attempt may have moved money).
            Err(e) if !resumed && nothing_sent(e) => Finish::Released,
            Err(_) => Finish::Kept(None),
        };
        // A ledger that cannot record the end never hides what the settler did: the attempt
        // stays reserved (its spend counted) and the same key resumes it after its lease.
        if let Err(e) = self.ledger.finish(&key, lease_until, finish).await {
            self.record(Phase::Act, "ledger.finish_failed", &json!({"key": key, "cart_id": cart_id, "code": e.code()}));
        }
        match result {
            Ok(s) => {
                self.record(
                    Phase::Act,
                    "settlement.completed",
                    &json!({"key": key, "cart_id": s.cart_id, "mode": s.mode, "status": s.status, "resumed": resumed,
                            "transaction_hashes": s.transaction_hashes}),
                );
                Ok(s)
            }
            Err(e) => {
                self.record(Phase::Act, "settlement.failed", &json!({"key": key, "cart_id": cart_id, "code": e.code()}));
                Err(e.into())
            }
        }
    }
}

/// Whether no leg will change any more: each paid (confirmed on chain; signed in the sandbox,
/// which never broadcasts; recorded in memory) or failed for good.
fn all_final(s: &Settlement) -> bool {
    s.legs.iter().all(|l| match l.status {
        LegStatus::Confirmed | LegStatus::Recorded | LegStatus::Failed => true,
        LegStatus::Signed => !s.broadcast,
        LegStatus::Planned | LegStatus::Broadcast => false,
    })
}

/// Errors raised before anything could have been broadcast.
fn nothing_sent(e: &SettleError) -> bool {
    matches!(
        e,
        SettleError::Preflight { .. }
            | SettleError::Config { .. }
            | SettleError::TargetMismatch { .. }
            | SettleError::KeyConflict { .. }
            | SettleError::ForeignApproval { .. }
            | SettleError::Signing { .. }
    )
}

/// An idempotency key a client may send: 1-128 bytes of printable ASCII (no spaces, no control
/// characters), as the keys payment APIs accept.
fn check_idempotency_key(key: &str) -> Result<(), FluxError> {
    let reason = if key.is_empty() {
        "must not be empty"
    } else if key.len() > 128 {
        "must be at most 128 bytes"
    } else if !key.bytes().all(|b| b.is_ascii_graphic()) {
        "must be printable ASCII without spaces"
    } else {
        return Ok(());
    };
    Err(FluxError::InvalidIdempotencyKey { reason: reason.into() })
}
