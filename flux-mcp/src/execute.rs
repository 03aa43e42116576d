//! `execute_purchase`: pay a cart the kernel quoted, by id, at most once per idempotency key.
//!
//! Below the policy's approval threshold the kernel decides and pays (or refuses with every
//! violation, signing nothing). Above it, a person must approve:
//! - with an `approval` argument signed by one of the policy's approvers, the kernel checks it
//!   and pays;
//! - otherwise, when the operator gave the server an approver key (`--approver-key-env`) and the
//!   client can ask its user (form elicitation), the server asks: on the 2025 protocol as an
//!   `elicitation/create` request, on the 2026 protocol as an input-required result the client
//!   answers by retrying the call. Only an explicit "accept" with `approve: true` makes the server
//!   sign the approval; a decline, a cancel or anything else pays nothing;
//! - otherwise the answer is `APPROVAL_REQUIRED` with the exact message to sign.

use std::sync::Arc;
use std::time::Instant;

use flux_core::{Approval, ErrorKind, FluxError, ReceiptBundle, SettlementStatus};
use rmcp::model::{
    CallToolResponse, ElicitRequest, ElicitRequestParams, ElicitResult, ElicitationAction, ElicitationSchema, InputRequest, InputRequests,
    InputRequiredResult, InputResponses,
};
use rmcp::service::{RequestContext, RoleServer};
use serde_json::{json, Value};

use crate::app::{parse_json, to_value, App, Reply};
use crate::approvals::ApprovalRequest;
use crate::carts::StoredCart;
use crate::errors::{echo, ToolError};
use crate::tools::{ApprovalArg, ExecuteArgs};

/// The key under which the approval elicitation's answer comes back on a retry.
const INPUT_KEY: &str = "approval";

/// How long the server waits for a person to answer an elicitation request (2025 protocol).
const ELICITATION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

/// What a call to `execute_purchase` ends in.
pub enum Outcome {
    /// A settlement or an error, as a tool result.
    Done(Reply),
    /// A question for the client's user (2026 protocol); the call is retried with the answer.
    Ask(InputRequiredResult),
}

impl From<Outcome> for CallToolResponse {
    fn from(o: Outcome) -> CallToolResponse {
        match o {
            Outcome::Done(reply) => reply.into_result().into(),
            Outcome::Ask(ask) => ask.into(),
        }
    }
}

/// A retry of the call carrying the client's answers.
pub struct Retry {
    /// The opaque handle the server gave.
    pub state: String,
    /// The answers, by key.
    pub responses: Option<InputResponses>,
}

