//! Rentals priced per day are paid for the days they are kept. "50 chairs for a 3-day
//! conference" priced one day of chairs; it now rents them for three, and the cart, the gate,
//! edits and receipts all hold to that quote.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use flux_core::*;
use serde_json::{json, Value};

fn flux() -> (Flux, Arc<MemorySettler>) {
    let recorder = Arc::new(MemorySettler::default());
    let flux = Flux::builder().ledger(MemoryLedger::new()).settler(recorder.clone()).clock(FixedClock(1_764_000_000_000)).build().unwrap();
    (flux, recorder)
}

fn intent(prompt: &str) -> Intent {
    Intent::new(prompt, Amount::whole(3000), 7, Strategy::Balanced).unwrap()
}

fn orchestrate(flux: &Flux, prompt: &str) -> Proposal {
    block_on(flux.orchestrate(&intent(prompt))).unwrap()
}

/// The offer a line derives from, and the days it is rented for (1: bought or rented for a day).
fn stay(line: &CartLine) -> (String, u32) {
    match line.id.rsplit_once('@') {
        Some((base, days)) => (base.to_owned(), days.trim_end_matches('d').parse().unwrap()),
        None => (line.id.clone(), 1),
    }
}

fn lines(p: &Proposal) -> Vec<Value> {
    serde_json::from_str::<Value>(&p.cart.canonical_json()).unwrap()["lines"].as_array().unwrap().clone()
}

#[test]
fn a_rental_is_paid_for_every_day_of_the_event() {
    let (flux, recorder) = flux();
    let catalog = EmbeddedCatalog::data();
    let p = orchestrate(&flux, "50 chairs and 8 tables for a 3-day conference");
    assert_eq!(
        p.needs.iter().map(|n| (n.item.as_str(), n.quantity, n.days)).collect::<Vec<_>>(),
        [("chairs", 50, Some(3)), ("tables", 8, Some(3))]
    );
    assert_eq!(p.cart.lines().len(), 2, "{}", p.cart.canonical_json());
    for line in p.cart.lines() {
        let (base, days) = stay(line);
        let offer = catalog.offer(&base).unwrap();
        assert_eq!(days, 3, "{}", line.id);
        assert!(offer.name.contains("(per day)"), "{}", offer.name);
        // Three days at the offer's price a day, named for them; the units are the chairs.
        assert_eq!(line.original_price.unwrap_or(line.price), offer.price.checked_mul(3).unwrap(), "{}", line.id);
        assert!(line.name.ends_with("(3 days)"), "{}", line.name);
        assert_eq!(line.units, if base.contains("chair") { 50 } else { 8 });
    }
    // One day of the same cart costs a third of it, within the rounding of a discount.
    let one_day = orchestrate(&flux, "50 chairs and 8 tables");
    assert!(one_day.needs.iter().all(|n| n.days.is_none()));
    assert!(one_day.cart.lines().iter().all(|l| !l.id.contains('@')));
    let (three, one) = (p.cart.total().units(), one_day.cart.total().units());
    assert!(three > one * 29 / 10 && three <= one * 3 + 10, "3 days {three} vs 1 day {one}");
    // The kernel's own quote is paid, and its receipt verifies against the catalog.
    assert!(flux.authorize(&p.cart).is_allowed(), "{:?}", flux.authorize(&p.cart).violations());
    let s = block_on(flux.execute_with(&p.cart, Some("rent-3-days"), Approval::default())).unwrap();
    assert_eq!((s.status.as_str(), s.total), ("success", p.cart.total()));
    assert_eq!(recorder.settlements().len(), 1);
    let bundle = ReceiptBundle::new(&p.cart, &s, None).unwrap();
    assert!(block_on(flux.verify(&bundle)).unwrap().ok);
}

#[test]
fn a_stay_said_of_the_item_or_a_rental_kit_is_read() {
    let (flux, _) = flux();
    let p = orchestrate(&flux, "rent a projector for 2 days");
    assert_eq!(p.needs[0].days, Some(2));
    let line = &p.cart.lines()[0];
    assert_eq!(stay(line).1, 2, "{}", line.id);
    assert!(line.name.contains("Projector Rental") && line.name.contains("(2 days)"), "{}", line.name);
    let p = orchestrate(&flux, "50 chairs for 3 days");
    assert_eq!(stay(&p.cart.lines()[0]).1, 3);
    // "for a week" priced one day (53.98 USDC for 2 converters).
    let p = orchestrate(&flux, "2 standing desk converters for a week");
    let line = &p.cart.lines()[0];
    assert_eq!((stay(line).1, line.units), (7, 2), "{}", line.id);
    assert!(line.name.contains("(7 days)"), "{}", line.name);
}

