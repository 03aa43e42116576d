"""Loads the example FastAPI server (examples/python) with wrk on loopback and reports req/s and
latency percentiles for POST /api/orchestrate and POST /api/execute_payment (run by bench/python.sh).

The server is started here on a socket this process created (port 0, passed with --fd) and stopped
at the end; the load is bounded (threads, connections and duration are fixed and printed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "python"


def start_server(settler: str) -> tuple[subprocess.Popen[bytes], str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    env = dict(os.environ, FLUX_SETTLER=settler, FLUX_POLICY=str(HERE / "bench-policy.toml"))
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / "python" / "serve.py"), "--fd", str(sock.fileno())],
        pass_fds=[sock.fileno()], env=env,
    )
    sock.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("server did not start")


def to_ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not m:
        return float("nan")
    v = float(m.group(1))
    return {"us": v / 1000, "ms": v, "s": v * 1000}[m.group(2)]


def run_wrk(wrk: str, url: str, script: str, threads: int, conns: int, secs: int) -> dict[str, object]:
    out = subprocess.run(
        [wrk, f"-t{threads}", f"-c{conns}", f"-d{secs}s", "--latency", "-s", str(HERE / script), url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if non2xx:
        # Refusals are fast: a load that is refused measures the refusal, not the route.
        raise SystemExit(f"{url}: {non2xx.group(1)} answers were not 2xx; the load script no longer sends what the route accepts")
    return {
        "req_per_s": round(rps, 1),
        "p50_ms": round(to_ms(pct.get("50", "")), 2),
        "p99_ms": round(to_ms(pct.get("99", "")), 2),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Ends a server this script started: politely, then for sure."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--settler", default="sandbox")
    args = ap.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk not found (bench/python.sh installs it with apt)")
    proc, url = start_server(args.settler)
    try:
        results = {
            "load": f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, 1 uvicorn worker, loopback, settler={args.settler}",
            "orchestrate": run_wrk(wrk, url + "/api/orchestrate", "orchestrate.lua", args.threads, args.connections, args.seconds),
            "execute_payment": run_wrk(wrk, url + "/api/execute_payment", "execute_payment.lua", args.threads, args.connections, args.seconds),
        }
    finally:
        stop(proc)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
