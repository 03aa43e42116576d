"""The server under test: FLUX_CONTRACT_URL, or the Python example started on a free port."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    given = os.environ.get("FLUX_CONTRACT_URL")
    if given:
        yield given.rstrip("/")
        return
    sys.path.insert(0, str(ROOT / "examples" / "python"))
    from serve import serve  # the Python example's launcher

    yield from serve(dict(os.environ, FLUX_SETTLER=os.environ.get("FLUX_TEST_SETTLER", "")))


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as c:
        yield c
