"""`POST /api/upload_intent`: a shopping list file in, the orchestrate answer out; bad files are
typed 4xx answers, never a 500 and never a made-up intent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import httpx
import pytest

DOCS = Path(__file__).resolve().parents[2] / "testdata" / "documents"


def upload(client: httpx.Client, name: str, content: bytes, media: str = "application/octet-stream", **query: object) -> httpx.Response:
    params = {"budget": "2000", "strategy": "balanced", **query}
    # ("Connection: close" for a body over the limit: a server that refuses it unread closes the
    # connection, which the next request must not reuse.)
    headers = {"connection": "close"} if len(content) > 5 * 1024 * 1024 else None
    return client.post("/api/upload_intent", params=params, files={"file": (name, content, media)}, headers=headers)


def bought(body: dict[str, object]) -> dict[str, str]:
    """need -> product name, lower case."""
    return {str(line["need"]): str(line["name"]).lower() for line in body["options"]}  # type: ignore[index, union-attr]


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("shopping-list.txt", "text/plain"),
        ("shopping-list.md", "text/markdown"),
        ("shopping-list.csv", "text/csv"),
        ("shopping-list.pdf", "application/pdf"),
    ],
)
def test_a_shopping_list_buys_what_it_says(client: httpx.Client, name: str, media: str) -> None:
    r = upload(client, name, (DOCS / name).read_bytes(), media)
    assert r.status_code == 200, r.text
    body = r.json(parse_float=Decimal)
    # The orchestrate answer's shape.
    for line in body["options"]:
        for key in ("id", "name", "price", "vendor_name", "vendor_id", "trust_score", "delivery_days", "ai_score", "reason", "ai_reason"):
            assert key in line, key
    assert {"model", "latency_ms", "tokens_used"} <= set(body["telemetry"])
    got = bought(body)
    assert "energy" in got["energy drinks"], got
    assert "hub" in got["usb-c hubs"] and "usb" in got["usb-c hubs"], got
    assert body["total"] <= 2000
    assert not body["unmet"], body["unmet"]


def test_the_answer_matches_orchestrate_for_the_same_list(client: httpx.Client) -> None:
    up = upload(client, "list.txt", b"24 energy drinks\n10 usb-c hubs\n", "text/plain").json()
    typed = client.post("/api/orchestrate", json={"prompt": up["intent"]["prompt"], "budget": 2000, "deadline_days": 7}).json()
    assert up["cart_id"] == typed["cart_id"]


def test_strategy_and_deadline_come_from_the_query(client: httpx.Client) -> None:
    r = upload(client, "list.txt", b"24 energy drinks\n", "text/plain", strategy="fastest", deadline_days=0)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["strategy"] == "fastest"
    assert all(line["delivery_days"] == 0 for line in body["options"])


@pytest.mark.parametrize(
    ("name", "content", "media", "status", "code"),
    [
        ("empty.txt", b"", "text/plain", 422, "EMPTY_DOCUMENT"),
        ("blank.txt", b"\n  \n", "text/plain", 422, "EMPTY_DOCUMENT"),
        ("latin1.txt", b"caf\xe9 au lait\n", "text/plain", 422, "MALFORMED_DOCUMENT"),
        ("list.docx", b"PK\x03\x04" + b"\x00" * 64, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 415, "UNSUPPORTED_DOCUMENT"),
        ("run.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/octet-stream", 415, "UNSUPPORTED_DOCUMENT"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "application/pdf", 422, "MALFORMED_DOCUMENT"),
        ("fake.pdf", b"<html>not a pdf</html>", "application/pdf", 422, "MALFORMED_DOCUMENT"),
        ("deep.pdf", b"%PDF-1.4\n1 0 obj\n" + b"[" * 200_000, "application/pdf", 422, "MALFORMED_DOCUMENT"),
        ("odd.txt", b"a unicorn\nthe moon\n", "text/plain", 422, "NOTHING_RECOGNIZED"),
    ],
)
def test_bad_files_are_typed_4xx(client: httpx.Client, name: str, content: bytes, media: str, status: int, code: str) -> None:
    r = upload(client, name, content, media)
    assert r.status_code == status, r.text
    assert code in r.text


def test_a_photo_without_a_vision_model_is_415_not_a_guess(client: httpx.Client) -> None:
    r = upload(client, "list.png", (DOCS / "shopping-list.png").read_bytes(), "image/png")
    assert r.status_code == 415, r.text
    assert "VISION_UNAVAILABLE" in r.text


def test_over_five_megabytes_is_413(client: httpx.Client) -> None:
    r = upload(client, "big.txt", b"24 energy drinks\n" * (5 * 1024 * 1024 // 17 + 10), "text/plain")
    assert r.status_code == 413, r.text
    assert "DOCUMENT_TOO_LARGE" in r.text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"budget": "-5"}, "budget"),
        ({"budget": "abc"}, "budget"),
        ({"budget": "1.0000001"}, "budget"),
        ({"budget": "0"}, "budget"),
        ({"strategy": "greedy"}, "strategy"),
        ({"deadline_days": 400}, "deadline_days"),
    ],
)
def test_bad_terms_are_422_naming_the_field(client: httpx.Client, query: dict[str, object], field: str) -> None:
    r = upload(client, "list.txt", b"24 energy drinks\n", "text/plain", **query)
    assert r.status_code == 422, r.text
    assert any(field in [str(p) for p in d["loc"]] for d in r.json()["detail"]), r.text


def test_missing_file_or_budget_is_422(client: httpx.Client) -> None:
    r = client.post("/api/upload_intent", params={"budget": "100"}, files={"other": ("x.txt", b"chips", "text/plain")})
    assert r.status_code == 422, r.text
    r = client.post("/api/upload_intent", files={"file": ("x.txt", b"chips", "text/plain")})
    assert r.status_code == 422, r.text
    r = client.post("/api/upload_intent", params={"budget": "100"}, content=b"--x\r\nbroken", headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 422, r.text
    # Every server reads the form through the kernel: the same answer, word for word.
    detail = r.json()["detail"][0]
    assert (detail["loc"], detail["type"], detail["msg"]) == (["body", "file"], "MALFORMED_DOCUMENT", "malformed multipart body: a part's headers never end")
