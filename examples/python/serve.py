"""Runs the example app under uvicorn on an inherited, already-listening socket.

    python examples/python/serve.py --fd N      (used by the tests and benchmarks)
    python examples/python/serve.py --port 8000 (by hand; or: uvicorn app:app --app-dir examples/python)

`uvicorn --fd` wraps the descriptor as a Unix socket, so TCP_NODELAY is never set and small
responses wait for delayed ACKs (~40 ms per request on loopback). Wrapping it here with
`socket.socket(fileno=...)` keeps its real family, and asyncio sets TCP_NODELAY.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fd", type=int, help="an inherited listening socket")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--log-level", default="warning")
    args = ap.parse_args()
    config = uvicorn.Config("app:app", log_level=args.log_level, access_log=False, host=args.host, port=args.port)
    server = uvicorn.Server(config)
    if args.fd is not None:
        sock = socket.socket(fileno=args.fd)
        server.run(sockets=[sock])
    else:
        server.run()


if __name__ == "__main__":
    main()
