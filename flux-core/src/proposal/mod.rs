//! From a plan and a catalog to one optimal cart with ranked alternatives: the pure middle of
//! the flow (rank → negotiate → optimize), within the intent's budget and the policy's caps.

mod caps;
mod estimates;

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::canonical;
use crate::cart::{Cart, CartError, CartLine};
use crate::catalog::CatalogData;
use crate::error::FluxError;
use crate::intent::{Dropped, Intent, Need, ParseTelemetry, Plan, Strategy};
use crate::money::Amount;
use crate::negotiate::quote_units;
use crate::policy::Policy;
use crate::rank::{fill_spend, resolve_packages, resolve_spend, score_need, NeedRanking, Payees, RankLimits, ScoredNeed};
use crate::reasons::UnmetReason;
use caps::{Planned, Spending};

/// A need the cart does not cover, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Unmet {
    /// Category.
    pub category: String,
    /// What was asked, as the user said it.
    pub item: String,
    /// Units wanted.
    pub quantity: u32,
    /// Why.
    pub reason: UnmetReason,
}

/// How the proposal was made: the seed's `{model, latency_ms, tokens_used}` and more. Not part
/// of the canonical form (it holds wall-clock times).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Telemetry {
    /// The parser's own telemetry.
    #[serde(flatten)]
    pub parse: ParseTelemetry,
    /// Offers considered across the needs' categories.
    pub offers_considered: usize,
    /// Wall-clock time of the whole orchestration, in microseconds.
    pub orchestrate_us: u64,
}

/// The answer to an intent: the chosen lines (the optimal cart), ranked alternatives per need,
/// unmet needs, and the cart's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    /// The intent this answers (what cart edits and re-ranking start from).
    pub intent: Intent,
    /// Hash of the intent.
    pub intent_hash: String,
    /// Strategy used.
    pub strategy: Strategy,
    /// Budget.
    pub budget: Amount,
    /// Deadline in days.
    pub deadline_days: u32,
    /// Needs read from the prompt.
    pub needs: Vec<Need>,
    /// Head count read from the prompt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// What the parser read but did not use.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
    /// The optimal cart (serialized as `options`, its lines).
    #[serde(rename = "options", serialize_with = "lines")]
    pub cart: Cart,
    /// Cart total.
    pub total: Amount,
    /// Budget left.
    pub remaining_budget: Amount,
    /// Cart id (content hash).
    pub cart_id: String,
    /// Per need, the best options with scores and reasons.
    pub alternatives: Vec<NeedRanking>,
    /// Needs not covered.
    pub unmet: Vec<Unmet>,
    /// How it was made (excluded from the canonical form).
    #[serde(skip)]
    pub telemetry: Telemetry,
}

fn lines<S: Serializer>(cart: &Cart, s: S) -> Result<S::Ok, S::Error> {
    cart.lines().serialize(s)
}

impl Proposal {
    /// Canonical JSON without telemetry: byte-identical for the same inputs on every host.
    pub fn canonical_json(&self) -> String {
        canonical::to_canonical_json(self)
    }

    /// JSON with telemetry (`{..., "telemetry": {...}}`), keys sorted.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct WithTelemetry<'a> {
            #[serde(flatten)]
            proposal: &'a Proposal,
            telemetry: &'a Telemetry,
        }
        canonical::to_canonical_json(&WithTelemetry { proposal: self, telemetry: &self.telemetry })
    }
}

/// One offer chosen for two needs ("energy drinks" and "sugar-free energy drinks") becomes one
/// line for both: `line` with `need` merged into it, re-quoted for the units its needs asked for
/// (`asked`) and `need`'s, and those units. Packs are rounded up once (two needs of 13 cans are 26
/// cans, three 12-packs, not two packs each) and a volume tier can only lower the pack price, so
/// the merged line never costs more than the two it replaces. `None` when the offer's stock
/// cannot serve them all.
fn merged(catalog: &CatalogData, line: &CartLine, asked: &HashMap<String, u32>, need: &Need) -> Result<Option<(CartLine, u32)>, FluxError> {
    let offer = catalog.quoted(&line.id).ok_or_else(|| CartError::UnknownOffer { id: line.id.clone() })?;
    let vendor = catalog.vendor(&offer.vendor_id).ok_or_else(|| CartError::UnknownOffer { id: line.id.clone() })?;
    let units = asked.get(&line.id).copied().unwrap_or(line.units).saturating_add(need.quantity);
    let quote = quote_units(&offer, vendor, units).map_err(|_| CartError::Overflow)?;
    if quote.packs > offer.stock {
        return Ok(None);
    }
    let mut line = line.clone();
    line.price = quote.unit_price;
    line.original_price = (quote.original_price != quote.unit_price).then_some(quote.original_price);
    line.quantity = quote.packs;
    line.line_total = quote.line_total;
    line.units = quote.packs.saturating_mul(offer.pack_size);
    line.discounts = quote.discounts(vendor);
    line.need = format!("{}, {}", line.need, need.item);
    line.reason = format!("{} Serves '{}' too.", line.reason, need.item);
    Ok(Some((line, units)))
}

