//! A keystore's password from a host's own secret storage ([`PasswordSource`]) rather than an
//! environment variable: what a phone needs. The keystore in `testdata/` holds the public,
//! never-funded sandbox key (password "correct horse battery staple").

#![cfg(feature = "evm")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use flux_core::*;

const PASSWORD: &str = "correct horse battery staple";

fn keystore() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/sandbox-keystore.json")
}

/// A host's secure storage: answers with a fixed password and remembers what it was asked.
struct HostStore {
    password: &'static str,
    asked: Mutex<Vec<PathBuf>>,
}

impl PasswordSource for HostStore {
    fn password(&self, keystore: &Path) -> Result<KeystorePassword, SettleError> {
        self.asked.lock().unwrap().push(keystore.to_owned());
        Ok(KeystorePassword::new(self.password.to_owned()))
    }
}

fn store(password: &'static str) -> Arc<HostStore> {
    Arc::new(HostStore { password, asked: Mutex::new(Vec::new()) })
}

#[test]
fn a_host_password_unlocks_the_keystore_and_is_asked_once_with_its_path() {
    let host = store(PASSWORD);
    let key = PaymentKey::from_keystore_with(keystore(), host.as_ref()).unwrap();
    assert_eq!(Some(key.address()), SandboxSettler::address().ok());
    assert_eq!(*host.asked.lock().unwrap(), vec![keystore()]);
}

#[test]
fn a_wrong_host_password_is_a_settler_config_error_that_never_quotes_it() {
    let err = PaymentKey::from_keystore_with(keystore(), store("battery staple horse").as_ref()).unwrap_err();
    assert_eq!(err.code(), "SETTLER_CONFIG");
    assert!(!format!("{err} {err:?}").contains("battery staple"), "{err}");
    let shown = format!("{:?}", KeystorePassword::new(PASSWORD.into()));
    assert!(!shown.contains("horse"), "{shown}");
}

#[test]
fn a_host_source_refusing_is_reported_as_its_error() {
    struct Locked;
    impl PasswordSource for Locked {
        fn password(&self, _: &Path) -> Result<KeystorePassword, SettleError> {
            Err(SettleError::Config { reason: "the user cancelled the unlock prompt".into() })
        }
    }
    let err = PaymentKey::from_keystore_with(keystore(), &Locked).unwrap_err();
    assert_eq!(err.code(), "SETTLER_CONFIG");
    assert!(err.to_string().contains("cancelled"), "{err}");
}

#[test]
fn the_configuration_names_the_keystore_and_the_host_supplies_the_password() {
    let config =
        FluxConfig::from_json(&format!(r#"{{"ledger": "memory", "settler": {{"kind": "evm", "keystore": {:?}}}}}"#, keystore())).unwrap();
    let host = store(PASSWORD);
    let flux = Flux::from_config_with_password(&config, host.clone()).unwrap();
    assert_eq!(flux.settlement_mode(), SettlementMode::Evm);
    assert_eq!(host.asked.lock().unwrap().len(), 1);

    // A password variable named as well is ambiguous.
    let both = FluxConfig::from_json(&format!(
        r#"{{"ledger": "memory", "settler": {{"kind": "evm", "keystore": {:?}, "password_env": "FLUX_TEST_NO_SUCH_VAR"}}}}"#,
        keystore()
    ))
    .unwrap();
    let err = Flux::from_config_with_password(&both, store(PASSWORD)).unwrap_err();
    assert_eq!(err.code(), "INVALID_CONFIG");
    assert!(err.to_string().contains("settler.password_env"), "{err}");

    // Without a keystore in the configuration, the host's source is never asked.
    let sandbox = store(PASSWORD);
    let flux = Flux::from_config_with_password(&FluxConfig::from_json(r#"{"ledger": "memory"}"#).unwrap(), sandbox.clone()).unwrap();
    assert_eq!(flux.settlement_mode(), SettlementMode::Sandbox);
    assert!(sandbox.asked.lock().unwrap().is_empty());
}

#[test]
fn the_environment_source_reads_the_variable_by_name() {
    std::env::set_var("FLUX_TEST_KEYSTORE_PASSWORD_SOURCE", PASSWORD);
    let key = PaymentKey::from_keystore_with(keystore(), &PasswordFromEnv("FLUX_TEST_KEYSTORE_PASSWORD_SOURCE".into())).unwrap();
    assert_eq!(Some(key.address()), SandboxSettler::address().ok());
    let err = PaymentKey::from_keystore_with(keystore(), &PasswordFromEnv("FLUX_TEST_KEYSTORE_UNSET_VAR".into())).unwrap_err();
    assert!(err.to_string().contains("FLUX_TEST_KEYSTORE_UNSET_VAR is not set"), "{err}");
}
