#!/usr/bin/env python3
"""Settlement throughput on one local anvil node, in one run, receipts verified:

1. node limit — pre-signed raw ERC-20 transfers (eth-account) sent as fast as the node accepts
   them over one keep-alive connection, then every receipt fetched and checked;
2. web3.py — pipelined: sign with explicit nonces, send all, then await every receipt
   (`wait_for_transaction_receipt`) and check its Transfer log;
3. Flux — the release `settle_bench` example: one N-merchant cart through the `Flux` facade and the
   EVM settler (preflight, sign, journal to SQLite, pipelined broadcast, receipts verified).

Prints legs/s for each and the ratios. Run: `bench/settle_throughput.sh` (builds, sets up the venv).
"""
import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from eth_account import Account
from eth_utils import keccak, to_checksum_address
from web3 import Web3

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "0x3600000000000000000000000000000000000000"
TRANSFER_TOPIC = "0x" + keccak(text="Transfer(address,address,uint256)").hex()
# anvil's public development keys #0, #4 and #5 (printed by every anvil node; test use only).
FLUX_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
WEB3_KEY = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"
RAW_KEY = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"
GWEI = 10**9


class Rpc:
    """Minimal JSON-RPC over one keep-alive HTTP connection."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.id = 0

    def call(self, method, params):
        self.id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        self.conn.request("POST", "/", body, {"Content-Type": "application/json"})
        res = json.loads(self.conn.getresponse().read())
        if "error" in res:
            raise RuntimeError(f"{method}: {res['error']}")
        return res["result"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_anvil(bin_path: str):
    port = free_port()
    proc = subprocess.Popen(
        [bin_path, "--host", "127.0.0.1", "--port", str(port), "--chain-id", "5042002", "--silent"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            rpc = Rpc(port)
            if int(rpc.call("eth_chainId", []), 16) == 5042002 and proc.poll() is None:
                return proc, port, rpc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("anvil did not start")


def slot(holder: str) -> str:
    return "0x" + keccak(bytes(12) + bytes.fromhex(holder[2:]) + bytes(32)).hex()


def setup_token(rpc: Rpc, holders):
    code = (ROOT / "contracts/FluxTestUSD.runtime.hex").read_text().strip()
    rpc.call("anvil_setCode", [TOKEN, code])
    for h in holders:
        rpc.call("anvil_setStorageAt", [TOKEN, slot(h), "0x" + (10**15).to_bytes(32, "big").hex()])


def calldata(to: str, units: int) -> bytes:
    return bytes.fromhex("a9059cbb") + bytes(12) + bytes.fromhex(to[2:]) + units.to_bytes(32, "big")


def payout(prefix: int, i: int) -> str:
    return to_checksum_address("0x" + format(prefix + i, "040x"))


def check_receipt(r, sender: str, to: str, units: int):
    status = r["status"] if isinstance(r["status"], int) else int(r["status"], 16)
    assert status == 1, "reverted"
    logs = [l for l in r["logs"] if l["address"].lower() == TOKEN.lower()]
    assert len(logs) == 1
    topics = [t if isinstance(t, str) else "0x" + bytes(t).hex() for t in logs[0]["topics"]]
    topics = [t if t.startswith("0x") else "0x" + t for t in topics]
    data = logs[0]["data"]
    data = data if isinstance(data, str) else "0x" + bytes(data).hex()
    assert topics[0] == TRANSFER_TOPIC
    assert int(topics[1], 16) == int(sender, 16) and int(topics[2], 16) == int(to, 16)
    assert int(data, 16) == units


def node_limit(rpc: Rpc, n: int) -> float:
    acct = Account.from_key(RAW_KEY)
    nonce = int(rpc.call("eth_getTransactionCount", [acct.address, "pending"]), 16)
    txs = []
    for i in range(n):
        to = payout(0xA0_0000_0000, i)
        signed = acct.sign_transaction(
            {"type": 2, "chainId": 5042002, "nonce": nonce + i, "gas": 100_000, "maxFeePerGas": 40 * GWEI,
             "maxPriorityFeePerGas": GWEI, "to": TOKEN, "value": 0, "data": calldata(to, 10_000)}
        )
        txs.append(("0x" + bytes(signed.raw_transaction).hex(), to))
    t = time.perf_counter()
    hashes = [rpc.call("eth_sendRawTransaction", [raw]) for raw, _ in txs]
    receipts = []
    for h in hashes:
        r = rpc.call("eth_getTransactionReceipt", [h])
        while r is None:
            time.sleep(0.001)
            r = rpc.call("eth_getTransactionReceipt", [h])
        receipts.append(r)
    secs = time.perf_counter() - t
    for r, (_, to) in zip(receipts, txs):
        check_receipt(r, acct.address, to, 10_000)
    return n / secs


def web3_pipelined(port: int, n: int) -> float:
    w3 = Web3(Web3.HTTPProvider(f"http://127.0.0.1:{port}"))
    acct = w3.eth.account.from_key(WEB3_KEY)
    t = time.perf_counter()
    nonce = w3.eth.get_transaction_count(acct.address, "pending")
    sent = []
    for i in range(n):
        to = payout(0xB0_0000_0000, i)
        tx = {"type": 2, "chainId": 5042002, "nonce": nonce + i, "gas": 100_000, "maxFeePerGas": 40 * GWEI,
              "maxPriorityFeePerGas": GWEI, "to": TOKEN, "value": 0, "data": calldata(to, 10_000)}
        signed = acct.sign_transaction(tx)
        sent.append((w3.eth.send_raw_transaction(signed.raw_transaction), to))
    receipts = [(w3.eth.wait_for_transaction_receipt(h, timeout=60), to) for h, to in sent]
    secs = time.perf_counter() - t
    for r, to in receipts:
        check_receipt(dict(r, logs=[dict(l) for l in r["logs"]]), acct.address, to, 10_000)
    return n / secs


def flux(port: int, n: int, exe: str, rounds: int) -> dict:
    env = dict(os.environ, FLUX_PRIVATE_KEY=FLUX_KEY)
    out = subprocess.run([exe, f"http://127.0.0.1:{port}", str(n), str(rounds)], env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"settle_bench failed: {out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--legs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--anvil", default=os.environ.get("FLUX_ANVIL_BIN"))
    ap.add_argument("--flux-exe", required=True)
    args = ap.parse_args()
    proc, port, rpc = start_anvil(args.anvil)
    try:
        holders = [Account.from_key(k).address for k in (FLUX_KEY, WEB3_KEY, RAW_KEY)]
        setup_token(rpc, holders)
        # Warm-up (connections, caches and the node's first blocks).
        node_limit(rpc, 20)
        n = args.legs
        # Interleaved rounds, so all three see the same chain heights; legs/s = all legs / all time.
        secs = {"node": 0.0, "web3": 0.0, "flux": 0.0}
        for _ in range(args.rounds):
            secs["node"] += n / node_limit(rpc, n)
            secs["web3"] += n / web3_pipelined(port, n)
            secs["flux"] += n / flux(port, n, args.flux_exe, 1)["legs_per_s"]
        limit, w3, fl = (args.rounds * n / secs[k] for k in ("node", "web3", "flux"))
        print(f"settlement throughput on one anvil node: {args.rounds} interleaved rounds of {n} ERC-20 transfers each, receipts verified")
        print(f"  node limit (pre-signed raw, as fast as accepted): {limit:8.0f} legs/s")
        print(f"  web3.py pipelined (explicit nonces):              {w3:8.0f} legs/s")
        print(f"  Flux EVM settler (preflight+sign+journal+verify): {fl:8.0f} legs/s")
        print(f"  Flux / web3.py = {fl / w3:.1f}x   Flux / node limit = {100 * fl / limit:.0f}%")
    finally:
        proc.kill()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
