//! What the policy lets one cart pay, in total and to each merchant, as limits of the plan: a
//! proposed cart is one the policy's caps allow. Rolling windows, which depend on what was spent
//! when the cart is paid, are left to the decision at payment.

use std::collections::BTreeMap;

use crate::cart::CartLine;
use crate::catalog::Offer;
use crate::money::Amount;
use crate::optimize::{optimize, optimize_capped, Caps, Choice, Selection};
use crate::policy::Policy;
use crate::rank::{Payees, ScoredNeed};

impl Payees for Policy {
    fn pays(&self, merchant: &str) -> bool {
        Policy::pays(self, merchant)
    }
    fn cap_for(&self, merchant: &str) -> Amount {
        Policy::cap_for(self, merchant)
    }
    fn cart_cap(&self) -> Amount {
        self.rules().max_budget_cap
    }
}

/// The limits a plan is made within: the intent's budget and, under a policy, its caps.
pub(super) struct Spending<'a> {
    policy: Option<&'a Policy>,
    budget: Amount,
}

impl<'a> Spending<'a> {
    pub(super) fn new(policy: Option<&'a Policy>, budget: Amount) -> Self {
        Spending { policy, budget }
    }

    /// The most the cart may cost: the intent's budget, within the policy's cart cap.
    pub(super) fn budget(&self) -> Amount {
        self.policy.map_or(self.budget, |p| self.budget.min(p.rules().max_budget_cap))
    }

    /// Whether `lines` pay no merchant more than the policy lets one cart pay it.
    pub(super) fn allows<'l>(&self, lines: impl IntoIterator<Item = &'l CartLine>) -> bool {
        let Some(policy) = self.policy else { return true };
        let mut paid: BTreeMap<&str, Amount> = BTreeMap::new();
        for line in lines {
            let to = paid.entry(line.vendor_id.as_str()).or_default();
            match to.checked_add(line.line_total) {
                Ok(sum) => *to = sum,
                Err(_) => return false,
            }
        }
        paid.iter().all(|(m, amount)| *amount <= policy.cap_for(m))
    }

    /// Whether a pick that pays `from` (merchant, amount) may pay `to` instead, taking a line of
    /// its own when `new_line`: the whole planned cart then stays within the budget and every
    /// cap. If so, it is planned so.
    pub(super) fn switch(&self, planned: &mut Planned, from: (&str, Amount), to: (&str, Amount), new_line: bool) -> bool {
        let Some(cost) = planned.cost.saturating_sub(from.1).checked_add(to.1).ok().filter(|c| *c <= self.budget()) else { return false };
        let mut paid = planned.paid.clone();
        if let Some(was) = paid.get_mut(from.0) {
            *was = was.saturating_sub(from.1);
        }
        let now = paid.entry(to.0.to_owned()).or_default();
        let Ok(sum) = now.checked_add(to.1) else { return false };
        *now = sum;
        let lines = planned.lines + u64::from(new_line);
        if self.policy.is_some_and(|p| sum > p.cap_for(to.0) || lines > u64::from(p.rules().max_lines)) {
            return false;
        }
        *planned = Planned { cost, paid, lines };
        true
    }

    /// Whether a line paying `to` (merchant, amount), a line of its own when `new_line`, may join
    /// the planned cart within the budget and every cap. If so, it is planned so.
    pub(super) fn add(&self, planned: &mut Planned, to: (&str, Amount), new_line: bool) -> bool {
        self.switch(planned, ("", Amount::ZERO), to, new_line)
    }

    /// The optimizer's choice for `scored`, and per need whether the policy's caps cost it its
    /// place. Exact under the budget alone; when that cart would break a cap (the cart's, what a
    /// merchant may be paid, the most lines), solved again within the cart cap with each merchant
    /// over its cap capped, and the lines counted when there are too many, until none is broken.
    /// Also what the choice will pay once every pick is placed ([`Planned`]).
    pub(super) fn select(&self, scored: &[ScoredNeed]) -> (Selection, Vec<bool>, Planned) {
        let choices: Vec<Vec<Choice>> = scored.iter().map(|s| s.choices()).collect();
        let free = optimize(&choices, self.budget);
        let Some(policy) = self.policy else {
            // Without a policy only the cost is held to: no share or line count is looked at.
            let planned = Planned { cost: amount(free.cost), paid: BTreeMap::new(), lines: 0 };
            let kept = vec![false; free.picks.len()];
            return (free, kept, planned);
        };
        let (cap, max_lines) = (self.budget(), u64::from(policy.rules().max_lines));
        // Capped merchants by id; `None` stands for the cart's line count.
        let mut capped: Vec<Option<&str>> = Vec::new();
        let mut selection = free.clone();
        let (paid, lines) = loop {
            let (paid, lines) = paid(scored, &selection);
            // A capped merchant stays within its cap; the first other one over it is capped next.
            let over = paid
                .iter()
                .find(|(m, units)| !capped.contains(&Some(**m)) && Amount::from_units(**units).map_or(true, |a| a > policy.cap_for(m)));
            let next = match over {
                Some((m, _)) => Some(Some(*m)),
                None if lines > max_lines && !capped.contains(&None) => Some(None),
                None if selection.cost > cap.units() => None,
                None => break (paid, lines),
            };
            capped.extend(next);
            let spend =
                scored.iter().zip(&choices).map(|(s, options)| (0..options.len()).map(|i| spend_of(s, i, &capped)).collect()).collect();
            let limits = capped.iter().map(|c| c.map_or(max_lines, |m| policy.cap_for(m).units())).collect();
            // Within the cart cap, whatever broke: after this round it holds.
            selection = optimize_capped(&choices, cap, &Caps { limits, spend });
        };
        let lost = free.picks.iter().zip(&selection.picks).map(|(f, s)| f.is_some() && s.is_none()).collect();
        let paid = paid.into_iter().map(|(m, units)| (m.to_owned(), amount(units))).collect();
        let planned = Planned { cost: amount(selection.cost), paid, lines };
        (selection, lost, planned)
    }
}

