//! Preflight: everything checked before the first signature — the node's chain, the token's
//! decimals, the sender's token and gas balances, the pending nonce — and every transfer
//! simulated with `eth_call` at exactly the gas limit it will be signed with.

use alloy::primitives::{Bytes, TxKind, U256, U64};
use alloy::rpc::types::{TransactionInput, TransactionRequest};
use alloy::sol_types::SolCall;
use alloy::transports::TransportErrorKind;
use serde_json::{json, Value};

use super::rpc::{decode, rpc_err, Call, CallResult, Singles};
use super::EvmSettler;
use crate::address::Address;
use crate::money::NativeAmount;
use crate::policy::ApprovedCart;
use crate::settle::tx::{transfer_calldata, IERC20};
use crate::settle::SettleError;

/// Gas to spare on the shared limit for a recipient whose token balance is still zero: a
/// zero→nonzero storage write costs 20,000 gas where a nonzero→nonzero one costs 2,900 (EIP-2200).
const FRESH_SLOT_GAS: u64 = 20_000;

/// The gas limit every leg is first simulated at, from one transfer's estimate: a fifth more, and
/// at least a fresh recipient's extra storage cost more, capped. A leg that does not succeed at it
/// in its pinned `eth_call` gets its own estimate, so the margin is speed, never safety.
fn shared_gas_limit(estimate: u64, cap: u64) -> u64 {
    estimate.saturating_add((estimate / 5).max(FRESH_SLOT_GAS)).min(cap)
}

/// Whether a `transfer` simulation succeeded and returned `true`.
fn returns_true(r: CallResult) -> bool {
    decode::<Bytes>(r).is_ok_and(|out| matches!(IERC20::transferCall::abi_decode_returns(&out), Ok(true)))
}

fn call_request(from: Option<Address>, token: Address, data: Bytes) -> TransactionRequest {
    TransactionRequest {
        from: from.map(Address::to_evm),
        to: Some(TxKind::Call(token.to_evm())),
        input: TransactionInput::new(data),
        ..Default::default()
    }
}

/// What preflight decided: the first nonce, each leg's gas limit, the fees.
pub(super) struct Plan {
    pub nonce: u64,
    pub gas_limits: Vec<u64>,
    pub max_fee_per_gas: u128,
    pub max_priority_fee_per_gas: u128,
}

