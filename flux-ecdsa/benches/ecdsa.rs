//! One signature over a 32-byte digest: flux-ecdsa next to k256 (pure Rust, RustCrypto).
//!
//! `cargo bench -p flux-ecdsa`

#![allow(clippy::unwrap_used)] // bench setup

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use k256::ecdsa::SigningKey as K256Key;

fn bench(c: &mut Criterion) {
    let secret = [0x4c; 32];
    let key = flux_ecdsa::SigningKey::from_bytes(&secret).unwrap();
    let k256 = K256Key::from_bytes((&secret).into()).unwrap();
    let mut g = c.benchmark_group("sign_prehash");
    let mut m = [9u8; 32];
    g.bench_function("flux_ecdsa", |b| {
        b.iter(|| {
            m[0] = m[0].wrapping_add(1);
            black_box(key.sign_prehash(black_box(&m)).unwrap())
        })
    });
    g.bench_function("k256", |b| {
        b.iter(|| {
            m[0] = m[0].wrapping_add(1);
            black_box(k256.sign_prehash_recoverable(black_box(&m)).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