/// What the cart being placed will pay once every pick is in ([`Spending::select`]): a need
/// whose pick cannot be placed takes another option only when the whole cart then keeps within
/// the budget and the caps, not just the lines placed so far.
#[derive(Clone)]
pub(super) struct Planned {
    cost: Amount,
    paid: BTreeMap<String, Amount>,
    lines: u64,
}

impl Planned {
    /// What the planned cart costs.
    pub(super) fn cost(&self) -> Amount {
        self.cost
    }
}

/// What option `i` of `s` adds to each of `capped`: its share to a merchant, or for `None` the
/// lines it adds (one per offer; two needs of one offer share a line in the cart, so this counts
/// high, never low).
fn spend_of(s: &ScoredNeed, i: usize, capped: &[Option<&str>]) -> Vec<(usize, u64)> {
    let added: Vec<(&Offer, u64)> = s.lines_of(i).collect();
    let paid_to = |m: &str| added.iter().filter(|(o, _)| o.vendor_id == m).map(|(_, units)| *units).fold(0u64, u64::saturating_add);
    capped.iter().enumerate().map(|(slot, c)| (slot, c.map_or(added.len() as u64, paid_to))).collect()
}

/// What `selection` pays each merchant, in base units (a sum that overflows is as much as can
/// be), and how many lines it makes (one per offer).
fn paid<'s>(scored: &'s [ScoredNeed], selection: &Selection) -> (BTreeMap<&'s str, u64>, u64) {
    let mut paid: BTreeMap<&str, u64> = BTreeMap::new();
    let mut offers: Vec<&str> = Vec::new();
    for (s, pick) in scored.iter().zip(&selection.picks) {
        for (offer, units) in pick.iter().flat_map(|i| s.lines_of(*i)) {
            let to = paid.entry(offer.vendor_id.as_str()).or_default();
            *to = to.saturating_add(units);
            if !offers.contains(&offer.id.as_str()) {
                offers.push(offer.id.as_str());
            }
        }
    }
    (paid, offers.len() as u64)
}

/// Base units as an amount (as much as can be, past the largest).
fn amount(units: u64) -> Amount {
    Amount::from_units(units).unwrap_or(Amount::MAX)
}
