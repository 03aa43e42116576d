#!/usr/bin/env python3
"""Settlement throughput on one local anvil node, in one run, receipts verified:

1. node limit — pre-signed raw ERC-20 transfers (eth-account) sent as fast as the node accepts
   them (JSON-RPC batches over one keep-alive connection), then every receipt fetched and checked;
2. web3.py — pipelined: sign with explicit nonces, send all, then await every receipt
   (`wait_for_transaction_receipt`, its default polling) and check its Transfer log; no batching,
   as a web3.py user would write it;
3. Flux — the release `settle_bench` example: N-merchant carts through the `Flux` facade and the
   EVM settler (preflight, sign, journal to SQLite, pipelined broadcast, receipts verified). A
   process settles two carts: the first is cold (a new process's first connection and
   preflight), the second warm, as a service settles after its first cart and as the node-limit
   client is (it is warm from funding and the warm-up). The ratio is taken on the warm cart; the
   cold figure is printed beside it.

Each run on a fresh anvil, order rotated per round; prints the medians (legs/s) and the ratios. Run: `bench/settle_throughput.sh` (builds, sets up the venv).
"""
import argparse
import http.client
import json
import os
import socket
import statistics
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


def batch(rpc: Rpc, calls):
    """One JSON-RPC batch request; results in call order (answers are matched by id)."""
    body = json.dumps([{"jsonrpc": "2.0", "id": k, "method": m, "params": p} for k, (m, p) in enumerate(calls)])
    rpc.conn.request("POST", "/", body, {"Content-Type": "application/json"})
    res = {r["id"]: r for r in json.loads(rpc.conn.getresponse().read())}
    for k, (m, _) in enumerate(calls):
        if "error" in res[k]:
            raise RuntimeError(f"{m}: {res[k]['error']}")
    return [res[k]["result"] for k in range(len(calls))]


def node_limit(rpc: Rpc, n: int, chunk: int = 100) -> float:
    """The node's own limit: pre-signed raw transactions pushed in JSON-RPC batches of `chunk`
    (faster on anvil than one request per transaction: ~2x here), then the sender's mined nonce
    polled and every receipt fetched in batches and checked. Signing is not timed."""
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
    hashes = []
    for k in range(0, n, chunk):
        hashes += batch(rpc, [("eth_sendRawTransaction", [raw]) for raw, _ in txs[k:k + chunk]])
    while int(rpc.call("eth_getTransactionCount", [acct.address, "latest"]), 16) < nonce + n:
        time.sleep(0.001)
    receipts = []
    for k in range(0, n, chunk):
        receipts += batch(rpc, [("eth_getTransactionReceipt", [h]) for h in hashes[k:k + chunk]])
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


def fresh_node(anvil: str):
    proc, port, rpc = start_anvil(anvil)
    setup_token(rpc, [Account.from_key(k).address for k in (FLUX_KEY, WEB3_KEY, RAW_KEY)])
    return proc, port, rpc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--legs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--anvil", default=os.environ.get("FLUX_ANVIL_BIN"))
    ap.add_argument("--flux-exe", required=True)
    args = ap.parse_args()
    n = args.legs
    methods = {
        "node": lambda port, rpc: node_limit(rpc, n),
        "web3": lambda port, rpc: web3_pipelined(port, n),
        "flux": lambda port, rpc: flux_rounds(port, n, args.flux_exe),
    }
    cold = []

    def flux_rounds(port, n, exe):
        secs = flux(port, n, exe, 2)["round_s"]
        cold.append(n / secs[0])
        return n / secs[1]

    # Every measurement on a fresh anvil with the same token setup and a short warm-up (anvil
    # mines a block per batch of pending transactions and slows as its chain grows), and the
    # order of the three rotated per round. Medians over the rounds.
    rates = {k: [] for k in methods}
    order = list(methods)
    for r in range(args.rounds):
        for name in order[r % 3:] + order[:r % 3]:
            proc, port, rpc = fresh_node(args.anvil)
            try:
                node_limit(rpc, 20)
                rates[name].append(methods[name](port, rpc))
            finally:
                proc.kill()
                proc.wait()
        print(f"round {r + 1}: " + "  ".join(f"{k} {rates[k][-1]:.0f}" for k in order), file=sys.stderr)
    limit, w3, fl = (statistics.median(rates[k]) for k in order)
    print(f"settlement throughput on local anvil: {n} ERC-20 transfers per run, receipts verified, "
          f"each run on a fresh node, {args.rounds} rounds, medians (legs/s)")
    for k, label in (("node", "node limit (pre-signed raw, batched sends + receipts)"),
                     ("web3", "web3.py pipelined (explicit nonces, send_raw each)"),
                     ("flux", "Flux EVM settler, warm (preflight+sign+journal+verify)")):
        print(f"  {label:54s} {statistics.median(rates[k]):7.0f}   (min {min(rates[k]):.0f}, max {max(rates[k]):.0f})")
    cold_median = statistics.median(cold)
    print(f"  {'Flux EVM settler, cold (first cart of a new process)':54s} {cold_median:7.0f}   (min {min(cold):.0f}, max {max(cold):.0f})")
    print(f"  Flux / web3.py = {fl / w3:.1f}x   Flux / node limit = {100 * fl / limit:.0f}% warm, {100 * cold_median / limit:.0f}% cold")


if __name__ == "__main__":
    sys.exit(main())
