//! Signed approvals: carts above `rules.approval_threshold` are paid only with an approval signed
//! by one of the policy's `rules.approvers`, over a canonical message that binds the cart id, the
//! policy hash, an expiry and a unique approval id.
//!
//! Two kinds of approver key:
//! - **ed25519**: `"ed25519:<64 hex digits>"` (the public key); the signature (64 bytes, hex) is
//!   over the message's UTF-8 bytes.
//! - **secp256k1 / EVM**: an EVM address (`"0x<40 hex digits>"`); the signature (65 bytes
//!   `r‖s‖v`, hex) is an EIP-191 `personal_sign` of the message, as every Ethereum wallet makes
//!   it (needs the `signing` feature).
//!
//! Verification is pure (time comes in as an argument). That an approval id is used for one
//! settlement only is checked by the facade, which keeps the used ids.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{violation, Policy, Violation, ViolationCode};
use crate::address::Address;
use crate::cart::Cart;

/// The first line of every approval message (its version).
pub const APPROVAL_MESSAGE_HEADER: &str = "Flux approval v1";

/// Longest approval id, in bytes.
pub const MAX_APPROVAL_ID_LEN: usize = 64;

/// The longest an approval may last: 31 days from when it is checked. An approval is for one
/// payment soon; a longer `expires_at` is most often milliseconds where seconds belong, which
/// would make it never expire.
pub const MAX_APPROVAL_SECONDS: u64 = 31 * 86_400;

/// A key whose signature approves carts above the threshold: `"ed25519:<hex public key>"` or an
/// EVM address (`"0x…"`, signatures are EIP-191 personal messages).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Approver {
    /// An ed25519 public key (32 bytes).
    Ed25519([u8; 32]),
    /// An EVM account, identified by its address.
    Evm(Address),
}

/// Why text is not an approver.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid approver {text:?}: {reason}")]
pub struct ApproverError {
    text: String,
    reason: &'static str,
}

impl Approver {
    /// Parses `"ed25519:<64 hex digits>"` (a valid curve point) or an EVM address.
    pub fn parse(text: &str) -> Result<Approver, ApproverError> {
        let err = |reason| ApproverError { text: text.chars().take(80).collect(), reason };
        if let Some(key) = text.strip_prefix("ed25519:") {
            let mut bytes = [0u8; 32];
            hex::decode_to_slice(key.trim_start_matches("0x"), &mut bytes).map_err(|_| err("an ed25519 key is 64 hex digits"))?;
            ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| err("not an ed25519 public key"))?;
            return Ok(Approver::Ed25519(bytes));
        }
        if text.starts_with("0x") || text.starts_with("0X") {
            return Address::parse(text)
                .map(Approver::Evm)
                .map_err(|_| err("not an EVM address (0x and 40 hex digits, EIP-55 if mixed case)"));
        }
        Err(err("an approver is \"ed25519:<hex public key>\" or an EVM address \"0x…\""))
    }

    /// The approver of an ed25519 secret key (seed): for tests and for an approver's own tools.
    pub fn ed25519_from_secret(secret: &[u8; 32]) -> Approver {
        Approver::Ed25519(ed25519_dalek::SigningKey::from_bytes(secret).verifying_key().to_bytes())
    }

    /// The approver of a secp256k1 secret key (its EVM address): for tests and tools.
    #[cfg(feature = "signing")]
    pub fn evm_from_secret(secret: &[u8; 32]) -> Result<Approver, ApproverError> {
        let signer = alloy::signers::local::PrivateKeySigner::from_slice(secret)
            .map_err(|_| ApproverError { text: String::new(), reason: "not a secp256k1 secret key" })?;
        Ok(Approver::Evm(Address::from_evm(signer.address())))
    }
}

impl fmt::Display for Approver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Approver::Ed25519(k) => write!(f, "ed25519:{}", hex::encode(k)),
            Approver::Evm(a) => write!(f, "{a}"),
        }
    }
}

impl fmt::Debug for Approver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Approver({self})")
    }
}

