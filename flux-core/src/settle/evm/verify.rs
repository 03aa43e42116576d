//! On-chain verification: a receipt bundle's legs re-read from the chain by hash, each checked
//! against what was approved (success, block, log index, and a `Transfer` from the token with
//! exactly the bundle's sender, payout and amount).

use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::{B256, U256};
use alloy::rpc::types::{Transaction, TransactionReceipt};
use alloy::sol_types::SolEvent;
use serde_json::json;

use super::rpc::{decode, rpc_err, Call, Rpc, Singles};
use crate::address::Address;
use crate::settle::bundle::{evidence, ReceiptBundle};
use crate::settle::chain::ChainConfig;
use crate::settle::tx::IERC20;
use crate::settle::verify::{VerifiedLeg, VerifyReport};
use crate::settle::{LegStatus, SettleError, SettledLeg, SettlementMode};

/// Checks a receipt against its leg; returns the `Transfer` log's index.
pub(super) fn check_receipt(receipt: &TransactionReceipt, leg: &SettledLeg, sender: Address, token: Address) -> Result<u64, String> {
    let want_hash = leg.tx_hash.as_deref().unwrap_or("");
    if format!("{:#x}", receipt.transaction_hash) != want_hash.to_ascii_lowercase() {
        return Err(format!("receipt is for {:#x}, not {want_hash}", receipt.transaction_hash));
    }
    if !receipt.status() {
        return Err("transaction reverted".into());
    }
    let mut found = Vec::new();
    for log in receipt.logs() {
        if log.address() != token.to_evm() || log.topic0() != Some(&IERC20::Transfer::SIGNATURE_HASH) {
            continue;
        }
        let ev = IERC20::Transfer::decode_log_data(log.data()).map_err(|_| "undecodable Transfer log".to_string())?;
        found.push((ev, log.log_index));
    }
    match found.as_slice() {
        [(ev, idx)] => {
            if ev.from != sender.to_evm() || ev.to != leg.payout.to_evm() || ev.value != U256::from(leg.amount.units()) {
                return Err(format!(
                    "Transfer log says {} units from {:#x} to {:#x}; approved {} units from {} to {}",
                    ev.value,
                    ev.from,
                    ev.to,
                    leg.amount.units(),
                    sender,
                    leg.payout
                ));
            }
            idx.ok_or_else(|| "Transfer log without index".to_string())
        }
        [] => Err("no Transfer log from the token".into()),
        _ => Err("more than one Transfer log from the token".into()),
    }
}

/// Verifies a receipt bundle against the chain: first offline ([`ReceiptBundle::check`]), then,
/// for every leg, its transaction by hash — decoded and checked as a sandbox leg's signed bytes
/// are (chain, token, recipient, amount, signer, consecutive nonces) — and its receipt: success,
/// same block, and at its log index a `Transfer` from the token with exactly the bundle's
/// sender, payout and amount.
pub async fn verify_bundle(config: &ChainConfig, bundle: &ReceiptBundle) -> Result<VerifyReport, SettleError> {
    verify_with(&Rpc::new(config)?, bundle).await
}

