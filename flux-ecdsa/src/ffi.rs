//! The only `unsafe` code in Flux: calls into libsecp256k1 (through `secp256k1-sys`) and the
//! SHA-256 compression callback it calls back. Every block states why it is sound.
//!
//! One signing context serves the process. It is created on first use, blinded once with OS
//! randomness, given the `sha2` crate's compression function, published, and never mutated
//! again: libsecp256k1 documents every function that takes a `const` context as safe to call from
//! any number of threads at once. A forked child builds its own on first use, so workers forked
//! from one parent never share blinding values, and publishing takes no lock, so a fork can never
//! leave one held.

#![allow(unsafe_code)]

use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicPtr, Ordering};

use secp256k1_sys as sys;
use sys::types::{c_int, c_uchar, size_t};
use zeroize::Zeroizing;

/// `secp256k1_sha256_compression_function` from `secp256k1.h`.
type Sha256Compression = unsafe extern "C" fn(state: *mut u32, blocks64: *const c_uchar, n_blocks: size_t);

extern "C" {
    // Present in the vendored C library (libsecp256k1 0.7) but not declared by `secp256k1-sys`
    // 0.14. The symbol prefix follows the crate's major version; `Cargo.toml` pins it.
    #[link_name = "rustsecp256k1_v0_14_context_set_sha256_compression"]
    fn secp256k1_context_set_sha256_compression(ctx: *mut sys::Context, fn_compression: Option<Sha256Compression>);
}

/// A published context and the process that built it. Leaked on purpose: once published, other
/// threads may hold its pointer for as long as the process lives.
struct Published {
    pid: u32,
    ctx: NonNull<sys::Context>,
}

static CURRENT: AtomicPtr<Published> = AtomicPtr::new(ptr::null_mut());

fn context() -> *const sys::Context {
    let pid = std::process::id();
    loop {
        let current = CURRENT.load(Ordering::Acquire);
        // SAFETY: a non-null `CURRENT` points to a leaked `Published`, fully written before the
        // release store that published it, and never freed or written again.
        if let Some(published) = unsafe { current.as_ref() } {
            if published.pid == pid {
                return published.ctx.as_ptr();
            }
        }
        // First use in this process (or in this fork of it): build, then publish unless another
        // thread got there first.
        let fresh = Box::into_raw(Box::new(Published { pid, ctx: new_context() }));
        match CURRENT.compare_exchange(current, fresh, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => {
                // SAFETY: just published; valid for the rest of the process.
                return unsafe { (*fresh).ctx.as_ptr() };
            }
            Err(_) => {
                // SAFETY: `fresh` lost the race and was never shared: this thread owns the box
                // and the context in it, which was made by `secp256k1_context_create`.
                unsafe {
                    let lost = Box::from_raw(fresh);
                    sys::secp256k1_context_destroy(lost.ctx);
                }
            }
        }
    }
}

/// A new signing context: blinded with 32 bytes from the OS (defence in depth against timing
/// side channels; the nonce of a signature is RFC 6979's, so the bytes never enter one), and with
/// `sha2`'s compression function, which the library checks against known digests on the spot.
fn new_context() -> NonNull<sys::Context> {
    let mut seed = Zeroizing::new([0u8; 32]);
    let seeded = getrandom::getrandom(&mut seed[..]).is_ok();
    // SAFETY: allocates a new context with the Rust allocator.
    let ctx = unsafe { sys::secp256k1_context_create(sys::SECP256K1_START_NONE) };
    if seeded {
        // SAFETY: `ctx` is valid and not yet shared; `seed` is 32 readable bytes. Returns 1 for
        // every context but the static one. (Without OS randomness the context stays unblinded,
        // which is libsecp256k1's own default: still constant-time.)
        unsafe { sys::secp256k1_context_randomize(ctx, seed.as_ptr()) };
    }
    // SAFETY: `ctx` is valid and not yet shared. `compress` implements exactly the SHA-256
    // compression function; a mismatch on the library's check aborts before any signature.
    unsafe { secp256k1_context_set_sha256_compression(ctx.as_ptr(), Some(compress)) };
    ctx
}

type Block = sha2::digest::generic_array::GenericArray<u8, sha2::digest::consts::U64>;

/// libsecp256k1's SHA-256 compression callback, served by `sha2` (SHA-NI on x86-64, SHA2 on
/// ARMv8, detected at run time; portable code otherwise). Never unwinds.
unsafe extern "C" fn compress(state: *mut u32, blocks64: *const c_uchar, n_blocks: size_t) {
    #[cfg(test)]
    tests::CALLS.with(|c| c.set(c.get() + 1));
    if n_blocks == 0 {
        return;
    }
    // The state is copied in and out, so nothing here assumes it is aligned or apart from the
    // blocks (the header promises neither).
    // SAFETY: the callback contract: `state` points to eight readable 32-bit words.
    let mut words = unsafe { ptr::read_unaligned(state.cast::<[u32; 8]>()) };
    // SAFETY: the callback contract: `blocks64` points to `n_blocks` contiguous 64-byte blocks
    // that stay unchanged during the call. `Block` is a `[u8; 64]` with alignment 1.
    let blocks = unsafe { std::slice::from_raw_parts(blocks64.cast::<Block>(), n_blocks) };
    sha2::compress256(&mut words, blocks);
    // SAFETY: the callback contract: the same eight words are writable.
    unsafe { ptr::write_unaligned(state.cast::<[u32; 8]>(), words) };
}

