"""The HTTP contract of the original Flux OS service, checked against a running server.

Every example server keeps it (docs/ARCHITECTURE.md, "The HTTP contract the example servers
keep"). With FLUX_CONTRACT_URL set, the suite runs against that server (the Rust and Next.js
examples' test scripts start theirs and point it here); otherwise it starts the Python example.
Nothing here knows which server answers.
"""

from __future__ import annotations

import json
from decimal import Decimal

import httpx
import pytest

PROMPT = "Snacks and badges for a 100-person hackathon"


def lines_of(client: httpx.Client, budget: object = 800) -> list[dict[str, object]]:
    r = client.post("/api/orchestrate", json={"prompt": PROMPT, "budget": budget, "deadline_days": 7, "strategy": "balanced"})
    assert r.status_code == 200, r.text
    return r.json()["options"]


def raw_post(client: httpx.Client, path: str, text: str) -> httpx.Response:
    return client.post(path, content=text.encode(), headers={"content-type": "application/json"})


def test_health(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "online"
    assert isinstance(body.get("version"), str)
    # Uptime probes: a HEAD is answered as the GET, and the health check reads no query.
    assert client.head("/").status_code == 200
    assert client.get("/", params={"amounts": "floats"}).status_code == 200


def test_orchestrate_contract(client: httpx.Client) -> None:
    r = client.post("/api/orchestrate", json={"prompt": PROMPT, "budget": 800, "deadline_days": 7, "strategy": "balanced"})
    assert r.status_code == 200
    body = r.json(parse_float=Decimal)
    assert body["options"]
    for line in body["options"]:
        for key in ("id", "name", "price", "vendor_name", "vendor_id", "trust_score", "delivery_days", "ai_score", "reason", "ai_reason"):
            assert key in line, key
        assert isinstance(line["price"], (int, Decimal)), "prices are JSON numbers"
    assert {"model", "latency_ms", "tokens_used"} <= set(body["telemetry"])
    assert isinstance(body["total"], (int, Decimal))


@pytest.mark.parametrize(
    "text",
    [
        '{"budget": 100}',  # no prompt
        '{"prompt": "snacks"}',  # no budget
        '{"prompt": "snacks", "budget": "abc"}',
        '{"prompt": "snacks", "budget": -5}',
        '{"prompt": "snacks", "budget": 0}',
        '{"prompt": "snacks", "budget": NaN}',
        '{"prompt": "snacks", "budget": "Infinity"}',
        '{"prompt": "snacks", "budget": 1e400}',
        '{"prompt": "snacks", "budget": 99999999999999999999}',
        '{"prompt": "snacks", "budget": 0.1234567}',
        '{"prompt": "snacks", "budget": 10, "strategy": "luxurious"}',
        '{"prompt": "snacks", "budget": 10, "deadline_days": "soon"}',
        '{"prompt": "", "budget": 10}',
        '{"prompt": "qwzx plorb", "budget": 10}',
        '{"prompt": "snacks", "budget": 10',  # malformed JSON
        "[]",
        "null",
        "",
    ],
)
def test_orchestrate_rejects_bad_bodies(client: httpx.Client, text: str) -> None:
    r = raw_post(client, "/api/orchestrate", text)
    assert r.status_code == 422, r.text
    assert "detail" in r.json()


def test_execute_payment_contract(client: httpx.Client) -> None:
    lines = lines_of(client)
    r = client.post("/api/execute_payment", json=lines)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "success"
    assert isinstance(body["logs"], list) and body["logs"]
    assert isinstance(body["transaction_hashes"], list)
    merchants = {ln["vendor_id"] for ln in lines}
    if body["mode"] == "sandbox":
        assert len(body["transaction_hashes"]) == len(merchants)
        assert all(h.startswith("0x") and len(h) == 66 for h in body["transaction_hashes"])
    # Executing the same cart again replays; it never pays twice.
    again = client.post("/api/execute_payment", json=lines).json()
    assert again["replayed"] is True
    assert again["transaction_hashes"] == body["transaction_hashes"]


def _line(vendor: str = "amazon", price: object = 10, **extra: object) -> dict[str, object]:
    return {"id": extra.pop("id", "x1"), "name": "Thing", "vendor_id": vendor, "price": price, **extra}


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([_line("evil_corp")], "UNKNOWN_MERCHANT"),
        ([_line(price=5000)], "OVER_BUDGET_CAP"),
        ([_line(price="999999999.999999")], "OVER_BUDGET_CAP"),
        ([], "EMPTY_CART"),
        ([_line(), _line()], "DUPLICATE_LINE"),
        ([_line(id=f"l{i}", price="0.01") for i in range(10_000)], "TOO_MANY_LINES"),
    ],
)
def test_execute_payment_policy_violations(client: httpx.Client, lines: list[dict[str, object]], code: str) -> None:
    r = client.post("/api/execute_payment", json=lines)
    assert r.status_code == 403, r.text
    body = r.json()
    assert body["detail"].startswith("Policy Violation: ")
    assert code in {v["code"] for v in body["violations"]}