impl EvmSettler {
    /// Reads the chain's state in one batch, then simulates every transfer with `eth_call` at
    /// exactly the gas limit it will be signed with (see [`shared_gas_limit`]), in batches.
    pub(super) async fn preflight(&self, approved: &ApprovedCart) -> Result<Plan, SettleError> {
        let cfg = &self.rpc.config;
        let sender = self.sender();
        let from = sender.to_evm();
        let pf = |reason: String| SettleError::Preflight { reason };
        let legs = approved.legs();
        let transfer = |i: usize| call_request(Some(sender), cfg.token, transfer_calldata(legs[i].payout, legs[i].amount));
        let mut head: Vec<Call> = vec![
            ("eth_chainId", json!([])),
            ("eth_call", json!([call_request(None, cfg.token, IERC20::decimalsCall {}.abi_encode().into()), "latest"])),
            ("eth_call", json!([call_request(None, cfg.token, IERC20::balanceOfCall { holder: from }.abi_encode().into()), "latest"])),
            ("eth_getBlockByNumber", json!(["latest", false])),
            ("eth_getBalance", json!([from, "latest"])),
            ("eth_getTransactionCount", json!([from, "pending"])),
        ];
        if !legs.is_empty() {
            head.push(("eth_estimateGas", json!([transfer(0)])));
        }
        let mut answers = self.rpc.batch(&head, Singles::Concurrent).await.into_iter();
        let mut next = || answers.next().unwrap_or_else(|| Err(TransportErrorKind::custom_str("no answer")));
        let chain_id = decode::<U64>(next()).map_err(|e| rpc_err(cfg, "eth_chainId", &e))?.to::<u64>();
        if chain_id != cfg.chain_id {
            return Err(pf(format!("node is on chain {chain_id}, config says {}", cfg.chain_id)));
        }
        let out = decode::<Bytes>(next()).map_err(|e| rpc_err(cfg, "decimals()", &e))?;
        let decimals = IERC20::decimalsCall::abi_decode_returns(&out).map_err(|_| pf(format!("token {} has no decimals()", cfg.token)))?;
        if decimals != cfg.token_decimals {
            return Err(pf(format!("token decimals() is {decimals}, config says {}", cfg.token_decimals)));
        }
        let out = decode::<Bytes>(next()).map_err(|e| rpc_err(cfg, "balanceOf()", &e))?;
        let balance = IERC20::balanceOfCall::abi_decode_returns(&out).map_err(|_| pf("balanceOf() returned garbage".into()))?;
        let total = U256::from(approved.total().units());
        if balance < total {
            // The client learns what is wrong, not the treasury's address or balance.
            return Err(pf(format!("the treasury's token balance does not cover the cart's {} USDC", approved.total())));
        }
        let block = decode::<Value>(next()).map_err(|e| rpc_err(cfg, "eth_getBlockByNumber", &e))?;
        if block.is_null() {
            return Err(pf("node returned no latest block".into()));
        }
        let base_fee = decode::<Option<U256>>(Ok(block.get("baseFeePerGas").cloned().unwrap_or(Value::Null)))
            .map_err(|e| rpc_err(cfg, "eth_getBlockByNumber", &e))?
            .map_or(0, |f| u128::try_from(f).unwrap_or(u128::MAX));
        let native = decode::<U256>(next()).map_err(|e| rpc_err(cfg, "eth_getBalance", &e))?;
        let nonce = decode::<U64>(next()).map_err(|e| rpc_err(cfg, "eth_getTransactionCount", &e))?.to::<u64>();
        // One estimate for the cart (its first transfer), with a margin that covers a recipient
        // holding none of the token yet; every leg is then simulated at exactly that limit.
        let shared = decode::<U64>(next()).ok().map(|g| g.to::<u64>());
        let shared = shared.filter(|g| *g <= cfg.gas_cap).map(|g| shared_gas_limit(g, cfg.gas_cap));
        let pinned = |i: usize, gas: u64| -> Call {
            let mut req = transfer(i);
            req.gas = Some(gas);
            ("eth_call", json!([req, "latest"]))
        };
        let mut gas_limits: Vec<Option<u64>> = vec![None; legs.len()];
        if let Some(limit) = shared {
            let calls: Vec<Call> = (0..legs.len()).map(|i| pinned(i, limit)).collect();
            for (i, r) in self.rpc.batch(&calls, Singles::Concurrent).await.into_iter().enumerate() {
                if returns_true(r) {
                    gas_limits[i] = Some(limit);
                }
            }
        }
        // Legs that did not succeed at the shared limit: simulate unpinned, estimate their own
        // gas, then simulate again at their own limit. Any failure here fails the preflight.
        let own: Vec<usize> = (0..legs.len()).filter(|i| gas_limits[*i].is_none()).collect();
        if !own.is_empty() {
            let calls: Vec<Call> = own
                .iter()
                .flat_map(|&i| [("eth_call", json!([transfer(i), "latest"])), ("eth_estimateGas", json!([transfer(i)]))])
                .collect();
            let mut answers = self.rpc.batch(&calls, Singles::Concurrent).await.into_iter();
            let mut limits = Vec::with_capacity(own.len());
            for &i in &own {
                let leg = &legs[i];
                let (call, est) = (answers.next(), answers.next());
                let out = decode::<Bytes>(call.unwrap_or_else(|| Err(TransportErrorKind::custom_str("no answer")))).map_err(|e| {
                    pf(format!(
                        "transfer of {} to {} ({}) does not simulate: {}",
                        leg.amount,
                        leg.merchant_id,
                        leg.payout,
                        rpc_err(cfg, "eth_call", &e)
                    ))
                })?;
                if !matches!(IERC20::transferCall::abi_decode_returns(&out), Ok(true)) {
                    return Err(pf(format!("transfer to {} simulated without returning true", leg.merchant_id)));
                }
                let gas = decode::<U64>(est.unwrap_or_else(|| Err(TransportErrorKind::custom_str("no answer"))))
                    .map_err(|e| pf(format!("gas estimate for {} failed: {}", leg.merchant_id, rpc_err(cfg, "eth_estimateGas", &e))))?
                    .to::<u64>();
                if gas > cfg.gas_cap {
                    return Err(pf(format!("transfer to {} needs {gas} gas, above the cap of {}", leg.merchant_id, cfg.gas_cap)));
                }
                limits.push((gas + gas / 5).clamp(gas, cfg.gas_cap));
            }
            let calls: Vec<Call> = own.iter().zip(&limits).map(|(&i, &g)| pinned(i, g)).collect();
            for ((&i, &g), r) in own.iter().zip(&limits).zip(self.rpc.batch(&calls, Singles::Concurrent).await) {
                if !returns_true(r) {
                    return Err(pf(format!("transfer to {} does not succeed within its gas limit of {g}", legs[i].merchant_id)));
                }
                gas_limits[i] = Some(g);
            }
        }
        let gas_limits: Vec<u64> = gas_limits.into_iter().map(|g| g.unwrap_or(cfg.gas_cap)).collect();
        let prio = cfg.max_priority_fee_per_gas;
        let max_fee = base_fee.saturating_mul(2).saturating_add(prio).max(cfg.min_max_fee_per_gas).max(prio);
        let mut gas_cost = NativeAmount::ZERO;
        for g in &gas_limits {
            let leg_cost = NativeAmount::from_wei(max_fee).checked_mul(u128::from(*g)).map_err(|_| pf("gas cost overflows".into()))?;
            gas_cost = gas_cost.checked_add(leg_cost).map_err(|_| pf("gas cost overflows".into()))?;
        }
        let mut native_needed = gas_cost;
        if cfg.native_is_token {
            // The same money pays gas (18 decimals) and the transfers (token decimals).
            let scale = 10u128.pow(u32::from(18u8.saturating_sub(cfg.token_decimals)));
            let transfers =
                NativeAmount::from_wei(u128::from(approved.total().units())).checked_mul(scale).map_err(|_| pf("overflow".into()))?;
            native_needed = native_needed.checked_add(transfers).map_err(|_| pf("overflow".into()))?;
        }
        if native < U256::from(native_needed.wei()) {
            return Err(pf(format!(
                "the treasury's gas balance does not cover {native_needed} ({} legs × gas limit × max fee {max_fee} wei)",
                gas_limits.len()
            )));
        }
        Ok(Plan { nonce, gas_limits, max_fee_per_gas: max_fee, max_priority_fee_per_gas: prio })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_limit_covers_a_fresh_recipient_and_stays_capped() {
        // A transfer to a funded recipient (~34k) must leave room for a fresh one (~51k).
        assert!(shared_gas_limit(34_380, 150_000) >= 51_264);
        assert_eq!(shared_gas_limit(51_264, 150_000), 71_264);
        assert_eq!(shared_gas_limit(140_000, 150_000), 150_000);
        assert_eq!(shared_gas_limit(200_000, 150_000), 150_000);
    }
}