/// Whether `secret` is a valid secret key: a scalar in `1..n`.
pub(crate) fn secret_key_is_valid(secret: &[u8; 32]) -> bool {
    // SAFETY: a valid context and 32 readable bytes.
    unsafe { sys::secp256k1_ec_seckey_verify(context(), secret.as_ptr()) == 1 }
}

/// ECDSA over `digest` with RFC 6979 nonces and low-S: `(r ‖ s, recovery id)`. `None` only if
/// the library refuses, which a valid secret key rules out.
pub(crate) fn sign_recoverable(secret: &[u8; 32], digest: &[u8; 32]) -> Option<([u8; 64], u8)> {
    let ctx = context();
    let mut sig = sys::recovery::RecoverableSignature::new();
    // SAFETY: a valid context; `sig` is writable; `digest` and `secret` are 32 readable bytes.
    // A null nonce function selects RFC 6979, which hashes through the context's compression
    // function; null nonce data adds nothing to it.
    let ok = unsafe { sys::recovery::secp256k1_ecdsa_sign_recoverable(ctx, &mut sig, digest.as_ptr(), secret.as_ptr(), None, ptr::null()) };
    if ok != 1 {
        return None;
    }
    let mut compact = [0u8; 64];
    let mut recid: c_int = 0;
    // SAFETY: a valid context; `compact` has 64 writable bytes; `recid` is writable; `sig` was
    // filled by a successful signing call.
    let ok = unsafe { sys::recovery::secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact.as_mut_ptr(), &mut recid, &sig) };
    if ok != 1 {
        return None;
    }
    u8::try_from(recid).ok().filter(|r| *r <= 3).map(|r| (compact, r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};
    thread_local! {
        /// Callback calls on this thread (the library calls back on the signing thread).
        pub(super) static CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    const IV: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    /// Pads `msg` the SHA-256 way and runs the callback over it, as the C library would.
    fn digest_through_callback(buf: &[u8], offset: usize, msg_len: usize) -> [u8; 32] {
        let msg = &buf[offset..offset + msg_len];
        let mut padded = msg.to_vec();
        padded.push(0x80);
        while padded.len() % 64 != 56 {
            padded.push(0);
        }
        padded.extend_from_slice(&((msg_len as u64) * 8).to_be_bytes());
        // Copy to an odd offset so the blocks are unaligned, like many of the library's.
        let mut storage = vec![0u8; padded.len() + 1];
        storage[1..].copy_from_slice(&padded);
        let mut state = IV;
        // SAFETY: valid state and `padded.len() / 64` readable blocks.
        unsafe { compress(state.as_mut_ptr(), storage[1..].as_ptr(), padded.len() / 64) };
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_mut(4).zip(state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    /// The callback against sha2's own digest: 1 to 9 blocks, unaligned input, and FIPS 180-2's
    /// "abc" example.
    #[test]
    fn compression_callback_computes_sha256() {
        let buf: Vec<u8> = (0..700u32).map(|i| (i * 31 % 251) as u8).collect();
        for offset in [0, 1, 3, 63] {
            for len in [0, 1, 55, 56, 63, 64, 65, 119, 200, 511, 520] {
                let want: [u8; 32] = Sha256::digest(&buf[offset..offset + len]).into();
                assert_eq!(digest_through_callback(&buf, offset, len), want, "offset {offset} len {len}");
            }
        }
        let abc = digest_through_callback(b"abc", 0, 3);
        assert_eq!(abc[..4], [0xba, 0x78, 0x16, 0xbf]);
        // Zero blocks leave the state alone and never read the pointer.
        let mut state = IV;
        // SAFETY: zero blocks: the pointer is not read.
        unsafe { compress(state.as_mut_ptr(), ptr::null(), 0) };
        assert_eq!(state, IV);
    }

    /// Signing really goes through the installed callback (RFC 6979 is about 20 compressions).
    #[test]
    fn signing_uses_the_installed_callback() {
        let secret = [0x33; 32];
        assert!(secret_key_is_valid(&secret));
        let before = CALLS.with(|c| c.get());
        assert!(sign_recoverable(&secret, &[0x44; 32]).is_some());
        assert!(CALLS.with(|c| c.get()) - before >= 10, "the context is not using sha2's compression");
    }

    /// One context per process: later calls return the published one.
    #[test]
    fn one_published_context_per_process() {
        let a = context();
        assert_eq!(a, context());
        // SAFETY: published contexts are leaked, never freed.
        assert_eq!(unsafe { (*CURRENT.load(Ordering::Acquire)).pid }, std::process::id());
    }
}
