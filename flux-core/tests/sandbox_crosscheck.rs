//! Sandbox signing cross-checked by independent implementations: eth-account (and a coincurve +
//! RLP decoder) in Python, viem and ethers in Node, byte for byte; and a keystore written by
//! eth-account unlocked by Flux.
//!
//! Needs `FLUX_PYTHON` (a Python with eth-account, coincurve) and the Node packages in
//! `tests/js/node_modules`; scripts/test-evm.sh provides both.
#![cfg(feature = "evm")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::{Path, PathBuf};
use std::process::Command;

use flux_core::{
    block_on, sign_erc20_transfer, Address, Amount, Cart, Decision, PaymentKey, Policy, SandboxSettler, SettlementMode, Settler,
    SpendState, TransferTx, SANDBOX_KEY_HEX,
};
use serde_json::{json, Value};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn tx_json(tx: &TransferTx) -> Value {
    json!({
        "chain_id": tx.chain_id,
        "nonce": tx.nonce,
        "gas_limit": tx.gas_limit,
        "max_fee_per_gas": tx.max_fee_per_gas.to_string(),
        "max_priority_fee_per_gas": tx.max_priority_fee_per_gas.to_string(),
        "token": tx.token.checksummed(),
        "to": tx.to.checksummed(),
        "amount_units": tx.amount.units().to_string(),
    })
}

/// The vector: a three-merchant cart's sandbox legs (approved by the demo policy, signed by the
/// sandbox settler; its amounts are chosen, not quoted, so the facade would not pay it), plus
/// edge cases.
fn vector() -> Value {
    let cart = Cart::from_json(
        r#"[{"vendor_id":"amazon","price":"10.5"},{"vendor_id":"tech_direct","price":"7.000001"},{"vendor_id":"walmart","price":"30"}]"#,
    )
    .unwrap();
    let settler = SandboxSettler::default();
    settler.bind(Policy::demo().hash()).unwrap();
    let target = settler.target();
    let Decision::Allow(approved) = Policy::demo().authorize(&cart, &target, &SpendState::default(), 0) else {
        panic!("the demo policy allows the vector's cart");
    };
    let s = block_on(settler.settle(&approved, &cart.id())).unwrap();
    assert_eq!(s.mode, SettlementMode::Sandbox);
    assert!(!s.broadcast);
    let mut txs = Vec::new();
    for leg in &s.legs {
        let tx = SandboxSettler::transaction(target, leg.nonce.unwrap(), leg.payout, leg.amount);
        txs.push(json!({"tx": tx_json(&tx), "raw_tx": leg.raw_tx, "tx_hash": leg.tx_hash}));
    }
    let key = PaymentKey::from_hex(SANDBOX_KEY_HEX).unwrap();
    let edge = [
        TransferTx {
            chain_id: 1,
            nonce: 0,
            gas_limit: 21_000,
            max_fee_per_gas: 1,
            max_priority_fee_per_gas: 0,
            token: Address::parse("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48").unwrap(),
            to: Address::parse("0x0000000000000000000000000000000000000001").unwrap(),
            amount: Amount::from_units(1).unwrap(),
        },
        TransferTx {
            chain_id: 5_042_002,
            nonce: 1_000_000_007,
            gas_limit: 150_000,
            max_fee_per_gas: 340_282_366_920_938_463_463_374_607_431_768_211_455,
            max_priority_fee_per_gas: 20_000_000_000,
            token: Address::parse("0x3600000000000000000000000000000000000000").unwrap(),
            to: Address::parse("0xffffffffffffffffffffffffffffffffffffffff").unwrap(),
            amount: Amount::MAX,
        },
    ];
    for tx in edge {
        let signed = sign_erc20_transfer(&key, &tx).unwrap();
        txs.push(json!({"tx": tx_json(&tx), "raw_tx": signed.raw_tx, "tx_hash": signed.tx_hash}));
    }
    json!({
        "description": "Flux sandbox signing vector: ERC-20 transfer(to, amount) as EIP-1559 transactions signed with the public sandbox key. Every host must produce these exact bytes.",
        "key": SANDBOX_KEY_HEX,
        "from": SandboxSettler::address().unwrap().checksummed(),
        "transactions": txs,
    })
}

#[test]
fn sandbox_vector_matches_the_committed_file() {
    let v = serde_json::to_string_pretty(&vector()).unwrap() + "\n";
    let path = repo().join("testdata/sandbox-signing.json");
    if std::env::var("FLUX_UPDATE_VECTORS").is_ok() {
        std::fs::write(&path, &v).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("testdata/sandbox-signing.json (FLUX_UPDATE_VECTORS=1 writes it)");
    assert_eq!(committed, v, "sandbox signing drifted from the committed vector");
}

fn write_vector(tag: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("flux-sandbox-vector-{}-{tag}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&vector()).unwrap()).unwrap();
    path
}

fn python() -> String {
    std::env::var("FLUX_PYTHON").expect("FLUX_PYTHON is not set: run scripts/test-evm.sh (it exports the venv's python)")
}

#[test]
fn eth_account_produces_the_same_bytes_and_recovers_the_sender() {
    let path = write_vector("py");
    let out = Command::new(python()).arg(repo().join("tests/crosscheck/eth_account_check.py")).arg(&path).output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn viem_and_ethers_produce_the_same_bytes() {
    let dir = repo().join("tests/js");
    assert!(dir.join("node_modules/viem").exists(), "tests/js/node_modules missing: run scripts/test-evm.sh (npm install in tests/js)");
    let path = write_vector("js");
    let out = Command::new("node").arg(dir.join("crosscheck.mjs")).arg(&path).current_dir(&dir).output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn keystore_from_eth_account_unlocks_with_the_password_from_the_environment() {
    let dir = std::env::temp_dir().join(format!("flux-keystore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("key.json");
    let secret = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    let script = format!(
        "import json,sys; from eth_account import Account; json.dump(Account.encrypt('{secret}', 'correct horse', kdf='pbkdf2', iterations=1024), open(sys.argv[1], 'w'))"
    );
    let out = Command::new(python()).args(["-c", &script]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::env::set_var("FLUX_TEST_KEYSTORE_PASSWORD", "correct horse");
    std::env::set_var("FLUX_TEST_KEYSTORE_WRONG", "battery staple");
    let key = PaymentKey::from_keystore(&file, "FLUX_TEST_KEYSTORE_PASSWORD").unwrap();
    assert_eq!(key.address(), PaymentKey::from_hex(secret).unwrap().address());
    let err = PaymentKey::from_keystore(&file, "FLUX_TEST_KEYSTORE_WRONG").unwrap_err();
    assert_eq!(err.code(), "SETTLER_CONFIG");
    let shown = format!("{key:?} {err:?} {err}");
    assert!(!shown.contains(&secret[2..]) && !shown.contains("correct horse") && !shown.contains("battery"));
    let _ = std::fs::remove_dir_all(&dir);
}
