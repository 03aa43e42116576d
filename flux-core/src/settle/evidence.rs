//! The evidence of a paid leg: its signed transaction, decoded and held against the leg.
//!
//! A receipt bundle's hash alone proves nothing — anyone can hash bytes. What it claims is that
//! the bundle's sender signed, for the bundle's chain, a call of the bundle's token's
//! `transfer(payout, amount)`. [`check_signed_legs`] decodes every leg's raw EIP-1559 bytes (the
//! sandbox's, or any a bundle carries) and checks exactly that; the on-chain verifier feeds it the
//! transactions the node returns for an EVM bundle. Each mismatch is a `VERIFICATION_FAILED`
//! naming the leg and the field, never a key or a balance.

use alloy::consensus::transaction::SignerRecoverable;
use alloy::consensus::{Transaction as _, TxEnvelope};
use alloy::eips::eip2718::Decodable2718;
use alloy::primitives::{TxKind, U256};
use alloy::sol_types::SolCall;

use crate::address::Address;
use crate::settle::bundle::{BundleLeg, ReceiptBundle};
use crate::settle::tx::IERC20;
use crate::settle::{SandboxSettler, SettleError, SettlementMode};

/// One ERC-20 transfer as its signed bytes say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SignedTransfer {
    /// keccak-256 of the raw bytes, `0x`-hex.
    pub tx_hash: String,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Sender nonce.
    pub nonce: u64,
    /// The called contract (the token).
    pub token: Address,
    /// `transfer`'s recipient.
    pub to: Address,
    /// `transfer`'s amount in base units.
    pub amount: U256,
    /// The address recovered from the signature.
    pub signer: Address,
}

/// Decodes EIP-2718 bytes that must be one signed EIP-1559 transaction calling
/// `transfer(address,uint256)` with no native value. The error says which part is wrong.
pub(crate) fn decode_transfer(raw: &[u8]) -> Result<SignedTransfer, String> {
    let mut rest = raw;
    let envelope = TxEnvelope::decode_2718(&mut rest).map_err(|_| "raw_tx: not a signed EIP-2718 transaction".to_string())?;
    if !rest.is_empty() {
        return Err("raw_tx: trailing bytes after the transaction".into());
    }
    let TxEnvelope::Eip1559(signed) = &envelope else {
        return Err("raw_tx: not an EIP-1559 transaction".into());
    };
    let tx = signed.tx();
    let TxKind::Call(token) = tx.kind() else {
        return Err("token: the transaction creates a contract instead of calling the token".into());
    };
    if !tx.value().is_zero() {
        return Err("value: the transaction also sends native value".into());
    }
    let input = tx.input();
    // Exactly the selector and two words: nothing smuggled after the arguments.
    if input.len() != 4 + 64 || !input.starts_with(&IERC20::transferCall::SELECTOR) {
        return Err("calldata: not a call of transfer(address,uint256)".into());
    }
    let call =
        IERC20::transferCall::abi_decode_validate(input).map_err(|_| "calldata: not a call of transfer(address,uint256)".to_string())?;
    let signer = envelope.recover_signer().map_err(|_| "signer: the signature does not recover to an address".to_string())?;
    Ok(SignedTransfer {
        tx_hash: format!("{:#x}", alloy::primitives::keccak256(raw)),
        chain_id: tx.chain_id,
        nonce: tx.nonce,
        token: Address::from_evm(token),
        to: Address::from_evm(call.to),
        amount: call.amount,
        signer: Address::from_evm(signer),
    })
}

fn fail(leg: &BundleLeg, field_and_why: impl std::fmt::Display) -> SettleError {
    SettleError::Verification { reason: format!("leg {}: {field_and_why}", leg.merchant_id) }
}

