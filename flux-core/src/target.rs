//! Where money moves: an EVM chain and the ERC-20 token on it. The policy allows or denies a
//! target; a settler pays on exactly one.

use serde::Serialize;

use crate::address::Address;

/// Arc Testnet's chain id.
pub const ARC_TESTNET_CHAIN_ID: u64 = 5_042_002;
/// The USDC ERC-20 interface on Arc Testnet (6 decimals; the native gas token is the same USDC
/// with 18 decimals).
pub const ARC_TESTNET_USDC: Address = Address::from_bytes([0x36, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

/// Where a settlement would happen: the chain and the token contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Target {
    /// EVM chain id.
    pub chain_id: u64,
    /// ERC-20 token contract.
    pub token: Address,
}

impl Target {
    /// USDC on Arc Testnet.
    pub const fn arc_testnet() -> Target {
        Target { chain_id: ARC_TESTNET_CHAIN_ID, token: ARC_TESTNET_USDC }
    }
}
