"""flux-mobile through uniffi's generated Python bindings: a second foreign language on the same
library the Kotlin test loads (scripts/test-mobile.sh puts the generated `flux_mobile.py` and
`libflux_mobile.so` on the path). The same scenario, errors, vectors and concurrency as the
Kotlin test; the `fluxos` package (pyo3) is a separate binding with its own tests."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import flux_mobile as fm

TESTDATA = Path(__file__).resolve().parents[3] / "testdata"
VECTORS = sorted((TESTDATA / "vectors").glob("*.json"))
KIT = fm.Intent(prompt="hackathon kit: snacks, badges, prizes", budget="500", deadline_days=7, strategy=fm.Strategy.BALANCED())


@pytest.fixture(scope="module")
def flux() -> fm.Flux:
    return fm.Flux(fm.FluxConfig.DEFAULTS())


def test_scenario_orchestrate_authorize_execute_verify(flux: fm.Flux) -> None:
    proposal = asyncio.run(flux.orchestrate(KIT))
    lines = proposal.cart.lines()
    assert lines and proposal.cart_id == proposal.cart.id()
    assert sum(Decimal(l.line_total) for l in lines) == Decimal(proposal.total)
    decision = flux.authorize(proposal.cart)
    assert decision.allowed and decision.violations == []
    settlement = asyncio.run(flux.execute(proposal.cart))
    assert (settlement.status, settlement.mode, settlement.broadcast) == ("success", "sandbox", False)
    assert len(settlement.transaction_hashes) == len(decision.legs)
    report = asyncio.run(flux.verify(settlement.receipt_bundle))
    assert report.ok and not report.onchain and report.cart_id == proposal.cart_id
    assert flux.orchestrate_blocking(KIT).canonical_json == proposal.canonical_json
    assert flux.execute_blocking(proposal.cart).replayed


def test_a_cancelled_execute_still_settles_and_the_same_key_answers_it(flux: fm.Flux) -> None:
    # uniffi dropped a cancelled call's future where it stood: a payment cut short held its key
    # IN_FLIGHT until its lease ended. It now runs to its end as a task of its own.
    proposal = asyncio.run(flux.orchestrate(fm.Intent(prompt="24 energy drinks", budget="100", deadline_days=7, strategy=fm.Strategy.BALANCED())))

    async def cancel_then_ask() -> fm.Settlement:
        started = asyncio.ensure_future(flux.execute(proposal.cart, "cancelled-1"))
        await asyncio.sleep(0)
        started.cancel()
        with pytest.raises(asyncio.CancelledError):
            await started
        return await flux.execute(proposal.cart, "cancelled-1")

    settlement = asyncio.run(cancel_then_ask())
    assert settlement.status == "success" and settlement.idempotency_key == "cancelled-1"


def test_features_are_what_the_core_was_built_with() -> None:
    assert fm.features() == ["signing", "evm", "llm", "http-catalog", "pdf", "sqlite", "postgres"]


def test_policy_denial_carries_code_and_violations(flux: fm.Flux) -> None:
    cart = fm.Cart.from_json('[{"vendor_id": "shady-shop", "price": "10.00", "quantity": 2}]')
    with pytest.raises(fm.FluxError.PolicyViolation) as info:
        flux.execute_blocking(cart, idempotency_key=None, approval=None)
    assert info.value.code == "POLICY_VIOLATION"
    # An unknown merchant, and not an offer the kernel quoted either.
    assert [v.code for v in info.value.violations if v.merchant == "shady-shop"] == ["UNKNOWN_MERCHANT", "UNKNOWN_OFFER"]


def test_bad_input_is_typed(flux: fm.Flux) -> None:
    bad = fm.Intent(prompt=KIT.prompt, budget="-5", deadline_days=7, strategy=fm.Strategy.BALANCED())
    with pytest.raises(fm.FluxError.InvalidInput) as info:
        flux.orchestrate_blocking(bad)
    assert info.value.code == "INVALID_AMOUNT"
    with pytest.raises(fm.FluxError.Config) as config:
        fm.Flux(fm.FluxConfig.JSON(text='{"settler": "teleport"}'))
    assert config.value.code == "INVALID_CONFIG"
    assert fm.amount_from_double(0.1) == "0.1"


def _config(v: dict[str, Any], raw: dict[str, Any]) -> str:
    config: dict[str, Any] = {"policy": raw.get("policy", "demo"), "settler": "sandbox"}
    if isinstance(raw.get("catalog"), dict):
        config["catalogs"] = (["embedded"] if v.get("with_embedded_catalog", True) is not False else []) + [raw["catalog"]]
    now = int(v["now"])
    config["now_ms"] = now * 1000 if now < 32_503_680_000 else now
    return _dumps(config)


def _dumps(value: Any) -> str:
    """JSON text in which every number keeps its exact digits (read as Decimal)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k) + ":" + _dumps(x) for k, x in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dumps(x) for x in value) + "]"
    return json.dumps(value)


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_vector(path: Path) -> None:
    raw = json.loads(path.read_text(), parse_float=Decimal, parse_int=Decimal)
    v = json.loads(path.read_text())
    flux = fm.Flux(fm.FluxConfig.JSON(text=_config(v, raw)))
    proposal = flux.orchestrate_blocking(fm.intent_from_json(_dumps(raw["intent"])))
    computed = {
        "proposal": lambda: proposal.canonical_json,
        "cart_id": lambda: proposal.cart_id,
        "cart": lambda: proposal.cart.canonical_json(),
        "decision": lambda: flux.authorize(proposal.cart).canonical_json,
        "intent_hash": lambda: proposal.intent_hash,
    }
    for key, want in v["expected"].items():
        assert key in computed, f"{path.name}: unknown expected key {key!r} (teach this runner about it)"
        assert computed[key]() == want, f"{path.name}: {key} differs"


