//! One ERC-20 `transfer(to, amount)` as a signed EIP-1559 transaction, built and signed locally.

use alloy::consensus::transaction::RlpEcdsaEncodableTx;
use alloy::consensus::{SignableTransaction, TxEip1559};
use alloy::primitives::{Bytes, TxKind, U256};
use alloy::sol_types::SolCall;
use serde::{Deserialize, Serialize};

use super::custody::PaymentKey;
use super::SettleError;
use crate::address::Address;
use crate::money::Amount;

alloy::sol! {
    /// The ERC-20 functions and event Flux uses.
    interface IERC20 {
        function transfer(address to, uint256 amount) external returns (bool);
        function balanceOf(address holder) external view returns (uint256);
        function decimals() external view returns (uint8);
        event Transfer(address indexed from, address indexed to, uint256 value);
    }
}

/// Every field of one ERC-20 transfer transaction (EIP-1559, value 0, empty access list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferTx {
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Sender nonce.
    pub nonce: u64,
    /// Gas limit.
    pub gas_limit: u64,
    /// Max fee per gas (wei).
    pub max_fee_per_gas: u128,
    /// Max priority fee per gas (wei).
    pub max_priority_fee_per_gas: u128,
    /// The token contract (the transaction's `to`).
    pub token: Address,
    /// The transfer's recipient.
    pub to: Address,
    /// Amount in the token's base units.
    pub amount: Amount,
}

/// A signed transaction: the EIP-2718 bytes a node accepts and their hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedTransfer {
    /// The signer's address.
    pub from: Address,
    /// `0x`-hex EIP-2718 bytes (`0x02 ‖ rlp(...)`).
    pub raw_tx: String,
    /// `0x`-hex keccak-256 of the raw bytes.
    pub tx_hash: String,
}

/// The calldata of `transfer(to, amount)`.
pub(crate) fn transfer_calldata(to: Address, amount: Amount) -> Bytes {
    IERC20::transferCall { to: to.to_evm(), amount: U256::from(amount.units()) }.abi_encode().into()
}

impl TransferTx {
    fn to_eip1559(&self) -> TxEip1559 {
        TxEip1559 {
            chain_id: self.chain_id,
            nonce: self.nonce,
            gas_limit: self.gas_limit,
            max_fee_per_gas: self.max_fee_per_gas,
            max_priority_fee_per_gas: self.max_priority_fee_per_gas,
            to: TxKind::Call(self.token.to_evm()),
            value: U256::ZERO,
            access_list: Default::default(),
            input: transfer_calldata(self.to, self.amount),
        }
    }
}

/// The EIP-2718 bytes and their hash. One encoding for the signing hash, one for the result.
pub(crate) fn sign_with(key: &PaymentKey, tx: &TransferTx) -> Result<(Vec<u8>, [u8; 32]), SettleError> {
    let unsigned = tx.to_eip1559();
    let sig = key.sign_hash(unsigned.signature_hash().0)?;
    let mut raw = Vec::with_capacity(unsigned.eip2718_encoded_length(&sig));
    unsigned.eip2718_encode(&sig, &mut raw);
    let hash = alloy::primitives::keccak256(&raw).0;
    Ok((raw, hash))
}

/// Signs `tx` with `key`: real EIP-1559 bytes, deterministic (RFC 6979), byte-identical to what
/// eth-account, viem and ethers produce for the same fields.
pub fn sign_erc20_transfer(key: &PaymentKey, tx: &TransferTx) -> Result<SignedTransfer, SettleError> {
    let (raw, hash) = sign_with(key, tx)?;
    Ok(SignedTransfer { from: key.address(), raw_tx: alloy::hex::encode_prefixed(raw), tx_hash: alloy::hex::encode_prefixed(hash) })
}
