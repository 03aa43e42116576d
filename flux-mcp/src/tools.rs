//! The tools' arguments (with their JSON Schemas) and descriptions, and reading a call's arguments:
//! an argument a tool does not take is `UNKNOWN_ARGUMENT`, a wrong one `INVALID_ARGUMENTS`
//! naming it. No tool takes a price, an amount to pay, an address, a merchant's payout or a chain.

use std::sync::Arc;

use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::errors::ToolError;

/// `plan_purchase`'s arguments: the seed's intent.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanArgs {
    /// What to buy, in the user's words, e.g. "24 energy drinks and 10 usb-c hubs for the offsite".
    pub prompt: String,
    /// The most the whole cart may cost, in USDC: exact decimal text ("150.50") or a number with at
    /// most 6 decimals.
    #[schemars(schema_with = "budget_schema")]
    pub budget: Value,
    /// Latest acceptable delivery, in whole days from today (0 = same day). Default 7. Left at the
    /// default, a deadline the request states ("needed tomorrow") is used instead.
    #[serde(default)]
    #[schemars(schema_with = "deadline_schema")]
    pub deadline_days: Option<Value>,
    /// How to trade price against delivery and vendor trust: "cheapest", "fastest", "balanced"
    /// (default), or weights {"price", "delivery", "trust"} summing to 100.
    #[serde(default)]
    #[schemars(schema_with = "strategy_schema")]
    pub strategy: Option<Value>,
}

/// What `edit_cart` does to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EditAction {
    /// Remove the line.
    Remove,
    /// Replace the line by one of the ranked alternatives of its need (`offer_id`).
    Replace,
    /// Change how many units (not packs) the line buys (`units`); the kernel re-quotes packs and
    /// volume discounts.
    SetUnits,
}

/// `edit_cart`'s arguments: a cart id and one edit of one line.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditArgs {
    /// The cart to edit, as plan_purchase or edit_cart returned it.
    pub cart_id: String,
    /// The line to edit: its `id` as the cart lists it.
    pub line_id: String,
    /// The edit: "remove", "replace" (needs offer_id) or "set_units" (needs units).
    pub action: EditAction,
    /// For "replace": the `offer_id` of one of the ranked alternatives plan_purchase listed for
    /// this line's need.
    #[serde(default)]
    pub offer_id: Option<String>,
    /// For "set_units": how many units the line should buy (1 or more).
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub units: Option<u32>,
}

/// Arguments naming one cart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CartArgs {
    /// The cart, as plan_purchase or edit_cart returned it.
    pub cart_id: String,
}

/// A signed approval, as an approver's own tool made it over the message execute_purchase gave.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalArg {
    /// The approval id execute_purchase asked to sign.
    pub approval_id: String,
    /// The approved cart's id.
    pub cart_id: String,
    /// The policy hash execute_purchase gave.
    pub policy_hash: String,
    /// Unix seconds from which the approval is no longer valid.
    pub expires_at: u64,
    /// The signer: "ed25519:<hex public key>" or an EVM address; it must be one of the policy's
    /// approvers.
    pub approver: String,
    /// The signature over the message, hex.
    pub signature: String,
}

/// `execute_purchase`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecuteArgs {
    /// The cart to pay, as plan_purchase or edit_cart returned it.
    pub cart_id: String,
    /// A key of your choosing (1-128 printable ASCII characters, no spaces) that makes the payment
    /// happen at most once: retrying with the same key answers the same settlement; the same key
    /// on another cart is refused.
    pub idempotency_key: String,
    /// Only for a cart above the policy's approval threshold, when a person signed the approval
    /// this tool asked for with their own key. The kernel checks it against the policy's approvers.
    #[serde(default)]
    pub approval: Option<ApprovalArg>,
    /// Pay this cart although it was paid before under another key: buying the same goods
    /// again on purpose. Without it, a cart paid under another key is refused (ALREADY_PAID,
    /// naming that key), so a retry under a fresh key never pays twice.
    #[serde(default)]
    pub pay_again: bool,
}

/// `verify_settlement`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyArgs {
    /// The receipt bundle execute_purchase returned (its `receipt`), unchanged.
    #[schemars(schema_with = "object_schema")]
    pub receipt: Value,
}

