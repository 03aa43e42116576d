"""The bad-input corpus (testdata/bad-input) over HTTP: every intent, cart and upload case gets its
status and its stable code — never a 500 — and no bad cart is paid. Runs against whichever server
FLUX_CONTRACT_URL names (scripts/test-rust-example.sh points it at the Rust example), else the
Python example; both must answer alike."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testdata" / "bad-input"))
import corpus  # noqa: E402


def codes(r: httpx.Response) -> set[str]:
    body = r.json()
    found: set[str] = set()
    detail = body.get("detail")
    if isinstance(detail, list) and detail and isinstance(detail[0], dict):
        found.add(str(detail[0].get("type")))
    if "code" in body:
        found.add(str(body["code"]))
    found.update(str(v.get("code")) for v in body.get("violations", []))
    return found


def check(r: httpx.Response, case: dict[str, Any]) -> None:
    assert r.status_code < 500, f"{case['name']}: {r.status_code} {r.text[:300]}"
    assert r.status_code == case["status"], f"{case['name']}: {r.status_code} {r.text[:300]}"
    assert case["code"] in codes(r), f"{case['name']}: {r.text[:300]}"


@pytest.mark.parametrize("case", corpus.cases("intent"), ids=corpus.ids("intent"))
def test_intent(client: httpx.Client, case: dict[str, Any]) -> None:
    r = client.post("/api/orchestrate", content=corpus.input_bytes(case), headers={"content-type": "application/json"})
    check(r, case)


@pytest.mark.parametrize("case", corpus.cases("cart"), ids=corpus.ids("cart"))
def test_cart(client: httpx.Client, case: dict[str, Any]) -> None:
    r = client.post("/api/execute_payment", content=corpus.input_bytes(case), headers={"content-type": "application/json"})
    check(r, case)
    assert "transaction_hashes" not in r.text, f"{case['name']}: a bad cart was paid"


@pytest.mark.parametrize("case", corpus.cases("upload"), ids=corpus.ids("upload"))
def test_upload(client: httpx.Client, case: dict[str, Any]) -> None:
    if "file" in case:
        f = case["file"]
        files = {"file": (f["name"], corpus.file_bytes(case), f["media_type"])}
    else:
        files = {"other": ("x.txt", b"24 energy drinks\n", "text/plain")}
    r = client.post("/api/upload_intent", params=case["query"], files=files)
    check(r, case)