#[test]
fn a_deadline_or_a_shipping_time_is_no_stay() {
    let (flux, _) = flux();
    for prompt in ["50 chairs, deliver within 3 days", "50 chairs with 2-day shipping", "50 chairs in 3 days", "50 chairs, 5 days from now"]
    {
        let p = orchestrate(&flux, prompt);
        assert_eq!(p.needs[0].days, None, "{prompt}");
        assert!(p.cart.lines().iter().all(|l| !l.id.contains('@')), "{prompt}: {}", p.cart.canonical_json());
    }
}

#[test]
fn what_is_bought_outright_or_used_up_is_not_multiplied() {
    let (flux, _) = flux();
    // Monitors are bought, not rented: the stay changes nothing.
    let p = orchestrate(&flux, "3 monitors for a 3-day conference");
    assert!(p.cart.lines().iter().all(|l| !l.id.contains('@')), "{}", p.cart.canonical_json());
    assert_eq!(p.cart.lines().iter().map(|l| l.units).sum::<u32>(), 3);
    // Snacks are used up: their count is read per day elsewhere, never as a stay.
    let p = orchestrate(&flux, "snacks for a 3-day hackathon, 20 people");
    assert!(p.needs.iter().all(|n| n.days.is_none()), "{:?}", p.needs);
    // What no merchant rents is bought, not kept: the plan says no stay for it.
    let p = orchestrate(&flux, "a 3-day hackathon: 40 t-shirts, 2 routers and 30 chairs");
    let days: Vec<(&str, Option<u32>)> = p.needs.iter().map(|n| (n.item.as_str(), n.days)).collect();
    assert_eq!(days, [("t-shirts", None), ("routers", None), ("chairs", Some(3))]);
}

#[test]
fn a_stay_edited_by_the_client_is_refused() {
    let (flux, recorder) = flux();
    let p = orchestrate(&flux, "50 chairs for 3 days");
    let edits: [(&str, Value, &[&str]); 4] = [
        // The three-day price under a one-day id is no quote of it, nor of any other stay.
        (
            "id",
            json!(lines(&p)[0]["id"].as_str().unwrap().replace("@3d", "")),
            &["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED", "DETAILS_NOT_QUOTED"],
        ),
        (
            "id",
            json!(lines(&p)[0]["id"].as_str().unwrap().replace("@3d", "@2d")),
            &["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED", "DETAILS_NOT_QUOTED"],
        ),
        ("id", json!(lines(&p)[0]["id"].as_str().unwrap().replace("@3d", "@03d")), &["UNKNOWN_OFFER"]),
        ("id", json!(lines(&p)[0]["id"].as_str().unwrap().replace("@3d", "@999999d")), &["UNKNOWN_OFFER"]),
    ];
    for (field, value, codes) in edits {
        let mut edited = lines(&p);
        edited[0][field] = value.clone();
        let cart = Cart::from_json(&Value::from(edited).to_string()).unwrap();
        let err = block_on(flux.execute(&cart)).unwrap_err();
        let got: Vec<&str> = err.violations().iter().map(|v| v.code.as_str()).collect();
        assert_eq!(got, codes, "{value}");
    }
    // A bought item has no stay to claim.
    let bought = orchestrate(&flux, "3 monitors");
    let mut edited = lines(&bought);
    edited[0]["id"] = json!(format!("{}@3d", edited[0]["id"].as_str().unwrap()));
    let err = block_on(flux.execute(&Cart::from_json(&Value::from(edited).to_string()).unwrap())).unwrap_err();
    assert_eq!(err.violations().iter().map(|v| v.code.as_str()).collect::<Vec<_>>(), ["UNKNOWN_OFFER"]);
    assert!(recorder.settlements().is_empty());
}

#[test]
fn an_edit_of_a_rental_keeps_its_stay() {
    let (flux, _) = flux();
    let asked = intent("50 chairs for 3 days");
    let p = block_on(flux.orchestrate(&asked)).unwrap();
    let line = p.cart.lines()[0].clone();
    let more = block_on(flux.set_units(&p.cart, &line.id, 60, &asked)).unwrap();
    let edited = &more.lines()[0];
    assert_eq!((edited.id.as_str(), edited.units), (line.id.as_str(), 60));
    assert!(edited.line_total > line.line_total);
    assert!(flux.authorize(&more).is_allowed(), "{:?}", flux.authorize(&more).violations());
}