impl Serialize for Approver {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Approver {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Approver::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An approval as a host hands it over (for example from the `X-Flux-Approval` header): which
/// cart, under which policy, until when, by whom, with what signature. [`Approval::default`]
/// (every field empty) means "no approval".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Unique id of this approval: 1-64 characters of `A-Z a-z 0-9 _ - . :`. It pays for one
    /// settlement only.
    #[serde(default)]
    pub approval_id: String,
    /// The id of the approved cart (any edit changes it).
    #[serde(default)]
    pub cart_id: String,
    /// The hash of the policy it was given under.
    #[serde(default)]
    pub policy_hash: String,
    /// Unix time (seconds) from which it is no longer valid; at most [`MAX_APPROVAL_SECONDS`]
    /// after the time it is checked.
    #[serde(default)]
    pub expires_at: u64,
    /// Who signed: `"ed25519:<hex public key>"` or an EVM address.
    #[serde(default)]
    pub approver: String,
    /// The signature, hex (`0x` optional): 64 bytes for ed25519, 65 (`r‖s‖v`) for EVM.
    #[serde(default)]
    pub signature: String,
}

/// Text that is not JSON of an [`Approval`] (`MALFORMED_JSON` as a `FluxError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("approval: {reason}")]
pub struct MalformedApproval {
    /// What is wrong (serde's words, redacted).
    pub reason: String,
}

impl Approval {
    /// An approval from its JSON (as hosts and the `X-Flux-Approval` header carry it). Malformed
    /// JSON is `MALFORMED_JSON`; whether the approval holds is the policy's to decide.
    pub fn from_json(text: &str) -> Result<Approval, MalformedApproval> {
        Approval::from_json_bytes(text.as_bytes())
    }

    /// [`Approval::from_json`] of bytes as a host received them (not UTF-8: `MALFORMED_JSON`).
    /// An object with none of the fields (`{}`) is malformed too, not "no approval": a host
    /// says there is none by passing none.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Approval, MalformedApproval> {
        let approval: Approval = serde_json::from_slice(bytes)
            .map_err(|e| MalformedApproval { reason: crate::redact::text(&format!("must be JSON of an approval: {e}")) })?;
        if approval.is_empty() {
            return Err(MalformedApproval {
                reason: "an approval has approval_id, cart_id, policy_hash, expires_at, approver and signature; for none, send none".into(),
            });
        }
        Ok(approval)
    }

    /// The exact text an approver signs (UTF-8; EVM approvers sign it as an EIP-191 personal
    /// message):
    ///
    /// ```text
    /// Flux approval v1
    /// approval_id: <approval_id>
    /// cart_id: <cart_id>
    /// policy_hash: <policy_hash>
    /// expires_at: <unix seconds>
    /// ```
    ///
    /// Lines end with `\n`, the last one too.
    pub fn message(cart_id: &str, policy_hash: &str, expires_at: u64, approval_id: &str) -> String {
        format!(
            "{APPROVAL_MESSAGE_HEADER}\napproval_id: {approval_id}\ncart_id: {cart_id}\npolicy_hash: {policy_hash}\nexpires_at: {expires_at}\n"
        )
    }

    /// Whether no approval was given (every field empty).
    pub fn is_empty(&self) -> bool {
        *self == Approval::default()
    }

    /// Signs an approval with an ed25519 secret key (seed). For tests, and for an approver's own
    /// device: a key never crosses a binding or reaches a server.
    pub fn sign_ed25519(secret: &[u8; 32], cart_id: &str, policy_hash: &str, expires_at: u64, approval_id: &str) -> Approval {
        use ed25519_dalek::Signer;
        let key = ed25519_dalek::SigningKey::from_bytes(secret);
        let signature = key.sign(Approval::message(cart_id, policy_hash, expires_at, approval_id).as_bytes());
        Approval {
            approval_id: approval_id.into(),
            cart_id: cart_id.into(),
            policy_hash: policy_hash.into(),
            expires_at,
            approver: Approver::Ed25519(key.verifying_key().to_bytes()).to_string(),
            signature: hex::encode(signature.to_bytes()),
        }
    }

    /// Signs an approval as an EIP-191 personal message with a secp256k1 secret key. For tests
    /// and tools, like [`Approval::sign_ed25519`].
    #[cfg(feature = "signing")]
    pub fn sign_eip191(
        secret: &[u8; 32],
        cart_id: &str,
        policy_hash: &str,
        expires_at: u64,
        approval_id: &str,
    ) -> Result<Approval, ApproverError> {
        use alloy::signers::SignerSync;
        let bad = |reason| ApproverError { text: String::new(), reason };
        let signer = alloy::signers::local::PrivateKeySigner::from_slice(secret).map_err(|_| bad("not a secp256k1 secret key"))?;
        let message = Approval::message(cart_id, policy_hash, expires_at, approval_id);
        let signature = signer.sign_message_sync(message.as_bytes()).map_err(|_| bad("signing failed"))?;
        Ok(Approval {
            approval_id: approval_id.into(),
            cart_id: cart_id.into(),
            policy_hash: policy_hash.into(),
            expires_at,
            approver: Approver::Evm(Address::from_evm(signer.address())).to_string(),
            signature: format!("0x{}", hex::encode(signature.as_bytes())),
        })
    }
}

