"""The example server as users meet it: a real uvicorn process on loopback, driven with httpx.

The listening socket is created here (port 0: the kernel picks a free port) and handed to the
server (serve.py --fd), so the server under test is certainly the process this test started.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

import fluxos

HERE = Path(__file__).resolve().parent
PROMPT = "Snacks and badges for a 100-person hackathon"


def serve(env: dict[str, str]) -> Iterator[str]:
    """Starts the example server on a socket of its own; yields its URL; stops it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "serve.py"), "--fd", str(sock.fileno())],
        pass_fds=[sock.fileno()],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    sock.close()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"server exited early:\n{out}")
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not start")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    yield from serve(dict(os.environ, FLUX_SETTLER=os.environ.get("FLUX_TEST_SETTLER", "")))


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def lines_of(client: httpx.Client, budget: object = 800) -> list[dict[str, object]]:
    r = client.post("/api/orchestrate", json={"prompt": PROMPT, "budget": budget, "deadline_days": 7, "strategy": "balanced"})
    assert r.status_code == 200, r.text
    return r.json()["options"]


def raw_post(client: httpx.Client, path: str, text: str) -> httpx.Response:
    return client.post(path, content=text.encode(), headers={"content-type": "application/json"})


# ---------------------------------------------------------------- GET / and docs


def test_health(client: httpx.Client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "online"
    assert body["version"] == fluxos.__version__


def test_docs(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/", "/api/orchestrate", "/api/execute_payment"} <= set(spec["paths"])
    body = spec["paths"]["/api/execute_payment"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"


# ---------------------------------------------------------------- orchestrate


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


def test_orchestrate_matches_binding_exactly(client: httpx.Client) -> None:
    req = '{"prompt": "%s", "budget": 800.5, "deadline_days": 5, "strategy": "cheapest"}' % PROMPT
    r = raw_post(client, "/api/orchestrate?amounts=string", req)
    assert r.status_code == 200
    local = fluxos.Flux(settler="memory").orchestrate_json(req)
    served = r.json()
    served.pop("telemetry")
    assert fluxos.canonical_json(served) == local.canonical_json()
    # The number form carries the very same digits.
    r2 = raw_post(client, "/api/orchestrate", req)
    numbers = json.loads(r2.text, parse_float=str, parse_int=str)
    assert [ln["price"] for ln in numbers["options"]] == [ln["price"] for ln in served["options"]]
    assert numbers["budget"] == "800.5"


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
        '{"prompt": "snacks", "budget": 10, "deadline_days": 0}',
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


# ---------------------------------------------------------------- execute_payment


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


# ---------------------------------------------------------------- configuration


def test_configured_by_one_file(tmp_path: Path) -> None:
    """FLUX_CONFIG names one TOML file; relative paths in it are read from its directory."""
    policy = fluxos.Policy.demo().to_dict()
    policy["rules"]["max_budget_cap"] = "50"
    policy["rules"].pop("per_transfer_cap")
    (tmp_path / "policy.json").write_text(json.dumps({"merchants": policy["merchants"], "rules": policy["rules"]}))
    (tmp_path / "flux.toml").write_text('policy = "policy.json"\nsettler = "memory"\nalternatives = 2\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLUX_")}
    env["FLUX_CONFIG"] = str(tmp_path / "flux.toml")
    for url in serve(env):
        with httpx.Client(base_url=url, timeout=30) as c:
            health = c.get("/").json()
            assert health["settler"] == "memory"
            assert health["policy_hash"] == fluxos.Flux.from_config(tmp_path / "flux.toml").policy.hash
            assert health["policy_hash"] != fluxos.Policy.demo().hash
            lines = lines_of(c)
            denied = c.post("/api/execute_payment", json=lines)
            assert denied.status_code == 403, denied.text
            assert "OVER_BUDGET_CAP" in {v["code"] for v in denied.json()["violations"]}
