//! The carts this server proposed or edited, by id: the only carts a tool can name. Bounded: the
//! oldest are forgotten first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use flux_core::{Cart, Intent, NeedRanking};

/// Carts kept unless `--max-carts` says otherwise.
pub const DEFAULT_MAX_CARTS: usize = 1024;

/// A cart the kernel quoted, with what it answered: the intent (budget, strategy, deadline) and
/// the proposal's ranked alternatives per need, which edits choose from.
#[derive(Debug)]
pub struct StoredCart {
    /// The kernel's cart.
    pub cart: Cart,
    /// The intent it answers.
    pub intent: Intent,
    /// The proposal's rankings, one per need.
    pub alternatives: Arc<Vec<NeedRanking>>,
}

#[derive(Default)]
struct Inner {
    by_id: HashMap<String, Arc<StoredCart>>,
    order: VecDeque<String>,
}

/// A bounded map from cart id to cart.
pub struct CartStore {
    inner: Mutex<Inner>,
    capacity: usize,
}

impl CartStore {
    /// A store keeping at most `capacity` carts (at least one).
    pub fn new(capacity: usize) -> CartStore {
        CartStore { inner: Mutex::new(Inner::default()), capacity: capacity.max(1) }
    }

    /// How many carts are kept at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps a cart under its id (a cart with the same id is the same payment: kept once) and
    /// returns the id.
    pub fn insert(&self, stored: StoredCart) -> String {
        let id = stored.cart.id();
        let mut inner = self.lock();
        if inner.by_id.contains_key(&id) {
            return id;
        }
        while inner.order.len() >= self.capacity {
            if let Some(old) = inner.order.pop_front() {
                inner.by_id.remove(&old);
            }
        }
        inner.order.push_back(id.clone());
        inner.by_id.insert(id.clone(), Arc::new(stored));
        id
    }

    /// The cart with this id, if this server proposed or edited it and still keeps it.
    pub fn get(&self, id: &str) -> Option<Arc<StoredCart>> {
        self.lock().by_id.get(id).cloned()
    }

    /// How many carts are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().by_id.len()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use flux_core::{Amount, Strategy};

    fn stored(price: &str) -> StoredCart {
        let cart = Cart::from_json(&format!(r#"[{{"vendor_id":"amazon","price":"{price}","id":"a"}}]"#)).unwrap();
        let intent = Intent::new("snacks", Amount::whole(10), 3, Strategy::Balanced).unwrap();
        StoredCart { cart, intent, alternatives: Arc::new(Vec::new()) }
    }

    #[test]
    fn keeps_the_newest_carts_up_to_capacity() {
        let store = CartStore::new(2);
        let a = store.insert(stored("1"));
        let b = store.insert(stored("2"));
        assert_eq!(store.insert(stored("1")), a, "the same cart is kept once");
        let c = store.insert(stored("3"));
        assert_eq!(store.len(), 2);
        assert!(store.get(&a).is_none(), "the oldest is forgotten");
        assert!(store.get(&b).is_some() && store.get(&c).is_some());
        assert!(store.get("cart_00000000000000000000000000000000").is_none());
    }
}
