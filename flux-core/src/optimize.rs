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
//!
//! [`optimize_capped`] adds caps on parties (what each option pays a merchant, or the lines it
//! adds): a partial solution is then its cost, its spend at each capped party and its value, and
//! one dominates another only when it is no worse in all of them. That frontier can grow with
//! the number of capped parties, so at most [`MAX_CAPPED_FRONTIER`] states are kept per need (the
//! most valuable, then the cheapest): exact below that bound, and within the budget and every cap
//! always. With no caps it is [`optimize`], exact.

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

/// Spending caps for [`optimize_capped`]: parties (merchants) whose share of the cart is capped,
/// and what each option pays them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caps {
    /// Each capped party's cap, in base units.
    pub limits: Vec<u64>,
    /// Per need, per option (as the options are given): what it pays capped parties, as
    /// `(index into limits, base units)`. Missing entries pay no capped party.
    pub spend: Vec<Vec<Vec<(usize, u64)>>>,
}

impl Caps {
    /// What option `option` of need `need` pays each capped party, one slot per party.
    fn dense(&self, need: usize, option: usize, out: &mut [u64]) {
        out.fill(0);
        for &(party, units) in self.spend.get(need).and_then(|n| n.get(option)).into_iter().flatten() {
            debug_assert!(party < self.limits.len(), "party {party} has no cap");
            if let Some(slot) = out.get_mut(party) {
                *slot = slot.saturating_add(units);
            }
        }
    }
}

/// Partial solutions kept per stage when parties are capped: the most valuable undominated ones
/// (then the cheapest). The answer is exact whenever no stage has more; past it, still within
/// the budget and every cap.
pub const MAX_CAPPED_FRONTIER: usize = 512;

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
    /// Where its spend per capped party starts in its stage's spend arena.
    spend: u32,
}

/// Whether `a` spends at most what `b` does at every capped party.
fn within(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).all(|(x, y)| x <= y)
}

/// Options of one need not dominated by another option of the same need (one at most as costly,
/// at least as good, paying no capped party more; `spend` holds each option's `dims` slots).
fn undominated(options: &[Choice], spend: &[u64], dims: usize) -> Vec<u32> {
    let of = |i: u32| &spend[i as usize * dims..][..dims];
    let mut idx: Vec<u32> = (0..options.len() as u32).collect();
    // Cheapest first; equal cost: best score first; then index.
    idx.sort_by(|&a, &b| {
        let (x, y) = (&options[a as usize], &options[b as usize]);
        x.cost.cmp(&y.cost).then(y.score.cmp(&x.score)).then(a.cmp(&b))
    });
    let mut keep: Vec<u32> = Vec::new();
    for i in idx {
        let s = options[i as usize].score;
        // Keep only options strictly better in score than every cheaper-or-equal option kept
        // that pays no capped party more.
        let dominated = if dims == 0 {
            // Without caps, the kept scores rise strictly: only the last can dominate.
            keep.last().is_some_and(|&k| options[k as usize].score >= s)
        } else {
            keep.iter().any(|&k| options[k as usize].score >= s && within(of(k), of(i)))
        };
        if !dominated {
            keep.push(i);
        }
    }
    keep.sort_unstable();
    keep
}

/// Chooses at most one option per need, exactly optimal (see the module docs).
pub fn optimize(needs: &[Vec<Choice>], budget: Amount) -> Selection {
    optimize_capped(needs, budget, &Caps::default())
}