/// The sum of the lines' totals.
fn cart_total(lines: &[CartLine]) -> Result<Amount, FluxError> {
    Ok(lines.iter().try_fold(Amount::ZERO, |t, l| t.checked_add(l.line_total)).map_err(|_| CartError::Overflow)?)
}

/// Puts `line`, which serves `need`, into `lines`: a line of its own, or merged into the cart's
/// line of the same offer another need holds. `false` (nothing changed) when that offer's stock
/// cannot serve both.
fn put(
    catalog: &CatalogData,
    lines: &mut Vec<CartLine>,
    asked: &mut HashMap<String, u32>,
    line: CartLine,
    need: &Need,
) -> Result<bool, FluxError> {
    let Some(at) = lines.iter().position(|l| l.id == line.id) else {
        asked.insert(line.id.clone(), need.quantity);
        lines.push(line);
        return Ok(true);
    };
    let Some((both, units)) = merged(catalog, &lines[at], asked, need)? else { return Ok(false) };
    asked.insert(both.id.clone(), units);
    lines[at] = both;
    Ok(true)
}

/// Puts the option the optimizer picked for `need` into `lines`, merged into the line of the
/// same offer when another need chose it too. When the offer's stock cannot serve both, the need
/// takes its best-ranked option that keeps the whole planned cart (`planned`, updated) within the
/// budget and the policy's caps; the id of the line it went to, or `None` when there is none.
/// `asked` holds the units the needs of each line asked for.
#[allow(clippy::too_many_arguments)] // the optimizer's state, one by one
fn place(
    catalog: &CatalogData,
    lines: &mut Vec<CartLine>,
    asked: &mut HashMap<String, u32>,
    scored: &ScoredNeed,
    pick: usize,
    need: &Need,
    planned: &mut Planned,
    spending: &Spending<'_>,
) -> Result<Option<String>, FluxError> {
    let Some(option) = scored.option(pick) else { return Ok(None) };
    let line = CartLine::from_option(&option, need);
    let (from, id) = ((line.vendor_id.clone(), line.line_total), line.id.clone());
    if put(catalog, lines, asked, line, need)? {
        return Ok(Some(id));
    }
    let from = (from.0.as_str(), from.1);
    // Only the option taken is detailed; the others are judged by their offer and cost: a line
    // of their own, or merged into the cart's line of their offer when its stock serves both.
    for i in (0..scored.len()).filter(|i| *i != pick) {
        let Some((offer_id, line_total)) = scored.quoted(i) else { continue };
        if let Some(at) = lines.iter().position(|l| l.id == offer_id) {
            let Some((both, units)) = merged(catalog, &lines[at], asked, need)? else { continue };
            let more = both.line_total.saturating_sub(lines[at].line_total);
            if !spending.switch(planned, from, (both.vendor_id.as_str(), more), false) {
                continue;
            }
            asked.insert(both.id.clone(), units);
            let id = both.id.clone();
            lines[at] = both;
            return Ok(Some(id));
        }
        let Some(option) = scored.option(i) else { continue };
        if !spending.switch(planned, from, (option.vendor_id.as_str(), line_total), true) {
            continue;
        }
        let line = CartLine::from_option(&option, need);
        let id = line.id.clone();
        asked.insert(line.id.clone(), need.quantity);
        lines.push(line);
        return Ok(Some(id));
    }
    Ok(None)
}

/// Puts the lines of the split the optimizer picked for `need` (its option [`ScoredNeed::len`])
/// into `lines`, each merged into the line of the same offer when another need holds it: all of
/// them or, when a merged line would pass its offer's stock, none (`false`).
fn place_split(
    catalog: &CatalogData,
    lines: &mut Vec<CartLine>,
    asked: &mut HashMap<String, u32>,
    scored: &ScoredNeed,
    need: &Need,
    split_ids: &mut Vec<String>,
) -> Result<bool, FluxError> {
    let (mut with, mut with_asked) = (lines.clone(), asked.clone());
    let mut left = need.quantity;
    let mut ids = Vec::new();
    for option in scored.split_lines() {
        let part = Need { quantity: option.units.min(left), ..need.clone() };
        left -= part.quantity;
        let line = CartLine::from_option(&option, need);
        ids.push(line.id.clone());
        if !put(catalog, &mut with, &mut with_asked, line, &part)? {
            return Ok(false);
        }
    }
    (*lines, *asked) = (with, with_asked);
    split_ids.extend(ids);
    Ok(true)
}

