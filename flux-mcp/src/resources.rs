//! Resources: the policy, a summary of the catalog, and the audit trail (JSONL).

use std::collections::BTreeMap;

use flux_core::{ErrorKind, Flux};
use rmcp::model::{Resource, ResourceContents};
use serde_json::json;

use crate::errors::{echo, ToolError};

/// The policy (merchants, rules, hash).
pub const POLICY_URI: &str = "flux://policy";
/// Categories, offer counts and merchants of the catalog.
pub const CATALOG_URI: &str = "flux://catalog/summary";
/// The hash-chained audit trail, one JSON event per line.
pub const AUDIT_URI: &str = "flux://audit";

/// The resources this server lists.
pub fn list() -> Vec<Resource> {
    vec![
        Resource::new(POLICY_URI, "policy")
            .with_title("Spending policy")
            .with_description("The merchant registry and spending rules the kernel enforces, with the policy's hash.")
            .with_mime_type("application/json"),
        Resource::new(CATALOG_URI, "catalog-summary")
            .with_title("Catalog summary")
            .with_description("The catalog's categories with offer counts, and its merchants.")
            .with_mime_type("application/json"),
        Resource::new(AUDIT_URI, "audit-trail")
            .with_title("Audit trail")
            .with_description("Every plan, decision, settlement and verification as hash-chained JSON lines (the events kept in memory).")
            .with_mime_type("application/jsonl"),
    ]
}

/// The contents of a resource.
pub async fn read(flux: &Flux, uri: &str) -> Result<ResourceContents, ToolError> {
    let (text, mime) = match uri {
        POLICY_URI => {
            let policy = flux.policy();
            let mut value = serde_json::to_value(policy).unwrap_or_default();
            if let Some(map) = value.as_object_mut() {
                map.insert("policy_hash".into(), json!(policy.hash()));
            }
            (value.to_string(), "application/json")
        }
        CATALOG_URI => (catalog_summary(flux).await?.to_string(), "application/json"),
        AUDIT_URI => (flux.audit_jsonl(), "application/jsonl"),
        other => {
            return Err(ToolError::new("UNKNOWN_RESOURCE", ErrorKind::NotFound, format!("no resource {:?}", echo(other))));
        }
    };
    Ok(ResourceContents::text(text, uri).with_mime_type(mime))
}

async fn catalog_summary(flux: &Flux) -> Result<serde_json::Value, ToolError> {
    let catalog = flux.catalog().await?;
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_vendor: BTreeMap<&str, usize> = BTreeMap::new();
    for offer in catalog.offers() {
        *categories.entry(offer.category.as_str()).or_default() += 1;
        *per_vendor.entry(offer.vendor_id.as_str()).or_default() += 1;
    }
    let merchants: Vec<_> = catalog
        .vendors()
        .map(|v| {
            json!({
                "id": v.id,
                "name": v.name,
                "offers": per_vendor.get(v.id.as_str()).copied().unwrap_or(0),
                "in_policy": flux.policy().merchant(&v.id).is_some(),
            })
        })
        .collect();
    Ok(json!({
        "offers": catalog.len(),
        "categories": categories.iter().map(|(c, n)| json!({"id": c, "offers": n})).collect::<Vec<_>>(),
        "merchants": merchants,
    }))
}
