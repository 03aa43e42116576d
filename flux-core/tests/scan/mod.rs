//! The secret scan every suite feeds: error messages, `Debug` output, HTTP answers and audit lines
//! are collected in a [`Scan`], which then asserts that none holds a secret from
//! `testdata/secrets/secrets.json` — the payment key (with or without `0x`, or a 16-digit piece of
//! it), the keystore passwords, API keys, the credentials, paths and queries of RPC and feed URLs,
//! the balances a node reported, and (in what a client sees) the treasury's address.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::{Debug, Display};
use std::sync::Mutex;

use serde_json::Value;

pub mod node;

/// The secrets file, as the scans read it.
pub const SECRETS_JSON: &str = include_str!("../../../testdata/secrets/secrets.json");
/// The keystore of the scan key (password in the secrets file).
pub const KEYSTORE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/secrets/keystore.json");

/// One field of the secrets file.
pub fn secret(name: &str) -> String {
    let v: Value = serde_json::from_str(SECRETS_JSON).unwrap();
    v[name].as_str().unwrap_or_else(|| panic!("secrets.json has no string {name}")).to_owned()
}

/// A list field of the secrets file.
pub fn secrets(name: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(SECRETS_JSON).unwrap();
    v[name].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

/// What a scan looks for: `(label, lower-case needle)`.
fn needles(client_facing: bool) -> Vec<(String, String)> {
    let key = secret("private_key").trim_start_matches("0x").to_ascii_lowercase();
    let mut out = vec![
        ("private key".to_owned(), key.clone()),
        ("private key (first 16 digits)".to_owned(), key[..16].to_owned()),
        ("private key (last 16 digits)".to_owned(), key[key.len() - 16..].to_owned()),
    ];
    for name in [
        "keystore_password",
        "wrong_password",
        "pasted_password",
        "token_balance_units",
        "token_balance",
        "rich_balance_units",
        "native_balance_wei",
        "native_balance",
        "node_have",
        "node_want",
    ] {
        out.push((name.to_owned(), secret(name).to_ascii_lowercase()));
    }
    for list in ["api_keys", "rpc_secrets", "feed_secrets"] {
        out.extend(secrets(list).into_iter().map(|s| (list.to_owned(), s.to_ascii_lowercase())));
    }
    if client_facing {
        out.push(("treasury address".to_owned(), secret("sender").trim_start_matches("0x").to_ascii_lowercase()));
    }
    out
}

/// Collected outputs of failing calls, checked against every secret.
#[derive(Default)]
pub struct Scan {
    /// `(label, text, client-facing)`.
    seen: Mutex<Vec<(String, String, bool)>>,
}

impl Scan {
    /// An empty scan.
    pub fn new() -> Scan {
        Scan::default()
    }

    /// Text a client sees (an error message, an HTTP answer, an audit line).
    pub fn text(&self, label: impl Into<String>, text: impl Into<String>) {
        self.seen.lock().unwrap().push((label.into(), text.into(), true));
    }

    /// `Debug` output (logs): the treasury's address may appear there, nothing secret.
    pub fn debug(&self, label: impl Into<String>, value: &dyn Debug) {
        self.seen.lock().unwrap().push((label.into(), format!("{value:?}"), false));
    }

    /// An error: its message (client-facing) and its `Debug` form.
    pub fn error<E: Display + Debug>(&self, label: &str, e: &E) {
        self.text(label, e.to_string());
        self.debug(format!("{label} (Debug)"), e);
    }

    /// The error of `r`, which must have failed; returns it for further checks.
    pub fn failed<T: Debug, E: Display + Debug>(&self, label: &str, r: Result<T, E>) -> E {
        match r {
            Ok(v) => panic!("{label}: expected an error, got {v:?}"),
            Err(e) => {
                self.error(label, &e);
                e
            }
        }
    }

    /// How many outputs were collected.
    pub fn len(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// Panics naming every output that holds a secret (which secrets, and the output).
    pub fn assert_clean(&self) {
        let (all, client) = (needles(false), needles(true));
        let seen = self.seen.lock().unwrap();
        let mut leaks = Vec::new();
        for (label, text, client_facing) in seen.iter() {
            let lower = text.to_ascii_lowercase();
            let found: Vec<&str> = (if *client_facing { &client } else { &all })
                .iter()
                .filter(|(_, needle)| lower.contains(needle.as_str()))
                .map(|(what, _)| what.as_str())
                .collect();
            if !found.is_empty() {
                leaks.push(format!("{label}: holds {}:\n    {}", found.join(", "), text.chars().take(300).collect::<String>()));
            }
        }
        assert!(leaks.is_empty(), "{} of {} outputs leak a secret:\n{}", leaks.len(), seen.len(), leaks.join("\n"));
    }
}
