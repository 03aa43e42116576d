"""The binding itself: conversions, result objects, exception classes and codes, pickling, keys."""

from __future__ import annotations

import enum
import json
import pickle
from pathlib import Path
from decimal import Decimal

import pytest

import fluxos
from conftest import NOW_MS, PROMPT, line


# ---------------------------------------------------------------- package


def test_package_shape() -> None:
    assert fluxos.__version__ == "0.1.0"
    assert fluxos.Flux.__module__ == "fluxos"
    assert fluxos._flux.__name__ == "fluxos._flux" if hasattr(fluxos, "_flux") else True
    import importlib.resources as res

    files = res.files("fluxos")
    assert (files / "py.typed").is_file()
    assert (files / "_flux.pyi").is_file()
    assert (files / "__init__.pyi").is_file()
    assert isinstance(fluxos.FEATURES, list)
    # The core's own list of what it was built with: the bindings' `host` set.
    assert fluxos.FEATURES == ["signing", "evm", "llm", "http-catalog", "pdf", "sqlite", "postgres"]


def test_error_hierarchy() -> None:
    subclasses = [
        fluxos.InvalidAmount,
        fluxos.InvalidAddress,
        fluxos.InvalidIntent,
        fluxos.ParseError,
        fluxos.CatalogError,
        fluxos.InvalidCart,
        fluxos.InvalidPolicy,
        fluxos.PolicyViolation,
        fluxos.SettlementError,
        fluxos.AuditError,
        fluxos.ConfigError,
    ]
    for cls in subclasses:
        assert issubclass(cls, fluxos.FluxError)
        assert cls.__module__ == "fluxos"
    assert issubclass(fluxos.FluxError, Exception)


# ---------------------------------------------------------------- amounts in


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45, "45"),
        ("45.123456", "45.123456"),
        (Decimal("45.10"), "45.1"),
        (Decimal("1E+2"), "100"),
        (0.1, "0.1"),  # a float is read through its shortest repr
        (12.5, "12.5"),
        (123456.123456, "123456.123456"),
        ("1e3", "1000"),
        (0, "0"),
    ],
)
def test_amounts_accepted(value: object, expected: str) -> None:
    got = fluxos.parse_amount(value)
    assert isinstance(got, Decimal)
    assert got == Decimal(expected)
    assert str(got) == expected


@pytest.mark.parametrize(
    "value",
    [
        -1,
        "-0",
        Decimal("-0.5"),
        -0.0,
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        Decimal("Infinity"),
        "NaN",
        "Infinity",
        0.1234567,  # 7 decimals
        "1.0000001",
        Decimal("0.0000001"),
        1e300,
        10**30,
        "1e400",
        "abc",
        "",
        "1,5",
    ],
)
def test_amounts_rejected(value: object) -> None:
    with pytest.raises(fluxos.InvalidAmount) as info:
        fluxos.parse_amount(value)
    assert info.value.code in {"INVALID_AMOUNT", "AMOUNT_OVERFLOW"}


@pytest.mark.parametrize("value", [True, None, [1], object()])
def test_amount_wrong_types(value: object) -> None:
    with pytest.raises(TypeError):
        fluxos.parse_amount(value)


def test_orchestrate_budget_conversion(flux: fluxos.Flux) -> None:
    a = flux.orchestrate(PROMPT, budget=800, deadline_days=7)
    b = flux.orchestrate(PROMPT, budget=Decimal("800.000"), deadline_days=7)
    c = flux.orchestrate(PROMPT, budget=800.0, deadline_days=7)
    d = flux.orchestrate(PROMPT, budget="800", deadline_days=7)
    assert a.canonical_json() == b.canonical_json() == c.canonical_json() == d.canonical_json()
    with pytest.raises(fluxos.InvalidAmount):
        flux.orchestrate(PROMPT, budget=800.0000001)
    with pytest.raises(fluxos.InvalidAmount):
        flux.orchestrate(PROMPT, budget=-5)
    with pytest.raises(fluxos.InvalidIntent) as info:
        flux.orchestrate(PROMPT, budget=0)
    assert info.value.code == "INVALID_INTENT"


