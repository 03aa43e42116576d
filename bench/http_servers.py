"""The two example servers side by side under the same bounded wrk load, in one run: the Python
example (FastAPI on fluxos, one uvicorn worker) and the Rust example (axum on flux-core), on
POST /api/orchestrate and POST /api/execute_payment (run by bench/http.sh).

Both serve the same kernel, configuration (sandbox settler, the bench policy) and request bodies;
each is started on a loopback port the OS picked and stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from python_http import HERE, ROOT, run_wrk, start_server, stop

RUST_SERVER = Path(os.environ["FLUX_TARGET_TREE"]) / "release" / "flux-server"


def start_rust(settler: str) -> tuple[subprocess.Popen[bytes], str]:
    out = tempfile.NamedTemporaryFile(prefix="flux-server-", suffix=".log", delete=False)
    env = dict(os.environ, FLUX_SETTLER=settler, FLUX_POLICY=str(HERE / "bench-policy.toml"))
    proc = subprocess.Popen([str(RUST_SERVER), "--addr", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline().decode().strip()
    out.close()
    os.unlink(out.name)
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"flux-server did not start: {line}")
    return proc, line.removeprefix("listening on ")


def load(wrk: str, url: str, args: argparse.Namespace) -> dict[str, object]:
    return {
        "orchestrate": run_wrk(wrk, url + "/api/orchestrate", "orchestrate.lua", args.threads, args.connections, args.seconds),
        "execute_payment": run_wrk(wrk, url + "/api/execute_payment", "execute_payment.lua", args.threads, args.connections, args.seconds),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--settler", default="sandbox")
    args = ap.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk not found (bench/http.sh installs it with apt)")
    results: dict[str, object] = {"load": f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, loopback, settler={args.settler}"}
    for name, start in (("python (FastAPI, 1 uvicorn worker)", start_server), ("rust (axum)", start_rust)):
        proc, url = start(args.settler)
        try:
            results[name] = load(wrk, url, args)
        finally:
            stop(proc)
    py, rs = results["python (FastAPI, 1 uvicorn worker)"], results["rust (axum)"]
    results["ratio rust/python req/s"] = {
        route: round(rs[route]["req_per_s"] / max(py[route]["req_per_s"], 1e-9), 1)  # type: ignore[index]
        for route in ("orchestrate", "execute_payment")
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
