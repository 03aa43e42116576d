//! Receipt bundles that were forged verify as `VERIFICATION_FAILED`, naming the leg and the
//! field. Each forgery here keeps every hash consistent (keccak(raw) == tx_hash, the cart id is
//! the edited cart's content hash), so only decoding the signed transactions catches it.
#![cfg(feature = "signing")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod scan;

use flux_core::{
    block_on, sign_erc20_transfer, Address, Amount, Cart, Flux, MemoryLedger, PaymentKey, ReceiptBundle, SandboxSettler, SettlementMode,
    TransferTx,
};
use serde_json::json;

/// anvil's public development key #1 (never funded anywhere that matters): the forger's key.
const OTHER_KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ATTACKER: &str = "0x000000000000000000000000000000000000dEaD";

/// A real sandbox settlement of two merchants (amazon 10.5, walmart 2 × 3), as its bundle: the
/// lines are the kernel's own quotes of a small catalog of these two offers.
fn bundle() -> (Flux, ReceiptBundle) {
    let catalog = flux_core::MemoryCatalog::from_json(
        r#"{"vendors":[{"id":"amazon","name":"Amazon","trust_score":92},{"id":"walmart","name":"Walmart","trust_score":88}],
            "offers":[{"id":"a1","vendor_id":"amazon","category":"snacks","name":"Pretzels","price":"10.5","pack_size":1,"delivery_days":1,"stock":99},
                      {"id":"w1","vendor_id":"walmart","category":"snacks","name":"Chips","price":"2","pack_size":1,"delivery_days":1,"stock":99}]}"#,
    )
    .unwrap();
    let flux = Flux::builder().ledger(MemoryLedger::new()).catalog(catalog).build().unwrap();
    let cart = Cart::from_json(
        r#"[{"id":"a1","vendor_id":"amazon","price":"10.5","name":"Pretzels"},{"id":"w1","vendor_id":"walmart","price":"2","quantity":3,"name":"Chips"}]"#,
    )
    .unwrap();
    let s = block_on(flux.execute(&cart)).unwrap();
    assert_eq!(s.mode, SettlementMode::Sandbox);
    (flux, ReceiptBundle::new(&cart, &s, Some("intent")).unwrap())
}

fn verify_err(flux: &Flux, b: &ReceiptBundle) -> String {
    let e = block_on(flux.verify(b)).expect_err("a forged bundle must not verify");
    assert_eq!(e.code(), "VERIFICATION_FAILED", "{e}");
    // The message goes into the secret scan like every other error.
    let scan = scan::Scan::new();
    scan.error("verify", &e);
    scan.assert_clean();
    e.to_string()
}

/// The cart line of `merchant` re-priced to `price` (its line total, the cart total and the
/// bundle total and cart id recomputed): a consistent forgery of what the cart paid.
fn reprice(b: &mut ReceiptBundle, merchant: &str, price: &str) {
    let lines = b.cart["lines"].as_array_mut().unwrap();
    let line = lines.iter_mut().find(|l| l["vendor_id"] == merchant).unwrap();
    let qty = line["quantity"].as_u64().unwrap_or(1);
    let price = Amount::parse(price).unwrap();
    line["price"] = json!(price.to_string());
    line["line_total"] = json!(price.checked_mul(qty).unwrap().to_string());
    rehash(b);
    let leg = b.legs.iter_mut().find(|l| l.merchant_id == merchant).unwrap();
    leg.amount = price.checked_mul(qty).unwrap();
}

/// Recomputes the cart's and bundle's totals and the cart id from the (edited) cart lines.
fn rehash(b: &mut ReceiptBundle) {
    b.cart.as_object_mut().unwrap().remove("total");
    let cart = Cart::from_json(&flux_core::to_canonical_json(&b.cart)).unwrap();
    b.cart["total"] = json!(cart.total().to_string());
    b.total = cart.total();
    b.cart_id = cart.id();
}