@pytest.mark.parametrize(
    "text",
    [
        '[{"vendor_id": "amazon", "price": -1}]',
        '[{"vendor_id": "amazon", "price": NaN}]',
        '[{"vendor_id": "amazon", "price": "NaN"}]',
        '[{"vendor_id": "amazon", "price": 1e400}]',
        '[{"vendor_id": "amazon", "price": 10.1234567}]',
        '[{"vendor_id": "amazon"}]',
        '[{"price": 10}]',
        '[{"vendor_id": "amazon", "price": 10}',
        '{"vendor_id": "amazon", "price": 10}',
        "not json",
        "",
        json.dumps([_line(id=f"l{i}") for i in range(10_001)]),
    ],
)
def test_execute_payment_rejects_bad_input(client: httpx.Client, text: str) -> None:
    r = raw_post(client, "/api/execute_payment", text)
    assert r.status_code == 422, r.text
    assert "detail" in r.json()


def test_nothing_signed_on_denial(client: httpx.Client) -> None:
    before = client.post("/api/execute_payment", json=[_line("evil_corp", id="deny-check")])
    assert before.status_code == 403
    # A denial has no settlement fields at all.
    assert "transaction_hashes" not in before.json()




def test_an_idempotency_key_replays_and_never_pays_twice(client: httpx.Client) -> None:
    lines = lines_of(client)
    key = {"Idempotency-Key": f"contract-{id(lines)}-{len(lines)}"}
    first = client.post("/api/execute_payment", json=lines, headers=key)
    assert first.status_code == 200, first.text
    assert first.headers.get("idempotent-replayed") is None
    again = client.post("/api/execute_payment", json=lines, headers=key)
    assert again.status_code == 200, again.text
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json()["transaction_hashes"] == first.json()["transaction_hashes"]
    # The same key for another cart is refused, and nothing is paid.
    other = client.post("/api/execute_payment", json=lines[:1], headers=key)
    assert other.status_code == 422, other.text


def test_only_the_kernels_quotes_are_paid(client: httpx.Client) -> None:
    lines = lines_of(client)
    # One micro-dollar off a pack's price (the line's total following it).
    cheaper = [dict(ln) for ln in lines]
    price = Decimal(str(cheaper[0]["price"])) - Decimal("0.000001")
    cheaper[0]["price"] = str(price)
    cheaper[0]["line_total"] = str(price * int(cheaper[0]["quantity"]))
    r = client.post("/api/execute_payment", json=cheaper)
    assert r.status_code == 403, r.text
    assert [v["code"] for v in r.json()["violations"]] == ["PRICE_NOT_QUOTED", "LINE_TOTAL_NOT_QUOTED"]
    assert r.json()["violations"][0]["line"] == 0
    # Moved to another merchant; a made-up line with no id.
    moved = [dict(ln) for ln in lines]
    moved[0]["vendor_id"] = next(m for m in ("amazon", "walmart", "tech_direct") if m != moved[0]["vendor_id"])
    extra = [*lines, {"vendor_id": "amazon", "price": 1, "name": "Gift card"}]
    for cart, code in ((moved, "VENDOR_MISMATCH"), (extra, "UNKNOWN_OFFER")):
        r = client.post("/api/execute_payment", json=cart)
        assert r.status_code == 403, r.text
        assert code in [v["code"] for v in r.json()["violations"]]
        assert "transaction_hashes" not in r.json()


def test_an_approval_header_that_is_not_json_is_refused(client: httpx.Client) -> None:
    lines = lines_of(client)
    r = client.post("/api/execute_payment", json=lines, headers={"X-Flux-Approval": "{not json"})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"][0]
    assert detail["loc"] == ["header", "X-Flux-Approval"] and detail["type"] == "MALFORMED_JSON"
    r = client.post("/api/execute_payment", json=lines, headers={"X-Flux-Approval": json.dumps({"approval_id": "a", "extra": 1})})
    assert r.status_code == 422, r.text


def test_routing_comes_before_the_body(client: httpx.Client) -> None:
    # A contract route with another method is 405; a path outside the contract is 404 even with
    # a body over every route's limit (it is never read).
    assert client.get("/api/orchestrate").status_code == 405
    big = b"x" * (6 * 1024 * 1024)
    # ("Connection: close": a server that answers without reading the body closes the connection,
    # which the client must not reuse for the next test's request.)
    headers = {"content-type": "application/json", "connection": "close"}
    assert client.post("/api/no-such-route", content=big, headers=headers).status_code == 404


def test_a_payment_is_read_only_from_a_json_body(client: httpx.Client) -> None:
    """A text, form or untyped body is what any web page may send cross-origin without a CORS
    preflight: reading it as JSON would let such a page pay through the server."""
    lines = json.dumps(raw_post(client, "/api/orchestrate", '{"prompt": "24 energy drinks", "budget": 100}').json()["options"]).encode()
    for headers in ({"content-type": "text/plain;charset=UTF-8"}, {"content-type": "application/x-www-form-urlencoded"}, {}):
        r = client.post("/api/execute_payment", content=lines, headers=headers)
        assert r.status_code == 415, (headers, r.text)
        assert r.json()["detail"][0]["type"] == "UNSUPPORTED_MEDIA_TYPE"
    assert client.post("/api/orchestrate", content=b'{"prompt": "24 energy drinks", "budget": 100}', headers={"content-type": "text/plain"}).status_code == 415
    assert client.post("/api/execute_payment", content=lines, headers={"content-type": "application/json; charset=utf-8"}).status_code == 200