/// A need the optimizer left out for want of budget, served by a line the cart already holds
/// when the need is one of that offer's and the re-quoted line still fits the budget and the
/// policy's caps ("badges and
/// name tags for 30" under 15 USDC: one pack of 100 stickers holds both, while the optimizer
/// priced a pack for each).
fn share_a_line(
    catalog: &CatalogData,
    lines: &mut [CartLine],
    asked: &mut HashMap<String, u32>,
    scored: &ScoredNeed,
    need: &Need,
    spending: &Spending<'_>,
) -> Result<bool, FluxError> {
    let total = cart_total(lines)?;
    for i in 0..scored.len() {
        let Some((offer_id, _)) = scored.quoted(i) else { continue };
        let Some(at) = lines.iter().position(|l| l.id == offer_id) else { continue };
        let Some((both, units)) = merged(catalog, &lines[at], asked, need)? else { continue };
        let fits = total.saturating_sub(lines[at].line_total).checked_add(both.line_total).is_ok_and(|t| t <= spending.budget());
        if fits && spending.allows(lines.iter().enumerate().map(|(j, l)| if j == at { &both } else { l })) {
            asked.insert(both.id.clone(), units);
            lines[at] = both;
            return Ok(true);
        }
    }
    Ok(false)
}

/// A need served by a line of its own moves onto another line of the cart when that offer is one
/// of the need's, scores at least as well for it, and the merged line leaves the cart cheaper or
/// the need better served within the budget and the policy's caps. The optimizer prices each
/// need on its own, so it cannot see that "30 chairs and 20 folding chairs" cost less as one line
/// of 50 at a volume tier than as two (and under a tight budget it took a slow offer for one of
/// them).
fn consolidate(
    catalog: &CatalogData,
    lines: &mut Vec<CartLine>,
    asked: &mut HashMap<String, u32>,
    needs: &[(&Need, &ScoredNeed, &str)],
    split_ids: &[String],
    spending: &Spending<'_>,
) -> Result<(), FluxError> {
    for (need, scored, placed) in needs {
        // The line the need was placed on, when it is its own (needs of one item with other
        // sizes have lines of the same name); a line holding part of a split is never moved: its
        // units serve another need too.
        let own = lines.iter().position(|l| l.id == *placed && l.need == need.item && !split_ids.contains(&l.id));
        let Some(own) = own else { continue };
        let score_of = |offer: &str| (0..scored.len()).find(|i| scored.quoted(*i).is_some_and(|(id, _)| id == offer));
        let Some(current) = score_of(&lines[own].id).and_then(|i| scored.score(i)) else { continue };
        let total = cart_total(lines)?;
        for i in 0..scored.len() {
            let (Some((offer_id, _)), Some(score)) = (scored.quoted(i), scored.score(i)) else { continue };
            let Some(other) = lines.iter().position(|l| l.id == offer_id).filter(|o| *o != own && score >= current) else { continue };
            let Some((both, units)) = merged(catalog, &lines[other], asked, need)? else { continue };
            let Ok(after) =
                total.saturating_sub(lines[own].line_total).saturating_sub(lines[other].line_total).checked_add(both.line_total)
            else {
                continue;
            };
            let moved = lines.iter().enumerate().filter(|(j, _)| *j != own).map(|(j, l)| if j == other { &both } else { l });
            if after <= spending.budget() && (score > current || after < total) && spending.allows(moved) {
                asked.insert(both.id.clone(), units);
                lines[other] = both;
                let gone = lines.remove(own);
                asked.remove(&gone.id);
                break;
            }
        }
    }
    Ok(())
}

/// Alternatives detailed per need in a proposal.
pub const DEFAULT_ALTERNATIVES: usize = 5;

/// Builds the optimal proposal for `plan` from `catalog` under the intent's budget, deadline and
/// strategy. Pure and deterministic; `top` options per need are detailed as alternatives.
pub fn propose(catalog: &CatalogData, intent: &Intent, plan: &Plan, top: usize) -> Result<Proposal, FluxError> {
    propose_within(catalog, intent, plan, top, None)
}

/// [`propose`] for a cart `policy` allows, as [`Flux`](crate::Flux) proposes: from the offers of
/// the merchants it pays (its registry and allowlist), within its caps on a cart, a transfer and
/// a merchant. A need only other merchants sell is unmet as `merchant_not_allowed`; an offer the
/// caps leave no room for is excluded, and a need it costs its place, as `over_policy_cap` — not
/// bought for a cart the policy would deny.
pub fn propose_under(catalog: &CatalogData, intent: &Intent, plan: &Plan, top: usize, policy: &Policy) -> Result<Proposal, FluxError> {
    propose_within(catalog, intent, plan, top, Some(policy))
}

