"""`Flux.orchestrate_document`: shopping lists as bytes or paths, read by the kernel."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import fluxos

DOCS = Path(__file__).resolve().parents[2] / "testdata" / "documents"


@pytest.fixture(scope="module")
def flux() -> fluxos.Flux:
    return fluxos.Flux()


def needs_bought(p: fluxos.Proposal) -> dict[str, str]:
    return {line.to_dict()["need"]: line.name.lower() for line in p.cart}


def test_a_path_and_its_bytes_give_the_same_cart(flux: fluxos.Flux) -> None:
    path = DOCS / "shopping-list.csv"
    by_path = flux.orchestrate_document(path, "2000")
    by_bytes = flux.orchestrate_document(path.read_bytes(), "2000", filename="list.csv")
    assert by_path.cart.id == by_bytes.cart.id
    got = needs_bought(by_path)
    assert "energy" in got["energy drinks"]
    assert "t-shirt" in got["t-shirts"] or "tee" in got["t-shirts"]


def test_pdf_and_markdown(flux: fluxos.Flux) -> None:
    pdf = flux.orchestrate_document(DOCS / "shopping-list.pdf", 2000, 7, "cheapest")
    assert "hub" in needs_bought(pdf)["usb-c hubs"]
    md = flux.orchestrate_document(bytearray((DOCS / "shopping-list.md").read_bytes()), 2000, filename="kit.md")
    assert "lanyard" in needs_bought(md)["lanyards"]
    assert md.intent.prompt.startswith("24 Energy drinks, 10 USB-C hubs")


def test_async_twin(flux: fluxos.Flux) -> None:
    p = asyncio.run(flux.orchestrate_document_async(memoryview(b"24 energy drinks\n"), "100", filename="l.txt"))
    assert "energy" in needs_bought(p)["energy drinks"]


@pytest.mark.parametrize(
    ("document", "kwargs", "code", "status"),
    [
        (b"", {}, "EMPTY_DOCUMENT", 422),
        (b"\xff\xfe bad", {"filename": "l.txt"}, "MALFORMED_DOCUMENT", 422),
        (b"PK\x03\x04zip", {"filename": "l.docx"}, "UNSUPPORTED_DOCUMENT", 415),
        (b"a" * (5 * 1024 * 1024 + 1), {}, "DOCUMENT_TOO_LARGE", 413),
        (Path("/nonexistent/list.txt"), {}, "UNREADABLE_DOCUMENT", 422),
    ],
)
def test_bad_documents_raise_document_error(flux: fluxos.Flux, document: object, kwargs: dict[str, str], code: str, status: int) -> None:
    with pytest.raises(fluxos.DocumentError) as e:
        flux.orchestrate_document(document, "100", **kwargs)  # type: ignore[arg-type]
    assert (e.value.code, e.value.http_status, e.value.field) == (code, status, "file")


def test_a_photo_needs_a_vision_model(flux: fluxos.Flux) -> None:
    with pytest.raises(fluxos.DocumentError) as e:
        flux.orchestrate_document(DOCS / "shopping-list.png", "100")
    assert e.value.code == "VISION_UNAVAILABLE"
    assert e.value.http_status == 415


def test_arguments_are_checked(flux: fluxos.Flux) -> None:
    with pytest.raises(TypeError, match="orchestrate"):
        flux.orchestrate_document("24 energy drinks", "100")  # type: ignore[arg-type]
    with pytest.raises(fluxos.InvalidAmount):
        flux.orchestrate_document(b"24 energy drinks", "-1")
    with pytest.raises(fluxos.InvalidIntent) as e:
        flux.orchestrate_document(b"24 energy drinks", "100", 400)
    assert e.value.field == "deadline_days"
