"""What is particular to the Python example server: its OpenAPI docs, byte-identity with the
binding, configuration by one file. The HTTP contract every example server keeps is checked by
tests/contract (run against this server too)."""

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
from serve import serve

HERE = Path(__file__).resolve().parent
PROMPT = "Snacks and badges for a 100-person hackathon"


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


def test_docs(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/", "/api/orchestrate", "/api/execute_payment"} <= set(spec["paths"])
    body = spec["paths"]["/api/execute_payment"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    # The documented line has every field the kernel checks against its quote.
    line = body["items"]["properties"]
    assert {"price", "quantity", "units", "line_total"} <= set(line)


def test_every_error_has_a_code(client: httpx.Client) -> None:
    # FastAPI's own 404 and 405 had only a detail; the kernel's errors have a code at the top.
    assert client.get("/api/no-such-route").json() == {"detail": "Not Found", "code": "NOT_FOUND"}
    r = client.get("/api/orchestrate")
    assert (r.status_code, r.json()["code"]) == (405, "METHOD_NOT_ALLOWED")
    r = raw_post(client, "/api/orchestrate", '{"prompt": "snacks", "budget": -1}')
    assert (r.status_code, r.json()["code"], r.json()["detail"][0]["type"]) == (422, "INVALID_AMOUNT", "INVALID_AMOUNT")


# ---------------------------------------------------------------- orchestrate


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


# ---------------------------------------------------------------- execute_payment


# ---------------------------------------------------------------- configuration


def test_served_under_a_prefix() -> None:
    """Behind a proxy (`--root-path /shop`) the contract's routes still answer, and a HEAD probe
    of the health check is its GET."""
    for url in serve(dict(os.environ, FLUX_SETTLER=""), "--root-path", "/shop"):
        with httpx.Client(base_url=url, timeout=30) as c:
            assert c.head("/").status_code == 200
            r = c.post("/api/orchestrate", json={"prompt": PROMPT, "budget": 800})
            assert r.status_code == 200, r.text
            assert r.json()["options"], r.text


def test_configured_by_one_file(tmp_path: Path) -> None:
    """FLUX_CONFIG names one TOML file; relative paths in it are read from its directory."""
    policy = fluxos.Policy.demo().to_dict()
    policy["rules"]["max_budget_cap"] = "10"
    policy["rules"].pop("per_transfer_cap")
    (tmp_path / "policy.json").write_text(json.dumps({"merchants": policy["merchants"], "rules": policy["rules"]}))
    (tmp_path / "flux.toml").write_text('policy = "policy.json"\nsettler = "memory"\nalternatives = 2\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLUX_")}
    env["FLUX_CONFIG"] = str(tmp_path / "flux.toml")
    # The durable default ledger, in a directory of this test's own.
    env["FLUX_DATA_DIR"] = str(tmp_path / "data")
    for url in serve(env):
        with httpx.Client(base_url=url, timeout=30) as c:
            health = c.get("/").json()
            assert health["settler"] == "memory"
            assert health["policy_hash"] == fluxos.Flux.from_config(tmp_path / "flux.toml").policy.hash
            assert health["policy_hash"] != fluxos.Policy.demo().hash
            # The plan keeps to the file's policy: within its 10 USDC cart cap.
            assert sum(Decimal(line["line_total"]) for line in lines_of(c)) <= 10
            # A cart planned under the demo policy is denied by this one.
            lines = fluxos.Flux(settler="memory").orchestrate(PROMPT, 800).to_dict()["options"]
            denied = c.post("/api/execute_payment", json=lines)
            assert denied.status_code == 403, denied.text
            assert "OVER_BUDGET_CAP" in {v["code"] for v in denied.json()["violations"]}


def test_a_signed_approval_rides_in_its_header(tmp_path: Path) -> None:
    """Above the threshold a cart needs the approval of one of the policy's approvers, sent as
    JSON in X-Flux-Approval; it pays for one settlement only. Signed with pycryptodome, not the
    kernel."""
    from Crypto.PublicKey import ECC
    from Crypto.Signature import eddsa

    key = ECC.construct(curve="Ed25519", seed=bytes([7] * 32))
    approver = "ed25519:" + key.public_key().export_key(format="raw").hex()
    policy = fluxos.Policy.demo().to_dict()
    policy["rules"].update(approval_threshold="10", approvers=[approver])
    (tmp_path / "policy.json").write_text(json.dumps({"merchants": policy["merchants"], "rules": policy["rules"]}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLUX_")}
    env.update(FLUX_POLICY=str(tmp_path / "policy.json"), FLUX_SETTLER="memory", FLUX_DATA_DIR=str(tmp_path / "data"))
    for url in serve(env):
        with httpx.Client(base_url=url, timeout=30) as c:
            policy_hash = c.get("/").json()["policy_hash"]
            lines = lines_of(c)
            cart_id = fluxos.Cart(json.dumps(lines)).id
            denied = c.post("/api/execute_payment", json=lines)
            assert denied.status_code == 403, denied.text
            assert [v["code"] for v in denied.json()["violations"]] == ["APPROVAL_REQUIRED"]
            expires_at = int(time.time()) + 600
            message = fluxos.approval_message(cart_id, policy_hash, expires_at, "srv-1")
            approval = {
                "approval_id": "srv-1",
                "cart_id": cart_id,
                "policy_hash": policy_hash,
                "expires_at": expires_at,
                "approver": approver,
                "signature": eddsa.new(key, "rfc8032").sign(message.encode()).hex(),
            }
            header = {"X-Flux-Approval": json.dumps(approval)}
            paid = c.post("/api/execute_payment", json=lines, headers={**header, "Idempotency-Key": "srv-order-1"})
            assert paid.status_code == 200, paid.text
            again = c.post("/api/execute_payment", json=lines, headers={**header, "Idempotency-Key": "srv-order-2"})
            assert again.status_code == 403, again.text
            assert [v["code"] for v in again.json()["violations"]] == ["APPROVAL_REPLAYED"]
