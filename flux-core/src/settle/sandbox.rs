//! The sandbox settler: real signed EIP-1559 transfers that are never broadcast.
//!
//! Every leg is signed with a fixed, public sandbox key (never funded, so the bytes can never
//! move money) and fixed fee values. The nonces follow from the settlement itself — its cart id,
//! policy hash and idempotency key ([`SandboxSettler::first_nonce`]) — so the same settlement
//! always yields the same raw bytes and transaction hashes on every host, two settlements never
//! share a transaction, and a receipt whose cart id, policy hash or idempotency key was changed
//! no longer matches its signed bytes. They are real transactions: any decoder
//! recovers the sandbox address from them, and eth-account, viem and ethers produce the very same
//! bytes for the same fields. Nothing here touches the network.

use std::sync::OnceLock;

use sha3::{Digest, Keccak256};

use serde::Serialize;

use super::custody::PaymentKey;
use super::tx::{sign_with, TransferTx};
use super::{LegStatus, PolicyBinding, SettleError, SettledLeg, Settlement, SettlementMode, Settler};
use crate::address::Address;
use crate::future::BoxFuture;
use crate::policy::{ApprovedCart, Target};

/// How the sandbox key is derived: `keccak256` of this UTF-8 text.
pub const SANDBOX_KEY_PHRASE: &str = "flux sandbox key: public, never funded, never use for real money";

/// The sandbox private key (`keccak256(SANDBOX_KEY_PHRASE)`). Public on purpose: anything it
/// signs is a demonstration. Never send funds to its address.
pub const SANDBOX_KEY_HEX: &str = "0x29b0006e74a936f6a0cceec81267baf1ad67fa1758d54f45e758b549628f7891";

/// The fixed fee values of sandbox transactions (the nonce of leg `i` is
/// [`SandboxSettler::first_nonce`] `+ i`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SandboxFees {
    /// Gas limit per transfer.
    pub gas_limit: u64,
    /// Max fee per gas (wei): twice Arc's 20 gwei minimum.
    pub max_fee_per_gas: u128,
    /// Priority fee per gas (wei).
    pub max_priority_fee_per_gas: u128,
}

/// The sandbox's fee values.
pub const SANDBOX_FEES: SandboxFees =
    SandboxFees { gas_limit: 100_000, max_fee_per_gas: 40_000_000_000, max_priority_fee_per_gas: 1_000_000_000 };

fn sandbox_key() -> Result<&'static PaymentKey, SettleError> {
    static KEY: OnceLock<Option<PaymentKey>> = OnceLock::new();
    KEY.get_or_init(|| PaymentKey::from_hex(SANDBOX_KEY_HEX).ok())
        .as_ref()
        .ok_or_else(|| SettleError::Signing { reason: "the sandbox key is invalid".into() })
}

/// Signs legs with the public sandbox key and does not broadcast them (`mode: sandbox`,
/// `broadcast: false`). The default settler of [`Flux`](crate::Flux). Idempotent per key.
#[derive(Debug)]
pub struct SandboxSettler {
    target: Target,
    binding: PolicyBinding,
}

impl Default for SandboxSettler {
    fn default() -> Self {
        SandboxSettler::new(Target::arc_testnet())
    }
}

impl SandboxSettler {
    /// A sandbox settler for `target`'s chain and token.
    pub fn new(target: Target) -> Self {
        SandboxSettler { target, binding: PolicyBinding::default() }
    }

    /// The sandbox address (the `from` of every sandbox transaction).
    pub fn address() -> Result<Address, SettleError> {
        sandbox_key().map(PaymentKey::address)
    }

    /// The nonce of the first leg of the sandbox settlement of `cart_id` under `policy_hash` and
    /// `idempotency_key`: the first 48 bits of the keccak-256 of their canonical JSON array. Leg
    /// `i` has this nonce `+ i`.
    pub fn first_nonce(cart_id: &str, policy_hash: &str, idempotency_key: &str) -> u64 {
        let digest = Keccak256::digest(crate::canonical::to_canonical_json(&[cart_id, policy_hash, idempotency_key]));
        let mut top = [0u8; 8];
        top[2..].copy_from_slice(&digest[..6]);
        u64::from_be_bytes(top)
    }