/// Leg `i` re-signed with `key` (same fields as the sandbox signed), hash updated.
fn resign(b: &mut ReceiptBundle, i: usize, key: &PaymentKey) {
    let leg = &b.legs[i];
    let nonce = SandboxSettler::first_nonce(&b.cart_id, &b.policy_hash, &b.idempotency_key) + i as u64;
    let mut tx: TransferTx = SandboxSettler::transaction(flux_core::Target::arc_testnet(), nonce, leg.payout, leg.amount);
    tx.chain_id = b.chain_id;
    let signed = sign_erc20_transfer(key, &tx).unwrap();
    b.legs[i].raw_tx = Some(signed.raw_tx);
    b.legs[i].tx_hash = Some(signed.tx_hash);
}

#[test]
fn a_real_sandbox_bundle_verifies_and_survives_json() {
    let (flux, b) = bundle();
    let report = block_on(flux.verify(&b)).unwrap();
    assert!(report.ok && !report.onchain);
    assert_eq!(report.legs.len(), 2);
    let back = ReceiptBundle::from_json(&b.to_json()).unwrap();
    assert!(block_on(flux.verify(&back)).unwrap().ok);
    assert!(flux_core::verify_bundle_offline(&back).unwrap().ok);
}

#[test]
fn recipient_edited() {
    let (flux, mut b) = bundle();
    b.legs[0].payout = Address::parse(ATTACKER).unwrap();
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: recipient:"), "{e}");
}

#[test]
fn amount_edited_with_the_cart() {
    let (flux, mut b) = bundle();
    reprice(&mut b, "amazon", "1050");
    assert_eq!(b.total, Amount::parse("1056").unwrap());
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: amount: the transaction transfers 10500000 base units, the leg says 1050000000"), "{e}");
}

#[test]
fn token_edited() {
    let (flux, mut b) = bundle();
    b.token = Address::parse(ATTACKER).unwrap();
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: token:"), "{e}");
}

#[test]
fn chain_edited() {
    let (flux, mut b) = bundle();
    b.chain_id = 1;
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: chain_id: the transaction is signed for chain 5042002, the bundle says 1"), "{e}");
}

#[test]
fn re_signed_by_another_key() {
    let (flux, mut b) = bundle();
    let other = PaymentKey::from_hex(OTHER_KEY).unwrap();
    resign(&mut b, 0, &other);
    resign(&mut b, 1, &other);
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: signer: the transaction is not signed by the bundle's sender"), "{e}");
    // Naming the forger as the sender does not help: a sandbox bundle is the sandbox key's.
    b.sender = Some(other.address());
    let e = verify_err(&flux, &b);
    assert!(e.contains("sender: a sandbox bundle is signed by the public sandbox key"), "{e}");
}

#[test]
fn a_re_signed_leg_for_another_chain_and_amount() {
    // The forger signs what the bundle claims (chain 1, amount 1050) with their own key.
    let (flux, mut b) = bundle();
    reprice(&mut b, "amazon", "1050");
    resign(&mut b, 0, &PaymentKey::from_hex(OTHER_KEY).unwrap());
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: signer:"), "{e}");
}

#[test]
fn raw_transactions_swapped_between_legs() {
    let (flux, mut b) = bundle();
    let (raw0, hash0) = (b.legs[0].raw_tx.clone(), b.legs[0].tx_hash.clone());
    b.legs[0].raw_tx = b.legs[1].raw_tx.clone();
    b.legs[0].tx_hash = b.legs[1].tx_hash.clone();
    b.legs[1].raw_tx = raw0;
    b.legs[1].tx_hash = hash0;
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: recipient:"), "{e}");
}

