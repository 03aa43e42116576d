//! The exact cart optimizer: a multiple-choice knapsack solved by dynamic programming over Pareto
//! frontiers of (cost, value).
//!
//! Each need takes at most one of its eligible options. The objective, in order: meet as many
//! needs as possible, then maximize the sum of scores, then minimize the total cost, then prefer
//! the lexicographically smallest choice (by need order, then rank) — so the answer is unique and
//! the same on every host. Total cost never exceeds the budget.
//!
//! Needs are processed last to first; after each, only non-dominated partial solutions survive
//! (no other is at most as costly and at least as valuable). Ties in both keep the smaller choice
//! key, which is a total order carried as a rank from the previous stage. Options dominated within
//! their own need are removed first; none of these prunings can remove the optimum.

use crate::money::Amount;

/// One option of a need for the optimizer: its cost and its score (0..=1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// Cost in base units.
    pub cost: u64,
    /// Score, 0..=1000.
    pub score: u32,
}

/// The optimizer's answer: per need, the index of the chosen option (in the order given) or
/// `None`, and the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Chosen option index per need.
    pub picks: Vec<Option<usize>>,
    /// Total cost.
    pub cost: u64,
    /// Needs met.
    pub met: usize,
    /// Sum of the chosen options' scores.
    pub score: u64,
}

/// Value of meeting a need: dominates any sum of scores (at most 1000 per need).
const MET: u64 = 1 << 32;
const SKIP: u32 = u32::MAX;

fn value(c: &Choice) -> u64 {
    MET + u64::from(c.score)
}

#[derive(Clone, Copy)]
struct State {
    cost: u64,
    value: u64,
    /// Option taken at this stage (`SKIP` for none): the first element of the choice key.
    opt: u32,
    /// Index into the previous stage's states.
    parent: u32,
    /// Rank of the previous state's key among its stage: the rest of the choice key.
    parent_key: u32,
}

/// Options of one need not dominated by another option of the same need.
fn undominated(options: &[Choice]) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..options.len() as u32).collect();
    // Cheapest first; equal cost: best score first; then index.
    idx.sort_by(|&a, &b| {
        let (x, y) = (&options[a as usize], &options[b as usize]);
        x.cost.cmp(&y.cost).then(y.score.cmp(&x.score)).then(a.cmp(&b))
    });
    let mut keep = Vec::new();
    let mut best_score: Option<u32> = None;
    for i in idx {
        let s = options[i as usize].score;
        // Keep only options strictly better in score than every cheaper-or-equal option kept.
        if best_score.is_none_or(|b| s > b) {
            keep.push(i);
            best_score = Some(s);
        }
    }
    keep.sort_unstable();
    keep
}

/// Chooses at most one option per need, exactly optimal (see the module docs).
pub fn optimize(needs: &[Vec<Choice>], budget: Amount) -> Selection {
    let budget = budget.units();
    let n = needs.len();
    // stages[k] holds the frontier after deciding needs k..n; stages[n] is the empty solution.
    let mut stages: Vec<Vec<State>> = vec![Vec::new(); n + 1];
    stages[n] = vec![State { cost: 0, value: 0, opt: SKIP, parent: 0, parent_key: 0 }];
    for k in (0..n).rev() {
        let prev = &stages[k + 1];
        let options = undominated(&needs[k]);
        let mut next: Vec<State> = Vec::with_capacity(prev.len() * (options.len() + 1));
        for (pi, p) in prev.iter().enumerate() {
            // The previous frontier is stored in key order, so its index is its key rank.
            let parent_key = pi as u32;
            next.push(State { cost: p.cost, value: p.value, opt: SKIP, parent: pi as u32, parent_key });
            for &oi in &options {
                let c = &needs[k][oi as usize];
                let cost = p.cost.saturating_add(c.cost);
                if cost <= budget {
                    next.push(State { cost, value: p.value + value(c), opt: oi, parent: pi as u32, parent_key });
                }
            }
        }
        // Cheapest first, then most valuable, then smallest key; keep strictly improving value.
        next.sort_unstable_by(|a, b| {
            a.cost.cmp(&b.cost).then(b.value.cmp(&a.value)).then(a.opt.cmp(&b.opt)).then(a.parent_key.cmp(&b.parent_key))
        });
        let mut frontier: Vec<State> = Vec::with_capacity(next.len().min(4096));
        for s in next {
            if frontier.last().is_none_or(|l: &State| s.value > l.value) {
                frontier.push(s);
            }
        }
        // Store in key order so the next stage can use positions as key ranks.
        frontier.sort_unstable_by(|a, b| a.opt.cmp(&b.opt).then(a.parent_key.cmp(&b.parent_key)));
        stages[k] = frontier;
    }
    // Highest value wins; on the frontier it is unique and also the cheapest such.
    let Some((best_idx, best)) = stages[0].iter().enumerate().max_by(|(_, a), (_, b)| a.value.cmp(&b.value).then(b.cost.cmp(&a.cost)))
    else {
        return Selection { picks: vec![None; n], cost: 0, met: 0, score: 0 };
    };
    let mut picks = Vec::with_capacity(n);
    let mut idx = best_idx;
    for stage in stages.iter().take(n) {
        let s = &stage[idx];
        picks.push((s.opt != SKIP).then_some(s.opt as usize));
        idx = s.parent as usize;
    }
    Selection { picks, cost: best.cost, met: (best.value / MET) as usize, score: best.value % MET }
}

