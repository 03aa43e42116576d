//! The JSON Schema of [`FluxConfig`] (feature `schema`), generated from the types. The string-or-
//! table parts and the exact-text money and address types describe themselves by hand.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::{CatalogSource, ChainSource, FluxConfig, LlmSettings, ParserSource, PolicyDocument, PolicySource, SettlerConfig};
use crate::address::Address;
use crate::money::Amount;
use crate::policy::Approver;
use crate::settle::ChainConfig;

/// The schema as pretty JSON, with a trailing newline (the committed file's bytes).
pub fn config_schema() -> String {
    let mut schema = schemars::schema_for!(FluxConfig);
    schema.insert("$id".into(), "https://github.com/flux-commerce/flux/flux-config.schema.json".into());
    schema.insert("title".into(), "Flux configuration".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "USDC, exact: a decimal string (\"45.5\") or a number with at most 6 decimals; never negative",
            "anyOf": [
                {"type": "string", "pattern": "^\\+?[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?$"},
                {"type": "number", "minimum": 0}
            ]
        })
    }
}

impl JsonSchema for Address {
    fn schema_name() -> Cow<'static, str> {
        "Address".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "an EVM address: 0x and 40 hex digits (mixed case must be a valid EIP-55 checksum)",
            "type": "string",
            "pattern": "^0[xX][0-9a-fA-F]{40}$"
        })
    }
}

impl JsonSchema for Approver {
    fn schema_name() -> Cow<'static, str> {
        "Approver".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "a key whose signature approves carts above approval_threshold: \"ed25519:\" and a 64-hex-digit public key, or an EVM address (EIP-191 personal-message signatures)",
            "type": "string",
            "pattern": "^(ed25519:(0x)?[0-9a-fA-F]{64}|0[xX][0-9a-fA-F]{40})$"
        })
    }
}

fn path_string(what: &str) -> Schema {
    json_schema!({"type": "string", "minLength": 1, "description": what})
}

impl JsonSchema for CatalogSource {
    fn schema_name() -> Cow<'static, str> {
        "CatalogSource".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "\"embedded\" (the catalog that ships with Flux), a path to a catalog JSON file, a catalog document inline, or a merchant feed (file or URL)",
            "anyOf": [
                {"const": "embedded"},
                path_string("a catalog JSON file"),
                {
                    "type": "object",
                    "description": "a catalog document: vendors, offers and optional categories",
                    "required": ["vendors", "offers"],
                    "properties": {
                        "vendors": {"type": "array", "items": {"type": "object"}},
                        "offers": {"type": "array", "items": {"type": "object"}},
                        "categories": {"type": "array", "items": {"type": "object"}}
                    }
                },
                {
                    "type": "object",
                    "description": "a merchant feed or a Flux catalog document, from a file (`path`) or over HTTP(S) (`url`, revalidated with ETag)",
                    "required": ["format"],
                    "additionalProperties": false,
                    "properties": {
                        "format": {"enum": ["shopify_products", "google_merchant_tsv", "google_merchant_xml", "catalog_json"]},
                        "url": {"type": "string", "description": "http(s) URL; needs the http-catalog feature"},
                        "path": {"type": "string", "minLength": 1},
                        "vendor": {
                            "type": "object",
                            "description": "the merchant selling (required for feeds)",
                            "required": ["id", "name", "trust_score"],
                            "properties": {
                                "id": {"type": "string"},
                                "name": {"type": "string"},
                                "trust_score": {"type": "integer", "minimum": 0, "maximum": 100},
                                "volume_tiers": {"type": "array", "items": {"type": "object"}},
                                "promotions": {"type": "array", "items": {"type": "object"}}
                            }
                        },
                        "id_prefix": {"type": "string"},
                        "currency": {"enum": ["USD", "USDC"]},
                        "delivery_days": {"type": "integer", "minimum": 0},
                        "in_stock_packs": {"type": "integer", "minimum": 0},
                        "category_map": {"type": "object", "additionalProperties": {"type": "string"}},
                        "refresh_s": {"type": "integer", "minimum": 0},
                        "timeout_s": {"type": "integer", "minimum": 1}
                    }
                }
            ]
        })
    }
}

/// `ledger`: a name, a SQLite file path, or a PostgreSQL table.
pub(super) fn ledger(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Where spend, idempotency keys, the leg journal and nonces are kept: \"default\" (a durable SQLite file in the data directory, or FLUX_LEDGER), \"memory\" (lost with the process), a SQLite file path (with a directory or an extension), or PostgreSQL with its URL in an environment variable",
        "anyOf": [
            {"enum": ["default", "memory"]},
            path_string("a SQLite ledger file"),
            {
                "type": "object",
                "required": ["postgres_url_env"],
                "additionalProperties": false,
                "properties": {"postgres_url_env": {"type": "string", "description": "the environment variable holding the postgres:// URL"}}
            }
        ],
        "default": "default"
    })
}

impl JsonSchema for PolicySource {
    fn schema_name() -> Cow<'static, str> {
        "PolicySource".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let doc = g.subschema_for::<PolicyDocument>();
        json_schema!({
            "description": "\"demo\", a path to a .toml or .json policy file, or the policy inline",
            "anyOf": [{"const": "demo"}, path_string("a policy file"), doc]
        })
    }
}

impl JsonSchema for ParserSource {
    fn schema_name() -> Cow<'static, str> {
        "ParserSource".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let llm = g.subschema_for::<LlmSettings>();
        json_schema!({
            "description": "\"offline\" (default), \"env\" (FLUX_PARSER), a provider name (openai, gemini, groq, local: settings and key from the environment), or an LLM parser table",
            "anyOf": [
                {"enum": ["offline", "env", "openai", "gemini", "groq", "local", "ollama", "vllm", "llamacpp"]},
                llm
            ]
        })
    }
}

impl JsonSchema for ChainSource {
    fn schema_name() -> Cow<'static, str> {
        "ChainSource".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let chain = g.subschema_for::<ChainConfig>();
        json_schema!({
            "description": "a preset (\"arc-testnet\"), a .toml/.json chain file, or the chain inline",
            "anyOf": [{"const": "arc-testnet"}, path_string("a chain file"), chain]
        })
    }
}

/// `catalogs`: one catalog or a list of them.
pub(super) fn catalogs(g: &mut SchemaGenerator) -> Schema {
    let one = g.subschema_for::<CatalogSource>();
    json_schema!({
        "description": "Where offers come from: one catalog, or a list of them that merge (offer and vendor ids must stay unique). Empty: the embedded catalog.",
        "anyOf": [one.clone(), {"type": "array", "items": one}]
    })
}

/// `settler`: a kind name or a settler table.
pub(super) fn settler(g: &mut SchemaGenerator) -> Schema {
    let table = g.subschema_for::<SettlerConfig>();
    json_schema!({
        "description": "\"sandbox\" (default: signed, never broadcast), \"memory\", \"evm\", or a settler table",
        "anyOf": [{"enum": ["memory", "sandbox", "evm"]}, table]
    })
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    #[test]
    fn committed_schema_is_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/flux-config.schema.json");
        let fresh = super::config_schema();
        if std::env::var("FLUX_BLESS").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: regenerate with FLUX_BLESS=1 cargo test -p flux-core --features schema --lib config",
            path.display()
        );
        assert_eq!(super::super::FluxConfig::JSON_SCHEMA, fresh, "rebuild after blessing");
    }
}
