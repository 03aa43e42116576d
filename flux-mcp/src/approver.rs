//! The operator's approver key, for signing an approval after a person accepted it through
//! elicitation. Read once from the environment variable the operator names
//! (`--approver-key-env NAME`): never from arguments or configuration, never shown, never logged.
//! It must be one of the policy's approvers (ed25519 or EVM), or the server does not start.

use flux_core::{Approval, Approver, ErrorKind, Policy};
use zeroize::Zeroizing;

use crate::cli::{is_var_name, NOT_A_NAME};
use crate::errors::ToolError;

/// Which signature the key makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Ed25519,
    Eip191,
}

/// A 32-byte secret key, wiped on drop, whose `Debug` shows only the approver it signs as.
pub struct ApproverKey {
    secret: Zeroizing<[u8; 32]>,
    scheme: Scheme,
    approver: String,
    var: String,
}

impl std::fmt::Debug for ApproverKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApproverKey").field("approver", &self.approver).field("var", &self.var).finish_non_exhaustive()
    }
}

impl ApproverKey {
    /// The key in environment variable `var`: 64 hex digits (`0x` optional), the secret of one
    /// of `policy`'s approvers (an ed25519 seed, or a secp256k1 key for an EVM approver). Errors
    /// name the variable, never its value (nor a "name" that cannot be one, such as a key).
    pub fn from_env(var: &str, policy: &Policy) -> Result<ApproverKey, String> {
        if !is_var_name(var) {
            return Err(NOT_A_NAME.to_owned());
        }
        let value = Zeroizing::new(std::env::var(var).map_err(|_| format!("the approver key variable {var} is not set"))?);
        ApproverKey::from_hex(&value, var, policy)
    }

    fn from_hex(text: &str, var: &str, policy: &Policy) -> Result<ApproverKey, String> {
        if !is_var_name(var) {
            return Err(NOT_A_NAME.to_owned());
        }
        let mut secret = Zeroizing::new([0u8; 32]);
        let digits = text.trim();
        let digits = digits.strip_prefix("0x").unwrap_or(digits);
        hex::decode_to_slice(digits, secret.as_mut()).map_err(|_| format!("{var} must hold a 32-byte key as 64 hex digits"))?;
        let approvers = &policy.rules().approvers;
        let ed = Approver::ed25519_from_secret(&secret);
        if approvers.contains(&ed) {
            return Ok(ApproverKey { secret, scheme: Scheme::Ed25519, approver: ed.to_string(), var: var.to_owned() });
        }
        if let Ok(evm) = Approver::evm_from_secret(&secret) {
            if approvers.contains(&evm) {
                return Ok(ApproverKey { secret, scheme: Scheme::Eip191, approver: evm.to_string(), var: var.to_owned() });
            }
        }
        Err(format!("the key in {var} is not one of the policy's approvers (rules.approvers)"))
    }

    /// The approver this key signs as.
    pub fn approver(&self) -> &str {
        &self.approver
    }

    /// Signs the approval of `cart_id` under `policy_hash` until `expires_at`.
    pub fn sign(&self, cart_id: &str, policy_hash: &str, expires_at: u64, approval_id: &str) -> Result<Approval, ToolError> {
        match self.scheme {
            Scheme::Ed25519 => Ok(Approval::sign_ed25519(&self.secret, cart_id, policy_hash, expires_at, approval_id)),
            Scheme::Eip191 => Approval::sign_eip191(&self.secret, cart_id, policy_hash, expires_at, approval_id)
                .map_err(|_| ToolError::new("APPROVAL_SIGNING_FAILED", ErrorKind::Internal, "the approver key could not sign")),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn policy_with(approver: Approver) -> Policy {
        let mut doc = Policy::demo().to_document();
        doc.rules.approval_threshold = Some(flux_core::Amount::whole(50));
        doc.rules.approvers = vec![approver];
        Policy::new(doc.merchants, doc.rules).unwrap()
    }

    #[test]
    fn an_approver_key_signs_and_never_shows() {
        let policy = policy_with(Approver::ed25519_from_secret(&[7; 32]));
        let key = ApproverKey::from_hex(&"07".repeat(32), "K", &policy).unwrap();
        assert!(!format!("{key:?}").contains(&"07".repeat(8)));
        let a = key.sign("cart_1", policy.hash(), 10, "appr-1").unwrap();
        assert_eq!(a.approver, key.approver());
    }

    #[test]
    fn evm_approvers_sign_eip191() {
        let secret = [0x11; 32];
        let policy = policy_with(Approver::evm_from_secret(&secret).unwrap());
        let key = ApproverKey::from_hex(&format!("0x{}", "11".repeat(32)), "K", &policy).unwrap();
        assert!(key.sign("cart_1", policy.hash(), 10, "appr-1").unwrap().signature.starts_with("0x"));
    }

    #[test]
    fn a_key_outside_the_policy_or_malformed_is_refused_without_echo() {
        let policy = policy_with(Approver::ed25519_from_secret(&[7; 32]));
        let e = ApproverKey::from_hex(&"09".repeat(32), "K", &policy).unwrap_err();
        assert!(e.contains("not one of the policy's approvers") && !e.contains("0909"));
        let e = ApproverKey::from_hex("secret-text", "K", &policy).unwrap_err();
        assert!(!e.contains("secret-text"));
    }

    #[test]
    fn a_key_given_as_the_variable_name_is_never_repeated() {
        let policy = policy_with(Approver::ed25519_from_secret(&[7; 32]));
        let key = "09".repeat(32);
        for var in [key.clone(), format!("0x{key}")] {
            let e = ApproverKey::from_env(&var, &policy).unwrap_err();
            assert!(!e.contains(&key) && e.contains("NAME"), "{e}");
        }
        let e = ApproverKey::from_env("FLUX_MCP_SURELY_UNSET_APPROVER_KEY", &policy).unwrap_err();
        assert!(e.contains("FLUX_MCP_SURELY_UNSET_APPROVER_KEY is not set"), "{e}");
    }
}
