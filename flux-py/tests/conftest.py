"""Shared fixtures of the binding tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import fluxos

# A fixed instant (2026-01-01T00:00:00Z) keeps decisions and audit timestamps deterministic.
NOW_MS = 1_767_225_600_000
PROMPT = "snacks and badges for 100 people"


@pytest.fixture
def flux() -> fluxos.Flux:
    return fluxos.Flux(settler="memory", now_ms=NOW_MS)


@pytest.fixture
def proposal(flux: fluxos.Flux) -> fluxos.Proposal:
    return flux.orchestrate(PROMPT, budget="800", deadline_days=7)


def line(vendor_id: str = "amazon", price: object = "10.50", **extra: object) -> dict[str, object]:
    return {"id": extra.pop("id", f"{vendor_id}-1"), "name": "Thing", "vendor_id": vendor_id, "price": price, **extra}


# --------------------------------------------------------------------------- the secret scan
_SECRETS = json.loads((Path(__file__).resolve().parents[2] / "testdata" / "secrets" / "secrets.json").read_text())


def secret(name: str) -> Any:
    """A value of testdata/secrets/secrets.json."""
    return _SECRETS[name]


def _needles() -> list[tuple[str, str]]:
    key = _SECRETS["private_key"].removeprefix("0x").lower()
    out = [("private key", key), ("private key (first 16)", key[:16]), ("private key (last 16)", key[-16:])]
    for name in ("keystore_password", "wrong_password", "pasted_password", "token_balance_units", "token_balance",
                 "rich_balance_units", "native_balance_wei", "native_balance", "node_have", "node_want"):
        out.append((name, _SECRETS[name].lower()))
    for name in ("api_keys", "rpc_secrets", "feed_secrets"):
        out.extend((name, s.lower()) for s in _SECRETS[name])
    out.append(("treasury address", _SECRETS["sender"].removeprefix("0x").lower()))
    return out


@pytest.fixture
def secret_scan() -> Iterator[list[str]]:
    """A list the test appends every error message, repr and HTTP answer it produced to; at the
    end none may hold a secret of testdata/secrets (the key, passwords, API keys, URL credentials,
    paths and queries, balances, the treasury's address)."""
    seen: list[str] = []
    yield seen
    leaks = [f"{what}: {text[:300]!r}" for text in seen for what, needle in _needles() if needle in text.lower()]
    assert not leaks, "\n".join(leaks)
