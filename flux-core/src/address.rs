//! EVM addresses: 20 bytes, parsed from `0x`-hex with the EIP-55 checksum enforced when the text
//! is mixed-case.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha3::{Digest, Keccak256};

/// A 20-byte EVM address. Displays in EIP-55 checksum form.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Address([u8; 20]);

const RECENT_SLOTS: usize = 16;

/// The zero address and its EIP-55 form (all digits): what every slot of [`RECENT`] starts as.
const ZERO_ASCII: [u8; 42] = {
    let mut a = [b'0'; 42];
    a[1] = b'x';
    a
};

thread_local! {
    /// Recently written addresses and their EIP-55 forms, slotted by the last byte.
    static RECENT: std::cell::RefCell<[([u8; 20], [u8; 42]); RECENT_SLOTS]> =
        const { std::cell::RefCell::new([([0; 20], ZERO_ASCII); RECENT_SLOTS]) };
}

/// Why text is not an address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid address {text:?}: {reason}")]
pub struct AddressError {
    text: String,
    reason: &'static str,
}

impl AddressError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        "INVALID_ADDRESS"
    }
}

impl Address {
    /// The zero address (never a valid payout).
    pub const ZERO: Address = Address([0; 20]);

    /// From raw bytes.
    pub const fn from_bytes(bytes: [u8; 20]) -> Self {
        Address(bytes)
    }

    /// The raw bytes.
    pub const fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }

    /// Parses `0x` + 40 hex digits; mixed case must be a valid EIP-55 checksum.
    pub fn parse(text: &str) -> Result<Address, AddressError> {
        let err = |reason| AddressError { text: text.chars().take(48).collect(), reason };
        let hex_part = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")).ok_or_else(|| err("must start with 0x"))?;
        if hex_part.len() != 40 {
            return Err(err("must have 40 hex digits"));
        }
        let mut bytes = [0u8; 20];
        hex::decode_to_slice(hex_part, &mut bytes).map_err(|_| err("not hexadecimal"))?;
        let addr = Address(bytes);
        let has_upper = hex_part.bytes().any(|b| b.is_ascii_uppercase());
        let has_lower = hex_part.bytes().any(|b| b.is_ascii_lowercase());
        if has_upper && has_lower && addr.checksum_ascii()[2..] != *hex_part.as_bytes() {
            return Err(err("EIP-55 checksum mismatch (a typo?)"));
        }
        Ok(addr)
    }

    /// As alloy's address type (for transactions and RPC calls).
    #[cfg(feature = "signing")]
    pub(crate) fn to_evm(self) -> alloy::primitives::Address {
        alloy::primitives::Address::from(self.0)
    }

    /// From alloy's address type.
    #[cfg(feature = "signing")]
    pub(crate) fn from_evm(a: alloy::primitives::Address) -> Address {
        Address(a.into_array())
    }

    /// EIP-55 mixed-case form.
    pub fn checksummed(&self) -> String {
        self.checksum_ascii().iter().map(|&b| char::from(b)).collect()
    }

    /// The EIP-55 form as ASCII bytes on the stack, remembered per thread for the last few
    /// addresses: payouts are written on every decision, settlement and receipt, and the keccak
    /// behind a checksum costs more than the rest of writing one.
    fn checksum_ascii(&self) -> [u8; 42] {
        let slot = usize::from(self.0[19]) % RECENT_SLOTS;
        RECENT.with_borrow_mut(|recent| {
            let (bytes, ascii) = &mut recent[slot];
            if *bytes != self.0 {
                *ascii = self.compute_checksum_ascii();
                *bytes = self.0;
            }
            *ascii
        })
    }

    /// `0x`, then each hex letter upper-cased where the keccak-256 of the lower-case hex has a
    /// nibble of 8 or more.
    fn compute_checksum_ascii(&self) -> [u8; 42] {
        let mut out = [0u8; 42];
        out[..2].copy_from_slice(b"0x");
        let (_, digits) = out.split_at_mut(2);
        // 40 bytes of room for 20 bytes of hex: cannot fail.
        let _ = hex::encode_to_slice(self.0, digits);
        let hash = Keccak256::digest(&digits[..]);
        for (i, c) in digits.iter_mut().enumerate() {
            let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
            if c.is_ascii_alphabetic() && nibble >= 8 {
                c.make_ascii_uppercase();
            }
        }
        out
    }

    /// Whether this is the zero address.
    pub fn is_zero(&self) -> bool {
        self.0 == [0; 20]
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.checksum_ascii()).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({})", self.checksummed())
    }
}

impl std::str::FromStr for Address {
    type Err = AddressError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Address::parse(s)
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ascii = self.checksum_ascii();
        s.serialize_str(std::str::from_utf8(&ascii).map_err(serde::ser::Error::custom)?)
    }
}

impl<'de> Deserialize<'de> for Address {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Address::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_checksums_stay_per_address() {
        // Same last byte, so the same slot: each must still show its own checksum.
        let a = Address::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unwrap();
        let mut bytes = *a.as_bytes();
        bytes[0] ^= 0xff;
        let b = Address::from_bytes(bytes);
        for _ in 0..3 {
            assert_eq!(a.to_string(), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
            assert_eq!(b.to_string(), b.compute_checksum_ascii().iter().map(|&c| char::from(c)).collect::<String>());
            assert!(b.to_string().to_lowercase().starts_with("0xa5aeb6"), "{b}");
            assert_eq!(Address::ZERO.to_string(), format!("0x{}", "0".repeat(40)));
        }
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"");
    }

    #[test]
    fn eip55() {
        // Vectors from EIP-55.
        for s in [
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        ] {
            assert_eq!(Address::parse(s).unwrap().to_string(), s);
        }
        assert!(Address::parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").is_ok());
        assert_eq!(Address::parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").unwrap_err().code(), "INVALID_ADDRESS");
        for bad in [
            "",
            "0x",
            "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
            "0xzzaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        ] {
            assert!(Address::parse(bad).is_err(), "{bad}");
        }
    }
}