#[test]
fn total_edited() {
    let (flux, mut b) = bundle();
    b.total = Amount::parse("1.5").unwrap();
    let e = verify_err(&flux, &b);
    assert!(e.ends_with("total: the bundle says 1.5, its legs pay 16.5"), "{e}");
    // The cart's own total edited too: the cart no longer adds up.
    b.cart["total"] = json!("1.5");
    let e = verify_err(&flux, &b);
    assert!(e.contains("cart total 1.5 is not the sum of its lines"), "{e}");
}

#[test]
fn a_leg_dropped() {
    // Dropped from the legs only: the cart still owes that merchant.
    let (flux, mut b) = bundle();
    b.legs.remove(0);
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg amazon: missing: the cart owes 10.5 and no leg pays it"), "{e}");
    // Dropped with its cart lines, totals and cart id recomputed: the nonces show the gap.
    let (flux, mut b) = bundle();
    b.legs.remove(0);
    b.cart["lines"].as_array_mut().unwrap().retain(|l| l["vendor_id"] != "amazon");
    rehash(&mut b);
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg walmart: nonce: the transaction has nonce") && e.contains("follow from its cart_id"), "{e}");
}

#[test]
fn a_hash_edited() {
    let (flux, mut b) = bundle();
    let mut hash = b.legs[1].tx_hash.clone().unwrap();
    hash.replace_range(2..4, if &hash[2..4] == "00" { "11" } else { "00" });
    b.legs[1].tx_hash = Some(hash.clone());
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg walmart: tx_hash: the signed transaction does not hash to the leg's transaction hash"), "{e}");
    // The same edit with the signed bytes dropped and the leg marked as merely recorded.
    b.legs[1].raw_tx = None;
    b.legs[1].status = flux_core::LegStatus::Recorded;
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg walmart: status:"), "{e}");
    b.legs[1].status = flux_core::LegStatus::Signed;
    let e = verify_err(&flux, &b);
    assert!(e.contains("leg walmart: raw_tx: a sandbox leg must carry its signed transaction"), "{e}");
}

#[test]
fn signed_bytes_that_are_not_a_transfer() {
    let (flux, b) = bundle();
    // Garbage bytes whose hash is consistent.
    let mut junk = b.clone();
    let bytes = b"not a transaction at all";
    junk.legs[0].raw_tx = Some(format!("0x{}", hex::encode(bytes)));
    junk.legs[0].tx_hash = Some(format!("{:#x}", alloy_keccak(bytes)));
    let e = verify_err(&flux, &junk);
    assert!(e.contains("leg amazon: raw_tx: not a signed EIP-2718 transaction"), "{e}");
    // Real bytes with a byte appended.
    let mut trailing = b.clone();
    let raw = trailing.legs[0].raw_tx.clone().unwrap() + "00";
    let bytes = hex::decode(&raw[2..]).unwrap();
    trailing.legs[0].tx_hash = Some(format!("{:#x}", alloy_keccak(&bytes)));
    trailing.legs[0].raw_tx = Some(raw);
    let e = verify_err(&flux, &trailing);
    assert!(e.contains("leg amazon: raw_tx: trailing bytes"), "{e}");
}

#[test]
fn a_failed_verification_is_audited_and_names_no_secret() {
    let (flux, mut b) = bundle();
    b.legs[0].payout = Address::parse(ATTACKER).unwrap();
    let e = verify_err(&flux, &b);
    assert!(!e.to_lowercase().contains(&flux_core::SANDBOX_KEY_HEX[2..]));
    let audit = flux.audit_jsonl();
    assert!(audit.contains("\"bundle.verified\""), "{audit}");
    assert!(audit.contains("VERIFICATION_FAILED"), "{audit}");
}

fn alloy_keccak(bytes: &[u8]) -> sha3_hash::Hash {
    sha3_hash::keccak(bytes)
}

