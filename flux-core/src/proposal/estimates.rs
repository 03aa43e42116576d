//! Quantities the kernel estimated — a category's default ("coffee for the office"), or a rate
//! per person ("snacks for 40 people": three each) — are not counts the user said. One the plan
//! leaves out because no offer of it fits the budget is bought in the largest quantity the rest
//! of the budget (and the policy's caps) allows, once the rest of the cart is placed, and the
//! remainder is unmet as `over_budget`: "coffee for the office" at 50 USDC is one pack of 12 and
//! "36 coffee (over budget)", not an empty cart. A count the user said is never cut.

use std::collections::HashMap;

use super::caps::{Planned, Spending};
use super::put;
use crate::cart::CartLine;
use crate::catalog::CatalogData;
use crate::error::FluxError;
use crate::intent::{Need, Strategy};
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
    /// Buys the most of the estimated `need` that what is left of the budget allows, as the best
    /// option for that quantity that keeps the cart within the caps; returns the units bought
    /// (0 when none fits).
    pub(super) fn buy_what_fits(
        &self,
        need: &Need,
        lines: &mut Vec<CartLine>,
        asked: &mut HashMap<String, u32>,
        planned: &mut Planned,
    ) -> Result<u32, FluxError> {
        let left = self.spending.budget().saturating_sub(planned.cost());
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
            if !self.spending.add(planned, (&option.vendor_id, option.line_total), new_line) {
                continue;
            }
            if put(self.catalog, lines, asked, CartLine::from_option(&option, &cut), &cut)? {
                return Ok(lo);
            }
            self.spending.take_back(planned, (&option.vendor_id, option.line_total), new_line);
        }
        Ok(0)
    }
}
