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
    /// The intent it answers: the latest plan's that produced this cart (see [`CartStore::insert`]).
    pub intent: Intent,
    /// The proposal's rankings, one per need.
    pub alternatives: Arc<Vec<NeedRanking>>,
    /// Units the agent asked of a line with `set_units`, by line id: what replacing that line
    /// buys again (a line never edited buys its need's quantity).
    pub asked: HashMap<String, u32>,
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

    /// Keeps a cart under its id and returns the id. Ids are content hashes, so two plans (or an
    /// edit and a plan) can arrive at the same cart with different intents: the latest replaces
    /// the one kept, so an edit is checked against the budget and deadline of the plan or edit
    /// that last produced this cart, never an earlier one's.
    pub fn insert(&self, stored: StoredCart) -> String {
        let id = stored.cart.id();
        let mut inner = self.lock();
        if inner.by_id.insert(id.clone(), Arc::new(stored)).is_some() {
            // The newest again: forgotten last.
            inner.order.retain(|k| k != &id);
        } else {
            while inner.order.len() >= self.capacity {
                if let Some(old) = inner.order.pop_front() {
                    inner.by_id.remove(&old);
                }
            }
        }
        inner.order.push_back(id.clone());
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
        with_budget(price, 10)
    }

    fn with_budget(price: &str, budget: u32) -> StoredCart {
        let cart = Cart::from_json(&format!(r#"[{{"vendor_id":"amazon","price":"{price}","id":"a"}}]"#)).unwrap();
        let intent = Intent::new("snacks", Amount::whole(budget), 3, Strategy::Balanced).unwrap();
        StoredCart { cart, intent, alternatives: Arc::new(Vec::new()), asked: HashMap::new() }
    }

    #[test]
    fn keeps_the_newest_carts_up_to_capacity() {
        let store = CartStore::new(2);
        let a = store.insert(stored("1"));
        let b = store.insert(stored("2"));
        let c = store.insert(stored("3"));
        assert_eq!(store.len(), 2);
        assert!(store.get(&a).is_none(), "the oldest is forgotten");
        assert!(store.get(&b).is_some() && store.get(&c).is_some());
        assert!(store.get("cart_00000000000000000000000000000000").is_none());
    }

    #[test]
    fn the_latest_plan_of_a_cart_is_the_one_kept() {
        let store = CartStore::new(2);
        let a = store.insert(with_budget("1", 1000));
        let b = store.insert(stored("2"));
        assert_eq!(store.insert(with_budget("1", 40)), a, "same lines, same id");
        assert_eq!(store.get(&a).unwrap().intent.budget(), Amount::whole(40), "the later plan's budget, not the first's");
        assert_eq!(store.len(), 2);
        // Planned again, `a` is the newest: the next cart pushes out `b`.
        let c = store.insert(stored("3"));
        assert!(store.get(&a).is_some() && store.get(&c).is_some() && store.get(&b).is_none());
    }
}