/// `get_policy` takes nothing.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

fn budget_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "The most the whole cart may cost, in USDC: exact decimal text (\"150.50\") or a number with at most 6 decimals.",
        "anyOf": [
            {"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,6})?$"},
            {"type": "number", "exclusiveMinimum": 0}
        ]
    })
}

fn deadline_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": format!(
            "Latest acceptable delivery, in whole days from today (0 = same day, at most {}). Default {}. Left at the default, a deadline the request states (\"needed tomorrow\", \"deliver within 2 weeks\") is used instead.",
            flux_core::MAX_DEADLINE_DAYS,
            flux_core::DEFAULT_DEADLINE_DAYS
        ),
        "type": "integer",
        "minimum": 0,
        "maximum": flux_core::MAX_DEADLINE_DAYS
    })
}

fn strategy_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "How to trade price against delivery and vendor trust. Default \"balanced\".",
        "anyOf": [
            {"type": "string", "enum": ["cheapest", "fastest", "balanced"]},
            {
                "type": "object",
                "properties": {
                    "price": {"type": "integer", "minimum": 0, "maximum": 100},
                    "delivery": {"type": "integer", "minimum": 0, "maximum": 100},
                    "trust": {"type": "integer", "minimum": 0, "maximum": 100}
                },
                "required": ["price", "delivery", "trust"],
                "additionalProperties": false
            }
        ]
    })
}

fn object_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"type": "object", "description": "The receipt bundle execute_purchase returned, unchanged."})
}

/// The tools' names.
pub const PLAN: &str = "plan_purchase";
/// See [`PLAN`].
pub const EDIT: &str = "edit_cart";
/// See [`PLAN`].
pub const CHECK: &str = "check_policy";
/// See [`PLAN`].
pub const EXECUTE: &str = "execute_purchase";
/// See [`PLAN`].
pub const VERIFY: &str = "verify_settlement";
/// See [`PLAN`].
pub const GET_POLICY: &str = "get_policy";

fn schema<T: JsonSchema + 'static>() -> Result<Arc<JsonObject>, String> {
    rmcp::handler::server::tool::schema_for_input::<T>()
}

/// Every tool with its schema, description and hints. The hints say what each call does to the
/// world, so a host knows what to run without asking and what to confirm with its user:
/// - `plan_purchase` and `edit_cart` are not read-only: they keep a cart (by id) that
///   execute_purchase can pay, and a plan is recorded in the audit trail; nothing they do is
///   destroyed or paid. A plan is not idempotent (each is recorded; a later plan of the same cart
///   replaces its budget and deadline) and may reach the world (a configured LLM parser or
///   catalog feed); the same edit of the same cart is the same cart again.
/// - `execute_purchase` pays: irreversible (destructive), so a host asks before running it;
///   idempotent, since the same idempotency key answers the same settlement; open-world (a
///   chain, outside sandbox mode).
/// - `check_policy`, `get_policy` and `verify_settlement` only read (the kernel notes a decision
///   or a verification in its audit trail, as a log of what was read); a broadcast receipt is
///   re-read from its chain.
pub fn all() -> Result<Vec<Tool>, String> {
    let read_only = || ToolAnnotations::new().read_only(true).destructive(false).idempotent(true).open_world(false);
    let keeps_carts = || ToolAnnotations::new().read_only(false).destructive(false);
    Ok(vec![
        Tool::new(
            PLAN,
            "Plan a purchase: the kernel reads the request, ranks the catalog's offers for each need, and proposes one optimal cart within the budget and deadline. Returns the cart's lines (with reasons), ranked alternatives per need, unmet needs, what was asked but not planned (`dropped`, e.g. an item nothing in the catalog is), the total and a cart_id. Nothing is paid. Other tools refer to this cart by its cart_id only.",
            schema::<PlanArgs>()?,
        )
        .with_title("Plan a purchase")
        .with_annotations(keeps_carts().idempotent(false).open_world(true)),
        Tool::new(
            EDIT,
            "Edit a proposed cart: remove a line, replace it by one of its need's ranked alternatives (by offer_id), or set how many units it buys. The kernel re-quotes the line and returns a new cart with a new cart_id; the old cart stays as it was. An edit that would cost more than the plan's budget is refused.",
            schema::<EditArgs>()?,
        )
        .with_title("Edit a cart")
        .with_annotations(keeps_carts().idempotent(true).open_world(false)),
        Tool::new(
            CHECK,
            "Check a cart against the spending policy without paying: the decision (allow or deny) with every violation (caps, merchant allowlist, rolling windows, quotes, approval needed), and the transfers it would make.",
            schema::<CartArgs>()?,
        )
        .with_title("Check the policy")
        .with_annotations(read_only()),
        Tool::new(
            EXECUTE,
            "Pay a cart the kernel proposed, by cart_id, at most once per idempotency_key; a cart already paid under another key is refused (ALREADY_PAID) unless pay_again is true. The policy decides first: a denied cart is refused with its violations and nothing is signed. A cart above the approval threshold needs a person's signed approval: without one this answers APPROVAL_REQUIRED with the exact message to sign (and, where the client can ask the user and the operator allows it, asks them). Returns the settlement (status, transaction hashes; sandbox transactions are signed, never broadcast) and a receipt bundle.",
            schema::<ExecuteArgs>()?,
        )
        .with_title("Execute a purchase")
        .with_annotations(ToolAnnotations::new().read_only(false).destructive(true).idempotent(true).open_world(true)),
        Tool::new(
            VERIFY,
            "Verify a receipt bundle: every signed transfer is decoded and held against its leg (recipient, amount, token, chain, signer, hash); a broadcast bundle is re-read from its chain. Returns the kernel's report.",
            schema::<VerifyArgs>()?,
        )
        .with_title("Verify a settlement")
        .with_annotations(read_only().open_world(true)),
        Tool::new(
            GET_POLICY,
            "The spending policy: per-cart and per-transfer caps, per-merchant caps, the merchant allowlist, the approval threshold and approvers, and what remains of each rolling spending window now.",
            schema::<NoArgs>()?,
        )
        .with_title("Get the policy")
        .with_annotations(read_only()),
    ])
}

