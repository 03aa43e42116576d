use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::cart::CartLine;

const TOML: &str = r#"
[[merchants]]
id = "amazon"
name = "Amazon"
payout_address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"

[[merchants]]
id = "walmart"
name = "Walmart"
payout_address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"

[[merchants]]
id = "tech_direct"
name = "TechData"
payout_address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906"

[[merchants]]
id = "suspended"
name = "Suspended Co"
payout_address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"

[rules]
allowlist = ["amazon", "walmart", "tech_direct"]
max_budget_cap = "500"
per_transfer_cap = "300"
per_merchant_caps = { walmart = "200" }
max_lines = 10
allowed_chain_ids = [5042002]
allowed_tokens = ["0x3600000000000000000000000000000000000000"]
approval_threshold = "450"
approvers = ["ed25519:ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"]

[rules.window]
seconds = 86400
limit = "1000"
"#;

fn policy() -> Policy {
    Policy::from_toml(TOML).unwrap()
}

/// The approver of the test policy (its public key is in `TOML`).
const APPROVER_SECRET: [u8; 32] = [7; 32];

/// A valid approval of `cart` under `p` at `now` (it expires ten minutes later) when `approved`
/// and the cart needs one; else none.
fn approval_for(p: &Policy, cart: &Cart, approved: bool, now: u64) -> Approval {
    if approved && p.needs_approval(cart) {
        Approval::sign_ed25519(&APPROVER_SECRET, &cart.id(), p.hash(), now + 600, "test-approval")
    } else {
        Approval::default()
    }
}

fn amt(s: &str) -> Amount {
    Amount::parse(s).unwrap()
}

fn line(id: &str, vendor: &str, price: &str, qty: u32) -> CartLine {
    let price = amt(price);
    CartLine {
        id: id.into(),
        name: id.into(),
        price,
        original_price: None,
        quantity: qty,
        line_total: price.checked_mul(u64::from(qty)).unwrap(),
        vendor_name: vendor.into(),
        vendor_id: vendor.into(),
        trust_score: 90,
        delivery_days: 2,
        ai_score: 90,
        reason: String::new(),
        ai_reason: String::new(),
        category: "snacks".into(),
        need: String::new(),
        units: qty,
        discounts: Vec::new(),
    }
}

fn arc() -> Target {
    Target::arc_testnet()
}

fn codes(d: &Decision) -> Vec<&'static str> {
    d.violations().iter().map(|v| v.code.as_str()).collect()
}

#[test]
fn allows_a_good_cart_with_legs_from_the_registry() {
    let p = policy();
    let cart = Cart::new(vec![line("a", "amazon", "100", 2), line("b", "walmart", "50", 1), line("c", "amazon", "10", 1)]).unwrap();
    let Decision::Allow(a) = p.authorize(&cart, &arc(), &SpendState::default(), 1_000) else { panic!("denied") };
    assert_eq!(a.total(), amt("260"));
    assert_eq!(a.legs().len(), 2);
    assert_eq!(a.legs()[0].merchant_id, "amazon");
    assert_eq!(a.legs()[0].amount, amt("210"));
    assert_eq!(a.legs()[0].payout, p.merchant("amazon").unwrap().payout_address);
    assert_eq!(a.cart_id(), cart.id());
    assert_eq!(a.policy_hash(), p.hash());
}

#[test]
fn lists_every_violation_with_its_line() {
    let p = policy();
    let cart = Cart::new(vec![
        line("a", "evil_corp", "10", 1),
        line("a", "suspended", "10", 1),
        line("w", "walmart", "250", 1),
        line("t", "tech_direct", "0.000001", 1),
    ])
    .unwrap();
    let target = Target { chain_id: 1, token: Address::ZERO };
    let d = p.authorize(&cart, &target, &SpendState::default(), 0);
    assert_eq!(
        codes(&d),
        vec!["CHAIN_NOT_ALLOWED", "TOKEN_NOT_ALLOWED", "UNKNOWN_MERCHANT", "MERCHANT_NOT_ALLOWED", "DUPLICATE_LINE", "OVER_MERCHANT_CAP"]
    );
    assert_eq!(d.violations()[2].line, Some(0));
    assert_eq!(d.violations()[3].line, Some(1));
    assert_eq!(d.violations()[5].merchant.as_deref(), Some("walmart"));
}

