//! Authorizing and executing carts: the policy first, then the settler, once per idempotency key.

use serde_json::json;

use super::Flux;
use crate::audit::Phase;
use crate::cart::Cart;
use crate::error::FluxError;
use crate::policy::{Approval, Decision, SpendRecord};
use crate::settle::{SettleError, Settlement, SettlementStatus};

impl Flux {
    /// The policy's decision on `cart` for this settler's chain, now.
    pub fn authorize(&self, cart: &Cart) -> Decision {
        self.authorize_with(cart, Approval::default())
    }

    /// [`Flux::authorize`] with a signed approval (which a cart above the policy's
    /// `approval_threshold` needs).
    pub fn authorize_with(&self, cart: &Cart, approval: Approval) -> Decision {
        self.decide(cart, approval, None)
    }

    /// Evaluates the policy and records the decision, under one lock. With `reserve`, an approval
    /// also reserves the cart's legs in the spend state under that idempotency key (replacing an
    /// earlier reservation of the same key), so concurrent executions cannot together exceed a
    /// rolling-window limit.
    fn decide(&self, cart: &Cart, approval: Approval, reserve: Option<&str>) -> Decision {
        let now_ms = self.clock.now_ms();
        let now = now_ms / 1000;
        let target = self.settler.target();
        let catalog = self.catalog_snapshot();
        let mut state = self.state();
        if let Some(key) = reserve {
            state.spend.records.retain(|r| r.key.as_deref() != Some(key));
        }
        let decision = self.policy.authorize_with(cart, &target, &state.spend, now, &approval);
        let decision = self.gate(decision, cart, &catalog, &approval, reserve, &mut state.approvals);
        match &decision {
            Decision::Allow(a) => {
                if let Some(key) = reserve {
                    if let Some(w) = &self.policy.rules().window {
                        // Records older than the window can never matter again.
                        let since = now.saturating_sub(w.seconds);
                        state.spend.records.retain(|r| r.at > since);
                    }
                    for leg in a.legs() {
                        state.spend.records.push(SpendRecord {
                            at: now,
                            merchant_id: leg.merchant_id.clone(),
                            amount: leg.amount,
                            key: Some(key.to_owned()),
                        });
                    }
                }
                let payload = json!({"cart_id": a.cart_id(), "total": a.total(), "legs": a.legs().len(), "policy_hash": a.policy_hash()});
                state.audit.append_value(now_ms, Phase::Act, "policy.allowed", payload);
            }
            Decision::Deny { violations } => {
                let payload = json!({"cart_id": cart.id(), "violations": violations.iter().map(|v| v.code.as_str()).collect::<Vec<_>>()});
                state.audit.append_value(now_ms, Phase::Act, "policy.denied", payload);
            }
        }
        decision
    }

    /// Policy first, then the settler, keyed by the cart id. A denial is
    /// [`FluxError::PolicyViolation`] and nothing reaches the settler.
    pub async fn execute(&self, cart: &Cart) -> Result<Settlement, FluxError> {
        self.execute_with(cart, None, Approval::default()).await
    }

    /// [`Flux::execute`] with an explicit idempotency key and approval facts. A key already
    /// settled returns the recorded settlement without paying again.
    ///
    /// The approved legs count against the rolling-window limit from the moment of approval. They
    /// are released only when the settler failed before anything could have been broadcast
    /// (preflight, configuration, target or key conflicts); a partial or interrupted settlement
    /// keeps them, since it may have moved money and will be resumed under the same key.
    pub async fn execute_with(&self, cart: &Cart, idempotency_key: Option<&str>, approval: Approval) -> Result<Settlement, FluxError> {
        let cart_id = cart.id();
        let key = idempotency_key.unwrap_or(&cart_id).to_owned();
        check_idempotency_key(&key)?;
        if let Some(prev) = self.settler.recorded(&key).await? {
            if prev.cart_id != cart_id {
                return Err(crate::settle::SettleError::KeyConflict { key }.into());
            }
            if prev.status == SettlementStatus::Success {
                self.record(Phase::Act, "settlement.replayed", &json!({"key": key, "cart_id": cart_id}));
                return Ok(Settlement { replayed: true, ..prev });
            }
        }
        let approved = match self.decide(cart, approval, Some(&key)) {
            Decision::Allow(a) => a,
            Decision::Deny { violations } => return Err(FluxError::PolicyViolation { violations }),
        };
        match self.settler.settle(&approved, &key).await {
            Ok(s) => {
                if s.status == SettlementStatus::Failed {
                    self.release(&key);
                }
                self.record(
                    Phase::Act,
                    "settlement.completed",
                    &json!({"key": key, "cart_id": s.cart_id, "mode": s.mode, "status": s.status, "transaction_hashes": s.transaction_hashes}),
                );
                Ok(s)
            }
            Err(e) => {
                if matches!(
                    e,
                    SettleError::Preflight { .. }
                        | SettleError::Config { .. }
                        | SettleError::TargetMismatch { .. }
                        | SettleError::KeyConflict { .. }
                ) {
                    self.release(&key);
                }
                self.record(Phase::Act, "settlement.failed", &json!({"key": key, "cart_id": cart_id, "code": e.code()}));
                Err(e.into())
            }
        }
    }

    /// Drops the spend reserved under `key` (nothing was paid).
    fn release(&self, key: &str) {
        self.state().spend.records.retain(|r| r.key.as_deref() != Some(key));
    }
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