/// [`optimize`] with no capped party paid more than its cap. Exact while no stage keeps more than
/// [`MAX_CAPPED_FRONTIER`] partial solutions (always, without caps).
pub fn optimize_capped(needs: &[Vec<Choice>], budget: Amount, caps: &Caps) -> Selection {
    let budget = budget.units();
    let (n, dims) = (needs.len(), caps.limits.len());
    // stages[k] holds the frontier after deciding needs k..n; stages[n] is the empty solution.
    // spends[k] holds its states' spend per capped party, `dims` slots each.
    let mut stages: Vec<Vec<State>> = vec![Vec::new(); n + 1];
    let mut spends: Vec<Vec<u64>> = vec![Vec::new(); n + 1];
    stages[n] = vec![State { cost: 0, value: 0, opt: SKIP, parent: 0, parent_key: 0, spend: 0 }];
    spends[n] = vec![0; dims];
    let mut sum = vec![0u64; dims];
    for k in (0..n).rev() {
        let (prev, prev_spend) = (&stages[k + 1], &spends[k + 1]);
        let mut option_spend = vec![0u64; needs[k].len() * dims];
        if dims > 0 {
            for (i, slots) in option_spend.chunks_exact_mut(dims).enumerate() {
                caps.dense(k, i, slots);
            }
        }
        let options = undominated(&needs[k], &option_spend, dims);
        let mut next: Vec<State> = Vec::with_capacity(prev.len() * (options.len() + 1));
        let mut next_spend: Vec<u64> = Vec::new();
        for (pi, p) in prev.iter().enumerate() {
            let parent_spend = &prev_spend[p.spend as usize..][..dims];
            // The previous frontier is stored in key order, so its index is its key rank.
            let parent_key = pi as u32;
            next.push(State { cost: p.cost, value: p.value, opt: SKIP, parent: pi as u32, parent_key, spend: next_spend.len() as u32 });
            next_spend.extend_from_slice(parent_spend);
            for &oi in &options {
                let c = &needs[k][oi as usize];
                let cost = p.cost.saturating_add(c.cost);
                if cost > budget {
                    continue;
                }
                for ((s, p), o) in sum.iter_mut().zip(parent_spend).zip(&option_spend[oi as usize * dims..][..dims]) {
                    *s = p.saturating_add(*o);
                }
                if !within(&sum, &caps.limits) {
                    continue;
                }
                next.push(State {
                    cost,
                    value: p.value + value(c),
                    opt: oi,
                    parent: pi as u32,
                    parent_key,
                    spend: next_spend.len() as u32,
                });
                next_spend.extend_from_slice(&sum);
            }
        }
        // Keep what nothing kept dominates. Without caps: cheapest first, then most valuable, then
        // smallest key, and the kept values rise strictly, so only the last kept can dominate.
        // With caps: most valuable first, then cheapest, then smallest key, each compared with
        // every one kept, up to the bound.
        if dims == 0 {
            next.sort_unstable_by(|a, b| {
                a.cost.cmp(&b.cost).then(b.value.cmp(&a.value)).then(a.opt.cmp(&b.opt)).then(a.parent_key.cmp(&b.parent_key))
            });
        } else {
            next.sort_unstable_by(|a, b| {
                b.value.cmp(&a.value).then(a.cost.cmp(&b.cost)).then(a.opt.cmp(&b.opt)).then(a.parent_key.cmp(&b.parent_key))
            });
        }
        let mut frontier: Vec<State> = Vec::with_capacity(next.len().min(4096));
        let mut frontier_spend: Vec<u64> = Vec::new();
        for mut s in next {
            let spend = &next_spend[s.spend as usize..][..dims];
            let dominated = if dims == 0 {
                frontier.last().is_some_and(|l| l.value >= s.value)
            } else if frontier.len() == MAX_CAPPED_FRONTIER {
                break;
            } else {
                frontier.iter().any(|f| f.cost <= s.cost && within(&frontier_spend[f.spend as usize..][..dims], spend))
            };
            if !dominated {
                s.spend = frontier_spend.len() as u32;
                frontier_spend.extend_from_slice(spend);
                frontier.push(s);
            }
        }
        // Store in key order so the next stage can use positions as key ranks.
        frontier.sort_unstable_by(|a, b| a.opt.cmp(&b.opt).then(a.parent_key.cmp(&b.parent_key)));
        stages[k] = frontier;
        spends[k] = frontier_spend;
    }
    // Highest value wins, then the cheapest, then the smallest key (without caps, the first two
    // already make it unique).
    let Some((best_idx, best)) = stages[0].iter().enumerate().min_by(|(_, a), (_, b)| b.value.cmp(&a.value).then(a.cost.cmp(&b.cost)))
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
    optimize_capped_brute_force(needs, budget, &Caps::default())
}

