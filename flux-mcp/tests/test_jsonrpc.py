"""Raw JSON-RPC over stdio: requests that are valid JSON but hold a number serde_json cannot
represent (`1e400`, or an integer past a 64-bit float's range) are answered with an "invalid
params" error under their id, not dropped (a dropped request leaves its client waiting forever),
and the server goes on answering."""

from __future__ import annotations

import json
import select
import subprocess
import time

import anyio
import httpx
import pytest
from mcp.shared.exceptions import MCPError

from conftest import CONFIG, binary, client, http_server, ok, plan, server_env, stdio

INVALID_PARAMS = -32602


class Raw:
    """The binary over stdio, spoken to in raw JSON-RPC lines."""

    def __init__(self):
        self.proc = subprocess.Popen(
            [binary(), "--config", str(CONFIG)],
            env=server_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def initialize(self) -> None:
        """The handshake of the 2025 protocol."""
        self.send(json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}}))
        assert self.receive()["id"] == 0
        self.send('{"jsonrpc":"2.0","method":"notifications/initialized"}')

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def receive(self, timeout: float = 10) -> dict | None:
        """The next message, or None when none comes within `timeout` seconds."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if select.select([self.proc.stdout], [], [], left)[0]:
                line = self.proc.stdout.readline()
                return json.loads(line) if line else None
        return None

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def call(id_, arguments: str) -> str:
    """A tools/call of plan_purchase with `arguments` as raw JSON text."""
    return f'{{"jsonrpc":"2.0","id":{id_},"method":"tools/call","params":{{"name":"plan_purchase","arguments":{arguments}}}}}'


def test_a_number_out_of_range_is_answered_not_dropped():
    raw = Raw()
    try:
        raw.initialize()
        for id_, budget in [(1, "1e400"), (2, "-1e400"), ('"s-3"', "9" * 400)]:
            raw.send(call(id_, f'{{"prompt":"24 energy drinks","budget":{budget}}}'))
            answer = raw.receive()
            assert answer is not None, f"no answer to a budget of {budget[:10]}"
            assert answer["id"] == json.loads(str(id_)) and answer["error"]["code"] == INVALID_PARAMS, answer
            assert "number out of range" in answer["error"]["message"]
        # A notification has no answer; the server goes on.
        raw.send('{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":1e400}}')
        raw.send(call(4, '{"prompt":"24 energy drinks","budget":"100"}'))
        answer = raw.receive()
        assert answer["id"] == 4 and answer["result"]["structuredContent"]["options"], answer
    finally:
        raw.close()


def test_a_bad_last_line_is_answered_before_the_server_stops():
    raw = Raw()
    try:
        raw.initialize()
        # The bad line and the end of input together: its answer was lost.
        raw.send(call(7, '{"prompt":"24 energy drinks","budget":1e400}'))
        assert raw.proc.stdin is not None
        raw.proc.stdin.close()
        answer = raw.receive()
        assert answer is not None and answer["id"] == 7 and answer["error"]["code"] == INVALID_PARAMS, answer
    finally:
        raw.proc.wait(timeout=10)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_the_sdk_gets_an_error_for_a_budget_past_a_float(mode):
    """Python's json writes 10**400 as a 401-digit integer: valid JSON, past f64's range."""
    async with client(stdio(), mode=mode) as c:
        with anyio.fail_after(15), pytest.raises(MCPError) as raised:
            await c.call_tool("plan_purchase", {"prompt": "24 energy drinks", "budget": 10**400})
        assert raised.value.error.code == INVALID_PARAMS
        assert (await plan(c, "24 energy drinks", "100"))["options"]
        ok(await c.call_tool("get_policy", {}))


def test_a_key_given_twice_is_refused_not_read_as_the_last():
    """"budget": "5", "budget": "500" planned with 500, while a gateway or log reading the first
    saw 5 (the kernel's own request bodies refuse such JSON): on stdio and over HTTP alike."""
    twice = '{"prompt":"24 energy drinks","budget":"5","budget":"500"}'
    raw = Raw()
    try:
        raw.initialize()
        raw.send(call(5, twice))
        answer = raw.receive()
        assert answer is not None and answer["id"] == 5 and answer["error"]["code"] == INVALID_PARAMS, answer
        assert '"budget" twice' in answer["error"]["message"]
        raw.send(call(6, '{"prompt":"24 energy drinks","budget":"500"}'))
        assert raw.receive()["result"]["structuredContent"]["options"]
    finally:
        raw.close()
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    with http_server() as (url, _):
        answer = httpx.post(url, content=call(5, twice), headers=headers, timeout=10)
        assert answer.status_code == 200 and answer.json()["error"]["code"] == INVALID_PARAMS, answer.text
        assert '"budget" twice' in answer.json()["error"]["message"]
        # A browser page's request is refused as any other, whatever its JSON.
        page = httpx.post(url, content=call(5, twice), headers={**headers, "Origin": "https://shop.example"}, timeout=10)
        assert page.status_code == 403, page.text
        # Other requests pass on to the server as they came.
        hello = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}}
        started = httpx.post(url, json=hello, headers=headers, timeout=10)
        assert started.status_code == 200 and "protocolVersion" in started.text, started.text