def test_intent_validation(flux: fluxos.Flux) -> None:
    with pytest.raises(fluxos.InvalidIntent) as info:
        flux.orchestrate("   ", budget=10)
    assert info.value.code == "INVALID_INTENT"
    with pytest.raises(fluxos.InvalidIntent) as info:
        flux.orchestrate(PROMPT, budget=10, strategy="luxurious")
    assert info.value.code == "INVALID_STRATEGY"
    with pytest.raises(fluxos.InvalidIntent) as info:
        flux.orchestrate(PROMPT, budget=10, strategy={"price": 50, "delivery": 10, "trust": 10})
    assert info.value.code == "INVALID_STRATEGY"
    assert flux.orchestrate(PROMPT, budget=800, deadline_days=0).deadline_days == 0  # same day is a valid request
    with pytest.raises(fluxos.InvalidIntent):
        flux.orchestrate(PROMPT, budget=10, deadline_days=-3)
    with pytest.raises(fluxos.InvalidIntent):
        flux.orchestrate(PROMPT, budget=10, deadline_days=10**12)
    with pytest.raises(TypeError):
        flux.orchestrate(PROMPT, budget=10, deadline_days=1.5)
    with pytest.raises(TypeError):
        flux.orchestrate(PROMPT, budget=10, deadline_days=True)
    with pytest.raises(fluxos.InvalidIntent) as info:
        flux.orchestrate(PROMPT, budget=10, deadline_days=366)
    assert (info.value.code, info.value.field) == ("INVALID_INTENT", "deadline_days")
    with pytest.raises(fluxos.InvalidIntent) as info:  # too long for Python to print
        flux.orchestrate(PROMPT, budget=10, deadline_days=10**5000)
    assert info.value.field == "deadline_days"

    class Days(enum.IntEnum):
        WEEK = 7

    assert flux.orchestrate(PROMPT, budget=800, deadline_days=Days.WEEK).deadline_days == 7
    assert flux.orchestrate(PROMPT, budget=800).deadline_days == 7  # the default
    with pytest.raises(fluxos.ParseError) as info:
        flux.orchestrate("qwzx plorb", budget=10)
    assert info.value.code == "NOTHING_RECOGNIZED"


def test_custom_strategy(flux: fluxos.Flux) -> None:
    p = flux.orchestrate(PROMPT, budget=800, strategy={"price": 50, "delivery": 25, "trust": 25})
    assert p.strategy == "custom"
    q = flux.orchestrate(PROMPT, budget=800, strategy={"custom": {"price": 50, "delivery": 25, "trust": 25}})
    assert p.canonical_json() == q.canonical_json()
    i = fluxos.Intent(PROMPT, 800, 7, {"price": 50, "delivery": 25, "trust": 25})
    assert i.weights == {"price": 50, "delivery": 25, "trust": 25}


# ---------------------------------------------------------------- results


def test_proposal_shape(proposal: fluxos.Proposal) -> None:
    assert proposal.options, "the demo prompt yields lines"
    assert isinstance(proposal.total, Decimal)
    assert isinstance(proposal.budget, Decimal)
    assert proposal.total + proposal.remaining_budget == proposal.budget
    assert proposal.cart_id == proposal.cart.id
    assert proposal.cart_id.startswith("cart_") and len(proposal.cart_id) == 37
    for ln in proposal.options:
        assert isinstance(ln, fluxos.CartLine)
        assert isinstance(ln.price, Decimal)
        assert ln.line_total == ln.price * ln.quantity
        for field in ("id", "name", "vendor_name", "vendor_id", "reason", "ai_reason"):
            assert isinstance(getattr(ln, field), str)
    tele = proposal.telemetry
    assert {"model", "latency_ms", "tokens_used"} <= set(tele)
    canonical = proposal.canonical_json()
    assert "telemetry" not in json.loads(canonical)
    with_tele = json.loads(proposal.to_json())
    assert with_tele["telemetry"]["model"] == tele["model"]
    assert proposal.to_dict() == with_tele


