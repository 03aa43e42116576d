//! The secret scan: a battery of failing calls — bad keys, bad keystores and wrong passwords,
//! RPC and feed URLs with credentials and tokens in their paths and queries, API keys pasted into
//! LLM settings, private keys in environment variables, a node reporting the treasury's balances —
//! whose every error message, `Debug` output, HTTP answer and audit line goes into one [`Scan`],
//! which must hold no secret (see `testdata/secrets/`).
#![cfg(all(feature = "evm", feature = "llm"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod memory_config;
mod scan;

use memory_config::from_config;
use std::path::PathBuf;
use std::sync::Mutex;

use flux_core::{block_on, Amount, Cart, ChainConfig, Flux, FluxConfig, Intent, MemoryLedger, PaymentKey, Strategy};
use scan::node::{self, NodeScript};
use scan::{secret, secrets, Scan, KEYSTORE_PATH};
use serde_json::{json, Value};

const TOKEN: &str = "0x3600000000000000000000000000000000000000";

/// Environment variables are process-wide: the tests that set them take turns.
static ENV: Mutex<()> = Mutex::new(());

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flux-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn key_hex() -> String {
    secret("private_key")
}

fn chain_json(rpc_urls: Value) -> Value {
    json!({"chain_id": 5042002, "rpc_urls": rpc_urls, "token": TOKEN, "max_retries": 0, "backoff_ms": 1, "receipt_timeout_ms": 2000})
}

/// `Flux::from_config` of a JSON configuration: its error, or the `Debug` of what it built.
fn config_fails(scan: &Scan, label: &str, config: Value) {
    match FluxConfig::from_json(&config.to_string()) {
        Err(e) => scan.error(&format!("{label}: FluxConfig::from_json"), &e),
        Ok(c) => {
            scan.debug(format!("{label}: FluxConfig (Debug)"), &c);
            match from_config(&c) {
                Err(e) => scan.error(&format!("{label}: Flux::from_config"), &e),
                Ok(flux) => scan.debug(format!("{label}: Flux (Debug)"), &flux),
            }
        }
    }
}

/// A cart the kernel proposed (only its own quotes reach the settler).
fn cart() -> Cart {
    let intent = Intent::new("10 usb-c hubs", Amount::whole(500), 7, Strategy::Cheapest).unwrap();
    block_on(Flux::builder().ledger(MemoryLedger::new()).build().unwrap().orchestrate(&intent)).unwrap().cart
}

