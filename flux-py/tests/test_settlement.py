"""Settler configuration (sandbox, EVM), receipt bundles and `verify`, and that keys never cross."""

from __future__ import annotations

import json
import os
import socket

import pytest

import fluxos
from conftest import NOW_MS, PROMPT

needs_signing = pytest.mark.skipif("signing" not in fluxos.FEATURES, reason="built without signing")
needs_evm = pytest.mark.skipif("evm" not in fluxos.FEATURES, reason="built without evm")

# anvil's development account #0: public, printed by every anvil node. Test-only.
ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
ANVIL_ADDR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@needs_signing
def test_sandbox_settlement_and_bundle() -> None:
    flux = fluxos.Flux(settler="sandbox", now_ms=NOW_MS)
    assert flux.settler == "sandbox"
    p = flux.orchestrate(PROMPT, budget=800)
    s = flux.execute(p.cart)
    assert s.mode == "sandbox" and not s.broadcast and s.status == "success"
    assert s.sender == fluxos.sandbox_address()
    assert len(s.transaction_hashes) == len({ln.vendor_id for ln in p.options})
    # Deterministic: another instance signs the very same bytes.
    other = fluxos.Flux(settler="sandbox", now_ms=NOW_MS).execute(p.cart)
    assert other.canonical_json() == s.canonical_json()
    bundle = fluxos.receipt_bundle(p.cart, s, p.intent_hash)
    report = flux.verify(bundle)
    assert report["ok"] is True and report["onchain"] is False and report["cart_id"] == p.cart_id
    assert flux.verify(json.loads(bundle))["ok"]
    # Tampering is caught offline.
    data = json.loads(bundle)
    data["legs"][0]["amount"] = "0.01"
    with pytest.raises(fluxos.SettlementError) as info:
        flux.verify(data)
    assert info.value.code == "VERIFICATION_FAILED"
    with pytest.raises(fluxos.SettlementError):
        fluxos.receipt_bundle(p.cart.remove_line(p.options[0].id), s)


@needs_signing
def test_verify_async() -> None:
    import asyncio

    flux = fluxos.Flux(settler="sandbox", now_ms=NOW_MS)
    p = flux.orchestrate(PROMPT, budget=800)
    s = flux.execute(p.cart)
    report = asyncio.run(flux.verify_async(fluxos.receipt_bundle(p.cart, s)))
    assert report["ok"]


@needs_evm
def test_evm_settler_from_env_var_name(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FLUXOS_TEST_KEY", ANVIL_KEY)
    chain = {
        "name": "local",
        "chain_id": 5042002,
        "rpc_urls": [f"http://127.0.0.1:{closed_port()}"],
        "token": "0x3600000000000000000000000000000000000000",
        "max_retries": 0,
        "receipt_timeout_ms": 1000,
    }
    flux = fluxos.Flux(settler={"kind": "evm", "chain": chain, "key_env": "FLUXOS_TEST_KEY", "journal": str(tmp_path / "j.sqlite")})
    assert flux.settler == "evm"
    p = flux.orchestrate(PROMPT, budget=800)
    with pytest.raises(fluxos.SettlementError) as info:
        flux.execute(p.cart)
    assert info.value.code in {"RPC_ERROR", "PREFLIGHT_FAILED"}
    assert ANVIL_KEY[2:] not in str(info.value)
    assert ANVIL_KEY[2:] not in flux.audit_jsonl()
    assert ANVIL_KEY[2:] not in repr(flux)


@needs_evm
def test_evm_settler_config_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLUXOS_UNSET_KEY", raising=False)
    with pytest.raises(fluxos.ConfigError) as info:
        fluxos.Flux(settler={"kind": "evm", "key_env": "FLUXOS_UNSET_KEY"})
    assert "FLUXOS_UNSET_KEY" in str(info.value)
    monkeypatch.setenv("FLUXOS_BAD_KEY", "0xnot-a-key-at-all-but-secret-looking")
    with pytest.raises(fluxos.FluxError) as info2:
        fluxos.Flux(settler={"kind": "evm", "key_env": "FLUXOS_BAD_KEY"})
    assert "secret-looking" not in str(info2.value)
    assert info2.value.code == "SETTLER_CONFIG"
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(settler={"kind": "evm", "key": ANVIL_KEY})
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(settler={"kind": "evm", "key_env": "A", "keystore": "/x"})
    monkeypatch.delenv("FLUXOS_NO_PASSWORD", raising=False)
    with pytest.raises(fluxos.FluxError) as info3:
        fluxos.Flux(settler={"kind": "evm", "keystore": "/nonexistent.json", "password_env": "FLUXOS_NO_PASSWORD"})
    assert info3.value.code in {"SETTLER_CONFIG", "INVALID_CONFIG"}


def test_no_api_returns_a_key() -> None:
    # Walk the public API: no callable or attribute is named like key material (idempotency keys
    # are not keys).
    suspicious = ("private", "secret", "mnemonic", "seed_phrase", "keystore_password")
    for obj in [fluxos, fluxos.Flux, fluxos.Settlement, fluxos.Policy, fluxos.Decision]:
        for name in dir(obj):
            assert not any(s in name.lower() for s in suspicious), f"{obj}.{name}"
    assert "PRIVATE_KEY" not in os.environ.get("FLUXOS_TEST_SENTINEL", "")


@pytest.mark.skipif("llm" not in fluxos.FEATURES, reason="built without llm")
def test_llm_parser_config(monkeypatch: pytest.MonkeyPatch) -> None:
    # A local OpenAI-compatible server that is not there: the parser falls back to offline.
    parser = {"provider": "local", "base_url": f"http://127.0.0.1:{closed_port()}/v1", "model": "tiny", "timeout_s": 2}
    flux = fluxos.Flux(parser=parser, settler="memory", now_ms=NOW_MS)
    p = flux.orchestrate(PROMPT, budget=800)
    assert p.telemetry["fallback"] is True
    assert p.canonical_json() == fluxos.Flux(settler="memory", now_ms=NOW_MS).orchestrate(PROMPT, budget=800).canonical_json()
    monkeypatch.delenv("FLUXOS_NO_LLM_KEY", raising=False)
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(parser={"provider": "openai", "api_key_env": "FLUXOS_NO_LLM_KEY"})
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(parser={"provider": "openai", "api_key": "sk-do-not-accept"})
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(parser="psychic")