/// `execute_purchase`.
pub async fn execute(app: &App, args: ExecuteArgs, ctx: &RequestContext<RoleServer>, retry: Option<Retry>) -> Result<Outcome, ToolError> {
    let key = args.idempotency_key;
    let stored = match app.cart(&args.cart_id) {
        Ok(stored) => stored,
        // A retry after a lost answer must never read as unpaid: a key that paid this cart
        // answers its settlement even when the cart is no longer held here.
        Err(unknown) => return paid_before(app, &args.cart_id, &key, unknown).await.map(Outcome::Done),
    };
    if let Some(retry) = retry {
        return answered(app, &stored, &key, retry).await.map(Outcome::Done);
    }
    if !args.pay_again {
        paid_elsewhere(app, &stored, &key).await?;
    }
    if let Some(a) = args.approval {
        return pay(app, &stored, &key, approval_from(a)).await.map(Outcome::Done);
    }
    let cart_id = stored.cart.id();
    let policy = app.flux.policy();
    if !policy.needs_approval(&stored.cart) {
        return pay(app, &stored, &key, Approval::default()).await.map(Outcome::Done);
    }
    if let Some(a) = app.approvals.signed_for(&cart_id, &key) {
        return pay(app, &stored, &key, a).await.map(Outcome::Done);
    }
    // The kernel first, without an approval: a key it settled before answers its settlement
    // (nobody is asked to approve money already sent), and a cart the policy refuses for more
    // than a missing approval is refused without asking anyone.
    let started = Instant::now();
    match app.flux.execute_with(&stored.cart, Some(&key), Approval::default()).await {
        Ok(settlement) => return reply(&stored, &settlement, started).map(Outcome::Done),
        Err(e) if e.kind() == ErrorKind::ApprovalRequired => {}
        Err(e) => return Err(e.into()),
    }
    let request = ApprovalRequest::new(&stored.cart, policy, &key, app.now_s());
    let Some(approver) = app.approver.as_ref().filter(|_| can_elicit(ctx)) else {
        return Err(approval_required(app, &stored, &request));
    };
    let params = elicitation(&stored, &request, approver.approver());
    let legacy = ctx.protocol_version().is_none_or(|v| v.has_initialize());
    if !legacy {
        let handle = app.approvals.wait_for(request);
        let mut asks = InputRequests::new();
        asks.insert(INPUT_KEY.into(), InputRequest::Elicitation(ElicitRequest::new(params)));
        return Ok(Outcome::Ask(InputRequiredResult::new(Some(asks), Some(handle))));
    }
    let answer = ctx.peer.create_elicitation_with_timeout(params, Some(ELICITATION_TIMEOUT)).await;
    match answer {
        Ok(result) if accepted(&result) => sign_and_pay(app, &stored, &request).await.map(Outcome::Done),
        Ok(_) => Err(declined(&request)),
        Err(_) => Err(approval_required(app, &stored, &request)
            .with("elicitation", json!("the client did not answer the approval request; nothing was paid"))),
    }
}

/// Whether the client said it can show a form to its user.
fn can_elicit(ctx: &RequestContext<RoleServer>) -> bool {
    ctx.client_capabilities().and_then(|c| c.elicitation).is_some_and(|e| e.form.is_some() || e.url.is_none())
}

/// An explicit accept with `approve: true`, nothing less.
fn accepted(result: &ElicitResult) -> bool {
    result.action == ElicitationAction::Accept
        && result.content.as_ref().and_then(|c| c.get("approve")).and_then(Value::as_bool) == Some(true)
}

/// The question put to the client's user.
fn elicitation(stored: &StoredCart, request: &ApprovalRequest, approver: &str) -> ElicitRequestParams {
    let mut message = format!("Approve paying {} USDC for cart {}?\n", stored.cart.total(), request.cart_id);
    for l in stored.cart.lines() {
        let packs = if l.quantity == 1 { "1 pack".to_owned() } else { format!("{} packs", l.quantity) };
        message.push_str(&format!("- {packs} ({} units) of {} from {} = {} USDC\n", l.units, l.name, l.vendor_name, l.line_total));
    }
    let minutes = crate::approvals::APPROVAL_TTL_SECONDS / 60;
    message.push_str(&format!(
        "Policy {}, approval {}, valid for {minutes} minutes (until {}, Unix time). Accepting with \"approve\" ticked has this server sign the approval as {approver}; anything else pays nothing.",
        request.policy_hash, request.approval_id, request.expires_at
    ));
    let schema = json!({
        "type": "object",
        "properties": {
            "approve": {
                "type": "boolean",
                "title": "Approve this payment",
                "description": format!("Pay {} USDC for cart {}", stored.cart.total(), request.cart_id),
                "default": false
            }
        },
        "required": ["approve"]
    });
    let requested_schema = match schema {
        Value::Object(o) => ElicitationSchema::from_json_schema(o).unwrap_or_else(|_| ElicitationSchema::new(Default::default())),
        _ => ElicitationSchema::new(Default::default()),
    };
    ElicitRequestParams::FormElicitationParams { meta: None, message, requested_schema }
}

