"""The bad-input corpus (testdata/bad-input) through `fluxos`: every case raises a `FluxError` with
its stable code — never another exception — and no bad cart is signed."""

from __future__ import annotations

import asyncio
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

import fluxos
from fluxos import _flux

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testdata" / "bad-input"))
import corpus  # noqa: E402


def codes(e: fluxos.FluxError) -> set[str]:
    return {e.code, *(v.code for v in e.violations)}


@pytest.fixture(scope="module")
def flux() -> fluxos.Flux:
    return fluxos.Flux(settler="sandbox")


@pytest.mark.parametrize("case", corpus.cases("intent"), ids=corpus.ids("intent"))
def test_intent(flux: fluxos.Flux, case: dict[str, Any], secret_scan: list[str]) -> None:
    with pytest.raises(fluxos.FluxError) as info:
        flux.orchestrate(fluxos.Intent.from_json(corpus.input_bytes(case)))
    secret_scan.append(str(info.value))
    assert case["code"] in codes(info.value), str(info.value)
    assert fluxos.http_status(info.value) == case["status"]


@pytest.mark.parametrize("case", corpus.cases("cart"), ids=corpus.ids("cart"))
def test_cart(flux: fluxos.Flux, case: dict[str, Any], secret_scan: list[str]) -> None:
    with pytest.raises(fluxos.FluxError) as info:
        flux.execute(fluxos.Cart(corpus.input_bytes(case)))
    secret_scan.append(str(info.value))
    assert case["code"] in codes(info.value), str(info.value)
    assert fluxos.http_status(info.value) == case["status"]
    audit = flux.take_audit_jsonl()
    assert "settlement.completed" not in audit and '"tx_hash"' not in audit


@pytest.mark.parametrize("case", corpus.cases("upload"), ids=corpus.ids("upload"))
def test_upload(flux: fluxos.Flux, case: dict[str, Any], secret_scan: list[str]) -> None:
    f = case.get("file")
    content = corpus.file_bytes(case) if f else None

    # The multipart request a client sends (httpx encodes it), answered by the kernel's contract.
    part = ("file", (f["name"], content, f["media_type"])) if f else ("other", ("other.txt", b"chips", "text/plain"))
    request = httpx.Request("POST", "http://flux.test/api/upload_intent", params=case["query"], files=[part])

    async def post() -> tuple[int, str, list[tuple[str, str]]]:
        return await _flux.http_serve(flux, "POST", "/api/upload_intent", request.url.query, request.headers.raw, request.read())

    status, body, _ = asyncio.run(post())
    secret_scan.append(body)
    answer = json.loads(body)
    found = {answer["detail"][0]["type"]} if isinstance(answer.get("detail"), list) else {answer.get("code")}
    assert (status, case["code"] in found) == (case["status"], True), body[:300]
    if f and case["query"] == {"budget": "2000"}:
        # The file's own error through orchestrate_document too.
        with pytest.raises(fluxos.FluxError) as info:
            flux.orchestrate_document(content, "2000", filename=f["name"], content_type=f["media_type"])
        assert info.value.code == case["code"]


@pytest.mark.parametrize("case", corpus.cases("policy"), ids=corpus.ids("policy"))
def test_policy(case: dict[str, Any], secret_scan: list[str]) -> None:
    text = corpus.input_bytes(case).decode()
    with pytest.raises(fluxos.FluxError) as info:
        (fluxos.Policy.from_toml if case["format"] == "toml" else fluxos.Policy.from_json)(text)
    secret_scan.append(str(info.value))
    assert info.value.code == case["code"], str(info.value)


@pytest.fixture(scope="module")
def bundle(flux: fluxos.Flux) -> str:
    cart = flux.orchestrate("10 usb-c hubs", budget="500").cart  # the kernel's own quotes
    return fluxos.receipt_bundle(cart, flux.execute(cart, "bad-input-bundle"))


@pytest.mark.parametrize("case", corpus.cases("chain"), ids=corpus.ids("chain"))
def test_chain(flux: fluxos.Flux, bundle: str, case: dict[str, Any], tmp_path: Path, secret_scan: list[str]) -> None:
    # A chain file given to verify(chain=...) is loaded (and refused) before the bundle is checked.
    path = tmp_path / f"chain.{case['format']}"
    path.write_bytes(corpus.input_bytes(case))
    with pytest.raises(fluxos.FluxError) as info:
        flux.verify(bundle, chain=path)
    secret_scan.append(str(info.value))
    assert info.value.code == case["code"], str(info.value)