fn propose_within(catalog: &CatalogData, intent: &Intent, plan: &Plan, top: usize, policy: Option<&Policy>) -> Result<Proposal, FluxError> {
    let limits = RankLimits { deadline_days: intent.deadline_days(), budget: intent.budget() };
    let spending = Spending::new(policy, intent.budget());
    let (mut needs, mut dropped) = (plan.needs.clone(), plan.dropped.clone());
    dropped.extend(resolve_packages(catalog, &mut needs));
    resolve_spend(catalog, &mut needs, limits.budget);
    // How long a thing is kept matters to a rental priced per day only: a need of a category the
    // catalog rents none of ("t-shirts for a 3-day hackathon") is bought, not kept.
    for need in needs.iter_mut().filter(|n| n.days.is_some()) {
        if !catalog.offers_in(&need.category).iter().any(|o| o.per_day()) {
            need.days = None;
        }
    }
    let payees = policy.map(|p| p as &dyn Payees);
    fill_spend(catalog, &mut needs, intent.strategy(), limits, payees);
    let scored: Vec<_> = needs.iter().map(|n| score_need(catalog, n, intent.strategy(), limits, payees)).collect();
    let (selection, capped_out, mut planned) = spending.select(&scored);
    let mut lines: Vec<CartLine> = Vec::with_capacity(needs.len());
    let mut unmet = Vec::new();
    let mut asked = HashMap::new();
    let (mut split, mut split_ids) = (vec![false; needs.len()], Vec::new());
    // The line each need went to, for moving it onto another later.
    let mut placed: Vec<Option<String>> = vec![None; needs.len()];
    for (k, ((need, s), pick)) in needs.iter().zip(&scored).zip(&selection.picks).enumerate() {
        let reason = match pick {
            Some(i) if *i == s.len() => {
                split[k] = true;
                if place_split(catalog, &mut lines, &mut asked, s, need, &mut split_ids)? {
                    continue;
                }
                UnmetReason::OutOfStock
            }
            Some(i) => match place(catalog, &mut lines, &mut asked, s, *i, need, &mut planned, &spending)? {
                Some(id) => {
                    placed[k] = Some(id);
                    continue;
                }
                None => UnmetReason::OutOfStock,
            },
            None if capped_out[k] => UnmetReason::OverPolicyCap,
            None => s.unavailable_reason().unwrap_or(UnmetReason::BudgetExhausted),
        };
        unmet.push((need, s, reason));
    }
    let mut left = Vec::with_capacity(unmet.len());
    let estimates = estimates::Plan { catalog, strategy: intent.strategy(), limits, payees, spending: &spending };
    for (need, s, reason) in unmet {
        let short_of_money = matches!(reason, UnmetReason::BudgetExhausted | UnmetReason::OverPolicyCap);
        if short_of_money && share_a_line(catalog, &mut lines, &mut asked, s, need, &spending)? {
            continue;
        }
        // An estimate no offer of fits the budget: as much of it as the rest of the budget buys.
        let bought = match reason {
            UnmetReason::OverBudget if need.estimated => estimates.buy_what_fits(need, &mut lines, &mut asked, &mut planned)?,
            _ => 0,
        };
        if bought < need.quantity {
            left.push(Unmet { category: need.category.clone(), item: need.item.clone(), quantity: need.quantity - bought, reason });
        }
    }
    let unmet = left;
    // A split need has several lines of its own: none of them moves.
    let served: Vec<(&Need, &ScoredNeed, &str)> = needs
        .iter()
        .zip(&scored)
        .zip(&placed)
        .zip(&split)
        .filter(|(_, split)| !**split)
        .filter_map(|(((need, scored), placed), _)| Some((need, scored, placed.as_deref()?)))
        .collect();
    consolidate(catalog, &mut lines, &mut asked, &served, &split_ids, &spending)?;
    let cart = Cart::new(lines)?;
    let total = cart.total();
    Ok(Proposal {
        intent: intent.clone(),
        intent_hash: intent.hash(),
        strategy: intent.strategy(),
        budget: intent.budget(),
        deadline_days: intent.deadline_days(),
        needs,
        headcount: plan.headcount,
        dropped,
        cart_id: cart.id(),
        remaining_budget: intent.budget().saturating_sub(total),
        total,
        cart,
        alternatives: scored.iter().map(|s| s.ranking(top)).collect(),
        unmet,
        telemetry: Telemetry { parse: plan.telemetry.clone(), offers_considered: scored.iter().map(|s| s.len()).sum(), orchestrate_us: 0 },
    })
}