/// The client's answer to the question asked by [`execute`], on a retry (2026 protocol).
async fn answered(app: &App, stored: &Arc<StoredCart>, key: &str, retry: Retry) -> Result<Reply, ToolError> {
    let Some(request) = app.approvals.take_waiting(&retry.state) else {
        return Err(ToolError::new(
            "UNKNOWN_REQUEST_STATE",
            ErrorKind::InvalidInput,
            "this server is waiting for no approval under that request state (each is answered once): nothing was paid",
        ));
    };
    if request.cart_id != stored.cart.id() || request.idempotency_key != key {
        return Err(ToolError::new(
            "APPROVAL_MISMATCH",
            ErrorKind::InvalidInput,
            format!("the approval asked for was for cart {:?} with another key or cart: nothing was paid", echo(&request.cart_id)),
        ));
    }
    let answer =
        retry.responses.as_ref().and_then(|r| r.get(INPUT_KEY)).and_then(|v| serde_json::from_value::<ElicitResult>(v.clone()).ok());
    match answer {
        Some(result) if accepted(&result) => sign_and_pay(app, stored, &request).await,
        _ => Err(declined(&request)),
    }
}

/// Signs the approval with the operator's key (after a person accepted) and pays.
async fn sign_and_pay(app: &App, stored: &StoredCart, request: &ApprovalRequest) -> Result<Reply, ToolError> {
    let Some(approver) = app.approver.as_ref() else {
        return Err(approval_required(app, stored, request));
    };
    let approval = approver.sign(&request.cart_id, &request.policy_hash, request.expires_at, &request.approval_id)?;
    app.approvals.signed(approval.clone(), &request.idempotency_key);
    pay(app, stored, &request.idempotency_key, approval).await
}

fn approval_from(a: ApprovalArg) -> Approval {
    Approval {
        approval_id: a.approval_id,
        cart_id: a.cart_id,
        policy_hash: a.policy_hash,
        expires_at: a.expires_at,
        approver: a.approver,
        signature: a.signature,
    }
}

fn approval_required(app: &App, stored: &StoredCart, request: &ApprovalRequest) -> ToolError {
    let details = request.to_value(&stored.cart, app.flux.policy());
    let mut e = ToolError::new(
        "APPROVAL_REQUIRED",
        ErrorKind::ApprovalRequired,
        format!(
            "cart {} costs {} USDC, above the policy's approval threshold: a person must approve it; nothing was paid",
            request.cart_id,
            stored.cart.total()
        ),
    );
    if let Value::Object(map) = details {
        e.details = map;
    }
    e
}

fn declined(request: &ApprovalRequest) -> ToolError {
    ToolError::new(
        "APPROVAL_DECLINED",
        ErrorKind::ApprovalRequired,
        format!("the person did not approve paying for cart {}: nothing was paid", request.cart_id),
    )
    .with("cart_id", json!(request.cart_id))
}

/// Refuses (`ALREADY_PAID`) a cart another key paid, or may have (a settlement that failed whole
/// paid nothing and does not count), when `key` has paid nothing:
/// an agent that lost an answer and retries under a fresh key is told of the payment instead of
/// making a second one. A retry of `key` itself goes on to the kernel, which answers its own
/// settlement. Two first payments of one cart racing under two keys are not held apart here:
/// each is still at most once per key and within the policy's caps and windows.
async fn paid_elsewhere(app: &App, stored: &StoredCart, key: &str) -> Result<(), ToolError> {
    let ledger = app.flux.ledger();
    let cart_id = stored.cart.id();
    if ledger.recorded(key).await.map_err(FluxError::from)?.is_some() {
        return Ok(());
    }
    let Some(earlier) = ledger.cart_paid_under(&cart_id, Some(key)).await.map_err(FluxError::from)? else { return Ok(()) };
    let recorded = ledger.recorded(&earlier).await.map_err(FluxError::from)?;
    let status = recorded.as_ref().map(|s| s.status);
    let how = match status {
        Some(SettlementStatus::Success) => "was paid",
        Some(_) => "was paid in part",
        None => "is being paid",
    };
    Err(ToolError::new(
        "ALREADY_PAID",
        ErrorKind::Conflict,
        format!(
            "cart {cart_id} {how} under idempotency_key {:?}: nothing was paid now. To see that payment, call execute_purchase with that key; to buy the same cart again on purpose (a repeat order), call it with pay_again: true",
            echo(&earlier)
        ),
    )
    .at("idempotency_key")
    .with("cart_id", json!(cart_id))
    .with("paid_under", json!(earlier))
    .with("settlement_status", json!(status.map(|s| s.as_str())))
    .with("transaction_hashes", json!(recorded.map(|s| s.transaction_hashes).unwrap_or_default())))
}

