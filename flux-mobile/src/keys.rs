//! Keys never cross the binding. A configuration names where the payment key is — an
//! environment variable's *name* (`settler.key_env`) or a keystore file (`settler.keystore`, on a
//! phone a file in the app's private storage) — and the kernel reads it. A keystore's password
//! comes from the host's secure storage (Android Keystore, iOS Keychain) through the
//! [`PasswordProvider`] callback, asked once while the `Flux` is built; the core keeps it in a
//! zeroized buffer only until the keystore is decrypted. Nothing returns a key.

use std::path::Path;
use std::sync::Arc;

use flux_core::{KeystorePassword, PasswordSource, SettleError};

use crate::error::FluxError;

/// The host's source of keystore passwords. Implemented in Kotlin or Swift, over the platform's
/// secure storage.
#[uniffi::export(with_foreign)]
pub trait PasswordProvider: Send + Sync {
    /// The password of the keystore file at `keystore_path`. Throw `FluxError.Config` (with a
    /// code of your own) when it cannot be had, e.g. the user cancelled an unlock prompt.
    fn password(&self, keystore_path: String) -> Result<String, FluxError>;
}

/// The host's provider, as the core's [`PasswordSource`].
pub(crate) struct HostPassword(pub(crate) Arc<dyn PasswordProvider>);

impl PasswordSource for HostPassword {
    fn password(&self, keystore: &Path) -> Result<KeystorePassword, SettleError> {
        match self.0.password(keystore.display().to_string()) {
            Ok(password) => Ok(KeystorePassword::new(password)),
            Err(e) => Err(SettleError::Config { reason: format!("the host's password provider failed ({})", e.code()) }),
        }
    }
}