/// [`optimize_capped`] by brute force, for tests.
#[doc(hidden)]
pub fn optimize_capped_brute_force(needs: &[Vec<Choice>], budget: Amount, caps: &Caps) -> Selection {
    struct Walk<'a> {
        needs: &'a [Vec<Choice>],
        caps: &'a Caps,
        budget: u64,
        picks: Vec<Option<usize>>,
        best: Option<(u64, u64, Vec<Option<usize>>)>,
    }
    fn walk(w: &mut Walk<'_>, k: usize, cost: u64, val: u64, spend: &[u64]) {
        if k == w.needs.len() {
            let key = |p: &Vec<Option<usize>>| p.iter().map(|o| o.map_or(u64::MAX, |i| i as u64)).collect::<Vec<_>>();
            let better = match &w.best {
                None => true,
                Some((bv, bc, bp)) => val > *bv || (val == *bv && (cost < *bc || (cost == *bc && key(&w.picks) < key(bp)))),
            };
            if better {
                w.best = Some((val, cost, w.picks.clone()));
            }
            return;
        }
        w.picks.push(None);
        walk(w, k + 1, cost, val, spend);
        w.picks.pop();
        let mut option = vec![0; spend.len()];
        for (i, c) in w.needs[k].iter().enumerate() {
            w.caps.dense(k, i, &mut option);
            let after: Vec<u64> = spend.iter().zip(&option).map(|(s, o)| s.saturating_add(*o)).collect();
            let nc = cost.saturating_add(c.cost);
            if nc <= w.budget && within(&after, &w.caps.limits) {
                w.picks.push(Some(i));
                walk(w, k + 1, nc, val + value(c), &after);
                w.picks.pop();
            }
        }
    }
    let mut w = Walk { needs, caps, budget: budget.units(), picks: Vec::new(), best: None };
    walk(&mut w, 0, 0, 0, &vec![0; caps.limits.len()]);
    let (val, cost, picks) = w.best.unwrap_or((0, 0, vec![None; needs.len()]));
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

    #[test]
    fn a_capped_party_gets_no_more_than_its_cap() {
        // The best two options both pay party 0 (cap 100): together they would pay it 120.
        let needs = vec![vec![c(60, 1000), c(70, 600)], vec![c(60, 1000), c(75, 500)]];
        let spend = vec![vec![vec![(0, 60)], vec![]], vec![vec![(0, 60)], vec![]]];
        let caps = Caps { limits: vec![100], spend };
        let budget = Amount::from_units(1_000).unwrap();
        assert_eq!(optimize(&needs, budget).picks, vec![Some(0), Some(0)]);
        let s = optimize_capped(&needs, budget, &caps);
        // Meeting both needs still comes first, then the higher score: party 0 keeps the need its
        // option scores best for (1000 + 600 beats 1000 + 500).
        assert_eq!((s.picks, s.met, s.score, s.cost), (vec![Some(1), Some(0)], 2, 1600, 130));
        // A cap nothing reaches changes nothing.
        let loose = Caps { limits: vec![120], ..caps };
        assert_eq!(optimize_capped(&needs, budget, &loose), optimize(&needs, budget));
    }

    #[test]
    fn a_large_capped_plan_stays_within_every_cap() {
        // 50 needs of 8 options over 4 parties, each capped below a fair share: the frontier
        // reaches MAX_CAPPED_FRONTIER states (several stages do), and whatever it keeps pays no
        // party more than its cap and still meets most needs.
        let (mut needs, mut spend) = (Vec::new(), Vec::new());
        for k in 0..50u64 {
            let options: Vec<(Choice, usize)> =
                (0..8u64).map(|i| (c(10 + (k * 7 + i * 13) % 40, ((k * 31 + i * 17) % 11 * 100) as u32), (i % 4) as usize)).collect();
            spend.push(options.iter().map(|(c, p)| vec![(*p, c.cost)]).collect());
            needs.push(options.into_iter().map(|(c, _)| c).collect::<Vec<_>>());
        }
        let caps = Caps { limits: vec![300, 250, 200, 150], spend };
        let s = optimize_capped(&needs, Amount::from_units(1_200).unwrap(), &caps);
        let mut paid = [0u64; 4];
        for (k, pick) in s.picks.iter().enumerate() {
            if let Some(i) = pick {
                let (party, cost) = caps.spend[k][*i][0];
                paid[party] += cost;
            }
        }
        assert!(paid.iter().zip(&caps.limits).all(|(p, l)| p <= l), "{paid:?}");
        assert!(s.cost <= 1_200 && s.met >= 30, "{s:?}");
    }

    /// Needs, a budget, and caps on two parties: each option pays one party, both (a split) or none.
    fn capped_instance() -> impl Strategy<Value = (Vec<Vec<Choice>>, u64, Caps)> {
        let payee = prop_oneof![Just(vec![]), Just(vec![0]), Just(vec![1]), Just(vec![0, 1])];
        let option = ((1u64..60, 0u32..=1000).prop_map(|(cost, score)| Choice { cost, score: score / 100 * 100 }), payee);
        (prop::collection::vec(prop::collection::vec(option, 0..5), 0..5), 0u64..200, (0u64..120, 0u64..120)).prop_map(
            |(needs, budget, (a, b))| {
                let spend = needs
                    .iter()
                    .map(|n| {
                        n.iter().map(|(c, to): &(Choice, Vec<usize>)| to.iter().map(|p| (*p, c.cost / to.len() as u64)).collect()).collect()
                    })
                    .collect();
                let needs = needs.into_iter().map(|n| n.into_iter().map(|(c, _)| c).collect()).collect();
                (needs, budget, Caps { limits: vec![a, b], spend })
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn matches_brute_force((needs, budget) in instance()) {
            let budget = Amount::from_units(budget).unwrap();
            prop_assert_eq!(optimize(&needs, budget), optimize_brute_force(&needs, budget));
        }

        #[test]
        fn capped_matches_brute_force((needs, budget, caps) in capped_instance()) {
            let budget = Amount::from_units(budget).unwrap();
            prop_assert_eq!(optimize_capped(&needs, budget, &caps), optimize_capped_brute_force(&needs, budget, &caps));
        }
    }
}