def test_async_calls_from_several_tasks_at_once(flux: fm.Flux) -> None:
    budgets = ["120", "250.5", "300", "480", "99.99", "640"]
    intents = [fm.Intent(prompt=KIT.prompt, budget=b, deadline_days=5, strategy=fm.Strategy.CHEAPEST()) for b in budgets]

    async def all_at_once() -> list[fm.Proposal]:
        return await asyncio.gather(*(flux.orchestrate(i) for i in intents))

    fresh = fm.Flux(fm.FluxConfig.DEFAULTS())
    for intent, proposal in zip(intents, asyncio.run(all_at_once())):
        assert proposal.canonical_json == fresh.orchestrate_blocking(intent).canonical_json


def test_a_shopping_list_document(flux: fm.Flux) -> None:
    lst = b"24 energy drinks\nbadges for 40 people\n"
    proposal = asyncio.run(flux.orchestrate_document(lst, "400", 3, fm.Strategy.FASTEST(), filename="list.txt"))
    assert "energy drinks" in proposal.intent.prompt and proposal.cart.lines()
    with pytest.raises(fm.FluxError.InvalidInput) as info:
        flux.orchestrate_document_blocking(b"", "400", 3, fm.Strategy.FASTEST())
    assert info.value.code == "EMPTY_DOCUMENT"


def test_needs_carry_their_sizes_rental_days_and_tenure(flux: fm.Flux) -> None:
    prompt = "Rent 50 chairs for a 3-day conference. T-shirts: size M x 10, size L x 5. Buy a projector"
    proposal = flux.orchestrate_blocking(fm.Intent(prompt=prompt, budget="2000", deadline_days=7, strategy=fm.Strategy.BALANCED()))
    assert [(n.item, n.quantity, n.attributes, n.days, n.tenure) for n in proposal.needs] == [
        ("chairs", 50, [], 3, fm.Tenure.RENT),
        ("t-shirts", 10, ["size m"], None, None),
        ("t-shirts", 5, ["size l"], None, None),
        ("projector", 1, [], None, fm.Tenure.BUY),
    ]
    # The chairs are rented for the three days: the line's name says so.
    assert any("(3 days)" in line.name for line in proposal.cart.lines())


def test_proposal_needs_dropped_unmet_and_alternatives_match_its_json(flux: fm.Flux) -> None:
    prompt = "hackathon kit: 40 energy drinks, badges for 40 people, prizes, 3 wireless mice, no snacks"
    proposal = flux.orchestrate_blocking(fm.Intent(prompt=prompt, budget="60", deadline_days=7, strategy=fm.Strategy.BALANCED()))
    raw = json.loads(proposal.canonical_json)
    tenure = {"buy": fm.Tenure.BUY, "rent": fm.Tenure.RENT, None: None}
    assert [(n.category, n.item, n.quantity, n.attributes, n.days, n.tenure) for n in proposal.needs] == [
        (n["category"], n["item"], n["quantity"], n.get("attributes", []), n.get("days"), tenure[n.get("tenure")]) for n in raw["needs"]
    ]
    assert [(d.item, d.reason) for d in proposal.dropped] == [(d["item"], d["reason"]) for d in raw.get("dropped", [])]
    assert [(u.category, u.item, u.quantity, u.reason) for u in proposal.unmet] == [
        (u["category"], u["item"], u["quantity"], u["reason"]) for u in raw["unmet"]
    ]
    assert proposal.dropped and proposal.unmet
    assert len(proposal.alternatives) == len(raw["alternatives"]) == len(proposal.needs)
    for typed, ranking in zip(proposal.alternatives, raw["alternatives"]):
        assert (typed.category, typed.item) == (ranking["need"]["category"], ranking["need"]["item"])
        got = [(o.offer_id, o.name, o.vendor_id, o.vendor_name, o.reason) for o in typed.options]
        assert got == [(o["offer_id"], o["name"], o["vendor_id"], o["vendor_name"], o["reason"]) for o in ranking["options"]]
        got_n = [(Decimal(o.line_total), o.units, o.packs, o.delivery_days, o.score) for o in typed.options]
        want_n = [(Decimal(str(o["line_total"])), o["units"], o["packs"], o["delivery_days"], o["score"]["total"]) for o in ranking["options"]]
        assert got_n == want_n