    /// The transaction the sandbox signs, with nonce `nonce`, paying `amount` to `to`.
    pub fn transaction(target: Target, nonce: u64, to: Address, amount: crate::money::Amount) -> TransferTx {
        TransferTx {
            chain_id: target.chain_id,
            nonce,
            gas_limit: SANDBOX_FEES.gas_limit,
            max_fee_per_gas: SANDBOX_FEES.max_fee_per_gas,
            max_priority_fee_per_gas: SANDBOX_FEES.max_priority_fee_per_gas,
            token: target.token,
            to,
            amount,
        }
    }

    /// Signs any transfer with the public sandbox key (never funded: the bytes can never move
    /// money), for cross-checks against other signers and for benchmarks. Real keys sign
    /// approved carts only, inside a settler.
    pub fn sign(tx: &TransferTx) -> Result<crate::settle::SignedTransfer, SettleError> {
        crate::settle::sign_erc20_transfer(sandbox_key()?, tx)
    }

    fn sign_all(&self, approved: &ApprovedCart, key: &str) -> Result<Settlement, SettleError> {
        let signer = sandbox_key()?;
        let mut legs = Vec::with_capacity(approved.legs().len());
        let mut logs = Vec::with_capacity(approved.legs().len() + 1);
        let first = SandboxSettler::first_nonce(approved.cart_id(), approved.policy_hash(), key);
        for (i, leg) in approved.legs().iter().enumerate() {
            let tx = SandboxSettler::transaction(self.target, first + i as u64, leg.payout, leg.amount);
            let (raw, hash) = sign_with(signer, &tx)?;
            let tx_hash = format!("0x{}", hex::encode(hash));
            logs.push(format!(
                "signed (sandbox, not broadcast): {} USDC to {} ({}) nonce {} tx {}",
                leg.amount, leg.merchant_name, leg.payout, tx.nonce, tx_hash
            ));
            legs.push(SettledLeg {
                status: LegStatus::Signed,
                tx_hash: Some(tx_hash),
                nonce: Some(tx.nonce),
                raw_tx: Some(format!("0x{}", hex::encode(raw))),
                ..SettledLeg::planned(leg)
            });
        }
        logs.push(format!("sandbox signer {} is public and never funded: these transactions cannot move money", signer.address()));
        Ok(Settlement::from_legs(approved, key, SettlementMode::Sandbox, false, Some(signer.address()), legs, logs))
    }
}

impl Settler for SandboxSettler {
    fn settle<'a>(&'a self, approved: &'a ApprovedCart, key: &'a str) -> BoxFuture<'a, Result<Settlement, SettleError>> {
        Box::pin(std::future::ready((|| {
            self.binding.check(approved)?;
            if approved.target() != self.target {
                return Err(SettleError::TargetMismatch {
                    approved_chain: approved.target().chain_id,
                    settler_chain: self.target.chain_id,
                });
            }
            // Deterministic: the same approval under the same key always signs the same bytes.
            self.sign_all(approved, key)
        })()))
    }

    fn bind(&self, policy_hash: &str) -> Result<(), SettleError> {
        self.binding.bind(policy_hash)
    }

    fn target(&self) -> Target {
        self.target
    }

    fn mode(&self) -> SettlementMode {
        SettlementMode::Sandbox
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_the_documented_derivation() {
        let derived = format!("0x{}", hex::encode(Keccak256::digest(SANDBOX_KEY_PHRASE.as_bytes())));
        assert_eq!(derived, SANDBOX_KEY_HEX);
    }

    #[test]
    fn signing_is_deterministic_and_recoverable() {
        let tx = SandboxSettler::transaction(
            Target::arc_testnet(),
            0,
            Address::parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").unwrap(),
            crate::money::Amount::whole(12),
        );
        let key = sandbox_key().unwrap();
        let a = sign_with(key, &tx).unwrap();
        let b = sign_with(key, &tx).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.0[0], 0x02, "EIP-1559 type byte");
        use alloy::consensus::transaction::SignerRecoverable;
        use alloy::eips::eip2718::Decodable2718;
        let env = alloy::consensus::TxEnvelope::decode_2718(&mut a.0.as_slice()).unwrap();
        let from = env.recover_signer().unwrap();
        assert_eq!(crate::address::Address::from_evm(from), key.address());
        assert_eq!(env.tx_hash().0, a.1);
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = sandbox_key().unwrap();
        let dbg = format!("{key:?}");
        assert!(!dbg.to_lowercase().contains(&SANDBOX_KEY_HEX[2..]));
        assert!(dbg.contains("redacted"));
    }
}