#[test]
fn chain_configs_with_credentials_in_their_urls() {
    let scan = Scan::new();
    let url = secret("rpc_url");
    let as_string = chain_json(json!(url));
    scan.failed("ChainConfig::from_json, rpc_urls a string", ChainConfig::from_json(&as_string.to_string()));
    let toml = format!("chain_id = 5042002\nrpc_urls = {url:?}\ntoken = {TOKEN:?}\n");
    scan.failed("ChainConfig::from_toml, rpc_urls a string", ChainConfig::from_toml(&toml));
    let mut c = chain_json(json!([url]));
    c["chain_id"] = json!(url);
    scan.failed("ChainConfig::from_json, chain_id a URL", ChainConfig::from_json(&c.to_string()));
    let mut c = chain_json(json!([url]));
    c["explorer_tx_url"] = json!(url);
    scan.failed("ChainConfig::from_json, explorer without {hash}", ChainConfig::from_json(&c.to_string()));
    let ws = url.replace("https://", "wss://");
    scan.failed("ChainConfig::from_json, websocket URL", ChainConfig::from_json(&chain_json(json!([ws])).to_string()));
    let backslash = url.replacen("8545/", "8545\\", 1);
    let c = ChainConfig::from_json(&chain_json(json!([backslash])).to_string()).unwrap();
    scan.debug("ChainConfig with a backslash URL (Debug)", &c);
    scan.text("ChainConfig::rpc_label", c.rpc_label());
    let ok = ChainConfig::from_json(&chain_json(json!([url])).to_string()).unwrap();
    scan.debug("ChainConfig (Debug)", &ok);

    // The same mistakes inside a FluxConfig, inline, as files, and as the override.
    for (label, settler) in [
        ("inline chain, rpc_urls a string", json!({"kind": "evm", "chain": as_string, "key_env": "FLUX_SCAN_UNSET"})),
        ("settler named by its URL", json!(url)),
        ("rpc_url a list", json!({"kind": "evm", "rpc_url": [url]})),
        ("rpc_url not http", json!({"kind": "evm", "rpc_url": url.replace("https://", "ftp://"), "key_env": "FLUX_SCAN_UNSET"})),
        ("key_env a URL", json!({"kind": "evm", "key_env": url})),
    ] {
        config_fails(&scan, label, json!({"settler": settler}));
    }
    let toml = format!("[settler]\nkind = \"evm\"\n[settler.chain]\nchain_id = 5042002\nrpc_urls = {url:?}\ntoken = {TOKEN:?}\n");
    scan.failed("FluxConfig::from_toml, rpc_urls a string", FluxConfig::from_toml(&toml));
    for ext in ["json", "toml"] {
        let path = tmp(&format!("chain.{ext}"));
        let text =
            if ext == "json" { as_string.to_string() } else { format!("chain_id = 5042002\nrpc_urls = {url:?}\ntoken = {TOKEN:?}\n") };
        std::fs::write(&path, text).unwrap();
        scan.failed(&format!("ChainConfig::from_path .{ext}"), ChainConfig::from_path(&path));
        config_fails(
            &scan,
            &format!("chain file .{ext}"),
            json!({"settler": {"kind": "evm", "chain": path, "key_env": "FLUX_SCAN_UNSET"}}),
        );
    }
    // A good configuration's Debug names hosts only.
    let good = FluxConfig::from_json(
        &json!({"settler": {"kind": "evm", "chain": chain_json(json!([url])), "rpc_url": url, "key_env": "FLUX_SCAN_UNSET"}}).to_string(),
    )
    .unwrap();
    scan.debug("FluxConfig with an RPC URL (Debug)", &good);
    scan.text("FluxConfig::to_json holds the URL (configuration, not an error)", "checked elsewhere");
    assert!(scan.len() >= 25, "{}", scan.len());
    scan.assert_clean();
}

