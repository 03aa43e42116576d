//! Quantities the kernel estimated — a category's default ("coffee for the office"), or a rate
//! per person ("snacks for 40 people": three each) — are not counts the user said. One the plan
//! leaves out because no offer of it fits the budget is bought, once the rest of the cart is
//! placed, in as large a quantity as the rest of the budget (and the policy's caps) allows, and
//! the remainder is unmet as `over_budget`: "coffee for the office" at 50 USDC is one pack of 12
//! and "36 coffee (over budget)", not an empty cart. The quantity is found by bisection, as if
//! fewer units never cost more (a volume discount can make a few more fit: the cut is then
//! within the budget, perhaps not the largest). A count the user said is never cut.

use std::collections::HashMap;

use super::caps::{Planned, Spending};
use super::put;
use crate::cart::CartLine;
use crate::catalog::CatalogData;
use crate::error::FluxError;
use crate::intent::{Need, Strategy};
use crate::money::Amount;
use crate::rank::{score_need, Payees, RankLimits};

/// What a plan is made with, for buying what fits of an estimate.
pub(super) struct Plan<'a> {
    pub(super) catalog: &'a CatalogData,
    pub(super) strategy: Strategy,
    pub(super) limits: RankLimits,
    pub(super) payees: Option<&'a dyn Payees>,
    pub(super) spending: &'a Spending<'a>,
}

impl Plan<'_> {
    /// Buys as much of the estimated `need` as what is left of the budget allows, as the best
    /// option for that quantity that keeps the cart within the budget and the caps; returns the
    /// units of the need it covers (0 when none fits).
    pub(super) fn buy_what_fits(
        &self,
        need: &Need,
        lines: &mut Vec<CartLine>,
        asked: &mut HashMap<String, u32>,
        planned: &mut Planned,
    ) -> Result<u32, FluxError> {
        // What the placed lines cost may pass what was planned (a need that joined another's line).
        let budget = self.spending.budget();
        let left = budget.saturating_sub(planned.cost().max(total(lines)));
        let limits = RankLimits { budget: left, ..self.limits };
        let score = |quantity: u32| score_need(self.catalog, &Need { quantity, ..need.clone() }, self.strategy, limits, self.payees);
        // The largest quantity a single offer serves within what is left: fewer units never cost
        // more, so the answer is monotone.
        let (mut lo, mut hi) = (0u32, need.quantity.saturating_sub(1));
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if score(mid).len() > 0 {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo == 0 {
            return Ok(0);
        }
        let cut = Need { quantity: lo, ..need.clone() };
        let scored = score(lo);
        for i in 0..scored.len() {
            let Some(option) = scored.option(i) else { continue };
            let new_line = !lines.iter().any(|l| l.id == option.offer_id);
            // Placed on copies, kept only when the whole cart stays within the budget and caps.
            let mut tried_plan = planned.clone();
            if !self.spending.add(&mut tried_plan, (&option.vendor_id, option.line_total), new_line) {
                continue;
            }
            let (mut tried, mut tried_asked) = (lines.clone(), asked.clone());
            if put(self.catalog, &mut tried, &mut tried_asked, CartLine::from_option(&option, &cut), &cut)?
                && total(&tried) <= budget
                && self.spending.allows(&tried)
            {
                (*lines, *asked, *planned) = (tried, tried_asked, tried_plan);
                return Ok(option.units.min(need.quantity));
            }
        }
        Ok(0)
    }
}

/// What `lines` cost together.
fn total(lines: &[CartLine]) -> Amount {
    lines.iter().fold(Amount::ZERO, |sum, l| sum.checked_add(l.line_total).unwrap_or(Amount::MAX))
}
