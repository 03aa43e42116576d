//! Which approvals have paid: an approval id pays for one settlement (one idempotency key) only.

use std::collections::BTreeMap;

/// The approval ids used so far, each with the idempotency key of the settlement it paid for
/// and its expiry. Kept in [`Flux`](super::Flux)'s state, under the same lock as the spend
/// reservations, so that checking and using an id is one step.
#[derive(Debug, Default)]
pub(crate) struct UsedApprovals {
    /// approval id → (idempotency key, expires_at).
    used: BTreeMap<String, (String, u64)>,
}

impl UsedApprovals {
    /// Whether approval `id` already paid for a settlement other than `key` (with `key` absent,
    /// as for `authorize`: for any settlement).
    pub(crate) fn approval_used(&self, id: &str, key: Option<&str>) -> bool {
        self.used.get(id).is_some_and(|(k, _)| key != Some(k.as_str()))
    }

    /// Records that approval `id` (valid until `expires_at`) pays for the settlement `key`. Ids
    /// expired before `now` are forgotten: an expired approval is refused anyway.
    pub(crate) fn use_approval(&mut self, id: &str, key: &str, expires_at: u64, now: u64) {
        self.used.retain(|_, (_, exp)| *exp > now);
        self.used.insert(id.to_owned(), (key.to_owned(), expires_at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_pays_for_one_key_and_expired_ids_are_forgotten() {
        let mut u = UsedApprovals::default();
        assert!(!u.approval_used("a", Some("k1")));
        u.use_approval("a", "k1", 100, 10);
        assert!(!u.approval_used("a", Some("k1")), "the same settlement may resume");
        assert!(u.approval_used("a", Some("k2")));
        assert!(u.approval_used("a", None));
        u.use_approval("b", "k2", 200, 150);
        assert!(!u.approval_used("a", Some("k2")), "expired ids are dropped");
        assert!(u.approval_used("b", Some("k3")));
    }
}