#[test]
fn llm_settings_with_api_keys_in_the_wrong_places() {
    let scan = Scan::new();
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let [openai, groq] = [secrets("api_keys")[0].clone(), secrets("api_keys")[1].clone()];
    std::env::set_var("FLUX_SCAN_API_KEY", &openai);
    let url = secret("rpc_url");
    for (label, parser) in [
        ("provider is the key", json!({"provider": openai})),
        ("api_key_env is the key", json!({"provider": "openai", "api_key_env": openai})),
        ("api_key_env is a name-like key", json!({"provider": "groq", "api_key_env": groq})),
        ("model a key", json!({"provider": "openai", "model": 7, "api_key_env": "FLUX_SCAN_API_KEY"})),
        (
            "base_url with credentials, not a URL",
            json!({"provider": "openai", "base_url": url.replace("https://", "https:/"), "api_key_env": "FLUX_SCAN_API_KEY"}),
        ),
        ("unknown field api_key", json!({"provider": "openai", "api_key": openai})),
        ("parser named by the key", json!(groq)),
    ] {
        config_fails(&scan, label, json!({"parser": parser}));
    }
    // A parser that reaches a closed port with credentials, a path and a query in its base URL.
    let closed = url.replace("rpc.scan.invalid:8545", "127.0.0.1:9");
    let config = json!({"parser": {"provider": "local", "base_url": closed, "api_key_env": "FLUX_SCAN_API_KEY", "fallback": false, "max_retries": 0, "timeout_s": 2}});
    let config = FluxConfig::from_json(&config.to_string()).unwrap();
    scan.debug("FluxConfig with an LLM base URL (Debug)", &config);
    let flux = from_config(&config).unwrap();
    scan.debug("Flux with an LLM parser (Debug)", &flux);
    let intent = flux_core::Intent::new("snacks for 10 people", flux_core::Amount::whole(50), 7, flux_core::Strategy::Balanced).unwrap();
    scan.failed("orchestrate through an unreachable LLM", block_on(flux.orchestrate(&intent)));
    let answer = block_on(flux_core::http::orchestrate(&flux, br#"{"prompt": "snacks", "budget": 50}"#, Default::default()));
    scan.text("HTTP orchestrate through an unreachable LLM", answer.body);
    scan.text("audit", flux.audit_jsonl());
    std::env::remove_var("FLUX_SCAN_API_KEY");
    scan.assert_clean();
}

#[test]
fn bad_keys_keystores_and_passwords() {
    let scan = Scan::new();
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let key = key_hex();
    let bare = key.trim_start_matches("0x").to_owned();
    let variants = [
        format!("{key}ab"),
        key[..key.len() - 1].to_owned(),
        format!("{}g", &key[..key.len() - 1]),
        format!("0x {}", bare.to_uppercase()),
        format!("{}\n{}", &bare[..32], &bare[32..]),
        "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff".to_owned(),
    ];
    for (i, bad) in variants.iter().enumerate() {
        scan.failed(&format!("PaymentKey::from_hex variant {i}"), PaymentKey::from_hex(bad));
        std::env::set_var("FLUX_SCAN_KEY", bad);
        config_fails(&scan, &format!("key_env holding variant {i}"), json!({"settler": {"kind": "evm", "key_env": "FLUX_SCAN_KEY"}}));
        std::env::set_var("FLUX_PRIVATE_KEY", bad);
        scan.failed(&format!("FLUX_PRIVATE_KEY variant {i}"), PaymentKey::from_env());
        config_fails(&scan, &format!("FLUX_PRIVATE_KEY variant {i} through a config"), json!({"settler": "evm"}));
        std::env::remove_var("FLUX_PRIVATE_KEY");
    }
    std::env::remove_var("FLUX_SCAN_KEY");
    scan.debug("a valid PaymentKey (Debug)", &PaymentKey::from_hex(&key).unwrap());
    // The key pasted where names and paths go.
    for field in ["key_env", "keystore", "chain", "journal", "rpc_url", "password_env"] {
        for pasted in [key.clone(), bare.clone(), bare.to_uppercase()] {
            let mut settler = json!({"kind": "evm", "key_env": "FLUX_SCAN_UNSET"});
            if matches!(field, "keystore" | "password_env") {
                settler = json!({"kind": "evm", "keystore": KEYSTORE_PATH});
            }
            settler[field] = json!(pasted);
            config_fails(&scan, &format!("the key pasted into {field}"), json!({"settler": settler}));
        }
    }
    // Keystores: a wrong password, the password pasted as the variable's name, no password, a
    // keystore that is the raw key, garbage.
    let (right, wrong) = (secret("keystore_password"), secret("wrong_password"));
    std::env::set_var("FLUX_SCAN_WRONG_PASSWORD", &wrong);
    std::env::set_var("FLUX_SCAN_PASSWORD", &right);
    scan.failed("keystore, wrong password", PaymentKey::from_keystore(KEYSTORE_PATH, "FLUX_SCAN_WRONG_PASSWORD"));
    scan.failed("keystore, password unset", PaymentKey::from_keystore(KEYSTORE_PATH, "FLUX_SCAN_NO_PASSWORD"));
    let pasted = secret("pasted_password");
    scan.failed("keystore, the password as the variable", PaymentKey::from_keystore(KEYSTORE_PATH, &pasted));
    let raw = tmp("raw-key.json");
    std::fs::write(&raw, &key).unwrap();
    scan.failed("keystore file holding the raw key", PaymentKey::from_keystore(&raw, "FLUX_SCAN_PASSWORD"));
    for (label, settler) in [
        ("wrong password", json!({"kind": "evm", "keystore": KEYSTORE_PATH, "password_env": "FLUX_SCAN_WRONG_PASSWORD"})),
        ("password pasted as the name", json!({"kind": "evm", "keystore": KEYSTORE_PATH, "password_env": pasted})),
        ("password with dashes pasted", json!({"kind": "evm", "keystore": KEYSTORE_PATH, "password_env": right})),
        ("keystore is the raw key", json!({"kind": "evm", "keystore": raw, "password_env": "FLUX_SCAN_PASSWORD"})),
        ("both key_env and keystore", json!({"kind": "evm", "keystore": KEYSTORE_PATH, "key_env": "FLUX_SCAN_PASSWORD"})),
    ] {
        config_fails(&scan, &format!("keystore: {label}"), json!({"settler": settler}));
    }
    // The right password unlocks it, and nothing it builds shows the key.
    let unlocked = PaymentKey::from_keystore(KEYSTORE_PATH, "FLUX_SCAN_PASSWORD").unwrap();
    assert_eq!(unlocked.address().to_string(), secret("sender"));
    scan.debug("a keystore key (Debug)", &unlocked);
    std::env::remove_var("FLUX_SCAN_WRONG_PASSWORD");
    std::env::remove_var("FLUX_SCAN_PASSWORD");
    assert!(scan.len() >= 80, "{}", scan.len());
    scan.assert_clean();
}

/// An EVM Flux paying from the scan key through `rpc` (a URL with credentials, a path and a
/// query in front of the scripted node).
fn evm_flux(rpc: &str) -> Flux {
    std::env::set_var("FLUX_SCAN_TREASURY_KEY", key_hex());
    let config = json!({"settler": {"kind": "evm", "chain": chain_json(json!([rpc])), "key_env": "FLUX_SCAN_TREASURY_KEY"}});
    from_config(&FluxConfig::from_json(&config.to_string()).unwrap()).unwrap()
}

/// The node's URL with the secrets of `rpc_url` in it.
fn with_secrets(node: &str) -> String {
    secret("rpc_url").replace("https://", "http://").replace("rpc.scan.invalid:8545", node.trim_start_matches("http://"))
}

#[test]
fn preflight_tells_the_client_what_is_wrong_not_the_treasury() {
    let scan = Scan::new();
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let units = |name: &str| secret(name).parse::<u128>().unwrap();
    let insufficient = json!({"code": -32000, "message": format!(
        "insufficient funds for gas * price + value: address {} have {} want {}",
        secret("sender"), secret("node_have"), secret("node_want"))});
    // ERC20InsufficientBalance(sender, balance, needed), as OpenZeppelin 5 reverts.
    let revert = json!({"code": 3, "message": "execution reverted", "data": format!(
        "0xe450d38c{:0>64}{:064x}{:064x}", secret("sender").trim_start_matches("0x").to_lowercase(), units("token_balance_units"), 10_500_000u128)});
    let scripts = [
        (
            "token balance short",
            NodeScript { token_balance: units("token_balance_units"), native_wei: u128::MAX / 4, transfer_error: None },
            "token balance",
        ),
        (
            "gas balance short",
            NodeScript { token_balance: units("rich_balance_units"), native_wei: units("native_balance_wei"), transfer_error: None },
            "gas",
        ),
        (
            "node: insufficient funds",
            NodeScript { token_balance: units("rich_balance_units"), native_wei: u128::MAX / 4, transfer_error: Some(insufficient) },
            "simulate",
        ),
        (
            "node: custom revert",
            NodeScript { token_balance: units("rich_balance_units"), native_wei: u128::MAX / 4, transfer_error: Some(revert) },
            "simulate",
        ),
    ];
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let _rt = rt.enter();
    for (label, script, says) in scripts {
        let url = with_secrets(&node::start(script));
        let flux = evm_flux(&url);
        scan.debug(format!("{label}: Flux (Debug)"), &flux);
        let e = scan.failed(&format!("{label}: execute"), rt.block_on(flux.execute(&cart())));
        assert_eq!(e.code(), "PREFLIGHT_FAILED", "{label}: {e}");
        assert!(e.to_string().contains(says), "{label}: the message says what is wrong: {e}");
        let answer =
            rt.block_on(flux_core::http::execute_payment(&flux, cart().canonical_json().as_bytes(), None, None, Default::default()));
        assert_eq!(answer.status, 502, "{label}: {}", answer.body);
        scan.text(format!("{label}: HTTP answer"), answer.body);
        scan.text(format!("{label}: audit"), flux.audit_jsonl());
    }
    // A node that is not there: the error names the host only.
    let closed = with_secrets("http://127.0.0.1:9");
    let flux = evm_flux(&closed);
    let e = scan.failed("unreachable node: execute", rt.block_on(flux.execute(&cart())));
    // Nothing was signed: a preflight failure.
    assert_eq!(e.code(), "PREFLIGHT_FAILED", "{e}");
    assert!(e.to_string().contains("127.0.0.1:9"), "names the host: {e}");
    std::env::remove_var("FLUX_SCAN_TREASURY_KEY");
    scan.assert_clean();
}
