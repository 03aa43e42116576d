//! Signing speed: one ERC-20 transfer built, signed (libsecp256k1) and EIP-2718-encoded, next
//! to bare signatures over a 32-byte hash with the same key: libsecp256k1 (the floor) and k256
//! through alloy's local signer (what Flux used before).
//!
//! `cargo bench -p flux-core --bench signing`

#![allow(clippy::unwrap_used)] // bench setup

use std::hint::black_box;

use alloy::primitives::B256;
use alloy::signers::local::PrivateKeySigner;
use alloy::signers::SignerSync;
use criterion::{criterion_group, criterion_main, Criterion};
use flux_core::{sign_erc20_transfer, Address, Amount, PaymentKey, TransferTx, SANDBOX_KEY_HEX};

fn bench(c: &mut Criterion) {
    let key = PaymentKey::from_hex(SANDBOX_KEY_HEX).unwrap();
    let raw_signer: PrivateKeySigner = SANDBOX_KEY_HEX.parse().unwrap();
    let mut tx = TransferTx {
        chain_id: 5_042_002,
        nonce: 0,
        gas_limit: 100_000,
        max_fee_per_gas: 40_000_000_000,
        max_priority_fee_per_gas: 1_000_000_000,
        token: Address::parse("0x3600000000000000000000000000000000000000").unwrap(),
        to: Address::parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").unwrap(),
        amount: Amount::parse("12.5").unwrap(),
    };
    let mut g = c.benchmark_group("sign");
    g.bench_function("erc20_transfer_eip1559_sign_and_encode", |b| {
        b.iter(|| {
            tx.nonce = tx.nonce.wrapping_add(1);
            black_box(sign_erc20_transfer(&key, black_box(&tx)).unwrap())
        })
    });
    let fast =
        flux_ecdsa::SigningKey::from_bytes(&hex::decode(SANDBOX_KEY_HEX.trim_start_matches("0x")).unwrap().try_into().unwrap()).unwrap();
    let mut d = [5u8; 32];
    g.bench_function("raw_flux_ecdsa_sign_hash", |b| {
        b.iter(|| {
            d[0] = d[0].wrapping_add(1);
            black_box(fast.sign_prehash(black_box(&d)).unwrap())
        })
    });
    let ctx = secp256k1::Secp256k1::signing_only();
    let sk = secp256k1::SecretKey::from_slice(&hex::decode(SANDBOX_KEY_HEX.trim_start_matches("0x")).unwrap()).unwrap();
    let mut m = [9u8; 32];
    g.bench_function("raw_libsecp256k1_sign_hash", |b| {
        b.iter(|| {
            m[0] = m[0].wrapping_add(1);
            black_box(ctx.sign_ecdsa_recoverable(&secp256k1::Message::from_digest(black_box(m)), &sk))
        })
    });
    let mut h = [7u8; 32];
    g.bench_function("raw_k256_sign_hash_alloy_signer", |b| {
        b.iter(|| {
            h[0] = h[0].wrapping_add(1);
            black_box(raw_signer.sign_hash_sync(&B256::from(black_box(h))).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
