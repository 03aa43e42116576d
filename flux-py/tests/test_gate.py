"""The gate through the binding: only the kernel's own quotes are paid, and a cart above the
approval threshold needs an approval signed by one of the policy's approvers — signed here by
independent libraries (pycryptodome for ed25519, eth-account for EIP-191), not by the kernel."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from Crypto.PublicKey import ECC
from Crypto.Signature import eddsa
from eth_account import Account
from eth_account.messages import encode_defunct

import fluxos
from conftest import NOW_MS, PROMPT

NOW_S = NOW_MS // 1000
ED_SEED = bytes([7] * 32)
# anvil's public development account #1 (its key is printed by every anvil node).
EVM_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"


def _ed_key() -> Any:
    return ECC.construct(curve="Ed25519", seed=ED_SEED)


def _ed_approver() -> str:
    return "ed25519:" + _ed_key().public_key().export_key(format="raw").hex()


def _policy() -> dict[str, Any]:
    import tomllib

    text = (Path(__file__).resolve().parents[2] / "flux-core" / "data" / "demo-policy.toml").read_text()
    policy = tomllib.loads(text)
    policy["rules"]["approval_threshold"] = "100"
    policy["rules"]["approvers"] = [_ed_approver(), Account.from_key(EVM_KEY).address]
    return policy


def sign_ed25519(cart_id: str, policy_hash: str, expires_at: int, approval_id: str) -> dict[str, Any]:
    message = fluxos.approval_message(cart_id, policy_hash, expires_at, approval_id)
    signature = eddsa.new(_ed_key(), "rfc8032").sign(message.encode())
    return {
        "approval_id": approval_id,
        "cart_id": cart_id,
        "policy_hash": policy_hash,
        "expires_at": expires_at,
        "approver": _ed_approver(),
        "signature": signature.hex(),
    }


def sign_eip191(cart_id: str, policy_hash: str, expires_at: int, approval_id: str) -> dict[str, Any]:
    account = Account.from_key(EVM_KEY)
    message = fluxos.approval_message(cart_id, policy_hash, expires_at, approval_id)
    signed = account.sign_message(encode_defunct(text=message))
    return {
        "approval_id": approval_id,
        "cart_id": cart_id,
        "policy_hash": policy_hash,
        "expires_at": expires_at,
        "approver": account.address,
        "signature": "0x" + bytes(signed.signature).hex(),
    }


def test_the_approval_message_is_the_kernels() -> None:
    assert fluxos.approval_message("cart_1", "ab", 5, "a-1") == "Flux approval v1\napproval_id: a-1\ncart_id: cart_1\npolicy_hash: ab\nexpires_at: 5\n"


def test_an_edited_price_is_not_paid(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    lines = json.loads(proposal.cart.canonical_json())["lines"]
    lines[0]["price"] = str(Decimal(lines[0]["price"]) - Decimal("0.000001"))
    del lines[0]["line_total"]
    with pytest.raises(fluxos.PolicyViolation) as info:
        flux.execute(lines)
    assert [v.code for v in info.value.violations] == ["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"]
    assert info.value.violations[0].line == 0
    # The proposal itself, sent back as plain data, is paid.
    assert flux.execute(json.loads(proposal.cart.canonical_json())["lines"]).status == "success"


def test_kernel_edits_are_paid(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    first = proposal.options[0]
    edited = flux.set_units(proposal.cart, first.id, first.units * 3, proposal.intent)
    assert flux.authorize(edited)
    bumped = proposal.cart.set_quantity(first.id, first.quantity + 1)
    codes = [v.code for v in flux.authorize(bumped).violations]
    assert codes == [] or set(codes) <= {"PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"}


def test_kernel_edits_keep_to_the_intents_budget(flux: fluxos.Flux) -> None:
    """set_units of 1,400 snacks on a 100 USDC plan made a 388.73 cart that was paid."""
    proposal = flux.orchestrate("snacks", "100", 0, "fastest")
    line = proposal.options[0]
    with pytest.raises(fluxos.InvalidCart) as info:
        flux.set_units(proposal.cart, line.id, 1400, proposal.intent)
    assert (info.value.code, info.value.kind, info.value.http_status) == ("OVER_BUDGET", "invalid_input", 422)
    assert "more than the budget of 100 USDC" in str(info.value)
    with pytest.raises(fluxos.InvalidCart, match="budget"):
        flux.replace_line(proposal.cart, line.id, line.id, 1400, proposal.intent)
    # Within the budget the edit is made, and paid.
    edited = flux.set_units(proposal.cart, line.id, line.units + 1, proposal.intent)
    assert edited.total <= 100 and flux.execute(edited).status == "success"


def test_signed_approvals_from_independent_signers() -> None:
    flux = fluxos.Flux(policy=_policy(), settler="memory", now_ms=NOW_MS)
    assert flux.policy.approvers == [_ed_approver(), Account.from_key(EVM_KEY).address]
    cart = flux.orchestrate(PROMPT, budget="800").cart
    assert cart.total > 100 and flux.policy.needs_approval(cart)
    h = flux.policy.hash
    assert [v.code for v in flux.authorize(cart).violations] == ["APPROVAL_REQUIRED"]
    ed = sign_ed25519(cart.id, h, NOW_S + 600, "py-ed-1")
    evm = sign_eip191(cart.id, h, NOW_S + 600, "py-evm-1")
    assert flux.authorize(cart, approval=ed) and flux.authorize(cart, approval=json.dumps(evm))
    # Refused: another cart, another policy, expired, a tampered field, a malformed signature.
    other = cart.remove_line(cart[0].id)
    refused = {
        "APPROVAL_WRONG_CART": sign_ed25519(other.id, h, NOW_S + 600, "x1"),
        "APPROVAL_WRONG_POLICY": sign_eip191(cart.id, fluxos.Policy.demo().hash, NOW_S + 600, "x2"),
        "APPROVAL_EXPIRED": sign_ed25519(cart.id, h, NOW_S, "x3"),
        "APPROVAL_SIGNATURE_INVALID": dict(ed, expires_at=NOW_S + 6000),
        "APPROVAL_MALFORMED": dict(evm, signature="0x1234"),
        "APPROVER_UNKNOWN": dict(ed, approver="ed25519:" + ECC.construct(curve="Ed25519", seed=bytes([9] * 32)).public_key().export_key(format="raw").hex()),
    }
    for code, approval in refused.items():
        with pytest.raises(fluxos.PolicyViolation) as info:
            flux.execute(cart, f"k-{code}", approval=approval)
        assert [v.code for v in info.value.violations] == [code]
    # It pays once: the same settlement replays, another is refused.
    s = flux.execute(cart, "order-1", approval=ed)
    assert s.status == "success"
    assert flux.execute(cart, "order-1", approval=ed).replayed
    with pytest.raises(fluxos.PolicyViolation) as info:
        flux.execute(cart, "order-2", approval=ed)
    assert [v.code for v in info.value.violations] == ["APPROVAL_REPLAYED"]
    assert flux.execute(cart, "order-3", approval=evm).status == "success"


def test_a_malformed_approval_argument_is_a_typed_error(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    for bad in ({"approval_id": "a", "surprise": 1}, {"expires_at": "soon"}, "{not json", [1, 2]):
        with pytest.raises(fluxos.InvalidRequest) as info:
            flux.authorize(proposal.cart, approval=bad)
        assert info.value.code == "MALFORMED_JSON"
