//! The package's free functions: exact amounts, canonical JSON, pure cart edits, audit trail
//! verification, the configuration schema, and sandbox signing (the public never-funded key).

use flux_core::{Amount, FluxConfig, FluxError as CoreError};
use napi::bindgen_prelude::{BigInt, Either3};
use napi::{Env, Result, Status};
use napi_derive::napi;

use crate::convert;
use crate::error;

/// The package version (one version for the crate, the wheel and the npm package).
#[napi]
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The flux-core features this addon was built with (the core's `host` set).
#[napi]
pub fn features() -> Vec<&'static str> {
    flux_core::FEATURES.to_vec()
}

/// Exact decimal text of an amount (`string`, whole `bigint` or `number` under the host rule):
/// canonical (`"12.50"` → `"12.5"`); invalid amounts throw `INVALID_AMOUNT`.
#[napi]
pub fn parse_amount(env: &Env, value: Either3<String, BigInt, f64>) -> Result<String> {
    Ok(convert::amount_in(env, value)?.to_string())
}

/// Base units (micro-USDC) of an amount, as a `bigint`: `toUnits("12.5") === 12500000n`.
#[napi]
pub fn to_units(env: &Env, value: Either3<String, BigInt, f64>) -> Result<BigInt> {
    Ok(convert::to_units(convert::amount_in(env, value)?))
}

/// The exact decimal text of `units` micro-USDC (a `bigint` or a safe integer `number`).
#[napi]
pub fn from_units(env: &Env, units: Either3<BigInt, f64, String>) -> Result<String> {
    let (n, sent) = match units {
        Either3::A(big) => {
            let (negative, v, lossless) = big.get_u64();
            let sent = match big.get_i128() {
                (n, true) => format!("{n} units"),
                _ => "a bigint of over 128 bits".to_owned(),
            };
            ((!negative && lossless).then_some(v), sent)
        }
        // Past 2^53 a number is no longer an exact integer: a bigint says what was meant.
        Either3::B(number) if number.abs() >= flux_core::MAX_SAFE_INTEGER as f64 => (None, format!("{number} units (pass a bigint)")),
        Either3::B(number) => (flux_core::integer_from_host_f64(number, u64::MAX), format!("{number} units")),
        Either3::C(text) => (text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse::<u64>().ok()).flatten(), format!("{text} units")),
    };
    let amount = n
        .ok_or_else(|| CoreError::from(flux_core::AmountError::OutOfRange { text: sent.chars().take(60).collect::<String>() }))
        .and_then(|u| Ok(Amount::from_units(u)?));
    error::map(env, amount).map(|a| a.to_string())
}

/// Canonical JSON of JSON text (sorted keys, no whitespace), as the core writes it.
#[napi]
pub fn canonical_json(json: String) -> Result<String> {
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| napi::Error::new(Status::InvalidArg, format!("not JSON: {e}")))?;
    Ok(flux_core::to_canonical_json(&value))
}

/// Verifies an exported audit trail (or a segment after the hash `after`, ending at `head`);
/// returns the number of events checked.
#[napi]
pub fn verify_audit_jsonl(env: &Env, jsonl: String, after: Option<String>, head: Option<String>) -> Result<u32> {
    let n = flux_core::verify_audit_jsonl_range(&jsonl, after.as_deref(), head.as_deref());
    error::map(env, n).map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// The exact text an approver signs to approve `cart_id` under `policy_hash` until `expires_at`
/// (Unix seconds), as approval `approval_id`: ed25519 over its UTF-8 bytes, or an EIP-191
/// personal message for an EVM approver.
#[napi]
pub fn approval_message(cart_id: String, policy_hash: String, expires_at: i64, approval_id: String) -> Result<String> {
    let expires_at =
        u64::try_from(expires_at).map_err(|_| napi::Error::new(Status::InvalidArg, "expiresAt is Unix seconds, not negative"))?;
    Ok(flux_core::Approval::message(&cart_id, &policy_hash, expires_at, &approval_id))
}

/// The JSON Schema of a configuration document (`new Flux(config)`), as text.
#[napi]
pub fn config_schema() -> &'static str {
    FluxConfig::JSON_SCHEMA
}

/// An ERC-20 transfer to sign with the sandbox key. Fees and amounts are exact: `amount` as
/// decimal text, whole `bigint` or host-rule `number`; fees in wei as `bigint`.
#[napi(object)]
pub struct TransferArgs {
    /// Recipient.
    pub to: String,
    /// USDC amount.
    pub amount: Either3<String, BigInt, f64>,
    /// Nonce (default 0).
    pub nonce: Option<BigInt>,
    /// Chain id (default Arc Testnet).
    pub chain_id: Option<BigInt>,
    /// Token contract (default Arc Testnet USDC).
    pub token: Option<String>,
    /// Gas limit (default the sandbox's).
    pub gas_limit: Option<BigInt>,
    /// Max fee per gas in wei (default the sandbox's).
    pub max_fee_per_gas: Option<BigInt>,
    /// Max priority fee per gas in wei (default the sandbox's).
    pub max_priority_fee_per_gas: Option<BigInt>,
}

/// A signed transfer: raw EIP-1559 bytes and the transaction hash, both `0x` hex.
#[napi(object)]
pub struct SignedTransfer {
    /// The raw signed transaction.
    pub raw_tx: String,
    /// Its keccak-256 hash.
    pub tx_hash: String,
}

/// A whole `bigint` that fits `T` (`None` when absent).
fn whole<T: TryFrom<u128>>(v: Option<BigInt>, name: &str) -> Result<Option<T>> {
    let Some(b) = v else { return Ok(None) };
    match b.get_u128() {
        (false, n, true) => T::try_from(n).map(Some).map_err(|_| napi::Error::new(Status::InvalidArg, format!("{name} is out of range"))),
        _ => Err(napi::Error::new(Status::InvalidArg, format!("{name} must be a non-negative whole bigint"))),
    }
}

/// Signs an ERC-20 transfer with the public, never-funded sandbox key (real keys sign only
/// approved carts, inside the kernel): for byte-identity cross-checks and benchmarks.
#[napi]
pub fn sandbox_sign_transfer(env: &Env, args: TransferArgs) -> Result<SignedTransfer> {
    let transfer = flux_core::SandboxTransfer {
        to: &args.to,
        amount: convert::amount_in(env, args.amount)?,
        nonce: whole(args.nonce, "nonce")?,
        chain_id: whole(args.chain_id, "chainId")?,
        token: args.token.as_deref(),
        gas_limit: whole(args.gas_limit, "gasLimit")?,
        max_fee_per_gas: whole(args.max_fee_per_gas, "maxFeePerGas")?,
        max_priority_fee_per_gas: whole(args.max_priority_fee_per_gas, "maxPriorityFeePerGas")?,
    };
    let signed = error::map(env, transfer.sign())?;
    Ok(SignedTransfer { raw_tx: signed.raw_tx, tx_hash: signed.tx_hash })
}

/// The sandbox signer's public address.
#[napi]
pub fn sandbox_address(env: &Env) -> Result<String> {
    error::map(env, flux_core::SandboxSettler::address().map(|a| a.to_string()))
}
