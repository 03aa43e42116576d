"""The shared vectors in `testdata/`: every host must produce byte-identical output.

- `testdata/vectors/*.json`: intent + catalog + policy + time -> expected canonical strings.
- `testdata/sandbox-signing.json`: sandbox-signed ERC-20 transfers -> exact raw bytes and hashes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import fluxos

TESTDATA = Path(__file__).resolve().parents[2] / "testdata"
VECTORS = sorted((TESTDATA / "vectors").glob("*.json"))


def _load(path: Path) -> Any:
    # Decimal keeps every number's exact text when it is handed back to the kernel.
    return json.loads(path.read_text(), parse_float=Decimal)


def _policy(spec: Any) -> Any:
    if spec in (None, "demo"):
        return "demo"
    if isinstance(spec, dict):
        return spec
    text = str(spec)
    return fluxos.Policy.from_json(text) if text.lstrip().startswith("{") else fluxos.Policy.from_toml(text)


def _catalogs(spec: Any, with_embedded: bool) -> Any:
    """`"embedded"`, or an inline catalog merged after the embedded one (alone when
    `with_embedded_catalog` is false)."""
    if spec in (None, "embedded"):
        return None
    inline = json.loads(spec, parse_float=Decimal) if isinstance(spec, str) else spec
    return ["embedded", inline] if with_embedded else [inline]


def _now_ms(v: dict[str, Any]) -> int | None:
    for key in ("now_ms", "now"):
        if key in v and v[key] is not None:
            now = v[key]
            if isinstance(now, dict):
                now = now.get("ms", now.get("unix_ms"))
            # Seconds or milliseconds: anything below year 3000 in seconds is seconds.
            now = int(now)
            return now * 1000 if now < 32_503_680_000 else now
    return None


def _settler(v: dict[str, Any]) -> str:
    return str(v.get("settler", "sandbox" if "signing" in fluxos.FEATURES else "memory"))


@pytest.mark.skipif(not VECTORS, reason="no testdata/vectors/*.json yet")
@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_vector(path: Path) -> None:
    v = _load(path)
    flux = fluxos.Flux(
        catalogs=_catalogs(v.get("catalog"), v.get("with_embedded_catalog", True) is not False), 
        policy=_policy(v.get("policy")),
        settler=_settler(v),
        now_ms=_now_ms(v),
    )
    intent = v["intent"]
    body = intent  # text, or data whose Decimal numbers keep their exact digits
    expected: dict[str, Any] = v["expected"]
    got: dict[str, str] = {}

    def proposal() -> fluxos.Proposal:
        if "proposal" not in cache:
            cache["proposal"] = flux.orchestrate_json(body)
        return cache["proposal"]

    cache: dict[str, Any] = {}
    for key in expected:
        if key in ("proposal", "orchestrate"):
            got[key] = proposal().canonical_json()
        elif key == "cart":
            got[key] = proposal().cart.canonical_json()
        elif key == "cart_id":
            got[key] = proposal().cart_id
        elif key in ("decision", "authorize"):
            got[key] = flux.authorize(proposal().cart).canonical_json()
        elif key in ("settlement", "execute"):
            got[key] = flux.execute(proposal().cart).canonical_json()
        elif key in ("intent_hash",):
            got[key] = proposal().intent_hash
        elif key in ("error", "error_code", "code"):
            with pytest.raises(fluxos.FluxError) as info:
                proposal()
            got[key] = info.value.code
        else:
            pytest.fail(f"{path.name}: unknown expected key {key!r} (teach this runner about it)")
    for key, want in expected.items():
        want_text = want if isinstance(want, str) else fluxos.canonical_json(want)
        assert got[key] == want_text, f"{path.name}: {key} differs"


SIGNING = TESTDATA / "sandbox-signing.json"


@pytest.mark.skipif(not SIGNING.exists() or "signing" not in fluxos.FEATURES, reason="no signing vector or no signing feature")
def test_sandbox_signing_vector() -> None:
    v = json.loads(SIGNING.read_text())
    assert fluxos.sandbox_address() == v["from"]
    assert v["transactions"]
    for t in v["transactions"]:
        tx = t["tx"]
        raw, tx_hash = fluxos.sandbox_sign_transfer(
            to=tx["to"],
            amount=Decimal(int(tx["amount_units"])) / Decimal(1_000_000),
            nonce=tx["nonce"],
            chain_id=tx["chain_id"],
            token=tx["token"],
            gas_limit=tx["gas_limit"],
            max_fee_per_gas=int(tx["max_fee_per_gas"]),
            max_priority_fee_per_gas=int(tx["max_priority_fee_per_gas"]),
        )
        assert raw == t["raw_tx"]
        assert tx_hash == t["tx_hash"]