/// Brute force over every combination, for tests: the same objective and tie-breaks.
#[doc(hidden)]
pub fn optimize_brute_force(needs: &[Vec<Choice>], budget: Amount) -> Selection {
    fn walk(
        needs: &[Vec<Choice>],
        k: usize,
        budget: u64,
        cur: &mut Vec<Option<usize>>,
        cost: u64,
        val: u64,
        best: &mut Option<(u64, u64, Vec<Option<usize>>)>,
    ) {
        if k == needs.len() {
            let key = |p: &Vec<Option<usize>>| p.iter().map(|o| o.map_or(u64::MAX, |i| i as u64)).collect::<Vec<_>>();
            let better = match best {
                None => true,
                Some((bv, bc, bp)) => val > *bv || (val == *bv && (cost < *bc || (cost == *bc && key(cur) < key(bp)))),
            };
            if better {
                *best = Some((val, cost, cur.clone()));
            }
            return;
        }
        cur.push(None);
        walk(needs, k + 1, budget, cur, cost, val, best);
        cur.pop();
        for (i, c) in needs[k].iter().enumerate() {
            let nc = cost.saturating_add(c.cost);
            if nc <= budget {
                cur.push(Some(i));
                walk(needs, k + 1, budget, cur, nc, val + value(c), best);
                cur.pop();
            }
        }
    }
    let mut best = None;
    walk(needs, 0, budget.units(), &mut Vec::new(), 0, 0, &mut best);
    let (val, cost, picks) = best.unwrap_or((0, 0, vec![None; needs.len()]));
    Selection { picks, cost, met: (val / MET) as usize, score: val % MET }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(cost: u64, score: u32) -> Choice {
        Choice { cost, score }
    }

    #[test]
    fn beats_greedy() {
        // Greedy (best score first) takes A0 for 90 and cannot afford B; optimal meets both.
        let needs = vec![vec![c(90, 1000), c(40, 700)], vec![c(50, 800), c(60, 900)]];
        let s = optimize(&needs, Amount::from_units(100).unwrap());
        assert_eq!(s.picks, vec![Some(1), Some(1)]);
        assert_eq!((s.met, s.score, s.cost), (2, 1600, 100));
    }

    #[test]
    fn skips_what_does_not_fit() {
        let needs = vec![vec![c(500, 1000)], vec![c(50, 100)]];
        let s = optimize(&needs, Amount::from_units(100).unwrap());
        assert_eq!(s.picks, vec![None, Some(0)]);
    }

    #[test]
    fn empty_input() {
        let s = optimize(&[], Amount::whole(1));
        assert!(s.picks.is_empty());
        assert_eq!(s.met, 0);
    }

    fn instance() -> impl Strategy<Value = (Vec<Vec<Choice>>, u64)> {
        let choice = (1u64..60, 0u32..=1000).prop_map(|(cost, score)| Choice { cost, score: score / 100 * 100 });
        (prop::collection::vec(prop::collection::vec(choice, 0..5), 0..5), 0u64..200)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn matches_brute_force((needs, budget) in instance()) {
            let budget = Amount::from_units(budget).unwrap();
            prop_assert_eq!(optimize(&needs, budget), optimize_brute_force(&needs, budget));
        }
    }
}