@pytest.mark.parametrize("case", corpus.cases("config"), ids=corpus.ids("config"))
def test_config(case: dict[str, Any], tmp_path: Path, secret_scan: list[str]) -> None:
    for name, content in case.get("files", {}).items():
        (tmp_path / name).write_text(content)
    path = tmp_path / "flux.json"
    path.write_text(corpus.input_bytes(case).decode().replace("@FILES@", str(tmp_path)))
    with pytest.raises(fluxos.FluxError) as info:
        fluxos.Flux.from_config(path)
    secret_scan.append(str(info.value))
    assert case["code"] in codes(info.value), str(info.value)


def test_counts_of_edits_are_ints_under_the_cores_rule(flux: fluxos.Flux) -> None:
    proposal = flux.orchestrate("24 energy drinks", 200)
    cart, line = proposal.cart, proposal.cart[0]
    # Never a bare OverflowError, never wrapped: a typed error naming what was sent.
    for units in (-1, 0, 2**32, 2**70):
        with pytest.raises(fluxos.InvalidCart) as info:
            flux.set_units(cart, line.id, units, proposal.intent)
        assert info.value.code == "INVALID_UNITS" and line.id in str(info.value), str(info.value)
        with pytest.raises(fluxos.InvalidCart) as info:
            flux.replace_line(cart, line.id, line.id, units, proposal.intent)
        assert info.value.code == "INVALID_UNITS"
    for quantity in (-1, 0, 2**40):
        with pytest.raises(fluxos.InvalidCart) as info:
            cart.set_quantity(line.id, quantity)
        assert info.value.code == "INVALID_CART", str(info.value)
    # A bool or a float is no count.
    for wrong in (True, 2.0, "3"):
        with pytest.raises(TypeError, match="units must be an int"):
            flux.set_units(cart, line.id, wrong, proposal.intent)
    with pytest.raises(TypeError, match="quantity must be an int"):
        cart.set_quantity(line.id, True)
    assert flux.set_units(cart, line.id, 48, proposal.intent)[0].units == 48


def test_a_bad_budget_names_its_field_however_it_is_passed(flux: fluxos.Flux) -> None:
    calls = [
        lambda: flux.orchestrate("snacks", budget=-1),
        lambda: flux.orchestrate("snacks", budget=0.1234567),
        lambda: fluxos.Intent("snacks", "abc"),
        lambda: flux.orchestrate_document(b"snacks", "-5"),
        lambda: flux.orchestrate(fluxos.Intent.from_json('{"prompt": "snacks", "budget": -1}')),
    ]
    for call in calls:
        with pytest.raises(fluxos.InvalidBudget) as info:
            call()
        assert (info.value.code, info.value.field, info.value.http_status) == ("INVALID_AMOUNT", "budget", 422), str(info.value)
        # Both what a budget argument raised and what a budget in a request body raised.
        assert isinstance(info.value, fluxos.InvalidAmount) and isinstance(info.value, fluxos.InvalidIntent)
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is fluxos.InvalidBudget and copy.field == "budget"
    # A zero or missing budget is a bad budget too: it raised a plain InvalidIntent.
    missing = [
        lambda: flux.orchestrate("snacks"),
        lambda: flux.orchestrate("snacks", None),
        lambda: flux.orchestrate_document(b"snacks", None),
        lambda: flux.orchestrate_document(b"snacks"),
        lambda: fluxos.Intent("snacks", None),
        lambda: fluxos.Intent.from_json('{"prompt": "snacks"}'),
    ]
    for call in [lambda: fluxos.Intent("snacks", 0), lambda: flux.orchestrate("snacks", "0.000"), *missing]:
        with pytest.raises(fluxos.InvalidBudget) as info:
            call()
        assert (info.value.code, info.value.field) == ("INVALID_INTENT", "budget"), str(info.value)


def test_counts_accept_what_says_it_is_an_int_and_path_objects_are_paths(flux: fluxos.Flux, tmp_path: Path) -> None:
    class Index:
        def __index__(self) -> int:
            return 48

    proposal = flux.orchestrate("24 energy drinks", 200)
    line = proposal.cart[0]
    assert flux.set_units(proposal.cart, line.id, Index(), proposal.intent)[0].units == 48
    # Path("./ledger") prints "ledger": still a file, not a misspelt ledger name.
    import os

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        fluxos.Flux(ledger=Path("./ledger"))
        assert (tmp_path / "ledger").exists()
    finally:
        os.chdir(here)
