//! Spend by time with running sums, so any rolling window's total is found in O(log n) however
//! long the history: entries are kept in time order (a time earlier than the last is raised to
//! it — a skewed clock can only make a payment count longer), each with the running total after
//! it, overall and per merchant. A released reservation stays in place and is subtracted from
//! the windows it falls in (releases are rare: nothing was paid).

use std::collections::HashMap;

use crate::money::Amount;
use crate::policy::WindowLimit;

/// Running sums by time: entry times and the total after each entry.
#[derive(Debug, Default, Clone)]
struct Series {
    at: Vec<u64>,
    cum: Vec<u64>,
}

impl Series {
    fn push(&mut self, at: u64, amount: u64) {
        let last = self.cum.last().copied().unwrap_or(0);
        self.at.push(at);
        self.cum.push(last.saturating_add(amount));
    }

    /// Sum of the entries dated after `since`.
    fn after(&self, since: u64) -> u64 {
        let last = self.cum.last().copied().unwrap_or(0);
        // Entries dated at or before `since` form a prefix (times never decrease).
        let prefix = self.at.partition_point(|t| *t <= since);
        let before = if prefix == 0 { 0 } else { self.cum[prefix - 1] };
        last - before
    }
}

/// One released reservation: subtracted from the windows it falls in.
#[derive(Debug, Clone)]
struct Released {
    at: u64,
    merchant: String,
    amount: u64,
}

/// An index of spend for rolling windows (what [`MemoryLedger`](super::MemoryLedger) keeps).
#[derive(Debug, Default, Clone)]
pub struct WindowIndex {
    all: Series,
    merchants: HashMap<String, Series>,
    /// Entry positions by key: (time, merchant, amount, released).
    by_key: HashMap<String, Vec<(u64, String, u64, bool)>>,
    released: Vec<Released>,
}

impl WindowIndex {
    /// An empty index.
    pub fn new() -> WindowIndex {
        WindowIndex::default()
    }

    /// The time the next entry gets: `now`, or the last entry's time if that is later.
    pub fn next_time(&self, now: u64) -> u64 {
        now.max(self.all.at.last().copied().unwrap_or(0))
    }

    /// Adds spend under `key`; returns the time recorded.
    pub fn add(&mut self, now: u64, merchant: &str, amount: Amount, key: &str) -> u64 {
        let at = self.next_time(now);
        self.all.push(at, amount.units());
        self.merchants.entry(merchant.to_owned()).or_default().push(at, amount.units());
        self.by_key.entry(key.to_owned()).or_default().push((at, merchant.to_owned(), amount.units(), false));
        at
    }

    /// Releases every unreleased entry of `key`.
    pub fn release(&mut self, key: &str) {
        self.release_where(key, |_| true);
    }

    /// Releases the unreleased entries of `key` for `merchant`.
    pub fn release_merchant(&mut self, key: &str, merchant: &str) {
        self.release_where(key, |m| m == merchant);
    }

    fn release_where(&mut self, key: &str, which: impl Fn(&str) -> bool) {
        let Some(entries) = self.by_key.get_mut(key) else { return };
        for (at, merchant, amount, released) in entries.iter_mut().filter(|e| !e.3 && which(&e.1)) {
            *released = true;
            let pos = self.released.partition_point(|r| r.at <= *at);
            self.released.insert(pos, Released { at: *at, merchant: merchant.clone(), amount: *amount });
        }
    }

