//! The facade's cart edits and re-optimization.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flux_core::MemoryLedger;
use flux_core::*;

fn intent(prompt: &str, budget: &str, days: u32, strategy: Strategy) -> Intent {
    Intent::new(prompt, Amount::parse(budget).unwrap(), days, strategy).unwrap()
}

#[test]
fn a_deadline_the_prompt_states_is_kept() {
    // "needed tomorrow" with the default deadline of 7 days planned 5-day deliveries.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let prompt = "50 pens and 10 sticky notes, needed tomorrow";
    let slow = block_on(flux.orchestrate(&intent("50 pens and 10 sticky notes", "200", 7, Strategy::Cheapest))).unwrap();
    assert!(slow.cart.lines().iter().any(|l| l.delivery_days > 1), "the catalog has slower, cheaper offers to refuse");
    let p = block_on(flux.orchestrate(&intent(prompt, "200", 7, Strategy::Cheapest))).unwrap();
    assert_eq!((p.intent.deadline_days(), p.deadline_days), (1, 1));
    assert!(!p.cart.lines().is_empty());
    assert!(
        p.cart.lines().iter().all(|l| l.delivery_days <= 1),
        "{:?}",
        p.cart.lines().iter().map(|l| l.delivery_days).collect::<Vec<_>>()
    );
    // A deadline the caller chose stands (an agent can plan again with another); the default
    // gives way to what the prompt says, later as well as earlier.
    assert_eq!(intent("30 badges needed within 5 days", "100", 2, Strategy::Balanced).deadline_days(), 2);
    assert_eq!(intent(prompt, "100", 3, Strategy::Balanced).deadline_days(), 3);
    assert_eq!(intent("30 badges needed within 5 days", "100", 7, Strategy::Balanced).deadline_days(), 5);
    assert_eq!(intent("30 t-shirts, needed within two weeks", "100", 7, Strategy::Balanced).deadline_days(), 14);
}

#[test]
fn a_budget_the_prompt_states_narrows_the_callers() {
    // "Budget is $25." with a 300 USDC budget planned 60 drinks and snacks for 57.78.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let wide = block_on(flux.orchestrate(&intent("snacks and 48 energy drinks for 20 people", "300", 7, Strategy::Cheapest))).unwrap();
    assert!(wide.total > Amount::whole(25), "the plan must cost more than the stated budget: {}", wide.total);
    let p = block_on(flux.orchestrate(&intent("snacks and 48 energy drinks for 20 people. Budget is $25.", "300", 7, Strategy::Cheapest)))
        .unwrap();
    assert_eq!((p.intent.budget(), p.budget), (Amount::whole(25), Amount::whole(25)));
    assert!(p.total <= Amount::whole(25) && !p.unmet.is_empty(), "{} {:?}", p.total, p.unmet);
    // The prompt never raises what the caller allows.
    assert_eq!(intent("snacks, keep it under $400", "100", 7, Strategy::Balanced).budget(), Amount::whole(100));
    assert_eq!(intent("snacks, don't spend more than 40 dollars", "100", 7, Strategy::Balanced).budget(), Amount::whole(40));
}

