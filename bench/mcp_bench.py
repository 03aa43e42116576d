"""Tool-call latency of flux-mcp over stdio from the official Python MCP client.

For `plan_purchase` and `check_policy`: the round trip the client sees (median, p99) beside the
kernel's own time for the same call (what the server measured around the kernel call and returned
in `_meta["flux/kernel_us"]`), and a `resources/list` round trip (a static answer: no kernel call) as the transport's floor. One process,
one client, calls in sequence. Usage: python mcp_bench.py BINARY [--calls N] [--mode auto|legacy]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

from mcp import Client, StdioServerParameters

PROMPTS = [
    ("24 energy drinks and 10 usb-c hubs", "240"),
    ("40 conference badges, 40 lanyards and 10 hdmi cables", "300"),
    ("snacks and drinks for 30 people, 5 extension cords", "400"),
    ("20 office chairs for a week and 2 projectors", "900"),
]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def row(name: str, total_us: list[float], kernel_us: list[float] | None) -> str:
    med, p99 = statistics.median(total_us), pct(total_us, 99)
    if kernel_us is None:
        return f"| {name} | {len(total_us)} | {med / 1000:.3f} | {p99 / 1000:.3f} | — | — | — |"
    k_med, k_p99 = statistics.median(kernel_us), pct(kernel_us, 99)
    share = 100 * k_med / med
    return f"| {name} | {len(total_us)} | {med / 1000:.3f} | {p99 / 1000:.3f} | {k_med / 1000:.3f} | {k_p99 / 1000:.3f} | {share:.0f}% |"


async def timed(coro) -> tuple[float, object]:
    started = time.perf_counter_ns()
    result = await coro
    return (time.perf_counter_ns() - started) / 1000, result


async def main(binary: str, calls: int, mode: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLUX_")}
    env["FLUX_LEDGER"] = "memory"
    params = StdioServerParameters(command=binary, args=[], env=env)
    async with Client(params, mode=mode, cache=None) as c:
        carts = []
        for prompt, budget in PROMPTS:  # warm-up, and carts to check
            r = await c.call_tool("plan_purchase", {"prompt": prompt, "budget": budget})
            carts.append(r.structured_content["cart_id"])
        for _ in range(20):
            await c.list_resources()
            await c.call_tool("check_policy", {"cart_id": carts[0]})
        floor = [(await timed(c.list_resources()))[0] for _ in range(calls)]
        plan_total, plan_kernel, check_total, check_kernel = [], [], [], []
        for i in range(calls):
            prompt, budget = PROMPTS[i % len(PROMPTS)]
            us, r = await timed(c.call_tool("plan_purchase", {"prompt": prompt, "budget": budget}))
            assert not r.is_error, r
            plan_total.append(us)
            plan_kernel.append(r.meta["flux/kernel_us"])
        for i in range(calls):
            us, r = await timed(c.call_tool("check_policy", {"cart_id": carts[i % len(carts)]}))
            assert not r.is_error, r
            check_total.append(us)
            check_kernel.append(r.meta["flux/kernel_us"])
    print(f"flux-mcp over stdio, Python mcp client ({mode} mode: protocol {'2025-11-25' if mode == 'legacy' else '2026-07-28'}), {calls} calls each, in sequence")
    print()
    print("| call | n | median ms | p99 ms | kernel median ms | kernel p99 ms | kernel share of median |")
    print("|---|---|---|---|---|---|---|")
    print(row("resources/list (transport floor)", floor, None))
    print(row("plan_purchase", plan_total, plan_kernel))
    print(row("check_policy", check_total, check_kernel))
    print()
    print(
        f"overhead over the kernel (median): plan_purchase {(statistics.median(plan_total) - statistics.median(plan_kernel)) / 1000:.3f} ms, "
        f"check_policy {(statistics.median(check_total) - statistics.median(check_kernel)) / 1000:.3f} ms; "
        f"resources/list {statistics.median(floor) / 1000:.3f} ms"
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--mode", default="auto", choices=["auto", "legacy"])
    a = ap.parse_args()
    if a.calls < 200:
        ap.error("--calls: at least 200, for a p99 worth the name")
    asyncio.run(main(a.binary, a.calls, a.mode))