def test_what_was_not_planned_is_reported(flux: fluxos.Flux) -> None:
    # Nothing in the catalog is a mouse: the plan says so rather than leaving the mice out.
    p = flux.orchestrate("3 mechanical keyboards, 3 wireless mice, an HDMI adapter", "900")
    assert [(n["item"], n["quantity"]) for n in p.needs] == [("mechanical keyboards", 3), ("hdmi adapter", 1)]
    assert p.dropped == [{"item": "3 wireless mice", "reason": "not_recognized"}]


def test_canonical_json_is_canonical(proposal: fluxos.Proposal) -> None:
    text = proposal.canonical_json()
    assert fluxos.canonical_json(json.loads(text)) == text
    # No float anywhere: every amount is an exact decimal string.
    data = json.loads(text, parse_float=lambda s: pytest.fail(f"float token {s} in canonical JSON"))
    assert isinstance(data["total"], str)
    assert all(isinstance(ln["price"], str) for ln in data["options"])
    assert proposal.cart.canonical_json() == proposal.cart.to_json()
    assert json.loads(proposal.cart.canonical_json())["lines"] == data["options"]


def test_determinism(flux: fluxos.Flux) -> None:
    other = fluxos.Flux(settler="memory", now_ms=NOW_MS)
    a = flux.orchestrate(PROMPT, budget="800")
    b = other.orchestrate(fluxos.Intent(PROMPT, "800"))
    assert a.canonical_json() == b.canonical_json()
    assert a.intent == b.intent
    assert a.intent.hash == a.intent_hash


def test_cart_roundtrip_and_edits(proposal: fluxos.Proposal, flux: fluxos.Flux) -> None:
    cart = proposal.cart
    assert len(cart) == len(proposal.options)
    assert cart[0] == proposal.options[0]
    assert cart[-1] == proposal.options[-1]
    first = cart[0]
    smaller = cart.remove_line(first.id)
    assert len(smaller) == len(cart) - 1
    assert smaller.total == cart.total - first.line_total
    assert smaller.id != cart.id
    doubled = cart.set_quantity(first.id, first.quantity * 2)
    assert doubled.total == cart.total + first.line_total
    with pytest.raises(fluxos.InvalidCart) as info:
        cart.remove_line("no-such-line")
    assert info.value.code == "NO_SUCH_LINE"
    renegotiated = flux.set_units(cart, first.id, first.units * 2, proposal.intent)
    assert isinstance(renegotiated, fluxos.Cart)
    assert renegotiated[0].units >= first.units * 2


def test_cart_from_data() -> None:
    data = [line("amazon", "10.50", quantity=2), line("walmart", Decimal("3.25"), id="w1"), line("tech_direct", 7, id=3)]
    a = fluxos.Cart(data)
    b = fluxos.Cart.from_json(json.dumps(data, default=str))
    c = fluxos.Cart(json.dumps(data, default=str).encode())
    assert a == b == c
    assert a.total == Decimal("31.25")
    assert [ln.id for ln in a] == ["amazon-1", "w1", "3"]
    assert fluxos.cart_id(data) == a.id
    # The seed's wrapped form.
    assert fluxos.Cart({"lines": data}) == a
    # CartLine objects go back in as they came out.
    assert fluxos.Cart(a.lines).total == a.total


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ([line(price=-1)], "INVALID_AMOUNT"),
        ([line(price="NaN")], "INVALID_AMOUNT"),
        ([line(price=float("nan"))], "INVALID_AMOUNT"),
        ([line(price=float("inf"))], "INVALID_AMOUNT"),
        ([line(price="1.1234567")], "INVALID_AMOUNT"),
        ([line(price=0.1234567)], "INVALID_AMOUNT"),
        ([line(price="1e400")], "INVALID_AMOUNT"),
        ([line(quantity=0)], "INVALID_CART"),
        ([{"price": "1"}], "INVALID_CART"),
        ([{"vendor_id": "amazon"}], "MALFORMED_JSON"),
        ("[{", "MALFORMED_JSON"),
        ([line()] * 10_001, "INVALID_CART"),
    ],
)
def test_cart_rejects(bad: object, code: str) -> None:
    with pytest.raises(fluxos.InvalidCart) as info:
        fluxos.Cart(bad)
    assert info.value.code == code