#[test]
fn edits_return_new_carts_with_new_ids() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let i = intent("snacks for 30 people, badges, 3 usb-c hubs", "500", 7, Strategy::Balanced);
    assert_eq!(block_on(Flux::builder().ledger(MemoryLedger::new()).build().unwrap().orchestrate(&i)).unwrap().needs.len(), 3);
    let p = block_on(flux.orchestrate(&i)).unwrap();
    let cart = &p.cart;
    let first = cart.lines()[0].clone();

    // Remove a line.
    let fewer = cart.remove_line(&first.id).unwrap();
    assert_eq!(fewer.lines().len(), cart.lines().len() - 1);
    assert_eq!(fewer.total(), cart.total().checked_sub(first.line_total).unwrap());
    assert_ne!(fewer.id(), cart.id());

    // Replace it by the runner-up offer of the same need, quoted and explained by the kernel.
    let runner_up = &p.alternatives[0].options[1];
    let replaced = block_on(flux.replace_line(cart, &first.id, &runner_up.offer_id, p.needs[0].quantity, &i)).unwrap();
    let new_line = replaced.lines().iter().find(|l| l.id == runner_up.offer_id).unwrap();
    assert_eq!(new_line.line_total, runner_up.line_total);
    assert!(!new_line.reason.is_empty());

    // Change a quantity through the facade: volume tiers are re-negotiated.
    let hubs = cart.lines().iter().find(|l| l.category == "adapters").unwrap();
    // Not beyond the intent's budget: 60 hubs cost more than 500 USDC, and the edit says so
    // rather than make a cart the request never allowed.
    let over = block_on(flux.set_units(cart, &hubs.id, 60, &i)).unwrap_err();
    assert_eq!((over.code(), over.kind()), ("OVER_BUDGET", flux_core::ErrorKind::InvalidInput), "{over}");
    assert!(over.to_string().contains("more than the budget of 500 USDC"), "{over}");
    let roomy = intent("snacks for 30 people, badges, 3 usb-c hubs", "5000", 7, Strategy::Balanced);
    let many = block_on(flux.set_units(cart, &hubs.id, 60, &roomy)).unwrap();
    // An edit that lowers a cart already over the budget stands; one that raises it does not.
    let fewer = block_on(flux.set_units(&many, &hubs.id, 50, &i)).unwrap();
    assert!(fewer.total() < many.total() && fewer.total() > i.budget(), "{} {}", fewer.total(), many.total());
    assert_eq!(block_on(flux.set_units(&fewer, &hubs.id, 55, &i)).unwrap_err().code(), "OVER_BUDGET");
    let replaced_over = block_on(flux.replace_line(cart, &hubs.id, &hubs.id, 60, &i)).unwrap_err();
    assert_eq!(replaced_over.code(), "OVER_BUDGET");
    let line = many.lines().iter().find(|l| l.id == hubs.id).unwrap();
    assert!(line.units >= 60);
    assert!(line.price < hubs.price || line.original_price.is_some(), "a volume discount applies at 60 units");
    // The kernel-only edit keeps the pack price.
    let kept = cart.set_quantity(&hubs.id, 7).unwrap();
    assert_eq!(kept.lines().iter().find(|l| l.id == hubs.id).unwrap().price, hubs.price);

    // Unknown lines and offers are typed errors.
    assert_eq!(cart.remove_line("nope").unwrap_err().code(), "NO_SUCH_LINE");
    // An id the cart does not hold is NO_SUCH_LINE for every edit, whether or not it is an offer.
    for id in ["nope", runner_up.offer_id.as_str()] {
        assert_eq!(block_on(flux.set_units(cart, id, 5, &i)).unwrap_err().code(), "NO_SUCH_LINE", "{id}");
        assert_eq!(block_on(flux.replace_line(cart, id, &first.id, 5, &i)).unwrap_err().code(), "NO_SUCH_LINE", "{id}");
    }
    assert_eq!(block_on(flux.replace_line(cart, &first.id, "no-such-offer", 1, &i)).unwrap_err().code(), "UNKNOWN_OFFER");
    // A replacement must serve the same need and must not duplicate another line.
    let badge_offer = &p.alternatives[1].options[0].offer_id;
    assert_eq!(block_on(flux.replace_line(cart, &first.id, badge_offer, 10, &i)).unwrap_err().code(), "INVALID_EDIT");
    let second = cart.lines()[1].clone();
    assert_eq!(cart.replace_line(&first.id, second).unwrap_err().code(), "DUPLICATE_LINE");
    assert_eq!(block_on(flux.set_units(cart, &first.id, 10_000_000, &i)).unwrap_err().code(), "INSUFFICIENT_STOCK");
    // A line from a client's JSON cart has no offer behind its id.
    let json_cart = Cart::from_json(r#"[{"vendor_id": "amazon", "price": 3}]"#).unwrap();
    assert_eq!(block_on(flux.set_units(&json_cart, "line-0", 5, &i)).unwrap_err().code(), "UNKNOWN_OFFER");
}

