//! The tools that plan and check: `plan_purchase`, `edit_cart`, `check_policy`, `get_policy`,
//! `verify_settlement`. Each converts its arguments, calls the kernel, and passes the kernel's JSON
//! through (so fields the core adds reach the agent unchanged).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use flux_core::{Amount, Cart, ErrorKind, FluxError, Intent, IntentError, NeedRanking, ReceiptBundle, Strategy, Unmet, UnmetReason};
use serde_json::{json, Value};

use crate::app::{parse_json, to_value, App, Reply};
use crate::carts::StoredCart;
use crate::errors::{echo, ToolError};
use crate::tools::{CartArgs, EditAction, EditArgs, PlanArgs, VerifyArgs};

/// A budget as an agent sends it: exact decimal text, a whole number, or a binary float under
/// the core's one rule for host floats.
fn budget(value: &Value) -> Result<Amount, ToolError> {
    let parsed = match value {
        Value::String(text) => Amount::parse(text),
        Value::Number(n) if n.is_u64() || n.is_i64() => Amount::parse(&n.to_string()),
        Value::Number(n) => match n.as_f64() {
            Some(f) => Amount::from_host_f64(f),
            None => Amount::parse(&n.to_string()),
        },
        _ => return Err(ToolError::invalid_arguments("budget", "must be a decimal string or a number")),
    };
    parsed.map_err(|e| ToolError::from(FluxError::from(IntentError::InvalidBudget(e))).at("budget"))
}

/// `deadline_days` under the core's rule for its text: a whole number of days. Unlike the HTTP
/// contract, which takes a JSON number only, the digits an agent quoted ("3") are taken too, as
/// `budget` takes decimal text; "3 days", 3.5 or -1 are the core's `INVALID_INTENT` naming the
/// field, not a deserializer's "expected u32".
fn deadline(value: Option<&Value>) -> Result<u32, ToolError> {
    let text = match value {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim().to_owned()),
        Some(other) => Some(other.to_string()),
    };
    Intent::deadline_from_text(text.as_deref()).map_err(|e| ToolError::from(FluxError::from(e)).at("deadline_days"))
}

fn micros(started: Instant) -> u128 {
    started.elapsed().as_micros()
}

/// `plan_purchase`: intent → proposal, whose cart is kept by id.
pub async fn plan(app: &App, args: PlanArgs) -> Result<Reply, ToolError> {
    let budget = budget(&args.budget)?;
    let strategy = Strategy::from_json_value(args.strategy.unwrap_or(Value::Null)).map_err(FluxError::from)?;
    let intent = Intent::new(args.prompt, budget, deadline(args.deadline_days.as_ref())?, strategy).map_err(FluxError::from)?;
    let started = Instant::now();
    let proposal = app.flux.orchestrate(&intent).await?;
    let kernel_us = micros(started);
    let mut value = parse_json(&proposal.to_json())?;
    let cart_id = app.carts.insert(StoredCart {
        cart: proposal.cart.clone(),
        intent,
        alternatives: Arc::new(proposal.alternatives.clone()),
        asked: HashMap::new(),
    });
    // What was asked but not planned ("3 wireless mice" when nothing sold is one), so the agent
    // can tell the user instead of presenting the cart as the whole request.
    let not_planned = if proposal.dropped.is_empty() {
        String::new()
    } else {
        let items: Vec<String> = proposal.dropped.iter().map(|d| format!("{:?} ({})", d.item, d.reason)).collect();
        format!(" Not planned: {}.", items.join(", "))
    };
    let unmet = unmet_text(&proposal.unmet);
    let summary = if proposal.cart.lines().is_empty() {
        // Nothing to check or pay (execute_purchase refuses an empty cart): say why, and what to
        // change, instead of inviting execution.
        let why = if unmet.is_empty() { "no need in the request could be planned".to_owned() } else { unmet };
        format!(
            "Nothing could be bought: {why}.{not_planned} There is no cart to check or pay: change the request, the budget ({} USDC) or the deadline and plan again.",
            proposal.budget
        )
    } else {
        let unmet = if unmet.is_empty() { String::new() } else { format!(": {unmet}") };
        // The deadline planned with: the caller's, or the one the prompt states when the caller
        // left the default.
        let slowest = proposal.cart.lines().iter().map(|l| l.delivery_days).max().unwrap_or(0);
        format!(
            "Proposed cart {cart_id}: {} line(s), total {} USDC of a {} USDC budget, all delivered within {slowest} day(s) of a {}-day deadline; {} unmet need(s){unmet}.{not_planned} Nothing is paid: check_policy, then execute_purchase with this cart_id.",
            proposal.cart.lines().len(),
            proposal.total,
            proposal.budget,
            proposal.deadline_days,
            proposal.unmet.len()
        )
    };
    if let Value::Object(map) = &mut value {
        if proposal.cart.lines().is_empty() {
            map.insert("note".into(), json!("nothing could be bought (see unmet): this empty cart cannot be paid; plan again"));
        }
    }
    Ok(Reply { value, summary, kernel_us })
}

