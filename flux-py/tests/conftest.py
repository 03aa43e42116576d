"""Shared fixtures of the binding tests."""

from __future__ import annotations

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
