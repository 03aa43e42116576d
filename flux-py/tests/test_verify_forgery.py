"""`Flux.verify` decodes every leg's signed transaction: a bundle forged with consistent hashes
fails, naming the leg and the field."""

from __future__ import annotations

import json

import pytest

import fluxos
from conftest import NOW_MS, PROMPT

needs_signing = pytest.mark.skipif("signing" not in fluxos.FEATURES, reason="built without signing")
ATTACKER = "0x000000000000000000000000000000000000dEaD"


@needs_signing
@pytest.mark.parametrize(
    ("field", "edit"),
    [
        ("recipient", lambda b: b["legs"][0].update(payout=ATTACKER)),
        ("chain_id", lambda b: b.update(chain_id=1)),
        ("token", lambda b: b.update(token=ATTACKER)),
    ],
)
def test_a_forged_sandbox_bundle_fails_naming_the_field(field: str, edit) -> None:  # type: ignore[no-untyped-def]
    flux = fluxos.Flux(settler="sandbox", now_ms=NOW_MS)
    p = flux.orchestrate(PROMPT, budget=800)
    s = flux.execute(p.cart)
    bundle = json.loads(fluxos.receipt_bundle(p.cart, s, p.intent_hash))
    assert flux.verify(bundle)["ok"] is True
    edit(bundle)
    with pytest.raises(fluxos.SettlementError) as info:
        flux.verify(bundle)
    assert info.value.code == "VERIFICATION_FAILED"
    assert f"leg {bundle['legs'][0]['merchant_id']}: {field}:" in str(info.value)
