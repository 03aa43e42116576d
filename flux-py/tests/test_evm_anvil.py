"""End to end on a real chain: a local anvil node (chain id 5042002) with the project's 6-decimal
test token at 0x36…00, paid through `fluxos` with an EVM settler whose key is named by an
environment variable. Skipped when anvil is not installed (scripts/ensure-anvil.sh installs it;
scripts/test-python.sh passes its path in FLUX_ANVIL)."""

from __future__ import annotations

import glob
import http.client
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import fluxos
from conftest import PROMPT

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "0x3600000000000000000000000000000000000000"
# anvil's development account #0 (public; printed by every anvil node). Test use only.
KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
SENDER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"


def _anvil() -> str | None:
    path = os.environ.get("FLUX_ANVIL")
    if path and os.access(path, os.X_OK):
        return path
    cache = os.environ.get("FLUX_CACHE", os.path.expanduser("~/.cache/flux"))
    found = sorted(glob.glob(f"{cache}/npm/anvil-*/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"))
    return found[-1] if found else None


pytestmark = [
    pytest.mark.skipif("evm" not in fluxos.FEATURES, reason="built without evm"),
    pytest.mark.skipif(_anvil() is None, reason="anvil not installed"),
]


class Rpc:
    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.id = 0

    def call(self, method: str, params: list[object]) -> object:
        self.id += 1
        self.conn.request("POST", "/", json.dumps({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params}),
                          {"Content-Type": "application/json"})
        res = json.loads(self.conn.getresponse().read())
        if "error" in res:
            raise RuntimeError(f"{method}: {res['error']}")
        return res["result"]

    def balance(self, holder: str) -> int:
        data = "0x70a08231" + holder[2:].lower().rjust(64, "0")
        return int(str(self.call("eth_call", [{"to": TOKEN, "data": data}, "latest"])), 16)


@pytest.fixture(scope="module")
def node() -> Iterator[tuple[int, Rpc]]:
    from eth_utils import keccak

    anvil = _anvil()
    assert anvil
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([anvil, "--host", "127.0.0.1", "--port", str(port), "--chain-id", "5042002", "--silent"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                pytest.fail("anvil exited (port taken?)")
            try:
                rpc = Rpc(port)
                if int(str(rpc.call("eth_chainId", [])), 16) == 5042002:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("anvil did not start")
            time.sleep(0.05)
        code = (ROOT / "contracts" / "FluxTestUSD.runtime.hex").read_text().strip()
        rpc.call("anvil_setCode", [TOKEN, code])
        slot = "0x" + keccak(bytes(12) + bytes.fromhex(SENDER[2:]) + bytes(32)).hex()
        rpc.call("anvil_setStorageAt", [TOKEN, slot, "0x" + (10**12).to_bytes(32, "big").hex()])
        yield port, rpc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_pay_verify_and_never_twice(node: tuple[int, Rpc], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    port, rpc = node
    monkeypatch.setenv("FLUXOS_E2E_KEY", KEY)
    chain = {"name": "anvil", "chain_id": 5042002, "rpc_urls": [f"http://127.0.0.1:{port}"], "token": TOKEN, "receipt_timeout_ms": 20000}
    config = {"kind": "evm", "chain": chain, "key_env": "FLUXOS_E2E_KEY", "journal": str(tmp_path / "journal.sqlite")}
    flux = fluxos.Flux(settler=config)
    proposal = flux.orchestrate(PROMPT, budget=800)
    before = rpc.balance(SENDER)
    settlement = flux.execute(proposal.cart)
    assert settlement.status == "success" and settlement.mode == "evm" and settlement.broadcast
    assert settlement.sender == SENDER
    assert len(settlement.transaction_hashes) == len({ln.vendor_id for ln in proposal.options})
    paid = before - rpc.balance(SENDER)
    assert paid == int(proposal.total * 1_000_000)
    # The receipt bundle verifies against the chain.
    bundle = fluxos.receipt_bundle(proposal.cart, settlement, proposal.intent_hash)
    report = flux.verify(bundle)
    assert report["ok"] and report["onchain"] and len(report["legs"]) == len(settlement.transaction_hashes)
    # At most once: same key again, and a new instance on the same journal, never pay again.
    assert flux.execute(proposal.cart).replayed
    again = fluxos.Flux(settler=config).execute(proposal.cart)
    assert again.replayed and again.transaction_hashes == settlement.transaction_hashes
    assert before - rpc.balance(SENDER) == paid
    assert KEY[2:] not in flux.audit_jsonl() and KEY[2:] not in settlement.to_json()