/// keccak-256 for the tests (through the kernel's own hash of raw bytes would be circular).
mod sha3_hash {
    use sha3::{Digest, Keccak256};
    pub struct Hash(pub [u8; 32]);
    impl std::fmt::LowerHex for Hash {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            if f.alternate() {
                f.write_str("0x")?;
            }
            f.write_str(&hex::encode(self.0))
        }
    }
    pub fn keccak(bytes: &[u8]) -> Hash {
        Hash(Keccak256::digest(bytes).into())
    }
}

#[test]
fn the_policy_key_and_cart_of_a_sandbox_receipt_are_bound_to_its_signed_bytes() {
    // Each of these passed verification: only what the transactions pay was checked.
    type Forgery = (&'static str, fn(&mut ReceiptBundle));
    let forgeries: [Forgery; 3] = [
        ("policy_hash", |b| b.policy_hash = "0".repeat(64)),
        ("idempotency_key", |b| b.idempotency_key = "someone-elses-order".into()),
        // The cart id is also the content hash of what the cart pays.
        ("cart_id", |b| b.cart_id = "cart_00000000000000000000000000000000".into()),
    ];
    for (field, forge) in forgeries {
        let (flux, mut b) = bundle();
        forge(&mut b);
        let e = verify_err(&flux, &b);
        assert!(e.contains("nonce:") || e.contains("cart_id"), "{field}: {e}");
    }
    // Relabelled as an EVM receipt (not broadcast), the nonce binding would not apply.
    let (flux, mut b) = bundle();
    b.policy_hash = "0".repeat(64);
    b.mode = SettlementMode::Evm;
    let e = verify_err(&flux, &b);
    assert!(e.contains("sender: the public sandbox key signs sandbox settlements only"), "{e}");
    // A sandbox receipt relabelled as an in-memory one still carries its transactions.
    let (flux, mut b) = bundle();
    b.mode = SettlementMode::Memory;
    let e = verify_err(&flux, &b);
    assert!(e.contains("mode: an in-memory settlement signs nothing"), "{e}");
}

#[test]
fn the_goods_of_a_receipt_are_bound_too() {
    // "4800 cans" for what was 3 packs: the cart id covers the units.
    let (flux, mut b) = bundle();
    b.cart["lines"][1]["units"] = json!(4800);
    let e = verify_err(&flux, &b);
    assert!(e.contains("cart_id"), "{e}");
    // The cart id recomputed and every leg re-signed with the public sandbox key for it: the
    // catalog the cart was quoted from says how many units its packs hold.
    let (flux, mut b) = bundle();
    b.cart["lines"][1]["units"] = json!(4800);
    rehash(&mut b);
    let sandbox = PaymentKey::from_hex(flux_core::SANDBOX_KEY_HEX).unwrap();
    for i in 0..b.legs.len() {
        resign(&mut b, i, &sandbox);
    }
    b.check().unwrap_or_else(|e| panic!("the forgery is consistent offline: {e}"));
    let e = verify_err(&flux, &b);
    assert!(e.contains("line 1: 3 packs of \"w1\" are 3 units, not 4800"), "{e}");
}

#[test]
fn two_sandbox_settlements_never_share_a_transaction() {
    let (flux, first) = bundle();
    let cart = Cart::from_json(&flux_core::to_canonical_json(&first.cart)).unwrap();
    let again = block_on(flux.execute_with(&cart, Some("another-order"), flux_core::Approval::default())).unwrap();
    let replay = block_on(flux.execute_with(&cart, Some("another-order"), flux_core::Approval::default())).unwrap();
    let first_hashes: Vec<String> = first.legs.iter().map(|l| l.tx_hash.clone().unwrap()).collect();
    assert!(first_hashes.iter().all(|h| !again.transaction_hashes.contains(h)), "{first_hashes:?} {:?}", again.transaction_hashes);
    assert_eq!(again.transaction_hashes, replay.transaction_hashes, "the same key answers the same settlement");
    let bundle = ReceiptBundle::new(&cart, &again, None).unwrap();
    block_on(flux.verify(&bundle)).unwrap();
}