#[test]
fn a_proposal_sent_back_as_json_keeps_its_id_and_units() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let p = block_on(flux.orchestrate(&intent("24 energy drinks and badges for 50 people", "300", 3, Strategy::Cheapest))).unwrap();
    let body = serde_json::to_string(p.cart.lines()).unwrap();
    let echoed = Cart::from_json(&body).unwrap();
    assert_eq!(echoed.id(), p.cart_id, "display fields do not change what is paid");
    assert_eq!(echoed.total(), p.total);
    let units: Vec<u32> = echoed.lines().iter().map(|l| l.units).collect();
    assert_eq!(units, p.cart.lines().iter().map(|l| l.units).collect::<Vec<_>>());
    // Changing what is paid changes the id.
    let mut lines: serde_json::Value = serde_json::from_str(&body).unwrap();
    lines[0]["price"] = serde_json::json!("0.01");
    // A price that no longer matches its line total is a tampered line...
    assert_eq!(Cart::from_json(&lines.to_string()).unwrap_err().code(), "INCONSISTENT_LINE");
    // ...and a consistent one is another payment.
    lines[0].as_object_mut().unwrap().remove("line_total");
    assert_ne!(Cart::from_json(&lines.to_string()).unwrap().id(), p.cart_id);
    lines[0]["name"] = serde_json::json!("renamed");
    lines[0]["price"] = serde_json::to_value(p.cart.lines()[0].price).unwrap();
    assert_eq!(Cart::from_json(&lines.to_string()).unwrap().id(), p.cart_id, "a rename is the same payment");
    // The whole proposal, as its JSON came (its `options` are the cart's lines, its `total` theirs).
    for whole in [p.to_json(), p.canonical_json()] {
        assert_eq!(Cart::from_json(&whole).unwrap().id(), p.cart_id);
    }
}

#[test]
fn reoptimizing_with_another_strategy_changes_the_trade_off() {
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let i = intent("event for 50 people: snacks, drinks, badges, prizes, a projector", "3000", 7, Strategy::Cheapest);
    let cheap = block_on(flux.orchestrate(&i)).unwrap();
    let fast = block_on(flux.reoptimize(&i, Strategy::Fastest)).unwrap();
    assert_eq!(fast.strategy, Strategy::Fastest);
    let days = |p: &Proposal| p.cart.lines().iter().map(|l| u64::from(l.delivery_days)).sum::<u64>();
    assert!(days(&fast) <= days(&cheap));
    assert!(cheap.total <= fast.total);
    assert_ne!(cheap.cart_id, fast.cart_id);
    let custom = Strategy::Custom(Weights { price: 0, delivery: 0, trust: 100 });
    let trusted = block_on(flux.reoptimize(&i, custom)).unwrap();
    assert!(trusted.cart.lines().iter().all(|l| l.trust_score >= 88));
    let bad = Strategy::Custom(Weights { price: 90, delivery: 90, trust: 0 });
    assert_eq!(block_on(flux.reoptimize(&i, bad)).unwrap_err().code(), "INVALID_STRATEGY");
}

#[test]
fn cheapest_buys_the_lowest_price_that_arrives_in_time() {
    // "cheapest" weighed delivery too: 10 usb-c hubs were Amazon's 193.90 (next day) over
    // Walmart's 189.90 (five days), both within the deadline.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let p = block_on(flux.orchestrate(&intent("10 usb-c hubs", "300", 7, Strategy::Cheapest))).unwrap();
    let cheapest = p.alternatives[0].options.iter().map(|o| o.line_total).min().unwrap();
    assert_eq!((p.cart.lines()[0].vendor_id.as_str(), p.total), ("walmart", cheapest));
    assert_eq!(p.total.to_string(), "189.9");
    // The deadline still holds: within three days, Amazon's is the cheapest that arrives.
    let soon = block_on(flux.orchestrate(&intent("10 usb-c hubs", "300", 3, Strategy::Cheapest))).unwrap();
    assert_eq!(soon.cart.lines()[0].vendor_id, "amazon");
}

