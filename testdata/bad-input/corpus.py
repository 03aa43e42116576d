"""Loads the bad-input corpus (see README.md) for the Python suites: the cases of an entry point
and the exact bytes of a case's input."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def cases(entry: str) -> list[dict[str, Any]]:
    doc = json.loads((HERE / f"{entry}.json").read_text())
    assert doc["entry"] == entry
    return doc["cases"]


def _generate(g: dict[str, Any]) -> str:
    kind = g["kind"]
    if kind == "nested":
        return "[" * g["depth"] + "]" * g["depth"]
    if kind == "lines":
        return json.dumps([{"id": f"l{i}", "vendor_id": "amazon", "price": "0.01"} for i in range(g["count"])], separators=(",", ":"))
    base = dict(g["base"])
    if kind == "nested_field":
        base[g["field"]] = "@NESTED@"
        text = json.dumps(base, separators=(",", ":")).replace('"@NESTED@"', "[" * g["depth"] + "]" * g["depth"])
    elif kind == "long_field":
        base[g["field"]] = "a" * g["chars"]
        text = json.dumps(base, separators=(",", ":"))
    else:
        raise ValueError(f"unknown generator {kind}")
    return f"[{text}]" if g.get("wrap") == "list" else text


def input_bytes(case: dict[str, Any]) -> bytes:
    if "text" in case:
        return case["text"].encode()
    if "base64" in case:
        return base64.b64decode(case["base64"])
    if "generate" in case:
        return _generate(case["generate"]).encode()
    return json.dumps(case["json"]).encode()


def file_bytes(case: dict[str, Any]) -> bytes:
    return base64.b64decode(case["file"]["base64"])


def ids(entry: str) -> list[str]:
    return [c["name"] for c in cases(entry)]