    /// What counts against `window` at `now`; with `except`, that key's own unreleased entries
    /// do not count (a resumed attempt is checked without its own reservation).
    pub fn spent(&self, window: &WindowLimit, now: u64, except: Option<&str>) -> Amount {
        let since = now.saturating_sub(window.seconds);
        let matches = |m: &str| window.merchant.as_deref().is_none_or(|w| w == m);
        let gross = match &window.merchant {
            None => self.all.after(since),
            Some(m) => self.merchants.get(m).map_or(0, |s| s.after(since)),
        };
        let start = self.released.partition_point(|r| r.at <= since);
        let released: u64 = self.released[start..].iter().filter(|r| matches(&r.merchant)).map(|r| r.amount).sum();
        let own: u64 = except
            .and_then(|k| self.by_key.get(k))
            .map(|entries| entries.iter().filter(|(at, m, _, rel)| !rel && *at > since && matches(m)).map(|e| e.2).sum())
            .unwrap_or(0);
        let net = gross.saturating_sub(released).saturating_sub(own);
        Amount::from_units(net).unwrap_or(Amount::MAX)
    }

    /// Entries recorded (released ones included).
    pub fn len(&self) -> usize {
        self.all.at.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.all.at.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(merchant: Option<&str>) -> WindowLimit {
        WindowLimit { seconds: 86_400, limit: Amount::whole(1_000), merchant: merchant.map(str::to_owned) }
    }

    #[test]
    fn windows_count_what_falls_in_them() {
        let mut ix = WindowIndex::new();
        ix.add(1_000, "amazon", Amount::whole(100), "a");
        ix.add(50_000, "walmart", Amount::whole(200), "b");
        ix.add(90_000, "amazon", Amount::whole(300), "c");
        // At 100,000 the day starts at 13,600: b and c count.
        assert_eq!(ix.spent(&day(None), 100_000, None), Amount::whole(500));
        assert_eq!(ix.spent(&day(Some("amazon")), 100_000, None), Amount::whole(300));
        assert_eq!(ix.spent(&day(Some("target")), 100_000, None), Amount::ZERO);
        // A released reservation stops counting; the key's own entries can be left out.
        ix.release("c");
        assert_eq!(ix.spent(&day(None), 100_000, None), Amount::whole(200));
        assert_eq!(ix.spent(&day(None), 100_000, Some("b")), Amount::ZERO);
        ix.release("c");
        assert_eq!(ix.spent(&day(None), 100_000, None), Amount::whole(200));
    }

    #[test]
    fn a_clock_that_goes_back_cannot_shorten_a_window() {
        let mut ix = WindowIndex::new();
        assert_eq!(ix.add(10_000, "amazon", Amount::whole(1), "a"), 10_000);
        // Another host's clock is behind: its entry is dated at the latest time seen.
        assert_eq!(ix.add(9_000, "amazon", Amount::whole(1), "b"), 10_000);
        assert_eq!(ix.spent(&day(None), 10_000 + 86_399, None), Amount::whole(2));
        assert_eq!(ix.spent(&day(None), 10_000 + 86_400, None), Amount::ZERO);
    }

    #[test]
    fn agrees_with_a_scan_over_random_histories() {
        // A deterministic pseudo-random walk: times, merchants, amounts, releases.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let merchants = ["amazon", "walmart", "tech_direct"];
        let mut ix = WindowIndex::new();
        let mut log: Vec<(u64, &str, u64, String, bool)> = Vec::new();
        let mut now = 0u64;
        for i in 0..2_000 {
            now += next() % 5_000;
            let m = merchants[(next() % 3) as usize];
            let amount = next() % 1_000_000_000;
            let key = format!("k{}", i / 2);
            let at = ix.add(now, m, Amount::from_units(amount).unwrap_or(Amount::ZERO), &key);
            log.push((at, m, amount, key.clone(), false));
            if next() % 7 == 0 {
                ix.release(&key);
                log.iter_mut().filter(|e| e.3 == key).for_each(|e| e.4 = true);
            }
            let w = WindowLimit { seconds: next() % 200_000, limit: Amount::ZERO, merchant: (next() % 2 == 0).then(|| m.to_owned()) };
            let since = now.saturating_sub(w.seconds);
            let scan: u64 = log.iter().filter(|e| !e.4 && e.0 > since && w.merchant.as_deref().is_none_or(|x| x == e.1)).map(|e| e.2).sum();
            assert_eq!(ix.spent(&w, now, None).units(), scan, "step {i}");
        }
    }
}