pub(super) async fn verify_with(rpc: &Rpc, bundle: &ReceiptBundle) -> Result<VerifyReport, SettleError> {
    let fail = |reason: String| SettleError::Verification { reason };
    bundle.check()?;
    if bundle.mode != SettlementMode::Evm || !bundle.broadcast {
        return Err(fail("only a broadcast EVM bundle can be verified on chain".into()));
    }
    if bundle.chain_id != rpc.config.chain_id || bundle.token != rpc.config.token {
        return Err(fail(format!(
            "bundle is for chain {} token {}, verifier is on chain {}",
            bundle.chain_id, bundle.token, rpc.config.chain_id
        )));
    }
    let sender = bundle.sender.ok_or_else(|| fail("bundle has no sender".into()))?;
    let mut hashes = Vec::with_capacity(bundle.legs.len());
    for leg in &bundle.legs {
        let who = &leg.merchant_id;
        let hash_text = leg.tx_hash.as_deref().ok_or_else(|| fail(format!("leg {who} has no transaction")))?;
        hashes.push(hash_text.parse::<B256>().map_err(|_| fail(format!("leg {who}: malformed hash")))?);
    }
    // Each leg's transaction and its receipt, in one round: the transaction's signed fields are
    // checked as a sandbox leg's raw bytes are, then the receipt's `Transfer` log.
    let calls: Vec<Call> =
        hashes.iter().flat_map(|h| [("eth_getTransactionByHash", json!([h])), ("eth_getTransactionReceipt", json!([h]))]).collect();
    let mut answers = rpc.batch(&calls, Singles::Concurrent).await.into_iter();
    let mut receipts = Vec::with_capacity(bundle.legs.len());
    let mut nonces = Vec::with_capacity(bundle.legs.len());
    for (index, leg) in bundle.legs.iter().enumerate() {
        let who = &leg.merchant_id;
        let hash_text = leg.tx_hash.as_deref().unwrap_or_default();
        let mut next = || answers.next().unwrap_or_else(|| Err(alloy::transports::TransportErrorKind::custom_str("no answer")));
        let (tx, receipt) = (next(), next());
        let tx = decode::<Option<Transaction>>(tx)
            .map_err(|e| rpc_err(&rpc.config, "eth_getTransactionByHash", &e))?
            .ok_or_else(|| fail(format!("leg {who}: transaction {hash_text} is not on chain")))?;
        let raw = tx.inner.into_inner().encoded_2718();
        let signed = evidence::decode_transfer(&raw).map_err(|why| fail(format!("leg {who}: {why}")))?;
        nonces.push((index, evidence::check_transfer(bundle, leg, &signed)?));
        receipts.push(receipt);
    }
    evidence::check_nonces(bundle, &nonces)?;
    let mut out = Vec::with_capacity(bundle.legs.len());
    for (leg, r) in bundle.legs.iter().zip(receipts) {
        let who = &leg.merchant_id;
        let hash_text = leg.tx_hash.as_deref().unwrap_or_default();
        let receipt = decode::<Option<TransactionReceipt>>(r)
            .map_err(|e| rpc_err(&rpc.config, "eth_getTransactionReceipt", &e))?
            .ok_or_else(|| fail(format!("leg {who}: transaction {hash_text} is not on chain")))?;
        let as_leg = SettledLeg {
            merchant_id: leg.merchant_id.clone(),
            merchant_name: leg.merchant_name.clone(),
            payout: leg.payout,
            amount: leg.amount,
            status: leg.status,
            tx_hash: leg.tx_hash.clone(),
            nonce: None,
            block_number: leg.block_number,
            log_index: leg.log_index,
            explorer_url: None,
            raw_tx: None,
            error: None,
        };
        let log_index = check_receipt(&receipt, &as_leg, sender, bundle.token).map_err(|why| fail(format!("leg {who}: {why}")))?;
        if receipt.block_number != leg.block_number || Some(log_index) != leg.log_index {
            return Err(fail(format!(
                "leg {who}: on chain at block {:?} log {log_index}, bundle says block {:?} log {:?}",
                receipt.block_number, leg.block_number, leg.log_index
            )));
        }
        if leg.status != LegStatus::Confirmed {
            return Err(fail(format!("leg {who} is confirmed on chain but marked {:?}", leg.status)));
        }
        out.push(VerifiedLeg {
            merchant_id: who.clone(),
            tx_hash: Some(hash_text.to_owned()),
            block_number: receipt.block_number,
            log_index: Some(log_index),
        });
    }
    Ok(VerifyReport { ok: true, cart_id: bundle.cart_id.clone(), mode: bundle.mode, onchain: true, legs: out })
}