def test_cart_float_prices() -> None:
    # 0.1 is not exact in binary, but its shortest repr is "0.1": accepted as 0.1 exactly.
    assert fluxos.Cart([line(price=0.1)]).total == Decimal("0.1")
    assert fluxos.Cart([line(price=0.1), line(price=0.2, id="b")]).total == Decimal("0.3")


# ---------------------------------------------------------------- authorize / execute


def test_authorize_allow(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    d = flux.authorize(proposal.cart)
    assert d and d.allowed and d.decision == "allow"
    assert d.violations == []
    assert d.cart_id == proposal.cart_id
    assert d.total == proposal.total
    assert d.legs and all(isinstance(leg["amount"], str) for leg in d.legs)
    assert json.loads(d.to_json())["decision"] == "allow"
    assert d.to_dict() == json.loads(d.canonical_json())


def test_authorize_deny(flux: fluxos.Flux) -> None:
    d = flux.authorize([line("evil_corp", "5"), line("amazon", "2000", id="x")])
    assert not d and d.decision == "deny"
    codes = {v.code for v in d.violations}
    assert {"UNKNOWN_MERCHANT", "OVER_BUDGET_CAP"} <= codes
    unknown = next(v for v in d.violations if v.code == "UNKNOWN_MERCHANT")
    assert unknown.line == 0
    assert unknown.to_dict()["code"] == "UNKNOWN_MERCHANT"
    assert d.cart_id is None and d.total is None and d.legs == []
    assert flux.authorize([]).violations[0].code == "EMPTY_CART"
    # A Python repr: no Rust `Some(...)` in it.
    assert repr(unknown) == f'Violation(code="UNKNOWN_MERCHANT", message={json.dumps(unknown.message)}, line=0, merchant="evil_corp")'


def test_arguments_are_never_silently_ignored(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    intent = fluxos.Intent(PROMPT, "800", 3, "fastest")
    assert flux.orchestrate(intent).strategy == "fastest"
    # An Intent carries its budget, deadline and strategy: others given beside it were dropped.
    for extra in ({"budget": "5"}, {"deadline_days": 1}, {"strategy": "cheapest"}):
        with pytest.raises(TypeError, match="pass the Intent alone"):
            flux.orchestrate(intent, **extra)
    # JSON that is not UTF-8 is the core's typed error, not a bare ValueError.
    with pytest.raises(fluxos.SettlementError) as info:
        flux.verify(b"\xff\xfe")
    assert info.value.code == "VERIFICATION_FAILED"
    with pytest.raises(fluxos.InvalidRequest) as info:
        flux.execute(proposal.cart, approval=b"\xff\xfe")
    assert info.value.code == "MALFORMED_JSON"
    # Each async twin says whose twin it is.
    assert "orchestrate(...)" in (fluxos.Flux.orchestrate_async.__doc__ or "")


def test_execute_and_idempotency(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    s = flux.execute(proposal.cart)
    assert s.status == "success"
    assert s.mode == "memory"
    assert s.cart_id == proposal.cart_id
    assert s.idempotency_key == proposal.cart_id
    assert s.total == proposal.total
    assert isinstance(s.logs, list) and s.logs
    assert isinstance(s.transaction_hashes, list)
    assert not s.replayed
    again = flux.execute(proposal.cart)
    assert again.replayed
    keyed = flux.execute(proposal.cart, "order-42")
    assert keyed.idempotency_key == "order-42"
    with pytest.raises(fluxos.SettlementError) as info:
        flux.execute(proposal.cart.remove_line(proposal.options[0].id), "order-42")
    assert info.value.code == "IDEMPOTENCY_CONFLICT"
    # A bad client-sent key is invalid input (422), not a configuration error (500).
    with pytest.raises(fluxos.InvalidRequest) as info:
        flux.execute(proposal.cart, "")
    assert (info.value.code, info.value.kind, fluxos.http_status(info.value)) == ("INVALID_IDEMPOTENCY_KEY", "invalid_input", 422)
    assert fluxos.verify_audit_jsonl(flux.audit_jsonl()) >= 4


def test_execute_denied_raises_policy_violation(flux: fluxos.Flux) -> None:
    with pytest.raises(fluxos.PolicyViolation) as info:
        flux.execute([line("evil_corp", "5")])
    e = info.value
    assert e.code == "POLICY_VIOLATION"
    assert str(e).startswith("Policy Violation: ")
    # An unknown merchant, and a line that is no offer of the catalog.
    assert [v.code for v in e.violations] == ["UNKNOWN_MERCHANT", "UNKNOWN_OFFER"]
    assert fluxos.http_status(e) == 403
    # Nothing reached the settler: the audit trail has no settlement event.
    assert "settlement." not in flux.audit_jsonl()


def test_audit_memory_is_bounded_and_segments_verify() -> None:
    capped = fluxos.Flux(settler="memory", now_ms=NOW_MS, audit_retention=5)
    for _ in range(10):
        capped.orchestrate(PROMPT, budget="800")
    kept = capped.audit_jsonl()
    assert len(kept.splitlines()) == 5
    assert capped.audit_forgotten() > 0
    assert fluxos.verify_audit_jsonl(kept, after=capped.audit_base(), head=capped.audit_head()) == 5
    with pytest.raises(fluxos.AuditError):
        fluxos.verify_audit_jsonl(kept)  # not a whole trail: it does not start at genesis

    # Draining: segments concatenate into one trail that verifies to the head.
    flux = fluxos.Flux(now_ms=NOW_MS)
    assert flux.audit_base() == "0" * 64 and flux.audit_forgotten() == 0
    stored = ""
    for i in range(3):
        flux.execute(flux.orchestrate(PROMPT, budget="800").cart, f"drain-{i}")
        after = flux.audit_base()
        segment = flux.take_audit_jsonl()
        assert fluxos.verify_audit_jsonl(segment, after=after, head=flux.audit_head()) > 0
        assert flux.audit_jsonl() == ""
        stored += segment
    assert fluxos.verify_audit_jsonl(stored, head=flux.audit_head()) >= 9
    cut = "".join(stored.splitlines(keepends=True)[:-1])
    with pytest.raises(fluxos.AuditError) as info:
        fluxos.verify_audit_jsonl(cut, head=flux.audit_head())
    assert info.value.code == "AUDIT_TAMPERED"

    for bad in (0, -1):
        with pytest.raises(fluxos.ConfigError) as cfg:
            fluxos.Flux(audit_retention=bad)
        assert cfg.value.code == "INVALID_CONFIG"


def test_exception_codes_everywhere(flux: fluxos.Flux) -> None:
    with pytest.raises(fluxos.FluxError) as info:
        fluxos.Policy.from_toml("not = [valid")
    assert isinstance(info.value, fluxos.InvalidPolicy) and info.value.code == "MALFORMED_POLICY"
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(settler="no-such-settler")
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(parser="psychic")
    with pytest.raises(fluxos.CatalogError):
        fluxos.Flux(catalogs=["/nonexistent/catalog.json"])
    with pytest.raises(fluxos.InvalidPolicy):
        fluxos.Flux(policy="/nonexistent/policy.toml")
    with pytest.raises(fluxos.AuditError):
        fluxos.verify_audit_jsonl('{"not": "an event"}')
    assert fluxos.http_status(fluxos.InvalidAmount("x")) == 422


# ---------------------------------------------------------------- pickling


def test_exceptions_pickle(flux: fluxos.Flux) -> None:
    with pytest.raises(fluxos.PolicyViolation) as info:
        flux.execute([line("evil_corp", "5"), line("amazon", "5000", id="big")])
    original = info.value
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(original, protocol=proto))
        assert type(copy) is fluxos.PolicyViolation
        assert str(copy) == str(original)
        assert copy.code == "POLICY_VIOLATION"
        assert copy.violations == original.violations
        assert all(isinstance(v, fluxos.Violation) for v in copy.violations)
    with pytest.raises(fluxos.InvalidAmount) as info2:
        fluxos.parse_amount("-1")
    copy2 = pickle.loads(pickle.dumps(info2.value))
    assert type(copy2) is fluxos.InvalidAmount and copy2.code == "INVALID_AMOUNT" and copy2.violations == []
    v = fluxos.Violation("EMPTY_CART", "cart is empty")
    assert pickle.loads(pickle.dumps(v)) == v


# ---------------------------------------------------------------- configuration


def test_policy_inputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import tomllib

    demo = fluxos.Policy.demo()
    toml_text = (Path(__file__).resolve().parents[2] / "flux-core" / "data" / "demo-policy.toml").read_text()
    as_dict = tomllib.loads(toml_text)
    p_toml = tmp_path / "policy.toml"
    p_toml.write_text(toml_text)
    p_json = tmp_path / "policy.json"
    p_json.write_text(json.dumps(as_dict))
    for policy in (demo, "demo", as_dict, str(p_toml), p_toml, p_json, fluxos.Policy.from_toml(toml_text)):
        f = fluxos.Flux(policy=policy, settler="memory")
        assert f.policy.hash == demo.hash
    strict = dict(as_dict)
    strict["rules"] = dict(as_dict["rules"], max_budget_cap="1", per_transfer_cap="1")
    f = fluxos.Flux(policy=strict, settler="memory")
    d = f.authorize([line("amazon", "2")])
    assert "OVER_BUDGET_CAP" in [v.code for v in d.violations]
    assert "amazon" in demo.merchant_ids


def test_catalog_inputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = fluxos.Flux(settler="memory", now_ms=NOW_MS)
    b = fluxos.Flux(catalogs="embedded", settler="memory", now_ms=NOW_MS)
    c = fluxos.Flux(catalogs=["embedded"], settler="memory", now_ms=NOW_MS)
    texts = {f.orchestrate(PROMPT, budget=800).canonical_json() for f in (a, b, c)}
    assert len(texts) == 1


def test_keys_never_cross() -> None:
    # No public name suggests a key can be passed in or read out.
    names = [n for n in dir(fluxos) + dir(fluxos.Flux) if "key" in n.lower() and "idempotency" not in n.lower()]
    assert names == []
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(settler={"kind": "evm", "private_key": "0x" + "11" * 32})


def test_default_settler() -> None:
    f = fluxos.Flux()
    assert f.settler in {"memory", "sandbox"}
    if "signing" in fluxos.FEATURES:
        assert fluxos.Flux(settler="sandbox").settler == "sandbox"


def test_a_cart_pickles_and_copies_to_the_same_cart(flux: fluxos.Flux) -> None:
    import copy
    import pickle

    cart = flux.orchestrate(PROMPT, budget=800).cart
    for twin in (pickle.loads(pickle.dumps(cart)), copy.deepcopy(cart), copy.copy(cart)):
        assert type(twin) is fluxos.Cart and twin == cart and twin.id == cart.id and twin.total == cart.total
        assert flux.authorize(twin).allowed == flux.authorize(cart).allowed