#[test]
fn a_rental_and_a_days_hire_of_one_offer_share_its_stock() {
    // Caps above the stock's worth, so only the stock stands in the way.
    let mut doc = Policy::demo().to_document();
    (doc.rules.max_budget_cap, doc.rules.per_transfer_cap, doc.rules.window) = (Amount::whole(100_000), None, None);
    let recorder = Arc::new(MemorySettler::default());
    let policy = Policy::new(doc.merchants, doc.rules).unwrap();
    let flux = Flux::builder().ledger(MemoryLedger::new()).settler(recorder.clone()).policy(policy).build().unwrap();
    let stock = EmbeddedCatalog::data().offer("amz-furniture-rental-chair").unwrap().stock;
    let cart_of = |prompt: &str, offer: &str, units: u32| {
        let asked = Intent::new(prompt, Amount::whole(50_000), 7, Strategy::Balanced).unwrap();
        let p = block_on(flux.orchestrate(&asked)).unwrap();
        let cart = block_on(flux.replace_line(&p.cart, &p.cart.lines()[0].id, offer, units, &asked)).unwrap();
        serde_json::from_str::<Value>(&cart.canonical_json()).unwrap()["lines"][0].clone()
    };
    let (day, stay) = (stock / 2 + 1, stock / 2 + 1);
    let lines =
        vec![cart_of("chairs", "amz-furniture-rental-chair", day), cart_of("chairs for 3 days", "amz-furniture-rental-chair@3d", stay)];
    assert_eq!(lines[1]["id"], "amz-furniture-rental-chair@3d");
    let cart = Cart::from_json(&Value::from(lines).to_string()).unwrap();
    let err = block_on(flux.execute(&cart)).unwrap_err();
    let codes: Vec<&str> = err.violations().iter().map(|v| v.code.as_str()).collect();
    assert!(codes.contains(&"OUT_OF_STOCK"), "{codes:?}");
    assert!(recorder.settlements().is_empty());
}

#[test]
fn what_the_user_buys_is_never_a_rental_and_what_they_rent_never_bought() {
    let (flux, _) = flux();
    let catalog = EmbeddedCatalog::data();
    let per_day = |line: &CartLine| catalog.offer(&stay(line).0).unwrap().per_day();
    // "buy" rented a projector kit for the event's three days (428.97 USDC); it buys a projector.
    let p = orchestrate(&flux, "We have 5 rooms; buy 1 projector for the big room and 3 HDMI cables per room, 3-day event");
    assert_eq!(p.needs[0].tenure, Some(Tenure::Buy));
    let projector = p.cart.lines().iter().find(|l| l.category == "av_gear").unwrap();
    assert!(!per_day(projector) && projector.name.contains("Projector") && projector.units == 1, "{}", projector.name);
    assert!(p.cart.lines().iter().all(|l| stay(l).1 == 1));
    let ranked = p.alternatives.iter().find(|r| r.need.item == "projector").unwrap();
    // The four projector rental kits, said so.
    assert_eq!(ranked.excluded_counts.get(&ExclusionReason::NotForSale), Some(&4), "{:?}", ranked.excluded_counts);
    // The catalog only rents chairs: bought, they are unmet, and no rental is paid instead.
    let p = orchestrate(&flux, "buy 50 chairs for our 3-day conference");
    assert!(p.cart.lines().is_empty());
    assert_eq!(p.unmet.iter().map(|u| (u.item.as_str(), u.reason)).collect::<Vec<_>>(), [("chairs", UnmetReason::NotForSale)]);
    // Rented, nothing bought outright: the chairs for their days; mics only sold are unmet.
    let p = orchestrate(&flux, "rent 40 chairs for the weekend and rent 2 wireless mics");
    let chairs: Vec<_> = p.cart.lines().iter().map(|l| (per_day(l), stay(l).1, l.units)).collect();
    assert_eq!(chairs, [(true, 2, 40)]);
    assert_eq!(p.unmet.iter().map(|u| (u.item.as_str(), u.reason)).collect::<Vec<_>>(), [("wireless mics", UnmetReason::NotForRent)]);
    // Said neither way, the cheaper rental still serves a stay.
    let p = orchestrate(&flux, "2 projectors for a 3-day event");
    assert!(p.needs[0].tenure.is_none() && p.cart.lines().iter().all(|l| per_day(l) && stay(l).1 == 3));
}