/// Reads a call's arguments as `T`: first every name against the tool's schema (an unknown one
/// is `UNKNOWN_ARGUMENT`), then the values (a wrong one is `INVALID_ARGUMENTS` at its path).
pub fn parse<T: DeserializeOwned + JsonSchema + 'static>(tool: &str, arguments: Option<JsonObject>) -> Result<T, ToolError> {
    let arguments = arguments.unwrap_or_default();
    let known = schema::<T>().map_err(|e| ToolError::invalid_arguments("", &e))?;
    let properties = known.get("properties").and_then(Value::as_object);
    let takes: Vec<&str> = properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
    let unknown: Vec<&str> = arguments.keys().map(String::as_str).filter(|k| !takes.contains(k)).collect();
    if !unknown.is_empty() {
        return Err(ToolError::unknown_argument(tool, &unknown, &takes));
    }
    serde_path_to_error::deserialize(Value::Object(arguments)).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let reason = e.into_inner().to_string();
        // serde's `missing field `name``: name the argument (at its path inside another).
        if let Some(name) = reason.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
            let field = if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
            return ToolError::missing_argument(tool, &field);
        }
        if reason.starts_with("unknown field") {
            // Inside an argument (an approval carrying an amount): as unknown as one at the top.
            return ToolError::unknown_argument(tool, &[&path], &[]);
        }
        ToolError::invalid_arguments(&path, &reason)
    })
}