/// Whether an approval id has the allowed shape.
fn valid_approval_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_APPROVAL_ID_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

fn approval_violation(code: ViolationCode, message: String) -> Violation {
    violation(code, message, None, None)
}

/// Whether `signature` (hex) by `approver` is valid over `message`.
fn signature_valid(approver: &Approver, signature: &[u8], message: &str) -> bool {
    match approver {
        Approver::Ed25519(key) => {
            let Ok(sig) = <[u8; 64]>::try_from(signature) else { return false };
            let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(key) else { return false };
            key.verify_strict(message.as_bytes(), &ed25519_dalek::Signature::from_bytes(&sig)).is_ok()
        }
        #[cfg(feature = "signing")]
        Approver::Evm(address) => {
            let Ok(sig) = alloy::primitives::Signature::from_raw(signature) else { return false };
            sig.recover_address_from_msg(message.as_bytes()).is_ok_and(|a| Address::from_evm(a) == *address)
        }
        #[cfg(not(feature = "signing"))]
        Approver::Evm(_) => false,
    }
}

impl Policy {
    /// Whether `cart` needs a signed approval under this policy (its total is above
    /// `rules.approval_threshold`).
    pub fn needs_approval(&self, cart: &Cart) -> bool {
        self.rules.approval_threshold.is_some_and(|t| cart.total() > t)
    }

    /// The violations of `approval` for `cart` at `now` (Unix seconds): none when it is a valid
    /// signature of one of `rules.approvers` over this cart id, this policy's hash and an expiry
    /// still ahead. One violation when it is absent (`APPROVAL_REQUIRED`) or malformed; else one
    /// per problem (unknown approver, wrong cart, wrong policy, expired), and the signature is
    /// checked only when there is none.
    pub fn approval_violations(&self, cart: &Cart, approval: &Approval, now: u64) -> Vec<Violation> {
        use ViolationCode as V;
        if approval.is_empty() {
            let threshold = self.rules.approval_threshold.unwrap_or(crate::money::Amount::ZERO);
            return vec![approval_violation(V::ApprovalRequired, format!("totals above {threshold} USDC need a signed approval"))];
        }
        let malformed = |what: &str| vec![approval_violation(V::ApprovalMalformed, format!("malformed approval: {what}"))];
        if !valid_approval_id(&approval.approval_id) {
            return malformed("approval_id must be 1-64 characters of A-Z a-z 0-9 _ - . :");
        }
        let Ok(approver) = Approver::parse(&approval.approver) else {
            return malformed("approver must be \"ed25519:<hex public key>\" or an EVM address");
        };
        let sig_hex = approval.signature.strip_prefix("0x").unwrap_or(&approval.signature);
        let Ok(signature) = hex::decode(sig_hex) else { return malformed("signature must be hex") };
        let want = match approver {
            Approver::Ed25519(_) => 64,
            Approver::Evm(_) => 65,
        };
        if signature.len() != want {
            return malformed(&format!("a signature by this approver is {want} bytes, not {}", signature.len()));
        }
        let mut out = Vec::new();
        if !self.rules.approvers.contains(&approver) {
            out.push(approval_violation(V::ApproverUnknown, format!("{approver} is not one of the policy's approvers")));
        }
        let cart_id = cart.id();
        if approval.cart_id != cart_id {
            out.push(approval_violation(
                V::ApprovalWrongCart,
                format!("the approval is for cart {:?}, not {cart_id}", approval.cart_id.chars().take(48).collect::<String>()),
            ));
        }
        if approval.policy_hash != self.hash {
            out.push(approval_violation(V::ApprovalWrongPolicy, "the approval was given under another policy".into()));
        }
        if approval.expires_at <= now {
            out.push(approval_violation(V::ApprovalExpired, format!("the approval expired at {} (now {now})", approval.expires_at)));
        }
        // An expiry in milliseconds (Date.now(), currentTimeMillis()) is an approval that never
        // expires: one that lasts beyond MAX_APPROVAL_SECONDS is refused as malformed.
        if approval.expires_at.saturating_sub(now) > MAX_APPROVAL_SECONDS {
            out.push(approval_violation(
                V::ApprovalMalformed,
                format!(
                    "malformed approval: expires_at {} is more than {} days after now ({now}); it is Unix seconds, not milliseconds",
                    approval.expires_at,
                    MAX_APPROVAL_SECONDS / 86_400
                ),
            ));
        }
        if out.is_empty()
            && !signature_valid(&approver, &signature, &Approval::message(&cart_id, &self.hash, approval.expires_at, &approval.approval_id))
        {
            out.push(approval_violation(V::ApprovalSignatureInvalid, format!("the signature is not {approver}'s over this approval")));
        }
        out
    }
}