/// Checks one decoded transaction against leg `index` of `bundle`: hash, chain, token,
/// recipient, amount and signer. Returns the transaction's nonce.
pub(crate) fn check_transfer(bundle: &ReceiptBundle, leg: &BundleLeg, signed: &SignedTransfer) -> Result<u64, SettleError> {
    if !leg.tx_hash.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(&signed.tx_hash)) {
        return Err(fail(leg, "tx_hash: the signed transaction does not hash to the leg's transaction hash"));
    }
    if signed.chain_id != bundle.chain_id {
        return Err(fail(
            leg,
            format_args!("chain_id: the transaction is signed for chain {}, the bundle says {}", signed.chain_id, bundle.chain_id),
        ));
    }
    if signed.token != bundle.token {
        return Err(fail(leg, "token: the transaction calls another contract than the bundle's token"));
    }
    if signed.to != leg.payout {
        return Err(fail(leg, "recipient: the transaction pays another address than the leg's payout"));
    }
    if signed.amount != U256::from(leg.amount.units()) {
        return Err(fail(
            leg,
            format_args!(
                "amount: the transaction transfers {} base units, the leg says {} ({} USDC)",
                signed.amount,
                leg.amount.units(),
                leg.amount
            ),
        ));
    }
    match bundle.sender {
        Some(sender) if sender == signed.signer => Ok(signed.nonce),
        Some(_) => Err(fail(leg, "signer: the transaction is not signed by the bundle's sender")),
        None => Err(fail(leg, "signer: the bundle names no sender to check the signature against")),
    }
}

/// The nonces of a bundle's transactions, in leg order, must be the ones its settler gives:
/// consecutive from [`SandboxSettler::first_nonce`] of the bundle's cart id, policy hash and
/// idempotency key for the sandbox (so a change to any of them shows), consecutive from the first
/// for an EVM settler. A gap means a leg is missing (or two were reordered).
pub(crate) fn check_nonces(bundle: &ReceiptBundle, nonces: &[(usize, u64)]) -> Result<(), SettleError> {
    let Some(&(_, first)) = nonces.first() else { return Ok(()) };
    let sandbox = bundle.mode == SettlementMode::Sandbox;
    let base = if sandbox { SandboxSettler::first_nonce(&bundle.cart_id, &bundle.policy_hash, &bundle.idempotency_key) } else { first };
    for &(index, nonce) in nonces {
        let want = base.checked_add(index as u64);
        if want != Some(nonce) {
            let leg = &bundle.legs[index];
            if sandbox {
                return Err(fail(
                    leg,
                    format_args!(
                        "nonce: the transaction has nonce {nonce}, not {}: a sandbox settlement's nonces follow from its cart_id, policy_hash and idempotency_key (one of them was changed, or a leg is missing or out of order)",
                        want.unwrap_or_default()
                    ),
                ));
            }
            return Err(fail(
                leg,
                format_args!(
                    "nonce: the transaction has nonce {nonce} but is leg {index} of a settlement that starts at nonce {base} (a leg is missing or out of order)"
                ),
            ));
        }
    }
    Ok(())
}

/// Every leg that carries signed bytes, decoded and checked against the bundle (see the module
/// docs). A sandbox bundle must carry them for every leg and be signed by the public sandbox key.
pub(crate) fn check_signed_legs(bundle: &ReceiptBundle) -> Result<(), SettleError> {
    let sandbox = crate::settle::SandboxSettler::address()?;
    if bundle.mode == SettlementMode::Sandbox && bundle.sender != Some(sandbox) {
        return Err(SettleError::Verification {
            reason: "sender: a sandbox bundle is signed by the public sandbox key, and this one names another sender".into(),
        });
    }
    // The public key signs sandbox settlements only: relabelled as another mode, a sandbox
    // receipt would escape the checks its nonces carry.
    if bundle.mode != SettlementMode::Sandbox && bundle.sender == Some(sandbox) {
        return Err(SettleError::Verification {
            reason: format!("sender: the public sandbox key signs sandbox settlements only, not {} ones", bundle.mode.as_str()),
        });
    }
    let mut nonces = Vec::with_capacity(bundle.legs.len());
    for (index, leg) in bundle.legs.iter().enumerate() {
        let Some(raw) = &leg.raw_tx else {
            if bundle.mode == SettlementMode::Sandbox {
                return Err(fail(leg, "raw_tx: a sandbox leg must carry its signed transaction"));
            }
            continue;
        };
        let bytes = raw.strip_prefix("0x").and_then(|r| hex::decode(r).ok()).ok_or_else(|| fail(leg, "raw_tx: not 0x-hex bytes"))?;
        let signed = decode_transfer(&bytes).map_err(|why| fail(leg, why))?;
        nonces.push((index, check_transfer(bundle, leg, &signed)?));
    }
    check_nonces(bundle, &nonces)
}