/// The kernel pays (or refuses): the settlement with its receipt bundle.
async fn pay(app: &App, stored: &StoredCart, key: &str, approval: Approval) -> Result<Reply, ToolError> {
    let started = Instant::now();
    let settlement = app.flux.execute_with(&stored.cart, Some(key), approval).await?;
    reply(stored, &settlement, started)
}

/// The settlement `key` recorded for `cart_id`, replayed, when the cart itself is no longer held
/// (more carts were quoted since than the server keeps): without the cart there is no receipt
/// bundle, and the answer says so.
/// A ledger that cannot answer is `LEDGER_UNAVAILABLE` (ask again), never "unknown cart", and an
/// attempt that is not settled whole is no payment to replay: it is resumed by planning the same
/// cart again and paying it under the same key, never under a new one.
async fn paid_before(app: &App, cart_id: &str, key: &str, unknown: ToolError) -> Result<Reply, ToolError> {
    let started = Instant::now();
    let recorded = app.flux.ledger().recorded(key).await.map_err(FluxError::from)?;
    let Some(mut settlement) = recorded.filter(|s| s.cart_id == cart_id) else { return Err(unknown) };
    if settlement.status != SettlementStatus::Success {
        return Err(unknown.with("settlement_status", json!(settlement.status.as_str())).with(
            "note",
            json!("this key's settlement of this cart is not complete and money may have moved: plan the same cart again and pay it under the same idempotency_key to resume it; never under a new key"),
        ));
    }
    settlement.replayed = true;
    let mut reply = answer(&settlement, None, started)?;
    reply.summary.push_str(" This cart is no longer held here, so no receipt bundle comes with this answer.");
    Ok(reply)
}

/// The tool's answer for `settlement` (paid now or replayed), with its receipt.
fn reply(stored: &StoredCart, settlement: &flux_core::Settlement, started: Instant) -> Result<Reply, ToolError> {
    let bundle = ReceiptBundle::new(&stored.cart, settlement, Some(&stored.intent.hash())).map_err(FluxError::from)?;
    answer(settlement, Some(parse_json(&bundle.to_json())?), started)
}

/// The settlement as the tool's answer, with its receipt bundle when there is one.
fn answer(settlement: &flux_core::Settlement, receipt: Option<Value>, started: Instant) -> Result<Reply, ToolError> {
    let kernel_us = started.elapsed().as_micros();
    let with_receipt = receipt.is_some();
    let mut value = to_value(settlement)?;
    let sandbox = !settlement.broadcast;
    if let Value::Object(map) = &mut value {
        if let Some(receipt) = receipt {
            map.insert("receipt".into(), receipt);
        }
        map.insert("paid".into(), json!(true));
        if sandbox {
            map.insert(
                "note".into(),
                json!(format!(
                    "{} settlement: the transfers are real signed transactions that are never broadcast; no money moved",
                    settlement.mode.as_str()
                )),
            );
        }
    }
    let summary = format!(
        "{}: cart {} — {} USDC in {} transfer(s), {} mode{}{}.{}",
        settlement.status.as_str().to_uppercase(),
        settlement.cart_id,
        settlement.total,
        settlement.legs.len(),
        settlement.mode.as_str(),
        if sandbox { " (signed, never broadcast: no money moved)" } else { "" },
        if settlement.replayed { "; replayed: this key had already paid" } else { "" },
        if with_receipt { " Keep `receipt` to verify_settlement later." } else { "" },
    );
    Ok(Reply { value, summary, kernel_us })
}
