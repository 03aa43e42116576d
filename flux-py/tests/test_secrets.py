"""The secret scan through `fluxos`: failing calls with secrets in every wrong place — bad keys in
environment variables, keystores with wrong passwords, RPC URLs with credentials, paths and
queries, API keys pasted into LLM settings, a node reporting the treasury's balances — and every
message, repr and HTTP answer goes to the `secret_scan` fixture, which must find none of them."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import fluxos
from conftest import secret
from fluxos import _flux

needs_evm = pytest.mark.skipif("evm" not in fluxos.FEATURES, reason="built without evm")
TOKEN = "0x3600000000000000000000000000000000000000"
KEYSTORE = Path(__file__).resolve().parents[2] / "testdata" / "secrets" / "keystore.json"
# A cart the kernel proposed: only the kernel's own quotes reach a settler.
CART = json.loads(fluxos.Flux(ledger="memory").orchestrate("10 usb-c hubs", budget="500").cart.canonical_json())


def chain(rpc_urls: object) -> dict[str, object]:
    return {"chain_id": 5042002, "rpc_urls": rpc_urls, "token": TOKEN, "max_retries": 0, "backoff_ms": 1, "receipt_timeout_ms": 2000}


def fails(scan: list[str], make: Any) -> fluxos.FluxError:
    with pytest.raises(fluxos.FluxError) as info:
        make()
    scan.extend([str(info.value), repr(info.value)])
    return info.value


@needs_evm
def test_configuration_mistakes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, secret_scan: list[str]) -> None:
    url = secret("rpc_url")
    key = secret("private_key")
    [openai, groq] = secret("api_keys")
    # RPC URLs where a list goes, inline, as a file and through verify(chain=...).
    fails(secret_scan, lambda: fluxos.Flux(settler={"kind": "evm", "chain": chain(url), "key_env": "FLUX_SCAN_UNSET"}))
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(chain(url)))
    fails(secret_scan, lambda: fluxos.Flux(settler={"kind": "evm", "chain": str(path), "key_env": "FLUX_SCAN_UNSET"}))
    sandbox = fluxos.Flux(settler="sandbox")
    bundle = fluxos.receipt_bundle(fluxos.Cart(CART), sandbox.execute(CART))
    fails(secret_scan, lambda: sandbox.verify(bundle, chain=chain(url)))
    fails(secret_scan, lambda: sandbox.verify(bundle, chain=path))
    # Bad keys in the environment, and the key pasted where names and paths go.
    for bad in (key + "ab", key[:-1] + "g", "0x " + key[2:].upper()):
        monkeypatch.setenv("FLUX_SCAN_KEY", bad)
        fails(secret_scan, lambda: fluxos.Flux(settler={"kind": "evm", "key_env": "FLUX_SCAN_KEY"}))
        monkeypatch.setenv("FLUX_PRIVATE_KEY", bad)
        fails(secret_scan, lambda: fluxos.Flux(settler="evm"))
        monkeypatch.delenv("FLUX_PRIVATE_KEY")
    for field in ("key_env", "keystore", "chain", "password_env"):
        settler: dict[str, object] = {"kind": "evm", "keystore": str(KEYSTORE)} if field == "password_env" else {"kind": "evm"}
        settler[field] = key[2:]
        fails(secret_scan, lambda: fluxos.Flux(settler=settler))
    # Keystores: a wrong password, the password pasted as its variable's name.
    monkeypatch.setenv("FLUX_SCAN_WRONG", secret("wrong_password"))
    fails(secret_scan, lambda: fluxos.Flux(settler={"kind": "evm", "keystore": str(KEYSTORE), "password_env": "FLUX_SCAN_WRONG"}))
    fails(secret_scan, lambda: fluxos.Flux(settler={"kind": "evm", "keystore": str(KEYSTORE), "password_env": secret("pasted_password")}))
    # API keys where an LLM's settings name things.
    fails(secret_scan, lambda: fluxos.Flux(parser={"provider": openai}))
    fails(secret_scan, lambda: fluxos.Flux(parser={"provider": "groq", "api_key_env": groq}))
    fails(secret_scan, lambda: fluxos.Flux(parser=groq))


@needs_evm
def test_an_unreachable_llm_names_its_host_only(monkeypatch: pytest.MonkeyPatch, secret_scan: list[str]) -> None:
    monkeypatch.setenv("FLUX_SCAN_API_KEY", secret("api_keys")[0])
    base = secret("rpc_url").replace("rpc.scan.invalid:8545", "127.0.0.1:9")
    flux = fluxos.Flux(parser={"provider": "local", "base_url": base, "api_key_env": "FLUX_SCAN_API_KEY", "fallback": False, "max_retries": 0})
    secret_scan.append(repr(flux))
    fails(secret_scan, lambda: flux.orchestrate("snacks for 10 people", budget=50))
    secret_scan.append(flux.audit_jsonl())


class _Node(BaseHTTPRequestHandler):
    """A JSON-RPC node that reports the balances of `script` (see flux-core/tests/scan/node.rs)."""

    script: dict[str, Any] = {}

    def log_message(self, *_: object) -> None:
        pass

    def _one(self, call: dict[str, Any]) -> dict[str, Any]:
        method, params = call.get("method"), call.get("params") or [{}]
        data = str((params[0] or {}).get("input") or (params[0] or {}).get("data") or "") if params and isinstance(params[0], dict) else ""
        word = lambda v: "0x" + format(v, "064x")  # noqa: E731
        s = self.script
        result: Any
        if method == "eth_chainId":
            result = "0x4cef52"
        elif method == "eth_getBlockByNumber":
            result = {"number": "0x10", "baseFeePerGas": "0x1"}
        elif method == "eth_getBalance":
            result = hex(s["native_wei"])
        elif method == "eth_getTransactionCount":
            result = "0x0"
        elif method == "eth_call" and data.startswith("0x313ce567"):
            result = word(6)
        elif method == "eth_call" and data.startswith("0x70a08231"):
            result = word(s["token_balance"])
        elif s.get("error"):
            return {"jsonrpc": "2.0", "id": call.get("id"), "error": s["error"]}
        else:
            result = word(1) if method == "eth_call" else "0xc350"
        return {"jsonrpc": "2.0", "id": call.get("id"), "result": result}

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
        answer = [self._one(c) for c in request] if isinstance(request, list) else self._one(request)
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def node() -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def start(**script: Any) -> str:
        handler = type("Node", (_Node,), {"script": script})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return secret("rpc_url").replace("https://", "http://").replace("rpc.scan.invalid:8545", f"127.0.0.1:{server.server_port}")

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@needs_evm
def test_preflight_tells_the_client_what_is_wrong_not_the_treasury(monkeypatch: pytest.MonkeyPatch, node: Any, secret_scan: list[str]) -> None:
    monkeypatch.setenv("FLUX_SCAN_TREASURY_KEY", secret("private_key"))
    rich = int(secret("rich_balance_units"))
    insufficient = {"code": -32000, "message": f"insufficient funds for gas * price + value: address {secret('sender')} have {secret('node_have')} want {secret('node_want')}"}
    for script, says in (
        ({"token_balance": int(secret("token_balance_units")), "native_wei": 10**30}, "token balance"),
        ({"token_balance": rich, "native_wei": int(secret("native_balance_wei"))}, "gas balance"),
        ({"token_balance": rich, "native_wei": 10**30, "error": insufficient}, "insufficient funds"),
    ):
        flux = fluxos.Flux(settler={"kind": "evm", "chain": chain([node(**script)]), "key_env": "FLUX_SCAN_TREASURY_KEY"})
        secret_scan.append(repr(flux))
        e = fails(secret_scan, lambda: flux.execute(CART))
        assert e.code == "PREFLIGHT_FAILED" and says in str(e), str(e)

        async def post() -> tuple[int, str, list[tuple[str, str]]]:
            headers = [(b"content-type", b"application/json")]
            return await _flux.http_serve(flux, "POST", "/api/execute_payment", b"", headers, json.dumps(CART).encode())

        status, body, _ = asyncio.run(post())
        assert status == 502, body
        secret_scan.extend([body, flux.audit_jsonl()])
