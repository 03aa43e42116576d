//! Keys never cross the binding. A configuration names where the payment key is — an
//! environment variable's *name* (`settler.key_env`) or a keystore file (`settler.keystore`, on a
//! phone a file in the app's private storage) — and the kernel reads it. A keystore's password
//! comes from the host's secure storage (Android Keystore, iOS Keychain) through the
//! [`PasswordProvider`] callback, asked once while the `Flux` is built; the core keeps it in a
//! zeroized buffer only until the keystore is decrypted. Nothing returns a key.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use flux_core::{FluxError as CoreError, KeystorePassword, PasswordSource, SettleError};

use crate::error::FluxError;

/// The host's source of keystore passwords. Implemented in Kotlin or Swift, over the platform's
/// secure storage.
#[uniffi::export(with_foreign)]
pub trait PasswordProvider: Send + Sync {
    /// The password of the keystore file at `keystore_path`. When it cannot be had (the user
    /// cancelled an unlock prompt, say), throw a `FluxError` (Kotlin: `FluxException`) of your own,
    /// e.g. `Config` with code `USER_CANCELLED`: building the `Flux` then throws that same error,
    /// case, code and reason unchanged. Anything else thrown becomes `Internal` with code `HOST_CALLBACK_FAILED` (its
    /// message is dropped).
    fn password(&self, keystore_path: String) -> Result<String, FluxError>;
}

/// The host's provider, as the core's [`PasswordSource`]. The core reports a failed provider as
/// `SETTLER_CONFIG`; the provider's own error is kept here so the build throws it instead.
struct HostPassword {
    provider: Arc<dyn PasswordProvider>,
    failure: Mutex<Option<FluxError>>,
}

impl PasswordSource for HostPassword {
    fn password(&self, keystore: &Path) -> Result<KeystorePassword, SettleError> {
        match self.provider.password(keystore.display().to_string()) {
            Ok(password) => Ok(KeystorePassword::new(password)),
            Err(e) => {
                let reason = format!("the host's password provider failed ({})", e.code());
                *self.failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(e);
                Err(SettleError::Config { reason })
            }
        }
    }
}

/// The core's `Flux` from `config`, the keystore's password (if it names one) from `provider`.
/// A build that failed because the provider threw fails with the provider's own error.
pub(crate) fn build(config: &flux_core::FluxConfig, provider: Option<Arc<dyn PasswordProvider>>) -> Result<flux_core::Flux, FluxError> {
    let Some(provider) = provider else { return Ok(flux_core::Flux::from_config(config)?) };
    let host = Arc::new(HostPassword { provider, failure: Mutex::new(None) });
    flux_core::Flux::from_config_with_password(config, host.clone())
        .map_err(|e: CoreError| host.failure.lock().unwrap_or_else(PoisonError::into_inner).take().unwrap_or_else(|| e.into()))
}