/// The unmet needs, each with why in words: `24 energy drinks (every offer alone costs more than
/// the budget)`.
fn unmet_text(unmet: &[Unmet]) -> String {
    let items: Vec<String> = unmet
        .iter()
        .map(|u| {
            let why = match u.reason {
                UnmetReason::NoOffers => "the catalog has no offer of this kind",
                UnmetReason::DoesNotMatch => "nothing in the catalog is what was asked",
                UnmetReason::OverBudget => "every offer alone costs more than the budget",
                UnmetReason::OutOfStock => "no offer has enough stock",
                UnmetReason::BeyondDeadline => "no offer arrives within the deadline",
                UnmetReason::BudgetExhausted => "the budget went to the other needs",
                UnmetReason::MerchantNotAllowed => "only merchants the policy does not pay sell it",
                UnmetReason::MerchantNotWanted => "only merchants the request rules out sell it",
                UnmetReason::OverPolicyCap => "the policy's caps on a cart, a transfer or a merchant leave no room for it",
                UnmetReason::NotForSale => "the request buys it, and the catalog only rents it",
                UnmetReason::NotForRent => "the request rents it, and the catalog only sells it",
            };
            format!("{} {} ({why}; {})", u.quantity, echo(&u.item), u.reason.as_str())
        })
        .collect();
    items.join(", ")
}

/// The rankings of the needs a line serves (its category, and its items when they are named).
fn rankings_of<'a>(alternatives: &'a [NeedRanking], category: &str, need: &str) -> Vec<&'a NeedRanking> {
    let items: Vec<&str> = need.split(", ").collect();
    let same_category: Vec<&NeedRanking> = alternatives.iter().filter(|r| r.need.category == category).collect();
    let named: Vec<&NeedRanking> = same_category.iter().copied().filter(|r| items.contains(&r.need.item.as_str())).collect();
    if named.is_empty() {
        same_category
    } else {
        named
    }
}

/// A kernel error of an edit: `INSUFFICIENT_STOCK` names `argument` (the units or the offer
/// asked), which the kernel does not; any other error as the kernel gives it.
fn at_argument(e: FluxError, argument: &str) -> ToolError {
    let over_budget = match &e {
        FluxError::Cart(flux_core::CartError::OverBudget { total, budget }) => Some((*total, *budget)),
        _ => None,
    };
    let error = ToolError::from(e);
    match over_budget {
        // The edit the budget of the plan refuses: what it would cost, against what.
        Some((total, budget)) => error.at(argument).with("total", json!(total)).with("budget", json!(budget)),
        None if error.field.is_none() && error.code == "INSUFFICIENT_STOCK" => error.at(argument),
        None => error,
    }
}