#[test]
fn a_pack_that_buys_far_more_than_asked_says_so() {
    // "5 hoodies" are sold by 25: the line bought 25 for 661.49 USDC and no reason said it.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let p = block_on(flux.orchestrate(&intent("5 hoodies", "5000", 7, Strategy::Balanced))).unwrap();
    let line = &p.cart.lines()[0];
    assert_eq!(line.units, 25);
    assert!(line.reason.contains("sold in packs of 25: 25 units for the 5 asked"), "{}", line.reason);
    // A pack near what was asked says nothing of it.
    let p = block_on(flux.orchestrate(&intent("24 energy drinks", "500", 7, Strategy::Balanced))).unwrap();
    assert!(!p.cart.lines()[0].reason.contains("sold in packs"), "{}", p.cart.lines()[0].reason);
}

#[test]
fn intent_validation_cases() {
    let cases = [
        (r#"{"prompt": "", "budget": 10}"#, "INVALID_INTENT", Some("prompt")),
        (r#"{"prompt": "   ", "budget": 10}"#, "INVALID_INTENT", Some("prompt")),
        (r#"{"budget": 10}"#, "MALFORMED_JSON", Some("prompt")),
        (r#"{"prompt": 7, "budget": 10}"#, "MALFORMED_JSON", Some("prompt")),
        (r#"{"prompt": "snacks"}"#, "INVALID_INTENT", Some("budget")),
        (r#"{"prompt": "snacks", "budget": ""}"#, "INVALID_AMOUNT", Some("budget")),
        (r#"{"prompt": "snacks", "budget": 10, "deadline_days": 100000}"#, "INVALID_INTENT", Some("deadline_days")),
        (r#"{"prompt": "snacks", "budget": 10, "deadline_days": -1}"#, "INVALID_INTENT", Some("deadline_days")),
        (r#"{"prompt": "snacks", "budget": 10, "deadline_days": 1.5}"#, "INVALID_INTENT", Some("deadline_days")),
        (r#"{"prompt": "snacks", "budget": 10, "deadline_days": 3.0}"#, "INVALID_INTENT", Some("deadline_days")),
        (r#"{"prompt": "snacks", "budget": 10, "deadline_days": 3e0}"#, "INVALID_INTENT", Some("deadline_days")),
        (r#"{"prompt": "snacks", "budget": 10, "deadline_days": "3"}"#, "INVALID_INTENT", Some("deadline_days")),
        (r#"{"prompt": "snacks", "budget": 10, "deadline_days": true}"#, "INVALID_INTENT", Some("deadline_days")),
        (r#"{"prompt": "snacks", "budget": 10, "strategy": "yolo"}"#, "INVALID_STRATEGY", Some("strategy")),
        (r#"{"prompt": "snacks", "budget": 10, "strategy": {"custom": {"price": 1}}}"#, "INVALID_STRATEGY", Some("strategy")),
        (r#"{"prompt": "snacks", "budget": 10"#, "MALFORMED_JSON", None),
        (r#"[1, 2]"#, "MALFORMED_JSON", None),
    ];
    for (body, code, field) in cases {
        let e = Intent::from_json(body).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, field), "{body}");
    }
    // A prompt sent where the intent's JSON goes ("24 energy drinks") got serde's "invalid type:
    // integer `24`, expected struct IntentRequest".
    for bare in ["24 energy drinks", "snacks", "\"snacks\"", "", "null"] {
        let e = Intent::from_json(bare).unwrap_err();
        assert_eq!(e.code(), "MALFORMED_JSON", "{bare}");
        assert!(e.to_string().contains(r#"a JSON object {"prompt", "budget""#), "{bare}: {e}");
    }
    // One rule for a deadline's text, whoever wrote it (a body, a query, a Python int's `str`).
    assert_eq!(Intent::deadline_from_text(None), Ok(DEFAULT_DEADLINE_DAYS));
    assert_eq!(Intent::deadline_from_text(Some("365")), Ok(365));
    for bad in ["366", "-0", "+3", " 3", "3.0", "", "99999999999999999999", "NaN"] {
        assert!(Intent::deadline_from_text(Some(bad)).is_err(), "{bad:?}");
    }
    assert_eq!(Strategy::from_json(r#""cheapest""#), Ok(Strategy::Cheapest));
    assert_eq!(Strategy::from_json("null"), Ok(Strategy::Balanced));
    assert_eq!(Strategy::from_json("{").map_err(|e| e.code()), Err("INVALID_STRATEGY"));
    // The same day is a valid deadline (the original service's catalog had same-day items).
    assert_eq!(Intent::from_json(r#"{"prompt": "snacks", "budget": 10, "deadline_days": 0}"#).unwrap().deadline_days(), 0);
    let long = format!(r#"{{"prompt": "{}", "budget": 10}}"#, "a".repeat(MAX_PROMPT_CHARS + 1));
    assert_eq!(Intent::from_json(&long).unwrap_err().code(), "INVALID_INTENT");
    let ok = Intent::from_json(r#"{"prompt": "snacks", "budget": "10"}"#).unwrap();
    assert_eq!((ok.deadline_days(), ok.strategy()), (7, Strategy::Balanced), "documented defaults");
}

/// A long-running `Flux` keeps its audit memory bounded, and a host that drains it gets a
/// trail that still verifies end to end.
#[test]
fn audit_memory_is_bounded_and_drained_segments_verify() {
    let i = intent("snacks for 30 people, badges", "500", 7, Strategy::Balanced);

    // Retention: only the newest events are kept; they verify from the base hash.
    let capped = Flux::builder().ledger(MemoryLedger::new()).audit_retention(6).clock(FixedClock(1)).build().unwrap();
    for _ in 0..20 {
        block_on(capped.orchestrate(&i)).unwrap();
    }
    let kept = capped.audit_jsonl();
    assert_eq!(kept.lines().count(), 6);
    assert!(capped.audit_forgotten() > 0);
    assert_eq!(verify_audit_jsonl_segment(&kept, &capped.audit_base()).unwrap(), 6);
    assert_eq!(kept.lines().last().map(|l| serde_json::from_str::<AuditEvent>(l).unwrap().hash), Some(capped.audit_head()));

    // The default keeps DEFAULT_AUDIT_RETENTION events.
    let default = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    block_on(default.orchestrate(&i)).unwrap();
    assert_eq!(default.audit_forgotten(), 0);
    assert_eq!(default.audit_base(), GENESIS_HASH);
    const { assert!(DEFAULT_AUDIT_RETENTION >= 1_000) };

    // Draining: segments handed to the host concatenate into one verifiable trail, even when
    // each is smaller than the cap and executions happen in between.
    let flux = Flux::builder().ledger(MemoryLedger::new()).audit_retention(1_000).build().unwrap();
    let mut stored = String::new();
    for round in 0..3 {
        let p = block_on(flux.orchestrate(&i)).unwrap();
        block_on(flux.execute_with(&p.cart, Some(&format!("round-{round}")), Approval::default())).unwrap();
        let before = flux.audit_head();
        let segment = flux.take_audit_jsonl();
        assert!(!segment.is_empty());
        assert_eq!(flux.audit_jsonl(), "");
        assert_eq!(flux.audit_base(), before);
        stored.push_str(&segment);
    }
    assert_eq!(flux.audit_forgotten(), 0);
    let n = verify_audit_jsonl_with_head(&stored, &flux.audit_head()).unwrap();
    assert!(n >= 9, "{n} events");
}

/// A memory ledger that cannot record how an attempt ended.
struct CannotFinish(MemoryLedger);

impl Ledger for CannotFinish {
    fn begin<'a>(&'a self, begin: Begin<'a>) -> BoxFuture<'a, Result<Begun, LedgerError>> {
        self.0.begin(begin)
    }
    fn finish<'a>(&'a self, _: &'a str, _: u64, _: Finish<'a>) -> BoxFuture<'a, Result<(), LedgerError>> {
        Box::pin(std::future::ready(Err(LedgerError::Unavailable { reason: "connection closed".into() })))
    }
    fn spent<'a>(&'a self, windows: &'a [WindowLimit], now: u64) -> BoxFuture<'a, Result<Vec<Amount>, LedgerError>> {
        self.0.spent(windows, now)
    }
    fn approval_used<'a>(&'a self, id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<bool, LedgerError>> {
        self.0.approval_used(id, except)
    }
    fn recorded<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Settlement>, LedgerError>> {
        self.0.recorded(key)
    }
    fn cart_paid_under<'a>(&'a self, cart_id: &'a str, except: Option<&'a str>) -> BoxFuture<'a, Result<Option<String>, LedgerError>> {
        self.0.cart_paid_under(cart_id, except)
    }
    fn name(&self) -> &'static str {
        "cannot-finish"
    }
}

#[test]
fn a_ledger_that_cannot_record_the_end_never_hides_a_payment() {
    // The settlement went through, then recording its end failed: the caller heard
    // LEDGER_UNAVAILABLE ("nothing was paid by this call") for a cart that was paid.
    let flux = Flux::builder().ledger(CannotFinish(MemoryLedger::new())).clock(FixedClock(1_767_225_600_000)).build().unwrap();
    let cart = block_on(flux.orchestrate(&intent("24 energy drinks", "100", 7, Strategy::Balanced))).unwrap().cart;
    let s = block_on(flux.execute_with(&cart, Some("order-1"), Approval::default())).unwrap();
    assert_eq!(s.status, SettlementStatus::Success);
    assert!(flux.audit_jsonl().contains("ledger.finish_failed"));
    // The attempt stays the key's, its spend counted, until its lease ends and it resumes.
    assert_eq!(block_on(flux.execute_with(&cart, Some("order-1"), Approval::default())).unwrap_err().code(), "IN_FLIGHT");
    assert_eq!(block_on(flux.window_spend()).unwrap()[0].1, cart.total());
}

#[test]
fn an_edited_line_is_explained_against_its_need_not_its_whole_category() {
    // Setting the energy drinks to the units they had re-explained them against bottled water:
    // "Alternative (score 623/1000): 30.742 USDC above the lowest price"; the hub replaced by the
    // runner-up was "43.99 USDC above the lowest price" where the plan said 6.00.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let i = intent("24 energy drinks and 3 usb-c hubs", "500", 7, Strategy::Balanced);
    let p = block_on(flux.orchestrate(&i)).unwrap();
    let drinks = p.cart.lines().iter().find(|l| l.need == "energy drinks").unwrap();
    let same = block_on(flux.set_units(&p.cart, &drinks.id, drinks.units, &i)).unwrap();
    assert_eq!(same.id(), p.cart_id);
    let edited = same.line(&drinks.id).unwrap();
    assert_eq!((&edited.reason, edited.ai_score, &edited.need), (&drinks.reason, drinks.ai_score, &drinks.need));
    let hubs = p.alternatives.iter().find(|a| a.need.item == "usb-c hubs").unwrap();
    let line = p.cart.lines().iter().find(|l| l.need == "usb-c hubs").unwrap();
    let runner_up = &hubs.options[1];
    let replaced = block_on(flux.replace_line(&p.cart, &line.id, &runner_up.offer_id, line.units, &i)).unwrap();
    let new_line = replaced.line(&runner_up.offer_id).unwrap();
    assert_eq!((&new_line.reason, new_line.ai_score), (&runner_up.reason, runner_up.score.total / 10));
    // Within the plan's deadline, and under the policy the plan was made under, as the plan ranked.
    for days in [1, 3] {
        let i = intent("24 energy drinks, 3 usb-c hubs and 40 badges", "500", days, Strategy::Balanced);
        let p = block_on(flux.orchestrate(&i)).unwrap();
        for line in p.cart.lines() {
            let same = block_on(flux.set_units(&p.cart, &line.id, line.units, &i)).unwrap();
            let edited = same.line(&line.id).unwrap();
            // Set to the units its packs hold, the line asks for them: no "units for the N asked".
            let planned = line.reason.split("; sold in packs of").next().unwrap_or_default();
            assert_eq!((edited.reason.as_str(), &edited.ai_reason), (planned, &line.ai_reason), "{days} days, {}", line.need);
        }
    }
}

#[test]
fn a_plan_buys_only_from_merchants_the_policy_pays() {
    // The planner took the cheapest merchant whatever the policy, so a policy without Walmart on
    // its allowlist denied the proposed cart (MERCHANT_NOT_ALLOWED) and nothing could be paid.
    let demo = Policy::demo().to_document();
    let restricted = |allow: &[&str]| {
        let mut doc = demo.clone();
        doc.rules.allowlist = Some(allow.iter().map(|m| (*m).to_owned()).collect());
        Policy::new(doc.merchants, doc.rules).unwrap()
    };
    let i = intent("24 energy drinks and 40 conference badges", "200", 7, Strategy::Balanced);
    let open = block_on(Flux::builder().ledger(MemoryLedger::new()).build().unwrap().orchestrate(&i)).unwrap();
    assert!(open.cart.lines().iter().any(|l| l.vendor_id == "walmart"), "{:?}", open.cart.lines());
    let flux = Flux::builder().ledger(MemoryLedger::new()).policy(restricted(&["amazon", "tech_direct"])).build().unwrap();
    let p = block_on(flux.orchestrate(&i)).unwrap();
    assert!(p.unmet.is_empty(), "{:?}", p.unmet);
    let ranked = p.alternatives.iter().flat_map(|a| &a.options).map(|o| o.vendor_id.as_str());
    assert!(p.cart.lines().iter().map(|l| l.vendor_id.as_str()).chain(ranked).all(|v| v != "walmart"));
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart));
    // A need only merchants off the allowlist sell is unmet, and says why.
    let flux = Flux::builder().ledger(MemoryLedger::new()).policy(restricted(&["tech_direct"])).build().unwrap();
    let p = block_on(flux.orchestrate(&intent("24 energy drinks and 10 hdmi cables", "200", 7, Strategy::Balanced))).unwrap();
    let unmet: Vec<(&str, &str)> = p.unmet.iter().map(|u| (u.item.as_str(), u.reason.as_str())).collect();
    assert_eq!(unmet, [("energy drinks", "merchant_not_allowed")]);
    assert!(p.cart.lines().iter().all(|l| l.vendor_id == "tech_direct"));
}

#[test]
fn a_brand_after_like_is_what_is_asked_not_another_line() {
    // "20 energy drinks like Red Bull" bought 20 energy drinks and 48 cans of Red Bull besides.
    let flux = Flux::builder().ledger(MemoryLedger::new()).build().unwrap();
    let p = block_on(flux.orchestrate(&intent("20 energy drinks like Red Bull", "300", 7, Strategy::Balanced))).unwrap();
    let needs: Vec<(&str, u32, &[String])> = p.needs.iter().map(|n| (n.item.as_str(), n.quantity, n.attributes.as_slice())).collect();
    assert_eq!(needs, [("energy drinks", 20, &["red bull".to_owned()][..])]);
    assert_eq!(p.cart.lines().len(), 1);
    assert!(p.cart.lines()[0].name.contains("Red Bull"), "{}", p.cart.lines()[0].name);
}
