//! Any transfer a host asks the sandbox key to sign ([`SandboxTransfer`]): addresses as text and
//! the sandbox's own values for what is not given, so no binding keeps defaults of its own.

use crate::address::Address;
use crate::error::FluxError;
use crate::money::Amount;
use crate::settle::{SandboxSettler, SignedTransfer, TransferTx, SANDBOX_FEES};
use crate::target::Target;

/// Any transfer to sign with the sandbox key, as a host passes it ([`SandboxTransfer::sign`]):
/// addresses as text, and what is not given the sandbox's own values — nonce 0, Arc Testnet and
/// its USDC, [`SANDBOX_FEES`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SandboxTransfer<'a> {
    /// The recipient.
    pub to: &'a str,
    /// The USDC amount.
    pub amount: Amount,
    /// The nonce (default 0).
    pub nonce: Option<u64>,
    /// The chain id (default Arc Testnet's).
    pub chain_id: Option<u64>,
    /// The token contract (default Arc Testnet's USDC).
    pub token: Option<&'a str>,
    /// The gas limit (default the sandbox's).
    pub gas_limit: Option<u64>,
    /// The max fee per gas, wei (default the sandbox's).
    pub max_fee_per_gas: Option<u128>,
    /// The priority fee per gas, wei (default the sandbox's).
    pub max_priority_fee_per_gas: Option<u128>,
}

impl SandboxTransfer<'_> {
    /// The transaction, with the defaults filled in; an address that is not one is `INVALID_ADDRESS`.
    pub fn transaction(&self) -> Result<TransferTx, FluxError> {
        let arc = Target::arc_testnet();
        Ok(TransferTx {
            chain_id: self.chain_id.unwrap_or(arc.chain_id),
            nonce: self.nonce.unwrap_or(0),
            gas_limit: self.gas_limit.unwrap_or(SANDBOX_FEES.gas_limit),
            max_fee_per_gas: self.max_fee_per_gas.unwrap_or(SANDBOX_FEES.max_fee_per_gas),
            max_priority_fee_per_gas: self.max_priority_fee_per_gas.unwrap_or(SANDBOX_FEES.max_priority_fee_per_gas),
            token: self.token.map(Address::parse).transpose()?.unwrap_or(arc.token),
            to: Address::parse(self.to)?,
            amount: self.amount,
        })
    }

    /// Signs it with the public sandbox key (never funded: the bytes can never move money), for
    /// cross-checks against other signers and for benchmarks.
    pub fn sign(&self) -> Result<SignedTransfer, FluxError> {
        Ok(SandboxSettler::sign(&self.transaction()?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hosts_transfer_takes_the_sandbox_defaults() {
        let to = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        let given = SandboxTransfer { to, amount: Amount::whole(12), ..SandboxTransfer::default() };
        let leg = SandboxSettler::transaction(Target::arc_testnet(), 0, Address::parse(to).unwrap(), Amount::whole(12));
        assert_eq!(given.transaction().unwrap(), leg);
        let other = SandboxTransfer { nonce: Some(7), chain_id: Some(31_337), token: Some(to), gas_limit: Some(65_000), ..given };
        let tx = other.transaction().unwrap();
        assert_eq!((tx.nonce, tx.chain_id, tx.token, tx.gas_limit), (7, 31_337, leg.to, 65_000));
        assert_ne!(other.sign().unwrap().tx_hash, given.sign().unwrap().tx_hash);
        let bad = SandboxTransfer { to: "0x1234", ..given };
        assert_eq!(bad.sign().map_err(|e| e.code()).err(), Some("INVALID_ADDRESS"));
        let bad_token = SandboxTransfer { token: Some("usdc"), ..given };
        assert_eq!(bad_token.sign().map_err(|e| e.code()).err(), Some("INVALID_ADDRESS"));
    }
}
