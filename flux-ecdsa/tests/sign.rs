//! flux-ecdsa against k256 (an independent implementation of the same RFC 6979 ECDSA): same
//! signatures, byte for byte, for many keys and digests; recovery gives back the signer; bad keys
//! are refused; threads agree with one thread.

#![allow(clippy::unwrap_used)] // test helpers

use flux_ecdsa::{Error, SigningKey};
use k256::ecdsa::{RecoveryId, Signature, SigningKey as K256Key, VerifyingKey};

/// secp256k1's group order n, big-endian.
const N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48,
    0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// A seeded SplitMix64 stream: the same "random" keys and digests on every run.
struct Stream(u64);

impl Stream {
    fn bytes32(&mut self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for chunk in out.chunks_mut(8) {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            chunk.copy_from_slice(&(z ^ (z >> 31)).to_be_bytes());
        }
        out
    }
}

fn k256_sign(key: &[u8; 32], digest: &[u8; 32]) -> ([u8; 64], u8) {
    let k = K256Key::from_bytes(key.into()).unwrap();
    let (sig, recid): (Signature, RecoveryId) = k.sign_prehash_recoverable(digest).unwrap();
    (sig.to_bytes().into(), recid.to_byte())
}

#[test]
fn matches_k256_for_two_thousand_keys_and_digests() {
    let mut stream = Stream(0x466c_7578);
    for _ in 0..2_000 {
        let (key, digest) = (stream.bytes32(), stream.bytes32());
        let sig = SigningKey::from_bytes(&key).unwrap().sign_prehash(&digest).unwrap();
        let (want, want_recid) = k256_sign(&key, &digest);
        assert_eq!(&sig.to_bytes()[..64], &want[..], "key {} digest {}", hex(&key), hex(&digest));
        assert_eq!(sig.recovery_id(), want_recid);
        assert!(!sig.is_x_reduced());
    }
}

#[test]
fn recovers_the_signer_and_s_is_low() {
    let mut stream = Stream(7);
    let half_n = {
        // n >> 1, big-endian
        let mut h = [0u8; 32];
        let mut carry = 0u8;
        for (i, b) in N.iter().enumerate() {
            h[i] = (b >> 1) | (carry << 7);
            carry = b & 1;
        }
        h
    };
    for _ in 0..200 {
        let (key, digest) = (stream.bytes32(), stream.bytes32());
        let sig = SigningKey::from_bytes(&key).unwrap().sign_prehash(&digest).unwrap();
        assert!(sig.s() <= &half_n, "high s");
        let k256_sig = Signature::from_slice(&sig.to_bytes()[..64]).unwrap();
        let recovered = VerifyingKey::recover_from_prehash(&digest, &k256_sig, RecoveryId::from_byte(sig.recovery_id()).unwrap()).unwrap();
        assert_eq!(recovered, *K256Key::from_bytes((&key).into()).unwrap().verifying_key());
        assert_eq!(sig.y_parity(), sig.recovery_id() == 1);
    }
}

#[test]
fn same_key_and_digest_give_the_same_signature() {
    let key = SigningKey::from_bytes(&[0x42; 32]).unwrap();
    let a = key.sign_prehash(&[1; 32]).unwrap();
    assert_eq!(a, key.sign_prehash(&[1; 32]).unwrap());
    assert_ne!(a, key.sign_prehash(&[2; 32]).unwrap());
}

#[test]
fn refuses_scalars_outside_one_to_n() {
    let mut n_minus_1 = N;
    n_minus_1[31] -= 1;
    let mut n_plus_1 = N;
    n_plus_1[31] += 1;
    let mut one = [0u8; 32];
    one[31] = 1;
    for bad in [[0u8; 32], N, n_plus_1, [0xff; 32]] {
        assert_eq!(SigningKey::from_bytes(&bad).unwrap_err(), Error::InvalidSecretKey, "{}", hex(&bad));
    }
    for good in [one, n_minus_1] {
        let sig = SigningKey::from_bytes(&good).unwrap().sign_prehash(&[9; 32]).unwrap();
        assert_eq!(&sig.to_bytes()[..64], &k256_sign(&good, &[9; 32]).0[..]);
    }
    assert_eq!(Error::InvalidSecretKey.to_string(), "secret key is not a valid secp256k1 scalar (must be in 1..n)");
}

#[test]
fn threads_sign_like_one_thread() {
    let key = SigningKey::from_bytes(&[0x5a; 32]).unwrap();
    let digests: Vec<[u8; 32]> = {
        let mut s = Stream(99);
        (0..400).map(|_| s.bytes32()).collect()
    };
    let serial: Vec<_> = digests.iter().map(|d| key.sign_prehash(d).unwrap()).collect();
    let parallel: Vec<Vec<_>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..4).map(|_| scope.spawn(|| digests.iter().map(|d| key.sign_prehash(d).unwrap()).collect::<Vec<_>>())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for p in parallel {
        assert_eq!(p, serial);
    }
}

#[test]
fn debug_never_shows_the_key() {
    let key = SigningKey::from_bytes(&[0xab; 32]).unwrap();
    let shown = format!("{key:?} {:#?}", key.clone());
    assert!(!shown.to_lowercase().contains("abab"), "{shown}");
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
