#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::error::FluxError;
use crate::flux::Flux;
use crate::future::block_on;
use crate::intent::{Intent, Strategy};
use crate::money::Amount;
use crate::settle::SettlementMode;

/// `Flux::from_config` with the ledger in memory unless the configuration names one: a test
/// never writes the user's data directory, and tests in one process share no ledger.
fn from_config(config: &FluxConfig) -> Result<Flux, FluxError> {
    let mut config = config.clone();
    if config.ledger == LedgerSource::Default {
        config.ledger = LedgerSource::Memory;
    }
    Flux::from_config(&config)
}

const KEY_HEX: &str = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

fn err(json: &str) -> ConfigError {
    FluxConfig::from_json(json).expect_err(json)
}

#[test]
fn the_default_config_is_the_embedded_kernel() {
    let config = FluxConfig::from_json("{}").unwrap();
    assert_eq!(config, FluxConfig::default());
    assert_eq!(FluxConfig::from_toml("").unwrap(), config);
    // Not an object: refused, where serde read "[]" as the defaults.
    assert_eq!(FluxConfig::from_json("\u{feff}{}").unwrap(), config, "a byte order mark");
    for json in ["[]", "[\"embedded\"]", "null", "7", "\"sandbox\"", ""] {
        assert!(err(json).to_string().contains("a configuration is a JSON object"), "{json}: {}", err(json));
    }
    let flux = from_config(&config).unwrap();
    assert_eq!(flux.settlement_mode(), SettlementMode::Sandbox);
    assert!(flux.chain().is_none());
    let intent = Intent::new("24 energy drinks and badges for 100 people", Amount::parse("300").unwrap(), 3, Strategy::Cheapest).unwrap();
    let from_config = block_on(flux.orchestrate(&intent)).unwrap();
    let from_builder = block_on(Flux::builder().ledger(crate::MemoryLedger::new()).build().unwrap().orchestrate(&intent)).unwrap();
    assert_eq!(from_config.canonical_json(), from_builder.canonical_json());
}

#[test]
fn toml_json_and_round_trip_agree() {
    let toml = r#"
        catalogs = ["embedded"]
        policy = "demo"
        parser = "offline"
        alternatives = 3
        audit_retention = 50
        now_ms = 1700000000000
        settler = "memory"
    "#;
    let json = r#"{"catalogs": ["embedded"], "policy": "demo", "parser": "offline", "alternatives": 3,
                   "audit_retention": 50, "now_ms": 1700000000000, "settler": {"kind": "memory"}}"#;
    let a = FluxConfig::from_toml(toml).unwrap();
    let b = FluxConfig::from_json(json).unwrap();
    assert_eq!(a, b);
    assert_eq!(FluxConfig::from_json(&a.to_json()).unwrap(), a);
    assert_eq!(from_config(&a).unwrap().settlement_mode(), SettlementMode::Memory);
}

