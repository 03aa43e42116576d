"""POST /api/orchestrate under bounded wrk load on loopback: the Next.js example (route handlers on
the npm package fluxos) beside the Python example (FastAPI on the wheel), in one run, one server
at a time on the same machine. Also checks both answer the same cart and that the Next.js routes
answer CORS. Run by bench/node.sh (which builds the addon, the package and the example first).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from python_http import HERE, ROOT, run_wrk, start_server, stop  # noqa: E402

BODY = json.dumps({"prompt": "Snacks and badges for a 100-person hackathon", "budget": 800, "deadline_days": 7, "strategy": "balanced"}).encode()


def start_next() -> tuple[subprocess.Popen[bytes], str]:
    """The built Next.js example on a port its server binds itself (port 0)."""
    env = dict(os.environ, NEXT_TELEMETRY_DISABLED="1", FLUX_SETTLER="sandbox", FLUX_POLICY=str(HERE / "bench-policy.toml"))
    proc = subprocess.Popen(["node", "server.mjs"], cwd=ROOT / "examples" / "nextjs", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline().decode()
        if line.startswith("listening "):
            return proc, line.split()[1]
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("the Next.js server did not start")


def cart_id(url: str) -> str:
    req = urllib.request.Request(url + "/api/orchestrate", data=BODY, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)["cart_id"]


def cors(url: str) -> dict[str, str]:
    req = urllib.request.Request(url + "/api/orchestrate", method="OPTIONS", headers={
        "Origin": "http://dashboard.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-fluxos"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return {"status": str(r.status), "allow_origin": r.headers.get("access-control-allow-origin", ""), "allow_headers": r.headers.get("access-control-allow-headers", "")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk not found (bench/node.sh installs it with apt)")
    load = (args.threads, args.connections, args.seconds)
    results: dict[str, object] = {"load": f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, POST /api/orchestrate, loopback, one server at a time"}
    carts = {}
    proc, url = start_next()
    try:
        carts["nextjs"] = cart_id(url)
        results["nextjs_cors_preflight"] = cors(url)
        results["nextjs"] = run_wrk(wrk, url + "/api/orchestrate", "orchestrate.lua", *load)
    finally:
        stop(proc)
    proc, url = start_server("sandbox")
    try:
        carts["python"] = cart_id(url)
        results["python"] = run_wrk(wrk, url + "/api/orchestrate", "orchestrate.lua", *load)
    finally:
        stop(proc)
    results["same_cart"] = carts["nextjs"] == carts["python"]
    n, p = results["nextjs"], results["python"]
    results["nextjs_over_python_req_per_s"] = round(n["req_per_s"] / p["req_per_s"], 2)  # type: ignore[index]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