/// Refuses an argument the action does not take.
fn refuse_extra(action: &str, name: &str, present: bool) -> Result<(), ToolError> {
    if present {
        return Err(ToolError::invalid_arguments(name, &format!("\"{action}\" takes no {name}")));
    }
    Ok(())
}

/// `edit_cart`: one edit of one line, re-quoted by the kernel, as a new cart.
pub async fn edit(app: &App, args: EditArgs) -> Result<Reply, ToolError> {
    let stored = app.cart(&args.cart_id)?;
    let Ok(line) = stored.cart.line(&args.line_id).cloned() else {
        let ids: Vec<&str> = stored.cart.lines().iter().map(|l| l.id.as_str()).collect();
        return Err(ToolError::new(
            "NO_SUCH_LINE",
            ErrorKind::InvalidInput,
            format!("cart {} has no line {:?}; its lines are {}", args.cart_id, echo(&args.line_id), ids.join(", ")),
        )
        .at("line_id")
        .with("line_ids", json!(ids)));
    };
    let started = Instant::now();
    let mut asked = stored.asked.clone();
    let asked_here = asked.remove(&args.line_id);
    let cart: Cart = match args.action {
        EditAction::Remove => {
            refuse_extra("remove", "offer_id", args.offer_id.is_some())?;
            refuse_extra("remove", "units", args.units.is_some())?;
            stored.cart.remove_line(&args.line_id).map_err(FluxError::from)?
        }
        EditAction::Replace => {
            refuse_extra("replace", "units", args.units.is_some())?;
            let Some(offer_id) = args.offer_id.as_deref() else {
                return Err(ToolError::invalid_arguments("offer_id", "\"replace\" needs the offer_id of a ranked alternative"));
            };
            let rankings = rankings_of(&stored.alternatives, &line.category, &line.need);
            if !rankings.iter().any(|r| r.options.iter().any(|o| o.offer_id == offer_id)) {
                let choices: Vec<&str> = rankings.iter().flat_map(|r| r.options.iter().map(|o| o.offer_id.as_str())).collect();
                return Err(ToolError::new(
                    "NOT_AN_ALTERNATIVE",
                    ErrorKind::InvalidInput,
                    format!("{:?} is not a ranked alternative for line {:?}", echo(offer_id), echo(&args.line_id)),
                )
                .at("offer_id")
                .with("alternatives", json!(choices)));
            }
            // What the agent last set this line to, else what the need asked.
            let wanted: u32 = rankings.iter().map(|r| r.need.quantity).fold(0u32, u32::saturating_add);
            let units = asked_here.unwrap_or(if wanted == 0 { line.units } else { wanted });
            if let Some(units) = asked_here {
                asked.insert(offer_id.to_owned(), units);
            }
            app.flux
                .replace_line(&stored.cart, &args.line_id, offer_id, units, &stored.intent)
                .await
                .map_err(|e| at_argument(e, "offer_id"))?
        }
        EditAction::SetUnits => {
            refuse_extra("set_units", "offer_id", args.offer_id.is_some())?;
            let units = match args.units {
                Some(u) if u >= 1 => u,
                _ => return Err(ToolError::invalid_arguments("units", "\"set_units\" needs units of 1 or more")),
            };
            asked.insert(args.line_id.clone(), units);
            app.flux.set_units(&stored.cart, &args.line_id, units, &stored.intent).await.map_err(|e| at_argument(e, "units"))?
        }
    };
    let kernel_us = micros(started);
    let budget = stored.intent.budget();
    let total = cart.total();
    let lines = cart.lines().len();
    let edited = edited_line(&cart, &args);
    let mut value = parse_json(&cart.canonical_json())?;
    let cart_id = app.carts.insert(StoredCart { cart, intent: stored.intent.clone(), alternatives: stored.alternatives.clone(), asked });
    if let Value::Object(map) = &mut value {
        map.insert("cart_id".into(), json!(cart_id));
        map.insert("previous_cart_id".into(), json!(args.cart_id));
        map.insert("budget".into(), json!(budget));
        map.insert("remaining_budget".into(), json!(budget.saturating_sub(total)));
        map.insert("edit".into(), json!({"action": args.action, "line_id": args.line_id, "offer_id": args.offer_id, "units": args.units}));
    }
    let summary = if lines == 0 {
        // Nothing is left to pay: execute_purchase refuses an empty cart, so say so here.
        format!("Cart {cart_id} has no lines left: there is nothing to check or pay. Edit the earlier cart {} or plan again.", args.cart_id)
    } else if cart_id == args.cart_id {
        format!("Cart {cart_id} is unchanged{edited}: {lines} line(s), total {total} USDC. Nothing is paid.")
    } else {
        format!("New cart {cart_id}{edited}: {lines} line(s), total {total} USDC (was {}). Nothing is paid.", stored.cart.total())
    };
    Ok(Reply { value, summary, kernel_us })
}

