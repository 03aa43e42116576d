//! Key custody: the payment key lives inside a [`PaymentKey`] and never comes out. No method
//! returns it, `Debug` shows only the address, and no error message quotes it. A keystore's
//! password comes from a [`PasswordSource`](super::PasswordSource) — an environment variable, or
//! a host's secure storage (a phone has no environment).

use alloy::signers::local::PrivateKeySigner;
use zeroize::Zeroize;

#[cfg(feature = "evm")]
use super::password::{PasswordFromEnv, PasswordSource};
use super::SettleError;
use crate::address::Address;

/// Environment variables read for a hex private key, in order (the Flux name first; the seed's
/// name is still honoured).
pub const KEY_ENV_VARS: [&str; 2] = ["FLUX_PRIVATE_KEY", "PAYMENT_PRIVATE_KEY"];
/// Environment variable naming an encrypted JSON keystore file (used when no hex key is set).
pub const KEYSTORE_ENV: &str = "FLUX_KEYSTORE";
/// Environment variable holding the keystore's password.
pub const KEYSTORE_PASSWORD_ENV: &str = "FLUX_KEYSTORE_PASSWORD";

/// A secp256k1 signing key. Debug-redacted; never serialized; no accessor for the secret.
#[derive(Clone)]
pub struct PaymentKey {
    /// alloy's signer: address derivation and keystores.
    signer: PrivateKeySigner,
    /// The same scalar for libsecp256k1 (through `flux-ecdsa`), which signs.
    secret: flux_ecdsa::SigningKey,
}

impl std::fmt::Debug for PaymentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentKey").field("address", &self.address()).field("key", &"<redacted>").finish()
    }
}

impl PaymentKey {
    /// From `0x`-hex (or bare hex) text. The error never repeats the text.
    pub fn from_hex(text: &str) -> Result<PaymentKey, SettleError> {
        let t = text.trim();
        let t = t.strip_prefix("0x").unwrap_or(t);
        let mut bytes = [0u8; 32];
        if t.len() != 64 || hex::decode_to_slice(t, &mut bytes).is_err() {
            return Err(SettleError::Config { reason: "private key must be 32 bytes of hex".into() });
        }
        let signer = PrivateKeySigner::from_slice(&bytes);
        bytes.zeroize();
        let signer = signer.map_err(|_| SettleError::Config { reason: "private key is not a valid secp256k1 scalar".into() })?;
        PaymentKey::from_signer(signer)
    }

    /// From 32 raw bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<PaymentKey, SettleError> {
        PrivateKeySigner::from_slice(bytes)
            .map_err(|_| SettleError::Config { reason: "private key is not a valid secp256k1 scalar".into() })
            .and_then(PaymentKey::from_signer)
    }

    /// The key configured in the environment: `FLUX_PRIVATE_KEY`, else `PAYMENT_PRIVATE_KEY`,
    /// else (with the `evm` feature) the keystore at `FLUX_KEYSTORE` unlocked with
    /// `FLUX_KEYSTORE_PASSWORD`. `Ok(None)` when none is configured.
    pub fn from_env() -> Result<Option<PaymentKey>, SettleError> {
        for var in KEY_ENV_VARS {
            if let Ok(v) = std::env::var(var) {
                if !v.trim().is_empty() {
                    return PaymentKey::from_hex(&v)
                        .map(Some)
                        .map_err(|e| SettleError::Config { reason: format!("{var}: {}", reason_of(&e)) });
                }
            }
        }
        #[cfg(feature = "evm")]
        if let Ok(path) = std::env::var(KEYSTORE_ENV) {
            if !path.trim().is_empty() {
                return PaymentKey::from_keystore(path.trim(), KEYSTORE_PASSWORD_ENV).map(Some);
            }
        }
        Ok(None)
    }

    /// Decrypts an encrypted JSON keystore (Web3 Secret Storage) with the password held in the
    /// environment variable `password_env`.
    #[cfg(feature = "evm")]
    pub fn from_keystore(path: impl AsRef<std::path::Path>, password_env: &str) -> Result<PaymentKey, SettleError> {
        PaymentKey::from_keystore_with(path, &PasswordFromEnv(password_env.to_owned()))
    }

    /// Decrypts an encrypted JSON keystore with the password from `source` (a host's secure
    /// storage, say). The password is wiped once the keystore is decrypted.
    #[cfg(feature = "evm")]
    pub fn from_keystore_with(path: impl AsRef<std::path::Path>, source: &dyn PasswordSource) -> Result<PaymentKey, SettleError> {
        let path = path.as_ref();
        // A missing file is said as such, before a password is asked for it.
        if let Err(e) = std::fs::metadata(path) {
            let reason = format!("cannot read keystore {}: {}", path.display(), crate::files::io_reason(&e));
            return Err(SettleError::Config { reason: crate::redact::text(&reason) });
        }
        let password = source.password(path)?;
        PrivateKeySigner::decrypt_keystore(path, password.expose().as_bytes())
            .map_err(|_| SettleError::Config {
                reason: crate::redact::text(&format!("cannot decrypt keystore {} (wrong password or file)", path.display())),
            })
            .and_then(PaymentKey::from_signer)
    }

    /// The key's address.
    pub fn address(&self) -> Address {
        Address::from_evm(self.signer.address())
    }

    fn from_signer(signer: PrivateKeySigner) -> Result<PaymentKey, SettleError> {
        let mut bytes: [u8; 32] = signer.credential().to_bytes().into();
        let secret = flux_ecdsa::SigningKey::from_bytes(&bytes);
        bytes.zeroize();
        let secret = secret.map_err(|_| SettleError::Config { reason: "private key is not a valid secp256k1 scalar".into() })?;
        Ok(PaymentKey { signer, secret })
    }

    /// Signs a 32-byte digest: deterministic RFC 6979 nonces, low-S, with the recovery parity.
    pub(crate) fn sign_hash(&self, digest: [u8; 32]) -> Result<alloy::primitives::Signature, SettleError> {
        let sig =
            self.secret.sign_prehash(&digest).map_err(|_| SettleError::Signing { reason: "the signer rejected the digest".into() })?;
        if sig.is_x_reduced() {
            // r overflowed the group order (probability ~2^-127): let k256 handle it.
            use alloy::signers::SignerSync;
            return self
                .signer
                .sign_hash_sync(&alloy::primitives::B256::from(digest))
                .map_err(|_| SettleError::Signing { reason: "the signer rejected the digest".into() });
        }
        let r = alloy::primitives::U256::from_be_bytes(*sig.r());
        let s = alloy::primitives::U256::from_be_bytes(*sig.s());
        Ok(alloy::primitives::Signature::new(r, s, sig.y_parity()))
    }
}

fn reason_of(e: &SettleError) -> String {
    match e {
        SettleError::Config { reason } => reason.clone(),
        other => other.code().to_owned(),
    }
}
