"""Async twins, GIL release under threads, and safety after fork."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time
from typing import Callable

import pytest

import fluxos
from conftest import NOW_MS, PROMPT, line


def test_async_twins_match_sync(flux: fluxos.Flux) -> None:
    sync = flux.orchestrate(PROMPT, budget="800")

    async def main() -> tuple[fluxos.Proposal, fluxos.Proposal, fluxos.Settlement]:
        a = await flux.orchestrate_async(PROMPT, budget="800")
        b = await flux.orchestrate_json_async(json.dumps({"prompt": PROMPT, "budget": 800}))
        s = await flux.execute_async(a.cart)
        return a, b, s

    a, b, s = asyncio.run(main())
    assert a.canonical_json() == sync.canonical_json() == b.canonical_json()
    assert s.status == "success" and s.cart_id == sync.cart_id


def test_async_errors_are_typed(flux: fluxos.Flux) -> None:
    async def main() -> None:
        await flux.execute_async([line("evil_corp", "5")])

    with pytest.raises(fluxos.PolicyViolation) as info:
        asyncio.run(main())
    assert info.value.code == "POLICY_VIOLATION"
    assert info.value.violations[0].code == "UNKNOWN_MERCHANT"

    async def bad_prompt() -> None:
        await flux.orchestrate_async("qwzx plorb", budget=10)

    with pytest.raises(fluxos.ParseError):
        asyncio.run(bad_prompt())


def test_async_concurrency(flux: fluxos.Flux) -> None:
    async def main() -> list[fluxos.Proposal]:
        return await asyncio.gather(*(flux.orchestrate_async(PROMPT, budget=100 + i) for i in range(50)))

    results = asyncio.run(main())
    assert len(results) == 50
    assert len({r.budget for r in results}) == 50


def test_a_cancelled_await_never_cuts_a_settlement_short(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    async def main() -> None:
        task = asyncio.ensure_future(flux.execute_async(proposal.cart, "cancelled-await"))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())  # the loop is closed before the kernel is done: nobody is told, nothing breaks
    for _ in range(500):
        try:
            again = flux.execute(proposal.cart, "cancelled-await")
        except fluxos.FluxError as e:
            assert e.kind == "conflict", e  # still settling
            time.sleep(0.01)
            continue
        assert again.status == "success", again
        break
    else:
        pytest.fail("the settlement never finished")

    # The cancelled call ran to its end all the same: whichever of the two reached the kernel
    # first settled the key, the other replayed it; the key was paid once.
    def outcomes() -> list[str]:
        events = (json.loads(line) for line in flux.audit_jsonl().splitlines())
        return [e["kind"] for e in events if e.get("payload", {}).get("key") == "cancelled-await" and e["kind"].startswith("settlement.")]

    for _ in range(500):
        if len(outcomes()) >= 2:
            break
        time.sleep(0.01)
    assert sorted(outcomes()) == ["settlement.completed", "settlement.replayed"], outcomes()


def test_async_cart_edits(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    first = proposal.options[0]

    async def main() -> fluxos.Cart:
        return await flux.set_units_async(proposal.cart, first.id, first.units * 2, proposal.intent)

    assert asyncio.run(main()) == flux.set_units(proposal.cart, first.id, first.units * 2, proposal.intent)


def test_async_from_several_loops(flux: fluxos.Flux) -> None:
    # A fresh event loop each time (as pytest-asyncio or uvicorn reloads do).
    for _ in range(3):
        assert asyncio.run(flux.orchestrate_async(PROMPT, budget=800)).options


def _long_call(flux: fluxos.Flux, big: bytes) -> None:
    # Parsing a 10,000-line cart and authorizing it: milliseconds of Rust with the GIL released.
    flux.authorize(big)


def test_gil_released_during_blocking_calls(flux: fluxos.Flux) -> None:
    big = json.dumps([line("amazon", "1.5", id=f"l{i}") for i in range(10_000)]).encode()
    counter = 0
    stop = False

    def spin() -> None:
        nonlocal counter
        while not stop:
            counter += 1
            time.sleep(0.0001)  # hand the GIL back at once, so the main thread never waits for it

    t = threading.Thread(target=spin, daemon=True)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1.0)  # no forced switches: the spinner runs only when the GIL is released
    t.start()
    try:
        progressed = 0
        for _ in range(5):
            before = counter
            _long_call(flux, big)
            if counter > before:
                progressed += 1
        assert progressed >= 3, "another Python thread should run while the kernel works"
    finally:
        stop = True
        sys.setswitchinterval(old)
        t.join()


def test_threads_share_one_instance(flux: fluxos.Flux) -> None:
    errors: list[BaseException] = []
    texts: set[str] = set()

    def work() -> None:
        try:
            for _ in range(20):
                texts.add(flux.orchestrate(PROMPT, budget="800").canonical_json())
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(texts) == 1


def run_in_fork(child: Callable[[], object]) -> object:
    """Runs `child` in a forked process and returns its JSON-encoded result; fails on a hang."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            os.close(r)
            os.write(w, json.dumps(child()).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    deadline = time.monotonic() + 30
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung")
        time.sleep(0.02)
    out = os.read(r, 1 << 16)
    os.close(r)
    assert os.waitstatus_to_exitcode(status) == 0
    return json.loads(out)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_fork_safety() -> None:
    flux = fluxos.Flux(settler="memory", now_ms=NOW_MS)
    # Start the runtime in the parent (sync and async paths).
    proposal = flux.orchestrate(PROMPT, budget="800")
    expected = proposal.canonical_json()
    asyncio.run(flux.orchestrate_async(PROMPT, budget="800"))

    def child() -> list[object]:
        got_sync = flux.orchestrate(PROMPT, budget="800").canonical_json()
        got_async = asyncio.run(asyncio.wait_for(flux.orchestrate_async(PROMPT, budget="800"), 10)).canonical_json()
        settled = asyncio.run(asyncio.wait_for(flux.execute_async(proposal.cart), 10)).status
        return [got_sync == expected, got_async == expected, settled]

    assert run_in_fork(child) == [True, True, "success"]
    # The parent still works.
    assert asyncio.run(flux.orchestrate_async(PROMPT, budget="800")).canonical_json() == expected


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_signing_after_fork() -> None:
    """A forked child of a process that has signed signs the same bytes, from several threads at
    once. (flux-ecdsa builds a fresh signing context per process, lock-free, so no lock held
    by a parent thread at fork time can hang the child.)"""
    flux = fluxos.Flux(now_ms=NOW_MS)  # the sandbox settler signs every leg
    cart = flux.orchestrate(PROMPT, budget="800").cart
    assert len({ln.vendor_id for ln in cart}) >= 2
    parent = flux.execute(cart, idempotency_key="fork").canonical_json()

    def child() -> list[str]:
        results: list[str] = []

        def settle() -> None:
            results.append(fluxos.Flux(now_ms=NOW_MS).execute(cart, idempotency_key="fork").canonical_json())

        threads = [threading.Thread(target=settle) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        return results

    got = run_in_fork(child)
    assert got == [parent] * 3
    assert json.loads(parent)["mode"] == "sandbox"


def test_a_script_that_awaited_exits_cleanly() -> None:
    """A script whose last act was an awaited call aborted at exit (SIGABRT) about once in 20
    runs: a runtime worker still resolving the awaitable asked for the GIL while the interpreter
    finalized. Many short scripts, run two at a time, must all exit 0."""
    import subprocess

    script = (
        "import asyncio, fluxos\n"
        "flux = fluxos.Flux(settler='memory')\n"
        "print(asyncio.run(flux.orchestrate_async('10 snacks', '500')).total)\n"
    )
    # A call left running when the script ends (its await cancelled) that then fails: its error
    # becomes a Python exception only while the interpreter still takes workers.
    abandoned = (
        "import asyncio, fluxos\n"
        "flux = fluxos.Flux(settler='memory')\n"
        "async def main():\n"
        "    asyncio.ensure_future(flux.orchestrate_async('nothing known here at all', '500'))\n"
        "    await asyncio.sleep(0)\n"
        "asyncio.run(main())\n"
        "print('10.99')\n"
    )
    env = {**os.environ, "FLUX_LEDGER": "memory"}
    codes: list[int] = []
    for _ in range(30):
        runs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for code in (script, abandoned)]
        for run in runs:
            out, err = run.communicate(timeout=60)
            codes.append(run.returncode)
            assert run.returncode == 0, (run.returncode, err.decode(errors="replace")[-500:])
            assert out.strip() == b"10.99", out
    assert codes == [0] * 60