/// The schemas as JSON, for tests.
#[cfg(test)]
pub fn schema_value<T: JsonSchema + 'static>() -> Value {
    schema::<T>().map(|s| Value::Object((*s).clone())).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn args(v: Value) -> Option<JsonObject> {
        v.as_object().cloned()
    }

    #[test]
    fn every_tool_has_an_object_schema_that_refuses_more() {
        let tools = all().unwrap();
        assert_eq!(tools.len(), 6);
        for t in &tools {
            assert_eq!(t.input_schema.get("type"), Some(&json!("object")), "{}", t.name);
            assert_eq!(t.input_schema.get("additionalProperties"), Some(&json!(false)), "{}", t.name);
        }
        let s = schema_value::<ExecuteArgs>();
        let props = s["properties"].as_object().unwrap();
        for forbidden in ["price", "amount", "address", "to", "merchant", "chain_id", "lines"] {
            assert!(!props.contains_key(forbidden), "{forbidden}");
        }
    }

    #[test]
    fn the_documented_deadline_is_the_kernels() {
        let s = schema_value::<PlanArgs>();
        let text = s["properties"]["deadline_days"]["description"].as_str().unwrap_or_default().to_owned();
        assert!(text.contains(&format!("Default {}.", flux_core::DEFAULT_DEADLINE_DAYS)), "{text}");
    }

    #[test]
    fn hints_say_what_each_tool_does() {
        let hints = |name: &str| {
            let a = all().unwrap().into_iter().find(|t| t.name == name).and_then(|t| t.annotations).unwrap();
            (a.read_only_hint, a.destructive_hint, a.idempotent_hint)
        };
        assert_eq!(hints(EXECUTE), (Some(false), Some(true), Some(true)), "a payment is confirmed by the user");
        assert_eq!(hints(PLAN), (Some(false), Some(false), Some(false)), "a plan keeps a cart");
        assert_eq!(hints(EDIT), (Some(false), Some(false), Some(true)), "an edit keeps a new cart");
        for name in [CHECK, VERIFY, GET_POLICY] {
            assert_eq!(hints(name).0, Some(true), "{name}");
        }
    }

    #[test]
    fn unknown_arguments_are_all_named_with_what_the_tool_takes() {
        // `{"deadline": "3 days", "max_price": 5}` named one argument per call, with no hint.
        let call = json!({"prompt": "24 energy drinks", "budget": "50", "deadline": "3 days", "max_price": 5});
        let e = parse::<PlanArgs>(PLAN, args(call)).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("UNKNOWN_ARGUMENT", Some("deadline")));
        assert!(e.message.starts_with("plan_purchase takes no argument \"deadline\", \"max_price\""), "{}", e.message);
        assert!(e.message.contains("did you mean \"deadline_days\" for \"deadline\"?"), "{}", e.message);
        assert!(e.message.contains("it takes budget, deadline_days, prompt, strategy"), "{}", e.message);
    }

    #[test]
    fn unknown_and_wrong_arguments_are_typed() {
        let e = parse::<CartArgs>(CHECK, args(json!({"cart_id": "c", "price": "0.01"}))).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("UNKNOWN_ARGUMENT", Some("price")));
        let e = parse::<CartArgs>(CHECK, args(json!({"cart_id": 7}))).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("INVALID_ARGUMENTS", Some("cart_id")));
        let e = parse::<CartArgs>(CHECK, None).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("INVALID_ARGUMENTS", Some("cart_id")));
        let e = parse::<ExecuteArgs>(EXECUTE, args(json!({"cart_id": "c"}))).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("INVALID_ARGUMENTS", Some("idempotency_key")));
        let partial = json!({"cart_id": "c", "idempotency_key": "k", "approval": {"approval_id": "a", "cart_id": "c", "policy_hash": "p",
            "expires_at": 1, "approver": "x"}});
        let e = parse::<ExecuteArgs>(EXECUTE, args(partial)).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("INVALID_ARGUMENTS", Some("approval.signature")));
        let e = parse::<EditArgs>(EDIT, args(json!({"cart_id": "c", "line_id": "l", "action": "pay"}))).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("action"));
        let ok = parse::<EditArgs>(EDIT, args(json!({"cart_id": "c", "line_id": "l", "action": "set_units", "units": 3}))).unwrap();
        assert_eq!((ok.action, ok.units), (EditAction::SetUnits, Some(3)));
        let nested = json!({"cart_id": "c", "idempotency_key": "k", "approval": {"approval_id": "a", "cart_id": "c", "policy_hash": "p",
            "expires_at": 1, "approver": "x", "signature": "00", "amount": "1"}});
        let e = parse::<ExecuteArgs>(EXECUTE, args(nested)).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("UNKNOWN_ARGUMENT", Some("approval.amount")));
        parse::<NoArgs>(GET_POLICY, None).unwrap();
        let e = parse::<NoArgs>(GET_POLICY, args(json!({"merchant": "evil"}))).unwrap_err();
        assert_eq!(e.code, "UNKNOWN_ARGUMENT");
    }
}