#[test]
fn inline_parts_are_typed_and_errors_name_the_field() {
    let policy = r#"{"policy": {"merchants": [{"id": "shop", "name": "Shop", "payout_address": "0x1111111111111111111111111111111111111111"}],
                      "rules": {"max_budget_cap": "250.5"}}}"#;
    let config = FluxConfig::from_json(policy).unwrap();
    let flux = from_config(&config).unwrap();
    assert_eq!(flux.policy().rules().max_budget_cap, Amount::parse("250.5").unwrap());

    let e = err(&policy.replace("\"250.5\"", "-3"));
    assert_eq!(e.path, "policy.rules.max_budget_cap", "{e}");
    assert!(e.reason.contains("negative"), "{e}");
    let e = err(&policy.replace("\"250.5\"", "0.1234567"));
    assert_eq!(e.path, "policy.rules.max_budget_cap");
    let e = err(&policy.replace("0x1111111111111111111111111111111111111111", "0x12"));
    assert_eq!(e.path, "policy.merchants[0].payout_address", "{e}");
    let e = err(
        r#"{"settler": {"kind": "evm", "chain": {"chain_id": 1, "rpc_urls": ["http://x"], "token": "0x3600000000000000000000000000000000000000", "gas_cap": "big"}}}"#,
    );
    assert_eq!(e.path, "settler.chain.gas_cap", "{e}");
    let e = err(r#"{"parser": {"provider": "openai", "api_key": "sk-live-abc"}}"#);
    assert_eq!(e.path, "parser.api_key", "{e}");
    assert!(e.reason.contains("api_key") && !e.reason.contains("sk-live-abc"), "{e}");
    let e = err(r#"{"surprise": true}"#);
    assert!(e.to_string().contains("surprise"), "{e}");
    let e = FluxConfig::from_toml("[settler]\nkind = \"evm\"\nkeystore = 3\n").unwrap_err();
    assert_eq!(e.path, "settler.keystore", "{e}");
    let e = err(r#"{"settler": "bitcoin"}"#);
    assert_eq!(e.path, "settler");
    assert_eq!(err("{").code(), "INVALID_CONFIG");
    assert!(FluxConfig::from_json("{} trailing").is_err());
}

#[test]
fn secrets_never_reach_an_error() {
    // A URL with an API key in its path, given where a list was expected.
    let e = err(
        r#"{"settler": {"kind": "evm", "chain": {"chain_id": 1, "rpc_urls": "https://rpc.example/v2/SECRETKEY123", "token": "0x3600000000000000000000000000000000000000"}}}"#,
    );
    assert_eq!(e.path, "settler.chain.rpc_urls");
    assert!(!e.to_string().contains("SECRETKEY123"), "{e}");
    // A private key pasted where the *name* of its variable belongs.
    let config = FluxConfig::from_json(&format!(r#"{{"settler": {{"kind": "evm", "key_env": "0x{KEY_HEX}"}}}}"#)).unwrap();
    let e = from_config(&config).unwrap_err();
    assert_eq!(e.code(), "INVALID_CONFIG");
    assert!(!e.to_string().contains(&KEY_HEX[..16]), "{e}");
    // ... and a key as a plain string where a table was expected.
    let e = err(&format!(r#"{{"policy": {{"merchants": "{KEY_HEX}", "rules": {{"max_budget_cap": 1}}}}}}"#));
    assert!(!e.to_string().contains(&KEY_HEX[..16]), "{e}");
}

#[test]
fn parts_fail_with_their_own_codes() {
    let missing_catalog = FluxConfig::from_json(r#"{"catalogs": ["embedded", "/nonexistent/catalog.json"]}"#).unwrap();
    assert_eq!(from_config(&missing_catalog).unwrap_err().code(), "CATALOG_UNAVAILABLE");
    let missing_policy = FluxConfig::from_json(r#"{"policy": "/nonexistent/policy.toml"}"#).unwrap();
    assert_eq!(from_config(&missing_policy).unwrap_err().code(), "MALFORMED_POLICY");
    let sandbox_with_chain = FluxConfig::from_json(r#"{"settler": {"kind": "sandbox", "journal": "x.sqlite"}}"#).unwrap();
    let e = from_config(&sandbox_with_chain).unwrap_err();
    assert_eq!(e.code(), "INVALID_CONFIG");
    assert!(e.to_string().contains("settler.journal"), "{e}");
    let zero = FluxConfig::from_json(r#"{"audit_retention": 0}"#).unwrap();
    assert!(from_config(&zero).unwrap_err().to_string().contains("audit_retention"));
}

#[cfg(feature = "llm")]
#[test]
fn llm_parsers_fail_with_llm_codes() {
    let no_key = FluxConfig::from_json(r#"{"parser": {"provider": "openai", "api_key_env": "FLUX_TEST_SURELY_UNSET_KEY"}}"#).unwrap();
    let e = from_config(&no_key).unwrap_err();
    assert_eq!((e.code(), e.kind()), ("LLM_MISSING_API_KEY", crate::ErrorKind::Config));
    let psychic = FluxConfig::from_json(r#"{"parser": "psychic"}"#).unwrap();
    assert_eq!(from_config(&psychic).unwrap_err().code(), "LLM_INVALID_CONFIG");
    let local = FluxConfig::from_json(r#"{"parser": {"provider": "local", "base_url": "http://127.0.0.1:9/v1", "timeout_s": 1}}"#).unwrap();
    assert!(from_config(&local).is_ok());
}

#[test]
fn environment_overrides() {
    let dir = std::env::temp_dir().join(format!("flux-config-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("flux.toml"), "policy = \"policy.toml\"\nsettler = \"memory\"\n").unwrap();
    std::fs::write(dir.join("policy.toml"), crate::policy::DEMO_POLICY_TOML).unwrap();
    let path = dir.join("flux.toml").to_string_lossy().into_owned();
    let vars = |pairs: &'static [(&'static str, &'static str)], config: Option<String>| {
        move |name: &str| {
            if name == "FLUX_CONFIG" {
                return config.clone();
            }
            pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
        }
    };
    // Relative paths in a file are relative to the file.
    let c = FluxConfig::from_vars(vars(&[], Some(path.clone()))).unwrap();
    assert_eq!(c.policy, PolicySource::File(dir.join("policy.toml")));
    assert_eq!(from_config(&c).unwrap().settlement_mode(), SettlementMode::Memory);
    // The variables the example servers always read still work, over the file.
    let c = FluxConfig::from_vars(vars(&[("FLUX_SETTLER", "sandbox"), ("FLUX_POLICY", "demo"), ("FLUX_CATALOGS", "embedded")], Some(path)))
        .unwrap();
    assert_eq!(
        (c.settler.kind, &c.policy, c.catalogs.as_slice()),
        (SettlerKind::Sandbox, &PolicySource::Demo, &[CatalogSource::Embedded][..])
    );
    let c =
        FluxConfig::from_vars(vars(&[("FLUX_SETTLER", "evm"), ("FLUX_CHAIN", "arc-testnet"), ("FLUX_KEY_ENV", "MY_KEY")], None)).unwrap();
    assert_eq!(c.settler.chain, Some(ChainSource::Preset("arc-testnet".into())));
    assert_eq!(c.settler.key_env.as_deref(), Some("MY_KEY"));
    let e = FluxConfig::from_vars(vars(&[("FLUX_RPC_URL", "http://127.0.0.1:8545")], None)).unwrap_err();
    assert_eq!(e.path, "FLUX_RPC_URL");
    assert!(FluxConfig::from_vars(vars(&[("FLUX_SETTLER", "cash")], None)).is_err());
    // A misspelt ledger name is an error, never a durable file "memroy" in the working directory.
    for typo in ["memroy", "Memory", "in-memory", "sqlite"] {
        let vars = move |name: &str| (name == "FLUX_LEDGER").then(|| typo.to_owned());
        let e = FluxConfig::from_vars(vars).unwrap_err();
        assert_eq!(e.path, "FLUX_LEDGER", "{e}");
        assert!(e.reason.contains("is not \"default\", \"memory\" or a SQLite file path"), "{e}");
        let e = err(&format!(r#"{{"ledger": "{typo}"}}"#));
        assert_eq!(e.path, "ledger", "{e}");
    }
    for path in ["./memroy", "ledger.sqlite", "/var/lib/flux/ledger"] {
        assert_eq!(FluxConfig::from_json(&format!(r#"{{"ledger": "{path}"}}"#)).unwrap().ledger, LedgerSource::Sqlite(path.into()));
    }
    let e = FluxConfig::from_vars(vars(&[], Some(dir.join("missing.toml").to_string_lossy().into_owned()))).unwrap_err();
    assert!(e.reason.contains("cannot read"), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}

fn feed(extra: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/feeds/google-merchant.tsv");
    format!(r#"{{"catalogs": ["embedded", {{"format": "google_merchant_tsv", "path": "{path}", {extra}}}]}}"#)
}

const SHOP: &str = r#""vendor": {"id": "demo_shop", "name": "Flux Demo Shop", "trust_score": 82}"#;

#[test]
fn one_catalog_needs_no_list() {
    // As `Flux(catalogs="embedded")` takes it in Python, and as the README's keys read.
    for (text, toml) in [(r#"{"catalogs": "embedded"}"#, false), ("catalogs = \"embedded\"", true)] {
        let c = if toml { FluxConfig::from_toml(text) } else { FluxConfig::from_json(text) }.unwrap();
        assert_eq!(c.catalogs, [CatalogSource::Embedded], "{text}");
    }
    let one = FluxConfig::from_json(r#"{"catalogs": "shop.json"}"#).unwrap();
    assert_eq!(one.catalogs, [CatalogSource::File("shop.json".into())]);
    let inline = FluxConfig::from_json(r#"{"catalogs": {"vendors": [], "offers": []}}"#).unwrap();
    assert!(matches!(inline.catalogs.as_slice(), [CatalogSource::Inline(_)]));
    // Errors still name the field.
    let bad = FluxConfig::from_json(r#"{"catalogs": 7}"#).unwrap_err();
    assert!(bad.to_string().contains("catalogs"), "{bad}");
    let bad = FluxConfig::from_json(r#"{"catalogs": ["embedded", 7]}"#).unwrap_err();
    assert!(bad.to_string().contains("catalogs[1]"), "{bad}");
}

#[test]
fn feed_files_are_catalogs() {
    let config = FluxConfig::from_json(&feed(&format!("{SHOP}, \"id_prefix\": \"gm\", \"delivery_days\": 1"))).unwrap();
    // It round-trips as a feed source, not an inline document.
    assert_eq!(FluxConfig::from_json(&config.to_json()).unwrap(), config);
    assert!(matches!(&config.catalogs[1], CatalogSource::Feed(f) if f.format == "google_merchant_tsv"));
    let flux = from_config(&config).unwrap();
    let data = block_on(flux.catalog()).unwrap();
    let from_feed: Vec<_> = data.offers().filter(|o| o.vendor_id == "demo_shop").collect();
    assert_eq!(from_feed.len(), 7);
    assert!(from_feed.iter().all(|o| o.id.starts_with("gm-")));
}

#[test]
fn feed_mistakes_name_their_field() {
    let bad = |extra: &str| from_config(&FluxConfig::from_json(&feed(extra)).unwrap()).map(|_| ()).unwrap_err();
    let no_vendor = bad(r#""delivery_days": 1"#);
    assert_eq!(no_vendor.code(), "INVALID_CONFIG");
    assert!(no_vendor.to_string().contains("catalogs[1].vendor"), "{no_vendor}");
    let both = bad(&format!(r#"{SHOP}, "url": "https://shop.example.com/feed.tsv""#));
    assert!(both.to_string().contains("exactly one of `url` and `path`"), "{both}");
    let format = FluxConfig::from_json(r#"{"catalogs": [{"format": "csv", "path": "x"}]}"#).unwrap();
    let format = from_config(&format).map(|_| ()).unwrap_err();
    assert!(format.to_string().contains("catalogs[0].format"), "{format}");
    // Unknown keys are typos, not ignored.
    let typo = err(r#"{"catalogs": [{"format": "shopify_products", "paht": "x"}]}"#);
    assert!(typo.to_string().contains("paht"), "{typo}");
    let missing =
        from_config(&FluxConfig::from_json(r#"{"catalogs": [{"format": "catalog_json", "path": "/nonexistent/c.json"}]}"#).unwrap());
    assert!(missing.map(|_| ()).unwrap_err().to_string().contains("catalogs[0].path"));
}

#[test]
fn mistakes_a_newcomer_makes_say_how_to_fix_them() {
    let dir = std::env::temp_dir().join(format!("flux-config-mistakes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shop = dir.join("shop.json");
    std::fs::write(&shop, crate::catalog::EmbeddedCatalog::json()).unwrap();
    // The same catalog twice built, then failed every plan with DUPLICATE_CATALOG_ID (a 500).
    for catalogs in [format!("[{:?}, {:?}]", shop, shop), format!("[\"embedded\", {:?}]", shop), "[\"embedded\", \"embedded\"]".into()] {
        let config = FluxConfig::from_json(&format!("{{\"catalogs\": {catalogs}}}")).unwrap();
        let e = from_config(&config).unwrap_err();
        assert_eq!(e.code(), "INVALID_CONFIG", "{catalogs}");
        assert!(e.to_string().contains("catalogs[1]") && e.to_string().contains("also in catalogs[0]"), "{e}");
    }
    // A keyword misspelt reads as a missing file: the error names the keywords.
    let e = from_config(&FluxConfig::from_json(r#"{"catalogs": ["embeded"]}"#).unwrap()).unwrap_err();
    assert!(e.to_string().contains("catalogs[0]") && e.to_string().contains("\"embedded\""), "{e}");
    let e = from_config(&FluxConfig::from_json(r#"{"policy": "Demo"}"#).unwrap()).unwrap_err();
    assert!(e.to_string().contains("policy") && e.to_string().contains("\"demo\""), "{e}");
    // A TOML syntax error says where it is.
    let e = FluxConfig::from_toml("alternatives = 3\ncatalogs = [\"embedded\" \"x.json\"]\n").unwrap_err();
    assert!(e.to_string().contains("line 2, column"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(feature = "llm")]
#[test]
fn a_misspelt_parser_is_told_every_choice() {
    let e = from_config(&FluxConfig::from_json(r#"{"parser": "ofline"}"#).unwrap()).unwrap_err();
    assert_eq!(e.code(), "LLM_INVALID_CONFIG");
    assert!(e.to_string().contains("expected offline"), "{e}");
}

#[cfg(feature = "evm")]
#[test]
fn a_misspelt_chain_or_a_missing_keystore_is_said_as_such() {
    let chain = FluxConfig::from_json(r#"{"settler": {"kind": "evm", "chain": "arc-testnt", "key_env": "FLUX_TEST_SURELY_UNSET_KEY"}}"#);
    let e = from_config(&chain.unwrap()).unwrap_err();
    assert!(e.to_string().contains("settler.chain") && e.to_string().contains("arc-testnet"), "{e}");
    // With no file there, the password is not what is wrong.
    let keystore = r#"{"settler": {"kind": "evm", "chain": "arc-testnet", "keystore": "/nonexistent/k.json", "password_env": "HOME"}}"#;
    let e = from_config(&FluxConfig::from_json(keystore).unwrap()).unwrap_err();
    assert!(e.to_string().contains("cannot read keystore") && !e.to_string().contains("password"), "{e}");
}

#[cfg(feature = "evm")]
#[test]
fn a_settler_refused_creates_no_ledger_file() {
    // The ledger (with its journal) was opened before the key was read: a configuration without
    // its key left an empty SQLite journal behind, named by whatever the `journal` field held.
    let dir = std::env::temp_dir().join(format!("flux-config-refused-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (journal, ledger) = (dir.join("journal.sqlite"), dir.join("ledger.sqlite"));
    let key_env = "FLUX_TEST_SURELY_UNSET_KEY";
    for (config, why) in [
        (serde_json::json!({"settler": {"kind": "evm", "key_env": key_env, "journal": journal}}), "settler.key_env"),
        (serde_json::json!({"settler": {"kind": "evm", "key_env": key_env}, "ledger": ledger}), "settler.key_env"),
        // An endpoint that is no URL was found only when the settler was built, the ledger open.
        (
            serde_json::json!({"settler": {"kind": "evm", "key_env": key_env, "rpc_url": "http://exa mple"}, "ledger": ledger}),
            "invalid rpc url",
        ),
    ] {
        let e = from_config(&FluxConfig::from_json(&config.to_string()).unwrap()).unwrap_err();
        assert!(e.to_string().contains(why), "{e}");
    }
    assert!(!journal.exists() && !ledger.exists(), "a refused settler left a ledger file");
    let _ = std::fs::remove_dir_all(&dir);
}
