"""Fixtures for the flux-mcp tests: the built binary, its test configurations, clients of the
official Python MCP SDK over stdio (spawning the binary) and over Streamable HTTP (the binary on
a loopback port the OS picks), and approvals signed the way an approver's own tool would.

Run by scripts/test-mcp.sh, which builds the binary in release and sets FLUX_MCP_BIN.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from Crypto.PublicKey import ECC
from Crypto.Signature import eddsa
from mcp import Client, StdioServerParameters

ROOT = Path(__file__).resolve().parents[2]
TESTDATA = ROOT / "testdata" / "mcp"
CONFIG = TESTDATA / "flux.toml"
RESTRICTED = TESTDATA / "restricted.toml"
# The test approver (ed25519 seed [7; 32]) and a key that approves nothing (seed [9; 32]): public
# test keys, the same flux-core's approval tests use.
APPROVER_SEED = bytes([7] * 32)
MALLORY_SEED = bytes([9] * 32)
APPROVER_KEY_ENV = "FLUX_MCP_TEST_APPROVER_KEY"
THRESHOLD = 250


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def binary() -> str:
    explicit = os.environ.get("FLUX_MCP_BIN")
    if explicit:
        return explicit
    tree = os.environ.get("FLUX_TARGET_TREE")
    if not tree:
        pytest.fail("set FLUX_MCP_BIN (scripts/test-mcp.sh does) or source scripts/env.sh")
    return str(Path(tree) / "release" / "flux-mcp")


def server_env(approver: bool = False) -> dict[str, str]:
    """The environment the server runs in: no FLUX_* settings of the caller's leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLUX_")}
    env["FLUX_LEDGER"] = "memory"
    if approver:
        env[APPROVER_KEY_ENV] = APPROVER_SEED.hex()
    return env


def stdio(config: Path = CONFIG, approver: bool = False, extra: list[str] | None = None) -> StdioServerParameters:
    args = ["--config", str(config)]
    if approver:
        args += ["--approver-key-env", APPROVER_KEY_ENV]
    return StdioServerParameters(command=binary(), args=args + (extra or []), env=server_env(approver))


def client(server: Any, mode: str = "auto", elicitation=None) -> Client:
    """A client of the official SDK; `cache=None` so every call reaches the server."""
    return Client(server, mode=mode, elicitation_callback=elicitation, cache=None, read_timeout_seconds=60)


@contextlib.contextmanager
def http_server(config: Path = CONFIG, approver: bool = False):
    """The binary serving Streamable HTTP on 127.0.0.1, port chosen by the OS; yields its URL and
    stops it (by its PID) afterwards."""
    args = [binary(), "--config", str(config), "--http", "127.0.0.1:0"]
    if approver:
        args += ["--approver-key-env", APPROVER_KEY_ENV]
    proc = subprocess.Popen(args, env=server_env(approver), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("listening on "):
            proc.kill()
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"flux-mcp did not start: {line!r} {err}")
        url = line.removeprefix("listening on ").strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/mcp"), url
        port = int(url.removeprefix("http://127.0.0.1:").removesuffix("/mcp"))
        assert listener_pids(port) in ({proc.pid}, None), f"port {port} is not the server's we started"
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def listener_pids(port: int) -> set[int] | None:
    """The processes holding the loopback TCP listener on `port` (Linux's /proc), or None where
    /proc cannot tell."""
    try:
        inodes = set()
        for row in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = row.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.split(":")[1], 16) == port:
                inodes.add(f"socket:[{inode}]")
        pids = set()
        for fd_dir in Path("/proc").glob("[0-9]*/fd"):
            with contextlib.suppress(OSError):
                if any(os.readlink(fd) in inodes for fd in fd_dir.iterdir()):
                    pids.add(int(fd_dir.parent.name))
        return pids if inodes else None
    except OSError:
        return None


def structured(result) -> dict:
    assert result.structured_content is not None, result
    return result.structured_content


def ok(result) -> dict:
    """The structured content of a successful call."""
    assert not result.is_error, result.content[0].text if result.content else result
    return structured(result)


def refused(result, code: str) -> dict:
    """The typed error of a refused call, which must be `code`."""
    assert result.is_error, f"expected {code}, got success: {result.content[0].text if result.content else result}"
    error = structured(result)["error"]
    assert error["code"] == code, error
    assert structured(result)["paid"] is False
    return error


async def plan(c: Client, prompt: str, budget: str, **extra) -> dict:
    return ok(await c.call_tool("plan_purchase", {"prompt": prompt, "budget": budget, **extra}))


async def over_cap_cart(c: Client) -> dict:
    """A cart above the demo policy's 1000 USDC cart cap. A plan keeps within the policy's caps
    ("80 usb-c hubs" at 5000 leaves them unmet as `over_policy_cap`), so it is made by an edit:
    30 hubs, planned under a budget of 5000, set to 80."""
    planned = await plan(c, "80 usb-c hubs", "5000")
    assert [u["reason"] for u in planned["unmet"]] == ["over_policy_cap"], planned["unmet"]
    p = await plan(c, "30 usb-c hubs", "5000")
    line = p["options"][0]
    edited = ok(await c.call_tool("edit_cart", {"cart_id": p["cart_id"], "line_id": line["id"], "action": "set_units", "units": 80}))
    assert Decimal(edited["total"]) > 1000, edited["total"]
    return edited


def sign_approval(fields: dict, seed: bytes = APPROVER_SEED) -> dict:
    """An approval of `fields` (approval_id, cart_id, policy_hash, expires_at) signed with an
    ed25519 seed, independently of the kernel: over the documented message text."""
    message = (
        "Flux approval v1\n"
        f"approval_id: {fields['approval_id']}\n"
        f"cart_id: {fields['cart_id']}\n"
        f"policy_hash: {fields['policy_hash']}\n"
        f"expires_at: {fields['expires_at']}\n"
    )
    key = ECC.construct(curve="Ed25519", seed=seed)
    signature = eddsa.new(key, "rfc8032").sign(message.encode())
    approver = "ed25519:" + key.public_key().export_key(format="raw").hex()
    return {**fields, "approver": approver, "signature": signature.hex()}


async def audit_events(c: Client) -> list[dict]:
    text = (await c.read_resource("flux://audit")).contents[0].text
    return [json.loads(line) for line in text.splitlines() if line.strip()]


async def settlements(c: Client) -> list[dict]:
    """The settlements the kernel completed (what was signed), from the audit trail."""
    return [e for e in await audit_events(c) if e.get("kind") == "settlement.completed"]


def now() -> int:
    return int(time.time())