#[test]
fn caps_window_approval_and_shape() {
    let p = policy();
    let none = SpendState::default();
    let empty = Cart::new(vec![]).unwrap();
    assert_eq!(codes(&p.authorize(&empty, &arc(), &none, 0)), vec!["EMPTY_CART"]);
    let many = Cart::new((0..11).map(|i| line(&format!("l{i}"), "amazon", "1", 1)).collect()).unwrap();
    assert_eq!(codes(&p.authorize(&many, &arc(), &none, 0)), vec!["TOO_MANY_LINES"]);
    let big = Cart::new(vec![line("a", "amazon", "290", 1), line("b", "tech_direct", "290", 1)]).unwrap();
    assert_eq!(codes(&p.authorize(&big, &arc(), &none, 0)), vec!["OVER_BUDGET_CAP", "APPROVAL_REQUIRED"]);
    let one_leg = Cart::new(vec![line("a", "amazon", "301", 1)]).unwrap();
    assert_eq!(codes(&p.authorize(&one_leg, &arc(), &none, 0)), vec!["OVER_TRANSFER_CAP"]);
    let approval = Cart::new(vec![line("a", "amazon", "250", 1), line("b", "tech_direct", "210", 1)]).unwrap();
    assert_eq!(codes(&p.authorize(&approval, &arc(), &none, 0)), vec!["APPROVAL_REQUIRED"]);
    assert!(p.authorize_with(&approval, &arc(), &none, 0, &approval_for(&p, &approval, true, 0)).is_allowed());
    let other = Cart::new(vec![line("a", "amazon", "250", 1), line("b", "tech_direct", "211", 1)]).unwrap();
    assert_eq!(
        codes(&p.authorize_with(&other, &arc(), &none, 0, &approval_for(&p, &approval, true, 0))),
        vec!["APPROVAL_WRONG_CART"],
        "approval is per cart"
    );
    // Rolling window: 900 spent within the last day, 200 more breaks the 1000 limit; 2 days later it is fine.
    let spent = SpendState { records: vec![SpendRecord { at: 100_000, merchant_id: "amazon".into(), amount: amt("900"), key: None }] };
    let cart = Cart::new(vec![line("a", "amazon", "200", 1)]).unwrap();
    assert_eq!(codes(&p.authorize(&cart, &arc(), &spent, 100_500)), vec!["WINDOW_LIMIT_EXCEEDED"]);
    assert!(p.authorize(&cart, &arc(), &spent, 100_000 + 86_400).is_allowed());
    // A record dated slightly in the future (a skewed clock elsewhere) still counts.
    assert_eq!(codes(&p.authorize(&cart, &arc(), &spent, 99_990)), vec!["WINDOW_LIMIT_EXCEEDED"]);
    // A zero-priced line and an inconsistent line.
    let mut bad = line("z", "amazon", "1", 2);
    bad.line_total = amt("1");
    let cart = Cart::new(vec![line("f", "amazon", "0", 1), bad]).unwrap();
    assert_eq!(codes(&p.authorize(&cart, &arc(), &none, 0)), vec!["ZERO_AMOUNT", "INCONSISTENT_LINE"]);
}

#[test]
fn pure_and_deterministic() {
    let p = policy();
    let cart = Cart::new(vec![line("a", "amazon", "100", 2), line("b", "evil", "1", 1)]).unwrap();
    let a = p.authorize(&cart, &arc(), &SpendState::default(), 5);
    let b = p.authorize(&cart, &arc(), &SpendState::default(), 5);
    assert_eq!(crate::to_canonical_json(&a), crate::to_canonical_json(&b));
    assert_eq!(p.hash(), policy().hash());
    assert_eq!(
        Policy::from_json(
            &serde_json::to_string(&serde_json::json!({
                "merchants": p.merchants().collect::<Vec<_>>(), "rules": p.rules()
            }))
            .unwrap()
        )
        .unwrap()
        .hash(),
        p.hash(),
        "the same policy in JSON has the same hash"
    );
    // A policy's own JSON reads back as the same policy.
    let again = Policy::from_json(&crate::to_canonical_json(&p)).unwrap();
    assert_eq!(again, p);
    assert_eq!(again.hash(), p.hash());
}

