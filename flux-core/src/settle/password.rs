//! Where a keystore's password comes from: an environment variable ([`PasswordFromEnv`]) or a
//! host's own secret storage ([`PasswordSource`]), as a [`KeystorePassword`] that is wiped when
//! dropped and never shown.

use zeroize::Zeroizing;

use super::SettleError;

/// The password of an encrypted keystore, on its way from its source to the decryption. Wiped
/// from memory when dropped; `Debug` is redacted; nothing in the public API reads it back.
pub struct KeystorePassword(Zeroizing<String>);

impl KeystorePassword {
    /// Takes ownership of the password text (the caller's copy is moved, not duplicated).
    pub fn new(password: String) -> KeystorePassword {
        KeystorePassword(Zeroizing::new(password))
    }

    #[cfg_attr(not(feature = "evm"), allow(dead_code))]
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for KeystorePassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeystorePassword(<redacted>)")
    }
}

/// Where the password of an encrypted keystore comes from: an environment variable
/// ([`PasswordFromEnv`]) or a host's own secret storage (Android Keystore, iOS Keychain), which a
/// binding adapts through a callback. The kernel asks once, when it unlocks the keystore, and
/// keeps only the key.
pub trait PasswordSource: Send + Sync {
    /// The password of the keystore at `keystore`. An error is reported as the keystore's
    /// configuration error (`SETTLER_CONFIG`); it must not quote the password.
    fn password(&self, keystore: &std::path::Path) -> Result<KeystorePassword, SettleError>;
}

/// The password held in an environment variable, by its *name*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordFromEnv(pub String);

impl PasswordSource for PasswordFromEnv {
    fn password(&self, _keystore: &std::path::Path) -> Result<KeystorePassword, SettleError> {
        std::env::var(&self.0).map(KeystorePassword::new).map_err(|_| SettleError::Config {
            reason: format!("keystore password variable {} is not set", crate::redact::var_label(&self.0)),
        })
    }
}