def test_a_need_bought_from_several_offers_lists_its_split(flux: fm.Flux) -> None:
    # No store has 100 Lysol sprays; two together do (within the demo policy's caps).
    intent = fm.Intent(prompt="100 lysol disinfectant sprays", budget="1000", deadline_days=7, strategy=fm.Strategy.BALANCED())
    proposal = flux.orchestrate_blocking(intent)
    (ranking,) = proposal.alternatives
    assert not proposal.unmet and not ranking.options
    assert [o.offer_id for o in ranking.split] == [line.id for line in proposal.cart.lines()]
    assert len(ranking.split) >= 2 and sum(o.units for o in ranking.split) >= 100


def test_approval_message_needs_approval_and_approvers() -> None:
    message = "Flux approval v1\napproval_id: a-1\ncart_id: cart_1\npolicy_hash: ab\nexpires_at: 5\n"
    assert fm.approval_message("cart_1", "ab", 5, "a-1") == message
    policy = str(TESTDATA / "mcp" / "policy.toml")
    gate = fm.Flux(fm.FluxConfig.JSON(text=json.dumps({"policy": policy, "ledger": "memory", "now_ms": 1764000000000})))
    assert gate.approvers() == ["ed25519:ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"]
    assert not gate.needs_approval(fm.Cart.from_json('[{"vendor_id": "amazon", "price": "10", "quantity": 1}]'))
    prompt = "hackathon kit for 300 people: snacks, badges, prizes"
    cart = gate.orchestrate_blocking(fm.Intent(prompt=prompt, budget="700", deadline_days=7, strategy=fm.Strategy.BALANCED())).cart
    assert gate.needs_approval(cart)
    with pytest.raises(fm.FluxError.ApprovalRequired):
        gate.execute_blocking(cart, idempotency_key=None, approval=None)


def test_errors_carry_field_and_retry_after(flux: fm.Flux) -> None:
    bad = fm.Intent(prompt=KIT.prompt, budget="-5", deadline_days=7, strategy=fm.Strategy.BALANCED())
    with pytest.raises(fm.FluxError.InvalidInput) as info:
        flux.orchestrate_blocking(bad)
    assert (info.value.code, info.value.field, info.value.retry_after) == ("INVALID_AMOUNT", "budget", None)
    memory = fm.Flux(fm.FluxConfig.JSON(text='{"ledger": "memory"}'))
    cart = memory.orchestrate_blocking(KIT).cart
    memory.execute_blocking(cart, idempotency_key="order-7", approval=None)
    with pytest.raises(fm.FluxError.Conflict) as conflict:
        memory.execute_blocking(cart.remove_line(cart.lines()[0].id), idempotency_key="order-7", approval=None)
    assert (conflict.value.code, conflict.value.field, conflict.value.retry_after) == ("IDEMPOTENCY_CONFLICT", "Idempotency-Key", None)


def test_keystore_password_from_a_host_callback() -> None:
    if "evm" not in fm.features():
        pytest.skip("built without the evm feature")
    keystore = str(TESTDATA / "sandbox-keystore.json")
    asked: list[str] = []

    class Store(fm.PasswordProvider):
        def password(self, keystore_path: str) -> str:
            asked.append(keystore_path)
            return "correct horse battery staple"

    config = fm.FluxConfig.JSON(text=json.dumps({"settler": {"kind": "evm", "keystore": keystore}}))
    assert fm.Flux(config, Store()).settlement_mode() == "evm"
    assert asked == [keystore]

    class Wrong(fm.PasswordProvider):
        def password(self, keystore_path: str) -> str:
            return "tr0ub4dor&3"

    with pytest.raises(fm.FluxError.Config) as info:
        fm.Flux(config, Wrong())
    assert info.value.code == "SETTLER_CONFIG" and "tr0ub4dor" not in str(info.value)

    class Cancelled(fm.PasswordProvider):
        def password(self, keystore_path: str) -> str:
            raise fm.FluxError.Config("USER_CANCELLED", "the user closed the prompt", None, None)

    with pytest.raises(fm.FluxError.Config) as cancelled:
        fm.Flux(config, Cancelled())
    assert (cancelled.value.code, cancelled.value.reason) == ("USER_CANCELLED", "the user closed the prompt")