/// What an edit made of its line, for the summary: "; line X is 24 units (1 pack of 24; packs are
/// whole, 1 unit asked)". Empty for a removal.
fn edited_line(cart: &flux_core::Cart, args: &EditArgs) -> String {
    let id = match args.action {
        EditAction::Remove => return String::new(),
        EditAction::Replace => args.offer_id.as_deref().unwrap_or(&args.line_id),
        EditAction::SetUnits => &args.line_id,
    };
    let Ok(line) = cart.line(id) else { return String::new() };
    let pack = line.units.checked_div(line.quantity).unwrap_or(line.units);
    let packs = if line.quantity == 1 { "pack" } else { "packs" };
    let asked = match args.units {
        Some(asked) if asked != line.units => format!("; packs are whole, {asked} asked"),
        _ => String::new(),
    };
    format!("; line {} is {} units ({} {packs} of {pack}{asked})", echo(id), line.units, line.quantity)
}

/// `check_policy`: the policy's decision on a cart, now, without paying.
pub async fn check(app: &App, args: CartArgs) -> Result<Reply, ToolError> {
    let stored = app.cart(&args.cart_id)?;
    let cart = stored.cart.clone();
    let (decision, kernel_us, needs_approval) = app
        .blocking(move |flux| {
            let started = Instant::now();
            let decision = flux.authorize(&cart);
            (decision, micros(started), flux.policy().needs_approval(&cart))
        })
        .await?;
    let mut value = to_value(&decision)?;
    if let Value::Object(map) = &mut value {
        map.insert("cart_id".into(), json!(args.cart_id));
        map.insert("total".into(), json!(stored.cart.total()));
        map.insert("needs_approval".into(), json!(needs_approval));
        // A "deny" whose one violation is the missing approval is no refusal to give up on: said
        // as data too, for an agent that reads the JSON and not the summary.
        map.insert("awaits_approval".into(), json!(decision.awaits_approval()));
        map.insert("policy_hash".into(), json!(app.flux.policy().hash()));
    }
    let summary = match decision.approved() {
        Some(a) => format!("ALLOW: cart {} ({} USDC) may be paid in {} transfer(s).", args.cart_id, a.total(), a.legs().len()),
        // Not a refusal to give up on: a person's approval is what is missing.
        None if decision.awaits_approval() => format!(
            "NEEDS APPROVAL: cart {} ({} USDC) breaks no rule but is above the approval threshold; execute_purchase asks for a person's signed approval.",
            args.cart_id,
            stored.cart.total()
        ),
        None => {
            let codes: Vec<&str> = decision.violations().iter().map(|v| v.code.as_str()).collect();
            format!("DENY: cart {} — {} violation(s): {}.", args.cart_id, codes.len(), codes.join(", "))
        }
    };
    Ok(Reply { value, summary, kernel_us })
}

