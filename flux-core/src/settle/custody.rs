//! Key custody: the payment key lives inside a [`PaymentKey`] and never comes out. No method
//! returns it, `Debug` shows only the address, and no error message quotes it.

use alloy::signers::local::PrivateKeySigner;

use super::tx::flux_address;
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
    signer: PrivateKeySigner,
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
        bytes.fill(0);
        let signer = signer.map_err(|_| SettleError::Config { reason: "private key is not a valid secp256k1 scalar".into() })?;
        Ok(PaymentKey { signer })
    }

    /// From 32 raw bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<PaymentKey, SettleError> {
        PrivateKeySigner::from_slice(bytes)
            .map(|signer| PaymentKey { signer })
            .map_err(|_| SettleError::Config { reason: "private key is not a valid secp256k1 scalar".into() })
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
        let password = std::env::var(password_env)
            .map_err(|_| SettleError::Config { reason: format!("keystore password variable {password_env} is not set") })?;
        let path = path.as_ref();
        PrivateKeySigner::decrypt_keystore(path, password)
            .map(|signer| PaymentKey { signer })
            .map_err(|_| SettleError::Config { reason: format!("cannot decrypt keystore {} (wrong password or file)", path.display()) })
    }

    /// The key's address.
    pub fn address(&self) -> Address {
        flux_address(self.signer.address())
    }

    pub(crate) fn signer(&self) -> &PrivateKeySigner {
        &self.signer
    }
}

fn reason_of(e: &SettleError) -> String {
    match e {
        SettleError::Config { reason } => reason.clone(),
        other => other.code().to_owned(),
    }
}
