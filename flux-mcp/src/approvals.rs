//! What a cart above the approval threshold needs approved, and the approvals this server is
//! waiting for or signed: requests sent to a client as elicitations (by an opaque, unguessable
//! handle, for clients on the 2026 protocol that answer by retrying the call) and approvals the
//! server signed after a person accepted (reused when that same settlement is retried).

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use flux_core::{Approval, Cart, Policy};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// How long an approval asked for now stays valid, in seconds.
pub const APPROVAL_TTL_SECONDS: u64 = 15 * 60;

/// Most approvals kept waiting or signed; the oldest are forgotten first.
const MAX_KEPT: usize = 256;

/// The approval a settlement needs: which cart, under which policy, until when, by which id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalRequest {
    /// The approval id (derived from the cart id and idempotency key: one settlement, one id).
    pub approval_id: String,
    /// The cart.
    pub cart_id: String,
    /// The idempotency key of the settlement it approves.
    pub idempotency_key: String,
    /// The policy's hash.
    pub policy_hash: String,
    /// Unix seconds from which it is no longer valid.
    pub expires_at: u64,
}

impl ApprovalRequest {
    /// The request for paying `cart` under `policy` with `key`, valid from `now` (Unix seconds).
    pub fn new(cart: &Cart, policy: &Policy, key: &str, now: u64) -> ApprovalRequest {
        let cart_id = cart.id();
        let digest = Sha256::digest(format!("{cart_id}\n{key}").as_bytes());
        ApprovalRequest {
            approval_id: format!("mcp-{}", &hex::encode(digest)[..32]),
            cart_id,
            idempotency_key: key.to_owned(),
            policy_hash: policy.hash().to_owned(),
            expires_at: now.saturating_add(APPROVAL_TTL_SECONDS),
        }
    }

    /// The exact text an approver signs (`Approval::message`).
    pub fn message(&self) -> String {
        Approval::message(&self.cart_id, &self.policy_hash, self.expires_at, &self.approval_id)
    }

    /// What a tool answers about it: the fields to sign, the message, who may sign, and how to
    /// hand the signature back.
    pub fn to_value(&self, cart: &Cart, policy: &Policy) -> Value {
        let rules = policy.rules();
        json!({
            "cart_id": self.cart_id,
            "total": cart.total(),
            "currency": "USDC",
            "approval_threshold": rules.approval_threshold,
            "approvers": rules.approvers,
            "approval": {
                "approval_id": self.approval_id,
                "cart_id": self.cart_id,
                "policy_hash": self.policy_hash,
                "expires_at": self.expires_at,
            },
            "message": self.message(),
            "how": "An approver signs `message` with their own key (ed25519 over its UTF-8 bytes, or an EIP-191 personal_sign for an EVM approver); call execute_purchase again with the same cart_id and idempotency_key and `approval`: these four fields plus `approver` and `signature` (hex).",
        })
    }
}

struct Bounded<V> {
    map: HashMap<String, V>,
    order: VecDeque<String>,
}

impl<V> Default for Bounded<V> {
    fn default() -> Self {
        Bounded { map: HashMap::new(), order: VecDeque::new() }
    }
}

impl<V> Bounded<V> {
    fn insert(&mut self, key: String, value: V) {
        if self.map.insert(key.clone(), value).is_none() {
            self.order.push_back(key);
        }
        while self.order.len() > MAX_KEPT {
            if let Some(old) = self.order.pop_front() {
                self.map.remove(&old);
            }
        }
    }

    fn take(&mut self, key: &str) -> Option<V> {
        let v = self.map.remove(key)?;
        self.order.retain(|k| k != key);
        Some(v)
    }
}

#[derive(Default)]
struct Inner {
    pending: Bounded<ApprovalRequest>,
    signed: Bounded<Approval>,
}

/// Approvals asked for and signed.
#[derive(Default)]
pub struct Approvals {
    inner: Mutex<Inner>,
}

fn settlement(cart_id: &str, key: &str) -> String {
    format!("{cart_id}\n{key}")
}

impl Approvals {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Remembers a request sent to a client to answer later; returns its opaque handle.
    pub fn wait_for(&self, request: ApprovalRequest) -> String {
        let handle = format!("flux-approval-{}", uuid::Uuid::new_v4().simple());
        self.lock().pending.insert(handle.clone(), request);
        handle
    }

    /// The request behind a handle, once: a handle answers one retry.
    pub fn take_waiting(&self, handle: &str) -> Option<ApprovalRequest> {
        self.lock().pending.take(handle)
    }

    /// Keeps an approval this server signed for a settlement.
    pub fn signed(&self, approval: Approval, key: &str) {
        let id = settlement(&approval.cart_id, key);
        self.lock().signed.insert(id, approval);
    }

    /// The approval this server signed for this settlement, if any (retrying the same settlement
    /// is not a replay).
    pub fn signed_for(&self, cart_id: &str, key: &str) -> Option<Approval> {
        self.lock().signed.map.get(&settlement(cart_id, key)).cloned()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn cart() -> Cart {
        Cart::from_json(r#"[{"vendor_id":"amazon","price":"10","id":"a"}]"#).unwrap()
    }

    #[test]
    fn one_settlement_one_approval_id() {
        let policy = Policy::demo();
        let a = ApprovalRequest::new(&cart(), &policy, "k1", 100);
        assert_eq!(a, ApprovalRequest::new(&cart(), &policy, "k1", 100));
        assert_ne!(a.approval_id, ApprovalRequest::new(&cart(), &policy, "k2", 100).approval_id);
        assert!(a.approval_id.len() <= flux_core::MAX_APPROVAL_ID_LEN);
        assert_eq!(a.expires_at, 100 + APPROVAL_TTL_SECONDS);
        assert!(a.message().starts_with(flux_core::APPROVAL_MESSAGE_HEADER));
        assert_eq!(a.to_value(&cart(), &policy)["approval"]["approval_id"], a.approval_id);
    }

    #[test]
    fn a_handle_answers_once() {
        let approvals = Approvals::default();
        let req = ApprovalRequest::new(&cart(), &Policy::demo(), "k", 1);
        let h = approvals.wait_for(req.clone());
        assert_ne!(h, approvals.wait_for(req.clone()), "handles are unguessable and distinct");
        assert_eq!(approvals.take_waiting(&h), Some(req));
        assert_eq!(approvals.take_waiting(&h), None);
        assert_eq!(approvals.take_waiting("flux-approval-forged"), None);
    }

    #[test]
    fn keeps_a_bounded_number() {
        let mut b = Bounded::default();
        for i in 0..(MAX_KEPT + 10) {
            b.insert(i.to_string(), i);
        }
        assert_eq!(b.map.len(), MAX_KEPT);
        assert!(!b.map.contains_key("0"));
    }
}