/// `get_policy`: the rules, the registry, and what remains of each rolling window.
pub async fn policy(app: &App) -> Result<Reply, ToolError> {
    let started = Instant::now();
    let windows = app.flux.window_spend().await?;
    let kernel_us = micros(started);
    let policy = app.flux.policy();
    let windows: Vec<Value> = windows
        .iter()
        .map(|(w, spent)| {
            json!({"seconds": w.seconds, "limit": w.limit, "merchant": w.merchant, "spent": spent, "remaining": w.limit.saturating_sub(*spent)})
        })
        .collect();
    let mut value = to_value(policy)?;
    if let Value::Object(map) = &mut value {
        map.insert("policy_hash".into(), json!(policy.hash()));
        map.insert("windows".into(), json!(windows));
        map.insert(
            "settlement".into(),
            json!({"mode": app.flux.settlement_mode().as_str(), "chain_id": app.flux.target().chain_id, "token": app.flux.target().token}),
        );
    }
    let rules = policy.rules();
    let threshold = rules.approval_threshold.map_or_else(|| "no approval threshold".to_owned(), |t| format!("approval above {t} USDC"));
    let summary = format!(
        "Policy {}: at most {} USDC per cart; {threshold}; {} merchant(s) allowed; {} rolling window(s).",
        &policy.hash()[..12.min(policy.hash().len())],
        rules.max_budget_cap,
        rules.allowlist.as_ref().map_or_else(|| policy.merchants().count(), Vec::len),
        windows.len()
    );
    Ok(Reply { value, summary, kernel_us })
}

/// `verify_settlement`: the kernel's report on a receipt bundle.
pub async fn verify(app: &App, args: VerifyArgs) -> Result<Reply, ToolError> {
    if !args.receipt.is_object() {
        return Err(ToolError::invalid_arguments("receipt", "must be the receipt bundle object execute_purchase returned"));
    }
    let bundle = ReceiptBundle::from_json(&args.receipt.to_string()).map_err(FluxError::from)?;
    let started = Instant::now();
    let report = app.flux.verify(&bundle).await?;
    let kernel_us = micros(started);
    // Said as what it proves: the transfers and the paid fields, not the display text.
    let summary = format!(
        "Verified cart {}: {} leg(s) hold against their signed transfers ({}), and the cart's offer ids, vendors, prices and units against the legs. Names and reasons in the receipt are display text it does not prove.",
        report.cart_id,
        report.legs.len(),
        if report.onchain { "re-read from the chain" } else { "offline: sandbox or memory, never broadcast" }
    );
    Ok(Reply { value: to_value(&report)?, summary, kernel_us })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn deadlines_follow_the_core_rule() {
        // A quoted "3" said "expected u32"; now digits are days and anything else is the core's
        // typed error on deadline_days.
        assert_eq!(deadline(None).unwrap(), flux_core::DEFAULT_DEADLINE_DAYS);
        assert_eq!(deadline(Some(&json!(3))).unwrap(), 3);
        assert_eq!(deadline(Some(&json!("3"))).unwrap(), 3);
        for bad in [json!("3 days"), json!(3.5), json!(-1), json!(true), json!(10_000)] {
            let e = deadline(Some(&bad)).unwrap_err();
            assert_eq!((e.code.as_str(), e.field.as_deref()), ("INVALID_INTENT", Some("deadline_days")), "{bad}");
        }
    }

    #[test]
    fn budgets_follow_the_host_rules() {
        assert_eq!(budget(&json!("150.50")).unwrap(), Amount::parse("150.5").unwrap());
        assert_eq!(budget(&json!(150)).unwrap(), Amount::whole(150));
        assert_eq!(budget(&json!(45.5)).unwrap(), Amount::parse("45.5").unwrap());
        for bad in [json!(-1), json!("NaN"), json!(0.1234567), json!(true), json!("ten"), json!("")] {
            let e = budget(&bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("budget"), "{bad}");
        }
    }
}