#[test]
fn invalid_policies_fail_at_load() {
    let cases = [
        (TOML.replace("per_transfer_cap = \"300\"", "per_transfer_cap = \"600\""), "INVALID_POLICY"),
        (TOML.replace("walmart = \"200\"", "walmart = \"900\""), "INVALID_POLICY"),
        (TOML.replace("id = \"walmart\"", "id = \"amazon\""), "DUPLICATE_MERCHANT"),
        (TOML.replace("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BD"), "MALFORMED_POLICY"),
        (TOML.replace("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x3C44"), "MALFORMED_POLICY"),
        (TOML.replace("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x0000000000000000000000000000000000000000"), "INVALID_POLICY"),
        (TOML.replace("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), "INVALID_POLICY"),
        (TOML.replace("\"tech_direct\"]", "\"nobody\"]"), "INVALID_POLICY"),
        (TOML.replace("max_budget_cap = \"500\"", "max_budget_cap = \"-5\""), "MALFORMED_POLICY"),
        (TOML.replace("max_budget_cap = \"500\"", "max_budget_cap = \"500.0000001\""), "MALFORMED_POLICY"),
        (TOML.replace("max_lines = 10", "max_lines = 0"), "INVALID_POLICY"),
        (TOML.replace("allowed_chain_ids = [5042002]", "allowed_chain_ids = []"), "INVALID_POLICY"),
        (TOML.replace("allowed_tokens = [\"0x3600000000000000000000000000000000000000\"]", "allowed_tokens = []"), "INVALID_POLICY"),
        (TOML.replace("max_lines = 10", "max_lines = 10\nsurprise = true"), "MALFORMED_POLICY"),
        ("not = [toml".to_owned(), "MALFORMED_POLICY"),
    ];
    for (text, code) in cases {
        let err = Policy::from_toml(&text).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
    }
    // A duplicate merchant id (with distinct addresses) has its own code.
    let dup = TOML.replace("id = \"suspended\"", "id = \"walmart\"");
    assert_eq!(Policy::from_toml(&dup).unwrap_err().code(), "DUPLICATE_MERCHANT");
    assert!(Policy::from_json("{\"merchants\": [], \"rules\": {\"max_budget_cap\": 1e400}}").is_err());
}

#[test]
fn chain_and_token_default_to_arc_usdc_when_omitted() {
    let text = TOML
        .replace("allowed_chain_ids = [5042002]\n", "")
        .replace("allowed_tokens = [\"0x3600000000000000000000000000000000000000\"]\n", "");
    let p = Policy::from_toml(&text).unwrap();
    assert_eq!(p.rules().allowed_chain_ids, vec![crate::ARC_TESTNET_CHAIN_ID]);
    assert_eq!(p.rules().allowed_tokens, vec![crate::ARC_TESTNET_USDC]);
    let cart = Cart::new(vec![line("a", "amazon", "1", 1)]).unwrap();
    let elsewhere = Target { chain_id: 1, token: Address::from_bytes([9; 20]) };
    assert_eq!(codes(&p.authorize(&cart, &elsewhere, &SpendState::default(), 0)), vec!["CHAIN_NOT_ALLOWED", "TOKEN_NOT_ALLOWED"]);
}

#[test]
fn the_demo_policy_loads() {
    let p = Policy::demo();
    assert_eq!(p.merchants().count(), 3);
    assert_eq!(p.rules().allowed_chain_ids, vec![crate::ARC_TESTNET_CHAIN_ID]);
}

// ---- Property: no cart that breaks a rule is ever approved (and every clean cart is). ----

/// An independent statement of the rules, written without looking at `authorize`'s structure.
fn breaks_a_rule(p: &Policy, cart: &Cart, target: &Target, spend: &SpendState, now: u64, approved: bool) -> bool {
    let r = p.rules();
    let lines = cart.lines();
    if lines.is_empty() || lines.len() > r.max_lines as usize {
        return true;
    }
    if !r.allowed_chain_ids.contains(&target.chain_id) {
        return true;
    }
    if !r.allowed_tokens.contains(&target.token) {
        return true;
    }
    let allow: BTreeSet<&str> = match &r.allowlist {
        Some(a) => a.iter().map(String::as_str).collect(),
        None => p.merchants().map(|m| m.id.as_str()).collect(),
    };
    let mut ids = BTreeSet::new();
    let mut per: BTreeMap<&str, u128> = BTreeMap::new();
    for l in lines {
        if p.merchant(&l.vendor_id).is_none() || !allow.contains(l.vendor_id.as_str()) || !ids.insert(&l.id) {
            return true;
        }
        if l.price.units() == 0 || u128::from(l.price.units()) * u128::from(l.quantity) != u128::from(l.line_total.units()) {
            return true;
        }
        *per.entry(&l.vendor_id).or_default() += u128::from(l.line_total.units());
    }
    let total: u128 = per.values().sum();
    if total > u128::from(Amount::MAX.units()) || total > u128::from(r.max_budget_cap.units()) {
        return true;
    }
    for (m, v) in &per {
        if r.per_transfer_cap.is_some_and(|c| *v > u128::from(c.units())) {
            return true;
        }
        if r.per_merchant_caps.get(*m).is_some_and(|c| *v > u128::from(c.units())) {
            return true;
        }
    }
    if let Some(w) = &r.window {
        let spent: u128 = spend.records.iter().filter(|s| s.at > now.saturating_sub(w.seconds)).map(|s| u128::from(s.amount.units())).sum();
        if spent + total > u128::from(w.limit.units()) {
            return true;
        }
    }
    if r.approval_threshold.is_some_and(|t| total > u128::from(t.units())) && !approved {
        return true;
    }
    false
}

fn hostile_line() -> impl Strategy<Value = CartLine> {
    let vendor = prop_oneof![
        4 => Just("amazon".to_owned()),
        3 => Just("walmart".to_owned()),
        3 => Just("tech_direct".to_owned()),
        1 => Just("suspended".to_owned()),
        1 => Just("evil_corp".to_owned()),
        1 => Just("".to_owned()),
        1 => Just("AMAZON".to_owned()),
        1 => Just("amazon ".to_owned()),
    ];
    let price = prop_oneof![
        6 => 1u64..150_000_000,
        1 => Just(0u64),
        1 => Just(1u64),
        1 => 290_000_000u64..310_000_000,
        1 => Amount::MAX.units() - 10..=Amount::MAX.units(),
    ];
    let id = prop_oneof![3 => (0u8..40).prop_map(|i| format!("o{i}")), 1 => Just("dup".to_owned())];
    (id, vendor, price, 1u32..4, any::<bool>(), any::<u8>()).prop_map(|(id, vendor, price, qty, tamper, delta)| {
        let price = Amount::from_units(price).unwrap();
        let total = price.checked_mul(u64::from(qty)).unwrap_or(Amount::MAX);
        let line_total =
            if tamper && delta < 16 { Amount::from_units(total.units().saturating_sub(u64::from(delta) + 1)).unwrap() } else { total };
        CartLine {
            id,
            name: "x".into(),
            price,
            original_price: None,
            quantity: qty,
            line_total,
            vendor_name: vendor.clone(),
            vendor_id: vendor,
            trust_score: 0,
            delivery_days: 0,
            ai_score: 0,
            reason: String::new(),
            ai_reason: String::new(),
            category: String::new(),
            need: String::new(),
            units: qty,
            discounts: Vec::new(),
        }
    })
}

fn hostile_case() -> impl Strategy<Value = (Vec<CartLine>, Target, SpendState, u64, bool)> {
    let target = prop_oneof![
        8 => Just(Target::arc_testnet()),
        1 => Just(Target { chain_id: 1, token: crate::ARC_TESTNET_USDC }),
        1 => Just(Target { chain_id: crate::ARC_TESTNET_CHAIN_ID, token: Address::from_bytes([7; 20]) }),
    ];
    let spend = prop::collection::vec((0u64..200_000, 0u64..400_000_000), 0..4).prop_map(|v| SpendState {
        records: v
            .into_iter()
            .map(|(at, a)| SpendRecord { at, merchant_id: "amazon".into(), amount: Amount::from_units(a).unwrap(), key: None })
            .collect(),
    });
    (prop::collection::vec(hostile_line(), 0..13), target, spend, 0u64..200_000, any::<bool>())
}

/// SplitMix64: a tiny deterministic generator, so the 100,000-case sweep is cheap and repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Draws from the same hostile distribution as the proptest strategies, without their overhead.
fn hostile_case_from(rng: &mut Rng) -> (Vec<CartLine>, Target, SpendState, u64, bool) {
    const VENDORS: [&str; 10] =
        ["amazon", "amazon", "walmart", "walmart", "tech_direct", "tech_direct", "suspended", "evil_corp", "", "AMAZON"];
    let n = rng.below(13) as usize;
    let lines = (0..n)
        .map(|_| {
            let vendor = VENDORS[rng.below(VENDORS.len() as u64) as usize];
            let price = match rng.below(10) {
                0 => 0,
                1 => 1,
                2 => 290_000_000 + rng.below(20_000_000),
                3 => Amount::MAX.units() - rng.below(10),
                _ => 1 + rng.below(150_000_000),
            };
            let id = if rng.below(4) == 0 { "dup".to_owned() } else { format!("o{}", rng.below(40)) };
            let qty = 1 + rng.below(3) as u32;
            let price = Amount::from_units(price).unwrap();
            let total = price.checked_mul(u64::from(qty)).unwrap_or(Amount::MAX);
            let line_total =
                if rng.below(16) == 0 { Amount::from_units(total.units().saturating_sub(1 + rng.below(5))).unwrap() } else { total };
            CartLine {
                id,
                price,
                quantity: qty,
                line_total,
                vendor_id: vendor.into(),
                vendor_name: vendor.into(),
                ..line("x", "amazon", "1", 1)
            }
        })
        .collect();
    let target = match rng.below(10) {
        0 => Target { chain_id: 1, token: crate::ARC_TESTNET_USDC },
        1 => Target { chain_id: crate::ARC_TESTNET_CHAIN_ID, token: Address::from_bytes([7; 20]) },
        _ => Target::arc_testnet(),
    };
    let spend = SpendState {
        records: (0..rng.below(4))
            .map(|_| SpendRecord {
                at: rng.below(200_000),
                merchant_id: "amazon".into(),
                amount: Amount::from_units(rng.below(400_000_000)).unwrap(),
                key: None,
            })
            .collect(),
    };
    (lines, target, spend, rng.below(200_000), rng.below(2) == 0)
}

fn check_case(p: &Policy, (lines, target, spend, now, approved): (Vec<CartLine>, Target, SpendState, u64, bool)) -> Result<bool, String> {
    let Ok(cart) = Cart::new(lines) else { return Ok(false) };
    let decision = p.authorize_with(&cart, &target, &spend, now, &approval_for(p, &cart, approved, now));
    let bad = breaks_a_rule(p, &cart, &target, &spend, now, approved);
    match &decision {
        Decision::Allow(a) => {
            if bad {
                return Err(format!("approved a cart that breaks a rule: {}", cart.canonical_json()));
            }
            let sum: u64 = a.legs().iter().map(|l| l.amount.units()).sum();
            if sum != cart.total().units() {
                return Err("legs do not add up to the total".into());
            }
            for leg in a.legs() {
                if Some(leg.payout) != p.merchant(&leg.merchant_id).map(|m| m.payout_address) {
                    return Err("a leg pays an address not in the registry".into());
                }
            }
            Ok(true)
        }
        Decision::Deny { violations } if !bad || violations.is_empty() => Err(format!("denied a clean cart: {violations:?}")),
        Decision::Deny { .. } => Ok(false),
    }
}

#[test]
fn one_hundred_thousand_hostile_carts_never_yield_an_approval_they_should_not() {
    let p = policy();
    let mut rng = Rng(0x00F1_0C0D_E5EE_D000);
    let (mut allowed, mut denied) = (0u32, 0u32);
    for i in 0..100_000 {
        match check_case(&p, hostile_case_from(&mut rng)) {
            Ok(true) => allowed += 1,
            Ok(false) => denied += 1,
            Err(e) => panic!("case {i}: {e}"),
        }
    }
    // The distribution must exercise both outcomes, or the sweep proves little.
    assert!(allowed > 2_000 && denied > 50_000, "allowed {allowed}, denied {denied}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn no_rule_breaking_cart_is_ever_approved((lines, target, spend, now, approved) in hostile_case()) {
        let p = policy();
        let Ok(cart) = Cart::new(lines) else { return Ok(()) };
        let decision = p.authorize_with(&cart, &target, &spend, now, &approval_for(&p, &cart, approved, now));
        let bad = breaks_a_rule(&p, &cart, &target, &spend, now, approved);
        match &decision {
            Decision::Allow(a) => {
                prop_assert!(!bad, "approved a cart that breaks a rule");
                // Legs pay registry addresses, sum to the total, one per merchant.
                let sum: u64 = a.legs().iter().map(|l| l.amount.units()).sum();
                prop_assert_eq!(sum, cart.total().units());
                for leg in a.legs() {
                    prop_assert_eq!(Some(leg.payout), p.merchant(&leg.merchant_id).map(|m| m.payout_address));
                }
            }
            Decision::Deny { violations } => {
                prop_assert!(bad, "denied a clean cart: {:?}", violations);
                prop_assert!(!violations.is_empty());
            }
        }
    }
}
