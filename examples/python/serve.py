"""Runs the example app under uvicorn on an inherited, already-listening socket.

    python examples/python/serve.py --fd N      (used by the tests and benchmarks)
    python examples/python/serve.py --port 8000 (by hand; or: uvicorn app:app --app-dir examples/python)
    python examples/python/serve.py --port 0    (a free port; prints `listening on http://HOST:PORT`)

`uvicorn --fd` wraps the descriptor as a Unix socket, so TCP_NODELAY is never set and small
responses wait for delayed ACKs (~40 ms per request on loopback). Wrapping it here with
`socket.socket(fileno=...)` keeps its real family, and asyncio sets TCP_NODELAY.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def serve(env: dict[str, str], *args: str) -> Iterator[str]:
    """Starts this server as a child process on a loopback socket created here (port 0: a free
    one, so the server answering is certainly the one started), with `args` for `main`; yields
    its URL; stops it."""
    import httpx  # test-time dependency

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--fd", str(sock.fileno()), *args],
        pass_fds=[sock.fileno()],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    sock.close()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"server exited early:\n{out}")
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    import uvicorn

    ap = argparse.ArgumentParser()
    ap.add_argument("--fd", type=int, help="an inherited listening socket")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--log-level", default="warning")
    ap.add_argument("--root-path", default="", help="the prefix a proxy serves the app under")
    args = ap.parse_args()
    config = uvicorn.Config(
        "app:app", log_level=args.log_level, access_log=False, host=args.host, port=args.port, root_path=args.root_path
    )
    server = uvicorn.Server(config)
    if args.fd is not None:
        sock = socket.socket(fileno=args.fd)
        server.run(sockets=[sock])
    elif args.port == 0:
        # The OS picks the port; the socket is bound before the line is printed, so whoever reads
        # it reaches this server.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((args.host, 0))
        sock.listen(1024)
        print(f"listening on http://{args.host}:{sock.getsockname()[1]}", flush=True)
        server.run(sockets=[sock])
    else:
        server.run()


if __name__ == "__main__":
    main()
