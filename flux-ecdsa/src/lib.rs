#![doc = include_str!("../README.md")]

mod ffi;

use zeroize::Zeroizing;

/// Why a key could not be made or a signature could not be produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The 32 bytes are not a secp256k1 secret key: zero, or not below the group order.
    InvalidSecretKey,
    /// libsecp256k1 refused to sign. A valid key rules this out; it is reported, not assumed.
    SigningFailed,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Error::InvalidSecretKey => "secret key is not a valid secp256k1 scalar (must be in 1..n)",
            Error::SigningFailed => "libsecp256k1 refused to sign",
        })
    }
}

impl std::error::Error for Error {}

/// A secp256k1 secret key. The bytes live in one heap allocation (moving the key moves only a
/// pointer), are wiped on drop, and are never printed or returned.
#[derive(Clone)]
pub struct SigningKey {
    secret: Box<Zeroizing<[u8; 32]>>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

impl SigningKey {
    /// A key from its 32 big-endian bytes, checked to be a scalar in `1..n`. The caller's
    /// bytes are copied straight into the key's allocation; wiping them is the caller's job.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<SigningKey, Error> {
        let mut secret = Box::new(Zeroizing::new([0u8; 32]));
        secret.copy_from_slice(bytes);
        if ffi::secret_key_is_valid(&secret) {
            Ok(SigningKey { secret })
        } else {
            Err(Error::InvalidSecretKey)
        }
    }

    /// Signs a 32-byte message digest (for Ethereum, the keccak-256 signing hash). The nonce is
    /// RFC 6979's, so the same key and digest always give the same signature; `s` is low.
    pub fn sign_prehash(&self, digest: &[u8; 32]) -> Result<RecoverableSignature, Error> {
        let (compact, recovery_id) = ffi::sign_recoverable(&self.secret, digest).ok_or(Error::SigningFailed)?;
        let mut r = [0u8; 32];
        let mut s = [0u8; 32];
        r.copy_from_slice(&compact[..32]);
        s.copy_from_slice(&compact[32..]);
        Ok(RecoverableSignature { r, s, recovery_id })
    }
}

/// An ECDSA signature with its recovery id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecoverableSignature {
    r: [u8; 32],
    s: [u8; 32],
    recovery_id: u8,
}

impl RecoverableSignature {
    /// `r`, big-endian.
    pub fn r(&self) -> &[u8; 32] {
        &self.r
    }

    /// `s`, big-endian; always in the lower half of the group order.
    pub fn s(&self) -> &[u8; 32] {
        &self.s
    }

    /// 0..=3: bit 0 is [`Self::y_parity`]; bit 1 says the nonce point's `x` was reduced modulo
    /// the group order (probability about 2⁻¹²⁷), which Ethereum cannot express.
    pub fn recovery_id(&self) -> u8 {
        self.recovery_id
    }

    /// The parity of `y` of the point `R` that recovers the signer with this (low) `s`:
    /// Ethereum's `yParity` (`v - 27`). Only meaningful to Ethereum when
    /// [`Self::is_x_reduced`] is false.
    pub fn y_parity(&self) -> bool {
        self.recovery_id & 1 == 1
    }

    /// Whether the nonce point's `x` was reduced modulo the group order (see [`Self::recovery_id`]).
    pub fn is_x_reduced(&self) -> bool {
        self.recovery_id & 2 == 2
    }

    /// `r ‖ s ‖ recovery id`, 65 bytes.
    pub fn to_bytes(&self) -> [u8; 65] {
        let mut out = [0u8; 65];
        out[..32].copy_from_slice(&self.r);
        out[32..64].copy_from_slice(&self.s);
        out[64] = self.recovery_id;
        out
    }
}
